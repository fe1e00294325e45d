"""Commands that create a plan's data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang
from ipplan.cli.options import LangOption
from ipplan.cli.output import mark_saved, reporting
from ipplan.text.i18n import text


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)] = Path("data"),
    lang: LangOption = None,
) -> None:
    from ipplan import init_plan

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        init_plan.init(directory)
    # found from here on by itself (a data/ beside, or the plan itself), else named with --data
    found = directory.resolve() in (Path.cwd() / "data", Path.cwd())
    message = text("init.done" if found else "init.done.elsewhere", language, path=str(directory))
    mark_saved(message)
    from ipplan.render import terminal

    terminal.print_lines([message])


@app.command()
def new(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR")],
    title: Annotated[str, typer.Option("--title")],
    years: Annotated[str, typer.Option("--years", metavar="FIRST-LAST")],
    title_en: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title-en"),
    ] = None,
    issuer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--issuer"),
    ] = None,
    issuer_en: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--issuer-en"),
    ] = None,
    parent: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--parent", metavar="NAME"),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--name", metavar="NAME"),
    ] = None,
    lang: LangOption = None,
) -> None:
    import os

    from ipplan import new_plan

    language = choose_lang(ctx, lang)
    if name is not None and parent is None:
        raise typer.BadParameter(text("new.name_needs_parent", language), param_hint="--name")
    joined = None
    with reporting(ctx, language):
        first, last = new_plan.parse_years(years)
        if parent is None:
            new_plan.create(directory, title, years, title_en, issuer, issuer_en)
        else:
            joined = new_plan.create_member(
                directory,
                parent,
                name,
                Path.cwd(),
                os.environ,
                title=title,
                years=years,
                title_en=title_en,
                issuer=issuer,
                issuer_en=issuer_en,
            )
    message = text(
        "new.done", language, path=str(directory), first=first, last=last, base=first - 1
    )
    lines = [message]
    if joined is not None:
        lines.append(text("new.joined", language, name=joined, parent=parent))
    mark_saved(" ".join(lines))
    from ipplan.render import terminal

    terminal.print_lines(lines)
