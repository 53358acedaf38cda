"""Forward plans: each step of a turnaround item dated from the client's written work order (SPEC §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
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
from adservice.deadlines._common import a_date, aware
from adservice.deadlines._common import (
    add_months as _add_months,
)
from adservice.deadlines._common import (
    cutoff_time as _cutoff,
)
from adservice.deadlines._common import (
    units_text as _units,
)
from adservice.deadlines._reviews import review_days_of, review_span, start_after
from adservice.deadlines._steps import (
    _day_zero_reason,
    _Duration,
    _durations,
    _instant_text,
)
from adservice.deadlines.dayzero import day_zero
from adservice.errors import (
    UnknownItemError,
    brief,
)
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["Plan", "PlanStep", "ReviewWindow", "plan"]


@attrs.frozen
class PlanStep:
    """One step of a plan: its day 0, due date and deadline instant.

    Attributes:
        key: the turnaround item of the step (``"final_art"``).
        start: the step's day 0 (in a backward plan: the latest day 0).
        due_date: the day the step is due (in a backward plan: the latest).
        deadline: close of business on ``due_date``, in the calendar's zone.
        days: the step's duration in ``unit``.
        rule_id: the rule the duration comes from (``"T4"``).
        provisional: whether a day involved lies past the calendar's confirmed years.
        calendar: the calendar the step was counted on.
        unit: ``"working_days"`` or ``"months"``.
        name: the item's name in words.

    >>> from zoneinfo import ZoneInfo
    >>> step = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))).steps[0]
    >>> step.key, step.start, step.due_date, step.days
    ('creative_concept', datetime.date(2025, 9, 26), datetime.date(2025, 9, 29), 2)
    """

    key: str
    start: date = attrs.field(validator=a_date)
    due_date: date = attrs.field(validator=a_date)
    deadline: datetime = attrs.field(validator=aware)
    days: int
    rule_id: str
    provisional: bool
    calendar: WorkCalendar = attrs.field(repr=False, kw_only=True)
    unit: str = attrs.field(default="working_days", kw_only=True)
    name: str = attrs.field(default="", kw_only=True)

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
        if target != self.due_date:
            steps.append(
                ExplanationStep(
                    "roll", self.due_date, self.calendar.day_kind(self.due_date).kind, "next working day"
                )
            )
        return Explanation(self.start, self.days, "forward", self.due_date, self.provisional, tuple(steps))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "key": self.key,
            "name": self.name,
            "start": self.start.isoformat(),
            "due_date": self.due_date.isoformat(),
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
        due_date: the day the client's written sign-off is expected.
        deadline: close of business on ``due_date`` in the client's zone.
        days: working days of the client's calendar allowed for the review.
        provisional: whether a day involved lies past the client calendar's confirmed years.
        calendar: the client's calendar.

    >>> from zoneinfo import ZoneInfo
    >>> at = datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> review = plan("print_single", at, review_days=2).reviews[0]
    >>> review.after, review.start, review.due_date  # National Day week falls in between
    ('creative_concept', datetime.date(2025, 9, 29), datetime.date(2025, 10, 9))
    """

    after: str
    start: date = attrs.field(validator=a_date)
    due_date: date = attrs.field(validator=a_date)
    deadline: datetime = attrs.field(validator=aware)
    days: int
    provisional: bool
    calendar: WorkCalendar = attrs.field(repr=False, kw_only=True)

    def explain(self) -> Explanation:
        """Why the sign-off is expected when it is, on the client's calendar."""
        return self.calendar.explain(self.start, self.days)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "after": self.after,
            "start": self.start.isoformat(),
            "due_date": self.due_date.isoformat(),
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
        due_date: the day the last step is due.
        deadline: close of business on ``due_date``, in the calendar's zone.
        provisional: whether any date rests on a year not yet officially announced.
        days: the committed duration of the item, in ``unit``.
        unit: ``"working_days"`` or ``"months"``.
        rule_id: the item's rule (``"T4"``).
        reviews: the client's review windows between steps, if any.
        cutoff: the daily cut-off used for day 0.
        calendar: the agency's calendar; ``client_calendar``: the one reviews run on, if another.

    >>> from zoneinfo import ZoneInfo
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> p.day0, p.due_date, p.days, p.rule_id, len(p.steps)
    (datetime.date(2025, 9, 26), datetime.date(2025, 10, 15), 9, 'T4', 5)
    """

    item: str
    received_at: datetime = attrs.field(validator=aware)
    day0: date = attrs.field(validator=a_date)
    steps: tuple[PlanStep, ...]
    due_date: date = attrs.field(validator=a_date)
    deadline: datetime = attrs.field(validator=aware)
    provisional: bool
    days: int
    unit: str
    rule_id: str
    reviews: tuple[ReviewWindow, ...]
    cutoff: Time
    calendar: WorkCalendar = attrs.field(repr=False, kw_only=True)
    client_calendar: WorkCalendar | None = attrs.field(default=None, repr=False, kw_only=True)

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
        msg = (
            f"plan of {brief(self.item)} has no step {brief(key)}; "
            f"its steps: {', '.join(s.key for s in self.steps)}."
        )
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

    def plan_mermaid(self) -> str:
        """The plan as Mermaid ``gantt`` text (:func:`adservice.present.html.plan_mermaid`)."""
        return show("mermaid", self)

    def _repr_html_(self) -> str:
        return show("html", self)

    def replan(self, *, calendar: WorkCalendar, client_calendar: WorkCalendar | None = None) -> Plan:
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
            "due_date": self.due_date.isoformat(),
            "deadline": self.deadline.isoformat(),
            "provisional": self.provisional,
            "steps": [s.to_dict() for s in self.steps],
            "reviews": [r.to_dict() for r in self.reviews],
        }


def _review_window(key: str, handed_at: datetime, wait: int, reviewer: WorkCalendar) -> ReviewWindow:
    """The client's review of step ``key`` handed over at ``handed_at`` (see ``review_span``)."""
    handed, signed, signed_at, provisional = review_span(handed_at, wait, reviewer)
    return ReviewWindow(key, handed, signed, signed_at, wait, provisional, calendar=reviewer)


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
        start = due
        wait = reviews.get(key, 0)
        if wait:
            window = _review_window(key, deadline, wait, reviewer)
            windows.append(window)
            start = start_after(window.deadline, cal)
    days, unit, rule_id = top
    last = steps[-1]
    return Plan(
        item=item,
        received_at=received_at,
        day0=day0,
        steps=tuple(steps),
        due_date=last.due_date,
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
    >>> p.day0, p.due_date
    (datetime.date(2025, 9, 28), datetime.date(2025, 10, 11))
    """
    cal = resolve_calendar(calendar)
    client = resolve_calendar(client_calendar, "client_calendar") if client_calendar is not None else None
    book = resolve_rulebook(rulebook)
    top, committed, durations = _durations(book, item, days)
    limit = _cutoff(cal, cutoff)
    require_aware(received_at, "received_at")
    reviews = review_days_of(review_days, [d[0] for d in durations])
    return _forward(
        top.key, received_at, durations, (committed, top.unit, top.rule_id), cal, client, reviews, limit
    )
