"""The media chain from a placement and the turnaround items as plain text (``plan --placement``,
``items``).

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

from adservice.deadlines._common import units_text
from adservice.deadlines.plans import PlacementPlan
from adservice.present._extras import need
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["items_text", "placement_plan_text"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date) -> str:
    return f"{_WEEKDAY[d.weekday()]} {d.isoformat()}"


def _clock(at: datetime) -> str:
    offset = at.strftime("%z")
    return f"{at:%H:%M} {offset[:3]}:{offset[3:]}"


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


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
        lines.append(
            f"* provisional: {cal.region} days after {cal.confirmed_through} are not yet officially announced"
        )
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
