"""What ipplan reads of Typer's and Click's insides still holds: ipplan.cli.app is the one module
that leans on them, and these tests fail, naming what changed, when an upgrade changes it.

Click finds some usage errors itself (an unknown command or option, an extra argument, a value
that is not a number or not one of the choices) and words them in English. ipplan reads those
words to tell the error in the user's language: each test here has Click find the error, checks
that the words are still the ones ipplan reads, and that ipplan then tells it from the
catalogue rather than passing Click's English on.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from typing import Annotated, Optional

import pytest
import typer
from typer.core import TyperGroup

from ipplan.text.i18n import text

# The module, not the application it holds (``ipplan.cli.app`` the package's attribute).
seam = importlib.import_module("ipplan.cli.app")

click = seam.click


class Colour(str, enum.Enum):
    red = "red"
    green = "green"


def _sample() -> typer.Typer:
    """A small application with one of each kind of parameter whose errors ipplan reads."""
    sample = typer.Typer(add_completion=False)

    @sample.command()
    def status(
        as_of: Annotated[Optional[int], typer.Option("--as-of")] = None,  # noqa: UP045
        as_json: Annotated[bool, typer.Option("--json")] = False,
        colour: Annotated[Colour, typer.Option("--colour")] = Colour.red,
        within: Annotated[int, typer.Option("--within", min=0, max=10)] = 1,
    ) -> None:
        pass

    @sample.command()
    def task(name: Annotated[str, typer.Argument()]) -> None:
        pass

    return sample


def _error(*args: str) -> click.exceptions.ClickException:
    """The usage error Click raises for ``args`` given to the sample application."""
    command = typer.main.get_command(_sample())
    try:
        command.main(list(args), prog_name="ipplan", standalone_mode=False)
    except click.exceptions.ClickException as exc:
        return exc
    pytest.fail(f"Click found no error in {args}")


def _told(exc: click.exceptions.ClickException, lang: str = "zh") -> str:
    """What ipplan says for ``exc``; it must not be Click's own English."""
    told = seam.click_message(exc, lang)
    assert told != exc.format_message(), (
        f"Click now says {exc.format_message()!r}, which ipplan.cli.app no longer reads: "
        "update its pattern so that the message is told from the catalogue"
    )
    return told


def test_an_unknown_command_is_worded_as_ipplan_reads_it() -> None:
    exc = _error("statsu")
    found = seam.NO_SUCH_COMMAND.match(exc.message)
    assert found is not None, exc.message
    assert found["command"] == "statsu" and found["similar"] == "'status', 'task'"
    assert _told(exc) == text(
        "usage.no-such-command",
        "zh",
        command="statsu",
        similar=text("usage.possible-options", "zh", options="status、task"),
    )


def test_extra_arguments_are_worded_as_ipplan_reads_them() -> None:
    for args, extra in ((("task", "a", "b"), "b"), (("task", "a", "b", "c"), "b c")):
        exc = _error(*args)
        found = seam.EXTRA_ARGUMENTS.match(exc.message)
        assert found is not None, exc.message
        assert found["args"] == extra
        assert _told(exc) == text("usage.extra-arguments", "zh", args=extra)


def test_an_option_missing_its_value_is_worded_as_ipplan_reads_it() -> None:
    exc = _error("status", "--as-of")
    assert isinstance(exc, click.exceptions.BadOptionUsage)
    assert seam.NEEDS_VALUE in exc.message, exc.message
    assert exc.option_name == "--as-of"
    assert _told(exc) == text("usage.option-needs-value", "zh", option="--as-of")


def test_a_flag_given_a_value_is_worded_as_ipplan_reads_it() -> None:
    exc = _error("status", "--json=1")
    assert isinstance(exc, click.exceptions.BadOptionUsage)
    assert seam.TAKES_NO_VALUE in exc.message, exc.message
    assert _told(exc) == text("usage.option-takes-no-value", "zh", option="--json")


def test_an_unknown_option_carries_what_ipplan_reads() -> None:
    exc = _error("status", "--jsn")
    assert isinstance(exc, click.exceptions.NoSuchOption)
    assert exc.option_name == "--jsn"
    assert exc.possibilities is not None and list(exc.possibilities) == ["--json"]
    told = _told(exc)
    assert told.startswith(text("usage.no-such-option", "zh", option="--jsn"))
    assert told.endswith(text("usage.possible-options", "zh", options="--json"))


def test_a_value_not_among_the_choices_is_worded_as_ipplan_reads_it() -> None:
    exc = _error("status", "--colour", "blue")
    assert isinstance(exc, click.exceptions.BadParameter)
    found = seam.NOT_ONE_OF.match(exc.message)
    assert found is not None, exc.message
    assert found["value"] == "blue" and found["choices"] == "'red', 'green'"
    assert seam.value_message(exc.message, "zh") == text(
        "usage.not-one-of", "zh", value="blue", choices="red、green"
    )


def test_a_value_not_a_number_is_worded_as_ipplan_reads_it() -> None:
    for option in ("--as-of", "--within"):  # a plain int, and one with a range
        exc = _error("status", option, "x")
        assert isinstance(exc, click.exceptions.BadParameter)
        said = exc.message.removeprefix(seam.VALUE_ERROR)
        assert said.startswith(seam.NOT_AN_INTEGER_START) or said.endswith(
            seam.NOT_AN_INTEGER_END
        ), f"Click now says {said!r} of a value that is not a number"
        for lang in ("zh", "en"):
            told = seam.value_message(exc.message, lang)
            assert told == text("usage.not-an-integer", lang)


def test_usage_errors_are_told_from_the_catalogue_in_both_languages() -> None:
    """The whole frame, through ipplan's own group: usage line, hint, catalogue message."""
    from typer.testing import CliRunner

    from ipplan.cli import app

    env = {"COLUMNS": "80", "LC_ALL": None, "LANG": "C.UTF-8", "IPPLAN_LANG": None}
    for lang in ("zh", "en"):
        result = CliRunner().invoke(app, ["due", "--within", "x", "--lang", lang], env=env)
        assert result.exit_code == 2
        usage = text("help.usage", lang) + "ipplan due " + text("help.options_metavar", lang)
        assert result.stderr.splitlines()[0] == usage
        said = text("usage.not-an-integer", lang)
        assert result.stderr.rstrip().endswith(said), result.stderr


def test_the_internals_ipplan_calls_are_there() -> None:
    """Typer's builders and completion, and the parts of Click ipplan subclasses."""
    builder = inspect.signature(seam.get_command_from_info).parameters
    assert {"command_info", "pretty_exceptions_short", "rich_markup_mode"} <= set(builder)
    assert seam.get_command_name("workplan_import") == "workplan-import"
    script = inspect.signature(seam.get_completion_script).parameters
    assert {"prog_name", "complete_var", "shell"} <= set(script)
    assert {"shell", "prog_name", "complete_var"} <= set(
        inspect.signature(seam.install_script).parameters
    )
    assert callable(seam.completion_init)
    assert "_IPPLAN_COMPLETE" in seam.get_completion_script(
        prog_name="ipplan", complete_var="_IPPLAN_COMPLETE", shell="bash"
    )
    for name in ("write_usage", "section", "write_heading", "write_text", "write_dl"):
        ours = inspect.signature(getattr(seam.HelpFormatter, name)).parameters.values()
        clicks = inspect.signature(getattr(click.HelpFormatter, name)).parameters.values()
        kinds = [(p.kind, p.default) for p in clicks]
        assert [(p.kind, p.default) for p in ours] == kinds, f"click.HelpFormatter.{name} changed"
    assert seam.HelpContext.formatter_class is seam.HelpFormatter
    assert issubclass(seam.IpplanGroup, TyperGroup)
    assert isinstance(seam.app.registered_commands, list)
    for attribute in ("pretty_exceptions_short", "rich_markup_mode"):
        assert hasattr(seam.app, attribute), attribute
    for exception in ("NoArgsIsHelpError", "MissingParameter", "NoSuchOption", "BadOptionUsage"):
        assert issubclass(getattr(click.exceptions, exception), click.exceptions.UsageError)


def test_only_the_app_module_reaches_inside_typer_and_click() -> None:
    """``typer._...`` and ``typer.main`` are named by ipplan.cli.app alone."""
    import re
    from pathlib import Path

    package = Path(seam.__file__).resolve().parents[1]
    private = re.compile(r"\btyper\s*(\.\s*_\w+|import\s+_\w+|\.main\b)")
    leaning = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.name != "app.py" and private.search(path.read_text(encoding="utf-8"))
    ]
    assert leaning == []
