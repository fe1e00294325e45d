"""``ipplan history`` and ``ipplan undo`` in the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipplan.render import table, terminal
from ipplan.text.i18n import text, unit_label
from ipplan.text.shown_numbers import exact, moment
from ipplan.text.wrapping import width


def _change_cells(change: Mapping[str, Any], lang: str) -> tuple[str, str, str]:
    """A change as (what it is about, what changed, its source and note)."""
    if change["kind"] == "undo":
        what = text("history.undid", lang, when=moment(change["undid"]), count=change["files"])
        return text("history.undo_item", lang), what, ""
    if change["kind"] == "baseline":
        name = change["name_en"] if lang == "en" else change["name"]
        what = text("history.baseline", lang, value=_baseline_figure(change, lang))
        extra = " / ".join(part for part in (change["source"], change["note"]) if part)
        return f"{name} {change['year']}", what, extra
    if change["kind"] == "workplan":
        what = text("history.workplan_imported", lang, items=change["items"])
        if change["progress"]:
            what += text("history.workplan_progress", lang, count=change["progress"])
        return f"{change['year']} {change['title']}", what, ""
    if change["kind"] == "progress":
        from ipplan.render.sentences import event_text

        what = event_text(change, lang, note=False)
        return f"{change['item']} {change['measure']}", what, change["note"] or ""
    if change["kind"] == "action":
        title = change["title_en"] if lang == "en" else change["title"]
        what = terminal.update_parts(change, lang, note=False)
        return f"{change['id']} {title}", what, change["note"] or ""
    name = change["name_en"] if lang == "en" else change["name"]
    value = figure_text(change["value"], change["unit"], lang)
    if change["previous"] is not None or change["previous_not_published"]:
        previous = change["previous"]
        was = text("label.not_published", lang) if previous is None else exact(previous)
        value = f"{was} → {value}"
    cleared = [text(f"history.cleared.{field}", lang) for field in change.get("cleared", ())]
    extra = " / ".join(part for part in (change["source"], change["note"], *cleared) if part)
    return f"{name} {change['year']}", value, extra


# The terminal columns the item, change and source columns need beside a time kept whole.
ROOM_BESIDE_TIME = 40


def figure_text(value: Any, unit: str, lang: str) -> str:
    """A recorded figure with its unit, or that it was not published (None)."""
    if value is None:
        return text("label.not_published", lang)
    return f"{exact(value)} {unit_label(unit, lang)}"


def _baseline_figure(change: Mapping[str, Any], lang: str) -> str:
    """A baseline written in, with its unit when the plan still has its indicator."""
    unit = change["unit"]
    return exact(change["value"]) if unit is None else figure_text(change["value"], unit, lang)


def render_history(view: Mapping[str, Any], lang: str) -> None:
    console = terminal.out()
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
    # wrapped at spaces, hyphens and between Chinese characters; a word cut only when the
    # terminal is too narrow for it. A time stays on its line, its zone with it, while the
    # other columns keep room to read (ROOM_BESIDE_TIME); narrower, the date goes above it.
    whole = max(width(row[0]) for row in rows)
    clock = max(width(row[0].partition(" ")[2]) for row in rows)
    terminal.print_table(
        console,
        text("history.title", lang),
        headers,
        rows,
        hyphens=[True] * len(headers),
        style=table.TIGHT,
        least=[whole if console.width - whole >= ROOM_BESIDE_TIME else clock],
    )
    if view["total"] > len(changes):
        console.print(text("history.more", lang, count=view["total"] - len(changes)))
    if view["next_undo"] is not None:
        when = moment(view["next_undo"]["recorded"])
        items = [_change_cells(c, lang)[0] for c in view["next_undo"]["changes"]]
        console.print(text("history.next_undo", lang, when=when, item=", ".join(items)))


def undo_lines(view: Mapping[str, Any], lang: str) -> list[str]:
    """What ``ipplan undo`` reverted, one line per value or update, in words."""
    verb = text("undo.done" if view["written"] else "undo.would", lang)
    when = moment(view["recorded"])
    lines = []
    for change in view["changes"]:
        if change["kind"] == "undo":
            undid = moment(change["undid"])
            lines.append(text("undo.undo", lang, verb=verb, when=when, undid=undid))
            continue
        if change["kind"] == "baseline":
            name = change["name_en"] if lang == "en" else change["name"]
            value = _baseline_figure(change, lang)
            lines.append(
                text(
                    "undo.baseline",
                    lang,
                    verb=verb,
                    when=when,
                    name=name,
                    year=change["year"],
                    value=value,
                )
            )
            continue
        if change["kind"] == "workplan":
            lines.append(
                text(
                    "undo.workplan",
                    lang,
                    verb=verb,
                    when=when,
                    year=change["year"],
                    title=change["title"],
                )
            )
            if change["progress"]:
                lines.append(text("undo.workplan_progress", lang, count=change["progress"]))
            continue
        if change["kind"] == "progress":
            from ipplan.render.sentences import event_text

            parts = event_text(change, lang)
            lines.append(
                text("undo.progress", lang, verb=verb, when=when, id=change["item"], parts=parts)
            )
            continue
        if change["kind"] == "action":
            parts = terminal.update_parts(change, lang)
            lines.append(
                text("undo.action", lang, verb=verb, when=when, id=change["id"], parts=parts)
            )
            continue
        values = {
            "verb": verb,
            "when": when,
            "name": change["name_en"] if lang == "en" else change["name"],
            "year": change["year"],
            "value": figure_text(change["value"], change["unit"], lang),
        }
        if change["previous"] is None and not change["previous_not_published"]:
            lines.append(text("undo.value_removed", lang, **values))
        else:
            previous = figure_text(change["previous"], change["unit"], lang)
            lines.append(text("undo.value", lang, previous=previous, **values))
    if not view["written"]:
        lines.append(text("undo.dry_run", lang))
    return lines
