"""Shared fixtures: a writable copy of the shipped plan, and a CLI runner pinned for tests."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ipplan import load as loader
from ipplan.files import layout
from ipplan.plan import Plan

Run = Callable[..., Result]

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"


def _build_the_group_once() -> None:
    """Typer's test runner builds the app's Click group again at every invoke: every command
    registered so far, each from its function's signature, which once a test process has
    imported all the command modules is two thirds of an in-process ``status``. Here the group
    is built once per test process and each invoke reuses it, as a run of ipplan uses its
    group once; each invoke still goes through the group's ``main``."""
    import functools

    import typer.main
    import typer.testing

    # the name typer's runner calls; if typer renames it, say so rather than silently rebuild
    assert typer.testing._get_command is typer.main.get_command
    typer.testing._get_command = functools.cache(typer.main.get_command)  # type: ignore[assignment]


_build_the_group_once()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first: a test of ten seconds started last would keep one
    worker busy while the others have nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _pinned_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("IPPLAN_DATA", raising=False)
    monkeypatch.delenv("IPPLAN_LANG", raising=False)
    monkeypatch.delenv("IPPLAN_TODAY", raising=False)
    monkeypatch.delenv("IPPLAN_PLAN", raising=False)
    # --help follows the locale: pinned to one that is not Chinese, so help is in English.
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # A test's own directories are searched for a plan, never a plan someone left in /tmp.
    monkeypatch.setenv("IPPLAN_CEILING_DIRECTORIES", str(tmp_path_factory.getbasetemp()))
    # Plans read in tests are cached in the tests' own directory, never in the user's.
    monkeypatch.setenv("IPPLAN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "ipplan-cache"))


@pytest.fixture(scope="session")
def definitions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan's definitions without its recorded figures, made once per session:
    every `plan_dir` is a copy of it (tests never write here)."""
    target = tmp_path_factory.mktemp("definitions") / "plan"
    shutil.copytree(SHIPPED, target)
    clear_recorded(target)
    return target


@pytest.fixture
def plan_dir(tmp_path: Path, definitions: Path) -> Path:
    """A writable copy of the shipped plan's definitions, without the figures it has recorded,
    so that a test records its own values from a known start."""
    target = tmp_path / "plan"
    shutil.copytree(definitions, target)
    return target


@pytest.fixture
def bare_dir(plan_dir: Path) -> Path:
    """A copy of the shipped plan's definitions without its work plans, to import one into."""
    shutil.rmtree(plan_dir / "workplans", ignore_errors=True)
    return plan_dir


@pytest.fixture
def mid_2024(monkeypatch: pytest.MonkeyPatch) -> None:
    """Things are judged on 15 July 2024: the middle of the work-plan tables' year."""
    monkeypatch.setenv("IPPLAN_TODAY", "2024-07-15")


def clear_recorded(directory: Path) -> None:
    """Remove the figures recorded in a copied plan, keeping its definitions."""
    for recorded in (directory / "actuals").iterdir():
        if recorded.is_dir():
            shutil.rmtree(recorded)


@pytest.fixture
def shipped_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped plan as it is, with the published figures recorded."""
    target = tmp_path / "shipped"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run ipplan in-process; exceptions are not swallowed, so a crash fails the test."""
    from ipplan.cli import app

    runner = CliRunner()

    def run(*args: str) -> Result:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert "Traceback" not in result.output
        return result

    return run


def load(path: Path) -> Plan:
    return loader.load(layout.DataDir(path))


def write(directory: Path, name: str, content: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path


def add_milestone(plan_dir: Path, year: int = 2023, value: int = 32000) -> None:
    """Give the practitioners indicator of a copied plan a milestone."""
    indicators = plan_dir / "indicators.yaml"
    target = "    target: {year: 2025, value: 40000}\n"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            target, f"{target}    milestones: [{{year: {year}, value: {value}}}]\n"
        ),
        encoding="utf-8",
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file in ``directory`` byte for byte, to prove a refused command changed nothing.

    The one file left out is the writers' lock: an empty file that the operating system locks,
    which a write creates once and never fills (git ignores it).
    """
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != layout.LOCK_NAME
    }


def track_2022(directory: Path) -> Path:
    """Make the shipped 2022 work plan in the copied plan ``directory`` one whose progress is
    tracked, for tests that record progress on its items (shipped, it declares
    ``tracked: false``)."""
    path = directory / "workplans" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  tracked: false\n" in text
    path.write_text(text.replace("  tracked: false\n", "", 1), encoding="utf-8")
    return directory
