"""Client issues (客户问题): inquiries, complaints, suggestions and the rest, handled by the book.

A :class:`ClientIssue` is received and recorded, triaged (category decided, responsible department notified),
investigated with evidence, resolved (the client told the solution), followed up with a return visit where the
client accepts the result — a complaint's resolution is signed by the client — and closed with a summary of
root cause, improvement and prevention (H5, H3). An unfounded complaint is explained to the client and closed
(H3). Deadlines for the first response, the resolution and the return visit come from the rules I1–I11 of the
rulebook.

An issue is an event-sourced object on the shared kernel (:class:`~adservice.kernel.base.EventSourced`), like
an engagement: its machine is the declarative :data:`~adservice.issues.table.TABLE`; every method appends one
event in place after every check passed and returns the issue itself, so both ``issue.respond(...)`` and
``issue = issue.respond(...)`` record it; a refused step changes nothing. The rulebook is bound when the issue
is received and saved with it.

    >>> from datetime import date, datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice import WorkCalendar
    >>> SH = ZoneInfo("Asia/Shanghai")
    >>> issue = ClientIssue.receive(
    ...     datetime(2025, 9, 30, 16, tzinfo=SH), "agency:Li (AE)", issue_id="CI-2025-041",
    ...     client="Example Foods", contact="Ms Wang, 138-0000-0000", channel="phone",
    ...     description="The October poster shows last year's price.")
    >>> issue.triage(datetime(2025, 9, 30, 16, 30, tzinfo=SH), "agency:Li (AE)",
    ...              category="complaint", department="creative", notified="Zhao (creative director)")
    ClientIssue('CI-2025-041', stage='triaged', category='complaint', events=2)
    >>> issue.stage, issue.category
    ('triaged', 'complaint')
    >>> [(d.rule_id, d.due.isoformat()) for d in issue.deadlines(calendar=WorkCalendar("CN"))]
    [('I1', '2025-10-09T16:00:00+08:00'), ('I4', '2025-10-14T17:00:00+08:00')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, ClassVar

from adservice._frozen import FrozenDict
from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.deadlines import Due, issue_promise, issue_resolution, issue_response, issue_return_visit
from adservice.errors import InvalidInputError, RulebookError, SchemaError, brief
from adservice.issues._triggers import IssueTriggers
from adservice.issues._triggers import text as _text
from adservice.issues.state import IssueState, handle
from adservice.issues.table import TABLE
from adservice.issues.views import ComplaintStatistics, IssueSummary
from adservice.kernel.base import log_digest
from adservice.kernel.events import Event
from adservice.rulebook.book import Rulebook, resolve_rulebook

# ComplaintStatistics lives in adservice.issues.views; present/text.py still imports it from here.
__all__ = ["SCHEMA_VERSION", "ClientIssue", "ComplaintStatistics", "before_schema_3"]

#: Version 2 saves the rulebook, the event count and the log's digest; version 3 (issue 11) adds the
#: supervisor's approval (I10) and the promised date (I11); files of versions 1 and 2 still load, under
#: their rulebook without I10 and I11 (they were handled before those rules).
SCHEMA_VERSION = 3
_V1_KEYS = frozenset({"schema", "events"})
_V2_KEYS = frozenset({"schema", "rulebook", "events", "count", "digest"})
_NONE: Mapping[str, str] = FrozenDict({})


def before_schema_3(book: Rulebook) -> Rulebook:
    """``book`` without I10 and I11: how an issue saved before version 3 was handled.

    >>> before_schema_3(Rulebook.standard()).rule("I10").enabled
    False

    Raises:
        InvalidInputError: ``book`` is not a Rulebook.
    """
    book = resolve_rulebook(book)
    for rule_id in ("I10", "I11"):
        if rule_id in book.rules:
            book = book.without(rule_id)
    return book


def _check_seal(data: Mapping[str, Any]) -> None:
    events = data.get("events")
    count = data.get("count")
    if not isinstance(events, list) or count.__class__ is not int or count != len(events):
        raise SchemaError(f"the file says {brief(data.get('count'))} events but holds another number.")
    try:
        sealed = data.get("digest") == log_digest(events)
    except InvalidInputError:
        raise SchemaError("the log is not plain JSON data.") from None
    if not sealed:
        raise SchemaError("the log's digest does not match its events: the file was edited.")


class ClientIssue(IssueTriggers):
    """One client issue: its event log and what it folds into (H5, H3; rules I1–I11).

    Build one with :meth:`receive` and advance it with its triggers; each appends one event in place and
    returns the issue. ``ClientIssue(events)`` replays a log, checking every step exactly as the triggers do.

    Args:
        events: the log, oldest first; the first event is the ``"receive"``.
        rulebook: the rulebook whose gates and deadlines apply (default: the standard one);
            bound for the issue's life and saved with it.

    Raises:
        TransitionNotAllowed: a step not allowed in the stage it was taken in.
        GateNotMet: a step whose requirements were not met, listing each with its rule id.
        ChronologyError: an event dated before the one before it (compared as instants).
        SignOffError: a client sign-off by someone who is not the client, or an actor with no name.
        InvalidInputError: malformed events or payloads.

    >>> issue = ClientIssue.receive(datetime.fromisoformat("2025-01-06T09:00+08:00"), "agency:Li",
    ...                             issue_id="X-1", client="Huaxia", description="a question")
    >>> issue.stage, issue.category, issue.allowed_triggers()
    ('received', None, ('respond', 'triage', 'promise'))
    """

    __slots__ = ("_state",)

    TABLE: ClassVar = TABLE
    SCHEMA: ClassVar[int] = SCHEMA_VERSION
    NAME: ClassVar[str] = "a client issue"
    RENAMED: ClassVar[Mapping[int, Mapping[str, str]]] = FrozenDict({1: _NONE, 2: _NONE})  # kinds as named
    HANDLERS: ClassVar = FrozenDict(dict.fromkeys(TABLE.kinds, handle))

    _state: IssueState

    def __init__(self, events: Iterable[Event], *, rulebook: Rulebook | None = None) -> None:
        self._reset(resolve_rulebook(rulebook))
        self._replay_into(self, events)
        if not self._log:
            raise InvalidInputError("an issue's log starts with its 'receive' event (got no events).")

    def _reset(self, book: Rulebook) -> None:
        self._log = []
        self._last = float("-inf")
        self._stage = "new"
        self._calendar = None
        self._rulebook = book
        self._state = IssueState()

    @classmethod
    def _blank(cls, book: Rulebook) -> ClientIssue:
        issue = object.__new__(cls)
        issue._reset(book)
        return issue

    @classmethod
    def replay(cls, events: Iterable[Event], *, rulebook: Rulebook | None = None) -> ClientIssue:
        """A new issue from ``events`` (a whole log, or a prefix on purpose), every step checked.

        Raises the errors the :class:`ClientIssue` constructor raises.
        """
        return cls(events, rulebook=rulebook)

    def __repr__(self) -> str:
        # Confidential by default (I9): no client name, contact or description in logs and tracebacks.
        return (
            f"ClientIssue({brief(self.issue_id)}, "
            f"stage={brief(self.stage)}, category={brief(self.category)}, "
            f"events={len(self)})"
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not ClientIssue:
            return NotImplemented
        return self.rulebook == other.rulebook and self.events == other.events

    __hash__ = None  # type: ignore[assignment]  # it changes in place

    @property
    def _first(self) -> Mapping[str, Any]:
        flat = self._log[3]  # the first event's payload (a flat log: ADR 0005)
        return dict(zip(flat[::2], flat[1::2], strict=True))

    # -- what the log says --------------------------------------------------

    @property
    def issue_id(self) -> str:
        """The issue's id (the complaint register's number)."""
        value: str = self._first["issue_id"]
        return value

    @property
    def received_at(self) -> datetime:
        """When the issue was received and recorded."""
        return self._log[0]  # type: ignore[no-any-return]

    @property
    def client(self) -> str:
        """The client who raised it (confidential: not in :meth:`summary` nor ``repr``)."""
        value: str = self._first["client"]
        return value

    @property
    def contact(self) -> str:
        """The client's contact person and details (confidential)."""
        value: str = self._first["contact"]
        return value

    @property
    def description(self) -> str:
        """What the client raised, as recorded (confidential)."""
        value: str = self._first["description"]
        return value

    @property
    def channel(self) -> str:
        """How it arrived: one of :data:`CHANNELS`."""
        value: str = self._first["channel"]
        return value

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
        return bool(self.stage != "closed")

    def allowed_triggers(self) -> tuple[str, ...]:
        """The triggers the machine allows in the current stage (gates may still refuse them).

        >>> from datetime import timezone
        >>> i = ClientIssue.receive(datetime(2025, 1, 6, 9, tzinfo=timezone.utc), "agency:Li",
        ...                         issue_id="X-1", client="C", description="a question")
        >>> i.allowed_triggers()
        ('respond', 'triage', 'promise')
        """
        return TABLE.allowed(self.stage)

    # -- changes --------------------------------------------------------------

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
        rulebook: Rulebook | None = None,
    ) -> ClientIssue:
        """Receive and record a client issue (I1), in stage ``received``.

        Args:
            at: when it was received (aware).
            actor: who recorded it, ``"agency:name"``.
            issue_id: its number in the complaint register.
            client: the client (confidential).
            description: what the client raised (confidential).
            channel: one of :data:`~adservice.issues.table.CHANNELS`.
            contact: the client's contact person and details (confidential).
            evidence: the id of the message or register entry, if any.
            rulebook: the rulebook the issue is handled under (default: the standard one).

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
        issue = cls._blank(resolve_rulebook(rulebook))
        issue._do(at, actor, "receive", payload, evidence=evidence)  # type: ignore[arg-type]
        return issue

    # -- deadlines and views -------------------------------------------------

    def deadlines(self, *, calendar: WorkCalendar) -> tuple[Due, ...]:
        """The issue's deadlines on ``calendar`` under its rulebook, as :class:`~adservice.deadlines.Due`.

        The first response (I1, :func:`~adservice.deadlines.issue_response`) and the solution
        (I4, :func:`~adservice.deadlines.issue_resolution`) from receipt; once a solution stands
        (and the complaint was not dismissed as unfounded) the return visit (I5,
        :func:`~adservice.deadlines.issue_return_visit`) from that solution. Each carries the
        issue's id as its ``subject`` and, once met, ``done_at``. A disabled rule gives none.

        Args:
            calendar: the agency's calendar (keyword-only).

        Raises:
            InvalidInputError: ``calendar`` is not a WorkCalendar.
            RulebookError: a rule's parameter is not usable (named with the rule).
            CalendarRangeError: a deadline beyond the calendar's horizon.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
        s, who = self._state, self.issue_id
        common: dict[str, Any] = {"calendar": calendar, "rulebook": self.rulebook, "subject": who}
        found = [
            issue_response(self.received_at, done_at=s.responded_at, **common),
            issue_resolution(self.received_at, done_at=s.resolved_at, **common),
        ]
        if s.resolved_at is not None and not s.unfounded:
            found.append(issue_return_visit(s.resolved_at, done_at=s.followed_up_at, **common))
        if s.promised is not None:  # issue 11 §7: the solution promised by a day (I11)
            found.append(issue_promise(date.fromisoformat(s.promised), done_at=s.resolved_at, **common))
        return tuple(d for d in found if d is not None)

    def overdue(self, as_of: datetime, *, calendar: WorkCalendar) -> tuple[Due, ...]:
        """The deadlines not met and past due at ``as_of`` (judged on the log as it stood then)."""
        view = self.as_of(as_of)
        if view is None:
            return ()
        return tuple(d for d in view.deadlines(calendar=calendar) if d.status(as_of) == "overdue")

    def as_of(self, instant: datetime) -> ClientIssue | None:
        """A new issue: this one as it stood at ``instant`` (events up to then); ``None`` before receipt.

        Events are compared as instants (DST-fold safe). Unlike ``Engagement.as_of`` (an engagement's
        id is given when it is built: before its first event it is one with no events), an issue's
        identity comes from its first event, the receipt: before it there was no issue, so ``None``.

        Raises:
            NaiveDatetimeError: ``instant`` has no time zone.
        """
        now = require_aware(instant, "as_of")
        view: ClientIssue = super().as_of(now)
        return view if view._log else None

    def summary(self) -> IssueSummary:
        """The confidential view (I9): everything but the client's details and free-text notes."""
        s = self._state
        return IssueSummary(
            issue_id=self.issue_id,
            stage=self.stage,
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

    # -- the kernel's header: the rulebook -------------------------------------

    def _header(self) -> dict[str, Any]:
        return {"rulebook": self.rulebook}

    @classmethod
    def _from_header(cls, header: Mapping[str, Any]) -> ClientIssue:
        return cls._blank(header["rulebook"])

    def _header_dict(self) -> dict[str, Any]:
        return {"rulebook": None if self.rulebook == Rulebook.standard() else self.rulebook.to_dict()}

    @classmethod
    def _load_header(cls, data: Mapping[str, Any], version: int) -> ClientIssue:
        keys = _V2_KEYS if version >= 2 else _V1_KEYS | {"rulebook"}
        if set(data) != keys:
            extra, missing = sorted(set(data) - keys), sorted(keys - set(data))
            msg = (
                f"a client issue has unknown keys {extra} / missing keys {missing}; expected {sorted(keys)}."
            )
            raise SchemaError(msg)
        if not data["events"]:
            raise SchemaError("a client issue's events must be a non-empty list (got []).")
        raw = data["rulebook"]
        if raw is None or isinstance(raw, Rulebook):  # standard; or a version-1 file's given rulebook
            book = Rulebook.standard() if raw is None else raw
        else:
            try:
                book = Rulebook.from_dict(raw)
            except SchemaError:
                raise
            except (RulebookError, InvalidInputError) as error:
                raise SchemaError(f"a client issue's rulebook is invalid: {error}") from None
        return cls._blank(book if version == SCHEMA_VERSION else before_schema_3(book))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data: schema 3, rulebook (``None``: standard), the log, its count and digest.

        Client details are included: keep the file confidential (I9).
        """
        data: dict[str, Any] = super().to_dict()
        return data

    @classmethod
    def from_dict(cls, data: object, *, rulebook: Rulebook | None = None) -> ClientIssue:
        """Load an issue strictly, replaying and re-checking every event; nothing partial comes back.

        Args:
            data: what :meth:`to_dict` wrote (schema 2), or a version-1 file (no rulebook, count
                nor digest).
            rulebook: only for a version-1 file, which did not save one; a version-2 file
                carries its own, and a different one given here is refused.

        Raises:
            SchemaError: unknown keys or schema version; a count or digest that does not match
                (truncated or edited); an event the issue refuses on replay (``index`` names it,
                ``rule_id`` the rule).
        """
        given = None if rulebook is None else resolve_rulebook(rulebook)
        if isinstance(data, Mapping) and data.get("schema") == 2:  # sealed like version 3
            _check_seal(data)
        if isinstance(data, Mapping) and data.get("schema") == 1:
            if set(data) != _V1_KEYS:
                extra, missing = sorted(map(repr, set(data) - _V1_KEYS)), sorted(_V1_KEYS - set(data))
                msg = f"a client issue (schema 1) has unknown keys {extra} / missing keys {missing}."
                raise SchemaError(msg)
            data = {**data, "rulebook": given}
        issue: ClientIssue = super().from_dict(data)
        if given is not None and issue.rulebook not in (given, before_schema_3(given)):
            msg = "this client issue file carries its own rulebook, which differs from the one given."
            raise SchemaError(msg)
        return issue
