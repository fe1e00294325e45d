"""The terminal as people use it, through the installed command: a write that waits for the
lock says so, and shell completion offers what each argument can be."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from filelock import FileLock
from rich.cells import cell_len

from ipplan.files import layout
from tests.conftest import load

IPPLAN = Path(sys.executable).with_name("ipplan")


def environment(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("IPPLAN_", "_IPPLAN"))}
    environ.update({"COLUMNS": "80", "NO_COLOR": "1", **extra})
    return environ


# --- 12: the lock-wait notice -------------------------------------------------------------------


def test_a_write_waiting_for_the_lock_says_so(plan_dir: Path) -> None:
    command = [str(IPPLAN), "record", "2022", "practitioners", "29500", "--data", str(plan_dir)]
    lock = FileLock(str(plan_dir / layout.LOCK_NAME))
    lock.acquire()
    try:
        waiting = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(IPPLAN_LOCK_TIMEOUT="120"),
        )
        assert waiting.stderr is not None
        # the notice comes while the lock is still held by this test
        notice = waiting.stderr.readline()
        assert notice == f"另一个 ipplan 命令正在写入 {plan_dir}，正在等待它完成……\n"
        assert waiting.poll() is None
        assert load(plan_dir).actuals["practitioners"] == ()
    finally:
        lock.release()
    out, rest = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, rest
    assert out.startswith("已记录：执业专利代理师人数 2022 年 = 29500 人")
    assert [a.value for a in load(plan_dir).actuals["practitioners"]] == [29500]


def test_a_write_that_does_not_wait_says_nothing_of_it(plan_dir: Path) -> None:
    result = subprocess.run(
        [str(IPPLAN), "record", "2022", "practitioners", "29500", "--data", str(plan_dir)],
        capture_output=True,
        text=True,
        env=environment(),
    )
    assert result.returncode == 0
    assert result.stderr == ""


# --- 12: shell completion -----------------------------------------------------------------------


def complete(words: str) -> list[str]:
    """What bash would be offered for the last (possibly empty) word of ``words``."""
    parts = words.split(" ")
    env = environment(
        _IPPLAN_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1)
    )
    result = subprocess.run([str(IPPLAN)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_indicator_keys_and_names() -> None:
    assert complete("ipplan show pra") == ["practitioners"]
    assert complete("ipplan record 2023 国际") == ["国际化高端人才"]
    offered = complete("ipplan show ")
    assert "revenue" in offered and "专利代理机构总营业收入" in offered
    assert complete("ipplan tasks --indicator sat") == ["satisfaction"]


def test_completion_offers_action_ids_areas_and_statuses() -> None:
    assert complete("ipplan task talent-") == ["talent-attraction", "talent-training"]
    assert complete("ipplan tasks --area s") == ["service", "safeguards"]
    assert complete("ipplan tasks --area 实施") == ["实施保障"]
    assert complete("ipplan tasks --status 已") == ["已完成", "已取消"]
    assert complete("ipplan task talent-training --status del") == ["delayed"]
    assert complete("ipplan history intern") == ["international_talent", "international-work"]


def test_completion_offers_work_plan_item_ids() -> None:
    assert complete("ipplan item y2022-4") == ["y2022-4-1", "y2022-4-2", "y2022-4-3"]
    assert complete("ipplan item y2022-10-") == ["y2022-10-1", "y2022-10-2", "y2022-10-3"]
    assert complete("ipplan item y2023") == []


def test_completion_of_a_plan_that_cannot_be_read_offers_nothing(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text("plan: [\n", encoding="utf-8")
    assert complete(f"ipplan show --data {tmp_path} pra") == []


def test_show_completion_names_the_shell() -> None:
    def script(*shell: str) -> str:
        result = subprocess.run(
            [str(IPPLAN), "--show-completion", *shell],
            capture_output=True,
            text=True,
            env=environment(),
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert script("zsh").startswith("#compdef ipplan")
    assert "complete_zsh" in script("zsh")
    assert "complete_bash" in script("bash")
    assert "complete_fish" in script("fish")
    unknown = subprocess.run(
        [str(IPPLAN), "--show-completion", "tcsh"],
        capture_output=True,
        text=True,
        env=environment(),
    )
    assert unknown.returncode == 2
    assert "不支持 tcsh 的补全；可用：bash、zsh、fish、powershell、pwsh。" in unknown.stderr


# --- 10: times in the reader's local time, with the zone ---------------------------------------


def test_times_show_in_local_time_with_the_zone_and_files_keep_the_offset(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    recorded = subprocess.run(
        [str(IPPLAN), "record", "2022", "practitioners", "29500", *data],
        capture_output=True,
        text=True,
        env=environment(TZ="Asia/Shanghai"),
    )
    assert recorded.returncode == 0, recorded.stderr
    (actual,) = load(plan_dir).actuals["practitioners"]
    assert actual.recorded is not None
    stored = (plan_dir / "actuals" / "practitioners" / "2022.yaml").read_text(encoding="utf-8")
    assert "+08:00" in stored  # the file keeps the offset it was recorded in

    def shown(zone: str) -> str:
        result = subprocess.run(
            [str(IPPLAN), "history", *data],
            capture_output=True,
            text=True,
            env=environment(TZ=zone),
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    beijing = actual.recorded.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert f"{beijing:%Y-%m-%d %H:%M} UTC+8" in shown("Asia/Shanghai")
    utc = actual.recorded.astimezone(dt.timezone.utc)
    assert f"{utc:%Y-%m-%d %H:%M} UTC+0" in shown("UTC")
    # a zone half an hour off the hour (Newfoundland: UTC-3:30, or UTC-2:30 in summer)
    assert re.search(r"UTC-[23]:30", shown("America/St_Johns"))


# --- 11: terminal widths ------------------------------------------------------------------------


def shown_at(columns: int, *args: str, lang: str = "zh") -> list[str]:
    result = subprocess.run(
        [str(IPPLAN), *args],
        capture_output=True,
        text=True,
        env=environment(COLUMNS=str(columns), IPPLAN_LANG=lang),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    for line in lines:
        assert line == line.rstrip(), f"trailing padding in {line!r}"
        assert "…" not in line, f"cut with an ellipsis: {line!r}"
        assert cell_len(line) <= columns, f"wider than {columns}: {line!r}"
    return lines


def header_of(lines: list[str], first: str) -> list[str]:
    return next(line for line in lines if line.strip().startswith(first)).split()


def test_status_at_80_columns_keeps_number_name_status_latest_target_and_pace() -> None:
    header = header_of(shown_at(80, "status"), "序号")
    assert header[:6] == ["序号", "指标", "状态", "最新实际", "目标", "2025"]
    assert header[-1] == "R"
    english = header_of(shown_at(80, "status", lang="en"), "No.")
    assert english[:4] == ["No.", "Indicator", "Status", "Latest"] and english[-1] == "R"
    assert "Target" in english


def test_status_narrower_gives_way_by_whole_columns_and_wraps_names() -> None:
    wide = header_of(shown_at(120, "status"), "序号")
    assert wide == [
        "序号", "指标", "状态", "单位", "基线", "2021", "最新实际", "目标", "2025", "进度", "R",
        "R", "复合", "进度/时间",
    ]  # fmt: skip
    at_60 = shown_at(60, "status")
    assert header_of(at_60, "序号") == ["序号", "指标", "状态", "最新实际", "目标", "2025", "R"]
    # the name wraps onto a second line rather than being cut
    row = next(i for i, line in enumerate(at_60) if line.strip().startswith("2 "))
    name = at_60[row].split()[1]
    for continued in at_60[row + 1 :]:  # as many lines as the name takes, none cut
        if not continued.startswith(" " * 6) or continued.strip()[:1].isdigit():
            break
        name += continued.split()[0]
    assert name == "中型以上专利代理机构数量"
    at_40 = header_of(shown_at(40, "status"), "序号")
    assert at_40[:3] == ["序号", "指标", "状态"]


def test_tasks_never_cut_an_id() -> None:
    listed = subprocess.run(
        [str(IPPLAN), "tasks", "--json"], capture_output=True, text=True, env=environment()
    )
    ids = [a["id"] for g in json.loads(listed.stdout)["areas"] for a in g["actions"]]
    for columns in (120, 80, 60, 40):
        for lang in ("zh", "en"):
            words = {w for line in shown_at(columns, "tasks", lang=lang) for w in line.split()}
            assert set(ids) <= words, (columns, lang, set(ids) - words)


def test_measures_and_updates_wrap_under_themselves(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    note = "首期专项轮训完成，覆盖全国各省专利代理机构的执业专利代理师共计一千二百人次"
    subprocess.run(
        [str(IPPLAN), "task", "talent-training", "--note", note, *data],
        capture_output=True,
        env=environment(),
        check=True,
    )
    lines = shown_at(60, "task", "talent-training", *data)
    start = lines.index("具体举措")
    first = lines[start + 1]
    assert first.startswith("  1. 研究建立")
    assert lines[start + 2].startswith(" " * 5) and lines[start + 2][5] != " "  # hanging indent
    log = lines.index("进展记录")
    assert "UTC" in lines[log + 1]
    indent = lines[log + 1].index("首期")
    assert lines[log + 2][:indent].strip() == "" and lines[log + 2][indent:].strip()


def test_piped_output_has_no_trailing_padding(plan_dir: Path) -> None:
    data = ("--data", str(plan_dir))
    subprocess.run(
        [str(IPPLAN), "record", "2022", "practitioners", "29500", *data],
        capture_output=True,
        env=environment(),
        check=True,
    )
    for args in (("status",), ("tasks",), ("history",), ("show", "1"), ("task", "talent-training")):
        shown_at(80, *args, *data)  # each line checked for padding, ellipses and width
