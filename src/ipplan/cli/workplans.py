"""Commands about the yearly work plans: the year's table, the roadmap, one item, what is due."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli.common import (
    AsOfOption,
    DataOption,
    JsonOption,
    LangOption,
    app,
    choose_lang,
    print_json,
    reporting,
    resolve_data_dir,
)

if TYPE_CHECKING:
    from ipplan.workplans.states import ItemState
else:  # Typer reads the annotation at run time; the enum module loads no pydantic
    from ipplan.workplans.states import ItemState

UnitOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--unit", help="Only items this unit leads or supports (part of its name is enough)."
    ),
]


@app.command()
def workplan(
    ctx: typer.Context,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Argument(
            metavar="[YEAR]",
            help="The work plan's year (default: this year's).",
            show_default=False,
        ),
    ] = None,
    unit: UnitOption = None,
    state: Annotated[
        Optional[ItemState],  # noqa: UP045
        typer.Option("--state", help="Only items in this state."),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """A year's work plan in the table's shape: measure, goal, content, schedule, units, states.

    States are those of today (IPPLAN_TODAY=YYYY-MM-DD pins it), or of 31 December of the
    --as-of year.

    Example: ipplan workplan 2022 --unit 培训部 --state overdue
    """
    from ipplan import store
    from ipplan.workplans import views

    language = choose_lang(ctx, lang)
    with reporting(language):
        plan = store.load(resolve_data_dir(ctx, data))
        day = views.day_of(plan, as_of, os.environ)
        view = views.workplan_view(plan, day, year, unit, state, as_of)
    if as_json:
        print_json(view)
        return
    from ipplan.workplans import terminal

    terminal.render_workplan(view, language)
