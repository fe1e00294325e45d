"""A problem found in a data file: where it is, a stable code, and what the message needs."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Problems told for one file: past these, one line says how many more there are. A file of a
# million unknown keys is a million problems; the first hundred say what is wrong as well.
MAX_PER_FILE = 100


@dataclass(frozen=True)
class Problem:
    """One finding of validation: ``path:line: code: message``.

    ``code`` is stable and what tests and scripts match on; the message is rendered from the
    catalogue in :mod:`ipplan.text.i18n` with ``params``, so its wording may change freely.
    """

    path: Path
    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line, self.code)


def suggest(word: str, choices: Iterable[str]) -> list[str]:
    """Up to three of ``choices`` close to ``word``, best first, for "did you mean" hints."""
    return difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)


# Problems about a directory's entries (junk files, links, directories where records belong):
# told up to MAX_PER_FILE for each directory, then one line for the rest, as for a file.
ENTRY_CODES = frozenset({"unexpected-file", "not-a-regular-file"})
# The line in place of a directory's entry problems past the limit: made by the listing itself
# (files.layout), which then stops making them, or by :func:`capped`.
DIRECTORY_REST = "too-many-problems-in-directory"


def _group(problem: Problem) -> tuple[bool, Path]:
    """Whether ``problem`` is about an entry of a directory, and the file or directory it is
    counted against."""
    if problem.code == DIRECTORY_REST:
        return True, problem.path
    if problem.code in ENTRY_CODES and problem.line == 1:
        return True, problem.path.parent
    return False, problem.path


def _weight(problem: Problem) -> int:
    return int(problem.params.get("count", 1)) if problem.code == DIRECTORY_REST else 1


def total(problems: Iterable[Problem]) -> int:
    """How many problems ``problems`` stands for: a directory's line for the rest counts them."""
    return sum(_weight(p) for p in problems)


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with at most :data:`MAX_PER_FILE` for each file, and as many about the
    entries of each directory, in their order; in the place of the rest, one
    ``too-many-problems`` problem saying how many, at the line of the first not told (for a
    directory, one ``too-many-problems-in-directory`` at the directory)."""
    told: dict[tuple[bool, Path], int] = {}
    rest: dict[tuple[bool, Path], list[Problem]] = {}
    kept: list[Problem] = []
    for problem in problems:
        group = _group(problem)
        count = told.get(group, 0)
        if count < MAX_PER_FILE and problem.code != DIRECTORY_REST:
            told[group] = count + 1
            kept.append(problem)
        else:
            rest.setdefault(group, []).append(problem)
    if not rest:
        return kept
    out: list[Problem] = []

    def summary(group: tuple[bool, Path]) -> Problem:
        more = rest.pop(group)
        params = {"count": total(more), "limit": MAX_PER_FILE}
        if group[0]:
            return Problem(group[1], 1, DIRECTORY_REST, params)
        return Problem(group[1], more[0].line, "too-many-problems", params)

    for problem in kept:
        out.append(problem)
        group = _group(problem)
        told[group] -= 1
        if group in rest and not told[group]:  # after the last problem told of the group
            out.append(summary(group))
    out.extend(summary(group) for group in list(rest))
    return out
