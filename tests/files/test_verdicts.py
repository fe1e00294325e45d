"""`ipplan validate` keeps a passing verdict, and trusts it only after reading every byte again."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import identity as cache_identity
from ipplan.files.cache import verdicts as cache_verdicts

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
RECORD = "actuals/practitioners/2022.yaml"

Run = Callable[..., Result]


def verdicts(plan: Path) -> list[Path]:
    return sorted((plan.parent / "cache").glob(f"*{cache_dir.VERDICT}"))


def same_size_same_times(path: Path, old: str, new: str) -> None:
    """Change a file's bytes and set its times back, as a hostile or careless tool might."""
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size


def test_a_passing_check_is_kept_and_says_the_same_again(cli: Run, plan: Path) -> None:
    first = cli("validate", "--data", str(plan), "--lang", "en")
    assert first.exit_code == 0
    assert len(verdicts(plan)) == 1
    again = cli("validate", "--data", str(plan), "--lang", "en")
    assert again.exit_code == 0
    assert again.output == first.output
    assert "9 indicators" in again.output
    chinese = cli("validate", "--data", str(plan), "--lang", "zh")
    assert chinese.exit_code == 0 and "9 项指标" in chinese.output


def test_bytes_changed_under_the_same_size_and_times_are_read_and_refused(
    cli: Run, plan: Path
) -> None:
    assert cli("validate", "--data", str(plan)).exit_code == 0
    same_size_same_times(plan / RECORD, "value: 31347", "value: 3134x")
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1
    assert f"{RECORD}:" in result.output and "wrong-type" in result.output


def test_a_definition_changed_in_place_is_read_again(cli: Run, plan: Path) -> None:
    assert cli("validate", "--data", str(plan)).exit_code == 0
    same_size_same_times(plan / "indicators.yaml", "value: 26829}", "value: 'x'}  ")
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1
    assert "indicators.yaml:" in result.output


def test_an_empty_stray_directory_is_seen(cli: Run, plan: Path) -> None:
    assert cli("validate", "--data", str(plan)).exit_code == 0
    (plan / "actuals" / "Not_A_Key").mkdir()
    result = cli("validate", "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1
    assert "unexpected-file" in result.output
    # and the plan's own cache no longer serves a plan a fresh read would refuse
    status = cli("status", "--data", str(plan), "--lang", "en")
    assert status.exit_code == 1


def test_a_record_removed_or_added_changes_the_counts(cli: Run, plan: Path) -> None:
    before = cli("validate", "--data", str(plan), "--lang", "en")
    assert "5 actuals" in before.output
    moved = (plan / RECORD).read_bytes()
    (plan / RECORD).unlink()
    assert "4 actuals" in cli("validate", "--data", str(plan), "--lang", "en").output
    (plan / RECORD).write_bytes(moved)
    assert "5 actuals" in cli("validate", "--data", str(plan), "--lang", "en").output


def test_a_failing_check_is_never_kept(cli: Run, plan: Path) -> None:
    same_size_same_times(plan / RECORD, "value: 31347", "value: 3134x")
    assert cli("validate", "--data", str(plan)).exit_code == 1
    assert verdicts(plan) == []
    assert cli("validate", "--data", str(plan)).exit_code == 1


def test_switched_off(cli: Run, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache_dir.ENV_SWITCH, "0")
    assert cli("validate", "--data", str(plan)).exit_code == 0
    assert not (plan.parent / "cache").exists()


@pytest.mark.parametrize("junk", [b"", b"not json", b"\x80\x05K\x01.", b'{"format": 3}\n'])
def test_a_corrupt_verdict_is_ignored_and_replaced(cli: Run, plan: Path, junk: bytes) -> None:
    assert cli("validate", "--data", str(plan)).exit_code == 0
    (entry,) = verdicts(plan)
    entry.write_bytes(junk)
    assert cli("validate", "--data", str(plan)).exit_code == 0
    assert entry.read_bytes() != junk


def test_a_verdict_for_other_bytes_passes_nothing(plan: Path) -> None:
    taken, seen = time.time_ns(), cache_identity.snapshot(plan)
    assert seen is not None
    digests = {RECORD: "0" * 32}
    cache_verdicts.keep_passed(plan, seen, taken, digests, {"indicators": 9}, os.environ)
    assert cache_verdicts.passed(plan, os.environ) is None


def test_a_file_replaced_by_a_link_passes_nothing(plan: Path) -> None:
    taken, seen = time.time_ns(), cache_identity.snapshot(plan)
    assert seen is not None
    raw = (plan / RECORD).read_bytes()
    from ipplan.files.fingerprint import digest

    cache_verdicts.keep_passed(
        plan, seen, taken, {RECORD: digest(raw)}, {"indicators": 9}, os.environ
    )
    assert cache_verdicts.passed(plan, os.environ) == {"indicators": 9}
    outside = plan.parent / "outside.yaml"
    outside.write_bytes(raw)
    (plan / RECORD).unlink()
    (plan / RECORD).symlink_to(outside)
    assert cache_verdicts.passed(plan, os.environ) is None


@pytest.mark.slow
def test_a_kept_verdict_loads_no_pydantic(plan: Path, tmp_path: Path) -> None:
    env = {**os.environ, cache_dir.ENV_DIR: str(tmp_path / "cache")}
    env.pop(cache_dir.ENV_SWITCH, None)
    probe = (
        "import sys\n"
        "from ipplan.cli import main\n"
        f"sys.argv = ['ipplan', 'validate', '--data', {str(plan)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml'))\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    time.sleep(2.1)  # the copy's files are fresh: wait them out once (the probe's own rule)
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert first.stderr.startswith("0 ") and "pydantic" in first.stderr
    again = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert again.stderr.strip() == "0 []"


@pytest.mark.parametrize(
    ("command", "reader", "kept"),
    [("validate", "check_files", cache_dir.VERDICT), ("status", "load_fresh", cache_dir.PLAN)],
)
def test_what_went_and_came_back_while_reading_is_not_kept(
    cli: Run, plan: Path, monkeypatch: pytest.MonkeyPatch, command: str, reader: str, kept: str
) -> None:
    """A verdict or a cached plan: the stray is away while the plan is read, there before and
    after, so what was read then is not kept."""
    from ipplan import load

    stray = plan / "actuals" / "Not_A_Key"
    stray.mkdir()
    real = getattr(load, reader)

    def away(*args: Any, **kwargs: Any) -> Any:
        stray.rmdir()
        try:
            return real(*args, **kwargs)
        finally:
            stray.mkdir()

    with monkeypatch.context() as patch:
        patch.setattr(load, reader, away)
        assert cli(command, "--data", str(plan)).exit_code == 0  # it read no stray then
    assert not list((plan.parent / "cache").glob(f"*{kept}"))
    result = cli(command, "--data", str(plan), "--lang", "en")
    assert result.exit_code == 1 and "unexpected-file" in result.output
