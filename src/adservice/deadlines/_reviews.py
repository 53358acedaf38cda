"""The client's review between two steps, shared by forward and backward plans (SPEC §4).

A review of ``wait`` working days on the reviewer's calendar begins the day the
step is handed over (rolled to the reviewer's next working day); the client signs
off at close of business ``wait`` working days later; the next step starts on the
agency's first working day on or after the sign-off's day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines._steps import _MAX_DAYS
from adservice.errors import DurationOutOfRangeError, InvalidInputError, UnknownItemError, brief

__all__ = ["review_days_of", "review_span", "start_after"]


def review_span(handed_at: datetime, wait: int, reviewer: WorkCalendar) -> tuple[date, date, datetime, bool]:
    """``(handed over, signed off, sign-off instant, provisional)`` of a review of ``wait`` days."""
    handed = reviewer.add_working_days(handed_at.astimezone(reviewer.tz).date(), 0)
    signed = reviewer.add_working_days(handed, wait)
    return handed, signed, reviewer.close_of_business(signed), reviewer.is_provisional(handed, signed)


def start_after(signed_at: datetime, cal: WorkCalendar) -> date:
    """The agency's day 0 of the step after a review: its first working day on or after the sign-off."""
    return cal.add_working_days(signed_at.astimezone(cal.tz).date(), 0)


def review_days_of(value: object, keys: Sequence[str]) -> dict[str, int]:
    """Normalise ``review_days`` to ``{step key: working days}`` for the steps followed by another."""
    between = keys[:-1]
    if isinstance(value, bool):
        raise InvalidInputError(
            f"review_days must be an int or a mapping of step key to int (got {brief(value)})."
        )
    if isinstance(value, int):
        pairs: Iterable[tuple[object, object]] = ((k, value) for k in between)
    elif isinstance(value, Mapping):
        pairs = value.items()
    else:
        raise InvalidInputError(
            f"review_days must be an int or a mapping of step key to int (got {brief(value)})."
        )
    out: dict[str, int] = {}
    for key, n in pairs:
        if key not in between:
            allowed = ", ".join(between) or "none (the item has a single step)"
            msg = (
                f"review_days names {brief(key)}, which is not a step followed by another; "
                f"a client review may follow: {allowed}."
            )
            raise UnknownItemError(msg)
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError(
                f"review_days[{brief(key)}] must be an int of working days (got {brief(n)})."
            )
        if not 0 <= n <= _MAX_DAYS:
            msg = (
                f"review_days[{brief(key)}] must be 0..{_MAX_DAYS} "
                f"working days (got {n}); a wait is not negative."
            )
            raise DurationOutOfRangeError(msg)
        if n:
            out[str(key)] = n
    return out
