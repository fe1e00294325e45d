"""A cache of validated plans, so that reading an unchanged plan costs no parsing or validation.

An entry holds a plan exactly as :func:`ipplan.load.load` built it from files that passed
validation in full, with the identity of every file under the data directory at the moment they
were read: its relative path, size, modification and change times to the nanosecond, and inode,
and the name of every directory. It is used only when every file is still there with the same
identity and no other file or directory has appeared, the way git trusts its index:

- any write to a file changes its change time (which no program can set back), and replacing a
  file changes its inode, so a changed file never matches;
- a file modified less than :data:`RACY_SECONDS` before it was read could be modified again
  within the same tick of a coarse clock without its times changing, so a plan read from such a
  file is not cached at all;
- anything that is not a plain file or directory (a link, a device, a pipe) is left to the loader,
  which refuses it, and nothing is cached.

A write leaves an entry too (:func:`keep_written`): the plan the writer validated and wrote,
for the files as they are once written. Those files are seconds old, so the entry keeps the
digest of the bytes of each file modified within :data:`RACY_SECONDS` of its listing, and is
used only while each of those few small files, read again, still holds those bytes.

No code comes from the cache. An entry is plain data, JSON (:mod:`json` runs nothing it reads):
a first line, its header, names the format, the ipplan that made it (a digest of its version
and source files), the data directory, the digest of the identity of every file it was made
from and the digest of the rest; then one line for each part of the plan, records as lists of
their fields, which :mod:`ipplan.load` builds the plan's records back from. An entry whose
header does not match, or whose bytes are not what its header says, is only a miss.

Entries live outside every repository, in ``$IPPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/ipplan``,
else ``~/.cache/ipplan``; ``IPPLAN_CACHE=0`` turns the cache off. A relative location, or one
inside the git repository of the plan being read or of the working directory (where an entry
could come from a commit), is refused (:func:`location`) when it was set; the default one, set
by nobody, there only turns the cache off (a home directory kept in git). The directory is
opened once, without following a link, and used only when it is the user's own and open to
nobody else (mode 0700, as ipplan makes it); each entry is opened relative to it, without
following a link, and read only when, once open, it is a regular file of the user's own with no
second name. Anything else is never read: swapping a name for a link or another user's file at
any moment gains nothing.

An entry is written to a temporary file and renamed into place, so two processes filling it at
once leave one whole entry; each write also removes what has not been used for
:data:`MAX_AGE_DAYS` days and then, oldest first, what takes the cache beyond
:data:`MAX_TOTAL_BYTES` (:func:`_evict`). The cache never changes what a command prints: with it
or without it, the plan is the same.

Beside each plan's entry, ``ipplan validate`` keeps its last passing verdict (:func:`passed`),
keyed by content and by identity both, since a check must never pass on data it did not read:
the name of every file and directory, the digest of every file, and the digest of their
identities (size, times to the nanosecond, inode), as a plan's entry has. A later check passes
from it only when the listing is the same, every file has the same identity, and every file,
read again, holds the same bytes. A verdict whose digests leave any file out is never used: a
forged one cannot name bytes it did not digest, and a fresh checkout's inodes and change times
are known to nobody before it is made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import stat
import sys
import time
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipplan.files import fingerprint

ENV_DIR = "IPPLAN_CACHE_DIR"
ENV_SWITCH = "IPPLAN_CACHE"
FORMAT = 3
# A file modified this recently before it was read may change again unseen by a coarse clock.
RACY_SECONDS = 2.0
# At most this many files are looked at; a larger tree is not cached (the loader bounds it).
MAX_FILES = 400_000
# An entry not used for this many days is removed at the next write of any entry.
MAX_AGE_DAYS = 30
# Beyond this many bytes in all, entries are removed, the longest unused first.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# An entry used is marked as used (its modification time brought forward) once a day at most.
USED_EVERY_SECONDS = 86_400
# A writer's temporary file older than this was left by a writer that was killed.
STALE_SECONDS = 3600

# The libraries whose reading of a file decides whether it passes.
LIBRARIES = ("pydantic", "pydantic_core", "yaml")

# What follows the digest of the data directory in an entry's name.
PLAN = ".plan.json"
VERDICT = ".verdict.json"
# The names entries had while they were pickles: never read, removed at the next write.
OLD = (".pickle", ".verdict")
_DIGITS = frozenset("0123456789abcdef")

Snapshot = tuple[tuple[str, int, int, int, int], ...]
# Every directory's relative path (the top's is ""), modification and change times, and inode.
Stamp = tuple[tuple[str, int, int, int], ...]


@dataclass(frozen=True)
class Origin:
    """What a plan was read from, so that a writer holding the lock can tell, without reading
    them again, whether the files have changed since: the identity of every file (``files``,
    from :func:`snapshot`), the time just before it was taken (``taken``, ns), and the digest
    of each file the plan was read from that is :meth:`racy`, as it was read, by its path
    relative to the data directory."""

    files: Snapshot
    taken: int
    digests: Mapping[str, str | None]

    def racy(self) -> list[str]:
        return racy(self.files, self.taken)


def racy(files: Snapshot, taken: int) -> list[str]:
    """The files modified so shortly before they were listed (at ``taken``, ns) that a change
    in the same tick of a coarse clock would leave their identity as it was: only their bytes
    tell."""
    since = taken - int(RACY_SECONDS * 1e9)
    return [name for name, _, mtime, ctime, _ in files if max(mtime, ctime) >= since]


def snapshot(top: Path) -> tuple[Snapshot, int, Stamp] | None:
    """The identity of every file below ``top``, the newest change time among them and its
    directories, and the identity of every directory (:data:`Stamp`).

    Each directory is listed among the files too, by its name with a slash (``actuals/``) and
    no times: an empty one can be a problem (a stray name where records live), so it belongs
    to what a plan is read from, but its times change with every file made in it, the lock's
    and a write's temporary files included, so they are no part of a cache entry's key. They
    are compared, before and after a plan is read, to tell that nothing came and went while
    it was (:func:`steady`).

    None when something other than a plain file or directory is found (the loader decides what
    to say of it), when the tree is too large, or when it cannot be listed.
    """
    found: list[tuple[str, int, int, int, int]] = []
    directories: list[tuple[str, int, int, int]] = []
    newest = 0
    pending = [("", str(top))]
    try:
        while pending:
            prefix, path = pending.pop()
            with os.scandir(path) as entries:
                for entry in entries:
                    info = entry.stat(follow_symlinks=False)
                    name = prefix + entry.name
                    if stat.S_ISDIR(info.st_mode):
                        found.append((name + "/", 0, 0, 0, 0))
                        directories.append((name, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
                        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                        pending.append((name + "/", entry.path))
                    elif stat.S_ISREG(info.st_mode):
                        if entry.name.startswith(".") and entry.name != ".gitignore":
                            continue  # the lock and temporary files are not data
                        found.append(
                            (name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                        )
                        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                        if len(found) > MAX_FILES:
                            return None
                    else:
                        return None
        info = os.stat(top)
    except OSError:
        return None
    directories.append(("", info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    found.sort()
    directories.sort()
    return tuple(found), newest, tuple(directories)


def steady(before: tuple[Snapshot, int, Stamp], taken: int, top: Path) -> bool:
    """Whether nothing under ``top`` changed while it was read: the listing ``before``, taken at
    ``taken`` (ns), is the same now, directories' times included, and nothing in it had changed
    so shortly before that a change in the same tick of a coarse clock could have gone unseen.
    Only then may what was read be kept: a file or directory that went and came back while
    the plan was read might not have been read at all."""
    if taken - before[1] < RACY_SECONDS * 1e9:
        return False
    after = snapshot(top)
    return after is not None and after[0] == before[0] and after[2] == before[2]


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

    where = Path(_real(chosen))
    readers = [Path(_real(top))]
    with contextlib.suppress(OSError):  # a working directory removed meanwhile has none
        readers.append(Path(_real(os.getcwd())))
    for directory in (where, *where.parents):
        if any(r.is_relative_to(directory) for r in readers) and is_repository(directory):
            return directory
    return None


@functools.lru_cache(maxsize=1)
def _code_identity() -> str:
    """What makes an entry made by this ipplan: its version, the state of its source files,
    and the state of the libraries that decide what passes a check (an upgrade of one
    replaces its files), found without importing them."""
    import importlib.util

    from ipplan import __version__

    package = Path(__file__).parent
    parts = [__version__, sys.version, str(FORMAT)]
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = path.stat()
            parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = None if spec is None else spec.origin
        with contextlib.suppress(OSError, TypeError):
            info = os.stat(origin)  # type: ignore[arg-type]
            origin = f"{origin}:{info.st_size}:{info.st_mtime_ns}"
        parts.append(f"{library}:{origin}")
    return "\n".join(parts)


def encoded(files: Snapshot) -> tuple[str, bytes, bytes]:
    """``files`` as three flat values, digested in one piece each rather than as 100,000
    tuples: the names, then size, modification and change times, and the inodes."""
    names = "\0".join(entry[0] for entry in files)
    times = array("q", [value for entry in files for value in entry[1:4]]).tobytes()
    inodes = array("Q", [entry[4] for entry in files]).tobytes()
    return names, times, inodes


# --- the directory and its entries ----------------------------------------------------------------

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


@contextlib.contextmanager
def _opened(where: Path, create: bool = False) -> Iterator[int | None]:
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


def _read(directory: int, name: str) -> tuple[bytes, float] | None:
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


def _header(top: Path) -> dict[str, Any]:
    """What every entry of ``top`` begins with: the format, the ipplan that made it, and the
    data directory."""
    code = fingerprint.digest(_code_identity().encode("utf-8", "surrogateescape"))
    return {"format": FORMAT, "code": code, "top": _top(top)}


def _top(top: Path) -> str:
    return _real(top)


def _real(path: Path | str) -> str:
    """``path`` with its links resolved; as it is, made absolute, when a link changes while
    it is resolved."""
    try:
        return os.path.realpath(path)
    except OSError:
        return os.path.abspath(path)


def _name(top: Path, suffix: str) -> str:
    return fingerprint.digest(_top(top).encode("utf-8", "surrogateescape")) + suffix


def _entry(
    directory: int, name: str, top: Path, wanted: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[list[bytes], float] | None:
    """The parts of the entry ``name``, each its JSON text, and when it was last used: when it
    is the user's own (:func:`_read`), made by this ipplan for ``top``, ``wanted`` (given its
    header), and its parts are the bytes its header names; else None. An entry not wanted is
    left after its header: its parts are never decoded."""
    found = _read(directory, name)
    if found is None:
        return None
    raw, used = found
    del found
    parts = raw.split(b"\n")
    del raw  # a large plan's entry is 20 MB: held once, not twice
    try:
        header = json.loads(parts[0])
    except Exception:  # not JSON (a pickle of an older ipplan, say): only a miss
        return None
    if (
        type(header) is not dict
        or any(header.get(key) != value for key, value in _header(top).items())
        or (wanted is not None and not wanted(header))
    ):
        return None
    del parts[0]
    if parts.pop() != b"" or len(parts) != header.get("parts"):
        return None
    if header.get("body") != fingerprint.digest_of(parts, b"\n"):
        return None
    return parts, used


def _mark_used(directory: int, name: str, used: float) -> None:
    """Bring an entry's time forward as it is used, once a day at most, so that it is not taken
    for one unused (:func:`_evict`)."""
    if time.time() - used >= USED_EVERY_SECONDS:
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(name, dir_fd=directory, follow_symlinks=False)


def _plain(value: Any) -> Any:
    """A value JSON has no form for, in plain data: a date or a time as ISO 8601 text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not plain data")


def _encode(part: Any) -> bytes:
    """``part`` as one line of JSON (its text never holds a line break)."""
    text = json.dumps(
        part,
        ensure_ascii=False,
        separators=(",", ":"),
        check_circular=False,
        allow_nan=False,
        default=_plain,
    )
    return text.encode("utf-8")


def _keep(where: Path, name: str, header: dict[str, Any], parts: Sequence[Any]) -> None:
    """Write the entry ``name``, its header and then each of its parts, one line each, whole or
    not at all, then clear out what is old (:func:`_evict`); silently skipped when it cannot
    be written (a value with no plain form, a full disk, a directory not the user's own)."""
    try:
        lines = [_encode(part) for part in parts]  # one at a time: no part's text held long
    except (TypeError, ValueError):
        return
    header = {**header, "parts": len(lines), "body": fingerprint.digest_of(lines, b"\n")}
    with _opened(where, create=True) as directory:
        if directory is None:
            return
        _write(directory, name, [_encode(header), *lines])
        _evict(directory)


def _write(directory: int, name: str, lines: Sequence[bytes]) -> None:
    """Write ``lines`` to a temporary file of ``directory`` and rename it to ``name``."""
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


def _kind(name: str) -> str | None:
    """The suffix of an entry's name (:data:`PLAN`, :data:`VERDICT`, or one of :data:`OLD`);
    None for a name ipplan never gives an entry."""
    suffix = name[32:]
    if suffix in (PLAN, VERDICT, *OLD) and _DIGITS.issuperset(name[:32]):
        return suffix
    return None


def _evict(directory: int) -> None:
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


# --- the plans ---------------------------------------------------------------------------------


class Parts:
    """An entry's parts, each decoded from its JSON as it is asked for and then let go, so that
    a large plan's plain data is never all held at once beside the records built from it.
    They are gone through once."""

    def __init__(self, raw: list[bytes]) -> None:
        self._raw = raw
        self._count = len(raw)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        raw, self._raw = self._raw, []
        raw.reverse()
        while raw:
            yield json.loads(raw.pop())


def _files(seen: Snapshot) -> str:
    """The digest of the identity of every file in ``seen``."""
    names, times, inodes = encoded(seen)
    return fingerprint.digest_of([names.encode("utf-8", "surrogateescape"), times, inodes], b"\0")


def lookup(top: Path, seen: Snapshot, environ: Mapping[str, str]) -> Parts | None:
    """The parts of the plan cached for ``top`` when its files are exactly ``seen``, and each
    file the entry holds a digest of (:func:`keep_written`) holds those bytes; else None.
    Raises as :func:`location` does."""
    where = location(top, environ)
    if where is None:
        return None
    files = _files(seen)
    name = _name(top, PLAN)

    def wanted(header: dict[str, Any]) -> bool:
        return header.get("files") == files and _same_bytes(top, header.get("racy", {}))

    with _opened(where) as directory:
        if directory is None:
            return None
        found = _entry(directory, name, top, wanted)
        if found is None:
            return None
        _mark_used(directory, name, found[1])
    return Parts(found[0])


def store(
    top: Path,
    seen: tuple[Snapshot, int, Stamp],
    taken: int,
    parts: Sequence[Any],
    environ: Mapping[str, str],
) -> None:
    """Keep a plan, in ``parts`` of plain data (lists, dictionaries, text, numbers, dates and
    times), read from the files listed in ``seen`` at ``taken`` (ns); skipped, silently, when
    anything changed meanwhile (:func:`steady`) or it cannot be kept safely."""
    where = location(top, environ)
    if where is None or not steady(seen, taken, top):
        return
    header = {**_header(top), "files": _files(seen[0])}
    _keep(where, _name(top, PLAN), header, parts)


def keep_written(
    top: Path,
    files: Snapshot,
    taken: int,
    digests: Mapping[str, str],
    parts: Sequence[Any],
    environ: Mapping[str, str],
) -> None:
    """Keep the plan a writer made, in ``parts`` (as :func:`store`), as the entry of the files
    ``files``, listed at ``taken`` (ns) once it had written them.

    Those files were written a moment ago, so their identity could hide a change made within
    the same tick of a coarse clock (:func:`racy`): each such file must have its digest in
    ``digests``, the digest of the bytes the plan holds, and the entry keeps them; every
    :func:`lookup` reads those few files again and serves the plan only when each still holds
    those bytes. Skipped when a racy file has no digest, or the entry cannot be kept safely.
    """
    where = location(top, environ)
    if where is None or any(name not in digests for name in racy(files, taken)):
        return
    header = {**_header(top), "files": _files(files), "racy": dict(digests)}
    _keep(where, _name(top, PLAN), header, parts)


def _same_bytes(top: Path, digests: Any) -> bool:
    """Whether each file named in ``digests`` (by its path relative to ``top``) holds the bytes
    of its digest there."""
    if type(digests) is not dict:
        return False
    return all(_digest_of(top, name) == expected for name, expected in digests.items())


# --- the verdicts of ``ipplan validate`` -------------------------------------------------------


def passed(top: Path, environ: Mapping[str, str]) -> dict[str, int] | None:
    """What the last passing check of ``top`` counted, when every file it read holds the same
    bytes now, under the same names, and no file or directory has come or gone; else None.
    Raises as :func:`location` does.

    Every file the check read is read again here, in full, and its digest compared.
    """
    where = location(top, environ)
    if where is None:
        return None
    name = _name(top, VERDICT)
    with _opened(where) as directory:
        if directory is None:
            return None
        now = snapshot(top)
        if now is None:
            return None
        files = _files(now[0])  # bound to identities too: a fresh checkout's are known to none
        found = _entry(directory, name, top, lambda header: header.get("files") == files)
        if found is None or len(found[0]) != 1:
            return None
        counts = _confirmed(top, found[0][0], now[0])
        if counts is not None:
            _mark_used(directory, name, found[1])
    return counts


def _confirmed(top: Path, raw: bytes, now: Snapshot) -> dict[str, int] | None:
    """The counts of the verdict ``raw`` when the files of ``top``, listed ``now``, are the
    ones it names, it has the digest of every one of them, and each holds the bytes it read;
    else None."""
    try:
        verdict = json.loads(raw)
        names, digests, counts = verdict["names"], verdict["digests"], verdict["counts"]
    except Exception:
        return None
    if type(names) is not list or type(digests) is not dict or type(counts) is not dict:
        return None
    if not all(type(value) is int for value in counts.values()):
        return None
    if names != [name for name, *_ in now]:
        return None
    if digests.keys() != _every_file(now):  # a file unread is a file unchecked
        return None
    for name, expected in digests.items():
        if _digest_of(top, name) != expected:
            return None
    return counts


def _every_file(files: Snapshot) -> set[str]:
    """The name of every file (not directory) in ``files``."""
    return {name for name, *_ in files if not name.endswith("/")}


def keep_passed(
    top: Path,
    seen: tuple[Snapshot, int, Stamp],
    taken: int,
    digests: Mapping[str, str | None],
    counts: Mapping[str, int],
    environ: Mapping[str, str],
) -> None:
    """Keep a passing check's verdict: ``seen``, the files and directories listed at ``taken``
    (ns), before the check read anything; ``digests``, of the bytes it read, by relative path;
    ``counts``, what it says it checked. A file the check did not read (a README, a schema)
    is read and digested here. Skipped when anything changed meanwhile, or when a file cannot
    be digested."""
    where = location(top, environ)
    if where is None or not steady(seen, taken, top):
        return
    every: dict[str, str] = {}
    for name in sorted(_every_file(seen[0])):
        value = digests.get(name) or _digest_of(top, name)
        if value is None:
            return
        every[name] = value
    verdict = {"names": [name for name, *_ in seen[0]], "digests": every, "counts": dict(counts)}
    header = {**_header(top), "files": _files(seen[0])}
    _keep(where, _name(top, VERDICT), header, [verdict])


def _digest_of(top: Path, name: str) -> str | None:
    """The digest of the regular file ``name`` below ``top``, read as the check reads it; None
    when it cannot be."""
    from ipplan.files.yaml_read import Refused, digest, read_regular

    try:
        return digest(read_regular(f"{top}/{name}", top))
    except (Refused, OSError, ValueError):
        return None
