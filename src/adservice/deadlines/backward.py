"""Backward plans: the latest work order and step dates for a delivery day or a placement (O7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from adservice.calendar.workcalendar import (
    WorkCalendar,
    resolve_calendar,
)
from adservice.deadlines._common import a_date, aware, maybe_aware, maybe_date
from adservice.deadlines._common import (
    as_date as _as_date,
)
from adservice.deadlines._common import (
    cutoff_time as _cutoff,
)
from adservice.deadlines._common import (
    units_text as _units,
)
from adservice.deadlines._steps import (
    _MAX_DAYS,
    _day_text,
    _durations,
    _instant_text,
    _wall,
)
from adservice.deadlines.duties import fee_list
from adservice.deadlines.forward import PlanStep
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    UnknownItemError,
    brief,
)
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["BackwardPlan", "PlacementPlan", "plan_backward", "plan_from_placement"]


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

    def explain(self) -> str:
        """The latest dates as lines: the work order, then each step's latest start and due."""
        lines = [
            f"{self.item} ({self.rule_id}, {_units(self.days, self.unit)}) delivered by "
            f"{_day_text(self.deliver_by)}",
            f"written work order by {_instant_text(self.work_order_deadline)} (before the cut-off)",
        ]
        lines.extend(
            f"{s.key}: start by {_day_text(s.start)}, due {_day_text(s.due_date)} ({_units(s.days, s.unit)})"
            for s in self.steps
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
        }


@attrs.frozen
class PlacementPlan:
    """Deadlines that lead up to a placement (air/insertion) date (see :func:`plan_from_placement`).

    Attributes:
        placement: the first day the advertising runs.
        fee_list_due_date: the day the approved media and creative fee list is due (O7), or ``None``
            if the rulebook disables O7.
        fee_list_deadline: close of business that day.
        materials_due_date: the latest day finished materials reach the media.
        items: the backward plan of each item, delivering by ``materials_due_date``.
        work_order_by: the earliest of the items' latest work-order days.
        provisional: whether any date rests on a year not yet officially announced.
    """

    placement: date = attrs.field(validator=a_date)
    fee_list_due_date: date | None = attrs.field(validator=maybe_date)
    fee_list_deadline: datetime | None = attrs.field(validator=maybe_aware)
    materials_due_date: date = attrs.field(validator=a_date)
    items: tuple[BackwardPlan, ...]
    work_order_by: date = attrs.field(validator=a_date)
    provisional: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "placement": self.placement.isoformat(),
            "fee_list_due_date": self.fee_list_due_date.isoformat() if self.fee_list_due_date else None,
            "fee_list_deadline": self.fee_list_deadline.isoformat() if self.fee_list_deadline else None,
            "materials_due_date": self.materials_due_date.isoformat(),
            "work_order_by": self.work_order_by.isoformat(),
            "provisional": self.provisional,
            "items": [p.to_dict() for p in self.items],
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


def _backward(
    book: Rulebook, item: str, deliver_by: date, cal: WorkCalendar, *, days: int | None, cutoff: Time
) -> BackwardPlan:
    top, committed, durations = _durations(book, item, days)
    last_due = cal.add_working_days(deliver_by, 0, roll="backward")
    due = last_due
    steps: list[PlanStep] = []
    for key, name, n, unit, rule_id in reversed(durations):
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
    first = steps[0].start
    return BackwardPlan(
        item=top.key,
        deliver_by=deliver_by,
        due_date=last_due,
        work_order_by=first,
        work_order_deadline=_wall(cal, first, cutoff),
        steps=tuple(steps),
        provisional=cal.is_provisional(first, deliver_by),
        days=committed,
        unit=top.unit,
        rule_id=top.rule_id,
        calendar=cal,
    )


def plan_backward(
    item: str,
    deliver_by: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    days: int | None = None,
    cutoff: Time | None = None,
) -> BackwardPlan:
    """The latest work order and step dates that deliver ``item`` by ``deliver_by``.

    The exact inverse of :func:`plan` in working days: a work order received on
    :attr:`BackwardPlan.work_order_by` before the cut-off is due on
    :attr:`BackwardPlan.due_date`, and one received later is due after it.

    Args:
        item: a turnaround key of the rulebook.
        deliver_by: the day the item must be delivered (rolled back to a working day).
        calendar: the agency's calendar (default CN).
        rulebook: where durations come from (default :meth:`Rulebook.standard`).
        days: the commitment inside the item's range (default: its upper bound).
        cutoff: the daily cut-off for day 0 (default: close of business).

    Returns:
        The backward plan with :attr:`~BackwardPlan.work_order_by` and each step's latest dates.

    Raises:
        UnknownItemError: ``item`` is not known, listing the valid keys.
        DurationOutOfRangeError: ``days`` outside the item's range.
        CalendarRangeError: a date outside the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a date past its confirmed years.
        InvalidInputError: arguments of the wrong type.

    >>> b = plan_backward("print_single", date(2025, 10, 15))
    >>> b.work_order_deadline.isoformat()
    '2025-09-26T17:00:00+08:00'
    >>> [(s.key, s.start.isoformat()) for s in b.steps][:2]
    [('creative_concept', '2025-09-26'), ('copy_and_layout', '2025-09-29')]
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    target = _as_date(deliver_by, "deliver_by")
    return _backward(book, item, target, cal, days=days, cutoff=_cutoff(cal, cutoff))


def plan_from_placement(
    placement: date,
    items: Sequence[str],
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    days: Mapping[str, int] | None = None,
    materials_lead: int = 1,
    cutoff: Time | None = None,
) -> PlacementPlan:
    """Backward from a placement (air/insertion) date: the fee list (O7), materials and work orders.

    The approved fee list is due O7's ``days`` (6) calendar days before the
    placement, rolled back to a working day. Finished materials are due
    ``materials_lead`` working days before the placement (0: on the placement
    day itself, rolled back), and every item is planned backward to that day.

    Args:
        placement: the first day of the placement.
        items: turnaround keys of the materials needed (e.g. ``["print_single", "tvc_production"]``).
        calendar: the agency's calendar (default CN).
        rulebook: where durations and O7 come from (default :meth:`Rulebook.standard`).
        days: commitments per item, ``{item: days}``, inside each item's range.
        materials_lead: working days between materials delivery and placement.
        cutoff: the daily cut-off for day 0 (default: close of business).

    Returns:
        The fee-list date, the materials date, each item's backward plan and the earliest work order.

    Raises:
        UnknownItemError: an unknown item (listing the valid keys) or a ``days`` key not among ``items``.
        DurationOutOfRangeError: a commitment outside an item's range; a negative ``materials_lead``.
        RulebookError: O7's ``days`` parameter is not a non-negative int.
        CalendarRangeError, ProvisionalCalendarError, InvalidInputError: as :func:`plan_backward`.

    >>> p = plan_from_placement(date(2025, 10, 13), ["print_single"])
    >>> p.fee_list_due_date, p.materials_due_date, p.work_order_by
    (datetime.date(2025, 9, 30), datetime.date(2025, 10, 11), datetime.date(2025, 9, 23))
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    on = _as_date(placement, "placement")
    if (
        isinstance(items, str)
        or not isinstance(items, Sequence)
        or not items
        or not all(isinstance(key, str) for key in items)
    ):
        raise InvalidInputError(f"items must be a non-empty list of turnaround keys (got {brief(items)}).")
    if not isinstance(days, (Mapping, type(None))):
        raise InvalidInputError(f"days must be a mapping of item to days (got {brief(days)}).")
    chosen = dict(days or {})
    stray = [k for k in chosen if k not in items]
    if stray:
        raise UnknownItemError(f"days names {brief(stray[0])}, which is not among the items {list(items)}.")
    if isinstance(materials_lead, bool) or not isinstance(materials_lead, int):
        raise InvalidInputError(
            f"materials_lead must be an int of working days (got {brief(materials_lead)})."
        )
    if not 0 <= materials_lead <= _MAX_DAYS:
        raise DurationOutOfRangeError(
            f"materials_lead must be 0..{_MAX_DAYS} working days (got {materials_lead})."
        )
    limit = _cutoff(cal, cutoff)
    if materials_lead:
        materials = cal.add_working_days(on, -materials_lead, roll="forward")
    else:
        materials = cal.add_working_days(on, 0, roll="backward")
    plans = tuple(_backward(book, key, materials, cal, days=chosen.get(key), cutoff=limit) for key in items)
    fee = fee_list(on, calendar=cal, rulebook=book)  # O7: the one place its date is computed
    fee_deadline = fee.due if fee is not None else None
    fee_due = fee_deadline.astimezone(cal.tz).date() if fee_deadline is not None else None
    work_order_by = min(p.work_order_by for p in plans)
    provisional = cal.is_provisional(on, materials, work_order_by, *([fee_due] if fee_due else []))
    return PlacementPlan(on, fee_due, fee_deadline, materials, plans, work_order_by, provisional)
