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
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from adservice._display import show
from adservice.calendar.workcalendar import WorkCalendar, default_calendar
from adservice.engagement.table import NEXT, TRIGGERS, Stage, allowed_triggers
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
from adservice.kernel.events import Event, flatten, freeze, thaw
from adservice.rulebook.book import Rulebook

if TYPE_CHECKING:
    from adservice.deadlines.clocks import Clock
    from adservice.deadlines.plans import Plan

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

#: An event as the log keeps it: the plain tuple ``(at, actor, kind, flat_payload, evidence)``.
#: Plain tuples of plain values are dropped from the garbage collector's lists after its first
#: pass, so a population of engagements costs the collector almost nothing (SPEC §12).
_Raw = tuple[Any, ...]
#: A logged tuple as the public :class:`Event` (same fields, same layout).
_as_event: Callable[[_Raw], Event] = partial(tuple.__new__, Event)


def _pget(flat: tuple[Any, ...], key: str, default: Any = None) -> Any:
    """``key``'s value in a flat payload ``(key, value, ...)``."""
    for i in range(0, len(flat) - 1, 2):
        if flat[i] == key:
            return flat[i + 1]
    return default


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


def _out_of_order(last: _Raw, event: _Raw) -> None:
    msg = (
        f"event {event[2]!r} at {event[0].isoformat()} is dated before the previous event "
        f"{last[2]!r} at {last[0].isoformat()}; events must be appended in time order."
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


_EMPTY: Mapping[str, Any] = MappingProxyType({})


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
        "_delivered",
        "_docs",
        "_duties",
        "_events",
        "_jobs",
        "_placements",
        "_quotes",
        "_rushes",
        "_signoffs",
        "_waits",
        "_work_orders",
        "calendar",
        "client",
        "fee_list_for",
        "held_from",
        "id",
        "reported",
        "revision_rounds",
        "rulebook",
        "stage",
        "team",
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
        # Everything is kept in plain tuples of plain values, which the garbage collector stops
        # tracking after its first pass: the log itself (appending copies it, a pointer per
        # event), and tuples of logged events where a list of facts is needed, beside a bitmask
        # of recorded documents. A population of engagements then costs the collector almost
        # nothing, and one engagement is a few KB with its log (SPEC §12).
        self._events: tuple[_Raw, ...] = ()
        self._docs = 0
        self.team: Mapping[str, str] = _EMPTY
        self._quotes: tuple[_Raw, ...] = ()
        self._jobs: tuple[tuple[Any, ...], ...] = ()  # JobOrder fields
        self._work_orders: tuple[_Raw, ...] = ()
        self._signoffs: tuple[_Raw, ...] = ()
        self.fee_list_for: date | None = None
        self._placements: tuple[_Raw, ...] = ()
        self.reported = 0  # bit i set: the execution report of round i + 1 is in
        self._delivered: tuple[_Raw, ...] = ()
        self._waits: tuple[tuple[Any, ...], ...] = ()  # Wait fields
        self._rushes: tuple[_Raw, ...] = ()
        self._duties: tuple[tuple[Any, ...], ...] = ()  # Duty fields, the cause as a logged tuple

    # -- values ----------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """The log, oldest first."""
        return tuple(map(_as_event, self._events))

    @property
    def waits(self) -> tuple[Wait, ...]:
        """Every interval the engagement waited on the client, in the order the waits began."""
        return tuple(Wait(*w) for w in self._waits)

    @property
    def duties(self) -> tuple[Duty, ...]:
        """The dated duties the lifecycle created, in the order of their causes."""
        return tuple(Duty(r, what, due, _as_event(ev), p) for r, what, due, ev, p in self._duties)

    @property
    def work_orders(self) -> tuple[Event, ...]:
        """The client's written work orders (G3), oldest first."""
        return tuple(map(_as_event, self._work_orders))

    @property
    def placements(self) -> tuple[Event, ...]:
        """The placement rounds, oldest first."""
        return tuple(map(_as_event, self._placements))

    @property
    def delivered(self) -> tuple[Event, ...]:
        """The deliveries of job orders' work, oldest first."""
        return tuple(map(_as_event, self._delivered))

    @property
    def rushes(self) -> tuple[Event, ...]:
        """Rush requests and the agency's decisions, oldest first."""
        return tuple(map(_as_event, self._rushes))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Engagement):
            return NotImplemented
        return (
            self.id == other.id
            and self.client == other.client
            and self.calendar == other.calendar
            and self.rulebook == other.rulebook
            and (self._events == other._events or self.events == other.events)
            and self.stage is other.stage
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        stage, n = self.stage.value, len(self._events)
        return f"Engagement({self.id!r}, client={self.client!r}, stage={stage}, events={n})"

    def _repr_html_(self) -> str:
        return show("html", self)

    # -- questions -------------------------------------------------------------

    def allowed_triggers(self) -> tuple[str, ...]:
        """The triggers the lifecycle table allows in the current stage."""
        return allowed_triggers(self.stage)

    @property
    def job_orders(self) -> dict[str, JobOrder]:
        """Job number -> its job order (a revision replaces the original, keeping the number)."""
        return {job[0]: JobOrder(*job) for job in self._jobs}

    @property
    def quotes(self) -> dict[str, str]:
        """Quote id -> ``"approved"`` or ``"submitted"`` (G6)."""
        return {
            _pget(q[3], "quote"): "approved" if q[2] == "approve_quote" else "submitted" for q in self._quotes
        }

    @property
    def signoffs(self) -> dict[str, Event]:
        """Deliverable -> the client's written sign-off event in force (G3)."""
        return {_pget(raw[3], "deliverable"): _as_event(raw) for raw in self._signoffs}

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
            owner = "client" if key in _CLIENT_ACTS else "agency"
            out.append(Requirement(rule_id, text, owner, _met(self, check)))
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
            if not _met(self, check) and rule_id not in disabled:
                out.append((rule_id, description(self) if callable(description) else description))
        return tuple(out)

    def plans(self) -> dict[str, Plan]:
        """The turnaround plan of every job order under a written work order, by job number.

        A rush the agency accepted replaces the standard commitment with the requested due date.
        """
        from adservice.deadlines.plans import plan  # noqa: PLC0415 - planning is needed only when asked

        out: dict[str, Plan] = {}
        for order in self.work_orders:
            for job in order.payload["jobs"]:
                item = self.job_orders[job].item
                out[job] = plan(item, order.at, calendar=self.calendar, rulebook=self.rulebook)
        return out

    def clocks(self) -> dict[str, Clock]:
        """A clock per job order: started by the work order, paused while the engagement waits on the
        client (approval rounds, on hold), stopped by delivery. Computed from the log on demand."""
        from adservice.deadlines.clocks import Clock  # noqa: PLC0415

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

    def apply(self, event: Event) -> Engagement:
        """Append an already-built event (what :meth:`replay` does for each one)."""
        if not isinstance(event, Event):
            raise InvalidInputError(f"apply needs an Event (got {event!r}).")
        raw = tuple(event)
        handler = _HANDLERS.get(raw[2])
        if handler is None:
            raise InvalidChoiceError("an event kind", raw[2], sorted(_HANDLERS))
        party = _SEEN_PARTIES.get(raw[1]) or _party(raw[1])
        events = self._events
        if events and raw[0] < events[-1][0]:
            _out_of_order(events[-1], raw)
        handler(self, raw, party)  # checks first, then changes state; raises before any change
        self._events = (*events, raw)
        return self

    def _event(
        self,
        at: datetime,
        actor: str,
        kind: str,
        payload: tuple[Any, ...] = (),
        evidence: str | None = None,
    ) -> Engagement:
        # The hot path of every method: the same checks as _record, inlined.
        if at.__class__ is not datetime or at.tzinfo is None:
            _check_instant(at)
        party = _SEEN_PARTIES.get(actor) or _party(actor)
        if evidence is not None and evidence.__class__ is not str:
            raise InvalidInputError(f"evidence must be a document id string or None (got {evidence!r}).")
        raw = (at, actor, kind, payload, evidence)
        events = self._events
        if events and at < events[-1][0]:
            _out_of_order(events[-1], raw)
        _HANDLERS[kind](self, raw, party)
        self._events = (*events, raw)
        return self

    # -- triggers (stage changes) ------------------------------------------------

    def start_pitch(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """intent → pitch: needs the invitation to bid and a project team (G8, G7)."""
        return self._event(at, actor, "start_pitch", (), evidence)

    def win(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """pitch → contract: the pitch is won; needs an approved, submitted quote (G6)."""
        return self._event(at, actor, "win", (), evidence)

    def lose(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """pitch → lost."""
        return self._event(at, actor, "lose", (), evidence)

    def start_brief(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """contract → brief: needs the signed contract, the team and the project plan (G3, G7)."""
        return self._event(at, actor, "start_brief", (), evidence)

    def start_creative(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """brief → creative: agreed strategy (G1), complete job orders (G2), the written work order (G3)."""
        return self._event(at, actor, "start_creative", (), evidence)

    def submit_for_approval(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """creative → approval: internal review passed; the agency now waits on the client."""
        return self._event(at, actor, "submit_for_approval", (), evidence)

    def request_revision(
        self, at: datetime, actor: str, *, changes: str, evidence: str | None = None
    ) -> Engagement:
        """approval → creative: the client's revisions go back through the creative team (G5, G8)."""
        return self._event(at, actor, "request_revision", ("changes", _text(changes, "changes")), evidence)

    def start_media_booking(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """approval → media_booking: every deliverable signed by the client in writing (G3)."""
        return self._event(at, actor, "start_media_booking", (), evidence)

    def start_post_analysis(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """media_booking → post_analysis: confirmed (G4), booked, prepaid (G10), fee list (O7), placed."""
        return self._event(at, actor, "start_post_analysis", (), evidence)

    def close(self, at: datetime, actor: str, *, evidence: str | None = None) -> Engagement:
        """post_analysis → closed: an execution report per round (O5) and the post-campaign analysis."""
        return self._event(at, actor, "close", (), evidence)

    def cancel(self, at: datetime, actor: str, *, reason: str, evidence: str | None = None) -> Engagement:
        """Any open stage → cancelled."""
        return self._event(at, actor, "cancel", ("reason", _text(reason, "reason")), evidence)

    def hold(self, at: datetime, actor: str, *, reason: str = "client away") -> Engagement:
        """Put on hold (waiting on the client): every clock pauses until :meth:`resume`."""
        return self._event(at, actor, "hold", ("reason", _text(reason, "reason")))

    def resume(self, at: datetime, actor: str) -> Engagement:
        """Return from on_hold to the stage the engagement left."""
        return self._event(at, actor, "resume")

    # -- records (no stage change) -----------------------------------------------

    def receive_invitation(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)."""
        return self._event(at, actor, "invitation", (), _text(evidence, "evidence"))

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
        return self._event(at, actor, "assign", ("role", role, "person", _text(person, "person")))

    def assign_team(self, at: datetime, actor: str, *, team: Mapping[str, str]) -> Engagement:
        """Form (or re-form) the project team at once: ``{role: person}`` (G7)."""
        if not isinstance(team, Mapping):
            raise InvalidInputError(f"team must be a mapping of role to person (got {team!r}).")
        # The payload is the team itself, role -> person (the handler checks both).
        return self._event(at, actor, "assign_team", flatten(team))

    def approve_quote(self, at: datetime, actor: str, *, quote: str, role: str) -> Engagement:
        """The department manager approves a quote before it goes out (G6)."""
        return self._event(at, actor, "approve_quote", ("quote", _text(quote, "quote"), "role", role))

    def submit_quote(self, at: datetime, actor: str, *, quote: str) -> Engagement:
        """Send an approved quote to the client (G6)."""
        return self._event(at, actor, "submit_quote", ("quote", _text(quote, "quote")))

    def sign_contract(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client signs the contract (签订合同)."""
        return self._event(at, actor, "sign_contract", (), _text(evidence, "evidence"))

    def receive_briefing(self, at: datetime, actor: str, *, contents: Mapping[str, str]) -> Engagement:
        """The client's marketing briefing: company, product, channels, targets, goals, budget."""
        if not isinstance(contents, Mapping):
            raise InvalidInputError(
                f"contents must be a mapping of briefing topic to text (got {contents!r})."
            )
        return self._event(at, actor, "briefing", ("contents", freeze(contents)))

    def agree_strategy(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client agrees the strategy in writing (G1)."""
        return self._event(at, actor, "agree_strategy", (), _text(evidence, "evidence"))

    def add_job_order(
        self, at: datetime, actor: str, *, number: str, item: str, description: str, creative_brief: str
    ) -> Engagement:
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
        return self._event(at, actor, "job_order", payload)

    def receive_work_order(
        self, at: datetime, actor: str, *, jobs: Sequence[str], evidence: str
    ) -> Engagement:
        """The client's written work order (书面工作布署单) for some job orders: their clocks start."""
        return self._event(at, actor, "work_order", ("jobs", freeze(list(jobs))), _text(evidence, "evidence"))

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
        from adservice.deadlines.rush import assess_rush  # noqa: PLC0415 - rush is imported only when a rush happens

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
        payload = (
            "job",
            job,
            "requested_due",
            requested_due.isoformat(),
            "assessment",
            freeze(assessment.to_dict()),
        )
        return self._event(at, actor, "rush_request", payload)

    def decide_rush(self, at: datetime, actor: str, *, job: str, accept: bool, note: str = "") -> Engagement:
        """The agency's decision on the job's last rush request."""
        return self._event(at, actor, "rush_decision", ("job", job, "accept", bool(accept), "note", note))

    def deliver(self, at: datetime, actor: str, *, job: str, evidence: str | None = None) -> Engagement:
        """The agency delivers a job order's work: its clock stops."""
        return self._event(at, actor, "deliver", ("job", job), evidence)

    def meeting(self, at: datetime, actor: str, *, about: str, call: bool = False) -> Engagement:
        """A client meeting (or an important call) ended at ``at``: a report duty is created (O2/O3)."""
        return self._event(at, actor, "meeting", ("about", _text(about, "about"), "call", bool(call)))

    def confirm_schedule(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's written confirmation of the media schedule (G4)."""
        return self._event(at, actor, "confirm_schedule", (), _text(evidence, "evidence"))

    def book_media(
        self, at: datetime, actor: str, *, placement: date, evidence: str | None = None
    ) -> Engagement:
        """Book media for a first placement date (G4: only after the client's confirmation)."""
        return self._event(at, actor, "book", ("placement", _iso(placement)), evidence)

    def receive_prepayment(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client's media prepayment (G10)."""
        return self._event(at, actor, "prepayment", (), _text(evidence, "evidence"))

    def approve_fee_list(self, at: datetime, actor: str, *, evidence: str) -> Engagement:
        """The client approves the media and creative fee list (O7: 6 days before placement)."""
        return self._event(at, actor, "fee_list", (), _text(evidence, "evidence"))

    def place(self, at: datetime, actor: str, *, start: date, end: date) -> Engagement:
        """A placement round ran from ``start`` to ``end``: an execution report is due 72 h after (O5)."""
        return self._event(at, actor, "placement", ("start", _iso(start), "end", _iso(end)))

    def report_execution(self, at: datetime, actor: str, *, round: int) -> Engagement:
        """The execution report of placement round ``round`` (1-based) is delivered (O5)."""
        return self._event(at, actor, "execution_report", ("round", round))

    # -- helpers -----------------------------------------------------------------

    def _job(self, number: object) -> JobOrder:
        try:
            return JobOrder(*next(job for job in self._jobs if job[0] == number))
        except StopIteration:
            known = ", ".join(self.job_orders) or "none yet"
            raise UnknownItemError(f"unknown job order {number!r}; job orders: {known}.") from None

    def _work_order_for(self, job: str) -> datetime:
        for order in self._work_orders:
            if job in thaw(_pget(order[3], "jobs", ())):
                return order[0]  # type: ignore[no-any-return]
        msg = f"job order {job!r} has no written work order yet (G3); receive_work_order first."
        raise GateNotMet(self.stage.value, "rush_request", [("G3", msg)])

    def _duty(self, rule_id: str, what: str, due: datetime, because: _Raw) -> None:
        duty = (rule_id, what, due, because, due.year > self.calendar.confirmed_through)
        self._duties = (*self._duties, duty)

    # -- serialisation -------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, schema-versioned: identity, calendar, rulebook and the log."""
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "client": self.client,
            "calendar": self.calendar.to_dict(),
            "rulebook": None if self.rulebook == _STANDARD_BOOK else self.rulebook.to_dict(),
            "events": [e.to_dict() for e in self.events],
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
# A handler gets the logged tuple ``ev = (at, actor, kind, flat_payload, evidence)``.


def _transition(e: Engagement, ev: _Raw, party: str) -> None:
    trigger = ev[2]
    stage = e.stage
    fast = _FAST.get((stage, trigger))
    if fast is None:
        raise TransitionNotAllowed(stage.value, trigger, allowed_triggers(stage))
    dest, mask, checks = fast
    if trigger == "resume":
        dest = e.held_from or stage
    elif e._docs & mask != mask or not all(check(e) for check in checks):
        missing = e.missing(trigger)  # the slow path names every unmet gate (or finds them disabled)
        if missing:
            raise GateNotMet(stage.value, trigger, missing)
    if trigger == "request_revision" and party != "client":
        raise SignOffError(f"revisions are the client's request (G5); {ev[1]!r} is not the client.")
    # -- change state --
    if trigger == "hold":
        e.held_from = stage
        e._waits = (*e._waits, (ev[0], None, str(_pget(ev[3], "reason")), "hold"))
    elif trigger == "resume":
        e.held_from = None
        _end_wait(e, ev[0], "hold")
    elif trigger == "submit_for_approval":
        e._waits = (*e._waits, (ev[0], None, "waiting on client sign-off", "sign_off"))
    elif trigger == "request_revision":
        e.revision_rounds += 1
        e._signoffs = tuple(x for x in e._signoffs if _pget(x[3], "deliverable") != "creative")
        e._unmark("internal_review")
        _end_wait(e, ev[0], "sign_off")
    elif trigger == "start_media_booking":
        _end_wait(e, ev[0], "sign_off")
    elif trigger == "cancel":
        _end_wait(e, ev[0], "sign_off")
        _end_wait(e, ev[0], "hold")
    e.stage = dest


def _end_wait(e: Engagement, at: datetime, kind: str) -> None:
    """Close the open wait of ``kind`` (a hold can interrupt a sign-off wait; they close apart)."""
    waits = e._waits
    for i in range(len(waits) - 1, -1, -1):
        start, end, reason, what = waits[i]
        if end is None and what == kind:
            e._waits = (*waits[:i], (start, at, reason, what), *waits[i + 1 :])
            return


def _in(e: Engagement, kind: str) -> None:
    if e.stage not in _RECORD_STAGES[kind]:
        raise TransitionNotAllowed(e.stage.value, kind, e.allowed_actions())


def _client(ev: _Raw, party: str, what: str, rule: str) -> None:
    if party != "client":
        msg = (
            f"{what} must be signed by the client ({rule}); {ev[1]!r} is not the client — "
            f"an agency member cannot sign for the client."
        )
        raise SignOffError(msg)


def _agency(ev: _Raw, party: str, what: str) -> None:
    if party != "agency":
        raise SignOffError(f"{what} is the agency's to do; {ev[1]!r} is not an agency member.")


_ACTIVE = tuple(s for s in Stage if s not in {Stage.CLOSED, Stage.LOST, Stage.CANCELLED, Stage.ON_HOLD})
_TEAM_ROLES = (*ROLES, *LEAD_ROLES)
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
_DOCUMENT_PAYLOADS = {d: ("document", d) for d in _PLAIN_DOCUMENTS}
_SIGNOFF_PAYLOADS = {d: ("deliverable", d) for d in DELIVERABLES}


def _document(e: Engagement, ev: _Raw, party: str) -> None:
    doc = _pget(ev[3], "document")
    stages = _PLAIN_DOCUMENTS.get(doc)
    if stages is None:
        raise InvalidChoiceError("document", doc, sorted(_PLAIN_DOCUMENTS))
    if e.stage not in stages:
        raise TransitionNotAllowed(e.stage.value, f"document:{doc}", e.allowed_actions())
    if doc == "internal_review":
        _agency(ev, party, "the internal review")
    e._docs |= _DOC_BITS[doc]


def _invitation(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "invitation")
    _client(ev, party, "the invitation to bid", "G8")
    e._mark("invitation")


def _team_member(role: object, person: object) -> None:
    if role not in _TEAM_ROLES:
        raise InvalidChoiceError("role", role, _TEAM_ROLES)
    _text(person, f"the {role}")


def _assign(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "assign")
    _agency(ev, party, "forming the project team")
    role, person = _pget(ev[3], "role"), _pget(ev[3], "person")
    _team_member(role, person)
    e.team = {**e.team, role: person}


def _assign_team(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "assign")
    _agency(ev, party, "forming the project team")
    flat = ev[3]
    team = dict(zip(flat[::2], flat[1::2], strict=True))
    for role, person in team.items():
        _team_member(role, person)
    e.team = {**e.team, **team} if e.team else team


def _approve_quote(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "approve_quote")
    _agency(ev, party, "approving a quote")
    role = _pget(ev[3], "role")
    if role != "department_manager":
        msg = (
            f"a quote is approved by the department manager (G6); {ev[1]!r} approved as "
            f"{role!r}. Pass role='department_manager' for the manager's approval."
        )
        raise SignOffError(msg)
    e._quotes = (*e._quotes, ev)


def _submit_quote(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "submit_quote")
    quote = _pget(ev[3], "quote")
    if not any(q[2] == "approve_quote" and _pget(q[3], "quote") == quote for q in e._quotes):
        raise GateNotMet(
            e.stage.value, "submit_quote", [("G6", f"quote {quote!r} approved by the department manager")]
        )
    e._quotes = (*e._quotes, ev)


def _sign_contract(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "sign_contract")
    _client(ev, party, "the contract", "G3")
    e._mark("contract")


def _briefing(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "briefing")
    contents = thaw(_pget(ev[3], "contents"))
    if not isinstance(contents, dict):
        raise InvalidInputError(f"a briefing's contents must be a mapping (got {contents!r}).")
    e._mark("client_briefing")


def _agree_strategy(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "agree_strategy")
    _client(ev, party, "the strategy", "G1")
    e._mark("strategy")


_JOB_FIELDS = ("number", "item", "description", "creative_brief")


def _job_order(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "job_order")
    _agency(ev, party, "opening a job order")
    values = [_pget(ev[3], field) for field in _JOB_FIELDS]
    for field, value in zip(_JOB_FIELDS, values, strict=True):
        if not isinstance(value, str):
            raise InvalidInputError(f"a job order's {field} must be a string (got {value!r}).")
    number, item, description, brief = values
    e.rulebook.item(item)
    job: tuple[Any, ...] = (number, item, description, brief, 0)
    if not description.strip() or not brief.strip():  # JobOrder.complete
        missing = [("G2", f"job order {number}: a complete work description and a clear creative brief")]
        raise GateNotMet(e.stage.value, "job_order", missing)
    old = next((j for j in e._jobs if j[0] == number), None)
    if old is not None:
        if e.stage is Stage.BRIEF:
            raise InvalidInputError(
                f"job order {number!r} already exists; a revision keeps the number in creative."
            )
        job = (number, item, description, brief, old[4] + 1)
    e._jobs = (*(j for j in e._jobs if j[0] != number), job)


def _work_order(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "work_order")
    _client(ev, party, "the written work order", "G3")
    jobs = thaw(_pget(ev[3], "jobs"))
    if not isinstance(jobs, list) or not jobs:
        raise InvalidInputError(f"a work order names at least one job order (got {jobs!r}).")
    for job in jobs:
        e._job(job)
    e._work_orders = (*e._work_orders, ev)
    e._mark("work_order")


def _sign_off(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "sign_off")
    deliverable = _pget(ev[3], "deliverable")
    if deliverable not in DELIVERABLES:
        raise InvalidChoiceError("deliverable", deliverable, DELIVERABLES)
    _client(ev, party, f"the {deliverable}", "G3")
    e._signoffs = (*e._signoffs, ev)


def _rush_request(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "rush_request")
    _client(ev, party, "a rush request", "T8")
    e._job(_pget(ev[3], "job"))
    e._rushes = (*e._rushes, ev)


def _rush_decision(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "rush_decision")
    _agency(ev, party, "deciding on a rush request")
    job = _pget(ev[3], "job")
    for rush in reversed(e._rushes):
        if _pget(rush[3], "job") == job:
            if rush[2] == "rush_decision":
                raise InvalidInputError(f"the last rush request for {job!r} is already decided.")
            e._rushes = (*e._rushes, ev)
            return
    raise UnknownItemError(f"no rush request for job order {job!r} to decide on.")


def _deliver(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "deliver")
    _agency(ev, party, "delivering work")
    e._work_order_for(str(_pget(ev[3], "job")))
    e._delivered = (*e._delivered, ev)


def _meeting(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "meeting")
    call = bool(_pget(ev[3], "call"))
    rule_id = e.rulebook.choice("call_report" if call else "meeting_report")
    rule = e.rulebook.rule(rule_id)
    if not rule.enabled:
        return
    hours = float(rule.params.get("hours", 24))
    clock = e.rulebook.choice("report_clock")
    if clock == "business":
        due = e.calendar.add_business_hours(ev[0], hours)
    else:
        due = e.calendar.add_elapsed_hours(ev[0], hours, roll=clock == "elapsed_rolled")
    e._duty(rule_id, "contact report" if rule_id == "O3" else "meeting report", due, ev)


def _confirm_schedule(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "confirm_schedule")
    _client(ev, party, "the media schedule", "G4")
    e._mark("schedule_confirmation")


def _day(flat: tuple[Any, ...], key: str) -> date:
    value = _pget(flat, key)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{key} must be an ISO date (got {value!r}).") from None


def _book(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "book")
    _agency(ev, party, "booking media")
    if not e._docs & _DOC_BITS["schedule_confirmation"]:
        raise GateNotMet(
            e.stage.value, "book", [("G4", "the client's written confirmation of the media schedule")]
        )
    placement = _day(ev[3], "placement")
    days = int(e.rulebook.rule("O7").params.get("days", 6))
    fee_day = e.calendar.add_working_days(placement - timedelta(days=days), 0, roll="backward")
    e._mark("booking")
    e.fee_list_for = placement
    e._duty("O7", "approved media and creative fee list", e.calendar.close_of_business(fee_day), ev)


def _prepayment(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "prepayment")
    _client(ev, party, "the media prepayment", "G10")
    e._mark("prepayment")


def _fee_list(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "fee_list")
    _client(ev, party, "the fee list", "O7")
    e._mark("fee_list")


_PLACEMENT_NEEDS = (
    ("booking", "G4", "media booked after the client's confirmation"),
    ("prepayment", "G10", "the client's media prepayment before materials go to media"),
    ("fee_list", "O7", "the approved fee list"),
)


def _placement(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "placement")
    _agency(ev, party, "running a placement round")
    missing = [(rid, text) for key, rid, text in _PLACEMENT_NEEDS if not e._docs & _DOC_BITS[key]]
    if missing:
        raise GateNotMet(e.stage.value, "placement", missing)
    start, end = _day(ev[3], "start"), _day(ev[3], "end")
    if end < start:
        raise InvalidInputError(f"a placement round ends {end} before it starts {start}.")
    hours = float(e.rulebook.rule("O5").params.get("hours", 72))
    due = e.calendar.add_elapsed_hours(e.calendar.close_of_business(end), hours)
    e._placements = (*e._placements, ev)
    e._duty("O5", "execution report", due, ev)


def _execution_report(e: Engagement, ev: _Raw, party: str) -> None:
    _in(e, "execution_report")
    _agency(ev, party, "the execution report")
    number = _pget(ev[3], "round")
    rounds = len(e._placements)
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= rounds:
        raise InvalidInputError(f"round must be 1..{rounds} (got {number!r}).")
    e.reported |= 1 << (number - 1)


_HANDLERS: dict[str, Callable[[Engagement, _Raw, str], None]] = {
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
    team = e.team
    return all(r in team for r in ROLES) and any(r in team for r in LEAD_ROLES)


def _signed_all(e: Engagement) -> bool:
    signed = {_pget(x[3], "deliverable") for x in e._signoffs}
    return all(d in signed for d in e.deliverables_due())


def _unsigned(e: Engagement) -> str:
    missing = [d for d in e.deliverables_due() if d not in e.signoffs]
    return f"the client's written sign-off of: {', '.join(missing)}"


def _incomplete_jobs(e: Engagement) -> str:
    bad = [j.number for j in (JobOrder(*j) for j in e._jobs) if not j.complete]
    return f"a complete work description and a clear creative brief for job orders {', '.join(bad)}"


def _reports_missing(e: Engagement) -> str:
    missing = [str(i) for i in range(1, len(e._placements) + 1) if not e.reported & 1 << (i - 1)]
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
#: A gate's check: a recorded document's name, or a predicate on the engagement.
_Check = str | Callable[[Engagement], bool]
#: Requirement key -> (rule id, what is missing, check).
_GATES: dict[str, tuple[str, _Description, _Check]] = {
    "invitation": (
        "G8",
        "the client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)",
        "invitation",
    ),
    "team": ("G7", _team_description, _has_team),
    "quote_approved": ("G6", "a quote approved by the department manager", lambda e: bool(e._quotes)),
    "quote_submitted": (
        "G6",
        "the approved quote submitted to the client",
        lambda e: any(q[2] == "submit_quote" for q in e._quotes),
    ),
    "contract": ("G3", "the signed contract", "contract"),
    "project_plan": ("G7", "the project plan set up right after signing", "project_plan"),
    "client_briefing": ("G2", "the client's marketing briefing", "client_briefing"),
    "strategy": ("G1", "a strategy agreed with the client", "strategy"),
    "job_orders": ("G2", "at least one job order", lambda e: bool(e._jobs)),
    "job_orders_complete": ("G2", _incomplete_jobs, lambda e: all(JobOrder(*j).complete for j in e._jobs)),
    "work_order": ("G3", "the client's written work order (书面工作布署单)", "work_order"),
    "internal_review": (
        "G3",
        "the internal review by management before the work is shown to the client",
        "internal_review",
    ),
    "all_signed_off": ("G3", _unsigned, _signed_all),
    "schedule_confirmed": (
        "G4",
        "the client's written confirmation of the media schedule",
        "schedule_confirmation",
    ),
    "booked": ("G4", "media booked", "booking"),
    "prepaid": ("G10", "the client's media prepayment", "prepayment"),
    "fee_list": ("O7", "the approved media and creative fee list", "fee_list"),
    "placed": ("O5", "at least one placement round", lambda e: bool(e._placements)),
    "execution_reports": (
        "O5",
        _reports_missing,
        lambda e: e.reported == (1 << len(e._placements)) - 1,
    ),
    "analysis": ("O5", "the post-campaign analysis and effect evaluation", "post_campaign_analysis"),
}


def _met(e: Engagement, check: _Check) -> bool:
    return bool(e._docs & _DOC_BITS[check]) if isinstance(check, str) else check(e)


def _compile_gates() -> dict[tuple[Stage, str], tuple[Stage, int, tuple[Callable[[Engagement], bool], ...]]]:
    """``(stage, trigger) -> (dest, documents mask, other checks)``: one mask test for most gates."""
    out = {}
    for (stage, trigger), rows in NEXT.items():
        checks = [_GATES[key][2] for key in rows[0].requires]
        mask = sum(_DOC_BITS[c] for c in checks if isinstance(c, str))
        out[(stage, trigger)] = (rows[0].dest, mask, tuple(c for c in checks if not isinstance(c, str)))
    return out


#: The hot path of every stage change: all gates met is one mask test and a few predicates.
_FAST = _compile_gates()
