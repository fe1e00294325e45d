"""Progress means what the table means, and the past as it was kept (issue 24, items 2 and 4).

A quantity reached is progress toward its content item and never hides an overdue milestone;
a milestone named ambiguously is refused; the same event typed twice, and an amount far past
its target, are questioned; a work plan whose progress was not tracked shows so, is never
overdue and sets no action's status.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ipplan.text.shown_numbers import moment
from tests.conftest import Run, load, snapshot, track_2022, write
from tests.workplans.test_workplans import WORKPLAN, progress_files


@pytest.fixture
def wp_dir(plan_dir: Path) -> Path:
    """The shipped plan with a small 2024 work plan of our own instead of the shipped ones."""
    shutil.rmtree(plan_dir / "workplans", ignore_errors=True)
    (plan_dir / "workplans").mkdir()
    write(plan_dir / "workplans", "2024.yaml", WORKPLAN)
    return plan_dir


def _reach_the_quantity(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """All six trainings recorded in May 2024; neither milestone marked done."""
    monkeypatch.setenv("IPPLAN_TODAY", "2024-05-01")
    result = cli("item", "y2024-1", "--amount", "6", "--data", str(wp_dir))
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("IPPLAN_TODAY", "2025-07-01")  # 上半年 a year past due


# --- 1. a quantity is progress, never a milestone done ------------------------------------------

TABLE_80 = """\
2024 年工作计划：2024年重点工作计划（中华全国专利代理师协会，2024-03-29 印发）
· 状态按 2025-07-01
┌────────────────┬───────────┬────────────────┬─────────────────────┬──────────┐
│工作措施        │ 工作目标  │ 具体内容       │ 进度安排            │ 负责部门 │
├────────────────┼───────────┼────────────────┼─────────────────────┼──────────┤
│y2024-1         │ 提升信息  │ 开展专利信息人 │ ! 上半年            │ 培训部负 │
│逾期            │ 利用能力  │ 员培训6次（已  │ 开展培训2次 (逾期   │ 责，地方 │
│开展专利信息人  │           │ 完成 6/6 次）  │ 2024-06-30)         │ 协会配合 │
│员培训          │           │                │ ! 下半年            │          │
│                │           │                │ 开展培训4次 (逾期   │          │
│                │           │                │ 2024-12-31)         │          │
├────────────────┼───────────┼────────────────┼─────────────────────┼──────────┤
│y2024-2         │ —         │ —              │ ! 第一季度 完成方案 │ 信息部负 │
│逾期            │           │                │ (逾期 2024-03-31)   │ 责       │
│建设行业信息化  │           │                │ ! 第三、四季度      │          │
│平台            │           │                │ 上线试运行 (逾期    │          │
│                │           │                │ 2024-12-31)         │          │
└────────────────┴───────────┴────────────────┴─────────────────────┴──────────┘
2 个工作项：逾期 2
"""


def test_a_reached_quantity_shows_beside_milestones_still_overdue_in_the_terminal(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reach_the_quantity(wp_dir, cli, monkeypatch)
    monkeypatch.setenv("COLUMNS", "80")
    assert cli("workplan", "2024", "--data", str(wp_dir)).stdout == TABLE_80
    item = cli("item", "y2024-1", "--data", str(wp_dir)).stdout.splitlines()
    assert item[0] == "y2024-1 (2024)  逾期"
    assert item[5:8] == [
        "具体内容  开展专利信息人员培训6次（已完成 6/6 次）",
        "进度安排  ! 上半年 开展培训2次 (逾期 2024-06-30)",
        "          ! 下半年 开展培训4次 (逾期 2024-12-31)",
    ]
    assert item[10] == "下一节点：上半年（2024-06-30 到期）"
    en = cli("item", "y2024-1", "--data", str(wp_dir), "--lang", "en").stdout.splitlines()
    assert en[0] == "y2024-1 (2024)  overdue"
    assert en[5:8] == [
        "Content            开展专利信息人员培训6次 (6 of 6 次 done)",
        "Schedule           ! 上半年 开展培训2次 (overdue 2024-06-30)",
        "                   ! 下半年 开展培训4次 (overdue 2024-12-31)",
    ]
    due = cli("due", "--data", str(wp_dir)).stdout
    assert due.startswith("截至 2025-07-01：逾期 4 项，30 天内到期 0 项\n")
    assert "    ! 上半年 (2024-06-30) 逾期 366 天  开展培训2次\n" in due


def test_a_reached_quantity_leaves_milestones_overdue_in_json_reports_and_xlsx(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _reach_the_quantity(wp_dir, cli, monkeypatch)
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["state"] == "overdue"
    assert view["content"][0]["quantity"] == {
        "target": 6,
        "unit": "次",
        "achieved": 6,
        "reached": True,
    }
    assert [(m["state"], m["done_on"]) for m in view["schedule"]] == [
        ("overdue", None),
        ("overdue", None),
    ]
    assert view["next_due"] == {"number": 1, "period": "上半年", "end": "2024-06-30"}
    md = cli("report", "--format", "md", "--data", str(wp_dir)).stdout
    assert (
        "| y2024-1 | 开展专利信息人员培训 | 上半年：逾期; 下半年：逾期 "
        "| 培训部（地方协会） | 逾期 |" in md
    )
    assert "| talent-training 加大行业人才培养 | — | — | y2024-1 逾期 | — | 完成 0/1 (0.0%) |" in md
    book = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(book), "--data", str(wp_dir)).exit_code == 0
    rows = [[c.value for c in row] for row in load_workbook(book)["2024年工作计划"].iter_rows()]
    top = [row[0] for row in rows].index("编号")  # below the work plan's year and title
    assert rows[top + 1][0] == "y2024-1"
    assert rows[top + 1][9] == "逾期\n1. 上半年：逾期\n2. 下半年：逾期"
    # each milestone marked done: then, and only then, the item is done
    monkeypatch.setenv("IPPLAN_TODAY", "2025-07-02")
    cli("item", "y2024-1", "--done", "1", "--date", "2024-06-20", "--data", str(wp_dir))
    cli("item", "y2024-1", "--done", "2", "--date", "2024-12-20", "--data", str(wp_dir))
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["state"] == "done"
    assert [m["state"] for m in view["schedule"]] == ["done", "done"]


# --- 2. a milestone named ambiguously -----------------------------------------------------------

TWO_SECOND_QUARTERS = """\
  - id: y2024-3
    actions: [informatization]
    measure: 开展平台测试
    schedule:
      - period: 第一季度
        task: 制定测试方案
      - period: 第二季度
        task: 完成功能测试
      - period: 2024Q2
        task: 完成性能测试
"""


def test_a_milestone_named_by_a_period_two_share_is_refused_with_the_numbers(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = wp_dir / "workplans" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8") + TWO_SECOND_QUARTERS, encoding="utf-8")
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    before = snapshot(wp_dir)
    for written in ("第二季度", "2024Q2", "二季度"):
        result = cli("item", "y2024-3", "--done", written, "--data", str(wp_dir))
        assert result.exit_code == 1
        assert result.stderr == (
            f"错误：工作项 y2024-3 有多个节点是“{written}”（第 2, 3 个）；请用编号指明，"
            "如 --done 2。\n"
        )
        assert snapshot(wp_dir) == before
    en = cli("item", "y2024-3", "--done", "第二季度", "--data", str(wp_dir), "--lang", "en")
    assert en.exit_code == 1
    assert en.stderr == (
        "error: item y2024-3 has more than one milestone '第二季度' (numbers 2, 3); name one by "
        "its number, as in --done 2\n"
    )
    # a period only one milestone has, or a number, is recorded
    assert cli("item", "y2024-3", "--done", "第一季度", "--data", str(wp_dir)).exit_code == 0
    assert cli("item", "y2024-3", "--done", "3", "--data", str(wp_dir)).exit_code == 0
    view = json.loads(cli("item", "y2024-3", "--data", str(wp_dir), "--json").stdout)
    assert [m["state"] for m in view["schedule"]] == ["done", "overdue", "done"]


# --- 3. the same event twice, an amount far past the target -------------------------------------


def test_the_same_progress_typed_twice_is_questioned_and_again_records_it(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    args = ("item", "y2024-1", "--amount", "2", "--date", "2024-06-20", "--data", str(wp_dir))
    assert cli(*args).exit_code == 0
    (event,) = load(wp_dir).work.events_of("y2024-1")
    before = snapshot(wp_dir)
    again = cli(*args)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"错误：工作项 y2024-1 已于 {moment(event.recorded)} ")
    assert again.stderr.endswith(
        "记录过同一进展（2024-06-20，内容相同），再记一次会重复计数，未做改动。"
        "如确是又一次，请加 --again 重新运行。\n"
    )
    assert snapshot(wp_dir) == before
    # --force is no confirmation of it; --again is
    assert cli(*args, "--force").exit_code == 2
    assert snapshot(wp_dir) == before
    # another day, or another amount, is another event
    assert cli(*args[:-4], "--date", "2024-06-21", "--data", str(wp_dir)).exit_code == 0
    assert cli(*args, "--again").exit_code == 0
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["content"][0]["quantity"]["achieved"] == 6
    assert len(progress_files(wp_dir)) == 3
    # the same note on the same day, and nothing else, is the same event too
    note = ("item", "y2024-2", "--note", "方案延后", "--date", "2024-04-10", "--data", str(wp_dir))
    assert cli(*note).exit_code == 0
    assert cli(*note).exit_code == 1
    assert cli(*note, "--again").exit_code == 0


def test_an_amount_far_past_the_target_is_questioned_like_a_slipped_digit(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    base = ("item", "y2024-1", "--data", str(wp_dir))
    assert cli(*base, "--amount", "4").exit_code == 0
    before = snapshot(wp_dir)
    slipped = cli(*base, "--amount", "40")  # 4 typed as 40: 44 against a target of 6
    assert slipped.exit_code == 1
    assert slipped.stderr == (
        "错误：工作项 y2024-1 的具体内容 1 目标为 6 次，已完成 4，再记 40 合计 44，"
        "超出目标的 50% 以上，可能是输入错误（多打了一位？），未做改动。"
        "如确认无误，请加 --accept-jump 重新运行。\n"
    )
    en = cli(*base, "--amount", "40", "--lang", "en")
    assert en.stderr == (
        "error: item y2024-1: content 1 has a target of 6 times and 4 done; 40 more makes 44, "
        "over 50% past the target; is a digit extra? Nothing changed. If the amount is right, "
        "run again with --accept-jump\n"
    )
    assert snapshot(wp_dir) == before
    # up to the plan's max_change past the target is taken as it is: 4 + 5 = 9 = 6 x 1.5
    assert cli(*base, "--amount", "5").exit_code == 0
    assert cli(*base, "--amount", "40", "--accept-jump").exit_code == 0
    view = json.loads(cli(*base, "--json").stdout)
    assert view["content"][0]["quantity"]["achieved"] == 49
    assert view["state"] == "overdue"  # 上半年 is not marked done, however much was recorded


# --- 4. the past as it was kept: a work plan whose progress was not tracked --------------------

ITEM_80 = """\
y2022-5-1 (2022)  未跟踪
所属部分  五、开展教育培训，建设专业化人才队伍
对应行动  talent-training 加大行业人才培养
工作措施  促进审代业务交流
具体内容  要继续举办审查与代理业务交流培训，提高专利代理行业对专利申请质量相关 …
进度安排  - 全年
负责部门  —
进展记录
  暂无进展记录
"""


def test_the_shipped_2022_work_plan_is_not_tracked_never_overdue_nor_delaying(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    monkeypatch.setenv("COLUMNS", "80")
    data = ("--data", str(plan_dir))
    view = json.loads(cli("workplan", "2022", "--json", *data).stdout)
    assert view["workplan"]["tracked"] is False
    assert view["summary"] == {
        "not_started": 0,
        "in_progress": 0,
        "overdue": 0,
        "done": 0,
        "cancelled": 0,
        "not_tracked": 27,
    }
    assert {m["state"] for i in view["items"] for m in i["schedule"]} == {"not_tracked"}
    assert {i["next_due"] is None for i in view["items"]} == {True}
    assert cli("workplan", "2022", *data).stdout.endswith("\n27 个工作项：未跟踪 27\n")
    assert cli("item", "y2022-5-1", *data).stdout == ITEM_80
    # never overdue: nothing is due, and validate --strict finds no overdue milestone
    due = json.loads(cli("due", "--json", *data).stdout)
    assert (due["overdue"], due["due_soon"], due["units"]) == (0, 0, [])
    assert cli("due", *data).stdout == "截至 2026-12-07，没有逾期或 30 天内到期的节点。\n"
    strict = cli("validate", "--strict", "--json", *data)
    assert "overdue-milestone" not in strict.stdout
    # no action takes a status from it: all 18 are as tasks.yaml says, not 延期
    tasks = json.loads(cli("tasks", "--json", *data).stdout)
    actions = [a for area in tasks["areas"] for a in area["actions"]]
    assert len(actions) == 18
    assert {(a["status"], a["status_source"]) for a in actions} == {("not_started", "plan")}
    assert "延期" not in cli("tasks", *data).stdout
    roadmap = json.loads(cli("roadmap", "--json", *data).stdout)
    training = next(
        a for area in roadmap["areas"] for a in area["actions"] if a["id"] == "talent-training"
    )
    assert training["progress"] == {"done": 0, "counted": 0, "cancelled": 0, "share": None}
    assert [r["state"] for r in training["years"]["2022"]] == ["not_tracked"] * 5


def test_the_untracked_work_plan_in_reports_and_the_workbook(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    data = ("--data", str(plan_dir))
    md = cli("report", "--format", "md", *data).stdout
    assert "27 个工作项：未跟踪 27" in md
    assert (
        "| y2022-1 | 全面深化习近平新时代中国特色社会主义思想学习贯彻 | 全年：未跟踪 | — | 未跟踪 |"
        in md
    )
    assert "| talent-attraction 提升行业人才吸引力 | y2022-5-4 未跟踪 | — | — | — | — |" in md
    assert "逾期" not in md.split("## 路线图", 1)[1]
    book = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(book), *data).exit_code == 0
    rows = [[c.value for c in row] for row in load_workbook(book)["2022年工作计划"].iter_rows()]
    top = [row[0] for row in rows].index("编号")
    # the rows above the header say the plan is not tracked, as its file declares
    assert ["进度跟踪", "未跟踪"] in [row[:2] for row in rows[:top]]
    assert rows[top + 1][0] == "y2022-1"
    assert {row[9] for row in rows[top + 1 :]} == {"未跟踪\n1. 全年：未跟踪"}


def test_progress_on_an_untracked_work_plan_is_refused_and_named_by_validate(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    data = ("--data", str(plan_dir))
    before = snapshot(plan_dir)
    refused = cli("item", "y2022-1", "--done", *data)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "错误：2022 年工作计划声明其进展未跟踪（tracked: false），工作项 y2022-1 不记录进展，"
        "未做改动。如该计划的进展确有跟踪，请删去 workplans/2022.yaml 中的 tracked: false。\n"
    )
    en = cli("item", "y2022-1", "--cancel", "并入", "--lang", "en", *data)
    assert en.exit_code == 1
    assert en.stderr == (
        "error: the 2022 work plan declares its progress not tracked (tracked: false), so no "
        "progress is recorded on item y2022-1; nothing changed. If its progress is tracked, "
        "remove tracked: false from workplans/2022.yaml\n"
    )
    assert snapshot(plan_dir) == before
    # recorded while it was tracked, then declared not tracked: validate names the record
    track_2022(plan_dir)
    assert cli("item", "y2022-1", "--done", "--date", "2022-06-30", *data).exit_code == 0
    view = json.loads(cli("item", "y2022-1", "--json", *data).stdout)
    assert view["state"] == "done"
    path = plan_dir / "workplans" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  issued: 2022-03-29\n", "  issued: 2022-03-29\n  tracked: false\n", 1),
        encoding="utf-8",
    )
    (record,) = progress_files(plan_dir)
    result = cli("validate", "--json", *data)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["code"]) for p in problems] == [
        (str(plan_dir / "progress" / record), 5, "progress-not-tracked")  # its item: line
    ]
    assert problems[0]["message"] == (
        "2022 年工作计划声明其进展未跟踪（tracked: false），不应有工作项 y2022-1 的进展记录"
    )


def test_tracked_is_a_boolean_at_the_one_model_of_a_work_plan_file(
    plan_dir: Path, cli: Run
) -> None:
    path = plan_dir / "workplans" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  tracked: false\n", "  tracked: 否\n", 1), encoding="utf-8")
    result = cli("validate", "--json", "--data", str(plan_dir))
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    line = text.splitlines().index("  tracked: false") + 1
    assert (problems[0]["file"], problems[0]["line"]) == (str(path), line)
    assert problems[0]["code"] == "wrong-type"
