"""``day_zero``: the one day 0 every working-day count starts from (SPEC §4)."""

from __future__ import annotations

from datetime import date, datetime
from datetime import time as Time

from adservice.calendar.workcalendar import WorkCalendar, resolve_calendar
from adservice.deadlines._common import cutoff_time, local_instant

__all__ = ["day_zero"]


def day_zero(
    received_at: datetime, *, calendar: WorkCalendar | None = None, cutoff: Time | None = None
) -> date:
    """Day 0 of a count started at ``received_at``: a work order, a complaint, a delivered service.

    The receipt day, if it is a working day and the receipt came before the
    cut-off; otherwise the next working day. Plans, clocks, return visits
    (O12) and client-issue deadlines (I4, I5) all count from this day.

    Args:
        received_at: when the written work order (or the complaint...) arrived; read in the
            calendar's zone.
        calendar: the agency's calendar (default CN).
        cutoff: the daily cut-off, a naive time (default: close of business); a receipt at it
            counts as after.

    Returns:
        The day the count starts from.

    Raises:
        NaiveDatetimeError: ``received_at`` has no time zone; InvalidInputError: not a datetime,
            a bad ``cutoff`` or ``calendar``.
        CalendarRangeError: outside the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a day past its confirmed years.

    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> day_zero(datetime(2025, 9, 26, 16, 59, tzinfo=sh)), day_zero(datetime(2025, 9, 26, 17, tzinfo=sh))
    (datetime.date(2025, 9, 26), datetime.date(2025, 9, 28))
    """
    cal = resolve_calendar(calendar)
    local = local_instant(cal, received_at, "received_at")
    limit = cutoff_time(cal, cutoff)
    day = local.date()
    if cal.is_working_day(day) and Time(local.hour, local.minute, local.second, local.microsecond) < limit:
        return day
    return cal.next_working_day(day)
