"""What reports read from an engagement, computed from its log through the deadlines API.

Clocks come from :func:`~adservice.deadlines.job_clock`'s computation (the one computation of
a job's clock, given the log's already checked values); duties from
:func:`~adservice.deadlines.meeting_report` (O2/O3), :func:`~adservice.deadlines.fee_list` (O7)
and :func:`~adservice.deadlines.execution_report` (O5), as :class:`~adservice.deadlines.Due`
values with ``done_at`` read from the log.
The engagement caches both per log length (:meth:`Engagement.clocks`, :attr:`Engagement.duties`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from adservice.deadlines._jobcore import job_clock_of, merged_waits
from adservice.deadlines.clocks import Clock
from adservice.deadlines.due import Due
from adservice.deadlines.duties import execution_report, fee_list, meeting_prep, meeting_report
from adservice.deadlines.jobclock import merge_waits
from adservice.deadlines.rush import RushAssessment
from adservice.engagement._handlers import pget
from adservice.engagement._rush import assess_request
from adservice.engagement._steps import chain_of, step_state
from adservice.engagement.values import StepStatus
from adservice.errors import InvalidInputError
from adservice.kernel._log import events_at, rows
from adservice.kernel.events import Event, parse_instant_text, thaw

__all__ = [
    "ENDS",
    "Milestones",
    "accepted_rushes",
    "clocks_of",
    "duties_of",
    "milestones_of",
    "production_steps_of",
    "rush_assessments_of",
    "waiting_of",
]


def _engagement(e: object) -> None:
    if not hasattr(e, "_rushes") or not hasattr(e, "_log"):
        raise InvalidInputError(f"expected an Engagement (got {type(e).__name__}).")


def waiting_of(e: Any) -> tuple[tuple[datetime, datetime | None, str], ...]:
    """The intervals ``e`` waited on the client, overlapping ones merged, oldest first."""
    _engagement(e)
    return merge_waits((start, end, reason) for start, end, reason, _ in e._waits)


def accepted_rushes(e: Any) -> dict[str, date]:
    """Job number -> the requested due date of a rush the agency accepted."""
    _engagement(e)
    out: dict[str, date] = {}
    requested: dict[str, str] = {}
    for r in events_at(e._log, e._rushes):
        job = pget(r[3], "job")
        if r[2] == "request_rush":
            requested[job] = pget(r[3], "requested_due")
        elif pget(r[3], "accept"):
            out[job] = date.fromisoformat(requested[job])
    return out


def clocks_of(e: Any) -> dict[str, Clock]:
    """A clock per job under a written work order, and per revision job order (L11), each by
    :func:`~adservice.deadlines.job_clock`'s computation (given the log's values, which the log
    checked already): the engagement's waits pause them all, a job's own production step with the
    client (G5) pauses that job's alone."""
    _engagement(e)
    cal, book = e.calendar, e.rulebook
    waits = merged_waits((start, end, reason) for start, end, reason, _ in e._waits)  # waiting_of's
    rushed = accepted_rushes(e)
    delivered: dict[str, datetime] = {}
    for d in events_at(e._log, e._delivered):
        delivered.setdefault(pget(d[3], "job"), d[0])
    items = {job[0]: job[1] for job in e._jobs}
    own: dict[str, list[tuple[datetime, datetime | None, str]]] = {}
    for start, end, reason, job in e._step_waits:
        own.setdefault(job, []).append((start, end, f"{reason} ({job})"))
    out: dict[str, Clock] = {}
    for order in events_at(e._log, e._work_orders):
        for job in thaw(pget(order[3], "jobs")):
            # job_clock's computation of values the log checked (aware instants, known jobs)
            out[job] = job_clock_of(
                job,
                items[job],
                order[0],
                cal,
                book,
                (*waits, *own.get(job, ())),
                delivered.get(job),
                rushed.get(job),
                None,
                None,
            )
    for number, job, opened, days, _ in e._revisions:
        out[number] = job_clock_of(
            number, items[job], opened, cal, book, waits, delivered.get(number), None, days, "L11"
        )
    return out


#: The events that end an engagement (a closing, a cancellation, a lost pitch).
ENDS = frozenset({"close", "cancel", "lose"})


class Milestones(NamedTuple):
    """What an engagement's obligations count from, read from its log in one pass.

    Attributes:
        first_at: when the first event happened (``None`` for an empty log).
        signed_at: the first contract signing; ``strategy_at``: the first agreed strategy.
        ended_at: the first event that ended it (closing, cancellation, lost pitch).
        contract_or_end_at: the first signing or ending, whichever came first in the log.
        deliveries: ``(when, job number)`` of each delivery, oldest first.
    """

    first_at: datetime | None
    signed_at: datetime | None
    strategy_at: datetime | None
    ended_at: datetime | None
    contract_or_end_at: datetime | None
    deliveries: tuple[tuple[datetime, Any], ...]


def _milestones(e: Any) -> Milestones:
    signed = strategy = ended = either = None
    deliveries: list[tuple[datetime, Any]] = []
    for raw in rows(e._log):
        kind = raw[2]
        if kind == "deliver":
            deliveries.append((raw[0], pget(raw[3], "job")))
        elif kind == "sign_contract" and signed is None:
            signed = raw[0]
        elif kind == "agree_strategy" and strategy is None:
            strategy = raw[0]
        elif kind in ENDS and ended is None:
            ended = raw[0]
        if either is None and (kind == "sign_contract" or kind in ENDS):
            either = raw[0]
    first_at = e._log[0] if e._log else None
    return Milestones(first_at, signed, strategy, ended, either, tuple(deliveries))


def milestones_of(e: Any) -> Milestones:
    """The engagement's :class:`Milestones`: its first event, its first signing, agreed strategy and
    ending, its deliveries (cached per log length, like its clocks and duties)."""
    _engagement(e)
    result: Milestones = e._cached("milestones", _milestones)
    return result


def production_steps_of(e: Any) -> dict[str, tuple[StepStatus, ...]]:
    """Job number -> the status of each production step (G5), for every job whose item is a chain."""
    _engagement(e)
    out: dict[str, tuple[StepStatus, ...]] = {}
    for job in e._jobs:
        chain = chain_of(e, job[0])
        if not chain:
            continue
        approved, waiting, refused = step_state(e, job[0])
        proofs = {
            ev[3][3]: ev[4]
            for ev in events_at(e._log, e._steps)
            if ev[3][1] == job[0] and ev[2] == "approve_step"
        }
        rows = []
        for key, days in chain[:-1]:
            if key in approved:
                state, who = "approved", None
            elif key == waiting:
                state, who = "with the client", "client"
            else:
                state, who = ("sent back" if refused.get(key) else "to do"), "agency"
            rows.append(StepStatus(job[0], key, days, state, who, refused.get(key, 0), proofs.get(key)))
        last, days = chain[-1]
        delivered = any(e._log[o + 3][1] == job[0] for o in e._delivered)  # the last step is the delivery
        rows.append(
            StepStatus(job[0], last, days, *(("delivered", None) if delivered else ("to do", "agency")))
        )
        out[job[0]] = tuple(rows)
    return out


def duties_of(e: Any) -> tuple[Due, ...]:
    """The dated duties the log created (O2/O3 per meeting, O7 per booking, O5 per placement round),
    in the order of their causes, each with ``done_at`` from the log where the log records it."""
    _engagement(e)
    cal, book, subject = e.calendar, e.rulebook, e.id
    fee_approved = next((raw[0] for raw in rows(e._log) if raw[2] == "approve_fee_list"), None)
    reported: dict[int, datetime] = {}
    for raw in rows(e._log):
        if raw[2] == "report_execution":
            reported.setdefault(pget(raw[3], "round"), raw[0])
    out: list[Due | None] = []
    meetings = e._wf_get("meetings")
    rounds = 0
    for raw in rows(e._log):
        kind = raw[2]
        if kind == "meeting":
            held = meetings.get(pget(raw[3], "ref"))  # issue 11 §7: its report's time, if recorded
            done = None if held is None else held.minutes_at
            out.append(
                meeting_report(
                    raw[0],
                    call=pget(raw[3], "call"),
                    calendar=cal,
                    rulebook=book,
                    subject=subject,
                    done_at=done,
                )
            )
        elif kind == "schedule_meeting":  # issue 11 §7: the notice's O10 duties (agenda, reconfirmation)
            rec = meetings[pget(raw[3], "ref")]
            start = parse_instant_text(rec.w5h1["when"], "a meeting's 'when'")
            about = rec.w5h1["what"]
            done = {"noticed_at": raw[0], "agenda_at": rec.agenda_at, "reconfirmed_at": rec.reconfirmed_at}
            out.extend(meeting_prep(start, about=about, calendar=cal, rulebook=book, subject=subject, **done))
        elif kind == "book_media":
            placement = date.fromisoformat(pget(raw[3], "placement"))
            out.append(
                fee_list(placement, calendar=cal, rulebook=book, subject=subject, done_at=fee_approved)
            )
        elif kind == "place":
            rounds += 1
            end = date.fromisoformat(pget(raw[3], "end"))
            done = reported.get(rounds)
            out.append(
                execution_report(end, rounds, calendar=cal, rulebook=book, subject=subject, done_at=done)
            )
    return tuple(d for d in out if d is not None)


def rush_assessments_of(e: Any) -> tuple[tuple[Event, RushAssessment], ...]:
    """Each rush request with its T8 assessment as of the request, from the log alone: the item of
    its job order, the work order's arrival, the requested day, and the client's rush history (what
    the request logged, plus this engagement's earlier requests)."""
    _engagement(e)
    out = []
    earlier: list[datetime] = []
    for raw in events_at(e._log, e._rushes):
        if raw[2] == "request_rush":
            out.append((raw, assess_request(e, raw[3], raw[0], earlier)))
            earlier.append(raw[0])
    return tuple(out)
