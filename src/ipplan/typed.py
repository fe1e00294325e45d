"""Values and text as people type them, read strictly.

A figure pasted from a spreadsheet or typed with a Chinese input method may come with full-width
digits (３１３４７), thousands separators (31,347), a trailing unit (80.5%) or spaces around it.
Each of those has one meaning and is accepted. Anything that could mean two things (31,34 is a
decimal comma in some locales, a thousands separator gone wrong in others) is refused with a
message, and so are NaN and the infinities, which no plan counts.

Text typed for a field (a source, a note, a lead unit) must not carry terminal control
characters: an escape sequence in a note would otherwise recolour or rewrite the terminal of
everyone who later reads it.
"""

from __future__ import annotations

import math
import re

from ipplan.errors import AmbiguousNumber, ControlCharacter, NotANumber, ValueTooLarge, WrongUnit

Value = int | float

# Larger than any count or amount the plan could hold, and small enough that every value
# converts to a float exactly enough for the assessment's arithmetic.
MAX_VALUE = 10**12
MAX_TYPED = 64  # characters; a longer "number" is a paste gone wrong

# Full-width ASCII (U+FF01-U+FF5E) to ASCII, and the other spaces and minus signs people paste.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x2212: 0x2D})
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+)((?:\.\d+)?)", re.ASCII)
_UNITS = ("%", "‰", "亿元", "人", "家")

# C0 and C1 controls (Unicode category Cc) but line feed and tab, and the bidirectional marks,
# overrides and isolates that reorder what a terminal shows ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_value(text: str, unit: str | None = None) -> Value:
    """The number ``text`` stands for: an int when written without a fraction, else a float.

    ``unit`` is the indicator's unit; a trailing unit is accepted only when it is that one.
    """
    cleaned = text.translate(_WIDTH).strip()
    if len(cleaned) > MAX_TYPED:
        raise NotANumber(value=_shown(text))
    for suffix in _UNITS:
        if cleaned.endswith(suffix) and cleaned != suffix:
            if suffix != unit:
                raise WrongUnit(value=_shown(text), typed=suffix, unit=unit or "")
            cleaned = cleaned[: -len(suffix)].rstrip()
            break
    grouped = _GROUPED.fullmatch(cleaned)
    if grouped:
        cleaned = grouped.group(1) + grouped.group(2).replace(",", "") + grouped.group(3)
    elif "," in cleaned:
        raise AmbiguousNumber(value=_shown(text))
    if not _NUMBER.fullmatch(cleaned):
        raise NotANumber(value=_shown(text))
    fraction = any(mark in cleaned for mark in ".eE")
    if not fraction:
        number: Value = int(cleaned)
    else:
        number = float(cleaned)
        if not math.isfinite(number):
            raise NotANumber(value=_shown(text))
    if abs(number) > MAX_VALUE:
        raise ValueTooLarge(value=_shown(text), limit=MAX_VALUE)
    return number


def control_character(value: str) -> str | None:
    """The first terminal control character in ``value`` as U+XXXX, or None.

    Line feeds and tabs are allowed: a multi-line note or measure is ordinary text.
    """
    found = _CONTROL.search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def clean_text(value: str | None, field: str) -> str | None:
    """Typed text with surrounding spaces removed (None when empty); control characters refused."""
    if value is None:
        return None
    found = control_character(value)
    if found is not None:
        raise ControlCharacter(field=field, char=found)
    stripped = value.strip()
    return stripped or None


def printable(value: str) -> str:
    """``value`` with every control character shown as an escape, safe to print anywhere."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def _shown(text: str) -> str:
    """Typed text as it may appear in a message: escaped, and cut short when very long."""
    shown = printable(text)
    return shown if len(shown) <= MAX_TYPED else shown[: MAX_TYPED - 1] + "…"
