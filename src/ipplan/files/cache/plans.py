"""The plans the cache keeps: one found for files exactly as they were (:func:`lookup`), one
kept after a read (:func:`store`) or after a write (:func:`keep_written`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ipplan.files.cache.directory import PLAN, location, mark_used, opened
from ipplan.files.cache.entries import Parts, entry, entry_name, header_of, keep
from ipplan.files.cache.identity import Snapshot, Stamp, digest_of, files_digest, racy, steady


def lookup(top: Path, seen: Snapshot, environ: Mapping[str, str]) -> Parts | None:
    """The parts of the plan cached for ``top`` when its files are exactly ``seen``, and each
    file the entry holds a digest of (:func:`keep_written`) holds those bytes; else None.
    Raises as :func:`location` does."""
    where = location(top, environ)
    if where is None:
        return None
    files = files_digest(seen)
    name = entry_name(top, PLAN)

    def wanted(header: dict[str, Any]) -> bool:
        return header.get("files") == files and _same_bytes(top, header.get("racy", {}))

    with opened(where) as directory:
        if directory is None:
            return None
        found = entry(directory, name, top, wanted)
        if found is None:
            return None
        mark_used(directory, name, found[1])
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
    header = {**header_of(top), "files": files_digest(seen[0])}
    keep(where, entry_name(top, PLAN), header, parts)


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
    header = {**header_of(top), "files": files_digest(files), "racy": dict(digests)}
    keep(where, entry_name(top, PLAN), header, parts)


def _same_bytes(top: Path, digests: Any) -> bool:
    """Whether each file named in ``digests`` (by its path relative to ``top``) holds the bytes
    of its digest there."""
    if type(digests) is not dict:
        return False
    return all(digest_of(top, name) == expected for name, expected in digests.items())
