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
import math
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ipplan.errors import (
    DataLocked,
    InvalidLockTimeout,
    IpplanError,
    LockLost,
    LockModeOwn,
    LockNotAFile,
    LockNotOurs,
    ReadOnlyData,
    write_error,
)
from ipplan.files import layout

# How long a waiting writer sleeps between tries, in seconds (filelock's default too).
POLL = 0.05

# What a nonblocking flock answers when another holds the lock; some file systems say EACCES.
_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


if TYPE_CHECKING:  # a type only: a read command imports this module and builds no lock
    from typing import Protocol

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


LOCK_TIMEOUT_VAR = "IPPLAN_LOCK_TIMEOUT"
LOCK_TIMEOUT = 10.0  # seconds


def lock_timeout(environ: Mapping[str, str]) -> float:
    """How long a writer waits for another to finish: $IPPLAN_LOCK_TIMEOUT seconds, else 10.
    A value that is not a number of seconds, zero or more, is refused rather than replaced."""
    raw = environ.get(LOCK_TIMEOUT_VAR, "").strip()
    if not raw:
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InvalidLockTimeout(var=LOCK_TIMEOUT_VAR, value=raw)
    return value + 0.0  # -0 is 0


# After this many seconds a writer waiting for the lock says so, through the ``waiting``
# callback its caller gives (the command line prints a line; the core prints nothing).
WAIT_NOTICE_AFTER = 1.0
# What is told, with the data directory, that a writer is waiting for another's lock.
Waiting = Callable[[Path], None]


@contextlib.contextmanager
def writing(
    data_dir: layout.DataDir, timeout: float | None = None, *, waiting: Waiting | None = None
) -> Iterator[tuple[str, int] | None]:
    """Hold the data directory's write lock; one writer at a time, the others wait their turn.

    Waits up to ``timeout`` seconds (default: :func:`lock_timeout`), then refuses with
    :class:`DataLocked`; a wait longer than :data:`WAIT_NOTICE_AFTER` is told to ``waiting``
    once, as it begins. Temporary files left by a writer that was killed are removed once the
    lock is held, since no other writer can then be midway through a write; and so is a
    change another writer was stopped in the middle of rolled back
    (:func:`ipplan.files.journal.roll_back`): what was rolled back is what the context gives.
    """
    from ipplan.files import atomic, journal

    ensure_writable(data_dir)
    seconds = lock_timeout(os.environ) if timeout is None else timeout
    lock_path = data_dir.path / layout.LOCK_NAME
    mode = atomic.shared_mode(data_dir.path)
    if mode is not None:
        _share_own_lock(lock_path, mode)
    held_lock = lock(str(lock_path), mode)
    try:
        # A short wait passes unnoticed; a longer one is announced once, so nobody takes a
        # waiting command for a hung one.
        if not held_lock.acquire(min(seconds, WAIT_NOTICE_AFTER)):
            if seconds > WAIT_NOTICE_AFTER and waiting is not None:
                waiting(data_dir.path)
            if not held_lock.acquire(max(seconds - WAIT_NOTICE_AFTER, 0)):
                raise DataLocked(path=str(data_dir.path), lock=str(lock_path), seconds=seconds)
    except PermissionError as exc:
        raise _not_a_lock(lock_path) or _lock_refused(lock_path, exc) from None
    except OSError as exc:
        raise _not_a_lock(lock_path) or write_error(lock_path, exc) from None
    _held[data_dir.path] = (held_lock, lock_path)
    try:
        atomic.remove_stray_temporaries(data_dir)
        yield journal.roll_back(data_dir)  # a change stopped midway: as it was before it
    finally:
        _held.pop(data_dir.path, None)
        held_lock.release()


# What a reader tells when it waits for a writer (:func:`unfinished`): the command line sets
# it for the command it runs (:func:`tell_waits`); the core alone tells nobody.
_reader_waiting: list[Waiting] = []


def tell_waits(waiting: Waiting | None) -> None:
    """Have a reader that waits for a writer's lock tell ``waiting`` (None: nobody)."""
    _reader_waiting[:] = [] if waiting is None else [waiting]


def unfinished(data_dir: layout.DataDir, timeout: float | None = None) -> Path | None:
    """The journal of a change stopped midway, for a reader; None when there is none.

    A journal is also there while a live writer is still writing its change. So when there is
    one and the write lock is held, the reader waits for the writer as another writer would:
    up to ``timeout`` seconds (default: :func:`lock_timeout`), then :class:`DataLocked`; a wait
    longer than :data:`WAIT_NOTICE_AFTER` is told, once, to what :func:`tell_waits` was given.
    Only a journal still there when nobody holds the lock is a change stopped midway. The lock
    is looked at with a shared ``flock`` on the lock file opened for reading, so a reader
    needs no right to write; where that cannot be done, the journal is taken as it is.
    """
    from ipplan.files import journal

    if journal.pending(data_dir) is None:
        return None
    seconds = lock_timeout(os.environ) if timeout is None else timeout
    _wait_for_writer(data_dir, seconds)
    return journal.pending(data_dir)


def _wait_for_writer(data_dir: layout.DataDir, seconds: float) -> None:
    """Return once no process holds ``data_dir``'s write lock (or it cannot be looked at)."""
    import fcntl

    lock_path = data_dir.path / layout.LOCK_NAME
    try:
        fd = os.open(lock_path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return  # no lock file, or none to open: nobody is known to write
    try:
        start = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in _HELD:
                    return
            else:
                return  # closing the descriptor lets the shared lock go
            waited = time.monotonic() - start
            if waited >= seconds:
                raise DataLocked(path=str(data_dir.path), lock=str(lock_path), seconds=seconds)
            if waited >= WAIT_NOTICE_AFTER and not told:
                told = True
                for waiting in _reader_waiting:
                    waiting(data_dir.path)
            time.sleep(min(POLL, seconds - waited))
    finally:
        os.close(fd)


# The write lock this process holds, and its file, by data directory (:func:`writing`).
_held: dict[Path, tuple[Lock, Path]] = {}


def confirm_lock(data_dir: layout.DataDir) -> None:
    """Raise :class:`LockLost` when the write lock held on ``data_dir`` is no longer the file
    at its path, so that nothing is written: another writer may already be in. Called before
    every write made under the lock."""
    held = _held.get(data_dir.path)
    if held is not None and not held[0].still_held():
        raise LockLost(lock=str(held[1]))


def _share_own_lock(lock_path: Path, mode: int) -> None:
    """Open up a lock file this user made earlier with a narrower mode (an older ipplan, or
    before the directory was shared); only its owner may, and a failure changes nothing."""
    with contextlib.suppress(OSError):
        info = lock_path.stat(follow_symlinks=False)
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and stat.S_IMODE(info.st_mode) & mode != mode
        ):
            os.chmod(lock_path, stat.S_IMODE(info.st_mode) | mode)


def _not_a_lock(lock_path: Path) -> IpplanError | None:
    """The refusal when a link, a directory or a special file stands where the lock belongs."""
    try:
        info = lock_path.lstat()
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISLNK(info.st_mode):
        return LockNotAFile(path=str(lock_path), kind="link")
    if stat.S_ISDIR(info.st_mode):
        return LockNotAFile(path=str(lock_path), kind="directory")
    return LockNotAFile(path=str(lock_path), kind="other")


def _lock_refused(lock_path: Path, exc: OSError) -> IpplanError:
    """The refusal when the lock file exists but may not be opened: its owner and mode, and who
    is asking, so that the fix (chmod g+w, or removing the empty file) is plain."""
    try:
        info = lock_path.stat()
    except OSError:
        return write_error(lock_path, exc)
    if hasattr(os, "geteuid") and info.st_uid == os.geteuid():
        return LockModeOwn(path=str(lock_path), mode=stat.filemode(info.st_mode))
    return LockNotOurs(
        path=str(lock_path),
        owner=_user(info.st_uid),
        group=_group(info.st_gid),
        mode=stat.filemode(info.st_mode),
        user=_user(os.geteuid()) if hasattr(os, "geteuid") else "?",
    )


def _user(uid: int) -> str:
    from ipplan.files.discover import user_name

    return user_name(uid)


def _group(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def ensure_writable(data_dir: layout.DataDir) -> None:
    """Refuse before any work is done when the data directory may not be written."""
    if data_dir.bundled:
        raise ReadOnlyData(path=str(data_dir.path))
