"""The Typer application, the options every command shares, and the plumbing of the commands.

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
from ipplan.errors import DataInvalid, IpplanError, YearOutsidePlan
from ipplan.i18n import error_message, resolve_lang, text

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
        "The data directory is --data DIR, else the plan in the working directory or the "
        "nearest one above it (a directory holding indicators.yaml, or a data/ beside it; up to "
        "the repository root), else $IPPLAN_DATA, else the plan bundled with ipplan (read-only)."
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


def choose_lang(ctx: typer.Context, lang: Lang | None) -> str:
    chosen = lang or (ctx.obj or {}).get("lang")
    return resolve_lang(chosen.value if chosen else None)


def resolve_data_dir(
    ctx: typer.Context, data: Path | None, *, notice: str | None = None
) -> DataDir:
    """The data directory to use; with ``notice`` (a language), say so when it is the bundled plan.

    Human output names the bundled plan in one line on stderr, so that nobody takes its empty
    indicators for their own plan's.
    """
    from ipplan import store

    data_dir = store.locate(data or (ctx.obj or {}).get("data"), os.environ, Path.cwd())
    if data_dir.bundled and notice is not None:
        from ipplan import terminal

        terminal.print_lines([text("notice.bundled", notice)], stderr=True)
    return data_dir


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def problem_lines(problems: list[Any], lang: str) -> list[str]:
    from ipplan import views
    from ipplan.typed import printable

    return [
        printable(f"{p['file']}:{p['line']}: {p['code']}: {p['message']}")
        for p in views.problems_view(problems, lang)
    ]


@contextmanager
def reporting(lang: str) -> Iterator[None]:
    """Turn domain errors into one clear message on stderr and exit code 1."""
    from ipplan import terminal

    try:
        yield
    except DataInvalid as exc:
        terminal.print_lines(problem_lines(exc.problems, lang), stderr=True)
        terminal.print_lines(
            [error_prefix(lang) + error_message(exc.message_id, exc.params, lang)], stderr=True
        )
        raise typer.Exit(1) from None
    except IpplanError as exc:
        from ipplan.typed import printable

        message = printable(error_message(exc.message_id, exc.params, lang))
        terminal.print_lines([error_prefix(lang) + message], stderr=True)
        raise typer.Exit(exc.exit_code) from None


def error_prefix(lang: str) -> str:
    return "error: " if lang == "en" else "错误："


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def check_as_of(plan: Plan, as_of: int | None) -> None:
    if as_of is not None and as_of not in plan.years:
        raise YearOutsidePlan(year=as_of, first=plan.years[0], last=plan.years[-1])
