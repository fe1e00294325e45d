"""Roll-up over several plans (methodology.md "Roll-up over several plans"), as pure functions.

A member plan's indicator names, in ``rolls_up_to``, an indicator of another plan of the
workspace. For each year the roll-up is the sum of the members' actuals for that year, with the
coverage (members reporting / members), beside the parent's own actual and the difference
(sum - parent). A member that has not reported a year is left out of the sum, never counted as
zero or estimated; the year is then ``incomplete``.

A parent may expect more members than the workspace lists yet (``members: 31`` in
``ipplan.yaml``, or their names): until that many have reported a year, the year is
``incomplete`` and shows the sum, how many reported and their share of the parent's figure, and
is compared with the tolerance only once the parent expects no more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ipplan.data import Indicator
from ipplan.plan import Plan
from ipplan.workspace import Expects

# Sums of decimal figures (0.1 + 0.2) are compared at this many decimal places.
PLACES = 9


class Check(str, Enum):
    """How a year's sum of members compares with the parent's own figure."""

    agrees = "agrees"  # every member reported; within the parent's tolerance
    differs = "differs"  # every member reported; beyond the tolerance: flagged
    incomplete = "incomplete"  # some member expected has not reported the year
    no_parent = "no_parent"  # every member reported; the parent has no figure for the year
    no_data = "no_data"  # no member reported the year


@dataclass(frozen=True)
class MemberValue:
    plan: str
    value: float | None


@dataclass(frozen=True)
class Year:
    """One year of a roll-up."""

    year: int
    values: tuple[MemberValue, ...]
    total: float | None
    reporting: int
    parent: float | None
    difference: float | None
    check: Check
    expected: int = 0  # the members expected: at least those in ``values``
    share: float | None = None  # the sum as a part of the parent's figure (0.5 is half)

    @property
    def coverage(self) -> float:
        return self.reporting / self.expected if self.expected else 0.0

    @property
    def missing(self) -> list[str]:
        """The members named that have not reported; :attr:`missing_count` counts them all."""
        return [v.plan for v in self.values if v.value is None]

    @property
    def missing_count(self) -> int:
        return self.expected - self.reporting


@dataclass(frozen=True)
class RollUp:
    """A parent plan's indicator and its members' figures, year by year."""

    plan: str
    indicator: Indicator
    tolerance: float
    members: tuple[tuple[str, Indicator], ...]
    years: tuple[Year, ...]
    unit_en: str | None = None  # the parent plan's English name for the indicator's unit

    @property
    def differing(self) -> list[Year]:
        return [y for y in self.years if y.check is Check.differs]


def members_of(plans: Mapping[str, Plan], parent: str, key: str) -> list[tuple[str, Indicator]]:
    """Every indicator of the workspace that rolls up into ``parent``'s ``key``, in plan order."""
    found = []
    for name, plan in plans.items():
        for indicator in plan.indicators:
            target = indicator.rolls_up_to
            if target is not None and target.plan == parent and target.indicator == key:
                found.append((name, indicator))
    return found


def roll_up(
    plans: Mapping[str, Plan],
    parent: str,
    key: str,
    as_of: int | None = None,
    members: list[tuple[str, Indicator]] | None = None,
    expects: Expects = None,
) -> RollUp | None:
    """The roll-up into ``parent``'s indicator ``key``; None when nothing rolls up into it.
    ``members``: :func:`members_of` it, when the caller has them; ``expects``: the members the
    parent expects (its ``members:`` in ``ipplan.yaml``; None for those that roll up)."""
    if members is None:
        members = members_of(plans, parent, key)
    if not members:
        return None
    plan = plans[parent]
    indicator = plan.indicator(key)
    tolerance = float(plan.info.rollup_tolerance)
    own = {a.year: a.value for a in plan.actuals.get(indicator.key, ())}
    series = [
        (name, {a.year: a.value for a in plans[name].actuals.get(ind.key, ())})
        for name, ind in members
    ]
    if isinstance(expects, tuple):  # named members not rolling up yet have reported nothing
        found = {name for name, _ in members}
        series += [(name, {}) for name in expects if name not in found]
    expected = max(len(series), expects if isinstance(expects, int) else 0)
    years = [y for y in plan.years if as_of is None or y <= as_of]
    rows = [
        year_of(y, [(n, s.get(y)) for n, s in series], own.get(y), tolerance, expected)
        for y in years
    ]
    unit_en = plan.unit(indicator).name_en
    return RollUp(parent, indicator, tolerance, tuple(members), tuple(rows), unit_en)


def year_of(
    year: int,
    values: Sequence[tuple[str, float | None]],
    parent: float | None,
    tolerance: float,
    expected: int | None = None,
) -> Year:
    """One year: the sum of the members that reported it, its coverage, its share of the
    parent's figure, and the comparison, made only when all ``expected`` members (by default
    those in ``values``) reported."""
    expected = max(len(values), expected or 0)
    reported = [v for _, v in values if v is not None]
    total = round(math.fsum(reported), PLACES) if reported else None
    difference = None
    share = None
    if total is not None and parent is not None:
        difference = round(total - parent, PLACES)
        share = round(total / parent, PLACES) if parent else None
    if not reported:
        check = Check.no_data
    elif len(reported) < expected:
        check = Check.incomplete
    elif difference is None:
        check = Check.no_parent
    elif abs(difference) <= tolerance * abs(parent or 0):
        check = Check.agrees
    else:
        check = Check.differs
    return Year(
        year,
        tuple(MemberValue(n, v) for n, v in values),
        total,
        len(reported),
        parent,
        difference,
        check,
        expected,
        share,
    )


def roll_ups(
    plans: Mapping[str, Plan], parent: str, as_of: int | None = None, expects: Expects = None
) -> list[RollUp]:
    """Every roll-up into an indicator of ``parent``, in the parent's indicator order."""
    into: dict[str, list[tuple[str, Indicator]]] = {}  # each plan's indicators looked at once
    for name, plan in plans.items():
        for member in plan.indicators:
            target = member.rolls_up_to
            if target is not None and target.plan == parent:
                into.setdefault(target.indicator, []).append((name, member))
    found = []
    for indicator in plans[parent].indicators:
        done = roll_up(plans, parent, indicator.key, as_of, into.get(indicator.key, []), expects)
        if done is not None:
            found.append(done)
    return found


def rollup_view(done: RollUp) -> dict[str, Any]:
    """A roll-up for machines and for the terminal: members, then each year's comparison."""
    return {
        "plan": done.plan,
        "indicator": done.indicator.key,
        "unit": done.indicator.unit,
        "unit_en": done.unit_en,
        "method": "sum",
        "tolerance": done.tolerance,
        "members": [
            {"plan": name, "key": ind.key, "name": ind.name, "name_en": ind.name_en}
            for name, ind in done.members
        ],
        "years": [
            {
                "year": y.year,
                "values": {v.plan: v.value for v in y.values},
                "total": y.total,
                "reporting": y.reporting,
                "members": y.expected,
                "coverage": y.coverage,
                "parent": y.parent,
                "difference": y.difference,
                "share": y.share,
                "check": y.check.value,
                "missing": y.missing,
                "missing_count": y.missing_count,
            }
            for y in done.years
        ],
    }
