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
from collections.abc import Iterable
from datetime import datetime, timedelta
from datetime import time as Time

import attrs

from adservice.calendar.workcalendar import WorkCalendar, require_aware, unambiguous
from adservice.deadlines._common import add_months as _add_months
from adservice.deadlines._common import cutoff_time as _cutoff
from adservice.deadlines._reading import read_clock
from adservice.deadlines.clockstatus import ClockStatus, Pause, Verdict
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.forward import Plan
from adservice.errors import ChronologyError, DurationOutOfRangeError, InvalidInputError, brief

__all__ = ["Clock", "ClockStatus", "Pause", "Verdict", "clocks_for"]

_MAX_DAYS = 10_000
_ZERO = timedelta(0)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a string (got {brief(value)}).")
    return value


def _thresholds(value: object) -> tuple[float, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise InvalidInputError(f"thresholds must be a sequence of fractions (got {brief(value)}).")
    items = tuple(value)
    ok = all(isinstance(t, (int, float)) and not isinstance(t, bool) and 0 < t <= 1 for t in items)
    if not ok or any(a >= b for a, b in itertools.pairwise(items)):
        msg = f"thresholds must be ascending fractions in (0, 1], e.g. (0.5, 0.75) (got {brief(value)})."
        raise InvalidInputError(msg)
    return tuple(float(t) for t in items)


def _risk_label(threshold: float) -> str:
    return f"at_risk_{round(threshold * 100)}"


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

    >>> from zoneinfo import ZoneInfo
    >>> received = datetime(2025, 9, 29, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> clock = Clock.start("media_schedule", received, working_days=3, calendar=WorkCalendar("CN"))
    >>> clock.key, clock.due.isoformat(), clock.working_days
    ('media_schedule', '2025-10-10T17:00:00+08:00', 3)
    """

    key: str
    started_at: datetime
    due: datetime
    calendar: WorkCalendar = attrs.field(repr=False, kw_only=True)
    rule_id: str | None = attrs.field(default=None, kw_only=True)
    working_days: int | None = attrs.field(default=None, kw_only=True)
    months: int | None = attrs.field(default=None, kw_only=True)
    cutoff: Time | None = attrs.field(default=None, kw_only=True)
    pauses: tuple[Pause, ...] = attrs.field(default=(), kw_only=True)
    stopped_at: datetime | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        # Built by hand (or loaded) rather than through start/pause/resume/stop: hold it to the
        # same rules, so every Clock answers status() without surprises.
        if not isinstance(self.calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(self.calendar)}).")
        instants = [require_aware(self.started_at, "started_at")]
        require_aware(self.due, "due")
        if not isinstance(self.pauses, tuple):
            raise InvalidInputError(f"pauses must be a tuple of Pause values (got {brief(self.pauses)}).")
        for i, p in enumerate(self.pauses):
            if not isinstance(p, Pause):
                raise InvalidInputError(f"pauses must be Pause values (got {brief(p)}).")
            instants.append(require_aware(p.start, "a pause's start"))
            if p.end is not None:
                instants.append(require_aware(p.end, "a pause's end"))
            elif i != len(self.pauses) - 1 or self.stopped_at is not None:
                raise ChronologyError(
                    f"clock {brief(self.key)}: only the last pause of a running clock may be open."
                )
        if self.stopped_at is not None:
            instants.append(require_aware(self.stopped_at, "stopped_at"))
        if any(unambiguous(b) < unambiguous(a) for a, b in itertools.pairwise(instants)):
            raise ChronologyError(f"clock {brief(self.key)}: its start, pauses and stop must be in order.")

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
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
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
            msg = (
                f"clock {brief(key)} needs exactly one of "
                f"working_days, due or months (got {given or 'none'})."
            )
            raise InvalidInputError(msg)
        limit = _cutoff(calendar, cutoff)
        if due is not None:
            deadline = require_aware(due, "due")
            if unambiguous(deadline) < unambiguous(started):
                msg = (
                    f"clock {brief(key)} would be due {deadline.isoformat()}, before it starts at "
                    f"{started.isoformat()}; a deadline comes after the start."
                )
                raise DurationOutOfRangeError(msg)
        else:
            n = working_days if working_days is not None else months
            what = "working_days" if working_days is not None else "months"
            if isinstance(n, bool) or not isinstance(n, int):
                raise InvalidInputError(f"{what} must be an int (got {brief(n)}).")
            if not 0 <= n <= _MAX_DAYS:
                raise DurationOutOfRangeError(
                    f"{what} must be 0..{_MAX_DAYS} (got {n}) for clock {brief(key)}."
                )
            day0 = day_zero(started, calendar=calendar, cutoff=limit)
            end = (
                calendar.add_working_days(day0, n)
                if what == "working_days"
                else _add_months(calendar, day0, n)
            )
            deadline = calendar.close_of_business(end)
        return cls(
            key,
            started,
            deadline,
            calendar=calendar,
            rule_id=rule_id,
            working_days=working_days,
            months=months,
            cutoff=cutoff,
        )

    @classmethod
    def for_plan(cls, plan: Plan) -> Clock:
        """One clock for a whole plan, from its work order to its last step's deadline.

        Client review windows are not part of it: pause the clock while the client reviews.
        """
        if not isinstance(plan, Plan):
            raise InvalidInputError(f"for_plan needs a Plan (got {brief(plan)}).")
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
                f"clock {brief(self.key)} stopped at "
                f"{self.stopped_at.isoformat()}; it cannot {action} after that."
            )
            raise ChronologyError(msg)
        if unambiguous(instant) < unambiguous(self.last):
            msg = (
                f"clock {brief(self.key)} cannot {action} at {instant.isoformat()}, before its last "
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
            raise ChronologyError(
                f"clock {brief(self.key)} is already paused since {since}; resume it first."
            )
        return attrs.evolve(self, pauses=(*self.pauses, Pause(instant, reason)))

    def resume(self, at: datetime) -> Clock:
        """Resume after the client's sign-off (or answer).

        Raises:
            ChronologyError: not paused, stopped, or ``at`` before the last change.
        """
        instant = self._check(at, "resume")
        if not self.paused:
            raise ChronologyError(
                f"clock {brief(self.key)} is running, not paused; only a paused clock resumes."
            )
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

    def with_calendar(self, *, calendar: WorkCalendar) -> Clock:
        """The same clock counted on another calendar; its deadline is recomputed if it came from days.

        This clock is left as it was.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
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
        if unambiguous(moment) < unambiguous(self.started_at):
            start = self.started_at.isoformat()
            msg = f"clock {brief(self.key)} starts at {start}; as_of {moment.isoformat()} is earlier."
            raise ChronologyError(msg)
        reading = read_clock(self, moment, levels)
        end, stopped, _, due, budget, agency, client, instants = reading
        used = agency / budget if budget > _ZERO else 1.0
        breached = end > due
        risk = "breached" if breached else "ok"
        if not breached:
            for t in levels:
                if used >= t:
                    risk = _risk_label(t)
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
            paused=reading.paused,
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
        raise InvalidInputError(f"clocks_for needs a Plan (got {brief(plan)}).")
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
