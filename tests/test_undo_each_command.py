"""Every command that writes is one entry of ``history`` and one step of ``undo``: undo right
after it puts every file back as it was, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.files.test_journal import files

TABLE = """\
编号,对应行动,工作措施,工作目标,具体内容,进度安排,负责部门
,talent-training,加强专利信息传播与利用,开展专利信息人员培训工作。,"1.推动指南实施。
2.开展专利信息人员培训6次。","上半年,推动指南实施，开展培训2次。
下半年,开展培训4次。",省局、研究与服务中心负责
,informatization,推进行业信息化,,,"第一季度,完成方案
第三、四季度,争取正式出台。",省局负责，地方局配合
"""

OTHER = """\
编号,对应行动,工作措施,进度安排,负责部门
,informatization,另一项措施,"下半年,完成",省局负责
"""


def table(tmp_path: Path, text: str = TABLE, name: str = "t.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def ok(cli: Run, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_undo_after_workplan_import_removes_the_work_plan_not_an_older_change(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    data = ("--data", str(shipped_dir))
    before = files(shipped_dir)
    ok(cli, "workplan-import", table(tmp_path), "--year", "2024", *data)
    assert "workplans/2024.yaml" in files(shipped_dir)
    shown = json.loads(ok(cli, "history", "--json", *data))
    assert shown["changes"][0]["kind"] == "workplan"
    assert (shown["changes"][0]["year"], shown["changes"][0]["items"]) == (2024, 2)
    assert [c["kind"] for c in shown["next_undo"]["changes"]] == ["workplan"]
    said = ok(cli, "undo", "--lang", "en", *data)
    assert "Reverted: the 2024 work plan '2024年工作计划' imported" in said
    assert files(shipped_dir) == before  # the shipped 2023 figures are as they were


def test_undo_after_a_forced_workplan_import_puts_back_the_work_plan_it_replaced(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    data = ("--data", str(shipped_dir))
    before = files(shipped_dir)
    ok(cli, "workplan-import", table(tmp_path), "--year", "2024", *data)
    first = files(shipped_dir)
    ok(cli, "workplan-import", table(tmp_path, OTHER, "o.csv"), "--year", "2024", "--force", *data)
    second = files(shipped_dir)
    assert second != first
    ok(cli, "undo", *data)
    assert files(shipped_dir) == first
    ok(cli, "undo", *data)  # the undo taken back: the forced import is there again
    assert files(shipped_dir) == second
    assert files(shipped_dir) != before


COMMANDS = {
    "record": ("record", "2024", "practitioners", "36000", "--accept-jump"),
    "import": ("import", "{values}", "--accept-jump"),
    "task": ("task", "talent-training", "--status", "in_progress", "--note", "开始"),
    "item": ("item", "y2024-1", "--amount", "2", "--date", "2024-06-20"),
    "workplan-import": ("workplan-import", "{other}", "--year", "2025"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_undo_right_after_each_writing_command_undoes_exactly_it(
    cli: Run, shipped_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    data = ("--data", str(shipped_dir))
    ok(cli, "workplan-import", table(tmp_path), "--year", "2024", *data)
    before = files(shipped_dir)
    values = tmp_path / "values.csv"
    values.write_text("key,year,value\npractitioners,2024,36000\nlitigators,2024,4000\n")
    given = {"values": str(values), "other": table(tmp_path, OTHER, "o.csv")}
    ok(cli, *(arg.format(**given) for arg in COMMANDS[command]), *data)
    after = files(shipped_dir)
    assert after != before
    ok(cli, "undo", *data)
    assert files(shipped_dir) == before
