"""Shell completion: what each argument can be, offered as people type it.

Indicators complete by key and by Chinese name, actions by id, work-plan items by id (with
their measure), areas by id and title, and
statuses by id and by the name the output shows. Each candidate carries a short description
(the name beside a key, the key beside a name), which zsh and fish show.

Completion must never fail loudly: a shell calls it on every Tab, so a plan that cannot be
read offers nothing rather than an error.

``--show-completion [SHELL]`` and ``--install-completion [SHELL]`` take the shell's name
(bash, zsh, fish, powershell, pwsh); without one they detect the shell they run in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ipplan.action_status import Status
from ipplan.text.catalogue import CATALOGUE

if TYPE_CHECKING:
    from ipplan.plan import Plan

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
Candidates = list[tuple[str, str]]


def _data_option(ctx: Any) -> Path | None:
    while ctx is not None:
        value = ctx.params.get("data")
        if value:
            return Path(value)
        ctx = ctx.parent
    return None


def _plan(ctx: Any) -> Plan | None:
    try:
        from ipplan import load, locate

        return load.load(locate.locate(_data_option(ctx), os.environ, Path.cwd()))
    except Exception:  # a plan that cannot be read offers nothing to complete
        return None


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> Candidates:
    wanted = incomplete.casefold()
    return [(value, about) for value, about in pairs if value.casefold().startswith(wanted)]


def indicators(ctx: typer.Context, incomplete: str) -> Candidates:
    """Indicator keys and Chinese names."""
    plan = _plan(ctx)
    if plan is None:
        return []
    pairs = [(i.key, i.name) for i in plan.indicators] + [(i.name, i.key) for i in plan.indicators]
    return _matching(pairs, incomplete)


def actions(ctx: typer.Context, incomplete: str) -> Candidates:
    """Action ids, each with its title."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _matching([(a.id, a.title) for a in plan.actions], incomplete)


def work_items(ctx: typer.Context, incomplete: str) -> Candidates:
    """Work-plan item ids, each with its measure (工作措施)."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _matching([(item.id, item.measure) for _, item in plan.work.items()], incomplete)


def references(ctx: typer.Context, incomplete: str) -> Candidates:
    """Indicators and actions, for ``ipplan history``."""
    return indicators(ctx, incomplete) + actions(ctx, incomplete)


def areas(ctx: typer.Context, incomplete: str) -> Candidates:
    """Area ids and titles."""
    plan = _plan(ctx)
    if plan is None:
        return []
    pairs = [(a.id, a.title) for a in plan.areas] + [(a.title, a.id) for a in plan.areas]
    return _matching(pairs, incomplete)


def statuses(incomplete: str) -> Candidates:
    """Action statuses by id and by their Chinese names (the English ones hold spaces, which a
    shell would split)."""
    pairs: list[tuple[str, str]] = []
    for status in Status:
        zh = CATALOGUE[status.value][0]
        pairs += [(status.value, zh), (zh, status.value)]
    return _matching(pairs, incomplete)


OPTIONS = ("--show-completion", "--install-completion")


def shell_named(argv: list[str]) -> list[str]:
    """``argv`` with ``auto`` after a completion option given no shell, so that the option
    takes a shell's name and, without one, the shell it runs in."""
    words = list(argv)
    for i, word in enumerate(words):
        if word in OPTIONS and (i + 1 == len(words) or words[i + 1].startswith("-")):
            words.insert(i + 1, "auto")
            break
    return words


def shell_of(value: Any) -> str:
    if isinstance(value, str) and value and value != "auto":
        shell = value.lower()
        if shell not in SHELLS:
            from ipplan.cli.lang import input_lang
            from ipplan.text.i18n import joined, text

            lang = input_lang()
            shells = joined(SHELLS, lang)
            raise typer.BadParameter(text("unknown-shell", lang, shell=value, shells=shells))
        return shell
    try:
        import shellingham  # type: ignore[import-untyped]

        detected, _ = shellingham.detect_shell()
        return str(detected)
    except Exception:
        return "bash"
