"""The HTML report: one file that opens offline, reads on a phone and prints.

Long unbroken text from the data (a URL, a number without spaces) wraps wherever it must, so
the page is never wider than the screen; only a table may scroll, inside its own box.
Everything is inline: the style sheet, and each indicator's chart as SVG. There is no script,
no web font and no link to anything outside the file. Chinese text uses the reader's own fonts
through a font stack that names the common Chinese system fonts.

The page meets WCAG 2.1 AA (tests/test_accessibility.py audits it with axe-core): every text
colour has at least 4.5:1 contrast on white and on a table's head (#f5f7fa); each table's
scrolling box takes the keyboard's focus and is a region with a name; everything but the
title's header and the footer is inside ``<main>``; each chart is an image named by its
heading and every value it marks (:func:`chart_text`), with the year-by-year table beside it;
on an English page the data's own Chinese is marked as Chinese (:func:`lang_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from itertools import groupby
from typing import Any

from ipplan.render import charts, sentences
from ipplan.reports import common, final
from ipplan.text.i18n import colon, joined, label, text

# Chinese characters and punctuation; Latin letters (an English word in the text).
CHINESE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LATIN = re.compile("[A-Za-z]")

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec;
  --actual: #1565c0; --path: #8a96a3; --target: #2e7d32; --milestone: #ef6c00; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--ink); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; line-height: 1.3; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem;
  margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
p, li { margin: .25rem 0; }
.muted { color: var(--muted); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f5f7fa; white-space: nowrap; }
td:nth-child(2) { min-width: 7em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { font-weight: 600; white-space: nowrap; }
.s-achieved, .s-on_track, .s-completed { color: #2e7d32; }
.s-needs_acceleration, .s-in_progress { color: #995c00; }
.s-lagging, .s-delayed { color: #bf360c; }
.s-regressing, .s-missed { color: #c62828; }
.s-target_pending, .s-no_data, .s-insufficient_data, .s-not_started,
.s-cancelled { color: var(--muted); }
.s-differs { color: #c62828; font-weight: 600; } .s-incomplete { color: #995c00; }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .7rem; }
.cards b { font-size: 1.2rem; margin-left: .3rem; }
section.indicator { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .5rem 0; }
svg.chart { width: 100%; height: auto; max-width: 40rem; display: block; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .tick { fill: var(--muted); font-size: 12px; }
svg.chart polyline.linear { fill: none; stroke: var(--path); stroke-width: 2;
  stroke-dasharray: 6 4; }
svg.chart polyline.actual { fill: none; stroke: var(--actual); stroke-width: 2.5; }
svg.chart circle.actual { fill: var(--actual); }
svg.chart circle.target { fill: none; stroke: var(--target); stroke-width: 3; }
svg.chart path.milestone { fill: var(--milestone); }
figcaption { font-size: .8rem; color: var(--muted); }
.warn { color: #995c00; font-weight: 600; }
.binding { font-weight: 700; color: #8e24aa; }
.mark { font-size: .9rem; margin: .1rem 0; }
@media print {
  body { max-width: none; font-size: 10pt; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
}
"""


def _tables_section(
    ident: str,
    section_id: str,
    tables: Sequence[tuple[str, str | None, common.Table]],
    lang: str,
    note: str | None = None,
) -> list[str]:
    """A section of tables: its heading and, if any, a note under it; then each table under
    its own heading, with a line of summary above it where there is one."""
    section = text(section_id, lang)
    out = [f'<section id="{ident}">', f"<h2>{escape(section)}</h2>"]
    if note is not None:
        out.append(f'<p class="muted">{escape(note)}</p>')
    for heading, summary, t in tables:
        out.append(f"<h3>{escape(heading)}</h3>")
        if summary is not None:
            out.append(f"<p>{escape(summary)}</p>")
        out.append(_table(t, text("table.in", lang, section=section, heading=heading), lang))
    out.append("</section>")
    return out


def _table(t: common.Table, name: str, lang: str) -> str:
    """The table in its scrolling box, named ``name`` (unique on the page), on a page in
    ``lang``."""
    num = ' class="num"'
    head = "".join(
        f"<th{num if i in t.numeric else ''}>{escape(h)}</th>" for i, h in enumerate(t.headers)
    )
    body = []
    for r, row in enumerate(t.rows):
        cells = []
        for i, value in enumerate(row):
            shown = escape(value)
            if i == t.status_column and t.statuses:
                shown = _status(t.statuses[r], value)
            cells.append(f"<td{num if i in t.numeric else ''}{lang_of(value, lang)}>{shown}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="muted">{words(note, lang)}</p>' for note in t.notes)
    return (
        scrolling(
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>", name
        )
        + notes
    )


def lang_of(value: str, lang: str) -> str:
    """The ``lang`` attribute of an element showing ``value`` on a page in ``lang``: Chinese
    for the data's own Chinese text (an action, a source, a name with no English one) shown on
    an English page, so that a screen reader reads it in Chinese; else none."""
    if lang == "en" and CHINESE.search(value) and not LATIN.search(value):
        return ' lang="zh-CN"'
    return ""


def words(value: str, lang: str) -> str:
    """``value`` escaped, in a span marked Chinese where :func:`lang_of` says it is."""
    marked = lang_of(value, lang)
    return f"<span{marked}>{escape(value)}</span>" if marked else escape(value)


def scrolling(table: str, name: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen. The box takes the keyboard's
    focus, so that it scrolls without a mouse, and is a region named ``name``, so that a
    screen reader says what the focus landed on."""
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(name)}">{table}</div>'
    )


def _status(status: str, words: str) -> str:
    return f'<span class="status s-{escape(status)}">{escape(words)}</span>'


def key_line(chart: charts.Chart, lang: str) -> str:
    """The chart's key: how each series it draws is drawn, and nothing it does not draw."""
    parts: list[str] = []
    for series in chart.drawn():
        if series == "actual":
            parts += _actual_key(chart, lang)
        else:
            parts.append(text(f"report.key.{series}", lang))
    return text("report.key", lang, parts=("; " if lang == "en" else "，").join(parts))


def _actual_key(chart: charts.Chart, lang: str) -> list[str]:
    """The key of the actual series: a dot alone is the plan's baseline, a running total's
    start (zero, never the baseline) or one actual; a line breaks at a year with no figure."""
    year = chart.first_year
    if len(chart.actual) == 1:
        alone = {"baseline": "baseline_point", "origin": "origin_point"}
        name = alone.get(chart.point_names()[0], "actual_point")
        return [text(f"report.key.{name}", lang, year=year)]
    joined = any(len(run) >= 2 for run in chart.runs())
    name = ("total" if chart.cumulative else "actual") + ("" if joined else "_dots")
    said = [text(f"report.key.{name}", lang, year=year)]
    if chart.breaks():
        said.append(text("report.key.gap", lang))
    return said


def chart_text(chart: charts.Chart, heading: str, lang: str) -> str:
    """The chart in words, its text alternative: the heading, then each value it marks (the
    baseline or a running total's start, the actuals, the milestones, the target), as the SVG's
    name for a screen reader; each point is named as the SVG's own title names it."""
    legend = chart_legend(lang)
    sep = colon(lang)

    def listed(series: str, points: list[tuple[int, float]]) -> str:
        return f"{legend[series]} " + joined(
            (f"{y}{sep}{charts.label(v)}" for y, v in points), lang
        )

    parts = [
        listed(name, [point for point, _ in group])
        for name, group in groupby(
            zip(chart.actual, chart.point_names(), strict=True), key=lambda pair: pair[1]
        )
    ]
    if chart.milestones:
        parts.append(listed("milestone", chart.milestones))
    if chart.target is not None:
        parts.append(listed("target", [chart.target]))
    return heading + sep + ("; " if lang == "en" else "；").join(parts)


def chart_legend(lang: str) -> dict[str, str]:
    """The names of a chart's series and points (:func:`ipplan.render.charts.svg`)."""
    names = ("linear", "actual", "milestone", "target", "baseline", "total", "origin")
    return {key: text(f"legend.{key}", lang) for key in names}


def render(report: dict[str, Any], lang: str) -> str:
    page_title = common.title(report, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(page_title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(page_title)}</h1>",
    ]
    out += [
        f'<p class="muted"{lang_of(line, lang)}>{escape(line)}</p>'
        for line in common.intro(report, lang)
    ]
    out += ["</header>", "<main>"]

    out += ['<section id="summary">', f"<h2>{escape(text('report.summary', lang))}</h2>"]
    out.append('<ul class="cards">')
    for status, n in report["summary"].items():
        if n:
            out.append(f"<li>{_status(status, label(status, lang))}<b>{n}</b></li>")
    out.append("</ul>")
    overview = text("report.overview", lang)
    out.append(f"<h3>{escape(overview)}</h3>")
    out.append(_table(common.overview_table(report["indicators"], report, lang), overview, lang))
    out += [f'<p class="mark">{escape(line)}</p>' for line in sentences.marks(report, lang)]
    out.append(f'<p class="muted">{escape(common.method(report, lang))}</p>')
    flags = common.rollup_flags(report, lang)
    if flags:
        out.append(f"<h3>{escape(text('site.rollup_flags', lang))}</h3><ul>")
        out += [f'<li class="s-differs">{escape(line)}</li>' for line in flags]
        out.append("</ul>")
    out.append("</section>")
    record = common.public_record_table(report, lang)
    if record is not None:
        heading = common.public_record_heading(report, lang)
        out += ['<section id="final">', f"<h2>{escape(heading)}</h2>"]
        out += [_table(record, heading, lang), "</section>"]
    brief = final.final_brief(report, lang)
    if brief is not None:
        heading = escape(text("record.final_brief", lang))
        out += ['<section id="final-brief">', f"<h2>{heading}</h2>"]
        out += [f"<p>{escape(brief[0])}</p>", "</section>"]

    by_area = text("report.by_area", lang)
    out += ['<section id="areas">', f"<h2>{escape(by_area)}</h2>"]
    for area in report["areas"]:
        area_heading = f"{area['number']}. {sentences.pick(area, 'title', lang)}"
        out.append(f"<h3>{words(area_heading, lang)}</h3>")
        served = common.indicators_of(area, report)
        if served:
            out.append(f"<p>{escape(text('report.area_serves', lang))}</p>")
            name = text("table.in", lang, section=by_area, heading=area_heading)
            out.append(_table(common.overview_table(served, report, lang), name, lang))
        else:
            out.append(f'<p class="muted">{escape(text("report.area_none", lang))}</p>')
    out.append("</section>")

    out += ['<section id="indicators">', f"<h2>{escape(text('report.indicators', lang))}</h2>"]
    legend = chart_legend(lang)
    for ind in report["indicators"]:
        heading = common.heading(ind, lang)
        out.append(f'<section class="indicator" id="indicator-{escape(ind["key"])}">')
        status = _status(ind["status"], common.status_words(ind, lang))
        out.append(f"<h3>{escape(heading)} {status}</h3>")
        binding = text("label.binding_mark", lang)
        out += [
            f'<p class="{"binding" if line == binding else "muted"}"{lang_of(line, lang)}>'
            f"{escape(line)}</p>"
            for line in common.subtitle(ind, lang)
        ]
        chart = charts.Chart.from_show(ind)
        out.append("<figure>")
        out.append(charts.svg(chart, chart_text(chart, heading, lang), legend))
        out.append(f"<figcaption>{escape(key_line(chart, lang))}</figcaption>")
        out.append("</figure>")
        out.append(
            _table(
                common.series_table(ind, lang), text("table.series", lang, heading=heading), lang
            )
        )
        rollup = report.get("rollups", {}).get(ind["key"])
        if rollup is not None:
            out.append(f"<h4>{escape(text('site.members', lang))}</h4>")
            members = text("table.members", lang, heading=heading)
            out.append(_table(common.rollup_values_table(rollup, lang), members, lang))
            rolled = text("table.rollup", lang, heading=heading)
            out.append(_table(common.rollup_table(rollup, lang), rolled, lang))
            out.append(f'<p class="muted">{escape(common.rollup_rule(rollup, lang))}</p>')
        out.append(f"<h4>{escape(text('report.assessment', lang))}</h4><ul>")
        for line in common.assessment_lines(ind, report, lang):
            css = ' class="warn"' if line.startswith("⚠") else ""
            out.append(f"<li{css}>{escape(line)}</li>")
        out.append("</ul>")
        out.append(f"<h4>{escape(text('report.linked', lang))}</h4>")
        linked = common.linked_actions(ind, lang)
        if linked:
            out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in linked) + "</ul>")
        else:
            out.append(f'<p class="muted">{escape(text("label.no_actions", lang))}</p>')
        out.append("</section>")
    out.append("</section>")

    roadmap = common.roadmap_tables((report.get("work") or {}).get("roadmap"), lang)
    if roadmap:
        day = text("wp.on_day", lang, day=report["work"]["day"])
        out += _tables_section(
            "roadmap", "report.roadmap", [(h, None, t) for h, t in roadmap], lang, day
        )
        workplans = common.workplan_sections(report, lang)
        out += _tables_section("workplans", "report.workplans", workplans, lang)

    period = final.period_work_tables(report, lang)
    if period:
        tables = [(h, None, t) for h, t in period]
        note = final.period_note(report, lang)
        out += _tables_section("period-work", "report.period_work", tables, lang, note)

    section = text("report.actions", lang)
    out += ['<section id="actions">', f"<h2>{escape(section)}</h2>"]
    for area in report["areas"]:
        area_heading = f"{area['number']}. {sentences.pick(area, 'title', lang)}"
        out.append(f"<h3>{words(area_heading, lang)}</h3>")
        name = text("table.in", lang, section=section, heading=area_heading)
        out.append(_table(common.actions_table(area, lang), name, lang))
    out += ["</section>", "</main>"]
    made = text("report.generated", lang, version=report["ipplan"])
    out.append(f'<footer><p class="muted">{escape(made)}</p></footer>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
