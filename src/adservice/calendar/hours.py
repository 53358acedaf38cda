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

from bisect import bisect_left
from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as Time
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from adservice.calendar._checks import as_date, as_hours, local_instant, require_calendar
from adservice.calendar._index import KINDS, WORKING_KINDS, Index
from adservice.calendar.days import Roll
from adservice.errors import CalendarRangeError, InvalidInputError, brief

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


_UTC = timezone.utc
_NO_TIME = timedelta(0)


def _wall(t: Time) -> timedelta:
    return timedelta(hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond)


def _instant(zone: tzinfo, day: date, wall: timedelta) -> datetime:
    """The UTC instant of wall time ``wall`` on ``day`` in ``zone``.

    A wall time the clock skips (02:30 on a spring-forward night) is read with
    the offset before the change, i.e. as the instant the skipped hour would
    have been, which the zone shows as 03:30; a repeated one is its first occurrence.
    """
    return (datetime(day.year, day.month, day.day) + wall).replace(tzinfo=zone).astimezone(_UTC)


def _at(calendar: DayCalendar, day: date, wall: timedelta) -> datetime:
    """Wall time ``wall`` of ``day`` as an aware datetime in the calendar's zone that exists."""
    return _instant(calendar.tz, day, wall).astimezone(calendar.tz)


@lru_cache(maxsize=64)
def _odd_days(
    zone: tzinfo, opening: Time, closing: Time, first: int, last: int
) -> tuple[tuple[tuple[int, timedelta], ...], frozenset[int]]:
    """``(ordinal, business time - usual business time)`` of each day a clock change shortens or
    lengthens, and the ordinals of every day the clock changes on."""
    usual = _wall(closing) - _wall(opening)
    out: list[tuple[int, timedelta]] = []
    changes: set[int] = set()
    before = datetime.fromordinal(first).replace(tzinfo=zone).utcoffset()
    for o in range(first, last + 1):
        after = datetime.fromordinal(o + 1).replace(tzinfo=zone).utcoffset()
        if after != before:  # the clock changes during day o
            changes.add(o)
            day = date.fromordinal(o)
            length = _instant(zone, day, _wall(closing)) - _instant(zone, day, _wall(opening))
            if length != usual:
                out.append((o, length - usual))
        before = after
    return tuple(out), frozenset(changes)


class _Clock(NamedTuple):
    """A calendar's business day as elapsed time, with the working days a clock change makes odd."""

    opening: timedelta
    closing: timedelta
    usual: timedelta  # closing - opening on a day without a clock change
    ranks: tuple[int, ...]  # ranks of the odd working days
    sums: tuple[timedelta, ...]  # sums[k]: how much the first k odd working days differ in all
    changes: frozenset[int]  # ordinals of the days the clock changes on: wall arithmetic is wrong there


def _clock(calendar: DayCalendar) -> _Clock:
    """The calendar's clock, built on first use and kept in the calendar's own cache."""
    clock: _Clock | None = calendar._cache.get("clock")
    if clock is None:
        clock = calendar._cache["clock"] = _clock_of(calendar)
    return clock


def _clock_of(calendar: DayCalendar) -> _Clock:
    index = calendar._index
    opening, closing = calendar.business_hours
    odd, changes = _odd_days(calendar.tz, opening, closing, index.first, index.first + index.size - 1)
    ranks: list[int] = []
    sums: list[timedelta] = [_NO_TIME]
    working = {KINDS.index(k) for k in WORKING_KINDS}
    for o, delta in odd:
        i = o - index.first
        if index.kinds[i] in working:
            ranks.append(index.cum[i])
            sums.append(sums[-1] + delta)
    usual = _wall(closing) - _wall(opening)
    return _Clock(_wall(opening), _wall(closing), usual, tuple(ranks), tuple(sums), changes)


def _before(clock: _Clock, rank: int) -> timedelta:
    """Business time of the working days with rank below ``rank``, from the horizon's first day."""
    return clock.usual * rank + clock.sums[bisect_left(clock.ranks, rank)]


def _beyond(calendar: DayCalendar, start: datetime, hours: timedelta) -> CalendarRangeError:
    first, last = calendar.horizon
    msg = (
        f"{start.isoformat()} plus {hours} falls outside the calendar's horizon {first}-01-01..{last}-12-31; "
        "build the calendar with a wider horizon=(first_year, last_year)."
    )
    return CalendarRangeError(msg)


def close_of_business(d: date, *, calendar: DayCalendar) -> datetime:
    """Closing time of day ``d`` in the calendar's zone (when a deadline that day falls).

    Raises:
        InvalidInputError: ``d`` is not a date.
        CalendarRangeError: ``d`` is outside the horizon.
    """
    require_calendar(calendar)
    day = as_date(d, "date")
    calendar.is_working_day(day)  # refuses days outside the horizon (and unannounced days if strict)
    return _at(calendar, day, _wall(calendar.business_hours[1]))


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
        raise _beyond(calendar, local, delta) from None
    day = due.date()
    if calendar.is_working_day(day) or not roll:
        return due
    nxt = calendar.next_working_day(day)
    return _at(calendar, nxt, due.replace(tzinfo=None) - datetime(day.year, day.month, day.day))


def _position(calendar: DayCalendar, clock: _Clock, local: datetime) -> tuple[int, timedelta]:
    """(working days before ``local``'s day, business time from the horizon's first day to ``local``)."""
    day = local.date()
    working = calendar.is_working_day(day)  # refuses days outside the horizon, or unannounced if strict
    index = calendar._index
    rank = index.cum[day.toordinal() - index.first]
    done = _before(clock, rank)
    if working and day.toordinal() in clock.changes:
        opening = _instant(calendar.tz, day, clock.opening)
        closing = _instant(calendar.tz, day, clock.closing)
        done += min(max(local.astimezone(_UTC), opening), closing) - opening
    elif working:  # no clock change today: wall time is elapsed time
        wall = local.replace(tzinfo=None) - datetime(day.year, day.month, day.day)
        done += min(max(wall, clock.opening), clock.closing) - clock.opening
    return rank, done


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
    clock = _clock(calendar)
    rank, done = _position(calendar, clock, local)
    workdays = calendar._index.workdays
    nwork = len(workdays)
    # more than the business time left in the horizon: compare before adding (timedelta.max overflows)
    if remaining > _before(clock, nwork) - done:
        raise _beyond(calendar, local, remaining)
    target = done + remaining

    def reached(r: int) -> bool:  # does working day r's close reach the target?
        end = _before(clock, r + 1)
        return end > target if not remaining else end >= target

    r = max(rank, min(target // clock.usual - 1, nwork))
    while r < nwork and not reached(r):
        r += 1
    while r > rank and reached(r - 1):
        r -= 1
    if r >= nwork:
        raise _beyond(calendar, local, remaining)
    day = workdays[r]
    calendar.add_working_days(day, 0)  # refuses an unannounced day if strict
    into = target - _before(clock, r)
    if day.toordinal() not in clock.changes:  # no clock change that day: wall time is elapsed time
        return datetime(day.year, day.month, day.day, tzinfo=calendar.tz) + clock.opening + into
    return (_instant(calendar.tz, day, clock.opening) + into).astimezone(calendar.tz)


def working_time_between(a: datetime, b: datetime, *, calendar: DayCalendar) -> timedelta:
    """Working time from ``a`` to ``b``: business hours of working days only; negative if ``b < a``.

    Business time is real elapsed time, also on a day with a clock change.

    Raises:
        NaiveDatetimeError, InvalidInputError: ``a`` or ``b`` is naive or not a datetime.
        CalendarRangeError: either day is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    require_calendar(calendar)
    clock = _clock(calendar)
    end = _position(calendar, clock, local_instant(calendar, b, "b"))[1]
    return end - _position(calendar, clock, local_instant(calendar, a, "a"))[1]
