"""Validation: every data file's shape, then the rules that tie values and files together.

Each rule is a function that returns problems; all of them run, so one ``ipplan validate`` reports
every problem at once. Problems carry a stable code that tests and scripts match on.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from ipplan import clock
from ipplan import data as domain
from ipplan import units as unit_library
from ipplan.data import FIRST_YEAR, LAST_YEAR
from ipplan.files import layout
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_scalars import Loc
from ipplan.problems import Problem, suggest
from ipplan.text.typed_input import MAX_VALUE, control_character

# pydantic and the models are imported where a file is checked against its schema: a writer
# checking a record it wrote in ipplan's own layout (check_records) needs neither.
if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

    from ipplan.file_models import ActionUpdate, Area, PlanInfo, UnitDeclaration
    from ipplan.plan import Plan
    from ipplan.workplans.model import ProgressEvent

M = TypeVar("M", bound="BaseModel")
R = TypeVar("R")  # a checked record: a pydantic model, or the plan's own record

_EXPECTED = {
    "int_type": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "string_type": "text",
    "bool_type": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "datetime_type": "datetime",
    "datetime_parsing": "datetime",
    "datetime_from_date_parsing": "datetime",
}
_UNION_BRANCHES = {"int", "float", "constrained-int", "constrained-float"}

Indexed = list[tuple[Loc, R]]


@dataclass(frozen=True, slots=True)
class Found(Generic[R]):
    """A record read from a file: where it is, and where its owner (indicator, action) is named.

    A record file names its owner in its path, so ``owner`` is the file's first line; a record in
    one of the single files of earlier versions (``legacy``) names it by a key in that file.
    """

    doc: Document
    loc: Loc
    item: R
    owner: Loc = ()
    legacy: bool = False

    def line(self, *more: str | int) -> int:
        return self.doc.line((*self.loc, *more))


@dataclass
class Checked:
    """The files of one data directory: every item that passed its schema, with its location.

    Items are checked one by one, so one malformed indicator does not hide the rules that
    apply to the others. ``complete`` is true when every file and item passed.
    """

    docs: dict[str, Document]
    plan: PlanInfo | domain.PlanInfo | None = None
    # Indicators and actions too: 10,000 indicators and 20,000 actions as models took 47 MB.
    indicators: Indexed[domain.Indicator] = field(default_factory=list)
    areas: Indexed[Area] = field(default_factory=list)
    actions: Indexed[domain.Action] = field(default_factory=list)
    # Actuals are kept as the plan's own records (ipplan.data), not as pydantic models:
    # a plan of 10,000 indicators has 100,000 of them, and a model takes five times the memory.
    actuals: dict[str, list[Found[domain.Actual]]] = field(default_factory=dict)
    updates: dict[str, list[Found[ActionUpdate]]] = field(default_factory=dict)
    declared_units: Indexed[UnitDeclaration] = field(default_factory=list)
    # work-plan progress events, with their file and path parts (year, item id, stamp)
    progress: list[tuple[Document, tuple[str, ...], ProgressEvent]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The units of a plan already built (check_records); else they come from declared_units.
    unit_table: dict[str, unit_library.Unit] | None = None

    @property
    def units(self) -> dict[str, unit_library.Unit]:
        """Every unit the plan may use: the library and the plan's own declarations."""
        if self.unit_table is not None:
            return self.unit_table
        return unit_library.table(d for _, d in self.declared_units)

    @property
    def complete(self) -> bool:
        return not self.problems


def check(docs: dict[str, Document], more: Iterable[tuple[str, Document]] = ()) -> Checked:
    """Check the parsed files of a data directory: each item's schema, then every rule.

    ``more``: record files by their relative paths, read as they are asked for, after those
    of ``docs``; each joins ``docs`` as it is checked, so that no more than one record file's
    data is held before it is read into its record.

    Files that could not be parsed at all are skipped: their problems are already known. A
    record file read by the fast reader (``plain``) gives its data up once it is read into its
    record, which holds it; the rules after need only its path and lines. (Documents are read
    for one check: 100,000 record files' data took 30 MB beside their records.)
    """
    c = Checked(docs)
    for name, reader in _READERS.items():
        if not docs[name].broken:
            reader(c, docs[name])
    for name, doc in itertools.chain(list(docs.items()), _joining(docs, more)):
        named = layout.split(name)
        if named is not None and not doc.broken:
            kind, parts = named
            RECORD_READERS[kind.name](c, doc, parts)
            if doc.plain:
                doc.data = None
    _supersede_legacy(c)
    for rule in RULES:
        c.problems.extend(rule(c))
    c.problems.sort(key=Problem.sort_key)
    return c


def _joining(
    docs: dict[str, Document], more: Iterable[tuple[str, Document]]
) -> Iterator[tuple[str, Document]]:
    for name, doc in more:
        docs[name] = doc
        yield name, doc


def check_records(plan: Plan, docs: dict[str, Document], paths: dict[str, Path]) -> Checked:
    """Check record files (``docs``, by their paths relative to the data directory) against
    ``plan``, which passed validation in full from files that have not changed since: each
    record's schema, then every rule that concerns records.

    The plan's definitions stand in for its files (``paths``: where each of them is, for
    messages), so a writer checks what it writes without reading them again. What the records
    share with the plan's other records (a recorded time) is the writer's to compare.
    """
    indicators = {"indicators": [{"key": i.key} for i in plan.indicators]}
    tasks = {
        "areas": [{"id": a.id} for a in plan.areas],
        "actions": [{"id": a.id} for a in plan.actions],
    }
    stand_in = {
        "indicators": Document(paths["indicators"], indicators, plain=True),
        "tasks": Document(paths["tasks"], tasks, plain=True),
        **{name: Document(paths[name], None) for name in ("actuals", "task_log")},
    }
    c = Checked(
        {**stand_in, **docs},
        plan=plan.info,
        indicators=[(("indicators", i), ind) for i, ind in enumerate(plan.indicators)],
        actions=[(("actions", i), action) for i, action in enumerate(plan.actions)],
        unit_table=plan.units,
    )
    for name, doc in docs.items():
        named = layout.split(name)
        if named is not None and not doc.broken:
            kind, parts = named
            RECORD_READERS[kind.name](c, doc, parts)
    for rule in (rule_actuals, rule_task_log, rule_recorded_times, rule_times_in_future, rule_text):
        c.problems.extend(rule(c))
    c.problems.sort(key=Problem.sort_key)
    return c


def _shell(
    c: Checked, doc: Document, data: Any, loc: Loc, fields: dict[str, bool]
) -> dict[str, Any] | None:
    """Check that ``data`` is a mapping with only ``fields`` (name -> required)."""
    if data is None and not loc:
        data = {}
    if not _is(c, doc, data, loc, dict):
        return None
    found: list[Problem] = []
    for name in data:
        if name not in fields:
            found.append(
                Problem(
                    doc.path,
                    doc.line((*loc, name)),
                    "unknown-field",
                    {"field": _dotted((*loc, name))},
                )
            )
    for name, required in fields.items():
        if required and name not in data:
            found.append(
                Problem(doc.path, doc.line(loc), "missing-field", {"field": _dotted((*loc, name))})
            )
    c.problems.extend(_misspellings(found))
    return cast(dict[str, Any], data)


def _misspellings(problems: list[Problem]) -> list[Problem]:
    """``problems`` with each misspelled field told once: an unknown field close to a missing
    one of the same mapping (``uint`` for ``unit``) is one problem, the unknown field, with the
    name it should have, rather than two."""
    missing = [str(p.params["field"]) for p in problems if p.code == "missing-field"]
    merged: set[str] = set()
    out: list[Problem] = []
    for p in problems:
        if p.code != "unknown-field" or "field" not in p.params:
            out.append(p)
            continue
        parent, _, name = str(p.params["field"]).rpartition(".")
        siblings = {
            field.rpartition(".")[2]: field
            for field in missing
            if field.rpartition(".")[0] == parent and field not in merged
        }
        close = suggest(name, siblings)[:1]
        if close:
            merged.add(siblings[close[0]])
            p = Problem(p.path, p.line, p.code, {**p.params, "suggest": close})
        out.append(p)
    return [p for p in out if not (p.code == "missing-field" and p.params.get("field") in merged)]


def _is(c: Checked, doc: Document, data: Any, loc: Loc, kind: type) -> bool:
    """Whether ``data`` is a mapping or a list as expected; a ``wrong-type`` problem if not."""
    if isinstance(data, kind):
        return True
    expected = "mapping" if kind is dict else "list"
    params = {"field": _dotted(loc) or "(file)", "expected": expected, "got": _short(data)}
    c.problems.append(Problem(doc.path, doc.line(loc), "wrong-type", params))
    return False


def _items(c: Checked, doc: Document, data: Any, loc: Loc, model: type[M]) -> Indexed[M]:
    """Validate each item of the list at ``loc``; keep the valid ones with their location."""
    if data is None:
        return []
    if not _is(c, doc, data, loc, list):
        return []
    kept: Indexed[M] = []
    for index, item in enumerate(data):
        found = _one(c, doc, item, (*loc, index), model)
        if found is not None:
            kept.append(((*loc, index), found))
    return kept


def _one(c: Checked, doc: Document, data: Any, loc: Loc, model: type[M]) -> M | None:
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[int, str, str]] = set()
        found: list[Problem] = []
        for error in exc.errors(include_url=False):
            problem = _from_pydantic(doc, error, loc)
            marker = (problem.line, problem.code, str(problem.params.get("field")))
            if marker not in seen and problem.line not in doc.flagged:
                seen.add(marker)
                found.append(problem)
        c.problems.extend(_misspellings(found))
        return None


def _keyed(
    c: Checked, doc: Document, data: Any, loc: Loc, model: type[M]
) -> dict[str, list[Found[M]]]:
    """A mapping of key -> list of items, as in the single files of earlier versions."""
    if data is None:
        return {}
    if not _is(c, doc, data, loc, dict):
        return {}
    return {
        key: [
            Found(doc, item_loc, item, (*loc, key), legacy=True)
            for item_loc, item in _items(c, doc, value, (*loc, key), model)
        ]
        for key, value in data.items()
    }


def _read_indicators(c: Checked, doc: Document) -> None:
    from ipplan.file_models import Indicator, PlanInfo, UnitDeclaration

    data = _shell(c, doc, doc.data, (), {"plan": True, "units": False, "indicators": True})
    if data is None:
        return
    if "plan" in data:
        c.plan = _one(c, doc, data["plan"], ("plan",), PlanInfo)
    c.declared_units = _items(c, doc, data.get("units"), ("units",), UnitDeclaration)
    found = _items(c, doc, data.get("indicators"), ("indicators",), Indicator)
    c.indicators = [(loc, domain.indicator(model)) for loc, model in found]


def _read_tasks(c: Checked, doc: Document) -> None:
    from ipplan.file_models import Action, Area

    data = _shell(c, doc, doc.data, (), {"areas": True, "actions": True})
    if data is None:
        return
    c.areas = _items(c, doc, data.get("areas"), ("areas",), Area)
    found = _items(c, doc, data.get("actions"), ("actions",), Action)
    c.actions = [(loc, domain.action(model)) for loc, model in found]


def _read_actuals(c: Checked, doc: Document) -> None:
    from ipplan.file_models import Actual

    data = _shell(c, doc, doc.data, (), {"actuals": False})
    if data is not None:
        c.actuals = {
            key: [Found(f.doc, f.loc, domain.actual(f.item), f.owner, f.legacy) for f in entries]
            for key, entries in _keyed(c, doc, data.get("actuals"), ("actuals",), Actual).items()
        }


def _read_task_log(c: Checked, doc: Document) -> None:
    from ipplan.file_models import ActionUpdate

    data = _shell(c, doc, doc.data, (), {"updates": False})
    if data is not None:
        c.updates = _keyed(c, doc, data.get("updates"), ("updates",), ActionUpdate)


_READERS: dict[str, Callable[[Checked, Document], None]] = {
    "indicators": _read_indicators,
    "tasks": _read_tasks,
    "actuals": _read_actuals,
    "task_log": _read_task_log,
}


def _read_actual_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    key, year = parts  # the year is four digits of its path
    data = doc.data if doc.data is not None else {}
    plain = domain.plain_actual(data, int(year))
    if plain is not None:
        c.actuals.setdefault(key, []).append(Found(doc, (), plain))
        return
    from ipplan.file_models import ActualRecord

    found = _one(c, doc, data, (), ActualRecord)
    if found is not None:
        c.actuals.setdefault(key, []).append(Found(doc, (), domain.actual(found, int(year))))


def _read_update_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    from ipplan.file_models import ActionUpdate

    action_id, name = parts
    found = _one(c, doc, doc.data if doc.data is not None else {}, (), ActionUpdate)
    if found is None:
        return
    expected = layout.stamp_name(found.recorded)
    if name != expected:
        c.problems.append(
            Problem(
                doc.path,
                doc.line(("recorded",)),
                "record-name",
                {"name": f"{name}{layout.SUFFIX}", "expected": f"{expected}{layout.SUFFIX}"},
            )
        )
        return
    c.updates.setdefault(action_id, []).append(Found(doc, (), found))


def _read_progress_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    """A work-plan progress event; what it points at is checked by ipplan.workplans.loading."""
    from ipplan.workplans.model import ProgressEvent

    name = parts[-1]
    found = _one(c, doc, doc.data if doc.data is not None else {}, (), ProgressEvent)
    if found is None:
        return
    expected = layout.stamp_name(found.recorded)
    if name != expected:
        c.problems.append(
            Problem(
                doc.path,
                doc.line(("recorded",)),
                "record-name",
                {"name": f"{name}{layout.SUFFIX}", "expected": f"{expected}{layout.SUFFIX}"},
            )
        )
        return
    c.progress.append((doc, parts, found))


# How the files of each record kind are read; a capability that registers a kind adds its reader.
RECORD_READERS: dict[str, Callable[[Checked, Document, tuple[str, ...]], None]] = {
    layout.ACTUALS.name: _read_actual_record,
    layout.UPDATES.name: _read_update_record,
    layout.PROGRESS.name: _read_progress_record,
}


def _supersede_legacy(c: Checked) -> None:
    """Drop a record of a single file of earlier versions that a record file holds as well.

    A write that was stopped while moving the old file's records into record files leaves both
    copies, equal; the record file is the one kept. Copies that differ are a problem.
    """
    for groups, slot in ((c.actuals, _year_of), (c.updates, _time_of)):
        for key, entries in groups.items():
            files = {slot(f.item): f for f in entries if not f.legacy}
            kept = []
            for entry in entries:
                twin = files.get(slot(entry.item)) if entry.legacy else None
                if twin is not None and twin.item != entry.item:
                    params = {"other": f"{display(entry.doc)}:{entry.line()}"}
                    c.problems.append(Problem(twin.doc.path, 1, "duplicate-record", params))
                if twin is None:
                    kept.append(entry)
            groups[key] = kept  # type: ignore[assignment]


def _year_of(item: Any) -> Any:
    return item.year


def _time_of(item: Any) -> Any:
    return item.recorded


def display(doc: Document) -> str:
    return str(doc.path)


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _from_pydantic(doc: Document, error: Any, prefix: Loc) -> Problem:
    loc: Loc = (*prefix, *error["loc"])
    kind: str = error["type"]
    expected = _EXPECTED.get(kind)
    if loc and loc[-1] in _UNION_BRANCHES:
        loc = loc[:-1]
        expected = "number"
    field_name = _dotted(loc)
    params: dict[str, Any] = {"field": field_name, "detail": error["msg"]}
    if kind == "missing":
        return Problem(doc.path, doc.line(loc[:-1]), "missing-field", params)
    line = doc.line(loc)
    if kind == "extra_forbidden":
        return Problem(doc.path, line, "unknown-field", params)
    if expected is not None:
        params.update(expected=expected, got=_short(error.get("input")))
        return Problem(doc.path, line, "wrong-type", params)
    if kind in ("literal_error", "enum"):
        params.update(got=_short(error.get("input")), expected=error.get("ctx", {}).get("expected"))
        code = "invalid-direction" if loc[-1] == "direction" else "invalid-choice"
        return Problem(doc.path, line, code, params)
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        params.update(got=_short(error.get("input")), pattern=pattern)
        return Problem(doc.path, line, "invalid-id", params)
    if kind in ("string_too_short", "too_short"):
        return Problem(doc.path, line, "empty", params)
    if kind in ("time_form", "time_range"):
        params.update(got=_short(error.get("input")))
        return Problem(doc.path, line, kind.replace("_", "-"), params)
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error.get("ctx", {}).get("ge" if kind == "greater_than_equal" else "le")
        params.update(bound=bound, got=_short(error.get("input")))
    return Problem(doc.path, line, kind.replace("_", "-"), params)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- rules -------------------------------------------------------------------------------------

Rule = Callable[[Checked], Iterable[Problem]]


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


def rule_plan(c: Checked) -> Iterator[Problem]:
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


def _ambiguous_names(doc: Document, indicators: Indexed[domain.Indicator]) -> Iterator[Problem]:
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
                continue  # a line is looked up only for a problem (see yamlio.Document)
            yield Problem(doc.path, doc.line((*loc, field_name)), "ambiguous-name", params)


def rule_indicators(c: Checked) -> Iterator[Problem]:
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
            yield from _value_problems(doc, (*loc, end, "value"), point.value, unit)
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
    if ind.baseline is None or ind.accumulate is not None:
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


def rule_official_baselines(c: Checked) -> Iterator[Problem]:
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


def rule_units(c: Checked) -> Iterator[Problem]:
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


def rule_actions(c: Checked) -> Iterator[Problem]:
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


def _owners(c: Checked, name: str, section: str) -> Iterator[tuple[str, Document, int]]:
    """Every place an owner (indicator, action) of records is named, with its file and line:
    each key of a single file of earlier versions, and each record file."""
    doc = c.docs.get(name)
    if doc is not None and not doc.broken and isinstance(doc.data, dict):
        keys = doc.data.get(section)
        if isinstance(keys, dict):
            for key in keys:
                yield key, doc, doc.line((section, key))
    groups: dict[str, list[Found[Any]]] = {**c.actuals} if name == "actuals" else {**c.updates}
    for key, entries in groups.items():
        for entry in entries:
            if not entry.legacy:
                yield key, entry.doc, 1


def rule_actuals(c: Checked) -> Iterator[Problem]:
    plan = c.plan
    by_key = {ind.key: ind for _, ind in c.indicators}
    units = c.units
    known = _indicator_keys(c)
    if known is not None:
        for key, doc, line in _owners(c, "actuals", "actuals"):
            if key not in known:
                params = {"ref": key, "suggest": suggest(key, known)}
                yield Problem(doc.path, line, "unknown-indicator", params)
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
            yield from _value_problems(doc, (*found.loc, "value"), entry.value, unit)
            for j, old in enumerate(entry.history):
                yield from _value_problems(
                    doc, (*found.loc, "history", j, "value"), old.value, unit
                )


def rule_task_log(c: Checked) -> Iterator[Problem]:
    ids = _raw_ids(c.docs["tasks"], "actions", "id")
    if ids is None:
        return
    for action_id, doc, line in _owners(c, "task_log", "updates"):
        if action_id not in ids:
            params = {"ref": action_id, "suggest": suggest(action_id, ids)}
            yield Problem(doc.path, line, "unknown-action", params)


def rule_recorded_times(c: Checked) -> Iterator[Problem]:
    """Each action update has a recorded time of its own: shared with another update or with a
    recorded value, ``ipplan undo`` could not revert one change without the other. (The values
    of one import share their time: they are one change, and undone together.)"""
    taken: dict[dt.datetime, Found[Any]] = {}  # where each time is first recorded
    for entries in c.actuals.values():
        for found in entries:
            for moment in (found.item.recorded, *(r.recorded for r in found.item.history)):
                if moment is not None:
                    taken.setdefault(_aware(moment), found)
    updates = [u for entries in c.updates.values() for u in entries]
    for update in sorted(updates, key=lambda u: (str(u.doc.path), u.line())):
        moment = _aware(update.item.recorded)
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


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def rule_times_in_future(c: Checked) -> Iterator[Problem]:
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


def rule_text(c: Checked) -> Iterator[Problem]:
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


def _indicator_keys(c: Checked) -> set[str] | None:
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
