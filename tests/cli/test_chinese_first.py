"""Chinese first, on the command line: what the output shows is accepted as input, a value
that is not understood is named exactly, and with --json an error is JSON too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipplan.cli import app
from tests.conftest import Run, load, snapshot, track_2022

IPPLAN = Path(sys.executable).with_name("ipplan")
RUNNER = CliRunner()


def run(
    *args: str, lang: str | None = None, env_columns: str = "80", **env: str
) -> subprocess.CompletedProcess[str]:
    """ipplan in-process, at 80 columns, without colour, in the language asked for: the
    command line, its parsing and its messages are what is tested, not the process (the
    installed command runs in tests/cli/test_outputs.py and tests/cli/test_terminal_use.py)."""
    environ: dict[str, str | None] = {k: None for k in os.environ if k.startswith("IPPLAN_")}
    for kept in ("IPPLAN_CEILING_DIRECTORIES", "IPPLAN_CACHE_DIR"):  # the tests' own
        environ.pop(kept, None)
    environ.update({"COLUMNS": env_columns, "NO_COLOR": "1", **env})
    if lang is not None:
        environ["IPPLAN_LANG"] = lang
    result = RUNNER.invoke(app, list(args), env=environ, catch_exceptions=False)
    assert "Traceback" not in result.stderr
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- 6: input as the output shows it ----------------------------------------------------------


def test_action_statuses_in_chinese_filter_and_set(plan_dir: Path) -> None:
    # only statuses set by hand here: without work plans, no action's status is derived
    shutil.rmtree(plan_dir / "workplans")
    data = ("--data", str(plan_dir))
    done = run("task", "talent-training", "--status", "已完成", *data)
    assert done.returncode == 0, done.stderr
    assert load(plan_dir).updates["talent-training"][-1].status.value == "completed"
    run("task", "senior-talent", "--status", "延期", *data)

    completed = as_json(run("tasks", "--status", "已完成", "--json", *data))
    assert [a["id"] for g in completed["areas"] for a in g["actions"]] == ["talent-training"]
    delayed = as_json(run("tasks", "--status", "延期", "--json", *data))
    assert [a["id"] for g in delayed["areas"] for a in g["actions"]] == ["senior-talent"]
    # the English words and the id read the same
    english = as_json(run("tasks", "--status", "In progress", "--json", *data))
    assert english["areas"] == []
    assert as_json(run("tasks", "--status", "delayed", "--json", *data)) == delayed


def test_an_unknown_status_lists_the_chinese_names() -> None:
    result = run("tasks", "--status", "完成了")
    assert result.returncode == 2
    assert "“完成了”不是行动状态" in result.stderr
    assert "已完成（completed）" in result.stderr and "延期（delayed）" in result.stderr


@pytest.mark.parametrize("area", ["实施保障", "4", "４", "4.", "safeguards", "保障"])
def test_areas_as_the_output_shows_them(area: str) -> None:
    shown = as_json(run("tasks", "--area", area, "--json"))
    assert [g["id"] for g in shown["areas"]] == ["safeguards"]


def test_an_unknown_area_names_each_area() -> None:
    result = run("tasks", "--area", "9")
    assert result.returncode == 1
    assert "未知领域 9。可用的领域：1. 提升专利代理能力，支撑行业高质量发展（capability）" in (
        result.stderr
    )


@pytest.mark.parametrize("year", ["2023年", "２０２３年", " 2023 "])
def test_years_as_written_in_chinese(plan_dir: Path, year: str) -> None:
    data = ("--data", str(plan_dir))
    recorded = run("record", year, "practitioners", "29500", *data)
    assert recorded.returncode == 0, recorded.stderr
    assert [a.year for a in load(plan_dir).actuals["practitioners"]] == [2023]
    assert as_json(run("status", "--as-of", year, "--json", *data))["as_of"] == 2023
    assert as_json(run("show", "1", "--as-of", year, "--json", *data))["latest"]["year"] == 2023


def test_a_year_that_is_not_one_says_how_to_write_it(plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = run(
        "record",
        "二〇二三",
        "practitioners",
        "29500",
        "--data",
        str(plan_dir),
        IPPLAN_TODAY="2031-02-01",
    )
    assert result.returncode == 2
    assert "“二〇二三”不是年份；请写如 2030 或 2030年。" in result.stderr  # the last year ended
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("practitioners", "2.95万", 29500),
        ("practitioners", "2.95万人", 29500),
        ("medium_agencies", "０.０６万", 600),
        ("revenue", "500亿", 500),
        ("revenue", "500亿元", 500),
        ("revenue", "0.05万亿", 500),
        ("revenue", "520.5亿", 520.5),
    ],
)
def test_wan_and_yi_where_the_unit_makes_them_clear(
    plan_dir: Path, key: str, typed: str, value: float
) -> None:
    result = run("record", "2022", key, typed, "--data", str(plan_dir))
    assert result.returncode == 0, result.stderr
    (actual,) = load(plan_dir).actuals[key]
    assert actual.value == value and type(actual.value) is type(value)


@pytest.mark.parametrize(
    ("key", "typed", "says"),
    [
        (
            "revenue",
            "500万",
            "“500万”中的“万”对单位 亿元 没有明确含义；可接受的写法如 520、520.5、520亿、1.2万亿。",
        ),
        ("agency_rate", "8万", "“8万”中的“万”对单位 % 没有明确含义；可接受的写法如 80.5、80.5%。"),
        ("practitioners", "2.95005万", "须为整数"),
    ],
)
def test_wan_and_yi_where_they_would_be_a_guess(
    plan_dir: Path, key: str, typed: str, says: str
) -> None:
    before = snapshot(plan_dir)
    result = run("record", "2022", key, typed, "--data", str(plan_dir))
    assert result.returncode == 1
    assert says in result.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        ("１", "practitioners"),
        ("收入", "revenue"),
        ("满意度", "satisfaction"),
        ("代理率", "agency_rate"),
        ("代理师人数", "practitioners"),
        ("revenue", "revenue"),
        ("SATISFACTION", "satisfaction"),
    ],
)
def test_an_indicator_by_full_width_number_or_a_unique_part_of_its_name(ref: str, key: str) -> None:
    assert as_json(run("show", ref, "--json"))["key"] == key


def test_a_part_shared_by_several_names_lists_them(plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = run("record", "2022", "人才", "100", "--data", str(plan_dir))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "错误：“人才”可以指多项指标：诉讼型人才（litigators）、国际化高端人才（international_talent）。"
        "请写得更具体，或用序号或键。"
    )
    assert snapshot(plan_dir) == before


def test_an_action_by_a_unique_part_of_its_title() -> None:
    assert as_json(run("task", "人才培养", "--json"))["id"] == "talent-training"
    result = run("task", "人才")
    assert result.returncode == 1
    assert "提升行业人才吸引力（talent-attraction）、加大行业人才培养（talent-training）" in (
        result.stderr
    )


def test_suggestions_name_the_indicator() -> None:
    zh = run("show", "国际化人才")
    assert zh.returncode == 1
    assert zh.stderr.strip() == (
        "错误：未知指标 国际化人才。您是否想输入：国际化高端人才（international_talent）？"
    )
    en = run("show", "国际化人才", lang="en")
    assert en.stderr.strip() == (
        "error: unknown indicator 国际化人才. Did you mean: Senior international talent "
        "(international_talent)?"
    )
    typo = run("task", "talent-trainin")
    assert "您是否想输入：加大行业人才培养（talent-training）" in typo.stderr


# --- 8: a value error says what was not understood and the accepted form ----------------------


@pytest.mark.parametrize(
    ("key", "typed", "says"),
    [
        (
            "agency_rate",
            "500亿",
            "“500亿”中的“亿”对单位 % 没有明确含义；可接受的写法如 80.5、80.5%。",
        ),
        (
            "practitioners",
            "31 347",
            "“31 347”的数字中间有空格，无法确定是千位分隔还是两个数；请写成 31347 或 31,347。",
        ),
        ("practitioners", "", "没有输入数值；请写如 31347、31,347、3.1万 的数。"),
        (
            "practitioners",
            "3l347",
            "“3l347”中的“l”不是数值的一部分；可接受的写法如 31347、31,347、3.1万。",
        ),
        ("agency_rate", "1.2.3", "“1.2.3”不是一个数值；可接受的写法如 80.5、80.5%。"),
        (
            "practitioners",
            "nan",
            "“nan”不是有限数值，计划不计入这样的值；请写如 31347、31,347、3.1万 的数。",
        ),
    ],
)
def test_a_value_error_names_what_was_not_understood(
    plan_dir: Path, key: str, typed: str, says: str
) -> None:
    before = snapshot(plan_dir)
    result = run("record", "2022", key, typed, "--data", str(plan_dir))
    assert result.returncode == 1
    assert result.stderr.strip() == "错误：" + says
    assert snapshot(plan_dir) == before


def test_a_value_error_in_english(plan_dir: Path) -> None:
    result = run("record", "2022", "practitioners", "31 347", "--data", str(plan_dir), lang="en")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: '31 347' has a space between digits, which could be a thousands separator or "
        "two numbers; write 31347 or 31,347"
    )


# --- 13: with --json, errors are JSON -----------------------------------------------------------


def error_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.stdout == ""
    payload = json.loads(result.stderr)
    assert set(payload) == {"error"}
    error: dict[str, Any] = payload["error"]
    return error


def test_json_errors_keep_their_exit_codes(plan_dir: Path, tmp_path: Path) -> None:
    unknown = run("show", "nope", "--json")
    assert unknown.returncode == 1
    assert error_of(unknown)["code"] == "unknown-indicator"
    assert error_of(unknown)["message"].startswith("未知指标 nope。")

    outside = run("status", "--as-of", "2030", "--json", lang="en")
    assert outside.returncode == 1
    assert error_of(outside) == {
        "code": "as-of-outside-plan",
        "message": "--as-of 2030: 2030 is outside the plan, so there is no progress to view; "
        "choose a year from 2022 to 2025",
    }

    before = snapshot(plan_dir)
    refused = run("record", "2022", "agency_rate", "180", "--json", "--data", str(plan_dir))
    assert refused.returncode == 1
    assert error_of(refused)["code"] == "value-out-of-range"
    assert snapshot(plan_dir) == before

    usage = run("tasks", "--status", "bogus", "--json")
    assert usage.returncode == 2
    assert error_of(usage)["code"] == "usage"
    assert "“bogus”不是行动状态" in error_of(usage)["message"]

    missing = run("status", "--json", "--data", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert error_of(missing)["code"] == "data-dir-not-found"


def test_json_error_for_invalid_data_carries_the_problems(plan_dir: Path) -> None:
    (plan_dir / "actuals.yaml").write_text("actuals: {nope: []}\n", encoding="utf-8")
    result = run("status", "--json", "--data", str(plan_dir))
    assert result.returncode == 1
    error = error_of(result)
    assert error["code"] == "data-invalid"
    assert [(p["line"], p["code"]) for p in error["problems"]] == [(1, "unknown-indicator")]


def test_without_json_errors_stay_one_line_of_text() -> None:
    result = run("show", "nope")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：未知指标 nope。") and "{" not in result.stderr


def test_a_missing_argument_names_what_is_missing(cli: Run, tmp_path: Path) -> None:
    result = cli("new", str(tmp_path / "n"), "--title", "t")
    assert result.exit_code == 2
    assert result.stderr == "错误：缺少 --years FIRST-LAST（如 --years 2026-2030）\n"
    english = cli("record", "2024", "--lang", "en")
    assert english.exit_code == 2
    assert "error: 'INDICATOR' is missing" in english.stderr


def test_a_work_plan_year_is_read_as_people_type_it(cli: Run, shipped_dir: Path) -> None:
    data = ("--data", str(shipped_dir), "--json")
    plain = cli("workplan", "2022", *data)
    assert plain.exit_code == 0
    for typed in ("2022年", "２０２２"):
        result = cli("workplan", typed, *data)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == plain.stdout


# --- 9: natural sentences in both languages ----------------------------------------------------


def test_sentences_name_the_indicator_not_its_key(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    zh = run("record", "2022", "agency_rate", "180", *data)
    assert zh.stderr.strip() == "错误：专利代理率的单位是%，数值 180 超出允许范围 0–100。"
    en = run("record", "2022", "revenue", "5000", *data, lang="en")
    assert en.stderr.startswith("error: Total operating revenue of patent agencies: 5000 for 2022")


def test_actions_and_safeguards_are_counted_apart() -> None:
    assert run("validate").stdout.startswith("数据有效：9 项指标，15 项行动、3 项保障，")
    assert "共 15 项行动、3 项保障" in run("tasks").stdout.splitlines()
    assert "共 3 项保障" in run("tasks", "--area", "实施保障").stdout.splitlines()
    assert "15 actions, 3 safeguards" in run("tasks", lang="en").stdout.splitlines()


# A day before the target year has ended, when show still looks ahead to it.
AHEAD = "2025-03-15"


def test_english_output_uses_english_units_and_capitals(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    assert run("record", "2022", "practitioners", "29500", *data).returncode == 0
    shown = run("show", "1", *data, lang="en", IPPLAN_TODAY=AHEAD).stdout
    assert shown.startswith("1. 执业专利代理师人数 / Practising patent attorneys (people)")
    assert "Needs " in shown and " 人" not in shown
    assert "(100 million yuan)" in run("show", "revenue", lang="en", env_columns="200").stdout
    recorded = run("record", "2023", "revenue", "520", *data, lang="en")
    assert recorded.stdout.startswith(
        "Recorded: Total operating revenue of patent agencies 2023 = 520 100 million yuan"
    )


def test_a_factor_below_one_says_the_current_pace_suffices(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    assert run("record", "2022", "international_talent", "80", *data).returncode == 0
    assert run("record", "2023", "international_talent", "130", "--force", *data).returncode == 0
    shown = run("show", "国际化", *data, IPPLAN_TODAY=AHEAD).stdout
    assert "保持当前年均变化即可按期达到目标（所需仅为当前的 0.70 倍）" in shown
    assert "需达到当前年均变化的" not in shown
    english = run("show", "6", *data, lang="en", IPPLAN_TODAY=AHEAD).stdout
    assert "Keeping today's yearly change is enough to reach the target in time" in english


def test_forecasts_of_counts_are_whole_numbers(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    assert run("record", "2023", "practitioners", "31000", *data).returncode == 0
    lines = run("show", "1", *data, env_columns="200", IPPLAN_TODAY=AHEAD).stdout.splitlines()
    compound = next(line for line in lines if line.strip().startswith("预计（复合）"))
    assert compound.endswith("= 35819 人")


# --- from a user's try: the rest of 6 and 9 -----------------------------------------------------


def test_a_work_item_state_in_chinese_filters(shipped_dir: Path) -> None:
    track_2022(shipped_dir)  # a 2022 work plan whose items can be overdue
    data = ("--data", str(shipped_dir), "--json")
    english = as_json(
        run("workplan", "2022", "--state", "overdue", *data, IPPLAN_TODAY="2023-06-01")
    )
    chinese = as_json(run("workplan", "2022", "--state", "逾期", *data, IPPLAN_TODAY="2023-06-01"))
    assert chinese == english and chinese["items"]
    assert {item["state"] for item in chinese["items"]} == {"overdue"}
    wrong = run("workplan", "2022", "--state", "late", *data)
    assert wrong.returncode == 2
    assert "“late”不是工作事项的状态；可用：未开始（not_started）" in wrong.stderr
    untracked = run("workplan", "2022", "--state", "未跟踪", *data, IPPLAN_TODAY="2023-06-01")
    assert as_json(untracked)["items"] == []


def test_chinese_labels_end_in_a_full_width_colon(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    task = run("task", "talent-training", *data).stdout.splitlines()
    assert task[0] == "talent-training：加大行业人才培养"
    assert "关联指标：执业专利代理师人数" in task
    assert (
        "Indicators: Practising patent attorneys"
        in run("task", "talent-training", *data, lang="en").stdout.splitlines()
    )
    shown = run("show", "1", *data).stdout.splitlines()
    assert "方向：越高越好" in shown and "基线：26829 (2021)" in shown
    assert "Direction: higher is better" in run("show", "1", *data, lang="en").stdout


def test_an_overdue_figure_names_its_indicator(shipped_dir: Path) -> None:
    result = run("validate", "--strict", "--data", str(shipped_dir), IPPLAN_TODAY="2026-11-21")
    assert result.returncode == 1
    assert "overdue-figure: 专利代理机构总营业收入的 2022 年数值通常在 2023-12-31 前公布" in (
        result.stdout + result.stderr
    )
    assert "revenue 的" not in result.stdout + result.stderr


def test_what_the_system_and_the_yaml_parser_say_is_told_in_chinese(plan_dir: Path) -> None:
    path = plan_dir / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  title: ", "  title: a: b ", 1), encoding="utf-8")
    zh = run("validate", "--data", str(plan_dir))
    assert zh.returncode == 1
    assert (
        "yaml-syntax: YAML 语法错误：此处不能有“键: 值”；常见原因是冒号后缺空格"
        in zh.stdout + zh.stderr
    )
    en = run("validate", "--data", str(plan_dir), lang="en")
    assert "mapping values are not allowed" in en.stdout + en.stderr
    from ipplan.text.i18n import error_message

    said = error_message("data-dir-unreadable", {"path": "x", "detail": "Permission denied"}, "zh")
    assert "没有权限" in said and "Permission" not in said


def test_a_missing_argument_in_json_does_not_point_at_a_usage_it_did_not_print() -> None:
    result = run("record", "2024", "--json")
    assert result.returncode == 2
    assert json.loads(result.stderr)["error"]["message"] == "缺少 'INDICATOR'；加 --help 查看用法。"


def test_dates_are_read_as_people_write_them(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    for typed in ("2025年6月30日", "2025/6/30", "２０２５-０６-３０"):
        result = run("task", "talent-training", "--due", typed, *data, "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["due"] == "2025-06-30"
    wrong = run("task", "talent-training", "--due", "2025-02-30", *data)
    assert wrong.returncode == 1
    assert (
        "“2025-02-30”不是有效日期；请写如 2025-12-31、2025年12月31日 或 2025/12/31。"
        in wrong.stderr
    )


def test_init_says_how_the_plan_is_found(tmp_path: Path) -> None:
    here = subprocess.run(
        [str(IPPLAN), "init"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "在此目录及其下的任何目录中运行 ipplan，都会用到它" in here.stdout
    elsewhere = subprocess.run(
        [str(IPPLAN), "init", "other"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "请用 --data other 指明它" in elsewhere.stdout


def test_an_empty_indicator_is_named_as_empty(plan_dir: Path) -> None:
    result = run("record", "2024", "", "5", "--data", str(plan_dir))
    assert result.returncode == 1
    assert result.stderr.startswith("错误：未知指标 （空白：请写出指标的键、序号或名称）。")


def test_a_report_to_a_file_tells_its_errors_to_a_person(plan_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    result = run("report", "-o", str(target), "-f", "JSON", "--data", str(plan_dir))
    assert result.returncode == 2
    assert result.stderr.startswith("错误：--format json 与输出文件") and not target.exists()
    named = run("report", "-o", str(tmp_path / "r.txt"), "--data", str(plan_dir))
    assert "（可选：md、html、csv、json、xlsx、docx）" in named.stderr
