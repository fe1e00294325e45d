"""`ipplan import FILE.csv`: all rows or none, each problem at its CSV line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipplan import reports
from tests.conftest import Run, clear_recorded, load, snapshot


def csv_file(directory: Path, text: str, encoding: str = "utf-8") -> Path:
    path = directory / "values.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_import_records_every_row(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "\ufeffkey,year,value,source,note\n"
        "practitioners,2022,29000,2022年度统计,\n"
        "1,2023,31000,,初报\n"  # by number
        "专利代理率,2023,80.7,,\n"  # by Chinese name
        'complaint_rate,2023,2.7,"统计, 第二版",\n'
        "litigators,2023,,,\n",  # no value: skipped
    )
    result = cli("import", str(path), "--json", "--data", str(plan_dir))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["recorded"], data["replaced"], data["unchanged"], data["skipped"]) == (4, 0, 0, 1)
    plan = load(plan_dir)
    assert [(a.year, a.value, a.source, a.note) for a in plan.actuals["practitioners"]] == [
        (2022, 29000, "2022年度统计", None),
        (2023, 31000, None, "初报"),
    ]
    assert plan.actuals["agency_rate"][0].value == 80.7
    assert plan.actuals["complaint_rate"][0].source == "统计, 第二版"
    assert plan.actuals["litigators"] == ()
    # one write, one timestamp for the whole import
    assert len({a.recorded for series in plan.actuals.values() for a in series}) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_then_import_round_trips(
    cli: Run, plan_dir: Path, tmp_path: Path, lang: str
) -> None:
    for year, key, value in (("2022", "practitioners", "29000"), ("2023", "agency_rate", "80.3")):
        cli("record", year, key, value, "--note", "核对", "--data", str(plan_dir))
    exported = tmp_path / "export.csv"
    cli("report", "-f", "csv", "-o", str(exported), "--lang", lang, "--data", str(plan_dir))
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("指标键,名称," if lang == "zh" else "key,name,")

    fresh = tmp_path / "fresh"
    cli("init", str(fresh))
    clear_recorded(fresh)  # the published figures come with init; this compares ours alone
    assert cli("import", str(exported), "--data", str(fresh)).exit_code == 0
    before, after = load(plan_dir), load(fresh)
    for key in before.actuals:
        assert [(a.year, a.value, a.source, a.note) for a in after.actuals[key]] == [
            (a.year, a.value, a.source, a.note) for a in before.actuals[key]
        ]
    # importing the same file again changes nothing, not even a byte
    unchanged = snapshot(fresh)
    again = cli("import", str(exported), "--lang", "en", "--data", str(fresh))
    assert again.exit_code == 0
    assert "0 recorded, 0 replaced, 2 unchanged, 34 rows without a value skipped" in again.stdout
    assert snapshot(fresh) == unchanged


def test_one_bad_row_imports_nothing(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "key,year,value\n"
        "practitioners,2023,31000\n"
        "nope,2023,5\n"
        "practitioners,2030,1\n"
        "revenue,2023,abc\n"
        "agency_rate,2023,101\n"
        "practitioners,2023,31001\n"
        "medium_agencies,2023,600.5\n"
        "revenue,2021,434\n"
        "revenue,last year,500\n",
    )
    before = snapshot(plan_dir)
    result = cli("import", str(path), "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0:2] for line in lines[:-1]] == [
        [f"{path}:3", "unknown-indicator"],
        [f"{path}:4", "year-outside-plan"],
        [f"{path}:5", "not-a-number"],
        [f"{path}:6", "value-out-of-range"],
        [f"{path}:7", "import-duplicate-row"],
        [f"{path}:8", "not-whole-number"],
        [f"{path}:9", "baseline-year"],
        [f"{path}:10", "not-a-year"],
    ]
    assert lines[4].endswith("a second row for practitioners in 2023 (the first is on line 2)")
    assert lines[-1] == (
        f"error: {path} has 8 problems (above) and nothing was imported; fix them and run again"
    )
    assert snapshot(plan_dir) == before


def test_a_different_value_needs_force(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--source", "初报", "--data", str(plan_dir))
    path = csv_file(tmp_path, "key,year,value,source\npractitioners,2023,31347,年报\n")
    before = snapshot(plan_dir)
    refused = cli("import", str(path), "--data", str(plan_dir))
    assert refused.exit_code == 1
    assert f"{path}:2: value-already-recorded: " in refused.stderr
    assert snapshot(plan_dir) == before

    forced = cli("import", str(path), "--force", "--json", "--data", str(plan_dir))
    assert json.loads(forced.stdout)["replaced"] == 1
    (actual,) = load(plan_dir).actuals["practitioners"]
    assert (actual.value, actual.source) == (31347, "年报")
    assert [(old.value, old.source) for old in actual.history] == [(31000, "初报")]


@pytest.mark.parametrize(
    ("content", "encoding", "line", "code"),
    [
        (
            "key,year,value\npractitioners,2023,31000\nrevenue,2023,500,来源\n",
            "utf-16-le",  # "Unicode text" from Excel: neither UTF-8 nor GBK
            1,
            "import-encoding",
        ),
        ("indicator,year,amount\npractitioners,2023,31000\n", "utf-8", 1, "import-missing-column"),
        ("", "utf-8", 1, "import-empty"),
        ('key,year,value\npractitioners,2023,"31000\n', "utf-8", 2, "import-csv-syntax"),
    ],
    ids=["utf-16", "missing-column", "empty", "unclosed-quote"],
)
def test_unreadable_files_are_refused_at_a_line(
    cli: Run, plan_dir: Path, tmp_path: Path, content: str, encoding: str, line: int, code: str
) -> None:
    path = csv_file(tmp_path, content, encoding)
    before = snapshot(plan_dir)
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:{line}: {code}: ")
    assert snapshot(plan_dir) == before


def test_missing_file(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "nowhere.csv"), "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"there is no file {tmp_path / 'nowhere.csv'}" in result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_csv_report_layout_is_what_import_reads(lang: str) -> None:
    from ipplan import import_figures
    from ipplan.reports import tidy

    # each column import reads is named so import finds it, and no other column is taken for one
    read = {header: import_figures.column_of(header) for header in tidy.headers(lang)}
    # a name column, where import knows its header, is read only to check it names the key's
    # indicator (import-key-and-name), never as the key itself
    assert read.get(tidy.headers(lang)[tidy.COLUMNS.index("name")]) in (None, "name")
    assert {column: header for header, column in read.items() if column not in (None, "name")} == {
        column: tidy.headers(lang)[tidy.COLUMNS.index(column)]
        for column in import_figures.REQUIRED + import_figures.OPTIONAL
    }
    assert reports.Format.csv.value == "csv"


def test_control_characters_in_a_row_are_refused_at_its_line(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, 'key,year,value,note\npractitioners,2022,28500,"a\x1b[2Jb"\n')
    before = snapshot(plan_dir)
    result = cli("import", str(path), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{path}:2: control-character: note 含有终端控制字符 U+001B" in result.stderr
    assert "\x1b[2J" not in result.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(
    ("text", "cells", "columns"),
    [
        # An unquoted thousands separator: value 1 was recorded, and 200 dropped.
        ("指标,年份,数值\npractitioners,2024,1,200\n", 4, 3),
        # With source and note columns every cell after it shifted: value 1, source "200".
        ("指标,年份,数值,来源,备注\npractitioners,2024,1,200,国家知识产权局,年报\n", 6, 5),
        ("指标,年份,数值,来源,备注\npractitioners,2024,31000\n", 3, 5),
    ],
    ids=["one-too-many", "shifted-source", "too-few"],
)
def test_a_row_of_more_or_fewer_cells_than_its_header_is_refused_at_its_line(
    cli: Run, plan_dir: Path, tmp_path: Path, text: str, cells: int, columns: int, force: bool
) -> None:
    path = csv_file(tmp_path, text)
    before = snapshot(plan_dir)
    args = ("import", str(path), "--lang", "en", "--data", str(plan_dir))
    result = cli(*args, *(("--force",) if force else ()))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first == (
        f"{path}:2: import-row-cells: this row has {cells} cells and the header {columns} "
        "columns; a cell too many or too few shifts the values after it into the wrong column "
        "(such as the comma of 1,200 left unquoted). Correct the row: write the number without "
        "its comma, or quote it"
    )
    assert snapshot(plan_dir) == before
