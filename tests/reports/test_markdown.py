"""Literal text in the Markdown report: rendered by a CommonMark + GFM parser, text from the data
comes out as the very text, never as a link, an image, emphasis, HTML, a heading or a table."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ipplan.reports.markdown import escape, escape_line
from tests.conftest import Run

# GitHub's flavour: tables, strikethrough, autolinks of schemes and addresses.
MD = MarkdownIt("gfm-like")
MD.linkify.set({"fuzzy_link": False})

SYNTAX = [*"\\`*_[]()<>|#!~&$:@.-+=/ \t", "http://", "www.", "![", "](", "1.", "<b>"]
# Data never holds control characters (validation refuses them), so they are left out here.
TEXT = st.one_of(
    st.lists(st.sampled_from([*SYNTAX, "a", "中文", "1", "x.io"]), max_size=12).map("".join),
    st.text(st.characters(blacklist_categories=("Cc", "Cs"))),
)
HOSTILE = [
    "![x](http://example.com/pixel.png)",
    "[点此](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "**粗体** _斜体_ ~~删除~~",
    "# 标题",
    "> 引用",
    "- 列表",
    "1. 编号",
    "    缩进代码",
    "a | b",
    "C:\\path\\*",
    "http://example.com www.example.com a@example.com",
    "&lt;entity&gt; &amp;",
    "`code` ```fence",
    "[^1] :smile: $x$",
    "snake_case __dunder__",
]


def shown(rendered: str, tag: str) -> str:
    """The text inside the one ``tag`` element of ``rendered``; fails if any other tag is there."""
    match = re.fullmatch(rf"\s*(?:<ul>\s*)?<{tag}>(.*)</{tag}>\s*(?:</ul>\s*)?", rendered, re.S)
    assert match is not None, rendered
    inner = match.group(1)
    assert "<" not in inner, rendered  # no element of any kind: no link, image, emphasis, HTML
    return html.unescape(inner)


def flat(value: str) -> str:
    """The text as a reader sees it: line breaks as spaces, blanks at either end not shown."""
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").strip()


@settings(deadline=None)
@given(TEXT)
@example("www.example.com")
def test_any_text_in_a_list_item_is_shown_as_written(value: str) -> None:
    rendered = MD.render("- " + escape_line(value) + "\n")
    if flat(value):
        assert shown(rendered, "li").strip() == flat(value)


@settings(deadline=None)
@given(TEXT)
def test_any_text_in_a_table_cell_is_shown_as_written(value: str) -> None:
    rendered = MD.render(f"| h | n |\n|---|---|\n| {escape(value)} | 1 |\n")
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
    assert len(cells) == 2, rendered  # a pipe in the text never adds a column
    assert "<" not in cells[0]
    assert html.unescape(cells[0]).strip() == flat(value)
    assert cells[1] == "1"


@settings(deadline=None)
@given(TEXT)
def test_any_text_in_a_heading_or_a_paragraph_is_shown_as_written(value: str) -> None:
    if not flat(value):
        return
    assert shown(MD.render("### " + escape(value) + "\n"), "h3").strip() == flat(value)
    assert shown(MD.render(escape_line(value) + "\n"), "p").strip() == flat(value)


def test_autolinks_of_code_hosts_are_broken() -> None:
    # GitHub links a bare www. host, which the test parser does not: checked on the text itself
    assert escape("www.example.com") == "www\\.example.com"
    assert escape("http://x") == "http\\:/\\/x"
    assert escape("//x.io") == "/\\/x.io"  # a protocol-relative link to a linkifying renderer
    assert escape("a@b.org") == "a\\@b.org"
    assert escape("snake_case") == "snake_case"  # an underscore inside a word is no emphasis
    assert escape(":smile: :+1:") == "\\:smile: \\:+1:"  # no emoji on a code host
    assert escape("10:00 UTC+08:00") == "10:00 UTC+08:00"  # a time stays as it reads


def rendered_report(cli: Run, plan_dir: Path, out: Path, value: str) -> str:
    data = str(plan_dir)
    assert (
        cli("record", "2023", "agency_rate", "80.5", "--note", value, "--data", data).exit_code == 0
    )
    assert (
        cli("task", "talent-training", "--lead", value, "--note", value, "--data", data).exit_code
        == 0
    )
    assert cli("report", "-f", "md", "-o", str(out), "--data", data).exit_code == 0
    return MD.render(out.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_notes_and_leads_are_literal_in_the_report(
    cli: Run, plan_dir: Path, tmp_path: Path, hostile: str
) -> None:
    plain_dir = tmp_path / "plain"
    shutil.copytree(plan_dir, plain_dir)
    plain = rendered_report(cli, plain_dir, tmp_path / "plain.md", "纯文本")
    rendered = rendered_report(cli, plan_dir, tmp_path / "report.md", hostile)
    # the same elements as the report with plain text: the hostile text added none
    tags = re.compile(r"<([a-z0-9]+)[\s>/]")
    assert sorted(tags.findall(rendered)) == sorted(tags.findall(plain))
    # and the text itself is there, as text: in the series table, the action's lead and its note
    assert rendered.count(html.escape(flat(hostile), quote=False)) >= 3
