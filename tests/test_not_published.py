"""What the public record says, said everywhere: a figure recorded as not published, and a
change of counting basis (docs/methodology.md, "Not published", "A change of counting basis").

Each surface on the shipped plan with its exact words: the status table, show, the report in
every format, the site; then recording, refusing, replacing and undoing a not-published record,
and what validate says of one written by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from ipplan import public_record
from tests.conftest import Run, load, snapshot

DAY = "2026-12-07"
BASIS = "2023年为当年向法院推荐的专利诉讼代理人人数，2021、2022年为年底诉讼代理人人数"
CROSSED = f"与 2021 年的比较跨越了 2023 年的统计口径变化：{BASIS}"
CROSSED_EN = f"the comparison with 2021 crosses a change of counting basis in 2023: {BASIS}"
CHECKED = "国家知识产权局网站"
RECORD_2024 = (
    "# yaml-language-server: $schema=../../schema/actual.schema.json\n"
    "not_published: true\n"
    f'source: "{CHECKED}"\n'
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", DAY)


def ok(cli: Run, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def not_published(cli: Run, data: Path, year: str = "2024", key: str = "litigators") -> str:
    return ok(cli, "record", year, key, "--not-published", "--source", CHECKED, "--data", str(data))


def without_time(path: Path) -> str:
    """A record file without its ``recorded`` line (the time now)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("recorded: "))


# --- a change of counting basis, on the shipped plan -----------------------------------------


def test_the_shipped_litigators_2023_figure_carries_its_change_of_basis(
    cli: Run, shipped_dir: Path
) -> None:
    record = shipped_dir / "actuals" / "litigators" / "2023.yaml"
    assert f'basis_change: "{BASIS}"\n' in record.read_text(encoding="utf-8")
    assert "value: 4896\n" in record.read_text(encoding="utf-8")  # the figure as published
    view = json.loads(ok(cli, "show", "litigators", "--json", "--data", str(shipped_dir)))
    assert view["basis_changes"] == [{"year": 2023, "text": BASIS, "crossed_from": 2021}]
    by_year = {a["year"]: a for a in view["actuals"]}
    assert by_year[2023]["basis_change"] == BASIS
    assert by_year[2022]["basis_change"] is None


def test_the_status_table_marks_the_figure_and_says_what_the_mark_means(
    cli: Run, shipped_dir: Path
) -> None:
    lines = ok(cli, "status", "--data", str(shipped_dir)).splitlines()
    row = next(line for line in lines if "诉讼型人才" in line and "(2023)" in line)
    assert "4896 (2023)†" in row
    assert f"† 5 诉讼型人才：{CROSSED}" in lines
    practitioners = next(
        line for line in lines if "执业专利代理师人数" in line and "(2023)" in line
    )
    assert "†" not in practitioners


def test_the_status_table_in_english(
    cli: Run, shipped_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the note on one line
    lines = ok(cli, "status", "--lang", "en", "--data", str(shipped_dir)).splitlines()
    assert f"† 5 Litigation-qualified patent attorneys: {CROSSED_EN}" in lines


def test_show_marks_the_year_and_its_calculation_says_the_comparison_crosses_it(
    cli: Run, shipped_dir: Path
) -> None:
    out = ok(cli, "show", "litigators", "--data", str(shipped_dir))
    lines = out.splitlines()
    assert f"  † {CROSSED}" in lines
    row = next(line for line in lines if line.startswith("  2023 "))
    assert row.split()[:4] == ["2023", "4422.5", "4896†", "+473.5"]
    english = ok(cli, "show", "litigators", "--lang", "en", "--data", str(shipped_dir))
    assert f"  † {CROSSED_EN}" in english.splitlines()


def test_before_the_change_nothing_is_crossed(cli: Run, shipped_dir: Path) -> None:
    """As of 2022 the 2023 figure does not count: no mark, no sentence."""
    out = ok(cli, "show", "litigators", "--as-of", "2022", "--data", str(shipped_dir))
    assert "†" not in out and "口径变化" not in out
    view = json.loads(ok(cli, "status", "--as-of", "2022", "--json", "--data", str(shipped_dir)))
    litigators = next(row for row in view["indicators"] if row["key"] == "litigators")
    assert litigators["basis_changes"] == []


def test_the_markdown_report_marks_the_figure_and_its_verdict_text_says_so(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    ok(cli, "report", "-f", "md", "-o", str(out), "--data", str(shipped_dir))
    lines = out.read_text(encoding="utf-8").splitlines()
    row = "| 5 | 诉讼型人才 | 人 | 3845 | 4896 (2023)† | 5000 | 91.0% | 1.82 | 1.89 | 符合预期 |"
    assert row in lines
    assert f"† 5 诉讼型人才：{CROSSED}" in lines
    assert f"- † {CROSSED}" in lines  # the indicator's assessment
    year = next(line for line in lines if line.startswith("| 2023 | 4422.5 | 4896† |"))
    assert year.endswith(f"可能不同；2023 年统计口径变化：{BASIS} |")


def test_the_csv_and_json_reports_carry_the_change(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    report_csv = ("report", "-f", "csv", "-o", str(out), "--lang", "en")
    ok(cli, *report_csv, "--data", str(shipped_dir))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    litigators = {r["year"]: r for r in rows if r["key"] == "litigators"}
    assert litigators["2023"]["change of counting basis"] == BASIS
    assert litigators["2023"]["value"] == "4896"
    assert litigators["2022"]["change of counting basis"] == ""
    assert {r["not published"] for r in rows} == {""}
    out = tmp_path / "report.json"
    ok(cli, "report", "-f", "json", "-o", str(out), "--data", str(shipped_dir))
    report = json.loads(out.read_text(encoding="utf-8"))
    ind = next(i for i in report["indicators"] if i["key"] == "litigators")
    assert ind["basis_changes"] == [{"year": 2023, "text": BASIS, "crossed_from": 2021}]
    yearly = next(r for r in report["yearly"] if r["key"] == "litigators" and r["year"] == 2023)
    assert (yearly["basis_change"], yearly["not_published"]) == (BASIS, False)


def test_the_html_report_and_the_site_mark_it(cli: Run, shipped_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    ok(cli, "report", "-f", "html", "-o", str(out), "--data", str(shipped_dir))
    page = out.read_text(encoding="utf-8")
    assert f'<p class="mark">† 5 诉讼型人才：{CROSSED}</p>' in page
    assert f"<li>† {CROSSED}</li>" in page
    site = tmp_path / "site"
    ok(cli, "site", str(site), "--data", str(shipped_dir))
    (plan,) = (site / "plans").iterdir()
    page = (plan / "litigators.html").read_text(encoding="utf-8")
    assert '<td class="num">4896†</td>' in page
    assert f"<li>† {CROSSED}</li>" in page
    index = (plan / "index.html").read_text(encoding="utf-8")
    assert f'<p class="mark">† 5 诉讼型人才：{CROSSED}</p>' in index
    english = (site / "en" / "plans" / plan.name / "litigators.html").read_text(encoding="utf-8")
    assert f"<li>† {CROSSED_EN}</li>" in english


def test_record_sets_a_change_of_basis_and_a_later_correction_keeps_it(
    cli: Run, plan_dir: Path
) -> None:
    data = str(plan_dir)
    ok(cli, "record", "2022", "litigators", "4405", "--data", data)
    ok(cli, "record", "2023", "litigators", "4896", "--basis-change", "当年推荐数", "--data", data)
    record = plan_dir / "actuals" / "litigators" / "2023.yaml"
    assert without_time(record) == (
        "# yaml-language-server: $schema=../../schema/actual.schema.json\n"
        "value: 4896\n"
        'basis_change: "当年推荐数"\n'
    )
    ok(cli, "record", "2023", "litigators", "4900", "--force", "--data", data)
    view = json.loads(ok(cli, "show", "litigators", "--json", "--data", data))
    assert view["basis_changes"] == [{"year": 2023, "text": "当年推荐数", "crossed_from": 2021}]
    ok(cli, "undo", "--data", data)
    assert without_time(record).startswith(
        "# yaml-language-server: $schema=../../schema/actual.schema.json\n"
        "value: 4896\n"
        'basis_change: "当年推荐数"\n'
    )


# --- not published ------------------------------------------------------------------------------


def test_not_published_is_recorded_with_where_it_was_checked(cli: Run, shipped_dir: Path) -> None:
    said = not_published(cli, shipped_dir)
    assert said.splitlines()[0] == f"已记录：诉讼型人才 2024 年数据未公布（核查：{CHECKED}）"
    record = shipped_dir / "actuals" / "litigators" / "2024.yaml"
    assert without_time(record) == RECORD_2024
    assert record.read_text(encoding="utf-8").splitlines()[-1].startswith('recorded: "20')
    again = not_published(cli, shipped_dir)
    assert again.splitlines()[0] == "诉讼型人才 2024 年已记为未公布，未作改动。"


def test_not_published_ends_the_overdue_reminder(cli: Run, shipped_dir: Path) -> None:
    def overdue() -> list[int]:
        view = json.loads(ok(cli, "status", "--json", "--data", str(shipped_dir)))
        row = next(r for r in view["indicators"] if r["key"] == "litigators")
        return [f["year"] for f in row["overdue_figures"]]

    assert overdue() == [2024, 2025]
    not_published(cli, shipped_dir)
    assert overdue() == [2025]


def test_status_says_not_published_with_its_source_and_day(cli: Run, shipped_dir: Path) -> None:
    not_published(cli, shipped_dir)
    lines = ok(cli, "status", "--data", str(shipped_dir)).splitlines()
    at = lines.index("记为未公布的年度数据（括号内为核查来源与日期）：")
    assert lines[at + 1] == f"  5 诉讼型人才：2024年（核查：{CHECKED}，{DAY}）"
    english = ok(cli, "status", "--lang", "en", "--data", str(shipped_dir)).splitlines()
    at = english.index(
        "Yearly figures recorded as not published (in brackets: where and when that was checked):"
    )
    assert english[at + 1] == (
        f"  5 Litigation-qualified patent attorneys: 2024 (checked: {CHECKED}, {DAY})"
    )


def test_show_says_not_published_in_the_year(cli: Run, shipped_dir: Path) -> None:
    not_published(cli, shipped_dir)
    lines = ok(cli, "show", "litigators", "--data", str(shipped_dir)).splitlines()
    row = next(line for line in lines if line.startswith("  2024 "))
    assert row.split() == ["2024", "4711.25", "未公布", "—", CHECKED]
    english = ok(cli, "show", "litigators", "--lang", "en", "--data", str(shipped_dir))
    row = next(line for line in english.splitlines() if line.startswith("  2024 "))
    assert row.split()[:4] == ["2024", "4711.25", "not", "published"]


def test_every_report_format_says_not_published(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    not_published(cli, shipped_dir)
    data = str(shipped_dir)
    md = tmp_path / "r.md"
    ok(cli, "report", "-f", "md", "-o", str(md), "--data", data)
    lines = md.read_text(encoding="utf-8").splitlines()
    assert f"| 2024 | 4711.25 | 未公布 | — | {CHECKED} |  |" in lines
    assert f"- 记为未公布的年度数据：2024年（核查：{CHECKED}，{DAY}）" in lines
    header = next(line for line in lines if line.startswith("| 序号 | 指标 | 终期评估 |"))
    assert header.endswith("| 记为未公布的年度数据 |")
    table_row = next(line for line in lines if line.startswith("| 5 | 诉讼型人才 | 待2025年数据"))
    assert table_row.endswith(f"| 2025年（2026-08-31） | 2024年（核查：{CHECKED}，{DAY}） |")

    html = tmp_path / "r.html"
    ok(cli, "report", "-f", "html", "-o", str(html), "--data", data)
    assert f"<li>记为未公布的年度数据：2024年（核查：{CHECKED}，{DAY}）</li>" in html.read_text(
        encoding="utf-8"
    )

    table = tmp_path / "r.csv"
    ok(cli, "report", "-f", "csv", "-o", str(table), "--data", data)
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if (r["指标键"], r["年份"]) == ("litigators", "2024"))
    assert (row["数值"], row["来源"], row["未公布"]) == ("", CHECKED, "未公布")

    report = tmp_path / "r.json"
    ok(cli, "report", "-f", "json", "-o", str(report), "--data", data)
    ind = next(
        i
        for i in json.loads(report.read_text(encoding="utf-8"))["indicators"]
        if i["key"] == "litigators"
    )
    assert [(f["year"], f["source"], f["recorded"][:10]) for f in ind["not_published"]] == [
        (2024, CHECKED, DAY)
    ]
    actual = next(a for a in ind["actuals"] if a["year"] == 2024)
    assert (actual["value"], actual["not_published"]) == (None, True)

    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    book = tmp_path / "r.xlsx"
    ok(cli, "report", "-f", "xlsx", "-o", str(book), "--data", data)
    sheet = load_workbook(book).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    litigators = next(
        r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "litigators"
    )
    assert litigators[header.index("实际 2024")] == "未公布"
    assert litigators[header.index("记为未公布的年度数据")] == f"2024年（核查：{CHECKED}，{DAY}）"
    assert litigators[header.index("统计口径变化")] == CROSSED


def test_the_site_says_not_published(cli: Run, shipped_dir: Path, tmp_path: Path) -> None:
    not_published(cli, shipped_dir)
    site = tmp_path / "site"
    ok(cli, "site", str(site), "--data", str(shipped_dir))
    (plan,) = (site / "plans").iterdir()
    text = (plan / "litigators.html").read_text(encoding="utf-8")
    assert '<td class="num">未公布</td>' in text
    assert f"<li>记为未公布的年度数据：2024年（核查：{CHECKED}，{DAY}）</li>" in text


def test_not_published_needs_a_source_and_no_value(cli: Run, shipped_dir: Path) -> None:
    before = snapshot(shipped_dir)
    data = str(shipped_dir)
    result = cli("record", "2024", "litigators", "--not-published", "--data", data)
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：记为未公布时须用 --source 写明在何处核查过，"
        '例如 --source "国家知识产权局网站，2026-12-07 检索"。\n'
    )
    result = cli(
        "record", "2024", "litigators", "5000", "--not-published", "--source", "x", "--data", data
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：给出了数值 5000，又加了 --not-published；已公布就只写数值，未公布就去掉数值。\n"
    )
    result = cli("record", "2024", "litigators", "--data", data)
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：缺少数值：请写 ipplan record YEAR INDICATOR VALUE，"
        "或用 --not-published --source S 记为未公布。\n"
    )
    assert snapshot(shipped_dir) == before


@pytest.mark.slow
def test_a_published_value_replaces_it_only_with_force_and_undo_restores_it(
    cli: Run, shipped_dir: Path
) -> None:
    data = str(shipped_dir)
    not_published(cli, shipped_dir)
    record = shipped_dir / "actuals" / "litigators" / "2024.yaml"
    written = record.read_bytes()
    before = snapshot(shipped_dir)
    refused = cli("record", "2024", "litigators", "5100", "--data", data)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "错误：诉讼型人才的 2024 年已记为未公布。如该数据现已公布，记录 5100 请加 --force"
        "（未公布的记录会保留在历史中）。\n"
    )
    assert snapshot(shipped_dir) == before
    said = ok(cli, "record", "2024", "litigators", "5100", "--force", "--data", data)
    assert (
        said.splitlines()[0]
        == "已记录：诉讼型人才 2024 年 = 5100 人（原值 未公布，已保留在历史中）"
    )
    text = record.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schema/actual.schema.json\nvalue: 5100\n"
    )
    assert f'history:\n  - not_published: true\n    source: "{CHECKED}"\n' in text
    history = ok(cli, "history", "litigators", "--data", data)
    assert "未公布 → 5100 人" in history
    undone = ok(cli, "undo", "--data", data)
    assert undone.splitlines()[0].endswith("诉讼型人才 2024 年值 5100 人，恢复为此前的 未公布。")
    assert record.read_bytes() == written
    redone = ok(cli, "undo", "--data", data)  # the newest change is that undo: 5100 is back
    assert "的撤销：" in redone
    assert record.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/actual.schema.json\nvalue: 5100\n"
    )
    ok(cli, "undo", "--data", data)
    assert record.read_bytes() == written


def test_a_value_is_turned_into_not_published_only_with_force(cli: Run, shipped_dir: Path) -> None:
    data = str(shipped_dir)
    before = snapshot(shipped_dir)
    refused = cli(
        "record", "2023", "litigators", "--not-published", "--source", CHECKED, "--data", data
    )
    assert refused.exit_code == 1
    assert refused.stderr == (
        "错误：诉讼型人才的 2023 年实际值已记录为 4896。如确需改记为未公布，请加 --force"
        "（原值会保留在历史中）。\n"
    )
    assert snapshot(shipped_dir) == before


def test_validate_strict_passes_the_figures_once_each_overdue_one_is_recorded_not_published(
    cli: Run, shipped_dir: Path
) -> None:
    data = str(shipped_dir)

    def codes() -> list[str]:
        result = cli("validate", "--strict", "--format", "json", "--data", data)
        assert result.exit_code == 1
        return sorted({p["code"] for p in json.loads(result.stdout)})

    day = dt.date.fromisoformat(DAY)
    overdue = [
        (f.indicator.key, f.year) for f in public_record.overdue_figures(load(shipped_dir), day)
    ]
    assert overdue == [
        ("practitioners", 2024),
        ("practitioners", 2025),
        ("revenue", 2022),
        ("revenue", 2024),
        ("litigators", 2024),
        ("litigators", 2025),
    ]
    assert codes() == ["overdue-figure"]  # the 2022 work plan was not tracked: none overdue
    for key, year in overdue:
        not_published(cli, shipped_dir, str(year), key)
    assert public_record.overdue_figures(load(shipped_dir), day) == []
    # nothing is overdue any more: the shipped plan passes the strict check
    passed = cli("validate", "--strict", "--format", "json", "--data", data)
    assert (passed.exit_code, json.loads(passed.stdout)) == (0, [])


def test_validate_refuses_a_not_published_record_with_a_value_or_without_a_source(
    cli: Run, shipped_dir: Path
) -> None:
    folder = shipped_dir / "actuals" / "litigators"
    (folder / "2024.yaml").write_text("not_published: true\nvalue: 5000\nsource: x\n", "utf-8")
    (folder / "2025.yaml").write_text("not_published: true\n", "utf-8")
    (shipped_dir / "actuals" / "revenue" / "2024.yaml").write_text("value: null\n", "utf-8")
    result = cli("validate", "--data", str(shipped_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder / '2024.yaml'}:2: not-published-with-value: "
        "记为未公布的数据不应有数值（现为 5000）：已公布就删去 not_published，未公布就删去 value",
        f"{folder / '2025.yaml'}:1: not-published-source: "
        "记为未公布的数据须写明在何处核查（source）",
        f"{shipped_dir / 'actuals' / 'revenue' / '2024.yaml'}:1: missing-field: 缺少必填字段 value",
        "发现 3 个问题。",
    ]


def test_import_over_a_not_published_year_is_refused_at_its_row(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    not_published(cli, shipped_dir)
    before = snapshot(shipped_dir)
    table = tmp_path / "figures.csv"
    table.write_text("key,year,value\nlitigators,2024,5100\n", encoding="utf-8")
    result = cli("import", str(table), "--data", str(shipped_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{table}:2: not-published-already-recorded: 诉讼型人才的 2024 年已记为未公布。"
        "如该数据现已公布，记录 5100 请加 --force（未公布的记录会保留在历史中）。"
    )
    assert snapshot(shipped_dir) == before


def test_a_target_year_not_published_decides_nothing_and_says_so(
    cli: Run, shipped_dir: Path
) -> None:
    not_published(cli, shipped_dir, "2025")
    view = json.loads(ok(cli, "status", "--json", "--data", str(shipped_dir)))
    row = next(r for r in view["indicators"] if r["key"] == "litigators")
    assert row["final"] == {
        "decided": False,
        "status": "on_track",
        "awaited": {"year": 2025, "due": "2026-08-31", "overdue": False},
    }
    assert "litigators" not in view["final_evaluation"]["decided"]
    lines = ok(cli, "status", "--data", str(shipped_dir)).splitlines()
    assert "  5 诉讼型人才：待2025年数据，已记为未公布；按已有数据为“符合预期”" in lines
