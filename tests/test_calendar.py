"""WorkCalendar: SPEC §2 worked examples, official CN data, numpy parity, properties, refusals."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from datetime import time as Time
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from adservice import ROLLS, DayKind, WorkCalendar
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    InvalidCalendarError,
    InvalidChoiceError,
    InvalidInputError,
    NaiveDatetimeError,
    NotAWorkingDayError,
    ProvisionalCalendarError,
    UnknownRegionError,
)

from . import strategies as s

SH = ZoneInfo("Asia/Shanghai")


def d(text: str) -> date:
    return date.fromisoformat(text)


def days(first: str, last: str) -> list[date]:
    a, b = d(first), d(last)
    return [a + timedelta(k) for k in range((b - a).days + 1)]


# -- SPEC §2 worked examples ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "roll", "expected"),
    [
        ("2025-09-26", 2, "forward", "2025-09-29"),
        ("2025-09-29", 3, "forward", "2025-10-10"),
        ("2025-10-10", 2, "forward", "2025-10-13"),
        ("2025-10-15", -9, "backward", "2025-09-26"),
        ("2025-10-04", 0, "backward", "2025-09-30"),
    ],
)
def test_spec_worked_examples(cn: WorkCalendar, start: str, n: int, roll: str, expected: str) -> None:
    assert cn.add_working_days(d(start), n, roll) == d(expected)  # type: ignore[arg-type]


def test_spec_explanation_line(cn: WorkCalendar) -> None:
    explanation = cn.explain(d("2025-09-26"), 2)
    assert str(explanation) == (
        "day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29"
    )
    assert [step.day for step in explanation.steps] == [d("2025-09-26"), d("2025-09-28"), d("2025-09-29")]
    assert explanation.steps[1].kind is DayKind.MAKEUP_WORKING_DAY
    assert explanation.result == d("2025-09-29")
    assert not explanation.provisional


def test_explanation_names_the_skipped_holiday(cn: WorkCalendar) -> None:
    line = cn.explain(d("2025-09-29"), 3).line
    assert "+2 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01–10-08)" in line
    rolled = cn.explain(d("2025-10-04"), 0, roll="backward")
    assert rolled.steps[0].label == "from" and rolled.result == d("2025-09-30")


def test_spec_hour_examples(cn: WorkCalendar) -> None:
    ended = datetime(2025, 9, 30, 16, tzinfo=SH)
    assert cn.add_elapsed_hours(ended, 24) == datetime(2025, 10, 1, 16, tzinfo=SH)
    assert cn.add_elapsed_hours(ended, 24, roll=True) == datetime(2025, 10, 9, 16, tzinfo=SH)
    assert cn.add_business_hours(ended, 24) == datetime(2025, 10, 11, 16, tzinfo=SH)


def test_business_hours_edges(cn: WorkCalendar) -> None:
    # Before opening counts from opening; exactly a day's hours ends at closing.
    early = datetime(2025, 9, 29, 7, tzinfo=SH)
    assert cn.add_business_hours(early, 8) == datetime(2025, 9, 29, 17, tzinfo=SH)
    assert cn.add_business_hours(early, 16) == datetime(2025, 9, 30, 17, tzinfo=SH)
    # After closing counts from the next working day's opening.
    late = datetime(2025, 9, 30, 18, tzinfo=SH)
    assert cn.add_business_hours(late, 1) == datetime(2025, 10, 9, 10, tzinfo=SH)
    # Other zones are converted to the calendar's zone first.
    utc = datetime(2025, 9, 30, 8, tzinfo=ZoneInfo("UTC"))  # 16:00 in Shanghai
    assert cn.add_business_hours(utc, 24) == datetime(2025, 10, 11, 16, tzinfo=SH)


# -- official CN data ----------------------------------------------------------

OFFICIAL_DAYS_OFF = {
    2024: [
        *days("2024-01-01", "2024-01-01"),
        *days("2024-02-10", "2024-02-17"),
        *days("2024-04-04", "2024-04-06"),
        *days("2024-05-01", "2024-05-05"),
        *days("2024-06-10", "2024-06-10"),
        *days("2024-09-15", "2024-09-17"),
        *days("2024-10-01", "2024-10-07"),
    ],
    2025: [
        *days("2025-01-01", "2025-01-01"),
        *days("2025-01-28", "2025-02-04"),
        *days("2025-04-04", "2025-04-06"),
        *days("2025-05-01", "2025-05-05"),
        *days("2025-05-31", "2025-06-02"),
        *days("2025-10-01", "2025-10-08"),
    ],
    2026: [
        *days("2026-01-01", "2026-01-03"),
        *days("2026-02-15", "2026-02-23"),
        *days("2026-04-04", "2026-04-06"),
        *days("2026-05-01", "2026-05-05"),
        *days("2026-06-19", "2026-06-21"),
        *days("2026-09-25", "2026-09-27"),
        *days("2026-10-01", "2026-10-07"),
    ],
}
OFFICIAL_MAKEUP_DAYS = {
    2024: [
        "2024-02-04",
        "2024-02-18",
        "2024-04-07",
        "2024-04-28",
        "2024-05-11",
        "2024-09-14",
        "2024-09-29",
        "2024-10-12",
    ],
    2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}


@pytest.mark.parametrize("year", sorted(OFFICIAL_DAYS_OFF))
def test_official_cn_year(cn: WorkCalendar, year: int) -> None:
    off = set(OFFICIAL_DAYS_OFF[year])
    makeup = {d(x) for x in OFFICIAL_MAKEUP_DAYS[year]}
    for day in days(f"{year}-01-01", f"{year}-12-31"):
        expected = day in makeup or (day not in off and day.weekday() < 5)
        assert cn.is_working_day(day) == expected, cn.day_kind(day).describe()
        if day in makeup:
            assert cn.day_kind(day).kind is DayKind.MAKEUP_WORKING_DAY
            assert day.weekday() >= 5
    assert len(makeup) == len(OFFICIAL_MAKEUP_DAYS[year])


def test_day_kinds_carry_names(cn: WorkCalendar) -> None:
    assert cn.day_kind(d("2025-10-01")).name == "National Day"
    assert cn.day_kind(d("2025-10-01")).kind is DayKind.PUBLIC_HOLIDAY
    assert cn.day_kind(d("2026-02-14")).name == "for Chinese New Year (Spring Festival)"
    assert cn.day_kind(d("2025-09-27")).kind is DayKind.WEEKEND
    assert cn.day_kind(d("2025-09-29")).kind is DayKind.WORKING


def test_month_helpers(cn: WorkCalendar) -> None:
    october = cn.working_days_in_month(2025, 10)
    assert len(october) == 18 and october[0] == d("2025-10-09") and d("2025-10-11") in october
    assert cn.last_working_day_of_month(2026, 2) == d("2026-02-28")  # a make-up Saturday
    assert cn.last_working_day_of_month(2025, 12) == d("2025-12-31")
    assert cn.next_working_day(d("2025-09-30")) == d("2025-10-09")
    assert cn.previous_working_day(d("2025-10-09")) == d("2025-09-30")
    assert cn.next_working_day(d("2025-09-27")) == d("2025-09-28")


def test_closures_and_extra_working_days() -> None:
    cal = WorkCalendar(
        "CN", closures={d("2025-09-29"): "agency retreat"}, extra_working_days=[d("2025-10-04")]
    )
    assert cal.day_kind(d("2025-09-29")).kind is DayKind.CLOSURE
    assert cal.day_kind(d("2025-09-29")).name == "agency retreat"
    assert cal.day_kind(d("2025-10-04")).kind is DayKind.EXTRA_WORKING_DAY
    assert cal.add_working_days(d("2025-09-26"), 2) == d("2025-09-30")
    assert cal.add_working_days(d("2025-09-30"), 1) == d("2025-10-04")
    with pytest.raises(InvalidCalendarError, match="both an agency closure and an extra working day"):
        WorkCalendar("CN", closures=[d("2025-10-04")], extra_working_days=[d("2025-10-04")])


def test_provisional_years() -> None:
    cn = WorkCalendar("CN")
    assert cn.confirmed_through == 2026
    assert not cn.is_provisional(d("2026-12-24"))
    assert cn.is_provisional(d("2026-12-25"))  # the last week waits for the 2027 notice (issue 10 §3)
    assert cn.is_provisional(d("2027-01-04"))
    assert cn.explain(d("2026-12-30"), 3).provisional
    assert cn.day_kind(d("2027-10-01")).provisional
    strict = WorkCalendar("CN", strict=True)
    assert strict.add_working_days(d("2026-12-21"), 3) == d("2026-12-24")
    with pytest.raises(ProvisionalCalendarError, match="2026-12-24"):
        strict.add_working_days(d("2026-12-22"), 3)
    with pytest.raises(ProvisionalCalendarError):
        strict.is_working_day(d("2027-05-01"))
    with pytest.raises(ProvisionalCalendarError):
        strict.add_working_days_many([d("2026-12-30")], [3])
    assert WorkCalendar("CN", confirmed_through=2027, strict=True).add_working_days(d("2027-01-04"), 1)
    assert WorkCalendar("US").confirmed_through == 2100


def test_other_regions_and_subdivisions() -> None:
    us = WorkCalendar("US", subdivision="CA")
    assert str(us.tz) == "America/Los_Angeles"  # the subdivision's own zone (issue 10 §1)
    assert not us.is_working_day(d("2025-07-04"))
    hk = WorkCalendar("HK")
    assert str(hk.tz) == "Asia/Hong_Kong"
    with pytest.raises(UnknownRegionError, match="CN"):
        WorkCalendar("CNN")
    with pytest.raises(UnknownRegionError, match="close matches: CA"):
        WorkCalendar("US", subdivision="CAL")


def test_calendar_is_a_value() -> None:
    a, b = WorkCalendar("CN"), WorkCalendar("CN")
    assert a == b and hash(a) == hash(b)
    c = a.replace(closures=[d("2025-09-29")])
    assert c != a and a.is_working_day(d("2025-09-29")) and not c.is_working_day(d("2025-09-29"))
    assert not hasattr(a, "__dict__")
    assert "WorkCalendar('CN'" in repr(a)
    with pytest.raises(InvalidChoiceError, match="region"):
        a.replace(regoin="US")


# -- refusals ------------------------------------------------------------------


def test_horizon_refused_at_once(cn: WorkCalendar) -> None:
    with pytest.raises(CalendarRangeError, match=r"1990-01-01\.\.2100-12-31"):
        cn.add_working_days(d("2025-01-01"), 10**9)
    with pytest.raises(CalendarRangeError):
        cn.add_working_days(d("2025-01-01"), -(10**18))
    with pytest.raises(CalendarRangeError):
        cn.add_working_days(d("1989-12-31"), 0)
    with pytest.raises(CalendarRangeError):
        cn.working_days_between(d("2025-01-01"), d("2101-01-01"))
    with pytest.raises(CalendarRangeError):
        cn.add_working_days_many([d("2025-01-01")], [10**12])


def test_roll_raise_and_unknown_roll(cn: WorkCalendar) -> None:
    with pytest.raises(NotAWorkingDayError, match="National Day"):
        cn.add_working_days(d("2025-10-01"), 1, roll="raise")
    assert cn.add_working_days(d("2025-09-28"), 1, roll="raise") == d("2025-09-29")
    with pytest.raises(InvalidChoiceError, match="'modifiedfollowing'"):
        cn.add_working_days(d("2025-10-01"), 1, roll="sideways")  # type: ignore[arg-type]


def test_wrong_types(cn: WorkCalendar) -> None:
    with pytest.raises(InvalidInputError):
        cn.add_working_days("2025-10-01", 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        cn.add_working_days(datetime(2025, 10, 1), 1)
    with pytest.raises(InvalidInputError):
        cn.add_working_days(d("2025-10-01"), 1.5)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        cn.add_business_hours(datetime(2025, 10, 1, 9), 3)
    with pytest.raises(InvalidCalendarError):
        WorkCalendar("CN", business_hours=(Time(17), Time(9)))
    with pytest.raises(InvalidCalendarError):
        WorkCalendar("CN", tz="Mars/Olympus")
    with pytest.raises(InvalidCalendarError):
        WorkCalendar("CN", weekend=range(7))


# -- numpy parity ----------------------------------------------------------------


@pytest.fixture(scope="module")
def us_pair() -> tuple[WorkCalendar, np.busdaycalendar]:
    import holidays

    us = WorkCalendar("US")
    off = sorted(holidays.country_holidays("US", years=range(1990, 2101)))
    return us, np.busdaycalendar(weekmask="1111100", holidays=off)


def test_numpy_parity_bulk(us_pair: tuple[WorkCalendar, np.busdaycalendar]) -> None:
    us, npcal = us_pair
    rng = np.random.default_rng(20251001)
    starts = np.datetime64("1999-01-01") + rng.integers(0, 33000, 20000)
    ns = rng.integers(-2000, 2001, 20000)
    for roll in ROLLS[1:]:
        expected = np.busday_offset(starts, ns, roll=roll, busdaycal=npcal)
        got = us.add_working_days_many(starts.astype(object).tolist(), ns.tolist(), roll=roll)
        assert got == expected.astype(object).tolist(), roll
        # an array in gives an array out (issue 10 §6)
        assert (us.add_working_days_many(starts, ns, roll=roll) == expected).all(), roll
    ends = np.datetime64("1999-01-01") + rng.integers(0, 33000, 20000)
    counts = np.busday_count(starts, ends, busdaycal=npcal)
    got_counts = [
        us.working_days_between(a, b) for a, b in zip(starts.astype(object), ends.astype(object), strict=True)
    ]
    assert got_counts == counts.tolist()


@settings(max_examples=300)
@given(start=s.dates, n=s.offsets, roll=st.sampled_from(ROLLS))
def test_numpy_parity_property(
    us_pair: tuple[WorkCalendar, np.busdaycalendar], start: date, n: int, roll: str
) -> None:
    us, npcal = us_pair
    try:
        expected = np.busday_offset(start, n, roll=roll, busdaycal=npcal).astype(object)
    except ValueError:
        with pytest.raises(NotAWorkingDayError):
            us.add_working_days(start, n, roll)  # type: ignore[arg-type]
        return
    assert us.add_working_days(start, n, roll) == expected  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------


@given(start=s.recent_dates, n=s.offsets, roll=s.rolls)
def test_results_are_working_days(cn: WorkCalendar, start: date, n: int, roll: str) -> None:
    assert cn.is_working_day(cn.add_working_days(start, n, roll))  # type: ignore[arg-type]


@given(start=s.recent_dates, n=s.offsets)
def test_forward_backward_inverse(cn: WorkCalendar, start: date, n: int) -> None:
    assume(cn.is_working_day(start))
    assert cn.add_working_days(cn.add_working_days(start, n), -n) == start


@given(start=s.recent_dates, n=s.offsets, roll=s.rolls)
def test_monotonic_in_n(cn: WorkCalendar, start: date, n: int, roll: str) -> None:
    assert cn.add_working_days(start, n, roll) < cn.add_working_days(start, n + 1, roll)  # type: ignore[arg-type]


@given(a=s.recent_dates, b=s.recent_dates, n=st.integers(0, 500))
def test_monotonic_in_start(cn: WorkCalendar, a: date, b: date, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert cn.add_working_days(lo, n) <= cn.add_working_days(hi, n)


@given(start=s.recent_dates, n=s.offsets)
def test_count_consistent_with_offset(cn: WorkCalendar, start: date, n: int) -> None:
    assume(cn.is_working_day(start))
    assert cn.working_days_between(start, cn.add_working_days(start, n)) == n


@given(a=s.recent_dates, b=s.recent_dates)
def test_count_antisymmetric_shape(cn: WorkCalendar, a: date, b: date) -> None:
    # numpy's busday_count: [a, b) forwards, minus (b, a] backwards.
    forward = sum(cn.is_working_day(a + timedelta(k)) for k in range((b - a).days))
    backward = sum(cn.is_working_day(b + timedelta(k)) for k in range(1, (a - b).days + 1))
    assert cn.working_days_between(a, b) == forward - backward


@given(start=s.aware_datetimes, hours=st.floats(0, 500))
def test_business_hours_monotonic_and_inside_hours(cn: WorkCalendar, start: datetime, hours: float) -> None:
    due = cn.add_business_hours(start, hours)
    later = cn.add_business_hours(start, hours + 1)
    assert due <= later
    assert cn.is_working_day(due.date())
    assert Time(9) <= due.timetz().replace(tzinfo=None) <= Time(17)


@given(start=s.aware_datetimes, hours=st.floats(0, 500))
def test_elapsed_hours_roll_lands_on_working_day(cn: WorkCalendar, start: datetime, hours: float) -> None:
    strict = cn.add_elapsed_hours(start, hours)
    rolled = cn.add_elapsed_hours(start, hours, roll=True)
    assert rolled >= strict and cn.is_working_day(rolled.date())
    assert rolled.timetz().replace(tzinfo=None) == strict.timetz().replace(tzinfo=None)


@settings(max_examples=300)
@given(
    method=st.sampled_from(
        [
            "is_working_day",
            "day_kind",
            "add_working_days",
            "working_days_between",
            "next_working_day",
            "previous_working_day",
            "working_days_in_month",
            "last_working_day_of_month",
            "explain",
            "add_elapsed_hours",
            "add_business_hours",
            "add_working_days_many",
            "is_provisional",
            "close_of_business",
        ]
    ),
    args=st.lists(s.junk, min_size=0, max_size=3),
)
def test_only_documented_exceptions(cn: WorkCalendar, method: str, args: list[object]) -> None:
    try:
        getattr(cn, method)(*args)
    except AdServiceError:
        pass
    except TypeError as error:
        # Wrong arity is Python's own complaint about the call, not the library's.
        assert "positional argument" in str(error)


@settings(max_examples=100)
@given(
    region=st.text(max_size=6),
    subdivision=st.none() | st.text(max_size=4),
    tz=st.none() | st.text(max_size=10),
)
def test_constructor_only_documented_exceptions(region: str, subdivision: str | None, tz: str | None) -> None:
    with contextlib.suppress(AdServiceError):
        WorkCalendar(region, subdivision=subdivision, tz=tz)


# -- working time between two instants -------------------------------------------


def test_working_time_between_examples(cn: WorkCalendar) -> None:
    hours = timedelta(hours=1)
    # 16:00 on the eve of National Day to 10:00 on the first day back: 1 h + 1 h.
    assert cn.working_time_between(
        datetime(2025, 9, 30, 16, tzinfo=SH), datetime(2025, 10, 9, 10, tzinfo=SH)
    ) == (2 * hours)
    # Fri 10:00 to Mon 10:00 across the make-up Sunday 09-28: 7 + 8 + 1 hours.
    assert cn.working_time_between(
        datetime(2025, 9, 26, 10, tzinfo=SH), datetime(2025, 9, 29, 10, tzinfo=SH)
    ) == (16 * hours)
    # Outside business hours counts nothing; reversed instants give the negative.
    night = datetime(2025, 9, 29, 18, tzinfo=SH)
    assert cn.working_time_between(night, night + timedelta(hours=14)) == timedelta(0)
    assert cn.working_time_between(
        datetime(2025, 10, 9, 10, tzinfo=SH), datetime(2025, 9, 30, 16, tzinfo=SH)
    ) == (-2 * hours)
    # Other zones are read in the calendar's zone (08:00 UTC is 16:00 in Shanghai).
    utc = datetime(2025, 9, 30, 8, tzinfo=ZoneInfo("UTC"))
    assert cn.working_time_between(utc, datetime(2025, 9, 30, 17, tzinfo=SH)) == hours


def test_working_time_between_refusals(cn: WorkCalendar) -> None:
    with pytest.raises(NaiveDatetimeError):
        cn.working_time_between(datetime(2025, 9, 30, 16), datetime(2025, 10, 9, 10, tzinfo=SH))
    with pytest.raises(InvalidInputError):
        cn.working_time_between(d("2025-09-30"), datetime(2025, 10, 9, 10, tzinfo=SH))  # type: ignore[arg-type]
    with pytest.raises(CalendarRangeError):
        cn.working_time_between(datetime(2025, 9, 30, 16, tzinfo=SH), datetime(2101, 1, 3, tzinfo=SH))
    strict = WorkCalendar("CN", strict=True)
    with pytest.raises(ProvisionalCalendarError):
        strict.working_time_between(datetime(2026, 12, 30, 9, tzinfo=SH), datetime(2027, 1, 5, 9, tzinfo=SH))


@given(a=s.aware_datetimes, b=s.aware_datetimes, c=s.aware_datetimes)
def test_working_time_between_is_additive(cn: WorkCalendar, a: datetime, b: datetime, c: datetime) -> None:
    ab, bc = cn.working_time_between(a, b), cn.working_time_between(b, c)
    assert ab + bc == cn.working_time_between(a, c)
    assert cn.working_time_between(b, a) == -ab
    if a <= b:
        assert ab >= timedelta(0)


@given(start=s.aware_datetimes, hours=st.floats(0, 500))
def test_working_time_between_inverts_business_hours(cn: WorkCalendar, start: datetime, hours: float) -> None:
    due = cn.add_business_hours(start, hours)
    assert abs(cn.working_time_between(start, due) - timedelta(hours=hours)) <= timedelta(microseconds=1)


@given(a=s.aware_datetimes, span=st.timedeltas(timedelta(days=-60), timedelta(days=60)))
def test_working_time_between_matches_day_by_day_sum(cn: WorkCalendar, a: datetime, span: timedelta) -> None:
    b = a + span
    lo, hi = sorted((a.astimezone(SH), b.astimezone(SH)))
    total = timedelta(0)
    day = lo.date()
    while day <= hi.date():
        if cn.is_working_day(day):
            opening = datetime(day.year, day.month, day.day, 9, tzinfo=SH)
            closing = opening + timedelta(hours=8)
            total += max(timedelta(0), min(closing, hi) - max(opening, lo))
        day += timedelta(days=1)
    assert cn.working_time_between(lo, hi) == total


def test_pickles_small_and_equal() -> None:
    import pickle

    cal = WorkCalendar("CN", closures={d("2025-09-29"): "retreat"}, strict=True)
    data = pickle.dumps(cal)
    assert len(data) < 2000
    again = pickle.loads(data)
    assert again == cal and not again.is_working_day(d("2025-09-29"))
