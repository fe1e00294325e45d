"""A typo in one file is one problem, where it is: it does not cascade into the other files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def recorded(cli: Run, plan_dir: Path) -> Path:
    data = ("--data", str(plan_dir))
    assert cli("record", "2022", "practitioners", "31347", *data).exit_code == 0
    assert cli("record", "2023", "revenue", "462.6", *data).exit_code == 0
    return plan_dir


def misspell(plan_dir: Path, old: str, new: str) -> int:
    """Replace the first line ``old`` of indicators.yaml with ``new``; its line number."""
    path = plan_dir / "indicators.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.rstrip("\n") == old)
    lines[at] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1


def test_a_misspelled_field_is_one_problem_naming_the_field_meant(cli: Run, recorded: Path) -> None:
    line = misspell(recorded, "    unit: 人", "    uint: 人")
    result = cli("validate", "--data", str(recorded))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()[:-1]
    assert problems == [
        f"{recorded}/indicators.yaml:{line}: unknown-field: "
        "未知字段 indicators.0.uint（您是否想输入：unit？）"
    ]
    assert result.stderr.splitlines()[-1] == "发现 1 个问题。"
    english = cli("validate", "--data", str(recorded), "--lang", "en", "--json")
    assert english.exit_code == 1
    assert '"code": "unknown-field"' in english.stdout
    assert "Did you mean: unit?" in english.stdout
    assert "unknown-indicator" not in english.stdout and "missing-field" not in english.stdout


def test_a_misspelled_key_does_not_make_its_uses_unknown(cli: Run, recorded: Path) -> None:
    line = misspell(recorded, "  - key: practitioners", "  - kye: practitioners")
    result = cli("validate", "--data", str(recorded))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{recorded}/indicators.yaml:{line}: unknown-field: "
        "未知字段 indicators.0.kye（您是否想输入：key？）"
    ]
    # a command that loads the plan says the same, and nothing else
    status = cli("status", "--data", str(recorded))
    assert status.exit_code == 1
    assert "unknown-indicator" not in status.stderr and "indicators.0.kye" in status.stderr


def test_an_unrelated_unknown_field_still_says_both(cli: Run, recorded: Path) -> None:
    # "colour" is nothing like any required field: both problems are real and both are told
    misspell(recorded, "    unit: 人", "    colour: 人")
    result = cli("validate", "--data", str(recorded))
    codes = [line.split(": ")[1] for line in result.stderr.splitlines()[:-1]]
    assert sorted(codes) == ["missing-field", "unknown-field"]


def test_a_truly_unknown_indicator_is_still_reported(cli: Run, recorded: Path) -> None:
    actuals = recorded / "actuals.yaml"
    if actuals.exists():  # one file of actuals
        text = actuals.read_text(encoding="utf-8").replace("  revenue:", "  revenu:")
        actuals.write_text(text, encoding="utf-8")
    else:  # a directory per indicator
        (recorded / "actuals" / "revenue").rename(recorded / "actuals" / "revenu")
    result = cli("validate", "--data", str(recorded))
    assert result.exit_code == 1
    assert "unknown-indicator: 未知指标 revenu" in result.stderr
