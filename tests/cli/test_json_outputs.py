"""The JSON of every command that prints JSON, on the shipped plan on pinned days, byte for byte.

``json_outputs.json`` holds what each command printed when the views were first given typed
rows; a change to a view's shape or values shows here as a difference. Times stamped by a write
(the time now) are replaced by ``<now>``, the test's own directory by ``<tmp>``. To rewrite the
file after a deliberate change: ``python -m tests.cli.test_json_outputs``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner, Result

from tests.conftest import SHIPPED, Run, write
from tests.workspaces.test_workspaces import build_workspace

EXPECTED = Path(__file__).with_name("json_outputs.json")
DAY = "2025-03-15"  # 2024 has ended, so its figures can be recorded
LATE = "2027-03-01"  # after the target year: the final evaluation
TIME = re.compile(r'"(\d{4}-\d\d-\d\dT[^"]*)"')


@contextmanager
def today(day: str) -> Iterator[None]:
    before = os.environ.get("IPPLAN_TODAY")
    os.environ["IPPLAN_TODAY"] = day
    try:
        yield
    finally:
        if before is None:
            del os.environ["IPPLAN_TODAY"]
        else:
            os.environ["IPPLAN_TODAY"] = before


def outputs(tmp: Path, run: Run) -> dict[str, str]:
    """What each JSON-printing command prints (stdout as text), by a name for the run."""
    found: dict[str, str] = {}
    started = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)

    def now(match: re.Match[str]) -> str:
        """A time stamped by a write made here is ``<now>``; the plan's own times stay."""
        try:
            stamped = dt.datetime.fromisoformat(match[1])
        except ValueError:
            return match[0]
        return '"<now>"' if stamped.tzinfo is not None and stamped >= started else match[0]

    def keep(name: str, *args: str, code: int = 0) -> None:
        result = run(*args)
        assert result.exit_code == code, (name, result.stdout, result.stderr)
        found[name] = TIME.sub(now, result.stdout.replace(str(tmp), "<tmp>"))

    plan = tmp / "shipped"
    shutil.copytree(SHIPPED, plan)
    data = ("--data", str(plan))
    with today(DAY):
        keep("status", "status", "--json", *data)
        keep("status as of 2023", "status", "--json", "--as-of", "2023", *data)
        for key in ("practitioners", "agency_rate", "revenue", "litigators", "complaint_rate"):
            keep(f"show {key}", "show", key, "--json", *data)
        keep("show as of 2023", "show", "revenue", "--json", "--as-of", "2023", *data)
        keep("tasks", "tasks", "--json", *data)
        keep("tasks as of 2022", "tasks", "--json", "--as-of", "2022", *data)
        keep("task", "task", "talent-attraction", "--json", *data)
        keep("history", "history", "--json", *data)
        keep("validate", "validate", "--json", *data)
        keep("workplan", "workplan", "--json", *data)
        keep("item", "item", "y2022-1", "--json", *data)
        keep("due", "due", "--json", *data)
        keep("roadmap", "roadmap", "--json", *data)
        keep("report", "report", "--format", "json", *data)
        keep("record", "record", "2024", "practitioners", "33000", "--json", "--force", *data)
        keep(
            "task changed", "task", "talent-attraction", "--status", "in_progress", "--json", *data
        )
        values = write(tmp, "values.csv", "key,year,value\nrevenue,2024,600\nlitigators,2024,\n")
        keep("import", "import", str(values), "--json", *data)
        keep("history after", "history", "--json", *data)
        keep("undo dry run", "undo", "--dry-run", "--json", *data)
        keep("undo", "undo", "--json", *data)
        write(plan / "actuals", "practitioners/2099.yaml", "year: x\n")
        keep("validate broken", "validate", "--json", *data, code=1)
    with today(LATE):
        shutil.rmtree(plan)
        shutil.copytree(SHIPPED, plan)
        keep("status late", "status", "--json", *data)
        keep("show late", "show", "practitioners", "--json", *data)
    with today(DAY):
        root = build_workspace(tmp / "ws", run)
        national = ("--data", str(root / "national"))
        cwd = Path.cwd()
        os.chdir(root)
        try:
            keep("overview", "overview", "--json")
            keep("members", "show", "practitioners", "--members", "--json", *national)
            keep("report with rollups", "report", "--format", "json", *national)
        finally:
            os.chdir(cwd)
    return found


def test_every_json_output_is_as_before(tmp_path: Path, cli: Run) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    found = outputs(tmp_path, cli)
    assert sorted(found) == sorted(expected)
    for name, printed in found.items():
        assert printed == expected[name], name


def _runner() -> Callable[..., Result]:
    from ipplan.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for var in ("IPPLAN_DATA", "IPPLAN_LANG", "IPPLAN_PLAN"):
            os.environ.pop(var, None)
        os.environ["COLUMNS"] = "160"
        os.environ["IPPLAN_CEILING_DIRECTORIES"] = tmp
        os.environ["IPPLAN_CACHE_DIR"] = str(Path(tmp) / "cache")
        written = outputs(Path(tmp), _runner())
    EXPECTED.write_text(
        json.dumps(written, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"{len(written)} outputs written to {EXPECTED}\n")
