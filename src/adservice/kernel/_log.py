"""The flat log: every event takes :data:`WIDTH` slots of one list (ADR 0005).

``at, actor, kind, payload, evidence`` follow one another, so a finished engagement keeps one
list and no object per event. A fact that is an event (a quote, a work order, a step's
approval) keeps the event's offset in the log: ``log[o]`` is its instant, ``log[o + 2]`` its
kind, ``log[o + 3]`` its payload, ``log[o + 4]`` its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from adservice.kernel.events import Event

__all__ = ["WIDTH", "Raw", "as_event", "event_at", "events_at", "rows"]

Raw = tuple[Any, ...]
#: Slots an event takes in the log: ``at, actor, kind, payload, evidence`` (ADR 0005).
WIDTH = 5


def as_event(raw: Raw | list[Any]) -> Event:
    """The public :class:`Event` of one logged event's five fields (one copy, no checks: they were
    checked when logged).

        >>> as_event(("t1", "agency:Li", "hold", (), None))[2]
        'hold'
    """
    return tuple.__new__(Event, raw)


def rows(log: list[Any]) -> Iterator[Raw]:
    """A flat log's events as ``(at, actor, kind, payload, evidence)`` tuples, oldest first.

    >>> list(rows(["t1", "agency:Li", "hold", (), None, "t2", "client:Wang", "resume", (), "R"]))
    [('t1', 'agency:Li', 'hold', (), None), ('t2', 'client:Wang', 'resume', (), 'R')]
    """
    it = iter(log)
    return zip(it, it, it, it, it, strict=False)


def event_at(log: list[Any], offset: int) -> Event:
    """The event at ``offset`` of a flat log (a fact keeps its event's offset, not a copy).

    >>> event_at(["t1", "agency:Li", "hold", (), None], 0)[2]
    'hold'
    """
    return as_event(log[offset : offset + WIDTH])


def events_at(log: list[Any], offsets: Iterable[int]) -> tuple[Event, ...]:
    """The events at ``offsets`` of a flat log, in that order (a fact's events).

    >>> log = ["t1", "agency:Li", "hold", (), None, "t2", "client:Wang", "resume", (), "R"]
    >>> [event[2] for event in events_at(log, (5, 0))]
    ['resume', 'hold']
    """
    return tuple(as_event(log[o : o + WIDTH]) for o in offsets)
