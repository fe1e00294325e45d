"""One line per plan of a workspace: where its indicators stand, and where roll-ups disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ipplan.assess import assess, counted, summary
from ipplan.plan import Plan
from ipplan.workspace import Workspace
from ipplan.workspaces.rollup import roll_ups


def load_plans(workspace: Workspace) -> dict[str, Plan]:
    """Every plan of the workspace, parent first; :class:`DataInvalid` if any has a problem."""
    from ipplan import load
    from ipplan.files import layout

    return {m.name: load.load(layout.DataDir(m.directory)) for m in workspace.plans}


def latest_year(plan: Plan, as_of: int | None = None) -> int | None:
    """The latest year any indicator of ``plan`` has an actual for (up to ``as_of``)."""
    years = [a.year for series in plan.actuals.values() for a in counted(series, as_of)]
    return max(years) if years else None


def overview_view(
    workspace: Workspace, plans: Mapping[str, Plan], as_of: int | None, day: dt.date
) -> dict[str, Any]:
    """The workspace's plans, parent first, each with its counts, its overdue work-plan
    milestones on ``day`` and its roll-up flags."""
    from ipplan.public_record import overdue_figures
    from ipplan.views.problems import display_path
    from ipplan.workplans.views import overdue_milestones

    rows = []
    for member in workspace.plans:
        plan = plans[member.name]
        statuses = [
            assess(
                ind,
                plan.actuals[ind.key],
                plan.info.thresholds,
                as_of,
                start=plan.info.baseline_year,
            ).status
            for ind in plan.indicators
        ]
        flags = [
            {
                "indicator": done.indicator.key,
                "year": year.year,
                "total": year.total,
                "parent": year.parent,
                "difference": year.difference,
                "tolerance": done.tolerance,
            }
            for done in roll_ups(plans, member.name, as_of, member.expects)
            for year in done.differing
        ]
        rows.append(
            {
                "name": member.name,
                "parent": member.parent,
                "depth": workspace.depth(member.name),
                "directory": display_path(member.directory),
                "title": plan.info.title,
                "title_en": plan.info.title_en,
                "baseline_year": plan.info.baseline_year,
                "target_year": plan.info.target_year,
                "indicators": len(plan.indicators),
                "summary": summary(statuses),
                "latest_year": latest_year(plan, as_of),
                "workplans": len(plan.work.plans),
                "overdue_figures": len(overdue_figures(plan, day)),
                "overdue_work": len(overdue_milestones(plan, day)),
                "rollup_differences": flags,
            }
        )
    return {
        "workspace": display_path(workspace.file),
        "as_of": as_of,
        "day": day.isoformat(),
        "plans": rows,
    }


def rollups_around(
    directory: Path, cwd: Path, environ: Mapping[str, str], as_of: int | None = None
) -> tuple[str, dict[str, dict[str, Any]]] | None:
    """The plan in ``directory`` as the workspace around ``cwd`` lists it, and every roll-up
    into its indicators (key -> view); None outside a workspace or a plan it does not list."""
    from ipplan.files import discover
    from ipplan.workspace import load_workspace
    from ipplan.workspaces.rollup import rollup_view

    found = discover.search(cwd, environ)
    if found.workspace is None:
        return None
    workspace = load_workspace(found.workspace)
    member = workspace.listing(directory)
    if member is None:
        return None
    plans = load_plans(workspace)
    done = roll_ups(plans, member.name, as_of, member.expects)
    return member.name, {view.indicator.key: rollup_view(view) for view in done}


def members_of(
    directory: Path, key: str, cwd: Path, environ: Mapping[str, str], as_of: int | None = None
) -> dict[str, Any]:
    """The roll-up of the member plans into indicator ``key`` of the plan in ``directory``, as
    ``show --members`` adds it to the indicator's view; refused outside a workspace, and for an
    indicator nothing rolls up into."""
    from ipplan.errors import MembersNeedWorkspace, NoMembers

    found = rollups_around(directory, cwd, environ, as_of)
    if found is None:
        raise MembersNeedWorkspace(start=str(cwd))
    name, views = found
    if key not in views:
        raise NoMembers(plan=name, key=key)
    return views[key]
