"""Today's date and the day things are judged on (:func:`judgement_day`); and the time now.

``IPPLAN_TODAY=YYYY-MM-DD`` sets the day, so that tests, and anyone asking "what would ipplan
have said on that day", get the same answer on any day. It never sets the time now, which
changes are stamped with and recorded times are checked against (:func:`in_future`): a day
asked about is not the day a change is made.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from ipplan.errors import InvalidToday

ENV_VAR = "IPPLAN_TODAY"
# A recorded time may be less than this far ahead of the clock that reads it: the clocks of two
# machines a little apart are no reason to refuse a plan. As far ahead or further, the time is
# a problem at its line (validate's time-in-future), no change is stamped after it, and no
# change is ever stamped later than now plus this (:func:`ipplan.write.stamp`).
SKEW = dt.timedelta(minutes=5)


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """``$IPPLAN_TODAY`` when it is set, else the local date."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidToday(value=value, var=ENV_VAR) from None


def year_end(year: int) -> dt.date:
    """31 December of ``year``: the day a view as of that year replays the record to."""
    return dt.date(year, 12, 31)


def judgement_day(as_of: int | None, today_: dt.date | None = None) -> dt.date:
    """The one day every command judges on: what is overdue (yearly figures, work-plan
    milestones), each work item's and action's state, and whether the plan is in its final
    evaluation.

    ``today_`` (:func:`today` when not given); as of a year ``A``, the earlier of that and
    31 December of ``A``: the state at the end of ``A`` once it has ended, and never a day
    still to come, so nothing is overdue that is not yet (docs/methodology.md, "As of a year").
    """
    day = today() if today_ is None else today_
    return day if as_of is None else min(day, year_end(as_of))


def example_day(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today for an example in help or a hint: a bad ``$IPPLAN_TODAY`` is told elsewhere, by the
    command that judges something on it, so here it falls back to the local date."""
    try:
        return today(environ)
    except InvalidToday:
        return dt.date.today()


def now() -> dt.datetime:
    """The time now: local time with its offset, to the millisecond."""
    moment = dt.datetime.now().astimezone()
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def in_future(moment: dt.datetime, reference: dt.datetime | None = None) -> bool:
    """Whether a recorded ``moment`` (read as local time without an offset) lies :data:`SKEW`
    or more after ``reference``, the time now unless given: no change was recorded then."""
    return aware(moment) >= (now() if reference is None else reference) + SKEW


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a UTC offset; a time written without one is read as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()
