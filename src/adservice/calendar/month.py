"""One month of a calendar, day by day (what ``WorkCalendar.month`` returns).

A month holds its calendar through the small :class:`MonthSource` protocol,
so this module does not import the calendar class (``WorkCalendar`` imports it).

    >>> from adservice.calendar import WorkCalendar
    >>> view = MonthView.of(2025, 10, calendar=WorkCalendar("CN"))
    >>> len(view.working_days), view.notes[0].describe()
    (18, 'Wed 2025-10-01 public holiday (National Day)')
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, tzinfo
from typing import Protocol

import attrs

from adservice._display import show
from adservice.calendar._checks import require_calendar
from adservice.calendar.days import DayInfo, DayKind

__all__ = ["MonthSource", "MonthView"]


class MonthSource(Protocol):
    """What a month view needs of its calendar (``WorkCalendar`` provides it)."""

    @property
    def region(self) -> str:
        """The region code of the calendar (e.g. ``"CN"``)."""
        ...

    @property
    def tz(self) -> tzinfo:
        """The calendar's time zone."""
        ...

    @property
    def confirmed_through(self) -> int:
        """The last year whose public holidays are officially published."""
        ...

    def day_kind(self, d: date) -> DayInfo:
        """What kind of day ``d`` is (working, weekend, holiday, make-up day, closure)."""
        ...

    def working_days_in_month(self, year: int, month: int) -> tuple[date, ...]:
        """The working days of ``year``-``month``, in order."""
        ...


@attrs.frozen
class MonthView:
    """One month of a calendar, day by day (what :meth:`WorkCalendar.month` returns).

    In a notebook it draws itself as a month grid that marks public holidays
    (with their names), make-up working days, agency closures and weekends;
    ``str()`` gives the plain-text grid of :func:`adservice.present.text.month_grid`.

    Attributes:
        calendar: the calendar the month belongs to (a ``WorkCalendar``).
        year: the year.
        month: the month, 1–12.
        days: every day of the month, in order.
    """

    # keyword-only like every calendar= parameter (issue 9 section 8)
    calendar: MonthSource = attrs.field(repr=False, kw_only=True)
    year: int
    month: int
    days: tuple[DayInfo, ...] = attrs.field(repr=False)

    @classmethod
    def of(cls, year: int, month: int, *, calendar: MonthSource) -> MonthView:
        """The month ``year``-``month`` of ``calendar``.

        Raises:
            InvalidInputError: ``year`` or ``month`` is not an int.
            CalendarRangeError: the month is outside the calendar's horizon, or not 1–12.
            ProvisionalCalendarError: a strict calendar and a month past its confirmed years.
        """
        require_calendar(calendar)
        calendar.working_days_in_month(year, month)  # validates year, month, horizon and strictness
        length = monthrange(year, month)[1]
        days = tuple(calendar.day_kind(date(year, month, d)) for d in range(1, length + 1))
        return cls(year, month, days, calendar=calendar)

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
