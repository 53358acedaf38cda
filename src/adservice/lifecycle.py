"""The engagement: stages, sign-off gates and the append-only event log it is the fold of.

    >>> from datetime import datetime, timedelta, timezone
    >>> t = datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=8)))
    >>> e = Engagement("E-1", "Huaxia Real Estate")
    >>> e.start_pitch(t, "agency:Chen")
    Traceback (most recent call last):
    ...
    adservice.errors.GateNotMet: cannot 'start_pitch' from stage 'intent': G8: the client's invitation \
to bid and quote confirmation letter (邀请竞标及报价确认函); G7: a project team with an AE, a strategist, \
a copywriter, an art director and a lead.
    >>> e.stage
    <Stage.INTENT: 'intent'>

Every trigger and record method takes the instant it happened (aware), the
actor (``"client:Name"`` or ``"agency:Name"``) and, where a document proves it,
``evidence`` (the document's id). A refused call raises and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from adservice._machine import NEXT, TRIGGERS, Stage, allowed_triggers
from adservice.calendar import WorkCalendar, default_calendar
from adservice.errors import (
    AdServiceError,
    ChronologyError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    NaiveDatetimeError,
    SchemaError,
    SignOffError,
    TransitionNotAllowed,
    UnknownItemError,
)
from adservice.events import Event, Payload
from adservice.html import engagement_html
from adservice.rulebook import Rulebook

if TYPE_CHECKING:
    from adservice.clocks import Clock
    from adservice.planning import Plan

__all__ = [
    "DELIVERABLES",
    "FORWARD",
    "ROLES",
    "Duty",
    "Engagement",
    "JobOrder",
    "Requirement",
    "Wait",
    "as_portfolio",
]

SCHEMA_VERSION = 1
#: Project-team roles (G7); one lead role is required besides the four members.
ROLES = ("ae", "strategist", "copywriter", "art_director")
LEAD_ROLES = ("project_director", "senior_strategist", "senior_ae")
#: Deliverables the client signs in writing before media booking (G3).
DELIVERABLES = ("media_plan", "creative", "quote")
_BRIEFING_CONTENTS = ("company", "product", "channels", "targets", "competitors", "goals", "budget")
_PARTIES = ("client", "agency", "media")
_STANDARD_BOOK = Rulebook.standard()


@attrs.frozen
class JobOrder:
    """A job order (工作单): one piece of work with its number, item and brief (G2).

    ``revision`` counts revision job orders (后续修改工作单); they keep the original number.
    """

    number: str
    item: str
    description: str
    creative_brief: str
    revision: int = 0

    @property
    def complete(self) -> bool:
        """A complete work description and a clear creative brief (G2)."""
        return bool(self.description.strip()) and bool(self.creative_brief.strip())


@attrs.frozen
class Duty:
    """A dated duty the lifecycle created (a meeting report, an execution report, a fee list)."""

    rule_id: str
    what: str
    due: datetime
    because: Event
    provisional: bool = False

    def describe(self) -> str:
        """One line: what is due when, under which rule, because of what."""
        flag = " [provisional]" if self.provisional else ""
        cause = f"{self.because.kind} at {self.because.at:%m-%d %H:%M}"
        return f"{self.rule_id} {self.what} due {self.due:%a %Y-%m-%d %H:%M}{flag} ({cause})"


@attrs.frozen
class Requirement:
    """One requirement of a stage change: its rule, what it asks, who must act, whether it is met."""

    rule_id: str
    description: str
    owner: str  # "client" or "agency": whose move it is
    met: bool


@attrs.frozen
class Wait:
    """An interval the engagement waited on the client (``end`` is None while still waiting)."""

    start: datetime
    end: datetime | None
    reason: str
    kind: str = "sign_off"  # "sign_off": the client reviews the work; "hold": the engagement is on hold


_SEEN_PARTIES: dict[str, str] = {}


def _party(actor: object) -> str:
    """``"client"`` for ``"client:Wang"``; remembers a bounded number of actors it has checked."""
    if not isinstance(actor, str) or ":" not in actor:
        msg = f"actor must be 'party:name' with party one of {', '.join(_PARTIES)} (got {actor!r})."
        raise InvalidInputError(msg)
    party = actor.partition(":")[0]
    if party not in _PARTIES:
        raise InvalidChoiceError("an actor's party", party, _PARTIES)
    if len(_SEEN_PARTIES) < 4096:
        _SEEN_PARTIES[actor] = party
    return party


def _out_of_order(last: Event, event: Event) -> None:
    msg = (
        f"event {event.kind!r} at {event.at.isoformat()} is dated before the previous event "
        f"{last.kind!r} at {last.at.isoformat()}; events must be appended in time order."
    )
    raise ChronologyError(msg)


_DISABLED: dict[int, tuple[Rulebook, frozenset[str]]] = {}


def _disabled(book: Rulebook) -> frozenset[str]:
    """Ids of the rules ``book`` disables (cached per rulebook object)."""
    hit = _DISABLED.get(id(book))
    if hit is None or hit[0] is not book:
        hit = (book, frozenset(r.id for r in book.rules.values() if not r.enabled))
        if len(_DISABLED) > 64:
            _DISABLED.clear()
        _DISABLED[id(book)] = hit
    return hit[1]


def _check_instant(at: object) -> None:
    if not isinstance(at, datetime):
        raise InvalidInputError(f"at must be an aware datetime (got {at!r}).")
    if at.tzinfo is None or at.utcoffset() is None:
        msg = f"at {at.isoformat()} has no time zone; engagement events need aware instants."
        raise NaiveDatetimeError(msg)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string (got {value!r}).")
    return value


_EMPTY: Mapping[str, Any] = {}


class Engagement:
    """One client engagement: its stage, what each stage holds, its log, its duties and clocks.

    Args:
        id: the engagement's id (e.g. the client code).
        client: the client's name.
        calendar: the agency's working calendar (default CN).
        rulebook: the agency's rulebook (default :meth:`Rulebook.standard`).

    The engagement is mutable in one way only: methods append an event to its
    log after every check passed. :meth:`replay` and :meth:`from_dict` rebuild
    an equal engagement from the log.
    """

    __slots__ = (
        "_docs",
        "_events",
        "_jobs",
        "_quotes",
        "_signoffs",
        "calendar",
        "client",
        "delivered",
        "duties",
        "fee_list_for",
        "held_from",
        "id",
        "placements",
        "reported",
        "revision_rounds",
        "rulebook",
        "rushes",
        "stage",
        "team",
        "waits",
        "work_orders",
    )

    def __init__(
        self,
        id: str,
        client: str,
        *,
        calendar: WorkCalendar | None = None,
        rulebook: Rulebook | None = None,
    ) -> None:
        self.id = _text(id, "an engagement's id")
        self.client = _text(client, "the client's name")
        self.calendar = calendar if calendar is not None else default_calendar()
        self.rulebook = rulebook if rulebook is not None else _STANDARD_BOOK
        self.stage = Stage.INTENT
        self.held_from: Stage | None = None
        self.revision_rounds = 0
        self._events: list[Event] = []
        # State is kept small: a bitmask of recorded documents, and tuples of the events
        # themselves where a list of facts is needed (one engagement ~ a few KB with its log).
        self._docs = 0
        self.team: Mapping[str, str] = _EMPTY
        self._quotes: tuple[Event, ...] = ()
        self._jobs: tuple[JobOrder, ...] = ()
        self.work_orders: tuple[Event, ...] = ()
        self._signoffs: tuple[Event, ...] = ()
        self.fee_list_for: date | None = None
        self.placements: tuple[Event, ...] = ()
        self.reported = 0  # bit i set: the execution report of round i + 1 is in
        self.delivered: tuple[Event, ...] = ()
        self.waits: tuple[Wait, ...] = ()
        self.rushes: tuple[Event, ...] = ()
        self.duties: tuple[Duty, ...] = ()

    # -- values ----------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """The log, oldest first."""
        return tuple(self._events)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Engagement):
            return NotImplemented
        return (
            self.id == other.id
            and self.client == other.client
            and self.calendar == other.calendar
            and self.rulebook == other.rulebook
            and self._events == other._events
            and self.stage is other.stage
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        stage, n = self.stage.value, len(self._events)
        return f"Engagement({self.id!r}, client={self.client!r}, stage={stage}, events={n})"

    def _repr_html_(self) -> str:
        return engagement_html(self)

    # -- questions -------------------------------------------------------------

    def allowed_triggers(self) -> tuple[str, ...]:
        """The triggers the lifecycle table allows in the current stage."""
        return allowed_triggers(self.stage)

    @property
    def job_orders(self) -> dict[str, JobOrder]:
        """Job number -> its job order (a revision replaces the original, keeping the number)."""
        return {job.number: job for job in self._jobs}

    @property
    def quotes(self) -> dict[str, str]:
        """Quote id -> ``"approved"`` or ``"submitted"`` (G6)."""
        return {
            q.payload["quote"]: "approved" if q.kind == "approve_quote" else "submitted" for q in self._quotes
        }

    @property
    def signoffs(self) -> dict[str, Event]:
        """Deliverable -> the client's written sign-off event in force (G3)."""
        return {event.payload["deliverable"]: event for event in self._signoffs}

    def has(self, document: str) -> bool:
        """Whether ``document`` (e.g. ``"contract"``, ``"prepayment"``) has been recorded."""
        return bool(self._docs & _DOC_BITS.get(document, 0))

    @property
    def documents(self) -> tuple[str, ...]:
        """Every document recorded so far, in lifecycle order."""
        return tuple(d for d, bit in _DOC_BITS.items() if self._docs & bit)

    def placement_rounds(self) -> tuple[tuple[date, date], ...]:
        """Each placement round's first and last day."""
        return tuple(
            (date.fromisoformat(p.payload["start"]), date.fromisoformat(p.payload["end"]))
            for p in self.placements
        )

    def _mark(self, document: str) -> None:
        self._docs |= _DOC_BITS[document]

    def _unmark(self, document: str) -> None:
        self._docs &= ~_DOC_BITS[document]

    def allowed_actions(self) -> tuple[str, ...]:
        """Triggers and records allowed in the current stage (records as their event kinds)."""
        records = [k for k, stages in _RECORD_STAGES.items() if self.stage in stages]
        documents = [f"document:{d}" for d, stages in _PLAIN_DOCUMENTS.items() if self.stage in stages]
        return (*self.allowed_triggers(), *records, *documents)

    def requirements(self, trigger: str | None = None) -> tuple[Requirement, ...]:
        """Every requirement of ``trigger`` (default: the stage's forward move, :data:`FORWARD`), met or not.

        Rules the rulebook disables are left out. An engagement on hold or in a final
        stage has no forward move and no requirements.
        """
        trigger = trigger if trigger is not None else FORWARD.get(self.stage)
        rows = NEXT.get((self.stage, trigger)) if trigger else None
        if not rows:
            return ()
        disabled = _disabled(self.rulebook)
        out = []
        for key in rows[0].requires:
            rule_id, description, check = _GATES[key]
            if rule_id in disabled:
                continue
            text = description(self) if callable(description) else description
            out.append(Requirement(rule_id, text, "client" if key in _CLIENT_ACTS else "agency", check(self)))
        return tuple(out)

    def missing(self, trigger: str) -> tuple[tuple[str, str], ...]:
        """Every unmet requirement of ``trigger`` from the current stage, as ``(rule_id, description)``.

        Rules the rulebook disables (``Rulebook.without``) are not checked.
        """
        rows = NEXT.get((self.stage, trigger))
        if not rows:
            return ()
        disabled = _disabled(self.rulebook)
        out = []
        for key in rows[0].requires:
            rule_id, description, check = _GATES[key]
            if not check(self) and rule_id not in disabled:
                out.append((rule_id, description(self) if callable(description) else description))
        return tuple(out)

    def plans(self) -> dict[str, Plan]:
        """The turnaround plan of every job order under a written work order, by job number.

        A rush the agency accepted replaces the standard commitment with the requested due date.
        """
        from adservice.planning import plan  # noqa: PLC0415 - planning is needed only when asked

        out: dict[str, Plan] = {}
        for order in self.work_orders:
            for job in order.payload["jobs"]:
                item = self.job_orders[job].item
                out[job] = plan(item, order.at, calendar=self.calendar, rulebook=self.rulebook)
        return out

    def clocks(self) -> dict[str, Clock]:
        """A clock per job order: started by the work order, paused while the engagement waits on the
        client (approval rounds, on hold), stopped by delivery. Computed from the log on demand."""
        from adservice.clocks import Clock  # noqa: PLC0415

        out: dict[str, Clock] = {}
        rushed = self.accepted_rushes()
        for job, p in self.plans().items():
            if job in rushed:
                clock = Clock.start(
                    job,
                    p.received_at,
                    due=self.calendar.close_of_business(rushed[job]),
                    calendar=self.calendar,
                    rule_id="T8",
                )
            else:
                clock = attrs.evolve(Clock.for_plan(p), key=job)
            delivered = next((d.at for d in self.delivered if d.payload["job"] == job), None)
            for start, end, reason in self.waiting():
                if (end is not None and end <= clock.started_at) or (delivered and start >= delivered):
                    continue
                clock = clock.pause(max(start, clock.started_at), reason)
                back = end if end is not None and (delivered is None or end < delivered) else delivered
                if back is not None:
                    clock = clock.resume(back)
            if delivered is not None:
                clock = clock.stop(delivered)
            out[job] = clock
        return out

    def waiting(self) -> tuple[tuple[datetime, datetime | None, str], ...]:
        """Intervals the engagement waited on the client, overlapping waits merged, oldest first."""
        merged: list[list[Any]] = []
        for wait in sorted(self.waits, key=lambda w: w.start):
            if merged and (merged[-1][1] is None or wait.start <= merged[-1][1]):
                last = merged[-1]
                if last[1] is not None and (wait.end is None or wait.end > last[1]):
                    last[1] = wait.end
                last[2] = f"{last[2]}; {wait.reason}"
            else:
                merged.append([wait.start, wait.end, wait.reason])
        return tuple((a, b, r) for a, b, r in merged)

    def accepted_rushes(self) -> dict[str, date]:
        """Job number -> the requested due date of a rush the agency accepted."""
        out: dict[str, date] = {}
        requested: dict[str, str] = {}
        for r in self.rushes:
            job = r.payload["job"]
            if r.kind == "rush_request":
                requested[job] = r.payload["requested_due"]
            elif r.payload["accept"]:
                out[job] = date.fromisoformat(requested[job])
        return out

    def deliverables_due(self) -> tuple[str, ...]:
        """Deliverables the client must sign before media booking (G3)."""
        return DELIVERABLES

    # -- the one way in --------------------------------------------------------

    def _record(self, event: Event, party: str) -> Engagement:
        handler = _HANDLERS.get(event.kind)
        if handler is None:
            raise InvalidChoiceError("an event kind", event.kind, sorted(_HANDLERS))
        events = self._events
        if events and event[0] < events[-1][0]:
            _out_of_order(events[-1], event)
        handler(self, event, party)  # checks first, then changes state; raises before any change
        events.append(event)
        return self

    def apply(self, event: Event) -> Engagement:
        """Append an already-built event (what :meth:`replay` does for each one)."""
        if not isinstance(event, Event):
            raise InvalidInputError(f"apply needs an Event (got {event!r}).")
        return self._record(event, _party(event.actor))

    def _event(
        self,
        at: datetime,
        actor: str,
        kind: str,
        payload: Mapping[str, Any] = _EMPTY,
        evidence: str | None = None,
    ) -> Engagement:
        # The hot path of every method: the same checks as _record, inlined.
        if at.__class__ is not datetime or at.tzinfo is None:
            _check_instant(at)
        party = _SEEN_PARTIES.get(actor) or _party(actor)
        if evidence is not None and evidence.__class__ is not str:
            raise InvalidInputError(f"evidence must be a document id string or None (got {evidence!r}).")
        events = self._events
        if events and at < events[-1][0]:
            _out_of_order(events[-1], Event._trusted(at, actor, kind, payload, evidence))
        event = Event._trusted(at, actor, kind, payload, evidence)
        _HANDLERS[kind](self, event, party)
        events.append(event)
        return self

    # -- triggers (stage changes) ------------------------------------------------

    def start_pitch(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """intent → pitch: needs the invitation to bid and a project team (G8, G7)."""
        return self._event(at, actor, "start_pitch", _EMPTY, evidence)

    def win(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """pitch → contract: the pitch is won; needs an approved, submitted quote (G6)."""
        return self._event(at, actor, "win", _EMPTY, evidence)

    def lose(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """pitch → lost."""
        return self._event(at, actor, "lose", _EMPTY, evidence)

    def start_brief(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """contract → brief: needs the signed contract, the team and the project plan (G3, G7)."""
        return self._event(at, actor, "start_brief", _EMPTY, evidence)

    def start_creative(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """brief → creative: agreed strategy (G1), complete job orders (G2), the written work order (G3)."""
        return self._event(at, actor, "start_creative", _EMPTY, evidence)

    def submit_for_approval(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """creative → approval: internal review passed; the agency now waits on the client."""
        return self._event(at, actor, "submit_for_approval", _EMPTY, evidence)

    def request_revision(
        self, at: datetime, actor: str, *, changes: str, evidence: str | None = None
    ) -> Engagement:
        """approval → creative: the client's revisions go back through the creative team (G5, G8)."""
        return self._event(
            at, actor, "request_revision", Payload("changes", _text(changes, "changes")), evidence
        )

    def start_media_booking(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """approval → media_booking: every deliverable signed by the client in writing (G3)."""
        return self._event(at, actor, "start_media_booking", _EMPTY, evidence)

    def start_post_analysis(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """media_booking → post_analysis: confirmed (G4), booked, prepaid (G10), fee list (O7), placed."""
        return self._event(at, actor, "start_post_analysis", _EMPTY, evidence)

    def close(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """post_analysis → closed: an execution report per round (O5) and the post-campaign analysis."""
        return self._event(at, actor, "close", _EMPTY, evidence)

    def cancel(self, at: datetime, actor: str, *, reason: str, evidence: str | None = None) -> Engagement:
        """Any open stage → cancelled."""
        return self._event(at, actor, "cancel", Payload("reason", _text(reason, "reason")), evidence)

    def hold(self, at: datetime, actor: str, *, reason: str = "client away") -> Engagement:
        """Put on hold (waiting on the client): every clock pauses until :meth:`resume`."""
        return self._event(at, actor, "hold", Payload("reason", _text(reason, "reason")))

    def resume(self, at: datetime, actor: str) -> Engagement:
        """Return from on_hold to the stage the engagement left."""
        return self._event(at, actor, "resume")

    # -- records (no stage change) -----------------------------------------------

    def receive_invitation(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)."""
        return self._event(at, actor, "invitation", _EMPTY, _text(evidence, "evidence"))

    def record(self, at: datetime, actor: str, document: str, *, evidence: str | None = None) -> Engagement:
        """Record a stage document.

        ``document`` is one of ``question_list``, ``meeting_minutes``, ``internal_briefing``,
        ``project_plan``, ``work_briefing``, ``internal_review``, ``monitoring``,
        ``post_campaign_analysis``.
        """
        if document not in _PLAIN_DOCUMENTS:
            raise InvalidChoiceError("document", document, sorted(_PLAIN_DOCUMENTS))
        return self._event(at, actor, "document", _DOCUMENT_PAYLOADS[document], evidence)

    def assign(self, at: datetime, actor: str, *, role: str, person: str) -> Engagement:
        """Put a person on the project team in a role (G7)."""
        if role not in (*ROLES, *LEAD_ROLES):
            raise InvalidChoiceError("role", role, (*ROLES, *LEAD_ROLES))
        return self._event(at, actor, "assign", Payload("role", role, "person", _text(person, "person")))

    def assign_team(self, at: datetime, actor: str, *, team: Mapping[str, str]) -> Engagement:
        """Form (or re-form) the project team at once: ``{role: person}`` (G7)."""
        if not isinstance(team, Mapping):
            raise InvalidInputError(f"team must be a mapping of role to person (got {team!r}).")
        for role, person in team.items():
            if role not in (*ROLES, *LEAD_ROLES):
                raise InvalidChoiceError("role", role, (*ROLES, *LEAD_ROLES))
            _text(person, f"the {role}")
        # The payload is the team itself, role -> person, kept flat (no dict per engagement).
        return self._event(at, actor, "assign_team", Payload(*(x for pair in team.items() for x in pair)))

    def approve_quote(self, at: datetime, actor: str, *, quote: str, role: str) -> Engagement:
        """The department manager approves a quote before it goes out (G6)."""
        return self._event(at, actor, "approve_quote", Payload("quote", _text(quote, "quote"), "role", role))

    def submit_quote(self, at: datetime, actor: str, *, quote: str) -> Engagement:
        """Send an approved quote to the client (G6)."""
        return self._event(at, actor, "submit_quote", Payload("quote", _text(quote, "quote")))

    def sign_contract(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client signs the contract (签订合同)."""
        return self._event(at, actor, "sign_contract", _EMPTY, _text(evidence, "evidence"))

    def receive_briefing(self, at: datetime, actor: str, *, contents: Mapping[str, str]) -> Engagement:
        """The client's marketing briefing: company, product, channels, targets, goals, budget."""
        if not isinstance(contents, Mapping):
            raise InvalidInputError(
                f"contents must be a mapping of briefing topic to text (got {contents!r})."
            )
        return self._event(at, actor, "briefing", Payload("contents", dict(contents)))

    def agree_strategy(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client agrees the strategy in writing (G1)."""
        return self._event(at, actor, "agree_strategy", _EMPTY, _text(evidence, "evidence"))

    def add_job_order(
        self, at: datetime, actor: str, *, number: str, item: str, description: str, creative_brief: str
    ) -> Engagement:
        """Open a job order (job requisition with work description and creative brief, G2)."""
        payload = {
            "number": number,
            "item": item,
            "description": description,
            "creative_brief": creative_brief,
        }
        return self._event(at, actor, "job_order", payload)

    def receive_work_order(
        self, at: datetime, actor: str, *, jobs: Sequence[str], evidence: str
    ) -> Engagement:
        """The client's written work order (书面工作布署单) for some job orders: their clocks start."""
        return self._event(at, actor, "work_order", Payload("jobs", list(jobs)), _text(evidence, "evidence"))

    def sign_off(self, at: datetime, actor: str, *, deliverable: str, evidence: str) -> Engagement:
        """The client signs a deliverable in writing (G3). An agency member cannot sign for the client."""
        payload = _SIGNOFF_PAYLOADS.get(deliverable)
        if payload is None:
            raise InvalidChoiceError("deliverable", deliverable, DELIVERABLES)
        return self._event(at, actor, "sign_off", payload, _text(evidence, "evidence"))

    def request_rush(
        self,
        at: datetime,
        actor: str,
        *,
        job: str,
        requested_due: date,
        history: Sequence[datetime] = (),
    ) -> Engagement:
        """The client asks for a job earlier than standard; the assessment (T8) is recorded in the log.

        ``history`` holds the instants of the client's rush requests on other engagements.
        """
        from adservice.rush import assess_rush  # noqa: PLC0415 - rush is imported only when a rush happens

        order = self._job(job)
        received = self._work_order_for(job)
        if not isinstance(requested_due, date) or isinstance(requested_due, datetime):
            raise InvalidInputError(f"requested_due must be a date (got {requested_due!r}).")
        earlier = [r.at for r in self.rushes if r.kind == "rush_request"]
        assessment = assess_rush(
            order.item,
            received,
            requested_due,
            history=[*history, *earlier],
            calendar=self.calendar,
            rulebook=self.rulebook,
            as_of=at,
        )
        payload = {"job": job, "requested_due": requested_due.isoformat(), "assessment": assessment.to_dict()}
        return self._event(at, actor, "rush_request", payload)

    def decide_rush(self, at: datetime, actor: str, *, job: str, accept: bool, note: str = "") -> Engagement:
        """The agency's decision on the job's last rush request."""
        return self._event(
            at, actor, "rush_decision", Payload("job", job, "accept", bool(accept), "note", note)
        )

    def deliver(self, at: datetime, actor: str, *, job: str, evidence: str | None = None) -> Engagement:
        """The agency delivers a job order's work: its clock stops."""
        return self._event(at, actor, "deliver", Payload("job", job), evidence)

    def meeting(self, at: datetime, actor: str, *, about: str, call: bool = False) -> Engagement:
        """A client meeting (or an important call) ended at ``at``: a report duty is created (O2/O3)."""
        return self._event(at, actor, "meeting", Payload("about", _text(about, "about"), "call", bool(call)))

    def confirm_schedule(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's written confirmation of the media schedule (G4)."""
        return self._event(at, actor, "confirm_schedule", _EMPTY, _text(evidence, "evidence"))

    def book_media(
        self, at: datetime, actor: str, *, placement: date, evidence: str | None = None
    ) -> Engagement:
        """Book media for a first placement date (G4: only after the client's confirmation)."""
        return self._event(at, actor, "book", Payload("placement", _iso(placement)), evidence)

    def receive_prepayment(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's media prepayment (G10)."""
        return self._event(at, actor, "prepayment", _EMPTY, _text(evidence, "evidence"))

    def approve_fee_list(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client approves the media and creative fee list (O7: 6 days before placement)."""
        return self._event(at, actor, "fee_list", _EMPTY, _text(evidence, "evidence"))

    def place(self, at: datetime, actor: str, *, start: date, end: date) -> Engagement:
        """A placement round ran from ``start`` to ``end``: an execution report is due 72 h after (O5)."""
        return self._event(at, actor, "placement", Payload("start", _iso(start), "end", _iso(end)))

    def report_execution(self, at: datetime, actor: str, *, round: int) -> Engagement:
        """The execution report of placement round ``round`` (1-based) is delivered (O5)."""
        return self._event(at, actor, "execution_report", Payload("round", round))

    # -- helpers -----------------------------------------------------------------

    def _job(self, number: object) -> JobOrder:
        try:
            return next(job for job in self._jobs if job.number == number)
        except StopIteration:
            known = ", ".join(self.job_orders) or "none yet"
            raise UnknownItemError(f"unknown job order {number!r}; job orders: {known}.") from None

    def _work_order_for(self, job: str) -> datetime:
        for order in self.work_orders:
            if job in order.payload["jobs"]:
                return order.at
        msg = f"job order {job!r} has no written work order yet (G3); receive_work_order first."
        raise GateNotMet(self.stage.value, "rush_request", [("G3", msg)])

    def _duty(self, rule_id: str, what: str, due: datetime, because: Event) -> None:
        duty = Duty(rule_id, what, due, because, due.year > self.calendar.confirmed_through)
        self.duties = (*self.duties, duty)

    # -- serialisation -------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, schema-versioned: identity, calendar, rulebook and the log."""
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "client": self.client,
            "calendar": self.calendar.to_dict(),
            "rulebook": None if self.rulebook == _STANDARD_BOOK else self.rulebook.to_dict(),
            "events": [e.to_dict() for e in self._events],
        }

    @classmethod
    def from_dict(cls, data: object) -> Engagement:
        """Load and replay strictly; any fault refuses the whole load.

        Raises:
            SchemaError: unknown schema version, unknown/missing keys, wrong types, an event the
                lifecycle refuses on replay (out of order, unmet gate, ...).
        """
        if not isinstance(data, Mapping):
            raise SchemaError(f"an engagement must be an object (got {type(data).__name__}).")
        if data.get("schema") != SCHEMA_VERSION:
            raise SchemaError(
                f"unknown engagement schema {data.get('schema')!r}; this version reads {SCHEMA_VERSION}."
            )
        keys = {"schema", "id", "client", "calendar", "rulebook", "events"}
        if set(data) != keys:
            raise SchemaError(f"an engagement has keys {sorted(data)}; expected exactly {sorted(keys)}.")
        try:
            calendar = WorkCalendar.from_dict(data["calendar"])
            rulebook = _STANDARD_BOOK if data["rulebook"] is None else Rulebook.from_dict(data["rulebook"])
        except SchemaError:
            raise
        except AdServiceError as error:
            raise SchemaError(f"the engagement's settings are refused: {error}") from None
        events = data["events"]
        if not isinstance(events, list):
            raise SchemaError(f"events must be a list (got {type(events).__name__}).")
        if not isinstance(data["id"], str) or not isinstance(data["client"], str):
            raise SchemaError("an engagement's id and client must be strings.")
        try:
            return cls.replay(
                [Event.from_dict(e) for e in events],
                id=data["id"],
                client=data["client"],
                calendar=calendar,
                rulebook=rulebook,
            )
        except SchemaError:
            raise
        except Exception as error:
            if not isinstance(error, (ValueError, TypeError, LookupError)):
                raise
            raise SchemaError(f"the log does not replay: {error}") from None

    @classmethod
    def replay(
        cls,
        events: Iterable[Event],
        *,
        id: str,
        client: str,
        calendar: WorkCalendar | None = None,
        rulebook: Rulebook | None = None,
    ) -> Engagement:
        """Fold a log into a new engagement (every event is checked exactly as when it happened)."""
        engagement = cls(id, client, calendar=calendar, rulebook=rulebook)
        for event in events:
            engagement.apply(event)
        return engagement


def _iso(value: object) -> str:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInputError(f"expected a date (got {value!r}).")
    return value.isoformat()


def as_portfolio(portfolio: object) -> tuple[Engagement, ...]:
    """One engagement or an iterable of them, as a tuple; each engagement listed once.

    Raises:
        InvalidInputError: not engagements, or an engagement id twice.
    """
    if isinstance(portfolio, Engagement):
        return (portfolio,)
    if isinstance(portfolio, (str, bytes, Mapping)) or not isinstance(portfolio, Iterable):
        raise InvalidInputError(
            f"portfolio must be an Engagement or an iterable of them (got {portfolio!r})."
        )
    out = tuple(portfolio)
    seen: set[str] = set()
    for e in out:
        if not isinstance(e, Engagement):
            raise InvalidInputError(f"a portfolio holds Engagement values (got {e!r}).")
        if e.id in seen:
            raise InvalidInputError(f"engagement {e.id!r} appears twice in the portfolio; list each once.")
        seen.add(e.id)
    return out


# -- handlers: each checks everything first, then changes state -------------------


def _transition(e: Engagement, event: Event, party: str) -> None:
    trigger = event.kind
    rows = NEXT.get((e.stage, trigger))
    if not rows:
        raise TransitionNotAllowed(e.stage.value, trigger, allowed_triggers(e.stage))
    if trigger == "resume":
        dest = e.held_from
    else:
        dest = rows[0].dest
        missing = e.missing(trigger)
        if missing:
            raise GateNotMet(e.stage.value, trigger, missing)
    if trigger == "request_revision" and party != "client":
        raise SignOffError(f"revisions are the client's request (G5); {event.actor!r} is not the client.")
    # -- change state --
    if trigger == "hold":
        e.held_from = e.stage
        e.waits = (*e.waits, Wait(event.at, None, str(event.payload["reason"]), "hold"))
    elif trigger == "resume":
        e.held_from = None
        _end_wait(e, event.at, "hold")
    elif trigger == "submit_for_approval":
        e.waits = (*e.waits, Wait(event.at, None, "waiting on client sign-off"))
    elif trigger == "request_revision":
        e.revision_rounds += 1
        e._signoffs = tuple(x for x in e._signoffs if x.payload["deliverable"] != "creative")
        e._unmark("internal_review")
        _end_wait(e, event.at, "sign_off")
    elif trigger == "start_media_booking":
        _end_wait(e, event.at, "sign_off")
    elif trigger == "cancel":
        _end_wait(e, event.at, "sign_off")
        _end_wait(e, event.at, "hold")
    e.stage = dest  # type: ignore[assignment]


def _end_wait(e: Engagement, at: datetime, kind: str) -> None:
    """Close the open wait of ``kind`` (a hold can interrupt a sign-off wait; they close apart)."""
    for i in range(len(e.waits) - 1, -1, -1):
        wait = e.waits[i]
        if wait.end is None and wait.kind == kind:
            e.waits = (*e.waits[:i], attrs.evolve(wait, end=at), *e.waits[i + 1 :])
            return


def _in(e: Engagement, kind: str) -> None:
    if e.stage not in _RECORD_STAGES[kind]:
        raise TransitionNotAllowed(e.stage.value, kind, e.allowed_actions())


def _client(event: Event, party: str, what: str, rule: str) -> None:
    if party != "client":
        msg = (
            f"{what} must be signed by the client ({rule}); {event.actor!r} is not the client — "
            f"an agency member cannot sign for the client."
        )
        raise SignOffError(msg)


def _agency(event: Event, party: str, what: str) -> None:
    if party != "agency":
        raise SignOffError(f"{what} is the agency's to do; {event.actor!r} is not an agency member.")


_ACTIVE = tuple(s for s in Stage if s not in {Stage.CLOSED, Stage.LOST, Stage.CANCELLED, Stage.ON_HOLD})
_B, _C, _A, _M = Stage.BRIEF, Stage.CREATIVE, Stage.APPROVAL, Stage.MEDIA_BOOKING
#: Record kind -> the stages it may be recorded in.
_RECORD_STAGES: Mapping[str, tuple[Stage, ...]] = {
    "invitation": (Stage.INTENT,),
    "assign": _ACTIVE,
    "approve_quote": (Stage.PITCH, _A),
    "submit_quote": (Stage.PITCH, _A),
    "sign_contract": (Stage.CONTRACT,),
    "briefing": (_B,),
    "agree_strategy": (_B,),
    "job_order": (_B, _C, _A),
    "work_order": (_B, _C),
    "sign_off": (_A,),
    "rush_request": (_B, _C, _A),
    "rush_decision": (_B, _C, _A, _M),
    "deliver": (_C, _A),
    "meeting": _ACTIVE,
    "confirm_schedule": (_M,),
    "book": (_M,),
    "prepayment": (_M,),
    "fee_list": (_M,),
    "placement": (_M,),
    "execution_report": (_M, Stage.POST_ANALYSIS),
}
_PLAIN_DOCUMENTS: Mapping[str, tuple[Stage, ...]] = {
    "question_list": (Stage.INTENT,),
    "meeting_minutes": (Stage.INTENT, Stage.PITCH),
    "internal_briefing": (Stage.INTENT,),
    "project_plan": (Stage.CONTRACT,),
    "work_briefing": (Stage.BRIEF,),
    "internal_review": (Stage.CREATIVE,),
    "monitoring": (Stage.POST_ANALYSIS,),
    "post_campaign_analysis": (Stage.POST_ANALYSIS,),
}


#: Document name -> its bit in an engagement's document mask, in lifecycle order.
_DOC_BITS: Mapping[str, int] = {
    name: 1 << i
    for i, name in enumerate(
        (
            "invitation",
            "question_list",
            "meeting_minutes",
            "internal_briefing",
            "contract",
            "project_plan",
            "client_briefing",
            "work_briefing",
            "strategy",
            "work_order",
            "internal_review",
            "schedule_confirmation",
            "booking",
            "prepayment",
            "fee_list",
            "monitoring",
            "post_campaign_analysis",
        )
    )
}
# Payloads that only name one of a closed set are shared, read-only, by every event that carries them.
_DOCUMENT_PAYLOADS = {d: MappingProxyType({"document": d}) for d in _PLAIN_DOCUMENTS}
_SIGNOFF_PAYLOADS = {d: MappingProxyType({"deliverable": d}) for d in DELIVERABLES}


def _document(e: Engagement, event: Event, party: str) -> None:
    doc = event.payload.get("document")
    stages = _PLAIN_DOCUMENTS.get(doc)  # type: ignore[arg-type]
    if stages is None:
        raise InvalidChoiceError("document", doc, sorted(_PLAIN_DOCUMENTS))
    if e.stage not in stages:
        raise TransitionNotAllowed(e.stage.value, f"document:{doc}", e.allowed_actions())
    if doc == "internal_review":
        _agency(event, party, "the internal review")
    e._mark(str(doc))


def _invitation(e: Engagement, event: Event, party: str) -> None:
    _in(e, "invitation")
    _client(event, party, "the invitation to bid", "G8")
    e._mark("invitation")


def _assign(e: Engagement, event: Event, party: str) -> None:
    _in(e, "assign")
    _agency(event, party, "forming the project team")
    role, person = event.payload.get("role"), event.payload.get("person")
    if role not in (*ROLES, *LEAD_ROLES) or not isinstance(person, str):
        raise InvalidChoiceError("role", role, (*ROLES, *LEAD_ROLES))
    e.team = {**e.team, str(role): person}


def _assign_team(e: Engagement, event: Event, party: str) -> None:
    _in(e, "assign")
    _agency(event, party, "forming the project team")
    team = event.payload
    for role, person in team.items():
        if role not in (*ROLES, *LEAD_ROLES) or not isinstance(person, str):
            raise InvalidChoiceError("role", role, (*ROLES, *LEAD_ROLES))
    e.team = {**e.team, **team} if e.team else team


def _approve_quote(e: Engagement, event: Event, party: str) -> None:
    _in(e, "approve_quote")
    _agency(event, party, "approving a quote")
    if event.payload.get("role") != "department_manager":
        msg = (
            f"a quote is approved by the department manager (G6); {event.actor!r} approved as "
            f"{event.payload.get('role')!r}. Pass role='department_manager' for the manager's approval."
        )
        raise SignOffError(msg)
    e._quotes = (*e._quotes, event)


def _submit_quote(e: Engagement, event: Event, party: str) -> None:
    _in(e, "submit_quote")
    quote = str(event.payload.get("quote"))
    if e.quotes.get(quote) is None:
        raise GateNotMet(
            e.stage.value, "submit_quote", [("G6", f"quote {quote!r} approved by the department manager")]
        )
    e._quotes = (*e._quotes, event)


def _sign_contract(e: Engagement, event: Event, party: str) -> None:
    _in(e, "sign_contract")
    _client(event, party, "the contract", "G3")
    e._mark("contract")


def _briefing(e: Engagement, event: Event, party: str) -> None:
    _in(e, "briefing")
    contents = event.payload.get("contents")
    if not isinstance(contents, Mapping):
        raise InvalidInputError("a briefing's contents must be a mapping.")
    e._mark("client_briefing")


def _agree_strategy(e: Engagement, event: Event, party: str) -> None:
    _in(e, "agree_strategy")
    _client(event, party, "the strategy", "G1")
    e._mark("strategy")


def _job_order(e: Engagement, event: Event, party: str) -> None:
    _in(e, "job_order")
    _agency(event, party, "opening a job order")
    p = event.payload
    number, item = p.get("number"), p.get("item")
    for field in ("number", "item", "description", "creative_brief"):
        if not isinstance(p.get(field), str):
            raise InvalidInputError(f"a job order's {field} must be a string (got {p.get(field)!r}).")
    e.rulebook.item(str(item))
    job = JobOrder(str(number), str(item), str(p["description"]), str(p["creative_brief"]))
    if not job.complete:
        missing = [("G2", f"job order {number}: a complete work description and a clear creative brief")]
        raise GateNotMet(e.stage.value, "job_order", missing)
    old = next((j for j in e._jobs if j.number == number), None)
    if old is not None:
        if e.stage is Stage.BRIEF:
            raise InvalidInputError(
                f"job order {number!r} already exists; a revision keeps the number in creative."
            )
        job = attrs.evolve(job, revision=old.revision + 1)
    e._jobs = (*(j for j in e._jobs if j.number != number), job)


def _work_order(e: Engagement, event: Event, party: str) -> None:
    _in(e, "work_order")
    _client(event, party, "the written work order", "G3")
    jobs = event.payload.get("jobs")
    if not isinstance(jobs, list) or not jobs:
        raise InvalidInputError(f"a work order names at least one job order (got {jobs!r}).")
    for job in jobs:
        e._job(job)
    e.work_orders = (*e.work_orders, event)
    e._mark("work_order")


def _sign_off(e: Engagement, event: Event, party: str) -> None:
    _in(e, "sign_off")
    deliverable = event.payload.get("deliverable")
    if deliverable not in DELIVERABLES:
        raise InvalidChoiceError("deliverable", deliverable, DELIVERABLES)
    _client(event, party, f"the {deliverable}", "G3")
    e._signoffs = (*e._signoffs, event)


def _rush_request(e: Engagement, event: Event, party: str) -> None:
    _in(e, "rush_request")
    _client(event, party, "a rush request", "T8")
    e._job(event.payload.get("job"))
    e.rushes = (*e.rushes, event)


def _rush_decision(e: Engagement, event: Event, party: str) -> None:
    _in(e, "rush_decision")
    _agency(event, party, "deciding on a rush request")
    job = event.payload.get("job")
    for rush in reversed(e.rushes):
        if rush.payload.get("job") == job:
            if rush.kind == "rush_decision":
                raise InvalidInputError(f"the last rush request for {job!r} is already decided.")
            e.rushes = (*e.rushes, event)
            return
    raise UnknownItemError(f"no rush request for job order {job!r} to decide on.")


def _deliver(e: Engagement, event: Event, party: str) -> None:
    _in(e, "deliver")
    _agency(event, party, "delivering work")
    job = str(event.payload.get("job"))
    e._work_order_for(job)
    e.delivered = (*e.delivered, event)


def _meeting(e: Engagement, event: Event, party: str) -> None:
    _in(e, "meeting")
    call = bool(event.payload.get("call"))
    rule_id = e.rulebook.choice("call_report" if call else "meeting_report")
    rule = e.rulebook.rule(rule_id)
    if not rule.enabled:
        return
    hours = float(rule.params.get("hours", 24))
    clock = e.rulebook.choice("report_clock")
    if clock == "business":
        due = e.calendar.add_business_hours(event.at, hours)
    else:
        due = e.calendar.add_elapsed_hours(event.at, hours, roll=clock == "elapsed_rolled")
    e._duty(rule_id, "contact report" if rule_id == "O3" else "meeting report", due, event)


def _confirm_schedule(e: Engagement, event: Event, party: str) -> None:
    _in(e, "confirm_schedule")
    _client(event, party, "the media schedule", "G4")
    e._mark("schedule_confirmation")


def _book(e: Engagement, event: Event, party: str) -> None:
    _in(e, "book")
    _agency(event, party, "booking media")
    if not e.has("schedule_confirmation"):
        raise GateNotMet(
            e.stage.value, "book", [("G4", "the client's written confirmation of the media schedule")]
        )
    placement = date.fromisoformat(str(event.payload["placement"]))
    days = int(e.rulebook.rule("O7").params.get("days", 6))
    fee_day = e.calendar.add_working_days(placement - timedelta(days=days), 0, roll="backward")
    e._mark("booking")
    e.fee_list_for = placement
    e._duty("O7", "approved media and creative fee list", e.calendar.close_of_business(fee_day), event)


def _prepayment(e: Engagement, event: Event, party: str) -> None:
    _in(e, "prepayment")
    _client(event, party, "the media prepayment", "G10")
    e._mark("prepayment")


def _fee_list(e: Engagement, event: Event, party: str) -> None:
    _in(e, "fee_list")
    _client(event, party, "the fee list", "O7")
    e._mark("fee_list")


def _placement(e: Engagement, event: Event, party: str) -> None:
    _in(e, "placement")
    _agency(event, party, "running a placement round")
    missing = [
        (rid, text)
        for key, rid, text in (
            ("booking", "G4", "media booked after the client's confirmation"),
            ("prepayment", "G10", "the client's media prepayment before materials go to media"),
            ("fee_list", "O7", "the approved fee list"),
        )
        if not e.has(key)
    ]
    if missing:
        raise GateNotMet(e.stage.value, "placement", missing)
    start = date.fromisoformat(str(event.payload["start"]))
    end = date.fromisoformat(str(event.payload["end"]))
    if end < start:
        raise InvalidInputError(f"a placement round ends {end} before it starts {start}.")
    hours = float(e.rulebook.rule("O5").params.get("hours", 72))
    ended = e.calendar.close_of_business(end)
    e.placements = (*e.placements, event)
    e._duty("O5", "execution report", e.calendar.add_elapsed_hours(ended, hours), event)


def _execution_report(e: Engagement, event: Event, party: str) -> None:
    _in(e, "execution_report")
    _agency(event, party, "the execution report")
    number = event.payload.get("round")
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(e.placements):
        raise InvalidInputError(f"round must be 1..{len(e.placements)} (got {number!r}).")
    e.reported |= 1 << (number - 1)


_HANDLERS: dict[str, Callable[[Engagement, Event, str], None]] = {
    **dict.fromkeys(TRIGGERS, _transition),
    "document": _document,
    "invitation": _invitation,
    "assign": _assign,
    "assign_team": _assign_team,
    "approve_quote": _approve_quote,
    "submit_quote": _submit_quote,
    "sign_contract": _sign_contract,
    "briefing": _briefing,
    "agree_strategy": _agree_strategy,
    "job_order": _job_order,
    "work_order": _work_order,
    "sign_off": _sign_off,
    "rush_request": _rush_request,
    "rush_decision": _rush_decision,
    "deliver": _deliver,
    "meeting": _meeting,
    "confirm_schedule": _confirm_schedule,
    "book": _book,
    "prepayment": _prepayment,
    "fee_list": _fee_list,
    "placement": _placement,
    "execution_report": _execution_report,
}


def _team_description(e: Engagement) -> str:
    return "a project team with an AE, a strategist, a copywriter, an art director and a lead"


def _has_team(e: Engagement) -> bool:
    return all(r in e.team for r in ROLES) and any(r in e.team for r in LEAD_ROLES)


def _signed_all(e: Engagement) -> bool:
    signed = {x.payload["deliverable"] for x in e._signoffs}
    return all(d in signed for d in e.deliverables_due())


def _unsigned(e: Engagement) -> str:
    missing = [d for d in e.deliverables_due() if d not in e.signoffs]
    return f"the client's written sign-off of: {', '.join(missing)}"


def _incomplete_jobs(e: Engagement) -> str:
    bad = [j.number for j in e._jobs if not j.complete]
    return f"a complete work description and a clear creative brief for job orders {', '.join(bad)}"


def _reports_missing(e: Engagement) -> str:
    missing = [str(i) for i in range(1, len(e.placements) + 1) if not e.reported & 1 << (i - 1)]
    return f"an execution report for placement rounds {', '.join(missing)}"


#: The trigger that moves each open stage forward.
FORWARD: Mapping[Stage, str] = {
    Stage.INTENT: "start_pitch",
    Stage.PITCH: "win",
    Stage.CONTRACT: "start_brief",
    Stage.BRIEF: "start_creative",
    Stage.CREATIVE: "submit_for_approval",
    Stage.APPROVAL: "start_media_booking",
    Stage.MEDIA_BOOKING: "start_post_analysis",
    Stage.POST_ANALYSIS: "close",
}
#: Requirements (keys of the gate table) that only the client can meet.
_CLIENT_ACTS = frozenset(
    {
        "invitation",
        "contract",
        "client_briefing",
        "strategy",
        "work_order",
        "all_signed_off",
        "schedule_confirmed",
        "prepaid",
        "fee_list",
    }
)
_Description = str | Callable[[Engagement], str]
#: Requirement key -> (rule id, what is missing, check).
_GATES: dict[str, tuple[str, _Description, Callable[[Engagement], bool]]] = {
    "invitation": (
        "G8",
        "the client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)",
        lambda e: e.has("invitation"),
    ),
    "team": ("G7", _team_description, _has_team),
    "quote_approved": (
        "G6",
        "a quote approved by the department manager",
        lambda e: bool(e._quotes),
    ),
    "quote_submitted": (
        "G6",
        "the approved quote submitted to the client",
        lambda e: any(q.kind == "submit_quote" for q in e._quotes),
    ),
    "contract": ("G3", "the signed contract", lambda e: e.has("contract")),
    "project_plan": ("G7", "the project plan set up right after signing", lambda e: e.has("project_plan")),
    "client_briefing": ("G2", "the client's marketing briefing", lambda e: e.has("client_briefing")),
    "strategy": ("G1", "a strategy agreed with the client", lambda e: e.has("strategy")),
    "job_orders": ("G2", "at least one job order", lambda e: bool(e._jobs)),
    "job_orders_complete": (
        "G2",
        _incomplete_jobs,
        lambda e: all(j.complete for j in e._jobs),
    ),
    "work_order": ("G3", "the client's written work order (书面工作布署单)", lambda e: bool(e.work_orders)),
    "internal_review": (
        "G3",
        "the internal review by management before the work is shown to the client",
        lambda e: e.has("internal_review"),
    ),
    "all_signed_off": ("G3", _unsigned, _signed_all),
    "schedule_confirmed": (
        "G4",
        "the client's written confirmation of the media schedule",
        lambda e: e.has("schedule_confirmation"),
    ),
    "booked": ("G4", "media booked", lambda e: e.has("booking")),
    "prepaid": ("G10", "the client's media prepayment", lambda e: e.has("prepayment")),
    "fee_list": ("O7", "the approved media and creative fee list", lambda e: e.has("fee_list")),
    "placed": ("O5", "at least one placement round", lambda e: bool(e.placements)),
    "execution_reports": (
        "O5",
        _reports_missing,
        lambda e: e.reported == (1 << len(e.placements)) - 1,
    ),
    "analysis": (
        "O5",
        "the post-campaign analysis and effect evaluation",
        lambda e: e.has("post_campaign_analysis"),
    ),
}
