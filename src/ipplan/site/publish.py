"""Writing the site into a directory, touching only the files an earlier site wrote there.

The manifest, ``OUT/.ipplan-site.json``, lists every file the site wrote, by its path relative to
``OUT``, with the digest of its bytes. Everything else in ``OUT`` is someone else's and is kept
as it is: a gh-pages checkout's ``.git``, a ``CNAME``, a ``.nojekyll``, a page of one's own.

- ``OUT`` new or empty: the site is written. ``OUT`` holding only hidden entries and a
  ``CNAME`` (a publishing checkout before its first site): the site is written beside them.
- ``OUT`` with a manifest: the files it lists are the earlier site's. Those the new site writes
  are replaced; those it no longer writes are removed, but only while their bytes are still
  those written (one changed since, say into a page saying where a plan went, is kept and no
  longer listed), and never one larger than any file a site writes (:data:`MAX_SITE_FILE`),
  which is not read whole either. A manifest of more than :data:`MAX_MANIFEST_ENTRIES` files
  or :data:`MAX_MANIFEST_BYTES` bytes is refused as broken.
- ``OUT`` holding a site from before the manifest (the marker ``.ipplan-site``, which such a site
  replaced whole on each run): its files are the marker, ``index.html`` and everything under the
  directories a site has, ``plans/``, ``data/``, ``en/`` and ``zh/``; the rest is kept.
- Anything else is refused: a directory holding other files, a manifest that is not one ipplan
  wrote (or names a path outside ``OUT``), a file ipplan did not write (or a link, or a file
  where the site has a directory) at a path the new site writes, and an ``OUT`` inside a plan's
  data directory or holding one, or holding a workspace file (:func:`keep_apart`). A refusal
  comes before anything is written. A link inside ``OUT`` is never written or removed through.

What a reader of ``OUT`` sees, and what a crash leaves. The site used to be written into a
directory beside ``OUT`` that then took its place in one rename; that would now move the other
files (a ``.git``) out and back, and fail where ``OUT`` is a mount point. Instead:

1. every file of the new site is written into a hidden directory inside ``OUT`` (so that each
   later rename stays on one file system), made by the one stager of ``init`` and ``new``
   (:func:`ipplan.files.atomic.stage_directory`); a failure here, an interrupt too, removes
   it, and ``OUT`` is as it was;
2. the manifest is replaced, atomically and synced (:func:`ipplan.files.atomic.atomic_write`),
   by one listing the files of both sites: from here on every file ipplan put in ``OUT`` is listed,
   whatever a crash leaves;
3. each new file is renamed into its place, deepest first and the index pages last, so that a
   page's links lead to new pages once it is new; a reader sees each file whole, old or new,
   and for these milliseconds some pages of each site;
4. the earlier site's files the new one lacks are removed, the manifest is replaced (synced) by
   the new site's alone, and the hidden directory is removed.

A failure in steps 2 to 4 leaves a site part old, part new, whose manifest lists every file in
it: the message says so, and the next run finishes. A crash can leave the hidden directory,
which the next run removes.

Only the manifest is synced to disk. The site's own files are not, one by one: a workspace's
site has thousands, and a sync each made it three times slower to write than to build. They
are output, made again from the plans by the next run; what a power cut may cost is their
bytes (a file left empty or old), never the record of which files are ipplan's. A stale file
whose bytes were lost that way no longer matches its digest and is left in place.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ipplan.errors import (
    IpplanError,
    SiteFileInTheWay,
    SiteHoldsPlan,
    SiteInsidePlan,
    SiteManifestBroken,
    SitePartlyReplaced,
    SiteTargetNotEmpty,
    write_error,
)
from ipplan.files import layout
from ipplan.files.atomic import atomic_write, remove, stage_directory
from ipplan.files.discover import WORKSPACE
from ipplan.files.fingerprint import digest, digest_file
from ipplan.locate import Neighbourhood, keep_out_of_plans
from ipplan.site.pages import LANGS

MANIFEST = ".ipplan-site.json"
# No file a site writes is larger (a workspace's largest download is a few MB): a larger file
# listed as the site's is never read whole, nor removed.
MAX_SITE_FILE = 50 * 1024 * 1024
# A manifest lists at most this many files (a workspace of a thousand plans writes some
# 20,000) and takes at most this many bytes; a longer one is refused as broken.
MAX_MANIFEST_ENTRIES = 100_000
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# The marker of a site written before the manifest, when a site was replaced whole.
MARKER = ".ipplan-site"
# The hidden directory the new site is written into first: ``.ipplan-site-<random>.tmp``.
STAGING = (".ipplan-site-", ".tmp")
# What a site has always had at its root: a site from before the manifest wrote only these.
SITE_ROOT = ("index.html", "plans", "data", *LANGS)
# Besides hidden entries, what a publishing checkout may hold before its first site.
CHECKOUT = ("CNAME",)


def keep_apart(target: Path, around: Neighbourhood) -> None:
    """Refuse ``target`` (a link is followed) inside a plan's data directory, or holding one, or
    holding a workspace file: the site would be read as the plan's files, or rebuilding it
    would touch them. The plans ``around`` names (the workspace's) are looked for, and also
    every plan at or above ``target`` and in it, in any workspace or none; and a link on the
    way that someone else may have planted in a shared directory is refused."""
    real = keep_out_of_plans(target, around, SiteInsidePlan)
    for held in (*around.plans, *around.workspaces, *_plans_held(real)):
        if real in held.parents:
            raise SiteHoldsPlan(path=str(target), plan=str(held))


def _plans_held(real: Path) -> list[Path]:
    """The plans' data files and workspace files in ``real`` or in the directories a site
    writes there (``plans/``, ``data/``, ``en/``, ``zh/``), wherever they are: a site is
    never written over or around another plan, in this workspace or any other. Links are not
    followed (nothing is written through one)."""
    names = (layout.FILES["indicators"], WORKSPACE)
    found = [real / name for name in names if os.path.lexists(real / name)]
    for name in SITE_ROOT:
        start = real / name
        if not start.is_dir() or start.is_symlink():
            continue
        for directory, _, files in os.walk(start):
            found += [Path(directory) / name for name in names if name in files]
    return found


def write_site(
    target: Path, files: Mapping[str, bytes], around: Neighbourhood | None = None
) -> bool:
    """Write ``files`` (relative paths) into the directory ``target``, replacing the files an
    earlier site wrote there and nothing else; True if there was an earlier site."""
    if around is not None:
        keep_apart(target, around)
    wanted = {name: digest(content) for name, content in files.items()}
    try:
        created = not os.path.lexists(target)
        owned = {} if created else _owned(target)
        clear: set[str] = set()
        for relative in sorted(files):
            _check_place(target, relative, owned, clear)
    except OSError as exc:
        raise write_error(target, exc) from None
    stale = {name: owned[name] for name in owned if name not in files}

    def build(staging: Path) -> None:
        made: set[Path] = set()
        for relative, content in files.items():
            _write_staged(staging / relative, content, made)
        atomic_write(target / MANIFEST, _manifest({**stale, **wanted}))

    def place(staging: Path) -> None:
        try:
            _put_in_place(target, staging, files)
            _remove_stale(target, stale)
            if MARKER in owned:
                (target / MARKER).unlink(missing_ok=True)
            atomic_write(target / MANIFEST, _manifest(wanted))
        except (OSError, IpplanError) as exc:
            detail = (
                exc.strerror or str(exc)
                if isinstance(exc, OSError)
                else str(exc.params.get("detail") or exc.message_id)
            )
            manifest = str(target / MANIFEST)
            raise SitePartlyReplaced(path=str(target), manifest=manifest, detail=detail) from None

    try:
        if created:
            target.mkdir(parents=True)
        _remove_stray_staging(target)
        # staged inside OUT; its files are not synced one by one (see the module's notes)
        stage_directory(
            target,
            build,
            prefix=STAGING[0],
            suffix=STAGING[1],
            place=place,
            inside=True,
            durable=False,
        )
    except BaseException as exc:
        if created:  # emptied again; once the manifest is written, never empty
            with contextlib.suppress(OSError):
                target.rmdir()
        if isinstance(exc, OSError):  # the placing's own are SitePartlyReplaced
            raise write_error(target, exc) from None
        raise
    return bool(owned)


def _owned(target: Path) -> dict[str, str]:
    """The files of ``target`` an earlier site wrote, with the digest each was written with
    (or, in a site from before the manifest, the digest it has). Refuses a target that is not
    a directory, holds files of someone else's and no site, or has a broken manifest."""
    if not target.is_dir():
        raise SiteTargetNotEmpty(path=str(target))
    manifest = target / MANIFEST
    if os.path.lexists(manifest):
        return _read_manifest(manifest, target)
    if (target / MARKER).is_file() and not (target / MARKER).is_symlink():
        return _earlier_site(target)
    for entry in target.iterdir():
        if not entry.name.startswith(".") and entry.name not in CHECKOUT:
            raise SiteTargetNotEmpty(path=str(target))
    return {}


def _read_manifest(manifest: Path, target: Path) -> dict[str, str]:
    from ipplan.files.yaml_read import Refused, read_regular

    try:
        listed = json.loads(read_regular(manifest, target, MAX_MANIFEST_BYTES))
    except (Refused, OSError, ValueError):  # unreadable, too large, not JSON, not UTF-8
        raise SiteManifestBroken(path=str(manifest)) from None
    files = listed.get("files") if isinstance(listed, dict) else None
    if (
        not isinstance(files, dict)
        or len(files) > MAX_MANIFEST_ENTRIES
        or not all(_safe(name) and isinstance(value, str) for name, value in files.items())
    ):
        raise SiteManifestBroken(path=str(manifest))
    for name in sorted(files):
        if not site_writes(name):
            raise SiteManifestBroken(path=str(manifest), entry=name)
    return files


def _safe(name: str) -> bool:
    """Whether ``name`` is a path a site may have: relative, inside it, in plain segments, and
    not one of the site's own bookkeeping files."""
    if not name or "\\" in name or "\0" in name:
        return False
    parts = PurePosixPath(name).parts
    if name.startswith("/") or any(part in (".", "..") for part in name.split("/")):
        return False
    return "/".join(parts) == name and parts[0] not in (MANIFEST, MARKER)


def site_writes(name: str) -> bool:
    """Whether ``name`` is a path of the kind a site writes (see :mod:`ipplan.site.pages`): the
    index page, pages under ``plans/`` (both at the root and under ``en/`` or ``zh/``), and CSV
    or JSON downloads under ``data/``; never a hidden name (``.git``, ``.nojekyll``) or a
    ``CNAME``. A manifest is committed with the site, so anyone who may commit to a gh-pages
    branch writes it: an entry outside these would have the next run delete what is not the
    site's."""
    parts = name.split("/")
    if any(part.startswith(".") or part == "CNAME" for part in parts):
        return False
    if parts[0] in LANGS and len(parts) > 1:
        parts = parts[1:]
        if parts[0] == "data":
            return False
    if parts == ["index.html"]:
        return True
    if len(parts) < 2:
        return False
    if parts[0] == "plans":
        return parts[-1].endswith(".html")
    return parts[0] == "data" and parts[-1].endswith((".csv", ".json"))


def _earlier_site(target: Path) -> dict[str, str]:
    """The files of a site from before the manifest: the marker, and every regular file of the
    entries a site has at its root, reached without following a link."""
    marker = digest_file(target / MARKER, MAX_SITE_FILE)
    found: dict[str, str] = {} if marker is None else {MARKER: marker}
    pending = [target / name for name in SITE_ROOT]
    while pending:
        path = pending.pop()
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(mode):
            pending += path.iterdir()
        elif stat.S_ISREG(mode) and site_writes(name := path.relative_to(target).as_posix()):
            value = digest_file(path, MAX_SITE_FILE)  # a larger file is no site's: kept
            if value is not None:
                found[name] = value
    return found


def _check_place(target: Path, relative: str, owned: Mapping[str, str], clear: set[str]) -> None:
    """Refuse writing ``relative``: a directory on its way that is a link or a file, or a file
    there that the earlier site did not write (or a directory). ``clear`` holds the directories
    (relative) already found real, so that each is looked at once."""
    parts = relative.split("/")
    path = target
    for index, part in enumerate(parts):
        path = path / part
        last = index == len(parts) - 1
        above = "/".join(parts[: index + 1])
        if not last and above in clear:
            continue
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return  # nothing of anyone's from here down
        if not last and stat.S_ISDIR(mode):
            clear.add(above)
            continue
        if last and relative in owned and not stat.S_ISDIR(mode):
            return
        raise SiteFileInTheWay(path=str(path), manifest=MANIFEST)


def _write_staged(path: Path, content: bytes, made: set[Path]) -> None:
    """One file of the new site, in the staging directory (``made``: the directories made so
    far). Not synced: see the module's notes."""
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    with open(path, "xb") as handle:
        handle.write(content)


def _put_in_place(target: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    """Rename each staged file into ``target``: deepest first, the index pages last."""

    def order(name: str) -> tuple[bool, int, str]:
        return (name.rsplit("/", 1)[-1] == "index.html", -name.count("/"), name)

    made: set[Path] = set()
    for relative in sorted(files, key=order):
        path = target / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        os.replace(staging / relative, path)


def _remove_stale(target: Path, stale: Mapping[str, str]) -> None:
    """Remove the earlier site's files that the new one lacks, with the directories they leave
    empty; a file changed since it was written, reached through a link, or larger than any
    file a site writes (:data:`MAX_SITE_FILE`, never read whole), is kept."""
    for relative in sorted(stale):
        path = target / relative
        if not _reached_plainly(target, relative):
            continue
        if digest_file(path, MAX_SITE_FILE) == stale[relative]:
            remove(path, target)


def _reached_plainly(target: Path, relative: str) -> bool:
    """Whether ``relative`` is a regular file in ``target`` reached through real directories,
    no link on the way."""
    path = target
    parts = relative.split("/")
    for index, part in enumerate(parts):
        path = path / part
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return False
        wanted = stat.S_ISREG if index == len(parts) - 1 else stat.S_ISDIR
        if not wanted(mode):
            return False
    return True


def _remove_stray_staging(target: Path) -> None:
    """Remove what a run killed midway left: its hidden staging directory."""
    for entry in target.iterdir():
        ours = entry.name.startswith(STAGING[0]) and entry.name.endswith(STAGING[1])
        if ours and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _manifest(files: Mapping[str, str]) -> str:
    """The manifest's text: the same files give the same bytes."""
    listed = {"written by": "ipplan site", "files": dict(sorted(files.items()))}
    return json.dumps(listed, ensure_ascii=False, indent=1) + "\n"
