"""Working-day calendars: the lowest layer (SPEC §2)."""

from __future__ import annotations

from adservice.calendar.notice import Festival, Notice, parse_notice
from adservice.calendar.workcalendar import (
    ROLLS,
    DayInfo,
    DayKind,
    Explanation,
    ExplanationStep,
    MonthView,
    Roll,
    WorkCalendar,
    default_calendar,
    resolve_calendar,
)

__all__ = [
    "ROLLS",
    "DayInfo",
    "DayKind",
    "Explanation",
    "ExplanationStep",
    "Festival",
    "MonthView",
    "Notice",
    "Roll",
    "WorkCalendar",
    "default_calendar",
    "parse_notice",
    "resolve_calendar",
]
