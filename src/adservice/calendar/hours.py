"""Hours arithmetic on a working-day calendar: elapsed hours, business hours, working time between instants.

The functions take any calendar answering the small :class:`DayCalendar`
protocol (``WorkCalendar`` does, and calls them from its methods), so this
module does not import the calendar class.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.calendar import WorkCalendar
    >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> add_business_hours(ended, 2, calendar=WorkCalendar("CN")).isoformat()
    '2025-10-09T10:00:00+08:00'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from datetime import time as Time
from typing import Any, Protocol

from adservice.calendar._business import UTC as _UTC
from adservice.calendar._business import add_from, at_wall, beyond, business_clock, closing_of, position
from adservice.calendar._checks import as_date, as_hours, local_instant, require_calendar
from adservice.calendar._index import Index
from adservice.calendar.days import Roll
from adservice.errors import InvalidInputError, brief

__all__ = [
    "DayCalendar",
    "add_business_hours",
    "add_elapsed_hours",
    "close_of_business",
    "working_time_between",
]


class DayCalendar(Protocol):
    """What hours arithmetic needs of a calendar (``WorkCalendar`` provides it)."""

    @property
    def tz(self) -> tzinfo:
        """The calendar's time zone."""
        ...

    @property
    def business_hours(self) -> tuple[Time, Time]:
        """The start and end of a working day, as wall times."""
        ...

    @property
    def horizon(self) -> tuple[int, int]:
        """The first and last year the calendar covers."""
        ...

    @property
    def _index(self) -> Index: ...
    @property
    def _cache(self) -> dict[str, Any]: ...

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (make-up days included, closures excluded)."""
        ...

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        ...

    def add_working_days(self, d: date, n: int, roll: Roll = "forward") -> date:
        """``d`` moved by ``n`` working days (``roll`` says where a non-working ``d`` starts)."""
        ...


def close_of_business(d: date, *, calendar: DayCalendar) -> datetime:
    """Closing time of day ``d`` in the calendar's zone (when a deadline that day falls).

    Raises:
        InvalidInputError: ``d`` is not a date.
        CalendarRangeError: ``d`` is outside the horizon.
    """
    require_calendar(calendar)
    day = as_date(d, "date")
    calendar.is_working_day(day)  # refuses days outside the horizon (and unannounced days if strict)
    return closing_of(calendar, day)


def add_elapsed_hours(
    start: datetime, hours: float | timedelta, roll: bool = False, *, calendar: DayCalendar
) -> datetime:
    """``start`` plus elapsed (calendar) hours, in the calendar's zone; with ``roll``, moved off a day off.

    A rolled result keeps its wall time on the next working day; where the clock
    skips that time there, it is the instant after the skipped hour.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``start`` is naive or not a datetime; ``roll`` not a bool.
        DurationOutOfRangeError: ``hours`` negative, NaN, infinite or beyond 200 years.
        CalendarRangeError: the result is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a result past ``confirmed_through``.
    """
    require_calendar(calendar)
    local = local_instant(calendar, start, "start")
    delta = as_hours(hours, "hours")
    if not isinstance(roll, bool):
        raise InvalidInputError(f"roll must be True or False (got {brief(roll)}).")
    try:
        due = (local.astimezone(_UTC) + delta).astimezone(calendar.tz)
    except (OverflowError, ValueError):
        raise beyond(calendar, local, delta) from None
    day = due.date()
    if calendar.is_working_day(day) or not roll:
        return due
    nxt = calendar.next_working_day(day)
    return at_wall(calendar, nxt, due.replace(tzinfo=None) - datetime(day.year, day.month, day.day))


def add_business_hours(start: datetime, hours: float | timedelta, *, calendar: DayCalendar) -> datetime:
    """``start`` plus hours counted only inside business hours of working days.

    Hours are real elapsed time: a business day the clock change shortens
    holds fewer of them. A result that ends a working day exactly is that
    day's closing time; ``hours=0`` outside business hours gives the next opening.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``start`` is naive or not a datetime.
        DurationOutOfRangeError: ``hours`` negative, NaN, infinite or beyond 200 years.
        CalendarRangeError: the result is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    require_calendar(calendar)
    local = local_instant(calendar, start, "start")
    remaining = as_hours(hours, "hours")
    clock = business_clock(calendar)
    rank, done = position(calendar, clock, local)
    return add_from(calendar, clock, local, rank, done, remaining)


def working_time_between(a: datetime, b: datetime, *, calendar: DayCalendar) -> timedelta:
    """Working time from ``a`` to ``b``: business hours of working days only; negative if ``b < a``.

    Business time is real elapsed time, also on a day with a clock change.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``a`` or ``b`` is naive or not a datetime.
        CalendarRangeError: either day is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    require_calendar(calendar)
    clock = business_clock(calendar)
    end = position(calendar, clock, local_instant(calendar, b, "b"))[1]
    return end - position(calendar, clock, local_instant(calendar, a, "a"))[1]
