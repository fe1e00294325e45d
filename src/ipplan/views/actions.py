"""The views of actions: ``tasks`` (the actions by area) and ``task`` (one with its updates), and
an action's status as ``show`` lists it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from ipplan.action_status import Status
from ipplan.data import Action, ActionUpdate
from ipplan.files.record_text import timestamp
from ipplan.plan import ActionState, Plan

if TYPE_CHECKING:
    from ipplan.workplans.views import ActionWork, WorkPlanOfAction


class _Status(TypedDict):
    status: str


class ActionStatusView(_Status, total=False):
    """An action's status, and with work plans what it follows from (plan, manual, work_plan)."""

    status_source: str


class UpdateView(TypedDict):
    """The fields an action update set, as text (None for those it left alone), and those it
    cleared."""

    status: str | None
    lead: str | None
    due: str | None
    note: str | None
    cleared: list[str]


class UpdateRow(UpdateView):
    """A dated update of ``task --json``."""

    recorded: str


class _ActionView(TypedDict):
    id: str
    area: str
    title: str
    title_en: str
    measures: list[str]
    indicators: list[str]
    lead: str | None
    due: str | None
    status: str
    updates: list[UpdateRow]


class ActionView(_ActionView, total=False):
    """``task --json``: one action as it stands; with work plans, its items and progress and
    where its status comes from."""

    status_source: str
    work_plan: WorkPlanOfAction


class AreaView(TypedDict):
    """An area of ``tasks --json`` with its actions."""

    id: str
    number: int
    title: str
    title_en: str
    actions: list[ActionView]


class TasksView(TypedDict):
    """``tasks --json``: the actions grouped by area."""

    as_of: int | None
    areas: list[AreaView]


def action_status(plan: Plan, action: Action, day: dt.date, as_of: int | None) -> ActionStatusView:
    """An action's status as ``tasks`` shows it: derived from its work items on ``day`` (the
    judgement day, :func:`ipplan.clock.judgement_day`) unless set by hand."""
    from ipplan.workplans.views import action_work

    state = plan.state(action, as_of)
    if not plan.work.plans:
        return {"status": state.status.value}
    work = action_work(plan, state, day, as_of)
    return {"status": work["status"], "status_source": work["status_source"]}


def action_view(state: ActionState, work: ActionWork | None = None) -> ActionView:
    """One action as it stands, with its measures and dated updates.

    ``work`` (from :func:`ipplan.workplans.views.action_work`) adds its work-plan items and
    progress, and the status that follows from them unless one was set by hand.
    """
    action = state.action
    view: ActionView = {
        "id": action.id,
        "area": action.area,
        "title": action.title,
        "title_en": action.title_en,
        "measures": list(action.measures),
        "indicators": list(action.indicators),
        "lead": state.lead,
        "due": state.due.isoformat() if state.due else None,
        "status": state.status.value,
        "updates": [{"recorded": timestamp(u.recorded), **update_view(u)} for u in state.updates],
    }
    if work is not None:
        view["status"] = work["status"]
        view["status_source"] = work["status_source"]
        view["work_plan"] = work["work_plan"]
    return view


def update_view(update: ActionUpdate) -> UpdateView:
    """The fields an action update set, as text (None for those it left alone), and those it
    cleared."""
    return {
        "status": update.status.value if update.status else None,
        "lead": update.lead,
        "due": update.due.isoformat() if update.due else None,
        "note": update.note,
        "cleared": list(update.cleared),
    }


def tasks_view(
    plan: Plan,
    area: str | None = None,
    status: Status | None = None,
    indicator: str | None = None,
    as_of: int | None = None,
    day: dt.date | None = None,
) -> TasksView:
    """The actions grouped by area, filtered by area, status and indicator served; as they
    stood at the end of the year ``as_of``, when given.

    With ``day``, each action also shows its work-plan items and progress on that day, and the
    status that follows from them (see :func:`ipplan.workplans.views.action_work`).
    """
    from ipplan.workplans.views import action_work

    area_id = plan.area(area).id if area is not None else None
    key = plan.indicator(indicator).key if indicator is not None else None
    groups: list[AreaView] = []
    for a in plan.areas:
        if area_id is not None and a.id != area_id:
            continue
        actions = []
        for action in plan.actions:
            if action.area != a.id or (key is not None and key not in action.indicators):
                continue
            state = plan.state(action, as_of)
            work = action_work(plan, state, day, as_of) if day is not None else None
            view = action_view(state, work)
            if status is not None and view["status"] != status.value:
                continue
            actions.append(view)
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
    return {"as_of": as_of, "areas": groups}
