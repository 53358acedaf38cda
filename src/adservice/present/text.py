"""Plain-text renderings of library values (the command line and notebooks use these).

Rendering is pure: every function returns a string and prints nothing.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from adservice._frozen import FrozenDict
from adservice.calendar.localnames import day_kind_text, day_name_text
from adservice.calendar.workcalendar import DayKind, WorkCalendar
from adservice.errors import CalendarRangeError
from adservice.i18n import (
    format_day,
    format_month,
    format_short_day,
    gettext,
    ngettext,
    normalize_locale,
    weekday_names,
)
from adservice.present._extras import need
from adservice.present._reasons import reason_text
from adservice.present._report_words import complaint_sections, owner_words, status_heads
from adservice.present._tables import table as _table
from adservice.present._tables import width
from adservice.present._vocab import phrase, word

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
_MONTH_MARKS: dict[DayKind, str] = {
    DayKind.WORKING: " ",
    DayKind.WEEKEND: ".",
    DayKind.PUBLIC_HOLIDAY: "H",
    DayKind.MAKEUP_WORKING_DAY: "M",
    DayKind.CLOSURE: "C",
    DayKind.EXTRA_WORKING_DAY: "X",
}
MONTH_MARKS: Mapping[DayKind, str] = FrozenDict(_MONTH_MARKS)  # read-only


def _pad_cell(name: str) -> str:
    """A weekday name in a grid cell five columns wide (CJK characters take two)."""
    return " " + name + " " * max(0, 4 - width(name))


def month_text(year: int, month: int, *, calendar: WorkCalendar, locale: str = "en") -> str:
    """A month as a Monday-first grid with a legend of its holidays and make-up days.

    >>> print(month_text(2025, 10, calendar=WorkCalendar("CN")).splitlines()[0])
    October 2025 — CN (Asia/Shanghai)
    >>> print(month_text(2025, 10, calendar=WorkCalendar("CN"), locale="zh_CN").splitlines()[-1])
    本月共18个工作日

    Raises:
        InvalidInputError: not a calendar, or a year or month that is not an int.
        CalendarRangeError: a month outside the calendar's horizon (or 1..12).
    """
    loc = normalize_locale(locale)
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
    if loc == "en":
        lines = [f"{first:%B %Y} — {calendar.region} ({calendar.tz})", " Mon  Tue  Wed  Thu  Fri  Sat  Sun"]
    else:
        title = f"{format_month(year, month, loc)} — {calendar.region}（{calendar.tz}）"
        lines = [title, "".join(_pad_cell(name) for name in weekday_names(loc)).rstrip()]
    cells = ["     "] * first.weekday()
    for info in infos:
        cells.append(f"{info.day.day:>3}{MONTH_MARKS[info.kind]} ")
    for row in range(0, len(cells), 7):
        lines.append("".join(cells[row : row + 7]).rstrip())
    notes = [info for info in infos if info.kind not in (DayKind.WORKING, DayKind.WEEKEND)]
    if notes and loc == "en":
        lines.append("")
        lines.extend(
            f"{MONTH_MARKS[i.kind]} {i.day:%m-%d} {i.kind}" + (f": {i.name}" if i.name else "") for i in notes
        )
    elif notes:
        lines.append("")
        for i in notes:
            name = day_name_text(i, calendar=calendar, locale=loc)
            lines.append(
                f"{MONTH_MARKS[i.kind]} {format_short_day(i.day, loc)} {day_kind_text(i.kind, loc)}"
                + (f"：{name}" if name else "")
            )
    if any(i.provisional for i in infos):
        text = gettext("provisional: {region} days after {year} are not yet announced", loc)
        lines.append(text.format(region=calendar.region, year=calendar.confirmed_through))
    count = len(calendar.working_days_in_month(year, month))
    lines.append(
        f"{count} working days"
        if loc == "en"
        else gettext("{n} working days in the month", loc).format(n=count)
    )
    return "\n".join(lines)


# -- obligations and reports ------------------------------------------------------------

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _when(at: datetime | None, loc: str = "en") -> str:
    if at is None:
        return "—"
    if loc == "en":
        return f"{_DAY_NAMES[at.weekday()]} {at:%Y-%m-%d %H:%M}"
    return f"{format_day(at.date(), loc)} {at:%H:%M}"


def obligations_text(obligations: Sequence[Obligation], *, explain: bool = False, locale: str = "en") -> str:
    """Obligations as a table: due, rule, engagement, what; ``*`` marks a provisional date.

    With ``explain``, each row is followed by the reason for its date.

    >>> from datetime import date
    >>> from adservice.portfolio.obligations import recurring
    >>> print(obligations_text(recurring("O4", date(2025, 10, 1), date(2025, 10, 10))))
    due                   rule  engagement  what
    Thu 2025-10-09 09:00  O4    —           weekly status report
    1 obligation
    >>> print(obligations_text(recurring("O4", date(2025, 10, 1), date(2025, 10, 10)), locale="zh_CN"))
    到期                      规则  项目  事项
    2025年10月9日 周四 09:00  O4    —     工作周报表
    共1项
    """
    from adservice.portfolio.obligation import Obligation  # noqa: PLC0415 - a lower layer, read at call

    loc = normalize_locale(locale)
    need(obligations, (list, tuple), "obligations")
    for o in obligations:
        need(o, Obligation, "each obligation")
    if not obligations:
        return gettext("no obligations", loc)
    provisional = gettext(" *", loc)

    def done(o: Obligation) -> str:
        if not o.done_at:
            return ""
        # in the due's zone (the calendar's), whatever offset the log was written in
        return gettext(" (done {when})", loc).format(when=_when(o.done_at.astimezone(o.due.tzinfo), loc))

    lines = _table(
        (gettext("due", loc), gettext("rule", loc), gettext("engagement", loc), gettext("what", loc)),
        (
            (
                f"{_when(o.earliest, loc)} .. {_when(o.deadline, loc)}"
                if o.is_window
                else _when(o.deadline, loc),
                o.rule_id,
                o.engagement_id or "—",
                phrase(o.what, loc) + (provisional if o.provisional else "") + done(o),
            )
            for o in obligations
        ),
    )
    if explain:
        head, rows = lines[0], lines[1:]
        lines = [head]
        for line, o in zip(rows, obligations, strict=True):
            lines.extend((line, f"    {reason_text(o, loc)}"))
    count = len(obligations)
    lines.append(ngettext("{n} obligation", "{n} obligations", count, loc).format(n=count))
    if any(o.provisional for o in obligations):
        lines.append(
            gettext("* provisional: the date rests on a calendar year not yet officially announced", loc)
        )
    return "\n".join(lines)


def _status_rows(rows: Sequence[StatusRow], loc: str = "en") -> list[str]:
    def late(r: StatusRow) -> str:
        if r.late_by is None:
            return "—"
        text = gettext("{n} wd", loc).format(n=r.late_by)
        return text + ("" if r.overdue else gettext(" (done)", loc))

    return _table(
        status_heads(loc, rule=False),
        (
            (
                r.job or "—",
                r.client,
                word("stage", r.stage, loc),
                phrase(r.next_action, loc),
                owner_words(r.owner, loc),
                _when(r.due, loc) + (" *" if r.provisional else ""),
                late(r),
            )
            for r in rows
        ),
    )


def status_report_text(report: StatusReport, *, locale: str = "en") -> str:
    """The weekly status report (工作周报表, O4) as a table, then its overdue list.

    In Chinese it reads as the handbook's form (H3): 本周工作执行状况、进度安排及后续动作.

    >>> from datetime import date
    >>> from adservice.portfolio.reports import status_report
    >>> print(status_report_text(status_report([], date(2025, 10, 6))))
    Weekly status report — status as of Fri 2025-10-03, due Thu 2025-10-09 09:00
    no open jobs
    >>> print(status_report_text(status_report([], date(2025, 10, 6)), locale="zh_TW"))
    工作週報表：本週工作執行狀況、進度安排及後續動作 — 截至2025年10月3日 週五，2025年10月9日 週四 09:00前提交
    沒有進行中的工作
    """
    from adservice.portfolio.reports import StatusReport  # noqa: PLC0415 - a lower layer, read at call

    loc = normalize_locale(locale)
    need(report, StatusReport, "report")
    status_day = (
        f"{_DAY_NAMES[report.status_day.weekday()]} {report.status_day}"
        if loc == "en"
        else format_day(report.status_day, loc)
    )
    head = gettext("Weekly status report — status as of {day}", loc).format(day=status_day)
    if report.due is not None:
        head += gettext(", due {when}", loc).format(when=_when(report.due, loc))
    if not report.rows:
        return head + "\n" + gettext("no open jobs", loc)
    lines = [head, *_status_rows(report.rows, loc)]
    overdue = report.overdue
    lines.append("")
    if overdue:
        lines.append(gettext("Overdue ({n}):", loc).format(n=len(overdue)))
        for r in overdue:
            late = ngettext("late by {n} working day", "late by {n} working days", r.late_by or 0, loc)
            lines.append(
                f"  {r.job or r.engagement_id}  {phrase(r.next_action, loc)}  "
                + gettext("due {when}", loc).format(when=_when(r.due, loc))
                + gettext(", ", loc)
                + late.format(n=r.late_by)
            )
    else:
        lines.append(gettext("nothing overdue", loc))
    return "\n".join(lines)


def overdue_report_text(report: OverdueReport, *, locale: str = "en") -> str:
    """The overdue list as a table, most late first.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.portfolio.reports import overdue_report
    >>> at = datetime(2025, 10, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> print(overdue_report_text(overdue_report([], at), locale="zh_CN"))
    逾期清单 — 截至2025年10月9日 周四 09:00
    没有逾期事项

    Raises:
        InvalidInputError: not an :class:`~adservice.portfolio.reports.OverdueReport`.
    """
    from adservice.portfolio.reports import OverdueReport  # noqa: PLC0415 - a lower layer, read at call

    loc = normalize_locale(locale)
    need(report, OverdueReport, "report")
    head = gettext("Overdue as of {when}", loc).format(when=_when(report.as_of, loc))
    if not report.rows:
        return head + "\n" + gettext("nothing overdue", loc)
    return "\n".join((head, *_status_rows(report.rows, loc)))


def tier_report_text(report: TierReport, *, locale: str = "en") -> str:
    """The client-tier view (A/B/C/D) as a table, then the count per tier.

    >>> from adservice.portfolio.reports import tier_report
    >>> keys = ("business_importance", "market_influence", "payment_timeliness", "satisfaction")
    >>> print(tier_report_text(tier_report({"Huaxia": dict.fromkeys(keys, 90)})))
    client  tier  score  treatment
    Huaxia  A     90.0   priority attention (优先关注)
    A: 1  B: 0  C: 0  D: 0
    >>> zh = tier_report_text(tier_report({"华夏": dict.fromkeys(keys, 90)}), locale="zh_TW")
    >>> print(zh.splitlines()[1])
    华夏  A     90.0  優先關注
    """
    from adservice.portfolio.tiers import TierReport  # noqa: PLC0415 - a lower layer, read at call

    loc = normalize_locale(locale)
    need(report, TierReport, "report")
    if not report.rows:
        return gettext("no clients", loc)
    heads = (gettext("client", loc), gettext("tier", loc), gettext("score", loc), gettext("treatment", loc))
    lines = _table(
        heads,
        ((r.client, r.tier, f"{r.score:.1f}", word("treatment", r.treatment, loc)) for r in report.rows),
    )
    lines.append("  ".join(f"{code}: {n}" for code, n in report.counts.items()))
    return "\n".join(lines)


def complaint_statistics_text(stats: ComplaintStatistics, *, locale: str = "en") -> str:
    """The complaint classification statistics (顾客投诉分类统计表) as plain text.

    In Chinese it is the handbook's form (``adservice.present.forms.complaint_statistics_form_text``).

    Raises:
        InvalidInputError: not a :class:`~adservice.issues.views.ComplaintStatistics`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    from adservice.issues.views import ComplaintStatistics  # noqa: PLC0415 - a lower layer, read at call
    from adservice.present.forms import complaint_statistics_form_text  # noqa: PLC0415 - same layer

    loc = normalize_locale(locale)
    need(stats, ComplaintStatistics, "stats")
    if loc != "en":
        return complaint_statistics_form_text(stats, locale=loc)
    lines = [
        f"Client issues as of {_when(stats.as_of)}: {stats.total} total, {stats.open} open, "
        f"{stats.closed} closed, {stats.unfounded} unfounded, {stats.overdue} overdue"
    ]
    for title, counts in complaint_sections(stats):
        if counts:
            lines.append(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)
