"""What forward and backward plans share: words for days and instants, an item's step durations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as Time

from adservice.calendar.workcalendar import (
    WorkCalendar,
)
from adservice.rulebook.book import Rulebook, Turnaround

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MAX_DAYS = 10_000


def _day_text(day: date) -> str:
    return f"{_WEEKDAY[day.weekday()]} {day.isoformat()}"


def _instant_text(at: datetime) -> str:
    offset = at.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _wall(calendar: WorkCalendar, day: date, at: Time) -> datetime:
    """``day`` at wall time ``at`` in the calendar's zone."""
    return datetime.combine(day, at, tzinfo=calendar.tz)


def _day_zero_reason(cal: WorkCalendar, local: datetime, day0: date, cutoff: Time) -> str:
    received = f"received {_instant_text(local)}"
    if day0 == local.date():
        return f"{received}, before the {cutoff:%H:%M} cut-off: day 0 {_day_text(day0)}"
    info = cal.day_kind(local.date())
    if not info.is_working:
        why = f"on a non-working day ({info.describe()})"
    else:
        why = f"at or after the {cutoff:%H:%M} cut-off"
    return f"{received}, {why}: day 0 is the next working day, {_day_text(day0)}"


_Duration = tuple[str, str, int, str, str]  # key, name, days, unit, rule id


def _durations(book: Rulebook, item: str, days: int | None) -> tuple[Turnaround, int, tuple[_Duration, ...]]:
    top = book.item(item)
    committed = top.commitment(days)
    if not top.chain:
        return top, committed, ((top.key, top.name, committed, top.unit, top.rule_id),)
    leaves = tuple((s.key, s.name, s.commitment(), s.unit, s.rule_id) for s in book.steps(item))
    return top, committed, leaves
