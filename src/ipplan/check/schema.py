"""JSON Schema for the data files, generated from the pydantic models.

Editors with the YAML language server read the schema named on a file's first line
(``# yaml-language-server: $schema=schema/indicators.schema.json``) and check the file as it is
typed. The schema says every rule that one file can state: types, bounds, forms, patterns,
choices and required fields, each from the one definition that ``ipplan validate`` checks too.
The rules that tie values or files together, and those JSON Schema cannot say, stay with
validate (docs/validating.md lists them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema

from ipplan.data import MAX_PLANS
from ipplan.errors import write_error
from ipplan.file_models import (
    Action,
    ActionUpdate,
    ActualRecord,
    Area,
    BaselineRecord,
    Indicator,
    PlanEntry,
    PlanInfo,
    ProgressEvent,
    UndoRecord,
    UnitDeclaration,
    WorkPlanFile,
)
from ipplan.files import atomic
from ipplan.files.layout import SCHEMA_DIR


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorsFile(_File):
    """indicators.yaml: the plan, the units it declares, and its indicators. Edited by hand."""

    plan: PlanInfo
    units: list[UnitDeclaration] = []
    indicators: list[Indicator]


class TasksFile(_File):
    """tasks.yaml: the plan's areas and actions. Edited by hand."""

    areas: list[Area]
    actions: list[Action]


class WorkspaceFile(_File):
    """ipplan.yaml: the plans of a workspace, each with its directory. Edited by hand."""

    plans: Annotated[list[PlanEntry], Field(min_length=1, max_length=MAX_PLANS)]


class ActualFile(ActualRecord):
    """actuals/<indicator-key>/<year>.yaml: one recorded year-end value. Written by
    `ipplan record`."""


class UpdateFile(ActionUpdate):
    """updates/<action-id>/<recorded-stamp>.yaml: one dated update to an action. Written by
    `ipplan task`."""


# The schema of each file people write, and of one record file of each kind (records.Kind.schema).
FILE_MODELS: dict[str, type[BaseModel]] = {
    "indicators": IndicatorsFile,
    "tasks": TasksFile,
    "actual": ActualFile,
    "update": UpdateFile,
    # workplans/YEAR.yaml (by hand) and progress/YEAR/ITEM/STAMP.yaml (by `ipplan item`)
    "workplan": WorkPlanFile,
    "progress": ProgressEvent,
    # undone/STAMP.yaml, by `ipplan undo`
    "undo": UndoRecord,
    # baselines/STAMP.yaml, by `ipplan record` writing a pending baseline in
    "baseline": BaselineRecord,
    # ipplan.yaml, the workspace's file, beside its plans' directories
    "workspace": WorkspaceFile,
}

# pydantic writes a bound it checks after another check (a number that is an integer or a
# decimal, Field(ge=0)) under its own name; JSON Schema's words for it are these.
_BOUNDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


class _Generator(GenerateJsonSchema):
    """pydantic's JSON Schema, with each bound under JSON Schema's name for it."""

    def generate_inner(self, schema: CoreSchema) -> JsonSchemaValue:
        found = super().generate_inner(schema)
        if "type" in found or "anyOf" in found:  # a schema, not a mapping of properties
            for bound in _BOUNDS.keys() & found.keys():
                found[_BOUNDS[bound]] = found.pop(bound)
        return found


def schema_name(name: str) -> str:
    return f"{name}.schema.json"


def modeline(name: str) -> str:
    """The first line that points the YAML language server at a file's schema."""
    return f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema_name(name)}"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of data file ``name`` (``indicators``, ``tasks``, ...)."""
    document = FILE_MODELS[name].model_json_schema(schema_generator=_Generator)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_name(name),
        **document,
    }


def render(name: str) -> str:
    """The schema as the file ``ipplan schema`` writes: stable key order, one trailing newline."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """The JSON Schema of every data file, by its file name."""
    from ipplan.check import schema

    return {schema.schema_name(name): schema.render(name) for name in schema.FILE_MODELS}


def write_schemas(directory: Path) -> list[Path]:
    """Write the JSON Schema of every data file into ``directory``, replacing older ones; not
    through a link someone else may have planted in a shared directory."""
    from ipplan.files.atomic import refuse_planted_link

    refuse_planted_link(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(directory, exc) from None
    written = []
    for name, text in schema_files().items():
        path = directory / name
        atomic.atomic_write(path, text)
        written.append(path)
    return written
