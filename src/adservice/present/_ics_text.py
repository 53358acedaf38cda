"""Words of the iCalendar events: a duty's title naming whose it is, and when it was done."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from adservice.deadlines.due import Due

__all__ = ["done_text", "due_title", "event_zone"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_UTC_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"})
_ROUND = re.compile(r"(.+) of (round \d+)")


def _when_text(at: datetime) -> str:
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M}"


def due_title(d: Due, client: str | None, engagement_id: str | None) -> str:
    """``O5 execution report — Huaxia Real Estate, round 2 (E-1)``: the rule, what, whose (the
    client, else the engagement), the round if any, and whether it was done late."""
    what, round_ = d.what, ""
    match = _ROUND.fullmatch(what)
    if match:
        what, round_ = match[1], f", {match[2]}"
    owner = d.subject or engagement_id
    whose = client or owner
    title = f"{d.rule_id} {what}"
    if whose:
        title += f" — {whose}{round_}" + (f" ({owner})" if client and owner else "")
    elif round_:
        title += round_
    if d.done_at is not None and d.done_at > d.due:
        title += " — done late"
    return title


def done_text(d: Due) -> str:
    if d.done_at is None:
        return ""
    done = d.done_at.astimezone(d.due.tzinfo)
    if d.done_at <= d.due:
        return f"\ndone {_when_text(done)}"
    late = d.done_at - d.due
    hours = late.total_seconds() / 3600
    amount = f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.1f} days"
    return f"\ndone late: {_when_text(done)}, {amount} after it was due"


def event_zone(at: datetime) -> ZoneInfo | None:
    """The IANA zone to write ``at`` in, or ``None`` to write it in UTC."""
    tz = at.tzinfo
    if isinstance(tz, ZoneInfo) and tz.key not in _UTC_KEYS:
        return tz
    return None
