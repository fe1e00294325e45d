"""Tables people import (`ipplan import`, `ipplan workplan-import`) are read within limits, from
a regular file only, in one encoding, and never into a silently wrong value: a workbook that
unpacks past its limits, a part with a DTD, a device or a pipe, a CSV that mixes encodings or
whose GBK bytes happen to be valid UTF-8, a decimal taken for numbering, a formula without its
saved value. Each refusal names what is wrong and leaves every file of the plan as it was."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot

openpyxl = pytest.importorskip("openpyxl", reason="xlsx reading comes with the xlsx extra")

HEADER = ["编号", "对应行动", "工作措施", "具体内容", "进度安排", "负责部门"]
ROW = [
    "",
    "talent-training",
    "加强专利信息传播与利用",
    "开展专利信息人员培训6次",
    "全年",
    "省局负责",
]
SHEET = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024


def workbook(rows: list[list[object]], title: str = "计划表") -> bytes:
    """An xlsx as openpyxl writes it (which saves no value for a formula)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replaced(raw: bytes, parts: dict[str, bytes]) -> bytes:
    """``raw`` with some of its zip entries' contents replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info), zipfile.ZIP_DEFLATED)
        for name, content in parts.items():
            dst.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_xml(rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return (
        '<row r="1">'
        + "".join(inline(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER))
        + "</row>"
    )


def run_import(cli: Run, data: Path, path: Path, *more: str) -> tuple[int, str]:
    done = cli("workplan-import", str(path), "--year", "2024", *more, "--data", str(data))
    return done.exit_code, done.stderr


def first_line(stderr: str) -> str:
    return stderr.splitlines()[0]


def peak_while(call: object) -> tuple[int, float]:
    """The peak of memory Python allocated during ``call()``, and the seconds it took."""
    tracemalloc.start()
    began = time.monotonic()
    try:
        call()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1], time.monotonic() - began
    finally:
        tracemalloc.stop()


# --- limits before a workbook is opened ---------------------------------------------------------


def bomb(path: Path, unpacked: int) -> None:
    """A valid workbook whose sheet is ``unpacked`` bytes of blanks between its rows, a few
    hundred KB on disk; written a block at a time, so the test never holds it either."""
    base = workbook([HEADER, ROW])
    head, tail = sheet_xml(header_row()).split(b"</sheetData>")
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info))
        with dst.open(SHEET, "w") as sheet:
            sheet.write(head)
            block = b" " * MB
            for _ in range(unpacked // MB):
                sheet.write(block)
            sheet.write(b"</sheetData>" + tail)


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.xlsx"
    bomb(path, 300 * MB)
    assert path.stat().st_size < 2 * MB
    before = snapshot(bare_dir)
    result: list[tuple[int, str]] = []
    peak, seconds = peak_while(lambda: result.append(run_import(cli, bare_dir, path)))
    code, stderr = result[0]
    assert code == 1
    assert first_line(stderr).startswith(f"{path}:1: workbook-too-large: ")
    assert "100 MB" in first_line(stderr)
    assert peak < 40 * MB, peak  # nothing near the 300 MB it would unpack to
    assert seconds < 20
    assert snapshot(bare_dir) == before


def test_a_part_compressed_past_the_ratio_is_refused(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ratio.xlsx"
    path.write_bytes(replaced(workbook([HEADER, ROW]), {"xl/media/blank.bin": b"\0" * (20 * MB)}))
    before = snapshot(bare_dir)
    code, stderr = run_import(cli, bare_dir, path, "--lang", "en")
    assert code == 1
    assert first_line(stderr).startswith(f"{path}:1: workbook-too-compressed: xl/media/blank.bin ")
    assert snapshot(bare_dir) == before


def test_a_workbook_of_too_many_parts_is_refused(cli: Run, bare_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    path.write_bytes(
        replaced(workbook([HEADER, ROW]), {f"xl/media/{n}.bin": b"" for n in range(10_001)})
    )
    before = snapshot(bare_dir)
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 1
    assert first_line(stderr).startswith(f"{path}:1: workbook-too-many-parts: ")
    assert snapshot(bare_dir) == before


def test_a_sheet_is_read_row_by_row_and_stops_at_the_row_limit(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    # One cell on the sheet's last row: read as a sheet of a million rows, it would be.
    far = header_row() + '<row r="1048576">' + inline("A1048576", "x") + "</row>"
    path = tmp_path / "far.xlsx"
    path.write_bytes(replaced(workbook([["x"]]), {SHEET: sheet_xml(far)}))
    before = snapshot(bare_dir)
    result: list[tuple[int, str]] = []
    peak, seconds = peak_while(lambda: result.append(run_import(cli, bare_dir, path)))
    code, stderr = result[0]
    assert code == 1
    assert first_line(stderr) == f"{path}:5001: too-many-rows: 行数过多（上限 5000）"
    assert peak < 40 * MB and seconds < 20
    assert snapshot(bare_dir) == before


def test_a_sheet_stops_at_the_cell_limit(cli: Run, bare_dir: Path, tmp_path: Path) -> None:
    # Each row's one cell in the sheet's last column makes a row of 16384 cells.
    wide = header_row() + "".join(
        f'<row r="{n}">' + inline(f"XFD{n}", "x") + "</row>" for n in range(2, 200)
    )
    path = tmp_path / "wide.xlsx"
    path.write_bytes(replaced(workbook([["x"]]), {SHEET: sheet_xml(wide)}))
    before = snapshot(bare_dir)
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 1
    assert re.match(rf"{re.escape(str(path))}:\d+: too-many-cells: ", first_line(stderr))
    assert "（上限 1,000,000）" in first_line(stderr)
    assert snapshot(bare_dir) == before


DOCTYPE = '<!DOCTYPE lol [<!ENTITY lol "lollollollollollollollollollol">]>'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
    + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&i;</t></si></sst>'
)


def with_doctype(raw: bytes, part: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        text = book.read(part).decode("utf-8")
    if text.startswith("<?xml"):
        end = text.index("?>") + 2
        return (text[:end] + DOCTYPE + text[end:]).encode("utf-8")
    return (DOCTYPE + text).encode("utf-8")


@pytest.mark.parametrize(
    "part",
    ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", SHEET, "xl/styles.xml"],
)
def test_a_dtd_in_any_part_of_a_workbook_is_refused(
    cli: Run, bare_dir: Path, tmp_path: Path, part: str
) -> None:
    raw = workbook([HEADER, ROW])
    path = tmp_path / "dtd.xlsx"
    path.write_bytes(replaced(raw, {part: with_doctype(raw, part)}))
    before = snapshot(bare_dir)
    code, stderr = run_import(cli, bare_dir, path, "--lang", "en")
    assert code == 1
    assert first_line(stderr) == (
        f"{path}:1: workbook-dtd: the workbook's part {part} declares a DTD or entities "
        "(<!DOCTYPE, <!ENTITY), which Excel never writes and which can make a reader expand "
        "text without end or read other files; it is not read. Open the file in Excel, save "
        "it again, and import that"
    )
    assert "Traceback" not in stderr
    assert snapshot(bare_dir) == before


def test_entities_that_expand_without_end_and_a_dtd_in_utf16_are_refused(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    raw = workbook([HEADER, ROW])
    for name, part, content in (
        ("laughs.xlsx", "xl/sharedStrings.xml", LAUGHS.encode("utf-8")),
        ("utf16.xlsx", "xl/workbook.xml", with_doctype(raw, "xl/workbook.xml")),
    ):
        if name == "utf16.xlsx":
            text = content.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
            content = text.encode("utf-16")
        path = tmp_path / name
        path.write_bytes(replaced(raw, {part: content}))
        code, stderr = run_import(cli, bare_dir, path)
        assert code == 1
        assert first_line(stderr).startswith(f"{path}:1: workbook-dtd: ")


def test_openpyxl_reads_through_defusedxml() -> None:
    """The xlsx extra brings defusedxml, which openpyxl then parses every part with."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


# --- only a regular file, read in bounded chunks -------------------------------------------------


def cli_in_a_child(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ipplan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=subprocess.DEVNULL,
    )


def command(name: str, path: Path, data: Path) -> list[str]:
    if name == "import":
        return ["import", str(path), "--lang", "en", "--data", str(data)]
    return ["workplan-import", str(path), "--year", "2024", "--lang", "en", "--data", str(data)]


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pipes and devices of POSIX")
@pytest.mark.parametrize("name", ["import", "workplan-import"])
@pytest.mark.parametrize(
    ("kind", "words"), [("dev-zero", "device"), ("fifo", "named pipe"), ("link", "device")]
)
def test_a_device_or_a_pipe_is_refused_without_hanging(
    plan_dir: Path, tmp_path: Path, name: str, kind: str, words: str
) -> None:
    path = Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "table.csv"
        os.mkfifo(path)
    elif kind == "link":
        path = tmp_path / "table.csv"
        path.symlink_to("/dev/zero")
    before = snapshot(plan_dir)
    done = cli_in_a_child(*command(name, path, plan_dir))
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"{path}:1: import-not-a-regular-file: is a {words}, not a regular file; import reads "
        "only a regular file, so save the table as a file and give its path"
    )
    assert "Traceback" not in done.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.skipif(os.name != "posix", reason="sockets of POSIX")
@pytest.mark.parametrize("name", ["import", "workplan-import"])
def test_a_directory_or_a_socket_is_named_as_such(
    cli: Run, plan_dir: Path, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "tables.csv"
    folder.mkdir()
    where = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(where))
        before = snapshot(plan_dir)
        for path, words in ((folder, "directory"), (where, "socket")):
            done = cli(*command(name, path, plan_dir))
            assert done.exit_code == 1
            assert first_line(done.stderr).startswith(
                f"{path}:1: import-not-a-regular-file: is a {words}, not a regular file; "
            )
        assert snapshot(plan_dir) == before
    finally:
        server.close()


@pytest.mark.parametrize("name", ["import", "workplan-import"])
def test_a_file_past_the_size_limit_is_read_no_further(
    cli: Run, plan_dir: Path, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(50 * MB + 1)  # sparse: no disk, and zeros to read
    before = snapshot(plan_dir)
    done = cli(*command(name, path, plan_dir))
    assert done.exit_code == 1
    assert first_line(done.stderr) == (
        f"{path}:1: import-too-large: the file is too large (limit 50 MB)"
    )
    assert snapshot(plan_dir) == before


# --- one encoding per file ----------------------------------------------------------------------

# 知识, 专业, 水平 and 平台 in GBK are bytes that are also valid UTF-8 (֪ʶ, רҵ, ˮƽ, ƽ̨).
MOJIBAKE_NOTE = "专业水平"


def actuals(note: str) -> str:
    return f"key,year,value,note\npractitioners,2022,31347,{note}\n"


def workplan_rows(content: str) -> str:
    return f"actions,measure,content,schedule\ntalent-training,training,{content},2024Q4\n"


def test_gbk_bytes_that_happen_to_be_utf8_are_named_not_guessed() -> None:
    raw = MOJIBAKE_NOTE.encode("gbk")
    assert raw.decode("utf-8") == "רҵˮƽ"  # what reading it as UTF-8 would have stored


@pytest.mark.parametrize("name", ["import", "workplan-import"])
def test_a_csv_mixing_utf8_and_gbk_lines_is_refused_naming_a_line_of_each(
    cli: Run, bare_dir: Path, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "mixed.csv"
    if name == "import":
        raw = actuals("截至年底").encode("utf-8") + "litigators,2022,4405,国家知识产权局\n".encode(
            "gbk"
        )
    else:
        raw = workplan_rows("开展培训").encode("utf-8") + (
            "talent-training,培训,举办培训,2024Q3\n".encode("gbk")
        )
    path.write_bytes(raw)
    before = snapshot(bare_dir)
    done = cli(*command(name, path, bare_dir))
    assert done.exit_code == 1
    assert first_line(done.stderr) == (
        f"{path}:3: import-encoding-mixed: line 2 reads as UTF-8 and line 3 as "
        "GBK: a file is in one encoding, and this one mixes two, so no one reading of it is right. "
        "Save it again in one encoding (from Excel: 'CSV UTF-8 (Comma delimited)'), or, if it "
        "is all in one, name it: --encoding utf-8, or --encoding gbk"
    )
    assert snapshot(bare_dir) == before


@pytest.mark.parametrize("name", ["import", "workplan-import"])
def test_gbk_bytes_valid_as_utf8_are_refused_as_ambiguous_until_the_encoding_is_named(
    cli: Run, bare_dir: Path, tmp_path: Path, name: str
) -> None:
    # (A whole work plan table is never valid UTF-8 in GBK: every period, 年 月 季 日, breaks
    # it. The file is refused on its encoding before any row of it is read, all the same.)
    path = tmp_path / "gbk.csv"
    text = actuals(MOJIBAKE_NOTE) if name == "import" else workplan_rows(MOJIBAKE_NOTE)
    path.write_bytes(text.encode("gbk"))
    before = snapshot(bare_dir)
    done = cli(*command(name, path, bare_dir))
    assert done.exit_code == 1
    assert first_line(done.stderr) == (
        f"{path}:2: import-encoding-ambiguous: the file's bytes are valid UTF-8, but this line "
        "reads as 'רҵˮƽ' in UTF-8 and as '专业水平' in GBK, so the file looks like GBK. Say "
        "which it is: --encoding gbk, or --encoding utf-8"
    )
    assert snapshot(bare_dir) == before
    if name == "import":
        chosen = cli(*command(name, path, bare_dir), "--encoding", "gbk")
        assert chosen.exit_code == 0, chosen.stderr
        assert load(bare_dir).actuals["practitioners"][0].note == MOJIBAKE_NOTE


def test_big5_read_as_gbk_is_refused_as_ambiguous_until_the_encoding_is_named(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big5.csv"
    path.write_bytes(actuals("國家知識產權局").encode("big5"))
    before = snapshot(bare_dir)
    done = cli(*command("import", path, bare_dir))
    assert done.exit_code == 1  # it was stored as 瓣產醚玻舦Ы
    assert first_line(done.stderr) == (
        f"{path}:2: import-encoding-big5: this line reads as '瓣產\ue01d醚玻舦Ы' in GBK and as "
        "'國家知識產權局' in Big5 (traditional Chinese), so the file looks like Big5. Say which "
        "it is: --encoding big5, or --encoding gbk"
    )
    assert snapshot(bare_dir) == before
    chosen = cli(*command("import", path, bare_dir), "--encoding", "big5")
    assert chosen.exit_code == 0, chosen.stderr
    assert load(bare_dir).actuals["practitioners"][0].note == "國家知識產權局"


@pytest.mark.parametrize("named", ["shift_jis", "cp932", "Shift-JIS", "sjis"])
def test_shift_jis_read_as_gbk_is_refused_as_ambiguous_until_the_encoding_is_named(
    cli: Run, bare_dir: Path, tmp_path: Path, named: str
) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes(actuals("特許庁年次報告書").encode("shift_jis"))
    before = snapshot(bare_dir)
    done = cli(*command("import", path, bare_dir))
    assert done.exit_code == 1  # it was stored as 摿嫋挕擭師曬崘彂
    assert first_line(done.stderr) == (
        f"{path}:2: import-encoding-shift-jis: this line reads as '摿嫋挕擭師曬崘彂' in GBK and "
        "as '特許庁年次報告書' in Shift-JIS (Japanese), so the file looks like Shift-JIS. Say "
        "which it is: --encoding shift_jis, or --encoding gbk"
    )
    assert snapshot(bare_dir) == before
    chosen = cli(*command("import", path, bare_dir), "--encoding", named)
    assert chosen.exit_code == 0, chosen.stderr
    assert load(bare_dir).actuals["practitioners"][0].note == "特許庁年次報告書"


def test_gbk_with_rare_characters_is_still_read_as_gbk(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "gbk.csv"
    note = "国家知识产权局统计年报，鳏寡孤独"  # 鳏: a character of GB2312's second level
    path.write_bytes(actuals(note).encode("gbk"))
    done = cli(*command("import", path, bare_dir))
    assert done.exit_code == 0, done.stderr
    assert load(bare_dir).actuals["practitioners"][0].note == note


def test_the_encoding_named_is_the_one_read(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(actuals("截至年底").encode("utf-8"))
    before = snapshot(plan_dir)
    wrong = cli(*command("import", path, plan_dir), "--encoding", "GBK")
    assert wrong.exit_code == 0  # valid GB18030 too: the reading asked for is the one done
    assert load(plan_dir).actuals["practitioners"][0].note == "截至年底".encode().decode("gb18030")
    path.write_bytes(actuals("截至年底").encode("gbk"))
    refused = cli(*command("import", path, plan_dir), "--encoding", "utf-8", "--force")
    assert refused.exit_code == 1
    assert first_line(refused.stderr) == (
        f"{path}:2: import-not-in-encoding: this line is not valid UTF-8, the encoding "
        "--encoding or the file's byte-order mark names; name the other encoding, or save the "
        "file from Excel as 'CSV UTF-8 (Comma delimited)'"
    )
    usage = cli(*command("import", path, plan_dir), "--encoding", "latin-1")
    assert usage.exit_code == 2
    assert "--encoding" in usage.stderr and "utf-8" in usage.stderr and "gbk" in usage.stderr
    assert snapshot(plan_dir) != before  # only the import asked for in GBK changed anything


# --- numbering and formulas -------------------------------------------------------------------


def test_a_decimal_is_never_taken_for_numbering(cli: Run, bare_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "actions,measure,content,schedule\n"
        "talent-training,营业收入,2.5亿元营业收入,全年\n"
        'talent-training,培训,"1.举办培训\n2、开展调研\n（3）3.5万人次\n4、2.5亿元\n5.5万元",全年\n',
        encoding="utf-8",
    )
    done = cli("workplan-import", str(path), "--year", "2024", "--data", str(bare_dir))
    assert done.exit_code == 0, done.stderr
    first, second = load(bare_dir).work.plan(2024).items
    assert [c.text for c in first.content] == ["2.5亿元营业收入"]
    assert [c.text for c in second.content] == [
        "举办培训",
        "开展调研",
        "3.5万人次",
        "2.5亿元",
        "5.5万元",
    ]


def test_a_quantity_is_the_whole_number_and_only_a_positive_one(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    lines = [
        "开展培训2,500次",  # was 500
        "培训1，200人次",  # a full-width comma: was 200
        "培训12,000人次",  # was 0, refused naming the YAML file never written
        "培训-3次",  # was 3
        "完成1e3次",  # was 3
        "开展培训0次",  # refused naming the YAML file never written
        "培训1,2000次",  # not groups of three: no number to take
        "开展培训6次",
    ]
    numbered = "\n".join(f"{n}.{line}" for n, line in enumerate(lines, 1))
    path.write_text(
        f'actions,measure,content,schedule\ntalent-training,培训,"{numbered}",全年\n',
        encoding="utf-8",
    )
    done = cli("workplan-import", str(path), "--year", "2024", "--data", str(bare_dir))
    assert done.exit_code == 0, done.stderr
    (item,) = load(bare_dir).work.plan(2024).items
    assert [c.text for c in item.content] == lines
    assert [c.quantity.target if c.quantity else None for c in item.content] == [
        2500,
        1200,
        12000,
        None,
        None,
        None,
        None,
        6,
    ]


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("开展培训2～5次", None),  # a range: was 5
        ("开展培训2~5次", None),
        ("开展培训3至5次", None),
        ("开展培训3到5次", None),
        ("举办知识产权培训班第3期", None),  # an ordinal: was 3
        ("开展第2,500次", None),  # was 2,500
        ("开展培训2.500次", None),  # not a whole number: was 2.5
        ("开展培训0.5次", None),
        ("开展培训2/3次", None),  # a fraction: was 3
        ("开展培训2／3次", None),
        ("培训 - 3次", None),  # a sign apart from its number: was 3
        ("每季度开展检查1次", 1),
        ("服务企业数量提高至50家", 50),
        ("开展培训 6次", 6),
    ],
)
def test_a_range_an_ordinal_a_fraction_or_a_count_not_whole_is_no_target(
    cli: Run, bare_dir: Path, tmp_path: Path, line: str, target: int | None
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        f'actions,measure,content,schedule\ntalent-training,培训,"{line}",全年\n', encoding="utf-8"
    )
    done = cli("workplan-import", str(path), "--year", "2024", "--data", str(bare_dir))
    assert done.exit_code == 0, done.stderr
    (item,) = load(bare_dir).work.plan(2024).items
    assert [c.text for c in item.content] == [line]
    assert [c.quantity.target if c.quantity else None for c in item.content] == [target]


def test_content_that_starts_with_a_number_goes_out_and_comes_back_whole(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "actions,measure,content,schedule\n"
        'talent-training,营业收入,"2.5亿元营业收入\n举办培训3次",全年\n',
        encoding="utf-8",
    )
    assert (
        cli("workplan-import", str(path), "--year", "2024", "--data", str(bare_dir)).exit_code == 0
    )
    before = load(bare_dir).work.plan(2024)
    book = tmp_path / "r.xlsx"
    assert cli("report", "-o", str(book), "--data", str(bare_dir)).exit_code == 0
    back = cli(
        "workplan-import", str(book), "--year", "2024", "--force",
        "--title", before.info.title, "--data", str(bare_dir),
    )  # fmt: skip
    assert back.exit_code == 0, back.stderr
    assert load(bare_dir).work.plan(2024).items == before.items


def test_a_formula_without_its_saved_value_is_refused_at_its_cell(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "f.xlsx"
    second = ["", "informatization", '=CONCAT("推进", "信息化")', "建设平台", "全年", ""]
    path.write_bytes(workbook([HEADER, ROW, second]))
    before = snapshot(bare_dir)
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 1
    assert first_line(stderr) == (
        f"{path}!计划表:3: formula-without-value: 工作表“计划表”的 C3 是公式，"
        "但文件中没有保存它的计算结果（由程序生成、未经 Excel 保存的文件常如此），无法知道它的值；"
        "请在 Excel 中打开并保存后再导入，或把它复制后“选择性粘贴为数值”"
    )
    assert snapshot(bare_dir) == before


def test_a_formula_with_its_saved_value_is_read_as_that_value(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    second = ["", "informatization", '=CONCAT("推进", "信息化")', "建设平台", "全年", ""]
    raw = workbook([HEADER, ROW, second])
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        xml = book.read(SHEET).decode("utf-8")
    # openpyxl writes the empty value as <v/>, or as <v></v> when lxml is installed (python-docx
    # brings it)
    saved = re.sub(
        r'<c r="C3"><f>(.*?)</f>(?:<v\s*/>|<v>\s*</v>)',
        r'<c r="C3" t="str"><f>\1</f><v>推进信息化</v>',
        xml,
    )
    assert saved != xml
    path = tmp_path / "saved.xlsx"
    path.write_bytes(replaced(raw, {SHEET: saved.encode("utf-8")}))
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 0, stderr
    assert [i.measure for i in load(bare_dir).work.plan(2024).items] == [
        "加强专利信息传播与利用",
        "推进信息化",
    ]


def test_a_formula_in_a_column_not_read_is_left_alone(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook([[*HEADER, "合计"], [*ROW, "=SUM(A1:A2)"]]))
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 0, stderr
    assert [i.measure for i in load(bare_dir).work.plan(2024).items] == ["加强专利信息传播与利用"]


def test_of_a_sheet_without_the_header_row_only_its_first_rows_are_read(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    for n in range(6_000):  # more rows than a table may have: never read past the tenth
        notes.append([f"说明 {n}", "=A1"])
    table = book.create_sheet("计划表")
    table.append(HEADER)
    table.append(ROW)
    path = tmp_path / "two.xlsx"
    book.save(path)
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 0, stderr
    assert [i.measure for i in load(bare_dir).work.plan(2024).items] == ["加强专利信息传播与利用"]


def test_names_from_inside_a_workbook_are_shown_escaped(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    part = "xl/\x1b[2Jevil.xml"
    path = tmp_path / "named.xlsx"
    path.write_bytes(replaced(workbook([HEADER, ROW]), {part: DOCTYPE.encode() + b"<a/>"}))
    code, stderr = run_import(cli, bare_dir, path)
    assert code == 1
    assert first_line(stderr).startswith(f"{path}:1: workbook-dtd: xlsx 中的 xl/\\x1b[2Jevil.xml ")
    assert "\x1b" not in stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_reads_a_workbook_whatever_its_name(
    cli: Run, bare_dir: Path, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"figures{suffix}"  # a workbook, whatever its name says
    book = openpyxl.Workbook()
    book.active.append(["key", "year", "value"])
    book.active.append(["practitioners", 2022, 31347])
    book.save(path)
    done = cli(*command("import", path, bare_dir))
    assert done.exit_code == 0, done.stderr
    assert "UTF-8 nor GBK" not in done.stderr
    assert [(a.year, a.value) for a in load(bare_dir).actuals["practitioners"]] == [(2022, 31347)]


def test_workplan_import_outside_the_plan_speaks_of_work_plans(
    cli: Run, bare_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(workplan_rows("开展培训3次"), encoding="utf-8")
    done = cli(
        "workplan-import", str(path), "--year", "2030", "--lang", "en", "--data", str(bare_dir)
    )
    assert done.exit_code == 1
    assert "actuals" not in done.stderr
    assert "2030 is outside the plan; a work plan is made for a year of 2022-2025" in done.stderr
    zh = cli("workplan-import", str(path), "--year", "2030", "--data", str(bare_dir))
    assert "2030 年不在计划期内；工作计划可为 2022–2025 年制定。" in zh.stderr
