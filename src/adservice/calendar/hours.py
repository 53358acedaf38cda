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

from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as Time
from typing import Protocol

from adservice.calendar._checks import as_date, as_hours, require_aware
from adservice.calendar.days import Roll
from adservice.errors import CalendarRangeError, InvalidInputError

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
    def tz(self) -> tzinfo: ...
    @property
    def business_hours(self) -> tuple[Time, Time]: ...
    @property
    def horizon(self) -> tuple[int, int]: ...
    def is_working_day(self, d: date) -> bool: ...
    def next_working_day(self, d: date) -> date: ...
    def add_working_days(self, d: date, n: int, roll: Roll = "forward") -> date: ...
    def working_days_between(self, a: date, b: date) -> int: ...


def _wall(t: Time) -> timedelta:
    return timedelta(hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond)


def _at(calendar: DayCalendar, day: date, wall: timedelta) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=calendar.tz) + wall


def _beyond(calendar: DayCalendar, start: datetime, hours: timedelta) -> CalendarRangeError:
    first, last = calendar.horizon
    msg = (
        f"{start.isoformat()} plus {hours} falls outside the calendar's horizon {first}-01-01..{last}-12-31; "
        "build the calendar with a wider horizon=(first_year, last_year)."
    )
    return CalendarRangeError(msg)


def _local(calendar: DayCalendar, value: object, what: str) -> datetime:
    aware = require_aware(value, what)
    try:
        return aware.astimezone(calendar.tz)
    except (OverflowError, ValueError):
        # datetime.min/max and year-1/9999 instants cannot be shifted into the zone
        first, last = calendar.horizon
        msg = f"{what} {aware.isoformat()} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None


def close_of_business(d: date, *, calendar: DayCalendar) -> datetime:
    """Closing time of day ``d`` in the calendar's zone (when a deadline that day falls).

    Raises:
        InvalidInputError: ``d`` is not a date.
        CalendarRangeError: ``d`` is outside the horizon.
    """
    day = as_date(d, "date")
    calendar.is_working_day(day)  # refuses days outside the horizon (and unannounced days if strict)
    return _at(calendar, day, _wall(calendar.business_hours[1]))


def add_elapsed_hours(
    start: datetime, hours: float | timedelta, roll: bool = False, *, calendar: DayCalendar
) -> datetime:
    """``start`` plus elapsed (calendar) hours, in the calendar's zone; with ``roll``, moved off a day off.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``start`` is naive or not a datetime; ``roll`` not a bool.
        DurationOutOfRangeError: ``hours`` negative, NaN, infinite or beyond 200 years.
        CalendarRangeError: the result is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a result past ``confirmed_through``.
    """
    local = _local(calendar, start, "start")
    delta = as_hours(hours, "hours")
    if not isinstance(roll, bool):
        raise InvalidInputError(f"roll must be True or False (got {roll!r}).")
    try:
        due = (local.astimezone(timezone.utc) + delta).astimezone(calendar.tz)
    except (OverflowError, ValueError):
        raise _beyond(calendar, local, delta) from None
    day = due.date()
    if calendar.is_working_day(day) or not roll:
        return due
    nxt = calendar.next_working_day(day)
    return due.replace(year=nxt.year, month=nxt.month, day=nxt.day)


def add_business_hours(start: datetime, hours: float | timedelta, *, calendar: DayCalendar) -> datetime:
    """``start`` plus hours counted only inside business hours of working days.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``start`` is naive or not a datetime.
        DurationOutOfRangeError: ``hours`` negative, NaN, infinite or beyond 200 years.
        CalendarRangeError: the result is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    local = _local(calendar, start, "start")
    remaining = as_hours(hours, "hours")
    opening, closing = (_wall(t) for t in calendar.business_hours)
    day = local.date()
    wall = local - datetime(day.year, day.month, day.day, tzinfo=local.tzinfo)
    if not calendar.is_working_day(day) or wall >= closing:
        day, wall = calendar.next_working_day(day), opening
    elif wall < opening:
        wall = opening
    available = closing - wall
    if remaining <= available:
        return _at(calendar, day, wall + remaining)
    remaining -= available
    whole, rest = divmod(remaining, closing - opening)
    if whole > 400_000:  # more working days than any horizon holds: say so before the index does
        raise _beyond(calendar, local, remaining)
    if not rest:
        return _at(calendar, calendar.add_working_days(day, whole), closing)
    return _at(calendar, calendar.add_working_days(day, whole + 1), opening + rest)


def working_time_between(a: datetime, b: datetime, *, calendar: DayCalendar) -> timedelta:
    """Working time from ``a`` to ``b``: business hours of working days only; negative if ``b < a``.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``a`` or ``b`` is naive or not a datetime.
        CalendarRangeError: either day is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    return _working_time_to(calendar, _local(calendar, b, "b")) - _working_time_to(
        calendar, _local(calendar, a, "a")
    )


def _working_time_to(calendar: DayCalendar, local: datetime) -> timedelta:
    """Working time from the horizon's first day to ``local`` (in the calendar's zone)."""
    day = local.date()
    working = calendar.is_working_day(day)  # refuses days outside the horizon, or unannounced if strict
    opening, closing = (_wall(t) for t in calendar.business_hours)
    done = (closing - opening) * calendar.working_days_between(date(calendar.horizon[0], 1, 1), day)
    if working:
        wall = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
        done += min(max(wall, opening), closing) - opening
    return done
