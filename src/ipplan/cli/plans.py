"""Commands that create a plan's data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipplan.cli.common import (
    LangOption,
    app,
    choose_lang,
    reporting,
)
from ipplan.i18n import text


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to put the plan.")],
    lang: LangOption = None,
) -> None:
    """Copy the bundled plan into DIR to start a writable, git-friendly plan.

    Example: ipplan init data
    """
    from ipplan import store

    language = choose_lang(ctx, lang)
    with reporting(language):
        store.init(directory)
    from ipplan import terminal

    terminal.print_lines([text("init.done", language, path=str(directory))])
