"""What each command reports, as plain data: the ``--json`` output and what the tables show.

Field names are those of docs/methodology.md. The terminal renderer draws from these same
dictionaries, so the table and the JSON cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ipplan.assess import Assessment, assess, counted, linear_path, summary
from ipplan.i18n import problem_message
from ipplan.models import Actual, Indicator, Point, Status
from ipplan.plan import ActionState, Plan
from ipplan.problems import Problem


def _point(point: Point | None) -> dict[str, Any] | None:
    return None if point is None else {"year": point.year, "value": point.value}


def indicator_view(indicator: Indicator, a: Assessment) -> dict[str, Any]:
    """One indicator's row of ``status --json``."""
    return {
        "key": indicator.key,
        "number": indicator.number,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": _point(a.baseline),
        "provisional_baseline": a.provisional_baseline,
        "target": _point(indicator.target),
        "latest": _point(a.latest),
        "progress": a.progress,
        "time_elapsed": a.time_elapsed,
        "pace": a.pace,
        "gap": a.gap,
        "required_per_year": a.required_per_year,
        "status": a.status.value,
    }


def status_view(plan: Plan, as_of: int | None = None) -> dict[str, Any]:
    """Every indicator's assessment, with the count of indicators per status."""
    rows = []
    statuses = []
    for indicator in plan.indicators:
        a = assess(indicator, plan.actuals[indicator.key], plan.info.thresholds, as_of)
        statuses.append(a.status)
        rows.append(indicator_view(indicator, a))
    return {
        "plan": {
            "title": plan.info.title,
            "baseline_year": plan.info.baseline_year,
            "target_year": plan.info.target_year,
        },
        "as_of": as_of,
        "summary": summary(statuses),
        "indicators": rows,
    }


def _actual(actual: Actual) -> dict[str, Any]:
    return {
        "year": actual.year,
        "value": actual.value,
        "source": actual.source,
        "note": actual.note,
        "recorded": actual.recorded.isoformat() if actual.recorded else None,
        "history": [
            {
                "value": old.value,
                "source": old.source,
                "note": old.note,
                "recorded": old.recorded.isoformat() if old.recorded else None,
            }
            for old in actual.history
        ],
    }


def show_view(plan: Plan, indicator: Indicator, as_of: int | None = None) -> dict[str, Any]:
    """One indicator in full: definition, actuals, the linear path, assessment and actions."""
    series = plan.actuals[indicator.key]
    a = assess(indicator, series, plan.info.thresholds, as_of)
    by_year = {actual.year: actual for actual in counted(series, as_of)}
    start = a.baseline.year if a.baseline is not None else plan.info.baseline_year
    path = []
    for year in range(start, indicator.target.year + 1):
        expected = linear_path(indicator, a.baseline, year)
        actual = by_year.get(year)
        value = actual.value if actual is not None else None
        if year == start and a.baseline is not None and not a.provisional_baseline:
            value = a.baseline.value
        path.append(
            {
                "year": year,
                "expected": expected,
                "actual": value,
                "deviation": None if value is None or expected is None else value - expected,
            }
        )
    return {
        **indicator_view(indicator, a),
        "definition": indicator.definition,
        "definition_en": indicator.definition_en,
        "actuals": [_actual(actual) for actual in series],
        "path": path,
        "actions": [
            {
                "id": action.id,
                "title": action.title,
                "title_en": action.title_en,
                "status": plan.state(action).status.value,
            }
            for action in plan.actions_for(indicator.key)
        ],
    }


def action_view(state: ActionState) -> dict[str, Any]:
    """One action as it stands, with its measures and dated updates."""
    action = state.action
    return {
        "id": action.id,
        "area": action.area,
        "title": action.title,
        "title_en": action.title_en,
        "measures": list(action.measures),
        "indicators": list(action.indicators),
        "lead": state.lead,
        "due": state.due.isoformat() if state.due else None,
        "status": state.status.value,
        "updates": [
            {
                "recorded": u.recorded.isoformat(),
                "status": u.status.value if u.status else None,
                "lead": u.lead,
                "due": u.due.isoformat() if u.due else None,
                "note": u.note,
            }
            for u in state.updates
        ],
    }


def tasks_view(
    plan: Plan,
    area: str | None = None,
    status: Status | None = None,
    indicator: str | None = None,
) -> dict[str, Any]:
    """The actions grouped by area, filtered by area, status and indicator served."""
    area_id = plan.area(area).id if area is not None else None
    key = plan.indicator(indicator).key if indicator is not None else None
    groups = []
    for a in plan.areas:
        if area_id is not None and a.id != area_id:
            continue
        actions = []
        for action in plan.actions:
            if action.area != a.id or (key is not None and key not in action.indicators):
                continue
            state = plan.state(action)
            if status is not None and state.status != status:
                continue
            actions.append(action_view(state))
        if actions:
            groups.append(
                {
                    "id": a.id,
                    "number": a.number,
                    "title": a.title,
                    "title_en": a.title_en,
                    "actions": actions,
                }
            )
    return {"areas": groups}


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def problems_view(problems: Sequence[Problem], lang: str) -> list[dict[str, Any]]:
    """Problems for machines: file, line, code and message."""
    return [
        {
            "file": display_path(p.path),
            "line": p.line,
            "code": p.code,
            "message": problem_message(p.code, p.params, lang),
        }
        for p in problems
    ]
