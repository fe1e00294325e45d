"""``ipplan import``: many actuals at once from the tidy CSV layout that ``report -f csv`` writes.

All or nothing: every row is checked first, every problem is reported with its CSV line, and
the record files are written only when every row is valid.
A text cell that the report quoted against spreadsheet formulas (``'=x``) is read as the
text it stands for (``=x``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ipplan.errors import ImportRefused, IpplanError
from ipplan.files import tablefile
from ipplan.files.formulas import literal
from ipplan.files.layout import DataDir
from ipplan.files.lock import Waiting
from ipplan.plan import Plan
from ipplan.problems import Problem
from ipplan.text.typed_input import parse_year
from ipplan.write import (
    Change,
    Edit,
    actual_writes,
    apply,
    check_plausible,
    commit,
    prepare,
    stamp,
)

REQUIRED = ("key", "year", "value")
OPTIONAL = ("source", "note")
# The Chinese headers people write in a spreadsheet, for each column import reads.
HEADERS: dict[str, tuple[str, ...]] = {
    "key": ("key", "指标", "指标键", "指标名称"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "实际值"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注"),
}


def column_of(header: str) -> str | None:
    """Which column of :data:`HEADERS` a header names, whatever its case and spacing."""
    name = header.strip().strip("\u3000").lower()
    return next((column for column, names in HEADERS.items() if name in names), None)


@dataclass(frozen=True)
class Row:
    """One CSV record that carries a value, with the line it starts on."""

    line: int
    key: str
    year: str
    value: str
    source: str | None
    note: str | None


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


def read_rows(path: Path, encoding: str | None = None) -> tuple[list[Row], int, list[Problem]]:
    """The rows of a CSV file that carry a value, how many carried none, and the problems.

    The file is read and decoded by :mod:`ipplan.files.tablefile`: a regular file within its size
    limit, as Excel on a Chinese Windows saves it (UTF-8 or GBK) or in ``encoding``.
    """
    try:
        raw = tablefile.read(path)
        if tablefile.is_workbook(path) or raw.startswith(tablefile.WORKBOOK_MAGIC):
            return [], 0, [Problem(path, 1, "import-workbook", {})]
        text = tablefile.decode(raw, path, encoding)
    except tablefile.TableError as exc:
        return [], 0, [exc.problem]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], 0, [Problem(path, reader.line_num, "import-csv-syntax", {"detail": str(exc)})]
    if header is None:
        return [], 0, [Problem(path, 1, "import-empty", {})]
    columns = [column_of(name) for name in header]
    twice = sorted({c for c in columns if c is not None and columns.count(c) > 1})
    if twice:
        named = [h.strip() for h, c in zip(header, columns, strict=True) if c in twice]
        params = {"columns": named, "has": [h.strip() for h in header]}
        return [], 0, [Problem(path, 1, "import-duplicate-column", params)]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        params = {"missing": missing, "has": [h.strip() for h in header]}
        return [], 0, [Problem(path, 1, "import-missing-column", params)]
    where = {name: columns.index(name) for name in (*REQUIRED, *OPTIONAL) if name in columns}

    rows: list[Row] = []
    skipped = 0
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(path, start, "import-csv-syntax", {"detail": str(exc)}))
            break
        line, start = start, reader.line_num + 1

        def cell(name: str, record: list[str] = record) -> str:
            index = where.get(name)
            return record[index].strip() if index is not None and index < len(record) else ""

        if not any(field.strip() for field in record):
            continue
        if len(record) != len(header):
            # A cell too many or too few (an unquoted thousands separator: 1,200) would shift
            # every cell after it into the wrong column.
            counts = {"cells": len(record), "columns": len(header)}
            problems.append(Problem(path, line, "import-row-cells", counts))
            continue
        if not cell("value"):
            skipped += 1
            continue
        rows.append(
            Row(
                line,
                cell("key"),
                cell("year"),
                cell("value"),
                literal(cell("source")) or None,
                literal(cell("note")) or None,
            )
        )
    return rows, skipped, problems


def import_csv(
    data_dir: DataDir,
    plan: Plan,
    path: Path,
    *,
    force: bool = False,
    when: dt.datetime | None = None,
    encoding: str | None = None,
    waiting: Waiting | None = None,
) -> Imported:
    """Record every valued row of ``path``, or nothing: raises ImportRefused with every problem.

    All the values of one import share one recorded time, so ``ipplan undo`` reverts them
    together.
    """
    rows, skipped, read_problems = read_rows(path, encoding)

    def edit(latest: Plan) -> Edit[Imported]:
        problems = list(read_problems)
        moment = stamp(latest, when)
        changes: list[Change] = []
        lines: list[int] = []
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
                    plausible=False,
                    fields=("source", "note"),
                )
            except IpplanError as exc:
                problems.append(Problem(path, row.line, exc.message_id, dict(exc.params)))
                continue
            slot = (change.indicator.key, year)
            if slot in first:
                params = {"key": slot[0], "year": year, "first": first[slot]}
                problems.append(Problem(path, row.line, "import-duplicate-row", params))
                continue
            first[slot] = row.line
            changes.append(change)
            lines.append(row.line)
        actuals = apply(latest, changes)
        if not force:
            # Each new value against its neighbours as they will be once the whole file is in.
            for change, line in zip(changes, lines, strict=True):
                if change.unchanged or change.actual.value is None:
                    continue
                indicator, year = change.indicator, change.actual.year
                try:
                    check_plausible(
                        latest, indicator, actuals[indicator.key], year, change.actual.value
                    )
                except IpplanError as exc:
                    problems.append(Problem(path, line, exc.message_id, dict(exc.params)))
        if problems:
            raise ImportRefused(sorted(problems, key=Problem.sort_key), path=str(path))
        outcome = Imported(changes, skipped)
        return Edit(outcome, actual_writes(changes))

    return commit(data_dir, plan, edit, waiting=waiting)


def _year(text: str) -> int:
    return parse_year(text)
