"""`ipplan import` reads what offices have: a workbook's sheet, UTF-16 "Unicode text", tab or
semicolon separated text, Chinese or English headers (those ipplan's own reports write), the
wide layout of one column per year, and a `plan` column; every problem at its row, nothing
written unless every row is right."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run, load, snapshot
from tests.workspaces import test_workspaces as workspaces

ws = workspaces.ws  # the workspace of a national plan and three provinces
VALUES = workspaces.VALUES

openpyxl = pytest.importorskip("openpyxl", reason="xlsx reading comes with the xlsx extra")


def book(path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    """A workbook as openpyxl writes it, with the sheets named and their rows."""
    made = openpyxl.Workbook()
    made.remove(made.active)
    for title, rows in sheets:
        sheet = made.create_sheet(title)
        for row in rows:
            sheet.append(row)
    made.save(path)
    return path


def run(cli: Run, path: Path, data: Path, *extra: str, lang: str = "en") -> tuple[int, str]:
    done = cli("import", str(path), "--lang", lang, "--data", str(data), *extra)
    return done.exit_code, done.stdout + done.stderr


def figures(data: Path, key: str) -> list[tuple[int, float]]:
    return [(a.year, a.value) for a in load(data).actuals[key]]


# --- workbooks --------------------------------------------------------------------------------


def test_a_workbook_first_sheet_numbers_as_numbers_and_as_text(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        (
            "Sheet1",
            [["指标", "年份", "数值"], ["practitioners", 2022, 31347], ["1", "2023", "34396"]],
        ),
        ("other", [["key", "year", "value"], ["practitioners", 2024, 1]]),
    )
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"Imported {path}: 2 recorded, 0 replaced, 0 unchanged, 0 rows without a value skipped."
    )
    assert figures(plan_dir, "practitioners") == [(2022, 31347), (2023, 34396)]


def test_sheet_names_the_sheet_read(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        ("说明", [["这张表记录各年数值"]]),
        ("数据", [["key", "year", "value"], ["practitioners", 2022, 31347]]),
    )
    code, out = run(cli, path, plan_dir, "--sheet", "数据")
    assert code == 0, out
    assert figures(plan_dir, "practitioners") == [(2022, 31347)]


def test_an_unknown_sheet_names_the_sheets_there_are(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(tmp_path / "figures.xlsx", ("说明", [["x"]]), ("数据", [["key"]]))
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir, "--sheet", "Data")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:1: import-unknown-sheet: the workbook has no sheet named 'Data'; its sheets "
        "are: 说明, 数据. Name one of them with --sheet"
    )
    code, out = run(cli, path, plan_dir, "--sheet", "Data", lang="zh")
    assert (
        f"{path}:1: import-unknown-sheet: "
        "工作簿中没有名为“Data”的工作表；其中的工作表：说明、数据。" in out
    )
    assert "Traceback" not in out
    assert snapshot(plan_dir) == before


def test_sheet_of_a_text_file_is_refused(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("key,year,value\npractitioners,2022,31347\n", encoding="utf-8")
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir, "--sheet", "数据")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:1: import-sheet-of-text: --sheet 数据 is for a workbook (.xlsx), and this file "
        "is a text table with no sheets; leave --sheet out"
    )
    assert snapshot(plan_dir) == before


def test_a_date_cell_and_a_formula_without_value_are_refused_at_their_rows(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        (
            "数据",
            [
                ["key", "year", "value"],
                ["practitioners", 2022, 31347],
                ["practitioners", 2023, dt.datetime(2023, 12, 31)],
                ["agency_rate", 2023, "=79+1"],
            ],
        ),
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir, "--force")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"{path}!数据:3: import-date-cell: the cell C3 holds a date, not a number or a year (a "
        "spreadsheet stores it as a count of days); format the column as General or Number, "
        "type the figure again, and import the file"
    )
    assert lines[1].startswith(
        f"{path}!数据:4: formula-without-value: the cell C4 of the sheet '数据' is a formula"
    )
    assert snapshot(plan_dir) == before


def test_a_sheet_row_with_a_cell_past_the_header_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        (
            "数据",
            [
                ["key", "year", "value", "source"],
                ["practitioners", 2022, 31347],  # a row ends at its last cell: fine
                ["litigators", 2023, 4, 896, "推荐名单"],
            ],
        ),
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir, "--force")
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"{path}!数据:3: import-row-cells: this row has 5 cells and the header 4 columns"
    )
    assert snapshot(plan_dir) == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_libreoffice_saved(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    made = book(
        tmp_path / "made.xlsx",
        ("数据", [["key", "year", "value"], ["practitioners", 2022, "34396"]]),
    )
    made.rename(tmp_path / "made.csv.xlsx")
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(tmp_path / "made.csv.xlsx"),
        ],
        check=False,
        capture_output=True,
        timeout=180,
    )
    saved = out / "made.csv.xlsx"
    if not saved.exists():
        pytest.skip("LibreOffice here cannot open a spreadsheet (its Calc is not installed)")
    code, text = run(cli, saved, plan_dir)
    assert code == 0, text
    assert figures(plan_dir, "practitioners") == [(2022, 34396)]


# --- text: UTF-16, tab, semicolon -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-16", "\ufeffkey\tyear\tvalue\r\npractitioners\t2022\t31347\r\n".encode("utf-16-le")),
        (
            "utf-16-be",
            "\ufeffkey\tyear\tvalue\r\npractitioners\t2022\t31347\r\n".encode("utf-16-be"),
        ),
        ("tab", "指标\t年份\t数值\npractitioners\t2022\t31347\n".encode()),
        ("semicolon", "key;year;value;source\npractitioners;2022;31347;统计, 2023\n".encode()),
    ],
)
def test_text_in_utf16_tab_and_semicolon(
    cli: Run, plan_dir: Path, tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert figures(plan_dir, "practitioners") == [(2022, 31347)]


def test_the_delimiter_comes_from_the_header_never_from_data_rows(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    # semicolons in the data rows of a comma separated file say nothing of the table
    path.write_text("key,year,value,note\npractitioners,2022,31347,a;b;c;d\n", encoding="utf-8")
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert load(plan_dir).actuals["practitioners"][0].note == "a;b;c;d"


def test_a_header_no_delimiter_fits_names_what_it_holds(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "figures.txt"
    path.write_text("key|year|value\npractitioners|2022|31347\n", encoding="utf-8")
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:1: import-missing-column: the header lacks required columns: key, year, value. "
        "The file has: key|year|value. Required: key (指标), year (年份), value (数值); optional: "
        "source (来源), note (备注)"
    )
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tab", "key\tyear\tvalue\tsource\nlitigators\t2023\t4\t896\t推荐名单\n".encode()),
        ("semicolon", b"key;year;value\nlitigators;2023\n"),
        ("utf-16", "\ufeffkey\tyear\tvalue\nlitigators\t2023\t4\t896\n".encode("utf-16-le")),
    ],
)
def test_a_row_of_the_wrong_width_is_refused_in_every_text_format(
    cli: Run, plan_dir: Path, tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir, "--force")
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:2: import-row-cells: this row has ")
    assert snapshot(plan_dir) == before


def test_utf16_that_is_not_is_named_at_its_line(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_bytes("\ufeffkey\tyear\tvalue\n".encode("utf-16-le") + b"\x00\xd8")
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"{path}:2: import-not-in-encoding: this line is not valid UTF-16"
    )


# --- headers in either language, and ipplan's own reports ------------------------------------


def test_english_headers(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "Indicator,Year,Value,Source,Note\nPractising patent attorneys,2022,31347,,\n",
        encoding="utf-8",
    )
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert figures(plan_dir, "practitioners") == [(2022, 31347)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_report_then_import_changes_nothing(
    cli: Run, shipped_dir: Path, tmp_path: Path, lang: str, suffix: str
) -> None:
    path = tmp_path / f"report-{lang}.{suffix}"
    made = cli("report", "-o", str(path), "--lang", lang, "--data", str(shipped_dir))
    assert made.exit_code == 0, made.stderr
    recorded = sum(len(series) for series in load(shipped_dir).actuals.values())
    before = snapshot(shipped_dir)
    code, out = run(cli, path, shipped_dir)
    assert code == 0, out
    assert f": 0 recorded, 0 replaced, {recorded} unchanged, " in out.splitlines()[0]
    assert snapshot(shipped_dir) == before


# --- the wide layout: a column per year -------------------------------------------------------


def test_the_wide_layout(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "指标,2021,2022年,2023 年\n执业专利代理师人数,,31347,34396\nPatent agency rate,,79.1,\n",
        encoding="utf-8",
    )
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"Imported {path}: 3 recorded, 0 replaced, 0 unchanged, 3 rows without a value skipped."
    )
    assert figures(plan_dir, "practitioners") == [(2022, 31347), (2023, 34396)]
    assert figures(plan_dir, "agency_rate") == [(2022, 79.1)]


def test_the_wide_layout_names_a_bad_cell_at_its_row(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        ("数据", [["key", "2022", "2023"], ["practitioners", 31347, 34396], ["nobody", 1, None]]),
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}!数据:3: unknown-indicator: ")
    assert snapshot(plan_dir) == before


# --- the plan column --------------------------------------------------------------------------


def test_a_plan_column_naming_another_plan_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    path.write_text(
        "plan,key,year,value\n,practitioners,2022,31347\nguangdong,practitioners,2023,34396\n",
        encoding="utf-8",
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:3: import-other-plan: this row is for the plan 'guangdong', and this import is "
        f"into '{plan_dir}'; import the row into its own plan (--plan guangdong), or remove the "
        "plan column"
    )
    assert snapshot(plan_dir) == before


# --- a workspace: the plan column routes each row ---------------------------------------------


def test_in_a_workspace_the_plan_column_routes_each_row(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    path = ws.parent / "all.csv"
    path.write_text(
        "plan,key,year,value\n"
        "national,practitioners,2025,34000\n"
        "gd,attorneys,2025,15000\n"
        "js,local_rate,2022,52\n",
        encoding="utf-8",
    )
    code, out = run(cli, path, ws / "national")
    assert code == 1  # --data names one plan: the plan column must name it
    assert out.splitlines()[0].startswith(f"{path}:2: import-other-plan: ")
    done = cli("import", str(path), "--lang", "en")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        f"Imported {path}: 3 recorded, 0 replaced, 0 unchanged, 0 rows without a value skipped."
    )
    assert figures(ws / "national", "practitioners")[-1] == (2025, 34000)
    assert figures(ws / "provinces" / "gd", "attorneys")[-1] == (2025, 15000)
    assert figures(ws / "provinces" / "js", "local_rate") == [(2022, 52)]


def test_in_a_workspace_an_unknown_plan_or_a_bad_row_writes_no_plan(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    path = ws.parent / "all.csv"
    path.write_text(
        "plan,key,year,value\n"
        "gd,attorneys,2025,15000\n"
        "hb,attorneys,2025,1\n"
        "js,local_rate,2022,百分之五十\n"
        ",attorneys,2025,1\n",
        encoding="utf-8",
    )
    before = snapshot(ws)
    done = cli("import", str(path), "--lang", "en")
    assert done.exit_code == 1
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"{path}:3: import-unknown-plan: the workspace has no plan named 'hb'; its plans are: "
        "national, gd, js, zj. Correct the row's plan cell"
    )
    assert lines[1].startswith(f"{path}:4: ")
    assert lines[2] == (
        f"{path}:5: import-no-plan: the row's plan cell is empty, and this is outside every "
        "plan's directory (the workspace's plans: national, gd, js, zj); fill in the plan cell, "
        "or name the plan of rows without one with --plan NAME"
    )
    assert snapshot(ws) == before  # gd's good row is not written either


def test_in_a_plan_of_a_workspace_rows_without_a_plan_are_its_own(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws / "provinces" / "gd")
    path = ws.parent / "gd.csv"
    path.write_text("plan,key,year,value\n,attorneys,2025,15000\njs,local_rate,2022,52\n")
    done = cli("import", str(path), "--lang", "en")
    assert done.exit_code == 0, done.stderr
    assert figures(ws / "provinces" / "gd", "attorneys")[-1] == (2025, 15000)
    assert figures(ws / "provinces" / "js", "local_rate") == [(2022, 52)]


def test_the_sites_all_csv_imports_back_unchanged(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    site = ws.parent / "site"
    assert cli("site", str(site)).exit_code == 0
    before = snapshot(ws)
    done = cli("import", str(site / "data" / "all.csv"), "--lang", "en")
    assert done.exit_code == 0, done.stderr
    recorded = sum(len(v) for v in VALUES.values())
    shipped = sum(len(series) for series in load(ws / "national").actuals.values())
    assert f": 0 recorded, 0 replaced, {shipped + recorded - len(VALUES['national'])} " in (
        done.stdout
    )
    assert snapshot(ws) == before


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_cumulative_indicator_from_ipplans_workbook_imports_its_yearly_amounts(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from tests.properties.test_any_plan import SUCCESSOR, TASKS

    monkeypatch.setenv("IPPLAN_TODAY", "2030-06-01")
    plan = tmp_path / "successor"
    plan.mkdir()
    (plan / "indicators.yaml").write_text(SUCCESSOR, encoding="utf-8")
    (plan / "tasks.yaml").write_text(TASKS, encoding="utf-8")
    for year, value in ((2026, "12000"), (2028, "13000"), (2029, "11000")):
        done = cli("record", str(year), "trained", value, "--data", str(plan))
        assert done.exit_code == 0, done.stderr
    path = tmp_path / "report.xlsx"
    assert cli("report", "-o", str(path), "--lang", lang, "--data", str(plan)).exit_code == 0
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "trained")
    totals = [
        row[header.index(f"{'实际' if lang == 'zh' else 'Actual'} {y}")] for y in range(2026, 2030)
    ]
    assert totals == [12000, None, 25000, 36000]  # the workbook holds running totals
    before = snapshot(plan)
    code, out = run(cli, path, plan)
    assert code == 0, out
    assert ": 0 recorded, 0 replaced, 3 unchanged, " in out.splitlines()[0]
    assert snapshot(plan) == before


def test_a_sheet_whose_table_starts_lower_down_is_read_from_its_header(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        ("数据", [[None], ["年度数据"], [], ["key", "year", "value"], ["nobody", 2022, 1]]),
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}!数据:5: unknown-indicator: ")
    assert snapshot(plan_dir) == before


def test_a_date_in_a_column_not_read_is_left_alone(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "figures.xlsx",
        (
            "数据",
            [
                ["key", "year", "value", "更新日期", "合计"],
                ["practitioners", 2022, 31347, dt.date(2023, 5, 1), "=C2+1"],
            ],
        ),
    )
    code, out = run(cli, path, plan_dir)
    assert code == 0, out
    assert figures(plan_dir, "practitioners") == [(2022, 31347)]


@pytest.mark.slow
def test_a_file_of_blank_lines_is_read_as_empty_without_holding_them(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\n" * 5_000_000)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:1: import-empty: ")


def test_a_key_and_a_name_naming_two_indicators_are_refused_at_their_row(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "key,指标,year,value\n"
        "practitioners,执业专利代理师人数,2022,31347\n"  # ipplan's workbook writes both
        "practitioners,1,2023,34396\n"  # number 1 is practitioners too
        "practitioners,专利代理率,2023,80\n",
        encoding="utf-8",
    )
    before = snapshot(plan_dir)
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:4: import-key-and-name: the row's key is practitioners and its indicator name "
        "'专利代理率', which is not the same indicator; correct one of them, or remove the name "
        "column"
    )
    assert len(out.splitlines()) == 2
    assert snapshot(plan_dir) == before


def test_a_header_past_the_csv_field_limit_is_one_problem(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text('"' + "k" * 200_000 + '",year,value\n', encoding="utf-8")
    code, out = run(cli, path, plan_dir)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:1: import-csv-syntax: not valid CSV: field ")
    assert "Traceback" not in out
