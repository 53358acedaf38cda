"""What an issue's log folds into, and the one handler every event goes through after the kernel's checks.

The kernel (:class:`~adservice.kernel.base.EventSourced`) checks an event's instant,
actor, kind and stage, party, evidence and payload types from the table; then
:func:`handle` checks the requirement rows of its move against the issue so far
and folds it in. A live call, ``apply``, ``replay`` and ``from_dict`` all end here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from adservice.deadlines._common import maybe_aware
from adservice.errors import (
    ChronologyError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    RulebookError,
    SchemaError,
    TransitionNotAllowed,
    brief,
)
from adservice.issues.table import CATEGORIES, CHANNELS, TABLE, IssueContext
from adservice.kernel.base import Raw
from adservice.rulebook.book import Rulebook

__all__ = ["IssueState", "categories", "handle"]


def categories(book: Rulebook) -> tuple[str, ...]:
    """Rule I2's categories in ``book`` (standard: :data:`~adservice.issues.table.CATEGORIES`).

    Raises:
        RulebookError: I2's ``categories`` is not a non-empty list of names.
        InvalidInputError: ``book`` is not a Rulebook.
    """
    if not isinstance(book, Rulebook):
        raise InvalidInputError(f"book must be a Rulebook (got {brief(book)}).")
    rule = book.rules.get("I2")
    value = CATEGORIES if rule is None else rule.params.get("categories", CATEGORIES)
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(c, str) for c in value):
        raise RulebookError(f"rule I2's parameter 'categories' must be a list of names (got {brief(value)}).")
    return tuple(value)


@attrs.frozen
class IssueState:
    """What the log folds into besides the stage (kept frozen, so a refused step changes nothing)."""

    category: str | None = None
    department: str | None = None
    responded_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    evidence: tuple[str, ...] = ()
    solution: str | None = None
    resolved_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    followed_up_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    accepted: bool = False
    signature: str | None = None
    reopened: int = 0
    unfounded: bool = False
    closed_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    root_cause: str | None = None
    improvement: str | None = None
    prevention: str | None = None
    approved_solution: str | None = None
    approved_by: str | None = None
    promised: str | None = None
    promised_at: datetime | None = attrs.field(default=None, validator=maybe_aware)


def _fold(  # noqa: PLR0917 - private
    state: IssueState, kind: str, at: datetime, p: Mapping[str, Any], evidence: str | None, actor: str = ""
) -> IssueState:
    """The state after an event already checked."""
    first_answer = state.responded_at or at
    if kind == "respond":
        return attrs.evolve(state, responded_at=first_answer)
    if kind == "triage":
        return attrs.evolve(state, category=p["category"], department=p["department"])
    if kind == "add_evidence":
        return attrs.evolve(state, evidence=(*state.evidence, evidence or ""))
    if kind == "resolve":
        return attrs.evolve(state, solution=p["solution"], resolved_at=at, responded_at=first_answer)
    if kind == "dismiss":
        return attrs.evolve(state, unfounded=True, closed_at=at, responded_at=first_answer, resolved_at=at)
    if kind == "follow_up":
        return attrs.evolve(state, followed_up_at=at, accepted=p["accepted"])
    if kind == "reopen":
        return attrs.evolve(
            state,
            solution=None,
            resolved_at=None,
            followed_up_at=None,
            accepted=False,
            signature=None,
            reopened=state.reopened + 1,
            approved_solution=None,
        )
    if kind == "sign_off":
        return attrs.evolve(state, signature=evidence)
    if kind == "approve_solution":
        return attrs.evolve(state, approved_solution=p["solution"], approved_by=f"{actor} ({p['role']})")
    if kind == "promise":
        return attrs.evolve(state, promised=p["promised"], promised_at=at, responded_at=first_answer)
    if kind == "close":
        summary = {k: p[k] for k in ("root_cause", "improvement", "prevention")}
        return attrs.evolve(state, closed_at=at, **summary)
    return state  # receive, investigate


def _check_receive(p: Mapping[str, Any]) -> None:
    if not p["issue_id"].strip():
        raise InvalidInputError("an issue needs a non-empty issue_id (I1: every issue is recorded).")
    if p["channel"] not in CHANNELS:
        raise InvalidChoiceError("channel", p["channel"], CHANNELS)
    for key in ("client", "description"):
        if not p[key].strip():
            raise InvalidInputError(f"an issue is recorded with its {key} (I1); got an empty {key}.")


def _check_promise(at: datetime, promised: str) -> None:
    """Refuse a promised day before the day the promise is made (I11: told by when, so not before)."""
    today = at.date()  # the promise's own wall-clock day, in the zone it is dated in
    if promised < today.isoformat():  # ISO dates of four-digit years order as the days they name
        msg = (
            f"promised_date {brief(promised)} is before the day of the promise ({today.isoformat()}); "
            "I11: the client is told by when a solution will come, so the promised date is that day "
            "or later."
        )
        error = ChronologyError(msg)
        error.rule_id = "I11"  # type: ignore[attr-defined]  # cited by SchemaError on load
        raise error


def handle(issue: Any, raw: Raw, party: str) -> None:
    """Check an event's requirements against the issue and change it; the kernel checked the rest.

    Raises:
        SchemaError: ``raw`` is not an event as the kernel reads it ``(at, actor, kind, payload,
            evidence)``; the issue's own refusals (InvalidInputError, RulebookError...) as its methods.
        ChronologyError: a ``promise`` whose promised date is before the promise's own day (I11).
    """
    if not isinstance(raw, tuple) or len(raw) != 5 or not isinstance(raw[3], tuple):
        raise SchemaError(f"an issue event is (at, actor, kind, payload, evidence) (got {brief(raw)}).")
    at, _, kind, flat, evidence = raw
    p = dict(zip(flat[::2], flat[1::2], strict=True))
    if kind == "receive":
        _check_receive(p)
        issue._stage = "received"
        return
    state, book = issue._state, issue.rulebook
    if kind == "promise":
        _check_promise(at, p["promised"])
    if kind == "triage" and p["category"] not in categories(book):
        raise InvalidChoiceError("category", p["category"], categories(book))
    move = TABLE.move(issue.stage, kind)
    if move is None:  # the kernel checked it; a record kind has no move
        raise TransitionNotAllowed(issue.stage, kind, TABLE.allowed(issue.stage))
    context = IssueContext(
        state.category,
        len(state.evidence),
        state.accepted,
        state.signature is not None,
        p,
        evidence,
        state.approved_solution,
        state.promised,
    )
    missing = []
    for key in move.requires:
        gate = TABLE.gate(key)
        rule = book.rules.get(gate.rule_id)
        if (rule is None or rule.enabled) and not gate.check(context):  # type: ignore[operator]
            missing.append((gate.rule_id, gate.text if isinstance(gate.text, str) else gate.text(context)))
    if missing:
        raise GateNotMet(issue.stage, kind, missing)
    issue._state = _fold(state, kind, at, p, evidence, raw[1].partition(":")[2])
    issue._stage = move.dest or move.source
