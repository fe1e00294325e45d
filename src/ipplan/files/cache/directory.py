"""Where the cache's entries live and how they are touched: the location (refused inside a
repository), the directory opened once without following a link and used only when it is the
user's own, each entry read and written relative to it, and the eviction of what is old."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

ENV_DIR = "IPPLAN_CACHE_DIR"
ENV_SWITCH = "IPPLAN_CACHE"
# An entry not used for this many days is removed at the next write of any entry.
MAX_AGE_DAYS = 30
# Beyond this many bytes in all, entries are removed, the longest unused first.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# An entry used is marked as used (its modification time brought forward) once a day at most.
USED_EVERY_SECONDS = 86_400
# A writer's temporary file older than this was left by a writer that was killed.
STALE_SECONDS = 3600

# What follows the digest of the data directory in an entry's name.
PLAN = ".plan.json"
VERDICT = ".verdict.json"
# The names entries had while they were pickles: never read, removed at the next write.
OLD = (".pickle", ".verdict")
_DIGITS = frozenset("0123456789abcdef")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_ENTRY_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _CLOEXEC
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
# Where entries cannot be opened relative to their directory without following a link, there
# is no cache.
SUPPORTED = (
    _NOFOLLOW != 0
    and hasattr(os, "O_DIRECTORY")
    and os.open in os.supports_dir_fd
    and os.unlink in os.supports_dir_fd
    and os.scandir in os.supports_fd
)


def location(top: Path, environ: Mapping[str, str]) -> Path | None:
    """Where the entries of the plan in ``top`` live, an absolute path; None when the cache is
    turned off. The directory itself is never a link (:func:`_open_directory`).

    Raises :class:`~ipplan.errors.CacheDirRelative` when the location is a relative path, and
    :class:`~ipplan.errors.CacheDirInRepository` when a location set by ``IPPLAN_CACHE_DIR`` or
    ``XDG_CACHE_HOME`` is inside a git repository that holds ``top`` or the working directory:
    whatever stands there could have come from a commit. The default location (``~/.cache``),
    which nobody set, is not refused there: the cache is off.
    """
    from ipplan.errors import CacheDirInRepository, CacheDirRelative

    if environ.get(ENV_SWITCH, "").strip().lower() in {"0", "off", "no", "false"}:
        return None
    if environ.get(ENV_DIR):
        var, base = ENV_DIR, environ[ENV_DIR]
        chosen = Path(base)
    elif environ.get("XDG_CACHE_HOME"):
        var, base = "XDG_CACHE_HOME", environ["XDG_CACHE_HOME"]
        chosen = Path(base) / "ipplan"
    else:
        var, base = "HOME", environ.get("HOME") or str(Path.home())
        chosen = Path(base) / ".cache" / "ipplan"
    if not os.path.isabs(base):
        raise CacheDirRelative(var=var, value=base)
    repository = _repository(chosen, top)
    if repository is None:
        return chosen
    if var == "HOME":  # nobody chose it: a home kept in git (dotfiles) only goes without a cache
        return None
    raise CacheDirInRepository(var=var, path=str(chosen), repository=str(repository))


def _repository(chosen: Path, top: Path) -> Path | None:
    """The directory at or above ``chosen`` holding ``.git`` that is also at or above ``top``
    or the working directory, links resolved (a link into the repository is inside); None
    when there is none."""
    from ipplan.files.discover import is_repository

    where = Path(real(chosen))
    readers = [Path(real(top))]
    with contextlib.suppress(OSError):  # a working directory removed meanwhile has none
        readers.append(Path(real(os.getcwd())))
    for directory in (where, *where.parents):
        if any(r.is_relative_to(directory) for r in readers) and is_repository(directory):
            return directory
    return None


def real(path: Path | str) -> str:
    """``path`` with its links resolved; as it is, made absolute, when a link changes while
    it is resolved."""
    try:
        return os.path.realpath(path)
    except OSError:
        return os.path.abspath(path)


@contextlib.contextmanager
def opened(where: Path, create: bool = False) -> Iterator[int | None]:
    """The cache directory ``where``, opened once (:func:`_open_directory`), or None."""
    fd = _open_directory(where, create)
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _open_directory(where: Path, create: bool) -> int | None:
    """``where`` opened without following a link, when it is a directory of the user's own
    that nobody else may enter (mode 0700); else None. With ``create``, a directory that does
    not exist is made, mode 0700."""
    if not SUPPORTED:
        return None
    try:
        fd = os.open(where, _DIRECTORY_FLAGS)
    except FileNotFoundError:
        if not create:
            return None
        try:
            os.makedirs(where, mode=0o700, exist_ok=True)
            fd = os.open(where, _DIRECTORY_FLAGS)
        except OSError:
            return None
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == os.geteuid()
            and not stat.S_IMODE(info.st_mode) & 0o077
        ):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _own_file(info: os.stat_result) -> bool:
    """Whether ``info`` is of a regular file of the user's own, with no second name."""
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_nlink == 1


def read_entry(directory: int, name: str) -> tuple[bytes, float] | None:
    """The bytes and modification time of the entry ``name`` of the opened cache ``directory``;
    None unless, once open, it is a regular file of the user's own (:func:`_own_file`).

    The file is opened relative to the directory, without following a link and without
    waiting (a pipe), and what was opened is what is checked: nothing that stands under the
    name at any other moment counts.
    """
    try:
        fd = os.open(name, _ENTRY_FLAGS, dir_fd=directory)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _own_file(info):
            return None
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, max(info.st_size + 1 - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks), info.st_mtime
    except OSError:
        return None
    finally:
        os.close(fd)


def write_entry(directory: int, name: str, lines: Iterable[bytes]) -> None:
    """Write ``lines``, taken as they come, to a temporary file of ``directory`` and rename it
    to ``name``; the temporary file is removed if anything goes wrong, an error raised by
    ``lines`` included (and raised on)."""
    tmp = f".entry.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(tmp, _WRITE_FLAGS, 0o600, dir_fd=directory)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            for line in lines:
                handle.write(line)
                handle.write(b"\n")
        os.replace(tmp, name, src_dir_fd=directory, dst_dir_fd=directory)
        tmp = ""
    except OSError:
        pass
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=directory)


def mark_used(directory: int, name: str, used: float) -> None:
    """Bring an entry's time forward as it is used, once a day at most, so that it is not taken
    for one unused (:func:`evict`)."""
    if time.time() - used >= USED_EVERY_SECONDS:
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(name, dir_fd=directory, follow_symlinks=False)


def _kind(name: str) -> str | None:
    """The suffix of an entry's name (:data:`PLAN`, :data:`VERDICT`, or one of :data:`OLD`);
    None for a name ipplan never gives an entry."""
    suffix = name[32:]
    if suffix in (PLAN, VERDICT, *OLD) and _DIGITS.issuperset(name[:32]):
        return suffix
    return None


def evict(directory: int) -> None:
    """Remove from the opened cache ``directory``: the temporary files of writers killed
    mid-write, an hour old or more; entries of the pickle era; entries not used for
    :data:`MAX_AGE_DAYS` days; and then, the longest unused first, entries until all of them
    take no more than :data:`MAX_TOTAL_BYTES`. Nothing else in the directory is touched.

    Called when an entry is written, never when one is read: a listing of the directory is
    nothing beside the reading of a plan that filled it."""
    now = time.time()
    unused = now - MAX_AGE_DAYS * 86_400
    stale = now - STALE_SECONDS
    kept: list[tuple[float, int, str]] = []
    with contextlib.suppress(OSError), os.scandir(directory) as listing:
        for item in listing:
            name = item.name
            with contextlib.suppress(OSError):
                info = item.stat(follow_symlinks=False)
                if name.startswith(".entry.") and name.endswith(".tmp"):
                    if info.st_mtime < stale:
                        os.unlink(name, dir_fd=directory)
                    continue
                kind = _kind(name)
                if kind is None:
                    continue
                if kind in OLD or not stat.S_ISREG(info.st_mode) or info.st_mtime < unused:
                    os.unlink(name, dir_fd=directory)
                else:
                    kept.append((info.st_mtime, info.st_size, name))
    total = sum(size for _, size, _ in kept)
    for _, size, name in sorted(kept):
        if total <= MAX_TOTAL_BYTES:
            break
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=directory)
            total -= size
