"""The canonical layout of actuals.yaml and task_log.yaml: stable bytes, clean diffs."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from ipplan import store
from ipplan.models import ActionUpdate, Actual, Revision
from ipplan.status import Status
from ipplan.validate import check
from ipplan.writer import dump_actuals, dump_task_log, scalar
from ipplan.yamlio import parse

ORDER = ["practitioners", "agency_rate", "complaint_rate"]
WHEN = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def sample() -> dict[str, list[Actual]]:
    return {
        "complaint_rate": [Actual(year=2022, value=2.8, source="年报", recorded=WHEN)],
        "practitioners": [
            Actual(
                year=2023,
                value=31000,
                note='含 "港澳" 数据: 是',
                recorded=WHEN,
                history=[Revision(value=30000, source="初报", recorded=WHEN)],
            ),
            Actual(year=2022, value=28000),
        ],
        "agency_rate": [Actual(year=2022, value=1e-05)],
    }


def reload(text: str, name: str = "actuals") -> dict[str, list[Actual]]:
    doc, problems = parse(text, Path(f"{name}.yaml"))
    assert problems == []
    docs = {n: parse("", Path(f"{n}.yaml"))[0] for n in store.FILES}
    docs[name] = doc
    return {key: [a for _, a in items] for key, items in check(docs).actuals.items()}


def test_round_trip_and_idempotence() -> None:
    text = dump_actuals(sample(), ORDER)
    again = reload(text)
    assert again["practitioners"][1].note == '含 "港澳" 数据: 是'
    assert again["practitioners"][1].history[0].value == 30000
    assert again["agency_rate"][0].value == 1e-05
    assert again["complaint_rate"][0].recorded == WHEN
    assert dump_actuals(again, ORDER) == text


def test_layout_is_fixed_plan_order_and_years_ascending() -> None:
    text = dump_actuals(sample(), ORDER)
    keys = [
        line.strip(" :")
        for line in text.splitlines()
        if line.startswith("  ") and not line.startswith("    ")
    ]
    assert keys == ORDER
    assert text.index("year: 2022\n      value: 28000") < text.index("year: 2023")


def test_one_recorded_value_is_a_one_entry_diff() -> None:
    before = dump_actuals(sample(), ORDER)
    more = sample()
    more["practitioners"].append(Actual(year=2024, value=33000, recorded=WHEN))
    after = dump_actuals(more, ORDER)
    added = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert added == [
        "+    - year: 2024",
        "+      value: 33000",
        '+      recorded: "2024-03-01T10:00:00+08:00"',
    ]


def test_empty_files_match_the_shipped_ones() -> None:
    shipped = Path(__file__).resolve().parents[1] / "data"
    assert dump_actuals({}, ORDER) == (shipped / "actuals.yaml").read_text(encoding="utf-8")
    assert dump_task_log({}, []) == (shipped / "task_log.yaml").read_text(encoding="utf-8")


def test_task_log_round_trip() -> None:
    updates = {
        "b": [
            ActionUpdate(
                recorded=WHEN,
                status=Status.in_progress,
                lead="培训部",
                due=dt.date(2025, 6, 30),
                note="yes",
            )
        ]
    }
    text = dump_task_log(updates, ["a", "b"])
    doc, problems = parse(text, Path("task_log.yaml"))
    assert problems == []
    assert doc.data["updates"]["b"][0] == {
        "recorded": "2024-03-01T10:00:00+08:00",
        "status": "in_progress",
        "lead": "培训部",
        "due": "2025-06-30",
        "note": "yes",
    }


@pytest.mark.parametrize(
    "value",
    [
        0,
        31000,
        80.3,
        0.1,
        1e-05,
        2.5e20,
        -3.0,
        "on",
        "no",
        "1:30",
        "a\nb",
        "[x]",
        "#c",
        "2024-01-01",
        "",
        "a\u2028b",  # a line break to a YAML 1.1 reader
        "\x85",
        "x\ufffe",  # not allowed in a YAML file as it is
        "\ufeffx",
    ],
)
def test_scalars_read_back_exactly(value: object) -> None:
    doc, problems = parse(f"v: {scalar(value)}\n", Path("x.yaml"))
    assert problems == []
    assert doc.data["v"] == value
    assert type(doc.data["v"]) is type(value)
