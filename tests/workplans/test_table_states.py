"""The 状态 column of a work-plan table, filled in by a department, comes back as progress
records: done with its date, cancelled with its reason, in the import's one change."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ipplan.workplans.entities import ProgressEvent
from tests.conftest import Run, load, snapshot
from tests.files.test_journal import files

HEAD = "对应行动,工作措施,工作目标,具体内容,进度安排,负责部门,状态\n"
# seed 004's shape, with the state column a department fills in (saved by Excel in GBK)
STATES = (
    HEAD + "talent-training,（一）完善专利法规政策,目标,"
    '"1.完成本省专利政策框架建设方案。","第一季度，完成方案，第二季度，征求意见。",'
    "省局负责，地方局配合,已完成 2024-06-30\n"
    "talent-training,二、推动制定专利纲领性政策,,一、贯彻落实纲领性文件,上半年，贯彻落实,"
    "省局负责,完成（2024年5月）\n"
    "informatization,3.大力提升专利申请质量,,,下半年，出台办法,省局负责,已取消：经费取消\n"
    "informatization,4.加强推进知识产权金融服务,,,全年，开展补助,省局负责,\n"
    "informatization,5.推进专利行政执法能力提升,,,全年，开展培训,省局负责,进行中\n"
    "informatization,6.推进专利信息服务,,,2024Q2，建成平台,省局负责,done 2024-03-01\n"
)

# judged on 15 July 2024, in the middle of the tables' year (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("mid_2024")


def events(directory: Path) -> dict[str, list[tuple[object, ...]]]:
    """Each item's progress records, as (date, done, milestone, cancelled)."""
    found = load(directory).work.events
    return {
        item: [(e.date, e.done, e.milestone, e.cancelled) for e in log]
        for item, log in sorted(found.items())
    }


def test_states_come_back_as_progress_records_in_one_change(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "states.csv"
    source.write_bytes(STATES.encode("gbk"))
    before = files(bare_dir)
    data = ("--data", str(bare_dir))
    result = cli("workplan-import", str(source), "--year", "2024", *data)
    assert result.exit_code == 0, result.stderr
    assert "“状态”列记下 4 条进展" in result.stdout
    assert events(bare_dir) == {
        "y2024-1": [(dt.date(2024, 6, 30), True, None, None)],
        "y2024-2": [(dt.date(2024, 5, 31), True, None, None)],  # a month: its last day
        "y2024-3": [(dt.date(2024, 7, 15), False, None, "经费取消")],  # no day: the import's
        "y2024-6": [(dt.date(2024, 3, 1), True, None, None)],
    }
    states = {
        item["id"]: item["state"]
        for item in json.loads(cli("workplan", "--json", *data).stdout)["items"]
    }
    assert states == {
        "y2024-1": "done",
        "y2024-2": "done",
        "y2024-3": "cancelled",
        "y2024-4": "not_started",
        "y2024-5": "not_started",
        "y2024-6": "done",
    }
    # one change: one history entry, taken back whole by one undo
    changes = json.loads(cli("history", "--json", *data).stdout)["changes"]
    assert (changes[0]["kind"], changes[0]["progress"]) == ("workplan", 4)
    assert not [c for c in changes if c["kind"] == "progress"]
    shown = cli("history", *data).stdout
    assert "连同状态列的 4 条进展" in shown
    undone = cli("undo", *data)
    assert undone.exit_code == 0, undone.stderr
    assert "连同导入时从状态列记下的 4 条进展" in undone.stdout
    assert files(bare_dir) == before


@pytest.mark.parametrize(
    ("cell", "code", "message"),
    [
        ("完成了一半", "invalid-state", "状态“完成了一半”无法读取；请写 已完成 2024-06-30、"
         "完成（2024年6月）、已取消：原因，或留空、写 进行中（不记录进展）"),
        ("已完成", "state-without-date", "状态“已完成”说已完成，但没有写完成日期；请写成 "
         "已完成 2024-06-30 或 完成（2024年6月）"),
        ("已完成 2024-08-01", "state-in-future", "状态中的日期 2024-08-01 晚于今天"
         "（2024-07-15）；请写实际完成的日期"),
        ("已取消", "state-without-reason", "状态“已取消”说已取消，但没有写原因；"
         "请写成 已取消：原因（如 已取消：经费取消）"),
        ("3. 下半年：已完成 2024-06-01", "state-unknown-milestone",
         "状态“3. 下半年：已完成 2024-06-01”所说的节点不存在：此事项的进度安排有 2 个节点"),
        ("完成（2024年第二季度）", "invalid-state", "状态“完成（2024年第二季度）”无法读取；请写 "
         "已完成 2024-06-30、完成（2024年6月）、已取消：原因，或留空、写 进行中（不记录进展）"),
    ],
)  # fmt: skip
def test_a_state_that_cannot_be_read_is_refused_at_its_row_and_nothing_is_written(
    bare_dir: Path, cli: Run, tmp_path: Path, cell: str, code: str, message: str
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        HEAD
        + "talent-training,措施一,,,上半年，调研,省局负责,已完成 2024-06-30\n"
        + f'informatization,措施二,,,"上半年，调研，下半年，出台",省局负责,"{cell}"\n',
        encoding="utf-8",
    )
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{source}:3: {code}: {message}"
    assert "Traceback" not in result.stderr
    assert snapshot(bare_dir) == before


def test_a_merged_state_cell_in_xlsx_counts_for_its_item(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    """An xlsx written as Excel users do: a measure and its state merged down the item's rows,
    the 状态 of the next item on a row of its own, milestones ticked off line by line."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2024年工作方案"])
    sheet.append(["对应行动", "工作措施", "具体内容", "进度安排", "负责部门", "状态"])
    sheet.append(
        [
            "talent-training",
            "1.开展培训",
            "1.培训3期",
            "上半年，培训1期",
            "省局负责",
            "已完成 2024-07-01",
        ]
    )
    sheet.append([None, None, "2.培训考核", "下半年，考核", None, None])
    sheet.append(
        [
            "informatization",
            "2.建设平台",
            None,
            "第一季度，完成方案，第二季度，上线",
            "信息部负责",
            "推进中\n1. 第一季度：已完成 2024-03-20\n2. 第二季度：逾期",
        ]
    )
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("F3:F4")
    source = tmp_path / "merged.xlsx"
    book.save(source)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 0, result.stderr
    first, _ = load(bare_dir).work.plan(2024).items
    assert (first.measure, [c.text for c in first.content]) == ("开展培训", ["培训3期", "培训考核"])
    assert events(bare_dir) == {
        "y2024-1": [(dt.date(2024, 7, 1), True, None, None)],  # recorded once, not per row
        "y2024-2": [(dt.date(2024, 3, 20), False, 1, None)],
    }


def test_a_state_in_a_plan_that_is_not_tracked_is_refused(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "untracked.csv"
    source.write_text(
        "进度跟踪,未跟踪\n"
        + HEAD
        + "talent-training,措施一,,,全年，调研,省局负责,已完成 2024-06-30\n",
        encoding="utf-8",
    )
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{source}:3: state-not-tracked: 2024 年工作计划声明不跟踪进展（进度跟踪：未跟踪），事项 "
        "y2024-1 的状态不能记为进展；请删去状态，或删去“进度跟踪”一行"
    )
    assert snapshot(bare_dir) == before


def test_content_and_measures_drop_the_tables_numbering_alike(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "numbered.csv"
    source.write_text(
        HEAD
        + 'talent-training,（一）措施甲,,"（一）内容甲\n二、内容乙\n3.内容丙\n（4）内容丁",'
        + "全年，做,省局负责,\n"
        + "talent-training,一、措施乙,,2.5亿元的补助,全年，做,省局负责,\n"
        + "talent-training,3、措施丙,,三季度完成评估,全年，做,省局负责,\n"
        + "talent-training,（12）措施丁,,,全年，做,省局负责,\n",
        encoding="utf-8",
    )
    imported = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert imported.exit_code == 0, imported.stderr
    items = load(bare_dir).work.plan(2024).items
    assert [i.measure for i in items] == ["措施甲", "措施乙", "措施丙", "措施丁"]
    assert [[c.text for c in i.content] for i in items] == [
        ["内容甲", "内容乙", "内容丙", "内容丁"],
        ["2.5亿元的补助"],  # a number, not a numbering
        ["三季度完成评估"],  # a word that starts with a numeral
        [],
    ]


@pytest.mark.slow
def test_ipplans_own_workbook_round_trips_states_for_each_year(
    plan_dir: Path, cli: Run, tmp_path: Path
) -> None:
    """Export, import into a plan without progress: the same states, milestone by milestone,
    for every year's sheet; imported back into the plan it came from, no record is added."""
    from tests.workplans.test_workplans import WORKPLAN

    data = ("--data", str(plan_dir))
    (plan_dir / "workplans" / "2024.yaml").write_text(
        "\n".join(line[4:] for line in WORKPLAN.splitlines()) + "\n", encoding="utf-8"
    )
    (plan_dir / "workplans" / "2023.yaml").write_text(
        "\n".join(line[4:] for line in WORKPLAN.splitlines())
        .replace("2024", "2023")
        .replace("y2023-2", "y2023-9")
        + "\n",
        encoding="utf-8",
    )
    for args in (
        ("y2024-1", "--done", "1", "--date", "2024-06-20"),
        ("y2024-1", "--amount", "2"),
        ("y2024-2", "--cancel", "方案调整", "--date", "2024-05-02"),
        ("y2023-1", "--done", "--date", "2023-12-20"),
        ("y2023-9", "--done", "1", "--date", "2023-03-30"),
        ("y2023-9", "--done", "2", "--date", "2023-11-30"),
    ):
        assert cli("item", *args, *data).exit_code == 0
    book = tmp_path / "report.xlsx"
    assert cli("report", "-o", str(book), *data).exit_code == 0

    def standings(directory: Path) -> dict[str, object]:
        views = {}
        for year in (2022, 2023, 2024):
            out = cli("workplan", str(year), "--json", "--data", str(directory))
            assert out.exit_code == 0, out.stderr
            for item in json.loads(out.stdout)["items"]:
                views[item["id"]] = (
                    item["state"],
                    item["done_on"],
                    item["cancelled"],
                    [(m["state"], m["done_on"]) for m in item["schedule"]],
                )
        return views

    expected = standings(plan_dir)
    assert expected["y2024-2"][:3] == ("cancelled", None, "方案调整")
    assert expected["y2023-9"][0] == "done"
    fresh = tmp_path / "fresh"
    shutil.copytree(plan_dir, fresh)
    shutil.rmtree(fresh / "progress")
    for year in (2022, 2023, 2024):
        back = cli(
            "workplan-import", str(book), "--year", str(year), "--force", "--data", str(fresh)
        )
        assert back.exit_code == 0, back.stderr
    got = standings(fresh)
    # amounts are not in the state column: the item's quantity comes back without them
    assert got == expected
    cancel = [e for e in load(fresh).work.events_of("y2024-2")]
    assert [(e.date, e.cancelled) for e in cancel] == [(dt.date(2024, 5, 2), "方案调整")]
    # back into the plan it came from: nothing recorded twice
    recorded = {k: v for k, v in snapshot(plan_dir).items() if k.startswith("progress")}
    for year in (2022, 2023, 2024):
        back = cli("workplan-import", str(book), "--year", str(year), "--force", *data)
        assert back.exit_code == 0, back.stderr
        assert "条进展" not in back.stdout
    assert {k: v for k, v in snapshot(plan_dir).items() if k.startswith("progress")} == recorded
    assert standings(plan_dir) == expected


def test_an_import_with_states_is_one_undo_step_after_a_replaced_plan(
    plan_dir: Path, cli: Run, tmp_path: Path
) -> None:
    """--force over a plan with progress: undo puts the old plan back byte for byte and takes
    the import's records away, leaving the records that were there before."""
    from tests.workplans.test_workplans import WORKPLAN

    data = ("--data", str(plan_dir))
    (plan_dir / "workplans" / "2024.yaml").write_text(
        "\n".join(line[4:] for line in WORKPLAN.splitlines()) + "\n", encoding="utf-8"
    )
    assert cli("item", "y2024-1", "--done", "1", "--date", "2024-06-20", *data).exit_code == 0
    before = files(plan_dir)
    source = tmp_path / "t.csv"
    source.write_text(
        "编号,"
        + HEAD
        # milestone 1 of y2024-1 is done already: recorded once, not twice; its measure is
        # the same, so its progress stays with it
        + 'y2024-1,talent-training,开展专利信息人员培训,,,"上半年，做，下半年，做",省局负责,'
        + '"已完成 2024-07-01\n1. 上半年：已完成 2024-06-20"\n'
        "y2024-2,informatization,措施,,,"
        '"上半年，做，下半年，做",省局负责,"推进中\n1. 上半年：已完成 2024-06-01"\n',
        encoding="utf-8",
    )
    result = cli("workplan-import", str(source), "--year", "2024", "--force", *data)
    assert result.exit_code == 0, result.stderr
    logs: dict[str, tuple[ProgressEvent, ...]] = load(plan_dir).work.events
    assert [(e.done, e.milestone) for e in logs["y2024-1"]] == [(False, 1), (True, None)]
    assert [(e.done, e.milestone) for e in logs["y2024-2"]] == [(False, 1)]
    assert cli("undo", *data).exit_code == 0
    assert files(plan_dir) == before


def test_a_state_past_the_records_an_item_may_report_is_refused(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    from ipplan.workplans.state_cells import MAX_STATED

    count = MAX_STATED + 1
    schedule = "\n".join(f"{m % 12 + 1}月底前，第{m}步" for m in range(count))
    state = "\n".join(f"{m + 1}. {m % 12 + 1}月底前：已完成 2024-01-31" for m in range(count))
    source = tmp_path / "many.csv"
    source.write_text(
        HEAD + f'talent-training,措施,,,"{schedule}",省局负责,"{state}"\n', encoding="utf-8"
    )
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    end = 2 + 2 * (count - 1)  # a CSV record is named by the line it ends on
    assert result.stderr.splitlines()[0] == (
        f"{source}:{end}: too-many-states: 此事项的状态记下的进展超过 {MAX_STATED} 条；"
        "一个事项不会有这么多节点，请检查 状态 和 进度安排"
    )
    assert snapshot(bare_dir) == before
    # the same milestone ticked off twice is one record
    source.write_text(
        HEAD + 'talent-training,措施,,,"上半年，做，下半年，做",省局负责,'
        '"1. 上半年：已完成 2024-03-01\n1. 上半年：已完成 2024-03-02"\n',
        encoding="utf-8",
    )
    imported = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert imported.exit_code == 0, imported.stderr
    assert events(bare_dir) == {"y2024-1": [(dt.date(2024, 3, 1), False, 1, None)]}


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_an_import_with_states_killed_at_any_file_is_rolled_back_whole(
    bare_dir: Path, cli: Run, tmp_path: Path, after: int
) -> None:
    """The work plan and its four progress records are five files of one change: killed
    before any of them, the next writer (undo) rolls the change back and every file is as it
    was; the import made again is one entry that one undo takes back."""
    from ipplan.files import journal
    from tests.files.test_journal import killed

    source = tmp_path / "states.csv"
    source.write_bytes(STATES.encode("gbk"))
    before = files(bare_dir)
    killed(bare_dir, after, "workplan-import", str(source), "--year", "2024")
    assert (bare_dir / journal.NAME).exists()
    checked = cli("validate", "--lang", "en", "--data", str(bare_dir))
    assert checked.exit_code == 1
    assert f"{journal.NAME}:1: unfinished-change:" in checked.stderr
    undone = cli("undo", "--lang", "en", "--data", str(bare_dir))
    assert undone.exit_code == 0, undone.stderr
    assert "Rolled back a change that was stopped midway (5 files" in undone.stdout
    assert files(bare_dir) == before
    again = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert again.exit_code == 0, again.stderr
    assert cli("undo", "--data", str(bare_dir)).exit_code == 0
    assert files(bare_dir) == before


def test_a_tracked_row_declares_the_plan_untracked_or_is_refused(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "tracked.csv"
    body = HEAD + "talent-training,措施一,,,全年，调研,省局负责,未跟踪\n"
    source.write_text("进度跟踪,也许\n" + body, encoding="utf-8")
    before = snapshot(bare_dir)
    data = ("--data", str(bare_dir))
    refused = cli("workplan-import", str(source), "--year", "2024", *data)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{source}:1: invalid-tracked: 进度跟踪“也许”无法识别；请写 未跟踪（进展没有跟踪，"
        "如事后补录的计划），或删去此行（可写：未跟踪、否、not tracked、no、false、跟踪、是、"
        "tracked、yes、true）"
    )
    assert snapshot(bare_dir) == before
    source.write_text("进度跟踪,未跟踪\n" + body, encoding="utf-8")
    assert cli("workplan-import", str(source), "--year", "2024", *data).exit_code == 0
    assert load(bare_dir).work.plan(2024).info.tracked is False
    source.write_text("tracked,yes\n" + body, encoding="utf-8")
    assert cli("workplan-import", str(source), "--year", "2024", "--force", *data).exit_code == 0
    assert load(bare_dir).work.plan(2024).info.tracked is True
