"""Reading YAML: lines kept, duplicates caught, and none of PyYAML's silent conversions."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ipplan.files.yaml_read import parse, read

P = Path("x.yaml")


def test_lines_of_keys_and_items() -> None:
    doc, problems = parse("a:\n  b: 1\n  c:\n    - x\n    - y\n", P)
    assert problems == []
    assert doc.data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert doc.line(("a",)) == 1
    assert doc.line(("a", "b")) == 2
    assert doc.line(("a", "c", 1)) == 5
    # a location with no line of its own falls back to its nearest ancestor
    assert doc.line(("a", "c", 1, "missing")) == 5
    assert doc.line(()) == 1


def test_duplicate_key_is_a_problem_not_last_one_wins() -> None:
    doc, problems = parse("a: 1\nb: 2\na: 3\n", P)
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]
    assert doc.data["a"] == 1


def test_only_true_and_false_are_booleans() -> None:
    doc, _ = parse("a: on\nb: yes\nc: no\nd: true\ne: False\n", P)
    assert doc.data == {"a": "on", "b": "yes", "c": "no", "d": True, "e": False}


def test_dates_and_timestamps_stay_text() -> None:
    doc, _ = parse("due: 2025-12-31\nat: 2024-01-01T10:00:00+08:00\n", P)
    assert doc.data == {"due": "2025-12-31", "at": "2024-01-01T10:00:00+08:00"}


def test_numbers_and_null() -> None:
    doc, _ = parse("a: 31000\nb: 80.3\nc: null\nd: ~\ne: .nan\n", P)
    assert doc.data["a"] == 31000 and isinstance(doc.data["a"], int)
    assert doc.data["b"] == 80.3
    assert doc.data["c"] is None and doc.data["d"] is None
    assert doc.data["e"] != doc.data["e"]  # NaN is read, and validation refuses it


def test_python_tags_are_refused_never_constructed() -> None:
    doc, problems = parse("a: !!python/object/apply:os.system ['echo hi']\n", P)
    assert [p.code for p in problems] == ["unsupported-tag"]
    assert doc.data == {"a": None}


def test_syntax_error_reports_its_line() -> None:
    doc, problems = parse("a: 1\nb: [1, 2\nc: 3\n", P)
    assert doc.broken
    assert len(problems) == 1
    assert problems[0].code == "yaml-syntax"
    assert problems[0].line == 3


def test_merge_keys_are_refused() -> None:
    _, problems = parse("base: &b {x: 1}\nother:\n  <<: *b\n", P)
    assert [(p.line, p.code) for p in problems] == [(3, "unsupported-key")]


def test_alias_bomb_is_stopped() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefg", "abcdef", strict=True):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    doc, problems = parse(bomb, P)
    assert doc.broken
    # a: 11 values; b: 6 aliases of 11; c: 6 of 67; d: 6 of 403; e: 6 of 2,419 pass 10,000
    assert [(p.line, p.code, p.params) for p in problems] == [
        (5, "alias-too-large", {"limit": 10_000})
    ]


# 467 bytes: a's ten values, then nine aliases of the line before on each of ten lines, which
# expanded would be ten billion values.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for name, prev in zip("bcdefghijk", "abcdefghij", strict=True)
)


def test_a_500_byte_alias_bomb_is_refused_in_well_under_a_second_and_a_few_megabytes() -> None:
    assert len(BOMB.encode()) < 500
    # in a process of its own, so that the peak memory is the bomb's alone
    script = textwrap.dedent(
        """
        import json, sys, time, tracemalloc
        from pathlib import Path
        from ipplan.files.yaml_read import parse
        parse("a: &a x\\nb: *a\\n", Path("warm.yaml"))  # the parser loaded before measuring
        tracemalloc.start()
        start = time.perf_counter()
        doc, problems = parse(sys.stdin.read(), Path("bomb.yaml"))
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        print(json.dumps([seconds, peak, [(p.line, p.code) for p in problems], doc.broken]))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], input=BOMB, capture_output=True, text=True, check=True
    )
    seconds, peak, problems, broken = json.loads(run.stdout)
    assert problems == [[5, "alias-too-large"]] and broken  # e: 9 aliases of d, 8,110 each
    assert seconds < 0.5  # it took 12 s expanding; counting takes milliseconds
    assert peak < 4 * 1024 * 1024  # it took 790 MB


def test_aliases_within_the_limits_read_as_the_values_they_name() -> None:
    doc, problems = parse("a: &a {x: 1, y: [2, 3]}\nb: *a\nc: [&s text, *s, *s]\n", P)
    assert problems == []
    assert doc.data == {"a": {"x": 1, "y": [2, 3]}, "b": {"x": 1, "y": [2, 3]}, "c": ["text"] * 3}


def test_more_aliases_than_the_limit_are_refused_at_the_first_past_it() -> None:
    from ipplan.files.yaml_scalars import MAX_ALIASES

    allowed = "a: &a x\n" + "".join(f"k{i}: *a\n" for i in range(MAX_ALIASES))
    doc, problems = parse(allowed, P)
    assert problems == [] and len(doc.data) == MAX_ALIASES + 1
    doc, problems = parse(allowed + "past: *a\n", P)
    assert doc.broken
    assert [(p.line, p.code, p.params) for p in problems] == [
        (MAX_ALIASES + 2, "too-many-aliases", {"limit": MAX_ALIASES})
    ]


def test_an_alias_that_names_itself_is_refused_not_followed() -> None:
    doc, problems = parse("a: 1\nb: &b [x, *b]\n", P)
    assert doc.broken
    assert [(p.line, p.code) for p in problems] == [(2, "alias-too-large")]


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"k{i}: {i}\n" for i in range(12)),  # the record files' flat reader
        "a:\n" + "".join(f"  k{i}: x\n" for i in range(11)),  # the block reader
        "a: {" + ", ".join(f"k{i}: x" for i in range(11)) + "}\n",  # a flow mapping
        "a: !!str x\n" + "".join(f"k{i}: x\n" for i in range(11)),  # the parser's builder
    ],
    ids=["flat", "block", "flow", "parser"],
)
def test_more_keys_than_the_limit_are_refused_at_the_first_past_it(text: str) -> None:
    doc, problems = parse(text, P, max_keys=11)
    assert doc.broken
    assert [(p.line, p.code, p.params) for p in problems] == [
        (text.count("\n") if text.count("\n") > 1 else 1, "too-many-keys", {"limit": 11})
    ]
    doc, problems = parse(text, P, max_keys=12)
    assert problems == [] and not doc.broken


def test_a_record_file_over_its_size_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan.files import yaml_read

    def never(*args: object) -> None:
        raise AssertionError("parsed")

    path = tmp_path / "2023.yaml"
    path.write_bytes(b"value: 1\n" + b"k: 1\n" * (yaml_read.MAX_RECORD_BYTES // 5))
    monkeypatch.setattr(yaml_read, "parse", never)
    doc, problems = read(path, record=True)
    assert doc.broken
    assert [(p.line, p.code, p.params) for p in problems] == [
        (1, "record-too-large", {"limit": yaml_read.MAX_RECORD_BYTES})
    ]


def test_read_reports_non_utf8_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nb: 专利代理\n".encode("gbk"))
    doc, problems = read(path)
    assert doc.broken
    assert [(p.line, p.code) for p in problems] == [(2, "not-utf8")]


def test_read_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: 执业\n".encode())
    doc, problems = read(path)
    assert problems == []
    assert doc.data == {"a": "执业"}


def test_crlf_line_ends_read_as_lf_with_the_right_lines() -> None:
    doc, problems = parse("a: 1\r\nb:\r\n  - x\r\n  - y\r\n", P)
    assert problems == []
    assert doc.data == {"a": 1, "b": ["x", "y"]}
    assert doc.line(("b", 1)) == 4


def test_a_tab_used_for_indentation_is_a_problem_at_its_line() -> None:
    doc, problems = parse("a: 1\nb:\n\t- x\n", P)
    assert doc.broken
    assert [(p.line, p.code) for p in problems] == [(3, "tab-indent")]


def test_tabs_inside_text_are_text() -> None:
    doc, problems = parse('a: "x\\ty"\nb: x\ty\n', P)
    assert problems == []
    assert doc.data == {"a": "x\ty", "b": "x\ty"}


def test_a_raw_control_character_is_a_problem_at_its_line() -> None:
    doc, problems = parse("a: 1\nb: x\x1b[31my\n", P)
    assert doc.broken
    assert [(p.line, p.code, p.params) for p in problems] == [
        (2, "control-character", {"char": "U+001B"})
    ]


def test_more_digits_than_python_converts_is_a_problem_not_a_crash() -> None:
    _, problems = parse("a: 1\nb: " + "9" * 5000 + "\n", P)
    assert [(p.line, p.code) for p in problems] == [(2, "value-too-large")]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    doc, problems = parse("a: " + "[" * 3000 + "]" * 3000 + "\n", P)
    assert doc.broken
    assert [p.code for p in problems] in (["too-deep"], ["yaml-syntax"])


def test_a_file_over_the_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan.files import yaml_read

    monkeypatch.setattr(yaml_read, "MAX_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    doc, problems = read(path)
    assert doc.broken
    assert [(p.line, p.code) for p in problems] == [(1, "too-large")]


@pytest.mark.parametrize(
    "value",
    [
        '!!int "040000"',
        '!!int "0x8000"',
        '!!float "1e5"',
        "!!int 35000.0",
        '!!bool "yes"',
        '!!null "x"',
    ],
)
def test_a_tag_that_makes_text_a_number_is_refused(value: str) -> None:
    doc, problems = parse(f"value: {value}\n", Path("x.yaml"))
    assert [p.code for p in problems] == ["unsupported-tag"]
    assert doc.data == {"value": None}


@pytest.mark.parametrize("value", ["!!int 35000", "!!float 80.5", '!!str "35000"', "!!str text"])
def test_a_tag_that_says_what_the_value_reads_as_anyway_is_taken(value: str) -> None:
    _, problems = parse(f"value: {value}\n", Path("x.yaml"))
    assert problems == []


_MEASURE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from ipplan.files.yaml_read import parse
    parse("a: [1, 2]\\nb: &x y\\nc: *x\\n", Path("warm.yaml"))  # the parser loaded first
    text = sys.stdin.read()
    start = time.process_time()  # the machine's other work does not count
    doc, problems = parse(text, Path("big.yaml"))
    seconds = time.process_time() - start
    # this process's peak, the text included (ru_maxrss would hold the parent's, kept at exec)
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    peak = int(status.split()[0]) * 1024
    print(json.dumps([seconds, peak, [(p.line, p.code, p.params) for p in problems]]))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 48 MB of a list of twelve million values: 90 s and 4.5 GB, then "too large"
        ("zz:\n" + "- 1\n" * 12_000_000, (1, "too-many-values", {"limit": 1_000_000})),
        # a list just past the limit, read by the block reader until then
        ("zz:\n" + "- [1, 1]\n" * 340_000, (1, "too-many-values", {"limit": 1_000_000})),
        # a flow list of 2.5 million values on one line (5 MB): 7.4 s and 430 MB
        ("zz: [" + "1," * 2_500_000 + "1]\n", (1, "too-many-values", {"limit": 1_000_000})),
        # 35 MB of three million keys: 20 s and 2.4 GB
        (
            "".join(f"k{i}: 1\n" for i in range(3_000_000)),
            (500_001, "too-many-keys", {"limit": 500_000}),
        ),
        # an anchor makes the block reader give up: the parser counts alone
        ("zz: &a\n" + "- 1\n" * 3_000_000, (1, "too-many-values", {"limit": 1_000_000})),
    ],
    ids=["12M-items", "limit+1-items", "flow-list", "3M-keys", "parser-only"],
)
def test_a_file_past_the_value_or_key_limit_is_refused_as_it_is_read(
    text: str, expected: tuple[int, str, dict[str, int]]
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE], input=text, capture_output=True, text=True, check=True
    )
    seconds, peak, problems = json.loads(run.stdout)
    assert [tuple(p) for p in problems] == [expected]
    assert seconds < 8  # a few seconds on a shared machine; it took up to 90 s
    assert peak < 400 * 1024 * 1024  # it took up to 4.5 GB


@pytest.mark.slow
def test_the_largest_file_within_the_limits_is_read_in_seconds_and_hundreds_of_megabytes() -> None:
    # nearly all the values (990,002) and keys (360,001) a file may hold, laid out as
    # tasks.yaml is
    lines = ["actions:"]
    for i in range(90_000):
        lines += [f"  - id: a{i}", f"    title: t{i}", f"    measures: [m{i}, n{i}, o{i}, p{i}]"]
        lines += [f"    indicators: [x{i}, y{i}]"]
    text = "\n".join(lines) + "\n"
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE], input=text, capture_output=True, text=True, check=True
    )
    seconds, peak, problems = json.loads(run.stdout)
    assert problems == []
    assert seconds < 10
    assert peak < 600 * 1024 * 1024


def test_the_values_message_says_what_is_counted() -> None:
    from ipplan.text import i18n

    english = i18n.problem_message("too-many-values", {"limit": 1_000_000}, "en")
    assert english.startswith("the file holds more than 1,000,000 values and was not read")
    assert i18n.problem_message("too-many-values", {"limit": 1_000_000}, "zh").startswith(
        "文件中的值超过 1,000,000 个"
    )
