"""Where a clock stands: :class:`ClockStatus` (and the :class:`Pause` values a clock keeps)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

import attrs

from adservice.deadlines._common import aware, maybe_aware

__all__ = ["ClockStatus", "Pause", "Verdict"]

#: A deadline's verdict at an instant: delivered on time, late (delivered or still running), or running.
Verdict = Literal["met", "breached", "open"]


@attrs.frozen
class Pause:
    """A stretch of waiting on the client; ``end`` is ``None`` while it lasts."""

    start: datetime = attrs.field(validator=aware)
    reason: str
    end: datetime | None = attrs.field(default=None, validator=maybe_aware)


@attrs.frozen
class ClockStatus:
    """Where a clock stands at ``as_of``; every duration is working time unless it says otherwise.

    Attributes:
        key: the clock's key; ``rule_id``: the rule it enforces.
        as_of: the instant asked about.
        started_at: when the clock started.
        due: the deadline, moved later by the client's waiting time that came before it.
        original_due: the deadline as promised, before any waiting.
        budget: the working time the agency was given (start to original due).
        agency_time: working time the clock ran (the agency's).
        client_time: working time the clock was paused (the client's).
        remaining: budget left (never negative; see ``lateness``).
        used_fraction: ``agency_time / budget`` (1.0 for an empty budget); above 1 once over budget.
        risk: ``"ok"``, ``"at_risk_50"``, ``"at_risk_75"`` (one per threshold crossed) or ``"breached"``.
        thresholds: the fractions of the budget that mark a risk level.
        latest_safe_start: the instant the first threshold is (or was) crossed, if the clock keeps
            running from ``as_of``: work not under way by then is at risk. ``None`` without thresholds.
        threshold_instants: that instant for every threshold.
        paused: whether the clock is waiting on the client at ``as_of``.
        stopped: whether it has been stopped by ``as_of``.
        breached: the deadline (``due``) passed before the clock stopped.
        met: ``True``/``False`` once stopped on time/late; ``None`` while running.
        lateness: elapsed time past ``due`` (the agency's lateness: ``due`` already excludes waiting).
        delay: elapsed time past ``original_due`` (the agency's lateness plus the client's waiting).

    >>> from zoneinfo import ZoneInfo
    >>> from adservice import Clock, WorkCalendar
    >>> sh, cn = ZoneInfo("Asia/Shanghai"), WorkCalendar("CN")
    >>> clock = Clock.start("media_plan", datetime(2025, 9, 29, 9, tzinfo=sh), working_days=3, calendar=cn)
    >>> s = clock.status(datetime(2025, 9, 30, 10, tzinfo=sh))
    >>> s.risk, s.used_fraction, s.remaining, s.breached
    ('ok', 0.28125, datetime.timedelta(seconds=82800), False)
    """

    key: str
    rule_id: str | None
    as_of: datetime = attrs.field(validator=aware)
    started_at: datetime = attrs.field(validator=aware)
    due: datetime = attrs.field(validator=aware)
    original_due: datetime = attrs.field(validator=aware)
    budget: timedelta
    agency_time: timedelta
    client_time: timedelta
    remaining: timedelta
    used_fraction: float
    risk: str
    thresholds: tuple[float, ...]
    latest_safe_start: datetime | None = attrs.field(validator=maybe_aware)
    threshold_instants: tuple[datetime, ...]
    paused: bool
    stopped: bool
    breached: bool
    met: bool | None
    lateness: timedelta
    delay: timedelta

    @property
    def elapsed(self) -> timedelta:
        """Working time from the start to ``as_of`` (or the stop): agency time plus client time."""
        return self.agency_time + self.client_time

    @property
    def verdict(self) -> Verdict:
        """``"met"``, ``"breached"`` (late, delivered or not) or ``"open"`` (running on time)."""
        if self.met:
            return "met"
        return "breached" if self.breached else "open"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data; durations in seconds."""
        return {
            "key": self.key,
            "rule_id": self.rule_id,
            "as_of": self.as_of.isoformat(),
            "started_at": self.started_at.isoformat(),
            "due": self.due.isoformat(),
            "original_due": self.original_due.isoformat(),
            "budget": self.budget.total_seconds(),
            "agency_time": self.agency_time.total_seconds(),
            "client_time": self.client_time.total_seconds(),
            "remaining": self.remaining.total_seconds(),
            "used_fraction": self.used_fraction,
            "risk": self.risk,
            "thresholds": list(self.thresholds),
            "latest_safe_start": self.latest_safe_start.isoformat() if self.latest_safe_start else None,
            "paused": self.paused,
            "stopped": self.stopped,
            "breached": self.breached,
            "met": self.met,
            "lateness": self.lateness.total_seconds(),
            "delay": self.delay.total_seconds(),
        }
