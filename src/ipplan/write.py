"""The write transaction: every change to the plan's own files (recording an actual in
:mod:`ipplan.actuals`, updating an action in :mod:`ipplan.actions`, progress on a work plan,
undo) is an :class:`Edit` made by :func:`commit`.

Every change follows one path (:func:`commit`):

1. check the input against the plan as the command loaded it, so that a refused change takes
   no lock and touches no file;
2. take the data directory's write lock, and reload the plan if another writer changed a file
   in the meantime, then check again against what is now on disk;
3. build the new record files, validate the whole data directory as it will be read back, and
   only then write each file atomically.

Each record is its own small file (:mod:`ipplan.files.layout`). A plan still holding the single
files of earlier versions has their records moved into record files by the first write, under the
same lock, before its own change.

Each change is stamped with the time it was recorded, strictly later than every change already
in the plan, so that the most recent change is always one well-defined thing to undo.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ipplan import clock
from ipplan.check.read import Checked
from ipplan.check.run import check, check_records
from ipplan.data import ActionUpdate, Actual
from ipplan.errors import (
    DataInvalid,
    DataNotWritable,
    DiskFull,
    LockLost,
    LockLostMidway,
    WriteInterrupted,
    WriteStoppedMidway,
    write_error,
)
from ipplan.files import atomic, journal, layout, lock
from ipplan.files.atomic import remove
from ipplan.files.layout import (
    ACTUALS,
    FILES,
    LEGACY,
    PROGRESS,
    UNDONE,
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
from ipplan.plan import Plan
from ipplan.problems import Problem
from ipplan.workplans.entities import ProgressEvent

now = clock.now  # the clock changes are stamped by; a test may set its own

T = TypeVar("T")
TICK = dt.timedelta(milliseconds=1)  # the resolution of recorded times


def latest_recorded(
    plan: Plan, *, future: bool = True, reference: dt.datetime | None = None
) -> dt.datetime | None:
    """When the most recent change in the plan was recorded, if any change carries a time;
    without ``future``, of the changes not recorded in the future (:func:`clock.in_future`
    of ``reference``, the time now unless given)."""
    times = [a.recorded for series in plan.actuals.values() for a in series if a.recorded]
    times += [u.recorded for log in plan.updates.values() for u in log]
    times += [e.recorded for log in plan.work.events.values() for e in log]
    times += [wp.info.imported for wp in plan.work.plans if wp.info.imported is not None]
    times += [undo.recorded for undo in plan.undos]
    times += [baseline.recorded for baseline in plan.baselines]
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
                command = "undo" if undoing else "change"
                after = _write_checked(data_dir, done.writes, latest, command)
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


def actual_file(key: str, actual: Actual) -> str:
    """The record file of an indicator-year, relative to the data directory."""
    return ACTUALS.relative(key, str(actual.year))


def update_file(action_id: str, update: ActionUpdate) -> str:
    """The record file of an action update, relative to the data directory."""
    return UPDATES.relative(action_id, stamp_name(update.recorded))


def _write_checked(
    data_dir: DataDir, writes: Mapping[str, str | None], latest: Plan, command: str = "change"
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
    try:
        checked = _checked_alone(data_dir, writes, latest)
        if checked is None:
            _check_whole(data_dir, writes)
    except KeyboardInterrupt:
        raise WriteInterrupted() from None  # no file was written yet
    apply_writes(data_dir, writes, command)
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
    undos = latest.undos
    if any(kind is UNDONE for kind, _ in named):
        kept_undos = [u for u in undos if UNDONE.relative(stamp_name(u.recorded)) not in writes]
        new_undos = [found.item for found in checked.undos]
        undos = tuple(sorted((*kept_undos, *new_undos), key=lambda u: clock.aware(u.recorded)))
    return dataclasses.replace(
        latest, actuals=actuals, updates=updates, work=work, undos=undos, origin=None
    )


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


def apply_writes(
    data_dir: layout.DataDir, writes: Mapping[str, str | bytes | None], command: str = "change"
) -> None:
    """Make ``writes`` on disk, one file at a time in the order of their names: each file (a
    name of :data:`FILES` or a path relative to the data directory) replaced with its content
    through :func:`atomic_write`, or removed where the content is None.

    The write lock is confirmed before every file (:func:`confirm_lock`): lost before the first,
    nothing is written (:class:`LockLost`); lost midway, the change stops before its next file
    with :class:`LockLostMidway`, which names the files written and those not. A file the system
    refuses midway stops it the same way (:class:`WriteStoppedMidway`).

    Ctrl-C (``KeyboardInterrupt``) while the files are written puts back at once what was
    written, from the journal (or, for one file, its bytes kept before), with Ctrl-C ignored
    meanwhile, and ends the command with :class:`WriteInterrupted`: nothing was changed.

    A change of more than one file is written down first (:func:`ipplan.files.journal.begin`,
    as ``command``: ``undo`` or ``change``), synced before its first file, and the journal is
    removed after its last: a change stopped midway, even killed, is rolled back by the next
    writer, and until then readers refuse the plan and ``validate`` reports it. One file is
    replaced atomically and needs none.
    """
    order = sorted(writes)
    done: list[str] = []
    journalled = len(order) > 1
    before: bytes | None = None  # a change of one file: that file's bytes, for an interrupt
    try:
        if journalled:
            lock.confirm_lock(data_dir)
            journal.begin(data_dir, writes, command)
        elif order:
            before = journal.current(data_dir.file(order[0]))
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
    except KeyboardInterrupt:
        with uninterrupted():
            if journalled:
                journal.roll_back(data_dir)
            elif order:
                journal.put_back(data_dir, data_dir.file(order[0]), before)
        raise WriteInterrupted() from None
    if journalled:
        journal.end(data_dir)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C (SIGINT) ignored for the while: what runs here (a roll-back) is not cut short.
    Only the main thread may set a signal's handler; any other runs as it is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


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
