"""JSON-compatible values and ISO instants: the checks every layer's serialisation shares."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from adservice.errors import InvalidInputError, SchemaError, brief

__all__ = ["MAX_JSON_DEPTH", "check_json", "compact_dumps", "parse_instant"]


#: Deeper nesting than this is refused before anything recurses (no RecursionError from a crafted value).
MAX_JSON_DEPTH = 64


def check_json(value: object, where: str = "payload") -> Any:
    """Return ``value`` if it is plain JSON-compatible data (finite numbers, str keys), else raise.

    >>> check_json({"a": [1, 2.5, None]})
    {'a': [1, 2.5, None]}

    Raises:
        InvalidInputError: anything that JSON cannot carry exactly, or nested deeper than
            :data:`MAX_JSON_DEPTH` levels.
    """
    if not isinstance(where, str):
        raise InvalidInputError(f"where must be text naming the value (got {brief(where)}).")
    return _check(value, where, 0)


def _check(value: object, where: str, depth: int) -> Any:
    if depth > MAX_JSON_DEPTH:
        raise InvalidInputError(f"{where} nests deeper than {MAX_JSON_DEPTH} levels; flatten it.")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(f"{where} holds {brief(value)}; JSON numbers must be finite.")
        return value
    if isinstance(value, (list, tuple)):
        return [_check(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise InvalidInputError(f"{where} has key {brief(k)}; JSON object keys must be strings.")
            out[k] = _check(v, f"{where}[{brief(k)}]", depth + 1)
        return out
    msg = (
        f"{where} holds {brief(value)} of type {type(value).__name__}; only JSON-compatible data is allowed."
    )
    raise InvalidInputError(msg)


def parse_instant(text: object, where: str = "instant") -> datetime:
    """An aware datetime from ISO 8601 text, or :class:`~adservice.errors.SchemaError`."""
    if not isinstance(where, str):
        raise InvalidInputError(f"where must be text naming the value (got {brief(where)}).")
    if not isinstance(text, str):
        raise SchemaError(f"{where} must be an ISO 8601 string (got {brief(text)}).")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise SchemaError(f"{where} {brief(text)} is not an ISO 8601 datetime.") from None
    if value.tzinfo is None:
        raise SchemaError(f"{where} {brief(text)} has no UTC offset; serialised instants are always aware.")
    return value


def compact_dumps(*, sort_keys: bool) -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)``, built once.

    The C encoder is called directly where the interpreter has it: the same text, without building
    an encoder per call (the kernel encodes every payload and every saved log with it).

    >>> compact_dumps(sort_keys=True)({"b": 1, "a": ["x", "上海"]})
    '{"a":["x","上海"],"b":1}'
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - an interpreter without the C accelerator
        return json.JSONEncoder(sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False).encode
    encode = make(
        None,
        json.JSONEncoder().default,
        json.encoder.encode_basestring,
        None,
        ":",
        ",",
        sort_keys,
        False,
        True,
    )
    return lambda value: "".join(encode(value, 0))
