"""A write reads the record files once, and still never writes over a change it did not see."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from ipplan import actions, actuals, load, write
from ipplan.action_status import Status
from ipplan.check.run import check, check_records
from ipplan.errors import DataInvalid, ValueAlreadyRecorded
from ipplan.files import layout, yaml_read
from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import identity as cache_identity
from ipplan.problems import Problem
from tests.conftest import snapshot

UTC8 = dt.timezone(dt.timedelta(hours=8))


def _value(data: layout.DataDir, key: str, year: int) -> object:
    return {a.year: a.value for a in load.load(data).actuals.get(key, ())}.get(year)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files read from now on, by their paths relative to the data directory."""
    seen: list[str] = []
    real = yaml_read.read

    def counting(path: Path | str, root: Path | None = None, **options: bool):  # type: ignore[no-untyped-def]
        relative = Path(path).relative_to(root) if root is not None else None
        if relative is not None and relative.parts[0] in ("actuals", "updates"):
            seen.append(relative.as_posix())
        return real(path, root, **options)

    monkeypatch.setattr(yaml_read, "read", counting)
    return seen


def test_a_record_reads_each_record_file_once(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = layout.DataDir(plan_dir)
    at = dt.datetime(2024, 3, 1, 10, 0, tzinfo=UTC8)
    actuals.record(data, load.load_fresh(data), 2022, "practitioners", "31347", when=at)
    actuals.record(data, load.load_fresh(data), 2022, "litigators", "5000", when=at)
    monkeypatch.setenv(cache_dir.ENV_SWITCH, "0")
    reads = _count_reads(monkeypatch)
    plan = load.load(data)
    assert sorted(reads) == ["actuals/litigators/2022.yaml", "actuals/practitioners/2022.yaml"]
    reads.clear()
    actuals.record(data, plan, 2023, "practitioners", "34396")
    assert reads == []  # checked with the definitions and the plan already read
    assert _value(data, "practitioners", 2023) == 34396


def test_a_change_made_after_the_plan_was_read_is_seen_under_the_lock(plan_dir: Path) -> None:
    data = layout.DataDir(plan_dir)
    plan = load.load(data)
    other = load.load(data)
    actuals.record(data, other, 2023, "practitioners", "34396")
    with pytest.raises(ValueAlreadyRecorded):  # the stale plan did not have it
        actuals.record(data, plan, 2023, "practitioners", "30000")
    assert _value(data, "practitioners", 2023) == 34396


def test_a_file_changed_without_changing_its_identity_is_told_by_its_bytes(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file rewritten in place within one tick of a coarse clock keeps its size, times and
    inode; it was modified just before the plan was read, so its bytes are compared."""
    data = layout.DataDir(plan_dir)
    path = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("value: 34396\n", encoding="utf-8")
    plan = load.load(data)
    assert plan.origin is not None and "actuals/practitioners/2023.yaml" in plan.origin.racy()
    files = plan.origin.files
    path.write_text("value: 31347\n", encoding="utf-8")  # the same size
    monkeypatch.setattr(cache_identity, "snapshot", lambda top: (files, 0, ()))  # the same identity
    latest = load.current(data, plan)
    assert latest is not plan
    assert latest.actuals["practitioners"][-1].value == 31347


def test_an_unchanged_plan_is_kept_under_the_lock(plan_dir: Path) -> None:
    data = layout.DataDir(plan_dir)
    plan = load.load(data)
    assert load.current(data, plan) is plan
    (plan_dir / "README.txt").write_text("not part of the plan", encoding="utf-8")
    assert load.current(data, plan) is not plan  # a new file: read again, to be sure


def test_a_time_shared_with_another_record_is_found_by_checking_everything(
    plan_dir: Path,
) -> None:
    data = layout.DataDir(plan_dir)
    at = dt.datetime(2024, 3, 1, 10, 0, tzinfo=UTC8)
    plan = load.load(data)
    actions.update_action(data, plan, "talent-training", status=Status.in_progress, when=at)
    before = snapshot(plan_dir)
    with pytest.raises(DataInvalid) as refused:
        actuals.record(data, load.load(data), 2022, "practitioners", "31347", when=at)
    assert [p.code for p in refused.value.problems] == ["duplicate-recorded-time"]
    assert str(refused.value.problems[0].path).endswith("20240301T020000Z.yaml")
    assert snapshot(plan_dir) == before


def test_a_new_record_that_breaks_a_rule_is_refused_and_nothing_is_written(
    plan_dir: Path,
) -> None:
    """The focused check runs every rule on the new file: here a text with a control
    character that reached the writer."""
    data = layout.DataDir(plan_dir)
    before = snapshot(plan_dir)
    name = "actuals/practitioners/2023.yaml"
    with pytest.raises(DataInvalid) as refused:
        write._write_checked(data, {name: 'value: 1\nnote: "a\\u001b[31m"\n'}, load.load(data))
    assert [p.code for p in refused.value.problems] == ["control-character"]
    assert snapshot(plan_dir) == before
    assert not os.path.exists(plan_dir / name)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("actuals/practitioners/2023.yaml", "value: 34396\n"),
        ("actuals/practitioners/2030.yaml", "value: 34396\n"),  # after the plan's target year
        ("actuals/practitioners/2023.yaml", "value: 34396.5\n"),  # people are counted whole
        ("actuals/practitioners/2023.yaml", "value: -3\n"),
        ("actuals/nobody/2023.yaml", "value: 3\n"),  # no such indicator
        ("actuals/practitioners/2023.yaml", "value: 1\nsorce: typo\n"),
        ("actuals/practitioners/2023.yaml", 'value: 1\nnote: "\\u202e"\n'),
        ("updates/no-such-action/20240301T020000Z.yaml", 'recorded: "2024-03-01T10:00:00+08:00"\n'),
        (
            "updates/talent-training/20240301T020000Z.yaml",
            'recorded: "2024-03-01T11:00:00+08:00"\n',
        ),
    ],
)
def test_records_checked_against_the_plan_find_what_checking_everything_finds(
    plan_dir: Path, name: str, text: str
) -> None:
    """A writer checks its new files against the plan already read; what it finds is what
    reading and checking the whole directory with those files in it would find."""
    data = layout.DataDir(plan_dir)
    docs, problems = load.read_documents(data)
    assert problems == []
    doc, parse_problems = yaml_read.parse(text, data.file(name))
    whole = sorted(parse_problems + check({**docs, name: doc}).problems, key=Problem.sort_key)
    doc, parse_problems = yaml_read.parse(text, data.file(name))
    paths = {n: data.file(n) for n in layout.FILES}
    alone = check_records(load.load(data), {name: doc}, paths).problems
    found = sorted(parse_problems + alone, key=Problem.sort_key)
    assert [(p.path, p.line, p.code, p.params) for p in found] == [
        (p.path, p.line, p.code, p.params) for p in whole
    ]
    assert bool(found) == (text != "value: 34396\n" or "2030" in name)  # the cases that fail
