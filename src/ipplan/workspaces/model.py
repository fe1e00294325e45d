"""The schema of ``ipplan.yaml``'s entries, checked by pydantic when the plain reading of
:mod:`ipplan.workspaces.workspace` finds something wrong, so that it says what."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from ipplan.file_models import _Model

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
