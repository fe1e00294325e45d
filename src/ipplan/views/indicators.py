"""The views of indicators: ``status`` (every indicator's row), ``show`` (one in full) and what
the public record says of each (docs/public-record.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from ipplan import clock, public_record
from ipplan.assess import (
    Assessment,
    assess,
    counted,
    expected_value,
    linear_path,
    recorded_by,
    summary,
)
from ipplan.data import Actual, Indicator, Number, Point
from ipplan.files.record_text import timestamp
from ipplan.plan import Plan
from ipplan.text.shown_numbers import difference
from ipplan.views.actions import ActionStatusView, action_status
from ipplan.views.calculation import Step, calculation


class PointView(TypedDict):
    """A value at a year-end."""

    year: int
    value: Number


class TargetView(TypedDict):
    """The plan's value for its target year; ``value`` None while the target is pending."""

    year: int
    value: Number | None


class ProjectionView(TypedDict):
    """The target year's value by each method's look ahead."""

    linear: float | None
    cagr: float | None


class ExpectedView(TypedDict):
    """What the plan expects in the latest year reported, and whether a milestone says so."""

    year: int
    value: float
    milestone: bool


class IndicatorView(TypedDict):
    """One indicator with its assessment: both methods and the look ahead."""

    key: str
    number: int
    name: str
    name_en: str
    unit: str
    unit_en: str
    binding: bool
    accumulate: Literal["sum"] | None
    direction: Literal["increase", "decrease"]
    baseline: PointView | None
    provisional_baseline: bool
    baseline_pending: bool
    target: TargetView
    latest: PointView | None
    total: PointView | None
    missing_years: list[int]
    progress: float | None
    time_elapsed: float | None
    pace: float | None
    gap: float | None
    required_per_year: float | None
    status: str
    cagr_observed: float | None
    cagr_required: float | None
    pace_cagr: float | None
    status_cagr: str | None
    methods_disagree: bool
    observed_per_year: float | None
    projection: ProjectionView
    acceleration_factor: float | None
    trend: str | None
    expected: ExpectedView | None
    milestones: list[PointView]


class DueView(TypedDict):
    """A yearly figure: the day it is due (None when the plan gives no delay), and if overdue."""

    year: int
    due: str | None
    overdue: bool


class AwaitedView(DueView):
    """An indicator whose verdict awaits a figure, and that figure."""

    key: str


class VerdictView(TypedDict):
    """An indicator's verdict once the plan has ended."""

    decided: bool
    status: str
    awaited: DueView | None


class OfficialBaselineView(TypedDict):
    year: int
    value: Number
    source: str


class NotPublishedView(TypedDict):
    """A year whose figure is recorded as not published: where and when that was checked."""

    year: int
    source: str | None
    recorded: str | None


class BasisChangeView(TypedDict):
    """A change of counting basis in a year's figure; ``crossed_from`` is the year the
    assessment compares with when that comparison crosses it, else None."""

    year: int
    text: str
    crossed_from: int | None


class PublicRecordView(TypedDict):
    """What the public record says of one indicator on a day."""

    official_baseline: OfficialBaselineView | None
    published_after_months: int | None
    overdue_figures: list[DueView]
    final: VerdictView | None
    not_published: list[NotPublishedView]
    basis_changes: list[BasisChangeView]


class StatusRow(IndicatorView, PublicRecordView):
    """One indicator's row of ``status --json``."""


class FinalEvaluationView(TypedDict):
    """The plan's final evaluation: the indicators decided, and those awaiting a figure."""

    target_year: int
    decided: list[str]
    awaited: list[AwaitedView]


class PlanTitleView(TypedDict):
    title: str
    baseline_year: int
    target_year: int


class StatusView(TypedDict):
    """``status --json``: every indicator's row, and how many have each status."""

    plan: PlanTitleView
    as_of: int | None
    day: str
    summary: dict[str, int]
    final_evaluation: FinalEvaluationView | None
    indicators: list[StatusRow]


class RevisionView(TypedDict):
    """An earlier value of an actual, replaced with --force (None: not published)."""

    value: Number | None
    source: str | None
    note: str | None
    recorded: str | None
    not_published: bool
    basis_change: str | None


class ActualView(TypedDict):
    """A recorded year-end value with the values it replaced; or that the year's figure was
    not published (``value`` None)."""

    year: int
    value: Number | None
    source: str | None
    note: str | None
    recorded: str | None
    history: list[RevisionView]
    not_published: bool
    basis_change: str | None


class PathYear(TypedDict):
    """One year of the linear path, with the actual (or running total) and its deviation."""

    year: int
    linear: float | None
    milestone: float | None
    expected: float | None
    actual: Number | None
    total: float | None
    deviation: float | None


class ShowAction(ActionStatusView):
    """An action serving the indicator, with its status."""

    id: str
    title: str
    title_en: str


class ShowView(StatusRow):
    """``show --json``: one indicator in full."""

    origin: PointView | None
    as_of: int | None
    day: str
    steps: list[Step]
    definition: str | None
    definition_en: str | None
    actuals: list[ActualView]
    path: list[PathYear]
    actions: list[ShowAction]


class ShowWithMembers(ShowView):
    """``show --members --json``: the indicator, and the roll-up of the member plans into it
    (:func:`ipplan.workspaces.overview.members_of`, a slice's view)."""

    members: dict[str, Any]


def when(moment: dt.datetime | None) -> str | None:
    """A recorded time as the record files write it; None when none was kept."""
    return None if moment is None else timestamp(moment)


def _point(point: Point | None) -> PointView | None:
    return None if point is None else _known(point)


def _known(point: Point) -> PointView:
    return {"year": point.year, "value": point.value}


def indicator_view(plan: Plan, indicator: Indicator, a: Assessment) -> IndicatorView:
    """One indicator's row of ``status --json``: both methods and the look ahead."""
    o = a.outlook
    return {
        "key": indicator.key,
        "number": indicator.number,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "unit_en": plan.unit(indicator).name_en,
        "binding": indicator.binding,
        "accumulate": indicator.accumulate,
        "direction": indicator.direction,
        "baseline": _point(a.baseline),
        "provisional_baseline": a.provisional_baseline,
        "baseline_pending": indicator.baseline_pending,
        "target": {"year": indicator.target.year, "value": indicator.target.value},
        "latest": _point(a.latest),
        "total": _point(a.total),
        "missing_years": list(a.missing_years),
        "progress": a.progress,
        "time_elapsed": a.time_elapsed,
        "pace": a.pace,
        "gap": a.gap,
        "required_per_year": a.required_per_year,
        "status": a.status.value,
        "cagr_observed": o.cagr_observed,
        "cagr_required": o.cagr_required,
        "pace_cagr": o.pace_cagr,
        "status_cagr": None if o.status_cagr is None else o.status_cagr.value,
        "methods_disagree": o.methods_disagree,
        "observed_per_year": o.observed_per_year,
        "projection": {"linear": o.projection_linear, "cagr": o.projection_cagr},
        "acceleration_factor": o.acceleration_factor,
        "trend": None if o.trend is None else o.trend.value,
        "expected": None
        if o.expected is None or a.latest is None
        else {"year": a.latest.year, "value": o.expected, "milestone": o.expected_is_milestone},
        "milestones": [_known(m) for m in indicator.milestones],
    }


def status_view(plan: Plan, as_of: int | None = None, today: dt.date | None = None) -> StatusView:
    """Every indicator's assessment, with the count of indicators per status.

    The judgement day (:func:`ipplan.clock.judgement_day` of ``as_of`` and ``today``, default
    :func:`ipplan.clock.today`) decides which yearly figures are overdue and whether the plan is
    in its final evaluation.
    """
    day = clock.judgement_day(as_of, today)
    rows: list[StatusRow] = []
    statuses = []
    for indicator in plan.indicators:
        a = assess(
            indicator,
            plan.actuals[indicator.key],
            plan.info.thresholds,
            as_of,
            start=plan.info.baseline_year,
        )
        statuses.append(a.status)
        rows.append(
            {
                **indicator_view(plan, indicator, a),
                **public_record_view(plan, indicator, day, a, as_of),
            }
        )
    return {
        "plan": {
            "title": plan.info.title,
            "baseline_year": plan.info.baseline_year,
            "target_year": plan.info.target_year,
        },
        "as_of": as_of,
        "day": day.isoformat(),
        "summary": summary(statuses),
        "final_evaluation": final_evaluation_view(plan, day, as_of),
        "indicators": rows,
    }


def _due(figure: public_record.DueFigure) -> DueView:
    return {
        "year": figure.year,
        "due": None if figure.due is None else figure.due.isoformat(),
        "overdue": figure.overdue,
    }


def public_record_view(
    plan: Plan, indicator: Indicator, day: dt.date, a: Assessment, as_of: int | None
) -> PublicRecordView:
    """What the public record says of one indicator on ``day``: the official baseline figure,
    when its figures are published, which are overdue, which are recorded as not published and
    where its counting basis changes (as of ``as_of``; crossed by assessment ``a`` or not), and
    its verdict once the plan has ended."""
    official = indicator.official_baseline
    verdict: VerdictView | None = None
    if public_record.in_final_evaluation(plan, day):
        v = public_record.verdict(plan, indicator, day)
        verdict = {
            "decided": v.decided,
            "status": v.status.value,
            "awaited": None if v.awaited is None else _due(v.awaited),
        }
    return {
        "official_baseline": None
        if official is None
        else {"year": official.year, "value": official.value, "source": official.source},
        "published_after_months": indicator.published_after_months,
        "overdue_figures": [_due(f) for f in public_record.overdue_of(plan, indicator, day)],
        "final": verdict,
        **figure_marks(plan.actuals[indicator.key], a, as_of),
    }


class FigureMarks(TypedDict):
    not_published: list[NotPublishedView]
    basis_changes: list[BasisChangeView]


def figure_marks(series: Sequence[Actual], a: Assessment, as_of: int | None) -> FigureMarks:
    """The years of ``series`` up to ``as_of`` recorded as not published, and its changes of
    counting basis, each with the year assessment ``a`` compares with when the comparison
    crosses it (docs/methodology.md, "A change of counting basis")."""
    shown = recorded_by(series, as_of)
    reached = a.total or a.latest
    start = a.origin
    changes: list[BasisChangeView] = []
    for actual in shown:
        if actual.basis_change is None:
            continue
        crossed = (
            start is not None and reached is not None and start.year < actual.year <= reached.year
        )
        changes.append(
            {
                "year": actual.year,
                "text": actual.basis_change,
                "crossed_from": start.year if crossed and start is not None else None,
            }
        )
    return {
        "not_published": [
            {"year": actual.year, "source": actual.source, "recorded": when(actual.recorded)}
            for actual in shown
            if actual.not_published
        ],
        "basis_changes": changes,
    }


def final_evaluation_view(
    plan: Plan, day: dt.date, as_of: int | None = None
) -> FinalEvaluationView | None:
    """The plan's final evaluation on ``day``: how many indicators are decided, which await a
    figure; None while the target year has not ended."""
    final = public_record.final_evaluation(plan, day, as_of)
    if final is None:
        return None
    return {
        "target_year": final.target_year,
        "decided": [v.indicator.key for v in final.verdicts if v.decided],
        "awaited": [
            {"key": v.indicator.key, **_due(v.awaited)}
            for v in final.verdicts
            if v.awaited is not None
        ],
    }


def _actual(actual: Actual) -> ActualView:
    return {
        "year": actual.year,
        "value": actual.value,
        "source": actual.source,
        "note": actual.note,
        "recorded": when(actual.recorded),
        "history": [
            {
                "value": old.value,
                "source": old.source,
                "note": old.note,
                "recorded": when(old.recorded),
                "not_published": old.not_published,
                "basis_change": old.basis_change,
            }
            for old in actual.history
        ],
        "not_published": actual.not_published,
        "basis_change": actual.basis_change,
    }


def with_members(view: ShowView, members: dict[str, Any]) -> ShowWithMembers:
    """``show --members``: the indicator's view with the roll-up of the member plans into it."""
    return {**view, "members": members}


def show_view(
    plan: Plan, indicator: Indicator, as_of: int | None = None, today: dt.date | None = None
) -> ShowView:
    """One indicator in full: definition, actuals, the linear path, assessment and actions,
    and what the public record says of it on ``today`` (see :func:`status_view`)."""
    day = clock.judgement_day(as_of, today)
    series = plan.actuals[indicator.key]
    a = assess(indicator, series, plan.info.thresholds, as_of, start=plan.info.baseline_year)
    by_year = {actual.year: actual for actual in counted(series, as_of)}
    start = a.origin.year if a.origin is not None else plan.info.baseline_year
    cumulative = indicator.accumulate == "sum"
    path: list[PathYear] = []
    running: float = 0
    for year in range(start, indicator.target.year + 1):
        expected, milestone = expected_value(indicator, a.origin, year)
        actual = by_year.get(year)
        value = actual.value if actual is not None else None
        total = None
        if cumulative:
            # the running total in each year reported; zero at the start, where it counts from
            running += value if value is not None and year > start else 0
            total = running if year == start or value is not None else None
        elif year == start and a.baseline is not None and not a.provisional_baseline:
            value = a.baseline.value
        assessed = total if cumulative else value
        path.append(
            {
                "year": year,
                "linear": linear_path(indicator, a.origin, year),
                "milestone": expected if milestone else None,
                "expected": expected,
                "actual": value,
                "total": total,
                "deviation": None
                if assessed is None or expected is None
                else difference(assessed, expected),
            }
        )
    return {
        **indicator_view(plan, indicator, a),
        "origin": _point(a.origin),
        "as_of": as_of,
        **public_record_view(plan, indicator, day, a, as_of),
        "day": day.isoformat(),
        "steps": calculation(indicator, a, plan.info.thresholds),
        "definition": indicator.definition,
        "definition_en": indicator.definition_en,
        # only the years counted as of A: a later year's source, note or revision is not shown;
        # a year recorded as not published is among them
        "actuals": [_actual(actual) for actual in recorded_by(series, as_of)],
        "path": path,
        "actions": [
            {
                "id": action.id,
                "title": action.title,
                "title_en": action.title_en,
                **action_status(plan, action, day, as_of),
            }
            for action in plan.actions_for(indicator.key)
        ],
    }
