"""Reports as plain values: the weekly status report, the overdue list and the client-tier view.

Each report is a frozen value with ``rows``; rendering is separate
(:mod:`adservice.present.text`). Nothing here reads the clock: the date or instant a
report describes is an argument. The complaint classification statistics are
:func:`adservice.issues.complaint_statistics`.

The weekly status report (工作周报表, O4) is due each Monday morning and gives
each job's status as of the previous Friday:

    >>> from datetime import date
    >>> report = status_report([], date(2025, 10, 6))
    >>> report.status_day, report.due.isoformat()
    (datetime.date(2025, 10, 3), '2025-10-09T09:00:00+08:00')

Client tiers (H5: A/B/C/D) are assigned from the client's scores on the
evaluation criteria, as data an agency can reweigh:

    >>> assign_tier({"business_importance": 90, "market_influence": 85,
    ...              "payment_timeliness": 80, "satisfaction": 75}).tier
    'A'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs

from adservice._display import show
from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar, unambiguous
from adservice.deadlines._common import a_date, aware, maybe_aware
from adservice.deadlines._reading import read_clock
from adservice.engagement.lifecycle import FORWARD, Engagement, as_portfolio
from adservice.engagement.table import FINAL_STAGES, Stage
from adservice.errors import CalendarRangeError, InvalidInputError, brief
from adservice.portfolio._duties import tracked_by
from adservice.portfolio.obligations import Obligation, pending, recurring
from adservice.portfolio.tiers import (
    CLIENT_TIERS,
    TIER_CRITERIA,
    ClientTier,
    TierAssessment,
    TierCriterion,
    TierPolicy,
    TierReport,
    TierRow,
    assign_tier,
    tier_report,
)
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = [
    "CLIENT_TIERS",
    "TIER_CRITERIA",
    "ClientTier",
    "OverdueReport",
    "StatusReport",
    "StatusRow",
    "TierAssessment",
    "TierCriterion",
    "TierPolicy",
    "TierReport",
    "TierRow",
    "assign_tier",
    "overdue_report",
    "status_report",
    "tier_report",
]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# -- the weekly status report and the overdue list ----------------------------------------


@attrs.frozen
class StatusRow:
    """One line of the status report: a job order, or an engagement's own next step (``job`` is None).

    Attributes:
        engagement_id: the engagement; ``client``: the client's name.
        job: the job number, or ``None`` for the engagement's own row.
        item: the job's turnaround item (``"print_single"``), if a job.
        stage: the engagement's stage at the status instant.
        next_action: what has to happen next, in words (with the rule that demands it).
        owner: who has to do it: a team member (``"Li (AE)"``) or ``"client: Name"``.
        due: when it is due, if anything is; for a job, the turnaround deadline moved later by the
            time the engagement waited on the client.
        late_by: working days past ``due`` (after the due day, up to the status day, or up to the
            delivery day for work delivered late); ``None`` when not late. A job due on the status
            day and not delivered is late by 0.
        done: the job was delivered.
        rule_id: the rule ``due`` comes from (``"T4"``, ``"O7"``).
        provisional: whether ``due`` rests on a calendar year not yet officially announced.
        estimate: for a job, where its cost estimate stands (E1): ``"none"``, ``"submitted"``,
            ``"approved"`` (by the responsible manager) or ``"signed"`` (by the client).

    >>> from adservice.demo import demo_engagement
    >>> row = status_report([demo_engagement()], week_of=date(2026, 2, 2)).rows[1]
    >>> row.job, row.item, row.owner, row.due.isoformat()
    ('BJ-202601-02', 'media_schedule', 'Li Na (AE)', '2026-02-03T17:00:00+08:00')
    """

    engagement_id: str
    client: str
    job: str | None
    item: str | None
    stage: str
    next_action: str
    owner: str
    due: datetime | None = attrs.field(validator=maybe_aware)
    late_by: int | None
    done: bool = False
    rule_id: str | None = None
    provisional: bool = False
    estimate: str | None = None  # issue 11 §6 (workflows)

    @property
    def overdue(self) -> bool:
        """Late and not done."""
        return self.late_by is not None and not self.done

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        data = attrs.asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        return data


@attrs.frozen
class StatusReport:
    """The weekly status report (工作周报表, O4): every open job's status as of the previous Friday.

    Attributes:
        week_of: the day the report is for (usually a Monday).
        status_day: the Friday before ``week_of`` whose end the status describes.
        status_at: that instant: the end of ``status_day`` in the calendar's zone.
        due: the report's own deadline (O4: the Monday after ``status_day``, 09:00, moved to the
            next working day), or ``None`` if the rulebook disables O4.
        rows: one row per job order of each open engagement, a ``done`` row per tracked duty (O5,
            O7) done late, then the engagement's own next step; sorted by client, engagement and job.

    >>> from adservice.demo import demo_engagement
    >>> report = status_report([demo_engagement()], week_of=date(2026, 2, 2))
    >>> report.status_day, report.due.isoformat(), len(report.rows)
    (datetime.date(2026, 1, 30), '2026-02-02T09:00:00+08:00', 3)
    """

    week_of: date = attrs.field(validator=a_date)
    status_day: date = attrs.field(validator=a_date)
    status_at: datetime = attrs.field(validator=aware)
    due: datetime | None = attrs.field(validator=maybe_aware)
    rows: tuple[StatusRow, ...]

    @property
    def overdue(self) -> tuple[StatusRow, ...]:
        """The rows late and not done, the latest first."""
        return _most_late_first(r for r in self.rows if r.overdue)

    def _repr_html_(self) -> str:
        return show("html", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (the command line's ``--json``)."""
        return {
            "week_of": self.week_of.isoformat(),
            "status_day": self.status_day.isoformat(),
            "status_at": self.status_at.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "rows": [r.to_dict() for r in self.rows],
        }


@attrs.frozen
class OverdueReport:
    """Everything overdue at an instant: late jobs and open duties the log tracks (O5, O7), and
    those duties done late (``done`` rows: a fee list approved after O7's date).

    Attributes:
        as_of: the instant the list describes.
        rows: the overdue rows, most late first.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.demo import demo_engagement
    >>> at = datetime(2026, 4, 21, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [(r.rule_id, r.late_by, r.done) for r in overdue_report([demo_engagement()], as_of=at).rows]
    [('O5', 1, True)]
    """

    as_of: datetime = attrs.field(validator=aware)
    rows: tuple[StatusRow, ...]

    def _repr_html_(self) -> str:
        return show("html", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {"as_of": self.as_of.isoformat(), "rows": [r.to_dict() for r in self.rows]}


def _most_late_first(rows: Iterable[StatusRow]) -> tuple[StatusRow, ...]:
    def key(r: StatusRow) -> tuple[int, float, str, str]:
        return (-(r.late_by or 0), r.due.timestamp() if r.due else math.inf, r.engagement_id, r.job or "")

    return tuple(sorted(rows, key=key))


def _snapshot(e: Engagement, at: datetime) -> Engagement | None:
    """The engagement as it stood at ``at`` (its log up to then), or ``None`` before its first event.

    An engagement whose last event is not after ``at`` is its own snapshot (nothing to replay);
    otherwise :meth:`Engagement.as_of` replays the log up to ``at``.
    """
    first, last = e.first_at, e.last_at
    if first is None or last is None or first.timestamp() > at.timestamp():
        return None
    if last.timestamp() <= at.timestamp():
        return e
    return e.as_of(at)


def _inside_horizon(cal: WorkCalendar, at: datetime) -> None:
    """Refuse an instant whose day lies outside the calendar's horizon (``datetime.max``...)."""
    try:
        day = at.astimezone(cal.tz).date()
    except OverflowError:
        day = None
    if day is None or not cal.horizon[0] <= day.year <= cal.horizon[1]:
        first, last = cal.horizon
        msg = f"as_of {at.isoformat()} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg)


def _late_by(cal: WorkCalendar, due: datetime, until: datetime) -> int | None:
    """Working days after the due day up to ``until``'s day; ``None`` if ``until`` is not past ``due``."""
    if until <= due:
        return None
    a = due.astimezone(cal.tz).date() + timedelta(days=1)
    local = until.astimezone(cal.tz)
    b = local.date() + timedelta(days=1)
    # ``until`` at midnight is the end of the day before.
    if local == datetime.combine(local.date(), Time(0), tzinfo=local.tzinfo):
        b -= timedelta(days=1)
    return max(0, cal.working_days_between(a, b)) if b > a else 0


def _team_owner(e: Engagement) -> str:
    for role, label in (("ae", "AE"), ("senior_ae", "senior AE"), ("project_director", "project director")):
        person = e.team.get(role)
        if person:
            return f"{person} ({label})"
    return "AE (not yet assigned)"


def _client_owner(e: Engagement) -> str:
    return f"client: {e.client}"


def _job_rows(e: Engagement, at: datetime) -> list[StatusRow]:
    """A row per job order, read from the engagement's clocks (:func:`adservice.deadlines.job_clock`):
    a job is late exactly when its clock is breached at ``at``; only its delivery stops it."""
    rows: list[StatusRow] = []
    stage, cal = e.stage.value, e.calendar
    clocks = e.clocks()
    for number, job in e.job_orders.items():
        name = e.rulebook.items[job.item].name if job.item in e.rulebook.items else job.item
        label = f"{name} (revision {job.revision})" if job.revision else name
        clock = clocks.get(number)
        estimate = e.estimate_status(number)  # issue 11 §6 (workflows): where the job's estimate stands
        if clock is None or unambiguous(clock.started_at) > unambiguous(at):
            action = "the client's written work order (G3)"
            owner = _client_owner(e)
            if estimate == "submitted":
                action, owner = "the responsible manager's approval of the estimate (E1)", _team_owner(e)
            elif estimate == "approved":
                action = "the client's signature on the estimate (E1)"
            waiting = StatusRow(e.id, e.client, number, job.item, stage, action, owner, None, None)
            rows.append(attrs.evolve(waiting, estimate=estimate))
            continue
        # The clock's reading at ``at``: what ``clock.status(at)`` is made of, without the risk levels.
        reading = read_clock(clock, at)
        end, stopped, due = reading.end, reading.stopped, reading.due
        breached = end > due  # as ClockStatus.breached
        late = _late_by(cal, due, end) if breached else None
        if stopped:
            action, owner = "done", _team_owner(e)
        elif reading.paused:
            step = e.waiting_step(number)  # a production step with the client (G5), if any
            action = (
                "waiting on the client (on hold)"
                if e.stage is Stage.ON_HOLD
                else f"the client's written approval of {step} (G5)"
                if step
                else "the client's written sign-off (G3)"
            )
            owner = _client_owner(e)
        else:
            step = e.next_step(number)  # the agency's next production step for the client (G5)
            action = f"{step} to the client for written approval (G5)" if step else f"deliver the {label}"
            owner = _team_owner(e)
        provisional = cal.is_provisional(due.astimezone(cal.tz).date())
        if breached and late is None:
            late = 0
        row = (e.id, e.client, number, job.item, stage, action, owner, due, late)
        rows.append(StatusRow(*row, stopped, clock.rule_id, provisional, estimate=estimate))
    return rows


def _next_step(e: Engagement) -> tuple[str, str]:
    """The engagement's next action and its owner: the first unmet requirement of its forward move."""
    if e.stage is Stage.ON_HOLD:
        reason = e.waits[-1].reason if e.waits else "waiting on the client"
        return f"resume from hold ({reason})", _client_owner(e)
    for req in e.requirements():
        if not req.met:
            return f"{req.description} ({req.rule_id})", _client_owner(
                e
            ) if req.owner == "client" else _team_owner(e)
    return f"ready to {FORWARD[e.stage].replace('_', ' ')}", _team_owner(e)


def _engagement_row(e: Engagement, at: datetime) -> StatusRow:
    action, owner = _next_step(e)
    open_duties = pending(e, at)
    first: Obligation | None = open_duties[0] if open_duties else None
    due = first.deadline if first else None
    return StatusRow(
        e.id,
        e.client,
        None,
        None,
        e.stage.value,
        action if first is None else f"{action}; next duty: {first.what} ({first.rule_id})",
        owner,
        due,
        _late_by(e.calendar, due, at) if due is not None else None,
        False,
        first.rule_id if first else None,
        first.provisional if first else False,
    )


def _duty_rows(e: Engagement, at: datetime) -> list[StatusRow]:
    return [
        StatusRow(
            e.id,
            e.client,
            None,
            None,
            e.stage.value,
            ob.what,
            _client_owner(e) if ob.rule_id == "O7" else _team_owner(e),
            ob.deadline,
            late,
            False,
            ob.rule_id,
            ob.provisional,
        )
        for ob in pending(e, at)
        if (late := _late_by(e.calendar, ob.deadline, at)) is not None
    ]


def _done_late_rows(e: Engagement, at: datetime) -> list[StatusRow]:
    """The tracked duties (O5, O7, a scheduled meeting's O10 and O2/O3) the log shows done after
    they were due, by ``at``: the one verdict :meth:`adservice.deadlines.Due.status` gives
    (``"late"``); late by the working days from the due day to the day it was done."""
    rows = []
    tracked = tracked_by(e)
    for d in e.duties:
        if d.done_at is None or not tracked(d) or d.status(at) != "late":
            continue
        done = d.done_at.astimezone(e.calendar.tz)
        owner = _client_owner(e) if d.rule_id == "O7" else _team_owner(e)
        action = f"{d.what} done late ({_WEEKDAY[done.weekday()]} {done:%Y-%m-%d %H:%M})"
        late = _late_by(e.calendar, d.due, d.done_at) or 0
        row = (e.id, e.client, None, None, e.stage.value, action, owner, d.due, late)
        rows.append(StatusRow(*row, True, d.rule_id, d.provisional))
    return rows


def _status_day(as_of: date) -> date:
    """The Friday strictly before ``as_of``."""
    return as_of - timedelta(days=(as_of.weekday() - 4) % 7 or 7)


def status_report(
    portfolio: Engagement | Iterable[Engagement],
    week_of: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
) -> StatusReport:
    """The weekly status report for ``week_of``: each open job's status at the end of the Friday before.

    Each engagement is taken as its log stood at the end of that Friday
    (``engagement.as_of``); closed, lost and cancelled engagements are left out. A job's
    row is its clock (``engagement.clocks()``, one :func:`adservice.deadlines.job_clock`
    each): due by its plan or an accepted rush, moved later by the time the engagement
    waited on the client; late exactly when the clock is breached; stopped only by delivery
    (work handed to the client for sign-off is paused, not done).

    Args:
        portfolio: one engagement or any iterable of them (each id once).
        week_of: the report's day (usually a Monday; the status is as of the Friday before it).
        calendar: the agency's calendar: the status instant and the report's due date (default CN).
        rulebook: the agency's rulebook, for O4 (default :meth:`Rulebook.standard`).

    Returns:
        The report: its status day and instant, its own due date, and the rows.

    Raises:
        InvalidInputError: ``week_of`` not a date, a portfolio that is not engagements, an id twice.
        CalendarRangeError: ``week_of`` outside the calendar's horizon (``date.min``, ``date.max``...);
            as the calendars' arithmetic.
        ProvisionalCalendarError: as the calendars' arithmetic.
        RulebookError: O4's parameters are malformed.

    >>> from adservice.demo import demo_engagement
    >>> row = status_report([demo_engagement()], week_of=date(2026, 2, 2)).rows[0]
    >>> row.job, row.next_action, row.owner
    ('BJ-202601-01', "the client's written approval of creative_concept (G5)", 'client: Huaxia Real Estate')
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if not isinstance(week_of, date) or isinstance(week_of, datetime):
        msg = f"week_of must be a datetime.date such as date(2025, 10, 13) (got {brief(week_of)})."
        raise InvalidInputError(msg)
    cal.day_kind(week_of)  # refuses a week outside the calendar's horizon before any arithmetic
    engagements = as_portfolio(portfolio)
    friday = _status_day(week_of)
    at = datetime.combine(friday + timedelta(days=1), Time(0), tzinfo=cal.tz)
    following = recurring(
        "O4", friday + timedelta(days=1), friday + timedelta(days=60), calendar=cal, rulebook=book
    )
    rows: list[StatusRow] = []
    for e in engagements:
        snap = _snapshot(e, at)
        if snap is None or snap.stage in FINAL_STAGES:
            continue
        rows.extend(_job_rows(snap, at))
        rows.extend(_done_late_rows(snap, at))
        rows.append(_engagement_row(snap, at))
    rows.sort(key=lambda r: (r.client, r.engagement_id, r.job is None, r.job or ""))
    return StatusReport(week_of, friday, at, following[0].deadline if following else None, tuple(rows))


def overdue_report(portfolio: Engagement | Iterable[Engagement], as_of: datetime) -> OverdueReport:
    """Everything overdue at ``as_of``: jobs past their (waiting-adjusted) due, open duties the
    report tracks (O5, O7, a scheduled meeting's O10 and O2/O3), and such duties done late
    (flagged ``done``, late by the working days they were late).

    Raises:
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidInputError: a portfolio that is not engagements, an id twice.
        CalendarRangeError: ``as_of`` outside the horizon of an open engagement's calendar.

    >>> from datetime import timezone, timedelta
    >>> from adservice.demo import demo_engagement
    >>> at = datetime(2026, 4, 21, 10, tzinfo=timezone(timedelta(hours=8)))
    >>> row = overdue_report([demo_engagement()], as_of=at).rows[0]
    >>> row.rule_id, row.next_action, row.late_by
    ('O5', 'execution report of round 2 done late (Thu 2026-04-16 17:00)', 1)
    """
    now = require_aware(as_of, "as_of")
    rows: list[StatusRow] = []
    for e in as_portfolio(portfolio):
        snap = _snapshot(e, now)
        if snap is None or snap.stage in FINAL_STAGES:
            continue
        _inside_horizon(snap.calendar, now)
        rows.extend(r for r in _job_rows(snap, now) if r.overdue)
        rows.extend(_duty_rows(snap, now))
        rows.extend(_done_late_rows(snap, now))
    return OverdueReport(now, _most_late_first(rows))
