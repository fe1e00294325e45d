"""Each command through the CLI: exit codes, stdout and stderr, and the data after a write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ipplan import locate
from ipplan.problems import Problem
from ipplan.text.shown_numbers import for_files
from ipplan.views.indicators import show_view, status_view
from ipplan.views.problems import github_annotations
from tests.conftest import SHIPPED, Run, add_milestone, load, snapshot

# --- status -----------------------------------------------------------------------------------


def test_status_on_the_shipped_plan(cli: Run) -> None:
    result = cli("status", "--data", str(SHIPPED))
    assert result.exit_code == 0
    assert result.stderr == ""
    for name in ("执业专利代理师人数", "中型以上专利代理机构数量", "行业社会满意度"):
        assert name in result.stdout
    assert "基线 2021" in result.stdout and "目标 2025" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "执业专利代理师人数" in line)
    # the published figures are recorded in the shipped plan
    assert row.split()[3:7] == ["人", "26829", "34396", "(2023)"] and "40000" in row
    assert "9 项指标：暂无数据 6 · 符合预期 2 · 进度滞后 1" in result.stdout


def test_status_in_english(cli: Run) -> None:
    result = cli("status", "--data", str(SHIPPED), "--lang", "en")
    assert "Practising patent attorneys" in result.stdout
    assert "9 indicators: no data 6 · on track 2 · lagging 1" in result.stdout


def test_status_language_from_environment(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_LANG", "en")
    assert "no data 6" in cli("status", "--data", str(SHIPPED)).stdout


def test_status_after_recording(cli: Run, plan_dir: Path) -> None:
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    assert cli("record", "2022", "complaint_rate", "3.5", "--data", str(plan_dir)).exit_code == 0
    result = cli("status", "--data", str(plan_dir))
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "执业专利代理师人数" in line)
    assert "31000 (2023)" in row and "31.7%" in row and "需加快" in row
    assert "|" in row and "█" in row  # the bar: progress cells and the time-elapsed marker
    rate = next(line for line in result.stdout.splitlines() if "投诉案件人均量" in line)
    assert "逆向变化" in rate
    assert "9 项指标：暂无数据 7 · 需加快 1 · 逆向变化 1" in result.stdout


def test_status_json_is_the_core_result(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    result = cli("status", "--json", "--data", str(plan_dir))
    data = json.loads(result.stdout)
    assert data == for_files(status_view(load(plan_dir)))
    assert data["plan"] == {
        "title": "推进专利代理行业高质量发展行动计划（2022-2025年）",
        "baseline_year": 2021,
        "target_year": 2025,
    }
    assert data["as_of"] is None
    row = data["indicators"][0]
    assert set(row) == {
        "key",
        "number",
        "name",
        "name_en",
        "unit",
        "unit_en",
        "binding",
        "accumulate",
        "direction",
        "baseline",
        "provisional_baseline",
        "baseline_pending",
        "target",
        "latest",
        "total",
        "missing_years",
        "progress",
        "time_elapsed",
        "pace",
        "gap",
        "required_per_year",
        "status",
        "cagr_observed",
        "cagr_required",
        "pace_cagr",
        "status_cagr",
        "methods_disagree",
        "observed_per_year",
        "projection",
        "acceleration_factor",
        "trend",
        "expected",
        "milestones",
        "official_baseline",
        "published_after_months",
        "overdue_figures",
        "final",
        "not_published",
        "basis_changes",
    }
    assert row["latest"] == {"year": 2023, "value": 31000}
    assert (row["unit"], row["unit_en"], row["binding"], row["accumulate"]) == (
        "人",
        "people",
        False,
        None,
    )
    assert row["pace_cagr"] == pytest.approx(0.7136, abs=1e-4)
    assert (row["status_cagr"], row["methods_disagree"]) == ("needs_acceleration", False)
    assert row["projection"]["linear"] == 35171
    assert row["projection"]["cagr"] == pytest.approx(35819.45, abs=0.01)
    assert row["acceleration_factor"] == pytest.approx(2.1578, abs=1e-4)
    assert row["expected"] == {"year": 2023, "value": 33414.5, "milestone": False}
    assert row["progress"] == pytest.approx(0.3167, abs=1e-4)
    assert row["pace"] == pytest.approx(0.6334, abs=1e-4)
    assert (row["gap"], row["required_per_year"], row["status"]) == (
        9000,
        4500,
        "needs_acceleration",
    )
    assert data["summary"]["needs_acceleration"] == 1 and data["summary"]["no_data"] == 8
    assert data["indicators"][5]["baseline"] is None


def test_status_drops_the_bar_rather_than_crop_it(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    monkeypatch.setenv("COLUMNS", "100")
    narrow = cli("status", "--data", str(plan_dir)).stdout
    assert "█" not in narrow and "需加快" in narrow and "31.7%" in narrow


def test_status_as_of(cli: Run, plan_dir: Path) -> None:
    cli("record", "2022", "practitioners", "29000", "--data", str(plan_dir))
    cli("record", "2024", "practitioners", "39000", "--data", str(plan_dir))
    data = json.loads(cli("status", "--json", "--as-of", "2023", "--data", str(plan_dir)).stdout)
    assert data["as_of"] == 2023
    assert data["indicators"][0]["latest"] == {"year": 2022, "value": 29000}
    result = cli("status", "--as-of", "2019", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "2019" in result.stderr


# --- record -----------------------------------------------------------------------------------


def test_record_writes_and_reloads(cli: Run, plan_dir: Path) -> None:
    result = cli(
        "record",
        "2023",
        "practitioners",
        "31000",
        "--source",
        "年度统计",
        "--note",
        "[draft]",
        "--data",
        str(plan_dir),
    )
    assert result.exit_code == 0, result.stderr
    assert "已记录：执业专利代理师人数 2023 年 = 31000 人" in result.stdout
    assert "需加快" in result.stdout
    actual = load(plan_dir).actuals["practitioners"][0]
    assert (actual.year, actual.value, actual.source, actual.note) == (
        2023,
        31000,
        "年度统计",
        "[draft]",
    )
    assert actual.recorded is not None
    assert isinstance(actual.value, int)


@pytest.mark.parametrize("ref", ["practitioners", "1", "执业专利代理师人数"])
def test_record_accepts_key_number_or_chinese_name(cli: Run, plan_dir: Path, ref: str) -> None:
    assert cli("record", "2023", ref, "31000", "--data", str(plan_dir)).exit_code == 0
    assert load(plan_dir).actuals["practitioners"][0].value == 31000


def test_record_fraction_for_a_percentage(cli: Run, plan_dir: Path) -> None:
    assert cli("record", "2022", "agency_rate", "81.5", "--data", str(plan_dir)).exit_code == 0
    assert load(plan_dir).actuals["agency_rate"][0].value == 81.5


def test_record_twice_needs_force_and_keeps_history(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--source", "初报", "--data", str(plan_dir))
    before = snapshot(plan_dir)
    refused = cli("record", "2023", "practitioners", "31500", "--data", str(plan_dir))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr and "31000" in refused.stderr
    assert snapshot(plan_dir) == before

    forced = cli(
        "record",
        "2023",
        "practitioners",
        "31500",
        "--force",
        "--source",
        "终报",
        "--data",
        str(plan_dir),
    )
    assert forced.exit_code == 0
    assert "原值 31000" in forced.stdout
    actual = load(plan_dir).actuals["practitioners"][0]
    assert (actual.value, actual.source) == (31500, "终报")
    assert [(old.value, old.source) for old in actual.history] == [(31000, "初报")]


def test_record_same_value_again_changes_nothing(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    before = snapshot(plan_dir)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert "未作改动" in result.stdout
    assert snapshot(plan_dir) == before


def test_record_json(cli: Run, plan_dir: Path) -> None:
    result = cli("record", "2023", "practitioners", "31000", "--json", "--data", str(plan_dir))
    data = json.loads(result.stdout)
    assert data["recorded"] == {
        "key": "practitioners",
        "year": 2023,
        "value": 31000,
        "source": None,
        "note": None,
        "not_published": False,
        "basis_change": None,
    }
    assert data["indicator"]["status"] == "needs_acceleration"


BAD_RECORDS = [
    (["2023", "no_such_indicator", "1"], "未知指标 no_such_indicator"),
    (["2023", "practitionrs", "1"], "practitioners"),  # the closest key is suggested
    (["1999", "practitioners", "30000"], "2022–2025"),
    (["2026", "practitioners", "30000"], "2022–2025"),
    (["2021", "practitioners", "30000"], "基线年"),
    (["2023", "practitioners", "abc"], "“abc”中的“a”不是数值的一部分"),
    (["2023", "practitioners", "nan"], "不是有限数值"),
    (["2023", "practitioners", "inf"], "不是有限数值"),
    (["2023", "practitioners", "-5"], "超出允许范围"),
    (["2023", "practitioners", "31000.5"], "整数"),
    (["2023", "agency_rate", "180"], "0–100"),
    (["2023", "complaint_rate", "1000.1"], "0–1000"),
]


@pytest.mark.parametrize(("args", "says"), BAD_RECORDS)
def test_bad_record_is_refused_and_changes_nothing(
    cli: Run, plan_dir: Path, args: list[str], says: str
) -> None:
    cli("record", "2022", "practitioners", "28000", "--data", str(plan_dir))
    before = snapshot(plan_dir)
    result = cli("record", *args, "--data", str(plan_dir))
    assert result.exit_code == 1
    assert says in result.stderr
    assert result.stderr.startswith("错误：")
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(plan_dir) == before


def test_bad_record_in_english(cli: Run, plan_dir: Path) -> None:
    result = cli("record", "2023", "agency_rate", "180", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: Patent agency rate is in %; 180 is outside the allowed range 0–100"
    )


def test_record_year_that_is_not_a_number_is_a_usage_error(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = cli("record", "twenty", "practitioners", "1", "--data", str(plan_dir))
    assert result.exit_code == 2
    assert snapshot(plan_dir) == before


def test_record_into_the_bundled_plan_is_refused(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = locate.bundled_dir()
    before = snapshot(bundled)
    result = cli("record", "2023", "practitioners", "31000")
    assert result.exit_code == 1
    assert "ipplan init DIR" in result.stderr
    assert snapshot(bundled) == before


def test_write_refused_by_the_system_changes_nothing(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    before = snapshot(plan_dir)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "没有权限" in result.stderr
    assert snapshot(plan_dir) == before


def test_failed_rename_leaves_the_old_file_and_no_temporary(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    before = snapshot(plan_dir)
    monkeypatch.setattr(os, "replace", fail)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert snapshot(plan_dir) == before  # also proves no temporary file was left behind


def test_write_keeps_the_files_permission_bits(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    recorded = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    recorded.chmod(0o640)
    cli("record", "2023", "practitioners", "31500", "--force", "--data", str(plan_dir))
    assert "value: 31500" in recorded.read_text(encoding="utf-8")
    assert recorded.stat().st_mode & 0o777 == 0o640


def test_record_into_a_broken_plan_is_refused_with_path_and_line(cli: Run, plan_dir: Path) -> None:
    (plan_dir / "indicators.yaml").write_text("plan: [\n", encoding="utf-8")
    before = snapshot(plan_dir)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{plan_dir / 'indicators.yaml'}:2: yaml-syntax:" in result.stderr
    assert snapshot(plan_dir) == before


def test_record_negative_value_is_read_as_a_value(cli: Run, plan_dir: Path) -> None:
    result = cli("record", "2023", "practitioners", "-5", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "-5" in result.stderr


# --- show -------------------------------------------------------------------------------------


def test_show(cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")  # the target year ahead: an outlook
    cli(
        "record",
        "2023",
        "practitioners",
        "31000",
        "--source",
        "年度统计",
        "--note",
        "[red]初报[/red]",
        "--data",
        str(plan_dir),
    )
    result = cli("show", "practitioners", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert "[red]初报[/red]" in result.stdout  # data prints as written, never as markup
    out = result.stdout
    assert "1. 执业专利代理师人数 / Practising patent attorneys (人)" in out
    assert "33414.5" in out  # the linear path in 2023
    assert "-2414.5" in out  # actual against the path
    assert "年度统计" in out
    lines = [line.strip() for line in out.splitlines()]
    # the working, step by step, with the values put in
    assert (
        "进度 P：P = (x_t − x0) / (x* − x0) = (31000 − 26829) / (40000 − 26829)"
        " = 4171 / 13171 = 0.3167"
    ) in lines
    assert (
        "时间进度 τ：τ = (t − t0) / (T − t0) = (2023 − 2021) / (2025 − 2021) = 2 / 4 = 0.5000"
    ) in lines
    assert "进度比 R：R = P / τ = 0.3167 / 0.5 = 0.6334" in lines
    assert "状态：需加快   (0.6 ≤ R = 0.6334 < 0.95)" in lines
    assert "差距：d × (x* − x_t) = +1 × (40000 − 31000) = 还差 9000 人" in lines
    assert "每年尚需：v_req = (x* − x_t) / (T − t) = 9000 / (2025 − 2023) = 4500 人" in lines
    assert "复合进度比：R_cagr = d × CAGR_o / |CAGR_r| = +1 × 0.0749 / 0.105 = 0.7136" in lines
    assert "两种方法结论一致：需加快" in lines
    assert "预计（线性）：x_t + v_obs × (T − t) = 31000 + 2085.5 × 2 = 35171 人" in lines
    assert "预计（复合）：x_t × (1 + CAGR_o)^(T − t) = 31000 × 1.0749^2 = 35819 人" in lines
    assert "需达到当前年均变化的 2.16 倍" in lines
    assert "按计划 2023 年应达 33414.5 人（线性路径），实际偏差 -2414.5" in lines
    # no status set by hand, and the 2022 work plan's progress was not tracked: no action
    # takes a status from it, so each is as tasks.yaml says
    assert "talent-attraction  提升行业人才吸引力  未启动" in lines
    assert "talent-training  加大行业人才培养  未启动" in lines
    # the chart: target at the top right, axis years along the bottom
    chart = lines[lines.index("图示") + 1 : lines.index("图示") + 13]
    assert chart[0].startswith("40000 ┤") and chart[0].endswith("◎")
    assert "●" in "".join(chart)
    assert chart[-1].split() == ["2021", "2022", "2023", "2024", "2025"]


def test_show_says_when_the_methods_disagree_and_the_trend_must_turn(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")  # the target year ahead: an outlook
    cli("record", "2023", "complaint_rate", "2.7", "--data", str(plan_dir))
    out = cli("show", "complaint_rate", "--lang", "en", "--data", str(plan_dir)).stdout
    lines = [line.strip() for line in out.splitlines()]
    assert (
        "Compound pace: R_cagr = d × CAGR_o / |CAGR_r| = -1 × (-0.0513) / 0.0964 = 0.5323"
    ) in lines
    assert "⚠ The methods disagree: linear needs acceleration, compound lagging" in lines
    assert "Needs 2.33x today's yearly change" in lines
    status = cli("status", "--data", str(plan_dir)).stdout
    assert "需加快 ≠" in status
    assert "≠ 8 投诉案件人均量：两种方法结论不同（线性 需加快，复合 进度滞后）" in status

    cli("record", "2023", "practitioners", "26000", "--data", str(plan_dir))
    out = cli("show", "practitioners", "--lang", "en", "--data", str(plan_dir)).stdout
    assert "The trend must be reversed" in out
    assert "needs" not in out.split("Looking ahead")[1]


def test_show_without_a_baseline_explains_why_nothing_is_worked(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "6", "50", "--data", str(plan_dir))
    out = cli("show", "6", "--data", str(plan_dir)).stdout
    assert "数据不足" in out
    assert (
        "计划未给出基线：记录两个实际值后，以最早的实际值作为暂定基线计算进度（目前有 1 个）。"
        in out
    )
    assert "展望" not in out


def test_show_definition_and_json(cli: Run) -> None:
    result = cli("show", "complaint_rate", "--json", "--data", str(SHIPPED))
    data = json.loads(result.stdout)
    assert data["definition"] == "“投诉案件人均量”是指投诉案件数量与专利代理师的比率。"
    assert data["direction"] == "decrease"
    assert [p["year"] for p in data["path"]] == [2021, 2022, 2023, 2024, 2025]
    assert data["path"][2]["expected"] == pytest.approx(2.5)
    assert [a["id"] for a in data["actions"]] == [
        "self-regulation-rules",
        "agency-compliance",
        "disciplinary-action",
        "regulatory-coordination",
        "professional-conduct",
    ]
    assert data == show_view(load(SHIPPED), load(SHIPPED).indicator("complaint_rate"))


def test_show_provisional_baseline(cli: Run, plan_dir: Path) -> None:
    cli("record", "2022", "6", "100", "--data", str(plan_dir))
    cli("record", "2023", "6", "130", "--data", str(plan_dir))
    data = json.loads(cli("show", "6", "--json", "--data", str(plan_dir)).stdout)
    assert data["provisional_baseline"] is True
    assert data["baseline"] == {"year": 2022, "value": 100}
    assert data["status"] == "needs_acceleration"
    assert "暂定基线" in cli("show", "6", "--data", str(plan_dir)).stdout


def test_show_unknown_indicator(cli: Run) -> None:
    result = cli("show", "no_such_indicator", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert "未知指标 no_such_indicator" in result.stderr
    assert "practitioners" in result.stderr


# --- tasks and task ---------------------------------------------------------------------------


def test_tasks_grouped_by_area(cli: Run) -> None:
    result = cli("tasks", "--data", str(SHIPPED))
    assert result.exit_code == 0
    out = result.stdout
    assert (
        out.index("1. 提升专利代理能力")
        < out.index("2. 优化专利代理服务")
        < out.index("3. 规范专利代理执业行为")
        < out.index("4. 实施保障")
    )
    assert "共 15 项行动、3 项保障" in out


def test_tasks_filters(cli: Run, plan_dir: Path) -> None:
    data = json.loads(cli("tasks", "--area", "conduct", "--json", "--data", str(SHIPPED)).stdout)
    assert [a["id"] for a in data["areas"]] == ["conduct"]
    assert len(data["areas"][0]["actions"]) == 5
    data = json.loads(
        cli("tasks", "--indicator", "it_coverage", "--json", "--data", str(SHIPPED)).stdout
    )
    assert [a["id"] for g in data["areas"] for a in g["actions"]] == ["informatization"]
    cli("task", "senior-talent", "--status", "in_progress", "--data", str(plan_dir))
    data = json.loads(
        cli("tasks", "--status", "in_progress", "--json", "--data", str(plan_dir)).stdout
    )
    assert [a["id"] for g in data["areas"] for a in g["actions"]] == ["senior-talent"]
    assert cli("tasks", "--status", "in_progress", "--data", str(SHIPPED)).stdout.strip() == (
        "没有符合条件的行动。"
    )


def test_tasks_unknown_area_and_status(cli: Run) -> None:
    result = cli("tasks", "--area", "nowhere", "--data", str(SHIPPED))
    assert result.exit_code == 1 and "capability" in result.stderr
    assert cli("tasks", "--status", "bogus", "--data", str(SHIPPED)).exit_code == 2


def test_task_shows_measures(cli: Run) -> None:
    result = cli("task", "talent-attraction", "--data", str(SHIPPED))
    assert result.exit_code == 0
    assert "1. 研究优化专利代理师成长模式" in result.stdout
    assert "3. 遴选专利代理机构建立高校学生实习实践基地" in result.stdout
    assert "暂无进展记录" in result.stdout


def test_task_update_is_logged_and_dated(cli: Run, plan_dir: Path) -> None:
    tasks_before = (plan_dir / "tasks.yaml").read_bytes()
    result = cli(
        "task",
        "talent-training",
        "--status",
        "in_progress",
        "--lead",
        "培训部",
        "--due",
        "2025-06-30",
        "--note",
        "首期培训完成",
        "--data",
        str(plan_dir),
    )
    assert result.exit_code == 0
    assert "已记录行动 talent-training 的进展" in result.stdout
    state = load(plan_dir).state(load(plan_dir).action("talent-training"))
    assert (state.status.value, state.lead, str(state.due)) == (
        "in_progress",
        "培训部",
        "2025-06-30",
    )
    assert [u.note for u in state.updates] == ["首期培训完成"]
    assert (plan_dir / "tasks.yaml").read_bytes() == tasks_before  # never rewritten

    cli("task", "talent-training", "--status", "completed", "--data", str(plan_dir))
    data = json.loads(cli("task", "talent-training", "--json", "--data", str(plan_dir)).stdout)
    assert data["status"] == "completed" and data["lead"] == "培训部"
    assert [u["status"] for u in data["updates"]] == ["in_progress", "completed"]


def test_task_without_change_writes_nothing(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = cli("task", "talent-training", "--status", "not_started", "--data", str(plan_dir))
    assert result.exit_code == 0 and "没有变化" in result.stdout
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["no_such_action"], 1, "未知行动 no_such_action"),
        (["talent-trainin", "--note", "x"], 1, "talent-training"),
        (
            ["talent-training", "--due", "2025-13-01"],
            1,
            "请写如 2025-12-31、2025年12月31日 或 2025/12/31",
        ),
        (["talent-training", "--status", "finished"], 2, "finished"),
    ],
)
def test_bad_task_input(cli: Run, plan_dir: Path, args: list[str], code: int, says: str) -> None:
    before = snapshot(plan_dir)
    result = cli("task", *args, "--data", str(plan_dir))
    assert result.exit_code == code
    assert says in result.stderr
    assert snapshot(plan_dir) == before


# --- validate ---------------------------------------------------------------------------------


def test_validate_ok(cli: Run) -> None:
    result = cli("validate", "--data", str(SHIPPED))
    assert result.exit_code == 0
    assert result.stdout.startswith("数据有效：9 项指标，15 项行动、3 项保障，5 个实际值")
    assert json.loads(cli("validate", "--json", "--data", str(SHIPPED)).stdout) == []


def test_validate_lists_every_problem(cli: Run, plan_dir: Path) -> None:
    (plan_dir / "actuals.yaml").write_text(
        "actuals:\n  practitioners:\n    - {year: 2030, value: 1}\n"
        "  agency_rate:\n    - {year: 2023, value: 180}\n",
        encoding="utf-8",
    )
    text = (plan_dir / "tasks.yaml").read_text(encoding="utf-8")
    (plan_dir / "tasks.yaml").write_text(
        text.replace("[it_coverage]", "[it_coverag]"), encoding="utf-8"
    )
    before = snapshot(plan_dir)
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    actuals = plan_dir / "actuals.yaml"
    assert lines[0].startswith(f"{actuals}:3: year-outside-plan: ")
    assert lines[1].startswith(f"{actuals}:5: out-of-range: ")
    assert lines[2].startswith(f"{plan_dir / 'tasks.yaml'}:74: unknown-indicator: ")
    assert lines[3] == "发现 3 个问题。"
    problems = json.loads(cli("validate", "--json", "--data", str(plan_dir)).stdout)
    assert [(p["file"], p["line"], p["code"]) for p in problems] == [
        (str(actuals), 3, "year-outside-plan"),
        (str(actuals), 5, "out-of-range"),
        (str(plan_dir / "tasks.yaml"), 74, "unknown-indicator"),
    ]
    assert snapshot(plan_dir) == before


def test_validate_github_annotations(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (plan_dir / "actuals.yaml").write_text(
        "actuals:\n  practitioners:\n    - {year: 2030, value: 1}\n  nope: []\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(plan_dir.parent)
    before = snapshot(plan_dir)
    result = cli("validate", "--format", "github", "--lang", "en", "--data", "plan")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=plan/actuals.yaml,line=3,title=year-outside-plan::"
        "2030 is outside the plan (2022-2025)",
        "::error file=plan/actuals.yaml,line=4,title=unknown-indicator::unknown indicator nope",
    ]
    assert snapshot(plan_dir) == before
    ok = cli("validate", "--format", "github", "--data", str(SHIPPED))
    assert (ok.exit_code, ok.stdout) == (0, "")


def test_github_annotations_escape_what_the_runner_reads() -> None:
    problem = Problem(Path("a,b:c.yaml"), 7, "yaml-syntax", {"detail": "100% bad\nline two"})
    assert github_annotations([problem], "en") == [
        "::error file=a%2Cb%3Ac.yaml,line=7,title=yaml-syntax::"
        "YAML syntax error: 100%25 bad%0Aline two"
    ]


def test_validate_paths_are_relative_below_the_working_directory(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (plan_dir / "indicators.yaml").write_text("broken: [\n", encoding="utf-8")
    monkeypatch.chdir(plan_dir.parent)
    result = cli("validate", "--data", "plan")
    assert result.exit_code == 1
    assert result.stderr.startswith("plan/indicators.yaml:2: yaml-syntax: ")


def test_missing_data_directory(cli: Run, tmp_path: Path) -> None:
    for command in (["status"], ["validate"], ["record", "2023", "1", "1"], ["tasks"]):
        result = cli(*command, "--data", str(tmp_path / "nowhere"))
        assert result.exit_code == 1
        assert "不存在" in result.stderr and "ipplan init" in result.stderr


def test_directory_without_a_plan(cli: Run, tmp_path: Path) -> None:
    result = cli("status", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert "indicators.yaml" in result.stderr


# --- data directory resolution and init -------------------------------------------------------


def test_data_directory_resolution(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)

    def latest() -> object:
        return json.loads(cli("status", "--json").stdout)["indicators"][0]["latest"]

    published = {"year": 2023, "value": 34396}
    assert latest() == published  # the bundled plan, with the published figures
    (work / "data").symlink_to(plan_dir)
    assert latest() == {"year": 2023, "value": 31000}  # ./data
    empty = tmp_path / "other"
    cli("init", str(empty))
    monkeypatch.setenv("IPPLAN_DATA", str(empty))
    assert latest() == {"year": 2023, "value": 31000}  # the plan found here wins over $IPPLAN_DATA
    (work / "data").unlink()
    assert latest() == published  # no plan here or above: $IPPLAN_DATA, a fresh copy
    (work / "data").symlink_to(plan_dir)
    data = json.loads(cli("status", "--json", "--data", str(plan_dir)).stdout)
    assert data["indicators"][0]["latest"] is not None  # --data wins over all
    data = json.loads(cli("--data", str(plan_dir), "status", "--json").stdout)
    assert data["indicators"][0]["latest"] is not None  # also before the command


def test_init_copies_the_plan_and_never_overwrites(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = cli("init", str(target))
    assert result.exit_code == 0
    expected = ["indicators.yaml", "tasks.yaml", "actuals", "updates", "schema", ".gitignore"]
    expected.append("workplans")  # the yearly work plans shipped with the plan
    assert sorted(p.name for p in target.iterdir()) == sorted(expected)
    # the lock and a killed write's temporary file are never committed
    assert (target / ".gitignore").read_text(encoding="utf-8").split() == [".ipplan.lock", ".*.tmp"]
    assert (target / "indicators.yaml").read_bytes() == (SHIPPED / "indicators.yaml").read_bytes()
    assert snapshot(target / "schema") == snapshot(SHIPPED / "schema")
    assert cli("record", "2024", "1", "36000", "--data", str(target)).exit_code == 0
    before = snapshot(target)
    again = cli("init", str(target))
    assert again.exit_code == 1
    assert "已存在" in again.stderr
    assert snapshot(target) == before


# --- help and docs ----------------------------------------------------------------------------

COMMANDS = [
    "workplan",
    "item",
    "due",
    "roadmap",
    "workplan-import",
    "status",
    "record",
    "show",
    "tasks",
    "task",
    "validate",
    "history",
    "undo",
    "report",
    "import",
    "schema",
    "init",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: Run, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert f"Example: ipplan {command}" in result.stdout


def test_no_arguments_shows_help(cli: Run) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "status" in result.output and "validate" in result.output


def test_show_with_a_milestone(cli: Run, plan_dir: Path) -> None:
    add_milestone(plan_dir)
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    out = cli("show", "practitioners", "--data", str(plan_dir)).stdout
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("2023 "))
    assert row == ["2023", "33414.5", "32000", "31000", "-1000"]  # path, milestone, actual, dev.
    assert "按计划 2023 年应达 32000 人（阶段目标），实际偏差 -1000" in out
    assert "◆ 阶段目标" in out  # in the chart's legend
    data = json.loads(cli("show", "1", "--json", "--data", str(plan_dir)).stdout)
    assert data["milestones"] == [{"year": 2023, "value": 32000}]
    assert data["expected"] == {"year": 2023, "value": 32000, "milestone": True}
    assert data["status"] == "needs_acceleration"  # milestones do not change the status
