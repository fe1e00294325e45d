"""``ipplan show`` in the terminal: one indicator, its public record, chart and working."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from ipplan.render import charts, public_record, sentences, status, table, terminal
from ipplan.text.i18n import colon, label, text, unit_label
from ipplan.text.shown_numbers import moment, number, percent, ratio, signed
from ipplan.text.wrapping import longest_word, width
from ipplan.units import counts


def status_line(row: Mapping[str, Any], lang: str) -> Text:
    """One indicator in a line: latest, target, progress, pace and status."""
    line = Text(f"{row['number']} ")
    line.append_text(status.indicator_name(row, lang))
    line.append(
        f"{colon(lang)}{status.latest_cell(row)} → {sentences.target_shown(row['target'], lang)}  "
    )
    line.append(f"{text('col.progress', lang)} {percent(row['progress'])}  ")
    line.append(f"R {ratio(row['pace'])}  ")
    line.append_text(terminal.status_text(row["status"], lang))
    return line


def render_show(view: Mapping[str, Any], lang: str) -> None:
    console = terminal.out()
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
    baseline = sentences.baseline_shown(view, lang)
    if view["provisional_baseline"]:
        baseline += text("label.provisional", lang)
    if view["accumulate"] and view["baseline"]:
        baseline += " " + text("label.previous_total", lang)
    console.print(f"{text('label.baseline', lang)}{colon(lang)}{baseline}")
    official = sentences.official_baseline(view, lang)
    if official:
        console.print(
            public_record.labelled(text("record.official_label", lang), "\n".join(official), lang)
        )
    console.print(
        f"{text('label.target', lang)}{colon(lang)}{sentences.target_shown(view['target'], lang)}"
    )
    published = sentences.published(view, lang)
    if published:
        console.print(public_record.labelled(text("record.publication", lang), published, lang))

    _print_series(console, view, lang)

    changed = [a for a in view["actuals"] if a["history"]]
    if changed:
        console.print(text("label.history", lang) + colon(lang).rstrip())
        for actual in changed:
            for old in actual["history"]:
                when = moment(old["recorded"]) if old["recorded"] else ""
                was = (
                    text("label.not_published", lang)
                    if old["not_published"]
                    else number(old["value"])
                )
                console.print(
                    f"  {actual['year']}{colon(lang)}{was}  {old['source'] or ''}  {when}".rstrip()
                )

    _print_chart(console, view, lang)
    print_working(console, view, lang)
    _print_outlook(console, view, lang)
    verdict = sentences.verdict(view, lang)
    if verdict:
        console.print(Text(text("record.final_label", lang), style="bold"))
        terminal.indented(console, verdict)

    console.print(Text(text("label.actions", lang), style="bold"))
    if not view["actions"]:
        terminal.indented(console, text("label.no_actions", lang))
    # each action's title and status wrap under the title, beside its id (typed next, never
    # cut), by the one wrapper: a word moves to the next line whole, never cut with "…"
    listed: list[tuple[str, Text]] = []
    for action in view["actions"]:
        title = action["title_en"] if lang == "en" else action["title"]
        line = Text(title + "  ")
        line.append_text(terminal.status_text(action["status"], lang))
        listed.append((action["id"], line))
    if all(2 + width(ident) + 2 + width(line.plain) <= console.width for ident, line in listed):
        for ident, line in listed:
            console.print(Text(f"  {ident}  ").append_text(line))
    elif listed:
        terminal.hanging(console, listed, gap=2, hyphens=True)


def _print_series(console: Console, view: Mapping[str, Any], lang: str) -> None:
    """The actuals against the linear path, year by year, with each year's source and note."""
    by_year = {a["year"]: a for a in view["actuals"]}
    overdue = {f["year"]: f for f in view["overdue_figures"]}
    milestones = bool(view["milestones"])
    cumulative = bool(view["accumulate"])
    columns = ["col.year", "col.path", *(["col.milestone"] if milestones else [])]
    columns += ["col.actual", *(["col.total"] if cumulative else []), "col.deviation"]
    headers = [text(key, lang) for key in (*columns, "col.source", "col.note")]
    rows: list[list[str | Text]] = []
    for point in view["path"]:
        actual = by_year.get(point["year"], {})
        cells = [str(point["year"]), number(point["linear"])]
        if milestones:
            cells.append(number(point["milestone"]) if point["milestone"] is not None else "")
        shown, said = sentences.year_figure(point["actual"], actual, point["year"], lang)
        cells.append(shown)
        if cumulative:
            cells.append(number(point["total"]))
        late = overdue.get(point["year"])
        note: str | Text = actual.get("note") or ""
        if said:
            note = sentences.joined(actual.get("note") or "", said, lang)
        if late is not None:
            note = Text(text("record.overdue_cell", lang, due=late["due"]), style="yellow")
        rows.append([*cells, signed(point["deviation"]), actual.get("source") or "", note])
    # numbers right-aligned and never broken (a number split over two lines reads as two);
    # sources and notes wrap, never cut: a cut date or title misleads
    right = [True] * len(columns) + [False, False]
    least = [max(width(str(row[i])) for row in rows) for i in range(len(columns))]
    # what each column needs at the least: a number whole, a heading's or a text's longest word
    needs = [
        max([longest_word(headers[i])] + [longest_word(str(row[i]), True) for row in rows])
        for i in range(len(headers))
    ]
    needs = [max(need, least[i]) if i < len(least) else need for i, need in enumerate(needs)]
    if sum(needs) <= console.width - table.PADDED.overhead(len(headers)):
        terminal.print_table(
            console, text("label.series", lang), headers, rows, right=right, least=least
        )
        return
    # too narrow for the words beside the numbers: they follow the table, year by year
    terminal.print_table(
        console,
        text("label.series", lang),
        headers[: len(columns)],
        [row[: len(columns)] for row in rows],
        right=right[: len(columns)],
        least=least,
    )
    words = []
    for row in rows:
        beside = [str(cell) for cell in row[len(columns) :] if str(cell)]
        if beside:
            words.append((str(row[0]), " / ".join(beside)))
    if words:
        terminal.hanging(console, words, gap=2)


CHART_STYLES = {
    charts.LINEAR: "dim",
    charts.ACTUAL: "bold cyan",
    charts.ACTUAL_LINE: "cyan",
    charts.MILESTONE: "yellow",
    charts.TARGET: "bold green",
}


def _print_chart(console: Console, view: Mapping[str, Any], lang: str) -> None:
    chart = charts.Chart.from_show(view)
    width = max(20, min(60, console.width - 16))
    rows = charts.grid(chart, width=width)
    over = 2 + max(len(row) for row in rows) - console.width  # its value labels' room too
    if over > 0 and width > 10:  # a narrow terminal: the plot gives way, down to 10 columns
        rows = charts.grid(chart, width=max(10, width - over))
    console.print(Text(text("label.chart", lang), style="bold"))
    for row in rows:
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
    # a cumulative indicator's actual series is its running total, named so
    named = {"actual": "total"} if chart.cumulative else {}
    legend = [(marks[series], f"legend.{named.get(series, series)}") for series in chart.drawn()]
    key_line = Text("  ")
    for mark, key in legend:
        key_line.append(mark, style=CHART_STYLES[mark])
        key_line.append(f" {text(key, lang)}   ")
    if chart.breaks():
        key_line.append(text("legend.gap", lang))
    key_line.rstrip()
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
        line = terminal.status_text(step["result"], lang)
        line.append(f"   ({step['working']})", style="dim")
        return head, line
    result = step["result"]
    unit = unit_label(view["unit"], lang, view.get("unit_en"))
    if name == "gap":
        shown = sentences.gap(result, unit, lang)
    elif name in AMOUNT_STEPS:
        if name.startswith("projection") and counts(view["unit"]):
            result = round(result)  # a forecast of a count is a whole number
        shown = f"{number(result)} {unit}"
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
    terminal.hanging(console, [(head, body)], gap)


def print_working(console: Console, view: Mapping[str, Any], lang: str) -> None:
    console.print(Text(text("label.assessment", lang), style="bold"))
    steps = view["steps"]
    if not steps:
        line = Text(f"  {text('label.status', lang)}{colon(lang)}")
        line.append_text(terminal.status_text(view["status"], lang))
        console.print(line)
        if view["baseline"] is None:
            # the plan gives none: the earliest of two actuals will serve (methodology.md)
            count = len(view["actuals"])
            terminal.indented(console, text("label.needs_two_actuals", lang, count=count))
        else:
            terminal.indented(console, text("label.nothing_to_work", lang))
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
        if step["name"] == "gap" and view["status"] == "achieved":
            # nothing is required once the target is reached: said, not a number of the wrong sign
            head = text("step.required_per_year", lang) + colon(lang).rstrip()
            _print_step(console, head, sentences.required(view, "", lang))
    if view["missing_years"]:
        years = ", ".join(str(y) for y in view["missing_years"])
        terminal.indented(console, text("label.missing_short", lang, years=years), style="yellow")
    for said in sentences.basis_changes(view, lang):
        terminal.indented(console, f"{sentences.BASIS_MARK} {said}", style="yellow")

    console.print(Text(text("label.compound", lang), style="bold"))
    compound = [step for step in steps if step["name"] in COMPOUND_STEPS]
    for step in compound:
        _print_step(console, *_step_line(step, view, lang))
    if view["status_cagr"] is None:
        why = "label.no_compound_cumulative" if view["accumulate"] else "label.no_compound"
        terminal.indented(console, text(why, lang))
        return
    line = Text(f"  {text('step.status', lang)}{colon(lang)}")
    line.append_text(terminal.status_text(view["status_cagr"], lang))
    console.print(line)
    disagreement = sentences.disagreement(view, lang)
    if disagreement:
        terminal.indented(console, disagreement, style="bold yellow")
    else:
        terminal.indented(
            console, text("label.methods_agree", lang, status=label(view["status"], lang))
        )


def _print_outlook(console: Console, view: Mapping[str, Any], lang: str) -> None:
    steps = [step for step in view["steps"] if step["name"] in OUTLOOK_STEPS]
    if not sentences.looks_ahead(view):
        # the target year has ended: what the plan expected still reads, under the working
        expected = sentences.expected(view, lang)
        if steps and expected:
            terminal.indented(console, expected)
        return
    if not steps:
        return
    console.print(Text(text("label.outlook", lang, year=view["target"]["year"]), style="bold"))
    for step in steps:
        _print_step(console, *_step_line(step, view, lang))
    trend = sentences.trend(view, lang)
    if trend:
        style = {"away_from_target": "bold red", "flat": "yellow"}.get(view["trend"], "")
        terminal.indented(console, trend, style=style)
    expected = sentences.expected(view, lang)
    if expected:
        terminal.indented(console, expected)
