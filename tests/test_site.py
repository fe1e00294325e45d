"""ipplan site: a static site of a workspace, checked file by file and in headless Chromium."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.conftest import Run, snapshot
from tests.test_browser import FLAGS, browser_path  # noqa: F401 - the fixture
from tests.test_workspaces import ws  # noqa: F401 - the fixture


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and name == "href":
                self.links.append(value)
            if value is not None and name == "src":
                self.sources.append(value)


def build(cli: Run, ws: Path, out: Path, *args: str) -> None:  # noqa: F811
    result = cli("site", str(out), *args)
    assert result.exit_code == 0, result.stderr


def test_site_files_links_and_downloads(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "index.html" in pages and "en/index.html" in pages
    assert "plans/national/practitioners.html" in pages
    assert "en/plans/gd/attorneys.html" in pages
    assert len(pages) == 2 * (1 + 4 + 9 + 3 * 2)  # index, plan pages, indicator pages; twice
    for page in pages:
        parser = Links()
        parser.feed((out / page).read_text(encoding="utf-8"))
        assert parser.sources == []  # no script, image or font from anywhere
        for link in parser.links:
            assert not re.match(r"^[a-z]+:", link), (page, link)  # nothing leaves the site
            target = (out / page).parent / unquote(urlparse(link).path)
            assert target.resolve().is_file(), (page, link)  # every link resolves
    # the downloads hold the numbers
    practitioners = json.loads((out / "data/national/practitioners.json").read_text("utf-8"))
    by_year = {row["year"]: row for row in practitioners["members"]["years"]}
    assert (by_year[2023]["total"], by_year[2023]["check"]) == (30700, "differs")
    assert (by_year[2024]["reporting"], by_year[2024]["values"]["js"]) == (2, None)
    rows = (out / "data/all.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "plan,key,name,unit,year,value,source,note,status"
    assert any(row.startswith("js,attorneys,执业专利代理师人数,人,2023,9800,") for row in rows)
    assert any(row.startswith("js,attorneys,执业专利代理师人数,人,2024,,") for row in rows)
    # the roll-up is on the parent's indicator page, flagged
    page = (out / "plans/national/practitioners.html").read_text(encoding="utf-8")
    assert '<span class="status s-differs">超出容差</span>' in page and "未报齐（缺 js）" in page
    plan_page = (out / "plans/national/index.html").read_text(encoding="utf-8")
    assert "<h2>路线图</h2>" in plan_page and "y2022-1 <span" in plan_page  # the work plan
    assert "<h2>路线图</h2>" not in (out / "plans/gd/index.html").read_text(encoding="utf-8")
    english = (out / "en/plans/national/practitioners.html").read_text(encoding="utf-8")
    assert "beyond tolerance" in english and 'hreflang="zh"' in english


def test_same_data_same_bytes_and_a_site_is_replaced_whole_never_other_files(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    first, second = tmp_path / "a", tmp_path / "b"
    build(cli, ws, first)
    build(cli, ws, second)
    assert snapshot(first) == snapshot(second)
    (first / "stale.html").write_text("old", encoding="utf-8")
    again = cli("site", str(first), "--lang", "en")
    assert again.exit_code == 0 and "Replaced" in again.stdout
    assert not (first / "stale.html").exists()  # replaced whole
    assert (first / "zh" / "index.html").is_file() and '<html lang="en">' in (
        first / "index.html"
    ).read_text(encoding="utf-8")
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    before = snapshot(other)
    refused = cli("site", str(other))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert "未写入任何内容" in refused.stderr
    assert snapshot(other) == before
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    assert cli("site", str(afile)).exit_code == 1
    assert cli("site", str(tmp_path / "c"), "--as-of", "1999").exit_code == 1
    assert not (tmp_path / "c").exists()


def test_the_site_of_one_plan_outside_a_workspace(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    out = tmp_path / "one"
    result = cli("site", str(out), "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    assert (out / "plans" / "plan" / "practitioners.html").is_file()
    assert "31000" in (out / "plans/plan/practitioners.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_site_in_headless_chromium(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser_path: str,  # noqa: F811
    width: int,
    height: int,
) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    pages = sorted(out.rglob("*.html"))
    shots = Path(os.environ.get("IPPLAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            problems: list[str] = []
            requests: list[str] = []
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            for file in pages:
                requests.clear()
                page.goto(file.as_uri(), wait_until="load")
                assert problems == [], file
                assert requests == [file.as_uri()], file  # nothing else is fetched
                overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                assert overflow <= 0, file  # readable on a phone: tables scroll in their box
            # follow links as a reader would: index -> plan -> indicator -> other language
            page.goto((out / "index.html").as_uri())
            assert page.title() == "规划实施进展"
            page.click("text=推进专利代理行业高质量发展行动计划（2022-2025年）")
            assert page.url.endswith("/plans/national/index.html")
            page.screenshot(path=str(shots / f"site-plan-{width}.png"), full_page=True)
            page.click("table >> text=执业专利代理师人数")
            assert page.url.endswith("/plans/national/practitioners.html")
            assert page.locator("svg.chart").count() == 1
            assert page.locator("table .s-differs").inner_text() == "超出容差"
            page.screenshot(path=str(shots / f"site-indicator-{width}.png"), full_page=True)
            page.click("text=English")
            assert page.url.endswith("/en/plans/national/practitioners.html")
            assert page.locator("table .s-differs").inner_text() == "beyond tolerance"
            page.goto((out / "index.html").as_uri())
            page.screenshot(path=str(shots / f"site-index-{width}.png"), full_page=True)
            for name in ("plan", "indicator", "index"):
                shot = shots / f"site-{name}-{width}.png"
                assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
        finally:
            browser.close()
