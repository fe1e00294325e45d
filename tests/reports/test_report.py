"""`ipplan report` in every format: each read back and compared with the plan's own numbers."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from ipplan import reports
from ipplan.clock import today
from ipplan.reports import markdown
from ipplan.text.shown_numbers import for_files
from ipplan.views.indicators import show_view
from tests.conftest import SHIPPED, Run, add_milestone, load, snapshot

HOSTILE_NOTE = "<script>alert(1)</script> | [red]x[/red]"


@pytest.fixture
def reported(cli: Run, plan_dir: Path) -> Path:
    """The shipped plan with a few years recorded, a milestone, and a note that must stay text."""
    add_milestone(plan_dir)
    for year, key, value, extra in (
        ("2022", "practitioners", "29000", ["--source", "2022年度统计"]),
        ("2023", "practitioners", "31000", ["--note", HOSTILE_NOTE]),
        ("2023", "complaint_rate", "2.7", []),
        ("2022", "international_talent", "100", []),
        ("2024", "international_talent", "144", []),
        ("2023", "agency_rate", "80.1", []),
    ):
        assert cli("record", year, key, value, *extra, "--data", str(plan_dir)).exit_code == 0
    cli(
        "task",
        "talent-training",
        "--status",
        "in_progress",
        "--note",
        "培训 1.2 万人次",
        "--data",
        str(plan_dir),
    )
    return plan_dir


def report_of(plan_dir: Path, fmt: str, as_of: int | None = None, lang: str = "zh") -> str | bytes:
    plan = load(plan_dir)
    day = today(os.environ)  # work items stand as on the day the command runs, as ipplan report's
    return reports.render(reports.build(plan, as_of, day), reports.Format(fmt), lang)


# --- json -------------------------------------------------------------------------------------


def test_json_is_everything_the_core_computes(cli: Run, reported: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = cli("report", "--format", "json", "-o", str(out), "--data", str(reported))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    plan = load(reported)
    assert data == for_files(reports.build(plan, day=today(os.environ)))
    assert data["indicators"][0] == for_files(show_view(plan, plan.indicator("practitioners")))
    assert data["summary"]["needs_acceleration"] == 3
    assert [a["id"] for a in data["areas"]] == ["capability", "service", "conduct", "safeguards"]


# --- csv --------------------------------------------------------------------------------------


CSV_HEADERS = {
    "zh": [
        "指标键",
        "名称",
        "单位",
        "年份",
        "数值",
        "来源",
        "备注",
        "状态",
        "基线",
        "目标",
        "属性",
        "计量方式",
        "累计",
        "未公布",
        "统计口径变化",
        "截至年份",
        "生成时间",
    ],
    "en": [
        "key",
        "name",
        "unit",
        "year",
        "value",
        "source",
        "note",
        "status",
        "baseline",
        "target",
        "kind",
        "measured as",
        "total",
        "not published",
        "change of counting basis",
        "as of",
        "made",
    ],
}


def csv_rows(text: str | bytes) -> list[list[str]]:
    assert isinstance(text, str) and text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_is_tidy_rows_with_a_bom(reported: Path) -> None:
    header, *cells = csv_rows(report_of(reported, "csv"))
    assert header == CSV_HEADERS["zh"]
    rows = [dict(zip(header, row, strict=True)) for row in cells]
    assert {(r["属性"], r["计量方式"], r["累计"]) for r in rows} == {("预期性指标", "年末值", "")}
    assert len(rows) == 9 * 4  # nine indicators, 2022 to 2025
    by = {(r["指标键"], int(r["年份"])): r for r in rows}
    plan = load(reported)
    for key, series in plan.actuals.items():
        for actual in series:
            assert float(by[key, actual.year]["数值"]) == actual.value
    assert by["practitioners", 2022]["来源"] == "2022年度统计"
    assert by["practitioners", 2023]["备注"] == HOSTILE_NOTE
    assert by["practitioners", 2024]["数值"] == ""
    # the status as of each year, named as the other outputs name it
    # 2171 / 13171 of the way in a quarter of the time: R = 0.659
    assert by["practitioners", 2022]["状态"] == "需加快"
    assert by["practitioners", 2023]["状态"] == "需加快"
    assert by["medium_agencies", 2025]["状态"] == "暂无数据"
    assert by["agency_rate", 2023]["数值"] == "80.1"
    # every row says the indicator's baseline and target, to read its value against
    assert [by["practitioners", 2022][c] for c in CSV_HEADERS["zh"][:-1]] == [
        "practitioners",
        "执业专利代理师人数",
        "人",
        "2022",
        "29000",
        "2022年度统计",
        "",
        "需加快",
        "26829",
        "40000",
        "预期性指标",
        "年末值",
        "",
        "",
        "",
        "",
    ]
    # an indicator the plan gives no baseline leaves the cell empty
    assert (by["satisfaction", 2022]["基线"], by["satisfaction", 2022]["目标"]) == ("", "83")


def test_the_english_csv_has_english_headers_and_status_names(reported: Path) -> None:
    header, *cells = csv_rows(report_of(reported, "csv", lang="en"))
    assert header == CSV_HEADERS["en"]
    by = {(row[0], row[3]): row for row in cells}
    assert by["practitioners", "2022"][:-1] == [
        "practitioners",
        "Practising patent attorneys",
        "人",
        "2022",
        "29000",
        "2022年度统计",
        "",
        "needs acceleration",
        "26829",
        "40000",
        "indicative indicator",
        "year-end value",
        "",
        "",
        "",
        "",
    ]
    assert by["medium_agencies", "2025"][7] == "no data"


def test_csv_file_opens_as_utf8_with_bom(cli: Run, reported: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    cli("report", "-f", "csv", "-o", str(out), "--as-of", "2022", "--data", str(reported))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {int(r["年份"]) for r in rows} == {2022}


# --- xlsx -------------------------------------------------------------------------------------


def test_xlsx_is_an_indicator_tracking_table(cli: Run, reported: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    assert cli("report", "-f", "xlsx", "-o", str(out), "--data", str(reported)).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["指标", "行动", "数据及来源", "2022年工作计划", "说明"]
    sheet = book["指标"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["序号", "key", "指标", "单位", "方向", "基线 2021"]
    assert header[6:14] == [
        "实际 2022",
        "计划 2022",
        "实际 2023",
        "计划 2023",
        "实际 2024",
        "计划 2024",
        "实际 2025",
        "计划 2025",
    ]
    assert header[14:18] == ["目标 2025", "进度", "R", "状态"]
    rows = {
        row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    assert len(rows) == 9
    p = rows["practitioners"]
    assert (p["基线 2021"], p["实际 2022"], p["实际 2023"], p["目标 2025"]) == (
        26829,
        29000,
        31000,
        40000,
    )
    assert p["计划 2022"] == pytest.approx(30121.75)
    assert p["计划 2023"] == 32000  # the milestone replaces the linear path
    assert p["进度"] == 0.3167  # 4171 / 13171 to RATIO_DECIMALS
    assert p["R"] == pytest.approx(0.6334, abs=1e-4)
    assert p["状态"] == "需加快"
    assert p["还差（负数为已超出）"] == 9000 and p["每年尚需"] == 4500
    assert rows["complaint_rate"]["复合状态"] == "进度滞后"
    assert rows["international_talent"]["基线 2021"] is None  # provisional: not the plan's
    assert sheet.cell(2, header.index("进度") + 1).number_format == "0.0%"

    actions = book["行动"]
    listed = {row[1]: row for row in actions.iter_rows(2, values_only=True)}
    assert len(listed) == 18
    assert listed["talent-training"][3] == "推进中"
    assert listed["talent-training"][7] == "培训 1.2 万人次"


def test_xlsx_in_english(reported: Path) -> None:
    from openpyxl import load_workbook

    data = report_of(reported, "xlsx", lang="en")
    assert isinstance(data, bytes)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Indicators", "Actions", "Figures", "Work plan 2022", "About"]
    assert book["Indicators"]["C2"].value == "Practising patent attorneys"


def test_xlsx_without_openpyxl_says_how_to_get_it(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as if not installed
    out = tmp_path / "report.xlsx"
    result = cli("report", "-f", "xlsx", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：生成 xlsx 需要 openpyxl，它不随 ipplan 默认安装。"
        "请运行 pip install 'ipplan[xlsx]'。\n"
    )
    assert not out.exists()


def test_xlsx_is_not_written_to_a_terminal(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ipplan.cli.reports.stdout_is_terminal", lambda: True)
    result = cli("report", "-f", "xlsx", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "xlsx is a binary file" in result.stderr and "-o FILE" in result.stderr


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_has_every_part(reported: Path) -> None:
    md = report_of(reported, "md")
    assert isinstance(md, str)
    assert md.startswith("# 推进专利代理行业高质量发展行动计划（2022-2025年）实施进展报告\n")
    assert "| 需加快 | 3 |" in md  # summary by status
    for heading in ("## 概况", "## 指标一览", "## 按领域", "## 指标详情", "## 行动进展"):
        assert heading in md
    plan = load(reported)
    for ind in plan.indicators:
        assert f"### {ind.number}. {ind.name} ({ind.unit})" in md
    # by area, in the roadmap, in the work over the period (the target year has ended), actions
    assert md.count("### 1. 提升专利代理能力，支撑行业高质量发展") == 4
    assert (
        "| 1 | 执业专利代理师人数 | 人 | 26829 | 31000 (2023) | 40000 "
        "| 31.7% | 0.63 | 0.71 | 需加快 |" in md
    )
    assert "| 8 | 投诉案件人均量 | ‰ | 3 | 2.7 (2023) | 2 | 30.0% | 0.60 | 0.53 | 需加快 ≠ |" in md
    assert "- ⚠ 两种方法结论不同：线性 需加快，复合 进度滞后" in md
    assert "2025 年预计" not in md  # the target year has ended: nothing to look ahead to
    assert "- 按计划 2023 年应达 32000 人（阶段目标），实际偏差 -1000" in md
    assert "| talent-training | 加大行业人才培养 | 推进中 |" in md
    assert "“中型以上专利代理机构”是指" in md  # definitions
    # data is text: no raw HTML, no broken table
    assert "<script>" not in md
    assert markdown.escape(HOSTILE_NOTE) in md
    assert "\\<script\\>alert(1)\\</script\\> \\| \\[red\\]x\\[/red\\]" in md


def test_markdown_in_english_as_of(reported: Path) -> None:
    md = report_of(reported, "md", as_of=2022, lang="en")
    assert isinstance(md, str)
    assert "Data as of 2022." in md
    assert "### 1. Practising patent attorneys (people)" in md
    assert "31000" not in md.split("## Indicators in detail")[1].split("### 2.")[0]


# --- html -------------------------------------------------------------------------------------


def test_html_is_self_contained_and_has_each_chart(reported: Path) -> None:
    page = report_of(reported, "html")
    assert isinstance(page, str)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page and 'name="viewport"' in page
    # nothing fetched from anywhere: no script, no external link, style or font
    assert "<script" not in page.replace("&lt;script&gt;", "")
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    plan = load(reported)
    for ind in plan.indicators:
        section = page.split(f'id="indicator-{ind.key}"')[1].split("</section>")[0]
        assert f"{ind.number}. {ind.name} ({ind.unit})" in section
        assert section.count('<svg class="chart"') == 1
        assert '<polyline class="linear"' in section or ind.baseline is None
        assert '<circle class="target"' in section
    assert page.count('<path class="milestone"') == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | [red]x[/red]" in page
    assert '<span class="status s-needs_acceleration">需加快 ≠</span>' in page


def test_report_refuses_to_overwrite_a_data_file(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    target = plan_dir / "actuals.yaml"
    result = cli("report", "-f", "md", "-o", str(target), "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "is one of the plan's data files" in result.stderr
    assert snapshot(plan_dir) == before


def test_report_checks_the_as_of_year(cli: Run) -> None:
    result = cli("report", "--as-of", "2030", "--data", str(SHIPPED))
    assert result.exit_code == 1
    assert "2030 年不在计划期内" in result.stderr
    assert result.stdout == ""


def test_report_to_standard_output(cli: Run) -> None:
    result = cli("report", "--data", str(SHIPPED))
    assert result.exit_code == 0
    assert result.stdout == report_of(SHIPPED, "md")


def test_unknown_format_is_a_usage_error(cli: Run) -> None:
    result = cli("report", "--format", "pdf", "--data", str(SHIPPED))
    assert result.exit_code == 2
    assert "pdf" in result.stderr


def test_same_data_same_bytes(reported: Path) -> None:
    for fmt in ("md", "html", "csv", "json", "xlsx"):
        assert report_of(reported, fmt) == report_of(reported, fmt)


def test_the_workbook_does_not_carry_the_time_it_was_saved(
    reported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes the clock into docProps/core.xml as it saves; the report keeps it fixed."""
    import datetime as dt
    import types

    import openpyxl.writer.excel as excel

    first = report_of(reported, "xlsx")

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Later:  # type: ignore[override]
            return cls(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(
        excel, "datetime", types.SimpleNamespace(datetime=Later, timezone=dt.timezone)
    )
    assert report_of(reported, "xlsx") == first
