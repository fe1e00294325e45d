"""Any plan: a successor plan for 2026-2030 with units of its own, a cumulative indicator and a
binding one, every number worked out by hand in the comments beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    assert refused.stderr == "错误：satisfaction 的单位是 分，数值 101 超出允许范围 0–100。\n"
    whole = cli("record", "2026", "trained", "12.5", "--data", str(successor), "--lang", "en")
    assert whole.exit_code == 1
    assert "trained counts 人次, so it takes a whole number" in whole.stderr
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
        ("indicators.yaml", 14, "invalid-unit-range"),
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
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
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
