"""Commands about recorded changes: the history, and undoing the latest."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ipplan.cli import completion
from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_data_dir
from ipplan.cli.options import DataOption, JsonOption, LangOption, PlanOption
from ipplan.cli.output import lock_waits, mark_saved, print_json, reporting
from ipplan.text.i18n import text


@app.command()
def history(
    ctx: typer.Context,
    ref: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[INDICATOR|ACTION]", autocompletion=completion.references, show_default=False
        ),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", "-n", min=1),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import load
    from ipplan.views.history import history_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        view = history_view(plan, ref, limit)
    if as_json:
        print_json(view)
        return
    from ipplan.render import history as history_screen

    history_screen.render_history(view, language)


@app.command()
def undo(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import history, load
    from ipplan.views.history import undo_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        data_dir = resolve_data_dir(ctx, data)
        rolled = None if dry_run else history.roll_back_unfinished(data_dir, lock_waits(language))
        if rolled is not None and rolled[0] != "undo":
            said = text("undo.rolled_back", language, count=rolled[1])
            mark_saved(said)
            if as_json:
                print_json({"written": True, "rolled_back": rolled[1]})
            else:
                from ipplan.render import terminal

                terminal.print_lines([said])
            return
        plan = load.load(data_dir)
        done = history.undo(data_dir, plan, dry_run=dry_run, waiting=lock_waits(language))
    view = undo_view(done)
    if view["written"]:
        from ipplan.render import history as history_screen
        from ipplan.render import terminal

        mark_saved(" ".join(history_screen.undo_lines(view, language)))
    if as_json:
        print_json(view)
        return
    from ipplan.render import history as history_screen
    from ipplan.render import terminal

    terminal.print_lines(history_screen.undo_lines(view, language))
