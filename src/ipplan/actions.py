"""Updating an action: a dated record of its status, lead, due date or note, written through
:func:`ipplan.write.commit`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Literal

from ipplan.action_status import Status
from ipplan.data import ActionUpdate
from ipplan.errors import InvalidDate
from ipplan.files.layout import DataDir
from ipplan.files.lock import Waiting
from ipplan.files.record_text import dump_update
from ipplan.plan import ActionState, Plan
from ipplan.text.typed_input import clean_text
from ipplan.write import Edit, commit, stamp, update_file

_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> dt.date:
    """A date as people write it: 2025-12-31, 2025年12月31日, 2025/12/31, ２０２５-１２-３１."""
    from ipplan.text.typed_input import normalized

    found = _DATE.fullmatch(normalized(text))
    try:
        if found is None:
            raise ValueError
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise InvalidDate(value=text) from None


def update_action(
    data_dir: DataDir,
    plan: Plan,
    action_ref: str,
    *,
    status: Status | None = None,
    lead: str | None = None,
    due: str | None = None,
    note: str | None = None,
    clear: tuple[str, ...] = (),
    when: dt.datetime | None = None,
    waiting: Waiting | None = None,
) -> tuple[ActionState, bool]:
    """Record a dated update to an action; returns its new state and whether anything changed.

    ``clear`` names fields (``lead``, ``due``) to leave empty again. Fields equal to what the
    action already has are left out; with nothing left, nothing is written.
    """
    lead, note = clean_text(lead, "--lead"), clean_text(note, "--note")
    due_date = parse_date(due) if due is not None else None

    def edit(latest: Plan) -> Edit[tuple[ActionState, bool]]:
        action = latest.action(action_ref)
        state = latest.state(action)
        cleared: list[Literal["lead", "due"]] = []
        if "lead" in clear and state.lead is not None:
            cleared.append("lead")
        if "due" in clear and state.due is not None:
            cleared.append("due")
        update = ActionUpdate(
            recorded=stamp(latest, when),
            status=status if status is not None and status != state.status else None,
            lead=lead if lead not in (None, state.lead) else None,
            due=due_date if due_date is not None and due_date != state.due else None,
            note=note,
            cleared=cleared,
        )
        if (
            update.status is None
            and update.lead is None
            and update.due is None
            and not note
            and not cleared
        ):
            return Edit((state, False))
        updates = {**latest.updates, action.id: (*latest.updates.get(action.id, ()), update)}
        changed = dataclasses.replace(latest, updates=updates)
        writes: dict[str, str | None] = {update_file(action.id, update): dump_update(update)}
        return Edit((changed.state(action), True), writes)

    return commit(data_dir, plan, edit, waiting=waiting)
