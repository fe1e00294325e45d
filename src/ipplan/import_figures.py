"""``ipplan import``: many actuals at once from a table people have.

What it reads: the tidy layout that ``report -f csv`` writes (a row per indicator and year) or
the wide one statisticians keep (a row per indicator, a column per year), from CSV or text
separated by tabs or semicolons (UTF-8, GBK, UTF-16 with its mark) or from a workbook's sheet,
with Chinese or English headers, those of ipplan's own reports among them. In a workspace a
``plan`` column routes each row to its plan.

All or nothing: every row is checked first, every problem is reported with its line (its sheet
and row in a workbook), and the record files are written only when every row is valid.
A text cell that the report quoted against spreadsheet formulas (``'=x``) is read as the
text it stands for (``=x``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from ipplan import clock
from ipplan.actuals import Change, actual_writes, apply, prepare
from ipplan.errors import ImportRefused, IpplanError
from ipplan.files import tablefile
from ipplan.files.formulas import literal
from ipplan.files.layout import DataDir
from ipplan.files.lock import Waiting
from ipplan.plan import Plan
from ipplan.problems import Problem
from ipplan.text.i18n import LANGS, text
from ipplan.text.typed_input import parse_year
from ipplan.value_rules import check_plausible
from ipplan.write import Edit, commit, stamp

if TYPE_CHECKING:
    from ipplan.workspace import Workspace

REQUIRED = ("key", "year", "value")
OPTIONAL = ("source", "note")
# The headers people write in a spreadsheet for each column import reads, beside those of
# ipplan's own reports in either language (:func:`headers`).
HEADERS: dict[str, tuple[str, ...]] = {
    "key": ("key", "指标键"),
    "name": ("指标", "指标名称", "name", "indicator"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "实际值"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注"),
    "plan": ("plan",),
}
# The catalogue's column titles that ipplan's reports write, for each column import reads.
_TITLES = {
    "name": "col.indicator",
    "year": "col.year",
    "value": "col.actual",
    "source": "col.source",
    "note": "col.note",
    "plan": "col.plan",
}
DELIMITERS = (",", "\t", ";")
# Rows read from a sheet: a year of figures is a few dozen; past this a sheet is not figures.
MAX_ROWS = 100_000
# The rows of a sheet the header is looked for in, below a title or a note.
HEADER_ROWS = 10
_YEAR = re.compile(r"(\d{4})\s*年?")


def _normal(header: str) -> str:
    return " ".join(header.strip().strip("\u3000").split()).lower()


@cache
def headers() -> dict[str, frozenset[str]]:
    """Every header each column goes by: :data:`HEADERS` and the reports' titles in every
    language, lower case."""
    names = {column: set(known) for column, known in HEADERS.items()}
    for column, message in _TITLES.items():
        names[column].update(_normal(text(message, lang)) for lang in LANGS)
    return {column: frozenset(known) for column, known in names.items()}


@cache
def _year_titles() -> tuple[re.Pattern[str], ...]:
    """How a column of one year's figures is headed: the year (2021, 2022年), or the title
    ipplan's workbook gives a year's actuals in any language (实际 2021, Actual 2021)."""
    titles = [_YEAR]
    for lang in LANGS:
        title = _normal(text("col.actual_year", lang, year="{year}"))
        before, _, after = title.partition("{year}")
        titles.append(re.compile(re.escape(before) + r"(\d{4})" + re.escape(after)))
    return tuple(titles)


@cache
def _measured_as() -> tuple[frozenset[str], frozenset[str]]:
    """The headers of the column in which ipplan's workbook says how an indicator is measured,
    and what it writes there for a cumulative one, in every language."""
    return (
        frozenset(_normal(text("col.accumulate", lang)) for lang in LANGS),
        frozenset(_normal(text("accumulate.sum", lang)) for lang in LANGS),
    )


def column_of(header: str) -> str | None:
    """Which column of :data:`HEADERS` a header names, whatever its case and spacing."""
    name = _normal(header)
    return next((column for column, names in headers().items() if name in names), None)


def year_of(header: str) -> int | None:
    """The year a column of the wide layout holds the figures of (2021, 2022年, 实际 2023)."""
    name = _normal(header)
    for title in _year_titles():
        found = title.fullmatch(name)
        if found:
            return int(found.group(1))
    return None


@dataclass(frozen=True)
class Row:
    """One figure to record, with the file (or file!sheet) and line (or row) it is on."""

    where: Path
    line: int
    key: str
    year: str
    value: str
    source: str | None
    note: str | None
    plan: str | None = None
    name: str | None = None  # the indicator's name, beside its key: the two must agree


@dataclass(frozen=True)
class Imported:
    """What an import did."""

    changes: list[Change]
    skipped: int  # rows without a value, such as the empty years of an exported report

    @property
    def recorded(self) -> int:
        return sum(1 for c in self.changes if not c.unchanged and c.replaced is None)

    @property
    def replaced(self) -> int:
        return sum(1 for c in self.changes if c.replaced is not None)

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if c.unchanged)


@dataclass
class _Table:
    """A table's records as lists of cells, each with its line, and the problems of reading
    it; ``where`` is what problems name (the file, or for a workbook its sheet)."""

    where: Path
    records: Iterable[tuple[int, list[str]]] = ()
    problems: list[Problem] = field(default_factory=list)
    workbook: bool = False
    sheet: str = ""
    # a sheet's cells that hold a date or a formula without its value: (column, code, cell)
    flagged: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)


def read_rows(
    path: Path, encoding: str | None = None, sheet: str | None = None
) -> tuple[list[Row], int, list[Problem]]:
    """The figures of a table file, how many cells or rows carried none, and the problems.

    The file is read by :mod:`ipplan.files.tablefile`: a regular file within its size limit; a
    workbook's first sheet (or ``sheet``), or text in UTF-8, GBK, UTF-16 with its mark or in
    ``encoding``, its cells separated by the comma, tab or semicolon its header is written with.
    """
    try:
        raw = tablefile.read(path)
        if tablefile.is_workbook(path) or raw.startswith(tablefile.WORKBOOK_MAGIC):
            table = _sheet(path, raw, sheet)
        else:
            if sheet is not None:
                return [], 0, [Problem(path, 1, "import-sheet-of-text", {"sheet": sheet})]
            table = _text(path, tablefile.decode(raw, path, encoding))
    except tablefile.TableError as exc:
        return [], 0, [exc.problem]
    # Blank rows are never kept, and a text table is read a record at a time. The header is
    # the first row with a cell written; in a sheet, the first of the first HEADER_ROWS such
    # rows that has the columns import reads (a title may stand above it).
    records = iter(table.records)
    head = list(islice(records, HEADER_ROWS if table.workbook else 1))
    if not head:
        return [], 0, [*table.problems, Problem(table.where, 1, "import-empty", {})]
    start = next((i for i, (_, cells) in enumerate(head) if not _missing(cells)), 0)
    table.records = chain(head[start:], records)
    rows, skipped, problems = _figures(table)
    return rows, skipped, table.problems + problems


def _text(path: Path, text: str) -> _Table:
    """The records of a text table, split at the delimiter its header line is written with."""
    text = text.lstrip("\ufeff")
    first = next((line for line in io.StringIO(text) if line.strip()), "").rstrip("\r\n")
    table = _Table(path)
    table.records = _records(table, text, _delimiter(first))
    return table


def _records(table: _Table, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The records of ``text`` that have a cell written, each with the line it starts on; a
    syntax error is a problem of ``table`` at its line, and the last record read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            params = {"detail": str(exc)}
            table.problems.append(Problem(table.where, start, "import-csv-syntax", params))
            return
        if any(cell.strip() for cell in record):
            yield start, record
        start = reader.line_num + 1


def _delimiter(header: str) -> str:
    """The delimiter the header line is written with: the first of :data:`DELIMITERS` that
    splits it into the columns of a table of figures, else the one that splits it most (the
    header then lacks a column, and the message shows what it holds). Data rows are never
    weighed: a comma in a value says nothing of the table."""
    splits = {d: _split(header, d) for d in DELIMITERS}
    for delimiter, cells in splits.items():
        if not _missing(cells):
            return delimiter
    return max(DELIMITERS, key=lambda d: len(splits[d]))


def _split(line: str, delimiter: str) -> list[str]:
    """The cells of one line at ``delimiter``; none when it is no CSV at that delimiter (reading
    the table then says where and why)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _sheet(path: Path, raw: bytes, name: str | None) -> _Table:
    """The records of a workbook's first sheet, or of the sheet ``name``; a cell holding a
    date, or a formula whose value was never saved, is a problem at its row."""
    with tablefile.workbook(path, raw, MAX_ROWS) as book:
        titles = book.titles
        if name is not None and name not in titles:
            raise tablefile.TableError(
                Problem(path, 1, "import-unknown-sheet", {"sheet": name, "sheets": titles})
            )
        for sheet in book.sheets():
            if name is not None and sheet.title != name:
                continue
            table = _Table(Path(f"{path}!{sheet.title}"), workbook=True, sheet=sheet.title)
            records: list[tuple[int, list[str]]] = []
            table.records = records
            for row in sheet.rows():
                end = len(row.cells)
                while end and not row.cells[end - 1].strip():
                    end -= 1
                flags = [(i, "formula-without-value", cell) for i, cell in row.uncached]
                flags += [(i, "import-date-cell", cell) for i, cell in row.dates]
                if flags:
                    table.flagged[row.number] = flags
                if end or flags:
                    records.append((row.number, row.cells[:end]))
            return table
    return _Table(path, workbook=True)


def _missing(header: list[str]) -> list[str]:
    """The required columns the header lacks, for the tidy layout or, when it has columns
    of years and no year column, the wide one."""
    columns = [column_of(name) for name in header]
    named = "key" in columns or "name" in columns
    if "year" not in columns and any(year_of(name) is not None for name in header):
        return [] if named else ["key"]
    return [c for c in REQUIRED if c not in columns and not (c == "key" and named)]


def _figures(table: _Table) -> tuple[list[Row], int, list[Problem]]:
    where = table.where
    records = iter(table.records)
    line, header = next(records)
    shown = [h.strip() for h in header]
    columns = [column_of(name) for name in header]
    twice = sorted(c for c, n in Counter(c for c in columns if c is not None).items() if n > 1)
    if twice:
        named = [h for h, c in zip(shown, columns, strict=True) if c in twice]
        params = {"columns": named, "has": shown}
        return [], 0, [Problem(where, line, "import-duplicate-column", params)]
    missing = _missing(header)
    if missing:
        params = {"missing": missing, "has": shown}
        return [], 0, [Problem(where, line, "import-missing-column", params)]
    where_is = {name: columns.index(name) for name in (*HEADERS,) if name in columns}
    key_column = where_is.get("key", where_is.get("name"))
    name_column = where_is.get("name") if "key" in where_is else None
    years = (
        {}
        if "year" in where_is
        else {i: y for i, name in enumerate(header) if (y := year_of(name)) is not None}
    )

    # ipplan's workbook gives a cumulative indicator's running total in each year's column
    # (blank in a year not reported): each year's amount is its total less the one before.
    heads, cumulative = _measured_as()
    measured = next((i for i, name in enumerate(header) if _normal(name) in heads), None)

    rows: list[Row] = []
    problems = _flagged(table, line, range(len(header)))  # the header's, in every column
    skipped = 0
    read = {*where_is.values(), *years}
    for line, record in records:
        if not any(field.strip() for field in record) and line not in table.flagged:
            continue
        flagged = _flagged(table, line, read)
        if flagged:  # a date or a formula without its value, in a column read
            problems += flagged
            continue
        # A cell too many or too few (an unquoted thousands separator: 1,200) would shift
        # every cell after it into the wrong column. A sheet's row ends at its last cell, so
        # only a cell past the header's last is one too many there.
        if len(record) > len(header) or (len(record) < len(header) and not table.workbook):
            counts = {"cells": len(record), "columns": len(header)}
            problems.append(Problem(where, line, "import-row-cells", counts))
            continue

        def cell(index: int | None, record: list[str] = record) -> str:
            return record[index].strip() if index is not None and index < len(record) else ""

        key = cell(key_column)
        source = literal(cell(where_is.get("source"))) or None
        note = literal(cell(where_is.get("note"))) or None
        plan = cell(where_is.get("plan")) or None
        name = cell(name_column) or None
        if not years:
            value = cell(where_is["value"])
            if not value:
                skipped += 1
                continue
            rows.append(
                Row(where, line, key, cell(where_is["year"]), value, source, note, plan, name)
            )
            continue
        totals = measured is not None and _normal(cell(measured)) in cumulative
        before = "0"
        for index, year in years.items():
            value = cell(index)
            if not value:
                skipped += 1
                continue
            if totals:
                value, before = _less(value, before), value
            rows.append(Row(where, line, key, str(year), value, source, note, plan, name))
    return rows, skipped, problems


def import_csv(
    data_dir: DataDir,
    plan: Plan,
    path: Path,
    *,
    force: bool = False,
    accept_jump: bool = False,
    when: dt.datetime | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    plan_name: str | None = None,
    waiting: Waiting | None = None,
) -> Imported:
    """Record every valued row of ``path``, or nothing: raises ImportRefused with every problem.

    All the values of one import share one recorded time, so ``ipplan undo`` reverts them
    together. A row whose ``plan`` cell names another plan than ``plan_name`` (the plan
    chosen) is refused at its row.
    """
    rows, skipped, read_problems = read_rows(path, encoding, sheet)
    problems = list(read_problems)
    for row in rows:
        if row.plan is not None and row.plan != plan_name:
            plans = {"plan": row.plan, "chosen": plan_name or str(data_dir.path)}
            problems.append(Problem(row.where, row.line, "import-other-plan", plans))
    rows = [row for row in rows if row.plan is None or row.plan == plan_name]
    edit = _edit(path, rows, skipped, problems, force=force, accept_jump=accept_jump, when=when)
    return commit(data_dir, plan, edit, waiting=waiting)


def import_routed(
    workspace: Workspace,
    default: str | None,
    path: Path,
    *,
    force: bool = False,
    accept_jump: bool = False,
    when: dt.datetime | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    waiting: Waiting | None = None,
) -> Imported:
    """Record every valued row of ``path`` into the plan of the workspace its ``plan`` cell
    names (``default``, the plan chosen, for a row without one), or nothing in any plan.

    Every plan's rows are checked against that plan before any is written; a row naming a plan
    the workspace lacks (or none, when no plan is chosen) is refused at its row. The plans are
    then written one after another, parent first.
    """
    from ipplan.load import load

    rows, skipped, read_problems = read_rows(path, encoding, sheet)
    problems = list(read_problems)
    routed: dict[str, list[Row]] = {}
    for row in rows:
        name = row.plan if row.plan is not None else default
        if name is None or name not in workspace.names:
            params = {"plan": name or "", "plans": workspace.names}
            code = "import-unknown-plan" if name is not None else "import-no-plan"
            problems.append(Problem(row.where, row.line, code, params))
            continue
        routed.setdefault(name, []).append(row)
    edits = []
    for member in workspace.plans:
        if member.name not in routed:
            continue
        data_dir = DataDir(member.directory)
        plan = load(data_dir)
        edit = _edit(
            path, routed[member.name], 0, [], force=force, accept_jump=accept_jump, when=when
        )
        try:
            edit(plan)
        except ImportRefused as refused:
            problems += refused.problems
        edits.append((data_dir, plan, edit))
    if problems:
        raise ImportRefused(sorted(problems, key=Problem.sort_key), path=str(path))
    changes: list[Change] = []
    for data_dir, plan, edit in edits:
        changes += commit(data_dir, plan, edit, waiting=waiting).changes
    return Imported(changes, skipped)


def _edit(
    path: Path,
    rows: list[Row],
    skipped: int,
    read_problems: list[Problem],
    *,
    force: bool,
    accept_jump: bool,
    when: dt.datetime | None,
) -> Callable[[Plan], Edit[Imported]]:
    """The change that records ``rows`` into a plan, refused with every problem (those of
    reading the file, ``read_problems``, among them)."""
    today = clock.judgement_day(None)

    def edit(latest: Plan) -> Edit[Imported]:
        problems = list(read_problems)
        moment = stamp(latest, when)
        changes: list[Change] = []
        valued: list[Row] = []
        first: dict[tuple[str, int], int] = {}
        for row in rows:
            try:
                year = _year(row.year)
                change = prepare(
                    latest,
                    year,
                    row.key,
                    row.value,
                    source=row.source,
                    note=row.note,
                    force=force,
                    when=moment,
                    today=today,
                    plausible=False,
                    fields=("source", "note"),
                )
            except IpplanError as exc:
                problems.append(Problem(row.where, row.line, exc.message_id, dict(exc.params)))
                continue
            if row.name is not None and _named(latest, row.name) != change.indicator.key:
                names = {"key": row.key, "name": row.name}
                problems.append(Problem(row.where, row.line, "import-key-and-name", names))
                continue
            slot = (change.indicator.key, year)
            if slot in first:
                params = {"key": slot[0], "year": year, "first": first[slot]}
                problems.append(Problem(row.where, row.line, "import-duplicate-row", params))
                continue
            first[slot] = row.line
            changes.append(change)
            valued.append(row)
        actuals = apply(latest, changes)
        if not accept_jump:
            # Each new value against its neighbours as they will be once the whole file is in.
            for change, row in zip(changes, valued, strict=True):
                if change.unchanged or change.actual.value is None:
                    continue
                indicator, year = change.indicator, change.actual.year
                try:
                    check_plausible(
                        latest, indicator, actuals[indicator.key], year, change.actual.value
                    )
                except IpplanError as exc:
                    problems.append(Problem(row.where, row.line, exc.message_id, dict(exc.params)))
        if problems:
            raise ImportRefused(sorted(problems, key=Problem.sort_key), path=str(path))
        outcome = Imported(changes, skipped)
        return Edit(outcome, actual_writes(changes))

    return edit


def _flagged(table: _Table, line: int, read: Iterable[int]) -> list[Problem]:
    """The problems of the cells of row ``line`` in the columns ``read`` that hold a date or a
    formula whose value the workbook never saved."""
    columns = set(read)
    return [
        Problem(table.where, line, code, {"cell": cell, "sheet": table.sheet})
        for column, code, cell in table.flagged.get(line, [])
        if column in columns
    ]


def _named(plan: Plan, name: str) -> str | None:
    """The key of the indicator ``name`` names, None when it names none or several."""
    try:
        return plan.indicator(name).key
    except IpplanError:
        return None


def _less(total: str, before: str) -> str:
    """A running total less the one before it, exactly, as text (the total as it was when it is
    not a number: reading it then says what is wrong)."""
    try:
        amount = Decimal(total) - Decimal(before)
    except (InvalidOperation, ValueError):
        return total
    return format(amount.normalize(), "f") if amount else "0"


def _year(text: str) -> int:
    return parse_year(text)
