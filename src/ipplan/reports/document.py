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
from ipplan.reports.html import key_line
from ipplan.text.i18n import text

if TYPE_CHECKING:
    from docx.document import Document

# The fonts Chinese offices use: Song for text, Hei for headings. Word and LibreOffice fall
# back to another Chinese font where these are not installed.
BODY_FONT, HEADING_FONT = "宋体", "黑体"
TABLE_STYLE = "Table Grid"
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

    document = docx.Document()
    _setup(document, report, lang)
    document.add_heading(clean(common.title(report, lang)), level=0)
    for line in common.intro(report, lang):
        document.add_paragraph(clean(line))

    final = report["final_evaluation"] is not None
    key = "record.final_brief" if final else "report.summary"
    document.add_heading(text(key, lang), level=1)
    brief = common.final_brief(report, lang)
    if brief is not None:
        count, why = brief
        document.add_paragraph(clean(count))
        if why:
            document.add_paragraph(text("record.final_why", lang))
            _bullets(document, why)
    _table(document, common.summary_table(report, lang))

    key = "record.by_area" if final else "report.by_area"
    document.add_heading(text(key, lang), level=1)
    for heading, table in common.final_tables(report, lang):
        document.add_heading(clean(heading), level=2)
        _table(document, table)
    for line in [*sentences.marks(report, lang), common.method(report, lang)]:
        document.add_paragraph(clean(line))

    document.add_heading(text("report.charts", lang), level=1)
    for ind in report["indicators"]:
        heading = common.heading(ind, lang)
        document.add_heading(clean(heading), level=2)
        chart = charts.Chart.from_show(ind)
        document.add_picture(io.BytesIO(charts.png(chart)), width=_cm(CHART_WIDTH_CM))
        # the picture's description, for a screen reader, is the chart's title
        picture = document.inline_shapes[-1]._inline
        picture.docPr.set("descr", clean(heading))
        document.add_paragraph(clean(key_line(chart, lang)), style="Caption")
        _bullets(document, common.assessment_lines(ind, report, lang))

    period = common.period_work_tables(report, lang)
    if period:
        document.add_heading(text("report.period_work", lang), level=1)
        document.add_paragraph(clean(common.period_note(report, lang)))
        for heading, table in period:
            document.add_heading(clean(heading), level=2)
            _table(document, table)
    document.add_heading(text("report.actions", lang), level=1)
    for area in report["areas"]:
        heading = f"{area['number']}. {sentences.pick(area, 'title', lang)}"
        document.add_heading(clean(heading), level=2)
        _table(document, common.actions_table(area, lang))

    document.add_heading(text("report.sources", lang), level=1)
    found = common.sources(report, lang)
    if found:
        _bullets(document, found)
    else:
        document.add_paragraph(text("report.no_sources", lang))
    document.add_paragraph(text("report.generated", lang, version=report["ipplan"]))

    written = io.BytesIO()
    document.save(written)
    return common.stamped(written.getvalue())


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def _setup(document: Document, report: dict[str, Any], lang: str) -> None:
    """A4 pages, Chinese fonts for East Asian text in the styles used, the document's language,
    and properties that carry the report's time, never the clock's."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
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
    properties.title = clean(common.title(report, lang))
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
    """``table`` in the built-in table style: a bold header row that repeats on each page, and
    numbers aligned right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    made = document.add_table(rows=1, cols=len(table.headers))
    made.style = document.styles[TABLE_STYLE]
    header = made.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, words in zip(header.cells, table.headers, strict=True):
        cell.paragraphs[0].add_run(clean(words)).bold = True
    for row in table.rows:
        for column, (cell, words) in enumerate(zip(made.add_row().cells, row, strict=True)):
            cell.text = clean(words)
            if column in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
