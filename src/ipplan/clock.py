"""Today's date, the day overdue figures and milestones are judged on.

``IPPLAN_TODAY=YYYY-MM-DD`` sets it, so that tests, and anyone asking "what would ipplan have
said on that day", get the same answer on any day.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from ipplan.errors import InvalidToday

ENV_VAR = "IPPLAN_TODAY"


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """``$IPPLAN_TODAY`` when it is set, else the local date."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidToday(value=value, var=ENV_VAR) from None


def example_day(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today for an example in help or a hint: a bad ``$IPPLAN_TODAY`` is told elsewhere, by the
    command that judges something on it, so here it falls back to the local date."""
    try:
        return today(environ)
    except InvalidToday:
        return dt.date.today()
