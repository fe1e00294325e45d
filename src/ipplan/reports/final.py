"""The final evaluation in every report format: in brief, each area's final figures, the work
the actions' work plans did over the period, and the sources (:mod:`ipplan.reports.common` holds
what every report says before the target year ends)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipplan.render import sentences
from ipplan.render.sentences import pick
from ipplan.reports.common import (
    Table,
    baseline_cell,
    indicators_of,
    latest,
    marks_explained,
    name,
    unit_of,
    work_state,
)
from ipplan.text.i18n import label, text
from ipplan.text.shown_numbers import DASH, number

# --- the final evaluation: in brief, each area's final figures, the work over the period -------

# The order a count of work items by state is written in.
STATE_ORDER = ("done", "cancelled", "overdue", "in_progress", "not_started", "not_tracked")


def final_brief(report: Mapping[str, Any], lang: str) -> tuple[str, list[str]] | None:
    """How many indicators were achieved, missed and are awaiting data, and for each one not
    achieved its verdict (why); None while the plan's target year has not ended."""
    final = report["final_evaluation"]
    if final is None:
        return None
    decided = set(final["decided"])
    indicators = report["indicators"]
    achieved = {
        i["key"] for i in indicators if i["key"] in decided and i["final"]["status"] == "achieved"
    }
    count = text(
        "record.final_summary",
        lang,
        indicators=len(indicators),
        achieved=len(achieved),
        missed=len(decided) - len(achieved),
        awaited=len(indicators) - len(decided),
    )
    why = [
        text(
            "record.named",
            lang,
            name=f"{ind['number']}. {name(ind, lang)}",
            said=sentences.verdict(ind, lang) or "",
        )
        for ind in indicators
        if ind["key"] not in achieved
    ]
    return count, why


def final_figure(ind: Mapping[str, Any], lang: str) -> str:
    """The target year's figure once recorded; else the latest, said to be so."""
    if ind["latest"] is None:
        return DASH
    final = ind["final"]
    if final is not None and final["decided"]:
        return latest(ind)
    return text("record.latest_not_final", lang, value=latest(ind), year=ind["target"]["year"])


def final_table(indicators: list[Mapping[str, Any]], report: Mapping[str, Any], lang: str) -> Table:
    """Baseline, target, the final figure (or the latest), the verdict by both methods and the
    marks the figures carry: the table of the final evaluation."""
    plan = report["plan"]
    headers = [
        text("col.number", lang),
        text("col.indicator", lang),
        text("col.unit", lang),
        f"{text('col.baseline', lang)} {plan['baseline_year']}",
        f"{text('col.target', lang)} {plan['target_year']}",
        text("record.final_figure", lang),
        text("record.by_linear", lang),
        text("record.by_compound", lang),
        text("record.marks", lang),
    ]
    rows = [
        [
            str(ind["number"]),
            name(ind, lang),
            unit_of(ind, lang),
            baseline_cell(ind),
            number(ind["target"]["value"]),
            final_figure(ind, lang),
            label(ind["status"], lang),
            DASH if ind["status_cagr"] is None else label(ind["status_cagr"], lang),
            "; ".join(sentences.figure_marks(ind, lang)),
        ]
        for ind in indicators
    ]
    statuses = tuple(ind["status"] for ind in indicators)
    return Table(headers, rows, {0, 3, 4}, 6, statuses, marks_explained(indicators, lang))


def final_tables(report: Mapping[str, Any], lang: str) -> list[tuple[str, Table]]:
    """The final table of each area's indicators, then of those no action serves: every
    indicator is in one table at least."""
    found = []
    served: set[str] = set()
    for area in report["areas"]:
        indicators = indicators_of(area, report)
        served.update(ind["key"] for ind in indicators)
        if indicators:
            heading = f"{area['number']}. {pick(area, 'title', lang)}"
            found.append((heading, final_table(indicators, report, lang)))
    rest = [ind for ind in report["indicators"] if ind["key"] not in served]
    if rest:
        found.append((text("record.unserved", lang), final_table(rest, report, lang)))
    return found


def _state_counts(states: list[str], lang: str) -> str:
    if not states:
        return text("report.period_untracked", lang)
    return " · ".join(
        f"{work_state(state, lang)} {states.count(state)}"
        for state in STATE_ORDER
        if state in states
    )


def period_work_tables(report: Mapping[str, Any], lang: str) -> list[tuple[str, Table]]:
    """Once the plan's target year has ended: per area, each action's work-plan items by state
    in each of the plan's years and over the whole period (the roadmap's items, counted)."""
    work = report.get("work")
    if report["final_evaluation"] is None or not work:
        return []
    roadmap = work["roadmap"]
    years = roadmap["years"]
    headers = [
        text("col.action", lang),
        *map(str, years),
        text("report.period_total", lang),
    ]
    found = []
    for area in roadmap["areas"]:
        rows = []
        for action in area["actions"]:
            cells = [f"{action['id']} {pick(action, 'title', lang)}"]
            every: list[str] = []
            for year in years:
                states = [entry["state"] for entry in action["years"][str(year)]]
                every += states
                cells.append(_state_counts(states, lang))
            rows.append([*cells, _state_counts(every, lang)])
        if rows:
            heading = f"{area['number']}. {pick(area, 'title', lang)}"
            found.append((heading, Table(headers, rows, set())))
    return found


def period_note(report: Mapping[str, Any], lang: str) -> str:
    return text("report.period_note", lang, day=report["work"]["day"])


def sources(report: Mapping[str, Any], lang: str) -> list[str]:
    """Each source the figures name, once, with the indicators and years it gave."""
    uses: dict[str, dict[str, list[str]]] = {}
    for ind in report["indicators"]:
        given = [(a["source"], a["year"]) for a in ind["actuals"] if a["source"]]
        official = ind["official_baseline"]
        if official is not None and official["source"]:
            given.insert(0, (official["source"], official["year"]))
        for source, year in given:
            who = f"{ind['number']}. {name(ind, lang)}"
            years = uses.setdefault(source, {}).setdefault(who, [])
            if str(year) not in years:
                years.append(str(year))
    separator = "; " if lang == "en" else "；"
    return [
        text(
            "report.source_line",
            lang,
            source=source,
            uses=separator.join(f"{who} {', '.join(years)}" for who, years in by.items()),
        )
        for source, by in uses.items()
    ]
