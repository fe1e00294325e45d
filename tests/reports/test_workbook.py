"""The xlsx report as offices use it: in the reader's language, printed on a few A4 pages,
every wrapped line shown, numbers in their recorded precision, each figure beside its source."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, clear_recorded
from tests.reports.test_report import HOSTILE_NOTE, report_of
from tests.reports.test_report import reported as reported  # the fixture, shared

openpyxl = pytest.importorskip("openpyxl")

# Chinese characters and the punctuation set with them (，、：（）《》…)
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef]")


def book_of(plan: Path, lang: str) -> Any:
    data = report_of(plan, "xlsx", lang=lang)
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def header_row(sheet: Any) -> int:
    """The row of a sheet's header: the first, but in a work plan's sheet the one below its
    year, title, issuer and issue date."""
    for row in sheet.iter_rows(1, 6):
        if row[0].value in ("id", "编号") or len([c for c in row if c.value is not None]) > 2:
            return int(row[0].row)
    return 1


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_an_english_workbook_has_no_chinese_but_the_datas_own(reported: Path) -> None:
    """Every run of Chinese in the English workbook is a piece of the plan's own text (a name,
    a source, a work plan's measure); nothing ipplan writes itself (a sheet name, a header, a
    unit, a state, a note, a joining comma) is Chinese."""
    data = set(strings(json.loads(report_of(reported, "json"))))
    book = book_of(reported, "en")
    foreign = []
    for sheet in book:
        assert not CJK.search(sheet.title), sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                for found in CJK.finditer(cell.value):
                    # the run with a character either side, as the data has it ("AIPPI、FICPI")
                    around = cell.value[max(found.start() - 1, 0) : found.end() + 1]
                    pieces = [p for p in CJK_PUNCTUATION.split(found.group()) if p]
                    if any(around in s for s in data):
                        continue
                    if not pieces or not all(any(p in s for s in data) for p in pieces):
                        foreign.append((sheet.title, cell.coordinate, found.group()))
                if row[0].row == header_row(sheet):  # a header row is ipplan's alone
                    assert not CJK.search(cell.value), (sheet.title, cell.value)
    assert foreign == []
    assert book.sheetnames == ["Indicators", "Actions", "Figures", "Work plan 2022", "About"]
    header = [c.value for c in book["Indicators"][1]]
    units = {row[1]: row[3] for row in book["Indicators"].iter_rows(2, values_only=True)}
    assert units["practitioners"] == "people"
    assert units["revenue"] == "100 million yuan"
    assert units["agency_rate"] == "%"
    assert units["medium_agencies"] == "agencies"
    assert header[3] == "Unit"
    plan = book["Work plan 2022"]
    # the work plan's year and title come first, then the header row
    assert [[c.value for c in row] for row in plan.iter_rows(1, 2, 1, 2)] == [
        ["year", "2022"],
        [
            "title",
            json.loads(report_of(reported, "json"))["work"]["workplans"][0]["workplan"]["title"],
        ],
    ]
    work = [c.value for c in plan[header_row(plan)]]
    assert work == [
        "id",
        "section",
        "actions",
        "measure",
        "goal",
        "content",
        "schedule",
        "units",
        "indicators",
        "state",
    ]
    states = {row[9] for row in plan.iter_rows(header_row(plan) + 1, values_only=True)}
    # the shipped 2022 work plan was transcribed afterwards: its states in English too
    assert states == {"not tracked\n1. 全年: not tracked"}


def test_every_sheet_prints_a4_landscape_fit_to_width_with_its_header_on_each_page(
    reported: Path,
) -> None:
    for lang in ("zh", "en"):
        book = book_of(reported, lang)
        for sheet in book:
            setup = sheet.page_setup
            assert setup.orientation == "landscape", sheet.title
            assert str(setup.paperSize) == "9", sheet.title  # A4
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
            assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, sheet.title
            if sheet.title not in ("说明", "About"):
                top = header_row(sheet)
                assert sheet.print_title_rows == f"${top}:${top}", sheet.title
                assert sheet.freeze_panes in (f"A{top + 1}", f"C{top + 1}")
                assert all(cell.font.bold for cell in sheet[top]), sheet.title


def test_rows_are_as_high_as_their_wrapped_lines(reported: Path) -> None:
    """A row left without a height shows one line in LibreOffice: every row gets the height of
    its fullest cell's wrapped lines, and every cell wraps."""
    from ipplan.reports.workbook import LINE_HEIGHT, WIDEST
    from ipplan.text.wrapping import width, wrap

    book = book_of(reported, "zh")
    sheet = book["2022年工作计划"]
    tallest = 0
    for row in sheet.iter_rows(header_row(sheet) + 1):
        content = row[5].value
        assert all(cell.alignment.wrap_text for cell in row)
        columns = int(sheet.column_dimensions["F"].width) - 2
        lines = sum(len(wrap(part, columns)) for part in content.split("\n"))
        height = sheet.row_dimensions[row[0].row].height
        assert height >= lines * LINE_HEIGHT
        tallest = max(tallest, height)
    assert tallest >= 4 * LINE_HEIGHT  # the long contents take several lines
    # columns as wide as their content, Chinese counted double, up to a limit
    indicators = book["指标"]
    names = [c.value for c in indicators["C"][1:]]
    assert indicators.column_dimensions["C"].width == min(max(map(width, names)) + 2, WIDEST)
    assert (
        indicators.column_dimensions["B"].width
        == max(len(str(c.value)) for c in indicators["B"]) + 2
    )


def test_amounts_show_their_recorded_precision_and_percent_is_not_scaled(reported: Path) -> None:
    book = book_of(reported, "en")
    sheet = book["Indicators"]
    header = [c.value for c in sheet[1]]
    cells = {row[1].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2)}
    practitioners = cells["practitioners"]
    for column in (
        "Baseline 2021",
        "Actual 2022",
        "Path 2022",
        "Target 2025",
        "To go (negative: beyond)",
    ):
        assert practitioners[column].number_format == "#,##0", column
    assert practitioners["Path 2022"].value == pytest.approx(30121.75)  # the value kept exact
    rate = cells["agency_rate"]
    assert rate["Unit"].value == "%"
    assert rate["Actual 2023"].value == pytest.approx(80.1)  # 80.1, not 0.801
    assert rate["Actual 2023"].number_format == "#,##0.0"
    assert rate["Progress"].number_format == "0.0%"  # a share of the way, not an amount
    assert rate["R"].number_format == "0.00"


def test_each_figure_stands_beside_its_source_note_and_recorded_time(reported: Path) -> None:
    book = book_of(reported, "zh")
    sheet = book["数据及来源"]
    header = [c.value for c in sheet[1]]
    assert header == ["序号", "key", "指标", "年份", "实际", "单位", "来源", "备注", "录入时间"]
    rows = {(r[1].value, r[3].value): r for r in sheet.iter_rows(2)}
    first = rows["practitioners", 2022]
    assert (first[4].value, first[5].value, first[6].value) == (29000, "人", "2022年度统计")
    assert first[4].number_format == "#,##0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", first[8].value)
    hostile = rows["practitioners", 2023]
    assert hostile[7].value == HOSTILE_NOTE and hostile[7].data_type == "s"
    assert rows["agency_rate", 2023][4].number_format == "#,##0.0"
    assert len(rows) == 6


def test_the_sheet_of_figures_imports_back_with_its_sources_and_notes(
    reported: Path, cli: Run, tmp_path: Path
) -> None:
    """`ipplan import --sheet Figures` reads the English workbook's figures into a plan that has
    none: the same values, sources and notes."""
    before = json.loads(report_of(reported, "json"))
    book = book_of(reported, "en")
    out = tmp_path / "en.xlsx"
    book.save(out)
    fresh = tmp_path / "fresh"
    shutil.copytree(reported, fresh)
    clear_recorded(fresh)
    result = cli("import", str(out), "--sheet", "Figures", "--data", str(fresh))
    assert result.exit_code == 0, result.stderr
    after = json.loads(report_of(fresh, "json"))

    def figures(report: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (ind["key"], f["year"], f["value"], f.get("source"), f.get("note"))
            for ind in report["indicators"]
            for f in ind["actuals"]
        ]

    assert figures(after) == figures(before) and len(figures(before)) == 6


def test_libreoffice_prints_the_workbook_on_a_few_pages(reported: Path, tmp_path: Path) -> None:
    """The indicator sheet alone once printed on 23 portrait pages, four columns each."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    book = book_of(reported, "zh")
    for name in book.sheetnames[1:]:
        del book[name]
    source = tmp_path / "indicators.xlsx"
    book.save(source)
    try:
        done = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
            capture_output=True, timeout=240, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish converting in time")
    pdf = tmp_path / "indicators.pdf"
    if done.returncode != 0 or not pdf.exists():
        pytest.skip("LibreOffice here cannot convert xlsx (Calc may not be installed)")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 3
