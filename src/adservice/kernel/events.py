"""Immutable events: what happened, when, who did it, and the document that proves it.

An engagement (and a client issue) is the fold of its append-only log of
:class:`Event` values. Events serialise to plain JSON-compatible data.

    >>> from datetime import datetime, timezone
    >>> e = Event(datetime(2025, 9, 26, 10, tzinfo=timezone.utc), "client:Wang", "work_order",
    ...           {"job": "BJ-202509-01"}, evidence="WO-0042")
    >>> Event.from_dict(e.to_dict()) == e
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from itertools import chain
from operator import itemgetter
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from adservice._json import check_json, compact_dumps, exact_text, parse_instant
from adservice.calendar.workcalendar import exact_instant
from adservice.errors import ChronologyError, InvalidInputError, NaiveDatetimeError, SchemaError, brief
from adservice.kernel._limits import MAX_TEXT, too_long

__all__ = [
    "MAX_DEPTH",
    "MAX_TEXT",
    "MAX_VALUES",
    "Event",
    "JSONValue",
    "Payload",
    "aware_instant",
    "check_chronology",
    "check_json",
    "flatten",
    "freeze",
    "instant_text",
    "parse_instant",
    "parse_instant_text",
    "shared_text",
    "thaw",
]

#: Payloads nest at most this deep, and hold at most this many values, so no payload
#: can exhaust the stack or memory when it is checked, frozen or serialised.
MAX_DEPTH = 32
MAX_VALUES = 10_000
JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"


def aware_instant(value: object) -> datetime:
    """``value`` if it is an aware datetime whose zone JSON can carry (IANA key or fixed offset)."""
    if not isinstance(value, datetime):
        raise InvalidInputError(f"an event's instant must be an aware datetime (got {brief(value)}).")
    tz = value.tzinfo
    if tz is None or value.utcoffset() is None:
        msg = f"an event's instant {value.isoformat()} has no time zone; events need aware datetimes."
        raise NaiveDatetimeError(msg)
    # exactly these classes: a subclass may answer other offsets than the zone its key names
    if tz.__class__ is not timezone and not (tz.__class__ is ZoneInfo and tz.key):
        msg = (
            f"an event's instant {brief(value)} uses time zone {brief(tz)}; a log holds instants in an IANA "
            "zone (zoneinfo.ZoneInfo) or a fixed offset (datetime.timezone) so they round-trip."
        )
        raise InvalidInputError(msg)
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidInputError(
            f"an event's instant {brief(value)} is outside the datetime range in UTC."
        ) from None
    return value


def instant_text(at: datetime) -> str:
    """An aware instant as lossless text: ISO 8601 with offset, and the IANA zone key in brackets.

    >>> from zoneinfo import ZoneInfo
    >>> t = datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=ZoneInfo("America/New_York"))
    >>> instant_text(t)
    '2025-11-02T01:10:00-05:00[America/New_York]'
    >>> parse_instant_text(instant_text(t)).fold
    1

    Raises:
        InvalidInputError: ``at`` is not a datetime.
        NaiveDatetimeError: ``at`` is naive.
    """
    if not isinstance(at, datetime):
        raise InvalidInputError(f"instant_text needs an aware datetime (got {brief(at)}).")
    if at.utcoffset() is None:
        raise NaiveDatetimeError(f"instant_text needs an aware datetime (got naive {brief(at)}).")
    tz = at.tzinfo
    if isinstance(tz, ZoneInfo):
        return f"{at.isoformat()}[{tz.key}]"
    return at.isoformat()


def parse_instant_text(text: object, where: str = "an event's 'at'") -> datetime:
    """The instant :func:`instant_text` wrote (plain ISO 8601 with an offset is read too).

    Raises:
        SchemaError: not ISO 8601 with an offset, an unknown zone key, or an offset the zone
            does not have at that wall time.
    """
    if isinstance(text, str) and text.endswith("]") and "[" in text:
        body, _, key = text[:-1].partition("[")
        fixed = parse_instant(body, where)
        try:
            zone = ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            raise SchemaError(f"{where} {brief(text)} names unknown time zone {brief(key)}.") from None
        try:
            local = fixed.astimezone(zone)
        except OverflowError:
            raise SchemaError(f"{where} {brief(text)} is outside the datetime range.") from None
        if local.replace(tzinfo=None) != fixed.replace(tzinfo=None):
            # A wall time in a gap (skipped by a clock change) has no instant of its own: fold says
            # which offset it was read with (PEP 495), and instant_text wrote that offset.
            offset = fixed.utcoffset()
            for fold in (0, 1):
                wall = fixed.replace(tzinfo=zone, fold=fold)
                if wall.utcoffset() == offset:
                    return wall
            raise SchemaError(f"{where} {brief(text)}: zone {key} does not have that offset at that time.")
        return local
    return parse_instant(text, where)


class Payload(Mapping[str, Any]):
    """The read-only mapping view of an event's payload.

    An event keeps its payload as one flat tuple of keys and values,
    ``("job", "J1", "round", 2)``; :attr:`Event.payload` wraps it in this view.
    A flat tuple of plain values is about half the memory of a dict, and the
    garbage collector stops tracking it, which matters in logs of millions of
    events.

    >>> p = Payload("job", "J1", "round", 2)
    >>> p["round"], p.get("late"), dict(p) == {"job": "J1", "round": 2}
    (2, None, True)
    """

    __slots__ = ("_flat",)

    def __init__(self, *flat: Any) -> None:
        if len(flat) % 2:
            raise InvalidInputError(f"a payload needs key, value pairs (got {len(flat)} items).")
        self._flat = flat

    @classmethod
    def _of(cls, flat: tuple[Any, ...]) -> Payload:
        view = object.__new__(cls)
        view._flat = flat
        return view

    def __getitem__(self, key: str) -> Any:
        flat = self._flat
        for i in range(0, len(flat), 2):
            if flat[i] == key:
                return thaw(flat[i + 1])
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The value under ``key`` (thawed: lists and dicts as written), or ``default``."""
        flat = self._flat
        for i in range(0, len(flat), 2):
            if flat[i] == key:
                return thaw(flat[i + 1])
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._flat[::2])

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __repr__(self) -> str:
        return repr(dict(self))


def flatten(payload: Mapping[str, Any]) -> tuple[Any, ...]:
    """A payload mapping as the flat ``(key, value, ...)`` tuple events keep, in the mapping's order.

    >>> flatten({"item": "print_single", "rush": True})
    ('item', 'print_single', 'rush', True)

    Raises:
        InvalidInputError: ``payload`` is not a mapping with string keys.
    """
    if payload.__class__ is dict:  # the usual case: text keys, read without a generator
        for key in payload:
            if key.__class__ is not str:
                break
        else:
            return tuple(chain.from_iterable(payload.items()))
    if not isinstance(payload, Mapping):
        raise InvalidInputError(f"a payload must be a mapping (got {brief(payload)}).")
    if not all(isinstance(k, str) for k in payload):
        raise InvalidInputError(f"a payload's keys must be strings (got {brief(list(payload))}).")
    return tuple(x for pair in payload.items() for x in pair)


#: Starts the text of a frozen JSON array or object (a plain string starting with it is frozen too).
_FROZEN = "\x00"


def freeze(value: Any) -> Any:
    r"""A payload value as an event keeps it: arrays and objects as frozen JSON text, the rest as is.

    What an event holds is then immutable all the way down, and nothing in it
    is tracked by the garbage collector (a tuple holding only strings, numbers
    and datetimes drops out of its lists). :func:`thaw` gives the value back.
    The frozen text starts with a NUL character, which ordinary text never does;
    a string that does is frozen too, so that no two values freeze alike.

    >>> freeze(["J1", "J2"])
    '\x00["J1","J2"]'
    >>> thaw(freeze({"jobs": ["J1", "J2"], "round": 2}))
    {'jobs': ['J1', 'J2'], 'round': 2}
    >>> freeze("J1"), thaw(freeze("\x00J1")) == "\x00J1"
    ('J1', True)

    Raises:
        InvalidInputError: a value JSON cannot carry exactly, or whose frozen text is longer
            than :data:`MAX_TEXT`.
    """
    cls = value.__class__
    if (cls is list and len(value) <= MAX_VALUES and all(x.__class__ is str for x in value)) or (
        cls is dict
        and len(value) <= MAX_VALUES // 2
        and all(k.__class__ is str and v.__class__ is str for k, v in value.items())
    ):
        text = _encode(value)  # flat strings: plain JSON already, bounded by its length
        if exact_text(text):
            return _shared(_bounded_text(_FROZEN + text))
    if isinstance(value, (list, tuple, Mapping)) or (isinstance(value, str) and value.startswith(_FROZEN)):
        _bounded(value)
        return _shared(_bounded_text(_FROZEN + _encode(check_json(value))))
    return value


def _bounded_text(frozen: str) -> str:
    if len(frozen) > MAX_TEXT:
        raise too_long("a nested payload value's JSON text", frozen[1:])
    return frozen


#: Short texts a log repeats (actors, kinds, payload keys, frozen teams and job lists), one object each.
_TEXTS: dict[str, str] = {}


def shared_text(text: str) -> str:
    """One string object for equal short texts (a bounded memo, like ``sys.intern``): logs repeat
    actors, kinds, keys, teams and job lists, and one object each keeps them small and quick to compare.

    >>> a, b = "".join(["agency:", "Chen"]), "".join(["agency:", "Chen"])
    >>> a is b, shared_text(a) is shared_text(b)
    (False, True)
    """
    if text.__class__ is not str:
        raise InvalidInputError(f"shared_text needs a str (got {brief(text)}).")
    if len(text) > 256:
        return text
    hit = _TEXTS.get(text)
    if hit is None:
        if len(_TEXTS) >= 8192:
            _TEXTS.clear()
        hit = _TEXTS[text] = text
    return hit


_shared = shared_text


#: ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, built once.
_encode = compact_dumps(sort_keys=False)


def _bounded(value: object) -> None:
    """Refuse a value nested deeper than :data:`MAX_DEPTH`, holding more than :data:`MAX_VALUES`
    or a text longer than :data:`MAX_TEXT`.

    Walks iteratively, so a value nested 10,000 deep is refused, not a RecursionError.
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    count = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise InvalidInputError(f"a payload holds more than {MAX_VALUES} values; keep payloads small.")
        if item.__class__ is str and len(item) > MAX_TEXT:
            raise too_long("a payload's text", item)
        if isinstance(item, (list, tuple, Mapping)):
            if depth >= MAX_DEPTH:
                raise InvalidInputError(f"a payload nests deeper than {MAX_DEPTH} levels; flatten it.")
            children = item.values() if isinstance(item, Mapping) else item
            stack.extend((child, depth + 1) for child in children)


def thaw(value: Any) -> Any:
    """The value a :func:`freeze` result stands for (fresh lists and dicts each time)."""
    if value.__class__ is str and value.startswith(_FROZEN):
        try:  # the scanner reads from after the mark, without copying the text
            data, end = _scan(value, 1)
            if end == len(value):
                return data
        except (StopIteration, ValueError):
            pass
        return json.loads(value[1:])  # not one JSON value: json names the fault
    return value


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set by its __init__


def _flat_payload(value: object) -> tuple[Any, ...]:
    if isinstance(value, Payload):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"an event's payload must be a mapping (got {brief(value)}).")
    _bounded(value)
    data: dict[str, Any] = check_json(value)
    return tuple(x for key, item in data.items() for x in (key, freeze(item)))


class Event(tuple):  # type: ignore[type-arg]
    """One thing that happened to an engagement or client issue (immutable).

    Attributes:
        at: the instant it happened (aware).
        actor: who did it, ``"party:name"`` (e.g. ``"client:Wang Li"``, ``"agency:Chen (AE)"``).
        kind: what happened (a trigger or a record, e.g. ``"sign_off"``).
        payload: JSON-compatible details, as a read-only mapping.
        evidence: the id of the document that proves it (signed letter, contract, e-mail).

    An event is a tuple underneath, ``(at, actor, kind, flat_payload, evidence)``
    with the payload flattened to ``(key, value, ...)``: logs hold millions of
    them, and a tuple is the smallest and fastest immutable record CPython has.
    Two events are equal when their fields are, whatever the order of the
    payload's keys.

    >>> from adservice.demo import demo_engagement
    >>> event = demo_engagement().events[0]
    >>> event.kind, event.actor, event.party, event.at.isoformat()
    ('meeting', 'agency:Li Na (AE)', 'agency', '2026-01-05T11:00:00+08:00')
    """

    __slots__ = ()

    def __new__(
        cls,
        at: datetime,
        actor: str,
        kind: str,
        payload: Mapping[str, Any] | None = None,
        evidence: str | None = None,
    ) -> Event:
        for name, value in (("actor", actor), ("kind", kind)):
            if not isinstance(value, str):
                raise InvalidInputError(f"an event's {name} must be a string (got {brief(value)}).")
        if evidence is not None and not isinstance(evidence, str):
            raise InvalidInputError(f"an event's evidence must be a string or None (got {brief(evidence)}).")
        flat = _flat_payload({} if payload is None else payload)
        return tuple.__new__(cls, (aware_instant(at), actor, kind, flat, evidence))

    at: datetime = property(itemgetter(0), doc="The instant it happened (aware).")  # type: ignore[assignment]
    actor: str = property(itemgetter(1), doc="Who did it, ``party:name``.")  # type: ignore[assignment]
    kind: str = property(itemgetter(2), doc="What happened.")  # type: ignore[assignment]
    evidence: str | None = property(itemgetter(4), doc="The proving document's id.")  # type: ignore[assignment]

    @property
    def payload(self) -> Mapping[str, Any]:
        """JSON-compatible details (a read-only view)."""
        return Payload._of(self[3])

    def __eq__(self, other: object) -> bool:
        if type(other) is not Event:
            return False
        at, other_at = self[0], other[0]
        if at.tzinfo is other_at.tzinfo and at.fold == other_at.fold and tuple.__eq__(self, other):
            return True  # one zone, one fold: == on the wall clocks is == on the instants
        # The same instant in another offset or fold (== on datetimes ignores fold in one zone and
        # calls a repeated wall time unequal to itself in another: PEP 495), or the same payload in
        # another key order, is the same event.
        return (
            exact_instant(at) == exact_instant(other_at)
            and self[1:3] == other[1:3]
            and self[4] == other[4]
            and len(self[3]) == len(other[3])
            and dict(self.payload) == dict(other.payload)
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Event(at={self.at.isoformat()}, actor={brief(self.actor)}, kind={brief(self.kind)}, "
            f"payload={brief(dict(self.payload))}, evidence={brief(self.evidence)})"
        )

    def __getnewargs__(self) -> tuple[Any, ...]:
        return (self[0], self[1], self[2], dict(self.payload), self[4])

    @property
    def party(self) -> str:
        """The actor's party: the text before ``:`` (``"client"``, ``"agency"``), or ``""``."""
        return self.actor.partition(":")[0] if ":" in self.actor else ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "at": instant_text(self.at),
            "actor": self.actor,
            "kind": self.kind,
            "payload": dict(self.payload),
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, data: object) -> Event:
        """Load one event strictly: exactly the keys of :meth:`to_dict`, right types.

        Raises:
            SchemaError: unknown or missing keys, wrong types, a naive instant.
        """
        if not isinstance(data, Mapping):
            raise SchemaError(f"an event must be an object (got {brief(data)}).")
        keys = {"at", "actor", "kind", "payload", "evidence"}
        if set(data) != keys:
            extra, missing = sorted(set(data) - keys), sorted(keys - set(data))
            raise SchemaError(
                f"an event has unknown keys {extra} / missing keys {missing}; expected {sorted(keys)}."
            )
        for key in ("actor", "kind"):
            if not isinstance(data[key], str):
                raise SchemaError(f"an event's {key} must be a string (got {brief(data[key])}).")
        if data["evidence"] is not None and not isinstance(data["evidence"], str):
            raise SchemaError(
                f"an event's evidence must be a string or null (got {brief(data['evidence'])})."
            )
        try:
            return cls(
                parse_instant_text(data["at"], "an event's 'at'"),
                data["actor"],
                data["kind"],
                data["payload"],
                data["evidence"],
            )
        except InvalidInputError as error:
            raise SchemaError(str(error)) from None


def check_chronology(events: Sequence[Event], new: Event) -> None:
    """Refuse ``new`` if it is dated before the last event of ``events``.

    Raises:
        InvalidInputError: ``events`` is not a sequence of events or ``new`` is not an event.
        ChronologyError: naming both instants.
    """
    if not isinstance(events, Sequence) or not isinstance(new, Event):
        raise InvalidInputError(
            f"check_chronology needs a sequence of events and an Event (got {brief(new)})."
        )
    if events and not isinstance(events[-1], Event):
        raise InvalidInputError(
            f"check_chronology: the last event is not an Event (got {brief(events[-1])})."
        )
    if events and new.at.astimezone(timezone.utc) < events[-1].at.astimezone(timezone.utc):
        last = events[-1]
        msg = (
            f"event {brief(new.kind)} at {new.at.isoformat()} is dated before the previous event "
            f"{brief(last.kind)} at {last.at.isoformat()}; events must be appended in time order."
        )
        raise ChronologyError(msg)
