"""Hypothesis strategies for testing an agency's own deadline rules against adservice.

Every value is built through the library's public constructors and methods —
calendars with ``WorkCalendar(...)``, rulebooks with the rulebook's own
validation, engagements by calling the real ``Engagement`` methods in a legal
order — so whatever a strategy produces is something the library can really
hold, and a failing example shrinks to a short story.

    >>> from hypothesis import given, settings
    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> cn = WorkCalendar("CN", horizon=(2024, 2027), confirmed_through=2026)
    >>> @settings(max_examples=20, database=None)
    ... @given(working_days(calendar=cn, years=(2025, 2026)))
    ... def test_a_working_day_is_its_own_day_zero(day):
    ...     assert cn.add_working_days(day, 0) == day
    >>> test_a_working_day_is_its_own_day_zero()

Needs ``hypothesis`` (installed with adservice's ``[test]`` extra, or on its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

import attrs
from hypothesis import strategies as st

from adservice.calendar.workcalendar import WorkCalendar, resolve_calendar
from adservice.engagement.lifecycle import Engagement
from adservice.engagement.table import Stage
from adservice.errors import CalendarRangeError, InvalidChoiceError, InvalidInputError, brief
from adservice.kernel.events import Event
from adservice.rulebook.book import Rulebook, Turnaround
from adservice.testing._walk import walked_engagements

__all__ = [
    "calendars",
    "dates",
    "engagements",
    "event_sequences",
    "received_instants",
    "rulebooks",
    "turnarounds",
    "working_days",
]

_CLOSURE_REASONS = ("agency retreat", "office move", "company anniversary", "training day", "power cut")


def _years(calendar: WorkCalendar, years: tuple[int, int] | None) -> tuple[date, date]:
    first, last = calendar.horizon
    if years is None:
        return date(first, 1, 1), date(last, 12, 31)
    try:
        low, high = years
    except (TypeError, ValueError):
        raise InvalidInputError(f"years must be (first_year, last_year) (got {brief(years)}).") from None
    if not (isinstance(low, int) and isinstance(high, int) and first <= low <= high <= last):
        msg = (
            f"years must lie inside the calendar's horizon {first}..{last}, first <= last (got "
            f"{brief(years)})."
        )
        raise InvalidInputError(msg)
    return date(low, 1, 1), date(high, 12, 31)


# -- days and instants ------------------------------------------------------------------


def dates(
    *, calendar: WorkCalendar | None = None, years: tuple[int, int] | None = None
) -> st.SearchStrategy[date]:
    """Any day inside a calendar's horizon, or inside ``years`` of it.

    Args:
        calendar: the calendar whose horizon bounds the days (default: the CN calendar).
        years: ``(first_year, last_year)`` inside the horizon, to draw from fewer years.

    Raises:
        InvalidInputError: ``years`` outside the calendar's horizon.
    """
    low, high = _years(resolve_calendar(calendar), years)
    return st.dates(min_value=low, max_value=high)


def working_days(
    *, calendar: WorkCalendar | None = None, years: tuple[int, int] | None = None
) -> st.SearchStrategy[date]:
    """A working day of ``calendar`` (make-up and extra working days included, closures excluded).

    Drawn by rank among the calendar's working days, so nothing is filtered out
    and shrinking moves towards the first working day of the range.

    Raises:
        InvalidInputError: ``years`` outside the calendar's horizon.
    """
    cal = resolve_calendar(calendar)
    low, high = _years(cal, years)
    try:
        first = cal.add_working_days(low, 0, roll="forward")
    except CalendarRangeError:
        first = high + timedelta(days=1)
    # Working days in [first, high], counted without stepping past the horizon's last day.
    count = cal.working_days_between(first, high) + cal.is_working_day(high) if first <= high else 0
    if count <= 0:
        raise InvalidInputError(f"{brief(cal)} has no working day between {low} and {high}.")
    return st.integers(min_value=0, max_value=count - 1).map(lambda k: cal.add_working_days(first, k))


def received_instants(
    *, calendar: WorkCalendar | None = None, years: tuple[int, int] | None = None
) -> st.SearchStrategy[datetime]:
    """An aware instant in the calendar's zone at any time of day (when a written work order arrives).

    Raises:
        InvalidInputError: ``years`` outside the calendar's horizon.
    """
    cal = resolve_calendar(calendar)
    low, high = _years(cal, years)
    return st.datetimes(
        min_value=datetime(low.year, low.month, low.day),
        max_value=datetime(high.year, high.month, high.day, 23, 59),
        timezones=st.just(cal.tz),
        allow_imaginary=False,
    )


# -- calendars --------------------------------------------------------------------------------


@st.composite
def _calendars(
    draw: st.DrawFn,
    *,
    region: str,
    subdivision: str | None,
    years: tuple[int, int],
    horizon: tuple[int, int],
    confirmed_through: int | None,
    max_closures: int,
    max_extra_working_days: int,
) -> WorkCalendar:
    days = st.dates(min_value=date(years[0], 1, 1), max_value=date(years[1], 12, 31))
    closures = draw(
        st.dictionaries(days, st.sampled_from(_CLOSURE_REASONS), max_size=max_closures),
        label="closures",
    )
    extra = draw(
        st.sets(days.filter(lambda d: d not in closures), max_size=max_extra_working_days),
        label="extra_working_days",
    )
    return WorkCalendar(
        region,
        subdivision=subdivision,
        closures=closures,
        extra_working_days=sorted(extra),
        horizon=horizon,
        confirmed_through=confirmed_through,
    )


def calendars(
    region: str = "CN",
    *,
    subdivision: str | None = None,
    years: tuple[int, int] = (2024, 2026),
    horizon: tuple[int, int] | None = None,
    confirmed_through: int | None = None,
    max_closures: int = 5,
    max_extra_working_days: int = 3,
) -> st.SearchStrategy[WorkCalendar]:
    """Calendars of a region with random agency closures and extra working days in ``years``.

    Args:
        region: a country code ``holidays`` knows.
        subdivision: a province/state code of that country, if any.
        years: the years closures and extra working days fall in.
        horizon: the calendars' horizon (default: one year before ``years`` to two after, which
            keeps each calendar's index small and quick to build).
        confirmed_through: pin the last confirmed year (default: what the data source says).
        max_closures: at most this many closure days.
        max_extra_working_days: at most this many extra working days (never a closure day too).

    Raises:
        InvalidInputError: ``years`` that are not ``(first, last)`` with first <= last.
    """
    try:
        first, last = years
    except (TypeError, ValueError):
        raise InvalidInputError(f"years must be (first_year, last_year) (got {brief(years)}).") from None
    if not (isinstance(first, int) and isinstance(last, int) and first <= last):
        raise InvalidInputError(
            f"years must be (first_year, last_year) with first <= last (got {brief(years)})."
        )
    span = horizon if horizon is not None else (first - 1, last + 2)
    return _calendars(
        region=region,
        subdivision=subdivision,
        years=(first, last),
        horizon=span,
        confirmed_through=confirmed_through,
        max_closures=max_closures,
        max_extra_working_days=max_extra_working_days,
    )


# -- rulebooks --------------------------------------------------------------------------------


@st.composite
def _days(draw: st.DrawFn, days: st.SearchStrategy[int], ranges: bool) -> tuple[int, int]:
    low = draw(days, label="days")
    spread = draw(st.integers(min_value=0, max_value=3), label="range") if ranges else 0
    return low, min(low + spread, 10_000)


def turnarounds(
    key: str = "outdoor_poster",
    *,
    days: st.SearchStrategy[int] | None = None,
    ranges: bool = False,
    name: str | None = None,
    name_zh: str = "",
    rule_id: str = "T*",
) -> st.SearchStrategy[Turnaround]:
    """A turnaround item ``key`` with a random number of working days (an agency's own rule).

    Args:
        key: the item's key.
        days: the strategy for its (low) number of working days (default 1..20).
        ranges: also draw ranges such as 5–8 (the commitment is then the upper bound).
        name: its name in words (default: the key with spaces).
        name_zh: the handbook's term, if any.
        rule_id: the rule id it cites.
    """
    if not isinstance(key, str) or not key.strip():
        raise InvalidInputError(f"key must be an item key such as 'outdoor_poster' (got {brief(key)}).")
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"name must be text or None (got {brief(name)}).")
    spread = _days(days if days is not None else st.integers(min_value=1, max_value=20), ranges)
    label = name if name is not None else key.replace("_", " ")
    return spread.map(lambda d: Turnaround(key, label, name_zh, days=d, rule_id=rule_id))


def _retotal(items: Mapping[str, Turnaround]) -> dict[str, Turnaround]:
    """Make every chain's days the sum of its steps' (upper) days again, innermost first."""
    out = dict(items)

    def total(key: str) -> int:
        item = out[key]
        if not item.chain:
            return item.days[1]
        n = sum(total(step) for step in item.chain)
        if item.days != (n, n):
            out[key] = attrs.evolve(item, days=(n, n))
        return n

    for key in list(out):
        total(key)
    return out


@st.composite
def _rulebooks(
    draw: st.DrawFn,
    base: Rulebook,
    items: Sequence[st.SearchStrategy[Turnaround]],
    overrides: int,
    days: st.SearchStrategy[int],
) -> Rulebook:
    leaves = sorted(k for k, t in base.items.items() if not t.chain and t.unit == "working_days")
    chosen = draw(st.lists(st.sampled_from(leaves), max_size=overrides, unique=True), label="overridden")
    changed = dict(base.items)
    for key in chosen:
        low, high = draw(_days(days, True), label=key)
        item = changed[key]
        floor = item.floor if item.floor is not None and item.floor <= low else None
        changed[key] = attrs.evolve(item, days=(low, high), floor=floor)
    for strategy in items:
        added = draw(strategy)
        changed[added.key] = added
    return attrs.evolve(base, items=_retotal(changed))


def rulebooks(
    base: Rulebook | None = None,
    *,
    items: Iterable[st.SearchStrategy[Turnaround] | Turnaround] = (),
    overrides: int = 3,
    days: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Rulebook]:
    """Rulebooks with overridden turnaround items: an agency's numbers instead of the handbooks'.

    Up to ``overrides`` working-day items of ``base`` get random days (a chain's
    total follows its steps, as the rulebook demands), and every item of
    ``items`` is added or replaced.

    Args:
        base: the rulebook to start from (default :meth:`Rulebook.standard`).
        items: items to add, as strategies (e.g. ``turnarounds("outdoor_poster")``) or values.
        overrides: at most this many existing items get random days (0: none).
        days: the strategy for overridden days (default 1..15).

    Raises:
        InvalidInputError: ``base`` is not a rulebook, or an item is not a turnaround.
    """
    book = base if base is not None else Rulebook.standard()
    if not isinstance(book, Rulebook):
        raise InvalidInputError(f"base must be a Rulebook or None (got {brief(base)}).")
    strategies: list[st.SearchStrategy[Turnaround]] = []
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InvalidInputError(f"items must be turnarounds or strategies of them (got {brief(items)}).")
    for item in items:
        if isinstance(item, Turnaround):
            strategies.append(st.just(item))
        elif isinstance(item, st.SearchStrategy):
            strategies.append(item)
        else:
            raise InvalidInputError(f"items must be turnarounds or strategies of them (got {brief(item)}).")
    if isinstance(overrides, bool) or not isinstance(overrides, int) or overrides < 0:
        raise InvalidInputError(f"overrides must be a non-negative int (got {brief(overrides)}).")
    return _rulebooks(book, strategies, overrides, days if days is not None else st.integers(1, 15))


def _stages(value: Iterable[Stage | str] | None) -> tuple[Stage, ...]:
    if value is None:
        return tuple(Stage)
    if isinstance(value, (str, Stage)):
        value = [value]
    if not isinstance(value, Iterable):
        raise InvalidInputError(f"stages must be stage names or Stage values (got {brief(value)}).")
    out: list[Stage] = []
    for s in value:
        try:
            # Stage(x) formats repr(x) in its own error, which recurses on a deeply nested value
            if not isinstance(s, str):
                raise TypeError
            out.append(Stage(s))
        except (ValueError, TypeError, RecursionError):
            raise InvalidChoiceError("stage", brief(s), [x.value for x in Stage]) from None
    if not out:
        raise InvalidInputError("stages must name at least one stage.")
    return tuple(dict.fromkeys(out))


def engagements(
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    stages: Iterable[Stage | str] | None = None,
    start: st.SearchStrategy[datetime] | None = None,
    years: tuple[int, int] | None = None,
    max_gap_hours: int = 72,
) -> st.SearchStrategy[Engagement]:
    """Engagements that end in any of ``stages``, built by driving the real ``Engagement`` methods.

    The walk draws every choice a real engagement makes — optional records,
    meetings and calls (O2/O3 duties), one to three job orders of the
    rulebook's items, rush requests and decisions, deliveries, holds while the
    client is away, revision rounds, one or two placement rounds (O5, O7) —
    and the time between events. It ends in the drawn stage, sometimes part-way
    through that stage's records.

    Args:
        calendar: the engagements' calendar (default: the CN calendar).
        rulebook: their rulebook (default: the standard one); job orders use its items.
        stages: the stages to end in (default: every stage, ``lost``, ``cancelled`` and
            ``on_hold`` included).
        start: the strategy for the first event's instant (default: any instant within
            ``years``).
        years: where ``start`` is drawn by default (default: the calendar's horizon less its
            first and last year, leaving room for the walk).
        max_gap_hours: the longest gap between two events.

    Raises:
        InvalidChoiceError: an unknown stage.
        InvalidInputError: arguments of the wrong type.
    """
    cal = resolve_calendar(calendar)
    if rulebook is not None and not isinstance(rulebook, Rulebook):
        raise InvalidInputError(f"rulebook must be a Rulebook or None (got {brief(rulebook)}).")
    if isinstance(max_gap_hours, bool) or not isinstance(max_gap_hours, int) or max_gap_hours < 1:
        raise InvalidInputError(f"max_gap_hours must be a positive int (got {brief(max_gap_hours)}).")
    if start is None:
        first, last = cal.horizon
        span = years if years is not None else (first + 1, max(first + 1, last - 1))
        start = received_instants(calendar=cal, years=span)
    return walked_engagements(
        calendar=cal, rulebook=rulebook, stages=_stages(stages), start=start, max_gap_hours=max_gap_hours
    )


def event_sequences(
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    stages: Iterable[Stage | str] | None = None,
    start: st.SearchStrategy[datetime] | None = None,
    years: tuple[int, int] | None = None,
    max_gap_hours: int = 72,
) -> st.SearchStrategy[tuple[Event, ...]]:
    """Valid event logs: the log of an engagement drawn by :func:`engagements` (same arguments).

    Replaying one (``Engagement.replay``) with the engagement's calendar and
    rulebook gives back an engagement in the same stage with the same log.

    Raises:
        InvalidChoiceError, InvalidInputError: as :func:`engagements`.
    """
    drawn = engagements(
        calendar=calendar,
        rulebook=rulebook,
        stages=stages,
        start=start,
        years=years,
        max_gap_hours=max_gap_hours,
    )
    return drawn.map(lambda e: e.events)
