"""What the work-plan commands report, as plain data: their ``--json`` and what tables show.

Every view is computed for one day ``D``, the judgement day (:func:`ipplan.clock.judgement_day`):
today (``IPPLAN_TODAY=YYYY-MM-DD`` pins it), or as of a year the earlier of today and its
31 December.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from ipplan.action_status import Status
from ipplan.errors import (
    NoWorkPlans,
    UnknownUnit,
    WorkPlanAfterAsOf,
)
from ipplan.files.record_text import timestamp
from ipplan.problems import suggest
from ipplan.workplans.book import WorkPlan
from ipplan.workplans.entities import Item, ProgressEvent
from ipplan.workplans.states import (
    ActionProgress,
    ItemStanding,
    ItemState,
    MilestoneState,
    action_progress,
    assess_item,
    due_within,
)

if TYPE_CHECKING:
    from ipplan.data import Action, Number
    from ipplan.plan import ActionState, Plan


class ProgressEventView(TypedDict):
    """One progress event, with the unit its amount counts in (None when not known)."""

    recorded: str
    item: str
    date: str
    done: bool
    milestone: int | None
    amount: Number | None
    content: int | None
    cancelled: str | None
    note: str | None
    evidence: str | None
    unit: str | None


class WorkPlanOfAction(TypedDict):
    """An action's work-plan progress and its items (year, id, measure, state)."""

    progress: dict[str, Any]
    items: list[dict[str, Any]]


class ActionWork(TypedDict):
    """An action's work on a day: the status that follows, where it comes from, and the work."""

    status: str
    status_source: str
    work_plan: WorkPlanOfAction


def standing(
    wp: WorkPlan, item: Item, events: tuple[ProgressEvent, ...], day: dt.date
) -> ItemStanding:
    """``item`` of ``wp`` as it stands on ``day``: not tracked when ``wp`` declares so."""
    return assess_item(item, wp.year, wp.periods(item), events, day, tracked=wp.info.tracked)


def standings(plan: Plan, day: dt.date) -> list[tuple[WorkPlan, ItemStanding]]:
    """Every item of every work plan as it stands on ``day``."""
    return [
        (wp, standing(wp, item, plan.work.events_of(item.id), day))
        for wp, item in plan.work.items()
    ]


def _action_ref(plan: Plan, action_id: str) -> dict[str, Any]:
    action = next(a for a in plan.actions if a.id == action_id)
    return {"id": action.id, "title": action.title, "title_en": action.title_en}


def event_view(event: ProgressEvent, item: Item | None = None) -> ProgressEventView:
    """One progress event; with its item, the unit its amount counts in."""
    unit = None
    if item is not None and event.amount is not None:
        numbers = [n for n, c in enumerate(item.content, 1) if c.quantity is not None]
        index = event.content or (numbers[0] if len(numbers) == 1 else None)
        found = item.content[index - 1].quantity if index else None
        unit = found.unit if found is not None else None
    return {
        "recorded": timestamp(event.recorded),
        "item": event.item,
        "date": event.date.isoformat(),
        "done": event.done,
        "milestone": event.milestone,
        "amount": event.amount,
        "content": event.content,
        "cancelled": event.cancelled,
        "note": event.note,
        "evidence": event.evidence,
        "unit": unit,
    }


def item_view(plan: Plan, wp: WorkPlan, s: ItemStanding) -> dict[str, Any]:
    """One item in full: the seed 004 columns, each milestone's state, amounts and events."""
    item = s.item
    quantities = {q.content: q for q in s.quantities}
    nxt = s.next_due
    return {
        "id": item.id,
        "year": wp.year,
        "section": item.section,
        "actions": [_action_ref(plan, a) for a in item.actions],
        "measure": item.measure,
        "goal": item.goal,
        "content": [
            {
                "number": n,
                "text": c.text,
                "quantity": None
                if c.quantity is None
                else {
                    "target": c.quantity.target,
                    "unit": c.quantity.unit,
                    "achieved": quantities[n].achieved,
                    "reached": quantities[n].reached,
                },
            }
            for n, c in enumerate(item.content, 1)
        ],
        "schedule": [
            {
                "number": m.number,
                "period": m.written,
                "canonical": m.period.canonical,
                "end": m.period.end.isoformat(),
                "task": m.task,
                "state": m.state.value,
                "done_on": None if m.done_on is None else m.done_on.isoformat(),
            }
            for m in s.milestones
        ],
        "lead": item.lead,
        "support": list(item.support),
        "indicators": list(item.indicators),
        "state": s.state.value,
        "cancelled": s.cancelled,
        "done_on": None if s.marked_done is None else s.marked_done.isoformat(),
        "next_due": None
        if nxt is None
        else {"number": nxt.number, "period": nxt.written, "end": nxt.period.end.isoformat()},
        "progress": [event_view(e, item) for e in s.events],
    }


def _workplan_info(wp: WorkPlan) -> dict[str, Any]:
    info = wp.info
    return {
        "year": info.year,
        "title": info.title,
        "title_en": info.title_en,
        "issuer": info.issuer,
        "issued": None if info.issued is None else info.issued.isoformat(),
        "tracked": info.tracked,
    }


def matches_unit(item: Item, unit: str | None) -> bool:
    """Whether ``unit`` (part of a name is enough) is the item's lead or a supporting unit."""
    if unit is None:
        return True
    wanted = unit.strip()
    return any(wanted in name for name in (item.lead or "", *item.support))


def check_unit(plan: Plan, unit: str | None) -> None:
    """Refuse a unit that no item of any work plan names, so that a typing slip is never
    answered with "nothing is due"."""
    if unit is None:
        return
    names = sorted({n for _, item in plan.work.items() for n in (item.lead, *item.support) if n})
    if not any(unit.strip() in name for name in names):
        raise UnknownUnit(ref=unit, suggest=suggest(unit.strip(), names), known=names)


def summary(states: list[str]) -> dict[str, int]:
    return {s.value: states.count(s.value) for s in ItemState}


def default_year(plan: Plan, day: dt.date, as_of: int | None = None) -> int:
    """The current year's work plan, else the latest one before it; as of a year, never one
    after it."""
    years = [y for y in plan.work.years if as_of is None or y <= as_of]
    if not years:
        raise NoWorkPlans()
    earlier = [y for y in years if y <= day.year]
    return max(earlier) if earlier else min(years)


def workplan_view(
    plan: Plan,
    day: dt.date,
    year: int | None = None,
    unit: str | None = None,
    state: ItemState | None = None,
    as_of: int | None = None,
) -> dict[str, Any]:
    """A year's work plan in the seed 004 shape, each item's and milestone's state on ``day``."""
    if year is not None and as_of is not None and year > as_of:
        raise WorkPlanAfterAsOf(year=year, as_of=as_of)
    wp = plan.work.plan(year if year is not None else default_year(plan, day, as_of))
    check_unit(plan, unit)
    items = []
    for item in wp.items:
        if not matches_unit(item, unit):
            continue
        s = standing(wp, item, plan.work.events_of(item.id), day)
        if state is not None and s.state is not state:
            continue
        items.append(item_view(plan, wp, s))
    return {
        "workplan": _workplan_info(wp),
        "as_of": as_of,
        "day": day.isoformat(),
        "filters": {"unit": unit, "state": None if state is None else state.value},
        "summary": summary([i["state"] for i in items]),
        "items": items,
    }


def one_item_view(plan: Plan, ref: str, day: dt.date) -> dict[str, Any]:
    wp, item = plan.work.item(ref)
    s = standing(wp, item, plan.work.events_of(item.id), day)
    return {"day": day.isoformat(), **item_view(plan, wp, s)}


def progress_of(
    plan: Plan, action: Action, day: dt.date, as_of: int | None = None
) -> tuple[ActionProgress, list[dict[str, Any]]]:
    """An action's work-plan progress and its items (year, id, measure, state), on ``day``;
    as of a year, the work plans of later years are left out."""
    found = []
    rows = []
    for wp, item in plan.work.for_action(action.id):
        if as_of is not None and wp.year > as_of:
            continue
        s = standing(wp, item, plan.work.events_of(item.id), day)
        found.append(s)
        rows.append(
            {"year": wp.year, "id": item.id, "measure": item.measure, "state": s.state.value}
        )
    return action_progress(found), rows


def progress_dict(p: ActionProgress) -> dict[str, Any]:
    return {"done": p.done, "counted": p.counted, "cancelled": p.cancelled, "share": p.share}


def roadmap_view(plan: Plan, day: dt.date, as_of: int | None = None) -> dict[str, Any]:
    """The 路线图: actions (by area) against the plan's years, each cell that year's items."""
    years = list(plan.years)
    areas = []
    for area in plan.areas:
        actions = []
        for action in plan.actions:
            if action.area != area.id:
                continue
            progress, rows = progress_of(plan, action, day, as_of)
            cells = {str(y): [r for r in rows if r["year"] == y] for y in years}
            actions.append(
                {
                    "id": action.id,
                    "title": action.title,
                    "title_en": action.title_en,
                    "years": cells,
                    "progress": progress_dict(progress),
                }
            )
        areas.append(
            {
                "id": area.id,
                "number": area.number,
                "title": area.title,
                "title_en": area.title_en,
                "actions": actions,
            }
        )
    return {
        "as_of": as_of,
        "day": day.isoformat(),
        "years": years,
        "workplans": [
            _workplan_info(wp) for wp in plan.work.plans if as_of is None or wp.year <= as_of
        ],
        "areas": areas,
    }


def due_view(
    plan: Plan, day: dt.date, within: int = 30, unit: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """What is overdue and what falls due within ``within`` days, grouped by responsible unit.

    An item stands under its lead unit (or "no unit named"); its supporting units are listed
    with it, and ``--unit`` finds an item by either. ``year`` keeps the items of that year's
    work plan only (a year with none is refused, as ``workplan`` refuses it).
    """
    check_unit(plan, unit)
    if year is not None:
        plan.work.plan(year)
    groups: dict[str, list[dict[str, Any]]] = {}
    overdue = soon = 0
    for wp, s in standings(plan, day):
        if not matches_unit(s.item, unit) or (year is not None and wp.year != year):
            continue
        milestones = due_within(s, within)
        if not milestones:
            continue
        entries = [
            {
                "number": m.number,
                "period": m.written,
                "end": m.period.end.isoformat(),
                "task": m.task,
                "state": m.state.value,
                "days": (m.period.end - day).days,
            }
            for m in sorted(milestones, key=lambda m: m.period.end)
        ]
        overdue += sum(1 for m in milestones if m.state is MilestoneState.overdue)
        soon += sum(1 for m in milestones if m.state is MilestoneState.pending)
        groups.setdefault(s.item.lead or "", []).append(
            {
                "id": s.item.id,
                "year": wp.year,
                "measure": s.item.measure,
                "state": s.state.value,
                "lead": s.item.lead,
                "support": list(s.item.support),
                "milestones": entries,
            }
        )
    units = [
        {"unit": name or None, "items": sorted(items, key=lambda i: i["milestones"][0]["end"])}
        for name, items in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]
    return {
        "day": day.isoformat(),
        "within": within,
        "unit": unit,
        "overdue": overdue,
        "due_soon": soon,
        "units": units,
    }


def overdue_milestones(plan: Plan, day: dt.date) -> list[tuple[WorkPlan, ItemStanding, int]]:
    """Every overdue milestone on ``day``: its work plan, item standing and number."""
    return [
        (wp, s, m.number)
        for wp, s in standings(plan, day)
        for m in s.milestones
        if m.state is MilestoneState.overdue
    ]


def action_work(
    plan: Plan, state: ActionState, day: dt.date, as_of: int | None = None
) -> ActionWork:
    """An action's work-plan items and progress on ``day``, and the status that follows.

    A status set by hand (an update with --status, or tasks.yaml saying other than not_started)
    stands, and says so. Otherwise an action with work items takes its status from them: delayed
    when any is overdue; completed when all are done (cancelled ones left out) and the plan's
    target year has ended; in progress when any is done or under way; else not started.
    """
    progress, rows = progress_of(plan, state.action, day, as_of)
    manual = state.action.status is not Status.not_started or any(
        u.status is not None for u in state.updates
    )
    status, source = state.status, "plan"
    if manual:
        source = "manual"
    elif progress.counted:
        source = "work_plan"
        states = {r["state"] for r in rows}
        if ItemState.overdue.value in states:
            status = Status.delayed
        elif progress.done == progress.counted and day.year > plan.info.target_year:
            status = Status.completed
        elif states & {ItemState.done.value, ItemState.in_progress.value}:
            status = Status.in_progress
        else:
            status = Status.not_started
    return {
        "status": status.value,
        "status_source": source,
        "work_plan": {"progress": progress_dict(progress), "items": rows},
    }


def report_view(plan: Plan, day: dt.date, as_of: int | None = None) -> dict[str, Any]:
    """What a report shows of the work plans: the roadmap and each year's table, on ``day``."""
    years = [y for y in plan.work.years if as_of is None or y <= as_of]
    return {
        "day": day.isoformat(),
        "roadmap": roadmap_view(plan, day, as_of),
        "workplans": [workplan_view(plan, day, year, as_of=as_of) for year in years],
    }
