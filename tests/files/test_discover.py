"""Finding the plan from anywhere in the repository, the way git finds .git."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ipplan import locate
from ipplan.files import discover
from tests.conftest import SHIPPED, Run, clear_recorded, snapshot, write


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a plan in data/ with one value recorded, and a docs/ folder."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(SHIPPED, root / "data")
    clear_recorded(root / "data")
    (root / "docs" / "deep").mkdir(parents=True)
    return root


def latest(cli: Run, *args: str) -> object:
    result = cli("status", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["indicators"][0]["latest"]


def test_the_plan_is_found_from_any_directory_of_the_repository(
    cli: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert cli("record", "2023", "practitioners", "31000").exit_code == 0
    for where in (repo, repo / "docs", repo / "docs" / "deep", repo / "data", repo / "data/schema"):
        monkeypatch.chdir(where)
        assert latest(cli) == {"year": 2023, "value": 31000}, where
        human = cli("status")
        assert human.exit_code == 0 and human.stderr == ""  # the plan found: nothing to say
        assert "31000 (2023)" in human.stdout


def test_discovery_reports_the_innermost_plan_and_where_it_looked(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "data" / "indicators.yaml").write_text("x", encoding="utf-8")
    (root / "a" / "b").mkdir(parents=True)
    found = discover.search(root / "a" / "b", {}, home=tmp_path / "home")
    assert found.plan == root / "data"
    assert found.searched == (root / "a" / "b", root / "a", root)  # stops at the repository root
    inside = discover.search(root / "data", {}, home=tmp_path / "home")
    assert inside.plan == root / "data"


def test_the_search_stops_at_the_repository_root(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")  # a plan above the repository: not this one's
    inner = tmp_path / "other" / "sub"
    inner.mkdir(parents=True)
    (tmp_path / "other" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")  # worktree
    monkeypatch.chdir(inner)
    result = cli("validate")
    assert (result.exit_code, result.stdout) == (1, "")
    assert str(inner) in result.stderr and str(tmp_path / "other") in result.stderr
    monkeypatch.chdir(tmp_path)  # from the directory above, its own plan is found
    assert cli("validate").exit_code == 0


def test_the_search_stops_at_the_home_directory(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home / "work")
    result = cli("validate", "--lang", "en")
    assert result.exit_code == 1
    assert f"looked from {home / 'work'} up to {home}" in result.stderr


def test_a_found_plan_comes_before_ipplan_data_which_comes_before_the_bundled_plan(
    cli: Run, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(SHIPPED, elsewhere)
    clear_recorded(elsewhere)
    cli("record", "2022", "practitioners", "29000", "--data", str(elsewhere))
    monkeypatch.setenv("IPPLAN_DATA", str(elsewhere))
    monkeypatch.chdir(repo / "docs")
    assert latest(cli) is None  # the repository's own plan, not $IPPLAN_DATA's
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert latest(cli) == {"year": 2022, "value": 29000}  # no plan found: $IPPLAN_DATA
    assert latest(cli, "--data", str(repo / "data")) is None  # --data wins over all


def test_validate_from_a_subdirectory_checks_the_plan_it_stands_in(
    cli: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "data" / "actuals.yaml").write_text(
        "actuals:\n  practitioners:\n    - {year: 2030, value: 1}\n", encoding="utf-8"
    )
    before = snapshot(repo)
    for where in (repo / "docs", repo / "data"):
        monkeypatch.chdir(where)
        result = cli("validate", "--lang", "en")
        assert result.exit_code == 1
        assert "actuals.yaml:3: year-outside-plan:" in result.stderr
    assert snapshot(repo) == before


def test_validate_never_checks_the_bundled_plan_unless_named(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for lang, words in (("zh", "未找到计划"), ("en", "no plan found")):
        result = cli("validate", "--lang", lang)
        assert (result.exit_code, result.stdout) == (1, "")
        assert words in result.stderr and "--data DIR" in result.stderr
        assert str(tmp_path) in result.stderr and "IPPLAN_DATA" in result.stderr
        assert len(result.stderr.splitlines()) == 1
    for fmt in ("json", "github"):
        result = cli("validate", "--format", fmt)
        assert (result.exit_code, result.stdout) == (1, "")
    named = cli("validate", "--data", str(locate.bundled_dir()))
    assert named.exit_code == 0 and "9" in named.stdout


def test_the_bundled_plan_is_named_in_one_line_of_human_output(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["status"], ["show", "practitioners"], ["tasks"], ["history"]):
        zh = cli(*command)
        assert zh.exit_code == 0
        assert zh.stderr.splitlines() == [
            "注意：此处及上级目录中没有计划，显示的是随 ipplan 安装的计划（只读）；"
            "可用 --data DIR 指定。"
        ]
        en = cli(*command, "--lang", "en")
        assert en.stderr.startswith("note: no plan here or above; showing the plan bundled")
        assert len(en.stderr.splitlines()) == 1
        assert cli(*command, "--json").stderr == ""  # scripts read JSON only


def test_a_search_that_meets_an_unreadable_directory_goes_on(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "inner").mkdir(parents=True)
    locked.chmod(0o311)  # may be passed through, not listed
    try:
        found = discover.search(locked / "inner", {}, home=tmp_path)
    finally:
        locked.chmod(0o755)
    assert found.plan is None and found.searched[-1] == tmp_path


# --- only the plan you chose: never a plan someone else left on the way up --------------------

OTHER = 60011  # a user who is not the one running ipplan
CEILING = discover.CEILING_VAR
SAFE = discover.SAFE_VAR
FORGED = {"year": 2023, "value": 34396}  # the latest figure of the planted copy
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as another user"
)


def plant(directory: Path) -> Path:
    """A plan with figures in ``directory``/data, as someone else would leave it."""
    shutil.copytree(SHIPPED, directory / "data")
    return directory / "data"


def owned_by(path: Path, uid: int) -> None:
    for each in [path, *path.rglob("*")]:
        os.lchown(each, uid, uid)


def as_user(uid: int, cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run ipplan in a child process as ``uid`` in ``cwd``: exit code, stderr."""
    read, written = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        code = 99
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.chdir(cwd)
            os.environ.update(env)
            from typer.testing import CliRunner

            from ipplan.cli import app

            outcome = CliRunner().invoke(app, list(args))
            os.write(written, f"{outcome.exit_code}\n{outcome.stderr}".encode())
            code = 0
        except BaseException as exc:
            os.write(written, f"98\n{exc!r}".encode())
        finally:
            os._exit(code)
    os.close(written)
    with os.fdopen(read, "rb") as pipe:
        reported = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    code, _, stderr = reported.partition("\n")
    return int(code), stderr


@pytest.fixture
def sticky(tmp_path: Path) -> Path:
    """A directory like /tmp: anyone may write to it (mode 1777)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


def test_a_plan_in_a_shared_directory_above_is_refused_and_named(
    cli: Run, sticky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = plant(sticky)
    mine = sticky / "mine"
    mine.mkdir()
    monkeypatch.chdir(mine)
    before = snapshot(sticky)
    owner = discover.user_name(sticky.stat().st_uid)
    for command in (["status"], ["record", "2023", "practitioners", "31000"], ["validate"]):
        result = cli(*command, "--lang", "en")
        assert (result.exit_code, result.stdout) == (1, ""), command
        assert result.stderr.splitlines() == [
            f"error: not using the plan in {planted}: it was found in {sticky}, a directory "
            f"anyone may write to (drwxrwxrwt, owner {owner}), so anyone could have left it "
            "there. Name your plan with --data DIR or IPPLAN_DATA=DIR; if you trust this one, "
            f"add {sticky} to IPPLAN_SAFE_DIRECTORIES"
        ]
    zh = cli("status")
    assert zh.exit_code == 1 and zh.stderr.startswith(f"错误：不使用位于 {planted} 的计划")
    assert "IPPLAN_SAFE_DIRECTORIES" in zh.stderr and len(zh.stderr.splitlines()) == 1
    assert snapshot(sticky) == before  # the figure went nowhere
    found = discover.search(mine, {})
    assert found.plan is None and found.refused is not None
    assert (found.refused.found, found.refused.directory) == (planted, sticky)


@as_root
def test_a_plan_of_another_user_above_is_refused_and_named(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    planted = plant(theirs)
    owned_by(theirs, OTHER)
    mine = theirs / "mine"
    mine.mkdir()  # root's own directory, inside the other user's
    monkeypatch.chdir(mine)
    before = snapshot(theirs)
    result = cli("record", "2023", "practitioners", "31000", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"error: not using the plan in {planted}: {theirs} belongs to user {OTHER}, not to you "
        f"(root), so it may be anyone's. Name your plan with --data DIR or IPPLAN_DATA=DIR; if "
        f"you trust this one, add {theirs} to IPPLAN_SAFE_DIRECTORIES"
    ]
    assert snapshot(theirs) == before
    # the plan's own file of another user is as much someone else's
    owned_by(theirs, 0)
    os.lchown(planted / "indicators.yaml", OTHER, OTHER)
    again = cli("status", "--lang", "en")
    assert again.exit_code == 1
    assert f"{planted / 'indicators.yaml'} belongs to user {OTHER}" in again.stderr
    # --data is a choice: used whoever owns it
    assert latest(cli, "--data", str(planted)) == FORGED


@as_root
def test_a_user_refuses_a_plan_of_root_left_above() -> None:
    top = Path(tempfile.mkdtemp(prefix="ipplan-owner-", dir="/tmp"))
    try:
        top.chmod(0o755)
        planted = plant(top)
        mine = top / "mine"
        mine.mkdir()
        os.chown(mine, OTHER, OTHER)
        code, stderr = as_user(OTHER, mine, {CEILING: "/tmp"}, "status", "--lang", "en")
        assert code == 1
        assert f"not using the plan in {planted}: {top} belongs to user root" in stderr
        assert "Traceback" not in stderr
        marked = {CEILING: "/tmp", SAFE: str(top)}
        assert as_user(OTHER, mine, marked, "status", "--json") == (0, "")
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_ipplan_data_wins_over_a_planted_plan(
    cli: Run, sticky: Path, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(sticky)
    mine = sticky / "mine"
    mine.mkdir()
    monkeypatch.chdir(mine)
    monkeypatch.setenv("IPPLAN_DATA", str(plan_dir))
    before = snapshot(sticky)
    assert latest(cli) is None  # never the planted figures
    assert cli("record", "2023", "practitioners", "31000").exit_code == 0
    assert latest(cli) == {"year": 2023, "value": 31000}
    assert (plan_dir / "actuals" / "practitioners" / "2023.yaml").is_file()
    assert cli("validate").exit_code == 0
    assert snapshot(sticky) == before


def test_safe_directories_let_a_shared_plan_through(
    cli: Run, sticky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(sticky)
    mine = sticky / "mine"
    mine.mkdir()
    monkeypatch.chdir(mine)
    for safe in (str(sticky), str(sticky / "data"), f"{tmp_path}/*", "*"):
        monkeypatch.setenv(SAFE, f"/elsewhere{os.pathsep}{safe}")
        assert latest(cli) == FORGED, safe
    monkeypatch.setenv(SAFE, str(mine))  # another directory: still refused
    assert cli("status").exit_code == 1


def test_your_own_plan_below_a_shared_directory_is_used(
    cli: Run, sticky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = sticky / "mine"
    shutil.copytree(SHIPPED, mine / "data")
    clear_recorded(mine / "data")
    (mine / "docs").mkdir()
    monkeypatch.chdir(mine / "docs")
    assert cli("record", "2023", "practitioners", "31000").exit_code == 0
    assert latest(cli) == {"year": 2023, "value": 31000}
    assert cli("validate").exit_code == 0
    monkeypatch.chdir(sticky)  # in the shared directory itself, even a plan of one's own is not
    shutil.copytree(SHIPPED, sticky / "data")
    assert cli("status").exit_code == 1


def test_a_workspace_planted_above_is_refused_or_passed_over(
    cli: Run, sticky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forged = plant(sticky / "forged")
    ws = sticky / "ipplan.yaml"
    write(sticky, "ipplan.yaml", "plans:\n  - {name: only, directory: forged}\n")
    outside = sticky / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    for command in (["status"], ["overview"], ["overview", "--plan", "only"], ["validate"]):
        result = cli(*command, "--lang", "en")
        assert result.exit_code == 1, command
        assert result.stderr.startswith(
            f"error: not using the workspace {ws}: it was found in {sticky}"
        )
    assert cli("site", str(outside / "site")).exit_code == 1
    assert not (outside / "site").exists()
    # one's own plan below it is used, and the workspace above is not: no forged roll-up
    mine = sticky / "mine"
    shutil.copytree(SHIPPED, mine)
    clear_recorded(mine)
    indicators = forged / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            "    unit: 人\n",
            "    unit: 人\n    rolls_up_to: {plan: mine, indicator: practitioners}\n",
            1,
        ),
        encoding="utf-8",
    )
    write(
        sticky,
        "ipplan.yaml",
        "plans:\n  - {name: mine, directory: mine}\n"
        "  - {name: f, directory: forged, parent: mine}\n",
    )
    monkeypatch.chdir(mine)
    report = json.loads(cli("report", "--format", "json").stdout)
    assert "rollups" not in report
    checked = cli("validate", "--lang", "en")
    assert checked.exit_code == 0 and "ipplan.yaml" not in checked.stdout
    assert [p["name"] for p in json.loads(cli("overview", "--json").stdout)["plans"]] == ["mine"]


def test_a_search_stops_at_what_it_refuses(tmp_path: Path, sticky: Path) -> None:
    inner = sticky / "a" / "b"
    inner.mkdir(parents=True)
    write(inner, "indicators.yaml", "x")
    write(sticky, "ipplan.yaml", "x")
    write(tmp_path, "ipplan.yaml", "x")  # above: never looked at
    found = discover.search(inner, {}, home=tmp_path.parent)
    assert found.plan == inner and found.workspace is None
    assert found.refused is not None and found.refused.found == sticky / "ipplan.yaml"
    assert found.searched == (inner, sticky / "a", sticky)


def test_an_unreadable_plan_left_in_a_shared_directory_is_refused_as_anyones(
    cli: Run, sticky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sticky / "data").mkdir()
    mine = sticky / "mine"
    mine.mkdir()
    monkeypatch.chdir(mine)
    real_stat = Path.stat

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "indicators.yaml" and self.parent == sticky / "data":
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", refuse)
    result = cli("status", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"error: not using the plan in {sticky / 'data'}: it was found in {sticky}, a directory "
    )


def test_a_plan_above_a_shared_directory_is_refused_too(
    cli: Run, tmp_path: Path, sticky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = plant(tmp_path)  # a directory of one's own, reached through the shared one
    mine = sticky / "mine"
    mine.mkdir()
    monkeypatch.chdir(mine)
    result = cli("status", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    owner = discover.user_name(sticky.stat().st_uid)
    assert result.stderr.splitlines() == [
        f"error: not using the plan in {planted}: it was found in {tmp_path}, above {sticky}, a "
        f"directory anyone may write to (drwxrwxrwt, owner {owner}), so it is not of the "
        "project you are in. Name your plan with --data DIR or IPPLAN_DATA=DIR; if you trust "
        f"this one, add {tmp_path} to IPPLAN_SAFE_DIRECTORIES"
    ]
    zh = cli("status", "--lang", "zh").stderr
    assert zh.startswith(f"错误：不使用位于 {planted} 的计划：它在 {tmp_path}，是越过")
