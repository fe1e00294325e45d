"""The loaded plan: indicators, actions, actuals and action updates, with look-ups by reference.

A :class:`Plan` is built only from files that passed validation, so its look-ups can trust keys
to be unique and references to resolve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ipplan.errors import UnknownAction, UnknownArea, UnknownIndicator
from ipplan.models import Action, ActionUpdate, Actual, Area, Indicator, PlanInfo
from ipplan.problems import suggest
from ipplan.status import Status
from ipplan.validate import Checked
from ipplan.workplans.book import WorkPlans


def _aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a UTC offset; a time written without one is read as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


@dataclass(frozen=True)
class ActionState:
    """An action as it stands now: tasks.yaml's fields with every later update applied."""

    action: Action
    area: Area
    status: Status
    lead: str | None
    due: dt.date | None
    updates: tuple[ActionUpdate, ...]


@dataclass(frozen=True)
class Plan:
    info: PlanInfo
    indicators: tuple[Indicator, ...]
    areas: tuple[Area, ...]
    actions: tuple[Action, ...]
    actuals: dict[str, tuple[Actual, ...]]
    updates: dict[str, tuple[ActionUpdate, ...]]
    # The fingerprint of each file the plan was read from (None for an absent file), so that a
    # writer holding the lock can tell whether another one changed the files in between.
    origin: dict[str, str | None] | None = field(default=None, compare=False)
    # The yearly work plans and the progress recorded on their items (workplans/, progress/).
    work: WorkPlans = field(default_factory=WorkPlans)

    @classmethod
    def build(cls, checked: Checked) -> Plan:
        """The plan from data that passed validation in full."""
        assert checked.plan is not None and checked.complete
        indicators = [ind for _, ind in checked.indicators]
        series = {
            ind.key: tuple(
                sorted((f.item for f in checked.actuals.get(ind.key, ())), key=lambda a: a.year)
            )
            for ind in indicators
        }
        updates = {
            key: tuple(sorted((f.item for f in found), key=lambda u: _aware(u.recorded)))
            for key, found in checked.updates.items()
            if found
        }
        return cls(
            info=checked.plan,
            indicators=tuple(sorted(indicators, key=lambda i: i.number)),
            areas=tuple(sorted((a for _, a in checked.areas), key=lambda a: a.number)),
            actions=tuple(a for _, a in checked.actions),
            actuals=series,
            updates=updates,
        )

    @property
    def years(self) -> range:
        """The years an actual may be recorded for: after the baseline year, up to the target."""
        return range(self.info.baseline_year + 1, self.info.target_year + 1)

    def indicator(self, ref: str) -> Indicator:
        """The indicator whose key, number or Chinese or English name is ``ref``."""
        wanted = ref.strip()
        for ind in self.indicators:
            if wanted in (ind.key, str(ind.number), ind.name) or wanted.lower() in (
                ind.key.lower(),
                ind.name_en.lower(),
            ):
                return ind
        names = [ind.key for ind in self.indicators] + [ind.name for ind in self.indicators]
        hints = suggest(wanted, names)
        raise UnknownIndicator(ref=ref, suggest=hints, known=[ind.key for ind in self.indicators])

    def action(self, ref: str) -> Action:
        """The action whose id or Chinese title is ``ref``."""
        wanted = ref.strip()
        for action in self.actions:
            if wanted in (action.id, action.title):
                return action
        hints = suggest(wanted, [a.id for a in self.actions] + [a.title for a in self.actions])
        raise UnknownAction(ref=ref, suggest=hints)

    def area(self, ref: str) -> Area:
        """The area whose id, number or Chinese title is ``ref``."""
        wanted = ref.strip()
        for area in self.areas:
            if wanted in (area.id, str(area.number), area.title):
                return area
        raise UnknownArea(ref=ref, known=[a.id for a in self.areas])

    def actions_for(self, key: str) -> list[Action]:
        """The actions that serve the indicator ``key``."""
        return [a for a in self.actions if key in a.indicators]

    def state(self, action: Action) -> ActionState:
        updates = self.updates.get(action.id, ())
        status, lead, due = action.status, action.lead, action.due
        for update in updates:
            status = update.status or status
            lead = update.lead or lead
            due = update.due or due
        area = next(a for a in self.areas if a.id == action.area)
        return ActionState(action, area, status, lead, due, updates)
