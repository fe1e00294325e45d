"""What ``ipplan validate --strict`` adds: what is late, rather than wrong.

Plain ``validate`` checks that the data is well formed and consistent, which does not change
from one day to the next. ``--strict`` also fails on what is overdue on the day it runs, so a CI
job that runs it daily reminds people, as hledger's timeliness checks do. Each rule takes the
loaded plan and the day, and returns problems at the line of the thing that is late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ipplan.data import Indicator
from ipplan.plan import Plan
from ipplan.problems import Problem

# A rule takes the loaded plan, the day, and the data directory (for the lines of what is late).
StrictRule = Callable[[Plan, dt.date, Path], list[Problem]]


def overdue_milestones(plan: Plan, day: dt.date, top: Path) -> list[Problem]:
    """Every work-plan milestone not done whose period ended before ``day``."""
    from ipplan.workplans.views import overdue_milestones as overdue

    found = []
    for wp, standing, number in overdue(plan, day):
        milestone = standing.milestones[number - 1]
        found.append(
            Problem(
                wp.path or top / "workplans" / f"{wp.year}.yaml",
                wp.lines.get((standing.item.id, number), 1),
                "overdue-milestone",
                {
                    "item": standing.item.id,
                    "number": number,
                    "period": milestone.written,
                    "end": milestone.period.end.isoformat(),
                },
            )
        )
    return found


def overdue_figures(plan: Plan, day: dt.date, top: Path) -> list[Problem]:
    """Every yearly figure not recorded after the month its indicator says it is normally
    published (``published_after_months``, methodology.md "When a yearly figure is due"), at
    that indicator's line in indicators.yaml."""
    from ipplan import public_record

    late = public_record.overdue_figures(plan, day)
    if not late:
        return []
    path, line = _indicator_lines(top)
    found = []
    for figure in late:
        found.append(
            Problem(
                path,
                line(figure.indicator.key, "published_after_months"),
                "overdue-figure",
                {
                    "key": figure.indicator.key,
                    "name": figure.indicator.name,
                    "name_en": figure.indicator.name_en,
                    "year": figure.year,
                    "due": figure.due.isoformat() if figure.due else "",
                },
            )
        )
    return found


def _indicator_lines(top: Path) -> tuple[Path, Callable[..., int]]:
    """indicators.yaml in ``top``, and the line of an indicator's field (by its key and the
    field's path; the indicators' line where the key is not found)."""
    from ipplan.files.yaml_read import read

    path = top / "indicators.yaml"
    doc, _ = read(path)
    entries = doc.data.get("indicators") if isinstance(doc.data, dict) else None
    index = {
        entry.get("key"): i
        for i, entry in enumerate(entries if isinstance(entries, list) else [])
        if isinstance(entry, dict)
    }

    def line(key: str, *field: str) -> int:
        at = index.get(key)
        return doc.line(("indicators",) if at is None else ("indicators", at, *field))

    return path, line


def pending_values(plan: Plan, day: dt.date, top: Path) -> list[Problem]:
    """Every target still to be set (目标待定), at its line, and every baseline marked pending
    and not yet written in: a member plan's own to set; a successor's, with the figure its
    previous plan has recorded for it since, if it has (:func:`previous_figures`). Plain
    validate names them, --strict fails on them (docs/plans.md)."""
    del day  # pending whatever the day
    waiting = [i for i in plan.indicators if i.target_pending or is_baseline_pending(i)]
    if not waiting:
        return []
    path, line = _indicator_lines(top)
    year = plan.info.baseline_year
    known = previous_figures(plan, top) if any(map(is_baseline_pending, waiting)) else {}
    found = []
    for indicator in waiting:
        named = {"key": indicator.key, "name": indicator.name, "name_en": indicator.name_en}
        if is_baseline_pending(indicator):
            params = {**named, "indicator": indicator.key, "year": year}
            code = "baseline-pending"
            if plan.info.member_of is not None:
                code, params["parent"] = "own-baseline-pending", plan.info.member_of
            elif indicator.key in known:
                code = "baseline-in-previous"
                params |= {"previous": plan.info.predecessor, "value": known[indicator.key]}
            found.append(Problem(path, line(indicator.key, "baseline_pending"), code, params))
        if indicator.target_pending:
            found.append(
                Problem(
                    path,
                    line(indicator.key, "target", "value"),
                    "target-pending",
                    {**named, "year": indicator.target.year},
                )
            )
    return found


def previous_figures(plan: Plan, top: Path) -> dict[str, object]:
    """The figures a successor's previous plan (``predecessor``) has recorded for its target
    year, the successor's baseline year, by indicator key (as ``new --from`` would carry them:
    :func:`ipplan.new_plan.carried_baseline`); none when it names no previous plan, or that
    plan cannot be read as it is now."""
    from ipplan import load
    from ipplan.errors import IpplanError
    from ipplan.files.layout import DataDir
    from ipplan.new_plan import carried_baseline
    from ipplan.text.shown_numbers import number

    if plan.info.predecessor is None:
        return {}
    try:
        old = load.load(DataDir(top / plan.info.predecessor))
    except IpplanError:
        return {}  # moved, unreadable or invalid: the pending baseline is told as it is
    if old.info.target_year != plan.info.baseline_year:
        return {}
    found: dict[str, object] = {}
    for indicator in plan.indicators:
        if indicator.key in {i.key for i in old.indicators} and is_baseline_pending(indicator):
            figure = carried_baseline(old, old.indicator(indicator.key))
            if figure is not None:
                found[indicator.key] = number(figure.value)
    return found


def is_baseline_pending(indicator: Indicator) -> bool:
    """Whether ``indicator``'s baseline is marked pending and not written in yet."""
    return indicator.baseline_pending and indicator.baseline is None


# The rules --strict runs, each of the same shape.
STRICT_RULES: list[StrictRule] = [overdue_milestones, overdue_figures, pending_values]


def problems(plan: Plan, day: dt.date, top: Path) -> list[Problem]:
    """Everything late on ``day``, by every strict rule."""
    found: list[Problem] = []
    for rule in STRICT_RULES:
        found += rule(plan, day, top)
    return sorted(found, key=Problem.sort_key)
