"""Reading and checking the work plans and the progress recorded on their items.

``workplans/YEAR.yaml`` files are checked item by item, like indicators.yaml, and then by rules
that return problems: item ids unique across all years, actions and indicators that exist,
periods that parse (a Chinese form needs the work plan's year), a work plan's year inside the
plan. ``progress/YEAR/ITEM/STAMP.yaml`` files must point at an item of that year's work plan,
at one of its milestones, and at a quantity when they record an amount; a work plan whose
progress was not tracked (``tracked: false``) has none.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipplan.check.read import Checked, _items, _one, _shell, _short
from ipplan.check.rules import _duplicates, _raw_ids, _raw_values, _strings
from ipplan.data import from_model
from ipplan.file_models import Item, ProgressEvent, WorkPlanInfo
from ipplan.files.layout import WORKPLANS_DIR
from ipplan.files.yaml_document import Document
from ipplan.files.yaml_read import read
from ipplan.problems import DIRECTORY_REST, MAX_PER_FILE, Problem, suggest
from ipplan.text.typed_input import control_character
from ipplan.workplans import entities
from ipplan.workplans.book import WorkPlan, WorkPlans
from ipplan.workplans.periods import PeriodError, outside_year, parse_once

MAX_FILES = 1_000  # work plans, one a year: more is not a plan's data


_YEAR_FILE = re.compile(r"(\d{4})\.yaml")


@dataclass
class Read:
    """One work plan as kept once its file is checked: what the plan needs, without the
    document or the models it was read into (a large plan's work plans are several times the
    size of their records, and are read one at a time)."""

    path: Path
    info: entities.WorkPlanInfo | None
    items: list[entities.Item]
    lines: dict[tuple[str, int], int]  # the line of each milestone's period, by item and number


@dataclass
class Found:
    """The work-plan files of a data directory as read, each with its location."""

    plans: list[Read] = field(default_factory=list)
    # (file, line, id) of every item id, read from the raw data so that an item failing its
    # schema still counts as taken
    ids: list[tuple[Path, int, str]] = field(default_factory=list)
    events: list[tuple[Document, tuple[str, ...], ProgressEvent]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def _regular_yaml(
    directory: Path, pattern: str, problems: list[Problem] | None = None
) -> list[Path]:
    """The YAML files in ``directory``: regular files only, never hidden ones or links.

    With ``problems``, what else is there is reported, so that a work plan saved as
    ``2024.yml``, or linked in from elsewhere, is never silently left unread.
    """
    if directory.is_symlink():
        if problems is not None:
            problems.append(Problem(directory, 1, "not-a-regular-file", {"kind": "symlink"}))
        return []
    if not directory.is_dir():
        if problems is not None and directory.exists():  # a file where the directory belongs
            layout = f"{WORKPLANS_DIR}/<year>.yaml"
            problems.append(Problem(directory, 1, "unexpected-file", {"layout": layout}))
        return []
    found = []
    told = untold = 0  # problems of the directory's entries: past MAX_PER_FILE, only counted
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink() or not path.is_file():
            kind = "symlink" if path.is_symlink() else "directory"
            problem = Problem(path, 1, "not-a-regular-file", {"kind": kind})
        elif not path.match(pattern):
            layout = f"{WORKPLANS_DIR}/<year>.yaml"
            problem = Problem(path, 1, "unexpected-file", {"layout": layout})
        else:
            found.append(path)
            continue
        if problems is not None and told < MAX_PER_FILE:
            told += 1
            problems.append(problem)
        else:
            untold += 1
    if problems is not None and untold:
        params = {"count": untold, "limit": MAX_PER_FILE}
        problems.append(Problem(directory, 1, DIRECTORY_REST, params))
    return found


def is_work_plan(relative: str) -> bool:
    """Whether ``relative``, a path relative to the data directory, names a work plan file."""
    head, _, name = relative.partition("/")
    return head == WORKPLANS_DIR and _YEAR_FILE.fullmatch(name) is not None


def read_all(
    root: Path,
    core: Checked,
    digests: dict[str, str | None] | None = None,
    *,
    written: Mapping[str, Document] | None = None,
    removed: Collection[str] = (),
) -> tuple[WorkPlans | None, list[Problem]]:
    """Read and check every work plan and progress record below the data directory ``root``.

    ``core`` is the checked indicators and tasks, for the ids the work plans refer to. Returns
    the work plans when every file passed, and every problem found; the digest of each work
    plan file as read goes into ``digests``, by its path relative to ``root``.

    A writer checks the work plans as they will be: ``written``, work plan files by their
    relative paths, parsed from their new text (their problems of parsing are the writer's),
    stand in for the files on disk or join them, and the files ``removed`` are left out.
    """
    found = Found()
    written = written or {}
    on_disk = _regular_yaml(root / WORKPLANS_DIR, "*.yaml", found.problems)
    plan_files = sorted(
        {path for path in on_disk if path.relative_to(root).as_posix() not in removed}
        | {root / name for name in written}
    )
    if len(plan_files) > MAX_FILES:
        return None, [Problem(root / WORKPLANS_DIR, 1, "too-many-files", {"limit": MAX_FILES})]
    context = _Context(core)
    for path in plan_files:
        relative = path.relative_to(root).as_posix()
        problems: list[Problem] = []
        if relative in written:
            doc = written[relative]
        else:
            doc, problems = read(path)
        if digests is not None:
            digests[relative] = doc.digest
        found.problems += problems
        if not doc.broken:
            _read_plan(found, doc, context)
    # progress records are read with the other record files (ipplan.files.layout,
    # ipplan.check.rules)
    found.events = [(doc, parts, event) for doc, parts, event in core.progress]
    found.problems += _duplicate_ids(found.ids)
    found.problems += _progress_rules(found)
    found.problems.sort(key=Problem.sort_key)
    if found.problems:
        return None, found.problems
    plans = tuple(
        WorkPlan(kept.info, tuple(kept.items), kept.path, kept.lines)
        for kept in found.plans
        if kept.info is not None
    )
    events: dict[str, list[entities.ProgressEvent]] = {}
    for _, _, event in found.events:
        events.setdefault(event.item, []).append(from_model(entities.ProgressEvent, event))
    return WorkPlans(
        plans=tuple(sorted(plans, key=lambda p: p.year)),
        events={k: tuple(sorted(v, key=lambda e: e.recorded)) for k, v in events.items()},
    ), []


class _Context:
    """What every work plan is checked against: the ids it may name, and the plan's years."""

    def __init__(self, core: Checked) -> None:
        indicators = core.docs.get("indicators")
        tasks = core.docs.get("tasks")
        self.actions = _raw_ids(tasks, "actions", "id") if tasks is not None else None
        self.keys = _raw_ids(indicators, "indicators", "key") if indicators is not None else None
        self.plan = core.plan


def _read_plan(found: Found, doc: Document, context: _Context) -> None:
    """Check one work plan file, and keep what the plan needs of it (:class:`Read`)."""
    scratch = Checked({})
    _check_text(found, doc)
    data = _shell(
        scratch,
        doc,
        doc.data,
        (),
        {"workplan": True, "items": True, "replaced": False, "moved": False},
    )
    if data is None:
        found.problems += scratch.problems
        return
    replaced = data.get("replaced")
    if replaced is not None and not isinstance(replaced, str):  # what undo would put back
        params = {"field": "replaced", "expected": "text", "got": _short(replaced)}
        scratch.problems.append(Problem(doc.path, doc.line(("replaced",)), "wrong-type", params))
    moved = data.get("moved")
    if moved is not None and not (
        isinstance(moved, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in moved.items())
    ):  # what undo would move back: new id -> old id
        params = {"field": "moved", "expected": "new id: old id", "got": _short(moved)}
        scratch.problems.append(Problem(doc.path, doc.line(("moved",)), "wrong-type", params))
    info = None
    if "workplan" in data:
        info = _one(scratch, doc, data["workplan"], ("workplan",), WorkPlanInfo)
    items = _items(scratch, doc, data.get("items"), ("items",), Item)
    found.problems += scratch.problems
    found.problems += _plan_rules(doc, info, items, context)
    found.ids += [
        (doc.path, doc.line(loc), str(value)) for loc, value in _raw_values(doc, "items", "id")
    ]
    lines = {
        (item.id, j + 1): doc.line((*loc, "schedule", j, "period"))
        for loc, item in items
        for j in range(len(item.schedule))
    }
    kept = [from_model(entities.Item, item) for _, item in items]
    found.plans.append(
        Read(
            doc.path,
            from_model(entities.WorkPlanInfo, info) if info is not None else None,
            kept,
            lines,
        )
    )


def _plan_rules(
    doc: Document,
    info: WorkPlanInfo | None,
    items: list[tuple[tuple[Any, ...], Item]],
    context: _Context,
) -> Iterator[Problem]:
    year = info.year if info is not None else None
    named = _YEAR_FILE.fullmatch(doc.path.name)
    if named is None:
        yield Problem(doc.path, 1, "workplan-file-name", {"name": doc.path.name})
    elif year is not None and int(named.group(1)) != year:
        yield Problem(
            doc.path,
            doc.line(("workplan", "year")),
            "workplan-year-mismatch",
            {"year": year, "name": doc.path.name},
        )
    plan = context.plan
    if year is not None and plan is not None and not plan.baseline_year < year <= plan.target_year:
        yield Problem(
            doc.path,
            doc.line(("workplan", "year")),
            "year-outside-plan",
            {"year": year, "first": plan.baseline_year + 1, "last": plan.target_year},
        )
    for loc, item in items:
        yield from _item_rules(doc, loc, item, year, context.actions, context.keys)


def _check_text(found: Found, doc: Document) -> None:
    if doc.plain:  # read by ipplan.files.yaml_fast: it holds no control character
        return
    for loc, value in _strings(doc.data, ()):
        char = control_character(value)
        if char is not None:
            problem = Problem(doc.path, doc.line(loc), "control-character", {"char": char})
            found.problems.append(problem)


def _duplicate_ids(ids: list[tuple[Path, int, str]]) -> Iterator[Problem]:
    first: dict[str, tuple[Path, int]] = {}
    for path, line, item_id in ids:
        if item_id in first:
            other_path, other_line = first[item_id]
            where = f"{other_path.name}:{other_line}"
            yield Problem(path, line, "duplicate-item-id", {"value": item_id, "first": where})
        else:
            first[item_id] = (path, line)


def _item_rules(
    doc: Document,
    loc: tuple[Any, ...],
    item: Item,
    year: int | None,
    actions: set[str] | None,
    keys: set[str] | None,
) -> Iterator[Problem]:
    if actions is not None:
        for j, ref in enumerate(item.actions):
            if ref not in actions:
                yield Problem(
                    doc.path,
                    doc.line((*loc, "actions", j)),
                    "unknown-action",
                    {"ref": ref, "suggest": suggest(ref, actions)},
                )
        yield from _duplicates(
            doc, (((*loc, "actions", j), a) for j, a in enumerate(item.actions)), "duplicate-action"
        )
    if keys is not None:
        for j, ref in enumerate(item.indicators):
            if ref not in keys:
                yield Problem(
                    doc.path,
                    doc.line((*loc, "indicators", j)),
                    "unknown-indicator",
                    {"ref": ref, "suggest": suggest(ref, keys)},
                )
    for j, milestone in enumerate(item.schedule):
        where = doc.line((*loc, "schedule", j, "period"))
        try:
            period = parse_once(milestone.period, year)
        except PeriodError as exc:
            yield Problem(doc.path, where, exc.code, {"period": str(milestone.period)})
            continue
        if year is not None and outside_year(period, year):
            yield Problem(
                doc.path, where, "period-year", {"period": str(milestone.period), "year": year}
            )


def _progress_rules(found: Found) -> Iterator[Problem]:
    by_year: dict[int, dict[str, entities.Item]] = {}
    untracked = set()
    for kept in found.plans:
        if kept.info is not None:
            by_year.setdefault(kept.info.year, {}).update({item.id: item for item in kept.items})
            if not kept.info.tracked:
                untracked.add(kept.info.year)
    for doc, parts, event in found.events:
        year_dir, item_dir = parts[0], parts[1]
        if event.item != item_dir:
            yield Problem(
                doc.path,
                doc.line(("item",)),
                "progress-item-mismatch",
                {"item": event.item, "directory": item_dir},
            )
            continue
        known = by_year.get(int(year_dir), {})
        item = known.get(event.item)
        if item is None:
            yield Problem(
                doc.path,
                doc.line(("item",)),
                "unknown-item",
                {"ref": event.item, "year": int(year_dir), "suggest": suggest(event.item, known)},
            )
            continue
        if int(year_dir) in untracked:
            yield Problem(
                doc.path,
                doc.line(("item",)),
                "progress-not-tracked",
                {"id": event.item, "year": int(year_dir)},
            )
            continue
        yield from _event_rules(doc, event, item)


def _event_rules(
    doc: Document,
    event: ProgressEvent | entities.ProgressEvent,
    item: Item | entities.Item,
) -> Iterator[Problem]:
    if event.milestone is not None and event.milestone > len(item.schedule):
        yield Problem(
            doc.path,
            doc.line(("milestone",)),
            "unknown-milestone",
            {"ref": event.milestone, "id": item.id, "count": len(item.schedule)},
        )
    contents: list[Any] = list(item.content)  # a model's or a record's: the same fields
    quantities = [n for n, c in enumerate(contents, 1) if c.quantity is not None]
    if event.content is not None and event.content not in quantities:
        yield Problem(
            doc.path,
            doc.line(("content",)),
            "no-quantity",
            {"id": item.id, "content": event.content},
        )
    elif event.amount is not None and event.content is None and len(quantities) != 1:
        code = "no-quantity" if not quantities else "ambiguous-quantity"
        yield Problem(
            doc.path,
            doc.line(("amount",)),
            code,
            {"id": item.id, "content": None, "choices": quantities},
        )
