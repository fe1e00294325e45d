"""The box tables of ipplan.render.table: the columns rich's expanding table would give, text
wrapped the way Chinese is set, every line as wide as the table, and the work plan drawn with
them in both languages, plain to a pipe and styled to a terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from ipplan.render import table
from ipplan.text import wrapping
from tests.conftest import SHIPPED, Run

RATIOS = [3, 2, 3, 4, 2]


def _rich_top_border(width: int, ratios: list[int]) -> str:
    table = Table(box=box.SQUARE, expand=True, pad_edge=False)
    for ratio in ratios:
        table.add_column("x", ratio=ratio)
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(table)
    return console.file.getvalue().splitlines()[0]  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [40, 60, 79, 80, 81, 100, 120, 157, 200])
@pytest.mark.parametrize("ratios", [RATIOS, [1, 1], [5, 1, 1], [2, 7, 3, 3]])
def test_columns_are_as_wide_as_richs_expanding_table_makes_them(
    width: int, ratios: list[int]
) -> None:
    shares = table.widths(width, ratios)
    ours = "┌" + "┬".join("─" * w for w in shares) + "┐"
    assert ours == _rich_top_border(width, ratios)
    assert sum(shares) + len(ratios) + 1 == width


@pytest.mark.parametrize("width", range(10, 45))
def test_a_narrow_table_fits_when_it_can_and_a_chinese_character_fits_every_column(
    width: int,
) -> None:
    shares = table.widths(width, RATIOS)
    text_room = [w - (i > 0) - (i < len(shares) - 1) for i, w in enumerate(shares)]
    assert min(text_room) >= 2
    smallest = 2 * len(RATIOS) + 2 * (len(RATIOS) - 1) + len(RATIOS) + 1  # 24 for five
    assert sum(shares) + len(RATIOS) + 1 == max(width, smallest)


def _lines(value: str, columns: int) -> list[str]:
    return [value[start:end] for start, end, _ in wrapping.breaks(value, columns)]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation() -> None:
    assert _lines("一二三四五六七八", 6) == ["一二三", "四五六", "七八"]
    # "，" may not start a line: the character before it goes down with it
    assert _lines("一二三，四五", 6) == ["一二", "三，四", "五"]
    # "（" may not end a line: it goes down with what it opens
    assert _lines("一二（三）", 6) == ["一二", "（三）"]
    # “ and ” take one cell, as terminals show them; “ never ends a line, nor ” starts one
    assert _lines("“抓党建 促发展”协会", 10) == ["“抓党建 促", "发展”协会"]
    # ASCII brackets and the rest of the CJK ones are held to the same rule
    assert _lines("全年 (逾期 2022-12-31)", 8) == ["全年", "(逾期", "2022-12-", "31)"]
    # a word cut at the width keeps a character with the closing mark after it
    assert _lines("全年 (逾期 2022-12-31)", 5) == ["全年", "(逾期", "2022-", "12-3", "1)"]
    assert _lines("见附件(第1号)", 12) == ["见附件(第1", "号)"]
    assert _lines("字字字〈测试〉", 8) == ["字字字", "〈测试〉"]
    assert _lines("一二三“四五”", 7) == ["一二三", "“四五”"]
    assert _lines("一二三四”五", 8) == ["一二三", "四”五"]


def test_english_breaks_at_spaces_and_a_word_too_long_is_cut() -> None:
    assert _lines("Responsible units", 9) == ["Responsib", "le units"]
    assert _lines("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert _lines("   leading and  double  spaces   ", 12) == ["leading and", "double", "spaces"]
    # words written apart stay whole when the next fits a line of its own; else Chinese folds
    assert _lines("1. 要把学习", 8) == ["1.", "要把学习"]
    assert _lines("1. 要把学习贯彻习近平", 9) == ["1. 要把学", "习贯彻习", "近平"]


def test_a_combining_mark_stays_with_its_character() -> None:
    lines = _lines("一二三e\u0301四", 7)
    assert "e\u0301" in "".join(lines) and not any(line.startswith("\u0301") for line in lines)


def test_empty_and_blank_text_is_one_empty_line() -> None:
    assert wrapping.breaks("", 10) == [(0, 0, 0)]
    assert wrapping.breaks("    ", 10) == [(0, 0, 0)]


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab cd 一二三四，。（）“”xyz 1.", "\u0301", "Ｗ"]),
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(value=_TEXT, columns=st.integers(min_value=1, max_value=30))
def test_every_line_fits_and_only_spaces_at_breaks_are_dropped(value: str, columns: int) -> None:
    spans = wrapping.breaks(value, columns)
    for start, end, width in spans:
        line = value[start:end]
        assert width == cell_len(line)
        assert width <= columns or (end - start == 1)  # one character wider than the column
        assert line == line.strip(" ")
    # the lines, in order, are the text with only the spaces between them left out
    kept = iter(range(len(value)))
    covered = [i for start, end, _ in spans for i in range(start, end)]
    assert covered == sorted(covered)
    dropped = set(kept) - set(covered)
    assert all(value[i] == " " for i in dropped)


def _borders(line: str) -> set[int]:
    """The cells of ``line`` where a column's border stands."""
    found, at = set(), 0
    for char in line:
        if char in "│┼┬┴├┤┌┐└┘":
            found.add(at)
        at += cell_len(char)
    return found


def test_every_line_of_a_drawn_table_is_as_wide_as_the_table() -> None:
    row = [
        [[("y2022-1", "bold")], [("逾期", "bold red")], [("全面深化学习贯彻", "")]],
        table.cell("—"),
        table.cell("1. 要把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。"),
        [[("! ", "bold red"), ("全年", ""), (" (逾期 2022-12-31)", "bold red")]],
        table.cell("秘书处负责，各部门配合"),
    ]
    for width in (40, 60, 80, 120):
        shares = table.widths(width, RATIOS)
        lines = table.draw(
            ["工作措施", "工作目标", "具体内容", "进度安排", "负责部门"], [row], shares
        )
        plain = ["".join(text for text, _ in line) for line in lines]
        assert {cell_len(line) for line in plain} == {width}
        # the borders stand in the same columns on every line
        borders = _borders(plain[0])
        assert len(borders) == 6
        for line in plain:
            assert _borders(line) == borders
        body = plain[plain.index(next(x for x in plain[1:] if "─" in x)) + 1 : -1]
        content = "".join(line.split("│")[3].strip() for line in body)
        assert content == "1. 要把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。"
        styles = {style for line in lines for _, style in line}
        assert {"bold", "bold red"} <= styles


def test_headings_stand_at_the_foot_of_their_row() -> None:
    lines = table.draw(["Measure", "Responsible units"], [], [10, 9])
    plain = ["".join(text for text, _ in line) for line in lines]
    assert plain[1:4] == [
        "│          │ Responsi│",
        "│          │ ble     │",
        "│Measure   │ units   │",
    ]


def _table(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line[:1] in "┌│├└"]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_2022_work_plan_fills_the_terminals_width_in_both_languages(
    cli: Run, monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-22")
    result = cli("workplan", "2022", "--data", str(SHIPPED), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    table = _table(result.stdout)
    assert len(table) > 100
    assert {cell_len(line) for line in table} == {columns}
    assert "\x1b[" not in result.stdout  # a pipe gets plain text
    # every item's measure is there whole, wrapped only between characters
    text = "".join(line.split("│")[1].replace(" ", "") for line in table if "─" not in line)
    assert "全面深化习近平新时代中国特色社会主义思想学习贯彻" in text
    assert "持之以恒抓好协会党建与党风廉政建设" in text


def test_on_a_terminal_the_work_plan_is_styled(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipplan.render import terminal

    monkeypatch.delenv("NO_COLOR", raising=False)
    lines = table.draw(
        ["A", "B"], [[table.cell("y1", "bold"), table.cell("逾期", "bold red")]], [10, 10]
    )
    console = terminal._Console(
        file=io.StringIO(),
        force_terminal=True,
        width=21,
        color_system="standard",
        markup=False,
        emoji=False,
        highlight=False,
    )
    terminal.print_runs(console, lines)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1my1" in shown and "\x1b[1;31m逾期" in shown
    plain_console = terminal._Console(file=io.StringIO(), width=21)
    terminal.print_runs(plain_console, lines)
    written = plain_console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in written
    assert written.splitlines()[3] == "│y1        │ 逾期     │"


def _status_like_rows(count: int) -> list[list[table.Cell]]:
    names = ["执业专利代理师人数", "Litigation-qualified patent attorneys", "专利代理率（%）"]
    return [
        [
            table.cell(str(number)),
            table.cell(names[number % 3]),
            table.cell("符合预期", "green"),
            table.cell(f"{number * 1234.5:g}"),
        ]
        for number in range(1, count + 1)
    ]


@pytest.mark.parametrize("style", [table.PADDED, table.TIGHT, table.TIGHT_HEAVY])
def test_a_table_of_10_rows_and_of_400_is_laid_out_the_same(style: table.Plain) -> None:
    """One engine at any size: the first ten rows of a 400-row table are drawn exactly as a
    table of ten (no second, plain engine past 300 rows), and every line keeps the columns."""
    headers, widths = ["序号", "指标", "状态", "最新"], [4, 14, 8, 10]
    right = [True, False, False, True]
    hyphens = [False, True, False, False]

    def draw(count: int) -> list[str]:
        rows = _status_like_rows(count)
        lines = table.plain(
            "标题", headers, rows, widths, right=right, hyphens=hyphens, style=style
        )
        return ["".join(text for text, _ in line).rstrip() for line in lines]

    small, large = draw(10), draw(400)
    assert large[: len(small) - 1] == small[:-1]  # all but the closing blank line
    assert small[-1] == large[-1] == ""
    widest = style.edge + sum(widths) + style.gap * (len(widths) - 1) + style.tail
    assert max(cell_len(line) for line in large) == max(cell_len(line) for line in small)
    assert all(cell_len(line) <= widest for line in large[2:])
    rows = [line for line in large if line[style.edge : style.edge + 4].strip().isdigit()]
    assert len(rows) == 400
    # numbers right-aligned: each ends where its column ends
    assert {len(line[: style.edge + 4].rstrip()) for line in rows} == {style.edge + 4}
