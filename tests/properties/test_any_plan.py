"""Any plan: a successor plan for 2026-2030 with units of its own, a cumulative indicator and a
binding one, every number worked out by hand in the comments beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ipplan.check import schema
from ipplan.check import schema as schemas
from ipplan.errors import DataNotWritable
from ipplan.files import layout
from tests.conftest import Run, load, snapshot, write

# The successor plan: the library's 万件 and 人次, a unit of its own (件/万人), and the library's
# 分 given a plan's own range (0-100).
SUCCESSOR = """
# yaml-language-server: $schema=schema/indicators.schema.json
plan:
  title: 专利代理行业发展规划（2026-2030年）
  title_en: Patent Agency Development Plan (2026-2030)
  issuer: 协会
  issuer_en: Association
  baseline_year: 2025
  target_year: 2030
units:
  - symbol: 件/万人
    name: 件每万人
    name_en: per 10,000 people
    whole: false
    max: 1000
  - symbol: 分
    name_en: points
    whole: false
    max: 100
indicators:
  - key: filings
    number: 1
    name: 代理发明专利申请量
    name_en: Agency-filed invention applications
    unit: 万件
    direction: increase
    baseline: {year: 2025, value: 120}
    target: {year: 2030, value: 180}
  - key: density
    number: 2
    name: 每万人口高价值发明专利拥有量
    name_en: High-value invention patents per 10,000 people
    unit: 件/万人
    binding: true
    direction: increase
    baseline: {year: 2025, value: 14}
    target: {year: 2030, value: 20}
  - key: trained
    number: 3
    name: 专利代理师培训
    name_en: Patent attorneys trained
    unit: 人次
    accumulate: sum
    direction: increase
    baseline: {year: 2025, value: 40000}  # the previous plan's five-year total
    target: {year: 2030, value: 60000}
  - key: satisfaction
    number: 4
    name: 社会满意度
    name_en: Public satisfaction
    unit: 分
    direction: increase
    baseline: null
    target: {year: 2030, value: 90}
"""

TASKS = """
# yaml-language-server: $schema=schema/tasks.schema.json
areas:
  - id: talent
    number: 1
    title: 人才
    title_en: Talent
actions:
  - id: training
    area: talent
    title: 培训
    title_en: Training
    measures: [开展培训。]
    indicators: [trained, density]
    lead: null
    due: null
    status: in_progress
"""


@pytest.fixture(autouse=True)
def _years_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    """A day when the successor plan's years up to 2029 have ended, so that their year-end
    figures can be recorded (a year not yet ended is refused)."""
    monkeypatch.setenv("IPPLAN_TODAY", "2030-06-30")


@pytest.fixture
def successor(tmp_path: Path) -> Path:
    target = tmp_path / "successor"
    target.mkdir()
    write(target, "indicators.yaml", SUCCESSOR)
    write(target, "tasks.yaml", TASKS)
    return target


def codes(cli: Run, directory: Path) -> list[tuple[str, int, str]]:
    result = cli("validate", "--data", str(directory), "--format", "json")
    assert result.exit_code == 1
    return [(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(result.stdout)]


# --- units ---------------------------------------------------------------------------------------


def test_a_successor_plan_with_its_own_units_validates(cli: Run, successor: Path) -> None:
    result = cli("validate", "--data", str(successor))
    assert result.exit_code == 0, result.output
    plan = load(successor)
    assert plan.years == range(2026, 2031)
    density = plan.unit(plan.indicator("density"))
    assert (density.name, density.name_en, density.whole, density.high) == (
        "件每万人",
        "per 10,000 people",
        False,
        1000,
    )
    # the plan narrows the library's 分 to 0-100; the library's 万件 is used as it is
    assert plan.unit(plan.indicator("satisfaction")).high == 100
    assert plan.unit(plan.indicator("filings")).name_en == "10,000 items"


def test_values_are_checked_against_the_plans_own_units(cli: Run, successor: Path) -> None:
    before = snapshot(successor)
    refused = cli("record", "2026", "satisfaction", "101", "--data", str(successor))
    assert refused.exit_code == 1
    assert refused.stderr == "错误：社会满意度的单位是分，数值 101 超出允许范围 0–100。\n"
    whole = cli("record", "2026", "trained", "12.5", "--data", str(successor), "--lang", "en")
    assert whole.exit_code == 1
    assert (
        "Patent attorneys trained counts person-times, so it takes a whole number" in whole.stderr
    )
    other = cli("record", "2026", "filings", "130件", "--data", str(successor))
    assert other.exit_code == 1
    assert "带有单位 件，但该指标的单位是 万件" in other.stderr
    assert snapshot(successor) == before

    # the indicator's own unit, typed after the value, is accepted (万件 is not read as 件)
    done = cli("record", "2026", "filings", "130万件", "--data", str(successor))
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("已记录：代理发明专利申请量 2026 年 = 130 万件\n")
    done = cli("record", "2026", "density", "15件/万人", "--data", str(successor))
    assert done.exit_code == 0, done.output
    plan = load(successor)
    assert [(a.year, a.value) for a in plan.actuals["filings"]] == [(2026, 130)]
    assert [(a.year, a.value) for a in plan.actuals["density"]] == [(2026, 15)]


def test_a_value_not_understood_shows_forms_of_its_own_unit(cli: Run, successor: Path) -> None:
    result = cli("record", "2026", "trained", "abc", "--data", str(successor))
    assert result.exit_code == 1
    assert "可接受的写法如 1200、1,200、1.2万、1200人次" in result.stderr
    # a count of the library reads 万 as people do; 万 has no one meaning in 万件
    assert cli("record", "2026", "trained", "1.2万", "--data", str(successor)).exit_code == 0
    assert load(successor).actuals["trained"][0].value == 12000
    result = cli("record", "2026", "filings", "3万", "--data", str(successor), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.endswith("accepted forms are 80.5, 80.5万件\n")


def test_an_unknown_unit_is_a_problem_at_its_line_with_a_suggestion(
    cli: Run, successor: Path
) -> None:
    text = (successor / "indicators.yaml").read_text(encoding="utf-8")
    (successor / "indicators.yaml").write_text(text.replace("unit: 万件", "unit: 万牛"), "utf-8")
    assert codes(cli, successor) == [("indicators.yaml", 24, "unknown-unit")]
    result = cli("validate", "--data", str(successor), "--lang", "en")
    assert "unknown unit 万牛 (Did you mean: 万元, 万件, 万人?)" in result.stderr
    assert "declare it under units: in indicators.yaml" in result.stderr


def test_declared_units_are_checked(cli: Run, successor: Path) -> None:
    text = (successor / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    whole: false\n    max: 1000\n", "    whole: false\n    min: 5\n    max: 5\n"
    )
    text = text.replace(
        "  - symbol: 分\n",
        "  - symbol: 件/万人\n    name_en: again\n    whole: true\n  - symbol: 分\n",
    )
    text = text.replace(
        "    name_en: points\n    whole: false\n", "    name_en: points\n    whole: maybe\n"
    )
    (successor / "indicators.yaml").write_text(text, "utf-8")
    assert codes(cli, successor) == [
        ("indicators.yaml", 15, "invalid-unit-range"),
        ("indicators.yaml", 16, "duplicate-unit"),
        ("indicators.yaml", 21, "wrong-type"),
    ]


@pytest.mark.parametrize("symbol", ["2件", "万 件", "-件", ""])
def test_a_unit_symbol_holds_no_digit_space_or_sign(cli: Run, successor: Path, symbol: str) -> None:
    """A digit, space or sign in a symbol would make "2件" after a value mean two things."""
    text = (successor / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("symbol: 件/万人", f'symbol: "{symbol}"')
    (successor / "indicators.yaml").write_text(text.replace("unit: 件/万人", "unit: 个"), "utf-8")
    assert codes(cli, successor) == [("indicators.yaml", 10, "invalid-id")]


# --- years -----------------------------------------------------------------------------------


def test_any_years_within_sane_limits(cli: Run, successor: Path) -> None:
    text = (successor / "indicators.yaml").read_text(encoding="utf-8")
    (successor / "indicators.yaml").write_text(
        text.replace("target_year: 2030", "target_year: 20300"), "utf-8"
    )
    assert ("indicators.yaml", 8, "implausible-year") in codes(cli, successor)
    result = cli("validate", "--data", str(successor))
    assert "20300 年不像计划的年份；计划年份须在 1900–2200 之间" in result.stderr


def test_a_years_outside_the_successor_plan_names_its_years(cli: Run, successor: Path) -> None:
    result = cli("record", "2025", "filings", "125", "--data", str(successor))
    assert result.exit_code == 1
    assert "2025 年是基线年" in result.stderr
    result = cli("record", "2031", "filings", "125", "--data", str(successor), "--lang", "en")
    assert result.exit_code == 1
    assert "actuals are recorded for 2026-2030" in result.stderr
    result = cli("status", "--as-of", "2024", "--data", str(successor))
    assert result.exit_code == 1
    assert "2026–2030" in result.stderr


def test_help_speaks_of_the_plan_not_of_one_plans_years(cli: Run) -> None:
    for lang in ("zh", "en"):
        result = cli("--help", "--lang", lang)
        assert result.exit_code == 0
        assert "2022" not in result.stdout and "2025" not in result.stdout
    import ipplan

    assert "2022" not in (ipplan.__doc__ or "")
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    description = next(line for line in pyproject.splitlines() if line.startswith("description"))
    assert "2022" not in description and "plan" in description


def test_the_shipped_plan_uses_only_the_five_default_units() -> None:
    from ipplan.units import DEFAULTS
    from tests.conftest import SHIPPED

    plan = load(SHIPPED)
    assert {ind.unit for ind in plan.indicators} == {u.symbol for u in DEFAULTS}
    assert [(u.symbol, u.whole, u.low, u.high) for u in DEFAULTS] == [
        ("人", True, 0, None),
        ("家", True, 0, None),
        ("%", False, 0, 100),
        ("‰", False, 0, 1000),
        ("亿元", False, 0, None),
    ]


# --- cumulative indicators ---------------------------------------------------------------------


def record_training(cli: Run, successor: Path) -> None:
    """11000, 13000, nothing for 2028, 12500: the first amount is far below the previous
    period's total of 40000, and is still accepted, since a total is no year's amount."""
    for year, value in (("2026", "11000"), ("2027", "13000"), ("2029", "12500")):
        result = cli("record", year, "trained", value, "--data", str(successor))
        assert result.exit_code == 0, result.output


def row_of(cli: Run, successor: Path, key: str, *args: str) -> dict[str, Any]:
    result = cli("status", "--json", "--data", str(successor), *args)
    assert result.exit_code == 0, result.output
    rows = {row["key"]: row for row in json.loads(result.stdout)["indicators"]}
    return rows[key]


def test_a_cumulative_indicator_is_assessed_on_its_running_total(cli: Run, successor: Path) -> None:
    record_training(cli, successor)
    row = row_of(cli, successor, "trained")
    # X_t = 11000 + 13000 + 12500 = 36500 (2028 not reported, not zero); x0 = 0 at 2025
    assert row["accumulate"] == "sum"
    assert row["latest"] == {"year": 2029, "value": 12500}
    assert row["total"] == {"year": 2029, "value": 36500}
    assert row["missing_years"] == [2028]
    assert row["baseline"] == {"year": 2025, "value": 40000}  # the previous period's, shown only
    assert row["progress"] == 0.6083  # 36500 / 60000 to RATIO_DECIMALS
    assert row["time_elapsed"] == pytest.approx(0.8)  # (2029 - 2025) / (2030 - 2025)
    assert row["pace"] == 0.7604  # 0.6083333 / 0.8
    assert row["status"] == "needs_acceleration"
    assert row["gap"] == 23500
    assert row["required_per_year"] == 23500  # 23500 / (2030 - 2029)
    # the compound method does not apply; projections use the yearly average of years reported
    assert (row["pace_cagr"], row["status_cagr"], row["cagr_observed"]) == (None, None, None)
    assert row["projection"] == {"linear": pytest.approx(36500 + 36500 / 3), "cagr": None}
    assert row["observed_per_year"] == pytest.approx(12166.667, abs=1e-3)
    assert row["acceleration_factor"] == 1.9315  # 23500 / (36500 / 3)
    assert row["expected"] == {"year": 2029, "value": 48000, "milestone": False}  # 4/5 of 60000


def test_a_cumulative_indicator_as_of_a_year(cli: Run, successor: Path) -> None:
    record_training(cli, successor)
    row = row_of(cli, successor, "trained", "--as-of", "2027")
    # 24000 of 60000 in 2 of 5 years: P = 0.4, tau = 0.4, R = 1.0
    assert row["total"] == {"year": 2027, "value": 24000}
    assert row["latest"] == {"year": 2027, "value": 13000}
    assert row["missing_years"] == []
    assert (row["progress"], row["time_elapsed"]) == (pytest.approx(0.4), pytest.approx(0.4))
    assert row["pace"] == pytest.approx(1.0)
    assert row["status"] == "on_track"
    assert (row["gap"], row["required_per_year"]) == (36000, 12000)
    assert row["projection"]["linear"] == pytest.approx(60000)  # 24000 + 12000 x 3
    assert row["acceleration_factor"] == pytest.approx(1.0)
    # and before anything was reported
    assert row_of(cli, successor, "trained", "--as-of", "2026")["total"] == {
        "year": 2026,
        "value": 11000,
    }


def test_a_cumulative_target_reached_is_achieved(cli: Run, successor: Path) -> None:
    for year, value in (("2026", "30000"), ("2027", "30000")):
        assert (
            cli(
                "record", year, "trained", value, "--accept-jump", "--data", str(successor)
            ).exit_code
            == 0
        )
    row = row_of(cli, successor, "trained")
    assert row["total"] == {"year": 2027, "value": 60000}
    assert row["status"] == "achieved"


def test_show_works_a_cumulative_indicator_step_by_step(cli: Run, successor: Path) -> None:
    record_training(cli, successor)
    result = cli("show", "trained", "--json", "--data", str(successor))
    view = json.loads(result.stdout)
    steps = {step["name"]: step for step in view["steps"]}
    assert list(steps) == [
        "total",
        "progress",
        "time_elapsed",
        "pace",
        "status",
        "gap",
        "required_per_year",
        "observed_per_year",
        "projection_linear",
        "acceleration_factor",
    ]
    assert steps["total"]["working"] == "11000 + 13000 + 12500"
    assert steps["total"]["result"] == 36500
    assert steps["progress"]["formula"] == "P = X_t / x*"
    assert steps["observed_per_year"]["working"] == "36500 / 3"
    assert view["origin"] == {"year": 2025, "value": 0}
    path = {p["year"]: (p["linear"], p["actual"], p["total"], p["deviation"]) for p in view["path"]}
    assert path == {
        2025: (0, None, 0, 0),
        2026: (12000, 11000, 11000, -1000),
        2027: (24000, 13000, 24000, 0),
        2028: (36000, None, None, None),
        2029: (48000, 12500, 36500, -11500),
        2030: (60000, None, None, None),
    }

    shown = cli("show", "trained", "--data", str(successor)).stdout
    assert "累计指标：每年的实际值为当年完成量，目标为 2026–2030 年合计" in shown
    assert "基线：40000 (2025) 上一期合计（仅供参考）" in shown
    assert "累计值：X_t = Σ x_y (t0 < y ≤ t) = 11000 + 13000 + 12500 = 36500 人次" in shown
    assert "未报送年份：2028（不计为零）" in shown
    assert "复合增长方法不适用于累计指标" in shown
    english = cli("show", "trained", "--data", str(successor), "--lang", "en").stdout
    assert "years not reported: 2028 (never counted as zero)" in english
    assert "Yearly average of the years reported: v = X_t / n = 36500 / 3" in english


def test_status_marks_cumulative_and_binding_indicators(
    cli: Run, successor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_training(cli, successor)
    assert cli("record", "2027", "density", "15.5", "--data", str(successor)).exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli("status", "--data", str(successor)).stdout
    lines = shown.splitlines()
    assert any("◆每万人口高价值发明专利拥有量" in line and "需加快" in line for line in lines)
    assert any("专利代理师培训" in line and "Σ36500 (2029)" in line for line in lines)
    assert "◆ 约束性指标" in lines
    assert "Σ 累计指标：显示 2026 年起的累计值" in lines
    assert "3 专利代理师培训：2028 年未报送，不计为零，累计值只含已报送年份" in lines
    assert max(len(line) for line in lines) <= 80
    english = cli("status", "--data", str(successor), "--lang", "en").stdout
    assert "◆ binding indicator" in english and "Σ cumulative" in english


def test_status_and_every_report_explain_their_marks_in_the_same_lines(
    cli: Run, successor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One note of the marks (render.sentences.marks) under the status table and under a
    report's, in both languages; it was written twice, once for each."""
    record_training(cli, successor)
    monkeypatch.setenv("COLUMNS", "200")
    for lang, expected in (
        (
            "zh",
            [
                "◆ 约束性指标",
                "Σ 累计指标：显示 2026 年起的累计值",
                "3 专利代理师培训：2028 年未报送，不计为零，累计值只含已报送年份",
            ],
        ),
        (
            "en",
            [
                "◆ binding indicator",
                "Σ cumulative: the running total since 2026",
                "3 Patent attorneys trained: 2028 not reported; counted as not reported, "
                "never as zero",
            ],
        ),
    ):
        status = cli("status", "--data", str(successor), "--lang", lang).stdout.splitlines()
        assert [line for line in status if line in expected] == expected
        report = cli("report", "--format", "md", "--data", str(successor), "--lang", lang)
        lines = [line.rstrip() for line in report.stdout.splitlines()]
        first = lines.index(expected[0])
        assert lines[first : first + 3] == expected


def test_a_cumulative_indicator_must_increase(cli: Run, successor: Path) -> None:
    text = (successor / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    accumulate: sum\n    direction: increase",
        "    accumulate: sum\n    direction: decrease",
    )
    (successor / "indicators.yaml").write_text(text, "utf-8")
    assert codes(cli, successor) == [("indicators.yaml", 43, "cumulative-direction")]


# --- binding indicators ------------------------------------------------------------------------


def test_binding_indicators_stand_out_in_every_output(cli: Run, successor: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    record_training(cli, successor)
    assert cli("record", "2027", "density", "15.5", "--data", str(successor)).exit_code == 0
    row = row_of(cli, successor, "density")
    assert (row["binding"], row["status"]) == (True, "needs_acceleration")
    assert row_of(cli, successor, "filings")["binding"] is False
    # 15.5 against 14 -> 20 in 2 of 5 years: P = 0.25, tau = 0.4, R = 0.625
    assert row["pace"] == pytest.approx(0.625)

    recorded = cli("record", "2026", "density", "15", "--data", str(successor)).stdout
    assert "2 ◆每万人口高价值发明专利拥有量：15.5 (2027)" in recorded

    shown = cli("show", "density", "--data", str(successor)).stdout
    assert shown.splitlines()[0].endswith("◆ 约束性指标")

    md = cli("report", "-f", "md", "--data", str(successor)).stdout
    assert "| 2 | ◆每万人口高价值发明专利拥有量 | 件/万人 | 14 | 15.5 (2027) |" in md
    assert "| 3 | 专利代理师培训 | 人次 | 40000 | Σ36500 (2029) | 60000 | 60.8% |" in md
    assert "### 2. ◆每万人口高价值发明专利拥有量 (件/万人)" in md
    assert "◆ 约束性指标" in md

    html = cli("report", "-f", "html", "--data", str(successor), "--lang", "en").stdout
    assert '<p class="binding">◆ binding indicator</p>' in html

    text = cli("report", "-f", "csv", "--lang", "en", "--data", str(successor)).stdout
    rows = {
        (r["key"], r["year"]): r for r in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    }
    assert rows["density", "2027"]["kind"] == "binding indicator"
    assert rows["filings", "2027"]["kind"] == "indicative indicator"
    assert (rows["trained", "2029"]["value"], rows["trained", "2029"]["total"]) == (
        "12500",
        "36500",
    )
    assert (rows["trained", "2028"]["value"], rows["trained", "2028"]["total"]) == ("", "")
    assert rows["trained", "2027"]["measured as"] == "cumulative"
    # the plan's baseline of a cumulative indicator is the previous period's total, as written
    assert (rows["trained", "2027"]["baseline"], rows["trained", "2027"]["target"]) == (
        "40000",
        "60000",
    )

    out = successor.parent / "tracking.xlsx"
    assert cli("report", "-o", str(out), "--data", str(successor)).exit_code == 0
    sheet = load_workbook(out)["指标"]
    header = [c.value for c in sheet[1]]
    by_key = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    assert (by_key["density"]["属性"], by_key["density"]["计量方式"]) == ("约束性指标", "年末值")
    assert (by_key["filings"]["属性"], by_key["trained"]["计量方式"]) == ("预期性指标", "累计")
    # a cumulative row holds running totals beside its path of totals
    trained = by_key["trained"]
    assert (trained["实际 2027"], trained["计划 2027"], trained["实际 2028"]) == (
        24000,
        24000,
        None,
    )


# --- ipplan new --------------------------------------------------------------------------------

TITLE = '专利代理行业发展规划（2026-2030年）: "草案" #1'


def uncomment_examples(directory: Path) -> None:
    """What the files tell a person to do: delete [] and the '# ' before the examples' lines."""
    for name in ("indicators.yaml", "tasks.yaml"):
        path = directory / name
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^(units|indicators|areas|actions): \[\]$", r"\1:", text)
        text = re.sub(r"(?m)^# (  .*)$", r"\1", text)
        path.write_text(re.sub(r"(?m)^#$", "", text), encoding="utf-8")


def test_new_writes_an_empty_plan_that_validates(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "plans" / "2026-2030"
    result = cli("new", str(target), "--title", TITLE, "--years", "2026-2030")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"已在 {target} 创建新计划（2026–2030 年，基线年 2025）。")
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()) == [
        ".gitignore",
        "indicators.yaml",
        *sorted(f"schema/{name}.schema.json" for name in schema.FILE_MODELS),
        "tasks.yaml",
    ]
    for name in ("indicators", "tasks"):
        first = (target / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json"
    assert (target / ".gitignore").read_text(encoding="utf-8") == layout.GITIGNORE
    assert cli("validate", "--data", str(target)).exit_code == 0
    plan = load(target)
    assert plan.info.title == TITLE  # quotes, a colon and a hash read back as typed
    assert (plan.info.baseline_year, plan.info.target_year) == (2025, 2030)
    assert plan.years == range(2026, 2031)
    assert (plan.indicators, plan.actions) == ((), ())
    assert plan.info.title_en is None and plan.info.issuer is None
    english = cli("status", "--data", str(target), "--lang", "en")
    assert english.exit_code == 0 and TITLE in english.stdout  # no English title: the title
    assert "The plan has no indicators yet: write them in indicators.yaml" in english.stdout


def test_new_plans_examples_validate_once_uncommented(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "next"
    args = ("--title-en", "Next plan", "--issuer", "协会", "--issuer-en", "Association")
    assert (
        cli("new", str(target), "--title", "下一期规划", "--years", "2026-2030", *args).exit_code
        == 0
    )
    uncomment_examples(target)
    result = cli("validate", "--data", str(target))
    assert result.exit_code == 0, result.output
    plan = load(target)
    assert plan.info.title_en == "Next plan" and plan.info.issuer_en == "Association"
    kinds = {i.key: (i.unit, i.binding, i.accumulate) for i in plan.indicators}
    assert kinds == {
        "practitioners": ("人", False, None),
        "complaint_rate": ("‰", True, None),
        "trained": ("人次", False, "sum"),
    }
    assert "件/万人" in plan.units  # the example unit, declared
    assert [a.id for a in plan.actions] == ["training"]
    assert cli("record", "2026", "trained", "9000", "--data", str(target)).exit_code == 0
    row = row_of(cli, target, "trained")
    assert (row["total"], row["progress"]) == ({"year": 2026, "value": 9000}, 0.15)


@pytest.mark.parametrize("years", ["2026～2030", "２０２６至２０３０年", " 2026 – 2030 "])
def test_new_reads_the_years_as_people_write_them(cli: Run, tmp_path: Path, years: str) -> None:
    assert cli("new", str(tmp_path / "p"), "--title", "规划", "--years", years).exit_code == 0
    assert load(tmp_path / "p").years == range(2026, 2031)


@pytest.mark.parametrize("years", ["2030-2026", "2026", "20260-2030", "1800-1805", "2026-2301"])
def test_new_refuses_years_that_are_not_a_plans(cli: Run, tmp_path: Path, years: str) -> None:
    result = cli("new", str(tmp_path / "p"), "--title", "规划", "--years", years)
    assert result.exit_code == 2
    assert result.stderr == (
        f"错误：“{years}”不是计划的年份范围；请写首年和末年，如 2026-2030（1901–2200 之间）。\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites(cli: Run, tmp_path: Path, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = cli("new", str(plan_dir), "--title", "规划", "--years", "2026-2030", "--lang", "en")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {plan_dir} already exists and is left untouched; choose a new directory\n"
    )
    assert snapshot(plan_dir) == before
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep", encoding="utf-8")
    assert cli("new", str(a_file), "--title", "规划", "--years", "2026-2030").exit_code == 1
    assert a_file.read_text(encoding="utf-8") == "keep"
    # an empty directory is filled
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("new", str(empty), "--title", "规划", "--years", "2026-2030").exit_code == 0
    assert (empty / "indicators.yaml").is_file()


def test_new_is_all_or_nothing(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(directory: Path) -> list[Path]:
        (directory).mkdir()
        (directory / "indicators.schema.json").write_text("{", encoding="utf-8")
        raise DataNotWritable(path=str(directory), detail="No space left on device")

    monkeypatch.setattr(schemas, "write_schemas", full_disk)
    target = tmp_path / "deep" / "er" / "plan"
    result = cli("new", str(target), "--title", "规划", "--years", "2026-2030")
    assert result.exit_code == 1
    assert "磁盘已满" in result.stderr  # what the system said, in Chinese
    assert list(tmp_path.iterdir()) == []  # no plan, no half-written directory, no parents


def test_new_refuses_control_characters_and_an_empty_title(cli: Run, tmp_path: Path) -> None:
    result = cli("new", str(tmp_path / "p"), "--title", "规划\x1b[2J", "--years", "2026-2030")
    assert result.exit_code == 1
    assert "--title 含有终端控制字符 U+001B" in result.stderr
    for blank in ("  ", "\u200b", "\u3000"):
        result = cli("new", str(tmp_path / "p"), "--title", blank, "--years", "2026-2030")
        assert result.exit_code == 2
        assert result.stderr == "错误：--title 不能为空；请写出计划的名称。\n"
    assert list(tmp_path.iterdir()) == []


def test_a_cumulative_indicator_without_a_baseline_works_after_its_target_year(
    cli: Run, successor: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example `ipplan new` writes: a cumulative indicator with `baseline: null`. It counts
    from the plan's baseline year, in every command, once the target year has ended too (the
    overview and the final evaluation once crashed on it)."""
    indicators = successor / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            "    baseline: {year: 2025, value: 40000}  # the previous plan's five-year total\n",
            "    baseline: null\n",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("IPPLAN_TODAY", "2027-01-05")
    assert cli("record", "2026", "trained", "11000", "--data", str(successor)).exit_code == 0
    monkeypatch.setenv("IPPLAN_TODAY", "2031-12-07")  # the plan's target year has ended
    row = row_of(cli, successor, "trained")
    # 11000 of 60000 counted from zero at 2025, reported for 2026 only: missed at 2031
    assert row["baseline"] is None
    assert row["total"] == {"year": 2026, "value": 11000}
    assert row["progress"] == 0.1833  # 11000 / 60000 to RATIO_DECIMALS
    assert row["time_elapsed"] == pytest.approx(0.2)  # (2026 - 2025) / (2030 - 2025)
    assert row["gap"] == 49000
    data = ["--data", str(successor)]
    show = json.loads(cli("show", "trained", "--json", *data).stdout)
    assert show["total"] == {"year": 2026, "value": 11000}
    overview = cli("overview", "--json", *data)
    assert overview.exit_code == 0, overview.output
    assert json.loads(overview.stdout)["plans"][0]["indicators"] == 4
    report = cli("report", "--format", "json", "-o", "-", *data)
    assert report.exit_code == 0, report.output
    site = cli("site", str(tmp_path / "public"), *data)
    assert site.exit_code == 0, site.output
    assert (tmp_path / "public" / "index.html").is_file()
