"""Answers remembered per calendar: :func:`calendar_memo` keeps them in the calendar's own table
cache (``WorkCalendar._cache``), so they live and die with that calendar, are dropped whenever its
tables are rebuilt, and can never answer for another calendar. Keys hold immutable values only
(the rule's numbers, days, instants and words), never a rulebook or a mutable object."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from adservice.calendar.workcalendar import WorkCalendar

__all__ = ["calendar_memo", "calendar_table", "remember"]

T = TypeVar("T")
_MISSING: Any = object()
#: A bound on one calendar's remembered answers (a long-running process asking about many windows).
_LIMIT = 1 << 16


def calendar_memo(calendar: WorkCalendar, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """``make()`` computed once per ``calendar`` and ``key``.

    >>> cal = WorkCalendar("CN")
    >>> calls = []
    >>> [calendar_memo(cal, ("doc", 1), lambda: calls.append(1) or len(calls)) for _ in range(2)]
    [1, 1]
    """
    table = calendar_table(calendar)
    hit = table.get(key, _MISSING)
    if hit is _MISSING:
        if len(table) >= _LIMIT:
            table.clear()
        hit = table[key] = make()
    return hit  # type: ignore[no-any-return]


def calendar_table(calendar: WorkCalendar) -> dict[tuple[Hashable, ...], Any]:
    """The calendar's own table of remembered answers (emptied past its bound by :func:`remember`).

    >>> calendar_table(WorkCalendar("CN")) is calendar_table(WorkCalendar("CN"))
    False
    """
    table: dict[tuple[Hashable, ...], Any] | None = calendar._cache.get("memo")
    if table is None:
        table = calendar._cache["memo"] = {}
    return table


def remember(table: dict[tuple[Hashable, ...], Any], key: tuple[Hashable, ...], value: T) -> T:
    """``value`` kept in a calendar's ``table`` under ``key`` (the table emptied first at its bound).

    >>> remember({}, ("doc",), 3)
    3
    """
    if len(table) >= _LIMIT:
        table.clear()
    table[key] = value
    return value
