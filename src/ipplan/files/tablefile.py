"""Reading a table people import (``ipplan import``, ``ipplan workplan-import``): how such a
file is opened, decoded and, for a workbook, unpacked, in one place.

- Only a regular file is read (a link to one too), in bounded chunks and never more than
  :data:`MAX_BYTES`, whatever the file system says its size is (:func:`yaml_read.read_regular`).
  A device, a pipe, a directory or a socket is named as such and never opened in a way that
  could block.
- A CSV file is decoded as one encoding: UTF-8 (with or without its byte-order mark), or
  GBK/GB18030 as Excel on a Chinese Windows saves it (with or without its mark), or the one
  ``--encoding`` names. A file whose lines disagree is refused, naming a line of each; GBK
  bytes that happen to be valid UTF-8 are refused as ambiguous rather than kept as mojibake.
- A workbook's zip directory is checked before openpyxl reads a byte of it (how many parts,
  their size unpacked, how far each is compressed), and a part that declares a DTD or an entity
  is refused. Its sheets are then read a row at a time, stopping at the limits of rows and
  cells, and a formula whose value was never saved is named at its cell.

Every refusal is a :class:`TableError` carrying the one :class:`Problem` that says why.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipplan.files import yaml_read
from ipplan.problems import Problem
from ipplan.text.typed_input import printable

if TYPE_CHECKING:
    import zipfile

    from openpyxl.workbook.workbook import Workbook as Book
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

MB = 1024 * 1024
MAX_BYTES = yaml_read.MAX_BYTES  # 50 MB: the file as it is on disk, CSV or xlsx
MAX_UNPACKED = 100 * MB  # a workbook's parts together, unpacked
MAX_PARTS = 10_000  # parts (zip entries) of a workbook
MAX_RATIO = 100  # unpacked size over packed size, for a part of more than RATIO_FROM unpacked
RATIO_FROM = 1 * MB
MAX_CELLS = 1_000_000  # cells read from a workbook, the empty ones before a row's last included

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# How a workbook's bytes begin: a zip (xlsx, xlsm) or Excel 97's compound file (xls).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
UTF8_BOM = b"\xef\xbb\xbf"
GB18030_BOM = b"\x84\x31\x95\x33"
# Excel's "Unicode text" is UTF-16 with its mark, little-endian; either byte order is read.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# The encodings --encoding takes, by the name codecs knows them by: GBK and GB2312 are read as
# GB18030, which includes both.
ENCODINGS = {
    "utf-8": "utf-8",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "big5",
    "shift_jis": "cp932",
    "cp932": "cp932",
    "utf-16": "utf-16",
}
SHOWN = {
    "utf-8": "UTF-8",
    "gb18030": "GBK",
    "big5": "Big5",
    "cp932": "Shift-JIS",
    "utf-16": "UTF-16",
}
_MARKS = {"utf-8": UTF8_BOM, "gb18030": GB18030_BOM}
# How many characters that are not ASCII are weighed to tell GBK from Big5 or Shift-JIS: enough
# for any table's text to show which it is, few enough to be counted in milliseconds.
_WEIGHED = 10_000

# Characters outside the scripts a Chinese plan is written in: what text read in the wrong
# encoding turns into (Hebrew, Greek, Cyrillic and IPA letters from GBK read as UTF-8; kana,
# box drawing and the private use area from UTF-8 read as GBK). Allowed: ASCII, Latin-1,
# general punctuation, letter-like and number forms, arrows, mathematical and technical
# symbols, CJK punctuation, ideographs and their compatibility forms, full-width forms.
_FOREIGN = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u24ff\u25a0-\u27bf\u2e80-\u2fdf\u3000-\u303f"
    "\u3100-\u312f\u31a0-\u31bf\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f]"
)
_NON_ASCII = re.compile("[^\x00-\x7f]+")


class TableError(Exception):
    """The file could not be read as a table; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def encoding_named(typed: str) -> str | None:
    """The codec ``--encoding`` names (``utf-8`` or ``gb18030``), or None if it is not one a
    table is read in (any spelling codecs knows: utf8, UTF-8, GBK, cp936, gb2312, gb18030)."""
    try:
        name = codecs.lookup(typed.strip()).name
    except LookupError:
        return None
    return ENCODINGS.get(name)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def read(path: Path) -> bytes:
    """The bytes of the table ``path``: a regular file (or a link to one), at most MAX_BYTES."""
    try:
        return yaml_read.read_regular(path, limit=MAX_BYTES, anywhere=True)
    except yaml_read.Refused as refused:
        if refused.code == "too-large":
            raise TableError(Problem(path, 1, "import-too-large", {"limit": "50 MB"})) from None
        kind = refused.params.get("kind", "other")
        raise TableError(Problem(path, 1, "import-not-a-regular-file", {"kind": kind})) from None
    except FileNotFoundError:
        raise TableError(Problem(path, 1, "import-file-not-found", {"path": str(path)})) from None
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise TableError(Problem(path, 1, "import-unreadable", {"detail": detail})) from None


# --- CSV: one encoding per file ----------------------------------------------------------------


def decode(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """The text of a CSV file in one encoding: ``encoding`` (a codec of :data:`ENCODINGS`) when
    given, else the one its byte-order mark names, else UTF-8 or GBK as its lines read.

    A NUL byte is refused at its line: no text CSV holds one (UTF-16, Excel's "Unicode text", is
    full of them). Without an encoding given, lines that read only as UTF-8 beside lines that
    read only as GBK are refused naming one of each, and bytes valid as UTF-8 that read as GBK
    (every line that is not ASCII turns into letters of other scripts in UTF-8, into Chinese in
    GBK) are refused as ambiguous, to be settled with ``--encoding``.
    """
    if encoding == "utf-16" or (encoding is None and raw.startswith(UTF16_BOMS)):
        return _utf16(raw, path)
    nul = raw.find(b"\0")
    if nul != -1:
        raise TableError(Problem(path, _line_at(raw, nul), "import-encoding", {}))
    if encoding is None:
        if raw.startswith(UTF8_BOM):
            encoding = "utf-8"
        elif raw.startswith(GB18030_BOM):
            encoding = "gb18030"
    if encoding is not None:
        mark = _MARKS.get(encoding, b"")
        body = raw[len(mark) :] if mark and raw.startswith(mark) else raw
        try:
            return body.decode(encoding)
        except UnicodeDecodeError as exc:
            line = _line_at(body, exc.start)
            params = {"encoding": SHOWN[encoding]}
            raise TableError(Problem(path, line, "import-not-in-encoding", params)) from None
    return _one_encoding(raw, path)


def _utf16(raw: bytes, path: Path) -> str:
    """The text of a UTF-16 file (Excel's "Unicode text"): the byte order its mark names,
    little-endian without one; a line that is not UTF-16 is named."""
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start - exc.start % 2].decode("utf-16", errors="replace")
        line = before.count("\n") + 1
        params = {"encoding": SHOWN["utf-16"]}
        raise TableError(Problem(path, line, "import-not-in-encoding", params)) from None


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _one_encoding(raw: bytes, path: Path) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and _FOREIGN.search(text) is None:
        return text  # UTF-8 in the scripts of a Chinese plan: the common case, in one pass
    first: dict[str, int] = {}
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.isascii():
            continue
        kind = _encoding_of_line(line)
        if kind is None:
            raise TableError(Problem(path, number, "import-encoding", {}))
        first.setdefault(kind, number)
        if len(first) == 2:
            params = {"utf8_line": first["utf-8"], "gbk_line": first["gb18030"]}
            raise TableError(Problem(path, number, "import-encoding-mixed", params))
    if "gb18030" not in first:
        assert text is not None  # every line that is not ASCII read as UTF-8
        return text
    if text is not None:  # GBK, every byte of which is valid UTF-8 too
        number = first["gb18030"]
        utf8, gbk = _readings(raw.split(b"\n")[number - 1])
        shown = {"utf8": utf8, "gbk": gbk}
        raise TableError(Problem(path, number, "import-encoding-ambiguous", shown))
    gbk = raw.decode("gb18030")
    _not_another(raw, gbk, path)
    return gbk


def _not_another(raw: bytes, gbk: str, path: Path) -> None:
    """Refuse as ambiguous a file read as GBK whose bytes read in another encoding of
    :data:`_OTHERS` as more common characters than in GBK: 國家知識產權局 in Big5 reads in GBK as
    瓣產醚玻舦Ы, 特許庁年次報告書 in Shift-JIS as 摿嫋挕擭師曬崘彂, rare characters."""
    rare_in_gbk = _rare(gbk, _common_in_gbk)
    if rare_in_gbk == 0:
        return
    readings = []
    for codec, code, name, common in _OTHERS:
        try:
            rare = _rare(raw.decode(codec), common)
        except UnicodeDecodeError:
            continue
        if rare < rare_in_gbk:
            readings.append((rare, codec, code, name))
    if not readings:
        return
    _, codec, code, name = min(readings)
    for number, line in enumerate(raw.split(b"\n"), 1):
        as_gbk = line.decode("gb18030", errors="replace")
        if _rare(as_gbk, _common_in_gbk):
            stretch = next(m.group() for m in _NON_ASCII.finditer(as_gbk))
            other = stretch.encode("gb18030").decode(codec, errors="replace")
            shown = {"gbk": printable(stretch[:30]), name: printable(other[:30])}
            raise TableError(Problem(path, number, code, shown))


def _rare(text: str, common: Any) -> int:
    """How many of the first :data:`_WEIGHED` characters of ``text`` that are not ASCII are not
    ``common``."""
    rare = weighed = 0
    for stretch in _NON_ASCII.finditer(text):
        for char in stretch.group():
            weighed += 1
            if not common(char):
                rare += 1
            if weighed >= _WEIGHED:
                return rare
    return rare


def _common_in_gbk(char: str) -> bool:
    """One of GB2312's 3,755 most used characters (its first level), or CJK or full-width
    punctuation."""
    if "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef":
        return True
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


def _common_in_big5(char: str) -> bool:
    """One of Big5's 5,401 most used characters (A440 to C67E), or CJK or full-width
    punctuation."""
    if "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef":
        return True
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA440 <= code[0] << 8 | code[1] <= 0xC67E


def _common_in_shift_jis(char: str) -> bool:
    """Kana, one of JIS X 0208's 2,965 most used kanji (its first level, 889F to 9872), or CJK
    or full-width punctuation; never half-width katakana, which GBK's bytes read as."""
    if "\u3000" <= char <= "\u30ff" or "\uff01" <= char <= "\uff5e":
        return True
    try:
        code = char.encode("cp932")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0x889F <= code[0] << 8 | code[1] <= 0x9872


# The encodings a file read as GBK may really be in, each with its problem code, the name of
# its reading in the problem, and its most used characters: a file is refused when it reads in
# one of them as fewer rare characters than in GBK.
_OTHERS: tuple[tuple[str, str, str, Callable[[str], bool]], ...] = (
    ("big5", "import-encoding-big5", "big5", _common_in_big5),
    ("cp932", "import-encoding-shift-jis", "shift_jis", _common_in_shift_jis),
)


def _encoding_of_line(line: bytes) -> str | None:
    """``utf-8`` or ``gb18030``, whichever reads the line as a Chinese plan's text (UTF-8 when
    both do or neither does); None when neither reads it at all."""
    try:
        utf8: str | None = line.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None and _FOREIGN.search(utf8) is None:
        return "utf-8"
    try:
        gbk = line.decode("gb18030")
    except UnicodeDecodeError:
        return "utf-8" if utf8 is not None else None
    if utf8 is None or _FOREIGN.search(gbk) is None:
        return "gb18030"
    return "utf-8"


def _readings(line: bytes) -> tuple[str, str]:
    """The first stretch of the line that reads as other scripts in UTF-8, and what the same
    bytes read as in GBK, each cut short and safe to print."""
    text = line.decode("utf-8")
    stretch = next(
        (m.group() for m in _NON_ASCII.finditer(text) if _FOREIGN.search(m.group())), text
    )
    gbk = stretch.encode("utf-8").decode("gb18030", errors="replace")
    return printable(stretch[:30]), printable(gbk[:30])


# --- workbooks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A row of a sheet: its number, its cells as text, the cells (0-based column and
    reference such as B7) holding a formula whose value the file never saved, and those
    holding a date or a time (which a spreadsheet stores as a number of days)."""

    number: int
    cells: list[str]
    uncached: list[tuple[int, str]]
    dates: list[tuple[int, str]] = field(default_factory=list)


def _refused(path: Path, line: int, code: str, **params: Any) -> TableError:
    return TableError(Problem(path, line, code, params))


def _shown(text: str) -> str:
    """Text from inside the file (a part's or a sheet's name, a reader's complaint) as a message
    may show it: control characters escaped, and cut short."""
    return printable(text[:200])


def check(path: Path, raw: bytes) -> None:
    """Refuse a workbook before it is opened: too many parts, too large unpacked, a part
    compressed past the ratio a sheet reaches, or a part that declares a DTD or entities.

    The sizes are those of the zip's central directory, which are also the most that reading
    a part unpacks (Python's zipfile stops at them, and refuses the part's checksum then).
    """
    import zipfile  # only for a workbook: a CSV import never loads it

    # Each part has a record in the central directory, which opening the zip reads whole:
    # counted first, so that a file of a million empty parts is never listed.
    if raw.count(b"PK\x01\x02") > MAX_PARTS:
        raise _refused(path, 1, "workbook-too-many-parts", limit=MAX_PARTS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _refused(path, 1, "not-a-workbook", detail=_shown(str(exc))) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise _refused(path, 1, "workbook-too-many-parts", limit=MAX_PARTS)
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            raise _refused(
                path, 1, "workbook-too-large", size=_mb(unpacked), limit=_mb(MAX_UNPACKED)
            )
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
                params = {"part": _shown(part.filename), "ratio": int(ratio), "limit": MAX_RATIO}
                raise _refused(path, 1, "workbook-too-compressed", **params)
        for part in parts:
            if _declares(archive, part, path):
                raise _refused(path, 1, "workbook-dtd", part=_shown(part.filename))


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB"


class _Declared(Exception):
    """The part declares a DTD or an entity."""


class _Started(Exception):
    """The part's root element started: nothing can be declared after it."""


def _declares(archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: Path) -> bool:
    """Whether the XML part declares a document type or an entity, read up to its first element
    only (where XML allows a declaration). A part that is not XML declares nothing; whether
    it is a part openpyxl can read is for openpyxl to say."""
    import xml.parsers.expat
    import zipfile

    parser = xml.parsers.expat.ParserCreate()

    def declared(*_: object) -> None:
        raise _Declared

    def started(*_: object) -> None:
        raise _Started

    parser.StartDoctypeDeclHandler = declared
    parser.EntityDeclHandler = declared
    parser.StartElementHandler = started
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Declared:
        return True
    except (_Started, xml.parsers.expat.ExpatError):
        return False
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        # a damaged or encrypted part, or one packed in a way zipfile does not read
        raise _refused(path, 1, "not-a-workbook", detail=_shown(str(exc))) from None
    return False


@contextmanager
def workbook(path: Path, raw: bytes, max_rows: int) -> Iterator[Workbook]:
    """The workbook in ``raw`` (the bytes of ``path``), checked (:func:`check`), open for
    reading its sheets a row at a time; closed on leaving."""
    check(path, raw)
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl comes with the xlsx extra
        from ipplan.errors import MissingExtra

        raise MissingExtra(format="xlsx", package="openpyxl", extra="xlsx") from None
    # openpyxl warns of what it does not read (data validation, conditional formats, a
    # style it lacks); the import neither needs those nor should print them.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
    books: list[Book] = []
    try:
        for data_only in (True, False):  # the values saved, then which cells are formulas
            try:
                books.append(load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only))
            except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
                raise _refused(path, 1, "not-a-workbook", detail=_shown(str(exc))) from None
        yield Workbook(path, books[0], books[1], max_rows)
    finally:
        for book in books:
            book.close()


class Workbook:
    """An open workbook's sheets, each read a row at a time within the limits."""

    def __init__(self, path: Path, values: Book, formulas: Book, max_rows: int) -> None:
        self.path = path
        self._values = values
        self._formulas = formulas
        self.max_rows = max_rows
        self.cells = 0  # read so far, from every sheet

    @property
    def titles(self) -> list[str]:
        """The names of the sheets, in their order, as a message may show them."""
        return [_shown(str(sheet.title)) for sheet in self._values.worksheets]

    def sheets(self) -> Iterator[Sheet]:
        for values, formulas in zip(
            self._values.worksheets, self._formulas.worksheets, strict=False
        ):
            yield Sheet(self, values, formulas)


class Sheet:
    """One sheet of an open :class:`Workbook`."""

    def __init__(
        self, book: Workbook, values: ReadOnlyWorksheet, formulas: ReadOnlyWorksheet
    ) -> None:
        self.book = book
        self.title = _shown(str(values.title))
        self._values = values
        self._formulas = formulas

    def rows(self) -> Iterator[Row]:
        """The rows from the first, empty ones included, as the sheet's XML has them: never
        widened to the size the sheet claims, and refused past the limits of rows and cells."""
        book, path = self.book, self.book.path
        number = 0
        # (typed as Any: the stubs give a read-only sheet the iter_rows of an ordinary one)
        sheets: tuple[Any, Any] = (self._values, self._formulas)
        try:
            # A sheet's stated size is not believed: a row is as wide as its last cell.
            for sheet in sheets:
                sheet.reset_dimensions()
            pairs = zip(sheets[0].iter_rows(), sheets[1].iter_rows(), strict=False)
            for number, (values, formulas) in enumerate(pairs, 1):
                if number > book.max_rows:
                    raise _refused(path, number, "too-many-rows", limit=book.max_rows)
                book.cells += len(values)
                if book.cells > MAX_CELLS:
                    raise _refused(path, number, "too-many-cells", limit=MAX_CELLS)
                uncached = [
                    (index, formula.coordinate)
                    for index, (cell, formula) in enumerate(zip(values, formulas, strict=False))
                    if formula.data_type == "f" and cell.value is None
                ]
                dates = [
                    (index, cell.coordinate)
                    for index, cell in enumerate(values)
                    if isinstance(cell.value, dt.date | dt.time | dt.timedelta)
                ]
                yield Row(number, [cell_text(cell.value) for cell in values], uncached, dates)
        except TableError:
            raise
        except Exception as exc:  # a sheet openpyxl cannot read to the end
            raise _refused(
                path, max(number, 1), "not-a-workbook", detail=_shown(str(exc))
            ) from None

    def merged(self) -> list[tuple[int, int, int, int]]:
        """The sheet's merged ranges as (first row, last row, first column, last column), rows
        from 1 and columns from 0: a spreadsheet shows a merged cell in every row it spans but
        saves its value in the first. Read from the sheet's XML (:func:`check` refused any
        part that declares a DTD), keeping nothing else of it."""
        from xml.etree.ElementTree import iterparse

        from openpyxl.utils.cell import range_boundaries

        found: list[tuple[int, int, int, int]] = []
        source: Any = self._values
        try:
            with source._get_source() as xml:
                for _, element in iterparse(xml):
                    tag = element.tag.rsplit("}", 1)[-1]
                    if tag == "mergeCell":
                        left, top, right, bottom = range_boundaries(element.get("ref", ""))
                        if left and top and right and bottom:
                            found.append((top, bottom, left - 1, right - 1))
                    if tag in ("row", "mergeCell"):
                        element.clear()
        except Exception as exc:  # a sheet whose XML cannot be read to the end
            raise _refused(self.book.path, 1, "not-a-workbook", detail=_shown(str(exc))) from None
        return found


def cell_text(value: Any) -> str:
    """A cell's value as the text a table holds: 6 for the 6.0 a spreadsheet stores; a date
    cell as its date (2024-06-30), with its time only when it has one (2024-06-30 14:30),
    never the midnight a spreadsheet stores with every date."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
