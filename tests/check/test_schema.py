"""`ipplan schema`: JSON Schema from the models, referenced by the first line of each data file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ipplan.check import schema
from ipplan.files import layout
from tests.conftest import SHIPPED, Run, snapshot


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema.render(name)))


@pytest.mark.parametrize("name", list(schema.FILE_MODELS))
def test_shipped_schemas_are_current(name: str) -> None:
    """The committed schema is what the models generate: regenerate with `ipplan schema`."""
    shipped = (SHIPPED / "schema" / schema.schema_name(name)).read_text(encoding="utf-8")
    assert shipped == schema.render(name)


@pytest.mark.parametrize("name", [n for n in layout.FILES if n not in layout.LEGACY])
def test_each_data_file_names_its_schema_and_passes_it(name: str) -> None:
    path = SHIPPED / layout.FILES[name]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json"
    assert (path.parent / first.split("$schema=")[1]).is_file()
    errors = list(validator(name).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == []


def test_schema_catches_what_an_editor_should_flag() -> None:
    document = yaml.safe_load((SHIPPED / "indicators.yaml").read_text(encoding="utf-8"))
    document["indicators"][0]["direction"] = "up"
    document["indicators"][1]["unit"] = 5
    document["indicators"][2]["colour"] = "red"
    del document["indicators"][3]["target"]
    found = sorted(
        (list(e.absolute_path), e.validator) for e in validator("indicators").iter_errors(document)
    )
    assert found == [
        (["indicators", 0, "direction"], "enum"),
        (["indicators", 1, "unit"], "type"),
        (["indicators", 2], "additionalProperties"),
        (["indicators", 3], "required"),
    ]
    # and the descriptions show on hover
    indicator = schema.schema("indicators")["$defs"]["Indicator"]["properties"]
    assert "lower is better" in indicator["direction"]["description"]


def test_recorded_files_keep_their_schema_line_and_pass(cli: Run, plan_dir: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--source", "统计", "--data", str(plan_dir))
    cli("record", "2023", "practitioners", "31500", "--force", "--data", str(plan_dir))
    cli("task", "talent-training", "--status", "in_progress", "--data", str(plan_dir))
    written = sorted(
        p for kind in ("actuals", "updates") for p in (plan_dir / kind).rglob("*.yaml")
    )
    assert [p.relative_to(plan_dir).parts[:2] for p in written] == [
        ("actuals", "practitioners"),
        ("updates", "talent-training"),
    ]
    for path, name in zip(written, ("actual", "update"), strict=True):
        text = path.read_text(encoding="utf-8")
        first = f"# yaml-language-server: $schema=../../schema/{name}.schema.json\n"
        assert text.startswith(first)
        assert (path.parent / first.split("$schema=")[1].strip()).is_file()
        assert list(validator(name).iter_errors(yaml.safe_load(text))) == []


def test_schema_command_writes_every_schema(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    for path in (plan_dir / "schema").iterdir():
        path.unlink()
    result = cli("schema", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert snapshot(plan_dir / "schema") == snapshot(SHIPPED / "schema")
    assert result.stdout.count("已写入") == len(schema.FILE_MODELS)

    elsewhere = tmp_path / "schemas"
    assert cli("schema", str(elsewhere), "--data", str(SHIPPED)).exit_code == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == [
        "actual.schema.json",
        "baseline.schema.json",
        "indicators.schema.json",
        "progress.schema.json",
        "tasks.schema.json",
        "undo.schema.json",
        "update.schema.json",
        "workplan.schema.json",
        "workspace.schema.json",
    ]


def test_schema_into_the_bundled_plan_is_refused(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./data here: the bundled plan is used
    result = cli("schema")
    assert result.exit_code == 1
    assert "ipplan init DIR" in result.stderr


RECORDED = {
    '"2026-11-21T20:59:38.591+00:00"': True,  # as ipplan writes it
    '"2026-11-21T20:59:38+08:00"': True,
    '"2026-11-21 20:59:38Z"': True,
    '"2026-11-21T20:59:38"': True,  # no offset: read as local time
    "1732222222": False,  # a Unix time
    '"2026-11-21"': False,  # a date alone
    "2026-11-21": False,
    '"2026-11-21T20:59"': False,  # no seconds
    '"2026-11-21T20:59:38+00:60"': False,  # an offset past 23:59
    '"2026-11-21T20:59:38.1234567+08:00"': False,  # finer than a microsecond
    '"21/11/2026 20:59:38"': False,
}


def _schema_takes(name: str, text: str) -> bool:
    document = yaml.safe_load(text)  # a YAML date or time is text in the JSON an editor checks
    return not list(validator(name).iter_errors(json.loads(json.dumps(document, default=str))))


@pytest.mark.parametrize(("written", "taken"), list(RECORDED.items()))
def test_validate_and_the_schema_take_the_same_recorded_times(
    cli: Run, plan_dir: Path, written: str, taken: bool
) -> None:
    """A recorded time passes ipplan validate exactly when it passes the published schema, in
    an actual's record and its history, and in an action update."""
    from pydantic import ValidationError

    from ipplan.file_models import ActionUpdate
    from ipplan.files.yaml_read import parse

    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    text = (
        f"value: 31000\nrecorded: {written}\nhistory:\n  - value: 30000\n    recorded: {written}\n"
    )
    record.write_text(text, encoding="utf-8")
    assert _schema_takes("actual", text) is taken
    update = f"recorded: {written}\nnote: 培训\n"
    assert _schema_takes("update", update) is taken
    try:
        ActionUpdate.model_validate(parse(update, plan_dir / "u.yaml")[0].data)
    except ValidationError as error:
        assert not taken and error.errors()[0]["type"] == "time_form"
    else:
        assert taken
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    if taken:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 1
        lines = result.stderr.splitlines()[:-1]
        assert [line.split(": ")[1] for line in lines] == ["time-form"] * 2
        assert (
            f"{record}:2: time-form: recorded must be a date and a time to the second" in (lines[0])
        )
        assert f"{record}:5: time-form: history.0.recorded must be" in lines[1]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ('"9999-12-31T23:59:59-14:00"', "time-range"),
        ('"0001-01-01T00:00:00+14:00"', "time-range"),
        ('"1899-12-31T23:59:59+08:00"', "time-range"),
        ('"2026-13-01T00:00:00+08:00"', "time-form"),
        ('"2026-11-21T24:00:00+08:00"', "time-form"),
    ],
)
def test_a_recorded_time_no_moment_can_be_made_of_is_a_problem_not_a_crash(
    cli: Run, plan_dir: Path, written: str, code: str
) -> None:
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(f"value: 31000\nrecorded: {written}\n", encoding="utf-8")
    data = ["--data", str(plan_dir)]
    for command in (
        ["validate"],
        ["status"],
        ["history"],
        ["record", "2024", "practitioners", "33000"],
    ):
        result = cli(*command, "--lang", "en", *data)
        assert result.exit_code == 1, command
        assert "Traceback" not in result.stderr
    assert f"{record}:2: {code}: recorded " in cli("validate", *data).stderr
