"""Plans: when each step of a turnaround item is due, forward from a work order or back from a date.

Forward (:func:`plan`): the clock starts when the client's written work order
(书面工作布署单) arrives. Day 0 is the receipt day if it is a working day and
the order came before the cut-off (default: close of business); otherwise it
is the next working day. Each step is due ``n`` working days after its day 0,
at close of business, and a chain's next step starts on the day the previous
one is due (SPEC §4).

    >>> from datetime import date, datetime
    >>> from zoneinfo import ZoneInfo
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> [(s.key, s.due_date.isoformat()) for s in p.steps]  # doctest: +NORMALIZE_WHITESPACE
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

from adservice.deadlines.backward import BackwardPlan, plan_backward
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.forward import Plan, PlanStep, ReviewWindow, plan
from adservice.deadlines.placement import MediaStep, PlacementPlan, plan_from_placement

__all__ = [
    "BackwardPlan",
    "MediaStep",
    "PlacementPlan",
    "Plan",
    "PlanStep",
    "ReviewWindow",
    "day_zero",
    "plan",
    "plan_backward",
    "plan_from_placement",
]
