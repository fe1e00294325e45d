"""The tidy formats: CSV rows (one per indicator and year) and JSON (everything).

The CSV layout is also what ``ipplan import`` reads, so a file exported, edited in a
spreadsheet and imported again records exactly what was typed; a text cell quoted against
formulas is unquoted on import.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ipplan.files.formulas import neutral
from ipplan.render.sentences import pick
from ipplan.text.i18n import label, text
from ipplan.text.shown_numbers import for_files, json_encoded, json_text

# key, year, value, source and note are what import reads; name and unit help a reader,
# status is what the indicator's status was as of that year, to be read against the plan's
# baseline and target; binding and accumulate say what kind of indicator it is, and total is a
# cumulative indicator's running total in that year; not_published is true for a year whose
# figure is recorded as not published (its value empty), basis_change the change of counting
# basis the year's figure carries; as_of and made say, on every row, which years the report
# counts and when it was made (import ignores all of these). The headers, the status and the
# kind are in the report's language (``csv.*`` in the catalogue): import reads the headers of
# either language.
COLUMNS = (
    "key",
    "name",
    "unit",
    "year",
    "value",
    "source",
    "note",
    "status",
    "baseline",
    "target",
    "binding",
    "accumulate",
    "total",
    "not_published",
    "basis_change",
    "as_of",
    "made",
)
BOM = "\ufeff"


def cell(value: Any) -> str:
    """A value as the CSV holds it: numbers in their shortest exact form, None as empty, text
    that a spreadsheet would run as a formula quoted (:mod:`ipplan.files.formulas`)."""
    if value is None:
        return ""
    if isinstance(value, int | float):  # as the JSON files write it (json_encoded)
        return json_encoded(value)
    return neutral(str(value))


def headers(lang: str) -> list[str]:
    """The CSV's header row in ``lang``."""
    return [text(f"csv.{column}", lang) for column in COLUMNS]


def render(report: dict[str, Any], lang: str) -> str:
    """UTF-8 CSV with a byte-order mark, so Excel reads the Chinese names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(lang))
    made = report["made"]
    about = {"as_of": report["as_of"], "made": None if made is None else made["time"]}
    indicators = {ind["key"]: _indicator(ind, lang) for ind in report["indicators"]}
    for row in for_files(report["yearly"]):
        words = {
            "status": label(row["status"], lang),
            "binding": text("label.binding" if row["binding"] else "label.indicative", lang),
            "accumulate": text(f"accumulate.{row['accumulate'] or 'none'}", lang),
            "not_published": text("label.not_published", lang) if row["not_published"] else None,
        }
        shown = {**row, **indicators[row["key"]], **words, **about}
        writer.writerow([cell(shown[column]) for column in COLUMNS])
    return BOM + buffer.getvalue()


def _indicator(ind: dict[str, Any], lang: str) -> dict[str, Any]:
    """What every row of an indicator repeats: its name in ``lang``, the plan's baseline (not a
    provisional one, which is a recorded figure) and its target."""
    baseline = ind["baseline"]
    return {
        "name": pick(ind, "name", lang),
        "baseline": None if baseline is None or ind["provisional_baseline"] else baseline["value"],
        "target": ind["target"]["value"],
    }


def render_json(report: dict[str, Any], lang: str) -> str:
    return json_text(report) + "\n"
