"""The rules a recorded value must pass before it is written: the unit's range and whole
numbers, the plan's years, and the slipped-digit (plausibility) check of docs/methodology.md."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from ipplan import clock
from ipplan.data import Actual, Indicator
from ipplan.errors import (
    BaselineYear,
    ImplausibleChange,
    ImplausibleFirst,
    NotWholeNumber,
    ValueOutOfRange,
    YearNotEnded,
    YearOutsidePlan,
)
from ipplan.plan import Plan
from ipplan.text.typed_input import Value


def check_value(plan: Plan, indicator: Indicator, value: Value) -> Value:
    """``value`` if the indicator's unit admits it; counts come back as integers."""
    rule = plan.unit(indicator)
    if not rule.in_range(value):
        raise ValueOutOfRange(
            value=value,
            unit=indicator.unit,
            low=rule.low,
            high=rule.high,
            key=indicator.key,
            name=indicator.name,
            name_en=indicator.name_en,
        )
    if rule.whole:
        if value != int(value):
            raise NotWholeNumber(
                value=value,
                unit=indicator.unit,
                key=indicator.key,
                name=indicator.name,
                name_en=indicator.name_en,
            )
        return int(value)
    return value


def check_year(plan: Plan, year: int) -> None:
    if year == plan.info.baseline_year:
        raise BaselineYear(year=year)
    if year not in plan.years:
        raise YearOutsidePlan(year=year, first=plan.years[0], last=plan.years[-1])


def check_ended(year: int, today: dt.date) -> None:
    """Refuse a year-end figure for ``year`` before that year has ended on ``today``."""
    ends = clock.year_end(year)
    if today <= ends:
        raise YearNotEnded(year=year, ends=ends.isoformat(), today=today.isoformat())


# A first value further than this factor either way from what the target asks of a year is
# questioned, when the indicator has no baseline to compare it with (docs/methodology.md).
FIRST_FACTOR = 10


def max_change(plan: Plan, indicator: Indicator) -> float:
    """The largest relative change from one known value to the next accepted without --force."""
    own = indicator.max_change
    return float(own if own is not None else plan.info.max_change)


def neighbour(
    indicator: Indicator, series: Sequence[Actual], year: int
) -> tuple[int, Value] | None:
    """The known value ``year`` is compared with: the latest before it (an actual or the
    baseline), else the earliest after it. A cumulative indicator's baseline is the previous
    period's total, not a year's amount, so its yearly amounts are compared only with each
    other."""
    known = [(a.year, a.value) for a in series if a.year != year and a.value is not None]
    if indicator.baseline is not None and indicator.accumulate is None:
        known.append((indicator.baseline.year, indicator.baseline.value))
    before = [p for p in known if p[0] < year]
    if before:
        return max(before)
    after = [p for p in known if p[0] > year]
    return min(after) if after else None


def plausible_range(
    plan: Plan, indicator: Indicator, year: int, other_year: int, other: Value
) -> tuple[float, float, float]:
    """The values accepted for ``year`` without --force, given the known value ``other`` of
    ``other_year``: (lowest, highest, the plan's path value for ``year``).

    The plan's path is the straight line from the known value to the target, read at ``year``:
    where the plan itself needs a value to grow fast (a small indicator far from its target),
    that growth is expected, not suspect. The range spans the known value and the path value,
    widened by ``max_change`` either side; a slipped digit (x10, /10) falls outside it.

    A cumulative indicator's values are yearly amounts and its target a total: its path value
    is the amount a year the plan needs on average, the target spread over the plan's years.

    The range never goes past what the unit admits: a percentage's stops at 100. While the
    target is pending there is no path: the range is the known value's, widened alike.
    """
    target_year, target = indicator.target.year, indicator.target.value
    if target is None:
        path = float(other)
    elif indicator.accumulate is not None:
        path = target / max(target_year - plan.info.baseline_year, 1)
    elif other_year == target_year:
        path = float(other)
    else:
        path = other + (target - other) * (year - other_year) / (target_year - other_year)
    limit = max_change(plan, indicator)
    low, high = min(other, path), max(other, path)
    # widened by the limit's share of each end's size, so that negative values widen outward too
    low, high = low - limit * abs(low), high + limit * abs(high)
    unit = plan.unit(indicator)
    low = max(low, unit.low)
    return low, high if unit.high is None else min(high, unit.high), path


def check_plausible(
    plan: Plan, indicator: Indicator, series: Sequence[Actual], year: int, value: Value
) -> None:
    """Refuse ``value`` when it lies outside :func:`plausible_range` of its neighbour's value,
    the likely sign of a digit typed twice or left out (docs/methodology.md).

    A neighbour of zero gives no scale to judge by, so any value is accepted after it.
    """
    found = neighbour(indicator, series, year)
    if found is None:
        if indicator.baseline is None:
            check_first(plan, indicator, year, value)
        return
    other_year, other = found
    if other == 0:
        return
    low, high, path = plausible_range(plan, indicator, year, other_year, other)
    slack = 1e-12 * max(abs(low), abs(high), 1.0)
    if low - slack <= value <= high + slack:
        return
    whole = plan.unit(indicator).whole
    places = 0 if whole else 2  # the range as the unit is typed, rounded inward
    raise ImplausibleChange(
        key=indicator.key,
        name=indicator.name,
        name_en=indicator.name_en,
        year=year,
        value=value,
        other_year=other_year,
        other=other,
        change=(value - other) / abs(other),
        limit=max_change(plan, indicator),
        lowest=_inward(low, places, up=True),
        highest=_inward(high, places, up=False),
        path=round(path, 2),
    )


def check_first(plan: Plan, indicator: Indicator, year: int, value: Value) -> None:
    """Refuse the first value of an indicator without a baseline when it lies more than
    :data:`FIRST_FACTOR` times above or below the target (a cumulative indicator's target
    spread over the plan's years): a percentage typed as a fraction (0.82 for 82), or a digit
    typed twice. A value of zero, or a target of zero or pending, gives no scale to judge by."""
    if indicator.target.value is None:
        return
    target = float(indicator.target.value)
    if indicator.accumulate is not None:
        target /= max(indicator.target.year - plan.info.baseline_year, 1)
    if value == 0 or target == 0:
        return
    ratio = abs(value / target)
    if 1 / FIRST_FACTOR <= ratio <= FIRST_FACTOR:
        return
    raise ImplausibleFirst(
        key=indicator.key,
        name=indicator.name,
        name_en=indicator.name_en,
        year=year,
        value=value,
        target_year=indicator.target.year,
        target=indicator.target.value if indicator.accumulate is None else round(target, 2),
        factor=FIRST_FACTOR,
    )


def _inward(value: float, places: int, *, up: bool) -> float | int:
    """``value`` rounded to ``places`` decimals toward the inside of a range."""
    scale: int = 10**places
    scaled = math.ceil(value * scale - 1e-9) if up else math.floor(value * scale + 1e-9)
    return scaled if places == 0 else scaled / scale
