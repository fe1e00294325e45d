"""Errors of finding a plan, starting one (new, --from, --member-of) and the workspace of many."""

from __future__ import annotations

from ipplan.errors.base import IpplanError


class InvalidPlanYears(IpplanError):
    """`ipplan new --years` is not a span of plan years such as 2026-2030."""

    message_id = "invalid-plan-years"
    exit_code = 2


class SuccessorYears(IpplanError):
    """`ipplan new --from OLD --years`: the new plan does not start the year after OLD ends,
    so its baseline year would not be OLD's target year."""

    message_id = "successor-years"
    exit_code = 2


class ActionsNeedSource(IpplanError):
    """`ipplan new --with-actions` without --from: there is no plan to carry actions from."""

    message_id = "new.with_actions_needs_from"
    exit_code = 2


class MemberOfAndParent(IpplanError):
    """`ipplan new --member-of NAME --parent NAME`: the parent is named twice."""

    message_id = "new.member_and_parent"
    exit_code = 2


class SourcePlanNotFound(IpplanError):
    """`ipplan new --from OLD`: OLD is neither a plan's directory nor a workspace plan's name."""

    message_id = "new.source_not_found"


class MemberOfOtherSource(IpplanError):
    """`ipplan new --member-of NAME --from OLD`: OLD is not the parent plan NAME."""

    message_id = "new.member_needs_from"
    exit_code = 2


class YearsNeeded(IpplanError):
    """`ipplan new` without --years, and no --member-of whose parent's years it could take."""

    message_id = "new.years_needed"
    exit_code = 2


class EmptyTitle(IpplanError):
    """`ipplan new --title` is empty."""

    message_id = "empty-title"
    exit_code = 2


class PlanNotFound(IpplanError):
    """No plan in the working directory or above it, and none named; validate will not guess."""

    message_id = "plan-not-found"


class UnsafeOwner(IpplanError):
    """The plan or workspace file found on the way up belongs to another user."""

    message_id = "unsafe-owner"


class UnsafeSharedDirectory(IpplanError):
    """The plan or workspace file found on the way up is in (or above) a directory anyone may
    write to, such as /tmp."""

    message_id = "unsafe-shared-directory"


class UnknownPlan(IpplanError):
    """No plan of the workspace has the name given with --plan or IPPLAN_PLAN."""

    message_id = "unknown-plan"


class NoWorkspace(IpplanError):
    """--plan was given, but no ipplan.yaml was found in the working directory or above it."""

    message_id = "no-workspace"


class ChoosePlan(IpplanError):
    """In a workspace, outside every plan's directory, a command for one plan needs --plan."""

    message_id = "choose-plan"


class NoMembers(IpplanError):
    """--members was asked of an indicator that no member plan rolls up into."""

    message_id = "no-members"


class MembersNeedWorkspace(IpplanError):
    """--members was asked outside any workspace."""

    message_id = "members-need-workspace"


class ParentNeedsWorkspace(IpplanError):
    """`new --parent` was asked outside any workspace."""

    message_id = "parent-needs-workspace"


class NewPlanOutsideWorkspace(IpplanError):
    """`new --parent`: the new plan's directory is not inside the workspace."""

    message_id = "new-plan-outside-workspace"


class InvalidPlanName(IpplanError):
    """`new --parent`: the plan's name (given, or its directory's) is not one a plan may have."""

    message_id = "invalid-plan-name"


class NewPlanNameTaken(IpplanError):
    """`new --parent`: the workspace has a plan of that name already."""

    message_id = "new-plan-name-taken"


class ParentListsMembers(IpplanError):
    """`new --parent`: the parent names its members, and not this one."""

    message_id = "parent-lists-members"


class WorkspaceListInline(IpplanError):
    """`new --parent`: the workspace file lists its plans on one line ([a, b])."""

    message_id = "workspace-list-inline"


class WorkspaceChanged(IpplanError):
    """`new --parent`: the workspace file changed between its check and its writing."""

    message_id = "workspace-changed"
