"""Working-day calendars: the lowest layer (SPEC §2)."""

from __future__ import annotations

from adservice.calendar.localnames import (
    check_text,
    day_kind_text,
    day_name_text,
    describe_day_text,
    explanation_text,
)
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
    "check_text",
    "day_kind_text",
    "day_name_text",
    "default_calendar",
    "describe_day_text",
    "explanation_text",
    "parse_notice",
    "resolve_calendar",
]
