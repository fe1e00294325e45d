"""Writing the site: into a new directory, or over a site ipplan wrote before, all at once.

The files are written into a hidden directory beside the target, which then takes the target's
place, so a reader of the old site never sees half of the new one. A directory that holds
anything but an earlier site is never touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ipplan.errors import DataNotWritable, SiteTargetNotEmpty

MARKER = ".ipplan-site"


def is_site(directory: Path) -> bool:
    return (directory / MARKER).is_file()


def write_site(target: Path, files: Mapping[str, bytes]) -> bool:
    """Write ``files`` (relative paths) as the directory ``target``; True if a site was replaced."""
    try:
        exists = target.exists()
        if exists and (not target.is_dir() or (any(target.iterdir()) and not is_site(target))):
            raise SiteTargetNotEmpty(path=str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        )
    except OSError as exc:
        raise DataNotWritable(path=str(target), detail=exc.strerror or str(exc)) from None
    old = staging.with_name(staging.name[: -len(".tmp")] + ".old.tmp")
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (staging / MARKER).write_text("written by ipplan site; replaced whole on the next run\n")
        os.chmod(staging, 0o777 & ~_umask())
        if exists:
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            with contextlib.suppress(OSError):
                os.replace(old, target)  # put the earlier site back
        shutil.rmtree(staging, ignore_errors=True)
        raise DataNotWritable(path=str(target), detail=exc.strerror or str(exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return exists and bool(files)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
