"""A write leaves the plan's cache current: the command after a write reads the plan from the
cache, and that plan is the one a fresh read of the files gives, or there is none."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from ipplan import load as loader
from ipplan import write
from ipplan.files import layout
from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import identity as cache_identity
from ipplan.plan import Plan
from tests.conftest import track_2022

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
RECORD = "actuals/practitioners/2025.yaml"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped plan with a cache of its own; the files are as fresh as a write
    leaves them (cache_identity.RACY_SECONDS as shipped)."""
    monkeypatch.setenv(cache_dir.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache_dir.ENV_SWITCH, raising=False)
    monkeypatch.setenv("IPPLAN_TODAY", "2026-01-10")  # every year of the plan has ended
    target = tmp_path / "plan"
    shutil.copytree(SHIPPED, target)
    yield target


def cached(plan: Path) -> Plan | None:
    """The plan the cache holds for the files as they are now, without reading them."""
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    return loader.from_cache(layout.DataDir(plan), seen[0])


def same(one: Plan, other: Plan) -> bool:
    """Equal to the type of every field (a record's text names every type), lines included."""
    plain = dataclasses.replace(one, origin=None), dataclasses.replace(other, origin=None)
    return repr(plain[0]) == repr(plain[1]) and [p.lines for p in one.work.plans] == [
        p.lines for p in other.work.plans
    ]


def test_after_each_write_the_cache_holds_the_plan_a_fresh_read_gives(
    cli: Callable[..., Result], plan: Path, tmp_path: Path
) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text("key,year,value\nlitigators,2025,6100\nrevenue,2025,700\n", "utf-8")
    track_2022(plan)  # progress is recorded on its items below
    data = ["--data", str(plan)]
    writes = [
        ["record", "2025", "practitioners", "36000"],
        ["record", "2025", "practitioners", "36500", "--force", "--note", "订正"],
        ["record", "2025", "practitioners", "36500", "--source", "年报"],
        ["task", "talent-training", "--status", "in_progress", "--lead", "协会"],
        ["task", "talent-training", "--no-lead", "--note", "进展"],
        ["item", "y2022-1", "--done", "1", "--date", "2022-06-20", "--evidence", "通知"],
        ["item", "y2022-2", "--cancel", "合并", "--date", "2022-07-01"],
        ["import", str(figures)],
    ]
    # each change, then undo (its files removed or put back, the undo's record written), then
    # undo again (the newest change is that undo: what it took is put back)
    steps = [step for write in writes for step in (write, ["undo"], ["undo"])]
    steps += [["undo"]]  # the last redo taken back: the import's two files removed again
    for step in steps:
        result = cli(*step, *data)
        assert result.exit_code == 0, (step, result.stderr)
        kept = cached(plan)
        assert kept is not None, step
        assert same(kept, loader.load_fresh(layout.DataDir(plan))), step
    assert (plan / RECORD).exists()
    assert not (plan / "actuals/litigators/2025.yaml").exists()


def test_after_a_baseline_written_in_and_its_undo_the_cache_gives_the_fresh_plan(
    cli: Callable[..., Result], plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)  # files just written are cached
    successor = tmp_path / "next"
    made = cli("new", str(successor), "--from", str(plan), "--years", "2026-2030", "--title", "T")
    assert made.exit_code == 0, made.stderr
    data = ["--data", str(successor)]
    steps = [["record", "2025", "medium_agencies", "130", "--source", "年报"], ["undo"], ["undo"]]
    for step in steps:
        result = cli(*step, *data)
        assert result.exit_code == 0, (step, result.stderr)
        # indicators.yaml is written: the next read fills the cache, and serves it after
        fresh = loader.load_fresh(layout.DataDir(successor))
        if cached(successor) is None:
            loader.load(layout.DataDir(successor))
        kept = cached(successor)
        assert kept is not None, step
        assert same(kept, fresh), step
    assert [(b.indicator, b.year, b.value, b.source) for b in fresh.baselines] == [
        ("medium_agencies", 2025, 130, "年报")
    ]


def coarse_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """File times as a file system whose clock ticks every 1,000 s gives them: a file changed
    twice within a tick keeps its times, so only its bytes tell the change."""
    real, identify = cache_identity.snapshot, cache_identity.identify
    tick = 1000 * 10**9

    def up(moment: int) -> int:
        return -(-moment // tick) * tick

    def coarse(name: str, info: os.stat_result) -> tuple[str, int, int, int, int]:
        name, size, mtime, ctime, inode = identify(name, info)
        return name, size, up(mtime), up(ctime), inode

    def snapshot(top: Path) -> tuple[cache_identity.Snapshot, int, cache_identity.Stamp] | None:
        found = real(top)  # every file's times through coarse(); the directories' too here
        if found is None:
            return None
        files, newest, directories = found
        return files, up(newest), directories

    monkeypatch.setattr(cache_identity, "identify", coarse)
    monkeypatch.setattr(cache_identity, "snapshot", snapshot)


def test_a_file_written_and_changed_again_within_its_clock_tick_is_read_again(
    cli: Callable[..., Result], plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coarse_clock(monkeypatch)
    assert cli("record", "2025", "practitioners", "36000", "--data", str(plan)).exit_code == 0
    kept = cached(plan)
    assert kept is not None  # the entry the write left, the file's digest in it
    assert kept.actuals["practitioners"][-1].value == 36000
    path = plan / RECORD
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode, same size
        handle.write(text.replace("value: 36000", "value: 36001"))
    assert cached(plan) is None
    again = loader.load(layout.DataDir(plan))
    assert again.actuals["practitioners"][-1].value == 36001


def test_a_file_another_program_changed_during_a_write_leaves_no_entry(
    cli: Callable[..., Result], plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no file counts as fresh, so no digest stands guard: only the files' identity tells
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)
    real = write.apply_writes
    indicators = plan / "indicators.yaml"

    def apply_writes(data_dir: layout.DataDir, writes: object, command: str = "change") -> None:
        real(data_dir, writes, command)  # type: ignore[arg-type]
        text = indicators.read_text(encoding="utf-8")  # an editor saves, in place
        indicators.write_text(text.replace("执业专利代理师人数", "执业专利代理人数目"), "utf-8")

    monkeypatch.setattr(write, "apply_writes", apply_writes)
    assert cli("record", "2025", "practitioners", "36000", "--data", str(plan)).exit_code == 0
    monkeypatch.setattr(write, "apply_writes", real)
    assert cached(plan) is None
    assert loader.load(layout.DataDir(plan)).indicator("practitioners").name == "执业专利代理人数目"
