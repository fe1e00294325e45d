"""The pre-commit hook and the CI recipes work as printed: the hook runs for every file validate
checks, and each recipe (docs/recipes/) pins a release that exists, watches a workspace's files,
runs only commands ipplan has, and is the very text the docs show."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ipplan import __version__
from tests.conftest import SHIPPED, Run, track_2022

REPO = Path(__file__).resolve().parents[1]
RECIPES = REPO / "docs" / "recipes"
WORKFLOWS = ("ipplan.yml", "site.yml", "release.yml")
# Where each recipe is shown whole, in both languages where the page has two.
SHOWN = {
    "ipplan.yml": ("validating.md", "validating.zh-CN.md"),
    "pre-commit-config.yaml": ("validating.md", "validating.zh-CN.md"),
    "site.yml": ("reports.md", "reports.zh-CN.md"),
    "release.yml": ("development.md",),
}
# Record files the shipped plan has none of, as ipplan writes them.
RECORDS = {
    "updates/talent-training/20261121T205939Z.yaml": (
        'recorded: "2026-11-21T20:59:39+00:00"\nstatus: in_progress\n'
    ),
    "progress/2022/y2022-1/20261121T205938Z.yaml": (
        'recorded: "2026-11-21T20:59:38+00:00"\nitem: y2022-1\ndate: 2022-06-30\n'
    ),
}


def recipe(name: str) -> Any:
    return yaml.safe_load((RECIPES / name).read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    found: dict[str, Any] = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    return found


def hook_pattern() -> re.Pattern[str]:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ipplan-validate" and hook["pass_filenames"] is False
    return re.compile(hook["files"])


def glob(pattern: str) -> re.Pattern[str]:
    """A path filter of GitHub Actions as a regular expression: ``**`` any part of a path (none
    at all before a slash), ``*`` any part of one name."""
    out = ""
    for part in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        out += {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
    return re.compile(out)


def files_of(root: Path) -> Iterator[str]:
    """Every file under ``root``, as a path relative to it with forward slashes."""
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository with a workspace: its ipplan.yaml, a member at ``national/`` and one at
    ``provinces/gd/data/``, each the shipped plan with a record file of every kind."""
    root = tmp_path / "repo"
    for member in ("national", "provinces/gd/data"):
        shutil.copytree(SHIPPED, root / member)
        track_2022(root / member)  # a progress record is among RECORDS
        for name, text in RECORDS.items():
            path = root / member / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (root / "ipplan.yaml").write_text(
        "plans:\n  - {name: national, directory: national}\n"
        "  - {name: gd, directory: provinces/gd, parent: national}\n",
        encoding="utf-8",
    )
    return root


def checked_files(root: Path) -> list[str]:
    """The files validate reads: everything of the repository but the schemas (which it does
    not read) and the names starting with a dot (which it skips)."""
    return [
        f
        for f in files_of(root)
        if "/schema/" not in f"/{f}" and not any(p.startswith(".") for p in f.split("/"))
    ]


def test_the_hook_runs_for_every_file_validate_checks_and_none_of_the_site(
    cli: Run, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern = hook_pattern()
    checked = checked_files(repository)
    assert {"ipplan.yaml", "national/workplans/2022.yaml", "national/indicators.yaml"} <= set(
        checked
    )
    assert any(f.startswith("provinces/gd/data/progress/") for f in checked)
    assert [f for f in checked if not pattern.search(f)] == []
    # a plan alone, in data/ of its repository
    assert [f"data/{f}" for f in checked_files(SHIPPED) if not pattern.search(f"data/{f}")] == []
    # the site, built into the repository, is none of them
    monkeypatch.chdir(repository)
    assert cli("validate").exit_code == 0
    assert cli("site", "public").exit_code == 0
    site = [f"public/{f}" for f in files_of(repository / "public")]
    assert len(site) > 20
    assert [f for f in site if pattern.search(f)] == []
    # nor anything else the plan keeps beside its files
    assert not pattern.search("national/schema/indicators.schema.json")


def test_the_recipe_hook_is_the_published_hook() -> None:
    (repo,) = recipe("pre-commit-config.yaml")["repos"]
    (hook,) = repo["hooks"]
    assert hook["id"] == "ipplan-validate"
    assert hook["files"] == hook_pattern().pattern
    assert hook["additional_dependencies"] == [f"ipplan=={__version__}"]
    assert hook["pass_filenames"] is False


@pytest.mark.parametrize("name", ["ipplan.yml", "site.yml"])
def test_the_workflows_watch_every_file_of_a_plan_and_a_workspace(
    repository: Path, name: str
) -> None:
    on = triggers(recipe(name))
    events = [e for e in ("pull_request", "push") if e in on]
    assert "push" in events
    for event in events:
        patterns = [glob(p) for p in on[event]["paths"]]
        for files in (checked_files(repository), [f"data/{f}" for f in checked_files(SHIPPED)]):
            missed = [f for f in files if not any(p.fullmatch(f) for p in patterns)]
            assert missed == [], (event, missed)
        assert not any(p.fullmatch("public/index.html") for p in patterns)


def test_the_daily_check_is_strict_and_scheduled() -> None:
    workflow = recipe("ipplan.yml")
    (cron,) = triggers(workflow)["schedule"]
    assert re.fullmatch(r"[0-9]+ [0-9]+ \* \* \*", cron["cron"])  # once a day
    steps = workflow["jobs"]["validate"]["steps"]
    strict = [s for s in steps if "--strict" in s.get("run", "")]
    assert len(strict) == 1 and "'schedule'" in strict[0]["if"]
    plain = [
        s for s in steps if s.get("run", "").startswith("ipplan validate ") and s not in strict
    ]
    assert len(plain) == 1 and "'schedule'" not in plain[0]["if"]


def runs(name: str) -> list[str]:
    workflow = recipe(name)
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


@pytest.mark.parametrize("name", ["ipplan.yml", "site.yml"])
def test_the_workflows_install_the_pinned_release(name: str) -> None:
    installs = [r for r in runs(name) if "pip install" in r]
    assert installs == [f'pip install "ipplan=={__version__}"']
    text = (RECIPES / name).read_text(encoding="utf-8")
    assert "git+" not in text and "OWNER" not in text


def test_the_pinned_release_is_the_version_the_changelog_and_the_release_name() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+)$", changelog, re.MULTILINE)
    assert versions[0] == __version__  # the newest release first
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and '\nversion = "' not in pyproject
    assert 'path = "src/ipplan/__init__.py"' in pyproject
    release = recipe("release.yml")
    assert triggers(release)["push"]["tags"] == ["v*"]
    commands = "\n".join(runs("release.yml"))
    assert "python -m build" in commands and "twine check --strict dist/*" in commands
    assert 'test "$GITHUB_REF_NAME" = "v$version"' in commands
    publish = release["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "password" not in str(publish)


def test_the_recipes_run_only_commands_and_options_ipplan_has(cli: Run) -> None:
    listed = cli("--help").stdout
    used: list[list[str]] = []
    for name in ("ipplan.yml", "site.yml"):
        for run in runs(name):
            words = shlex.split(run)
            if words[0] == "ipplan":
                used.append(words[1:])
    (repo,) = recipe("pre-commit-config.yaml")["repos"]
    used.append(shlex.split(repo["hooks"][0]["entry"])[1:])
    assert {words[0] for words in used} == {"validate", "site"}
    for command, *rest in used:
        assert re.search(rf"^\s+{command}\s", listed, re.MULTILINE), command
        helped = cli(command, "--help").stdout
        for option in (w for w in rest if w.startswith("--")):
            assert option in helped, (command, option)


@pytest.mark.parametrize("name", list(SHOWN))
def test_the_docs_show_each_recipe_whole(name: str) -> None:
    text = (RECIPES / name).read_text(encoding="utf-8")
    yaml.safe_load(text)  # it parses
    for page in SHOWN[name]:
        shown = (REPO / "docs" / page).read_text(encoding="utf-8")
        assert f"```yaml\n{text}```\n" in shown, page
        assert f"(recipes/{name})" in shown or page == "development.md", page
