"""``ipplan init``: the bundled plan copied into a new directory, all or nothing."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ipplan import locate
from ipplan.check import schema
from ipplan.errors import TargetExists, write_error
from ipplan.files import atomic, layout


def init(target: Path) -> list[Path]:
    """Copy the bundled plan into ``target`` as a writable plan; never overwrite one.

    All or nothing: the plan is built in a hidden directory beside ``target``, synced, and
    renamed into place once whole (:func:`ipplan.files.atomic.stage_directory`), so a full disk
    or a kill midway leaves no half plan that would block the next ``init``. Into a directory
    that already exists (and holds no plan), the files are moved one by one and taken back out
    if any move fails.
    """
    import shutil

    locate.keep_out_of_plans(target, itself=False)  # a plan there already: TargetExists
    source = locate.bundled_dir()
    names = [layout.FILES[name] for name in layout.FILES if name not in layout.LEGACY]
    shipped = [kind.name for kind in layout.KINDS.values() if (source / kind.name).is_dir()]
    if (source / layout.WORKPLANS_DIR).is_dir():  # the yearly work plans shipped with the plan
        shipped.append(layout.WORKPLANS_DIR)
    for name in [*names, *shipped]:
        if (target / name).exists():
            raise TargetExists(path=str(target / name))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(target, exc) from None
    made: list[Path] = []

    def build(staging: Path) -> None:
        for name in names:
            shutil.copyfile(source / name, staging / name)
        for name in shipped:
            atomic.copy_tree(source / name, staging / name)
        (staging / ".gitignore").write_text(layout.GITIGNORE, encoding="utf-8")
        schema.write_schemas(staging / layout.SCHEMA_DIR)
        made.extend(_made(staging, target))

    into_existing = target.exists()
    try:
        atomic.stage_directory(
            target,
            build,
            prefix=f".{target.name}.init-",
            place=(lambda staging: _install(staging, target)) if into_existing else None,
        )
    except OSError as exc:
        raise write_error(target, exc) from None
    return made


def _made(staging: Path, target: Path) -> list[Path]:
    """The files the staged plan will put at ``target`` (its own .gitignore kept)."""
    keep_ignore = (target / ".gitignore").exists()
    return [
        target / path.relative_to(staging)
        for path in sorted(staging.rglob("*"))
        if path.is_file() and not (keep_ignore and path.name == ".gitignore")
    ]


def _install(staging: Path, target: Path) -> None:
    """Put the staged plan into the directory ``target``, which exists and holds no plan:
    each entry moved in, and every one moved so far taken back out if a later move fails."""
    import shutil

    entries = sorted(staging.iterdir())
    keep_ignore = (target / ".gitignore").exists()
    moved: list[Path] = []
    try:
        for entry in entries:
            destination = target / entry.name
            if entry.name == ".gitignore" and keep_ignore:
                continue  # the directory's own .gitignore is kept
            if destination.exists() and entry.name != layout.SCHEMA_DIR:
                raise TargetExists(path=str(destination))
            if destination.is_dir():  # an older schema directory: its files are replaced
                for schema_file in sorted(entry.iterdir()):
                    os.replace(schema_file, destination / schema_file.name)
                continue
            os.rename(entry, destination)
            moved.append(destination)
    except (OSError, TargetExists):
        for destination in reversed(moved):
            if destination.is_dir():
                shutil.rmtree(destination, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    destination.unlink()
        raise
    atomic.sync_directory(target)
