"""The plan's data model: what each data file may hold, checked by pydantic.

These models check one file's shape and types. Rules that need more than one value (duplicate
keys, unknown indicators, years outside the plan, unit ranges) live in :mod:`ipplan.validate`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from ipplan.status import Status

Number = StrictInt | StrictFloat
Text = Annotated[StrictStr, Field(min_length=1)]
Key = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]*$")]
Direction = Literal["increase", "decrease"]
Unit = Literal["人", "家", "%", "‰", "亿元"]


@dataclass(frozen=True)
class UnitRule:
    """What values a unit admits."""

    low: float
    high: float | None
    whole: bool

    def in_range(self, value: float) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)


UNIT_RULES: dict[str, UnitRule] = {
    "人": UnitRule(0, None, whole=True),
    "家": UnitRule(0, None, whole=True),
    "%": UnitRule(0, 100, whole=False),
    "‰": UnitRule(0, 1000, whole=False),
    "亿元": UnitRule(0, None, whole=False),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Point(_Model):
    """A value at a year-end."""

    year: StrictInt
    value: Number


class Thresholds(_Model):
    """Lower bounds of pace for the statuses on_track, needs_acceleration and lagging."""

    on_track: Number = 0.95
    needs_acceleration: Number = 0.60
    lagging: Number = 0.0


class PlanInfo(_Model):
    title: Text
    title_en: Text
    issuer: Text
    issuer_en: Text
    baseline_year: StrictInt
    target_year: StrictInt
    thresholds: Thresholds = Thresholds()
    max_change: Annotated[
        Number,
        Field(
            description="A recorded value more than this fraction above or below the year "
            "before's is refused without --force (0.5: more than 50 % up or down)."
        ),
    ] = 0.5


class Indicator(_Model):
    """One of the plan's expected indicators (预期性指标)."""

    key: Annotated[
        Key, Field(description="Short id used on the command line and in record file paths.")
    ]
    number: Annotated[StrictInt, Field(ge=1)]
    name: Text
    name_en: Text
    unit: Unit
    direction: Annotated[
        Direction, Field(description="increase: higher is better; decrease: lower is better.")
    ]
    baseline: Annotated[
        Point | None, Field(description="The plan's value for its baseline year; null if none.")
    ]
    target: Annotated[Point, Field(description="The plan's value for its target year.")]
    milestones: Annotated[
        list[Point],
        Field(description="Optional values for years between baseline and target."),
    ] = []
    definition: Text | None = None
    definition_en: Text | None = None
    max_change: Annotated[
        Number | None,
        Field(description="This indicator's own plausibility limit, instead of the plan's."),
    ] = None

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self.direction == "increase" else -1


class Area(_Model):
    id: Slug
    number: Annotated[StrictInt, Field(ge=1)]
    title: Text
    title_en: Text


class Action(_Model):
    id: Slug
    area: StrictStr
    title: Text
    title_en: Text
    measures: Annotated[list[Text], Field(min_length=1)]
    indicators: list[StrictStr]
    lead: Text | None
    due: dt.date | None
    status: Status


class Revision(_Model):
    """An earlier value of an actual, kept when it was replaced with --force."""

    value: Number
    source: Text | None = None
    note: Text | None = None
    recorded: dt.datetime | None = None


class ActualRecord(_Model):
    """One indicator-year's file, ``actuals/<indicator-key>/<year>.yaml``: the path names the
    indicator and the year."""

    value: Annotated[Number, Field(description="The year-end value, in the indicator's unit.")]
    source: Annotated[Text | None, Field(description="Where the figure comes from.")] = None
    note: Text | None = None
    recorded: dt.datetime | None = None
    history: Annotated[
        list[Revision], Field(description="The values this one replaced, oldest first.")
    ] = []


class Actual(ActualRecord):
    """A recorded year-end value of one indicator."""

    year: StrictInt


class ActionUpdate(_Model):
    """A dated change to an action's lead, due date or status, or a note on its progress."""

    recorded: dt.datetime
    status: Status | None = None
    lead: Text | None = None
    due: dt.date | None = None
    note: Text | None = None
