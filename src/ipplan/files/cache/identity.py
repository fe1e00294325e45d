"""The identity of a data directory's files, as the cache keys an entry by it: a snapshot of
every file's path, size, times and inode, and of every directory; whether one was taken while
nothing changed; and the digests of the bytes of files too fresh for their identity to tell."""

from __future__ import annotations

import os
import stat
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from ipplan.files import fingerprint

# A file modified this recently before it was read may change again unseen by a coarse clock.
RACY_SECONDS = 2.0
# At most this many files are looked at; a larger tree is not cached (the loader bounds it).
MAX_FILES = 400_000

Snapshot = tuple[tuple[str, int, int, int, int], ...]
# Every directory's relative path (the top's is ""), modification and change times, and inode.
Stamp = tuple[tuple[str, int, int, int], ...]


class Origin(NamedTuple):
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
    return [name for name, _, mtime, ctime, _ in files if mtime >= since or ctime >= since]


def identify(name: str, info: os.stat_result) -> tuple[str, int, int, int, int]:
    """A file's identity as a :data:`Snapshot` lists it: its name, size, modification and
    change times, and inode."""
    return name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


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
                        found.append(identify(name, info))
                        if info.st_mtime_ns > newest:
                            newest = info.st_mtime_ns
                        if info.st_ctime_ns > newest:
                            newest = info.st_ctime_ns
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


def after_writes(before: Snapshot, top: Path, writes: Mapping[str, str | None]) -> Snapshot | None:
    """``before`` as it is once ``writes`` were made: each file written listed with its identity
    now, each removed gone, and the directories that hold them as they now are; every other
    entry as it was. Only the files written are looked at, not all of them again: a file
    somebody else changed meanwhile keeps its identity of ``before`` here, differs from what the
    next command lists, and so is read again then. None when a file is not as written."""
    holding = {name[: i + 1] for name in writes for i, c in enumerate(name) if c == "/"}
    listed = [entry for entry in before if entry[0] not in writes and entry[0] not in holding]
    try:
        for name, text in writes.items():
            try:
                info = os.lstat(top / name)
            except FileNotFoundError:
                if text is not None:
                    return None
                continue
            if text is None or not stat.S_ISREG(info.st_mode):
                return None
            listed.append(identify(name, info))
        for name in holding:
            try:
                info = os.lstat(top / name)
            except FileNotFoundError:
                continue
            if not stat.S_ISDIR(info.st_mode):
                return None
            listed.append((name, 0, 0, 0, 0))
    except OSError:
        return None
    listed.sort()
    return tuple(listed)


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


def encoded(files: Snapshot) -> tuple[str, bytes, bytes]:
    """``files`` as three flat values, digested in one piece each rather than as 100,000
    tuples: the names, then size, modification and change times, and the inodes."""
    names = "\0".join(entry[0] for entry in files)
    times = array("q", [value for entry in files for value in entry[1:4]]).tobytes()
    inodes = array("Q", [entry[4] for entry in files]).tobytes()
    return names, times, inodes


def files_digest(seen: Snapshot) -> str:
    """The digest of the identity of every file in ``seen``."""
    names, times, inodes = encoded(seen)
    return fingerprint.digest_of([names.encode("utf-8", "surrogateescape"), times, inodes], b"\0")


def every_file(files: Snapshot) -> list[str]:
    """The name of every file (not directory) in ``files``, in its order: by name, as
    :func:`snapshot` and :func:`after_writes` list them."""
    return [entry[0] for entry in files if not entry[0].endswith("/")]


def digest_of(top: Path, name: str) -> str | None:
    """The digest of the regular file ``name`` below ``top``, read as the check reads it; None
    when it cannot be."""
    return next(digests_of(top, [name]))


def digests_of(top: Path, names: Iterable[str]) -> Iterator[str | None]:
    """:func:`digest_of` each of ``names`` in turn, the reader imported once."""
    from ipplan.files.yaml_read import Refused, digest, read_regular

    for name in names:
        try:
            yield digest(read_regular(f"{top}/{name}", top))
        except (Refused, OSError, ValueError):
            yield None
