"""The ``ipplan`` command line, one module per noun; each module registers its commands on ``app``.

The core is imported inside each command, so that ``ipplan --help`` and shell completion load
only what they need: start-up is what people wait for most often.
"""

from __future__ import annotations

from ipplan.cli.common import app, run

# Imported for their commands, in the order `ipplan --help` lists them.
# isort: off
from ipplan.cli import indicators  # noqa: F401
from ipplan.cli import actions  # noqa: F401
from ipplan.cli import workplans  # noqa: F401
from ipplan.cli import checks  # noqa: F401
from ipplan.cli import reports  # noqa: F401
from ipplan.cli import changes  # noqa: F401
from ipplan.cli import plans  # noqa: F401
from ipplan.cli import workspace  # noqa: F401
from ipplan.cli import site  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    run(app)
