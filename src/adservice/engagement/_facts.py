"""What the engagement's handlers read again and again, computed once: the rules a rulebook
disables, an item's production steps, rule parameters, the jobs a frozen job list names.

Rulebooks are values (never changed once built) and frozen texts are immutable, so each is
cached by identity or by value in a bounded memo.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from adservice.kernel.events import thaw

__all__ = ["chain_and_keys", "disabled", "order_jobs", "ordered_jobs", "param_of"]


_DISABLED: dict[int, tuple[Any, frozenset[str]]] = {}


def disabled(book: Any) -> frozenset[str]:
    """Ids of the rules ``book`` disables (cached per rulebook object)."""
    hit = _DISABLED.get(id(book))
    if hit is None or hit[0] is not book:
        hit = (book, frozenset(r.id for r in book.rules.values() if not r.enabled))
        if len(_DISABLED) > 64:
            _DISABLED.clear()
        _DISABLED[id(book)] = hit
    return hit[1]


_CHAINS: dict[tuple[int, str], tuple[Any, tuple[tuple[str, int], ...], tuple[str, ...]]] = {}


def chain_and_keys(book: Any, item: str) -> tuple[Any, tuple[tuple[str, int], ...], tuple[str, ...]]:
    """``(book, the item's steps with their committed durations, the keys of the steps the client
    approves: all but the last)``, cached per rulebook object (rulebooks are values)."""
    hit = _CHAINS.get((id(book), item))
    if hit is None or hit[0] is not book:
        chain = tuple((key, book.item(key).commitment()) for key in book.item(item).chain)
        if len(_CHAINS) > 256:
            _CHAINS.clear()
        hit = _CHAINS[(id(book), item)] = (book, chain, tuple(k for k, _ in chain[:-1]))
    return hit


_PARAMS: dict[tuple[int, str, str], tuple[Any, Any]] = {}


def param_of(book: Any, rule_id: str, key: str) -> Any:
    """``book.param(rule_id, key)``, cached per rulebook object (rulebooks are values; params are
    immutable: numbers, text and tuples)."""
    hit = _PARAMS.get((id(book), rule_id, key))
    if hit is None or hit[0] is not book:
        value = book.param(rule_id, key)
        if len(_PARAMS) > 256:
            _PARAMS.clear()
        hit = _PARAMS[(id(book), rule_id, key)] = (book, value)
    return hit[1]


@lru_cache(maxsize=1024)
def order_jobs(text: str) -> tuple[str, ...]:
    """The job numbers a frozen ``jobs`` field names, in its order (texts are immutable: cached)."""
    return tuple(thaw(text))


@lru_cache(maxsize=1024)
def ordered_jobs(text: str) -> frozenset[str]:
    """The job numbers a work order's frozen ``jobs`` field names, as a set."""
    return frozenset(order_jobs(text))
