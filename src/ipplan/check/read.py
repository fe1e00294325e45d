"""Reading the plan's documents into checked records: each file's shape by its pydantic model,
with every problem at its line; what the rules then look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from ipplan import data as domain
from ipplan import units as unit_library
from ipplan.files import layout
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_scalars import Loc
from ipplan.problems import Problem, suggest

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ipplan.file_models import ActionUpdate, Area, PlanInfo, ProgressEvent, UnitDeclaration

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
    # the undos made (undone/STAMP.yaml), with their files
    undos: list[Found[domain.Undo]] = field(default_factory=list)
    # the pending baselines written in (baselines/STAMP.yaml)
    baselines: list[Found[domain.Baseline]] = field(default_factory=list)
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
    c.indicators = [(loc, domain.from_model(domain.Indicator, model)) for loc, model in found]


def _read_tasks(c: Checked, doc: Document) -> None:
    from ipplan.file_models import Action, Area

    data = _shell(c, doc, doc.data, (), {"areas": True, "actions": True})
    if data is None:
        return
    c.areas = _items(c, doc, data.get("areas"), ("areas",), Area)
    found = _items(c, doc, data.get("actions"), ("actions",), Action)
    c.actions = [(loc, domain.from_model(domain.Action, model)) for loc, model in found]


def _read_actuals(c: Checked, doc: Document) -> None:
    from ipplan.file_models import Actual

    data = _shell(c, doc, doc.data, (), {"actuals": False})
    if data is not None:
        c.actuals = {
            key: [
                Found(f.doc, f.loc, domain.from_model(domain.Actual, f.item), f.owner, f.legacy)
                for f in entries
            ]
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
        c.actuals.setdefault(key, []).append(
            Found(doc, (), domain.from_model(domain.Actual, found, year=int(year)))
        )


def _read_update_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    from ipplan.file_models import ActionUpdate

    action_id, name = parts
    found = _stamped(c, doc, name, ActionUpdate)
    if found is not None:
        c.updates.setdefault(action_id, []).append(Found(doc, (), found))


def _stamped(c: Checked, doc: Document, name: str, model: type[M]) -> M | None:
    """A record named by its recorded time (an update, a progress event) checked against
    ``model``, and its file name against that time; None, with the problem, where either fails."""
    found = _one(c, doc, doc.data if doc.data is not None else {}, (), model)
    if found is None:
        return None
    expected = layout.stamp_name(found.recorded)  # type: ignore[attr-defined]
    if name != expected:
        c.problems.append(
            Problem(
                doc.path,
                doc.line(("recorded",)),
                "record-name",
                {"name": f"{name}{layout.SUFFIX}", "expected": f"{expected}{layout.SUFFIX}"},
            )
        )
        return None
    return found


def _read_progress_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    """A work-plan progress event; what it points at is checked by ipplan.workplans.loading."""
    from ipplan.file_models import ProgressEvent

    found = _stamped(c, doc, parts[-1], ProgressEvent)
    if found is not None:
        c.progress.append((doc, parts, found))


def _read_undo_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    """An undo's record: each file it names must be one an undo writes, a record file or a
    work plan, named as ipplan names them (``undo-path``), since the next undo writes there."""
    from ipplan.file_models import UndoRecord

    found = _stamped(c, doc, parts[-1], UndoRecord)
    if found is None:
        return
    paths = [entry.path for entry in found.files]
    wrong = [i for i, path in enumerate(paths) if not undoable_path(path)]
    for i in wrong:
        line = doc.line(("files", i, "path"))
        c.problems.append(Problem(doc.path, line, "undo-path", {"path": paths[i]}))
    if not wrong:
        times = domain.plain_time(found.recorded), domain.plain_time(found.undid)
        undo = domain.Undo(*times, tuple(paths))
        c.undos.append(Found(doc, (), undo))


def _read_baseline_record(c: Checked, doc: Document, parts: tuple[str, ...]) -> None:
    """A pending baseline written in; the indicator it names is checked by the rules."""
    from ipplan.file_models import BaselineRecord

    found = _stamped(c, doc, parts[-1], BaselineRecord)
    if found is not None:
        written = domain.Baseline(
            domain.plain_time(found.recorded),
            found.indicator,
            found.year,
            found.value,
            found.source,
            found.note,
        )
        c.baselines.append(Found(doc, (), written))


def undoable_path(path: str) -> bool:
    """Whether ``path`` (relative to the data directory) is a file an undo may write: a record
    file of a kind other than undos, each part as its kind names it, ``workplans/YEAR.yaml``, or
    indicators.yaml (where a pending baseline is written in)."""
    if path == layout.FILES["indicators"]:
        return True
    named = layout.split(path)
    if named is not None:
        kind, parts = named
        return kind is not layout.UNDONE and all(
            p.fullmatch(part) for p, part in zip(kind.parts, parts, strict=True)
        )
    head, _, rest = path.partition("/")
    stem = rest.removesuffix(layout.SUFFIX)
    return head == layout.WORKPLANS_DIR and stem != rest and bool(layout.YEAR.fullmatch(stem))


# How the files of each record kind are read; a capability that registers a kind adds its reader.
RECORD_READERS: dict[str, Callable[[Checked, Document, tuple[str, ...]], None]] = {
    layout.ACTUALS.name: _read_actual_record,
    layout.UPDATES.name: _read_update_record,
    layout.PROGRESS.name: _read_progress_record,
    layout.UNDONE.name: _read_undo_record,
    layout.BASELINES.name: _read_baseline_record,
}


def supersede_legacy(c: Checked) -> None:
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
