"""The ``ipplan`` command: a thin skin over the core.

Each command parses its arguments, calls the core, renders the result, and turns domain errors
into a message on stderr and exit code 1. Usage errors exit with 2, as Click decides.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ipplan import __version__
from ipplan.errors import BinaryToTerminal, DataInvalid, IpplanError, YearOutsidePlan
from ipplan.i18n import error_message, resolve_lang, text
from ipplan.reports import Format
from ipplan.status import Status

if TYPE_CHECKING:
    from ipplan.plan import Plan
    from ipplan.store import DataDir

# The core is imported inside each command, so that `ipplan --help` and shell completion load
# only what they need: start-up is what people wait for most often.

app = typer.Typer(
    name="ipplan",
    help=(
        "Track the 2022-2025 action plan for the patent-agency profession: where each indicator "
        "stands against its target, yearly actuals, and the actions.\n\n"
        "The data directory is --data DIR, else $IPPLAN_DATA, else ./data when it holds "
        "indicators.yaml, else the plan bundled with ipplan (read-only)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


DataOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--data", metavar="DIR", help="Plan data directory.", show_default=False),
]
LangOption = Annotated[
    Optional[Lang],  # noqa: UP045
    typer.Option(
        "--lang", help="Output language (default: $IPPLAN_LANG, else zh).", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead.")]
AsOfOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--as-of", metavar="YEAR", help="Count only actuals up to this year.", show_default=False
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    lang: LangOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    ctx.obj = {"data": data, "lang": lang}


# --- plumbing ---------------------------------------------------------------------------------


def _lang(ctx: typer.Context, lang: Lang | None) -> str:
    chosen = lang or (ctx.obj or {}).get("lang")
    return resolve_lang(chosen.value if chosen else None)


def _data_dir(ctx: typer.Context, data: Path | None) -> DataDir:
    from ipplan import store

    return store.locate(data or (ctx.obj or {}).get("data"), os.environ, Path.cwd())


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _problem_lines(problems: list[Any], lang: str) -> list[str]:
    from ipplan import views
    from ipplan.typed import printable

    return [
        printable(f"{p['file']}:{p['line']}: {p['code']}: {p['message']}")
        for p in views.problems_view(problems, lang)
    ]


@contextmanager
def _reporting(lang: str) -> Iterator[None]:
    """Turn domain errors into one clear message on stderr and exit code 1."""
    from ipplan import terminal

    try:
        yield
    except DataInvalid as exc:
        terminal.print_lines(_problem_lines(exc.problems, lang), stderr=True)
        terminal.print_lines(
            [_error_prefix(lang) + error_message(exc.message_id, exc.params, lang)], stderr=True
        )
        raise typer.Exit(1) from None
    except IpplanError as exc:
        from ipplan.typed import printable

        message = printable(error_message(exc.message_id, exc.params, lang))
        terminal.print_lines([_error_prefix(lang) + message], stderr=True)
        raise typer.Exit(1) from None


def _error_prefix(lang: str) -> str:
    return "error: " if lang == "en" else "错误："


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _check_as_of(plan: Plan, as_of: int | None) -> None:
    if as_of is not None and as_of not in plan.years:
        raise YearOutsidePlan(year=as_of, first=plan.years[0], last=plan.years[-1])


# --- commands ---------------------------------------------------------------------------------


@app.command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Where every indicator stands: latest actual, progress against time, and status.

    Example: ipplan status --as-of 2023
    """
    from ipplan import store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        plan = store.load(_data_dir(ctx, data))
        _check_as_of(plan, as_of)
        view = views.status_view(plan, as_of)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    title = plan.info.title_en if language == "en" else plan.info.title
    terminal.render_status(view, title, language)


@app.command(context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Argument(metavar="YEAR", help="The year the value is for (its year-end).")
    ],
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", help="Indicator key, number or Chinese name.")
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The actual value, in the indicator's unit.")
    ],
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", help="Where the figure comes from."),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A note on the figure.")] = None,  # noqa: UP045
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace a value already recorded (kept in history), or record one far from "
            "the year before's.",
        ),
    ] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record a year's actual value of an indicator, then show its new status.

    Example: ipplan record 2023 practitioners 31000 --source "2023年度统计"
    """
    from ipplan import changes, fmt, store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
        plan = store.load(data_dir)
        done = changes.record(
            data_dir, plan, year, indicator, value, source=source, note=note, force=force
        )
    row = views.indicator_view(done.indicator, done.assessment)
    if as_json:
        _print_json(
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
    from ipplan import terminal

    name = done.indicator.name_en if language == "en" else done.indicator.name
    message = text(
        "unchanged" if done.unchanged else "recorded",
        language,
        name=name,
        year=year,
        value=fmt.number(done.actual.value),
        unit=done.indicator.unit,
    )
    if done.replaced is not None:
        message += text("replaced", language, old=fmt.number(done.replaced.value))
    terminal.print_lines([message])
    terminal.out().print(terminal.status_line(row, language))


@app.command()
def show(
    ctx: typer.Context,
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", help="Indicator key, number or Chinese name.")
    ],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """One indicator in full: definition, actuals, linear path, assessment, and its actions.

    Example: ipplan show practitioners
    """
    from ipplan import store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        plan = store.load(_data_dir(ctx, data))
        _check_as_of(plan, as_of)
        view = views.show_view(plan, plan.indicator(indicator), as_of)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    terminal.render_show(view, language)


@app.command()
def tasks(
    ctx: typer.Context,
    area: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--area", help="Only this area (id, number or Chinese title)."),
    ] = None,
    status: Annotated[
        Optional[Status],  # noqa: UP045
        typer.Option("--status", help="Only actions with this status."),
    ] = None,
    indicator: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--indicator", help="Only actions serving this indicator."),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The actions, grouped by area, with status, lead unit and due date.

    Example: ipplan tasks --area conduct --status in_progress
    """
    from ipplan import store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        plan = store.load(_data_dir(ctx, data))
        view = views.tasks_view(plan, area, status, indicator)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    terminal.render_tasks(view, language)


@app.command()
def task(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(metavar="ID", help="Action id (see `ipplan tasks`).")],
    status: Annotated[
        Optional[Status],  # noqa: UP045
        typer.Option("--status", help="Set the action's status."),
    ] = None,
    lead: Annotated[Optional[str], typer.Option("--lead", help="Set the lead unit.")] = None,  # noqa: UP045
    due: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--due", metavar="YYYY-MM-DD", help="Set the due date."),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Add a dated note.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """One action with its measures and update log; with options, record a dated update.

    Example: ipplan task talent-training --status in_progress --note "2023年培训 1.2 万人次"
    """
    from ipplan import changes, store, views

    language = _lang(ctx, lang)
    changing = any(v is not None for v in (status, lead, due, note))
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
        plan = store.load(data_dir)
        found = plan.action(action)
        if changing:
            state, changed = changes.update_action(
                data_dir, plan, found.id, status=status, lead=lead, due=due, note=note
            )
        else:
            state, changed = plan.state(found), False
    view = views.action_view(state)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    if changing:
        key = "task.updated" if changed else "task.unchanged"
        terminal.print_lines([text(key, language, id=found.id)])
    area = state.area.title_en if language == "en" else state.area.title
    terminal.render_task(view, f"{state.area.number}. {area}", language)


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    ctx: typer.Context,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (path:line: code: message), json, or github (Actions annotations).",
        ),
    ] = ProblemFormat.text,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Check every data file; list each problem as path:line: code: message. For CI.

    Exit 0 when the data is valid, 1 when any problem is found. With --format github each problem
    is a GitHub Actions annotation, shown on the pull request's diff.

    Example: ipplan validate --data data --format github
    """
    from ipplan import store, views
    from ipplan.validate import check

    language = _lang(ctx, lang)
    if as_json:
        fmt = ProblemFormat.json
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
    docs, problems = store.read_documents(data_dir)
    checked = check(docs)
    problems = sorted(problems + checked.problems, key=lambda p: p.sort_key())
    if fmt is ProblemFormat.json:
        _print_json(views.problems_view(problems, language))
        raise typer.Exit(1 if problems else 0)
    if fmt is ProblemFormat.github:
        for line in views.github_annotations(problems, language):
            typer.echo(line)
        raise typer.Exit(1 if problems else 0)
    from ipplan import terminal

    if problems:
        terminal.print_lines(_problem_lines(problems, language), stderr=True)
        terminal.print_lines([text("validate.failed", language, count=len(problems))], stderr=True)
        raise typer.Exit(1)
    terminal.print_lines(
        [
            text(
                "validate.ok",
                language,
                indicators=len(checked.indicators),
                actions=len(checked.actions),
                actuals=sum(len(v) for v in checked.actuals.values()),
                updates=sum(len(v) for v in checked.updates.values()),
                path=views.display_path(data_dir.path),
            )
        ]
    )


@app.command()
def report(
    ctx: typer.Context,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="md, html, csv, json or xlsx.", show_default=True),
    ] = Format.md,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (replaced whole) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """A progress report to publish: summary, every indicator with its chart, and the actions.

    html opens offline and prints; csv has one row per indicator and year (UTF-8 with BOM, and
    the layout `ipplan import` reads); xlsx needs pip install 'ipplan[xlsx]'.

    Example: ipplan report --format html -o report.html --as-of 2023
    """
    from ipplan import reports, store

    language = _lang(ctx, lang)
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
        plan = store.load(data_dir)
        _check_as_of(plan, as_of)
        if output is not None:
            store.ensure_not_data(data_dir, output)
        elif fmt in reports.BINARY and _stdout_is_terminal():
            raise BinaryToTerminal(format=fmt.value)
        content = reports.render(reports.build(plan, as_of), fmt, language)
        if output is not None:
            store.atomic_write(output, content)
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    from ipplan import terminal

    terminal.print_lines(
        [text("report.written", language, format=fmt.value, path=str(output))], stderr=True
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE.csv", help="CSV with columns key, year, value.")
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace values already recorded (kept in history), and accept values far "
            "from the year before's.",
        ),
    ] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Record many actuals at once from a CSV file: all rows, or none.

    Columns: key (or number or Chinese name), year, value, and optionally source and note; others
    (name, unit, status, as `ipplan report -f csv` writes) are ignored, as are rows without a
    value. Every problem is listed with its CSV line, and nothing is written unless all rows
    are valid.

    Example: ipplan import actuals-2024.csv
    """
    from ipplan import importer, store

    language = _lang(ctx, lang)
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
        plan = store.load(data_dir)
        done = importer.import_csv(data_dir, plan, file, force=force)
    counts = {
        "recorded": done.recorded,
        "replaced": done.replaced,
        "unchanged": done.unchanged,
        "skipped": done.skipped,
    }
    if as_json:
        _print_json(
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
    from ipplan import terminal

    terminal.print_lines([text("import.done", language, path=str(file), **counts)])


@app.command()
def schema(
    ctx: typer.Context,
    directory: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="[DIR]",
            help="Where to write the schemas (default: the data directory's schema/).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write JSON Schema for the data files, so editors check them as you type.

    Each data file's first line names its schema for the YAML language server (VS Code's YAML
    extension, for one). Run it again after upgrading ipplan; it replaces the schema files only.

    Example: ipplan schema --data data
    """
    from ipplan import store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        if directory is None:
            data_dir = _data_dir(ctx, data)
            with store.writing(data_dir):
                written = store.write_schemas(data_dir.path / store.SCHEMA_DIR)
        else:
            written = store.write_schemas(directory)
    from ipplan import terminal

    terminal.print_lines(
        [text("schema.written", language, path=views.display_path(path)) for path in written]
    )


@app.command()
def history(
    ctx: typer.Context,
    ref: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[INDICATOR|ACTION]",
            help="Only this indicator (key, number or name) or action (id).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", "-n", min=1, help="Show only the newest N changes."),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Every recorded change, newest first: values recorded or replaced, and action updates.

    Example: ipplan history practitioners
    """
    from ipplan import store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        plan = store.load(_data_dir(ctx, data))
        view = views.history_view(plan, ref, limit)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    terminal.render_history(view, language)


@app.command()
def undo(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be reverted; change nothing.")
    ] = False,
    as_json: JsonOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Revert the most recent change (a recorded value, an import, or an action update).

    A replaced value comes back; a first value is removed. Run it again to go further back;
    `ipplan history` shows what is next.

    Example: ipplan undo --dry-run
    """
    from ipplan import history, store, views

    language = _lang(ctx, lang)
    with _reporting(language):
        data_dir = _data_dir(ctx, data)
        plan = store.load(data_dir)
        done = history.undo(data_dir, plan, dry_run=dry_run)
    view = views.undo_view(done)
    if as_json:
        _print_json(view)
        return
    from ipplan import terminal

    terminal.print_lines(terminal.undo_lines(view, language))


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to put the plan.")],
    lang: LangOption = None,
) -> None:
    """Copy the bundled plan into DIR to start a writable, git-friendly plan.

    Example: ipplan init data
    """
    from ipplan import store

    language = _lang(ctx, lang)
    with _reporting(language):
        store.init(directory)
    from ipplan import terminal

    terminal.print_lines([text("init.done", language, path=str(directory))])


def main() -> None:
    app()
