"""The record files: what belongs in actuals/ and updates/, how they are named, and the move
from the single files of earlier versions, a stop midway included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipplan import write
from ipplan.files import atomic, layout
from ipplan.files import layout as files_layout
from tests.conftest import Run, load, snapshot

UTC8 = dt.timezone(dt.timedelta(hours=8))
WHEN = dt.datetime(2024, 3, 1, 10, 2, tzinfo=UTC8)
OLD_ACTUALS = """\
actuals:
  practitioners:
    - year: 2022
      value: 28500
      recorded: "2024-03-01T10:00:00+08:00"
"""
OLD_TASK_LOG = """\
updates:
  talent-training:
    - recorded: "2024-03-01T10:02:00+08:00"
      status: in_progress
"""
MOVED_ACTUAL = (
    "# yaml-language-server: $schema=../../schema/actual.schema.json\n"
    "value: 28500\n"
    'recorded: "2024-03-01T10:00:00+08:00"\n'
)


def problems(cli: Run, plan_dir: Path) -> list[str]:
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == (1 if result.stderr else 0)
    return [line.replace(f"{plan_dir}/", "") for line in result.stderr.splitlines()[:-1]]


def put(plan_dir: Path, relative: str, text: str) -> Path:
    path = plan_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_record_is_read_from_its_path(cli: Run, plan_dir: Path) -> None:
    put(plan_dir, "actuals/practitioners/2023.yaml", "value: 31000\nsource: 年报\n")
    put(plan_dir, "updates/talent-training/20240301T020200Z.yaml", f'recorded: "{WHEN}"\n')
    plan = load(plan_dir)
    (actual,) = plan.actuals["practitioners"]
    assert (actual.year, actual.value, actual.source) == (2023, 31000, "年报")
    assert [u.recorded for u in plan.updates["talent-training"]] == [WHEN]


def test_what_does_not_belong_in_a_record_directory_is_reported(cli: Run, plan_dir: Path) -> None:
    put(plan_dir, "actuals/practitioners/2023.yml", "value: 31000\n")
    put(plan_dir, "actuals/practitioners/notes.txt", "x\n")
    put(plan_dir, "actuals/Practitioners/2023.yaml", "value: 31000\n")
    put(plan_dir, "actuals/practitioners/.2023.yaml.abc.tmp", "value: 1\n")  # hidden: skipped
    put(plan_dir, "actuals/README.md", "x\n")
    put(plan_dir, "updates/talent-training/yesterday.yaml", 'recorded: "2024-03-01"\n')
    layout = "only record files laid out as actuals/<indicator-key>/<year>.yaml belong here"
    assert problems(cli, plan_dir) == [
        f"actuals/Practitioners:1: unexpected-file: {layout}; move or rename this one",
        f"actuals/README.md:1: unexpected-file: {layout}; move or rename this one",
        f"actuals/practitioners/2023.yml:1: unexpected-file: {layout}; move or rename this one",
        f"actuals/practitioners/notes.txt:1: unexpected-file: {layout}; move or rename this one",
        "updates/talent-training/yesterday.yaml:1: unexpected-file: only record files laid out "
        "as updates/<action-id>/<recorded-stamp>.yaml belong here; move or rename this one",
    ]


def test_a_symlink_in_a_record_directory_is_refused_not_followed(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("value: 12345\nsource: SECRET-TEXT\n", encoding="utf-8")
    (plan_dir / "actuals" / "practitioners").mkdir(parents=True)
    (plan_dir / "actuals" / "practitioners" / "2023.yaml").symlink_to(secret)
    result = cli("validate", "--format", "github", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "not-a-regular-file" in result.stdout + result.stderr
    assert "符号链接" in result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr and "12345" not in result.stdout


def test_an_update_file_is_named_by_its_recorded_time(cli: Run, plan_dir: Path) -> None:
    put(plan_dir, "updates/talent-training/20240301T000000Z.yaml", f'recorded: "{WHEN}"\n')
    assert problems(cli, plan_dir) == [
        "updates/talent-training/20240301T000000Z.yaml:1: record-name: the file name "
        "20240301T000000Z.yaml does not match the recorded time inside; it should be "
        "20240301T020200Z.yaml"
    ]


def test_records_for_unknown_indicators_and_actions_are_reported_at_each_file(
    cli: Run, plan_dir: Path
) -> None:
    put(plan_dir, "actuals/practitioner/2023.yaml", "value: 31000\n")
    put(plan_dir, "updates/talent-trainin/20240301T020200Z.yaml", f'recorded: "{WHEN}"\n')
    found = problems(cli, plan_dir)
    assert [line.split(": ")[0:2] for line in found] == [
        ["actuals/practitioner/2023.yaml:1", "unknown-indicator"],
        ["updates/talent-trainin/20240301T020200Z.yaml:1", "unknown-action"],
    ]
    assert "Did you mean: practitioners" in found[0]


def test_a_record_file_takes_no_year_field(cli: Run, plan_dir: Path) -> None:
    put(plan_dir, "actuals/practitioners/2023.yaml", "year: 2024\nvalue: 31000\n")
    assert [line.split(": ")[:2] for line in problems(cli, plan_dir)] == [
        ["actuals/practitioners/2023.yaml:1", "unknown-field"]
    ]


def test_the_next_write_moves_old_files_into_records(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(plan_dir, "actuals.yaml", OLD_ACTUALS)
    put(plan_dir, "task_log.yaml", OLD_TASK_LOG)
    before = load(plan_dir)
    assert cli("undo", "--dry-run", "--data", str(plan_dir)).exit_code == 0  # writes nothing
    assert (plan_dir / "actuals.yaml").exists()
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    assert not (plan_dir / "actuals.yaml").exists() and not (plan_dir / "task_log.yaml").exists()
    moved = (plan_dir / "actuals/practitioners/2022.yaml").read_text(encoding="utf-8")
    assert moved == MOVED_ACTUAL
    after = load(plan_dir)
    assert after.updates == before.updates
    assert [a.value for a in after.actuals["practitioners"]] == [28500, 31000]
    # and undo takes back the new value, leaving the moved records as they were
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [28500]
    assert load(plan_dir).updates == before.updates
    assert (plan_dir / "actuals/practitioners/2022.yaml").read_text(encoding="utf-8") == moved


def test_a_move_stopped_midway_reads_each_record_once_and_finishes_next_time(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(plan_dir, "actuals.yaml", OLD_ACTUALS)
    put(plan_dir, "task_log.yaml", OLD_TASK_LOG)
    expected = load(plan_dir)
    real_remove = atomic.remove

    def stop(path: Path, top: Path) -> None:
        raise KeyboardInterrupt  # stopped after the record files, before the old files go

    monkeypatch.setattr(write, "remove", stop)
    with pytest.raises(KeyboardInterrupt):
        write.migrate(files_layout.DataDir(plan_dir))
    assert (plan_dir / "actuals.yaml").exists()
    assert (plan_dir / "actuals/practitioners/2022.yaml").exists()
    assert load(plan_dir) == expected  # each record once, not a duplicate
    assert problems(cli, plan_dir) == []

    monkeypatch.setattr(write, "remove", real_remove)
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    assert not (plan_dir / "actuals.yaml").exists()
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [28500, 31000]


def test_an_old_record_that_differs_from_its_record_file_is_a_problem(
    cli: Run, plan_dir: Path
) -> None:
    put(plan_dir, "actuals.yaml", OLD_ACTUALS)
    put(plan_dir, "actuals/practitioners/2022.yaml", "value: 29000\n")
    before = snapshot(plan_dir)
    found = problems(cli, plan_dir)
    assert len(found) == 1
    assert found[0].startswith("actuals/practitioners/2022.yaml:1: duplicate-record: ")
    assert "this record is also in actuals.yaml:3, and the two differ" in found[0]
    refused = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert refused.exit_code == 1
    assert snapshot(plan_dir) == before


def test_the_kinds_name_their_files() -> None:
    assert layout.ACTUALS.relative("practitioners", "2023") == "actuals/practitioners/2023.yaml"
    assert layout.split("actuals/practitioners/2023.yaml") == (
        layout.ACTUALS,
        ("practitioners", "2023"),
    )
    assert layout.split("updates/x/y/z.yaml") is None
    assert layout.split("indicators.yaml") is None
