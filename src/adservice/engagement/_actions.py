"""The engagement's methods: one per event kind, each building its payload and appending it.

Every method takes the instant it happened (aware), the actor (``"client:Name"`` or
``"agency:Name"``) and, where a document proves it, ``evidence`` (the document's id). It
goes through the kernel's one validation path (:meth:`EventSourced._append`): a refused
call raises and changes nothing; an accepted one changes the engagement in place and
returns it (ADR 0006).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from adservice._frozen import FrozenDict
from adservice._json import exact_text
from adservice.engagement._facts import disabled, ordered_jobs
from adservice.engagement._steps import step_waits
from adservice.engagement.table import DELIVERABLES, LEAD_ROLES, PLAIN_DOCUMENTS, ROLES
from adservice.engagement.values import JobOrder, StepStatus
from adservice.errors import GateNotMet, InvalidChoiceError, InvalidInputError, UnknownItemError, brief
from adservice.kernel.base import EventSourced
from adservice.kernel.events import aware_instant, flatten, freeze, instant_text, thaw

__all__ = ["EngagementActions", "text_value"]


def text_value(value: object, what: str) -> str:
    """``value`` if it is non-blank text, else an error naming ``what`` and the value."""
    if not isinstance(value, str) or not value.strip() or not exact_text(value):
        raise InvalidInputError(
            f"{what} must be a non-empty string JSON can carry (no lone surrogate) (got {brief(value)})."
        )
    return value


#: Day -> its ISO text, one string per day (a portfolio's placements share their days); bounded.
_ISO: dict[date, str] = {}


def _iso(value: object) -> str:
    if value.__class__ is date:
        text = _ISO.get(value)
        if text is not None:
            return text
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInputError(f"expected a date (got {brief(value)}).")
    text = value.isoformat()
    if value.__class__ is date:
        if len(_ISO) >= 4096:
            _ISO.clear()
        _ISO[value] = text
    return text


#: The payloads of records and sign-offs: one tuple per document and deliverable (a vocabulary).
_DOCUMENT = {doc: ("document", doc) for doc in PLAIN_DOCUMENTS}
_DELIVERABLE = {d: ("deliverable", d) for d in DELIVERABLES}


class EngagementActions(EventSourced):
    """The engagement's triggers and records (mixed into :class:`~adservice.engagement.Engagement`)."""

    __slots__ = ()

    _jobs: tuple[tuple[Any, ...], ...]
    # Facts that are events keep the event's offset in the flat log (ADR 0005): log[o] is its
    # instant, log[o + 2] its kind, log[o + 3] its payload, log[o + 4] its evidence.
    _steps: tuple[int, ...]
    _work_orders: tuple[int, ...]
    _rushes: tuple[int, ...]

    _id: str
    _client: str
    _job_format: Any
    _held_from: Any
    _revision_rounds: int
    _team: Mapping[str, str]
    _fee_list_for: date | None
    _reported: int

    # -- state: read-only, the log is the only way to change it --------------------------

    @property
    def id(self) -> str:
        """The engagement's id, e.g. the client code (read-only)."""
        return self._id

    @property
    def client(self) -> str:
        """The client's name (read-only)."""
        return self._client

    @property
    def job_format(self) -> Any:
        """How job numbers are written (a :class:`~adservice.numbering.jobs.JobNumberFormat`), or
        ``None`` for any printable text; checked on every path (read-only)."""
        return self._job_format

    @property
    def held_from(self) -> Any:
        """The stage the engagement left when put on hold, or ``None`` (read-only)."""
        return self._held_from

    @property
    def revision_rounds(self) -> int:
        """How many times the client sent the work back for revision (read-only)."""
        return self._revision_rounds

    @property
    def team(self) -> Mapping[str, str]:
        """The project team, role -> person (G7), as a read-only mapping.

        >>> from adservice.demo import demo_engagement
        >>> team = demo_engagement().team
        >>> sorted(team)[:2]
        ['ae', 'art_director']
        """
        return FrozenDict(self._team)  # a copy: the engagement keeps a plain dict (the gc untracks it)

    @property
    def fee_list_for(self) -> date | None:
        """The first placement day the media fee list is due before (O7), once media is booked."""
        return self._fee_list_for

    @property
    def reported(self) -> int:
        """The execution reports in (O5): bit ``i`` set when round ``i + 1``'s report is (read-only)."""
        return self._reported

    # -- helpers the handlers share ---------------------------------------------------

    def _job(self, number: object) -> JobOrder:
        for job in self._jobs:
            if job[0] == number:
                return JobOrder(*job)
        known = ", ".join(j[0] for j in self._jobs) or "none yet"
        raise UnknownItemError(f"unknown job order {brief(number)}; job orders: {known}.")

    def _work_order_for(self, job: str, trigger: str = "request_rush") -> datetime | None:
        """When the client's written work order of ``job`` came (G3); ``None`` when there is none
        and the rulebook disables G3. An unknown job is refused first, naming the job orders."""
        log = self._log
        for o in self._work_orders:
            if job in ordered_jobs(log[o + 3][1]):
                return log[o]  # type: ignore[no-any-return]
        self._job(job)
        if "G3" in disabled(self._rulebook):
            return None
        msg = f"job order {brief(job)} has no written work order yet (G3); receive_work_order first"
        raise GateNotMet(str(self.stage), trigger, [("G3", msg)])

    # -- production steps and revision job orders (issue 11) -----------------------------

    @property
    def _step_waits(self) -> tuple[tuple[Any, ...], ...]:
        """``(start, end, reason, job)``: one job waits on the client (derived from the step events)."""
        return step_waits(self)

    def production_steps(self) -> dict[str, tuple[StepStatus, ...]]:
        """Job number -> each production step's status (G5): who it waits on, its revisions.

        Only jobs whose item is a chain of steps (``print_single``) are listed; the last step
        is delivered (:meth:`deliver`) rather than approved on its own.
        """
        from adservice.engagement.views import production_steps_of  # noqa: PLC0415 - when asked

        return production_steps_of(self)

    def waiting_step(self, job: str) -> str | None:
        """The production step of ``job`` that is with the client for approval, if any (G5).

        Raises:
            InvalidInputError: ``job`` is not text.
        """
        if not isinstance(job, str):
            raise InvalidInputError(f"job must be a job number (got {brief(job)}).")
        for step in self.production_steps().get(job, ()):
            if step.waiting_on == "client":
                return step.step
        return None

    def next_step(self, job: str) -> str | None:
        """The production step of ``job`` the agency hands to the client next (G5), if any: the first
        not approved, while none is with the client; ``None`` once all before the last are approved.

        Raises:
            InvalidInputError: ``job`` is not text.
        """
        if not isinstance(job, str):
            raise InvalidInputError(f"job must be a job number (got {brief(job)}).")
        steps = self.production_steps().get(job, ())
        if any(s.waiting_on == "client" for s in steps):
            return None
        return next((s.step for s in steps[:-1] if s.state != "approved"), None)

    # -- triggers (stage changes) ------------------------------------------------

    def start_pitch(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """intent → pitch: needs the invitation to bid and a project team (G8, G7)."""
        return self._append(at, actor, "start_pitch", (), evidence)

    def win(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """pitch → contract: the pitch is won; needs an approved, submitted quote (G6)."""
        return self._append(at, actor, "win", (), evidence)

    def lose(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """pitch → lost."""
        return self._append(at, actor, "lose", (), evidence)

    def start_brief(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """contract → brief: needs the signed contract, the team and the project plan (G3, G7)."""
        return self._append(at, actor, "start_brief", (), evidence)

    def start_creative(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """brief → creative: agreed strategy (G1), complete job orders (G2), the written work order (G3)."""
        return self._append(at, actor, "start_creative", (), evidence)

    def submit_for_approval(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """creative → approval: internal review passed; the agency now waits on the client."""
        return self._append(at, actor, "submit_for_approval", (), evidence)

    def request_revision(
        self,
        at: datetime,
        actor: str,
        *,
        changes: str,
        jobs: Sequence[str] | None = None,
        evidence: str | None = None,
    ) -> Any:
        """approval → creative: the client's revisions go back through the creative team (G5, G8).

        The client asks in writing (``evidence``: the request's document id, L12). Each job order
        in ``jobs`` (default: every job order under a written work order) gets a revision job order
        (L11): its number is the original's plus the revision count, its turnaround L11's
        ``working_days`` (default the job's own duration), and it has its own clock. The work goes
        back to the client (:meth:`submit_for_approval`) only once every revision is delivered.

        Raises:
            InvalidInputError: ``jobs`` is not a list of job numbers; and whatever the log refuses.
        """
        if jobs is None:
            log = self._log
            jobs = list(dict.fromkeys(j for o in self._work_orders for j in thaw(log[o + 3][1])))
        elif isinstance(jobs, (str, bytes)) or not isinstance(jobs, Sequence):
            raise InvalidInputError(f"jobs must be a list of job numbers (got {brief(jobs)}).")
        payload = ("changes", text_value(changes, "changes"), "jobs", freeze(list(jobs)))
        return self._append(at, actor, "request_revision", payload, evidence)

    def start_media_booking(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """approval → media_booking: every deliverable signed by the client in writing (G3)."""
        return self._append(at, actor, "start_media_booking", (), evidence)

    def start_post_analysis(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """media_booking → post_analysis: confirmed (G4), booked, prepaid (G10), fee list (O7), placed."""
        return self._append(at, actor, "start_post_analysis", (), evidence)

    def close(self, at: datetime, actor: str, *, evidence: str | None = None) -> Any:
        """post_analysis → closed: an execution report per round (O5) and the post-campaign analysis."""
        return self._append(at, actor, "close", (), evidence)

    def cancel(self, at: datetime, actor: str, *, reason: str, evidence: str | None = None) -> Any:
        """Any open stage → cancelled."""
        return self._append(at, actor, "cancel", ("reason", text_value(reason, "reason")), evidence)

    def hold(self, at: datetime, actor: str, *, reason: str = "client away") -> Any:
        """Put on hold (waiting on the client): every clock pauses until :meth:`resume`."""
        return self._append(at, actor, "hold", ("reason", text_value(reason, "reason")), None)

    def resume(self, at: datetime, actor: str) -> Any:
        """Return from on_hold to the stage the engagement left."""
        return self._append(at, actor, "resume", (), None)

    # -- records (no stage change) -----------------------------------------------

    def receive_invitation(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)."""
        return self._append(at, actor, "receive_invitation", (), text_value(evidence, "evidence"))

    def record(self, at: datetime, actor: str, document: str, *, evidence: str | None = None) -> Any:
        """Record a stage document.

        ``document`` is one of ``question_list``, ``meeting_minutes``, ``internal_briefing``,
        ``project_plan``, ``work_briefing``, ``internal_review``, ``monitoring``,
        ``post_campaign_analysis``.
        """
        if not isinstance(document, str) or document not in PLAIN_DOCUMENTS:
            raise InvalidChoiceError("document", document, sorted(PLAIN_DOCUMENTS))
        return self._append(at, actor, "record", _DOCUMENT[document], evidence)

    def assign(self, at: datetime, actor: str, *, role: str, person: str) -> Any:
        """Put a person on the project team in a role (G7)."""
        if role not in (*ROLES, *LEAD_ROLES):
            raise InvalidChoiceError("role", role, (*ROLES, *LEAD_ROLES))
        return self._append(at, actor, "assign", ("role", role, "person", text_value(person, "person")), None)

    def assign_team(self, at: datetime, actor: str, *, team: Mapping[str, str]) -> Any:
        """Form (or re-form) the project team at once: ``{role: person}`` (G7)."""
        if not isinstance(team, Mapping):
            raise InvalidInputError(f"team must be a mapping of role to person (got {brief(team)}).")
        # The payload is the team itself, role -> person (the handler checks both).
        return self._append(at, actor, "assign_team", flatten(team), None)

    def approve_quote(self, at: datetime, actor: str, *, quote: str, role: str) -> Any:
        """The department manager approves a quote before it goes out (G6)."""
        return self._append(
            at, actor, "approve_quote", ("quote", text_value(quote, "quote"), "role", role), None
        )

    def submit_quote(self, at: datetime, actor: str, *, quote: str) -> Any:
        """Send an approved quote to the client (G6)."""
        return self._append(at, actor, "submit_quote", ("quote", text_value(quote, "quote")), None)

    def sign_contract(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client signs the contract (签订合同)."""
        return self._append(at, actor, "sign_contract", (), text_value(evidence, "evidence"))

    def receive_briefing(self, at: datetime, actor: str, *, contents: Mapping[str, str]) -> Any:
        """The client's marketing briefing: company, product, channels, targets, goals, budget."""
        if not isinstance(contents, Mapping):
            raise InvalidInputError(
                f"contents must be a mapping of briefing topic to text (got {brief(contents)})."
            )
        return self._append(at, actor, "receive_briefing", ("contents", freeze(contents)), None)

    def agree_strategy(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client agrees the strategy in writing (G1)."""
        return self._append(at, actor, "agree_strategy", (), text_value(evidence, "evidence"))

    def add_job_order(
        self, at: datetime, actor: str, *, number: str, item: str, description: str, creative_brief: str
    ) -> Any:
        """Open a job order (job requisition with work description and creative brief, G2)."""
        payload = (
            "number",
            number,
            "item",
            item,
            "description",
            description,
            "creative_brief",
            creative_brief,
        )
        return self._append(at, actor, "add_job_order", payload, None)

    def receive_work_order(self, at: datetime, actor: str, *, jobs: Sequence[str], evidence: str) -> Any:
        """The client's written work order (书面工作布署单) for some job orders: their clocks start.

        Raises:
            InvalidInputError: ``jobs`` is not a sequence of job numbers; and whatever the log refuses.
        """
        if isinstance(jobs, (str, bytes)) or not isinstance(jobs, Sequence):
            raise InvalidInputError(f"jobs must be a list of job numbers (got {brief(jobs)}).")
        return self._append(
            at, actor, "receive_work_order", ("jobs", freeze(list(jobs))), text_value(evidence, "evidence")
        )

    def sign_off(self, at: datetime, actor: str, *, deliverable: str, evidence: str) -> Any:
        """The client signs a deliverable in writing (G3). An agency member cannot sign for the client."""
        if deliverable not in DELIVERABLES:
            raise InvalidChoiceError("deliverable", deliverable, DELIVERABLES)
        return self._append(
            at, actor, "sign_off", _DELIVERABLE[deliverable], text_value(evidence, "evidence")
        )

    def request_rush(
        self,
        at: datetime,
        actor: str,
        *,
        job: str,
        requested_due_date: date,
        history: Sequence[datetime] = (),
    ) -> Any:
        """The client asks for a job earlier than standard, assessed under T8 (:meth:`rush_assessments`).

        ``history`` holds the instants of the client's rush requests on other engagements; it is
        logged with the request. The assessment is not logged: it is computed from the log on
        every replay, so a log cannot carry a forged one. ``requested_due_date`` is the day the
        client asks for (logged as the event's ``requested_due``).

        Raises:
            InvalidInputError: ``requested_due_date`` is not a date, ``history`` not a sequence of
                aware datetimes; and whatever the log refuses (:meth:`apply`).
        """
        requested_due = requested_due_date
        if not isinstance(requested_due, date) or isinstance(requested_due, datetime):
            raise InvalidInputError(f"requested_due_date must be a date (got {brief(requested_due)}).")
        if isinstance(history, (str, bytes)) or not isinstance(history, Iterable):
            raise InvalidInputError(f"history must be a sequence of aware datetimes (got {brief(history)}).")
        past = [instant_text(aware_instant(h)) for h in history]
        payload = ("job", job, "requested_due", requested_due.isoformat(), "history", freeze(past))
        return self._append(at, actor, "request_rush", payload, None)

    def decide_rush(self, at: datetime, actor: str, *, job: str, accept: bool, note: str = "") -> Any:
        """The agency's decision on the job's last rush request.

        Raises:
            DurationOutOfRangeError: ``accept=True`` for a request T8 finds infeasible: a job is never
                compressed below its hard floor (H3); decline it instead.
        """
        return self._append(at, actor, "decide_rush", ("job", job, "accept", accept, "note", note), None)

    def deliver(self, at: datetime, actor: str, *, job: str, evidence: str | None = None) -> Any:
        """The agency delivers a job order's work: its clock stops."""
        return self._append(at, actor, "deliver", ("job", job), evidence)

    def meeting(self, at: datetime, actor: str, *, about: str, call: bool = False) -> Any:
        """A client meeting (or an important call) ended at ``at``: a report duty is created (O2/O3)."""
        return self._append(at, actor, "meeting", ("about", text_value(about, "about"), "call", call), None)

    def confirm_schedule(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client's written confirmation of the media schedule (G4)."""
        return self._append(at, actor, "confirm_schedule", (), text_value(evidence, "evidence"))

    def book_media(self, at: datetime, actor: str, *, placement: date, evidence: str | None = None) -> Any:
        """Book media for a first placement date (G4: only after the client's confirmation)."""
        return self._append(at, actor, "book_media", ("placement", _iso(placement)), evidence)

    def receive_prepayment(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client's media prepayment (G10)."""
        return self._append(at, actor, "receive_prepayment", (), text_value(evidence, "evidence"))

    def approve_fee_list(self, at: datetime, actor: str, *, evidence: str) -> Any:
        """The client approves the media and creative fee list (O7: 6 days before placement)."""
        return self._append(at, actor, "approve_fee_list", (), text_value(evidence, "evidence"))

    def place(self, at: datetime, actor: str, *, start: date, end: date) -> Any:
        """A placement round ran from ``start`` to ``end``: an execution report is due 72 h after (O5)."""
        return self._append(at, actor, "place", ("start", _iso(start), "end", _iso(end)), None)

    def submit_step(self, at: datetime, actor: str, *, job: str, step: str) -> Any:
        """Hand a production step of ``job`` to the client for approval (G5): its clock pauses.

        Only the next step of the job's chain (``print_single``: creative_concept, copy_and_layout,
        final_art, colour_proof; the last, film, is delivered) goes to the client, after the
        client approved the one before and every revision of the job is delivered (L11).
        """
        return self._append(at, actor, "submit_step", ("job", job, "step", step), None)

    def approve_step(self, at: datetime, actor: str, *, job: str, step: str, evidence: str) -> Any:
        """The client approves the step with it in writing (G5): the job's clock resumes."""
        payload = ("job", job, "step", step)
        steps = self._steps  # the answer names what was last submitted: keep one tuple of it
        last = self._log[steps[-1] + 3] if steps else None
        if last == payload and all(x.__class__ is str for x in payload):
            payload = last
        return self._append(at, actor, "approve_step", payload, text_value(evidence, "evidence"))

    def refuse_step(
        self, at: datetime, actor: str, *, job: str, step: str, changes: str, evidence: str
    ) -> Any:
        """The client sends the step back in writing (L12): the job's clock resumes and a revision job
        order opens with its own deadline (L11); the step goes back once the revision is delivered."""
        payload = ("job", job, "step", step, "changes", text_value(changes, "changes"))
        return self._append(at, actor, "refuse_step", payload, text_value(evidence, "evidence"))

    def report_execution(self, at: datetime, actor: str, *, round: int) -> Any:
        """The execution report of placement round ``round`` (1-based) is delivered (O5)."""
        return self._append(at, actor, "report_execution", ("round", round), None)
