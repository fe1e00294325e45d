"""Work plans: periods, the state rules of methodology.md, validation, and `ipplan workplan`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ipplan.file_models import Content, Item, Milestone, ProgressEvent, Quantity
from ipplan.workplans.periods import PeriodError, parse, split_prefix
from ipplan.workplans.states import (
    ItemState,
    MilestoneState,
    action_progress,
    assess_item,
    due_within,
)
from tests.conftest import Run, load, snapshot, write

D = dt.date

# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "end", "kind"),
    [
        ("2024", D(2024, 12, 31), "year"),
        (2024, D(2024, 12, 31), "year"),
        ("全年", D(2024, 12, 31), "year"),
        ("年底前", D(2024, 12, 31), "year"),
        ("2024H1", D(2024, 6, 30), "half"),
        ("2024H2", D(2024, 12, 31), "half"),
        ("上半年", D(2024, 6, 30), "half"),
        ("下半年", D(2024, 12, 31), "half"),
        ("2024Q1", D(2024, 3, 31), "quarter"),
        ("2024Q2", D(2024, 6, 30), "quarter"),
        ("2024Q3", D(2024, 9, 30), "quarter"),
        ("2024Q4", D(2024, 12, 31), "quarter"),
        ("第一季度", D(2024, 3, 31), "quarter"),
        ("第二季度", D(2024, 6, 30), "quarter"),
        ("三季度", D(2024, 9, 30), "quarter"),
        ("第四季度", D(2024, 12, 31), "quarter"),
        ("第三、四季度", D(2024, 12, 31), "quarter"),
        ("第二、三季度", D(2024, 9, 30), "quarter"),
        ("第一、二、三季度", D(2024, 9, 30), "quarter"),
        ("第二季度至第三季度", D(2024, 9, 30), "quarter"),
        ("第三至四季度", D(2024, 12, 31), "quarter"),
        ("2024-02", D(2024, 2, 29), "month"),
        ("2023-02", D(2023, 2, 28), "month"),
        ("6月底前", D(2024, 6, 30), "month"),
        ("6月", D(2024, 6, 30), "month"),
        ("十二月", D(2024, 12, 31), "month"),
        ("2024-03-10", D(2024, 3, 10), "day"),
        ("3月10日前", D(2024, 3, 10), "day"),
        ("3月10日", D(2024, 3, 10), "day"),
        ("2025年6月底前", D(2025, 6, 30), "month"),
        ("2025年底前", D(2025, 12, 31), "year"),
        ("２０２４Ｑ１", D(2024, 3, 31), "quarter"),
    ],
)
def test_every_period_form_ends_where_methodology_says(
    written: str | int, end: dt.date, kind: str
) -> None:
    period = parse(written, 2024)
    assert (period.end, period.kind) == (end, kind)


@pytest.mark.parametrize(
    "written",
    ["第五季度", "13月", "2024-13", "2024-02-30", "6月前", "下季度", "soon", "", "2024Q5"],
)
def test_what_is_no_period_is_refused_not_guessed(written: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse(written, 2024)
    assert caught.value.code == "invalid-period"


def test_a_chinese_form_needs_the_work_plans_year() -> None:
    with pytest.raises(PeriodError) as caught:
        parse("上半年", None)
    assert caught.value.code == "period-needs-year"
    assert parse("2024H1", None).end == D(2024, 6, 30)  # an ISO form names its own year


def test_a_table_line_splits_into_period_and_task() -> None:
    assert split_prefix("第一季度，完成方案") == ("第一季度", "完成方案")
    assert split_prefix("第三、四季度,争取正式出台。") == ("第三、四季度", "争取正式出台。")
    assert split_prefix("2014年6月底前完成申报") == ("2014年6月底前", "完成申报")
    assert split_prefix("全年跟踪做好筹建工作") == ("全年", "跟踪做好筹建工作")
    assert split_prefix("统计调查工作根据国家局要求完成") is None


# --- states -----------------------------------------------------------------------------------


def item(*periods: str | int, quantities: tuple[float, ...] = ()) -> Item:
    return Item(
        id="x-1",
        actions=["talent-training"],
        measure="开展培训",
        content=[
            Content(text=f"培训{q}次", quantity=Quantity(target=q, unit="次")) for q in quantities
        ],
        schedule=[Milestone(period=p) for p in periods],
    )


_CLOCK = [dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)]


def event(on: dt.date, **fields: object) -> ProgressEvent:
    _CLOCK[0] += dt.timedelta(seconds=1)
    return ProgressEvent(recorded=_CLOCK[0], item="x-1", date=on, **fields)  # type: ignore[arg-type]


def state_on(it: Item, day: dt.date, *events: ProgressEvent) -> ItemState:
    periods = [parse(m.period, 2024) for m in it.schedule]
    return assess_item(it, 2024, periods, events, day).state


@pytest.mark.parametrize(
    ("period", "last_day_on_time"),
    [
        ("全年", D(2024, 12, 31)),
        ("上半年", D(2024, 6, 30)),
        ("2024H2", D(2024, 12, 31)),
        ("第一季度", D(2024, 3, 31)),
        ("第三、四季度", D(2024, 12, 31)),
        ("6月底前", D(2024, 6, 30)),
        ("2024-02", D(2024, 2, 29)),
        ("3月10日前", D(2024, 3, 10)),
    ],
)
def test_a_milestone_is_overdue_the_day_after_its_period_ends(
    period: str, last_day_on_time: dt.date
) -> None:
    it = item(period)
    assert state_on(it, last_day_on_time) is ItemState.not_started
    assert state_on(it, last_day_on_time + dt.timedelta(days=1)) is ItemState.overdue
    done = event(last_day_on_time, milestone=1)
    assert state_on(it, last_day_on_time + dt.timedelta(days=400), done) is ItemState.done


def test_item_states_in_the_order_methodology_decides_them() -> None:
    it = item("第一季度", "第四季度")
    first = event(D(2024, 3, 20), milestone=1)
    assert state_on(it, D(2024, 2, 1)) is ItemState.not_started
    assert state_on(it, D(2024, 4, 1)) is ItemState.overdue
    assert state_on(it, D(2024, 4, 1), first) is ItemState.in_progress
    assert state_on(it, D(2025, 1, 1), first) is ItemState.overdue
    second = event(D(2024, 12, 1), milestone=2)
    assert state_on(it, D(2025, 1, 1), first, second) is ItemState.done
    # marked done as a whole: done, whatever its milestones
    assert state_on(it, D(2025, 1, 1), event(D(2024, 5, 1), done=True)) is ItemState.done
    # cancelled wins over everything, overdue included
    cancel = event(D(2024, 5, 1), cancelled="并入其他工作")
    assert state_on(it, D(2025, 1, 1), cancel) is ItemState.cancelled
    assert state_on(it, D(2025, 1, 1), first, second, cancel) is ItemState.cancelled


def test_events_after_the_day_asked_about_do_not_count() -> None:
    it = item("第四季度")
    late = event(D(2025, 2, 1), milestone=1)
    assert state_on(it, D(2024, 12, 31), late) is ItemState.not_started
    assert state_on(it, D(2025, 1, 1), late) is ItemState.overdue
    assert state_on(it, D(2025, 2, 1), late) is ItemState.done


def test_a_reached_quantity_is_progress_and_never_hides_an_overdue_milestone() -> None:
    it = item("上半年", "下半年", quantities=(6,))
    periods = [parse("上半年", 2024), parse("下半年", 2024)]
    two = event(D(2024, 5, 1), amount=2)
    assert state_on(it, D(2024, 5, 2), two) is ItemState.in_progress  # an amount is progress
    assert state_on(it, D(2024, 7, 1), two) is ItemState.overdue
    four = event(D(2024, 9, 1), amount=4)
    standing = assess_item(it, 2024, periods, [two, four], D(2024, 9, 2))
    # the quantity is reached, but 上半年 was never marked done: it stays overdue
    assert standing.quantities[0].achieved == 6 and standing.quantities[0].reached
    assert standing.state is ItemState.overdue
    assert [m.state for m in standing.milestones] == [
        MilestoneState.overdue,
        MilestoneState.pending,
    ]
    assert [m.number for m in due_within(standing, 30)] == [1]
    # a year past due, still overdue, never pending
    late = assess_item(it, 2024, periods, [two, four], D(2025, 12, 31))
    assert late.state is ItemState.overdue
    assert [m.state for m in late.milestones] == [MilestoneState.overdue] * 2
    # done once every milestone is
    first, second = event(D(2024, 6, 1), milestone=1), event(D(2024, 12, 1), milestone=2)
    assert state_on(it, D(2025, 1, 1), two, four, first) is ItemState.overdue
    assert state_on(it, D(2025, 1, 1), two, four, first, second) is ItemState.done


def test_quantities_reached_are_progress_not_done() -> None:
    it = item("全年", quantities=(6, 2))
    a = event(D(2024, 3, 1), amount=6, content=1)
    b = event(D(2024, 4, 1), amount=1, content=2)
    assert state_on(it, D(2024, 5, 1), a, b) is ItemState.in_progress
    c = event(D(2024, 6, 1), amount=1, content=2)
    assert state_on(it, D(2024, 6, 1), a, b, c) is ItemState.in_progress
    assert state_on(it, D(2025, 1, 1), a, b, c) is ItemState.overdue
    assert state_on(it, D(2025, 1, 1), a, b, c, event(D(2024, 12, 1), done=True)) is (
        ItemState.done
    )


def test_an_item_of_a_work_plan_not_tracked_is_never_overdue() -> None:
    it = item("第一季度", quantities=(6,))
    periods = [parse("第一季度", 2024)]
    standing = assess_item(it, 2024, periods, [], D(2028, 1, 1), tracked=False)
    assert standing.state is ItemState.not_tracked
    assert [m.state for m in standing.milestones] == [MilestoneState.not_tracked]
    assert standing.next_due is None
    assert due_within(standing, 30) == []
    done = assess_item(it, 2024, periods, [], D(2028, 1, 1))
    assert done.state is ItemState.overdue  # the same item, tracked
    progress = action_progress([standing, done])
    assert (progress.done, progress.counted, progress.cancelled) == (0, 1, 0)
    assert action_progress([standing]).share is None


def test_action_progress_leaves_cancelled_items_out() -> None:
    periods = [parse("全年", 2024)]
    it = item("全年")
    done = assess_item(it, 2024, periods, [event(D(2024, 3, 1), done=True)], D(2025, 1, 1))
    open_ = assess_item(it, 2024, periods, [], D(2025, 1, 1))
    cancelled = assess_item(it, 2024, periods, [event(D(2024, 3, 1), cancelled="r")], D(2025, 1, 1))
    progress = action_progress([done, open_, cancelled])
    assert (progress.done, progress.counted, progress.cancelled) == (1, 2, 1)
    assert progress.share == 0.5
    assert action_progress([cancelled]).share is None


def test_due_within_lists_overdue_and_soon_but_not_later() -> None:
    periods = [parse(p, 2024) for p in ("第一季度", "第二季度", "第四季度")]
    it = item("第一季度", "第二季度", "第四季度")
    standing = assess_item(it, 2024, periods, [], D(2024, 6, 1))
    assert [m.number for m in due_within(standing, 30)] == [1, 2]
    assert [m.number for m in due_within(standing, 10)] == [1]


# --- files, validation and the command --------------------------------------------------------

WORKPLAN = """\
    # yaml-language-server: $schema=../schema/workplan.schema.json
    workplan:
      year: 2024
      title: 2024年重点工作计划
      issuer: 中华全国专利代理师协会
      issued: 2024-03-29
    items:
      - id: y2024-1
        section: 一、人才培养
        actions: [talent-training]
        measure: 开展专利信息人员培训
        goal: 提升信息利用能力
        content:
          - text: 开展专利信息人员培训6次
            quantity: {target: 6, unit: 次}
        schedule:
          - period: 上半年
            task: 开展培训2次
          - period: 下半年
            task: 开展培训4次
        lead: 培训部
        support: [地方协会]
        indicators: [practitioners]
      - id: y2024-2
        actions: [informatization]
        measure: 建设行业信息化平台
        schedule:
          - period: 第一季度
            task: 完成方案
          - period: 第三、四季度
            task: 上线试运行
        lead: 信息部
"""


@pytest.fixture
def wp_dir(plan_dir: Path) -> Path:
    """The shipped plan with a small 2024 work plan of our own instead of the shipped ones."""
    shutil.rmtree(plan_dir / "workplans", ignore_errors=True)
    (plan_dir / "workplans").mkdir()
    write(plan_dir / "workplans", "2024.yaml", WORKPLAN)
    return plan_dir


def test_a_work_plan_loads_with_the_plan(wp_dir: Path) -> None:
    plan = load(wp_dir)
    wp = plan.work.plan(2024)
    assert wp.info.title == "2024年重点工作计划"
    assert [i.id for i in wp.items] == ["y2024-1", "y2024-2"]
    assert [p.end for p in wp.periods(wp.items[1])] == [D(2024, 3, 31), D(2024, 12, 31)]
    assert plan.work.item(" Y2024-2 ")[1].lead == "信息部"


BROKEN = """\
    workplan:
      year: 2024
      title: t
    items:
      - id: a-1
        actions: [talent-trainin]
        measure: m
        indicators: [nope]
        schedule:
          - period: 第五季度
          - period: 2031
      - id: a-1
        actions: []
        measure: m
        schedule: [{period: 全年}]
"""


def test_validate_names_each_work_plan_problem_at_its_line(wp_dir: Path, cli: Run) -> None:
    write(wp_dir / "workplans", "2024.yaml", BROKEN)
    write(
        wp_dir / "workplans",
        "2023.yaml",
        "workplan: {title: t}\nitems:\n  - id: b-1\n    actions: [talent-training]\n"
        "    measure: m\n    schedule: [{period: 上半年}]\n",
    )
    write(wp_dir / "workplans", "notes.yaml", "workplan: {year: 2025, title: t}\nitems: []\n")
    write(wp_dir / "workplans", "2030.yaml", "workplan: {year: 2030, title: t}\nitems: []\n")
    write(wp_dir / "workplans", "2022.yaml", "workplan: {year: 2023, title: t}\nitems: []\n")
    result = cli("validate", "--data", str(wp_dir), "--json")
    assert result.exit_code == 1
    found = {(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(result.stdout)}
    assert found == {
        ("2022.yaml", 1, "workplan-year-mismatch"),
        ("2023.yaml", 1, "missing-field"),
        ("2023.yaml", 6, "period-needs-year"),
        ("2024.yaml", 6, "unknown-action"),
        ("2024.yaml", 8, "unknown-indicator"),
        ("2024.yaml", 10, "invalid-period"),
        ("2024.yaml", 11, "period-year"),
        ("2024.yaml", 12, "duplicate-item-id"),
        ("2024.yaml", 13, "empty"),
        ("2030.yaml", 1, "year-outside-plan"),
        ("notes.yaml", 1, "workplan-file-name"),
    }
    # every other command refuses the broken data in the same words, and exits 1
    status = cli("status", "--data", str(wp_dir))
    assert status.exit_code == 1
    assert "2024.yaml:10: invalid-period" in status.stderr


def test_files_in_workplans_that_are_not_read_are_named(wp_dir: Path, cli: Run) -> None:
    """A work plan saved as 2023.yml, or linked in from elsewhere, is never silently skipped."""
    folder = wp_dir / "workplans"
    (folder / "2023.yml").write_text("workplan: {year: 2023, title: t}\nitems: []\n")
    (folder / "2025.yaml").symlink_to(folder / "2024.yaml")
    (folder / ".hidden.yaml.123.tmp").write_text("")  # a killed write's leftover: not data
    result = cli("validate", "--data", str(wp_dir), "--json")
    assert result.exit_code == 1
    found = {(Path(p["file"]).name, p["code"]) for p in json.loads(result.stdout)}
    assert found == {("2023.yml", "unexpected-file"), ("2025.yaml", "not-a-regular-file")}


def test_duplicate_item_ids_across_years_are_one_problem(wp_dir: Path, cli: Run) -> None:
    write(
        wp_dir / "workplans",
        "2025.yaml",
        "workplan: {year: 2025, title: t}\nitems:\n"
        "  - {id: y2024-1, actions: [talent-training], measure: m, schedule: [{period: 全年}]}\n",
    )
    result = cli("validate", "--data", str(wp_dir))
    assert result.exit_code == 1
    assert "2025.yaml:3: duplicate-item-id" in result.stderr
    assert "2024.yaml:8" in result.stderr  # where the id was first used


def test_workplan_json(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-04-10")
    result = cli("workplan", "2024", "--data", str(wp_dir), "--json")
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    assert view["day"] == "2024-04-10"
    assert view["workplan"]["issued"] == "2024-03-29"
    assert [(i["id"], i["state"]) for i in view["items"]] == [
        ("y2024-1", "not_started"),
        ("y2024-2", "overdue"),
    ]
    first = view["items"][0]
    assert first["content"][0]["quantity"] == {
        "target": 6,
        "unit": "次",
        "achieved": 0,
        "reached": False,
    }
    assert [(m["period"], m["end"], m["state"]) for m in first["schedule"]] == [
        ("上半年", "2024-06-30", "pending"),
        ("下半年", "2024-12-31", "pending"),
    ]
    assert first["actions"][0]["id"] == "talent-training"
    assert view["summary"]["overdue"] == 1 and view["summary"]["not_started"] == 1


def test_workplan_filters_and_as_of(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-04-10")
    by_unit = json.loads(cli("workplan", "--data", str(wp_dir), "--unit", "地方", "--json").stdout)
    assert [i["id"] for i in by_unit["items"]] == ["y2024-1"]  # a supporting unit counts
    overdue = json.loads(
        cli("workplan", "--data", str(wp_dir), "--state", "overdue", "--json").stdout
    )
    assert [i["id"] for i in overdue["items"]] == ["y2024-2"]
    # as of 2024 once it has ended: the states on 31 December 2024, whatever today is
    monkeypatch.setenv("IPPLAN_TODAY", "2026-03-01")
    at_end = json.loads(cli("workplan", "--data", str(wp_dir), "--as-of", "2024", "--json").stdout)
    assert at_end["day"] == "2024-12-31" and at_end["as_of"] == 2024
    assert {i["state"] for i in at_end["items"]} == {"overdue"}


def as_of_2024(cli: Run, wp_dir: Path) -> dict[str, Any]:
    """What each command with --as-of 2024 says of the day, the items and the actions."""

    def run(*args: str) -> Any:
        result = cli(*args, "--as-of", "2024", "--data", str(wp_dir))
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    status = run("status", "--json")
    show = run("show", "1", "--json")
    tasks = run("tasks", "--json")
    workplan = run("workplan", "--json")
    roadmap = run("roadmap", "--json")
    report = run("report", "--format", "json")
    listed = [a for area in tasks["areas"] for a in area["actions"]]
    reported = [a for area in report["areas"] for a in area["actions"]]
    cells = [
        (i["id"], i["state"])
        for area in roadmap["areas"]
        for a in area["actions"]
        for i in a["years"]["2024"]
    ]
    return {
        "days": [status["day"], show["day"], workplan["day"], roadmap["day"], report["day"]],
        "items": [(i["id"], i["state"]) for i in workplan["items"]],
        "roadmap": cells,
        "reported": [(i["id"], i["state"]) for i in report["work"]["workplans"][0]["items"]],
        "show": {a["id"]: a["status"] for a in show["actions"]},
        "tasks": {a["id"]: a["status"] for a in listed if a["id"] in TWO},
        "report": {a["id"]: a["status"] for a in reported if a["id"] in TWO},
    }


TWO = ("talent-training", "informatization")


def test_every_command_judges_as_of_a_year_on_one_day(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """status, show, tasks, workplan, roadmap and report judge --as-of 2024 on one day: the
    earlier of today and 31 December 2024. Once workplan, tasks and show's actions were judged
    on 31 December while status and show said the day was today, so on 10 April 2024 an item
    due in the second half of the year was already overdue and its action delayed."""
    monkeypatch.setenv("IPPLAN_TODAY", "2024-04-10")
    during = as_of_2024(cli, wp_dir)
    assert during == {
        "days": ["2024-04-10"] * 5,
        "items": [("y2024-1", "not_started"), ("y2024-2", "overdue")],
        "roadmap": [("y2024-1", "not_started"), ("y2024-2", "overdue")],
        "reported": [("y2024-1", "not_started"), ("y2024-2", "overdue")],
        "show": {"talent-attraction": "not_started", "talent-training": "not_started"},
        "tasks": {"talent-training": "not_started", "informatization": "delayed"},
        "report": {"talent-training": "not_started", "informatization": "delayed"},
    }
    monkeypatch.setenv("IPPLAN_TODAY", "2026-03-01")
    after = as_of_2024(cli, wp_dir)
    assert after == {
        "days": ["2024-12-31"] * 5,
        "items": [("y2024-1", "overdue"), ("y2024-2", "overdue")],
        "roadmap": [("y2024-1", "overdue"), ("y2024-2", "overdue")],
        "reported": [("y2024-1", "overdue"), ("y2024-2", "overdue")],
        "show": {"talent-attraction": "not_started", "talent-training": "delayed"},
        "tasks": {"talent-training": "delayed", "informatization": "delayed"},
        "report": {"talent-training": "delayed", "informatization": "delayed"},
    }


def test_workplan_in_the_terminal_both_languages(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-04-10")
    monkeypatch.setenv("COLUMNS", "80")
    zh = cli("workplan", "--data", str(wp_dir))
    assert zh.exit_code == 0
    assert "2024 年工作计划：2024年重点工作计划" in zh.stdout
    assert "工作措施" in zh.stdout and "负责部门" in zh.stdout
    assert "逾期" in zh.stdout
    assert "2 个工作项：未开始 1 · 逾期 1" in zh.stdout
    assert all(len(line) <= 80 for line in zh.stdout.splitlines()[1:])
    en = cli("workplan", "--data", str(wp_dir), "--lang", "en")
    assert "Work plan 2024" in en.stdout and "Measure" in en.stdout
    assert "2 item(s): not started 1 · overdue 1" in en.stdout


def test_workplan_refusals(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(wp_dir)
    missing = cli("workplan", "2023", "--data", str(wp_dir))
    assert missing.exit_code == 1
    assert "没有 2023 年的工作计划。已有：2024" in missing.stderr
    outside = cli("workplan", "--as-of", "2030", "--data", str(wp_dir))
    assert outside.exit_code == 1 and "2030" in outside.stderr
    monkeypatch.setenv("IPPLAN_TODAY", "2024-13-01")
    bad_day = cli("workplan", "--data", str(wp_dir))
    assert bad_day.exit_code == 1
    assert "IPPLAN_TODAY=2024-13-01" in bad_day.stderr
    usage = cli("workplan", "twenty", "--data", str(wp_dir))
    assert usage.exit_code == 2
    assert snapshot(wp_dir) == before


def test_no_work_plan_yet_says_how_to_start(plan_dir: Path, cli: Run) -> None:
    shutil.rmtree(plan_dir / "workplans", ignore_errors=True)
    result = cli("workplan", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "workplans/" in result.stderr


# --- progress: ipplan item, history and undo ----------------------------------------------------


def progress_files(directory: Path) -> list[str]:
    root = directory / "progress"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml")) if root.exists() else []


def test_item_records_progress_in_a_file_of_its_own(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    result = cli(
        "item", "y2024-1", "--done", "上半年", "--amount", "2", "--date", "2024-06-20",
        "--note", "两期培训", "--evidence", "协会通知〔2024〕12号", "--data", str(wp_dir),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "已记录工作项 y2024-1 的进展。" in result.stdout
    files = progress_files(wp_dir)
    assert len(files) == 1 and files[0].startswith("2024/y2024-1/")
    text = (wp_dir / "progress" / files[0]).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/progress.schema.json\n")
    plan = load(wp_dir)
    (event,) = plan.work.events_of("y2024-1")
    assert (event.milestone, event.amount, event.date) == (1, 2, D(2024, 6, 20))
    assert (event.note, event.evidence, event.done) == ("两期培训", "协会通知〔2024〕12号", False)
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["state"] == "in_progress"
    assert [m["state"] for m in view["schedule"]] == ["done", "pending"]
    assert view["schedule"][0]["done_on"] == "2024-06-20"
    assert view["content"][0]["quantity"]["achieved"] == 2
    assert view["next_due"] == {"number": 2, "period": "下半年", "end": "2024-12-31"}
    assert view["progress"][0]["unit"] == "次"
    # the rest of the amount reaches the quantity; the item is done only once its second
    # milestone is
    cli("item", "y2024-1", "--amount", "4", "--data", str(wp_dir))
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["state"] == "in_progress"
    assert view["content"][0]["quantity"]["reached"] is True
    cli("item", "y2024-1", "--done", "下半年", "--data", str(wp_dir))
    view = json.loads(cli("item", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert view["state"] == "done"
    assert len(progress_files(wp_dir)) == 3


def test_item_in_the_terminal(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("item", "y2024-1", "--done", "1", "--date", "2024-06-20", "--data", str(wp_dir))
    zh = cli("item", "y2024-1", "--data", str(wp_dir)).stdout
    assert "y2024-1 (2024)  推进中" in zh
    assert "✓ 上半年 开展培训2次 (2024-06-20 完成)" in zh
    assert "培训部负责，地方协会配合" in zh
    assert "下一节点：下半年（2024-12-31 到期）" in zh
    assert "2024-06-20  节点 1 完成" in zh
    en = cli("item", "y2024-1", "--data", str(wp_dir), "--lang", "en").stdout
    assert "y2024-1 (2024)  in progress" in en and "milestone 1 done" in en
    assert "培训部 leads; 地方协会 support" in en


def test_cancelling_an_item_and_what_is_refused_after(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    assert (
        cli("item", "y2024-2", "--cancel", "并入信息化专项", "--data", str(wp_dir)).exit_code == 0
    )
    view = json.loads(cli("item", "y2024-2", "--data", str(wp_dir), "--json").stdout)
    assert (view["state"], view["cancelled"]) == ("cancelled", "并入信息化专项")
    assert all(m["state"] != "overdue" for m in view["schedule"])  # nothing is owed any more
    before = snapshot(wp_dir)
    again = cli("item", "y2024-2", "--done", "--data", str(wp_dir))
    assert again.exit_code == 1 and "已取消" in again.stderr and "ipplan undo" in again.stderr
    assert snapshot(wp_dir) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope", "--done"], "未知工作项 nope"),
        (["y2024-1", "--done", "5"], "没有节点“5”"),
        (["y2024-1", "--done", "第三季度"], "没有节点“第三季度”"),
        (["y2024-2", "--amount", "3"], "没有数量目标"),
        (["y2024-1", "--amount", "0"], "不是正数"),
        (["y2024-1", "--amount", "abc"], "不是数值的一部分"),
        (["y2024-1", "--amount", "nan"], "不是有限数值"),
        (["y2024-1", "--done", "--date", "2024-08-01"], "晚于今天（2024-07-15）"),
        (["y2024-1", "--done", "--date", "2024-02-30"], "不是有效日期"),
        (["y2024-1", "--date", "2024-07-01"], "没有要记录的进展"),
        (["y2024-1", "--note", "x\x1b[31m"], "控制字符"),
    ],
)
def test_bad_progress_is_refused_and_changes_nothing(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    before = snapshot(wp_dir)
    result = cli("item", *args, "--data", str(wp_dir))
    assert result.exit_code == 1
    assert words in result.stderr
    assert result.stderr.count("\n") == 1  # one line, no traceback
    assert snapshot(wp_dir) == before


def test_usage_errors_of_item(wp_dir: Path, cli: Run) -> None:
    before = snapshot(wp_dir)
    assert cli("item", "y2024-1", "1", "--data", str(wp_dir)).exit_code == 2
    assert cli("item", "y2024-1", "--done", "--as-of", "2024", "--data", str(wp_dir)).exit_code == 2
    assert snapshot(wp_dir) == before


def test_progress_on_the_bundled_plan_is_refused(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipplan import locate

    monkeypatch.chdir(Path("/"))
    before = snapshot(locate.bundled_dir())
    result = cli("item", "y2022-5-1", "--done")
    assert result.exit_code == 1 and "ipplan init" in result.stderr
    assert snapshot(locate.bundled_dir()) == before


def test_history_and_undo_of_progress(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("record", "2023", "practitioners", "31000", "--data", str(wp_dir))
    cli("item", "y2024-1", "--done", "1", "--note", "首期", "--data", str(wp_dir))
    cli("item", "y2024-1", "--amount", "2", "--data", str(wp_dir))
    history = json.loads(cli("history", "--data", str(wp_dir), "--json").stdout)
    kinds = [(c["kind"], c.get("item"), c.get("amount")) for c in history["changes"]]
    assert kinds == [
        ("progress", "y2024-1", 2),
        ("progress", "y2024-1", None),
        ("actual", None, None),
    ]
    assert history["next_undo"]["changes"][0]["kind"] == "progress"
    only = json.loads(cli("history", "y2024-1", "--data", str(wp_dir), "--json").stdout)
    assert only["total"] == 2
    shown = cli("history", "--data", str(wp_dir)).stdout
    assert "y2024-1 开展专利信息人员培训" in shown and "完成 2 次" in shown

    dry = cli("undo", "--dry-run", "--data", str(wp_dir))
    assert "将撤销" in dry.stdout and len(progress_files(wp_dir)) == 2
    first = cli("undo", "--data", str(wp_dir))
    assert first.exit_code == 0
    assert "已撤销" in first.stdout and "对工作项 y2024-1 记录的进展：完成 2 次" in first.stdout
    assert len(progress_files(wp_dir)) == 1
    # the newest change is now that undo: undo again puts the event back (a redo) ...
    again = cli("undo", "--data", str(wp_dir))
    assert again.exit_code == 0
    assert "的撤销：" in again.stdout and "的改动已恢复" in again.stdout
    assert len(progress_files(wp_dir)) == 2
    # ... and is a step of its own, which the next undo takes back
    cli("undo", "--data", str(wp_dir))
    assert len(progress_files(wp_dir)) == 1
    assert [e.amount for e in load(wp_dir).work.events["y2024-1"]] == [None]


def test_progress_records_of_two_people_are_different_files(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two branches recording progress add different files, so git merges them."""
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("item", "y2024-1", "--done", "1", "--data", str(wp_dir))
    cli("item", "y2024-2", "--done", "1", "--data", str(wp_dir))
    cli("item", "y2024-1", "--amount", "1", "--data", str(wp_dir))
    files = progress_files(wp_dir)
    assert len(files) == 3 and len(set(files)) == 3
    assert [f.split("/")[1] for f in files] == ["y2024-1", "y2024-1", "y2024-2"]
    assert files == sorted(files)  # names are recorded times, in order


def test_a_broken_progress_record_is_a_problem_at_its_line(wp_dir: Path, cli: Run) -> None:
    folder = wp_dir / "progress" / "2024" / "y2024-2"
    folder.mkdir(parents=True)
    write(
        folder,
        "20240501T100000Z.yaml",
        """\
        recorded: "2024-05-01T10:00:00+00:00"
        item: y2024-2
        date: 2024-05-01
        milestone: 3
        amount: 2
        """,
    )
    other = wp_dir / "progress" / "2023" / "y2024-1"
    other.mkdir(parents=True)
    write(
        other,
        "20240501T100001Z.yaml",
        'recorded: "2024-05-01T10:00:01+00:00"\nitem: y2024-1\ndate: 2024-05-01\ndone: true\n',
    )
    result = cli("validate", "--data", str(wp_dir), "--json")
    assert result.exit_code == 1
    found = {(Path(p["file"]).parent.name, p["line"], p["code"]) for p in json.loads(result.stdout)}
    assert found == {
        ("y2024-2", 4, "unknown-milestone"),
        ("y2024-2", 5, "no-quantity"),
        ("y2024-1", 2, "unknown-item"),
    }


# --- due, roadmap, tasks ----------------------------------------------------------------------


def test_due_groups_by_unit(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-06-10")
    view = json.loads(cli("due", "--data", str(wp_dir), "--json").stdout)
    assert (view["overdue"], view["due_soon"], view["within"]) == (1, 1, 30)
    assert [g["unit"] for g in view["units"]] == ["信息部", "培训部"]
    overdue = view["units"][0]["items"][0]
    assert overdue["id"] == "y2024-2"
    assert overdue["milestones"] == [
        {
            "number": 1,
            "period": "第一季度",
            "end": "2024-03-31",
            "task": "完成方案",
            "state": "overdue",
            "days": -71,
        }
    ]
    soon = view["units"][1]["items"][0]
    assert (soon["id"], soon["milestones"][0]["days"], soon["support"]) == (
        "y2024-1",
        20,
        ["地方协会"],
    )
    only = json.loads(cli("due", "--unit", "地方", "--data", str(wp_dir), "--json").stdout)
    assert [g["unit"] for g in only["units"]] == ["培训部"]
    narrow = json.loads(cli("due", "--within", "7", "--data", str(wp_dir), "--json").stdout)
    assert (narrow["overdue"], narrow["due_soon"]) == (1, 0)
    text_out = cli("due", "--data", str(wp_dir)).stdout
    assert "截至 2024-06-10：逾期 1 项，30 天内到期 1 项" in text_out
    assert "! 第一季度 (2024-03-31) 逾期 71 天  完成方案" in text_out
    assert "· 上半年 (2024-06-30) 20 天后到期  开展培训2次" in text_out
    assert "配合：地方协会" in text_out
    en = cli("due", "--data", str(wp_dir), "--lang", "en").stdout
    assert "On 2024-06-10: 1 overdue, 1 due within 30 days" in en and "71 days overdue" in en
    monkeypatch.setenv("IPPLAN_TODAY", "2024-02-01")
    quiet = cli("due", "--data", str(wp_dir))
    assert "截至 2024-02-01，没有逾期或 30 天内到期的节点。" in quiet.stdout


def test_roadmap(wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("item", "y2024-1", "--done", "--data", str(wp_dir))
    view = json.loads(cli("roadmap", "--data", str(wp_dir), "--json").stdout)
    assert view["years"] == [2022, 2023, 2024, 2025]
    actions = {a["id"]: a for area in view["areas"] for a in area["actions"]}
    assert len(actions) == 18
    training = actions["talent-training"]
    assert training["years"]["2024"] == [
        {"year": 2024, "id": "y2024-1", "measure": "开展专利信息人员培训", "state": "done"}
    ]
    assert training["years"]["2022"] == []
    assert training["progress"] == {"done": 1, "counted": 1, "cancelled": 0, "share": 1.0}
    assert actions["informatization"]["progress"]["share"] == 0.0
    assert actions["public-image"]["progress"]["share"] is None
    # as of 2023, the 2024 work plan did not exist yet: a report as of a year shows nothing later
    earlier = json.loads(cli("roadmap", "--as-of", "2023", "--data", str(wp_dir), "--json").stdout)
    assert earlier["workplans"] == [] and earlier["day"] == "2023-12-31"
    assert all(a["years"]["2024"] == [] for ar in earlier["areas"] for a in ar["actions"])
    shown = cli("roadmap", "--data", str(wp_dir)).stdout
    assert "路线图：" in shown and "y2024-1" in shown and "完成 1/1" in shown


def test_tasks_show_work_items_and_say_where_the_status_comes_from(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-05-01")
    view = json.loads(cli("task", "informatization", "--data", str(wp_dir), "--json").stdout)
    assert (view["status"], view["status_source"]) == ("delayed", "work_plan")
    assert view["work_plan"]["items"][0]["id"] == "y2024-2"
    training = json.loads(cli("task", "talent-training", "--data", str(wp_dir), "--json").stdout)
    assert (training["status"], training["status_source"]) == ("not_started", "work_plan")
    public = json.loads(cli("task", "public-image", "--data", str(wp_dir), "--json").stdout)
    assert (public["status"], public["status_source"]) == ("not_started", "plan")
    # a status set by hand stands, and says so
    cli("task", "informatization", "--status", "in_progress", "--data", str(wp_dir))
    hand = json.loads(cli("task", "informatization", "--data", str(wp_dir), "--json").stdout)
    assert (hand["status"], hand["status_source"]) == ("in_progress", "manual")
    shown = cli("task", "talent-training", "--data", str(wp_dir)).stdout
    assert "状态：未启动（由工作计划事项推算）" in shown
    assert "工作计划事项  完成 0/1 (0%)" in shown
    assert "2024  y2024-1  未开始  开展专利信息人员培训" in shown
    listed = json.loads(cli("tasks", "--status", "delayed", "--data", str(wp_dir), "--json").stdout)
    assert listed["areas"] == []  # informatization's status is now set by hand
    table = cli("tasks", "--area", "capability", "--data", str(wp_dir)).stdout
    assert "未启动*" in table and "状态由工作计划事项推算" in table
    # once the plan's period is over, all items done makes the action completed
    cli("item", "y2024-1", "--done", "--data", str(wp_dir))
    monkeypatch.setenv("IPPLAN_TODAY", "2026-01-05")
    done = json.loads(cli("task", "talent-training", "--data", str(wp_dir), "--json").stdout)
    assert done["status"] == "completed"


def test_validate_strict_fails_on_overdue_milestones_plain_validate_does_not(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def milestones(result: Result) -> list[tuple[str, int, str]]:
        found = [(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(result.stdout)]
        return [f for f in found if f[2] == "overdue-milestone"]

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    assert cli("validate", "--data", str(wp_dir)).exit_code == 0
    strict = cli("validate", "--strict", "--data", str(wp_dir), "--json")
    assert strict.exit_code == 1
    assert milestones(strict) == [
        ("2024.yaml", 17, "overdue-milestone"),
        ("2024.yaml", 28, "overdue-milestone"),
    ]
    text_out = cli("validate", "--strict", "--data", str(wp_dir))
    assert "y2024-2 的第 1 个节点（第一季度，2024-03-31 到期）已逾期" in text_out.stderr
    # done in time, no milestone is late
    cli("item", "y2024-1", "--done", "1", "--data", str(wp_dir))
    cli("item", "y2024-2", "--done", "1", "--data", str(wp_dir))
    assert milestones(cli("validate", "--strict", "--data", str(wp_dir), "--json")) == []
    monkeypatch.setenv("IPPLAN_TODAY", "2025-01-01")
    late = cli("validate", "--strict", "--data", str(wp_dir), "--json")
    assert {line for _, line, _ in milestones(late)} == {19, 30}  # second half, last quarter


def test_validate_strict_fails_on_overdue_yearly_figures(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    data = ("--data", str(plan_dir))
    # 2022's figures: practitioners and litigators due 8 months after the year (2023-08-31),
    # revenue 12 months after (2023-12-31); 2023's are not due until 2024-08-31
    late = json.loads(cli("validate", "--strict", *data, "--json").stdout)
    figures = [p for p in late if p["code"] == "overdue-figure"]
    assert [p["message"].split("的 ")[0] for p in figures] == [
        "执业专利代理师人数",
        "专利代理机构总营业收入",
        "诉讼型人才",
    ]
    assert all(Path(p["file"]).name == "indicators.yaml" for p in figures)
    assert all("2022" in p["message"] for p in figures)
    lines = (plan_dir / "indicators.yaml").read_text(encoding="utf-8").splitlines()
    assert all("published_after_months" in lines[p["line"] - 1] for p in figures)
    # recorded, a figure is no longer late; plain validate never judges lateness
    cli("record", "2022", "practitioners", "31347", *data)
    late = json.loads(cli("validate", "--strict", *data, "--json").stdout)
    assert [p["message"].split("的 ")[0] for p in late if p["code"] == "overdue-figure"] == [
        "专利代理机构总营业收入",
        "诉讼型人才",
    ]
    assert cli("validate", *data).exit_code == 0


# --- import of a table in the seed 004 shape --------------------------------------------------

TABLE = """\
编号,对应行动,工作措施,工作目标,具体内容,进度安排,负责部门
,talent-training,（十一）加强专利信息传播与利用,开展专利信息人员培训工作。,"1.推动指南实施。
2.开展专利信息人员培训6次。","上半年,推动指南实施，开展培训2次。
下半年,开展培训4次。",省局、研究与服务中心负责
,informatization,推进行业信息化,,,"第一季度,完成方案
第三、四季度,争取正式出台。",省局负责，地方局配合
,,,,,全年跟踪做好筹建工作,
"""


def test_import_a_table_into_a_work_plan(bare_dir: Path, cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(TABLE, encoding="utf-8")
    result = cli(
        "workplan-import",
        str(source),
        "--year",
        "2024",
        "--issuer",
        "协会",
        "--data",
        str(bare_dir),
    )
    assert result.exit_code == 0, result.stderr
    assert "已从 t.csv 导入 2 个工作项" in result.stdout
    wp = load(bare_dir).work.plan(2024)
    assert (wp.info.title, wp.info.issuer) == ("2024年工作计划", "协会")
    first, second = wp.items
    assert first.id == "y2024-1" and first.actions == ["talent-training"]
    assert [c.text for c in first.content] == ["推动指南实施。", "开展专利信息人员培训6次。"]
    assert first.content[1].quantity is not None
    assert (first.content[1].quantity.target, first.content[1].quantity.unit) == (6, "次")
    assert [(m.period, m.task) for m in first.schedule] == [
        ("上半年", "推动指南实施，开展培训2次。"),
        ("下半年", "开展培训4次。"),
    ]
    assert (first.lead, first.support) == ("省局、研究与服务中心", [])
    assert (second.lead, second.support) == ("省局", ["地方局"])
    # the last row continues the item above it, as merged cells do
    assert [m.period for m in second.schedule] == ["第一季度", "第三、四季度", "全年"]
    again = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert again.exit_code == 1 and "已存在" in again.stderr and "--force" in again.stderr
    forced = cli(
        "workplan-import", str(source), "--year", "2024", "--force", "--data", str(bare_dir)
    )
    assert forced.exit_code == 0


def test_import_from_excels_gbk_csv(bare_dir: Path, cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "gbk.csv"
    source.write_bytes(TABLE.encode("gbk"))
    assert (
        cli("workplan-import", str(source), "--year", "2023", "--data", str(bare_dir)).exit_code
        == 0
    )
    # the table's numbering of a measure is dropped, as a content line's is
    assert load(bare_dir).work.plan(2023).items[0].measure == "加强专利信息传播与利用"


def test_import_is_all_or_nothing_with_every_problem_at_its_row(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        "编号,对应行动,工作措施,进度安排,负责部门\n"
        ',talent-trainin,措施一,"第一季度,做点事",省局负责\n'
        "a-1,,措施二,统计调查根据要求完成,\n"
        ",informatization,措施三,,\n"
        ",informatization,措施四,6月前完成,\n"
        "A!,informatization,措施五,全年,\n",
        encoding="utf-8",
    )
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    found = [line.split(": ")[0:2] for line in result.stderr.splitlines()[:-1]]
    assert [(where.rsplit(":", 1)[1], code) for where, code in found] == [
        ("2", "unknown-action"),
        ("3", "missing-actions"),
        ("3", "schedule-without-period"),
        ("4", "missing-schedule"),
        ("5", "schedule-unsure-period"),  # 6月前完成 could mean two ends
        ("6", "invalid-id"),
    ]
    assert "未导入任何数据" in result.stderr
    assert snapshot(bare_dir) == before


def test_an_import_the_whole_plan_refuses_changes_no_file(
    wp_dir: Path, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every row is right, but progress is recorded on an item the new table no longer has.
    The import is refused before anything is written, as every change is
    (ipplan.write.commit): no file is written, not even written and put back."""
    monkeypatch.setenv("IPPLAN_TODAY", "2024-12-10")
    data = ["--data", str(wp_dir)]
    assert cli("item", "y2024-1", "--done", "1", "--date", "2024-06-20", *data).exit_code == 0
    source = tmp_path / "renamed.csv"
    source.write_text(
        TABLE.replace("\n,talent", "\nz-1,talent").replace("\n,inform", "\nz-2,inform"),
        encoding="utf-8",
    )
    before = snapshot(wp_dir)
    identity = {
        p: (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in wp_dir.rglob("*")
    }
    result = cli("workplan-import", str(source), "--year", "2024", "--force", *data)
    assert result.exit_code == 1
    codes = [line.split(": ")[1] for line in result.stderr.splitlines()[:-1]]
    assert codes == ["progress-item-not-in-table"]
    assert "y2024-1" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(wp_dir) == before
    assert {
        p: (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in wp_dir.rglob("*")
    } == identity
    assert [i.id for i in load(wp_dir).work.plan(2024).items] == ["y2024-1", "y2024-2"]


def test_import_refusals(bare_dir: Path, cli: Run, tmp_path: Path) -> None:
    before = snapshot(bare_dir)
    missing = cli(
        "workplan-import", str(tmp_path / "no.csv"), "--year", "2024", "--data", str(bare_dir)
    )
    assert missing.exit_code == 1 and "不存在" in missing.stderr
    junk = tmp_path / "x.xlsx"
    junk.write_bytes(b"\xff\xfe not a zip")
    broken = cli("workplan-import", str(junk), "--year", "2024", "--data", str(bare_dir))
    assert broken.exit_code == 1 and "not-a-workbook" in broken.stderr
    nohead = tmp_path / "h.csv"
    nohead.write_text("a,b\n1,2\n", encoding="utf-8")
    no_columns = cli("workplan-import", str(nohead), "--year", "2024", "--data", str(bare_dir))
    assert no_columns.exit_code == 1 and "missing-column" in no_columns.stderr
    outside = cli("workplan-import", str(nohead), "--year", "2031", "--data", str(bare_dir))
    assert outside.exit_code == 1 and "2031" in outside.stderr
    usage = cli("workplan-import", str(nohead), "--data", str(bare_dir))
    assert usage.exit_code == 2
    assert snapshot(bare_dir) == before


# --- reports ----------------------------------------------------------------------------------


def test_reports_show_the_roadmap_and_each_years_work_plan(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-12-10")
    cli("item", "y2024-1", "--done", "1", "--date", "2024-06-20", "--data", str(wp_dir))
    report = json.loads(cli("report", "--format", "json", "--data", str(wp_dir)).stdout)
    work = report["work"]
    assert work["day"] == "2024-12-10"
    assert [w["workplan"]["year"] for w in work["workplans"]] == [2024]
    assert [i["state"] for i in work["workplans"][0]["items"]] == ["in_progress", "overdue"]
    training = next(
        a
        for area in work["roadmap"]["areas"]
        for a in area["actions"]
        if a["id"] == "talent-training"
    )
    assert training["years"]["2024"][0]["state"] == "in_progress"
    actions = {a["id"]: a for area in report["areas"] for a in area["actions"]}
    assert actions["informatization"]["status"] == "delayed"
    assert actions["informatization"]["status_source"] == "work_plan"
    md = cli("report", "--format", "md", "--data", str(wp_dir)).stdout
    assert "## 路线图" in md and "状态按 2024-12-10" in md
    assert "| y2024-1 | 开展专利信息人员培训 | 上半年：已完成 2024-06-20; 下半年：未到期 |" in md
    html = cli("report", "--format", "html", "--data", str(wp_dir)).stdout
    assert '<section id="roadmap">' in html and '<section id="workplans">' in html
    assert "y2024-2 逾期" in html
    # as of 2023, the 2024 work plan is not in the report at all
    earlier = json.loads(
        cli("report", "--format", "json", "--as-of", "2023", "--data", str(wp_dir)).stdout
    )
    assert earlier["work"]["workplans"] == []
    assert all(
        a["years"]["2024"] == []
        for area in earlier["work"]["roadmap"]["areas"]
        for a in area["actions"]
    )
    assert (
        "y2024"
        not in cli("report", "--format", "md", "--as-of", "2023", "--data", str(wp_dir)).stdout
    )


def test_the_workbooks_work_plan_sheet_imports_back(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("item", "y2024-1", "--done", "1", "--data", str(wp_dir))
    book = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(book), "--data", str(wp_dir)).exit_code == 0
    sheet = load_workbook(book)["2024年工作计划"]
    about = [[c.value for c in row][:2] for row in sheet.iter_rows(max_row=4)]
    assert about == [
        ["年度", "2024"],
        ["标题", "2024年重点工作计划"],
        ["印发单位", "中华全国专利代理师协会"],
        ["印发日期", "2024-03-29"],
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows[0] == [
        "编号",
        "所属部分",
        "对应行动",
        "工作措施",
        "工作目标",
        "具体内容",
        "进度安排",
        "负责部门",
        "服务指标",
        "状态",
    ]
    assert rows[1][0] == "y2024-1" and rows[1][2] == "talent-training"
    assert rows[1][6] == "上半年，开展培训2次\n下半年，开展培训4次"
    assert rows[1][7] == "培训部负责，地方协会配合"
    assert rows[1][8] == "practitioners"
    assert rows[1][9] == "推进中\n1. 上半年：已完成 2024-07-15\n2. 下半年：未到期"
    before = load(wp_dir).work.plan(2024)
    back = cli("workplan-import", str(book), "--year", "2024", "--force", "--data", str(wp_dir))
    assert back.exit_code == 0, back.stderr
    after = load(wp_dir).work.plan(2024)
    assert after.items == before.items  # the same items, field for field
    # title, issuer and date from the rows above the header; stamped now as imported
    assert after.info.imported is not None
    assert after.info._replace(imported=None) == before.info


def test_the_english_workbooks_work_plan_sheet_imports_back(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The English sheet says everything in English but the plan's own text, and reads back
    to the same items: English headers, "培训部 leads; 地方协会 support", "上半年, 开展培训2次"."""
    from openpyxl import load_workbook

    from ipplan.workplans.tables import units_of

    assert units_of("省局 leads; 地方局, 市局 support") == ("省局", ["地方局", "市局"])
    assert units_of("地方局, 市局 support") == (None, ["地方局", "市局"])
    assert units_of("省局 leads") == ("省局", [])
    assert units_of("省局负责，地方局、市局配合") == ("省局", ["地方局", "市局"])

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    cli("item", "y2024-1", "--done", "1", "--data", str(wp_dir))
    book = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(book), "--lang", "en", "--data", str(wp_dir)).exit_code == 0
    sheet = load_workbook(book)["Work plan 2024"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [row[:2] for row in rows[:4]] == [
        ["year", "2024"],
        ["title", "2024年重点工作计划"],
        ["issuer", "中华全国专利代理师协会"],
        ["issued", "2024-03-29"],
    ]
    rows = rows[4:]
    assert rows[0] == [
        "id",
        "section",
        "actions",
        "measure",
        "goal",
        "content",
        "schedule",
        "units",
        "indicators",
        "state",
    ]
    assert rows[1][6] == "上半年, 开展培训2次\n下半年, 开展培训4次"
    assert rows[1][7] == "培训部 leads; 地方协会 support"
    assert rows[1][9] == "in progress\n1. 上半年: done 2024-07-15\n2. 下半年: pending"
    before = load(wp_dir).work.plan(2024)
    back = cli(
        "workplan-import", str(book), "--year", "2024", "--force", "--title", before.info.title,
        "--data", str(wp_dir),
    )  # fmt: skip
    assert back.exit_code == 0, back.stderr
    assert load(wp_dir).work.plan(2024).items == before.items


def test_init_copies_the_shipped_work_plans(cli: Run, tmp_path: Path) -> None:
    from tests.conftest import SHIPPED

    target = tmp_path / "mine"
    assert cli("init", str(target)).exit_code == 0
    shipped = sorted(p.name for p in (SHIPPED / "workplans").glob("*.yaml"))
    assert shipped and sorted(p.name for p in (target / "workplans").glob("*.yaml")) == shipped
    assert load(target).work.years == load(SHIPPED).work.years


def test_show_gives_an_actions_status_as_tasks_does(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-05-01")
    shown = json.loads(cli("show", "it_coverage", "--data", str(wp_dir), "--json").stdout)
    informatization = next(a for a in shown["actions"] if a["id"] == "informatization")
    assert (informatization["status"], informatization["status_source"]) == ("delayed", "work_plan")
    listed = json.loads(cli("task", "informatization", "--data", str(wp_dir), "--json").stdout)
    assert listed["status"] == informatization["status"]


def test_a_unit_no_item_names_is_refused_not_answered_with_nothing(
    wp_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    for command in ("due", "workplan"):
        result = cli(command, "--unit", "宣传部", "--data", str(wp_dir))
        assert result.exit_code == 1
        assert "没有工作项由“宣传部”负责或配合" in result.stderr
        assert "培训部" in result.stderr  # the units there are


def test_as_of_a_year_no_later_work_plan_is_shown(wp_dir: Path, cli: Run) -> None:
    write(wp_dir / "workplans", "2025.yaml", WORKPLAN.replace("2024", "2025"))
    data = ("--data", str(wp_dir), "--json")
    # without a year, as of 2024 the 2024 plan, never 2025's, whatever today is
    shown = json.loads(cli("workplan", "--as-of", "2024", *data).stdout)
    assert shown["workplan"]["year"] == 2024
    later = cli("workplan", "2025", "--as-of", "2024", "--data", str(wp_dir))
    assert later.exit_code == 1
    assert "2025 年的工作计划晚于 --as-of 2024" in later.stderr
    assert cli("workplan", "2024", "--as-of", "2024", *data).exit_code == 0


def test_a_table_numbered_1_2_3_gets_item_ids_of_its_year(plan_dir: Path, cli: Run) -> None:
    table = plan_dir.parent / "numbered.csv"
    table.write_text(
        "编号,工作措施,工作目标,具体内容,进度安排,负责部门,对应行动\n"
        "1,措施甲,目标,内容,全年,秘书处,talent-training\n"
        "2.1,措施乙,目标,内容,6月底前,秘书处,talent-training\n",
        encoding="utf-8",
    )
    result = cli("workplan-import", str(table), "--year", "2024", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    shown = cli("workplan", "2024", "--json", "--data", str(plan_dir)).stdout
    ids = [item["id"] for item in json.loads(shown)["items"]]
    assert ids == ["y2024-1", "y2024-2-1"]


def test_a_file_where_the_work_plans_directory_belongs_is_reported(
    cli: Run, plan_dir: Path
) -> None:
    shutil.rmtree(plan_dir / "workplans", ignore_errors=True)
    (plan_dir / "workplans").write_text("garbage: [\n", encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir), "--lang", "en")
    assert result.exit_code == 1
    assert "workplans:1: unexpected-file" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("status", "--json"),
        ("show", "practitioners"),
        ("tasks",),
        ("task", "talent-attraction"),
        ("workplan",),
        ("workplan", "--json"),
        ("item", "y2022-1"),
        ("due",),
        ("due", "--within", "3660"),
        ("due", "--json"),
        ("roadmap",),
        ("validate",),
        ("report",),
        ("history",),
        ("overview",),
    ],
    ids=" ".join,
)
def test_every_read_command_works_on_the_last_day_a_date_holds(
    cli: Run, shipped_dir: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "9999-12-31")  # due's horizon passed year 9999
    done = cli(*command, "--data", str(shipped_dir))
    assert done.exit_code == 0, done.output
