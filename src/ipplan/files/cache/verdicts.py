"""The verdicts of ``ipplan validate`` the cache keeps: a passing check's counts, bound to the
name, identity and digest of every file it read, used only while every one of them holds the
same bytes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import orjson

from ipplan.files.cache import identity
from ipplan.files.cache.directory import VERDICT, location, mark_used, opened
from ipplan.files.cache.entries import entry, entry_name, header_of, keep
from ipplan.files.cache.identity import (
    Snapshot,
    Stamp,
    digest_of,
    digests_of,
    every_file,
    files_digest,
    steady,
)


def passed(top: Path, environ: Mapping[str, str]) -> dict[str, int] | None:
    """What the last passing check of ``top`` counted, when every file it read holds the same
    bytes now, under the same names, and no file or directory has come or gone; else None.
    Raises as :func:`location` does.

    Every file the check read is read again here, in full, and its digest compared.
    """
    where = location(top, environ)
    if where is None:
        return None
    name = entry_name(top, VERDICT)
    with opened(where) as directory:
        if directory is None:
            return None
        now = identity.snapshot(top)
        if now is None:
            return None
        # bound to names and identities: a fresh checkout's are known to none
        files = files_digest(now[0])
        found = entry(directory, name, top, lambda header: header.get("files") == files)
        if found is None or len(found[0]) != 1:
            return None
        counts = _confirmed(top, found[0][0], now[0])
        if counts is not None:
            mark_used(directory, name, found[1])
    return counts


def _confirmed(top: Path, raw: bytes, now: Snapshot) -> dict[str, int] | None:
    """The counts of the verdict ``raw`` when it has the digest of every file of ``top``
    listed ``now`` (the entry was found for exactly those names and identities: its header's
    ``files``), and each holds the bytes it read; else None."""
    try:
        verdict = orjson.loads(raw)
        digests, counts = verdict["digests"], verdict["counts"]
    except Exception:
        return None
    if type(digests) is not list or type(counts) is not dict:
        return None
    if not all(type(value) is int for value in counts.values()):
        return None
    names = every_file(now)
    if len(digests) != len(names):  # a file unread is a file unchecked
        return None
    for found, expected in zip(digests_of(top, names), digests, strict=True):
        if found != expected:
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
    ``counts``, what it says it checked. A file the check did not read (a README, a schema)
    is read and digested here. Skipped when anything changed meanwhile, or when a file cannot
    be digested."""
    where = location(top, environ)
    if where is None or not steady(seen, taken, top):
        return
    # by file, in the order of their names: the header's ``files`` binds the names, so they
    # are not kept twice (a plan of 100,000 records held both, 20 MB, while it was checked)
    every: list[str] = []
    for name in every_file(seen[0]):
        value = digests.get(name) or digest_of(top, name)
        if value is None:
            return
        every.append(value)
    verdict = {"digests": every, "counts": dict(counts)}
    header = {**header_of(top), "files": files_digest(seen[0])}
    keep(where, entry_name(top, VERDICT), header, [verdict])
