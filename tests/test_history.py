"""History is never lost or silently rewritten: `ipplan history` lists it, `ipplan undo` takes
back the newest change, for recorded values and action updates alike, and is itself a change."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipplan import write
from tests.conftest import Run, load, snapshot
from tests.files.test_journal import files as plan_files

UTC8 = dt.timezone(dt.timedelta(hours=8))


def at(minute: int) -> dt.datetime:
    return dt.datetime(2024, 3, 1, 10, minute, tzinfo=UTC8)


@pytest.fixture(autouse=True)
def _reader_in_beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in the reader's local time: here, the same zone they were recorded in."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """A clock the test sets: each change is recorded at the next time in the list."""
    times: list[dt.datetime] = []
    monkeypatch.setattr(write, "now", lambda: times.pop(0))
    return times


def record(cli: Run, plan_dir: Path, *args: str) -> None:
    result = cli("record", *args, "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr


def history(cli: Run, plan_dir: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = cli("history", *args, "--json", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_history_lists_every_change_newest_first(
    cli: Run, plan_dir: Path, clock: list[dt.datetime]
) -> None:
    clock.extend(at(m) for m in (1, 2, 3, 4))
    record(cli, plan_dir, "2022", "practitioners", "28500", "--source", "年报")
    record(cli, plan_dir, "2023", "practitioners", "31000")
    cli("task", "talent-training", "--status", "in_progress", "--data", str(plan_dir))
    record(cli, plan_dir, "2023", "practitioners", "31347", "--force", "--note", "更正")

    data = history(cli, plan_dir)
    rows = [
        (c["recorded"], c["kind"], c.get("key") or c.get("id"), c.get("value"), c.get("previous"))
        for c in data["changes"]
    ]
    assert rows == [
        ("2024-03-01T10:04:00+08:00", "actual", "practitioners", 31347, 31000),
        ("2024-03-01T10:03:00+08:00", "action", "talent-training", None, None),
        ("2024-03-01T10:02:00+08:00", "actual", "practitioners", 31000, None),
        ("2024-03-01T10:01:00+08:00", "actual", "practitioners", 28500, None),
    ]
    assert data["changes"][0]["note"] == "更正" and data["changes"][3]["source"] == "年报"
    assert [c["current"] for c in data["changes"] if c["kind"] == "actual"] == [True, False, True]
    assert data["changes"][1]["status"] == "in_progress"
    assert data["next_undo"]["recorded"] == "2024-03-01T10:04:00+08:00"

    # one indicator or one action, and the newest N
    assert [c["year"] for c in history(cli, plan_dir, "practitioners")["changes"]] == [
        2023,
        2023,
        2022,
    ]
    assert [c["kind"] for c in history(cli, plan_dir, "talent-training")["changes"]] == ["action"]
    limited = history(cli, plan_dir, "--limit", "1")
    assert (len(limited["changes"]), limited["total"]) == (1, 4)


def test_history_in_the_terminal(cli: Run, plan_dir: Path, clock: list[dt.datetime]) -> None:
    clock.extend(at(m) for m in (1, 2))
    record(cli, plan_dir, "2023", "practitioners", "31000")
    record(cli, plan_dir, "2023", "practitioners", "31347", "--force", "--source", "[red]x[/red]")
    result = cli("history", "--data", str(plan_dir))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "2024-03-01 10:02 UTC+8" in line)
    assert "31000 → 31347 人" in lines[first] and "[red]x[/red]" in lines[first]
    assert "2024-03-01 10:01 UTC+8" in lines[first + 1] and "31000 人" in lines[first + 1]
    assert (
        "ipplan undo 将撤销最新的变更：执业专利代理师人数 2023（2024-03-01 10:02 UTC+8 录入）"
        in result.stdout
    )


def test_history_of_an_unknown_reference(cli: Run, plan_dir: Path) -> None:
    result = cli("history", "practitioner", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "未知指标或行动" in result.stderr and "practitioners" in result.stderr


def test_history_when_nothing_is_recorded(cli: Run, plan_dir: Path) -> None:
    result = cli("history", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert "暂无录入的变更" in result.stdout


def test_undo_is_a_change_and_the_next_undo_puts_back_what_it_took(
    cli: Run, plan_dir: Path, clock: list[dt.datetime]
) -> None:
    clock.extend(at(m) for m in (1, 2, 3, 4, 5, 6))
    empty = plan_files(plan_dir)
    record(cli, plan_dir, "2023", "practitioners", "31000", "--source", "初报")
    first = plan_files(plan_dir)
    record(cli, plan_dir, "2023", "practitioners", "31347", "--force", "--source", "年报")
    second = plan_files(plan_dir)
    assert empty != first != second

    result = cli("undo", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert "2023 年值 31347 人，恢复为此前的 31000 人" in result.stdout
    assert plan_files(plan_dir) == first  # source and time come back too
    assert sorted(p.name for p in (plan_dir / "undone").iterdir()) == [
        "20240301T020300Z.yaml"  # the undo's own record, stamped like any change
    ]

    # the newest change is now that undo: undo again puts back what it took (a redo)
    redo = cli("undo", "--data", str(plan_dir))
    assert redo.exit_code == 0, redo.stderr
    assert redo.stdout.strip() == (
        "已撤销 2024-03-01 10:03 UTC+8 的撤销：2024-03-01 10:02 UTC+8 的改动已恢复。"
    )
    assert plan_files(plan_dir) == second
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [31347]

    # and that redo is one step too: undo takes it back, and the value is 31000 again
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert plan_files(plan_dir) == first
    assert len(list((plan_dir / "undone").iterdir())) == 3


def test_undo_reverts_an_action_update(cli: Run, plan_dir: Path, clock: list[dt.datetime]) -> None:
    clock.extend(at(m) for m in (1, 2, 3))
    record(cli, plan_dir, "2023", "practitioners", "31000")
    before = plan_files(plan_dir)
    cli(
        "task",
        "talent-training",
        "--status",
        "in_progress",
        "--note",
        "启动",
        "--data",
        str(plan_dir),
    )
    result = cli("undo", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert (
        "已撤销 2024-03-01 10:02 UTC+8 对行动 talent-training 的更新：状态 → 推进中；启动"
        in result.stdout
    )
    assert plan_files(plan_dir) == before
    assert load(plan_dir).actuals["practitioners"][0].value == 31000  # the value stays


def test_undo_reverts_an_import_whole(
    cli: Run, plan_dir: Path, tmp_path: Path, clock: list[dt.datetime]
) -> None:
    clock.extend(at(m) for m in (1, 2, 3))
    record(cli, plan_dir, "2022", "practitioners", "28500")
    kept = plan_files(plan_dir)
    csv = tmp_path / "values.csv"
    csv.write_text("key,year,value\npractitioners,2023,31000\nagency_rate,2023,81\n", "utf-8")
    assert cli("import", str(csv), "--data", str(plan_dir)).exit_code == 0
    result = cli("undo", "--json", "--data", str(plan_dir))
    data = json.loads(result.stdout)
    assert sorted((c["key"], c["year"]) for c in data["changes"]) == [
        ("agency_rate", 2023),
        ("practitioners", 2023),
    ]
    assert plan_files(plan_dir) == kept


def test_undo_dry_run_changes_nothing(cli: Run, plan_dir: Path) -> None:
    record(cli, plan_dir, "2023", "practitioners", "31000")
    before = snapshot(plan_dir)
    result = cli("undo", "--dry-run", "--data", str(plan_dir))
    assert result.exit_code == 0
    assert "将撤销" in result.stdout and "试运行" in result.stdout
    assert snapshot(plan_dir) == before


def test_undo_on_the_bundled_plan_is_refused(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    result = cli("undo")
    assert result.exit_code == 1
    assert "ipplan init" in result.stderr  # the bundled copy is read-only


def test_each_change_gets_its_own_later_time_even_if_the_clock_goes_back(
    cli: Run, plan_dir: Path, clock: list[dt.datetime]
) -> None:
    clock.extend([at(5), at(5), at(1), at(1)])  # same moment twice, then a clock set back
    record(cli, plan_dir, "2022", "practitioners", "28500")
    record(cli, plan_dir, "2023", "practitioners", "31000")
    record(cli, plan_dir, "2024", "practitioners", "34000")
    times = [a.recorded for a in load(plan_dir).actuals["practitioners"]]
    assert times == [at(5), at(5) + write.TICK, at(5) + 2 * write.TICK]
    text = (plan_dir / "actuals/practitioners/2023.yaml").read_text(encoding="utf-8")
    assert 'recorded: "2024-03-01T10:05:00.001+08:00"' in text  # to the millisecond, no longer
    # so undo takes the last one typed, not the one the clock says is latest
    cli("undo", "--data", str(plan_dir))
    assert [a.year for a in load(plan_dir).actuals["practitioners"]] == [2022, 2023]


def test_hand_written_entries_without_a_time_are_listed_but_not_undone(
    cli: Run, plan_dir: Path
) -> None:
    (plan_dir / "actuals.yaml").write_text(
        "actuals:\n  practitioners:\n    - year: 2022\n      value: 28500\n", encoding="utf-8"
    )
    data = history(cli, plan_dir)
    assert [(c["year"], c["recorded"]) for c in data["changes"]] == [(2022, None)]
    assert data["next_undo"] is None
    assert cli("undo", "--data", str(plan_dir)).exit_code == 1


@pytest.mark.parametrize(
    "recorded", ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00", "0001-01-01T00:00:00"]
)
def test_a_time_at_the_calendars_ends_is_shown_as_recorded(recorded: str) -> None:
    from ipplan.text import shown_numbers

    shown = shown_numbers.moment(recorded)
    assert shown.startswith(recorded[:4])


# --- a recorded time in the future ---------------------------------------------------------------


def put(plan_dir: Path, relative: str, text: str) -> Path:
    path = plan_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_recorded_time_in_the_future_is_a_problem_at_its_line(cli: Run, plan_dir: Path) -> None:
    value = put(
        plan_dir,
        "actuals/practitioners/2023.yaml",
        'value: 31000\nrecorded: "2099-01-01T00:00:00+08:00"\nhistory:\n'
        '  - value: 30000\n    recorded: "2098-06-01T00:00:00+08:00"\n',
    )
    update = put(
        plan_dir,
        "updates/talent-training/20990101T000000Z.yaml",
        'recorded: "2099-01-01T00:00:00+00:00"\nnote: "x"\n',
    )
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        f"{value}:2: time-in-future: the recorded time 2099-01-01T00:00:00+08:00 is later "
        "than now ("
    )
    assert lines[0].endswith(
        "): no change was recorded in the future (the clock of the machine that wrote it may "
        "be wrong). Correct it to when the change was recorded (an update's or progress "
        "record's file name follows it), or remove the record"
    )
    assert [line.split(": ")[:2] for line in lines[1:-1]] == [
        [f"{value}:5", "time-in-future"],
        [f"{update}:1", "time-in-future"],
    ]
    # every command that reads the plan says so, rather than take 2099 for the latest change
    assert cli("undo", "--data", str(plan_dir)).exit_code == 1


def test_a_time_less_than_five_minutes_ahead_is_a_clock_a_little_fast_not_a_problem(
    cli: Run, plan_dir: Path
) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    # a day ahead was accepted, and the next change inherited it
    for minutes, code in ((3, 0), (6, 1), (23 * 60, 1)):
        ahead = (now + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")
        put(plan_dir, "actuals/practitioners/2023.yaml", f'value: 31000\nrecorded: "{ahead}"\n')
        result = cli("validate", "--data", str(plan_dir))
        assert result.exit_code == code, result.stderr
        assert ("time-in-future" in result.stderr) == bool(code)


def test_a_future_time_blocks_a_write_and_the_next_change_is_stamped_now(
    cli: Run, plan_dir: Path
) -> None:
    wrong = put(
        plan_dir,
        "actuals/practitioners/2022.yaml",
        'value: 28500\nrecorded: "2099-01-01T00:00:00+08:00"\n',
    )
    before = snapshot(plan_dir)
    refused = cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    assert refused.exit_code == 1
    assert f"{wrong}:2: time-in-future: 录入时间 2099-01-01T00:00:00+08:00 晚于现在" in (
        refused.stderr
    )
    assert snapshot(plan_dir) == before
    # corrected as the message says, the next change is stamped now, not after 2099
    wrong.write_text('value: 28500\nrecorded: "2024-03-01T10:00:00+08:00"\n', encoding="utf-8")
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    record(cli, plan_dir, "2023", "practitioners", "31000")
    stamped = load(plan_dir).actuals["practitioners"][1].recorded
    assert stamped is not None
    assert start <= stamped <= dt.datetime.now(dt.timezone.utc)


def test_a_change_is_never_stamped_after_a_time_in_the_future(plan_dir: Path) -> None:
    import dataclasses

    from ipplan.data import Actual

    plan = load(plan_dir)
    future = dt.datetime(2099, 1, 1, tzinfo=UTC8)
    held = dataclasses.replace(
        plan,
        actuals={**plan.actuals, "practitioners": (Actual(2022, 28500, recorded=future),)},
    )
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    moment = write.stamp(held)
    assert start <= moment <= dt.datetime.now(dt.timezone.utc)  # now: 2099 is not handed on


def test_a_time_a_little_ahead_still_comes_before_the_next_change_and_undo_takes_that(
    cli: Run, plan_dir: Path
) -> None:
    ahead = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(minutes=2)
    put(
        plan_dir,
        "actuals/practitioners/2022.yaml",
        f'value: 28500\nrecorded: "{ahead.isoformat()}"\n',
    )
    record(cli, plan_dir, "2023", "practitioners", "31000")
    series = load(plan_dir).actuals["practitioners"]
    assert series[1].recorded == ahead + write.TICK  # after it, within the clock's skew
    assert cli("undo", "--data", str(plan_dir)).exit_code == 0
    assert [a.year for a in load(plan_dir).actuals["practitioners"]] == [2022]


def test_a_change_is_never_stamped_later_than_now_and_the_clock_skew(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from ipplan import clock
    from ipplan.data import Actual

    now = dt.datetime(2025, 6, 1, 12, 0, tzinfo=UTC8)
    monkeypatch.setattr(write, "now", lambda: now)
    monkeypatch.setattr(clock, "now", lambda: now)
    plan = load(plan_dir)
    # just inside the skew, to a fraction of the millisecond changes are stamped to
    kept = now + clock.SKEW - dt.timedelta(microseconds=500)
    for ahead, expected in (
        (kept, now + clock.SKEW),  # after it, and no later than the skew allows
        (now + dt.timedelta(minutes=2), now + dt.timedelta(minutes=2) + write.TICK),
        (now + clock.SKEW, now),  # a time in the future: not handed on
        (now + dt.timedelta(hours=23), now),  # was inherited when a day was allowed
    ):
        held = dataclasses.replace(
            plan,
            actuals={**plan.actuals, "practitioners": (Actual(2022, 28500, recorded=ahead),)},
        )
        moment = write.stamp(held)
        assert moment == expected
        assert moment <= now + clock.SKEW
        assert moment > ahead or clock.in_future(ahead, now)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_80_columns_a_time_keeps_its_zone_on_its_line(
    cli: Run, plan_dir: Path, clock: list[dt.datetime], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # the longest zone there is to name: UTC+5:30
    time.tzset()
    clock.append(at(5))
    source = "国家知识产权局《全国知识产权代理行业发展状况（2023年）》"
    data = ("--data", str(plan_dir))
    assert cli("record", "2023", "revenue", "470", "--source", source, *data).exit_code == 0
    out = cli("history", "--lang", lang, *data).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    row = [line for line in out.splitlines() if line.startswith(" 2024-03-01")]
    assert len(row) == 1 and row[0].startswith(" 2024-03-01 07:35 UTC+5:30  ")
    monkeypatch.setenv("COLUMNS", "40")  # too narrow for it whole: the date goes above
    narrow = cli("history", "--lang", lang, *data).stdout.splitlines()
    at_row = next(i for i, line in enumerate(narrow) if line.startswith(" 2024-03-01"))
    assert narrow[at_row + 1].startswith(" 07:35 UTC+5:30  ")
