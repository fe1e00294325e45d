"""Assessment of an indicator against its target, as docs/methodology.md sets it out.

The linear method decides the status; the compound-growth method is computed beside it, and the
projections say where the indicator is heading. Pure functions with no I/O: every number and
status ipplan prints comes from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from ipplan.data import Actual, Indicator, Number, Point, Thresholds
from ipplan.text.shown_numbers import difference


class Progress(str, Enum):
    """An indicator's status, in the order the rules decide it."""

    target_pending = "target_pending"
    no_data = "no_data"
    achieved = "achieved"
    missed = "missed"
    insufficient_data = "insufficient_data"
    on_track = "on_track"
    needs_acceleration = "needs_acceleration"
    lagging = "lagging"
    regressing = "regressing"


class Trend(str, Enum):
    """Which way the indicator has moved since its baseline, seen from the target."""

    toward_target = "toward_target"
    flat = "flat"
    away_from_target = "away_from_target"


class Outlook(NamedTuple):
    """The second method and the look ahead. Numbers are None when not computable."""

    cagr_observed: float | None = None
    cagr_required: float | None = None
    pace_cagr: float | None = None
    status_cagr: Progress | None = None
    methods_disagree: bool = False
    observed_per_year: float | None = None
    projection_linear: float | None = None
    projection_cagr: float | None = None
    acceleration_factor: float | None = None
    trend: Trend | None = None
    expected: float | None = None
    expected_is_milestone: bool = False


class Assessment(NamedTuple):
    """Where one indicator stands at an as-of year. Numbers are None when not computable.

    ``baseline`` is what the plan gives (or the provisional one); ``origin`` is the point
    progress is measured from: the baseline, except for a cumulative indicator, whose running
    ``total`` is measured from zero at the plan's baseline year.
    """

    status: Progress
    baseline: Point | None
    provisional_baseline: bool
    latest: Point | None
    progress: float | None
    time_elapsed: float | None
    pace: float | None
    gap: float | None
    required_per_year: float | None
    outlook: Outlook = Outlook()
    origin: Point | None = None
    total: Point | None = None
    years_reported: tuple[int, ...] = ()
    amounts: tuple[float, ...] = ()  # a cumulative indicator's yearly amounts, summed in total
    missing_years: tuple[int, ...] = ()

    @property
    def current(self) -> Point | None:
        """The value assessed against the target: the running total, or the latest actual."""
        return self.total if self.total is not None else self.latest


def counted(actuals: Sequence[Actual], as_of: int | None) -> list[Actual]:
    """The actuals that count at ``as_of`` (all when None), oldest first: those with a value,
    a year recorded as not published counting as a year without a figure."""
    kept = [a for a in actuals if a.value is not None and (as_of is None or a.year <= as_of)]
    return sorted(kept, key=lambda a: a.year)


def recorded_by(actuals: Sequence[Actual], as_of: int | None) -> list[Actual]:
    """Every record of the years up to ``as_of`` (all when None), oldest first: the values and
    the years recorded as not published."""
    return sorted((a for a in actuals if as_of is None or a.year <= as_of), key=lambda a: a.year)


def known(actual: Actual) -> Number:
    """The value of an actual that :func:`counted` keeps (one with a value)."""
    if actual.value is None:
        raise ValueError(f"the figure of {actual.year} was not published")
    return actual.value


def effective_baseline(
    indicator: Indicator, actuals: Sequence[Actual]
) -> tuple[Point | None, bool]:
    """The plan's baseline, or the earliest of two or more actuals as a provisional one."""
    if indicator.baseline is not None:
        return indicator.baseline, False
    if len(actuals) >= 2:
        first = actuals[0]
        return Point(year=first.year, value=known(first)), True
    return None, False


def target_of(indicator: Indicator) -> tuple[Number, int]:
    """The target's value and year; only for an indicator whose target is set (an assessment
    of one whose target is pending stops before anything is measured against it)."""
    value = indicator.target.value
    if value is None:
        raise ValueError(f"the target of {indicator.key} is pending")
    return value, indicator.target.year


def _pending(indicator: Indicator, series: Sequence[Actual], start: int | None) -> Assessment:
    """An indicator whose target is still to be set: what is recorded, nothing measured."""
    latest = None
    if indicator.accumulate == "sum":
        t0 = start if start is not None else indicator.baseline.year if indicator.baseline else None
        origin = None if t0 is None else Point(year=t0, value=0)
        counted_years = [a for a in series if t0 is None or a.year > t0]
        total = None
        if counted_years:
            last = counted_years[-1]
            latest = Point(year=last.year, value=known(last))
            total = Point(year=last.year, value=sum(known(a) for a in counted_years))
        return Assessment(
            Progress.target_pending,
            indicator.baseline,
            False,
            latest,
            *(None,) * 5,
            origin=origin,
            total=total,
            years_reported=tuple(a.year for a in counted_years),
            amounts=tuple(known(a) for a in counted_years),
        )
    baseline, provisional = effective_baseline(indicator, series)
    if series:
        latest = Point(year=series[-1].year, value=known(series[-1]))
    return Assessment(
        Progress.target_pending, baseline, provisional, latest, *(None,) * 5, origin=baseline
    )


# A pace that is exactly on a threshold in decimal arithmetic may land a hair below it in
# binary floating point (0.95 computes as 0.9499999999999998); it counts as on the threshold.
TOLERANCE = 1e-9


def band(pace: float, thresholds: Thresholds) -> Progress:
    """The status a pace falls in."""
    if pace >= thresholds.on_track - TOLERANCE:
        return Progress.on_track
    if pace >= thresholds.needs_acceleration - TOLERANCE:
        return Progress.needs_acceleration
    if pace >= thresholds.lagging - TOLERANCE:
        return Progress.lagging
    return Progress.regressing


def assess(
    indicator: Indicator,
    actuals: Sequence[Actual],
    thresholds: Thresholds,
    as_of: int | None = None,
    *,
    start: int | None = None,
) -> Assessment:
    """Assess ``indicator`` from its recorded ``actuals`` as of the year ``as_of``.

    ``start`` is the plan's baseline year, from which a cumulative indicator's years count.
    """
    series = counted(actuals, as_of)
    if indicator.target_pending:
        return _pending(indicator, series, start)
    if indicator.accumulate == "sum":
        return _assess_sum(indicator, series, thresholds, start)
    baseline, provisional = effective_baseline(indicator, series)
    if not series:
        return Assessment(
            Progress.no_data, baseline, provisional, None, *(None,) * 5, origin=baseline
        )

    last = series[-1]
    latest = Point(year=last.year, value=known(last))
    x_t, t = latest.value, latest.year
    x_star, big_t = target_of(indicator)

    progress = time_elapsed = pace = None
    if baseline is not None:
        x0, t0 = baseline.value, baseline.year
        if x_star != x0:
            progress = (x_t - x0) / (x_star - x0)
        if big_t != t0:
            time_elapsed = (t - t0) / (big_t - t0)
        if progress is not None and time_elapsed:
            pace = progress / time_elapsed

    status = _status(indicator, x_t, t, baseline is not None, pace, thresholds)
    gap, required = _still_to_go(indicator, x_t, t, status)
    return Assessment(
        status,
        baseline,
        provisional,
        latest,
        progress,
        time_elapsed,
        pace,
        gap,
        required,
        look_ahead(indicator, baseline, latest, status, required, thresholds),
        origin=baseline,
    )


def _status(
    indicator: Indicator,
    x_t: float,
    t: int,
    has_baseline: bool,
    pace: float | None,
    thresholds: Thresholds,
) -> Progress:
    """The status rules of methodology.md, in their order, once there is an actual."""
    x_star, big_t = target_of(indicator)
    if indicator.sign * (x_t - x_star) >= -TOLERANCE * max(1.0, abs(x_star)):
        return Progress.achieved
    if t >= big_t:
        return Progress.missed
    if not has_baseline:
        return Progress.insufficient_data
    if pace is None:
        # x* == x0 and not achieved: no distance to cover, and the indicator moved away from it
        return Progress.regressing
    return band(pace, thresholds)


def _still_to_go(
    indicator: Indicator, x_t: float, t: int, status: Progress
) -> tuple[float, float | None]:
    """The gap and the change required per year to close it.

    The gap is measured in the indicator's direction, d × (x* − x_t): positive is what is still
    to go, negative how far the indicator is beyond its target. The required change per year,
    (x* − x_t) / (T − t), is in the indicator's units and signed as the value must move; once
    the target is reached (or the target year is over) nothing is required and it is None.
    """
    x_star, big_t = target_of(indicator)
    towards = difference(x_star, x_t)
    gap = -towards if indicator.sign < 0 and towards else towards  # never a signed zero
    required = towards / (big_t - t) if t < big_t and status is not Progress.achieved else None
    return gap, required


def _assess_sum(
    indicator: Indicator, series: Sequence[Actual], thresholds: Thresholds, start: int | None
) -> Assessment:
    """A cumulative indicator: its running total measured from zero at the plan's baseline year.

    A year missing inside the series is not reported, never zero: the total covers the years
    reported, and the years missing are named. The compound method does not apply.
    """
    t0 = start if start is not None else indicator.baseline.year if indicator.baseline else None
    if t0 is None:
        raise ValueError("a cumulative indicator needs the plan's baseline year")
    origin = Point(year=t0, value=0)
    series = [a for a in series if a.year > t0]
    if not series:
        return Assessment(
            Progress.no_data, indicator.baseline, False, None, *(None,) * 5, origin=origin
        )
    last = series[-1]
    latest = Point(year=last.year, value=known(last))
    t = last.year
    x_t = sum(known(a) for a in series)
    total = Point(year=t, value=x_t)
    reported = tuple(a.year for a in series)
    missing = tuple(y for y in range(t0 + 1, t) if y not in reported)
    x_star, big_t = target_of(indicator)
    progress = x_t / x_star if x_star != 0 else None
    time_elapsed = (t - t0) / (big_t - t0) if big_t != t0 else None
    pace = progress / time_elapsed if progress is not None and time_elapsed else None
    status = _status(indicator, x_t, t, True, pace, thresholds)
    gap, required = _still_to_go(indicator, x_t, t, status)

    # projections use the yearly average of the years reported
    v_obs = x_t / len(reported)
    remaining = max(big_t - t, 0)
    factor = trend = None
    if status is not Progress.achieved:
        if v_obs > 0:
            trend = Trend.toward_target
            if required is not None:
                factor = required / v_obs
        else:
            trend = Trend.flat if v_obs == 0 else Trend.away_from_target
    expected, is_milestone = expected_value(indicator, origin, t)
    outlook = Outlook(
        observed_per_year=v_obs,
        projection_linear=x_t + v_obs * remaining,
        acceleration_factor=factor,
        trend=trend,
        expected=expected,
        expected_is_milestone=is_milestone,
    )
    return Assessment(
        status,
        indicator.baseline,
        False,
        latest,
        progress,
        time_elapsed,
        pace,
        gap,
        required,
        outlook,
        origin=origin,
        total=total,
        years_reported=reported,
        amounts=tuple(known(a) for a in series),
        missing_years=missing,
    )


# Statuses the rules decide before any pace is looked at; both methods share them.
_DECIDED_BEFORE_PACE = (Progress.achieved, Progress.missed)


def look_ahead(
    indicator: Indicator,
    baseline: Point | None,
    latest: Point,
    status: Progress,
    required: float | None,
    thresholds: Thresholds,
) -> Outlook:
    """The compound-growth method, projections to the target year and the acceleration needed."""
    if baseline is None or latest.year <= baseline.year:
        return Outlook()
    x0, t0 = baseline.value, baseline.year
    x_t, t = latest.value, latest.year
    x_star, big_t = target_of(indicator)

    cagr_o = cagr_r = pace_cagr = None
    status_cagr = None
    if x0 > 0 and x_t > 0 and x_star > 0:
        cagr_o = (x_t / x0) ** (1 / (t - t0)) - 1
        if big_t != t0:
            cagr_r = (x_star / x0) ** (1 / (big_t - t0)) - 1
        if cagr_r:
            pace_cagr = indicator.sign * cagr_o / abs(cagr_r)
        if pace_cagr is not None:
            status_cagr = status if status in _DECIDED_BEFORE_PACE else band(pace_cagr, thresholds)

    v_obs = (x_t - x0) / (t - t0)
    remaining = max(big_t - t, 0)
    projection_cagr = None if cagr_o is None else x_t * (1 + cagr_o) ** remaining

    factor = trend = None
    if status is not Progress.achieved:
        moved = indicator.sign * v_obs
        if moved > 0:
            trend = Trend.toward_target
            if required is not None:
                factor = required / v_obs
        elif moved < 0:
            trend = Trend.away_from_target
        else:
            trend = Trend.flat

    expected, is_milestone = expected_value(indicator, baseline, t)
    return Outlook(
        cagr_observed=cagr_o,
        cagr_required=cagr_r,
        pace_cagr=pace_cagr,
        status_cagr=status_cagr,
        methods_disagree=status_cagr is not None and status_cagr is not status,
        observed_per_year=v_obs,
        projection_linear=x_t + v_obs * remaining,
        projection_cagr=projection_cagr,
        acceleration_factor=factor,
        trend=trend,
        expected=expected,
        expected_is_milestone=is_milestone,
    )


def expected_value(
    indicator: Indicator, baseline: Point | None, year: int
) -> tuple[float | None, bool]:
    """What the plan expects by ``year``: the indicator's milestone, else the linear path."""
    for milestone in indicator.milestones:
        if milestone.year == year:
            return milestone.value, True
    return linear_path(indicator, baseline, year), False


def linear_path(indicator: Indicator, baseline: Point | None, year: int) -> float | None:
    """The value the straight line from baseline to target reaches in ``year``; None without
    a baseline or while the target is pending."""
    big_t, x_star = indicator.target.year, indicator.target.value
    if baseline is None or x_star is None:
        return None
    t0, x0 = baseline.year, baseline.value
    if big_t == t0:
        return None
    return x0 + (year - t0) / (big_t - t0) * (x_star - x0)


def summary(statuses: Sequence[Progress]) -> dict[str, int]:
    """How many indicators have each status, every status listed in the rules' order."""
    return {p.value: sum(1 for s in statuses if s is p) for p in Progress}
