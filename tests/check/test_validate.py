"""Every validation code, each on a small inline plan, with the line it must point at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipplan import load
from ipplan.check.run import check
from ipplan.files import layout
from ipplan.problems import Problem
from tests.conftest import SHIPPED, write

INDICATORS = """
plan:
  title: 测试计划
  title_en: Test plan
  issuer: 协会
  issuer_en: Association
  baseline_year: 2021
  target_year: 2025
indicators:
  - key: people
    number: 1
    name: 人数
    name_en: People
    unit: 人
    direction: increase
    baseline: {year: 2021, value: 100}
    target: {year: 2025, value: 200}
  - key: rate
    number: 2
    name: 比率
    name_en: Rate
    unit: "%"
    direction: decrease
    baseline: null
    target: {year: 2025, value: 50}
"""

TASKS = """
areas:
  - id: one
    number: 1
    title: 领域
    title_en: Area
actions:
  - id: first
    area: one
    title: 行动
    title_en: Action
    measures: [做事。]
    indicators: [people]
    lead: null
    due: null
    status: not_started
"""


def problems_in(tmp_path: Path, **files: str) -> list[Problem]:
    """Validate a plan made of the minimal files above, with ``files`` replacing some."""
    contents = {"indicators": INDICATORS, "tasks": TASKS, **files}
    for name, content in contents.items():
        write(tmp_path, f"{name}.yaml", content)
    docs, problems = load.read_documents(layout.DataDir(tmp_path))
    return sorted(problems + check(docs).problems, key=Problem.sort_key)


def found(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return [(p.path.name, p.line, p.code) for p in problems]


def test_the_shipped_plan_is_valid() -> None:
    docs, problems = load.read_documents(layout.DataDir(SHIPPED))
    checked = check(docs)
    assert problems == [] and checked.problems == []
    assert [ind.key for _, ind in checked.indicators] == [
        "practitioners",
        "medium_agencies",
        "agency_rate",
        "revenue",
        "litigators",
        "international_talent",
        "it_coverage",
        "complaint_rate",
        "satisfaction",
    ]
    assert len([a for _, a in checked.actions if a.area != "safeguards"]) == 15
    assert len([a for _, a in checked.actions if a.area == "safeguards"]) == 3


def test_the_minimal_fixture_is_valid(tmp_path: Path) -> None:
    assert problems_in(tmp_path) == []


def test_yaml_syntax(tmp_path: Path) -> None:
    bad = INDICATORS.replace("title: 测试计划", "title: [测试计划")
    assert found(problems_in(tmp_path, indicators=bad))[0][2] == "yaml-syntax"


def test_duplicate_key(tmp_path: Path) -> None:
    bad = INDICATORS.replace("    name: 人数\n", "    name: 人数\n    name: 又一个\n")
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 12, "duplicate-key")
    ]


def test_unknown_field(tmp_path: Path) -> None:
    bad = INDICATORS.replace("    name: 人数\n", "    name: 人数\n    colour: red\n")
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 12, "unknown-field")
    ]


def test_unknown_top_level_field(tmp_path: Path) -> None:
    assert found(problems_in(tmp_path, tasks=TASKS + "extra: 1\n")) == [
        ("tasks.yaml", 16, "unknown-field")
    ]


def test_wrong_type(tmp_path: Path) -> None:
    bad = INDICATORS.replace("value: 200}", "value: lots}")
    problems = problems_in(tmp_path, indicators=bad)
    assert found(problems) == [("indicators.yaml", 16, "wrong-type")]
    assert problems[0].params["expected"] == "number"


def test_missing_required_field(tmp_path: Path) -> None:
    bad = INDICATORS.replace("    direction: increase\n", "")
    problems = problems_in(tmp_path, indicators=bad)
    assert found(problems) == [("indicators.yaml", 9, "missing-field")]
    assert problems[0].params["field"] == "indicators.0.direction"


def test_direction_must_be_one_of_two(tmp_path: Path) -> None:
    bad = INDICATORS.replace("direction: decrease", "direction: down")
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 22, "invalid-direction")
    ]


def test_duplicate_indicator_key_and_number(tmp_path: Path) -> None:
    bad = INDICATORS.replace("key: rate\n    number: 2", "key: people\n    number: 1")
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 17, "duplicate-indicator-key"),
        ("indicators.yaml", 18, "duplicate-indicator-number"),
    ]


def test_duplicate_action_id(tmp_path: Path) -> None:
    second = TASKS.split("actions:\n")[1]
    assert found(problems_in(tmp_path, tasks=TASKS + second)) == [
        ("tasks.yaml", 16, "duplicate-action-id")
    ]


def test_action_names_unknown_indicator(tmp_path: Path) -> None:
    bad = TASKS.replace("indicators: [people]", "indicators: [people, peple]")
    problems = problems_in(tmp_path, tasks=bad)
    assert found(problems) == [("tasks.yaml", 12, "unknown-indicator")]
    assert problems[0].params["suggest"] == ["people"]


def test_action_names_unknown_area(tmp_path: Path) -> None:
    bad = TASKS.replace("area: one", "area: two")
    assert found(problems_in(tmp_path, tasks=bad)) == [("tasks.yaml", 8, "unknown-area")]


def test_invalid_action_status(tmp_path: Path) -> None:
    bad = TASKS.replace("status: not_started", "status: done")
    assert found(problems_in(tmp_path, tasks=bad)) == [("tasks.yaml", 15, "invalid-choice")]


ACTUALS = """
actuals:
  people:
    - year: 2023
      value: 150
"""


def test_actual_for_unknown_indicator(tmp_path: Path) -> None:
    bad = ACTUALS.replace("people:", "nobody:")
    assert found(problems_in(tmp_path, actuals=bad)) == [("actuals.yaml", 2, "unknown-indicator")]


@pytest.mark.parametrize("year", [2021, 2026, 1999])
def test_actual_for_year_outside_plan(tmp_path: Path, year: int) -> None:
    bad = ACTUALS.replace("2023", str(year))
    assert found(problems_in(tmp_path, actuals=bad)) == [("actuals.yaml", 3, "year-outside-plan")]


def test_two_values_for_one_year(tmp_path: Path) -> None:
    bad = ACTUALS + "    - year: 2023\n      value: 160\n"
    assert found(problems_in(tmp_path, actuals=bad)) == [("actuals.yaml", 5, "duplicate-year")]


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("rate", "100.5", "out-of-range"),
        ("rate", "-1", "out-of-range"),
        ("rate", "100", None),
        ("people", "-5", "out-of-range"),
        ("people", "150.5", "not-whole-number"),
        ("people", ".inf", "not-finite"),
        ("people", ".nan", "not-finite"),
    ],
)
def test_value_ranges(tmp_path: Path, key: str, value: str, code: str | None) -> None:
    actuals = f"actuals:\n  {key}:\n    - year: 2023\n      value: {value}\n"
    expected = [] if code is None else [("actuals.yaml", 4, code)]
    assert found(problems_in(tmp_path, actuals=actuals)) == expected


def test_per_mille_range(tmp_path: Path) -> None:
    per_mille = INDICATORS.replace('unit: "%"', "unit: ‰")
    ok = "actuals:\n  rate:\n    - year: 2023\n      value: 999\n"
    assert problems_in(tmp_path, indicators=per_mille, actuals=ok) == []
    bad = ok.replace("999", "1000.5")
    assert found(problems_in(tmp_path, indicators=per_mille, actuals=bad)) == [
        ("actuals.yaml", 4, "out-of-range")
    ]


def test_target_outside_its_unit(tmp_path: Path) -> None:
    bad = INDICATORS.replace("value: 50}", "value: 150}")
    assert found(problems_in(tmp_path, indicators=bad)) == [("indicators.yaml", 24, "out-of-range")]


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "problem"),
    [
        ("decrease", "100", "110", True),  # the attack: "achieved" at once, at -10 %
        ("increase", "100", "90", True),
        ("decrease", "100", "90", False),
        ("increase", "100", "110", False),
        ("decrease", "100", "100", False),  # a level held: methodology's x* == x0
        ("increase", "100", "100", False),
    ],
)
def test_a_target_against_its_direction_is_a_problem_at_the_target(
    tmp_path: Path, direction: str, baseline: str, target: str, problem: bool
) -> None:
    indicators = INDICATORS.replace("direction: increase", f"direction: {direction}", 1)
    indicators = indicators.replace(
        "{year: 2021, value: 100}", f"{{year: 2021, value: {baseline}}}"
    ).replace("{year: 2025, value: 200}", f"{{year: 2025, value: {target}}}")
    found_problems = problems_in(tmp_path, indicators=indicators)
    assert found(found_problems) == (
        [("indicators.yaml", 16, "target-against-direction")] * problem
    )
    if problem:
        from ipplan.text.i18n import problem_message

        p = found_problems[0]
        assert problem_message(p.code, p.params, "en") == (
            f"people has direction {direction}, but its target {target} lies the other way from "
            f"its baseline {baseline}: an increase's target is at or above its baseline, a "
            "decrease's at or below it. Correct the direction or the target"
        )


def test_a_target_is_not_held_to_a_baseline_that_is_not_its_start(tmp_path: Path) -> None:
    # no baseline: nothing to compare; cumulative: the baseline is the previous period's total
    no_baseline = INDICATORS.replace("direction: decrease", "direction: increase").replace(
        "baseline: null\n    target: {year: 2025, value: 50}",
        "baseline: null\n    target: {year: 2025, value: 1}",
    )
    assert problems_in(tmp_path, indicators=no_baseline) == []
    cumulative = INDICATORS.replace(
        "    direction: increase\n", "    accumulate: sum\n    direction: increase\n", 1
    ).replace("{year: 2021, value: 100}", "{year: 2021, value: 900}")
    assert problems_in(tmp_path, indicators=cumulative) == []
    year_end = cumulative.replace("    accumulate: sum\n", "", 1)  # the same, not cumulative
    assert found(problems_in(tmp_path, indicators=year_end)) == [
        ("indicators.yaml", 16, "target-against-direction")
    ]


def test_a_decrease_aimed_above_its_baseline_is_never_called_achieved(
    cli,  # type: ignore[no-untyped-def]
    plan_dir: Path,
) -> None:
    data = str(plan_dir)
    assert cli("record", "2023", "practitioners", "29500", "--data", data).exit_code == 0
    indicators = plan_dir / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    old = "direction: increase\n    baseline: {year: 2021, value: 26829}"
    assert old in text
    indicators.write_text(text.replace(old, old.replace("increase", "decrease")), "utf-8")
    status = cli("status", "--json", "--data", data)
    # not "achieved" at 29,500: 10 % up from 26,829, toward 40,000, is no decrease
    assert status.exit_code == 1 and status.stdout == ""
    problems = json.loads(status.stderr)["error"]["problems"]
    assert [(p["file"], p["code"]) for p in problems] == [
        (str(indicators), "target-against-direction")
    ]


def test_baseline_and_target_years_must_be_the_plans(tmp_path: Path) -> None:
    bad = INDICATORS.replace("{year: 2021, value: 100}", "{year: 2020, value: 100}").replace(
        "{year: 2025, value: 200}", "{year: 2024, value: 200}"
    )
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 15, "baseline-year-mismatch"),
        ("indicators.yaml", 16, "target-year-mismatch"),
    ]


def test_milestones_lie_between_baseline_and_target_once_per_year(tmp_path: Path) -> None:
    with_milestones = INDICATORS.replace(
        "    target: {year: 2025, value: 200}\n",
        "    target: {year: 2025, value: 200}\n"
        "    milestones:\n"
        "      - {year: 2023, value: 150}\n"  # line 18: fine
        "      - {year: 2021, value: 120}\n"  # line 19: the baseline year
        "      - {year: 2023, value: 160}\n"  # line 20: a second 2023
        "      - {year: 2025, value: 190}\n"  # line 21: the target year
        "      - {year: 2024, value: 1.5}\n",  # line 22: not a whole number of people
    )
    assert found(problems_in(tmp_path, indicators=with_milestones)) == [
        ("indicators.yaml", 19, "milestone-year"),
        ("indicators.yaml", 20, "duplicate-milestone"),
        ("indicators.yaml", 21, "milestone-year"),
        ("indicators.yaml", 22, "not-whole-number"),
    ]


def test_milestones_without_a_baseline_start_after_the_plans_baseline_year(
    tmp_path: Path,
) -> None:
    with_milestones = INDICATORS.replace(
        "    target: {year: 2025, value: 50}\n",
        "    target: {year: 2025, value: 50}\n"
        "    milestones: [{year: 2021, value: 60}, {year: 2022, value: 101}]\n",
    )
    assert found(problems_in(tmp_path, indicators=with_milestones)) == [
        ("indicators.yaml", 25, "milestone-year"),  # 2021 is the plan's baseline year
        ("indicators.yaml", 25, "out-of-range"),  # 101% is no rate
    ]


def test_thresholds_must_descend(tmp_path: Path) -> None:
    bad = INDICATORS.replace(
        "  target_year: 2025\n",
        "  target_year: 2025\n  thresholds: {on_track: 0.5, needs_acceleration: 0.6}\n",
    )
    assert found(problems_in(tmp_path, indicators=bad)) == [
        ("indicators.yaml", 8, "invalid-thresholds")
    ]


def test_task_log_for_unknown_action(tmp_path: Path) -> None:
    log = 'updates:\n  second:\n    - recorded: "2024-01-01T00:00:00+08:00"\n      note: x\n'
    assert found(problems_in(tmp_path, task_log=log)) == [("task_log.yaml", 2, "unknown-action")]


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    indicators = INDICATORS.replace("direction: decrease", "direction: down")
    tasks = TASKS.replace("indicators: [people]", "indicators: [nobody]")
    actuals = ACTUALS.replace("2023", "2030") + "  ghost:\n    - {year: 2023, value: 1}\n"
    codes = [
        p.code for p in problems_in(tmp_path, indicators=indicators, tasks=tasks, actuals=actuals)
    ]
    assert sorted(codes) == sorted(
        ["invalid-direction", "unknown-indicator", "year-outside-plan", "unknown-indicator"]
    )


# --- hostile files through the command: one clear line each, never a traceback ----------------

HOSTILE = {
    # name: (file, bytes, line, code)
    "gbk": ("tasks.yaml", "areas: []\nactions: []\n# 专利代理\n".encode("gbk"), 3, "not-utf8"),
    "tab": ("actuals.yaml", b"actuals:\n\tpractitioners: []\n", 2, "tab-indent"),
    "python-tag": (
        "actuals.yaml",
        b"actuals: !!python/object/apply:os.system ['touch pwned']\n",
        1,
        "unsupported-tag",
    ),
    "escape-in-text": (
        "task_log.yaml",
        b'updates:\n  talent-training:\n    - recorded: "2024-03-01T10:00:00+08:00"\n'
        b'      note: "\\e[2J\\e[31mall clear"\n',
        4,
        "control-character",
    ),
    "raw-escape": ("task_log.yaml", b"updates: {}\n# \x1b[2J\n", 2, "control-character"),
    "huge-number": (
        "actuals.yaml",
        b"actuals:\n  practitioners:\n    - year: 2022\n      value: " + b"9" * 5000 + b"\n",
        4,
        "value-too-large",
    ),
    "broken": ("actuals.yaml", b"actuals:\n  practitioners: [\n", 3, "yaml-syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_one_clear_line(cli, plan_dir: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    filename, content, line, code = HOSTILE[name]
    (plan_dir / filename).write_bytes(content)
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    problems = [row for row in result.stderr.splitlines() if f"{filename}:" in row]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"{plan_dir / filename}:{line}: {code}: ")
    assert "\x1b" not in result.stderr
    assert not (Path.cwd() / "pwned").exists()
    # every other command refuses the same way, pointing at the same line
    status = cli("status", "--data", str(plan_dir))
    assert status.exit_code == 1
    assert f"{plan_dir / filename}:{line}: {code}: " in status.stderr


def test_an_alias_bomb_is_one_clear_line(cli, plan_dir: Path) -> None:  # type: ignore[no-untyped-def]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    (plan_dir / "task_log.yaml").write_text(bomb, encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.count("alias-too-large") == 1
    assert f"{plan_dir / 'task_log.yaml'}:5: alias-too-large: " in result.stderr


def test_a_file_of_more_values_than_the_node_limit_is_one_clear_line(
    cli,
    plan_dir: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from ipplan.files import yaml_scalars

    monkeypatch.setattr(yaml_scalars, "MAX_NODES", 1_000)
    items = ", ".join(["x"] * 2_000)
    (plan_dir / "task_log.yaml").write_text(f"updates: {{a: [{items}]}}\n", encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{plan_dir / 'task_log.yaml'}:1: too-many-values: " in result.stderr


def test_a_byte_order_mark_and_crlf_are_fine(cli, plan_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "fields"),
    [("indicators.yaml", ["plan", "indicators"]), ("tasks.yaml", ["areas", "actions"])],
)
def test_an_empty_plan_file_says_what_it_lacks(
    cli, plan_dir: Path, name: str, fields: list[str]
) -> None:  # type: ignore[no-untyped-def]
    (plan_dir / name).write_bytes(b"")
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    for field in fields:
        assert f"{plan_dir / name}:1: missing-field: 缺少必填字段 {field}" in result.stderr
    assert cli("status", "--data", str(plan_dir)).exit_code == 1


def test_empty_files_of_recorded_data_are_valid(cli, plan_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("actuals.yaml", "task_log.yaml"):
        (plan_dir / name).write_bytes(b"")
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0


# --- bounded work on what a hostile file holds ---------------------------------------------------


def test_a_record_file_of_millions_of_keys_is_refused_by_its_size_before_parsing(
    cli,  # type: ignore[no-untyped-def]
    plan_dir: Path,
) -> None:
    import time

    from ipplan.files import yaml_read

    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    with record.open("w", encoding="utf-8") as out:  # 2,000,000 unknown keys, 20 MB
        out.write("value: 31000\n")
        out.writelines(f"k{i:07d}: 1\n" for i in range(2_000_000))
    start = time.perf_counter()
    result = cli("validate", "--data", str(plan_dir))
    assert time.perf_counter() - start < 5  # it took minutes, reading every key
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{record}:1: record-too-large: 记录文件超过 {yaml_read.MAX_RECORD_BYTES} 字节，未读取；"
        "ipplan 写的记录文件只有几百字节。请删去多余的内容，或换回 git 中的版本"
    )
    assert len(lines) == 2  # and the count


def test_a_record_file_under_the_size_limit_with_too_many_keys_is_refused_at_the_key(
    cli,  # type: ignore[no-untyped-def]
    plan_dir: Path,
) -> None:
    from ipplan.files import yaml_read

    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    keys = "".join(f"k{i}: 1\n" for i in range(yaml_read.MAX_RECORD_KEYS))
    record.write_text("value: 31000\n" + keys, encoding="utf-8")
    assert record.stat().st_size < yaml_read.MAX_RECORD_BYTES
    result = cli("validate", "--data", str(plan_dir), "--lang", "en")
    assert result.exit_code == 1
    past = yaml_read.MAX_RECORD_KEYS + 1  # the line of the key past the limit
    assert result.stderr.splitlines() == [
        f"{record}:{past}: too-many-keys: the file holds more than {yaml_read.MAX_RECORD_KEYS} "
        "keys and was not read (this line holds the first past them); remove the keys that "
        "do not belong",
        "1 problem found.",
    ]


def test_problems_of_one_file_are_told_up_to_a_hundred_then_counted(
    cli,  # type: ignore[no-untyped-def]
    plan_dir: Path,
) -> None:
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("value: 31000\n" + "".join(f"k{i}: 1\n" for i in range(250)), "utf-8")
    other = plan_dir / "actuals" / "practitioners" / "2024.yaml"
    other.write_text("value: 32000\ncolour: red\n", encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    told = [line for line in lines if line.startswith(f"{record}:")]
    assert len(told) == 101
    assert all(": unknown-field: " in line for line in told[:100])
    assert told[:2] == [
        f"{record}:2: unknown-field: unknown field k0",
        f"{record}:3: unknown-field: unknown field k1",
    ]
    assert told[100] == (
        f"{record}:102: too-many-problems: 150 more problems in this file are not listed (only "
        "the first 100 of a file are); fix those above and run ipplan validate again"
    )
    assert f"{other}:2: unknown-field: unknown field colour" in lines  # another file's, told
    assert lines[-1] == "251 problems found."
    as_json = json.loads(cli("validate", "--json", "--data", str(plan_dir)).stdout)
    codes = [p["code"] for p in as_json if p["file"] == str(record)]
    assert codes == ["unknown-field"] * 100 + ["too-many-problems"]


@pytest.mark.slow
def test_problems_of_one_directorys_entries_are_told_up_to_a_hundred_then_counted(
    cli,  # type: ignore[no-untyped-def]
    plan_dir: Path,
) -> None:
    actuals = plan_dir / "actuals"
    actuals.mkdir(exist_ok=True)
    for i in range(20_000):  # a line each, 20 MB of --json for 100,000
        (actuals / f"junk{i:05d}").touch()
    record = plan_dir / "actuals" / "practitioners" / "2024.yaml"
    record.parent.mkdir()
    record.write_text("value: 32000\ncolour: red\n", encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    junk = [line for line in lines if line.startswith(f"{actuals}/junk")]
    assert len(junk) == 100
    assert all(": unexpected-file: " in line for line in junk)
    assert (
        f"{actuals}:1: too-many-problems-in-directory: 19900 more problems with files in this "
        "directory are not listed (only the first 100 of a directory are); move or remove what "
        "does not belong here and run ipplan validate again" in lines
    )
    assert f"{record}:2: unknown-field: unknown field colour" in lines  # another file's, told
    assert lines[-1] == "20001 problems found."
    assert len(result.stderr) < 50_000
    as_json = cli("validate", "--json", "--data", str(plan_dir))
    found = json.loads(as_json.stdout)
    codes = [p["code"] for p in found if p["file"].startswith(str(actuals / "junk"))]
    assert codes == ["unexpected-file"] * 100
    rest = [p for p in found if p["code"] == "too-many-problems-in-directory"]
    assert [(p["file"], p["line"]) for p in rest] == [(str(actuals), 1)]
    assert len(as_json.stdout) < 50_000
    github = cli("validate", "--format", "github", "--data", str(plan_dir)).stdout.splitlines()
    assert len([line for line in github if "title=unexpected-file" in line]) == 100
    assert len([line for line in github if "title=too-many-problems-in-directory" in line]) == 1


def test_a_directorys_entry_problems_past_the_limit_are_counted_in_every_output() -> None:
    from ipplan.problems import capped, total

    directory = Path("plan/workplans")
    entries = [Problem(directory / f"x{i}", 1, "unexpected-file", {}) for i in range(150)]
    other = Problem(Path("plan/tasks.yaml"), 3, "unknown-field", {})
    told = capped([*entries, other])
    assert told[:100] == entries[:100]
    assert told[100] == Problem(
        directory, 1, "too-many-problems-in-directory", {"count": 50, "limit": 100}
    )
    assert told[101:] == [other]
    assert total(told) == 151


def test_a_work_plan_directory_of_junk_is_listed_to_a_hundred_problems_then_counted(
    tmp_path: Path,
) -> None:
    from ipplan.workplans.loading import _regular_yaml

    directory = tmp_path / "workplans"
    directory.mkdir()
    for i in range(250):
        (directory / f"junk{i:03d}").touch()
    (directory / "2024.yaml").touch()
    problems: list[Problem] = []
    assert _regular_yaml(directory, "*.yaml", problems) == [directory / "2024.yaml"]
    assert [p.code for p in problems] == ["unexpected-file"] * 100 + [
        "too-many-problems-in-directory"
    ]
    assert problems[-1] == Problem(
        directory, 1, "too-many-problems-in-directory", {"count": 150, "limit": 100}
    )
