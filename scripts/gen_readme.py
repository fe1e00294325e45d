"""Run the tour of README.md and README.zh-CN.md and write under each command what it prints.

Each ```console block of a README is part of one session, run in a copy of the repository's
plan (``data/``, as in a fresh clone) with the commands of this environment on the PATH:
every ``$ `` line runs in bash, in order (``cd DIR`` moves the session), and the lines after it
become what it printed, standard output and error as a terminal shows them. The day, the width
and colour are pinned (IPPLAN_TODAY, COLUMNS, NO_COLOR), and the English README's session runs
with IPPLAN_LANG=en, so the output is the same on every run:

    .venv/bin/python scripts/gen_readme.py           # write both READMEs
    .venv/bin/python scripts/gen_readme.py --check   # exit 1 if either is not what it writes

tests/docs/test_docs.py runs the check, so the tour shows what ipplan prints today.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PINNED = {"IPPLAN_TODAY": "2026-12-07", "COLUMNS": "80", "NO_COLOR": "1"}
READMES: dict[str, dict[str, str]] = {
    "README.md": {"IPPLAN_LANG": "en"},
    "README.zh-CN.md": {},
}
FENCE, CONSOLE, PROMPT = "```", "```console", "$ "


def environment(tmp: Path, extra: dict[str, str]) -> dict[str, str]:
    """The caller's environment without anything that would change what ipplan prints."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("IPPLAN_", "LC_")) and name not in ("LANG", "TZ")
    }
    env.update(PINNED, **extra)
    env["LANG"] = "C.UTF-8"
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["IPPLAN_CACHE_DIR"] = str(tmp / "cache")  # never the user's cache
    env["IPPLAN_CEILING_DIRECTORIES"] = str(tmp)  # never a plan above the copy
    return env


def run(command: str, cwd: Path, env: dict[str, str]) -> list[str]:
    """What ``command`` prints, run in bash in ``cwd``, as its lines."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    text = done.stdout.decode("utf-8").rstrip()
    if "Traceback" in text:
        raise SystemExit(f"$ {command}\n{text}")
    return text.splitlines() if text else []


def render(text: str, extra: dict[str, str]) -> str:
    """``text`` (a README) with the output under each command of its tour run afresh."""
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ipplan-readme-") as name:
        tmp = Path(name)
        cwd = tmp / "ipplan"
        shutil.copytree(REPO / "data", cwd / "data", ignore=shutil.ignore_patterns(".ipplan.lock"))
        (cwd / ".git").mkdir()  # where a clone's search for a plan stops
        env = environment(tmp, extra)
        console = False
        for line in text.splitlines():
            if not console:
                lines.append(line)
                console = line == CONSOLE
            elif line == FENCE:
                lines.append(line)
                console = False
            elif line.startswith(PROMPT):
                lines.append(line)
                command = line.removeprefix(PROMPT)
                if command.startswith("cd "):
                    cwd = (cwd / command.removeprefix("cd ").strip()).resolve()
                else:
                    lines += run(command, cwd, env)
            # any other line in a console block is the output of a run before: left behind
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Each README and the text it should hold."""
    result = {}
    for name, extra in READMES.items():
        path = REPO / name
        result[path] = render(path.read_text(encoding="utf-8"), extra)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on drift")
    args = parser.parse_args()
    stale = []
    for path, text in outputs().items():
        if path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(REPO))
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(path) for path in stale)
        sys.exit(f"{names}: the tour's output is not what ipplan prints; run scripts/gen_readme.py")
    for path in stale:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
