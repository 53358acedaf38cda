"""Obligations: the recurring and event-driven duties of the handbooks (SPEC §7, O1–O17), dated.

Every duty comes from a rule of the rulebook (its numbers are the rule's
``params``) and is dated on a working calendar. Recurring duties are generated
with :mod:`dateutil.rrule`; one that falls on a non-working day moves to the
next working day. Event-driven duties come from an engagement's log (the
lifecycle already records meeting reports, execution reports and fee lists as
:class:`~adservice.deadlines.Due` values; they are reused, not recomputed).

    >>> from datetime import date
    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> cn = WorkCalendar("CN")
    >>> [o.describe() for o in recurring("O4", date(2025, 10, 1), date(2025, 10, 14), calendar=cn)]
    ['O4 weekly status report due Thu 2025-10-09 09:00', 'O4 weekly status report due Mon 2025-10-13 09:00']
    >>> print(recurring("O4", date(2025, 10, 1), date(2025, 10, 10), calendar=cn)[0].explain())
    every Monday 09:00: Mon 2025-10-06 public holiday (Mid-Autumn Festival); moved to the next working day \
Thu 2025-10-09; status as of Fri 2025-10-03

Periodic duties given as a range ("every 3–6 months", O1 and O6) are due in a
:class:`DueWindow` (earliest and latest instant), never a single guess.
Nothing here reads the clock: the window ``[start, end)`` is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import partial

import attrs

from adservice.calendar.workcalendar import (
    WorkCalendar,
    require_aware,
    resolve_calendar,
    unambiguous,
)
from adservice.engagement.lifecycle import Engagement, as_portfolio
from adservice.engagement.views import Milestones, milestones_of
from adservice.errors import (
    InvalidInputError,
    brief,
)
from adservice.i18n import N_
from adservice.portfolio._duties import recorded_duties, tracked_by
from adservice.portfolio._recurring import _recurring
from adservice.portfolio._shared import (
    _AGENCY_RULES,
    _CLIENT_RULES,
    TRACKED_RULES,
    _Alive,
    _alive_by_due,
    _also,
    _day_text,
    _first_nominal,
    _inside,
    _int_param,
    _memo,
    _naive,
    _rolled,
    _rolled_series,
    _rule,
    _sort_key,
    _window,
)
from adservice.portfolio.duties import fee_list_obligation, meeting_preparation, prepare_meeting, return_visit
from adservice.portfolio.obligation import DueWindow, Obligation, ScheduledMeeting, obligation
from adservice.portfolio.recurring import RECURRING_RULES, agency_obligations, recurring, recurring_for
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = [
    "RECURRING_RULES",
    "TRACKED_RULES",
    "DueWindow",
    "Obligation",
    "ScheduledMeeting",
    "agency_obligations",
    "engagement_obligations",
    "fee_list_obligation",
    "meeting_preparation",
    "obligations_due",
    "pending",
    "recurring",
    "return_visit",
]

# -- one engagement, a portfolio ------------------------------------------------------------


def _between(first: datetime, limit: datetime | None) -> _Alive:
    # first and limit in the second pass through a repeated hour (a DST fall-back) at their fixed offsets
    # (unambiguous): the series' instants (working times, never in a repeated night hour) then compare
    # with them as instants.
    low, high = unambiguous(first), None if limit is None else unambiguous(limit)
    return lambda at: low <= at and (high is None or at < high)


def _prospect_tracking(e: Engagement, marks: Milestones, window: tuple[date, date]) -> list[Obligation]:
    """O12's prospect tracking: every ``prospect_every_days`` (7) days from first contact to the contract."""
    rule = _rule(e.rulebook, "O12")
    first = marks.first_at
    if rule is None or first is None or window[1] <= window[0]:
        return []
    every = _int_param(rule, "prospect_every_days", 7, 1, 366)
    cal, (start, end) = e.calendar, window
    stop = marks.contract_or_end_at
    earliest = _first_nominal(cal, start)
    # Tracking ended before any nominal day that could fall due in the window: nothing to list.
    if stop is not None and stop.astimezone(cal.tz).date() < earliest:
        return []
    day0 = first.astimezone(cal.tz).date()
    if day0 >= end:  # the series starts after the window (and may start near the end of time)
        return []
    # Every ``every`` days after day 0 (what rrule(DAILY, interval=every) gives), from the first one
    # that can roll into the window to the window's end. The series and its words depend on the
    # calendar, day 0, the step and the window only: engagements that share them share the work.
    lo = max(day0 + timedelta(days=1), earliest)
    k0 = max(1, -(-(lo - day0).days // every))

    def moments() -> list[datetime]:
        out, k = [], k0
        while (nominal := day0 + timedelta(days=k * every)) <= end:
            out.append(_naive(nominal))
            k += 1
        return out

    rows = _rolled_series(cal, moments, ("prospect", day0, every, k0), window, None)
    alive = _between(first, stop)
    found = _alive_by_due(rows, alive)
    out: list[Obligation] = []
    for instant, nominals in found.items():
        why, provisional = _memo(
            cal,
            ("prospect why", day0, every, instant, tuple(nominals)),
            partial(_prospect_why, cal, day0, every, nominals, instant),
        )
        out.append(obligation("O12", N_("prospect tracking"), instant, e.id, provisional, False, why))
    return out


def _prospect_why(
    cal: WorkCalendar, day0: date, every: int, nominals: list[date], instant: datetime
) -> tuple[tuple[str, ...], bool]:
    _, words = _rolled(cal, nominals[-1])
    why = (
        f"every {every} days from first contact {_day_text(day0)}: {'; '.join(words)}",
        "close of business",
        *_also(nominals),
    )
    return why, cal.is_provisional(nominals[0], instant.date())


def _return_visits(e: Engagement, marks: Milestones) -> list[Obligation]:
    if _rule(e.rulebook, "O12") is None:
        return []
    return [
        return_visit(
            at,
            calendar=e.calendar,
            rulebook=e.rulebook,
            engagement_id=e.id,
            what=f"return visit after delivering {job}",
        )
        for at, job in marks.deliveries
    ]


def _engagement(e: Engagement, window: tuple[date, date]) -> list[Obligation]:
    cal, book = e.calendar, e.rulebook
    marks = milestones_of(e)  # read once per log: every question below asks the same log
    found = recorded_duties(e, window=window) + _return_visits(e, marks)
    found += _prospect_tracking(e, marks, window)
    signed = marks.signed_at
    if signed is not None:
        ended = marks.ended_at
        alive = _between(signed, ended)
        strategy = marks.strategy_at
        anchors = {
            "O1": (strategy, "the agreed strategy") if strategy is not None else (signed, "the contract"),
            "O6": (signed, "the contract"),
            # issue 11 §7: brand and tier reviews count from the contract; agreed routines from their first
            "O15": (signed, "the contract"),
            "O17": (signed, "the contract"),
            **{r.rule_id: (r.first, r.cadence) for r in e.routines.values()},
        }
        for rule_id in _CLIENT_RULES:
            found.extend(
                # The engagement's own calendar, rulebook and anchors, and a checked window:
                # recurring_for's checks of them hold already.
                _recurring(rule_id, window, cal, book, e.id, alive, anchors)
            )
    return found


def engagement_obligations(engagement: Engagement, start: date, end: date) -> tuple[Obligation, ...]:
    """Every duty one engagement owes in ``[start, end)``, on its own calendar and rulebook.

    Recurring client duties (O1, O4, O6, O8, O9, O13, O15, O17) run from the signed
    contract until the engagement closes, is cancelled or lost, and so do the routines
    the client agreed (O14, O16); prospect tracking (O12) runs from first contact to the
    contract; event-driven duties come from the log: meeting and contact reports (O2/O3),
    a scheduled meeting's notice, agenda and reconfirmation (O10), execution reports (O5),
    the fee list (O7) and return visits after each delivery (O12).

    >>> from adservice.demo import demo_engagement
    >>> week = engagement_obligations(demo_engagement(), date(2026, 3, 2), date(2026, 3, 9))
    >>> week[0].describe()
    'O4 weekly status report due Mon 2026-03-02 09:00 [北京-202601-华夏地产-001]'

    Raises:
        InvalidInputError: ``engagement`` is not an :class:`~adservice.engagement.lifecycle.Engagement`.
        DurationOutOfRangeError, CalendarRangeError, RulebookError: as :func:`obligations_due`.
    """
    if not isinstance(engagement, Engagement):
        raise InvalidInputError(f"engagement must be an Engagement (got {brief(engagement)}).")
    window = _window(engagement.calendar, start, end)
    return tuple(sorted(_inside(_engagement(engagement, window), window), key=_sort_key))


def pending(engagement: Engagement, as_of: datetime) -> tuple[Obligation, ...]:
    """Duties the log can show done that were still open at ``as_of``: the execution reports and
    the fee list (:data:`TRACKED_RULES`: O5, O7), and a scheduled meeting's notice, agenda,
    reconfirmation (O10) and report (O2/O3).

    Only duties whose cause happened by ``as_of`` count, and one done after
    ``as_of`` counts as open then. The reports of meetings never scheduled, return
    visits and the recurring duties leave no trace in the log, so they are never listed here.

    Raises:
        InvalidInputError: ``engagement`` is not an Engagement.
        NaiveDatetimeError: ``as_of`` has no time zone.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.engagement.lifecycle import Engagement
    >>> pending(Engagement("E-1", "Huaxia"), datetime(2025, 10, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    ()
    """
    if not isinstance(engagement, Engagement):
        raise InvalidInputError(f"engagement must be an Engagement (got {brief(engagement)}).")
    now = require_aware(as_of, "as_of")
    tracked = tracked_by(engagement)
    out = [
        ob if ob.done_at is None else attrs.evolve(ob, done_at=None)
        for ob in recorded_duties(engagement, as_of=now)
        if tracked(ob) and (ob.done_at is None or unambiguous(ob.done_at) > unambiguous(now))
    ]
    return tuple(sorted(out, key=_sort_key))


def obligations_due(
    portfolio: Engagement | Iterable[Engagement],
    start: date,
    end: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    meetings: Iterable[ScheduledMeeting] = (),
    agency: bool = True,
) -> tuple[Obligation, ...]:
    """Every duty due in ``[start, end)`` for an engagement or a portfolio, sorted by deadline.

    Args:
        portfolio: one engagement or any iterable of them (each id once).
        start: first day of the window.
        end: the day after the window (``end == start`` is an empty window).
        calendar: the agency's calendar, for the agency's own routine (O11) and for meetings of no
            engagement in the portfolio (default CN). Each engagement's duties use its own calendar.
        rulebook: the agency's rulebook for the same (default :meth:`Rulebook.standard`).
        meetings: scheduled meetings whose preparation (O10) falls due in the window (a meeting
            listed twice counts once).
        agency: include the agency's own weekly routine (O11).

    Returns:
        The duties whose deadline day lies in the window, plus windows (O1, O6) overlapping it;
        sorted by deadline, then rule, engagement and what.

    Raises:
        InvalidInputError: a portfolio that is not engagements, an id twice, arguments of the wrong type.
        DurationOutOfRangeError: ``end`` before ``start``.
        CalendarRangeError: the window leaves a calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a day past its confirmed years.
        RulebookError: a rule's parameters are malformed.

    >>> from adservice.engagement.lifecycle import Engagement
    >>> from zoneinfo import ZoneInfo
    >>> e = Engagement("E-1", "Huaxia")
    >>> ended = datetime(2025, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> _ = e.meeting(ended, "agency:Li", about="kick-off")
    >>> [o.describe() for o in obligations_due([e], date(2025, 10, 1), date(2025, 10, 2))]
    ['O2 meeting report due Wed 2025-10-01 16:00 [E-1]']
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    engagements = as_portfolio(portfolio)
    window = _window(cal, start, end)
    if isinstance(meetings, (str, bytes, Mapping)) or not isinstance(meetings, Iterable):
        raise InvalidInputError(f"meetings must be an iterable of ScheduledMeeting (got {brief(meetings)}).")
    if not isinstance(agency, bool):
        raise InvalidInputError(f"agency must be True or False (got {brief(agency)}).")
    found: list[Obligation] = []
    by_id = {e.id: e for e in engagements}
    for e in engagements:
        found.extend(_engagement(e, _window(e.calendar, start, end)))
    scheduled = tuple(meetings)
    for meeting in scheduled:
        if not isinstance(meeting, ScheduledMeeting):
            raise InvalidInputError(f"meetings holds ScheduledMeeting values (got {brief(meeting)}).")
    for meeting in dict.fromkeys(scheduled):  # a meeting listed twice is prepared once
        owner = by_id.get(meeting.engagement_id or "")
        found.extend(
            prepare_meeting(meeting, calendar=owner.calendar, rulebook=owner.rulebook)
            if owner
            else prepare_meeting(meeting, calendar=cal, rulebook=book)
        )
    if agency:
        for rule_id in _AGENCY_RULES:
            found.extend(recurring_for(rule_id, window, calendar=cal, rulebook=book))
    return tuple(sorted(_inside(found, window), key=_sort_key))
