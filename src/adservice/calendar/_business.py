"""Business time as a line: the working days' business hours laid end to end from the horizon's first day.

An instant's *position* is the business time before it on that line; working time between two
instants is the difference of their positions, and adding business hours is finding the position
``done + hours`` again. :mod:`adservice.calendar.hours` checks its arguments and answers from here;
a :class:`Ruler` measures several instants on one calendar (a clock's start, pauses, stop and due)
and computes each position once.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as Time
from functools import lru_cache
from typing import Any, NamedTuple

from adservice.calendar._checks import as_hours, local_instant
from adservice.calendar._index import KINDS, WORKING_KINDS
from adservice.errors import CalendarRangeError

__all__ = [
    "BusinessClock",
    "Ruler",
    "add_from",
    "at_wall",
    "before",
    "beyond",
    "business_clock",
    "closing_of",
    "instant_of",
    "position",
    "wall",
]

UTC = timezone.utc
_NO_TIME = timedelta(0)


def wall(t: Time) -> timedelta:
    """A wall time as the time since midnight."""
    return timedelta(hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond)


def instant_of(zone: tzinfo, day: date, since_midnight: timedelta) -> datetime:
    """The UTC instant of wall time ``since_midnight`` on ``day`` in ``zone``.

    A wall time the clock skips (02:30 on a spring-forward night) is read with
    the offset before the change, i.e. as the instant the skipped hour would
    have been, which the zone shows as 03:30; a repeated one is its first occurrence.
    """
    return (datetime(day.year, day.month, day.day) + since_midnight).replace(tzinfo=zone).astimezone(UTC)


def at_wall(calendar: Any, day: date, since_midnight: timedelta) -> datetime:
    """Wall time ``since_midnight`` of ``day`` as an aware datetime in the calendar's zone that exists."""
    return instant_of(calendar.tz, day, since_midnight).astimezone(calendar.tz)


@lru_cache(maxsize=64)
def _odd_days(
    zone: tzinfo, opening: Time, closing: Time, first: int, last: int
) -> tuple[tuple[tuple[int, timedelta], ...], frozenset[int]]:
    """``(ordinal, business time - usual business time)`` of each day a clock change shortens or
    lengthens, and the ordinals of every day the clock changes on."""
    usual = wall(closing) - wall(opening)
    out: list[tuple[int, timedelta]] = []
    changes: set[int] = set()
    previous = datetime.fromordinal(first).replace(tzinfo=zone).utcoffset()
    for o in range(first, last + 1):
        after = datetime.fromordinal(o + 1).replace(tzinfo=zone).utcoffset()
        if after != previous:  # the clock changes during day o
            changes.add(o)
            day = date.fromordinal(o)
            length = instant_of(zone, day, wall(closing)) - instant_of(zone, day, wall(opening))
            if length != usual:
                out.append((o, length - usual))
        previous = after
    return tuple(out), frozenset(changes)


class BusinessClock(NamedTuple):
    """A calendar's business day as elapsed time, with the working days a clock change makes odd."""

    opening: timedelta
    closing: timedelta
    usual: timedelta  # closing - opening on a day without a clock change
    ranks: tuple[int, ...]  # ranks of the odd working days
    sums: tuple[timedelta, ...]  # sums[k]: how much the first k odd working days differ in all
    changes: frozenset[int]  # ordinals of the days the clock changes on: wall arithmetic is wrong there


def business_clock(calendar: Any) -> BusinessClock:
    """The calendar's clock, built on first use and kept in the calendar's own cache."""
    clock: BusinessClock | None = calendar._cache.get("clock")
    if clock is None:
        clock = calendar._cache["clock"] = _clock_of(calendar)
    return clock


def _clock_of(calendar: Any) -> BusinessClock:
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
    usual = wall(closing) - wall(opening)
    return BusinessClock(wall(opening), wall(closing), usual, tuple(ranks), tuple(sums), changes)


def before(clock: BusinessClock, rank: int) -> timedelta:
    """Business time of the working days with rank below ``rank``, from the horizon's first day."""
    return clock.usual * rank + clock.sums[bisect_left(clock.ranks, rank)]


def beyond(calendar: Any, start: datetime, hours: timedelta) -> CalendarRangeError:
    """The error for ``start`` plus ``hours`` of business time past the calendar's horizon."""
    first, last = calendar.horizon
    msg = (
        f"{start.isoformat()} plus {hours} falls outside the calendar's horizon {first}-01-01..{last}-12-31; "
        "build the calendar with a wider horizon=(first_year, last_year)."
    )
    return CalendarRangeError(msg)


def closing_of(calendar: Any, day: date) -> datetime:
    """Closing time of ``day`` (a day the calendar accepted) in the calendar's zone, worked out once
    per calendar and day."""
    closings: dict[int, datetime] | None = calendar._cache.get("closings")
    if closings is None:
        closings = calendar._cache["closings"] = {}
    o = day.toordinal()
    hit = closings.get(o)
    if hit is None:
        hit = closings[o] = at_wall(calendar, day, wall(calendar.business_hours[1]))
    return hit


#: A day's (rank, business time before it, working, clock change that day, midnight, midnight in the
#: calendar's zone).
_DayEntry = tuple[int, timedelta, bool, bool, datetime, datetime]


def _days(calendar: Any) -> dict[int, _DayEntry]:
    """The calendar's table of what each day contributes to positions (see :func:`position`)."""
    days: dict[int, _DayEntry] | None = calendar._cache.get("days")
    if days is None:
        days = calendar._cache["days"] = {}
    return days


def _day(calendar: Any, clock: BusinessClock, day: date) -> _DayEntry:
    """(rank, business time before the day, working, clock change that day, midnight) of ``day``."""
    working = calendar.is_working_day(day)  # refuses days outside the horizon, or unannounced if strict
    index = calendar._index
    o = day.toordinal()
    rank = index.cum[o - index.first]
    midnight = datetime(day.year, day.month, day.day)
    return (
        rank,
        before(clock, rank),
        working,
        o in clock.changes,
        midnight,
        midnight.replace(tzinfo=calendar.tz),
    )


def position(calendar: Any, clock: BusinessClock, local: datetime) -> tuple[int, timedelta]:
    """(working days before ``local``'s day, business time from the horizon's first day to ``local``).

    What a day contributes is worked out once per calendar and day (kept in the calendar's cache,
    like the clock): only days the calendar accepted are kept, so a refused day is refused again.
    """
    days = _days(calendar)
    hit = days.get(local.toordinal())
    if hit is None:
        day = local.date()
        hit = days[day.toordinal()] = _day(calendar, clock, day)
    rank, done, working, changed, midnight, _ = hit
    if working and changed:
        day = midnight.date()
        opening = instant_of(calendar.tz, day, clock.opening)
        closing = instant_of(calendar.tz, day, clock.closing)
        done += min(max(local.astimezone(UTC), opening), closing) - opening
    elif working:  # no clock change today: wall time is elapsed time
        since = local.replace(tzinfo=None) - midnight
        done += min(max(since, clock.opening), clock.closing) - clock.opening
    return rank, done


def add_from(  # noqa: PLR0917 - the position of the start, computed by the caller
    calendar: Any, clock: BusinessClock, local: datetime, rank: int, done: timedelta, remaining: timedelta
) -> datetime:
    """``local`` (at position ``rank``, ``done``) plus ``remaining`` business time (not negative).

    Raises:
        CalendarRangeError: the result is outside the horizon.
        ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
    """
    workdays = calendar._index.workdays
    nwork = len(workdays)
    # more than the business time left in the horizon: compare before adding (timedelta.max overflows)
    if remaining > before(clock, nwork) - done:
        raise beyond(calendar, local, remaining)
    target = done + remaining

    def reached(r: int) -> bool:  # does working day r's close reach the target?
        end = before(clock, r + 1)
        return end > target if not remaining else end >= target

    r = max(rank, min(target // clock.usual - 1, nwork))
    while r < nwork and not reached(r):
        r += 1
    while r > rank and reached(r - 1):
        r -= 1
    if r >= nwork:
        raise beyond(calendar, local, remaining)
    day = workdays[r]
    calendar.add_working_days(day, 0)  # refuses an unannounced day if strict
    into = target - before(clock, r)
    if day.toordinal() not in clock.changes:  # no clock change that day: wall time is elapsed time
        return datetime(day.year, day.month, day.day, tzinfo=calendar.tz) + clock.opening + into
    return (instant_of(calendar.tz, day, clock.opening) + into).astimezone(calendar.tz)


class Ruler:
    """Places of aware instants on one calendar's business-time line.

    ``place`` is what :func:`adservice.calendar.hours.working_time_between` asks of each of its
    instants and ``add_at`` what :func:`adservice.calendar.hours.add_business_hours` does from a
    placed start (the same checks, with the same words), for a caller that places many instants of
    one calendar: their owner (a clock, a report) checked them aware already. The calendar must be
    a ``WorkCalendar`` (the caller checked it).
    """

    __slots__ = ("calendar", "clock", "closing", "days", "opening", "tz")

    def __init__(self, calendar: Any) -> None:
        self.calendar = calendar
        self.clock = business_clock(calendar)
        self.opening, self.closing = self.clock.opening, self.clock.closing
        self.tz = calendar.tz
        self.days: dict[int, _DayEntry] = _days(calendar)

    def place(self, instant: datetime, what: str) -> tuple[int, timedelta, datetime]:
        """``instant``'s (rank, position, local instant); ``what`` names it if it is refused."""
        try:
            local = instant.astimezone(self.tz) if instant.tzinfo is not None else None
        except (OverflowError, ValueError, TypeError, ArithmeticError, AttributeError, NotImplementedError):
            local = None
        if local is None:
            local = local_instant(self.calendar, instant, what)  # refuses it, with the usual words
        hit = self.days.get(local.toordinal())
        if hit is None or hit[3]:  # a day not seen yet, or a clock change that day: position() says
            rank, done = position(self.calendar, self.clock, local)
            return rank, done, local
        rank, done, working, _, _, midnight = hit
        if working:  # position()'s arithmetic for a day without a clock change, inlined
            # ``local`` and ``midnight`` share the calendar's tzinfo: their difference is wall time,
            # what position() gets by dropping the zone.
            since = local - midnight
            opening, closing = self.opening, self.closing
            since = opening if opening > since else since  # max(since, opening)
            since = closing if closing < since else since  # min(..., closing)
            done += since - opening
        return rank, done, local

    def add_at(self, start: tuple[int, timedelta, datetime], hours: timedelta) -> datetime:
        """The placed ``start`` plus ``hours`` of business time (``add_business_hours``)."""
        rank, done, local = start
        return add_from(self.calendar, self.clock, local, rank, done, as_hours(hours, "hours"))
