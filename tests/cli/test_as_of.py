"""`--as-of YEAR` is exact: nothing about a later year appears in any output of any command or
report format; actions stand as their logs left them at the end of that year; every report
names the year it is as of and when it was made."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from ipplan import actions, actuals
from ipplan.action_status import Status
from ipplan.files import layout
from tests.conftest import Run, load, snapshot

UTC8 = dt.timezone(dt.timedelta(hours=8))
LATER = "LATER-2023"  # a word that only the 2023 records carry


@pytest.fixture
def recorded(plan_dir: Path) -> Path:
    """2022 and 2023 figures (2022's corrected in 2024), and an action's log over three years."""
    data_dir = layout.DataDir(plan_dir)

    def at(year: int, month: int, day: int) -> dt.datetime:
        return dt.datetime(year, month, day, 10, 0, tzinfo=UTC8)

    actuals.record(
        data_dir, load(plan_dir), 2022, "1", "31000", source="2022初报", when=at(2023, 3, 1)
    )
    actuals.record(
        data_dir,
        load(plan_dir),
        2023,
        "1",
        "34396",
        source=f"{LATER} 来源",
        note=f"{LATER} 备注",
        when=at(2024, 8, 1),
    )
    # a correction of 2022 made in 2024: the best knowledge of 2022, so it counts as of 2022
    actuals.record(
        data_dir,
        load(plan_dir),
        2022,
        "1",
        "31347",
        source="国家知识产权局2022",
        force=True,
        when=at(2024, 9, 1),
    )
    actions.update_action(
        data_dir,
        load(plan_dir),
        "talent-training",
        status=Status.in_progress,
        lead="培训部",
        note="首期轮训",
        when=at(2022, 6, 1),
    )
    actions.update_action(
        data_dir,
        load(plan_dir),
        "talent-training",
        status=Status.completed,
        note=f"{LATER} 全部完成",
        when=at(2023, 12, 31),
    )
    return plan_dir


def test_show_as_of_shows_nothing_of_a_later_year(cli: Run, recorded: Path) -> None:
    result = cli("show", "1", "--as-of", "2022", "--data", str(recorded))
    assert result.exit_code == 0
    out = result.stdout
    assert "截至 2022 年" in out
    assert LATER not in out and "34396" not in out
    assert "国家知识产权局2022" in out  # the later correction of 2022 counts
    assert "2022：31000" in out  # ... and the value it replaced is 2022's history
    assert "2023: " not in out
    assert (
        "talent-training  加大行业人才培养  推进中" in out
    )  # not yet completed at the end of 2022

    view = json.loads(cli("show", "1", "--as-of", "2022", "--json", "--data", str(recorded)).stdout)
    assert view["as_of"] == 2022
    assert [a["year"] for a in view["actuals"]] == [2022]
    assert LATER not in json.dumps(view, ensure_ascii=False)
    assert {a["id"]: a["status"] for a in view["actions"]}["talent-training"] == "in_progress"

    english = cli("show", "1", "--as-of", "2022", "--lang", "en", "--data", str(recorded))
    assert "As of 2022" in english.stdout and LATER not in english.stdout


def test_actions_stand_as_at_the_end_of_the_year(cli: Run, recorded: Path) -> None:
    def state(year: str) -> dict[str, object]:
        result = cli("task", "talent-training", "--as-of", year, "--json", "--data", str(recorded))
        assert result.exit_code == 0
        return dict(json.loads(result.stdout))

    assert state("2022")["status"] == "in_progress"
    assert state("2022")["lead"] == "培训部"
    assert [u["note"] for u in state("2022")["updates"]] == ["首期轮训"]  # type: ignore[union-attr]
    # recorded on 31 December 2023 at 10:00 (+08:00): in force at the end of 2023
    assert state("2023")["status"] == "completed"
    assert state("2025")["status"] == "completed"

    listed = cli("tasks", "--as-of", "2022", "--status", "completed", "--data", str(recorded))
    assert listed.exit_code == 0 and "没有符合条件的行动" in listed.stdout
    listed = cli("tasks", "--as-of", "2023", "--status", "completed", "--data", str(recorded))
    assert "talent-training" in listed.stdout and "截至 2023 年底" in listed.stdout

    shown = cli("task", "talent-training", "--as-of", "2022", "--data", str(recorded))
    assert "首期轮训" in shown.stdout and LATER not in shown.stdout

    refused = cli(
        "task", "talent-training", "--as-of", "2022", "--note", "x", "--data", str(recorded)
    )
    assert refused.exit_code == 2 and "--as-of" in refused.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_every_report_format_as_of_a_year_shows_nothing_later(
    cli: Run, recorded: Path, fmt: str
) -> None:
    result = cli("report", "-f", fmt, "--as-of", "2022", "--data", str(recorded))
    assert result.exit_code == 0
    assert LATER not in result.stdout and "34396" not in result.stdout
    assert "31347" in result.stdout


def test_the_json_report_as_of_a_year(cli: Run, recorded: Path) -> None:
    result = cli("report", "-f", "json", "--as-of", "2022", "--data", str(recorded))
    report = json.loads(result.stdout)
    assert report["as_of"] == 2022
    practitioners = report["indicators"][0]
    assert [a["year"] for a in practitioners["actuals"]] == [2022]
    assert practitioners["latest"] == {"year": 2022, "value": 31347}
    assert {r["year"] for r in report["yearly"]} == {2022}
    actions = {a["id"]: a for area in report["areas"] for a in area["actions"]}
    assert actions["talent-training"]["status"] == "in_progress"
    # made: the latest change the report counts (the 2024 correction of 2022), not the clock
    assert report["made"] == {"time": "2024-09-01T10:00:00+08:00", "basis": "recorded"}


def test_the_workbook_as_of_a_year(cli: Run, recorded: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(out), "--as-of", "2022", "--data", str(recorded)).exit_code == 0
    with zipfile.ZipFile(out) as book:
        text = "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    assert LATER not in text and "34396" not in text
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["指标", "行动", "数据及来源", "2022年工作计划", "说明"]
    about = [row[0] for row in workbook["说明"].iter_rows(values_only=True)]
    assert "数据截至 2022 年。" in about
    assert "依据截至 2024-09-01 10:00 UTC+08:00 录入的数据生成。" in about


def test_the_word_document_as_of_a_year(cli: Run, recorded: Path, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    assert cli("report", "-o", str(out), "--as-of", "2022", "--data", str(recorded)).exit_code == 0
    with zipfile.ZipFile(out) as document:
        text = "".join(document.read(n).decode("utf-8", "replace") for n in document.namelist())
    assert LATER not in text and "34396" not in text
    assert "31347 (2022)，为最新值，非2025年终期值" in text
    assert "数据截至 2022 年。" in text
    # as of 2022 the plan has not ended: no final evaluation, no work over the period
    assert "终期评估概要" not in text and "计划期内行动与保障" not in text


def test_every_report_names_its_year_and_when_it_was_made(
    cli: Run, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ("--data", str(recorded))
    md = cli("report", "--as-of", "2023", *data).stdout
    assert "数据截至 2023 年。" in md
    assert "依据截至 2024-09-01 10:00 UTC+08:00 录入的数据生成。" in md
    html = cli("report", "-f", "html", "--as-of", "2022", "--lang", "en", *data).stdout
    assert "Data as of 2022." in html
    assert "Made from the data as recorded up to 2024-09-01 10:00 UTC+08:00." in html
    tidy = cli("report", "-f", "csv", "--as-of", "2022", *data).stdout.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(tidy)))
    assert {(r["截至年份"], r["生成时间"]) for r in rows} == {("2022", "2024-09-01T10:00:00+08:00")}

    # SOURCE_DATE_EPOCH, the reproducible-builds convention, names the time instead
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01 00:00 UTC
    md = cli("report", *data).stdout
    assert (
        "包含全部已记录的实际值，数据截至 2023 年。" in md
        and "生成于 2025-01-01 00:00 UTC+00:00。" in md
    )


def test_a_report_made_twice_from_the_same_data_is_the_same(cli: Run, recorded: Path) -> None:
    first = cli("report", "-f", "html", "--as-of", "2022", "--data", str(recorded)).stdout
    # a change to a later year does not touch the report as of 2022
    actuals.record(layout.DataDir(recorded), load(recorded), 2024, "1", "37000")
    second = cli("report", "-f", "html", "--as-of", "2022", "--data", str(recorded)).stdout
    assert first == second


def test_viewing_the_baseline_year_says_what_can_be_viewed(cli: Run, plan_dir: Path) -> None:
    result = cli("status", "--as-of", "2021", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：--as-of 2021：2021 年是基线年，其后才有进展可查看；请在 2022–2025 年中选一年。\n"
    )
    assert "记录" not in result.stderr
    result = cli("show", "1", "--as-of", "2030", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "2030 is outside the plan, so there is no progress to view" in result.stderr
    assert "recorded" not in result.stderr


AS_OF_COMMANDS = [
    ("status",),
    ("show", "1"),
    ("tasks",),
    ("task", "talent-training"),
    ("report",),
    ("workplan",),
    ("item", "y2022-1"),
    ("roadmap",),
]


@pytest.mark.parametrize("command", AS_OF_COMMANDS, ids=" ".join)
def test_every_command_refuses_an_as_of_year_in_the_same_words(
    cli: Run, plan_dir: Path, command: tuple[str, ...]
) -> None:
    """One check of --as-of: the work-plan commands once said an as-of year outside the plan
    was one "actuals are recorded for", the others that it has no progress to view."""
    before = snapshot(plan_dir)
    baseline = cli(*command, "--as-of", "2021", "--data", str(plan_dir))
    assert (baseline.exit_code, baseline.stdout, baseline.stderr) == (
        1,
        "",
        "错误：--as-of 2021：2021 年是基线年，其后才有进展可查看；请在 2022–2025 年中选一年。\n",
    )
    outside = cli(*command, "--as-of", "2030", "--lang", "en", "--data", str(plan_dir))
    assert (outside.exit_code, outside.stdout, outside.stderr) == (
        1,
        "",
        "error: --as-of 2030: 2030 is outside the plan, so there is no progress to view; "
        "choose a year from 2022 to 2025\n",
    )
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize("value", ["abc", "-5", "99999999999999999999", "１２"])
def test_a_source_date_epoch_that_is_not_seconds_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = tmp_path / "r.html"
    result = cli("report", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是")
    assert not out.exists()
