"""What git says of the plan's files that the files themselves cannot: the paths it has not
finished merging.

A conflict within a file leaves its markers, which reading finds (``merge-conflict``). A
conflict of a file changed on one side and deleted on the other (modify/delete), or added on
both, leaves no marker: the file as it stands reads as a valid record, and only git's index
knows the merge is not finished. ``ipplan validate`` asks git, with ``git ls-files
--unmerged``, for each plan directory inside a git work tree (:func:`unmerged`).

Git is run without a shell, with a timeout, in the plan's own repository: every ``GIT_*``
variable (a hook's ``GIT_DIR`` or ``GIT_INDEX_FILE``, say) is left out, so that it is the
repository holding the files that answers, and no file system monitor is started. Outside a
git work tree there is nothing to ask. Inside one, where git is not installed, refuses the
repository or gives no answer in time, the merge state is not known: :class:`Merge` says so
(``unchecked``), and validate says so in a notice and keeps no passing verdict.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ipplan.problems import Problem

# Seconds git is given to list the unmerged paths: it reads the index, in milliseconds.
TIMEOUT = 10.0

# What git's stages of an unmerged path say happened on each side: 1 the common ancestor,
# 2 ours, 3 theirs (as git status words it).
_HOW = {
    frozenset({1, 2, 3}): "both-modified",
    frozenset({1, 2}): "deleted-by-them",
    frozenset({1, 3}): "deleted-by-us",
    frozenset({2, 3}): "both-added",
    frozenset({2}): "added-by-us",
    frozenset({3}): "added-by-them",
    frozenset({1}): "both-deleted",
}


def in_work_tree(directory: Path) -> bool:
    """Whether ``directory`` or one above it holds ``.git`` (a directory, or a worktree's
    file): looked for first, so that no process is started for a plan outside git."""
    current = directory.absolute()
    while True:
        try:
            if os.path.lexists(current / ".git"):
                return True
        except (OSError, ValueError):
            return False
        if current.parent == current:
            return False
        current = current.parent


@dataclass
class Unchecked:
    """A directory in a git work tree whose merge state git could not tell, and why: ``why``
    is ``no-git`` (not installed, or not on PATH), ``timeout`` or ``refused`` (git's first
    line of error in ``detail``)."""

    directory: Path
    why: str
    detail: str = ""


@dataclass
class Merge:
    """What git says of the merge: ``problems``, an ``unmerged`` problem for each path it has
    not finished merging; ``unchecked``, each directory it could not tell of."""

    problems: list[Problem] = field(default_factory=list)
    unchecked: list[Unchecked] = field(default_factory=list)


def unmerged(directories: Iterable[Path], besides: Iterable[Problem] = ()) -> Merge:
    """An ``unmerged`` problem at each path below ``directories`` that git has not finished
    merging, saying what each side did, and each directory in a work tree where git could not
    tell (see the module); no problem for a file whose conflict markers are a
    ``merge-conflict`` problem among ``besides`` already."""
    told = {problem.path for problem in besides if problem.code == "merge-conflict"}
    found = Merge()
    asked: list[Path] = []
    for directory in directories:
        top = directory.absolute()
        if any(top.is_relative_to(done) for done in asked) or not in_work_tree(top):
            continue
        asked.append(top)
        listed = _list(top)
        if isinstance(listed, Unchecked):
            listed.directory = directory
            found.unchecked.append(listed)
            continue
        for relative, stages in listed.items():
            path = directory / relative  # as the directory was named, like its other problems
            if path not in told:
                how = _HOW.get(frozenset(stages), "both-modified")
                found.problems.append(Problem(path, 1, "unmerged", {"how": how}))
    return found


def _list(directory: Path) -> dict[str, set[int]] | Unchecked:
    """The unmerged paths below ``directory``, relative to it, and the stages of each; or why
    git could not tell."""
    import subprocess

    environ = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    environ["GIT_OPTIONAL_LOCKS"] = "0"  # only read the index, never rewrite it
    environ["LC_ALL"] = "C"  # its refusal in words that can be told apart
    command = ["git", "-c", "core.fsmonitor=false", "ls-files", "--unmerged", "-z", "--", "."]
    try:
        done = subprocess.run(
            command,
            cwd=directory,
            env=environ,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Unchecked(directory, "timeout")
    except (OSError, subprocess.SubprocessError) as exc:  # no git to run
        return Unchecked(directory, "no-git", getattr(exc, "strerror", None) or "")
    if done.returncode != 0:  # a repository git refuses to read (another user's, say)
        said = os.fsdecode(done.stderr)
        if "not a git repository" in said:  # a .git that holds none: no merge to finish
            return {}
        lines = said.strip().splitlines()
        detail = lines[0].strip() if lines else f"exit {done.returncode}"
        return Unchecked(directory, "refused", detail[:200])
    paths: dict[str, set[int]] = {}
    for entry in done.stdout.split(b"\0"):
        info, tab, name = entry.partition(b"\t")
        fields = info.split(b" ")
        if not tab or len(fields) != 3 or not fields[2].isdigit():
            continue
        paths.setdefault(os.fsdecode(name), set()).add(int(fields[2]))
    return dict(sorted(paths.items()))
