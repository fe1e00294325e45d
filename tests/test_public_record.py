"""The public record: official baseline figures, when yearly figures are due, and the plan's end.

Each rule of docs/methodology.md "When a yearly figure is due" on hand-made cases (today pinned
with IPPLAN_TODAY), then the shipped plan as it stands.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ipplan import clock, public_record
from ipplan.data import Indicator, Point
from ipplan.errors import InvalidToday
from ipplan.text.shown_numbers import for_files
from ipplan.views.indicators import status_view
from tests.check.test_validate import INDICATORS, found, problems_in
from tests.conftest import SHIPPED, Run, load, snapshot


def record(cli: Run, data: str, *args: str) -> None:
    result = cli("record", *args, "--data", data)
    assert result.exit_code == 0, result.stderr


def indicator(months: int | None) -> Indicator:
    return Indicator(
        key="people",
        number=1,
        name="人数",
        name_en="People",
        unit="人",
        direction="increase",
        baseline=Point(year=2021, value=100),
        target=Point(year=2025, value=200),
        published_after_months=months,
    )


# --- the day a figure is due ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "year", "due"),
    [
        (8, 2023, dt.date(2024, 8, 31)),
        (12, 2023, dt.date(2024, 12, 31)),
        (2, 2023, dt.date(2024, 2, 29)),  # a leap year's February
        (2, 2024, dt.date(2025, 2, 28)),
        (1, 2025, dt.date(2026, 1, 31)),
        (13, 2022, dt.date(2024, 1, 31)),
        (36, 2022, dt.date(2025, 12, 31)),
    ],
)
def test_a_figure_is_due_at_the_end_of_the_month_so_many_months_after_its_year(
    months: int, year: int, due: dt.date
) -> None:
    assert public_record.publication_due(indicator(months), year) == due


def test_an_indicator_that_does_not_say_when_it_is_published_is_never_due() -> None:
    assert public_record.publication_due(indicator(None), 2023) is None


def test_the_day_is_today_or_the_end_of_the_as_of_year() -> None:
    today = dt.date(2026, 11, 21)
    assert clock.judgement_day(None, today) == today
    assert clock.judgement_day(2023, today) == dt.date(2023, 12, 31)
    assert clock.judgement_day(2026, dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)


def test_today_comes_from_ipplan_today() -> None:
    assert clock.today({"IPPLAN_TODAY": "2024-09-01"}) == dt.date(2024, 9, 1)
    assert clock.today({"IPPLAN_TODAY": " "}) == dt.date.today()
    assert clock.today({}) == dt.date.today()
    with pytest.raises(InvalidToday) as caught:
        clock.today({"IPPLAN_TODAY": "2024-13-01"})
    assert caught.value.params["value"] == "2024-13-01"


# --- overdue figures --------------------------------------------------------------------------


def overdue(plan_dir: Path, day: str) -> list[tuple[str, int, str | None]]:
    figures = public_record.overdue_figures(load(plan_dir), dt.date.fromisoformat(day))
    return [
        (f.indicator.key, f.year, None if f.due is None else f.due.isoformat()) for f in figures
    ]


def test_a_figure_not_recorded_after_its_due_day_is_overdue(cli: Run, plan_dir: Path) -> None:
    record(cli, str(plan_dir), "2022", "practitioners", "31347")
    # practitioners and litigators: 8 months; revenue: 12 months; the others do not say.
    assert overdue(plan_dir, "2023-08-31") == []  # due that day: not yet overdue
    assert overdue(plan_dir, "2023-09-01") == [("litigators", 2022, "2023-08-31")]
    assert overdue(plan_dir, "2024-09-01") == [
        ("practitioners", 2023, "2024-08-31"),
        ("revenue", 2022, "2023-12-31"),
        ("litigators", 2022, "2023-08-31"),
        ("litigators", 2023, "2024-08-31"),
    ]


def test_a_figure_recorded_late_is_no_longer_overdue(cli: Run, plan_dir: Path) -> None:
    assert ("revenue", 2022, "2023-12-31") in overdue(plan_dir, "2024-01-01")
    record(cli, str(plan_dir), "2022", "revenue", "450")
    assert ("revenue", 2022, "2023-12-31") not in overdue(plan_dir, "2024-01-01")


def test_status_json_marks_overdue_figures_as_of_a_year(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    record(cli, str(plan_dir), "2022", "practitioners", "31347")
    data = json.loads(cli("status", "--json", "--as-of", "2023", "--data", str(plan_dir)).stdout)
    assert data["day"] == "2023-12-31"
    assert data["final_evaluation"] is None
    rows = {row["key"]: row for row in data["indicators"]}
    assert rows["practitioners"]["overdue_figures"] == []  # 2023's was not due until 2024-08-31
    assert rows["litigators"]["overdue_figures"] == [
        {"year": 2022, "due": "2023-08-31", "overdue": True}
    ]
    assert rows["revenue"]["overdue_figures"] == []  # due 2023-12-31, the day itself
    assert all(row["final"] is None for row in data["indicators"])


# --- the final evaluation ---------------------------------------------------------------------


def test_the_plan_enters_its_final_evaluation_after_its_target_year(plan_dir: Path) -> None:
    plan = load(plan_dir)
    assert public_record.final_evaluation(plan, dt.date(2025, 12, 31)) is None
    final = public_record.final_evaluation(plan, dt.date(2026, 1, 1))
    assert final is not None and final.target_year == 2025
    assert [v.indicator.key for v in final.awaited] == [i.key for i in plan.indicators]


def test_only_the_target_years_figure_decides(cli: Run, plan_dir: Path) -> None:
    data = str(plan_dir)
    # met a year early (far above the baseline, hence --force)
    record(cli, data, "2024", "practitioners", "41000", "--force")
    record(cli, data, "2024", "agency_rate", "81")
    record(cli, data, "2025", "agency_rate", "85", "--source", "年报")
    record(cli, data, "2025", "complaint_rate", "2.5")
    plan = load(plan_dir)
    final = public_record.final_evaluation(plan, dt.date(2026, 9, 1))
    assert final is not None
    verdicts = {v.indicator.key: v for v in final.verdicts}
    assert (verdicts["agency_rate"].decided, verdicts["agency_rate"].status.value) == (
        True,
        "achieved",
    )
    assert (verdicts["complaint_rate"].decided, verdicts["complaint_rate"].status.value) == (
        True,
        "missed",
    )
    early = verdicts["practitioners"]
    assert (early.decided, early.status.value) == (False, "achieved")
    assert early.awaited is not None
    assert (early.awaited.year, early.awaited.due, early.awaited.overdue) == (
        2025,
        dt.date(2026, 8, 31),
        True,
    )
    assert verdicts["revenue"].awaited is not None
    assert verdicts["revenue"].awaited.overdue is False  # due 2026-12-31
    assert verdicts["medium_agencies"].awaited is not None
    assert verdicts["medium_agencies"].awaited.due is None


def test_status_says_the_plan_is_in_its_final_evaluation(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-09-01")
    monkeypatch.setenv("COLUMNS", "80")
    data = str(plan_dir)
    record(cli, data, "2025", "agency_rate", "85")
    record(cli, data, "2024", "practitioners", "36000")
    result = cli("status", "--data", data)
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    assert "终期评估：计划目标年2025年已结束（截至2026-09-01）" in out
    lines = out.splitlines()
    assert any("3 专利代理率：已实现（依据2025年实际值）" in line for line in lines)
    assert any(
        "1 执业专利代理师人数：待2025年数据，应于2026-08-31前公布，已逾期" in line for line in lines
    )
    revenue = "4 专利代理机构总营业收入：待2025年数据，通常于2026-12-31前公布"
    assert any(revenue in line for line in lines)
    assert "已判定1项，尚待数据8项。" in out
    assert "逾期未记录的年度数据（截至2026-09-01" in out
    assert all(len(line) <= 80 for line in lines)

    english = cli("status", "--data", data, "--lang", "en").stdout
    assert "Final evaluation: the plan's target year 2025 has ended (on 2026-09-01)" in english
    assert "Patent agency rate: achieved (on the 2025 figure)" in english
    assert "1 decided, 8 awaiting their figure." in english

    view = json.loads(cli("status", "--json", "--data", data).stdout)
    assert view == for_files(status_view(load(plan_dir), today=dt.date(2026, 9, 1)))
    assert view["final_evaluation"]["decided"] == ["agency_rate"]
    assert view["final_evaluation"]["awaited"][0] == {
        "key": "practitioners",
        "year": 2025,
        "due": "2026-08-31",
        "overdue": True,
    }
    rows = {row["key"]: row for row in view["indicators"]}
    assert rows["agency_rate"]["final"] == {"decided": True, "status": "achieved", "awaited": None}
    assert rows["practitioners"]["final"]["status"] == "needs_acceleration"


def test_before_the_end_nothing_is_said_of_a_final_evaluation(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2023-06-30")
    out = cli("status", "--data", str(plan_dir)).stdout
    assert "终期评估" not in out and "逾期" not in out
    monkeypatch.setenv("IPPLAN_TODAY", "2023-09-01")
    out = cli("status", "--data", str(plan_dir)).stdout
    assert "终期评估" not in out
    assert "5 诉讼型人才：2022年（2023-08-31）" in out


def test_a_bad_ipplan_today_is_one_clear_error(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(plan_dir)
    monkeypatch.setenv("IPPLAN_TODAY", "tomorrow")
    for args in (("status",), ("show", "1")):
        result = cli(*args, "--data", str(plan_dir))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == "错误：IPPLAN_TODAY=tomorrow 不是有效日期；请用 YYYY-MM-DD。\n"
    as_json = cli("status", "--json", "--data", str(plan_dir))
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout or as_json.stderr)["error"]["code"] == "invalid-today"
    english = cli("status", "--data", str(plan_dir), "--lang", "en")
    assert english.stderr == "error: IPPLAN_TODAY=tomorrow is not a date; use YYYY-MM-DD\n"
    assert snapshot(plan_dir) == before


# --- show -------------------------------------------------------------------------------------


def test_show_puts_the_official_figure_beside_the_baseline_and_marks_overdue_years(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    record(cli, str(plan_dir), "2022", "practitioners", "31347")
    result = cli("show", "practitioners", "--data", str(plan_dir))
    assert result.exit_code == 0
    out = result.stdout
    assert "基线：26829 (2021)" in out
    assert "官方数据：26840 (2021)；进度仍从计划基线起算" in out
    assert "来源：国家知识产权局《全国知识产权代理行业发展状况（2021年）》, 2022-07" in out
    assert "数据公布：每年数据通常在该年结束后8个月内公布" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()[:4].isdigit()}
    assert "逾期" not in rows["2022"]
    for year, due in (("2023", "2024-08-31"), ("2024", "2025-08-31"), ("2025", "2026-08-31")):
        assert f"逾期：应于{due}前公布" in rows[year]
    assert "终期评估\n  待2025年数据，应于2026-08-31前公布，已逾期；按已有数据为“" in out

    english = cli("show", "revenue", "--data", str(plan_dir), "--lang", "en").stdout
    assert "Official figure: 437.5 (2021); progress is still measured" in english
    assert "within 12 months of the year's end" in english
    assert "overdue (due 2023-12-31)" in english

    view = json.loads(cli("show", "revenue", "--json", "--data", str(plan_dir)).stdout)
    assert view["official_baseline"] == {
        "year": 2021,
        "value": 437.5,
        "source": "国家知识产权局《2022年全国知识产权服务业统计调查报告》, 2022",
    }
    assert view["baseline"] == {"year": 2021, "value": 434}  # the plan's baseline stands
    assert view["published_after_months"] == 12
    assert [f["year"] for f in view["overdue_figures"]] == [2022, 2023, 2024]
    assert view["day"] == "2026-11-21"


def test_show_of_an_indicator_without_a_publication_rule(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    out = cli("show", "agency_rate", "--data", str(SHIPPED)).stdout
    assert "官方数据" not in out and "数据公布" not in out and "逾期" not in out
    assert "待2025年数据，公布时间未定" in out


# --- the data files ---------------------------------------------------------------------------


def test_an_official_baseline_is_for_the_baseline_year_in_the_unit(tmp_path: Path) -> None:
    wrong = INDICATORS.replace(
        "    target: {year: 2025, value: 200}\n",
        "    target: {year: 2025, value: 200}\n"
        "    official_baseline: {year: 2020, value: 1.5, source: 统计}\n",
        1,
    )
    assert found(problems_in(tmp_path, indicators=wrong)) == [
        ("indicators.yaml", 17, "not-whole-number"),
        ("indicators.yaml", 17, "official-baseline-year-mismatch"),
    ]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("official_baseline: {year: 2021, value: 101}", "missing-field"),
        ("published_after_months: 0", "greater-than-equal"),
        ("published_after_months: 37", "less-than-equal"),
        ("published_after_months: 8.5", "wrong-type"),
        ('published_after_months: "8"', "wrong-type"),
    ],
)
def test_publication_fields_are_checked(tmp_path: Path, field: str, code: str) -> None:
    changed = INDICATORS.replace(
        "    target: {year: 2025, value: 200}\n",
        f"    target: {{year: 2025, value: 200}}\n    {field}\n",
        1,
    )
    assert [c for _, _, c in found(problems_in(tmp_path, indicators=changed))] == [code]


def test_the_shipped_plan_says_what_the_published_figures_support() -> None:
    plan = load(SHIPPED)
    months = {i.key: i.published_after_months for i in plan.indicators}
    assert months == {
        "practitioners": 8,
        "medium_agencies": None,
        "agency_rate": None,
        "revenue": 12,
        "litigators": 8,
        "international_talent": None,
        "it_coverage": None,
        "complaint_rate": None,
        "satisfaction": None,
    }
    official = {
        i.key: (i.official_baseline.year, i.official_baseline.value)
        for i in plan.indicators
        if i.official_baseline is not None
    }
    assert official == {"practitioners": (2021, 26840), "revenue": (2021, 437.5)}
    assert plan.indicator("practitioners").baseline == Point(year=2021, value=26829)
    assert plan.indicator("revenue").baseline == Point(year=2021, value=434)


# --- reports ----------------------------------------------------------------------------------


@pytest.fixture
def ended(cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan on 1 September 2026: one indicator decided, one with a figure a year before."""
    monkeypatch.setenv("IPPLAN_TODAY", "2026-09-01")
    record(cli, str(plan_dir), "2025", "agency_rate", "85")
    record(cli, str(plan_dir), "2024", "practitioners", "36000")
    return plan_dir


def test_every_report_says_the_plan_is_in_its_final_evaluation(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    data = str(ended)
    md = tmp_path / "r.md"
    assert cli("report", "-o", str(md), "--data", data).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "终期评估：计划目标年2025年已结束（截至2026-09-01）" in text
    assert "已判定1项，尚待数据8项。" in text
    assert "## 终期评估与逾期数据" in text
    assert "| 3 | 专利代理率 | 已实现（依据2025年实际值） |  |" in text
    assert (
        "| 1 | 执业专利代理师人数 | 待2025年数据，应于2026-08-31前公布，已逾期；"
        "按已有数据为“需加快” | 2022年（2023-08-31） 2023年（2024-08-31） 2025年（2026-08-31） |"
    ) in text
    assert "| 2022 | 30121.75 | — | — |  | 逾期：应于2023-08-31前公布 |" in text
    assert "官方数据：26840 (2021)；进度仍从计划基线起算 · 来源：国家知识产权局" in text

    html = tmp_path / "r.html"
    assert cli("report", "-o", str(html), "--data", data, "--lang", "en").exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert '<section id="final">' in page
    assert "Final evaluation: the plan&#x27;s target year 2025 has ended" in page or (
        "Final evaluation: the plan's target year 2025 has ended" in page
    )
    assert "awaiting the 2025 figure, due by 2026-08-31 and overdue" in page

    out = tmp_path / "r.json"
    assert cli("report", "-o", str(out), "--data", data).exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["day"] == "2026-09-01"
    assert report["final_evaluation"]["decided"] == ["agency_rate"]
    assert len(report["final_evaluation"]["awaited"]) == 8
    revenue = next(ind for ind in report["indicators"] if ind["key"] == "revenue")
    assert revenue["official_baseline"]["value"] == 437.5
    assert [f["year"] for f in revenue["overdue_figures"]] == [2022, 2023, 2024]


def test_the_workbook_carries_the_official_figure_the_verdict_and_overdue_years(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(out), "--data", str(ended)).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][-3:] == [
        "官方数据 2021",
        "终期评估",
        "逾期未记录的年度数据（截至2026-09-01；括号内为应公布日期）",
    ]
    by_key = {row[1]: row for row in rows[1:]}
    assert by_key["practitioners"][-3:] == [
        26840,
        "待2025年数据，应于2026-08-31前公布，已逾期；按已有数据为“需加快”",
        "2022年（2023-08-31） 2023年（2024-08-31） 2025年（2026-08-31）",
    ]
    assert by_key["agency_rate"][-3:] == [None, "已实现（依据2025年实际值）", None]


def test_a_report_as_of_a_year_shows_nothing_due_later(cli: Run, ended: Path) -> None:
    result = cli("report", "--format", "md", "--as-of", "2023", "--data", str(ended))
    assert result.exit_code == 0
    text = result.stdout
    assert "终期评估" not in text
    assert "## 逾期数据" in text
    assert "| 5 | 诉讼型人才 | 2022年（2023-08-31） |" in text
    assert "逾期：应于2023-08-31前公布" in text  # practitioners' and litigators' 2022 figures
    assert "逾期未记录的年度数据（截至2023-12-31；" in text  # the day is the end of 2023
    for later in ("2024-08-31", "2024-12-31", "2025-08-31", "2026-08-31", "2026-09-01"):
        assert later not in text
    assert "36000" not in text  # practitioners' 2024 figure


# --- the shipped plan's public record ---------------------------------------------------------

AGENCY_REPORT = "国家知识产权局《全国知识产权代理行业发展状况（{year}年）》, {published}"
PUBLISHED = {
    ("practitioners", 2022): (
        31347,
        AGENCY_REPORT.format(year=2022, published="2023-05"),
        "截至2022年底执业专利代理师人数",
    ),
    ("practitioners", 2023): (
        34396,
        AGENCY_REPORT.format(year=2023, published="2024-08"),
        "截至2023年底执业专利代理师人数",
    ),
    ("litigators", 2022): (
        4405,
        AGENCY_REPORT.format(year=2022, published="2023-05"),
        "截至2022年底诉讼代理人人数",
    ),
    ("litigators", 2023): (
        4896,
        AGENCY_REPORT.format(year=2023, published="2024-08"),
        "2023年全年向法院推荐的专利诉讼代理人人数；口径为当年推荐数，"
        "与2021、2022年的年底人数口径可能不同",
    ),
    ("revenue", 2023): (
        462.6,
        "国家知识产权局《2024年全国知识产权服务业统计调查报告》, 2024-10",
        "2023年专利代理机构总营业收入约462.6亿元",
    ),
}


def test_the_shipped_plan_records_the_published_figures_and_nothing_else() -> None:
    plan = load(SHIPPED)
    recorded = {
        (key, actual.year): (actual.value, actual.source, actual.note)
        for key, series in plan.actuals.items()
        for actual in series
    }
    assert recorded == PUBLISHED
    for key, series in plan.actuals.items():
        for actual in series:
            assert actual.recorded is not None, key  # written by ipplan record, not by hand
            assert actual.history == [], key


def test_where_the_shipped_plan_ends(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    view = json.loads(cli("status", "--json", "--data", str(SHIPPED)).stdout)
    rows = {row["key"]: row for row in view["indicators"]}
    assert (rows["practitioners"]["latest"], rows["practitioners"]["status"]) == (
        {"year": 2023, "value": 34396},
        "on_track",
    )
    assert rows["revenue"]["status"] == "lagging"
    assert view["final_evaluation"]["decided"] == []
    awaited = {a["key"]: a for a in view["final_evaluation"]["awaited"]}
    assert awaited["practitioners"] == {
        "key": "practitioners",
        "year": 2025,
        "due": "2026-08-31",
        "overdue": True,
    }
    assert awaited["revenue"]["overdue"] is False
    assert awaited["agency_rate"]["due"] is None
    overdue = {key: [f["year"] for f in row["overdue_figures"]] for key, row in rows.items()}
    assert overdue == {
        "practitioners": [2024, 2025],
        "medium_agencies": [],
        "agency_rate": [],
        "revenue": [2022, 2024],
        "litigators": [2024, 2025],
        "international_talent": [],
        "it_coverage": [],
        "complaint_rate": [],
        "satisfaction": [],
    }
