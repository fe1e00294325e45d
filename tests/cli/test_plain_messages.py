"""Messages that say what is wrong in the words of what the person did: a --from plan that is
not there, an output a system directory will not take, a unit typed after an item's amount;
the time a report says it was made from; a table heading never broken inside an English word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run, snapshot, write
from tests.workplans.test_workplans import WORKPLAN


def test_new_from_a_plan_that_is_not_there_names_from(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    for source in ("../nonexist", "empty"):
        before = snapshot(tmp_path)
        zh = cli("new", "next", "--from", source, "--years", "2026-2030", "--title", "t")
        assert zh.exit_code == 1
        assert zh.stderr == (
            f"错误：--from {source}：找不到这个计划（{source} 不是计划的目录，也不是工作区中计划的"
            "名称）。请用 --from 给出上一期计划的目录，或它在工作区中的名称。\n"
        )
        en = cli(
            "new", "next", "--from", source, "--years", "2026-2030", "--title", "t", "--lang", "en"
        )
        assert en.exit_code == 1
        assert en.stderr == (
            f"error: --from {source}: no such plan ({source} is neither a plan's directory nor a "
            "plan's name in a workspace); give --from the previous plan's directory, or its name "
            "in the workspace\n"
        )
        assert "init" not in zh.stderr + en.stderr
        assert snapshot(tmp_path) == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_an_output_a_system_directory_will_not_take_is_said_so(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    for name in ("x.docx", "x.md"):
        zh = cli("report", "-o", f"/proc/{name}", "--data", str(plan_dir))
        assert zh.exit_code == 1
        assert zh.stderr == (
            f"错误：无法写入 /proc/{name}：目录 /proc 中不能新建文件（系统目录不接受）。"
            "请写到别的目录。\n"
        )
        en = cli("report", "-o", f"/proc/{name}", "--data", str(plan_dir), "--lang", "en")
        assert en.stderr == (
            f"error: cannot write /proc/{name}: no file can be made in the directory /proc (a "
            "system directory takes none); write it somewhere else\n"
        )
        assert "不存在" not in zh.stderr
    assert snapshot(plan_dir) == before


@pytest.fixture
def wp_dir(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPPLAN_TODAY", "2024-12-10")
    write(plan_dir / "workplans", "2024.yaml", WORKPLAN)
    return plan_dir


def test_a_unit_typed_after_an_items_amount_is_told_as_the_items(cli: Run, wp_dir: Path) -> None:
    before = snapshot(wp_dir)
    zh = cli("item", "y2024-1", "--amount", "2个", "--data", str(wp_dir))
    assert zh.exit_code == 1
    assert zh.stderr == "错误：“2个”带有单位 个，但工作项 y2024-1 的数量以 次 计；请只写数值。\n"
    en = cli("item", "y2024-1", "--amount", "2个", "--data", str(wp_dir), "--lang", "en")
    assert en.stderr == (
        "error: '2个' carries the unit 个, but item y2024-1 counts its quantity in times; type the "
        "number alone\n"
    )
    assert snapshot(wp_dir) == before
    assert cli("item", "y2024-1", "--amount", "2次", "--data", str(wp_dir)).exit_code == 0


def test_a_report_is_made_from_its_latest_change_work_plans_and_progress_too(
    cli: Run, wp_dir: Path
) -> None:
    data = ("--data", str(wp_dir))
    done = cli("item", "y2024-1", "--amount", "2", "--date", "2024-05-01", *data)
    assert done.exit_code == 0, done.stderr
    [event] = (wp_dir / "progress").rglob("*.yaml")
    recorded = yaml.safe_load(event.read_text(encoding="utf-8"))["recorded"]
    shown = recorded if isinstance(recorded, str) else recorded.isoformat()
    report = json.loads(cli("report", "--format", "json", *data).stdout)
    assert report["made"]["basis"] == "recorded"
    assert report["made"]["time"][:19] == shown.replace(" ", "T")[:19]
    markdown = cli("report", "--format", "md", *data).stdout
    minute = shown.replace("T", " ")[:16]
    assert f"依据截至 {minute} " in markdown


def test_a_heading_is_never_broken_inside_an_english_word(
    cli: Run, wp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli("workplan", "--lang", "en", "--data", str(wp_dir))
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    header = [line for line in lines if line.startswith("│")][:2]
    assert "Responsib│" not in "\n".join(header) and "│ le units" not in "\n".join(header)
    assert any(re.search(r"\bResponsible\b", line) for line in header), header
    assert all(len(line) <= 80 for line in lines)
