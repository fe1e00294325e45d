"""Running the checks: every document read, every rule run, every problem kept, sorted."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ipplan.files import layout
from ipplan.files.yaml_document import Document
from ipplan.problems import Problem

if TYPE_CHECKING:
    from pathlib import Path

    from ipplan.plan import Plan
from ipplan.check import read, rules


def check(docs: dict[str, Document], more: Iterable[tuple[str, Document]] = ()) -> read.Checked:
    """Check the parsed files of a data directory: each item's schema, then every rule.

    ``more``: record files by their relative paths, read as they are asked for, after those
    of ``docs``; each joins ``docs`` as it is checked, so that no more than one record file's
    data is held before it is read into its record.

    Files that could not be parsed at all are skipped: their problems are already known. A
    record file read by the fast reader (``plain``) gives its data up once it is read into its
    record, which holds it; the rules after need only its path and lines. (Documents are read
    for one check: 100,000 record files' data took 30 MB beside their records.)
    """
    c = read.Checked(docs)
    for name, reader in read._READERS.items():
        if not docs[name].broken:
            reader(c, docs[name])
    for name, doc in itertools.chain(list(docs.items()), _joining(docs, more)):
        named = layout.split(name)
        if named is not None and not doc.broken:
            kind, parts = named
            read.RECORD_READERS[kind.name](c, doc, parts)
            if doc.plain:
                doc.data = None
    read.supersede_legacy(c)
    for rule in rules.RULES:
        c.problems.extend(rule(c))
    c.problems.sort(key=Problem.sort_key)
    return c


def _joining(
    docs: dict[str, Document], more: Iterable[tuple[str, Document]]
) -> Iterator[tuple[str, Document]]:
    for name, doc in more:
        docs[name] = doc
        yield name, doc


def check_records(plan: Plan, docs: dict[str, Document], paths: dict[str, Path]) -> read.Checked:
    """Check record files (``docs``, by their paths relative to the data directory) against
    ``plan``, which passed validation in full from files that have not changed since: each
    record's schema, then every rule that concerns records.

    The plan's definitions stand in for its files (``paths``: where each of them is, for
    messages), so a writer checks what it writes without reading them again. What the records
    share with the plan's other records (a recorded time) is the writer's to compare.
    """
    indicators = {"indicators": [{"key": i.key} for i in plan.indicators]}
    tasks = {
        "areas": [{"id": a.id} for a in plan.areas],
        "actions": [{"id": a.id} for a in plan.actions],
    }
    stand_in = {
        "indicators": Document(paths["indicators"], indicators, plain=True),
        "tasks": Document(paths["tasks"], tasks, plain=True),
        **{name: Document(paths[name], None) for name in ("actuals", "task_log")},
    }
    c = read.Checked(
        {**stand_in, **docs},
        plan=plan.info,
        indicators=[(("indicators", i), ind) for i, ind in enumerate(plan.indicators)],
        actions=[(("actions", i), action) for i, action in enumerate(plan.actions)],
        unit_table=plan.units,
    )
    for name, doc in docs.items():
        named = layout.split(name)
        if named is not None and not doc.broken:
            kind, parts = named
            read.RECORD_READERS[kind.name](c, doc, parts)
    for rule in (
        rules.rule_actuals,
        rules.rule_task_log,
        rules.rule_recorded_times,
        rules.rule_times_in_future,
        rules.rule_text,
    ):
        c.problems.extend(rule(c))
    c.problems.sort(key=Problem.sort_key)
    return c
