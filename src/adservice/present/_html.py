"""Shared pieces of the HTML renderers: colours, inline styles and small cell helpers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from html import escape

from adservice._frozen import FrozenDict
from adservice.calendar.localnames import day_kind_text
from adservice.calendar.workcalendar import DayKind
from adservice.i18n import format_day, gettext
from adservice.present.text import MONTH_MARKS

__all__ = ["KIND_COLOURS"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Background and text colour of each kind of day (explicit text colours keep dark themes readable).
_KIND_COLOURS: dict[DayKind, tuple[str, str]] = {
    DayKind.WORKING: ("#ffffff", "#111827"),
    DayKind.WEEKEND: ("#f3f4f6", "#6b7280"),
    DayKind.PUBLIC_HOLIDAY: ("#fee2e2", "#991b1b"),
    DayKind.MAKEUP_WORKING_DAY: ("#fef3c7", "#92400e"),
    DayKind.CLOSURE: ("#e0e7ff", "#3730a3"),
    DayKind.EXTRA_WORKING_DAY: ("#dcfce7", "#166534"),
}
KIND_COLOURS: Mapping[DayKind, tuple[str, str]] = FrozenDict(_KIND_COLOURS)  # read-only
_BOX = (
    "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;line-height:1.4;"
    "color:#111827;background:#ffffff;padding:8px;display:inline-block;max-width:100%;overflow-x:auto"
)
_TABLE = "border-collapse:collapse;margin:4px 0"
_TH = "padding:2px 6px;border-bottom:1px solid #d1d5db;text-align:left;font-weight:600;color:#374151"
_TD = "padding:2px 6px;border-bottom:1px solid #f3f4f6;text-align:left;vertical-align:top"
_MUTED = "color:#6b7280"
_STEP_BAR = "#4f46e5"
_REVIEW_BAR = "#d97706"
#: Plans longer than this many calendar days get no day-by-day timeline.
_MAX_TIMELINE_DAYS = 120


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _kind_token(kind: DayKind) -> str:
    """``"makeup_working_day"`` for :attr:`DayKind.MAKEUP_WORKING_DAY`: a stable token for data attributes."""
    return kind.name.lower()


def _day_style(kind: DayKind, provisional: bool = False) -> str:
    background, colour = KIND_COLOURS[kind]
    border = "1px dashed #9ca3af" if provisional else "1px solid #e5e7eb"
    return f"background:{background};color:{colour};border:{border}"


def _swatch(kind: DayKind) -> str:
    mark = MONTH_MARKS[kind].strip() or "&nbsp;"
    return (
        f'<span style="{_day_style(kind)};display:inline-block;min-width:1.4em;text-align:center;'
        f'font-size:11px;margin-right:4px">{mark}</span>'
    )


def _legend(kinds: Iterable[DayKind], loc: str = "en") -> str:
    items = "".join(
        f'<span style="margin-right:12px;white-space:nowrap">{_swatch(k)}{_e(day_kind_text(k, loc))}</span>'
        for k in kinds
    )
    return f'<div style="margin-top:4px;font-size:12px">{items}</div>'


def _instant(at: datetime, loc: str = "en") -> str:
    if loc != "en":
        return f"{format_day(at.date(), loc)} {at:%H:%M}"
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M}"


def _working(delta: timedelta, hours_per_day: float, loc: str = "en") -> str:
    """Working time: hours below a working day, else working days (``wd`` in English)."""
    hours = delta.total_seconds() / 3600
    if abs(hours) < hours_per_day:
        return f"{hours:.1f} h" if loc == "en" else gettext("{n:.1f} working h", loc).format(n=hours)
    days = hours / hours_per_day
    return f"{days:.1f} wd" if loc == "en" else gettext("{n:.1f} working days", loc).format(n=days)


def _elapsed(delta: timedelta, loc: str = "en") -> str:
    """Elapsed time: hours below two days, else days, in ``loc``'s words."""
    hours = delta.total_seconds() / 3600
    if hours < 48:
        return gettext("{n:.0f} h", loc).format(n=hours)
    return gettext("{n:.1f} days", loc).format(n=hours / 24)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, raw: bool = False) -> str:
    """A plain table; cells are escaped unless ``raw`` (the caller escaped them)."""
    head = "".join(f'<th style="{_TH}">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_TD}">{c if raw else _e(c)}</td>' for c in row) + "</tr>"
        for row in rows
    )
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# -- calendars ---------------------------------------------------------------------------
