"""The builders behind :mod:`adservice.portfolio.recurring`, in one private module so the
portfolio's own callers reach :func:`_recurring` with arguments already checked. Recurring duties
(O1, O4, O6, O8, O9, O11, O13) come from the calendar alone with :mod:`dateutil.rrule`; the duties
at an agreed cadence (O14-O17) are dated by :mod:`adservice.deadlines.cadence`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from functools import partial

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines.cadence import (
    CADENCES,
    brand_review,
    client_meetings,
    payment_reconciliation,
    tier_review,
)
from adservice.errors import (
    UnknownItemError,
    brief,
)
from adservice.i18n import N_
from adservice.portfolio._shared import (
    _WEEKDAY_NAME,
    RECURRING_RULES,
    _Alive,
    _alive_by_due,
    _also,
    _day_text,
    _first_nominal,
    _int_param,
    _local,
    _memo,
    _months_param,
    _naive,
    _owed,
    _rolled,
    _rolled_series,
    _rule,
    _slot_param,
    _wall_param,
    _wall_text,
    _weekday_param,
)
from adservice.portfolio.obligation import DueWindow, Obligation, obligation
from adservice.rulebook.book import Rule, Rulebook

__all__: list[str] = []

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
    found = _alive_by_due(rows, alive)
    out: list[Obligation] = []
    for instant, nominals in found.items():
        template = _memo(
            calendar,
            ("weekly duty", rule.id, what, weekday, wall, instant, tuple(nominals)),
            partial(_weekly_duty, calendar, rule.id, what, weekday, wall, nominals, instant),
        )
        out.append(_owed(template, engagement_id))
    return out


def _weekly_duty(  # noqa: PLR0917 - private
    calendar: WorkCalendar,
    rule_id: str,
    what: str,
    weekday: int,
    wall: Time | None,
    nominals: list[date],
    instant: datetime,
) -> Obligation:
    why, provisional = _weekly_why(calendar, rule_id, weekday, wall, nominals, instant)
    return obligation(rule_id, what, instant, None, provisional, False, why)


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
            template = _memo(
                calendar,
                ("monthly duty", rule.id, what, instant, why, provisional),
                partial(obligation, rule.id, what, instant, None, provisional, False, why),
            )
            out.append(_owed(template, engagement_id))
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
        template = _memo(
            calendar,
            ("periodic duty", rule.id, what, due.earliest, due.latest, provisional, why),
            partial(obligation, rule.id, what, due, None, provisional, False, why),
        )
        out.append(_owed(template, engagement_id))
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


def _recurring(  # noqa: PLR0917 - the arguments of recurring_for, already checked
    rule_id: str,
    window: tuple[date, date],
    calendar: WorkCalendar,
    book: Rulebook,
    engagement_id: str | None,
    alive: _Alive,
    anchors: Mapping[str, tuple[datetime, str]],
) -> list[Obligation]:
    """``recurring_for`` once its arguments are checked: the portfolio's own callers, which
    pass an engagement's calendar and rulebook, a checked window and anchors from its log, call
    this for each of its rules instead of checking the same arguments again per rule."""
    cal = calendar
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
