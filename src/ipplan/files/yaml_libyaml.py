"""The YAML parser's reading of a file: libyaml's composer, with the line of every node.

:func:`ipplan.files.yaml_read.parse` reads most files with :mod:`ipplan.files.yaml_fast`; what it
does not take
(tags, anchors, block scalars, and every file it is unsure of) comes here, and so does every
syntax error, which only the parser can describe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ipplan.files import yaml_scalars
from ipplan.files.yaml_document import Document, failed
from ipplan.files.yaml_scalars import (
    NUMBER_START,
    TAG_BOOL,
    TAG_FLOAT,
    TAG_INT,
    TAG_NULL,
    TAG_STR,
    TAG_TIMESTAMP,
    Loc,
    scalar_value,
)
from ipplan.problems import Problem
from ipplan.text import numbers
from ipplan.text.typed_input import MAX_VALUE

try:  # libyaml's composer is several times faster and still reports positions
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Plain scalars (style None, or "" from libyaml) that may be numbers to one YAML version or
# the other (see ipplan.text.numbers).
_PLAIN = (TAG_INT, TAG_FLOAT, TAG_STR)
# The tags that make a scalar something other than text.
_TYPED = frozenset((TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL, TAG_TIMESTAMP))


class _TooLarge(Exception):
    pass


class _Limit(Exception):
    """A limit of :mod:`ipplan.files.yaml_read` passed at ``line``: the file is refused, unread."""

    def __init__(self, code: str, line: int, limit: int) -> None:
        super().__init__(code, line, limit)
        self.code, self.line, self.limit = code, line, limit


# What an alias's node is marked with while the values in it are built: met again then, the
# alias names a node that holds itself, a document without end.
_BUILDING = -1


class _Builder:
    """Plain values from composed nodes, each alias counted rather than expanded.

    An alias is the node it names met again (the composer shares the node). With ``aliases``
    (a text that holds a ``*``), every node is remembered with what it holds, so that an
    alias is its node's value, not built again: the file's aliases and the values they add
    are counted against :data:`ipplan.files.yaml_scalars.MAX_ALIASES` and
    :data:`ipplan.files.yaml_scalars.MAX_ALIAS_NODES` before any is expanded.
    """

    def __init__(self, path: Path, max_keys: int, aliases: bool = False) -> None:
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.keys = max_keys  # the keys still allowed
        self.max_keys = max_keys
        self.seen: dict[int, tuple[Any, int]] | None = {} if aliases else None
        self.aliases = 0
        self.added = 0  # values the aliases add

    def problem(self, node: Node, code: str, **params: Any) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, code, params))

    def build(self, node: Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > yaml_scalars.MAX_NODES:  # read when used: a test may lower it
            raise _TooLarge
        seen = self.seen
        if seen is None:
            return self.value(node, loc)
        found = seen.get(id(node))
        if found is not None:
            return self.alias(node, loc, *found)
        start = self.nodes
        seen[id(node)] = (None, _BUILDING)
        value = self.value(node, loc)
        seen[id(node)] = (value, self.nodes - start + 1)
        return value

    def alias(self, node: Node, loc: Loc, value: Any, size: int) -> Any:
        """The value of an alias at ``loc``: that of the node it names, built already."""
        self.aliases += 1
        if self.aliases > yaml_scalars.MAX_ALIASES:
            raise _Limit("too-many-aliases", self.line_of(loc, node), yaml_scalars.MAX_ALIASES)
        if size == _BUILDING or self.added + size > yaml_scalars.MAX_ALIAS_NODES:
            raise _Limit("alias-too-large", self.line_of(loc, node), yaml_scalars.MAX_ALIAS_NODES)
        self.added += size
        self.nodes += size - 1
        return value

    def line_of(self, loc: Loc, node: Node) -> int:
        """The line of the alias at ``loc``: its key's. (The composer keeps no place of an
        alias, only of the node it names; an item of a list is told by the list's key.)"""
        for end in range(len(loc), 0, -1):
            if isinstance(loc[end - 1], str) and loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return node.start_mark.line + 1

    def value(self, node: Node, loc: Loc) -> Any:
        if isinstance(node, MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(node, "unsupported-tag", tag=node.tag)
                return None
            items = []
            for index, item in enumerate(node.value):
                item_loc = (*loc, index)
                self.lines[item_loc] = item.start_mark.line + 1
                items.append(self.build(item, item_loc))
            return items
        assert isinstance(node, ScalarNode)
        return self.scalar(node)

    def mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self.problem(node, "unsupported-tag", tag=node.tag)
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not self.keys:
                raise _Limit("too-many-keys", key_node.start_mark.line + 1, self.max_keys)
            self.keys -= 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "unsupported-key")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, "duplicate-key", key=key)
                continue
            key_loc = (*loc, key)
            self.lines[key_loc] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, key_loc)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag in _TYPED and tag != self.implicit(node):
            # a tag that makes a number, a boolean or null of what reads otherwise (!!int
            # "040000" is 16384 to one reader and text to another): the number checks would
            # never see it
            self.problem(node, "unsupported-tag", tag=tag)
            return None
        if not node.style and node.value[:1] in NUMBER_START and tag in _PLAIN:
            form = numbers.check(node.value)
            if form is not None:
                self.problem(node, form.code, **form.params)
                return None
        try:
            return scalar_value(tag, node.value)
        except LookupError:
            self.problem(node, "unsupported-tag", tag=tag)
        except ValueError:  # more digits than Python converts; far beyond any plan's value
            shown = node.value if len(node.value) <= 24 else node.value[:23] + "…"
            self.problem(node, "value-too-large", value=shown, limit=MAX_VALUE)
        return None

    @staticmethod
    def implicit(node: ScalarNode) -> str:
        """The tag ``node`` has without one written: text when quoted or a block."""
        if node.style:
            return TAG_STR
        resolver, _, scalar_node = numbers.yaml11()
        return str(resolver.resolve(scalar_node, node.value, (True, False)))


_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, *_STARTS)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def count(text: str, path: Path, max_keys: int) -> tuple[Document, list[Problem]] | None:
    """The refusal of ``text`` when it holds more than
    :data:`ipplan.files.yaml_scalars.MAX_NODES` values or ``max_keys`` keys, counted on the
    parser's events as it reads them and stopping at the limit, so that a file far past it
    costs no more than one at it; None when it holds no more (or is not YAML: the composer
    says where). Values are counted as the builder counts them, an alias as one."""
    values, keys = 0, max_keys
    limit = yaml_scalars.MAX_NODES
    # For each open collection: -1 for a list, else the keys and values met in the mapping.
    open_: list[int] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _NODES):
                if open_ and open_[-1] >= 0:
                    open_[-1] += 1
                    is_key = open_[-1] & 1
                else:
                    is_key = 0
                if is_key:
                    if not keys:
                        mark = event.start_mark
                        line = mark.line + 1 if mark is not None else 1
                        return failed(path, line, "too-many-keys", {"limit": max_keys})
                    keys -= 1
                else:
                    values += 1
                    if values > limit:
                        return failed(path, 1, "too-many-values", {"limit": limit})
                if isinstance(event, _STARTS):
                    open_.append(0 if isinstance(event, yaml.MappingStartEvent) else -1)
            elif isinstance(event, _ENDS):
                open_.pop()
    except (yaml.YAMLError, UnicodeError):
        return None
    return None


def parse(
    text: str, path: Path, max_keys: int = yaml_scalars.MAX_KEYS
) -> tuple[Document, list[Problem]]:
    """Read ``text`` (the content of ``path``) with libyaml's composer and the builder, which
    refuses a file of more than ``max_keys`` keys at the key past them. A text long enough to
    pass a limit is counted first (:func:`count`), and refused before it is composed."""
    if len(text) >= yaml_scalars.COUNT_FROM:
        over = count(text, path, max_keys)
        if over is not None:
            return over
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        if mark is not None and _indented_with_tab(text, mark.line):
            return failed(path, line, "tab-indent", {})
        detail = exc.problem or exc.context or "invalid YAML"
        return failed(path, line, "yaml-syntax", {"detail": detail})
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        line = text[: exc.position].count("\n") + 1
        char = exc.character
        if isinstance(char, int) and (char < 0x20 or 0x7F <= char <= 0x9F):
            return failed(path, line, "control-character", {"char": f"U+{char:04X}"})
        shown = f" (U+{char:04X})" if isinstance(char, int) else ""
        return failed(path, line, "yaml-syntax", {"detail": f"{exc.reason}{shown}"})
    except yaml.YAMLError as exc:
        return failed(path, 1, "yaml-syntax", {"detail": str(exc)})
    except UnicodeError as exc:  # text that no file could hold, such as a lone surrogate
        start = getattr(exc, "start", 0)
        return failed(path, text[:start].count("\n") + 1, "not-utf8", {})
    if root is None:
        return Document(path, None), []  # an empty file: the schema says what it lacks
    builder = _Builder(path, max_keys, aliases="*" in text)  # no alias without its *
    try:
        data = builder.build(root, ())
    except _TooLarge:
        return failed(path, 1, "too-many-values", {"limit": yaml_scalars.MAX_NODES})
    except _Limit as passed:
        return failed(path, passed.line, passed.code, {"limit": passed.limit})
    except RecursionError:
        return failed(path, 1, "too-deep", {})
    flagged = frozenset(p.line for p in builder.problems)
    return Document(path, data, builder.lines, flagged=flagged), builder.problems


def _indented_with_tab(text: str, index: int) -> bool:
    """Whether line ``index`` (from 0) of ``text`` has a tab in its indentation."""
    lines = text.splitlines()
    if index >= len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]
