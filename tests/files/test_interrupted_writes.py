"""A change being written is no change stopped midway: a reader waits for its writer as
another writer would; and Ctrl-C in the middle of a change rolls back what was written at once,
so that an interrupted command leaves the plan as it was and says so in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ipplan.files import journal
from tests.files.test_journal import files
from tests.files.test_safe_writes import environment
from tests.test_undo_each_command import OTHER, TABLE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")

# A child ipplan that holds its change after the first file is written: it prints STOPPED and
# waits, the lock held and the journal on disk, until the file $GO_FILE appears (or a signal).
HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from ipplan import write
    from ipplan.cli import main
    real = write.write_one
    count = [0]
    def write_one(*args, **kwargs):
        real(*args, **kwargs)
        count[0] += 1
        if count[0] == 1:
            print("STOPPED", file=sys.stderr, flush=True)
            while not os.path.exists(os.environ["GO_FILE"]):
                time.sleep(0.05)
    write.write_one = write_one
    sys.argv = ["ipplan", *sys.argv[1:]]
    main()
    """
)


def held_writer(plan: Path, go: Path, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *args, "--lang", "en", "--data", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(GO_FILE=str(go)),
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.strip() == "STOPPED", line + process.stderr.read()
    return process


def reader(plan: Path, *args: str, lang: str = "en") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ipplan", *args, "--lang", lang, "--data", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )


def values_table(tmp_path: Path) -> Path:
    table = tmp_path / "values.csv"
    table.write_text("key,year,value\npractitioners,2022,29000\nlitigators,2023,120\n")
    return table


WAITING_EN = "another ipplan command is writing to {path}; waiting for it to finish..."
WAITING_ZH = "另一个 ipplan 命令正在写入 {path}，正在等待它完成……"


@pytest.mark.slow
@pytest.mark.parametrize(("command", "lang"), [("status", "en"), ("validate", "zh")])
def test_a_reader_waits_for_a_change_still_being_written_then_reads_it(
    plan_dir: Path, tmp_path: Path, command: str, lang: str
) -> None:
    go = tmp_path / "go"
    writer = held_writer(plan_dir, go, "import", str(values_table(tmp_path)), "--accept-jump")
    assert (plan_dir / journal.NAME).exists()
    waiting = reader(plan_dir, command, lang=lang)
    time.sleep(2.5)
    assert waiting.poll() is None  # waiting for the writer, not refusing the plan
    go.touch()
    assert writer.communicate(timeout=120)[0] != ""
    assert writer.returncode == 0
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    notice = WAITING_EN if lang == "en" else WAITING_ZH
    assert err.splitlines() == [notice.format(path=plan_dir)]
    assert "undo" not in out + err
    assert not (plan_dir / journal.NAME).exists()


@pytest.mark.slow
def test_undo_while_a_change_is_written_waits_and_then_undoes_that_change_once(
    plan_dir: Path, tmp_path: Path
) -> None:
    before = files(plan_dir)
    go = tmp_path / "go"
    writer = held_writer(plan_dir, go, "import", str(values_table(tmp_path)), "--accept-jump")
    undo = reader(plan_dir, "undo")
    time.sleep(1.5)
    go.touch()
    writer.communicate(timeout=120)
    out, err = undo.communicate(timeout=120)
    assert (writer.returncode, undo.returncode) == (0, 0), err
    assert "stopped midway" not in out
    assert files(plan_dir) == before


INTERRUPTED_EN = (
    "error: the change was interrupted (Ctrl-C) before it was whole; the files it had written "
    "were put back as they were, so nothing was changed"
)
INTERRUPTED_ZH = "错误：改动在写完前被中断（Ctrl-C），已写入的文件均已复原，没有做任何改动。"

WRITES = {
    "record": ("record", "2024", "practitioners", "36000", "--accept-jump"),
    "import": ("import", "{values}", "--accept-jump"),
    "task": ("task", "talent-training", "--status", "in_progress", "--note", "开始"),
    "item": ("item", "y2024-1", "--amount", "2", "--date", "2024-06-20"),
    "workplan-import": ("workplan-import", "{other}", "--year", "2025"),
    "undo": ("undo",),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(WRITES))
def test_ctrl_c_in_the_middle_of_a_change_rolls_it_back_and_says_so(
    shipped_dir: Path, tmp_path: Path, command: str
) -> None:
    data = ("--data", str(shipped_dir))
    env = environment(IPPLAN_TODAY="2025-03-15")
    first = tmp_path / "t.csv"
    first.write_text(TABLE, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "ipplan", "workplan-import", str(first), "--year", "2024", *data],
        env=env,
        check=True,
        capture_output=True,
    )
    before = files(shipped_dir)
    values = tmp_path / "values.csv"
    values.write_text("key,year,value\npractitioners,2024,36000\nlitigators,2024,4000\n")
    other = tmp_path / "o.csv"
    other.write_text(OTHER, encoding="utf-8")
    args = [a.format(values=values, other=other) for a in WRITES[command]]
    lang = "zh" if command in ("task", "undo") else "en"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *args, "--lang", lang, *data],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "GO_FILE": str(tmp_path / "never")},
    )
    assert process.stderr is not None
    assert process.stderr.readline().strip() == "STOPPED"
    assert files(shipped_dir) != before  # a file of the change is on disk
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert out == ""
    assert err.splitlines() == [INTERRUPTED_EN if lang == "en" else INTERRUPTED_ZH]
    assert files(shipped_dir) == before
    assert not (shipped_dir / journal.NAME).exists()
    assert not list(shipped_dir.rglob("*.tmp"))
