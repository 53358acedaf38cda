"""Hours are real hours (issue 10 §4): a US/Eastern calendar around its clock changes, against an
oracle computed independently in UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from datetime import time as Time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import WorkCalendar

NY = ZoneInfo("America/New_York")
UTC = timezone.utc
CHANGES = [
    datetime(2024, 3, 10, 7, tzinfo=UTC),
    datetime(2024, 11, 3, 6, tzinfo=UTC),
    datetime(2025, 3, 9, 7, tzinfo=UTC),
    datetime(2025, 11, 2, 6, tzinfo=UTC),
    datetime(2026, 3, 8, 7, tzinfo=UTC),
    datetime(2026, 11, 1, 6, tzinfo=UTC),
]
HOURS = [
    (Time(0), Time(8)),
    (Time(1), Time(3, 30)),
    (Time(2, 30), Time(11)),
    (Time(9), Time(17)),
    (Time(22), Time(23, 59)),
]


def calendar(hours: tuple[Time, Time]) -> WorkCalendar:
    # Sunday is a working day here, so the Sunday-night clock changes fall inside business hours.
    return WorkCalendar("US", weekend=(5,), business_hours=hours, horizon=(2023, 2027))


def utc_of(day: date, wall: Time) -> datetime:
    """The instant of a wall time in New York, found by trying its two offsets (EST, EDT) in UTC."""
    naive = datetime.combine(day, wall)
    hits = [
        naive - offset
        for offset in (timedelta(hours=-5), timedelta(hours=-4))
        if (naive - offset).replace(tzinfo=UTC).astimezone(NY).replace(tzinfo=None) == naive
    ]
    # a repeated wall time: its first occurrence; a skipped one: read with the offset before the change
    chosen = min(hits) if hits else naive + timedelta(hours=5)
    return chosen.replace(tzinfo=UTC)


def intervals(cal: WorkCalendar, start: date, days: int) -> list[tuple[datetime, datetime]]:
    opening, closing = cal.business_hours
    out = []
    for k in range(days):
        day = start + timedelta(days=k)
        if cal.is_working_day(day):
            out.append((utc_of(day, opening), utc_of(day, closing)))
    return out


def oracle_between(cal: WorkCalendar, a: datetime, b: datetime) -> timedelta:
    a, b = a.astimezone(UTC), b.astimezone(UTC)
    lo, hi = min(a, b), max(a, b)
    spans = intervals(cal, lo.astimezone(NY).date() - timedelta(days=1), (hi - lo).days + 4)
    total = sum((max(timedelta(0), min(c, hi) - max(o, lo)) for o, c in spans), timedelta(0))
    return total if b >= a else -total


def oracle_add(cal: WorkCalendar, start: datetime, hours: timedelta) -> datetime:
    start = start.astimezone(UTC)
    spans = intervals(cal, start.astimezone(NY).date() - timedelta(days=1), 40)
    for o, c in spans:
        if c <= start:
            continue
        begin = max(o, start)
        if hours == timedelta(0):
            return begin
        if begin + hours <= c:
            return begin + hours
        hours -= c - begin
    raise AssertionError("oracle ran out of days")


def exists(result: datetime) -> bool:
    """Whether the wall time ``result`` shows is one New York's clocks show (and means the same instant)."""
    naive = result.replace(tzinfo=None)
    again = naive.replace(tzinfo=NY, fold=result.fold).astimezone(UTC).astimezone(NY)
    return again.replace(tzinfo=None) == naive and again.astimezone(UTC) == result.astimezone(UTC)


instants = st.builds(
    lambda change, minutes: (change + timedelta(minutes=minutes)).astimezone(NY),
    st.sampled_from(CHANGES),
    st.integers(-3 * 24 * 60, 3 * 24 * 60).map(lambda m: m - m % 15),
)
quarter_hours = st.integers(0, 4 * 30).map(lambda q: timedelta(minutes=15 * q))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HOURS), instants, instants)
def test_working_time_between_is_real_time(hours: tuple[Time, Time], a: datetime, b: datetime) -> None:
    cal = calendar(hours)
    assert cal.working_time_between(a, b) == oracle_between(cal, a, b)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HOURS), instants, quarter_hours)
def test_add_business_hours_is_real_time_and_exists(
    hours: tuple[Time, Time], start: datetime, amount: timedelta
) -> None:
    cal = calendar(hours)
    got = cal.add_business_hours(start, amount)
    # compared in UTC: Python never finds a wall time of the repeated hour equal to another zone's instant
    assert got.astimezone(UTC) == oracle_add(cal, start, amount)
    assert exists(got) and got.tzinfo is cal.tz
    assert cal.working_time_between(start, got) == amount


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HOURS), instants, quarter_hours)
def test_rolled_elapsed_hours_exist(hours: tuple[Time, Time], start: datetime, amount: timedelta) -> None:
    cal = WorkCalendar("US", business_hours=hours, horizon=(2023, 2027))  # Sundays off: rolls happen
    got = cal.add_elapsed_hours(start, amount, roll=True)
    assert exists(got) and cal.is_working_day(got.date())
    plain = (start.astimezone(UTC) + amount).astimezone(NY)
    if cal.is_working_day(plain.date()):
        assert got.astimezone(UTC) == plain.astimezone(UTC)
    else:  # the same wall time on the next working day, or just after the hour the clock skips there
        assert got.date() == cal.next_working_day(plain.date())
        assert got.astimezone(UTC) == utc_of(got.date(), plain.time())


def test_a_night_shift_across_spring_forward_counts_seven_hours() -> None:
    night = calendar((Time(0), Time(8)))
    start = datetime(2025, 3, 9, 0, tzinfo=NY)
    assert night.working_time_between(start, datetime(2025, 3, 9, 8, tzinfo=NY)) == timedelta(hours=7)
    assert night.add_business_hours(start, 7).isoformat() == "2025-03-09T08:00:00-04:00"
    assert night.add_business_hours(start, 2.5).isoformat() == "2025-03-09T03:30:00-04:00"
    fall = datetime(2025, 11, 2, 0, tzinfo=NY)
    assert night.working_time_between(fall, datetime(2025, 11, 2, 8, tzinfo=NY)) == timedelta(hours=9)


@pytest.mark.parametrize(
    "call",
    [
        lambda cal: cal.add_business_hours(datetime(2025, 3, 8, 23, tzinfo=NY), 0),
        lambda cal: cal.add_business_hours(datetime(2025, 3, 8, 23, tzinfo=NY), 0.25),
        lambda cal: cal.add_elapsed_hours(datetime(2025, 3, 7, 2, 30, tzinfo=NY), 24, roll=True),
        lambda cal: cal.close_of_business(date(2025, 3, 9)),
    ],
)
def test_no_result_is_a_time_the_clock_skips(call) -> None:  # type: ignore[no-untyped-def]
    # Saturday off, Sunday 2025-03-09 (the spring-forward day) a working day opening at 02:30
    cal = WorkCalendar("US", weekend=(5,), business_hours=(Time(2, 30), Time(2, 45)), horizon=(2024, 2026))
    got = call(cal)
    assert exists(got), got.isoformat()
    assert got.date() == date(2025, 3, 9) and got.hour == 3
