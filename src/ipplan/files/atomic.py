"""Writing files so that a reader sees the old file or the new one, never a mix: the atomic
replace, directories made and removed, syncs, and the temporaries a killed write leaves."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ipplan.errors import OutputThroughPlantedLink, TargetExists, write_error
from ipplan.files import layout


def shared_mode(directory: Path) -> int | None:
    """The lock file's mode: in a directory a group may write, the group may take the lock too.

    With the usual umask (022) a lock file would be created -rw-r--r--, and every other member
    of the group would be locked out by the first one to write. So where the directory itself is
    group- or world-writable, the lock file is made writable to the same people, whatever the
    umask. Elsewhere the umask and any default ACL decide, as for any new file.
    """
    try:
        bits = directory.stat().st_mode & 0o777
    except OSError:
        return None
    if not bits & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return bits & 0o666 | stat.S_IRUSR | stat.S_IWUSR


def stray_temporaries(data_dir: layout.DataDir) -> list[Path]:
    """Temporary files that :func:`atomic_write` left behind when its process was killed."""
    found: list[Path] = []
    for name in (*layout.FILES.values(), layout.JOURNAL_NAME):
        found += sorted(data_dir.path.glob(f".{name}.*{layout.TEMP_SUFFIX}"))
    schemas = data_dir.path / layout.SCHEMA_DIR  # ipplan schema's files, *.schema.json
    if schemas.is_dir() and not schemas.is_symlink():
        found += sorted(schemas.glob(f".*.schema.json.*{layout.TEMP_SUFFIX}"))
    for kind in layout.KINDS.values():
        base = data_dir.path / kind.name
        if base.is_dir() and not base.is_symlink():
            found += sorted(_temporaries_below(base, len(kind.parts) - 1))
    return found


def _temporaries_below(directory: Path, depth: int) -> Iterator[Path]:
    """The temporary files of records ``depth`` directories below ``directory``, as
    ``*/.*.yaml.*.tmp`` would find them, listed with one scan a directory: a glob took a
    quarter of a second on a plan of 100,000 records."""
    try:
        with os.scandir(directory) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        if depth:
            if entry.is_dir(follow_symlinks=False):
                yield from _temporaries_below(Path(entry.path), depth - 1)
        elif fnmatch.fnmatchcase(entry.name, f".*{layout.SUFFIX}.*{layout.TEMP_SUFFIX}"):
            yield Path(entry.path)


def remove_stray_temporaries(data_dir: layout.DataDir) -> None:
    for path in stray_temporaries(data_dir):
        with contextlib.suppress(OSError):
            path.unlink()


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` all at once: the old file or the new one, never a mix.

    Text is written as UTF-8 with ``\n`` line ends; bytes as they are.

    The temporary file sits in the same directory (so the rename is atomic), is flushed and
    synced before the rename, is removed on any failure, and takes the old file's permissions.
    """
    directory = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=layout.TEMP_SUFFIX, dir=directory
        )
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
        sync_directory(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def stage_directory(
    target: Path,
    build: Callable[[Path], object],
    *,
    prefix: str,
    suffix: str = layout.TEMP_SUFFIX,
    place: Callable[[Path], object] | None = None,
    inside: bool = False,
    durable: bool = True,
) -> None:
    """Build a directory whole in a hidden staging directory, then put it in place.

    The one stager of ``init``, ``new`` and ``site``, with one policy:

    - the staging directory ``<prefix><random><suffix>`` is made beside ``target`` (inside it
      with ``inside``, so that each later rename stays on one file system), with the
      permissions the umask gives a new directory, as ``target`` would have had;
    - ``build(staging)`` writes the files into it;
    - with ``durable`` (the default), every file and directory of it is synced before anything
      is renamed, so that a power cut after the rename leaves the files, not empty names;
    - ``place(staging)`` puts it in place; by default one rename onto ``target``, which may
      replace an empty directory but never a full one (:class:`TargetExists`), and is synced;
    - on any failure, ``KeyboardInterrupt`` too, the staging directory is removed, so nothing
      half built is left to block the next run;
    - ``target`` is refused if it goes through a planted link (:func:`refuse_planted_link`),
      and nothing in the staging directory is followed through a link.

    An ``OSError`` of the build or the rename is raised as it is: each command names it.
    """
    import secrets

    refuse_planted_link(target)
    directory = target if inside else target.parent
    staging = directory / f"{prefix}{secrets.token_hex(4)}{suffix}"
    for _ in range(100):
        try:
            os.mkdir(staging, 0o777)  # the umask decides, as for the directory it becomes
            break
        except FileExistsError:
            staging = directory / f"{prefix}{secrets.token_hex(4)}{suffix}"
    else:  # pragma: no cover - a hundred names taken in a row
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(staging))
    try:
        build(staging)
        if durable:
            sync_tree(staging)
        if place is not None:
            place(staging)
        else:
            _rename_into_place(staging, target)
    finally:
        if os.path.lexists(staging):
            _remove_tree(staging)


def _rename_into_place(staging: Path, target: Path) -> None:
    """One rename of ``staging`` onto ``target``: an empty directory there is replaced, a
    full one (or a file, or a link) never is."""
    try:
        os.rename(staging, target)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
            raise TargetExists(path=str(target)) from None
        raise
    sync_directory(target.parent)


def sync_tree(top: Path) -> None:
    """Sync every regular file and directory under ``top`` (itself too), following no link."""
    for directory, _dirs, names in os.walk(top):
        for name in names:
            path = os.path.join(directory, name)
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    continue  # a link: nothing of ours to sync
                raise
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    os.fsync(fd)
            finally:
                os.close(fd)
        sync_directory(Path(directory))


def _remove_tree(path: Path) -> None:
    """Remove a staging directory and all in it; a link in it is removed, never followed."""
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def make_dirs(directory: Path, top: Path) -> None:
    """Create ``directory`` and the missing ones between it and ``top``. In a data directory a
    group shares, each gets the data directory's own mode, so that the next member of the group
    can add a record beside the first one's whatever the umask."""
    missing = []
    current = directory
    while current != top and not current.is_dir():
        missing.append(current)
        current = current.parent
    shared = shared_mode(top) is not None
    mode = stat.S_IMODE(top.stat().st_mode) if shared else None
    for created in reversed(missing):
        created.mkdir(exist_ok=True)
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(created, mode)


def remove(path: Path, top: Path) -> None:
    """Remove the file ``path``, then the directories it leaves empty, up to ``top``."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise write_error(path, exc) from None
    sync_directory(path.parent)
    parent = path.parent
    while parent != top and top in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def sync_directory(directory: Path) -> None:
    """Make the rename itself durable, where the system allows a directory to be synced."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles to sync
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def copy_tree(source: Path, destination: Path) -> None:
    """Copy a directory of records file by file, so that a failure is the operating system's
    own error (a full disk named as one), not shutil.copytree's list of them."""
    import shutil

    destination.mkdir()
    for path in sorted(source.rglob("*")):
        copy = destination / path.relative_to(source)
        if path.is_dir():
            copy.mkdir()
        elif path.is_file():
            shutil.copyfile(path, copy)


# How many links an output path may go through before it is left to the write to refuse (the
# kernel's own limit, ELOOP, is 40).
LINK_HOPS = 40


def refuse_planted_link(output: Path) -> None:
    """Refuse ``output`` if it goes through a symbolic link that someone else may have planted:
    a link in a sticky or world-writable directory (/tmp), owned neither by the user nor by
    that directory's owner. The kernel's fs.protected_symlinks refuses to follow such a link;
    ipplan refuses it on every output it writes (a report, a site, schemas, a new plan), since
    its atomic writes resolve the path themselves. Every component of the path is looked at,
    and of each link's target in turn, without following anything.

    A component that lies in such a shared directory and belongs to another user (neither the
    user nor root: Bob's /tmp/bobd) makes what is below it that user's to arrange: from there
    on, any link of that user's is refused too, whoever owns the directory it stands in."""
    absolute = output.absolute()
    current = Path(absolute.anchor)
    pending = list(absolute.parts[1:])
    hops = 0
    me = os.geteuid()
    untrusted: set[int] = set()  # the owners of what stands in a shared directory, not ours
    while pending:
        part = pending.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        candidate = current / part
        try:
            found = os.lstat(candidate)
            directory = os.stat(current)
        except OSError:
            return  # nothing there (yet): no link to follow from here on
        shared = directory.st_mode & (stat.S_ISVTX | stat.S_IWOTH)
        if shared and found.st_uid not in (me, 0):
            untrusted.add(found.st_uid)
        if not stat.S_ISLNK(found.st_mode):
            current = candidate
            continue
        hops += 1
        try:
            target = Path(os.readlink(candidate))
        except OSError:
            return  # the write itself names what is wrong
        if (shared and found.st_uid not in (me, directory.st_uid)) or found.st_uid in untrusted:
            raise OutputThroughPlantedLink(
                path=str(output), link=str(candidate), owner=found.st_uid
            )
        if hops > LINK_HOPS:
            return  # a loop: the write itself refuses it
        if target.is_absolute():
            current = Path(target.anchor)
        pending[:0] = [name for name in target.parts if name != target.anchor]
