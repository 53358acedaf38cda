"""Small helpers every deadline computation shares (promoted from the planner)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from datetime import time as Time
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from adservice.calendar._checks import local_instant
from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.errors import CalendarRangeError, InvalidInputError, brief

__all__ = [
    "a_date",
    "add_months",
    "as_date",
    "aware",
    "cutoff_time",
    "local_instant",
    "maybe_aware",
    "maybe_date",
    "units_text",
]


def units_text(n: int, unit: str) -> str:
    word = "working day" if unit == "working_days" else "month"
    return f"{n} {word}{'' if n == 1 else 's'}"


def as_date(value: object, what: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInputError(
            f"{what} must be a datetime.date such as date(2025, 10, 15) (got {brief(value)})."
        )
    return value


def cutoff_time(calendar: WorkCalendar, cutoff: object) -> Time:
    if cutoff is None:
        return calendar.business_hours[1]
    if not isinstance(cutoff, Time) or cutoff.tzinfo is not None:
        msg = (
            f"cutoff must be a naive datetime.time such as time(17) (got {brief(cutoff)}); "
            "None means close of business."
        )
        raise InvalidInputError(msg)
    return cutoff


def add_months(calendar: WorkCalendar, start: date, months: int) -> date:
    """``start`` plus calendar months (month ends clamp), rolled forward to a working day."""
    try:
        target = start + relativedelta(months=months)
    except (ValueError, OverflowError):
        first, last = calendar.horizon
        msg = f"{start} plus {months} months is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None
    return calendar.add_working_days(target, 0, roll="forward")


# -- attrs validators for the value types of this layer and the ones above it ---------------------
# Cheap on purpose (plans and clock statuses are built on hot paths): a type check and, for an
# instant, the calendar's require_aware (refuses naive datetimes with NaiveDatetimeError).


def _where(instance: object, attribute: Any) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


# tzinfo types whose utcoffset() is never None: an instant in one of them needs no further check.
_ZONES = frozenset((ZoneInfo, timezone))


def aware(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: an aware datetime (NaiveDatetimeError / InvalidInputError otherwise)."""
    if value.__class__ is datetime and value.tzinfo.__class__ in _ZONES:
        return  # the common case, without a utcoffset() call
    require_aware(value, _where(instance, attribute))


def maybe_aware(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: ``None`` or an aware datetime."""
    if value is not None:
        aware(instance, attribute, value)


def a_date(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: a ``date`` that is not a ``datetime`` (InvalidInputError otherwise)."""
    if value.__class__ is date:
        return
    if not isinstance(value, date) or isinstance(value, datetime):
        msg = f"{_where(instance, attribute)} must be a datetime.date (got {brief(value)})."
        raise InvalidInputError(msg)


def maybe_date(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: ``None`` or a ``date``."""
    if value is not None:
        a_date(instance, attribute, value)
