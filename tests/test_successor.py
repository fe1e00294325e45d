"""The plan that follows: ``ipplan new DIR --from OLD`` carries OLD's indicators, each baseline
OLD's target-year figure (or pending), each target pending; and ``--member-of`` starts a member
plan whose indicators roll up into its parent's (docs/writing-a-plan.md, "The next plan")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from tests.conftest import SHIPPED, Run, snapshot, write

TITLE = "专利代理行业发展规划（2026-2030年）"
# What describes an indicator, carried as it is; its figures are not.
DESCRIBING = (
    "number",
    "name",
    "name_en",
    "unit",
    "binding",
    "accumulate",
    "direction",
    "definition",
    "definition_en",
    "max_change",
    "published_after_months",
)


@pytest.fixture(autouse=True)
def _after_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")


def indicators(directory: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((directory / "indicators.yaml").read_text(encoding="utf-8"))
    return {entry["key"]: entry for entry in data["indicators"]}


@pytest.fixture
def old(tmp_path: Path, cli: Run) -> Path:
    """The shipped 2022-2025 plan with two of its 2025 figures in: practitioners 41000, and
    revenue recorded as not published; the others not recorded."""
    plan = tmp_path / "old"
    shutil.copytree(SHIPPED, plan)
    data = ("--data", str(plan))
    done = cli("record", "2025", "practitioners", "41000", "--source", "统计", *data)
    assert done.exit_code == 0, done.stderr
    gone = cli("record", "2025", "revenue", "--not-published", "--source", "国家知识产权局", *data)
    assert gone.exit_code == 0, gone.stderr
    return plan


def test_the_successor_carries_each_indicator_value_by_value(
    old: Path, tmp_path: Path, cli: Run
) -> None:
    before = snapshot(old)
    new = tmp_path / "next"
    done = cli("new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"已在 {new} 创建新计划（2026–2030 年，基线年 2025），接续 {old} 的 9 个指标："
        "1 个基线取自其 2025 年数值，8 个基线待定，目标均待定；"
        f"ipplan validate --data {new} 会逐一列出。"
    ]
    assert snapshot(old) == before  # the old plan is only read
    carried, previous = indicators(new), indicators(old)
    assert list(carried) == list(previous)  # every key, in the old plan's order
    for key, entry in carried.items():
        for field in DESCRIBING:
            assert entry.get(field) == previous[key].get(field), (key, field)
        # its figures stay with the old plan: no milestones, no official baseline
        assert not {"milestones", "official_baseline", "rolls_up_to"} & set(entry), key
        assert entry["target"] == {"year": 2030, "value": None}, key
    assert carried["practitioners"]["baseline"] == {"year": 2025, "value": 41000}
    assert "baseline_pending" not in carried["practitioners"]
    for key in ("revenue", "medium_agencies", "litigators"):  # not published, not recorded
        assert carried[key]["baseline"] is None, key
        assert carried[key]["baseline_pending"] is True, key
    plan = yaml.safe_load((new / "indicators.yaml").read_text(encoding="utf-8"))["plan"]
    assert plan == {
        "title": TITLE,
        "issuer": "中华全国专利代理师协会",
        "issuer_en": "All-China Patent Attorneys Association",
        "baseline_year": 2025,
        "target_year": 2030,
        "thresholds": {"on_track": 0.95, "needs_acceleration": 0.6, "lagging": 0.0},
        "max_change": 0.5,
        "predecessor": "../old",  # where the previous plan is, seen from this one
    }
    tasks = yaml.safe_load((new / "tasks.yaml").read_text(encoding="utf-8"))
    assert tasks == {"areas": [], "actions": []}  # actions only with --with-actions
    assert not (new / "actuals").exists() or not any((new / "actuals").iterdir())


def test_pending_targets_are_named_and_strict_fails_until_they_are_set(
    old: Path, tmp_path: Path, cli: Run
) -> None:
    new = tmp_path / "next"
    assert cli("new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE)
    data = ("--data", str(new))
    checked = cli("validate", *data)
    assert checked.exit_code == 0, checked.stderr
    lines = checked.stderr.splitlines()
    assert len(lines) == 18  # 9 targets, 8 baselines, and the count
    assert lines[0] == (
        f"{new}/indicators.yaml:31: target-pending: 执业专利代理师人数的 2030 年目标待定；"
        "请在 indicators.yaml 中写入 target 的 value"
    )
    assert lines[1] == (
        f"{new}/indicators.yaml:41: baseline-pending: 中型以上专利代理机构数量的基线（2025 年数值）"
        "待定；取得该数值后，用 ipplan record 2025 medium_agencies 数值 --source 来源 写入本计划"
    )
    assert lines[-1] == "以上 17 处待定：数据有效，但每一处写入之前 validate --strict 不会通过。"
    english = cli("validate", *data, "--lang", "en")
    assert english.stderr.splitlines()[0] == (
        f"{new}/indicators.yaml:31: target-pending: the 2030 target of Practising patent "
        "attorneys is pending; write its value under target in indicators.yaml"
    )
    # the same named for machines: warnings beside the problems, the check passed
    machine = cli("validate", *data, "--format", "json")
    assert machine.exit_code == 0, machine.stderr
    named = json.loads(machine.stdout)
    assert len(named) == 17 and {w["level"] for w in named} == {"warning"}
    assert named[0] == {
        "file": f"{new}/indicators.yaml",
        "line": 31,
        "code": "target-pending",
        "message": lines[0].split(": target-pending: ", 1)[1],
        "level": "warning",
    }
    annotated = cli("validate", *data, "--format", "github")
    assert annotated.exit_code == 0
    assert annotated.stdout.splitlines()[0].startswith(
        f"::warning file={new}/indicators.yaml,line=31,title=target-pending::"
    )
    assert len(annotated.stdout.splitlines()) == 17
    strict = cli("validate", "--strict", *data)
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0] == lines[0]
    assert strict.stderr.splitlines()[-1] == "发现 17 个问题。"

    # every target written in, every pending baseline too: strict passes
    text = (new / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("{year: 2030, value: null}", "{year: 2030, value: 90}")
    text = text.replace(
        "value: 41000}\n    target: {year: 2030, value: 90}",
        "value: 41000}\n    target: {year: 2030, value: 50000}",
    )
    lower = text.index("key: complaint_rate")  # lower is better: its target below its baseline
    text = text[:lower] + text[lower:].replace("value: 90}", "value: 70}", 1)
    text = text.replace(
        "    baseline: null\n    baseline_pending: true  # the 2025 figure, not written in yet\n",
        "    baseline: {year: 2025, value: 80}\n",
    )
    (new / "indicators.yaml").write_text(text, encoding="utf-8")
    assert cli("validate", "--strict", *data).exit_code == 0
    assert cli("validate", *data).stderr == ""


def test_a_baseline_marked_pending_and_given_is_refused(
    old: Path, tmp_path: Path, cli: Run
) -> None:
    new = tmp_path / "next"
    assert cli("new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE)
    path = new / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    baseline: null\n", "    baseline: {year: 2025, value: 5}\n", 1), "utf-8"
    )
    checked = cli("validate", "--data", str(new))
    assert checked.exit_code == 1
    assert checked.stderr.splitlines()[0] == (
        f"{path}:41: baseline-pending-given: medium_agencies 已写明基线值，却仍标着 "
        "baseline_pending: true；基线已确定时请删去这一行"
    )


def test_status_says_target_pending_in_both_languages(old: Path, tmp_path: Path, cli: Run) -> None:
    new = tmp_path / "next"
    assert cli("new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE)
    zh = cli("status", "--data", str(new))
    assert zh.exit_code == 0, zh.stderr
    assert zh.stdout.splitlines()[-1] == "9 项指标：目标待定 9"
    row = next(line for line in zh.stdout.splitlines() if "执业专利代理师人数" in line)
    assert row.split() == [
        "1",
        "执业专利代理师人数",
        "目标待定",
        "人",
        "41000",
        "—",
        "待定",
        "—",
        "—",
        "—",
    ]
    en = cli("status", "--data", str(new), "--lang", "en")
    assert en.stdout.splitlines()[-1] == "9 indicators: target pending 9"
    shown = cli("show", "practitioners", "--data", str(new)).stdout.splitlines()
    assert "基线：41000 (2025)" in shown
    assert "目标：待定（2030）" in shown
    assert not any("◎" in line for line in shown)  # no target ring drawn, none in the key
    pending = cli("show", "revenue", "--data", str(new), "--lang", "en").stdout.splitlines()
    assert (
        "Baseline: pending (the baseline year's figure is not written into this plan yet)"
        in pending
    )
    assert "Target: pending (2030)" in pending


def test_with_actions_carries_areas_and_actions_not_started(
    old: Path, tmp_path: Path, cli: Run
) -> None:
    new = tmp_path / "next"
    done = cli(
        "new", str(new), "--from", str(old), "--years", "2026-2030", "--title", TITLE,
        "--with-actions",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert (
        done.stdout.splitlines()[-1]
        == "一并接续了 18 项行动与保障措施（状态为未启动，无截止日期）。"
    )
    carried = yaml.safe_load((new / "tasks.yaml").read_text(encoding="utf-8"))
    previous = yaml.safe_load((old / "tasks.yaml").read_text(encoding="utf-8"))
    assert carried["areas"] == previous["areas"]
    assert [a["id"] for a in carried["actions"]] == [a["id"] for a in previous["actions"]]
    for new_action, old_action in zip(carried["actions"], previous["actions"], strict=True):
        for field in ("area", "title", "title_en", "measures", "indicators", "lead"):
            assert new_action[field] == old_action[field], (old_action["id"], field)
        assert new_action["status"] == "not_started"
        assert new_action["due"] is None
    assert not (new / "updates").exists() or not any((new / "updates").iterdir())
    assert not (new / "workplans").exists() or not any((new / "workplans").iterdir())
    assert cli("validate", "--data", str(new)).exit_code == 0


def test_a_cumulative_indicator_takes_the_old_period_total(tmp_path: Path, cli: Run) -> None:
    old = tmp_path / "old"
    old.mkdir()
    write(
        old,
        "indicators.yaml",
        """
        plan: {title: 旧计划, baseline_year: 2021, target_year: 2023}
        indicators:
          - key: trained
            number: 1
            name: 培训人次
            name_en: Trained
            unit: 人次
            accumulate: sum
            direction: increase
            baseline: null
            target: {year: 2023, value: 600}
          - key: rate
            number: 2
            name: 代理率
            name_en: Rate
            unit: "%"
            direction: increase
            baseline: {year: 2021, value: 50}
            target: {year: 2023, value: 60}
        """,
    )
    write(old, "tasks.yaml", "areas: []\nactions: []\n")
    for year, value in ((2022, 250), (2023, 300)):
        assert cli("record", str(year), "trained", str(value), "--data", str(old)).exit_code == 0
    assert cli("record", "2023", "rate", "58.5", "--data", str(old)).exit_code == 0
    new = tmp_path / "next"
    done = cli("new", str(new), "--from", str(old), "--years", "2024-2026", "--title", "新计划")
    assert done.exit_code == 0, done.stderr
    carried = indicators(new)
    assert carried["trained"]["baseline"] == {"year": 2023, "value": 550}
    assert carried["trained"]["accumulate"] == "sum"
    assert carried["rate"]["baseline"] == {"year": 2023, "value": 58.5}
    assert carried["rate"]["target"] == {"year": 2026, "value": None}


def test_refusals_leave_every_file_as_it_was(old: Path, tmp_path: Path, cli: Run) -> None:
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine", encoding="utf-8")
    broken = tmp_path / "broken"
    shutil.copytree(SHIPPED, broken)
    (broken / "actuals" / "practitioners" / "2099.yaml").write_text("value: 1\n", "utf-8")
    years = ("--years", "2026-2030")
    cases: list[tuple[list[str], int, str]] = [
        (["--from", str(tmp_path / "nowhere"), *years, "--title", TITLE], 1, "找不到这个计划"),
        (["--from", str(broken), *years, "--title", TITLE], 1, "year-outside-plan"),
        (
            ["--from", str(old), "--years", "2025-2029", "--title", TITLE],
            2,
            f"错误：--years 2025-2029 不能接续 {old}（2022–2025 年）：接续的计划从 2026 年开始，"
            "以 2025 年为基线年；请写 --years 2026-末年",
        ),
        (["--from", str(old), "--years", "2026", "--title", TITLE], 2, "不是计划的年份范围"),
        (["--from", str(old), *years], 2, "缺少 '--title'"),
        (["--from", str(old), "--title", TITLE], 2, "缺少 --years FIRST-LAST"),
        (
            [*years, "--title", TITLE, "--with-actions"],
            2,
            "错误：--with-actions 接续上一期计划的行动，需与 --from OLD 一起用",
        ),
    ]
    for args, code, said in cases:
        before = snapshot(tmp_path)
        result = cli("new", str(tmp_path / "next"), *args)
        assert result.exit_code == code, (args, result.stderr)
        assert said in result.stderr, (args, result.stderr)
        assert snapshot(tmp_path) == before, args
        assert not (tmp_path / "next").exists(), args
    before = snapshot(tmp_path)
    result = cli("new", str(occupied), "--from", str(old), *years, "--title", TITLE)
    assert result.exit_code == 1 and "已存在" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_successor_joins_the_workspace_with_parent(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workspaces.test_workspaces import build_workspace

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    root = build_workspace(tmp_path / "ws", cli)
    monkeypatch.chdir(root)
    monkeypatch.setenv("IPPLAN_TODAY", "2026-12-07")
    before = (root / "ipplan.yaml").read_bytes()
    done = cli(
        "new", "next/gd", "--from", "gd", "--years", "2026-2030", "--title", "广东省规划",
        "--parent", "national", "--name", "gd-2026",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "已把它以 gd-2026 之名加入工作区，上级计划为 national。"
    added = b'  - name: gd-2026\n    directory: "next/gd"\n    parent: national\n'
    assert (root / "ipplan.yaml").read_bytes() == before + added
    national = cli(
        "new", "next/national", "--from", "national", "--years", "2026-2030", "--title", "全国规划"
    )  # fmt: skip
    assert national.exit_code == 0, national.stderr
    plan = yaml.safe_load((root / "next" / "national" / "indicators.yaml").read_text("utf-8"))
    assert plan["plan"]["rollup_tolerance"] == 0.02  # how members' sums are checked, carried
    carried = indicators(root / "next" / "gd")
    assert list(carried) == ["attorneys", "local_rate"]
    # gd recorded nothing for 2025: the baseline is pending
    assert carried["attorneys"]["baseline_pending"] is True


def shanghai(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Result]:
    """The test workspace, entered, with a province's plan started under the national one
    (`new provinces/sh --from national --member-of national`); its root and what new said."""
    from tests.workspaces.test_workspaces import build_workspace

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    root = build_workspace(tmp_path / "ws", cli)
    monkeypatch.chdir(root)
    done = cli(
        "new", "provinces/sh", "--from", "national", "--member-of", "national",
        "--title", "上海市计划",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return root, done


def test_a_member_plan_rolls_up_into_its_parent(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workspaces.test_workspaces import WORKSPACE

    root, done = shanghai(cli, tmp_path, monkeypatch)
    assert done.stdout.splitlines() == [
        "已在 provinces/sh 创建新计划（2022–2025 年，基线年 2021），接续 national 的 9 个指标，"
        "其中 5 个汇总到 national 的同名指标；基线和目标由本计划填写，"
        "ipplan validate --data provinces/sh 会逐一列出。",
        "已把它以 sh 之名加入工作区，上级计划为 national。",
    ]
    assert (root / "ipplan.yaml").read_text(encoding="utf-8") == (
        WORKSPACE + '  - name: sh\n    directory: "provinces/sh"\n    parent: national\n'
    )
    carried, national = indicators(root / "provinces" / "sh"), indicators(root / "national")
    assert list(carried) == list(national)
    for key, entry in carried.items():
        for field in DESCRIBING:
            assert entry.get(field) == national[key].get(field), (key, field)
        assert entry["baseline"] is None and entry["baseline_pending"] is True, key
        assert entry["target"] == {"year": 2025, "value": None}, key
    # counts and amounts add up into the national figure; a share (%, ‰) is the province's own
    assert carried["practitioners"]["rolls_up_to"] == {
        "plan": "national",
        "indicator": "practitioners",
    }
    assert carried["revenue"]["rolls_up_to"] == {"plan": "national", "indicator": "revenue"}
    assert "rolls_up_to" not in carried["agency_rate"]
    assert "rolls_up_to" not in carried["complaint_rate"]
    # the workspace's check names what the member still has to set, as one plan's does, and
    # --strict fails on it
    whole = cli("validate")
    assert whole.exit_code == 0
    pending = [line for line in whole.stderr.splitlines() if ": own-baseline-pending: " in line]
    assert pending and all(line.startswith("provinces/sh/indicators.yaml:") for line in pending)
    assert any(": target-pending: " in line for line in whole.stderr.splitlines())
    strict = cli("validate", "--strict")
    assert strict.exit_code == 1
    assert any(": target-pending: " in line for line in strict.stderr.splitlines())
    overview = cli("overview")
    assert overview.exit_code == 0, overview.stderr
    assert "上海市计划" in overview.stdout
    recorded = cli("record", "2022", "practitioners", "3000", "--plan", "sh", "--force")
    assert recorded.exit_code == 0, recorded.stderr
    members = cli("show", "practitioners", "--members", "--plan", "national", "--json")
    assert members.exit_code == 0, members.stderr
    assert '"sh"' in members.stdout


def test_member_of_refusals_leave_every_file_as_it_was(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workspaces.test_workspaces import build_workspace

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    root = build_workspace(tmp_path / "ws", cli)
    monkeypatch.chdir(root)
    cases = [
        (
            ["--member-of", "national", "--parent", "national"],
            2,
            "错误：--member-of 已指定上级计划；不要同时用 --parent",
        ),
        (
            ["--from", "gd", "--member-of", "national"],
            2,
            "错误：--member-of national 从上级计划接续指标：--from 须是同一个计划（或省略）",
        ),
        (["--member-of", "nationa"], 1, "national"),
    ]
    for args, code, said in cases:
        before = snapshot(root)
        result = cli("new", "provinces/sh", *args, "--title", "上海市计划")
        assert result.exit_code == code, (args, result.stderr)
        assert said in result.stderr, (args, result.stderr)
        assert snapshot(root) == before, args
        assert not (root / "provinces" / "sh").exists()
