"""Plans and the turnaround items as plain-text tables (what ``adservice plan`` and ``items`` print).

>>> from datetime import date
>>> from adservice.deadlines.plans import plan_from_placement
>>> print(placement_plan_text(plan_from_placement(date(2025, 10, 13), ["film"])))
... # doctest: +ELLIPSIS
placement Mon 2025-10-13 — CN (Asia/Shanghai), client review 0 working days
<BLANKLINE>
step            rule  whose   latest start    latest due      deadline
media_schedule  T3    agency  Thu 2025-09-25  Mon 2025-09-29  17:00 +08:00
confirmation    G4    client  Mon 2025-09-29  Mon 2025-09-29  17:00 +08:00
...
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines._common import units_text
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan, PlanStep
from adservice.present._extras import need
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["backward_plan_text", "items_text", "placement_plan_text", "plan_text"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date) -> str:
    return f"{_WEEKDAY[d.weekday()]} {d.isoformat()}"


def _clock(at: datetime) -> str:
    offset = at.strftime("%z")
    return f"{at:%H:%M} {offset[:3]}:{offset[3:]}"


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


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


def placement_plan_text(plan: PlacementPlan) -> str:
    """The media chain backward from a placement, then each item's latest work order.

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.PlacementPlan`.
    """
    need(plan, PlacementPlan, "plan")
    cal = plan.items[0].calendar if plan.items else None
    where = f" — {cal.region} ({cal.tz})" if cal is not None else ""
    lines = [
        f"placement {_day(plan.placement)}{where}, client review "
        f"{units_text(plan.review_days, 'working_days')}",
        "",
    ]
    rows = [("step", "rule", "whose", "latest start", "latest due", "deadline")]
    for s in plan.chain:
        deadline = "—" if s.key == "placement" else _clock(s.deadline)
        rows.append(
            (
                s.key,
                s.rule_id or "",
                s.owner,
                _day(s.start),
                _day(s.due_date),
                deadline + (" *" if s.provisional else ""),
            )
        )
    lines += _columns(rows)
    if plan.items:
        lines.append("")
        items = [("item", "rule", "work order by", "delivered by")]
        items += [(p.item, p.rule_id, _day(p.work_order_by), _day(p.due_date)) for p in plan.items]
        lines += _columns(items)
    lines.append("")
    lines.append(f"earliest written work order: {_day(plan.work_order_by)}")
    if plan.provisional and cal is not None:
        lines.append(_provisional_note(cal))
    return "\n".join(lines)


def items_text(*, rulebook: Rulebook | None = None) -> str:
    """The rulebook's turnaround items: key, rule, range and unit, name, and the steps of a chain.

    Raises:
        InvalidInputError: ``rulebook`` is not a :class:`~adservice.rulebook.Rulebook`.

    >>> for line in items_text().splitlines()[:2]:
    ...     print(line)
    item                rule  days  unit          name                                               steps
    broadcast_creative  T5    3-8   working days  radio and TV commercial creative
    """
    book = resolve_rulebook(rulebook)
    rows = [("item", "rule", "days", "unit", "name", "steps")]
    for key in sorted(book.items):
        t = book.items[key]
        low, high = t.days
        days = str(low) if low == high else f"{low}-{high}"
        unit = t.unit.replace("_", " ")
        rows.append((key, t.rule_id, days, unit, t.name, " → ".join(t.chain)))
    return "\n".join(_columns(rows))
