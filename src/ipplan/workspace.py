"""The workspace file: its model, the rules that tie it together, and the plans it names.

``ipplan.yaml``::

    plans:
      - name: national
        directory: national          # relative to ipplan.yaml
        members: 31                  # expected members: all (the default), a list, or a count
      - name: guangdong
        directory: provinces/guangdong
        parent: national

Plans are listed parent first: each root plan in file order, followed by its members.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, TypeGuard

from ipplan.data import MAX_PLANS, from_model
from ipplan.errors import DataInvalid, InvalidPlanName, UnknownPlan, WorkspaceChanged
from ipplan.files.discover import plan_in
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_read import read
from ipplan.files.yaml_scalars import Loc
from ipplan.problems import Problem, suggest

FILE = "ipplan.yaml"
# What a plan's name may be (ipplan.file_models.Name says the same to pydantic).
NAME = re.compile(r"[a-z][a-z0-9_-]*", re.ASCII)
MAX_NAME = 64
# What ``members:`` may say besides a count or a list: every plan listed under the parent.
ALL = "all"
# The members a parent expects: None for all those listed, a count, or the plans' names.
Expects = int | tuple[str, ...] | None


class Entry(NamedTuple):
    """One plan as ``ipplan.yaml`` lists it (its schema: :mod:`ipplan.file_models`)."""

    name: str
    directory: str
    parent: str | None = None
    members: Any = None  # checked by the rules: "all", a count or a list of names


@dataclass(frozen=True)
class Member:
    """A plan of the workspace, with where it is declared."""

    name: str
    directory: Path
    parent: str | None
    line: int
    expects: Expects = None  # the members it expects (``members:``); None: those listed


@dataclass(frozen=True)
class Workspace:
    """The plans of a workspace, parent first."""

    file: Path  # its ipplan.yaml; for a plan outside any workspace, the plan's directory
    plans: tuple[Member, ...]

    @property
    def root(self) -> Path:
        return self.file.parent

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.plans]

    def plan(self, name: str) -> Member:
        """The plan called ``name``."""
        wanted = name.strip()
        for member in self.plans:
            if member.name == wanted:
                return member
        raise UnknownPlan(
            name=name, suggest=suggest(wanted, self.names), known=self.names, file=str(self.file)
        )

    def containing(self, directory: Path) -> Member | None:
        """The plan whose data directory is ``directory`` or holds it (the innermost one, as a
        national plan at the workspace's root holds the provinces' directories too)."""
        here = directory.absolute()
        found = [
            m
            for m in self.plans
            if here == m.directory.absolute() or m.directory.absolute() in here.parents
        ]
        return max(found, key=lambda m: len(m.directory.absolute().parts), default=None)

    def listing(self, directory: Path) -> Member | None:
        """The plan whose data directory ``directory`` is (the same directory however named);
        None for a plan the workspace does not list."""
        real = os.path.realpath(directory)
        return next((m for m in self.plans if os.path.realpath(m.directory) == real), None)

    def depth(self, name: str) -> int:
        """0 for a plan without a parent, 1 for its members, and so on."""
        self.plan(name)  # an unknown name is told as such
        return self._depths[name.strip()]

    @cached_property
    def _depths(self) -> dict[str, int]:
        depths: dict[str, int] = {}
        for member in self.plans:  # parent first: a parent's depth is known before its members'
            parent = member.parent
            depths[member.name] = 0 if parent not in depths else depths[parent] + 1
        return depths


def read_workspace(path: Path) -> tuple[Workspace | None, list[Problem]]:
    """Read and check ``ipplan.yaml``; the workspace only when it has no problem."""
    from ipplan.check.read import Checked, _items, _shell
    from ipplan.check.rules import rule_text

    doc, problems = read(path)
    if doc.broken:
        return None, problems
    c = Checked(docs={"workspace": doc})
    data = _shell(c, doc, doc.data, (), {"plans": True})
    plans = None if data is None else data.get("plans")
    if isinstance(plans, list) and len(plans) > MAX_PLANS:  # a broken file: nothing more is read
        return None, [Problem(path, doc.line(("plans",)), "too-many-plans", {"limit": MAX_PLANS})]
    entries: list[tuple[Loc, Entry]] = []
    if data is not None:
        plain = _plain_entries(plans)
        if plain is None:  # something is wrong: pydantic says what
            from ipplan.file_models import PlanEntry

            found = _items(c, doc, plans, ("plans",), PlanEntry)
            plain = [(loc, from_model(Entry, e)) for loc, e in found]
        entries = plain
    # `plans:` left empty is empty too; a value refused where it stands (a tag) is told once
    if plans == [] or (data is not None and "plans" in data and plans is None):
        line = doc.line(("plans",))
        if line not in doc.flagged:
            problems.append(Problem(path, line, "empty", {"field": "plans"}))
    # A control character (a NUL) is the one problem of its line, not also a bad name or a
    # directory that no file can have.
    text = list(rule_text(c))
    told = {p.line for p in text}
    problems += text + [p for p in [*c.problems, *_rules(doc, entries)] if p.line not in told]
    if problems:
        return None, sorted(problems, key=Problem.sort_key)
    members: dict[str, Member] = {}
    for loc, e in entries:
        directory = plan_in(path.parent / e.directory)
        assert directory is not None  # checked by the rules
        members[e.name] = Member(
            e.name, directory, e.parent, doc.line((*loc, "name")), _expects(e.members)
        )
    return Workspace(path, tuple(_parent_first(list(members.values())))), []


def load_workspace(path: Path) -> Workspace:
    """The workspace in ``path``; :class:`DataInvalid` with every problem if it has any."""
    workspace, problems = read_workspace(path)
    if workspace is None:
        raise DataInvalid(problems)
    return workspace


def _plain_entries(plans: Any) -> list[tuple[Loc, Entry]] | None:
    """The entries of ``plans`` when every one is certainly valid; else None."""
    if type(plans) is not list:
        return None
    entries: list[tuple[Loc, Entry]] = []
    for index, item in enumerate(plans):
        if type(item) is not dict or not item.keys() <= {"name", "directory", "parent", "members"}:
            return None
        name, directory, parent = item.get("name"), item.get("directory"), item.get("parent")
        if not _plain_name(name):
            return None
        if type(directory) is not str or not directory:
            return None
        if parent is not None and not _plain_name(parent):
            return None
        entries.append((("plans", index), Entry(name, directory, parent, item.get("members"))))
    return entries


def _plain_name(value: Any) -> TypeGuard[str]:
    return type(value) is str and len(value) <= MAX_NAME and NAME.fullmatch(value) is not None


def _rules(doc: Document, entries: list[tuple[Loc, Entry]]) -> Iterator[Problem]:
    path = doc.path
    seen: dict[str, int] = {}
    for loc, entry in entries:
        line = doc.line((*loc, "name"))
        if entry.name in seen:
            yield Problem(
                path, line, "duplicate-plan-name", {"value": entry.name, "first": seen[entry.name]}
            )
        else:
            seen[entry.name] = line
    names = {e.name for _, e in entries}
    cycles = _in_cycles({e.name: e.parent for _, e in entries})
    root = os.path.realpath(path.parent)
    directories: dict[str, int] = {}
    for loc, entry in entries:
        here = (*loc, "directory")
        relative = PurePosixPath(entry.directory.replace("\\", "/"))
        normal = posixpath.normpath(str(relative))
        if relative.is_absolute() or Path(entry.directory).is_absolute() or normal.startswith(".."):
            yield Problem(
                path, doc.line(here), "directory-outside-workspace", {"value": entry.directory}
            )
        elif (found := plan_in(path.parent / entry.directory)) is None:
            yield Problem(
                path,
                doc.line(here),
                "plan-directory-missing",
                {"name": entry.name, "value": entry.directory},
            )
        elif not _inside(resolved := os.path.realpath(found), root):
            # a symbolic link on the way leads out: another repository's plan, or anyone's
            yield Problem(
                path,
                doc.line(here),
                "directory-outside-workspace",
                {"value": entry.directory, "target": resolved},
            )
        elif resolved in directories:  # two names for one plan would count its figures twice
            yield Problem(
                path,
                doc.line(here),
                "duplicate-plan-directory",
                {"value": entry.directory, "first": directories[resolved]},
            )
        else:
            directories[resolved] = doc.line(here)
        if entry.parent is None:
            continue
        where = doc.line((*loc, "parent"))
        if entry.parent not in names:
            yield Problem(
                path,
                where,
                "unknown-parent",
                {"value": entry.parent, "suggest": suggest(entry.parent, sorted(names))},
            )
        elif entry.name in cycles:  # a plan that only leads into another's cycle is not in it
            yield Problem(path, where, "parent-cycle", {"value": cycles[entry.name]})

    yield from _member_rules(doc, entries)


def _expects(value: Any) -> Expects:
    """What a checked ``members:`` says: None (all those listed), a count, or names."""
    if isinstance(value, list):
        return tuple(value)
    return value if type(value) is int else None


def _valid_members(value: Any) -> bool:
    if value is None or value == ALL:
        return True
    if type(value) is int:
        return 1 <= value <= MAX_PLANS
    return type(value) is list and 0 < len(value) <= MAX_PLANS and all(map(_plain_name, value))


def _member_rules(doc: Document, entries: list[tuple[Loc, Entry]]) -> Iterator[Problem]:
    """``members:``: all, a count (at least the plans listed under it) or a list of names, each
    once, that holds every plan listed under it and none listed under another."""
    path = doc.path
    parents = {e.name: e.parent for _, e in entries}
    under: dict[str, list[str]] = {}
    for _, entry in entries:
        if entry.parent is not None:
            under.setdefault(entry.parent, []).append(entry.name)
    for loc, entry in entries:
        if entry.members is None:
            continue
        where = doc.line((*loc, "members"))
        value = entry.members
        if not _valid_members(value):
            yield Problem(
                path, where, "invalid-members", {"got": _shown(value), "limit": MAX_PLANS}
            )
            continue
        listed = under.get(entry.name, [])
        if type(value) is int and value < len(listed):
            yield Problem(
                path, where, "members-fewer-than-listed", {"value": value, "count": len(listed)}
            )
        if not isinstance(value, list):
            continue
        seen: set[str] = set()
        for index, name in enumerate(value):
            at = doc.line((*loc, "members", index))
            if name in seen:
                yield Problem(path, at, "duplicate-member", {"value": name})
            seen.add(name)
            other = parents.get(name, entry.name)
            if other != entry.name:
                yield Problem(
                    path,
                    at,
                    "member-of-another-parent",
                    {"value": name, "parent": other or "—", "plan": entry.name},
                )
        for name in listed:
            if name not in seen:
                yield Problem(
                    path, where, "member-not-expected", {"value": name, "plan": entry.name}
                )


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _in_cycles(parents: dict[str, str | None]) -> dict[str, str]:
    """Each plan that is in a cycle of parents, with the cycle as it reads from that plan
    (a → b → a). Each plan is walked once, however long the chains: no recursion."""
    cycles: dict[str, str] = {}
    done: set[str] = set()
    for start in parents:
        trail: list[str] = []
        on_trail: dict[str, int] = {}
        step: str | None = start
        while step is not None and step in parents and step not in done:
            if step in on_trail:  # the trail came back to itself: from there on is a cycle
                ring = trail[on_trail[step] :]
                for i, name in enumerate(ring):
                    cycles[name] = " → ".join([*ring[i:], *ring[:i], name])
                break
            on_trail[step] = len(trail)
            trail.append(step)
            step = parents[step]
        done.update(trail)
    return cycles


def _parent_first(members: list[Member]) -> Iterator[Member]:
    """Each plan without a parent in file order, followed by its members: a walk with a stack
    of its own, so that a chain of any length is ordered."""
    children: dict[str | None, list[Member]] = {}
    for member in members:
        children.setdefault(member.parent, []).append(member)
    stack = list(reversed(children.get(None, [])))
    while stack:
        member = stack.pop()
        yield member
        stack.extend(reversed(children.get(member.name, [])))


def subtree(workspace: Workspace, name: str) -> Workspace:
    """The plan called ``name`` and every plan under it, parent first."""
    top = workspace.plan(name)
    kept = {top.name}
    for member in workspace.plans:  # parent first, so a member's parent is decided before it
        if member.parent in kept:
            kept.add(member.name)
    return Workspace(workspace.file, tuple(m for m in workspace.plans if m.name in kept))


def single(directory: Path) -> Workspace:
    """A plan outside any workspace, as a workspace of one, named after its directory."""
    return Workspace(directory.absolute(), (Member(name_for(directory), directory, None, 1),))


def name_for(directory: Path) -> str:
    """The name a plan in ``directory`` goes by when none is given: its directory's (the one
    whose data/ it is), kept to what a plan's name may be."""
    here = directory.absolute()
    name = here.parent.name if here.name == "data" and here.parent.name else here.name
    # The name becomes part of the site's paths: keep it to what a plan's name may be.
    name = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return name if re.match(r"^[a-z]", name) else "plan"


@dataclass(frozen=True)
class Addition:
    """A plan to be added to a workspace file, checked before anything is written."""

    file: Path
    name: str
    directory: str  # relative to the workspace file, with /
    parent: str
    before: bytes  # the file as it was, to write back if the addition does not hold
    text: str  # the file with the plan added


def plan_addition(file: Path, target: Path, parent: str, name: str | None) -> Addition:
    """Check that the plan in ``target`` can join the workspace ``file`` under ``parent`` as
    ``name`` (by default its directory's name), and the file's text with it added: the entry
    goes after the last plan, in the list's own indentation, and every other byte is kept."""
    from ipplan.errors import (
        NewPlanNameTaken,
        NewPlanOutsideWorkspace,
        ParentListsMembers,
        WorkspaceListInline,
    )

    workspace = load_workspace(file)
    workspace.plan(parent)  # an unknown parent is told with a suggestion
    relative = os.path.relpath(target.absolute(), file.parent.absolute())
    if relative == os.curdir or relative.split(os.sep)[0] == os.pardir:
        raise NewPlanOutsideWorkspace(path=str(target), root=str(file.parent))
    chosen = name if name is not None else name_for(target)
    if not _plain_name(chosen):
        raise InvalidPlanName(value=chosen)
    if chosen in workspace.names:
        raise NewPlanNameTaken(name=chosen, file=str(file))
    expects = workspace.plan(parent).expects
    if isinstance(expects, tuple) and chosen not in expects:
        raise ParentListsMembers(name=chosen, parent=parent, file=str(file))
    before = file.read_bytes()
    text = before.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    doc, _ = read(file)
    last = doc.line(("plans", len(workspace.plans) - 1)) - 1  # the last entry's first line
    dash = lines[last].lstrip(" ")
    if not dash.startswith("-"):  # plans: [..] on one line: no place for an entry of its own
        raise WorkspaceListInline(file=str(file))
    column = len(lines[last]) - len(dash)
    end = last + 1
    for index in range(last + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[index]) - len(lines[index].lstrip(" ")) <= column:
            break
        end = index + 1
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    pad = " " * column
    entry = (
        f"{pad}- name: {chosen}\n"
        f"{pad}  directory: {json.dumps(relative.replace(os.sep, '/'), ensure_ascii=False)}\n"
        f"{pad}  parent: {parent}\n"
    )
    lines.insert(end, entry)
    return Addition(file, chosen, relative, parent, before, "".join(lines))


def add_plan(addition: Addition) -> None:
    """Write the workspace file with the plan added, under the workspace's write lock, all at
    once; the file as it was when the result does not hold (:class:`DataInvalid`)."""
    from ipplan.files import atomic, layout, lock

    with lock.writing(layout.DataDir(addition.file.parent)):
        if addition.file.read_bytes() != addition.before:  # changed since it was checked
            raise WorkspaceChanged(file=str(addition.file))
        atomic.atomic_write(addition.file, addition.text)
        _, problems = read_workspace(addition.file)
        if problems:
            atomic.atomic_write(addition.file, addition.before)
            raise DataInvalid(problems)
