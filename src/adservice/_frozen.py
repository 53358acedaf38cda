"""A read-only dict: what the library shares and hands out (a rulebook's rules and parameters, its
tables, an engagement's team) cannot be changed behind its back.

A :class:`FrozenDict` is a ``dict`` (JSON, ``cattrs``, ``repr`` and ``isinstance(x, dict)`` see one)
whose methods that would change it raise ``TypeError``; unlike ``types.MappingProxyType`` it
pickles and deep-copies, so objects holding one do too.

    >>> rules = FrozenDict({"O7": 6})
    >>> rules, rules["O7"], rules == {"O7": 6}
    ({'O7': 6}, 6, True)
    >>> rules["O7"] = 60
    Traceback (most recent call last):
    ...
    TypeError: a FrozenDict is read-only (it cannot be changed in place); build a new one instead.
    >>> import copy, pickle
    >>> copy.deepcopy(rules) == pickle.loads(pickle.dumps(rules)) == rules
    True
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenDict"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A ``dict`` that cannot be changed in place (see the module's text)."""

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a FrozenDict is read-only (it cannot be changed in place); build a new one instead.")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict[K, V]:
        return type(self)(copy.deepcopy(dict(self), memo))
