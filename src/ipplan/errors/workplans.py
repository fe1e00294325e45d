"""Errors of work plans, their items and progress."""

from __future__ import annotations

from ipplan.errors.base import IpplanError


class WorkPlanYearOutsidePlan(IpplanError):
    """A work plan's year is not one of the years the plan spans."""

    message_id = "workplan-year-outside-plan"


class IssuedOutOfRange(IpplanError):
    """``workplan-import --issued`` names a day after today or before the plan's first year."""

    message_id = "issued-out-of-range"
    exit_code = 2


class UnknownItem(IpplanError):
    """No work-plan item has the id given."""

    message_id = "unknown-item"


class UnknownWorkPlan(IpplanError):
    """There is no work plan for the year given."""

    message_id = "unknown-workplan"


class NoWorkPlans(IpplanError):
    """The data directory holds no work plan yet."""

    message_id = "no-workplans"


class WorkPlanAfterAsOf(IpplanError):
    """A work plan of a year after --as-of was asked for: as of then, it did not exist."""

    message_id = "workplan-after-as-of"

    def __init__(self, year: int, as_of: int) -> None:
        super().__init__(year=year, as_of=as_of)


class UnknownMilestone(IpplanError):
    """The item has no milestone with the number or period given."""

    message_id = "unknown-milestone"


class AmbiguousMilestone(IpplanError):
    """The period given names more than one of the item's milestones."""

    message_id = "ambiguous-milestone"


class RepeatedProgress(IpplanError):
    """The progress event given is one already recorded: the same day, the same thing done."""

    message_id = "repeated-progress"


class ImplausibleAmount(IpplanError):
    """An amount that takes its quantity far past the target, refused without --accept-jump as
    a likely slip."""

    message_id = "implausible-amount"


class ItemNotTracked(IpplanError):
    """Progress was recorded on an item of a work plan whose progress was not tracked."""

    message_id = "item-not-tracked"


class NoQuantity(IpplanError):
    """An amount was given for an item, or a content item, that has no quantity target."""

    message_id = "no-quantity"


class AmbiguousQuantity(IpplanError):
    """An amount was given for an item with several quantity targets and none was named."""

    message_id = "ambiguous-quantity"


class NothingToRecord(IpplanError):
    """`ipplan item` was given a date, note or evidence but nothing that happened."""

    message_id = "nothing-to-record"


class ItemClosed(IpplanError):
    """Progress was recorded on an item that is cancelled (or marked done again)."""

    message_id = "item-closed"


class InvalidAmount(IpplanError):
    """An amount that is not a positive finite number."""

    message_id = "invalid-amount"


class WorkPlanNeedsActions(IpplanError):
    """A work plan imported into a plan with no actions: each item answers to one."""

    message_id = "workplan-needs-actions"


class WorkPlanExists(IpplanError):
    """An import would replace a work plan file people have written; --force is needed."""

    message_id = "workplan-exists"
