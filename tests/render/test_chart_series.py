"""The charts of one indicator: a line only between figures of consecutive years, the same in the
terminal and the SVG, and a cumulative indicator's origin named as the start of its running
total, never as the baseline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipplan.render import charts
from tests.conftest import Run, write
from tests.properties.test_any_plan import SUCCESSOR, TASKS, record_training

# 2022 has no figure: 2020-2021 and 2023-2024 are two runs, and no line spans 2022.
GAPPED = charts.Chart(
    first_year=2020,
    last_year=2025,
    linear=[],
    actual=[(2020, 0), (2021, 10), (2023, 30), (2024, 40)],
    milestones=[],
    target=(2025, 50),
)


@pytest.fixture(autouse=True)
def _every_year_of_the_successor_has_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2030-06-30")


LEGEND = {k: k for k in ("linear", "actual", "milestone", "target", "baseline", "total", "origin")}


def test_the_actual_series_is_cut_into_runs_of_consecutive_years() -> None:
    assert GAPPED.runs() == [[(2020, 0), (2021, 10)], [(2023, 30), (2024, 40)]]
    assert GAPPED.breaks()
    whole = charts.Chart(2020, 2022, [], [(2020, 0), (2021, 1), (2022, 2)], [], (2022, 5))
    assert whole.runs() == [[(2020, 0), (2021, 1), (2022, 2)]]
    assert not whole.breaks()
    # dots alone, never joined: nothing to break
    apart = charts.Chart(2020, 2024, [], [(2020, 0), (2022, 1)], [], (2024, 5))
    assert not apart.breaks()


def test_the_terminal_chart_joins_consecutive_years_and_breaks_at_a_year_with_no_figure() -> None:
    lines = charts.grid(GAPPED, width=21, height=5)
    assert lines[:5] == [
        "60 ┤" + " " * 21,
        "40 ┤" + " " * 16 + "●   ◎",
        "   ┤" + " " * 12 + "●•••" + " " * 5,
        "20 ┤" + " " * 4 + "●" + " " * 16,
        " 0 ┤" + "●•••" + " " * 17,
    ]
    # nothing is drawn across 2022 (columns 5 to 11)
    assert all(set(line[4 + 5 : 4 + 12]) == {" "} for line in lines[:5])


def test_the_svg_draws_one_line_per_run_and_none_across_a_year_with_no_figure() -> None:
    svg = charts.svg(GAPPED, "t", LEGEND)
    assert re.findall(r'<polyline class="actual"[^>]*>', svg) == [
        '<polyline class="actual" points="64.0,264.0 175.2,222.7"/>',
        '<polyline class="actual" points="397.6,140.0 508.8,98.7"/>',
    ]
    assert svg.count('<circle class="actual"') == 4  # every figure keeps its dot


@pytest.fixture
def successor(tmp_path: Path) -> Path:
    target = tmp_path / "successor"
    target.mkdir()
    write(target, "indicators.yaml", SUCCESSOR)
    write(target, "tasks.yaml", TASKS)
    return target


def captions(page: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<section class="indicator" id="indicator-(\w+)">.*?<figcaption>(.*?)<', page, re.S
        )
    )


def test_a_cumulative_charts_origin_is_its_start_not_the_baseline(
    cli: Run, successor: Path
) -> None:
    data = ("--data", str(successor))
    page = cli("report", "-f", "html", *data).stdout
    # nothing reported yet: the one dot is the running total's zero, not the plan's baseline
    assert captions(page)["trained"] == (
        "图例：圆点为累计的起点，即 2025 年的 0，虚线为线性路径，空心圆为目标。"
    )
    assert "圆点为基线值" not in captions(page)["trained"]
    english = cli("report", "-f", "html", "--lang", "en", *data).stdout
    assert captions(english)["trained"] == (
        "Key: the dot is where the running total starts, 0 in 2025; "
        "the dashed line is the linear path; the ring is the target."
    )
    assert "<title>起点 2025: 0</title>" in page
    # an indicator of year-end values keeps its baseline
    assert "<title>基线 2025: 120</title>" in page


def test_a_cumulative_chart_with_a_year_missing_says_so_everywhere(
    cli: Run, successor: Path
) -> None:
    record_training(cli, successor)  # 2026, 2027 and 2029; 2028 not reported
    data = ("--data", str(successor))
    page = cli("report", "-f", "html", *data).stdout
    assert captions(page)["trained"] == (
        "图例：实线与圆点为累计值，从 2025 年的 0 算起，实线在没有数据的年份断开，"
        "虚线为线性路径，空心圆为目标。"
    )
    section = page.split('id="indicator-trained"')[1].split("</section>")[0]
    # 2025 (the start) to 2027 is one line; 2029 stands alone, with no line across 2028
    assert len(re.findall(r'<polyline class="actual"', section)) == 1
    assert "<title>起点 2025: 0</title>" in section
    assert "<title>累计值 2029: 36500</title>" in section
    # its text alternative names the start and the running total, never the baseline
    assert (
        'aria-label="3. 专利代理师培训 (人次)：起点 2025：0；'
        '累计值 2026：11000、2027：24000、2029：36500；目标 2030：60000"'
    ) in section
    english = cli("report", "-f", "html", "--lang", "en", *data).stdout
    assert captions(english)["trained"] == (
        "Key: the solid line and dots are the running total, counted from 0 in 2025; "
        "the line breaks at a year with no figure; "
        "the dashed line is the linear path; the ring is the target."
    )

    shown = cli("show", "trained", *data).stdout.splitlines()
    start = shown.index("图示")
    legend = shown[start + 13]
    assert legend == "  ● 累计值   · 线性路径   ◎ 目标   线在没有数据的年份断开"
    assert "•" in "".join(shown[start + 1 : start + 11])  # consecutive years are joined
    english_show = cli("show", "trained", "--lang", "en", *data).stdout.splitlines()
    assert english_show[english_show.index("Chart") + 13] == (
        "  ● running total   · linear path   ◎ target   the line breaks at a year with no figure"
    )


def test_a_provisional_baseline_is_named_the_actual_it_is(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    for year, value in (("2022", "80"), ("2023", "81")):
        assert cli("record", year, "satisfaction", value, *data).exit_code == 0
    page = cli("report", "-f", "html", *data).stdout
    assert 'aria-label="9. 行业社会满意度 (%)：实际 2022：80、2023：81；目标 2025：83"' in page
    assert "<title>实际 2022: 80</title>" in page
    # the plan's own baseline is named the baseline
    assert "<title>基线 2021: 26829</title>" in page
