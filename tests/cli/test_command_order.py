"""`ipplan --help` lists the commands in one order, whatever imported their modules first."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ipplan.cli import registry

RUN = """
import sys
from typer.testing import CliRunner
from ipplan.cli import app
CliRunner().invoke(app, [sys.argv[1], "--help"])  # one command run first, in the same process
print(CliRunner().invoke(app, ["--help", "--lang", "en"], env={"COLUMNS": "100"}).output)
"""


@pytest.mark.parametrize("first", ["report", "site", "history"])
def test_help_lists_commands_in_the_registry_order_whatever_was_imported_first(
    first: str,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN, first], capture_output=True, text=True, check=True
    )
    rows = (re.match(r"  ([a-z-]+)  ", line) for line in done.stdout.splitlines())
    listed = [row[1] for row in rows if row and row[1] in registry.MODULES]
    assert listed == list(registry.MODULES)
