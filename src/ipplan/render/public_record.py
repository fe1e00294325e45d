"""The public record in the terminal: what the plan's final evaluation says of an indicator, for
``ipplan status`` and ``ipplan show``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipplan.render import sentences, terminal
from ipplan.text.i18n import colon, text
from ipplan.text.wrapping import wrap


def print_public_record(console: Console, view: Mapping[str, Any], lang: str) -> None:
    """The plan's final evaluation, indicator by indicator, and the yearly figures overdue."""
    rows = view["indicators"]
    final = sentences.final_evaluation(view, lang)
    late = [(row, sentences.overdue_years(row, lang)) for row in rows]
    heading = text("record.overdue_heading", lang, day=view["day"])
    unpublished = [(row, sentences.not_published_years(row, lang)) for row in rows]
    unpublished_heading = text("record.not_published_heading", lang)
    if len(rows) > terminal.PLAIN_ROWS:  # as plain as the table, and in one go
        lines = []
        if final:
            lines.append(final[0])
            lines += _said_lines([(row, sentences.verdict(row, lang)) for row in rows], lang)
            lines.append(final[1])
        if any(years for _, years in late):
            lines += [heading, *_said_lines(late, lang)]
        if any(years for _, years in unpublished):
            lines += [unpublished_heading, *_said_lines(unpublished, lang)]
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
    if any(years for _, years in unpublished):
        console.print(Text(unpublished_heading, style="bold"))
        console.print(_said_grid(unpublished, lang, columns=console.width))


def _said_lines(said: Sequence[tuple[Mapping[str, Any], str | None]], lang: str) -> list[str]:
    return [
        f"  {row['number']} "
        + text("record.named", lang, name=terminal.name_in(row, lang), said=words)
        for row, words in said
        if words
    ]


def labelled(name: str, value: str, lang: str) -> Table:
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
            line = text("record.named", lang, name=terminal.name_in(row, lang), said=words)
            if room >= 10:  # set as Chinese is set: no line starts with 。 or ends with “
                line = "\n".join(wrap(line, room))
            grid.add_row(f"  {row['number']}", Text(line, style=style, overflow="fold"))
    return grid
