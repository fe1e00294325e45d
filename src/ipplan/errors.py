"""Domain errors. Each names one condition; only the CLI turns them into text and exit codes.

Every error carries a message id from the catalogue in :mod:`ipplan.text.i18n` and the values the
message needs, so it can be told in Chinese or English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipplan.problems import Problem


class IpplanError(Exception):
    """Base of every error ipplan reports to a person (exit code 1)."""

    message_id = "error"
    exit_code = 1  # 2 for an error in how the command was called, as Click uses it

    def __init__(self, **params: Any) -> None:
        super().__init__(self.message_id, params)
        self.params = params


class DataDirNotFound(IpplanError):
    """The data directory given does not exist."""

    message_id = "data-dir-not-found"


class DataDirIsFile(IpplanError):
    """The data directory given (--data or IPPLAN_DATA) is a file."""

    message_id = "data-dir-is-file"


class NotAPlanDirectory(IpplanError):
    """The data directory exists but holds no indicators.yaml."""

    message_id = "not-a-plan-directory"


class DataInvalid(IpplanError):
    """One or more data files failed validation; carries every problem found."""

    message_id = "data-invalid"

    def __init__(self, problems: list[Problem]) -> None:
        from ipplan.problems import total

        super().__init__(count=total(problems))
        self.problems = problems


class ReadOnlyData(IpplanError):
    """A write was asked of the bundled plan, which is read-only."""

    message_id = "read-only-data"


class DataNotWritable(IpplanError):
    """The operating system refused the write to the data directory."""

    message_id = "data-not-writable"


class UnknownIndicator(IpplanError):
    """No indicator matches the key, number or name given."""

    message_id = "unknown-indicator"


class UnknownAction(IpplanError):
    """No action matches the id or title given."""

    message_id = "unknown-action"


class UnknownArea(IpplanError):
    """No area matches the id, number or title given."""

    message_id = "unknown-area"


class YearOutsidePlan(IpplanError):
    """The year is not one of the plan's assessed years."""

    message_id = "year-outside-plan"


class WorkPlanYearOutsidePlan(IpplanError):
    """A work plan's year is not one of the years the plan spans."""

    message_id = "workplan-year-outside-plan"


class YearNotEnded(IpplanError):
    """A year-end figure for a year that has not ended yet."""

    message_id = "year-not-ended"


class BaselineYear(IpplanError):
    """The year is the plan's baseline year, whose value the plan itself fixes."""

    message_id = "baseline-year"


class NotANumber(IpplanError):
    """The value typed is not a finite number."""

    message_id = "not-a-number"


class ValueOutOfRange(IpplanError):
    """The value is outside the range its unit allows."""

    message_id = "value-out-of-range"


class NotWholeNumber(IpplanError):
    """A count of people or agencies was given with a fraction."""

    message_id = "not-whole-number"


class ValueAlreadyRecorded(IpplanError):
    """A value exists for that indicator and year and --force was not given."""

    message_id = "value-already-recorded"


class NotPublishedAlreadyRecorded(ValueAlreadyRecorded):
    """The year is recorded as not published, a value is given, and --force was not."""

    message_id = "not-published-already-recorded"


class ValueRecordedNotPublished(ValueAlreadyRecorded):
    """A value is recorded for the year, --not-published is given, and --force was not."""

    message_id = "value-recorded-not-published"


class NotPublishedNeedsSource(IpplanError):
    """``record --not-published`` without --source: where the figure was looked for."""

    message_id = "not-published-needs-source"
    exit_code = 2


class NotPublishedWithValue(IpplanError):
    """``record`` given both a VALUE and --not-published."""

    message_id = "not-published-with-value"
    exit_code = 2


class RecordValueMissing(IpplanError):
    """``record`` given neither a VALUE nor --not-published."""

    message_id = "record-value-missing"
    exit_code = 2


class InvalidDate(IpplanError):
    """The date typed is not a calendar date in YYYY-MM-DD form."""

    message_id = "invalid-date"


class TargetExists(IpplanError):
    """`ipplan init` would overwrite an existing plan."""

    message_id = "target-exists"


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


class MissingExtra(IpplanError):
    """A format needs a package that is installed only with one of ipplan's extras."""

    message_id = "missing-extra"


class BinaryToTerminal(IpplanError):
    """A binary report was asked for on a terminal."""

    message_id = "binary-to-terminal"


class OutputIsData(IpplanError):
    """A report's output file would overwrite a file of a plan (of any plan of the workspace):
    its data files, or a file in its record, schema or work-plan directories."""

    message_id = "output-is-data"


class OutputIsWorkspace(IpplanError):
    """A report's output file would overwrite the workspace file, ipplan.yaml."""

    message_id = "output-is-workspace"


class OutputMakesPlan(IpplanError):
    """A report's output file is named as a plan's or a workspace's file (indicators.yaml,
    ipplan.yaml): written, it would make its directory a plan or a workspace."""

    message_id = "output-makes-plan"


class OutputInsidePlan(IpplanError):
    """An output directory (of `schema DIR`, `init DIR`, `new DIR`) lies inside a plan's data
    directory: what is written there would be read as the plan's files."""

    message_id = "output-inside-plan"


class OutputThroughPlantedLink(IpplanError):
    """An output path (a report, a site, schemas, a new plan) goes through a symbolic link in a
    shared directory (sticky or world-writable, /tmp say) owned neither by the user nor by
    that directory's owner: someone else may have planted it to have ipplan write over their
    victim's files, as the kernel's fs.protected_symlinks refuses to follow it."""

    message_id = "output-planted-link"


class ImportRefused(DataInvalid):
    """An import file has problems; nothing was recorded."""

    message_id = "import-refused"

    def __init__(self, problems: list[Problem], **params: Any) -> None:
        super().__init__(problems)
        self.params = {"count": self.params["count"], **params}


class NotAYear(IpplanError):
    """A year that is not a whole number."""

    message_id = "not-a-year"


class DataLocked(IpplanError):
    """Another ipplan process held the data directory's write lock for longer than the timeout."""

    message_id = "data-locked"


class LockLost(IpplanError):
    """The write lock's file was removed or replaced while this process held the lock."""

    message_id = "lock-lost"


class LockLostMidway(IpplanError):
    """The write lock was lost between two files of one change: the files ``written`` are on
    disk, those ``pending`` are not (paths relative to the data directory ``path``)."""

    message_id = "lock-lost-midway"


class WriteStoppedMidway(IpplanError):
    """The system refused a file of a change after earlier files of it were written: the
    files ``written`` are on disk, those ``pending`` are not."""

    message_id = "write-stopped-midway"


class UnfinishedChange(IpplanError):
    """A change's journal is in the data directory: the change stopped before its last file
    (:mod:`ipplan.files.journal`), and the plan is not read until it is rolled back."""

    message_id = "unfinished-change"


class JournalUnreadable(IpplanError):
    """The journal in the data directory is not one ipplan wrote: nothing is rolled back."""

    message_id = "journal-unreadable"


class NumberForm(IpplanError):
    """A number written in a form that YAML 1.1 and 1.2 read differently, or not in decimal."""

    message_id = "number-form"

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        super().__init__(**params)
        self.message_id = code


class AmbiguousNumber(IpplanError):
    """A value whose commas could be thousands separators or a decimal comma."""

    message_id = "ambiguous-number"


class WrongUnit(IpplanError):
    """A value typed with a unit (such as %) that is not the indicator's."""

    message_id = "wrong-unit"


class ValueTooLarge(IpplanError):
    """A value far beyond anything the plan could count."""

    message_id = "value-too-large"


class ImplausibleChange(IpplanError):
    """A value far from the one before it, refused without --accept-jump as a likely slip."""

    message_id = "implausible-change"


class ImplausibleFirst(IpplanError):
    """The first value of an indicator without a baseline, ten times or more off its target,
    refused without --accept-jump as a likely slip."""

    message_id = "implausible-first"


class ControlCharacter(IpplanError):
    """Text typed for a field holds a terminal control character."""

    message_id = "control-character"


class InvisibleText(IpplanError):
    """Text typed for a field holds only characters that show nothing."""

    message_id = "invisible-text"


class UndecodableText(IpplanError):
    """Text typed for a field holds bytes that are not text in UTF-8."""

    message_id = "undecodable-text"


class NothingToUndo(IpplanError):
    """`ipplan undo` found no recorded change to revert."""

    message_id = "nothing-to-undo"


class UnknownReference(IpplanError):
    """Neither an indicator nor an action matches the reference given."""

    message_id = "unknown-reference"


# --- the report's format and output --------------------------------------------------------


class FormatContradictsOutput(IpplanError):
    """--format names one format and the output file's extension another."""

    message_id = "format-contradicts-output"
    exit_code = 2


class FormatNotImplied(IpplanError):
    """The output file's extension names no report format, and --format was not given."""

    message_id = "format-not-implied"
    exit_code = 2


# --- finding the plan and workspaces -------------------------------------------------------


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


# --- work plans ---------------------------------------------------------------------------------


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


class DateInFuture(IpplanError):
    """A progress date after today: progress is recorded once it has happened."""

    message_id = "date-in-future"


class InvalidLockTimeout(IpplanError):
    """IPPLAN_LOCK_TIMEOUT is set but is not a number of seconds, zero or more."""

    message_id = "invalid-lock-timeout"


class CacheDirRelative(IpplanError):
    """The cache's location (IPPLAN_CACHE_DIR or XDG_CACHE_HOME) is a relative path."""

    message_id = "cache-dir-relative"


class CacheDirInRepository(IpplanError):
    """The cache's directory is inside the git repository of the plan read, or of the working
    directory: an entry there could come from a commit."""

    message_id = "cache-dir-in-repository"


class InvalidToday(IpplanError):
    """IPPLAN_TODAY is set but is not a date."""

    message_id = "invalid-today"


class InvalidAmount(IpplanError):
    """An amount that is not a positive finite number."""

    message_id = "invalid-amount"


class AmbiguousIndicator(IpplanError):
    """A part of a name that more than one indicator's name contains."""

    message_id = "ambiguous-indicator"


class AmbiguousAction(IpplanError):
    """A part of a title that more than one action's title contains."""

    message_id = "ambiguous-action"


class AmbiguousArea(IpplanError):
    """A part of a title that more than one area's title contains."""

    message_id = "ambiguous-area"


# --- as of a year ------------------------------------------------------------------------------


class AsOfOutsidePlan(IpplanError):
    """--as-of names a year whose progress cannot be viewed: not one of the plan's years."""

    message_id = "as-of-outside-plan"


class AsOfBaselineYear(AsOfOutsidePlan):
    """--as-of names the baseline year, before which nothing is recorded."""

    message_id = "as-of-baseline-year"


class InvalidSourceDateEpoch(IpplanError):
    """$SOURCE_DATE_EPOCH, the time a report names as made, is not a count of seconds."""

    message_id = "invalid-source-date-epoch"


class AsOfWithChange(IpplanError):
    """--as-of, which views the past, was given together with a change to record."""

    message_id = "as-of-with-change"
    exit_code = 2


# --- clearing an action's field ------------------------------------------------------------


class SetAndClear(IpplanError):
    """A field was both given a value and asked to be cleared (--lead X --no-lead)."""

    message_id = "set-and-clear"
    exit_code = 2


class WorkPlanExists(IpplanError):
    """An import would replace a work plan file people have written; --force is needed."""

    message_id = "workplan-exists"


class ImportFileNotFound(IpplanError):
    """The file to import does not exist."""

    message_id = "import-file-not-found"


class UnknownUnit(IpplanError):
    """No work item names the unit given as its lead or a supporting unit."""

    message_id = "unknown-unit"


# --- outputs: report targets, full disks, unreadable directories -----------------------------


class DiskFull(IpplanError):
    """The file system had no space left (ENOSPC) or the user's quota was used up (EDQUOT)."""

    message_id = "disk-full"


class DataDirUnreadable(IpplanError):
    """The operating system refused to let ipplan look into the data directory."""

    message_id = "data-dir-unreadable"


class OutputNotAFile(IpplanError):
    """A report's output path is a directory, a device, a pipe or a socket, not a regular file."""

    message_id = "output-not-a-file"


class OutputDirMissing(IpplanError):
    """The directory a report's output file would go in does not exist."""

    message_id = "output-dir-missing"


class LockNotOurs(IpplanError):
    """The lock file exists but belongs to another user whose mode lets no one else open it."""

    message_id = "lock-not-ours"


class LockModeOwn(IpplanError):
    """The lock file is the user's own, but its mode lets nobody open it."""

    message_id = "lock-mode-own"


class LockNotAFile(IpplanError):
    """Something other than a regular file stands where the lock file belongs."""

    message_id = "lock-not-a-file"


def write_error(path: object, exc: OSError) -> IpplanError:
    """The domain error for an operating-system error met while writing ``path``.

    A full disk is named as such: "check permissions" would send people the wrong way.
    """
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path=str(path), detail=exc.strerror or str(exc))
    return DataNotWritable(path=str(path), detail=exc.strerror or str(exc))


# --- workspaces ---------------------------------------------------------------------------------


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


class SiteTargetNotEmpty(IpplanError):
    """`ipplan site` was pointed at a directory holding files that are not an earlier site."""

    message_id = "site-target-not-empty"


class SiteInsidePlan(IpplanError):
    """`ipplan site` was pointed at a plan's data directory or a directory inside one."""

    message_id = "site-inside-plan"


class SiteHoldsPlan(IpplanError):
    """`ipplan site` was pointed at a directory that holds a plan's data directory or the
    workspace file (the workspace's root, say)."""

    message_id = "site-holds-plan"


class SiteFileInTheWay(IpplanError):
    """A file the site did not write (not in its manifest) stands where the site writes one."""

    message_id = "site-file-in-the-way"


class SiteManifestBroken(IpplanError):
    """The site's manifest cannot be read, or is not in the form ipplan writes."""

    message_id = "site-manifest-broken"


class SitePartlyReplaced(IpplanError):
    """Writing stopped while the new site's files were being put in place; the manifest still
    lists every file written, so the next run finishes."""

    message_id = "site-partly-replaced"
