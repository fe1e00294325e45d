"""`ipplan task`: an action's lead unit and due date cleared; setting and clearing one refused."""

from __future__ import annotations

import json
from pathlib import Path

from ipplan.files import layout
from tests.conftest import Run, load, snapshot


def test_a_lead_unit_and_a_due_date_can_be_cleared(cli: Run, plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    set_ = cli("task", "talent-training", "--lead", "培训部", "--due", "2025-06-30", *data)
    assert set_.exit_code == 0
    cleared = cli("task", "talent-training", "--no-lead", "--no-due", "--json", *data)
    assert cleared.exit_code == 0
    view = json.loads(cleared.stdout)
    assert (view["lead"], view["due"]) == (None, None)
    assert view["updates"][-1]["cleared"] == ["lead", "due"]
    state = load(plan_dir).state(load(plan_dir).action("talent-training"))
    assert (state.lead, state.due) == (None, None)
    shown = cli("task", "talent-training", *data).stdout
    assert "牵头单位：—" in shown and "牵头单位 → （已清除）" in shown
    # clearing what is already empty changes nothing
    before = snapshot(plan_dir)
    again = cli("task", "talent-training", "--no-lead", *data)
    assert again.exit_code == 0 and "没有变化" in again.stdout
    assert snapshot(plan_dir) == before
    # undo brings them back
    assert cli("undo", *data).exit_code == 0
    state = load(plan_dir).state(load(plan_dir).action("talent-training"))
    assert (state.lead, str(state.due)) == ("培训部", "2025-06-30")
    assert cli("validate", *data).exit_code == 0


def test_setting_and_clearing_one_field_is_refused(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    result = cli("task", "talent-training", "--lead", "x", "--no-lead", "--data", str(plan_dir))
    assert result.exit_code == 2
    assert "--lead 与 --no-lead 不能同时使用" in result.stderr
    assert snapshot(plan_dir) == before
    assert layout.LOCK_NAME not in snapshot(plan_dir)
