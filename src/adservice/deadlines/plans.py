"""Plans: when each step of a turnaround item is due, forward from a work order or back from a date.

Forward (:func:`plan`): the clock starts when the client's written work order
(书面工作布署单) arrives. Day 0 is the receipt day if it is a working day and
the order came before the cut-off (default: close of business); otherwise it
is the next working day. Each step is due ``n`` working days after its day 0,
at close of business, and a chain's next step starts on the day the previous
one is due (SPEC §4).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> [(s.key, s.due.isoformat()) for s in p.steps]  # doctest: +NORMALIZE_WHITESPACE
    [('creative_concept', '2025-09-29'), ('copy_and_layout', '2025-10-10'), ('final_art', '2025-10-13'),
     ('colour_proof', '2025-10-14'), ('film', '2025-10-15')]
    >>> p.deadline.isoformat()
    '2025-10-15T17:00:00+08:00'

Backward (:func:`plan_backward`, :func:`plan_from_placement`): the latest day
the work order may arrive, and the latest start and due of every step, for a
delivery date or a placement (air/insertion) date.

    >>> plan_backward("print_single", date(2025, 10, 15)).work_order_by
    datetime.date(2025, 9, 26)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from adservice._display import show
from adservice.calendar.workcalendar import (
    Explanation,
    ExplanationStep,
    WorkCalendar,
    require_aware,
    resolve_calendar,
)
from adservice.deadlines._common import (
    add_months as _add_months,
)
from adservice.deadlines._common import (
    as_date as _as_date,
)
from adservice.deadlines._common import (
    cutoff_time as _cutoff,
)
from adservice.deadlines._common import (
    units_text as _units,
)
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.duties import fee_list
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    UnknownItemError,
)
from adservice.rulebook.book import Rulebook, Turnaround, resolve_rulebook

__all__ = [
    "BackwardPlan",
    "PlacementPlan",
    "Plan",
    "PlanStep",
    "ReviewWindow",
    "day_zero",
    "plan",
    "plan_backward",
    "plan_from_placement",
]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MAX_DAYS = 10_000


# -- small helpers -------------------------------------------------------------


def _day_text(day: date) -> str:
    return f"{_WEEKDAY[day.weekday()]} {day.isoformat()}"


def _instant_text(at: datetime) -> str:
    offset = at.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _wall(calendar: WorkCalendar, day: date, at: Time) -> datetime:
    """``day`` at wall time ``at`` in the calendar's zone."""
    return datetime.combine(day, at, tzinfo=calendar.tz)


def _day_zero_reason(cal: WorkCalendar, local: datetime, day0: date, cutoff: Time) -> str:
    received = f"received {_instant_text(local)}"
    if day0 == local.date():
        return f"{received}, before the {cutoff:%H:%M} cut-off: day 0 {_day_text(day0)}"
    info = cal.day_kind(local.date())
    if not info.is_working:
        why = f"on a non-working day ({info.describe()})"
    else:
        why = f"at or after the {cutoff:%H:%M} cut-off"
    return f"{received}, {why}: day 0 is the next working day, {_day_text(day0)}"


# -- values --------------------------------------------------------------------


@attrs.frozen
class PlanStep:
    """One step of a plan: its day 0, due date and deadline instant.

    Attributes:
        key: the turnaround item of the step (``"final_art"``).
        start: the step's day 0 (in a backward plan: the latest day 0).
        due: the day the step is due (in a backward plan: the latest).
        deadline: close of business on ``due``, in the calendar's zone.
        days: the step's duration in ``unit``.
        rule_id: the rule the duration comes from (``"T4"``).
        provisional: whether a day involved lies past the calendar's confirmed years.
        calendar: the calendar the step was counted on.
        unit: ``"working_days"`` or ``"months"``.
        name: the item's name in words.
    """

    key: str
    start: date
    due: date
    deadline: datetime
    days: int
    rule_id: str
    provisional: bool
    calendar: WorkCalendar = attrs.field(repr=False)
    unit: str = "working_days"
    name: str = ""

    def explain(self) -> Explanation:
        """Why the step is due when it is, day by day (see :meth:`WorkCalendar.explain`).

        >>> from zoneinfo import ZoneInfo
        >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        >>> print(p.steps[0].explain())
        day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29
        """
        if self.unit == "working_days":
            return self.calendar.explain(self.start, self.days)
        target = self.start + relativedelta(months=self.days)
        steps = [
            ExplanationStep("day 0", self.start, self.calendar.day_kind(self.start).kind),
            ExplanationStep(f"+{_units(self.days, 'months')}", target, self.calendar.day_kind(target).kind),
        ]
        if target != self.due:
            steps.append(
                ExplanationStep("roll", self.due, self.calendar.day_kind(self.due).kind, "next working day")
            )
        return Explanation(self.start, self.days, "forward", self.due, self.provisional, tuple(steps))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "key": self.key,
            "name": self.name,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "days": self.days,
            "unit": self.unit,
            "rule_id": self.rule_id,
            "provisional": self.provisional,
        }


@attrs.frozen
class ReviewWindow:
    """The client's review of a step before the next one starts (waiting on the client, SPEC §4).

    Attributes:
        after: the key of the step under review.
        start: the review's day 0 on the client's calendar (the day the step is handed over).
        due: the day the client's written sign-off is expected.
        deadline: close of business on ``due`` in the client's zone.
        days: working days of the client's calendar allowed for the review.
        provisional: whether a day involved lies past the client calendar's confirmed years.
        calendar: the client's calendar.
    """

    after: str
    start: date
    due: date
    deadline: datetime
    days: int
    provisional: bool
    calendar: WorkCalendar = attrs.field(repr=False)

    def explain(self) -> Explanation:
        """Why the sign-off is expected when it is, on the client's calendar."""
        return self.calendar.explain(self.start, self.days)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "after": self.after,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "days": self.days,
            "region": self.calendar.region,
            "provisional": self.provisional,
        }


@attrs.frozen
class Plan:
    """A forward plan of a turnaround item from its written work order (see :func:`plan`).

    Attributes:
        item: the item's key.
        received_at: when the written work order arrived (as given).
        day0: the day the turnaround counts from.
        steps: every step, in order (one step if the item is not a chain).
        due: the day the last step is due.
        deadline: close of business on ``due``, in the calendar's zone.
        provisional: whether any date rests on a year not yet officially announced.
        days: the committed duration of the item, in ``unit``.
        unit: ``"working_days"`` or ``"months"``.
        rule_id: the item's rule (``"T4"``).
        reviews: the client's review windows between steps, if any.
        cutoff: the daily cut-off used for day 0.
        calendar: the agency's calendar; ``client_calendar``: the one reviews run on, if another.
    """

    item: str
    received_at: datetime
    day0: date
    steps: tuple[PlanStep, ...]
    due: date
    deadline: datetime
    provisional: bool
    days: int
    unit: str
    rule_id: str
    reviews: tuple[ReviewWindow, ...]
    cutoff: Time
    calendar: WorkCalendar = attrs.field(repr=False)
    client_calendar: WorkCalendar | None = attrs.field(default=None, repr=False)

    @property
    def day0_reason(self) -> str:
        """Why day 0 is what it is, in one line (receipt time, cut-off, non-working day)."""
        local = self.received_at.astimezone(self.calendar.tz)
        return _day_zero_reason(self.calendar, local, self.day0, self.cutoff)

    def step(self, key: str) -> PlanStep:
        """The step ``key``.

        Raises:
            UnknownItemError: naming the plan's steps.
        """
        for step in self.steps:
            if step.key == key:
                return step
        msg = f"plan of {self.item!r} has no step {key!r}; its steps: {', '.join(s.key for s in self.steps)}."
        raise UnknownItemError(msg)

    def explain(self) -> str:
        """Why every date of the plan is what it is: day 0, then one line per step and review.

        >>> from zoneinfo import ZoneInfo
        >>> p = plan("media_schedule", datetime(2025, 9, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        >>> print(p.explain())
        media_schedule (T3, 3 working days)
        received Sat 2025-09-27 10:00 +08:00, on a non-working day (Sat 2025-09-27 weekend): day 0 is the next working day, Sun 2025-09-28
        media_schedule: day 0 Sun 2025-09-28; +1 Mon 09-29; +2 Tue 09-30; +3 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01–10-08)
        due Thu 2025-10-09 17:00 +08:00
        """  # noqa: E501 - the doctest shows whole explanation lines
        lines = [f"{self.item} ({self.rule_id}, {_units(self.days, self.unit)})", self.day0_reason]
        reviews = {r.after: r for r in self.reviews}
        for step in self.steps:
            lines.append(f"{step.key}: {step.explain()}")
            review = reviews.get(step.key)
            if review is not None:
                where = f" on the {review.calendar.region} calendar" if self.client_calendar else ""
                lines.append(
                    f"client review of {step.key} ({_units(review.days, 'working_days')}{where}): "
                    f"{review.explain()}"
                )
        lines.append(f"due {_instant_text(self.deadline)}" + (" [provisional]" if self.provisional else ""))
        return "\n".join(lines)

    def mermaid(self) -> str:
        """The plan as Mermaid ``gantt`` text (:func:`adservice.present.html.plan_mermaid`)."""
        return show("mermaid", self)

    def _repr_html_(self) -> str:
        return show("html", self)

    def replan(self, calendar: WorkCalendar, client_calendar: WorkCalendar | None = None) -> Plan:
        """The same plan (same work order, durations and reviews) counted on another calendar.

        This plan is left as it was; compare the two to see what a calendar change moves.
        """
        cal = resolve_calendar(calendar)
        client = resolve_calendar(client_calendar, "client_calendar") if client_calendar else None
        durations = tuple((s.key, s.name, s.days, s.unit, s.rule_id) for s in self.steps)
        reviews = {r.after: r.days for r in self.reviews}
        return _forward(
            self.item,
            self.received_at,
            durations,
            (self.days, self.unit, self.rule_id),
            cal,
            client or self.client_calendar,
            reviews,
            self.cutoff,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (the command line's ``--json``)."""
        return {
            "item": self.item,
            "rule_id": self.rule_id,
            "days": self.days,
            "unit": self.unit,
            "region": self.calendar.region,
            "received_at": self.received_at.isoformat(),
            "day0": self.day0.isoformat(),
            "due": self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "provisional": self.provisional,
            "steps": [s.to_dict() for s in self.steps],
            "reviews": [r.to_dict() for r in self.reviews],
        }


@attrs.frozen
class BackwardPlan:
    """The latest dates that still deliver an item by ``deliver_by`` (see :func:`plan_backward`).

    Attributes:
        item: the item's key.
        deliver_by: the date asked for.
        due: the latest due date of the last step (``deliver_by`` rolled back to a working day).
        work_order_by: the latest day the written work order may arrive.
        work_order_deadline: the cut-off on that day: the order must arrive *before* this instant.
        steps: every step with its latest day 0 (``start``) and latest ``due``.
        provisional: whether any date rests on a year not yet officially announced.
        days, unit, rule_id: the item's committed duration and rule.
        calendar: the agency's calendar.
    """

    item: str
    deliver_by: date
    due: date
    work_order_by: date
    work_order_deadline: datetime
    steps: tuple[PlanStep, ...]
    provisional: bool
    days: int
    unit: str
    rule_id: str
    calendar: WorkCalendar = attrs.field(repr=False)

    def explain(self) -> str:
        """The latest dates as lines: the work order, then each step's latest start and due."""
        lines = [
            f"{self.item} ({self.rule_id}, {_units(self.days, self.unit)}) delivered by "
            f"{_day_text(self.deliver_by)}",
            f"written work order by {_instant_text(self.work_order_deadline)} (before the cut-off)",
        ]
        lines.extend(
            f"{s.key}: start by {_day_text(s.start)}, due {_day_text(s.due)} ({_units(s.days, s.unit)})"
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
            "due": self.due.isoformat(),
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
        fee_list_due: the day the approved media and creative fee list is due (O7), or ``None``
            if the rulebook disables O7.
        fee_list_deadline: close of business that day.
        materials_due: the latest day finished materials reach the media.
        items: the backward plan of each item, delivering by ``materials_due``.
        work_order_by: the earliest of the items' latest work-order days.
        provisional: whether any date rests on a year not yet officially announced.
    """

    placement: date
    fee_list_due: date | None
    fee_list_deadline: datetime | None
    materials_due: date
    items: tuple[BackwardPlan, ...]
    work_order_by: date
    provisional: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "placement": self.placement.isoformat(),
            "fee_list_due": self.fee_list_due.isoformat() if self.fee_list_due else None,
            "fee_list_deadline": self.fee_list_deadline.isoformat() if self.fee_list_deadline else None,
            "materials_due": self.materials_due.isoformat(),
            "work_order_by": self.work_order_by.isoformat(),
            "provisional": self.provisional,
            "items": [p.to_dict() for p in self.items],
        }


# -- forward -------------------------------------------------------------------

_Duration = tuple[str, str, int, str, str]  # key, name, days, unit, rule id


def _durations(book: Rulebook, item: str, days: int | None) -> tuple[Turnaround, int, tuple[_Duration, ...]]:
    top = book.item(item)
    committed = top.commitment(days)
    if not top.chain:
        return top, committed, ((top.key, top.name, committed, top.unit, top.rule_id),)
    leaves = tuple((s.key, s.name, s.commitment(), s.unit, s.rule_id) for s in book.steps(item))
    return top, committed, leaves


def _review_days(value: object, keys: Sequence[str]) -> dict[str, int]:
    """Normalise ``review_days`` to ``{step key: working days}`` for the steps followed by another."""
    between = keys[:-1]
    if isinstance(value, bool):
        raise InvalidInputError(
            f"review_days must be an int or a mapping of step key to int (got {value!r})."
        )
    if isinstance(value, int):
        pairs: Iterable[tuple[object, object]] = ((k, value) for k in between)
    elif isinstance(value, Mapping):
        pairs = value.items()
    else:
        raise InvalidInputError(
            f"review_days must be an int or a mapping of step key to int (got {value!r})."
        )
    out: dict[str, int] = {}
    for key, n in pairs:
        if key not in between:
            allowed = ", ".join(between) or "none (the item has a single step)"
            msg = (
                f"review_days names {key!r}, which is not a step followed by another; "
                f"a client review may follow: {allowed}."
            )
            raise UnknownItemError(msg)
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError(f"review_days[{key!r}] must be an int of working days (got {n!r}).")
        if not 0 <= n <= _MAX_DAYS:
            msg = (
                f"review_days[{key!r}] must be 0..{_MAX_DAYS} working days (got {n}); a wait is not negative."
            )
            raise DurationOutOfRangeError(msg)
        if n:
            out[str(key)] = n
    return out


def _forward(  # noqa: PLR0917 - one private entry point shared by plan() and Plan.replan()
    item: str,
    received_at: datetime,
    durations: Sequence[_Duration],
    top: tuple[int, str, str],
    cal: WorkCalendar,
    client: WorkCalendar | None,
    reviews: Mapping[str, int],
    cutoff: Time,
) -> Plan:
    start = day_zero(received_at, calendar=cal, cutoff=cutoff)
    day0 = start
    steps: list[PlanStep] = []
    windows: list[ReviewWindow] = []
    reviewer = client or cal
    for key, name, n, unit, rule_id in durations:
        due = cal.add_working_days(start, n) if unit == "working_days" else _add_months(cal, start, n)
        deadline = cal.close_of_business(due)
        steps.append(
            PlanStep(key, start, due, deadline, n, rule_id, cal.is_provisional(start, due), cal, unit, name)
        )
        start = due
        wait = reviews.get(key, 0)
        if wait:
            handed = reviewer.add_working_days(deadline.astimezone(reviewer.tz).date(), 0)
            signed = reviewer.add_working_days(handed, wait)
            signed_at = reviewer.close_of_business(signed)
            provisional = reviewer.is_provisional(handed, signed)
            windows.append(ReviewWindow(key, handed, signed, signed_at, wait, provisional, reviewer))
            start = cal.add_working_days(signed_at.astimezone(cal.tz).date(), 0)
    days, unit, rule_id = top
    last = steps[-1]
    return Plan(
        item=item,
        received_at=received_at,
        day0=day0,
        steps=tuple(steps),
        due=last.due,
        deadline=last.deadline,
        provisional=any(s.provisional for s in steps) or any(w.provisional for w in windows),
        days=days,
        unit=unit,
        rule_id=rule_id,
        reviews=tuple(windows),
        cutoff=cutoff,
        calendar=cal,
        client_calendar=client,
    )


def plan(
    item: str,
    received_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    days: int | None = None,
    client_calendar: WorkCalendar | None = None,
    review_days: int | Mapping[str, int] = 0,
    cutoff: Time | None = None,
) -> Plan:
    """Plan a turnaround item forward from the client's written work order.

    Args:
        item: a turnaround key of the rulebook (``"print_single"``).
        received_at: when the written work order arrived (aware).
        calendar: the agency's calendar (default CN).
        rulebook: where durations come from (default :meth:`Rulebook.standard`).
        days: the commitment inside the item's range (default: its upper bound).
        client_calendar: the calendar the client's reviews run on (default: the agency's).
        review_days: working days the client takes to sign off each step before the next
            starts: one number for every gap, or ``{step key: days}``; 0 means no review.
        cutoff: the daily cut-off for day 0 (default: close of business).

    Returns:
        The plan: day 0, each step's start, due date and deadline, and whether any is provisional.

    Raises:
        NaiveDatetimeError: ``received_at`` has no time zone.
        UnknownItemError: ``item`` (or a ``review_days`` key) is not known, listing the valid keys.
        DurationOutOfRangeError: ``days`` outside the item's range; negative review days.
        CalendarRangeError: a date outside the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a date past its confirmed years.
        InvalidInputError: arguments of the wrong type.

    >>> from zoneinfo import ZoneInfo
    >>> late = datetime(2025, 9, 26, 18, tzinfo=ZoneInfo("Asia/Shanghai"))   # after close of business
    >>> p = plan("integrated_plan", late, days=5)
    >>> p.day0, p.due
    (datetime.date(2025, 9, 28), datetime.date(2025, 10, 11))
    """
    cal = resolve_calendar(calendar)
    client = resolve_calendar(client_calendar, "client_calendar") if client_calendar is not None else None
    book = resolve_rulebook(rulebook)
    top, committed, durations = _durations(book, item, days)
    limit = _cutoff(cal, cutoff)
    require_aware(received_at, "received_at")
    reviews = _review_days(review_days, [d[0] for d in durations])
    return _forward(
        top.key, received_at, durations, (committed, top.unit, top.rule_id), cal, client, reviews, limit
    )


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
            PlanStep(key, start, due, deadline, n, rule_id, cal.is_provisional(start, due), cal, unit, name)
        )
        due = start
    steps.reverse()
    first = steps[0].start
    return BackwardPlan(
        item=top.key,
        deliver_by=deliver_by,
        due=last_due,
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
    :attr:`BackwardPlan.due`, and one received later is due after it.

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
    >>> p.fee_list_due, p.materials_due, p.work_order_by
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
        raise InvalidInputError(f"items must be a non-empty list of turnaround keys (got {items!r}).")
    if not isinstance(days, (Mapping, type(None))):
        raise InvalidInputError(f"days must be a mapping of item to days (got {days!r}).")
    chosen = dict(days or {})
    stray = [k for k in chosen if k not in items]
    if stray:
        raise UnknownItemError(f"days names {stray[0]!r}, which is not among the items {list(items)}.")
    if isinstance(materials_lead, bool) or not isinstance(materials_lead, int):
        raise InvalidInputError(f"materials_lead must be an int of working days (got {materials_lead!r}).")
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
