"""The computation behind :func:`adservice.deadlines.job_clock`, once its arguments are checked.

:func:`~adservice.deadlines.job_clock` checks what a caller hands it (types, aware instants, the
waits' shape) and calls :func:`job_clock_of`; an engagement's own view of its clocks
(:func:`adservice.engagement.views.clocks_of`) reads values its log already checked and calls it
directly, so both build every job's clock the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from datetime import time as Time

from adservice.calendar.workcalendar import WorkCalendar, unambiguous
from adservice.deadlines._common import add_months, as_date
from adservice.deadlines._steps import _durations
from adservice.deadlines.clocks import Clock
from adservice.deadlines.clockstatus import Pause
from adservice.deadlines.dayzero import day_zero
from adservice.errors import ChronologyError, InvalidInputError, brief
from adservice.rulebook.book import Rulebook

__all__ = ["Wait", "job_clock_of", "merged_waits"]

Wait = tuple[datetime, datetime | None, str]


def merged_waits(rows: Iterable[Wait]) -> tuple[Wait, ...]:
    """Aware ``(start, end | None, reason)`` intervals, overlapping ones merged (reasons joined),
    oldest first.

    Raises:
        ChronologyError: an interval that ends before it starts.
    """
    merged: list[list[object]] = []
    checked = []
    for given_start, given_end, reason in rows:
        # A repeated wall hour (DST fall-back) at its fixed offset: < then orders instants.
        start, end = unambiguous(given_start), None if given_end is None else unambiguous(given_end)
        if end is not None and end < start:
            raise ChronologyError(f"a wait ends {end.isoformat()} before it starts {start.isoformat()}.")
        checked.append((start, end, reason))
    for start, end, reason in sorted(checked, key=lambda w: w[0]):
        last = merged[-1] if merged else None
        if last is not None and (last[1] is None or start <= last[1]):  # type: ignore[operator]
            if last[1] is not None and (end is None or end > last[1]):  # type: ignore[operator]
                last[1] = end
            last[2] = f"{last[2]}; {reason}"
        else:
            merged.append([start, end, reason])
    return tuple((a, b, r) for a, b, r in merged)  # type: ignore[misc]


_Base = tuple[datetime, str | None, int | None, int | None, Time | None]  # due, rule, days, months, cutoff


def _plan_base(item: str, started: datetime, cal: WorkCalendar, book: Rulebook) -> _Base:
    """What ``Clock.for_plan(plan(item, started, calendar=cal, rulebook=book))`` is due by, without
    building the plan or the clock.

    The clock reads only the plan's item, commitment, unit, rule and cut-off: day 0 of the work
    order (close of business its cut-off), moved by the commitment, at close of business. The plan's
    steps are walked for their checks alone (each step's due day must lie inside the calendar's
    horizon, as :func:`~adservice.deadlines.plan` requires). A rulebook's commitment is an int
    1..10000 (its turnaround table is checked when built), so ``Clock.start``'s checks of it hold.
    """
    top, committed, durations = _durations(book, item, None)
    limit = cal.business_hours[1]  # plan()'s default cut-off: close of business
    day0 = start = day_zero(started, calendar=cal, cutoff=limit)
    for _, _, n, unit, _ in durations:  # each step's due day (a working day inside the horizon)
        start = cal.add_working_days(start, n) if unit == "working_days" else add_months(cal, start, n)
    if top.unit == "working_days":
        due_day, days, months = cal.add_working_days(day0, committed), committed, None
    else:
        due_day, days, months = add_months(cal, day0, committed), None, committed
    return cal.close_of_business(due_day), top.rule_id, days, months, limit


def job_clock_of(  # noqa: PLR0917 - job_clock's arguments, checked
    job: str,
    item: str,
    started: datetime,
    cal: WorkCalendar,
    book: Rulebook,
    waits: Iterable[Wait],
    delivered: datetime | None,
    rush_due_date: date | None,
    working_days: int | None,
    rule_id: str | None,
    merge: Callable[[Iterable[Wait]], tuple[Wait, ...]] = merged_waits,
) -> Clock:
    """:func:`~adservice.deadlines.job_clock` once its job, calendar, rulebook and instants are checked
    (``started`` and ``delivered`` aware); ``merge`` merges the waits (:func:`merged_waits` for aware
    triples, :func:`~adservice.deadlines.merge_waits` to check them first). Everything else is
    checked here, in the order :func:`~adservice.deadlines.job_clock` documents.

    Raises:
        ChronologyError: a delivery before the work order, a wait that ends before it starts.
        UnknownItemError, CalendarRangeError, ProvisionalCalendarError, DurationOutOfRangeError,
        InvalidInputError: as :func:`~adservice.deadlines.job_clock`.
    """
    started = unambiguous(started)  # in a repeated wall hour, at its fixed offset: < orders instants
    delivered = None if delivered is None else unambiguous(delivered)
    if delivered is not None and delivered < started:
        msg = (
            f"job {brief(job)} delivered {delivered.isoformat()}, "
            f"before its work order {started.isoformat()}."
        )
        raise ChronologyError(msg)
    rush = None if rush_due_date is None else cal.close_of_business(as_date(rush_due_date, "rush_due_date"))
    base: _Base
    if working_days is not None:
        if rule_id is not None and not isinstance(rule_id, str):
            raise InvalidInputError(f"rule_id must be a rule id such as 'L11' (got {brief(rule_id)}).")
        book.item(item)  # the item must still be known
        own = Clock.start(job, started, working_days=working_days, calendar=cal, rule_id=rule_id or "L11")
        base = own.due, own.rule_id, own.working_days, own.months, own.cutoff
    elif rush is not None and rush >= started:
        base = rush, "T8", None, None, None  # Clock.start(job, started, due=rush, rule_id="T8")
    else:
        base = _plan_base(item, started, cal, book)
    due, base_rule, days, months, cutoff = base
    pauses: list[Pause] = []
    for start, end, reason in merge(waits):
        if (end is not None and end <= started) or (delivered is not None and start >= delivered):
            continue
        back = end if end is not None and (delivered is None or end < delivered) else delivered
        pauses.append(Pause(max(start, started), reason, back))
    # The clock built once with every pause and its stop (what pause, resume and stop would give
    # one by one): its own checks hold them in order, each pause closed but a running clock's last.
    return Clock(
        job,
        started,
        due,
        calendar=cal,
        rule_id=base_rule,
        working_days=days,
        months=months,
        cutoff=cutoff,
        pauses=tuple(pauses),
        stopped_at=delivered,
    )
