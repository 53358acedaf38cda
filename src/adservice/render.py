"""Plain-text renderings of library values (the command line and notebooks use these).

Rendering is pure: every function returns a string and prints nothing.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from adservice.calendar import DayKind, WorkCalendar

__all__ = ["MONTH_MARKS", "month_grid"]

#: The mark each kind of day gets in a month grid.
MONTH_MARKS: dict[DayKind, str] = {
    DayKind.WORKING: " ",
    DayKind.WEEKEND: ".",
    DayKind.PUBLIC_HOLIDAY: "H",
    DayKind.MAKEUP_WORKING_DAY: "M",
    DayKind.CLOSURE: "C",
    DayKind.EXTRA_WORKING_DAY: "X",
}


def month_grid(calendar: WorkCalendar, year: int, month: int) -> str:
    """A month as a Monday-first grid with a legend of its holidays and make-up days.

    >>> print(month_grid(WorkCalendar("CN"), 2025, 10).splitlines()[0])
    October 2025 — CN (Asia/Shanghai)
    """
    first = date(year, month, 1)
    days = [date(year, month, d) for d in range(1, monthrange(year, month)[1] + 1)]
    infos = [calendar.day_kind(d) for d in days]
    lines = [f"{first:%B %Y} — {calendar.region} ({calendar.tz})", " Mon  Tue  Wed  Thu  Fri  Sat  Sun"]
    cells = ["     "] * first.weekday()
    for info in infos:
        cells.append(f"{info.day.day:>3}{MONTH_MARKS[info.kind]} ")
    for row in range(0, len(cells), 7):
        lines.append("".join(cells[row : row + 7]).rstrip())
    notes = [info for info in infos if info.kind not in (DayKind.WORKING, DayKind.WEEKEND)]
    if notes:
        lines.append("")
        lines.extend(
            f"{MONTH_MARKS[i.kind]} {i.day:%m-%d} {i.kind}" + (f": {i.name}" if i.name else "") for i in notes
        )
    if any(i.provisional for i in infos):
        lines.append(
            f"provisional: {calendar.region} days after {calendar.confirmed_through} are not yet announced"
        )
    lines.append(f"{len(calendar.working_days_in_month(year, month))} working days")
    return "\n".join(lines)
