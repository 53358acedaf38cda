"""What the obligation modules share: parameter readers, windows, series of nominal days."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from functools import lru_cache
from typing import Any

import attrs

from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.deadlines._memo import calendar_memo, calendar_table, remember
from adservice.deadlines.duties import when_text
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    RulebookError,
    brief,
)
from adservice.portfolio.obligation import Obligation
from adservice.rulebook.book import Rule, Rulebook

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAME = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_HOURS = 24 * 366
_MAX_DAYS = 10_000
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
#: Recurring rules: generated from the calendar alone (engagement-bound ones only while the client is served).
RECURRING_RULES: tuple[str, ...] = ("O1", "O4", "O6", "O8", "O9", "O11", "O13", "O14", "O15", "O16", "O17")
#: Event-driven duties whose completion the engagement's log records (execution reports, the fee list).
TRACKED_RULES: tuple[str, ...] = ("O5", "O7")
#: Recurring duties the agency owes itself, once for the whole portfolio (engagement id ``None``).
_AGENCY_RULES = ("O11",)
#: Recurring duties owed to each client while it is served (contract signed, not closed).
_CLIENT_RULES = ("O1", "O4", "O6", "O8", "O9", "O13", "O14", "O15", "O16", "O17")


# -- small helpers ---------------------------------------------------------------


def _day_text(day: date) -> str:
    return when_text(day)


def _at_text(at: datetime) -> str:
    return when_text(at)


_RULE_ID = re.compile(r"([A-Za-z]*)(\d+)(.*)")


@lru_cache(maxsize=1024)
def _rule_key(rule_id: str) -> tuple[str, int, str]:
    """Sort ``O2`` before ``O10`` (a rulebook has a few dozen ids: each is parsed once)."""
    match = _RULE_ID.fullmatch(rule_id)
    if match is None:
        return (rule_id, 0, "")
    return (match[1], int(match[2]), match[3])


def _sort_key(ob: Obligation) -> tuple[Any, ...]:
    return (ob.deadline, ob.opens, _rule_key(ob.rule_id), ob.subject, ob.what)


def _inside(found: Iterable[Obligation], window: tuple[date, date]) -> list[Obligation]:
    """Duties due inside ``[start, end)``: an instant's day inside it, or a window overlapping it."""
    start, end = window
    return [o for o in found if o.opens.date() < end and start <= o.day]


def _as_date(value: object, what: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInputError(
            f"{what} must be a datetime.date such as date(2025, 10, 1) (got {brief(value)})."
        )
    return value


def _window(calendar: WorkCalendar, start: object, end: object) -> tuple[date, date]:
    """Check ``[start, end)``; both ends must lie inside the calendar's horizon (refused at once)."""
    first, stop = _as_date(start, "start"), _as_date(end, "end")
    if stop < first:
        msg = f"the window [{first}, {stop}) ends before it starts; pass start <= end."
        raise DurationOutOfRangeError(msg)
    # The calendar arithmetic a portfolio's duties repeat (the same days, rolled and timed the same
    # way for every engagement on one calendar) is kept in the calendar's own table.
    table, key = calendar_table(calendar), ("window", first, stop)
    if key in table:
        return first, stop  # checked on this calendar before (only windows that passed are kept)
    calendar.day_kind(first)
    if stop > first:
        calendar.day_kind(stop - timedelta(days=1))
    remember(table, key, True)
    return first, stop


def _rule(book: Rulebook, rule_id: str) -> Rule | None:
    """The rule if the rulebook has it enabled, else ``None``."""
    rule = book.rules.get(rule_id)
    return rule if rule is not None and rule.enabled else None


def _fix(rule: Rule, key: str) -> str:
    return f"fix it with Rulebook.with_params({brief(rule.id)}, {key}=...)"


def _int_param(rule: Rule, key: str, default: int, low: int = 0, high: int = _MAX_DAYS) -> int:
    value = rule.params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        msg = (
            f"rule {rule.id}'s {brief(key)} must be an int "
            f"{low}..{high} (got {brief(value)}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return value


def _hours_param(rule: Rule, key: str, default: float) -> float:
    value = rule.params.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 <= value <= _MAX_HOURS
    ):
        msg = (
            f"rule {rule.id}'s {brief(key)} must be 0..{_MAX_HOURS} "
            f"hours (got {brief(value)}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return float(value)


def _wall_param(rule: Rule, value: object, key: str) -> Time | None:
    """``"HH:MM"`` as a wall time, ``"close"`` as ``None`` (close of business)."""
    if value == "close":
        return None
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        msg = (
            f"rule {rule.id}'s {brief(key)} must be 'HH:MM' or "
            f"'close' (got {brief(value)}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return Time(int(match[1]), int(match[2]))


def _weekday_param(rule: Rule, value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        msg = (
            f"rule {rule.id}'s {brief(key)} must be a weekday 0 "
            f"(Mon)..6 (Sun) (got {brief(value)}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return value


def _slot_param(rule: Rule, key: str) -> tuple[int, Time | None]:
    """A ``[weekday, "HH:MM"]`` parameter (O11's tally, report and meeting)."""
    value = rule.params.get(key)
    if not isinstance(value, list) or len(value) != 2:
        msg = (
            f"rule {rule.id}'s {brief(key)} must be [weekday, "
            f"'HH:MM'] (got {brief(value)}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return _weekday_param(rule, value[0], key), _wall_param(rule, value[1], key)


def _months_param(rule: Rule) -> tuple[int, int]:
    value = rule.params.get("every_months", [3, 6])
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 1 <= value[0] <= value[1] <= 120
    ):
        key = "every_months"
        msg = (
            f"rule {rule.id}'s {brief(key)} must be [low, high] "
            f"months, 1 <= low <= high <= 120 (got {brief(value)}); "
        )
        raise RulebookError(msg + f"{_fix(rule, key)}.")
    return value[0], value[1]


def _at(calendar: WorkCalendar, day: date, wall: Time | None) -> datetime:
    table, key = calendar_table(calendar), ("at", day, wall)
    hit = table.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    if wall is None:
        return remember(table, key, calendar.close_of_business(day))
    return remember(table, key, datetime.combine(day, wall, tzinfo=calendar.tz))


def _wall_text(wall: Time | None) -> str:
    return "close of business" if wall is None else f"{wall:%H:%M}"


def _first_nominal(calendar: WorkCalendar, start: date) -> date:
    """The earliest nominal day that can roll forward into ``[start, ...)``: the day after the last
    working day before ``start``."""
    table, key = calendar_table(calendar), ("first", start)
    hit = table.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    try:
        first = calendar.previous_working_day(start) + timedelta(days=1)
    except CalendarRangeError:
        first = start
    return remember(table, key, first)


def _rolled(calendar: WorkCalendar, nominal: date) -> tuple[date, list[str]]:
    """``nominal`` moved to the next working day if it is not one, with the words saying so."""
    table, key = calendar_table(calendar), ("rolled", nominal)
    hit = table.get(key)
    if hit is None:
        words: tuple[str, ...]
        if calendar.is_working_day(nominal):
            due, words = nominal, (_day_text(nominal),)
        else:
            due = calendar.next_working_day(nominal)
            words = (calendar.day_kind(nominal).describe(), f"moved to the next working day {_day_text(due)}")
        hit = remember(table, key, (due, words))
    day, said = hit
    return day, list(said)


def _local(calendar: WorkCalendar, at: object, what: str) -> datetime:
    """``at`` (aware) in the calendar's zone, refused at once if its day is outside the horizon."""
    aware = require_aware(at, what)
    try:
        local = aware.astimezone(calendar.tz)
    except (OverflowError, ValueError):
        first, last = calendar.horizon
        msg = f"{what} {aware.isoformat()} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None
    day = local.date()
    table, key = calendar_table(calendar), ("inside", day)
    if key not in table:  # checked on this calendar before (only days that passed are kept)
        calendar.day_kind(day)
        remember(table, key, True)
    return local


def _naive(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


_Alive = Callable[[datetime], bool]


def _always(_: datetime) -> bool:
    return True


def _alive_by_due(
    rows: Iterable[tuple[date, datetime, datetime]], alive: _Alive
) -> dict[datetime, list[date]]:
    """The nominal days of ``rows`` (from :func:`_rolled_series`) still alive, grouped by the
    instant they fall due: occurrences rolled onto one day (a long holiday) become one duty,
    worded after the last of them, the most recent one."""
    found: dict[datetime, list[date]] = {}
    for nominal, nominal_at, due_at in rows:
        if alive(nominal_at):
            found.setdefault(due_at, []).append(nominal)
    return found


def _memo(calendar: WorkCalendar, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()`` computed once per calendar and ``key`` (kept in the calendar's own cache): a
    portfolio's engagements on one calendar share their recurring series instead of each walking
    the rrule and the calendar."""
    return calendar_memo(calendar, key, make)


def _rolled_series(
    calendar: WorkCalendar,
    moments: Callable[[], Iterable[datetime]],
    key: tuple[Any, ...],
    window: tuple[date, date],
    wall: Time | None,
) -> tuple[tuple[date, datetime, datetime], ...]:
    """``(nominal day, its instant, the instant it falls due)`` for each moment due inside ``window``."""

    def make() -> tuple[tuple[date, datetime, datetime], ...]:
        start, end = window
        out = []
        for moment in moments():
            nominal = moment.date()
            due_day = nominal if calendar.is_working_day(nominal) else calendar.next_working_day(nominal)
            if start <= due_day < end:
                out.append((nominal, _at(calendar, nominal, wall), _at(calendar, due_day, wall)))
        return tuple(out)

    return _memo(calendar, ("series", *key, window, wall), make)  # type: ignore[no-any-return]


_OBLIGATION_FIELDS = tuple(a.name for a in attrs.fields(Obligation))
_new = object.__new__
_set = object.__setattr__


def _owed(template: Obligation, engagement_id: str | None) -> Obligation:
    """``template`` (an obligation built once per calendar, owed by nobody) owed for ``engagement_id``:
    what ``obligation(..., engagement_id, ...)`` gives with the template's other arguments.

    The template's fields were checked when it was built and an engagement's id is a str, so the
    copy is made field by field instead of through the checks again (a portfolio's recurring
    duties are the same few templates, owed by thousands of engagements).
    """
    copy = _new(Obligation)
    for name in _OBLIGATION_FIELDS:
        _set(copy, name, getattr(template, name))
    _set(copy, "subject", engagement_id or "")
    return copy


def _also(nominals: Sequence[date]) -> list[str]:
    return [f"also the {_day_text(n)} occurrence, moved to the same day" for n in nominals[:-1]]
