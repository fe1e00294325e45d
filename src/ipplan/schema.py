"""JSON Schema for the data files, generated from the pydantic models.

Editors with the YAML language server read the schema named on a file's first line
(``# yaml-language-server: $schema=schema/indicators.schema.json``) and check the file as it is
typed. The schema covers each file's shape; the rules that tie files together stay with
``ipplan validate``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from ipplan.models import Action, ActionUpdate, Actual, Area, Indicator, PlanInfo
from ipplan.store import SCHEMA_DIR
from ipplan.workplans.model import ProgressEvent, WorkPlanFile


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorsFile(_File):
    """indicators.yaml: the plan and its expected indicators. Edited by hand."""

    plan: PlanInfo
    indicators: list[Indicator]


class TasksFile(_File):
    """tasks.yaml: the plan's areas and actions. Edited by hand."""

    areas: list[Area]
    actions: list[Action]


class ActualsFile(_File):
    """actuals.yaml: recorded yearly actuals by indicator key. Written by `ipplan record`."""

    actuals: dict[str, list[Actual]] | None = None


class TaskLogFile(_File):
    """task_log.yaml: dated updates to actions by action id. Written by `ipplan task`."""

    updates: dict[str, list[ActionUpdate]] | None = None


FILE_MODELS: dict[str, type[BaseModel]] = {
    "indicators": IndicatorsFile,
    "tasks": TasksFile,
    "actuals": ActualsFile,
    "task_log": TaskLogFile,
    # workplans/YEAR.yaml (by hand) and progress/YEAR/ITEM/STAMP.yaml (by `ipplan item`)
    "workplan": WorkPlanFile,
    "progress": ProgressEvent,
}


def schema_name(name: str) -> str:
    return f"{name}.schema.json"


def modeline(name: str) -> str:
    """The first line that points the YAML language server at a file's schema."""
    return f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema_name(name)}"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of data file ``name`` (``indicators``, ``tasks``, ...)."""
    document = FILE_MODELS[name].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_name(name),
        **document,
    }


def render(name: str) -> str:
    """The schema as the file ``ipplan schema`` writes: stable key order, one trailing newline."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
