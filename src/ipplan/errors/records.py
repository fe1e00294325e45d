"""Errors of the data directory, names, years and the values people type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipplan.errors.base import IpplanError

if TYPE_CHECKING:
    from ipplan.problems import Problem


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


class YearNotEnded(IpplanError):
    """A year-end figure for a year that has not ended yet."""

    message_id = "year-not-ended"


class BaselineYear(IpplanError):
    """The year is the plan's baseline year, whose value the plan itself fixes."""

    message_id = "baseline-year"


class BaselineNotPublished(IpplanError):
    """A pending baseline recorded as not published: a baseline is a figure."""

    message_id = "baseline-not-published"


class BaselineNotEditable(IpplanError):
    """A pending baseline whose lines in indicators.yaml are not as ``ipplan new`` writes
    them, so ``record`` does not rewrite them."""

    message_id = "baseline-not-editable"


class BaselineChangedSince(IpplanError):
    """``ipplan undo`` of a pending baseline written in, refused: indicators.yaml has changed
    since, and putting back its text before would lose that change."""

    message_id = "baseline-changed-since"


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


class ImportRefused(DataInvalid):
    """An import file has problems; nothing was recorded."""

    message_id = "import-refused"

    def __init__(self, problems: list[Problem], **params: Any) -> None:
        super().__init__(problems)
        self.params = {"count": self.params["count"], **params}


class NotAYear(IpplanError):
    """A year that is not a whole number."""

    message_id = "not-a-year"


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


class WrongUnitForItem(IpplanError):
    """An item's amount typed with a unit that is not its quantity's."""

    message_id = "wrong-unit-item"


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


class UnknownReference(IpplanError):
    """Neither an indicator nor an action matches the reference given."""

    message_id = "unknown-reference"


class DateInFuture(IpplanError):
    """A progress date after today: progress is recorded once it has happened."""

    message_id = "date-in-future"


class InvalidToday(IpplanError):
    """IPPLAN_TODAY is set but is not a date."""

    message_id = "invalid-today"


class AmbiguousIndicator(IpplanError):
    """A part of a name that more than one indicator's name contains."""

    message_id = "ambiguous-indicator"


class AmbiguousAction(IpplanError):
    """A part of a title that more than one action's title contains."""

    message_id = "ambiguous-action"


class AmbiguousArea(IpplanError):
    """A part of a title that more than one area's title contains."""

    message_id = "ambiguous-area"


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


class SetAndClear(IpplanError):
    """A field was both given a value and asked to be cleared (--lead X --no-lead)."""

    message_id = "set-and-clear"
    exit_code = 2


class ImportFileNotFound(IpplanError):
    """The file to import does not exist."""

    message_id = "import-file-not-found"


class UnknownUnit(IpplanError):
    """No work item names the unit given as its lead or a supporting unit."""

    message_id = "unknown-unit"


class DataDirUnreadable(IpplanError):
    """The operating system refused to let ipplan look into the data directory."""

    message_id = "data-dir-unreadable"
