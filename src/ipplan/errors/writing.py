"""Errors of writing the data: the lock, the journal, the disk."""

from __future__ import annotations

import os

from ipplan.errors.base import IpplanError


class ReadOnlyData(IpplanError):
    """A write was asked of the bundled plan, which is read-only."""

    message_id = "read-only-data"


class DataNotWritable(IpplanError):
    """The operating system refused the write to the data directory."""

    message_id = "data-not-writable"


class DataLocked(IpplanError):
    """Another ipplan process held the data directory's write lock for longer than the timeout."""

    message_id = "data-locked"


class LockLost(IpplanError):
    """The write lock's file was removed or replaced while this process held the lock."""

    message_id = "lock-lost"


class LockLostMidway(IpplanError):
    """The write lock was lost between two files of one change: the files ``written`` are on
    disk, those ``pending`` are not (paths relative to the data directory ``path``)."""

    message_id = "lock-lost-midway"


class WriteStoppedMidway(IpplanError):
    """The system refused a file of a change after earlier files of it were written: the
    files ``written`` are on disk, those ``pending`` are not."""

    message_id = "write-stopped-midway"


class WriteInterrupted(IpplanError):
    """Ctrl-C (SIGINT) came while a change was being written: what was written of it was put
    back as it was before the command ends (:func:`ipplan.write.apply_writes`)."""

    message_id = "write-interrupted"
    exit_code = 130  # as a shell reports a command ended by SIGINT


class UnfinishedChange(IpplanError):
    """A change's journal is in the data directory: the change stopped before its last file
    (:mod:`ipplan.files.journal`), and the plan is not read until it is rolled back."""

    message_id = "unfinished-change"


class JournalUnreadable(IpplanError):
    """The journal in the data directory is not one ipplan wrote: nothing is rolled back."""

    message_id = "journal-unreadable"


class NothingToUndo(IpplanError):
    """`ipplan undo` found no recorded change to revert."""

    message_id = "nothing-to-undo"


class InvalidLockTimeout(IpplanError):
    """IPPLAN_LOCK_TIMEOUT is set but is not a number of seconds, zero or more."""

    message_id = "invalid-lock-timeout"


class CacheDirRelative(IpplanError):
    """The cache's location (IPPLAN_CACHE_DIR or XDG_CACHE_HOME) is a relative path."""

    message_id = "cache-dir-relative"


class CacheDirInRepository(IpplanError):
    """The cache's directory is inside the git repository of the plan read, or of the working
    directory: an entry there could come from a commit."""

    message_id = "cache-dir-in-repository"


class DiskFull(IpplanError):
    """The file system had no space left (ENOSPC) or the user's quota was used up (EDQUOT)."""

    message_id = "disk-full"


class LockNotOurs(IpplanError):
    """The lock file exists but belongs to another user whose mode lets no one else open it."""

    message_id = "lock-not-ours"


class LockModeOwn(IpplanError):
    """The lock file is the user's own, but its mode lets nobody open it."""

    message_id = "lock-mode-own"


class LockNotAFile(IpplanError):
    """Something other than a regular file stands where the lock file belongs."""

    message_id = "lock-not-a-file"


class NoFileMadeThere(IpplanError):
    """A file written into a directory that exists but makes no new files (a system directory
    such as /proc), which the system tells as "no such file"."""

    message_id = "no-file-made-there"


def write_error(path: object, exc: OSError) -> IpplanError:
    """The domain error for an operating-system error met while writing ``path``.

    A full disk is named as such: "check permissions" would send people the wrong way.
    """
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path=str(path), detail=exc.strerror or str(exc))
    if exc.errno == errno.ENOENT:
        directory = os.path.dirname(os.path.abspath(str(path)))
        if os.path.isdir(directory):  # there, yet it says no such file: it makes none (/proc)
            return NoFileMadeThere(path=str(path), directory=directory)
    return DataNotWritable(path=str(path), detail=exc.strerror or str(exc))
