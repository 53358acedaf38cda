"""Working-day calendars: weekends, public holidays, China's make-up working days, closures.

Arithmetic follows :func:`numpy.busday_offset` and :func:`numpy.busday_count`
exactly; on a calendar without make-up days the answers equal numpy's. Every
answer is a lookup in an index built once per calendar, so the cost of
``add_working_days(d, n)`` does not depend on ``n``.

    >>> from datetime import date
    >>> cn = WorkCalendar("CN")
    >>> cn.add_working_days(date(2025, 9, 26), 2)   # Sun 09-28 is a make-up working day
    datetime.date(2025, 9, 29)
    >>> cn.day_kind(date(2025, 10, 1)).describe()
    'Wed 2025-10-01 public holiday (National Day)'
"""

from __future__ import annotations

import math
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from datetime import time as Time
from functools import lru_cache
from typing import Literal, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from adservice._display import show
from adservice.calendar import _regions
from adservice.calendar._index import KINDS, WORKING_KINDS, DayKind, build_index
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidCalendarError,
    InvalidChoiceError,
    InvalidInputError,
    NaiveDatetimeError,
    NotAWorkingDayError,
    ProvisionalCalendarError,
    SchemaError,
    UnknownRegionError,
)

__all__ = [
    "ROLLS",
    "DayInfo",
    "DayKind",
    "Explanation",
    "ExplanationStep",
    "MonthView",
    "Roll",
    "WorkCalendar",
    "default_calendar",
    "resolve_calendar",
]

Roll: TypeAlias = Literal[
    "raise", "forward", "following", "backward", "preceding", "modifiedfollowing", "modifiedpreceding"
]
#: The roll policies of :func:`numpy.busday_offset`, in numpy's spelling.
ROLLS: tuple[str, ...] = (
    "raise",
    "forward",
    "following",
    "backward",
    "preceding",
    "modifiedfollowing",
    "modifiedpreceding",
)
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@attrs.frozen
class DayInfo:
    """One day of a calendar: its kind, the holiday's name, whether it is provisional."""

    day: date
    kind: DayKind
    name: str | None = None
    provisional: bool = False

    @property
    def is_working(self) -> bool:
        """Whether work is done (and turnaround counted) on this day."""
        return self.kind in WORKING_KINDS

    def describe(self) -> str:
        """One line: ``'Sun 2025-09-28 make-up working day (for National Day)'``."""
        text = f"{_WEEKDAY[self.day.weekday()]} {self.day.isoformat()} {self.kind.value}"
        if self.name:
            text += f" ({self.name})"
        if self.provisional:
            text += " [provisional]"
        return text


@attrs.frozen
class ExplanationStep:
    """One step of an explanation: ``label`` is ``"day 0"``, ``"+1"``, ``"-3"`` or ``"roll"``."""

    label: str
    day: date
    kind: DayKind
    note: str | None = None


@attrs.frozen
class Explanation:
    """Why a computed date is what it is, as data (:attr:`steps`) and as one line (``str``)."""

    start: date
    n: int
    roll: str
    result: date
    provisional: bool
    steps: tuple[ExplanationStep, ...]

    @property
    def line(self) -> str:
        """The steps as one readable line."""
        parts: list[str] = []
        year = None
        for step in self.steps:
            stamp = step.day.isoformat() if step.day.year != year else step.day.strftime("%m-%d")
            year = step.day.year
            text = f"{step.label} {_WEEKDAY[step.day.weekday()]} {stamp}"
            if step.note:
                text += f" ({step.note})"
            parts.append(text)
        line = "; ".join(parts)
        return line + " [provisional]" if self.provisional else line

    def __str__(self) -> str:
        return self.line


def _as_date(value: object, what: str) -> date:
    if _regions.is_date(value):
        return value  # type: ignore[return-value]
    msg = f"{what} must be a datetime.date (got {value!r} of type {type(value).__name__})."
    raise InvalidInputError(msg)


def _as_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what} must be an int (got {value!r} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return int(value)


def _as_hours(value: object, what: str) -> timedelta:
    if isinstance(value, timedelta):
        delta = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > 24 * 365 * 200:
            msg = f"{what} must be a finite number of hours within 200 years (got {value!r})."
            raise DurationOutOfRangeError(msg)
        delta = timedelta(hours=value)
    else:
        msg = f"{what} must be hours as int, float or timedelta (got {value!r})."
        raise InvalidInputError(msg)
    if delta < timedelta(0):
        msg = f"{what} must not be negative (got {value!r}); deadlines run forward from their start."
        raise DurationOutOfRangeError(msg)
    return delta


def require_aware(value: object, what: str) -> datetime:
    """Return ``value`` if it is an aware datetime, else raise.

    Raises:
        NaiveDatetimeError: a datetime without a time zone.
        InvalidInputError: not a datetime at all.
    """
    if not isinstance(value, datetime):
        msg = f"{what} must be an aware datetime.datetime (got {value!r})."
        raise InvalidInputError(msg)
    if value.tzinfo is None or value.utcoffset() is None:
        msg = (
            f"{what} {value.isoformat()} has no time zone; pass an aware datetime, "
            f"e.g. {value.isoformat()}+08:00 or datetime(..., tzinfo=ZoneInfo('Asia/Shanghai'))."
        )
        raise NaiveDatetimeError(msg)
    return value


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The CN calendar every function uses when none is passed (built once, shared: it is immutable)."""
    return WorkCalendar("CN")


def resolve_calendar(value: object, what: str = "calendar") -> WorkCalendar:
    """``value`` if it is a calendar, :func:`default_calendar` if it is ``None``.

    Raises:
        InvalidInputError: anything else.
    """
    if value is None:
        return default_calendar()
    if not isinstance(value, WorkCalendar):
        raise InvalidInputError(f"{what} must be a WorkCalendar or None (got {value!r}).")
    return value


def _rebuild(settings: dict[str, object]) -> WorkCalendar:
    return WorkCalendar(**settings)  # type: ignore[arg-type]


class WorkCalendar:
    """A region's working days with make-up days, agency closures and business hours.

    Args:
        region: a country code ``holidays`` knows (default ``"CN"``).
        subdivision: a province/state code of that country, if any.
        weekend: weekday numbers that are weekend days (Monday is 0).
        closures: agency closure days, as dates or a mapping of date to reason.
        extra_working_days: days the agency works although they are off.
        business_hours: opening and closing time of a working day.
        tz: IANA zone name or ``tzinfo``; default the region's zone (CN: Asia/Shanghai).
        horizon: first and last year the calendar answers for.
        confirmed_through: last year treated as officially announced; later
            days are *provisional*. Default: the last year with an official
            notice in the data source (CN: 2026), else the horizon's end.
        strict: raise :class:`~adservice.errors.ProvisionalCalendarError`
            instead of answering with provisional days.

    Raises:
        UnknownRegionError: unknown region or subdivision, naming close matches.
        InvalidCalendarError: contradictory settings.

    >>> cal = WorkCalendar("CN")
    >>> cal.working_days_between(date(2025, 9, 29), date(2025, 10, 10))   # 09-29, 09-30, 10-09
    3
    """

    __slots__ = (
        "_confirmed_last_ord",
        "_first",
        "_index",
        "_nwork",
        "_ranks",
        "_size",
        "_strict_rank",
        "_workdays",
        "business_hours",
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

    def __init__(
        self,
        region: str = "CN",
        *,
        subdivision: str | None = None,
        weekend: Iterable[int] = (5, 6),
        closures: Iterable[date] | Mapping[date, str] = (),
        extra_working_days: Iterable[date] = (),
        business_hours: tuple[Time, Time] = (Time(9), Time(17)),
        tz: str | ZoneInfo | timezone | None = None,
        horizon: tuple[int, int] = (1990, 2100),
        confirmed_through: int | None = None,
        strict: bool = False,
    ) -> None:
        if not isinstance(region, str):
            raise InvalidInputError(f"region must be a code string such as 'CN' (got {region!r}).")
        if subdivision is not None and not isinstance(subdivision, str):
            raise InvalidInputError(f"subdivision must be a code string or None (got {subdivision!r}).")
        self.region = region
        self.subdivision = subdivision
        self.weekend = self._check_weekend(weekend)
        self.horizon = self._check_horizon(horizon)
        self.closures = self._check_closures(closures)
        self.extra_working_days = tuple(
            sorted({_as_date(d, "an extra working day") for d in extra_working_days})
        )
        both = set(self.closures).intersection(self.extra_working_days)
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            msg = f"{days} cannot be both an agency closure and an extra working day; choose one."
            raise InvalidCalendarError(msg)
        self.business_hours = self._check_hours(business_hours)
        self.tz = self._check_zone(tz, region)
        self.strict = bool(strict)
        index = build_index(
            region,
            subdivision,
            frozenset(self.weekend),
            tuple(self.closures.items()),
            self.extra_working_days,
            self.horizon,
        )
        if not index.workdays:
            raise InvalidCalendarError(f"calendar {self!r} has no working day in its horizon.")
        if confirmed_through is None:
            public = _regions.load_holidays(region, subdivision, *self.horizon)
            confirmed_through = _regions.announced_through(public, self.horizon[1])
        self.confirmed_through = _as_int(confirmed_through, "confirmed_through")
        self._index = index
        self._first = index.first
        self._size = index.size
        self._ranks = index.ranks
        self._workdays = index.workdays
        self._nwork = len(index.workdays)
        last = date(min(max(self.confirmed_through, 1), 9999), 12, 31).toordinal()
        self._confirmed_last_ord = last
        # The highest workday rank that is still confirmed; strict calendars refuse beyond it.
        self._strict_rank = (
            bisect_left([d.toordinal() for d in index.workdays], last + 1) - 1 if self.strict else self._nwork
        )

    # -- construction checks -------------------------------------------------

    @staticmethod
    def _check_weekend(weekend: Iterable[int]) -> tuple[int, ...]:
        try:
            days = tuple(sorted(set(weekend)))
        except TypeError:
            raise InvalidInputError(f"weekend must be weekday numbers 0-6 (got {weekend!r}).") from None
        if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
            raise InvalidCalendarError(
                f"weekend must hold weekday numbers 0 (Mon) to 6 (Sun) (got {days!r})."
            )
        if len(days) == 7:
            raise InvalidCalendarError("weekend cannot be all seven days; no day would be a working day.")
        return days

    @staticmethod
    def _check_horizon(horizon: tuple[int, int]) -> tuple[int, int]:
        try:
            first, last = horizon
        except (TypeError, ValueError):
            raise InvalidInputError(f"horizon must be (first_year, last_year) (got {horizon!r}).") from None
        first = _as_int(first, "horizon's first year")
        last = _as_int(last, "horizon's last year")
        if not 1900 <= first <= last <= 2200:
            msg = f"horizon must satisfy 1900 <= first <= last <= 2200 (got {horizon!r})."
            raise InvalidCalendarError(msg)
        return first, last

    @staticmethod
    def _check_closures(closures: Iterable[date] | Mapping[date, str]) -> dict[date, str]:
        if isinstance(closures, Mapping):
            items = [(_as_date(d, "a closure day"), str(reason)) for d, reason in closures.items()]
        else:
            items = [(_as_date(d, "a closure day"), "agency closure") for d in closures]
        return dict(sorted(items))

    @staticmethod
    def _check_hours(hours: tuple[Time, Time]) -> tuple[Time, Time]:
        try:
            opening, closing = hours
        except (TypeError, ValueError):
            raise InvalidInputError(f"business_hours must be (opening, closing) (got {hours!r}).") from None
        if not (isinstance(opening, Time) and isinstance(closing, Time)):
            raise InvalidInputError(f"business_hours must be two datetime.time values (got {hours!r}).")
        if opening.tzinfo is not None or closing.tzinfo is not None or not opening < closing:
            msg = f"business_hours must be naive times with opening < closing (got {opening} to {closing})."
            raise InvalidCalendarError(msg)
        return opening, closing

    @staticmethod
    def _check_zone(tz: str | ZoneInfo | timezone | None, region: str) -> ZoneInfo | timezone:
        if tz is None:
            tz = _regions.default_zone(region)
        if isinstance(tz, (ZoneInfo, timezone)):
            return tz
        if isinstance(tz, str):
            try:
                return ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                raise InvalidCalendarError(
                    f"unknown time zone {tz!r}; use an IANA name such as 'Asia/Shanghai'."
                ) from None
        raise InvalidInputError(f"tz must be an IANA zone name or a tzinfo (got {tz!r}).")

    # -- value behaviour -----------------------------------------------------

    def _key(self) -> tuple[object, ...]:
        return (
            self.region,
            self.subdivision,
            self.weekend,
            tuple(self.closures.items()),
            self.extra_working_days,
            self.business_hours,
            str(self.tz),
            self.horizon,
            self.confirmed_through,
            self.strict,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extra = ""
        if self.subdivision:
            extra += f", subdivision={self.subdivision!r}"
        if self.closures:
            extra += f", closures={len(self.closures)} days"
        if self.extra_working_days:
            extra += f", extra_working_days={len(self.extra_working_days)} days"
        if self.strict:
            extra += ", strict=True"
        zone = str(self.tz)
        return (
            f"WorkCalendar({self.region!r}{extra}, tz={zone!r}, confirmed_through={self.confirmed_through})"
        )

    def _repr_html_(self) -> str:
        return show("html", self)

    def month(self, year: int, month: int) -> MonthView:
        """One month, day by day; in a notebook it draws as a grid marking holidays and make-up days.

        >>> print(WorkCalendar("CN").month(2025, 10).notes[-1].describe())
        Sat 2025-10-11 make-up working day (for National Day)
        """
        return MonthView.of(self, year, month)

    def _settings(self) -> dict[str, object]:
        return {
            "region": self.region,
            "subdivision": self.subdivision,
            "weekend": self.weekend,
            "closures": self.closures,
            "extra_working_days": self.extra_working_days,
            "business_hours": self.business_hours,
            "tz": self.tz,
            "horizon": self.horizon,
            "confirmed_through": self.confirmed_through,
            "strict": self.strict,
        }

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle the settings, not the index: the index is rebuilt (and cached) on load.
        return (_rebuild, (self._settings(),))

    def to_dict(self) -> dict[str, object]:
        """The calendar's settings as plain JSON-compatible data (the index is rebuilt on load).

        >>> cal = WorkCalendar("CN", closures={date(2025, 9, 29): "retreat"})
        >>> WorkCalendar.from_dict(cal.to_dict()) == cal
        True
        """
        opening, closing = self.business_hours
        return {
            "region": self.region,
            "subdivision": self.subdivision,
            "weekend": list(self.weekend),
            "closures": {d.isoformat(): r for d, r in self.closures.items()},
            "extra_working_days": [d.isoformat() for d in self.extra_working_days],
            "business_hours": [opening.isoformat(), closing.isoformat()],
            "tz": str(self.tz),
            "horizon": list(self.horizon),
            "confirmed_through": self.confirmed_through,
            "strict": self.strict,
        }

    @classmethod
    def from_dict(cls, data: object) -> WorkCalendar:
        """Load settings written by :meth:`to_dict`, strictly.

        Raises:
            SchemaError: unknown or missing keys, wrong types, malformed dates or times.
            UnknownRegionError, InvalidCalendarError: well-formed settings the calendar refuses.
        """
        keys = {
            "region", "subdivision", "weekend", "closures", "extra_working_days",
            "business_hours", "tz", "horizon", "confirmed_through", "strict",
        }  # fmt: skip
        if not isinstance(data, Mapping) or set(data) != keys:
            got = sorted(data) if isinstance(data, Mapping) else type(data).__name__
            raise SchemaError(f"calendar settings must have exactly the keys {sorted(keys)} (got {got}).")
        try:
            if not isinstance(data["closures"], Mapping) or not isinstance(data["strict"], bool):
                raise TypeError("closures must be an object and strict a boolean")
            for key in ("weekend", "extra_working_days", "business_hours", "horizon"):
                if not isinstance(data[key], list):
                    raise TypeError(f"{key} must be a list")
            opening, closing = (Time.fromisoformat(t) for t in data["business_hours"])
            return cls(
                data["region"],
                subdivision=data["subdivision"],
                weekend=data["weekend"],
                closures={date.fromisoformat(d): str(r) for d, r in data["closures"].items()},
                extra_working_days=[date.fromisoformat(d) for d in data["extra_working_days"]],
                business_hours=(opening, closing),
                tz=data["tz"],
                horizon=tuple(data["horizon"]),
                confirmed_through=data["confirmed_through"],
                strict=data["strict"],
            )
        except (InvalidInputError, TypeError, ValueError, AttributeError) as error:
            if isinstance(error, (InvalidCalendarError, UnknownRegionError)):
                raise
            raise SchemaError(f"malformed calendar settings: {error}") from None

    def replace(self, **changes: object) -> WorkCalendar:
        """A new calendar with some settings changed; this one is left as it was.

        >>> cn = WorkCalendar("CN")
        >>> retreat = cn.replace(closures={date(2025, 9, 29): "agency retreat"})
        >>> cn.is_working_day(date(2025, 9, 29)), retreat.is_working_day(date(2025, 9, 29))
        (True, False)
        """
        settings = self._settings()
        unknown = set(changes) - set(settings)
        if unknown:
            raise InvalidChoiceError("a calendar setting", sorted(unknown)[0], sorted(settings))
        settings.update(changes)
        return WorkCalendar(**settings)  # type: ignore[arg-type]

    # -- errors --------------------------------------------------------------

    def _offset(self, d: object, what: str = "date") -> int:
        day = d if type(d) is date else _as_date(d, what)
        i = day.toordinal() - self._first
        if not 0 <= i < self._size:
            self._out_of_range(day)
        return i

    def _out_of_range(self, day: object, n: int | None = None) -> None:
        first, last = self.horizon
        how = f" moved by {n} working days" if n is not None else ""
        msg = (
            f"{day}{how} is outside the calendar's horizon {first}-01-01..{last}-12-31; "
            f"build the calendar with a wider horizon=(first_year, last_year)."
        )
        raise CalendarRangeError(msg)

    def _roll_failure(self, day: date, roll: str) -> None:
        if not isinstance(roll, str) or roll not in self._ranks:
            raise InvalidChoiceError("roll", roll, ROLLS)
        if roll == "raise":
            info = self.day_kind(day)
            msg = (
                f"{info.describe()} is not a working day and roll='raise'; pass roll='forward' or 'backward'."
            )
            raise NotAWorkingDayError(msg)
        self._out_of_range(day)

    def _refuse_provisional(self, day: date) -> None:
        msg = (
            f"{day} depends on {self.region} days after {self.confirmed_through}, the last officially "
            f"announced year, and the calendar is strict; pass strict=False to accept provisional "
            f"dates or confirmed_through=YEAR once the notice is out."
        )
        raise ProvisionalCalendarError(msg)

    # -- day questions -------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (make-up working days are).

        >>> WorkCalendar("CN").is_working_day(date(2025, 9, 28))
        True
        """
        i = self._offset(d)
        if self.strict and d.toordinal() > self._confirmed_last_ord:
            self._refuse_provisional(d)
        return KINDS[self._index.kinds[i]] in WORKING_KINDS

    def is_provisional(self, *days: date) -> bool:
        """Whether an answer involving any of ``days`` rests on an unannounced year."""
        return any(_as_date(d, "date").toordinal() > self._confirmed_last_ord for d in days)

    def day_kind(self, d: date) -> DayInfo:
        """The kind of ``d`` with the holiday's or closure's name.

        >>> WorkCalendar("CN").day_kind(date(2025, 9, 28)).describe()
        'Sun 2025-09-28 make-up working day (for National Day)'
        """
        i = self._offset(d)
        provisional = d.toordinal() > self._confirmed_last_ord
        if provisional and self.strict:
            self._refuse_provisional(d)
        kind = KINDS[self._index.kinds[i]]
        return DayInfo(d, kind, self._index.names.get(i), provisional)

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

        >>> cn = WorkCalendar("CN")
        >>> cn.add_working_days(date(2025, 10, 4), 0, roll="backward")
        datetime.date(2025, 9, 30)
        >>> cn.add_working_days(date(2025, 10, 15), -9, roll="backward")
        datetime.date(2025, 9, 26)
        """
        if type(d) is not date:
            d = _as_date(d, "start date")
        if type(n) is not int:
            n = _as_int(n, "n")
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
        if j > self._strict_rank or k > self._strict_rank:
            self._refuse_provisional(self._workdays[max(j, k)])
        return self._workdays[j]

    def add_working_days_many(
        self, days: Iterable[date], ns: Iterable[int], roll: Roll = "forward"
    ) -> list[date]:
        """:meth:`add_working_days` for many ``(day, n)`` pairs at once, in order.

        >>> cn = WorkCalendar("CN")
        >>> cn.add_working_days_many([date(2025, 9, 26), date(2025, 9, 29)], [2, 3])
        [datetime.date(2025, 9, 29), datetime.date(2025, 10, 10)]
        """
        ranks = self._ranks.get(roll) if isinstance(roll, str) else None
        if ranks is None:
            raise InvalidChoiceError("roll", roll, ROLLS)
        try:
            days, ns = list(days), list(ns)
        except TypeError:
            raise InvalidInputError(f"days and ns must be iterables (got {days!r}, {ns!r}).") from None
        if len(days) != len(ns):
            raise InvalidInputError(f"days and ns must be as long (got {len(days)} days and {len(ns)} ns).")
        first, size, nwork, workdays = self._first, self._size, self._nwork, self._workdays
        limit = self._strict_rank
        out: list[date] = []
        append = out.append
        for day, n_ in zip(days, ns, strict=True):
            d = day if type(day) is date else _as_date(day, "start date")
            n = n_ if type(n_) is int else _as_int(n_, "n")
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
            if j > limit or k > limit:
                self._refuse_provisional(workdays[max(j, k)])
            append(workdays[j])
        return out

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``[a, b)``; if ``b < a``, minus those in ``(b, a]`` (numpy's ``busday_count``).

        >>> WorkCalendar("CN").working_days_between(date(2025, 10, 10), date(2025, 9, 29))
        -3
        """
        i, j = self._offset(a, "a"), self._offset(b, "b")
        if self.strict and max(a.toordinal(), b.toordinal()) > self._confirmed_last_ord:
            self._refuse_provisional(max(a, b))
        cum = self._index.cum
        return cum[j] - cum[i] if j >= i else cum[j + 1] - cum[i + 1]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1, roll="backward")

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.add_working_days(d, -1, roll="forward")

    def working_days_in_month(self, year: int, month: int) -> tuple[date, ...]:
        """Every working day of a month, in order.

        >>> len(WorkCalendar("CN").working_days_in_month(2025, 10))
        18
        """
        start = self._month_start(year, month)
        i = self._offset(start)
        j = min(i + monthrange(start.year, start.month)[1], self._size)
        if self.strict and start.year > self.confirmed_through:
            self._refuse_provisional(start)
        cum = self._index.cum
        return tuple(self._workdays[cum[i] : cum[j]])

    def last_working_day_of_month(self, year: int, month: int) -> date:
        """The last working day of a month (monthly market report day, O8).

        >>> WorkCalendar("CN").last_working_day_of_month(2026, 2)
        datetime.date(2026, 2, 28)
        """
        days = self.working_days_in_month(year, month)
        if not days:
            raise CalendarRangeError(f"{year}-{month:02d} has no working day in this calendar.")
        return days[-1]

    @staticmethod
    def _month_start(year: int, month: int) -> date:
        year, month = _as_int(year, "year"), _as_int(month, "month")
        if not 1 <= month <= 12:
            raise CalendarRangeError(f"month must be 1..12 (got {month}).")
        if not 1 <= year <= 9999:
            raise CalendarRangeError(f"year must be 1..9999 (got {year}).")
        return date(year, month, 1)

    def explain(self, d: date, n: int, roll: Roll = "forward") -> Explanation:
        """Why ``add_working_days(d, n, roll)`` is what it is.

        >>> print(WorkCalendar("CN").explain(date(2025, 9, 26), 2))
        day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29
        """
        result = self.add_working_days(d, n, roll)
        start = self.add_working_days(d, 0, roll)
        steps: list[ExplanationStep] = []
        if start != d:
            info = self.day_kind(d)
            steps.append(
                ExplanationStep(
                    "from", d, info.kind, f"{info.kind}{f': {info.name}' if info.name else ''}, rolled {roll}"
                )
            )
        steps.append(ExplanationStep("day 0", start, self.day_kind(start).kind))
        step = 1 if n >= 0 else -1
        prev = start
        for count in range(1, abs(n) + 1):
            day = self.add_working_days(start, count * step)
            info = self.day_kind(day)
            notes = []
            if info.kind is not DayKind.WORKING:
                notes.append(f"{info.kind}{f' {info.name}' if info.name else ''}")
            skipped = self._skipped_names(prev, day)
            if skipped:
                notes.append(skipped)
            steps.append(ExplanationStep(f"{count * step:+d}", day, info.kind, "; ".join(notes) or None))
            prev = day
        return Explanation(d, n, roll, result, self.is_provisional(d, result), tuple(steps))

    def _skipped_names(self, a: date, b: date) -> str | None:
        """Holidays and closures strictly between two consecutive counted days."""
        lo, hi = (a, b) if a < b else (b, a)
        names: list[str] = []
        off: list[date] = []
        for o in range(lo.toordinal() + 1, hi.toordinal()):
            i = o - self._first
            name = self._index.names.get(i)
            kind = KINDS[self._index.kinds[i]]
            if kind in (DayKind.PUBLIC_HOLIDAY, DayKind.CLOSURE):
                off.append(date.fromordinal(o))
                if name and "substituted" not in name:
                    name = name.replace(" (observed)", "")
                    if name not in names:
                        names.append(name)
        if not off:
            return None
        label = ", ".join(names) or "days off"
        span = off[0].strftime("%m-%d") + (f"–{off[-1].strftime('%m-%d')}" if len(off) > 1 else "")
        return f"{'after' if b > a else 'before'} {label} {span}"

    # -- hours ---------------------------------------------------------------

    def _local(self, value: object, what: str) -> datetime:
        return require_aware(value, what).astimezone(self.tz)

    def _at(self, day: date, wall: timedelta) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=self.tz) + wall

    def close_of_business(self, d: date) -> datetime:
        """Closing time of day ``d`` in the calendar's zone (when a deadline that day falls)."""
        closing = self.business_hours[1]
        return self._at(
            _as_date(d, "date"), timedelta(hours=closing.hour, minutes=closing.minute, seconds=closing.second)
        )

    def add_elapsed_hours(self, start: datetime, hours: float | timedelta, roll: bool = False) -> datetime:
        """``start`` plus elapsed (calendar) hours, in the calendar's zone.

        With ``roll``, a result on a non-working day moves to the same wall
        time on the next working day.

        >>> from zoneinfo import ZoneInfo
        >>> cn = WorkCalendar("CN")
        >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> cn.add_elapsed_hours(ended, 24).isoformat()
        '2025-10-01T16:00:00+08:00'
        >>> cn.add_elapsed_hours(ended, 24, roll=True).isoformat()
        '2025-10-09T16:00:00+08:00'
        """
        local = self._local(start, "start")
        delta = _as_hours(hours, "hours")
        try:
            due = (local.astimezone(timezone.utc) + delta).astimezone(self.tz)
        except OverflowError:
            self._out_of_range(local.date())
            raise
        day = due.date()
        self._offset(day)
        if roll and not self.is_working_day(day):
            nxt = self.next_working_day(day)
            due = due.replace(year=nxt.year, month=nxt.month, day=nxt.day)
        elif self.strict and day.toordinal() > self._confirmed_last_ord:
            self._refuse_provisional(day)
        return due

    def add_business_hours(self, start: datetime, hours: float | timedelta) -> datetime:
        """``start`` plus hours counted only inside business hours of working days.

        >>> from zoneinfo import ZoneInfo
        >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> WorkCalendar("CN").add_business_hours(ended, 24).isoformat()
        '2025-10-11T16:00:00+08:00'
        """
        local = self._local(start, "start")
        remaining = _as_hours(hours, "hours")
        opening, closing = (
            timedelta(hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond)
            for t in self.business_hours
        )
        day = local.date()
        wall = local - datetime(day.year, day.month, day.day, tzinfo=local.tzinfo)
        if not self.is_working_day(day) or wall >= closing:
            day, wall = self.next_working_day(day), opening
        elif wall < opening:
            wall = opening
        available = closing - wall
        if remaining <= available:
            return self._at(day, wall + remaining)
        remaining -= available
        whole, rest = divmod(remaining, closing - opening)
        if not rest:
            return self._at(self.add_working_days(day, whole), closing)
        return self._at(self.add_working_days(day, whole + 1), opening + rest)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b``: business hours of working days only; negative if ``b < a``.

        The inverse of :meth:`add_business_hours` (``working_time_between(a,
        add_business_hours(a, h)) == h``). Both instants are read in the
        calendar's zone; the cost does not depend on the span.

        Args:
            a: the earlier instant (aware).
            b: the later instant (aware).

        Returns:
            The business time in ``[a, b)`` as a timedelta, or minus the business time in ``[b, a)``.

        Raises:
            NaiveDatetimeError: ``a`` or ``b`` has no time zone.
            InvalidInputError: ``a`` or ``b`` is not a datetime.
            CalendarRangeError: either day is outside the horizon.
            ProvisionalCalendarError: a strict calendar and a day past ``confirmed_through``.

        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> cn = WorkCalendar("CN")
        >>> eve, back = datetime(2025, 9, 30, 16, tzinfo=sh), datetime(2025, 10, 9, 10, tzinfo=sh)
        >>> cn.working_time_between(eve, back)   # 16-17 on the eve of National Day, 09-10 back at work
        datetime.timedelta(seconds=7200)
        """
        return self._working_time_to(self._local(b, "b")) - self._working_time_to(self._local(a, "a"))

    def _working_time_to(self, local: datetime) -> timedelta:
        """Working time from the horizon's first day to ``local`` (in the calendar's zone)."""
        day = local.date()
        i = self._offset(day)
        if self.strict and day.toordinal() > self._confirmed_last_ord:
            self._refuse_provisional(day)
        opening, closing = (
            timedelta(hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond)
            for t in self.business_hours
        )
        done = (closing - opening) * self._index.cum[i]
        if KINDS[self._index.kinds[i]] in WORKING_KINDS:
            wall = timedelta(
                hours=local.hour, minutes=local.minute, seconds=local.second, microseconds=local.microsecond
            )
            done += min(max(wall, opening), closing) - opening
        return done


@attrs.frozen
class MonthView:
    """One month of a calendar, day by day (what :meth:`WorkCalendar.month` returns).

    In a notebook it draws itself as a month grid that marks public holidays
    (with their names), make-up working days, agency closures and weekends;
    ``str()`` gives the plain-text grid of :func:`adservice.present.text.month_grid`.

    Attributes:
        calendar: the calendar the month belongs to.
        year: the year.
        month: the month, 1–12.
        days: every day of the month, in order.
    """

    calendar: WorkCalendar = attrs.field(repr=False)
    year: int
    month: int
    days: tuple[DayInfo, ...] = attrs.field(repr=False)

    @classmethod
    def of(cls, calendar: WorkCalendar, year: int, month: int) -> MonthView:
        """The month ``year``-``month`` of ``calendar``.

        Raises:
            CalendarRangeError: the month is outside the calendar's horizon, or not 1–12.
            ProvisionalCalendarError: a strict calendar and a month past its confirmed years.
        """
        calendar.working_days_in_month(year, month)  # validates year, month, horizon and strictness
        length = monthrange(year, month)[1]
        days = tuple(calendar.day_kind(date(year, month, d)) for d in range(1, length + 1))
        return cls(calendar, year, month, days)

    @property
    def weeks(self) -> tuple[tuple[DayInfo | None, ...], ...]:
        """The days in Monday-first weeks; ``None`` pads the first and last week."""
        cells: list[DayInfo | None] = [None] * self.days[0].day.weekday() + list(self.days)
        cells += [None] * (-len(cells) % 7)
        return tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))

    @property
    def notes(self) -> tuple[DayInfo, ...]:
        """The days that are neither plain working days nor weekends (holidays, make-up days, closures)."""
        return tuple(d for d in self.days if d.kind not in (DayKind.WORKING, DayKind.WEEKEND))

    @property
    def working_days(self) -> tuple[date, ...]:
        """The month's working days, make-up and extra working days included."""
        return tuple(d.day for d in self.days if d.is_working)

    def __str__(self) -> str:
        return show("text", self)

    def _repr_html_(self) -> str:
        return show("html", self)
