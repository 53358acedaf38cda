"""The live triggers of a client issue: one method per event kind, each appending in place, returning it.

Each method builds its event and hands it to the kernel's one way in
(:meth:`~adservice.kernel.base.EventSourced.apply`), so a live call is checked
exactly as a replayed or loaded event is.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from adservice.errors import InvalidInputError, brief
from adservice.issues.table import IssueTrigger
from adservice.kernel.base import EventSourced
from adservice.kernel.events import Event

__all__ = ["IssueTriggers", "text"]

_I = TypeVar("_I", bound="IssueTriggers")


def text(value: object, what: str) -> str:
    """``value`` if it is a str.

    Raises:
        InvalidInputError: naming ``what`` and the type it got.
    """
    if not isinstance(value, str):
        what = what if isinstance(what, str) else brief(what)
        raise InvalidInputError(
            f"{what} must be a string (got {brief(value)} of type {type(value).__name__})."
        )
    return value


class IssueTriggers(EventSourced):
    """The triggers of :class:`~adservice.issues.issue.ClientIssue` (its base; not used alone)."""

    __slots__ = ()

    def _do(
        self: _I,
        at: datetime,
        actor: str,
        kind: IssueTrigger,
        payload: dict[str, Any],
        *,
        evidence: str | None,
    ) -> _I:
        event = Event(at, actor, kind, payload, None if evidence is None else text(evidence, "evidence"))
        self.apply(event)
        return self

    def respond(
        self: _I,
        at: datetime,
        actor: str,
        *,
        note: str = "",
        evidence: str | None = None,
    ) -> _I:
        """Record a response to the client (the first one meets I1's deadline); the stage stays."""
        return self._do(at, actor, "respond", {"note": text(note, "note")}, evidence=evidence)

    def triage(
        self: _I,
        at: datetime,
        actor: str,
        *,
        category: str,
        department: str,
        notified: str,
        evidence: str | None = None,
    ) -> _I:
        """Class the issue and notify the responsible department (I2): received → triaged.

        Args:
            category: one of rule I2's categories (standard: :data:`CATEGORIES`).
            department: the responsible department.
            notified: who in that department was notified (its head).

        Raises:
            InvalidChoiceError: an unknown category.
            GateNotMet: no department, or nobody notified (I2).
        """
        payload = {
            "category": text(category, "category"),
            "department": text(department, "department"),
            "notified": text(notified, "notified"),
        }
        return self._do(at, actor, "triage", payload, evidence=evidence)

    def investigate(
        self: _I,
        at: datetime,
        actor: str,
        *,
        note: str = "",
        evidence: str | None = None,
    ) -> _I:
        """Open the investigation (I3): triaged → investigating."""
        return self._do(at, actor, "investigate", {"note": text(note, "note")}, evidence=evidence)

    def add_evidence(
        self: _I,
        at: datetime,
        actor: str,
        *,
        evidence: str | None = None,
        note: str = "",
    ) -> _I:
        """Record a piece of evidence by its document id (I3); the stage stays ``investigating``.

        Raises:
            GateNotMet: no document id (I3).
        """
        return self._do(at, actor, "add_evidence", {"note": text(note, "note")}, evidence=evidence)

    def resolve(
        self: _I,
        at: datetime,
        actor: str,
        *,
        solution: str = "",
        notice: str | None = None,
    ) -> _I:
        """Decide the solution and notify the client (I4): investigating → resolved.

        Args:
            solution: the solution, in words.
            notice: the id of the message that told the client (the event's evidence).

        Raises:
            GateNotMet: no evidence collected (I3), no solution or no notice (I4).
        """
        return self._do(
            at,
            actor,
            "resolve",
            {"solution": text(solution, "solution")},
            evidence=notice,
        )

    def dismiss(
        self: _I,
        at: datetime,
        actor: str,
        *,
        explanation: str = "",
        evidence: str | None = None,
    ) -> _I:
        """Close an unfounded complaint with the explanation given to the client (I8).

        Raises:
            GateNotMet: the issue is not a complaint, or no explanation (I8).
        """
        payload = {"explanation": text(explanation, "explanation")}
        return self._do(at, actor, "dismiss", payload, evidence=evidence)

    def follow_up(
        self: _I,
        at: datetime,
        actor: str,
        *,
        accepted: bool,
        note: str = "",
        evidence: str | None = None,
    ) -> _I:
        """Record a return visit and whether the client accepts the solution (I5): resolved → feedback."""
        if not isinstance(accepted, bool):
            raise InvalidInputError(f"accepted must be True or False (got {brief(accepted)}).")
        payload = {"accepted": accepted, "note": text(note, "note")}
        return self._do(at, actor, "follow_up", payload, evidence=evidence)

    def reopen(
        self: _I,
        at: datetime,
        actor: str,
        *,
        reason: str = "",
        evidence: str | None = None,
    ) -> _I:
        """The client is not satisfied: withdraw the solution and investigate again.

        feedback → investigating; the return-visit deadline (I5) restarts with the next solution.
        """
        return self._do(at, actor, "reopen", {"reason": text(reason, "reason")}, evidence=evidence)

    def sign_off(
        self: _I,
        at: datetime,
        actor: str,
        *,
        document: str | None = None,
        note: str = "",
    ) -> _I:
        """The client signs the accepted resolution (I6); the stage stays ``feedback``.

        Raises:
            SignOffError: ``actor`` is not the client's (``"client:name"``).
            GateNotMet: the client has not accepted the solution, or no signed document id (I6).
        """
        return self._do(at, actor, "sign_off", {"note": text(note, "note")}, evidence=document)

    def close(
        self: _I,
        at: datetime,
        actor: str,
        *,
        root_cause: str = "",
        improvement: str = "",
        prevention: str = "",
        evidence: str | None = None,
    ) -> _I:
        """Close with the summary (I7): feedback → closed.

        Raises:
            GateNotMet: listing every missing item — the client's acceptance (I5), a
                complaint's signature (I6), root cause, improvement, prevention (I7).
        """
        payload = {
            "root_cause": text(root_cause, "root_cause"),
            "improvement": text(improvement, "improvement"),
            "prevention": text(prevention, "prevention"),
        }
        return self._do(at, actor, "close", payload, evidence=evidence)

    # -- issue 11 §7 (workflows): the supervisor's approval (I10) and the promised date (I11) --

    def approve_solution(
        self: _I,
        at: datetime,
        actor: str,
        *,
        solution: str,
        role: str = "supervisor",
        evidence: str | None = None,
    ) -> _I:
        """The supervisor approves the solution before the client is told it (I10); the stage stays.

        Args:
            solution: the solution approved, word for word what :meth:`resolve` will tell.
            role: the approver's role, one of :data:`~adservice.issues.table.SUPERVISORS`.

        Raises:
            GateNotMet: not a supervisor, or no solution (I10).
        """
        payload = {"solution": text(solution, "solution"), "role": text(role, "role")}
        return self._do(at, actor, "approve_solution", payload, evidence=evidence)

    def promise(
        self: _I, at: datetime, actor: str, *, promised_date: date, evidence: str | None = None
    ) -> _I:
        """Tell the client by when a solution will come (I11); ``evidence`` is the message's id.

        It answers the client (the first response of I1, if none came before), and the solution
        is then due by ``promised_date`` at close of business (:meth:`deadlines`, rule I11).

        Raises:
            InvalidInputError: ``promised_date`` is not a date.
            ChronologyError: ``promised_date`` is before the day of the promise (``at``'s own date,
                in its zone); the same day or later is allowed (I11).
            GateNotMet: no message id (I11).
        """
        if not isinstance(promised_date, date) or isinstance(promised_date, datetime):
            raise InvalidInputError(f"promised_date must be a date (got {brief(promised_date)}).")
        payload = {"promised": promised_date.isoformat()}
        return self._do(at, actor, "promise", payload, evidence=evidence)

    @property
    def approved_solution(self) -> str | None:
        """The solution the supervisor approved (I10), while it stands (a reopen withdraws it)."""
        value: str | None = self._state.approved_solution  # type: ignore[attr-defined]
        return value

    @property
    def promised_date(self) -> date | None:
        """The day the client was told a solution would come by (I11)."""
        value: str | None = self._state.promised  # type: ignore[attr-defined]
        return None if value is None else date.fromisoformat(value)
