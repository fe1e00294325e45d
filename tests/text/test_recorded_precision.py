"""Numbers computed from recorded values carry the precision those were written with, never
binary noise: 83 - 81.4 is 1.6, not 1.5999999999999943."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipplan.text.shown_numbers import decimals, difference, for_files
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


def test_a_view_for_files_rounds_amounts_to_the_recorded_decimals_and_ratios_to_four() -> None:
    view = {
        "target": {"year": 2025, "value": 83},
        "direction": "increase",
        "latest": {"year": 2024, "value": 81.4},
        "gap": 1.5999999999999943,
        "required_per_year": 1.5999999999999943 / 3,
        "pace": 1.1490395566016247,
        "steps": [{"name": "pace", "result": 1.1490395566016247}],
        "path": [{"linear": 30121.750000000004, "deviation": -0.1 - 0.2}],
    }
    assert for_files(view) == {
        **view,
        "gap": 1.6,
        "required_per_year": 0.53333,  # one recorded decimal, four more for the division
        "pace": 1.149,
        "steps": [{"name": "pace", "result": 1.149}],
        "path": [{"linear": 30121.75, "deviation": -0.3}],
    }
    # outside an indicator's view (a CSV's yearly rows): a recorded value is kept as written
    yearly = {"total": 0.1 + 0.2, "value": 0.123456789012}
    assert for_files(yearly) == {"total": 0.3, "value": 0.123456789012}


# More than the decimals the rule keeps, or a run of six 0s or 9s, is binary noise.
NOISE = re.compile(r"\.\d*(?:0{6,}|9{6,})\d|\.\d{9,}")


def noisy(text: str) -> list[str]:
    numbers = re.findall(r"-?\d+\.\d+(?:e-?\d+)?", text)
    return [n for n in numbers if "e" not in n and NOISE.search(n)]


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.decimals(min_value=300, max_value=700, places=4, allow_nan=False), min_size=1, max_size=4
    ),
    st.decimals(min_value=0, max_value=Decimal("99.9999"), places=4, allow_nan=False),
)
def test_no_binary_noise_in_json_or_csv(
    cli: Run, definitions: Path, values: list[Decimal], rate: Decimal
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(definitions, plan)
        series = {"revenue": values, "satisfaction": [rate, rate + Decimal("0.0001")]}
        for key, figures in series.items():
            for year, value in zip(range(2022, 2026), figures, strict=False):
                path = plan / "actuals" / key / f"{year}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f'value: {value}\nsource: "统计"\n', encoding="utf-8")
        data = ("--data", str(plan))
        for as_of in ("2023", "2025"):
            outputs = [
                cli("status", "--json", "--as-of", as_of, *data).stdout,
                cli("show", "revenue", "--json", "--as-of", as_of, *data).stdout,
                cli("show", "satisfaction", "--json", "--as-of", as_of, *data).stdout,
                cli("report", "-f", "csv", "--as-of", as_of, *data).stdout,
            ]
            for output in outputs:
                assert output and not noisy(output), noisy(output)


def test_a_recorded_value_keeps_every_decimal_in_json_however_many(
    cli: Run, plan_dir: Path
) -> None:
    """A recorded value is never rounded in a file (docs/methodology.md): one written with 17
    decimals, or as small as 4e-15, is what --json and the report's JSON give back, not
    0.12345678901235 or 0.0 (the decimals counted for an indicator once stopped at ten)."""
    for year, value in (("2023", "0.12345678901234568"), ("2024", "0.000000000000004")):
        recorded = cli(
            "record", year, "complaint_rate", value, "--accept-jump", "--data", str(plan_dir)
        )
        assert recorded.exit_code == 0, recorded.stderr
        assert f"= {value} ‰" in recorded.stdout  # the confirmation says what was recorded
    shown = json.loads(cli("show", "complaint_rate", "--json", "--data", str(plan_dir)).stdout)
    assert [(a["year"], a["value"]) for a in shown["actuals"]] == [
        (2023, 0.12345678901234568),
        (2024, 4e-15),
    ]
    assert shown["latest"] == {"year": 2024, "value": 4e-15}
    assert decimals(4e-15, None) == 15 and decimals(4e-15) == 10
    report = json.loads(cli("report", "-f", "json", "--data", str(plan_dir)).stdout)
    ind = next(i for i in report["indicators"] if i["key"] == "complaint_rate")
    assert [a["value"] for a in ind["actuals"]] == [0.12345678901234568, 4e-15]
    # and the CSV writes each number as the JSON does (1e-05 and 0.00001 once stood side by side)
    csv = cli("report", "-f", "csv", "--data", str(plan_dir)).stdout
    assert ",4e-15," in csv and ",0.12345678901234568," in csv
    assert "4e-15" in cli("report", "-f", "json", "--data", str(plan_dir)).stdout
