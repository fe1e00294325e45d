"""The files ipplan writes: one small file per record, so that git merges what does not conflict.

A record kind is a directory under the data directory, and a rule for naming one record's file:

- ``actuals/<indicator-key>/<year>.yaml``: one indicator-year, with its history;
- ``updates/<action-id>/<recorded-stamp>.yaml``: one dated update to an action;
- ``undone/<recorded-stamp>.yaml``: one undo, with the bytes of each file it removed or replaced;
- ``baselines/<recorded-stamp>.yaml``: one pending baseline written into indicators.yaml, with
  that file's text before.

Two branches that record different indicator-years, or update actions at different times, add
different files, and git's own line merge takes both without a conflict. Only the same
indicator-year changed on both sides touches the same file.

Another capability adds its own kind with :func:`register` (work-plan progress, say), and gives
:mod:`ipplan.check.rules` a reader for it; reading, writing, history and undo then treat its files
as
they treat these.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ipplan.files.discover import Search
from ipplan.problems import DIRECTORY_REST, MAX_PER_FILE, Problem

SUFFIX = ".yaml"
# At most this many entries are looked at in one record directory: far above any plan's
# records, low enough that a directory full of junk cannot make a command hang.
MAX_ENTRIES = 200_000

KEY = re.compile(r"[a-z][a-z0-9_]*")
SLUG = re.compile(r"[a-z][a-z0-9-]*")
YEAR = re.compile(r"[0-9]{4}")
# A recorded time in a file name: UTC, to the millisecond or microsecond, no colons (Windows).
STAMP = re.compile(r"[0-9]{8}T[0-9]{6}(\.[0-9]{3}|\.[0-9]{6})?Z?")


class Kind(NamedTuple):
    """One kind of record: its directory, and the pattern of each part of a record's path."""

    name: str  # the directory under the data directory, and the key of the kind
    parts: tuple[re.Pattern[str], ...]  # one per level below it; the last is the file's stem
    layout: str  # how the path reads, for messages and docs
    schema: str  # the JSON Schema of one record file, under schema/

    def relative(self, *parts: str) -> str:
        """The path of the record named by ``parts``, relative to the data directory."""
        return "/".join((self.name, *parts)) + SUFFIX

    def header(self) -> str:
        """The first line of a record file: the schema for editors, relative to the file."""
        up = "../" * len(self.parts)
        return f"# yaml-language-server: $schema={up}schema/{self.schema}.schema.json\n"


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind of record; its files are read, checked, written and undone like the others."""
    KINDS[kind.name] = kind
    return kind


ACTUALS = register(Kind("actuals", (KEY, YEAR), "actuals/<indicator-key>/<year>.yaml", "actual"))
UPDATES = register(
    Kind("updates", (SLUG, STAMP), "updates/<action-id>/<recorded-stamp>.yaml", "update")
)
# Work-plan progress (ipplan.workplans): one event on one item of one year's work plan.
ITEM = re.compile(r"[a-z][a-z0-9_-]*")
PROGRESS = register(
    Kind(
        "progress",
        (YEAR, ITEM, STAMP),
        "progress/<year>/<item-id>/<recorded-stamp>.yaml",
        "progress",
    )
)


# What ``ipplan undo`` took back: one file an undo, named by its own recorded time, holding the
# bytes of every file it removed or replaced (ipplan.history), so that it is in the history and
# the next undo can put them back.
UNDONE = register(Kind("undone", (STAMP,), "undone/<recorded-stamp>.yaml", "undo"))
# A pending baseline written into indicators.yaml by ``ipplan record`` (ipplan.actuals): one file
# a baseline, named by its recorded time, holding what it wrote and indicators.yaml's text
# before, so that it is in the history and undo can put that text back.
BASELINES = register(Kind("baselines", (STAMP,), "baselines/<recorded-stamp>.yaml", "baseline"))


def split(relative: str) -> tuple[Kind, tuple[str, ...]] | None:
    """The kind and parts of a record's relative path; None when it names no record."""
    head, _, rest = relative.partition("/")
    kind = KINDS.get(head)
    if kind is None or not rest.endswith(SUFFIX):
        return None
    parts = tuple(rest[: -len(SUFFIX)].split("/"))
    if len(parts) != len(kind.parts):
        return None
    return kind, parts


def stamp_name(moment: dt.datetime) -> str:
    """A recorded time as it appears in a file name: in UTC, as exact as the time itself.

    A time written without an offset is named as it is, without the final ``Z``.
    """
    utc = moment.astimezone(dt.timezone.utc) if moment.tzinfo is not None else moment
    name = utc.strftime("%Y%m%dT%H%M%S")
    micro = utc.microsecond
    if micro:
        name += f".{micro // 1000:03d}" if micro % 1000 == 0 else f".{micro:06d}"
    return name + ("Z" if moment.tzinfo is not None else "")


def scan(root: Path, kind: Kind) -> tuple[list[str], list[Problem]]:
    """The relative paths of ``kind``'s record files under ``root``, sorted, and the problems
    of entries that do not belong there.

    Names starting with a dot (a write's temporary file, ``.gitkeep``) are skipped. Symbolic
    links are never followed: a record is a regular file in a real directory of the plan.
    """
    found: list[str] = []
    problems: list[Problem] = []
    base = root / kind.name
    if base.is_symlink():
        return found, [Problem(base, 1, "not-a-regular-file", {"kind": "symlink"})]
    _walk(base, kind, 0, kind.name, found, problems)
    found.sort()
    return found, problems


def _walk(
    directory: Path | str,
    kind: Kind,
    level: int,
    prefix: str,
    found: list[str],
    problems: list[Problem],
) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        problems.append(Problem(Path(directory), 1, "unexpected-file", {"layout": kind.layout}))
        return
    except OSError as exc:
        detail = exc.strerror or str(exc)
        problems.append(Problem(Path(directory), 1, "unreadable", {"detail": detail}))
        return
    if len(entries) > MAX_ENTRIES:
        problems.append(Problem(Path(directory), 1, "too-many-files", {"limit": MAX_ENTRIES}))
        return
    last = level == len(kind.parts) - 1
    pattern = kind.parts[level]
    told = untold = 0  # problems of this directory's entries: past MAX_PER_FILE, only counted

    def refuse(entry: os.DirEntry[str], code: str, params: dict[str, Any]) -> None:
        nonlocal told, untold
        if told < MAX_PER_FILE:
            told += 1
            problems.append(Problem(Path(entry.path), 1, code, params))
        else:
            untold += 1

    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        relative = f"{prefix}/{name}"
        if entry.is_symlink():
            refuse(entry, "not-a-regular-file", {"kind": "symlink"})
            continue
        if last:
            stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else None
            if stem and pattern.fullmatch(stem):
                if entry.is_file(follow_symlinks=False):
                    found.append(relative)
                else:  # a directory, pipe or device where a record belongs: never opened
                    from ipplan.files.yaml_read import file_kind

                    kind_of = file_kind(entry.stat(follow_symlinks=False).st_mode)
                    refuse(entry, "not-a-regular-file", {"kind": kind_of})
                continue
        elif entry.is_dir(follow_symlinks=False) and pattern.fullmatch(name):
            _walk(entry.path, kind, level + 1, relative, found, problems)
            continue
        refuse(entry, "unexpected-file", {"layout": kind.layout})
    if untold:
        params = {"count": untold, "limit": MAX_PER_FILE}
        problems.append(Problem(Path(directory), 1, DIRECTORY_REST, params))


SCHEMA_DIR = "schema"  # beside the data files, as their first lines name it
FILES: dict[str, str] = {
    "indicators": "indicators.yaml",
    "tasks": "tasks.yaml",
    "actuals": "actuals.yaml",
    "task_log": "task_log.yaml",
}
# The tool's single files of earlier versions: read when present, and migrated on the next write.
LEGACY = {"actuals", "task_log"}
# Writers take this lock in the data directory; the operating system releases it when the
# process ends, however it ends, so a crashed writer never leaves the plan locked.
LOCK_NAME = ".ipplan.lock"
# A change of several files is written down here first, and removed once it is whole
# (ipplan.files.journal): left behind, it is a change stopped midway.
JOURNAL_NAME = ".ipplan.journal"
TEMP_SUFFIX = ".tmp"
# What a data directory holds that is not data: the lock, and the temporary file of a write
# that was killed before it finished (removed by the next write).
GITIGNORE = f"{LOCK_NAME}\n.*{TEMP_SUFFIX}\n"


@dataclass(frozen=True)
class DataDir:
    """A data directory and whether it is the read-only copy bundled with ipplan."""

    path: Path
    bundled: bool = False
    # Where ipplan looked before settling on the bundled plan, to say so.
    search: Search | None = field(default=None, compare=False)

    def file(self, name: str) -> Path:
        """The path of data file ``name``: a key of :data:`FILES`, or a record's relative path."""
        return self.path / FILES.get(name, name)


def record_files(data_dir: DataDir, problems: list[Problem] | None = None) -> list[str]:
    """The relative paths of every record file in ``data_dir``; what does not belong in the
    record directories is added to ``problems``."""
    found: list[str] = []
    for kind in KINDS.values():
        paths, stray = scan(data_dir.path, kind)
        found += paths
        if problems is not None:
            problems.extend(stray)
    return found


# What a plan owns in its data directory beside the files of FILES: what no output may land on.
OWNED_FILES = (".gitignore", LOCK_NAME, JOURNAL_NAME)
WORKPLANS_DIR = "workplans"  # the yearly work plans, one file a year


def owned_directories() -> list[str]:
    """The directories of a data directory that belong to the plan as a whole: the records',
    the schemas' and the work plans'."""
    return [kind.name for kind in KINDS.values()] + [SCHEMA_DIR, WORKPLANS_DIR]
