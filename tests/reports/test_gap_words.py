"""The gap said in words of direction (还差 X / 已超出 X, X to go / X beyond) wherever a person
reads it, and nothing required per year once the target is reached: ``show``, every report
format and the site, in Chinese and English. JSON keeps the signed number, positive still to go.

The complaint rate is a decrease indicator, 3 ‰ in 2021 down to 2 ‰ by 2025: 2.8 ‰ in 2022 is
0.8 ‰ to go; 1.9 ‰ in 2023 is 0.1 ‰ beyond the target, which once read as a gap of +0.1 with a
positive change "required" every year.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def recorded(cli: Run, plan_dir: Path) -> Path:
    for year, value in (("2022", "2.8"), ("2023", "1.9")):
        args = ("record", year, "complaint_rate", value, "--source", "年报")
        assert cli(*args, "--data", str(plan_dir)).exit_code == 0
    return plan_dir


def lines_of(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines()]


@pytest.mark.parametrize(
    ("lang", "as_of", "expected"),
    [
        (
            "zh",
            "2022",
            [
                "差距：d × (x* − x_t) = -1 × (2 − 2.8) = 还差 0.8 ‰",
                "每年尚需：v_req = (x* − x_t) / (T − t) = (-0.8) / (2025 − 2022) = -0.27 ‰",
            ],
        ),
        (
            "zh",
            "2023",
            ["差距：d × (x* − x_t) = -1 × (2 − 1.9) = 已超出 0.1 ‰", "每年尚需：目标已达到"],
        ),
        (
            "en",
            "2022",
            [
                "Gap: d × (x* − x_t) = -1 × (2 − 2.8) = 0.8 ‰ to go",
                "Required per year: v_req = (x* − x_t) / (T − t)"
                " = (-0.8) / (2025 − 2022) = -0.27 ‰",
            ],
        ),
        (
            "en",
            "2023",
            [
                "Gap: d × (x* − x_t) = -1 × (2 − 1.9) = 0.1 ‰ beyond",
                "Required per year: target reached",
            ],
        ),
    ],
)
def test_show_says_the_gap_in_words_and_nothing_required_once_reached(
    cli: Run,
    recorded: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    as_of: str,
    expected: list[str],
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cli(
        "show", "complaint_rate", "--as-of", as_of, "--lang", lang, "--data", str(recorded)
    )
    assert result.exit_code == 0
    shown = lines_of(result.stdout)
    for line in expected:
        assert line in shown
    required = [line for line in shown if line.startswith(("每年尚需", "Required per year"))]
    assert len(required) == 1, required  # one line, never a number of the wrong sign beside it
    if as_of == "2023":
        assert not any(line.startswith(("加速倍数", "Acceleration")) for line in shown)


REPORT_LINES = {
    ("zh", "2022"): "差距：还差 0.8 ‰，每年尚需 -0.27 ‰",
    ("zh", "2023"): "差距：已超出 0.1 ‰，目标已达到",
    ("en", "2022"): "Gap: 0.8 ‰ to go, required per year -0.27 ‰",
    ("en", "2023"): "Gap: 0.1 ‰ beyond; target reached",
}


@pytest.mark.parametrize(("lang", "as_of"), sorted(REPORT_LINES))
def test_the_markdown_and_html_reports_say_the_gap_in_words(
    cli: Run, recorded: Path, lang: str, as_of: str
) -> None:
    data = ("--data", str(recorded), "--lang", lang, "--as-of", as_of)
    markdown = cli("report", "-f", "md", *data)
    assert markdown.exit_code == 0
    assert f"- {REPORT_LINES[lang, as_of]}" in markdown.stdout.splitlines()
    page = cli("report", "-f", "html", *data)
    assert f"<li>{REPORT_LINES[lang, as_of]}</li>" in page.stdout
    for output in (markdown.stdout, page.stdout):
        assert "差距 +" not in output and "Gap +" not in output and "Gap -" not in output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_document_says_the_gap_in_words(
    cli: Run, recorded: Path, tmp_path: Path, lang: str
) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    data = ("--data", str(recorded), "--lang", lang, "--as-of", "2023")
    assert cli("report", "-o", str(out), *data).exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert REPORT_LINES[lang, "2023"] in paragraphs


@pytest.mark.parametrize(
    ("lang", "header"), [("zh", "还差（负数为已超出）"), ("en", "To go (negative: beyond)")]
)
def test_the_workbook_names_the_gaps_direction_and_leaves_required_empty_once_reached(
    cli: Run, recorded: Path, tmp_path: Path, lang: str, header: str
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "r.xlsx"
    data = ("--data", str(recorded), "--lang", lang)
    for as_of, gap, required in (("2022", 0.8, -0.26667), ("2023", -0.1, None)):
        assert cli("report", "-o", str(out), "--as-of", as_of, *data).exit_code == 0
        sheet = openpyxl.load_workbook(out).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        row = dict(zip(rows[0], next(r for r in rows if r[1] == "complaint_rate"), strict=True))
        required_column = "每年尚需" if lang == "zh" else "Required per year"
        assert (row[header], row[required_column]) == (gap, required)


def test_json_keeps_the_signed_gap_positive_still_to_go(cli: Run, recorded: Path) -> None:
    data = ("--data", str(recorded))
    for as_of, gap, required in (("2022", 0.8, -0.26667), ("2023", -0.1, None)):
        shown = json.loads(cli("show", "complaint_rate", "--json", "--as-of", as_of, *data).stdout)
        assert (shown["gap"], shown["required_per_year"]) == (gap, required)
        steps = {step["name"]: step for step in shown["steps"]}
        assert steps["gap"]["formula"] == "d × (x* − x_t)"
        assert ("required_per_year" in steps) is (required is not None)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "plans/plan/complaint_rate.html",
            [
                "<li>差距：已超出 0.1 ‰，目标已达到</li>",
                "<li>差距: <code>d × (x* − x_t) = -1 × (2 − 1.9) = <b>已超出 0.1 ‰</b></code></li>",
                "<li>每年尚需: 目标已达到</li>",
            ],
        ),
        (
            "en/plans/plan/complaint_rate.html",
            [
                "<li>Gap: 0.1 ‰ beyond; target reached</li>",
                "<li>Gap: <code>d × (x* − x_t) = -1 × (2 − 1.9) = <b>0.1 ‰ beyond</b></code></li>",
                "<li>Required per year: target reached</li>",
            ],
        ),
    ],
)
def test_the_site_says_the_gap_in_words(
    cli: Run, recorded: Path, tmp_path: Path, page: str, expected: list[str]
) -> None:
    out = tmp_path / "site"
    assert cli("site", str(out), "--as-of", "2023", "--data", str(recorded)).exit_code == 0
    html = (out / page).read_text(encoding="utf-8")
    for line in expected:
        assert line in html
    assert not re.search(r"每年尚需: <code>", html) and "Required per year: <code>" not in html
