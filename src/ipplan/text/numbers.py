"""Numbers that mean what they look like, in a data file and as typed.

YAML 1.1 (PyYAML, and ipplan's files until now) and YAML 1.2 (the YAML language server in
editors, most other tools) read some plain numbers differently: ``040000`` is 16384 to one and
40000 to the other, ``1:20`` is 80 or text, ``1_000`` is 1000 or text, ``1e3`` is text or 1000.
Such a number is refused, with both readings and the way to write it, and so is a number in hex,
octal or binary, which no plan's figure is written in. A plain decimal (``31347``, ``80.5``,
``1.0e-05``) reads the same everywhere and is taken as it is.

The same rule applies to a value typed on the command line and to a CSV import, so the same text
never means two numbers in two places.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any, NamedTuple

Reading = int | float | None  # None: read as text, not as a number

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"

# The YAML 1.2 core schema's numbers (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_INT12 = re.compile(r"[-+]?[0-9]+")
_OCT12 = re.compile(r"0o[0-7]+")
_HEX12 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF12 = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN12 = re.compile(r"\.(nan|NaN|NAN)")
# Forms in another base than ten, in either version.
_BASE = re.compile(r"[-+]?0[xXoObB]")


@functools.cache
def yaml11() -> tuple[Any, Any, Any]:
    """PyYAML's resolver, constructor and scalar node class, imported only when a number is
    read: a plan read from the cache needs none of them."""
    import yaml.resolver
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode

    return yaml.resolver.Resolver(), SafeConstructor(), ScalarNode


class Form(NamedTuple):
    """Why a number is refused: ``code`` (``number-form``: the two versions read it differently;
    ``number-base``: not decimal; ``number-precision``: more digits than a number keeps;
    ``number-too-large``: beyond the largest number), and the message's values."""

    code: str
    params: dict[str, Any]


def read11(text: str) -> Reading:
    """What a YAML 1.1 reader (PyYAML) makes of ``text`` as a plain scalar: a number, or None."""
    resolver, constructor, scalar_node = yaml11()
    tag = resolver.resolve(scalar_node, text, (True, False))
    if tag not in (_INT, _FLOAT):
        return None
    node = scalar_node(tag, text)
    try:
        value: int | float = (
            constructor.construct_yaml_int(node)
            if tag == _INT
            else constructor.construct_yaml_float(node)
        )
    except ValueError:  # more digits than Python converts; reported as too large elsewhere
        return None
    return value


def read12(text: str) -> Reading:
    """What a YAML 1.2 core reader makes of ``text`` as a plain scalar: a number, or None."""
    try:
        return _read12(text)
    except ValueError:  # more digits than Python converts; reported as too large elsewhere
        return None


def _read12(text: str) -> Reading:
    if _INT12.fullmatch(text):
        return int(text)
    if _OCT12.fullmatch(text):
        return int(text[2:], 8)
    if _HEX12.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT12.fullmatch(text):
        return float(text)
    if _INF12.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN12.fullmatch(text):
        return math.nan
    return None


def _same(a: Reading, b: Reading) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def decimal(value: int | float) -> str:
    """``value`` written so that both versions read it the same."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{'' if exponent.startswith(('-', '+')) else '+'}{exponent}"
    elif "e" in text and not text.split("e")[1].startswith(("-", "+")):
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e+{exponent}"
    return text


# Integers and fractions every version reads alike, as Python does: 31347, -0.5, 80.25.
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


# A number keeps 15 significant digits whatever they are; more may be lost.
KEPT_DIGITS = 15


def check(text: str) -> Form | None:
    """Why the plain scalar ``text`` may not stand for a number, or None when it may (or when
    both versions read it as text)."""
    if _PLAIN_DECIMAL.fullmatch(text):  # the common case, without PyYAML's resolver
        return None if "." not in text else inexact(text, float(text))
    return check_both(text)


def inexact(text: str, reading: float) -> Form | None:
    """``number-precision`` when ``reading``, the number ``text`` was read as, is not the
    number it shows (36000.000000000000001 read as 36000.0); None when it is, or when no more
    than 15 significant digits are written, which a number always keeps."""
    if sum(c.isdigit() for c in text.lower().partition("e")[0]) <= KEPT_DIGITS:
        return None
    if not math.isfinite(reading):
        return None  # said by the range checks
    from decimal import Decimal

    if Decimal(repr(reading)) == Decimal(text):
        return None
    return Form("number-precision", {"text": text, "kept": decimal(reading)})


def check_both(text: str) -> Form | None:
    """:func:`check`, by reading ``text`` as each version does."""
    old, new = read11(text), read12(text)
    meant = new if new is not None else old
    if meant is None:
        return None
    shown = {"text": text, "yaml11": old, "yaml12": new}
    if not _same(old, new):
        if not math.isfinite(meant):  # 1e400: text to one version, infinity to the other
            return Form("number-too-large", {"text": text})
        return Form("number-form", {**shown, "decimal": decimal(meant)})
    if _BASE.match(text):
        return Form("number-base", {**shown, "decimal": decimal(meant)})
    if isinstance(meant, float) and math.isinf(meant) and not _INF12.fullmatch(text):
        return Form("number-too-large", {"text": text})  # 1.0e+400, read as infinity by both
    return inexact(text, meant) if isinstance(meant, float) else None
