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
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ipplan.text.wrapping import breaks, longest_word, width, wrap

Run = tuple[str, str]  # a piece of text and its style ("" for none)
Paragraph = Sequence[Run]  # one line of a cell as written, before it is wrapped
Cell = Sequence[Paragraph]
Line = list[Run]


def _after(paragraph: Paragraph, count: int) -> Paragraph:
    """``paragraph`` without its first ``count`` characters."""
    runs = []
    for text, style in paragraph:
        if count >= len(text):
            count -= len(text)
            continue
        runs.append((text[count:], style))
        count = 0
    return runs


# The table's lines (SQUARE in rich's terms): the same rule under the headings and between rows.
TOP, RULE, BOTTOM, SIDE = "┌┬┐", "├┼┤", "└┴┘", "│"


def cell(value: str, style: str = "") -> Cell:
    """A cell of one text in one style; each line of ``value`` a paragraph."""
    return [[(line, style)] for line in value.split("\n")]


def widths(total: int, ratios: Sequence[int], headers: Sequence[str] = ()) -> list[int]:
    """The width of each column, padding included and borders not, of a table ``total`` cells
    wide shared among its columns by ``ratios``, as rich's expanding table shares it: each
    column in turn gets its share of what the columns before it left, rounded up, and at least
    room for a Chinese character beside its padding, and for the longest word of its heading
    in ``headers`` (by the one wrapper's rules, so that no heading breaks inside an English
    word) where the table has room for every heading's. Where rounding up or those minimums
    make the columns wider in all than the table, the widest give way, down to their
    minimums."""
    count = len(ratios)
    remaining = total - (count + 1)
    left = sum(ratios)
    available = remaining
    words = [longest_word(h) for h in headers] + [0] * (count - len(headers))
    minimums = [max(2, words[index]) + _padding(index, count) for index in range(count)]
    if sum(minimums) > available:  # too narrow for every heading's words: the table fits first
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


def fitted_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], room: int, least: Sequence[int] = ()
) -> list[int]:
    """Widths for a table of wrapped text in ``room`` columns of text: each column as wide as
    its widest line, the widest giving way first, none narrower than its longest word (by the
    one wrapper's rules) while anything else can give, then narrower, down to its heading (or
    4), then down to 2, where words are cut; none ever narrower than ``least``."""
    natural = [
        max([width(h), *(width(line) for row in rows for line in row[i].splitlines())])
        for i, h in enumerate(headers)
    ]
    floor = [
        max(width(h), max((longest_word(row[i], hyphens=True) for row in rows), default=0))
        for i, h in enumerate(headers)
    ]
    least = [least[i] if i < len(least) else 0 for i in range(len(headers))]
    widths = [max(n, m) for n, m in zip(natural, least, strict=True)]
    for limits in (floor, [max(4, width(h)) for h in headers], [2] * len(headers)):
        limit = [max(n, m) for n, m in zip(limits, least, strict=True)]
        while sum(widths) > room:
            shrinkable = [i for i, w in enumerate(widths) if w > limit[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def expanded(column_widths: Sequence[int], room: int) -> list[int]:
    """``column_widths`` grown to fill ``room``, the room left shared in proportion to them, as
    rich's expanding table shares it (each in turn its share of what is left, rounded up)."""
    excess = room - sum(column_widths)
    if excess <= 0:
        return list(column_widths)
    left = sum(column_widths)
    grown = []
    for column in column_widths:
        share = math.ceil(column * excess / left) if left > 0 else excess
        grown.append(column + share)
        left -= column
        excess -= share
    return grown


def _padding(index: int, count: int) -> int:
    """One space each side of a column's text, none at the table's edges."""
    return (index > 0) + (index < count - 1)


def draw(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], column_widths: Sequence[int]
) -> list[Line]:
    """The lines of the boxed table: a heading row in bold (each heading at its foot, as rich
    sets them), then each row, a rule between rows. ``column_widths`` include the padding."""
    count = len(column_widths)
    frame = _Frame(
        SIDE,
        SIDE,
        SIDE,
        [" " * (i > 0) for i in range(count)],
        [w - _padding(i, count) for i, w in enumerate(column_widths)],
        [" " * (i < count - 1) for i in range(count)],
    )

    def rule(ends: str) -> Line:
        return [(ends[0] + ends[1].join("─" * w for w in column_widths) + ends[2], "")]

    lines: list[Line] = [rule(TOP)]
    lines += frame.row([cell(h, "bold") for h in headers], bottom=True)
    for row in rows:
        lines.append(rule(RULE))
        lines += frame.row(row)
    lines.append(rule(BOTTOM))
    return lines


class Plain(NamedTuple):
    """A table drawn as a heading and a rule, no box (rich's SIMPLE): ``edge`` spaces before the
    first column, ``gap`` between columns, ``tail`` after the last (the rule runs under them
    all, but for the first space), and the rule's character."""

    edge: int = 2
    gap: int = 3
    tail: int = 1
    rule: str = "─"

    def overhead(self, count: int) -> int:
        """The columns a table of ``count`` columns takes beside its text (and one at its end,
        which a terminal would otherwise wrap at)."""
        return self.edge + self.gap * (count - 1) + self.tail + 1


# One space of padding each side of a column (rich's SIMPLE).
PADDED = Plain()
# Columns two spaces apart, nothing at the edges (rich's collapsed padding); a heavy rule.
TIGHT = Plain(edge=1, gap=2, tail=0)
TIGHT_HEAVY = Plain(edge=1, gap=2, tail=0, rule="━")


def plain(
    title: str | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    column_widths: Sequence[int],
    *,
    right: Sequence[bool] = (),
    hyphens: Sequence[bool] = (),
    style: Plain = PADDED,
) -> list[Line]:
    """The lines of a table with a heading and a rule and no box: the title (if any) and a
    blank line, the headings in bold at their foot, the rule, every row wrapped into its
    columns (``column_widths``, text only; ``right`` aligns a column right, ``hyphens`` lets it
    break after a compound's hyphen), and a blank line. The same layout at any number of rows."""
    return list(
        plain_lines(title, headers, rows, column_widths, right=right, hyphens=hyphens, style=style)
    )


def plain_lines(
    title: str | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    column_widths: Sequence[int],
    *,
    right: Sequence[bool] = (),
    hyphens: Sequence[bool] = (),
    style: Plain = PADDED,
) -> Iterator[Line]:
    """:func:`plain`'s lines one at a time, each row laid out as it is reached, so that a
    table of 10,000 rows is printed without all its lines held at once."""
    count = len(column_widths)
    right = list(right) or [False] * count
    frame = _Frame(
        " " * style.edge,
        " " * style.gap,
        "",
        [""] * count,
        list(column_widths),
        [""] * count,
        right,
        list(hyphens) or [False] * count,
    )
    inner = style.edge - 1 + sum(column_widths) + style.gap * (count - 1) + style.tail
    if title is not None:  # wrapped to the table's width, then a blank line
        for part in wrap(title, inner + 2):
            yield [(part, "italic")]
        yield []
    yield from frame.row([cell(h, "bold") for h in headers], bottom=True)
    yield [(" " + style.rule * inner, "")]
    for row in rows:
        yield from frame.row(row)
    yield []


class _Frame(NamedTuple):
    """Where a table's text goes: ``start`` before the first column, ``between`` columns,
    ``end`` after the last; each column's padding left and right and its text's width."""

    start: str
    between: str
    end: str
    lefts: Sequence[str]
    widths: Sequence[int]
    rights: Sequence[str]
    aligned_right: Sequence[bool] = ()
    hyphens: Sequence[bool] = ()

    def row(self, cells: Sequence[Cell], bottom: bool = False) -> list[Line]:
        """The lines of one row; unstyled neighbours (text, padding, borders) joined in one run."""
        columns: list[list[tuple[str, Line, str]]] = []
        blanks: list[tuple[str, Line, str]] = []
        count = len(self.widths)
        for index, (value, room) in enumerate(zip(cells, self.widths, strict=True)):
            left, right = self.lefts[index], self.rights[index]
            to_right = bool(self.aligned_right) and self.aligned_right[index]
            hyphens = bool(self.hyphens) and self.hyphens[index]
            wrapped: list[tuple[str, Line, str]] = []
            if len(value) == 1 and len(value[0]) == 1:  # one text in one style, as most are
                text, style = value[0][0]
                used = width(text)
                if used <= room and "\t" not in text and text.strip(" ") == text:
                    fill = " " * (room - used)  # it fits as written: a line of its own
                    alone: Line = [(text, style)]
                    wrapped.append(
                        (left + fill, alone, right) if to_right else (left, alone, fill + right)
                    )
                    columns.append(wrapped)
                    blanks.append((left, [], " " * room + right))
                    continue
            for paragraph in value:
                for runs, used in wrap_runs(paragraph, room, hyphens):
                    fill = " " * max(room - used, 0)
                    if to_right:
                        wrapped.append((left + fill, runs, right))
                    else:
                        wrapped.append((left, runs, fill + right))
            columns.append(wrapped)
            blanks.append((left, [], " " * room + right))
        height = max(len(c) for c in columns)
        if bottom:
            columns = [
                [blank] * (height - len(c)) + c for c, blank in zip(columns, blanks, strict=True)
            ]
        lines: list[Line] = []
        for depth in range(height):
            line: Line = []
            gap = self.start
            for index, (column, blank) in enumerate(zip(columns, blanks, strict=True)):
                left, runs, fill = column[depth] if depth < len(column) else blank
                gap += left
                for run in runs:
                    if run[1]:
                        line.append((gap, ""))
                        line.append(run)
                        gap = ""
                    else:
                        gap += run[0]
                gap += fill + (self.between if index < count - 1 else self.end)
            line.append((gap, ""))
            lines.append(line)
        return lines


def wrap_runs(paragraph: Paragraph, columns: int, hyphens: bool = False) -> list[tuple[Line, int]]:
    """``paragraph`` in lines of at most ``columns`` cells by the one wrapper
    (:func:`ipplan.text.wrapping.breaks`): each line's runs, and its width."""
    plain = "".join(text for text, _ in paragraph).replace("\t", " ")
    indent = len(plain) - len(plain.lstrip(" "))
    if indent and plain.strip() and columns - indent >= 2:
        # spaces that open a cell indent each of its lines (a member plan under its parent)
        rest = _after(paragraph, indent)
        return [
            ([(" " * indent, ""), *runs], used + indent)
            for runs, used in wrap_runs(rest, columns - indent, hyphens)
        ]
    if len(paragraph) == 1:
        style = paragraph[0][1]
        return [
            ([(plain[start:end], style)], used)
            for start, end, used in breaks(plain, columns, hyphens)
        ]
    spans = breaks(plain, columns, hyphens)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(plain):  # one line as written
        return [(list(paragraph), spans[0][2])]
    lines = []
    for start, end, used in spans:
        line: Line = []
        offset = 0
        for text, style in paragraph:
            low, high = max(start, offset), min(end, offset + len(text))
            if low < high:
                line.append((plain[low:high], style))
            offset += len(text)
        lines.append((line, used))
    return lines
