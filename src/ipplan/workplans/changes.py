"""Recording progress on a work-plan item: one event, one new file, through the common path.

An event is written to ``progress/YEAR/ITEM/STAMP.yaml``: two people recording progress on
different items, or at different moments, add different files, so git merges their branches
without a conflict. The change goes through :func:`ipplan.write.commit` like every other: the
input is checked before the lock, checked again under it against what is then on disk, and the
file is created atomically (never over an existing one). ``ipplan undo`` removes the file of
the latest event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipplan import clock, file_models, write
from ipplan.actions import parse_date
from ipplan.check.read import Checked, _one
from ipplan.data import from_model
from ipplan.errors import (
    AmbiguousMilestone,
    AmbiguousQuantity,
    DataInvalid,
    DataNotWritable,
    DateInFuture,
    ImplausibleAmount,
    InvalidAmount,
    InvalidDate,
    ItemClosed,
    ItemNotTracked,
    NoQuantity,
    NothingToRecord,
    RepeatedProgress,
    UnknownMilestone,
    WrongUnit,
    WrongUnitForItem,
)
from ipplan.files.layout import WORKPLANS_DIR, DataDir
from ipplan.files.lock import Waiting
from ipplan.files.record_text import scalar
from ipplan.files.yaml_read import parse as parse_yaml
from ipplan.plan import Plan
from ipplan.problems import Problem
from ipplan.text.shown_numbers import exact, moment
from ipplan.text.typed_input import clean_text, parse_value
from ipplan.workplans import entities
from ipplan.workplans.book import WorkPlan
from ipplan.workplans.entities import Item, ProgressEvent
from ipplan.workplans.loading import _event_rules
from ipplan.workplans.periods import PeriodError, normalise, parse
from ipplan.workplans.records import dump_event, move_events
from ipplan.workplans.states import (
    ItemStanding,
    ItemState,
    MilestoneState,
    QuantityStanding,
)
from ipplan.write import Edit, commit, stamp

if TYPE_CHECKING:
    from ipplan.workplans.state_cells import Stated
    from ipplan.workplans.tables import Table


@dataclass(frozen=True)
class Request:
    """What ``ipplan item`` was asked to record, as typed."""

    done: bool = False
    milestone: str | None = None
    amount: str | None = None
    content: int | None = None
    cancel: str | None = None
    date: str | None = None
    note: str | None = None
    evidence: str | None = None
    again: bool = False  # the same event recorded once more is meant (--again)
    accept_jump: bool = False  # an amount far past its target is meant (--accept-jump)

    @property
    def empty(self) -> bool:
        return not (self.done or self.amount is not None or self.cancel is not None or self.note)


@dataclass(frozen=True)
class Progressed:
    """The outcome of ``ipplan item`` with options: the event written, or None if unchanged."""

    workplan: WorkPlan
    item: Item
    event: ProgressEvent | None
    path: str | None  # relative to the data directory


def milestone_number(item: Item, year: int, ref: str) -> int:
    """The milestone ``ref`` names: its number (1 for the first), or its period as written.

    A period that more than one milestone has is refused with their numbers, never taken to
    mean the first of them.
    """
    wanted = normalise(ref)
    if wanted.isdigit() and 1 <= int(wanted) <= len(item.schedule):
        return int(wanted)
    try:
        period = parse(ref, year)
    except PeriodError:
        period = None
    found = [
        number
        for number, milestone in enumerate(item.schedule, 1)
        if normalise(str(milestone.period)) == wanted
        or (period is not None and parse(milestone.period, year) == period)
    ]
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousMilestone(
            id=item.id, ref=ref, numbers=", ".join(map(str, found)), first=found[0]
        )
    raise UnknownMilestone(
        id=item.id,
        ref=ref,
        count=len(item.schedule),
        periods=", ".join(str(m.period) for m in item.schedule),
    )


def _quantity(item: Item, content: int | None) -> int:
    numbers = [n for n, c in enumerate(item.content, 1) if c.quantity is not None]
    if content is not None:
        if content not in numbers:
            raise NoQuantity(id=item.id)
        return content
    if not numbers:
        raise NoQuantity(id=item.id)
    if len(numbers) > 1:
        raise AmbiguousQuantity(id=item.id, choices=", ".join(str(n) for n in numbers))
    return numbers[0]


def build(
    plan: Plan,
    ref: str,
    request: Request,
    environ: Mapping[str, str],
    when: dt.datetime | None = None,
) -> tuple[WorkPlan, Item, ProgressEvent | None]:
    """Check ``request`` against the plan and build the event it records (None: unchanged).

    Raises the domain error that says what is wrong.
    """
    wp, item = plan.work.item(ref)
    if request.empty:
        raise NothingToRecord()
    day = clock.today(environ)
    on = parse_date(request.date) if request.date is not None else day
    if on > day:
        raise DateInFuture(date=on.isoformat(), today=day.isoformat())
    milestone = None
    if request.milestone is not None:
        milestone = milestone_number(item, wp.year, request.milestone)
    amount = None
    content = None
    index = 0  # the content item an amount counts for
    if request.amount is not None:
        index = _quantity(item, request.content)
        # "2次": the quantity's own unit may follow the number; another unit is refused
        quantity = item.content[index - 1].quantity
        units = [c.quantity.unit for c in item.content if c.quantity is not None]
        try:
            value = parse_value(request.amount, quantity.unit if quantity else None, units)
        except WrongUnit as exc:  # the item's quantity, not an indicator, has the unit
            raise WrongUnitForItem(**exc.params, item=item.id) from None
        if value <= 0:
            raise InvalidAmount(value=request.amount)
        amount = value
        # the content item is written down only where the item has more than one quantity
        content = index if request.content is not None else None
    elif request.content is not None:
        _quantity(item, request.content)
    cancel = clean_text(request.cancel, "--cancel")
    note = clean_text(request.note, "--note")
    evidence = clean_text(request.evidence, "--evidence")
    if not request.done and milestone is None and amount is None and not (cancel or note):
        raise NothingToRecord()  # --cancel "" and --note "" record nothing
    if not wp.info.tracked:
        path = wp.path.name if wp.path is not None else f"{wp.year}.yaml"
        raise ItemNotTracked(id=item.id, year=wp.year, path=f"{WORKPLANS_DIR}/{path}")
    standing = _standing(plan, wp, item, day)
    if amount is not None and not request.accept_jump:
        quantities = {q.content: q for q in standing.quantities}
        _check_amount(plan, item, quantities[index], amount)
    if standing.state is ItemState.cancelled:
        raise ItemClosed(id=item.id, state=ItemState.cancelled.value)
    whole = request.done and milestone is None
    if (
        not note
        and amount is None
        and cancel is None
        and (
            (whole and standing.state is ItemState.done)
            or (
                milestone is not None
                and standing.milestones[milestone - 1].state is MilestoneState.done
            )
        )
    ):
        return wp, item, None
    if not request.again:
        _check_repeated(standing, on, whole, milestone, amount, content, cancel, note)
    event = ProgressEvent(
        recorded=stamp(plan, when),
        item=item.id,
        date=on,
        done=whole,
        milestone=milestone,
        amount=amount,
        content=content,
        cancelled=cancel,
        note=note,
        evidence=evidence,
    )
    return wp, item, event


def _standing(plan: Plan, wp: WorkPlan, item: Item, day: dt.date) -> ItemStanding:
    from ipplan.workplans.views import standing

    return standing(wp, item, plan.work.events_of(item.id), day)


def _check_amount(plan: Plan, item: Item, quantity: QuantityStanding, amount: float) -> None:
    """Question an amount that takes its content item's total far past the target: beyond it by
    more than the plan's ``max_change``, as a figure's slipped digit is (docs/methodology.md)."""
    total = quantity.achieved + amount
    limit = float(plan.info.max_change)
    if total > quantity.target * (1 + limit):
        raise ImplausibleAmount(
            id=item.id,
            content=quantity.content,
            amount=exact(amount),
            achieved=exact(quantity.achieved),
            total=exact(total),
            target=exact(quantity.target),
            unit=quantity.unit,
            limit=limit,
        )


def _check_repeated(
    standing: ItemStanding,
    on: dt.date,
    whole: bool,
    milestone: int | None,
    amount: float | None,
    content: int | None,
    cancel: str | None,
    note: str | None,
) -> None:
    """Question an event already recorded: the same day and the same thing done (the same note
    when nothing else is recorded), typed twice, would count twice."""
    what = (on, whole, milestone, amount, content, cancel)
    counts = whole or milestone is not None or amount is not None or cancel is not None
    for event in standing.events:
        same = (
            event.date,
            event.done,
            event.milestone,
            event.amount,
            event.content,
            event.cancelled,
        ) == what
        if same and (counts or event.note == note):
            raise RepeatedProgress(
                id=standing.item.id, recorded=moment(event.recorded), date=on.isoformat()
            )


def checked_text(event: ProgressEvent, item: Item, path: Path) -> str:
    """The event's file, read back through validation before it is written."""
    text = dump_event(event)
    doc, problems = parse_yaml(text, path)
    scratch = Checked({})
    back = _one(scratch, doc, doc.data, (), file_models.ProgressEvent)
    problems += scratch.problems
    if back is not None:
        problems += list(_event_rules(doc, back, item))
    if problems or back is None or from_model(entities.ProgressEvent, back) != event:
        raise DataInvalid(problems)
    return text


def record(
    data_dir: DataDir,
    plan: Plan,
    ref: str,
    request: Request,
    environ: Mapping[str, str],
    when: dt.datetime | None = None,
    waiting: Waiting | None = None,
) -> Progressed:
    """Record progress on the item ``ref``, in a new file of its own."""

    def edit(latest: Plan) -> Edit[Progressed]:
        wp, item, event = build(latest, ref, request, environ, when)
        if event is None:
            return Edit(Progressed(wp, item, None, None))
        relative = write.progress_file(wp.year, event)
        if data_dir.file(relative).exists():  # never over a record already there
            raise DataNotWritable(path=relative, detail="exists")
        text = checked_text(event, item, data_dir.file(relative))
        return Edit(Progressed(wp, item, event, relative), {relative: text})

    return commit(data_dir, plan, edit, waiting=waiting)


# what a blank cell in a row makes of it, at the row (and what a formula whose value the file
# never saved, itself a problem, would make of it too)
_BLANK = frozenset({"row-without-measure", "missing-actions", "missing-schedule"})


@dataclass(frozen=True)
class Imported:
    """The outcome of ``ipplan workplan-import``: the work plan file written and its items."""

    path: Path
    year: int
    items: int
    replaced: bool
    progress: int = 0  # the progress records written from the 状态 column


def import_table(
    data_dir: DataDir,
    plan: Plan,
    source: Path,
    year: int,
    *,
    title: str | None = None,
    issuer: str | None = None,
    issued: str | None = None,
    sheet: str | None = None,
    force: bool = False,
    encoding: str | None = None,
    today: dt.date | None = None,
    waiting: Waiting | None = None,
) -> Imported:
    """Read a table in the seed 004 shape and write it as ``workplans/YEAR.yaml``.

    All or nothing: every row is checked first, every problem is reported with its row (in a
    workbook, ``file!sheet:row``), and the file is written only if there is none (or ``force``)
    and the whole plan, the new work plan in it, passes validation. The change goes through
    :func:`ipplan.write.commit` like every other, so a refusal leaves every file as it was. A
    CSV table is read in ``encoding`` when given (see :func:`ipplan.files.tablefile.decode`);
    a workbook's sheet is the one ``sheet`` names, else the sheet of ``year``. The title,
    issuer and issue date are those given, else those the table states above its header row
    (as ipplan's own workbook does), else the title YEAR年工作计划. The table is read once,
    however often it is checked against the plan.
    """
    from ipplan.errors import (
        ImportRefused,
        IssuedOutOfRange,
        WorkPlanExists,
        WorkPlanNeedsActions,
        WorkPlanYearOutsidePlan,
    )
    from ipplan.files.tablefile import TableError
    from ipplan.workplans import tables

    if year not in plan.years:
        raise WorkPlanYearOutsidePlan(year=year, first=plan.years[0], last=plan.years[-1])
    if not plan.actions:
        raise WorkPlanNeedsActions(path=str(data_dir.path))
    title = clean_text(title, "--title")
    issuer = clean_text(issuer, "--issuer")
    issued_on = parse_date(issued) if issued is not None else None
    day = today or clock.today()
    first = plan.years[0]
    span = {"first": first}
    if issued_on is not None and not dt.date(first, 1, 1) <= issued_on <= day:
        raise IssuedOutOfRange(date=issued_on.isoformat(), first=first, today=day.isoformat())
    name = f"{WORKPLANS_DIR}/{year}.yaml"
    target = data_dir.file(name)
    read: list[tables.Table] = []

    def edit(latest: Plan) -> Edit[Imported]:
        replaced = target.exists()
        if replaced and not force:
            raise WorkPlanExists(path=str(target), year=year)
        if not read:
            try:
                read.append(tables.read_rows(source, encoding, year, sheet))
            except TableError as exc:
                raise ImportRefused([exc.problem], path=str(source)) from None
        table = read[0]
        where, problems = table.where, list(table.problems)
        drafts, more = tables.drafts(where, table.rows)
        # a formula without its value is a blank cell's one cause: no row-without-measure,
        # missing-actions or missing-schedule at its row besides
        unread = {p.line for p in problems if p.code == "formula-without-value"}
        more = [p for p in more if p.line not in unread or p.code not in _BLANK]
        taken = {
            item.id: f"{wp.path.name if wp.path else wp.year}"
            for wp, item in latest.work.items()
            if wp.year != year
        }
        keys = [ind.key for ind in latest.indicators]
        actions = [a.id for a in latest.actions]
        items, checked = tables.items(where, year, drafts, actions, taken, keys, day)
        problems += more + checked
        info, wrong = _stated(table, year, title, issuer, issued_on, (first, day))
        problems += wrong
        # a state's day before the plan began; one after today is state-in-future already,
        # and one after the plan's last year is progress made late, as `ipplan item` records it
        problems += [
            Problem(where, stated.row, "state-before-plan", {"date": str(stated.date), **span})
            for item in items
            for stated in item["progress"]
            if stated.date.year < first
        ]
        moves, left = _followed(latest, year, items) if replaced else ({}, [])
        problems += left
        if info["tracked"] is False:  # no progress of a plan that was not tracked
            problems += [
                Problem(where, stated.row, "state-not-tracked", {"id": item["id"], "year": year})
                for item in items
                for stated in item["progress"]
            ]
        if not items and not problems:
            problems.append(Problem(where, 1, "no-rows", {}))
        if problems:
            raise ImportRefused(sorted(problems, key=Problem.sort_key), path=str(source))
        # one change, stamped like every other, that undo takes back: the file removed, or
        # the one it replaced put back as it was
        moment = stamp(latest)
        text = tables.dump({"year": year, **info, "imported": moment}, items)
        moved = {new: old for old, new in moves.items() if new != old}
        if moved:  # for undo to move the progress back
            text += "moved:\n" + "".join(f"  {scalar(n)}: {scalar(o)}\n" for n, o in moved.items())
        if replaced:
            text += f"replaced: {scalar(_previous(target))}\n"
        writes: dict[str, str | None] = {name: text}
        carried = {new: latest.work.events_of(old) for old, new in moves.items()}
        writes.update(move_events(year, latest.work.events, moved))
        reported = _reported(year, items, carried, moment)
        for event in reported:
            writes[write.progress_file(year, event)] = dump_event(event)
        outcome = Imported(target, year, len(items), replaced, len(reported))
        return Edit(outcome, writes)

    return commit(data_dir, plan, edit, waiting=waiting)


def _key(measure: str, content: Sequence[str], schedule: Sequence[tuple[object, object]]) -> str:
    """What makes an item the same item in another table: its measure, content and schedule."""
    return repr((measure, tuple(content), tuple((str(p), t or None) for p, t in schedule)))


def _followed(
    latest: Plan, year: int, items: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, str], list[Problem]]:
    """Where the progress on the ``year`` work plan's items goes when a table replaces it:
    old id -> new id, for each item with progress. Progress follows its item, the one of the
    table with the same measure, content and schedule (under its own id first, else the first
    such item not yet taken), else the item of the same id and the same measure (edited, not
    replaced); progress whose item is in the table in neither way is a problem naming the
    item and its records, never re-attached to whatever item now has its id."""
    wp = latest.work.plan(year)
    new_keys = {
        str(new["id"]): _key(
            new["measure"],
            [c["text"] for c in new["content"]],
            [(m["period"], m["task"]) for m in new["schedule"]],
        )
        for new in items
    }
    measures = {str(new["id"]): new["measure"] for new in items}
    kept = [item for item in wp.items if latest.work.events_of(item.id)]
    keys = {
        item.id: _key(
            item.measure,
            [c.text for c in item.content],
            [(m.period, m.task) for m in item.schedule],
        )
        for item in kept
    }
    moves: dict[str, str] = {}
    for item in kept:  # the same item under the same id
        if new_keys.get(item.id) == keys[item.id]:
            moves[item.id] = item.id
    for item in kept:  # the same item under another id
        if item.id not in moves:
            taken = set(moves.values())
            found = [i for i, k in new_keys.items() if k == keys[item.id] and i not in taken]
            if found:
                moves[item.id] = found[0]
    problems: list[Problem] = []
    for item in kept:  # the item edited, under its own id
        if item.id in moves:
            continue
        if measures.get(item.id) == item.measure and item.id not in moves.values():
            moves[item.id] = item.id
            continue
        where = wp.path or Path(f"{WORKPLANS_DIR}/{year}.yaml")
        params = {
            "id": item.id,
            "measure": item.measure[:40],
            "count": len(latest.work.events_of(item.id)),
            "year": year,
        }
        line = wp.lines.get((item.id, 1), 1)
        problems.append(Problem(where, line, "progress-item-not-in-table", params))
    return moves, problems


def _reported(
    year: int,
    items: Sequence[Mapping[str, Any]],
    carried: Mapping[str, Sequence[ProgressEvent]],
    moment: dt.datetime,
) -> list[ProgressEvent]:
    """The progress records the 状态 column reports (each item's ``progress``), those not
    already recorded on the item (``carried``: new id -> the events that follow it): the events
    of the import's change, recorded at ``moment``, an item's second at ``moment`` plus a
    microsecond and so on (a record is a file named by its time), all within the change's
    millisecond (:data:`ipplan.write.TICK`), which no other change shares."""
    events: list[ProgressEvent] = []
    for item in items:
        item_id = str(item["id"])
        known = carried.get(item_id, ())
        reported: list[Stated] = item["progress"]
        order = 0
        for stated in reported:
            if _already(known, stated, len(item["schedule"])):
                continue
            events.append(
                ProgressEvent(
                    recorded=moment + dt.timedelta(microseconds=order),
                    item=item_id,
                    date=stated.date,
                    done=stated.milestone is None and stated.cancelled is None,
                    milestone=stated.milestone,
                    cancelled=stated.cancelled,
                )
            )
            order += 1
    return events


def _already(known: Sequence[ProgressEvent], stated: Stated, milestones: int) -> bool:
    """Whether the events ``known`` record what ``stated`` reports, as ``item`` leaves a
    repeated mark unchanged: the item cancelled; the item done (marked so, or each of its
    ``milestones`` done); the milestone done (itself, or the item marked done), whatever the
    day."""
    if stated.cancelled is not None:
        return any(e.cancelled is not None for e in known)
    if any(e.done for e in known):
        return True
    ticked = {e.milestone for e in known if e.milestone is not None}
    if stated.milestone is None:
        return milestones > 0 and ticked >= set(range(1, milestones + 1))
    return stated.milestone in ticked


def _previous(path: Path) -> str:
    """The work plan file an import replaces, as it is (a plan's file, read as validated)."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeError) as exc:
        raise DataNotWritable(path=str(path), detail=str(exc)) from None


def _stated(
    table: Table,
    year: int,
    title: str | None,
    issuer: str | None,
    issued: dt.date | None,
    between: tuple[int, dt.date],
) -> tuple[dict[str, object], list[Problem]]:
    """The work plan's title, issuer and issue date: as given, else as the table states them,
    else (the title) YEAR年工作计划; an issue date the table states that is no date, or not
    ``between`` the plan's first year and today, is a problem at its row. A 进度跟踪 row
    saying 未跟踪 (as ipplan's own workbook writes for a work plan transcribed afterwards)
    declares ``tracked: false``; one saying neither is a problem."""
    about = table.about
    problems: list[Problem] = []
    if issued is None and "issued" in about:
        row, value = about["issued"]
        try:
            issued = parse_date(value)
        except InvalidDate:
            problems.append(Problem(table.where, row, "invalid-issued", {"value": value[:40]}))
        first, day = between
        if issued is not None and not dt.date(first, 1, 1) <= issued <= day:
            params = {"date": issued.isoformat(), "first": first, "today": day.isoformat()}
            problems.append(Problem(table.where, row, "issued-out-of-range", params))
    from ipplan.workplans.tables import TRACKED

    tracked = None  # said only of a work plan whose progress was not kept
    if "tracked" in about:
        row, value = about["tracked"]
        said = [kept for kept, words in TRACKED.items() if value.strip().lower() in words]
        if said == [False]:
            tracked = False
        elif not said:
            params = {"value": value[:40], "words": "、".join(TRACKED[False] + TRACKED[True])}
            problems.append(Problem(table.where, row, "invalid-tracked", params))
    title = title or (about["title"][1] if "title" in about else None)
    issuer = issuer or (about["issuer"][1] if "issuer" in about else None)
    return {
        "title": title or f"{year}年工作计划",
        "issuer": issuer,
        "issued": issued.isoformat() if issued is not None else None,
        "tracked": tracked,
    }, problems
