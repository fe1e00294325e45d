"""Values as people type them on the command line, read or refused as a usage error (exit 2).

A year (2024, 2024年, ２０２４), an encoding, an action's status or a work item's state by its
id or its name in either language. Each refusal is a ``typer.BadParameter`` whose words come
from the catalogue; the group (:mod:`ipplan.cli.app`) frames it with the usage line.
"""

from __future__ import annotations

from enum import Enum

import typer

from ipplan.action_status import Status
from ipplan.cli import lang as lang_
from ipplan.errors import NotAYear
from ipplan.text.catalogue import CATALOGUE
from ipplan.text.i18n import error_message, joined, text


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
