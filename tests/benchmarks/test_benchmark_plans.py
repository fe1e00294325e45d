"""The benchmark's synthetic plans are valid plans (the benchmark itself is never timed here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Run, load


def test_synthetic_plan_is_valid_with_ten_years_and_two_actions_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", bench)  # dataclasses look their module up
    spec.loader.exec_module(bench)
    key = bench.synthetic_plan(tmp_path / "plan", 12)
    plan = load(tmp_path / "plan")  # raises if any file is invalid
    assert len(plan.indicators) == 12 and len(plan.actions) == 24
    assert all(len(series) == 10 for series in plan.actuals.values())
    assert plan.indicator(key).unit == "人"


def _bench_module(monkeypatch: pytest.MonkeyPatch) -> object:
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", bench)
    spec.loader.exec_module(bench)
    return bench


def test_synthetic_plan_has_a_valid_work_plan_a_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = _bench_module(monkeypatch)
    bench.synthetic_plan(tmp_path / "plan", 20)  # type: ignore[attr-defined]
    plan = load(tmp_path / "plan")  # raises if any work plan is invalid
    assert plan.work.years == list(range(2015, 2025))
    assert len(list(plan.work.items())) == 10 * 4  # every tenth of forty actions, ten years


def test_a_long_status_table_is_plain_aligned_text_with_every_indicator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Run
) -> None:
    bench = _bench_module(monkeypatch)
    count = 305  # past the 300 rows where a second engine once took over
    bench.synthetic_plan(tmp_path / "plan", count)  # type: ignore[attr-defined]
    result = cli("status", "--data", str(tmp_path / "plan"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rows = [
        line
        for line in lines
        if line.split()[0:1] != [] and line.split()[0].isdigit() and line.split()[1][:2] == "指标"
    ]
    assert [int(row.split()[0]) for row in rows] == list(range(1, count + 1))
    assert all(line == line.rstrip() for line in lines)
    # the same columns start at the same place in every row: aligned, not laid out row by row
    status_at = {row.index("需加快") for row in rows if "需加快" in row}
    assert len(status_at) == 1
    assert "9 项" not in result.stdout and f"{count} 项指标" in result.stdout


def test_synthetic_workspace_is_valid_and_rolls_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan.workspace import load_workspace
    from ipplan.workspaces.checks import check_workspace
    from ipplan.workspaces.overview import load_plans
    from ipplan.workspaces.rollup import roll_up

    bench = _bench_module(monkeypatch)
    assert bench.PROVINCES == 31  # type: ignore[attr-defined] # national and 31 provinces
    path = bench.synthetic_workspace(tmp_path / "ws", members=3, count=10)  # type: ignore[attr-defined]
    assert check_workspace(path).problems == []
    plans = load_plans(load_workspace(path))
    assert list(plans) == ["national", "p01", "p02", "p03"]
    assert all(len(plan.work.plans) == 10 for plan in plans.values())  # a work plan a year
    done = roll_up(plans, "national", "ind_00005")  # counted in 人
    assert done is not None and len(done.members) == 3
    first = done.years[0]
    assert first.reporting == 3 and first.total == 3 * plans["p01"].actuals["ind_00005"][0].value
