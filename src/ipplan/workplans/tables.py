"""The work plan as the tables people circulate (seed 004): read from xlsx or CSV, written back.

Columns, in Chinese or English: 编号 (id), 所属部分 (section), 对应行动 (actions), 工作措施
(measure), 工作目标 (goal), 具体内容 (content, one item a line), 进度安排 (schedule, a line
each, starting with its period: "第一季度，完成……"), 负责部门 (units: "省局负责，地方局配合"), and
状态 (state: what a department reports, "已完成 2023-06-30", "已取消：原因", read back as progress
records; see :func:`states`). A row whose 工作措施 is empty continues the item above it, as
merged cells do in a spreadsheet.

An import is all or nothing: every row is checked, every problem is named with its row, and the
work plan file is written only when there is none. The file is opened, decoded and unpacked by
:mod:`ipplan.files.tablefile`, within its limits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipplan.files import tablefile
from ipplan.files.record_text import scalar
from ipplan.files.tablefile import TableError
from ipplan.problems import Problem, suggest
from ipplan.text import numbers
from ipplan.text.typed_input import control_character
from ipplan.workplans.periods import (
    PeriodError,
    outside_year,
    parse,
    split_clauses,
    split_prefix,
    starts_unsure,
)
from ipplan.workplans.state_cells import state_text, states

MAX_ROWS = 5_000
HEADER_ROWS = 10  # the header row is one of a sheet's first ten

# column -> the names it may go by in a header row
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "id"),
    "section": ("所属部分", "section"),
    "actions": ("对应行动", "行动", "actions"),
    "measure": ("工作措施", "measure"),
    "goal": ("工作目标", "goal"),
    "content": ("具体内容", "content"),
    "schedule": ("进度安排", "schedule"),
    "units": ("负责部门", "units"),
    "indicators": ("服务指标", "indicators"),
    "state": ("状态", "state"),
}
REQUIRED = ("actions", "measure", "schedule")
# a count at the end of a content line: "开展专利信息人员培训6次", "培训2,500人次" (thousands
# separated by a comma, ASCII or full-width, in groups of three); the whole number, never its
# tail: nothing of a number (a digit, a sign, a separator, a letter of 1e3) stands before it
_QUANTITY = re.compile(
    r"(?<![0-9A-Za-z.,，．+\-−－])(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*"
    r"(次|家|人|项|期|场|个|篇|件|所|批|份|人次|家次)[。.]?$"
)
# what before a count makes it no count (spaces between allowed): a number, a sign or a
# separator ("培训 - 3次"), a range ("2～5次", "3至5次"), a fraction ("2/3次"), an ordinal
# ("第3期"); "提高至50家" is a count, with no number before 至
_NOT_A_COUNT = re.compile(r"(?:[0-9A-Za-z.,，．+\-−－~～〜—–/／÷第]|\d\s*[至到])\s*$")
# the largest target a work plan's quantity holds (workplans.model.Quantity)
_MAX_TARGET = 10**12
# The table's own numbering of a measure or a content line, dropped from both alike (ipplan
# numbers an item's content itself): "1." "2、" "（3）" "（一）" "一、", never the integer
# part of "2.5亿元" nor a word that starts with a numeral ("三季度")
_NUMBERING = re.compile(
    r"^\s*(?:\d+(?:[.．](?!\d)|、)|[（(](?:\d+|[一二三四五六七八九十]+)[)）]|[一二三四五六七八九十]+、)\s*"
)
_ID = re.compile(r"[a-z][a-z0-9_-]*")
# A section's heading, numbered with a Chinese numeral ("（一）完善专利法规政策", "一、…"), above
# the measure in its cell, as seed 004 writes it: on a line of its own, or run into the
# measure's own numbering ("（一）完善专利法规政策1.加强…", a line break lost)
_HEADING = re.compile(r"\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_RUN_ON = re.compile(r"(.+?)(\d+(?:[.．](?!\d)|、).*)", re.DOTALL)


@dataclass
class Row:
    number: int  # the row in the sheet or the line in the CSV file
    cells: dict[str, str]
    # the columns whose value is a merged cell's, begun in a row above (xlsx only)
    merged: frozenset[str] = frozenset()


@dataclass
class Draft:
    """An item as read from the table, with the row it starts on."""

    row: int
    id: str | None
    section: str | None = None
    actions: list[str] = field(default_factory=list)
    measure: str = ""
    goal: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    schedule: list[tuple[int, str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    state: list[tuple[int, str]] = field(default_factory=list)  # (row, line) of 状态 cells


# what the rows above the header row may say of the work plan, as ipplan's own workbook writes
# them: a name in one cell, its value in the next
ABOUT: dict[str, tuple[str, ...]] = {
    "year": ("年度", "year"),
    "title": ("标题", "title"),
    "issuer": ("印发单位", "issuer"),
    "issued": ("印发日期", "issued"),
    "tracked": ("进度跟踪", "tracked"),  # written only for a plan whose progress was not kept
}
# what a 进度跟踪 row may say: not tracked (transcribed afterwards, workplan.tracked: false), or
# tracked
TRACKED = {
    False: ("未跟踪", "否", "not tracked", "no", "false"),
    True: ("跟踪", "是", "tracked", "yes", "true"),
}


@dataclass
class Table:
    """A table as read: where its problems are (the file, or ``file!sheet`` in a workbook),
    its rows below the header, the problems of reading them, and what the rows above the
    header say of the work plan (name -> (row, value), names of :data:`ABOUT`)."""

    where: Path
    rows: list[Row]
    problems: list[Problem]
    about: dict[str, tuple[int, str]] = field(default_factory=dict)


def read_rows(
    path: Path, encoding: str | None = None, year: int | None = None, sheet: str | None = None
) -> Table:
    """The rows below the header row of ``path`` (xlsx, or CSV in UTF-8, Excel's GBK, or the
    ``encoding`` named), and the problems of reading them. In a workbook, the sheet ``sheet``
    names, else the sheet of ``year`` (see :func:`_choose`). Raises :class:`TableError` for a
    file that cannot be read as a table at all."""
    raw = tablefile.read(path)
    if tablefile.is_workbook(path):
        return _workbook_rows(path, raw, year, sheet)
    if sheet is not None:
        raise TableError(Problem(path, 1, "import-sheet-of-text", {"sheet": sheet}))
    grid = _csv_grid(path, tablefile.decode(raw, path, encoding))
    rows, problems = _rows(path, grid)
    return Table(path, rows, problems, _about(grid))


def _about(grid: Sequence[tuple[int, list[str]]]) -> dict[str, tuple[int, str]]:
    """What the rows above the header row say of the work plan (:data:`ABOUT`); a row of one
    cell alone, the last above the header, is the title when no 标题 row names one, as seed
    004's 浙江省2014年专利事业发展战略推进工作组织实施方案 stands above its table."""
    index = _header_index(grid) or 0
    found: dict[str, tuple[int, str]] = {}
    alone: tuple[int, str] | None = None
    for number, cells in grid[:index]:
        filled = [c.strip() for c in cells if c.strip()]
        for name, names in ABOUT.items():
            if len(filled) >= 2 and filled[0].lower() in names:
                found.setdefault(name, (number, filled[1]))
        if len(filled) == 1:
            alone = (number, " ".join(_lines(filled[0])))
    if alone is not None:
        found.setdefault("title", alone)
    return found


def _sheet_year(title: str, about: Mapping[str, tuple[int, str]]) -> int | None:
    """The year a sheet is of: its 年度 row, else the one four-digit year its name holds."""
    if "year" in about and about["year"][1].isdigit():
        return int(about["year"][1])
    years = set(re.findall(r"(?<!\d)(\d{4})(?!\d)", title))
    return int(years.pop()) if len(years) == 1 else None


def _csv_grid(path: Path, text: str) -> list[tuple[int, list[str]]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        grid: list[tuple[int, list[str]]] = []
        cells = 0
        for row in reader:
            if len(grid) >= MAX_ROWS:
                raise TableError(
                    Problem(path, reader.line_num, "too-many-rows", {"limit": MAX_ROWS})
                )
            cells += len(row)
            if cells > tablefile.MAX_CELLS:
                params = {"limit": tablefile.MAX_CELLS}
                raise TableError(Problem(path, reader.line_num, "too-many-cells", params))
            grid.append((reader.line_num, row))
        return grid
    except csv.Error as exc:
        raise TableError(Problem(path, 1, "csv-syntax", {"detail": str(exc)})) from None


def _workbook_rows(path: Path, raw: bytes, year: int | None, name: str | None) -> Table:
    """The rows of the chosen sheet (:func:`_choose`), read a row at a time; a formula whose
    value the file never saved, in the header row or a column read, is a problem at its cell."""
    with tablefile.workbook(path, raw, MAX_ROWS) as book:
        titles = book.titles
        if name is not None and name not in titles:
            params = {"sheet": name, "sheets": titles}
            raise TableError(Problem(path, 1, "import-unknown-sheet", params))
        chosen = _choose(path, book, year, name)
        for sheet in book.sheets():
            if sheet.title != chosen:
                continue
            where = Path(f"{path}!{sheet.title}")
            rows = sheet.rows()
            head = [row for _, row in zip(range(HEADER_ROWS), rows, strict=False)]
            index = _header_index([(row.number, row.cells) for row in head])
            if index is None:
                raise _no_header(where, [(row.number, row.cells) for row in head])
            read = head[index:] + list(rows)
            columns = [_column_of(c) for c in read[0].cells]
            problems = [
                Problem(
                    where, row.number, "formula-without-value", {"sheet": sheet.title, "cell": cell}
                )
                for row in read
                for column, cell in row.uncached
                if row is read[0] or (column < len(columns) and columns[column] is not None)
            ]
            grid = [(row.number, list(row.cells)) for row in head[:index] + read]
            spread = _spread(grid[index:], columns, sheet.merged())
            found, missing = _rows(where, grid, spread)
            return Table(where, found, missing + problems, _about(grid))
    raise TableError(Problem(path, 1, "missing-column", {"missing": "工作措施"}))


def _choose(path: Path, book: tablefile.Workbook, year: int | None, name: str | None) -> str:
    """The sheet to read: the one ``name`` names; else, of the sheets with a header row (in
    their first ten rows), the first of ``year`` (its 年度 row, or the year in its name), else
    the first of no year at all. A workbook whose table sheets are all of other years is
    refused, naming them: ipplan's own workbook has a sheet for each year."""
    if name is not None:
        return name
    tables: list[tuple[str, int | None]] = []
    heads: list[tuple[int, list[str]]] = []
    for sheet in book.sheets():
        rows = zip(range(HEADER_ROWS), sheet.rows(), strict=False)
        head = [(row.number, row.cells) for _, row in rows]
        heads += head
        if _header_index(head) is not None:
            tables.append((sheet.title, _sheet_year(sheet.title, _about(head))))
    for title, of in tables:
        if of is not None and of == year:
            return title
    for title, of in tables:
        if of is None:
            return title
    if not tables:
        raise _no_header(path, heads)
    params = {"year": year, "sheets": [title for title, _ in tables]}
    raise TableError(Problem(path, 1, "no-sheet-of-year", params))


def _spread(
    grid: list[tuple[int, list[str]]],
    columns: Sequence[str | None],
    merges: Sequence[tuple[int, int, int, int]],
) -> set[tuple[int, int]]:
    """Give every row a merged cell spans its value, as the spreadsheet shows it (``grid`` is
    the header row and those below, changed in place); the (row, column) filled so."""
    first = {number: cells for number, cells in grid}
    spread: set[tuple[int, int]] = set()
    for top, bottom, left, _ in merges:
        if bottom <= top or left >= len(columns) or columns[left] is None or top not in first:
            continue
        value = first[top][left] if left < len(first[top]) else ""
        for number, cells in grid:
            if top < number <= bottom and value:
                cells.extend([""] * (left + 1 - len(cells)))
                cells[left] = value
                spread.add((number, left))
    return spread


def _no_header(where: Path, head: Sequence[tuple[int, list[str]]]) -> TableError:
    """The refusal of a table without a header row: an empty table (no cell written in its
    first rows, or none at all) is called empty, not one that lacks a column."""
    if not any(cell.strip() for _, cells in head[:HEADER_ROWS] for cell in cells):
        return TableError(Problem(where, 1, "empty-table", {}))
    return TableError(Problem(where, 1, "missing-column", {"missing": "工作措施"}))


def _column_of(name: str) -> str | None:
    wanted = name.strip().lower()
    for column, names in HEADERS.items():
        if wanted in names:
            return column
    return None


def _header_index(grid: Sequence[tuple[int, list[str]]]) -> int | None:
    for index, (_, cells) in enumerate(grid[:HEADER_ROWS]):
        if any(_column_of(c) == "measure" for c in cells):
            return index
    return None


def _rows(
    path: Path,
    grid: list[tuple[int, list[str]]],
    spread: set[tuple[int, int]] | None = None,
) -> tuple[list[Row], list[Problem]]:
    index = _header_index(grid)
    if index is None:
        raise _no_header(path, grid)
    line, header = grid[index]
    columns = [_column_of(c) for c in header]
    problems = [
        Problem(path, line, "missing-column", {"missing": HEADERS[name][0]})
        for name in REQUIRED
        if name not in columns
    ]
    rows = []
    for number, cells in grid[index + 1 :]:
        values = {
            column: cell.strip()
            for column, cell in zip(columns, cells, strict=False)
            if column is not None and cell.strip()
        }
        merged = frozenset(
            column
            for index, column in enumerate(columns)
            if column is not None and (number, index) in (spread or ())
        )
        if values:
            rows.append(Row(number, values, merged))
    return rows, problems


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def drafts(path: Path, rows: Sequence[Row]) -> tuple[list[Draft], list[Problem]]:
    """The items the rows describe; a row without a measure of its own (or with a merged one)
    continues the item above, and adds to it (content, schedule, units), never replaces. A
    merged cell counts for every item whose first row it spans."""
    found: list[Draft] = []
    problems: list[Problem] = []
    section: str | None = None  # the heading a measure cell last gave, for the items below
    for row in rows:
        cells = row.cells
        for value in cells.values():
            char = control_character(value)
            if char is not None:
                problems.append(Problem(path, row.number, "control-character", {"char": char}))
        if "measure" not in cells or "measure" in row.merged:
            # the row continues its item (a merged 工作措施 too): a cell merged with the rows
            # above is the item's already, never added twice
            cells = {k: v for k, v in cells.items() if k not in row.merged}
        if "measure" in cells:
            heading, measure = _measure(cells["measure"])
            if heading is not None:
                section = heading
            elif "section" in cells:
                section = None  # a section of its own ends the heading's
            found.append(Draft(row=row.number, id=cells.get("id"), measure=measure))
            if "section" not in cells and section is not None:
                found[-1].section = section
        elif not found:
            problems.append(Problem(path, row.number, "row-without-measure", {}))
            continue
        draft = found[-1]
        if "section" in cells and draft.section is None:
            draft.section = cells["section"]
        if "actions" in cells:
            draft.actions += [a for a in re.split(r"[,，、;；\s]+", cells["actions"]) if a]
        if "goal" in cells:
            draft.goal.append(cells["goal"])
        draft.content += [_NUMBERING.sub("", line) for line in _lines(cells.get("content", ""))]
        draft.schedule += [(row.number, line) for line in _lines(cells.get("schedule", ""))]
        if "units" in cells:
            draft.units.append(cells["units"])
        if "indicators" in cells:
            draft.indicators += [k for k in re.split(r"[,，、;；\s]+", cells["indicators"]) if k]
        draft.state += [(row.number, line) for line in _lines(cells.get("state", ""))]
    return found, problems


def _measure(cell: str) -> tuple[str | None, str]:
    """A measure cell as the section heading above the measure, if it has one, and the measure,
    each line's numbering dropped alike ("（一）完善专利法规政策\n1.加强专利政策体系顶层设计" is
    the heading "（一）完善专利法规政策" and the measure "加强专利政策体系顶层设计"). A cell of one
    line is the measure, numbered as it may be: "（一）完善专利法规政策" is "完善专利法规政策"."""
    lines = _lines(cell) or [cell.strip()]
    heading = None
    if len(lines) > 1 and _HEADING.match(lines[0]):
        heading, lines = lines[0], lines[1:]
    elif len(lines) == 1 and (numbered := _HEADING.match(lines[0])) is not None:
        run_on = _RUN_ON.fullmatch(lines[0][numbered.end() :])
        if run_on is not None and run_on.group(1).strip():
            heading = lines[0][: len(lines[0]) - len(run_on.group(2))].strip()
            lines = [run_on.group(2)]
    measure = "\n".join(_NUMBERING.sub("", line) or line for line in lines)
    return heading, measure


def units_of(text: str) -> tuple[str | None, list[str]]:
    """The lead and supporting units of "省局负责，地方局配合", or of the English workbook's
    "省局 leads; 地方局, 市局 support"; text without either is the lead.

    Several cells' units (an item's continuation rows) add up, never replace: "省局、杭州市局、
    桐庐局负责" and "省局负责，地方局配合" are led by 省局、杭州市局、桐庐局, with 地方局 in
    support. A unit named twice is named once; one that leads is not also in support."""
    leads: list[str] = []
    support: list[str] = []
    parts = [part.strip() for part in re.split(r"[，,；;]", text) if part.strip()]
    for at, part in enumerate(parts):
        if part.endswith(" support"):
            support += _names(part[: -len(" support")], "、")
        elif part.endswith(" leads"):
            leads += _names(part[: -len(" leads")], "、")
        elif part.endswith("配合"):
            support += _names(part[: -len("配合")], "、及和")
        elif part.endswith("负责"):
            leads += _names(part[: -len("负责")], "、")
        elif (word := _english_list(parts[at:])) is not None:
            # a unit of an English list, which a later part says leads or supports:
            # "地方局, 市局 support"
            (leads if word == "leads" else support).extend(_names(part, "、"))
        elif not leads:
            leads += _names(part, "、")
        else:
            support.append(part)
    lead = list(dict.fromkeys(u for u in leads if u))
    others = [u for u in dict.fromkeys(support) if u and u not in lead]
    return "、".join(lead) or None, others


def _english_list(parts: Sequence[str]) -> str | None:
    """The word "leads" or "support" when the first of ``parts`` is a unit of an English list
    that a later part ends (before any part that ends in Chinese); else None."""
    for part in parts:
        for word in ("leads", "support"):
            if part.endswith(" " + word):
                return word
        if part.endswith(("负责", "配合")):
            return None
    return None


def _names(text: str, separators: str) -> list[str]:
    """The units a list of them names, split at ``separators`` outside brackets: "各县(市、区)
    知识产权局" is one unit."""
    names = [""]
    depth = 0
    for char in text:
        depth += char in "(（"
        depth -= char in ")）" and depth > 0
        if depth == 0 and char in separators:
            names.append("")
        else:
            names[-1] += char
    return [name.strip() for name in names]


def items(
    path: Path,
    year: int,
    found: Sequence[Draft],
    actions: Sequence[str],
    taken: Mapping[str, str],
    indicators: Sequence[str],
    day: dt.date,
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Each draft as a work-plan item, checked: actions that exist, periods that parse, ids
    unique here and across the other work plans (``taken``: id -> where); and the progress its
    状态 cells report on ``day`` (the item's ``progress``, :func:`states`)."""
    result: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, draft in enumerate(found, 1):
        item_id = draft.id.strip().lower() if draft.id else f"y{year}-{number}"
        if re.fullmatch(r"\d+(?:[.-]\d+)*", item_id):  # a table's own numbering: 1, 2.3
            item_id = f"y{year}-" + item_id.replace(".", "-")
        if not _ID.fullmatch(item_id):
            bad = {"field": "编号", "got": item_id, "pattern": r"^[a-z][a-z0-9_-]*$"}
            problems.append(Problem(path, draft.row, "invalid-id", bad))
        elif item_id in seen:
            problems.append(
                Problem(
                    path, draft.row, "duplicate-item-id", {"value": item_id, "first": seen[item_id]}
                )
            )
        elif item_id in taken:
            problems.append(
                Problem(
                    path,
                    draft.row,
                    "duplicate-item-id",
                    {"value": item_id, "first": taken[item_id]},
                )
            )
        seen.setdefault(item_id, draft.row)
        if not draft.actions:
            example = {"example": actions[0] if actions else "…"}  # the plan's own
            problems.append(Problem(path, draft.row, "missing-actions", example))
        for ref in draft.actions:
            if ref not in actions:
                problems.append(
                    Problem(
                        path,
                        draft.row,
                        "unknown-action",
                        {"ref": ref, "suggest": suggest(ref, actions)},
                    )
                )
        for ref in draft.indicators:
            if ref not in indicators:
                params = {"ref": ref, "suggest": suggest(ref, indicators)}
                problems.append(Problem(path, draft.row, "unknown-indicator", params))
        schedule = []
        for row, line in draft.schedule:
            clauses = split_clauses(line)
            if clauses is None:
                code = "schedule-without-period"
                # a clause that could mean two ends ("6月前完成"), first in the line or later
                if split_prefix(line) is not None or starts_unsure(line.strip()):
                    code = "schedule-unsure-period"
                problems.append(Problem(path, row, code, {"line": line[:40]}))
                continue
            for period, task in clauses:
                try:
                    parsed = parse(period, year)
                except PeriodError as exc:
                    problems.append(Problem(path, row, exc.code, {"period": period}))
                    continue
                if outside_year(parsed, year):  # the rule validate holds the file to
                    problems.append(
                        Problem(path, row, "period-year", {"period": period, "year": year})
                    )
                    continue
                schedule.append({"period": period, "task": task or None})
        if not draft.schedule:
            problems.append(Problem(path, draft.row, "missing-schedule", {}))
        lead, support = units_of("，".join(draft.units))
        stated, wrong = states(path, year, day, draft.state, len(schedule))
        problems += wrong
        result.append(
            {
                "id": item_id,
                "section": draft.section,
                "actions": draft.actions,
                "measure": draft.measure,
                "goal": "\n".join(draft.goal) or None,
                "content": [_content(line) for line in draft.content],
                "schedule": schedule,
                "lead": lead,
                "support": support,
                "indicators": draft.indicators,
                "progress": stated,
            }
        )
    return result, problems


def numbered(number: int, text: str, lang: str = "zh") -> str:
    """A content line with its number, as the import reads it back: "1.举办培训", and "2、2.5亿元"
    where the text starts with a digit, which after "2." would read as the decimal 2.2; in
    English "(2) 2.5亿元" instead."""
    if not text[:1].isdigit():
        return f"{number}.{text}"
    return f"({number}) {text}" if lang == "en" else f"{number}、{text}"


def _content(line: str) -> dict[str, Any]:
    """A content line and the count at its end, if any. A count that is not a positive whole
    number a work plan holds (0, -3, 1e3, 0.5, more digits than a number keeps), or that is part
    of a range (2～5次), an ordinal (第3期) or a fraction (2/3次), is no quantity: the line stays
    as text, without a target."""
    found = _QUANTITY.search(line)
    if found is None or found.group(2) or _NOT_A_COUNT.search(line, 0, found.start()):
        return {"text": line, "quantity": None}
    digits = re.sub("[,，]", "", found.group(1)) + (found.group(2) or "")
    value = float(digits)
    if numbers.inexact(digits, value) is not None or not 0 < value <= _MAX_TARGET:
        return {"text": line, "quantity": None}
    target: int | float = int(value) if value.is_integer() else value
    return {"text": line, "quantity": {"target": target, "unit": found.group(3)}}


def dump(info: Mapping[str, Any], found: Sequence[Mapping[str, Any]]) -> str:
    """A work plan file, written once by the import for people to keep editing."""
    lines = [
        "# yaml-language-server: $schema=../schema/workplan.schema.json",
        "# Imported by `ipplan workplan-import`; edit by hand from now on, and check with",
        "# `ipplan validate`. Progress is recorded with `ipplan item`, never in this file.",
        "workplan:",
    ]
    lines += [f"  {k}: {scalar(v)}" for k, v in info.items() if v is not None]
    lines.append("items:")
    for item in found:
        lines.append(f"  - id: {scalar(item['id'])}")
        if item["section"]:
            lines.append(f"    section: {scalar(item['section'])}")
        lines.append(f"    actions: [{', '.join(scalar(a) for a in item['actions'])}]")
        lines.append(f"    measure: {scalar(item['measure'])}")
        if item["goal"]:
            lines.append(f"    goal: {scalar(item['goal'])}")
        if item["content"]:
            lines.append("    content:")
            for c in item["content"]:
                lines.append(f"      - text: {scalar(c['text'])}")
                q = c["quantity"]
                if q is not None:
                    lines.append(
                        f"        quantity: {{target: {scalar(q['target'])}, "
                        f"unit: {scalar(q['unit'])}}}"
                    )
        lines.append("    schedule:")
        for m in item["schedule"]:
            lines.append(f"      - period: {scalar(m['period'])}")
            if m["task"]:
                lines.append(f"        task: {scalar(m['task'])}")
        if item["lead"]:
            lines.append(f"    lead: {scalar(item['lead'])}")
        if item["support"]:
            lines.append(f"    support: [{', '.join(scalar(u) for u in item['support'])}]")
        if item["indicators"]:
            lines.append(f"    indicators: [{', '.join(scalar(k) for k in item['indicators'])}]")
    return "\n".join(lines) + "\n"


def sheet(view: Mapping[str, Any], lang: str) -> Iterator[list[str]]:
    """A work plan view as the table's rows: its year, title, issuer and issue date (those it
    has), a name and a value a row (:data:`ABOUT`), then the header row and the items; what the
    xlsx sheet holds, and what the import reads back."""
    from ipplan.render.sentences import units_text
    from ipplan.text.i18n import text

    english = lang == "en"
    info = view["workplan"]
    for name in ("year", "title", "issuer", "issued"):
        if info[name]:
            yield [ABOUT[name][-1 if english else 0], str(info[name])]
    if not info["tracked"]:
        yield [ABOUT["tracked"][-1 if english else 0], text("wp.not_tracked", lang)]
    # a column's English name is the last it goes by; the import reads either
    yield [names[-1 if english else 0] for names in HEADERS.values()]
    joiner, sep, colon = (", ", ", ", ": ") if english else ("，", "、", "：")
    for item in view["items"]:
        schedule = [
            f"{m['period']}{joiner}{m['task']}" if m["task"] else m["period"]
            for m in item["schedule"]
        ]
        states = [state_text(item, lang)]
        states += [
            f"{m['number']}. {m['period']}{colon}{text('wp.' + m['state'], lang)}"
            + (f" {m['done_on']}" if m["state"] == "done" and m["done_on"] else "")
            for m in item["schedule"]
        ]
        units = units_text(item["lead"], item["support"], lang)
        yield [
            item["id"],
            item["section"] or "",
            sep.join(a["id"] for a in item["actions"]),
            item["measure"],
            item["goal"] or "",
            "\n".join(
                numbered(c["number"], c["text"], lang) if len(item["content"]) > 1 else c["text"]
                for c in item["content"]
            ),
            "\n".join(schedule),
            units if units != "—" else "",
            sep.join(item["indicators"]),
            "\n".join(states),
        ]
