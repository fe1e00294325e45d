"""What other tools run: the pre-commit hook, shell completion, the CI workflow in the manual."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, SHIPPED

IPPLAN = Path(sys.executable).with_name("ipplan")


def test_pre_commit_hook_runs_validate_on_data_files(plan_dir: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "ipplan-validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/actuals.yaml") and files.search("indicators.yaml")
    assert files.search("data/actuals/practitioners/2023.yaml")
    assert files.search("data/updates/talent-training/20240301T020000Z.yaml")
    assert files.search("data/actuals/practitioners/2023.yml")  # so validate can flag it
    assert not files.search("data/schema/actuals.schema.json")
    assert not files.search("other.yaml")

    command = [str(IPPLAN), *shlex.split(hook["entry"])[1:], "--data"]
    ok = subprocess.run([*command, str(SHIPPED)], capture_output=True, text=True)
    assert ok.returncode == 0
    (plan_dir / "actuals.yaml").write_text("actuals: {nope: []}\n", encoding="utf-8")
    bad = subprocess.run([*command, str(plan_dir)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "actuals.yaml:1: unknown-indicator" in bad.stderr


def test_shell_completion_is_offered() -> None:
    result = subprocess.run(
        [str(IPPLAN), "--show-completion", "bash"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "_IPPLAN_COMPLETE" in result.stdout
    # completing a command name works through the installed script
    env = {"_IPPLAN_COMPLETE": "complete_bash", "COMP_WORDS": "ipplan sta", "COMP_CWORD": "1"}
    done = subprocess.run([str(IPPLAN)], capture_output=True, text=True, env={**env, "PATH": ""})
    assert "status" in done.stdout


@pytest.mark.parametrize("page", ["validating.md", "validating.zh-CN.md"])
def test_the_manuals_workflow_validates_with_annotations(page: str) -> None:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    # the block whose first line names where it goes (docs/recipes/ipplan.yml, shown whole)
    block = text.split("```yaml\n# .github/workflows/ipplan.yml")[1].split("```")[0]
    workflow = block.split("\n", 1)[1]
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    # in the repository's root, the plan in data/ or the workspace of ipplan.yaml
    assert any(run == "ipplan validate --format github" for run in runs)
