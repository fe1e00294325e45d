"""Commands about indicators: where they stand, one in full, and recording their actuals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ipplan.cli import completion
from ipplan.cli.common import (
    AsOfOption,
    DataOption,
    EncodingOption,
    JsonOption,
    LangOption,
    PlanOption,
    app,
    choose_lang,
    mark_saved,
    print_json,
    reporting,
    resolve_data_dir,
    year_value,
)
from ipplan.text.i18n import text, unit_label


def members_view(directory: Path, key: str, as_of: int | None) -> Any:
    """The roll-up of the member plans into indicator ``key`` of the plan in ``directory``."""
    import os

    from ipplan.errors import MembersNeedWorkspace, NoMembers
    from ipplan.workspaces.overview import rollups_around

    found = rollups_around(directory, Path.cwd(), os.environ, as_of)
    if found is None:
        raise MembersNeedWorkspace(start=str(Path.cwd()))
    name, views = found
    if key not in views:
        raise NoMembers(plan=name, key=key)
    return views[key]


@app.command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Where every indicator stands: latest actual, progress against time, and status.

    Example: ipplan status --as-of 2023
    """
    from ipplan import load, views
    from ipplan.plan import check_as_of

    language = choose_lang(ctx, lang)
    with reporting(language):
        plan = load.load(resolve_data_dir(ctx, data, notice=None if as_json else language))
        check_as_of([plan], as_of)
        view = views.status_view(plan, as_of)
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
    value: Annotated[str, typer.Argument(metavar="VALUE")],
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source"),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,  # noqa: UP045
    force: Annotated[bool, typer.Option("--force")] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Record a year's actual value of an indicator, then show its new status.

    Example: ipplan record 2023 practitioners 31000 --source "2023年度统计"
    """
    from ipplan import load, views, write
    from ipplan.text import shown_numbers

    language = choose_lang(ctx, lang)
    with reporting(language):
        data_dir = resolve_data_dir(ctx, data)
        plan = load.load(data_dir)
        done = write.record(
            data_dir, plan, year, indicator, value, source=source, note=note, force=force
        )
    row = views.indicator_view(plan, done.indicator, done.assessment)
    name = done.indicator.name_en if language == "en" else done.indicator.name
    message = text(
        "unchanged" if done.unchanged else "recorded",
        language,
        name=name,
        year=year,
        value=shown_numbers.number(done.actual.value),
        unit=unit_label(done.indicator.unit, language),
    )
    if done.replaced is not None and done.replaced.value == done.actual.value:
        message += text("replaced.metadata", language)
    elif done.replaced is not None:
        message += text("replaced", language, old=shown_numbers.number(done.replaced.value))
    if not done.unchanged:
        mark_saved(message)
    if as_json:
        print_json(
            {
                "unchanged": done.unchanged,
                "recorded": {
                    "key": done.indicator.key,
                    "year": done.actual.year,
                    "value": done.actual.value,
                    "source": done.actual.source,
                    "note": done.actual.note,
                },
                "replaced": None if done.replaced is None else done.replaced.value,
                "indicator": row,
            }
        )
        return
    from ipplan.render import show as show_screen
    from ipplan.render import terminal

    terminal.print_lines([message])
    terminal.out().print(show_screen.status_line(row, language))


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
    """One indicator in full: definition, actuals, linear path, assessment, and its actions.

    Example: ipplan show practitioners --plan national --members
    """
    from ipplan import load, views
    from ipplan.plan import check_as_of

    language = choose_lang(ctx, lang)
    with reporting(language):
        data_dir = resolve_data_dir(ctx, data, notice=None if as_json else language)
        plan = load.load(data_dir)
        check_as_of([plan], as_of)
        found = plan.indicator(indicator)
        view = views.show_view(plan, found, as_of)
        if members:
            view["members"] = members_view(data_dir.path, found.key, as_of)
    if as_json:
        print_json(view)
        return
    from ipplan.render import show as show_screen
    from ipplan.render import workspace

    show_screen.render_show(view, language)
    if members:
        workspace.render_members(view["members"], language)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv")],
    force: Annotated[bool, typer.Option("--force")] = False,
    encoding: EncodingOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Record many actuals at once from a CSV file: all rows, or none.

    Columns: key (or number or Chinese name), year, value, and optionally source and note; others
    (name, unit, status, as `ipplan report -f csv` writes) are ignored, as are rows without a
    value. Every problem is listed with its CSV line, and nothing is written unless all rows
    are valid.

    Example: ipplan import actuals-2024.csv
    """
    from ipplan import import_figures, load

    language = choose_lang(ctx, lang)
    with reporting(language):
        data_dir = resolve_data_dir(ctx, data)
        plan = load.load(data_dir)
        done = import_figures.import_csv(data_dir, plan, file, force=force, encoding=encoding)
    counts = {
        "recorded": done.recorded,
        "replaced": done.replaced,
        "unchanged": done.unchanged,
        "skipped": done.skipped,
    }
    summary = text("import.done", language, path=str(file), **counts)
    if done.recorded or done.replaced:
        mark_saved(summary)
    if as_json:
        print_json(
            {
                **counts,
                "values": [
                    {
                        "key": c.indicator.key,
                        "year": c.actual.year,
                        "value": c.actual.value,
                        "unchanged": c.unchanged,
                        "replaced": None if c.replaced is None else c.replaced.value,
                    }
                    for c in done.changes
                ],
            }
        )
        return
    from ipplan.render import terminal

    terminal.print_lines([summary])
