"""The working of an assessment, step by step: ``show``'s steps, each with its formula and the
values put in, so that a reader can redo each by hand (docs/methodology.md)."""

from __future__ import annotations

from typing import TypedDict

from ipplan.assess import Assessment, Progress, target_of
from ipplan.data import Indicator, Thresholds
from ipplan.text.shown_numbers import difference


class Step(TypedDict):
    """One step of the working: its name, formula, the formula with the values put in, and the
    unrounded result (a status's value for the step that decides it)."""

    name: str
    formula: str
    working: str
    result: float | str


def _n(value: float) -> str:
    """A number as a step of the working shows it: whole numbers bare, else four decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _p(value: float) -> str:
    """An operand in a worked formula: negative numbers in brackets, so signs read clearly."""
    shown = _n(value)
    return f"({shown})" if shown.startswith("-") else shown


def _step(name: str, formula: str, working: str, result: float | str) -> Step:
    return {"name": name, "formula": formula, "working": working, "result": result}


def _time_and_pace(a: Assessment, t: int, t0: int, big_t: int) -> list[Step]:
    """The time elapsed and the pace, worked the same way for every kind of indicator."""
    steps = []
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
    return steps


def calculation(indicator: Indicator, a: Assessment, thresholds: Thresholds) -> list[Step]:
    """The assessment worked step by step, each with its formula and the values put in.

    A reader can redo each step by hand; results are the unrounded numbers of the assessment.
    """
    current = a.current
    if current is None or a.origin is None or indicator.target.value is None:
        return []  # nothing measured: no figure, no origin, or the target pending
    o = a.outlook
    x0, t0 = a.origin.value, a.origin.year
    x_t, t = current.value, current.year
    x_star, big_t = target_of(indicator)
    d = indicator.sign
    steps: list[Step] = []
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
    steps += _time_and_pace(a, t, t0, big_t)
    steps.append(_step("status", "", _status_reason(a, x_star, thresholds, d), a.status.value))
    if a.gap is not None:
        steps.append(
            _step(
                "gap",
                "d × (x* − x_t)",
                f"{indicator.sign:+d} × ({_n(x_star)} − {_n(x_t)})",
                a.gap,
            )
        )
    if a.required_per_year is not None:
        steps.append(
            _step(
                "required_per_year",
                "v_req = (x* − x_t) / (T − t)",
                f"{_p(difference(x_star, x_t))} / ({big_t} − {t})",
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


def _cumulative_steps(indicator: Indicator, a: Assessment, thresholds: Thresholds) -> list[Step]:
    """The working of a cumulative indicator: its running total from zero, then the linear
    method with x0 = 0, and the look ahead at the yearly average of the years reported."""
    assert a.total is not None and a.origin is not None and a.latest is not None
    o = a.outlook
    x_t, t, t0 = a.total.value, a.total.year, a.origin.year
    x_star, big_t = target_of(indicator)
    amounts = " + ".join(_p(v) for v in a.amounts) if a.amounts else _n(x_t)
    years = len(a.years_reported)
    steps = [_step("total", "X_t = Σ x_y (t0 < y ≤ t)", amounts, x_t)]
    if a.progress is not None:
        steps.append(_step("progress", "P = X_t / x*", f"{_n(x_t)} / {_n(x_star)}", a.progress))
    steps += _time_and_pace(a, t, t0, big_t)
    steps.append(
        _step("status", "", _status_reason(a, x_star, thresholds, indicator.sign), a.status.value)
    )
    if a.gap is not None:
        steps.append(
            _step(
                "gap",
                "d × (x* − X_t)",
                f"{indicator.sign:+d} × ({_n(x_star)} − {_n(x_t)})",
                a.gap,
            )
        )
    if a.required_per_year is not None:
        steps.append(
            _step(
                "required_per_year",
                "v_req = (x* − X_t) / (T − t)",
                f"{_p(difference(x_star, x_t))} / ({big_t} − {t})",
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
