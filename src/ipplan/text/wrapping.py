"""Text wrapped by the columns its characters take, the way Chinese is set.

A Chinese character takes two columns and a line may break between any two of them, but never
before closing punctuation (，。）」) nor after opening punctuation (（“「); English breaks at
spaces. Used for help and for the paragraphs and lists that commands print.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# A line never starts with these; the word before them moves down with them.
NO_LINE_START = set("，。、；：！？）》」』】〕〉］｝〗”’)]}")
# A line never ends with these; they move down with what they open.
NO_LINE_END = {"（", "《", "「", "『", "【", "〔", "〈", "［", "｛", "〖", "“", "‘", "(", "[", "{"}


def width(value: str) -> int:
    """Columns ``value`` takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def _chunks(value: str, hyphens: bool = False) -> Iterator[str]:
    """Words, runs of spaces, and single wide characters: where a line may break; with
    ``hyphens``, also after the hyphen of an English compound (Litigation-qualified)."""
    if hyphens:
        for piece in _chunks(value):
            parts = _HYPHEN.split(piece)
            for i, part in enumerate(parts):
                yield part + ("-" if i < len(parts) - 1 else "")
        return
    word = ""
    bracket = False  # a mark such as [必填] or [default: 30] stays whole
    for char in value:
        if bracket or (char == "[" and value.endswith("]")):
            bracket = char != "]"
            word += char
        elif char.isspace() or unicodedata.east_asian_width(char) in "WF":
            if word:
                yield word
                word = ""
            yield char
        else:
            word += char
    if word:
        yield word


def longest_word(value: str, hyphens: bool = False) -> int:
    """The widest piece of ``value`` that a line may not break inside."""
    return max((width(c) for c in _chunks(value, hyphens) if not c.isspace()), default=0)


def wrap(value: str, columns: int, hyphens: bool = False) -> list[str]:
    """``value`` in lines of at most ``columns`` columns (a word longer than that is split);
    with ``hyphens``, a line may also break after the hyphen of an English compound."""
    columns = max(columns, 4)
    lines: list[list[str]] = [[]]
    used = 0
    for chunk in _chunks(" ".join(value.split()), hyphens):
        line = lines[-1]
        if chunk == " ":
            if line:
                line.append(chunk)
                used += 1
            continue
        size = width(chunk)
        if used + size <= columns:
            line.append(chunk)
            used += size
            continue
        carried: list[str] = []
        while (carried or [chunk])[0][0] in NO_LINE_START and line and line[-1] != " ":
            carried.insert(0, line.pop())  # closing punctuation keeps the word before it
        while line and line[-1] in NO_LINE_END:
            carried.insert(0, line.pop())  # an opening bracket goes down with what it opens
        while line and line[-1] == " ":
            line.pop()
        if not line:
            lines.pop()
        while size > columns:  # a word wider than a line: split it
            head = ""
            for char in chunk:
                if width(head + char) > columns:
                    break
                head += char
            lines.append([head])
            chunk = chunk[len(head) :]
            size = width(chunk)
        lines.append([*carried, chunk])
        used = width("".join(lines[-1]))
    if lines and not lines[0]:
        lines.pop(0)
    return ["".join(line).rstrip() for line in lines if line] or [""]
