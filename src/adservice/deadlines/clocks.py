"""Turnaround clocks: start, pause while waiting on the client, resume, stop — and status at any instant.

A :class:`Clock` is an immutable value; every call takes its instant and
returns a new clock. Time is working time (business hours of working days,
:meth:`WorkCalendar.working_time_between`); time spent paused is the client's,
not the agency's, and moves the deadline later by as much.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> sh, cn = ZoneInfo("Asia/Shanghai"), WorkCalendar("CN")
    >>> received = datetime(2025, 9, 29, 9, tzinfo=sh)
    >>> clock = Clock.start("media_schedule", received, working_days=3, calendar=cn)
    >>> clock.due.isoformat()
    '2025-10-10T17:00:00+08:00'
    >>> clock = clock.pause(datetime(2025, 9, 30, 9, tzinfo=sh)).resume(datetime(2025, 10, 9, 9, tzinfo=sh))
    >>> status = clock.status(datetime(2025, 10, 10, 10, tzinfo=sh))
    >>> status.due.isoformat(), status.client_time, status.risk
    ('2025-10-11T17:00:00+08:00', datetime.timedelta(seconds=28800), 'at_risk_50')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from datetime import time as Time
from typing import Any, Literal

import attrs

from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.deadlines._common import add_months as _add_months
from adservice.deadlines._common import cutoff_time as _cutoff
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.plans import Plan
from adservice.errors import ChronologyError, DurationOutOfRangeError, InvalidInputError

__all__ = [
    "CalendarDiff",
    "Clock",
    "ClockStatus",
    "DeadlineChange",
    "Pause",
    "Verdict",
    "clocks_for",
    "recompute",
]

#: A deadline's verdict at an instant: delivered on time, late (delivered or still running), or running.
Verdict = Literal["met", "breached", "open"]
_MAX_DAYS = 10_000
_ZERO = timedelta(0)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a string (got {value!r}).")
    return value


def _thresholds(value: object) -> tuple[float, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise InvalidInputError(f"thresholds must be a sequence of fractions (got {value!r}).")
    items = tuple(value)
    ok = all(isinstance(t, (int, float)) and not isinstance(t, bool) and 0 < t <= 1 for t in items)
    if not ok or any(a >= b for a, b in itertools.pairwise(items)):
        msg = f"thresholds must be ascending fractions in (0, 1], e.g. (0.5, 0.75) (got {value!r})."
        raise InvalidInputError(msg)
    return tuple(float(t) for t in items)


def _risk_label(threshold: float) -> str:
    return f"at_risk_{round(threshold * 100)}"


@attrs.frozen
class Pause:
    """A stretch of waiting on the client; ``end`` is ``None`` while it lasts."""

    start: datetime
    reason: str
    end: datetime | None = None


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
    """

    key: str
    rule_id: str | None
    as_of: datetime
    started_at: datetime
    due: datetime
    original_due: datetime
    budget: timedelta
    agency_time: timedelta
    client_time: timedelta
    remaining: timedelta
    used_fraction: float
    risk: str
    thresholds: tuple[float, ...]
    latest_safe_start: datetime | None
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


@attrs.frozen
class Clock:
    """A turnaround clock as an immutable value (build it with :meth:`start`).

    Attributes:
        key: what the clock times (an item or step key, a job number).
        started_at: when it started (the written work order's arrival).
        due: the deadline as promised (:attr:`ClockStatus.due` adds the client's waiting).
        calendar: the calendar working time is counted on.
        rule_id: the rule the deadline comes from, if any.
        working_days: the turnaround in working days, if the deadline was computed from it.
        months: the turnaround in calendar months, if the deadline was computed from it.
        cutoff: the daily cut-off used for day 0 (``None``: close of business).
        pauses: every wait on the client so far, in order; only the last may be open.
        stopped_at: when the clock stopped (the item was delivered), if it has.
    """

    key: str
    started_at: datetime
    due: datetime
    calendar: WorkCalendar = attrs.field(repr=False)
    rule_id: str | None = None
    working_days: int | None = None
    months: int | None = None
    cutoff: Time | None = None
    pauses: tuple[Pause, ...] = ()
    stopped_at: datetime | None = None

    def __attrs_post_init__(self) -> None:
        # Built by hand (or loaded) rather than through start/pause/resume/stop: hold it to the
        # same rules, so every Clock answers status() without surprises.
        if not isinstance(self.calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {self.calendar!r}).")
        instants = [require_aware(self.started_at, "started_at")]
        require_aware(self.due, "due")
        for i, p in enumerate(self.pauses):
            if not isinstance(p, Pause):
                raise InvalidInputError(f"pauses must be Pause values (got {p!r}).")
            instants.append(require_aware(p.start, "a pause's start"))
            if p.end is not None:
                instants.append(require_aware(p.end, "a pause's end"))
            elif i != len(self.pauses) - 1 or self.stopped_at is not None:
                raise ChronologyError(
                    f"clock {self.key!r}: only the last pause of a running clock may be open."
                )
        if self.stopped_at is not None:
            instants.append(require_aware(self.stopped_at, "stopped_at"))
        if any(b < a for a, b in itertools.pairwise(instants)):
            raise ChronologyError(f"clock {self.key!r}: its start, pauses and stop must be in order.")

    @classmethod
    def start(
        cls,
        key: str,
        at: datetime,
        *,
        working_days: int | None = None,
        due: datetime | None = None,
        calendar: WorkCalendar,
        rule_id: str | None = None,
        months: int | None = None,
        cutoff: Time | None = None,
    ) -> Clock:
        """Start a clock at ``at`` with a deadline in working days (or months), or an explicit one.

        With ``working_days``, day 0 follows SPEC §4 (the receipt day if it is a
        working day and before the cut-off, else the next working day) and the
        deadline is close of business ``working_days`` later.

        Args:
            key: what the clock times.
            at: the instant it starts (aware).
            working_days: the turnaround in working days; or
            due: an explicit deadline (aware, not before ``at``); or
            months: the turnaround in calendar months (rolled forward to a working day).
            calendar: the calendar to count on.
            rule_id: the rule the deadline comes from.
            cutoff: the daily cut-off for day 0 (default: close of business).

        Raises:
            InvalidInputError: not exactly one of ``working_days``, ``due``, ``months``; wrong types.
            NaiveDatetimeError: ``at`` or ``due`` has no time zone.
            DurationOutOfRangeError: a negative turnaround or a deadline before the start.
            CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {calendar!r}).")
        key = _text(key, "key")
        if rule_id is not None:
            rule_id = _text(rule_id, "rule_id")
        started = require_aware(at, "at")
        given = [
            name
            for name, v in (("working_days", working_days), ("due", due), ("months", months))
            if v is not None
        ]
        if len(given) != 1:
            msg = f"clock {key!r} needs exactly one of working_days, due or months (got {given or 'none'})."
            raise InvalidInputError(msg)
        limit = _cutoff(calendar, cutoff)
        if due is not None:
            deadline = require_aware(due, "due")
            if deadline < started:
                msg = (
                    f"clock {key!r} would be due {deadline.isoformat()}, before it starts at "
                    f"{started.isoformat()}; a deadline comes after the start."
                )
                raise DurationOutOfRangeError(msg)
        else:
            n = working_days if working_days is not None else months
            what = "working_days" if working_days is not None else "months"
            if isinstance(n, bool) or not isinstance(n, int):
                raise InvalidInputError(f"{what} must be an int (got {n!r}).")
            if not 0 <= n <= _MAX_DAYS:
                raise DurationOutOfRangeError(f"{what} must be 0..{_MAX_DAYS} (got {n}) for clock {key!r}.")
            day0 = day_zero(started, calendar=calendar, cutoff=limit)
            end = (
                calendar.add_working_days(day0, n)
                if what == "working_days"
                else _add_months(calendar, day0, n)
            )
            deadline = calendar.close_of_business(end)
        return cls(key, started, deadline, calendar, rule_id, working_days, months, cutoff)

    @classmethod
    def for_plan(cls, plan: Plan) -> Clock:
        """One clock for a whole plan, from its work order to its last step's deadline.

        Client review windows are not part of it: pause the clock while the client reviews.
        """
        if not isinstance(plan, Plan):
            raise InvalidInputError(f"for_plan needs a Plan (got {plan!r}).")
        in_days = plan.unit == "working_days"
        return cls.start(
            plan.item,
            plan.received_at,
            working_days=plan.days if in_days else None,
            months=None if in_days else plan.days,
            calendar=plan.calendar,
            rule_id=plan.rule_id,
            cutoff=plan.cutoff,
        )

    # -- state -----------------------------------------------------------------

    @property
    def paused(self) -> bool:
        """Whether the clock is waiting on the client (its last pause is open)."""
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def stopped(self) -> bool:
        """Whether the clock has stopped."""
        return self.stopped_at is not None

    @property
    def last(self) -> datetime:
        """The latest instant recorded; the next call must not be earlier."""
        if self.stopped_at is not None:
            return self.stopped_at
        if self.pauses:
            final = self.pauses[-1]
            return final.end or final.start
        return self.started_at

    def _check(self, at: object, action: str) -> datetime:
        instant = require_aware(at, "at")
        if self.stopped_at is not None:
            msg = (
                f"clock {self.key!r} stopped at {self.stopped_at.isoformat()}; it cannot {action} after that."
            )
            raise ChronologyError(msg)
        if instant < self.last:
            msg = (
                f"clock {self.key!r} cannot {action} at {instant.isoformat()}, before its last "
                f"change at {self.last.isoformat()}; pass instants in order."
            )
            raise ChronologyError(msg)
        return instant

    def pause(self, at: datetime, reason: str = "waiting on client") -> Clock:
        """Pause while waiting on the client; the time paused is the client's.

        Raises:
            ChronologyError: already paused, stopped, or ``at`` before the last change.
        """
        instant = self._check(at, "pause")
        reason = _text(reason, "reason")
        if self.paused:
            since = self.pauses[-1].start.isoformat()
            raise ChronologyError(f"clock {self.key!r} is already paused since {since}; resume it first.")
        return attrs.evolve(self, pauses=(*self.pauses, Pause(instant, reason)))

    def resume(self, at: datetime) -> Clock:
        """Resume after the client's sign-off (or answer).

        Raises:
            ChronologyError: not paused, stopped, or ``at`` before the last change.
        """
        instant = self._check(at, "resume")
        if not self.paused:
            raise ChronologyError(f"clock {self.key!r} is running, not paused; only a paused clock resumes.")
        final = attrs.evolve(self.pauses[-1], end=instant)
        return attrs.evolve(self, pauses=(*self.pauses[:-1], final))

    def stop(self, at: datetime) -> Clock:
        """Stop the clock (the item is delivered); an open pause ends at ``at``.

        Raises:
            ChronologyError: already stopped, or ``at`` before the last change.
        """
        instant = self._check(at, "stop")
        pauses = self.pauses
        if self.paused:
            pauses = (*pauses[:-1], attrs.evolve(pauses[-1], end=instant))
        return attrs.evolve(self, pauses=pauses, stopped_at=instant)

    def with_calendar(self, calendar: WorkCalendar) -> Clock:
        """The same clock counted on another calendar; its deadline is recomputed if it came from days.

        This clock is left as it was.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {calendar!r}).")
        if self.working_days is None and self.months is None:
            return attrs.evolve(self, calendar=calendar)
        fresh = Clock.start(
            self.key,
            self.started_at,
            working_days=self.working_days,
            months=self.months,
            calendar=calendar,
            rule_id=self.rule_id,
            cutoff=self.cutoff,
        )
        return attrs.evolve(self, calendar=calendar, due=fresh.due)

    # -- status ------------------------------------------------------------------

    def _segments(self, end: datetime) -> tuple[list[tuple[datetime, datetime | None]], list[timedelta]]:
        """Running stretches up to ``end`` (the last one open) and the working time of each pause between."""
        cal = self.calendar
        runs: list[tuple[datetime, datetime | None]] = []
        waits: list[timedelta] = []
        begin = self.started_at
        for p in self.pauses:
            if p.start >= end:
                break
            stop = end if p.end is None or p.end > end else p.end
            runs.append((begin, p.start))
            waits.append(cal.working_time_between(p.start, stop))
            begin = stop
        runs.append((begin, None))
        return runs, waits

    def _crossing(
        self, runs: Sequence[tuple[datetime, datetime | None]], waits: Sequence[timedelta], target: timedelta
    ) -> tuple[datetime, timedelta]:
        """The first instant the agency's time reaches ``target``, and the client time before it."""
        cal = self.calendar
        waited = _ZERO
        for i, (a, b) in enumerate(runs):
            if b is not None:
                span = cal.working_time_between(a, b)
                if target > span:
                    target -= span
                    waited += waits[i]
                    continue
            return cal.add_business_hours(a, target), waited
        raise AssertionError  # pragma: no cover - the last run is open

    def status(self, as_of: datetime, *, thresholds: Iterable[float] = (0.5, 0.75)) -> ClockStatus:
        """Where the clock stands at ``as_of``: due, remaining, risk, breached, met, whose time.

        Only what happened up to ``as_of`` counts, so a past ``as_of`` answers as
        the clock stood then. After ``as_of`` the clock is assumed to run.

        Args:
            as_of: the instant asked about (aware, not before the start).
            thresholds: ascending fractions of the budget that mark risk levels.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
            ChronologyError: ``as_of`` before the clock started.
            InvalidInputError: thresholds that are not ascending fractions in (0, 1].
        """
        moment = require_aware(as_of, "as_of")
        levels = _thresholds(thresholds)
        if moment < self.started_at:
            start = self.started_at.isoformat()
            msg = f"clock {self.key!r} starts at {start}; as_of {moment.isoformat()} is earlier."
            raise ChronologyError(msg)
        cal = self.calendar
        stopped = self.stopped_at is not None and self.stopped_at <= moment
        end = self.stopped_at if stopped and self.stopped_at is not None else moment
        runs, waits = self._segments(end)
        elapsed = cal.working_time_between(self.started_at, end)
        client = sum(waits, _ZERO)
        agency = elapsed - client
        budget = max(cal.working_time_between(self.started_at, self.due), _ZERO)
        crossing, waited = self._crossing(runs, waits, budget)
        due = crossing if waited > _ZERO else self.due
        instants = tuple(self._crossing(runs, waits, budget * t)[0] for t in levels)
        used = agency / budget if budget > _ZERO else 1.0
        breached = end > due
        risk = "breached" if breached else "ok"
        if not breached:
            for t in levels:
                if used >= t:
                    risk = _risk_label(t)
        paused = not stopped and any(
            p.start <= moment and (p.end is None or p.end > moment) for p in self.pauses
        )
        return ClockStatus(
            key=self.key,
            rule_id=self.rule_id,
            as_of=moment,
            started_at=self.started_at,
            due=due,
            original_due=self.due,
            budget=budget,
            agency_time=agency,
            client_time=client,
            remaining=max(budget - agency, _ZERO),
            used_fraction=used,
            risk=risk,
            thresholds=levels,
            latest_safe_start=instants[0] if instants else None,
            threshold_instants=instants,
            paused=paused,
            stopped=stopped,
            breached=breached,
            met=(not breached) if stopped else None,
            lateness=max(end - due, _ZERO),
            delay=max(end - self.due, _ZERO),
        )


def clocks_for(plan: Plan) -> tuple[Clock, ...]:
    """One clock per step of a plan, each due at the step's deadline.

    The first starts with the work order; each later one when the previous step
    is handed over (its deadline, or the end of the client's review after it).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> [c.due.date().isoformat() for c in clocks_for(p)][:2]
    ['2025-09-29', '2025-10-10']
    """
    if not isinstance(plan, Plan):
        raise InvalidInputError(f"clocks_for needs a Plan (got {plan!r}).")
    reviews = {r.after: r for r in plan.reviews}
    clocks: list[Clock] = []
    begin = plan.received_at
    for step in plan.steps:
        clocks.append(
            Clock.start(step.key, begin, due=step.deadline, calendar=plan.calendar, rule_id=step.rule_id)
        )
        review = reviews.get(step.key)
        begin = review.deadline if review is not None else step.deadline
    return tuple(clocks)


# -- recomputing under another calendar -------------------------------------------------


@attrs.frozen
class DeadlineChange:
    """One deadline before and after a calendar change.

    Attributes:
        source: the position of its clock or plan in what was recomputed.
        key: the clock's key, or ``"item/step"`` for a plan's step.
        old_due, new_due: the deadline before and after.
        moved_days: calendar days it moved (later is positive).
        moved_working_days: working days it moved, counted on the old calendar.
        old_verdict, new_verdict: ``"met"``, ``"breached"`` or ``"open"`` at the diff's ``as_of``.
    """

    source: int
    key: str
    old_due: datetime
    new_due: datetime
    moved_days: int
    moved_working_days: int
    old_verdict: Verdict
    new_verdict: Verdict

    @property
    def moved(self) -> bool:
        """Whether the deadline instant changed."""
        return self.old_due != self.new_due

    @property
    def flipped(self) -> bool:
        """Whether the verdict changed (e.g. met → breached)."""
        return self.old_verdict != self.new_verdict

    def describe(self) -> str:
        """One line: what moved, by how much, and which verdict flipped."""
        text = f"{self.key}: {self.old_due:%Y-%m-%d %H:%M} → {self.new_due:%Y-%m-%d %H:%M}"
        if self.moved:
            text += f" ({self.moved_working_days:+d} working days, {self.moved_days:+d} days)"
        else:
            text += " (unchanged)"
        if self.flipped:
            text += f"; {self.old_verdict} → {self.new_verdict}"
        return text


@attrs.frozen
class CalendarDiff:
    """What a calendar change does to deadlines (see :func:`recompute`).

    Attributes:
        as_of: the instant verdicts are judged at.
        changes: every deadline before and after, in input order.
        recomputed: the clocks and plans counted on the new calendar (the inputs are left as they were).
    """

    as_of: datetime
    changes: tuple[DeadlineChange, ...]
    recomputed: tuple[Clock | Plan, ...]

    @property
    def moved(self) -> tuple[DeadlineChange, ...]:
        """The deadlines that moved."""
        return tuple(c for c in self.changes if c.moved)

    @property
    def flipped(self) -> tuple[DeadlineChange, ...]:
        """The deadlines whose verdict flipped."""
        return tuple(c for c in self.changes if c.flipped)

    def __str__(self) -> str:
        return "\n".join(c.describe() for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "as_of": self.as_of.isoformat(),
            "changes": [
                {
                    "source": c.source,
                    "key": c.key,
                    "old_due": c.old_due.isoformat(),
                    "new_due": c.new_due.isoformat(),
                    "moved_days": c.moved_days,
                    "moved_working_days": c.moved_working_days,
                    "old_verdict": c.old_verdict,
                    "new_verdict": c.new_verdict,
                }
                for c in self.changes
            ],
        }


def _change(
    source: int, key: str, old: tuple[datetime, Verdict], new: tuple[datetime, Verdict], cal: WorkCalendar
) -> DeadlineChange:
    (old_due, old_verdict), (new_due, new_verdict) = old, new
    a, b = old_due.astimezone(cal.tz).date(), new_due.astimezone(cal.tz).date()
    return DeadlineChange(
        source, key, old_due, new_due, (b - a).days, cal.working_days_between(a, b), old_verdict, new_verdict
    )


def recompute(
    items: Iterable[Clock | Plan] | Clock | Plan, calendar: WorkCalendar, as_of: datetime
) -> CalendarDiff:
    """Recount clocks and plans on a changed calendar (a new closure, a new official notice) and diff.

    Nothing is modified: the new clocks and plans come back in :attr:`CalendarDiff.recomputed`.

    Args:
        items: clocks and plans (or one of either).
        calendar: the new calendar.
        as_of: the instant verdicts are judged at (a plan's step is breached once its deadline has passed).

    Returns:
        Every deadline before and after, by how much it moved and whether its verdict flipped.

    Raises:
        InvalidInputError: something that is neither a clock nor a plan; ``calendar`` not a calendar.
        NaiveDatetimeError: ``as_of`` has no time zone.
        ChronologyError: ``as_of`` before a clock started.

    >>> from datetime import date
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=sh))
    >>> retreat = p.calendar.replace(closures={date(2025, 10, 13): "agency retreat"})
    >>> diff = recompute([p], retreat, as_of=datetime(2025, 10, 14, 18, tzinfo=sh))
    >>> print(diff.moved[0].describe())
    print_single/final_art: 2025-10-13 17:00 → 2025-10-14 17:00 (+1 working days, +1 days)
    """
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {calendar!r}).")
    moment = require_aware(as_of, "as_of")
    if isinstance(items, (Clock, Plan)):
        items = [items]
    try:
        inputs = list(items)
    except TypeError:
        raise InvalidInputError(f"items must be clocks and plans (got {items!r}).") from None
    changes: list[DeadlineChange] = []
    recomputed: list[Clock | Plan] = []
    for source, item in enumerate(inputs):
        if isinstance(item, Clock):
            fresh = item.with_calendar(calendar)
            old, new = item.status(moment), fresh.status(moment)
            changes.append(
                _change(source, item.key, (old.due, old.verdict), (new.due, new.verdict), item.calendar)
            )
        elif isinstance(item, Plan):
            fresh_plan = item.replan(calendar)
            for before, after in zip(item.steps, fresh_plan.steps, strict=True):
                changes.append(
                    _change(
                        source,
                        f"{item.item}/{before.key}",
                        (before.deadline, "breached" if moment > before.deadline else "open"),
                        (after.deadline, "breached" if moment > after.deadline else "open"),
                        item.calendar,
                    )
                )
            fresh = fresh_plan  # type: ignore[assignment]
        else:
            raise InvalidInputError(f"recompute takes clocks and plans (got {item!r}).")
        recomputed.append(fresh)
    return CalendarDiff(moment, tuple(changes), tuple(recomputed))
