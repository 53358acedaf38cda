"""Turnaround plans as plain text (the command line's ``plan``): forward and backward.

Rendering is pure: every function returns a string and prints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines._common import units_text
from adservice.deadlines.plans import BackwardPlan, Plan, PlanStep
from adservice.present._extras import need

__all__ = ["backward_plan_text", "plan_text"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date) -> str:
    return f"{_WEEKDAY[d.weekday()]} {d.isoformat()}"


def _clock(at: datetime) -> str:
    offset = at.strftime("%z")
    return f"{at:%H:%M} {offset[:3]}:{offset[3:]}"


def _steps_table(steps: Sequence[PlanStep], starts: str, dues: str) -> list[str]:
    width = max(len("step"), *(len(s.key) for s in steps))
    rows = [f"{'step':<{width}}  rule  days  {starts:<14}  {dues:<14}  deadline"]
    for s in steps:
        days = str(s.days) + ("m" if s.unit == "months" else "")
        mark = "  *" if s.provisional else ""
        rows.append(
            f"{s.key:<{width}}  {s.rule_id:<4}  {days:>4}  {_day(s.start):<14}  {_day(s.due_date):<14}  "
            f"{_clock(s.deadline)}{mark}"
        )
    return rows


def _title(p: Plan | BackwardPlan) -> str:
    cal = p.calendar
    return f"{p.item} ({p.rule_id}, {units_text(p.days, p.unit)}) — {cal.region} ({cal.tz})"


def _provisional_note(cal: WorkCalendar) -> str:
    return f"* provisional: {cal.region} days after {cal.confirmed_through} are not yet officially announced"


def plan_text(plan: Plan) -> str:
    """A forward plan as a table: day 0 and why, each step, the client's reviews, the deadline.

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.Plan`.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("media_schedule", datetime(2025, 9, 29, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> print(plan_text(p).splitlines()[-1])
    due Fri 2025-10-10 17:00 +08:00
    """
    need(plan, Plan, "plan")
    lines = [_title(plan), plan.day0_reason, "", *_steps_table(plan.steps, "start", "due")]
    lines.extend(
        f"client review of {r.after}: {units_text(r.days, 'working_days')}, "
        f"sign-off by {_day(r.due_date)} {_clock(r.deadline)}"
        for r in plan.reviews
    )
    lines.append(f"due {_day(plan.due_date)} {_clock(plan.deadline)}")
    if plan.provisional:
        lines.append(_provisional_note(plan.calendar))
    return "\n".join(lines)


def backward_plan_text(plan: BackwardPlan) -> str:
    """A backward plan as a table: the latest work order, each step's latest dates, the reviews.

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.BackwardPlan`.

    >>> from adservice.deadlines.plans import plan_backward
    >>> print(backward_plan_text(plan_backward("film", date(2025, 10, 15))).splitlines()[1])
    delivered by Wed 2025-10-15: the written work order must arrive by Tue 2025-10-14, before 17:00 +08:00
    """
    need(plan, BackwardPlan, "plan")
    lines = [
        _title(plan),
        f"delivered by {_day(plan.deliver_by)}: the written work order must arrive by "
        f"{_day(plan.work_order_by)}, before {_clock(plan.work_order_deadline)}",
        "",
        *_steps_table(plan.steps, "latest start", "latest due"),
    ]
    lines.extend(
        f"client review of {r.after}: {units_text(r.days, 'working_days')}, "
        f"handed over by {_day(r.start)}, sign-off by {_day(r.due_date)} {_clock(r.deadline)}"
        for r in plan.reviews
    )
    if plan.provisional:
        lines.append(_provisional_note(plan.calendar))
    return "\n".join(lines)
