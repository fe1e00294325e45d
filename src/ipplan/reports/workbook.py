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
from ipplan.text.i18n import label, text, unit_label
from ipplan.text.shown_numbers import decimals, for_files
from ipplan.text.wrapping import width, wrap

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
    if _unpublished(report):
        columns.append(text("record.not_published_column", lang))
    if _basis(report):
        columns.append(text("record.basis_column", lang))
    return columns


def _unpublished(report: dict[str, Any]) -> bool:
    return any(ind["not_published"] for ind in report["indicators"])


def _basis(report: dict[str, Any]) -> bool:
    return any(ind["basis_changes"] for ind in report["indicators"])


def indicator_rows(report: dict[str, Any], lang: str) -> list[list[Any]]:
    plan = report["plan"]
    rows = []
    for ind in report["indicators"]:
        path = {p["year"]: p for p in ind["path"]}
        row: list[Any] = [
            ind["number"],
            ind["key"],
            pick(ind, "name", lang),
            unit_label(ind["unit"], lang, ind.get("unit_en")),
            label(ind["direction"], lang),
            # the plan's baseline only: a provisional one belongs to a later year
            None
            if ind["baseline"] is None or ind["provisional_baseline"]
            else ind["baseline"]["value"],
        ]
        # a cumulative indicator's running total stands beside its path, which is of totals too
        measured = "total" if ind["accumulate"] else "actual"
        unpublished = {f["year"] for f in ind["not_published"]}
        for year in range(plan["baseline_year"] + 1, plan["target_year"] + 1):
            point = path.get(year, {})
            shown = text("label.not_published", lang) if year in unpublished else None
            row += [shown or point.get(measured), point.get("expected")]
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
        if _unpublished(report):
            row.append(sentences.not_published_years(ind, lang))
        if _basis(report):
            row.append("\n".join(sentences.basis_changes(ind, lang)) or None)
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


def figure_rows(report: dict[str, Any], lang: str) -> tuple[list[str], list[list[Any]]]:
    """Every recorded figure with its source, note and the time it was recorded: where each
    number of the tracking table comes from, a row each."""
    columns = [
        text("col.number", lang),
        "key",
        text("col.indicator", lang),
        text("col.year", lang),
        text("col.actual", lang),
        text("col.unit", lang),
        text("col.source", lang),
        text("col.note", lang),
        text("col.recorded", lang),
    ]
    rows = []
    for ind in report["indicators"]:
        for figure in ind["actuals"]:
            rows.append(
                [
                    ind["number"],
                    ind["key"],
                    pick(ind, "name", lang),
                    figure["year"],
                    figure["value"],
                    unit_label(ind["unit"], lang, ind.get("unit_en")),
                    figure.get("source"),
                    figure.get("note"),
                    figure.get("recorded"),
                ]
            )
    return columns, rows


def _figure_indicators(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each figure's indicator, in the order of :func:`figure_rows`."""
    return [ind for ind in report["indicators"] for _ in ind["actuals"]]


def _format(ind: dict[str, Any]) -> str:
    """An indicator's amounts as its figures were recorded: whole counts with no decimals, the
    others with as many as the most precise of its recorded figures."""
    recorded = [ind["target"]["value"], *(f["value"] for f in ind["actuals"])]
    for known in (ind["baseline"], ind["official_baseline"]):
        if known is not None:
            recorded.append(known["value"])
    places = max((decimals(v) for v in recorded if isinstance(v, int | float)), default=0)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def _number_formats(
    sheet: Worksheet, columns: list[str], report: dict[str, Any], lang: str
) -> None:
    """Amounts in each indicator's precision; progress as a percentage; paces and factors to
    two decimals. A percent unit's amounts are its numbers as recorded (80.5 is 80.5, its
    unit column says %), never scaled by a percentage format."""
    plan = report["plan"]
    years = range(plan["baseline_year"] + 1, plan["target_year"] + 1)
    amounts = {f"{text('col.baseline', lang)} {plan['baseline_year']}"}
    amounts |= {f"{text('col.target', lang)} {plan['target_year']}", text("col.gap", lang)}
    amounts |= {text("col.required", lang), text("col.projection", lang, year=plan["target_year"])}
    amounts |= {f"{text('record.official_label', lang)} {plan['baseline_year']}"}
    for year in years:
        amounts |= {
            text("col.actual_year", lang, year=year),
            text("col.path_year", lang, year=year),
        }
    fixed = {text("col.progress", lang): "0.0%"}
    fixed |= {text(name, lang): "0.00" for name in ("col.pace", "col.pace_cagr", "col.factor")}
    for line, ind in zip(sheet.iter_rows(min_row=2), report["indicators"], strict=True):
        shown = _format(ind)
        for cell, column in zip(line, columns, strict=True):
            if column in amounts:
                cell.number_format = shown
            elif column in fixed:
                cell.number_format = fixed[column]


def render(report: dict[str, Any], lang: str) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise MissingExtra(package="openpyxl", extra="xlsx", format="xlsx") from None

    report = for_files(report)  # the numbers as files hold them, never binary noise
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
    _number_formats(sheet, columns, report, lang)
    _finish(sheet)

    actions = workbook.create_sheet(text("sheet.actions", lang))
    action_columns, rows = action_rows(report, lang)
    actions.append(action_columns)
    for row in rows:
        actions.append(row)
    _finish(actions)

    figures = workbook.create_sheet(text("sheet.figures", lang))
    figure_columns, rows = figure_rows(report, lang)
    figures.append(figure_columns)
    value_col = figure_columns.index(text("col.actual", lang)) + 1
    for row, ind in zip(rows, _figure_indicators(report), strict=True):
        figures.append(row)
        figures.cell(figures.max_row, value_col).number_format = _format(ind)
    _finish(figures)

    # one sheet per work plan in the provincial table's shape, with states; it imports back
    from ipplan.workplans.tables import sheet as workplan_rows

    for view in (report.get("work") or {}).get("workplans", []):
        year = view["workplan"]["year"]
        ws = workbook.create_sheet(text("sheet.workplan", lang, year=year))
        header = 0  # the year, title, issuer and date come first, a row each
        for row in workplan_rows(view, lang):
            ws.append(row)
            header = header or (ws.max_row if len(row) > 2 else 0)
        _finish(ws, header=header)

    about = workbook.create_sheet(text("sheet.about", lang))
    for line in (title(report, lang), *intro(report, lang)):
        about.append([line])
    _finish(about, header=0)

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


# Print setup: A4 landscape, every column on one page's width, as many pages down as it takes.
PAPER_A4 = "9"  # the paper size code of A4 in Excel's page setup
# Column widths, in characters of the default font; a wider text wraps inside its column.
NARROWEST, WIDEST = 8, 48
# The height of one line of 11-point text, in points; a row is as many lines high as its
# fullest cell wraps into, since LibreOffice shows only the first line of a row left without a
# height (Excel measures the row itself when it opens the file, LibreOffice does not).
LINE_HEIGHT = 15


def _finish(sheet: Worksheet, header: int = 1) -> None:
    """Text cells kept text; a bold header row (row ``header``, none when 0) that stays on
    screen and on every printed page; columns as wide as their content from the header row on,
    up to a limit, text wrapped inside them, and each row high enough to show all of its lines;
    A4 landscape, fit to the page's width."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and needs_quote(cell.value):
                # openpyxl stores text that starts with = as a formula. A string cell with the
                # quote-prefix style is what a spreadsheet makes of text typed after an
                # apostrophe: shown as written, never run, even when the cell is edited.
                cell.data_type = "s"
                cell.quotePrefix = True

    widths = []
    for index, column in enumerate(sheet.columns, start=1):
        # the rows above a header (a work plan's title, issuer) wrap to the table's widths
        widest = max(
            _width(cell.value, cell.number_format) for cell in column[max(header - 1, 0) :]
        )
        widths.append(min(max(widest + 2, NARROWEST), WIDEST if header else WIDEST * 2))
        sheet.column_dimensions[get_column_letter(index)].width = widths[-1]
    wrapped = Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(sheet.iter_rows(), start=1):
        lines = 1
        for cell, columns in zip(line, widths, strict=False):
            cell.alignment = wrapped
            if isinstance(cell.value, str):
                lines = max(lines, _lines(cell.value, int(columns) - 2))
        sheet.row_dimensions[number].height = lines * LINE_HEIGHT

    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows take
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if header:
        bold = Font(bold=True)
        for cell in sheet[header]:
            cell.font = bold
        sheet.freeze_panes = f"{'C' if sheet.max_column > 10 else 'A'}{header + 1}"
        sheet.print_title_rows = f"{header}:{header}"


def _lines(value: str, columns: int) -> int:
    """How many lines ``value`` takes in a column ``columns`` characters wide."""
    return sum(len(wrap(part, max(columns, 1))) or 1 for part in value.split("\n"))


def _width(value: Any, number_format: str = "General") -> int:
    """The characters a cell's value takes on one line: its longest line, Chinese counted
    double as :func:`ipplan.text.wrapping.width` counts it; a number as its format shows it."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        return max(width(part) for part in str(value).split("\n"))
    if number_format == "General":
        return len(str(value))
    places = number_format.partition(".")[2].count("0")
    if number_format.endswith("%"):
        return len(f"{value * 100:,.{places}f}%")
    return len(f"{value:,.{places if isinstance(value, float) else 0}f}")
