"""Issue 11 §7: duties at a cadence — regular client meetings (O14), the annual brand review (O15), the
payment reconciliation list (O16), the client tier review (O17) — checked against an independent oracle
built with dateutil.rrule, and wired into an engagement's obligations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import MONTHLY, WEEKLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.calendar import WorkCalendar
from adservice.deadlines import (
    brand_review,
    cadence_days,
    client_meetings,
    payment_reconciliation,
    tier_review,
)
from adservice.engagement import Engagement
from adservice.errors import DurationOutOfRangeError, InvalidChoiceError, NaiveDatetimeError
from adservice.portfolio import engagement_obligations, recurring
from adservice.rulebook import Rulebook

from .lifecycle_walk import C, clock, to_brief

SH = ZoneInfo("Asia/Shanghai")
CN = WorkCalendar("CN")


def oracle_days(first: date, cadence: str, until: date) -> list[date]:
    """The nominal days by RFC 5545 rules: weekly/fortnightly by interval; monthly on the first day's
    day of the month, or the month's last day when it has no such day (BYMONTHDAY=d,-1;BYSETPOS=1)."""
    start = datetime.combine(first, time())
    stop = datetime.combine(until, time())
    if cadence == "monthly":
        rule = rrule(MONTHLY, dtstart=start, until=stop, bymonthday=(first.day, -1), bysetpos=1)
    else:
        rule = rrule(WEEKLY, dtstart=start, until=stop, interval=1 if cadence == "weekly" else 2)
    return [d.date() for d in rule]


def oracle_due(first: date, cadence: str, start: date, end: date) -> list[date]:
    """The oracle's working days in ``[start, end)``: each nominal day moved to the next working day."""
    days = set()
    for nominal in oracle_days(first, cadence, end):
        day = nominal
        while not CN.is_working_day(day):
            day += timedelta(days=1)
        if start <= day < end:
            days.add(day)
    return sorted(days)


firsts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(SH))
cadences = st.sampled_from(["weekly", "fortnightly", "monthly"])


@settings(max_examples=150, deadline=None)
@given(first=firsts, cadence=cadences, offset=st.integers(-60, 400), length=st.integers(0, 200))
def test_regular_meetings_fall_where_the_rrule_oracle_says(
    first: datetime, cadence: str, offset: int, length: int
) -> None:
    start = first.date() + timedelta(days=offset)
    end = start + timedelta(days=length)
    got = client_meetings(first, start, end, cadence=cadence, calendar=CN)
    assert [d.due.date() for d in got] == oracle_due(first.date(), cadence, start, end)
    assert all(d.due.timetz().replace(tzinfo=None) == first.time() for d in got)  # the agreed time
    assert all(d.rule_id == "O14" and CN.is_working_day(d.due.date()) for d in got)


@settings(max_examples=100, deadline=None)
@given(first=firsts, cadence=cadences, length=st.integers(0, 400))
def test_payment_reconciliation_follows_the_oracle_at_close_of_business(
    first: datetime, cadence: str, length: int
) -> None:
    start = first.date()
    end = start + timedelta(days=length)
    got = payment_reconciliation(first, start, end, cadence=cadence, calendar=CN)
    assert [d.due.date() for d in got] == oracle_due(first.date(), cadence, start, end)
    assert all(d.due == CN.close_of_business(d.due.date()) for d in got)


@settings(max_examples=100, deadline=None)
@given(first=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), cadence=cadences)
def test_cadence_days_are_the_rrule_days(first: date, cadence: str) -> None:
    end = first + timedelta(days=800)
    assert list(cadence_days(first, cadence, first, end)) == oracle_days(
        first, cadence, end - timedelta(days=1)
    )


@settings(max_examples=60, deadline=None)
@given(since=firsts, months=st.integers(1, 24))
def test_brand_and_tier_reviews_come_every_cycle_after_the_contract(since: datetime, months: int) -> None:
    book = Rulebook.standard().with_params("O15", cycle_months=months)
    start, end = since.date(), since.date() + timedelta(days=1500)
    got = [d.due.date() for d in brand_review(since, start, end, calendar=CN, rulebook=book)]
    nominal = [
        d.date()
        for d in rrule(
            MONTHLY,
            interval=months,
            dtstart=datetime.combine(since.date(), time()),
            until=datetime.combine(end, time()),
            bymonthday=(since.day, -1),
            bysetpos=1,
        )
    ][1:]  # the first review is one cycle after the contract
    expected = []
    for first_day in nominal:
        day = first_day
        while not CN.is_working_day(day):
            day += timedelta(days=1)
        if day < end and day not in expected:
            expected.append(day)
    assert got == expected


def test_worked_examples() -> None:
    first = datetime(2025, 9, 24, 10, tzinfo=SH)  # a Wednesday; Oct 1 and 8 fall in the National Day holiday
    got = client_meetings(first, date(2025, 9, 20), date(2025, 10, 20), cadence="weekly", calendar=CN)
    assert [d.due.isoformat() for d in got] == [
        "2025-09-24T10:00:00+08:00",
        "2025-10-09T10:00:00+08:00",  # Oct 1 and Oct 8 both move to Thu Oct 9: one meeting
        "2025-10-15T10:00:00+08:00",
    ]
    assert "moved to 2025-10-09" in got[1].because
    signed = datetime(2025, 1, 22, 10, tzinfo=SH)
    assert [d.due.date() for d in tier_review(signed, date(2025, 1, 1), date(2026, 2, 1), calendar=CN)] == [
        date(2025, 7, 22),
        date(2026, 1, 22),
    ]


def test_bad_arguments_are_refused() -> None:
    first = datetime(2025, 9, 24, 10, tzinfo=SH)
    with pytest.raises(InvalidChoiceError):
        client_meetings(first, date(2025, 9, 1), date(2025, 10, 1), cadence="daily")
    with pytest.raises(DurationOutOfRangeError):
        client_meetings(first, date(2025, 10, 1), date(2025, 9, 1))
    with pytest.raises(NaiveDatetimeError):
        brand_review(datetime(2025, 1, 1), date(2025, 1, 1), date(2026, 1, 1))
    assert (
        client_meetings(
            first, date(2025, 9, 1), date(2025, 12, 1), rulebook=Rulebook.standard().without("O14")
        )
        == ()
    )


def test_an_engagement_owes_its_agreed_routines_and_reviews() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)  # signed 2026-03-02
    first = datetime(2026, 3, 11, 10, tzinfo=SH)
    e.agree_routine(next(t), C, routine="client_meetings", cadence="fortnightly", first=first)
    e.agree_routine(next(t), C, routine="payment_reconciliation", cadence="monthly", first=first)
    obligations = engagement_obligations(e, date(2026, 3, 1), date(2027, 3, 31))
    by_rule: dict[str, list[date]] = {}
    for ob in obligations:
        by_rule.setdefault(ob.rule_id, []).append(ob.deadline.date())
    assert by_rule["O14"][:3] == [date(2026, 3, 11), date(2026, 3, 25), date(2026, 4, 8)]
    assert by_rule["O16"][:2] == [date(2026, 3, 11), date(2026, 4, 13)]  # Apr 11 is a Saturday
    assert by_rule["O15"] == [date(2027, 3, 2)] and by_rule["O17"] == [date(2026, 9, 2), date(2027, 3, 2)]
    assert [o.rule_id for o in recurring("O15", date(2026, 1, 1), date(2027, 12, 1), since=first)] == ["O15"]
