"""Commands about the plan's actions: the list, and one action with its updates."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ipplan.action_status import Status
from ipplan.cli import completion
from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_data_dir
from ipplan.cli.options import AsOfOption, DataOption, JsonOption, LangOption, PlanOption
from ipplan.cli.output import lock_waits, mark_saved, print_json, reporting
from ipplan.cli.usage import status_value
from ipplan.errors import AsOfWithChange, SetAndClear
from ipplan.text.i18n import text


@app.command()
def tasks(
    ctx: typer.Context,
    area: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--area", autocompletion=completion.areas),
    ] = None,
    status: Annotated[
        Optional[Status],  # noqa: UP045
        typer.Option(
            "--status", metavar="STATUS", parser=status_value, autocompletion=completion.statuses
        ),
    ] = None,
    indicator: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--indicator", autocompletion=completion.indicators),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.views.actions import tasks_view

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        check_as_of([plan], as_of)
        view = tasks_view(plan, area, status, indicator, as_of, clock.judgement_day(as_of))
    if as_json:
        # The year it stands at, named first as in every other JSON output (None: today).
        print_json({"as_of": as_of, **view})
        return
    from ipplan.render import tasks as tasks_screen

    tasks_screen.render_tasks(view, language)


@app.command()
def task(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(metavar="ID", autocompletion=completion.actions)],
    status: Annotated[
        Optional[Status],  # noqa: UP045
        typer.Option(
            "--status", metavar="STATUS", parser=status_value, autocompletion=completion.statuses
        ),
    ] = None,
    lead: Annotated[Optional[str], typer.Option("--lead")] = None,  # noqa: UP045
    due: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--due", metavar="YYYY-MM-DD"),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,  # noqa: UP045
    no_lead: Annotated[bool, typer.Option("--no-lead")] = False,
    no_due: Annotated[bool, typer.Option("--no-due")] = False,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import actions, clock, load
    from ipplan.plan import check_as_of
    from ipplan.views.actions import action_view
    from ipplan.workplans.views import action_work

    language = choose_lang(ctx, lang)
    changing = any(v is not None for v in (status, lead, due, note)) or no_lead or no_due
    clear = tuple(name for name, flag in (("lead", no_lead), ("due", no_due)) if flag)
    with reporting(ctx, language):
        quiet = as_json or changing  # a write to the bundled plan is refused with its reason
        data_dir = resolve_data_dir(ctx, data, notice=None if quiet else language)
        plan = load.load_to_write(data_dir) if changing else load.load(data_dir)
        check_as_of([plan], as_of)
        found = plan.action(action)
        if changing and as_of is not None:
            raise AsOfWithChange()
        for name, value in (("lead", lead), ("due", due)):
            if name in clear and value is not None:
                raise SetAndClear(field=name)
        if changing:
            state, changed = actions.update_action(
                *(data_dir, plan, found.id),
                status=status,
                lead=lead,
                due=due,
                note=note,
                clear=clear,
                waiting=lock_waits(language),
            )
        else:
            state, changed = plan.state(found, as_of), False
        work = action_work(plan, state, clock.judgement_day(as_of), as_of)
    view = action_view(state, work)
    if changed:
        mark_saved(text("task.updated", language, id=found.id))
    if as_json:
        # The year it stands at, named first as in every other JSON output (None: today).
        print_json({"as_of": as_of, **view})
        return
    from ipplan.render import tasks as tasks_screen
    from ipplan.render import terminal

    if changing:
        key = "task.updated" if changed else "task.unchanged"
        terminal.print_lines([text(key, language, id=found.id)])
    if as_of is not None:
        terminal.print_lines([text("tasks.as_of", language, year=as_of)])
    area = state.area.title_en if language == "en" else state.area.title
    by_key = {ind.key: ind for ind in plan.indicators}
    names = [
        by_key[key].name_en if language == "en" else by_key[key].name
        for key in found.indicators
        if key in by_key
    ]
    tasks_screen.render_task(
        {**view, "indicator_names": names}, f"{state.area.number}. {area}", language
    )
