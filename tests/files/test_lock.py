"""The write lock (ipplan.files.lock): flock taken directly excludes, and is excluded by, the lock
filelock takes; a file system without flock falls back to filelock; the lock file is never
followed through a link, truncated, or left open."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from ipplan.errors import DataLocked, write_error
from ipplan.files import atomic, journal, layout
from ipplan.files import lock as locking
from tests.conftest import Run, load, snapshot
from tests.files.test_journal import files

fcntl = pytest.importorskip("fcntl")


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[Path]:
    """A lock file whose lock another process holds (through ipplan.files.lock) until the end."""
    path = tmp_path / ".ipplan.lock"
    code = textwrap.dedent(
        f"""
        import sys, time
        from ipplan.files import lock as locking
        lock = locking.lock({str(path)!r})
        assert lock.acquire(5)
        print("held", flush=True)
        sys.stdin.read()
        lock.release()
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        yield path
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)


def test_a_lock_held_by_another_process_is_waited_for_then_refused(held_elsewhere: Path) -> None:
    lock = locking.lock(str(held_elsewhere))
    started = time.monotonic()
    assert lock.acquire(0.3) is False
    assert time.monotonic() - started >= 0.3
    assert lock.acquire(0) is False  # one try, no wait


def test_a_writer_that_waits_tells_the_callback_it_is_given(tmp_path: Path) -> None:
    """The wait is told to what the caller passes (the command line prints it), once, and only
    when it lasts beyond WAIT_NOTICE_AFTER; the files layer keeps no notice of its own."""
    data_dir = layout.DataDir(tmp_path)
    told: list[Path] = []
    with FileLock(str(tmp_path / layout.LOCK_NAME)):
        with pytest.raises(DataLocked), locking.writing(data_dir, 0.2, waiting=told.append):
            pass
        assert told == []  # a short wait passes unnoticed
        wait = locking.WAIT_NOTICE_AFTER + 0.2
        with pytest.raises(DataLocked), locking.writing(data_dir, wait, waiting=told.append):
            pass
        assert told == [tmp_path]
    with locking.writing(data_dir, wait, waiting=told.append):
        assert told == [tmp_path]  # the lock free: nothing more is told
    assert not hasattr(locking, "waiting_notice")


def test_filelock_and_ipplan_exclude_each_other(held_elsewhere: Path, tmp_path: Path) -> None:
    # ipplan holds it (in another process): filelock, as an older ipplan took it, cannot
    with pytest.raises(Timeout):
        FileLock(str(held_elsewhere)).acquire(timeout=0.2)
    # and the other way round, within one process as between two
    other = tmp_path / "other.lock"
    with FileLock(str(other)):
        assert locking.lock(str(other)).acquire(0.2) is False
    taken = locking.lock(str(other))
    assert taken.acquire(0) is True
    taken.release()


def test_released_lock_is_free_and_its_file_stays(tmp_path: Path) -> None:
    path = tmp_path / ".ipplan.lock"
    first = locking.lock(str(path))
    assert first.acquire(0)
    assert locking.lock(str(path)).acquire(0) is False
    first.release()
    second = locking.lock(str(path))
    assert second.acquire(0)
    second.release()
    assert path.is_file() and path.read_bytes() == b""
    first.release()  # a second release is harmless


def test_the_lock_file_is_never_truncated(tmp_path: Path) -> None:
    path = tmp_path / ".ipplan.lock"
    path.write_text("kept\n")
    lock = locking.lock(str(path))
    assert lock.acquire(0)
    lock.release()
    assert path.read_text() == "kept\n"


def test_a_link_in_place_of_the_lock_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("not a lock\n")
    path = tmp_path / ".ipplan.lock"
    path.symlink_to(target)
    with pytest.raises(OSError) as raised:
        locking.lock(str(path)).acquire(0)
    assert raised.value.errno == errno.ELOOP
    assert target.read_text() == "not a lock\n"


def test_an_explicit_mode_holds_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        lock = locking.lock(str(tmp_path / "shared.lock"), 0o664)
        assert lock.acquire(0)
        lock.release()
        plain = locking.lock(str(tmp_path / "private.lock"))
        assert plain.acquire(0)
        plain.release()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.lock").stat().st_mode) == 0o664
    assert stat.S_IMODE((tmp_path / "private.lock").stat().st_mode) == 0o600


def test_a_lock_whose_file_was_unlinked_is_taken_again_on_the_file_now_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the open and the flock, the name can come to mean another file: a lock on the
    unlinked one guards nothing, so it is let go and taken on the file the name now holds."""
    path = tmp_path / ".ipplan.lock"
    flock = fcntl.flock
    unlinked = []

    def unlink_first(fd: int, operation: int) -> None:
        if not unlinked:
            unlinked.append(os.fstat(fd).st_ino)
            path.unlink()
            path.write_bytes(b"")  # another file under the name
        flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", unlink_first)
    lock = locking.lock(str(path))
    assert lock.acquire(1)
    monkeypatch.setattr(fcntl, "flock", flock)
    assert isinstance(lock, locking.FlockLock) and lock._fd is not None
    assert os.fstat(lock._fd).st_ino == path.stat().st_ino != unlinked[0]
    assert locking.lock(str(path)).acquire(0) is False  # the name's file is the one held
    lock.release()


@pytest.mark.filterwarnings("ignore:flock not supported")
def test_without_flock_filelock_takes_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    path = tmp_path / ".ipplan.lock"
    lock = locking.lock(str(path))
    assert lock.acquire(0)
    assert isinstance(lock, locking.FlockLock) and isinstance(lock._fallback, locking.FileLockLock)
    assert locking.lock(str(path)).acquire(0.1) is False  # filelock's own lock excludes
    lock.release()
    assert not path.exists()  # filelock's lock there is the file's existence, gone once let go
    again = locking.lock(str(path))
    assert again.acquire(0)
    again.release()


def test_another_failure_of_flock_is_raised_and_leaves_no_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks_left(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks_left)
    before = set(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").is_dir() else None
    with pytest.raises(OSError) as raised:
        locking.lock(str(tmp_path / ".ipplan.lock")).acquire(0)
    assert raised.value.errno == errno.ENOLCK
    if before is not None:
        assert set(os.listdir("/proc/self/fd")) == before


def test_a_write_command_refuses_a_lock_file_that_is_a_link(cli: Run, plan_dir: Path) -> None:
    target = plan_dir.parent / "not-a-lock"
    target.write_text("x\n")
    (plan_dir / layout.LOCK_NAME).unlink(missing_ok=True)  # copied from a plan written to
    (plan_dir / layout.LOCK_NAME).symlink_to(target)
    before = snapshot(plan_dir)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    lock = plan_dir / layout.LOCK_NAME
    assert (
        f"{lock} 是一个符号链接，不是锁文件，本次未做任何改动。请在没有 ipplan 命令运行时删除它"
        in (result.stderr)
    )
    assert target.read_text() == "x\n"
    assert snapshot(plan_dir) == before


def test_a_write_command_does_not_import_filelock(plan_dir: Path) -> None:
    code = (
        "import sys\n"
        "from ipplan.cli import main\n"
        "sys.argv = ['ipplan', 'record', '2023', 'practitioners', '31000', '--data', "
        f"{str(plan_dir)!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'filelock' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_writer_whose_lock_file_went_writes_nothing(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The lock file removed (by hand, by git clean -X) while a writer holds it lets the next
    writer straight in: the first then writes nothing, and says why."""
    lock = plan_dir / layout.LOCK_NAME
    taken = atomic.remove_stray_temporaries

    def then_lose_it(data_dir: layout.DataDir) -> None:
        taken(data_dir)
        lock.unlink()
        if how == "replaced":
            lock.write_bytes(b"")

    monkeypatch.setattr(atomic, "remove_stray_temporaries", then_lose_it)
    before = snapshot(plan_dir)
    result = cli(
        "record", "2023", "practitioners", "31000", "--lang", "en", "--data", str(plan_dir)
    )
    assert result.exit_code == 1
    assert f"the lock file {lock} was removed or replaced while this command held it" in (
        result.stderr
    )
    assert "nothing was changed" in result.stderr
    assert snapshot(plan_dir) == before
    monkeypatch.setattr(atomic, "remove_stray_temporaries", taken)
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0


IMPORTED = (
    "key,year,value\n"
    "agency_rate,2023,80.7\n"  # actuals/agency_rate/2023.yaml, written first
    "practitioners,2022,29000\n"
    "practitioners,2023,31000\n"
)
NAMES = [
    "actuals/agency_rate/2023.yaml",
    "actuals/practitioners/2022.yaml",
    "actuals/practitioners/2023.yaml",
]


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_an_import_whose_lock_file_goes_after_its_first_file_stops_before_the_second(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    lock = plan_dir / layout.LOCK_NAME
    source = tmp_path / "values.csv"
    source.write_text(IMPORTED, encoding="utf-8")
    write = atomic.atomic_write
    written: list[Path] = []

    def then_lose_the_lock(path: Path, content: str | bytes) -> None:
        write(path, content)
        if path.name == journal.NAME:
            return  # the change written down before its first file
        written.append(path)
        if len(written) == 1:  # as git clean -X does, between two files of one change
            lock.unlink()
            if how == "replaced":
                lock.write_bytes(b"")

    monkeypatch.setattr(atomic, "atomic_write", then_lose_the_lock)
    result = cli("import", str(source), "--lang", "en", "--data", str(plan_dir))
    assert (result.exit_code, result.stdout) == (1, "")
    assert written == [plan_dir / NAMES[0]]
    assert [(plan_dir / name).exists() for name in NAMES] == [True, False, False]
    message = result.stderr
    assert f"the lock file {lock} was removed or replaced while this command held it" in message
    assert f"1 of 3 files written: {NAMES[0]}; not written: {NAMES[1]}, {NAMES[2]}" in message
    assert "ipplan validate" in message and "git status" in message
    assert "nothing was changed" not in message


def test_a_change_whose_write_fails_midway_names_what_was_written(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk at the second file is not 'every existing file as it was'."""
    source = tmp_path / "values.csv"
    source.write_text(IMPORTED, encoding="utf-8")
    write = atomic.atomic_write
    written: list[Path] = []

    def then_fill_the_disk(path: Path, content: str | bytes) -> None:
        if path.name == journal.NAME:
            return write(path, content)  # the change written down before its first file
        if written:
            raise write_error(path, OSError(errno.ENOSPC, "No space left on device"))
        write(path, content)
        written.append(path)

    monkeypatch.setattr(atomic, "atomic_write", then_fill_the_disk)
    result = cli("import", str(source), "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert [(plan_dir / name).exists() for name in NAMES] == [True, False, False]
    assert f"{plan_dir / NAMES[1]} could not be written (No space left on device)" in result.stderr
    assert f"1 of 3 files written: {NAMES[0]}; not written: {NAMES[1]}, {NAMES[2]}" in (
        result.stderr
    )
    assert "every existing file is as it was" not in result.stderr


MIDWAY_UNDO = {
    "zh": "运行 ipplan undo 可将已写入的部分作为一次改动撤销。",
    "en": "; ipplan undo reverts the part written, as one change",
}


def _stop_after(monkeypatch: pytest.MonkeyPatch, how: str, lock: Path, files: int) -> None:
    """Have the next change stop after its first ``files`` files: its lock file goes (as git
    clean -X does), or the disk is full."""
    write = atomic.atomic_write
    written: list[Path] = []

    def stopping(path: Path, content: str | bytes) -> None:
        if how == "full" and len(written) == files:
            raise write_error(path, OSError(errno.ENOSPC, "No space left on device"))
        write(path, content)
        written.append(path)
        if how == "lock" and len(written) == files:
            lock.unlink()

    monkeypatch.setattr(atomic, "atomic_write", stopping)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("how", ["lock", "full"])
def test_half_an_import_is_reverted_by_one_undo_as_its_message_says(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, lang: str
) -> None:
    """Every file of one change has the same recorded time, so the part of an import written
    before it stopped is, for undo, one change: undo puts every file back as it was, the value
    it replaced included."""
    data = str(plan_dir)
    assert cli("record", "2022", "practitioners", "28000", "--data", data).exit_code == 0
    source = tmp_path / "values.csv"
    source.write_text(IMPORTED, encoding="utf-8")
    before = snapshot(plan_dir)
    _stop_after(monkeypatch, how, plan_dir / layout.LOCK_NAME, files=2)
    stopped = cli("import", str(source), "--force", "--lang", lang, "--data", data)
    monkeypatch.undo()
    assert stopped.exit_code == 1
    assert (plan_dir / NAMES[0]).exists() and not (plan_dir / NAMES[2]).exists()
    assert snapshot(plan_dir) != before
    assert MIDWAY_UNDO[lang] in stopped.stderr
    undone = cli("undo", "--data", data)
    assert undone.exit_code == 0, undone.stderr
    assert snapshot(plan_dir) == before
    assert load(plan_dir).actuals["practitioners"][0].value == 28000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_undo_stopped_midway_says_that_undo_again_finishes_it(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    data = str(plan_dir)
    before = files(plan_dir)
    source = tmp_path / "values.csv"
    source.write_text(IMPORTED, encoding="utf-8")
    assert cli("import", str(source), "--data", data).exit_code == 0
    removed: list[Path] = []

    def remove_one_then_fill(path: Path, top: Path) -> None:
        if removed:
            raise write_error(path, OSError(errno.ENOSPC, "No space left on device"))
        path.unlink()
        removed.append(path)

    monkeypatch.setattr(atomic, "remove", remove_one_then_fill)  # the undo's second file
    stopped = cli("undo", "--lang", lang, "--data", data)
    monkeypatch.undo()
    assert stopped.exit_code == 1 and len(removed) == 1
    again = {
        "zh": "再次运行 ipplan undo 可完成这次撤销。",
        "en": "; run ipplan undo again to finish",
    }
    assert again[lang] in stopped.stderr and MIDWAY_UNDO[lang] not in stopped.stderr
    assert cli("undo", "--data", data).exit_code == 0
    assert files(plan_dir) == before


PAUSED_IMPORT = """
import sys, time
from pathlib import Path
from ipplan.files import atomic
from ipplan.cli import main

paused, go = Path(sys.argv[1]), Path(sys.argv[2])
write = atomic.atomic_write
count = 0

def write_then_wait(path, content):
    global count
    write(path, content)
    if path.name == ".ipplan.journal":
        return  # the change written down before its first file
    count += 1
    if count == 1:  # hold the change between its first file and its second
        paused.write_text("paused")
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

atomic.atomic_write = write_then_wait
sys.argv = ["ipplan", *sys.argv[3:]]
main()
"""


def test_a_second_writer_let_in_by_a_lost_lock_keeps_its_value(
    plan_dir: Path, tmp_path: Path
) -> None:
    """Two processes: an import paused after its first file; its lock file removed; a record
    of the same indicator-year by another process goes through; the import then stops rather
    than overwrite that value."""
    source = tmp_path / "values.csv"
    source.write_text(IMPORTED, encoding="utf-8")
    paused, go = tmp_path / "paused", tmp_path / "go"
    env = {**os.environ, "IPPLAN_LANG": "en"}
    hook = [sys.executable, "-c", PAUSED_IMPORT, str(paused), str(go)]
    first = subprocess.Popen(
        [*hook, "import", str(source), "--data", str(plan_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while not paused.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert paused.exists(), first.communicate()
        (plan_dir / layout.LOCK_NAME).unlink()  # git clean -X
        record = [sys.executable, "-m", "ipplan", "record", "2023", "practitioners", "31500"]
        second = subprocess.run(
            [*record, "--data", str(plan_dir)], capture_output=True, text=True, env=env
        )
        assert second.returncode == 0, second.stderr
        go.write_text("go")
        _, err = first.communicate(timeout=30)
    finally:
        go.write_text("go")
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 1, err
    assert "removed or replaced while this command held it" in err
    assert f"not written: {NAMES[1]}, {NAMES[2]}" in err
    recorded = load(plan_dir).actuals["practitioners"]
    assert [(a.year, a.value) for a in recorded] == [(2023, 31500)]  # the second writer's


def test_a_held_lock_knows_whether_its_file_is_still_there(tmp_path: Path) -> None:
    path = tmp_path / ".ipplan.lock"
    lock = locking.lock(str(path))
    assert lock.still_held() is False  # not taken yet
    assert lock.acquire(0)
    assert lock.still_held() is True
    path.unlink()
    assert lock.still_held() is False
    path.write_bytes(b"")  # another file under the name
    assert lock.still_held() is False
    lock.release()


def test_a_directory_in_place_of_the_lock_file_is_named_for_what_it_is(
    cli: Run, plan_dir: Path
) -> None:
    (plan_dir / layout.LOCK_NAME).unlink(missing_ok=True)
    (plan_dir / layout.LOCK_NAME).mkdir()
    result = cli(
        "record", "2023", "practitioners", "31000", "--lang", "en", "--data", str(plan_dir)
    )
    assert result.exit_code == 1
    assert f"{plan_dir / layout.LOCK_NAME} is a directory, not a lock file" in result.stderr


def test_a_lock_file_of_ones_own_that_nobody_may_open_says_chmod_u_rw(tmp_path: Path) -> None:
    path = tmp_path / ".ipplan.lock"
    path.write_bytes(b"")
    path.chmod(0)
    refusal = locking._lock_refused(path, PermissionError(errno.EACCES, "Permission denied"))
    assert refusal.message_id == "lock-mode-own"
    from ipplan.text.i18n import error_message

    said = error_message(refusal.message_id, refusal.params, "en")
    assert f"Run chmod u+rw {path}" in said and "----------" in said
