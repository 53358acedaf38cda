"""Input checks shared by the calendar's modules: each refuses with a documented error naming the value.

>>> from datetime import timedelta
>>> as_hours(1.5, "hours")
datetime.timedelta(seconds=5400)
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from datetime import time as Time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from adservice._frozen import FrozenDict
from adservice.calendar import _regions
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidCalendarError,
    InvalidInputError,
    NaiveDatetimeError,
    ProvisionalCalendarError,
    brief,
)

__all__ = [
    "as_date",
    "as_hours",
    "as_int",
    "check_closures",
    "check_extra_days",
    "check_horizon",
    "check_hours",
    "check_region",
    "check_weekend",
    "check_zone",
    "exact_instant",
    "local_instant",
    "outside_horizon",
    "provisional_error",
    "require_aware",
    "require_calendar",
]


def as_date(value: object, what: str) -> date:
    """``value`` as a date: a ``date`` (not a datetime), a day-precision ``numpy.datetime64`` or a
    pandas ``Timestamp`` at midnight; else :class:`InvalidInputError` naming ``what``.

    numpy and pandas are recognised by their type's module, never imported here.

    >>> import numpy
    >>> as_date(numpy.datetime64("2025-09-26"), "day")
    datetime.date(2025, 9, 26)
    """
    if _regions.is_date(value):
        return value  # type: ignore[return-value]
    day = _foreign_day(value)
    if day is not None:
        return day
    msg = (
        f"{what} must be a datetime.date, a numpy.datetime64 day or a pandas Timestamp at midnight "
        f"(got {reprlib.repr(value)} of type {type(value).__name__})."  # bounded: a value may nest deep
    )
    raise InvalidInputError(msg)


def _foreign_day(value: object) -> date | None:
    """The day a numpy ``datetime64`` or pandas ``Timestamp`` stands for, if it is a whole day."""
    module = type(value).__module__.split(".")[0]
    try:
        if module == "numpy" and type(value).__name__ == "datetime64":
            day = value.astype("datetime64[D]")  # type: ignore[attr-defined]
            whole = bool(day == value)  # False for NaT and for a time of day
            out = day.astype(object) if whole else None
            return out if _regions.is_date(out) else None  # beyond year 9999 numpy gives an int
        if module == "pandas" and isinstance(value, datetime) and value.tzinfo is None:
            ns = getattr(value, "nanosecond", 0)
            wall = (value.hour, value.minute, value.second, value.microsecond, ns)
            return None if any(wall) else value.date()
    except (TypeError, ValueError, OverflowError, AttributeError):
        return None
    return None


def as_int(value: object, what: str) -> int:
    """``value`` if it is an int or numpy integer (not a bool), else :class:`InvalidInputError`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if type(value).__module__ == "numpy" and "int" in type(value).__name__:
        return int(value)  # type: ignore[call-overload,no-any-return]
    msg = f"{what} must be an int (got {brief(value)} of type {type(value).__name__})."
    raise InvalidInputError(msg)


def as_hours(value: object, what: str) -> timedelta:
    """Hours (int, float or timedelta) as a timedelta: finite, not negative, within 200 years.

    Raises:
        InvalidInputError: not a number of hours; DurationOutOfRangeError: NaN, inf, negative, too large.
    """
    if isinstance(value, timedelta):
        delta = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        # an int too large for a float must not reach math.isfinite (OverflowError)
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > 24 * 365 * 200:
            msg = f"{what} must be a finite number of hours within 200 years (got {brief(value)})."
            raise DurationOutOfRangeError(msg)
        delta = timedelta(hours=value)
    else:
        msg = f"{what} must be hours as int, float or timedelta (got {brief(value)})."
        raise InvalidInputError(msg)
    if delta < timedelta(0):
        msg = f"{what} must not be negative (got {brief(value)}); deadlines run forward from their start."
        raise DurationOutOfRangeError(msg)
    return delta


def require_aware(value: object, what: str) -> datetime:
    """Return ``value`` if it is an aware datetime, else raise.

    Raises:
        NaiveDatetimeError: a datetime without a time zone.
        InvalidInputError: not a datetime at all.
    """
    if not isinstance(what, str):  # the label goes into every message; a str() of it may recurse
        what = brief(what)
    if not isinstance(value, datetime):
        msg = f"{what} must be an aware datetime.datetime (got {brief(value)})."
        raise InvalidInputError(msg)
    try:
        offset = value.utcoffset()
    except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError):
        # a broken tzinfo (utcoffset raising or returning a non-timedelta)
        offset = None
    if value.tzinfo is None or offset is None:
        stamp = value.replace(tzinfo=None).isoformat()
        msg = (
            f"{what} {stamp} has no time zone; pass an aware datetime, "
            f"e.g. {stamp}+08:00 or datetime(..., tzinfo=ZoneInfo('Asia/Shanghai'))."
        )
        raise NaiveDatetimeError(msg)
    return value


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def exact_instant(at: datetime) -> timedelta:
    """The instant an aware datetime names, as the time since 1970-01-01 UTC: equal exactly when the
    instants are.

    ``==`` on datetimes misleads in a DST fall-back hour twice: of one zone it ignores ``fold`` (the
    two 01:10, an hour apart, compare equal), and of two zones it calls a repeated wall time
    unequal to the same instant written in another offset (PEP 495). This does neither. Use it for
    equality and elapsed time; to order instants, :func:`unambiguous` is enough and cheaper.

    >>> from zoneinfo import ZoneInfo
    >>> ny, utc = ZoneInfo("America/New_York"), timezone.utc
    >>> first = datetime(2026, 11, 1, 1, 10, tzinfo=ny)
    >>> second = first.replace(fold=1)  # the same wall time an hour later
    >>> first == second, exact_instant(first) == exact_instant(second)
    (True, False)
    >>> first == first.astimezone(utc), exact_instant(first) == exact_instant(first.astimezone(utc))
    (False, True)

    Raises:
        NaiveDatetimeError: a datetime without a time zone.
        InvalidInputError: not a datetime at all.
    """
    if at.__class__ is datetime:  # the usual: an aware datetime subtracts as an instant at once
        try:
            return at - _EPOCH
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError):
            pass  # naive, or a broken tzinfo: require_aware names it
    return require_aware(at, "an instant") - _EPOCH


def unambiguous(at: datetime) -> datetime:
    """``at`` itself, or, for the second pass through a repeated wall hour (a DST fall-back:
    ``fold=1``), the same instant at its fixed UTC offset: ``<`` then orders instants.

    Within one zone, ``<`` compares wall clocks and ignores ``fold``: the second 01:05 of a
    fall-back night sorts before the first 01:50, though it is 15 minutes later. At its fixed
    offset it compares with the zone's other times as an instant; every other time of the zone
    (the first pass included) already orders right, and is returned as it is (no cost).

    >>> from zoneinfo import ZoneInfo
    >>> ny = ZoneInfo("America/New_York")
    >>> held, back = datetime(2026, 11, 1, 1, 50, tzinfo=ny), datetime(2026, 11, 1, 1, 5, fold=1, tzinfo=ny)
    >>> back < held, unambiguous(back) < unambiguous(held), unambiguous(back).isoformat()
    (True, False, '2026-11-01T01:05:00-05:00')
    >>> unambiguous(held) is held
    True

    Raises:
        NaiveDatetimeError: a datetime without a time zone.
        InvalidInputError: not a datetime at all.
    """
    if at.__class__ is datetime and not at.fold and at.tzinfo is not None:
        return at  # the usual: not the second pass through a repeated hour
    offset = require_aware(at, "an instant").utcoffset()
    if at.tzinfo.__class__ is timezone or at.replace(fold=0).utcoffset() == offset:
        return at  # fold=1 on a time that does not repeat changes nothing
    return at.astimezone(timezone(offset))  # type: ignore[arg-type]  # aware: offset is a timedelta


# -- construction checks --------------------------------------------------


def check_weekend(weekend: Iterable[int]) -> tuple[int, ...]:
    try:
        days = tuple(sorted(set(weekend)))
    except TypeError:
        raise InvalidInputError(f"weekend must be weekday numbers 0-6 (got {brief(weekend)}).") from None
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise InvalidCalendarError(
            f"weekend must hold weekday numbers 0 (Mon) to 6 (Sun) (got {brief(days)})."
        )
    if len(days) == 7:
        raise InvalidCalendarError("weekend cannot be all seven days; no day would be a working day.")
    return days


def check_horizon(horizon: tuple[int, int]) -> tuple[int, int]:
    try:
        first, last = horizon
    except (TypeError, ValueError):
        raise InvalidInputError(f"horizon must be (first_year, last_year) (got {brief(horizon)}).") from None
    first = as_int(first, "horizon's first year")
    last = as_int(last, "horizon's last year")
    if not 1900 <= first <= last <= 2200:
        msg = f"horizon must satisfy 1900 <= first <= last <= 2200 (got {brief(horizon)})."
        raise InvalidCalendarError(msg)
    return first, last


def check_closures(closures: Iterable[date] | Mapping[date, str]) -> dict[date, str]:
    if isinstance(closures, (str, bytes)) or not isinstance(closures, Iterable):
        raise InvalidInputError(
            f"closures must be dates or a mapping of date to reason (got {brief(closures)})."
        )
    if isinstance(closures, Mapping):
        items = [(as_date(d, "a closure day"), str(reason)) for d, reason in closures.items()]
    else:
        items = [(as_date(d, "a closure day"), "agency closure") for d in closures]
    return FrozenDict(sorted(items))


def check_hours(hours: tuple[Time, Time]) -> tuple[Time, Time]:
    try:
        opening, closing = hours
    except (TypeError, ValueError):
        raise InvalidInputError(f"business_hours must be (opening, closing) (got {brief(hours)}).") from None
    if not (isinstance(opening, Time) and isinstance(closing, Time)):
        raise InvalidInputError(f"business_hours must be two datetime.time values (got {brief(hours)}).")
    if opening.tzinfo is not None or closing.tzinfo is not None or not opening < closing:
        msg = f"business_hours must be naive times with opening < closing (got {opening} to {closing})."
        raise InvalidCalendarError(msg)
    return opening, closing


def check_region(
    region: object, subdivision: object, categories: object
) -> tuple[str, str | None, tuple[str, ...]]:
    """Region as its two-letter code, the subdivision, and the categories (sorted; default the office's).

    Raises:
        InvalidInputError: not strings; UnknownRegionError: unknown codes;
        InvalidCalendarError: categories the region does not have.
    """
    if not isinstance(region, str):
        raise InvalidInputError(f"region must be a code string such as 'CN' (got {brief(region)}).")
    if subdivision is not None and not isinstance(subdivision, str):
        raise InvalidInputError(f"subdivision must be a code string or None (got {brief(subdivision)}).")
    region = _regions.canonical_region(region)
    _regions.check_region(region, subdivision, ("public",))
    if categories is None:
        chosen = _regions.default_categories(region)
    elif isinstance(categories, str):
        chosen = (categories,)
    elif isinstance(categories, Iterable) and all(isinstance(c, str) for c in categories):
        chosen = tuple(categories)
    else:
        raise InvalidInputError(
            f"categories must be holiday category names, e.g. ('public',) (got {brief(categories)})."
        )
    chosen = tuple(sorted(set(chosen)))
    _regions.check_region(region, subdivision, chosen)
    return region, subdivision, chosen


def check_zone(
    tz: str | ZoneInfo | timezone | None, region: str, subdivision: str | None
) -> ZoneInfo | timezone:
    if tz is None:
        tz = _regions.default_zone(region, subdivision)
    if isinstance(tz, (ZoneInfo, timezone)):
        return tz
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidCalendarError(
                f"unknown time zone {brief(tz)}; use an IANA name such as 'Asia/Shanghai'."
            ) from None
    raise InvalidInputError(f"tz must be an IANA zone name or a tzinfo (got {brief(tz)}).")


def check_extra_days(days: Iterable[date], closures: Mapping[date, str]) -> tuple[date, ...]:
    """Extra working days, sorted; none may also be a closure."""
    if isinstance(days, (str, bytes)) or not isinstance(days, Iterable):
        raise InvalidInputError(f"extra_working_days must be dates (got {brief(days)}).")
    out = tuple(sorted({as_date(d, "an extra working day") for d in days}))
    both = set(closures).intersection(out)
    if both:
        listed = ", ".join(d.isoformat() for d in sorted(both))
        raise InvalidCalendarError(
            f"{listed} cannot be both an agency closure and an extra working day; choose one."
        )
    return out


# -- refusals ----------------------------------------------------------------------


def outside_horizon(horizon: tuple[int, int], what: str) -> CalendarRangeError:
    """The error for an answer the horizon cannot give, naming ``what`` was asked."""
    first, last = horizon
    return CalendarRangeError(
        f"{what} is outside the calendar's horizon {first}-01-01..{last}-12-31; "
        "build the calendar with a wider horizon=(first_year, last_year)."
    )


def provisional_error(region: str, confirmed_through: int, day: date, last: date) -> ProvisionalCalendarError:
    """The error of a strict calendar for an answer resting on days after ``last`` (its last confirmed)."""
    week = (
        f" (the last week of {confirmed_through} waits for the next year's notice)"
        if last.year == confirmed_through and last.day != 31
        else ""
    )
    return ProvisionalCalendarError(
        f"{day} depends on {region} days after {last}, the last officially announced day{week}, "
        "and the calendar is strict; pass strict=False to accept provisional dates or "
        "confirmed_through=YEAR once the notice is out."
    )


def require_calendar(value: object, what: str = "calendar") -> None:
    """Refuse anything that is not a working-day calendar (a ``WorkCalendar``).

    Raises:
        InvalidInputError: naming the value and what is allowed.
    """
    if getattr(value, "_index", None) is None or not hasattr(value, "tz"):
        raise InvalidInputError(
            f"{what} must be a WorkCalendar such as WorkCalendar('CN') (got {brief(value)})."
        )


def local_instant(calendar: Any, value: object, what: str) -> datetime:
    """``value`` (an aware datetime) read in ``calendar``'s zone.

    Raises:
        NaiveDatetimeError, InvalidInputError: not an aware datetime.
        CalendarRangeError: an instant that cannot be shifted into the zone (``datetime.max``...).
    """
    aware = require_aware(value, what)
    try:
        return aware.astimezone(calendar.tz)
    except (OverflowError, ValueError):
        # datetime.min/max and year-1/9999 instants cannot be shifted into the zone
        first, last = calendar.horizon
        msg = f"{what} {aware.isoformat()} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None
