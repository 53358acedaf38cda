"""A rush request's T8 assessment from the log alone: one function for the view that lists them
and for the decision that must not accept an infeasible one (H3: never below the hard floor)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adservice.deadlines.rush import RushAssessment, assess_rush
from adservice.kernel.events import parse_instant_text, thaw

__all__ = ["assess_request"]


def assess_request(e: Any, payload: tuple[Any, ...], at: datetime, earlier: list[datetime]) -> RushAssessment:
    """The T8 assessment of the request ``payload`` logged at ``at``: its job order's item, the work
    order's arrival, the requested day, and the client's rush history (what the request logged,
    plus ``earlier``: this engagement's requests before it)."""
    job, requested, history = payload[1], payload[3], thaw(payload[5])
    return assess_rush(
        e._job(job).item,
        e._work_order_for(job),
        date.fromisoformat(requested),
        history=[*(parse_instant_text(t, "a rush request's history") for t in history), *earlier],
        calendar=e.calendar,
        rulebook=e.rulebook,
        as_of=at,
    )
