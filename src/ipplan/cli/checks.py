"""Commands that check the data files and publish their schema."""

from __future__ import annotations

import os
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli.common import (
    DataOption,
    JsonOption,
    LangOption,
    PlanOption,
    app,
    choose_lang,
    mark_saved,
    print_json,
    problem_lines,
    reporting,
    resolve_data_dir,
    workspace_to_check,
)
from ipplan.errors import PlanNotFound
from ipplan.problems import total
from ipplan.text.i18n import SAFEGUARDS_AREA, actions_count, text

if TYPE_CHECKING:
    from ipplan.files import gitstate
    from ipplan.files.layout import DataDir
    from ipplan.problems import Problem


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    ctx: typer.Context,
    fmt: Annotated[ProblemFormat, typer.Option("--format", "-f")] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Check every data file; list each problem as path:line: code: message. For CI.

    Exit 0 when the data is valid, 1 when any problem is found. With --format github each problem
    is a GitHub Actions annotation, shown on the pull request's diff. With --strict, what is
    overdue today (IPPLAN_TODAY pins the day) is a problem too, for a CI job that reminds. In a
    workspace (ipplan.yaml) it checks every plan and the references between them, unless --plan
    or --data names one plan.

    Example: ipplan validate --data data --format github
    """
    from ipplan import load, views

    language = choose_lang(ctx, lang)
    if as_json:
        fmt = ProblemFormat.json
    with reporting(language):
        whole = workspace_to_check(ctx, data)
        if whole is None:
            data_dir = resolve_data_dir(ctx, data)
            if data_dir.bundled:  # a check must never pass on data it was not asked to read
                assert data_dir.search is not None
                raise PlanNotFound(start=str(data_dir.search.start), top=str(data_dir.search.top))
    if whole is not None:
        from ipplan.workspaces.checks import check_workspace

        found = check_workspace(whole)
        problems, unchecked = found.problems, found.unchecked
        ok = text(
            "validate.workspace_ok",
            language,
            plans=len(found.plans),
            indicators=found.indicators,
            actuals=found.actuals,
            path=views.display_path(whole),
        )
    else:
        with reporting(language):  # a cache location that may not be used is refused
            problems, tally, unchecked = _check_plan(data_dir)
        ok = text(
            "validate.ok",
            language,
            indicators=tally.get("indicators", 0),
            actions=actions_count(tally.get("actions", 0), tally.get("safeguards", 0), language),
            actuals=tally.get("actuals", 0),
            updates=tally.get("updates", 0),
            path=views.display_path(data_dir.path),
        )
        if strict and not problems:  # lateness is judged on data that is valid
            from ipplan import timeliness
            from ipplan.workplans.views import today

            with reporting(language):
                problems = timeliness.problems(
                    load.load(data_dir), today(os.environ), data_dir.path
                )
    if unchecked:
        from ipplan.render import terminal

        terminal.print_lines([git_notice(u, language) for u in unchecked], stderr=True)
    if fmt is ProblemFormat.json:
        print_json(views.problems_view(problems, language))
        raise typer.Exit(1 if problems else 0)
    if fmt is ProblemFormat.github:
        for line in views.github_annotations(problems, language):
            typer.echo(line)
        raise typer.Exit(1 if problems else 0)
    from ipplan.render import terminal

    if problems:
        terminal.print_lines(problem_lines(problems, language), stderr=True)
        terminal.print_lines(
            [text("validate.failed", language, count=total(problems))], stderr=True
        )
        raise typer.Exit(1)
    terminal.print_lines([ok])


def git_notice(unchecked: gitstate.Unchecked, language: str) -> str:
    """The one line saying that git could not tell whether a merge is unfinished, and why."""
    from ipplan import views

    why = text(f"git-unchecked.{unchecked.why}", language, detail=unchecked.detail)
    path = views.display_path(unchecked.directory)
    return text("notice.git-unchecked", language, path=path, why=why)


def _check_plan(
    data_dir: DataDir,
) -> tuple[list[Problem], dict[str, int], list[gitstate.Unchecked]]:
    """Check every file of the plan in ``data_dir``: every problem, what was counted, and each
    directory whose merge state git could not tell.

    A check that passed is not repeated on the same bytes (:func:`ipplan.files.cache.passed`). What
    git has not finished merging (:func:`ipplan.files.gitstate.unmerged`) is asked of git every
    time:
    a merge can stop with every file's bytes as a passing check read them, and its state is
    in git's index, which no verdict keeps.
    """
    from ipplan import load
    from ipplan.files import cache, gitstate
    from ipplan.problems import Problem

    passed = cache.passed(data_dir.path, os.environ)
    if passed is not None:
        merge = gitstate.unmerged([data_dir.path])
        return merge.problems, passed, merge.unchecked
    taken = time.time_ns()
    seen = cache.snapshot(data_dir.path)  # listed before anything is read
    checked = load.check_files(data_dir)
    merge = gitstate.unmerged([data_dir.path], checked.problems)
    if checked.problems:
        return sorted(checked.problems + merge.problems, key=Problem.sort_key), {}, merge.unchecked
    core = checked.core
    counts = {
        "indicators": len(core.indicators),
        "actions": sum(1 for _, a in core.actions if a.area != SAFEGUARDS_AREA),
        "safeguards": sum(1 for _, a in core.actions if a.area == SAFEGUARDS_AREA),
        "actuals": sum(len(v) for v in core.actuals.values()),
        "updates": sum(len(v) for v in core.updates.values()),
    }
    digests = checked.digests
    del core, checked  # what was checked goes before the tree is listed again
    # a verdict of the files alone: git is asked again every time; and none is kept where git
    # could not tell whether a merge is unfinished
    if seen is not None and not merge.unchecked:
        cache.keep_passed(data_dir.path, seen, taken, digests, counts, os.environ)
    return merge.problems, counts, merge.unchecked


@app.command()
def schema(
    ctx: typer.Context,
    directory: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="[DIR]", show_default=False),
    ] = None,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Write JSON Schema for the data files, so editors check them as you type.

    Each data file's first line names its schema for the YAML language server (VS Code's YAML
    extension, for one). Run it again after upgrading ipplan; it replaces the schema files only.

    Example: ipplan schema --data data
    """
    from ipplan import views, write
    from ipplan.check import schema as schemas
    from ipplan.files import lock

    language = choose_lang(ctx, lang)
    with reporting(language):
        if directory is None:
            data_dir = resolve_data_dir(ctx, data)
            with lock.writing(data_dir):
                written = write.write_plan_schemas(data_dir)
        else:
            written = schemas.write_schemas(directory)
    from ipplan.render import terminal

    lines = [text("schema.written", language, path=views.display_path(path)) for path in written]
    if lines:
        mark_saved(" ".join(lines))
    terminal.print_lines(lines)
