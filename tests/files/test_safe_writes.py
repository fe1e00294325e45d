"""Writes are all or nothing, one writer at a time: real processes, started together or killed.

Every process here is the installed ``ipplan`` command (or ``python -m ipplan`` where the
command is not on disk), so the lock, the reload under the lock and the atomic rename are
tested as people run them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from ipplan.errors import InvalidLockTimeout
from ipplan.files import atomic, layout, lock
from tests.conftest import Run, load, snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kills processes with POSIX signals")

SLOTS = [  # (indicator, year, value): twenty distinct indicator-years, each plausible
    *[("practitioners", y, v) for y, v in ((2022, 28500), (2023, 31000), (2024, 34500))],
    *[("medium_agencies", y, v) for y, v in ((2022, 620), (2023, 680), (2024, 730))],
    *[("agency_rate", y, v) for y, v in ((2022, 80.5), (2023, 81.5), (2024, 82.5))],
    *[("complaint_rate", y, v) for y, v in ((2022, 2.8), (2023, 2.6), (2024, 2.4))],
    *[("practitioners", 2025, 40100), ("medium_agencies", 2025, 800)],
    *[("agency_rate", 2025, 84), ("complaint_rate", 2025, 2.1)],
    *[("revenue", 2022, 470), ("revenue", 2023, 505.5)],
    *[("litigators", 2022, 4100), ("litigators", 2023, 4400)],
]


def ipplan_command() -> list[str]:
    installed = Path(sys.executable).with_name("ipplan")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "ipplan"]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPPLAN_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "160", "IPPLAN_LOCK_TIMEOUT": "120", **extra})
    return env


def start(plan_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*ipplan_command(), *args, "--data", str(plan_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )


def run_all(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert "Traceback" not in err
        results.append((process.returncode, out, err))
    return results


def validates(plan_dir: Path) -> None:
    done = subprocess.run(
        [*ipplan_command(), "validate", "--data", str(plan_dir)],
        capture_output=True,
        text=True,
        env=environment(),
    )
    assert done.returncode == 0, done.stderr


def test_slots_are_twenty_distinct_indicator_years(plan_dir: Path) -> None:
    plan = load(plan_dir)
    assert len({(k, y) for k, y, _ in SLOTS}) == 20
    assert all(plan.indicator(k) for k, _, _ in SLOTS)


# --- twenty writers at once ------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_writers_to_different_years_all_land(plan_dir: Path) -> None:
    processes = [start(plan_dir, "record", str(y), k, str(v)) for k, y, v in SLOTS]
    results = run_all(processes)
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    plan = load(plan_dir)
    recorded = {(k, a.year): a.value for k, series in plan.actuals.items() for a in series}
    assert recorded == {(k, y): v for k, y, v in SLOTS}
    times = [a.recorded for series in plan.actuals.values() for a in series]
    assert len(set(times)) == 20  # each change has its own time, so undo takes them one by one
    validates(plan_dir)


@pytest.mark.slow
def test_twenty_writers_to_one_year_one_lands_the_rest_are_refused(plan_dir: Path) -> None:
    values = [30000 + i for i in range(20)]
    processes = [start(plan_dir, "record", "2023", "practitioners", str(v)) for v in values]
    results = run_all(processes)
    landed = [v for v, (code, _, _) in zip(values, results, strict=True) if code == 0]
    refused = [err for code, _, err in results if code != 0]
    assert len(landed) == 1
    assert len(refused) == 19
    assert all("已记录为" in err and "--force" in err for err in refused)
    (actual,) = load(plan_dir).actuals["practitioners"]
    assert actual.value == landed[0]
    validates(plan_dir)


@pytest.mark.slow
def test_twenty_forced_writers_to_one_year_lose_no_value(plan_dir: Path) -> None:
    values = [30000 + i for i in range(20)]
    processes = [
        start(plan_dir, "record", "2023", "practitioners", str(v), "--force") for v in values
    ]
    results = run_all(processes)
    assert [code for code, _, _ in results] == [0] * 20
    (actual,) = load(plan_dir).actuals["practitioners"]
    kept = [old.value for old in actual.history] + [actual.value]
    assert sorted(kept) == values  # the one in force, and every other one in its history
    validates(plan_dir)


@pytest.mark.slow
def test_twenty_writers_of_the_same_value_record_it_once(plan_dir: Path) -> None:
    processes = [start(plan_dir, "record", "2023", "practitioners", "31000") for _ in range(20)]
    results = run_all(processes)
    assert [code for code, _, _ in results] == [0] * 20
    assert sum(out.startswith("已记录：") for _, out, _ in results) == 1
    (actual,) = load(plan_dir).actuals["practitioners"]
    assert (actual.value, actual.history) == (31000, [])


@pytest.mark.slow
def test_values_and_action_updates_written_together_all_land(plan_dir: Path) -> None:
    processes = [start(plan_dir, "record", str(y), k, str(v)) for k, y, v in SLOTS[:10]]
    processes += [
        start(plan_dir, "task", "talent-training", "--note", f"第 {i} 次培训") for i in range(10)
    ]
    results = run_all(processes)
    assert [code for code, _, _ in results] == [0] * 20
    plan = load(plan_dir)
    assert sum(len(series) for series in plan.actuals.values()) == 10
    notes = sorted(u.note or "" for u in plan.updates["talent-training"])
    assert notes == sorted(f"第 {i} 次培训" for i in range(10))
    validates(plan_dir)


def test_a_writer_waits_for_the_lock_then_refuses_clearly(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_LOCK_TIMEOUT", "0.3")
    before = snapshot(plan_dir)
    with FileLock(str(plan_dir / layout.LOCK_NAME)):
        started = time.monotonic()
        result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
        waited = time.monotonic() - started
    assert result.exit_code == 1
    assert "正在写入" in result.stderr and "0.3 秒" in result.stderr
    assert "IPPLAN_LOCK_TIMEOUT" in result.stderr
    assert waited >= 0.3
    assert snapshot(plan_dir) == before
    # once the other writer is done, the same command goes through
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0


def test_a_refused_value_takes_no_lock(cli: Run, plan_dir: Path) -> None:
    with FileLock(str(plan_dir / layout.LOCK_NAME), timeout=0):
        # held by this test: a value refused before any write never waits for it
        result = cli("record", "2023", "practitioners", "abc", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "“abc”中的“a”不是数值的一部分" in result.stderr


def test_lock_timeout_setting() -> None:
    assert lock.lock_timeout({}) == lock.LOCK_TIMEOUT
    assert lock.lock_timeout({"IPPLAN_LOCK_TIMEOUT": "2.5"}) == 2.5
    assert str(lock.lock_timeout({"IPPLAN_LOCK_TIMEOUT": "-0"})) == "0.0"
    for bad in ("abc", "-1", "nan", "inf", "1,5", "1e400"):
        with pytest.raises(InvalidLockTimeout):
            lock.lock_timeout({"IPPLAN_LOCK_TIMEOUT": bad})


def test_a_lock_timeout_that_is_no_number_of_seconds_is_refused(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_LOCK_TIMEOUT", "abc")
    before = snapshot(plan_dir)
    result = cli(
        "record", "2023", "practitioners", "31000", "--lang", "en", "--data", str(plan_dir)
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: IPPLAN_LOCK_TIMEOUT=abc is not a number of seconds; nothing was changed. Set it "
        "to 0 or more (such as 30), or unset it for the default of 10"
    )
    assert snapshot(plan_dir) == before


# --- killed mid-write --------------------------------------------------------------------------

# Runs ipplan with one step of atomic_write made to stop: it prints STOPPED and sleeps until
# the test kills it with SIGKILL, which no program can catch or clean up after.
STOPPER = textwrap.dedent(
    """
    import os, sys, time
    point = sys.argv[1]
    def stop():
        print("STOPPED", file=sys.stderr, flush=True)
        time.sleep(600)
    real_fsync, real_replace, real_fdopen = os.fsync, os.replace, os.fdopen
    def fsync(fd):
        if point == "before-sync":
            stop()
        return real_fsync(fd)
    def replace(src, dst, **relative):
        if relative:  # the cache's own entry, written by directory: not the data's write
            return real_replace(src, dst, **relative)
        if point == "before-rename":
            stop()
        real_replace(src, dst)
        if point == "after-rename":
            stop()
    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            stop()
        def __getattr__(self, name):
            return getattr(self.handle, name)
    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return HalfWriter(handle) if point == "mid-write" else handle
    os.fsync, os.replace, os.fdopen = fsync, replace, fdopen
    sys.argv = ["ipplan", *sys.argv[2:]]
    from ipplan.cli import main
    main()
    """
)

POINTS = ["mid-write", "before-sync", "before-rename", "after-rename"]


def stopped_writer(point: str, plan_dir: Path, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STOPPER, point, *args, "--data", str(plan_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.strip() == "STOPPED", line + process.stderr.read()
    return process


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def temporaries(plan_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(plan_dir)) for p in plan_dir.rglob("*.tmp"))


@pytest.mark.parametrize("point", POINTS)
def test_a_writer_killed_mid_write_leaves_the_old_file_or_the_new(
    cli: Run, plan_dir: Path, point: str
) -> None:
    actuals = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    assert cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir)).exit_code == 0
    actuals.chmod(0o640)
    old = actuals.read_bytes()

    kill(stopped_writer(point, plan_dir, "record", "2023", "practitioners", "31500", "--force"))

    series = {a.year: a.value for a in load(plan_dir).actuals["practitioners"]}
    if point == "after-rename":
        assert series == {2023: 31500}  # the new file, whole
    else:
        assert actuals.read_bytes() == old  # the old file, byte for byte
        assert series == {2023: 31000}
    assert actuals.stat().st_mode & 0o777 == 0o640

    # The kill released the lock: the next writer goes ahead at once, and clears what the
    # killed one left behind.
    result = cli("record", "2024", "practitioners", "34500", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    assert temporaries(plan_dir) == []
    assert actuals.stat().st_mode & 0o777 == 0o640
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0


def test_a_temporary_file_left_by_a_kill_is_named_to_be_hidden_and_ignored(
    plan_dir: Path,
) -> None:
    kill(stopped_writer("before-rename", plan_dir, "record", "2023", "practitioners", "31000"))
    (left,) = temporaries(plan_dir)
    assert left.startswith("actuals/practitioners/.2023.yaml.")  # a dot file, never read as data
    assert atomic.stray_temporaries(layout.DataDir(plan_dir)) == [plan_dir / left]
    assert ".*.tmp" in layout.GITIGNORE.split()


@pytest.mark.slow
def test_writers_killed_at_random_moments_never_leave_a_mixed_file(plan_dir: Path) -> None:
    rng = random.Random(20250101)
    for key, year, value in SLOTS[:8]:
        before = snapshot(plan_dir)
        earlier = {(k, a.year): a.value for k, s in load(plan_dir).actuals.items() for a in s}
        process = start(plan_dir, "record", str(year), key, str(value))
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        # whatever the moment, the file loads (a mix of two would not) and is one of the two
        now = {(k, a.year): a.value for k, s in load(plan_dir).actuals.items() for a in s}
        assert now in (earlier, {**earlier, (key, year): value})
        files = {name for name in snapshot(plan_dir) if not name.endswith(".tmp")}
        assert files in (set(before), {*before, f"actuals/{key}/{year}.yaml"})
    validates(plan_dir)


def test_the_lock_file_is_ignored_by_git_in_this_repository() -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = Path(__file__).resolve().parents[2]
    paths = ["data/.ipplan.lock", "data/actuals/practitioners/.2023.yaml.x1.tmp"]
    done = subprocess.run([git, "check-ignore", *paths], cwd=repo, capture_output=True, text=True)
    if done.returncode == 128:
        pytest.skip("not a git checkout")
    assert done.stdout.split() == paths


def test_a_lock_that_cannot_be_created_is_a_clear_refusal(cli: Run, plan_dir: Path) -> None:
    (plan_dir / layout.LOCK_NAME).mkdir()  # the system refuses to open it as a file, even to root
    before = snapshot(plan_dir)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{plan_dir / layout.LOCK_NAME} 是一个目录，不是锁文件" in result.stderr
    assert snapshot(plan_dir) == before
