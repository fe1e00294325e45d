"""How numbers read in every output: the terminal, the reports and the messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

DASH = "—"


def number(value: float | None) -> str:
    """A value as people read it: whole numbers bare, others to at most two decimals."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def exact(value: float | None) -> str:
    """A recorded value exactly as stored, for history and undo: 31347, 80.125."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    return repr(value)


def ratio(value: float | None) -> str:
    """A pace or factor to two decimals."""
    return DASH if value is None else f"{value:.2f}"


def percent(value: float | None) -> str:
    """A share (0.317) as a percentage (31.7%)."""
    return DASH if value is None else f"{value * 100:.1f}%"


def signed(value: float | None) -> str:
    """A difference with its sign: +9000, -2414.5, 0."""
    if value is None:
        return DASH
    shown = number(value)
    return shown if shown.startswith("-") or shown == "0" else f"+{shown}"


def point(value: Mapping[str, Any] | None) -> str:
    """A ``{year, value}`` point as ``31000 (2023)``."""
    return DASH if value is None else f"{number(value['value'])} ({value['year']})"


def moment(value: str | dt.datetime | None) -> str:
    """A recorded time as people read it, in the offset it was recorded in: 2024-03-01 10:05."""
    if value is None:
        return DASH
    parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.strftime("%Y-%m-%d %H:%M")
