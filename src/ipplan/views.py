"""What each command reports, as plain data: the ``--json`` output and what the tables show.

Field names are those of docs/methodology.md. The terminal renderer draws from these same
dictionaries, so the table and the JSON cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from ipplan import clock, public_record
from ipplan.action_status import Status
from ipplan.assess import (
    Assessment,
    Progress,
    assess,
    counted,
    expected_value,
    linear_path,
    summary,
)
from ipplan.data import Action, ActionUpdate, Actual, Indicator, Number, Point, Thresholds
from ipplan.errors import NothingToUndo
from ipplan.files.record_text import timestamp
from ipplan.plan import ActionState, Plan
from ipplan.problems import Problem, capped
from ipplan.text.i18n import problem_message
from ipplan.text.shown_numbers import difference

if TYPE_CHECKING:
    from ipplan.actuals import Recorded
    from ipplan.history import Event, Undone
    from ipplan.import_figures import Imported


def _point(point: Point | None) -> dict[str, Any] | None:
    return None if point is None else {"year": point.year, "value": point.value}


def indicator_view(plan: Plan, indicator: Indicator, a: Assessment) -> dict[str, Any]:
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
        "target": _point(indicator.target),
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
        "milestones": [_point(m) for m in indicator.milestones],
    }


class RecordedValue(TypedDict):
    """The actual ``record --json`` saved."""

    key: str
    year: int
    value: Number
    source: str | None
    note: str | None


class RecordView(TypedDict):
    """``record --json``: the value saved, the one it replaced, and the indicator's new row."""

    unchanged: bool
    recorded: RecordedValue
    replaced: Number | None
    indicator: dict[str, Any]


def record_view(plan: Plan, done: Recorded) -> RecordView:
    """What ``ipplan record`` did, for ``--json`` (and the row its screen shows)."""
    return {
        "unchanged": done.unchanged,
        "recorded": {
            "key": done.indicator.key,
            "year": done.actual.year,
            "value": done.actual.value,
            "source": done.actual.source,
            "note": done.actual.note,
        },
        "replaced": None if done.replaced is None else done.replaced.value,
        "indicator": indicator_view(plan, done.indicator, done.assessment),
    }


class ImportedValue(TypedDict):
    """One value of ``import --json``."""

    key: str
    year: int
    value: Number
    unchanged: bool
    replaced: Number | None


class ImportView(TypedDict):
    """``import --json``: how many values each outcome had, and every value with its own."""

    recorded: int
    replaced: int
    unchanged: int
    skipped: int
    values: list[ImportedValue]


def import_view(done: Imported) -> ImportView:
    """What ``ipplan import`` did, for ``--json`` (and the counts its summary gives)."""
    return {
        "recorded": done.recorded,
        "replaced": done.replaced,
        "unchanged": done.unchanged,
        "skipped": done.skipped,
        "values": [
            {
                "key": c.indicator.key,
                "year": c.actual.year,
                "value": c.actual.value,
                "unchanged": c.unchanged,
                "replaced": None if c.replaced is None else c.replaced.value,
            }
            for c in done.changes
        ],
    }


def status_view(
    plan: Plan, as_of: int | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Every indicator's assessment, with the count of indicators per status.

    The judgement day (:func:`ipplan.clock.judgement_day` of ``as_of`` and ``today``, default
    :func:`ipplan.clock.today`) decides which yearly figures are overdue and whether the plan is
    in its final evaluation.
    """
    day = clock.judgement_day(as_of, today)
    rows = []
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
            {**indicator_view(plan, indicator, a), **public_record_view(plan, indicator, day)}
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


def _due(figure: public_record.DueFigure) -> dict[str, Any]:
    return {
        "year": figure.year,
        "due": None if figure.due is None else figure.due.isoformat(),
        "overdue": figure.overdue,
    }


def public_record_view(plan: Plan, indicator: Indicator, day: dt.date) -> dict[str, Any]:
    """What the public record says of one indicator on ``day``: the official baseline figure,
    when its figures are published, which are overdue, and its verdict once the plan has ended."""
    official = indicator.official_baseline
    verdict = None
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
    }


def final_evaluation_view(
    plan: Plan, day: dt.date, as_of: int | None = None
) -> dict[str, Any] | None:
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


def _actual(actual: Actual) -> dict[str, Any]:
    return {
        "year": actual.year,
        "value": actual.value,
        "source": actual.source,
        "note": actual.note,
        "recorded": _when(actual.recorded),
        "history": [
            {
                "value": old.value,
                "source": old.source,
                "note": old.note,
                "recorded": _when(old.recorded),
            }
            for old in actual.history
        ],
    }


def show_view(
    plan: Plan, indicator: Indicator, as_of: int | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """One indicator in full: definition, actuals, the linear path, assessment and actions,
    and what the public record says of it on ``today`` (see :func:`status_view`)."""
    day = clock.judgement_day(as_of, today)
    series = plan.actuals[indicator.key]
    a = assess(indicator, series, plan.info.thresholds, as_of, start=plan.info.baseline_year)
    by_year = {actual.year: actual for actual in counted(series, as_of)}
    start = a.origin.year if a.origin is not None else plan.info.baseline_year
    cumulative = indicator.accumulate == "sum"
    path = []
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
        **public_record_view(plan, indicator, day),
        "day": day.isoformat(),
        "steps": calculation(indicator, a, plan.info.thresholds),
        "definition": indicator.definition,
        "definition_en": indicator.definition_en,
        # only the years counted as of A: a later year's source, note or revision is not shown
        "actuals": [_actual(actual) for actual in counted(series, as_of)],
        "path": path,
        "actions": [
            {
                "id": action.id,
                "title": action.title,
                "title_en": action.title_en,
                **_action_status(plan, action, day, as_of),
            }
            for action in plan.actions_for(indicator.key)
        ],
    }


def _action_status(plan: Plan, action: Action, day: dt.date, as_of: int | None) -> dict[str, str]:
    """An action's status as ``tasks`` shows it: derived from its work items on ``day`` (the
    judgement day, :func:`ipplan.clock.judgement_day`) unless set by hand."""
    from ipplan.workplans.views import action_work

    state = plan.state(action, as_of)
    if not plan.work.plans:
        return {"status": state.status.value}
    work = action_work(plan, state, day, as_of)
    return {"status": work["status"], "status_source": work["status_source"]}


def _n(value: float) -> str:
    """A number as a step of the working shows it: whole numbers bare, else four decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _p(value: float) -> str:
    """An operand in a worked formula: negative numbers in brackets, so signs read clearly."""
    shown = _n(value)
    return f"({shown})" if shown.startswith("-") else shown


def _step(name: str, formula: str, working: str, result: float | str) -> dict[str, Any]:
    return {"name": name, "formula": formula, "working": working, "result": result}


def calculation(
    indicator: Indicator, a: Assessment, thresholds: Thresholds
) -> list[dict[str, Any]]:
    """The assessment worked step by step, each with its formula and the values put in.

    A reader can redo each step by hand; results are the unrounded numbers of the assessment.
    """
    current = a.current
    if current is None or a.origin is None:
        return []
    o = a.outlook
    x0, t0 = a.origin.value, a.origin.year
    x_t, t = current.value, current.year
    x_star, big_t = indicator.target.value, indicator.target.year
    d = indicator.sign
    steps = []
    if a.total is not None:
        return _cumulative_steps(indicator, a, thresholds)
    if a.progress is not None:
        steps.append(
            _step(
                "progress",
                "P = (x_t − x0) / (x* − x0)",
                f"({_n(x_t)} − {_n(x0)}) / ({_n(x_star)} − {_n(x0)})"
                f" = {_p(x_t - x0)} / {_p(x_star - x0)}",
                a.progress,
            )
        )
    if a.time_elapsed is not None:
        steps.append(
            _step(
                "time_elapsed",
                "τ = (t − t0) / (T − t0)",
                f"({t} − {t0}) / ({big_t} − {t0}) = {t - t0} / {big_t - t0}",
                a.time_elapsed,
            )
        )
    if a.pace is not None and a.progress is not None and a.time_elapsed is not None:
        steps.append(_step("pace", "R = P / τ", f"{_p(a.progress)} / {_p(a.time_elapsed)}", a.pace))
    steps.append(_step("status", "", _status_reason(a, x_star, thresholds, d), a.status.value))
    if a.gap is not None:
        steps.append(_step("gap", "x* − x_t", f"{_n(x_star)} − {_n(x_t)}", a.gap))
    if a.required_per_year is not None and a.gap is not None:
        steps.append(
            _step(
                "required_per_year",
                "v_req = (x* − x_t) / (T − t)",
                f"{_p(a.gap)} / ({big_t} − {t})",
                a.required_per_year,
            )
        )
    if o.cagr_observed is not None:
        steps.append(
            _step(
                "cagr_observed",
                "CAGR_o = (x_t / x0)^(1 / (t − t0)) − 1",
                f"({_n(x_t)} / {_n(x0)})^(1 / {t - t0}) − 1",
                o.cagr_observed,
            )
        )
    if o.cagr_required is not None:
        steps.append(
            _step(
                "cagr_required",
                "CAGR_r = (x* / x0)^(1 / (T − t0)) − 1",
                f"({_n(x_star)} / {_n(x0)})^(1 / {big_t - t0}) − 1",
                o.cagr_required,
            )
        )
    if o.pace_cagr is not None and o.cagr_observed is not None and o.cagr_required is not None:
        steps.append(
            _step(
                "pace_cagr",
                "R_cagr = d × CAGR_o / |CAGR_r|",
                f"{d:+d} × {_p(o.cagr_observed)} / {_p(abs(o.cagr_required))}",
                o.pace_cagr,
            )
        )
    if o.observed_per_year is not None:
        steps.append(
            _step(
                "observed_per_year",
                "v_obs = (x_t − x0) / (t − t0)",
                f"{_p(x_t - x0)} / {t - t0}",
                o.observed_per_year,
            )
        )
        if o.projection_linear is not None:
            steps.append(
                _step(
                    "projection_linear",
                    "x_t + v_obs × (T − t)",
                    f"{_n(x_t)} + {_p(o.observed_per_year)} × {max(big_t - t, 0)}",
                    o.projection_linear,
                )
            )
    if o.projection_cagr is not None and o.cagr_observed is not None:
        steps.append(
            _step(
                "projection_cagr",
                "x_t × (1 + CAGR_o)^(T − t)",
                f"{_n(x_t)} × {_n(1 + o.cagr_observed)}^{max(big_t - t, 0)}",
                o.projection_cagr,
            )
        )
    if (
        o.acceleration_factor is not None
        and a.required_per_year is not None
        and o.observed_per_year is not None
    ):
        steps.append(
            _step(
                "acceleration_factor",
                "v_req / v_obs",
                f"{_p(a.required_per_year)} / {_p(o.observed_per_year)}",
                o.acceleration_factor,
            )
        )
    return steps


def _cumulative_steps(
    indicator: Indicator, a: Assessment, thresholds: Thresholds
) -> list[dict[str, Any]]:
    """The working of a cumulative indicator: its running total from zero, then the linear
    method with x0 = 0, and the look ahead at the yearly average of the years reported."""
    assert a.total is not None and a.origin is not None and a.latest is not None
    o = a.outlook
    x_t, t, t0 = a.total.value, a.total.year, a.origin.year
    x_star, big_t = indicator.target.value, indicator.target.year
    amounts = " + ".join(_p(v) for v in a.amounts) if a.amounts else _n(x_t)
    years = len(a.years_reported)
    steps = [_step("total", "X_t = Σ x_y (t0 < y ≤ t)", amounts, x_t)]
    if a.progress is not None:
        steps.append(_step("progress", "P = X_t / x*", f"{_n(x_t)} / {_n(x_star)}", a.progress))
    if a.time_elapsed is not None:
        steps.append(
            _step(
                "time_elapsed",
                "τ = (t − t0) / (T − t0)",
                f"({t} − {t0}) / ({big_t} − {t0}) = {t - t0} / {big_t - t0}",
                a.time_elapsed,
            )
        )
    if a.pace is not None and a.progress is not None and a.time_elapsed is not None:
        steps.append(_step("pace", "R = P / τ", f"{_p(a.progress)} / {_p(a.time_elapsed)}", a.pace))
    steps.append(
        _step("status", "", _status_reason(a, x_star, thresholds, indicator.sign), a.status.value)
    )
    if a.gap is not None:
        steps.append(_step("gap", "x* − X_t", f"{_n(x_star)} − {_n(x_t)}", a.gap))
    if a.required_per_year is not None and a.gap is not None:
        steps.append(
            _step(
                "required_per_year",
                "v_req = (x* − X_t) / (T − t)",
                f"{_p(a.gap)} / ({big_t} − {t})",
                a.required_per_year,
            )
        )
    if o.observed_per_year is not None:
        steps.append(
            _step("observed_per_year", "v = X_t / n", f"{_n(x_t)} / {years}", o.observed_per_year)
        )
        if o.projection_linear is not None:
            steps.append(
                _step(
                    "projection_linear",
                    "X_t + v × (T − t)",
                    f"{_n(x_t)} + {_p(o.observed_per_year)} × {max(big_t - t, 0)}",
                    o.projection_linear,
                )
            )
    if (
        o.acceleration_factor is not None
        and a.required_per_year is not None
        and o.observed_per_year is not None
    ):
        steps.append(
            _step(
                "acceleration_factor",
                "v_req / v",
                f"{_p(a.required_per_year)} / {_p(o.observed_per_year)}",
                o.acceleration_factor,
            )
        )
    return steps


def _status_reason(a: Assessment, x_star: float, thresholds: Thresholds, d: int) -> str:
    """Which of methodology.md's rules decided the status, with the values compared."""
    current = a.current
    assert current is not None
    x_t, t = current.value, current.year
    symbol = "X_t" if a.total is not None else "x_t"
    if a.status is Progress.achieved:
        return f"d × ({symbol} − x*) = {d:+d} × ({_n(x_t)} − {_n(x_star)}) ≥ 0"
    if a.status is Progress.missed:
        return f"t = {t} ≥ T"
    if a.pace is None:
        return "x* = x0"
    on, acc, lag = thresholds.on_track, thresholds.needs_acceleration, thresholds.lagging
    r = _n(a.pace)
    return {
        Progress.on_track: f"R = {r} ≥ {_n(on)}",
        Progress.needs_acceleration: f"{_n(acc)} ≤ R = {r} < {_n(on)}",
        Progress.lagging: f"{_n(lag)} ≤ R = {r} < {_n(acc)}",
        Progress.regressing: f"R = {r} < {_n(lag)}",
    }.get(a.status, "")


def action_view(state: ActionState, work: dict[str, Any] | None = None) -> dict[str, Any]:
    """One action as it stands, with its measures and dated updates.

    ``work`` (from :func:`ipplan.workplans.views.action_work`) adds its work-plan items and
    progress, and the status that follows from them unless one was set by hand.
    """
    action = state.action
    return {
        "id": action.id,
        "area": action.area,
        "title": action.title,
        "title_en": action.title_en,
        "measures": list(action.measures),
        "indicators": list(action.indicators),
        "lead": state.lead,
        "due": state.due.isoformat() if state.due else None,
        "status": state.status.value,
        "updates": [{"recorded": timestamp(u.recorded), **_update(u)} for u in state.updates],
        **(work or {}),
    }


def _update(update: ActionUpdate) -> dict[str, Any]:
    """The fields an action update set, as text (None for those it left alone), and those it
    cleared."""
    return {
        "status": update.status.value if update.status else None,
        "lead": update.lead,
        "due": update.due.isoformat() if update.due else None,
        "note": update.note,
        "cleared": list(update.cleared),
    }


def _when(moment: dt.datetime | None) -> str | None:
    return None if moment is None else timestamp(moment)


def event_view(event: Event) -> dict[str, Any]:
    """One change in ``history --json``."""
    from ipplan.history import ActionChange, ProgressChange

    if isinstance(event, ProgressChange):
        from ipplan.workplans.views import event_view as progress_view

        return {
            "kind": "progress",
            "year": event.year,
            "measure": event.item.measure,
            **progress_view(event.event, event.item),
        }
    if isinstance(event, ActionChange):
        return {
            "kind": "action",
            "recorded": _when(event.recorded),
            "id": event.action_id,
            "title": event.title,
            "title_en": event.title_en,
            **_update(event.update),
        }
    return {
        "kind": "actual",
        "recorded": _when(event.recorded),
        "key": event.indicator.key,
        "name": event.indicator.name,
        "name_en": event.indicator.name_en,
        "unit": event.indicator.unit,
        "year": event.year,
        "value": event.value,
        "previous": event.previous,
        "source": event.source,
        "note": event.note,
        "cleared": list(event.cleared),
        "current": event.current,
    }


def history_view(plan: Plan, ref: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Recorded changes, newest first, and which of them ``ipplan undo`` would revert."""
    from ipplan.history import events, last_change

    found = events(plan, ref)
    try:
        moment, values, updates = last_change(plan)
    except NothingToUndo:
        next_undo = None
    else:
        reverted: list[Event] = [*values, *updates]
        next_undo = {"recorded": _when(moment), "changes": [event_view(e) for e in reverted]}
    return {
        "changes": [event_view(e) for e in found[:limit]],
        "total": len(found),
        "next_undo": next_undo,
    }


def undo_view(undone: Undone) -> dict[str, Any]:
    """What ``ipplan undo`` reverted (or, with --dry-run, would revert)."""
    reverted: list[Event] = [*undone.values, *undone.updates]
    return {
        "written": undone.written,
        "recorded": _when(undone.recorded),
        "changes": [event_view(e) for e in reverted],
    }


def tasks_view(
    plan: Plan,
    area: str | None = None,
    status: Status | None = None,
    indicator: str | None = None,
    as_of: int | None = None,
    day: dt.date | None = None,
) -> dict[str, Any]:
    """The actions grouped by area, filtered by area, status and indicator served; as they
    stood at the end of the year ``as_of``, when given.

    With ``day``, each action also shows its work-plan items and progress on that day, and the
    status that follows from them (see :func:`ipplan.workplans.views.action_work`).
    """
    from ipplan.workplans.views import action_work

    area_id = plan.area(area).id if area is not None else None
    key = plan.indicator(indicator).key if indicator is not None else None
    groups = []
    for a in plan.areas:
        if area_id is not None and a.id != area_id:
            continue
        actions = []
        for action in plan.actions:
            if action.area != a.id or (key is not None and key not in action.indicators):
                continue
            state = plan.state(action, as_of)
            work = action_work(plan, state, day, as_of) if day is not None else None
            view = action_view(state, work)
            if status is not None and view["status"] != status.value:
                continue
            actions.append(view)
        if actions:
            groups.append(
                {
                    "id": a.id,
                    "number": a.number,
                    "title": a.title,
                    "title_en": a.title_en,
                    "actions": actions,
                }
            )
    return {"as_of": as_of, "areas": groups}


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def problems_view(problems: Sequence[Problem], lang: str) -> list[dict[str, Any]]:
    """Problems for machines: file, line, code and message; no more than a hundred of one
    file, then one saying how many more (:func:`ipplan.problems.capped`)."""
    return [
        {
            "file": display_path(p.path),
            "line": p.line,
            "code": p.code,
            "message": problem_message(p.code, p.params, lang),
        }
        for p in capped(problems)
    ]


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotations(problems: Sequence[Problem], lang: str) -> list[str]:
    """Problems as GitHub Actions workflow commands, which the pull request shows on its diff.

    Escaped as the runner expects: ``%``, CR and LF everywhere; ``:`` and ``,`` in properties.
    """
    return [
        f"::error file={_escape_property(p['file'])},line={p['line']},"
        f"title={_escape_property(p['code'])}::{_escape_data(p['message'])}"
        for p in problems_view(problems, lang)
    ]
