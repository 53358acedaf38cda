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

import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeAlias

from adservice.errors import ChronologyError, InvalidInputError, NaiveDatetimeError, SchemaError

__all__ = ["Event", "JSONValue", "Payload", "check_chronology", "check_json", "parse_instant"]

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"


def check_json(value: object, where: str = "payload") -> Any:
    """Return ``value`` if it is plain JSON-compatible data (finite numbers, str keys), else raise.

    Raises:
        InvalidInputError: anything that JSON cannot carry exactly.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(f"{where} holds {value!r}; JSON numbers must be finite.")
        return value
    if isinstance(value, (list, tuple)):
        return [check_json(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise InvalidInputError(f"{where} has key {k!r}; JSON object keys must be strings.")
            out[k] = check_json(v, f"{where}[{k!r}]")
        return out
    msg = f"{where} holds {value!r} of type {type(value).__name__}; only JSON-compatible data is allowed."
    raise InvalidInputError(msg)


def _aware(value: object) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidInputError(f"an event's instant must be an aware datetime (got {value!r}).")
    if value.tzinfo is None or value.utcoffset() is None:
        msg = f"an event's instant {value.isoformat()} has no time zone; events need aware datetimes."
        raise NaiveDatetimeError(msg)
    return value


def parse_instant(text: object, where: str = "instant") -> datetime:
    """An aware datetime from ISO 8601 text, or :class:`~adservice.errors.SchemaError`."""
    if not isinstance(text, str):
        raise SchemaError(f"{where} must be an ISO 8601 string (got {text!r}).")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise SchemaError(f"{where} {text!r} is not an ISO 8601 datetime.") from None
    if value.tzinfo is None:
        raise SchemaError(f"{where} {text!r} has no UTC offset; serialised instants are always aware.")
    return value


class Payload(Mapping[str, Any]):
    """A small read-only mapping for event payloads the library builds itself.

    ``Payload("job", "J1", "round", 2)`` holds ``{"job": "J1", "round": 2}`` in
    one flat tuple: about half the memory of a dict, which matters in logs of
    millions of events.

    >>> p = Payload("job", "J1", "round", 2)
    >>> p["round"], dict(p) == {"job": "J1", "round": 2}
    (2, True)
    """

    __slots__ = ("_flat",)

    def __init__(self, *flat: Any) -> None:
        if len(flat) % 2:
            raise InvalidInputError(f"a payload needs key, value pairs (got {len(flat)} items).")
        self._flat = flat

    def __getitem__(self, key: str) -> Any:
        flat = self._flat
        for i in range(0, len(flat), 2):
            if flat[i] == key:
                return flat[i + 1]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._flat[::2])

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __repr__(self) -> str:
        return repr(dict(self))


def _frozen_payload(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"an event's payload must be a mapping (got {value!r}).")
    data: dict[str, Any] = check_json(value)
    return data


class Event(tuple):  # type: ignore[type-arg]
    """One thing that happened to an engagement or client issue (immutable).

    Attributes:
        at: the instant it happened (aware).
        actor: who did it, ``"party:name"`` (e.g. ``"client:Wang Li"``, ``"agency:Chen (AE)"``).
        kind: what happened (a trigger or a record, e.g. ``"sign_off"``).
        payload: JSON-compatible details.
        evidence: the id of the document that proves it (signed letter, contract, e-mail).

    An event is a tuple underneath: logs hold millions of them, and a tuple is
    the smallest and fastest immutable record CPython has.
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
                raise InvalidInputError(f"an event's {name} must be a string (got {value!r}).")
        if evidence is not None and not isinstance(evidence, str):
            raise InvalidInputError(f"an event's evidence must be a string or None (got {evidence!r}).")
        data = _frozen_payload({} if payload is None else payload)
        return tuple.__new__(cls, (_aware(at), actor, kind, data, evidence))

    @classmethod
    def _trusted(
        cls, at: datetime, actor: str, kind: str, payload: Mapping[str, Any], evidence: str | None
    ) -> Event:
        """Build an event from values the library has already checked (skips the checks)."""
        return tuple.__new__(cls, (at, actor, kind, payload, evidence))

    at: datetime = property(itemgetter(0), doc="The instant it happened (aware).")  # type: ignore[assignment]
    actor: str = property(itemgetter(1), doc="Who did it, ``party:name``.")  # type: ignore[assignment]
    kind: str = property(itemgetter(2), doc="What happened.")  # type: ignore[assignment]
    payload: Mapping[str, Any] = property(itemgetter(3), doc="JSON-compatible details.")  # type: ignore[assignment]
    evidence: str | None = property(itemgetter(4), doc="The proving document's id.")  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return type(other) is Event and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Event(at={self.at.isoformat()}, actor={self.actor!r}, kind={self.kind!r}, "
            f"payload={dict(self.payload)!r}, evidence={self.evidence!r})"
        )

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    @property
    def party(self) -> str:
        """The actor's party: the text before ``:`` (``"client"``, ``"agency"``), or ``""``."""
        return self.actor.partition(":")[0] if ":" in self.actor else ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "at": self.at.isoformat(),
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
            raise SchemaError(f"an event must be an object (got {data!r}).")
        keys = {"at", "actor", "kind", "payload", "evidence"}
        if set(data) != keys:
            extra, missing = sorted(set(data) - keys), sorted(keys - set(data))
            raise SchemaError(
                f"an event has unknown keys {extra} / missing keys {missing}; expected {sorted(keys)}."
            )
        for key in ("actor", "kind"):
            if not isinstance(data[key], str):
                raise SchemaError(f"an event's {key} must be a string (got {data[key]!r}).")
        if data["evidence"] is not None and not isinstance(data["evidence"], str):
            raise SchemaError(f"an event's evidence must be a string or null (got {data['evidence']!r}).")
        try:
            return cls(
                parse_instant(data["at"], "an event's 'at'"),
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
        ChronologyError: naming both instants.
    """
    if events and new.at < events[-1].at:
        last = events[-1]
        msg = (
            f"event {new.kind!r} at {new.at.isoformat()} is dated before the previous event "
            f"{last.kind!r} at {last.at.isoformat()}; events must be appended in time order."
        )
        raise ChronologyError(msg)
