"""The report command: the plan's progress as a document to publish."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ipplan.cli.app import app
from ipplan.cli.context import choose_lang, resolve_data_dir
from ipplan.cli.options import AsOfOption, DataOption, LangOption, PlanOption
from ipplan.cli.output import reporting, stdout_is_terminal
from ipplan.errors import BinaryToTerminal
from ipplan.reports import Format
from ipplan.text.i18n import text


def with_rollups(report: dict[str, Any], directory: Path, as_of: int | None) -> dict[str, Any]:
    """The report, with the roll-ups into its plan's indicators when a workspace has any."""
    import os

    from ipplan.workspaces.overview import rollups_around

    found = rollups_around(directory, Path.cwd(), os.environ, as_of)
    if found is not None and found[1]:
        report["rollups"] = found[1]
    return report


@app.command()
def report(
    ctx: typer.Context,
    fmt: Annotated[
        Optional[Format],  # noqa: UP045
        # the formats are named in the option's help: six choices are too wide for a terminal
        typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", metavar="FILE", show_default=False),
    ] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from ipplan import clock, load, locate, reports
    from ipplan.files import atomic
    from ipplan.plan import check_as_of

    language = choose_lang(ctx, lang)
    with reporting(ctx, language):
        data_dir = resolve_data_dir(ctx, data, notice=language)
        plan = load.load(data_dir)
        check_as_of([plan], as_of)
        if output is not None and str(output) == "-":
            output = None  # -o - is standard output, as for most tools
        target = (
            None
            if output is None
            else locate.report_target(data_dir, output, Path.cwd(), os.environ)
        )
        fmt = reports.choose_format(fmt, output)
        if output is None and fmt in reports.BINARY and stdout_is_terminal():
            raise BinaryToTerminal(format=fmt.value)
        day = clock.today()
        report = with_rollups(reports.build(plan, as_of, day), data_dir.path, as_of)
        content = reports.render(report, fmt, language)
        if target is not None:
            atomic.atomic_write(target, content)
    if output is None:
        if isinstance(content, str) and stdout_is_terminal():
            sys.stdout.write(content)  # escaped where the terminal cannot show a character
        else:
            # a pipe or a file gets the report's own bytes (UTF-8), as -o would write them
            sys.stdout.flush()
            raw = content.encode("utf-8") if isinstance(content, str) else content
            sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    from ipplan.render import terminal

    terminal.print_lines(
        [text("report.written", language, format=fmt.value, path=str(output))], stderr=True
    )
