"""Event-driven duties outside an engagement's log: the return visit (O12), the fee list (O7)
and a scheduled meeting's preparation (O10)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from adservice.calendar.workcalendar import WorkCalendar, resolve_calendar
from adservice.deadlines import fee_list as _fee_list
from adservice.deadlines import meeting_prep as _meeting_prep
from adservice.deadlines import return_visit as _return_visit
from adservice.errors import (
    InvalidInputError,
    UnknownItemError,
    brief,
)
from adservice.portfolio._checks import _optional_id
from adservice.portfolio._shared import (
    _int_param,
    _local,
    _rule,
    _sort_key,
)
from adservice.portfolio.obligation import Obligation, ScheduledMeeting
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["fee_list_obligation", "meeting_preparation", "prepare_meeting", "return_visit"]


def return_visit(
    delivered_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    what: str = "return visit after the service",
) -> Obligation:
    """O12: the return visit within ``days`` (3) working days of a service delivered at ``delivered_at``.

    The count starts on the delivery day if it is a working day and the
    delivery came before close of business, else on the next working day; the
    visit is due at close of business.

    Raises:
        NaiveDatetimeError: ``delivered_at`` has no time zone.
        UnknownItemError: the rulebook has no enabled O12.
        RulebookError: O12's ``days`` is malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> visit = return_visit(datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> visit.describe()
    'O12 return visit after the service due Tue 2025-09-30 17:00'
    """
    due = _return_visit(
        delivered_at,
        calendar=calendar,
        rulebook=rulebook,
        subject=_optional_id(engagement_id) or "",
        what=what,
    )
    if due is None:
        raise UnknownItemError("the rulebook has no enabled rule O12 (return visits); enable it or add it.")
    return Obligation.of(due)


def fee_list_obligation(
    placement: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
) -> Obligation:
    """O7: the approved media and creative fee list ``days`` (6) calendar days before a placement.

    A day that is not a working day rolls back to the working day before it;
    the list is due at close of business.

    Raises:
        UnknownItemError: the rulebook has no enabled O7.
        RulebookError: O7's ``days`` is malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> fee_list_obligation(date(2025, 10, 12)).deadline.isoformat()
    '2025-09-30T17:00:00+08:00'
    """
    due = _fee_list(
        placement, calendar=calendar, rulebook=rulebook, subject=_optional_id(engagement_id) or ""
    )
    if due is None:
        raise UnknownItemError("the rulebook has no enabled rule O7 (fee lists); enable it or add it.")
    return Obligation.of(due)


def meeting_preparation(
    start: datetime,
    travel: float | timedelta = 0,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    about: str = "client meeting",
) -> tuple[Obligation, ...]:
    """O10: what a scheduled meeting demands beforehand — notice, agenda, phone reconfirmation.

    - the meeting notice (5W1H: who, where, when, what, what to confirm, how) at close
      of business ``notice_working_days`` (1) working day(s) before the meeting's day;
    - the agenda to the client ``agenda_hours`` (2) hours before the start (the
      handbook says at least 1–2 hours; the standard takes the earlier end);
    - the phone reconfirmation ``reconfirm_hours`` (1) hour before departure
      (the start less ``travel``).

    Args:
        start: when the meeting starts (aware).
        travel: how long the trip takes, in hours or as a timedelta (0 for a meeting at the agency).
        calendar: the calendar that dates the notice (default CN).
        rulebook: where O10's numbers come from (default :meth:`Rulebook.standard`).
        engagement_id: the engagement it is for, if any.
        about: what the meeting is about (it names the duties).

    Returns:
        The three duties, in order of their deadlines (empty if the rulebook disables O10).

    Raises:
        NaiveDatetimeError: ``start`` has no time zone.
        DurationOutOfRangeError: negative or absurd ``travel``.
        RulebookError: O10's parameters are malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> monday = datetime(2025, 10, 13, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> for ob in meeting_preparation(monday, travel=1.5):
    ...     print(ob.describe())
    O10 meeting notice (5W1H): client meeting due Sat 2025-10-11 17:00
    O10 phone reconfirmation before departure: client meeting due Mon 2025-10-13 07:30
    O10 meeting agenda to the client: client meeting due Mon 2025-10-13 08:00
    """
    meeting = ScheduledMeeting(start, travel, engagement_id, about)
    return tuple(sorted(prepare_meeting(meeting, calendar=calendar, rulebook=rulebook), key=_sort_key))


def prepare_meeting(
    meeting: ScheduledMeeting, *, calendar: WorkCalendar | None = None, rulebook: Rulebook | None = None
) -> list[Obligation]:
    """The three O10 duties of one scheduled meeting: the notice, the agenda and the reconfirmation.

    :func:`meeting_preparation` builds the meeting from its parts; ``obligations_due`` calls this for
    every meeting of a portfolio.

    Args:
        meeting: the meeting.
        calendar: the calendar of the engagement (default CN); ``rulebook``: where O10's numbers come
            from (default :meth:`Rulebook.standard`).

    Returns:
        The duties, unsorted; empty when the rulebook disables O10.

    Raises:
        InvalidInputError: ``meeting`` is not a ScheduledMeeting; RulebookError: O10's parameters are
            malformed; CalendarRangeError: the meeting lies outside the calendar's horizon.
    """
    if not isinstance(meeting, ScheduledMeeting):
        raise InvalidInputError(f"meeting must be a ScheduledMeeting (got {brief(meeting)}).")
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if _rule(book, "O10") is None:
        return []
    _int_param(_rule(book, "O10"), "notice_working_days", 1, 0, 366)  # type: ignore[arg-type]
    _local(cal, meeting.start, "the meeting's start")
    dues = _meeting_prep(
        meeting.start,
        travel_hours=meeting.travel.total_seconds() / 3600,
        about=meeting.about,
        calendar=cal,
        rulebook=book,
        subject=meeting.engagement_id or "",
    )
    # The notice falls due at close of business on a working day; agenda and reconfirmation by the hour.
    return [Obligation.of(d, hour_rule=i > 0) for i, d in enumerate(dues)]
