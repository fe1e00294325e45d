"""A work plan's values as commands use them: plain immutable records, without pydantic.

:mod:`ipplan.file_models` checks what a file may hold; what passed becomes these records field
for field (:func:`ipplan.data.from_model`), as the plan's own files do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from ipplan.data import Moments, day_from_text

Number = int | float


class WorkPlanInfo(NamedTuple):
    """The work plan as issued: its year, title, issuer and date, and whether its progress was
    tracked (false: transcribed afterwards, its items never overdue)."""

    year: int
    title: str
    title_en: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    imported: dt.datetime | None = None  # when `ipplan workplan-import` wrote the file
    tracked: bool = True


class Quantity(NamedTuple):
    """A countable target of a content item, such as 6 trainings (6 次)."""

    target: Number
    unit: str


class Content(NamedTuple):
    """One numbered content item (具体内容)."""

    text: str
    quantity: Quantity | None = None


class Milestone(NamedTuple):
    """A schedule entry (进度安排): by the end of ``period``, ``task`` is to be done."""

    period: str | int
    task: str | None = None


class Item(NamedTuple):
    """One work item: a measure carried forward for one or more of the plan's actions."""

    id: str
    actions: list[str]
    measure: str
    schedule: list[Milestone]
    section: str | None = None
    goal: str | None = None
    content: list[Content] = []  # noqa: RUF012 - never changed: the record is read-only
    lead: str | None = None
    support: list[str] = []  # noqa: RUF012
    indicators: list[str] = []  # noqa: RUF012


class ProgressEvent(NamedTuple):
    """One progress event on a work item, recorded by ``ipplan item``."""

    recorded: dt.datetime
    item: str
    date: dt.date
    done: bool = False
    milestone: int | None = None
    amount: Number | None = None
    content: int | None = None
    cancelled: str | None = None
    note: str | None = None
    evidence: str | None = None


# --- from the cache's plain data (see ipplan.data) --------------------------------------------

_made: Callable[..., Any] = tuple.__new__


def info_from_row(row: Any, moments: Moments) -> WorkPlanInfo:
    year, title, title_en, issuer, issued, imported, tracked = row
    issued_day = day_from_text(issued)
    return WorkPlanInfo(year, title, title_en, issuer, issued_day, moments[imported], tracked)


def items_from_rows(rows: Any) -> tuple[Item, ...]:
    return tuple(
        [
            _made(
                Item,
                (
                    key,
                    actions,
                    measure,
                    [_made(Milestone, m) for m in steps],
                    section,
                    goal,
                    [
                        _made(Content, (text, None if q is None else _made(Quantity, q)))
                        for text, q in content
                    ],
                    lead,
                    support,
                    links,
                ),
            )
            for key, actions, measure, steps, section, goal, content, lead, support, links in rows
        ]
    )


def events_from_rows(rows: Any, moments: Moments) -> tuple[ProgressEvent, ...]:
    return tuple(
        [
            _made(
                ProgressEvent,
                (
                    moments[recorded],
                    item,
                    dt.date.fromisoformat(date),
                    done,
                    step,
                    amount,
                    content,
                    cancelled,
                    note,
                    proof,
                ),
            )
            for recorded, item, date, done, step, amount, content, cancelled, note, proof in rows
        ]
    )
