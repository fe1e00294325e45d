"""Git merges what does not conflict: real ``git`` over random pairs of changes on two branches.

Each pair starts from a committed plan in one of several states, makes one change on each of two
branches with ipplan itself, and merges them with git's own line merge (what a code host's merge
button runs; no custom merge driver). Changes to different indicator-years, or to actions, merge
without a conflict and keep every value; the same indicator-year changed on both sides conflicts,
and every command then names the conflict at its ``<<<<<<<`` line with both values.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ipplan import load as loader
from ipplan.files import layout
from tests.conftest import SHIPPED, Run, clear_recorded, load

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BASE_ACTUALS = {("practitioners", 2022): 28500, ("practitioners", 2023): 31000}
BASE_ACTUALS |= {("agency_rate", 2022): 80.5, ("complaint_rate", 2022): 2.8}
BASE_UPDATE = ("talent-training", "2024-03-01T10:02:00+08:00", "in_progress")

# Values each indicator may plausibly take in any year of the plan, from its baseline.
PLAUSIBLE = {
    "practitioners": (27000, 33000),
    "medium_agencies": (600, 700),
    "agency_rate": (80.0, 82.0),
    "revenue": (440.0, 520.0),
    "litigators": (3900, 4500),
    "international_talent": (60, 80),
    "it_coverage": (68.0, 75.0),
    "complaint_rate": (2.5, 3.2),
}
ACTIONS = ["talent-training", "informatization", "agency-compliance", "public-image"]
YEARS = [2022, 2023, 2024, 2025]

LEGACY_ACTUALS = """\
actuals:
  practitioners:
    - year: 2022
      value: 28500
      recorded: "2024-03-01T10:00:00+08:00"
    - year: 2023
      value: 31000
      recorded: "2024-03-01T10:01:00+08:00"
  agency_rate:
    - year: 2022
      value: 80.5
  complaint_rate:
    - year: 2022
      value: 2.8
"""
LEGACY_TASK_LOG = """\
updates:
  talent-training:
    - recorded: "2024-03-01T10:02:00+08:00"
      status: in_progress
"""


def git(
    repo: Path, *args: str, check: bool = True, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "ipplan",
        "GIT_AUTHOR_EMAIL": "ipplan@example.org",
        "GIT_COMMITTER_NAME": "ipplan",
        "GIT_COMMITTER_EMAIL": "ipplan@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo.parent),
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, input=input, capture_output=True, text=True, check=check
    )


def start(tmp_path: Path, cli: Run, state: str) -> Path:
    """A git repository whose data/ holds the plan in ``state``, committed on branch base."""
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns(layout.LOCK_NAME, "*.tmp"))
    clear_recorded(data)
    (data / ".gitignore").write_text(layout.GITIGNORE, encoding="utf-8")
    if state == "values":
        for (key, year), value in BASE_ACTUALS.items():
            args = ["record", str(year), key, str(value), "--force", "--data", str(data)]
            assert cli(*args).exit_code == 0
        action, _, status = BASE_UPDATE
        assert cli("task", action, "--status", status, "--data", str(data)).exit_code == 0
    elif state in ("old-layout", "old-layout-empty"):
        values = state == "old-layout"
        actuals = LEGACY_ACTUALS if values else "actuals: {}\n"
        (data / "actuals.yaml").write_text(actuals, encoding="utf-8")
        (data / "task_log.yaml").write_text(LEGACY_TASK_LOG if values else "updates: {}\n", "utf-8")
    git(repo, "init", "-q", "-b", "base")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", state)
    return repo


@dataclass(frozen=True)
class Change:
    """One change on a branch: a value for an indicator-year, or an update to an action."""

    slot: tuple[str, int] | None
    value: float | int | None = None
    action: str | None = None
    note: str | None = None

    def args(self) -> list[str]:
        if self.slot is not None:
            key, year = self.slot
            return ["record", str(year), key, str(self.value), "--force"]
        assert self.action is not None and self.note is not None
        return ["task", self.action, "--note", self.note]


def random_change(rng: random.Random, taken: set[tuple[str, int]], old: bool) -> Change:
    """A value for an indicator-year not in ``taken`` (nor, with ``old``, held by the old file),
    or a note on an action."""
    if rng.random() < 0.3:
        return Change(None, action=rng.choice(ACTIONS), note=f"进展 {rng.randrange(10**6)}")
    while True:
        key = rng.choice(sorted(PLAUSIBLE))
        slot = (key, rng.choice(YEARS))
        if slot not in taken and not (old and slot in BASE_ACTUALS):
            break
    low, high = PLAUSIBLE[key]
    if isinstance(low, int):
        value: float | int = rng.randint(int(low), int(high))
    else:
        value = round(rng.uniform(low, high), 1)
    return Change(slot, value)


def on_branch(repo: Path, cli: Run, branch: str, change: Change) -> None:
    git(repo, "checkout", "-q", "-B", branch, "base")
    result = cli(*change.args(), "--data", str(repo / "data"))
    assert result.exit_code == 0, result.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", branch)


def values(repo: Path) -> dict[tuple[str, int], float | int]:
    plan = load(repo / "data")
    return {(key, a.year): a.value for key, series in plan.actuals.items() for a in series}


def notes(repo: Path) -> list[tuple[str, str]]:
    plan = load(repo / "data")
    return sorted((key, u.note or "") for key, log in plan.updates.items() for u in log)


STATES = ["empty", "values", "old-layout", "old-layout-empty"]


@pytest.mark.slow
@pytest.mark.parametrize("state", STATES)
def test_different_indicator_years_and_actions_merge_cleanly_and_keep_every_value(
    cli: Run, tmp_path: Path, state: str
) -> None:
    repo = start(tmp_path, cli, state)
    before = values(repo) if state != "empty" else {}
    before_notes = notes(repo)
    rng = random.Random(f"merge-{state}")
    for _ in range(8):
        first = random_change(rng, set(), old=state == "old-layout")
        taken = {first.slot} if first.slot else set()
        second = random_change(rng, taken, old=state == "old-layout")
        on_branch(repo, cli, "a", first)
        on_branch(repo, cli, "b", second)
        merged = git(repo, "merge", "--no-edit", "-q", "a", check=False)
        assert merged.returncode == 0, (first, second, merged.stdout + merged.stderr)
        assert git(repo, "status", "--porcelain").stdout == ""

        expected = dict(before)
        expected_notes = list(before_notes)
        for change in (first, second):
            if change.slot is not None:
                assert change.value is not None
                expected[change.slot] = change.value
            else:
                expected_notes.append((str(change.action), str(change.note)))
        assert values(repo) == expected
        assert notes(repo) == sorted(expected_notes)
        assert cli("validate", "--data", str(repo / "data")).exit_code == 0
        # the old single files are gone once both branches have written
        assert not (repo / "data" / "actuals.yaml").exists()
        assert not (repo / "data" / "task_log.yaml").exists()


@pytest.mark.parametrize("state", STATES)
def test_the_same_indicator_year_conflicts_and_every_command_names_it(
    cli: Run, tmp_path: Path, state: str
) -> None:
    repo = start(tmp_path, cli, state)
    data = repo / "data"
    on_branch(repo, cli, "a", Change(("practitioners", 2024), 32100))
    on_branch(repo, cli, "b", Change(("practitioners", 2024), 32900))
    merged = git(repo, "merge", "--no-edit", "-q", "a", check=False)
    assert merged.returncode != 0
    conflicted = data / "actuals" / "practitioners" / "2024.yaml"
    text = conflicted.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text) if t.startswith("<<<<<<<")) + 1

    for command in (["validate"], ["status"], ["record", "2025", "revenue", "600"]):
        result = cli(*command, "--lang", "en", "--data", str(data))
        assert result.exit_code == 1
        (problem,) = [p for p in result.stderr.splitlines() if "merge-conflict" in p]
        assert problem.startswith(f"{conflicted}:{line}: merge-conflict: ")
        assert "HEAD has value: 32900" in problem and "a has value: 32100" in problem
        assert "git checkout --ours or --theirs" in problem
        assert "yaml-syntax" not in result.stderr
    zh = cli("validate", "--data", str(data))
    assert "git 合并冲突尚未解决：HEAD 一方为 value: 32900，a 一方为 value: 32100" in zh.stderr

    # resolved as the message says, the merge goes through with the value kept
    git(repo, "checkout", "--theirs", str(conflicted))
    unmarked = cli("validate", "--lang", "en", "--data", str(data))
    assert unmarked.exit_code == 1  # git has yet to be told: the merge is not finished
    assert unmarked.stderr.startswith(f"{conflicted}:1: unmerged: ")
    git(repo, "add", str(conflicted))
    assert cli("validate", "--data", str(data)).exit_code == 0
    assert values(repo)[("practitioners", 2024)] == 32100


def modify_delete(cli: Run, tmp_path: Path, on_a: Callable[[Path], None] | None = None) -> Path:
    """A merge stopped on a record changed on one branch (a) and deleted on the other (b, the
    one merged into); ``on_a`` is run on the plan's directory once branch a is committed.
    The record, left as branch a has it."""
    repo = start(tmp_path, cli, "values")
    data = repo / "data"
    record = data / "actuals" / "practitioners" / "2023.yaml"
    git(repo, "checkout", "-q", "-b", "a", "base")
    args = ("record", "2023", "practitioners", "31500", "--force", "--data", str(data))
    assert cli(*args).exit_code == 0
    git(repo, "commit", "-q", "-am", "a")
    if on_a is not None:
        on_a(data)
    git(repo, "checkout", "-q", "-b", "b", "base")
    git(repo, "rm", "-q", str(record))
    git(repo, "commit", "-q", "-m", "b")
    merged = git(repo, "merge", "--no-edit", "-q", "a", check=False)
    assert merged.returncode != 0 and "modify/delete" in merged.stdout
    return record


def test_a_change_against_a_deletion_leaves_no_marker_and_validate_names_it(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan.files.cache import directory as cache_dir
    from ipplan.files.cache import identity as cache_identity

    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)  # a verdict kept of files just written
    verdicts = Path(os.environ[cache_dir.ENV_DIR])

    def passes_and_is_kept(data: Path) -> None:
        assert cli("validate", "--data", str(data)).exit_code == 0
        assert list(verdicts.glob(f"*{cache_dir.VERDICT}"))

    record = modify_delete(cli, tmp_path, passes_and_is_kept)
    data = record.parents[2]
    kept = record.read_bytes()
    assert b"<<<<<<<" not in kept and b"31500" in kept  # a valid record, as branch a has it

    # a verdict is bound to the files' identities, which the merge changed: the first check
    # reads them and keeps one for these very bytes; only git knows the merge is unfinished
    first = cli("validate", "--lang", "en", "--data", str(data))
    assert first.exit_code == 1 and f"{record}:1: unmerged: " in first.stderr

    def unread(data_dir: object) -> None:
        raise AssertionError("the files were read again: the kept verdict was not used")

    with monkeypatch.context() as verdict_only:
        verdict_only.setattr(loader, "check_files", unread)
        result = cli("validate", "--lang", "en", "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{record}:1: unmerged: git has not finished merging this file (deleted on our side, "
        "changed on theirs); decide which side to keep, mark it resolved with git add or git "
        "rm, then run ipplan validate",
        "1 problem found.",
    ]
    zh = cli("validate", "--data", str(data)).stderr
    assert f"{record}:1: unmerged: git 尚未完成此文件的合并（我方删除了它，对方修改了它）" in zh
    git(data.parent, "add", str(record))  # resolved: the change kept
    assert cli("validate", "--data", str(data)).exit_code == 0


def test_git_is_asked_of_the_plans_own_repository(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = modify_delete(cli, tmp_path)
    data = record.parents[2]
    # a hook's variables name another repository and index: the plan's own is still asked
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    found = cli("validate", "--data", str(data))
    assert found.exit_code == 1 and f"{record}:1: unmerged: " in found.stderr


def _fake_git(directory: Path, body: str) -> str:
    """A PATH whose only git runs ``body`` (a shell script)."""
    directory.mkdir()
    script = directory / "git"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(directory)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "body", "en", "zh"),
    [
        ("missing", None, "git is not installed or not on PATH", "找不到 git 命令"),
        (
            "timeout",
            f"exec {shutil.which('sleep')} 5",
            "git did not answer in time",
            "git 未在限定时间内回答",
        ),
        (
            "refused",
            "echo \"fatal: detected dubious ownership in repository at '/x'\" >&2; exit 128",
            "git refused the repository: fatal: detected dubious ownership in repository at '/x'",
            "git 拒绝读取此仓库：fatal: detected dubious ownership in repository at '/x'",
        ),
    ],
)
def test_when_git_cannot_tell_the_merge_state_validate_says_so_and_keeps_no_verdict(
    cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    body: str | None,
    en: str,
    zh: str,
) -> None:
    from ipplan.files import gitstate
    from ipplan.files.cache import directory as cache_dir
    from ipplan.files.cache import identity as cache_identity

    record = modify_delete(cli, tmp_path)
    data = record.parents[2]
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)  # a verdict would be kept at once
    monkeypatch.setattr(gitstate, "TIMEOUT", 0.5)
    bin_dir = tmp_path / "bin"
    path = str(bin_dir) if body is None else _fake_git(bin_dir, body)
    monkeypatch.setenv("PATH", path)
    verdicts = Path(os.environ[cache_dir.ENV_DIR])
    before = set(verdicts.glob(f"*{cache_dir.VERDICT}"))
    result = cli("validate", "--lang", "en", "--data", str(data))
    # it passed in silence, and its verdict was kept
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"note: {data} is in a git work tree but git could not say whether a merge is "
        f"unfinished ({en}); the merge state was not checked."
    )
    assert set(verdicts.glob(f"*{cache_dir.VERDICT}")) == before
    chinese = cli("validate", "--data", str(data))
    assert chinese.stderr.splitlines()[0] == (
        f"注意：{data} 在 git 工作区中，但 git 无法说明是否有未完成的合并（{zh}），未检查合并状态。"
    )
    assert set(verdicts.glob(f"*{cache_dir.VERDICT}")) == before


def test_a_conflict_in_a_file_people_write_names_both_sides(cli: Run, plan_dir: Path) -> None:
    path = plan_dir / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    target = "    target: {year: 2025, value: 40000}\n"
    path.write_text(
        text.replace(
            target,
            "<<<<<<< HEAD\n    target: {year: 2025, value: 41000}\n||||||| base\n"
            f"{target}=======\n    target: {{year: 2025, value: 42000}}\n>>>>>>> other\n",
        ),
        encoding="utf-8",
    )
    line = path.read_text(encoding="utf-8").splitlines().index("<<<<<<< HEAD") + 1
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:{line}: merge-conflict: unresolved git merge conflict: HEAD has "
        "target: {year: 2025, value: 41000}, other has target: {year: 2025, value: 42000}. "
        "Keep one side: delete the other and the <<<<<<<, ======= and >>>>>>> lines (or run git "
        "checkout --ours or --theirs on this file), git add it, run ipplan validate, then commit"
    )


def test_old_layout_is_read_and_moved_into_record_files_on_the_next_write(
    cli: Run, plan_dir: Path
) -> None:
    (plan_dir / "actuals.yaml").write_text(LEGACY_ACTUALS, encoding="utf-8")
    (plan_dir / "task_log.yaml").write_text(LEGACY_TASK_LOG, encoding="utf-8")
    plan = load(plan_dir)
    old = {(k, a.year): a for k, s in plan.actuals.items() for a in s}
    assert {slot: a.value for slot, a in old.items()} == BASE_ACTUALS
    assert cli("status", "--data", str(plan_dir)).exit_code == 0  # read as it is, not written
    assert (plan_dir / "actuals.yaml").read_text(encoding="utf-8") == LEGACY_ACTUALS

    assert cli("record", "2024", "revenue", "480", "--data", str(plan_dir)).exit_code == 0
    assert not (plan_dir / "actuals.yaml").exists()
    assert not (plan_dir / "task_log.yaml").exists()
    moved = load(plan_dir)
    assert {(k, a.year): a for k, s in moved.actuals.items() for a in s if k != "revenue"} == old
    assert moved.updates == plan.updates  # times, statuses and all
    written = [p for kind in ("actuals", "updates") for p in (plan_dir / kind).rglob("*.yaml")]
    assert sorted(str(p.relative_to(plan_dir)) for p in written) == [
        "actuals/agency_rate/2022.yaml",
        "actuals/complaint_rate/2022.yaml",
        "actuals/practitioners/2022.yaml",
        "actuals/practitioners/2023.yaml",
        "actuals/revenue/2024.yaml",
        "updates/talent-training/20240301T020200Z.yaml",
    ]
