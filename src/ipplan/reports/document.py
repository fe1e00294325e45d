"""The Word document: the evaluation an office circulates, edits, comments and merges.

It says what the other formats say, from the same pieces (:mod:`ipplan.reports.common`): the
title and date, the final evaluation in brief, each area's indicators with the final figure and
the verdict by both methods, each indicator's chart, what the actions' and safeguards' work plans
did year by year, and the sources. Headings are Word's own Title and Heading 1 and 2 styles and
tables a built-in table style, so an office restyles the document with its own template; the
Normal style names a Chinese font for East Asian text (``w:eastAsia``), so Word and LibreOffice
set Chinese in a Chinese font. Charts are PNG images (:func:`ipplan.render.charts.png`) whose
only text is digits; their words are the document's captions.

Made with python-docx, an optional extra (``pip install 'ipplan[docx]'``): only this format
needs it, so the command line neither installs nor imports it otherwise. The same data gives
the same bytes: the document's times are the report's, its zip entries stamped alike.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from ipplan.errors import MissingExtra
from ipplan.render import charts, sentences
from ipplan.reports import common
from ipplan.reports import final as evaluation
from ipplan.reports.html import key_line
from ipplan.text.i18n import text

if TYPE_CHECKING:
    from docx.document import Document

# The fonts Chinese offices use: Song for text, Hei for headings. Word and LibreOffice fall
# back to another Chinese font where these are not installed.
BODY_FONT, HEADING_FONT = "宋体", "黑体"
TABLE_STYLE = "Table Grid"
# A4's sides and margins: a page's width less its margins is what a table's columns share.
SHORT_SIDE_MM, LONG_SIDE_MM, MARGIN_MM = 210, 297, 25
TABLE_POINTS = 9
CHART_WIDTH_CM = 16
# What XML 1.0, and so a .docx, cannot hold: control characters other than tab and line breaks,
# lone surrogates, and U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """Text as a .docx can hold it: each character XML cannot carry shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def render(report: dict[str, Any], lang: str) -> bytes:
    try:
        import docx
    except ImportError:
        raise MissingExtra(package="python-docx", extra="docx", format="docx") from None

    from docx.shared import Cm

    document = docx.Document()
    _setup(document, report, lang)
    document.add_heading(clean(document_title(report, lang)), level=0)
    for line in common.intro(report, lang):
        document.add_paragraph(clean(line))

    final = report["final_evaluation"] is not None
    key = "record.final_brief" if final else "report.summary"
    document.add_heading(text(key, lang), level=1)
    brief = evaluation.final_brief(report, lang)
    if brief is not None:
        count, why = brief
        document.add_paragraph(clean(count))
        if why:
            document.add_paragraph(text("record.final_why", lang))
            _bullets(document, why)
    _table(document, common.summary_table(report, lang))

    _pages(document, landscape=True)  # the wide tables of figures and work
    key = "record.by_area" if final else "report.by_area"
    document.add_heading(text(key, lang), level=1)
    for heading, table in evaluation.final_tables(report, lang):
        document.add_heading(clean(heading), level=2)
        _table(document, table)
    for line in [*sentences.marks(report, lang), common.method(report, lang)]:
        document.add_paragraph(clean(line))

    _pages(document, landscape=False)
    document.add_heading(text("report.charts", lang), level=1)
    for ind in report["indicators"]:
        heading = common.heading(ind, lang)
        document.add_heading(clean(heading), level=2)
        chart = charts.Chart.from_show(ind)
        document.add_picture(io.BytesIO(charts.png(chart)), width=Cm(CHART_WIDTH_CM))
        # the picture's description, for a screen reader, is the chart's title
        picture = document.inline_shapes[-1]._inline
        picture.docPr.set("descr", clean(heading))
        document.add_paragraph(clean(key_line(chart, lang)), style="Caption")
        _bullets(document, common.assessment_lines(ind, report, lang))

    _pages(document, landscape=True)
    period = evaluation.period_work_tables(report, lang)
    if period:
        document.add_heading(text("report.period_work", lang), level=1)
        document.add_paragraph(clean(evaluation.period_note(report, lang)))
        for heading, table in period:
            document.add_heading(clean(heading), level=2)
            _table(document, table)
    document.add_heading(text("report.actions", lang), level=1)
    for area in report["areas"]:
        heading = f"{area['number']}. {sentences.pick(area, 'title', lang)}"
        document.add_heading(clean(heading), level=2)
        _table(document, common.actions_table(area, lang))

    document.add_heading(text("report.sources", lang), level=1)
    found = evaluation.sources(report, lang)
    if found:
        _bullets(document, found)
    else:
        document.add_paragraph(text("report.no_sources", lang))
    document.add_paragraph(text("report.generated", lang, version=report["ipplan"]))

    written = io.BytesIO()
    document.save(written)
    return common.stamped(written.getvalue())


def document_title(report: dict[str, Any], lang: str) -> str:
    """The final evaluation's title once the plan's target year has ended, else the progress
    report's."""
    if report["final_evaluation"] is None:
        return common.title(report, lang)
    return text("record.final_title", lang, title=sentences.pick(report["plan"], "title", lang))


def _setup(document: Document, report: dict[str, Any], lang: str) -> None:
    """A4 pages, Chinese fonts for East Asian text in the styles used, the document's language,
    and properties that carry the report's time, never the clock's."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    for section in document.sections:
        section.page_width, section.page_height = Mm(SHORT_SIDE_MM), Mm(LONG_SIDE_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
    # tables a little smaller than the text, in the table style an office may restyle
    document.styles[TABLE_STYLE].font.size = Pt(TABLE_POINTS)
    fonts = {"Normal": BODY_FONT, "Caption": BODY_FONT, "Title": HEADING_FONT}
    fonts.update({f"Heading {n}": HEADING_FONT for n in (1, 2)})
    for name, font in fonts.items():
        properties = document.styles[name].element.get_or_add_rPr()
        faces = properties.get_or_add_rFonts()
        # a theme's East Asian font would take the place of the one named
        faces.attrib.pop(qn("w:eastAsiaTheme"), None)
        faces.set(qn("w:eastAsia"), font)
    normal = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US" if lang == "en" else "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal.append(language)

    plan = report["plan"]
    made = common.made_at(report)
    properties = document.core_properties
    properties.title = clean(document_title(report, lang))
    properties.author = clean(sentences.pick(plan, "issuer", lang)) if plan["issuer"] else ""
    properties.last_modified_by = ""
    properties.comments = text("report.generated", lang, version=report["ipplan"])
    properties.language = "en-US" if lang == "en" else "zh-CN"
    properties.created = made
    properties.modified = made
    properties.revision = 1


def _bullets(document: Document, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(clean(line), style="List Bullet")


def _table(document: Document, table: common.Table) -> None:
    """``table`` in the built-in table style: a bold header row that repeats on each page,
    numbers aligned right, and each column as wide as its text asks, within the page."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    made = document.add_table(rows=1, cols=len(table.headers))
    made.style = document.styles[TABLE_STYLE]
    made.autofit = False
    header = made.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, words in zip(header.cells, table.headers, strict=True):
        cell.paragraphs[0].add_run(clean(words)).bold = True
    for row in table.rows:
        for column, (cell, words) in enumerate(zip(made.add_row().cells, row, strict=True)):
            cell.text = clean(words)
            if column in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for note in table.notes:
        document.add_paragraph(clean(note))
    section = document.sections[-1]
    page = Mm(LONG_SIDE_MM if section.orientation == WD_ORIENT.LANDSCAPE else SHORT_SIDE_MM)
    text_width = page - 2 * Mm(MARGIN_MM)
    for column, width in zip(made.columns, widths(table, text_width), strict=True):
        column.width = width  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = width  # each cell's own, which Word reads


def _pages(document: Document, landscape: bool) -> None:
    """From here on, A4 pages across (``landscape``) or upright, on a new page."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(SHORT_SIDE_MM), Mm(LONG_SIDE_MM)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


# A column's text counted in half-width characters (a Chinese one is two): room for at most
# WIDEST and at least NARROWEST, and PADDING for the cell's margins. A column that needs no
# more than SHORT keeps its room when the page is too narrow for all; the longer ones share the
# rest. CHARACTER is the width of a half-width character of the table's type.
WIDEST, NARROWEST, PADDING, SHORT = 28, 4, 2, 14
CHARACTER_MM = 1.65


def widths(table: common.Table, page: int) -> list[int]:
    """Column widths (EMU) that share ``page`` as the columns' text asks."""
    need: list[float] = [
        max(
            min(max(_shown_width(t) for t in [header, *(r[n] for r in table.rows)]), WIDEST),
            NARROWEST,
        )
        + PADDING
        for n, header in enumerate(table.headers)
    ]
    capacity = page / (CHARACTER_MM * 36_000)  # EMU per millimetre
    fixed = sum(n for n in need if n <= SHORT)
    if sum(need) > capacity and fixed < capacity:
        longer = sum(n for n in need if n > SHORT)
        need = [n if n <= SHORT else n * (capacity - fixed) / longer for n in need]
    total = sum(need)
    return [int(page * n / total) for n in need]


def _shown_width(value: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in value)
