"""The words of the HTML renderings in the reader's language (captions, legends, footers)."""

from __future__ import annotations

from datetime import date

from adservice.calendar.days import DayInfo
from adservice.calendar.localnames import day_kind_text, day_name_text
from adservice.calendar.workcalendar import MonthView
from adservice.i18n import format_month, format_short_day, gettext, weekday_names

__all__ = ["day_note", "month_words", "weekday_letter"]


def weekday_letter(day: date, loc: str) -> str:
    """The weekday's one-letter mark: "M" of "Mon", "一" of "周一"."""
    name = weekday_names(loc)[day.weekday()]
    return name[0] if loc == "en" else name[-1]


def month_words(view: MonthView, loc: str) -> tuple[str, str]:
    """A month grid's caption and footer (working days; the provisional warning)."""
    cal = view.calendar
    count = len(view.working_days)
    if loc == "en":
        caption = f"{date(view.year, view.month, 1):%B %Y} — {cal.region} ({cal.tz})"
        footer = f"{count} working days"
    else:
        caption = f"{format_month(view.year, view.month, loc)} — {cal.region}（{cal.tz}）"
        footer = gettext("{n} working days in the month", loc).format(n=count)
    if any(i.provisional for i in view.days):
        text = gettext(
            "; dashed days are provisional: {region} days after {year} are not yet officially announced", loc
        )
        footer += text.format(region=cal.region, year=cal.confirmed_through)
    return caption, footer


def day_note(info: DayInfo, calendar: object, loc: str) -> str:
    """A legend line of a month grid: ``10-01 public holiday: National Day``."""
    day = f"{info.day:%m-%d}" if loc == "en" else format_short_day(info.day, loc)
    text = f"{day} {day_kind_text(info.kind, loc)}"
    if info.name:
        text += gettext(": ", loc) + (day_name_text(info, calendar=calendar, locale=loc) or "")
    return text
