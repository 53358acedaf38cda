"""A pytest plugin for testing an agency's own deadline rules: fixtures and readable assertions.

Installing adservice registers this plugin with pytest (entry point
``pytest11``, name ``adservice``); turn it off with ``-p no:adservice``.

Fixtures:

- ``adservice_calendar``: the CN calendar with ``confirmed_through`` pinned
  (:data:`CONFIRMED_THROUGH`), so a new ``holidays`` release cannot turn a
  confirmed answer provisional under your tests. Set ``adservice_region`` and
  ``adservice_confirmed_through`` in your pytest configuration to change them.
- ``adservice_rulebook``: the standard rulebook (:meth:`Rulebook.standard`).

Assertions (plain functions: use them with or without pytest): a failure
raises ``AssertionError`` whose message shows what was expected, what came
out, and the calendar's explanation of both, day by day.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> cn = WorkCalendar("CN", confirmed_through=2026)
    >>> received = datetime(2025, 9, 29, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> assert_working_days_after(date(2025, 10, 10), received, 3, calendar=cn)
    >>> assert_working_days_after(date(2025, 10, 9), received, 3, calendar=cn)
    Traceback (most recent call last):
    ...
    AssertionError: Thu 2025-10-09 is not 3 working days after the work order received \
Mon 2025-09-29 10:00 +08:00
      expected Fri 2025-10-10: day 0 Mon 2025-09-29; +1 Tue 09-30; \
+2 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01–10-08); +3 Fri 10-10
      got      Thu 2025-10-09, which is 2 working days after day 0: day 0 Mon 2025-09-29; \
+1 Tue 09-30; +2 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01–10-08)
      calendar WorkCalendar('CN', tz='Asia/Shanghai', weekend=(5, 6), business_hours=09:00-17:00, \
categories=('public',), horizon=(1990, 2100), confirmed_through=2026)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as Time

import pytest

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines.plans import Plan, PlanStep, day_zero
from adservice.errors import AdServiceError, CalendarRangeError, InvalidInputError, brief
from adservice.rulebook.book import Rulebook

__all__ = [
    "CONFIRMED_THROUGH",
    "assert_deadline",
    "assert_not_working_day",
    "assert_working_day",
    "assert_working_days_after",
]

#: The last confirmed year the ``adservice_calendar`` fixture pins by default.
CONFIRMED_THROUGH = 2026
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# -- pytest hooks and fixtures ---------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ini options of the fixtures."""
    parser.addini("adservice_region", "region of the adservice_calendar fixture", default="CN")
    parser.addini(
        "adservice_confirmed_through",
        "last officially announced year of the adservice_calendar fixture",
        default=str(CONFIRMED_THROUGH),
    )


def _fixture_calendar(config: pytest.Config) -> WorkCalendar:
    region = str(config.getini("adservice_region"))
    text = str(config.getini("adservice_confirmed_through"))
    try:
        year = int(text)
    except ValueError:
        msg = f"adservice_confirmed_through must be a year such as {CONFIRMED_THROUGH} (got {brief(text)})."
        raise pytest.UsageError(msg) from None
    try:
        return WorkCalendar(region, confirmed_through=year)
    except AdServiceError as error:
        raise pytest.UsageError(f"adservice_region: {error}") from None


def pytest_report_header(config: pytest.Config) -> str:
    """One header line: which calendar the fixtures pin."""
    region = config.getini("adservice_region")
    through = config.getini("adservice_confirmed_through")
    return f"adservice: {region} calendar confirmed through {through}"


@pytest.fixture(scope="session")
def adservice_calendar(pytestconfig: pytest.Config) -> WorkCalendar:
    """The CN working calendar with ``confirmed_through`` pinned (a calendar never changes in place)."""
    return _fixture_calendar(pytestconfig)


@pytest.fixture(scope="session")
def adservice_rulebook() -> Rulebook:
    """The standard rulebook of the handbooks (immutable: derive your own with ``with_item``)."""
    return Rulebook.standard()


# -- assertion helpers ---------------------------------------------------------------------------


def _day(d: date) -> str:
    return f"{_WEEKDAY[d.weekday()]} {d.isoformat()}"


def _instant(at: datetime) -> str:
    offset = at.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _when(value: date | datetime) -> str:
    return _instant(value) if isinstance(value, datetime) else _day(value)


def _trace_to(cal: WorkCalendar, day0: date, got: date) -> str:
    """How ``got`` stands to ``day0`` in working days, with the calendar's trace if it is a working day."""
    try:
        info = cal.day_kind(got)
        if not info.is_working:
            name = f" ({info.name})" if info.name else ""
            return f"which is a {info.kind}{name}, not a working day"
        k = cal.working_days_between(day0, got)
        word = "working day" if abs(k) == 1 else "working days"
        where = "after" if k >= 0 else "before"
        return f"which is {abs(k)} {word} {where} day 0: {cal.explain(day0, k)}"
    except AdServiceError as error:
        return f"which the calendar cannot place ({error})"


def assert_working_days_after(
    computed: date | datetime | Plan | PlanStep,
    received_at: date | datetime,
    n: int,
    *,
    calendar: WorkCalendar | None = None,
    cutoff: Time | None = None,
) -> None:
    """Assert that ``computed`` is ``n`` working days after the work order received at ``received_at``.

    Day 0 follows the library's rule (SPEC §4): the receipt day if it is a
    working day and the order came before the cut-off, else the next working
    day; a ``date`` counts as received before the cut-off. A ``datetime``
    deadline must be close of business on the day ``n`` working days after
    day 0; a ``date`` must be that day; a plan or step is checked by its
    deadline.

    Args:
        computed: the computed deadline (an aware datetime), due date (a date), or the plan or
            step that holds it. Not named ``deadline``: a deadline is an aware datetime, and this
            also takes a day.
        received_at: when the written work order arrived (aware), or the day it arrived.
        n: working days.
        calendar: the calendar to count on (default: the CN calendar; in tests pass the
            ``adservice_calendar`` fixture or your own).
        cutoff: the daily cut-off for day 0 (default: close of business).

    Raises:
        AssertionError: it is not; the message shows both dates with the calendar's explanation.
        NaiveDatetimeError, InvalidInputError: arguments the library would refuse.
        CalendarRangeError: ``computed`` is an instant that has no day in the calendar's zone
            (e.g. ``datetime.max`` in UTC is past year 9999 in UTC+8).
    """
    __tracebackhide__ = True
    cal = resolve_calendar(calendar)
    got: date | datetime = computed.deadline if isinstance(computed, (Plan, PlanStep)) else computed
    if not isinstance(got, date):
        raise InvalidInputError(
            f"computed must be a date, an aware datetime, a plan or a step (got {brief(got)})."
        )
    if isinstance(received_at, datetime):
        day0 = day_zero(received_at, calendar=cal, cutoff=cutoff)
        receipt = _instant(received_at.astimezone(cal.tz))
    elif isinstance(received_at, date):
        day0 = cal.add_working_days(received_at, 0, roll="forward")
        receipt = _day(received_at)
    else:
        raise InvalidInputError(
            f"received_at must be a date or an aware datetime (got {brief(received_at)})."
        )
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidInputError(f"n must be an int number of working days (got {brief(n)}).")
    why = cal.explain(day0, n)
    expected_day = why.result
    expected: date | datetime = expected_day
    got_day = got
    if isinstance(got, datetime):
        try:
            got_day = require_aware(got, "computed").astimezone(cal.tz).date()
        except OverflowError:  # an instant near datetime.min/max has no wall day in this zone
            raise CalendarRangeError(
                f"computed {brief(got)} has no day in the calendar's zone {cal.tz}."
            ) from None
        expected = cal.close_of_business(expected_day)
    if got == expected:
        return
    if got_day == expected_day:
        detail = f"the right day, but a deadline falls at close of business ({cal.business_hours[1]:%H:%M})"
    else:
        detail = _trace_to(cal, day0, got_day)
    lines = [
        f"{_when(got)} is not {n} working day{'' if n == 1 else 's'} after the work order received {receipt}",
        f"  expected {_when(expected)}: {why}",
        f"  got      {_when(got)}, {detail}",
        f"  calendar {brief(cal)}",
    ]
    raise AssertionError("\n".join(lines))


def _parse(expected: object) -> date | datetime:
    if isinstance(expected, str):
        try:
            return datetime.fromisoformat(expected) if "T" in expected else date.fromisoformat(expected)
        except ValueError:
            msg = (
                f"expected {brief(expected)} is not an ISO date (2025-10-15) or instant "
                f"(2025-10-15T17:00+08:00)."
            )
            raise InvalidInputError(msg) from None
    if isinstance(expected, datetime):
        return require_aware(expected, "expected")
    if isinstance(expected, date):
        return expected
    raise InvalidInputError(
        f"expected must be a date, an aware datetime or ISO text (got {brief(expected)})."
    )


def assert_deadline(plan_or_step: Plan | PlanStep, expected: date | datetime | str) -> None:
    """Assert that a plan (its last step) or a step is due on ``expected``.

    A ``date`` (or ``"2025-10-15"``) is compared with the due day; an aware
    ``datetime`` (or ``"2025-10-15T17:00+08:00"``) with the deadline instant.

    Args:
        plan_or_step: a :class:`~adservice.deadlines.plans.Plan` or
            :class:`~adservice.deadlines.plans.PlanStep`.
        expected: the day or instant it should be due.

    Raises:
        AssertionError: it is not; the message holds the plan's (or step's) explanation.
        InvalidInputError: not a plan or step; ``expected`` of the wrong type or unreadable.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> assert_deadline(p, "2025-10-15")
    >>> assert_deadline(p.step("final_art"), "2025-10-13T17:00+08:00")
    >>> assert_deadline(p.step("copy_and_layout"), date(2025, 10, 9))
    Traceback (most recent call last):
    ...
    AssertionError: copy_and_layout is due Fri 2025-10-10, expected Thu 2025-10-09
      copy_and_layout (T4, 3 working days): day 0 Mon 2025-09-29; +1 Tue 09-30; \
+2 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01–10-08); +3 Fri 10-10
    """
    __tracebackhide__ = True
    if not isinstance(plan_or_step, (Plan, PlanStep)):
        raise InvalidInputError(f"assert_deadline needs a Plan or a PlanStep (got {brief(plan_or_step)}).")
    want = _parse(expected)
    name = plan_or_step.item if isinstance(plan_or_step, Plan) else plan_or_step.key
    got: date | datetime = plan_or_step.deadline if isinstance(want, datetime) else plan_or_step.due_date
    if got == want:
        return
    if isinstance(plan_or_step, Plan):
        trace = "\n".join(f"  {line}" for line in plan_or_step.explain().splitlines())
    else:
        s = plan_or_step
        unit = "working day" if s.days == 1 else "working days"
        trace = (
            f"  {s.key} ({s.rule_id}, {s.days} {unit if s.unit == 'working_days' else s.unit}): {s.explain()}"
        )
    raise AssertionError(f"{name} is due {_when(got)}, expected {_when(want)}\n{trace}")


def assert_working_day(day: date, *, calendar: WorkCalendar | None = None) -> None:
    """Assert that ``day`` is a working day (make-up and extra working days are).

    Raises:
        AssertionError: it is not, naming what it is (weekend, public holiday and which, closure).

    >>> assert_working_day(date(2025, 9, 28))   # a make-up Sunday
    >>> assert_working_day(date(2025, 10, 1))
    Traceback (most recent call last):
    ...
    AssertionError: Wed 2025-10-01 public holiday (National Day) is not a working day
    """
    __tracebackhide__ = True
    info = resolve_calendar(calendar).day_kind(day)
    if not info.is_working:
        raise AssertionError(f"{info.describe()} is not a working day")


def assert_not_working_day(day: date, *, calendar: WorkCalendar | None = None) -> None:
    """Assert that ``day`` is not a working day (weekend, public holiday or agency closure).

    Raises:
        AssertionError: it is one, naming its kind (e.g. a make-up working day).

    >>> assert_not_working_day(date(2025, 9, 28))
    Traceback (most recent call last):
    ...
    AssertionError: Sun 2025-09-28 make-up working day (for National Day) is a working day
    """
    __tracebackhide__ = True
    info = resolve_calendar(calendar).day_kind(day)
    if info.is_working:
        raise AssertionError(f"{info.describe()} is a working day")
