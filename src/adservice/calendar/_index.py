"""The index a working-day calendar answers from, built once per configuration.

One byte of day kind per day of the horizon, a cumulative count of working
days, the list of working days, and for every roll policy the rank of the
working day each day rolls to. Everything :class:`~adservice.calendar.WorkCalendar`
answers is a lookup in these tables.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

import attrs

from adservice.calendar import _regions
from adservice.calendar._apply import apply_notices
from adservice.calendar.notice import Notice

__all__ = ["KINDS", "WORKING_KINDS", "DayKind", "Index", "build_index"]


class DayKind(str, enum.Enum):
    """What a day is, in the words payroll, media owners and banks use.

    >>> from adservice import WorkCalendar
    >>> WorkCalendar("CN").day_kind(date(2025, 10, 1)).kind
    <DayKind.PUBLIC_HOLIDAY: 'public holiday'>
    """

    WORKING = "working day"
    WEEKEND = "weekend"
    PUBLIC_HOLIDAY = "public holiday"
    MAKEUP_WORKING_DAY = "make-up working day"
    CLOSURE = "agency closure"
    EXTRA_WORKING_DAY = "extra working day"

    def __str__(self) -> str:
        return self.value


WORKING_KINDS = frozenset({DayKind.WORKING, DayKind.MAKEUP_WORKING_DAY, DayKind.EXTRA_WORKING_DAY})
KINDS = tuple(DayKind)


@attrs.frozen
class Index:
    """Everything a calendar answers from, built once per configuration."""

    first: int  # ordinal of the horizon's first day
    size: int
    kinds: bytes  # index into KINDS, one byte per day
    names: Mapping[int, str]  # day offset -> holiday / closure name
    cum: Sequence[int]  # cum[i] = working days in [first, first + i)
    workdays: Sequence[date]  # every working day, ascending
    ranks: Mapping[str, Sequence[int | None]]  # roll -> day offset -> index into workdays
    sources: Mapping[int, str] = attrs.field(factory=dict)  # day offset -> official notice that decided it


@lru_cache(maxsize=32)
def build_index(  # noqa: PLR0917 - its positional arguments are the lru_cache key
    region: str,
    subdivision: str | None,
    categories: tuple[str, ...],
    weekend: frozenset[int],
    closures: tuple[tuple[date, str], ...],
    extra_working_days: tuple[date, ...],
    horizon: tuple[int, int],
    notices: tuple[Notice, ...] = (),
) -> Index:
    first_year, last_year = horizon
    first = date(first_year, 1, 1).toordinal()
    size = date(last_year, 12, 31).toordinal() - first + 1
    public = _regions.load_holidays(region, subdivision, categories, first_year, last_year)

    kinds = bytearray(
        KINDS.index(DayKind.WEEKEND if (i + first - 1) % 7 in weekend else DayKind.WORKING)
        for i in range(size)
    )
    names: dict[int, str] = {}
    sources: dict[int, str] = {}
    noticed: dict[int, str] = {}  # make-up days a notice decided -> their reason
    decided = apply_notices(notices, dict(public.days_off), frozenset(public.makeup_days))
    for day, what in decided.items():
        i = day.toordinal() - first
        if not 0 <= i < size:
            continue
        cited = f", per {what.source}" if what.source else ""
        if what.source:
            sources[i] = what.source
        if what.working:
            kinds[i] = KINDS.index(DayKind.MAKEUP_WORKING_DAY)
            if what.source:
                noticed[i] = f"for {what.english}{cited}"
        else:
            kinds[i] = KINDS.index(DayKind.PUBLIC_HOLIDAY)
            names[i] = what.english + cited
    for day, reason in closures:
        i = day.toordinal() - first
        if 0 <= i < size:
            kinds[i] = KINDS.index(DayKind.CLOSURE)
            names[i] = reason
    for day in extra_working_days:
        i = day.toordinal() - first
        if 0 <= i < size:
            kinds[i] = KINDS.index(DayKind.EXTRA_WORKING_DAY)
            names.pop(i, None)
    for i, reason in _makeup_reasons(kinds, names, first).items():
        names[i] = reason
    for i, reason in noticed.items():
        if KINDS[kinds[i]] is DayKind.MAKEUP_WORKING_DAY:
            names[i] = reason

    working = [KINDS[k] in WORKING_KINDS for k in kinds]
    cum = [0] * (size + 1)
    workdays: list[date] = []
    fwd: list[int | None] = [None] * size
    bwd: list[int | None] = [None] * size
    count = 0
    for i in range(size):
        cum[i] = count
        if working[i]:
            workdays.append(date.fromordinal(first + i))
            count += 1
    cum[size] = count
    nxt: int | None = None
    for i in range(size - 1, -1, -1):
        if working[i]:
            nxt = cum[i]
        fwd[i] = nxt
    prev: int | None = None
    for i in range(size):
        if working[i]:
            prev = cum[i]
        bwd[i] = prev
    exact = [cum[i] if working[i] else None for i in range(size)]
    mod_fwd: list[int | None] = list(fwd)
    mod_bwd: list[int | None] = list(bwd)
    for i in range(size):
        if working[i]:
            continue
        month = date.fromordinal(first + i).month
        f, b = fwd[i], bwd[i]
        if f is None or workdays[f].month != month:
            mod_fwd[i] = b
        if b is None or workdays[b].month != month:
            mod_bwd[i] = f
    # Tuples, not lists: tuples of plain values drop out of the garbage collector's lists, so
    # a full collection never walks these ~40,000-entry tables again.
    forward, backward = tuple(fwd), tuple(bwd)
    ranks: dict[str, Sequence[int | None]] = {
        "raise": tuple(exact),
        "forward": forward,
        "following": forward,
        "backward": backward,
        "preceding": backward,
        "modifiedfollowing": tuple(mod_fwd),
        "modifiedpreceding": tuple(mod_bwd),
    }
    return Index(first, size, bytes(kinds), names, tuple(cum), tuple(workdays), ranks, sources)


def _makeup_reasons(kinds: bytearray, names: Mapping[int, str], first: int) -> dict[int, str]:
    """Name each make-up working day after the festival whose days off it pays for.

    ``holidays`` names the swapped day off "Day off (substituted from 09/28/2025)";
    the festival is the nearest named holiday in the run of days off around it.
    """
    makeup = KINDS.index(DayKind.MAKEUP_WORKING_DAY)
    by_stamp: dict[str, int] = {}
    for i, k in enumerate(kinds):
        if k == makeup:
            day = date.fromordinal(first + i)
            by_stamp[day.strftime("%m/%d/%Y")] = i
            by_stamp[day.isoformat()] = i
    reasons: dict[int, str] = {}
    for off, name in names.items():
        target = next((i for stamp, i in by_stamp.items() if stamp in name), None)
        if target is not None:
            festival = _festival_around(off, kinds, names)
            reasons[target] = f"for {festival}" if festival else "swapped with a day off"
    return reasons


def _festival_around(off: int, kinds: bytearray, names: Mapping[int, str]) -> str | None:
    """The festival that most days off in the run around ``off`` are named after."""
    working = {KINDS.index(k) for k in WORKING_KINDS}
    lo = hi = off
    while lo > 0 and kinds[lo - 1] not in working:
        lo -= 1
    while hi + 1 < len(kinds) and kinds[hi + 1] not in working:
        hi += 1
    counts: dict[str, int] = {}
    for j in range(lo, hi + 1):
        name = names.get(j)
        if name and "substituted" not in name:
            name = name.replace(" (observed)", "")
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
