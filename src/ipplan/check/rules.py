"""Validation: every data file's shape, then the rules that tie values and files together.

Each rule is a function that returns problems; all of them run, so one ``ipplan validate`` reports
every problem at once. Problems carry a stable code that tests and scripts match on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ipplan import clock
from ipplan import data as domain
from ipplan import units as unit_library
from ipplan.data import FIRST_YEAR, LAST_YEAR
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_scalars import Loc
from ipplan.problems import Problem, suggest
from ipplan.text.typed_input import MAX_VALUE, control_character

# pydantic and the models are imported where a file is checked against its schema: a writer
# checking a record it wrote in ipplan's own layout (check_records) needs neither.
if TYPE_CHECKING:
    from ipplan.file_models import PlanInfo
from ipplan.check import read

# --- rules -------------------------------------------------------------------------------------

Rule = Callable[[read.Checked], Iterable[Problem]]


def _duplicates(doc: Document, items: Iterable[tuple[Loc, Any]], code: str) -> Iterator[Problem]:
    first: dict[Any, Loc] = {}
    for loc, value in items:
        if value in first:
            yield Problem(
                doc.path, doc.line(loc), code, {"value": value, "first": doc.line(first[value])}
            )
        else:
            first[value] = loc


def _value_problems(
    doc: Document, loc: Loc, value: float, unit: unit_library.Unit | None
) -> Iterator[Problem]:
    """Whether ``value`` is a finite number its unit admits (any number for an unknown unit,
    which is a problem of its own)."""
    if isinstance(value, float) and not math.isfinite(value):
        yield Problem(doc.path, doc.line(loc), "not-finite", {"value": repr(value)})
        return
    if abs(value) > MAX_VALUE:
        yield Problem(
            doc.path, doc.line(loc), "value-too-large", {"value": value, "limit": MAX_VALUE}
        )
        return
    if unit is None:
        return
    if not unit.in_range(value):
        yield Problem(
            doc.path,
            doc.line(loc),
            "out-of-range",
            {"value": value, "unit": unit.symbol, "low": unit.low, "high": unit.high},
        )
    elif unit.whole and value != int(value):
        yield Problem(
            doc.path, doc.line(loc), "not-whole-number", {"value": value, "unit": unit.symbol}
        )


def rule_plan(c: read.Checked) -> Iterator[Problem]:
    if c.plan is None:
        return
    doc, plan = c.docs["indicators"], c.plan
    for end in ("baseline_year", "target_year"):
        year = getattr(plan, end)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            yield Problem(
                doc.path,
                doc.line(("plan", end)),
                "implausible-year",
                {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
    if plan.baseline_year >= plan.target_year:
        yield Problem(
            doc.path,
            doc.line(("plan", "target_year")),
            "invalid-plan-years",
            {"baseline": plan.baseline_year, "target": plan.target_year},
        )
    t = plan.thresholds
    if not t.on_track > t.needs_acceleration > t.lagging:
        yield Problem(
            doc.path,
            doc.line(("plan", "thresholds")),
            "invalid-thresholds",
            {
                "on_track": t.on_track,
                "needs_acceleration": t.needs_acceleration,
                "lagging": t.lagging,
            },
        )
    if not (math.isfinite(plan.rollup_tolerance) and plan.rollup_tolerance >= 0):
        yield Problem(
            doc.path,
            doc.line(("plan", "rollup_tolerance")),
            "invalid-rollup-tolerance",
            {"value": plan.rollup_tolerance},
        )
    if plan.max_change <= 0:
        yield Problem(
            doc.path,
            doc.line(("plan", "max_change")),
            "invalid-max-change",
            {"value": plan.max_change},
        )


def _ambiguous_names(
    doc: Document, indicators: read.Indexed[domain.Indicator]
) -> Iterator[Problem]:
    """A name (Chinese or English) that is a bare number, or another indicator's key or name,
    would make ``ipplan record NAME`` mean two indicators: the number, key or name is taken."""
    keys = {ind.key.casefold(): ind.key for _, ind in indicators}
    names: dict[str, str] = {}
    for _, ind in indicators:
        for name in (ind.name, ind.name_en):
            names.setdefault(name.strip().casefold(), ind.key)
    for loc, ind in indicators:
        for field_name in ("name", "name_en"):
            name = getattr(ind, field_name)
            folded = name.strip().casefold()
            other = keys.get(folded) or names.get(folded)
            if folded.isdecimal():
                params = {"name": name, "reason": "number"}
            elif other is not None and other != ind.key:
                params = {"name": name, "reason": "other", "other": other}
            else:
                continue  # a line is looked up only for a problem (see yaml_document.Document)
            yield Problem(doc.path, doc.line((*loc, field_name)), "ambiguous-name", params)


def rule_indicators(c: read.Checked) -> Iterator[Problem]:
    doc, plan = c.docs["indicators"], c.plan
    yield from _duplicates(doc, _raw_values(doc, "indicators", "key"), "duplicate-indicator-key")
    yield from _duplicates(
        doc, _raw_values(doc, "indicators", "number"), "duplicate-indicator-number"
    )
    yield from _ambiguous_names(doc, c.indicators)
    units = c.units
    for loc, ind in c.indicators:
        unit = units.get(ind.unit)
        if unit is None:
            yield Problem(
                doc.path,
                doc.line((*loc, "unit")),
                "unknown-unit",
                {"unit": ind.unit, "suggest": suggest(ind.unit, list(units))},
            )
        if ind.accumulate is not None and ind.direction != "increase":
            yield Problem(
                doc.path, doc.line((*loc, "direction")), "cumulative-direction", {"key": ind.key}
            )
        for end, point in (("baseline", ind.baseline), ("target", ind.target)):
            if point is None:
                continue
            expected = None if plan is None else getattr(plan, f"{end}_year")
            if expected is not None and point.year != expected:
                yield Problem(
                    doc.path,
                    doc.line((*loc, end, "year")),
                    f"{end}-year-mismatch",
                    {"key": ind.key, "year": point.year, "expected": expected},
                )
            if point.value is not None:  # a target pending (目标待定) has none yet
                yield from _value_problems(doc, (*loc, end, "value"), point.value, unit)
        if ind.baseline_pending and ind.baseline is not None:
            yield Problem(
                doc.path,
                doc.line((*loc, "baseline_pending")),
                "baseline-pending-given",
                {"key": ind.key},
            )
        yield from _milestone_problems(doc, loc, ind, plan, unit)
        yield from _direction_problems(doc, loc, ind)
        if ind.max_change is not None and ind.max_change <= 0:
            yield Problem(
                doc.path,
                doc.line((*loc, "max_change")),
                "invalid-max-change",
                {"value": ind.max_change},
            )


def _direction_problems(doc: Document, loc: Loc, ind: domain.Indicator) -> Iterator[Problem]:
    """A target on the wrong side of the baseline for the indicator's direction (a decrease
    to a higher value): status would call the indicator achieved before any change, and its
    progress would count backwards. A target equal to its baseline holds a level, as
    docs/methodology.md allows. A cumulative indicator's baseline is the previous period's
    total, for information only, and an indicator without a baseline has nothing to compare."""
    if ind.baseline is None or ind.accumulate is not None or ind.target.value is None:
        return
    baseline, target = ind.baseline.value, ind.target.value
    if ind.sign * (target - baseline) < 0:
        params = {"key": ind.key, "direction": ind.direction, "baseline": baseline}
        yield Problem(
            doc.path,
            doc.line((*loc, "target", "value")),
            "target-against-direction",
            {**params, "target": target},
        )


def rule_official_baselines(c: read.Checked) -> Iterator[Problem]:
    """An official baseline figure is for the plan's baseline year, in the indicator's unit."""
    doc, plan = c.docs["indicators"], c.plan
    for loc, ind in c.indicators:
        official = ind.official_baseline
        if official is None:
            continue
        if plan is not None and official.year != plan.baseline_year:
            yield Problem(
                doc.path,
                doc.line((*loc, "official_baseline", "year")),
                "official-baseline-year-mismatch",
                {"key": ind.key, "year": official.year, "expected": plan.baseline_year},
            )
        yield from _value_problems(
            doc, (*loc, "official_baseline", "value"), official.value, c.units.get(ind.unit)
        )


def _milestone_problems(
    doc: Document,
    loc: Loc,
    ind: domain.Indicator,
    plan: PlanInfo | domain.PlanInfo | None,
    unit: unit_library.Unit | None,
) -> Iterator[Problem]:
    """Milestones lie strictly between the baseline year and the target year, once per year."""
    first = ind.baseline.year if ind.baseline else plan.baseline_year if plan else None
    yield from _duplicates(
        doc,
        (((*loc, "milestones", j, "year"), m.year) for j, m in enumerate(ind.milestones)),
        "duplicate-milestone",
    )
    for j, milestone in enumerate(ind.milestones):
        where = (*loc, "milestones", j)
        if (first is not None and milestone.year <= first) or milestone.year >= ind.target.year:
            yield Problem(
                doc.path,
                doc.line((*where, "year")),
                "milestone-year",
                {
                    "key": ind.key,
                    "year": milestone.year,
                    "first": "?" if first is None else first + 1,
                    "last": ind.target.year - 1,
                },
            )
        yield from _value_problems(doc, (*where, "value"), milestone.value, unit)


def rule_units(c: read.Checked) -> Iterator[Problem]:
    """Each unit is declared once, with a range that has room for a value."""
    doc = c.docs["indicators"]
    yield from _duplicates(doc, _raw_values(doc, "units", "symbol"), "duplicate-unit")
    for loc, unit in c.declared_units:
        bounds = [unit.min] if unit.max is None else [unit.min, unit.max]
        if not all(math.isfinite(b) and abs(b) <= MAX_VALUE for b in bounds) or (
            unit.max is not None and unit.max <= unit.min
        ):
            yield Problem(
                doc.path,
                doc.line((*loc, _culprit(unit.min, unit.max, _raw(doc, loc)))),
                "invalid-unit-range",
                {"unit": unit.symbol, "low": unit.min, "high": unit.max},
            )


def _culprit(low: float, high: float | None, raw: dict[str, Any]) -> str:
    """The field of a unit's range to point at: a bound out of bounds, else max, else min."""
    if not (math.isfinite(low) and abs(low) <= MAX_VALUE) and "min" in raw:
        return "min"
    return "max" if "max" in raw else "min" if "min" in raw else "symbol"


def _raw(doc: Document, loc: Loc) -> dict[str, Any]:
    """The raw mapping at ``loc`` (empty when it is not one)."""
    data: Any = doc.data
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def rule_actions(c: read.Checked) -> Iterator[Problem]:
    doc = c.docs["tasks"]
    yield from _duplicates(doc, _raw_values(doc, "areas", "id"), "duplicate-area-id")
    yield from _duplicates(doc, _raw_values(doc, "actions", "id"), "duplicate-action-id")
    areas = _raw_ids(c.docs["tasks"], "areas", "id")
    keys = _indicator_keys(c)
    for loc, action in c.actions:
        if areas is not None and action.area not in areas:
            yield Problem(
                doc.path,
                doc.line((*loc, "area")),
                "unknown-area",
                {"area": action.area, "known": sorted(areas)},
            )
        if keys is None:
            continue
        for j, key in enumerate(action.indicators):
            if key not in keys:
                yield Problem(
                    doc.path,
                    doc.line((*loc, "indicators", j)),
                    "unknown-indicator",
                    {"ref": key, "suggest": suggest(key, keys)},
                )


def _owners(c: read.Checked, name: str, section: str) -> Iterator[tuple[str, Document, int]]:
    """Every place an owner (indicator, action) of records is named, with its file and line:
    each key of a single file of earlier versions, and each record file."""
    doc = c.docs.get(name)
    if doc is not None and not doc.broken and isinstance(doc.data, dict):
        keys = doc.data.get(section)
        if isinstance(keys, dict):
            for key in keys:
                yield key, doc, doc.line((section, key))
    groups: dict[str, list[read.Found[Any]]] = {**c.actuals} if name == "actuals" else {**c.updates}
    for key, entries in groups.items():
        for entry in entries:
            if not entry.legacy:
                yield key, entry.doc, 1


def rule_actuals(c: read.Checked) -> Iterator[Problem]:
    plan = c.plan
    by_key = {ind.key: ind for _, ind in c.indicators}
    units = c.units
    known = _indicator_keys(c)
    if known is not None:
        for key, doc, line in _owners(c, "actuals", "actuals"):
            if key not in known:
                params = {"ref": key, "suggest": suggest(key, known)}
                yield Problem(doc.path, line, "unknown-indicator", params)
        for written in c.baselines:  # a pending baseline written in names its indicator
            key = written.item.indicator
            if key not in known:
                params = {"ref": key, "suggest": suggest(key, known)}
                where = written.doc.line(("indicator",))
                yield Problem(written.doc.path, where, "unknown-indicator", params)
    for key, entries in c.actuals.items():
        indicator = by_key.get(key)
        if indicator is None:
            continue
        legacy = [e for e in entries if e.legacy]
        if legacy:
            yield from _duplicates(
                legacy[0].doc, (((*e.loc, "year"), e.item.year) for e in legacy), "duplicate-year"
            )
        for found in entries:
            entry, doc = found.item, found.doc
            if plan is not None and not plan.baseline_year < entry.year <= plan.target_year:
                yield Problem(
                    doc.path,
                    found.line("year"),
                    "year-outside-plan",
                    {"year": entry.year, "first": plan.baseline_year + 1, "last": plan.target_year},
                )
            unit = units.get(indicator.unit)
            yield from _figure_problems(doc, found.loc, entry, unit)
            for j, old in enumerate(entry.history):
                yield from _figure_problems(doc, (*found.loc, "history", j), old, unit)


def _figure_problems(
    doc: Document,
    loc: Loc,
    entry: domain.Actual | domain.Revision,
    unit: unit_library.Unit | None,
) -> Iterator[Problem]:
    """A recorded figure (an actual or one of its revisions): its value within its unit, or,
    recorded as not published, no value and where that was checked (docs/methodology.md,
    "Not published")."""
    if entry.not_published:
        if entry.value is not None:
            params = {"value": entry.value}
            yield Problem(doc.path, doc.line((*loc, "value")), "not-published-with-value", params)
        if entry.source is None:
            yield Problem(doc.path, doc.line((*loc, "not_published")), "not-published-source", {})
    elif entry.value is None:
        if doc.line((*loc, "value")) in doc.flagged:  # not a number: said where it was read
            return
        field = ".".join(str(part) for part in (*loc, "value"))
        yield Problem(doc.path, doc.line(loc), "missing-field", {"field": field})
    else:
        yield from _value_problems(doc, (*loc, "value"), entry.value, unit)


def rule_task_log(c: read.Checked) -> Iterator[Problem]:
    ids = _raw_ids(c.docs["tasks"], "actions", "id")
    if ids is None:
        return
    for action_id, doc, line in _owners(c, "task_log", "updates"):
        if action_id not in ids:
            params = {"ref": action_id, "suggest": suggest(action_id, ids)}
            yield Problem(doc.path, line, "unknown-action", params)


def rule_recorded_times(c: read.Checked) -> Iterator[Problem]:
    """Each action update has a recorded time of its own: shared with another update or with a
    recorded value, ``ipplan undo`` could not revert one change without the other. (The values
    of one import share their time: they are one change, and undone together.)"""
    taken: dict[dt.datetime, read.Found[Any]] = {}  # where each time is first recorded
    for entries in c.actuals.values():
        for found in entries:
            for moment in (found.item.recorded, *(r.recorded for r in found.item.history)):
                if moment is not None:
                    taken.setdefault(clock.aware(moment), found)
    updates = [u for entries in c.updates.values() for u in entries]
    for update in sorted(updates, key=lambda u: (str(u.doc.path), u.line())):
        moment = clock.aware(update.item.recorded)
        other = taken.get(moment)
        if other is not None:
            params = {
                "time": update.item.recorded.isoformat(),
                "other": f"{other.doc.path}:{other.line()}",
            }
            yield Problem(
                update.doc.path, update.line("recorded"), "duplicate-recorded-time", params
            )
        else:
            taken[moment] = update


def rule_times_in_future(c: read.Checked) -> Iterator[Problem]:
    """No change was recorded in the future: a recorded time :data:`ipplan.clock.SKEW` (five
    minutes) or more ahead of the clock is a problem at its line. Taken for the latest change,
    it would be what ``ipplan undo`` reverts first, and every change after it would be
    stamped after it, inheriting the wrong year."""
    reference = clock.now()
    shown = reference.isoformat(timespec="seconds")

    def problem(doc: Document, line: int, moment: dt.datetime) -> Problem:
        params = {"time": moment.isoformat(timespec="seconds"), "now": shown}
        return Problem(doc.path, line, "time-in-future", params)

    for entries in c.actuals.values():
        for found in entries:
            item = found.item
            if item.recorded is not None and clock.in_future(item.recorded, reference):
                yield problem(found.doc, found.line("recorded"), item.recorded)
            for j, old in enumerate(item.history):
                if old.recorded is not None and clock.in_future(old.recorded, reference):
                    yield problem(found.doc, found.line("history", j, "recorded"), old.recorded)
    for updates in c.updates.values():
        for update in updates:
            if clock.in_future(update.item.recorded, reference):
                yield problem(update.doc, update.line("recorded"), update.item.recorded)
    for doc, _, event in c.progress:
        if clock.in_future(event.recorded, reference):
            yield problem(doc, doc.line(("recorded",)), event.recorded)


def rule_text(c: read.Checked) -> Iterator[Problem]:
    """No key or text in any file holds a terminal control character."""
    for doc in c.docs.values():
        if not doc.broken and not doc.plain:
            for loc, value in _strings(doc.data, ()):
                found = control_character(value)
                if found is not None:
                    yield Problem(doc.path, doc.line(loc), "control-character", {"char": found})


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*loc, key), key
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, (*loc, index))


def _indicator_keys(c: read.Checked) -> set[str] | None:
    return _raw_ids(c.docs["indicators"], "indicators", "key")


def _raw_values(doc: Document, section: str, name: str) -> list[tuple[Loc, Any]]:
    """Field ``name`` of every item in the list ``section``, with its location.

    Read from the raw data, so that an item failing its schema for another field still counts:
    its id is neither reported as a duplicate twice over nor as unknown where it is used.
    """
    if doc.broken or not isinstance(doc.data, dict):
        return []
    items = doc.data.get(section)
    if not isinstance(items, list):
        return []
    return [
        ((section, i, name), item[name])
        for i, item in enumerate(items)
        if isinstance(item, dict)
        and isinstance(item.get(name), str | int)
        and not isinstance(item.get(name), bool)
    ]


def _raw_ids(doc: Document, section: str, name: str) -> set[str] | None:
    """The ids the file declares, even on items that fail their schema; None if unreadable, or
    if an item's id cannot be read (misspelled, say): references to it are then not judged, so
    that one typo is one problem, where it is, rather than one more at every reference."""
    if doc.broken or not isinstance(doc.data, dict) or not isinstance(doc.data.get(section), list):
        return None
    found = _raw_values(doc, section, name)
    if len(found) < len(doc.data[section]):
        return None
    return {str(value) for _, value in found}


RULES: list[Rule] = [
    rule_plan,
    rule_units,
    rule_indicators,
    rule_official_baselines,
    rule_actions,
    rule_actuals,
    rule_task_log,
    rule_recorded_times,
    rule_times_in_future,
    rule_text,
]
