"""Which module of :mod:`ipplan.cli` holds each command, so that a run loads only its own.

A command runs after its module is imported and its Click command built from its signature
(:func:`ipplan.cli.app.build_commands`);
doing that for all twenty on every run cost more than most commands' own work. The group
(:class:`ipplan.cli.app.IpplanGroup`) asks here for the one command it is to run, and for
all of them only to list them (``ipplan --help``, completion, a mistyped command's suggestions).
"""

from __future__ import annotations

import importlib
from typing import TypeVar

Command = TypeVar("Command")

# In the order `ipplan --help` lists them.
MODULES: dict[str, str] = {
    "status": "indicators",
    "record": "indicators",
    "show": "indicators",
    "import": "indicators",
    "tasks": "actions",
    "task": "actions",
    "workplan": "workplans",
    "item": "workplans",
    "due": "workplans",
    "roadmap": "workplans",
    "workplan-import": "workplans",
    "validate": "checks",
    "schema": "checks",
    "report": "reports",
    "history": "changes",
    "undo": "changes",
    "init": "plans",
    "new": "plans",
    "overview": "workspace",
    "site": "site",
}


def load(names: list[str]) -> None:
    """Import the modules of the commands ``names``, which register them on the app."""
    for module in dict.fromkeys(MODULES[name] for name in names if name in MODULES):
        importlib.import_module(f"ipplan.cli.{module}")


def ordered(known: dict[str, Command]) -> dict[str, Command]:
    """``known`` in the order of :data:`MODULES`, any other command after them."""
    first = {name: known[name] for name in MODULES if name in known}
    return {**first, **{name: command for name, command in known.items() if name not in first}}
