"""Finding the plan from anywhere in the repository, the way git finds .git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ipplan import discovery, store
from tests.conftest import SHIPPED, Run, clear_recorded, snapshot


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
    found = discovery.search(root / "a" / "b", {}, home=tmp_path / "home")
    assert found.plan == root / "data"
    assert found.searched == (root / "a" / "b", root / "a", root)  # stops at the repository root
    inside = discovery.search(root / "data", {}, home=tmp_path / "home")
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
    named = cli("validate", "--data", str(store.bundled_dir()))
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
        found = discovery.search(locked / "inner", {}, home=tmp_path)
    finally:
        locked.chmod(0o755)
    assert found.plan is None and found.searched[-1] == tmp_path
