"""`ipplan import` reads what Excel on a Chinese Windows saves: GBK/GB18030 or UTF-8, with or
without a byte-order mark, and Chinese headers; a header error says what the file has and what
is required."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot

CHINESE = (
    "指标,年份,数值,来源,备注\r\n"
    "执业专利代理师人数,2022,31347,国家知识产权局《全国知识产权代理行业发展状况（2022年）》,"
    "截至2022年底执业专利代理师人数\r\n"
    "诉讼型人才,2022,4405,,\r\n"
    "4,2023,462.6,国家知识产权局,约462.6亿元\r\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        CHINESE.encode("gbk"),  # "CSV (逗号分隔)" on a Chinese Windows
        CHINESE.encode("gb18030"),
        b"\x84\x31\x95\x33" + CHINESE.encode("gb18030"),  # GB18030 with its byte-order mark
        b"\xef\xbb\xbf" + CHINESE.encode("utf-8"),  # "CSV UTF-8"
        CHINESE.encode("utf-8"),
    ],
    ids=["gbk", "gb18030", "gb18030-bom", "utf-8-bom", "utf-8"],
)
def test_chinese_excel_csv_is_read(
    cli: Run, plan_dir: Path, tmp_path: Path, encoded: bytes
) -> None:
    path = tmp_path / "实际值.csv"
    path.write_bytes(encoded)
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    assert "新记录 3 个" in result.stdout
    plan = load(plan_dir)
    practitioners = plan.actuals["practitioners"][0]
    assert (practitioners.year, practitioners.value, practitioners.note) == (
        2022,
        31347,
        "截至2022年底执业专利代理师人数",
    )
    assert practitioners.source == "国家知识产权局《全国知识产权代理行业发展状况（2022年）》"
    assert [(a.year, a.value) for a in plan.actuals["litigators"]] == [(2022, 4405)]
    assert [(a.year, a.value, a.note) for a in plan.actuals["revenue"]] == [
        (2023, 462.6, "约462.6亿元")
    ]


def test_english_headers_in_any_case_still_work(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("Key , YEAR,Value\npractitioners,2022,31347\n".encode("gbk"))
    assert cli("import", str(path), "--data", str(plan_dir)).exit_code == 0
    assert load(plan_dir).actuals["practitioners"][0].value == 31347


def test_a_header_error_lists_what_the_file_has_and_what_is_required(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("指标名,年份,数量\n1,2022,31347\n".encode("gbk"))
    before = snapshot(plan_dir)
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:1: import-missing-column: 表头缺少必需的列：key、value。"
        "文件中的列：指标名、年份、数量。"
        "必需的列：key（指标）、year（年份）、value（数值）；可选的列：source（来源）、note（备注）。"
    )
    assert snapshot(plan_dir) == before
    english = cli("import", str(path), "--lang", "en", "--data", str(plan_dir))
    assert english.stderr.splitlines()[0] == (
        f"{path}:1: import-missing-column: the header lacks required columns: key, value. "
        "The file has: 指标名, 年份, 数量. Required: key (指标), year (年份), value (数值); "
        "optional: source (来源), note (备注)"
    )


def test_two_headers_for_one_column_are_refused(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("key,指标键,year,value\npractitioners,1,2022,31347\n", encoding="utf-8")
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{path}:1: import-duplicate-column: " in result.stderr
    assert "key、指标键" in result.stderr


def test_bytes_neither_encoding_reads_are_refused_at_their_line(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(b"key,year,value\npractitioners,2022,31347\nrevenue,2023,\xff\xfe\n")
    before = snapshot(plan_dir)
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:3: import-encoding: ")
    assert snapshot(plan_dir) == before
