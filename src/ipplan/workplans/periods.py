"""When a milestone ends: the period forms of methodology.md's table, read strictly.

A period is written as a year (``2024``, ``全年``), a half (``2024H1``, ``上半年``), a quarter
(``2024Q3``, ``第三季度``, ``第三、四季度``), a month (``2024-06``, ``6月底前``, ``6月``) or a day
(``2024-03-10``, ``3月10日前``). Chinese forms take their year from the work plan they stand in,
unless they name one (``2024年6月底前``). Anything else is refused, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

KINDS = ("year", "half", "quarter", "month", "day")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９


@dataclass(frozen=True, order=True)
class Period:
    """A period, by the day it ends; ``kind`` and ``index`` say which period it is."""

    end: dt.date
    kind: str
    year: int
    index: int = 0  # the half (1-2), quarter (1-4), month (1-12) or day of year; 0 for a year

    @property
    def canonical(self) -> str:
        """The period in its ISO-like form: 2024, 2024H1, 2024Q3, 2024-06, 2024-03-10."""
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            return f"{self.year}H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        return self.end.isoformat()


def outside_year(period: Period, year: int) -> bool:
    """Whether a milestone's ``period`` falls outside its work plan's ``year``: a year's work
    plan schedules that year's work, so 2024Q3 in the 2023 plan is a table of another year
    imported as this one, or a slip (an item that runs on is in the next year's plan too). One
    rule for ``validate`` and ``workplan-import`` (``period-year``)."""
    return period.year != year


class PeriodError(ValueError):
    """Text that is not a period; ``code`` says why (a stable problem code)."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(code, text)
        self.code = code
        self.text = text


def _number(text: str) -> int:
    """An Arabic or Chinese number from one to twelve (一, 十, 十二)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1:]]
    return _CN_DIGITS[text]


_N = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
_CN_Q = r"[一二三四1-4]"
_YEAR_PREFIX = r"(?:(?P<year>\d{4})年)?"
_BY = r"(?:底前|底|末|内)?"  # "6月前" could mean by May's end; it is refused, not guessed

# ISO-like forms; each names its own year.
_ISO_FORMS = [
    (r"(?P<year>\d{4})", "year"),
    (r"(?P<year>\d{4})H(?P<i>[12])", "half"),
    (r"(?P<year>\d{4})Q(?P<i>[1-4])", "quarter"),
    (r"(?P<year>\d{4})-(?P<i>\d{2})", "month"),
    (r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", "day"),
]
# Chinese forms; the year comes from the work plan unless written (2024年6月底前).
_CN_FORMS = [
    (r"全年|年内|年底前|年底|年末|年度内", "year"),
    (r"(?P<year>\d{4})年(?:全年|底前|底|末|内|度内)?", "year"),
    (_YEAR_PREFIX + r"(?P<i>[上下])半年" + _BY, "half"),
    (
        _YEAR_PREFIX
        + rf"(?:第?(?:{_CN_Q})(?:季度)?(?:[、，,至到—-]|(?:季度)?至第?))*第?(?P<i>{_CN_Q})季度"
        + _BY,
        "quarter",
    ),
    (_YEAR_PREFIX + rf"(?P<i>{_N})月(?:份)?" + _BY, "month"),
    (_YEAR_PREFIX + rf"(?P<m>{_N})月(?P<d>\d{{1,2}}|{_N})日(?:前|以前)?", "day"),
]


def _schema_form(form: str) -> str:
    """A form as JSON Schema's regular expressions read it (ECMA-262): no named groups, and
    the digits and letters :func:`normalise` takes written as they may be typed."""
    plain = re.sub(r"\(\?P<\w+>", "(?:", form).replace(r"\d", "[0-9０-９]")
    plain = plain.replace("1-4", "1-4１-４").replace("[12]", "[12１２]")
    return plain.replace("H", "[HhＨ]").replace("Q", "[QqＱ]")


def schema_pattern() -> str:
    """Every form, for the work plan's JSON Schema: text that matches no form is no period.
    (Spaces inside a period, which normalise removes, and the calendar, a 13th month, are for
    validate.) Made when the schema's models are, never on a command's way to its plan."""
    forms = "|".join(f"(?:{_schema_form(form)})" for form, _ in [*_ISO_FORMS, *_CN_FORMS])
    return rf"^\s*(?:{forms})\s*$"


@functools.cache
def _patterns(kind: str) -> list[tuple[re.Pattern[str], str]]:
    """The forms compiled, on first use: a command that reads no period never compiles them."""
    forms = _ISO_FORMS if kind == "iso" else _CN_FORMS
    return [(re.compile(form), name) for form, name in forms]


def normalise(text: str) -> str:
    """Full-width digits and letters to ASCII, spaces removed: what the patterns read."""
    out = text.translate(_FULL_WIDTH).replace("Ｑ", "Q").replace("Ｈ", "H")
    return "".join(out.split()).upper().replace("Q", "Q")


def is_chinese(text: str) -> bool:
    """Whether ``text`` is a Chinese form that needs the work plan's year."""
    value = normalise(str(text))
    return any(p.fullmatch(value) and not _has_year(p, value) for p, _ in _patterns("cn"))


def _has_year(pattern: re.Pattern[str], value: str) -> bool:
    found = pattern.fullmatch(value)
    return bool(found and "year" in pattern.groupindex and found.group("year"))


def parse(text: str | int, year: int | None) -> Period:
    """The period ``text`` stands for; Chinese forms without a year take ``year``.

    Raises :class:`PeriodError` with code ``invalid-period`` for text that is no period, and
    ``period-needs-year`` for a Chinese form when ``year`` is unknown.
    """
    raw = str(text)
    value = normalise(raw)
    for pattern, kind in _patterns("iso"):
        found = pattern.fullmatch(value)
        if found:
            return _build(kind, found, int(found.group("year")), raw)
    for pattern, kind in _patterns("cn"):
        found = pattern.fullmatch(value)
        if not found:
            continue
        named = found.groupdict().get("year")
        if named:
            return _build(kind, found, int(named), raw)
        if year is None:
            raise PeriodError("period-needs-year", raw)
        return _build(kind, found, year, raw)
    raise PeriodError("invalid-period", raw)


@functools.lru_cache(maxsize=4096)
def parse_once(text: str | int, year: int | None) -> Period:
    """:func:`parse`, each text and year once: the same few periods (2024Q3, 全年) recur
    across a plan's items and a workspace's plans. (A text that is no period raises each
    time.)"""
    return parse(text, year)


def _build(kind: str, found: re.Match[str], year: int, raw: str) -> Period:
    groups = found.groupdict()
    try:
        if kind == "year":
            return Period(dt.date(year, 12, 31), kind, year)
        if kind == "half":
            half = {"上": 1, "下": 2}.get(groups["i"]) or int(groups["i"])
            return Period(dt.date(year, 6 * half, 30 if half == 1 else 31), kind, year, half)
        if kind == "quarter":
            quarter = _number(groups["i"])
            month = 3 * quarter
            return Period(_month_end(year, month), kind, year, quarter)
        if kind == "month":
            month = _number(groups["i"])
            return Period(_month_end(year, month), kind, year, month)
        day = dt.date(year, _number(groups["m"]), _number(groups["d"]))
        return Period(day, kind, year, day.timetuple().tm_yday)
    except (ValueError, KeyError):
        raise PeriodError("invalid-period", raw) from None


def _month_end(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(month)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# A period at the start of a line of a seed-004 table's 进度安排 cell: "第一季度，完成……",
# "2014年6月底前完成申报", "全年跟踪……". Longest first, so "第三、四季度" wins over "第三".
# (re caches it compiled on first use.)
_PREFIX = (
    r"^(?P<period>"
    r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}[HhQq]\d|\d{4}(?=$|[，,：:；;。\s])"
    r"|\d{4}年(?:全年|底前|底|\d{1,2}月\d{1,2}日(?:前|以前)?|\d{1,2}月(?:底前|底)?)?"
    r"|(?:第?[一二三四1-4](?:季度)?(?:[、，,至到]|(?:季度)?至第?))*第?[一二三四1-4]季度(?:末|内)?"
    r"|[上下]半年"
    r"|全年|年内|年底前|年底"
    rf"|{_N}月{_N}日(?:前|以前)?|\d{{1,2}}月\d{{1,2}}日(?:前|以前)?"
    rf"|{_N}月(?:底前|底|份)?"
    r")[，,：:、\s]*"
)


# what ends a clause of a schedule line: "4月底前完成数据收集，三季度完成评估，年底前报送报告。"
_CLAUSE_END = re.compile(r"[，,；;。]")
_BARE_YEAR = re.compile(r"\d{4}年?")


def _leading(text: str) -> re.Match[str] | None:
    """The period at the start of ``text`` (full-width digits and letters read as ASCII ones,
    one for one, so the match's positions are the text's), or None; a form that could mean two
    ends ("6月前…") is no period here."""
    found = re.match(_PREFIX, _ascii(text))
    if not found or not found.group("period"):
        return None
    period = found.group("period")
    if period.endswith(("至", "到", "、")) or (
        period.endswith("月") and text[found.end() :].lstrip().startswith("前")
    ):
        return None  # "6月前…" could mean by May's end or June's: refused, not guessed
    return found


def _ascii(text: str) -> str:
    return text.translate(_FULL_WIDTH).translate(_FULL_WIDTH_LETTERS)


_FULL_WIDTH_LETTERS = str.maketrans("ＨＱｈｑ", "HQhq")


def split_prefix(line: str) -> tuple[str, str] | None:
    """A table line's leading period and the task after it, or None when it starts with none."""
    text = line.strip()
    found = _leading(text)
    if found is None:
        return None
    return text[: found.end("period")], text[found.end() :].strip()


def split_clauses(line: str) -> list[tuple[str, str]] | None:
    """A schedule line as its milestones: one per clause that starts with a period, a clause
    that starts with none continuing the one before ("4月底前完成数据收集，三季度完成评估，年底前
    报送报告。" is three). None when the line starts with no period, or when a clause starts
    with a period that could mean two ends ("6月前…"): such a line is refused, not guessed.

    Inside a line, a year alone ("2014年") starts a clause only when a separator follows it:
    "2014年浙江省……培训成行" is a sentence about the year, not a deadline."""
    text = line.strip()
    found = _leading(text)
    if found is None:
        return None
    clauses: list[tuple[str, str]] = []
    period, start = text[: found.end("period")], found.end()
    for end in _CLAUSE_END.finditer(text, start):
        rest = text[end.end() :]
        after = len(text) - len(rest.lstrip())
        if after >= len(text):
            break
        if rest.lstrip()[:1] and _PREFIX_START.match(_ascii(rest.lstrip())) is None:
            continue
        nxt = _leading(text[after:])
        if nxt is None:
            if starts_unsure(text[after:]):
                return None
            continue
        named = nxt.group("period")
        if _BARE_YEAR.fullmatch(named) and not _separated(text, after + nxt.end("period")):
            continue
        clauses.append((period, text[start : end.start()].strip()))
        period, start = named, after + nxt.end()
    clauses.append((period, text[start:].strip()))
    return clauses


# what a clause's first character must be for it to start with a period at all
_PREFIX_START = re.compile(r"[0-9第一二三四五六七八九十上下全年]")


def starts_unsure(text: str) -> bool:
    """Whether ``text`` starts with a month followed by 前: "6月前完成" could mean two ends."""
    return re.match(rf"(?:\d{{4}}年)?{_N}月前", _ascii(text)) is not None


def _separated(text: str, at: int) -> bool:
    return at >= len(text) or text[at] in "，,：:；;。 "
