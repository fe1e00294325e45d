"""A work-plan table imported into a plan with no actions yet (a province's plan made with
``new --member-of``), and the actions a message suggests: only the plan's own
(docs/work-plans.md, "Importing a table")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, snapshot

TABLE = (
    "工作措施,工作目标,具体内容,进度安排,负责部门,对应行动\n"
    "加强培训,x,开展培训6次,第一季度，完成A。,省局,{action}\n"
)


@pytest.fixture
def province(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose national plan has actions, and the province zj made from it with
    ``new --member-of national`` (no actions: --with-actions not given)."""
    from tests.workspaces.test_workspaces import build_workspace

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    root = build_workspace(tmp_path / "ws", cli)
    monkeypatch.chdir(root)
    done = cli("new", "provinces/sh", "--member-of", "national", "--title", "上海市计划")
    assert done.exit_code == 0, done.stderr
    return root


def test_a_plan_without_actions_refuses_a_work_plan_with_one_message(
    province: Path, cli: Run
) -> None:
    table = province / "p8.csv"
    table.write_text(TABLE.format(action="talent-training"), encoding="utf-8")
    before = snapshot(province)
    zh = cli("workplan-import", "p8.csv", "--year", "2024", "--plan", "sh")
    assert zh.exit_code == 1
    sh = province / "provinces" / "sh"
    assert zh.stderr == (
        f"错误：{sh} 中的计划还没有行动，而工作计划的每个工作项都须对应计划中的一项行动。"
        f"请先在 {sh}/tasks.yaml 中写入领域和行动，或新建计划时加 --with-actions 接续"
        "上级或上一期计划的行动（如 ipplan new DIR --member-of NAME --with-actions），再导入。\n"
    )
    en = cli("workplan-import", "p8.csv", "--year", "2024", "--plan", "sh", "--lang", "en")
    assert en.exit_code == 1
    assert en.stderr == (
        f"error: the plan in {sh} has no actions yet, and each item of a work plan "
        "answers to one of the plan's actions; write its areas and actions in "
        f"{sh}/tasks.yaml, or make the plan with --with-actions to carry its parent's or "
        "previous plan's (as in ipplan new DIR --member-of NAME --with-actions), then import "
        "again\n"
    )
    assert snapshot(province) == before


def test_a_member_plan_made_with_actions_takes_the_work_plan(province: Path, cli: Run) -> None:
    done = cli(
        "new", "provinces/gz", "--member-of", "national", "--title", "贵州省计划",
        "--with-actions",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == (
        "一并接续了 18 项行动与保障措施（状态为未启动，无截止日期）。"
    )
    table = province / "p8.csv"
    table.write_text(TABLE.format(action="talent-training"), encoding="utf-8")
    imported = cli("workplan-import", "p8.csv", "--year", "2024", "--plan", "gz")
    assert imported.exit_code == 0, imported.stderr
    assert (province / "provinces" / "gz" / "workplans" / "2024.yaml").exists()


def test_a_missing_action_is_suggested_from_the_plans_own(province: Path, cli: Run) -> None:
    tasks = province / "provinces" / "sh" / "tasks.yaml"
    tasks.write_text(
        "areas:\n  - {id: outreach, number: 1, title: 宣传, title_en: Outreach}\n"
        "actions:\n  - {id: press-work, area: outreach, title: 宣传工作, title_en: Press work,"
        " measures: [宣传], indicators: [], lead: null, due: null, status: not_started}\n",
        encoding="utf-8",
    )
    table = province / "p7.csv"
    table.write_text(
        "工作措施,工作目标,具体内容,进度安排,负责部门\n加强培训,x,开展培训6次,第一季度，完成A。,省局\n",
        encoding="utf-8",
    )
    wrong = province / "p9.csv"
    wrong.write_text(TABLE.format(action="talent-training"), encoding="utf-8")
    before = snapshot(province)
    zh = cli("workplan-import", "p7.csv", "--year", "2024", "--plan", "sh")
    assert zh.exit_code == 1
    assert (
        "p7.csv:2: missing-actions: 此行的工作项缺少“对应行动”："
        "请填写计划中的行动编号，如 press-work" in zh.stderr.splitlines()
    )
    assert "talent-training" not in zh.stderr
    en = cli("workplan-import", "p7.csv", "--year", "2024", "--plan", "sh", "--lang", "en")
    assert (
        "p7.csv:2: missing-actions: this row's item has no 对应行动 (actions): write the plan's "
        "action ids, such as press-work"
    ) in en.stderr.splitlines()
    unknown = cli("workplan-import", "p9.csv", "--year", "2024", "--plan", "sh")
    assert unknown.exit_code == 1
    assert "talent-training" in unknown.stderr  # the unknown id, as written
    assert "talent-training）" not in unknown.stderr and "如 talent" not in unknown.stderr
    assert snapshot(province) == before
