"""Commands that create a plan's data directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang
from ipplan.cli.options import LangOption
from ipplan.cli.output import mark_saved, reporting
from ipplan.errors import (
    ActionsNeedSource,
    DataDirNotFound,
    MemberOfAndParent,
    MemberOfOtherSource,
    NotAPlanDirectory,
    SourcePlanNotFound,
    YearsNeeded,
)
from ipplan.text.i18n import text

if TYPE_CHECKING:
    from ipplan import new_plan as new_plan_types


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
    years: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--years", metavar="FIRST-LAST"),
    ] = None,
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
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--from", metavar="OLD"),
    ] = None,
    with_actions: Annotated[bool, typer.Option("--with-actions")] = False,
    member_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--member-of", metavar="NAME"),
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
    joining = member_of if member_of is not None else parent
    if name is not None and joining is None:
        raise typer.BadParameter(text("new.name_needs_parent", language), param_hint="--name")
    joined = carried = None
    with reporting(ctx, language):
        if member_of is not None and parent is not None:
            raise MemberOfAndParent()
        if with_actions and source is None and member_of is None:
            raise ActionsNeedSource()
        if years is None and member_of is None:
            raise YearsNeeded()
        origin = None
        if source is not None or member_of is not None:
            origin = _source(source, member_of, with_actions)
            if years is None:
                info = origin.plan.info
                years = f"{info.baseline_year + 1}-{info.target_year}"
        assert years is not None
        first, last = new_plan.parse_years(years)
        if joining is None:
            carried = new_plan.create(
                directory, title, years, title_en, issuer, issuer_en, source=origin
            )
        else:
            joined, carried = new_plan.create_member(
                directory,
                joining,
                name,
                Path.cwd(),
                os.environ,
                source=origin,
                title=title,
                years=years,
                title_en=title_en,
                issuer=issuer,
                issuer_en=issuer_en,
            )
    lines = []
    if carried is None or origin is None:
        lines.append(
            text("new.done", language, path=str(directory), first=first, last=last, base=first - 1)
        )
    else:
        lines.append(
            text(
                "new.from_done" if member_of is None else "new.member_done",
                language,
                old=origin.name,
                count=carried.indicators,
                known=carried.known,
                pending=carried.pending,
                rolls=carried.rolls_up,
                first=first,
                last=last,
                base=first - 1,
                path=str(directory),
            )
        )
        if with_actions:
            lines.append(text("new.with_actions", language, count=carried.actions))
    if joined is not None:
        lines.append(text("new.joined", language, name=joined, parent=joining))
    mark_saved(" ".join(lines))
    from ipplan.render import terminal

    terminal.print_lines(lines)


def _source(source: str | None, member_of: str | None, with_actions: bool) -> new_plan_types.Source:
    """The plan ``new --from`` carries from, loaded and validated as any command reads one:
    OLD as a plan directory, else as a plan of the workspace around; with ``--member-of``, the
    parent plan (which --from, if given, must be)."""
    import os

    from ipplan import load, locate
    from ipplan.new_plan import Source

    cwd, environ = Path.cwd(), os.environ
    chosen = None
    if source is not None:
        try:
            chosen = locate.plan_named(source, environ, cwd)
        except (DataDirNotFound, NotAPlanDirectory):
            raise SourcePlanNotFound(path=source) from None
    if member_of is not None:
        parent = locate.locate(None, environ, cwd, plan=member_of)
        if chosen is not None and chosen.path.resolve() != parent.path.resolve():
            raise MemberOfOtherSource(parent=member_of)
        chosen = parent
    assert chosen is not None
    shown = source if source is not None else str(member_of)
    return Source(load.load(chosen), shown, with_actions, member_of, chosen.path)
