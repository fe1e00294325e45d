"""The cache runs no code from data: what stands in the cache directory is plain data, read only
from a directory and files of the user's own, never from inside a repository.

Each test here plays one attack: an entry planted where the cache looks (a pickle that would
run code, a verdict forged for a broken plan), an entry of another user's, a link, a directory
swapped while entries are read, a cache location inside the repository being read.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ipplan import load
from ipplan.errors import CacheDirInRepository, CacheDirRelative
from ipplan.files import fingerprint, layout
from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import entries as cache_entries
from ipplan.files.cache import identity as cache_identity
from ipplan.files.cache import plans as cache_plans
from ipplan.files.cache import verdicts as cache_verdicts

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
RECORD = "actuals/practitioners/2022.yaml"
FORGED_TITLE = "伪造的计划"
OTHER_USER = 65534

Run = Callable[..., Result]
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs root to own a file as another user",
)


class Marker:
    """Unpickled, creates the file it names: proof that an entry's bytes ran as code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def entry_names(top: Path) -> list[str]:
    """Every name the cache has kept or keeps an entry of ``top`` under, in any version."""
    key = fingerprint.digest(str(top.resolve()).encode("utf-8", "surrogateescape"))
    return [key + suffix for suffix in (".pickle", ".verdict", cache_dir.PLAN, cache_dir.VERDICT)]


def plant(directory: Path, top: Path, payload: bytes) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in entry_names(top):
        (directory / name).write_bytes(payload)


def forged_plan(plan: Path, elsewhere: Path) -> Path:
    """An entry for ``plan``'s files as they are now, made as ipplan makes one but holding a
    title the files do not: what another user could write. Returns its path in ``elsewhere``."""
    taken, seen = time.time_ns(), cache_identity.snapshot(plan)
    assert seen is not None
    fresh = load.load_fresh(layout.DataDir(plan), (seen[0], taken))
    forged = dataclasses.replace(fresh, info=fresh.info._replace(title=FORGED_TITLE))
    environ = {**os.environ, cache_dir.ENV_DIR: str(elsewhere)}
    cache_plans.store(plan, seen, taken, load._parts(forged), environ)
    (made,) = elsewhere.glob(f"*{cache_dir.PLAN}")
    return made


def forged_verdict(plan: Path, elsewhere: Path, counts: dict[str, int]) -> Path:
    """A passing verdict for ``plan``'s bytes as they are now, whatever they hold."""
    from ipplan.files.yaml_read import digest

    taken, seen = time.time_ns(), cache_identity.snapshot(plan)
    assert seen is not None
    digests = {
        name: digest((plan / name).read_bytes()) for name, *_ in seen[0] if not name.endswith("/")
    }
    environ = {**os.environ, cache_dir.ENV_DIR: str(elsewhere)}
    cache_verdicts.keep_passed(plan, seen, taken, digests, counts, environ)
    (made,) = elsewhere.glob(f"*{cache_dir.VERDICT}")
    return made


def title_read(plan: Path) -> str | None:
    """The title of the plan the cache holds for ``plan``'s files now; None on a miss."""
    seen = cache_identity.snapshot(plan)
    assert seen is not None
    found = load.from_cache(layout.DataDir(plan), seen[0])
    return None if found is None else found.info.title


def break_plan(plan: Path) -> None:
    path = plan / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("value: 31347", "value: 'abc'"))


# --- no code from data ---------------------------------------------------------------------------


def test_a_pickle_planted_in_the_cache_never_runs(cli: Run, plan: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    entries = tmp_path / "cache"
    plant(entries, plan, pickle.dumps(Marker(marker)))
    for command in (["status"], ["validate"], ["show", "1"], ["tasks"], ["status"]):
        result = cli(*command, "--data", str(plan), "--lang", "en")
        assert result.exit_code == 0, result.output
        assert not marker.exists(), command
    # and what stood under the names of entries is replaced or gone, never kept
    for name in entry_names(plan):
        path = entries / name
        assert not path.exists() or pickle.dumps(Marker(marker)) != path.read_bytes()


def test_an_entry_holds_plain_data(plan: Path, tmp_path: Path) -> None:
    import json

    load.load(layout.DataDir(plan))
    (entry,) = (tmp_path / "cache").glob(f"*{cache_dir.PLAN}")
    lines = entry.read_bytes().split(b"\n")
    *parts, header = [json.loads(line) for line in lines if line]
    assert parts
    assert header["format"] == cache_entries.FORMAT and header["top"] == str(plan.resolve())


def test_a_planted_verdict_never_passes_a_broken_plan(cli: Run, plan: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    break_plan(plan)
    plant(tmp_path / "cache", plan, pickle.dumps(Marker(marker)))
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "wrong-type" in result.output
    assert not marker.exists()


def test_a_forged_verdict_passes_only_from_the_users_own_file(
    cli: Run, plan: Path, tmp_path: Path
) -> None:
    """The forged verdict would pass a broken plan if it were the user's own regular file; a
    link to it, a second name of it, or a copy another user owns passes nothing."""
    break_plan(plan)
    forged = forged_verdict(plan, tmp_path / "attacker", {"indicators": 999})
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    target = entries / forged.name

    target.symlink_to(forged)
    assert cache_verdicts.passed(plan, os.environ) is None
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "wrong-type" in result.output

    target.unlink()
    os.link(forged, target)  # a second name: the attacker's file itself
    assert cache_verdicts.passed(plan, os.environ) is None
    assert cli("validate", "--data", str(plan)).exit_code == 1

    target.unlink()
    shutil.copyfile(forged, target)  # the user's own file: this is what the cache trusts
    assert cache_verdicts.passed(plan, os.environ) == {"indicators": 999}


def plant_verdict(plan: Path, entries: Path, identities: Path, digests: list[str]) -> None:
    """A verdict for ``plan`` with counts of 999, made as ipplan makes one, in the user's own
    cache ``entries``: its identities those of the files in ``identities``, its digests
    ``digests`` (one a file, in the order of their names)."""
    where = cache_identity.snapshot(identities)
    assert where is not None
    verdict = {"digests": digests, "counts": {"indicators": 999, "actuals": 999}}
    header = {**cache_entries.header_of(plan), "files": cache_identity.files_digest(where[0])}
    cache_entries.keep(
        entries, cache_entries.entry_name(plan, cache_dir.VERDICT), header, [verdict]
    )


def test_a_forged_verdict_never_passes_a_broken_plan(cli: Run, plan: Path, tmp_path: Path) -> None:
    """A cache restored from a poisoned one: a verdict that digests nothing, and one with the
    right digests of the broken files but the identities of a fresh clone, made elsewhere."""
    from ipplan.files.yaml_read import digest

    break_plan(plan)
    entries = tmp_path / "cache"
    plant_verdict(plan, entries, plan, [])  # even with the identities right
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "wrong-type" in result.output
    assert "999" not in result.output

    clone = tmp_path / "clone"
    shutil.copytree(plan, clone)
    listed = cache_identity.snapshot(plan)
    assert listed is not None
    every = [digest((plan / n).read_bytes()) for n in sorted(cache_identity.every_file(listed[0]))]
    plant_verdict(plan, entries, plan, every)  # the right digests and identities: it passes
    assert cache_verdicts.passed(plan, os.environ) == {"indicators": 999, "actuals": 999}
    plant_verdict(plan, entries, clone, every)
    assert cache_verdicts.passed(plan, os.environ) is None
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "wrong-type" in result.output
    assert "999" not in result.output


@as_root
def test_a_verdict_owned_by_another_user_is_not_read(cli: Run, plan: Path, tmp_path: Path) -> None:
    break_plan(plan)
    forged = forged_verdict(plan, tmp_path / "attacker", {"indicators": 999})
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    target = entries / forged.name
    shutil.copyfile(forged, target)
    os.chown(target, OTHER_USER, OTHER_USER)
    assert cache_verdicts.passed(plan, os.environ) is None
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "wrong-type" in result.output


@as_root
def test_an_entry_owned_by_another_user_is_not_read(plan: Path, tmp_path: Path) -> None:
    forged = forged_plan(plan, tmp_path / "attacker")
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    target = entries / forged.name
    shutil.copyfile(forged, target)
    assert title_read(plan) == FORGED_TITLE  # the forgery is whole: only its owner tells
    os.chown(target, OTHER_USER, OTHER_USER)
    assert title_read(plan) is None
    assert load.load(layout.DataDir(plan)).info.title != FORGED_TITLE


def test_a_linked_entry_is_not_read(plan: Path, tmp_path: Path) -> None:
    forged = forged_plan(plan, tmp_path / "attacker")
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    target = entries / forged.name
    target.symlink_to(forged)
    assert title_read(plan) is None
    target.unlink()
    os.link(forged, target)
    assert title_read(plan) is None
    assert load.load(layout.DataDir(plan)).info.title != FORGED_TITLE


@as_root
def test_a_cache_directory_of_another_user_is_not_used(plan: Path, tmp_path: Path) -> None:
    forged = forged_plan(plan, tmp_path / "cache")
    assert title_read(plan) == FORGED_TITLE
    os.chown(tmp_path / "cache", OTHER_USER, OTHER_USER)
    os.chown(forged, OTHER_USER, OTHER_USER)
    assert title_read(plan) is None


def test_a_cache_directory_that_is_a_link_is_not_used(plan: Path, tmp_path: Path) -> None:
    forged_plan(plan, tmp_path / "attacker")
    (tmp_path / "cache").symlink_to(tmp_path / "attacker")
    assert title_read(plan) is None
    assert load.load(layout.DataDir(plan)).info.title != FORGED_TITLE


SWAPPER = r"""
import os, sys
entries, forged, forged_verdict, attacker, stop, as_root = sys.argv[1:7]
aside = entries + ".aside"
plan_name, verdict_name = os.path.basename(forged), os.path.basename(forged_verdict)
foreign = [open(forged, "rb").read(), open(forged_verdict, "rb").read()]
genuine = [open(os.path.join(entries, name), "rb").read() for name in (plan_name, verdict_name)]
rounds = 0
while not os.path.exists(stop):
    for name, source, data, own in ((plan_name, forged, foreign[0], genuine[0]),
                                    (verdict_name, forged_verdict, foreign[1], genuine[1])):
        mine = os.path.join(entries, ".mine")
        try:  # the user's own entry, as ipplan wrote it
            with open(mine, "wb") as handle:
                handle.write(own)
            os.replace(mine, os.path.join(entries, name))
        except OSError:
            pass
        link = os.path.join(entries, ".link")
        try:
            os.symlink(source, link)
            os.replace(link, os.path.join(entries, name))
        except OSError:
            pass
        if as_root == "1":
            other = os.path.join(entries, ".other")
            try:
                with open(other, "wb") as handle:
                    handle.write(data)
                os.chown(other, 65534, 65534)
                os.replace(other, os.path.join(entries, name))
            except OSError:
                pass
    try:  # the directory itself: away, a link to the attacker's in its place, and back
        os.rename(entries, aside)
        os.symlink(attacker, entries)
        os.unlink(entries)
        os.rename(aside, entries)
    except OSError:
        pass
    rounds += 1
print(rounds)
"""


@pytest.mark.slow
def test_entries_swapped_while_they_are_read_are_never_read(
    cli: Run, plan: Path, tmp_path: Path
) -> None:
    """A loop puts the user's own entry and verdict in place, then links to forgeries, then
    forgeries another user owns, and swaps the cache directory for a link to the attacker's,
    while the plan is read from the cache again and again: the user's own entry is read
    whenever it stands there, and no forgery ever is."""
    attacker = tmp_path / "attacker"
    forged = forged_plan(plan, attacker)
    verdict = forged_verdict(plan, attacker, {"indicators": 999})
    if os.geteuid() == 0:
        for path in (attacker, forged, verdict):
            os.chown(path, OTHER_USER, OTHER_USER)
    entries = tmp_path / "cache"
    genuine = load.load(layout.DataDir(plan)).info.title
    assert cli("validate", "--data", str(plan)).exit_code == 0
    assert {p.name for p in entries.iterdir()} == {forged.name, verdict.name}
    stop = tmp_path / "stop"
    swapper = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SWAPPER,
            str(entries),
            str(forged),
            str(verdict),
            str(attacker),
            str(stop),
            "1" if os.geteuid() == 0 else "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    titles, verdicts = set(), []
    try:
        deadline = time.monotonic() + 1.5
        reads = 0
        while time.monotonic() < deadline:
            titles.add(title_read(plan))
            verdicts.append(cache_verdicts.passed(plan, os.environ))
            reads += 1
        for _ in range(3):
            result = cli("status", "--data", str(plan), "--json")
            assert result.exit_code == 0 and FORGED_TITLE not in result.output
    finally:
        stop.touch()
        rounds = int(swapper.communicate(timeout=10)[0])
    assert rounds > 10 and reads > 10
    assert FORGED_TITLE not in titles and genuine in titles
    assert {"indicators": 999} not in verdicts
    assert any(found is not None for found in verdicts)


# --- where the cache may be ----------------------------------------------------------------------


IN_REPOSITORY = (
    "error: the cache directory {path} (from {var}) is inside the git repository {repo}, where "
    "an entry could come from a commit; set IPPLAN_CACHE_DIR to a directory outside the "
    "repository, or IPPLAN_CACHE=0 to turn the cache off"
)
RELATIVE = (
    "error: {var}={value} is a relative path, and the cache is kept only at an absolute one; "
    "set IPPLAN_CACHE_DIR to an absolute directory outside every repository, or "
    "IPPLAN_CACHE=0 to turn the cache off"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a plan, as a CI job checks it out, with a pickle planted at every
    name an entry of the plan could have in the repository's own .cache/ipplan."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(SHIPPED, root / "data")
    monkeypatch.delenv(cache_dir.ENV_SWITCH, raising=False)
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)
    for directory in (root / ".cache", root / ".cache" / "ipplan"):
        plant(directory, root / "data", pickle.dumps(Marker(tmp_path / "ran")))
    return root


COMMANDS = [
    ["status"],
    ["validate"],
    ["show", "1"],
    ["tasks"],
    ["record", "2025", "practitioners", "36000"],
    ["report", "-f", "md"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("variable", [cache_dir.ENV_DIR, "XDG_CACHE_HOME"])
def test_a_cache_inside_the_repository_is_refused(
    cli: Run,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    variable: str,
) -> None:
    monkeypatch.delenv(cache_dir.ENV_DIR, raising=False)
    monkeypatch.setenv(variable, str(project / ".cache"))
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = cli(*command, "--data", str(project / "data"), "--lang", "en")
    assert result.exit_code == 1
    where = project / ".cache" if variable == cache_dir.ENV_DIR else project / ".cache" / "ipplan"
    expected = IN_REPOSITORY.format(path=where, var=variable, repo=project)
    assert result.stderr.strip() == expected
    assert not (tmp_path / "ran").exists()
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_cache_inside_the_working_directorys_repository_is_refused(
    cli: Run, project: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan read is elsewhere; the cache is inside the repository the command runs in."""
    monkeypatch.setenv(cache_dir.ENV_DIR, str(project / ".cache"))
    monkeypatch.chdir(project)
    result = cli("status", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.strip() == IN_REPOSITORY.format(
        path=project / ".cache", var=cache_dir.ENV_DIR, repo=project
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_the_default_location_in_a_home_kept_in_git_turns_the_cache_off(
    cli: Run, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """$HOME a git repository (dotfiles) and ~/.cache/ipplan set by no variable: every command
    works, without a cache, and nothing planted there runs or is written."""
    monkeypatch.delenv(cache_dir.ENV_DIR, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(project))
    entries = project / ".cache" / "ipplan"
    before = {path.name: path.read_bytes() for path in entries.iterdir()}
    result = cli(*command, "--data", str(project / "data"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "ran").exists()
    assert {path.name: path.read_bytes() for path in entries.iterdir()} == before
    assert cache_dir.location(project / "data", {"HOME": str(project)}) is None


def test_an_xdg_cache_home_in_the_repository_is_still_refused(
    cli: Run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache_dir.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    monkeypatch.setenv("HOME", str(project))
    result = cli("status", "--data", str(project / "data"), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.strip() == IN_REPOSITORY.format(
        path=project / ".cache" / "ipplan", var="XDG_CACHE_HOME", repo=project
    )


def test_a_refused_cache_says_so_in_chinese_and_as_json(
    cli: Run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache_dir.ENV_DIR, str(project / ".cache"))
    chinese = cli("status", "--data", str(project / "data"), "--lang", "zh")
    assert chinese.exit_code == 1
    assert "位于 git 仓库" in chinese.stderr and "IPPLAN_CACHE=0" in chinese.stderr
    as_json = cli("status", "--data", str(project / "data"), "--json")
    assert as_json.exit_code == 1 and '"code": "cache-dir-in-repository"' in as_json.stderr


def test_a_cache_turned_off_is_not_refused(
    cli: Run, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache_dir.ENV_DIR, str(project / ".cache"))
    monkeypatch.setenv(cache_dir.ENV_SWITCH, "0")
    assert cli("validate", "--data", str(project / "data")).exit_code == 0
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("variable", [cache_dir.ENV_DIR, "XDG_CACHE_HOME"])
@pytest.mark.parametrize("command", [["status"], ["validate"]], ids=lambda c: c[0])
def test_a_relative_cache_location_is_refused(
    cli: Run, plan: Path, monkeypatch: pytest.MonkeyPatch, variable: str, command: list[str]
) -> None:
    monkeypatch.chdir(plan.parent)
    monkeypatch.delenv(cache_dir.ENV_DIR, raising=False)
    monkeypatch.setenv(variable, ".cache")
    result = cli(*command, "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.strip() == RELATIVE.format(var=variable, value=".cache")
    assert not (plan.parent / ".cache").exists()


def test_the_refusals_are_errors_of_their_own(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {cache_dir.ENV_DIR: str(project / ".cache")}
    with pytest.raises(CacheDirInRepository):
        cache_dir.location(project / "data", environ)
    with pytest.raises(CacheDirRelative):
        cache_dir.location(project / "data", {cache_dir.ENV_DIR: "cache"})
    monkeypatch.chdir(project.parent)
    outside = project.parent / "elsewhere"
    assert cache_dir.location(project / "data", {cache_dir.ENV_DIR: str(outside)}) == outside


# --- eviction ------------------------------------------------------------------------------------


def aged(path: Path, days: float) -> None:
    moment = time.time() - days * 86400
    os.utime(path, (moment, moment))


def test_entries_unused_for_long_are_removed_when_an_entry_is_written(
    plan: Path, tmp_path: Path
) -> None:
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    old = [
        entries / f"{'a' * 31}{i}{suffix}"
        for i, suffix in enumerate((cache_dir.PLAN, cache_dir.VERDICT))
    ]
    recent = entries / f"{'b' * 32}{cache_dir.PLAN}"
    pickled = entries / f"{'c' * 32}.pickle"  # of a version before entries were plain data
    notes = entries / "notes.txt"  # not ipplan's
    for path in (*old, recent, pickled, notes):
        path.write_bytes(b"{}\n")
    for path in (*old, notes):
        aged(path, cache_dir.MAX_AGE_DAYS + 1)
    aged(recent, cache_dir.MAX_AGE_DAYS - 1)
    load.load(layout.DataDir(plan))  # a fresh read writes an entry
    assert [p.exists() for p in old] == [False, False]
    assert recent.exists() and notes.exists()
    assert not pickled.exists()
    assert len(list(entries.glob(f"*{cache_dir.PLAN}"))) == 2


def test_the_cache_is_kept_under_its_total_size_oldest_first(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    others = [entries / f"{i:032x}{cache_dir.PLAN}" for i in range(6)]
    for age, path in enumerate(others):
        path.write_bytes(b"x" * 100_000)
        aged(path, 6 - age)  # the first is the oldest
    monkeypatch.setattr(cache_dir, "MAX_TOTAL_BYTES", 350_000)
    load.load(layout.DataDir(plan))
    kept = [p for p in others if p.exists()]
    assert kept == others[-(len(kept)) :] and len(kept) < len(others)  # oldest went first
    mine = list(entries.glob(f"*{cache_dir.PLAN}"))
    assert set(kept) < set(mine)  # the entry just written is kept
    assert sum(p.stat().st_size for p in entries.iterdir()) <= 350_000


def test_a_verdict_written_evicts_too(
    cli: Run, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = tmp_path / "cache"
    entries.mkdir(mode=0o700)
    old = entries / f"{'d' * 32}{cache_dir.VERDICT}"
    old.write_bytes(b"{}\n")
    aged(old, cache_dir.MAX_AGE_DAYS + 1)
    assert cli("validate", "--data", str(plan)).exit_code == 0
    assert not old.exists()
    assert len(list(entries.glob(f"*{cache_dir.VERDICT}"))) == 1


def test_an_entry_in_use_is_not_taken_for_unused(plan: Path, tmp_path: Path) -> None:
    load.load(layout.DataDir(plan))
    (entry,) = (tmp_path / "cache").glob(f"*{cache_dir.PLAN}")
    aged(entry, cache_dir.MAX_AGE_DAYS - 1)
    assert title_read(plan) is not None  # a hit: the entry was used today
    assert time.time() - entry.stat().st_mtime < 60
