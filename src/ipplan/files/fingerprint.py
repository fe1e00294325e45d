"""Fingerprints of bytes: BLAKE2b, which the cache and the write path compare files by.

``hashlib`` loads OpenSSL to offer every algorithm, a few milliseconds at each start; BLAKE2 is
built into Python itself, so it is taken from there when it can be.
"""

from __future__ import annotations

from collections.abc import Iterable

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
    from hashlib import blake2b


def digest(raw: bytes) -> str:
    """A short fingerprint of ``raw``: 32 hexadecimal digits."""
    return blake2b(raw, digest_size=16).hexdigest()


def digest_of(pieces: Iterable[bytes], separator: bytes) -> str:
    """The fingerprint of ``pieces``, each followed by ``separator``, as :func:`digest` would
    give of them joined, without joining them."""
    found = blake2b(digest_size=16)
    for piece in pieces:
        found.update(piece)
        found.update(separator)
    return found.hexdigest()
