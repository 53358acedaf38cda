"""One handler per event kind: the gates the table cannot express, then the state change.

Every handler gets the engagement, the logged tuple ``ev = (at, actor, kind, flat_payload,
evidence)`` and the actor's party, after the kernel checked the instant, the actor, the
stage, the party, the evidence and the payload's keys and types. It raises before it
changes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from adservice._frozen import FrozenDict
from adservice.engagement import _steps as steps
from adservice.engagement._facts import disabled, order_jobs
from adservice.engagement.numbers import check_job_number
from adservice.engagement.table import (
    DELIVERABLES,
    DOC_BITS,
    LEAD_ROLES,
    PLAIN_DOCUMENTS,
    ROLES,
    TABLE,
    TRIGGERS,
    Stage,
)
from adservice.errors import (
    CalendarRangeError,
    DuplicateNumberError,
    DurationOutOfRangeError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    SignOffError,
    TransitionNotAllowed,
    UnknownItemError,
    brief,
)
from adservice.i18n import N_
from adservice.kernel.events import thaw
from adservice.numbering.parsing import parse_job_number

__all__ = ["HANDLERS", "MOVES", "missing", "pget", "transition_for"]

_Raw = tuple[Any, ...]
_TEAM_ROLES = (*ROLES, *LEAD_ROLES)
_TEAM_ROLE_SET = frozenset(_TEAM_ROLES)


def _named(person: str) -> bool:
    return person != "" and person[0] != "\x00" and not person.isspace()


def pget(flat: tuple[Any, ...], key: str, default: Any = None) -> Any:
    """``key``'s value in a flat payload ``(key, value, ...)``."""
    for i in range(0, len(flat) - 1, 2):
        if flat[i] == key:
            return flat[i + 1]
    return default


def _met(e: Any, check: Any) -> bool:
    return bool(e._docs & DOC_BITS[check]) if isinstance(check, str) else bool(check(e))


def missing(e: Any, trigger: str) -> tuple[tuple[str, str], ...]:
    """Every unmet, enabled requirement of ``trigger`` from ``e``'s stage, as ``(rule_id, text)``."""
    move = TABLE.move(e._stage, trigger)
    if move is None:
        return ()
    off = disabled(e._rulebook)
    out = []
    for key in move.requires:
        gate = TABLE.gate(key)
        if gate.rule_id not in off and not _met(e, gate.check):
            out.append((gate.rule_id, gate.text(e) if callable(gate.text) else gate.text))
    return tuple(out)


def transition_for(stage: Stage, trigger: str) -> Callable[[Any, _Raw, str], None]:
    """The handler of ``trigger`` fired from ``stage``, with its row's gates compiled in.

    One document-mask test covers the gates that ask for a recorded document; the other
    gates are predicates. Only when a gate fails does the slow path run, which names every
    unmet, enabled requirement (a gate the rulebook disables does not refuse).

    Raises:
        InvalidInputError: not a stage and a trigger name.
        TransitionNotAllowed: the table has no such move from ``stage``.
    """
    if not isinstance(stage, Stage) or not isinstance(trigger, str):
        raise InvalidInputError(
            f"transition_for needs a Stage and a trigger name (got {type(stage).__name__}, "
            f"{type(trigger).__name__})."
        )
    move = TABLE.move(stage, trigger)
    if move is None:
        raise TransitionNotAllowed(stage.value, trigger, TABLE.allowed(stage))
    if trigger == "resume":
        return _resume
    checks = [TABLE.gate(key).check for key in move.requires]
    mask = sum(DOC_BITS[c] for c in checks if isinstance(c, str))
    preds = tuple(c for c in checks if not isinstance(c, str))
    dest = Stage(move.dest or stage)
    effect = _EFFECTS.get(trigger)

    def handler(e: Any, ev: _Raw, party: str) -> None:
        if e._docs & mask != mask or (preds and not _hold_all(preds, e)):
            unmet = missing(e, trigger)  # names every unmet gate (or finds them all disabled)
            if unmet:
                raise GateNotMet(stage.value, trigger, unmet)
        if effect is not None:
            effect(e, ev, stage)
        e._stage = dest

    return handler


def _hold_all(preds: tuple[Callable[[Any], bool], ...], e: Any) -> bool:
    for pred in preds:  # noqa: SIM110 - a loop: no generator object per stage change
        if not pred(e):
            return False
    return True


def _hold(e: Any, ev: _Raw, stage: Stage) -> None:
    e._held_from = stage
    e._waits = (*e._waits, (ev[0], None, str(pget(ev[3], "reason")), "hold"))


def _resume(e: Any, ev: _Raw, party: str) -> None:
    """Back to the stage the engagement left (resume has a row per stage; none has gates)."""
    dest = e._held_from or e._stage
    e._held_from = None
    _end_wait(e, ev[0], "hold")
    e._stage = dest


def _receive_briefing(e: Any, ev: _Raw, party: str) -> None:
    steps.check_briefing(e, ev[3][1])  # L14: H3's topics
    e._docs |= DOC_BITS["client_briefing"]


def _submit_for_approval(e: Any, ev: _Raw, stage: Stage) -> None:
    e._waits = (*e._waits, (ev[0], None, N_("waiting on client sign-off"), "sign_off"))


def _request_revision(e: Any, ev: _Raw, stage: Stage) -> None:
    steps.written_request(e, ev, "request_revision")  # L12
    steps.open_revisions(e, ev[0], steps.revision_jobs(e, ev))  # L11: checked, then opened
    e._revision_rounds += 1
    log = e._log
    e._signoffs = tuple(o for o in e._signoffs if log[o + 3][1] != "creative")
    e._docs &= ~DOC_BITS["internal_review"]
    _end_wait(e, ev[0], "sign_off")


def _start_media_booking(e: Any, ev: _Raw, stage: Stage) -> None:
    _end_wait(e, ev[0], "sign_off")


def _cancel(e: Any, ev: _Raw, stage: Stage) -> None:
    _end_wait(e, ev[0], "sign_off")
    _end_wait(e, ev[0], "hold")


def _transition(e: Any, ev: _Raw, party: str) -> None:
    """Any trigger: the handler compiled for the engagement's stage (:data:`MOVES`)."""
    MOVES[(e._stage, ev[2])](e, ev, party)


#: What a stage change does besides moving the stage (after its gates passed).
_EFFECTS: Mapping[str, Callable[[Any, _Raw, Stage], None]] = {
    "hold": _hold,
    "submit_for_approval": _submit_for_approval,
    "request_revision": _request_revision,
    "start_media_booking": _start_media_booking,
    "cancel": _cancel,
}


def _end_wait(e: Any, at: Any, kind: str) -> None:
    """Close the open wait of ``kind`` (a hold can interrupt a sign-off wait; they close apart)."""
    waits = e._waits
    for i in range(len(waits) - 1, -1, -1):
        start, end, reason, what = waits[i]
        if end is None and what == kind:
            e._waits = (*waits[:i], (start, at, reason, what), *waits[i + 1 :])
            return


def _mark(name: str) -> Callable[[Any, _Raw, str], None]:
    def handler(e: Any, ev: _Raw, party: str) -> None:
        e._docs |= DOC_BITS[name]

    return handler


# Payloads reach the handlers in their schema's key order (the kernel checks or restores it),
# so the handlers read values by position: ev[3][1] is the first field's value, ev[3][3] the second's.


def _record(e: Any, ev: _Raw, party: str) -> None:
    doc = ev[3][1]
    if e._stage not in PLAIN_DOCUMENTS[doc]:
        raise TransitionNotAllowed(e._stage.value, f"record:{doc}", e.allowed_actions())
    if doc == "internal_review" and party != "agency":
        raise SignOffError(
            f"the internal review (L4) is the agency's to do; {brief(ev[1])} is not an agency member."
        )
    if doc == "work_briefing" and ev[4] is None and "L10" not in disabled(e._rulebook):
        what = "the work briefing's schedule sent to the client (排定工作进度表, 并通告客户): pass evidence"
        raise GateNotMet(e._stage.value, "record", [("L10", what)])
    e._docs |= DOC_BITS[doc]


def _team_member(role: object, person: object) -> None:
    if role.__class__ is str and role in _TEAM_ROLE_SET and person.__class__ is str and _named(person):
        return
    if role not in _TEAM_ROLES:
        raise InvalidChoiceError("role", role, _TEAM_ROLES)
    if not isinstance(person, str) or not person.strip() or person.startswith("\x00"):
        raise InvalidInputError(f"the {role} must be a person's name (got {brief(thaw(person))}).")


def _assign(e: Any, ev: _Raw, party: str) -> None:
    e._team = {**e._team, ev[3][1]: ev[3][3]}


def _assign_team(e: Any, ev: _Raw, party: str) -> None:
    flat = ev[3]
    if not flat:
        raise InvalidInputError("a team names at least one role and person (G7).")
    team = dict(zip(flat[::2], flat[1::2], strict=True))
    for role, person in team.items():
        _team_member(role, person)
    e._team = {**e._team, **team} if e._team else team  # a plain dict of text: not tracked by the gc


def _approve_quote(e: Any, ev: _Raw, party: str) -> None:
    role = ev[3][3]
    if role != "department_manager":
        msg = (
            f"a quote is approved by the department manager (G6); {brief(ev[1])} approved as "
            f"{brief(role)}. Pass role='department_manager' for the manager's approval."
        )
        raise SignOffError(msg)
    e._quotes = (*e._quotes, len(e._log))


def _submit_quote(e: Any, ev: _Raw, party: str) -> None:
    quote = ev[3][1]
    log = e._log
    for o in e._quotes:
        if log[o + 2] == "approve_quote" and log[o + 3][1] == quote:
            break
    else:
        if "G6" not in disabled(e._rulebook):
            unmet = [("G6", f"quote {brief(quote)} approved by the department manager")]
            raise GateNotMet(e._stage.value, "submit_quote", unmet)
    e._quotes = (*e._quotes, len(e._log))


def _add_job_order(e: Any, ev: _Raw, party: str) -> None:
    """A new job order, or in creative and approval a revision of one (same number, same item)."""
    _, number, _, item, _, description, _, creative_brief = ev[3]
    parsed = check_job_number(number, e._job_format)
    e._rulebook.item(item)
    if (not description.strip() or not creative_brief.strip()) and "G2" not in disabled(e._rulebook):
        unmet = [("G2", f"job order {number}: a complete work description and a clear creative brief")]
        raise GateNotMet(e._stage.value, "add_job_order", unmet)
    if "L13" not in disabled(e._rulebook):
        e._numbers = steps.check_job_reuse(e, number, parsed)  # never a silent revision (L13)
        e._jobs = (*e._jobs, (number, item, description, creative_brief, 0))
        return
    revision = 0  # L13 disabled (a log recorded before it): a re-added number revises the job order
    for j in e._jobs:
        if j[0] == number:
            if e._stage is Stage.BRIEF:
                raise DuplicateNumberError(
                    f"job order {brief(number)} already exists; a revision keeps the number in creative "
                    "or approval, a new job takes a new number."
                )
            if j[1] != item:
                raise DuplicateNumberError(
                    f"job number {brief(number)} belongs to the {brief(j[1])} job order; a new "
                    f"{brief(item)} job takes a new number (a revision keeps the number and the item)."
                )
            revision = j[4] + 1
        elif parsed is not None and parse_job_number(j[0], format=e._job_format).key == parsed.key:
            raise DuplicateNumberError(
                f"job number {brief(number)} would repeat {brief(j[0])} (the same department, month and "
                "sequence); a job number is never reused."
            )
    job = (number, item, description, creative_brief, revision)
    e._jobs = (*(j for j in e._jobs if j[0] != number), job) if revision else (*e._jobs, job)


def _receive_work_order(e: Any, ev: _Raw, party: str) -> None:
    jobs = e._jobs
    for job in order_jobs(ev[3][1]):
        for j in jobs:
            if j[0] == job:
                break
        else:
            e._job(job)  # raises, naming the job orders there are
    e._work_orders = (*e._work_orders, len(e._log))
    e._docs |= DOC_BITS["work_order"]


def _sign_off(e: Any, ev: _Raw, party: str) -> None:
    e._signoffs = (*e._signoffs, len(e._log))


def _request_rush(e: Any, ev: _Raw, party: str) -> None:
    """Log the request after the checks that make it possible to assess; the T8 assessment itself
    is computed from the log when asked (:meth:`Engagement.rush_assessments`), never trusted."""
    from adservice.kernel.events import parse_instant_text  # noqa: PLC0415 - only when a rush happens

    _, job, _, requested_due, _, history = ev[3]
    received = e._work_order_for(job)  # an unknown job, or no work order (G3), is refused there
    if received is None:  # G3 disabled: no work order, so nothing for T8 to count from
        msg = f"a rush of job order {brief(job)} counts from its written work order: receive_work_order first"
        raise GateNotMet(e._stage.value, "request_rush", [("T8", msg)])
    requested = date.fromisoformat(requested_due)
    first, last = e._calendar.horizon
    for what, year in (("the requested due", requested.year), ("the work order's day", received.year)):
        if not first <= year <= last:
            msg = f"{what} ({year}) is outside the calendar's years {first}..{last}: T8 cannot assess it."
            raise CalendarRangeError(msg)
    for text in thaw(history):
        parse_instant_text(text, "a rush request's history")
    e._rushes = (*e._rushes, len(e._log))


def _decide_rush(e: Any, ev: _Raw, party: str) -> None:
    job = ev[3][1]
    log = e._log
    for o in reversed(e._rushes):
        if log[o + 3][1] == job:
            if log[o + 2] == "decide_rush":
                raise InvalidInputError(f"the last rush request for {brief(job)} is already decided.")
            if ev[3][3]:
                _feasible(e, o)
            e._rushes = (*e._rushes, len(log))
            return
    raise UnknownItemError(f"no rush request for job order {brief(job)} to decide on.")


def _feasible(e: Any, o: int) -> None:
    """Refuse accepting the rush request at offset ``o`` when T8 finds it infeasible: a job is never
    compressed below the time needed to do it well (H3, T8's hard floor)."""
    from adservice.engagement._rush import assess_request  # noqa: PLC0415 - deadlines load when a rush does

    log = e._log
    earlier = [log[r] for r in e._rushes if r < o and log[r + 2] == "request_rush"]
    assessment = assess_request(e, log[o + 3], log[o], earlier)
    if assessment.outcome == "infeasible":
        job = log[o + 3][1]
        error = DurationOutOfRangeError(
            f"the rush of job order {brief(job)} to {assessment.requested_due_date} leaves "
            f"{assessment.requested_days} working days, below T8's hard floor of {assessment.floor_days}: "
            "it is infeasible and cannot be accepted (decline it: accept=False)."
        )
        error.rule_id = "T8"  # type: ignore[attr-defined]  # the load names the rule it breaks
        raise error


def _deliver(e: Any, ev: _Raw, party: str) -> None:
    steps.deliver_check(e, ev)
    e._delivered = (*e._delivered, len(e._log))


def _meeting(e: Any, ev: _Raw, party: str) -> None:
    """A meeting changes no state: its report duty (O2/O3) is read from the log (:attr:`duties`)."""


def _book_media(e: Any, ev: _Raw, party: str) -> None:
    if not e._docs & DOC_BITS["schedule_confirmation"] and "G4" not in disabled(e._rulebook):
        raise GateNotMet(
            e._stage.value, "book_media", [("G4", "the client's written confirmation of the media schedule")]
        )
    placement = date.fromisoformat(ev[3][1])
    e._docs |= DOC_BITS["booking"]
    e._fee_list_for = placement


_PLACEMENT_NEEDS = (
    ("booking", "L5", "media booked after the client's confirmation"),
    ("prepayment", "G10", "the client's media prepayment before materials go to media"),
    ("fee_list", "O7", "the approved fee list"),
)


_PLACEMENT_MASK = sum(DOC_BITS[key] for key, _, _ in _PLACEMENT_NEEDS)


def _place(e: Any, ev: _Raw, party: str) -> None:
    if e._docs & _PLACEMENT_MASK != _PLACEMENT_MASK:
        off = disabled(e._rulebook)
        unmet = [
            (rid, text)
            for key, rid, text in _PLACEMENT_NEEDS
            if not e._docs & DOC_BITS[key] and rid not in off
        ]
        if unmet:
            raise GateNotMet(e._stage.value, "place", unmet)
    start, end = date.fromisoformat(ev[3][1]), date.fromisoformat(ev[3][3])
    if end < start:
        raise InvalidInputError(f"a placement round ends {end} before it starts {start}.")
    e._placements = (*e._placements, len(e._log))


def _report_execution(e: Any, ev: _Raw, party: str) -> None:
    number = ev[3][1]
    rounds = len(e._placements)
    if not 1 <= number <= rounds:
        raise InvalidInputError(f"round must be 1..{rounds} (got {brief(number)}).")
    e._reported |= 1 << (number - 1)


def _sign_off_check(e: Any, ev: _Raw, party: str) -> None:
    if ev[3][1] not in DELIVERABLES:  # pragma: no cover - the schema's choices refuse it
        raise InvalidChoiceError("deliverable", ev[3][1], DELIVERABLES)
    _sign_off(e, ev, party)


#: ``(stage, trigger) -> handler`` for every move the table allows.
_MOVES: Mapping[tuple[Stage, str], Callable[[Any, _Raw, str], None]] = {
    (stage, trigger): transition_for(stage, trigger) for stage in Stage for trigger in TABLE.allowed(stage)
}
MOVES: Mapping[tuple[Stage, str], Callable[[Any, _Raw, str], None]] = FrozenDict(_MOVES)  # read-only

#: Event kind -> its handler.
_HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = {
    **dict.fromkeys(TRIGGERS, _transition),
    "receive_invitation": _mark("invitation"),
    "record": _record,
    "assign": _assign,
    "assign_team": _assign_team,
    "approve_quote": _approve_quote,
    "submit_quote": _submit_quote,
    "sign_contract": _mark("contract"),
    "receive_briefing": _receive_briefing,
    "agree_strategy": _mark("strategy"),
    "add_job_order": _add_job_order,
    "receive_work_order": _receive_work_order,
    "sign_off": _sign_off_check,
    "request_rush": _request_rush,
    "decide_rush": _decide_rush,
    "deliver": _deliver,
    "meeting": _meeting,
    "confirm_schedule": _mark("schedule_confirmation"),
    "book_media": _book_media,
    "receive_prepayment": _mark("prepayment"),
    "approve_fee_list": _mark("fee_list"),
    "place": _place,
    "report_execution": _report_execution,
    "submit_step": steps.submit_step,
    "approve_step": steps.approve_step,
    "refuse_step": steps.refuse_step,
}
HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = FrozenDict(_HANDLERS)  # read-only
