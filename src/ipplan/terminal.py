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
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ipplan.i18n import label, text

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


def _console(stderr: bool) -> Console:
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def out() -> Console:
    return _console(stderr=False)


def err() -> Console:
    return _console(stderr=True)


def number(value: float | None) -> str:
    """A value as people read it: whole numbers bare, others to at most two decimals."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def signed(value: float | None) -> str:
    if value is None:
        return "—"
    shown = number(value)
    return shown if shown.startswith("-") or shown == "0" else f"+{shown}"


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


def _point(point: Mapping[str, Any] | None) -> str:
    return "—" if point is None else f"{number(point['value'])} ({point['year']})"


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


def _status_table(view: Mapping[str, Any], title: str, lang: str, with_bar: bool) -> Table:
    plan = view["plan"]
    if view["as_of"] is not None:
        title += " · " + text("label.as_of", lang, year=view["as_of"])
    rows = view["indicators"]
    table = Table(
        title=title,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column(text("col.number", lang), justify="right")
    # the name and the status are what a reader scans for: other columns give way first
    widest = max((cell_len(_name(row, lang)) for row in rows), default=10)
    table.add_column(text("col.indicator", lang), min_width=min(widest, 24))
    table.add_column(text("col.status", lang), no_wrap=True)
    table.add_column(text("col.unit", lang))
    table.add_column(f"{text('col.baseline', lang)} {plan['baseline_year']}", justify="right")
    table.add_column(text("col.latest", lang), justify="right")
    table.add_column(f"{text('col.target', lang)} {plan['target_year']}", justify="right")
    table.add_column(text("col.progress", lang), justify="right")
    if with_bar:
        table.add_column(text("col.bar", lang), no_wrap=True)
    for row in rows:
        baseline = "—" if row["baseline"] is None else number(row["baseline"]["value"])
        if row["provisional_baseline"]:
            baseline += "*"
        cells: list[str | Text] = [
            str(row["number"]),
            _name(row, lang),
            status_text(row["status"], lang),
            row["unit"],
            baseline,
            _point(row["latest"]),
            number(row["target"]["value"]),
            percent(row["progress"]),
        ]
        if with_bar:
            cells.append(bar(row["progress"], row["time_elapsed"], row["status"]))
        table.add_row(*cells)
    return table


def render_status(view: Mapping[str, Any], title: str, lang: str) -> None:
    console = out()
    table = _status_table(view, title, lang, with_bar=True)
    natural = Measurement.get(console, console.options.update(max_width=10_000), table)
    if natural.maximum > console.width:
        table = _status_table(view, title, lang, with_bar=False)  # a cropped bar misleads; omit it
    console.print(table)
    console.print(summary_line(view["summary"], lang))
    for row in view["indicators"]:
        if row["provisional_baseline"]:
            console.print(
                f"* {row['number']} {_name(row, lang)}: "
                + text("label.provisional_year", lang, year=row["baseline"]["year"])
            )


def status_line(row: Mapping[str, Any], lang: str) -> Text:
    """One indicator in a line: latest, target, progress, pace and status."""
    line = Text(f"{row['number']} {_name(row, lang)}: ")
    line.append(f"{_point(row['latest'])} → {_point(row['target'])}  ")
    line.append(f"{text('col.progress', lang)} {percent(row['progress'])}  ")
    line.append(f"R {ratio(row['pace'])}  ")
    line.append_text(status_text(row["status"], lang))
    return line


def render_show(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    unit = view["unit"]
    console.print(
        Text(f"{view['number']}. {view['name']} / {view['name_en']} ({unit})", style="bold")
    )
    definition = view["definition_en"] if lang == "en" else view["definition"]
    if definition:
        console.print(f"{text('label.definition', lang)}: {definition}")
    console.print(f"{text('label.direction', lang)}: {label(view['direction'], lang)}")
    baseline = _point(view["baseline"]) if view["baseline"] else text("label.no_baseline", lang)
    if view["provisional_baseline"]:
        baseline += text("label.provisional", lang)
    console.print(f"{text('label.baseline', lang)}: {baseline}")
    console.print(f"{text('label.target', lang)}: {_point(view['target'])}")

    by_year = {a["year"]: a for a in view["actuals"]}
    table = Table(title=text("label.series", lang), box=box.SIMPLE, title_justify="left")
    for key, justify in (
        ("col.year", "right"),
        ("col.path", "right"),
        ("col.actual", "right"),
        ("col.deviation", "right"),
        ("col.source", "left"),
        ("col.note", "left"),
    ):
        table.add_column(text(key, lang), justify=justify)  # type: ignore[arg-type]
    for point in view["path"]:
        actual = by_year.get(point["year"], {})
        table.add_row(
            str(point["year"]),
            number(point["expected"]),
            number(point["actual"]),
            signed(point["deviation"]),
            actual.get("source") or "",
            actual.get("note") or "",
        )
    console.print(table)

    changed = [a for a in view["actuals"] if a["history"]]
    if changed:
        console.print(text("label.history", lang) + ":")
        for actual in changed:
            for old in actual["history"]:
                console.print(
                    f"  {actual['year']}: {number(old['value'])}"
                    f"  {old['source'] or ''}  {old['recorded'] or ''}".rstrip()
                )

    console.print(Text(text("label.assessment", lang), style="bold"))
    for key, shown in (
        ("label.latest", _point(view["latest"])),
        ("label.progress", percent(view["progress"])),
        ("label.time_elapsed", percent(view["time_elapsed"])),
        ("label.pace", ratio(view["pace"])),
        ("label.gap", f"{signed(view['gap'])} {unit}" if view["gap"] is not None else "—"),
        (
            "label.required",
            f"{signed(view['required_per_year'])} {unit}"
            if view["required_per_year"] is not None
            else "—",
        ),
    ):
        console.print(f"  {text(key, lang)}: {shown}")
    line = Text(f"  {text('label.status', lang)}: ")
    line.append_text(status_text(view["status"], lang))
    console.print(line)

    console.print(Text(text("label.actions", lang), style="bold"))
    if not view["actions"]:
        console.print("  " + text("label.no_actions", lang))
    for action in view["actions"]:
        line = Text(
            f"  {action['id']}  {action['title_en'] if lang == 'en' else action['title']}  "
        )
        line.append_text(status_text(action["status"], lang))
        console.print(line)


def render_tasks(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    if not view["areas"]:
        console.print(text("tasks.none", lang))
        return
    count = 0
    for area in view["areas"]:
        title = area["title_en"] if lang == "en" else area["title"]
        table = Table(title=f"{area['number']}. {title}", box=box.SIMPLE, title_justify="left")
        for key in ("col.id", "col.action", "col.status", "col.lead", "col.due", "col.indicators"):
            table.add_column(text(key, lang))
        for action in area["actions"]:
            count += 1
            table.add_row(
                action["id"],
                action["title_en"] if lang == "en" else action["title"],
                status_text(action["status"], lang),
                action["lead"] or "—",
                action["due"] or "—",
                ", ".join(action["indicators"]) or "—",
            )
        console.print(table)
    console.print(text("tasks.count", lang, count=count))


def render_task(view: Mapping[str, Any], area_title: str, lang: str) -> None:
    console = out()
    title = view["title_en"] if lang == "en" else view["title"]
    console.print(Text(f"{view['id']}: {title}", style="bold"))
    console.print(f"{text('label.area', lang)}: {area_title}")
    line = Text(f"{text('col.status', lang)}: ")
    line.append_text(status_text(view["status"], lang))
    console.print(line)
    console.print(f"{text('col.lead', lang)}: {view['lead'] or '—'}")
    console.print(f"{text('col.due', lang)}: {view['due'] or '—'}")
    console.print(f"{text('col.indicators', lang)}: {', '.join(view['indicators']) or '—'}")
    console.print(Text(text("label.measures", lang), style="bold"))
    for i, measure in enumerate(view["measures"], start=1):
        console.print(f"  {i}. {measure}")
    console.print(Text(text("label.updates", lang), style="bold"))
    if not view["updates"]:
        console.print("  " + text("label.no_updates", lang))
    for update in view["updates"]:
        parts = []
        if update["status"]:
            parts.append(f"{text('col.status', lang)} → {label(update['status'], lang)}")
        if update["lead"]:
            parts.append(f"{text('col.lead', lang)} → {update['lead']}")
        if update["due"]:
            parts.append(f"{text('col.due', lang)} → {update['due']}")
        if update["note"]:
            parts.append(update["note"])
        console.print(f"  {update['recorded']}  " + "; ".join(parts))


def print_lines(lines: Sequence[str], stderr: bool = False) -> None:
    console = err() if stderr else out()
    for line in lines:
        console.print(Text(line), soft_wrap=True)
