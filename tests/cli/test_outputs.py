"""Outputs go where they should: report targets, encodings, full disks, unreadable directories,
and an `init` that is all or nothing. Run through the installed command where the terminal,
the locale or /dev/full is what is tested."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ipplan.files import atomic, layout
from tests.conftest import SHIPPED, Run, load, snapshot
from tests.workspaces.test_workspaces import ws  # noqa: F401 - the fixture

IPPLAN = Path(sys.executable).with_name("ipplan")


def ipplan(
    *args: str, stdout: object = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **env}
    environ.pop("IPPLAN_LANG", None)
    return subprocess.run(
        [str(IPPLAN), *args], stdout=stdout, stderr=subprocess.PIPE, env=environ, check=False
    )


# --- report -o --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: Path("/dev/null"), "设备文件"),
        (lambda tmp: (os.mkfifo(tmp / "pipe.md"), tmp / "pipe.md")[1], "命名管道"),
        (lambda tmp: (tmp / "dir.md").mkdir() or tmp / "dir.md", "是目录"),
        (lambda tmp: (tmp / "null.md").symlink_to("/dev/null") or tmp / "null.md", "设备文件"),
    ],
    ids=["device", "pipe", "directory", "symlink-to-device"],
)
def test_report_refuses_anything_but_a_regular_file(
    cli: Run, tmp_path: Path, make: object, words: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    kind = stat.S_IFMT(os.stat(target).st_mode)
    result = cli("report", "-f", "md", "-o", str(target))
    assert result.exit_code == 1
    assert words in result.stderr and "-o -" in result.stderr
    assert stat.S_IFMT(os.stat(target).st_mode) == kind  # still what it was
    assert result.stdout == ""


def test_report_refusal_in_english_names_the_kind(cli: Run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.csv")
    result = cli("report", "-o", str(tmp_path / "p.csv"), "--lang", "en")
    assert result.exit_code == 1
    assert "is a named pipe, not a regular file" in result.stderr


def test_report_through_a_symlink_replaces_the_file_it_leads_to(cli: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert cli("report", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")


def test_report_into_a_missing_directory_says_so(cli: Run, tmp_path: Path) -> None:
    result = cli("report", "-o", str(tmp_path / "nowhere" / "r.md"))
    assert result.exit_code == 1
    assert "不存在" in result.stderr and str(tmp_path / "nowhere") in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_dash_is_standard_output_and_a_pipe_gets_the_files_bytes(tmp_path: Path) -> None:
    piped = ipplan("report", "-f", "csv", "-o", "-")
    assert piped.returncode == 0 and piped.stderr == b""
    assert ipplan("report", "-f", "csv", "-o", str(tmp_path / "r.csv")).returncode == 0
    assert piped.stdout == (tmp_path / "r.csv").read_bytes()
    # even where the locale cannot encode Chinese: a report is a UTF-8 file, not terminal text
    ascii_pipe = ipplan("report", "-f", "md", PYTHONIOENCODING="ascii")
    assert ascii_pipe.returncode == 0
    assert ascii_pipe.stdout == ipplan("report", "-f", "md").stdout


# --- encodings --------------------------------------------------------------------------------

ASCII_ENVIRONMENTS = [
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_output_that_cannot_be_encoded_is_escaped(plan_dir: Path, env: dict[str, str]) -> None:
    data = str(plan_dir)
    status = ipplan("status", "--data", data, **env)
    assert status.returncode == 0 and b"Traceback" not in status.stderr
    text = status.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    assert "\\u6267\\u4e1a" in text  # 执业 as an escape
    recorded = ipplan("record", "2023", "practitioners", "31000", "--data", data, **env)
    assert recorded.returncode == 0, recorded.stderr
    assert load(plan_dir).actuals["practitioners"][0].value == 31000
    refused = ipplan("record", "2023", "nosuch", "1", "--data", data, **env)
    assert refused.returncode == 1
    assert b"Traceback" not in refused.stderr
    assert "nosuch" in refused.stderr.decode("ascii")
    as_json = ipplan("status", "--json", "--data", data, **env)
    assert as_json.returncode == 0
    # JSON is UTF-8 by its own standard, whatever the locale says, so scripts get it intact
    parsed = json.loads(as_json.stdout.decode("utf-8"))
    assert parsed["indicators"][0]["name"] == "执业专利代理师人数"


# --- full disks -------------------------------------------------------------------------------


def test_a_full_disk_behind_stdout_is_named_and_exits_1(plan_dir: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = ipplan("status", "--data", str(plan_dir), stdout=full)
    assert result.returncode == 1
    message = result.stderr.decode("utf-8")
    assert "Traceback" not in message and "Exception ignored" not in message
    assert message.strip() == "错误：无法写出到标准输出：磁盘已满（ENOSPC）。"


@pytest.mark.parametrize(
    "command",
    [
        ["record", "2023", "practitioners", "31000"],
        ["record", "2023", "practitioners", "31000", "--json", "--lang", "en"],
        ["task", "talent-training", "--status", "in_progress"],
    ],
    ids=["record", "record-json-en", "task"],
)
def test_a_saved_change_says_so_and_exits_0_when_printing_fails(
    plan_dir: Path, command: list[str]
) -> None:
    with open("/dev/full", "wb") as full:
        result = ipplan(*command, "--data", str(plan_dir), stdout=full)
    assert result.returncode == 0
    message = result.stderr.decode("utf-8")
    assert "Traceback" not in message
    assert "改动已保存" in message or "the change was saved" in message
    plan = load(plan_dir)
    if command[0] == "record":
        assert plan.actuals["practitioners"][0].value == 31000
    else:
        assert plan.state(plan.action("talent-training")).status.value == "in_progress"


def closed_stdout(*args: str, closing: str = ">&-") -> subprocess.CompletedProcess[bytes]:
    """ipplan run by a shell with standard output closed (and whatever else ``closing`` says)."""
    environ = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    environ.pop("IPPLAN_LANG", None)
    script = f'exec "$@" {closing}'
    return subprocess.run(
        ["sh", "-c", script, "sh", str(IPPLAN), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environ,
        check=False,
    )


def broken_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """ipplan writing into a pipe whose reader has gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        return ipplan(*args, stdout=write)
    finally:
        os.close(write)


@pytest.mark.parametrize("output", ["closed", "closed-with-stderr", "dev-full", "broken-pipe"])
def test_a_saved_change_exits_0_whatever_becomes_of_stdout(plan_dir: Path, output: str) -> None:
    args = ("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    if output == "closed":
        result = closed_stdout(*args)
    elif output == "closed-with-stderr":
        result = closed_stdout(*args, closing=">&- 2>&-")
    elif output == "dev-full":
        with open("/dev/full", "wb") as full:
            result = ipplan(*args, stdout=full)
    else:
        result = broken_pipe(*args)
    assert result.returncode == 0
    message = result.stderr.decode("utf-8")
    assert "Traceback" not in message and "Exception ignored" not in message
    if output == "closed-with-stderr":
        assert message == ""  # nowhere to say it: the exit code says it
    else:
        assert message.strip() == (
            "改动已保存：已记录：执业专利代理师人数 2023 年 = 31000 人（但结果未能显示。）"
        )
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    assert "value: 31000\n" in record.read_text(encoding="utf-8")
    assert sorted(p.name for p in plan_dir.iterdir() if p.name.startswith(".")) == [
        layout.LOCK_NAME  # and no file was opened where output was going
    ]
    assert load(plan_dir).actuals["practitioners"][0].value == 31000


def test_a_command_whose_output_is_its_result_fails_with_stdout_closed(plan_dir: Path) -> None:
    result = closed_stdout("status", "--data", str(plan_dir), "--lang", "en")
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == (
        "error: cannot write to standard output: it is closed (>&-)\n"
    )
    usage = closed_stdout("record", "practitioners", "2023", "1", "--data", str(plan_dir))
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr


def test_undo_and_init_say_they_saved_when_printing_fails(plan_dir: Path, tmp_path: Path) -> None:
    data = str(plan_dir)
    assert ipplan("record", "2023", "practitioners", "31000", "--data", data).returncode == 0
    with open("/dev/full", "wb") as full:
        undone = ipplan("undo", "--data", data, stdout=full)
        made = ipplan("init", str(tmp_path / "new"), stdout=full)
    assert undone.returncode == 0 and "改动已保存" in undone.stderr.decode("utf-8")
    assert load(plan_dir).actuals["practitioners"] == ()
    assert made.returncode == 0 and "改动已保存" in made.stderr.decode("utf-8")
    assert load(tmp_path / "new").indicators


def test_a_full_disk_in_the_data_directory_is_named_and_changes_nothing(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = snapshot(plan_dir)
    monkeypatch.setattr(atomic.os, "fsync", full)
    result = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "磁盘已满（ENOSPC）" in result.stderr and "权限" not in result.stderr
    assert snapshot(plan_dir) == before  # no value, and no temporary file left behind
    english = cli("record", "2023", "1", "30000", "--lang", "en", "--data", str(plan_dir))
    assert "the disk is full (ENOSPC)" in english.stderr


# --- an unreadable data directory -------------------------------------------------------------


def test_an_unreadable_data_directory_gets_a_clear_message(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_stat = Path.stat

    def refuse(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.parent == plan_dir:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", refuse)
    result = cli("status", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "无法读取数据目录" in result.stderr and str(plan_dir) in result.stderr
    assert "chmod g+rx" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as a second user")
def test_an_unreadable_data_directory_for_another_user(cli: Run, plan_dir: Path) -> None:
    plan_dir.chmod(0o700)  # root's own, closed to everyone else
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        code = 99
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            from typer.testing import CliRunner

            from ipplan.cli import app

            outcome = CliRunner().invoke(app, ["status", "--data", str(plan_dir)])
            os.write(write, f"{outcome.exit_code}\n{outcome.stderr}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        reported = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    code, _, stderr = reported.partition("\n")
    assert code == "1"
    assert "无法读取数据目录" in stderr and "Traceback" not in stderr


# --- init, all or nothing ---------------------------------------------------------------------


def test_init_on_a_full_disk_leaves_nothing_and_a_second_init_works(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real_copy = shutil.copyfile

    def copy_until_full(source: object, destination: object, **options: object) -> object:
        calls.append(destination)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_copy(source, destination, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfile", copy_until_full)
    target = tmp_path / "plan"
    result = cli("init", str(target))
    assert result.exit_code == 1
    assert "磁盘已满（ENOSPC）" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no half plan, no staging directory
    monkeypatch.undo()
    assert cli("init", str(target)).exit_code == 0
    assert load(target).indicators
    assert (target / "indicators.yaml").read_bytes() == (SHIPPED / "indicators.yaml").read_bytes()
    assert (target.stat().st_mode & 0o777) == 0o777 & ~_umask()


def test_init_into_an_existing_directory_takes_back_every_file_if_one_move_fails(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    (target / "README").write_text("mine", encoding="utf-8")
    before = snapshot(target)
    moves = []
    real_rename = os.rename

    def rename_until_full(source: object, destination: object) -> None:
        moves.append(destination)
        if len(moves) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "rename", rename_until_full)
    result = cli("init", str(target))
    assert result.exit_code == 1
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]
    monkeypatch.undo()
    assert cli("init", str(target)).exit_code == 0
    assert (target / "README").read_text(encoding="utf-8") == "mine"
    assert load(target).indicators


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@pytest.mark.parametrize(
    "target", [".gitignore", "schema/report.json", "workplans/report.md", "actuals/report.md"]
)
def test_a_report_is_never_written_over_or_into_what_the_plan_owns(
    cli: Run, plan_dir: Path, target: str
) -> None:
    (plan_dir / ".gitignore").write_text(".ipplan.lock\n", encoding="utf-8")
    before = snapshot(plan_dir)
    result = cli("report", "-f", "md", "-o", str(plan_dir / target), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "报告不会覆盖它" in result.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("provinces/gd/indicators.yaml", "is one of the plan's data files"),
        ("provinces/zj/data/actuals/attorneys/2023.yaml", "is one of the plan's data files"),
        ("provinces/js/schema/report.md", "is one of the plan's data files"),
        ("ipplan.yaml", "is the workspace file"),
    ],
)
@pytest.mark.parametrize("start", ["national", "outside"])
def test_a_report_never_lands_on_another_plans_files_or_the_workspace_file(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    words: str,
    start: str,
) -> None:
    """From the national plan's directory, or from outside the workspace with --data: every
    plan of the workspace around the plan reported on, and its ipplan.yaml, are kept clear of."""
    monkeypatch.chdir(ws / "national" if start == "national" else tmp_path)
    before = snapshot(ws)
    output = ws / target
    result = cli(
        "report", "-f", "md", "-o", str(output), "--lang", "en", "--data", str(ws / "national")
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"{output} {words}" in result.stderr
    assert snapshot(ws) == before


def test_a_report_through_a_link_onto_another_plans_file_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws / "national")
    link = ws / "report.md"
    link.symlink_to(ws / "provinces" / "gd" / "tasks.yaml")
    before = snapshot(ws)
    result = cli("report", "-f", "md", "-o", str(link))
    assert result.exit_code == 1 and "报告不会覆盖它" in result.stderr
    assert snapshot(ws) == before and link.is_symlink()


# --- links planted in shared directories, and plans of other workspaces ------------------------

SOMEONE_ELSE = 4321  # a uid that is neither the user's nor the shared directory's owner's


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a link to another user needs root")
@pytest.mark.parametrize("command", ["report", "site", "schema", "init", "new"])
def test_an_output_through_a_link_someone_planted_in_a_shared_directory_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Alice makes /tmp/report.md -> /home/bob/notes.md; Bob's report -o /tmp/report.md must
    not overwrite his own file. As the kernel's fs.protected_symlinks: a link in a sticky or
    world-writable directory is followed only when the user or the directory's owner owns it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    victim = tmp_path / "bob"
    victim.mkdir()
    if command == "report":
        (victim / "notes.md").write_bytes(b"Bob's own notes\n")
        link = shared / "report.md"
        link.symlink_to(victim / "notes.md")
        args = ["report", "-o", str(link), "--data", str(plan_dir)]
    else:
        link = shared / "out"
        link.symlink_to(victim)
        extra = {
            "site": ["--data", str(plan_dir)],
            "schema": [],
            "init": [],
            "new": ["--title", "规划", "--years", "2026-2030"],
        }[command]
        args = [command, str(link), *extra]
    os.lchown(link, SOMEONE_ELSE, SOMEONE_ELSE)
    monkeypatch.chdir(tmp_path)
    before = snapshot(victim)
    refused = cli(*args)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        f"错误：{link} 经过符号链接 {link}，它位于共享目录（粘滞位或所有人可写，如 /tmp）中，"
        f"属于另一个用户（uid {SOMEONE_ELSE}），可能是他人设下的陷阱，ipplan 不跟随它；"
        "未写入任何内容。请选择另一个路径，或请该目录的管理员删除这个链接。\n"
    )
    assert snapshot(victim) == before and link.is_symlink()
    below = cli(*[str(link / "x") if arg == str(link) else arg for arg in args], "--lang", "en")
    assert below.exit_code == 1 and f"goes through the symbolic link {link}," in below.stderr
    assert snapshot(victim) == before
    if command != "new":  # which takes no link for its new directory, whoever's it is
        os.lchown(link, os.geteuid(), os.getegid())  # the user's own link is followed
        assert cli(*args).exit_code == 0
        assert snapshot(victim) != before


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a link to another user needs root")
def test_a_planted_link_to_a_link_is_refused_even_when_its_owner_owns_the_directory(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    victim = tmp_path / "victim.md"
    victim.write_bytes(b"theirs\n")
    (shared / "planted").symlink_to(victim)
    os.lchown(shared / "planted", SOMEONE_ELSE, SOMEONE_ELSE)
    mine = tmp_path / "mine.md"
    mine.symlink_to(shared / "planted")  # the user's own link, into the planted one
    refused = cli("report", "-o", str(mine), "--data", str(plan_dir))
    assert refused.exit_code == 1 and f"符号链接 {shared / 'planted'}，" in refused.stderr
    assert victim.read_bytes() == b"theirs\n"
    os.chown(shared, SOMEONE_ELSE, SOMEONE_ELSE)  # the link's owner owns the directory too
    assert cli("report", "-o", str(mine), "--data", str(plan_dir)).exit_code == 1
    assert victim.read_bytes() == b"theirs\n"
    os.lchown(shared / "planted", os.geteuid(), os.getegid())  # the user's own link is followed
    assert cli("report", "-o", str(mine), "--data", str(plan_dir)).exit_code == 0
    assert victim.read_bytes() != b"theirs\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a directory to another user needs root")
@pytest.mark.parametrize("below", ["rep.md", "sub/rep.md"])
def test_a_link_in_another_users_directory_in_a_shared_one_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path, below: str
) -> None:
    """Bob: mkdir /tmp/bobd; ln -s /root/victim/secret.txt /tmp/bobd/rep.md. Root's report -o
    /tmp/bobd/rep.md must not overwrite the secret: Bob's directory in a shared one is Bob's to
    arrange, so a link of his there, or anywhere below it, is not followed."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    secret = tmp_path / "victim" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(b"secret\n")
    bobd = shared / "bobd"
    link = bobd / below
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    for path in (link.parent, bobd):
        os.chown(path, SOMEONE_ELSE, SOMEONE_ELSE)
    os.lchown(link, SOMEONE_ELSE, SOMEONE_ELSE)
    refused = cli("report", "-o", str(link), "--data", str(plan_dir), "--lang", "en")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert f"goes through the symbolic link {link}," in refused.stderr
    assert f"(uid {SOMEONE_ELSE})" in refused.stderr
    assert secret.read_bytes() == b"secret\n" and link.is_symlink()
    beside = bobd / "plain.md"  # no link: a file written there is the user's own
    assert cli("report", "-o", str(beside), "--data", str(plan_dir)).exit_code == 0
    assert secret.read_bytes() == b"secret\n"


@pytest.mark.parametrize(
    "target",
    [
        "bob/mine/indicators.yaml",
        "bob/mine/tasks.yaml",
        "bob/mine/actuals/practitioners/2023.yaml",
        "carol/data/indicators.yaml",
        "carol/data/schema/tasks.schema.json",
        "dave/ipplan.yaml",
    ],
)
def test_a_report_never_lands_on_a_plan_of_another_workspace_or_none(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """report -o /home/bob/mine/indicators.yaml, from a plan of another workspace (or of none),
    must not overwrite that plan: every plan at or above the output's real path is looked for,
    wherever it is."""
    shutil.copytree(SHIPPED, tmp_path / "bob" / "mine")
    shutil.copytree(SHIPPED, tmp_path / "carol" / "data")
    (tmp_path / "dave").mkdir()
    (tmp_path / "dave" / "ipplan.yaml").write_text("plans: []\n", encoding="utf-8")
    (tmp_path / "bob" / "mine" / "actuals" / "practitioners").mkdir(parents=True, exist_ok=True)
    output = tmp_path / target
    if not output.exists():
        output.write_bytes(b"recorded: before\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    before = snapshot(tmp_path)
    result = cli("report", "-f", "md", "-o", str(output), "--data", str(plan_dir))
    assert (result.exit_code, result.stdout) == (1, "")
    assert "报告不会覆盖它；请为 -o 选择另一个文件。" in result.stderr
    assert snapshot(tmp_path) == before
    beside = tmp_path / "bob" / "mine" / "report.md"  # a file no plan owns is written
    assert cli("report", "-f", "md", "-o", str(beside), "--data", str(plan_dir)).exit_code == 0
    assert beside.read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize(
    "target", ["ipplan.yaml", "bob/mine/ipplan.yaml", "bob/ipplan.yaml", "new/indicators.yaml"]
)
def test_a_report_never_makes_a_workspace_or_a_plan(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """report -o ../ipplan.yaml from a plan would make a workspace of the directory above it
    (and break validate of the plan below); inside another user's plan too. A report is never
    written under the name of a workspace's or a plan's file, existing or not."""
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    shutil.copytree(SHIPPED, tmp_path / "bob" / "mine")
    (tmp_path / "new").mkdir()
    monkeypatch.chdir(plan)
    before = snapshot(tmp_path)
    output = tmp_path / target
    result = cli("report", "-f", "md", "-o", str(output), "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {output} is named {output.name}, a name that makes its directory a plan or a "
        "workspace, so a report is never written under it and nothing was written; choose "
        "another name for -o\n"
    )
    assert snapshot(tmp_path) == before
    for data in (plan, tmp_path / "bob" / "mine"):
        assert cli("validate", "--data", str(data)).exit_code == 0


@pytest.mark.parametrize(
    "command",
    [
        ["--data", "p1", "schema", "pk/actuals"],
        ["--data", "p1", "schema", "p1/updates"],
        ["--data", "p1", "schema", "pk/actuals/deeper"],
        ["init", "pk/actuals/zz"],
        ["init", "repo/data/schema/zz"],
        ["new", "pk/updates/nn", "--title", "规划", "--years", "2026-2030"],
        ["new", "p1/workplans/nn", "--title", "规划", "--years", "2026-2030"],
    ],
    ids=lambda c: " ".join(c[:4]),
)
def test_no_command_writes_into_a_plans_directories(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """schema DIR, init DIR and new DIR into a record directory of a plan, the user's own or
    another's, would break that plan: refused as site is, and nothing written."""
    for top in (tmp_path / "p1", tmp_path / "pk", tmp_path / "repo" / "data"):
        shutil.copytree(SHIPPED, top)
        for name in ("actuals", "updates", "workplans", "schema"):
            (top / name).mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    result = cli(*command, "--lang", "en")
    directory = next(arg for arg in command if arg.count("/") and not arg.startswith("-"))
    plan = (tmp_path / directory).resolve()
    while not (plan / "indicators.yaml").exists():
        plan = plan.parent
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {directory} is inside the data directory {plan} of a plan; ipplan writes "
        "nothing new into a plan's directories (it would break that plan), and nothing was "
        "written. Choose a directory outside every plan's\n"
    )
    assert snapshot(tmp_path) == before
    for top in ("p1", "pk", "repo/data"):
        assert cli("validate", "--data", top).exit_code == 0


def test_schemas_are_still_written_into_a_plans_schema_directory_and_outside(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SHIPPED, tmp_path / "p1")
    monkeypatch.chdir(tmp_path)
    for directory in ("p1/schema", "elsewhere"):
        assert cli("schema", directory).exit_code == 0
        assert (tmp_path / directory / "indicators.schema.json").is_file()


def _write_commands() -> dict[str, object]:
    """Each command that writes: how to set it up in ``tmp`` around ``plan``, its arguments,
    and what shows that it wrote."""
    from tests.workplans.test_workplans import TABLE, WORKPLAN

    def record(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["record", "2023", "practitioners", "31000"], plan / "actuals"

    def importing(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        source = tmp / "values.csv"
        source.write_text("key,year,value,source,note\npractitioners,2023,31000,,\n", "utf-8")
        return ["import", str(source)], plan / "actuals"

    def task(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["task", "talent-training", "--status", "in_progress"], plan

    def undo(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        assert (
            ipplan("record", "2023", "practitioners", "31000", "--data", str(plan)).returncode == 0
        )
        return ["undo"], plan / "actuals"

    def init(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["init", str(tmp / "made")], tmp / "made" / "indicators.yaml"

    def new(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        args = ["new", str(tmp / "made"), "--title", "规划", "--years", "2026-2030"]
        return args, tmp / "made" / "indicators.yaml"

    def site(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["site", str(tmp / "public")], tmp / "public" / "index.html"

    def schema(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["schema", str(tmp / "schemas")], tmp / "schemas"

    def workplan_import(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        shutil.rmtree(plan / "workplans", ignore_errors=True)
        source = tmp / "t.csv"
        source.write_text(TABLE, encoding="utf-8")
        return ["workplan-import", str(source), "--year", "2024"], plan / "workplans" / "2024.yaml"

    def item(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        shutil.rmtree(plan / "workplans", ignore_errors=True)
        (plan / "workplans").mkdir()
        (plan / "workplans" / "2024.yaml").write_text(WORKPLAN, encoding="utf-8")
        args = ["item", "y2024-1", "--done", "上半年", "--date", "2024-06-20"]
        return args, plan / "progress"

    def report(plan: Path, tmp: Path) -> tuple[list[str], Path]:
        return ["report", "-o", str(tmp / "r.md")], tmp / "r.md"

    return {
        "record": record,
        "import": importing,
        "task": task,
        "undo": undo,
        "init": init,
        "new": new,
        "site": site,
        "schema": schema,
        "workplan-import": workplan_import,
        "item": item,
        "report": report,
    }


WRITE_COMMANDS = _write_commands()


def _contents(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` (or ``path`` itself) with its bytes."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    if not path.is_dir():
        return {}
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("output", ["closed", "dev-full"])
@pytest.mark.parametrize("command", sorted(WRITE_COMMANDS))
def test_every_write_command_exits_0_when_its_change_is_saved_whatever_becomes_of_stdout(
    plan_dir: Path, tmp_path: Path, command: str, output: str
) -> None:
    prepare = WRITE_COMMANDS[command]
    args, written = prepare(plan_dir, tmp_path)  # type: ignore[operator]
    before = _contents(written)
    full = ("init", "new", "schema")  # these name their directory, not a plan
    args = [*args] if command in full else [*args, "--data", str(plan_dir)]
    if output == "closed":
        result = closed_stdout(*args)
    else:
        with open("/dev/full", "wb") as sink:
            result = ipplan(*args, stdout=sink)
    message = result.stderr.decode("utf-8")
    assert result.returncode == 0, message
    assert "Traceback" not in message and "Exception ignored" not in message
    if command != "report":  # its message goes to stderr, where it is seen
        assert message.startswith("改动已保存：") and message.endswith("（但结果未能显示。）\n")
    assert _contents(written) != before  # the change is on disk


# --- the JSON of record and import, built in views like every other command's ------------------


RECORD_JSON_HEAD = """{
  "unchanged": false,
  "recorded": {
    "key": "practitioners",
    "year": 2023,
    "value": 31500,
    "source": "年度统计",
    "note": null,
    "not_published": false,
    "basis_change": null
  },
  "replaced": 31000,
  "indicator": {
    "key": "practitioners",
    "number": 1,
"""

IMPORT_JSON = """{
  "recorded": 1,
  "replaced": 1,
  "unchanged": 1,
  "skipped": 1,
  "values": [
    {
      "key": "practitioners",
      "year": 2024,
      "value": 33000,
      "unchanged": false,
      "replaced": 32000
    },
    {
      "key": "medium_agencies",
      "year": 2024,
      "value": 750,
      "unchanged": false,
      "replaced": null
    },
    {
      "key": "practitioners",
      "year": 2023,
      "value": 31500,
      "unchanged": true,
      "replaced": null
    }
  ]
}
"""


def test_record_and_import_json_keep_their_exact_text(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    data = ("--data", str(plan_dir))
    assert cli("record", "2023", "1", "31000", "--source", "年度统计", *data).exit_code == 0
    recorded = cli(
        "record", "2023", "1", "31500", "--source", "年度统计", "--force", "--json", *data
    )
    assert recorded.exit_code == 0
    assert recorded.stdout.startswith(RECORD_JSON_HEAD)
    status = json.loads(cli("status", "--json", *data).stdout)
    rows = status["indicators"] if isinstance(status, dict) else status
    row = next(r for r in rows if r["key"] == "practitioners")
    shown = json.loads(recorded.stdout)["indicator"]
    assert len(shown) == 33 and {key: row[key] for key in shown} == shown  # as status shows it
    again = cli("record", "2023", "1", "31500", "--source", "年度统计", "--json", *data)
    assert json.loads(again.stdout)["unchanged"] is True
    assert json.loads(again.stdout)["replaced"] is None

    assert cli("record", "2024", "1", "32000", *data).exit_code == 0
    table = tmp_path / "actuals.csv"
    table.write_text(
        "key,year,value,source\n1,2024,33000,x\n2,2024,750,y\n1,2023,31500,年度统计\n,2025,,\n",
        encoding="utf-8",
    )
    imported = cli("import", str(table), "--force", "--json", *data)
    assert imported.exit_code == 0
    assert imported.stdout == IMPORT_JSON
