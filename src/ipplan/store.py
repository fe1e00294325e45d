"""Where the plan lives on disk: finding the data directory, loading it, writing it safely.

The data directory holds the files people write (``indicators.yaml``, ``tasks.yaml``) and the
records the tool writes, one small file each (``actuals/<key>/<year>.yaml``,
``updates/<action-id>/<stamp>.yaml``; see :mod:`ipplan.files.layout`). Only records are ever
written,
always through :func:`atomic_write`. The tool's two single files of earlier versions
(``actuals.yaml``, ``task_log.yaml``) are still read, and the next write moves their records
into the record files (:func:`ipplan.write.migrate`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipplan.errors import (
    ChoosePlan,
    DataDirIsFile,
    DataDirNotFound,
    DataDirUnreadable,
    DataInvalid,
    DataLocked,
    DataNotWritable,
    DiskFull,
    InvalidLockTimeout,
    IpplanError,
    LockLost,
    LockLostMidway,
    LockModeOwn,
    LockNotAFile,
    LockNotOurs,
    NotAPlanDirectory,
    NoWorkspace,
    OutputDirMissing,
    OutputIsData,
    OutputIsWorkspace,
    OutputNotAFile,
    ReadOnlyData,
    TargetExists,
    WriteStoppedMidway,
    write_error,
)
from ipplan.files import layout
from ipplan.files.discover import Search
from ipplan.plan import Plan
from ipplan.problems import Problem

if TYPE_CHECKING:
    from ipplan.check.rules import Checked as CoreChecked
    from ipplan.data import Actual
    from ipplan.files.cache import Origin, Snapshot
    from ipplan.files.lock import Lock
    from ipplan.files.yaml_read import Document
    from ipplan.workplans.book import WorkPlans
    from ipplan.workspaces.workspace import Workspace

SCHEMA_DIR = "schema"  # beside the data files, as their first lines name it
FILES: dict[str, str] = {
    "indicators": "indicators.yaml",
    "tasks": "tasks.yaml",
    "actuals": "actuals.yaml",
    "task_log": "task_log.yaml",
}
# The tool's single files of earlier versions: read when present, and migrated on the next write.
LEGACY = {"actuals", "task_log"}
ENV_VAR = "IPPLAN_DATA"
PLAN_VAR = "IPPLAN_PLAN"  # a plan of the workspace, by name
# Writers take this lock in the data directory; the operating system releases it when the
# process ends, however it ends, so a crashed writer never leaves the plan locked.
LOCK_NAME = ".ipplan.lock"
LOCK_TIMEOUT_VAR = "IPPLAN_LOCK_TIMEOUT"
LOCK_TIMEOUT = 10.0  # seconds
TEMP_SUFFIX = ".tmp"
# What a data directory holds that is not data: the lock, and the temporary file of a write
# that was killed before it finished (removed by the next write).
GITIGNORE = f"{LOCK_NAME}\n.*{TEMP_SUFFIX}\n"


@dataclass(frozen=True)
class DataDir:
    """A data directory and whether it is the read-only copy bundled with ipplan."""

    path: Path
    bundled: bool = False
    # Where ipplan looked before settling on the bundled plan, to say so.
    search: Search | None = field(default=None, compare=False)

    def file(self, name: str) -> Path:
        """The path of data file ``name``: a key of :data:`FILES`, or a record's relative path."""
        return self.path / FILES.get(name, name)


def bundled_dir() -> Path:
    """The plan shipped with ipplan: inside the installed package, or the source tree's data/."""
    packaged = Path(__file__).parent / "plan"
    if (packaged / FILES["indicators"]).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def locate(
    explicit: Path | None, environ: Mapping[str, str], cwd: Path, plan: str | None = None
) -> DataDir:
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
        return DataDir(_workspace(found.workspace).plan(name).directory)
    if found.plan is not None and found.plan_first:
        return DataDir(found.plan)
    if found.workspace is not None:
        workspace = _workspace(found.workspace)
        if len(workspace.plans) == 1:
            return DataDir(workspace.plans[0].directory)
        raise ChoosePlan(file=str(found.workspace), names=", ".join(workspace.names))
    if environ.get(ENV_VAR):
        return named(Path(environ[ENV_VAR]))
    if found.refused is not None:
        raise found.refused.error()
    return DataDir(bundled_dir(), bundled=True, search=found)


def governing(found: Search) -> Path | None:
    """The workspace file that governs where the search started: the one found, unless the
    plan found is nearer and the workspace does not list it (that plan stands alone). A
    workspace file with problems governs, so that they are told."""
    from ipplan.workspaces.workspace import read_workspace

    if found.workspace is None or found.plan is None or not found.plan_first:
        return found.workspace
    workspace, _ = read_workspace(found.workspace)
    if workspace is not None and workspace.listing(found.plan) is None:
        return None
    return found.workspace


def _workspace(path: Path) -> Workspace:
    from ipplan.workspaces.workspace import load_workspace  # checked by pydantic: only here

    return load_workspace(path)


def named(chosen: Path) -> DataDir:
    """The data directory a person named; refused unless it holds a plan."""
    if _is(chosen, "file"):
        raise DataDirIsFile(path=str(chosen))
    if not _is(chosen, "dir"):
        raise DataDirNotFound(path=str(chosen))
    # Whatever stands there (a link, a pipe) is the plan's file, read or refused as such; a
    # directory ipplan may not look into is said to be unreadable, not to hold no plan.
    try:
        (chosen / FILES["indicators"]).lstat()
    except (FileNotFoundError, NotADirectoryError):
        raise NotAPlanDirectory(path=str(chosen)) from None
    except OSError as exc:
        raise DataDirUnreadable(path=str(chosen), detail=exc.strerror or str(exc)) from None
    return DataDir(chosen)


def _is(path: Path, kind: str) -> bool:
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


def read_documents(data_dir: DataDir) -> tuple[dict[str, Document], list[Problem]]:
    """Parse every data file of ``data_dir``; the problems are those of reading and parsing.

    The documents are keyed by the names of :data:`FILES`, and each record file by its path
    relative to the data directory (``actuals/practitioners/2023.yaml``).
    """
    docs, problems = read_definitions(data_dir)
    docs.update(read_records(data_dir, problems))
    return docs, problems


def read_records(data_dir: DataDir, problems: list[Problem]) -> Iterator[tuple[str, Document]]:
    """Each record file of ``data_dir``, parsed as it is asked for, by its relative path; the
    problems of listing, reading and parsing them go to ``problems``."""
    from ipplan.files.yaml_read import read

    base = str(data_dir.path)
    for relative in record_files(data_dir, problems):  # paths as text: see yamlio.Document
        doc, found = read(f"{base}/{relative}", data_dir.path, scanned=True, record=True)
        problems.extend(found)
        yield relative, doc


def read_definitions(data_dir: DataDir) -> tuple[dict[str, Document], list[Problem]]:
    """Parse the files of :data:`FILES` in ``data_dir`` (a missing legacy file is empty)."""
    from ipplan.files.yaml_read import Document, read

    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = data_dir.file(name)
        if name in LEGACY and not os.path.lexists(path):
            docs[name] = Document(path, None)
            continue
        doc, found = read(path, data_dir.path, lines_later=True)
        docs[name] = doc
        problems.extend(found)
    return docs, problems


def record_files(data_dir: DataDir, problems: list[Problem] | None = None) -> list[str]:
    """The relative paths of every record file in ``data_dir``; what does not belong in the
    record directories is added to ``problems``."""
    found: list[str] = []
    for kind in layout.KINDS.values():
        paths, stray = layout.scan(data_dir.path, kind)
        found += paths
        if problems is not None:
            problems.extend(stray)
    return found


def load(data_dir: DataDir) -> Plan:
    """Load and validate the plan in ``data_dir``; raise :class:`DataInvalid` on any problem.

    A plan read before from files that have not changed since comes from :mod:`ipplan.files.cache`;
    a cache location that may not be used is refused, whatever the plan holds.
    """
    from ipplan.files import cache

    cache.location(data_dir.path, os.environ)
    taken = time.time_ns()
    seen = cache.snapshot(data_dir.path)
    if seen is not None:
        cached = from_cache(data_dir, seen[0])
        if cached is not None:
            return cached
    plan = load_fresh(data_dir, None if seen is None else (seen[0], taken))
    if seen is not None:
        cache.store(data_dir.path, seen, taken, _parts(plan), os.environ)
    return plan


# The actuals of this many indicators go in one part of a cache entry (ipplan.files.cache.store).
_PART = 1000


def _parts(plan: Plan) -> list[Any]:
    """``plan`` in parts of plain data for the cache (:func:`from_cache` builds it back): what
    its origin holds beside the files' identity; the plan without its actuals and work plans;
    its actuals a thousand indicators at a time; and each work plan. A record is the list of
    its fields (JSON writes a named tuple as one)."""
    origin = None if plan.origin is None else [plan.origin.taken, dict(plan.origin.digests)]
    rest = {
        "info": plan.info,
        "indicators": plan.indicators,
        "areas": plan.areas,
        "actions": plan.actions,
        "updates": plan.updates,
        "units": [dataclasses.astuple(unit) for unit in plan.units.values()],
        "events": plan.work.events,
    }
    actuals = list(plan.actuals.items())
    parts: list[Any] = [origin, rest]
    parts += [["actuals", actuals[i : i + _PART]] for i in range(0, len(actuals), _PART)]
    for work_plan in plan.work.plans:
        found = work_plan.lines  # by (item, milestone): kept as three lists, the keys' and lines
        lines = [[item for item, _ in found], [number for _, number in found], list(found.values())]
        path = None if work_plan.path is None else str(work_plan.path)
        parts.append(["work", [work_plan.info, work_plan.items, path, lines]])
    return parts


def from_cache(data_dir: DataDir, seen: Snapshot) -> Plan | None:
    """The plan cached for ``data_dir`` when its files are exactly ``seen``; else None."""
    from ipplan.files import cache

    parts = cache.lookup(data_dir.path, seen, os.environ)
    if parts is None:
        return None
    try:
        return _from_parts(iter(parts), seen)
    except Exception:  # plain data of another shape than a plan's: only a miss
        return None


def _from_parts(parts: Iterator[Any], seen: Snapshot) -> Plan:
    """The plan :func:`_parts` gave ``parts`` of, its records built back from plain data."""
    from ipplan import data as e
    from ipplan.files.cache import Origin
    from ipplan.units import Unit
    from ipplan.workplans import entities as w
    from ipplan.workplans.book import WorkPlan, WorkPlans

    moments = e.Moments()
    origin, rest = next(parts), next(parts)
    actuals: dict[str, tuple[Actual, ...]] = {}
    plans = []
    for kind, value in parts:
        if kind == "actuals":
            for key, rows in value:
                actuals[key] = e.actuals_from_rows(rows, moments)
        elif kind == "work":
            info, items, path, (ids, numbers, lines) = value
            plans.append(
                WorkPlan(
                    w.info_from_row(info),
                    w.items_from_rows(items),
                    None if path is None else Path(path),
                    dict(zip(zip(ids, numbers, strict=True), lines, strict=True)),
                )
            )
        else:
            raise ValueError(kind)
    units = [Unit(*row) for row in rest["units"]]
    return Plan(
        info=e.plan_info_from_row(rest["info"]),
        indicators=e.indicators_from_rows(rest["indicators"]),
        areas=e.areas_from_rows(rest["areas"]),
        actions=e.actions_from_rows(rest["actions"]),
        actuals=actuals,
        updates={
            key: e.action_updates_from_rows(rows, moments) for key, rows in rest["updates"].items()
        },
        units={unit.symbol: unit for unit in units},
        origin=None if origin is None else Origin(seen, *origin),
        work=WorkPlans(
            plans=tuple(plans),
            events={key: w.events_from_rows(rows, moments) for key, rows in rest["events"].items()},
        ),
    )


@dataclass
class CheckedFiles:
    """Every data file read and checked (:func:`check_files`): what the check built, every
    problem found, and the digest of each file as it was read, by its path relative to the
    data directory."""

    core: CoreChecked
    work: WorkPlans | None
    problems: list[Problem]
    digests: dict[str, str | None]


def check_files(data_dir: DataDir) -> CheckedFiles:
    """Read and check every file of the plan in ``data_dir``: definitions, records and work
    plans, every rule; what ``ipplan validate`` reports and what a fresh load stands on."""
    from ipplan.check.rules import check
    from ipplan.workplans import loading

    docs, problems = read_definitions(data_dir)
    core = check(docs, read_records(data_dir, problems))  # each record read as it is checked
    problems.extend(core.problems)
    digests = {FILES.get(name, name): doc.digest for name, doc in docs.items()}
    work, work_problems = loading.read_all(data_dir.path, core, digests)
    problems.extend(work_problems)
    return CheckedFiles(core, work, sorted(problems, key=Problem.sort_key), digests)


def load_fresh(data_dir: DataDir, seen: tuple[Snapshot, int] | None = None) -> Plan:
    """Read, check and build the plan in ``data_dir`` from its files, without the cache;
    ``seen`` is the identity of its files listed just before (:func:`ipplan.files.cache.snapshot`)
    and when, kept as the plan's origin."""
    from ipplan.files.cache import Origin, racy

    checked = check_files(data_dir)
    if checked.problems:
        raise DataInvalid(checked.problems)
    assert checked.core.plan is not None and checked.work is not None
    origin = None
    if seen is not None:  # the digests of the files whose identity could hide a change
        kept = {n: checked.digests[n] for n in racy(*seen) if n in checked.digests}
        origin = Origin(seen[0], seen[1], kept)
    return dataclasses.replace(Plan.build(checked.core), origin=origin, work=checked.work)


def current(data_dir: DataDir, plan: Plan) -> Plan:
    """``plan`` if its files are unchanged on disk since it was loaded; else the plan reloaded.

    Called with the write lock held, so that a change is always made to the latest data. The
    files are listed, not read: each must keep its identity (:mod:`ipplan.files.cache`), and only a
    file modified just before the plan was read, whose identity could hide a change, is read
    again and compared with the digest of what was read then.
    """
    if plan.origin is not None and _unchanged(data_dir, plan.origin):
        return plan
    return load(data_dir)


def _unchanged(data_dir: DataDir, origin: Origin) -> bool:
    from ipplan.files import cache
    from ipplan.files.yaml_read import Refused, digest, read_regular

    now = cache.snapshot(data_dir.path)
    if now is None or now[0] != origin.files:
        return False
    for name in origin.racy():
        if name not in origin.digests:
            continue  # not a file the plan is read from (a schema, a README)
        expected = origin.digests[name]
        try:
            if digest(read_regular(data_dir.path / name, data_dir.path)) != expected:
                return False
        except (Refused, OSError):
            return False
    return True


def lock_timeout(environ: Mapping[str, str]) -> float:
    """How long a writer waits for another to finish: $IPPLAN_LOCK_TIMEOUT seconds, else 10.
    A value that is not a number of seconds, zero or more, is refused rather than replaced."""
    raw = environ.get(LOCK_TIMEOUT_VAR, "").strip()
    if not raw:
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InvalidLockTimeout(var=LOCK_TIMEOUT_VAR, value=raw)
    return value + 0.0  # -0 is 0


# After this many seconds a writer waiting for the lock says so (through ``waiting_notice``,
# which the command line sets: the core prints nothing).
WAIT_NOTICE_AFTER = 1.0
waiting_notice: Callable[[Path], None] | None = None


@contextlib.contextmanager
def writing(data_dir: DataDir, timeout: float | None = None) -> Iterator[None]:
    """Hold the data directory's write lock; one writer at a time, the others wait their turn.

    Waits up to ``timeout`` seconds (default: :func:`lock_timeout`), then refuses with
    :class:`DataLocked`. Temporary files left by a writer that was killed are removed once the
    lock is held, since no other writer can then be midway through a write.
    """
    from ipplan.files import lock as locking

    ensure_writable(data_dir)
    seconds = lock_timeout(os.environ) if timeout is None else timeout
    lock_path = data_dir.path / LOCK_NAME
    mode = _lock_mode(data_dir.path)
    if mode is not None:
        _share_own_lock(lock_path, mode)
    lock = locking.lock(str(lock_path), mode)
    try:
        # A short wait passes unnoticed; a longer one is announced once, so nobody takes a
        # waiting command for a hung one.
        if not lock.acquire(min(seconds, WAIT_NOTICE_AFTER)):
            if seconds > WAIT_NOTICE_AFTER and waiting_notice is not None:
                waiting_notice(data_dir.path)
            if not lock.acquire(max(seconds - WAIT_NOTICE_AFTER, 0)):
                raise DataLocked(path=str(data_dir.path), lock=str(lock_path), seconds=seconds)
    except PermissionError as exc:
        raise _not_a_lock(lock_path) or _lock_refused(lock_path, exc) from None
    except OSError as exc:
        raise _not_a_lock(lock_path) or write_error(lock_path, exc) from None
    _held[data_dir.path] = (lock, lock_path)
    try:
        remove_stray_temporaries(data_dir)
        yield
    finally:
        _held.pop(data_dir.path, None)
        lock.release()


# The write lock this process holds, and its file, by data directory (:func:`writing`).
_held: dict[Path, tuple[Lock, Path]] = {}


def confirm_lock(data_dir: DataDir) -> None:
    """Raise :class:`LockLost` when the write lock held on ``data_dir`` is no longer the file
    at its path, so that nothing is written: another writer may already be in. Called before
    every write made under the lock."""
    held = _held.get(data_dir.path)
    if held is not None and not held[0].still_held():
        raise LockLost(lock=str(held[1]))


def _lock_mode(directory: Path) -> int | None:
    """The lock file's mode: in a directory a group may write, the group may take the lock too.

    With the usual umask (022) a lock file would be created -rw-r--r--, and every other member
    of the group would be locked out by the first one to write. So where the directory itself is
    group- or world-writable, the lock file is made writable to the same people, whatever the
    umask. Elsewhere the umask and any default ACL decide, as for any new file.
    """
    try:
        bits = directory.stat().st_mode & 0o777
    except OSError:
        return None
    if not bits & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return bits & 0o666 | stat.S_IRUSR | stat.S_IWUSR


def _share_own_lock(lock_path: Path, mode: int) -> None:
    """Open up a lock file this user made earlier with a narrower mode (an older ipplan, or
    before the directory was shared); only its owner may, and a failure changes nothing."""
    with contextlib.suppress(OSError):
        info = lock_path.stat(follow_symlinks=False)
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and stat.S_IMODE(info.st_mode) & mode != mode
        ):
            os.chmod(lock_path, stat.S_IMODE(info.st_mode) | mode)


def _not_a_lock(lock_path: Path) -> IpplanError | None:
    """The refusal when a link, a directory or a special file stands where the lock belongs."""
    try:
        info = lock_path.lstat()
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISLNK(info.st_mode):
        return LockNotAFile(path=str(lock_path), kind="link")
    if stat.S_ISDIR(info.st_mode):
        return LockNotAFile(path=str(lock_path), kind="directory")
    return LockNotAFile(path=str(lock_path), kind="other")


def _lock_refused(lock_path: Path, exc: OSError) -> IpplanError:
    """The refusal when the lock file exists but may not be opened: its owner and mode, and who
    is asking, so that the fix (chmod g+w, or removing the empty file) is plain."""
    try:
        info = lock_path.stat()
    except OSError:
        return write_error(lock_path, exc)
    if hasattr(os, "geteuid") and info.st_uid == os.geteuid():
        return LockModeOwn(path=str(lock_path), mode=stat.filemode(info.st_mode))
    return LockNotOurs(
        path=str(lock_path),
        owner=_user(info.st_uid),
        group=_group(info.st_gid),
        mode=stat.filemode(info.st_mode),
        user=_user(os.geteuid()) if hasattr(os, "geteuid") else "?",
    )


def _user(uid: int) -> str:
    from ipplan.files.discover import user_name

    return user_name(uid)


def _group(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def stray_temporaries(data_dir: DataDir) -> list[Path]:
    """Temporary files that :func:`atomic_write` left behind when its process was killed."""
    found: list[Path] = []
    for name in FILES.values():
        found += sorted(data_dir.path.glob(f".{name}.*{TEMP_SUFFIX}"))
    schemas = data_dir.path / SCHEMA_DIR  # ipplan schema's files, *.schema.json
    if schemas.is_dir() and not schemas.is_symlink():
        found += sorted(schemas.glob(f".*.schema.json.*{TEMP_SUFFIX}"))
    for kind in layout.KINDS.values():
        base = data_dir.path / kind.name
        if base.is_dir() and not base.is_symlink():
            pattern = "/".join(
                ["*"] * (len(kind.parts) - 1) + [f".*{layout.SUFFIX}.*{TEMP_SUFFIX}"]
            )
            found += sorted(base.glob(pattern))
    return found


def remove_stray_temporaries(data_dir: DataDir) -> None:
    for path in stray_temporaries(data_dir):
        with contextlib.suppress(OSError):
            path.unlink()


def ensure_writable(data_dir: DataDir) -> None:
    """Refuse before any work is done when the data directory may not be written."""
    if data_dir.bundled:
        raise ReadOnlyData(path=str(data_dir.path))


# What a plan owns in its data directory beside the files of FILES: what no output may land on.
OWNED_FILES = (".gitignore", LOCK_NAME)
WORKPLANS_DIR = "workplans"  # the yearly work plans, one file a year


def owned_directories() -> list[str]:
    """The directories of a data directory that belong to the plan as a whole: the records',
    the schemas' and the work plans'."""
    return [kind.name for kind in layout.KINDS.values()] + [SCHEMA_DIR, WORKPLANS_DIR]


@dataclass(frozen=True)
class Neighbourhood:
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
        plans += [member.directory for member in _workspace(file).plans]
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


def plan_owns(top: Path, target: Path) -> bool:
    """Whether ``target`` is a file of the plan whose data directory is ``top`` (both as
    :func:`real_path` gives them), or lies in one of its own directories."""
    if target.parent == top:
        if target.name in (*FILES.values(), *OWNED_FILES):
            return True
        # a data file may be a link inside the data directory: the file it leads to is the plan's
        if any(real_path(top / name) == target for name in FILES.values()):
            return True
    return any(target.is_relative_to(top / name) for name in owned_directories())


def ensure_not_data(output: Path, around: Neighbourhood) -> None:
    """Refuse an output path that is a file of any plan ``around`` names, or lies in one of its
    directories (records, schemas, work plans), or is a workspace file; a link is followed."""
    target = real_path(output)
    for top in around.plans:
        if plan_owns(top, target):
            raise OutputIsData(path=str(output), plan=str(top))
    if target in around.workspaces:
        raise OutputIsWorkspace(path=str(output))


def report_target(data_dir: DataDir, output: Path, cwd: Path, environ: Mapping[str, str]) -> Path:
    """The regular file a report is written to: ``output``, or the file its symlink leads to.

    Refused, before any work and without opening anything (opening a named pipe would wait for
    a reader): a file of the plan or of any plan of the workspace around it or around ``cwd``,
    the workspace file, a directory, a device, a pipe or a socket, and a file whose directory
    does not exist. The report then replaces the file whole, atomically.
    """
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
    if not _is(directory, "dir"):
        raise OutputDirMissing(path=str(output), directory=str(directory))
    return target


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` all at once: the old file or the new one, never a mix.

    Text is written as UTF-8 with ``\n`` line ends; bytes as they are.

    The temporary file sits in the same directory (so the rename is atomic), is flushed and
    synced before the rename, is removed on any failure, and takes the old file's permissions.
    """
    directory = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        _sync_directory(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def apply_writes(data_dir: DataDir, writes: Mapping[str, str | bytes | None]) -> None:
    """Make ``writes`` on disk, one file at a time in the order of their names: each file (a
    name of :data:`FILES` or a path relative to the data directory) replaced with its content
    through :func:`atomic_write`, or removed where the content is None.

    The write lock is confirmed before every file (:func:`confirm_lock`): lost before the first,
    nothing is written (:class:`LockLost`); lost midway, the change stops before its next file
    with :class:`LockLostMidway`, which names the files written and those not. A file the system
    refuses midway stops it the same way (:class:`WriteStoppedMidway`).

    The whole list is known before the first file, and each file is done once the call for it
    returns: a journal, written before the first file and crossed off file by file, would let
    the next writer finish or roll back a change stopped midway.
    """
    order = sorted(writes)
    done: list[str] = []
    for index, name in enumerate(order):
        try:
            confirm_lock(data_dir)
            write_one(data_dir, name, writes[name])
        except LockLost as exc:
            if not done:
                raise
            raise LockLostMidway(
                lock=exc.params["lock"],
                path=str(data_dir.path),
                written=done,
                pending=order[index:],
            ) from None
        except (DataNotWritable, DiskFull) as exc:
            if not done:
                raise
            raise WriteStoppedMidway(
                file=exc.params["path"],
                detail=exc.params.get("detail", ""),
                path=str(data_dir.path),
                written=done,
                pending=order[index:],
            ) from None
        done.append(name)


def write_one(data_dir: DataDir, name: str, content: str | bytes | None) -> None:
    """One file of a change: replaced whole with ``content``, or removed where it is None."""
    path = data_dir.file(name)
    if content is None:
        remove(path, data_dir.path)
        return
    try:
        make_dirs(path.parent, data_dir.path)
    except OSError as exc:
        raise write_error(path.parent, exc) from None
    atomic_write(path, content)


def make_dirs(directory: Path, top: Path) -> None:
    """Create ``directory`` and the missing ones between it and ``top``. In a data directory a
    group shares, each gets the data directory's own mode, so that the next member of the group
    can add a record beside the first one's whatever the umask."""
    missing = []
    current = directory
    while current != top and not current.is_dir():
        missing.append(current)
        current = current.parent
    shared = _lock_mode(top) is not None
    mode = stat.S_IMODE(top.stat().st_mode) if shared else None
    for created in reversed(missing):
        created.mkdir(exist_ok=True)
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(created, mode)


def remove(path: Path, top: Path) -> None:
    """Remove the file ``path``, then the directories it leaves empty, up to ``top``."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise write_error(path, exc) from None
    _sync_directory(path.parent)
    parent = path.parent
    while parent != top and top in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable, where the system allows a directory to be synced."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles to sync
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def init(target: Path) -> list[Path]:
    """Copy the bundled plan into ``target`` as a writable plan; never overwrite one.

    All or nothing: the plan is built in a hidden directory beside ``target`` and renamed into
    place once whole, so a full disk or a kill midway leaves no half plan that would block the
    next ``init``. Into a directory that already exists (and holds no plan), the files are moved
    one by one and taken back out if any move fails.
    """
    import shutil
    import tempfile

    source = bundled_dir()
    names = [FILES[name] for name in FILES if name not in LEGACY]
    shipped = [kind.name for kind in layout.KINDS.values() if (source / kind.name).is_dir()]
    if (source / WORKPLANS_DIR).is_dir():  # the yearly work plans shipped with the plan
        shipped.append(WORKPLANS_DIR)
    for name in [*names, *shipped]:
        if (target / name).exists():
            raise TargetExists(path=str(target / name))
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.init-", dir=parent))
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        for name in names:
            shutil.copyfile(source / name, staging / name)
        for name in shipped:
            _copy_tree(source / name, staging / name)
        (staging / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        write_schemas(staging / SCHEMA_DIR)
        for path in staging.rglob("*"):
            _sync_file(path)
        os.chmod(staging, 0o777 & ~_umask())
        made = _install(staging, target)
    except OSError as exc:
        raise write_error(target, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _sync_directory(parent)
    return made


def _install(staging: Path, target: Path) -> list[Path]:
    """Put the staged plan at ``target``: one rename when ``target`` does not exist yet, else
    each entry moved in, and every one moved so far taken back out if a later move fails."""
    import shutil

    entries = sorted(staging.iterdir())
    keep_ignore = (target / ".gitignore").exists()
    made = [
        target / path.relative_to(staging)
        for path in sorted(staging.rglob("*"))
        if path.is_file() and not (keep_ignore and path.name == ".gitignore")
    ]
    if not target.exists():
        os.rename(staging, target)
        staging.mkdir()  # so that the caller's clean-up has something to remove
        return made
    moved: list[Path] = []
    try:
        for entry in entries:
            destination = target / entry.name
            if entry.name == ".gitignore" and keep_ignore:
                continue  # the directory's own .gitignore is kept
            if destination.exists() and entry.name != SCHEMA_DIR:
                raise TargetExists(path=str(destination))
            if destination.is_dir():  # an older schema directory: its files are replaced
                for schema_file in sorted(entry.iterdir()):
                    os.replace(schema_file, destination / schema_file.name)
                continue
            os.rename(entry, destination)
            moved.append(destination)
    except (OSError, TargetExists):
        for destination in reversed(moved):
            if destination.is_dir():
                shutil.rmtree(destination, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    destination.unlink()
        raise
    _sync_directory(target)
    return made


def _copy_tree(source: Path, destination: Path) -> None:
    """Copy a directory of records file by file, so that a failure is the operating system's
    own error (a full disk named as one), not shutil.copytree's list of them."""
    import shutil

    destination.mkdir()
    for path in sorted(source.rglob("*")):
        copy = destination / path.relative_to(source)
        if path.is_dir():
            copy.mkdir()
        elif path.is_file():
            shutil.copyfile(path, copy)


def _sync_file(path: Path) -> None:
    if path.is_file():
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())


def schema_files() -> dict[str, str]:
    """The JSON Schema of every data file, by its file name."""
    from ipplan.check import schema

    return {schema.schema_name(name): schema.render(name) for name in schema.FILE_MODELS}


def write_schemas(directory: Path) -> list[Path]:
    """Write the JSON Schema of every data file into ``directory``, replacing older ones."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(directory, exc) from None
    written = []
    for name, text in schema_files().items():
        path = directory / name
        atomic_write(path, text)
        written.append(path)
    return written


def write_plan_schemas(data_dir: DataDir) -> list[Path]:
    """Write the schemas into the plan's own ``schema/``, with the write lock held: each file
    is one of a change (:func:`apply_writes`)."""
    files = {f"{SCHEMA_DIR}/{name}": text for name, text in schema_files().items()}
    apply_writes(data_dir, files)
    return [data_dir.file(name) for name in files]
