"""Loading a plan: from the cache when its files are unchanged, else read, checked and built."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipplan.errors import DataInvalid, UnfinishedChange
from ipplan.files import journal, layout
from ipplan.plan import Plan
from ipplan.problems import Problem

if TYPE_CHECKING:
    from ipplan.check.read import Checked as CoreChecked
    from ipplan.data import Actual
    from ipplan.files.cache.identity import Origin, Snapshot
    from ipplan.files.yaml_document import Document
    from ipplan.workplans.book import WorkPlans


def read_documents(data_dir: layout.DataDir) -> tuple[dict[str, Document], list[Problem]]:
    """Parse every data file of ``data_dir``; the problems are those of reading and parsing.

    The documents are keyed by the names of :data:`FILES`, and each record file by its path
    relative to the data directory (``actuals/practitioners/2023.yaml``).
    """
    docs, problems = read_definitions(data_dir)
    docs.update(read_records(data_dir, problems))
    return docs, problems


def read_records(
    data_dir: layout.DataDir, problems: list[Problem]
) -> Iterator[tuple[str, Document]]:
    """Each record file of ``data_dir``, parsed as it is asked for, by its relative path; the
    problems of listing, reading and parsing them go to ``problems``."""
    from ipplan.files.yaml_read import read

    base = str(data_dir.path)
    whole = (f"{layout.UNDONE.name}/", f"{layout.BASELINES.name}/")
    for relative in layout.record_files(data_dir, problems):  # paths as text (see Document)
        # an undo's or a baseline's record holds whole files (a work plan, indicators.yaml):
        # a data file's limits
        record = not relative.startswith(whole)
        doc, found = read(f"{base}/{relative}", data_dir.path, scanned=True, record=record)
        problems.extend(found)
        yield relative, doc


def read_definitions(data_dir: layout.DataDir) -> tuple[dict[str, Document], list[Problem]]:
    """Parse the files of :data:`FILES` in ``data_dir`` (a missing legacy file is empty)."""
    from ipplan.files.yaml_document import Document
    from ipplan.files.yaml_read import read

    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for name in layout.FILES:
        path = data_dir.file(name)
        if name in layout.LEGACY and not os.path.lexists(path):
            docs[name] = Document(path, None)
            continue
        doc, found = read(path, data_dir.path, lines_later=True)
        docs[name] = doc
        problems.extend(found)
    return docs, problems


def load(data_dir: layout.DataDir) -> Plan:
    """Load and validate the plan in ``data_dir``; raise :class:`DataInvalid` on any problem.

    A plan read before from files that have not changed since comes from :mod:`ipplan.files.cache`;
    a cache location that may not be used is refused, whatever the plan holds. A change stopped
    midway (:mod:`ipplan.files.journal`) is refused with :class:`UnfinishedChange` before
    anything is read: its files may be part old, part new. A change still being written by a
    live process is no such change: the load waits for its writer
    (:func:`ipplan.files.lock.unfinished`), then reads the change whole.
    """
    from ipplan.files.cache import identity
    from ipplan.files.cache.directory import location
    from ipplan.files.cache.plans import store

    if journal.pending(data_dir) is not None:
        from ipplan.files.lock import unfinished

        stopped = unfinished(data_dir)  # a change still being written is waited for
        if stopped is not None:
            raise UnfinishedChange(journal=str(stopped))
    location(data_dir.path, os.environ)
    taken = time.time_ns()
    seen = identity.snapshot(data_dir.path)
    if seen is not None:
        cached = from_cache(data_dir, seen[0])
        if cached is not None:
            return cached
    plan = load_fresh(data_dir, None if seen is None else (seen[0], taken))
    if seen is not None:
        store(data_dir.path, seen, taken, _parts(plan), os.environ)
    return plan


# The actuals of this many indicators go in one part of a cache entry
# (ipplan.files.cache.plans.store).
_PART = 1000


def _parts(plan: Plan) -> list[Any]:
    """``plan`` in parts of plain data for the cache (:func:`from_cache` builds it back): what
    its origin holds beside the files' identity; the plan without its actuals and work plans;
    its actuals a thousand indicators at a time; and each work plan. A record is the list of
    its fields (JSON writes a named tuple as one)."""
    origin = None if plan.origin is None else [plan.origin.taken, dict(plan.origin.digests)]
    rest = {
        "info": plan.info,
        "indicators": plan.indicators,
        "areas": plan.areas,
        "actions": plan.actions,
        "updates": plan.updates,
        "units": [list(unit) for unit in plan.units.values()],
        "events": plan.work.events,
        "undos": [[u.recorded, u.undid, list(u.files)] for u in plan.undos],
        "baselines": [dataclasses.astuple(b) for b in plan.baselines],
    }
    actuals = list(plan.actuals.items())
    parts: list[Any] = [origin, rest]
    parts += [["actuals", actuals[i : i + _PART]] for i in range(0, len(actuals), _PART)]
    for work_plan in plan.work.plans:
        found = work_plan.lines  # by (item, milestone): kept as three lists, the keys' and lines
        lines = [[item for item, _ in found], [number for _, number in found], list(found.values())]
        path = None if work_plan.path is None else str(work_plan.path)
        parts.append(["work", [work_plan.info, work_plan.items, path, lines]])
    return parts


def from_cache(data_dir: layout.DataDir, seen: Snapshot) -> Plan | None:
    """The plan cached for ``data_dir`` when its files are exactly ``seen``; else None."""
    from ipplan.files.cache.plans import lookup

    parts = lookup(data_dir.path, seen, os.environ)
    if parts is None:
        return None
    try:
        return _from_parts(iter(parts), seen)
    except Exception:  # plain data of another shape than a plan's: only a miss
        return None


def _from_parts(parts: Iterator[Any], seen: Snapshot) -> Plan:
    """The plan :func:`_parts` gave ``parts`` of, its records built back from plain data."""
    from ipplan import data as e
    from ipplan.files.cache.identity import Origin
    from ipplan.units import Unit
    from ipplan.workplans import entities as w
    from ipplan.workplans.book import WorkPlan, WorkPlans

    moments = e.Moments()
    origin, rest = next(parts), next(parts)
    actuals: dict[str, tuple[Actual, ...]] = {}
    plans = []
    for kind, value in parts:
        if kind == "actuals":
            for key, rows in value:
                actuals[key] = e.actuals_from_rows(rows, moments)
        elif kind == "work":
            info, items, path, (ids, numbers, lines) = value
            plans.append(
                WorkPlan(
                    w.info_from_row(info, moments),
                    w.items_from_rows(items),
                    None if path is None else Path(path),
                    dict(zip(zip(ids, numbers, strict=True), lines, strict=True)),
                )
            )
        else:
            raise ValueError(kind)
    units = [Unit(*row) for row in rest["units"]]
    return Plan(
        info=e.plan_info_from_row(rest["info"]),
        indicators=e.indicators_from_rows(rest["indicators"]),
        areas=e.areas_from_rows(rest["areas"]),
        actions=e.actions_from_rows(rest["actions"]),
        actuals=actuals,
        updates={
            key: e.action_updates_from_rows(rows, moments) for key, rows in rest["updates"].items()
        },
        units={unit.symbol: unit for unit in units},
        undos=tuple(
            e.Undo(moments[recorded], moments[undid], tuple(files))  # type: ignore[arg-type]
            for recorded, undid, files in rest["undos"]
        ),
        baselines=tuple(
            e.Baseline(moments[recorded], *fields)  # type: ignore[arg-type]
            for recorded, *fields in rest["baselines"]
        ),
        origin=None if origin is None else Origin(seen, *origin),
        work=WorkPlans(
            plans=tuple(plans),
            events={key: w.events_from_rows(rows, moments) for key, rows in rest["events"].items()},
        ),
    )


@dataclass
class CheckedFiles:
    """Every data file read and checked (:func:`check_files`): what the check built, every
    problem found, and the digest of each file as it was read, by its path relative to the
    data directory."""

    core: CoreChecked
    work: WorkPlans | None
    problems: list[Problem]
    digests: dict[str, str | None]


def check_files(data_dir: layout.DataDir) -> CheckedFiles:
    """Read and check every file of the plan in ``data_dir``: definitions, records and work
    plans, every rule; what ``ipplan validate`` reports and what a fresh load stands on."""
    from ipplan.check.run import check
    from ipplan.workplans import loading

    stopped = None
    if journal.pending(data_dir) is not None:
        from ipplan.files.lock import unfinished

        stopped = unfinished(data_dir)  # a change still being written is waited for
    docs, problems = read_definitions(data_dir)
    if stopped is not None:
        problems.append(Problem(stopped, 1, "unfinished-change", {}))
    core = check(docs, read_records(data_dir, problems))  # each record read as it is checked
    problems.extend(core.problems)
    digests = {layout.FILES.get(name, name): doc.digest for name, doc in docs.items()}
    work, work_problems = loading.read_all(data_dir.path, core, digests)
    problems.extend(work_problems)
    return CheckedFiles(core, work, sorted(problems, key=Problem.sort_key), digests)


def load_to_write(data_dir: layout.DataDir) -> Plan:
    """:func:`load` for a command that writes: a change stopped midway is first rolled back
    under the write lock (:func:`ipplan.files.lock.writing`), as the change would be anyway."""
    if journal.pending(data_dir) is not None:
        from ipplan.files.lock import writing

        with writing(data_dir):
            pass
    return load(data_dir)


def load_fresh(data_dir: layout.DataDir, seen: tuple[Snapshot, int] | None = None) -> Plan:
    """Read, check and build the plan in ``data_dir`` from its files, without the cache;
    ``seen`` is the identity of its files listed just before
    (:func:`ipplan.files.cache.identity.snapshot`) and when, kept as the plan's origin."""
    from ipplan.files.cache.identity import Origin, racy

    checked = check_files(data_dir)
    if checked.problems:
        raise DataInvalid(checked.problems)
    assert checked.core.plan is not None and checked.work is not None
    origin = None
    if seen is not None:  # the digests of the files whose identity could hide a change
        kept = {n: checked.digests[n] for n in racy(*seen) if n in checked.digests}
        origin = Origin(seen[0], seen[1], kept)
    return dataclasses.replace(build_plan(checked.core), origin=origin, work=checked.work)


def build_plan(checked: CoreChecked) -> Plan:
    """The plan from data that passed validation in full."""
    from ipplan import clock
    from ipplan import data as domain

    assert checked.plan is not None and checked.complete
    indicators = [ind for _, ind in checked.indicators]
    series = {
        ind.key: tuple(
            sorted(
                (f.item for f in checked.actuals.get(ind.key, ())),
                key=lambda a: a.year,
            )
        )
        for ind in indicators
    }
    updates = {
        key: tuple(
            sorted(
                (domain.from_model(domain.ActionUpdate, f.item) for f in found),
                key=lambda u: clock.aware(u.recorded),
            )
        )
        for key, found in checked.updates.items()
        if found
    }
    return Plan(
        info=domain.from_model(domain.PlanInfo, checked.plan),
        indicators=tuple(sorted(indicators, key=lambda i: i.number)),
        areas=tuple(
            sorted(
                (domain.from_model(domain.Area, a) for _, a in checked.areas),
                key=lambda a: a.number,
            )
        ),
        actions=tuple(a for _, a in checked.actions),
        actuals=series,
        updates=updates,
        units=checked.units,
        undos=tuple(sorted((f.item for f in checked.undos), key=lambda u: clock.aware(u.recorded))),
        baselines=tuple(
            sorted((f.item for f in checked.baselines), key=lambda b: clock.aware(b.recorded))
        ),
    )


def keep_current(
    data_dir: layout.DataDir, latest: Plan, after: Plan, writes: Mapping[str, str | None]
) -> None:
    """Keep ``after``, the plan a writer made of ``latest`` by making ``writes``, as the
    cache's entry for the files as they now are, so that the command after a write reads from
    the cache like any other (:func:`load`). Called with the write lock held.

    The entry is keyed by the files ``latest`` was read from (:attr:`Plan.origin`) with the
    ones written as they now are (:func:`ipplan.files.cache.identity.after_writes`), not by a
    new listing of every file: a file anybody else changed meanwhile differs from that key, so
    the next command reads the files. Each file
    whose identity could hide a change (:func:`ipplan.files.cache.identity.racy`) goes into the
    entry with the digest of the bytes the plan holds: a file written, of what was written; a
    file the plan was read from, of what was read then; any other, of what it holds now.
    """
    from ipplan.files.cache import identity
    from ipplan.files.cache.directory import location
    from ipplan.files.cache.plans import keep_written
    from ipplan.files.yaml_read import Refused, digest, read_regular

    origin = latest.origin
    if origin is None or location(data_dir.path, os.environ) is None:
        return
    taken = time.time_ns()
    now = identity.after_writes(origin.files, data_dir.path, writes)
    if now is None:
        return
    digests: dict[str, str] = {}
    for name in dict.fromkeys([*identity.racy(now, taken), *origin.racy()]):
        text = writes.get(name)
        if text is not None:
            digests[name] = digest(text.encode("utf-8"))
        elif name in writes:
            continue  # removed
        elif origin.digests.get(name) is not None:
            digests[name] = str(origin.digests[name])
        else:  # not read into the plan (a README): what it holds now, so that a change is seen
            try:
                digests[name] = digest(read_regular(data_dir.path / name, data_dir.path))
            except (Refused, OSError):
                return
    kept = dataclasses.replace(after, origin=identity.Origin(now, taken, digests))
    keep_written(data_dir.path, now, taken, digests, _parts(kept), os.environ)


def current(data_dir: layout.DataDir, plan: Plan) -> Plan:
    """``plan`` if its files are unchanged on disk since it was loaded; else the plan reloaded.

    Called with the write lock held, so that a change is always made to the latest data. The
    files are listed, not read: each must keep its identity (:mod:`ipplan.files.cache`), and only a
    file modified just before the plan was read, whose identity could hide a change, is read
    again and compared with the digest of what was read then.
    """
    if plan.origin is not None and _unchanged(data_dir, plan.origin):
        return plan
    return load(data_dir)


def _unchanged(data_dir: layout.DataDir, origin: Origin) -> bool:
    from ipplan.files.cache import identity
    from ipplan.files.yaml_read import Refused, digest, read_regular

    now = identity.snapshot(data_dir.path)
    if now is None or now[0] != origin.files:
        return False
    for name in origin.racy():
        if name not in origin.digests:
            continue  # not a file the plan is read from (a schema, a README)
        expected = origin.digests[name]
        try:
            if digest(read_regular(data_dir.path / name, data_dir.path)) != expected:
                return False
        except (Refused, OSError):
            return False
    return True
