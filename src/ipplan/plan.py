"""The loaded plan: indicators, actions, actuals and action updates, with look-ups by reference.

A :class:`Plan` is built only from files that passed validation, so its look-ups can trust keys
to be unique and references to resolve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ipplan.action_status import Status
from ipplan.data import (
    Action,
    ActionUpdate,
    Actual,
    Area,
    Baseline,
    Indicator,
    PlanInfo,
    Undo,
)
from ipplan.errors import (
    AmbiguousAction,
    AmbiguousArea,
    AmbiguousIndicator,
    AsOfBaselineYear,
    AsOfOutsidePlan,
    UnknownAction,
    UnknownArea,
    UnknownIndicator,
)
from ipplan.problems import suggest
from ipplan.text.typed_input import normalized
from ipplan.units import Unit
from ipplan.workplans.book import WorkPlans

if TYPE_CHECKING:  # the plan's records need no pydantic; only building one from files does
    from ipplan.files.cache.identity import Origin


class ActionState(NamedTuple):
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
    # Every unit the plan may use, by symbol: the library and the plan's own declarations.
    units: dict[str, Unit] = field(default_factory=dict, compare=False)
    # What the plan was read from (ipplan.files.cache.identity.Origin), so that a writer holding
    # the lock can tell whether another one changed the files in between; None when that cannot
    # be known.
    origin: Origin | None = field(default=None, compare=False)
    # The yearly work plans and the progress recorded on their items (workplans/, progress/).
    work: WorkPlans = field(default_factory=WorkPlans)
    # Every undo made (undone/), by recorded time.
    undos: tuple[Undo, ...] = ()
    # Every pending baseline written in (baselines/), by recorded time.
    baselines: tuple[Baseline, ...] = ()

    @property
    def years(self) -> range:
        """The years an actual may be recorded for: after the baseline year, up to the target."""
        return range(self.info.baseline_year + 1, self.info.target_year + 1)

    def indicator(self, ref: str) -> Indicator:
        """The indicator ``ref`` names: its key, number or name (Chinese or English), or a part
        of its name that no other indicator's name or key contains (收入, 满意度); a name that
        may mean several lists every one of them."""
        wanted = normalized(ref)
        folded = wanted.casefold()
        for ind in self.indicators:
            if wanted in (str(ind.number), ind.name) or folded in (
                ind.key.casefold(),
                ind.name_en.casefold(),
            ):
                return ind
        matches = [
            ind
            for ind in self.indicators
            if wanted and (wanted in ind.name or folded in ind.name_en.casefold())
        ]
        among = [i for i in self.indicators if i in matches or (wanted and folded in i.key)]
        if len(matches) == 1 and len(among) == 1:
            return matches[0]
        if len(among) > 1:
            raise AmbiguousIndicator(ref=ref, candidates=[_named(ind) for ind in among])
        by_word = {ind.key: ind for ind in self.indicators}
        by_word.update({ind.name: ind for ind in self.indicators})
        hints = _unique(by_word[word] for word in suggest(wanted, by_word))
        raise UnknownIndicator(
            ref=ref,
            suggest=[_named(ind) for ind in hints],
            known=[_named(i) for i in self.indicators],
        )

    def unit(self, indicator: Indicator) -> Unit:
        """The unit ``indicator`` is measured in (validation made sure the plan has it)."""
        return self.units[indicator.unit]

    def action(self, ref: str) -> Action:
        """The action ``ref`` names: its id or title (Chinese or English), or a part of its title
        that no other action's title or id contains (人才培养). Ids are matched whole: people
        type them from ``ipplan tasks``, and a prefix could name the wrong action; a part of an
        id makes the name ambiguous, so that every action it may mean is listed."""
        wanted = normalized(ref)
        folded = wanted.casefold()
        for action in self.actions:
            if wanted == action.title or folded in (action.id, action.title_en.casefold()):
                return action
        matches = [
            a
            for a in self.actions
            if wanted and (wanted in a.title or folded in a.title_en.casefold())
        ]
        # An id holding the words is no choice by itself, but it is one of the actions meant.
        among = [a for a in self.actions if a in matches or (wanted and folded in a.id)]
        if len(matches) == 1 and len(among) == 1:
            return matches[0]
        if len(among) > 1:
            raise AmbiguousAction(ref=ref, candidates=[_titled(a) for a in among])
        by_word = {a.id: a for a in self.actions}
        by_word.update({a.title: a for a in self.actions})
        hints = _unique(by_word[word] for word in suggest(wanted, by_word))
        raise UnknownAction(ref=ref, suggest=[_titled(a) for a in hints])

    def area(self, ref: str) -> Area:
        """The area ``ref`` names: its id, number (1, 1.) or title, or a part of its title."""
        wanted = normalized(ref).rstrip(".、")
        folded = wanted.casefold()
        for area in self.areas:
            if wanted in (str(area.number), area.title) or folded in (
                area.id,
                area.title_en.casefold(),
            ):
                return area
        matches = [
            a
            for a in self.areas
            if wanted and (wanted in a.title or folded in a.title_en.casefold())
        ]
        if len(matches) == 1:
            return matches[0]
        known = [_titled_area(a) for a in self.areas]
        if matches:
            raise AmbiguousArea(ref=ref, candidates=[_titled_area(a) for a in matches])
        raise UnknownArea(ref=ref, known=known)

    def actions_for(self, key: str) -> list[Action]:
        """The actions that serve the indicator ``key``."""
        return [a for a in self.actions if key in a.indicators]

    def state(self, action: Action, as_of: int | None = None) -> ActionState:
        """The action as it stands, or as it stood at the end of the year ``as_of``: its log
        replayed up to 31 December of that year, in the offset each update was recorded in."""
        updates = tuple(
            u for u in self.updates.get(action.id, ()) if as_of is None or u.recorded.year <= as_of
        )
        status, lead, due = action.status, action.lead, action.due
        for update in updates:
            status = update.status or status
            lead = None if "lead" in update.cleared else update.lead or lead
            due = None if "due" in update.cleared else update.due or due
        area = next(a for a in self.areas if a.id == action.area)
        return ActionState(action, area, status, lead, due, updates)


def _named(indicator: Indicator) -> dict[str, str]:
    """An indicator as a message names it: 国际化高端人才（international_talent）."""
    return {"key": indicator.key, "name": indicator.name, "name_en": indicator.name_en}


def check_as_of(plans: Iterable[Plan], as_of: int | None) -> None:
    """Refuse an as-of year whose progress cannot be viewed, saying which years can: every
    command with ``--as-of`` asks this, for its plan or for the plans of a workspace (a year of
    any of them will do).

    The baseline year is refused as such (:class:`AsOfBaselineYear`, progress starts after it),
    any other year outside as :class:`AsOfOutsidePlan`; both name the years to choose from.
    """
    found = list(plans)
    if as_of is None or not found or any(as_of in plan.years for plan in found):
        return
    first = min(plan.years[0] for plan in found)
    last = max(plan.years[-1] for plan in found)
    baseline = any(as_of == plan.info.baseline_year for plan in found)
    refusal = AsOfBaselineYear if baseline else AsOfOutsidePlan
    raise refusal(year=as_of, first=first, last=last)


def _titled(action: Action) -> dict[str, str]:
    return {"key": action.id, "name": action.title, "name_en": action.title_en}


def _titled_area(area: Area) -> dict[str, str]:
    return {"key": area.id, "name": f"{area.number}. {area.title}", "name_en": area.title_en}


T = TypeVar("T")


def _unique(items: Iterable[T]) -> list[T]:
    """``items`` in order, each once."""
    seen: list[T] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
