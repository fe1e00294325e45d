"""Checking a whole workspace: its file, every plan in it, and the references between plans."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ipplan.check.read import Checked
from ipplan.check.rules import _raw_ids
from ipplan.check.run import check
from ipplan.files import gitstate
from ipplan.problems import Problem, suggest
from ipplan.workspace import read_workspace


@dataclass
class WorkspaceChecked:
    """What ``ipplan validate`` found in a workspace."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    plans: dict[str, Checked] = field(default_factory=dict)
    directories: dict[str, Path] = field(default_factory=dict)  # each plan's, by its name
    unchecked: list[gitstate.Unchecked] = field(default_factory=list)  # git could not tell

    @property
    def indicators(self) -> int:
        return sum(len(c.indicators) for c in self.plans.values())

    @property
    def actuals(self) -> int:
        return sum(len(v) for c in self.plans.values() for v in c.actuals.values())


def check_workspace(path: Path) -> WorkspaceChecked:
    """Every problem of the workspace in ``path``: its file, each plan's files, cross-plan rules."""
    from ipplan import load
    from ipplan.files import layout
    from ipplan.workplans import loading

    found = WorkspaceChecked(path)
    workspace, problems = read_workspace(path)
    found.problems += problems
    if workspace is None:
        return found
    for member in workspace.plans:
        docs, read_problems = load.read_documents(layout.DataDir(member.directory))
        checked = check(docs)
        _, work_problems = loading.read_all(member.directory, checked)
        found.problems += read_problems + checked.problems + work_problems
        found.plans[member.name] = checked
        found.directories[member.name] = member.directory
    found.problems += list(rollup_references(found.plans))
    directories = [path.parent, *(member.directory for member in workspace.plans)]
    merge = gitstate.unmerged(directories, found.problems)
    found.problems += merge.problems
    found.unchecked = merge.unchecked
    found.problems.sort(key=Problem.sort_key)
    return found


def rollup_references(plans: Mapping[str, Checked]) -> Iterator[Problem]:
    """Each ``rolls_up_to`` names another plan of the workspace and one of its indicators."""
    for name, checked in plans.items():
        doc = checked.docs["indicators"]
        for loc, indicator in checked.indicators:
            target = indicator.rolls_up_to
            if target is None:
                continue
            at = (*loc, "rolls_up_to")
            if target.plan == name:
                yield Problem(
                    doc.path, doc.line((*at, "plan")), "rollup-to-own-plan", {"value": name}
                )
                continue
            if target.plan not in plans:
                yield Problem(
                    doc.path,
                    doc.line((*at, "plan")),
                    "unknown-rollup-plan",
                    {"value": target.plan, "suggest": suggest(target.plan, sorted(plans))},
                )
                continue
            parent = plans[target.plan]
            if parent.docs["indicators"].broken:
                continue  # its own problem is reported; nothing to compare with
            units = {ind.key: ind.unit for _, ind in parent.indicators}
            # Keys as written, so that an indicator failing its own schema is not called unknown.
            known = _raw_ids(parent.docs["indicators"], "indicators", "key") or set(units)
            if target.indicator not in known:
                yield Problem(
                    doc.path,
                    doc.line((*at, "indicator")),
                    "unknown-rollup-indicator",
                    {
                        "value": target.indicator,
                        "plan": target.plan,
                        "suggest": suggest(target.indicator, sorted(known)),
                    },
                )
            elif target.indicator in units and units[target.indicator] != indicator.unit:
                yield Problem(
                    doc.path,
                    doc.line(at),
                    "rollup-unit-mismatch",
                    {
                        "unit": indicator.unit,
                        "expected": units[target.indicator],
                        "plan": target.plan,
                        "key": target.indicator,
                    },
                )
