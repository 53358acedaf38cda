"""Plain-text renderings of library values (the command line and notebooks use these).

Rendering is pure: every function returns a string and prints nothing.
"""

from __future__ import annotations

import unicodedata
from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from adservice.calendar.workcalendar import DayKind, WorkCalendar
from adservice.errors import CalendarRangeError
from adservice.present._extras import need

if TYPE_CHECKING:
    from adservice.issues.issue import ComplaintStatistics
    from adservice.portfolio.obligations import Obligation
    from adservice.portfolio.reports import OverdueReport, StatusReport, StatusRow, TierReport

__all__ = [
    "MONTH_MARKS",
    "complaint_statistics_text",
    "month_text",
    "obligations_text",
    "overdue_report_text",
    "status_report_text",
    "tier_report_text",
]

#: The mark each kind of day gets in a month grid.
MONTH_MARKS: dict[DayKind, str] = {
    DayKind.WORKING: " ",
    DayKind.WEEKEND: ".",
    DayKind.PUBLIC_HOLIDAY: "H",
    DayKind.MAKEUP_WORKING_DAY: "M",
    DayKind.CLOSURE: "C",
    DayKind.EXTRA_WORKING_DAY: "X",
}


def month_text(year: int, month: int, *, calendar: WorkCalendar) -> str:
    """A month as a Monday-first grid with a legend of its holidays and make-up days.

    >>> print(month_text(2025, 10, calendar=WorkCalendar("CN")).splitlines()[0])
    October 2025 — CN (Asia/Shanghai)

    Raises:
        InvalidInputError: not a calendar, or a year or month that is not an int.
        CalendarRangeError: a month outside the calendar's horizon (or 1..12).
    """
    need(calendar, WorkCalendar, "calendar")
    need(year, int, "year")
    need(month, int, "month")
    if not 1 <= month <= 12 or not calendar.horizon[0] <= year <= calendar.horizon[1]:
        low, high = calendar.horizon
        msg = f"{year}-{month} is not a month of the calendar's horizon {low}-01..{high}-12 (month 1..12)."
        raise CalendarRangeError(msg)
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


# -- obligations and reports ------------------------------------------------------------

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: CJK characters (client names, codes) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart (by display width); trailing spaces stripped."""
    body = [list(r) for r in rows]
    widths = [max(_width(line[i]) for line in (headers, *body)) for i in range(len(headers))]
    return [
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in (headers, *body)
    ]


def _when(at: datetime | None) -> str:
    if at is None:
        return "—"
    return f"{_DAY_NAMES[at.weekday()]} {at:%Y-%m-%d %H:%M}"


def obligations_text(obligations: Sequence[Obligation], *, explain: bool = False) -> str:
    """Obligations as a table: due, rule, engagement, what; ``*`` marks a provisional date.

    With ``explain``, each row is followed by the reason for its date.

    >>> from datetime import date
    >>> from adservice.portfolio.obligations import recurring
    >>> print(obligations_text(recurring("O4", date(2025, 10, 1), date(2025, 10, 10))))
    due                   rule  engagement  what
    Thu 2025-10-09 09:00  O4    —           weekly status report
    1 obligation
    """
    from adservice.portfolio.obligation import Obligation  # noqa: PLC0415 - a lower layer, read at call

    need(obligations, (list, tuple), "obligations")
    for o in obligations:
        need(o, Obligation, "each obligation")
    if not obligations:
        return "no obligations"
    lines = _table(
        ("due", "rule", "engagement", "what"),
        (
            (
                f"{_when(o.earliest)} .. {_when(o.deadline)}" if o.is_window else _when(o.deadline),
                o.rule_id,
                o.engagement_id or "—",
                o.what
                + (" *" if o.provisional else "")
                + (f" (done {_when(o.done_at)})" if o.done_at else ""),
            )
            for o in obligations
        ),
    )
    if explain:
        head, rows = lines[0], lines[1:]
        lines = [head]
        for line, o in zip(rows, obligations, strict=True):
            lines.extend((line, f"    {o.explain()}"))
    count = len(obligations)
    lines.append(f"{count} obligation{'' if count == 1 else 's'}")
    if any(o.provisional for o in obligations):
        lines.append("* provisional: the date rests on a calendar year not yet officially announced")
    return "\n".join(lines)


def _status_rows(rows: Sequence[StatusRow]) -> list[str]:
    return _table(
        ("job", "client", "stage", "next action", "owner", "due", "late by"),
        (
            (
                r.job or "—",
                r.client,
                r.stage,
                r.next_action,
                r.owner,
                _when(r.due) + (" *" if r.provisional else ""),
                "—" if r.late_by is None else f"{r.late_by} wd" + ("" if r.overdue else " (done)"),
            )
            for r in rows
        ),
    )


def status_report_text(report: StatusReport) -> str:
    """The weekly status report as a table, then its overdue list.

    >>> from datetime import date
    >>> from adservice.portfolio.reports import status_report
    >>> print(status_report_text(status_report([], date(2025, 10, 6))))
    Weekly status report — status as of Fri 2025-10-03, due Thu 2025-10-09 09:00
    no open jobs
    """
    from adservice.portfolio.reports import StatusReport  # noqa: PLC0415 - a lower layer, read at call

    need(report, StatusReport, "report")
    head = (
        f"Weekly status report — status as of {_DAY_NAMES[report.status_day.weekday()]} {report.status_day}"
    )
    if report.due is not None:
        head += f", due {_when(report.due)}"
    if not report.rows:
        return f"{head}\nno open jobs"
    lines = [head, *_status_rows(report.rows)]
    overdue = report.overdue
    lines.append("")
    if overdue:
        lines.append(f"Overdue ({len(overdue)}):")
        lines.extend(
            f"  {r.job or r.engagement_id}  {r.next_action}  due {_when(r.due)}, "
            f"late by {r.late_by} working day{'' if r.late_by == 1 else 's'}"
            for r in overdue
        )
    else:
        lines.append("nothing overdue")
    return "\n".join(lines)


def overdue_report_text(report: OverdueReport) -> str:
    """The overdue list as a table, most late first.

    Raises:
        InvalidInputError: not an :class:`~adservice.portfolio.reports.OverdueReport`.
    """
    from adservice.portfolio.reports import OverdueReport  # noqa: PLC0415 - a lower layer, read at call

    need(report, OverdueReport, "report")
    head = f"Overdue as of {_when(report.as_of)}"
    if not report.rows:
        return f"{head}\nnothing overdue"
    return "\n".join((head, *_status_rows(report.rows)))


def tier_report_text(report: TierReport) -> str:
    """The client-tier view (A/B/C/D) as a table, then the count per tier.

    >>> from adservice.portfolio.reports import tier_report
    >>> keys = ("business_importance", "market_influence", "payment_timeliness", "satisfaction")
    >>> print(tier_report_text(tier_report({"Huaxia": dict.fromkeys(keys, 90)})))
    client  tier  score  treatment
    Huaxia  A     90.0   priority attention (优先关注)
    A: 1  B: 0  C: 0  D: 0
    """
    from adservice.portfolio.tiers import TierReport  # noqa: PLC0415 - a lower layer, read at call

    need(report, TierReport, "report")
    if not report.rows:
        return "no clients"
    lines = _table(
        ("client", "tier", "score", "treatment"),
        ((r.client, r.tier, f"{r.score:.1f}", r.treatment) for r in report.rows),
    )
    lines.append("  ".join(f"{code}: {n}" for code, n in report.counts.items()))
    return "\n".join(lines)


def complaint_statistics_text(stats: ComplaintStatistics) -> str:
    """The complaint classification statistics (顾客投诉分类统计表) as plain text.

    Raises:
        InvalidInputError: not a :class:`~adservice.issues.views.ComplaintStatistics`.
    """
    from adservice.issues.views import ComplaintStatistics  # noqa: PLC0415 - a lower layer, read at call

    need(stats, ComplaintStatistics, "stats")
    lines = [
        f"Client issues as of {_when(stats.as_of)}: {stats.total} total, {stats.open} open, "
        f"{stats.closed} closed, {stats.unfounded} unfounded, {stats.overdue} overdue"
    ]
    for title, counts in (
        ("by category", stats.by_category),
        ("by department", stats.by_department),
        ("by root cause", stats.by_root_cause),
        ("overdue by rule", stats.overdue_by_rule),
        ("late by rule", stats.late_by_rule),
    ):
        if counts:
            lines.append(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)
