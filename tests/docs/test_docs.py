"""The README and the manual say what ipplan does today, so they cannot drift from it.

The generated parts (the command reference, the README's tour, the performance table) must be
what their scripts write; every command has help and is explained in a guide in both languages;
every test docs/reliability.md names exists; every link leads somewhere.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
import unicodedata
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel

from ipplan.cli import registry
from ipplan.text.catalogue import CATALOGUE

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")

# The first two lines a fresh machine needs, exactly as they have always been.
SETUP = 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]" && .venv/bin/ipplan status'
TESTS = ".venv/bin/python -m pytest"
README_LINES = 300

# Pages for those who work on ipplan, in English only; every other page has a Chinese twin.
ENGLISH_ONLY = {"reliability.md", "performance.md", "development.md", "architecture.md"}
GENERATED = {"commands.md", "commands.zh-CN.md"}


def script(name: str) -> ModuleType:
    """One of the generators in scripts/, imported from its file."""
    return module_at(REPO / "scripts" / f"{name}.py")


def module_at(path: Path) -> ModuleType:
    """The module in the file ``path``, which is no package's."""
    name = f"_docs_{path.parent.name}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(text: str) -> list[str]:
    """The lines of a Markdown text outside its fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def pages() -> list[Path]:
    return [REPO / "README.md", REPO / "README.zh-CN.md", *sorted(DOCS.glob("*.md"))]


def twin(path: Path) -> Path:
    """A page's other-language twin: NAME.md <-> NAME.zh-CN.md."""
    if path.name.endswith(".zh-CN.md"):
        return path.with_name(path.name.removesuffix(".zh-CN.md") + ".md")
    return path.with_name(path.name.removesuffix(".md") + ".zh-CN.md")


def chinese(path: Path) -> bool:
    return path.name.endswith(".zh-CN.md")


def guides(lang: str) -> str:
    """The text of the hand-written pages of the manual in ``lang``."""
    found = [
        path
        for path in DOCS.glob("*.md")
        if path.name not in GENERATED
        and path.name not in ENGLISH_ONLY
        and chinese(path) == (lang == "zh")
    ]
    assert len(found) >= 10
    return "\n".join(read(path) for path in found)


# --- the promises ------------------------------------------------------------------------------


def test_every_test_named_in_reliability_md_exists() -> None:
    text = read(DOCS / "reliability.md")
    cited = CITED.findall(text)
    assert len(cited) >= 30
    missing = []
    defined: dict[str, set[str]] = {}  # each module parsed once, however often it is cited
    for path, name in cited:
        if path not in defined:
            tree = ast.parse(read(REPO / path))
            defined[path] = {
                node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            }
        if name not in defined[path]:
            missing.append(f"{path}::{name}")
    assert missing == []


def test_every_test_module_of_the_promises_is_cited() -> None:
    text = read(DOCS / "reliability.md")
    for module in (
        "files/test_safe_writes.py",
        "test_history.py",
        "text/test_typed_input.py",
        "properties/test_properties.py",
    ):
        assert f"tests/{module}::" in text


# --- what is generated is what its generator writes ------------------------------------------


def test_the_command_reference_is_what_its_generator_writes() -> None:
    written = script("gen_commands").outputs()
    assert set(written) == {DOCS / "commands.md", DOCS / "commands.zh-CN.md"}
    for path, text in written.items():
        assert read(path) == text, f"run scripts/gen_commands.py: {path.name} has drifted"


@pytest.mark.slow
def test_the_readmes_tour_is_what_ipplan_prints() -> None:
    written = script("gen_readme").outputs()
    assert set(written) == {REPO / "README.md", REPO / "README.zh-CN.md"}
    for path, text in written.items():
        assert "$ ipplan status\n" in text
        assert read(path) == text, f"run scripts/gen_readme.py: {path.name} has drifted"


def test_the_performance_table_is_written_from_the_committed_run() -> None:
    generator = script("gen_performance")
    page = read(DOCS / "performance.md")
    report = json.loads(read(DOCS / "performance.json"))
    assert generator.page_with(page, report) == page, "run scripts/gen_performance.py"
    assert generator.START in page and generator.END in page


def test_the_committed_run_is_the_benchmarks_own_output() -> None:
    # the JSON has the shape benchmarks/run.py writes, and every command it times is in it
    bench = module_at(REPO / "benchmarks" / "run.py")
    report = json.loads(read(DOCS / "performance.json"))
    assert set(report) == {"machine", "floor_s", "floor_after_s", "floor_peak_mb", "results"}
    names = {field.name for field in fields(bench.Timing)}
    assert all(set(result) == names for result in report["results"])
    timed = {(r["size"], r["command"], r["cache"]) for r in report["results"]}
    for size in ("shipped", "1,000", "10,000"):
        for command in bench.COMMANDS:
            assert {(size, command, "repeated"), (size, command, "first")} <= timed
    for command in bench.WORKSPACE_COMMANDS:
        assert ("workspace", command, "repeated") in timed


def test_the_performance_table_marks_a_missed_target() -> None:
    generator = script("gen_performance")
    result = {"runs": 5, "peak_mb": 20.0, "floor_s": 0.1}
    report = {
        "machine": {"cpu": "x", "cores": 2, "python": "3.11", "system": "Linux"},
        "floor_s": 0.1,
        "floor_after_s": 0.1,
        "results": [
            {**result, "size": "shipped", "command": "status", "cache": "repeated"}
            | {"median_s": 0.126, "ratio": 1.26},
            {**result, "size": "shipped", "command": "show", "cache": "repeated"}
            | {"median_s": 0.125, "ratio": 1.2504},
        ],
    }
    rows = generator.render(report).splitlines()
    assert rows[-2].startswith("| shipped | `status` | 126 ms | 1.26 |")
    assert rows[-2].endswith("| 1.25× | **no** |")
    assert rows[-1].endswith("| 1.25× | yes |")  # judged as shown: 1.25


# --- the front door ---------------------------------------------------------------------------


def test_the_readme_is_at_most_300_lines() -> None:
    assert len(read(REPO / "README.md").splitlines()) <= README_LINES


@pytest.mark.parametrize(
    ("name", "other"), [("README.md", "README.zh-CN.md"), ("README.zh-CN.md", "README.md")]
)
def test_both_readmes_start_with_the_two_commands(name: str, other: str) -> None:
    lines = read(REPO / name).splitlines()
    assert lines[:6] == ["# ipplan", "", "```sh", SETUP, TESTS, "```"]
    assert f"]({other})" in "\n".join(lines[6:9])


# --- the manual -------------------------------------------------------------------------------


def test_every_command_has_help_and_a_guide_in_both_languages() -> None:
    from typer.main import get_command

    from ipplan.cli import app

    registry.load(list(registry.MODULES))
    commands = sorted(get_command(app).commands)  # type: ignore[attr-defined]
    assert commands == sorted(registry.MODULES)
    reference = {
        lang: read(DOCS / name)
        for lang, name in (("en", "commands.md"), ("zh", "commands.zh-CN.md"))
    }
    for lang, text in reference.items():
        guide = guides(lang)
        for command in commands:
            zh, en = CATALOGUE[f"help.{command}"]
            assert zh.strip() and en.strip()
            assert f"\n## ipplan {command}\n" in text, (lang, command)
            assert re.search(rf"`ipplan {re.escape(command)}(?![\w-])", guide), (lang, command)


def test_every_page_people_read_has_its_twin_and_each_names_the_other() -> None:
    for path in pages():
        if path.name in ENGLISH_ONLY:
            continue
        other = twin(path)
        assert other.exists(), f"{path.name} has no {other.name}"
        top = "\n".join(read(path).splitlines()[:8])
        assert f"]({other.name})" in top, f"{path.name} does not link to {other.name} at its top"


def commands_shown(path: Path) -> list[str]:
    """The commands a page's examples run: the ``$ `` lines of its console blocks."""
    return [
        line
        for block in re.findall(r"^```console\n(.*?)^```", read(path), flags=re.M | re.S)
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


def test_each_chinese_page_shows_the_examples_of_its_english_twin() -> None:
    for path in sorted(DOCS.glob("*.zh-CN.md")):
        shown = commands_shown(path)
        assert shown == commands_shown(twin(path)), path.name


def test_every_relative_link_and_anchor_leads_somewhere() -> None:
    link = re.compile(r"\]\(([^)\s]+)\)")
    broken = []
    for path in pages():
        for line in prose(read(path)):
            for target in link.findall(re.sub(r"`[^`]*`", "", line)):
                if re.match(r"[a-z]+:", target):
                    continue  # a web address
                file, _, anchor = target.partition("#")
                goal = (path.parent / file).resolve() if file else path
                if not goal.exists():
                    broken.append(f"{path.name}: {target}")
                elif anchor and goal.suffix == ".md" and anchor not in anchors(goal):
                    broken.append(f"{path.name}: {target} (no such heading)")
    assert broken == []


def slug(heading: str) -> str:
    """The anchor a code host gives a heading: lower case, letters, digits, - and _ kept,
    spaces made -."""
    text = heading.strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose(read(path)):
        if match := re.match(r"#{1,6} (.*)", line):
            base = slug(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def test_a_heading_gets_the_anchor_a_code_host_gives_it() -> None:
    assert slug("`ipplan validate --strict`: a reminder in CI") == (
        "ipplan-validate---strict-a-reminder-in-ci"
    )
    assert slug("`ipplan task ID`：记录行动进展") == "ipplan-task-id记录行动进展"
    assert slug("Writing the work plan: `workplans/YEAR.yaml`") == (
        "writing-the-work-plan-workplansyearyaml"
    )


@pytest.mark.parametrize("page", ["validating.md", "validating.zh-CN.md"])
def test_every_problem_code_is_listed(page: str) -> None:
    text = read(DOCS / page)
    codes = [key.removeprefix("p.") for key in CATALOGUE if key.startswith("p.")]
    assert len(codes) > 80
    missing = [code for code in codes if code != "fallback" and f"`{code}`" not in text]
    assert missing == []


@pytest.mark.parametrize("page", ["installing.md", "installing.zh-CN.md"])
def test_every_environment_variable_is_listed(page: str) -> None:
    named = set()
    for module in (REPO / "src" / "ipplan").rglob("*.py"):
        named |= set(re.findall(r"\bIPPLAN_[A-Z_]+\b", read(module)))
    assert {"IPPLAN_DATA", "IPPLAN_TODAY", "IPPLAN_LOCK_TIMEOUT"} <= named
    table = read(DOCS / page)
    assert [name for name in sorted(named) if f"`{name}`" not in table] == []


def file_models() -> dict[str, list[type[BaseModel]]]:
    """Each page of the manual that says what a data file holds, and the models of its files."""
    from ipplan import file_models

    return {
        "data-files": [
            file_models.ActualRecord,
            file_models.Revision,
            file_models.ActionUpdate,
            file_models.ProgressEvent,
        ],
        "writing-a-plan": [
            file_models.PlanInfo,
            file_models.Thresholds,
            file_models.UnitDeclaration,
            file_models.Indicator,
            file_models.Point,
            file_models.OfficialFigure,
            file_models.RollUpTarget,
            file_models.Area,
            file_models.Action,
        ],
        "work-plans": [
            file_models.WorkPlanInfo,
            file_models.Item,
            file_models.Content,
            file_models.Milestone,
            file_models.Quantity,
        ],
        "workspaces": [file_models.PlanEntry],
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_field_of_every_data_file_is_explained(lang: str) -> None:
    missing = []
    for page, classes in file_models().items():
        text = read(DOCS / (f"{page}.md" if lang == "en" else f"{page}.zh-CN.md"))
        for cls in classes:
            for name in cls.model_fields:
                # as code: `name`, items[].name, {name: ..., or a YAML key, never a word of prose
                if not re.search(rf"[`.\[{{]{name}[`:\]]|\s{name}:", text):
                    missing.append(f"{page}: {cls.__name__}.{name}")
    assert missing == []
