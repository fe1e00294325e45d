"""The Excel workbook: an indicator tracking table and a sheet of actions.

Text cells are data, never formulas: one that a spreadsheet could run (:mod:`formulas`) is a
string cell marked with Excel's quote prefix. Made with openpyxl, an optional extra
(``pip install 'ipplan[xlsx]'``): only this format needs it, so the command line neither
installs nor imports it otherwise.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ipplan.errors import MissingExtra
from ipplan.files.formulas import needs_quote
from ipplan.render import sentences
from ipplan.render.sentences import pick
from ipplan.reports.common import (
    ACTION_COLUMNS,
    FIXED_TIME,
    intro,
    latest_note,
    made_at,
    stamped,
    title,
)
from ipplan.text.i18n import label, text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def headers(report: dict[str, Any], lang: str) -> list[str]:
    """The tracking table's columns: identity, baseline, each year's actual and path, target,
    then where the indicator stands by both methods."""
    plan = report["plan"]
    years = range(plan["baseline_year"] + 1, plan["target_year"] + 1)
    columns = [
        text("col.number", lang),
        "key",
        text("col.indicator", lang),
        text("col.unit", lang),
        text("col.direction", lang),
        f"{text('col.baseline', lang)} {plan['baseline_year']}",
    ]
    for year in years:
        columns += [
            text("col.actual_year", lang, year=year),
            text("col.path_year", lang, year=year),
        ]
    columns += [
        f"{text('col.target', lang)} {plan['target_year']}",
        text("col.progress", lang),
        text("col.pace", lang),
        text("col.status", lang),
        text("col.pace_cagr", lang),
        text("col.status_cagr", lang),
        text("col.gap", lang),
        text("col.required", lang),
        text("col.projection", lang, year=plan["target_year"]),
        text("col.factor", lang),
        text("col.kind", lang),
        text("col.accumulate", lang),
        f"{text('record.official_label', lang)} {plan['baseline_year']}",
    ]
    if report["final_evaluation"] is not None:
        columns.append(text("record.final_label", lang))
    columns.append(text("record.overdue_column", lang, day=report["day"]))
    return columns


def indicator_rows(report: dict[str, Any], lang: str) -> list[list[Any]]:
    plan = report["plan"]
    rows = []
    for ind in report["indicators"]:
        path = {p["year"]: p for p in ind["path"]}
        row: list[Any] = [
            ind["number"],
            ind["key"],
            pick(ind, "name", lang),
            ind["unit"],
            label(ind["direction"], lang),
            # the plan's baseline only: a provisional one belongs to a later year
            None
            if ind["baseline"] is None or ind["provisional_baseline"]
            else ind["baseline"]["value"],
        ]
        # a cumulative indicator's running total stands beside its path, which is of totals too
        measured = "total" if ind["accumulate"] else "actual"
        for year in range(plan["baseline_year"] + 1, plan["target_year"] + 1):
            point = path.get(year, {})
            row += [point.get(measured), point.get("expected")]
        row += [
            ind["target"]["value"],
            ind["progress"],
            ind["pace"],
            label(ind["status"], lang),
            ind["pace_cagr"],
            None if ind["status_cagr"] is None else label(ind["status_cagr"], lang),
            ind["gap"],
            ind["required_per_year"],
            ind["projection"]["linear"],
            ind["acceleration_factor"],
            text("label.binding" if ind["binding"] else "label.indicative", lang),
            text(f"accumulate.{ind['accumulate'] or 'none'}", lang),
            None if ind["official_baseline"] is None else ind["official_baseline"]["value"],
        ]
        if report["final_evaluation"] is not None:
            row.append(sentences.verdict(ind, lang))
        row.append(sentences.overdue_years(ind, lang))
        rows.append(row)
    return rows


def action_rows(report: dict[str, Any], lang: str) -> tuple[list[str], list[list[Any]]]:
    columns = [text(column, lang) for column in ("col.area", *ACTION_COLUMNS)]
    rows = []
    for area in report["areas"]:
        for action in area["actions"]:
            note = latest_note(action)
            rows.append(
                [
                    f"{area['number']}. {pick(area, 'title', lang)}",
                    action["id"],
                    pick(action, "title", lang),
                    label(action["status"], lang),
                    action["lead"],
                    action["due"],
                    ", ".join(action["indicators"]),
                    note["note"] if note else None,
                ]
            )
    return columns, rows


def render(report: dict[str, Any], lang: str) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise MissingExtra(package="openpyxl", extra="xlsx", format="xlsx") from None

    workbook = Workbook()
    workbook.properties.creator = "ipplan"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    sheet = workbook.active
    assert sheet is not None
    sheet.title = text("sheet.indicators", lang)
    columns = headers(report, lang)
    sheet.append(columns)
    for row in indicator_rows(report, lang):
        sheet.append(row)
    progress_col = columns.index(text("col.progress", lang)) + 1
    for cells in sheet.iter_rows(min_row=2, min_col=progress_col, max_col=progress_col):
        cells[0].number_format = "0.0%"
    for name in ("col.pace", "col.pace_cagr", "col.factor"):
        col = columns.index(text(name, lang)) + 1
        for cells in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cells[0].number_format = "0.00"
    _finish(sheet, Font(bold=True))

    actions = workbook.create_sheet(text("sheet.actions", lang))
    action_columns, rows = action_rows(report, lang)
    actions.append(action_columns)
    for row in rows:
        actions.append(row)
    _finish(actions, Font(bold=True))

    # one sheet per work plan in the provincial table's shape, with states; it imports back
    from openpyxl.styles import Alignment

    from ipplan.workplans.tables import sheet as workplan_rows

    for view in (report.get("work") or {}).get("workplans", []):
        year = view["workplan"]["year"]
        ws = workbook.create_sheet(text("sheet.workplan", lang, year=year))
        header = 0  # the year, title, issuer and date come first, a row each
        for row in workplan_rows(view, lang):
            ws.append(row)
            header = header or (ws.max_row if len(row) > 2 else 0)
        for cells in ws.iter_rows(min_row=header + 1):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        _finish(ws, Font(bold=True))
        for cell in ws[header]:
            cell.font = Font(bold=True)
        ws.freeze_panes = f"A{header + 1}"

    about = workbook.create_sheet(text("sheet.about", lang))
    for line in (title(report, lang), *intro(report, lang)):
        about.append([line])
    about.column_dimensions["A"].width = 80

    moment = made_at(report)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    return save(workbook)


def save(workbook: Any) -> bytes:
    """The workbook as bytes that depend on its content alone.

    openpyxl's own ``save`` sets the modified time to the clock, so its writer is called
    directly with the properties as they are; the zip it writes stamps each entry with the
    clock too, which :func:`~ipplan.reports.common.stamped` replaces.
    """
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    written = io.BytesIO()
    archive = zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # writes every part and closes the archive
    return stamped(written.getvalue())


def _finish(sheet: Worksheet, bold: Any) -> None:
    """Text cells kept text, bold frozen headers, and columns wide enough to read."""
    from openpyxl.utils import get_column_letter

    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and needs_quote(cell.value):
                # openpyxl stores text that starts with = as a formula. A string cell with the
                # quote-prefix style is what a spreadsheet makes of text typed after an
                # apostrophe: shown as written, never run, even when the cell is edited.
                cell.data_type = "s"
                cell.quotePrefix = True

    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "C2" if sheet.max_column > 10 else "A2"
    for index, column in enumerate(sheet.columns, start=1):
        widest = max(_width(cell.value) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 48)


def _width(value: Any) -> int:
    if value is None:
        return 0
    shown = str(value) if not isinstance(value, float) else f"{value:.2f}"
    return sum(2 if ord(char) > 0x2E80 else 1 for char in shown)
