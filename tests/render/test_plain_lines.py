"""A line that rich would write as it is goes to a file or pipe without rich laying it out:
the same text, in a fraction of the time (``render.terminal.plain_lines``)."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from ipplan.render.terminal import _Console, plain_lines

CHARS = st.sampled_from([*"ab 1.,:;-|█·", "执", "业", "，", "：", "\n", "\t", "\x1b", "  "])
WRITTEN = st.lists(CHARS, max_size=60).map("".join)


def through_rich(shown: Any, width: int, **options: Any) -> str:
    """What the console writes to a pipe when rich lays the line out."""
    console = Console(file=io.StringIO(), width=width, markup=False, emoji=False, highlight=False)
    with console.capture() as captured:
        console.print(shown, **options)
    return "\n".join(line.rstrip() for line in captured.get().split("\n"))


def written(shown: Any, width: int, **options: Any) -> str:
    buffer = io.StringIO()
    console = _Console(file=buffer, width=width, markup=False, emoji=False, highlight=False)
    console.print(shown, **options)
    return buffer.getvalue()


@settings(max_examples=300)
@given(WRITTEN, st.integers(8, 40), st.booleans(), st.sampled_from(["", "bold", "dim strike"]))
def test_a_line_written_plainly_is_what_rich_writes(
    line: str, width: int, as_text: bool, style: str
) -> None:
    shown: Any = Text(line, style=style) if as_text else line
    assert written(shown, width) == through_rich(shown, width)
    assert written(shown, width, no_wrap=True, overflow="crop") == through_rich(
        shown, width, no_wrap=True, overflow="crop"
    )


def test_only_what_fits_and_holds_no_control_character_is_written_plainly() -> None:
    assert plain_lines(["执业专利代理师 26829  "], {}, 22) == "执业专利代理师 26829\n"
    assert plain_lines(["执业专利代理师人数 26829"], {}, 20) is None  # 25 columns: rich wraps
    assert plain_lines(["a\tb"], {}, 20) is None
    assert plain_lines(["a\x1b[31mb"], {}, 20) is None
    assert plain_lines([Text("a", justify="right")], {}, 20) is None
    assert plain_lines(["a", "b"], {}, 20) is None
    assert plain_lines(["a"], {"style": "bold"}, 20) is None


def test_a_hanging_text_wraps_under_itself_its_tabs_and_line_breaks_as_spaces() -> None:
    """A note written with a tab or a line break reads as one text under its label, each line
    of it indented under its first (the tab once broke a line at the margin)."""
    from ipplan.render.terminal import hanging

    buffer = io.StringIO()
    console = _Console(file=buffer, width=30, markup=False, emoji=False, highlight=False)
    note = "备注" + "x" * 30 + "，字字字字字\tTAB后文字"
    hanging(console, [("2022", note), ("2023", "第一行\n第二行"), ("2024", Text("a\tb", "bold"))])
    assert buffer.getvalue().split("\n") == [
        "  2022 备注",
        "       xxxxxxxxxxxxxxxxxxxxxxx",
        "       xxxxxxx，字字字字字",
        "       TAB后文字",
        "  2023 第一行 第二行",
        "  2024 a b",
        "",
    ]


def test_with_no_room_beside_the_labels_each_text_goes_under_its_label_whole() -> None:
    """Under 10 columns beside the labels, a text is set under its label, four columns in, by
    the one wrapper: nothing dropped (a narrow rich column once lost every Chinese character)."""
    from ipplan.render.terminal import hanging

    buffer = io.StringIO()
    console = _Console(file=buffer, width=20, markup=False, emoji=False, highlight=False)
    title = Text("人才引进 attraction", "bold")
    hanging(console, [("talent-attraction", title), ("b", "未启动")], gap=2)
    assert buffer.getvalue().split("\n") == [
        "  talent-attraction",
        "    人才引进",
        "    attraction",
        "  b",
        "    未启动",
        "",
    ]
