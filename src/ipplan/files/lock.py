"""The write lock of a data directory: an exclusive lock on its lock file, one writer at a time.

Where the system has ``flock`` (Linux, macOS, the BSDs) the lock is ``flock(2)`` on the lock
file, taken here: the very lock filelock's ``UnixFileLock`` takes, so each excludes the other,
and an ipplan of either kind waits for the other. Importing filelock costs a write command about
17 ms (it loads logging, secrets and OpenSSL's hashes), more than the rest of taking the lock.
Where there is no ``flock``, and on a file system that does not implement it (``ENOSYS``, as
some network and FUSE file systems answer), filelock takes the lock, as it did before.

As filelock does, the lock file is opened without following a link and without truncating
it, a new one gets the explicit mode it is given whatever the umask, and a lock taken on a file
that was unlinked in the meantime (its name now another file's) is let go and taken again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from typing import Protocol

# How long a waiting writer sleeps between tries, in seconds (filelock's default too).
POLL = 0.05

# What a nonblocking flock answers when another holds the lock; some file systems say EACCES.
_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


class Lock(Protocol):
    def acquire(self, timeout: float) -> bool:
        """Take the lock if it comes free within ``timeout`` seconds; whether it was taken."""
        ...

    def release(self) -> None: ...

    def still_held(self) -> bool:
        """Whether the lock file taken is still the file at its path: removed or replaced (by
        hand, or by ``git clean -X``), it no longer keeps the next writer out."""
        ...


def lock(path: str, mode: int | None = None) -> Lock:
    """The lock on the file at ``path``, created with ``mode`` (else as the umask says)."""
    try:
        import fcntl  # noqa: F401
    except ImportError:  # pragma: no cover - not on the systems ipplan is tested on
        return FileLockLock(path, mode)
    return FlockLock(path, mode)


class FileLockLock:
    """The lock taken by filelock."""

    def __init__(self, path: str, mode: int | None) -> None:
        from filelock import FileLock

        self._lock = FileLock(path) if mode is None else FileLock(path, mode=mode)

    def acquire(self, timeout: float) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout, poll_interval=POLL)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()

    def still_held(self) -> bool:
        return True  # filelock's lock has no file of its own to compare


class FlockLock:
    """``flock(2)`` on the lock file; filelock's lock on a file system without it."""

    def __init__(self, path: str, mode: int | None) -> None:
        self._path = path
        self._mode = mode
        self._fd: int | None = None
        self._fallback: FileLockLock | None = None

    def acquire(self, timeout: float) -> bool:
        if self._fallback is not None:
            return self._fallback.acquire(timeout)
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            opened = self._open()
            if opened is not None:
                fd, created = opened
                taken = self._flock(fd)
                if taken is None:  # no flock here: filelock knows what to do instead,
                    if created:  # where the file's existence is the lock, so ours must go
                        with contextlib.suppress(OSError):
                            os.unlink(self._path)
                    os.close(fd)
                    self._fallback = FileLockLock(self._path, self._mode)
                    return self._fallback.acquire(max(deadline - time.monotonic(), 0.0))
                if taken and os.fstat(fd).st_nlink > 0:
                    self._fd = fd
                    return True
                os.close(fd)  # held by another, or its name now belongs to another file
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(POLL, left))

    def release(self) -> None:
        if self._fallback is not None:
            self._fallback.release()
        elif self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor of the lock lets it go

    def still_held(self) -> bool:
        if self._fallback is not None:
            return self._fallback.still_held()
        if self._fd is None:
            return False
        try:
            now = os.stat(self._path, follow_symlinks=False)
        except OSError:
            return False
        held = os.fstat(self._fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)

    def _open(self) -> tuple[int, bool] | None:
        """The lock file, opened for writing, and whether it was made now; None when it came
        or went meanwhile (try again).

        Not truncated: a writer that does not get the lock must not touch the holder's file.
        Nonblocking: a lease on the file would otherwise hold the open past any timeout.
        """
        flags = os.O_RDWR | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        created_mode = 0o666 if self._mode is None else self._mode
        try:
            fd = os.open(self._path, flags | os.O_CREAT | os.O_EXCL, created_mode)
        except FileExistsError:
            pass
        except PermissionError:
            # In a sticky directory (such as /tmp) creating fails on a file another user made.
            if not os.path.lexists(self._path):
                raise
        else:
            if self._mode is not None:
                with contextlib.suppress(PermissionError):
                    os.fchmod(fd, self._mode)  # whatever the umask says
            return fd, True
        try:
            return os.open(self._path, flags), False
        except (FileNotFoundError, BlockingIOError):
            return None

    @staticmethod
    def _flock(fd: int) -> bool | None:
        """Whether an exclusive flock on ``fd`` was taken now; None when the file system has no
        flock. Any other failure is raised, with ``fd`` closed."""
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in _HELD:
                return False
            if exc.errno == errno.ENOSYS:
                return None
            os.close(fd)
            raise
        return True
