"""The ``ipplan`` command line, one module per noun; each module registers its commands on ``app``.

A run imports only the module of the command it runs (:mod:`ipplan.cli.registry`), and each
command imports the core it needs inside itself: start-up is what people wait for most often.
A command's help, and each of its parameters', is the catalogue's (:mod:`ipplan.text.helptexts`),
never a docstring: one text, in both languages, that docs/commands.md is generated from.
"""

from __future__ import annotations

import gc

# A command is a short process that builds one large structure (the plan) and lets it go at
# exit; the collector's default, a pass every 700 new objects, spent a third of the time of
# checking 1,000 indicators re-scanning that structure. Every 100,000 keeps it for cycles a
# long run might leave, at no measurable cost in memory.
gc.set_threshold(100_000, 50, 100)

from ipplan.cli.app import app  # noqa: E402
from ipplan.cli.output import run  # noqa: E402

# Each command's module is imported when that command runs (see ipplan.cli.registry).

__all__ = ["app", "main"]


def main() -> None:
    run(app)
