"""The engagement's methods for issue 11 §5–§7: TV production, estimates, meetings as records, routines.

Like every engagement method, each takes the instant it happened (aware), the actor
(``"client:Name"``, ``"agency:Name"``) and, where a document proves it, ``evidence``; it goes
through the kernel's one validation path, so a live call, ``apply``, ``replay`` and ``from_dict``
run the same checks, and a refused call changes nothing (ADR 0006).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from adservice.engagement._wf_handlers import with_step_approvals
from adservice.engagement._wf_rows import MEETING_FIELDS
from adservice.engagement.workflow_values import Estimate, MeetingRecord, Production, Routine
from adservice.errors import InvalidInputError, brief
from adservice.kernel.base import EventSourced
from adservice.kernel.events import aware_instant, freeze, instant_text

__all__ = ["WorkflowActions"]


def _texts(value: object, what: str) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidInputError(f"{what} must be a list of text (got {brief(value)}).")
    return list(value)


def _mapping(value: object, what: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{what} must be a mapping (got {brief(value)}).")
    return value


class WorkflowActions(EventSourced):
    """TV production (P1, P2, G9), estimates (E1, E2), meeting records (M1–M3, O10), routines (O14, O16)."""

    __slots__ = ()

    _wf: dict[str, dict[str, Any]] | None

    # -- the state these events fold into (one slot, replaced, never changed in place) --------

    def _wf_get(self, name: str) -> dict[str, Any]:
        wf = getattr(self, "_wf", None)
        return {} if wf is None else wf.get(name, {})

    def _wf_put(self, name: str, key: str, value: Any) -> None:
        wf = getattr(self, "_wf", None) or {}
        self._wf = {**wf, name: {**wf.get(name, {}), key: value}}  # type: ignore[misc]  # Engagement's slot

    @property
    def productions(self) -> dict[str, Production]:
        """Job number -> its TV production (approvals, PPMs, releases, shoot), for TV job orders.

        A step of a ``tvc_film`` chain the client approved as a production step (G5,
        ``approve_step``) counts as approved here too."""
        return {job: with_step_approvals(self, prod) for job, prod in self._wf_get("tvc").items()}

    @property
    def estimates(self) -> dict[str, Estimate]:
        """Job number -> its cost estimate in force (E1)."""
        return dict(self._wf_get("estimates"))

    @property
    def meeting_records(self) -> dict[str, MeetingRecord]:
        """Meeting ref -> the meeting as a record: notice (5W1H), preparation, minutes, confirmation."""
        return dict(self._wf_get("meetings"))

    @property
    def routines(self) -> dict[str, Routine]:
        """Routine -> what was agreed with the client (regular meetings O14, payment reconciliation O16)."""
        return dict(self._wf_get("routines"))

    def estimate_status(self, job: str) -> str:
        """Where job ``job``'s estimate stands: ``"none"``, ``"submitted"``, ``"approved"``, ``"signed"``."""
        est = self._wf_get("estimates").get(job) if isinstance(job, str) else None
        return "none" if est is None else est.status

    # -- §5 TV commercials --------------------------------------------------------------

    def hold_ppm(self, at: datetime, actor: str, *, job: str, final: bool = False, agreed: str = "") -> Any:
        """A pre-production meeting (PPM) on TV job order ``job``; ``final=True`` freezes script, cast
        and shooting plan (G9). Needs the client's approval of script and storyboard (P1)."""
        payload = ("job", job, "final", final, "agreed", agreed)
        return self._append(at, actor, "hold_ppm", payload, None)

    def change_production(
        self, at: datetime, actor: str, *, job: str, aspect: str, change: str, evidence: str | None = None
    ) -> Any:
        """Change the script, cast or shooting plan (``aspect``); refused after the final PPM (G9).
        A new script needs the client's approval again (P1)."""
        payload = ("job", job, "aspect", aspect, "change", change)
        return self._append(at, actor, "change_production", payload, evidence)

    def sign_release(self, at: datetime, actor: str, *, job: str, document: str, evidence: str) -> Any:
        """A signed ``"model_release"`` or ``"clearances"`` document for the shoot (G9)."""
        return self._append(at, actor, "sign_release", ("job", job, "document", document), evidence)

    def shoot(self, at: datetime, actor: str, *, job: str, evidence: str | None = None) -> Any:
        """The shoot: only after the final PPM (P2), the model release and the clearances (G9)."""
        return self._append(at, actor, "shoot", ("job", job), evidence)

    def approve_production(self, at: datetime, actor: str, *, job: str, step: str, evidence: str) -> Any:
        """The client approves a production step in writing: script, storyboard, offline, online (P1)."""
        return self._append(at, actor, "approve_production", ("job", job, "step", step), evidence)

    # -- §6 estimates ---------------------------------------------------------------------

    def submit_estimate(
        self,
        at: datetime,
        actor: str,
        *,
        job: str,
        estimate: str,
        amount: int,
        quantities: Mapping[str, Any],
        evidence: str | None = None,
    ) -> Any:
        """A cost estimate for job order ``job`` (E1), or a new one replacing it (approval and signature
        again). After media are booked, new quantities need the client's written change as ``evidence``
        (E2)."""
        payload = (
            "job",
            job,
            "estimate",
            estimate,
            "amount",
            amount,
            "quantities",
            freeze(dict(_mapping(quantities, "quantities"))),
        )
        return self._append(at, actor, "submit_estimate", payload, evidence)

    def approve_estimate(self, at: datetime, actor: str, *, job: str, role: str) -> Any:
        """The responsible manager approves the estimate (E1; ``role`` among E1's ``approvers``)."""
        return self._append(at, actor, "approve_estimate", ("job", job, "role", role), None)

    def sign_estimate(self, at: datetime, actor: str, *, job: str, evidence: str) -> Any:
        """The client signs the approved estimate (E1): the work order may then start the job's clock."""
        return self._append(at, actor, "sign_estimate", ("job", job), evidence)

    # -- §7 meetings as records -------------------------------------------------------------

    def schedule_meeting(
        self,
        at: datetime,
        actor: str,
        *,
        ref: str,
        what: str,
        why: str,
        who: str,
        where: str,
        when: datetime,
        how: str,
    ) -> Any:
        """Send the meeting notice with its 5W1H (M1); its O10 duties (agenda, reconfirmation) follow.

        Args:
            ref: the meeting's reference; what: its subject; why: what must be confirmed; who: who
                attends; where: the place; when: when it starts (aware); how: how it runs (agenda).
        """
        start = instant_text(aware_instant(when))
        values = {"what": what, "why": why, "who": who, "where": where, "when": start, "how": how}
        payload = ("ref", ref, *(x for k in MEETING_FIELDS for x in (k, values[k])))
        return self._append(at, actor, "schedule_meeting", payload, None)

    def send_agenda(self, at: datetime, actor: str, *, ref: str) -> Any:
        """The agenda of scheduled meeting ``ref`` went to the client (O10)."""
        return self._append(at, actor, "send_agenda", ("ref", ref), None)

    def reconfirm_meeting(self, at: datetime, actor: str, *, ref: str) -> Any:
        """The phone reconfirmation of scheduled meeting ``ref`` before departure (O10)."""
        return self._append(at, actor, "reconfirm_meeting", ("ref", ref), None)

    def meeting(
        self, at: datetime, actor: str, *, about: str, call: bool = False, ref: str | None = None
    ) -> Any:
        """A client meeting (or an important call) ended at ``at``: a report duty follows (O2/O3).

        With ``ref``, it is the scheduled meeting of that notice and carries its 5W1H.
        """
        if not isinstance(about, str) or not about.strip():
            raise InvalidInputError(f"about must be a non-empty string (got {brief(about)}).")
        payload: tuple[Any, ...] = ("about", about, "call", call)
        if ref is not None:
            payload = (*payload, "ref", ref)
        return self._append(at, actor, "meeting", payload, None)

    def record_minutes(
        self,
        at: datetime,
        actor: str,
        *,
        ref: str,
        decisions: Sequence[str],
        actions: Mapping[str, Mapping[str, str]],
        distribution: Sequence[str],
        evidence: str,
        report: str = "minutes",
    ) -> Any:
        """The meeting report (``report="minutes"``, O2) or contact report (``"contact_report"``, O3) of
        meeting ``ref``: decisions, ``actions`` as ``{what: {"owner": ..., "due": "YYYY-MM-DD"}}`` and the
        distribution list (M2)."""
        payload = (
            "ref",
            ref,
            "report",
            report,
            "decisions",
            freeze(_texts(decisions, "decisions")),
            "actions",
            freeze({k: dict(_mapping(v, "an action")) for k, v in _mapping(actions, "actions").items()}),
            "distribution",
            freeze(_texts(distribution, "distribution")),
        )
        return self._append(at, actor, "record_minutes", payload, evidence)

    def confirm_minutes(self, at: datetime, actor: str, *, ref: str, evidence: str) -> Any:
        """The client confirms the minutes of meeting ``ref`` (M3)."""
        return self._append(at, actor, "confirm_minutes", ("ref", ref), evidence)

    def agree_routine(self, at: datetime, actor: str, *, routine: str, cadence: str, first: datetime) -> Any:
        """Agree a routine with the client: ``"client_meetings"`` (O14) or ``"payment_reconciliation"``
        (O16), ``"weekly"``, ``"fortnightly"`` or ``"monthly"``, from the ``first`` occurrence on."""
        payload = ("routine", routine, "cadence", cadence, "first", instant_text(aware_instant(first)))
        return self._append(at, actor, "agree_routine", payload, None)
