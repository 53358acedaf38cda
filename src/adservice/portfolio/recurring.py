"""Recurring duties (O1, O4, O6, O8, O9, O11, O13), generated from the calendar alone with
:mod:`dateutil.rrule`; one that falls on a non-working day moves to the next working day. The
duties at an agreed cadence (O14 regular client meetings, O15 annual brand review, O16 payment
reconciliation, O17 client tier review) are dated by :mod:`adservice.deadlines.cadence`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.errors import (
    InvalidInputError,
    UnknownItemError,
    brief,
)
from adservice.portfolio._checks import _optional_id
from adservice.portfolio._recurring import _CADENCE_DUES, _recurring
from adservice.portfolio._shared import (
    _AGENCY_RULES,
    RECURRING_RULES,
    _Alive,
    _always,
    _inside,
    _sort_key,
    _window,
)
from adservice.portfolio.obligation import Obligation
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["RECURRING_RULES", "agency_obligations", "recurring", "recurring_for"]


def recurring_for(
    rule_id: str,
    window: tuple[date, date],
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    alive: _Alive = _always,
    anchors: Mapping[str, tuple[datetime, str]] | None = None,
) -> list[Obligation]:
    """The occurrences of one recurring rule in ``window`` (the one entry point for agency and client
    duties; :func:`recurring` and ``obligations_due`` call it).

    Args:
        rule_id: a rule of :data:`RECURRING_RULES`; window: ``(first day, day after the last)``.
        calendar: the calendar (default CN); ``rulebook``: where the rule's numbers come from.
        engagement_id: whose duties they are (``None``: the agency's own).
        alive: whether the engagement is served at an instant (default: always).
        anchors: rule id -> (instant, what) a monthly or quarterly series counts from.

    Returns:
        The occurrences, unsorted and not yet cut to ``window``; empty when the rule is disabled.

    Raises:
        InvalidInputError: a window that is not two dates, or ``alive`` not callable;
        UnknownItemError: a rule that is not recurring; RulebookError: malformed parameters.
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if not isinstance(rule_id, str) or rule_id not in RECURRING_RULES:
        msg = f"rule {brief(rule_id)} is not recurring; recurring rules: {', '.join(RECURRING_RULES)}."
        raise UnknownItemError(msg)
    if (
        not isinstance(window, tuple)
        or len(window) != 2
        or not all(isinstance(d, date) and not isinstance(d, datetime) for d in window)
    ):
        raise InvalidInputError(
            f"window must be (first day, day after the last) as dates (got {brief(window)})."
        )
    if not callable(alive):
        raise InvalidInputError(f"alive must be a function of an instant (got {brief(alive)}).")
    anchors = {} if anchors is None else anchors
    if not isinstance(anchors, Mapping):
        raise InvalidInputError(f"anchors must map rule ids to (instant, what) (got {brief(anchors)}).")
    return _recurring(rule_id, window, cal, book, engagement_id, alive, anchors)


def recurring(
    rule_id: str,
    start: date,
    end: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    since: datetime | None = None,
) -> tuple[Obligation, ...]:
    """Every occurrence of one recurring rule due in ``[start, end)``, sorted.

    Args:
        rule_id: one of :data:`RECURRING_RULES` (O1, O4, O6, O8, O9, O11, O13, O14–O17).
        start: first day of the window.
        end: the day after the window.
        calendar: the calendar that dates the duties (default CN).
        rulebook: where the rule's numbers come from (default :meth:`Rulebook.standard`).
        engagement_id: the engagement the duties are owed for (``None``: the agency's own).
        since: for O1 and O6 (every 3–6 months), O15 and O17, the instant the cycles count from;
            for O14 and O16 the first occurrence (at the rule's cadence); without it none is listed.

    Returns:
        The duties, sorted by deadline; a disabled rule gives none.

    Raises:
        UnknownItemError: ``rule_id`` is not a recurring rule.
        RulebookError: the rule's parameters are malformed.
        DurationOutOfRangeError: ``end`` before ``start``.
        CalendarRangeError: the window leaves the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a day past its confirmed years.
        InvalidInputError, NaiveDatetimeError: arguments of the wrong type.

    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> [o.day for o in recurring("O8", date(2026, 1, 15), date(2026, 3, 15))]
    [datetime.date(2026, 1, 30), datetime.date(2026, 2, 28)]
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if not isinstance(rule_id, str) or rule_id not in RECURRING_RULES:
        raise UnknownItemError(
            f"rule {brief(rule_id)} is not recurring; recurring rules: {', '.join(RECURRING_RULES)}."
        )
    window = _window(cal, start, end)
    eid = _optional_id(engagement_id)
    anchors: dict[str, tuple[datetime, str]] = {}
    if since is not None:
        anchors = dict.fromkeys(("O1", "O6", *_CADENCE_DUES), (require_aware(since, "since"), "the start"))
    found = recurring_for(rule_id, window, calendar=cal, rulebook=book, engagement_id=eid, anchors=anchors)
    return tuple(sorted(_inside(found, window), key=_sort_key))


def agency_obligations(
    start: date, end: date, *, calendar: WorkCalendar | None = None, rulebook: Rulebook | None = None
) -> tuple[Obligation, ...]:
    """The agency's own weekly routine (O11: job tally, report to the supervisor, weekly meeting).

    Args:
        start: first day of the window; ``end``: the day after it.
        calendar: the agency's calendar (default CN).
        rulebook: where O11's slots come from (default :meth:`Rulebook.standard`).

    Returns:
        The duties due in ``[start, end)``, sorted, with engagement id ``None``.

    Raises:
        DurationOutOfRangeError, CalendarRangeError, RulebookError: as :func:`recurring`.

    >>> [o.describe() for o in agency_obligations(date(2025, 9, 29), date(2025, 10, 4))]
    ['O11 weekly meeting (40 min) due Mon 2025-09-29 09:30']
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    window = _window(cal, start, end)
    found: list[Obligation] = []
    for rule_id in _AGENCY_RULES:
        found.extend(recurring_for(rule_id, window, calendar=cal, rulebook=book))
    return tuple(sorted(_inside(found, window), key=_sort_key))
