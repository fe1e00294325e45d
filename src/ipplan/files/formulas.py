"""Text cells that a spreadsheet would take for a formula, made plain data.

OWASP's CSV-injection guidance: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return may be run as a formula when the file is opened in Excel, LibreOffice or Google
Sheets, so such a cell is written with a single quote in front, which the spreadsheet shows and
never evaluates. A cell that already starts with a quote gets one more, so that
:func:`literal` (what ``ipplan import`` applies) gives back exactly the text that was written.
Numbers are never text cells here: -5 stays the number -5.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def needs_quote(text: str) -> bool:
    """Whether ``text`` as a cell could be read as a formula, or starts with the quote itself."""
    return text.startswith((*TRIGGERS, QUOTE))


def neutral(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet shows and never runs."""
    return QUOTE + text if needs_quote(text) else text


def literal(cell: str) -> str:
    """The text a cell written by :func:`neutral` stands for; other cells are left as they are."""
    if cell.startswith(QUOTE) and needs_quote(cell[1:]):
        return cell[1:]
    return cell
