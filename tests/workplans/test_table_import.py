"""workplan-import on tables shaped as offices circulate them (seed 004): a schedule cell with
several deadlines, continuation rows, merged cells, every period form."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ipplan.workplans.periods import parse, split_clauses
from tests.conftest import Run, load, snapshot

HEAD = "对应行动,工作措施,工作目标,具体内容,进度安排,负责部门\n"
# seed 004's item 4 and item 5, as Excel saves them in GBK: a cell with three deadlines, and
# an item whose second content line has a row (and units) of its own
SEED_004 = (
    HEAD + "talent-training,4.加强推进知识产权金融服务,扩大质押融资覆盖面。,"
    '"1.在全省开展专利权质押融资补助工作。","4月底前完成数据收集，三季度完成评估，'
    '年底前报送报告。",省局负责\n'
    "informatization,5.推进专利行政执法能力提升,推动块状经济发展。,"
    '1.中国杭州(制笔)知识产权快速维权援助中心的建设,"第一季度，完成中心场地设计。\n'
    '第二季度，完成中心人员招聘工作。",省局、杭州市局、桐庐局负责\n'
    ",,,2.组织举办专利行政执法业务培训班3期,"
    '"第三季度，完成专利行政执法业务培训班。",省局负责，地方局配合\n'
)


def imported(cli: Run, directory: Path, source: Path, *more: str) -> None:
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(directory), *more)
    assert result.exit_code == 0, result.stderr


def test_a_cell_with_several_deadlines_is_one_milestone_each(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "seed.csv"
    source.write_bytes(SEED_004.encode("gbk"))
    imported(cli, bare_dir, source)
    first, second = load(bare_dir).work.plan(2024).items
    assert [(m.period, m.task) for m in first.schedule] == [
        ("4月底前", "完成数据收集"),
        ("三季度", "完成评估"),
        ("年底前", "报送报告。"),
    ]
    # the item is not done in April: its last milestone ends with the year
    assert [parse(m.period, 2024).end for m in first.schedule] == [
        dt.date(2024, 4, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
    # the continuation row adds content, milestones and units to its item
    assert [c.text for c in second.content] == [
        "中国杭州(制笔)知识产权快速维权援助中心的建设",
        "组织举办专利行政执法业务培训班3期",
    ]
    assert [m.period for m in second.schedule] == ["第一季度", "第二季度", "第三季度"]
    assert (second.lead, second.support) == ("省局、杭州市局、桐庐局", ["地方局"])


@pytest.mark.parametrize(
    ("cell", "periods"),
    [
        ("2024Q1，完成方案；2024Q3，完成评估。", ["2024Q1", "2024Q3"]),
        ("2024H1，调研。2024H2，出台。", ["2024H1", "2024H2"]),
        ("2024-03，启动，2024-06-30，验收", ["2024-03", "2024-06-30"]),
        ("2024，全年跟踪", ["2024"]),
        ("第一季度，完成设计，第二、三季度，试运行", ["第一季度", "第二、三季度"]),
        ("第二季度至第三季度，督促整改，第四季度，审批", ["第二季度至第三季度", "第四季度"]),
        ("上半年，调研，下半年，出台", ["上半年", "下半年"]),
        ("3月10日前完成推荐。3月20日前完成评议", ["3月10日前", "3月20日前"]),
        ("2024年6月底前完成申报，三季度完成评审，2024年底前下拨经费", [
            "2024年6月底前", "三季度", "2024年底前",
        ]),
        ("6月底前完成，全年跟踪", ["6月底前", "全年"]),
        ("第一季度，按文件精神，由省局组织推荐", ["第一季度"]),
        # a year alone inside a line is a sentence about the year, not a deadline
        ("下半年，正式出台。2024年浙江省培训成行。", ["下半年"]),
        ("２０２４Ｑ３，完成评估，年底前报送", ["２０２４Ｑ３", "年底前"]),
    ],
)  # fmt: skip
def test_every_period_form_splits_a_cell_and_imports(
    bare_dir: Path, cli: Run, tmp_path: Path, cell: str, periods: list[str]
) -> None:
    assert [p for p, _ in split_clauses(cell) or []] == periods
    source = tmp_path / "forms.csv"
    source.write_text(HEAD + f'talent-training,措施,,,"{cell}",省局负责\n', encoding="utf-8")
    imported(cli, bare_dir, source)
    (item,) = load(bare_dir).work.plan(2024).items
    assert [m.period for m in item.schedule] == periods


def test_a_line_that_cannot_be_split_is_refused_at_its_row(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "unsure.csv"
    source.write_text(
        HEAD
        + 'talent-training,措施一,,,"第一季度，完成方案",省局负责\n'
        + 'talent-training,措施二,,,"第一季度完成方案，6月前完成评估",省局负责\n'
        + 'talent-training,措施三,,,"统计调查根据要求完成，三季度完成",省局负责\n',
        encoding="utf-8",
    )
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{source}:3: schedule-unsure-period: 进度安排“第一季度完成方案，6月前完成评估”中有一句以"
        "“某月前”开头，可指上月底或该月底；请写成“6月底前”或“5月底前”",
        f"{source}:4: schedule-without-period: 进度安排“统计调查根据要求完成，三季度完成”不以时间"
        "开头；请写成“第一季度，……”“6月底前……”“全年……”",
    ]
    assert snapshot(bare_dir) == before


def seed_workbook(path: Path) -> None:
    """Seed 004's shape as a spreadsheet holds it: the part (所属部分) and the action merged
    over two items, one item's 工作措施, 工作目标 and 负责部门 merged over its two rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2024年"
    sheet.append(
        ["所属部分", "对应行动", "工作措施", "工作目标", "具体内容", "进度安排", "负责部门"]
    )
    sheet.append(
        [
            "（五）专利行政执法体系建设",
            "informatization",
            "5.推进专利行政执法能力提升",
            "推动块状经济发展。",
            "1.维权援助中心的建设",
            "第一季度，完成场地设计。第三季度，试运行",
            "省局、杭州市局、桐庐局负责",
        ]
    )
    sheet.append([None, None, None, None, "2.举办执法培训班3期", "第二季度，完成培训班", None])
    sheet.append(
        [
            None,
            None,
            "6.发挥维权援助平台作用",
            "完善维权援助服务体系。",
            "根据管理办法加快建设",
            "第一季度，检查建设情况，第四季度，完成审批",
            "省局及地方局负责",
        ]
    )
    for cells in ("A2:A4", "B2:B4", "C2:C3", "D2:D3", "G2:G3"):
        sheet.merge_cells(cells)
    book.save(path)


def test_merged_cells_apply_to_every_row_they_span(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    source = tmp_path / "seed.xlsx"
    seed_workbook(source)
    imported(cli, bare_dir, source)
    first, second = load(bare_dir).work.plan(2024).items
    # the merged action and part reach the second item; the first item's merged cells are
    # read once, not once for each row they span
    assert first.section == second.section == "（五）专利行政执法体系建设"
    assert first.actions == second.actions == ["informatization"]
    assert first.goal == "推动块状经济发展。"
    assert [c.text for c in first.content] == ["维权援助中心的建设", "举办执法培训班3期"]
    assert [m.period for m in first.schedule] == ["第一季度", "第三季度", "第二季度"]
    assert (first.lead, first.support) == ("省局、杭州市局、桐庐局", [])
    assert [m.period for m in second.schedule] == ["第一季度", "第四季度"]
    assert second.lead == "省局及地方局"


def test_ipplans_own_workbook_round_trips_every_year(
    plan_dir: Path, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report workbook has a sheet a year; --year picks that year's, and its items, title,
    issuer and issue date come back as they were."""
    from tests.workplans.test_workplans import WORKPLAN

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    data = ("--data", str(plan_dir))
    (plan_dir / "workplans" / "2024.yaml").write_text(
        "\n".join(line[4:] for line in WORKPLAN.splitlines()) + "\n", encoding="utf-8"
    )
    before = {wp.year: wp for wp in load(plan_dir).work.plans}
    assert sorted(before) == [2022, 2024]
    book = tmp_path / "report.xlsx"
    assert cli("report", "-o", str(book), *data).exit_code == 0
    for year, wp in before.items():
        back = cli("workplan-import", str(book), "--year", str(year), "--force", *data)
        assert back.exit_code == 0, back.stderr
        assert f"导入 {len(wp.items)} 个工作项" in back.stdout
        after = load(plan_dir).work.plan(year)
        # the same title, issuer, issue date and tracking, stamped now as imported
        assert after.info.imported is not None
        assert after.info._replace(imported=None) == wp.info
        assert after.items == wp.items
    # the sheet named, whatever --year says
    named = cli(
        "workplan-import", str(book), "--year", "2024", "--sheet", "2024年工作计划", "--force",
        "--issued", "2024-04-01", "--issuer", "秘书处", *data,
    )  # fmt: skip
    assert named.exit_code == 0, named.stderr
    info = load(plan_dir).work.plan(2024).info
    assert (info.title, info.issuer, info.issued) == (
        "2024年重点工作计划",
        "秘书处",
        dt.date(2024, 4, 1),
    )


def test_a_workbook_without_the_years_sheet_is_refused_naming_its_sheets(
    plan_dir: Path, cli: Run, tmp_path: Path
) -> None:
    data = ("--data", str(plan_dir))
    book = tmp_path / "report.xlsx"
    assert cli("report", "-o", str(book), *data).exit_code == 0
    before = snapshot(plan_dir)
    result = cli("workplan-import", str(book), "--year", "2025", *data)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{book}:1: no-sheet-of-year: 工作簿中没有 2025 年的工作表（其中有表头的工作表："
        "2022年工作计划）；请用 --sheet 指明其中之一"
    )
    unknown = cli("workplan-import", str(book), "--year", "2025", "--sheet", "2025", *data)
    assert unknown.exit_code == 1
    assert "import-unknown-sheet: 工作簿中没有名为“2025”的工作表" in unknown.stderr
    csv = tmp_path / "t.csv"
    csv.write_text(HEAD, encoding="utf-8")
    text = cli("workplan-import", str(csv), "--year", "2025", "--sheet", "x", *data)
    assert text.exit_code == 1 and "import-sheet-of-text" in text.stderr
    assert snapshot(plan_dir) == before


def test_problems_in_a_workbook_are_named_at_sheet_and_row(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2024年"
    sheet.append(["印发日期", "三月"])
    sheet.append(["对应行动", "工作措施", "进度安排"])
    sheet.append(["talent-training", "措施一", "统计调查根据要求完成"])
    source = tmp_path / "bad.xlsx"
    book.save(source)
    before = snapshot(bare_dir)
    result = cli("workplan-import", str(source), "--year", "2024", "--data", str(bare_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{source}!2024年:1: invalid-issued: 印发日期“三月”不是日期；请写成 2024-03-01",
        f"{source}!2024年:3: schedule-without-period: 进度安排“统计调查根据要求完成”不以时间开头；"
        "请写成“第一季度，……”“6月底前……”“全年……”",
    ]
    assert "workplans/2024.yaml" not in result.stderr
    assert snapshot(bare_dir) == before


def test_a_work_plan_without_an_issue_date_shows_no_dash(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workplans.test_workplans import WORKPLAN

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    shutil.rmtree(plan_dir / "workplans")
    (plan_dir / "workplans").mkdir()
    text = "\n".join(line[4:] for line in WORKPLAN.splitlines() if "issued:" not in line)
    (plan_dir / "workplans" / "2024.yaml").write_text(text + "\n", encoding="utf-8")
    zh = cli("workplan", "2024", "--data", str(plan_dir)).stdout
    en = cli("workplan", "2024", "--lang", "en", "--data", str(plan_dir)).stdout
    assert "（中华全国专利代理师协会 印发）" in zh and "—" not in zh.splitlines()[0]
    assert "(issued by 中华全国专利代理师协会)" in en and "—" not in en.splitlines()[0]


def test_no_output_shows_a_dash_for_a_missing_issue_date(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Markdown, HTML, xlsx and docx: the work plan's heading and the rows above its sheet's
    header name what it has, and nothing stands for the date it lacks."""
    import io
    import zipfile

    from openpyxl import load_workbook

    from tests.workplans.test_workplans import WORKPLAN

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    shutil.rmtree(plan_dir / "workplans")
    (plan_dir / "workplans").mkdir()
    dated = "\n".join(line[4:] for line in WORKPLAN.splitlines()) + "\n"
    undated = "".join(line + "\n" for line in dated.splitlines() if "issued:" not in line)
    data = ("--data", str(plan_dir))

    def outputs(text: str) -> dict[str, object]:
        (plan_dir / "workplans" / "2024.yaml").write_text(text, encoding="utf-8")
        md = cli("report", "--format", "md", *data).stdout
        html = cli("report", "--format", "html", *data).stdout
        book, docx = tmp_path / "r.xlsx", tmp_path / "r.docx"
        assert cli("report", "-o", str(book), *data).exit_code == 0
        assert cli("report", "-o", str(docx), *data).exit_code == 0
        sheet = load_workbook(book)["2024年工作计划"]
        with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as parts:
            words = parts.read("word/document.xml").decode("utf-8")
        return {
            "md": [line for line in md.splitlines() if "2024年重点工作计划" in line],
            "html": [line for line in html.splitlines() if "<h3>2024 年工作计划" in line],
            "xlsx": [list(row[:2]) for row in sheet.iter_rows(max_row=4, values_only=True)],
            "docx": words.count("—"),
        }

    with_date, without = outputs(dated), outputs(undated)
    assert without["md"] == with_date["md"] == ["### 2024 年工作计划：2024年重点工作计划"]
    assert without["html"] == with_date["html"]
    assert without["xlsx"] == [
        ["年度", "2024"],
        ["标题", "2024年重点工作计划"],
        ["印发单位", "中华全国专利代理师协会"],
        ["编号", "所属部分"],  # the header row next: no row, nor a dash, for the date
    ]
    assert with_date["xlsx"][3] == ["印发日期", "2024-03-29"]
    assert without["docx"] == with_date["docx"]


def test_an_amount_may_carry_the_items_own_unit(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workplans.test_workplans import WORKPLAN

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    shutil.rmtree(plan_dir / "workplans")
    (plan_dir / "workplans").mkdir()
    text = "\n".join(line[4:] for line in WORKPLAN.splitlines())
    (plan_dir / "workplans" / "2024.yaml").write_text(text + "\n", encoding="utf-8")
    data = ("--data", str(plan_dir))
    before = snapshot(plan_dir)
    other = cli("item", "y2024-1", "--amount", "2家", *data)
    assert other.exit_code == 1 and "Traceback" not in other.stderr
    assert other.stderr.strip() == (
        "错误：“2家”带有单位 家，但工作项 y2024-1 的数量以 次 计；请只写数值。"
    )
    assert snapshot(plan_dir) == before
    assert cli("item", "y2024-1", "--amount", "2次", *data).exit_code == 0
    (event,) = load(plan_dir).work.events_of("y2024-1")
    assert event.amount == 2


def test_a_fifo_or_a_device_given_as_the_table_is_named_as_such(
    bare_dir: Path, cli: Run, tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    before = snapshot(bare_dir)
    for path, kind in ((str(fifo), "是命名管道"), ("/dev/null", "是设备文件")):
        result = cli("workplan-import", path, "--year", "2024", "--data", str(bare_dir))
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            f"{path}:1: import-not-a-regular-file: {kind}，不是普通文件；导入只读取普通文件："
            "请把表格存为文件，再给出它的路径"
        )
        assert "workplans" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(bare_dir) == before


def test_due_year_keeps_that_years_items(
    plan_dir: Path, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tests.workplans.test_workplans import WORKPLAN

    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")
    text = "\n".join(line[4:] for line in WORKPLAN.splitlines())
    (plan_dir / "workplans" / "2024.yaml").write_text(text + "\n", encoding="utf-8")
    # the shipped 2022 work plan is not tracked, so nothing of it is due: tracked here
    shipped = plan_dir / "workplans" / "2022.yaml"
    shipped.write_text(shipped.read_text("utf-8").replace("tracked: false", "tracked: true"))
    data = ("--data", str(plan_dir))

    def years(*more: str) -> set[int]:
        view = json.loads(cli("due", "--json", *more, *data).stdout)
        return {item["year"] for unit in view["units"] for item in unit["items"]}

    assert years() == {2022, 2024}
    assert years("--year", "2024") == {2024}
    assert years("--year", "2022") == {2022}
    none = cli("due", "--year", "2023", *data)
    assert none.exit_code == 1 and "2023" in none.stderr and "Traceback" not in none.stderr
