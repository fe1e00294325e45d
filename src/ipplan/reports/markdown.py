"""The Markdown report: ready to publish as it is, or to paste into a briefing."""

from __future__ import annotations

from typing import Any

from ipplan.i18n import text
from ipplan.reports import common

_ESCAPES = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "\n": " ", "\r": " "})


def escape(value: str) -> str:
    """Text as Markdown shows it literally: no table breaks, no raw HTML."""
    return value.translate(_ESCAPES)


def table(t: common.Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in t.headers) + " |"]
    lines.append(
        "|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.headers))) + "|"
    )
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in t.rows]
    return lines


def render(report: dict[str, Any], lang: str) -> str:
    out = [f"# {escape(common.title(report, lang))}", ""]
    out += [escape(line) for line in common.intro(report, lang)]
    out += ["", f"## {text('report.summary', lang)}", ""]
    out += table(common.summary_table(report, lang))
    out += ["", f"## {text('report.overview', lang)}", ""]
    out += table(common.overview_table(report["indicators"], report, lang))
    marks = common.marks(report, report["indicators"], lang)
    if marks:
        out += ["", *(escape(line) + "  " for line in marks)]
        out[-1] = out[-1].rstrip()
    out += ["", common.method(report, lang)]

    out += ["", f"## {text('report.by_area', lang)}"]
    for area in report["areas"]:
        out += ["", f"### {area['number']}. {escape(common.pick(area, 'title', lang))}", ""]
        served = common.indicators_of(area, report)
        if served:
            out += [text("report.area_serves", lang), ""]
            out += table(common.overview_table(served, report, lang))
        else:
            out.append(text("report.area_none", lang))

    out += ["", f"## {text('report.indicators', lang)}"]
    for ind in report["indicators"]:
        out += ["", f"### {escape(common.heading(ind, lang))}", ""]
        out += [escape(line) + "  " for line in common.subtitle(ind, lang)]
        out[-1] = out[-1].rstrip()
        out.append("")
        out += table(common.series_table(ind, lang))
        out += ["", f"**{text('report.assessment', lang)}**", ""]
        out += [f"- {escape(line)}" for line in common.assessment_lines(ind, report, lang)]
        out += ["", f"**{text('report.linked', lang)}**", ""]
        linked = common.linked_actions(ind, lang)
        out += [f"- {escape(line)}" for line in linked] or [text("label.no_actions", lang)]

    roadmap = common.roadmap_tables(report, lang)
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

    out += ["", f"## {text('report.actions', lang)}"]
    for area in report["areas"]:
        out += ["", f"### {area['number']}. {escape(common.pick(area, 'title', lang))}", ""]
        out += table(common.actions_table(area, lang))
    out += ["", "---", "", text("report.generated", lang, version=report["ipplan"]), ""]
    return "\n".join(out)
