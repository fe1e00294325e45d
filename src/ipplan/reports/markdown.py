"""The Markdown report: ready to publish as it is, or to paste into a briefing.

Every piece of text from the data is escaped, so that what a code host or a Markdown viewer
shows is the text as written: never a link, an image, emphasis, HTML or a broken table.
"""

from __future__ import annotations

import re
from typing import Any

from ipplan.render import sentences
from ipplan.reports import common, final
from ipplan.text.i18n import text

# Characters that Markdown (CommonMark and GitHub's extensions) reads as syntax wherever they
# stand: emphasis, code, links and images, raw HTML and entities, tables, strikethrough, math,
# headings' closing hashes, block quotes, and the backslash itself. A backslash before any ASCII
# punctuation shows that character as it is.
_ALWAYS = re.compile(r"[\\`*\[\]<>|#!~&$]")
# An underscore between two letters or digits never starts or ends emphasis; anywhere else it may.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# Autolinks on code hosts: a scheme (http://), an address with @ (mailto: needs one), or a
# www. host; and :shortcodes: that become emoji. Other colons, as in 10:00, are left be.
_COLON = re.compile(r":(?=//)|:(?=[A-Za-z0-9_+-]+:)")
_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")
# "//host.tld" is a protocol-relative link to a linkifying renderer: the second slash escaped
_SLASHES = re.compile(r"/(?=/)")
_AT = re.compile("@")
# At the start of a line: list markers, setext underlines and numbered list items.
_LEADING = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
_SPACES = re.compile(r"^[ \t]+")


def escape(value: str) -> str:
    """Text from the data as Markdown shows it literally, inside a line or a table cell.

    Nothing in it becomes a link, an image, emphasis, HTML, code, a table break or an emoji;
    line breaks become spaces.
    """
    value = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    value = _ALWAYS.sub(lambda m: "\\" + m.group(), value)
    value = _UNDERSCORE.sub(r"\\_", value)
    value = _COLON.sub(r"\\:", value)
    value = _WWW.sub(r"\1\\.", value)
    value = _SLASHES.sub(r"/\\", value)
    return _AT.sub(r"\\@", value)


def escape_line(value: str) -> str:
    """Text from the data that starts a line of its own (a paragraph line or a list item), where
    a leading -, +, =, "1." or indentation would otherwise start a list, a heading or code."""
    value = _LEADING.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
        escape(value),
    )
    # Leading blanks as character references: shown as blanks, never read as indentation.
    return _SPACES.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), value)


def table(t: common.Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in t.headers) + " |"]
    lines.append(
        "|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.headers))) + "|"
    )
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in t.rows]
    if t.notes:  # a paragraph of its own under the table, not a row of it
        lines += ["", *(escape_line(note) for note in t.notes)]
    return lines


def render(report: dict[str, Any], lang: str) -> str:
    out = [f"# {escape(common.title(report, lang))}", ""]
    out += [escape_line(line) for line in common.intro(report, lang)]
    out += ["", f"## {text('report.summary', lang)}", ""]
    out += table(common.summary_table(report, lang))
    record = common.public_record_table(report, lang)
    if record is not None:
        out += ["", f"## {common.public_record_heading(report, lang)}", ""]
        out += table(record)
    brief = final.final_brief(report, lang)
    if brief is not None:
        out += ["", f"## {text('record.final_brief', lang)}", "", escape_line(brief[0])]
    out += ["", f"## {text('report.overview', lang)}", ""]
    out += table(common.overview_table(report["indicators"], report, lang))
    marks = sentences.marks(report, lang)
    if marks:
        out += ["", *(escape(line) + "  " for line in marks)]
        out[-1] = out[-1].rstrip()
    out += ["", common.method(report, lang)]
    flags = common.rollup_flags(report, lang)
    if flags:
        out += ["", f"**{text('site.rollup_flags', lang)}**", ""]
        out += [f"- {escape(line)}" for line in flags]

    out += ["", f"## {text('report.by_area', lang)}"]
    for area in report["areas"]:
        out += ["", f"### {area['number']}. {escape(sentences.pick(area, 'title', lang))}", ""]
        served = common.indicators_of(area, report)
        if served:
            out += [text("report.area_serves", lang), ""]
            out += table(common.overview_table(served, report, lang))
        else:
            out.append(text("report.area_none", lang))

    out += ["", f"## {text('report.indicators', lang)}"]
    for ind in report["indicators"]:
        out += ["", f"### {escape(common.heading(ind, lang))}", ""]
        out += [escape_line(line) + "  " for line in common.subtitle(ind, lang)]
        out[-1] = out[-1].rstrip()
        out.append("")
        out += table(common.series_table(ind, lang))
        rollup = report.get("rollups", {}).get(ind["key"])
        if rollup is not None:
            out += ["", f"**{text('site.members', lang)}**", ""]
            out += [*table(common.rollup_values_table(rollup, lang)), ""]
            out += table(common.rollup_table(rollup, lang))
            out += ["", escape(common.rollup_rule(rollup, lang))]
        out += ["", f"**{text('report.assessment', lang)}**", ""]
        out += [f"- {escape_line(line)}" for line in common.assessment_lines(ind, report, lang)]
        out += ["", f"**{text('report.linked', lang)}**", ""]
        linked = common.linked_actions(ind, lang)
        out += [f"- {escape_line(line)}" for line in linked] or [text("label.no_actions", lang)]

    roadmap = common.roadmap_tables((report.get("work") or {}).get("roadmap"), lang)
    if roadmap:
        day = report["work"]["day"]
        out += ["", f"## {text('report.roadmap', lang)}", "", text("wp.on_day", lang, day=day)]
        for heading, t in roadmap:
            out += ["", f"### {escape(heading)}", ""]
            out += table(t)
        out += ["", f"## {text('report.workplans', lang)}"]
        for heading, summary, t in common.workplan_sections(report, lang):
            out += ["", f"### {escape(heading)}", "", escape(summary), ""]
            out += table(t)

    period = final.period_work_tables(report, lang)
    if period:
        out += ["", f"## {text('report.period_work', lang)}", ""]
        out.append(escape_line(final.period_note(report, lang)))
        for heading, t in period:
            out += ["", f"### {escape(heading)}", ""]
            out += table(t)

    out += ["", f"## {text('report.actions', lang)}"]
    for area in report["areas"]:
        out += ["", f"### {area['number']}. {escape(sentences.pick(area, 'title', lang))}", ""]
        out += table(common.actions_table(area, lang))
    out += ["", "---", "", text("report.generated", lang, version=report["ipplan"]), ""]
    return "\n".join(out)
