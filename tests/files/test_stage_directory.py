"""The one directory stager (files/atomic.stage_directory) of `init`, `new` and `site`: built
whole beside the target with the umask's permissions, synced, renamed into place without
replacing a full directory, and removed on any failure."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipplan import init_plan, new_plan
from ipplan.errors import DataNotWritable, DiskFull, OutputThroughPlantedLink, TargetExists
from ipplan.files import atomic
from tests.conftest import snapshot


@pytest.fixture
def umask_027() -> Iterator[int]:
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


def _build(staging: Path) -> None:
    (staging / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (staging / "sub").mkdir()
    (staging / "sub" / "b.yaml").write_text("b: 2\n", encoding="utf-8")


def _full_disk_on_second_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    real = Path.write_text
    calls: list[Path] = []

    def write_until_full(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise error
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", write_until_full)


def test_the_staged_directory_takes_its_place_whole(tmp_path: Path) -> None:
    target = tmp_path / "out"
    atomic.stage_directory(target, _build, prefix=".out.")
    assert snapshot(target) == {"a.yaml": b"a: 1\n", "sub/b.yaml": b"b: 2\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), KeyboardInterrupt()],
    ids=["full disk", "interrupted"],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "empty directory"])
def test_a_failure_midway_leaves_no_staging_and_the_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, existing: bool
) -> None:
    target = tmp_path / "out"
    if existing:
        target.mkdir()
    _full_disk_on_second_write(monkeypatch, error)
    with pytest.raises(type(error)):
        atomic.stage_directory(target, _build, prefix=".out.")
    if existing:
        assert list(target.iterdir()) == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    else:
        assert list(tmp_path.iterdir()) == []


def test_a_full_directory_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TargetExists):
        atomic.stage_directory(target, _build, prefix=".out.")
    assert snapshot(target) == {"mine.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_in_the_way_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"mine")
    with pytest.raises(TargetExists):
        atomic.stage_directory(target, _build, prefix=".out.")
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_staging_directory_has_the_umasks_permissions(tmp_path: Path, umask_027: int) -> None:
    seen: list[int] = []

    def build(staging: Path) -> None:
        seen.append(staging.stat().st_mode & 0o777)
        _build(staging)

    target = tmp_path / "out"
    atomic.stage_directory(target, build, prefix=".out.")
    assert seen == [0o750]  # not mkdtemp's 0700, not a chmod after the fact
    assert target.stat().st_mode & 0o777 == 0o750
    assert (target / "sub").stat().st_mode & 0o777 == 0o750
    assert (target / "a.yaml").stat().st_mode & 0o777 == 0o640


def test_every_file_and_directory_is_synced_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_rename = os.fsync, os.rename

    def fsync(fd: int) -> None:
        events.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def rename(source: object, destination: object) -> None:
        events.append("rename")
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "rename", rename)
    target = tmp_path / "out"
    staged: list[Path] = []
    atomic.stage_directory(target, lambda s: (staged.append(s), _build(s)), prefix=".out.")
    staging = str(staged[0])
    before = events[: events.index("rename")]
    wanted = {staging, f"{staging}/a.yaml", f"{staging}/sub", f"{staging}/sub/b.yaml"}
    assert wanted <= set(before)
    assert str(tmp_path) in events[events.index("rename") :]  # the rename itself, synced


def test_not_durable_syncs_nothing_staged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real_fsync(fd))
    )
    atomic.stage_directory(tmp_path / "out", _build, prefix=".out.", durable=False)
    assert not [path for path in synced if "/.out." in path]


def test_a_link_in_the_staging_directory_is_removed_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")

    def build(staging: Path) -> None:
        (staging / "link").symlink_to(outside)
        (staging / "file-link").symlink_to(outside / "keep.txt")
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with pytest.raises(OSError):
        atomic.stage_directory(tmp_path / "out", build, prefix=".out.")
    assert snapshot(outside) == {"keep.txt": b"keep"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside"]


@pytest.mark.skipif(os.geteuid() != 0, reason="planting another user's link needs root")
def test_a_target_through_a_planted_link_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = shared / "out"
    link.symlink_to(elsewhere)
    os.lchown(link, 54321, 54321)
    with pytest.raises(OutputThroughPlantedLink):
        atomic.stage_directory(link / "plan", _build, prefix=".plan.")
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in shared.iterdir()) == ["out"]


# --- the stager's users: init and new ----------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), DiskFull),
        (KeyboardInterrupt(), KeyboardInterrupt),
    ],
    ids=["full disk", "interrupted"],
)
def test_init_stopped_midway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, raised: type
) -> None:
    real = shutil.copyfile
    calls: list[object] = []

    def copy_until_full(source: object, destination: object, **options: object) -> object:
        calls.append(destination)
        if len(calls) == 2:
            raise error
        return real(source, destination, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfile", copy_until_full)
    with pytest.raises(raised):
        init_plan.init(tmp_path / "plan")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (OSError(errno.EACCES, os.strerror(errno.EACCES)), DataNotWritable),
        (KeyboardInterrupt(), KeyboardInterrupt),
    ],
    ids=["refused", "interrupted"],
)
def test_new_stopped_midway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, raised: type
) -> None:
    _full_disk_on_second_write(monkeypatch, error)
    with pytest.raises(raised):
        new_plan.create(tmp_path / "a" / "plan", "规划", "2026-2030")
    assert list(tmp_path.iterdir()) == []  # nor the parents it made


def test_new_and_init_give_the_plan_the_umasks_permissions(tmp_path: Path, umask_027: int) -> None:
    new_plan.create(tmp_path / "new", "规划", "2026-2030")
    init_plan.init(tmp_path / "init")
    for made in ("new", "init"):
        assert (tmp_path / made).stat().st_mode & 0o777 == 0o750
        assert (tmp_path / made / "indicators.yaml").stat().st_mode & 0o777 == 0o640
