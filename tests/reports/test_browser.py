"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

Needs /usr/bin/chromium (``.ci/run`` installs it). Without it the test is skipped with the reason,
unless IPPLAN_REQUIRE_BROWSER is set, as in CI, where a missing browser fails the run. The same
holds for axe-core, the accessibility checker the pages are audited with (:func:`axe_problems`),
which ``.ci/run`` installs from npm into ``build/axe``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Run, load

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_path() -> str:
    if CHROMIUM is None:
        if os.environ.get("IPPLAN_REQUIRE_BROWSER"):
            pytest.fail("IPPLAN_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)")
    return CHROMIUM


# axe-core as ``.ci/run`` installs it (``npm install --prefix build/axe axe-core@VERSION``).
AXE = REPO / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# The rules of WCAG 2.0 and 2.1 at levels A and AA, and axe's best practices (content inside
# landmarks, one main landmark, headings in order), of which these impacts are refused.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
REFUSED_IMPACTS = ("critical", "serious", "moderate")


@pytest.fixture
def axe_path(browser_path: str) -> Path:
    if not AXE.is_file():
        if os.environ.get("IPPLAN_REQUIRE_BROWSER"):
            pytest.fail(f"IPPLAN_REQUIRE_BROWSER is set but axe-core is not at {AXE}")
        pytest.skip("no axe-core in build/axe (.ci/run installs the version it pins)")
    return AXE


@contextlib.contextmanager
def audited_page(browser_path: str, axe: Path, width: int = 1280) -> Iterator[Any]:
    """A page of headless Chromium ``width`` pixels wide, with axe-core loaded into every
    document it opens, for :func:`axe_problems`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": 800})
            context.add_init_script(path=str(axe))
            yield context.new_page()
        finally:
            browser.close()


def axe_problems(page: Any) -> list[str]:
    """axe-core's critical, serious and moderate findings on the page loaded in ``page``, one
    line for each element found. The page's context has axe-core as an init script
    (``context.add_init_script(path=axe_path)``): it is in every page before the page's own
    scripts, and the page itself fetches nothing."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{rule['id']} ({rule['impact']}) {node['target']}: {rule['help']}"
        for rule in result["violations"]
        if rule["impact"] in REFUSED_IMPACTS
        for node in rule["nodes"]
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_html_report_in_headless_chromium(
    cli: Run, plan_dir: Path, tmp_path: Path, browser_path: str, width: int, height: int
) -> None:
    from playwright.sync_api import sync_playwright

    for year, key, value in (
        ("2022", "practitioners", "29000"),
        ("2023", "practitioners", "31000"),
        ("2023", "complaint_rate", "2.7"),
        ("2023", "revenue", "520"),
    ):
        cli("record", year, key, value, "--data", str(plan_dir))
    page_file = tmp_path / "report.html"
    assert cli("report", "-f", "html", "-o", str(page_file), "--data", str(plan_dir)).exit_code == 0
    indicators = load(plan_dir).indicators

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on(
                "console",
                lambda m: (
                    problems.append(f"{m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri(), wait_until="load")

            assert problems == []
            assert requests == [page_file.as_uri()]  # nothing but the file itself
            assert page.title() == "推进专利代理行业高质量发展行动计划（2022-2025年）实施进展报告"
            assert page.inner_text("h1").startswith("推进专利代理行业高质量发展行动计划")
            for ind in indicators:
                section = page.locator(f"#indicator-{ind.key}")
                assert section.locator("h3").inner_text().startswith(f"{ind.number}. {ind.name}")
                chart = section.locator("svg.chart")
                assert chart.count() == 1
                box = chart.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 90
                assert box["width"] <= width  # fits the screen
            # the practitioners' chart joins baseline and two actuals
            points = page.locator("#indicator-practitioners polyline.actual").get_attribute(
                "points"
            )
            assert points is not None and len(points.split()) == 3
            # the body is no wider than the screen: tables scroll inside their own box
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0

            shots = Path(os.environ.get("IPPLAN_SCREENSHOTS", tmp_path))
            shots.mkdir(parents=True, exist_ok=True)
            shot = shots / f"report-{width}x{height}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes().startswith(b"\x89PNG")
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()


LONG = "https://example.com/" + "a" * 300


@pytest.mark.slow
def test_long_unbroken_text_wraps_and_the_page_fits_a_375px_screen(
    cli: Run, plan_dir: Path, tmp_path: Path, browser_path: str
) -> None:
    from playwright.sync_api import sync_playwright

    data = str(plan_dir)
    indicators = plan_dir / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            "name_en: Practising patent attorneys", f"name_en: Practising{'x' * 300}", 1
        ),
        encoding="utf-8",
    )
    result = cli(
        "record", "2023", "practitioners", "31000", "--note", LONG, "--source", LONG, "--data", data
    )
    assert result.exit_code == 0
    result = cli("task", "talent-training", "--lead", "B" * 200, "--note", LONG, "--data", data)
    assert result.exit_code == 0
    assert load(plan_dir).actuals["practitioners"][0].note == LONG
    page_file = tmp_path / "report.html"
    assert cli("report", "-f", "html", "-o", str(page_file), "--data", data).exit_code == 0

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            page.goto(page_file.as_uri(), wait_until="load")
            assert page.evaluate("window.innerWidth") == 375
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0
            # the long name wraps inside its paragraph rather than running off the screen
            name = page.locator("#indicator-practitioners p", has_text="Practisingxxx").first
            box = name.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 375 and box["height"] > 60
            # every table's box fits the screen, and the long note wraps within its cell
            for frame in page.locator("div.scroll").all():
                frame_box = frame.bounding_box()
                assert frame_box is not None and frame_box["x"] + frame_box["width"] <= 375
            cell = page.locator("#indicator-practitioners td", has_text="example.com").first
            cell_box = cell.bounding_box()
            assert cell_box is not None and cell_box["height"] > 60
        finally:
            browser.close()
