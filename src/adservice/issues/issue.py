"""Client issues (客户问题): inquiries, complaints, suggestions and the rest, handled by the book.

A :class:`ClientIssue` is received and recorded, triaged (category decided,
responsible department notified), investigated with evidence, resolved (the
client told the solution), followed up with a return visit where the client
accepts the result — a complaint's resolution is signed by the client — and
closed with a summary of root cause, improvement and prevention (H5, H3). An
unfounded complaint is explained to the client and closed (H3). Deadlines for
the first response, the resolution and the return visit come from the rules
I1–I9 of the rulebook.

An issue is the fold of its append-only log of :class:`~adservice.kernel.events.Event`
values; every step returns a new issue and a refused step changes nothing.
All issues share one ``transitions`` machine, consulted but never bound to a
model.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice import WorkCalendar
    >>> SH = ZoneInfo("Asia/Shanghai")
    >>> issue = ClientIssue.receive(
    ...     datetime(2025, 9, 30, 16, tzinfo=SH), "agency:Li (AE)", issue_id="CI-2025-041",
    ...     client="Example Foods", contact="Ms Wang, 138-0000-0000", channel="phone",
    ...     description="The October poster shows last year's price.")
    >>> issue = issue.triage(datetime(2025, 9, 30, 16, 30, tzinfo=SH), "agency:Li (AE)",
    ...                      category="complaint", department="creative", notified="Zhao (creative director)")
    >>> issue.stage, issue.category
    ('triaged', 'complaint')
    >>> [(d.rule_id, d.due.isoformat()) for d in issue.deadlines(WorkCalendar("CN"))]
    [('I1', '2025-10-09T16:00:00+08:00'), ('I4', '2025-10-14T17:00:00+08:00')]
    >>> issue
    ClientIssue('CI-2025-041', stage='triaged', category='complaint', events=2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Literal, TypeAlias

import attrs
import transitions

from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    RulebookError,
    SchemaError,
    SignOffError,
    TransitionNotAllowed,
)
from adservice.kernel.events import Event, check_chronology
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "ISSUE_STAGES",
    "ISSUE_TRIGGERS",
    "ClientIssue",
    "ComplaintStatistics",
    "IssueDeadline",
    "IssueStage",
    "IssueSummary",
    "IssueTrigger",
    "complaint_statistics",
    "issue_diagram",
]

SCHEMA_VERSION = 1

IssueStage: TypeAlias = Literal["received", "triaged", "investigating", "resolved", "feedback", "closed"]
IssueTrigger: TypeAlias = Literal[
    "respond",
    "triage",
    "investigate",
    "add_evidence",
    "resolve",
    "dismiss",
    "follow_up",
    "reopen",
    "sign_off",
    "close",
]
#: The stages of an issue, in the order of the handbook's flow (H5 第五条).
ISSUE_STAGES: tuple[IssueStage, ...] = (
    "received",
    "triaged",
    "investigating",
    "resolved",
    "feedback",
    "closed",
)
_FINAL: frozenset[str] = frozenset({"closed"})
#: The standard categories (H5 第四条): 咨询, 投诉, 建议, 其他. Rule I2's ``categories`` may add more.
CATEGORIES: tuple[str, ...] = ("inquiry", "complaint", "suggestion", "other")
#: How an issue may reach the agency (H5 第五条: 电话、邮件、微信等).
CHANNELS: tuple[str, ...] = ("phone", "email", "wechat", "letter", "visit", "other")
_CLOCKS = ("business", "elapsed", "elapsed_rolled")
_PARTIES = ("client", "agency", "media")  # as in the lifecycle

# The one table of the machine: trigger, source stages, destination (None: stays), rule, meaning.
# A trigger may appear twice with different sources (follow_up moves to feedback, then repeats there).
_TABLE: tuple[tuple[IssueTrigger, tuple[IssueStage, ...], IssueStage | None, str, str], ...] = (
    ("respond", ("received", "triaged", "investigating"), None, "I1", "first response to the client"),
    ("triage", ("received",), "triaged", "I2", "category set, department notified"),
    ("investigate", ("triaged",), "investigating", "I3", "investigation opened"),
    ("add_evidence", ("investigating",), None, "I3", "evidence collected"),
    ("resolve", ("investigating",), "resolved", "I4", "solution, client notified"),
    ("dismiss", ("triaged", "investigating"), "closed", "I8", "unfounded complaint explained"),
    ("follow_up", ("resolved",), "feedback", "I5", "return visit"),
    ("follow_up", ("feedback",), None, "I5", "another return visit"),
    ("reopen", ("feedback",), "investigating", "I5", "client not satisfied"),
    ("sign_off", ("feedback",), None, "I6", "client signs the resolution"),
    ("close", ("feedback",), "closed", "I7", "summary: root cause, improvement, prevention"),
)
#: Every trigger of the machine, in table order.
ISSUE_TRIGGERS: tuple[IssueTrigger, ...] = tuple(dict.fromkeys(row[0] for row in _TABLE))

# What each event kind carries: exactly these payload keys, of these types.
_PAYLOADS: Mapping[str, Mapping[str, type]] = {
    "receive": {"issue_id": str, "client": str, "contact": str, "channel": str, "description": str},
    "respond": {"note": str},
    "triage": {"category": str, "department": str, "notified": str},
    "investigate": {"note": str},
    "add_evidence": {"note": str},
    "resolve": {"solution": str},
    "dismiss": {"explanation": str},
    "follow_up": {"accepted": bool, "note": str},
    "reopen": {"reason": str},
    "sign_off": {"note": str},
    "close": {"root_cause": str, "improvement": str, "prevention": str},
}


def _build_machine(table: Sequence[tuple[str, tuple[str, ...], str | None, str, str]]) -> Any:
    """The shared machine for ``table``, validated: every stage reachable, none left from closed.

    Raises:
        RuntimeError: the table is broken (a defect in this module, caught at import).
    """
    machine = transitions.Machine(
        model=None,
        states=list(ISSUE_STAGES),
        transitions=[{"trigger": t, "source": list(src), "dest": dest} for t, src, dest, _, _ in table],
        initial="received",
        auto_transitions=False,
    )
    moves = {(s, dest or s) for _, src, dest, _, _ in table for s in src}
    reached, frontier = {"received"}, ["received"]
    while frontier:
        here = frontier.pop()
        for source, dest in moves:
            if source == here and dest not in reached:
                reached.add(dest)
                frontier.append(dest)
    unreachable = [s for s in ISSUE_STAGES if s not in reached]
    leaving = sorted({t for t, src, _, _, _ in table if _FINAL.intersection(src)})
    if unreachable or leaving:
        msg = f"issue machine is broken: unreachable stages {unreachable}, triggers leaving closed {leaving}."
        raise RuntimeError(msg)
    return machine


_MACHINE = _build_machine(_TABLE)


def _next_stage(stage: str, trigger: str) -> str:
    """Where ``trigger`` leads from ``stage``, as the shared machine says; refuse it otherwise."""
    event = _MACHINE.events.get(trigger)
    # .get, not [...]: the machine's per-event table is a defaultdict shared by every issue.
    moves = event.transitions.get(stage) if event is not None else None
    if not moves:
        raise TransitionNotAllowed(stage, trigger, _MACHINE.get_triggers(stage))
    dest: str | None = moves[0].dest
    return stage if dest is None else dest


def issue_diagram() -> str:
    """The issue flow as Mermaid ``stateDiagram-v2`` text, drawn from the machine's table.

    >>> issue_diagram().splitlines()[2]
    '    received --> received: respond (I1)'
    """
    lines = ["stateDiagram-v2", "    [*] --> received"]
    for trigger, sources, dest, rule, _ in _TABLE:
        lines.extend(f"    {s} --> {dest or s}: {trigger} ({rule})" for s in sources)
    lines.extend(f"    {s} --> [*]" for s in ISSUE_STAGES if s in _FINAL)
    return "\n".join(lines)


# -- validation helpers --------------------------------------------------------


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a string (got {value!r} of type {type(value).__name__}).")
    return value


def _optional_text(value: object, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _actor(value: object) -> str:
    party, sep, name = value.partition(":") if isinstance(value, str) else ("", "", "")
    if not sep or not name.strip():
        msg = f"an actor must read 'party:name', e.g. 'agency:Li (AE)' or 'client:Wang' (got {value!r})."
        raise InvalidInputError(msg)
    if party not in _PARTIES:
        raise InvalidChoiceError("an actor's party", party, _PARTIES)
    return str(value)


def _param(book: Rulebook, rule_id: str, key: str, *, hours: bool = False) -> Any:
    value: Any = book.rule(rule_id).params.get(key)
    number = isinstance(value, (int, float)) if hours else isinstance(value, int)
    if isinstance(value, bool) or not number or not 0 <= value < 10_000:
        kind = "a number of hours" if hours else "an int number of working days"
        raise RulebookError(
            f"rule {rule_id}'s parameter {key!r} must be {kind} from 0 to 9999 (got {value!r})."
        )
    return value


def _categories(book: Rulebook) -> tuple[str, ...]:
    rule = book.rules.get("I2")
    value = CATEGORIES if rule is None else rule.params.get("categories", CATEGORIES)
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(c, str) for c in value):
        raise RulebookError(f"rule I2's parameter 'categories' must be a list of names (got {value!r}).")
    return tuple(value)


def _enforced(book: Rulebook, rule_id: str) -> bool:
    """A gate applies unless the rulebook lists its rule as disabled."""
    rule = book.rules.get(rule_id)
    return rule is None or rule.enabled


def _check_payload(event: Event) -> None:
    spec = _PAYLOADS.get(event.kind)
    if spec is None:  # the machine already refused unknown triggers; "receive" is listed
        return
    keys = set(event.payload)
    if keys != set(spec):
        msg = f"a {event.kind!r} event carries payload keys {sorted(keys)}; expected exactly {sorted(spec)}."
        raise InvalidInputError(msg)
    for key, kind in spec.items():
        value = event.payload[key]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            msg = f"a {event.kind!r} event's {key!r} must be {kind.__name__} (got {value!r})."
            raise InvalidInputError(msg)


# -- the state an issue's log folds into ---------------------------------------


@attrs.frozen
class _State:
    stage: str = "received"
    category: str | None = None
    department: str | None = None
    responded_at: datetime | None = None
    evidence: tuple[str, ...] = ()
    solution: str | None = None
    resolved_at: datetime | None = None
    followed_up_at: datetime | None = None
    accepted: bool = False
    signature: str | None = None
    reopened: int = 0
    unfounded: bool = False
    closed_at: datetime | None = None
    root_cause: str | None = None
    improvement: str | None = None
    prevention: str | None = None


def _gates(state: _State, event: Event, book: Rulebook) -> list[tuple[str, str]]:
    """Every unmet requirement of ``event`` in ``state`` as ``(rule_id, description)``."""
    p, kind = event.payload, event.kind
    missing: list[tuple[str, str]] = []
    if kind == "triage":
        if not p["department"].strip():
            missing.append(("I2", "the responsible department"))
        if not p["notified"].strip():
            missing.append(("I2", "who in the responsible department was notified"))
    elif kind == "add_evidence" and not event.evidence:
        missing.append(("I3", "the evidence's document id"))
    elif kind == "resolve":
        if not state.evidence:
            missing.append(("I3", "at least one piece of evidence from the investigation"))
        if not p["solution"].strip():
            missing.append(("I4", "the solution"))
        if not event.evidence:
            missing.append(("I4", "the notice that told the client the solution (its document id)"))
    elif kind == "dismiss":
        if state.category != "complaint":
            missing.append(("I8", f"only a complaint can be found unfounded (this is a {state.category})"))
        if not p["explanation"].strip():
            missing.append(("I8", "the explanation given to the client"))
    elif kind == "sign_off":
        if not state.accepted:
            missing.append(("I6", "the client's acceptance of the solution at a return visit"))
        if not event.evidence:
            missing.append(("I6", "the signed document's id"))
    elif kind == "close":
        if not state.accepted:
            missing.append(("I5", "the client's acceptance of the solution at a return visit"))
        if state.category == "complaint" and state.signature is None:
            missing.append(("I6", "the client's signature on the accepted resolution"))
        for key in ("root_cause", "improvement", "prevention"):
            if not p[key].strip():
                missing.append(("I7", f"the {key.replace('_', ' ')}"))
    return [m for m in missing if _enforced(book, m[0])]


def _fold(state: _State, event: Event) -> _State:
    """The state after ``event`` (already checked)."""
    p, kind, at = event.payload, event.kind, event.at
    stage = _next_stage(state.stage, kind)
    first_answer = state.responded_at or at
    if kind == "respond":
        return attrs.evolve(state, responded_at=first_answer)
    if kind == "triage":
        return attrs.evolve(state, stage=stage, category=p["category"], department=p["department"])
    if kind == "add_evidence":
        return attrs.evolve(state, evidence=(*state.evidence, event.evidence or ""))
    if kind == "resolve":
        return attrs.evolve(
            state, stage=stage, solution=p["solution"], resolved_at=at, responded_at=first_answer
        )
    if kind == "dismiss":
        return attrs.evolve(
            state, stage=stage, unfounded=True, closed_at=at, responded_at=first_answer, resolved_at=at
        )
    if kind == "follow_up":
        return attrs.evolve(state, stage=stage, followed_up_at=at, accepted=p["accepted"])
    if kind == "reopen":
        return attrs.evolve(
            state,
            stage=stage,
            solution=None,
            resolved_at=None,
            followed_up_at=None,
            accepted=False,
            signature=None,
            reopened=state.reopened + 1,
        )
    if kind == "sign_off":
        return attrs.evolve(state, signature=event.evidence)
    if kind == "close":
        return attrs.evolve(
            state,
            stage=stage,
            closed_at=at,
            root_cause=p["root_cause"],
            improvement=p["improvement"],
            prevention=p["prevention"],
        )
    return attrs.evolve(state, stage=stage)  # investigate


def _check_receive(event: Event) -> None:
    _check_payload(event)
    p = event.payload
    if not p["issue_id"].strip():
        raise InvalidInputError("an issue needs a non-empty issue_id (I1: every issue is recorded).")
    if p["channel"] not in CHANNELS:
        raise InvalidChoiceError("channel", p["channel"], CHANNELS)
    for key in ("client", "description"):
        if not p[key].strip():
            raise InvalidInputError(f"an issue is recorded with its {key} (I1); got an empty {key}.")


def _step(first: Event | None, last: Event | None, state: _State, event: Event, book: Rulebook) -> _State:
    """Check ``event`` against the issue so far and fold it in; raise without changing anything.

    ``first`` and ``last`` are the log's first and last events (``None`` for an empty log).
    """
    if not isinstance(event, Event):
        raise InvalidInputError(f"an issue's log holds Event values (got {event!r}).")
    _actor(event.actor)
    if first is None:
        if event.kind != "receive":
            raise TransitionNotAllowed("(not yet received)", event.kind, ["receive"])
        _check_receive(event)
        return state
    _next_stage(state.stage, event.kind)
    check_chronology((last or first,), event)
    _check_payload(event)
    if event.kind == "triage" and event.payload["category"] not in _categories(book):
        raise InvalidChoiceError("category", event.payload["category"], _categories(book))
    if event.kind == "sign_off" and event.party != "client":
        msg = (
            f"{event.actor!r} cannot sign the resolution of issue {first.payload['issue_id']!r} "
            "for the client: only the client signs (I6); record it with actor 'client:<name>'."
        )
        raise SignOffError(msg)
    missing = _gates(state, event, book)
    if missing:
        raise GateNotMet(state.stage, event.kind, missing)
    return _fold(state, event)


def _events(value: object) -> tuple[Event, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"events must be a sequence of Event values (got {value!r}).")
    return tuple(value)


def _day_zero(calendar: WorkCalendar, instant: datetime) -> date:
    """The receipt day if it is a working day before close of business, else the next working day."""
    try:
        local = instant.astimezone(calendar.tz)
    except OverflowError:
        msg = f"{instant.isoformat()} lies outside calendar {calendar!r}'s horizon {calendar.horizon}."
        raise CalendarRangeError(msg) from None
    day = local.date()
    if calendar.is_working_day(day) and local < calendar.close_of_business(day):
        return day
    return calendar.next_working_day(day)


# -- values ------------------------------------------------------------------


@attrs.frozen
class IssueDeadline:
    """A deadline of a client issue and when it was met.

    Attributes:
        rule_id: the rule it comes from (``"I1"`` first response, ``"I4"`` resolution,
            ``"I5"`` return visit).
        what: the deadline in words.
        due: the instant it falls due (aware, in the calendar's zone).
        done_at: when it was met, or ``None``.
    """

    rule_id: str
    what: str
    due: datetime
    done_at: datetime | None

    def status(self, as_of: datetime) -> Literal["open", "overdue", "met", "late"]:
        """Its verdict at ``as_of``: open, overdue (not done and past due), met, or late (met after due).

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.

        >>> from datetime import timezone
        >>> d = IssueDeadline("I1", "first response", datetime(2025, 10, 9, 8, tzinfo=timezone.utc), None)
        >>> d.status(datetime(2025, 10, 9, 9, tzinfo=timezone.utc))
        'overdue'
        """
        now = require_aware(as_of, "as_of")
        if self.done_at is None or self.done_at > now:
            return "overdue" if now > self.due else "open"
        return "late" if self.done_at > self.due else "met"


@attrs.frozen
class IssueSummary:
    """The confidential view of an issue (I9): what happened and why, without the client's details.

    Leaves out the client, the contact, the description, the notes, the
    solution text and every actor's name; keeps the category, department,
    dates and the closing summary (root cause, improvement, prevention).
    """

    issue_id: str
    stage: str
    category: str | None
    department: str | None
    channel: str
    received_at: datetime
    responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    unfounded: bool
    reopened: int
    evidence_count: int
    root_cause: str | None
    improvement: str | None
    prevention: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (instants as ISO 8601 text)."""
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in attrs.asdict(self).items()}


@attrs.frozen(init=False, repr=False)
class ClientIssue:
    """One client issue: the fold of its event log (H5, H3; rules I1–I9).

    Build one with :meth:`receive` and advance it with its triggers; each
    returns a new issue. ``ClientIssue(events)`` replays a log, checking every
    step exactly as the triggers do.

    Args:
        events: the log, oldest first; the first event is the ``"receive"``.
        rulebook: the rulebook whose gates apply (default: the standard one).

    Raises:
        TransitionNotAllowed: a step not allowed in the stage it was taken in.
        GateNotMet: a step whose requirements were not met, listing each with its rule id.
        ChronologyError: an event dated before the one before it.
        SignOffError: a client sign-off by someone who is not the client.
        InvalidInputError: malformed events or payloads.
    """

    # Hashed on the folded state alone: Event values are unhashable, and equal logs fold to equal states.
    events: tuple[Event, ...] = attrs.field(hash=False)
    _state: _State

    def __init__(self, events: Iterable[Event], *, rulebook: Rulebook | None = None) -> None:
        book = resolve_rulebook(rulebook)
        log = _events(events)
        if not log:
            raise InvalidInputError("an issue's log starts with its 'receive' event (got no events).")
        state = _State()
        for i, event in enumerate(log):
            state = _step(log[0] if i else None, log[i - 1] if i else None, state, event, book)
        self.__attrs_init__(log, state)

    @classmethod
    def _of(cls, events: tuple[Event, ...], state: _State) -> ClientIssue:
        issue = object.__new__(cls)
        issue.__attrs_init__(events, state)
        return issue

    def __repr__(self) -> str:
        # Confidential by default (I9): no client name, contact or description in logs and tracebacks.
        return (
            f"ClientIssue({self.issue_id!r}, stage={self.stage!r}, category={self.category!r}, "
            f"events={len(self.events)})"
        )

    # -- what the log says --------------------------------------------------

    @property
    def issue_id(self) -> str:
        """The issue's id (the complaint register's number)."""
        value: str = self.events[0].payload["issue_id"]
        return value

    @property
    def received_at(self) -> datetime:
        """When the issue was received and recorded."""
        return self.events[0].at

    @property
    def client(self) -> str:
        """The client who raised it (confidential: not in :meth:`summary` nor ``repr``)."""
        value: str = self.events[0].payload["client"]
        return value

    @property
    def contact(self) -> str:
        """The client's contact person and details (confidential)."""
        value: str = self.events[0].payload["contact"]
        return value

    @property
    def description(self) -> str:
        """What the client raised, as recorded (confidential)."""
        value: str = self.events[0].payload["description"]
        return value

    @property
    def channel(self) -> str:
        """How it arrived: one of :data:`CHANNELS`."""
        value: str = self.events[0].payload["channel"]
        return value

    @property
    def stage(self) -> str:
        """The current stage, one of :data:`ISSUE_STAGES`."""
        return self._state.stage

    @property
    def category(self) -> str | None:
        """inquiry / complaint / suggestion / other, once triaged."""
        return self._state.category

    @property
    def department(self) -> str | None:
        """The responsible department, once triaged."""
        return self._state.department

    @property
    def evidence(self) -> tuple[str, ...]:
        """Document ids of the evidence collected in the investigation."""
        return self._state.evidence

    @property
    def solution(self) -> str | None:
        """The solution the client was told, while it stands (a reopen withdraws it)."""
        return self._state.solution

    @property
    def accepted(self) -> bool:
        """Whether the client accepted the solution at the latest return visit."""
        return self._state.accepted

    @property
    def signature(self) -> str | None:
        """The id of the document the client signed accepting the resolution (I6)."""
        return self._state.signature

    @property
    def unfounded(self) -> bool:
        """Whether the complaint was found unfounded, explained and closed (I8)."""
        return self._state.unfounded

    @property
    def reopened(self) -> int:
        """How many times the client's dissatisfaction reopened the investigation."""
        return self._state.reopened

    @property
    def responded_at(self) -> datetime | None:
        """The first response to the client (a ``respond``, ``resolve`` or ``dismiss``)."""
        return self._state.responded_at

    @property
    def resolved_at(self) -> datetime | None:
        """When the standing solution was given (or the complaint dismissed)."""
        return self._state.resolved_at

    @property
    def followed_up_at(self) -> datetime | None:
        """The latest return visit after the standing solution."""
        return self._state.followed_up_at

    @property
    def closed_at(self) -> datetime | None:
        """When the issue closed."""
        return self._state.closed_at

    @property
    def root_cause(self) -> str | None:
        """The closing summary's root cause (I7)."""
        return self._state.root_cause

    @property
    def improvement(self) -> str | None:
        """The closing summary's improvement (I7)."""
        return self._state.improvement

    @property
    def prevention(self) -> str | None:
        """The closing summary's prevention of recurrence (I7)."""
        return self._state.prevention

    @property
    def is_open(self) -> bool:
        """Whether the issue is still being handled."""
        return self._state.stage not in _FINAL

    def allowed_triggers(self) -> tuple[str, ...]:
        """The triggers the machine allows in the current stage (gates may still refuse them).

        >>> from datetime import timezone
        >>> i = ClientIssue.receive(datetime(2025, 1, 6, 9, tzinfo=timezone.utc), "agency:Li",
        ...                         issue_id="X-1", client="C", description="a question")
        >>> i.allowed_triggers()
        ('respond', 'triage')
        """
        return tuple(_MACHINE.get_triggers(self.stage))

    # -- changes --------------------------------------------------------------

    def apply(self, event: Event, *, rulebook: Rulebook | None = None) -> ClientIssue:
        """The issue with ``event`` appended, checked as every trigger is; the triggers call it.

        Raises:
            TransitionNotAllowed: the event's kind is not allowed in this stage.
            ChronologyError: the event is dated before the last one.
            SignOffError: a ``sign_off`` by someone who is not the client.
            GateNotMet: every unmet requirement, each with its rule id.
            InvalidInputError: a malformed event or payload.
        """
        state = _step(self.events[0], self.events[-1], self._state, event, resolve_rulebook(rulebook))
        return ClientIssue._of((*self.events, event), state)

    def _do(
        self,
        at: datetime,
        actor: str,
        kind: IssueTrigger,
        payload: dict[str, Any],
        *,
        evidence: str | None,
        rulebook: Rulebook | None,
    ) -> ClientIssue:
        event = Event(at, _actor(actor), kind, payload, _optional_text(evidence, "evidence"))
        return self.apply(event, rulebook=rulebook)

    @classmethod
    def receive(
        cls,
        at: datetime,
        actor: str,
        *,
        issue_id: str,
        client: str,
        description: str,
        channel: str = "phone",
        contact: str = "",
        evidence: str | None = None,
    ) -> ClientIssue:
        """Receive and record a client issue (I1), in stage ``received``.

        Args:
            at: when it was received (aware).
            actor: who recorded it, ``"agency:name"``.
            issue_id: its number in the complaint register.
            client: the client (confidential).
            description: what the client raised (confidential).
            channel: one of :data:`CHANNELS`.
            contact: the client's contact person and details (confidential).
            evidence: the id of the message or register entry, if any.

        Raises:
            NaiveDatetimeError: ``at`` has no time zone.
            InvalidChoiceError: an unknown channel.
            InvalidInputError: empty id, client or description; wrong types.
        """
        payload = {
            "issue_id": _text(issue_id, "issue_id"),
            "client": _text(client, "client"),
            "contact": _text(contact, "contact"),
            "channel": _text(channel, "channel"),
            "description": _text(description, "description"),
        }
        event = Event(at, _actor(actor), "receive", payload, _optional_text(evidence, "evidence"))
        return cls((event,))

    def respond(
        self,
        at: datetime,
        actor: str,
        *,
        note: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Record a response to the client (the first one meets I1's deadline); the stage stays."""
        return self._do(
            at, actor, "respond", {"note": _text(note, "note")}, evidence=evidence, rulebook=rulebook
        )

    def triage(
        self,
        at: datetime,
        actor: str,
        *,
        category: str,
        department: str,
        notified: str,
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
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
            "category": _text(category, "category"),
            "department": _text(department, "department"),
            "notified": _text(notified, "notified"),
        }
        return self._do(at, actor, "triage", payload, evidence=evidence, rulebook=rulebook)

    def investigate(
        self,
        at: datetime,
        actor: str,
        *,
        note: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Open the investigation (I3): triaged → investigating."""
        return self._do(
            at, actor, "investigate", {"note": _text(note, "note")}, evidence=evidence, rulebook=rulebook
        )

    def add_evidence(
        self,
        at: datetime,
        actor: str,
        *,
        evidence: str | None = None,
        note: str = "",
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Record a piece of evidence by its document id (I3); the stage stays ``investigating``.

        Raises:
            GateNotMet: no document id (I3).
        """
        return self._do(
            at, actor, "add_evidence", {"note": _text(note, "note")}, evidence=evidence, rulebook=rulebook
        )

    def resolve(
        self,
        at: datetime,
        actor: str,
        *,
        solution: str = "",
        notice: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
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
            {"solution": _text(solution, "solution")},
            evidence=notice,
            rulebook=rulebook,
        )

    def dismiss(
        self,
        at: datetime,
        actor: str,
        *,
        explanation: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Close an unfounded complaint with the explanation given to the client (I8).

        Raises:
            GateNotMet: the issue is not a complaint, or no explanation (I8).
        """
        payload = {"explanation": _text(explanation, "explanation")}
        return self._do(at, actor, "dismiss", payload, evidence=evidence, rulebook=rulebook)

    def follow_up(
        self,
        at: datetime,
        actor: str,
        *,
        accepted: bool,
        note: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Record a return visit and whether the client accepts the solution (I5): resolved → feedback."""
        if not isinstance(accepted, bool):
            raise InvalidInputError(f"accepted must be True or False (got {accepted!r}).")
        payload = {"accepted": accepted, "note": _text(note, "note")}
        return self._do(at, actor, "follow_up", payload, evidence=evidence, rulebook=rulebook)

    def reopen(
        self,
        at: datetime,
        actor: str,
        *,
        reason: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """The client is not satisfied: withdraw the solution and investigate again.

        feedback → investigating; the return-visit deadline (I5) restarts with the next solution.
        """
        return self._do(
            at, actor, "reopen", {"reason": _text(reason, "reason")}, evidence=evidence, rulebook=rulebook
        )

    def sign_off(
        self,
        at: datetime,
        actor: str,
        *,
        document: str | None = None,
        note: str = "",
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """The client signs the accepted resolution (I6); the stage stays ``feedback``.

        Raises:
            SignOffError: ``actor`` is not the client's (``"client:name"``).
            GateNotMet: the client has not accepted the solution, or no signed document id (I6).
        """
        return self._do(
            at, actor, "sign_off", {"note": _text(note, "note")}, evidence=document, rulebook=rulebook
        )

    def close(
        self,
        at: datetime,
        actor: str,
        *,
        root_cause: str = "",
        improvement: str = "",
        prevention: str = "",
        evidence: str | None = None,
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Close with the summary (I7): feedback → closed.

        Raises:
            GateNotMet: listing every missing item — the client's acceptance (I5), a
                complaint's signature (I6), root cause, improvement, prevention (I7).
        """
        payload = {
            "root_cause": _text(root_cause, "root_cause"),
            "improvement": _text(improvement, "improvement"),
            "prevention": _text(prevention, "prevention"),
        }
        return self._do(at, actor, "close", payload, evidence=evidence, rulebook=rulebook)

    # -- deadlines and views -------------------------------------------------

    def deadlines(
        self, calendar: WorkCalendar, rulebook: Rulebook | None = None
    ) -> tuple[IssueDeadline, ...]:
        """The issue's deadlines on ``calendar``: first response (I1), resolution (I4), return visit (I5).

        I1 counts rule I1's ``response_hours`` by its ``clock`` (``"business"``,
        ``"elapsed"`` or ``"elapsed_rolled"``) from receipt; I4 is
        ``resolve_working_days`` after day 0 of the receipt, I5
        ``return_visit_working_days`` after day 0 of the standing solution, both
        at close of business (day 0: that day if a working day before close of
        business, else the next working day). The return visit is listed once a
        solution stands; a disabled rule gives no deadline.

        Raises:
            RulebookError: a rule's parameter is not a usable number.
            InvalidChoiceError: rule I1's clock is not one of the three.
            UnknownItemError: the rulebook has no rule I1, I4 or I5.
            CalendarRangeError: a deadline beyond the calendar's horizon.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {calendar!r}).")
        book = resolve_rulebook(rulebook)
        state, out = self._state, []
        if book.rule("I1").enabled:
            hours = timedelta(hours=_param(book, "I1", "response_hours", hours=True))
            clock = book.rule("I1").params.get("clock", "business")
            if clock not in _CLOCKS:
                raise InvalidChoiceError("rule I1's clock", clock, _CLOCKS)
            if clock == "business":
                due = calendar.add_business_hours(self.received_at, hours)
            else:
                due = calendar.add_elapsed_hours(self.received_at, hours, roll=clock == "elapsed_rolled")
            out.append(IssueDeadline("I1", "first response", due, state.responded_at))
        if book.rule("I4").enabled:
            n = _param(book, "I4", "resolve_working_days")
            day = calendar.add_working_days(_day_zero(calendar, self.received_at), n)
            out.append(IssueDeadline("I4", "solution", calendar.close_of_business(day), state.resolved_at))
        if book.rule("I5").enabled and state.resolved_at is not None and not state.unfounded:
            n = _param(book, "I5", "return_visit_working_days")
            day = calendar.add_working_days(_day_zero(calendar, state.resolved_at), n)
            due = calendar.close_of_business(day)
            out.append(IssueDeadline("I5", "return visit", due, state.followed_up_at))
        return tuple(out)

    def overdue(
        self, as_of: datetime, calendar: WorkCalendar, rulebook: Rulebook | None = None
    ) -> tuple[IssueDeadline, ...]:
        """The deadlines not met and past due at ``as_of`` (judged on the log as it stood then)."""
        view = self.as_of(as_of)
        if view is None:
            return ()
        return tuple(d for d in view.deadlines(calendar, rulebook) if d.status(as_of) == "overdue")

    def as_of(self, instant: datetime) -> ClientIssue | None:
        """The issue as it stood at ``instant`` (its events up to then), or ``None`` before receipt.

        Raises:
            NaiveDatetimeError: ``instant`` has no time zone.
        """
        now = require_aware(instant, "as_of")
        count = sum(1 for e in self.events if e.at <= now)
        if count == len(self.events):
            return self
        if count == 0:
            return None
        # A prefix of an accepted log was accepted step by step: fold it without re-checking gates,
        # which may have been relaxed by the rulebook it was written under.
        state = _State()
        for event in self.events[1:count]:
            state = _fold(state, event)
        return ClientIssue._of(self.events[:count], state)

    def summary(self) -> IssueSummary:
        """The confidential view (I9): everything but the client's details and free-text notes."""
        s = self._state
        return IssueSummary(
            issue_id=self.issue_id,
            stage=s.stage,
            category=s.category,
            department=s.department,
            channel=self.channel,
            received_at=self.received_at,
            responded_at=s.responded_at,
            resolved_at=s.resolved_at,
            closed_at=s.closed_at,
            unfounded=s.unfounded,
            reopened=s.reopened,
            evidence_count=len(s.evidence),
            root_cause=s.root_cause,
            improvement=s.improvement,
            prevention=s.prevention,
        )

    # -- serialisation ----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data: the schema version and the log (client details included)."""
        return {"schema": SCHEMA_VERSION, "events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, data: object, *, rulebook: Rulebook | None = None) -> ClientIssue:
        """Load an issue strictly, replaying and re-checking every event; nothing partial comes back.

        Raises:
            SchemaError: not an object with exactly ``schema`` and ``events``, an unknown schema
                version, a malformed event, events out of order, or a log the triggers would refuse.
        """
        if not isinstance(data, Mapping):
            raise SchemaError(f"a client issue must be an object (got {data!r}).")
        keys = {"schema", "events"}
        if set(data) != keys:
            extra, missing = sorted(set(data) - keys), sorted(keys - set(data))
            msg = (
                f"a client issue has unknown keys {extra} / missing keys {missing}; "
                "expected ['events', 'schema']."
            )
            raise SchemaError(msg)
        schema = data["schema"]
        if type(schema) is not int or schema != SCHEMA_VERSION:
            raise SchemaError(f"unknown client issue schema {schema!r}; this version reads {SCHEMA_VERSION}.")
        raw = data["events"]
        if not isinstance(raw, list) or not raw:
            raise SchemaError(f"a client issue's events must be a non-empty list (got {raw!r}).")
        events = tuple(Event.from_dict(e) for e in raw)
        book = resolve_rulebook(rulebook)
        try:
            return cls(events, rulebook=book)
        except SchemaError:
            raise
        except AdServiceError as error:
            msg = f"serialised client issue refused on replay: {error}"
            raise SchemaError(msg) from None


# -- portfolio statistics (顾客投诉分类统计表) -----------------------------------


@attrs.frozen
class ComplaintStatistics:
    """The complaint classification statistics (顾客投诉分类统计表, H3) as of an instant.

    Counts every issue received by ``as_of``, as it stood then. Client details
    never appear (I9). Untriaged issues count under the category ``"untriaged"``;
    unfounded complaints under the root cause ``"unfounded"``.

    Attributes:
        as_of: the instant the statistics describe.
        total, open, closed, unfounded: issue counts.
        overdue: open issues with at least one deadline past due and not met.
        by_category, by_department, by_root_cause: counts (keys sorted).
        overdue_by_rule: overdue deadlines per rule id (I1, I4, I5).
        late_by_rule: deadlines met, but after they fell due, per rule id.
    """

    as_of: datetime
    total: int
    open: int
    closed: int
    unfounded: int
    overdue: int
    by_category: Mapping[str, int] = attrs.field(hash=False)
    by_department: Mapping[str, int] = attrs.field(hash=False)
    by_root_cause: Mapping[str, int] = attrs.field(hash=False)
    overdue_by_rule: Mapping[str, int] = attrs.field(hash=False)
    late_by_rule: Mapping[str, int] = attrs.field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        data = {k: dict(v) if isinstance(v, Mapping) else v for k, v in attrs.asdict(self).items()}
        data["as_of"] = self.as_of.isoformat()
        return data


def complaint_statistics(
    issues: Iterable[ClientIssue],
    *,
    as_of: datetime,
    calendar: WorkCalendar,
    rulebook: Rulebook | None = None,
) -> ComplaintStatistics:
    """Count a portfolio's issues by category, department, root cause, open/closed and overdue.

    Args:
        issues: the issues (each id at most once).
        as_of: the instant to judge at; issues received later are left out, later events ignored.
        calendar: the calendar the deadlines run on.
        rulebook: the rulebook of the deadlines (default: the standard one).

    Raises:
        InvalidInputError: not issues, or one id twice.
        NaiveDatetimeError: ``as_of`` has no time zone.

    >>> from datetime import timezone
    >>> i = ClientIssue.receive(datetime(2025, 1, 6, 9, tzinfo=timezone.utc), "agency:Li",
    ...                         issue_id="X-1", client="C", description="a question")
    >>> stats = complaint_statistics([i], as_of=datetime(2025, 1, 8, tzinfo=timezone.utc),
    ...                              calendar=WorkCalendar("CN"))
    >>> stats.by_category["untriaged"], stats.overdue, dict(stats.overdue_by_rule)
    (1, 1, {'I1': 1})
    """
    now = require_aware(as_of, "as_of")
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {calendar!r}).")
    book = resolve_rulebook(rulebook)
    if isinstance(issues, (str, bytes, Mapping)) or not isinstance(issues, Iterable):
        raise InvalidInputError(f"issues must be an iterable of ClientIssue (got {issues!r}).")
    seen: set[str] = set()
    category: Counter[str] = Counter(dict.fromkeys(_categories(book), 0))
    department: Counter[str] = Counter()
    root: Counter[str] = Counter()
    overdue_rules: Counter[str] = Counter()
    late_rules: Counter[str] = Counter()
    total = open_ = unfounded = overdue = 0
    for issue in issues:
        if not isinstance(issue, ClientIssue):
            raise InvalidInputError(f"complaint_statistics counts ClientIssue values (got {issue!r}).")
        if issue.issue_id in seen:
            raise InvalidInputError(f"issue {issue.issue_id!r} appears twice; count each issue once.")
        seen.add(issue.issue_id)
        view = issue.as_of(now)
        if view is None:
            continue
        total += 1
        open_ += view.is_open
        unfounded += view.unfounded
        category[view.category or "untriaged"] += 1
        if view.department:
            department[view.department] += 1
        if view.unfounded:
            root["unfounded"] += 1
        elif view.root_cause:
            root[view.root_cause] += 1
        verdicts = [(d.rule_id, d.status(now)) for d in view.deadlines(calendar, book)]
        late_rules.update(r for r, v in verdicts if v == "late")
        late = [r for r, v in verdicts if v == "overdue"]
        overdue_rules.update(late)
        overdue += bool(late)

    def ordered(counts: Counter[str]) -> dict[str, int]:
        return dict(sorted(counts.items()))

    return ComplaintStatistics(
        as_of=now,
        total=total,
        open=open_,
        closed=total - open_,
        unfounded=unfounded,
        overdue=overdue,
        by_category=ordered(category),
        by_department=ordered(department),
        by_root_cause=ordered(root),
        overdue_by_rule=ordered(overdue_rules),
        late_by_rule=ordered(late_rules),
    )
