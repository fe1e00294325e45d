"""A problem found in a data file: where it is, a stable code, and what the message needs."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding of validation: ``path:line: code: message``.

    ``code`` is stable and what tests and scripts match on; the message is rendered from the
    catalogue in :mod:`ipplan.i18n` with ``params``, so its wording may change freely.
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
