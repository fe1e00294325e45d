"""Every page ipplan writes, audited for WCAG 2.1 AA with axe-core in Chromium, and read as an
English reader and a phone's reader would: the site and the HTML report, in both languages,
on the shipped plan and on a workspace of four plans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, Run
from tests.reports.test_browser import FLAGS, axe_path, axe_problems, browser_path  # noqa: F401
from tests.workspaces.test_workspaces import ws  # noqa: F401 - the fixture

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


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


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_every_page_passes_axe_core_at_wcag_2_1_aa(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser_path: str,  # noqa: F811
    axe_path: Path,  # noqa: F811
    width: int,
) -> None:
    from playwright.sync_api import sync_playwright

    pages = every_page(cli, ws, tmp_path / "out", monkeypatch)
    assert len(pages) == 2 * (1 + 4 + 9 + 3 * 2) + 4
    found: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            for file in pages:
                page.goto(file.as_uri(), wait_until="load")
                where = file.relative_to(tmp_path / "out").as_posix()
                found += [f"{where}: {line}" for line in axe_problems(page, axe_path)]
        finally:
            browser.close()
    assert found == [], "\n".join(found)
