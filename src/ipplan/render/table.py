"""Box tables laid out in one pass, for tables whose rows run to hundreds of lines.

A work plan is printed as the table people follow it in: measure, goal, content, schedule,
units, in boxes. rich lays out such a table cell by cell as rich text, which for the 2022 work
plan (616 lines) took 35 ms, a quarter of the command. Here every column's width comes from the
terminal's width and the columns' ratios alone, as rich's ``Table(expand=True)`` shares it; each
cell is wrapped once, the way Chinese is set (:mod:`ipplan.text.wrapping`: a break may fall between
any two Chinese characters, never before closing punctuation nor after opening punctuation;
English breaks at spaces); and each line is a list of runs of text and style, which
:func:`ipplan.render.terminal.print_runs` writes plain to a file or a pipe and styled to a terminal.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rich.cells import cell_len

from ipplan.text.wrapping import NO_LINE_END, NO_LINE_START

Run = tuple[str, str]  # a piece of text and its style ("" for none)
Paragraph = Sequence[Run]  # one line of a cell as written, before it is wrapped
Cell = Sequence[Paragraph]
Line = list[Run]

# The table's lines (SQUARE in rich's terms): the same rule under the headings and between rows.
TOP, RULE, BOTTOM, SIDE = "┌┬┐", "├┼┤", "└┴┘", "│"


def cell(value: str, style: str = "") -> Cell:
    """A cell of one text in one style; each line of ``value`` a paragraph."""
    return [[(line, style)] for line in value.split("\n")]


def widths(total: int, ratios: Sequence[int]) -> list[int]:
    """The width of each column, padding included and borders not, of a table ``total`` cells
    wide shared among its columns by ``ratios``, as rich's expanding table shares it: each
    column in turn gets its share of what the columns before it left, rounded up, and at least
    room for a Chinese character beside its padding. Where rounding up or those minimums make
    the columns wider in all than the table, the widest give way, down to their minimums."""
    count = len(ratios)
    remaining = total - (count + 1)
    left = sum(ratios)
    available = remaining
    minimums = [2 + _padding(index, count) for index in range(count)]
    shares = []
    for ratio, minimum in zip(ratios, minimums, strict=True):
        share = remaining if left <= 0 else math.ceil(ratio * remaining / left)
        share = max(share, minimum)
        shares.append(share)
        left -= ratio
        remaining -= share
    while sum(shares) > available:
        widest = max(range(count), key=lambda i: (shares[i] - minimums[i], -i))
        if shares[widest] <= minimums[widest]:
            break  # narrower than the narrowest table: it stays as narrow as it can be
        shares[widest] -= 1
    return shares


def _padding(index: int, count: int) -> int:
    """One space each side of a column's text, none at the table's edges."""
    return (index > 0) + (index < count - 1)


def draw(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], column_widths: Sequence[int]
) -> list[Line]:
    """The lines of the table: a heading row in bold (each heading at its foot, as rich sets
    them), then each row, a rule between rows."""
    count = len(column_widths)

    def rule(ends: str) -> Line:
        return [(ends[0] + ends[1].join("─" * w for w in column_widths) + ends[2], "")]

    lines: list[Line] = [rule(TOP)]
    lines += _row([cell(h, "bold") for h in headers], column_widths, count, bottom=True)
    for row in rows:
        lines.append(rule(RULE))
        lines += _row(row, column_widths, count)
    lines.append(rule(BOTTOM))
    return lines


def _row(
    cells: Sequence[Cell], column_widths: Sequence[int], count: int, bottom: bool = False
) -> list[Line]:
    """The lines of one row; unstyled neighbours (text, padding, borders) joined in one run."""
    columns: list[list[tuple[str, Line, str]]] = []
    blanks: list[tuple[str, Line, str]] = []
    for index, (value, width) in enumerate(zip(cells, column_widths, strict=True)):
        left = " " if index > 0 else ""
        inner = width - len(left)
        columns.append(
            [
                (left, runs, " " * max(inner - used, 0))
                for paragraph in value
                for runs, used in wrap_runs(paragraph, width - _padding(index, count))
            ]
        )
        blanks.append((left, [], " " * inner))
    height = max(len(c) for c in columns)
    if bottom:
        columns = [
            [blank] * (height - len(c)) + c for c, blank in zip(columns, blanks, strict=True)
        ]
    lines = []
    for depth in range(height):
        line: Line = []
        gap = SIDE
        for column, blank in zip(columns, blanks, strict=True):
            left, runs, fill = column[depth] if depth < len(column) else blank
            gap += left
            for run in runs:
                if run[1]:
                    line.append((gap, ""))
                    line.append(run)
                    gap = ""
                else:
                    gap += run[0]
            gap += fill + SIDE
        line.append((gap, ""))
        lines.append(line)
    return lines


def wrap_runs(paragraph: Paragraph, columns: int) -> list[tuple[Line, int]]:
    """``paragraph`` in lines of at most ``columns`` cells: each line's runs, and its width."""
    plain = "".join(text for text, _ in paragraph).replace("\t", " ")
    if len(paragraph) == 1:
        style = paragraph[0][1]
        return [([(plain[start:end], style)], used) for start, end, used in breaks(plain, columns)]
    lines = []
    for start, end, used in breaks(plain, columns):
        line: Line = []
        offset = 0
        for text, style in paragraph:
            low, high = max(start, offset), min(end, offset + len(text))
            if low < high:
                line.append((plain[low:high], style))
            offset += len(text)
        lines.append((line, used))
    return lines


# The cells each character takes, as rich counts them, kept as they are met.
_CELLS: dict[str, int] = {}


def _cells(char: str) -> int:
    size = _CELLS.get(char)
    if size is None:
        size = _CELLS[char] = cell_len(char)
    return size


def breaks(value: str, columns: int) -> list[tuple[int, int, int]]:
    """Where each line of ``value`` wrapped to ``columns`` cells starts and ends in it (spaces
    at a break left out), and its width.

    A line ends at the last place within its width where a break may fall: at a space, or
    beside a wide character, but never before closing punctuation nor after opening
    punctuation, nor before a mark that combines with the character before it. A line with
    no such place (a word wider than the column) is cut at its width.
    """
    columns = max(columns, 1)
    get = _CELLS.get
    sizes = [1] * len(value) if value.isascii() else [get(c) or _cells(c) for c in value]
    offsets = list(accumulate(sizes, initial=0))  # offsets[i]: the cells of value[:i]
    end_of_text = len(value)

    def may_break(at: int) -> bool:
        before, after = value[at - 1], value[at]
        if before == " " or after == " ":
            return True
        if sizes[at] == 0 or (sizes[at] == 1 and sizes[at - 1] == 1):
            return False
        return after not in NO_LINE_START and before not in NO_LINE_END

    spans = []
    start = 0
    while start < end_of_text and value[start] == " ":
        start += 1
    while start < end_of_text:
        fits = bisect_right(offsets, offsets[start] + columns) - 1  # value[start:fits] fits
        if fits >= end_of_text:
            cut = end_of_text
        else:
            at_space = _at_space(value, offsets, start, fits, columns)
            if at_space is not None:
                cut = at_space
            else:
                cut = fits
                while cut > start and not may_break(cut):
                    cut -= 1
                if cut == start:  # nowhere to break: the word is cut
                    cut = max(fits, start + 1)
        end = cut
        while end > start and value[end - 1] == " ":
            end -= 1
        spans.append((start, end, offsets[end] - offsets[start]))
        start = cut
        while start < end_of_text and value[start] == " ":
            start += 1
    return spans or [(0, 0, 0)]


def _at_space(
    value: str, offsets: Sequence[int], start: int, fits: int, columns: int
) -> int | None:
    """Where the line from ``start`` may break at a space, keeping whole the words written
    apart (a milestone's period, its task, its state) when the next one fits on a line of its
    own; None when there is no such space, or the word after it is longer than a line."""
    space = value.rfind(" ", start + 1, fits + 1)
    if space < 0:
        return None
    following = value.find(" ", space + 1)
    end = len(value) if following < 0 else following
    return space if offsets[end] - offsets[space + 1] <= columns else None
