"""``--help`` in the user's language, from the catalogue, wrapped by the width characters take.

Every command's and parameter's help comes from :mod:`ipplan.text.helptexts` (see :func:`localize`),
so the Chinese and English help say the same thing. The frame Click draws around it (``Usage:``,
the section headings, ``[required]``, ``default:``) is translated by :class:`Formatter`, which
also wraps by display width: a Chinese character takes two columns, and a line may break between
two of them but never before closing punctuation such as ``，`` or ``。``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer import _click as click

from ipplan.text.i18n import CATALOGUE, lang_code, text
from ipplan.text.wrapping import width, wrap

# The language the help is drawn in; the command group sets it before anything is drawn.
language = "en"

_EXTRA = re.compile(r"^(?P<help>.*?)\s*\[(?P<extra>[^\[\]]*)\]$", re.S)


def help_language(flag: str | None, environ: dict[str, str] | Any) -> str:
    """--lang, else $IPPLAN_LANG, else Chinese in a Chinese locale, else English."""
    for chosen in (flag, environ.get("IPPLAN_LANG")):
        if (code := lang_code(chosen)) is not None:
            return code
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:  # the first one set decides, as POSIX says
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _examples(today: dt.date) -> dict[str, int]:
    year = today.year - 1  # the last year that has ended: the one whose figures come in now
    return {
        "year": year,
        "this_year": today.year,
        "next_year": today.year + 1,
        "next_last": today.year + 5,
    }


def help_text(key: str, lang: str, today: dt.date) -> str:
    return text(key, lang, **_examples(today))


def localize(group: click.Command, lang: str, today: dt.date) -> None:
    """Give the group, its commands and their parameters their help in ``lang``."""
    global language
    language = lang
    _localize_command(group, "ipplan", lang, today)
    for name, command in getattr(group, "commands", {}).items():
        _localize_command(command, name, lang, today)


def _localize_command(command: click.Command, name: str, lang: str, today: dt.date) -> None:
    key = f"help.{name}"
    if key in CATALOGUE:
        command.help = help_text(key, lang, today)
        command.short_help = command.help.split("\n", 1)[0]  # shown whole, wrapped
    for param in command.params:
        param_key = parameter_key(name, param.name or "")
        if param_key is not None and hasattr(param, "help"):
            param.help = help_text(param_key, lang, today)


def parameter_key(command: str, parameter: str) -> str | None:
    """The catalogue key of a parameter's help: its command's own, else the shared one."""
    for key in (f"help.{command}.{parameter}", f"help.opt.{parameter}"):
        if key in CATALOGUE:
            return key
    return None


# --- drawing ----------------------------------------------------------------------------------


def translate_extra(said: str, lang: str) -> str:
    """Click's ``[default: 30; required]`` after a parameter's help, in ``lang``."""
    if lang == "en":
        return said
    match = _EXTRA.match(said)
    if match is None:
        return said
    parts = []
    for part in match.group("extra").split("; "):
        if part == "required":
            parts.append(text("help.required", lang).strip("[]"))
        elif part.startswith("default: "):
            parts.append(text("help.default", lang, value=part.removeprefix("default: ")))
        else:
            parts.append(part)
    head = match.group("help")
    return f"{head}  [{'；'.join(parts)}]" if head else f"[{'；'.join(parts)}]"


class Formatter(click.HelpFormatter):
    """Click's help formatter, in :data:`language`, wrapping by display width.

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
            args = args.replace(english, text(key, language))
        start = f"{' ' * self.current_indent}{text('help.usage', language)}{prog} "
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
        with super().section(text(key, language) if key in CATALOGUE else name):
            yield

    def write_heading(self, heading: str) -> None:
        colon = "：" if language == "zh" else ":"
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
            definition = translate_extra(definition, language)
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


class Context(click.Context):
    formatter_class = Formatter
