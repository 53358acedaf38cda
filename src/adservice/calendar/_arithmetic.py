"""Working-day arithmetic over a calendar's day index: numpy's ``busday_offset`` and ``busday_count``.

:class:`WorkingDays` answers every day question by a lookup in the index the
calendar built once (so ``add_working_days(d, n)`` costs the same for any
``n``); :class:`~adservice.calendar.WorkCalendar` builds the index and adds
settings, hours and explanations on top.

    >>> from datetime import date
    >>> from adservice.calendar import WorkCalendar
    >>> WorkCalendar("CN").add_working_days(date(2025, 9, 26), 2)   # Sun 09-28 is a make-up working day
    datetime.date(2025, 9, 29)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timezone
from datetime import time as Time
from typing import Any
from zoneinfo import ZoneInfo

from adservice.calendar import batch
from adservice.calendar._checks import as_date, as_int, outside_horizon, provisional_error
from adservice.calendar._index import KINDS, WORKING_KINDS, Index
from adservice.calendar.days import ROLLS, DayInfo, DayKind, Roll
from adservice.errors import (
    CalendarRangeError,
    InvalidChoiceError,
    InvalidInputError,
    NotAWorkingDayError,
    brief,
)

__all__ = ["WorkingDays"]

_OFF = frozenset({KINDS.index(DayKind.PUBLIC_HOLIDAY), KINDS.index(DayKind.CLOSURE)})
_MAKEUP = frozenset({KINDS.index(DayKind.MAKEUP_WORKING_DAY), KINDS.index(DayKind.EXTRA_WORKING_DAY)})


class WorkingDays:
    """Day questions and working-day arithmetic; the base of :class:`~adservice.calendar.WorkCalendar`.

    Not built directly: ``WorkCalendar.__init__`` sets the settings and the index.
    """

    __slots__ = (
        "_cache",
        "_confirmed_last_ord",
        "_first",
        "_index",
        "_nwork",
        "_ranks",
        "_size",
        "_strict_day",
        "_strict_rank",
        "_workdays",
        "business_hours",
        "categories",
        "closures",
        "confirmed_through",
        "extra_working_days",
        "horizon",
        "region",
        "strict",
        "subdivision",
        "tz",
        "weekend",
    )

    region: str
    subdivision: str | None
    categories: tuple[str, ...]
    weekend: tuple[int, ...]
    closures: Mapping[date, str]
    extra_working_days: tuple[date, ...]
    business_hours: tuple[Time, Time]
    tz: ZoneInfo | timezone
    horizon: tuple[int, int]
    confirmed_through: int
    strict: bool
    _index: Index
    _cache: dict[str, Any]  # tables built on first use: numpy arrays of the index, the hours clock
    _first: int
    _size: int
    _ranks: Mapping[str, Sequence[int | None]]
    _workdays: Sequence[date]
    _nwork: int
    _confirmed_last_ord: int
    _strict_day: int
    _strict_rank: int

    # -- errors --------------------------------------------------------------

    def _offset(self, d: object, what: str = "date") -> int:
        day = d if type(d) is date else as_date(d, what)
        i = day.toordinal() - self._first
        if not 0 <= i < self._size:
            self._out_of_range(day)
        return i

    def _out_of_range(self, day: object, n: int | None = None) -> None:
        raise outside_horizon(
            self.horizon, f"{day}" + (f" moved by {n} working days" if n is not None else "")
        )

    def _roll_failure(self, day: date, roll: str) -> None:
        if not isinstance(roll, str) or roll not in self._ranks:
            raise InvalidChoiceError("roll", roll, ROLLS)
        if roll == "raise":
            info = self.day_kind(day)
            msg = (
                f"{info.describe()} is not a working day and roll='raise'; pass roll='forward' or 'backward'."
            )
            raise NotAWorkingDayError(msg)
        way = "before" if roll in ("backward", "preceding") else "after"
        raise outside_horizon(self.horizon, f"the working day {way} {day} (roll={brief(roll)})")

    def _refuse_provisional(self, day: date) -> None:
        last = date.fromordinal(min(max(self._confirmed_last_ord, 1), date.max.toordinal()))
        raise provisional_error(self.region, self.confirmed_through, day, last)

    # -- day questions -------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (make-up working days are).

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").is_working_day(date(2025, 9, 28))
        True
        """
        i = self._offset(d)
        if i > self._strict_day:
            self._refuse_provisional(d)
        return KINDS[self._index.kinds[i]] in WORKING_KINDS

    def is_provisional(self, *days: date) -> bool:
        """Whether an answer involving any of ``days`` rests on an unannounced year."""
        return any(as_date(d, "date").toordinal() > self._confirmed_last_ord for d in days)

    def day_kind(self, d: date) -> DayInfo:
        """The kind of ``d`` with the holiday's or closure's name.

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").day_kind(date(2025, 9, 28)).describe()
        'Sun 2025-09-28 make-up working day (for National Day)'
        """
        i = self._offset(d)
        day = d if type(d) is date else date.fromordinal(self._first + i)
        provisional = day.toordinal() > self._confirmed_last_ord
        if provisional and self.strict:
            self._refuse_provisional(day)
        kind = KINDS[self._index.kinds[i]]
        return DayInfo(day, kind, self._index.names.get(i), provisional)

    def days_off(self, year: int) -> tuple[DayInfo, ...]:
        """The year's public holidays and agency closures with their names, weekends or not (as
        workalendar's ``holidays(year)``).

        >>> from adservice.calendar import WorkCalendar
        >>> for info in WorkCalendar("CN").days_off(2025)[:2]:
        ...     print(info.describe())
        Wed 2025-01-01 public holiday (New Year's Day)
        Tue 2025-01-28 public holiday (Chinese New Year's Eve)
        """
        return self._year_of(year, _OFF)

    def makeup_days(self, year: int) -> tuple[DayInfo, ...]:
        """The year's make-up working days (China's 调休) and extra working days, with what they are for.

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").makeup_days(2025)[-1].describe()
        'Sat 2025-10-11 make-up working day (for National Day)'
        """
        return self._year_of(year, _MAKEUP)

    def _year_of(self, year: int, kinds: frozenset[int]) -> tuple[DayInfo, ...]:
        start = self._month_start(year, 1)
        i = self._offset(start)
        j = min(i + (366 if monthrange(year, 2)[1] == 29 else 365), self._size)
        if j - 1 > self._strict_day:
            self._refuse_provisional(date.fromordinal(self._first + self._strict_day + 1))
        found = [k for k in range(i, j) if self._index.kinds[k] in kinds]
        return tuple(self.day_kind(date.fromordinal(self._first + k)) for k in found)

    # -- arithmetic ----------------------------------------------------------

    def add_working_days(self, d: date, n: int, roll: Roll = "forward") -> date:
        """Roll ``d`` to a working day, then move ``n`` working days (numpy's ``busday_offset``).

        Args:
            d: the start day.
            n: working days to move; negative moves back.
            roll: what to do when ``d`` is not a working day, one of :data:`ROLLS`.

        Raises:
            CalendarRangeError: ``d`` or the result is outside the horizon (at once, whatever ``n``).
            NotAWorkingDayError: ``roll="raise"`` and ``d`` is not a working day.
            ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.
            InvalidChoiceError: unknown ``roll``.

        >>> from adservice.calendar import WorkCalendar
        >>> cn = WorkCalendar("CN")
        >>> cn.add_working_days(date(2025, 10, 4), 0, roll="backward")
        datetime.date(2025, 9, 30)
        >>> cn.add_working_days(date(2025, 10, 15), -9, roll="backward")
        datetime.date(2025, 9, 26)
        """
        if type(d) is not date:
            d = as_date(d, "start date")
        if type(n) is not int:
            n = as_int(n, "n")
        i = d.toordinal() - self._first
        if not 0 <= i < self._size:
            self._out_of_range(d)
        try:
            k = self._ranks[roll][i]
        except (KeyError, TypeError):
            raise InvalidChoiceError("roll", roll, ROLLS) from None
        if k is None:
            self._roll_failure(d, roll)
            raise AssertionError  # pragma: no cover - _roll_failure always raises
        j = k + n
        if not 0 <= j < self._nwork:
            self._out_of_range(d, n)
        if j > self._strict_rank or k > self._strict_rank or i > self._strict_day:
            # the answer rests on every day between d and the result, d included
            self._refuse_provisional(max(self._workdays[max(j, k)], d))
        return self._workdays[j]

    def add_working_days_many(
        self, days: Iterable[date] | Any, ns: Iterable[int] | int, roll: Roll = "forward"
    ) -> Any:
        """:meth:`add_working_days` for many days at once, in order; ``ns`` may be one int for all.

        Plain iterables of dates give a list of dates. A numpy array, pandas
        ``DatetimeIndex`` or ``Series`` of days gives a numpy ``datetime64[D]``
        array of the same shape (numpy is imported then, not before).

        Raises the errors of :meth:`add_working_days` for the first day refused.

        Raises:
            InvalidInputError: ``days`` and ``ns`` of different lengths.

        >>> from adservice.calendar import WorkCalendar
        >>> cn = WorkCalendar("CN")
        >>> cn.add_working_days_many([date(2025, 9, 26), date(2025, 9, 29)], [2, 3])
        [datetime.date(2025, 9, 29), datetime.date(2025, 10, 10)]
        >>> cn.add_working_days_many([date(2025, 9, 26), date(2025, 9, 29)], 1)
        [datetime.date(2025, 9, 28), datetime.date(2025, 9, 30)]
        """
        ranks = self._ranks.get(roll) if isinstance(roll, str) else None
        if ranks is None:
            raise InvalidChoiceError("roll", roll, ROLLS)
        if batch.is_array_like(days):
            return batch.many(
                days,
                ns,
                roll,
                first=self._first,
                ranks=ranks,
                workdays=self._workdays,
                limits=(self._strict_rank, self._strict_day),
                cache=self._cache,
                scalar=self.add_working_days,  # type: ignore[arg-type]
            )
        try:
            days = list(days)
            ns = [as_int(ns, "n")] * len(days) if not isinstance(ns, Iterable) else list(ns)
        except TypeError:
            raise InvalidInputError(
                f"days and ns must be iterables (got {brief(days)}, {brief(ns)})."
            ) from None
        if len(days) != len(ns):
            raise InvalidInputError(f"days and ns must be as long (got {len(days)} days and {len(ns)} ns).")
        first, size, nwork, workdays = self._first, self._size, self._nwork, self._workdays
        limit, limit_day = self._strict_rank, self._strict_day
        out: list[date] = []
        append = out.append
        for day, n_ in zip(days, ns, strict=True):
            d = day if type(day) is date else as_date(day, "start date")
            n = n_ if type(n_) is int else as_int(n_, "n")
            i = d.toordinal() - first
            if not 0 <= i < size:
                self._out_of_range(d)
            k = ranks[i]
            if k is None:
                self._roll_failure(d, roll)
                raise AssertionError  # pragma: no cover
            j = k + n
            if not 0 <= j < nwork:
                self._out_of_range(d, n)
            if j > limit or k > limit or i > limit_day:
                self._refuse_provisional(max(workdays[max(j, k)], d))
            append(workdays[j])
        return out

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``[a, b)``; if ``b < a``, minus those in ``(b, a]`` (numpy's ``busday_count``).

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").working_days_between(date(2025, 10, 10), date(2025, 9, 29))
        -3
        """
        i, j = self._offset(a, "a"), self._offset(b, "b")
        if max(i, j) > self._strict_day:
            self._refuse_provisional(date.fromordinal(self._first + max(i, j)))
        cum = self._index.cum
        return cum[j] - cum[i] if j >= i else cum[j + 1] - cum[i + 1]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``.

        Raises:
            CalendarRangeError: ``d`` is outside the horizon, or no working day follows it inside it.

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").next_working_day(date(1990, 1, 1))   # the horizon's first day, a holiday
        datetime.date(1990, 1, 2)
        """
        i = self._offset(d)
        if i + 1 < self._size:
            k = self._ranks["forward"][i + 1]
            if k is not None:
                return self.add_working_days(self._workdays[k], 0)  # refuses unannounced days if strict
        raise outside_horizon(self.horizon, f"the working day after {d}")

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``.

        Raises:
            CalendarRangeError: ``d`` is outside the horizon, or no working day precedes it inside it.
        """
        i = self._offset(d)
        if i > self._strict_day:  # the days between the answer and d are provisional
            self._refuse_provisional(d)
        if i > 0:
            k = self._ranks["backward"][i - 1]
            if k is not None:
                return self.add_working_days(self._workdays[k], 0)  # refuses unannounced days if strict
        raise outside_horizon(self.horizon, f"the working day before {d}")

    def working_days_in_month(self, year: int, month: int) -> tuple[date, ...]:
        """Every working day of a month, in order.

        >>> from adservice.calendar import WorkCalendar
        >>> len(WorkCalendar("CN").working_days_in_month(2025, 10))
        18
        """
        start = self._month_start(year, month)
        i = self._offset(start)
        j = min(i + monthrange(start.year, start.month)[1], self._size)
        if j - 1 > self._strict_day:
            self._refuse_provisional(date.fromordinal(self._first + self._strict_day + 1))
        cum = self._index.cum
        return tuple(self._workdays[cum[i] : cum[j]])

    def last_working_day_of_month(self, year: int, month: int) -> date:
        """The last working day of a month (monthly market report day, O8).

        >>> from adservice.calendar import WorkCalendar
        >>> WorkCalendar("CN").last_working_day_of_month(2026, 2)
        datetime.date(2026, 2, 28)
        """
        days = self.working_days_in_month(year, month)
        if not days:
            raise CalendarRangeError(f"{year}-{month:02d} has no working day in this calendar.")
        return days[-1]

    @staticmethod
    def _month_start(year: int, month: int) -> date:
        year, month = as_int(year, "year"), as_int(month, "month")
        if not 1 <= month <= 12:
            raise CalendarRangeError(f"month must be 1..12 (got {month}).")
        if not 1 <= year <= 9999:
            raise CalendarRangeError(f"year must be 1..9999 (got {year}).")
        return date(year, month, 1)
