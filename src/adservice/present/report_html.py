"""Reports and placement plans as HTML tables: how they show themselves in a notebook.

``adservice.present`` registers these renderers with ``adservice._display``,
so ``StatusReport``, ``OverdueReport``, ``TierReport``, ``ComplaintStatistics`` and
``PlacementPlan`` answer ``_repr_html_`` without their own layers importing this one.
Every value is escaped; the tables carry inline styles only (no scripts, no CSS
classes a notebook theme must know).

    >>> from datetime import date
    >>> from adservice.portfolio.reports import status_report
    >>> page = status_report_html(status_report([], date(2025, 10, 6)))
    >>> "Weekly status report" in page and "no open jobs" in page
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from adservice.deadlines.placement import PlacementPlan
from adservice.i18n import format_day, gettext, ngettext, normalize_locale
from adservice.issues.views import ComplaintStatistics
from adservice.portfolio.reports import OverdueReport, StatusReport, StatusRow
from adservice.portfolio.tiers import TierReport
from adservice.present._extras import need
from adservice.present._html import _BOX, _MUTED, _e, _instant, _table
from adservice.present._report_words import complaint_sections, owner_words, status_heads
from adservice.present._vocab import phrase, word

__all__ = [
    "complaint_statistics_html",
    "overdue_report_html",
    "placement_plan_html",
    "status_report_html",
    "tier_report_html",
]

_LATE = "color:#991b1b;font-weight:600"
_DONE_LATE = "color:#92400e"
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _box(title: str, note: str, body: Iterable[str]) -> str:
    head = f'<div style="font-weight:600">{_e(title)}</div>'
    if note:
        head += f'<div style="{_MUTED}">{_e(note)}</div>'
    return f'<div class="adservice adservice-report" style="{_BOX}">{head}{"".join(body)}</div>'


def _when(at: datetime | None, loc: str = "en") -> str:
    return _instant(at, loc) if at is not None else "—"


def _late_cell(row: StatusRow, loc: str = "en") -> str:
    if row.late_by is None:
        return "—"
    days = gettext("{n} wd", loc).format(n=row.late_by)
    if row.overdue:
        return f'<span data-late="overdue" style="{_LATE}">{_e(days)}</span>'
    late = gettext(" (done late)", loc)
    return f'<span data-late="done" style="{_DONE_LATE}">{_e(days)}{_e(late)}</span>'


def _rows_table(rows: Sequence[StatusRow], loc: str = "en") -> str:
    cells = [
        (
            _e(r.job or "—"),
            _e(r.client),
            _e(word("stage", r.stage, loc)),
            _e(phrase(r.next_action, loc)),
            _e(owner_words(r.owner, loc)),
            _e(_when(r.due, loc) + (" *" if r.provisional else "")),
            _e(r.rule_id or ""),
            _late_cell(r, loc),
        )
        for r in rows
    ]
    heads = status_heads(loc)
    return _table(heads, cells, raw=True)


def status_report_html(report: StatusReport, *, locale: str = "en") -> str:
    """The weekly status report (O4) as an HTML table; overdue rows and duties done late marked.

    Raises:
        InvalidInputError: not a :class:`~adservice.portfolio.reports.StatusReport`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(report, StatusReport, "report")
    day = report.status_day
    shown = f"{_WEEKDAY[day.weekday()]} {day.isoformat()}" if loc == "en" else format_day(day, loc)
    note = gettext("status as of {day}", loc).format(day=shown)
    if report.due is not None:
        note += gettext(", due {when}", loc).format(when=_instant(report.due, loc))
    title = gettext("Weekly status report", loc)
    if not report.rows:
        return _box(title, note, [f'<div style="{_MUTED}">{_e(gettext("no open jobs", loc))}</div>'])
    overdue, n = len(report.overdue), len(report.rows)
    summary = ngettext("{n} row", "{n} rows", n, loc).format(n=n)
    if overdue:
        summary += gettext(" · {n} overdue", loc).format(n=overdue)
    return _box(title, f"{note} · {summary}", [_rows_table(report.rows, loc)])


def overdue_report_html(report: OverdueReport, *, locale: str = "en") -> str:
    """The overdue list as an HTML table, most late first (duties done late flagged).

    Raises:
        InvalidInputError: not an :class:`~adservice.portfolio.reports.OverdueReport`.

    >>> from datetime import datetime, timezone
    >>> from adservice.portfolio.reports import overdue_report
    >>> empty = overdue_report([], datetime(2025, 10, 6, tzinfo=timezone.utc))
    >>> "nothing overdue" in overdue_report_html(empty)
    True
    """
    loc = normalize_locale(locale)
    need(report, OverdueReport, "report")
    note = gettext("as of {when}", loc).format(when=_instant(report.as_of, loc))
    title = gettext("Overdue", loc)
    if not report.rows:
        return _box(title, note, [f'<div style="{_MUTED}">{_e(gettext("nothing overdue", loc))}</div>'])
    return _box(title, note, [_rows_table(report.rows, loc)])


def tier_report_html(report: TierReport) -> str:
    """The client-tier view (H5) as an HTML table, then the count per tier.

    Raises:
        InvalidInputError: not a :class:`~adservice.portfolio.tiers.TierReport`.

    >>> from adservice.portfolio.reports import tier_report
    >>> keys = ("business_importance", "market_influence", "payment_timeliness", "satisfaction")
    >>> "<td" in tier_report_html(tier_report({"Huaxia": dict.fromkeys(keys, 90)}))
    True
    """
    need(report, TierReport, "report")
    counts = "  ".join(f"{code}: {n}" for code, n in report.counts.items())
    if not report.rows:
        return _box("Client tiers", counts, [f'<div style="{_MUTED}">no clients</div>'])
    rows = [(r.client, r.tier, f"{r.score:.1f}", r.treatment) for r in report.rows]
    return _box("Client tiers", counts, [_table(("client", "tier", "score", "treatment"), rows)])


def _counts(title: str, counts: Mapping[str, int]) -> str:
    if not counts:
        return ""
    rows = [(str(key), str(n)) for key, n in counts.items()]
    return f'<div style="font-weight:600;margin-top:6px">{_e(title)}</div>' + _table((title, "count"), rows)


def complaint_statistics_html(stats: ComplaintStatistics) -> str:
    """The complaint classification statistics (顾客投诉分类统计表, H3) as HTML tables.

    Raises:
        InvalidInputError: not a :class:`~adservice.issues.views.ComplaintStatistics`.
    """
    need(stats, ComplaintStatistics, "stats")
    totals = [
        ("total", str(stats.total)),
        ("open", str(stats.open)),
        ("closed", str(stats.closed)),
        ("unfounded", str(stats.unfounded)),
        ("overdue", str(stats.overdue)),
    ]
    parts = [_table(("issues", "count"), totals)]
    for title, counts in complaint_sections(stats):
        parts.append(_counts(title, counts))
    return _box("Client issues", f"as of {_instant(stats.as_of)}", parts)


def placement_plan_html(plan: PlacementPlan) -> str:
    """A placement plan as an HTML table: the media chain, first step first, then the items.

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.PlacementPlan`.

    >>> from datetime import date
    >>> from adservice.deadlines.placement import plan_from_placement
    >>> "prepayment" in placement_plan_html(plan_from_placement(date(2025, 10, 13), ["film"]))
    True
    """
    need(plan, PlacementPlan, "plan")
    day = plan.placement
    note = f"placement {_WEEKDAY[day.weekday()]} {day.isoformat()}"
    note += f", client review {plan.review_days} working days"
    if plan.provisional:
        note += " · provisional"
    chain = [
        (
            s.key,
            s.rule_id or "",
            s.owner,
            f"{_WEEKDAY[s.start.weekday()]} {s.start.isoformat()}",
            f"{_WEEKDAY[s.due_date.weekday()]} {s.due_date.isoformat()}",
            s.because,
        )
        for s in plan.chain
    ]
    items = [
        (
            p.item,
            p.rule_id,
            f"{_WEEKDAY[p.work_order_by.weekday()]} {p.work_order_by.isoformat()}",
            f"{_WEEKDAY[p.due_date.weekday()]} {p.due_date.isoformat()}",
        )
        for p in plan.items
    ]
    parts = [_table(("step", "rule", "whose", "latest start", "latest due", "why"), chain)]
    if items:
        parts += [
            '<div style="font-weight:600;margin-top:6px">Items</div>',
            _table(("item", "rule", "work order by", "delivered by"), items),
        ]
    return _box("Media chain backward from the placement", note, parts)
