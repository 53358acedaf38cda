"""``job_clock``: the one computation of a job's turnaround clock (issue 9 §5).

Every view — the engagement's ``clocks()``, the status and overdue reports,
obligations, DataFrames, iCalendar — reads a job's clock from here.

What stops a job's clock is decided here once: **only its delivery**.
Submitting work for the client's approval does not stop it; the engagement
then waits on the client, which pauses the clock (the client's time), and a
revision sent back resumes it. So a job submitted without delivery and sent
back for revision is still running, and is breached (and overdue) once the
agency's working time passes its due.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines._jobcore import Wait, job_clock_of, merged_waits
from adservice.deadlines.clocks import Clock
from adservice.errors import InvalidInputError, brief
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["Wait", "job_clock", "merge_waits"]


def merge_waits(waits: Iterable[Wait]) -> tuple[Wait, ...]:
    """Intervals waited on the client, overlapping ones merged (reasons joined), oldest first.

    Raises:
        InvalidInputError: not ``(start, end | None, reason)`` triples; NaiveDatetimeError: naive instants.
        ChronologyError: an interval that ends before it starts.
    """
    if isinstance(waits, (str, bytes)) or not isinstance(waits, Iterable):
        raise InvalidInputError(f"waits must be (start, end | None, reason) triples (got {brief(waits)}).")
    rows: list[Wait] = []
    for wait in waits:
        if not isinstance(wait, tuple) or len(wait) != 3 or not isinstance(wait[2], str):
            raise InvalidInputError(
                f"a wait must be a (start, end | None, reason) triple (got {brief(wait)})."
            )
        start = require_aware(wait[0], "a wait's start")
        end = None if wait[1] is None else require_aware(wait[1], "a wait's end")
        rows.append((start, end, wait[2]))
    return merged_waits(rows)  # refuses a wait that ends before it starts, comparing instants


def job_clock(
    job: str,
    *,
    item: str,
    received_at: datetime,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    waits: Iterable[Wait] = (),
    delivered_at: datetime | None = None,
    rush_due_date: date | None = None,
    working_days: int | None = None,
    rule_id: str | None = None,
) -> Clock:
    """A job's turnaround clock: started by its (latest) written work order, paused while the
    engagement waited on the client, stopped by the job's delivery — and by nothing else.

    Args:
        job: the job number (the clock's key).
        item: the job's turnaround item (a rulebook key, e.g. ``"print_single"``).
        received_at: when the work order for it arrived (aware).
        calendar: the agency's calendar (default CN); rulebook: the rules (default standard).
        waits: ``(start, end | None, reason)`` intervals the engagement waited on the client
            (approval rounds, on hold); overlapping ones are merged, those outside the job's
            running time ignored.
        delivered_at: when the job was delivered, if it was.
        rush_due_date: the due date of a rush the agency accepted (rule T8, close of business that day);
            a rush due before the work order (accepted for an earlier order) does not bind this one.
        working_days: a turnaround of its own instead of the item's plan (a revision job order's,
            rule L11): due close of business that many working days after day 0 of ``received_at``.
        rule_id: the rule such a turnaround comes from (default ``"L11"``).

    Returns:
        The clock; ask it ``status(as_of)``.

    Raises:
        UnknownItemError: an unknown item; InvalidInputError, NaiveDatetimeError: wrong types.
        ChronologyError: a delivery before the work order.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> approval = (datetime(2025, 9, 29, 10, tzinfo=sh), datetime(2025, 9, 30, 10, tzinfo=sh), "approval")
    >>> ordered = datetime(2025, 9, 26, 10, tzinfo=sh)
    >>> c = job_clock("J-1", item="print_single", received_at=ordered, waits=[approval])
    >>> s = c.status(datetime(2025, 10, 20, tzinfo=sh))
    >>> c.due.date(), s.due.date(), s.breached
    (datetime.date(2025, 10, 15), datetime.date(2025, 10, 16), True)

    A revision job order (L11) runs on its own turnaround, by the same rules:

    >>> r = job_clock("J-1-R1", item="print_single", received_at=ordered, working_days=2)
    >>> r.due.date(), r.rule_id
    (datetime.date(2025, 9, 29), 'L11')
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    if not isinstance(job, str) or not job:
        raise InvalidInputError(f"job must be a non-empty str, the job number (got {brief(job)}).")
    started = require_aware(received_at, "received_at")
    delivered = None if delivered_at is None else require_aware(delivered_at, "delivered_at")
    return job_clock_of(
        job, item, started, cal, book, waits, delivered, rush_due_date, working_days, rule_id, merge_waits
    )
