"""The work-plan commands in the terminal: the year's table, one item, what is due, the roadmap.

Draws from the views' dictionaries with the consoles of :mod:`ipplan.render.terminal` (markup, emoji
and highlighting off, so data prints as written). Kept beside the work plans rather than in
``ipplan/terminal.py`` so that the capability is one folder; it is the one other module allowed
to use rich's tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from ipplan.render import sentences, table, terminal
from ipplan.render.terminal import Gathered, out, print_runs, runs_text
from ipplan.text.i18n import text
from ipplan.text.shown_numbers import exact, moment

MARKS = {"done": "✓", "overdue": "!", "pending": "·", "not_tracked": "-"}
# The columns of a work plan's table, and the share of the width each takes.
COLUMNS = {"measure": 3, "goal": 2, "content": 3, "schedule": 4, "units": 2}


def pick(item: Mapping[str, Any], name: str, lang: str) -> str:
    if lang == "en" and item.get(f"{name}_en"):
        return str(item[f"{name}_en"])
    return str(item[name])


def content_lines(item: Mapping[str, Any], lang: str) -> list[str]:
    lines = []
    numbered = len(item["content"]) > 1
    for c in item["content"]:
        line = f"{c['number']}. {c['text']}" if numbered else c["text"]
        q = c["quantity"]
        if q is not None:
            achieved = text(
                "wp.achieved",
                lang,
                achieved=exact(q["achieved"]),
                target=exact(q["target"]),
                unit=q["unit"],
            )
            line += f"（{achieved}）" if lang != "en" else f" ({achieved})"
        lines.append(line)
    return lines


def schedule_runs(item: Mapping[str, Any], lang: str) -> table.Cell:
    """The schedule cell: a line for each milestone, its mark, period and task, and when it
    was done or since when it is overdue."""
    lines = []
    for m in item["schedule"]:
        line = [
            (MARKS[m["state"]] + " ", terminal.STATE_STYLES[m["state"]]),
            (f"{m['period']}", ""),
        ]
        if m["task"]:
            line.append((f" {m['task']}", ""))
        if m["state"] == "done" and m["done_on"]:
            line.append((f" ({text('wp.done_on', lang, date=m['done_on'])})", "green"))
        elif m["state"] == "overdue":
            line.append((f" ({text('wp.overdue', lang)} {m['end']})", "bold red"))
        lines.append(line)
    return lines


def schedule_text(item: Mapping[str, Any], lang: str) -> Text:
    return runs_text(schedule_runs(item, lang))


def _title(info: Mapping[str, Any], day: str, as_of: int | None, lang: str) -> str:
    title = text("wp.title", lang, year=info["year"], title=pick(info, "title", lang))
    if info["issuer"] or info["issued"]:
        # what the work plan says of its issue, and nothing ("—") for what it does not say
        key = "wp.issued" if info["issuer"] and info["issued"] else None
        key = key or ("wp.issued_by" if info["issuer"] else "wp.issued_on")
        issued = text(key, lang, issuer=info["issuer"], issued=info["issued"])
        title += f"（{issued}）" if lang != "en" else f" ({issued})"
    if as_of is not None:
        on = text("label.as_of", lang, year=as_of)
    else:
        on = text("wp.on_day", lang, day=day)
    return f"{title} · {on}"


def summary_line(summary: Mapping[str, int], lang: str) -> Text:
    count = sum(summary.values())
    line = Text(text("wp.summary", lang, count=count, parts="").rstrip())
    line.append(" " if lang == "en" else "")
    first = True
    for state, n in summary.items():
        if not n:
            continue
        if not first:
            line.append(" · ")
        line.append(f"{text(f'wp.{state}', lang)} {n}", style=terminal.STATE_STYLES.get(state, ""))
        first = False
    return line


def render_workplan(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    terminal.heading(console, _title(view["workplan"], view["day"], view["as_of"], lang))
    if not view["items"]:
        console.print(text("wp.none", lang))
        return
    headers = [text(f"wp.col.{name}", lang) for name in COLUMNS]
    rows = []
    for item in view["items"]:
        state = [(text(f"wp.{item['state']}", lang), terminal.STATE_STYLES.get(item["state"], ""))]
        if item["cancelled"]:
            colon = "：" if lang != "en" else ": "
            state.append((f"{colon}{item['cancelled']}", ""))
        measure = [[(item["id"], "bold")], state, *table.cell(item["measure"])]
        rows.append(
            [
                measure,
                table.cell(item["goal"] or "—"),
                table.cell("\n".join(content_lines(item, lang)) or "—"),
                schedule_runs(item, lang),
                table.cell(sentences.units_text(item["lead"], item["support"], lang)),
            ]
        )
    widths = table.widths(console.width, list(COLUMNS.values()), headers)
    print_runs(console, table.draw(headers, rows, widths))
    console.print(summary_line(view["summary"], lang))


def render_item(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    head = Text(f"{view['id']} ({view['year']})  ", style="bold")
    head.append_text(terminal.state_text(view["state"], lang))
    console.print(head)
    rows: list[tuple[str, str | Text]] = []
    if view["section"]:
        rows.append((text("wp.label.section", lang), view["section"]))
    actions = ", ".join(f"{a['id']} {pick(a, 'title', lang)}" for a in view["actions"])
    rows.append((text("wp.col.actions", lang), actions))
    rows.append((text("wp.col.measure", lang), view["measure"]))
    if view["goal"]:
        rows.append((text("wp.col.goal", lang), view["goal"]))
    if view["content"]:
        rows.append((text("wp.col.content", lang), "\n".join(content_lines(view, lang))))
    rows.append((text("wp.col.schedule", lang), schedule_text(view, lang)))
    rows.append(
        (text("wp.col.units", lang), sentences.units_text(view["lead"], view["support"], lang))
    )
    if view["indicators"]:
        rows.append((text("wp.label.indicators", lang), ", ".join(view["indicators"])))
    if view["cancelled"]:
        rows.append(
            (
                text("wp.col.state", lang),
                text("wp.cancelled_because", lang, reason=view["cancelled"]),
            )
        )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for name, value in rows:
        grid.add_row(name, value)
    console.print(grid)
    if view["next_due"]:
        console.print(text("wp.label.next_due", lang, **view["next_due"]))
    console.print(Text(text("wp.label.progress", lang), style="bold"))
    if not view["progress"]:
        console.print("  " + text("wp.label.no_progress", lang))
    for event in view["progress"]:
        console.print(
            Text(
                f"  {event['date']}  {sentences.event_text(event, lang)}"
                f"  ({moment(event['recorded'])})"
            ),
            soft_wrap=True,
        )


def render_due(view: Mapping[str, Any], lang: str) -> None:
    console = out()
    if not view["units"]:
        console.print(text("due.none", lang, day=view["day"], within=view["within"]))
        return
    console.print(
        Text(
            text(
                "due.title",
                lang,
                day=view["day"],
                overdue=view["overdue"],
                soon=view["due_soon"],
                within=view["within"],
            ),
            style="bold",
        )
    )
    lines = Gathered(console)
    for group in view["units"]:
        lines.print()
        lines.print(Text(group["unit"] or text("wp.no_unit", lang), style="bold underline"))
        for item in group["items"]:
            line = Text(f"  {item['id']} ({item['year']})  ")
            line.append_text(terminal.state_text(item["state"], lang))
            line.append(f"  {item['measure']}")
            lines.print(line, soft_wrap=True)
            if item["support"]:
                sep = "、" if lang != "en" else ", "
                lines.print("    " + text("due.support", lang, support=sep.join(item["support"])))
            for m in item["milestones"]:
                days = m["days"]
                if days < 0:
                    when = text("due.overdue_by", lang, days=-days)
                elif days == 0:
                    when = text("due.today", lang)
                else:
                    when = text("due.in_days", lang, days=days)
                entry = Text("    ")
                entry.append(MARKS[m["state"]] + " ", style=terminal.STATE_STYLES[m["state"]])
                entry.append(f"{m['period']} ({m['end']}) ")
                entry.append(when, style=terminal.STATE_STYLES[m["state"]] or "yellow")
                if m["task"]:
                    entry.append(f"  {m['task']}")
                lines.print(entry, soft_wrap=True)
    lines.flush()


_PROGRESS_WIDTH = 9  # 完成 10/12


def render_roadmap(view: Mapping[str, Any], title: str, lang: str) -> None:
    console = out()
    heading = text("roadmap.title", lang, title=title)
    if view.get("as_of") is not None:
        heading += f" · {text('label.as_of', lang, year=view['as_of'])}"
    terminal.heading(console, heading)
    if not view["workplans"]:
        console.print(text("roadmap.none", lang))
    else:
        listed = ", ".join(str(w["year"]) for w in view["workplans"])
        console.print(text("roadmap.workplans", lang, years=listed))
    for area in view["areas"]:
        # ids are typed next: a column is never narrower than the longest id it holds
        actions = area["actions"]
        longest = max((len(a["id"]) for a in actions), default=0)
        widest = {
            year: max((len(e["id"]) for a in actions for e in a["years"][str(year)]), default=4)
            for year in view["years"]
        }
        years = list(view["years"])

        def room(shown: list[int], longest: int = longest, widest: dict[int, int] = widest) -> int:
            return longest + sum(widest[y] for y in shown) + _PROGRESS_WIDTH + 3 * (len(shown) + 2)

        if room(years) > console.width:
            # too narrow for every year: the years without a work plan give way
            planned = {w["year"] for w in view["workplans"]}
            years = [year for year in years if year in planned]
        whole = room(years) <= console.width  # else even an id must fold
        headers = [text("col.action", lang), *(str(y) for y in years), text("col.progress", lang)]
        least = [longest, *(widest[y] for y in years), _PROGRESS_WIDTH] if whole else []
        rows: list[list[str | Text]] = []
        for action in area["actions"]:
            cells: list[str | Text] = [f"{action['id']}\n{pick(action, 'title', lang)}"]
            for year in years:
                entries = action["years"][str(year)]
                cell = Text()
                for i, entry in enumerate(entries):
                    if i:
                        cell.append("\n")
                    cell.append(entry["id"] + " ")
                    cell.append_text(terminal.state_text(entry["state"], lang))
                cells.append(cell if entries else text("roadmap.no_items", lang))
            p = action["progress"]
            share = "" if p["share"] is None else f"\n{p['share'] * 100:.0f}%"
            cells.append(
                text("roadmap.progress", lang, done=p["done"], counted=p["counted"]) + share
                if p["counted"] or p["cancelled"]
                else "—"
            )
            rows.append(cells)
        terminal.print_table(
            console,
            f"{area['number']}. {pick(area, 'title', lang)}",
            headers,
            rows,
            style=table.TIGHT,
            least=least,
            expand=True,
        )
