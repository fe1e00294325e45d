"""``ipplan tasks`` and ``ipplan task`` in the terminal: the actions' table and one action."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from ipplan.render import table, terminal
from ipplan.text.i18n import SAFEGUARDS_AREA, actions_count, colon, joined, text
from ipplan.text.shown_numbers import moment
from ipplan.text.wrapping import longest_word, width

# Columns of the actions table that give way, first to last, on a narrow terminal. The id is
# never cut (people type it next), and the title wraps rather than being cut.
TASK_COLUMNS = ("id", "title", "status", "progress", "lead", "due", "indicators")
TASK_GIVE_WAY = ("indicators", "lead", "progress", "due", "status")
TITLE_MIN = 8


def render_tasks(view: Mapping[str, Any], lang: str) -> None:
    console = terminal.out()
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
        name: max([width(header), *(width(str(row[name])) for row in rows)])
        for name, header in headers.items()
    }
    shown = list(TASK_COLUMNS)
    if not any("work_plan" in action for action in actions):
        shown.remove("progress")  # no action has work items: nothing to show
    # The title and the indicators wrap, but only between words (Chinese between characters):
    # each is as narrow as its longest word at the least.
    floors = {
        "title": max([TITLE_MIN, *(longest_word(str(r["title"])) for r in rows)]),
        "indicators": max(
            [
                width(headers["indicators"]),
                *(longest_word(r["indicators"]) for r in rows),
            ]
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
        # one engine at any number of rows: every cell wraps at spaces, or between Chinese
        # characters, within its column
        lines = table.plain(
            f"{area['number']}. {title}",
            [headers[name] for name in shown],
            [
                [terminal.cell_of(row[name]) for name in shown]
                for row in rows[count : count + len(area["actions"])]
            ],
            [widths[name] for name in shown],
        )
        count += len(area["actions"])
        terminal.print_runs(console, lines)
    safeguards = sum(len(a["actions"]) for a in view["areas"] if a["id"] == SAFEGUARDS_AREA)
    counted = actions_count(count - safeguards, safeguards, lang)
    console.print(text("tasks.count", lang, count=counted))
    if derived:
        console.print(text("tasks.derived_note", lang))


def _task_status(action: Mapping[str, Any], lang: str) -> Text:
    status = terminal.status_text(action["status"], lang)
    if action.get("status_source") == "work_plan":
        status.append("*")  # derived from its work items: the note under the table
    return status


def _work_progress(progress: Mapping[str, Any], lang: str) -> str:
    """An action's work-plan progress: done of counted, and the share."""
    if not progress["counted"]:
        return "—"
    done = text("roadmap.progress", lang, done=progress["done"], counted=progress["counted"])
    return f"{done} ({progress['share'] * 100:.0f}%)"


def render_task(view: Mapping[str, Any], area_title: str, lang: str) -> None:
    console = terminal.out()
    title = view["title_en"] if lang == "en" else view["title"]
    console.print(Text(f"{view['id']}{colon(lang)}{title}", style="bold"))
    console.print(f"{text('label.area', lang)}{colon(lang)}{area_title}")
    line = Text(f"{text('col.status', lang)}{colon(lang)}")
    line.append_text(terminal.status_text(view["status"], lang))
    if view.get("status_source"):
        source = text(f"task.status_source.{view['status_source']}", lang)
        line.append(f"（{source}）" if lang != "en" else f" ({source})", style="dim")
    console.print(line)
    console.print(f"{text('col.lead', lang)}{colon(lang)}{view['lead'] or '—'}")
    console.print(f"{text('col.due', lang)}{colon(lang)}{view['due'] or '—'}")
    serves = joined(view.get("indicator_names") or view["indicators"], lang)
    console.print(f"{text('col.indicators', lang)}{colon(lang)}{serves or '—'}")
    console.print(Text(text("label.measures", lang), style="bold"))
    terminal.hanging(console, [(f"{i}.", m) for i, m in enumerate(view["measures"], start=1)])
    if "work_plan" in view:
        _print_work_items(console, view["work_plan"], lang)
    console.print(Text(text("label.updates", lang), style="bold"))
    if not view["updates"]:
        terminal.indented(console, text("label.no_updates", lang))
    terminal.hanging(
        console,
        [
            (moment(update["recorded"]), terminal.update_parts(update, lang))
            for update in view["updates"]
        ],
        gap=2,
    )


def _print_work_items(console: Console, work: Mapping[str, Any], lang: str) -> None:
    pass

    title = Text(text("task.workplan", lang), style="bold")
    if work["progress"]["counted"]:
        title.append("  " + _work_progress(work["progress"], lang))
    console.print(title)
    if not work["items"]:
        terminal.indented(console, text("task.no_items", lang))
    for row in work["items"]:
        line = Text(f"  {row['year']}  {row['id']}  ")
        line.append_text(terminal.state_text(row["state"], lang))
        line.append(f"  {row['measure']}")
        console.print(line, soft_wrap=True)
