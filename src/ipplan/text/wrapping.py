"""Display width, and text wrapped by the columns its characters take, the way Chinese is set.

One width function (:func:`width`) and one wrapper (:func:`breaks`, and :func:`wrap` on it) for
every command: help, paragraphs, and the cells of every table (:mod:`ipplan.render.table`).

A Chinese character takes two columns and a line may break between any two of them, but never
before closing punctuation (，。）」) nor after opening punctuation (（“「); English breaks at
spaces, and, when asked, after the hyphen of a compound (Litigation-|qualified). A word longer
than the line is cut at the line's width. A mark such as ``[必填]`` or ``[default: 30]`` that
ends a text stays whole.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

# A line never starts with these; the word before them moves down with them.
NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉］｝〗”’)]}")
# A line never ends with these; they move down with what they open.
NO_LINE_END = frozenset("（《「『【〔〈［｛〖“‘([{")

# The columns each character takes, kept as they are met.
_CELLS: dict[str, int] = {}
# Marks that combine with the character before them, and characters that take no room: format
# characters (zero-width space and joiner, soft hyphen as terminals show it) and controls.
_ZERO = frozenset(("Mn", "Mc", "Me", "Cf", "Cc"))


def _cells(char: str) -> int:
    size = _CELLS.get(char)
    if size is None:
        if unicodedata.category(char) in _ZERO or "\u1160" <= char <= "\u11ff":
            size = 0  # (conjoining Hangul vowels and finals join the syllable before them)
        elif unicodedata.east_asian_width(char) in "WF":
            size = 2
        else:
            size = 1
        _CELLS[char] = size
    return size


def width(value: str) -> int:
    """Columns ``value`` takes in a terminal, as terminals (and rich) count them: 2 for a wide
    (Chinese) character, 0 for a combining mark or a zero-width character, 1 for the rest."""
    if value.isascii() and value.isprintable():
        return len(value)
    return _width(value) if len(value) < 256 else sum(_sizes(value))


@lru_cache(maxsize=4096)
def _width(value: str) -> int:
    return sum(_sizes(value))


def _sizes(value: str) -> list[int]:
    if value.isascii() and value.isprintable():
        return [1] * len(value)
    get = _CELLS.get
    return [get(c) or _cells(c) for c in value]


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _mark_start(value: str) -> int:
    """Where a mark written ``[like this]`` at the end of ``value`` starts, or its length."""
    if value.endswith("]"):
        opening = value.rfind("[")
        if opening >= 0:
            return opening
    return len(value)


def _may_break(value: str, sizes: Sequence[int], at: int, hyphens: bool, mark: int) -> bool:
    """Whether a line may end before ``value[at]``."""
    if at > mark:
        return False
    before, after = value[at - 1], value[at]
    if before == " " or after == " ":
        return True
    if hyphens and before == "-" and at > 1 and _is_letter(value[at - 2]) and _is_letter(after):
        return True
    if sizes[at] == 0 or (sizes[at] == 1 and sizes[at - 1] == 1):
        return False
    return after not in NO_LINE_START and before not in NO_LINE_END


def breaks(value: str, columns: int, hyphens: bool = False) -> list[tuple[int, int, int]]:
    """Where each line of ``value`` wrapped to ``columns`` columns starts and ends in it (spaces
    at a break left out), and its width; laid out in one pass.

    A line ends at the last place within its width where a break may fall: at a space, or
    beside a wide character, but never before closing punctuation nor after opening
    punctuation, nor before a mark that combines with the character before it (with
    ``hyphens``, also after the hyphen of an English compound). A line with no such place (a
    word wider than the line) is cut at its width.
    """
    columns = max(columns, 1)
    if width(value) <= columns:  # one line (short texts' widths are remembered)
        text = value.strip(" ")
        start = len(value) - len(value.lstrip(" ")) if text else 0
        return [(start, start + len(text), width(text))]
    sizes = _sizes(value)
    offsets = list(accumulate(sizes, initial=0))  # offsets[i]: the columns of value[:i]
    end_of_text = len(value)
    mark = _mark_start(value)

    spans = []
    start = 0
    while start < end_of_text and value[start] == " ":
        start += 1
    while start < end_of_text:
        fits = bisect_right(offsets, offsets[start] + columns) - 1  # value[start:fits] fits
        if fits >= end_of_text:
            cut = end_of_text
        else:
            at_space = _at_space(value, offsets, start, min(fits, mark), columns)
            if at_space is not None:
                cut = at_space
            else:
                cut = fits
                while cut > start and not _may_break(value, sizes, cut, hyphens, mark):
                    cut -= 1
                if cut == start:  # nowhere to break: the word is cut, not before a 。
                    cut = max(fits, start + 1)
                    while cut > start + 1 and value[cut] in NO_LINE_START:
                        cut -= 1
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


def longest_word(value: str, hyphens: bool = False) -> int:
    """The widest piece of ``value`` that a line may not break inside, by :func:`breaks`'s
    rules: the narrowest a column can be without cutting a word."""
    sizes = _sizes(value)
    mark = _mark_start(value)
    widest = run = 0
    for at, size in enumerate(sizes):
        if at and _may_break(value, sizes, at, hyphens, mark):
            widest = max(widest, run)
            run = 0
        run = 0 if value[at] == " " and at <= mark else run + size
    return max(widest, run)


def wrap(value: str, columns: int, hyphens: bool = False) -> list[str]:
    """``value`` in lines of at most ``columns`` columns, by :func:`breaks` (runs of white
    space taken as one space)."""
    value = " ".join(value.split())
    return [value[start:end] for start, end, _ in breaks(value, max(columns, 4), hyphens)]
