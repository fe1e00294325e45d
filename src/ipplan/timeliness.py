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

StrictRule = Callable[[Plan, dt.date], list[Problem]]


def overdue_milestones(plan: Plan, day: dt.date) -> list[Problem]:
    """Every work-plan milestone not done whose period ended before ``day``."""
    from ipplan.workplans.views import overdue_milestones as overdue

    found = []
    for wp, standing, number in overdue(plan, day):
        milestone = standing.milestones[number - 1]
        found.append(
            Problem(
                wp.path or Path("workplans") / f"{wp.year}.yaml",
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


# The rules --strict runs. Overdue yearly figures (an indicator's published_after_months, see
# methodology.md "When a yearly figure is due") join this list as a rule of the same shape.
STRICT_RULES: list[StrictRule] = [overdue_milestones]


def problems(plan: Plan, day: dt.date) -> list[Problem]:
    """Everything late on ``day``, by every strict rule."""
    found: list[Problem] = []
    for rule in STRICT_RULES:
        found += rule(plan, day)
    return sorted(found, key=Problem.sort_key)
