"""The site command: a static site of a plan or a whole workspace, to publish."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_workspace
from ipplan.cli.options import AsOfOption, DataOption, LangOption, PlanOption
from ipplan.cli.output import mark_saved, reporting
from ipplan.text.i18n import text


@app.command()
def site(
    ctx: typer.Context,
    output: Annotated[Path, typer.Argument(metavar="OUT")],
    as_of: AsOfOption = None,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, locate
    from ipplan.plan import check_as_of
    from ipplan.site.pages import build_site
    from ipplan.site.publish import keep_apart, write_site
    from ipplan.views.problems import display_path
    from ipplan.workspaces import overview as core

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        workspace = resolve_workspace(ctx, data, notice=language)
        directories = [member.directory for member in workspace.plans]
        around = locate.neighbourhood(directories, Path.cwd(), os.environ)
        keep_apart(output, around)  # before any work
        plans = core.load_plans(workspace)
        check_as_of(plans.values(), as_of)
        files = build_site(workspace, plans, clock.judgement_day(as_of), language, as_of)
        replaced = write_site(output, files, around)
    from ipplan.render import terminal

    pages = sum(1 for name in files if name.endswith(".html"))
    message = text(
        "site.replaced" if replaced else "site.written",
        language,
        pages=pages,
        downloads=len(files) - pages,
        path=display_path(output / "index.html"),
    )
    mark_saved(message)
    terminal.print_lines([message])
