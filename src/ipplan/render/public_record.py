"""The public record in the terminal: what the plan's final evaluation says of an indicator, for
``ipplan status`` and ``ipplan show``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipplan.render import sentences, table, terminal
from ipplan.text.i18n import colon, text
from ipplan.text.wrapping import width, wrap


def print_public_record(console: Console, view: Mapping[str, Any], lang: str) -> None:
    """The plan's final evaluation, indicator by indicator, and the yearly figures overdue."""
    rows = view["indicators"]
    final = sentences.final_evaluation(view, lang)
    late = [(row, sentences.overdue_years(row, lang)) for row in rows]
    heading = text("record.overdue_heading", lang, day=view["day"])
    unpublished = [(row, sentences.not_published_years(row, lang)) for row in rows]
    unpublished_heading = text("record.not_published_heading", lang)
    lines: list[table.Line] = []
    if final:
        lines += [[(part, "bold")] for part in wrap(final[0], console.width)]
        verdicts = [(row, sentences.verdict(row, lang)) for row in rows]
        lines += _said_lines(verdicts, lang, columns=console.width)
        lines += [[(part, "")] for part in wrap(final[1], console.width)]
    if any(years for _, years in late):
        lines += [[(part, "bold")] for part in wrap(heading, console.width)]
        lines += _said_lines(late, lang, style="yellow", columns=console.width)
    if any(years for _, years in unpublished):
        lines += [[(part, "bold")] for part in wrap(unpublished_heading, console.width)]
        lines += _said_lines(unpublished, lang, columns=console.width)
    if lines:  # the same at any number of indicators, written in one go
        terminal.print_runs(console, lines)


def _said_lines(
    said: Sequence[tuple[Mapping[str, Any], str | None]],
    lang: str,
    style: str = "",
    columns: int = 80,
) -> list[table.Line]:
    """One item per indicator that has something said of it, its number right-aligned and its
    text wrapped under itself."""
    numbers = [f"  {row['number']}" for row, words in said if words]
    head = max((width(n) for n in numbers), default=0)
    room = columns - 1 - head
    lines: list[table.Line] = []
    for row, words in said:
        if words:
            line = text("record.named", lang, name=terminal.name_in(row, lang), said=words)
            number = f"  {row['number']}"
            parts = wrap(line, room) if room >= 10 else [line]
            for index, part in enumerate(parts):
                lead = number.rjust(head) if index == 0 else " " * head
                lines.append([(lead + " ", ""), (part, style)])
    return lines


def labelled(name: str, value: str, lang: str) -> Table:
    """``name: value``, the value wrapped under itself rather than under the name."""
    grid = Table.grid(pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(f"{name}{colon(lang)}", Text(value, overflow="fold"))
    return grid
