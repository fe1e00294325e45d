"""Where work items stand on a day: done, overdue, in progress or not started.

Pure functions of a work plan, its progress events and the day ``D`` asked about (today, or
31 December of the as-of year), exactly as methodology.md's "Work plans: schedules and what is
overdue" says:

- a milestone not marked done is ``overdue`` when D is after its period's end;
- an item is ``cancelled`` if marked so; else ``done`` when all its milestones are done or it
  is marked done; else ``overdue`` when any milestone is overdue; else ``in_progress`` when any
  milestone is done or any amount recorded; else ``not_started``. An amount is progress toward
  its content item's quantity, shown beside the milestones: reaching the quantity finishes no
  milestone, so it never hides one that is overdue;
- every item of a work plan whose progress was not tracked (``tracked: false``: transcribed
  afterwards) is ``not_tracked``, and so is each of its milestones: never overdue, never done;
- an action's work-plan progress is the share of its items, over all years, that are done,
  cancelled items and items not tracked left out.

Only events that happened on or before D count, so an as-of year replays the record up to its
last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from ipplan.workplans.periods import Period

if TYPE_CHECKING:  # annotations only: the command line imports this module for its enums
    from ipplan.workplans.entities import Item, ProgressEvent


class ItemState(str, Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    overdue = "overdue"
    done = "done"
    cancelled = "cancelled"
    not_tracked = "not_tracked"


class MilestoneState(str, Enum):
    pending = "pending"
    overdue = "overdue"
    done = "done"
    not_tracked = "not_tracked"


class MilestoneStanding(NamedTuple):
    number: int  # 1 for the first milestone
    period: Period
    written: str  # the period as the work plan writes it
    task: str | None
    state: MilestoneState
    done_on: dt.date | None


class QuantityStanding(NamedTuple):
    content: int  # 1 for the first content item
    text: str
    target: float
    unit: str
    achieved: float

    @property
    def reached(self) -> bool:
        return self.achieved >= self.target


class ItemStanding(NamedTuple):
    """An item's state on a day, with each milestone's and each quantity's."""

    item: Item
    year: int
    day: dt.date
    state: ItemState
    milestones: tuple[MilestoneStanding, ...]
    quantities: tuple[QuantityStanding, ...]
    marked_done: dt.date | None
    cancelled: str | None
    events: tuple[ProgressEvent, ...]

    @property
    def next_due(self) -> MilestoneStanding | None:
        """The earliest milestone not yet done, if the item is still open."""
        if self.state in (ItemState.done, ItemState.cancelled, ItemState.not_tracked):
            return None
        open_ = [m for m in self.milestones if m.state is not MilestoneState.done]
        return min(open_, key=lambda m: m.period.end, default=None)


def counted(events: Iterable[ProgressEvent], day: dt.date) -> list[ProgressEvent]:
    """The events that had happened by ``day``, in the order they were recorded."""
    return sorted((e for e in events if e.date <= day), key=lambda e: e.recorded)


def assess_item(
    item: Item,
    year: int,
    periods: Sequence[Period],
    events: Iterable[ProgressEvent],
    day: dt.date,
    *,
    tracked: bool = True,
) -> ItemStanding:
    """``item`` of the work plan of ``year`` as it stands on ``day``; of a work plan whose
    progress was not tracked (``tracked`` false), not tracked, whatever was recorded."""
    seen = counted(events, day) if tracked else []
    done_on: dict[int, dt.date] = {}
    marked_done: dt.date | None = None
    cancelled: str | None = None
    achieved: dict[int, float] = {}
    for event in seen:
        if event.milestone is not None:
            done_on.setdefault(event.milestone, event.date)
        if event.done and marked_done is None:
            marked_done = event.date
        if event.cancelled is not None:
            cancelled = event.cancelled
        if event.amount is not None:
            index = event.content or _only_quantity(item)
            achieved[index] = achieved.get(index, 0) + event.amount

    milestones = []
    for number, (milestone, period) in enumerate(zip(item.schedule, periods, strict=True), 1):
        finished = done_on.get(number) or marked_done
        if not tracked:
            mark = MilestoneState.not_tracked
        elif finished is not None:
            mark = MilestoneState.done
        elif day > period.end:
            mark = MilestoneState.overdue
        else:
            mark = MilestoneState.pending
        milestones.append(
            MilestoneStanding(number, period, str(milestone.period), milestone.task, mark, finished)
        )
    quantities = tuple(
        QuantityStanding(
            number,
            content.text,
            content.quantity.target,
            content.quantity.unit,
            achieved.get(number, 0),
        )
        for number, content in enumerate(item.content, 1)
        if content.quantity is not None
    )
    if tracked:
        state = _item_state(milestones, marked_done, cancelled, achieved)
    else:
        state = ItemState.not_tracked
    if state is ItemState.cancelled:
        # a milestone of a cancelled item is no longer owed, so never overdue
        milestones = [
            m if m.state is not MilestoneState.overdue else m._replace(state=MilestoneState.pending)
            for m in milestones
        ]
    return ItemStanding(
        item=item,
        year=year,
        day=day,
        state=state,
        milestones=tuple(milestones),
        quantities=quantities,
        marked_done=marked_done,
        cancelled=cancelled,
        events=tuple(seen),
    )


def _only_quantity(item: Item) -> int:
    """The content item an amount counts for when the event names none: the only one."""
    numbers = [n for n, c in enumerate(item.content, 1) if c.quantity is not None]
    return numbers[0] if len(numbers) == 1 else 0


def _item_state(
    milestones: Sequence[MilestoneStanding],
    marked_done: dt.date | None,
    cancelled: str | None,
    achieved: dict[int, float],
) -> ItemState:
    if cancelled is not None:
        return ItemState.cancelled
    if marked_done is not None or all(m.state is MilestoneState.done for m in milestones):
        return ItemState.done
    if any(m.state is MilestoneState.overdue for m in milestones):
        return ItemState.overdue
    if any(m.state is MilestoneState.done for m in milestones) or any(
        v > 0 for v in achieved.values()
    ):
        return ItemState.in_progress
    return ItemState.not_started


class ActionProgress(NamedTuple):
    """An action's work-plan progress: the share of its items done, cancelled ones and those
    of work plans not tracked left out."""

    done: int
    counted: int  # items not cancelled, of work plans tracked
    cancelled: int

    @property
    def share(self) -> float | None:
        return self.done / self.counted if self.counted else None


def action_progress(standings: Iterable[ItemStanding]) -> ActionProgress:
    items = list(standings)
    cancelled = sum(1 for s in items if s.state is ItemState.cancelled)
    untracked = sum(1 for s in items if s.state is ItemState.not_tracked)
    done = sum(1 for s in items if s.state is ItemState.done)
    return ActionProgress(
        done=done, counted=len(items) - cancelled - untracked, cancelled=cancelled
    )


def due_within(standing: ItemStanding, days: int) -> list[MilestoneStanding]:
    """The open milestones that are overdue or end within ``days`` days of the standing's day."""
    if standing.state in (ItemState.done, ItemState.cancelled):
        return []
    # the last day a date holds, for a standing's day near it (IPPLAN_TODAY=9999-12-31)
    horizon = standing.day + min(dt.timedelta(days=days), dt.date.max - standing.day)
    return [
        m
        for m in standing.milestones
        if m.state is MilestoneState.overdue
        or (m.state is MilestoneState.pending and m.period.end <= horizon)
    ]
