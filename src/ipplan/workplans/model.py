"""What a work plan file and a progress record may hold, checked by pydantic.

``workplans/YEAR.yaml`` is written by people in the shape of the provincial tables (seed 004):
each item carries a measure (工作措施), a goal (工作目标), content items (具体内容), a schedule
(进度安排) and the responsible units (负责部门). ``progress/YEAR/ITEM/STAMP.yaml`` is written by
``ipplan item``: one event per file. Rules that tie files together (unknown actions, periods,
duplicate ids) live in :mod:`ipplan.workplans.loading`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from ipplan.file_models import Moment, Text, empty

Number = StrictInt | StrictFloat

ItemId = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class WorkPlanInfo(_Model):
    """The work plan as issued: its year, title, issuer and date."""

    year: Annotated[StrictInt, Field(description="The year the work plan covers.")]
    title: Text
    title_en: Text | None = None
    issuer: Text | None = None
    issued: dt.date | None = None


class Quantity(_Model):
    """A countable target of a content item, such as 6 trainings (6 次)."""

    target: Annotated[Number, Field(gt=0, le=10**12, allow_inf_nan=False)]
    unit: Text


class Content(_Model):
    """One numbered content item (具体内容)."""

    text: Text
    quantity: Quantity | None = None


class Milestone(_Model):
    """A schedule entry (进度安排): by the end of ``period``, ``task`` is to be done."""

    period: Annotated[
        Text | StrictInt,
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


class ProgressEvent(_Model):
    """One progress event on a work item, recorded by ``ipplan item``."""

    recorded: Moment
    item: ItemId
    date: Annotated[dt.date, Field(description="When it happened.")]
    done: Annotated[bool, Field(description="The whole item is done.")] = False
    milestone: Annotated[
        StrictInt | None, Field(ge=1, description="The milestone done (1 for the first).")
    ] = None
    amount: Annotated[
        Number | None,
        Field(
            ge=0,
            le=10**12,
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
