"""The ``ipplan`` command line, one module per noun; each module registers its commands on ``app``.

A run imports only the module of the command it runs (:mod:`ipplan.cli.registry`), and each
command imports the core it needs inside itself: start-up is what people wait for most often.
"""

from __future__ import annotations

from ipplan.cli.common import app, run

# Each command's module is imported when that command runs (see ipplan.cli.registry).

__all__ = ["app", "main"]


def main() -> None:
    run(app)
