"""Calendar bad input (issue 9 §8): wrong types and extreme values raise documented errors, change nothing."""

from __future__ import annotations

import contextlib
import math
from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as Time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.calendar import WorkCalendar
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    NaiveDatetimeError,
    SchemaError,
)

SH = ZoneInfo("Asia/Shanghai")
UTC = timezone.utc

extreme_dates = st.sampled_from(
    [
        date.min,
        date.max,
        date(1, 1, 1),
        date(9999, 12, 31),
        date(1989, 12, 31),
        date(2101, 1, 1),
        date(1990, 1, 1),
    ]
)
extreme_instants = st.sampled_from(
    [
        datetime.min.replace(tzinfo=UTC),
        datetime.max.replace(tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=SH),
        datetime(9999, 12, 31, 23, 59, tzinfo=SH),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
        datetime(2100, 12, 31, 23, 59, tzinfo=SH),
        datetime(1990, 1, 1, tzinfo=SH),
        datetime(2025, 9, 30, 16),  # naive
        datetime.min,
        datetime.max,
    ]
)
extreme_numbers = st.sampled_from(
    [
        10**400,
        -(10**400),
        10**18,
        -(10**18),
        2**63,
        math.nan,
        math.inf,
        -math.inf,
        1e308,
        -1.0,
        True,
        False,
        0,
    ]
)
extreme_hours = extreme_numbers | st.sampled_from(
    [timedelta.max, timedelta.min, timedelta(0), -timedelta(hours=1)]
)
junk = st.sampled_from([None, "2025-10-01", b"x", [], {}, object(), 3.5, "forward", Time(9)])
any_date = extreme_dates | st.dates() | st.datetimes() | junk
any_instant = extreme_instants | st.datetimes(timezones=st.just(SH) | st.just(UTC) | st.none()) | junk
any_int = extreme_numbers | st.integers() | junk
any_roll = st.sampled_from(["forward", "backward", "raise", "modifiedfollowing", "sideways", None, 1, True])

CALLS = {
    "is_working_day": st.tuples(any_date),
    "day_kind": st.tuples(any_date),
    "is_provisional": st.lists(any_date, max_size=3).map(tuple),
    "add_working_days": st.tuples(any_date, any_int, any_roll),
    "add_working_days_many": st.tuples(
        st.lists(any_date, max_size=3), st.lists(any_int, max_size=3), any_roll
    ),
    "working_days_between": st.tuples(any_date, any_date),
    "next_working_day": st.tuples(any_date),
    "previous_working_day": st.tuples(any_date),
    "working_days_in_month": st.tuples(any_int, any_int),
    "last_working_day_of_month": st.tuples(any_int, any_int),
    "month": st.tuples(any_int, any_int),
    "explain": st.tuples(any_date, st.integers(-30, 30) | any_int, any_roll),
    "close_of_business": st.tuples(any_date),
    "add_elapsed_hours": st.tuples(any_instant, extreme_hours | st.floats(), st.booleans() | junk),
    "add_business_hours": st.tuples(any_instant, extreme_hours | st.floats()),
    "working_time_between": st.tuples(any_instant, any_instant),
    "from_dict": st.tuples(st.dictionaries(st.text(max_size=3), junk, max_size=3) | junk),
    "replace": st.tuples(),
}

CALENDARS = {
    "CN": WorkCalendar("CN"),
    "strict": WorkCalendar("CN", strict=True),
    "narrow": WorkCalendar("US", horizon=(2024, 2025)),
}


@settings(max_examples=400, deadline=None)
@given(which=st.sampled_from(sorted(CALENDARS)), call=st.sampled_from(sorted(CALLS)), data=st.data())
def test_every_public_method_raises_only_documented_errors_and_changes_nothing(
    which: str, call: str, data: st.DataObject
) -> None:
    cal = CALENDARS[which]
    before = (cal.to_dict(), hash(cal), cal.add_working_days(date(2024, 12, 27), 3))
    args = data.draw(CALLS[call], label="args")
    with contextlib.suppress(AdServiceError):
        getattr(cal, call)(*args)
    assert (cal.to_dict(), hash(cal), cal.add_working_days(date(2024, 12, 27), 3)) == before


settings_values = st.sampled_from(
    [
        None,
        5,
        "x",
        "",
        "\x00",
        "../etc",
        True,
        10**400,
        math.nan,
        (1, 2, 3),
        [date(2025, 1, 1)],
        {date(2025, 1, 1): 3},
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(
        [
            "region",
            "subdivision",
            "categories",
            "weekend",
            "closures",
            "extra_working_days",
            "business_hours",
            "tz",
            "horizon",
            "confirmed_through",
            "strict",
        ]
    ),
    value=settings_values,
)
def test_every_setting_given_junk_raises_a_documented_error(key: str, value: object) -> None:
    cal = CALENDARS["CN"]
    with contextlib.suppress(AdServiceError):
        cal.replace(**{key: value})
    assert cal == WorkCalendar("CN")


def test_named_extremes() -> None:
    cn = CALENDARS["CN"]
    ended = datetime(2025, 9, 30, 16, tzinfo=SH)
    with pytest.raises(DurationOutOfRangeError, match="finite"):
        cn.add_elapsed_hours(ended, 10**400)
    with pytest.raises(DurationOutOfRangeError, match="finite"):
        cn.add_business_hours(ended, math.nan)
    with pytest.raises(DurationOutOfRangeError):
        cn.add_business_hours(ended, math.inf)
    with pytest.raises(InvalidInputError):
        cn.add_business_hours(ended, True)
    with pytest.raises(CalendarRangeError, match="horizon"):
        cn.add_elapsed_hours(datetime.max.replace(tzinfo=UTC), 1)
    with pytest.raises(CalendarRangeError, match="horizon"):
        cn.add_business_hours(datetime.min.replace(tzinfo=UTC), 1)
    with pytest.raises(CalendarRangeError, match="horizon"):
        cn.add_elapsed_hours(ended, timedelta.max)
    with pytest.raises(CalendarRangeError, match="horizon"):
        cn.add_business_hours(ended, timedelta(days=10**6))
    with pytest.raises(CalendarRangeError, match="horizon"):
        cn.working_time_between(datetime(1, 1, 1, tzinfo=SH), ended)
    with pytest.raises(NaiveDatetimeError):
        cn.working_time_between(datetime(2025, 1, 1), ended)
    with pytest.raises(InvalidInputError):
        cn.add_working_days(date(2025, 1, 1), True)
    with pytest.raises(CalendarRangeError):
        cn.add_working_days(date(2025, 1, 1), 10**400)
    with pytest.raises(InvalidInputError):
        cn.add_elapsed_hours(ended, 1, roll="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        WorkCalendar("CN", strict="no")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        WorkCalendar("CN", closures=5)  # type: ignore[arg-type]
    with pytest.raises(SchemaError):
        WorkCalendar.from_dict({**cn.to_dict(), "closures": {"2025-01-01": 3}})


def test_next_and_previous_working_day_at_the_horizon_edges() -> None:
    cn = CALENDARS["CN"]
    # 1990-01-01 is the horizon's first day (a holiday): the next working day is the 2nd
    assert cn.next_working_day(date(1990, 1, 1)) == date(1990, 1, 2)
    with pytest.raises(CalendarRangeError, match=r"the working day before 1990-01-02"):
        cn.previous_working_day(date(1990, 1, 2))
    with pytest.raises(CalendarRangeError, match="the working day after 2100-12-31"):
        cn.next_working_day(date(2100, 12, 31))
    with pytest.raises(CalendarRangeError, match="1989-12-31 is outside"):
        cn.next_working_day(date(1989, 12, 31))
    # a roll that runs off the horizon says which working day it looked for, not that the day is outside
    with pytest.raises(CalendarRangeError, match=r"the working day before 1990-01-01 \(roll='backward'\)"):
        cn.add_working_days(date(1990, 1, 1), 0, roll="backward")
    # the answers agree with add_working_days inside the horizon
    for day in (date(2025, 9, 30), date(2025, 10, 1), date(2025, 10, 8), date(2025, 9, 27)):
        assert cn.next_working_day(day) == cn.add_working_days(day, 1, roll="backward")
        assert cn.previous_working_day(day) == cn.add_working_days(day, -1, roll="forward")


@given(st.dates(min_value=date(1990, 1, 2), max_value=date(2100, 12, 30)))
def test_next_and_previous_working_day_are_strict_neighbours(day: date) -> None:
    cn = CALENDARS["CN"]
    nxt = cn.next_working_day(day)
    assert nxt > day and cn.is_working_day(nxt)
    assert all(
        not cn.is_working_day(date.fromordinal(o)) for o in range(day.toordinal() + 1, nxt.toordinal())
    )
    try:
        prev = cn.previous_working_day(day)
    except CalendarRangeError:
        assert cn.working_days_between(date(1990, 1, 1), day) == 0
        return
    assert prev < day and cn.is_working_day(prev)
    assert all(
        not cn.is_working_day(date.fromordinal(o)) for o in range(prev.toordinal() + 1, day.toordinal())
    )


class _BrokenZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise ValueError("broken")

    def dst(self, dt: datetime | None) -> timedelta:
        raise ValueError("broken")


def test_a_broken_tzinfo_is_refused_as_naive() -> None:
    with pytest.raises(NaiveDatetimeError, match="has no time zone"):
        CALENDARS["CN"].add_business_hours(datetime(2025, 9, 30, 16, tzinfo=_BrokenZone()), 1)
