"""Saved logs: the digest that seals them and the reading of a saved event as the logged tuple.

Private to the kernel: :class:`~adservice.kernel.base.EventSourced` uses it to save
and load; :func:`log_digest` is re-exported by
:mod:`adservice.kernel.base`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from adservice._json import check_json, compact_dumps
from adservice.errors import InvalidInputError, SchemaError
from adservice.kernel.events import Event, aware_instant, freeze, parse_instant_text, shared_text

__all__ = ["INSTANTS", "check_digest", "instant_of", "log_digest", "raw_of", "read_raw"]

_FROZEN = "\x00"
Raw = tuple[Any, ...]


#: ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``, built once.
_dumps = compact_dumps(sort_keys=True)


def _canonical(events: Sequence[Mapping[str, Any]]) -> bytes:
    return _dumps(events).encode()


def log_digest(events: Sequence[Mapping[str, Any]]) -> str:
    """The sha256 of a serialised log's canonical JSON, as hex: what ``to_dict`` writes as ``digest``.

    Canonical JSON is the log with sorted keys, no spaces and UTF-8 text: any tool in any
    language can check a saved file, and a file whose keys were merely reordered still
    loads, while any changed value, removed key or truncated log is refused.

    Raises:
        InvalidInputError: ``events`` is not plain JSON data.
    """
    try:
        return hashlib.sha256(_canonical(events)).hexdigest()
    except (TypeError, ValueError, RecursionError):
        raise InvalidInputError(f"a log must be plain JSON data (got {type(events).__name__}).") from None


def check_digest(events: list[Any], digest: object) -> None:
    """Refuse a log whose digest is not :func:`log_digest`'s: the file was truncated or edited."""
    try:
        if digest == log_digest(events):
            return
    except InvalidInputError:
        raise SchemaError("the log is not plain JSON data.") from None
    raise SchemaError("the log's digest does not match its events: the file was edited.")


_PLAIN = frozenset({int, bool, type(None)})
INSTANTS: dict[str, datetime] = {}
#: One ``timezone`` object per fixed offset read from files: ``fromisoformat`` makes a new one per
#: instant, and instants of one zone object compare (and are kept) cheaper than of 47 equal ones.
_OFFSETS: dict[timezone, timezone] = {}


def _shared_zone(at: datetime) -> datetime:
    """``at`` with the one shared ``timezone`` object of its offset (a ZoneInfo is shared already)."""
    tz = at.tzinfo
    if tz.__class__ is not timezone:
        return at
    shared = _OFFSETS.get(tz)
    if shared is None:
        if len(_OFFSETS) > 256:
            _OFFSETS.clear()
        shared = _OFFSETS[tz] = tz
    return at if shared is tz else at.replace(tzinfo=shared)


def _five(item: object) -> tuple[str, str, str, dict[str, Any], str | None] | None:
    """A saved event's five fields when it is a dict of exactly them with the plain types, else None.

    Text instant, actor and kind, a payload object, text or null evidence: what both readers
    below take in place; anything else goes to :meth:`Event.from_dict`, which names the fault.
    """
    if item.__class__ is not dict or len(item) != 5:
        return None
    data: dict[str, Any] = item
    try:
        text, actor, kind, payload, evidence = (
            data["at"],
            data["actor"],
            data["kind"],
            data["payload"],
            data["evidence"],
        )
    except KeyError:  # five keys, not these five
        return None
    if (
        text.__class__ is not str
        or actor.__class__ is not str
        or kind.__class__ is not str
        or payload.__class__ is not dict
        or (evidence is not None and evidence.__class__ is not str)
    ):
        return None
    # Actors, kinds and payload keys repeat across a log: one string object each (less memory, and
    # the lookups by kind and actor compare identical objects).
    return text, shared_text(actor), shared_text(kind), payload, evidence


def raw_of(item: object) -> Raw:
    """A serialised event as the logged tuple, checked as :meth:`Event.from_dict` checks it.

    The common case (a plain dict of plain values) is read without building an
    :class:`Event`; anything else takes :meth:`Event.from_dict`, which names the fault.
    """
    fields = _five(item)
    if fields is None:
        return tuple(Event.from_dict(item))
    text, actor, kind, payload, evidence = fields
    at = INSTANTS.get(text)
    if at is None:
        at = instant_of(text)
    if not payload:
        return (at, actor, kind, (), evidence)
    flat: list[Any] = []
    add = flat.extend
    for key, value in payload.items():
        cls = value.__class__
        if key.__class__ is not str:
            return tuple(Event.from_dict(item))
        if (cls is str and (value == "" or value[0] != _FROZEN)) or cls in _PLAIN:
            add((shared_text(key), value))
        else:  # nested, frozen-looking or float: the checked way (bounds, finiteness)
            try:
                add((shared_text(key), freeze(value) if cls is not float else check_json(value)))
            except InvalidInputError as error:
                raise SchemaError(str(error)) from None
    return (at, actor, kind, tuple(flat), evidence)


_fromisoformat = datetime.fromisoformat
_NUL = "\x00"


def read_raw(item: object) -> Raw:
    """A saved event as the logged tuple: the usual one read in place, anything else by :func:`raw_of`.

    The usual one: a dict of the five keys, text actor and kind, text or null evidence, an
    instant with a fixed offset (or one already read) inside years 2..9998, and a payload
    object of plain values (text not starting with NUL, integers, booleans, null). Anything
    else takes :func:`raw_of`, which freezes nested values, checks them and names the fault;
    either way the result goes through the same validation path.

    Raises:
        SchemaError: what :func:`raw_of` refuses (an event it cannot read, naming the fault).
    """
    fields = _five(item)
    if fields is None:
        return raw_of(item)
    text, actor, kind, payload, evidence = fields
    at = INSTANTS.get(text)
    if at is None:
        if text[-1:] == "]":  # a zone key: parse_instant_text checks the offset against the zone
            return raw_of(item)
        try:
            at = _fromisoformat(text)
        except ValueError:
            return raw_of(item)
        if at.tzinfo.__class__ is not timezone or not 1 < at.year < 9999:
            return raw_of(item)
        at = _shared_zone(at)
        if len(INSTANTS) > 4096:
            INSTANTS.clear()
        INSTANTS[text] = at
    if not payload:
        return (at, actor, kind, (), evidence)
    flat: list[Any] = []
    for key, value in payload.items():
        cls = value.__class__
        if key.__class__ is not str or not (
            (cls is str and value[:1] != _NUL) or cls is int or cls is bool or value is None
        ):
            return raw_of(item)
        flat.append(shared_text(key))
        flat.append(value)
    return (at, actor, kind, tuple(flat), evidence)


def instant_of(text: str) -> datetime:
    """The instant ``text`` names, checked as :func:`aware_instant` checks it, and remembered."""
    at = parse_instant_text(text)
    if at.tzinfo.__class__ is not timezone or not 1 < at.year < 9999:
        try:
            aware_instant(at)
        except InvalidInputError as error:
            raise SchemaError(str(error)) from None
    at = _shared_zone(at)
    if len(INSTANTS) > 4096:
        INSTANTS.clear()
    INSTANTS[text] = at
    return at
