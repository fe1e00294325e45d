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
    from ipplan.files.yaml_read import read

    late = public_record.overdue_figures(plan, day)
    if not late:
        return []
    path = top / "indicators.yaml"
    doc, _ = read(path)
    entries = doc.data.get("indicators") if isinstance(doc.data, dict) else None
    index = {
        entry.get("key"): i
        for i, entry in enumerate(entries if isinstance(entries, list) else [])
        if isinstance(entry, dict)
    }
    found = []
    for figure in late:
        at = index.get(figure.indicator.key)
        loc = ("indicators",) if at is None else ("indicators", at, "published_after_months")
        found.append(
            Problem(
                path,
                doc.line(loc),
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


# The rules --strict runs, each of the same shape.
STRICT_RULES: list[StrictRule] = [overdue_milestones, overdue_figures]


def problems(plan: Plan, day: dt.date, top: Path) -> list[Problem]:
    """Everything late on ``day``, by every strict rule."""
    found: list[Problem] = []
    for rule in STRICT_RULES:
        found += rule(plan, day, top)
    return sorted(found, key=Problem.sort_key)
