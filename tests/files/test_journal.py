"""Every change is one change: a change of several files is written down first (the journal),
so that one killed at any file is rolled back whole by the next writer, and until then readers
refuse the plan and validate reports it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ipplan import write
from ipplan.errors import DiskFull
from ipplan.files import journal
from ipplan.files.layout import LOCK_NAME, UNDONE, DataDir
from tests.conftest import Run

# A child ipplan whose writer is killed (SIGKILL, nothing runs after it) before file N+1.
KILLER = """
import os, signal, sys
from ipplan import write
from ipplan.cli import main
after = int(os.environ["KILL_AFTER"])
real = write.write_one
count = [0]
def write_one(*args, **kwargs):
    if count[0] == after:
        os.kill(os.getpid(), signal.SIGKILL)
    real(*args, **kwargs)
    count[0] += 1
write.write_one = write_one
sys.argv = ["ipplan", *sys.argv[1:]]
main()
"""

ROWS = (
    "key,year,value\n"
    "practitioners,2022,29000\n"
    "agency_rate,2023,80.7\n"
    "complaint_rate,2023,2.7\n"
    "litigators,2023,120\n"
)


def files(directory: Path) -> dict[str, bytes]:
    """Every file of the plan, by path, with its bytes (the lock is no part of the plan, nor
    are the records undo keeps of what it took back, ``undone/``: tests/test_undo_records.py
    holds them to what each undo took)."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
        and path.name != LOCK_NAME
        and path.relative_to(directory).parts[0] != UNDONE.name
    }


def killed(plan: Path, after: int, *args: str) -> None:
    env = {**os.environ, "KILL_AFTER": str(after), "IPPLAN_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", KILLER, *args, "--data", str(plan)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


def start(cli: Run, plan: Path, tmp_path: Path) -> Path:
    """A plan with a value already recorded, and a table replacing it and adding three more:
    an import of four files, one of them replaced."""
    assert cli("record", "2022", "practitioners", "28500", "--data", str(plan)).exit_code == 0
    table = tmp_path / "values.csv"
    table.write_text(ROWS, encoding="utf-8")
    return table


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_an_import_killed_at_any_file_is_rolled_back_whole(
    cli: Run, plan_dir: Path, tmp_path: Path, after: int
) -> None:
    table = start(cli, plan_dir, tmp_path)
    before = files(plan_dir)
    killed(plan_dir, after, "import", str(table), "--force", "--accept-jump")
    assert (plan_dir / journal.NAME).exists()

    checked = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert checked.exit_code == 1
    assert f"{journal.NAME}:1: unfinished-change:" in checked.stderr
    read = cli("status", "--lang", "en", "--data", str(plan_dir))
    assert read.exit_code == 1
    assert f"its journal is {plan_dir / journal.NAME}" in read.stderr
    assert "Run ipplan undo to roll it back" in read.stderr
    assert "Traceback" not in read.stderr

    undone = cli("undo", "--lang", "en", "--data", str(plan_dir))
    assert undone.exit_code == 0, undone.stderr
    assert "Rolled back a change that was stopped midway (4 files" in undone.stdout
    assert files(plan_dir) == before
    # that was the undo: the value recorded before the import is still in force
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0


@pytest.mark.parametrize("after", [0, 2])
def test_the_next_writer_rolls_back_then_makes_its_own_change(
    cli: Run, plan_dir: Path, tmp_path: Path, after: int
) -> None:
    table = start(cli, plan_dir, tmp_path)
    before = files(plan_dir)
    killed(plan_dir, after, "import", str(table), "--force", "--accept-jump")
    recorded = cli("record", "2023", "litigators", "4000", "--data", str(plan_dir))
    assert recorded.exit_code == 0, recorded.stderr
    assert not (plan_dir / journal.NAME).exists()
    now = files(plan_dir)
    new = {name for name in now if name not in before}
    assert new == {"actuals/litigators/2023.yaml"}
    assert {name: now[name] for name in before} == before
    # and undo takes back that change, leaving the plan as before the killed import
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert files(plan_dir) == before


@pytest.mark.slow
@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_an_undo_killed_at_any_file_is_made_again_whole(
    cli: Run, plan_dir: Path, tmp_path: Path, after: int
) -> None:
    table = start(cli, plan_dir, tmp_path)
    before = files(plan_dir)
    imported = cli("import", str(table), "--force", "--accept-jump", "--data", str(plan_dir))
    assert imported.exit_code == 0, imported.stderr
    killed(plan_dir, after, "undo")
    assert cli("validate", "--data", str(plan_dir)).exit_code == 1
    again = cli("undo", "--data", str(plan_dir))
    assert again.exit_code == 0, again.stderr
    assert files(plan_dir) == before
    assert not (plan_dir / journal.NAME).exists()


def test_a_journal_not_written_by_ipplan_is_refused_and_nothing_changes(
    cli: Run, plan_dir: Path
) -> None:
    (plan_dir / journal.NAME).write_text(
        json.dumps(
            {"version": 1, "command": "change", "files": [{"path": "../outside", "old": "eA=="}]}
        ),
        encoding="utf-8",
    )
    before = files(plan_dir)
    result = cli("record", "2023", "litigators", "4000", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "is no change journal ipplan wrote" in result.stderr
    assert "Traceback" not in result.stderr
    assert files(plan_dir) == before
    assert not (plan_dir.parent / "outside").exists()


def test_a_change_of_one_file_leaves_no_journal_and_every_change_removes_its_own(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    table = start(cli, plan_dir, tmp_path)
    assert (
        cli("import", str(table), "--force", "--accept-jump", "--data", str(plan_dir)).exit_code
        == 0
    )
    assert not (plan_dir / journal.NAME).exists()
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0


def test_a_change_whose_disk_fills_midway_is_reported_then_rolled_back_by_undo(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = start(cli, plan_dir, tmp_path)
    before = files(plan_dir)
    real = write.write_one
    count = [0]

    def then_fill_the_disk(data_dir: DataDir, name: str, content: str | bytes | None) -> None:
        if count[0] == 2:
            raise DiskFull(path=str(data_dir.file(name)), detail="No space left on device")
        real(data_dir, name, content)
        count[0] += 1

    monkeypatch.setattr(write, "write_one", then_fill_the_disk)
    stopped = cli("import", str(table), "--force", "--accept-jump", "--data", str(plan_dir))
    assert stopped.exit_code == 1
    monkeypatch.setattr(write, "write_one", real)
    assert files(plan_dir) != before
    checked = cli("validate", "--format", "json", "--data", str(plan_dir))
    assert [p["code"] for p in json.loads(checked.stdout)] == ["unfinished-change"]
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert files(plan_dir) == before


# A child ipplan killed while it rolls back: after N files of the change put back as they were.
ROLLBACK_KILLER = """
import os, signal, sys
from ipplan.files import atomic
from ipplan.cli import main
after = int(os.environ["KILL_AFTER"])
count = [0]
def killing(real):
    def step(path, *args):
        if path.name != ".ipplan.journal" and count[0] == after:
            os.kill(os.getpid(), signal.SIGKILL)
        real(path, *args)
        count[0] += 1
    return step
atomic.atomic_write = killing(atomic.atomic_write)
atomic.remove = killing(atomic.remove)
sys.argv = ["ipplan", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("after", [0, 1, 2])
def test_a_roll_back_killed_midway_is_finished_by_the_next(
    cli: Run, plan_dir: Path, tmp_path: Path, after: int
) -> None:
    table = start(cli, plan_dir, tmp_path)
    before = files(plan_dir)
    killed(plan_dir, 3, "import", str(table), "--force", "--accept-jump")
    env = {**os.environ, "KILL_AFTER": str(after)}
    done = subprocess.run(
        [sys.executable, "-c", ROLLBACK_KILLER, "undo", "--data", str(plan_dir)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert (plan_dir / journal.NAME).exists()
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert files(plan_dir) == before
