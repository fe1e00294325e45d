"""The public record over time: which yearly figures are overdue, and the plan's final evaluation.

docs/methodology.md, "When a yearly figure is due": an indicator may say how many months after
the year's end its figure is normally published; the figure for a year is overdue on a day after
the end of that month when no actual for the year is recorded. Once the target year has ended,
the plan is in its final evaluation, and what is awaited for each indicator is the figure of the
target year, which alone decides achieved or missed. Pure functions: the day is given.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from ipplan.assess import Progress, assess
from ipplan.clock import year_end
from ipplan.data import Indicator
from ipplan.plan import Plan


class DueFigure(NamedTuple):
    """An indicator's figure for a year, and the day by which it is normally published."""

    indicator: Indicator
    year: int
    due: dt.date | None  # None when the indicator does not say when it is published
    overdue: bool


class Verdict(NamedTuple):
    """Where one indicator ends: decided by its target year's figure, or what is awaited."""

    indicator: Indicator
    status: Progress  # final when decided, else the status on the figures so far
    decided: bool
    awaited: DueFigure | None  # the target year's figure, while it is not recorded


class FinalEvaluation(NamedTuple):
    """The plan after its target year: each indicator's verdict, decided or awaited."""

    target_year: int
    verdicts: tuple[Verdict, ...]

    @property
    def awaited(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.decided)


def publication_due(indicator: Indicator, year: int) -> dt.date | None:
    """The last day of the month ``published_after_months`` after the end of ``year``."""
    months = indicator.published_after_months
    if months is None:
        return None
    index = 12 * year + 11 + months  # months counted from January of year 0
    due_year, due_month = divmod(index, 12)
    return dt.date(due_year, due_month + 1, calendar.monthrange(due_year, due_month + 1)[1])


def _figure(plan: Plan, indicator: Indicator, year: int, day: dt.date) -> DueFigure:
    due = publication_due(indicator, year)
    recorded = any(a.year == year for a in plan.actuals[indicator.key])
    return DueFigure(indicator, year, due, not recorded and due is not None and day > due)


def overdue_of(plan: Plan, indicator: Indicator, day: dt.date) -> list[DueFigure]:
    """The figures of ``indicator`` for the plan's years that are overdue on ``day``."""
    if indicator.published_after_months is None:
        return []
    figures = (_figure(plan, indicator, year, day) for year in plan.years)
    return [figure for figure in figures if figure.overdue]


def overdue_figures(plan: Plan, day: dt.date) -> list[DueFigure]:
    """Every yearly figure of the plan's years that is overdue on ``day``, by indicator and year.

    An actual recorded for the year, whenever it was recorded, means the figure is in: later
    corrections to a year's value are the best knowledge of that year (methodology.md, "As of a
    year"). Figures of years whose publication falls after ``day`` are not yet due.
    """
    return [figure for indicator in plan.indicators for figure in overdue_of(plan, indicator, day)]


def in_final_evaluation(plan: Plan, day: dt.date) -> bool:
    """Whether the plan's target year has ended on ``day``."""
    return day > year_end(plan.info.target_year)


def verdict(plan: Plan, indicator: Indicator, day: dt.date, as_of: int | None = None) -> Verdict:
    """Whether ``indicator`` is decided by its target year's figure, or what is awaited.

    Only the target year's figure decides achieved or missed: a target met in an earlier year
    can still be lost by the year the plan set. Until that figure is recorded, the verdict is
    awaited, and the status given is the one on the figures so far; a target year's figure
    recorded as not published decides nothing (and is not overdue). An indicator whose
    target is pending is never decided.
    """
    series = plan.actuals[indicator.key]
    status = assess(
        indicator, series, plan.info.thresholds, as_of, start=plan.info.baseline_year
    ).status
    year = indicator.target.year
    if indicator.target_pending:  # nothing to decide against, and no figure awaited for it
        return Verdict(indicator, status, False, None)
    if any(
        actual.year == year and actual.value is not None and (as_of is None or year <= as_of)
        for actual in series
    ):
        return Verdict(indicator, status, True, None)
    return Verdict(indicator, status, False, _figure(plan, indicator, year, day))


def final_evaluation(plan: Plan, day: dt.date, as_of: int | None = None) -> FinalEvaluation | None:
    """Each indicator's verdict once the plan's target year has ended on ``day``; else None."""
    if not in_final_evaluation(plan, day):
        return None
    verdicts = tuple(verdict(plan, indicator, day, as_of) for indicator in plan.indicators)
    return FinalEvaluation(plan.info.target_year, verdicts)
