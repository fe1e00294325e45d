"""A parsed YAML file (:class:`Document`: its data and the line of every key), a file that could
not be read and the one problem that says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipplan.files import yaml_scalars
from ipplan.problems import Problem


class Document:
    """A parsed YAML file: its data, and the line of every key and item in it.

    ``broken``: the file could not be read or parsed, and its problem says why. ``digest``: of
    the bytes read, to tell later whether the file has changed. ``flagged``: lines where
    reading already found a problem (a refused tag, say), whose value was left out, so that
    checking the file's schema does not report it missing a second time. ``plain``: read by
    :mod:`ipplan.files.yaml_fast`, so every text in it stands in the file as it is and the file
    holds no control character: no text needs looking at for one.

    The path may be given as text: the path object, a few microseconds and a few hundred
    bytes each for 100,000 record files, is made only when something asks for it. So may the
    lines of a large plain file (``text``): they are read again from its text when first asked
    for, which only a problem's message does; a plan's 10,000 indicators' lines took 40 MB.
    """

    __slots__ = ("_lines", "_path", "_text", "broken", "data", "digest", "flagged", "plain")

    def __init__(
        self,
        path: Path | str,
        data: Any,
        lines: dict[yaml_scalars.Loc, int] | None = None,
        broken: bool = False,
        digest: str | None = None,
        flagged: frozenset[int] = frozenset(),
        plain: bool = False,
        text: str | None = None,
    ) -> None:
        self._path = path
        self.data = data
        self._lines = lines if lines is not None or text is not None else {}
        self._text = text
        self.broken = broken
        self.digest = digest
        self.flagged = flagged
        self.plain = plain

    @property
    def path(self) -> Path:
        path = self._path
        if isinstance(path, str):
            path = self._path = Path(path)
        return path

    @property
    def lines(self) -> dict[yaml_scalars.Loc, int]:
        found = self._lines
        if found is None:
            from ipplan.files import yaml_fast

            assert self._text is not None
            again = yaml_fast.read(self._text, yaml_scalars.MAX_NODES)
            assert again is not None  # the text it was read from the first time
            found = self._lines = again[1]
            self._text = None
        return found

    def _fields(self) -> tuple[Any, ...]:
        return (self.path, self.data, self.lines, self.broken, self.digest, self.flagged)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self._fields() == other._fields() and self.plain == other.plain

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, data={self.data!r}, broken={self.broken!r})"

    def line(self, loc: yaml_scalars.Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that has one (1 for the root)."""
        for end in range(len(loc), 0, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return 1


def failed(
    path: Path, line: int, code: str, params: dict[str, Any]
) -> tuple[Document, list[Problem]]:
    """A file that could not be read at all, and the one problem that says why."""
    return Document(path, None, broken=True), [Problem(path, line, code, params)]
