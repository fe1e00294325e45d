"""The loaded work plans and their progress events, with look-ups by reference.

Built only from files that passed validation, so item ids are unique, every period parses and
every event points at an item that exists.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipplan.errors import UnknownItem, UnknownWorkPlan
from ipplan.problems import suggest
from ipplan.workplans.entities import Item, ProgressEvent, WorkPlanInfo
from ipplan.workplans.periods import Period, parse_once


@dataclass(frozen=True)
class WorkPlan:
    """One year's work plan as read from ``workplans/YEAR.yaml``."""

    info: WorkPlanInfo
    items: tuple[Item, ...]
    path: Path | None = None
    # the line of each milestone's period in the file, by (item id, milestone number)
    lines: dict[tuple[str, int], int] = field(default_factory=dict, compare=False)

    @property
    def year(self) -> int:
        return self.info.year

    def periods(self, item: Item) -> list[Period]:
        """The period of each of ``item``'s milestones (they parsed when the file was checked)."""
        return [parse_once(m.period, self.year) for m in item.schedule]


@dataclass(frozen=True)
class WorkPlans:
    """Every work plan of the data directory, by year, and the progress recorded on items."""

    plans: tuple[WorkPlan, ...] = ()
    events: dict[str, tuple[ProgressEvent, ...]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(p.year for p in self.plans)

    def plan(self, year: int) -> WorkPlan:
        for plan in self.plans:
            if plan.year == year:
                return plan
        raise UnknownWorkPlan(year=year, known=self.years)

    def items(self) -> Iterator[tuple[WorkPlan, Item]]:
        """Every item with its work plan, years ascending, items in file order."""
        for plan in sorted(self.plans, key=lambda p: p.year):
            for item in plan.items:
                yield plan, item

    def item(self, ref: str) -> tuple[WorkPlan, Item]:
        """The item whose id is ``ref`` (case and surrounding spaces ignored)."""
        wanted = ref.strip().lower()
        found = self._by_id.get(wanted)
        if found is not None:
            return found
        raise UnknownItem(ref=ref, suggest=suggest(wanted, list(self._by_id)))

    def for_action(self, action_id: str) -> list[tuple[WorkPlan, Item]]:
        """The items that carry the action forward, in the order of :meth:`items`."""
        return list(self._by_action.get(action_id, ()))

    @functools.cached_property
    def _by_id(self) -> dict[str, tuple[WorkPlan, Item]]:
        """Every item by its id (unique: the files passed validation), in the order of
        :meth:`items`; looked up once per item by ``history``, a scan each time grew with the
        square of the plan's size."""
        index: dict[str, tuple[WorkPlan, Item]] = {}
        for plan, item in self.items():
            index.setdefault(item.id, (plan, item))
        return index

    @functools.cached_property
    def _by_action(self) -> dict[str, list[tuple[WorkPlan, Item]]]:
        """Every action's items, found in one pass: asked once per action, a scan of every
        item each time grew with the square of the plan's size."""
        index: dict[str, list[tuple[WorkPlan, Item]]] = {}
        for plan, item in self.items():
            for action_id in dict.fromkeys(item.actions):
                index.setdefault(action_id, []).append((plan, item))
        return index

    def events_of(self, item_id: str) -> tuple[ProgressEvent, ...]:
        return self.events.get(item_id, ())
