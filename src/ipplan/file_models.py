"""The plan's data model: what each data file may hold, checked by pydantic.

These models check one file's shape and types. Rules that need more than one value (duplicate
keys, unknown indicators, years outside the plan, unit ranges) live in :mod:`ipplan.check.rules`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ipplan.action_status import Status
from ipplan.data import (
    DATE_PATTERN,
    FIRST_YEAR,
    LAST_YEAR,
    RECORDED_YEARS,
    TIME_PATTERN,
    digits_between,
    visible,
    written_time,
)
from ipplan.text.typed_input import MAX_VALUE
from ipplan.workplans import periods


def _shows_something(value: str) -> str:
    if not visible(value):
        raise PydanticCustomError("blank", "holds only spaces or characters that show nothing")
    return value


def _time_form(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    moment = None
    if written_time(value):
        with contextlib.suppress(ValueError):  # month 13, 24:00:00
            moment = dt.datetime.fromisoformat(value)
    if moment is None:
        raise PydanticCustomError(
            "time_form", "a date and a time to the second, such as 2026-11-21T20:59:38+08:00"
        )
    if moment.year not in RECORDED_YEARS:
        raise PydanticCustomError("time_range", "a year from 1900 to 9998")
    return value


def _date_form(value: Any) -> Any:
    """A date as YYYY-MM-DD and nothing else: not a Unix time, nor a time of day that pydantic
    would also read as a date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not (type(value) is str and re.fullmatch(DATE_PATTERN, value, re.ASCII)):
        raise PydanticCustomError("date_parsing", "a date as YYYY-MM-DD, such as 2025-06-30")
    return value


# A number: an integer or a decimal, never a boolean. The bounds a field adds (Field(ge=...))
# come out in the schema as minimum, maximum and so on (check.schema). (No WithJsonSchema here:
# it would stand for the whole field, and the field's bounds would be lost.)
Number = StrictInt | StrictFloat
# What the rules of ipplan.check.rules hold a plan's values and years to, said to editors too:
# validate tells each with its own problem code (value-too-large, implausible-year, ...).
Value = Annotated[Number, Field(json_schema_extra={"minimum": -MAX_VALUE, "maximum": MAX_VALUE})]
Year = Annotated[StrictInt, Field(json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR})]
# A day, such as an action's due date: YYYY-MM-DD, a real day of the calendar.
Day = Annotated[
    dt.date,
    BeforeValidator(_date_form),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"}),
]
# A recorded time, as ipplan writes it: a date, a time to the second or finer and its offset
# (read as local time without one). Not a Unix time, nor a date alone, nor any other form
# pydantic would read: a time that two readers could take for two moments.
Moment = Annotated[
    dt.datetime,
    BeforeValidator(_time_form),
    WithJsonSchema(
        {
            "type": "string",
            # the years of RECORDED_YEARS, then the rest of the form
            "pattern": "^"
            + digits_between(RECORDED_YEARS.start, RECORDED_YEARS.stop - 1)
            + TIME_PATTERN.removeprefix("[0-9]{4}")
            + "$",
        }
    ),
]
# Text that shows something: "   " or a zero-width space alone is refused as blank.
# (The schema asks for a character that is not a space; one that shows nothing, a zero-width
# space alone, is for validate to tell.)
Text = Annotated[
    StrictStr,
    Field(min_length=1, json_schema_extra={"pattern": r"\S"}),
    AfterValidator(_shows_something),
]
Key = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]*$")]
Direction = Literal["increase", "decrease"]
Accumulate = Literal["sum"]


def empty() -> Any:
    """An empty list as a field's default, made new for each record rather than deep-copied
    from one shared default (pydantic copies a list default on every validation: 100,000
    times for a plan of 10,000 indicators); the schema still says the default is []."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A recorded figure's value: required, but for a figure recorded as not published (which has
# none). A value left out of any other is put in as this mark, which its field refuses as missing,
# so that it is said with every other problem of the record (missing-field).
_NO_VALUE = object()


def _value_given(data: Any) -> Any:
    if isinstance(data, dict) and "value" not in data and data.get("not_published") is not True:
        return {**data, "value": _NO_VALUE}
    return data


def _not_missing(value: Any) -> Any:
    if value is _NO_VALUE:
        raise PydanticCustomError("missing", "Field required")
    return value


FigureValue = Annotated[Value | None, BeforeValidator(_not_missing)]


class Point(_Model):
    """A value at a year-end."""

    year: Year
    value: Value


class Target(_Model):
    """The plan's value for its target year; null while it is still to be set (目标待定)."""

    year: Year
    value: Annotated[
        Value | None,
        Field(description="The target value; null while the target is pending (目标待定)."),
    ]


class Thresholds(_Model):
    """Lower bounds of pace for the statuses on_track, needs_acceleration and lagging."""

    on_track: Number = 0.95
    needs_acceleration: Number = 0.60
    lagging: Number = 0.0


class UnitDeclaration(_Model):
    """A unit the plan declares: a new one, or its own range for one of the library's."""

    symbol: Annotated[
        StrictStr,
        Field(
            pattern=r"^[^\s\d+\-.,，]{1,12}$",
            description="What indicators write as their unit, such as 件 or 亿美元.",
        ),
    ]
    name: Annotated[Text | None, Field(description="Chinese name; the symbol if left out.")] = None
    name_en: Annotated[Text, Field(description="English name, such as 'items'.")]
    whole: Annotated[StrictBool, Field(description="true: values are whole numbers (counts).")]
    min: Annotated[Value, Field(description="The smallest value allowed.")] = 0
    max: Annotated[Value | None, Field(description="The largest value allowed; none if null.")] = (
        None
    )


class PlanInfo(_Model):
    title: Text
    title_en: Text | None = None
    issuer: Text | None = None
    issuer_en: Text | None = None
    baseline_year: Annotated[
        Year, Field(description="The year before the plan's first year (its baseline).")
    ]
    target_year: Annotated[Year, Field(description="The plan's last year.")]
    thresholds: Thresholds = Thresholds()
    max_change: Annotated[
        Number,
        Field(
            json_schema_extra={"exclusiveMinimum": 0},
            description="A recorded value more than this fraction below both the year before's "
            "and the plan's path from it, or above both, is refused without --force as a likely "
            "slipped digit (0.5: more than 50 %).",
        ),
    ] = 0.5
    rollup_tolerance: Annotated[
        Number,
        Field(
            json_schema_extra={"minimum": 0},
            description="In a workspace: how far the sum of member plans' figures may differ "
            "from this plan's own, as a fraction of it (0.02: 2 %), before it is flagged.",
        ),
    ] = 0
    predecessor: Annotated[
        StrictStr | None,
        Field(
            min_length=1,
            description="The plan this one carries on from (`ipplan new --from`): its data "
            "directory, relative to this plan's. validate reads it to say when a pending "
            "baseline's figure has been recorded there.",
        ),
    ] = None
    member_of: Annotated[
        StrictStr | None,
        Field(
            min_length=1,
            description="The plan this one is a member of (`ipplan new --member-of`), by its "
            "name in the workspace: this plan sets its own baselines.",
        ),
    ] = None


class RollUpTarget(_Model):
    """The indicator of another plan in the workspace that this one adds up into."""

    plan: Annotated[StrictStr, Field(description="The parent plan's name in ipplan.yaml.")]
    indicator: Annotated[Key, Field(description="The parent plan's indicator key.")]
    method: Annotated[
        Literal["sum"], Field(description="How members combine: their sum, year by year.")
    ] = "sum"


class OfficialFigure(_Model):
    """An official figure for a year, where it differs from the value the plan printed."""

    year: Year
    value: Value
    source: Annotated[Text, Field(description="Publisher, title and date of the figure.")]


class Indicator(_Model):
    """One of the plan's indicators: indicative (预期性) unless marked binding (约束性)."""

    key: Annotated[
        Key, Field(description="Short id used on the command line and in record file paths.")
    ]
    number: Annotated[StrictInt, Field(ge=1)]
    name: Text
    name_en: Text
    unit: Annotated[
        Text,
        Field(description="A unit of the library (人, 家, %, ‰, 亿元, 件, 次, ...) or of units:."),
    ]
    binding: Annotated[
        StrictBool,
        Field(description="true: a binding indicator (约束性指标); false: indicative (预期性)."),
    ] = False
    accumulate: Annotated[
        Accumulate | None,
        Field(
            description="sum: each actual is that year's amount, and the target is the total "
            "over the plan's years."
        ),
    ] = None
    direction: Annotated[
        Direction, Field(description="increase: higher is better; decrease: lower is better.")
    ]
    baseline: Annotated[
        Point | None, Field(description="The plan's value for its baseline year; null if none.")
    ]
    target: Annotated[
        Target,
        Field(
            description="The plan's value for its target year; its value null while the "
            "target is pending (目标待定): validate names it, validate --strict fails on it."
        ),
    ]
    milestones: Annotated[
        list[Point],
        Field(description="Optional values for years between baseline and target."),
    ] = empty()
    definition: Text | None = None
    definition_en: Text | None = None
    max_change: Annotated[
        Number | None,
        Field(
            json_schema_extra={"exclusiveMinimum": 0},
            description="This indicator's own plausibility limit, instead of the plan's.",
        ),
    ] = None
    rolls_up_to: Annotated[
        RollUpTarget | None,
        Field(description="In a workspace: the other plan's indicator this one adds up into."),
    ] = None
    official_baseline: Annotated[
        OfficialFigure | None,
        Field(
            description="The official figure for the baseline year where it differs from the "
            "plan's baseline; shown beside it. Progress is still measured from the plan's."
        ),
    ] = None
    published_after_months: Annotated[
        StrictInt | None,
        Field(
            ge=1,
            le=36,
            description="How many months after a year's end its figure is normally published; "
            "a figure not recorded by the end of that month is overdue.",
        ),
    ] = None
    baseline_pending: Annotated[
        StrictBool,
        Field(
            description="true: the baseline is the figure of the baseline year, not written in "
            "yet (a successor's, or a member plan's own); baseline is null until it is written "
            "in, by hand or with `ipplan record BASELINE-YEAR KEY VALUE`. validate names it, "
            "validate --strict fails on it."
        ),
    ] = False

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
    due: Day | None
    status: Status


class Revision(_Model):
    """An earlier value of an actual, kept when it was replaced with --force."""

    value: FigureValue = None
    source: Text | None = None
    note: Text | None = None
    recorded: Moment | None = None
    not_published: bool = False
    basis_change: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _value_given(cls, data: Any) -> Any:
        return _value_given(data)


class ActualRecord(_Model):
    """One indicator-year's file, ``actuals/<indicator-key>/<year>.yaml``: the path names the
    indicator and the year."""

    value: Annotated[
        FigureValue,
        Field(description="The year-end value, in the indicator's unit; none when not published."),
    ] = None
    source: Annotated[Text | None, Field(description="Where the figure comes from.")] = None
    note: Text | None = None
    recorded: Moment | None = None
    history: Annotated[
        list[Revision], Field(description="The values this one replaced, oldest first.")
    ] = empty()
    not_published: Annotated[
        StrictBool,
        Field(
            description="The figure was not published: checked where `source` says, when "
            "`recorded` says; no value (p.not-published-with-value otherwise)."
        ),
    ] = False
    basis_change: Annotated[
        Text | None,
        Field(
            description="How this year's figure is counted differently from the year before's: "
            "a comparison across it is marked wherever the figure is judged."
        ),
    ] = None

    @model_validator(mode="before")
    @classmethod
    def _value_given(cls, data: Any) -> Any:
        return _value_given(data)


class Actual(ActualRecord):
    """A recorded year-end value of one indicator."""

    year: StrictInt


class ActionUpdate(_Model):
    """A dated change to an action's lead, due date or status, or a note on its progress."""

    recorded: Moment
    status: Status | None = None
    lead: Text | None = None
    due: Day | None = None
    note: Text | None = None
    cleared: Annotated[
        list[Literal["lead", "due"]],
        Field(description="Fields this update leaves empty again: lead, due."),
    ] = empty()


ItemId = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]


class WorkPlanInfo(_Model):
    """The work plan as issued: its year, title, issuer and date, and whether its progress was
    tracked."""

    year: Annotated[Year, Field(description="The year the work plan covers.")]
    title: Text
    title_en: Text | None = None
    issuer: Text | None = None
    issued: Day | None = None
    imported: Annotated[
        Moment | None,
        Field(
            description="When `ipplan workplan-import` wrote this file: the change `ipplan undo` "
            "reverts while it is the latest."
        ),
    ] = None
    tracked: Annotated[
        StrictBool,
        Field(
            description="false when the work plan's progress was not tracked (it was "
            "transcribed afterwards): its items show as not tracked, are never overdue and "
            "set no action's status, and no progress is recorded on them."
        ),
    ] = True


class Quantity(_Model):
    """A countable target of a content item, such as 6 trainings (6 次)."""

    target: Annotated[Number, Field(gt=0, le=MAX_VALUE, allow_inf_nan=False)]
    unit: Text


class Content(_Model):
    """One numbered content item (具体内容)."""

    text: Text
    quantity: Quantity | None = None


class Milestone(_Model):
    """A schedule entry (进度安排): by the end of ``period``, ``task`` is to be done."""

    period: Annotated[
        Text | StrictInt,
        # a form of ipplan.workplans.periods, or a year as a number
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": periods.schema_pattern()},
                    {"type": "integer", "minimum": 1000, "maximum": 9999},
                ]
            }
        ),
        Field(
            description="2024, 2024H1, 2024Q3, 2024-06, 2024-03-10, or a Chinese form: 全年, "
            "上半年, 第三季度, 第三、四季度, 6月底前, 3月10日前."
        ),
    ]
    task: Text | None = None


class Item(_Model):
    """One work item: a measure carried forward for one or more of the plan's actions."""

    id: Annotated[ItemId, Field(description="Stable id, unique across all work plans.")]
    section: Text | None = None
    actions: Annotated[
        list[StrictStr],
        Field(min_length=1, description="Ids of the actions or safeguards in tasks.yaml."),
    ]
    measure: Annotated[Text, Field(description="工作措施")]
    goal: Annotated[Text | None, Field(description="工作目标")] = None
    content: Annotated[list[Content], Field(description="具体内容")] = empty()
    schedule: Annotated[list[Milestone], Field(min_length=1, description="进度安排")]
    lead: Annotated[Text | None, Field(description="The lead unit (负责).")] = None
    support: Annotated[list[Text], Field(description="Supporting units (配合).")] = empty()
    indicators: list[StrictStr] = empty()


class WorkPlanFile(_Model):
    """workplans/YEAR.yaml."""

    workplan: WorkPlanInfo
    items: list[Item]
    moved: Annotated[
        dict[ItemId, ItemId] | None,
        Field(
            description="The items whose progress this import moved to a new id (--force): "
            "new id -> old id, for `ipplan undo` to move it back."
        ),
    ] = None
    replaced: Annotated[
        StrictStr | None,
        Field(
            description="The work plan file this import replaced (--force), as it was, for "
            "`ipplan undo` to put back."
        ),
    ] = None


class ProgressEvent(_Model):
    """One progress event on a work item, recorded by ``ipplan item``."""

    recorded: Moment
    item: ItemId
    date: Annotated[Day, Field(description="When it happened.")]
    done: Annotated[StrictBool, Field(description="The whole item is done.")] = False
    milestone: Annotated[
        StrictInt | None, Field(ge=1, description="The milestone done (1 for the first).")
    ] = None
    amount: Annotated[
        Number | None,
        Field(
            ge=0,
            le=MAX_VALUE,
            allow_inf_nan=False,
            description="An amount achieved toward a quantity target.",
        ),
    ] = None
    content: Annotated[
        StrictInt | None, Field(ge=1, description="Which content item the amount counts for.")
    ] = None
    cancelled: Annotated[Text | None, Field(description="The reason, if cancelled.")] = None
    note: Text | None = None
    evidence: Text | None = None


class UndoneFile(_Model):
    """One file an undo removed or replaced, and its content before the undo."""

    path: Annotated[
        StrictStr,
        Field(
            description="The file, relative to the data directory: a record file or "
            "workplans/YEAR.yaml.",
        ),
    ]
    before: Annotated[
        StrictStr | None,
        Field(description="Its whole text before the undo; null where the undo made it anew."),
    ] = None


class UndoRecord(_Model):
    """undone/<recorded-stamp>.yaml: one ``ipplan undo``, written by it: what it took back."""

    recorded: Moment
    undid: Moment  # the recorded time of the change it undid (of an undo, for a redo)
    files: Annotated[list[UndoneFile], Field(min_length=1)]


class BaselineRecord(_Model):
    """baselines/<recorded-stamp>.yaml: a pending baseline written into indicators.yaml by
    ``ipplan record BASELINE-YEAR KEY VALUE``: what it wrote, and the file's text before."""

    recorded: Moment
    indicator: Annotated[Key, Field(description="The indicator whose baseline was written.")]
    year: Annotated[StrictInt, Field(description="The baseline year.")]
    value: Annotated[Value, Field(description="The baseline written.")]
    source: Text | None = None
    note: Text | None = None
    before: Annotated[
        StrictStr,
        Field(description="indicators.yaml's whole text before; undo puts it back."),
    ]


Name = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]


class PlanEntry(_Model):
    """One plan of the workspace."""

    name: Annotated[Name, Field(description="Used with --plan and in rolls_up_to.")]
    directory: Annotated[
        StrictStr,
        Field(
            min_length=1,
            description="The plan's data directory (or the directory whose data/ it is), "
            "relative to ipplan.yaml.",
        ),
    ]
    parent: Annotated[
        Name | None, Field(description="The plan this one's figures add up into, if any.")
    ] = None
    members: Annotated[
        Any,
        Field(
            description="The member plans it expects: all (those listed under it, the "
            "default), a count such as 31, or a list of plan names; a roll-up is compared with "
            "its own figure only once that many have reported.",
            json_schema_extra={
                "anyOf": [
                    {"const": "all"},
                    {"type": "integer", "minimum": 1, "maximum": 1000},
                    {"type": "array", "items": {"type": "string"}, "minItems": 1},
                ]
            },
        ),
    ] = None
