"""The views of recording: what ``record`` saved and what ``import`` did, value by value."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ipplan.data import Number
from ipplan.plan import Plan
from ipplan.views.indicators import IndicatorView, indicator_view

if TYPE_CHECKING:
    from ipplan.actuals import Recorded
    from ipplan.import_figures import Imported


class RecordedValue(TypedDict):
    """The actual ``record --json`` saved (``value`` None: recorded as not published)."""

    key: str
    year: int
    value: Number | None
    source: str | None
    note: str | None
    not_published: bool
    basis_change: str | None


class RecordView(TypedDict):
    """``record --json``: the value saved, the one it replaced, and the indicator's new row."""

    unchanged: bool
    recorded: RecordedValue
    replaced: Number | None
    indicator: IndicatorView


def record_view(plan: Plan, done: Recorded) -> RecordView:
    """What ``ipplan record`` did, for ``--json`` (and the row its screen shows)."""
    return {
        "unchanged": done.unchanged,
        "recorded": {
            "key": done.indicator.key,
            "year": done.actual.year,
            "value": done.actual.value,
            "source": done.actual.source,
            "note": done.actual.note,
            "not_published": done.actual.not_published,
            "basis_change": done.actual.basis_change,
        },
        "replaced": None if done.replaced is None else done.replaced.value,
        "indicator": indicator_view(plan, done.indicator, done.assessment),
    }


class ImportedValue(TypedDict):
    """One value of ``import --json``."""

    key: str
    year: int
    value: Number | None
    unchanged: bool
    replaced: Number | None


class ImportView(TypedDict):
    """``import --json``: how many values each outcome had, and every value with its own."""

    recorded: int
    replaced: int
    unchanged: int
    skipped: int
    values: list[ImportedValue]


def import_view(done: Imported) -> ImportView:
    """What ``ipplan import`` did, for ``--json`` (and the counts its summary gives)."""
    return {
        "recorded": done.recorded,
        "replaced": done.replaced,
        "unchanged": done.unchanged,
        "skipped": done.skipped,
        "values": [
            {
                "key": c.indicator.key,
                "year": c.actual.year,
                "value": c.actual.value,
                "unchanged": c.unchanged,
                "replaced": None if c.replaced is None else c.replaced.value,
            }
            for c in done.changes
        ],
    }
