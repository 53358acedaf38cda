"""Values as people pass them (issue 10 §6): numpy and pandas days and counts, arrays in and out,
and a year's days off and make-up days by name."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import holidays
import numpy as np
import pandas as pd
import pytest

from adservice import WorkCalendar
from adservice.calendar import batch
from adservice.calendar.days import DayKind
from adservice.errors import (
    CalendarRangeError,
    InvalidInputError,
    MissingExtraError,
    NotAWorkingDayError,
    ProvisionalCalendarError,
)

CN = WorkCalendar("CN")


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_the_core_imports_neither_numpy_nor_pandas() -> None:
    code = (
        "import sys, adservice; adservice.WorkCalendar('CN'); "
        "print(sorted({'numpy', 'pandas'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "day",
    [np.datetime64("2025-09-26"), np.datetime64("2025-09-26T00:00:00"), pd.Timestamp("2025-09-26")],
)
@pytest.mark.parametrize("n", [2, np.int64(2), np.int32(2), np.uint8(2)])
def test_numpy_and_pandas_scalars_are_days_and_counts(day: object, n: object) -> None:
    assert CN.add_working_days(day, n) == d("2025-09-29")  # type: ignore[arg-type]
    assert CN.is_working_day(day)  # type: ignore[arg-type]
    assert CN.working_days_between(day, d("2025-09-30")) == 3  # type: ignore[arg-type]
    assert CN.day_kind(day).day == d("2025-09-26")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "day",
    [
        np.datetime64("2025-09-26T10:00"),  # a time of day would be lost
        np.datetime64("NaT"),
        pd.NaT,
        pd.Timestamp("2025-09-26 10:00"),
        pd.Timestamp("2025-09-26", tz="Asia/Shanghai"),
        np.float64(3.0),
        datetime(2025, 9, 26),
    ],
)
def test_what_is_not_a_day_is_refused(day: object) -> None:
    with pytest.raises(InvalidInputError):
        CN.add_working_days(day, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [np.float64(2.0), np.bool_(True), True, 2.0])
def test_what_is_not_a_count_is_refused(n: object) -> None:
    with pytest.raises(InvalidInputError):
        CN.add_working_days(d("2025-09-26"), n)  # type: ignore[arg-type]


def test_many_broadcasts_one_n_over_lists() -> None:
    days = [d("2025-09-26"), d("2025-09-29"), d("2025-10-01")]
    assert CN.add_working_days_many(days, 2) == [CN.add_working_days(x, 2) for x in days]
    assert CN.add_working_days_many(days, np.int64(2)) == CN.add_working_days_many(days, [2, 2, 2])


def test_many_takes_arrays_and_pandas_and_gives_numpy_arrays() -> None:
    index = pd.date_range("2024-12-20", "2025-12-20")
    expected = np.array([CN.add_working_days(x.date(), 3) for x in index], dtype="datetime64[D]")
    for days in (index, pd.Series(index), index.values, index.values.astype("datetime64[D]")):
        got = CN.add_working_days_many(days, 3)
        assert isinstance(got, np.ndarray) and got.dtype == np.dtype("datetime64[D]")
        assert (got == expected).all()
    ns = np.arange(len(index)) % 7 - 3
    got = CN.add_working_days_many(index, ns, roll="backward")
    assert got.tolist() == [
        CN.add_working_days(x.date(), int(n), "backward") for x, n in zip(index, ns, strict=True)
    ]
    grid = index.values[:360].astype("datetime64[D]").reshape(30, 12)
    assert CN.add_working_days_many(grid, 1).shape == (30, 12)


def test_many_refuses_arrays_as_the_scalar_method_refuses() -> None:
    with pytest.raises(InvalidInputError):
        CN.add_working_days_many(pd.DatetimeIndex(["2025-09-26 10:00"]), 1)
    with pytest.raises(InvalidInputError):
        CN.add_working_days_many(np.array(["2025-09-26", "NaT"], dtype="datetime64[D]"), 1)
    with pytest.raises(CalendarRangeError):
        CN.add_working_days_many(np.array(["1980-01-01"], dtype="datetime64[D]"), 1)
    with pytest.raises(NotAWorkingDayError):
        CN.add_working_days_many(np.array(["2025-10-01"], dtype="datetime64[D]"), 1, roll="raise")
    with pytest.raises(InvalidInputError):
        CN.add_working_days_many(np.array(["2025-10-01"], dtype="datetime64[D]"), [1.5])
    with pytest.raises(InvalidInputError):
        CN.add_working_days_many(np.array(["2025-10-01", "2025-10-02"], dtype="datetime64[D]"), [1, 2, 3])
    strict = WorkCalendar("CN", strict=True)
    with pytest.raises(ProvisionalCalendarError):
        strict.add_working_days_many(np.array(["2027-01-02"], dtype="datetime64[D]"), 0, roll="backward")


def test_without_numpy_arrays_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(MissingExtraError, match="pip install numpy"):
        batch.numpy()


def test_a_years_days_off_and_makeup_days_by_name() -> None:
    off = CN.days_off(2025)
    source = holidays.country_holidays("CN", years=2025, language="en_US")
    assert {info.day: info.name for info in off} == dict(source.items())
    assert all(info.kind is DayKind.PUBLIC_HOLIDAY for info in off)
    assert d("2025-10-01") in [info.day for info in off]
    makeup = CN.makeup_days(2025)
    assert [info.day for info in makeup] == [
        d("2025-01-26"),
        d("2025-02-08"),
        d("2025-04-27"),
        d("2025-09-28"),
        d("2025-10-11"),
    ]
    assert all(info.name and info.name.startswith("for ") for info in makeup)
    closed = CN.replace(closures={d("2025-09-29"): "retreat"}, extra_working_days=[d("2025-10-08")])
    assert ("retreat", DayKind.CLOSURE) in [(i.name, i.kind) for i in closed.days_off(2025)]
    assert d("2025-10-08") in [i.day for i in closed.makeup_days(2025)]
    assert [i.day for i in CN.days_off(2027)] and all(i.provisional for i in CN.days_off(2027))
    with pytest.raises(ProvisionalCalendarError):
        WorkCalendar("CN", strict=True).days_off(2026)  # its last week waits for the 2027 notice
    with pytest.raises(CalendarRangeError):
        CN.days_off(2200)
    with pytest.raises(InvalidInputError):
        CN.days_off("2025")  # type: ignore[arg-type]
