"""``ipplan status`` in the terminal: the indicators' table, its columns giving way to the width."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from ipplan.render import public_record, sentences, table, terminal
from ipplan.text.i18n import colon, label, text, unit_label
from ipplan.text.shown_numbers import number, percent, ratio
from ipplan.text.shown_numbers import point as _point
from ipplan.text.wrapping import longest_word, width


def summary_line(summary: Mapping[str, int], lang: str) -> Text:
    parts = Text()
    first = True
    for status, count in summary.items():
        if not count:
            continue
        if not first:
            parts.append(" · ")
        parts.append(
            text("summary.part", lang, label=label(status, lang), n=count),
            style=terminal.STATUS_STYLES.get(status, ""),
        )
        first = False
    prefix = text("summary", lang, count=sum(summary.values()), parts="").rstrip()
    line = Text(prefix if prefix.endswith("：") else prefix + " ")
    line.append_text(parts)
    return line


# Columns of the status table that give way, first to last, when the terminal is too narrow:
# a cropped bar or number misleads, so a column is left out whole rather than cut. Number,
# name, status, latest, target and pace R stay longest; before any of them goes, the name
# wraps onto more lines (down to NAME_MIN cells).
OPTIONAL_COLUMNS = (
    "bar",
    "pace_cagr",
    "unit",
    "baseline",
    "progress",
    "pace",
    "target",
    "latest",
)
CORE_FROM = "pace"  # the first column of OPTIONAL_COLUMNS that goes only after the name wraps
NAME_MIN = 8


def indicator_name(row: Mapping[str, Any], lang: str) -> Text:
    """The indicator's name, a binding one marked ◆ and in bold so that it stands out."""
    if row["binding"]:
        return Text("◆" + terminal.name_in(row, lang), style="bold")
    return Text(terminal.name_in(row, lang))


def latest_cell(row: Mapping[str, Any]) -> str:
    """What the indicator is assessed on: the latest actual, or a running total marked Σ;
    marked † when its comparison crosses a change of counting basis (explained under the
    table, :func:`ipplan.render.sentences.marks`)."""
    mark = sentences.BASIS_MARK if sentences.basis_crossed(row) else ""
    if row["total"] is not None:
        return "Σ" + _point(row["total"]) + mark
    return _point(row["latest"]) + mark


def _status_cells(row: Mapping[str, Any], lang: str) -> dict[str, str | Text]:
    baseline = "—" if row["baseline"] is None else number(row["baseline"]["value"])
    if row["provisional_baseline"]:
        baseline += "*"
    status = terminal.status_text(row["status"], lang)
    if row["methods_disagree"]:
        status.append(" ≠", style="bold yellow")
    return {
        "number": str(row["number"]),
        "name": indicator_name(row, lang),
        "status": status,
        "unit": unit_label(row["unit"], lang, row.get("unit_en")),
        "baseline": baseline,
        "latest": latest_cell(row),
        "target": sentences.target_cell(row["target"], lang),
        "progress": percent(row["progress"]),
        "pace": ratio(row["pace"]),
        "pace_cagr": ratio(row["pace_cagr"]),
        "bar": terminal.bar(row["progress"], row["time_elapsed"], row["status"]),
    }


def render_status(view: Mapping[str, Any], title: str, lang: str) -> None:
    console = terminal.out()
    plan, rows = view["plan"], view["indicators"]
    if view["as_of"] is not None:
        title += " · " + text("label.as_of", lang, year=view["as_of"])
    if not rows:  # a plan just started with `ipplan new`
        console.print(Text(title))
        console.print(text("status.no_indicators", lang))
        return
    headers = {
        "number": text("col.number", lang),
        "name": text("col.indicator", lang),
        "status": text("col.status", lang),
        "unit": text("col.unit", lang),
        "baseline": f"{text('col.baseline', lang)} {plan['baseline_year']}",
        "latest": text("col.latest", lang),
        "target": f"{text('col.target', lang)} {plan['target_year']}",
        "progress": text("col.progress", lang),
        "pace": text("col.pace", lang),
        "pace_cagr": text("col.pace_cagr", lang),
        "bar": text("col.bar", lang),
    }
    cells = [_status_cells(row, lang) for row in rows]
    # Widths are worked out here from the cells, not measured by rich table by table: on a plan
    # of thousands of indicators, measuring is what would take the time.
    widths = {
        name: max([width(header), *(width(str(c[name])) for c in cells)])
        for name, header in headers.items()
    }
    # the name and the status are what a reader scans for: other columns give way first
    natural_name = widths["name"]
    widths["name"] = min(widths["name"], max(24, width(headers["name"])))
    shown = list(headers)

    def overflow() -> int:
        # two cells between columns, and one at each edge of the box
        return sum(widths[name] for name in shown) + 2 * len(shown) - console.width

    # a name wraps between words (or Chinese characters), never inside an English word
    name_min = max(NAME_MIN, *(longest_word(str(c["name"]), hyphens=True) for c in cells))
    for column in OPTIONAL_COLUMNS:
        if overflow() <= 0:
            break
        if column == CORE_FROM and widths["name"] > name_min:
            widths["name"] = max(name_min, widths["name"] - overflow())
            if overflow() <= 0:
                break
        shown.remove(column)  # a cropped bar or number misleads; the column goes whole
    if overflow() < 0:  # room to spare: the name takes it back, up to its whole length
        widths["name"] = min(natural_name, widths["name"] - overflow())

    numeric = ("number", "baseline", "latest", "target", "progress", "pace", "pace_cagr")
    # one engine at any number of rows: names wrap at spaces and hyphens, or between Chinese
    # characters; the other columns are as wide as their widest cell
    lines = table.plain_lines(  # laid out and written a row at a time
        title,
        [headers[name] for name in shown],
        ([terminal.cell_of(c[name]) for name in shown] for c in cells),
        [widths[name] for name in shown],
        right=[name in numeric for name in shown],
        hyphens=[name == "name" for name in shown],
        style=table.TIGHT_HEAVY,
    )
    terminal.print_runs(console, lines)
    notes: list[Text] = [summary_line(view["summary"], lang)]
    notes += [Text(line) for line in sentences.marks(view, lang)]
    for row in view["indicators"]:
        if row["provisional_baseline"]:
            notes.append(
                Text(
                    f"* {row['number']} {terminal.name_in(row, lang)}{colon(lang)}"
                    + text("label.provisional_year", lang, year=row["baseline"]["year"])
                )
            )
    for row in view["indicators"]:
        if row["methods_disagree"]:
            note = text(
                "note.disagree",
                lang,
                number=row["number"],
                name=terminal.name_in(row, lang),
                linear=label(row["status"], lang),
                cagr=label(row["status_cagr"], lang),
            )
            notes.append(Text(note, style="yellow"))
    terminal.print_texts(console, notes)
    public_record.print_public_record(console, view, lang)
