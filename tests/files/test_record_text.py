"""The canonical layout of the record files: one file per record, stable bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from ipplan import data as domain
from ipplan.action_status import Status
from ipplan.check.run import check
from ipplan.file_models import ActionUpdate, Actual, Revision
from ipplan.files import layout
from ipplan.files.layout import ACTUALS, stamp_name
from ipplan.files.record_text import dump_actual, dump_update, scalar
from ipplan.files.yaml_read import parse, read
from tests.conftest import SHIPPED

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


def dump_all(actuals: Mapping[str, Sequence[Actual | domain.Actual]]) -> dict[str, str]:
    """The record file of every actual, by its path relative to the data directory."""
    return {
        ACTUALS.relative(key, str(a.year)): dump_actual(a)
        for key, items in actuals.items()
        for a in items
    }


def reload(files: Mapping[str, str]) -> dict[str, list[domain.Actual]]:
    """The actuals read back from record files, beside the shipped plan's own files."""
    docs = {n: read(SHIPPED / f)[0] for n, f in layout.FILES.items() if n not in layout.LEGACY}
    docs.update({n: parse("", Path(layout.FILES[n]))[0] for n in layout.LEGACY})
    for name, text in files.items():
        doc, problems = parse(text, Path(name))
        assert problems == []
        docs[name] = doc
    checked = check(docs)
    assert checked.problems == []
    return {key: [f.item for f in found] for key, found in checked.actuals.items()}


def test_round_trip_and_idempotence() -> None:
    files = dump_all(sample())
    again = reload(files)
    by_year = {a.year: a for a in again["practitioners"]}
    assert by_year[2023].note == '含 "港澳" 数据: 是'
    assert by_year[2023].history[0].value == 30000
    assert again["agency_rate"][0].value == 1e-05
    assert again["complaint_rate"][0].recorded == WHEN
    assert dump_all(again) == files


def test_one_file_per_indicator_year_named_by_its_path() -> None:
    files = dump_all(sample())
    assert sorted(files) == [
        "actuals/agency_rate/2022.yaml",
        "actuals/complaint_rate/2022.yaml",
        "actuals/practitioners/2022.yaml",
        "actuals/practitioners/2023.yaml",
    ]
    assert files["actuals/practitioners/2023.yaml"] == (
        "# yaml-language-server: $schema=../../schema/actual.schema.json\n"
        "value: 31000\n"
        'note: "含 \\"港澳\\" 数据: 是"\n'
        'recorded: "2024-03-01T10:00:00+08:00"\n'
        "history:\n"
        "  - value: 30000\n"
        '    source: "初报"\n'
        '    recorded: "2024-03-01T10:00:00+08:00"\n'
    )


def test_update_file_layout_and_name() -> None:
    update = ActionUpdate(
        recorded=WHEN, status=Status.in_progress, lead="培训部", due=dt.date(2025, 6, 30), note="y"
    )
    assert dump_update(update) == (
        "# yaml-language-server: $schema=../../schema/update.schema.json\n"
        'recorded: "2024-03-01T10:00:00+08:00"\n'
        'status: "in_progress"\n'
        'lead: "培训部"\n'
        'due: "2025-06-30"\n'
        'note: "y"\n'
    )
    assert stamp_name(WHEN) == "20240301T020000Z"  # in UTC, no colons
    assert stamp_name(WHEN.replace(microsecond=5000)) == "20240301T020000.005Z"
    assert stamp_name(WHEN.replace(microsecond=5)) == "20240301T020000.000005Z"
    assert stamp_name(dt.datetime(2024, 3, 1, 10)) == "20240301T100000"  # no offset: as written


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
