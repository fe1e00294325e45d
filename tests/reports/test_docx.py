"""`ipplan report -o FILE.docx`: the final evaluation as a Word document, read back with
python-docx: its headings, every indicator's final figure and verdicts, the actions' work year
by year, the charts, the sources, in both languages; and the same sections in Markdown and HTML
once the target year has ended."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip("docx")

from docx.document import Document  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

from ipplan.reports import document as word  # noqa: E402
from tests.conftest import Run, snapshot, track_2022  # noqa: E402

DAY = "2026-12-07"  # a year after the plan's target year, 2025
EPOCH = "1767225600"  # 2026-01-01 00:00 UTC


@pytest.fixture
def ended(cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped plan after its target year: one indicator achieved, one missed, the rest
    awaiting their 2025 figure; one work item done and one cancelled in 2022."""
    monkeypatch.setenv("IPPLAN_TODAY", DAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for year, key, value, source in (
        ("2022", "practitioners", "29000", "2022年度统计"),
        ("2025", "practitioners", "41000", "2025年度统计"),
        ("2023", "revenue", "470", "2023年度统计"),
        ("2025", "revenue", "500", "2025年度统计"),
        ("2023", "litigators", "4500", "2023年度统计"),
        ("2022", "international_talent", "100", "2022年度统计"),
        ("2023", "international_talent", "140", "2023年度统计"),
    ):
        args = ("record", year, key, value, "--source", source, "--data", str(plan_dir))
        assert cli(*args).exit_code == 0
    track_2022(plan_dir)  # a plan whose 2022 progress was kept
    done = ("item", "y2022-1", "--done", "--date", "2022-06-30", "--data", str(plan_dir))
    assert cli(*done).exit_code == 0
    cancel = ("item", "y2022-2", "--cancel", "并入 y2022-3", "--date", "2022-05-01")
    assert cli(*cancel, "--data", str(plan_dir)).exit_code == 0
    return plan_dir


def write(cli: Run, plan: Path, out: Path, lang: str = "zh") -> Document:
    result = cli("report", "-o", str(out), "--lang", lang, "--data", str(plan))
    assert result.exit_code == 0, result.output
    opened: Document = docx.Document(str(out))
    return opened


def blocks(doc: Document) -> list[Paragraph | Table]:
    return list(doc.iter_inner_content())


def headings(doc: Document, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == style]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_after(doc: Document, heading: str) -> list[tuple[str, list[list[str]]]]:
    """The tables of the Heading 1 section ``heading``, each with the Heading 2 above it."""
    found: list[tuple[str, list[list[str]]]] = []
    inside, sub = False, ""
    for block in blocks(doc):
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else ""
            if style == "Heading 1":
                inside = block.text == heading
            elif style == "Heading 2":
                sub = block.text
        elif inside:
            found.append((sub, rows(block)))
    return found


def json_report(cli: Run, plan: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "r.json"
    assert cli("report", "-o", str(out), "--data", str(plan)).exit_code == 0
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


def test_the_document_has_the_final_evaluations_parts_in_words_styles(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    doc = write(cli, ended, tmp_path / "终期评估.docx")
    assert headings(doc, "Title") == [
        "推进专利代理行业高质量发展行动计划（2022-2025年）终期评估报告"
    ]
    assert headings(doc, "Heading 1") == [
        "终期评估概要",
        "各领域指标终期情况",
        "指标图表",
        "计划期内行动与保障的工作完成情况",
        "行动进展",
        "数据来源",
    ]
    texts = [p.text for p in doc.paragraphs]
    # the date: the report's own, from SOURCE_DATE_EPOCH, and the day it is judged on
    assert "生成于 2026-01-01 00:00 UTC+00:00。" in texts
    assert (
        "终期评估：计划目标年2025年已结束（截至2026-12-07）。各指标是否实现，以2025年实际值判定。"
        in texts
    )
    assert "9项指标中，达成目标1项，未达成1项，尚待数据7项。" in texts
    # why: each indicator not achieved, with its verdict
    why = headings(doc, "List Bullet")
    assert "4. 专利代理机构总营业收入：未实现（依据2025年实际值）" in why
    assert (
        "5. 诉讼型人才：待2025年数据，应于2026-08-31前公布，已逾期；按已有数据为“符合预期”" in why
    )
    assert not any(line.startswith("1. 执业专利代理师人数：") for line in why)
    # Word's own styles, so an office restyles it; Chinese in a Chinese font
    assert {t.style.name for t in doc.tables if t.style is not None} == {"Table Grid"}
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    heading = doc.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体" and heading.get(qn("w:eastAsiaTheme")) is None
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.1)  # A4
    properties = doc.core_properties
    assert properties.created is not None and properties.created.isoformat().startswith(
        "2026-01-01T00:00:00"
    )
    assert properties.language == "zh-CN"


def test_each_areas_table_has_every_indicators_final_figure_and_both_verdicts(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    doc = write(cli, ended, tmp_path / "r.docx")
    found = tables_after(doc, "各领域指标终期情况")
    assert [area for area, _ in found] == [
        "1. 提升专利代理能力，支撑行业高质量发展",
        "2. 优化专利代理服务，更好满足创新主体需要",
        "3. 规范专利代理执业行为，优化行业发展环境",
    ]
    header = found[0][1][0]
    assert header == [
        "序号",
        "指标",
        "单位",
        "基线 2021",
        "目标 2025",
        "终期值（或最新值）",
        "线性方法",
        "复合增长方法",
        "标注",
    ]
    by_number = {row[0]: row for _, table in found for row in table[1:]}
    assert sorted(by_number, key=int) == [str(n) for n in range(1, 10)]  # every indicator
    assert by_number["1"] == [
        "1",
        "执业专利代理师人数",
        "人",
        "26829",
        "40000",
        "41000 (2025)",
        "已实现",
        "已实现",
        "逾期未记录的年度数据：2023年（2024-08-31） 2024年（2025-08-31）（括号内为应公布日期）",
    ]
    assert by_number["4"] == [
        "4",
        "专利代理机构总营业收入",
        "亿元",
        "434",
        "630",
        "500 (2025)",
        "未实现",
        "未实现",
        "逾期未记录的年度数据：2022年（2023-12-31） 2024年（2025-12-31）（括号内为应公布日期）",
    ]
    # awaiting the target year's figure: the latest, said to be so, and the mark of the overdue
    assert by_number["5"][5] == "4500 (2023)，为最新值，非2025年终期值"
    assert by_number["5"][6:8] == ["符合预期", "符合预期"]
    assert by_number["5"][8] == (
        "逾期未记录的年度数据：2022年（2023-08-31） 2024年（2025-08-31） 2025年（2026-08-31）"
        "（括号内为应公布日期）"
    )
    # no baseline in the plan: the earliest actual stands in, marked provisional
    assert by_number["6"][3:6] == ["100*", "200", "140 (2023)，为最新值，非2025年终期值"]
    assert by_number["6"][8] == "暂定基线，取最早实际值（2022 年）"
    assert by_number["7"][3:] == ["68", "80", "—", "暂无数据", "—", ""]
    # the same verdicts the JSON report computes: one computation, two formats
    report = json_report(cli, ended, tmp_path)
    labels = {
        "achieved": "已实现",
        "missed": "未实现",
        "on_track": "符合预期",
        "no_data": "暂无数据",
    }
    for ind in report["indicators"]:
        row = by_number[str(ind["number"])]
        assert row[6] == labels[ind["status"]]
        assert row[4] == f"{ind['target']['value']:g}"


def test_the_wide_tables_lie_across_the_page_and_fit_it(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    from docx.enum.section import WD_ORIENT

    doc = write(cli, ended, tmp_path / "r.docx")
    # upright for the brief, across for the areas' tables, upright for the charts, across for
    # the work and the actions: each a section of its own, A4 either way
    orientations = [section.orientation for section in doc.sections]
    assert orientations == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
    ]
    across = doc.sections[1]
    assert (round(across.page_width.mm), round(across.page_height.mm)) == (297, 210)
    text_width = across.page_width - across.left_margin - across.right_margin
    for table in doc.tables[1:]:
        columns = [column.width for column in table.columns]
        assert sum(columns) <= text_width
        assert all(
            cell.width == columns[n] for row in table.rows for n, cell in enumerate(row.cells)
        )
    # the final table: the short columns whole, the long ones sharing the rest
    final = doc.tables[1].columns
    assert final[0].width < final[1].width and final[3].width < final[5].width


def test_the_actions_work_is_counted_year_by_year(cli: Run, ended: Path, tmp_path: Path) -> None:
    doc = write(cli, ended, tmp_path / "r.docx")
    found = dict(tables_after(doc, "计划期内行动与保障的工作完成情况"))
    assert list(found) == [
        "1. 提升专利代理能力，支撑行业高质量发展",
        "2. 优化专利代理服务，更好满足创新主体需要",
        "3. 规范专利代理执业行为，优化行业发展环境",
        "4. 实施保障",
    ]
    safeguards = found["4. 实施保障"]
    assert safeguards[0] == ["行动", "2022", "2023", "2024", "2025", "合计"]
    assert safeguards[1] == [
        "party-leadership 加强党的领导",
        "已完成 1 · 已取消 1",
        "未列入",
        "未列入",
        "未列入",
        "已完成 1 · 已取消 1",
    ]
    assert safeguards[2][1] == "逾期 4"
    # and the actions' own table, with their status
    actions = dict(tables_after(doc, "行动进展"))
    assert actions["4. 实施保障"][1][:3] == ["party-leadership", "加强党的领导", "已完成"]


def test_every_indicator_has_its_chart_as_a_png_with_a_caption(
    cli: Run, ended: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.docx"
    doc = write(cli, ended, out)
    assert len(doc.inline_shapes) == 9
    described = [shape._inline.docPr.get("descr") for shape in doc.inline_shapes]
    assert described[0] == "1. 执业专利代理师人数 (人)"
    with zipfile.ZipFile(out) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert images and all(n.endswith(".png") for n in images)
        assert all(archive.read(n).startswith(b"\x89PNG\r\n\x1a\n") for n in images)
    captions = headings(doc, "Caption")
    assert len(captions) == 9
    assert captions[0] == (
        "图例：实线与圆点为实际值，实线在没有数据的年份断开，虚线为线性路径，空心圆为目标。"
    )


def test_the_sources_are_listed_once_each(cli: Run, ended: Path, tmp_path: Path) -> None:
    doc = write(cli, ended, tmp_path / "r.docx")
    bullets = headings(doc, "List Bullet")
    assert (
        "2023年度统计：4. 专利代理机构总营业收入 2023；5. 诉讼型人才 2023；6. 国际化高端人才 2023"
        in bullets
    )
    assert "2025年度统计：1. 执业专利代理师人数 2025；4. 专利代理机构总营业收入 2025" in bullets


def test_the_document_in_english(cli: Run, ended: Path, tmp_path: Path) -> None:
    doc = write(cli, ended, tmp_path / "r.docx", lang="en")
    assert headings(doc, "Heading 1") == [
        "The final evaluation in brief",
        "Indicators by area, at the end",
        "Indicator charts",
        "What the actions' and safeguards' work plans did over the period",
        "Actions",
        "Sources",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "Of 9 indicators, 1 achieved, 1 missed and 7 awaiting data." in texts
    title = (
        "Action Plan for the High-Quality Development of the Patent Agency Profession (2022-2025)"
    )
    assert headings(doc, "Title") == [f"{title}: final evaluation"]
    assert doc.core_properties.title == f"{title}: final evaluation"
    found = tables_after(doc, "Indicators by area, at the end")
    by_number = {row[0]: row for _, table in found for row in table[1:]}
    assert by_number["1"][1:8] == [
        "Practising patent attorneys",
        "people",
        "26829",
        "40000",
        "41000 (2025)",
        "achieved",
        "achieved",
    ]
    assert by_number["5"][5] == "4500 (2023), the latest, not the 2025 figure"
    work = dict(
        tables_after(doc, "What the actions' and safeguards' work plans did over the period")
    )
    assert work["4. Safeguards for implementation"][1][1:3] == [
        "done 1 · cancelled 1",
        "not listed",
    ]
    assert doc.core_properties.language == "en-US"
    # the East Asian font is set in English too: a name without a translation stays Chinese
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_the_same_data_gives_the_same_bytes(
    cli: Run, ended: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert cli("report", "-o", str(first), "--data", str(ended)).exit_code == 0
    later = time.time() + 3 * 86400 + 7
    monkeypatch.setattr(time, "time", lambda: later)
    assert cli("report", "-o", str(second), "--data", str(ended)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {e.date_time for e in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_markdown_and_html_tell_the_same_story_once_the_target_year_has_ended(
    cli: Run, ended: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    md = cli("report", "-f", "md", "--data", str(ended)).stdout
    assert "## 终期评估概要\n\n9项指标中，达成目标1项，未达成1项，尚待数据7项。" in md
    assert "## 计划期内行动与保障的工作完成情况" in md
    assert "| party\\-leadership 加强党的领导 | 已完成 1 · 已取消 1 | 未列入 |" in md or (
        "| party-leadership 加强党的领导 | 已完成 1 · 已取消 1 | 未列入 |" in md
    )
    page = cli("report", "-f", "html", "--data", str(ended)).stdout
    assert '<section id="period-work">' in page and '<section id="final-brief">' in page
    assert "<td>已完成 1 · 已取消 1</td>" in page
    # before the target year has ended, neither section is there, in any format
    monkeypatch.setenv("IPPLAN_TODAY", "2025-06-30")
    md = cli("report", "-f", "md", "--data", str(ended)).stdout
    assert "终期评估概要" not in md and "计划期内行动与保障" not in md
    page = cli("report", "-f", "html", "--data", str(ended)).stdout
    assert "period-work" not in page and "final-brief" not in page
    doc = write(cli, ended, tmp_path / "early.docx")
    assert headings(doc, "Heading 1") == ["概况", "按领域", "指标图表", "行动进展", "数据来源"]


def test_text_xml_cannot_hold_is_shown_as_a_replacement_character() -> None:
    assert word.clean("a\x01b\x0bc\ufffed\tok\n") == "a\ufffdb\ufffdc\ufffdd\tok\n"
    assert word.clean("执业专利代理师 𠀀") == "执业专利代理师 𠀀"


def test_a_name_with_a_control_character_still_makes_a_document(
    ended: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan import reports
    from ipplan.clock import today
    from tests.conftest import load

    report = reports.build(load(ended), None, today(os.environ))
    report["indicators"][0]["name"] = "执业\x01专利代理师人数"
    raw = reports.render(report, reports.Format.docx, "zh")
    assert isinstance(raw, bytes)
    doc = docx.Document(io.BytesIO(raw))
    assert "1. 执业\ufffd专利代理师人数 (人)" in headings(doc, "Heading 2")


def test_docx_without_python_docx_says_how_to_get_it(
    cli: Run, plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # import fails as if not installed
    out = tmp_path / "report.docx"
    before = snapshot(tmp_path)
    result = cli("report", "-o", str(out), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：生成 docx 需要 python-docx，它不随 ipplan 默认安装。"
        "请运行 pip install 'ipplan[docx]'。\n"
    )
    assert snapshot(tmp_path) == before


def test_docx_is_not_written_to_a_terminal(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ipplan.cli.reports.stdout_is_terminal", lambda: True)
    result = cli("report", "-f", "docx", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "docx is a binary file" in result.stderr


def test_a_docx_over_a_directory_is_refused_and_nothing_changes(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "r.docx").mkdir()
    before = snapshot(tmp_path)
    result = cli("report", "-o", str(tmp_path / "r.docx"), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.count("错误：") == 1 and "是目录" in result.stderr
    assert (tmp_path / "r.docx").is_dir() and snapshot(tmp_path) == before


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to setuid")
def test_a_docx_into_a_directory_another_user_cannot_write_is_one_message() -> None:
    """As a user who may not write the directory: one message, exit 1, nothing written."""
    base = Path(tempfile.mkdtemp(prefix="ipplan-docx-"))
    try:
        data = base / "plan"
        shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
        locked = base / "locked"
        locked.mkdir()
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        locked.chmod(0o555)
        ipplan = Path(sys.executable).with_name("ipplan")
        result = subprocess.run(
            [str(ipplan), "report", "-o", str(locked / "r.docx"), "--data", str(data)],
            capture_output=True,
            check=False,
            cwd="/",
            preexec_fn=lambda: (os.setgid(65534), os.setuid(65534)),
            env={
                "PATH": "/usr/bin:/bin",
                "LANG": "C.UTF-8",
                "IPPLAN_TODAY": DAY,
                "IPPLAN_CACHE_DIR": str(base / "cache"),
            },
        )
        assert result.returncode == 1
        assert (
            result.stderr.decode()
            == f"错误：无法写入 {locked / 'r.docx'}：没有权限。请检查目录权限。\n"
        )
        assert list(locked.iterdir()) == []
    finally:
        for path in [base, *base.rglob("*")]:
            if path.is_dir():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(base)


@pytest.mark.slow
def test_libreoffice_opens_the_document(cli: Run, ended: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "r.docx"
    write(cli, ended, out)
    converted = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(out),
        ],
        capture_output=True,
        check=False,
        timeout=180,
    )
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "pdf" / "r.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
