"""The published JSON Schemas and `ipplan validate` give one verdict on every rule a file states.

Each edit below changes one thing in one file of the shipped plan (or of a workspace, or in a
record file); the file is then checked by a real JSON Schema validator, as an editor checks it,
and by `ipplan validate`. Both refuse it, or both take it. The rules only validate can tell
(those that tie values or files together) are listed in docs/validating.md.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from jsonschema import Draft202012Validator, ValidationError

from ipplan.check import schema
from ipplan.files.yaml_read import parse
from tests.conftest import SHIPPED, Run, track_2022

UPDATE = "updates/talent-training/20261121T205939Z.yaml"
PROGRESS = "progress/2022/y2022-1/20261121T205938Z.yaml"
ACTUAL = "actuals/practitioners/2023.yaml"
UNDO = "undone/20261121T205940Z.yaml"
BASELINE = "baselines/20261121T205941Z.yaml"
WORKSPACE = "../ipplan.yaml"  # beside the plan's directory, which the workspace names
# Record files the shipped plan has none of, written before each edit (and valid as written).
RECORDS = {
    UPDATE: 'recorded: "2026-11-21T20:59:39+00:00"\nstatus: in_progress\ndue: 2025-06-30\n',
    PROGRESS: (
        'recorded: "2026-11-21T20:59:38+00:00"\nitem: y2022-1\ndate: 2022-06-30\nnote: 学习\n'
    ),
    WORKSPACE: "plans:\n  - name: national\n    directory: national\n",
    UNDO: (
        'recorded: "2026-11-21T20:59:40+00:00"\nundid: "2026-11-21T20:59:39+00:00"\n'
        f'files:\n  - path: "{UPDATE}"\n    before: null\n'
    ),
    BASELINE: (
        'recorded: "2026-11-21T20:59:41+00:00"\nindicator: practitioners\nyear: 2021\n'
        'value: 26829\nbefore: "x: 1\\n"\n'
    ),
}
# Which schema each file is checked against.
SCHEMAS = {
    "indicators.yaml": "indicators",
    "tasks.yaml": "tasks",
    "workplans/2022.yaml": "workplan",
    ACTUAL: "actual",
    UPDATE: "update",
    PROGRESS: "progress",
    UNDO: "undo",
    BASELINE: "baseline",
    WORKSPACE: "workspace",
}


class Edit(NamedTuple):
    file: str
    old: str  # its first occurrence is replaced
    new: str
    code: str | None  # validate's problem code; None: the edit is taken
    keyword: str | None  # the schema keyword that refuses it; None: taken


# fmt: off
EDITS = {
    # types
    "unit a number": Edit("indicators.yaml", "unit: 人", "unit: 5", "wrong-type", "type"),
    "value as text": Edit(ACTUAL, "value: 34396", "value: many", "wrong-type", "type"),
    "done as text": Edit(PROGRESS, "note: 学习", "done: 'yes'", "wrong-type", "type"),
    "due a number": Edit(UPDATE, "due: 2025-06-30", "due: 20250630", "wrong-type", "type"),
    # bounds
    "year 1800": Edit("indicators.yaml", "baseline_year: 2021", "baseline_year: 1800",
                      "implausible-year", "minimum"),
    "year 3000": Edit("indicators.yaml", "target_year: 2025", "target_year: 3000",
                      "implausible-year", "maximum"),
    "value 1e30": Edit("indicators.yaml", "value: 26829", "value: 1.0e+30",
                       "value-too-large", "maximum"),
    "recorded 1e30": Edit(ACTUAL, "value: 34396", "value: -1.0e+30", "value-too-large", "minimum"),
    "negative amount": Edit(PROGRESS, "note: 学习", "amount: -1", "greater-than-equal", "minimum"),
    "amount 1e30": Edit(PROGRESS, "note: 学习", "amount: 1.0e+30", "less-than-equal", "maximum"),
    "number 0": Edit("indicators.yaml", "number: 1", "number: 0", "greater-than-equal", "minimum"),
    "months 40": Edit("indicators.yaml", "published_after_months: 8",
                      "published_after_months: 40", "less-than-equal", "maximum"),
    "a quantity of 0": Edit("workplans/2022.yaml", "问题专项整改工作成果。",
                            "问题专项整改工作成果。\n        quantity: {target: 0, unit: 次}",
                            "greater-than", "exclusiveMinimum"),
    "milestone 0": Edit(PROGRESS, "note: 学习", "milestone: 0", "greater-than-equal", "minimum"),
    "max_change 0": Edit("indicators.yaml", "  target_year: 2025", "  target_year: 2025\n"
                         "  max_change: 0", "invalid-max-change", "exclusiveMinimum"),
    "negative tolerance": Edit("indicators.yaml", "  target_year: 2025", "  target_year: 2025\n"
                               "  rollup_tolerance: -0.1", "invalid-rollup-tolerance", "minimum"),
    "recorded in 1800": Edit(ACTUAL, '"2026-11-21T', '"1800-11-21T', "time-range", "pattern"),
    # forms
    "bad due date": Edit(UPDATE, "due: 2025-06-30", "due: 2025-13-01", "wrong-type", "pattern"),
    "30 February": Edit(UPDATE, "due: 2025-06-30", "due: 2025-02-30", "wrong-type", "format"),
    "a date alone recorded": Edit(ACTUAL, '"2026-11-21T20:59:40.020+00:00"', "2026-11-21",
                                  "time-form", "pattern"),
    "bad issued date": Edit("workplans/2022.yaml", "issued: 2022-03-29", "issued: 2022/03/29",
                            "wrong-type", "pattern"),
    "bad period": Edit("workplans/2022.yaml", "period: 全年", "period: 尽快",
                       "invalid-period", "pattern"),
    "bad id": Edit("workplans/2022.yaml", "id: y2022-1", "id: Y2022-1", "invalid-id", "pattern"),
    "bad plan name": Edit(WORKSPACE, "name: national", "name: National", "invalid-id", "pattern"),
    "blank name": Edit("indicators.yaml", "name: 执业专利代理师人数", "name: '   '",
                       "blank", "pattern"),
    # enumerations
    "unknown status": Edit(UPDATE, "status: in_progress", "status: done",
                           "invalid-choice", "enum"),
    "unknown direction": Edit("indicators.yaml", "direction: increase", "direction: up",
                              "invalid-direction", "enum"),
    # required fields, unknown fields, empty lists
    "missing name_en": Edit("indicators.yaml", "    name_en: Practising patent attorneys\n", "",
                            "missing-field", "required"),
    "missing directory": Edit(WORKSPACE, "    directory: national\n", "",
                              "missing-field", "required"),
    "unknown field": Edit(ACTUAL, "value: 34396", "value: 34396\ncolour: red",
                          "unknown-field", "additionalProperties"),
    "no plans": Edit(WORKSPACE, "  - name: national\n    directory: national\n", "",
                     "empty", "type"),
    "an undo of no file": Edit(UNDO, f'files:\n  - path: "{UPDATE}"\n    before: null\n',
                               "files: []\n", "empty", "minItems"),
    "a baseline year as text": Edit(BASELINE, "year: 2021", "year: later", "wrong-type", "type"),
    "no measures": Edit("tasks.yaml", "    measures:\n", "    measures: []\n    old_measures:\n",
                        "empty", "minItems"),
    # taken by both
    "a plan's own max_change": Edit("indicators.yaml", "  target_year: 2025",
                                    "  target_year: 2025\n  max_change: 0.3", None, None),
    "a milestone done": Edit(PROGRESS, "note: 学习", "milestone: 1", None, None),
    "a quarter as period": Edit("workplans/2022.yaml", "period: 全年", "period: 2022Q3",
                                None, None),
    "a Chinese quarter": Edit("workplans/2022.yaml", "period: 全年", "period: 第三、四季度",
                              None, None),
    "a due date": Edit("tasks.yaml", "due: null", "due: 2025-06-30", None, None),
    "a second plan": Edit(WORKSPACE, "directory: national\n", "directory: national\n"
                          "  - {name: copy, directory: copy, parent: national}\n", None, None),
}
# fmt: on


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The shipped plan, as the plan ``national`` of a workspace, with one record file of each
    kind it lacks; and a second copy for a second plan."""
    root = tmp_path / "ws"
    plan = root / "national"
    shutil.copytree(SHIPPED, plan)
    track_2022(plan)  # a progress record is among RECORDS
    shutil.copytree(SHIPPED, root / "copy")
    for name, text in RECORDS.items():
        path = plan / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return plan


def _schema_errors(name: str, path: Path) -> list[str]:
    """The keywords of every error the published schema finds in ``path``, as an editor reads
    it: YAML's dates and times are text in the JSON it checks."""
    document = parse(path.read_text(encoding="utf-8"), path)[0].data
    published = json.loads(schema.render(name))
    checker = Draft202012Validator(published, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(set(_keywords(checker.iter_errors(_plain(document)))))


def _keywords(errors: Iterable[ValidationError]) -> Iterator[str]:
    """Each error's keyword, and those of the errors under it (in each choice of an anyOf: a
    value or null, say)."""
    for error in errors:
        yield str(error.validator)
        yield from _keywords(error.context or [])


def _plain(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def _validate(cli: Run, plan: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    monkeypatch.chdir(plan.parent)  # in the workspace: its file is checked with its plans
    result = cli("validate", "--format", "json")
    assert "Traceback" not in result.stderr
    problems: list[dict[str, Any]] = json.loads(result.stdout) if result.stdout.strip() else []
    assert result.exit_code == (1 if problems else 0), result.stderr
    return problems


def test_the_unedited_files_pass_both(
    cli: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for file, name in SCHEMAS.items():
        assert _schema_errors(name, workspace / file) == [], file
    assert _validate(cli, workspace, monkeypatch) == []


def test_the_table_covers_every_schema_and_kind_of_rule() -> None:
    assert {e.file for e in EDITS.values()} == set(SCHEMAS)
    assert set(SCHEMAS.values()) == set(schema.FILE_MODELS)
    refused = [e for e in EDITS.values() if e.code is not None]
    assert len(refused) >= 26
    assert {e.keyword for e in refused} >= {
        "type", "minimum", "maximum", "exclusiveMinimum", "pattern", "format", "enum",
        "required", "additionalProperties", "minItems",
    }  # fmt: skip


def _keys(document: Any) -> Iterator[str]:
    """Every keyword of a schema document, and the names of the properties it describes."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from _keys(value)
    elif isinstance(document, list):
        for value in document:
            yield from _keys(value)


@pytest.mark.parametrize("name", list(schema.FILE_MODELS))
def test_every_bound_is_under_json_schemas_name(name: str) -> None:
    """pydantic's names for a bound (ge, gt, le, lt) are words no JSON Schema validator reads."""
    document = schema.schema(name)
    Draft202012Validator.check_schema(document)
    assert {"ge", "gt", "le", "lt"} & set(_keys(document)) == set()


@pytest.mark.slow
@pytest.mark.parametrize("edit", list(EDITS.values()), ids=list(EDITS))
def test_schema_and_validate_agree(
    cli: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit
) -> None:
    path = workspace / edit.file
    text = path.read_text(encoding="utf-8")
    assert edit.old in text
    path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")

    keywords = _schema_errors(SCHEMAS[edit.file], path)
    problems = _validate(cli, workspace, monkeypatch)
    if edit.code is None:
        assert (keywords, problems) == ([], [])
        return
    assert edit.keyword in keywords
    # validate tells it in the edited file, with the rule's own code
    here = [p["code"] for p in problems if Path(p["file"]).resolve() == path.resolve()]
    assert edit.code in here, problems
