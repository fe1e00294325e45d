"""Smaller validation rules: the invalid-id message states its rule, a data directory that is a
file says so, a name that reads as a number or another indicator is a problem, and no two
changes share one recorded time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, snapshot


def problems(cli: Run, plan_dir: Path) -> list[str]:
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    return [line.replace(f"{plan_dir}/", "") for line in result.stderr.splitlines()[:-1]]


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``path``; the line it stands on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_invalid_id_states_the_rule_it_applies(cli: Run, plan_dir: Path) -> None:
    key = edit(plan_dir / "indicators.yaml", "key: practitioners", "key: Practitioners")
    action = edit(plan_dir / "tasks.yaml", "id: talent-training", "id: talent_training")
    found = [p for p in problems(cli, plan_dir) if "invalid-id" in p]
    assert found == [
        f"indicators.yaml:{key}: invalid-id: indicators.0.key is not well formed: "
        "'Practitioners'; it must start with a lower-case letter, then only lower-case letters, "
        "digits and _, as in practitioners",
        f"tasks.yaml:{action}: invalid-id: actions.1.id is not well formed: 'talent_training'; "
        "it must start with a lower-case letter, then only lower-case letters, digits and -, "
        "as in talent-training",
    ]
    zh = cli("validate", "--data", str(plan_dir)).stderr
    assert "须以小写字母开头，其后只用小写字母、数字和下划线 _，如 practitioners" in zh


def test_a_data_directory_that_is_a_file_says_so(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "indicators.yaml"
    file.write_text("plan: {}\n", encoding="utf-8")
    named = cli("status", "--lang", "en", "--data", str(file))
    assert named.exit_code == 1
    assert named.stderr.strip() == (
        f"error: {file} is a file, not a data directory; --data or IPPLAN_DATA names the "
        "directory that holds indicators.yaml"
    )
    monkeypatch.chdir(tmp_path / "..")
    monkeypatch.setenv("IPPLAN_DATA", str(file))
    from_env = cli("status")
    assert from_env.exit_code == 1
    assert f"{file} 是文件，不是数据目录" in from_env.stderr


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (
            "name: 执业专利代理师人数",
            'name: "３"',  # full-width: still a bare number
            "is a number, which reads as an indicator's number",
        ),
        ("name: 执业专利代理师人数", "name: revenue", "is the key or a name of indicator revenue"),
        (
            "name_en: Practising patent attorneys",
            "name_en: Revenue",  # another indicator's key, in any case
            "is the key or a name of indicator revenue",
        ),
    ],
)
def test_a_name_that_reads_as_a_number_or_another_indicator_is_a_problem(
    cli: Run, plan_dir: Path, old: str, new: str, why: str
) -> None:
    line = edit(plan_dir / "indicators.yaml", old, new)
    name = new.split(": ", 1)[1].strip('"')
    found = [p for p in problems(cli, plan_dir) if "ambiguous-name" in p]
    assert found == [
        f"indicators.yaml:{line}: ambiguous-name: the name {name} {why}, so on the command "
        "line it would name two indicators; rename it"
    ]


UPDATE = 'recorded: "{}"\nnote: "x"\n'


def put(plan_dir: Path, relative: str, text: str) -> None:
    path = plan_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_two_changes_may_not_share_a_recorded_time(cli: Run, plan_dir: Path) -> None:
    when = "2024-03-01T10:00:00+08:00"
    put(plan_dir, "updates/talent-training/20240301T020000Z.yaml", UPDATE.format(when))
    put(plan_dir, "updates/informatization/20240301T020000Z.yaml", UPDATE.format(when))
    put(plan_dir, "actuals/practitioners/2023.yaml", f'value: 31000\nrecorded: "{when}"\n')
    put(plan_dir, "actuals/revenue/2023.yaml", f'value: 480\nrecorded: "{when}"\n')  # an import
    before = snapshot(plan_dir)
    found = problems(cli, plan_dir)
    assert [p.split(": ")[:2] for p in found] == [
        ["updates/informatization/20240301T020000Z.yaml:1", "duplicate-recorded-time"],
        ["updates/talent-training/20240301T020000Z.yaml:1", "duplicate-recorded-time"],
    ]
    assert "actuals/practitioners/2023.yaml:1" in found[0]
    assert cli("undo", "--data", str(plan_dir)).exit_code == 1  # never two changes at once
    assert snapshot(plan_dir) == before


def test_values_of_one_import_share_a_time_and_undo_together(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    table = tmp_path / "values.csv"
    table.write_text("key,year,value\npractitioners,2023,31000\nrevenue,2023,480\n", "utf-8")
    assert cli("import", str(table), "--data", str(plan_dir)).exit_code == 0
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0
    assert cli("task", "talent-training", "--note", "x", "--data", str(plan_dir)).exit_code == 0
    assert cli("validate", "--data", str(plan_dir)).exit_code == 0
