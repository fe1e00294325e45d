"""A cache of validated plans, so that reading an unchanged plan costs no parsing or validation.

An entry holds a plan exactly as :func:`ipplan.store.load` built it from files that passed
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

Entries live outside the repository, in ``$IPPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/ipplan``,
else ``~/.cache/ipplan``, in a directory only its owner may write; ``IPPLAN_CACHE=0`` turns the
cache off. An entry is written to a temporary file and renamed into place, so two processes
filling it at once leave one whole entry. An entry that cannot be read, was made by another
version of ipplan, or names another directory is ignored and replaced. The cache never changes
what a command prints: with it or without it, the plan is the same.

Beside each plan's entry, ``ipplan validate`` keeps its last passing verdict (:func:`passed`),
keyed by content rather than identity, since a check must never pass on data it did not read:
the digest of every file the check read, and the names of all the others. A later check passes
from it only after reading every one of those files again and finding the same bytes, under the
same names, with nothing added or removed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import sys
import time
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipplan import fingerprint

ENV_DIR = "IPPLAN_CACHE_DIR"
ENV_SWITCH = "IPPLAN_CACHE"
FORMAT = 2
# A file modified this recently before it was read may change again unseen by a coarse clock.
RACY_SECONDS = 2.0
# At most this many files are looked at; a larger tree is not cached (the loader bounds it).
MAX_FILES = 400_000

# The libraries whose reading of a file decides whether it passes.
LIBRARIES = ("pydantic", "pydantic_core", "yaml")

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


def directory(environ: Mapping[str, str]) -> Path | None:
    """Where entries live; None when the cache is turned off."""
    if environ.get(ENV_SWITCH, "").strip().lower() in {"0", "off", "no", "false"}:
        return None
    if environ.get(ENV_DIR):
        return Path(environ[ENV_DIR])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ipplan"


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


def _entry_path(cache: Path, top: Path, suffix: str = ".pickle") -> Path:
    name = fingerprint.digest(str(top.resolve()).encode("utf-8", "surrogateescape"))
    return cache / f"{name}{suffix}"


def _safe_directory(cache: Path) -> bool:
    """True when ``cache`` is a directory of ours that nobody else may write."""
    try:
        info = os.lstat(cache)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _read_entry(
    path: Path, top: Path, wanted: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[dict[str, Any], list[Any]] | None:
    """The entry at ``path``, its header and its parts, when it is whole, made by this ipplan
    for ``top``, and ``wanted`` (given its header); else None. An entry not wanted is left
    after its header: its parts are never read."""
    try:
        with open(path, "rb") as handle:
            header = pickle.load(handle)
            if (
                not isinstance(header, dict)
                or header.get("code") != _code_identity()
                or header.get("top") != str(top.resolve())
                or not isinstance(header.get("parts"), int)
                or (wanted is not None and not wanted(header))
            ):
                return None
            parts = [pickle.load(handle) for _ in range(header["parts"])]
    except Exception:  # any unreadable entry is only a miss
        return None
    return header, parts


def _write_entry(
    cache: Path, path: Path, header: dict[str, Any], parts: Sequence[Any] = ()
) -> None:
    """Write the entry, its header and then each of its parts, to ``path`` whole or not at
    all; silently skipped when it cannot be.

    Each part is a pickle of its own: pickle remembers every object it writes (and every
    temporary it makes to write one) until the end of a pickle, which for a whole plan of
    10,000 indicators was 130 MB held at once.
    """
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    if not _safe_directory(cache):
        return
    _clear_stale(cache)
    import tempfile

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=cache)
        with os.fdopen(fd, "wb") as handle:  # streamed: a large plan's bytes are never all held
            pickle.dump({**header, "parts": len(parts)}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            for part in parts:
                pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # a plan that cannot be pickled or written is simply not cached
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# A writer's temporary file older than this was left by a writer that was killed.
STALE_SECONDS = 3600


def _clear_stale(cache: Path) -> None:
    """Remove what writers killed mid-write left in ``cache``: temporary files of entries,
    never read, an hour old or more."""
    limit = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(cache) as entries:
        for entry in entries:
            if entry.name.startswith(".entry.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)


def encoded(files: Snapshot) -> tuple[str, bytes, bytes]:
    """``files`` as three flat values, compared and stored in one piece each rather than as
    100,000 tuples: the names, then size, modification and change times, and the inodes."""
    names = "\0".join(entry[0] for entry in files)
    times = array("q", [value for entry in files for value in entry[1:4]]).tobytes()
    inodes = array("Q", [entry[4] for entry in files]).tobytes()
    return names, times, inodes


def lookup(top: Path, seen: Snapshot, environ: Mapping[str, str]) -> list[Any] | None:
    """The parts of the plan cached for ``top`` when its files are exactly ``seen``; else None."""
    cache = directory(environ)
    if cache is None or not _safe_directory(cache):
        return None
    files = encoded(seen)
    found = _read_entry(_entry_path(cache, top), top, lambda header: header.get("files") == files)
    return None if found is None else found[1]


def store(
    top: Path,
    seen: tuple[Snapshot, int, Stamp],
    taken: int,
    parts: Sequence[Any],
    environ: Mapping[str, str],
) -> None:
    """Keep a plan, in ``parts``, read from the files listed in ``seen`` at ``taken`` (ns);
    skipped, silently, when anything changed meanwhile (:func:`steady`) or it is unsafe."""
    cache = directory(environ)
    if cache is None or not steady(seen, taken, top):
        return
    header = {"code": _code_identity(), "top": str(top.resolve()), "files": encoded(seen[0])}
    _write_entry(cache, _entry_path(cache, top), header, parts)


# --- the verdicts of ``ipplan validate`` -------------------------------------------------------

VERDICT = ".verdict"


def passed(top: Path, environ: Mapping[str, str]) -> dict[str, int] | None:
    """What the last passing check of ``top`` counted, when every file it read holds the same
    bytes now, under the same names, and no file or directory has come or gone; else None.

    Every file the check read is read again here, in full, and its digest compared.
    """
    cache = directory(environ)
    if cache is None or not _safe_directory(cache):
        return None
    found = _read_entry(_entry_path(cache, top, VERDICT), top)
    if found is None:
        return None
    entry = found[0]
    now = snapshot(top)
    names, digests, counts = entry.get("names"), entry.get("digests"), entry.get("counts")
    if now is None or not isinstance(digests, dict) or not isinstance(counts, dict):
        return None
    if names != tuple(name for name, *_ in now[0]):
        return None
    for name, expected in digests.items():
        if _digest_of(top, name) != expected:
            return None
    return counts


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
    ``counts``, what it says it checked. Skipped when anything changed meanwhile."""
    cache = directory(environ)
    if cache is None or not steady(seen, taken, top):
        return
    read = {name: value for name, value in digests.items() if value is not None}
    entry = {
        "code": _code_identity(),
        "top": str(top.resolve()),
        "names": tuple(name for name, *_ in seen[0]),
        "digests": read,
        "counts": dict(counts),
    }
    _write_entry(cache, _entry_path(cache, top, VERDICT), entry)


def _digest_of(top: Path, name: str) -> str | None:
    """The digest of the regular file ``name`` below ``top``, read as the check reads it; None
    when it cannot be."""
    from ipplan.yamlio import Refused, digest, read_regular

    try:
        return digest(read_regular(f"{top}/{name}", top))
    except (Refused, OSError):
        return None
