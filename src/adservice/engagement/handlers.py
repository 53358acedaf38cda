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
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    SignOffError,
    TransitionNotAllowed,
    UnknownItemError,
)
from adservice.kernel.events import freeze, thaw

__all__ = ["HANDLERS", "MOVES", "disabled", "missing", "pget", "transition_for"]

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


_DISABLED: dict[int, tuple[Any, frozenset[str]]] = {}


def disabled(book: Any) -> frozenset[str]:
    """Ids of the rules ``book`` disables (cached per rulebook object)."""
    hit = _DISABLED.get(id(book))
    if hit is None or hit[0] is not book:
        hit = (book, frozenset(r.id for r in book.rules.values() if not r.enabled))
        if len(_DISABLED) > 64:
            _DISABLED.clear()
        _DISABLED[id(book)] = hit
    return hit[1]


def _met(e: Any, check: Any) -> bool:
    return bool(e._docs & DOC_BITS[check]) if isinstance(check, str) else bool(check(e))


def missing(e: Any, trigger: str) -> tuple[tuple[str, str], ...]:
    """Every unmet, enabled requirement of ``trigger`` from ``e``'s stage, as ``(rule_id, text)``."""
    move = TABLE.move(e.stage, trigger)
    if move is None:
        return ()
    off = disabled(e.rulebook)
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
    """
    if trigger == "resume":
        return _resume
    move = TABLE.move(stage, trigger)
    if move is None:  # pragma: no cover - the kernel only asks for allowed moves
        raise RuntimeError(f"{trigger!r} is not allowed from {stage!r}")
    checks = [TABLE.gate(key).check for key in move.requires]
    mask = sum(DOC_BITS[c] for c in checks if isinstance(c, str))
    preds = tuple(c for c in checks if not isinstance(c, str))
    dest = Stage(move.dest or stage)
    effect = _EFFECTS.get(trigger)

    def handler(e: Any, ev: _Raw, party: str) -> None:
        if e._docs & mask != mask or (preds and not all(pred(e) for pred in preds)):
            unmet = missing(e, trigger)  # names every unmet gate (or finds them all disabled)
            if unmet:
                raise GateNotMet(stage.value, trigger, unmet)
        if effect is not None:
            effect(e, ev, stage)
        e.stage = dest

    return handler


def _hold(e: Any, ev: _Raw, stage: Stage) -> None:
    e.held_from = stage
    e._waits = (*e._waits, (ev[0], None, str(pget(ev[3], "reason")), "hold"))


def _resume(e: Any, ev: _Raw, party: str) -> None:
    """Back to the stage the engagement left (resume has a row per stage; none has gates)."""
    dest = e.held_from or e.stage
    e.held_from = None
    _end_wait(e, ev[0], "hold")
    e.stage = dest


def _submit_for_approval(e: Any, ev: _Raw, stage: Stage) -> None:
    e._waits = (*e._waits, (ev[0], None, "waiting on client sign-off", "sign_off"))


def _request_revision(e: Any, ev: _Raw, stage: Stage) -> None:
    e.revision_rounds += 1
    e._signoffs = tuple(x for x in e._signoffs if pget(x[3], "deliverable") != "creative")
    e._docs &= ~DOC_BITS["internal_review"]
    _end_wait(e, ev[0], "sign_off")


def _start_media_booking(e: Any, ev: _Raw, stage: Stage) -> None:
    _end_wait(e, ev[0], "sign_off")


def _cancel(e: Any, ev: _Raw, stage: Stage) -> None:
    _end_wait(e, ev[0], "sign_off")
    _end_wait(e, ev[0], "hold")


def _transition(e: Any, ev: _Raw, party: str) -> None:
    """Any trigger: the handler compiled for the engagement's stage (:data:`MOVES`)."""
    MOVES[(e.stage, ev[2])](e, ev, party)


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


def _record(e: Any, ev: _Raw, party: str) -> None:
    doc = pget(ev[3], "document")
    if e.stage not in PLAIN_DOCUMENTS[doc]:
        raise TransitionNotAllowed(e.stage.value, f"record:{doc}", e.allowed_actions())
    if doc == "internal_review" and party != "agency":
        raise SignOffError(
            f"the internal review (L4) is the agency's to do; {ev[1]!r} is not an agency member."
        )
    e._docs |= DOC_BITS[doc]


def _team_member(role: object, person: object) -> None:
    if role.__class__ is str and role in _TEAM_ROLE_SET and person.__class__ is str and _named(person):
        return
    if role not in _TEAM_ROLES:
        raise InvalidChoiceError("role", role, _TEAM_ROLES)
    if not isinstance(person, str) or not person.strip() or person.startswith("\x00"):
        raise InvalidInputError(f"the {role} must be a person's name (got {thaw(person)!r}).")


def _assign(e: Any, ev: _Raw, party: str) -> None:
    e.team = {**e.team, pget(ev[3], "role"): pget(ev[3], "person")}


def _assign_team(e: Any, ev: _Raw, party: str) -> None:
    flat = ev[3]
    if not flat:
        raise InvalidInputError("a team names at least one role and person (G7).")
    team = dict(zip(flat[::2], flat[1::2], strict=True))
    for role, person in team.items():
        _team_member(role, person)
    e.team = {**e.team, **team} if e.team else team


def _approve_quote(e: Any, ev: _Raw, party: str) -> None:
    role = pget(ev[3], "role")
    if role != "department_manager":
        msg = (
            f"a quote is approved by the department manager (G6); {ev[1]!r} approved as "
            f"{role!r}. Pass role='department_manager' for the manager's approval."
        )
        raise SignOffError(msg)
    e._quotes = (*e._quotes, ev)


def _submit_quote(e: Any, ev: _Raw, party: str) -> None:
    quote = pget(ev[3], "quote")
    approved = any(q[2] == "approve_quote" and pget(q[3], "quote") == quote for q in e._quotes)
    if not approved and "G6" not in disabled(e.rulebook):
        raise GateNotMet(
            e.stage.value, "submit_quote", [("G6", f"quote {quote!r} approved by the department manager")]
        )
    e._quotes = (*e._quotes, ev)


def _add_job_order(e: Any, ev: _Raw, party: str) -> None:
    number, item = pget(ev[3], "number"), pget(ev[3], "item")
    description, brief = pget(ev[3], "description"), pget(ev[3], "creative_brief")
    e.rulebook.item(item)
    if (not description.strip() or not brief.strip()) and "G2" not in disabled(e.rulebook):
        unmet = [("G2", f"job order {number}: a complete work description and a clear creative brief")]
        raise GateNotMet(e.stage.value, "add_job_order", unmet)
    job: tuple[Any, ...] = (number, item, description, brief, 0)
    old = None
    for j in e._jobs:
        if j[0] == number:
            old = j
    if old is not None:
        if e.stage is Stage.BRIEF:
            raise InvalidInputError(
                f"job order {number!r} already exists; a revision keeps the number in creative."
            )
        job = (number, item, description, brief, old[4] + 1)
    e._jobs = (*(j for j in e._jobs if j[0] != number), job)


def _receive_work_order(e: Any, ev: _Raw, party: str) -> None:
    known = {j[0] for j in e._jobs}
    for job in thaw(pget(ev[3], "jobs")):
        if job not in known:
            e._job(job)  # raises, naming the job orders there are
    e._work_orders = (*e._work_orders, ev)
    e._docs |= DOC_BITS["work_order"]


def _sign_off(e: Any, ev: _Raw, party: str) -> None:
    e._signoffs = (*e._signoffs, ev)


def _request_rush(e: Any, ev: _Raw, party: str) -> None:
    from adservice.deadlines.rush import assess_rush  # noqa: PLC0415 - imported only when a rush happens
    from adservice.kernel.events import parse_instant_text  # noqa: PLC0415

    flat = ev[3]
    job = pget(flat, "job")
    order = e._job(job)
    received = e._work_order_for(job)
    requested = date.fromisoformat(pget(flat, "requested_due"))
    history = [parse_instant_text(t, "a rush request's history") for t in thaw(pget(flat, "history"))]
    earlier = [r[0] for r in e._rushes if r[2] == "request_rush"]
    assessment = assess_rush(
        order.item,
        received,
        requested,
        history=[*history, *earlier],
        calendar=e.calendar,
        rulebook=e.rulebook,
        as_of=ev[0],
    )
    e._rushes = (*e._rushes, ev)
    e._assessed = (*e._assessed, freeze(assessment.to_dict()))


def _decide_rush(e: Any, ev: _Raw, party: str) -> None:
    job = pget(ev[3], "job")
    for rush in reversed(e._rushes):
        if pget(rush[3], "job") == job:
            if rush[2] == "decide_rush":
                raise InvalidInputError(f"the last rush request for {job!r} is already decided.")
            e._rushes = (*e._rushes, ev)
            return
    raise UnknownItemError(f"no rush request for job order {job!r} to decide on.")


def _deliver(e: Any, ev: _Raw, party: str) -> None:
    e._work_order_for(pget(ev[3], "job"))
    e._delivered = (*e._delivered, ev)


def _meeting(e: Any, ev: _Raw, party: str) -> None:
    """A meeting changes no state: its report duty (O2/O3) is read from the log (:attr:`duties`)."""


def _book_media(e: Any, ev: _Raw, party: str) -> None:
    if not e._docs & DOC_BITS["schedule_confirmation"] and "G4" not in disabled(e.rulebook):
        raise GateNotMet(
            e.stage.value, "book_media", [("G4", "the client's written confirmation of the media schedule")]
        )
    placement = date.fromisoformat(pget(ev[3], "placement"))
    e._docs |= DOC_BITS["booking"]
    e.fee_list_for = placement


_PLACEMENT_NEEDS = (
    ("booking", "L5", "media booked after the client's confirmation"),
    ("prepayment", "G10", "the client's media prepayment before materials go to media"),
    ("fee_list", "O7", "the approved fee list"),
)


_PLACEMENT_MASK = sum(DOC_BITS[key] for key, _, _ in _PLACEMENT_NEEDS)


def _place(e: Any, ev: _Raw, party: str) -> None:
    if e._docs & _PLACEMENT_MASK != _PLACEMENT_MASK:
        off = disabled(e.rulebook)
        unmet = [
            (rid, text)
            for key, rid, text in _PLACEMENT_NEEDS
            if not e._docs & DOC_BITS[key] and rid not in off
        ]
        if unmet:
            raise GateNotMet(e.stage.value, "place", unmet)
    start, end = date.fromisoformat(pget(ev[3], "start")), date.fromisoformat(pget(ev[3], "end"))
    if end < start:
        raise InvalidInputError(f"a placement round ends {end} before it starts {start}.")
    e._placements = (*e._placements, ev)


def _report_execution(e: Any, ev: _Raw, party: str) -> None:
    number = pget(ev[3], "round")
    rounds = len(e._placements)
    if not 1 <= number <= rounds:
        raise InvalidInputError(f"round must be 1..{rounds} (got {number!r}).")
    e.reported |= 1 << (number - 1)


def _sign_off_check(e: Any, ev: _Raw, party: str) -> None:
    if pget(ev[3], "deliverable") not in DELIVERABLES:  # pragma: no cover - the schema's choices refuse it
        raise InvalidChoiceError("deliverable", pget(ev[3], "deliverable"), DELIVERABLES)
    _sign_off(e, ev, party)


#: ``(stage, trigger) -> handler`` for every move the table allows.
MOVES: Mapping[tuple[Stage, str], Callable[[Any, _Raw, str], None]] = {
    (stage, trigger): transition_for(stage, trigger) for stage in Stage for trigger in TABLE.allowed(stage)
}

#: Event kind -> its handler.
HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = {
    **dict.fromkeys(TRIGGERS, _transition),
    "receive_invitation": _mark("invitation"),
    "record": _record,
    "assign": _assign,
    "assign_team": _assign_team,
    "approve_quote": _approve_quote,
    "submit_quote": _submit_quote,
    "sign_contract": _mark("contract"),
    "receive_briefing": _mark("client_briefing"),
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
}
