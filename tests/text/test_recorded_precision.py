"""Numbers computed from recorded values carry the precision those were written with, never
binary noise: 83 - 81.4 is 1.6, not 1.5999999999999943."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ipplan.text.shown_numbers import decimals, difference
from tests.conftest import Run

WRITTEN = st.decimals(
    min_value=-(10**6), max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)


@given(WRITTEN, WRITTEN)
def test_a_difference_has_the_decimals_of_what_it_is_taken_from(a: Decimal, b: Decimal) -> None:
    x, y = float(a), float(b)
    result = difference(x, y)
    assert decimals(result) <= max(decimals(x), decimals(y)) <= 4
    assert result == float(a - b)  # the exact decimal difference, as near as a float holds it


def test_decimals_reads_a_value_as_it_was_written() -> None:
    assert [decimals(v) for v in (40, 41.6, 0.25, 1e-05, 2.5e-07, 1.5999999999999943)] == [
        0,
        1,
        2,
        5,
        8,
        10,
    ]


def test_the_gap_and_the_deviation_in_json_carry_no_binary_noise(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    assert cli("record", "2023", "satisfaction", "80", *data).exit_code == 0
    assert cli("record", "2024", "satisfaction", "81.4", *data).exit_code == 0
    status = cli("status", "--json", *data)
    row = next(i for i in json.loads(status.stdout)["indicators"] if i["key"] == "satisfaction")
    assert row["gap"] == 1.6
    assert "1.59999" not in status.stdout
    shown = json.loads(cli("show", "satisfaction", "--json", *data).stdout)
    deviations = [p["deviation"] for p in shown["path"] if p["deviation"] is not None]
    assert all(decimals(d) <= 2 for d in deviations), deviations
