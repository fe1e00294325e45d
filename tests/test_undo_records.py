"""An undo is a change like any other: it keeps what it took back in a record file of its own
(``undone/<stamp>.yaml``, written in the same journalled change), ``history`` lists it, and the
next ``undo``, when the newest change is an undo, puts back what it took."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ipplan import write
from tests.conftest import Run, load, snapshot
from tests.files.test_journal import files

UTC = dt.timezone.utc


def at(minute: int) -> dt.datetime:
    return dt.datetime(2024, 3, 1, 2, minute, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    times: list[dt.datetime] = []
    monkeypatch.setattr(write, "now", lambda: times.pop(0))
    monkeypatch.setenv("TZ", "UTC")
    return times


def ok(cli: Run, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_undone_figure_is_kept_in_the_undo_record_and_comes_back(
    cli: Run, plan_dir: Path, clock: list[dt.datetime]
) -> None:
    clock.extend(at(m) for m in (1, 2))
    data = ("--data", str(plan_dir))
    ok(cli, "record", "2024", "practitioners", "36800", "--accept-jump", *data)
    figure = (plan_dir / "actuals/practitioners/2024.yaml").read_bytes()
    ok(cli, "undo", *data)
    assert not (plan_dir / "actuals/practitioners/2024.yaml").exists()
    kept = (plan_dir / "undone/20240301T020200Z.yaml").read_text(encoding="utf-8")
    assert kept == (
        "# yaml-language-server: $schema=../schema/undo.schema.json\n"
        'recorded: "2024-03-01T02:02:00+00:00"\n'
        'undid: "2024-03-01T02:01:00+00:00"\n'
        "files:\n"
        '  - path: "actuals/practitioners/2024.yaml"\n'
        f"    before: {json.dumps(figure.decode('utf-8'), ensure_ascii=False)}\n"
    )
    assert load(plan_dir).undos[0].files == ("actuals/practitioners/2024.yaml",)
    assert ok(cli, "validate", *data)


@pytest.mark.parametrize(
    ("lang", "row", "next_undo"),
    [
        (
            "zh",
            "撤销了 2024-03-01 02:01 UTC+0 的改动（1 个文件）",
            "ipplan undo 将撤销最新的变更：撤销（2024-03-01 02:02 UTC+0 录入）。",
        ),
        (
            "en",
            "undid the change of 2024-03-01 02:01 UTC+0 (1 file)",
            "ipplan undo would revert the newest change: undo (recorded 2024-03-01 02:02 UTC+0).",
        ),
    ],
)
def test_history_lists_the_undo_and_undo_names_it_next(
    cli: Run, plan_dir: Path, clock: list[dt.datetime], lang: str, row: str, next_undo: str
) -> None:
    clock.extend(at(m) for m in (1, 2))
    data = ("--data", str(plan_dir))
    ok(cli, "record", "2024", "practitioners", "36800", "--accept-jump", *data)
    ok(cli, "undo", *data)
    shown = json.loads(ok(cli, "history", "--json", *data))
    assert shown["changes"][0] == {
        "kind": "undo",
        "recorded": "2024-03-01T02:02:00+00:00",
        "undid": "2024-03-01T02:01:00+00:00",
        "files": 1,
    }
    assert [c["kind"] for c in shown["next_undo"]["changes"]] == ["undo"]
    screen = ok(cli, "history", "--lang", lang, "-n", "1", *data)
    assert " ".join(screen.split()).count(" ".join(row.split())) == 1, screen
    assert " ".join(next_undo.split()) in " ".join(screen.split())


def test_three_undos_and_what_they_took_is_never_lost(
    cli: Run, plan_dir: Path, tmp_path: Path, clock: list[dt.datetime]
) -> None:
    """The issue's case: a figure, then an import; undo three times. Each undo is a change of
    its own, and whichever is newest, undo takes it back: what was undone comes back."""
    clock.extend(at(m) for m in range(1, 7))
    data = ("--data", str(plan_dir))
    ok(cli, "record", "2024", "practitioners", "36800", "--accept-jump", *data)
    table = tmp_path / "values.csv"
    table.write_text("key,year,value\nagency_rate,2023,81\nlitigators,2023,4400\n", "utf-8")
    ok(cli, "import", str(table), *data)
    imported = files(plan_dir)
    ok(cli, "undo", *data)  # the import
    without = files(plan_dir)
    ok(cli, "undo", *data)  # that undo: the import is back
    assert files(plan_dir) == imported
    ok(cli, "undo", *data)  # that redo: the import is gone again
    assert files(plan_dir) == without
    kinds = [c["kind"] for c in json.loads(ok(cli, "history", "--json", *data))["changes"]]
    assert kinds[:3] == ["undo", "undo", "undo"]
    assert {a.year: a.value for a in load(plan_dir).actuals["practitioners"]}[2024] == 36800


def test_an_undo_of_several_files_is_one_journalled_change_with_its_record(
    cli: Run, plan_dir: Path, tmp_path: Path, clock: list[dt.datetime]
) -> None:
    clock.extend(at(m) for m in (1, 2))
    data = ("--data", str(plan_dir))
    table = tmp_path / "values.csv"
    table.write_text("key,year,value\nagency_rate,2023,81\nlitigators,2023,4400\n", "utf-8")
    ok(cli, "import", str(table), *data)
    before = {
        name: (plan_dir / name).read_text(encoding="utf-8")
        for name in ("actuals/agency_rate/2023.yaml", "actuals/litigators/2023.yaml")
    }
    ok(cli, "undo", *data)
    record = (plan_dir / "undone/20240301T020200Z.yaml").read_text(encoding="utf-8")
    for name, text in before.items():
        assert f'  - path: "{name}"\n    before: {json.dumps(text, ensure_ascii=False)}\n' in record
    assert not (plan_dir / ".ipplan.journal").exists()


@pytest.mark.parametrize(
    "path", ["../outside.yaml", "tasks.yaml", "actuals/../indicators.yaml", "undone/x.yaml"]
)
def test_an_undo_record_naming_a_file_no_undo_writes_is_refused_and_nothing_changes(
    cli: Run, plan_dir: Path, path: str
) -> None:
    undone = plan_dir / "undone"
    undone.mkdir()
    (undone / "20240301T020200Z.yaml").write_text(
        'recorded: "2024-03-01T02:02:00+00:00"\nundid: "2024-03-01T02:01:00+00:00"\n'
        f'files:\n  - path: "{path}"\n    before: "x: 1\\n"\n',
        encoding="utf-8",
    )
    before = snapshot(plan_dir)
    checked = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert checked.exit_code == 1
    assert (
        f"undone/20240301T020200Z.yaml:4: undo-path: the undo record names {path}, which is no "
        "file an undo writes (a record file, workplans/YEAR.yaml or indicators.yaml)"
    ) in " ".join((checked.stdout + checked.stderr).split())
    result = cli("undo", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert snapshot(plan_dir) == before
    assert not (plan_dir.parent / "outside.yaml").exists()


def test_the_undo_of_a_large_work_plan_keeps_it_whole_and_the_plan_still_reads(
    cli: Run, shipped_dir: Path, tmp_path: Path
) -> None:
    """An undo record holds whole files: the undo of a work plan of 400 items is far over a
    record file's 64 KB, and is read with a data file's limits."""
    rows = "".join(
        f',talent-training,措施{n},开展培训工作第{n}项。,"1.推动指南实施第{n}项。","上半年,完成第{n}项",省局负责\n'
        for n in range(1, 401)
    )
    table = tmp_path / "big.csv"
    table.write_text("编号,对应行动,工作措施,工作目标,具体内容,进度安排,负责部门\n" + rows, "utf-8")
    data = ("--data", str(shipped_dir))
    ok(cli, "workplan-import", str(table), "--year", "2024", *data)
    imported = files(shipped_dir)
    assert len(imported["workplans/2024.yaml"]) > 64 * 1024
    ok(cli, "undo", *data)
    assert "workplans/2024.yaml" not in files(shipped_dir)
    assert ok(cli, "validate", *data)
    ok(cli, "undo", *data)  # the work plan back, byte for byte
    assert files(shipped_dir) == imported
