"""The format of a cache entry: one line of JSON for each part, then a header naming the
format, the ipplan that made it, the data directory, the number of parts and their digest, so
that an entry whose bytes are not what its header says is only a miss. The header comes last
so that each part is written as it is encoded, never all held at once. No code comes from an
entry."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from ipplan.files import fingerprint
from ipplan.files.cache.directory import evict, opened, read_entry, real, write_entry

FORMAT = 4

# The libraries whose reading of a file decides whether it passes.
LIBRARIES = ("pydantic", "pydantic_core", "yaml")


@functools.lru_cache(maxsize=1)
def code_identity() -> str:
    """What makes an entry made by this ipplan: its version, the state of its source files,
    and the state of the libraries that decide what passes a check (an upgrade of one
    replaces its files), found without importing them."""
    import importlib.util

    from ipplan import __version__

    package = Path(__file__).parents[1]  # ipplan/files, the cache's own layer
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


def header_of(top: Path) -> dict[str, Any]:
    """What every entry of ``top`` begins with: the format, the ipplan that made it, and the
    data directory."""
    code = fingerprint.digest(code_identity().encode("utf-8", "surrogateescape"))
    return {"format": FORMAT, "code": code, "top": _top(top)}


def _top(top: Path) -> str:
    return real(top)


def entry_name(top: Path, suffix: str) -> str:
    return fingerprint.digest(_top(top).encode("utf-8", "surrogateescape")) + suffix


def entry(
    directory: int, name: str, top: Path, wanted: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[list[bytes], float] | None:
    """The parts of the entry ``name``, each its JSON text, and when it was last used: when it
    is the user's own (:func:`read_entry`), made by this ipplan for ``top``, ``wanted`` (given its
    header), and its parts are the bytes its header names; else None. An entry not wanted is
    left after its header: its parts are never decoded."""
    found = read_entry(directory, name)
    if found is None:
        return None
    raw, used = found
    del found
    parts = raw.split(b"\n")
    del raw  # a large plan's entry is 20 MB: held once, not twice
    if len(parts) < 2 or parts.pop() != b"":
        return None
    try:
        header = orjson.loads(parts.pop())  # the last line
    except Exception:  # not JSON (a pickle of an older ipplan, say): only a miss
        return None
    if (
        type(header) is not dict
        or any(header.get(key) != value for key, value in header_of(top).items())
        or (wanted is not None and not wanted(header))
    ):
        return None
    if len(parts) != header.get("parts"):
        return None
    if header.get("body") != fingerprint.digest_of(parts, b"\n"):
        return None
    return parts, used


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


def keep(where: Path, name: str, header: dict[str, Any], parts: Iterable[Any]) -> None:
    """Write the entry ``name``, each of its parts one line as it is encoded, then its header,
    whole or not at all, then clear out what is old (:func:`evict`); silently skipped when it
    cannot be written (a value with no plain form, a full disk, a directory not the user's
    own)."""
    body = fingerprint.digesting()

    def lines() -> Iterator[bytes]:
        count = 0
        for part in parts:
            line = _encode(part)
            body.update(line)
            body.update(b"\n")
            count += 1
            yield line
        yield _encode({**header, "parts": count, "body": body.hexdigest()})

    with opened(where, create=True) as directory:
        if directory is None:
            return
        try:
            write_entry(directory, name, lines())
        except (TypeError, ValueError):  # a part with no plain form: nothing is kept
            return
        evict(directory)


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
            yield orjson.loads(raw.pop())
