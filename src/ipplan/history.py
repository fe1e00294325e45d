"""Every recorded change, newest first, and undoing the most recent one.

The history is in the data files themselves. An actual's file keeps each value it replaced
(with its source, note and time) under ``history``, each dated action update and progress event
is a file of its own, and a work plan written by ``workplan-import`` carries the time it was
imported (and the file it replaced). So ``git log -p`` and ``ipplan history`` tell the same
story. The change journal (:mod:`ipplan.files.journal`) is no history: it lives only while a
change is being written, and undo rolls back a change it was left behind by.

The most recent change is the one recorded last: the actual or action update with the latest
``recorded`` time. :func:`ipplan.write.stamp` gives every change its own time, later than all
before it, and the values of one import share one time, so undo reverts an import whole.
Entries without a recorded time (written by hand) are listed but never undone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ipplan.clock import aware
from ipplan.data import Action, ActionUpdate, Actual, Indicator, Revision
from ipplan.errors import (
    NothingToUndo,
    UnknownAction,
    UnknownIndicator,
    UnknownItem,
    UnknownReference,
    write_error,
)
from ipplan.files.layout import BASELINES, FILES, UNDONE, WORKPLANS_DIR, DataDir, stamp_name
from ipplan.files.lock import Waiting
from ipplan.files.record_text import dump_actual, dump_undo
from ipplan.plan import Plan
from ipplan.problems import suggest
from ipplan.text.typed_input import Value
from ipplan.workplans.entities import Item, ProgressEvent
from ipplan.write import Edit, actual_file, commit, progress_file, stamp, update_file


@dataclass(frozen=True)
class ValueChange:
    """An actual recorded: ``value`` for ``year`` (None: recorded as not published),
    replacing ``previous`` (None: the first, or one recorded as not published)."""

    indicator: Indicator
    year: int
    value: Value | None
    previous: Value | None
    source: str | None
    note: str | None
    recorded: dt.datetime | None
    current: bool  # still the value in force, not replaced since
    cleared: tuple[str, ...] = ()  # "source", "note": what the entry before had and this clears
    not_published: bool = False
    previous_not_published: bool = False


def _cleared(before: Revision | Actual, entry: Revision | Actual) -> tuple[str, ...]:
    """The fields ``before`` had that ``entry``, recording the same value, cleared."""
    if before.value != entry.value:
        return ()
    return tuple(
        field
        for field, old, new in (
            ("source", before.source, entry.source),
            ("note", before.note, entry.note),
        )
        if old is not None and new is None
    )


@dataclass(frozen=True)
class ActionChange:
    """An update to an action."""

    action_id: str
    title: str
    title_en: str
    update: ActionUpdate

    @property
    def recorded(self) -> dt.datetime:
        return self.update.recorded


@dataclass(frozen=True)
class ProgressChange:
    """Progress recorded on a work-plan item: one event, in a file of its own."""

    item_id: str
    year: int
    item: Item
    event: ProgressEvent

    @property
    def recorded(self) -> dt.datetime:
        return self.event.recorded


@dataclass(frozen=True)
class WorkPlanImport:
    """A work plan written by ``ipplan workplan-import``: the file, stamped when it was written,
    and whether it replaced an earlier one (kept in it, for undo to put back)."""

    year: int
    title: str
    items: int
    recorded: dt.datetime
    # the progress its 状态 column reported, written in the same change (:func:`of_import`)
    progress: tuple[ProgressChange, ...] = ()


def of_import(change: ProgressChange, year: int, imported: dt.datetime) -> bool:
    """Whether ``change`` was written by the import of the ``year`` work plan at ``imported``:
    on an item of that plan, recorded within the import's millisecond (an item's events of
    one import are a microsecond apart; :data:`ipplan.write.TICK` is the least step between
    two changes)."""
    from ipplan.write import TICK

    start = aware(imported)
    return change.year == year and start <= aware(change.recorded) < start + TICK


@dataclass(frozen=True)
class UndoChange:
    """An ``ipplan undo``: when it was made, the recorded time of the change it undid, and how
    many files it removed or replaced. The next undo, when this is the newest change, puts them
    back (a redo), itself recorded as an undo of this one."""

    recorded: dt.datetime
    undid: dt.datetime
    files: int


@dataclass(frozen=True)
class BaselineChange:
    """A pending baseline written into indicators.yaml by ``ipplan record``: its record
    (``baselines/<stamp>.yaml``) keeps the file's text before, which undo puts back.
    ``indicator`` is None when the plan no longer has the one it names."""

    key: str
    indicator: Indicator | None
    year: int
    value: Value
    source: str | None
    note: str | None
    recorded: dt.datetime


Event = ValueChange | ActionChange | ProgressChange | WorkPlanImport | UndoChange | BaselineChange
# what undo removes or puts back
Dropped = ActionChange | ProgressChange | WorkPlanImport | UndoChange | BaselineChange


def _order(event: Event) -> tuple[int, dt.datetime]:
    moment = event.recorded
    return (
        (1, aware(moment))
        if moment is not None
        else (0, dt.datetime.min.replace(tzinfo=dt.timezone.utc))
    )


def events(plan: Plan, ref: str | None = None) -> list[Event]:
    """Every change in the plan, or those of one indicator or action, newest first."""
    indicators = list(plan.indicators)
    actions = list(plan.actions)
    items = list(plan.work.items())
    if ref is not None:
        indicator, action, item_id = _resolve(plan, ref)
        indicators = [indicator] if indicator is not None else []
        actions = [action] if action is not None else []
        items = [plan.work.item(item_id)] if item_id is not None else []
    found: list[Event] = []
    for indicator in indicators:
        for actual in plan.actuals[indicator.key]:
            chain: list[Revision | Actual] = [*actual.history, actual]
            for i, entry in enumerate(chain):
                found.append(
                    ValueChange(
                        indicator=indicator,
                        year=actual.year,
                        value=entry.value,
                        previous=chain[i - 1].value if i else None,
                        source=entry.source,
                        note=entry.note,
                        recorded=entry.recorded,
                        current=entry is actual,
                        cleared=_cleared(chain[i - 1], entry) if i else (),
                        not_published=entry.not_published,
                        previous_not_published=bool(i) and chain[i - 1].not_published,
                    )
                )
    for action in actions:
        for update in plan.updates.get(action.id, ()):
            found.append(ActionChange(action.id, action.title, action.title_en, update))
    for wp, item in items:
        for event in plan.work.events_of(item.id):
            found.append(ProgressChange(item.id, wp.year, item, event))
    if ref is None:
        for wp in plan.work.plans:
            if wp.info.imported is None:
                continue
            imports = [(wp.info.imported, wp.info.title, len(wp.items))]
            imports += _earlier_imports(wp.path) if wp.path is not None else []
            for moment, title, count in imports:
                # the import and the progress it wrote are one change: one entry, one undo;
                # an import a later one replaced (--force) stays an entry of its own
                folded = tuple(
                    e
                    for e in found
                    if isinstance(e, ProgressChange) and of_import(e, wp.year, moment)
                )
                taken = {id(e) for e in folded}
                found = [e for e in found if id(e) not in taken]
                found.append(WorkPlanImport(wp.year, title, count, moment, folded))
        found += [UndoChange(u.recorded, u.undid, len(u.files)) for u in plan.undos]
    keys = {indicator.key: indicator for indicator in indicators}
    found += [
        BaselineChange(
            b.indicator, keys.get(b.indicator), b.year, b.value, b.source, b.note, b.recorded
        )
        for b in plan.baselines
        if ref is None or b.indicator in keys
    ]
    # Stable sort: entries recorded at the same time keep plan order.
    return sorted(found, key=_order, reverse=True)


def _earlier_imports(path: Path) -> list[tuple[dt.datetime, str, int]]:
    """The imports that the work plan file ``path`` replaced, newest first, as its
    ``replaced`` text keeps them (each with the one it replaced in turn): when each was
    written, its title and how many items it had. A file that cannot be read, or text that is
    no imported work plan, ends the chain (validation speaks of the file itself)."""
    from ipplan.files.yaml_read import Refused, parse, read_regular

    found: list[tuple[dt.datetime, str, int]] = []
    try:
        text = read_regular(path, path.parent).decode("utf-8")
        data = parse(text, path)[0].data
        while isinstance(data, dict) and isinstance(data.get("replaced"), str):
            data = parse(data["replaced"], path)[0].data
            info = data.get("workplan") if isinstance(data, dict) else None
            if not isinstance(info, dict) or not isinstance(info.get("imported"), str):
                break
            items = data.get("items") if isinstance(data, dict) else None
            moment = dt.datetime.fromisoformat(info["imported"])
            found.append((moment, str(info.get("title", "")), len(items or ())))
    except (OSError, UnicodeError, ValueError, Refused):
        pass
    return found


def _resolve(plan: Plan, ref: str) -> tuple[Indicator | None, Action | None, str | None]:
    try:
        return plan.indicator(ref), None, None
    except UnknownIndicator:
        pass
    try:
        return None, plan.action(ref), None
    except UnknownAction:
        pass
    try:
        return None, None, plan.work.item(ref)[1].id
    except UnknownItem:
        pass
    names = [i.key for i in plan.indicators] + [a.id for a in plan.actions]
    names += [item.id for _, item in plan.work.items()]
    raise UnknownReference(ref=ref, suggest=suggest(ref.strip(), names))


@dataclass(frozen=True)
class Undone:
    """What ``ipplan undo`` reverted: values restored or removed, or action updates dropped."""

    recorded: dt.datetime
    values: list[ValueChange]  # the changes reverted; ``previous`` is what is in force again
    updates: list[Dropped]
    written: bool  # False for a dry run


def last_change(plan: Plan) -> tuple[dt.datetime, list[ValueChange], list[Dropped]]:
    """The most recent change: its time, and the actuals or the action updates recorded then.

    Two changes can share a time only in data written before times were kept to the
    millisecond; then the actuals go first and the updates at the next undo.
    """
    dated = [
        (aware(e.recorded), e)
        for e in events(plan)
        if e.recorded is not None and (not isinstance(e, ValueChange) or e.current)
    ]
    if not dated:
        raise NothingToUndo()
    latest = max(moment for moment, _ in dated)
    values = [e for moment, e in dated if moment == latest and isinstance(e, ValueChange)]
    updates = [e for moment, e in dated if moment == latest and isinstance(e, Dropped)]
    progress: list[Dropped] = [e for e in updates if isinstance(e, ProgressChange)]
    imports: list[Dropped] = [e for e in updates if isinstance(e, WorkPlanImport)]
    undos: list[Dropped] = [e for e in updates if isinstance(e, UndoChange)]
    baselines: list[Dropped] = [e for e in updates if isinstance(e, BaselineChange)]
    if values:
        return latest, values, []
    return (
        latest,
        [],
        imports[:1]
        or progress[:1]
        or undos[:1]
        or baselines[:1]
        or [e for e in updates if isinstance(e, ActionChange)],
    )


def roll_back_unfinished(
    data_dir: DataDir, waiting: Waiting | None = None
) -> tuple[str, int] | None:
    """Roll back a change stopped midway, if its journal is there (:mod:`ipplan.files.journal`):
    the command that made it (``undo`` or ``change``) and how many files it named; else None.

    That change is the latest one, so ``ipplan undo`` stops here when it was not itself an undo;
    an undo stopped midway is rolled back and then made again, whole."""
    from ipplan.files import journal
    from ipplan.files.lock import writing

    if journal.pending(data_dir) is None:
        return None
    with writing(data_dir, waiting=waiting) as rolled:
        return rolled


def undo(
    data_dir: DataDir, plan: Plan, *, dry_run: bool = False, waiting: Waiting | None = None
) -> Undone:
    """Revert the most recent change, whichever file it is in; with ``dry_run``, only say it;
    ``waiting`` is told when it waits for another writer (:func:`ipplan.write.commit`)."""

    def edit(latest_plan: Plan) -> Edit[Undone]:
        moment, values, updates = last_change(latest_plan)
        outcome = Undone(moment, values, updates, written=not dry_run)
        if dry_run:
            return Edit(outcome)
        writes = _reverting(latest_plan, values, updates)
        # the undo's own record: what it removes or replaces, for history and the next undo
        made = stamp(latest_plan)
        befores = [(name, _text(data_dir.file(name))) for name in sorted(writes)]
        writes[UNDONE.relative(stamp_name(made))] = dump_undo(made, moment, befores)
        return Edit(outcome, writes)

    def _reverting(
        latest_plan: Plan, values: list[ValueChange], updates: list[Dropped]
    ) -> dict[str, str | None]:
        """The files that revert ``values`` or ``updates``, with their new content."""
        writes: dict[str, str | None] = {}
        for change in values:
            key = change.indicator.key
            actual = next(a for a in latest_plan.actuals[key] if a.year == change.year)
            reverted = _revert(actual)
            writes[actual_file(key, actual)] = dump_actual(reverted) if reverted else None
        for dropped in updates:
            if isinstance(dropped, WorkPlanImport):
                name = f"{WORKPLANS_DIR}/{dropped.year}.yaml"
                writes[name], moved = _replaced(data_dir.file(name))
                for progress in dropped.progress:
                    writes[progress_file(progress.year, progress.event)] = None
                writes.update(_moved_back(latest_plan, dropped, moved))
            elif isinstance(dropped, ProgressChange):
                writes[progress_file(dropped.year, dropped.event)] = None
            elif isinstance(dropped, UndoChange):
                writes.update(_taken(data_dir, dropped))
            elif isinstance(dropped, BaselineChange):
                writes.update(_unwritten(data_dir, dropped))
            else:
                writes[update_file(dropped.action_id, dropped.update)] = None
        return writes

    return commit(data_dir, plan, edit, undoing=True, waiting=waiting)


def _moved_back(
    plan: Plan, dropped: WorkPlanImport, moved: dict[str, str]
) -> dict[str, str | None]:
    """The files that move the progress an import moved to its items' new ids (``moved``: new
    id -> old id) back to the old ones; the import's own records are removed already."""
    from ipplan.workplans.records import move_events

    start = aware(dropped.recorded)
    before = {
        new: tuple(e for e in plan.work.events_of(new) if aware(e.recorded) < start)
        for new in moved
    }
    back = {old: new for new, old in moved.items()}
    return move_events(dropped.year, before, back)


def _text(path: Path) -> str | None:
    """The text of the file at ``path`` as it is now; None where there is none."""
    from ipplan.files.journal import current

    data = current(path)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeError as exc:
        raise write_error(path, OSError(str(exc))) from None


def _taken(data_dir: DataDir, undone: UndoChange) -> dict[str, str | None]:
    """What the undo ``undone`` removed or replaced, each file with its text before it, from
    its record (checked when the plan was read: each path one an undo writes)."""
    data = _kept(data_dir, UNDONE.relative(stamp_name(undone.recorded)))
    files = data.get("files")
    entries = files if isinstance(files, list) else []
    return {str(entry["path"]): entry.get("before") for entry in entries}


def _unwritten(data_dir: DataDir, written: BaselineChange) -> dict[str, str | None]:
    """indicators.yaml as it was before the baseline ``written`` went in, from its record
    (checked when the plan was read), and the record itself removed. Refused
    (:class:`BaselineChangedSince`) when indicators.yaml is no longer what ``record`` made of
    that text: putting it back would lose what changed since."""
    from ipplan.actuals import written_in
    from ipplan.errors import BaselineChangedSince, BaselineNotEditable

    record = BASELINES.relative(stamp_name(written.recorded))
    before = str(_kept(data_dir, record)["before"])
    path = data_dir.file(FILES["indicators"])
    try:
        made = written_in(
            before, path, written.key, written.year, written.value, written.source, written.note
        )
    except BaselineNotEditable:
        made = None
    if made is None or _text(path) != made:
        raise BaselineChangedSince(key=written.key, year=written.year)
    return {FILES["indicators"]: before, record: None}


def _kept(data_dir: DataDir, relative: str) -> dict[str, object]:
    """The fields of the record file ``relative`` that undo reads back (an undo's, a
    baseline's)."""
    from ipplan.files.yaml_read import Refused, parse, read_regular

    path = data_dir.file(relative)
    try:
        doc, _ = parse(read_regular(path, data_dir.path).decode("utf-8"), path)
    except (OSError, UnicodeError, Refused) as exc:
        raise write_error(path, OSError(str(exc))) from None
    return doc.data if isinstance(doc.data, dict) else {}


def _replaced(path: Path) -> tuple[str | None, dict[str, str]]:
    """The work plan an import replaced, kept in the file it wrote (``replaced``), to put back;
    None when the import made the file anew (undo removes it). With it, the items whose
    progress the import moved (``moved``: new id -> old id)."""
    from ipplan.files.yaml_read import Refused, parse, read_regular

    try:
        doc, _ = parse(read_regular(path, path.parent).decode("utf-8"), path)
    except (OSError, UnicodeError) as exc:
        raise write_error(path, OSError(str(exc))) from None
    except Refused:
        return None, {}  # no file of the plan's own: validation refuses the change
    data = doc.data if isinstance(doc.data, dict) else {}
    before = data.get("replaced")
    moved = data.get("moved")
    moved = {str(k): str(v) for k, v in moved.items()} if isinstance(moved, dict) else {}
    return (before if isinstance(before, str) else None), moved


def _revert(actual: Actual) -> Actual | None:
    """The actual as it was before its latest value: the last one in its history, or none."""
    if not actual.history:
        return None
    *older, last = actual.history
    return Actual(
        year=actual.year,
        value=last.value,
        source=last.source,
        note=last.note,
        recorded=last.recorded,
        history=older,
        not_published=last.not_published,
        basis_change=last.basis_change,
    )
