"""Only the plan's own regular files are read: a link leading outside the data directory, a
directory, a device or a pipe in a data file's place is refused at its path without being opened,
and reads stop at the size limit whatever the file system says."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipplan.files import yaml_read
from tests.conftest import Run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, pipes and devices of POSIX")

SECRET = "value: 12345\nsource: SECRET-BYTES\ntitle: SECRET-BYTES\n"
PLACES = ["indicators.yaml", "tasks.yaml", "actuals.yaml", "actuals/practitioners/2023.yaml"]


def make(kind: str, path: Path, outside: Path) -> None:
    """Put a thing of ``kind`` at ``path`` in place of a data file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        path.rmdir()  # made by an earlier step of the same mix: empty
    elif path.exists() or path.is_symlink():
        path.unlink()
    if kind == "symlink-outside":
        path.symlink_to(outside)
    elif kind == "symlink-to-dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling-symlink":
        path.symlink_to(path.parent / "nowhere.yaml")
    elif kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        raise AssertionError(kind)


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.slow
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("symlink-outside", "symbolic link"),
        ("symlink-to-dev-zero", "symbolic link"),
        ("directory", "is a directory, not a regular file"),
        ("pipe", "is a named pipe, not a regular file"),
    ],
)
def test_a_data_file_that_is_not_the_plans_own_regular_file_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path, place: str, kind: str, words: str
) -> None:
    path = plan_dir / place
    make(kind, path, outside_file(tmp_path))
    for fmt in ("text", "github", "json"):
        result = cli("validate", "--format", fmt, "--lang", "en", "--data", str(plan_dir))
        assert result.exit_code == 1
        output = result.stdout + result.stderr
        assert "not-a-regular-file" in output and words in output
        assert "SECRET" not in output and "12345" not in output
    status = cli("status", "--data", str(plan_dir))
    assert status.exit_code == 1 and "SECRET" not in status.stdout + status.stderr


def test_the_problem_is_at_the_files_path(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    make("symlink-outside", plan_dir / "tasks.yaml", outside_file(tmp_path))
    result = cli("validate", "--data", str(plan_dir))
    assert result.stderr.splitlines()[0] == (
        f"{plan_dir / 'tasks.yaml'}:1: not-a-regular-file: "
        "是指向计划目录之外的符号链接，不是普通文件；"
        "ipplan 只读取计划目录中的普通文件，请换成普通文件"
    )


def test_a_link_inside_the_data_directory_is_read(cli: Run, plan_dir: Path) -> None:
    (plan_dir / "tasks.yaml").rename(plan_dir / "tasks-2022.yaml")
    (plan_dir / "tasks.yaml").symlink_to("tasks-2022.yaml")
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr


def test_a_pipe_never_hangs_a_command(plan_dir: Path) -> None:
    os.mkfifo(plan_dir / "actuals.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "ipplan", "validate", "--data", str(plan_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert "not-a-regular-file" in done.stderr and "Traceback" not in done.stderr


def test_a_refused_file_is_never_opened(
    plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = os.open

    def spy(path: object, *args: object, **kwargs: object) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    secret = outside_file(tmp_path)
    make("symlink-outside", plan_dir / "indicators.yaml", secret)
    make("pipe", plan_dir / "tasks.yaml", secret)
    monkeypatch.setattr(os, "open", spy)
    for name in ("indicators.yaml", "tasks.yaml"):
        with pytest.raises(yaml_read.Refused):
            yaml_read.read_regular(plan_dir / name, plan_dir)
    assert opened == []


def test_a_read_stops_at_the_limit_whatever_the_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"- 1\n" * 1000)
    real_fstat, real_read = os.fstat, os.read
    asked: list[int] = []

    class Small:  # a file system that says the file is tiny
        def __init__(self, result: os.stat_result) -> None:
            self.st_mode = result.st_mode
            self.st_size = 1

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    monkeypatch.setattr(os, "read", read)
    with pytest.raises(yaml_read.Refused) as refused:
        yaml_read.read_regular(path, tmp_path, limit=100)
    assert refused.value.code == "too-large"
    assert sum(asked) <= 101  # never more than one byte past the limit
    doc, problems = yaml_read.read(path)  # and under the real limit it reads whole
    assert problems == [] and doc.data == [1] * 1000


KINDS = ["symlink-outside", "symlink-to-dev-zero", "dangling-symlink", "directory", "pipe"]


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(KINDS)), min_size=1))
def test_any_mix_of_file_kinds_is_refused_without_a_byte_of_them(
    cli: Run, plan_dir: Path, tmp_path: Path, mix: list[tuple[str, str]]
) -> None:
    import shutil

    from tests.conftest import SHIPPED

    directory = tmp_path / "mix"
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(SHIPPED, directory)
    secret = outside_file(tmp_path)
    for place, kind in mix:
        make(kind, directory / place, secret)
    before = snapshot_kinds(directory)
    for command in (["validate", "--format", "github"], ["status"], ["record", "2024", "1", "1"]):
        result = cli(*command, "--data", str(directory))
        assert result.exit_code == 1
        output = result.stdout + result.stderr
        assert "SECRET" not in output and "12345" not in output
        assert "not-a-regular-file" in output or "unreadable" in output
    assert snapshot_kinds(directory) == before


def snapshot_kinds(directory: Path) -> dict[str, int]:
    return {
        str(p.relative_to(directory)): stat.S_IFMT(p.lstat().st_mode) for p in directory.rglob("*")
    }
