"""The shipped 2022 work plan is the association's own text, item for item and word for word.

The source is the notice of 29 March 2022 as it circulates, in traditional characters
(tests/sources/2022-key-work-plan.txt: the copy's text up to the line naming the attached
计划表; the advertisement the copy's website appended after it is left out). The document was
issued in simplified characters, so the test converts the source with OpenCC, applies the few
corrections a reader makes to OpenCC's output, and compares every item with the shipped file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

opencc = pytest.importorskip("opencc", reason="OpenCC is a development dependency")

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "tests" / "sources" / "2022-key-work-plan.txt"
SOURCE_SHA256 = "c76059c58bd9f4ebeef584ded5f490e53ff20b6aa09707817f19ca7413b94223"
# The project's seed, where the repository sits beside it (as in CI).
SEED = REPO.parent / "shared" / "seeds" / "000_c0a003d908ddaa89.txt"
SHIPPED = REPO / "data" / "workplans" / "2022.yaml"

# Where OpenCC's character-by-character conversion differs from how the document reads in
# simplified characters: 著 in 著力 ("to put effort into") is written 着.
CORRECTIONS = {"著力": "着力"}
# The circulating copy turned the document's full-width punctuation into ASCII.
PUNCTUATION = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！"})
NUMERALS = "一二三四五六七八九十"
ITEM = re.compile(r"（([一二三四五六七八九十])）([^。]*)。(.*)")


def simplified(text: str) -> str:
    converted = opencc.OpenCC("t2s").convert(text)
    for wrong, right in CORRECTIONS.items():
        converted = converted.replace(wrong, right)
    return converted.translate(PUNCTUATION)


def sentences(text: str) -> list[str]:
    assert text.endswith("。"), text
    return [part + "。" for part in text.split("。") if part]


def source_items() -> list[dict[str, Any]]:
    """The work items of the source: each numbered (一)… item, or a section without any."""
    lines = simplified(SOURCE.read_text(encoding="utf-8")).split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    last = next(i for i, line in enumerate(lines) if line.startswith("附件"))
    sections: list[tuple[str, int, str, list[str]]] = []
    for line in lines[first:last]:
        heading = re.fullmatch(r"([一二三四五六七八九十])、(.*)", line)
        if heading:
            number = NUMERALS.index(heading.group(1)) + 1
            sections.append((line, number, heading.group(2), []))
        else:
            sections[-1][3].append(line)
    items: list[dict[str, Any]] = []
    for heading_line, number, title, body in sections:
        numbered = [ITEM.fullmatch(line) for line in body]
        if all(numbered):
            for match in numbered:
                assert match is not None
                sub = NUMERALS.index(match.group(1)) + 1
                items.append(
                    {
                        "id": f"y2022-{number}-{sub}",
                        "section": heading_line,
                        "measure": match.group(2),
                        "content": sentences(match.group(3)),
                    }
                )
        else:
            assert len(body) == 1, heading_line
            items.append(
                {
                    "id": f"y2022-{number}",
                    "section": heading_line,
                    "measure": title,
                    "content": sentences(body[0]),
                }
            )
    return items


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_source_is_the_seed_copy() -> None:
    raw = SOURCE.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SOURCE_SHA256
    if SEED.is_file():
        assert SEED.read_bytes().startswith(raw)


def test_the_work_plan_names_the_document() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/workplan.schema.json\n")
    header = yaml.safe_load(text)["workplan"]
    assert header["year"] == 2022
    assert header["title"] == "中华全国专利代理师协会2022年重点工作计划"
    assert header["issuer"] == "中华全国专利代理师协会"
    assert str(header["issued"]) == "2022-03-29"
    source = simplified(SOURCE.read_text(encoding="utf-8"))
    assert f"《{header['title']}》" in source
    assert "\n中华全国专利代理师协会\n2022年3月29日\n" in source


def test_every_item_of_the_source_is_shipped_word_for_word(shipped: dict[str, Any]) -> None:
    expected = source_items()
    assert len(expected) == 27  # sections 一 to 三 whole, and 3+7+4+2+3+2+3 numbered items
    items = shipped["items"]
    assert [item["id"] for item in items] == [item["id"] for item in expected]
    for item, wanted in zip(items, expected, strict=True):
        assert item["section"] == wanted["section"], item["id"]
        assert item["measure"] == wanted["measure"], item["id"]
        assert [c["text"] for c in item["content"]] == wanted["content"], item["id"]
        assert all(set(c) == {"text"} for c in item["content"]), item["id"]


def test_the_shipped_text_is_simplified(shipped: dict[str, Any]) -> None:
    convert = opencc.OpenCC("t2s").convert
    for item in shipped["items"]:
        for text in [item["section"], item["measure"]] + [c["text"] for c in item["content"]]:
            assert convert(text) == text, text
            assert not set(text) & set(",():;!"), text
            assert "著" not in text, text


def test_each_item_is_due_within_the_year_and_names_no_unit_the_text_does_not(
    shipped: dict[str, Any],
) -> None:
    for item in shipped["items"]:
        assert item["schedule"] == [{"period": "全年"}], item["id"]
        assert "lead" not in item, item["id"]
        assert "goal" not in item, item["id"]
    named = {item["id"]: item["support"] for item in shipped["items"] if "support" in item}
    # 十（一） is the only item whose text names units: the committees and the secretariat.
    assert named == {"y2022-10-1": ["各专门委员会", "协会秘书处"]}
    text = " ".join(c["text"] for c in shipped["items"][-3]["content"])
    assert all(unit in text for unit in named["y2022-10-1"])


def test_each_item_carries_actions_and_indicators_of_the_plan(shipped: dict[str, Any]) -> None:
    tasks = yaml.safe_load((REPO / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    indicators = yaml.safe_load((REPO / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    action_ids = {action["id"] for action in tasks["actions"]}
    indicator_keys = {indicator["key"] for indicator in indicators["indicators"]}
    carried: set[str] = set()
    for item in shipped["items"]:
        assert item["actions"], item["id"]
        assert set(item["actions"]) <= action_ids, item["id"]
        assert set(item.get("indicators", [])) <= indicator_keys, item["id"]
        carried |= set(item["actions"])
    # Every action and safeguard of the plan has some of the year's work.
    assert action_ids == carried
    by_id = {item["id"]: item for item in shipped["items"]}
    assert by_id["y2022-5-3"]["actions"] == ["senior-talent"]
    assert by_id["y2022-5-3"]["indicators"] == ["litigators"]
    assert by_id["y2022-6-4"]["actions"] == ["informatization"]
    assert by_id["y2022-2"]["actions"] == ["party-leadership"]
