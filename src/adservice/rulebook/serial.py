"""Strict loading of rulebook data: exact keys, exact types, nothing coerced (SCHEMA_VERSION 1).

The converter structures items and rules; :meth:`Rulebook.from_dict
<adservice.rulebook.Rulebook.from_dict>` passes its own class in, so this
module does not import the rulebook.

    >>> structure({"key": "film", "name": "film", "days": [1, 1]}, Turnaround).days
    (1, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import cattrs

from adservice.errors import AdServiceError, InvalidInputError, RulebookError, SchemaError, brief
from adservice.rulebook.rules import Rule
from adservice.rulebook.turnaround import Turnaround

__all__ = ["SCHEMA_VERSION", "structure", "unstructure"]

SCHEMA_VERSION = 1
_T = TypeVar("_T")


def structure(body: Mapping[str, Any], cls: type[_T]) -> _T:
    """``body`` as a ``cls`` value, strictly.

    Raises:
        SchemaError: unknown keys, wrong types, duplicate keys or ids.
        RulebookError: well-formed data that makes an invalid value (re-raised as is).
    """
    kind: Any = cls  # checked as an object: a caller may pass anything
    if not isinstance(kind, type) or not attrs.has(kind):
        raise InvalidInputError(f"cls must be an attrs class of the rulebook (got {brief(cls)}).")
    try:
        return _converter.structure(body, cls)
    except (
        cattrs.BaseValidationError,
        TypeError,
        ValueError,
        KeyError,
        AttributeError,
        RecursionError,
    ) as error:
        leaf = _leaf(error)
        if isinstance(leaf, AdServiceError):
            raise leaf from None
        raise SchemaError(f"malformed rulebook data: {leaf or type(leaf).__name__}") from None


def unstructure(value: object) -> dict[str, Any]:
    """Plain JSON-compatible data of an attrs value (tuples as lists).

    Raises:
        InvalidInputError: ``value`` is not an attrs value.
    """
    if not attrs.has(type(value)):
        raise InvalidInputError(f"value must be an attrs value (got {brief(value)}).")
    data: dict[str, Any] = _converter.unstructure(value)
    return data


def _leaf(error: BaseException) -> BaseException:
    """The innermost error cattrs wrapped (the one that says what is wrong)."""
    if isinstance(error, cattrs.BaseValidationError) and error.exceptions:
        return _leaf(error.exceptions[0])
    return error


def _strict_tuple(value: object, _: object) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected a list (got {brief(value)})")
    return tuple(value)


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_unstructure_hook(tuple, list)


def _strict(kind: type[Any], value: object) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise TypeError(f"expected {kind.__name__} (got {brief(value)})")
    return value


def _scalar(value: object, kind: type[Any]) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return _strict(kind, value)


def _unique(values: list[_T], key: str, what: str) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for value in values:
        k = getattr(value, key)
        if k in out:
            raise RulebookError(
                f"{what} {brief(k)} is listed twice; each {what} appears once.",
                rule_id=k if key == "id" else None,
            )
        out[k] = value
    return out


def _structure_items(value: object, _: object) -> dict[str, Turnaround]:
    items = [_converter.structure(x, Turnaround) for x in _strict_tuple(value, _)]
    return _unique(items, "key", "item")


def _structure_rules(value: object, _: object) -> dict[str, Rule]:
    rules = [_converter.structure(x, Rule) for x in _strict_tuple(value, _)]
    return _unique(rules, "id", "rule id")


def _structure_choices(value: object, _: object) -> dict[str, str]:
    return {_strict(str, k): _strict(str, v) for k, v in _strict(dict, value).items()}


def _structure_params(value: object, _: object) -> Any:
    # An object; its values are checked by the Rule being built, whose error names the rule and the
    # parameter (RulebookError), as when a rulebook is built in code or by with_params.
    return _strict(dict, value)


for _kind in (int, str, bool, float):
    _converter.register_structure_hook(_kind, _scalar)
_HOOKS: dict[object, Any] = {
    tuple[int, int]: lambda v, _: tuple(_strict(int, x) for x in _strict_tuple(v, _)),
    tuple[str, ...]: lambda v, _: tuple(_strict(str, x) for x in _strict_tuple(v, _)),
    Mapping[str, Any]: _structure_params,
    Mapping[str, Turnaround]: _structure_items,
    Mapping[str, Rule]: _structure_rules,
    Mapping[str, str]: _structure_choices,
}
_converter.register_structure_hook_func(lambda t: t in _HOOKS, lambda v, t: _HOOKS[t](v, t))
