"""Changes to the plan's own files: recording an actual, and updating an action.

Every change follows one path: check the input against the loaded plan, build the new file,
validate the whole result as it will be read back, and only then write it atomically. A refused
change leaves every file as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

from ipplan.assess import Assessment, assess
from ipplan.errors import (
    BaselineYear,
    DataInvalid,
    InvalidDate,
    NotANumber,
    NotWholeNumber,
    ValueAlreadyRecorded,
    ValueOutOfRange,
    YearOutsidePlan,
)
from ipplan.models import UNIT_RULES, ActionUpdate, Actual, Indicator, Revision
from ipplan.plan import ActionState, Plan
from ipplan.status import Status
from ipplan.store import DataDir, atomic_write, ensure_writable, read_documents
from ipplan.validate import check
from ipplan.writer import dump_actuals, dump_task_log
from ipplan.yamlio import parse

Value = int | float


@dataclass(frozen=True)
class Recorded:
    """The outcome of ``ipplan record``."""

    indicator: Indicator
    actual: Actual
    replaced: Actual | None
    assessment: Assessment
    unchanged: bool = False  # the same value was already recorded; nothing was written


def parse_value(text: str) -> Value:
    """A typed value as a number: an integer when it has no fraction, else a float."""
    cleaned = text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        raise NotANumber(value=text) from None
    if not math.isfinite(number):
        raise NotANumber(value=text)
    return int(number) if number.is_integer() and "." not in cleaned else number


def check_value(indicator: Indicator, value: Value) -> Value:
    """``value`` if the indicator's unit admits it; counts come back as integers."""
    rule = UNIT_RULES[indicator.unit]
    if value < rule.low or (rule.high is not None and value > rule.high):
        raise ValueOutOfRange(
            value=value, unit=indicator.unit, low=rule.low, high=rule.high, key=indicator.key
        )
    if rule.whole:
        if value != int(value):
            raise NotWholeNumber(value=value, unit=indicator.unit, key=indicator.key)
        return int(value)
    return value


def check_year(plan: Plan, year: int) -> None:
    if year == plan.info.baseline_year:
        raise BaselineYear(year=year)
    if year not in plan.years:
        raise YearOutsidePlan(year=year, first=plan.years[0], last=plan.years[-1])


def now() -> dt.datetime:
    """The time a change is recorded: local time with its offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


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
    value_text: str,
    *,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
    when: dt.datetime | None = None,
) -> Change:
    """Check one value against the plan and build the actual it would record.

    Raises the domain error that says what is wrong. The same value again (with no new source
    or note) is ``unchanged``; a different one needs ``force`` and keeps the old one in history.
    """
    indicator = plan.indicator(indicator_ref)
    check_year(plan, year)
    value = check_value(indicator, parse_value(value_text))
    existing = next((a for a in plan.actuals[indicator.key] if a.year == year), None)
    if existing is not None and not force:
        if (
            existing.value == value
            and _text(source) in (None, existing.source)
            and _text(note) in (None, existing.note)
        ):
            return Change(indicator, existing, None, unchanged=True)
        raise ValueAlreadyRecorded(key=indicator.key, year=year, value=existing.value, new=value)
    history: list[Revision] = []
    if existing is not None:
        history = [
            *existing.history,
            Revision(
                value=existing.value,
                source=existing.source,
                note=existing.note,
                recorded=existing.recorded,
            ),
        ]
    actual = Actual(
        year=year,
        value=value,
        source=_text(source),
        note=_text(note),
        recorded=when or now(),
        history=history,
    )
    return Change(indicator, actual, existing, unchanged=False)


def apply(plan: Plan, changes: list[Change]) -> dict[str, tuple[Actual, ...]]:
    """The plan's actuals with ``changes`` made, each replacing any actual for its year."""
    actuals = dict(plan.actuals)
    for change in changes:
        if change.unchanged:
            continue
        key, year = change.indicator.key, change.actual.year
        kept = [a for a in actuals[key] if a.year != year]
        actuals[key] = (*kept, change.actual)
    return actuals


def write_actuals(data_dir: DataDir, plan: Plan, actuals: dict[str, tuple[Actual, ...]]) -> None:
    """Validate the whole data directory with these actuals, then write actuals.yaml."""
    text = dump_actuals(actuals, [ind.key for ind in plan.indicators])
    _write_checked(data_dir, "actuals", text)


def record(
    data_dir: DataDir,
    plan: Plan,
    year: int,
    indicator_ref: str,
    value_text: str,
    *,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
    when: dt.datetime | None = None,
) -> Recorded:
    """Record ``value_text`` as the ``year``-end actual of an indicator and write actuals.yaml."""
    ensure_writable(data_dir)
    change = prepare(
        plan, year, indicator_ref, value_text, source=source, note=note, force=force, when=when
    )
    indicator = change.indicator
    if change.unchanged:
        assessment = assess(indicator, plan.actuals[indicator.key], plan.info.thresholds)
        return Recorded(indicator, change.actual, None, assessment, unchanged=True)
    actuals = apply(plan, [change])
    write_actuals(data_dir, plan, actuals)
    assessment = assess(indicator, actuals[indicator.key], plan.info.thresholds)
    return Recorded(indicator, change.actual, change.replaced, assessment)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
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
    when: dt.datetime | None = None,
) -> tuple[ActionState, bool]:
    """Record a dated update to an action; returns its new state and whether anything changed.

    Fields equal to what the action already has are left out; with nothing left, nothing is
    written.
    """
    ensure_writable(data_dir)
    action = plan.action(action_ref)
    current = plan.state(action)
    due_date = parse_date(due) if due is not None else None
    update = ActionUpdate(
        recorded=when or now(),
        status=status if status is not None and status != current.status else None,
        lead=_text(lead) if _text(lead) not in (None, current.lead) else None,
        due=due_date if due_date is not None and due_date != current.due else None,
        note=_text(note),
    )
    if update.status is None and update.lead is None and update.due is None and not update.note:
        return current, False
    updates = {**plan.updates, action.id: (*plan.updates.get(action.id, ()), update)}
    text = dump_task_log(updates, [a.id for a in plan.actions])
    _write_checked(data_dir, "task_log", text)
    changed = dataclasses.replace(plan, updates=updates)
    return changed.state(action), True


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def _write_checked(data_dir: DataDir, name: str, text: str) -> None:
    """Validate the data directory as it will be once ``text`` replaces file ``name``; write."""
    docs, problems = read_documents(data_dir)
    new_doc, parse_problems = parse(text, data_dir.file(name))
    docs[name] = new_doc
    problems = [p for p in problems if p.path != new_doc.path] + parse_problems
    problems += check(docs).problems
    if problems:
        raise DataInvalid(problems)
    atomic_write(data_dir.file(name), text)
