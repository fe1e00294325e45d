"""The Typer application, the options every command shares, and the plumbing of the commands.

Each command parses its arguments, calls the core, renders the result, and turns domain errors
into a message on stderr and exit code 1. Usage errors exit with 2, as Click decides.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer
from typer import _click as click  # the Click that this Typer carries
from typer.core import TyperCommand, TyperGroup

from ipplan import __version__
from ipplan.action_status import Status
from ipplan.cli import completion, helpformat
from ipplan.clock import example_day
from ipplan.errors import DataInvalid, IpplanError, NotAYear
from ipplan.text.i18n import CATALOGUE, error_message, joined, resolve_lang, text

if TYPE_CHECKING:
    from ipplan.files.layout import DataDir
    from ipplan.plan import Plan
    from ipplan.workspace import Workspace
from ipplan.cli import lang as lang_

# The core is imported inside each command, so that `ipplan --help` and shell completion load
# only what they need: start-up is what people wait for most often.


class _Localized:
    """Help drawn by :mod:`ipplan.cli.helpformat`, in the language the group chose."""

    context_class: type[click.Context] = helpformat.Context

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = text("help.opt.help", helpformat.language)
        return option


class IpplanCommand(_Localized, TyperCommand):
    """A command whose help and usage come from the catalogue."""


class IpplanGroup(_Localized, TyperGroup):
    """The command group, telling usage errors in the user's language, and as JSON with --json.

    Every help text comes from the catalogue, in the language :func:`helpformat.help_language`
    chooses. Click's words for the errors it finds itself (an unknown option or command, an
    extra argument) are told in the user's language too where ipplan knows them; the frame
    around them, and every value ipplan itself refuses, come from the catalogue.
    """

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = completion.shell_named(list(sys.argv[1:] if args is None else args))
        completion.prepare(prog_name or "ipplan", complete_var)
        helpformat.localize(
            self, helpformat.help_language(lang_.lang_flag(argv), os.environ), example_day()
        )
        try:
            result = super().main(
                args=argv,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            code: int = exc.exit_code
        except click.exceptions.ClickException as exc:
            show_usage_error(exc, argv)
            code = exc.exit_code
        except typer.Abort:
            typer.echo(file=sys.stderr)
            code = 1
        else:
            code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported now; a name ipplan does not have
        loads them all, so that the error can suggest the nearest."""
        if cmd_name not in self.commands:
            from ipplan.cli import registry

            registry.load([cmd_name] if cmd_name in registry.MODULES else list(registry.MODULES))
            self._build()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        from ipplan.cli import registry

        registry.load(list(registry.MODULES))
        self._build()
        return super().list_commands(ctx)

    def _build(self) -> None:
        """Build the commands registered since, and give them their help as :meth:`main` gave
        the others theirs, in the language it chose."""
        from ipplan.cli import registry

        known = dict(self.commands)
        registry.build(app, known)
        if len(known) > len(self.commands):
            self.commands = registry.ordered(known)
            helpformat.localize(self, helpformat.language, example_day())


def show_usage_error(exc: click.exceptions.ClickException, argv: list[str]) -> None:
    """A usage error on stderr: usage and hint, then the message; JSON with --json."""
    lang = lang_.input_lang(argv)
    helpformat.language = lang  # the usage line below is in the language of the message
    message = click_message(exc, lang)
    if isinstance(exc, click.exceptions.BadParameter) and exc.param is not None:
        hint = exc.param_hint
        if hint is None:
            hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]  # as Click does
        shown = hint if isinstance(hint, str) else " / ".join(hint)
        if isinstance(exc, click.exceptions.MissingParameter):
            key = "missing-parameter.json" if "--json" in argv else "missing-parameter"
            message = text(key, lang, param=shown)
        else:
            said = exc.message.removeprefix("Value error, ")
            if said.startswith("Input should be a valid integer") or said.endswith(
                ("is not a valid integer.", "is not a valid int range.")  # Typer 0.28
            ):
                said = text("usage.not-an-integer", lang)
            if (found := _NOT_ONE_OF.match(exc.message)) is not None:
                choices = [choice.strip("'") for choice in found["choices"].split(", ")]
                said = text(
                    "usage.not-one-of", lang, value=found["value"], choices=joined(choices, lang)
                )
            message = text("bad-parameter", lang, param=shown, message=said)
    if "--json" in argv:
        print_error_json("usage", message)
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(text("usage.hint", lang, command=ctx.command_path) + "\n", err=True)
    typer.echo(error_prefix(lang) + message, err=True)


_NO_SUCH_COMMAND = re.compile(
    r"^No such command '(?P<command>[^']*)'\.(?: Did you mean (?P<similar>.*)\?)?$"
)
_NOT_ONE_OF = re.compile(r"^(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$")
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$")


def click_message(exc: click.exceptions.ClickException, lang: str) -> str:
    """The message of a usage error Click found itself, in ``lang`` where ipplan knows it."""
    message = exc.format_message()
    unknown = _unknown_option(exc, lang)
    if unknown is not None:
        return unknown
    if lang == "en" and not isinstance(exc, click.exceptions.NoSuchOption):
        return message
    if isinstance(exc, click.exceptions.NoSuchOption):
        after = _option_of_commands(exc)
        if after:
            return text("usage.option-after-command", lang, option=exc.option_name, example=after)
        told = text("usage.no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            options = joined(sorted(exc.possibilities), lang)
            told += (" " if lang == "en" else "") + text(
                "usage.possible-options", lang, options=options
            )
        return told
    if isinstance(exc, click.exceptions.BadOptionUsage):
        if " requires " in exc.message:
            return text("usage.option-needs-value", lang, option=exc.option_name)
        if "does not take a value" in exc.message:
            return text("usage.option-takes-no-value", lang, option=exc.option_name)
    if (found := _NO_SUCH_COMMAND.match(exc.message)) is not None:
        similar = ""
        if found["similar"]:
            names = [name.strip("'") for name in found["similar"].split(", ")]
            similar = text("usage.possible-options", lang, options=joined(names, lang))
            similar = similar if lang == "zh" else " " + similar
        return text("usage.no-such-command", lang, command=found["command"], similar=similar)
    if (found := _EXTRA_ARGUMENTS.match(exc.message)) is not None:
        return text("usage.extra-arguments", lang, args=found["args"])
    return message


_OPTION_LIKE = re.compile(r"--?[A-Za-z]")


def _unknown_option(exc: click.exceptions.ClickException, lang: str) -> str | None:
    """An option the command does not have, given where the command reads what it does not
    know as arguments (``record``, so that a value may be negative): said to be an unknown
    option, with those it has that are close, rather than an extra argument."""
    found = _EXTRA_ARGUMENTS.match(exc.message)
    ctx = getattr(exc, "ctx", None)
    if found is None or ctx is None:
        return None
    first = found["args"].split(" ")[0]
    if not _OPTION_LIKE.match(first):
        return None
    import difflib

    name = first.partition("=")[0]
    options = [opt for param in ctx.command.params for opt in param.opts if opt.startswith("-")]
    if name in options:
        return None  # an option of the command, after "--": an argument, as it says
    told = text("usage.no-such-option", lang, option=name)
    close = difflib.get_close_matches(name, options)
    if close:
        told += (" " if lang == "en" else "") + text(
            "usage.possible-options", lang, options=joined(sorted(close), lang)
        )
    return told


def _option_of_commands(exc: click.exceptions.NoSuchOption) -> str | None:
    """For an option given before the command that has it (ipplan --json status): an example."""
    ctx = exc.ctx
    group = None if ctx is None else ctx.command
    if ctx is None or not isinstance(group, TyperGroup):
        return None
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and any(exc.option_name in p.opts for p in command.params):
            return f"ipplan {name} {exc.option_name}"
    return None


def year_value(typed: str) -> int:
    """A YEAR as people type it (2024, 2024年, ２０２４); a usage error otherwise."""
    from ipplan.text.typed_input import parse_year

    if isinstance(typed, int):  # a default, already a year
        return typed
    try:
        return parse_year(typed)
    except NotAYear as exc:
        raise typer.BadParameter(
            error_message(exc.message_id, exc.params, lang_.input_lang())
        ) from None


def encoding_value(typed: str) -> str:
    """An --encoding as people write it (utf-8, UTF8, gbk, GB18030): the codec a table is read
    in, ``utf-8``, ``gb18030`` (which includes GBK), ``big5`` or ``cp932`` (Shift-JIS); a usage
    error otherwise."""
    from ipplan.files.tablefile import encoding_named

    found = encoding_named(typed)
    if found is None:
        raise typer.BadParameter(text("usage.encoding", lang_.input_lang(), value=typed))
    return found


def status_value(typed: str) -> str:
    """An action status by its id or its name in either language (已完成, 延期, in progress).

    Gives the status's id, which Typer then turns into the :class:`Status` the command takes
    (Typer 0.28 looks the parser's result up by ``str()``, which a Status is not).
    """
    return _named_value(typed, Status, "", "invalid-status")


def state_value(typed: str) -> str:
    """A work item's state by its id or its name in either language (逾期, 已完成, overdue).

    Gives the state's id, which Typer turns into the :class:`ItemState` (as :func:`status_value`).
    """
    from ipplan.workplans.states import ItemState

    return _named_value(typed, ItemState, "wp.", "invalid-state")


def _named_value(typed: str, kind: type[Enum], names: str, refused: str) -> str:
    """The id of the member of ``kind`` that ``typed`` names: its id, or its name in either
    language (the catalogue's ``names + id``); a usage error, listing them all, otherwise."""
    if isinstance(typed, kind):
        return str(typed.value)
    wanted = " ".join(typed.replace("_", " ").replace("-", " ").split()).casefold()
    for member in kind:
        zh, en = CATALOGUE[names + member.value]
        if wanted in (member.value.replace("_", " "), zh.casefold(), en.casefold()):
            return str(member.value)
    lang = lang_.input_lang()
    choices = joined(
        (text("named", lang, name=text(names + m.value, lang), key=m.value) for m in kind),
        lang,
    )
    raise typer.BadParameter(text(refused, lang, value=typed, choices=choices))


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


class IpplanTyper(typer.Typer):
    """Typer whose commands draw their help from the catalogue (see :mod:`helpformat`)."""

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunction], CommandFunction]:
        kwargs.setdefault("cls", IpplanCommand)
        decorator: Callable[[CommandFunction], CommandFunction] = super().command(name, **kwargs)
        return decorator


app = IpplanTyper(
    cls=IpplanGroup,
    name="ipplan",
    no_args_is_help=True,
    add_completion=False,  # ipplan's own options below take the shell's name
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


DataOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--data", metavar="DIR", show_default=False),
]
LangOption = Annotated[
    Optional[Lang],  # noqa: UP045
    typer.Option("--lang", show_default=False, case_sensitive=False),
]
PlanOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--plan", metavar="NAME", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json")]
EncodingOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--encoding", metavar="ENCODING", show_default=False, parser=encoding_value),
]
AsOfOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--as-of", metavar="YEAR", show_default=False, parser=year_value),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    plan_name: PlanOption = None,
    lang: LangOption = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    install_completion: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            is_eager=True,
            expose_value=False,
            callback=completion.install,
            show_default=False,
        ),
    ] = None,
    show_completion: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            is_eager=True,
            expose_value=False,
            callback=completion.show,
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = {"data": data, "lang": lang, "plan": plan_name}


# --- plumbing ---------------------------------------------------------------------------------


def choose_lang(ctx: typer.Context, lang: Lang | None) -> str:
    chosen = lang or (ctx.obj or {}).get("lang")
    language = resolve_lang(chosen.value if chosen else None)
    _run["lang"] = language
    return language


def resolve_data_dir(
    ctx: typer.Context, data: Path | None, *, notice: str | None = None
) -> DataDir:
    """The data directory to use; with ``notice`` (a language), say so when it is the bundled plan.

    Human output names the bundled plan in one line on stderr, so that nobody takes its empty
    indicators for their own plan's.
    """
    from ipplan import locate

    data_dir = locate.locate(
        data or (ctx.obj or {}).get("data"), os.environ, Path.cwd(), chosen_plan(ctx)
    )
    if data_dir.bundled and notice is not None:
        from ipplan.render import terminal

        terminal.print_lines([text("notice.bundled", notice)], stderr=True)
    return data_dir


def chosen_plan(ctx: typer.Context) -> str | None:
    """The plan named with --plan (after the command or before it); $IPPLAN_PLAN is the core's."""
    return ctx.params.get("plan_name") or (ctx.obj or {}).get("plan") or None


def resolve_workspace(
    ctx: typer.Context, data: Path | None, *, notice: str | None = None
) -> Workspace:
    """The workspace around the working directory, or with --plan the plans under that one.

    Outside a workspace, in a plan it does not list, or with --data: the one plan found, as a
    workspace of one.
    """
    from ipplan import locate
    from ipplan.files import discover
    from ipplan.workspace import load_workspace, single, subtree

    explicit = data or (ctx.obj or {}).get("data")
    if explicit is None:
        found = discover.search(Path.cwd(), os.environ)
        name = chosen_plan(ctx) or os.environ.get(locate.PLAN_VAR) or None
        if name is not None and found.workspace is not None:
            return subtree(load_workspace(found.workspace), name)
        governing = locate.governing(found)
        if name is None and governing is not None:
            return load_workspace(governing)
    return single(resolve_data_dir(ctx, data, notice=notice).path)


def workspace_to_check(ctx: typer.Context, data: Path | None) -> Path | None:
    """The workspace file to check whole: the one governing the working directory, no plan
    named (in a plan the workspace does not list, that plan is checked)."""
    from ipplan import locate
    from ipplan.files import discover

    if data or (ctx.obj or {}).get("data") or chosen_plan(ctx) or os.environ.get(locate.PLAN_VAR):
        return None
    return locate.governing(discover.search(Path.cwd(), os.environ))


def print_json(value: Any) -> None:
    import json

    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def print_error_json(code: str, message: str, **extra: Any) -> None:
    """An error for scripts, on stderr: ``{"error": {"code", "message"}}``."""
    import json

    error = {"code": code, "message": message, **extra}
    typer.echo(json.dumps({"error": error}, ensure_ascii=False, indent=2), err=True)


def wants_json() -> bool:
    """Whether the running command was asked for JSON (--json, or --format json)."""
    ctx = click.globals.get_current_context(silent=True)
    if ctx is None:
        return False
    fmt = ctx.params.get("fmt")
    output = ctx.params.get("output")
    to_file = output is not None and str(output) != "-"  # JSON goes to a file; errors to a person
    return bool(ctx.params.get("as_json")) or (
        str(getattr(fmt, "value", fmt)).lower() == "json" and not to_file
    )


def problem_lines(problems: list[Any], lang: str) -> list[str]:
    from ipplan import views
    from ipplan.text.typed_input import printable

    return [
        printable(f"{p['file']}:{p['line']}: {p['code']}: {p['message']}")
        for p in views.problems_view(problems, lang)
    ]


@contextmanager
def reporting(lang: str) -> Iterator[None]:
    """Turn domain errors into one clear message on stderr and exit code 1.

    With --json the message is JSON on stderr, ``{"error": {"code", "message"}}``, the code
    being the error's stable id (and, for invalid data, the problems as ``validate --json``
    lists them).
    """
    from ipplan.render import terminal
    from ipplan.text.typed_input import printable

    as_json = wants_json()
    announce_waits(lang)
    try:
        yield
    except IpplanError as exc:
        message = printable(error_message(exc.message_id, exc.params, lang))
        problems = exc.problems if isinstance(exc, DataInvalid) else []
        if as_json:
            from ipplan import views

            extra = {"problems": views.problems_view(problems, lang)} if problems else {}
            print_error_json(exc.message_id, message, **extra)
        else:
            if problems:
                terminal.print_lines(problem_lines(problems, lang), stderr=True)
            terminal.print_lines([error_prefix(lang) + message], stderr=True)
        raise typer.Exit(exc.exit_code) from None


def announce_waits(lang: str) -> None:
    """Have a write that waits for another writer's lock say so on stderr, in ``lang``."""
    import ipplan.files.lock

    def notice(path: Path) -> None:
        from ipplan import views
        from ipplan.render import terminal

        line = text("lock.waiting", lang, path=views.display_path(path))
        terminal.print_lines([line], stderr=True)

    ipplan.files.lock.waiting_notice = notice


def error_prefix(lang: str) -> str:
    return "error: " if lang == "en" else "错误："


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def check_as_of(plan: Plan, as_of: int | None) -> None:
    """Refuse an as-of year whose progress cannot be viewed, saying which years can."""
    from ipplan.errors import AsOfBaselineYear, AsOfOutsidePlan

    if as_of is not None and as_of not in plan.years:
        refusal = AsOfBaselineYear if as_of == plan.info.baseline_year else AsOfOutsidePlan
        raise refusal(year=as_of, first=plan.years[0], last=plan.years[-1])


# --- output that cannot be encoded or written --------------------------------------------------

# What the running command has told the run so far: its language, and the change it saved.
_run: dict[str, str] = {}


def mark_saved(message: str) -> None:
    """Say that the command's change is on disk, before anything is printed about it.

    If printing then fails (a full disk behind stdout, a closed pipe), the person is still told
    on stderr that the change was saved, and the command exits 0: it did what was asked.
    """
    _run["saved"] = message


class _ClosedOutput(io.RawIOBase):
    """Standard output for a command started without one (``>&-``): each write fails as a
    closed descriptor's does (EBADF), until that has been told (:func:`_output_failed`)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.failing = True

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data: Any) -> int:
        if self.failing:
            raise OSError(errno.EBADF, "closed")
        return len(data)


def _stand_in_for_closed() -> None:
    """Give standard output and error a descriptor and a stream where the command was started
    with them closed (``>&-``, ``2>&-``), for which Python has none.

    Each descriptor gets /dev/null, so that no file the command opens (the lock, a record
    being written) takes the number output is written to. Standard output gets a stream whose
    writes fail, so that what it cannot print is told like output to a full disk: an error for
    a command whose output is its result, and exit code 0 for a change that was saved.
    Standard error takes what is written and drops it, as closing it asked.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
            except OSError:
                continue
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        if name == "stdout":
            raw: io.RawIOBase = _ClosedOutput(fd)
        else:
            raw = io.FileIO(fd, "w", closefd=False)
        stream = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding="utf-8", errors="backslashreplace", line_buffering=True
        )
        setattr(sys, name, stream)


def run(application: typer.Typer) -> None:
    """Run the command line so that output never ends in a traceback.

    Text a terminal or pipe cannot encode (PYTHONIOENCODING=ascii, a C locale) is written as
    backslash escapes. Standard output that cannot be written (ENOSPC, EIO, a closed pipe, or
    none at all) gets one message on stderr, a full disk named as such, and exit code 1, or 0
    when the command had already saved its change: whatever becomes of its output, a change
    on disk is a command that did what was asked.
    """
    _run.clear()
    _stand_in_for_closed()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        try:
            application()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
        sys.stdout.flush()
    except OSError as exc:
        code = _output_failed(exc)
    if code not in (0, None) and "saved" in _run and code == 1:
        code = _output_failed(None)  # click met a closed pipe and gave up after the change
    sys.exit(code)


def _output_failed(exc: OSError | None) -> int:
    """Tell the person that stdout failed (and whether the change was saved); the exit code."""
    closed = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(closed, _ClosedOutput):
        closed.failing = False  # told once: what is left goes nowhere
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # later flushes (at exit) go nowhere rather than failing again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    lang = _run.get("lang") or resolve_lang(None)
    if "saved" in _run:
        message, code = text("output-failed.saved", lang, saved=_run["saved"]), 0
    elif exc is not None and exc.errno == errno.EPIPE:
        return 1  # the reader went away (`| head`): nothing to tell anyone
    elif exc is not None and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message, code = error_prefix(lang) + text("output-failed.disk-full", lang), 1
    elif isinstance(closed, _ClosedOutput):
        message, code = error_prefix(lang) + text("output-failed.closed", lang), 1
    else:
        detail = "" if exc is None else exc.strerror or str(exc)
        message, code = error_prefix(lang) + text("output-failed", lang, detail=detail), 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    return code
