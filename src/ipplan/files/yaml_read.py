"""Read YAML with line numbers, and without PyYAML's silent surprises.

The composer gives nodes with positions; we build plain Python values from them ourselves so that:

- every mapping key and sequence item keeps the line it stands on (for ``path:line`` messages);
- a duplicate key is a problem, not a silent "last one wins";
- only ``true``/``false`` are booleans (``on``, ``yes``, ``no`` stay text);
- a number that YAML 1.1 and 1.2 read differently (``040000``, ``1:20``, ``1_000``, ``1e3``), or
  one not in decimal (``0x1F``), is a problem at its line (:mod:`ipplan.text.numbers`);
- dates and timestamps stay text, and the models parse them where a date is expected;
- tags that ask for Python objects are refused, never constructed;
- anchors and aliases cannot expand into an unbounded document: a file uses at most
  :data:`MAX_ALIASES` aliases, which add at most :data:`MAX_ALIAS_NODES` values in all, counted
  on the composed nodes (an alias is the node it names, met again), never by expanding them;
- a file holds at most :data:`MAX_KEYS` keys, a record file :data:`MAX_RECORD_KEYS`, and a
  record file over :data:`MAX_RECORD_BYTES` is not parsed at all.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipplan.files import fingerprint, yaml_document, yaml_scalars
from ipplan.problems import Problem

MAX_BYTES = 50 * 1024 * 1024
# A record file (actuals/KEY/YEAR.yaml, updates/..., progress/...) is a few hundred bytes with
# a handful of keys as ipplan writes it, a value replaced a hundred times a few kilobytes: one
# larger is not parsed, and one of more keys is refused at the key past the limit.
MAX_RECORD_BYTES = 64 * 1024
MAX_RECORD_KEYS = 1_000
# A plain file longer than this (characters) keeps its text rather than its lines, whose keys
# take ten times its size, and reads them again from it when asked.
LINES_LATER = 64 * 1024


# The lines git writes around the two sides of a conflict it could not merge (and, in the
# diff3 style, around the common ancestor's lines).
_OURS, _BASE, _SPLIT, _THEIRS = "<<<<<<<", "|||||||", "=======", ">>>>>>>"


def _marker(line: str, marker: str) -> str | None:
    """The label after ``marker`` when ``line`` is that conflict marker line, else None."""
    if line == marker or line.startswith(marker + " "):
        return line[len(marker) :].strip()
    return None


@dataclass
class _Conflict:
    start: int  # index of the <<<<<<< line
    end: int  # index of the >>>>>>> line (or the last line, when it is missing)
    labels: tuple[str, str]
    sides: tuple[list[str], list[str]]


def conflicts(text: str, path: Path) -> list[Problem]:
    """A ``merge-conflict`` problem at each ``<<<<<<<`` line git left in ``text``.

    Each names both sides: the value each side records, where both sides of the file read as a
    record with a value, else the side's lines as they are.
    """
    if _OURS not in text:  # a text of millions of lines is not split to find none
        return []
    lines = text.splitlines()
    found: list[_Conflict] = []
    i = 0
    while i < len(lines):
        ours_label = _marker(lines[i], _OURS)
        if ours_label is None:
            i += 1
            continue
        start, theirs_label = i, ""
        ours: list[str] = []
        theirs: list[str] = []
        section = ours
        i += 1
        while i < len(lines):
            line = lines[i]
            if _marker(line, _BASE) is not None:
                section = []  # the common ancestor's lines: neither side's
            elif line == _SPLIT:
                section = theirs
            elif (label := _marker(line, _THEIRS)) is not None:
                theirs_label = label
                break
            else:
                section.append(line)
            i += 1
        found.append(_Conflict(start, i, (ours_label, theirs_label), (ours, theirs)))
        i += 1
    values = _side_values(lines, found, path) if found else None
    problems = []
    for n, conflict in enumerate(found):
        shown = values if n == 0 and values else tuple(_summary(s) for s in conflict.sides)
        params = {
            "ours_label": conflict.labels[0] or "ours",
            "theirs_label": conflict.labels[1] or "theirs",
            "ours": shown[0],
            "theirs": shown[1],
        }
        problems.append(Problem(path, conflict.start + 1, "merge-conflict", params))
    return problems


def _summary(lines: list[str]) -> str:
    shown = "; ".join(line.strip() for line in lines if line.strip()) or "—"
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _side_values(lines: list[str], found: list[_Conflict], path: Path) -> tuple[str, ...] | None:
    """Each side's ``value``, when both sides of the whole file read as a record with one."""
    values = []
    for side in (0, 1):
        kept: list[str] = []
        i = 0
        for conflict in found:
            kept += lines[i : conflict.start] + conflict.sides[side]
            i = conflict.end + 1
        kept += lines[i:]
        doc, problems = parse("\n".join(kept) + "\n", path)
        if problems or not isinstance(doc.data, dict) or "value" not in doc.data:
            return None
        values.append(f"value: {doc.data['value']}")
    return tuple(values)


def parse(
    text: str, path: Path | str, lines_later: bool = False, max_keys: int | None = None
) -> tuple[yaml_document.Document, list[Problem]]:
    """Parse ``text`` (the content of ``path``) into a :class:`Document` and its problems.

    ``lines_later``: a large file read by the block reader keeps its text, not its lines,
    for a file whose lines are looked up only for a problem's message (the definitions).
    ``max_keys``: the keys the file may hold (:data:`MAX_KEYS`); one more is a
    ``too-many-keys`` problem at its line.

    A syntax error gives an empty document and one ``yaml-syntax`` problem at its line; a
    conflict git left unresolved, one ``merge-conflict`` problem at each of its first lines.
    """
    from ipplan.files import yaml_fast

    keys = yaml_scalars.MAX_KEYS if max_keys is None else max_keys
    fast = yaml_fast.flat(text, keys)
    if fast is not None:
        return yaml_document.Document(path, fast[0], fast[1], plain=True), []
    large = lines_later and len(text) > LINES_LATER
    read = yaml_fast.read(text, yaml_scalars.MAX_NODES, lines=not large, max_keys=keys)
    if read is not None:
        if large:  # its lines are read again from its text if a message needs one
            return yaml_document.Document(path, read[0], plain=True, text=text), []
        return yaml_document.Document(path, read[0], read[1], plain=True), []
    return parse_yaml(text, Path(path), keys)


def parse_yaml(
    text: str, path: Path, max_keys: int | None = None
) -> tuple[yaml_document.Document, list[Problem]]:
    """:func:`parse` through the YAML parser, for every file the flat path does not take."""
    unresolved = conflicts(text, path)  # git's conflict lines: no YAML parser makes sense of them
    if unresolved:
        return yaml_document.Document(path, None, broken=True), unresolved
    from ipplan.files import yaml_libyaml

    return yaml_libyaml.parse(text, path, yaml_scalars.MAX_KEYS if max_keys is None else max_keys)


class Refused(Exception):
    """A file that is not the plan's own regular file, or one over the size limit: not read."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in the words of the messages."""
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


# Never block on a pipe, never follow a link put in place after the checks.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(
    path: Path | str,
    root: Path | None = None,
    limit: int | None = None,
    *,
    scanned: bool = False,
    anywhere: bool = False,
) -> bytes:
    """The bytes of ``path``, read only when it is a regular file of the directory ``root``
    (its own directory unless given), and never more than ``limit`` bytes (``MAX_BYTES``).

    A symbolic link is followed only to a regular file inside ``root``, or to any regular file
    when ``anywhere`` (a file named on the command line, such as a table to import, rather than
    one of the plan's own). A directory, device, pipe or socket is refused by its type, before
    it is opened, and checked again once open; ``scanned`` says the caller has just seen
    ``path`` listed as a regular file, not a link (records.scan), so that only the check once
    open is made. The read stops at the limit whatever the file system says the size is.
    Raises :class:`Refused`, or :class:`OSError` when the system refuses (a missing file, say).
    """
    limit = MAX_BYTES if limit is None else limit
    target = path
    if not scanned:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            real = Path(os.path.realpath(path))
            inside = os.path.realpath(root if root is not None else os.path.dirname(path))
            if not anywhere and not real.is_relative_to(inside):
                raise Refused("not-a-regular-file", kind="symlink-outside")
            target = real
            info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not-a-regular-file", kind=file_kind(info.st_mode))
    fd = os.open(target, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between the check and the open
            raise Refused("not-a-regular-file", kind=file_kind(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        while True:
            # The size it has, and one byte more: a shorter read that reached that size is the
            # end of a regular file, and saves the empty read that would say so.
            wanted = min(max(info.st_size + 1 - total, 1 << 16), limit + 1 - total)
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Refused("too-large", limit=limit)
            if len(chunk) < wanted and total >= info.st_size:
                break
        return b"".join(chunks)
    finally:
        os.close(fd)


def read(
    path: Path | str,
    root: Path | None = None,
    *,
    scanned: bool = False,
    lines_later: bool = False,
    record: bool = False,
) -> tuple[yaml_document.Document, list[Problem]]:
    """Read and parse one YAML file; encoding and size problems are reported, not raised.

    Only a regular file of ``root`` (the file's own directory unless given) is read: see
    :func:`read_regular`. ``lines_later``: see :func:`parse`. A ``record`` file is held to
    the limits of one: no more than :data:`MAX_RECORD_BYTES` is read (a larger one is a
    ``record-too-large`` problem, and never parsed), nor :data:`MAX_RECORD_KEYS` keys.
    """
    try:
        raw = read_regular(path, root, MAX_RECORD_BYTES if record else None, scanned=scanned)
    except Refused as refused:
        code = "record-too-large" if record and refused.code == "too-large" else refused.code
        return yaml_document.failed(Path(path), 1, code, refused.params)
    except OSError as exc:
        return yaml_document.failed(
            Path(path), 1, "unreadable", {"detail": exc.strerror or str(exc)}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return yaml_document.Document(path, None, broken=True), [
            Problem(Path(path), line, "not-utf8")
        ]
    doc, problems = parse(text, path, lines_later, MAX_RECORD_KEYS if record else None)
    doc.digest = digest(raw)
    return doc, problems


def digest(raw: bytes) -> str:
    """A short fingerprint of a file's bytes."""
    return fingerprint.digest(raw)
