"""The views of problems: ``validate``'s findings for machines (``--json``) and as GitHub
Actions annotations, and paths as every message shows them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

from ipplan.problems import Problem, capped
from ipplan.text.i18n import problem_message


class ProblemView(TypedDict):
    """One problem of ``validate --json``: ``path:line: code: message`` as fields, and whether
    it fails the check (``error``) or is named while the plan is valid (``warning``: a target or
    baseline still to be set)."""

    file: str
    line: int
    code: str
    message: str
    level: str


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def problems_view(
    problems: Sequence[Problem], lang: str, level: str = "error"
) -> list[ProblemView]:
    """Problems for machines: file, line, code, message and ``level``; no more than a hundred
    of one file, then one saying how many more (:func:`ipplan.problems.capped`)."""
    return [
        {
            "file": display_path(p.path),
            "line": p.line,
            "code": p.code,
            "message": problem_message(p.code, p.params, lang),
            "level": level,
        }
        for p in capped(problems)
    ]


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotations(problems: Sequence[Problem], lang: str, level: str = "error") -> list[str]:
    """Problems as GitHub Actions workflow commands (``::error``, or ``::warning`` for what is
    named while the plan is valid), which the pull request shows on its diff.

    Escaped as the runner expects: ``%``, CR and LF everywhere; ``:`` and ``,`` in properties.
    """
    return [
        f"::{level} file={_escape_property(p['file'])},line={p['line']},"
        f"title={_escape_property(p['code'])}::{_escape_data(p['message'])}"
        for p in problems_view(problems, lang, level)
    ]
