"""The linear method of docs/methodology.md, branch by branch, and its worked example."""

from __future__ import annotations

import pytest

from ipplan.assess import (
    Outlook,
    Progress,
    Trend,
    assess,
    band,
    expected_value,
    linear_path,
    summary,
)
from ipplan.data import Actual, Indicator, Point, Thresholds

DEFAULT = Thresholds()


def indicator(
    baseline: float | None = 26829,
    target: float = 40000,
    direction: str = "increase",
    unit: str = "人",
) -> Indicator:
    return Indicator(
        key="practitioners",
        number=1,
        name="执业专利代理师人数",
        name_en="Practising patent attorneys",
        unit=unit,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        baseline=None if baseline is None else Point(year=2021, value=baseline),
        target=Point(year=2025, value=target),
    )


def actuals(*pairs: tuple[int, float]) -> list[Actual]:
    return [Actual(year=year, value=value) for year, value in pairs]


def test_worked_example_from_the_methodology() -> None:
    a = assess(indicator(), actuals((2023, 31000)), DEFAULT)
    assert a.progress == pytest.approx(4171 / 13171)
    assert round(a.progress, 4) == 0.3167
    assert a.time_elapsed == 0.5
    assert round(a.pace, 4) == 0.6334
    assert a.status is Progress.needs_acceleration
    assert a.gap == 9000
    assert a.required_per_year == 4500
    assert a.latest == Point(year=2023, value=31000)
    assert a.baseline == Point(year=2021, value=26829)
    assert a.provisional_baseline is False


def test_no_actual_is_no_data() -> None:
    a = assess(indicator(), [], DEFAULT)
    assert a.status is Progress.no_data
    assert (a.latest, a.progress, a.pace, a.gap, a.required_per_year) == (None,) * 5


def test_as_of_ignores_later_actuals() -> None:
    series = actuals((2022, 28000), (2024, 39000))
    a = assess(indicator(), series, DEFAULT, as_of=2023)
    assert a.latest == Point(year=2022, value=28000)
    assert assess(indicator(), series, DEFAULT, as_of=2021).status is Progress.no_data


def test_reaching_the_target_early_is_achieved() -> None:
    a = assess(indicator(), actuals((2023, 40000)), DEFAULT)
    assert a.status is Progress.achieved
    assert a.gap == 0
    assert a.required_per_year is None  # nothing is required once the target is reached


def test_target_year_without_target_is_missed() -> None:
    a = assess(indicator(), actuals((2025, 39999)), DEFAULT)
    assert a.status is Progress.missed
    assert a.required_per_year is None
    assert a.gap == 1


def test_achieved_takes_precedence_over_the_target_year() -> None:
    assert assess(indicator(), actuals((2025, 41000)), DEFAULT).status is Progress.achieved


@pytest.mark.parametrize(
    ("value", "status"),
    [
        # P = (x - 26829) / 13171 at tau = 0.5 (2023): R = 2P
        (26829 + 0.95 / 2 * 13171, Progress.on_track),
        (26829 + 0.9499 / 2 * 13171, Progress.needs_acceleration),
        (26829 + 0.60 / 2 * 13171, Progress.needs_acceleration),
        (26829 + 0.5999 / 2 * 13171, Progress.lagging),
        (26829, Progress.lagging),
        (26828, Progress.regressing),
    ],
)
def test_pace_bands_at_their_edges(value: float, status: Progress) -> None:
    assert assess(indicator(), actuals((2023, value)), DEFAULT).status is status


def test_decreasing_indicator_complaint_rate() -> None:
    rate = indicator(baseline=3, target=2, direction="decrease", unit="‰")
    a = assess(rate, actuals((2022, 2.8)), DEFAULT)
    # P = (2.8 - 3) / (2 - 3) = 0.2; tau = 0.25; R = 0.8
    assert a.progress == pytest.approx(0.2)
    assert a.time_elapsed == 0.25
    assert a.pace == pytest.approx(0.8)
    assert a.status is Progress.needs_acceleration
    assert a.gap == 0.8  # still to go, measured in the indicator's direction
    assert a.required_per_year == pytest.approx(-0.8 / 3)  # the value must go down
    assert assess(rate, actuals((2022, 3.2)), DEFAULT).status is Progress.regressing
    assert assess(rate, actuals((2023, 1.9)), DEFAULT).status is Progress.achieved


def test_the_gap_is_positive_to_go_and_negative_beyond_in_either_direction() -> None:
    rate = indicator(baseline=3, target=2, direction="decrease", unit="‰")
    short, beyond = (assess(rate, actuals((2022, v)), DEFAULT) for v in (2.8, 1.9))
    assert (short.gap, beyond.gap) == (0.8, -0.1)
    people = indicator()
    assert assess(people, actuals((2023, 31000)), DEFAULT).gap == 9000
    assert assess(people, actuals((2023, 40500)), DEFAULT).gap == -500


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value"),
    [("decrease", 3, 2, 1.9), ("increase", 26829, 40000, 40500), ("decrease", 3, 2, 2)],
)
def test_an_achieved_indicator_requires_nothing_more(
    direction: str, baseline: float, target: float, value: float
) -> None:
    # a decrease indicator below its target once showed a positive change required per year
    ind = indicator(baseline=baseline, target=target, direction=direction)
    a = assess(ind, actuals((2022, value)), DEFAULT)
    assert a.status is Progress.achieved
    assert a.required_per_year is None
    assert a.outlook.acceleration_factor is None


def test_a_cumulative_indicator_past_its_target_requires_nothing_more() -> None:
    total = Indicator(
        key="trained",
        number=1,
        name="培训人次",
        name_en="People trained",
        unit="人次",  # type: ignore[arg-type]
        direction="increase",
        accumulate="sum",
        baseline=None,
        target=Point(year=2025, value=100),
    )
    a = assess(total, actuals((2022, 60), (2023, 50)), DEFAULT, start=2021)
    assert a.status is Progress.achieved
    assert (a.gap, a.required_per_year, a.outlook.acceleration_factor) == (-10, None, None)


def test_no_baseline_and_one_actual_is_insufficient_data() -> None:
    talent = indicator(baseline=None, target=200)
    a = assess(talent, actuals((2023, 120)), DEFAULT)
    assert a.status is Progress.insufficient_data
    assert a.baseline is None
    assert a.progress is None and a.pace is None
    assert a.gap == 80
    assert a.required_per_year == 40


def test_no_baseline_but_achieved_is_still_achieved() -> None:
    talent = indicator(baseline=None, target=200)
    assert assess(talent, actuals((2023, 210)), DEFAULT).status is Progress.achieved


def test_provisional_baseline_is_the_earliest_actual() -> None:
    talent = indicator(baseline=None, target=200)
    a = assess(talent, actuals((2022, 100), (2023, 130)), DEFAULT)
    assert a.baseline == Point(year=2022, value=100)
    assert a.provisional_baseline is True
    # P = 30 / 100; tau = (2023 - 2022) / (2025 - 2022) = 1/3; R = 0.9
    assert a.progress == pytest.approx(0.3)
    assert a.time_elapsed == pytest.approx(1 / 3)
    assert a.pace == pytest.approx(0.9)
    assert a.status is Progress.needs_acceleration


def test_target_equal_to_baseline_unachieved_is_regressing() -> None:
    flat = indicator(baseline=80, target=80, unit="%")
    a = assess(flat, actuals((2023, 79)), DEFAULT)
    assert a.progress is None and a.pace is None
    assert a.status is Progress.regressing
    assert assess(flat, actuals((2023, 80)), DEFAULT).status is Progress.achieved


def test_plan_thresholds_replace_the_defaults() -> None:
    strict = Thresholds(on_track=1.0, needs_acceleration=0.9, lagging=0.5)
    assert band(0.95, strict) is Progress.needs_acceleration
    assert band(0.4, strict) is Progress.regressing
    assert band(0.95, DEFAULT) is Progress.on_track


def test_linear_path() -> None:
    ind = indicator()
    base = ind.baseline
    assert linear_path(ind, base, 2021) == 26829
    assert linear_path(ind, base, 2023) == pytest.approx(33414.5)
    assert linear_path(ind, base, 2025) == 40000
    assert linear_path(ind, None, 2023) is None


def test_summary_lists_every_status_in_rule_order() -> None:
    counts = summary([Progress.lagging, Progress.no_data, Progress.lagging])
    assert list(counts) == [p.value for p in Progress]
    assert counts["lagging"] == 2 and counts["no_data"] == 1 and counts["achieved"] == 0


# --- second method and looking ahead -----------------------------------------------------------


def test_compound_method_on_the_worked_example() -> None:
    a = assess(indicator(), actuals((2023, 31000)), DEFAULT)
    o = a.outlook
    # (31000 / 26829) ** (1/2) - 1 and (40000 / 26829) ** (1/4) - 1, worked by hand
    assert round(o.cagr_observed, 6) == 0.074926
    assert round(o.cagr_required, 6) == 0.105004
    assert round(o.pace_cagr, 4) == 0.7136
    assert o.status_cagr is Progress.needs_acceleration
    assert o.methods_disagree is False
    assert o.observed_per_year == 2085.5  # 4171 / 2
    assert o.projection_linear == 35171  # 31000 + 2085.5 * 2
    # two more years at the observed rate: 31000 * (31000 / 26829)
    assert o.projection_cagr == pytest.approx(31000 * 31000 / 26829)
    assert round(o.projection_cagr) == 35819
    assert o.acceleration_factor == pytest.approx(4500 / 2085.5)
    assert round(o.acceleration_factor, 2) == 2.16
    assert o.trend is Trend.toward_target


def test_decreasing_indicator_where_the_methods_disagree() -> None:
    # the complaint rate: 3‰ in 2021 down to 2‰ by 2025; 2.7‰ in 2023
    a = assess(indicator(3, 2, "decrease", "‰"), actuals((2023, 2.7)), DEFAULT)
    o = a.outlook
    assert a.pace == pytest.approx(0.6)  # P = 0.3 / 1, tau = 0.5
    assert a.status is Progress.needs_acceleration
    assert round(o.cagr_observed, 6) == -0.051317  # 0.9 ** 0.5 - 1
    assert round(o.cagr_required, 6) == -0.096398  # (2/3) ** 0.25 - 1
    assert round(o.pace_cagr, 4) == 0.5323  # -1 * -0.051317 / 0.096398
    assert o.status_cagr is Progress.lagging
    assert o.methods_disagree is True
    assert o.observed_per_year == pytest.approx(-0.15)
    assert o.projection_linear == pytest.approx(2.4)
    assert o.projection_cagr == pytest.approx(2.43)  # 2.7 * 0.9
    assert a.required_per_year == pytest.approx(-0.35)
    assert o.acceleration_factor == pytest.approx(0.35 / 0.15)
    assert o.trend is Trend.toward_target


def test_provisional_baseline_feeds_the_compound_method() -> None:
    a = assess(indicator(None, 200), actuals((2022, 100), (2024, 144)), DEFAULT)
    o = a.outlook
    assert a.provisional_baseline is True
    assert a.pace == pytest.approx(0.44 / (2 / 3))
    assert a.status is Progress.needs_acceleration
    assert o.cagr_observed == pytest.approx(0.2)  # 1.44 ** 0.5 - 1
    assert o.cagr_required == pytest.approx(2 ** (1 / 3) - 1)
    assert round(o.pace_cagr, 4) == 0.7695
    assert o.status_cagr is Progress.needs_acceleration
    assert o.observed_per_year == 22
    assert o.projection_linear == 166
    assert o.projection_cagr == pytest.approx(172.8)
    assert o.acceleration_factor == pytest.approx(56 / 22)


@pytest.mark.parametrize(
    ("baseline", "latest", "target"),
    [(0, 50, 200), (26829, 0, 40000), (-5, 5, 10)],
    ids=["zero-baseline", "zero-latest", "negative-baseline"],
)
def test_compound_growth_is_undefined_without_positive_values(
    baseline: float, latest: float, target: float
) -> None:
    a = assess(indicator(baseline, target), actuals((2023, latest)), DEFAULT)
    o = a.outlook
    assert (o.cagr_observed, o.pace_cagr, o.status_cagr, o.projection_cagr) == (None,) * 4
    assert o.methods_disagree is False
    # the linear look ahead still stands
    assert o.projection_linear == pytest.approx(latest + (latest - baseline) / 2 * 2)


def test_zero_target_leaves_compound_method_undefined() -> None:
    a = assess(indicator(3, 0, "decrease", "‰"), actuals((2023, 2)), DEFAULT)
    assert a.outlook.cagr_observed is None
    assert a.outlook.pace_cagr is None
    assert a.outlook.acceleration_factor == pytest.approx(2.0)  # -1 a year needed, -0.5 seen


def test_unchanged_target_has_no_required_growth() -> None:
    a = assess(indicator(100, 100), actuals((2023, 90)), DEFAULT)
    assert a.status is Progress.regressing
    assert a.outlook.cagr_required == 0
    assert a.outlook.pace_cagr is None
    assert a.outlook.trend is Trend.away_from_target


def test_wrong_direction_means_the_trend_must_be_reversed() -> None:
    a = assess(indicator(), actuals((2023, 26000)), DEFAULT)
    assert a.status is Progress.regressing
    assert a.outlook.observed_per_year == -414.5
    assert a.outlook.acceleration_factor is None
    assert a.outlook.trend is Trend.away_from_target
    assert a.outlook.status_cagr is Progress.regressing


def test_no_change_since_baseline_has_no_acceleration_factor() -> None:
    a = assess(indicator(), actuals((2023, 26829)), DEFAULT)
    assert a.outlook.observed_per_year == 0
    assert a.outlook.acceleration_factor is None
    assert a.outlook.trend is Trend.flat
    assert a.outlook.pace_cagr == 0
    assert a.outlook.status_cagr is Progress.lagging


def test_achieved_needs_no_acceleration_and_both_methods_agree() -> None:
    a = assess(indicator(), actuals((2023, 41000)), DEFAULT)
    assert a.status is Progress.achieved
    assert a.outlook.status_cagr is Progress.achieved
    assert a.outlook.methods_disagree is False
    assert a.outlook.acceleration_factor is None
    assert a.outlook.trend is None


def test_missed_projects_no_further_and_needs_nothing_per_year() -> None:
    a = assess(indicator(), actuals((2025, 39000)), DEFAULT)
    assert a.status is Progress.missed
    assert a.outlook.status_cagr is Progress.missed
    assert a.outlook.projection_linear == 39000
    assert a.outlook.projection_cagr == pytest.approx(39000)
    assert a.outlook.acceleration_factor is None


def test_no_baseline_and_one_actual_has_no_outlook() -> None:
    a = assess(indicator(None, 200), actuals((2023, 50)), DEFAULT)
    assert a.status is Progress.insufficient_data
    assert a.outlook == Outlook()


def test_a_milestone_replaces_the_linear_path_in_expected_by_now() -> None:
    base = indicator()
    with_milestone = base._replace(milestones=[Point(year=2023, value=32000)])
    a = assess(with_milestone, actuals((2023, 31000)), DEFAULT)
    assert a.outlook.expected == 32000
    assert a.outlook.expected_is_milestone is True
    # the status is still decided by pace against the straight line
    assert a.status is Progress.needs_acceleration
    b = assess(with_milestone, actuals((2024, 36000)), DEFAULT)
    assert b.outlook.expected == pytest.approx(linear_path(base, base.baseline, 2024))
    assert b.outlook.expected_is_milestone is False
    assert expected_value(with_milestone, base.baseline, 2023) == (32000, True)
