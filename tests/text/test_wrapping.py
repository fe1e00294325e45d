"""The one display width and the one wrapper (ipplan.text.wrapping), held by properties: no line
wider than asked unless one character is, the text given back less the spaces at breaks, no line
starting with closing punctuation where a break elsewhere avoids it; wide characters 2 columns,
combining marks and zero-width characters 0, as terminals (and rich) count them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from ipplan.text import wrapping
from ipplan.text.wrapping import NO_LINE_START, width, wrap

_ALPHABET = st.sampled_from(
    [*"ab cd-ef 一二三四，。、（）“”《》xyz 1.", "\u0301", "\u200b", "Ｗ", "\u3000"]
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(value=_TEXT, columns=st.integers(min_value=4, max_value=30), hyphens=st.booleans())
def test_no_line_is_wider_than_asked_unless_one_character_is(
    value: str, columns: int, hyphens: bool
) -> None:
    for line in wrap(value, columns, hyphens):
        assert width(line) <= columns or len(line.rstrip("\u0301\u200b")) == 1, line


@settings(max_examples=300, deadline=None)
@given(value=_TEXT, columns=st.integers(min_value=4, max_value=30), hyphens=st.booleans())
def test_the_lines_joined_give_the_text_back_less_the_spaces_at_breaks(
    value: str, columns: int, hyphens: bool
) -> None:
    lines = wrap(value, columns, hyphens)
    joined = " ".join(value.split())
    assert "".join(lines).replace(" ", "") == joined.replace(" ", "")
    assert all(line == line.strip(" ") for line in lines)
    # each line is the next piece of the text: only the spaces between lines are left out
    at = 0
    for line in lines:
        found = joined.index(line, at)
        assert joined[at:found].strip(" ") == ""
        at = found + len(line)


@settings(max_examples=300, deadline=None)
@given(value=_TEXT, columns=st.integers(min_value=4, max_value=30))
def test_no_line_starts_with_closing_punctuation_when_a_break_elsewhere_avoids_it(
    value: str, columns: int
) -> None:
    value = " ".join(value.split())
    spans = wrapping.breaks(value, columns)
    for (start, _, _), (prev_start, prev_end, _) in zip(spans[1:], spans, strict=False):
        if value[start] in NO_LINE_START:
            # only after a space (the text put it there) or after a line of one character
            assert value[prev_end:start].strip(" ") == "" and (
                start > prev_end or prev_end - prev_start <= 1
            ), (value, columns, spans)


def test_chinese_never_breaks_before_closing_nor_after_opening_punctuation() -> None:
    assert wrap("一二三，四五", 6) == ["一二", "三，四", "五"]
    assert wrap("一二（三）", 6) == ["一二", "（三）"]
    assert wrap("Litigation-qualified patent attorneys", 12, hyphens=True) == [
        "Litigation-",
        "qualified",
        "patent",
        "attorneys",
    ]
    assert wrap("Litigation-qualified", 12) == ["Litigation-q", "ualified"]
    # a word cut at the width keeps its last character with the closing mark after it
    assert wrap("工作计划表导入 workplans/YEAR.yaml。", 19) == [
        "工作计划表导入",
        "workplans/YEAR.yam",
        "l。",
    ]
    # a mark such as [default: 30] that ends a text stays whole
    assert wrap("Days to look ahead [default: 30]", 20) == ["Days to look ahead", "[default: 30]"]


def test_combining_marks_and_zero_width_characters_take_no_columns_and_cjk_two() -> None:
    assert width("e\u0301") == 1
    assert width("a\u200bb") == 2
    assert width("中文") == 4
    assert width("Ｗ") == 2
    assert width("\u3000") == 2
    assert width("") == 0
    assert wrapping.longest_word("中文（一）") == 6  # （一） may not be broken


_CHARS = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Lo", "Mn", "Me", "Nd", "Po", "Ps", "Pe", "Zs", "Cf"),
    max_codepoint=0xFFFF,
)


@settings(max_examples=500, deadline=None)
@given(value=st.text(alphabet=_CHARS, max_size=20))
def test_width_is_the_sum_of_its_characters_and_as_rich_counts_them(value: str) -> None:
    assert width(value) == sum(width(c) for c in value)
    for char in value:
        if (char.isprintable() and char < "\u1100") or "\u3000" <= char <= "\u9fff":
            assert width(char) == cell_len(char), hex(ord(char))
