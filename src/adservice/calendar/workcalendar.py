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

import reprlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from datetime import time as Time
from functools import lru_cache
from zoneinfo import ZoneInfo

import attrs

from adservice._display import show
from adservice.calendar import _regions
from adservice.calendar import hours as hours_math
from adservice.calendar._arithmetic import WorkingDays
from adservice.calendar._checks import (
    as_int,
    check_closures,
    check_extra_days,
    check_horizon,
    check_hours,
    check_region,
    check_weekend,
    check_zone,
    exact_instant,
    require_aware,
    unambiguous,
)
from adservice.calendar._index import Index, build_index
from adservice.calendar._serial import load_settings, settings_to_dict
from adservice.calendar.days import ROLLS, DayInfo, DayKind, Explanation, ExplanationStep, Roll
from adservice.calendar.explain import explain
from adservice.calendar.month import MonthView
from adservice.calendar.notice import Notice
from adservice.errors import (
    InvalidCalendarError,
    InvalidChoiceError,
    InvalidInputError,
    brief,
)

# DayKind, ExplanationStep, MonthView, exact_instant, require_aware and unambiguous are re-exported: other
# packages import them from here.
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
    "exact_instant",
    "require_aware",
    "resolve_calendar",
    "unambiguous",
]


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
        raise InvalidInputError(f"{what} must be a WorkCalendar or None (got {brief(value)}).")
    return value


def _check_notices(notices: object, region: str) -> tuple[Notice, ...]:
    """The notices as a tuple, each a :class:`Notice`, and only for China."""
    if isinstance(notices, (str, bytes, Notice)) or not isinstance(notices, Iterable):
        raise InvalidInputError(
            f"notices must be a list of parsed Notice values (got {reprlib.repr(notices)})."
        )
    found = tuple(notices)
    for notice in found:
        if not isinstance(notice, Notice):
            msg = f"each notice must be a Notice from adservice.parse_notice (got {reprlib.repr(notice)})."
            raise InvalidInputError(msg)
    if found and region not in ("CN", "CHN"):
        msg = (
            f"official notices arrange China's holidays; region {brief(region)} cannot take them (use 'CN')."
        )
        raise InvalidCalendarError(msg)
    return found


def _rebuild(settings: dict[str, object]) -> WorkCalendar:
    return WorkCalendar(**settings)  # type: ignore[arg-type]


class WorkCalendar(WorkingDays):
    """A region's working days with make-up days, agency closures and business hours.

    Args:
        region: a country code ``holidays`` knows (default ``"CN"``).
        subdivision: a province/state code of that country, if any.
        categories: the categories of holiday the office closes on, e.g.
            ``("catholic", "public")`` for Bavaria's Assumption Day; default the
            region's office days (HK: general holidays; others: ``holidays``' default).
        weekend: weekday numbers that are weekend days (Monday is 0).
        closures: agency closure days, as dates or a mapping of date to reason.
        extra_working_days: days the agency works although they are off.
        business_hours: opening and closing time of a working day.
        tz: IANA zone name or ``tzinfo``; default the office's zone: the
            subdivision's own zone, else the country's (its capital's if it has
            several), from tzdata's zone.tab.
        horizon: first and last year the calendar answers for.
        confirmed_through: last year treated as officially announced; later
            days are *provisional*. Default: the last year with an official
            notice in the data source (CN: 2026), else the horizon's end.
        strict: raise :class:`~adservice.errors.ProvisionalCalendarError`
            instead of answering with provisional days.
        notices: official holiday notices (:func:`~adservice.calendar.notice.parse_notice`),
            applied in order over the data source (CN only): a yearly notice replaces its
            year's arrangement, an amendment the festivals it names; each notice's year
            becomes confirmed and ``day_kind(d).source`` names the notice.

    Raises:
        UnknownRegionError: unknown region or subdivision, naming close matches.
        InvalidCalendarError: contradictory settings, unknown categories, or no
            zone known for the region (pass ``tz=``).

    >>> cal = WorkCalendar("CN")
    >>> cal.working_days_between(date(2025, 9, 29), date(2025, 10, 10))   # 09-29, 09-30, 10-09
    3
    """

    __slots__ = ("notices",)

    notices: tuple[Notice, ...]

    def __setattr__(self, name: str, value: object) -> None:
        # A calendar is a value, shared (default_calendar() is one object): each setting is set once.
        if not name.startswith("_") and hasattr(self, name):
            raise AttributeError(
                f"a WorkCalendar is immutable: its {name!r} is set when it is built; build another calendar."
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a WorkCalendar is immutable: its {name!r} cannot be deleted.")

    def __init__(
        self,
        region: str = "CN",
        *,
        subdivision: str | None = None,
        categories: Iterable[str] | None = None,
        weekend: Iterable[int] = (5, 6),
        closures: Iterable[date] | Mapping[date, str] = (),
        extra_working_days: Iterable[date] = (),
        business_hours: tuple[Time, Time] = (Time(9), Time(17)),
        tz: str | ZoneInfo | timezone | None = None,
        horizon: tuple[int, int] = (1990, 2100),
        confirmed_through: int | None = None,
        strict: bool = False,
        notices: Iterable[Notice] = (),
    ) -> None:
        self.region, self.subdivision, self.categories = check_region(region, subdivision, categories)
        self.weekend = check_weekend(weekend)
        self.horizon = check_horizon(horizon)
        self.closures = check_closures(closures)
        self.extra_working_days = check_extra_days(extra_working_days, self.closures)
        self.business_hours = check_hours(business_hours)
        self.tz = check_zone(tz, self.region, self._days_off_of)
        if not isinstance(strict, bool):
            raise InvalidInputError(f"strict must be True or False (got {brief(strict)}).")
        self.strict = strict
        self.notices = _check_notices(notices, self.region)
        source = _regions.load_holidays(self.region, self._days_off_of, self.categories, *self.horizon)
        if confirmed_through is None:
            confirmed_through = max([source.confirmed_through, *(n.year for n in self.notices)])
        self.confirmed_through = as_int(confirmed_through, "confirmed_through")
        self._use(
            build_index(
                self.region,
                self._days_off_of,
                self.categories,
                frozenset(self.weekend),
                tuple(self.closures.items()),
                self.extra_working_days,
                self.horizon,
                self.notices,
            ),
            source.notice_based,
        )

    @property
    def _days_off_of(self) -> str | None:
        """The subdivision whose days off apply: the one given, else the office default's (GB: England)."""
        office = _regions.office_default(self.region)
        return self.subdivision or (office.subdivision if office else None)

    @property
    def office_days(self) -> str | None:
        """How this calendar's days off differ from ``holidays``' default for the region, if they do.

        >>> WorkCalendar("HK").office_days
        'general holidays (banks and offices close)'
        """
        office = _regions.office_default(self.region)
        if office is None or (self.subdivision and office.subdivision):
            return None
        if office.categories is not None and office.categories != self.categories:
            return None
        return office.note

    def _use(self, index: Index, notice_based: bool) -> None:
        """Answer from ``index``; days past the last confirmed one are provisional."""
        if not index.workdays:
            raise InvalidCalendarError(f"calendar {brief(self)} has no working day in its horizon.")
        self._index = index
        self._cache = {}
        self._first = index.first
        self._size = index.size
        self._ranks = index.ranks
        self._workdays = index.workdays
        self._nwork = len(index.workdays)
        # Where days off are announced year by year, the next year's notice has moved days of the
        # last week of December six times since 2001 (2019's made 2018-12-29 a working Saturday):
        # that week of the last confirmed year is provisional too.
        year = min(max(self.confirmed_through, 1), 9999)
        last = date(year, 12, 24 if notice_based else 31).toordinal()
        self._confirmed_last_ord = last
        self._strict_day = last - self._first if self.strict else self._size
        # The highest workday rank that is still confirmed; strict calendars refuse beyond it.
        self._strict_rank = (
            bisect_left([d.toordinal() for d in index.workdays], last + 1) - 1 if self.strict else self._nwork
        )

    # -- value behaviour -----------------------------------------------------

    def _key(self) -> tuple[object, ...]:
        return (
            self.region,
            self.subdivision,
            self.categories,
            self.weekend,
            tuple(self.closures.items()),
            self.extra_working_days,
            self.business_hours,
            str(self.tz),
            self.horizon,
            self.confirmed_through,
            self.strict,
            self.notices,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        """Every setting that changes an answer (closures and extra days as counts).

        >>> WorkCalendar("HK")
        WorkCalendar('HK', tz='Asia/Hong_Kong', weekend=(5, 6), business_hours=09:00-17:00, \
categories=('optional', 'public'), office_days='general holidays (banks and offices close)', \
horizon=(1990, 2100), confirmed_through=2100)
        """
        parts = [repr(self.region)]
        if self.subdivision:
            parts.append(f"subdivision={brief(self.subdivision)}")
        opening, closing = self.business_hours
        parts += [
            f"tz={brief(str(self.tz))}",
            f"weekend={self.weekend}",
            f"business_hours={opening.isoformat('minutes')}-{closing.isoformat('minutes')}",
            f"categories={self.categories}",
        ]
        if self.office_days:
            parts.append(f"office_days={brief(self.office_days)}")
        if self.closures:
            parts.append(f"closures={len(self.closures)} days")
        if self.extra_working_days:
            parts.append(f"extra_working_days={len(self.extra_working_days)} days")
        parts += [f"horizon={self.horizon}", f"confirmed_through={self.confirmed_through}"]
        if self.strict:
            parts.append("strict=True")
        if self.notices:
            parts.append(f"notices=[{', '.join(n.source for n in self.notices)}]")
        return f"WorkCalendar({', '.join(parts)})"

    def _repr_html_(self) -> str:
        return show("html", self)

    def month(self, year: int, month: int) -> MonthView:
        """One month, day by day; in a notebook it draws as a grid marking holidays and make-up days.

        >>> print(WorkCalendar("CN").month(2025, 10).notes[-1].describe())
        Sat 2025-10-11 make-up working day (for National Day)
        """
        return MonthView.of(year, month, calendar=self)

    def _settings(self) -> dict[str, object]:
        return {
            "region": self.region,
            "subdivision": self.subdivision,
            "categories": self.categories,
            "weekend": self.weekend,
            "closures": self.closures,
            "extra_working_days": self.extra_working_days,
            "business_hours": self.business_hours,
            "tz": self.tz,
            "horizon": self.horizon,
            "confirmed_through": self.confirmed_through,
            "strict": self.strict,
            "notices": self.notices,
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
        return settings_to_dict(self._settings())

    @classmethod
    def from_dict(cls, data: object) -> WorkCalendar:
        """Load settings written by :meth:`to_dict`, strictly.

        Raises:
            SchemaError: unknown or missing keys, wrong types, malformed dates or times.
            UnknownRegionError, InvalidCalendarError: well-formed settings the calendar refuses.
        """
        return load_settings(data, cls)

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

    def day_kind(self, d: date) -> DayInfo:
        """What day ``d`` is; ``source`` names the official notice that decided it, if one did.

        Raises the errors of
        :meth:`WorkingDays.day_kind <adservice.calendar._arithmetic.WorkingDays.day_kind>`.
        """
        info = super().day_kind(d)
        source = self._index.sources.get(info.day.toordinal() - self._first)
        return attrs.evolve(info, source=source) if source else info

    def explain(self, d: date, n: int, roll: Roll = "forward") -> Explanation:
        """Why ``add_working_days(d, n, roll)`` is what it is.

        >>> print(WorkCalendar("CN").explain(date(2025, 9, 26), 2))
        day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29
        """
        return explain(d, n, roll, calendar=self)

    # -- hours ---------------------------------------------------------------

    def close_of_business(self, d: date) -> datetime:
        """Closing time of day ``d`` in the calendar's zone (when a deadline that day falls).

        Raises the errors of :func:`adservice.calendar.hours.close_of_business`.
        """
        return hours_math.close_of_business(d, calendar=self)

    def add_elapsed_hours(self, start: datetime, hours: float | timedelta, roll: bool = False) -> datetime:
        """``start`` plus elapsed (calendar) hours, in the calendar's zone.

        With ``roll``, a result on a non-working day moves to the same wall
        time on the next working day.

        Raises the errors of :func:`adservice.calendar.hours.add_elapsed_hours`.

        >>> from zoneinfo import ZoneInfo
        >>> cn = WorkCalendar("CN")
        >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> cn.add_elapsed_hours(ended, 24).isoformat()
        '2025-10-01T16:00:00+08:00'
        >>> cn.add_elapsed_hours(ended, 24, roll=True).isoformat()
        '2025-10-09T16:00:00+08:00'
        """
        return hours_math.add_elapsed_hours(start, hours, roll, calendar=self)

    def add_business_hours(self, start: datetime, hours: float | timedelta) -> datetime:
        """``start`` plus hours counted only inside business hours of working days.

        Raises the errors of :func:`adservice.calendar.hours.add_business_hours`.

        >>> from zoneinfo import ZoneInfo
        >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> WorkCalendar("CN").add_business_hours(ended, 24).isoformat()
        '2025-10-11T16:00:00+08:00'
        """
        return hours_math.add_business_hours(start, hours, calendar=self)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b``: business hours of working days only; negative if ``b < a``.

        The inverse of :meth:`add_business_hours` (``working_time_between(a,
        add_business_hours(a, h)) == h``). Both instants are read in the
        calendar's zone; the cost does not depend on the span.

        Args:
            a: the earlier instant (aware).
            b: the later instant (aware).

        Returns:
            The business time in ``[a, b)``, or minus the business time in ``[b, a)``.

        Raises the errors of :func:`adservice.calendar.hours.working_time_between`.

        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> cn = WorkCalendar("CN")
        >>> eve, back = datetime(2025, 9, 30, 16, tzinfo=sh), datetime(2025, 10, 9, 10, tzinfo=sh)
        >>> cn.working_time_between(eve, back)   # 16-17 on the eve of National Day, 09-10 back at work
        datetime.timedelta(seconds=7200)
        """
        return hours_math.working_time_between(a, b, calendar=self)
