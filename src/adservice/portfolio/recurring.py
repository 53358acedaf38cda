"""Recurring duties (O1, O4, O6, O8, O9, O11, O13), generated from the calendar alone with
:mod:`dateutil.rrule`; one that falls on a non-working day moves to the next working day. The
duties at an agreed cadence (O14 regular client meetings, O15 annual brand review, O16 payment
reconciliation, O17 client tier review) are dated by :mod:`adservice.deadlines.cadence`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from functools import partial

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines.cadence import (
    CADENCES,
    brand_review,
    client_meetings,
    payment_reconciliation,
    tier_review,
)
from adservice.errors import (
    InvalidInputError,
    UnknownItemError,
    brief,
)
from adservice.i18n import N_
from adservice.portfolio._checks import _optional_id
from adservice.portfolio._shared import (
    _AGENCY_RULES,
    _WEEKDAY_NAME,
    RECURRING_RULES,
    _Alive,
    _also,
    _always,
    _day_text,
    _first_nominal,
    _inside,
    _int_param,
    _local,
    _memo,
    _months_param,
    _naive,
    _rolled,
    _rolled_series,
    _rule,
    _slot_param,
    _sort_key,
    _wall_param,
    _wall_text,
    _weekday_param,
    _window,
)
from adservice.portfolio.obligation import DueWindow, Obligation, obligation
from adservice.rulebook.book import Rule, Rulebook, resolve_rulebook

__all__ = ["RECURRING_RULES", "agency_obligations", "recurring", "recurring_for"]

# -- recurring duties --------------------------------------------------------------


def _weekly(  # noqa: PLR0917 - a private builder shared by every weekly rule
    calendar: WorkCalendar,
    rule: Rule,
    weekday: int,
    wall: Time | None,
    what: str,
    window: tuple[date, date],
    engagement_id: str | None,
    alive: _Alive,
) -> list[Obligation]:
    start, end = window
    first, last = _first_nominal(calendar, start), end - timedelta(days=1)
    if last < first:
        return []
    rows = _rolled_series(
        calendar,
        lambda: rrule(WEEKLY, byweekday=weekday, dtstart=_naive(first), until=_naive(last)),
        ("weekly", weekday, first, last),
        window,
        wall,
    )
    found: dict[datetime, list[date]] = {}
    for nominal, nominal_at, due_at in rows:
        if alive(nominal_at):
            found.setdefault(due_at, []).append(nominal)
    out: list[Obligation] = []
    for instant, nominals in found.items():
        why, provisional = _memo(
            calendar,
            ("weekly why", rule.id, weekday, wall, instant, tuple(nominals)),
            partial(_weekly_why, calendar, rule.id, weekday, wall, nominals, instant),
        )
        out.append(obligation(rule.id, what, instant, engagement_id, provisional, False, why))
    return out


def _weekly_why(  # noqa: PLR0917 - private
    calendar: WorkCalendar,
    rule_id: str,
    weekday: int,
    wall: Time | None,
    nominals: list[date],
    instant: datetime,
) -> tuple[tuple[str, ...], bool]:
    # Two occurrences rolled onto one day (a long holiday) are one duty: the later one, which
    # reports the more recent status.
    nominal = nominals[-1]
    _, words = _rolled(calendar, nominal)
    why = [f"every {_WEEKDAY_NAME[weekday]} {_wall_text(wall)}: {'; '.join(words)}"]
    if rule_id == "O4":
        friday = nominal - timedelta(days=(nominal.weekday() - 4) % 7 or 7)
        why.append(f"status as of {_day_text(friday)}")
    why.extend(_also(nominals))
    return tuple(why), calendar.is_provisional(nominals[0], instant.date())


def _monthly(  # noqa: PLR0917 - a private builder shared by O8 and O13
    calendar: WorkCalendar,
    rule: Rule,
    whats: Sequence[str],
    window: tuple[date, date],
    engagement_id: str | None,
    alive: _Alive,
) -> list[Obligation]:
    """Duties on the last working day of each month (O8, O13), at close of business."""
    start, end = window
    if end <= start:
        return []
    out: list[Obligation] = []
    for instant, why, provisional in _memo(
        calendar, ("monthly", window), lambda: _month_ends(calendar, window)
    ):
        if not alive(instant):
            continue
        for what in whats:
            out.append(obligation(rule.id, what, instant, engagement_id, provisional, False, why))
    return out


def _month_ends(
    calendar: WorkCalendar, window: tuple[date, date]
) -> tuple[tuple[datetime, tuple[str, ...], bool], ...]:
    """Close of business on the last working day of each month inside ``window``, with its words."""
    start, end = window
    out = []
    months = rrule(
        MONTHLY, dtstart=datetime(start.year, start.month, 1), until=_naive(end - timedelta(days=1))
    )
    for moment in months:
        days = calendar.working_days_in_month(moment.year, moment.month)
        if not days or not start <= days[-1] < end:
            continue
        last = days[-1]
        why = (
            f"last working day of {moment:%B %Y}: {calendar.day_kind(last).describe()}",
            "close of business",
        )
        out.append((calendar.close_of_business(last), why, calendar.is_provisional(last)))
    return tuple(out)


def _periodic(  # noqa: PLR0917 - a private builder shared by O1 and O6
    calendar: WorkCalendar,
    rule: Rule,
    what: str,
    window: tuple[date, date],
    engagement_id: str | None,
    anchor: tuple[datetime, str],
    alive: _Alive,
) -> list[Obligation]:
    """Duties every ``low``–``high`` months (O1, O6): a window per cycle.

    Each cycle is counted from the latest date of the one before (the cadence
    the rule still allows if every review is done at the last moment), so the
    windows never overlap: cycle ``k`` runs from ``anchor + (k-1)·high + low``
    to ``anchor + k·high`` months, each end moved to a working day. Month
    arithmetic clamps to month ends (``relativedelta``: Aug 31 + 3 months is
    Nov 30) where an RFC 5545 ``rrule`` would skip the months without a 31st.
    """
    low, high = _months_param(rule)
    since, label = anchor
    base = _local(calendar, since, "since").date()
    out: list[Obligation] = []
    for opening, due, provisional, why in _memo(
        calendar,
        ("periodic", low, high, base, label, window),
        partial(_cycles, calendar, low, high, base, label, window),
    ):
        if not alive(opening):
            break
        out.append(obligation(rule.id, what, due, engagement_id, provisional, False, why))
    return out


def _cycles(  # noqa: PLR0917 - private, the calendar's part of _periodic (shared per calendar)
    calendar: WorkCalendar, low: int, high: int, base: date, label: str, window: tuple[date, date]
) -> tuple[tuple[datetime, DueWindow, bool, tuple[str, ...]], ...]:
    start, end = window
    lag = (start.year - base.year) * 12 + start.month - base.month
    cycle = max(1, lag // high)
    out = []
    while True:
        try:
            previous = base + relativedelta(months=(cycle - 1) * high)
            first_nominal = previous + relativedelta(months=low)
            last_nominal = base + relativedelta(months=cycle * high)
        except (ValueError, OverflowError):
            break
        first_day, first_words = _rolled(calendar, first_nominal)
        if first_day >= end:
            break
        last_day, last_words = _rolled(calendar, last_nominal)
        cycle += 1
        if last_day < start:
            continue
        opening = datetime.combine(first_day, calendar.business_hours[0], tzinfo=calendar.tz)
        since_text = f"{label} {_day_text(base)}" if cycle == 2 else f"the latest date {_day_text(previous)}"
        why = (
            f"every {low}–{high} months, each cycle counted from the latest date of the one before",
            f"cycle {cycle - 1} opens {low} months after {since_text}: {'; '.join(first_words)}",
            f"closes {high} months after that date: {'; '.join(last_words)}, close of business",
        )
        due = DueWindow(opening, calendar.close_of_business(last_day))
        out.append((opening, due, calendar.is_provisional(first_nominal, last_day), why))
    return tuple(out)


_O13_WHATS = (
    N_("competitive media spend analysis"),
    N_("store check and market visit report"),
    N_("budget reconciliation"),
)


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
    calendar = cal
    rule = _rule(book, rule_id)
    if rule is None:
        return []
    if rule_id == "O4":
        weekday = _weekday_param(rule, rule.params.get("weekday", 0), "weekday")
        wall = _wall_param(rule, rule.params.get("at", "09:00"), "at")
        return _weekly(
            calendar, rule, weekday, wall, N_("weekly status report"), window, engagement_id, alive
        )
    if rule_id == "O9":
        weekday = _weekday_param(rule, rule.params.get("weekday", 4), "weekday")
        wall = _wall_param(rule, rule.params.get("at", "close"), "at")
        return _weekly(
            calendar, rule, weekday, wall, N_("weekly press clippings"), window, engagement_id, alive
        )
    if rule_id == "O11":
        minutes = _int_param(rule, "meeting_minutes", 40, 1, 24 * 60)
        out: list[Obligation] = []
        for key, what in (
            ("tally", N_("weekly job tally")),
            ("report", N_("weekly report to the supervisor")),
            ("meeting", f"weekly meeting ({minutes} min)"),
        ):
            weekday, wall = _slot_param(rule, key)
            out.extend(_weekly(calendar, rule, weekday, wall, what, window, engagement_id, alive))
        return out
    if rule_id == "O8":
        return _monthly(calendar, rule, (N_("monthly market report"),), window, engagement_id, alive)
    if rule_id == "O13":
        return _monthly(calendar, rule, _O13_WHATS, window, engagement_id, alive)
    if rule_id in ("O1", "O6"):
        anchor = anchors.get(rule_id)
        if anchor is None:
            return []
        what = (
            N_("strategy review and revised written proposal")
            if rule_id == "O1"
            else N_("competitor advertising strategy analysis")
        )
        return _periodic(calendar, rule, what, window, engagement_id, anchor, alive)
    if rule_id in _CADENCE_DUES:  # issue 11 §7: O14-O17, dated by adservice.deadlines.cadence
        return _cadence(rule_id, window, cal, book, engagement_id, alive, anchors.get(rule_id))
    raise UnknownItemError(
        f"rule {brief(rule_id)} is not recurring; recurring rules: {', '.join(RECURRING_RULES)}."
    )


_CADENCE_DUES = {
    "O14": client_meetings,
    "O15": brand_review,
    "O16": payment_reconciliation,
    "O17": tier_review,
}


def _cadence(  # noqa: PLR0917 - private, the arguments of recurring_for
    rule_id: str,
    window: tuple[date, date],
    calendar: WorkCalendar,
    rulebook: Rulebook,
    engagement_id: str | None,
    alive: _Alive,
    anchor: tuple[datetime, str] | None,
) -> list[Obligation]:
    """O14 and O16 from the agreed first occurrence and cadence; O15 and O17 from the contract."""
    if anchor is None:
        return []
    since, how = anchor
    start, end = window
    common: dict[str, object] = {"calendar": calendar, "rulebook": rulebook, "subject": engagement_id or ""}
    if rule_id in ("O14", "O16"):
        common["cadence"] = how if how in CADENCES else None
    dues = _CADENCE_DUES[rule_id](since, start, end, **common)  # type: ignore[operator]
    return [Obligation.of(d) for d in dues if alive(d.due)]


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
