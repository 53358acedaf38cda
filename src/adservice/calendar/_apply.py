"""Applying parsed notices over the data source: which days off and make-up days a calendar ends with.

Used by the calendar's index (:mod:`adservice.calendar._index`).

>>> from datetime import date
>>> from adservice.calendar.notice import Festival, Notice
>>> n = Notice(2027, "t", (Festival("元旦", (date(2027, 1, 1),)),), "No. 1")
>>> apply_notices((n,), {date(2027, 1, 1): "New Year's Day"}, frozenset())[date(2027, 1, 1)].source
'No. 1'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import attrs

from adservice.calendar.notice import FESTIVALS, Notice

__all__ = ["Day", "apply_notices"]


@attrs.frozen
class Day:
    """One decided day: a day off (``working=False``) or a make-up day, with its festival and source."""

    working: bool
    festival: str  # the notice's festival name ("国庆节"), or the data source's English name
    english: str
    source: str | None = None  # the notice's source; None for the data source


def apply_notices(
    notices: tuple[Notice, ...], base_off: Mapping[date, str], base_work: frozenset[date]
) -> dict[date, Day]:
    """The days off and make-up days after applying ``notices`` in order over the data source.

    A yearly notice for year Y decides every day from its first day (or 1 January) through
    30 November of Y, and through its own last day: the data source's days there are
    dropped and the notice's set. Late December after that belongs to next year's notice.
    An amendment drops the days of the festivals it names — as the last notice applied
    for that year arranged them, else the data source's days named after them, the swapped
    days off and the make-up days within a week of them — and sets its own.
    """
    days: dict[date, Day] = {d: Day(False, n, n) for d, n in base_off.items()}
    days.update({d: Day(True, "", "") for d in base_work})
    for notice in notices:
        if notice.amendment:
            _drop_festivals(days, notice)
        else:
            lo = min(date(notice.year, 1, 1), notice.first_day)
            hi = max(date(notice.year, 11, 30), notice.last_day)
            for d in [d for d in days if lo <= d <= hi]:
                del days[d]
        for f in notice.festivals:
            for d in f.days_off:
                days[d] = Day(False, f.name, f.english, notice.source)
            for d in f.working_days:
                days[d] = Day(True, f.name, f.english, notice.source)
    return days


def _drop_festivals(days: dict[date, Day], amendment: Notice) -> None:
    names = {n for f in amendment.festivals for n in f.names}
    english = {FESTIVALS[n] for n in names}
    year = amendment.year
    decided = [d for d, day in days.items() if day.source and set(day.festival.split("、")) & names]
    decided = [d for d in decided if abs(d.year - year) <= 1 and abs((d - date(year, 7, 1)).days) < 200]
    if decided:
        for d in decided:
            del days[d]
        return
    # Only the data source knows the festival: its named days, and swaps within a week of them.
    named = [d for d, day in days.items() if d.year == year and day.source is None and day.english in english]
    anchor = named + [d for f in amendment.festivals for d in (*f.days_off, *f.working_days)]
    lo, hi = min(anchor) - timedelta(days=7), max(anchor) + timedelta(days=7)
    for d in [d for d, day in days.items() if lo <= d <= hi and day.source is None]:
        day = days[d]
        if day.working or day.english in english or "substituted" in day.english:
            del days[d]
