"""Commands about the yearly work plans: the year's table, the roadmap, one item, what is due."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli.common import (
    AsOfOption,
    DataOption,
    EncodingOption,
    JsonOption,
    LangOption,
    app,
    choose_lang,
    mark_saved,
    print_json,
    reporting,
    resolve_data_dir,
    state_value,
    year_value,
)
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
    lang: LangOption = None,
) -> None:
    """A year's work plan in the table's shape: measure, goal, content, schedule, units, states.

    States are those of today (IPPLAN_TODAY=YYYY-MM-DD pins it); with --as-of, of the earlier of
    today and 31 December of that year.

    Example: ipplan workplan 2022 --unit 培训部 --state overdue
    """
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(language):
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
    item_id: Annotated[str, typer.Argument(metavar="ID")],
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
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """One work item in full; with options, record its progress (a file of its own, undoable).

    Example: ipplan item y2024-1 --done 1 --date 2024-06-20 --evidence "协会通知〔2024〕12号"
    """
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
    )
    changing = not request.empty or date is not None or evidence is not None or content is not None
    if changing and as_of is not None:
        raise typer.BadParameter(text("wp.as_of_read_only", language), param_hint="--as-of")
    with reporting(language):
        data_dir = resolve_data_dir(ctx, data, notice=None if as_json or changing else language)
        plan = load.load(data_dir)
        outcome = None
        if changing:
            outcome = changes.record(data_dir, plan, item_id, request, os.environ)
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
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """What is overdue and what falls due soon, grouped by responsible unit.

    The list the secretariat sends each department: every milestone not done whose period has
    ended, or ends within --within days (30 unless given), under the item's lead unit.

    Example: ipplan due --within 14 --unit 培训部
    """
    from ipplan import clock, load
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        day = clock.today()
        view = views.due_view(plan, day, within, unit)
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
    lang: LangOption = None,
) -> None:
    """The roadmap (路线图): each action against the plan's years, with its work items' states.

    Each cell lists the items of that year's work plan that carry the action forward; the last
    column is the action's work-plan progress: the share of its items done, cancelled ones left
    out.

    Example: ipplan roadmap --as-of 2023
    """
    from ipplan import clock, load
    from ipplan.plan import check_as_of
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(language):
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
    force: Annotated[bool, typer.Option("--force")] = False,
    encoding: EncodingOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Bring a work plan table in the provincial table's shape into workplans/YEAR.yaml.

    Columns: 工作措施, 工作目标, 具体内容, 进度安排, 负责部门, and 对应行动 (the plan's action
    ids) and optionally 编号 and 所属部分. All or nothing: every problem is named with its row,
    and nothing is written unless every row is right.

    Example: ipplan workplan-import 2024年工作计划.xlsx --year 2024 --issuer 中华全国专利代理师协会
    """
    from ipplan import load, views
    from ipplan.errors import ImportFileNotFound
    from ipplan.workplans import changes

    language = choose_lang(ctx, lang)
    with reporting(language):
        if not os.path.lexists(source):  # a pipe or a device is there: the reading names it
            raise ImportFileNotFound(path=str(source))
        data_dir = resolve_data_dir(ctx, data)
        plan = load.load(data_dir)
        done = changes.import_table(
            data_dir,
            plan,
            source,
            year,
            title=title,
            issuer=issuer,
            force=force,
            encoding=encoding,
        )
    from ipplan.render import terminal

    message = text(
        "wp.imported",
        language,
        path=views.display_path(done.path),
        count=done.items,
        source=source.name,
    )
    mark_saved(message)
    terminal.print_lines([message])
