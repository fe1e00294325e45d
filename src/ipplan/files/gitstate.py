"""What git says of the plan's files that the files themselves cannot: the paths it has not
finished merging.

A conflict within a file leaves its markers, which reading finds (``merge-conflict``). A
conflict of a file changed on one side and deleted on the other (modify/delete), or added on
both, leaves no marker: the file as it stands reads as a valid record, and only git's index
knows the merge is not finished. ``ipplan validate`` asks git, with ``git ls-files
--unmerged``, for each plan directory inside a git work tree (:func:`unmerged`).

Git is run without a shell, with a timeout, in the plan's own repository: every ``GIT_*``
variable (a hook's ``GIT_DIR`` or ``GIT_INDEX_FILE``, say) is left out, so that it is the
repository holding the files that answers, and no file system monitor is started. Where git is
not installed, the directory is in no repository, or git does not answer (a repository it
refuses to read, a timeout), there is nothing it can tell, and no problem.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
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


def unmerged(directories: Iterable[Path], besides: Iterable[Problem] = ()) -> list[Problem]:
    """An ``unmerged`` problem at each path below ``directories`` that git has not finished
    merging, saying what each side did; none where git cannot tell (see the module), nor for
    a file whose conflict markers are a ``merge-conflict`` problem among ``besides`` already."""
    told = {problem.path for problem in besides if problem.code == "merge-conflict"}
    found: list[Problem] = []
    asked: list[Path] = []
    for directory in directories:
        top = directory.absolute()
        if any(top.is_relative_to(done) for done in asked) or not in_work_tree(top):
            continue
        asked.append(top)
        for relative, stages in _list(top).items():
            path = directory / relative  # as the directory was named, like its other problems
            if path not in told:
                how = _HOW.get(frozenset(stages), "both-modified")
                found.append(Problem(path, 1, "unmerged", {"how": how}))
    return found


def _list(directory: Path) -> dict[str, set[int]]:
    """The unmerged paths below ``directory``, relative to it, and the stages of each."""
    import subprocess

    environ = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    environ["GIT_OPTIONAL_LOCKS"] = "0"  # only read the index, never rewrite it
    command = ["git", "-c", "core.fsmonitor=false", "ls-files", "--unmerged", "-z", "--", "."]
    try:
        done = subprocess.run(
            command,
            cwd=directory,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or no answer in time
        return {}
    if done.returncode != 0:  # not a repository, or one git refuses to read
        return {}
    paths: dict[str, set[int]] = {}
    for entry in done.stdout.split(b"\0"):
        info, tab, name = entry.partition(b"\t")
        fields = info.split(b" ")
        if not tab or len(fields) != 3 or not fields[2].isdigit():
            continue
        paths.setdefault(os.fsdecode(name), set()).add(int(fields[2]))
    return dict(sorted(paths.items()))
