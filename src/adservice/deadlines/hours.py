"""``hours_after``: the one switch between elapsed, elapsed-rolled and business hours."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Literal

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines._params import MAX_HOURS
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidChoiceError,
    InvalidInputError,
    brief,
)

__all__ = ["HOUR_MODES", "HourMode", "hours_after"]

HourMode = Literal["elapsed", "elapsed_rolled", "business"]
HOUR_MODES: tuple[str, ...] = ("elapsed", "elapsed_rolled", "business")


def _hours(value: object) -> timedelta:
    if isinstance(value, timedelta):
        hours = value.total_seconds() / 3600
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            hours = float(value)
        except OverflowError:
            hours = math.inf
    else:
        raise InvalidInputError(f"hours must be a number or a timedelta (got {brief(value)}).")
    if not math.isfinite(hours) or not 0 <= hours <= MAX_HOURS:
        raise DurationOutOfRangeError(f"hours must be 0..{MAX_HOURS} (got {brief(value)}).")
    return value if isinstance(value, timedelta) else timedelta(hours=hours)


def hours_after(
    start: datetime,
    hours: float | timedelta,
    *,
    mode: HourMode | str,
    calendar: WorkCalendar | None = None,
) -> datetime:
    """``start`` plus ``hours`` counted the way ``mode`` says (the only place the three are told apart).

    Args:
        start: the instant the count starts (aware).
        hours: how many hours (a number 0..8784 or a timedelta).
        mode: ``"elapsed"`` (wall-clock hours), ``"elapsed_rolled"`` (elapsed, then a result on a
            non-working day moves to the same time on the next working day) or ``"business"``
            (only business hours of working days count).
        calendar: the agency's calendar (default CN).

    Returns:
        The instant, in the calendar's zone.

    Raises:
        NaiveDatetimeError: ``start`` has no time zone; InvalidInputError: not a datetime, or
            ``hours`` not a number.
        DurationOutOfRangeError: ``hours`` negative, NaN, infinite or above 8784.
        InvalidChoiceError: an unknown ``mode``.
        CalendarRangeError: the result lies outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> ended = datetime(2025, 9, 26, 18, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> # Sun 28 is a working day in 2025 (National Day swap), so business hours count it
    >>> [hours_after(ended, 24, mode=m).strftime("%a %d %H:%M") for m in HOUR_MODES]
    ['Sat 27 18:00', 'Sun 28 18:00', 'Tue 30 17:00']
    """
    cal = resolve_calendar(calendar)
    at = require_aware(start, "start")
    span = _hours(hours)
    if mode not in HOUR_MODES:
        raise InvalidChoiceError("an hours mode", mode, HOUR_MODES)
    try:
        if mode == "business":
            return cal.add_business_hours(at, span)
        return cal.add_elapsed_hours(at, span, roll=mode == "elapsed_rolled")
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, CalendarRangeError):
            raise
        first, last = cal.horizon
        msg = f"{at.isoformat()} plus {brief(hours)} hours is outside the calendar's horizon {first}..{last}."
        raise CalendarRangeError(msg) from None
