"""Finding the plan from wherever ipplan runs, the way git finds its repository.

From the working directory upwards, each directory is looked at for a plan (a directory holding
``indicators.yaml``, or a ``data/`` beside it holding one) and for a workspace file
(``ipplan.yaml``). The search stops at the root of the git repository it started in, at the home
directory, or below any directory named in ``$IPPLAN_CEILING_DIRECTORIES`` (``:``-separated,
as git's ``GIT_CEILING_DIRECTORIES``), so that a plan elsewhere on the machine is never picked
up by accident.

Nor is a plan or workspace file used that someone else could have left on the way up (git's
"dubious ownership" rule, CVE-2022-24765): one owned by another user, or found in a directory
anyone may write to (world-writable, or sticky as ``/tmp`` is) or above one. The search stops
there and says so (:class:`Refusal`), unless ``$IPPLAN_SAFE_DIRECTORIES`` (``os.pathsep``-separated,
as git's ``safe.directory``; ``*`` for all, ``DIR/*`` for all below DIR) names the directory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ipplan.errors import IpplanError

INDICATORS = "indicators.yaml"
DATA = "data"
WORKSPACE = "ipplan.yaml"
CEILING_VAR = "IPPLAN_CEILING_DIRECTORIES"
SAFE_VAR = "IPPLAN_SAFE_DIRECTORIES"
# A directory anyone may write to, or anyone may add to (sticky, as /tmp).
SHARED_MODE = stat.S_IWOTH | stat.S_ISVTX


class Refusal(NamedTuple):
    """A plan or workspace file met on the way up that is not used: someone else could have left
    it there. ``culprit`` is what makes it so: a path of another user, or a directory anyone may
    write to (``shared``)."""

    kind: str  # "plan" or "workspace"
    found: Path  # the plan's directory, or the ipplan.yaml
    directory: Path  # the directory the search found it in: what IPPLAN_SAFE_DIRECTORIES names
    culprit: Path
    owner: int  # the culprit's owner
    mode: int  # the culprit's mode
    shared: bool

    def error(self) -> IpplanError:
        from ipplan.errors import UnsafeOwner, UnsafeSharedDirectory

        params = {
            "kind": self.kind,
            "found": str(self.found),
            "directory": str(self.directory),
            "owner": user_name(self.owner),
        }
        if self.shared:
            above = self.culprit != self.directory and self.culprit != self.found
            return UnsafeSharedDirectory(
                shared=str(self.culprit), mode=stat.filemode(self.mode), above=above, **params
            )
        euid = _euid()
        user = "?" if euid is None else user_name(euid)
        return UnsafeOwner(path=str(self.culprit), user=user, **params)


class Search(NamedTuple):
    """What a search upwards from ``start`` found, and where it looked."""

    start: Path
    searched: tuple[Path, ...]
    plan: Path | None = None  # the innermost plan directory
    workspace: Path | None = None  # the innermost ipplan.yaml
    refused: Refusal | None = None  # what the search stopped at, not to be used
    plan_at: Path | None = None  # the directory the plan was found in (itself, or beside data/)

    @property
    def plan_first(self) -> bool:
        """Whether the plan found is the innermost: in the workspace's directory or below it
        (a workspace found below the plan's directory is nearer)."""
        if self.plan_at is None:
            return False
        return self.workspace is None or self.workspace.parent in (
            self.plan_at,
            *self.plan_at.parents,
        )

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
    except (OSError, ValueError):  # no such file, or a name no file can have (a NUL byte)
        pass


def ceilings(environ: Mapping[str, str]) -> set[Path]:
    raw = environ.get(CEILING_VAR, "")
    return {Path(part).absolute() for part in raw.split(os.pathsep) if part.strip()}


def safe_directories(environ: Mapping[str, str]) -> list[str]:
    """The directories named in ``$IPPLAN_SAFE_DIRECTORIES``, as written."""
    raw = environ.get(SAFE_VAR, "")
    return [part.strip() for part in raw.split(os.pathsep) if part.strip()]


def _marked_safe(directories: tuple[Path, ...], safe: list[str]) -> bool:
    """Whether one of ``directories`` is named safe: itself, ``*``, or ``ABOVE/*``."""
    if "*" in safe:
        return True
    real = {os.path.realpath(d) for d in directories} | {str(d) for d in directories}
    for entry in safe:
        if entry.endswith(("/*", os.sep + "*")):
            top = os.path.join(os.path.realpath(entry[:-2]), "")
            if any(r.startswith(top) for r in real):
                return True
        elif os.path.realpath(entry) in real or entry.rstrip("/") in real:
            return True
    return False


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def owners(environ: Mapping[str, str]) -> frozenset[int] | None:
    """The users whose paths are the user's own, as git decides it: the user, and for root run
    through sudo the user who ran sudo too. None where files have no owners to compare."""
    euid = _euid()
    if euid is None:
        return None
    sudo = environ.get("SUDO_UID", "")
    if euid == 0 and sudo.isdigit():
        return frozenset({euid, int(sudo)})
    return frozenset({euid})


def _shared(directory: Path) -> os.stat_result | None:
    """The status of ``directory`` when anyone may write to it (or add to it: sticky)."""
    try:
        info = directory.stat()
    except (OSError, ValueError):
        return None
    return info if info.st_mode & SHARED_MODE else None


def _trust(
    kind: str,
    found: Path,
    directory: Path,
    paths: tuple[Path, ...],
    shared: tuple[Path, os.stat_result] | None,
    safe: list[str],
    yours: frozenset[int] | None,
) -> Refusal | None:
    """Why ``found`` (met in ``directory``) is not to be used, or None: ``paths`` (the directory,
    the plan's directory, its file) must each be the user's and none may be open to anyone;
    nor may ``directory`` be, or lie above, a ``shared`` directory."""
    if safe and _marked_safe((directory, found if kind == "plan" else directory), safe):
        return None
    if shared is not None:
        where, info = shared
        return Refusal(kind, found, directory, where, info.st_uid, info.st_mode, True)
    for path in paths:
        try:
            info = path.lstat()
        except (OSError, ValueError):
            continue  # gone since: nothing of anyone's to use
        if stat.S_ISDIR(info.st_mode) and info.st_mode & SHARED_MODE:
            return Refusal(kind, found, directory, path, info.st_uid, info.st_mode, True)
        if yours is not None and info.st_uid not in yours:
            return Refusal(kind, found, directory, path, info.st_uid, info.st_mode, False)
    return None


def _plan_here(
    directory: Path,
    shared: tuple[Path, os.stat_result] | None,
    safe: list[str],
    yours: frozenset[int] | None,
) -> Path | None:
    """:func:`plan_in`; a ``data/`` ipplan may not look into is, when it may be anyone's, taken
    for the plan it may be (refused as such), not told as unreadable."""
    from ipplan.errors import DataDirUnreadable

    try:
        return plan_in(directory)
    except DataDirUnreadable:
        data = directory / DATA
        if _trust("plan", data, directory, (directory, data), shared, safe, yours) is None:
            raise
        return data


def user_name(uid: int) -> str:
    """The name of user ``uid``, or the number when it has none."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def search(cwd: Path, environ: Mapping[str, str], home: Path | None = None) -> Search:
    """Look from ``cwd`` upwards for the innermost plan and the innermost workspace file.

    The search stops at the first plan or workspace file that someone else could have left
    (:func:`_trust`): it is :attr:`Search.refused`, and nothing above it is looked at.
    """
    start = cwd.absolute()
    stops = ceilings(environ)
    safe = safe_directories(environ)
    yours = owners(environ)
    if home is None:
        home = Path(environ.get("HOME") or Path.home())
    home = home.absolute()
    searched: list[Path] = []
    plan: Path | None = None
    plan_at: Path | None = None
    workspace: Path | None = None
    refused: Refusal | None = None
    shared: tuple[Path, os.stat_result] | None = None
    directory = start
    while directory not in stops:
        searched.append(directory)
        if shared is None and (info := _shared(directory)) is not None:
            shared = (directory, info)  # here and above, anything found may be anyone's
        if plan is None and (found := _plan_here(directory, shared, safe, yours)) is not None:
            paths: tuple[Path, ...] = (directory, found, found / INDICATORS)
            refused = _trust("plan", found, directory, paths, shared, safe, yours)
            if refused is not None:
                break
            plan, plan_at = found, directory
        if workspace is None and _is_file(directory / WORKSPACE):
            paths = (directory, directory / WORKSPACE)
            file = directory / WORKSPACE
            refused = _trust("workspace", file, directory, paths, shared, safe, yours)
            if refused is not None:
                break
            workspace = directory / WORKSPACE
        if is_repository(directory) or directory == home or directory.parent == directory:
            break
        directory = directory.parent
    return Search(start, tuple(searched), plan, workspace, refused, plan_at)
