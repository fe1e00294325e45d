"""Read the block YAML that plan files are written in, without the YAML parser.

Nearly every plan file is block mappings and sequences of one-line scalars, with flow lists and
mappings of scalars on one line (``measures: [举措。]``, ``baseline: {year: 2021, value: 26829}``).
This module reads exactly that, line by line, several times faster than libyaml's composer
followed by :mod:`ipplan.files.yaml_read`'s builder, and gives the same data and the same line of
every
key and item. Whatever it is not sure of (a tag, an anchor, a block or multi-line scalar, an
escape, a comment after a plain value that might be part of it, a tab, a character YAML or
ipplan treats specially, a number the two YAML versions read differently, a duplicate key,
anything malformed) makes :func:`read` return None, and the file goes to the parser, which
also says what is wrong and where. Tests compare the two readers on generated files.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

from ipplan.files.yaml_scalars import MAX_KEYS, MAX_NODES, NUMBER_START, scalar_value
from ipplan.text import numbers

Loc = tuple[str | int, ...]

# These characters send a file to the parser: tabs, carriage returns and what YAML 1.1 takes
# for a line break (NEL, U+2028, U+2029); what it refuses (C0 and C1 controls, U+FFFE, U+FFFF,
# surrogates); a byte-order mark; and what ipplan counts as a terminal control character
# (typed.control_character: bidirectional marks and overrides). A file read here therefore
# holds no text with a control character. The class names these rather than the characters
# let through: Python takes about 7 ms to compile ranges up to U+10FFFF, at every start-up.
OUTSIDE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufffe\uffff]"
)

# libyaml takes a key of at most 1,024 characters, and the parser's builder runs out of stack
# some hundreds of levels down: a longer key, or a deeper file, is left to them to refuse.
MAX_KEY = 1000
MAX_DEPTH = 64
# A key at the start of a line's content, and what follows its colon.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
_TAIL = re.compile(r"(?: +#.*| *)")  # what may follow a quoted scalar or a flow collection
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'([^']*)'")
# A plain scalar's first character: not an indicator, and "-" only before a digit or a dot.
_PLAIN_START = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@` ]|-[0-9.]")
# One item of a flow collection, and the comma or bracket after it; plain items hold none of
# the characters that end or start something in a flow.
_FLOW_PLAIN = r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-[0-9.])[^,\[\]{}#:?\"']*?"
_FLOW_SCALAR = rf" *(?:\"([^\"\\]*)\"|'([^']*)'|({_FLOW_PLAIN})) *"
_FLOW_ITEM = re.compile(rf"{_FLOW_SCALAR}([,\]])")
_FLOW_PAIR = re.compile(rf" *([A-Za-z_][A-Za-z0-9_]*): +{_FLOW_SCALAR[2:]}([,}}])")

# First characters of plain scalars that YAML 1.1 may read as something other than text: the
# keys of PyYAML's implicit resolvers (tests hold the two equal), written out so that a record
# file is read without loading PyYAML.
RESOLVED = frozenset("!&*+-.0123456789<=FNOTYfnoty~") | {""}
# A decimal both YAML versions read alike, as numbers.check lets through (tests compare them).
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?")
# A decimal of up to this many characters has at most 15 digits, which a number always keeps.
_KEPT = numbers.KEPT_DIGITS + 1
# A character that no number or timestamp of YAML 1.1 or 1.2 holds (they hold digits, signs,
# dots, underscores, colons, spaces, hex digits, 0x/0o/0b, T and Z, and .inf and .nan).
_NOT_A_NUMBER = re.compile(r"[^0-9a-fA-FxXoObB+\-._: tTzZiInN]")
# What may start a plain scalar that is text as it stands: none of YAML's indicators, quotes,
# brackets, and no character that YAML 1.1 may resolve into something else.
_SPECIAL = frozenset("-?:,[]{}#&*!|>'\"%@` ") | RESOLVED
# The words YAML 1.1 reads as null or a boolean; ipplan takes only true and false as booleans.
_WORDS: dict[str, Any] = {
    **{word: None for word in ("~", "null", "Null", "NULL")},
    **{word: True for word in ("true", "True", "TRUE")},
    **{word: False for word in ("false", "False", "FALSE")},
}


# One line of a flat record file as ipplan writes it: a key at the margin, one space, and a
# double-quoted text without escapes, null, true, false, or a plain decimal.
_FLAT_LINE = re.compile(
    r'([a-z_]+): (?:"([^"\\]*)"|(null|true|false)|(-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?))'
)


# The longest text :func:`flat` looks at: a record file may be no longer
# (ipplan.files.yaml_read.MAX_RECORD_BYTES).
FLAT_MAX = 64 * 1024


# One string for each key of the record files, and one mapping of lines for each layout, kept
# for every file alike (100,000 of them in a plan of 10,000 indicators), and bounded whatever
# the files hold.
_KEYS: dict[str, str] = {}
_LAYOUTS: dict[tuple[tuple[str, int], ...], dict[Loc, int]] = {}


def flat(text: str, max_keys: int = MAX_KEYS) -> tuple[dict[str, Any], dict[Loc, int]] | None:
    """:func:`read` for a flat mapping of the lines ipplan writes in a record file (comments
    and blank lines between them), three times as fast; None for anything else, and for more
    than ``max_keys`` keys (the parser says where the limit was passed). A text longer than a
    record file may be is not split into lines: :func:`read` takes it if it can."""
    if len(text) > FLAT_MAX:
        return None
    data: dict[str, Any] = {}
    layout: list[tuple[str, int]] = []
    number = 0
    for line in text.split("\n"):
        number += 1
        if not line or line[0] == "#":
            continue
        match = _FLAT_LINE.fullmatch(line)
        if match is None:
            return None
        key, quoted, word, digits = match.groups()
        if key in data or len(key) > MAX_KEY or len(layout) >= max_keys:
            return None
        key = _KEYS.get(key, key)
        if quoted is not None:
            data[key] = quoted
        elif word is not None:
            data[key] = None if word == "null" else word == "true"
        elif "." not in digits:
            data[key] = int(digits)
        else:
            data[key] = float(digits)
            if len(digits) > _KEPT and numbers.inexact(digits, data[key]) is not None:
                return None  # more digits than a number keeps: the parser says so
        layout.append((key, number))
    if not data or OUTSIDE.search(text) is not None:
        return None
    return data, _lines(tuple(layout))


def _lines(layout: tuple[tuple[str, int], ...]) -> dict[Loc, int]:
    """The line of each key, as a mapping shared by every file laid out alike (nothing changes
    a document's lines once read): records written by ipplan come in a handful of layouts."""
    lines = _LAYOUTS.get(layout)
    if lines is None:
        lines = {(key,): number for key, number in layout}
        if len(_LAYOUTS) < 256:
            _LAYOUTS[layout] = lines
        for key, _ in layout:
            if len(_KEYS) < 64:
                _KEYS.setdefault(key, key)
    return lines


class _Unsure(Exception):
    """What this reader leaves to the parser."""


def read(
    text: str, max_nodes: int, lines: bool = True, max_keys: int = MAX_KEYS
) -> tuple[Any, dict[Loc, int]] | None:
    """The data of ``text`` and the line of every key and item in it; None when ``text`` is
    not of the shape this reader takes, or has more than ``max_nodes`` values or ``max_keys``
    keys. Without ``lines``, no line is kept (they are empty): the same reading gives them
    when asked. It stops as soon as either limit is passed: every line it takes holds a
    value, so a text of more lines than ``max_nodes`` is not split at all."""
    if text.count("\n") > max_nodes:
        return None
    tokens: list[tuple[int, int, str]] = []  # line, indentation, content
    for number, line in enumerate(text.split("\n"), 1):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            tokens.append((number, len(line) - len(content), content))
    if not tokens or OUTSIDE.search(text) is not None:
        return None
    reader = _Reader(tokens, lines, max_keys, max_nodes)
    try:
        data, end = reader.block(0, tokens[0][1], ())
    except (_Unsure, RecursionError):
        return None
    if end != len(tokens) or reader.nodes > max_nodes:
        return None
    return data, reader.lines


class _Reader:
    def __init__(
        self,
        tokens: list[tuple[int, int, str]],
        track: bool = True,
        max_keys: int = MAX_KEYS,
        max_nodes: int = MAX_NODES,
    ) -> None:
        self.tokens = tokens
        self.track = track
        self.lines: dict[Loc, int] = {}
        self.nodes = 0  # as yaml_libyaml's builder counts them: every value, not the keys
        self.keys = max_keys  # the keys still allowed: past the last, the parser says so
        self.max_nodes = max_nodes  # values allowed: past the last, the parser says so

    def block(self, i: int, indent: int, loc: Loc) -> tuple[Any, int]:
        """The block collection whose first line is token ``i``, at ``indent``."""
        content = self.tokens[i][2]
        if content == "-" or content.startswith("- "):
            return self.sequence(i, indent, loc)
        return self.mapping(i, indent, loc)

    def mapping(self, i: int, indent: int, loc: Loc) -> tuple[dict[str, Any], int]:
        if len(loc) > MAX_DEPTH:
            raise _Unsure
        tokens = self.tokens
        result: dict[str, Any] = {}
        self.nodes += 1
        while i < len(tokens):
            line, at, content = tokens[i]
            if at != indent:
                if at > indent:
                    raise _Unsure  # a continuation or a mistake: the parser decides
                break
            match = _KEY.fullmatch(content)
            if match is None:
                raise _Unsure
            key, rest = match.groups()
            if len(key) > MAX_KEY:
                raise _Unsure
            key = intern(key)  # one string for the key of each of 10,000 items, not 10,000
            if key in result or not self.keys or self.nodes > self.max_nodes:
                raise _Unsure
            self.keys -= 1
            key_loc = (*loc, key)
            if self.track:
                self.lines[key_loc] = line
            i += 1
            if rest:
                if rest[0] not in _SPECIAL and _is_text(rest):
                    self.nodes += 1
                    result[key] = rest
                else:
                    result[key] = self.inline(rest, line, key_loc)
                continue
            following = tokens[i] if i < len(tokens) else None
            if following is not None and following[1] > indent:
                result[key], i = self.block(i, following[1], key_loc)
            elif following is not None and following[1] == indent and _is_item(following[2]):
                result[key], i = self.sequence(i, indent, key_loc)
            else:
                self.nodes += 1
                result[key] = None
        return result, i

    def sequence(self, i: int, indent: int, loc: Loc) -> tuple[list[Any], int]:
        if len(loc) > MAX_DEPTH:
            raise _Unsure
        tokens = self.tokens
        items: list[Any] = []
        self.nodes += 1
        while i < len(tokens):
            line, at, content = tokens[i]
            if at != indent or not _is_item(content):
                if at > indent:
                    raise _Unsure
                break
            if self.nodes > self.max_nodes:
                raise _Unsure
            item_loc = (*loc, len(items))
            rest = content[2:]
            if not rest or rest[0] == " " or _is_item(rest):
                raise _Unsure  # an item on the lines below, or a list in a list: rare
            if self.track:
                self.lines[item_loc] = line
            item: Any
            if _KEY.fullmatch(rest) is not None:  # "- key: value": a mapping, its keys at +2
                tokens[i] = (line, indent + 2, rest)
                item, i = self.mapping(i, indent + 2, item_loc)
            elif rest[0] not in _SPECIAL and _is_text(rest):
                self.nodes += 1
                item = rest
                i += 1
            else:
                item = self.inline(rest, line, item_loc)
                i += 1
            items.append(item)
        return items, i

    def inline(self, rest: str, line: int, loc: Loc) -> Any:
        """The value written on one line after ``key:`` or ``-``."""
        self.nodes += 1
        first = rest[0]
        if first == '"' or first == "'":
            match = (_DOUBLE if first == '"' else _SINGLE).match(rest)
            if match is None or _TAIL.fullmatch(rest, match.end()) is None:
                raise _Unsure
            return match.group(1)
        if first == "[":
            return self.flow_sequence(rest, line, loc)
        if first == "{":
            return self.flow_mapping(rest, line, loc)
        cut = rest.find(" #")
        value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if _PLAIN_START.match(value) is None or ": " in value or value.endswith(":"):
            raise _Unsure
        return plain(value)

    def flow_sequence(self, rest: str, line: int, loc: Loc) -> list[Any]:
        items: list[Any] = []
        at = 1
        if rest[1:].lstrip(" ").startswith("]"):
            at = rest.index("]") + 1
        else:
            while True:
                match = _FLOW_ITEM.match(rest, at)
                if match is None:
                    raise _Unsure
                double, single, bare, end = match.groups()
                self.nodes += 1
                if self.nodes > self.max_nodes:
                    raise _Unsure
                item_loc = (*loc, len(items))
                if self.track:
                    self.lines[item_loc] = line
                items.append(_flow_value(double, single, bare))
                at = match.end()
                if end == "]":
                    break
        if _TAIL.fullmatch(rest, at) is None:
            raise _Unsure
        return items

    def flow_mapping(self, rest: str, line: int, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        at = 1
        if rest[1:].lstrip(" ").startswith("}"):
            at = rest.index("}") + 1
        else:
            while True:
                match = _FLOW_PAIR.match(rest, at)
                if match is None:
                    raise _Unsure
                key, double, single, bare, end = match.groups()
                if key in result or len(key) > MAX_KEY or not self.keys:
                    raise _Unsure
                self.keys -= 1
                self.nodes += 1
                if self.nodes > self.max_nodes:
                    raise _Unsure
                key_loc = (*loc, key)
                if self.track:
                    self.lines[key_loc] = line
                result[key] = _flow_value(double, single, bare)
                at = match.end()
                if end == "}":
                    break
        if _TAIL.fullmatch(rest, at) is None:
            raise _Unsure
        return result


def _is_text(rest: str) -> bool:
    """Whether ``rest``, starting with none of :data:`_SPECIAL`, is a plain scalar as it
    stands: no comment, no colon that would start a mapping, nothing to strip."""
    return " #" not in rest and ": " not in rest and rest[-1] != " " and rest[-1] != ":"


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _flow_value(double: str | None, single: str | None, bare: str | None) -> Any:
    if double is not None:
        return double
    if single is not None:
        return single
    assert bare is not None
    return plain(bare.rstrip(" "))


def plain(value: str) -> Any:
    """What :mod:`ipplan.files.yaml_read` makes of the plain scalar ``value``; raises
    :class:`_Unsure`
    where it would report a problem (a number the two YAML versions read differently, a tag
    it does not take), so that the parser says so at its line."""
    first = value[0]
    if first not in RESOLVED:
        return value
    if first in NUMBER_START:
        decimal = _DECIMAL.fullmatch(value)
        if decimal is not None:
            if decimal.group(1) is None:
                return int(value)
            if len(value) <= _KEPT or numbers.inexact(value, float(value)) is None:
                return float(value)
            raise _Unsure
        if _NOT_A_NUMBER.search(value) is not None:
            return value  # 2024Q3, 3月底前: no number or time in either YAML version
        if numbers.check(value) is not None:
            raise _Unsure
    elif first != "<" and first != "=":
        return _WORDS.get(value, value)
    resolver, _, scalar_node = numbers.yaml11()
    tag = resolver.resolve(scalar_node, value, (True, False))
    try:
        return scalar_value(tag, value)
    except (LookupError, ValueError):
        raise _Unsure from None
