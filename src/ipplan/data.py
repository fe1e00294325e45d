"""The plan's values as commands use them: plain immutable records, without pydantic.

:mod:`ipplan.file_models` checks what a file may hold; once a plan has passed that check, its values
become these records, field by field (:func:`from_model`), and every command works on them.
They carry the same fields under the same names and types, with the same defaults
(tests/test_file_models.py holds each pair so), so a record reads like the model it came
from, but they cost nothing to import or build: a plan read from :mod:`ipplan.files.cache` is
built back from its plain data (:func:`indicator_from_row`, ...) and never loads pydantic.

Fields come in the model's order, except that those without a default come first, as a named
tuple requires.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeVar

from ipplan.action_status import Status

Number = int | float
# Years a plan may span: wide enough for any real plan, narrow enough to catch a typo (20255).
FIRST_YEAR = 1900
LAST_YEAR = 2200
# A workspace of the country's plans has about thirty; more than this is a broken file
# (ipplan.yaml, too-many-plans).
MAX_PLANS = 1000


class Point(NamedTuple):
    """A value at a year-end."""

    year: int
    value: Number


class Target(NamedTuple):
    """The plan's value for its target year; ``value`` None while the target is pending."""

    year: int
    value: Number | None


class Thresholds(NamedTuple):
    """Lower bounds of pace for the statuses on_track, needs_acceleration and lagging."""

    on_track: Number = 0.95
    needs_acceleration: Number = 0.60
    lagging: Number = 0.0


class PlanInfo(NamedTuple):
    title: str
    baseline_year: int
    target_year: int
    title_en: str | None = None
    issuer: str | None = None
    issuer_en: str | None = None
    thresholds: Thresholds = Thresholds()
    max_change: Number = 0.5
    rollup_tolerance: Number = 0
    predecessor: str | None = None  # the data directory of the plan carried on from, relative
    member_of: str | None = None  # the plan this one is a member of, by its workspace name


class RollUpTarget(NamedTuple):
    """The indicator of another plan in the workspace that this one adds up into."""

    plan: str
    indicator: str
    method: Literal["sum"] = "sum"


class OfficialFigure(NamedTuple):
    """An official figure for a year, where it differs from the value the plan printed."""

    year: int
    value: Number
    source: str


class Indicator(NamedTuple):
    """One of the plan's indicators: indicative (预期性) unless marked binding (约束性)."""

    key: str
    number: int
    name: str
    name_en: str
    unit: str
    direction: Literal["increase", "decrease"]
    baseline: Point | None
    target: Target
    binding: bool = False
    accumulate: Literal["sum"] | None = None
    milestones: list[Point] = []  # noqa: RUF012 - never changed: the record is read-only
    definition: str | None = None
    definition_en: str | None = None
    max_change: Number | None = None
    rolls_up_to: RollUpTarget | None = None
    official_baseline: OfficialFigure | None = None
    published_after_months: int | None = None
    baseline_pending: bool = False

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self.direction == "increase" else -1

    @property
    def target_pending(self) -> bool:
        """Whether the target's value is still to be set (目标待定)."""
        return self.target.value is None


class Area(NamedTuple):
    id: str
    number: int
    title: str
    title_en: str


class Action(NamedTuple):
    id: str
    area: str
    title: str
    title_en: str
    measures: list[str]
    indicators: list[str]
    lead: str | None
    due: dt.date | None
    status: Status


class Revision(NamedTuple):
    """An earlier value of an actual, kept when it was replaced with --force; its value is
    None where what was replaced said the figure was not published."""

    value: Number | None = None
    source: str | None = None
    note: str | None = None
    recorded: dt.datetime | None = None
    not_published: bool = False
    basis_change: str | None = None


class Actual(NamedTuple):
    """A recorded year-end value of one indicator, or that its figure was not published
    (``not_published``, ``value`` None: docs/methodology.md, "Not published")."""

    year: int
    value: Number | None = None
    source: str | None = None
    note: str | None = None
    recorded: dt.datetime | None = None
    history: list[Revision] = []  # noqa: RUF012 - never changed: the record is read-only
    not_published: bool = False
    # how this year's figure is counted differently from the year before's
    basis_change: str | None = None


class ActionUpdate(NamedTuple):
    """A dated change to an action's lead, due date or status, or a note on its progress."""

    recorded: dt.datetime
    status: Status | None = None
    lead: str | None = None
    due: dt.date | None = None
    note: str | None = None
    cleared: list[Literal["lead", "due"]] = []  # noqa: RUF012 - never changed


@dataclass(frozen=True)
class Undo:
    """An ``ipplan undo``, as its record file (``undone/<stamp>.yaml``) tells it: when it was
    made, the recorded time of the change it undid, and the files it removed or replaced (their
    text before it stays in that file, read only to put it back). Not a record of a model's
    fields: the file's texts are left out."""

    recorded: dt.datetime
    undid: dt.datetime
    files: tuple[str, ...]


@dataclass(frozen=True)
class Baseline:
    """A pending baseline written into indicators.yaml, as its record file
    (``baselines/<stamp>.yaml``) tells it; the file's text before stays in that file, read only
    by undo."""

    recorded: dt.datetime
    indicator: str
    year: int
    value: int | float
    source: str | None = None
    note: str | None = None


R = TypeVar("R", bound=tuple[Any, ...])
# A record made from its fields' values as they are (the named tuple's own checks skipped).
_made: Callable[..., Any] = tuple.__new__
_UNIONS = (typing.Union, types.UnionType)


# --- from validated models --------------------------------------------------------------------
# A record is its model's fields, taken by name (the models are typed Any here, so that this
# module needs no pydantic). tests/test_file_models.py holds each pair to the same fields.


def from_model(record: type[R], model: Any, **given: Any) -> R:
    """The ``record`` of a checked pydantic ``model``: each of the record's fields is the model's
    field of that name (or ``given``'s, for one the model lacks, such as a record file's year,
    which its path names); a model within is made the record its field's annotation names, a
    list copied, a time given the standard library's zone (:func:`plain_time`)."""
    names, read, changes = _fields(record)
    if given:
        values = [given[n] if n in given else getattr(model, n) for n in names]
    else:
        values = list(read(model))
    for i, change in changes:
        if names[i] not in given:
            values[i] = change(values[i])
    made: R = _made(record, values)
    return made


def _fields(
    record: type[tuple[Any, ...]],
) -> tuple[list[str], Callable[[Any], Any], list[tuple[int, Callable[[Any], Any]]]]:
    """The fields of ``record``, a reader of them all from a model, and how each value that is
    not taken as it is becomes the record's: read once from the record's annotations."""
    found = _CONVERTERS.get(record)
    if found is None:
        import operator

        hints = typing.get_type_hints(record)
        defaults: dict[str, Any] = getattr(record, "_field_defaults", {})
        names = list(hints)
        changes = [(i, _converter(hints[n], defaults.get(n))) for i, n in enumerate(names)]
        found = _CONVERTERS[record] = (
            names,
            operator.attrgetter(*names) if len(names) > 1 else lambda m: (getattr(m, names[0]),),
            [(i, change) for i, change in changes if change is not _same],
        )
    return found


_CONVERTERS: dict[
    type[Any], tuple[list[str], Callable[[Any], Any], list[tuple[int, Callable[[Any], Any]]]]
] = {}


def _converter(hint: Any, default: Any = None) -> Callable[[Any], Any]:
    """How a model's value becomes a record's of the annotation ``hint``; an empty list is the
    record's own default where that is one (one shared list rather than one for each of a large
    plan's 100,000 records: a record's lists are never changed)."""
    if typing.get_origin(hint) is list:
        (of,) = typing.get_args(hint)
        one = _converter(of)
        empty = default if default == [] else None
        if empty is not None:
            return lambda values: [one(v) for v in values] if values else empty
        return lambda values: [one(v) for v in values]
    kinds = typing.get_args(hint) if typing.get_origin(hint) in _UNIONS else (hint,)
    records = [k for k in kinds if isinstance(k, type) and issubclass(k, tuple)]
    if records:
        (kind,) = records  # a field holds one kind of record, or None
        return lambda value: None if value is None else from_model(kind, value)
    if dt.datetime in kinds:
        return plain_time
    return _same


def _same(value: Any) -> Any:
    return value


def plain_time(moment: Any) -> Any:
    """``moment`` with the standard library's fixed-offset zone rather than pydantic's own, so
    that a plan read back from the cache imports nothing of pydantic to rebuild its times."""
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None:
        offset = moment.utcoffset()
        if offset is not None and type(moment.tzinfo) is not dt.timezone:
            zone = _ZONES.get(offset)
            if zone is None:
                zone = _ZONES.setdefault(offset, dt.timezone(offset))
            return moment.replace(tzinfo=zone)
    return moment


# One zone object for each offset, shared by every time recorded in it (and stored once in the
# cache), rather than one for each of a large plan's 100,000 records.
_ZONES: dict[dt.timedelta, dt.timezone] = {}


# --- from plain data ---------------------------------------------------------------------------
# A record file as ipplan writes it is read without pydantic: when its data is certainly valid,
# the record is built here directly; anything else (None) goes through the model, which says
# what is wrong. tests/files/test_plain_records.py holds both to the same answers.

_ACTUAL_FIELDS = frozenset(("value", "source", "note", "recorded", "history", "basis_change"))
_REVISION_FIELDS = frozenset(("value", "source", "note", "recorded"))
# A recorded time as ipplan takes it, in a record file and in every model: ISO 8601, a date
# and a time to the second or finer, with its offset from UTC (a time without one is read as
# local time). The schema gives editors the same pattern.
# A day as YYYY-MM-DD, with a month and a day that can be (the calendar's own days, 30
# February, are for the reader to refuse).
DATE_PATTERN = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
TIME_PATTERN = (
    DATE_PATTERN + r"[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)


def digits_between(low: int, high: int) -> str:
    """A regular expression that matches the numbers from ``low`` to ``high``, both written with
    the same number of digits (1900 to 9998): for a JSON Schema, which compares no text as a
    number."""
    first, last = str(low), str(high)
    assert len(first) == len(last) and low <= high

    def digits(low: int, high: int, count: int) -> str:
        """Any ``count`` digits after a first digit from ``low`` to ``high``."""
        first = str(low) if low == high else f"[{low}-{high}]"
        return first + ("" if count == 0 else "[0-9]" if count == 1 else f"[0-9]{{{count}}}")

    def between(a: str, b: str) -> str:
        rest = len(a) - 1
        if a[1:] == "0" * rest and b[1:] == "9" * rest:
            return digits(int(a[0]), int(b[0]), rest)
        if a[0] == b[0]:
            return a[0] + between(a[1:], b[1:])
        parts, low, high, top = [], int(a[0]), int(b[0]), None
        if a[1:] != "0" * rest:
            parts.append(a[0] + between(a[1:], "9" * rest))
            low += 1
        if b[1:] != "9" * rest:
            top = b[0] + between("0" * rest, b[1:])
            high -= 1
        if low <= high:
            parts.append(digits(low, high, rest))
        if top is not None:
            parts.append(top)
        return parts[0] if len(parts) == 1 else "(" + "|".join(parts) + ")"

    return between(first, last)


_TIME = re.compile(TIME_PATTERN, re.ASCII)


# Characters drawn as nothing though Unicode counts them as letters or symbols: the Hangul
# fillers and the blank braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(value: str) -> bool:
    """Whether ``value`` shows anything: a character that is not a space, an invisible format
    character (a zero-width space, a word joiner, a byte-order mark, a soft hyphen), a mark
    with nothing to combine with (a variation selector, the combining grapheme joiner), nor a
    letter drawn as nothing (a Hangul filler, the blank braille pattern)."""
    if value.isascii():
        return not value.isspace() and value != ""
    import unicodedata

    return any(
        not c.isspace()
        and unicodedata.category(c) not in ("Cf", "Mn", "Me")
        and c not in _BLANK_LETTERS
        for c in value
    )


def plain_actual(data: Any, year: int) -> Actual | None:
    """The record of an actual record file's ``data`` when it is certainly valid; else None."""
    if type(data) is not dict or "value" not in data or not data.keys() <= _ACTUAL_FIELDS:
        return None
    found = _plain_revision(data)
    if found is None:
        return None
    value, source, note, recorded = found[:4]
    basis = data.get("basis_change")
    if basis is not None and (type(basis) is not str or not visible(basis)):
        return None
    history = data.get("history")
    if (history is None and "history" not in data) or history == []:
        return Actual(year, value, source, note, recorded, basis_change=basis)
    if type(history) is not list:
        return None
    revisions = []
    for item in history:
        if type(item) is not dict or "value" not in item or not item.keys() <= _REVISION_FIELDS:
            return None
        revision = _plain_revision(item)
        if revision is None:
            return None
        revisions.append(revision)
    return Actual(year, value, source, note, recorded, revisions, basis_change=basis)


def _plain_revision(data: dict[str, Any]) -> Revision | None:
    value = data["value"]
    if type(value) is not int and not (type(value) is float and value - value == 0):
        return None
    source, note = data.get("source"), data.get("note")
    for text in (source, note):
        if text is not None and (type(text) is not str or not visible(text)):
            return None
    recorded = data.get("recorded")
    if recorded is not None:
        recorded = _plain_moment(recorded)
        if recorded is None:
            return None
    return Revision(value, source, note, recorded)


def written_time(text: Any) -> bool:
    """Whether ``text`` is a recorded time in the form ipplan takes (:data:`TIME_PATTERN`)."""
    return type(text) is str and _TIME.fullmatch(text) is not None


# The years a recorded time may fall in: any of them, in any offset, is a moment in UTC too
# (a time at the calendar's very ends is not, and could not be named or ordered).
RECORDED_YEARS = range(1900, 9999)


def _plain_moment(text: Any) -> dt.datetime | None:
    """A time written as ISO 8601 to the second or finer, with or without its offset; else
    None (a date alone, a Unix time and the like are left to pydantic's reading)."""
    if type(text) is not str or not _TIME.fullmatch(text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.year not in RECORDED_YEARS:
        return None
    offset = moment.utcoffset()
    if offset is None:
        return moment
    zone = _ZONES.get(offset)
    if zone is None:
        zone = _ZONES.setdefault(offset, dt.timezone(offset))
    return moment.replace(tzinfo=zone)


# --- from the cache's plain data -----------------------------------------------------------------
# ipplan.files.cache keeps a plan as JSON: each record the list of its fields in order (as JSON
# writes
# a named tuple), a record within a record a list too, a date or time its ISO 8601 text. These
# build the records back, many at a time. An entry is read only when this very ipplan made it
# (ipplan.files.cache), so its rows have the shape these functions give them; a row of another shape
# still raises (TypeError, ValueError) where it is taken apart, and the entry is then a miss.
# A record whose fields need nothing done is made from its row as it is (tuple.__new__): a
# large plan has 100,000 of them.

_STATUSES = {status.value: status for status in Status}
_NO_HISTORY = Actual._field_defaults["history"]


class Moments(dict[str | None, "dt.datetime | None"]):
    """Times as the cache keeps them, ISO 8601 text, read as they are looked up: each text
    read once, each offset's zone one object, shared by every time recorded in it."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, text: str | None) -> dt.datetime | None:
        assert text is not None
        found = dt.datetime.fromisoformat(text)
        offset = found.utcoffset()
        if offset is not None:
            zone = _ZONES.get(offset)
            if zone is None:
                zone = _ZONES.setdefault(offset, dt.timezone(offset))
            found = found.replace(tzinfo=zone)
        self[text] = found
        return found


def day_from_text(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def plan_info_from_row(row: Any) -> PlanInfo:
    title, baseline, target, title_en, issuer, issuer_en, thresholds, *rest = row
    return PlanInfo(
        title, baseline, target, title_en, issuer, issuer_en, Thresholds(*thresholds), *rest
    )


def indicators_from_rows(rows: Any) -> tuple[Indicator, ...]:
    return tuple(
        [
            _made(
                Indicator,
                (
                    key,
                    number,
                    name,
                    name_en,
                    unit,
                    direction,
                    None if baseline is None else _made(Point, baseline),
                    _made(Target, target),
                    binding,
                    accumulate,
                    [_made(Point, m) for m in milestones],
                    definition,
                    definition_en,
                    max_change,
                    None if rolls is None else _made(RollUpTarget, rolls),
                    None if official is None else _made(OfficialFigure, official),
                    months,
                    pending,
                ),
            )
            for (
                key,
                number,
                name,
                name_en,
                unit,
                direction,
                baseline,
                target,
                binding,
                accumulate,
                milestones,
                definition,
                definition_en,
                max_change,
                rolls,
                official,
                months,
                pending,
            ) in rows
        ]
    )


def areas_from_rows(rows: Any) -> tuple[Area, ...]:
    return tuple(
        [_made(Area, (key, number, title, title_en)) for key, number, title, title_en in rows]
    )


def actions_from_rows(rows: Any) -> tuple[Action, ...]:
    return tuple(
        [
            _made(
                Action,
                (
                    key,
                    area,
                    title,
                    title_en,
                    measures,
                    indicators,
                    lead,
                    day_from_text(due),
                    _STATUSES[status],
                ),
            )
            for key, area, title, title_en, measures, indicators, lead, due, status in rows
        ]
    )


def actuals_from_rows(rows: Any, moments: Moments) -> tuple[Actual, ...]:
    return tuple(
        [
            _made(
                Actual,
                (
                    year,
                    value,
                    source,
                    note,
                    moments[recorded],
                    [
                        _made(Revision, (v, s, n, moments[r], unpublished, changed))
                        for v, s, n, r, unpublished, changed in history
                    ]
                    if history
                    else _NO_HISTORY,  # the record's own empty history, as from_model leaves it
                    not_published,
                    basis_change,
                ),
            )
            for year, value, source, note, recorded, history, not_published, basis_change in rows
        ]
    )


def action_updates_from_rows(rows: Any, moments: Moments) -> tuple[ActionUpdate, ...]:
    return tuple(
        [
            _made(
                ActionUpdate,
                (
                    moments[recorded],
                    None if status is None else _STATUSES[status],
                    lead,
                    day_from_text(due),
                    note,
                    cleared,
                ),
            )
            for recorded, status, lead, due, note, cleared in rows
        ]
    )
