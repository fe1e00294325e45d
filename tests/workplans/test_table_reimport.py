"""Importing a work-plan table again with --force: progress follows its item to the item's new
id in the import's one change, and progress whose item left the table is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot

HEAD = "工作措施,工作目标,具体内容,进度安排,负责部门,对应行动,状态\n"
MEETING = "召开年会,x,y,全年,省局,talent-training,"
TRAINING = "开展培训,x,y,全年,省局,talent-training,"
FIRST = HEAD + MEETING + "\n" + TRAINING + "已完成 2024-06-30\n"
# a row added above the two: each keeps its content, its id moves one down
SECOND = HEAD + "新增：编制规划,x,y,全年,省局,talent-training,\n" + MEETING + "\n" + TRAINING + "\n"

# judged on 15 July 2024, in the middle of the tables' year (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("mid_2024")


def table(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("gbk"))
    return path


def run_import(cli: Run, directory: Path, source: Path, *more: str) -> object:
    return cli("workplan-import", str(source), "--year", "2024", "--data", str(directory), *more)


def states(directory: Path) -> dict[str, tuple[str, list[tuple[object, ...]]]]:
    """Each item's measure and its progress (date, done)."""
    plan = load(directory)
    return {
        item.id: (
            item.measure,
            [(e.date.isoformat(), e.done) for e in plan.work.events_of(item.id)],
        )
        for _, item in plan.work.items()
    }


def test_progress_follows_its_item_to_its_new_id_in_one_undo_step(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    first = run_import(cli, bare_dir, table(tmp_path, "r1.csv", FIRST))
    assert first.exit_code == 0, first.stderr
    assert states(bare_dir)["y2024-2"] == ("开展培训", [("2024-06-30", True)])
    after_first = snapshot(bare_dir)
    second = run_import(cli, bare_dir, table(tmp_path, "r2.csv", SECOND), "--force")
    assert second.exit_code == 0, second.stderr
    assert states(bare_dir) == {
        "y2024-1": ("新增：编制规划", []),
        "y2024-2": ("召开年会", []),
        "y2024-3": ("开展培训", [("2024-06-30", True)]),
    }
    validated = cli("validate", "--data", str(bare_dir))
    assert validated.exit_code == 0, validated.stdout + validated.stderr
    # one change: one history entry, and one undo puts back the first import as it was
    shown = cli("history", "--data", str(bare_dir))
    assert shown.stdout.count("导入工作计划") == 2, shown.stdout
    assert "开展培训" not in shown.stdout.split("导入工作计划")[1]
    undone = cli("undo", "--data", str(bare_dir))
    assert undone.exit_code == 0, undone.stderr
    # every file as after the first import, beside the record of what the undo took back
    now = snapshot(bare_dir)
    assert [name for name in now if name.startswith("undone/")] != []
    assert {k: v for k, v in now.items() if not k.startswith("undone/")} == after_first


def test_progress_whose_item_left_the_table_is_refused_naming_it(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    assert run_import(cli, bare_dir, table(tmp_path, "r1.csv", FIRST)).exit_code == 0
    before = snapshot(bare_dir)
    other = HEAD + "编制年报,x,y,全年,省局,talent-training,\n" + MEETING + "\n"
    result = run_import(cli, bare_dir, table(tmp_path, "t5.csv", other), "--force")
    assert result.exit_code == 1
    assert "progress-item-not-in-table" in result.stderr
    assert "y2024-2（开展培训）" in result.stderr
    assert "1 条进展" in result.stderr
    assert "ipplan undo" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(bare_dir) == before


def test_the_state_column_of_a_moved_item_is_not_recorded_twice(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    assert run_import(cli, bare_dir, table(tmp_path, "r1.csv", FIRST)).exit_code == 0
    again = SECOND.replace(TRAINING + "\n", TRAINING + "已完成 2024-06-30\n")
    result = run_import(cli, bare_dir, table(tmp_path, "r2.csv", again), "--force")
    assert result.exit_code == 0, result.stderr
    assert states(bare_dir)["y2024-3"] == ("开展培训", [("2024-06-30", True)])
    assert states(bare_dir)["y2024-2"] == ("召开年会", [])


def test_an_import_replaced_with_force_stays_one_history_entry(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = table(tmp_path, "r1.csv", FIRST)
    assert run_import(cli, bare_dir, source).exit_code == 0
    assert run_import(cli, bare_dir, source, "--force").exit_code == 0
    shown = cli("history", "--data", str(bare_dir)).stdout
    lines = [line for line in shown.splitlines() if "导入工作计划" in line]
    assert len(lines) == 2, shown
    assert "导入工作计划（2 项）" in lines[0]
    assert "导入工作计划（2 项），连同状态列的 1 条进展" in lines[1]
    assert "整项完成" not in shown
