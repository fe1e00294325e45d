"""The cache of validated plans: used only while nothing under the data directory changed."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ipplan import load as loader
from ipplan.errors import DataInvalid
from ipplan.file_models import Actual
from ipplan.files import layout
from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import entries as cache_entries
from ipplan.files.cache import identity as cache_identity
from ipplan.files.cache import plans as cache_plans
from ipplan.files.layout import ACTUALS
from ipplan.files.record_text import dump_actual
from ipplan.plan import Plan
from tests.conftest import track_2022

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
RECORD = "actuals/practitioners/2022.yaml"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the shipped plan, and an empty cache directory that takes fresh files too."""
    plan = copy_with_records(tmp_path)
    entries = tmp_path / "cache"
    monkeypatch.setenv(cache_dir.ENV_DIR, str(entries))
    monkeypatch.delenv(cache_dir.ENV_SWITCH, raising=False)
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)
    return plan, entries


def copy_with_records(tmp_path: Path) -> Path:
    """The shipped plan with three values of its own, whatever the shipped plan records."""
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    shutil.rmtree(plan / "actuals", ignore_errors=True)
    for key, year, value in (
        ("practitioners", 2022, 31347),
        ("litigators", 2022, 4405),
        ("litigators", 2023, 4896),
    ):
        path = plan / ACTUALS.relative(key, str(year))
        path.parent.mkdir(parents=True, exist_ok=True)
        actual = Actual.model_validate(
            {"year": year, "value": value, "recorded": f"2024-09-0{year - 2020}T10:00:00+08:00"}
        )
        path.write_text(dump_actual(actual), encoding="utf-8")
    return plan


def load(plan: Path) -> Plan:
    return loader.load(layout.DataDir(plan))


def value_2022(plan: Path) -> float:
    return next(a.value for a in load(plan).actuals["practitioners"] if a.year == 2022)


def rewrite_in_place(path: Path, old: str, new: str) -> None:
    """Change a file's bytes without a new inode, as an editor saving in place does."""
    time.sleep(0.02)  # past the clock tick of the write before
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old) == len(new)
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace(old, new))


def test_an_unchanged_plan_comes_from_the_cache(cached: tuple[Path, Path]) -> None:
    plan, entries = cached
    first = load(plan)
    assert len(list(entries.glob(f"*{cache_dir.PLAN}"))) == 1
    again = load(plan)
    assert again == first
    assert again.origin == first.origin


def test_a_plan_from_the_cache_is_the_plan_read_fresh_to_the_type_of_every_field(
    cli: Callable[..., Result], cached: tuple[Path, Path]
) -> None:
    """Built back from plain data, every record is what loading built: a revised value's
    history, an action's updates (its status, dates, cleared fields), progress on work items,
    dates and times in their zones; compared by their text, which names every type."""
    plan, _ = cached
    track_2022(plan)  # progress is recorded on its items below
    data = ["--data", str(plan)]
    assert cli("record", "2024", "litigators", "5000", *data).exit_code == 0
    assert (
        cli("record", "2024", "litigators", "5100", "--force", "--note", "订正", *data).exit_code
        == 0
    )
    steps = [
        [
            "task",
            "talent-training",
            "--status",
            "in_progress",
            "--lead",
            "协会",
            "--due",
            "2025-06-30",
        ],
        ["task", "talent-training", "--no-due", "--note", "进展"],
        ["item", "y2022-1", "--done", "1", "--date", "2022-06-20", "--evidence", "通知"],
        ["item", "y2022-2", "--cancel", "合并", "--date", "2022-07-01"],
    ]
    for step in steps:
        assert cli(*step, *data).exit_code == 0, step
    fresh = loader.load_fresh(layout.DataDir(plan))
    load(plan)  # fills the cache
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    again = loader.from_cache(layout.DataDir(plan), seen[0])
    assert again is not None
    assert again.actuals["litigators"][-1].history and again.updates and again.work.events
    assert repr(dataclasses.replace(again, origin=None)) == repr(fresh)
    assert again.work.plans[0].lines == fresh.work.plans[0].lines


def test_a_file_changed_in_place_with_the_same_size_is_read_again(
    cached: tuple[Path, Path],
) -> None:
    plan, _ = cached
    assert value_2022(plan) == 31347
    rewrite_in_place(plan / RECORD, "31347", "31348")
    assert value_2022(plan) == 31348


def test_a_file_added_or_removed_is_seen(cached: tuple[Path, Path]) -> None:
    plan, _ = cached
    before = load(plan)
    assert [a.year for a in before.actuals["litigators"]] == [2022, 2023]
    (plan / "actuals/litigators/2023.yaml").unlink()
    assert [a.year for a in load(plan).actuals["litigators"]] == [2022]


def test_a_change_that_breaks_the_plan_is_reported_not_served_from_the_cache(
    cached: tuple[Path, Path],
) -> None:
    plan, _ = cached
    load(plan)
    rewrite_in_place(plan / RECORD, "value: 31347", "value: 'abc'")
    with pytest.raises(DataInvalid):
        load(plan)


def test_fresh_files_are_not_cached(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, entries = cached
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 3600.0)
    load(plan)
    assert not entries.exists() or not list(entries.glob(f"*{cache_dir.PLAN}"))


@pytest.mark.parametrize(
    "junk", [b"", b"not json", b"\x80\x05K\x01.", b'{"format": 3}\n', b"[]\n[]\n", b"{}" * 5000]
)
def test_a_corrupt_entry_is_ignored_and_replaced(cached: tuple[Path, Path], junk: bytes) -> None:
    plan, entries = cached
    expected = load(plan)
    (entry,) = entries.glob(f"*{cache_dir.PLAN}")
    entry.write_bytes(junk)
    assert load(plan) == expected
    assert entry.read_bytes() != junk


@pytest.mark.parametrize("cut", ["a byte changed", "the last part", "a part added"])
def test_an_entry_whose_parts_are_not_what_its_header_says_is_ignored(
    cached: tuple[Path, Path], cut: str
) -> None:
    """The header names the digest of the parts: a part changed, lost or added, still JSON,
    is only a miss, and the entry is replaced."""
    plan, entries = cached
    expected = load(plan)
    (entry,) = entries.glob(f"*{cache_dir.PLAN}")
    raw = entry.read_bytes()
    title = expected.info.title.encode("utf-8")
    assert raw.count(title) == 1
    *parts, header = raw.rstrip(b"\n").split(b"\n")  # the header is the last line
    changed = {
        "a byte changed": raw.replace(title, title[:-3] + "伪".encode()),
        "the last part": b"\n".join([*parts[:-1], header]) + b"\n",
        "a part added": b"\n".join([*parts, b"[]", header]) + b"\n",
    }[cut]
    entry.write_bytes(changed)
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    assert cache_plans.lookup(plan, seen[0], os.environ) is None
    assert load(plan) == expected
    assert entry.read_bytes() != changed
    assert cache_plans.lookup(plan, seen[0], os.environ) is not None


def test_an_entry_in_a_directory_others_may_write_is_not_trusted(
    cached: tuple[Path, Path],
) -> None:
    plan, entries = cached
    load(plan)
    os.chmod(entries, 0o777)
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    assert cache_plans.lookup(plan, seen[0], os.environ) is None


def test_a_link_in_the_data_directory_turns_the_cache_off(cached: tuple[Path, Path]) -> None:
    plan, _ = cached
    (plan / "elsewhere").symlink_to("/etc")
    assert cache_identity.snapshot(plan) is None


def test_switched_off(cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    plan, entries = cached
    monkeypatch.setenv(cache_dir.ENV_SWITCH, "0")
    load(plan)
    assert not entries.exists()


def _ipplan(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ipplan", *args], capture_output=True, text=True, env=env
    )


@pytest.mark.slow
def test_outputs_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    plan = copy_with_records(tmp_path)
    env = {**os.environ, cache_dir.ENV_DIR: str(tmp_path / "cache"), "COLUMNS": "100"}
    env.pop(cache_dir.ENV_SWITCH, None)
    args = ["status", "--json", "--data", str(plan)]
    # the change times of the copied files are fresh: wait them out once
    time.sleep(cache_identity.RACY_SECONDS + 0.1)
    filled = _ipplan(args, env)
    assert list((tmp_path / "cache").glob(f"*{cache_dir.PLAN}"))
    hit = _ipplan(args, env)
    off = _ipplan(args, {**env, cache_dir.ENV_SWITCH: "0"})
    assert filled.returncode == hit.returncode == off.returncode == 0
    assert json.loads(hit.stdout) == json.loads(off.stdout) == json.loads(filled.stdout)
    for command in (["show", "1"], ["tasks"], ["report", "-f", "md"]):
        cached_out = _ipplan([*command, "--data", str(plan)], env)
        plain_out = _ipplan([*command, "--data", str(plan)], {**env, cache_dir.ENV_SWITCH: "0"})
        assert cached_out.returncode == plain_out.returncode == 0
        assert cached_out.stdout == plain_out.stdout


@pytest.mark.slow
def test_two_processes_filling_the_cache_at_once_leave_one_whole_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = copy_with_records(tmp_path)
    time.sleep(cache_identity.RACY_SECONDS + 0.1)
    entries = tmp_path / "cache"
    env = {**os.environ, cache_dir.ENV_DIR: str(entries)}
    env.pop(cache_dir.ENV_SWITCH, None)
    args = [sys.executable, "-m", "ipplan", "status", "--json", "--data", str(plan)]
    processes = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(6)
    ]
    outputs = [p.communicate()[0] for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert len(set(outputs)) == 1
    assert len(list(entries.glob(f"*{cache_dir.PLAN}"))) == 1
    assert not list(entries.glob(".*.tmp"))
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    monkeypatch.setenv(cache_dir.ENV_DIR, str(entries))
    monkeypatch.delenv(cache_dir.ENV_SWITCH, raising=False)
    from_cache = loader.from_cache(layout.DataDir(plan), seen[0])
    assert from_cache is not None
    assert from_cache == loader.load_fresh(layout.DataDir(plan))


@pytest.mark.slow
def test_a_plan_read_from_the_cache_loads_no_pydantic(tmp_path: Path) -> None:
    """What the cache holds rebuilds from the standard library and ipplan's own records: no
    pydantic model, and no pydantic-core zone in a recorded time; and reading it imports
    neither the readers of YAML nor the checks."""
    plan = copy_with_records(tmp_path)
    time.sleep(cache_identity.RACY_SECONDS + 0.1)  # the files' change times leave the racy window
    env = {**os.environ, cache_dir.ENV_DIR: str(tmp_path / "cache")}
    env.pop(cache_dir.ENV_SWITCH, None)
    probe = (
        "import sys; from pathlib import Path; from ipplan import load as loader; "
        "from ipplan.files import layout; "
        f"p = loader.load(layout.DataDir(Path({str(plan)!r}))); "
        "assert p.actuals; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core') "
        "or m in ('ipplan.files.yaml_read', 'ipplan.files.yaml_fast', 'ipplan.check.rules')))"
    )
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "pydantic" in first.stdout  # the first read validates, with pydantic
    again = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"


def test_a_plan_cached_in_many_parts_comes_back_whole_and_in_order(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, _ = cached
    monkeypatch.setattr(loader, "_PART", 1)  # each indicator's actuals a part of its own
    fresh = load(plan)
    assert len(fresh.actuals) > 2 and fresh.work.plans and fresh.origin is not None
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    again = loader.from_cache(layout.DataDir(plan), seen[0])
    assert again is not None and again == fresh
    assert list(again.actuals) == list(fresh.actuals)
    assert [p.year for p in again.work.plans] == [p.year for p in fresh.work.plans]
    assert again.work == fresh.work
    assert again.origin is not None
    assert (again.origin.files, again.origin.digests) == (fresh.origin.files, fresh.origin.digests)
    parts = cache_plans.lookup(plan, seen[0], os.environ)
    assert parts is not None and len(parts) == 2 + len(fresh.actuals) + len(fresh.work.plans)


def test_an_upgraded_library_makes_every_entry_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "site" / "checker_lib"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache_entries, "LIBRARIES", (*cache_entries.LIBRARIES, "checker_lib"))
    cache_entries.code_identity.cache_clear()
    before = cache_entries.code_identity()
    assert "checker_lib:" in before
    time.sleep(0.02)
    (library / "__init__.py").write_text("VERSION = 22\n", encoding="utf-8")
    cache_entries.code_identity.cache_clear()
    assert cache_entries.code_identity() != before
    cache_entries.code_identity.cache_clear()


def test_what_a_killed_writer_left_is_cleared_once_an_hour_old(cached: tuple[Path, Path]) -> None:
    plan, entries = cached
    entries.mkdir(mode=0o700)
    old = entries / ".entry.abc123.tmp"
    new = entries / ".entry.def456.tmp"
    other = entries / "notes.tmp"
    for path in (old, new, other):
        path.write_bytes(b"half an entry")
    long_ago = time.time() - cache_dir.STALE_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    load(plan)  # a fresh read writes an entry
    assert len(list(entries.glob(f"*{cache_dir.PLAN}"))) == 1
    assert not old.exists()
    assert new.exists()  # perhaps another writer's, still at work
    assert other.exists()  # not ours
