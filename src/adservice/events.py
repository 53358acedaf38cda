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
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from adservice.errors import ChronologyError, InvalidInputError, NaiveDatetimeError, SchemaError

__all__ = ["Event", "JSONValue", "check_chronology", "check_json", "parse_instant"]

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


def _frozen_payload(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"an event's payload must be a mapping (got {value!r}).")
    data: dict[str, Any] = check_json(value)
    return data


@attrs.frozen
class Event:
    """One thing that happened to an engagement or client issue.

    Attributes:
        at: the instant it happened (aware).
        actor: who did it, ``"party:name"`` (e.g. ``"client:Wang Li"``, ``"agency:Chen (AE)"``).
        kind: what happened (a trigger or a record, e.g. ``"sign_off"``).
        payload: JSON-compatible details.
        evidence: the id of the document that proves it (signed letter, contract, e-mail).
    """

    at: datetime = attrs.field(converter=_aware)
    actor: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: str = attrs.field(validator=attrs.validators.instance_of(str))
    payload: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_payload, eq=True, hash=False)
    evidence: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )

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
