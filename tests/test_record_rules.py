"""Recording as people do it: a source or note added to a figure already recorded, and the
slipped-digit guard that stops x10 and /10 but lets real figures through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot


def test_a_source_added_to_the_same_value_needs_no_force_and_keeps_the_earlier(
    cli: Run, plan_dir: Path
) -> None:
    data = ("--data", str(plan_dir))
    assert cli("record", "2022", "1", "31347", "--source", "初报", *data).exit_code == 0
    first = load(plan_dir).actuals["practitioners"][0]

    noted = cli("record", "2022", "1", "31347", "--note", "截至2022年底", *data)
    assert noted.exit_code == 0, noted.stderr
    assert noted.stdout.startswith("已记录：执业专利代理师人数 2022 年 = 31347 人（数值未变")
    actual = load(plan_dir).actuals["practitioners"][0]
    # the source not given is kept, the note is added, the earlier entry is in history
    assert (actual.value, actual.source, actual.note) == (31347, "初报", "截至2022年底")
    assert [(h.value, h.source, h.note, h.recorded) for h in actual.history] == [
        (31347, "初报", None, first.recorded)
    ]
    assert actual.recorded is not None and first.recorded is not None
    assert actual.recorded > first.recorded

    sourced = cli("record", "2022", "1", "31347", "--source", "国家知识产权局", "--json", *data)
    assert sourced.exit_code == 0
    out = json.loads(sourced.stdout)
    assert out["unchanged"] is False and out["replaced"] == 31347
    assert out["recorded"]["source"] == "国家知识产权局"
    assert out["recorded"]["note"] == "截至2022年底"
    actual = load(plan_dir).actuals["practitioners"][0]
    assert [(h.source, h.note) for h in actual.history] == [
        ("初报", None),
        ("初报", "截至2022年底"),
    ]

    # the same source and note again changes nothing
    before = snapshot(plan_dir)
    again = cli("record", "2022", "1", "31347", "--source", "国家知识产权局", *data)
    assert again.exit_code == 0 and "未作改动" in again.stdout
    assert snapshot(plan_dir) == before

    # and undo brings the earlier metadata back
    assert cli("undo", *data).exit_code == 0
    actual = load(plan_dir).actuals["practitioners"][0]
    assert (actual.source, actual.note) == ("初报", "截至2022年底")


def test_metadata_on_the_same_value_in_english(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir), "--lang", "en")
    cli("record", "2023", "practitioners", "34396", *data)
    result = cli("record", "2023", "practitioners", "34396", "--source", "CNIPA 2023", *data)
    assert result.exit_code == 0
    assert result.stdout.startswith("Recorded: Practising patent attorneys 2023 = 34396")
    assert "(the value is unchanged; the earlier source and note are kept in its history)" in (
        result.stdout
    )


def test_a_different_value_still_needs_force(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    cli("record", "2022", "1", "31347", *data)
    before = snapshot(plan_dir)
    result = cli("record", "2022", "1", "31348", "--source", "新来源", *data)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert snapshot(plan_dir) == before


# --- the slipped-digit guard ------------------------------------------------------------------


def test_real_growth_on_the_plans_path_is_accepted(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    assert cli("record", "2023", "international_talent", "60", *data).exit_code == 0
    # +83 %: the plan needs 60 -> 200 by 2025, so its path from 60 reaches 130 in 2024
    result = cli("record", "2024", "international_talent", "110", *data)
    assert result.exit_code == 0, result.stderr
    assert [a.value for a in load(plan_dir).actuals["international_talent"]] == [60, 110]


def test_a_digit_typed_twice_or_left_out_is_still_caught(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    cli("record", "2023", "international_talent", "60", *data)
    before = snapshot(plan_dir)
    for typed in ("600", "1100", "6", "11"):
        result = cli("record", "2024", "international_talent", typed, *data)
        assert result.exit_code == 1, typed
        assert "implausible" not in result.stderr  # the code stays out of the sentence
        assert "不在可接受的范围 30–195 内" in result.stderr
        assert "按计划路径 2024 年应达的 130" in result.stderr
    assert snapshot(plan_dir) == before
    for key, before_value, slipped in (
        ("practitioners", "34396", "343960"),
        ("practitioners", "34396", "3439"),
        ("complaint_rate", "2.6", "26"),
        ("complaint_rate", "2.6", "0.26"),
        ("revenue", "462.6", "4626"),
        ("revenue", "462.6", "46.26"),
    ):
        assert cli("record", "2023", key, before_value, "--force", *data).exit_code == 0
        assert cli("record", "2024", key, slipped, *data).exit_code == 1, (key, slipped)


def test_the_refusal_names_the_accepted_range(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir), "--lang", "en")
    cli("record", "2023", "practitioners", "34396", *data)
    result = cli("record", "2024", "practitioners", "343960", *data)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Practising patent attorneys: 343960 for 2024 is +900% against 34396 for 2023, "
        "outside the accepted range 17198-55797 (34396 for 2023 and the plan's path, 37198 by "
        "2024, each ±50%); is a digit missing or extra? If the value is right, run again with "
        "--accept-jump\n"
    )


def test_the_plausible_range_of_negative_values_widens_outward(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2031-01-01")  # every year of the plan has ended
    plan = tmp_path / "u"
    assert cli("new", str(plan), "--title", "测试", "--years", "2026-2030").exit_code == 0
    (plan / "indicators.yaml").write_text(
        "plan:\n"
        "  title: 测试\n"
        "  baseline_year: 2025\n"
        "  target_year: 2030\n"
        "units:\n"
        "  - {symbol: X, name_en: x, whole: false, min: -10}\n"
        "indicators:\n"
        "  - key: balance\n"
        "    number: 1\n"
        "    name: 差额\n"
        "    name_en: Balance\n"
        "    unit: X\n"
        "    direction: increase\n"
        "    baseline: {year: 2025, value: -5}\n"
        "    target: {year: 2030, value: 10}\n",
        encoding="utf-8",
    )
    data = ("--data", str(plan))
    # -5 in 2025, the path reaching -2 in 2026: -3 lies between them
    recorded = cli("record", "2026", "balance", "-3", *data)
    assert recorded.exit_code == 0, recorded.stderr
    refused = cli("record", "2027", "balance", "-9", *data, "--lang", "en")
    assert refused.exit_code == 1
    # -3 and the path's 0.25 for 2027, each widened outward by half its size, low to high
    assert "accepted range -4.5-0.37 (" in refused.stderr, refused.stderr
