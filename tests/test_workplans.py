"""Work plans: periods, the state rules of methodology.md, validation, and `ipplan workplan`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ipplan.workplans.model import Content, Item, Milestone, ProgressEvent, Quantity
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


def test_a_quantity_target_is_done_when_the_amounts_reach_it() -> None:
    it = item("上半年", "下半年", quantities=(6,))
    two = event(D(2024, 5, 1), amount=2)
    assert state_on(it, D(2024, 5, 2), two) is ItemState.in_progress  # an amount is progress
    assert state_on(it, D(2024, 7, 1), two) is ItemState.overdue
    four = event(D(2024, 9, 1), amount=4)
    standing = assess_item(
        it, 2024, [parse("上半年", 2024), parse("下半年", 2024)], [two, four], D(2024, 9, 2)
    )
    assert standing.state is ItemState.done
    assert standing.quantities[0].achieved == 6
    # a finished item owes nothing: its open milestones are not overdue
    assert all(m.state is not MilestoneState.overdue for m in standing.milestones)
    assert due_within(standing, 365) == []


def test_several_quantities_must_all_be_reached() -> None:
    it = item("全年", quantities=(6, 2))
    a = event(D(2024, 3, 1), amount=6, content=1)
    b = event(D(2024, 4, 1), amount=1, content=2)
    assert state_on(it, D(2024, 5, 1), a, b) is ItemState.in_progress
    c = event(D(2024, 6, 1), amount=1, content=2)
    assert state_on(it, D(2024, 6, 1), a, b, c) is ItemState.done


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
    # as of 2024: the states on 31 December 2024, whatever today is
    at_end = json.loads(cli("workplan", "--data", str(wp_dir), "--as-of", "2024", "--json").stdout)
    assert at_end["day"] == "2024-12-31" and at_end["as_of"] == 2024
    assert {i["state"] for i in at_end["items"]} == {"overdue"}


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
    assert "2 items: not started 1 · overdue 1" in en.stdout


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
    result = cli("workplan", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "workplans/" in result.stderr
