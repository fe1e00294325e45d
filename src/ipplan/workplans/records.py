"""A progress record's file, as ``ipplan item`` and ``workplan-import`` write it, and moving an
item's records to another id (an import that renumbers items, and its undo)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ipplan import write
from ipplan.files.layout import PROGRESS
from ipplan.files.record_text import scalar
from ipplan.workplans.entities import ProgressEvent

HEADER = PROGRESS.header() + (
    "# Progress on a work-plan item, written by `ipplan item`: one event per file.\n"
    "# `ipplan undo` removes the latest; check with `ipplan validate`.\n"
)
FIELDS = (
    "recorded",
    "item",
    "date",
    "done",
    "milestone",
    "amount",
    "content",
    "cancelled",
    "note",
    "evidence",
)


def dump_event(event: ProgressEvent) -> str:
    """A progress file: fixed field order, fields left out when unset, text double-quoted."""
    lines = []
    for name in FIELDS:
        value = getattr(event, name)
        if value is None or value is False:
            continue
        lines.append(f"{name}: {scalar(value)}")
    return HEADER + "\n".join(lines) + "\n"


def move_events(
    year: int,
    events: Mapping[str, Sequence[ProgressEvent]],
    moved: Mapping[str, str],
) -> dict[str, str | None]:
    """The files that move each event of ``events`` (by item id) on an item of ``moved``
    (new id -> old id) from the old id to the new, as one change's writes: each old file
    removed, each event written under its new id with its own recorded time, so that it stays
    the change it was. Undoing an import moves them back (``moved`` reversed)."""
    writes: dict[str, str | None] = {}
    events_moved: list[ProgressEvent] = []
    for new, old in moved.items():
        for event in events.get(old, ()):
            writes[write.progress_file(year, event)] = None
            events_moved.append(event._replace(item=new))
    for event in events_moved:  # after every removal: a file may be another's new place
        writes[write.progress_file(year, event)] = dump_event(event)
    return writes
