"""Each pydantic file model and the plain record commands use are one definition kept twice.

The records exist so that a plan read from the cache loads no pydantic (ipplan.data); these tests
hold every pair to the same fields, in the same order, of the same types, with the same
defaults, and a model's values to the record :func:`ipplan.data.from_model` makes of it.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import types
import typing
from typing import Annotated, Any, Literal, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from ipplan import data, file_models, workspace
from ipplan.workplans import entities

# Every model of file_models.py and the record it becomes.
PAIRS: dict[type[BaseModel], type[tuple[Any, ...]]] = {
    file_models.Point: data.Point,
    file_models.Target: data.Target,
    file_models.Thresholds: data.Thresholds,
    file_models.PlanInfo: data.PlanInfo,
    file_models.RollUpTarget: data.RollUpTarget,
    file_models.OfficialFigure: data.OfficialFigure,
    file_models.Indicator: data.Indicator,
    file_models.Area: data.Area,
    file_models.Action: data.Action,
    file_models.Revision: data.Revision,
    file_models.ActualRecord: data.Actual,
    file_models.Actual: data.Actual,
    file_models.ActionUpdate: data.ActionUpdate,
    file_models.WorkPlanInfo: entities.WorkPlanInfo,
    file_models.Quantity: entities.Quantity,
    file_models.Content: entities.Content,
    file_models.Milestone: entities.Milestone,
    file_models.Item: entities.Item,
    file_models.ProgressEvent: entities.ProgressEvent,
    file_models.PlanEntry: workspace.Entry,
}
# Models that become no record of their own, and why.
UNPAIRED = {
    # A work plan file's two parts: its record is ipplan.workplans.book.WorkPlan, built from
    # the records of WorkPlanInfo and Item with the lines they were read at.
    file_models.WorkPlanFile: "the records of its parts",
    # A declared unit becomes an ipplan.units.Unit beside the library's: its name is the
    # symbol where none is given, and its bounds are named low and high (units.declared).
    file_models.UnitDeclaration: "ipplan.units.Unit",
    # An undo's record keeps the text of each file it took back; the plan keeps only its times
    # and paths (ipplan.data.Undo, a dataclass), and undo reads the texts from the file.
    file_models.UndoRecord: "ipplan.data.Undo, without the files' texts",
    file_models.UndoneFile: "a path of ipplan.data.Undo",
    # A baseline's record keeps indicators.yaml's text before it; the plan keeps the rest
    # (ipplan.data.Baseline, a dataclass), and undo reads the text from the file.
    file_models.BaselineRecord: "ipplan.data.Baseline, without indicators.yaml's text",
}
# Fields a record has and its model does not: given to from_model where the record is made.
DERIVED: dict[type[BaseModel], dict[str, Any]] = {
    # A record file (actuals/<key>/<year>.yaml) holds no year: its path names it.
    file_models.ActualRecord: {"year": 2024},
}
# Fields a record names first though its model names them later.
FIRST: dict[type[BaseModel], tuple[str, ...]] = {
    # Actual adds year to ActualRecord's fields, so pydantic lists it last; the record of a
    # year's figure names the year first, as the record files' paths and the cache's rows do.
    file_models.Actual: ("year",),
}
RECORD_MODULES = (data, entities)


def _models() -> set[type[BaseModel]]:
    return {
        c
        for _, c in inspect.getmembers(file_models, inspect.isclass)
        if issubclass(c, BaseModel) and c.__module__ == file_models.__name__
        if not c.__name__.startswith("_")
    }


def _records() -> set[type[Any]]:
    return {
        c
        for module in RECORD_MODULES
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, tuple) and hasattr(c, "_fields") and c.__module__ == module.__name__
    }


def test_every_model_is_paired_or_said_why_not() -> None:
    assert set(PAIRS) | set(UNPAIRED) == _models()
    assert not set(PAIRS) & set(UNPAIRED)


def test_every_record_has_its_model() -> None:
    assert _records() <= set(PAIRS.values())


def _kind(hint: Any) -> Any:
    """A field's annotation as the two sides can share it: pydantic's constraints and strictness
    dropped, a model as its record, a union as the set of its members."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        return _kind(typing.get_args(hint)[0])
    if origin in (Union, types.UnionType):
        members: set[Any] = set()
        for arg in typing.get_args(hint):
            found = _kind(arg)
            members |= found if isinstance(found, frozenset) else {found}
        return frozenset(members)
    if origin is list:
        return ("list", _kind(typing.get_args(hint)[0]))
    if origin is Literal:
        return ("Literal", typing.get_args(hint))
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return PAIRS[hint]
    return hint


_MISSING = object()


def _model_fields(model: type[BaseModel]) -> dict[str, tuple[Any, Any]]:
    """Each field of ``model``: its kind and its default (a model's as its record)."""
    fields = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            default = info.default_factory()  # type: ignore[call-arg]
        elif info.default is PydanticUndefined:
            default = _MISSING
        else:
            default = info.default
        if isinstance(default, BaseModel):
            default = data.from_model(PAIRS[type(default)], default)
        fields[name] = (_kind(info.annotation), default)
    return fields


def _record_fields(record: type[tuple[Any, ...]]) -> dict[str, tuple[Any, Any]]:
    defaults: dict[str, Any] = getattr(record, "_field_defaults", {})
    return {
        name: (_kind(hint), defaults.get(name, _MISSING))
        for name, hint in typing.get_type_hints(record).items()
    }


@pytest.mark.parametrize("model", list(PAIRS), ids=lambda m: m.__name__)
def test_a_record_has_its_models_fields(model: type[BaseModel]) -> None:
    record = PAIRS[model]
    theirs = _model_fields(model)
    ours = _record_fields(record)
    derived = DERIVED.get(model, {})
    # The same names, in the model's order but for those a named tuple must put first (those
    # without a default) and those named in FIRST.
    first = FIRST.get(model, ())
    rest = [n for n in theirs if n not in first]
    order = [
        *first,
        *(n for n in rest if theirs[n][1] is _MISSING),
        *(n for n in rest if theirs[n][1] is not _MISSING),
    ]
    assert [n for n in ours if n not in derived] == order
    for name in order:
        assert ours[name] == theirs[name], f"{model.__name__}.{name}: kind and default"


@st.composite
def _from_schema(draw: st.DrawFn, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A value the JSON Schema ``schema`` admits (the forms pydantic writes for these models)."""
    if "$ref" in schema:
        return draw(_from_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs))
    if "anyOf" in schema:
        return draw(st.one_of([_from_schema(s, defs) for s in schema["anyOf"]]))
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return draw(st.sampled_from(schema["enum"]))
    kind = schema.get("type")
    if kind == "null":
        return None
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "integer":
        return draw(st.integers(schema.get("minimum", -(10**6)), schema.get("maximum", 10**6)))
    if kind == "number":
        low = schema.get("minimum", schema.get("exclusiveMinimum", -(10.0**6)))
        high = schema.get("maximum", 10.0**6)
        whole = st.integers(int(low) + 1, int(high))
        return draw(
            st.one_of(whole, st.floats(low, high, exclude_min="exclusiveMinimum" in schema))
        )
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern == f"^{data.TIME_PATTERN}$":  # a recorded time, of any offset or none
            zones = st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=8, minutes=30))])
            return draw(
                st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(9998, 12, 30), timezones=zones)
            ).isoformat()
        if schema.get("format") == "date":
            return draw(st.dates()).isoformat()
        if pattern is not None:
            return draw(st.from_regex(pattern, fullmatch=True).filter(lambda t: len(t) <= 80))
        return draw(st.text(min_size=schema.get("minLength", 0), max_size=6))
    if kind == "array":
        items = _from_schema(schema["items"], defs)
        return draw(st.lists(items, min_size=schema.get("minItems", 0), max_size=3))
    assert kind == "object", schema
    properties = {k: _from_schema(v, defs) for k, v in schema["properties"].items()}
    required = set(schema.get("required", ()))
    return draw(
        st.fixed_dictionaries(
            {k: v for k, v in properties.items() if k in required},
            optional={k: v for k, v in properties.items() if k not in required},
        )
    )


@functools.cache  # one strategy a model, not one built from its schema for every example
def _instances(model: type[BaseModel]) -> st.SearchStrategy[BaseModel]:
    schema = model.model_json_schema()

    def valid(value: Any) -> BaseModel | None:
        try:
            return model.model_validate(value)
        except ValidationError:  # blank text, a day that is not: rare, and left out
            return None

    found = _from_schema(schema, schema.get("$defs", {})).map(valid)
    return found.filter(lambda m: m is not None)  # type: ignore[return-value]


def _assert_same(record: Any, model: Any, where: str) -> None:
    if isinstance(model, BaseModel):
        assert type(record) is PAIRS[type(model)], where
        for name in type(model).model_fields:
            _assert_same(getattr(record, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, list):
        assert type(record) is list and len(record) == len(model), where
        for i, (r, m) in enumerate(zip(record, model, strict=True)):
            _assert_same(r, m, f"{where}[{i}]")
    else:
        assert type(record) is type(model) and record == model, where
        if isinstance(model, dt.datetime):  # the same offset, in the standard library's zone
            assert record.utcoffset() == model.utcoffset(), where
            assert record.tzinfo is None or type(record.tzinfo) is dt.timezone, where


@pytest.mark.slow
@pytest.mark.parametrize("model", list(PAIRS), ids=lambda m: m.__name__)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data())
def test_a_record_holds_its_models_values(model: type[BaseModel], drawn: st.DataObject) -> None:
    instance = drawn.draw(_instances(model))
    given_values = DERIVED.get(model, {})
    record = data.from_model(PAIRS[model], instance, **given_values)
    _assert_same(record, instance, model.__name__)
    for name, value in given_values.items():
        assert getattr(record, name) == value


def test_a_field_missing_on_one_side_is_caught() -> None:
    """The check of names above fails on a field added to one side only."""

    class Wider(file_models.Point):
        note: str | None = None

    PAIRS[Wider] = data.Point
    try:
        with pytest.raises(AssertionError):
            test_a_record_has_its_models_fields(Wider)
    finally:
        del PAIRS[Wider]
