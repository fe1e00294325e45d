"""Recording an actual: the year-end figure of an indicator, checked by
:mod:`ipplan.value_rules` and written through :func:`ipplan.write.commit`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ipplan import clock
from ipplan.assess import Assessment, assess
from ipplan.data import Actual, Indicator, Revision
from ipplan.errors import (
    BaselineNotEditable,
    BaselineNotPublished,
    BaselineYear,
    NotPublishedAlreadyRecorded,
    NotPublishedNeedsSource,
    NotPublishedWithValue,
    RecordValueMissing,
    ValueAlreadyRecorded,
    ValueRecordedNotPublished,
)
from ipplan.files.layout import DataDir
from ipplan.files.lock import Waiting
from ipplan.files.record_text import dump_actual
from ipplan.plan import Plan
from ipplan.text.typed_input import Value, clean_text, parse_value
from ipplan.value_rules import check_ended, check_plausible, check_value, check_year
from ipplan.write import Edit, actual_file, commit, stamp


class Recorded(NamedTuple):
    """The outcome of ``ipplan record``."""

    indicator: Indicator
    actual: Actual
    replaced: Actual | None
    assessment: Assessment
    unchanged: bool = False  # the same value was already recorded; nothing was written


class Change(NamedTuple):
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
    accept_jump: bool = False,
    when: dt.datetime | None = None,
    today: dt.date | None = None,
    plausible: bool = True,
    fields: tuple[str, str] = ("--source", "--note"),
    not_published: bool = False,
    basis_change: str | None = None,
) -> Change:
    """Check one value against the plan and build the actual it would record.

    Raises the domain error that says what is wrong. The same value again (with no new source
    or note) is ``unchanged``; a source or note given as empty text clears it; the same value
    with a new source or note replaces the entry
    without ``force``, keeping the earlier one in history; a different value needs ``force``
    and keeps the old one in history. A year that has not ended on ``today`` (the judgement
    day when not given) has no year-end figure yet.
    Unless ``accept_jump`` (or ``plausible`` is false, for a caller that checks the whole batch
    itself), a value far from its neighbour year's, or a first value far from the target, is
    refused as a likely typing slip; ``force`` only replaces a value already recorded.
    ``fields`` name the source and the note as the person typed them, in messages.
    With ``not_published`` (and no value), it records that the figure was not published,
    checked where ``source`` says (docs/methodology.md, "Not published"); ``basis_change``
    marks a change of counting basis, kept on the year's record until another one is given.
    """
    indicator = plan.indicator(indicator_ref)
    check_year(plan, year)
    check_ended(year, clock.judgement_day(None) if today is None else today)
    # given empty (--note ""), a source or note is cleared; not given, it is kept
    clearing = (source is not None, note is not None)
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
        # The same figure with a new source or note: nothing recorded is contradicted, so no
        # --force; what is not given is kept, and the earlier metadata goes into history.
        if source is None and not clearing[0]:
            source = existing.source
        if note is None and not clearing[1]:
            note = existing.note
        if (source, note) == (existing.source, existing.note) and basis in (
            None,
            existing.basis_change,
        ):
            return Change(indicator, existing, None, unchanged=True)
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
    if plausible and not accept_jump and not same_value and value is not None:
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
    accept_jump: bool = False,
    when: dt.datetime | None = None,
    waiting: Waiting | None = None,
    not_published: bool = False,
    basis_change: str | None = None,
) -> Recorded:
    """Record ``value_text`` as the ``year``-end actual of an indicator, in its record file;
    with ``not_published``, that the figure was not published (:func:`prepare`)."""
    today = clock.judgement_day(None)

    def edit(latest: Plan) -> Edit[Recorded]:
        change = prepare(
            latest,
            year,
            indicator_ref,
            value_text,
            source=source,
            note=note,
            force=force,
            accept_jump=accept_jump,
            when=when,
            today=today,
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


# --- a pending baseline written in ---------------------------------------------------------------


class BaselineSet(NamedTuple):
    """The outcome of ``ipplan record`` for the baseline year of a pending baseline."""

    indicator: Indicator
    year: int
    value: Value
    source: str | None
    note: str | None = None


def fills_baseline(plan: Plan, year: int, indicator_ref: str) -> bool:
    """Whether recording ``year`` for the indicator ``indicator_ref`` names sets its baseline:
    the plan's baseline year, of a baseline marked pending and not written in yet (a successor's
    or a member plan's, docs/writing-a-plan.md "The next plan")."""
    from ipplan.timeliness import is_baseline_pending

    if year != plan.info.baseline_year:
        return False
    return is_baseline_pending(plan.indicator(indicator_ref))


_BASELINE = re.compile(r"(?P<indent>[ ]+)baseline:[ ]*(?:null|~)[ ]*(?:#.*)?")
_PENDING = re.compile(r"[ ]+baseline_pending:[ ]*true[ ]*(?:#.*)?")


def baseline_text(text: str, lines: tuple[int, int], year: int, value: Value, note: str) -> str:
    """indicators.yaml as ``text`` with the pending baseline at ``lines`` (its ``baseline:``
    and its ``baseline_pending:`` line, 1-based) written in: ``baseline: {year, value}`` with
    ``note`` as a comment, and the pending mark gone. Raises :class:`BaselineNotEditable` when
    the two lines are not as ``ipplan new`` writes them, so that nothing else is touched."""
    rows = text.splitlines(keepends=True)
    at, mark = lines[0] - 1, lines[1] - 1
    found = _BASELINE.fullmatch(rows[at].rstrip("\r\n")) if 0 <= at < len(rows) else None
    if found is None or not 0 <= mark < len(rows) or not _PENDING.fullmatch(rows[mark].rstrip()):
        raise BaselineNotEditable(year=year)
    ending = "\r\n" if rows[at].endswith("\r\n") else "\n"
    shown = f"{found['indent']}baseline: {{year: {year}, value: {value!r}}}"
    rows[at] = f"{shown}  # {note}{ending}" if note else shown + ending
    del rows[mark]
    return "".join(rows)


def written_in(
    text: str,
    path: Path,
    key: str,
    year: int,
    value: Value,
    source: str | None,
    note: str | None,
) -> str:
    """indicators.yaml as ``text`` (read from ``path``) with the pending baseline of ``key``
    written in (:func:`baseline_text`), its source and note as the comment beside it: what
    ``record`` writes, and what undo expects to find before it puts ``text`` back. Raises
    :class:`BaselineNotEditable` when the indicator is not there as ``ipplan new`` writes it."""
    from ipplan.files.yaml_read import parse

    doc, _ = parse(text, path)
    entries = doc.data.get("indicators", []) if isinstance(doc.data, dict) else []
    index = next(
        (i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("key") == key), None
    )
    if index is None:
        raise BaselineNotEditable(year=year)
    lines = (
        doc.line(("indicators", index, "baseline")),
        doc.line(("indicators", index, "baseline_pending")),
    )
    said = [f"source: {source}"] if source else []
    said += [f"note: {note}"] if note else []
    return baseline_text(text, lines, year, value, "; ".join(said))


def set_baseline(
    data_dir: DataDir,
    plan: Plan,
    year: int,
    indicator_ref: str,
    value_text: str | None,
    *,
    source: str | None = None,
    note: str | None = None,
    not_published: bool = False,
    waiting: Waiting | None = None,
) -> BaselineSet:
    """Write ``value_text`` into indicators.yaml as the pending baseline of an indicator
    (:func:`fills_baseline`), its source and note as a comment beside it, through the same checked
    change as every record (:func:`ipplan.write.commit`): the whole plan is validated as it
    will be before the file is replaced, so a refusal changes nothing. In the same change, a
    dated record of it (``baselines/<stamp>.yaml``) keeps indicators.yaml's text before, so that
    ``history`` lists it and ``undo`` puts that text back (:mod:`ipplan.history`)."""
    from ipplan.files.layout import BASELINES, FILES, stamp_name
    from ipplan.files.record_text import dump_baseline
    from ipplan.files.yaml_read import read_regular
    from ipplan.timeliness import is_baseline_pending

    if not_published:
        raise BaselineNotPublished(year=year)
    if value_text is None:
        raise RecordValueMissing()
    check_ended(year, clock.judgement_day(None))
    cleaned, remark = clean_text(source, "--source"), clean_text(note, "--note")

    def edit(latest: Plan) -> Edit[BaselineSet]:
        indicator = latest.indicator(indicator_ref)
        if not is_baseline_pending(indicator):
            raise BaselineYear(year=year)  # written in meanwhile: a baseline like any other
        value = check_value(
            latest, indicator, parse_value(value_text, indicator.unit, list(latest.units))
        )
        path = data_dir.file(FILES["indicators"])
        text = read_regular(path).decode("utf-8")
        new = written_in(text, path, indicator.key, year, value, cleaned, remark)
        outcome = BaselineSet(indicator, year, value, cleaned, remark)
        made = stamp(latest)
        kept = dump_baseline(made, indicator.key, year, value, cleaned, remark, text)
        writes: dict[str, str | None] = {FILES["indicators"]: new}
        writes[BASELINES.relative(stamp_name(made))] = kept
        return Edit(outcome, writes)

    return commit(data_dir, plan, edit, waiting=waiting)
