"""Terminal output: the only module that talks to rich.

Consoles print data as written (no markup, emoji or highlighting), so a note such as
``[draft]`` shows as typed. Colour follows rich's own rules, which honour NO_COLOR.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ipplan.render import table
from ipplan.text.i18n import label, text
from ipplan.text.wrapping import breaks, width, wrap

STATUS_STYLES = {
    "target_pending": "dim",
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
        plain = plain_lines(objects, kwargs, self.width)
        if plain is not None:  # what rich would write, without laying it out
            self.file.write(plain)
            self.file.flush()
            return
        with self.capture() as captured:
            super().print(*objects, **kwargs)
        lines = captured.get().split("\n")
        self.file.write("\n".join(line.rstrip() for line in lines))
        self.file.flush()


_PLAIN_OPTIONS = frozenset(("soft_wrap", "no_wrap", "overflow"))
_LAID_OUT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # all but "\n"


def plain_lines(objects: Sequence[Any], options: Mapping[str, Any], room: int) -> str | None:
    """What rich writes to a file or pipe for one plain string or unstyled-in-a-file ``Text``
    whose every line fits in ``room`` columns (so rich neither wraps nor crops it) and that
    holds no tab or control character (which rich expands or drops): its lines, trailing
    spaces removed. None for anything else, which rich lays out."""
    if len(objects) != 1 or not _PLAIN_OPTIONS.issuperset(options):
        return None
    (shown,) = objects
    if type(shown) is str:
        plain = shown
    elif type(shown) is Text and shown.end == "\n" and shown.justify in (None, "default", "left"):
        plain = shown.plain
    else:
        return None
    if _LAID_OUT.search(plain):
        return None
    lines = plain.split("\n")
    # rich's own measure, not text.wrapping.width: the question is whether rich would wrap
    if any(cell_len(line) > room for line in lines):
        return None
    return "\n".join(line.rstrip() for line in lines) + "\n"


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
    style = STATUS_STYLES.get(status, "")
    result = Text()

    def cells(start: int, end: int) -> None:  # filled, then empty, a run of each
        if min(end, filled) > start:
            result.append("█" * (min(end, filled) - start), style=style)
        if end > max(start, filled):
            result.append("·" * (end - max(start, filled)), style="dim")

    cells(0, marker)
    result.append("|", style="bold")
    cells(marker, BAR_WIDTH)
    return result


def name_in(row: Mapping[str, Any], lang: str) -> str:
    return str(row["name_en"] if lang == "en" else row["name"])


def indented(console: Console, line: str, style: str = "") -> None:
    """A sentence two columns in, its wrapped lines under its start, set as Chinese is set."""
    room = console.width - 2
    lines = wrap(line, room) if room >= 10 else [line]
    console.print(Text("\n".join("  " + part for part in lines), style=style))


def heading(console: Console, line: str, style: str = "bold") -> None:
    """A title wrapped to the terminal by the one wrapper, never wider than it."""
    lines = wrap(line, console.width - 1) if console.width > 10 else [line]
    console.print(Text("\n".join(lines), style=style), soft_wrap=True)


def sentences_in_lines(console: Console, sentences: Sequence[str], style: str = "") -> None:
    """Sentences one under another, each wrapped to the terminal by the one wrapper, written
    in one go."""
    if not sentences:
        return
    room = console.width
    lines = [part for line in sentences for part in (wrap(line, room) if room >= 10 else [line])]
    console.print(Text("\n".join(lines), style=style), soft_wrap=True)


def hanging(
    console: Console,
    lines: Sequence[tuple[str, str | Text]],
    gap: int = 1,
    hyphens: bool = False,
) -> None:
    """Lines as ``  label text``, the labels in a column as wide as the widest, each text
    wrapping under itself rather than under its label, by the one wrapper (at spaces and
    between Chinese characters; with ``hyphens``, after an English compound's hyphen), its
    styles kept. With under 10 columns left beside the labels, each text goes under its label
    instead, four columns in."""
    labels = max((width(head) for head, _ in lines), default=0)
    room = console.width - 2 - gap - labels
    beside = room >= 10
    if not beside:  # too narrow beside the labels: each label on a line, its text under it
        room = max(console.width - 4, 4)
    under = " " * (2 + labels + gap) if beside else "    "
    shown: list[Text] = []
    for head, body in lines:
        lead = f"  {head}{' ' * (labels - width(head) + gap)}"
        if not beside:
            shown.append(Text(f"  {head}"))
            lead = under
        if isinstance(body, str):  # white space, a line break or a tab too, as one space
            parts = [Text(part) for part in wrap(body, room, hyphens)]
        else:  # each white space character as a space, so that its styles stay where they are
            written = body.copy()
            written.plain = "".join(" " if char.isspace() else char for char in written.plain)
            parts = [written[start:end] for start, end, _ in breaks(written.plain, room, hyphens)]
        for part in parts:
            shown.append(Text(lead).append_text(part))
            lead = under
    console.print(Text("\n").join(shown))


def update_parts(update: Mapping[str, Any], lang: str, *, note: bool = True) -> str:
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


def print_table(
    console: Console,
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    *,
    right: Sequence[bool] = (),
    hyphens: Sequence[bool] = (),
    style: table.Plain = table.PADDED,
    least: Sequence[int] = (),
    expand: bool = False,
) -> None:
    """A table with a heading and a rule (:func:`ipplan.render.table.plain`), its columns as
    wide as their widest lines and, where that is wider than the terminal, fitted to it
    (:func:`ipplan.render.table.fitted_widths`), none narrower than ``least``; with ``expand``,
    as wide as the terminal (:func:`ipplan.render.table.expanded`). Plain to a pipe, styled to
    a terminal."""
    plain = [[cell if isinstance(cell, str) else cell.plain for cell in row] for row in rows]
    room = console.width - style.overhead(len(headers))
    widths = table.fitted_widths(headers, plain, room, least)
    if expand:
        widths = table.expanded(widths, room)
    cells = [[cell_of(cell) for cell in row] for row in rows]
    lines = table.plain(title, headers, cells, widths, right=right, hyphens=hyphens, style=style)
    print_runs(console, lines)


def print_lines(lines: Sequence[str], stderr: bool = False) -> None:
    """Messages, one a line, each control character in them (a path's, a name's) shown as an
    escape, as an error shows it (:func:`ipplan.text.typed_input.printable`)."""
    from ipplan.text.typed_input import printable

    console = err() if stderr else out()
    for line in lines:
        console.print(Text(printable(line)), soft_wrap=True)


def cell_of(value: str | Text) -> table.Cell:
    """A table cell (:mod:`ipplan.render.table`) of a text, its styles kept as runs."""
    if isinstance(value, str):
        return table.cell(value)
    if not value.spans and "\n" not in value.plain:
        return [[(value.plain, str(value.style or ""))]]
    paragraphs: list[list[tuple[str, str]]] = []
    for line in value.split("\n", allow_blank=True):
        plain = line.plain
        base = str(line.style or "")
        spans = line.spans
        cuts = sorted({0, len(plain), *(s.start for s in spans), *(s.end for s in spans)})
        runs = []
        for low, high in pairwise(cuts):
            styles = [base, *(str(s.style) for s in spans if s.start <= low and s.end >= high)]
            runs.append((plain[low:high], " ".join(x for x in styles if x)))
        paragraphs.append(runs or [("", base)])
    return paragraphs


def print_texts(console: Console, texts: Sequence[Text]) -> None:
    """Lines of text, each as ``console.print`` prints it (a line wider than the terminal
    wrapped by rich), those that fit written in one go as runs (:func:`print_runs`)."""
    waiting: list[table.Cell] = []
    for line in texts:
        if "\n" in line.plain or width(line.plain) > console.width:
            if waiting:
                print_runs(console, [runs for cell in waiting for runs in cell])
                waiting = []
            console.print(line)
        else:
            waiting.append(cell_of(line))
    if waiting:
        print_runs(console, [runs for cell in waiting for runs in cell])


# Lines written to a file or a pipe at a time: few writes, and never a whole long table held.
WRITE_LINES = 1000


def print_runs(console: Console, lines: Iterable[Sequence[tuple[str, str]]]) -> None:
    """Lines given as runs of text and style (:mod:`ipplan.render.table`), taken as they come:
    plain, a thousand lines a write, to a file or a pipe; styled to a terminal."""
    if not console.is_terminal:
        chunk: list[str] = []
        for line in lines:
            chunk.append("".join(t for t, _ in line).rstrip() + "\n")
            if len(chunk) == WRITE_LINES:
                console.file.write("".join(chunk))
                chunk.clear()
        console.file.write("".join(chunk))
        console.file.flush()
        return
    console.print(runs_text(lines), soft_wrap=True)


def runs_text(lines: Iterable[Sequence[tuple[str, str]]]) -> Text:
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


STATE_STYLES = {
    "not_started": "dim",
    "in_progress": "cyan",
    "overdue": "bold red",
    "done": "green",
    "cancelled": "dim strike",
    "pending": "",
    "not_tracked": "dim",
}


def state_text(state: str, lang: str) -> Text:
    return Text(text(f"wp.{state}", lang), style=STATE_STYLES.get(state, ""))
