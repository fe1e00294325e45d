"""Commands about the yearly work plans: the year's table, the roadmap, one item, what is due."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli import completion
from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_data_dir
from ipplan.cli.options import (
    AsOfOption,
    DataOption,
    EncodingOption,
    JsonOption,
    LangOption,
    PlanOption,
)
from ipplan.cli.output import lock_waits, mark_saved, print_json, reporting
from ipplan.cli.usage import state_value, year_value
from ipplan.text.i18n import text

if TYPE_CHECKING:
    from ipplan.workplans.states import ItemState
else:  # Typer reads the annotation at run time; the enum module loads no pydantic
    from ipplan.workplans.states import ItemState

UnitOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--unit"),
]


@app.command()
def workplan(
    ctx: typer.Context,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Argument(metavar="[YEAR]", show_default=False, parser=year_value),
    ] = None,
    unit: UnitOption = None,
    state: Annotated[
        Optional[ItemState],  # noqa: UP045
        typer.Option("--state", metavar="STATE", parser=state_value),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        check_as_of([plan], as_of)
        day = clock.judgement_day(as_of)
        view = views.workplan_view(plan, day, year, unit, state, as_of)
    if as_json:
        print_json(view)
        return
    from ipplan.render import workplans

    workplans.render_workplan(view, language)


@app.command()
def item(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", autocompletion=completion.work_items)],
    milestone: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="MILESTONE", show_default=False),
    ] = None,
    done: Annotated[bool, typer.Option("--done")] = False,
    amount: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--amount", metavar="N"),
    ] = None,
    content: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--content", metavar="N", min=1),
    ] = None,
    cancel: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--cancel", metavar="REASON"),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--date", metavar="YYYY-MM-DD"),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,  # noqa: UP045
    evidence: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--evidence"),
    ] = None,
    again: Annotated[bool, typer.Option("--again")] = False,
    accept_jump: Annotated[bool, typer.Option("--accept-jump")] = False,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.workplans import changes, views

    language = choose_lang(ctx, lang)
    if milestone is not None and not done:
        raise typer.BadParameter(text("wp.milestone_needs_done", language), param_hint="MILESTONE")
    request = changes.Request(
        done=done,
        milestone=milestone,
        amount=amount,
        content=content,
        cancel=cancel,
        date=date,
        note=note,
        evidence=evidence,
        again=again,
        accept_jump=accept_jump,
    )
    changing = not request.empty or date is not None or evidence is not None or content is not None
    if changing and as_of is not None:
        raise typer.BadParameter(text("wp.as_of_read_only", language), param_hint="--as-of")
    with reporting(ctx, language):
        data_dir = resolve_data_dir(ctx, data, notice=None if as_json or changing else language)
        plan = load.load_to_write(data_dir) if changing else load.load(data_dir)
        outcome = None
        if changing:
            outcome = changes.record(
                data_dir, plan, item_id, request, os.environ, waiting=lock_waits(language)
            )
            if outcome.event is not None:
                mark_saved(text("wp.recorded", language, id=item_id))
            plan = load.load(data_dir)
        check_as_of([plan], as_of)
        day = clock.judgement_day(as_of)
        view = views.one_item_view(plan, item_id, day)
    if as_json:
        print_json(view)
        return
    from ipplan.render import terminal, workplans

    if outcome is not None:
        key = "wp.recorded" if outcome.event is not None else "wp.unchanged"
        terminal.print_lines([text(key, language, id=view["id"])])
    workplans.render_item(view, language)


@app.command()
def due(
    ctx: typer.Context,
    within: Annotated[int, typer.Option("--within", metavar="DAYS", min=0, max=3660)] = 30,
    unit: UnitOption = None,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", metavar="YEAR", parser=year_value, show_default=False),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        day = clock.today()
        view = views.due_view(plan, day, within, unit, year)
    if as_json:
        print_json(view)
        return
    from ipplan.render import workplans

    workplans.render_due(view, language)


@app.command()
def roadmap(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        check_as_of([plan], as_of)
        day = clock.judgement_day(as_of)
        view = views.roadmap_view(plan, day, as_of)
    if as_json:
        print_json(view)
        return
    from ipplan.render import workplans

    title = plan.info.title_en if language == "en" and plan.info.title_en else plan.info.title
    workplans.render_roadmap(view, title, language)


@app.command("workplan-import")
def workplan_import(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE")],
    year: Annotated[int, typer.Option("--year", metavar="YEAR", parser=year_value)],
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title"),
    ] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer")] = None,  # noqa: UP045
    issued: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--issued", metavar="DATE", show_default=False),
    ] = None,
    sheet: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--sheet", metavar="NAME", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    encoding: EncodingOption = None,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import load
    from ipplan.errors import ImportFileNotFound
    from ipplan.views.problems import display_path
    from ipplan.workplans import changes

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        if not os.path.lexists(source):  # a pipe or a device is there: the reading names it
            raise ImportFileNotFound(path=str(source))
        data_dir = resolve_data_dir(ctx, data)
        plan = load.load_to_write(data_dir)
        done = changes.import_table(
            data_dir,
            plan,
            source,
            year,
            title=title,
            issuer=issuer,
            issued=issued,
            sheet=sheet,
            force=force,
            encoding=encoding,
            waiting=lock_waits(language),
        )
    from ipplan.render import terminal

    message = text(
        "wp.imported",
        language,
        path=display_path(done.path),
        count=done.items,
        source=source.name,
    )
    mark_saved(message)
    lines = [message]
    if done.progress:
        lines.append(text("wp.imported_progress", language, count=done.progress))
    terminal.print_lines(lines)
