"""What a command runs on: its language, the plan's data directory or workspace, the year asked.

Each is read from the command's options, the group's (given before the command's name), the
environment and the working directory, in that order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ipplan.cli import output
from ipplan.cli.options import Lang
from ipplan.text.i18n import resolve_lang, text

if TYPE_CHECKING:
    from ipplan.files.layout import DataDir
    from ipplan.workspace import Workspace


def choose_lang(ctx: typer.Context, lang: Lang | None) -> str:
    chosen = lang or (ctx.obj or {}).get("lang")
    language = resolve_lang(chosen.value if chosen else None)
    output.note_language(language)
    return language


def resolve_data_dir(
    ctx: typer.Context, data: Path | None, *, notice: str | None = None
) -> DataDir:
    """The data directory to use; with ``notice`` (a language), say so when it is the bundled plan.

    Human output names the bundled plan in one line on stderr, so that nobody takes its empty
    indicators for their own plan's.
    """
    from ipplan import locate

    data_dir = locate.locate(
        data or (ctx.obj or {}).get("data"), os.environ, Path.cwd(), chosen_plan(ctx)
    )
    if data_dir.bundled and notice is not None:
        from ipplan.render import terminal

        terminal.print_lines([text("notice.bundled", notice)], stderr=True)
    return data_dir


def chosen_plan(ctx: typer.Context) -> str | None:
    """The plan named with --plan (after the command or before it); $IPPLAN_PLAN is the core's."""
    return ctx.params.get("plan_name") or (ctx.obj or {}).get("plan") or None


def resolve_workspace(
    ctx: typer.Context, data: Path | None, *, notice: str | None = None
) -> Workspace:
    """The workspace around the working directory, or with --plan the plans under that one.

    Outside a workspace, in a plan it does not list, or with --data: the one plan found, as a
    workspace of one.
    """
    from ipplan import locate
    from ipplan.files import discover
    from ipplan.workspace import load_workspace, single, subtree

    explicit = data or (ctx.obj or {}).get("data")
    if explicit is None:
        found = discover.search(Path.cwd(), os.environ)
        name = chosen_plan(ctx) or os.environ.get(locate.PLAN_VAR) or None
        if name is not None and found.workspace is not None:
            return subtree(load_workspace(found.workspace), name)
        governing = locate.governing(found)
        if name is None and governing is not None:
            return load_workspace(governing)
    return single(resolve_data_dir(ctx, data, notice=notice).path)


def workspace_to_check(ctx: typer.Context, data: Path | None) -> Path | None:
    """The workspace file to check whole: the one governing the working directory, no plan
    named (in a plan the workspace does not list, that plan is checked)."""
    from ipplan import locate
    from ipplan.files import discover

    if data or (ctx.obj or {}).get("data") or chosen_plan(ctx) or os.environ.get(locate.PLAN_VAR):
        return None
    return locate.governing(discover.search(Path.cwd(), os.environ))
