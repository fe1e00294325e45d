"""Each confirmation says one thing: --force replaces a recorded value, --accept-jump accepts a
value the slipped-digit rule questions; a year that has not ended has no year-end figure; the
first figure of an indicator without a baseline is judged against its target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot


def test_force_replaces_a_value_but_does_not_accept_a_slipped_digit(
    cli: Run, plan_dir: Path
) -> None:
    data = ("--data", str(plan_dir), "--lang", "en")
    assert cli("record", "2024", "practitioners", "41600", *data).exit_code == 0
    before = snapshot(plan_dir)
    refused = cli("record", "2024", "practitioners", "416000", "--force", *data)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: Practising patent attorneys: 416000 for 2024 is +1451% against 26829 for "
        "2021, outside the accepted range 13415-55060 (26829 for 2021 and the plan's path, "
        "36707.25 by 2024, each ±50%); is a digit missing or extra? If the value is right, run "
        "again with --accept-jump\n"
    )
    assert snapshot(plan_dir) == before
    accepted = cli("record", "2024", "practitioners", "416000", "--force", "--accept-jump", *data)
    assert accepted.exit_code == 0, accepted.stderr
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [416000]


def test_accept_jump_alone_does_not_replace_a_recorded_value(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir), "--lang", "en")
    assert cli("record", "2024", "practitioners", "41600", *data).exit_code == 0
    before = snapshot(plan_dir)
    refused = cli("record", "2024", "practitioners", "416000", "--accept-jump", *data)
    assert refused.exit_code == 1
    assert "add --force" in refused.stderr
    assert snapshot(plan_dir) == before


def test_import_needs_accept_jump_for_a_slipped_digit_even_with_force(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    data = ("--data", str(plan_dir))
    assert cli("record", "2024", "practitioners", "41600", *data).exit_code == 0
    csv = tmp_path / "values.csv"
    csv.write_text("key,year,value\npractitioners,2024,416000\n", encoding="utf-8")
    before = snapshot(plan_dir)
    refused = cli("import", str(csv), "--force", *data)
    assert refused.exit_code == 1
    assert "values.csv:2: implausible-change: " in refused.stderr
    assert "请加 --accept-jump 重新运行" in refused.stderr
    assert snapshot(plan_dir) == before
    done = cli("import", str(csv), "--force", "--accept-jump", "--json", *data)
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["replaced"] == 1
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [416000]


def _later_plan(cli: Run, tmp_path: Path) -> Path:
    plan = tmp_path / "later"
    assert cli("new", str(plan), "--title", "测试", "--years", "2026-2030").exit_code == 0
    (plan / "indicators.yaml").write_text(
        "plan:\n"
        "  title: 测试\n"
        "  baseline_year: 2025\n"
        "  target_year: 2030\n"
        "indicators:\n"
        "  - key: cases\n"
        "    number: 1\n"
        "    name: 案件数\n"
        "    name_en: Cases\n"
        "    unit: 件\n"
        "    direction: increase\n"
        "    baseline: {year: 2025, value: 100}\n"
        "    target: {year: 2030, value: 200}\n",
        encoding="utf-8",
    )
    return plan


@pytest.mark.parametrize("today", ["2026-12-07", "2026-12-31"])
def test_a_year_that_has_not_ended_is_refused_with_the_day_it_ends(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str
) -> None:
    plan = _later_plan(cli, tmp_path)
    monkeypatch.setenv("IPPLAN_TODAY", today)
    before = snapshot(plan)
    refused = cli("record", "2026", "cases", "120", "--data", str(plan), "--lang", "en")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: 2026 has not ended (it ends on 2026-12-31; today is {today}), so there is no "
        "year-end figure for it yet; record it once the year has ended\n"
    )
    zh = cli("record", "2030", "cases", "200", "--data", str(plan))
    assert zh.exit_code == 1
    assert zh.stderr == (
        f"错误：2030 年尚未结束（2030-12-31 结束，今天是 {today}），还没有该年的年底值；"
        "请在该年结束后再记录。\n"
    )
    assert snapshot(plan) == before


def test_a_year_that_has_ended_is_recorded(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _later_plan(cli, tmp_path)
    monkeypatch.setenv("IPPLAN_TODAY", "2027-01-01")
    done = cli("record", "2026", "cases", "120", "--data", str(plan))
    assert done.exit_code == 0, done.stderr
    assert [a.value for a in load(plan).actuals["cases"]] == [120]


def test_import_refuses_a_year_that_has_not_ended_at_its_row(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _later_plan(cli, tmp_path)
    monkeypatch.setenv("IPPLAN_TODAY", "2027-06-30")
    csv = tmp_path / "values.csv"
    csv.write_text("key,year,value\ncases,2026,120\ncases,2027,140\n", encoding="utf-8")
    before = snapshot(plan)
    refused = cli("import", str(csv), "--force", "--accept-jump", "--data", str(plan))
    assert refused.exit_code == 1
    assert (
        f"{csv}:3: year-not-ended: 2027 年尚未结束（2027-12-31 结束，今天是 2027-06-30），"
        "还没有该年的年底值；请在该年结束后再记录。"
    ) in refused.stderr
    assert ":2:" not in refused.stderr
    assert snapshot(plan) == before


def test_the_first_figure_without_a_baseline_is_judged_against_the_target(
    cli: Run, plan_dir: Path
) -> None:
    data = ("--data", str(plan_dir), "--lang", "en")
    before = snapshot(plan_dir)
    refused = cli("record", "2023", "satisfaction", "0.82", *data)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: Public satisfaction with the profession: 0.82 for 2023 is the first value "
        "(there is no baseline to compare it with) and more than 10 times off the target 83 "
        "for 2025; is it a percentage written as a fraction, or a digit missing or extra? If "
        "the value is right, run again with --accept-jump\n"
    )
    assert snapshot(plan_dir) == before
    assert cli("record", "2023", "satisfaction", "80", *data).exit_code == 0
    assert [a.value for a in load(plan_dir).actuals["satisfaction"]] == [80]


def test_a_first_figure_questioned_is_recorded_with_accept_jump(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "values.csv"
    csv.write_text("key,year,value\nsatisfaction,2023,0.82\n", encoding="utf-8")
    before = snapshot(plan_dir)
    refused = cli("import", str(csv), "--data", str(plan_dir))
    assert refused.exit_code == 1
    assert "values.csv:2: implausible-first: " in refused.stderr
    assert snapshot(plan_dir) == before
    done = cli("import", str(csv), "--accept-jump", "--data", str(plan_dir))
    assert done.exit_code == 0, done.stderr
    assert [a.value for a in load(plan_dir).actuals["satisfaction"]] == [0.82]


def test_an_empty_note_or_source_clears_it_and_undo_brings_it_back(
    cli: Run, plan_dir: Path
) -> None:
    data = ("--data", str(plan_dir))
    given = ("--source", "年报", "--note", "截至年底")
    assert cli("record", "2022", "practitioners", "31347", *given, *data).exit_code == 0
    record_file = plan_dir / "actuals" / "practitioners" / "2022.yaml"
    before = record_file.read_bytes()

    cleared = cli("record", "2022", "practitioners", "31347", "--note", "", *data)
    assert cleared.exit_code == 0, cleared.stderr
    actual = load(plan_dir).actuals["practitioners"][0]
    assert (actual.value, actual.source, actual.note) == (31347, "年报", None)
    note_cleared = record_file.read_bytes()
    listed = json.loads(cli("history", "practitioners", "--json", *data).stdout)["changes"]
    assert [(c["note"], c["cleared"]) for c in listed] == [(None, ["note"]), ("截至年底", [])]
    shown = cli("history", "practitioners", *data, "--lang", "en").stdout
    assert "年报 / note cleared" in shown

    again = cli("record", "2022", "practitioners", "31347", "--note", "", *data)
    assert again.exit_code == 0 and again.stdout.startswith("执业专利代理师人数 2022 年已记录为")

    sourced = cli("record", "2022", "practitioners", "31347", "--source", "", *data)
    assert sourced.exit_code == 0, sourced.stderr
    actual = load(plan_dir).actuals["practitioners"][0]
    assert (actual.source, actual.note) == (None, None)
    assert "来源已清除" in cli("history", "practitioners", *data).stdout

    # each undo takes back the newest change: the source comes back, then (the newest change
    # being that undo) the next puts the clearing back; the note's clearing is undone the same
    assert cli("undo", *data).exit_code == 0
    assert record_file.read_bytes() == note_cleared
    assert cli("undo", *data).exit_code == 0
    assert load(plan_dir).actuals["practitioners"][0].source is None
    assert cli("undo", *data).exit_code == 0
    assert record_file.read_bytes() == note_cleared
    assert before != note_cleared
