"""The checks an event's actor and payload pass (:func:`party_of`, :func:`check_payload`).

:class:`~adservice.kernel.base.EventSourced` runs them on every event, from a live method, ``apply``,
``replay`` or ``from_dict`` alike.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adservice._json import MAX_JSON_INT, exact_text
from adservice.errors import InvalidChoiceError, InvalidInputError, SchemaError, SignOffError, brief
from adservice.kernel._limits import too_long
from adservice.kernel.events import MAX_TEXT, aware_instant, parse_instant_text, thaw
from adservice.kernel.table import Action, Field

__all__ = ["PARTIES", "check_payload", "party_of"]

#: Who may act: ``"party:name"`` with one of these parties and a non-empty name.
PARTIES = ("client", "agency", "media")
_FROZEN = "\x00"
_SEEN: dict[str, str] = {}


def party_of(actor: object) -> str:
    """``"client"`` for ``"client:Wang"``; a party with no name (``"client:"``) is refused.

    Raises:
        InvalidInputError: not ``party:name`` text, or no name after the colon, or text longer
            than :data:`~adservice.kernel.events.MAX_TEXT`.
        InvalidChoiceError: an unknown party.
    """
    if actor.__class__ is str:
        hit = _SEEN.get(actor)
        if hit is not None:
            return hit
    if isinstance(actor, str) and len(actor) > MAX_TEXT:
        raise too_long("an actor", actor)
    if not isinstance(actor, str) or ":" not in actor or not exact_text(actor):
        msg = (
            f"actor must be 'party:name' with party one of {', '.join(PARTIES)}, as text JSON can carry "
            f"(UTF-8: no lone surrogate) (got {brief(actor)})."
        )
        raise InvalidInputError(msg)
    party, _, name = actor.partition(":")
    if party not in PARTIES:
        raise InvalidChoiceError("an actor's party", party, PARTIES)
    if not name.strip():
        raise SignOffError(f"actor {brief(actor)} names no person; a party acts through a named signatory.")
    if len(_SEEN) < 4096:
        _SEEN[actor] = party
    return party


def _plain_instant(at: datetime) -> datetime:
    """``at`` (an aware datetime of a subclass, such as ``pandas.Timestamp``) as a plain datetime.

    A log keeps plain datetimes, which round-trip through their text. A subclass with more than a
    datetime holds (a Timestamp's nanoseconds) is refused: saved and loaded, it would come back
    another instant.
    """
    plain = datetime(
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, at.tzinfo, fold=at.fold
    )
    if at.isoformat() != plain.isoformat():
        msg = (
            f"instant {at.isoformat()} is finer than a microsecond; a log holds datetimes to the "
            "microsecond (round it first)."
        )
        raise InvalidInputError(msg)
    return plain


def _instant_ok(text: object) -> bool:
    """Whether ``text`` is an instant a live call could have logged: aware, inside years 1..9999 in UTC."""
    try:
        aware_instant(parse_instant_text(text))
    except (SchemaError, InvalidInputError):
        return False
    return True


def _field_ok(field: Field, value: object) -> bool:
    kind = field.type
    if value.__class__ is str and len(value) > MAX_TEXT:
        return False
    if kind in ("text", "str", "date"):
        if value.__class__ is not str or value.startswith(_FROZEN) or not exact_text(value):
            return False
        if field.choices is not None and value not in field.choices:
            return False
        if kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                return False
            return len(value) == 10
        return kind == "str" or bool(value.strip())
    if kind == "bool":
        return value.__class__ is bool
    if kind == "int":
        low = -MAX_JSON_INT if field.minimum is None else field.minimum
        return value.__class__ is int and low <= value <= MAX_JSON_INT
    if value.__class__ is not str or not value.startswith(_FROZEN) or not exact_text(value):
        return False
    data = thaw(value)
    if kind == "texts":
        return isinstance(data, list) and bool(data) and all(isinstance(x, str) and x.strip() for x in data)
    if kind == "names":  # a list of non-empty strings, possibly empty
        return isinstance(data, list) and all(isinstance(x, str) and x.strip() for x in data)
    if kind == "instants":
        return isinstance(data, list) and all(isinstance(x, str) and _instant_ok(x) for x in data)
    if kind == "mapping":
        return isinstance(data, dict) and all(isinstance(x, str) for x in data.values())
    return isinstance(data, dict)  # "object"


#: id(action) -> (action, its payload keys in order): tables live as long as their modules.
_NAMES: dict[int, tuple[Action, tuple[str, ...]]] = {}


def check_payload(action: Action, flat: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a payload whose keys are not exactly the action's, or whose values have the wrong type.

    Returns:
        ``flat`` with its pairs in the order of the action's fields (so handlers may read by position).

    Raises:
        InvalidInputError: ``action`` is not an :class:`Action`, ``flat`` not a tuple, or the keys or
            value types are not the action's.

    Raises:
        InvalidInputError: naming the kind, the key and what is allowed.
        InvalidChoiceError: text outside the field's closed set of choices (as a live method says).
    """
    if not isinstance(action, Action) or not isinstance(flat, tuple):
        msg = f"check_payload needs an Action and a flat tuple (got {brief(action)}, {brief(flat)})."
        raise InvalidInputError(msg)
    fields = action.payload
    if fields is None:
        return flat
    keys = flat[::2]
    hit = _NAMES.get(id(action))
    if hit is None or hit[0] is not action:
        hit = _NAMES[id(action)] = (action, tuple(f.name for f in fields))
    names = hit[1]
    if len(flat) == 2 * len(names) and keys == names:  # the usual order: check by position
        for i, f in enumerate(fields):
            if not _field_ok(f, flat[2 * i + 1]):
                break
        else:
            return flat
    if len(flat) % 2 or len(keys) != len(fields) or set(keys) != set(names):
        expected = sorted(f.name for f in fields)
        got = sorted(map(str, keys))
        msg = f"a {brief(action.kind)} event carries payload keys {got}; expected exactly {expected}."
        raise InvalidInputError(msg)
    values = dict(zip(keys, flat[1::2], strict=True))
    for f in fields:
        if not _field_ok(f, values[f.name]):
            value = values[f.name]
            if value.__class__ is str and len(value) > MAX_TEXT:
                what = f"a {brief(action.kind)} event's {brief(f.name)}"
                raise too_long(what, value[1:] if value.startswith(_FROZEN) else value)
            if f.choices is not None and value.__class__ is str and not value.startswith(_FROZEN):
                # text outside a closed set: the error a live method raises for it
                raise InvalidChoiceError(f"a {brief(action.kind)} event's {brief(f.name)}", value, f.choices)
            allowed = f.type if f.choices is None else f"one of {list(f.choices)}"
            bound = f" >= {f.minimum}" if f.minimum is not None else ""
            if f.type == "instants":
                allowed = "a list of aware ISO 8601 instants (years 1..9999 in UTC)"
            elif f.type == "int":
                bound += " of at most 4300 digits"
            elif isinstance(values[f.name], str) and not exact_text(values[f.name]):
                bound += " that JSON can carry (UTF-8: no lone surrogate)"
            shown = _shown(values[f.name])
            msg = (
                f"a {brief(action.kind)} event's {brief(f.name)} must be {allowed}{bound} (got "
                f"{brief(shown)})."
            )
            raise InvalidInputError(msg)
    return tuple(x for f in fields for x in (f.name, values[f.name]))


def _shown(value: object) -> object:
    """A payload value as it was meant, for a message (frozen text that does not thaw: as is)."""
    try:
        return thaw(value)
    except ValueError:
        return value
