"""Assessment of an indicator against its target: the linear method of docs/methodology.md.

Pure functions with no I/O. Every number and status ipplan prints comes from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ipplan.models import Actual, Indicator, Point, Thresholds


class Progress(str, Enum):
    """An indicator's status, in the order the rules decide it."""

    no_data = "no_data"
    achieved = "achieved"
    missed = "missed"
    insufficient_data = "insufficient_data"
    on_track = "on_track"
    needs_acceleration = "needs_acceleration"
    lagging = "lagging"
    regressing = "regressing"


@dataclass(frozen=True)
class Assessment:
    """Where one indicator stands at an as-of year. Numbers are None when not computable."""

    status: Progress
    baseline: Point | None
    provisional_baseline: bool
    latest: Point | None
    progress: float | None
    time_elapsed: float | None
    pace: float | None
    gap: float | None
    required_per_year: float | None


def counted(actuals: Sequence[Actual], as_of: int | None) -> list[Actual]:
    """The actuals that count at ``as_of`` (all when None), oldest first."""
    kept = [a for a in actuals if as_of is None or a.year <= as_of]
    return sorted(kept, key=lambda a: a.year)


def effective_baseline(
    indicator: Indicator, actuals: Sequence[Actual]
) -> tuple[Point | None, bool]:
    """The plan's baseline, or the earliest of two or more actuals as a provisional one."""
    if indicator.baseline is not None:
        return indicator.baseline, False
    if len(actuals) >= 2:
        first = actuals[0]
        return Point(year=first.year, value=first.value), True
    return None, False


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
) -> Assessment:
    """Assess ``indicator`` from its recorded ``actuals`` as of the year ``as_of``."""
    series = counted(actuals, as_of)
    baseline, provisional = effective_baseline(indicator, series)
    if not series:
        return Assessment(Progress.no_data, baseline, provisional, None, *(None,) * 5)

    last = series[-1]
    latest = Point(year=last.year, value=last.value)
    x_t, t = latest.value, latest.year
    x_star, big_t = indicator.target.value, indicator.target.year
    gap = x_star - x_t
    required = gap / (big_t - t) if t < big_t else None

    progress = time_elapsed = pace = None
    if baseline is not None:
        x0, t0 = baseline.value, baseline.year
        if x_star != x0:
            progress = (x_t - x0) / (x_star - x0)
        if big_t != t0:
            time_elapsed = (t - t0) / (big_t - t0)
        if progress is not None and time_elapsed:
            pace = progress / time_elapsed

    if indicator.sign * (x_t - x_star) >= -TOLERANCE * max(1.0, abs(x_star)):
        status = Progress.achieved
    elif t >= big_t:
        status = Progress.missed
    elif baseline is None:
        status = Progress.insufficient_data
    elif pace is None:
        # x* == x0 and not achieved: no distance to cover, and the indicator moved away from it
        status = Progress.regressing
    else:
        status = band(pace, thresholds)
    return Assessment(
        status, baseline, provisional, latest, progress, time_elapsed, pace, gap, required
    )


def linear_path(indicator: Indicator, baseline: Point | None, year: int) -> float | None:
    """The value the straight line from baseline to target reaches in ``year``."""
    if baseline is None:
        return None
    t0, x0 = baseline.year, baseline.value
    big_t, x_star = indicator.target.year, indicator.target.value
    if big_t == t0:
        return None
    return x0 + (year - t0) / (big_t - t0) * (x_star - x0)


def summary(statuses: Sequence[Progress]) -> dict[str, int]:
    """How many indicators have each status, every status listed in the rules' order."""
    return {p.value: sum(1 for s in statuses if s is p) for p in Progress}
