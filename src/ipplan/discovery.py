"""Finding the plan from wherever ipplan runs, the way git finds its repository.

From the working directory upwards, each directory is looked at for a plan (a directory holding
``indicators.yaml``, or a ``data/`` beside it holding one) and for a workspace file
(``ipplan.yaml``). The search stops at the root of the git repository it started in, at the home
directory, or below any directory named in ``$IPPLAN_CEILING_DIRECTORIES`` (``:``-separated,
as git's ``GIT_CEILING_DIRECTORIES``), so that a plan elsewhere on the machine is never picked
up by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

INDICATORS = "indicators.yaml"
DATA = "data"
WORKSPACE = "ipplan.yaml"
CEILING_VAR = "IPPLAN_CEILING_DIRECTORIES"


@dataclass(frozen=True)
class Search:
    """What a search upwards from ``start`` found, and where it looked."""

    start: Path
    searched: tuple[Path, ...]
    plan: Path | None = None  # the innermost plan directory
    workspace: Path | None = None  # the innermost ipplan.yaml

    @property
    def top(self) -> Path:
        """The last directory looked at."""
        return self.searched[-1] if self.searched else self.start


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # unreadable, or a name no file can have (a NUL byte)
        return False


def is_repository(directory: Path) -> bool:
    """Whether ``directory`` is the top of a git repository's work tree: it holds ``.git``, a
    directory or, for a worktree or submodule, a file (even a link to nowhere)."""
    try:
        return os.path.lexists(directory / ".git")
    except ValueError:  # a name no file can have (a NUL byte)
        return False


def plan_in(directory: Path) -> Path | None:
    """The plan directory that ``directory`` holds or is: itself, or its ``data/``."""
    if _is_file(directory / INDICATORS):
        return directory
    if _is_file(directory / DATA / INDICATORS):
        return directory / DATA
    _refuse_unreadable(directory / DATA)
    return None


def _refuse_unreadable(data: Path) -> None:
    """A ``data/`` directory that ipplan may not look into is named, not passed over: showing
    another plan instead would be silently wrong."""
    from ipplan.errors import DataDirUnreadable

    try:
        (data / INDICATORS).stat()
    except PermissionError as exc:
        raise DataDirUnreadable(path=str(data), detail=exc.strerror or str(exc)) from None
    except OSError:
        pass


def ceilings(environ: Mapping[str, str]) -> set[Path]:
    raw = environ.get(CEILING_VAR, "")
    return {Path(part).absolute() for part in raw.split(os.pathsep) if part.strip()}


def search(cwd: Path, environ: Mapping[str, str], home: Path | None = None) -> Search:
    """Look from ``cwd`` upwards for the innermost plan and the innermost workspace file."""
    start = cwd.absolute()
    stops = ceilings(environ)
    if home is None:
        home = Path(environ.get("HOME") or Path.home())
    home = home.absolute()
    searched: list[Path] = []
    plan: Path | None = None
    workspace: Path | None = None
    directory = start
    while directory not in stops:
        searched.append(directory)
        if plan is None:
            plan = plan_in(directory)
        if workspace is None and _is_file(directory / WORKSPACE):
            workspace = directory / WORKSPACE
        if is_repository(directory) or directory == home or directory.parent == directory:
            break
        directory = directory.parent
    return Search(start, tuple(searched), plan, workspace)
