"""The views of history: ``history`` (the recorded changes, newest first) and ``undo`` (what
it reverted, or would)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

from ipplan.errors import NothingToUndo
from ipplan.plan import Plan
from ipplan.views.actions import UpdateView, update_view
from ipplan.views.indicators import when
from ipplan.workplans.views import ProgressEventView

if TYPE_CHECKING:
    from ipplan.history import Event, Undone
    from ipplan.text.typed_input import Value


class ProgressChangeView(ProgressEventView):
    """Progress recorded on a work-plan item."""

    kind: Literal["progress"]
    year: int
    measure: str


class ActionChangeView(UpdateView):
    """An update to an action."""

    kind: Literal["action"]
    recorded: str | None
    id: str
    title: str
    title_en: str


class ActualChangeView(TypedDict):
    """An actual recorded, with the value it replaced and whether it is still in force."""

    kind: Literal["actual"]
    recorded: str | None
    key: str
    name: str
    name_en: str
    unit: str
    year: int
    value: Value | None
    previous: Value | None
    source: str | None
    note: str | None
    cleared: list[str]  # the fields this change cleared ("source", "note")
    current: bool
    not_published: bool
    previous_not_published: bool


class WorkPlanImportView(TypedDict):
    """A work plan written by ``ipplan workplan-import``."""

    kind: Literal["workplan"]
    recorded: str | None
    year: int
    title: str
    items: int
    progress: int  # the progress records its 状态 column wrote, undone with it


class UndoChangeView(TypedDict):
    """An ``ipplan undo``: the recorded time of the change it undid, and how many files it
    removed or replaced."""

    kind: Literal["undo"]
    recorded: str | None
    undid: str | None
    files: int


class BaselineChangeView(TypedDict):
    """A pending baseline written into indicators.yaml by ``ipplan record``; name and unit are
    the key and null when the plan no longer has the indicator."""

    kind: Literal["baseline"]
    recorded: str | None
    key: str
    name: str
    name_en: str
    unit: str | None
    year: int
    value: Value
    source: str | None
    note: str | None


EventView = (
    ProgressChangeView
    | ActionChangeView
    | ActualChangeView
    | WorkPlanImportView
    | UndoChangeView
    | BaselineChangeView
)


class NextUndoView(TypedDict):
    """The changes ``ipplan undo`` would revert, and their time."""

    recorded: str | None
    changes: list[EventView]


class HistoryView(TypedDict):
    """``history --json``: the changes shown, how many there are, and what undo would revert."""

    changes: list[EventView]
    total: int
    next_undo: NextUndoView | None


class UndoView(TypedDict):
    """``undo --json``: the changes reverted (with --dry-run, not written)."""

    written: bool
    recorded: str | None
    changes: list[EventView]


def event_view(event: Event) -> EventView:
    """One change in ``history --json``."""
    from ipplan.history import (
        ActionChange,
        BaselineChange,
        ProgressChange,
        UndoChange,
        WorkPlanImport,
    )

    if isinstance(event, BaselineChange):
        indicator = event.indicator
        return {
            "kind": "baseline",
            "recorded": when(event.recorded),
            "key": event.key,
            "name": event.key if indicator is None else indicator.name,
            "name_en": event.key if indicator is None else indicator.name_en,
            "unit": None if indicator is None else indicator.unit,
            "year": event.year,
            "value": event.value,
            "source": event.source,
            "note": event.note,
        }
    if isinstance(event, UndoChange):
        return {
            "kind": "undo",
            "recorded": when(event.recorded),
            "undid": when(event.undid),
            "files": event.files,
        }
    if isinstance(event, WorkPlanImport):
        return {
            "kind": "workplan",
            "recorded": when(event.recorded),
            "year": event.year,
            "title": event.title,
            "items": event.items,
            "progress": len(event.progress),
        }
    if isinstance(event, ProgressChange):
        from ipplan.workplans.views import event_view as progress_view

        return {
            "kind": "progress",
            "year": event.year,
            "measure": event.item.measure,
            **progress_view(event.event, event.item),
        }
    if isinstance(event, ActionChange):
        return {
            "kind": "action",
            "recorded": when(event.recorded),
            "id": event.action_id,
            "title": event.title,
            "title_en": event.title_en,
            **update_view(event.update),
        }
    return {
        "kind": "actual",
        "recorded": when(event.recorded),
        "key": event.indicator.key,
        "name": event.indicator.name,
        "name_en": event.indicator.name_en,
        "unit": event.indicator.unit,
        "year": event.year,
        "value": event.value,
        "previous": event.previous,
        "source": event.source,
        "note": event.note,
        "cleared": list(event.cleared),
        "current": event.current,
        "not_published": event.not_published,
        "previous_not_published": event.previous_not_published,
    }


def history_view(plan: Plan, ref: str | None = None, limit: int | None = None) -> HistoryView:
    """Recorded changes, newest first, and which of them ``ipplan undo`` would revert."""
    from ipplan.history import events, last_change

    found = events(plan, ref)
    next_undo: NextUndoView | None
    try:
        moment, values, updates = last_change(plan)
    except NothingToUndo:
        next_undo = None
    else:
        reverted: list[Event] = [*values, *updates]
        next_undo = {"recorded": when(moment), "changes": [event_view(e) for e in reverted]}
    return {
        "changes": [event_view(e) for e in found[:limit]],
        "total": len(found),
        "next_undo": next_undo,
    }


def undo_view(undone: Undone) -> UndoView:
    """What ``ipplan undo`` reverted (or, with --dry-run, would revert)."""
    reverted: list[Event] = [*undone.values, *undone.updates]
    return {
        "written": undone.written,
        "recorded": when(undone.recorded),
        "changes": [event_view(e) for e in reverted],
    }
