"""Commands about indicators: where they stand, one in full, and recording their actuals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli import completion
from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, chosen_plan, resolve_data_dir
from ipplan.cli.options import (
    AsOfOption,
    DataOption,
    EncodingOption,
    JsonOption,
    LangOption,
    PlanOption,
)
from ipplan.cli.output import lock_waits, mark_saved, print_json, reporting
from ipplan.cli.usage import year_value
from ipplan.text.i18n import text, unit_label

if TYPE_CHECKING:
    from ipplan.files.layout import DataDir
    from ipplan.plan import Plan
    from ipplan.workspace import Workspace


@app.command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import load
    from ipplan.plan import check_as_of
    from ipplan.views.indicators import status_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        check_as_of([plan], as_of)
        view = status_view(plan, as_of)
    if as_json:
        print_json(view)
        return
    from ipplan.render import status as status_screen

    title = (plan.info.title_en or plan.info.title) if language == "en" else plan.info.title
    status_screen.render_status(view, title, language)


@app.command(context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar="YEAR", parser=year_value)],
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", autocompletion=completion.indicators)
    ],
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE")] = None,  # noqa: UP045
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source"),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,  # noqa: UP045
    force: Annotated[bool, typer.Option("--force")] = False,
    accept_jump: Annotated[bool, typer.Option("--accept-jump")] = False,
    not_published: Annotated[bool, typer.Option("--not-published")] = False,
    basis_change: Annotated[Optional[str], typer.Option("--basis-change")] = None,  # noqa: UP045
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import actuals, load
    from ipplan.text import shown_numbers
    from ipplan.views.recording import record_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        data_dir = resolve_data_dir(ctx, data)
        plan = load.load_to_write(data_dir)
        if actuals.fills_baseline(plan, year, indicator):
            _set_baseline(
                *(data_dir, plan, year, indicator, value, source, note, not_published),
                language,
                as_json,
            )
            return
        done = actuals.record(
            *(data_dir, plan, year, indicator, value),
            source=source,
            note=note,
            force=force,
            accept_jump=accept_jump,
            waiting=lock_waits(language),
            not_published=not_published,
            basis_change=basis_change,
        )
    view = record_view(plan, done)
    name = done.indicator.name_en if language == "en" else done.indicator.name
    outcome = "unchanged" if done.unchanged else "recorded"
    message = text(
        f"{outcome}.not_published" if done.actual.not_published else outcome,
        language,
        name=name,
        year=year,
        value=shown_numbers.exact(done.actual.value),  # as recorded, every decimal
        unit=unit_label(done.indicator.unit, language),
        source=done.actual.source,
    )
    replaced = done.replaced
    if replaced is not None and (replaced.value, replaced.not_published) == (
        done.actual.value,
        done.actual.not_published,
    ):
        message += text("replaced.metadata", language)
    elif replaced is not None:
        old = (
            text("label.not_published", language)
            if replaced.not_published
            else shown_numbers.exact(replaced.value)
        )
        message += text("replaced", language, old=old)
    if not done.unchanged:
        mark_saved(message)
    if as_json:
        print_json(view)
        return
    from ipplan.render import show as show_screen
    from ipplan.render import terminal

    terminal.print_lines([message])
    terminal.out().print(show_screen.status_line(view["indicator"], language))


def _set_baseline(
    data_dir: DataDir,
    plan: Plan,
    year: int,
    indicator: str,
    value: str | None,
    source: str | None,
    note: str | None,
    not_published: bool,
    language: str,
    as_json: bool,
) -> None:
    """``record`` for the baseline year of a pending baseline: written into indicators.yaml,
    then said (``as_json``: what was written, for scripts)."""
    from ipplan import actuals
    from ipplan.render import terminal
    from ipplan.text import shown_numbers

    done = actuals.set_baseline(
        *(data_dir, plan, year, indicator, value),
        source=source,
        note=note,
        not_published=not_published,
        waiting=lock_waits(language),
    )
    message = text(
        "baseline_set" if done.source else "baseline_set.no_source",
        language,
        name=done.indicator.name_en if language == "en" else done.indicator.name,
        year=year,
        value=shown_numbers.exact(done.value),  # as written, every decimal
        unit=unit_label(done.indicator.unit, language),
        source=done.source,
    )
    mark_saved(message)
    if not as_json:
        terminal.print_lines([message])
        return
    written = {"key": done.indicator.key, "year": year, "value": done.value}
    print_json({"baseline_set": {**written, "source": done.source, "note": done.note}})


@app.command()
def show(
    ctx: typer.Context,
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", autocompletion=completion.indicators)
    ],
    as_of: AsOfOption = None,
    members: Annotated[bool, typer.Option("--members")] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import load
    from ipplan.plan import check_as_of
    from ipplan.views.indicators import show_view, with_members

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        data_dir = resolve_data_dir(ctx, data, notice=None if as_json else language)
        plan = load.load(data_dir)
        check_as_of([plan], as_of)
        found = plan.indicator(indicator)
        view = show_view(plan, found, as_of)
        rollup = None
        if members:
            import os

            from ipplan.workspaces.overview import members_of

            rollup = members_of(data_dir.path, found.key, Path.cwd(), os.environ, as_of)
    if as_json:
        print_json(view if rollup is None else with_members(view, rollup))
        return
    from ipplan.render import show as show_screen
    from ipplan.render import workspace

    show_screen.render_show(view, language)
    if rollup is not None:
        workspace.render_members(rollup, language)


def _import_workspace(ctx: typer.Context, data: Path | None) -> tuple[Workspace | None, str | None]:
    """The workspace of several plans that governs the working directory (None with --data, or
    outside one), and the name of the plan chosen in it (None at its root with no --plan)."""
    import os

    from ipplan import locate
    from ipplan.errors import ChoosePlan
    from ipplan.files import discover
    from ipplan.workspace import load_workspace

    if data or (ctx.obj or {}).get("data"):
        return None, None
    governing = locate.governing(discover.search(Path.cwd(), os.environ))
    if governing is None:
        return None, None
    workspace = load_workspace(governing)
    if len(workspace.plans) < 2:
        return None, None
    try:
        chosen = resolve_data_dir(ctx, data)
    except ChoosePlan:
        return workspace, None
    member = workspace.listing(chosen.path)
    return (workspace, member.name) if member is not None else (None, None)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE")],
    force: Annotated[bool, typer.Option("--force")] = False,
    accept_jump: Annotated[bool, typer.Option("--accept-jump")] = False,
    encoding: EncodingOption = None,
    sheet: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--sheet", metavar="NAME", show_default=False),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import import_figures, load
    from ipplan.views.recording import import_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        workspace, default = _import_workspace(ctx, data)
        if workspace is not None:
            done = import_figures.import_routed(
                workspace,
                default,
                file,
                force=force,
                accept_jump=accept_jump,
                encoding=encoding,
                sheet=sheet,
                waiting=lock_waits(language),
            )
        else:
            data_dir = resolve_data_dir(ctx, data)
            plan = load.load_to_write(data_dir)
            done = import_figures.import_csv(
                data_dir,
                plan,
                file,
                force=force,
                accept_jump=accept_jump,
                encoding=encoding,
                sheet=sheet,
                plan_name=chosen_plan(ctx),
                waiting=lock_waits(language),
            )
    view = import_view(done)
    counts = {name: view[name] for name in ("recorded", "replaced", "unchanged", "skipped")}
    summary = text("import.done", language, path=str(file), **counts)
    if done.recorded or done.replaced:
        mark_saved(summary)
    if as_json:
        print_json(view)
        return
    from ipplan.render import terminal

    terminal.print_lines([summary])
