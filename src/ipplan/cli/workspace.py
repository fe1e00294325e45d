"""Commands about a workspace of several plans: one line per plan."""

from __future__ import annotations

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_workspace
from ipplan.cli.options import AsOfOption, DataOption, JsonOption, LangOption, PlanOption
from ipplan.cli.output import print_json, reporting


@app.command()
def overview(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock
    from ipplan.plan import check_as_of
    from ipplan.workspaces import overview as core

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        workspace = resolve_workspace(ctx, data, notice=None if as_json else language)
        plans = core.load_plans(workspace)
        check_as_of(plans.values(), as_of)
        view = core.overview_view(workspace, plans, as_of, clock.judgement_day(as_of))
    if as_json:
        print_json(view)
        return
    from ipplan.render import workspace as workspace_screen

    workspace_screen.render_overview(view, language)
