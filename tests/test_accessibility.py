"""Every page ipplan writes, audited for WCAG 2.1 AA with axe-core in Chromium, and read as an
English reader and a phone's reader would: the site and the HTML report, in both languages,
on the shipped plan and on a workspace of four plans."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ipplan.units import LIBRARY
from tests.conftest import SHIPPED, Run, load
from tests.reports.test_browser import (  # noqa: F401
    FLAGS,
    audited_page,
    axe_path,
    axe_problems,
    browser_path,
)
from tests.workspaces.test_workspaces import ws  # noqa: F401 - the fixture

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile("[A-Za-z]")
PUNCTUATION_BY_LATIN = re.compile(
    r"[\u3000-\u303f\uff00-\uffef][A-Za-z]|[A-Za-z][\u3000-\u303f\uff00-\uffef]"
)


def every_page(cli: Run, ws: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:  # noqa: F811
    """The workspace's site in both languages (its parent plan is the shipped plan with figures
    of its own), and the HTML report of the shipped plan and of the workspace's parent plan
    (with its members' roll-up), in both languages."""
    monkeypatch.chdir(ws)
    assert cli("site", str(out / "site")).exit_code == 0
    for lang in ("zh", "en"):
        for name, data in (("shipped", str(SHIPPED)), ("national", "national")):
            page = out / f"report-{name}-{lang}.html"
            made = cli("report", "-f", "html", "--lang", lang, "-o", str(page), "--data", data)
            assert made.exit_code == 0, made.stderr
    return sorted(out.rglob("*.html"))


WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.mark.slow
def test_every_page_passes_axe_core_at_wcag_2_1_aa(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser_path: str,  # noqa: F811
    axe_path: Path,  # noqa: F811
) -> None:
    """Each page is audited at a desktop's width and, resized in place, at a phone's."""
    pages = every_page(cli, ws, tmp_path / "out", monkeypatch)
    assert len(pages) == 2 * (1 + 4 + 9 + 3 * 2) + 4
    found: list[str] = []
    audited: list[tuple[str, int]] = []
    with audited_page(browser_path, axe_path, WIDTHS["desktop"]) as page:
        for file in pages:
            page.goto(file.as_uri(), wait_until="load")
            where = file.relative_to(tmp_path / "out").as_posix()
            for name, width in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": 800})
                assert page.evaluate("innerWidth") == width
                found += [f"{where} ({name}): {line}" for line in axe_problems(page)]
                audited.append((where, width))
    assert len(audited) == 2 * len(pages)
    assert found == [], "\n".join(found)


def test_the_audit_finds_what_it_is_there_to_find(
    tmp_path: Path,
    browser_path: str,  # noqa: F811
    axe_path: Path,  # noqa: F811
) -> None:
    """The audit above passes because the pages pass, not because axe-core never ran: a page
    with an image without a text alternative and grey on grey text is refused at both widths."""

    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<h1>t</h1><img src="x.png"><p style="color:#777;background:#888">faint</p>'
        "</main></body></html>",
        encoding="utf-8",
    )
    with audited_page(browser_path, axe_path) as page:
        page.goto(bad.as_uri(), wait_until="load")
        for width in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": 800})
            rules = sorted({line.split(" ")[0] for line in axe_problems(page)})
            assert rules == ["color-contrast", "image-alt"], width


class Shown(HTMLParser):
    """A page's title and headings, and every run of its text, each with whether it is inside
    an element marked as Chinese."""

    HEADS = ("title", "h1", "h2", "h3", "h4", "h5", "h6", "th", "figcaption")

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.heads: list[str] = []
        self.runs: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        chinese = dict(attrs).get("lang", "") == "zh-CN"
        inside = chinese or (self.open[-1][1] if self.open else False)
        if tag not in ("meta", "br", "link", "circle", "path", "polyline", "line", "rect"):
            self.open.append((tag, inside))
        if tag in self.HEADS and not any(name == "svg" for name, _ in self.open):
            self.heads.append("")

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        names = [name for name, _ in self.open]
        if "svg" in names or "style" in names:
            return
        if any(name in self.HEADS for name in names) and self.heads:
            self.heads[-1] += data
        if "title" not in names:  # a title takes no lang of its own: the page's is English
            self.runs.append((data, self.open[-1][1] if self.open else False))


def read(page: Path) -> Shown:
    shown = Shown()
    shown.feed(page.read_text(encoding="utf-8"))
    return shown


def test_english_pages_in_english(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every title, heading, unit and note ipplan writes on an English page is English; the
    data's own Chinese (a plan title with no English one, a work plan's title, an action's
    measures) stays as written, marked as Chinese for a screen reader."""
    gd = ws / "provinces" / "gd" / "indicators.yaml"  # a plan titled only in Chinese
    gd.write_text(gd.read_text("utf-8").replace("  title_en: Guangdong plan\n", ""), "utf-8")
    data = ["广东省计划"] + [w.info.title for w in load(ws / "national").work.plans]
    assert data[1] == "中华全国专利代理师协会2022年重点工作计划"
    every = every_page(cli, ws, tmp_path / "out", monkeypatch)
    pages = {
        page.relative_to(tmp_path / "out").as_posix(): read(page)
        for page in every
        if "/en/" in page.as_posix() or page.name.endswith("-en.html")
    }
    assert len(pages) == 20 + 2

    def written(shown: str) -> str:
        for item in data:
            shown = shown.replace(item, "")
        return shown

    titles = {name: shown.heads[0] for name, shown in pages.items()}
    assert titles["site/en/plans/gd/index.html"] == "广东省计划"  # data, as written
    assert titles["site/en/plans/national/practitioners.html"] == (
        "1. Practising patent attorneys (people) · Action Plan for the High-Quality Development "
        "of the Patent Agency Profession (2022-2025)"
    )
    assert [name for name, title in titles.items() if CJK.search(written(title))] == []
    heads = [(name, head) for name, shown in pages.items() for head in shown.heads[1:]]
    assert "Member plans rolled up" in {head for _, head in heads}
    assert [(name, head) for name, head in heads if CJK.search(written(head))] == []

    unmarked = [
        (name, run)
        for name, shown in pages.items()
        for run, marked in shown.runs
        if not marked and CJK.search(run)
    ]
    # Text wholly Chinese is the data's own, marked so: a screen reader reads it as Chinese.
    assert [(name, run) for name, run in unmarked if not LATIN.search(run)] == []
    recorded = "".join("".join(file.read_text("utf-8").split()) for file in ws.rglob("*.yaml"))
    marked = {
        run.strip()
        for shown in pages.values()
        for run, chinese in shown.runs
        if chinese and CJK.search(run) and run != "中文"  # the link to the Chinese page
    }
    pieces = {piece for run in marked for piece in re.split(r"[(),;]\s*", run) if CJK.search(piece)}
    assert len(pieces) > 40 and "协会秘书处" in pieces  # one of an item's units, listed
    # ... and each is the data's own, as written (not a word of ipplan's in Chinese)
    assert sorted(piece for piece in pieces if "".join(piece.split()) not in recorded) == []
    # Units in English: no number followed by a Chinese unit, no "Unit: 人".
    # (年 left out: a source's Chinese title names its year, "（2021年）")
    units = "|".join(unit for unit in LIBRARY if CJK.search(unit) and unit != "年")
    amount = re.compile(rf"\d\s?({units})(?![\u3400-\u9fff])")
    assert [(name, run) for name, run in unmarked if amount.search(run)] == []
    assert [(name, run) for name, run in unmarked if re.search("Unit: \\W", run)] == []
    # No Chinese punctuation joining English words ("全年：overdue").
    assert [(name, run) for name, run in unmarked if PUNCTUATION_BY_LATIN.search(run)] == []
    assert any("全年: not tracked" in run for _, run in unmarked)  # the 2022 work plan's
    steps = "".join(run for run, _ in pages["site/en/plans/national/practitioners.html"].runs)
    assert "Gap: d × (x* − x_t) = +1 × (40000 − 33000) = 7000 people to go" in steps
    assert "exceeds 2.0% of the own figure" in steps and "Unit: people." in steps


def test_each_chart_is_an_image_named_by_what_it_shows(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chart's text alternative: its heading and every value it marks, in the page's
    language; the table beside it holds the rest."""
    every_page(cli, ws, tmp_path / "out", monkeypatch)
    for page, alternative in (
        (
            "report-national-en.html",
            "1. Practising patent attorneys (people): baseline 2021: 26829; actual 2022: 29500, "
            "2023: 31500, 2024: 33000; target 2025: 40000",
        ),
        (
            "site/en/plans/national/practitioners.html",
            "1. Practising patent attorneys (people): baseline 2021: 26829; actual 2022: 29500, "
            "2023: 31500, 2024: 33000; target 2025: 40000",
        ),
        (
            "site/plans/national/practitioners.html",
            "1. 执业专利代理师人数 (人)：基线 2021：26829；"
            "实际 2022：29500、2023：31500、2024：33000；目标 2025：40000",
        ),
    ):
        shown = (tmp_path / "out" / page).read_text(encoding="utf-8")
        assert f'role="img" aria-label="{alternative}"' in shown


def test_the_index_reads_on_a_375px_phone(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser_path: str,  # noqa: F811
) -> None:
    """Each plan's title on the index is set in lines of words, not a character to a line (a
    line holds at least 8 characters), and the page itself is no wider than the phone."""
    from playwright.sync_api import sync_playwright

    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    assert cli("site", str(out)).exit_code == 0
    shots = Path(os.environ.get("IPPLAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            for lang, index in (("zh", out / "index.html"), ("en", out / "en" / "index.html")):
                page.goto(index.as_uri(), wait_until="load")
                assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
                links = page.locator("table td:first-child a").all()
                assert len(links) == 4
                for link in links:
                    title = link.inner_text()
                    lines = int(link.evaluate("a => a.getClientRects().length"))
                    assert lines <= -(-len(title) // 8), (title, lines)
                page.screenshot(path=str(shots / f"site-index-{lang}-375.png"), full_page=True)
        finally:
            browser.close()
