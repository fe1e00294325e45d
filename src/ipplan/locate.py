"""Which plan a command works on: --data, --plan, the working directory, $IPPLAN_DATA, the
bundled copy; and what an output must leave alone around it."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ipplan.errors import (
    ChoosePlan,
    DataDirIsFile,
    DataDirNotFound,
    DataDirUnreadable,
    IpplanError,
    NotAPlanDirectory,
    NoWorkspace,
    OutputDirMissing,
    OutputInsidePlan,
    OutputIsData,
    OutputIsWorkspace,
    OutputMakesPlan,
    OutputNotAFile,
    write_error,
)
from ipplan.files import atomic, layout
from ipplan.files.discover import WORKSPACE, Search

if TYPE_CHECKING:
    from ipplan.workspace import Workspace
ENV_VAR = "IPPLAN_DATA"
PLAN_VAR = "IPPLAN_PLAN"  # a plan of the workspace, by name


def bundled_dir() -> Path:
    """The plan shipped with ipplan: inside the installed package, or the source tree's data/."""
    packaged = Path(__file__).parent / "plan"
    if (packaged / layout.FILES["indicators"]).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def locate(
    explicit: Path | None, environ: Mapping[str, str], cwd: Path, plan: str | None = None
) -> layout.DataDir:
    """Choose the data directory, the way git finds its repository.

    --data, else the plan of the workspace named by --plan or $IPPLAN_PLAN, else the innermost
    plan in ``cwd`` or a directory above it (see :mod:`ipplan.files.discover`), else $IPPLAN_DATA,
    else the bundled plan. In a workspace but outside every plan's directory, a workspace of
    several plans asks which one. A plan or workspace the search refused (someone else's) is
    never used: $IPPLAN_DATA is, when set; else the refusal is the error.
    """
    from ipplan.files import discover

    if explicit is not None:
        return named(explicit)
    found = discover.search(cwd, environ)
    name = plan or environ.get(PLAN_VAR) or None
    if name is not None:
        if found.workspace is None:
            if found.refused is not None:
                raise found.refused.error()
            raise NoWorkspace(name=name, start=str(found.start), top=str(found.top))
        return layout.DataDir(workspace_at(found.workspace).plan(name).directory)
    if found.plan is not None and found.plan_first:
        return layout.DataDir(found.plan)
    if found.workspace is not None:
        workspace = workspace_at(found.workspace)
        if len(workspace.plans) == 1:
            return layout.DataDir(workspace.plans[0].directory)
        raise ChoosePlan(file=str(found.workspace), names=", ".join(workspace.names))
    if environ.get(ENV_VAR):
        return named(Path(environ[ENV_VAR]))
    if found.refused is not None:
        raise found.refused.error()
    return layout.DataDir(bundled_dir(), bundled=True, search=found)


def plan_named(chosen: str, environ: Mapping[str, str], cwd: Path) -> layout.DataDir:
    """The plan a person named as ``chosen`` (``new --from OLD``): a directory holding a plan,
    else, when no such directory exists, the plan of that name in the workspace around ``cwd``
    (an unknown name is told with the workspace's names)."""
    from ipplan.workspace import NAME

    path = Path(chosen)
    if path.exists() or not NAME.fullmatch(chosen):
        return named(path)
    from ipplan.files import discover

    found = discover.search(cwd, environ)
    if found.workspace is None:
        return named(path)  # not a directory, and no workspace to name a plan: DataDirNotFound
    return layout.DataDir(workspace_at(found.workspace).plan(chosen).directory)


def governing(found: Search) -> Path | None:
    """The workspace file that governs where the search started: the one found, unless the
    plan found is nearer and the workspace does not list it (that plan stands alone). A
    workspace file with problems governs, so that they are told."""
    from ipplan.workspace import read_workspace

    if found.workspace is None or found.plan is None or not found.plan_first:
        return found.workspace
    workspace, _ = read_workspace(found.workspace)
    if workspace is not None and workspace.listing(found.plan) is None:
        return None
    return found.workspace


def workspace_at(path: Path) -> Workspace:
    from ipplan.workspace import load_workspace  # checked by pydantic: only here

    return load_workspace(path)


def named(chosen: Path) -> layout.DataDir:
    """The data directory a person named; refused unless it holds a plan."""
    if is_kind(chosen, "file"):
        raise DataDirIsFile(path=str(chosen))
    if not is_kind(chosen, "dir"):
        raise DataDirNotFound(path=str(chosen))
    # Whatever stands there (a link, a pipe) is the plan's file, read or refused as such; a
    # directory ipplan may not look into is said to be unreadable, not to hold no plan.
    try:
        (chosen / layout.FILES["indicators"]).lstat()
    except (FileNotFoundError, NotADirectoryError):
        raise NotAPlanDirectory(path=str(chosen)) from None
    except OSError as exc:
        raise DataDirUnreadable(path=str(chosen), detail=exc.strerror or str(exc)) from None
    return layout.DataDir(chosen)


def is_kind(path: Path, kind: str) -> bool:
    """Whether ``path`` is a directory (or a file); a directory ipplan may not look into is
    refused with :class:`DataDirUnreadable`, never taken for a missing one."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        where = path if kind == "dir" else path.parent
        raise DataDirUnreadable(path=str(where), detail=exc.strerror or str(exc)) from None
    return stat.S_ISDIR(mode) if kind == "dir" else stat.S_ISREG(mode)


class Neighbourhood(NamedTuple):
    """What an output (a report, a site) must leave alone: the data directory of every plan
    around it and every workspace file, each as an absolute path with no link in it."""

    plans: tuple[Path, ...]
    workspaces: tuple[Path, ...]


def neighbourhood(
    directories: Sequence[Path], cwd: Path, environ: Mapping[str, str]
) -> Neighbourhood:
    """The data directories ``directories``, and every plan of the workspace found around
    ``cwd`` or around any of them (:mod:`ipplan.files.discover`), with those workspaces' files.

    A workspace file with a problem is refused (:class:`DataInvalid`), as every command that
    reads it refuses it: which plans it names cannot be known.
    """
    from ipplan.files import discover

    files: list[Path] = []
    for start in (cwd, *directories):
        found = discover.search(start, environ).workspace
        if found is not None and found not in files:
            files.append(found)
    plans = list(directories)
    for file in files:
        plans += [member.directory for member in workspace_at(file).plans]
    return Neighbourhood(_real(plans), _real(files))


def _real(paths: Sequence[Path]) -> tuple[Path, ...]:
    """Each path once, absolute and with its links resolved."""
    seen: dict[Path, None] = {}
    for path in paths:
        seen[real_path(path)] = None
    return tuple(seen)


def real_path(path: Path) -> Path:
    """``path`` absolute, with every link in it resolved (as far as it exists); a loop of links
    leaves the path as it is, absolute, for the write itself to refuse."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: Python before 3.13 raises RuntimeError
        return path.absolute()


def plans_at_or_above(path: Path) -> list[Path]:
    """The data directory of every plan at or above ``path`` (as :func:`real_path` gives it),
    wherever it is, in a workspace or not: a directory holding indicators.yaml, or the data/
    of one that holds data/indicators.yaml; innermost first."""
    found: list[Path] = []
    indicators = layout.FILES["indicators"]
    for directory in (path, *path.parents):
        for top in (directory, directory / "data"):
            if os.path.lexists(top / indicators) and top not in found:
                found.append(top)
    return found


def keep_out_of_plans(
    target: Path,
    around: Neighbourhood | None = None,
    refusal: type[IpplanError] = OutputInsidePlan,
    allowed: str | None = None,
    itself: bool = True,
) -> Path:
    """The real path of the output directory ``target``, refused (``refusal``, given ``path``
    and ``plan``) when it is a plan's data directory or lies inside one: a plan ``around``
    names, or any plan at or above it wherever it is (:func:`plans_at_or_above`), in any
    workspace or none; and refused when a link on the way may have been planted by someone
    else (:func:`ipplan.files.atomic.refuse_planted_link`). The one check of every directory
    ipplan writes into (``site``, ``schema DIR``, ``init DIR``, ``new DIR``); ``allowed``
    names a directory of a plan that may be written (``schema`` for the schemas); without
    ``itself``, a plan's data directory itself is left to the caller (``init`` and ``new`` say
    that a plan is there already)."""
    atomic.refuse_planted_link(target)
    real = real_path(target)
    for top in (*(() if around is None else around.plans), *plans_at_or_above(real)):
        if allowed is not None and real == top / allowed:
            continue
        if (itself and real == top) or top in real.parents:
            raise refusal(path=str(target), plan=str(top))
    return real


def plan_owns(top: Path, target: Path) -> bool:
    """Whether ``target`` is a file of the plan whose data directory is ``top`` (both as
    :func:`real_path` gives them), or lies in one of its own directories."""
    if target.parent == top:
        if target.name in (*layout.FILES.values(), *layout.OWNED_FILES):
            return True
        # a data file may be a link inside the data directory: the file it leads to is the plan's
        if any(real_path(top / name) == target for name in layout.FILES.values()):
            return True
    return any(target.is_relative_to(top / name) for name in layout.owned_directories())


def ensure_not_data(output: Path, around: Neighbourhood) -> None:
    """Refuse an output path that is a file of any plan ``around`` names or of any plan at or
    above it wherever it is (:func:`plans_at_or_above`), or lies in one of its directories
    (records, schemas, work plans), or is a workspace file; a link is followed. A file named
    as a workspace's or a plan's (ipplan.yaml, indicators.yaml) is refused even when it does
    not exist: written, it would make a workspace or a plan of its directory."""
    target = real_path(output)
    for top in (*around.plans, *plans_at_or_above(target.parent)):
        if plan_owns(top, target):
            raise OutputIsData(path=str(output), plan=str(top))
    if target in around.workspaces or (
        target.name == WORKSPACE and os.path.lexists(target)  # any workspace's, wherever it is
    ):
        raise OutputIsWorkspace(path=str(output))
    for name in (output.name, target.name):  # a new one would make a plan or a workspace
        if name in (WORKSPACE, layout.FILES["indicators"]):
            raise OutputMakesPlan(path=str(output), name=name)


def report_target(
    data_dir: layout.DataDir, output: Path, cwd: Path, environ: Mapping[str, str]
) -> Path:
    """The regular file a report is written to: ``output``, or the file its symlink leads to.

    Refused, before any work and without opening anything (opening a named pipe would wait for
    a reader): a path through a link someone else may have planted in a shared directory
    (:func:`ipplan.files.atomic.refuse_planted_link`), a file of the plan, of any plan of the
    workspace around it or around ``cwd`` or of any plan at or above the output,
    the workspace file, a directory, a device, a pipe or a socket, and a file whose directory
    does not exist. The report then replaces the file whole, atomically.
    """
    atomic.refuse_planted_link(output)
    ensure_not_data(output, neighbourhood([data_dir.path], cwd, environ))
    try:
        mode = output.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise write_error(output, exc) from None
    if mode is not None and not stat.S_ISREG(mode):
        from ipplan.files.yaml_read import file_kind

        raise OutputNotAFile(path=str(output), kind=file_kind(mode))
    target = output.resolve() if output.is_symlink() else output
    directory = target.parent
    if not is_kind(directory, "dir"):
        raise OutputDirMissing(path=str(output), directory=str(directory))
    return target
