"""JSON-compatible values and ISO instants: the checks every layer's serialisation shares."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from adservice.errors import InvalidInputError, SchemaError, brief

__all__ = ["MAX_JSON_DEPTH", "MAX_JSON_INT", "check_json", "compact_dumps", "exact_text", "parse_instant"]


#: Deeper nesting than this is refused before anything recurses (no RecursionError from a crafted value).
MAX_JSON_DEPTH = 64
#: Integers are written as JSON text of at most 4300 digits (CPython's limit on converting an int to
#: text): a larger one could be accepted but never saved, so it is refused where it is given.
MAX_JSON_INT = 10**4300 - 1


def exact_text(value: str) -> bool:
    """Whether text can be written as UTF-8 JSON text: no lone surrogate (``"\\ud800"``).

    >>> exact_text("上海"), exact_text("\\ud800")
    (True, False)

    Raises:
        InvalidInputError: ``value`` is not a str.
    """
    if value.__class__ is not str and not isinstance(value, str):
        raise InvalidInputError(f"exact_text needs a str (got {brief(value)}).")
    if value.isascii():
        return True
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def check_json(value: object, where: str = "payload") -> Any:
    """Return ``value`` if it is plain JSON-compatible data (finite numbers, str keys), else raise.

    >>> check_json({"a": [1, 2.5, None]})
    {'a': [1, 2.5, None]}

    Raises:
        InvalidInputError: anything that JSON cannot carry exactly (NaN, infinities, an int of
            more than 4300 digits, text with a lone surrogate), or nested deeper than
            :data:`MAX_JSON_DEPTH` levels.
    """
    if not isinstance(where, str):
        raise InvalidInputError(f"where must be text naming the value (got {brief(where)}).")
    return _check(value, where, 0)


def _check(value: object, where: str, depth: int) -> Any:
    if depth > MAX_JSON_DEPTH:
        raise InvalidInputError(f"{where} nests deeper than {MAX_JSON_DEPTH} levels; flatten it.")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not -MAX_JSON_INT <= value <= MAX_JSON_INT:
            raise InvalidInputError(
                f"{where} holds an int of more than 4300 digits; JSON text cannot carry it."
            )
        return value
    if isinstance(value, str):
        if not exact_text(value):
            raise InvalidInputError(
                f"{where} holds text {brief(value)} with a lone surrogate; JSON text is UTF-8, without them."
            )
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
            if not isinstance(k, str) or not exact_text(k):
                raise InvalidInputError(
                    f"{where} has key {brief(k)}; JSON object keys must be strings without lone surrogates."
                )
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
