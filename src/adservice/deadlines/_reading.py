"""Where a clock stands at an instant, computed once: :meth:`adservice.deadlines.Clock.status` and
the portfolio's reports both read a clock through :func:`read_clock`, so they cannot disagree.

Every working time here is a difference of positions on the calendar's business-time line
(:class:`adservice.calendar._business.Ruler`): each instant of the clock (its start, pauses, stop,
due and the instant asked about) is placed once, not once per question.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from adservice.calendar._business import Ruler
from adservice.calendar.workcalendar import WorkCalendar, unambiguous
from adservice.deadlines.clockstatus import Pause

__all__ = ["ClockLike", "Reading", "read_clock"]

_ZERO = timedelta(0)


class Reading(NamedTuple):
    """A clock at an instant: what :class:`~adservice.deadlines.ClockStatus` is made of."""

    end: datetime  # the instant asked about, or the stop if the clock stopped by then
    stopped: bool
    paused: bool
    due: datetime  # moved later by the client's waiting before it
    budget: timedelta
    agency: timedelta
    client: timedelta
    instants: tuple[datetime, ...]  # when each threshold of the budget is (or was) crossed


class ClockLike(Protocol):
    """What a reading needs of a clock (:class:`~adservice.deadlines.Clock` has it)."""

    @property
    def started_at(self) -> datetime:
        """When it started."""
        ...

    @property
    def due(self) -> datetime:
        """The deadline as promised."""
        ...

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar working time is counted on."""
        ...

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """Every wait on the client, in order."""
        ...

    @property
    def stopped_at(self) -> datetime | None:
        """When it stopped, if it has."""
        ...


Place = tuple[int, timedelta, datetime]  # (rank, position, local instant) of an instant


def _crossing(
    ruler: Ruler,
    starts: Sequence[Place],
    spans: Sequence[timedelta | None],
    waits: Sequence[timedelta],
    target: timedelta,
) -> tuple[datetime, timedelta]:
    """The first instant the agency's time reaches ``target``, and the client time before it."""
    waited = _ZERO
    for i, span in enumerate(spans):
        if span is not None and target > span:
            target -= span
            waited += waits[i]
            continue
        return ruler.add_at(starts[i], target), waited
    raise AssertionError  # pragma: no cover - the last run is open


def read_clock(clock: ClockLike, moment: datetime, levels: Sequence[float] = ()) -> Reading:
    """``clock`` at ``moment`` (aware, not before its start; the caller checked both), with the
    instants each of ``levels`` (fractions of the budget) is crossed.

    Each working time is a difference of two instants' places on the calendar's business-time
    line; the places are taken in the order ``Clock.status`` has always asked for them (each pause's
    end then its start, then the end, the start and the due), so an instant the calendar refuses is
    refused with the same words.
    """
    ruler = Ruler(clock.calendar)
    place = ruler.place
    # Instants in a repeated wall hour (DST fall-back) at their fixed offsets: < orders instants.
    moment, started = unambiguous(moment), unambiguous(clock.started_at)
    stopped_at = None if clock.stopped_at is None else unambiguous(clock.stopped_at)
    pauses = [(unambiguous(p.start), None if p.end is None else unambiguous(p.end)) for p in clock.pauses]
    stopped = stopped_at is not None and stopped_at <= moment
    end = stopped_at if stopped and stopped_at is not None else moment
    # Running stretches up to ``end`` (the last one open) and the working time of each pause between.
    resumes: list[Place] = []  # where each running stretch after a pause starts
    ends: list[Place] = []  # where each closed running stretch ends (a pause starts)
    waits: list[timedelta] = []
    for p_start, p_end in pauses:
        if p_start >= end:
            break
        stop = end if p_end is None or p_end > end else p_end
        resumed = place(stop, "b")
        paused = place(p_start, "a")
        waits.append(resumed[1] - paused[1])
        ends.append(paused)
        resumes.append(resumed)
    last = place(end, "b")
    first = place(started, "a")
    elapsed = last[1] - first[1]
    client = sum(waits, _ZERO)
    budget = max(place(clock.due, "b")[1] - first[1], _ZERO)
    begins = [first, *resumes]
    # The working time of each closed running stretch (``None`` for the open last one).
    spans: list[timedelta | None] = [b[1] - a[1] for a, b in zip(begins, ends, strict=False)]
    spans.append(None)
    crossing, waited = _crossing(ruler, begins, spans, waits, budget)
    due = crossing if waited > _ZERO else clock.due
    instants = tuple(_crossing(ruler, begins, spans, waits, budget * t)[0] for t in levels)
    paused_now = not stopped and any(
        p_start <= moment and (p_end is None or p_end > moment) for p_start, p_end in pauses
    )
    return Reading(end, stopped, paused_now, due, budget, elapsed - client, client, instants)
