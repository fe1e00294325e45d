"""The benchmark's synthetic plans are valid plans (the benchmark itself is never timed here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, load


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
