"""The smaller points found in use: init's default, show without a baseline, the HTML chart's
key and axis, and clearing an action's lead unit or due date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ipplan.files import layout
from ipplan.render import charts
from tests.conftest import SHIPPED, Run, load, snapshot


def test_init_defaults_to_data(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0
    assert "data" in result.stdout
    assert (tmp_path / "data" / "indicators.yaml").read_bytes() == (
        SHIPPED / "indicators.yaml"
    ).read_bytes()
    before = snapshot(tmp_path)
    again = cli("init")
    assert again.exit_code == 1 and "已存在" in again.stderr
    assert snapshot(tmp_path) == before


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


def test_the_html_key_names_only_what_the_chart_draws(cli: Run, plan_dir: Path) -> None:
    cli("record", "2022", "practitioners", "31347", "--data", str(plan_dir))
    page = cli("report", "-f", "html", "--data", str(plan_dir)).stdout
    captions = dict(
        re.findall(
            r'<section class="indicator" id="indicator-(\w+)">.*?<figcaption>(.*?)<', page, re.S
        )
    )
    # practitioners: baseline and one actual (a line), the path, the target; no milestone
    assert captions["practitioners"] == ("图例：实线与圆点为实际值，虚线为线性路径，空心圆为目标。")
    # satisfaction: no baseline and nothing recorded, so only the target is drawn
    assert captions["satisfaction"] == "图例：空心圆为目标。"
    # litigators: the baseline alone, no actual yet
    assert captions["litigators"] == "图例：圆点为基线值，虚线为线性路径，空心圆为目标。"
    assert "菱形" not in page  # no indicator of the shipped plan has a milestone
    english = cli("report", "-f", "html", "--lang", "en", "--data", str(plan_dir)).stdout
    assert "<figcaption>Key: the ring is the target.</figcaption>" in english


def test_a_chart_with_only_its_target_has_an_axis_from_zero(plan_dir: Path) -> None:
    from ipplan.views.indicators import show_view

    plan = load(plan_dir)
    chart = charts.Chart.from_show(show_view(plan, plan.indicator("satisfaction")))
    assert chart.drawn() == ["target"]
    assert chart.span() == (0.0, 83)
    svg = charts.svg(chart, "t", {k: k for k in ("linear", "actual", "milestone", "target")})
    ticks = [float(t) for t in re.findall(r'class="tick"[^>]*text-anchor="end">([\d.]+)<', svg)]
    assert ticks[0] == 0 and ticks[-1] >= 83 and len(ticks) >= 4
    lines = charts.grid(chart)
    assert lines[-3].strip().startswith("0 ┤")  # the lowest row is labelled 0


def test_a_lead_unit_and_a_due_date_can_be_cleared(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    set_ = cli("task", "talent-training", "--lead", "培训部", "--due", "2025-06-30", *data)
    assert set_.exit_code == 0
    cleared = cli("task", "talent-training", "--no-lead", "--no-due", "--json", *data)
    assert cleared.exit_code == 0
    view = json.loads(cleared.stdout)
    assert (view["lead"], view["due"]) == (None, None)
    assert view["updates"][-1]["cleared"] == ["lead", "due"]
    state = load(plan_dir).state(load(plan_dir).action("talent-training"))
    assert (state.lead, state.due) == (None, None)
    shown = cli("task", "talent-training", *data).stdout
    assert "牵头单位：—" in shown and "牵头单位 → （已清除）" in shown
    # clearing what is already empty changes nothing
    before = snapshot(plan_dir)
    again = cli("task", "talent-training", "--no-lead", *data)
    assert again.exit_code == 0 and "没有变化" in again.stdout
    assert snapshot(plan_dir) == before
    # undo brings them back
    assert cli("undo", *data).exit_code == 0
    state = load(plan_dir).state(load(plan_dir).action("talent-training"))
    assert (state.lead, str(state.due)) == ("培训部", "2025-06-30")
    assert cli("validate", *data).exit_code == 0


def test_setting_and_clearing_one_field_is_refused(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = cli("task", "talent-training", "--lead", "x", "--no-lead", "--data", str(plan_dir))
    assert result.exit_code == 2
    assert "--lead 与 --no-lead 不能同时使用" in result.stderr
    assert snapshot(plan_dir) == before
    assert layout.LOCK_NAME not in snapshot(plan_dir)
