"""Day 0, plans, clocks, duties and rush: every deadline the agency promises (SPEC §4, §5).

One function per computation: :func:`day_zero` (day 0), :func:`hours_after` (elapsed,
rolled or business hours), :func:`job_clock` (a job's clock), one function per duty
rule (O2/O3 :func:`meeting_report`, O5 :func:`execution_report`, O7 :func:`fee_list`,
O12 :func:`return_visit`, I1/I4/I5 ``issue_*``), each giving a :class:`Due`.
"""

from __future__ import annotations

from adservice.deadlines.backward import BackwardPlan, plan_backward
from adservice.deadlines.cadence import (
    CADENCES,
    brand_review,
    cadence_days,
    client_meetings,
    payment_reconciliation,
    tier_review,
)
from adservice.deadlines.clocks import Clock, clocks_for
from adservice.deadlines.clockstatus import ClockStatus, Pause, Verdict
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.due import Due, DueStatus
from adservice.deadlines.duties import (
    execution_report,
    fee_list,
    issue_promise,
    meeting_prep,
    meeting_report,
    return_visit,
)
from adservice.deadlines.forward import Plan, PlanStep, ReviewWindow, plan
from adservice.deadlines.hours import HOUR_MODES, HourMode, hours_after
from adservice.deadlines.issuedue import issue_resolution, issue_response, issue_return_visit
from adservice.deadlines.jobclock import Wait, job_clock, merge_waits
from adservice.deadlines.placement import CHAIN, MediaStep, PlacementPlan, plan_from_placement
from adservice.deadlines.recompute import CalendarDiff, DeadlineChange, recompute
from adservice.deadlines.rush import (
    OUTCOMES,
    Outcome,
    RushAssessment,
    assess_rush,
)

__all__ = [
    "CADENCES",
    "CHAIN",
    "HOUR_MODES",
    "OUTCOMES",
    "BackwardPlan",
    "CalendarDiff",
    "Clock",
    "ClockStatus",
    "DeadlineChange",
    "Due",
    "DueStatus",
    "HourMode",
    "MediaStep",
    "Outcome",
    "Pause",
    "PlacementPlan",
    "Plan",
    "PlanStep",
    "ReviewWindow",
    "RushAssessment",
    "Verdict",
    "Wait",
    "assess_rush",
    "brand_review",
    "cadence_days",
    "client_meetings",
    "clocks_for",
    "day_zero",
    "execution_report",
    "fee_list",
    "hours_after",
    "issue_promise",
    "issue_resolution",
    "issue_response",
    "issue_return_visit",
    "job_clock",
    "meeting_prep",
    "meeting_report",
    "merge_waits",
    "payment_reconciliation",
    "plan",
    "plan_backward",
    "plan_from_placement",
    "recompute",
    "return_visit",
    "tier_review",
]
