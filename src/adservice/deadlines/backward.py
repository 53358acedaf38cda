"""Backward plans: the latest work order and step dates for a delivery day (placements: ``placement``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from adservice.calendar.workcalendar import (
    WorkCalendar,
    resolve_calendar,
)
from adservice.deadlines._common import a_date, aware
from adservice.deadlines._common import (
    as_date as _as_date,
)
from adservice.deadlines._common import (
    cutoff_time as _cutoff,
)
from adservice.deadlines._common import (
    units_text as _units,
)
from adservice.deadlines._reviews import review_days_of, review_span, start_after
from adservice.deadlines._steps import (
    _day_text,
    _durations,
    _instant_text,
    _wall,
)
from adservice.deadlines.forward import PlanStep, ReviewWindow
from adservice.errors import CalendarRangeError
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["BackwardPlan", "plan_backward"]


@attrs.frozen
class BackwardPlan:
    """The latest dates that still deliver an item by ``deliver_by`` (see :func:`plan_backward`).

    Attributes:
        item: the item's key.
        deliver_by: the date asked for.
        due_date: the latest due date of the last step (``deliver_by`` rolled back to a working day).
        work_order_by: the latest day the written work order may arrive.
        work_order_deadline: the cut-off on that day: the order must arrive *before* this instant.
        steps: every step with its latest day 0 (``start``) and latest ``due``.
        provisional: whether any date rests on a year not yet officially announced.
        days, unit, rule_id: the item's committed duration and rule.
        calendar: the agency's calendar.

    >>> b = plan_backward("print_single", date(2025, 10, 15))
    >>> b.item, b.due_date, b.work_order_by, len(b.steps)
    ('print_single', datetime.date(2025, 10, 15), datetime.date(2025, 9, 26), 5)
    """

    item: str
    deliver_by: date = attrs.field(validator=a_date)
    due_date: date = attrs.field(validator=a_date)
    work_order_by: date = attrs.field(validator=a_date)
    work_order_deadline: datetime = attrs.field(validator=aware)
    steps: tuple[PlanStep, ...]
    provisional: bool
    days: int
    unit: str
    rule_id: str
    calendar: WorkCalendar = attrs.field(repr=False, kw_only=True)
    reviews: tuple[ReviewWindow, ...] = attrs.field(default=(), kw_only=True)
    client_calendar: WorkCalendar | None = attrs.field(default=None, repr=False, kw_only=True)

    def explain(self) -> str:
        """The latest dates as lines: the work order, then each step's latest start and due, and the
        client's review after it (if any)."""
        lines = [
            f"{self.item} ({self.rule_id}, {_units(self.days, self.unit)}) delivered by "
            f"{_day_text(self.deliver_by)}",
            f"written work order by {_instant_text(self.work_order_deadline)} (before the cut-off)",
        ]
        reviews = {r.after: r for r in self.reviews}
        for s in self.steps:
            span = f"start by {_day_text(s.start)}, due {_day_text(s.due_date)}"
            lines.append(f"{s.key}: {span} ({_units(s.days, s.unit)})")
            review = reviews.get(s.key)
            if review is not None:
                lines.append(
                    f"client review of {s.key} ({_units(review.days, 'working_days')}): "
                    f"handed over by {_day_text(review.start)}, signed off by {_day_text(review.due_date)}"
                )
        if self.provisional:
            lines.append("[provisional]")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "item": self.item,
            "rule_id": self.rule_id,
            "days": self.days,
            "unit": self.unit,
            "region": self.calendar.region,
            "deliver_by": self.deliver_by.isoformat(),
            "due_date": self.due_date.isoformat(),
            "work_order_by": self.work_order_by.isoformat(),
            "work_order_deadline": self.work_order_deadline.isoformat(),
            "provisional": self.provisional,
            "steps": [s.to_dict() for s in self.steps],
            "reviews": [r.to_dict() for r in self.reviews],
        }


# -- backward ------------------------------------------------------------------


def _latest_start(cal: WorkCalendar, due: date, n: int, unit: str) -> date:
    """The latest working day from which a step of ``n`` units is due by ``due`` (a working day)."""
    if unit == "working_days":
        return cal.add_working_days(due, -n)
    # Adding months is monotonic, so the latest start is the working day on or before the last
    # day that maps onto or before ``due``. That day is ``due - n months``, except when ``due`` ends
    # its month: then every later day of that month clamps onto ``due`` too (01-29..01-31 + 1 month
    # are all 02-28).
    try:
        target = due - relativedelta(months=n)
        if (due + timedelta(days=1)).month != due.month:
            target += relativedelta(day=31)
    except (ValueError, OverflowError):
        first, last = cal.horizon
        msg = f"{due} minus {n} months is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None
    return cal.add_working_days(target, 0, roll="backward")


def _latest_before_review(
    start: date, wait: int, key: str, cal: WorkCalendar, reviewer: WorkCalendar
) -> tuple[date, ReviewWindow]:
    """The latest due day of step ``key`` whose client review of ``wait`` working days still lets the
    next step start on ``start``: the exact inverse of the forward plan's review (``_review_window``)."""

    def after(day: date) -> date:
        return start_after(review_span(cal.close_of_business(day), wait, reviewer)[2], cal)

    due = cal.add_working_days(start, -wait)  # exact on one calendar; adjusted across two
    while after(due) > start:
        due = cal.add_working_days(due, -1)
    while after(later := cal.add_working_days(due, 1)) <= start:
        due = later
    handed, signed, signed_at, provisional = review_span(cal.close_of_business(due), wait, reviewer)
    return due, ReviewWindow(key, handed, signed, signed_at, wait, provisional, calendar=reviewer)


def _backward(  # noqa: PLR0917 - private: plan_backward after its checks
    book: Rulebook,
    item: str,
    deliver_by: date,
    cal: WorkCalendar,
    days: int | None,
    cutoff: Time,
    review_days: int | Mapping[str, int] = 0,
    client: WorkCalendar | None = None,
) -> BackwardPlan:
    """The backward plan of ``item`` (arguments already checked): see :func:`plan_backward`."""
    top, committed, durations = _durations(book, item, days)
    reviews = review_days_of(review_days, [d[0] for d in durations])
    reviewer = client or cal
    last_due = cal.add_working_days(deliver_by, 0, roll="backward")
    due = last_due
    steps: list[PlanStep] = []
    windows: list[ReviewWindow] = []
    for key, name, n, unit, rule_id in reversed(durations):
        wait = reviews.get(key, 0)
        if wait:
            due, window = _latest_before_review(due, wait, key, cal, reviewer)
            windows.append(window)
        start = _latest_start(cal, due, n, unit)
        deadline = cal.close_of_business(due)
        steps.append(
            PlanStep(
                key,
                start,
                due,
                deadline,
                n,
                rule_id,
                cal.is_provisional(start, due),
                calendar=cal,
                unit=unit,
                name=name,
            )
        )
        due = start
    steps.reverse()
    windows.reverse()
    first = steps[0].start
    return BackwardPlan(
        item=top.key,
        deliver_by=deliver_by,
        due_date=last_due,
        work_order_by=first,
        work_order_deadline=_wall(cal, first, cutoff),
        steps=tuple(steps),
        provisional=cal.is_provisional(first, deliver_by) or any(w.provisional for w in windows),
        days=committed,
        unit=top.unit,
        rule_id=top.rule_id,
        calendar=cal,
        reviews=tuple(windows),
        client_calendar=client,
    )


def plan_backward(
    item: str,
    deliver_by: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    days: int | None = None,
    client_calendar: WorkCalendar | None = None,
    review_days: int | Mapping[str, int] = 0,
    cutoff: Time | None = None,
) -> BackwardPlan:
    """The latest work order and step dates that deliver ``item`` by ``deliver_by``.

    The exact inverse of :func:`plan` in working days, client reviews included: a work
    order received on :attr:`BackwardPlan.work_order_by` before the cut-off, planned forward
    with the same ``review_days``, is due on :attr:`BackwardPlan.due_date`, and one received
    later is due after it.

    Args:
        item: a turnaround key of the rulebook.
        deliver_by: the day the item must be delivered (rolled back to a working day).
        calendar: the agency's calendar (default CN).
        rulebook: where durations come from (default :meth:`Rulebook.standard`).
        days: the commitment inside the item's range (default: its upper bound).
        client_calendar: the calendar the client's reviews run on (default: the agency's).
        review_days: working days the client takes to sign off each step before the next
            starts, as in :func:`plan`: one number for every gap, or ``{step key: days}``.
        cutoff: the daily cut-off for day 0 (default: close of business).

    Returns:
        The backward plan with :attr:`~BackwardPlan.work_order_by` and each step's latest dates.

    Raises:
        UnknownItemError: ``item`` (or a ``review_days`` key) is not known, listing the valid keys.
        DurationOutOfRangeError: ``days`` outside the item's range; negative review days.
        CalendarRangeError: a date outside the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a date past its confirmed years.
        InvalidInputError: arguments of the wrong type.

    >>> b = plan_backward("print_single", date(2025, 10, 15))
    >>> b.work_order_deadline.isoformat()
    '2025-09-26T17:00:00+08:00'
    >>> [(s.key, s.start.isoformat()) for s in b.steps][:2]
    [('creative_concept', '2025-09-26'), ('copy_and_layout', '2025-09-29')]
    >>> plan_backward("print_single", date(2025, 10, 15), review_days=1).work_order_by
    datetime.date(2025, 9, 22)
    """
    cal = resolve_calendar(calendar)
    client = resolve_calendar(client_calendar, "client_calendar") if client_calendar is not None else None
    book = resolve_rulebook(rulebook)
    target = _as_date(deliver_by, "deliver_by")
    return _backward(book, item, target, cal, days, _cutoff(cal, cutoff), review_days, client)
