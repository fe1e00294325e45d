"""Commands that check the data files and publish their schema."""

from __future__ import annotations

import os
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_data_dir, workspace_to_check
from ipplan.cli.options import DataOption, JsonOption, LangOption, PlanOption
from ipplan.cli.output import lock_waits, mark_saved, print_json, problem_lines, reporting
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
    from ipplan import load
    from ipplan.views.problems import display_path, github_annotations, problems_view

    language = choose_lang(ctx, lang)
    if as_json:
        fmt = ProblemFormat.json
    warnings: list[Problem] = []
    with reporting(ctx, language):
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
        if not problems:  # each plan's lateness (--strict) or values still to set, as for one
            from ipplan import clock, timeliness
            from ipplan.files.layout import DataDir
            from ipplan.problems import Problem

            for directory in found.directories.values():
                with reporting(ctx, language):
                    plan = load.load(DataDir(directory))
                if strict:
                    problems += timeliness.problems(plan, clock.today(), directory)
                else:
                    warnings += timeliness.pending_values(plan, clock.today(), directory)
            problems.sort(key=Problem.sort_key)
        ok = text(
            "validate.workspace_ok",
            language,
            plans=len(found.plans),
            indicators=found.indicators,
            actuals=found.actuals,
            path=display_path(whole),
        )
    else:
        with reporting(ctx, language):  # a cache location that may not be used is refused
            problems, tally, unchecked = _check_plan(data_dir)
        ok = text(
            "validate.ok",
            language,
            indicators=tally.get("indicators", 0),
            actions=actions_count(tally.get("actions", 0), tally.get("safeguards", 0), language),
            actuals=tally.get("actuals", 0),
            updates=tally.get("updates", 0),
            path=display_path(data_dir.path),
        )
        if strict and not problems:  # lateness is judged on data that is valid
            from ipplan import clock, timeliness

            with reporting(ctx, language):
                problems = timeliness.problems(load.load(data_dir), clock.today(), data_dir.path)
        elif tally.get("pending") and not problems:
            # targets and baselines still to be set: named, and the plan is valid
            from ipplan import clock, timeliness

            with reporting(ctx, language):
                plan = load.load(data_dir)
                warnings = timeliness.pending_values(plan, clock.today(), data_dir.path)
    if unchecked:
        from ipplan.render import terminal

        terminal.print_lines([git_notice(u, language) for u in unchecked], stderr=True)
    if fmt is ProblemFormat.json:  # what is still to be set, named beside (level "warning")
        print_json(problems_view(problems, language) + problems_view(warnings, language, "warning"))
        raise typer.Exit(1 if problems else 0)
    if fmt is ProblemFormat.github:
        for line in github_annotations(problems, language):
            typer.echo(line)
        for line in github_annotations(warnings, language, "warning"):
            typer.echo(line)
        raise typer.Exit(1 if problems else 0)
    from ipplan.render import terminal

    if problems:
        terminal.print_lines(problem_lines(problems, language), stderr=True)
        terminal.print_lines(
            [text("validate.failed", language, count=total(problems))], stderr=True
        )
        raise typer.Exit(1)
    if warnings:
        said = text("validate.pending", language, count=len(warnings))
        terminal.print_lines([*problem_lines(warnings, language), said], stderr=True)
    terminal.print_lines([ok])


def git_notice(unchecked: gitstate.Unchecked, language: str) -> str:
    """The one line saying that git could not tell whether a merge is unfinished, and why."""
    from ipplan.views.problems import display_path

    why = text(f"git-unchecked.{unchecked.why}", language, detail=unchecked.detail)
    path = display_path(unchecked.directory)
    return text("notice.git-unchecked", language, path=path, why=why)


def _check_plan(
    data_dir: DataDir,
) -> tuple[list[Problem], dict[str, int], list[gitstate.Unchecked]]:
    """Check every file of the plan in ``data_dir``: every problem, what was counted, and each
    directory whose merge state git could not tell.

    A check that passed is not repeated on the same bytes
    (:func:`ipplan.files.cache.verdicts.passed`). What git has not finished merging
    (:func:`ipplan.files.gitstate.unmerged`) is asked of git every time: a merge can stop with
    every file's bytes as a passing check read them, and its state is
    in git's index, which no verdict keeps.
    """
    from ipplan import load
    from ipplan.files import gitstate, journal
    from ipplan.files.cache import identity, verdicts
    from ipplan.problems import Problem

    if journal.pending(data_dir) is None:
        passed = verdicts.passed(data_dir.path, os.environ)
    else:
        passed = None  # a change stopped midway: check_files reports it
    if passed is not None:
        merge = gitstate.unmerged([data_dir.path])
        return merge.problems, passed, merge.unchecked
    taken = time.time_ns()
    seen = identity.snapshot(data_dir.path)  # listed before anything is read
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
        # targets and baselines still to be set, named by plain validate
        "pending": sum(
            1
            for _, i in core.indicators
            if i.target.value is None or (i.baseline_pending and i.baseline is None)
        ),
    }
    digests = checked.digests
    del core, checked  # what was checked goes before the tree is listed again
    # a verdict of the files alone: git is asked again every time; and none is kept where git
    # could not tell whether a merge is unfinished
    if seen is not None and not merge.unchecked:
        verdicts.keep_passed(data_dir.path, seen, taken, digests, counts, os.environ)
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
    from ipplan import write
    from ipplan.check import schema as schemas
    from ipplan.files import lock
    from ipplan.views.problems import display_path

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        if directory is None:
            data_dir = resolve_data_dir(ctx, data)
            with lock.writing(data_dir, waiting=lock_waits(language)):
                written = write.write_plan_schemas(data_dir)
        else:
            from ipplan.files import layout
            from ipplan.locate import keep_out_of_plans

            keep_out_of_plans(directory, allowed=layout.SCHEMA_DIR)  # no plan's other files
            written = schemas.write_schemas(directory)
    from ipplan.render import terminal

    lines = [text("schema.written", language, path=display_path(path)) for path in written]
    if lines:
        mark_saved(" ".join(lines))
    terminal.print_lines(lines)
