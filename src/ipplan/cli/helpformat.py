"""``--help`` in the user's language, from the catalogue, wrapped by the width characters take.

Every command's and parameter's help comes from :mod:`ipplan.text.helptexts` (see :func:`localize`),
so the Chinese and English help say the same thing. The frame Click draws around it (``Usage:``,
the section headings, ``[required]``, ``default:``) is translated by
:class:`ipplan.cli.app.HelpFormatter`, which also wraps by display width: a Chinese character
takes two columns, and a line may break between two of them but never before closing
punctuation such as ``，`` or ``。``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ipplan.text.catalogue import CATALOGUE
from ipplan.text.i18n import lang_code, text

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


def localize(group: Any, lang: str, today: dt.date) -> None:
    """Give the group, its commands and their parameters their help in ``lang``."""
    global language
    language = lang
    _localize_command(group, "ipplan", lang, today)
    for name, command in getattr(group, "commands", {}).items():
        _localize_command(command, name, lang, today)


def _localize_command(command: Any, name: str, lang: str, today: dt.date) -> None:
    key = f"help.{name}"
    if key in CATALOGUE:
        command.help = help_text(key, lang, today)
        command.short_help = command.help.split("\n", 1)[0]  # shown whole, wrapped
    for param in command.params:
        param_key = parameter_key(name, param.name or "")
        if param_key is not None and hasattr(param, "help"):
            param.help = help_text(param_key, lang, today)
        if getattr(param, "param_type_name", "") == "option" and not getattr(param, "is_flag", 0):
            param.metavar = option_metavar(param, lang)


# Option metavars named in the code that mean a kind of value, shown in the help's language.
_KINDS = {"YEAR": "year", "YYYY-MM-DD": "date"}
# the names of the types an option without a metavar takes
_TYPES = {"str": "text", "int": "number", "int range": "number", "float": "number"}


def option_metavar(param: Any, lang: str) -> str | None:
    """The word an option's help shows for its value: the kind in words (TEXT, NUMBER, YEAR,
    DATE; 文本, 数值, 年份, 日期) where the code names none or names a kind, else the name the
    code gives (DIR, NAME), or Click's own (a list of choices)."""
    given = param.__dict__.setdefault("_given_metavar", param.metavar)
    kind = _KINDS.get(given) if given is not None else _TYPES.get(getattr(param.type, "name", ""))
    return given if kind is None else text(f"help.kind.{kind}", lang)


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
