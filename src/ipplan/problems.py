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


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with at most :data:`MAX_PER_FILE` for each file, in their order; in the
    place of the rest, one ``too-many-problems`` problem saying how many, at the line of the
    first not told."""
    told: dict[Path, int] = {}
    rest: dict[Path, list[Problem]] = {}
    kept: list[Problem] = []
    for problem in problems:
        count = told.get(problem.path, 0)
        if count < MAX_PER_FILE:
            told[problem.path] = count + 1
            kept.append(problem)
        else:
            rest.setdefault(problem.path, []).append(problem)
    if not rest:
        return kept
    out: list[Problem] = []
    for problem in kept:
        out.append(problem)
        told[problem.path] -= 1
        more = rest.get(problem.path)
        if more and not told[problem.path]:  # after the file's last problem told
            params = {"count": len(more), "limit": MAX_PER_FILE}
            out.append(Problem(problem.path, more[0].line, "too-many-problems", params))
    return out
