"""Values and text as people type them, read strictly.

A figure pasted from a spreadsheet or typed with a Chinese input method may come with full-width
digits (３１３４７), thousands separators (31,347), a trailing unit (80.5%), spaces around it, or
a Chinese multiplier where the unit gives it one meaning (3.6万 people is 36000; 500亿 in 亿元 is
500). Each of those has one meaning and is accepted. Anything that could mean two things (31,34 is a
decimal comma in some locales, a thousands separator gone wrong in others) is refused with a
message, and so are NaN and the infinities, which no plan counts.

Text typed for a field (a source, a note, a lead unit) must not carry terminal control
characters: an escape sequence in a note would otherwise recolour or rewrite the terminal of
everyone who later reads it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ipplan.data import visible
from ipplan.errors import (
    AmbiguousNumber,
    ControlCharacter,
    InvisibleText,
    NotANumber,
    NotAYear,
    NumberForm,
    UndecodableText,
    ValueTooLarge,
    WrongUnit,
)
from ipplan.text import numbers
from ipplan.units import LIBRARY

Value = int | float

# Larger than any count or amount the plan could hold, and small enough that every value
# converts to a float exactly enough for the assessment's arithmetic.
MAX_VALUE = 10**12
MAX_TYPED = 64  # characters; a longer "number" is a paste gone wrong

# Full-width ASCII (U+FF01-U+FF5E) to ASCII, and the other spaces and minus signs people paste.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x2212: 0x2D})
# For names only letters, digits and the full stop: a name's own full-width comma stays as it is.
_NAME_WIDTH = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E)
}
_NAME_WIDTH[0x3000] = 0x20
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+)((?:\.\d+)?)", re.ASCII)
# What 万 and 亿 multiply a value by, per unit, where the unit makes that unambiguous: 3.6万 people
# is 36000 people, and in 亿元 (hundreds of millions of yuan) 500亿 is 500 and 1.2万亿 is 12000.
# 万 alone in 亿元 would be 万元, a slip more likely than a figure; percentages take none.
# Other counts of the library (件, 次, 项, ...) read 万 and 亿 as people do.
_COUNTS = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
SCALES: dict[str, dict[str, int]] = {
    **{unit.symbol: _COUNTS for unit in LIBRARY.values() if unit.whole},
    "亿元": {"万亿": 10**4, "亿": 1},
}
_MULTIPLIERS = ("万亿", "亿", "万")
_NOT_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)
_NUMBER_CHARS = set("0123456789.,+-eE")

# C0 and C1 controls (Unicode category Cc) but line feed and tab, and the bidirectional marks,
# overrides and isolates that reorder what a terminal shows ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_value(text: str, unit: str | None = None, known: Sequence[str] = ()) -> Value:
    """The number ``text`` stands for: an int when it is whole and written without a fraction,
    else a float.

    ``unit`` is the indicator's unit; a trailing unit is accepted only when it is that one, and
    万 or 亿 only where :data:`SCALES` gives them one meaning in that unit. ``known`` are the
    plan's other units, refused when typed after a value. A refusal says what was not
    understood (``reason``, and the character or multiplier).
    """
    cleaned = text.translate(_WIDTH).strip()
    shown = _shown(text)
    if not cleaned:
        raise NotANumber(value=shown, reason="empty", unit=unit)
    if len(cleaned) > MAX_TYPED:
        raise NotANumber(value=shown, reason="too-long", unit=unit)
    # the indicator's own unit first, so that 3万人 is 3万 people rather than the unit 万人
    others = sorted({*known, *LIBRARY} - {unit}, key=lambda s: (-len(s), s))
    for suffix in [*([unit] if unit else []), *others]:
        if cleaned.endswith(suffix) and cleaned != suffix:
            if suffix != unit:
                raise WrongUnit(value=shown, typed=suffix, unit=unit or "")
            cleaned = cleaned[: -len(suffix)].rstrip()
            if suffix == "亿元":  # 1.2万亿元 is 1.2万亿 of the unit: let the multiplier read it
                cleaned += "亿"
            break
    scale = 1
    for multiplier in _MULTIPLIERS:
        if cleaned.endswith(multiplier) and cleaned != multiplier:
            scales = SCALES.get(unit or "", {})
            if multiplier not in scales:
                raise NotANumber(value=shown, reason="scale", scale=multiplier, unit=unit)
            scale = scales[multiplier]
            cleaned = cleaned[: -len(multiplier)].rstrip()
            break
    if _NOT_FINITE.fullmatch(cleaned):
        raise NotANumber(value=shown, reason="not-finite", unit=unit)
    if " " in cleaned:
        raise NotANumber(value=shown, reason="space", unit=unit)
    grouped = _GROUPED.fullmatch(cleaned)
    if grouped:
        cleaned = grouped.group(1) + grouped.group(2).replace(",", "") + grouped.group(3)
    elif "," in cleaned:
        raise AmbiguousNumber(value=shown)
    # What a data file refuses (040000, 1:20, 1_000, 0x1F, 1e3) is refused here too, with the
    # same message, so that the same text never means two numbers.
    form = numbers.check(cleaned)
    if not _NUMBER.fullmatch(cleaned):
        if form is not None:
            raise NumberForm(form.code, {**form.params, "typed": True})
        stray = next((c for c in cleaned if c not in _NUMBER_CHARS), None)
        if stray is not None:
            raise NotANumber(value=shown, reason="character", char=printable(stray), unit=unit)
        raise NotANumber(value=shown, reason="format", unit=unit)
    fraction = any(mark in cleaned for mark in ".eE")
    if scale != 1:
        from decimal import Decimal, InvalidOperation  # only when a scaled value is typed

        try:
            exact = Decimal(cleaned) * scale
        except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
            raise NotANumber(value=shown, reason="format", unit=unit) from None
        if not exact.is_finite() or abs(exact) > MAX_VALUE:
            raise ValueTooLarge(value=shown, limit=MAX_VALUE)
        whole = exact == exact.to_integral_value()
        number: Value = int(exact) if whole else float(exact)
        lost = None if whole else numbers.inexact(str(exact), number)  # 0.046200000000000005万亿
        if lost is not None:
            raise NumberForm(lost.code, {**lost.params, "text": shown, "typed": True})
    elif not fraction:
        number = int(cleaned)
    else:
        number = float(cleaned)
        if not math.isfinite(number):  # 1e400: more than any number
            raise ValueTooLarge(value=shown, limit=MAX_VALUE)
    if abs(number) > MAX_VALUE:
        raise ValueTooLarge(value=shown, limit=MAX_VALUE)
    if form is not None:
        raise NumberForm(form.code, {**form.params, "typed": True})
    return number


_YEAR = re.compile(r"(\d{4})\s*(?:年度|年)?", re.ASCII)


def parse_year(text: str) -> int:
    """The year ``text`` names: 2024, ２０２４ or 2024年 (as the output writes it)."""
    cleaned = text.translate(_WIDTH).strip()
    found = _YEAR.fullmatch(cleaned)
    if found is None:
        from ipplan.clock import example_day

        raise NotAYear(value=_shown(text), example=example_day().year - 1)
    return int(found.group(1))


def normalized(text: str) -> str:
    """Typed text with full-width letters and digits made plain and outer spaces removed, for
    looking up names: ３ is 3, ｐｒａｃｔｉｔｉｏｎｅｒｓ is practitioners."""
    return text.translate(_NAME_WIDTH).strip()


def control_character(value: str) -> str | None:
    """The first terminal control character in ``value`` as U+XXXX, or None.

    Line feeds and tabs are allowed: a multi-line note or measure is ordinary text.
    """
    found = _CONTROL.search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


# What Python makes of bytes on the command line that are not text in the locale's encoding.
_UNDECODED = re.compile("[\ud800-\udfff]")


def clean_text(value: str | None, field: str) -> str | None:
    """Typed text with surrounding spaces removed (None when given empty, as a script passes
    an unset variable); control characters and text that shows nothing (only spaces or
    invisible characters) refused."""
    if value is None:
        return None
    if _UNDECODED.search(value) is not None:  # bytes of another encoding, as Python keeps them
        raise UndecodableText(field=field)
    found = control_character(value)
    if found is not None:
        raise ControlCharacter(field=field, char=found)
    if value and not visible(value):
        raise InvisibleText(
            field=field, chars=", ".join(sorted({f"U+{ord(c):04X}" for c in value}))
        )
    return value.strip() or None


def printable(value: str) -> str:
    """``value`` with every control character shown as an escape, safe to print anywhere."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def _shown(text: str) -> str:
    """Typed text as it may appear in a message: escaped, and cut short when very long."""
    shown = printable(text)
    return shown if len(shown) <= MAX_TYPED else shown[: MAX_TYPED - 1] + "…"
