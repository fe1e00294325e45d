"""A pending baseline (``baseline_pending: true``): what validate and show say of it in a successor
and in a member plan, and ``ipplan record BASELINE-YEAR KEY VALUE`` filling it in
(docs/writing-a-plan.md, "The next plan")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import SHIPPED, Run, snapshot
from tests.test_successor import _after_the_plan, indicators  # noqa: F401 - the day, autouse

TITLE = "专利代理行业发展规划（2026-2030年）"


@pytest.fixture
def pair(tmp_path: Path, cli: Run) -> tuple[Path, Path]:
    """The shipped 2022-2025 plan with its 2025 practitioners figure, and its successor."""
    old = tmp_path / "old"
    shutil.copytree(SHIPPED, old)
    done = cli("record", "2025", "practitioners", "41000", "--source", "统计", "--data", str(old))
    assert done.exit_code == 0, done.stderr
    new = tmp_path / "next"
    made = cli("new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE)
    assert made.exit_code == 0, made.stderr
    return old, new


def baseline_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "baseline-" in line]


def test_a_successor_names_its_previous_plan_and_a_pending_baseline_says_how_to_fill_it(
    pair: tuple[Path, Path], cli: Run
) -> None:
    _, new = pair
    plan = yaml.safe_load((new / "indicators.yaml").read_text(encoding="utf-8"))["plan"]
    assert plan["predecessor"] == "../old"  # relative to the new plan: both can move together
    zh = cli("validate", "--data", str(new))
    assert zh.exit_code == 0, zh.stderr
    assert baseline_lines(zh.stderr)[0] == (
        f"{new}/indicators.yaml:41: baseline-pending: 中型以上专利代理机构数量的基线（2025 年数值）"
        "待定；取得该数值后，用 ipplan record 2025 medium_agencies 数值 --source 来源 写入本计划"
    )
    en = cli("validate", "--data", str(new), "--lang", "en")
    assert baseline_lines(en.stderr)[0] == (
        f"{new}/indicators.yaml:41: baseline-pending: the baseline of Medium-sized and larger "
        "patent agencies (its 2025 figure) is pending; once it is known, write it into this "
        "plan with ipplan record 2025 medium_agencies VALUE --source SOURCE"
    )
    shown = cli("show", "medium_agencies", "--data", str(new)).stdout.splitlines()
    assert "基线：待定（基线年的数值尚未写入本计划）" in shown
    shown_en = cli("show", "medium_agencies", "--data", str(new), "--lang", "en").stdout
    assert (
        "Baseline: pending (the baseline year's figure is not written into this plan yet)"
        in shown_en
    )


def test_validate_says_when_the_previous_plan_has_since_recorded_the_figure(
    pair: tuple[Path, Path], cli: Run
) -> None:
    old, new = pair
    done = cli("record", "2025", "medium_agencies", "130", "--data", str(old), "--accept-jump")
    assert done.exit_code == 0, done.stderr
    before = snapshot(new)
    zh = cli("validate", "--data", str(new))
    assert zh.exit_code == 0, zh.stderr
    assert baseline_lines(zh.stderr)[0] == (
        f"{new}/indicators.yaml:41: baseline-in-previous: 中型以上专利代理机构数量的基线"
        "（2025 年数值）待定：上一期计划 ../old 已记录 130；用 ipplan record 2025 "
        "medium_agencies 130 --source 来源 写入本计划"
    )
    en = cli("validate", "--data", str(new), "--lang", "en")
    assert baseline_lines(en.stderr)[0] == (
        f"{new}/indicators.yaml:41: baseline-in-previous: the baseline of Medium-sized and larger "
        "patent agencies (its 2025 figure) is pending: the previous plan ../old has recorded "
        "130; write it into this plan with ipplan record 2025 medium_agencies 130 --source SOURCE"
    )
    assert snapshot(new) == before  # validate only reads
    # the previous plan moved away or broken: the plain message, never a failure
    shutil.rmtree(old)
    gone = cli("validate", "--data", str(new))
    assert gone.exit_code == 0, gone.stderr
    assert "baseline-pending: 中型以上专利代理机构数量" in baseline_lines(gone.stderr)[0]


def test_record_in_the_baseline_year_fills_a_pending_baseline(
    pair: tuple[Path, Path], cli: Run
) -> None:
    _, new = pair
    data = ("--data", str(new))
    done = cli("record", "2025", "medium_agencies", "130", "--source", "年报", *data)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "已把 中型以上专利代理机构数量 的基线写为 130 家（2025 年，来源：年报）。"
    )
    entry = indicators(new)["medium_agencies"]
    assert entry["baseline"] == {"year": 2025, "value": 130}
    assert "baseline_pending" not in entry
    text = (new / "indicators.yaml").read_text(encoding="utf-8")
    assert "    baseline: {year: 2025, value: 130}  # source: 年报\n" in text
    checked = cli("validate", *data)
    assert "medium_agencies" not in checked.stderr
    assert "中型以上专利代理机构数量的基线" not in checked.stderr
    # once set it is a baseline like any other: the baseline year takes no actual
    again = cli("record", "2025", "medium_agencies", "131", *data)
    assert again.exit_code == 1
    english = cli("record", "2025", "litigators", "70", "--lang", "en", *data)
    assert english.exit_code == 0, english.stderr
    assert english.stdout.splitlines()[0].startswith("Set the baseline of ")
    # the value as written, every decimal (12.345678 was once confirmed as 12.35)
    exact = cli("record", "2025", "agency_rate", "80.125678", "--lang", "en", *data)
    assert exact.exit_code == 0, exact.stderr
    assert " 80.125678 %" in exact.stdout.splitlines()[0]
    noted = cli("record", "2025", "revenue", "12.5", "--source", "年报", "--note", "估算", *data)
    assert noted.exit_code == 0, noted.stderr
    text = (new / "indicators.yaml").read_text(encoding="utf-8")
    assert "    baseline: {year: 2025, value: 12.5}  # source: 年报; note: 估算\n" in text
    scripted = cli("record", "2025", "complaint_rate", "1.2", "--json", *data)
    assert scripted.exit_code == 0, scripted.stderr
    assert json.loads(scripted.stdout) == {
        "baseline_set": {
            "key": "complaint_rate",
            "year": 2025,
            "value": 1.2,
            "source": None,
            "note": None,
        }
    }


def test_a_refused_baseline_leaves_every_file_as_it_was(pair: tuple[Path, Path], cli: Run) -> None:
    _, new = pair
    data = ("--data", str(new))
    for args, said in (
        (["2025", "medium_agencies", "-5"], "数值 -5 超出允许范围"),
        (["2025", "medium_agencies", "1.5"], "整数"),
        (["2025", "medium_agencies", "--not-published", "--source", "x"], "基线"),
    ):
        before = snapshot(new)
        refused = cli("record", *args, *data)
        assert refused.exit_code == 1, (args, refused.stdout)
        assert said in refused.stderr, (args, refused.stderr)
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert snapshot(new) == before, args


def test_a_pending_baseline_written_otherwise_is_left_to_the_hand(
    pair: tuple[Path, Path], cli: Run
) -> None:
    _, new = pair
    path = new / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("key: medium_agencies")
    path.write_text(
        text[:at] + text[at:].replace("    baseline: null\n", "    baseline:\n      null\n", 1),
        encoding="utf-8",
    )
    before = snapshot(new)
    refused = cli("record", "2025", "medium_agencies", "130", "--data", str(new))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "错误：indicators.yaml 中这一基线不是 ipplan new 所写的 baseline: null 与 "
        "baseline_pending: true 两行，未作改动；请手工写入 baseline: {year: 2025, value: …}，"
        "并删去 baseline_pending。\n"
    )
    english = cli("record", "2025", "medium_agencies", "130", "--data", str(new), "--lang", "en")
    assert english.stderr == (
        "error: this baseline is not written in indicators.yaml as ipplan new writes it "
        "(baseline: null, then baseline_pending: true), so nothing was changed; write baseline: "
        "{year: 2025, value: …} by hand and delete baseline_pending\n"
    )
    assert snapshot(new) == before


def test_a_member_plans_pending_baseline_is_its_own(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_successor import shanghai

    root, _ = shanghai(cli, tmp_path, monkeypatch)
    text = (root / "provinces" / "sh" / "indicators.yaml").read_text(encoding="utf-8")
    assert "# A member plan of national (2022-2025), made by `ipplan new --member-of`" in text
    assert "Carried from" not in text
    assert '  member_of: "national"\n' in text
    assert "predecessor" not in text
    checked = cli("validate", "--plan", "sh")
    assert checked.exit_code == 0, checked.stderr
    path = "provinces/sh/indicators.yaml"
    assert baseline_lines(checked.stderr)[0] == (
        f"{path}:30: own-baseline-pending: 执业专利代理师人数的基线（2021 年数值）待定："
        "本计划是 national 的成员计划，基线由本计划自己确定；用 ipplan record 2021 "
        "practitioners 数值 --source 来源 写入"
    )
    en = cli("validate", "--plan", "sh", "--lang", "en")
    assert baseline_lines(en.stderr)[0] == (
        f"{path}:30: own-baseline-pending: the baseline of Practising patent attorneys (its 2021 "
        "figure) is pending: as a member plan of national, this plan sets its own baseline; "
        "write it with ipplan record 2021 practitioners VALUE --source SOURCE"
    )
    assert "上一期" not in checked.stderr and "previous plan" not in en.stderr
    shown = cli("show", "practitioners", "--plan", "sh").stdout.splitlines()
    assert "基线：待定（基线年的数值尚未写入本计划）" in shown
    filled = cli("record", "2021", "practitioners", "3000", "--plan", "sh", "--source", "省局")
    assert filled.exit_code == 0, filled.stderr
    assert indicators(root / "provinces" / "sh")["practitioners"]["baseline"] == {
        "year": 2021,
        "value": 3000,
    }


def test_a_baseline_written_in_is_one_entry_in_history_and_one_step_of_undo(
    pair: tuple[Path, Path], cli: Run
) -> None:
    _, new = pair
    data = ("--data", str(new))
    pending = (new / "indicators.yaml").read_bytes()
    done = cli("record", "2025", "medium_agencies", "130", "--source", "年报", *data)
    assert done.exit_code == 0, done.stderr
    written = (new / "indicators.yaml").read_bytes()
    (record,) = sorted((new / "baselines").iterdir())
    kept = record.read_bytes()
    assert kept.decode("utf-8").startswith(
        "# yaml-language-server: $schema=../schema/baseline.schema.json\n"
    )
    scripted = json.loads(cli("history", "--json", *data).stdout)
    entry = scripted["changes"][0]
    assert {k: v for k, v in entry.items() if k != "recorded"} == {
        "kind": "baseline",
        "key": "medium_agencies",
        "name": "中型以上专利代理机构数量",
        "name_en": "Medium-sized and larger patent agencies",
        "unit": "家",
        "year": 2025,
        "value": 130,
        "source": "年报",
        "note": None,
    }
    assert scripted["next_undo"]["changes"] == [entry]
    zh = cli("history", *data)
    assert zh.exit_code == 0, zh.stderr
    assert "写入基线 130 家" in zh.stdout
    assert "ipplan undo 将撤销最新的变更：中型以上专利代理机构数量 2025" in zh.stdout
    en = cli("history", "--lang", "en", *data)
    assert "set the baseline to 130" in en.stdout, en.stdout
    one = json.loads(cli("history", "medium_agencies", "--json", *data).stdout)
    assert one["changes"] == [entry]

    undone = cli("undo", *data)
    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout.splitlines()[0].startswith("已撤销 ")
    assert "中型以上专利代理机构数量 的基线 130 家（2025 年）；该基线重回待定。" in undone.stdout
    assert (new / "indicators.yaml").read_bytes() == pending
    assert not record.exists()
    assert indicators(new)["medium_agencies"]["baseline_pending"] is True
    assert cli("validate", *data).exit_code == 0
    kinds = [c["kind"] for c in json.loads(cli("history", "--json", *data).stdout)["changes"]]
    assert kinds == ["undo"]

    redone = cli("undo", "--lang", "en", *data)
    assert redone.exit_code == 0, redone.stderr
    assert (new / "indicators.yaml").read_bytes() == written
    assert record.read_bytes() == kept
    kinds = [c["kind"] for c in json.loads(cli("history", "--json", *data).stdout)["changes"]]
    assert kinds == ["undo", "undo", "baseline"]
    assert cli("validate", *data).exit_code == 0


def test_a_refused_undo_of_a_baseline_changes_nothing(pair: tuple[Path, Path], cli: Run) -> None:
    _, new = pair
    data = ("--data", str(new))
    done = cli("record", "2025", "medium_agencies", "130", *data)
    assert done.exit_code == 0, done.stderr
    (record,) = sorted((new / "baselines").iterdir())
    # the record kept names an indicator the plan lacks: validation refuses, nothing is written
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('indicator: "medium_agencies"', 'indicator: "nosuch"'), "utf-8")
    before = snapshot(new)
    refused = cli("undo", *data)
    assert refused.exit_code == 1
    assert f"{record}:3: unknown-indicator: " in refused.stderr, refused.stderr
    assert snapshot(new) == before


def test_undo_of_a_baseline_refuses_when_indicators_yaml_changed_since(
    pair: tuple[Path, Path], cli: Run
) -> None:
    _, new = pair
    data = ("--data", str(new))
    done = cli("record", "2025", "medium_agencies", "130", *data)
    assert done.exit_code == 0, done.stderr
    path = new / "indicators.yaml"
    edited = path.read_text(encoding="utf-8").replace(TITLE, "专利代理行业发展规划（修订）")
    path.write_text(edited, encoding="utf-8")
    before = snapshot(new)
    refused = cli("undo", *data)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "错误：indicators.yaml 在写入 medium_agencies 的基线（2025 年）之后又有改动，撤销会丢掉"
        "这些改动，因此未作任何改动；请手工把该基线改回 baseline: null 与 baseline_pending: true。"
    )
    english = cli("undo", "--lang", "en", *data)
    assert english.exit_code == 1
    assert english.stderr.strip() == (
        "error: indicators.yaml has changed since the baseline of medium_agencies (2025) was "
        "written in, and undo would lose that change, so nothing was changed; put the baseline "
        "back by hand (baseline: null, then baseline_pending: true)"
    )
    assert snapshot(new) == before
