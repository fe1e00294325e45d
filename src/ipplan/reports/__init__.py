"""Reports for publishing and for other tools: one report, six formats.

:func:`build` gathers everything a report shows into plain data (the ``json`` format is exactly
that); each format module renders it. The time a report names as made is that of the latest
change it counts (or ``$SOURCE_DATE_EPOCH``); the one day it depends on is the day it is judged
on (today, ``IPPLAN_TODAY``, or the earlier of that and the end of ``--as-of``), which decides
what is overdue and is printed in it. So the same data on the same day gives the same report,
byte for byte, and a report can be kept in git beside the data.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipplan import __version__

if TYPE_CHECKING:
    from ipplan.plan import Plan

# The core is imported where it is used, so that the command line can offer the formats
# without loading it.


class Format(str, Enum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    docx = "docx"


BINARY = {Format.xlsx, Format.docx}
# What a file's extension says it holds, case aside; the report written to it has that format.
EXTENSIONS = {
    ".md": Format.md,
    ".markdown": Format.md,
    ".html": Format.html,
    ".htm": Format.html,
    ".csv": Format.csv,
    ".json": Format.json,
    ".xlsx": Format.xlsx,
    ".docx": Format.docx,
}


def choose_format(fmt: Format | None, output: Path | None) -> Format:
    """The format to write: ``fmt`` if given, else the one ``output``'s extension names, else md.

    A ``fmt`` that contradicts the extension is refused rather than writing, say, Markdown into
    ``report.html``; an output whose extension names no format needs ``fmt``.
    """
    from ipplan.errors import FormatContradictsOutput, FormatNotImplied

    implied = None if output is None else EXTENSIONS.get(output.suffix.lower())
    if fmt is None:
        if output is None:
            return Format.md
        if implied is None:
            raise FormatNotImplied(path=str(output), formats=[f.value for f in Format])
        return implied
    if implied is not None and implied is not fmt:
        raise FormatContradictsOutput(format=fmt.value, path=str(output), implied=implied.value)
    return fmt


def build(plan: Plan, as_of: int | None = None, day: dt.date | None = None) -> dict[str, Any]:
    """The whole report as plain data: plan, summary, every indicator in full, every action,
    and the work plans: the roadmap and each year's progress.

    Everything is judged on one day, the judgement day of ``as_of`` and ``day`` (today,
    :func:`ipplan.clock.today`, when none is given; :func:`ipplan.clock.judgement_day`), which
    the report names: the yearly figures overdue, after the target year the final evaluation,
    and the work items and actions. Without ``day`` or ``as_of``, the work plans are left out.
    """
    from ipplan import clock
    from ipplan.assess import Progress, summary
    from ipplan.views.actions import action_view
    from ipplan.views.indicators import final_evaluation_view, show_view
    from ipplan.workplans import views as work_views

    judged = clock.judgement_day(as_of, day)
    work_day = None if day is None and as_of is None else judged
    indicators = [show_view(plan, ind, as_of, judged) for ind in plan.indicators]
    info = plan.info
    areas = []
    for area in plan.areas:
        actions = [plan.state(a, as_of) for a in plan.actions if a.area == area.id]
        served: list[str] = []
        for state in actions:
            served.extend(k for k in state.action.indicators if k not in served)
        areas.append(
            {
                "id": area.id,
                "number": area.number,
                "title": area.title,
                "title_en": area.title_en,
                "indicators": [ind.key for ind in plan.indicators if ind.key in served],
                "actions": [
                    action_view(
                        state,
                        None
                        if work_day is None
                        else work_views.action_work(plan, state, work_day, as_of),
                    )
                    for state in actions
                ],
            }
        )
    return {
        "plan": {
            "title": info.title,
            "title_en": info.title_en,
            "issuer": info.issuer,
            "issuer_en": info.issuer_en,
            "baseline_year": info.baseline_year,
            "target_year": info.target_year,
            "thresholds": info.thresholds._asdict(),
        },
        "as_of": as_of,
        "made": made(plan, as_of, os.environ),
        "day": judged.isoformat(),
        "summary": summary([Progress(ind["status"]) for ind in indicators]),
        "final_evaluation": final_evaluation_view(plan, judged, as_of),
        "indicators": indicators,
        "areas": areas,
        "yearly": yearly_rows(plan, as_of),
        "work": None
        if work_day is None or not plan.work.plans
        else work_views.report_view(plan, work_day, as_of),
        "ipplan": __version__,
    }


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def made(plan: Plan, as_of: int | None, environ: Mapping[str, str]) -> dict[str, str] | None:
    """When the report was made, in a way that keeps the same data giving the same bytes.

    ``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention) when set: that moment, in UTC.
    Otherwise the time the latest change the report counts was recorded: the report shows the
    record as it stood then, whenever it is rendered. None when nothing counted carries a time.
    """
    from ipplan.errors import InvalidSourceDateEpoch
    from ipplan.files.record_text import timestamp

    raw = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if raw:
        try:
            if not raw.isascii() or not raw.isdigit():
                raise ValueError(raw)
            moment = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise InvalidSourceDateEpoch(value=raw[:40]) from None
        return {"time": timestamp(moment), "basis": "source_date_epoch"}
    latest = latest_counted(plan, as_of)
    return None if latest is None else {"time": timestamp(latest), "basis": "recorded"}


def latest_counted(plan: Plan, as_of: int | None) -> dt.datetime | None:
    """The latest recorded time among what counts as of ``as_of``, the one time every format
    says it was made from: the actuals of the years up to it (with their earlier values), the
    action updates recorded by its end, the work plans of its years (when each was imported)
    and the progress recorded on their items by its end."""
    from ipplan.assess import recorded_by
    from ipplan.clock import aware

    times = [
        when
        for series in plan.actuals.values()
        for actual in recorded_by(series, as_of)
        for when in (actual.recorded, *(old.recorded for old in actual.history))
        if when is not None
    ]
    times += [
        u.recorded
        for log in plan.updates.values()
        for u in log
        if as_of is None or u.recorded.year <= as_of
    ]
    times += [
        wp.info.imported
        for wp in plan.work.plans
        if wp.info.imported is not None and (as_of is None or wp.year <= as_of)
    ]
    times += [
        e.recorded
        for log in plan.work.events.values()
        for e in log
        if as_of is None or e.recorded.year <= as_of
    ]
    return max(times, key=aware, default=None)


def yearly_rows(plan: Plan, as_of: int | None = None) -> list[dict[str, Any]]:
    """One row per indicator and plan year after the baseline: the value recorded, if any, and
    the status the indicator had as of that year (what ``ipplan status --as-of YEAR`` says)."""
    from ipplan.assess import assess

    last = plan.info.target_year if as_of is None else min(as_of, plan.info.target_year)
    rows = []
    for ind in plan.indicators:
        by_year = {a.year: a for a in plan.actuals[ind.key]}
        for year in range(plan.info.baseline_year + 1, last + 1):
            actual = by_year.get(year)
            a = assess(
                ind,
                plan.actuals[ind.key],
                plan.info.thresholds,
                year,
                start=plan.info.baseline_year,
            )
            rows.append(
                {
                    "key": ind.key,
                    "name": ind.name,
                    "unit": ind.unit,
                    "year": year,
                    "value": None if actual is None else actual.value,
                    "source": None if actual is None else actual.source,
                    "note": None if actual is None else actual.note,
                    "status": a.status.value,
                    "binding": ind.binding,
                    "accumulate": ind.accumulate,
                    # a cumulative indicator's running total, in the years it was reported
                    "total": a.total.value if a.total and a.total.year == year else None,
                    # the figure recorded as not published (value empty), or counted on another
                    # basis than the year before's (docs/methodology.md)
                    "not_published": actual is not None and actual.not_published,
                    "basis_change": None if actual is None else actual.basis_change,
                }
            )
    return rows


def render(report: dict[str, Any], fmt: Format, lang: str) -> str | bytes:
    """``report`` in format ``fmt``; text for every format but xlsx and docx."""
    from ipplan.reports import document, html, markdown, tidy, workbook

    renderers: dict[Format, Callable[[dict[str, Any], str], str | bytes]] = {
        Format.md: markdown.render,
        Format.html: html.render,
        Format.csv: tidy.render,
        Format.json: tidy.render_json,
        Format.xlsx: workbook.render,
        Format.docx: document.render,
    }
    return renderers[fmt](report, lang)
