"""`ipplan report -o FILE`: the format from the file's extension, and the same bytes every time."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Run, snapshot


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("r.html", b"<!DOCTYPE html>"),
        ("R.HTM", b"<!DOCTYPE html>"),
        ("r.xlsx", b"PK\x03\x04"),
        ("r.json", b"{"),
        ("r.csv", "\ufeff指标键,名称".encode()),
        ("r.md", b"# "),
        ("r.Markdown", b"# "),
    ],
)
def test_the_extension_names_the_format(
    cli: Run, plan_dir: Path, tmp_path: Path, name: str, starts: bytes
) -> None:
    out = tmp_path / name
    result = cli("report", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(starts)


def test_format_names_are_case_insensitive(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert cli("report", "--format", "JSON", "-o", str(out), "--data", str(plan_dir)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["plan"]["baseline_year"] == 2021
    result = cli("report", "-f", "Csv", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff指标键,名称,单位,年份")


def test_a_format_contradicting_the_extension_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    out = tmp_path / "r.html"
    result = cli("report", "--format", "md", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：--format md 与输出文件")
    assert "html" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and snapshot(tmp_path) == before
    result = cli("report", "-f", "xlsx", "-o", str(out), "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --format xlsx contradicts the extension of")


def test_an_extension_that_names_no_format_needs_one(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.txt"
    result = cli("report", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 2
    assert "report.txt" in result.stderr and "--format" in result.stderr
    assert not out.exists()
    # named, the format is written whatever the file is called
    assert cli("report", "-f", "md", "-o", str(out), "--data", str(plan_dir)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_the_workbook_is_byte_for_byte_reproducible(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The day decides which figures are overdue, and the report says which day that is: it is
    # pinned, so that what is tested is that the clock leaves no other trace.
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    # the day work items are judged on is content the report names; the clock is not
    monkeypatch.setenv("IPPLAN_TODAY", "2026-01-05")
    assert cli("report", "-o", str(first), "--data", str(plan_dir)).exit_code == 0
    later = time.time() + 3 * 86400 + 7  # days later, and not on an even second
    monkeypatch.setattr(time, "time", lambda: later)
    assert cli("report", "-o", str(second), "--data", str(plan_dir)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first.read_bytes())) as book:
        assert {entry.date_time for entry in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "xl/workbook.xml" in book.namelist()
