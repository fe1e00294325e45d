"""Validated means it works: every plan ``ipplan validate`` passes works in every read command.

Hypothesis draws plans over every kind the format allows (each unit kind, binding and
cumulative indicators, either direction, null baselines, milestones, published delays, targets
pending and baselines marked pending, one year to many, with and without figures), then runs
every read command in-process, on a day before, during and after the plan's period and with
``--as-of``, and asserts that none raises and that the numbers keep methodology.md's
invariants. New fields join :func:`indicators` here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ipplan.cli import app

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

RUNNER = CliRunner()
STATUSES = {
    "target_pending",
    "no_data",
    "achieved",
    "missed",
    "insufficient_data",
    "on_track",
    "needs_acceleration",
    "lagging",
    "regressing",
}
# unit -> (whole numbers, highest value drawn)
UNITS = {"人": (True, 100_000), "%": (False, 100), "亿元": (False, 5_000), "件": (True, 9_999)}


def number(draw: st.DrawFn, unit: str, low: float = 0) -> int | float:
    whole, high = UNITS[unit]
    if whole:
        return draw(st.integers(int(low), high))
    return draw(st.integers(int(low * 10), high * 10)) / 10


@st.composite
def indicator(draw: st.DrawFn, index: int, first: int, last: int) -> dict[str, Any]:
    unit = draw(st.sampled_from(sorted(UNITS)))
    cumulative = draw(st.booleans())
    direction = "increase" if cumulative else draw(st.sampled_from(["increase", "decrease"]))
    baseline = None if draw(st.booleans()) else number(draw, unit)
    if cumulative or baseline is None:
        target = number(draw, unit, low=1)
    elif direction == "increase":
        target = number(draw, unit, low=baseline)
    else:
        target = draw(st.sampled_from([baseline, baseline / 2 if not UNITS[unit][0] else 0]))
    entry: dict[str, Any] = {
        "key": f"k{index}",
        "number": index + 1,
        "name": f"指标{index}",
        "name_en": f"Indicator {index}",
        "unit": unit,
        "direction": direction,
        "baseline": None if baseline is None else {"year": first, "value": baseline},
        "target": {"year": last, "value": target},
    }
    # a successor's or a member plan's: the target still to be set, the baseline pending
    if draw(st.integers(0, 3)) == 0:
        entry["target"]["value"] = None
    if baseline is None and draw(st.booleans()):
        entry["baseline_pending"] = True
    if cumulative:
        entry["accumulate"] = "sum"
    if draw(st.booleans()):
        entry["binding"] = True
    if last - first > 1 and draw(st.booleans()):
        year = draw(st.integers(first + 1, last - 1))
        entry["milestones"] = [{"year": year, "value": number(draw, unit)}]
    if draw(st.booleans()):
        entry["published_after_months"] = draw(st.integers(1, 36))
    return entry


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    first = draw(st.integers(2015, 2030))
    last = first + draw(st.integers(1, 6))
    count = draw(st.integers(1, 4))
    inds = [draw(indicator(i, first, last)) for i in range(count)]
    actuals: dict[str, dict[int, int | float]] = {}
    for ind in inds:
        years = draw(st.sets(st.integers(first + 1, last), max_size=last - first))
        actuals[ind["key"]] = {year: number(draw, ind["unit"]) for year in sorted(years)}
    with_action = draw(st.booleans())
    return {
        "first": first,
        "last": last,
        "indicators": inds,
        "actuals": actuals,
        "action": with_action,
    }


def flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_plan(plan: dict[str, Any], directory: Path) -> None:
    lines = [
        "plan:",
        "  title: 生成的计划",
        "  title_en: A generated plan",
        f"  baseline_year: {plan['first']}",
        f"  target_year: {plan['last']}",
        "indicators:",
    ]
    for ind in plan["indicators"]:
        lines.append(f"  - key: {ind['key']}")
        lines.extend(f"    {name}: {flow(value)}" for name, value in ind.items() if name != "key")
    (directory / "indicators.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tasks = "areas: []\nactions: []\n"
    if plan["action"]:
        tasks = (
            "areas:\n  - {id: work, number: 1, title: 工作, title_en: Work}\n"
            "actions:\n  - id: first-action\n    area: work\n"
            "    title: 第一项行动\n    title_en: The first action\n"
            f"    indicators: [{plan['indicators'][0]['key']}]\n"
            "    measures: [举措。]\n    lead: 秘书处\n"
            f"    due: {plan['last']}-12-31\n    status: in_progress\n"
        )
    (directory / "tasks.yaml").write_text(tasks, encoding="utf-8")
    for key, series in plan["actuals"].items():
        for year, value in series.items():
            path = directory / "actuals" / key / f"{year}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            stamp = f"2014-01-0{1 + year % 9}T08:00:{year % 60:02d}+00:00"
            text = f'value: {value}\nsource: "统计"\nrecorded: "{stamp}"\n'
            path.write_text(text, encoding="utf-8")


def run(*args: str, today: str) -> tuple[int, str]:
    """One command in-process; an exception escapes and fails the test."""
    result = RUNNER.invoke(
        app, list(args), catch_exceptions=False, env={"IPPLAN_TODAY": today, "COLUMNS": "80"}
    )
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def check_status(payload: dict[str, Any], plan: dict[str, Any], as_of: int | None) -> None:
    inds = {ind["key"]: ind for ind in plan["indicators"]}
    for row in payload["indicators"]:
        ind = inds[row["key"]]
        assert row["status"] in STATUSES
        latest = row["latest"]
        if ind["target"]["value"] is None:  # nothing measured against a target not yet set
            assert row["status"] == "target_pending"
            assert row["progress"] is None and row["gap"] is None and row["pace"] is None
            continue
        counted = {
            y: v for y, v in plan["actuals"][row["key"]].items() if as_of is None or y <= as_of
        }
        if latest is None:
            assert row["status"] == "no_data" and not counted
            continue
        assert latest == {"year": max(counted), "value": counted[max(counted)]}
        sign = 1 if ind["direction"] == "increase" else -1
        value = row["total"]["value"] if ind.get("accumulate") else latest["value"]
        if ind.get("accumulate"):
            assert value == pytest.approx(sum(counted.values()))
        target = ind["target"]["value"]
        reached = sign * (value - target) >= -1e-9 * max(1.0, abs(target))
        assert (row["status"] == "achieved") == reached, row
        if row["status"] == "missed":
            assert latest["year"] >= ind["target"]["year"]
        if not ind.get("accumulate") and ind["baseline"] and row["progress"] is not None:
            x0 = ind["baseline"]["value"]
            # a ratio in JSON has RATIO_DECIMALS decimals (methodology.md, numbers in files)
            assert row["progress"] == pytest.approx((value - x0) / (target - x0), abs=5e-5)
        assert row["gap"] == pytest.approx(sign * (target - value))  # positive: still to go


READS = (
    ("status",),
    ("tasks",),
    ("due",),
    ("roadmap",),
    ("overview",),
    ("history",),
    ("validate", "--strict"),
)


# The plan of issue 23 that `validate` passed and other commands crashed on: an indicator
# summed over the years with no baseline (what `ipplan new` writes) crashed `overview` on any
# day, and `status`, `show`, `report` and `site` once its target year had ended. Tried first,
# every run, however few plans are drawn.
SUMMED_WITHOUT_BASELINE: dict[str, Any] = {
    "first": 2020,
    "last": 2025,
    "indicators": [
        {
            "key": "k0",
            "number": 1,
            "name": "指标0",
            "name_en": "Indicator 0",
            "unit": "件",
            "direction": "increase",
            "baseline": None,
            "target": {"year": 2025, "value": 500},
            "accumulate": "sum",
        }
    ],
    "actuals": {"k0": {2021: 120, 2022: 90}},
    "action": True,
}


# A plan as `ipplan new --from` starts it, once figures come in: every target pending, a
# baseline pending, a cumulative indicator, figures recorded up to and past the target year.
# Tried first, every run, so that pending targets are always covered.
PENDING: dict[str, Any] = {
    "first": 2025,
    "last": 2027,
    "indicators": [
        {
            "key": "k0",
            "number": 1,
            "name": "指标0",
            "name_en": "Indicator 0",
            "unit": "人",
            "direction": "increase",
            "baseline": None,
            "baseline_pending": True,
            "target": {"year": 2027, "value": None},
            "published_after_months": 3,
        },
        {
            "key": "k1",
            "number": 2,
            "name": "指标1",
            "name_en": "Indicator 1",
            "unit": "件",
            "direction": "increase",
            "baseline": {"year": 2025, "value": 40},
            "target": {"year": 2027, "value": None},
            "accumulate": "sum",
        },
    ],
    "actuals": {"k0": {2026: 120, 2027: 130}, "k1": {2026: 9}},
    "action": True,
}


# Shrinking a failure of a dozen commands takes minutes; the failing plan is printed whole.
# Each plan runs some ninety commands: a few drawn plans, beside the one above, keep the suite
# fast; the CI profile draws the same ones each run.
@pytest.mark.slow
@settings(max_examples=5, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(plan=plans(), picks=st.lists(st.integers(0, 10_000), min_size=9, max_size=9))
@example(plan=SUMMED_WITHOUT_BASELINE, picks=[0, 0, 0, 1, 0, 0, 4, 0, 0])
@example(plan=PENDING, picks=[0, 0, 1, 1, 0, 1, 0, 1, 0])
def test_a_plan_that_validates_works_in_every_read_command(
    plan: dict[str, Any], picks: list[int]
) -> None:
    keys = [ind["key"] for ind in plan["indicators"]]
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "plan"
        directory.mkdir()
        write_plan(plan, directory)
        where = ["--data", str(directory)]
        first, last = plan["first"], plan["last"]
        code, out = run("validate", *where, today=f"{last + 1}-12-07")
        assert code == 0, out
        days = (dt.date(first + 1, 6, 30), dt.date(last + 1, 12, 7), dt.date(last + 4, 3, 1))
        for number, day in enumerate(days):
            today = day.isoformat()
            # a year of the plan for --as-of, and an indicator for show with and without it
            year_pick, *key_picks = picks[3 * number : 3 * number + 3]
            years = (None, first + 1 + year_pick % (last - first))
            for as_of, key_pick in zip(years, key_picks, strict=True):
                since = [] if as_of is None else ["--as-of", str(as_of)]
                code, out = run("status", "--json", *where, *since, today=today)
                assert code == 0, out
                check_status(json.loads(out), plan, as_of)
                for args in READS:
                    code, out = run(*args, *where, *since, today=today)
                    assert code in (0, 1, 2), (args, out)
                key = keys[key_pick % len(keys)]
                code, out = run("show", key, *where, *since, today=today)
                assert code == 0, out
                code, out = run("show", key, "--json", *where, *since, today=today)
                assert code == 0 and json.loads(out)["key"] == key
                # the workbook and the document read the same sections as the md and html
                # reports: written once a plan, on the day after it ends, where they say most
                forms = ("md", "html", "json", "csv")
                forms += ("xlsx", "docx") if number == 1 and as_of is None else ()
                for form in forms:
                    target = Path(tmp) / f"report.{form}"
                    code, out = run("report", "-o", str(target), *where, *since, today=today)
                    assert code == 0 and target.stat().st_size > 0, (form, out)
        site = Path(tmp) / "public"
        code, out = run("site", str(site), *where, today=days[1].isoformat())
        assert code == 0 and (site / "index.html").is_file(), out
