"""A work-plan table's 状态 column: the progress a department reports for each item (done with
its day, cancelled with its reason, or how it stands), read at its row, and written back as
ipplan's own workbook writes it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipplan.problems import Problem
from ipplan.workplans.periods import PeriodError, parse

# The progress records one item's 状态 cell may report (a milestone each, done, cancelled): an
# import's records of one item are a microsecond apart within its millisecond (see
# ipplan.history.of_import), so never near a thousand
MAX_STATED = 500


@dataclass(frozen=True)
class Stated:
    """Progress a 状态 cell reports, at its row: the item done (``milestone`` None) or one
    milestone done, on ``date``; or, with ``cancelled`` (the reason), the item cancelled, on
    ``date`` or, when the cell gives none, the day of the import."""

    row: int
    milestone: int | None
    date: dt.date
    cancelled: str | None = None


# What a 状态 cell may say, and the words of each: done or cancelled (then with a date, or a
# reason), or how it stands (nothing to record); ipplan's own workbook writes these too.
_DONE = ("已完成", "完成", "done", "completed")
_CANCELLED = ("已取消", "取消", "cancelled", "canceled")
_STANDING = (
    "进行中",
    "推进中",
    "未开始",
    "未到期",
    "逾期",
    "未跟踪",
    "in progress",
    "not started",
    "pending",
    "overdue",
    "not tracked",
)
# a milestone's line in ipplan's own workbook: "2. 下半年：已完成 2024-12-20"
_MILESTONE_LINE = re.compile(r"(\d+)[.．]\s*[^：:]*[：:]\s*(.*)")
_CANCEL = re.compile(r"([^：:]*?)\s*(?:[：:]\s*(.*))?")


def states(
    path: Path, year: int, day: dt.date, lines: Sequence[tuple[int, str]], milestones: int
) -> tuple[list[Stated], list[Problem]]:
    """The progress an item's 状态 cell reports: "已完成 2023-06-30", "完成（2023年6月）",
    "done 2023-06-30" (the item done that day, a month's last day or ``day`` if sooner);
    "已取消：原因" or "cancelled: reason" (cancelled, on the day the cell names or ``day``);
    blank, 进行中 or any other state ipplan shows: nothing. Each line "N. 期间：已完成 DATE"
    below (as ipplan's workbook writes them) is milestone N done that day.

    An item whose every milestone is done on its own line is done with them, the date of its
    own line is then not needed; a milestone done the day its item is, is done with it. A line
    that cannot be read, a done without a date, a milestone the item does not have, is a
    problem at its row."""
    found: list[Stated] = []
    problems: list[Problem] = []
    undated: list[tuple[int, str]] = []  # the lines of an item done without a date
    for row, line in lines:
        text = line.strip()
        number = None
        ticked = _MILESTONE_LINE.fullmatch(text)
        if ticked is not None:
            number, text = int(ticked.group(1)), ticked.group(2).strip()
            if not 1 <= number <= milestones:
                params = {"value": line[:40], "count": milestones}
                problems.append(Problem(path, row, "state-unknown-milestone", params))
                continue
        word = _word(text)
        if word is None or (number is not None and word in _CANCELLED):
            problems.append(Problem(path, row, "invalid-state", {"value": line[:40]}))
            continue
        rest = text[len(word) :].strip()
        if word in _STANDING and not rest:
            continue
        if word in _DONE:
            when = _state_date(rest.strip("（()）").strip(), year, day)
            if when is None and rest:
                problems.append(Problem(path, row, "invalid-state", {"value": line[:40]}))
            elif when is None and number is None:
                undated.append((row, line))
            elif when is None:
                problems.append(Problem(path, row, "state-without-date", {"value": line[:40]}))
            else:
                found.append(Stated(row, number, when))
            continue
        cancel = _CANCEL.fullmatch(rest)
        assert cancel is not None  # it matches any text
        when = _state_date(cancel.group(1), year, day) if cancel.group(1) else day
        reason = (cancel.group(2) or "").strip()
        if word in _CANCELLED and when is not None and not reason:
            problems.append(Problem(path, row, "state-without-reason", {"value": line[:40]}))
            continue
        if when is None or not reason or word in _STANDING:
            problems.append(Problem(path, row, "invalid-state", {"value": line[:40]}))
            continue
        found.append(Stated(row, None, when, reason))
    ticked_off = {s.milestone for s in found if s.milestone is not None}
    for row, line in undated:  # done, and every milestone done on its own line: done with them
        if len(ticked_off) < milestones:
            problems.append(Problem(path, row, "state-without-date", {"value": line[:40]}))
    for stated in found:
        if stated.date > day:
            params = {"date": stated.date.isoformat(), "today": day.isoformat()}
            problems.append(Problem(path, stated.row, "state-in-future", params))
    whole = {s.date for s in found if s.milestone is None and s.cancelled is None}
    # once each: a milestone, the item done, the item cancelled (the first line that says so)
    kept: dict[tuple[int | None, bool], Stated] = {}
    for stated in found:
        if stated.milestone is None or stated.date not in whole:
            kept.setdefault((stated.milestone, stated.cancelled is not None), stated)
    if len(kept) > MAX_STATED:
        params = {"limit": MAX_STATED}
        problems.append(Problem(path, lines[0][0], "too-many-states", params))
    ordered = sorted(kept.values(), key=lambda s: (s.milestone is None, s.milestone or 0))
    return ordered, problems


def _word(text: str) -> str | None:
    """The state word ``text`` starts with (the longest), if any."""
    lowered = text.lower()
    words = [w for w in (*_DONE, *_CANCELLED, *_STANDING) if lowered.startswith(w)]
    return max(words, key=len) if words else None


def _state_date(text: str, year: int, day: dt.date) -> dt.date | None:
    """The day a state names: a day (2023-06-30, 2023年6月30日) or a month (2023年6月: its last
    day, or ``day`` if that is sooner); None for anything else."""
    if not text:
        return None
    try:
        period = parse(text, year)
    except PeriodError:
        return None
    if period.kind == "day":
        return period.end
    if period.kind == "month":
        return min(period.end, day)
    return None


def state_text(item: Mapping[str, Any], lang: str) -> str:
    """An item's state as its 状态 cell's first line, which :func:`states` reads back: done
    with the day it was marked done ("已完成 2024-12-20"; without one, its milestones' lines
    carry theirs), cancelled with its day and reason ("已取消 2024-05-01：经费取消")."""
    from ipplan.text.i18n import text

    word = text("wp." + item["state"], lang)
    if item["state"] == "done" and item["done_on"]:
        return f"{word} {item['done_on']}"
    if item["state"] == "cancelled":
        days = [e["date"] for e in item["progress"] if e["cancelled"] is not None]
        colon = ": " if lang == "en" else "："
        return f"{word} {days[-1]}{colon}{item['cancelled']}" if days else word
    return word
