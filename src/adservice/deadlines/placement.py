"""Media, backward from the placement: the whole chain and the materials' plans (SPEC §3 media_booking).

The handbooks' media chain runs, in order: the media schedule (T3) → the client's
written confirmation (G4: no booking without it) → the booking → the client's
media prepayment (G10: before materials go to media) → the approved media and
creative fee list (O7: 6 days before the placement) → finished materials to the
media → the placement. :func:`plan_from_placement` runs it backward: every step
gets its latest safe start and due date, each step's due date is on or before
the next step's start, and the client's review time sits between the agency's
hand-over and the client's step.

    >>> p = plan_from_placement(date(2025, 10, 13), ["print_single"])
    >>> for step in p.chain:
    ...     print(f"{step.key:<15} {step.start} .. {step.due_date}")
    media_schedule  2025-09-25 .. 2025-09-29
    confirmation    2025-09-29 .. 2025-09-29
    booking         2025-09-29 .. 2025-09-30
    prepayment      2025-09-30 .. 2025-09-30
    fee_list        2025-09-30 .. 2025-09-30
    materials       2025-09-30 .. 2025-10-11
    placement       2025-10-13 .. 2025-10-13
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from datetime import time as Time
from typing import Any

import attrs

from adservice._display import show
from adservice.calendar.workcalendar import WorkCalendar, resolve_calendar
from adservice.deadlines._common import a_date, aware, maybe_aware, maybe_date
from adservice.deadlines._common import as_date as _as_date
from adservice.deadlines._common import cutoff_time as _cutoff
from adservice.deadlines._params import enabled_rule
from adservice.deadlines._steps import _MAX_DAYS, _day_text
from adservice.deadlines.backward import BackwardPlan, plan_backward
from adservice.deadlines.duties import fee_list
from adservice.errors import DurationOutOfRangeError, InvalidInputError, UnknownItemError, brief
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["CHAIN", "MediaStep", "PlacementPlan", "plan_from_placement"]

#: The media chain's steps in order: key, what, whose step, the rule it cites (if any).
CHAIN: tuple[tuple[str, str, str, str | None], ...] = (
    ("media_schedule", "media schedule plan to the client", "agency", "T3"),
    ("confirmation", "the client's written confirmation of the media schedule", "client", "G4"),
    ("booking", "media booked", "agency", None),
    ("prepayment", "the client's media prepayment", "client", "G10"),
    ("fee_list", "approved media and creative fee list", "client", "O7"),
    ("materials", "finished materials to the media", "agency", None),
    ("placement", "placement starts", "media", None),
)


@attrs.frozen
class MediaStep:
    """One step of the media chain with its latest safe dates (see :func:`plan_from_placement`).

    Attributes:
        key: ``"media_schedule"``, ``"confirmation"``, ``"booking"``, ``"prepayment"``,
            ``"fee_list"``, ``"materials"`` or ``"placement"``.
        what: the step in words.
        owner: whose step it is: ``"agency"``, ``"client"`` (the client's review or payment) or
            ``"media"`` (the placement itself).
        start: the latest day the step can begin (the day it is handed over to its owner).
        due_date: the latest day it must be done.
        deadline: close of business on ``due_date`` (the placement: its day's start).
        days: working days from ``start`` to ``due_date``.
        rule_id: the rule that demands the step, if any (``"G4"``, ``"G10"``, ``"O7"``, ``"T3"``).
        provisional: whether a day involved lies past the calendar's confirmed years.
        because: why the latest date is what it is, in one line.

    >>> step = plan_from_placement(date(2025, 10, 13), ["print_single"]).chain[0]
    >>> step.key, step.owner, step.start, step.due_date, step.rule_id
    ('media_schedule', 'agency', datetime.date(2025, 9, 25), datetime.date(2025, 9, 29), 'T3')
    """

    key: str
    what: str
    owner: str
    start: date = attrs.field(validator=a_date)
    due_date: date = attrs.field(validator=a_date)
    deadline: datetime = attrs.field(validator=aware)
    days: int
    rule_id: str | None
    provisional: bool
    because: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        data = attrs.asdict(self)
        data.update(
            start=self.start.isoformat(),
            due_date=self.due_date.isoformat(),
            deadline=self.deadline.isoformat(),
        )
        return data


@attrs.frozen
class PlacementPlan:
    """Deadlines that lead up to a placement (air/insertion) date (see :func:`plan_from_placement`).

    Attributes:
        placement: the first day the advertising runs.
        fee_list_due_date: the day the approved media and creative fee list is due (O7), or ``None``
            if the rulebook disables O7.
        fee_list_deadline: close of business that day.
        materials_due_date: the latest day finished materials reach the media.
        items: the backward plan of each item: materials delivering by ``materials_due_date``, the
            media schedule by its date in the chain.
        work_order_by: the earliest latest work-order day of the chain and the items.
        provisional: whether any date rests on a year not yet officially announced.
        chain: the media chain, in order, each step with its latest dates.
        review_days: working days the client takes for each of its steps.

    >>> p = plan_from_placement(date(2025, 10, 13), ["print_single"])
    >>> p.placement, p.work_order_by, p.fee_list_due_date, p.items[0].item
    (datetime.date(2025, 10, 13), datetime.date(2025, 9, 23), datetime.date(2025, 9, 30), 'print_single')
    """

    placement: date = attrs.field(validator=a_date)
    fee_list_due_date: date | None = attrs.field(validator=maybe_date)
    fee_list_deadline: datetime | None = attrs.field(validator=maybe_aware)
    materials_due_date: date = attrs.field(validator=a_date)
    items: tuple[BackwardPlan, ...]
    work_order_by: date = attrs.field(validator=a_date)
    provisional: bool
    chain: tuple[MediaStep, ...] = attrs.field(default=(), kw_only=True)
    review_days: int = attrs.field(default=0, kw_only=True)

    def step(self, key: str) -> MediaStep:
        """The chain's step ``key``.

        Raises:
            UnknownItemError: naming the chain's steps.
        """
        for step in self.chain:
            if step.key == key:
                return step
        steps = ", ".join(s.key for s in self.chain)
        raise UnknownItemError(f"the media chain has no step {brief(key)}; its steps: {steps}.")

    def explain(self) -> str:
        """The chain as lines, first step first: whose, latest start and due, the rule, why."""
        lines = [f"placement {_day_text(self.placement)}, client review {self.review_days} working days"]
        for s in self.chain:
            rule = f" ({s.rule_id})" if s.rule_id else ""
            lines.append(
                f"{s.key}{rule}, {s.owner}: start by {_day_text(s.start)}, due {_day_text(s.due_date)}"
                + (f" — {s.because}" if s.because else "")
            )
        if self.provisional:
            lines.append("[provisional]")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return show("html", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "placement": self.placement.isoformat(),
            "fee_list_due_date": self.fee_list_due_date.isoformat() if self.fee_list_due_date else None,
            "fee_list_deadline": self.fee_list_deadline.isoformat() if self.fee_list_deadline else None,
            "materials_due_date": self.materials_due_date.isoformat(),
            "work_order_by": self.work_order_by.isoformat(),
            "review_days": self.review_days,
            "provisional": self.provisional,
            "chain": [s.to_dict() for s in self.chain],
            "items": [p.to_dict() for p in self.items],
        }


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{what} must be an int of working days (got {brief(value)}).")
    if not 0 <= value <= _MAX_DAYS:
        raise DurationOutOfRangeError(f"{what} must be 0..{_MAX_DAYS} working days (got {value}).")
    return value


def _items(items: object, days: object) -> tuple[list[str], dict[str, int]]:
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
    return list(items), chosen


class _Chain:
    """The chain built backward: each step's start is the previous (earlier) step's latest due."""

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.steps: list[MediaStep] = []

    @property
    def first_start(self) -> date:
        return self.steps[-1].start

    def add(self, key: str, start: date, due: date, because: str, deadline: datetime | None = None) -> None:
        _, what, owner, rule_id = next(c for c in CHAIN if c[0] == key)
        cal = self.cal
        days = cal.working_days_between(start, due) if start < due else 0
        at = deadline if deadline is not None else cal.close_of_business(due)
        step = MediaStep(
            key, what, owner, start, due, at, days, rule_id, cal.is_provisional(start, due), because
        )
        self.steps.append(step)

    def wait(self, key: str, due: date, n: int, because: str) -> None:
        """A step of ``n`` working days that must be done by ``due`` (a working day)."""
        self.add(key, self.cal.add_working_days(due, -n), due, because)


def plan_from_placement(
    placement: date,
    items: Sequence[str],
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    days: Mapping[str, int] | None = None,
    materials_lead: int = 1,
    review_days: int = 0,
    booking_days: int = 1,
    cutoff: Time | None = None,
) -> PlacementPlan:
    """Backward from a placement (air/insertion) date: the media chain, the fee list (O7), the materials.

    The approved fee list is due O7's ``days`` (6) calendar days before the placement,
    rolled back to a working day (:func:`~adservice.deadlines.fee_list`, the one place
    that date is computed). Finished materials are due ``materials_lead`` working days
    before the placement (0: on the placement day itself, rolled back). Before the fee
    list, backward: the client's prepayment (G10), the booking (``booking_days``), the
    client's written confirmation (G4) and the media schedule (T3); each client step
    takes ``review_days``. Each item is planned backward (with the same ``review_days``
    between its steps) to the materials day; the media schedule, if among the items,
    to its day in the chain.

    Args:
        placement: the first day of the placement.
        items: turnaround keys of the work needed (e.g. ``["print_single", "media_schedule"]``).
        calendar: the agency's calendar (default CN).
        rulebook: where durations and O7 come from (default :meth:`Rulebook.standard`).
        days: commitments per item, ``{item: days}``, inside each item's range.
        materials_lead: working days between materials delivery and placement.
        review_days: working days the client takes for each of its steps (and between an item's steps).
        booking_days: working days the booking takes after the client's confirmation.
        cutoff: the daily cut-off for day 0 (default: close of business).

    Returns:
        The chain, the fee-list date, the materials date, each item's backward plan and the
        earliest work order.

    Raises:
        UnknownItemError: an unknown item (listing the valid keys) or a ``days`` key not among ``items``.
        DurationOutOfRangeError: a commitment outside an item's range; a negative ``materials_lead``,
            ``review_days`` or ``booking_days``.
        RulebookError: O7's ``days`` parameter is not a non-negative int.
        CalendarRangeError, ProvisionalCalendarError, InvalidInputError: as :func:`plan_backward`.

    >>> p = plan_from_placement(date(2025, 10, 13), ["print_single", "media_schedule"], review_days=1)
    >>> p.fee_list_due_date, p.materials_due_date, p.step("media_schedule").due_date
    (datetime.date(2025, 9, 30), datetime.date(2025, 10, 11), datetime.date(2025, 9, 25))
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    on = _as_date(placement, "placement")
    keys, chosen = _items(items, days)
    lead = _count(materials_lead, "materials_lead")
    review = _count(review_days, "review_days")
    booking = _count(booking_days, "booking_days")
    limit = _cutoff(cal, cutoff)
    if lead:
        materials = cal.add_working_days(on, -lead, roll="forward")
    else:
        materials = cal.add_working_days(on, 0, roll="backward")
    fee = fee_list(on, calendar=cal, rulebook=book)  # O7: the one place its date is computed
    fee_deadline = fee.due if fee is not None else None
    fee_due = fee_deadline.astimezone(cal.tz).date() if fee_deadline is not None else None

    chain = _Chain(cal)
    chain.add("placement", on, on, "", datetime.combine(on, Time(0), tzinfo=cal.tz))
    due = fee_due if fee_due is not None and fee_due < materials else materials
    chain.add("materials", due, materials, f"{lead} working day(s) before the placement")
    if fee is not None and fee_due is not None:
        why = fee.because if due == fee_due else f"{fee.because}; not after the materials"
        chain.wait("fee_list", due, review, why)
    if enabled_rule(book, "G10") is not None:
        chain.wait("prepayment", chain.first_start, review, "before the fee list and the materials (G10)")
    chain.wait("booking", chain.first_start, booking, f"{booking} working day(s) before the prepayment")
    if enabled_rule(book, "G4") is not None:
        chain.wait("confirmation", chain.first_start, review, "no booking before it (G4)")
    schedule: BackwardPlan | None = None
    if "media_schedule" in book.items:
        target = chain.first_start
        days_ = chosen.get("media_schedule")
        schedule = plan_backward(
            "media_schedule", target, calendar=cal, rulebook=book, days=days_, cutoff=limit
        )
        chain.add("media_schedule", schedule.work_order_by, schedule.due_date, "handed to the client for G4")
    plans = tuple(
        schedule
        if key == "media_schedule" and schedule is not None
        else plan_backward(
            key,
            materials,
            calendar=cal,
            rulebook=book,
            days=chosen.get(key),
            review_days=review,
            cutoff=limit,
        )
        for key in keys
    )
    steps = tuple(reversed(chain.steps))
    work_order_by = min([p.work_order_by for p in plans] + [steps[0].start])
    provisional = (
        cal.is_provisional(on, materials, work_order_by, *([fee_due] if fee_due else []))
        or any(p.provisional for p in plans)
        or any(s.provisional for s in steps)
    )
    return PlacementPlan(
        on,
        fee_due,
        fee_deadline,
        materials,
        plans,
        work_order_by,
        provisional,
        chain=steps,
        review_days=review,
    )
