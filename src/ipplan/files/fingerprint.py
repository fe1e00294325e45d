"""Fingerprints of bytes: BLAKE2b, which the cache and the write path compare files by.

``hashlib`` loads OpenSSL to offer every algorithm, a few milliseconds at each start; BLAKE2 is
built into Python itself, so it is taken from there when it can be.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
    from hashlib import blake2b


def digest(raw: bytes) -> str:
    """A short fingerprint of ``raw``: 32 hexadecimal digits."""
    return blake2b(raw, digest_size=16).hexdigest()


def digesting() -> blake2b:
    """A fingerprint to feed bytes to as they come (``update``), read with ``hexdigest``: the
    same as :func:`digest` of them all."""
    return blake2b(digest_size=16)


def digest_of(pieces: Iterable[bytes], separator: bytes) -> str:
    """The fingerprint of ``pieces``, each followed by ``separator``, as :func:`digest` would
    give of them joined, without joining them."""
    found = digesting()
    for piece in pieces:
        found.update(piece)
        found.update(separator)
    return found.hexdigest()


# A file is digested this many bytes at a time.
CHUNK = 1 << 20


def digest_file(path: str | os.PathLike[str], limit: int) -> str | None:
    """The :func:`digest` of the regular file at ``path``, read in chunks of :data:`CHUNK`
    bytes, never more than ``limit`` in all; None when it is larger (as it says, or as it is
    read), is not a regular file once open, or cannot be read. A link is not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        found = blake2b(digest_size=16)
        total = 0
        while chunk := os.read(fd, CHUNK):
            total += len(chunk)
            if total > limit:
                return None
            found.update(chunk)
        return found.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
