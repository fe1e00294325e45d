"""`ipplan show` on an indicator the plan gives no baseline: the two actuals rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize(("recorded", "count"), [((), 0), (("2023",), 1)])
def test_show_without_a_baseline_explains_the_two_actuals_rule(
    cli: Run, plan_dir: Path, recorded: tuple[str, ...], count: int
) -> None:
    for year in recorded:
        assert cli("record", year, "satisfaction", "80", "--data", str(plan_dir)).exit_code == 0
    out = cli("show", "satisfaction", "--data", str(plan_dir)).stdout
    assert (
        "计划未给出基线：记录两个实际值后，以最早的实际值作为暂定基线计算进度"
        f"（目前有 {count} 个）。" in out.replace("\n", "")
    )
    english = cli("show", "satisfaction", "--lang", "en", "--data", str(plan_dir)).stdout
    assert "once two actuals are recorded, the earliest serves as a provisional baseline" in (
        english.replace("\n", " ")
    )
