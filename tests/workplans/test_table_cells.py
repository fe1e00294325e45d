"""What a work-plan table's cells say, as offices fill them in: dates Excel stores as dates,
deadlines written as 6月前, the years a work plan may name, a seed's headings and title row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, load, snapshot

HEAD = ["工作措施", "工作目标", "具体内容", "进度安排", "负责部门", "对应行动", "状态"]

# judged on 15 July 2024, in the middle of the tables' year (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("mid_2024")


def workbook(path: Path, *rows: list[Any]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_table(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("gbk"))
    return path


def run_import(cli: Run, directory: Path, source: Path, *more: str, year: str = "2024") -> Any:
    return cli("workplan-import", str(source), "--year", year, "--data", str(directory), *more)


def refused(cli: Run, directory: Path, source: Path, *more: str, year: str = "2024") -> list[str]:
    """The problem lines of a refused import ("row: code"), having checked it changed nothing."""
    before = snapshot(directory)
    result = run_import(cli, directory, source, *more, year=year)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert snapshot(directory) == before
    return [line for line in result.stderr.splitlines()[:-1]]


def codes(lines: list[str]) -> list[tuple[str, str]]:
    return [(where.rsplit(":", 1)[1], code) for where, code, *_ in (x.split(": ") for x in lines)]


def test_a_date_cell_in_the_schedule_is_the_period_with_no_task(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = workbook(
        tmp_path / "t9.xlsx",
        HEAD,
        ["a", "x", "y", dt.datetime(2024, 6, 30), "省局", "talent-training", None],
    )
    result = run_import(cli, bare_dir, source)
    assert result.exit_code == 0, result.stderr
    (item,) = load(bare_dir).work.plan(2024).items
    assert [(m.period, m.task) for m in item.schedule] == [("2024-06-30", None)]


def test_a_date_cell_in_the_state_is_read_as_a_date(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = workbook(
        tmp_path / "s.xlsx",
        HEAD,
        ["a", "x", "y", "全年，做", "省局", "talent-training", dt.datetime(2024, 5, 1)],
    )
    (line,) = refused(cli, bare_dir, source)
    assert codes([line]) == [("2", "invalid-state")]
    assert "状态“2024-05-01”无法读取" in line
    assert "00:00:00" not in line


def test_a_deadline_that_could_mean_two_ends_is_unsure_first_in_a_line_or_later(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = csv_table(
        tmp_path / "t7.csv",
        ",".join(HEAD[:6]) + "\n"
        "a,x,开展培训6次,6月前完成,省局,talent-training\n"
        'a2,x,开展培训6次,"6月前，完成培训",省局,talent-training\n'
        'a3,x,y,"4月底前完成收集，6月前完成评估",省局,talent-training\n',
    )
    lines = refused(cli, bare_dir, source)
    assert codes(lines) == [
        ("2", "schedule-unsure-period"),
        ("3", "schedule-unsure-period"),
        ("4", "schedule-unsure-period"),
    ]
    assert "进度安排“6月前完成”中有一句以“某月前”开头" in lines[0]


# seed 004's 2024 table, its periods naming their year, and a state with its date
OF_2024 = (
    ",".join(HEAD) + "\n"
    'a,x,y,"2024Q3，完成评估",省局,talent-training,\n'
    'b,x,y,"2024H1，调研；2024-06-30，验收",省局,talent-training,已完成 2024-06-30\n'
)


def test_a_table_of_another_year_is_refused_at_each_period(
    bare_dir: Path, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    source = csv_table(tmp_path / "t.csv", OF_2024)
    lines = refused(cli, bare_dir, source, year="2023")
    assert codes(lines) == [("2", "period-year"), ("3", "period-year"), ("3", "period-year")]
    assert "节点期间“2024Q3”不在工作计划的年度 2023 年内" in lines[0]
    assert "--year" in lines[0]


def test_validate_holds_a_work_plan_to_the_same_rule(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = csv_table(tmp_path / "t.csv", OF_2024)
    assert run_import(cli, bare_dir, source).exit_code == 0
    path = bare_dir / "workplans" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2024Q3", "2025Q1"), "utf-8")
    result = cli("validate", "--data", str(bare_dir))
    assert result.exit_code == 1
    assert "period-year: 节点期间“2025Q1”不在工作计划的年度 2024 年内" in result.stderr


def test_a_done_date_before_the_plans_years_is_refused_at_its_row(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    text = OF_2024.replace("已完成 2024-06-30", "已完成 2019-01-01")
    source = csv_table(tmp_path / "t.csv", text)
    lines = refused(cli, bare_dir, source)
    assert codes(lines) == [("3", "state-before-plan")]
    assert "状态中的日期 2019-01-01 早于计划的第一年（2022 年）" in lines[0]


def test_an_issue_date_after_today_or_before_the_plan_is_refused(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    stated = csv_table(tmp_path / "i.csv", "印发日期,2027-01-01\n" + OF_2024)
    lines = refused(cli, bare_dir, stated)
    assert codes(lines) == [("1", "issued-out-of-range")]
    assert "印发日期 2027-01-01 不在 2022-01-01 至今天（2024-07-15）之间" in lines[0]
    before = snapshot(bare_dir)
    source = csv_table(tmp_path / "t.csv", OF_2024)
    for day in ("2019-01-01", "2024-07-16"):
        result = run_import(cli, bare_dir, source, "--issued", day)
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"错误：--issued {day} 不在 2022-01-01 至今天（2024-07-15）之间；"
            "请写工作计划实际印发的日期。"
        )
    assert snapshot(bare_dir) == before
    assert run_import(cli, bare_dir, source, "--issued", "2024-07-15").exit_code == 0


def test_a_seeds_heading_is_the_section_and_its_title_row_the_title(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    """Seed 004: a title row above the header, and a measure cell that holds the section's
    heading above the measure, each numbered."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["浙江省2024年专利事业发展战略推进工作组织实施方案"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(HEAD[:6])
    schedule = "第一季度，完成方案。\n第二季度，征求意见。"
    for measure in (
        "（一）完善专利法规政策\n1.加强专利政策体系顶层设计",
        "2.推动制定专利纲领性政策",
        "（二）提升专利质量2.大力提升专利申请质量",
    ):
        sheet.append([measure, "目标", "内容", schedule, "省局负责", "talent-training"])
    source = tmp_path / "t10.xlsx"
    book.save(source)
    result = run_import(cli, bare_dir, source)
    assert result.exit_code == 0, result.stderr
    wp = load(bare_dir).work.plan(2024)
    assert wp.info.title == "浙江省2024年专利事业发展战略推进工作组织实施方案"
    assert [(item.section, item.measure) for item in wp.items] == [
        ("（一）完善专利法规政策", "加强专利政策体系顶层设计"),
        ("（一）完善专利法规政策", "推动制定专利纲领性政策"),
        ("（二）提升专利质量", "大力提升专利申请质量"),
    ]


def test_numbering_is_dropped_from_every_line_of_a_measure(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = csv_table(
        tmp_path / "m.csv",
        ",".join(HEAD[:6]) + "\n"
        '"1.加强顶层设计\n2.完善配套政策",x,y,全年，做,省局,talent-training\n',
    )
    assert run_import(cli, bare_dir, source).exit_code == 0
    (item,) = load(bare_dir).work.plan(2024).items
    assert item.measure == "加强顶层设计\n完善配套政策"


def test_a_formula_without_its_value_is_one_problem_not_two(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = workbook(
        tmp_path / "f.xlsx",
        HEAD[:6],
        ['=CONCAT("a","b")', "目标", "内容", "全年跟踪", "省局", "talent-training"],
    )
    lines = refused(cli, bare_dir, source)
    assert codes(lines) == [("2", "formula-without-value")]


@pytest.mark.parametrize("name", ["empty.csv", "blank.csv", "empty.xlsx"])
def test_an_empty_table_is_called_empty(
    bare_dir: Path, cli: Run, tmp_path: Path, name: str
) -> None:
    if name.endswith(".xlsx"):
        source = workbook(tmp_path / name)
    else:
        source = csv_table(tmp_path / name, "" if name == "empty.csv" else ",,\n\n,\n")
    (line,) = refused(cli, bare_dir, source)
    assert codes([line]) == [("1", "empty-table")]
    assert "表格是空的" in line


def test_a_cancel_without_its_reason_says_the_reason_is_missing(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    text = OF_2024.replace("已完成 2024-06-30", "已取消")
    (line,) = refused(cli, bare_dir, csv_table(tmp_path / "c.csv", text))
    assert codes([line]) == [("3", "state-without-reason")]
    assert "状态“已取消”说已取消，但没有写原因" in line


def test_ipplans_own_workbook_with_a_late_cancel_imports_back(
    bare_dir: Path, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancel recorded after the plan's last year (today, 2026, of a 2022-2025 plan), as
    ipplan's workbook writes it, is progress made late: it is read, not refused."""
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    text = OF_2024.replace("已完成 2024-06-30", "已取消 2026-12-07：政策调整")
    result = run_import(cli, bare_dir, csv_table(tmp_path / "late.csv", text))
    assert result.exit_code == 0, result.stderr
    (event,) = load(bare_dir).work.events_of("y2024-2")
    assert (event.date, event.cancelled) == (dt.date(2026, 12, 7), "政策调整")
