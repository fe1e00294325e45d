"""Several people, one directory: the write lock works for a group sharing a data directory with
the usual umask (022), and a lock that cannot be taken is refused with its real cause."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipplan.files import layout
from tests.conftest import SHIPPED, Run, clear_recorded, load

GROUP = 60000
ALICE, BOB = 60001, 60002
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as two users"
)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_in_a_group_writable_directory_the_lock_file_is_group_writable(
    cli: Run, plan_dir: Path, umask_022: None
) -> None:
    plan_dir.chmod(0o2775)
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    lock = plan_dir / layout.LOCK_NAME
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664  # whatever the umask says


def test_in_a_private_directory_the_umask_decides(
    cli: Run, plan_dir: Path, umask_022: None
) -> None:
    plan_dir.chmod(0o755)
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    assert stat.S_IMODE((plan_dir / layout.LOCK_NAME).stat().st_mode) == 0o644


@pytest.fixture
def shared(cli: Run) -> Iterator[Path]:
    """A plan in a directory of group GROUP (setgid, g+w), reachable by any user."""
    top = Path(tempfile.mkdtemp(prefix="ipplan-shared-", dir="/tmp"))
    try:
        top.chmod(0o755)
        plan = top / "plan"
        shutil.copytree(SHIPPED, plan, ignore=shutil.ignore_patterns(layout.LOCK_NAME))
        clear_recorded(plan)  # the shipped figures: the users below record their own
        # shared as a group shares a directory: chgrp -R, and every directory g+ws
        for path in [plan, *plan.rglob("*")]:
            os.chown(path, 0, GROUP)
            if path.is_dir():
                path.chmod(0o2775)
        # Load every module a write uses, here, before the children drop to other users who
        # may not read the source tree.
        warm = top / "warm"
        shutil.copytree(SHIPPED, warm)
        clear_recorded(warm)
        assert cli("record", "2022", "practitioners", "28000", "--data", str(warm)).exit_code == 0
        cli("record", "2022", "nosuch", "1", "--data", str(warm))
        yield plan
    finally:
        shutil.rmtree(top, ignore_errors=True)


def as_user(uid: int, *args: str) -> tuple[int, str]:
    """Run ipplan in a child process as ``uid`` (group GROUP, umask 022): exit code, stderr."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        code = 99
        try:
            os.close(read)
            os.setgroups([GROUP])
            os.setgid(GROUP)
            os.setuid(uid)
            os.umask(0o022)
            from typer.testing import CliRunner

            from ipplan.cli import app

            outcome = CliRunner().invoke(app, list(args))
            os.write(write, f"{outcome.exit_code}\n{outcome.stderr}".encode())
            code = 0
        except BaseException as exc:
            os.write(write, f"98\n{exc!r}".encode())
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        reported = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    code, _, stderr = reported.partition("\n")
    return int(code), stderr


@as_root
def test_two_users_of_one_group_both_write(shared: Path) -> None:
    data = str(shared)
    first = as_user(ALICE, "record", "2022", "practitioners", "28500", "--data", data)
    assert first == (0, "")
    lock = shared / layout.LOCK_NAME
    assert lock.stat().st_uid == ALICE and stat.S_IMODE(lock.stat().st_mode) == 0o664
    second = as_user(BOB, "record", "2023", "practitioners", "31000", "--data", data)
    assert second == (0, "")
    third = as_user(ALICE, "task", "talent-training", "--status", "in_progress", "--data", data)
    assert third == (0, "")
    # a record directory the first one made is open to the second, whatever the umask
    revenue = as_user(ALICE, "record", "2023", "revenue", "500", "--data", data)
    assert revenue == (0, "")
    more = as_user(BOB, "record", "2024", "revenue", "560", "--data", data)
    assert more == (0, "")
    assert stat.S_IMODE((shared / "actuals" / "revenue").stat().st_mode) == 0o2775
    plan = load(shared)
    assert [a.value for a in plan.actuals["practitioners"]] == [28500, 31000]
    assert [a.value for a in plan.actuals["revenue"]] == [500, 560]


@as_root
def test_a_lock_file_another_user_keeps_to_himself_is_named_as_the_cause(shared: Path) -> None:
    lock = shared / layout.LOCK_NAME
    lock.touch()
    os.chown(lock, ALICE, GROUP)
    lock.chmod(0o644)  # as an older ipplan made it under umask 022
    code, stderr = as_user(BOB, "record", "2023", "practitioners", "31000", "--data", str(shared))
    assert code == 1
    assert str(ALICE) in stderr and str(BOB) in stderr  # whose file it is, and who asks
    assert "-rw-r--r--" in stderr and f"chmod g+rw {lock}" in stderr
    assert "另一个 ipplan 命令正在写入" not in stderr  # not mistaken for a busy writer
    assert load(shared).actuals["practitioners"] == ()
