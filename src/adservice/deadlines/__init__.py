"""Day 0, plans, clocks and rush: every deadline the agency promises (SPEC §4, §5)."""

from __future__ import annotations

from adservice.deadlines.clocks import (
    CalendarDiff,
    Clock,
    ClockStatus,
    DeadlineChange,
    Pause,
    Verdict,
    clocks_for,
    recompute,
)
from adservice.deadlines.plans import (
    BackwardPlan,
    PlacementPlan,
    Plan,
    PlanStep,
    ReviewWindow,
    day_zero,
    plan,
    plan_backward,
    plan_from_placement,
)
from adservice.deadlines.rush import (
    OUTCOMES,
    Outcome,
    RushAssessment,
    assess_rush,
)

__all__ = [
    "OUTCOMES",
    "BackwardPlan",
    "CalendarDiff",
    "Clock",
    "ClockStatus",
    "DeadlineChange",
    "Outcome",
    "Pause",
    "PlacementPlan",
    "Plan",
    "PlanStep",
    "ReviewWindow",
    "RushAssessment",
    "Verdict",
    "assess_rush",
    "clocks_for",
    "day_zero",
    "plan",
    "plan_backward",
    "plan_from_placement",
    "recompute",
]
