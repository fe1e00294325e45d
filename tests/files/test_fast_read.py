"""The fast readers (ipplan.files.yaml_fast) read what the YAML parser reads, or stand aside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipplan.check.read import Checked
from ipplan.check.rules import rule_text
from ipplan.check.run import check
from ipplan.data import Actual
from ipplan.files import yaml_fast
from ipplan.files.record_text import dump_actual
from ipplan.files.yaml_fast import flat
from ipplan.files.yaml_read import parse, parse_yaml, read
from ipplan.files.yaml_scalars import MAX_NODES

P = Path("actuals/practitioners/2023.yaml")


def _typed(value: Any) -> Any:
    """``value`` with the type of every scalar in it, so that 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def _same_as_parser(text: str, reader: Callable[[str], Any] = flat) -> bool:
    """Whether ``reader`` took ``text``; when it did, it must read what the parser reads."""
    found = reader(text)
    doc, problems = parse_yaml(text, P)
    if found is None:
        return False
    assert problems == []
    assert _typed(found[0]) == _typed(doc.data)
    assert found[1] == doc.lines
    return True


def _block(text: str) -> Any:
    return yaml_fast.read(text, MAX_NODES)


TAKEN = [
    # as ipplan writes it
    "# yaml-language-server: $schema=../../schema/actual.schema.json\nvalue: 31347\n"
    'source: "国家知识产权局《全国知识产权代理行业发展状况（2022年）》, 2023-05"\n'
    'recorded: "2026-11-21T20:59:38.591+00:00"\n',
    "value: 0\n",
    "value: -0\n",
    "value: -0.0\n",
    "value: 40.50\n",
    "value: 123456789012345\n",
    "value: null\nnote: true\nother: false\n",
    'note: "a # not a comment: it is quoted"\n',
    'note: ""\n',
    'note: "  spaces kept  "\n',
    "\n\nvalue: 3\n\n# end\n",
    "value: 3",  # no final line break
    'note: "中文，全角：标点"\n',
    'note: "it\'s"\n',
    'note: "zero width joiner \u200d kept"\n',
]

LEFT = [
    "",  # empty: the schema says what it lacks
    "# only a comment\n",
    "value: 040000\n",  # read differently by YAML 1.1 and 1.2
    "value: 1e3\n",
    "value: 1.0e-05\n",
    "value: 0x1F\n",
    "value: 1_000\n",
    "value: 1:20\n",
    "value: +5\n",
    "value: .5\n",
    "value: 5.\n",
    "value: 1234567890123456789012345\n",
    "value: ~\n",
    "value: Null\n",
    "value: True\n",
    "value: yes\n",
    "value:  5\n",
    "value: 5 \n",
    "value: 5 # comment\n",
    "value: 5\r\n",
    "value:\t5\n",
    "value: 5\nvalue: 6\n",  # duplicate key: a problem at its line
    'note: "escaped \\x1b"\n',
    'note: "a "quote" inside"\n',
    "note: 'single quoted'\n",
    "note: plain text\n",
    'note: "bidi \u202e override"\n',
    'note: "nel \x85 break"\n',
    'note: "line \u2028 separator"\n',
    'note: "bom \ufeff inside"\n',
    'note: "del \x7f"\n',
    "  value: 5\n",
    "Value: 5\n",
    "value: [1, 2]\n",
    "value: !!python/object:os.system 5\n",
    "---\nvalue: 5\n",
    "<<<<<<< HEAD\nvalue: 5\n=======\nvalue: 6\n>>>>>>> other\n",
    "value: 5\nhistory:\n  - value: 4\n",
]


@pytest.mark.parametrize("text", TAKEN)
def test_what_the_flat_path_takes_reads_as_the_parser_reads_it(text: str) -> None:
    assert _same_as_parser(text)
    doc, problems = parse(text, P)
    assert problems == [] and doc.plain


@pytest.mark.parametrize("text", LEFT)
def test_anything_else_is_left_by_the_flat_reader(text: str) -> None:
    assert not _same_as_parser(text)
    doc, problems = parse(text, P)
    slow, slow_problems = parse_yaml(text, P)
    assert _typed(doc.data) == _typed(slow.data) and doc.lines == slow.lines
    assert problems == slow_problems


def test_what_ipplan_writes_takes_the_flat_path(tmp_path: Path) -> None:
    import datetime as dt

    moment = dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=dt.timezone.utc)
    for value in (31347, 40.5, -0.25, 0):
        path = tmp_path / "r.yaml"
        path.write_text(dump_actual(Actual(2023, value, "来源", "注", moment)), "utf-8")
        doc, problems = read(path)
        assert problems == [] and doc.plain
        assert doc.data == {
            "value": value,
            "source": "来源",
            "note": "注",
            "recorded": "2026-01-02T03:04:05.678+00:00",
        }


def test_a_control_character_in_a_flat_file_is_still_a_problem() -> None:
    """The flat path leaves a file with a control character to the parser, whose text rule
    finds it: skipping the text check for flat files never lets one through."""
    doc, _ = parse('note: "right-to-left \u202e override"\n', P)
    assert not doc.plain
    found = list(rule_text(Checked({"x": doc})))
    assert [(p.line, p.code, p.params["char"]) for p in found] == [
        (1, "control-character", "U+202E")
    ]


FRAGMENTS = st.sampled_from(
    [
        "value", "note", "source", "a_b", "Value", ":", ": ", " ", '"', "'", "\\", "#", "-",
        "0", "1", "07", "1.5", "1e3", ".", "_", "null", "true", "False", "~", "\n", "\r",
        "\t", "中", "\u202e", "\x85", "\ufeff", "[", "]", "{", "}", "!", "&a", "*a", "---",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=24).map("".join))
def test_fast_readers_never_disagree_with_the_parser(text: str) -> None:
    _same_as_parser(text)
    _same_as_parser(text, _block)
    doc, problems = parse(text, P)
    slow, slow_problems = parse_yaml(text, P)
    assert _typed(doc.data) == _typed(slow.data) and doc.lines == slow.lines
    assert problems == slow_problems


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["value", "note", "source", "recorded"]),
            st.one_of(
                st.integers(-(10**15), 10**15).map(str),
                st.floats(-1e9, 1e9, allow_nan=False).map(repr),
                st.text(max_size=12).map(lambda t: '"' + t + '"'),
            ),
        ),
        max_size=5,
    )
)
def test_key_value_lines_read_alike(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    _same_as_parser(text)
    _same_as_parser(text, _block)


def test_the_shipped_plan_checks_the_same_through_either_reader() -> None:
    """Every file of the shipped plan is read by a fast reader, and the plan checked from what
    they read is the plan checked from what the parser reads."""
    from ipplan import load
    from ipplan.files import layout

    data = Path(__file__).resolve().parents[2] / "data"
    docs, problems = load.read_documents(layout.DataDir(data))
    assert problems == []
    assert all(doc.plain for doc in docs.values() if doc.data is not None)
    slow = {
        name: parse_yaml(doc.path.read_text("utf-8"), doc.path)[0] if doc.plain else doc
        for name, doc in docs.items()
    }
    fast_check, slow_check = check(docs), check(slow)
    assert fast_check.problems == slow_check.problems == []
    assert fast_check.plan == slow_check.plan
    assert [i for _, i in fast_check.indicators] == [i for _, i in slow_check.indicators]
    assert [a for _, a in fast_check.actions] == [a for _, a in slow_check.actions]
    assert {k: [f.item for f in v] for k, v in fast_check.actuals.items()} == {
        k: [f.item for f in v] for k, v in slow_check.actuals.items()
    }


def _yaml_files() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    found = [*root.glob("data/**/*.yaml"), *root.glob("tests/**/*.yaml"), *root.glob("*.yaml")]
    return sorted(p for p in found if ".venv" not in p.parts)


@pytest.mark.parametrize("path", _yaml_files(), ids=str)
def test_every_yaml_file_of_the_project_reads_alike(path: Path) -> None:
    text = path.read_text("utf-8-sig")
    _same_as_parser(text, _block)
    _same_as_parser(text)


BLOCK_TAKEN = [
    "a:\n  b: 1\n  c:\n    - x\n    - y\n",
    "plan:\n  title: 推进专利代理行业高质量发展行动计划\n  baseline_year: 2021\n",
    "items:\n- id: a\n  n: 1\n- id: b\n",  # a list at its key's indentation
    "k: [a, b, 中文, -5, 0.5, 'q', \"d\"]\nm: {year: 2021, value: 26829}\n",
    "k: []\nm: {}\n",
    "k: [ a , b ]\n",
    'k: value # a comment\nj: "quoted"   # another\n',
    "k: C#\nu: http://example.org/a?b=c\n",
    "k: 2025-12-31\nt: 2024-01-01T10:00:00+08:00\n",
    "k: on\ny: yes\nn: No\nt: TRUE\nf: false\nz: ~\nnul: NULL\n",
    "k:\nj: 1\n",  # an empty value is null
    "k: a, b and [c]\n",  # flow indicators inside a plain scalar of a block
    "k: 'it''s'\n".replace("''", "x"),
    "  a: 1\n  b: 2\n",  # indented as a whole
    "- a\n- b: 1\n  c: 2\n- [x]\n",
    "a:\n    - b: 1\n      c:\n        d: [1, 2]\n",
]

BLOCK_LEFT = [
    "k: |\n  text\n",
    "k: >\n  text\n",
    "k: &a x\nj: *a\n",
    "k: !!str 5\n",
    "k: plain\n  continued\n",
    "k: [a,\n  b]\n",
    "k: [a, b,]\n",
    "k: {a: 1, a: 2}\n",
    "k: a: b\n",
    "k: a:\n",
    "-\n  a: 1\n",
    "- - a\n",
    "k:\n  plain text below\n",
    "? complex\n: key\n",
    '"quoted key": 1\n',
    "k: 1\n  - x\n",
    "k: 'it''s'\n",
    'k: "a\\tb"\n',
    "k: 0x1F\n",
    "k: 1e3\n",
    "k: <<\n",
    "<<: {a: 1}\n",
    "k: =\n",
    "a:\n  b: 1\n c: 2\n",  # indentation that matches no open block
    "k: [a]]\n",
    "k: {a:1}\n",
    "k: [a: 1]\n",
]


@pytest.mark.parametrize("text", BLOCK_TAKEN)
def test_what_the_block_reader_takes_reads_as_the_parser_reads_it(text: str) -> None:
    assert _same_as_parser(text, _block)
    doc, problems = parse(text, P)
    assert problems == [] and doc.plain


@pytest.mark.parametrize("text", BLOCK_LEFT)
def test_the_block_reader_leaves_the_rest_to_the_parser(text: str) -> None:
    assert not _same_as_parser(text, _block)
    doc, problems = parse(text, P)
    slow, slow_problems = parse_yaml(text, P)
    assert _typed(doc.data) == _typed(slow.data) and doc.lines == slow.lines
    assert problems == slow_problems and not doc.plain


SCALARS = st.sampled_from(
    [
        "x", "中文", "a b", "1", "-1", "0.5", "07", "1e3", "1_000", "0x1F", "+1", ".5", "~",
        "null", "yes", "On", "True", "2025-12-31", "1:20", "C#", "a #b", "a: b", "a:", "[x]",
        "{}", "[]", "[a, b]", "{a: 1}", "'q'", '"q"', '"a # b"', "'it''s'", "-", "- x", "?",
        "&a", "*a", "!t", "|", ">", "%", "@", "`", "a,b", "<<", "=", "", " ", "\u202e", "é",
        "2015Q1", "3月底前", ".inf", "-.Inf", ".NaN", "1e", "12:30:00",
        "2001-12-14t21:59:43.10-05:00", "0b101", "0o17", "017", "190:20:30", "1_0.5", "+.5",
        "a:b", "a #b #c", "x:",
    ]
)  # fmt: skip
KEYS = st.sampled_from(["a", "b", "key", "name_en", "A1", "_", "y", "null", "k-k", "1"])


def _documents(depth: int) -> st.SearchStrategy[str]:
    """Block YAML made of the pieces plan files are made of, and some they are not."""
    if depth == 0:
        return SCALARS.map(lambda s: " " + s if s else s)
    inner = _documents(depth - 1)

    def mapping(pairs: list[tuple[str, str, bool]]) -> str:
        out = []
        for key, value, nested in pairs:
            if nested:
                lines = [line for line in value.split("\n") if line]
                out.append(f"{key}:\n" + "".join(f"  {line}\n" for line in lines))
            else:
                out.append(f"{key}:{value}\n" if "\n" not in value else f"{key}: x\n")
        return "".join(out)

    def sequence(items: list[tuple[str, bool]]) -> str:
        out = []
        for value, nested in items:
            lines = [line for line in value.split("\n") if line]
            if nested and lines:
                out.append("- " + lines[0].lstrip(" ") + "\n")
                out += ["  " + line + "\n" for line in lines[1:]]
            else:
                out.append(f"-{value}\n" if "\n" not in value else "- x\n")
        return "".join(out)

    return st.one_of(
        st.lists(st.tuples(KEYS, inner, st.booleans()), min_size=1, max_size=4).map(mapping),
        st.lists(st.tuples(inner, st.booleans()), min_size=1, max_size=4).map(sequence),
    )


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(_documents(3))
def test_block_reader_never_disagrees_with_the_parser(text: str) -> None:
    _same_as_parser(text, _block)
    doc, problems = parse(text, P)
    slow, slow_problems = parse_yaml(text, P)
    assert _typed(doc.data) == _typed(slow.data) and doc.lines == slow.lines
    assert problems == slow_problems


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1025 + ": 1\n",
        "x: 1\n" + "a" * 1025 + ": 1\n",
        "- " + "a" * 1025 + ": 1\n",
        "x:\n  " + "a" * 1025 + ": 1\n",
        "x: {" + "a" * 1025 + ": 1}\n",
    ],
)
def test_a_key_longer_than_libyaml_takes_is_left_to_it(text: str) -> None:
    """libyaml refuses a key of more than 1,024 characters; the fast readers never accept one."""
    assert flat(text) is None and _block(text) is None
    doc, problems = parse(text, P)
    assert [p.code for p in problems] == ["yaml-syntax"] and not doc.plain


@pytest.mark.parametrize("depth", [20, 70, 400])
def test_a_deeply_nested_file_reads_as_the_parser_reads_it(depth: int) -> None:
    """Deep nesting is left to the parser, which refuses what is too deep for it: the fast
    reader never accepts a file the parser would refuse."""
    text = "".join("  " * i + "- a:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "- a: 1\n"
    doc, problems = parse(text, P)
    slow, slow_problems = parse_yaml(text, P)
    assert problems == slow_problems and _typed(doc.data) == _typed(slow.data)
    assert (_block(text) is not None) == (depth <= 20)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"[-+]?[0-9_]{1,25}", fullmatch=True),
        st.from_regex(r"[-+]?[0-9_]*\.[0-9_]*([eE][-+]?[0-9]{1,3})?", fullmatch=True),
        st.from_regex(r"[-+]?[0-9]{1,3}(:[0-5]?[0-9]){1,2}(\.[0-9]*)?", fullmatch=True),
        st.from_regex(r"[-+]?0[xob]?[0-9a-fA-F_]{1,6}", fullmatch=True),
        st.sampled_from([".inf", "-.INF", ".nan", "0", "-0", "+0", "0.", ".5", "-.5e-3"]),
    )
)
def test_numbers_are_converted_as_pyyaml_converts_them(text: str) -> None:
    """scalar_value converts plain decimals itself; every other number goes to PyYAML."""
    import math

    import yaml
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode

    from ipplan.files.yaml_scalars import scalar_value

    tag = yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False))
    if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return
    constructor = SafeConstructor()
    convert = (
        constructor.construct_yaml_int
        if tag == "tag:yaml.org,2002:int"
        else constructor.construct_yaml_float
    )
    try:
        expected = convert(ScalarNode(tag, text))
    except ValueError:
        with pytest.raises(ValueError):
            scalar_value(tag, text)
        return
    got = scalar_value(tag, text)
    assert type(got) is type(expected)
    assert got == expected or (math.isnan(got) and math.isnan(expected))
    if isinstance(got, float) and got == 0:
        assert math.copysign(1, got) == math.copysign(1, expected)


def test_the_first_characters_pyyaml_may_resolve_are_the_ones_written_out() -> None:
    import yaml

    assert frozenset(yaml.resolver.Resolver().yaml_implicit_resolvers) == yaml_fast.RESOLVED


def test_a_large_file_read_for_its_lines_later_gives_the_same_lines() -> None:
    from ipplan.files import yaml_read

    items = "".join(
        f"  - key: k{i}\n    name: 指标{i}\n    target: {{year: 2025, value: {i}}}\n"
        for i in range(3000)
    )
    text = f"# comment\nplan:\n  title: 计划\nindicators:\n{items}"
    assert len(text) > yaml_read.LINES_LATER
    now, _ = parse(text, P)
    later, _ = parse(text, P, lines_later=True)
    assert later.plain and later.data == now.data
    assert later._lines is None  # nothing kept but the text, until a line is asked for
    assert later.line(("indicators", 2999, "target", "value")) == 7 + 3 * 2999
    assert later.lines == now.lines
    assert later == now


def test_a_problem_in_a_large_definitions_file_is_reported_at_its_line(tmp_path: Path) -> None:
    import shutil

    from ipplan import load
    from ipplan.files import layout, yaml_read

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    padding = "# " + "填充" * 40 + "\n"
    text = padding * (yaml_read.LINES_LATER // len(padding) + 1) + text
    text = text.replace("value: 26829}", "value: -26829}", 1)  # a count below its unit's range
    path.write_text(text, encoding="utf-8")
    expected = next(n for n, line in enumerate(text.split("\n"), 1) if "-26829" in line)
    checked = load.check_files(layout.DataDir(data))
    assert [(p.code, p.line) for p in checked.problems] == [("out-of-range", expected)]


def test_outside_is_every_character_a_file_read_here_may_not_hold() -> None:
    """OUTSIDE, over every code point, is what YAML 1.1 refuses or reads as a break, a tab, a
    carriage return, a byte-order mark and the bidirectional controls: nothing more."""
    let_through = [
        (0x0A, 0x0A),
        (0x20, 0x7E),
        (0xA0, 0x061B),
        (0x061D, 0x200D),
        (0x2010, 0x2027),
        (0x202F, 0x2065),
        (0x206A, 0xD7FF),
        (0xE000, 0xFEFE),
        (0xFF00, 0xFFFD),
        (0x10000, 0x10FFFF),
    ]
    inside = bytearray(0x110000)
    for low, high in let_through:
        inside[low : high + 1] = b"\x01" * (high - low + 1)
    every = "".join(map(chr, range(0x110000)))
    found = {ord(c) for c in yaml_fast.OUTSIDE.findall(every)}
    assert found == {code for code in range(0x110000) if not inside[code]}
    assert {0x09, 0x0D, 0x85, 0x2028, 0x2029, 0xFEFF, 0x202E, 0xD800} <= found
