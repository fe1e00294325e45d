"""The Typer application and every place ipplan leans on Typer's and Click's insides.

Typer 0.28 carries its own Click (``typer._click``); ipplan subclasses its command, group,
context and help formatter, calls Typer's private builders and completion, and reads the words
of Click's usage errors to tell them in the user's language. All of that is here, and nowhere
else, so that an upgrade of Typer has one module to read: ``tests/cli/test_app.py`` fails,
naming the text, when a message ipplan parses or an internal it calls has changed.

The core is imported inside each command, so that `ipplan --help` and shell completion load
only what they need: start-up is what people wait for most often.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer import _click as click  # the Click that this Typer carries
from typer._completion_classes import completion_init
from typer._completion_shared import get_completion_script
from typer._completion_shared import install as install_script
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name

from ipplan import __version__
from ipplan.cli import completion, helpformat, output, registry
from ipplan.cli import lang as lang_
from ipplan.cli.options import DataOption, LangOption, PlanOption
from ipplan.clock import example_day
from ipplan.text.catalogue import CATALOGUE
from ipplan.text.i18n import joined, text
from ipplan.text.wrapping import width, wrap

# --- the words of Click's usage errors that ipplan reads -------------------------------------

# Each is checked against what this Click says by tests/cli/test_app.py.
NO_SUCH_COMMAND = re.compile(
    r"^No such command '(?P<command>[^']*)'\.(?: Did you mean (?P<similar>.*)\?)?$"
)
NOT_ONE_OF = re.compile(r"^(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$")
EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$")
NEEDS_VALUE = " requires "  # "Option '--x' requires an argument."
TAKES_NO_VALUE = "does not take a value"  # "Option '--x' does not take a value."
NOT_AN_INTEGER_START = "Input should be a valid integer"  # pydantic, behind a parser
NOT_AN_INTEGER_END = ("is not a valid integer.", "is not a valid int.", "is not a valid int range.")
VALUE_ERROR = "Value error, "


# --- help, drawn by display width ------------------------------------------------------------


class HelpFormatter(click.HelpFormatter):
    """Click's help formatter, in :data:`helpformat.language`, wrapping by display width.

    Unlike Click's, it fits a terminal narrower than 50 columns too.
    """

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        if width is None:
            columns = shutil.get_terminal_size().columns
            width = max(min(columns, max_width or 80) - 2, 20)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english in ("[OPTIONS]", "COMMAND [ARGS]..."):
            key = "help.options_metavar" if english == "[OPTIONS]" else "help.command_metavar"
            args = args.replace(english, text(key, helpformat.language))
        start = f"{' ' * self.current_indent}{text('help.usage', helpformat.language)}{prog} "
        room = (self.width or 80) - width(start)
        if room >= 20:
            lines = wrap(args, room)
            self.write(start + lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * width(start) + line + "\n")
        else:
            self.write(start.rstrip() + "\n")
            indent = self.current_indent + 4
            for line in wrap(args, (self.width or 80) - indent):
                self.write(" " * indent + line + "\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        key = f"help.section.{name}"
        with super().section(text(key, helpformat.language) if key in CATALOGUE else name):
            yield

    def write_heading(self, heading: str) -> None:
        colon = "：" if helpformat.language == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, value: str) -> None:
        indent = " " * self.current_indent
        room = (self.width or 80) - self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            for line in wrap(paragraph, room):
                self.write(indent + line + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        first = min(max(width(term) for term, _ in rows), col_max)
        indent = " " * self.current_indent
        room = (self.width or 80) - self.current_indent - first - col_spacing
        if room < 16:  # too narrow for two columns: each definition under its term
            first, col_spacing = 2, 2
            room = max((self.width or 80) - self.current_indent - first - col_spacing, 10)
        for term, definition in rows:
            definition = helpformat.translate_extra(definition, helpformat.language)
            self.write(indent + term)
            if not definition:
                self.write("\n")
                continue
            lines = wrap(definition, room)
            if width(term) <= first:
                self.write(" " * (first - width(term) + col_spacing))
            else:
                self.write("\n" + indent + " " * (first + col_spacing))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(indent + " " * (first + col_spacing) + line + "\n")


class HelpContext(click.Context):
    formatter_class = HelpFormatter


# --- the group and its commands ------------------------------------------------------------


class _Localized:
    """Help drawn by :mod:`ipplan.cli.helpformat`, in the language the group chose."""

    context_class: type[click.Context] = HelpContext

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
        prepare_completion(prog_name or "ipplan", complete_var)
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
            registry.load([cmd_name] if cmd_name in registry.MODULES else list(registry.MODULES))
            self._build()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, in the order of :data:`ipplan.cli.registry.MODULES` whatever order
        their modules were imported in (a module imported early registers its commands first)."""
        registry.load(list(registry.MODULES))
        self._build()
        return list(registry.ordered(dict(self.commands)))

    def _build(self) -> None:
        """Build the commands registered since, and give them their help as :meth:`main` gave
        the others theirs, in the language it chose."""
        known = dict(self.commands)
        build_commands(app, known)
        if len(known) > len(self.commands):
            self.commands = registry.ordered(known)
            helpformat.localize(self, helpformat.language, example_day())


def build_commands(app: typer.Typer, known: dict[str, click.Command]) -> None:
    """Add to ``known`` the Click command of each command registered on ``app`` not yet in it."""
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or get_command_name(info.callback.__name__)
        if name not in known:
            known[name] = get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )


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
            said = value_message(exc.message, lang)
            message = text("bad-parameter", lang, param=shown, message=said)
    if "--json" in argv:
        output.print_error_json("usage", message)
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(text("usage.hint", lang, command=ctx.command_path) + "\n", err=True)
    typer.echo(output.error_prefix(lang) + message, err=True)


def value_message(message: str, lang: str) -> str:
    """What Click said of a value it refused (not a number, not one of the choices), in
    ``lang`` where ipplan knows it; a value ipplan refused itself, as it said it."""
    said = message.removeprefix(VALUE_ERROR)
    if said.startswith(NOT_AN_INTEGER_START) or said.endswith(NOT_AN_INTEGER_END):
        said = text("usage.not-an-integer", lang)
    if (found := NOT_ONE_OF.match(message)) is not None:
        choices = [choice.strip("'") for choice in found["choices"].split(", ")]
        said = text("usage.not-one-of", lang, value=found["value"], choices=joined(choices, lang))
    return said


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
        if NEEDS_VALUE in exc.message:
            return text("usage.option-needs-value", lang, option=exc.option_name)
        if TAKES_NO_VALUE in exc.message:
            return text("usage.option-takes-no-value", lang, option=exc.option_name)
    if (found := NO_SUCH_COMMAND.match(exc.message)) is not None:
        similar = ""
        if found["similar"]:
            names = [name.strip("'") for name in found["similar"].split(", ")]
            similar = text("usage.possible-options", lang, options=joined(names, lang))
            similar = similar if lang == "zh" else " " + similar
        return text("usage.no-such-command", lang, command=found["command"], similar=similar)
    if (found := EXTRA_ARGUMENTS.match(exc.message)) is not None:
        return text("usage.extra-arguments", lang, args=found["args"])
    return message


_OPTION_LIKE = re.compile(r"--?[A-Za-z]")


def _unknown_option(exc: click.exceptions.ClickException, lang: str) -> str | None:
    """An option the command does not have, given where the command reads what it does not
    know as arguments (``record``, so that a value may be negative): said to be an unknown
    option, with those it has that are close, rather than an extra argument."""
    found = EXTRA_ARGUMENTS.match(exc.message)
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


# --- shell completion -------------------------------------------------------------------------


def prepare_completion(prog: str, variable: str | None) -> None:
    """Register Typer's completion for each shell when a shell is asking for completions
    (only then: it costs start-up time that every other run would pay for nothing)."""
    variable = variable or "_{}_COMPLETE".format(prog.replace("-", "_").upper())
    if variable in os.environ:
        completion_init()


def show_completion(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Print the completion script for the shell named (or the one running) and stop."""
    if not value or ctx.resilient_parsing:
        return
    completion_init()
    prog = ctx.find_root().info_name or "ipplan"
    variable = "_{}_COMPLETE".format(prog.replace("-", "_").upper())
    typer.echo(
        get_completion_script(
            prog_name=prog, complete_var=variable, shell=completion.shell_of(value)
        )
    )
    raise typer.Exit()


def install_completion(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Install completion for the shell named (or the one running) and stop."""
    if not value or ctx.resilient_parsing:
        return
    completion_init()
    prog = ctx.find_root().info_name or "ipplan"
    variable = "_{}_COMPLETE".format(prog.replace("-", "_").upper())
    shell, path = install_script(
        shell=completion.shell_of(value), prog_name=prog, complete_var=variable
    )
    from ipplan.render import terminal

    # the shell reads the script only when it starts, or when its start-up file is read again
    lang = lang_.input_lang()
    rc = {"bash": ".bashrc", "zsh": ".zshrc"}.get(shell)
    if rc is not None:
        said = text("completion.installed.rc", lang, shell=shell, path=path, rc=f"~/{rc}")
    elif shell == "fish":
        said = text("completion.installed.fish", lang, path=path)
    else:
        said = text("completion.installed.powershell", lang, shell=shell, path=path)
    terminal.print_lines([said])
    raise typer.Exit()


# --- the application --------------------------------------------------------------------------


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
            callback=install_completion,
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
            callback=show_completion,
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = {"data": data, "lang": lang, "plan": plan_name}
