"""Dates, weekdays, times and counts as each locale writes them (CLDR data through Babel).

English keeps the library's own compact forms (``Fri 2025-09-26``, ``17:00``), so
English output is what it always was; Chinese uses CLDR's patterns
(``2025年9月26日 周五``, traditional ``週五``).
"""

from __future__ import annotations

from datetime import date, datetime
from datetime import time as Time
from functools import lru_cache

from babel.dates import format_skeleton, get_day_names
from babel.numbers import format_decimal

from adservice.errors import InvalidChoiceError, InvalidInputError, brief
from adservice.i18n._locale import normalize_locale
from adservice.i18n._lookup import ngettext

__all__ = [
    "EN_MONTHS",
    "format_day",
    "format_month",
    "format_number",
    "format_short_day",
    "format_time",
    "format_units",
    "weekday_names",
]

_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: The English month names, as the English renderings print them.
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Babel's name of each locale (CLDR's zh_TW is traditional Chinese as written in Taiwan).
_BABEL = {"zh_CN": "zh_Hans_CN", "zh_TW": "zh_Hant_TW"}


def _day(value: object, what: str = "day") -> date:
    if not isinstance(value, date):
        raise InvalidInputError(f"{what} must be a date such as date(2025, 9, 29) (got {brief(value)}).")
    return value


@lru_cache(maxsize=8)
def weekday_names(locale: str = "en") -> tuple[str, ...]:
    """Short weekday names, Monday first.

    >>> weekday_names()[0], weekday_names("zh_CN")[0], weekday_names("zh_TW")[6]
    ('Mon', '周一', '週日')

    Raises:
        UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    if loc == "en":
        return _EN_WEEKDAYS
    names = get_day_names("abbreviated", locale=_BABEL[loc])
    return tuple(str(names[i]) for i in range(7))


def format_day(day: date, locale: str = "en") -> str:
    """A day with its weekday: ``Mon 2025-09-29``, ``2025年9月29日 周一``, ``2025年9月29日 週一``.

    >>> from datetime import date
    >>> format_day(date(2025, 9, 29)), format_day(date(2025, 9, 29), "zh_TW")
    ('Mon 2025-09-29', '2025年9月29日 週一')

    Raises:
        InvalidInputError: not a date; UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    d = _day(day)
    if loc == "en":
        return f"{_EN_WEEKDAYS[d.weekday()]} {d:%Y-%m-%d}"
    return f"{format_skeleton('yMMMd', d, locale=_BABEL[loc])} {weekday_names(loc)[d.weekday()]}"


def format_short_day(day: date, locale: str = "en") -> str:
    """A day of a year already named: ``Mon 09-29``, ``9月29日 周一``.

    >>> from datetime import date
    >>> format_short_day(date(2025, 9, 29)), format_short_day(date(2025, 9, 29), "zh_CN")
    ('Mon 09-29', '9月29日 周一')

    Raises:
        InvalidInputError: not a date; UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    d = _day(day)
    if loc == "en":
        return f"{_EN_WEEKDAYS[d.weekday()]} {d:%m-%d}"
    return f"{format_skeleton('MMMd', d, locale=_BABEL[loc])} {weekday_names(loc)[d.weekday()]}"


def format_month(year: int, month: int, locale: str = "en") -> str:
    """A month's title: ``October 2025``, ``2025年10月``.

    >>> format_month(2025, 10), format_month(2025, 10, "zh_CN")
    ('October 2025', '2025年10月')

    Raises:
        InvalidInputError: not a year 1..9999 and a month 1..12; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (year, month))
    if not ok or not (1 <= year <= 9999 and 1 <= month <= 12):
        raise InvalidInputError(
            f"a month needs a year 1..9999 and a month 1..12 (got {brief((year, month))})."
        )
    if loc == "en":
        return f"{EN_MONTHS[month - 1]} {year}"
    return format_skeleton("yMMM", date(year, month, 1), locale=_BABEL[loc])


def format_time(at: datetime | Time, locale: str = "en", *, offset: bool = False) -> str:
    """A time of day, 24-hour: ``17:00``; with ``offset``, its UTC offset too (``17:00 +08:00``).

    Chinese writes the offset as CLDR does (``17:00 GMT+08:00``).

    >>> from datetime import datetime, timedelta, timezone
    >>> at = datetime(2025, 9, 29, 17, tzinfo=timezone(timedelta(hours=8)))
    >>> format_time(at), format_time(at, offset=True), format_time(at, "zh_CN", offset=True)
    ('17:00', '17:00 +08:00', '17:00 GMT+08:00')

    Raises:
        InvalidInputError: not a datetime or time; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if not isinstance(at, (datetime, Time)):
        raise InvalidInputError(f"at must be a datetime or a time (got {brief(at)}).")
    text = f"{at:%H:%M}"
    if not offset:
        return text
    delta = at.utcoffset()
    if delta is None:
        return text
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    zone = f"{sign}{hours:02d}:{rest:02d}"
    return f"{text} {zone}" if loc == "en" else f"{text} GMT{zone}"


def format_number(value: float, locale: str = "en") -> str:
    """A number as the locale groups it: ``1,234.5``.

    >>> format_number(1234.5), format_number(1234.5, "zh_TW")
    ('1,234.5', '1,234.5')

    Raises:
        InvalidInputError: not a finite number; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:  # noqa: PLR0124
        raise InvalidInputError(f"value must be a number (got {brief(value)}).")
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        raise InvalidInputError(f"value must be a finite number (got {brief(value)}).")
    if abs(value) >= 10**100:
        raise InvalidInputError(f"value must be a number below 10**100 (got {brief(value)}).")
    try:
        return str(format_decimal(value, locale="en_US" if loc == "en" else _BABEL[loc]))
    except (ArithmeticError, ValueError):  # decimal's context cannot hold it (e.g. 10**25)
        raise InvalidInputError(f"value {brief(value)} is too large to write out.") from None


#: The units :func:`format_units` counts in.
_UNITS = ("working_days", "months", "working_hours", "calendar_days")


def format_units(n: int, unit: str, locale: str = "en") -> str:
    """A count with its unit: ``9 working days``, ``9个工作日``, ``9個工作日``.

    Units: ``working_days``, ``months``, ``working_hours``, ``calendar_days``.

    >>> format_units(1, "working_days"), format_units(9, "working_days", "zh_TW")
    ('1 working day', '9個工作日')

    Raises:
        InvalidInputError: ``n`` not an int; InvalidChoiceError: an unknown unit;
            UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidInputError(f"n must be an int (got {brief(n)}).")
    if unit == "working_days":
        text = ngettext("{n} working day", "{n} working days", n, loc)
    elif unit == "months":
        text = ngettext("{n} month", "{n} months", n, loc)
    elif unit == "working_hours":
        text = ngettext("{n} working hour", "{n} working hours", n, loc)
    elif unit == "calendar_days":
        text = ngettext("{n} calendar day", "{n} calendar days", n, loc)
    else:
        raise InvalidChoiceError("unit", unit, _UNITS)
    return text.format(n=n)
