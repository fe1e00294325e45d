"""The tidy formats: CSV rows (one per indicator and year) and JSON (everything).

The CSV layout is also what ``ipplan import`` reads, so a file exported, edited in a
spreadsheet and imported again records exactly what was typed; a text cell quoted against
formulas is unquoted on import.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ipplan.files.formulas import neutral
from ipplan.text.shown_numbers import for_files

# key, year, value, source and note are what import reads; name and unit help a reader,
# status is what the indicator's status was as of that year; binding and accumulate say what
# kind of indicator it is, and total is a cumulative indicator's running total in that year;
# as_of and made say, on every row, which years the report counts and when it was made (import
# ignores all of these).
COLUMNS = (
    "key",
    "name",
    "unit",
    "year",
    "value",
    "source",
    "note",
    "status",
    "binding",
    "accumulate",
    "total",
    "as_of",
    "made",
)
BOM = "\ufeff"


def cell(value: Any) -> str:
    """A value as the CSV holds it: numbers in their shortest exact form, None as empty, text
    that a spreadsheet would run as a formula quoted (:mod:`ipplan.files.formulas`)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return json.dumps(value)
    return neutral(str(value))


def render(report: dict[str, Any], lang: str) -> str:
    """UTF-8 CSV with a byte-order mark, so Excel reads the Chinese names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    made = report["made"]
    about = {"as_of": report["as_of"], "made": None if made is None else made["time"]}
    for row in for_files(report["yearly"]):
        writer.writerow([cell({**row, **about}[column]) for column in COLUMNS])
    return BOM + buffer.getvalue()


def render_json(report: dict[str, Any], lang: str) -> str:
    return json.dumps(for_files(report), ensure_ascii=False, indent=2) + "\n"
