"""Where the plan lives on disk: finding the data directory, loading it, writing it safely.

The data directory holds the files people write (``indicators.yaml``, ``tasks.yaml``) and the
records the tool writes, one small file each (``actuals/<key>/<year>.yaml``,
``updates/<action-id>/<stamp>.yaml``; see :mod:`ipplan.records`). Only records are ever written,
always through :func:`atomic_write`. The tool's two single files of earlier versions
(``actuals.yaml``, ``task_log.yaml``) are still read, and the next write moves their records
into the record files (:func:`ipplan.changes.migrate`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ipplan import records
from ipplan.discovery import Search
from ipplan.errors import (
    DataDirNotFound,
    DataInvalid,
    DataLocked,
    DataNotWritable,
    NotAPlanDirectory,
    OutputIsData,
    ReadOnlyData,
    TargetExists,
)
from ipplan.plan import Plan
from ipplan.problems import Problem
from ipplan.validate import check
from ipplan.yamlio import Document, digest, read

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


def locate(explicit: Path | None, environ: Mapping[str, str], cwd: Path) -> DataDir:
    """Choose the data directory, the way git finds its repository.

    --data, else the innermost plan in ``cwd`` or a directory above it (see
    :mod:`ipplan.discovery`), else $IPPLAN_DATA, else the bundled plan.
    """
    from ipplan import discovery

    if explicit is not None:
        return named(explicit)
    found = discovery.search(cwd, environ)
    if found.plan is not None:
        return DataDir(found.plan)
    if environ.get(ENV_VAR):
        return named(Path(environ[ENV_VAR]))
    return DataDir(bundled_dir(), bundled=True, search=found)


def named(chosen: Path) -> DataDir:
    """The data directory a person named; refused unless it holds a plan."""
    if not chosen.is_dir():
        raise DataDirNotFound(path=str(chosen))
    if not (chosen / FILES["indicators"]).is_file():
        raise NotAPlanDirectory(path=str(chosen))
    return DataDir(chosen)


def read_documents(data_dir: DataDir) -> tuple[dict[str, Document], list[Problem]]:
    """Parse every data file of ``data_dir``; the problems are those of reading and parsing.

    The documents are keyed by the names of :data:`FILES`, and each record file by its path
    relative to the data directory (``actuals/practitioners/2023.yaml``).
    """
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = data_dir.file(name)
        if name in LEGACY and not path.exists():
            docs[name] = Document(path, None)
            continue
        doc, found = read(path)
        docs[name] = doc
        problems.extend(found)
    for relative in record_files(data_dir, problems):
        doc, found = read(data_dir.file(relative))
        docs[relative] = doc
        problems.extend(found)
    return docs, problems


def record_files(data_dir: DataDir, problems: list[Problem] | None = None) -> list[str]:
    """The relative paths of every record file in ``data_dir``; what does not belong in the
    record directories is added to ``problems``."""
    found: list[str] = []
    for kind in records.KINDS.values():
        paths, stray = records.scan(data_dir.path, kind)
        found += paths
        if problems is not None:
            problems.extend(stray)
    return found


def load(data_dir: DataDir) -> Plan:
    """Load and validate the plan in ``data_dir``; raise :class:`DataInvalid` on any problem.

    A plan read before from files that have not changed since comes from :mod:`ipplan.cache`.
    """
    from ipplan import cache

    seen = cache.snapshot(data_dir.path)
    if seen is not None:
        cached = cache.lookup(data_dir.path, seen[0], os.environ)
        if isinstance(cached, Plan):
            return cached
    plan = load_fresh(data_dir)
    if seen is not None:
        cache.store(data_dir.path, seen[0], seen[1], plan, os.environ)
    return plan


def load_fresh(data_dir: DataDir) -> Plan:
    """Read, check and build the plan in ``data_dir`` from its files, without the cache."""
    from ipplan.workplans import loading

    docs, problems = read_documents(data_dir)
    checked = check(docs)
    problems.extend(checked.problems)
    work, work_problems = loading.read_all(data_dir.path, checked)
    problems.extend(work_problems)
    if problems:
        raise DataInvalid(sorted(problems, key=Problem.sort_key))
    assert checked.plan is not None and work is not None
    origin = {name: doc.digest for name, doc in docs.items()}
    origin[loading.WORK] = loading.fingerprint(data_dir.path)
    return dataclasses.replace(Plan.build(checked), origin=origin, work=work)


def fingerprint(data_dir: DataDir) -> dict[str, str | None]:
    """The fingerprint of every data file as it is on disk now (None for an absent file)."""
    from ipplan.workplans import loading

    found: dict[str, str | None] = {}
    for name in [*FILES, *record_files(data_dir)]:
        try:
            found[name] = digest(data_dir.file(name).read_bytes())
        except FileNotFoundError:
            found[name] = None
    found[loading.WORK] = loading.fingerprint(data_dir.path)
    return found


def current(data_dir: DataDir, plan: Plan) -> Plan:
    """``plan`` if its files are unchanged on disk since it was loaded; else the plan reloaded.

    Called with the write lock held, so that a change is always made to the latest data.
    """
    if plan.origin is not None and plan.origin == fingerprint(data_dir):
        return plan
    return load(data_dir)


def lock_timeout(environ: Mapping[str, str]) -> float:
    """How long a writer waits for another to finish: $IPPLAN_LOCK_TIMEOUT seconds, else 10."""
    raw = environ.get(LOCK_TIMEOUT_VAR, "").strip()
    try:
        value = float(raw) if raw else LOCK_TIMEOUT
    except ValueError:
        return LOCK_TIMEOUT
    return value if math.isfinite(value) and value >= 0 else LOCK_TIMEOUT


@contextlib.contextmanager
def writing(data_dir: DataDir, timeout: float | None = None) -> Iterator[None]:
    """Hold the data directory's write lock; one writer at a time, the others wait their turn.

    Waits up to ``timeout`` seconds (default: :func:`lock_timeout`), then refuses with
    :class:`DataLocked`. Temporary files left by a writer that was killed are removed once the
    lock is held, since no other writer can then be midway through a write.
    """
    from filelock import FileLock, Timeout

    ensure_writable(data_dir)
    seconds = lock_timeout(os.environ) if timeout is None else timeout
    lock_path = data_dir.path / LOCK_NAME
    lock = FileLock(str(lock_path), timeout=seconds)
    try:
        lock.acquire()
    except Timeout:
        raise DataLocked(path=str(data_dir.path), lock=str(lock_path), seconds=seconds) from None
    except OSError as exc:
        raise DataNotWritable(path=str(lock_path), detail=exc.strerror or str(exc)) from None
    try:
        remove_stray_temporaries(data_dir)
        yield
    finally:
        lock.release()


def stray_temporaries(data_dir: DataDir) -> list[Path]:
    """Temporary files that :func:`atomic_write` left behind when its process was killed."""
    from ipplan import schema

    targets = [data_dir.file(name) for name in FILES]
    targets += [
        data_dir.path / SCHEMA_DIR / schema.schema_name(name) for name in schema.FILE_MODELS
    ]
    found: list[Path] = []
    for target in targets:
        if target.parent.is_dir():
            found += sorted(target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"))
    for kind in records.KINDS.values():
        base = data_dir.path / kind.name
        if base.is_dir() and not base.is_symlink():
            pattern = "/".join(
                ["*"] * (len(kind.parts) - 1) + [f".*{records.SUFFIX}.*{TEMP_SUFFIX}"]
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


def ensure_not_data(data_dir: DataDir, output: Path) -> None:
    """Refuse an output path that is one of the data directory's own files."""
    target = output.resolve()
    for name in FILES:
        if data_dir.file(name).resolve() == target:
            raise OutputIsData(path=str(output))
    for kind in records.KINDS.values():
        if target.is_relative_to(data_dir.path.resolve() / kind.name):
            raise OutputIsData(path=str(output))


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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise DataNotWritable(path=str(path), detail=exc.strerror or str(exc)) from None
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
        raise DataNotWritable(path=str(path), detail=exc.strerror or str(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def apply_writes(data_dir: DataDir, writes: Mapping[str, str | None]) -> None:
    """Make ``writes`` on disk: each file (a name or a record's relative path) replaced with its
    text through :func:`atomic_write`, or removed where the text is None."""
    for name, text in sorted(writes.items()):
        path = data_dir.file(name)
        if text is None:
            remove(path, data_dir.path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataNotWritable(path=str(path.parent), detail=exc.strerror or str(exc)) from None
        atomic_write(path, text)


def remove(path: Path, top: Path) -> None:
    """Remove the file ``path``, then the directories it leaves empty, up to ``top``."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise DataNotWritable(path=str(path), detail=exc.strerror or str(exc)) from None
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
    """Copy the bundled plan into ``target`` as a writable plan; never overwrite one."""
    source = bundled_dir()
    destinations = [target / FILES[name] for name in FILES if name not in LEGACY]
    shipped = [kind.name for kind in records.KINDS.values() if (source / kind.name).is_dir()]
    if (source / "workplans").is_dir():  # the yearly work plans shipped with the plan
        shipped.append("workplans")
    for destination in [*destinations, *(target / name for name in shipped)]:
        if destination.exists():
            raise TargetExists(path=str(destination))
    try:
        target.mkdir(parents=True, exist_ok=True)
        for destination in destinations:
            shutil.copyfile(source / destination.name, destination)
        for name in shipped:
            shutil.copytree(source / name, target / name)
            destinations.append(target / name)
        ignore = target / ".gitignore"
        if not ignore.exists():
            ignore.write_text(GITIGNORE, encoding="utf-8")
            destinations.append(ignore)
    except OSError as exc:
        raise DataNotWritable(path=str(target), detail=exc.strerror or str(exc)) from None
    return destinations + write_schemas(target / SCHEMA_DIR)


def write_schemas(directory: Path) -> list[Path]:
    """Write the JSON Schema of every data file into ``directory``, replacing older ones."""
    from ipplan import schema

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataNotWritable(path=str(directory), detail=exc.strerror or str(exc)) from None
    written = []
    for name in schema.FILE_MODELS:
        path = directory / schema.schema_name(name)
        atomic_write(path, schema.render(name))
        written.append(path)
    return written
