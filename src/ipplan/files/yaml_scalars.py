"""What every YAML reader shares: how a plain scalar's text becomes a value (dates stay text,
only true and false are booleans) and the limits a file is read within."""

from __future__ import annotations

import re
from typing import Any

from ipplan.text import numbers

Loc = tuple[str | int, ...]
# Values in one file (every scalar, list and mapping but the keys), and keys in one file. The
# largest plan ipplan supports (10,000 indicators, benchmarks/run.py) has 240,018 values and
# 180,014 keys in its largest file (tasks.yaml, 4 MB). A file at both limits is read in
# seconds and a few hundred megabytes; past them it is refused as it is parsed, before any
# value is built (:func:`ipplan.files.yaml_libyaml.count`).
MAX_NODES = 1_000_000
# Files ipplan writes use no alias, and a person's file has little use for one: this many in a
# file, adding this many values in all (what the values they name hold, counted once for each
# alias), and no more. A 500-byte file of aliases naming aliases would otherwise be millions
# of values, read for seconds into hundreds of megabytes.
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000
MAX_KEYS = 500_000
# A text shorter than this (characters) cannot pass either limit (a value or key takes at least
# two characters): it is built without being counted first.
COUNT_FROM = 256 * 1024

TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# Numbers every YAML version reads as Python does: converted without PyYAML's constructor.
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# Plain scalars (style None, or "" from libyaml) that may be numbers to one YAML version or
# the other (see ipplan.text.numbers).
NUMBER_START = frozenset("0123456789+-.")


def scalar_value(tag: str, text: str) -> Any:
    """The value of a scalar ``text`` resolved to ``tag``, as ipplan reads it: dates and times
    stay text, and only true and false are booleans. Raises :class:`LookupError` for a tag
    ipplan does not take, :class:`ValueError` for more digits than Python converts. (The
    numbers YAML versions read differently are refused before: :mod:`ipplan.text.numbers`.)"""
    if tag in (TAG_STR, TAG_TIMESTAMP):
        return text
    if tag == TAG_BOOL:
        lowered = text.lower()
        return lowered == "true" if lowered in ("true", "false") else text
    if tag == TAG_NULL:
        return None
    if tag == TAG_INT:
        if _DECIMAL_INT.fullmatch(text):
            return int(text)
        _, constructor, node = numbers.yaml11()
        return constructor.construct_yaml_int(node(tag, text))
    if tag == TAG_FLOAT:
        if _DECIMAL_FLOAT.fullmatch(text):
            return float(text)
        _, constructor, node = numbers.yaml11()
        return constructor.construct_yaml_float(node(tag, text))
    raise LookupError(tag)
