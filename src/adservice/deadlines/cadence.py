"""Duties at a cadence (issue 11 §7): regular client meetings (O14), the annual brand review (O15),
the payment reconciliation list (O16) and the client tier review (O17). One function per rule, each
giving :class:`~adservice.deadlines.Due` values.

Occurrence ``k`` (k = 0, 1, …) falls on the first day plus ``k`` weeks, fortnights or months
(counted from the first day each time, so month ends clamp: Jan 31 → Feb 28 → Mar 31); a day
that is not a working day moves to the next working day, and two occurrences moved onto one day
are one duty. Nothing here reads the clock: the window ``[start, end)`` is an argument.

    >>> from zoneinfo import ZoneInfo
    >>> first = datetime(2026, 3, 4, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [d.describe() for d in client_meetings(first, date(2026, 3, 1), date(2026, 3, 20), cadence="weekly")]
    ['O14 regular client meeting (weekly) due Wed 2026-03-04 10:00', \
'O14 regular client meeting (weekly) due Wed 2026-03-11 10:00', \
'O14 regular client meeting (weekly) due Wed 2026-03-18 10:00']
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as Time
from functools import partial

from dateutil.relativedelta import relativedelta

from adservice.calendar.workcalendar import WorkCalendar, resolve_calendar
from adservice.deadlines._common import as_date, local_instant
from adservice.deadlines._memo import calendar_memo
from adservice.deadlines._params import enabled_rule, int_param, text_param
from adservice.deadlines.due import Due
from adservice.errors import DurationOutOfRangeError, InvalidChoiceError, InvalidInputError, brief
from adservice.i18n import N_
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = [
    "CADENCES",
    "brand_review",
    "cadence_days",
    "client_meetings",
    "payment_reconciliation",
    "tier_review",
]

#: How often a routine may be agreed (H3 "每周一次, 隔周或每月一次").
CADENCES: tuple[str, ...] = ("weekly", "fortnightly", "monthly")
_STEP_DAYS = {"weekly": 7, "fortnightly": 14}
_MAX_OCCURRENCES = 20_000


def cadence_days(first: date, cadence: str, start: date, end: date) -> tuple[date, ...]:
    """The nominal days ``first + k·step`` (k ≥ 0) inside ``[start, end)``, before any rolling.

    ``cadence`` is ``"weekly"``, ``"fortnightly"``, ``"monthly"`` or ``"every N months"``.

    >>> days = cadence_days(date(2026, 1, 31), "monthly", date(2026, 1, 1), date(2026, 5, 1))
    >>> [d.isoformat() for d in days]
    ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']

    Raises:
        InvalidInputError: days that are not dates; InvalidChoiceError: an unknown cadence.
    """
    for what, d in (("first", first), ("start", start), ("end", end)):
        as_date(d, what)
    return tuple(d for d in _nominal(first, _months_of(cadence), cadence, end) if start <= d < end)


def _months_of(cadence: object) -> int:
    if not isinstance(cadence, str):
        raise InvalidChoiceError("cadence", cadence, (*CADENCES, "every N months"))
    if cadence in _STEP_DAYS:
        return 0
    if cadence == "monthly":
        return 1
    if isinstance(cadence, str) and cadence.startswith("every ") and cadence.endswith(" months"):
        n = cadence[6:-7]
        if n.isdigit() and 0 < int(n) <= 120:
            return int(n)
    raise InvalidChoiceError("cadence", cadence, (*CADENCES, "every N months"))


def _nominal(first: date, months: int, cadence: str, end: date, k0: int = 0) -> Iterator[date]:
    for k in range(k0, k0 + _MAX_OCCURRENCES):
        try:
            d = first + (
                relativedelta(months=k * months) if months else timedelta(days=k * _STEP_DAYS[cadence])
            )
        except (OverflowError, ValueError):
            return
        if d >= end:
            return
        yield d


def _window(start: object, end: object) -> tuple[date, date]:
    first, last = as_date(start, "start"), as_date(end, "end")
    if last < first:
        raise DurationOutOfRangeError(f"the window ends {last} before it starts {first}.")
    return first, last


def _series(  # noqa: PLR0917 - the one builder the four rules share
    rule_id: str,
    what: str,
    first: date,
    cadence: str,
    window: tuple[date, date],
    cal: WorkCalendar,
    wall: Time | None,
    subject: str,
    basis: str,
    k0: int = 0,
) -> tuple[Due, ...]:
    rows = calendar_memo(
        cal,
        ("cadence", first, cadence, window, wall, basis, k0),
        partial(_rows, first, cadence, window, cal, wall, basis, k0),
    )
    return tuple(
        Due(rule_id, what, due, provisional=provisional, because=because, subject=subject)
        for due, provisional, because in rows
    )


def _rows(  # noqa: PLR0917 - private, the calendar's part of _series (remembered per calendar)
    first: date,
    cadence: str,
    window: tuple[date, date],
    cal: WorkCalendar,
    wall: Time | None,
    basis: str,
    k0: int,
) -> tuple[tuple[datetime, bool, str], ...]:
    start, end = window
    # A day just before the window may roll into it (at most a long holiday's length).
    found: dict[date, date] = {}
    for nominal in _nominal(first, _months_of(cadence), cadence, end, k0):
        if nominal < start - timedelta(days=31):
            continue
        day = nominal if cal.is_working_day(nominal) else cal.next_working_day(nominal)
        if start <= day < end:
            found[day] = nominal  # two occurrences on one day: one duty (the later)
    out = []
    for day, nominal in found.items():
        due = cal.close_of_business(day) if wall is None else datetime.combine(day, wall, tzinfo=cal.tz)
        moved = (
            ""
            if day == nominal
            else f"; {nominal.isoformat()} is not a working day, moved to {day.isoformat()}"
        )
        because = f"{cadence} from {basis} {first.isoformat()}{moved}"
        out.append((due, cal.is_provisional(nominal, day), because))
    return tuple(out)


def _subject(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"subject must be a str, an engagement's id (got {brief(value)}).")
    return value


def client_meetings(
    first: datetime,
    start: date,
    end: date,
    *,
    cadence: str | None = None,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
) -> tuple[Due, ...]:
    """O14: the regular client meetings due in ``[start, end)``, at the agreed cadence from ``first``.

    Args:
        first: the first meeting (aware); each one is at its time of day.
        start, end: the window (first day, day after the last).
        cadence: ``"weekly"``, ``"fortnightly"`` or ``"monthly"`` (default: O14's ``cadence``).
        calendar: the agency's calendar (default CN); rulebook: the rules (default standard).
        subject: whose duty (the engagement's id).

    Returns:
        The meetings in order (none when the rulebook lacks or disables O14).

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``first``, wrong types.
        InvalidChoiceError: an unknown cadence; DurationOutOfRangeError: ``end`` before ``start``.
        CalendarRangeError: a day outside the calendar's horizon.
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    local = local_instant(cal, first, "first")
    window = _window(start, end)
    rule = enabled_rule(book, "O14")
    if rule is None:
        return ()
    how = cadence if cadence is not None else text_param(rule, "cadence", "weekly", CADENCES)
    if how not in CADENCES:
        raise InvalidChoiceError("cadence", how, CADENCES)
    what = f"regular client meeting ({how})"
    return _series(
        "O14",
        what,
        local.date(),
        how,
        window,
        cal,
        local.timetz().replace(tzinfo=None),
        _subject(subject),
        "the first meeting",
    )


def payment_reconciliation(
    first: datetime,
    start: date,
    end: date,
    *,
    cadence: str | None = None,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
) -> tuple[Due, ...]:
    """O16: the payment reconciliation lists (付款对账清单) due in ``[start, end)`` at the agreed cadence
    from the ``first`` one (default: O16's ``cadence``, monthly), at O16's ``at`` (close of business).

    Raises:
        NaiveDatetimeError, InvalidInputError, InvalidChoiceError, DurationOutOfRangeError,
        CalendarRangeError: as :func:`client_meetings`.

    >>> from zoneinfo import ZoneInfo
    >>> first = datetime(2026, 1, 31, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [d.due.date().isoformat() for d in payment_reconciliation(first, date(2026, 2, 1), date(2026, 6, 1))]
    ['2026-02-02', '2026-02-28', '2026-03-31', '2026-04-30']
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    local = local_instant(cal, first, "first")
    window = _window(start, end)
    rule = enabled_rule(book, "O16")
    if rule is None:
        return ()
    how = cadence if cadence is not None else text_param(rule, "cadence", "monthly", CADENCES)
    if how not in CADENCES:
        raise InvalidChoiceError("cadence", how, CADENCES)
    at = book.param("O16", "at")
    wall = None if at == "close" else Time.fromisoformat(at)
    what = f"payment reconciliation list ({how})"
    return _series("O16", what, local.date(), how, window, cal, wall, _subject(subject), "the first list")


def _every(  # noqa: PLR0917 - private, shared by O15 and O17
    rule_id: str,
    what: str,
    since: datetime,
    start: date,
    end: date,
    calendar: WorkCalendar | None,
    rulebook: Rulebook | None,
    subject: str,
    default: int,
) -> tuple[Due, ...]:
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    local = local_instant(cal, since, "since")
    window = _window(start, end)
    rule = enabled_rule(book, rule_id)
    if rule is None:
        return ()
    months = int_param(rule, "cycle_months", default, "months", 120)
    cadence = f"every {months} months"
    return _series(rule_id, what, local.date(), cadence, window, cal, None, _subject(subject), "the start", 1)


def brand_review(
    since: datetime,
    start: date,
    end: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
) -> tuple[Due, ...]:
    """O15: the annual brand review (年度品牌回顾) every ``cycle_months`` (12) months after ``since``
    (the contract), at close of business, for those due in ``[start, end)``.

    Raises:
        NaiveDatetimeError, InvalidInputError, DurationOutOfRangeError, CalendarRangeError: as
        :func:`client_meetings`; RulebookError: a malformed ``cycle_months``.

    >>> from zoneinfo import ZoneInfo
    >>> signed = datetime(2025, 1, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [d.describe() for d in brand_review(signed, date(2026, 1, 1), date(2026, 12, 31))]
    ['O15 annual brand review due Thu 2026-01-22 17:00']
    """
    return _every("O15", N_("annual brand review"), since, start, end, calendar, rulebook, subject, 12)


def tier_review(
    since: datetime,
    start: date,
    end: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
) -> tuple[Due, ...]:
    """O17: the client tier review (A/B/C/D, 客户评估) every ``cycle_months`` (6) months after ``since``
    (the contract), at close of business, for those due in ``[start, end)``.

    Raises:
        as :func:`brand_review`.

    >>> from zoneinfo import ZoneInfo
    >>> signed = datetime(2026, 1, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [d.describe() for d in tier_review(signed, date(2026, 1, 1), date(2027, 1, 1))]
    ['O17 client tier review due Wed 2026-07-22 17:00']
    """
    return _every("O17", N_("client tier review"), since, start, end, calendar, rulebook, subject, 6)
