"""The catalogue of every word ipplan shows, in Chinese and English, one module per area.

Each module holds a ``MESSAGES`` table of ``id: (zh, en)``; :data:`CATALOGUE` joins them and
refuses an id that two areas both define, so one word has one home.
"""

from __future__ import annotations

from ipplan.text.catalogue import (
    errors,
    input,
    places,
    problems,
    public_record,
    site,
    terms,
    values,
    workplans,
)
from ipplan.text.helptexts import HELP

AREAS = (terms, places, site, errors, workplans, problems, values, input, public_record)


def _joined() -> dict[str, tuple[str, str]]:
    joined: dict[str, tuple[str, str]] = {}
    tables = [(area.__name__, area.MESSAGES) for area in AREAS]
    tables.append(("ipplan.text.helptexts", HELP))  # the help of every command and option
    for where, table in tables:
        for key, words in table.items():
            if key in joined:
                raise RuntimeError(f"catalogue id {key!r} is defined twice ({where})")
            joined[key] = words
    return joined


CATALOGUE = _joined()
