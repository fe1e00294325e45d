"""Terminal output: the only module that talks to rich.

Consoles print data as written (no markup, emoji or highlighting), so a note such as
``[draft]`` shows as typed. Colour follows rich's own rules, which honour NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ipplan.render import charts, sentences
from ipplan.text.i18n import SAFEGUARDS_AREA, actions_count, colon, joined, label, text, unit_label
from ipplan.text.shown_numbers import exact, moment, number, percent, ratio, signed
from ipplan.text.shown_numbers import point as _point
from ipplan.text.wrapping import longest_word, wrap
from ipplan.units import counts

STATUS_STYLES = {
    "no_data": "dim",
    "achieved": "bold green",
    "missed": "bold red",
    "insufficient_data": "magenta",
    "on_track": "green",
    "needs_acceleration": "yellow",
    "lagging": "dark_orange",
    "regressing": "red",
    "not_started": "dim",
    "in_progress": "cyan",
    "completed": "green",
    "delayed": "red",
    "cancelled": "dim strike",
}
BAR_WIDTH = 10


class _Console(Console):
    """A console whose lines, when they go to a file or a pipe, carry no trailing padding:
    rich pads every line of a table to its width, which a terminal hides but a file keeps."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if self.is_terminal or self._buffer_index:
            super().print(*objects, **kwargs)
            return
        with self.capture() as captured:
            super().print(*objects, **kwargs)
        lines = captured.get().split("\n")
        self.file.write("\n".join(line.rstrip() for line in lines))
        self.file.flush()


def _console(stderr: bool) -> Console:
    return _Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def out() -> Console:
    return _console(stderr=False)


def err() -> Console:
    return _console(stderr=True)


def status_text(status: str, lang: str) -> Text:
    return Text(label(status, lang), style=STATUS_STYLES.get(status, ""))


def bar(progress: float | None, time_elapsed: float | None, status: str) -> Text:
    """Progress as filled cells, with ``|`` where time elapsed says it should have reached."""
    if progress is None or time_elapsed is None:
        return Text("")
    filled = round(max(0.0, min(1.0, progress)) * BAR_WIDTH)
    marker = round(max(0.0, min(1.0, time_elapsed)) * BAR_WIDTH)
    result = Text()
    for cell in range(BAR_WIDTH + 1):
        if cell == marker:
            result.append("|", style="bold")
        if cell < BAR_WIDTH:
            if cell < filled:
                result.append("█", style=STATUS_STYLES.get(status, ""))
            else:
                result.append("·", style="dim")
    return result


def _name(row: Mapping[str, Any], lang: str) -> str:
    return str(row["name_en"] if lang == "en" else row["name"])


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
            style=STATUS_STYLES.get(status, ""),
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
        return Text("◆" + _name(row, lang), style="bold")
    return Text(_name(row, lang))


def latest_cell(row: Mapping[str, Any]) -> str:
    """What the indicator is assessed on: the latest actual, or a running total marked Σ."""
    if row["total"] is not None:
        return "Σ" + _point(row["total"])
    return _point(row["latest"])


def _status_cells(row: Mapping[str, Any], lang: str) -> dict[str, str | Text]:
    baseline = "—" if row["baseline"] is None else number(row["baseline"]["value"])
    if row["provisional_baseline"]:
        baseline += "*"
    status = status_text(row["status"], lang)
    if row["methods_disagree"]:
        status.append(" ≠", style="bold yellow")
    return {
        "number": str(row["number"]),
        "name": indicator_name(row, lang),
        "status": status,
        "unit": unit_label(row["unit"], lang, row.get("unit_en")),
        "baseline": baseline,
        "latest": latest_cell(row),
        "target": number(row["target"]["value"]),
        "progress": percent(row["progress"]),
        "pace": ratio(row["pace"]),
        "pace_cagr": ratio(row["pace_cagr"]),
        "bar": bar(row["progress"], row["time_elapsed"], row["status"]),
    }


def render_status(view: Mapping[str, Any], title: str, lang: str) -> None:
    console = out()
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
        name: max([cell_len(header), *(cell_len(str(c[name])) for c in cells)])
        for name, header in headers.items()
    }
    # the name and the status are what a reader scans for: other columns give way first
    natural_name = widths["name"]
    widths["name"] = min(widths["name"], max(24, cell_len(headers["name"])))
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
    if len(cells) > PLAIN_ROWS:
        plain_table(
            console,
            title,
            [headers[name] for name in shown],
            [[str(c[name]) for name in shown] for c in cells],
            [widths[name] for name in shown],
            [name in numeric for name in shown],
        )
    else:
        for c in cells:  # names wrap at spaces and hyphens, or between Chinese characters
            name = c["name"] if isinstance(c["name"], Text) else Text(str(c["name"]))
            lines = wrap(name.plain, widths["name"], hyphens=True)
            c["name"] = Text("\n".join(lines), style=name.style)
        _status_table(console, title, headers, shown, widths, cells)
    notes: list[Text] = [summary_line(view["summary"], lang)]
    notes += [Text(line) for line in marks(view, lang)]
    for row in view["indicators"]:
        if row["provisional_baseline"]:
            notes.append(
                Text(
                    f"* {row['number']} {_name(row, lang)}{colon(lang)}"
                    + text("label.provisional_year", lang, year=row["baseline"]["year"])
                )
            )
    for row in view["indicators"]:
        if row["methods_disagree"]:
            note = text(
                "note.disagree",
                lang,
                number=row["number"],
                name=_name(row, lang),
                linear=label(row["status"], lang),
                cagr=label(row["status_cagr"], lang),
            )
            notes.append(Text(note, style="yellow"))
    if len(cells) > PLAIN_ROWS:  # as plain as the table, and in one go
        console.out("\n".join(line.plain for line in notes), highlight=False)
        _print_public_record(console, view, lang)
        return
    for line in notes:
        console.print(line)
    _print_public_record(console, view, lang)


def _indented(console: Console, line: str, style: str = "") -> None:
    """A sentence two columns in, its wrapped lines under its start, set as Chinese is set."""
    room = console.width - 2
    lines = wrap(line, room) if room >= 10 else [line]
    console.print(Text("\n".join("  " + part for part in lines), style=style))


def _print_public_record(console: Console, view: Mapping[str, Any], lang: str) -> None:
    """The plan's final evaluation, indicator by indicator, and the yearly figures overdue."""
    rows = view["indicators"]
    final = sentences.final_evaluation(view, lang)
    late = [(row, sentences.overdue_years(row, lang)) for row in rows]
    heading = text("record.overdue_heading", lang, day=view["day"])
    if len(rows) > PLAIN_ROWS:  # as plain as the table, and in one go
        lines = []
        if final:
            lines.append(final[0])
            lines += _said_lines([(row, sentences.verdict(row, lang)) for row in rows], lang)
            lines.append(final[1])
        if any(years for _, years in late):
            lines += [heading, *_said_lines(late, lang)]
        if lines:
            console.out("\n".join(lines), highlight=False)
        return
    if final:
        console.print(Text(final[0], style="bold"))
        verdicts = [(row, sentences.verdict(row, lang)) for row in rows]
        console.print(_said_grid(verdicts, lang, columns=console.width))
        console.print(final[1])
    if any(years for _, years in late):
        console.print(Text(heading, style="bold"))
        console.print(_said_grid(late, lang, style="yellow", columns=console.width))


def _said_lines(said: Sequence[tuple[Mapping[str, Any], str | None]], lang: str) -> list[str]:
    return [
        f"  {row['number']} " + text("record.named", lang, name=_name(row, lang), said=words)
        for row, words in said
        if words
    ]


def _labelled(name: str, value: str, lang: str) -> Table:
    """``name: value``, the value wrapped under itself rather than under the name."""
    grid = Table.grid(pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(f"{name}{colon(lang)}", Text(value, overflow="fold"))
    return grid


def _said_grid(
    said: Sequence[tuple[Mapping[str, Any], str | None]],
    lang: str,
    style: str = "",
    columns: int = 80,
) -> Table:
    """One line per indicator that has something said of it, wrapped under its own text."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    numbers = [f"  {row['number']}" for row, words in said if words]
    room = columns - 1 - max((cell_len(n) for n in numbers), default=0)
    for row, words in said:
        if words:
            line = text("record.named", lang, name=_name(row, lang), said=words)
            if room >= 10:  # set as Chinese is set: no line starts with 。 or ends with “
                line = "\n".join(wrap(line, room))
            grid.add_row(f"  {row['number']}", Text(line, style=style, overflow="fold"))
    return grid


def marks(view: Mapping[str, Any], lang: str) -> list[str]:
    """What the marks in the table mean (only those used), and each year not reported."""
    rows = view["indicators"]
    lines = []
    if any(row["binding"] for row in rows):
        lines.append(text("label.binding_mark", lang))
    if any(row["accumulate"] for row in rows):
        first = view["plan"]["baseline_year"] + 1
        lines.append(text("label.cumulative_mark", lang, first=first))
    for row in rows:
        if row["missing_years"]:
            years = ", ".join(str(y) for y in row["missing_years"])
            name = _name(row, lang)
            lines.append(
                text("label.missing_years", lang, number=row["number"], name=name, years=years)
            )
    return lines


def status_line(row: Mapping[str, Any], lang: str) -> Text:
    """One indicator in a line: latest, target, progress, pace and status."""
    line = Text(f"{row['number']} ")
    line.append_text(indicator_name(row, lang))
    line.append(f"{colon(lang)}{latest_cell(row)} → {_point(row['target'])}  ")
    line.append(f"{text('col.progress', lang)} {percent(row['progress'])}  ")
    line.append(f"R {ratio(row['pace'])}  ")
    line.append_text(status_text(row["status"], lang))
    return line


def render_show(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    unit = unit_label(view["unit"], lang, view.get("unit_en"))
    heading = Text(
        f"{view['number']}. {view['name']} / {view['name_en']} ({unit})",
        style="bold",
    )
    if view["binding"]:
        heading.append("  " + text("label.binding_mark", lang), style="bold")
    console.print(heading)
    if view["accumulate"]:
        console.print(
            text(
                "label.cumulative",
                lang,
                first=view["origin"]["year"] + 1,
                last=view["target"]["year"],
            )
        )
    if view.get("as_of") is not None:
        console.print(text("show.as_of", lang, year=view["as_of"]))
    definition = view["definition_en"] if lang == "en" else view["definition"]
    if definition:
        console.print(f"{text('label.definition', lang)}{colon(lang)}{definition}")
    console.print(f"{text('label.direction', lang)}{colon(lang)}{label(view['direction'], lang)}")
    baseline = _point(view["baseline"]) if view["baseline"] else text("label.no_baseline", lang)
    if view["provisional_baseline"]:
        baseline += text("label.provisional", lang)
    if view["accumulate"] and view["baseline"]:
        baseline += " " + text("label.previous_total", lang)
    console.print(f"{text('label.baseline', lang)}{colon(lang)}{baseline}")
    official = sentences.official_baseline(view, lang)
    if official:
        console.print(_labelled(text("record.official_label", lang), "\n".join(official), lang))
    console.print(f"{text('label.target', lang)}{colon(lang)}{_point(view['target'])}")
    published = sentences.published(view, lang)
    if published:
        console.print(_labelled(text("record.publication", lang), published, lang))

    by_year = {a["year"]: a for a in view["actuals"]}
    overdue = {f["year"]: f for f in view["overdue_figures"]}
    milestones = bool(view["milestones"])
    table = Table(title=text("label.series", lang), box=box.SIMPLE, title_justify="left")
    cumulative = bool(view["accumulate"])
    columns = ["col.year", "col.path", *(["col.milestone"] if milestones else [])]
    columns += ["col.actual", *(["col.total"] if cumulative else []), "col.deviation"]
    for key in columns:
        table.add_column(text(key, lang), justify="right")
    # sources and notes wrap, never cut with an ellipsis: a cut date or title misleads
    table.add_column(text("col.source", lang), overflow="fold")
    table.add_column(text("col.note", lang), overflow="fold")
    for point in view["path"]:
        actual = by_year.get(point["year"], {})
        cells = [str(point["year"]), number(point["linear"])]
        if milestones:
            cells.append(number(point["milestone"]) if point["milestone"] is not None else "")
        cells.append(number(point["actual"]))
        if cumulative:
            cells.append(number(point["total"]))
        late = overdue.get(point["year"])
        note: str | Text = actual.get("note") or ""
        if late is not None:
            note = Text(text("record.overdue_cell", lang, due=late["due"]), style="yellow")
        table.add_row(
            *cells,
            signed(point["deviation"]),
            actual.get("source") or "",
            note,
        )
    console.print(table)

    changed = [a for a in view["actuals"] if a["history"]]
    if changed:
        console.print(text("label.history", lang) + colon(lang).rstrip())
        for actual in changed:
            for old in actual["history"]:
                when = moment(old["recorded"]) if old["recorded"] else ""
                console.print(
                    f"  {actual['year']}{colon(lang)}{number(old['value'])}"
                    f"  {old['source'] or ''}  {when}".rstrip()
                )

    _print_chart(console, view, lang)
    _print_working(console, view, lang)
    _print_outlook(console, view, lang)
    verdict = sentences.verdict(view, lang)
    if verdict:
        console.print(Text(text("record.final_label", lang), style="bold"))
        _indented(console, verdict)

    console.print(Text(text("label.actions", lang), style="bold"))
    if not view["actions"]:
        _indented(console, text("label.no_actions", lang))
    # each action's title and status wrap under the title, beside its id (typed next, never cut)
    rows = []
    for action in view["actions"]:
        title = action["title_en"] if lang == "en" else action["title"]
        line = Text(title + "  ")
        line.append_text(status_text(action["status"], lang))
        rows.append((action["id"], line))
    if all(2 + cell_len(ident) + 2 + line.cell_len <= console.width for ident, line in rows):
        for ident, line in rows:
            console.print(Text(f"  {ident}  ").append_text(line))
    elif rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for ident, line in rows:
            grid.add_row(ident, line)
        console.print(Padding(grid, (0, 0, 0, 2)))


CHART_STYLES = {
    charts.LINEAR: "dim",
    charts.ACTUAL: "bold cyan",
    charts.MILESTONE: "yellow",
    charts.TARGET: "bold green",
}


def _print_chart(console: Console, view: Mapping[str, Any], lang: str) -> None:
    chart = charts.Chart.from_show(view)
    width = max(20, min(60, console.width - 16))
    console.print(Text(text("label.chart", lang), style="bold"))
    for row in charts.grid(chart, width=width):
        styled = Text("  ")
        for char in row:
            styled.append(char, style=CHART_STYLES.get(char, ""))
        console.print(styled, no_wrap=True, overflow="crop")
    marks = {
        "actual": charts.ACTUAL,
        "linear": charts.LINEAR,
        "milestone": charts.MILESTONE,
        "target": charts.TARGET,
    }
    legend = [(marks[series], f"legend.{series}") for series in chart.drawn()]
    key_line = Text("  ")
    for mark, key in legend:
        key_line.append(mark, style=CHART_STYLES[mark])
        key_line.append(f" {text(key, lang)}   ")
    console.print(key_line)


# Steps whose result is an amount in the indicator's unit; the rest are ratios.
AMOUNT_STEPS = {
    "total",
    "gap",
    "required_per_year",
    "observed_per_year",
    "projection_linear",
    "projection_cagr",
}
COMPOUND_STEPS = {"cagr_observed", "cagr_required", "pace_cagr"}
OUTLOOK_STEPS = {"observed_per_year", "projection_linear", "projection_cagr", "acceleration_factor"}


def _step_line(step: Mapping[str, Any], view: Mapping[str, Any], lang: str) -> tuple[str, Text]:
    """A step of the working as its label and what follows it."""
    name = step["name"]
    label_text = text(f"step.{name}", lang)
    if name == "observed_per_year" and view["accumulate"]:
        label_text = text("step.average", lang)
    head = label_text + colon(lang).rstrip()
    if name == "status":
        line = status_text(step["result"], lang)
        line.append(f"   ({step['working']})", style="dim")
        return head, line
    result = step["result"]
    if name in AMOUNT_STEPS:
        if name.startswith("projection") and counts(view["unit"]):
            result = round(result)  # a forecast of a count is a whole number
        shown = f"{number(result)} {unit_label(view['unit'], lang, view.get('unit_en'))}"
    elif name in ("cagr_observed", "cagr_required"):
        shown = f"{result:.4f} ({result * 100:+.2f}%)"
    else:
        shown = f"{result:.4f}"
    line = Text()
    if step["formula"]:
        line.append(f"{step['formula']} = ", style="dim")
    line.append(f"{step['working']} = ")
    line.append(shown, style="bold")
    return head, line


def _print_step(console: Console, head: str, body: Text | str) -> None:
    """A labelled line whose text, when too long, wraps under itself rather than the label."""
    gap = 0 if head.endswith("：") else 1  # a full-width colon carries its own space
    grid = Table.grid(padding=(0, gap))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(head, body)
    console.print(Padding(grid, (0, 0, 0, 2)))


def _print_working(console: Console, view: Mapping[str, Any], lang: str) -> None:
    console.print(Text(text("label.assessment", lang), style="bold"))
    steps = view["steps"]
    if not steps:
        line = Text(f"  {text('label.status', lang)}{colon(lang)}")
        line.append_text(status_text(view["status"], lang))
        console.print(line)
        if view["baseline"] is None:
            # the plan gives none: the earliest of two actuals will serve (methodology.md)
            count = len(view["actuals"])
            _indented(console, text("label.needs_two_actuals", lang, count=count))
        else:
            _indented(console, text("label.nothing_to_work", lang))
        return
    base, target = view["origin"], view["target"]
    latest, symbol = (view["total"], "X_t") if view["total"] else (view["latest"], "x_t")
    _print_step(
        console,
        f"{text('label.symbols', lang)}{colon(lang).rstrip()}",
        f"x0 = {number(base['value'])} (t0 = {base['year']}), "
        f"{symbol} = {number(latest['value'])} (t = {latest['year']}), "
        f"x* = {number(target['value'])} (T = {target['year']}), "
        f"d = {'+1' if view['direction'] == 'increase' else '-1'}",
    )
    for step in steps:
        if step["name"] not in COMPOUND_STEPS | OUTLOOK_STEPS:
            _print_step(console, *_step_line(step, view, lang))
    if view["missing_years"]:
        years = ", ".join(str(y) for y in view["missing_years"])
        _indented(console, text("label.missing_short", lang, years=years), style="yellow")

    console.print(Text(text("label.compound", lang), style="bold"))
    compound = [step for step in steps if step["name"] in COMPOUND_STEPS]
    for step in compound:
        _print_step(console, *_step_line(step, view, lang))
    if view["status_cagr"] is None:
        why = "label.no_compound_cumulative" if view["accumulate"] else "label.no_compound"
        _indented(console, text(why, lang))
        return
    line = Text(f"  {text('step.status', lang)}{colon(lang)}")
    line.append_text(status_text(view["status_cagr"], lang))
    console.print(line)
    disagreement = sentences.disagreement(view, lang)
    if disagreement:
        _indented(console, disagreement, style="bold yellow")
    else:
        _indented(console, text("label.methods_agree", lang, status=label(view["status"], lang)))


def _print_outlook(console: Console, view: Mapping[str, Any], lang: str) -> None:
    steps = [step for step in view["steps"] if step["name"] in OUTLOOK_STEPS]
    if not steps:
        return
    console.print(Text(text("label.outlook", lang, year=view["target"]["year"]), style="bold"))
    for step in steps:
        _print_step(console, *_step_line(step, view, lang))
    trend = sentences.trend(view, lang)
    if trend:
        style = {"away_from_target": "bold red", "flat": "yellow"}.get(view["trend"], "")
        _indented(console, trend, style=style)
    expected = sentences.expected(view, lang)
    if expected:
        _indented(console, expected)


def _status_table(
    console: Console,
    title: str,
    headers: Mapping[str, str],
    shown: Sequence[str],
    widths: Mapping[str, int],
    cells: Sequence[Mapping[str, Any]],
) -> None:
    table = Table(
        title=title,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        collapse_padding=True,
        pad_edge=False,
    )
    for name in shown:
        right = name in ("number", "baseline", "latest", "target", "progress", "pace", "pace_cagr")
        if name == "name":  # wraps, at spaces in English and between characters in Chinese
            table.add_column(headers[name], width=widths[name], overflow="fold")
        else:
            table.add_column(
                headers[name],
                justify="right" if right else "left",
                no_wrap=True,
                width=widths[name],
            )
    for c in cells:
        table.add_row(*(c[name] for name in shown))
    console.print(table)


# Columns of the actions table that give way, first to last, on a narrow terminal. The id is
# never cut (people type it next), and the title wraps rather than being cut.
TASK_COLUMNS = ("id", "title", "status", "progress", "lead", "due", "indicators")
TASK_GIVE_WAY = ("indicators", "lead", "progress", "due", "status")
TITLE_MIN = 8


def render_tasks(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    if view.get("as_of") is not None:
        console.print(text("tasks.as_of", lang, year=view["as_of"]))
    if not view["areas"]:
        console.print(text("tasks.none", lang))
        return
    headers = dict(
        zip(
            TASK_COLUMNS,
            (
                text(key, lang)
                for key in (
                    "col.id",
                    "col.action",
                    "col.status",
                    "col.progress",
                    "col.lead",
                    "col.due",
                    "col.indicators",
                )
            ),
            strict=True,
        )
    )
    actions = [action for area in view["areas"] for action in area["actions"]]
    derived = any(action.get("status_source") == "work_plan" for action in actions)
    rows = [
        {
            "id": action["id"],
            "title": action["title_en"] if lang == "en" else action["title"],
            "status": _task_status(action, lang),
            "progress": _work_progress(action["work_plan"]["progress"], lang)
            if "work_plan" in action
            else "—",
            "lead": action["lead"] or "—",
            "due": action["due"] or "—",
            "indicators": ", ".join(action["indicators"]) or "—",
        }
        for action in actions
    ]
    # one set of widths for every area's table, so the columns line up down the page
    widths = {
        name: max([cell_len(header), *(cell_len(str(row[name])) for row in rows)])
        for name, header in headers.items()
    }
    shown = list(TASK_COLUMNS)
    if not any("work_plan" in action for action in actions):
        shown.remove("progress")  # no action has work items: nothing to show
    # The title and the indicators wrap, but only between words (Chinese between characters):
    # each is as narrow as its longest word at the least.
    floors = {
        "title": max([TITLE_MIN, *(_longest_word(str(r["title"])) for r in rows)]),
        "indicators": max(
            [cell_len(headers["indicators"]), *(_longest_word(r["indicators"]) + 1 for r in rows)]
        ),
    }
    natural = dict(widths)

    def overflow() -> int:
        # a cell of padding either side of each column, a divider between columns, two edges
        return sum(widths[name] for name in shown) + 3 * len(shown) + 1 - console.width

    squeezed = False  # the title narrower than its longest word: the last resort but one
    for column in (None, *TASK_GIVE_WAY[:-1], "squeeze", TASK_GIVE_WAY[-1]):
        if column == "squeeze":
            squeezed = True
        elif column in shown:
            shown.remove(column)
        widths.update({name: min(natural[name], floor) for name, floor in floors.items()})
        if squeezed and overflow() > 0:
            widths["title"] = max(TITLE_MIN, widths["title"] - overflow())
        if overflow() > 0 and column != TASK_GIVE_WAY[-1]:
            continue
        slack = -overflow()  # what the wrapping columns may take back, the title first
        for name in ("title", "indicators"):
            if name in shown and slack > 0:
                grow = min(slack, natural[name] - widths[name])
                widths[name] += grow
                slack -= grow
        break
    count = 0
    for area in view["areas"]:
        title = area["title_en"] if lang == "en" else area["title"]
        if len(area["actions"]) > PLAIN_ROWS:
            plain_table(
                console,
                f"{area['number']}. {title}",
                [headers[name] for name in shown],
                [
                    [str(row[name]) for name in shown]
                    for row in rows[count : count + len(area["actions"])]
                ],
                [widths[name] for name in shown],
                [False] * len(shown),
            )
            count += len(area["actions"])
            continue
        table = Table(title=f"{area['number']}. {title}", box=box.SIMPLE, title_justify="left")
        for name in shown:
            wraps = name in ("title", "indicators", "lead")
            table.add_column(
                headers[name],
                width=widths[name],
                no_wrap=not wraps,
                overflow="fold" if wraps else "ellipsis",
            )
        for row in rows[count : count + len(area["actions"])]:
            table.add_row(*(row[name] for name in shown))
        count += len(area["actions"])
        console.print(table)
    safeguards = sum(len(a["actions"]) for a in view["areas"] if a["id"] == SAFEGUARDS_AREA)
    counted = actions_count(count - safeguards, safeguards, lang)
    console.print(text("tasks.count", lang, count=counted))
    if derived:
        console.print(text("tasks.derived_note", lang))


def _task_status(action: Mapping[str, Any], lang: str) -> Text:
    status = status_text(action["status"], lang)
    if action.get("status_source") == "work_plan":
        status.append("*")  # derived from its work items: the note under the table
    return status


def _work_progress(progress: Mapping[str, Any], lang: str) -> str:
    """An action's work-plan progress: done of counted, and the share."""
    if not progress["counted"]:
        return "—"
    done = text("roadmap.progress", lang, done=progress["done"], counted=progress["counted"])
    return f"{done} ({progress['share'] * 100:.0f}%)"


def _longest_word(value: str) -> int:
    """The widest word of ``value`` that may not be broken: words in Latin letters; Chinese
    text breaks between any two characters."""
    words = [w for w in value.split() if w.isascii()]
    return max((cell_len(w) for w in words), default=0)


def _hanging(console: Console, lines: Sequence[tuple[str, str | Text]], gap: int = 1) -> None:
    """Lines as ``  label text``, the text wrapping under itself rather than under the label."""
    grid = Table.grid(padding=(0, gap))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    room = console.width - 2 - gap - max((cell_len(head) for head, _ in lines), default=0)
    for head, body in lines:
        if isinstance(body, str) and room >= 10:  # set as Chinese is set, not cut anywhere
            body = "\n".join(wrap(body, room))
        grid.add_row(head, body)
    console.print(Padding(grid, (0, 0, 0, 2)))


def render_task(view: Mapping[str, Any], area_title: str, lang: str) -> None:
    console = out()
    title = view["title_en"] if lang == "en" else view["title"]
    console.print(Text(f"{view['id']}{colon(lang)}{title}", style="bold"))
    console.print(f"{text('label.area', lang)}{colon(lang)}{area_title}")
    line = Text(f"{text('col.status', lang)}{colon(lang)}")
    line.append_text(status_text(view["status"], lang))
    if view.get("status_source"):
        source = text(f"task.status_source.{view['status_source']}", lang)
        line.append(f"（{source}）" if lang != "en" else f" ({source})", style="dim")
    console.print(line)
    console.print(f"{text('col.lead', lang)}{colon(lang)}{view['lead'] or '—'}")
    console.print(f"{text('col.due', lang)}{colon(lang)}{view['due'] or '—'}")
    serves = joined(view.get("indicator_names") or view["indicators"], lang)
    console.print(f"{text('col.indicators', lang)}{colon(lang)}{serves or '—'}")
    console.print(Text(text("label.measures", lang), style="bold"))
    _hanging(console, [(f"{i}.", m) for i, m in enumerate(view["measures"], start=1)])
    if "work_plan" in view:
        _print_work_items(console, view["work_plan"], lang)
    console.print(Text(text("label.updates", lang), style="bold"))
    if not view["updates"]:
        _indented(console, text("label.no_updates", lang))
    _hanging(
        console,
        [(moment(update["recorded"]), _update_parts(update, lang)) for update in view["updates"]],
        gap=2,
    )


def _print_work_items(console: Console, work: Mapping[str, Any], lang: str) -> None:
    pass

    title = Text(text("task.workplan", lang), style="bold")
    if work["progress"]["counted"]:
        title.append("  " + _work_progress(work["progress"], lang))
    console.print(title)
    if not work["items"]:
        _indented(console, text("task.no_items", lang))
    for row in work["items"]:
        line = Text(f"  {row['year']}  {row['id']}  ")
        line.append_text(state_text(row["state"], lang))
        line.append(f"  {row['measure']}")
        console.print(line, soft_wrap=True)


def _update_parts(update: Mapping[str, Any], lang: str, *, note: bool = True) -> str:
    """What an action update set: status, lead, due date, and (unless ``note`` is false) note."""
    parts = []
    if update["status"]:
        parts.append(f"{text('col.status', lang)} → {label(update['status'], lang)}")
    if update["lead"]:
        parts.append(f"{text('col.lead', lang)} → {update['lead']}")
    if update["due"]:
        parts.append(f"{text('col.due', lang)} → {update['due']}")
    for name in update.get("cleared") or ():
        parts.append(f"{text(f'col.{name}', lang)} → {text('label.cleared', lang)}")
    if note and update["note"]:
        parts.append(update["note"])
    return ("；" if lang == "zh" else "; ").join(parts)


def _change_cells(change: Mapping[str, Any], lang: str) -> tuple[str, str, str]:
    """A change as (what it is about, what changed, its source and note)."""
    if change["kind"] == "progress":
        from ipplan.render.sentences import event_text

        what = event_text(change, lang, note=False)
        return f"{change['item']} {change['measure']}", what, change["note"] or ""
    if change["kind"] == "action":
        title = change["title_en"] if lang == "en" else change["title"]
        what = _update_parts(change, lang, note=False)
        return f"{change['id']} {title}", what, change["note"] or ""
    name = change["name_en"] if lang == "en" else change["name"]
    value = f"{exact(change['value'])} {unit_label(change['unit'], lang)}"
    if change["previous"] is not None:
        value = f"{exact(change['previous'])} → {value}"
    extra = " / ".join(part for part in (change["source"], change["note"]) if part)
    return f"{name} {change['year']}", value, extra


def render_history(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    changes = view["changes"]
    if not changes:
        console.print(text("history.none", lang))
        return
    rows = []
    for change in changes:
        item, what, extra = _change_cells(change, lang)
        when = moment(change["recorded"]) if change["recorded"] else text("history.no_time", lang)
        rows.append((when, item, what, extra))
    headers = [text(k, lang) for k in ("col.recorded", "col.item", "col.change", "col.source_note")]
    widths = _fitted_widths(headers, rows, console.width)
    table = Table(
        title=text("history.title", lang),
        box=box.SIMPLE,
        title_justify="left",
        collapse_padding=True,
        pad_edge=False,
    )
    if widths is None:  # too narrow even for the headers: rich folds every cell
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*row)
    else:
        for header, columns in zip(headers, widths, strict=True):
            table.add_column(header, width=columns, no_wrap=True)
        for row in rows:
            # wrapped here, at spaces, hyphens and between Chinese characters; never cut
            cells = (wrap(cell, w, hyphens=True) for cell, w in zip(row, widths, strict=True))
            table.add_row(*("\n".join(lines) for lines in cells))
    console.print(table)
    if view["total"] > len(changes):
        console.print(text("history.more", lang, count=view["total"] - len(changes)))
    if view["next_undo"] is not None:
        when = moment(view["next_undo"]["recorded"])
        items = [_change_cells(c, lang)[0] for c in view["next_undo"]["changes"]]
        console.print(text("history.next_undo", lang, when=when, item=", ".join(items)))


def _fitted_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], columns: int
) -> list[int] | None:
    """Widths for a table of wrapped text that fits ``columns``: each column as wide as its
    widest line, the widest giving way first, none narrower than its longest word while
    anything else can give (then narrower, down to its header); None if even that is too wide."""
    natural = [
        max([cell_len(h), *(cell_len(line) for row in rows for line in row[i].splitlines())])
        for i, h in enumerate(headers)
    ]
    floor = [
        max(cell_len(h), max((longest_word(row[i], hyphens=True) for row in rows), default=0))
        for i, h in enumerate(headers)
    ]
    widths = list(natural)
    room = columns - 2 * len(headers)  # two cells between columns, and one at each edge
    for limit in (floor, [max(4, cell_len(h)) for h in headers]):
        while sum(widths) > room:
            shrinkable = [i for i, w in enumerate(widths) if w > limit[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths if sum(widths) <= room else None


def undo_lines(view: Mapping[str, Any], lang: str) -> list[str]:
    """What ``ipplan undo`` reverted, one line per value or update, in words."""
    verb = text("undo.done" if view["written"] else "undo.would", lang)
    when = moment(view["recorded"])
    lines = []
    for change in view["changes"]:
        if change["kind"] == "progress":
            from ipplan.render.sentences import event_text

            parts = event_text(change, lang)
            lines.append(
                text("undo.progress", lang, verb=verb, when=when, id=change["item"], parts=parts)
            )
            continue
        if change["kind"] == "action":
            parts = _update_parts(change, lang)
            lines.append(
                text("undo.action", lang, verb=verb, when=when, id=change["id"], parts=parts)
            )
            continue
        values = {
            "verb": verb,
            "when": when,
            "name": change["name_en"] if lang == "en" else change["name"],
            "year": change["year"],
            "value": exact(change["value"]),
            "unit": unit_label(change["unit"], lang),
        }
        if change["previous"] is None:
            lines.append(text("undo.value_removed", lang, **values))
        else:
            lines.append(text("undo.value", lang, previous=exact(change["previous"]), **values))
    if not view["written"]:
        lines.append(text("undo.dry_run", lang))
    return lines


def print_lines(lines: Sequence[str], stderr: bool = False) -> None:
    console = err() if stderr else out()
    for line in lines:
        console.print(Text(line), soft_wrap=True)


# --- plain tables -----------------------------------------------------------------------------

# Above this many rows a table is written as plain aligned text: rich lays out every cell of a
# table as rich text, which on a plan of thousands of indicators is what would take the time.
PLAIN_ROWS = 300


def wrap_cell(value: str, width: int) -> list[str]:
    """``value`` in lines of at most ``width`` cells, broken at spaces where it has them (Latin
    text) and between characters otherwise (Chinese, which breaks anywhere)."""
    if width <= 0 or cell_len(value) <= width:
        return [value]
    lines: list[str] = []
    line = ""
    for word in value.split(" ") if " " in value else list(value):
        joiner = " " if line and " " in value else ""
        if cell_len(line + joiner + word) <= width:
            line += joiner + word
            continue
        if line:
            lines.append(line)
        while cell_len(word) > width:  # a word longer than the column: the only cut made
            cut = width
            while cell_len(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def plain_table(
    console: Console,
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    right: Sequence[bool],
) -> None:
    """Write a table as aligned plain text in one go: a heading, a rule, and the rows, each
    column ``widths`` cells wide, wrapped where a cell is wider, nothing padded at a line's end."""

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, width, is_right in zip(cells, widths, right, strict=True):
            pad = " " * max(0, width - cell_len(cell))
            parts.append(pad + cell if is_right else cell + pad)
        return "  ".join(parts).rstrip()

    lines = [] if title is None else [title, ""]
    lines.append(line(headers))
    lines.append("━" * (sum(widths) + 2 * (len(widths) - 1)))
    for row in rows:
        wrapped = [wrap_cell(str(cell), width) for cell, width in zip(row, widths, strict=True)]
        for depth in range(max(len(cell) for cell in wrapped)):
            lines.append(line([cell[depth] if depth < len(cell) else "" for cell in wrapped]))
    console.out("\n".join(lines), highlight=False)


def print_runs(console: Console, lines: Sequence[Sequence[tuple[str, str]]]) -> None:
    """Lines given as runs of text and style (:mod:`ipplan.render.table`): plain, in one write, to
    a file or a pipe; styled to a terminal."""
    if not console.is_terminal:
        console.file.write("".join("".join(t for t, _ in line).rstrip() + "\n" for line in lines))
        console.file.flush()
        return
    console.print(runs_text(lines), soft_wrap=True)


def runs_text(lines: Sequence[Sequence[tuple[str, str]]]) -> Text:
    """Lines of runs of text and style as one rich text, a line break between lines."""
    result = Text()
    for index, line in enumerate(lines):
        if index:
            result.append("\n")
        for piece, style in line:
            result.append(piece, style=style or None)
    return result


class Gathered:
    """Lines for ``console``, written in one go when it is a file or a pipe.

    There, a line of text printed with ``soft_wrap`` is its plain text (rich neither wraps it
    nor, without a terminal, styles it), so it is taken as it is rather than laid out by rich;
    anything else is rendered by rich as :class:`_Console` would print it. On a terminal each is
    printed at once. A list of thousands of lines so costs no more than its text.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.parts: list[str] | None = None if console.is_terminal else []

    def print(self, item: str | Text = "", *, soft_wrap: bool = False) -> None:
        if self.parts is None:
            self.console.print(item, soft_wrap=soft_wrap)
        elif soft_wrap and isinstance(item, Text) and _one_line(item.plain):
            self.parts.append(item.plain.rstrip() + "\n")
        else:
            with self.console.capture() as captured:
                Console.print(self.console, item, soft_wrap=soft_wrap)
            self.parts.append("\n".join(line.rstrip() for line in captured.get().split("\n")))

    def flush(self) -> None:
        if self.parts:
            self.console.file.write("".join(self.parts))
            self.console.file.flush()
        self.parts = None if self.parts is None else []


def _one_line(plain: str) -> bool:
    """Whether rich writes ``plain`` as it is: one line, no tab to expand."""
    return "\n" not in plain and "\t" not in plain


# --- workspaces: the overview, and a roll-up of member plans ---------------------------------

CHECK_STYLES = {"agrees": "green", "differs": "bold red", "incomplete": "yellow"}


def render_overview(view: Mapping[str, Any], lang: str) -> None:
    from ipplan.render.sentences import SHOWN_DEPTH

    console = out()
    table = Table(
        title=text("overview.title", lang, path=view["workspace"]),
        box=box.SIMPLE,
        title_justify="left",
    )
    # On a narrower terminal whole columns give way, the title first, then the overdue figures,
    # the period and the latest data year, rather than being cut (`--json` and
    # `ipplan status --plan NAME` show them all).
    width = console.width
    shown = {
        "title": width >= 120,
        "figures": width >= 100,
        "period": width >= 74,
        "latest": width >= 62,
    }
    table.add_column(text("col.plan", lang), no_wrap=True)
    if shown["title"]:
        table.add_column(text("col.title", lang), overflow="fold", ratio=2)
    if shown["period"]:
        table.add_column(text("col.period", lang), no_wrap=True)
    # Wide enough for "needs acceleration 12" on one line.
    table.add_column(text("col.statuses", lang), ratio=3, min_width=21)
    if shown["latest"]:
        table.add_column(text("col.latest_year", lang), no_wrap=True)
    if shown["figures"]:
        table.add_column(text("col.overdue_figures", lang), justify="right", no_wrap=True)
    table.add_column(text("col.overdue_work", lang), justify="right", no_wrap=True)
    table.add_column(text("col.rollup", lang), justify="right", no_wrap=True)
    for row in view["plans"]:
        parts = [
            f"{label(status, lang)} {count}" for status, count in row["summary"].items() if count
        ]
        differences = row["rollup_differences"]
        cells: list[str | Text] = ["  " * min(row["depth"], SHOWN_DEPTH) + row["name"]]
        if shown["title"]:
            cells.append(row["title_en"] if lang == "en" else row["title"])
        if shown["period"]:
            cells.append(f"{row['baseline_year'] + 1}–{row['target_year']}")
        cells.append(Text("\n".join(parts) or "—"))  # one status a line, its count beside it
        if shown["latest"]:
            cells.append(str(row["latest_year"]) if row["latest_year"] is not None else "—")
        if shown["figures"]:
            late = row["overdue_figures"]
            cells.append(Text(str(late), style="bold red" if late else ""))
        overdue = row["overdue_work"]
        cells.append(
            Text(str(overdue), style="bold red" if overdue else "") if row["workplans"] else "—"
        )
        cells.append(Text(str(len(differences)), style="bold red") if differences else Text("0"))
        table.add_row(*cells)
    console.print(table)
    for row in view["plans"]:
        for flag in row["rollup_differences"]:
            console.print(
                Text(
                    text(
                        "overview.difference",
                        lang,
                        plan=row["name"],
                        key=flag["indicator"],
                        year=flag["year"],
                        total=exact(flag["total"]),
                        parent=exact(flag["parent"]),
                        difference=signed(flag["difference"]),
                        tolerance=percent(flag["tolerance"]),
                    ),
                    style="red",
                )
            )
    console.print(text("overview.count", lang, count=len(view["plans"]), day=view["day"]))


def render_members(view: Mapping[str, Any], lang: str) -> None:
    """The members' figures per year, then each year's sum against the parent's own figure."""
    console = out()
    console.print(
        Text(text("members.title", lang, plan=view["plan"], key=view["indicator"]), style="bold")
    )
    years = [row["year"] for row in view["years"]]
    values = Table(box=box.SIMPLE)
    values.add_column(text("col.plan", lang))
    for year in years:
        values.add_column(str(year), justify="right")
    for member in view["members"]:
        cells = [row["values"][member["plan"]] for row in view["years"]]
        values.add_row(member["plan"], *(exact(v) if v is not None else "—" for v in cells))
    console.print(values)
    table = Table(box=box.SIMPLE)
    for key in ("col.year", "col.members_sum", "col.coverage", "col.parent_value"):
        table.add_column(text(key, lang), justify="right")
    table.add_column(text("col.difference", lang), justify="right")
    table.add_column(text("col.check", lang))
    for row in view["years"]:
        check = text(f"check.{row['check']}", lang)
        if row["missing"] and row["reporting"]:
            check += text("members.missing", lang, plans=", ".join(row["missing"]))
        table.add_row(
            str(row["year"]),
            exact(row["total"]) if row["total"] is not None else "—",
            f"{row['reporting']}/{row['members']}",
            exact(row["parent"]) if row["parent"] is not None else "—",
            signed(row["difference"]) if row["difference"] is not None else "—",
            Text(check, style=CHECK_STYLES.get(row["check"], "")),
        )
    console.print(table)
    console.print(
        text("members.rule", lang, tolerance=percent(view["tolerance"]), unit=view["unit"])
    )


STATE_STYLES = {
    "not_started": "dim",
    "in_progress": "cyan",
    "overdue": "bold red",
    "done": "green",
    "cancelled": "dim strike",
    "pending": "",
}


def state_text(state: str, lang: str) -> Text:
    return Text(text(f"wp.{state}", lang), style=STATE_STYLES.get(state, ""))
