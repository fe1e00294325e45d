"""The change journal: every change of several files written down before the first of them.

A change (:func:`ipplan.write.apply_writes`) first writes :data:`NAME` into the data directory,
atomically and synced: every file it is about to touch, with its content before (or its
absence) and its content after. Only then are the files written, one by one; the journal is
removed once the last is done. So a change killed midway leaves the journal behind, and
what it names can always be put back as it was.

While a journal is there, readers refuse the plan (:class:`UnfinishedChange`) and
``ipplan validate`` reports it (``unfinished-change``): the files may be half old, half new.
The next writer, holding the write lock (:func:`ipplan.files.lock.writing`), rolls the change
back (:func:`roll_back`) before anything else, so that the plan is again as it was before
that change, byte for byte. ``ipplan undo`` does only that when it finds one: the change stopped
midway is the latest change, and rolling it back is undoing it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ipplan.errors import JournalUnreadable, write_error
from ipplan.files import atomic, layout

NAME = layout.JOURNAL_NAME
VERSION = 1
# The most a journal may hold: a change of the shipped plan is far below it, and a file larger
# than this is no journal ipplan wrote.
MAX_BYTES = 256 * 1024 * 1024


def path_of(data_dir: layout.DataDir) -> Path:
    return data_dir.path / NAME


def pending(data_dir: layout.DataDir) -> Path | None:
    """The journal of a change stopped midway, if one is there (one look, nothing read)."""
    journal = path_of(data_dir)
    return journal if os.path.lexists(journal) else None


def _digest(data: bytes | None) -> str | None:
    import hashlib

    return None if data is None else hashlib.sha256(data).hexdigest()


def _encoded(data: bytes | None) -> str | None:
    import base64

    return None if data is None else base64.b64encode(data).decode("ascii")


def current(path: Path) -> bytes | None:
    """The bytes of the file at ``path``, or None where there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise write_error(path, exc) from None


def put_back(data_dir: layout.DataDir, path: Path, before: bytes | None) -> None:
    """Make the file at ``path`` hold ``before`` again (None: no file), where it differs; with
    the write lock held."""
    try:
        if current(path) == before:
            return
        if before is None:
            atomic.remove(path, data_dir.path)
        else:
            atomic.make_dirs(path.parent, data_dir.path)
            atomic.atomic_write(path, before)
    except OSError as exc:
        raise write_error(path, exc) from None


def begin(data_dir: layout.DataDir, writes: Mapping[str, str | bytes | None], command: str) -> None:
    """Write the journal of the change ``writes`` (names as :func:`apply_writes` takes them),
    synced, before any of its files is touched."""
    import json

    files = []
    for name in sorted(writes):
        content = writes[name]
        new = content.encode("utf-8") if isinstance(content, str) else content
        old = current(data_dir.file(name))
        files.append(
            {
                "name": name,
                "path": str(data_dir.file(name).relative_to(data_dir.path).as_posix()),
                "old": _encoded(old),
                "old_sha256": _digest(old),
                "new_sha256": _digest(new),
            }
        )
    body = {"version": VERSION, "command": command, "files": files}
    atomic.atomic_write(path_of(data_dir), json.dumps(body, ensure_ascii=False, indent=1) + "\n")


def end(data_dir: layout.DataDir) -> None:
    """The change is whole: remove its journal."""
    journal = path_of(data_dir)
    try:
        journal.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise write_error(journal, exc) from None
    atomic.sync_directory(data_dir.path)


def _entries(
    data_dir: layout.DataDir, journal: Path
) -> tuple[str, list[tuple[Path, bytes | None]]]:
    """What the journal says: the command, and each file with its content before the change.
    Anything else (not JSON, a path out of the data directory) is refused whole."""
    import base64
    import json

    def refused() -> JournalUnreadable:
        return JournalUnreadable(journal=str(journal))

    try:
        if journal.is_symlink() or not journal.is_file() or journal.stat().st_size > MAX_BYTES:
            raise refused()
        body = json.loads(journal.read_bytes().decode("utf-8"))
        if not isinstance(body, dict) or body.get("version") != VERSION:
            raise refused()
        command = body.get("command")
        files = body.get("files")
        if not isinstance(command, str) or not isinstance(files, list):
            raise refused()
        entries: list[tuple[Path, bytes | None]] = []
        for entry in files:
            relative = entry.get("path") if isinstance(entry, dict) else None
            old = entry.get("old") if isinstance(entry, dict) else None
            if not isinstance(relative, str) or not (old is None or isinstance(old, str)):
                raise refused()
            parts = PurePosixPath(relative).parts
            if not parts or relative.startswith("/") or any(p in ("..", ".", "") for p in parts):
                raise refused()
            if parts[0] == NAME or parts[0] == layout.LOCK_NAME:
                raise refused()
            before = None if old is None else base64.b64decode(old.encode("ascii"), validate=True)
            if _digest(before) != entry.get("old_sha256"):
                raise refused()
            entries.append((data_dir.path.joinpath(*parts), before))
    except (OSError, ValueError, UnicodeError):
        raise refused() from None
    return command, entries


def roll_back(data_dir: layout.DataDir) -> tuple[str, int] | None:
    """Put every file of the change stopped midway back as it was, then remove its journal;
    the command that made that change (``undo``, or ``change``) and how many files it named,
    or None when there was none.

    Called with the write lock held. Each file is restored atomically and only where it differs,
    so a roll-back itself killed midway is finished by the next one."""
    journal = pending(data_dir)
    if journal is None:
        return None
    command, entries = _entries(data_dir, journal)
    for path, before in reversed(entries):
        put_back(data_dir, path, before)
    end(data_dir)
    return command, len(entries)
