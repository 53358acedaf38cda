"""Why a computed date is what it is: the steps of ``add_working_days`` as an :class:`Explanation`.

>>> from datetime import date
>>> from adservice.calendar import WorkCalendar
>>> print(explain(date(2025, 9, 26), 2, calendar=WorkCalendar("CN")))
day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import attrs

from adservice.calendar._checks import as_date, as_int, require_calendar
from adservice.calendar.days import DayInfo, DayKind, Explanation, ExplanationStep, Roll

__all__ = ["ExplainedCalendar", "days_off_between", "explain"]


class ExplainedCalendar(Protocol):
    """What an explanation needs of a calendar (``WorkCalendar`` provides it)."""

    def add_working_days(self, d: date, n: int, roll: Roll = "forward") -> date:
        """``d`` moved by ``n`` working days (``roll`` says where a non-working ``d`` starts)."""
        ...

    def day_kind(self, d: date) -> DayInfo:
        """What kind of day ``d`` is (working, weekend, holiday, make-up day, closure)."""
        ...

    def is_provisional(self, *days: date) -> bool:
        """Whether any of ``days`` falls in a year whose holidays are not yet published."""
        ...


def explain(d: date, n: int, roll: Roll = "forward", *, calendar: ExplainedCalendar) -> Explanation:
    """Why ``calendar.add_working_days(d, n, roll)`` is what it is.

    Raises:
        as :meth:`WorkCalendar.add_working_days <adservice.calendar.WorkCalendar.add_working_days>`.
    """
    require_calendar(calendar)
    result = calendar.add_working_days(d, n, roll)  # checks d, n and roll first
    n = as_int(n, "n")
    start = calendar.add_working_days(d, 0, roll)
    steps: list[ExplanationStep] = []
    if start != d:
        info = calendar.day_kind(d)
        note = f"{info.kind}{f': {info.name}' if info.name else ''}, rolled {roll}"
        steps.append(ExplanationStep("from", d, info.kind, note))
    steps.append(ExplanationStep("day 0", start, calendar.day_kind(start).kind))
    step = 1 if n >= 0 else -1
    prev = start
    for count in range(1, abs(n) + 1):
        day = calendar.add_working_days(start, count * step)
        info = calendar.day_kind(day)
        notes = []
        if info.kind is not DayKind.WORKING:
            notes.append(f"{info.kind}{f' {info.name}' if info.name else ''}")
        skipped = _skipped_names(calendar, prev, day)
        if skipped:
            notes.append(skipped)
        steps.append(ExplanationStep(f"{count * step:+d}", day, info.kind, "; ".join(notes) or None))
        prev = day
    return Explanation(d, n, roll, result, calendar.is_provisional(d, result), tuple(steps))


def days_off_between(a: date, b: date, *, calendar: ExplainedCalendar) -> tuple[DayInfo, ...]:
    """The holidays and closures strictly between two consecutive counted days, in order.

    A substitute day is left out (its holiday is named already) and ``(observed)`` is dropped
    from a name: what an explanation says was skipped, in any language.

        >>> from adservice.calendar.workcalendar import WorkCalendar
        >>> off = days_off_between(date(2025, 9, 30), date(2025, 10, 9), calendar=WorkCalendar("CN"))
        >>> len(off), off[0].day, off[0].name   # the weekend 10-04 and 10-05 is not a holiday
        (6, datetime.date(2025, 10, 1), 'National Day')
    """
    require_calendar(calendar)
    a, b = as_date(a, "a"), as_date(b, "b")
    lo, hi = (a, b) if a < b else (b, a)
    off: list[DayInfo] = []
    for o in range(lo.toordinal() + 1, hi.toordinal()):
        info = calendar.day_kind(date.fromordinal(o))
        if info.kind in (DayKind.PUBLIC_HOLIDAY, DayKind.CLOSURE):
            name = info.name
            if name and "substituted" not in name:
                name = name.replace(" (observed)", "")
            elif name:
                name = ""
            off.append(info if name == info.name else attrs.evolve(info, name=name))
    return tuple(off)


def _skipped_names(calendar: ExplainedCalendar, a: date, b: date) -> str | None:
    """Holidays and closures strictly between two consecutive counted days."""
    off = days_off_between(a, b, calendar=calendar)
    if not off:
        return None
    names = list(dict.fromkeys(info.name for info in off if info.name))
    label = ", ".join(names) or "days off"
    first, last = off[0].day, off[-1].day
    span = first.strftime("%m-%d") + (f"–{last.strftime('%m-%d')}" if len(off) > 1 else "")
    return f"{'after' if b > a else 'before'} {label} {span}"
