"""Every page and download of the site, built in memory as ``{relative path: bytes}``.

Layout, with the first language at the root and the other under its code (``en/`` or ``zh/``)::

    index.html                    the plans, parent first, with their summaries
    plans/PLAN/index.html         a plan: status table, roll-up flags, actions by area
    plans/PLAN/KEY.html           an indicator: chart, years, roll-up, the working, actions
    en/...                        the same pages in the other language
    data/all.csv, data/all.json   everything, for download
    data/PLAN/KEY.csv, .json      one indicator

The pages reuse the HTML report's style sheet, tables and SVG charts. There is no script, no
font and no link outside the site; every link is relative, so the site opens from disk as well
as from any static host.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
from collections.abc import Mapping
from html import escape
from typing import Any

from ipplan import __version__
from ipplan.plan import Plan
from ipplan.render import charts, sentences
from ipplan.render.sentences import SHOWN_DEPTH
from ipplan.reports import common
from ipplan.reports import html as report_html
from ipplan.reports.tidy import BOM, cell
from ipplan.text.i18n import label, text
from ipplan.text.shown_numbers import DASH, exact, for_files, json_encoded, number, signed
from ipplan.workspace import Workspace
from ipplan.workspaces.rollup import roll_up, rollup_view

LANGS = ("zh", "en")
EXTRA_STYLE = """
nav.top { display: flex; flex-wrap: wrap; gap: .75rem; justify-content: space-between;
  font-size: .9rem; border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
nav.top a, main a { color: var(--actual); }
.flag { color: #c62828; font-weight: 600; }
ol.steps li { margin: .3rem 0; }
ol.steps code { white-space: normal; overflow-wrap: anywhere; }
.downloads a { margin-right: .75rem; }
.indent-1 { padding-left: 1.25rem; } .indent-2 { padding-left: 2.5rem; }
table.plans td:first-child { min-width: 12em; } table.plans .count { white-space: nowrap; }
"""
# Steps whose result is an amount in the indicator's unit; ratios get four decimals.
AMOUNT_STEPS = {"gap", "required_per_year", "observed_per_year"}
AMOUNT_STEPS |= {"projection_linear", "projection_cagr"}
CSV_COLUMNS = ("plan", "key", "name", "unit", "year", "value", "source", "note", "status")


def build_site(
    workspace: Workspace,
    plans: Mapping[str, Plan],
    day: dt.date,
    first: str = "zh",
    as_of: int | None = None,
) -> dict[str, bytes]:
    """Every file of the site; ``first`` is the language at the root, and work-plan states are
    those on ``day``."""
    from ipplan import reports
    from ipplan.workplans.views import roadmap_view

    data = {m.name: reports.build(plans[m.name], as_of) for m in workspace.plans}
    rollups = {
        m.name: {
            ind.key: rollup_view(done)
            for ind in plans[m.name].indicators
            if (done := roll_up(plans, m.name, ind.key, as_of, expects=m.expects)) is not None
        }
        for m in workspace.plans
    }
    roadmaps = {
        m.name: roadmap_view(plans[m.name], day, as_of)
        for m in workspace.plans
        if plans[m.name].work.plans
    }
    site = Site(workspace, data, rollups, first, as_of, roadmaps)
    files: dict[str, bytes] = {}
    for lang in (first, *(other for other in LANGS if other != first)):
        files.update(site.pages(lang))
    files.update(site.downloads())
    return dict(sorted(files.items()))


class Site:
    def __init__(
        self,
        workspace: Workspace,
        data: Mapping[str, dict[str, Any]],
        rollups: Mapping[str, Mapping[str, dict[str, Any]]],
        first: str,
        as_of: int | None,
        roadmaps: Mapping[str, dict[str, Any]],
    ) -> None:
        self.workspace = workspace
        self.data = data
        self.rollups = rollups
        self.first = first
        self.as_of = as_of
        self.roadmaps = roadmaps

    # --- paths ----------------------------------------------------------------------------

    def root(self, lang: str) -> str:
        return "" if lang == self.first else f"{lang}/"

    def href(self, here: str, there: str) -> str:
        """The relative link from the page ``here`` to the file ``there`` (site paths)."""
        return relative_link(there, posixpath.dirname(here))

    # --- pages ----------------------------------------------------------------------------

    def pages(self, lang: str) -> dict[str, bytes]:
        root = self.root(lang)
        files = {f"{root}index.html": self.index(lang)}
        for member in self.workspace.plans:
            files[f"{root}plans/{member.name}/index.html"] = self.plan_page(member.name, lang)
            for ind in self.data[member.name]["indicators"]:
                path = f"{root}plans/{member.name}/{ind['key']}.html"
                files[path] = self.indicator_page(member.name, ind, lang)
        return {path: content.encode("utf-8") for path, content in files.items()}

    def page(self, path: str, lang: str, title: str, body: list[str]) -> str:
        other = next(code for code in LANGS if code != lang)
        twin = self.root(other) + path[len(self.root(lang)) :]
        home = self.href(path, f"{self.root(lang)}index.html")
        made = text("report.generated", lang, version=__version__)
        return "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{escape(title)}</title>",
                f"<style>{report_html.STYLE}{EXTRA_STYLE}</style>",
                "</head>",
                "<body>",
                '<nav class="top">',
                f'<a href="{escape(home)}">{escape(text("site.home", lang))}</a>',
                f'<a href="{escape(self.href(path, twin))}" hreflang="{other}" '
                f'lang="{"en" if other == "en" else "zh-CN"}">'
                f"{escape(text('site.other_lang', lang))}</a>",
                "</nav>",
                "<main>",
                *body,
                "</main>",
                f'<footer><p class="muted">{escape(made)}</p></footer>',
                "</body>",
                "</html>",
                "",
            ]
        )

    def as_of_line(self, lang: str) -> str:
        if self.as_of is None:
            return text("report.all_data", lang)
        return text("report.as_of", lang, year=self.as_of)

    def index(self, lang: str) -> str:
        path = f"{self.root(lang)}index.html"
        title = text("site.title", lang)
        body = [
            f"<h1>{escape(title)}</h1>",
            f'<p class="muted">{escape(self.as_of_line(lang))}</p>',
        ]
        headers = [
            text("col.plan", lang),
            text("col.period", lang),
            text("col.statuses", lang),
            text("col.latest_year", lang),
            text("col.rollup", lang),
        ]
        rows = []
        for member in self.workspace.plans:
            report = self.data[member.name]
            link = self.href(path, f"{self.root(lang)}plans/{member.name}/index.html")
            plan_title = sentences.pick(report["plan"], "title", lang)
            depth = min(self.workspace.depth(member.name), SHOWN_DEPTH)
            counts = " · ".join(
                f'<span class="count">{escape(label(status, lang))} {n}</span>'
                for status, n in report["summary"].items()
                if n
            )
            flags = self.flags(member.name)
            latest = _latest_year(report)
            rows.append(
                f'<tr><td class="indent-{depth}"><a href="{escape(link)}"'
                f"{report_html.lang_of(plan_title, lang)}>{escape(plan_title)}</a><br>"
                f'<span class="muted">{escape(member.name)}</span></td>'
                f"<td>{report['plan']['baseline_year'] + 1}–{report['plan']['target_year']}</td>"
                f"<td>{counts or DASH}</td>"
                f'<td class="num">{latest if latest is not None else DASH}</td>'
                f'<td class="num{" flag" if flags else ""}">{len(flags)}</td></tr>'
            )
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        table = (
            f'<table class="plans"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        body.append(report_html.scrolling(table, title))
        body.append(self.download_links(path, "data/all", lang, text("site.all_data", lang)))
        return self.page(path, lang, title, body)

    def flags(self, plan: str) -> list[tuple[str, dict[str, Any]]]:
        return [
            (key, year)
            for key, view in self.rollups[plan].items()
            for year in view["years"]
            if year["check"] == "differs"
        ]

    def plan_page(self, plan: str, lang: str) -> str:
        root = self.root(lang)
        path = f"{root}plans/{plan}/index.html"
        report = self.data[plan]
        title = sentences.pick(report["plan"], "title", lang)
        body = [f"<h1>{report_html.words(title, lang)}</h1>"]
        body += [
            f'<p class="muted"{report_html.lang_of(line, lang)}>{escape(line)}</p>'
            for line in common.intro(report, lang)
        ]
        member = self.workspace.plan(plan)
        if member.parent is not None and member.parent in self.data:
            parent = self.data[member.parent]["plan"]
            link = self.href(path, f"{root}plans/{member.parent}/index.html")
            body.append(
                f"<p>{escape(text('site.parent', lang))}"
                f'<a href="{escape(link)}">'
                f"{report_html.words(sentences.pick(parent, 'title', lang), lang)}</a></p>"
            )
        body.append('<ul class="cards">')
        for status, n in report["summary"].items():
            if n:
                body.append(
                    f'<li><span class="status s-{escape(status)}">'
                    f"{escape(label(status, lang))}</span><b>{n}</b></li>"
                )
        body.append("</ul>")
        overview = text("report.overview", lang)
        body.append(f"<h2>{escape(overview)}</h2>")
        table = common.overview_table(report["indicators"], report, lang)
        body.append(self.linked_table(table, overview, plan, path, report["indicators"], lang))
        marks = sentences.basis_marks(report, lang)
        body += [f'<p class="mark">{escape(line)}</p>' for line in marks]
        body.append(f'<p class="muted">{escape(common.method(report, lang))}</p>')
        flags = self.flags(plan)
        if flags:
            body.append(f"<h2>{escape(text('site.rollup_flags', lang))}</h2><ul>")
            for key, year in flags:
                link = self.href(path, f"{root}plans/{plan}/{key}.html")
                body.append(
                    f'<li class="flag"><a href="{escape(link)}">{escape(key)}</a> '
                    + escape(
                        text(
                            "site.rollup_flag",
                            lang,
                            year=year["year"],
                            total=exact(year["total"]),
                            parent=exact(year["parent"]),
                            difference=signed(year["difference"]),
                        )
                    )
                    + "</li>"
                )
            body.append("</ul>")
        roadmap = self.roadmaps.get(plan)
        if roadmap is not None:
            body += self.roadmap_section(roadmap, lang)
        section = text("report.actions", lang)
        body.append(f"<h2>{escape(section)}</h2>")
        for area in report["areas"]:
            area_heading = f"{area['number']}. {sentences.pick(area, 'title', lang)}"
            body.append(f"<h3>{report_html.words(area_heading, lang)}</h3>")
            name = text("table.in", lang, section=section, heading=area_heading)
            body.append(report_html._table(common.actions_table(area, lang), name, lang))
        label_text = text("site.plan_data", lang)
        body.append(self.download_links(path, f"data/{plan}/all", lang, label_text))
        return self.page(path, lang, title, body)

    def linked_table(
        self,
        table: common.Table,
        name: str,
        plan: str,
        path: str,
        indicators: list[dict[str, Any]],
        lang: str,
    ) -> str:
        """The indicators table with each name, a binding one's ◆ included, linking to the
        indicator's page."""
        rendered = report_html._table(table, name, lang)
        for ind in indicators:
            name = escape(common.name(ind, lang))
            link = escape(self.href(path, f"{self.root(lang)}plans/{plan}/{ind['key']}.html"))
            rendered = rendered.replace(f">{name}</td>", f'><a href="{link}">{name}</a></td>', 1)
        return rendered

    def indicator_page(self, plan: str, ind: dict[str, Any], lang: str) -> str:
        root = self.root(lang)
        path = f"{root}plans/{plan}/{ind['key']}.html"
        report = self.data[plan]
        heading = common.heading(ind, lang)
        plan_link = self.href(path, f"{root}plans/{plan}/index.html")
        status = (
            f'<span class="status s-{escape(ind["status"])}">'
            f"{escape(common.status_words(ind, lang))}</span>"
        )
        body = [
            f'<p><a href="{escape(plan_link)}">'
            f"{report_html.words(sentences.pick(report['plan'], 'title', lang), lang)}</a></p>",
            f"<h1>{escape(heading)} {status}</h1>",
        ]
        body += [
            f'<p class="muted"{report_html.lang_of(line, lang)}>{escape(line)}</p>'
            for line in common.subtitle(ind, lang)
        ]
        body.append(f'<p class="muted">{escape(self.as_of_line(lang))}</p>')
        legend = report_html.chart_legend(lang)
        chart = charts.Chart.from_show(ind)
        body.append("<figure>")
        body.append(charts.svg(chart, report_html.chart_text(chart, heading, lang), legend))
        body.append(
            f"<figcaption>{escape(report_html.key_line(chart, lang))}</figcaption></figure>"
        )
        series = text("table.series", lang, heading=heading)
        body.append(report_html._table(common.series_table(ind, lang), series, lang))
        rollup = self.rollups[plan].get(ind["key"])
        if rollup is not None:
            body += self.rollup_section(rollup, heading, path, lang)
        body.append(f"<h2>{escape(text('report.assessment', lang))}</h2><ul>")
        for line in common.assessment_lines(ind, report, lang):
            css = ' class="warn"' if line.startswith("⚠") else ""
            body.append(f"<li{css}>{escape(line)}</li>")
        body.append("</ul>")
        if ind["steps"]:
            body.append(f'<h2>{escape(text("site.working", lang))}</h2><ol class="steps">')
            for step in ind["steps"]:
                body.append(f"<li>{_step(step, ind, lang)}</li>")
                if step["name"] == "gap" and ind["status"] == "achieved":
                    reached = escape(sentences.required(ind, "", lang))
                    body.append(
                        f"<li>{escape(text('step.required_per_year', lang))}: {reached}</li>"
                    )
            body.append("</ol>")
        body.append(f"<h2>{escape(text('report.linked', lang))}</h2>")
        linked = common.linked_actions(ind, lang)
        if linked:
            body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in linked) + "</ul>")
        else:
            body.append(f'<p class="muted">{escape(text("label.no_actions", lang))}</p>')
        body.append(
            self.download_links(path, f"data/{plan}/{ind['key']}", lang, text("site.data", lang))
        )
        plan_title = sentences.pick(report["plan"], "title", lang)
        return self.page(path, lang, f"{heading} · {plan_title}", body)

    def roadmap_section(self, view: dict[str, Any], lang: str) -> list[str]:
        """Actions against the plan's years, each cell that year's work-plan items."""
        section = text("site.roadmap", lang)
        out = [
            f"<h2>{escape(section)}</h2>",
            f'<p class="muted">{escape(text("wp.on_day", lang, day=view["day"]))}</p>',
        ]
        for heading, table in common.roadmap_tables(view, lang):
            out.append(f"<h3>{escape(heading)}</h3>")
            name = text("table.in", lang, section=section, heading=heading)
            out.append(report_html._table(table, name, lang))
        return out

    def rollup_section(self, view: dict[str, Any], heading: str, path: str, lang: str) -> list[str]:
        root = self.root(lang)
        out = [f"<h2>{escape(text('site.members', lang))}</h2>"]
        members = text("table.members", lang, heading=heading)
        rendered = report_html._table(common.rollup_values_table(view, lang), members, lang)
        for member in view["members"]:
            link = escape(self.href(path, f"{root}plans/{member['plan']}/{member['key']}.html"))
            name = escape(member["plan"])
            rendered = rendered.replace(
                f"<tr><td>{name}</td>", f'<tr><td><a href="{link}">{name}</a></td>', 1
            )
        out.append(rendered)
        rolled = text("table.rollup", lang, heading=heading)
        out.append(report_html._table(common.rollup_table(view, lang), rolled, lang))
        out.append(f'<p class="muted">{escape(common.rollup_rule(view, lang))}</p>')
        return out

    def download_links(self, path: str, stem: str, lang: str, what: str) -> str:
        links = " ".join(
            f'<a href="{escape(self.href(path, f"{stem}.{ext}"))}" download>{ext.upper()}</a>'
            for ext in ("csv", "json")
        )
        return f'<p class="downloads">{escape(what)}: {links}</p>'

    # --- downloads ------------------------------------------------------------------------

    def downloads(self) -> dict[str, bytes]:
        """Each plan's figures as CSV and JSON, whole and by indicator, and every plan's in one
        file of each. Each plan's report and roll-ups are made as files hold them
        (:func:`for_files`) once, then written into each file they appear in."""
        files: dict[str, bytes] = {}
        every: list[dict[str, Any]] = []
        shown: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        for member in self.workspace.plans:
            report, rollups = (
                for_files(self.data[member.name]),
                for_files(self.rollups[member.name]),
            )
            shown[member.name] = (report, rollups)
            rows = [{"plan": member.name, **row} for row in report["yearly"]]
            every += rows
            files[f"data/{member.name}/all.csv"] = _csv(rows)
            files[f"data/{member.name}/all.json"] = _json(
                {"plan": member.name, "report": report, "rollups": rollups}
            )
            for ind in report["indicators"]:
                own = [row for row in rows if row["key"] == ind["key"]]
                stem = f"data/{member.name}/{ind['key']}"
                files[f"{stem}.csv"] = _csv(own)
                files[f"{stem}.json"] = _json(
                    {
                        "plan": member.name,
                        "as_of": self.as_of,
                        "indicator": ind,
                        "members": rollups.get(ind["key"]),
                    }
                )
        files["data/all.csv"] = _csv(every)
        files["data/all.json"] = _json(
            {
                "as_of": self.as_of,
                "plans": [
                    {
                        "name": m.name,
                        "parent": m.parent,
                        "report": shown[m.name][0],
                        "rollups": shown[m.name][1],
                    }
                    for m in self.workspace.plans
                ],
            }
        )
        return files


def relative_link(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two paths inside the site, neither with a "..":
    the same answer without asking the system for the working directory at each link."""
    to = [part for part in posixpath.normpath(path).split("/") if part not in ("", ".")]
    at = [part for part in posixpath.normpath(start).split("/") if part not in ("", ".")]
    common = 0
    for mine, theirs in zip(to, at, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(at) - common) + to[common:]
    return "/".join(parts) if parts else "."


def _latest_year(report: Mapping[str, Any]) -> int | None:
    years = [row["year"] for row in report["yearly"] if row["value"] is not None]
    return max(years) if years else None


def _step(step: Mapping[str, Any], ind: Mapping[str, Any], lang: str) -> str:
    """One step of the working as the terminal shows it: formula = values = result."""
    name = step["name"]
    title = escape(text(f"step.{name}", lang))
    if name == "status":
        return f"{title}: {escape(label(step['result'], lang))} ({escape(step['working'])})"
    result = step["result"]
    if name == "gap":
        shown = sentences.gap(result, common.unit_of(ind, lang), lang)
    elif name in AMOUNT_STEPS:
        shown = f"{number(result)} {common.unit_of(ind, lang)}"
    elif name in ("cagr_observed", "cagr_required"):
        shown = f"{result:.4f} ({result * 100:+.2f}%)"
    else:
        shown = f"{result:.4f}"
    formula = f"{step['formula']} = " if step["formula"] else ""
    return f"{title}: <code>{escape(formula + step['working'])} = <b>{escape(shown)}</b></code>"


def _csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows already as files hold them (:func:`for_files`), as the site's CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in CSV_COLUMNS])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _json(value: Any) -> bytes:
    """A value already as files hold it (:func:`for_files`), as the site's JSON."""
    return (json_encoded(value) + "\n").encode("utf-8")
