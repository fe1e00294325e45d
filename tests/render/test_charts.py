"""The charts: the HTML key names only what is drawn; a chart of its target alone starts at zero."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipplan.render import charts
from tests.conftest import Run, load


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


def test_the_years_under_a_chart_never_run_into_each_other(plan_dir: Path) -> None:
    """At any width each year shown stands apart from the next (2023  202025 was once printed
    at 38 columns), the first and the target's year are always there, and each year shown
    sits where its column is."""
    from ipplan.views.indicators import show_view

    plan = load(plan_dir)
    chart = charts.Chart.from_show(show_view(plan, plan.indicator("practitioners")))
    for width in range(20, 61):
        axis = charts.grid(chart, width=width)[-1]
        shown = [int(year) for year in axis.split()]
        assert all(re.fullmatch(r"\d{4}", year) for year in axis.split()), (width, axis)
        assert shown == sorted(set(shown)) and shown[0] == 2021 and shown[-1] == 2025, axis


def test_a_chart_on_a_narrow_terminal_fits_it_with_its_first_and_target_years(
    cli: Run, shipped_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plot gives way on a narrow terminal, down to ten columns, so that no line of the
    chart is wider than the terminal (at 24 columns the target's year was cut to 202)."""
    from ipplan.text.wrapping import width

    for columns in (20, 24, 30, 36, 80):
        monkeypatch.setenv("COLUMNS", str(columns))
        shown = cli("show", "practitioners", "--lang", "en", "--data", str(shipped_dir))
        lines = shown.stdout.splitlines()
        start = lines.index("Chart")
        chart = lines[start + 1 : next(i for i in range(start, len(lines)) if "└" in lines[i]) + 2]
        assert max(width(line) for line in chart) <= columns, (columns, chart)
        years = chart[-1].split()
        assert years[0] == "2021" and years[-1] == "2025", (columns, chart[-1])
