"""What the engagement's handlers read again and again, computed once: the rules a rulebook
disables, an item's production steps, rule parameters, the jobs a frozen job list names.

Rulebooks are values (never changed once built) and frozen texts are immutable, so each is
cached by identity or by value in a bounded memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any, TypeVar

from adservice.kernel.events import thaw

__all__ = ["book_memo", "chain_and_keys", "disabled", "order_jobs", "ordered_jobs", "param_of"]

T = TypeVar("T")


class _BookFacts:
    """What the handlers read of one rulebook object, each worked out when first asked."""

    __slots__ = ("answers", "book", "chains", "off")

    def __init__(self, book: Any) -> None:
        self.book = book
        self.off = frozenset(r.id for r in book.rules.values() if not r.enabled)
        self.chains: dict[str, tuple[Any, tuple[tuple[str, int], ...], tuple[str, ...]]] = {}
        self.answers: dict[tuple[Hashable, ...], Any] = {}


#: id of a rulebook -> its facts (which keep the rulebook: a new rulebook at a reused id never takes
#: another's answers); bounded.
_FACTS: dict[int, _BookFacts] = {}


def _facts(book: Any) -> _BookFacts:
    facts = _FACTS.get(id(book))
    if facts is None or facts.book is not book:
        if len(_FACTS) >= 64:
            _FACTS.clear()
        facts = _FACTS[id(book)] = _BookFacts(book)
    return facts


def book_memo(make: Callable[..., T], book: Any, *args: Hashable) -> T:
    """``make(book, *args)`` computed once per rulebook object and arguments (rulebooks are values:
    never changed once built; answers are immutable).

    >>> from adservice.rulebook import Rulebook
    >>> book, calls = Rulebook.standard(), []
    >>> def count(book, n):
    ...     calls.append(n)
    ...     return len(calls)
    >>> book_memo(count, book, 7), book_memo(count, book, 7), book_memo(count, book, 8)
    (1, 1, 2)
    """
    answers = _facts(book).answers
    key = (make, *args)
    if key not in answers:
        answers[key] = make(book, *args)
    return answers[key]  # type: ignore[no-any-return]


def disabled(book: Any) -> frozenset[str]:
    """Ids of the rules ``book`` disables (cached per rulebook object)."""
    return _facts(book).off


def chain_and_keys(book: Any, item: str) -> tuple[Any, tuple[tuple[str, int], ...], tuple[str, ...]]:
    """``(book, the item's steps with their committed durations, the keys of the steps the client
    approves: all but the last)``, cached per rulebook object (rulebooks are values)."""
    chains = _facts(book).chains
    hit = chains.get(item)
    if hit is None:
        chain = tuple((key, book.item(key).commitment()) for key in book.item(item).chain)
        hit = chains[item] = (book, chain, tuple(k for k, _ in chain[:-1]))
    return hit


def _param(book: Any, rule_id: str, key: str) -> Any:
    return book.param(rule_id, key)


def param_of(book: Any, rule_id: str, key: str) -> Any:
    """``book.param(rule_id, key)``, cached per rulebook object (rulebooks are values; params are
    immutable: numbers, text and tuples)."""
    return book_memo(_param, book, rule_id, key)


@lru_cache(maxsize=1024)
def order_jobs(text: str) -> tuple[str, ...]:
    """The job numbers a frozen ``jobs`` field names, in its order (texts are immutable: cached)."""
    return tuple(thaw(text))


@lru_cache(maxsize=1024)
def ordered_jobs(text: str) -> frozenset[str]:
    """The job numbers a work order's frozen ``jobs`` field names, as a set."""
    return frozenset(order_jobs(text))
