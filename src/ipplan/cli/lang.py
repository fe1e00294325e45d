"""The language a run speaks before its options are read: --lang on the command line, else
$IPPLAN_LANG, else Chinese."""

from __future__ import annotations

import sys

from ipplan.text.i18n import resolve_lang


def lang_flag(argv: list[str]) -> str | None:
    """The value of --lang on the command line, if it is there."""
    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def input_lang(argv: list[str] | None = None) -> str:
    """The language asked for on the command line (--lang), else by $IPPLAN_LANG, else zh.

    Used while the arguments are still being read, before the command knows its options.
    """
    return resolve_lang(lang_flag(list(sys.argv[1:] if argv is None else argv)))
