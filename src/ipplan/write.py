"""Changes to the plan's own files: recording an actual, updating an action, undoing either.

Every change follows one path (:func:`commit`):

1. check the input against the plan as the command loaded it, so that a refused change takes
   no lock and touches no file;
2. take the data directory's write lock, and reload the plan if another writer changed a file
   in the meantime, then check again against what is now on disk;
3. build the new record files, validate the whole data directory as it will be read back, and
   only then write each file atomically.

Each record is its own small file (:mod:`ipplan.files.layout`). A plan still holding the single
files
of earlier versions has their records moved into record files by the first write, under the
same lock, before its own change.

Each change is stamped with the time it was recorded, strictly later than every change already
in the plan, so that the most recent change is always one well-defined thing to undo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from ipplan import clock
from ipplan.action_status import Status
from ipplan.assess import Assessment, assess
from ipplan.check.read import Checked
from ipplan.check.run import check, check_records
from ipplan.data import ActionUpdate, Actual, Indicator, Revision
from ipplan.errors import (
    BaselineYear,
    DataInvalid,
    DataNotWritable,
    DiskFull,
    ImplausibleChange,
    InvalidDate,
    LockLost,
    LockLostMidway,
    NotPublishedAlreadyRecorded,
    NotPublishedNeedsSource,
    NotPublishedWithValue,
    NotWholeNumber,
    RecordValueMissing,
    ValueAlreadyRecorded,
    ValueOutOfRange,
    ValueRecordedNotPublished,
    WriteStoppedMidway,
    YearOutsidePlan,
    write_error,
)
from ipplan.files import atomic, layout, lock
from ipplan.files.atomic import remove
from ipplan.files.layout import (
    ACTUALS,
    FILES,
    LEGACY,
    PROGRESS,
    UPDATES,
    DataDir,
    split,
    stamp_name,
)
from ipplan.files.lock import Waiting, confirm_lock, ensure_writable, writing
from ipplan.files.record_text import dump_actual, dump_update
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_read import parse
from ipplan.load import current, keep_current, load, read_documents
from ipplan.plan import ActionState, Plan
from ipplan.problems import Problem
from ipplan.text.typed_input import Value, clean_text, parse_value
from ipplan.workplans.entities import ProgressEvent

now = clock.now  # the clock changes are stamped by; a test may set its own

T = TypeVar("T")
TICK = dt.timedelta(milliseconds=1)  # the resolution of recorded times


@dataclass(frozen=True)
class Recorded:
    """The outcome of ``ipplan record``."""

    indicator: Indicator
    actual: Actual
    replaced: Actual | None
    assessment: Assessment
    unchanged: bool = False  # the same value was already recorded; nothing was written


def check_value(plan: Plan, indicator: Indicator, value: Value) -> Value:
    """``value`` if the indicator's unit admits it; counts come back as integers."""
    rule = plan.unit(indicator)
    if not rule.in_range(value):
        raise ValueOutOfRange(
            value=value,
            unit=indicator.unit,
            low=rule.low,
            high=rule.high,
            key=indicator.key,
            name=indicator.name,
            name_en=indicator.name_en,
        )
    if rule.whole:
        if value != int(value):
            raise NotWholeNumber(
                value=value,
                unit=indicator.unit,
                key=indicator.key,
                name=indicator.name,
                name_en=indicator.name_en,
            )
        return int(value)
    return value


def check_year(plan: Plan, year: int) -> None:
    if year == plan.info.baseline_year:
        raise BaselineYear(year=year)
    if year not in plan.years:
        raise YearOutsidePlan(year=year, first=plan.years[0], last=plan.years[-1])


def latest_recorded(
    plan: Plan, *, future: bool = True, reference: dt.datetime | None = None
) -> dt.datetime | None:
    """When the most recent change in the plan was recorded, if any change carries a time;
    without ``future``, of the changes not recorded in the future (:func:`clock.in_future`
    of ``reference``, the time now unless given)."""
    times = [a.recorded for series in plan.actuals.values() for a in series if a.recorded]
    times += [u.recorded for log in plan.updates.values() for u in log]
    times += [e.recorded for log in plan.work.events.values() for e in log]
    if not future:
        reference = clock.now() if reference is None else reference
        times = [t for t in times if not clock.in_future(t, reference)]
    return max((clock.aware(t) for t in times), default=None)


def stamp(plan: Plan, when: dt.datetime | None = None) -> dt.datetime:
    """The time to record a change with: now, or just after the latest change if that is later.

    A clock set back, or two changes within a millisecond, still gives each change its own,
    later time; ``when`` (for tests and imports of old data) is taken as given. A time further
    ahead than the clock allows (2099, say) is no change's: a plan holding one is refused
    (validate's ``time-in-future``), and were one read, the change would still be stamped now,
    never after it, so that one wrong time is not handed on to every change after it. Nor is a
    change ever stamped later than now plus :data:`clock.SKEW`: a time kept is less than that
    ahead, so the change still comes after it, and undo still takes it first.
    """
    if when is not None:
        return when
    moment = now()
    latest = latest_recorded(plan, future=False, reference=moment)
    if latest is not None and moment <= latest:
        moment = min(latest + TICK, moment + clock.SKEW).astimezone(moment.tzinfo)
    return moment


@dataclass(frozen=True)
class Edit(Generic[T]):
    """What a change would do, and its outcome.

    ``writes`` maps each file to change (a record's path relative to the data directory, such as
    ``actuals/practitioners/2023.yaml``) to its new text, or to None to remove it. No writes:
    nothing to change.
    """

    outcome: T
    writes: Mapping[str, str | None] = dataclasses.field(default_factory=dict)


def commit(
    data_dir: DataDir,
    plan: Plan,
    edit: Callable[[Plan], Edit[T]],
    *,
    undoing: bool = False,
    waiting: Waiting | None = None,
) -> T:
    """Make the change ``edit`` describes, safely against crashes and other writers.

    ``edit`` builds the change from a plan and raises the domain error that refuses it. It runs
    once on ``plan`` without the lock, so that a refusal costs nothing, and again under the lock
    if the files changed since ``plan`` was loaded (by another writer, or by moving the records
    of earlier versions' single files into record files).

    Every file of one change carries the same recorded time, so a change stopped midway
    (:class:`LockLostMidway`, :class:`WriteStoppedMidway`) is, for ``ipplan undo``, the change
    of its files written: the message says that undo reverts that part as one change, or, for
    an undo stopped midway (``undoing``), that undo run again finishes it.

    ``waiting`` is told when the change waits for another writer's lock (:func:`writing`).
    Once written, the plan as the files now are is left in the cache (:func:`keep_current`),
    so that the next command need not read them again.
    """
    ensure_writable(data_dir)
    first = edit(plan)
    if not first.writes:
        return first.outcome
    with writing(data_dir, waiting=waiting):
        migrate(data_dir)
        latest = current(data_dir, plan)
        done = first if latest is plan else edit(latest)
        if done.writes:
            try:
                after = _write_checked(data_dir, done.writes, latest)
            except (LockLostMidway, WriteStoppedMidway) as exc:
                exc.params["then"] = "undo-again" if undoing else "undo"
                raise
            if after is not None:
                keep_current(data_dir, latest, after, done.writes)
        return done.outcome


def migrate(data_dir: DataDir) -> bool:
    """Move the records of ``actuals.yaml`` and ``task_log.yaml`` (earlier versions' layout) into
    record files, then remove those two files; whether there was anything to move.

    Called with the write lock held. Every record file is written before the old files are
    removed, so a write stopped midway leaves each record in the old file, and perhaps also in
    an equal record file, which reading takes as one (:func:`ipplan.check.run.check`). Two
    branches that both migrate write the same bytes into the same files, which git merges.
    """
    present = [name for name in sorted(LEGACY) if data_dir.file(name).exists()]
    if not present:
        return False
    plan = load(data_dir)
    writes: dict[str, str | None] = {}
    for key, series in plan.actuals.items():
        for actual in series:
            writes[ACTUALS.relative(key, str(actual.year))] = dump_actual(actual)
    for action_id, updates in plan.updates.items():
        for update in updates:
            writes[UPDATES.relative(action_id, stamp_name(update.recorded))] = dump_update(update)
    apply_writes(
        data_dir, {name: text for name, text in writes.items() if not data_dir.file(name).exists()}
    )
    for name in present:
        confirm_lock(data_dir)
        remove(data_dir.file(name), data_dir.path)
    return True


# --- recording actuals ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One actual about to be recorded, checked against the plan but not yet written."""

    indicator: Indicator
    actual: Actual
    replaced: Actual | None
    unchanged: bool


def prepare(
    plan: Plan,
    year: int,
    indicator_ref: str,
    value_text: str | None,
    *,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
    when: dt.datetime | None = None,
    plausible: bool = True,
    fields: tuple[str, str] = ("--source", "--note"),
    not_published: bool = False,
    basis_change: str | None = None,
) -> Change:
    """Check one value against the plan and build the actual it would record.

    Raises the domain error that says what is wrong. The same value again (with no new source
    or note) is ``unchanged``; the same value with a new source or note replaces the entry
    without ``force``, keeping the earlier one in history; a different value needs ``force``
    and keeps the old one in history.
    Unless ``force`` (or ``plausible`` is false, for a caller that checks the whole batch
    itself), a value far from its neighbour year's is refused as a likely typing slip.
    ``fields`` name the source and the note as the person typed them, in messages.
    With ``not_published`` (and no value), it records that the figure was not published,
    checked where ``source`` says (docs/methodology.md, "Not published"); ``basis_change``
    marks a change of counting basis, kept on the year's record until another one is given.
    """
    indicator = plan.indicator(indicator_ref)
    check_year(plan, year)
    source, note = clean_text(source, fields[0]), clean_text(note, fields[1])
    basis = clean_text(basis_change, "--basis-change")
    value: Value | None = None
    if not_published:
        if value_text is not None:
            raise NotPublishedWithValue(value=value_text)
        if source is None:
            raise NotPublishedNeedsSource()
    elif value_text is None:
        raise RecordValueMissing()
    else:
        units = list(plan.units)
        value = check_value(plan, indicator, parse_value(value_text, indicator.unit, units))
    existing = next((a for a in plan.actuals[indicator.key] if a.year == year), None)
    same_value = (
        existing is not None and existing.value == value and existing.not_published == not_published
    )
    if existing is not None and same_value:
        if (
            source in (None, existing.source)
            and note in (None, existing.note)
            and basis in (None, existing.basis_change)
        ):
            return Change(indicator, existing, None, unchanged=True)
        # The same figure with a new source or note: nothing recorded is contradicted, so no
        # --force; what is not given is kept, and the earlier metadata goes into history.
        source = existing.source if source is None else source
        note = existing.note if note is None else note
    elif existing is not None and not force:
        refusal = (
            NotPublishedAlreadyRecorded
            if existing.not_published
            else ValueRecordedNotPublished
            if not_published
            else ValueAlreadyRecorded
        )
        raise refusal(
            key=indicator.key,
            name=indicator.name,
            name_en=indicator.name_en,
            year=year,
            value=existing.value,
            new=value,
        )
    if plausible and not force and not same_value and value is not None:
        check_plausible(plan, indicator, plan.actuals[indicator.key], year, value)
    history: list[Revision] = []
    if existing is not None:
        history = [
            *existing.history,
            Revision(
                value=existing.value,
                source=existing.source,
                note=existing.note,
                recorded=existing.recorded,
                not_published=existing.not_published,
                basis_change=existing.basis_change,
            ),
        ]
    if basis is None and existing is not None and not not_published:
        basis = existing.basis_change  # the year's basis, whatever its value
    actual = Actual(
        year=year,
        value=value,
        source=source,
        note=note,
        recorded=stamp(plan, when),
        history=history,
        not_published=not_published,
        basis_change=None if not_published else basis,
    )
    return Change(indicator, actual, existing, unchanged=False)


def max_change(plan: Plan, indicator: Indicator) -> float:
    """The largest relative change from one known value to the next accepted without --force."""
    own = indicator.max_change
    return float(own if own is not None else plan.info.max_change)


def neighbour(
    indicator: Indicator, series: Sequence[Actual], year: int
) -> tuple[int, Value] | None:
    """The known value ``year`` is compared with: the latest before it (an actual or the
    baseline), else the earliest after it. A cumulative indicator's baseline is the previous
    period's total, not a year's amount, so its yearly amounts are compared only with each
    other."""
    known = [(a.year, a.value) for a in series if a.year != year and a.value is not None]
    if indicator.baseline is not None and indicator.accumulate is None:
        known.append((indicator.baseline.year, indicator.baseline.value))
    before = [p for p in known if p[0] < year]
    if before:
        return max(before)
    after = [p for p in known if p[0] > year]
    return min(after) if after else None


def plausible_range(
    plan: Plan, indicator: Indicator, year: int, other_year: int, other: Value
) -> tuple[float, float, float]:
    """The values accepted for ``year`` without --force, given the known value ``other`` of
    ``other_year``: (lowest, highest, the plan's path value for ``year``).

    The plan's path is the straight line from the known value to the target, read at ``year``:
    where the plan itself needs a value to grow fast (a small indicator far from its target),
    that growth is expected, not suspect. The range spans the known value and the path value,
    widened by ``max_change`` either side; a slipped digit (x10, /10) falls outside it.

    A cumulative indicator's values are yearly amounts and its target a total: its path value
    is the amount a year the plan needs on average, the target spread over the plan's years.
    """
    target_year, target = indicator.target.year, indicator.target.value
    if indicator.accumulate is not None:
        path = target / max(target_year - plan.info.baseline_year, 1)
    elif other_year == target_year:
        path = float(other)
    else:
        path = other + (target - other) * (year - other_year) / (target_year - other_year)
    limit = max_change(plan, indicator)
    low, high = min(other, path), max(other, path)
    # widened by the limit's share of each end's size, so that negative values widen outward too
    return low - limit * abs(low), high + limit * abs(high), path


def check_plausible(
    plan: Plan, indicator: Indicator, series: Sequence[Actual], year: int, value: Value
) -> None:
    """Refuse ``value`` when it lies outside :func:`plausible_range` of its neighbour's value,
    the likely sign of a digit typed twice or left out (docs/methodology.md).

    A neighbour of zero gives no scale to judge by, so any value is accepted after it.
    """
    found = neighbour(indicator, series, year)
    if found is None:
        return
    other_year, other = found
    if other == 0:
        return
    low, high, path = plausible_range(plan, indicator, year, other_year, other)
    slack = 1e-12 * max(abs(low), abs(high), 1.0)
    if low - slack <= value <= high + slack:
        return
    whole = plan.unit(indicator).whole
    places = 0 if whole else 2  # the range as the unit is typed, rounded inward
    raise ImplausibleChange(
        key=indicator.key,
        name=indicator.name,
        name_en=indicator.name_en,
        year=year,
        value=value,
        other_year=other_year,
        other=other,
        change=(value - other) / abs(other),
        limit=max_change(plan, indicator),
        lowest=_inward(low, places, up=True),
        highest=_inward(high, places, up=False),
        path=round(path, 2),
    )


def _inward(value: float, places: int, *, up: bool) -> float | int:
    """``value`` rounded to ``places`` decimals toward the inside of a range."""
    scale: int = 10**places
    scaled = math.ceil(value * scale - 1e-9) if up else math.floor(value * scale + 1e-9)
    return scaled if places == 0 else scaled / scale


def apply(plan: Plan, changes: list[Change]) -> dict[str, tuple[Actual, ...]]:
    """The plan's actuals with ``changes`` made, each replacing any actual for its year."""
    actuals = dict(plan.actuals)
    for change in changes:
        if change.unchanged:
            continue
        key, year = change.indicator.key, change.actual.year
        kept = [a for a in actuals[key] if a.year != year]
        actuals[key] = tuple(sorted((*kept, change.actual), key=lambda a: a.year))
    return actuals


def actual_file(key: str, actual: Actual) -> str:
    """The record file of an indicator-year, relative to the data directory."""
    return ACTUALS.relative(key, str(actual.year))


def actual_writes(changes: Sequence[Change]) -> dict[str, str | None]:
    """The record file of each change that records something."""
    return {
        actual_file(c.indicator.key, c.actual): dump_actual(c.actual)
        for c in changes
        if not c.unchanged
    }


def record(
    data_dir: DataDir,
    plan: Plan,
    year: int,
    indicator_ref: str,
    value_text: str | None,
    *,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
    when: dt.datetime | None = None,
    waiting: Waiting | None = None,
    not_published: bool = False,
    basis_change: str | None = None,
) -> Recorded:
    """Record ``value_text`` as the ``year``-end actual of an indicator, in its record file;
    with ``not_published``, that the figure was not published (:func:`prepare`)."""

    def edit(latest: Plan) -> Edit[Recorded]:
        change = prepare(
            latest,
            year,
            indicator_ref,
            value_text,
            source=source,
            note=note,
            force=force,
            when=when,
            not_published=not_published,
            basis_change=basis_change,
        )
        indicator = change.indicator
        if change.unchanged:
            assessment = assess(
                indicator,
                latest.actuals[indicator.key],
                latest.info.thresholds,
                start=latest.info.baseline_year,
            )
            outcome = Recorded(indicator, change.actual, None, assessment, unchanged=True)
            return Edit(outcome)
        actuals = apply(latest, [change])
        assessment = assess(
            indicator,
            actuals[indicator.key],
            latest.info.thresholds,
            start=latest.info.baseline_year,
        )
        outcome = Recorded(indicator, change.actual, change.replaced, assessment)
        return Edit(outcome, actual_writes([change]))

    return commit(data_dir, plan, edit, waiting=waiting)


# --- updating actions ----------------------------------------------------------------------


_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> dt.date:
    """A date as people write it: 2025-12-31, 2025年12月31日, 2025/12/31, ２０２５-１２-３１."""
    from ipplan.text.typed_input import normalized

    found = _DATE.fullmatch(normalized(text))
    try:
        if found is None:
            raise ValueError
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise InvalidDate(value=text) from None


def update_action(
    data_dir: DataDir,
    plan: Plan,
    action_ref: str,
    *,
    status: Status | None = None,
    lead: str | None = None,
    due: str | None = None,
    note: str | None = None,
    clear: tuple[str, ...] = (),
    when: dt.datetime | None = None,
    waiting: Waiting | None = None,
) -> tuple[ActionState, bool]:
    """Record a dated update to an action; returns its new state and whether anything changed.

    ``clear`` names fields (``lead``, ``due``) to leave empty again. Fields equal to what the
    action already has are left out; with nothing left, nothing is written.
    """
    lead, note = clean_text(lead, "--lead"), clean_text(note, "--note")
    due_date = parse_date(due) if due is not None else None

    def edit(latest: Plan) -> Edit[tuple[ActionState, bool]]:
        action = latest.action(action_ref)
        state = latest.state(action)
        cleared: list[Literal["lead", "due"]] = []
        if "lead" in clear and state.lead is not None:
            cleared.append("lead")
        if "due" in clear and state.due is not None:
            cleared.append("due")
        update = ActionUpdate(
            recorded=stamp(latest, when),
            status=status if status is not None and status != state.status else None,
            lead=lead if lead not in (None, state.lead) else None,
            due=due_date if due_date is not None and due_date != state.due else None,
            note=note,
            cleared=cleared,
        )
        if (
            update.status is None
            and update.lead is None
            and update.due is None
            and not note
            and not cleared
        ):
            return Edit((state, False))
        updates = {**latest.updates, action.id: (*latest.updates.get(action.id, ()), update)}
        changed = dataclasses.replace(latest, updates=updates)
        writes: dict[str, str | None] = {update_file(action.id, update): dump_update(update)}
        return Edit((changed.state(action), True), writes)

    return commit(data_dir, plan, edit, waiting=waiting)


def update_file(action_id: str, update: ActionUpdate) -> str:
    """The record file of an action update, relative to the data directory."""
    return UPDATES.relative(action_id, stamp_name(update.recorded))


def _write_checked(
    data_dir: DataDir, writes: Mapping[str, str | None], latest: Plan
) -> Plan | None:
    """Validate the data directory as it will be once ``writes`` are made; then make them.

    ``latest`` is the plan as the files are now, read or confirmed under the lock, and valid in
    full. What writing records can break is in the records written, in what they name (an
    indicator, an action, the plan's years, a unit) and in the recorded times they might share
    with other records. So the new files are checked against ``latest``'s definitions
    (:func:`ipplan.check.run.check_records`), and their times against its records: the files
    are read once a command, not twice. Only when a time may be shared is the whole directory
    read and checked, to say where.

    Returns the plan as the files are once written, when the records written were checked
    alone (:func:`with_records`); else None.
    """
    checked = _checked_alone(data_dir, writes, latest)
    if checked is None:
        _check_whole(data_dir, writes)
    apply_writes(data_dir, writes)
    return None if checked is None else with_records(latest, writes, checked)


def _checked_alone(
    data_dir: DataDir, writes: Mapping[str, str | None], latest: Plan
) -> Checked | None:
    """Check ``writes`` with the definitions; raise :class:`DataInvalid` on a problem. What
    was read of them; None when they are not all record files, or share a recorded time with
    another record."""
    if any(split(name) is None for name in writes):
        return None
    docs, problems = _parsed(data_dir, writes)
    checked = check_records(latest, docs, {name: data_dir.file(name) for name in FILES})
    problems += checked.problems
    if problems:
        raise DataInvalid(sorted(problems, key=Problem.sort_key))
    values: set[dt.datetime] = set()  # the times of the records not rewritten
    updates: set[dt.datetime] = set()
    for key, series in latest.actuals.items():
        for actual in series:
            if actual_file(key, actual) not in writes:
                values.update(_times(actual))
    for action_id, entries in latest.updates.items():
        kept = (u for u in entries if update_file(action_id, u) not in writes)
        updates.update(clock.aware(u.recorded) for u in kept)
    # An update's time is its own; the values of one change may share theirs (validate's rule).
    new_updates = {
        clock.aware(f.item.recorded) for group in checked.updates.values() for f in group
    }
    new_values = {t for group in checked.actuals.values() for f in group for t in _times(f.item)}
    return None if new_updates & (values | updates) or new_values & updates else checked


def with_records(latest: Plan, writes: Mapping[str, str | None], checked: Checked) -> Plan:
    """The plan as a fresh read (:func:`ipplan.load.build_plan`) gives it once ``writes``, record
    files only, are made: ``latest`` without the records of the files written or removed, with
    the records ``checked`` read from the new files, each list in the order a read gives it."""
    from ipplan import data as domain
    from ipplan.workplans import entities

    actuals = dict(latest.actuals)
    updates = dict(latest.updates)
    events = dict(latest.work.events)
    named = [(kind, parts) for kind, parts in filter(None, map(split, writes))]
    for key in {parts[0] for kind, parts in named if kind is ACTUALS}:
        kept = [a for a in actuals.get(key, ()) if actual_file(key, a) not in writes]
        new = [found.item for found in checked.actuals.get(key, ())]
        actuals[key] = tuple(sorted((*kept, *new), key=lambda a: a.year))
    for action_id in {parts[0] for kind, parts in named if kind is UPDATES}:
        kept_updates = [
            u for u in updates.get(action_id, ()) if update_file(action_id, u) not in writes
        ]
        new_updates = [
            domain.from_model(domain.ActionUpdate, f.item)
            for f in checked.updates.get(action_id, ())
        ]
        merged = sorted((*kept_updates, *new_updates), key=lambda u: clock.aware(u.recorded))
        _put(updates, action_id, tuple(merged))
    for year, item in {(parts[0], parts[1]) for kind, parts in named if kind is PROGRESS}:
        kept_events = [
            e
            for e in events.get(item, ())
            if PROGRESS.relative(year, item, stamp_name(e.recorded)) not in writes
        ]
        new_events = [
            domain.from_model(entities.ProgressEvent, e)
            for _, parts, e in checked.progress
            if parts[1] == item
        ]
        merged_events = sorted((*kept_events, *new_events), key=lambda e: e.recorded)
        _put(events, item, tuple(merged_events))
    work = dataclasses.replace(latest.work, events=events)
    return dataclasses.replace(latest, actuals=actuals, updates=updates, work=work, origin=None)


def _put(mapping: dict[str, T], key: str, value: T) -> None:
    """``value`` under ``key``, or no ``key`` at all when ``value`` is empty (as a read has it)."""
    if value:
        mapping[key] = value
    else:
        mapping.pop(key, None)


def _times(actual: Actual) -> list[dt.datetime]:
    moments = (actual.recorded, *(r.recorded for r in actual.history))
    return [clock.aware(m) for m in moments if m is not None]


def _check_whole(data_dir: DataDir, writes: Mapping[str, str | None]) -> None:
    """Validate the whole data directory as it will be once ``writes`` are made: the
    definitions, every record and every work plan, each file written read from its new text
    rather than from disk, so that a refusal leaves every file as it was."""
    from ipplan.workplans import loading

    docs, problems = read_documents(data_dir)
    touched = {data_dir.file(name) for name in writes}
    problems = [p for p in problems if p.path not in touched]
    for name in writes:
        docs.pop(name, None)
    written, parse_problems = _parsed(data_dir, writes)
    plans = {name: doc for name, doc in written.items() if loading.is_work_plan(name)}
    docs.update({name: doc for name, doc in written.items() if name not in plans})
    core = check(docs)
    problems += parse_problems + core.problems
    removed = {name for name, text in writes.items() if text is None}
    problems += loading.read_all(data_dir.path, core, written=plans, removed=removed)[1]
    if problems:
        raise DataInvalid(sorted(problems, key=Problem.sort_key))


def _parsed(
    data_dir: DataDir, writes: Mapping[str, str | None]
) -> tuple[dict[str, Document], list[Problem]]:
    """The files ``writes`` write (not those it removes), parsed, and the problems of parsing."""
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for name, text in writes.items():
        if text is not None:
            docs[name], found = parse(text, data_dir.file(name))
            problems += found
    return docs, problems


def apply_writes(data_dir: layout.DataDir, writes: Mapping[str, str | bytes | None]) -> None:
    """Make ``writes`` on disk, one file at a time in the order of their names: each file (a
    name of :data:`FILES` or a path relative to the data directory) replaced with its content
    through :func:`atomic_write`, or removed where the content is None.

    The write lock is confirmed before every file (:func:`confirm_lock`): lost before the first,
    nothing is written (:class:`LockLost`); lost midway, the change stops before its next file
    with :class:`LockLostMidway`, which names the files written and those not. A file the system
    refuses midway stops it the same way (:class:`WriteStoppedMidway`).

    The whole list is known before the first file, and each file is done once the call for it
    returns: a journal, written before the first file and crossed off file by file, would let
    the next writer finish or roll back a change stopped midway.
    """
    order = sorted(writes)
    done: list[str] = []
    for index, name in enumerate(order):
        try:
            lock.confirm_lock(data_dir)
            write_one(data_dir, name, writes[name])
        except LockLost as exc:
            if not done:
                raise
            raise LockLostMidway(
                lock=exc.params["lock"],
                path=str(data_dir.path),
                written=done,
                pending=order[index:],
            ) from None
        except (DataNotWritable, DiskFull) as exc:
            if not done:
                raise
            raise WriteStoppedMidway(
                file=exc.params["path"],
                detail=exc.params.get("detail", ""),
                path=str(data_dir.path),
                written=done,
                pending=order[index:],
            ) from None
        done.append(name)


def write_one(data_dir: layout.DataDir, name: str, content: str | bytes | None) -> None:
    """One file of a change: replaced whole with ``content``, or removed where it is None."""
    path = data_dir.file(name)
    if content is None:
        atomic.remove(path, data_dir.path)
        return
    try:
        atomic.make_dirs(path.parent, data_dir.path)
    except OSError as exc:
        raise write_error(path.parent, exc) from None
    atomic.atomic_write(path, content)


def write_plan_schemas(data_dir: layout.DataDir) -> list[Path]:
    """Write the schemas into the plan's own ``schema/``, with the write lock held: each file
    is one of a change (:func:`apply_writes`)."""
    from ipplan.check import schema  # pydantic: only when schemas are written

    files = {f"{layout.SCHEMA_DIR}/{name}": text for name, text in schema.schema_files().items()}
    apply_writes(data_dir, files)
    return [data_dir.file(name) for name in files]


def progress_file(year: int, event: ProgressEvent) -> str:
    """The record file of an event, relative to the data directory: named by its recorded
    time, so an item's events sort in the order they were recorded."""
    return PROGRESS.relative(str(year), event.item, stamp_name(event.recorded))
