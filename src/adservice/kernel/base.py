"""The base every event-sourced object shares: one validation path, replay, as_of and serialisation.

A subclass names its :class:`~adservice.kernel.table.MachineTable` (``TABLE``), its
schema version, the header it saves beside the log, and one handler per event kind.
Every event — from a live method, :meth:`EventSourced.apply`, :meth:`EventSourced.replay`
or :meth:`EventSourced.from_dict` — goes through :meth:`EventSourced._append`, which
checks, in order: the instant (aware, a zone JSON carries, chronology by instant), the
actor (``party:name`` with a name), the kind and its stage, the party the table names,
the evidence the table requires, and the payload's exact keys and types; then the
subclass handler checks the gates and changes the state. A refused event changes nothing.

Mutation model (ADR 0006): methods append in place and return ``self``; ``replay``,
``as_of`` and ``from_dict`` build new objects. The state an object shows (``stage``,
``calendar``, ``rulebook``) is read-only: only an accepted event changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from adservice._frozen import FrozenDict
from adservice._json import exact_text
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    ChronologyError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    NaiveDatetimeError,
    SchemaError,
    SignOffError,
    TransitionNotAllowed,
    brief,
)
from adservice.kernel._checks import _SEEN, PARTIES, _plain_instant, check_payload, party_of
from adservice.kernel._limits import too_long
from adservice.kernel._log import WIDTH, Raw, as_event, event_at, rows
from adservice.kernel._serial import check_digest, log_digest, read_raw
from adservice.kernel.compiled import StepsByStage
from adservice.kernel.events import MAX_TEXT, Event, aware_instant, instant_text
from adservice.kernel.table import Action, MachineTable

__all__ = ["PARTIES", "EventSourced", "Raw", "check_payload", "log_digest", "party_of"]

_UTC = timezone.utc


#: Why the base refuses to be built or loaded bare (it has no table, no handlers, no header).
_BARE = "{} is the base of event-sourced objects; build or load an Engagement or a ClientIssue instead."


def _rule_of(error: Exception, action: Action | None) -> str | None:
    if isinstance(error, GateNotMet) and error.missing:
        return error.missing[0].rule_id
    cited = getattr(error, "rule_id", None)  # an error that names the rule it enforces (L13, I11...)
    if isinstance(cited, str) and cited:
        return cited
    if isinstance(error, ChronologyError):  # the log's order: no rule's own requirement
        return None
    return action.rule_id or None if action is not None else None


class EventSourced:
    """Base of every event-sourced object: a stage, a rulebook and calendar, and an append-only log.

    Subclasses set ``TABLE``, ``SCHEMA``, ``NAME`` and ``HANDLERS`` (kind -> ``handler(self, raw,
    party)``), and implement :meth:`_header` / :meth:`_from_header`.
    """

    __slots__ = ("_calendar", "_last", "_log", "_rulebook", "_stage")

    TABLE: ClassVar[MachineTable]
    SCHEMA: ClassVar[int]
    NAME: ClassVar[str]
    HANDLERS: ClassVar[Mapping[str, Callable[[Any, Raw, str], None]]]
    #: Older schema versions -> {old kind: new kind}, applied when such a log is loaded.
    RENAMED: ClassVar[Mapping[int, Mapping[str, str]]] = FrozenDict({})
    #: Older schema versions whose files carry the log's count and digest too (checked the same way).
    SEALED: ClassVar[frozenset[int]] = frozenset()

    _log: list[Any]  # flat: WIDTH slots per event (ADR 0005)
    _last: float  # no longer read (chronology compares the log's last instant); kept for subclasses
    _stage: Any
    _calendar: Any
    _rulebook: Any

    #: Stage -> {kind: compiled step} (:mod:`adservice.kernel.compiled`), per class, built when reached.
    _STEPS: ClassVar[StepsByStage]

    def __init__(self) -> None:
        """Refuse a bare base: only a subclass (with its table and handlers) is an object.

        Raises:
            InvalidInputError: always; build an ``Engagement`` or a ``ClientIssue`` instead.
        """
        raise InvalidInputError(_BARE.format(type(self).__name__))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._STEPS = StepsByStage(lambda: cls.TABLE, cls._handler_for)

    @classmethod
    def _handler_for(cls, stage: Any, kind: str) -> Callable[[Any, Raw, str], None] | None:
        """The handler of ``kind`` in ``stage`` (a subclass may hand out one specialised per stage)."""
        return cls.HANDLERS.get(kind)

    # -- the one way in ---------------------------------------------------------

    def _append(
        self, at: Any, actor: Any, kind: str, flat: tuple[Any, ...] = (), evidence: Any = None
    ) -> Any:
        """Check one event every way the table says, hand it to its handler, then log it.

        The fast way tests the whole event at once against the current stage's compiled
        step (one generated function tests the party, the evidence and the payload); anything
        it cannot prove right takes :meth:`_append_checked`, which runs the same rules one by
        one and names the first that refuses (or accepts the event).
        """
        try:
            step = self._STEPS[self._stage].get(kind)
        except (AttributeError, TypeError):  # not built by __init__, or no stage: the ordered way says so
            step = None
        party = _SEEN.get(actor) if actor.__class__ is str else None
        if step is None or party is None or at.__class__ is not datetime or not 1 < at.year < 9999:
            return self._append_checked(at, actor, kind, flat, evidence)
        tz = at.tzinfo
        log = self._log
        if log:
            prev = log[-WIDTH]
            if tz is not prev.tzinfo:  # another zone object: compared as instants (or refused below)
                in_order = tz.__class__ is timezone or (tz.__class__ is ZoneInfo and tz.key is not None)
                in_order = in_order and at >= prev
            elif tz.__class__ is timezone or at.utcoffset() == prev.utcoffset():
                in_order = at >= prev  # same offset: the wall clocks order the instants
            else:  # one zone, two offsets (a DST change between them): compare instants
                in_order = False
        else:
            in_order = tz.__class__ is timezone or (tz.__class__ is ZoneInfo and tz.key is not None)
        if not in_order or not step[0](party, flat, evidence):
            return self._append_checked(at, actor, kind, flat, evidence)
        raw = (at, actor, kind, flat, evidence)
        try:
            step[1](self, raw, party)  # gates first, then the state changes
        except OverflowError:
            msg = f"{brief(kind)} at {instant_text(at)} computes a date outside the range years 1..9999."
            raise CalendarRangeError(msg) from None
        log.extend(raw)
        return self

    def _append_checked(
        self, at: Any, actor: Any, kind: str, flat: tuple[Any, ...] = (), evidence: Any = None
    ) -> Any:
        """The rules of :meth:`_append` one by one, in order: the first that refuses is raised."""
        if not isinstance(getattr(self, "_log", None), list):
            msg = f"a {type(self).__name__} must be built by its constructor before events are added."
            raise InvalidInputError(msg)
        if (
            at.__class__ is not datetime
            or at.tzinfo.__class__ not in _ZONES
            or (at.tzinfo.__class__ is ZoneInfo and at.tzinfo.key is None)
        ):
            aware_instant(at)
            if at.__class__ is not datetime:  # a subclass (pandas.Timestamp): logged as a datetime
                at = _plain_instant(at)
        try:
            ts = at.timestamp()  # chronology by instant: wall clocks mislead in a DST fold
        except (OverflowError, ValueError):
            ts = _MIN_TS - 1
        if not _MIN_TS <= ts <= _MAX_TS:
            raise InvalidInputError(
                f"instant {brief(at)} is outside the range a log can hold (years 1..9999 in UTC)."
            )
        party = party_of(actor)
        if self._log and ts < self._log[-WIDTH].timestamp():
            last = event_at(self._log, len(self._log) - WIDTH)
            msg = (
                f"event {brief(kind)} at {instant_text(at)} is dated before the previous event "
                f"{brief(last[2])} at {instant_text(last[0])}; events must be appended in time order."
            )
            raise ChronologyError(msg)
        table = self.TABLE
        action = table.by_kind.get(kind)
        if action is None:
            raise InvalidChoiceError("an event kind", kind, table.kinds)
        if action.stages:
            if self._stage not in action.stages:
                raise TransitionNotAllowed(str(self._stage), kind, self.allowed_actions())
        elif table.move(self._stage, kind) is None:
            raise TransitionNotAllowed(str(self._stage), kind, table.allowed(self._stage))
        if action.party is not None and party != action.party:
            who = "the client" if action.party == "client" else "an agency member"
            rule = f" ({action.rule_id})" if action.rule_id else ""
            msg = f"{action.what or kind} must be done by {who}{rule}; {brief(actor)} is not {who}."
            if action.party == "client":
                msg += " An agency member cannot sign for the client."
            raise SignOffError(msg)
        if evidence.__class__ is str and len(evidence) > MAX_TEXT:
            raise too_long("evidence (a document id)", evidence)
        if evidence is not None and (
            evidence.__class__ is not str or not evidence.strip() or not exact_text(evidence)
        ):
            raise InvalidInputError(
                f"evidence must be a document id (non-empty text JSON can carry) or None "
                f"(got {brief(evidence)})."
            )
        if action.evidence and evidence is None:
            rule = f" ({action.rule_id})" if action.rule_id else ""
            msg = f"{action.what or kind} needs its document{rule}: pass evidence=<the document's id>."
            raise InvalidInputError(msg)
        if action.payload is not None:
            flat = check_payload(action, flat)
        handler = type(self)._handler_for(self._stage, kind)
        if handler is None:
            raise InvalidChoiceError("an event kind", kind, tuple(self.HANDLERS))
        raw = (at, actor, kind, flat, evidence)
        try:
            handler(self, raw, party)  # gates first, then the state changes
        except OverflowError:
            msg = f"{brief(kind)} at {instant_text(at)} computes a date outside the range years 1..9999."
            raise CalendarRangeError(msg) from None
        self._log.extend(raw)
        return self

    def apply(self, event: Event) -> Any:
        """Append an already-built event, checked exactly as the live method checks it; returns self.

        Raises:
            InvalidInputError: not an :class:`~adservice.kernel.events.Event`.
        """
        if not isinstance(event, Event):
            raise InvalidInputError(f"apply needs an Event (got {brief(event)}).")
        return self._append(event[0], event[1], event[2], event[3], event[4])

    # -- state: read-only, an event is the only way to change it (the log is the one source of truth) --

    @property
    def stage(self) -> Any:
        """The current stage (read-only: only an accepted event changes it)."""
        return self._stage

    @property
    def calendar(self) -> Any:
        """The working calendar deadlines count in, bound at construction (read-only; ``None`` for a
        client issue, whose deadlines are elapsed time)."""
        return self._calendar

    @property
    def rulebook(self) -> Any:
        """The rulebook bound at construction and saved with the object (read-only)."""
        return self._rulebook

    def allowed_actions(self) -> tuple[str, ...]:
        """The triggers and record kinds allowed in the current stage."""
        return (*self.TABLE.allowed(self.stage), *self.TABLE.records_in(self.stage))

    @property
    def events(self) -> tuple[Event, ...]:
        """The log, oldest first."""
        return tuple(map(as_event, rows(self._log)))

    def __len__(self) -> int:
        return len(self._log) // WIDTH

    @property
    def first_at(self) -> datetime | None:
        """When the first event happened (``None`` for an empty log)."""
        return self._log[0] if self._log else None

    @property
    def last_at(self) -> datetime | None:
        """When the latest event happened (``None`` for an empty log)."""
        return self._log[-WIDTH] if self._log else None

    # -- new objects from logs ----------------------------------------------------

    def _header(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def _from_header(cls, header: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    @classmethod
    def _replay_into(cls, obj: Any, events: Iterable[object]) -> Any:
        if isinstance(events, (str, bytes, Mapping)) or not isinstance(events, Iterable):
            raise InvalidInputError(f"events must be an iterable of Event values (got {brief(events)}).")
        append = obj._append
        for index, event in enumerate(events):
            if event.__class__ is not Event and not isinstance(event, Event):
                raise InvalidInputError(f"event {index} is not an Event (got {brief(event)}).")
            at, actor, kind, flat, evidence = event  # positional: a call the interpreter specialises
            append(at, actor, kind, flat, evidence)
        return obj

    def as_of(self, instant: datetime) -> Any:
        """A new object replaying the events dated at or before ``instant`` (compared as instants).

        Raises:
            NaiveDatetimeError: ``instant`` has no time zone.
            InvalidInputError: ``instant`` is not a datetime, lies outside years 1..9999 in UTC, or
                is in a zone a log cannot hold (named as ``as_of``, not as an event).
        """
        try:
            aware_instant(instant)
            ts = instant.timestamp()
        except NaiveDatetimeError:
            raise
        except (InvalidInputError, OverflowError, ValueError):
            if not isinstance(instant, datetime):
                raise InvalidInputError(f"as_of must be an aware datetime (got {brief(instant)}).") from None
            msg = (
                f"as_of {brief(instant)} is outside the range a log can hold (years 1..9999 in UTC) "
                "or in a zone a log cannot hold; pass an aware datetime in an IANA zone or a fixed offset."
            )
            raise InvalidInputError(msg) from None
        obj = self._from_header(self._header())
        append = obj._append
        for at, actor, kind, flat, evidence in rows(self._log):
            if at.timestamp() > ts:
                break
            append(at, actor, kind, flat, evidence)
        return obj

    # -- serialisation --------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data: schema, header, the log, its length and its digest."""
        events = [as_event(raw).to_dict() for raw in rows(self._log)]
        return {
            "schema": self.SCHEMA,
            **self._header_dict(),
            "events": events,
            "count": len(events),
            "digest": log_digest(events),
        }

    def _header_dict(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def _load_header(cls, data: Mapping[str, Any], version: int) -> Any:
        raise NotImplementedError

    @classmethod
    def from_dict(cls, data: object) -> Any:
        """Load and replay strictly; any fault refuses the whole load.

        Raises:
            SchemaError: unknown schema, keys or types; a count or digest that does not match the
                log (truncated or edited); an event the object refuses on replay (``index`` names
                it, ``rule_id`` the rule).
        """
        if not hasattr(cls, "TABLE"):
            raise InvalidInputError(_BARE.format(cls.__name__))
        if not isinstance(data, Mapping):
            raise SchemaError(f"{cls.NAME} must be an object (got {type(data).__name__}).")
        if not all(isinstance(k, str) for k in data):
            raise SchemaError(f"{cls.NAME}'s keys must be strings (got {sorted(map(repr, data))}).")
        version = data.get("schema")
        if version.__class__ is not int or (version != cls.SCHEMA and version not in cls.RENAMED):
            known = sorted({cls.SCHEMA, *cls.RENAMED})
            raise SchemaError(f"unknown schema {brief(version)} for {cls.NAME}; this version reads {known}.")
        events = data.get("events")
        if not isinstance(events, list):
            raise SchemaError(f"events must be a list (got {type(events).__name__}).")
        if version == cls.SCHEMA or version in cls.SEALED:
            if data.get("count").__class__ is not int or data.get("count") != len(events):
                raise SchemaError(
                    f"the file says {brief(data.get('count'))} events but holds {len(events)}: "
                    "truncated or edited."
                )
            check_digest(events, data.get("digest"))
        number: int = version  # checked above: an int, SCHEMA or a key of RENAMED
        obj = cls._load_header(data, number)
        renamed = cls.RENAMED.get(number, {})
        index = 0
        item: object = None
        try:
            append = obj._append
            for index in range(len(events)):
                item = events[index]
                if renamed:
                    item = cls._upgrade(item, renamed)
                # The usual event is read in place; anything else is frozen, checked and its fault
                # named (read_raw). Either then takes _append, the one validation path.
                at, actor, kind, flat, evidence = read_raw(item)
                append(at, actor, kind, flat, evidence)
        except SchemaError as error:
            raise SchemaError(f"event {index}: {error}", index=index, rule_id=error.rule_id) from None
        except (AdServiceError, ValueError, TypeError, LookupError) as error:
            kind = item.get("kind") if isinstance(item, Mapping) else None
            action = cls.TABLE.action(kind) if isinstance(kind, str) else None
            rule = _rule_of(error, action)
            cite = f" ({rule})" if rule else ""
            msg = f"event {index} ({getattr(action, 'kind', '?')}) is refused{cite}: {error}"
            raise SchemaError(msg, index=index, rule_id=rule) from None
        return obj

    @classmethod
    def _upgrade(cls, item: object, renamed: Mapping[str, str]) -> object:
        """An older schema's event in this schema's words (kind names)."""
        if isinstance(item, Mapping) and item.get("kind") in renamed:
            return {**item, "kind": renamed[item["kind"]]}
        return item


_ZONES = frozenset({timezone, ZoneInfo})
_MIN_TS = datetime.min.replace(tzinfo=_UTC).timestamp()
_MAX_TS = datetime.max.replace(tzinfo=_UTC).timestamp()
