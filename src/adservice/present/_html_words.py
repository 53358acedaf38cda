"""The words of the HTML renderings in the reader's language (captions, legends, footers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from adservice.calendar.days import DayInfo
from adservice.calendar.localnames import day_kind_text, day_name_text
from adservice.calendar.workcalendar import MonthView
from adservice.deadlines.due import Due
from adservice.engagement.lifecycle import Engagement
from adservice.i18n import (
    format_day,
    format_month,
    format_short_day,
    gettext,
    ngettext,
    pgettext,
    weekday_names,
)
from adservice.present._html import _elapsed, _instant
from adservice.present._vocab import value_words, word

__all__ = [
    "clock_state",
    "day_note",
    "duty_state",
    "engagement_words",
    "event_details",
    "heads_text",
    "month_words",
    "weekday_letter",
]


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


_HEADS = {
    "job": lambda loc: gettext("job", loc),
    "rule": lambda loc: gettext("rule", loc),
    "due": lambda loc: gettext("due", loc),
    "status": lambda loc: gettext("status", loc),
    "agency time": lambda loc: gettext("agency time", loc),
    "client time": lambda loc: gettext("client time", loc),
    "remaining": lambda loc: gettext("remaining", loc),
    "at": lambda loc: gettext("at", loc),
    "event": lambda loc: gettext("event", loc),
    "actor": lambda loc: gettext("actor", loc),
    "details": lambda loc: gettext("details", loc),
    "duty": lambda loc: gettext("duty", loc),
    "because of": lambda loc: gettext("because of", loc),
}


def heads_text(heads: Sequence[str], loc: str) -> tuple[str, ...]:
    """Table headings in ``loc`` (a heading the catalogs lack stays as written)."""
    return tuple(_HEADS[h](loc) if h in _HEADS else h for h in heads)


def _when(at: datetime, loc: str) -> str:
    if loc == "en":
        return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[at.weekday()]} {at:%Y-%m-%d %H:%M}"
    return f"{format_day(at.date(), loc)} {at:%H:%M}"


def engagement_words(e: Engagement, when: datetime | None, loc: str) -> tuple[str, str]:
    """An engagement's stage (and where a hold came from) and its one-line summary."""
    stage = word("stage", e.stage.value, loc) if loc != "en" else e.stage.value
    if e.held_from is not None:
        held = word("stage", e.held_from.value, loc) if loc != "en" else e.held_from.value
        stage += gettext(" (from {stage})", loc).format(stage=held)
    n = e.revision_rounds
    rounds = ngettext("{n} revision round", "{n} revision rounds", n, loc).format(n=n)
    summary = gettext("{n} events · {rounds}", loc).format(n=len(e.events), rounds=rounds)
    if when is not None:
        summary += gettext(" · as of {when}", loc).format(when=_when(when.astimezone(e.calendar.tz), loc))
    return stage, summary


def clock_state(st: Any, loc: str) -> str:
    """A clock's state in a table cell: met, late by ..., paused, running (and its risk)."""
    late = gettext("late by {time}", loc).format(time=_elapsed(st.lateness, loc))
    if st.stopped:
        return gettext("met", loc) if st.met else late
    if st.paused:
        return gettext("paused (waiting on the client)", loc)
    running, sep = gettext("running", loc), (", " if loc == "en" else "，")
    if st.risk == "breached":  # past its due and not delivered: late, by the agency's lateness
        return running + sep + late
    if st.risk == "ok":
        return running
    level = st.risk.rsplit("_", 1)[-1]  # at_risk_50: half the budget used
    risk = "at risk" if loc == "en" else pgettext("column", "risk", loc)
    return f"{running}{sep}{risk} {level}%"


def event_details(payload: Mapping[str, Any], loc: str) -> str:
    """An event's payload in one short line (``key=value``; the keys in ``loc``)."""
    keys = {"assessment", "contents", "team"}
    sep = ", " if loc == "en" else "，"
    text = sep.join(
        f"{k if loc == 'en' else word('field', k, loc)}={value_words(k, v, loc)}"
        for k, v in payload.items()
        if k not in keys
    )
    return text if len(text) <= 90 else text[:89] + "…"


_STATES = {
    "open": lambda loc: gettext("open", loc),
    "overdue": lambda loc: gettext("overdue", loc),
    "met": lambda loc: gettext("met", loc),
    "late": lambda loc: gettext("late", loc),
}


def duty_state(d: Due, when: datetime | None, tz: tzinfo, loc: str) -> str:
    """A duty's verdict at ``when`` (:meth:`Due.status`): open, overdue, met, or done late and when."""
    if when is None:
        return gettext("open", loc)
    state = d.status(when)
    if state == "late" and d.done_at is not None:
        text = gettext("late: done {when}, {time} after", loc)
        when_done = _instant(d.done_at.astimezone(tz), loc)
        return text.format(when=when_done, time=_elapsed(d.done_at - d.due, loc))
    return _STATES[state](loc) if state in _STATES else state
