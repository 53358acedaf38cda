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
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines.clocks import Clock
from adservice.deadlines.plans import plan
from adservice.engagement.lifecycle import FORWARD, Engagement, as_portfolio
from adservice.engagement.table import FINAL_STAGES, Stage
from adservice.errors import InvalidInputError, RulebookError, UnknownItemError
from adservice.kernel.events import Event
from adservice.portfolio.obligations import Obligation, pending, recurring
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
        done: the job was delivered (or handed to the client for sign-off).
        rule_id: the rule ``due`` comes from (``"T4"``, ``"O7"``).
        provisional: whether ``due`` rests on a calendar year not yet officially announced.
    """

    engagement_id: str
    client: str
    job: str | None
    item: str | None
    stage: str
    next_action: str
    owner: str
    due: datetime | None
    late_by: int | None
    done: bool = False
    rule_id: str | None = None
    provisional: bool = False

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
        as_of: the day the report is for (usually a Monday).
        status_day: the Friday before ``as_of`` whose end the status describes.
        status_at: that instant: the end of ``status_day`` in the calendar's zone.
        due: the report's own deadline (O4: the Monday after ``status_day``, 09:00, moved to the
            next working day), or ``None`` if the rulebook disables O4.
        rows: one row per job order of each open engagement, then the engagement's own next step;
            sorted by client, engagement and job.
    """

    as_of: date
    status_day: date
    status_at: datetime
    due: datetime | None
    rows: tuple[StatusRow, ...]

    @property
    def overdue(self) -> tuple[StatusRow, ...]:
        """The rows late and not done, the latest first."""
        return _most_late_first(r for r in self.rows if r.overdue)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (the command line's ``--json``)."""
        return {
            "as_of": self.as_of.isoformat(),
            "status_day": self.status_day.isoformat(),
            "status_at": self.status_at.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "rows": [r.to_dict() for r in self.rows],
        }


@attrs.frozen
class OverdueReport:
    """Everything overdue at an instant: late jobs and open duties the log tracks (O5, O7).

    Attributes:
        as_of: the instant the list describes.
        rows: the overdue rows, most late first.
    """

    as_of: datetime
    rows: tuple[StatusRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {"as_of": self.as_of.isoformat(), "rows": [r.to_dict() for r in self.rows]}


def _most_late_first(rows: Iterable[StatusRow]) -> tuple[StatusRow, ...]:
    def key(r: StatusRow) -> tuple[int, float, str, str]:
        return (-(r.late_by or 0), r.due.timestamp() if r.due else math.inf, r.engagement_id, r.job or "")

    return tuple(sorted(rows, key=key))


def _snapshot(e: Engagement, at: datetime) -> Engagement | None:
    """The engagement as it stood just before ``at`` (its log up to then, replayed)."""
    events = [ev for ev in e.events if ev.at < at]
    if not events:
        return None
    if len(events) == len(e.events):
        return e
    return Engagement.replay(events, id=e.id, client=e.client, calendar=e.calendar, rulebook=e.rulebook)


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


def _latest(events: Sequence[Event], kind: str, job: str) -> Event | None:
    found = None
    for ev in events:
        if ev.kind == kind and job in ev.payload.get("jobs", ()):
            found = ev
    return found


def _job_clock(e: Engagement, job: str, item: str, received: Event, until: datetime) -> Clock:
    """The job's turnaround clock: from its (latest) work order, paused while the engagement waited
    on the client, stopped when the job was delivered or handed to the client for sign-off."""
    cal, events = e.calendar, e.events
    due: datetime | None = None
    accepted = False
    for ev in events:
        if ev.payload.get("job") == job and ev.at >= received.at:
            if ev.kind == "rush_request":
                due = cal.close_of_business(date.fromisoformat(str(ev.payload["requested_due"])))
                accepted = False
            elif ev.kind == "rush_decision":
                accepted = bool(ev.payload.get("accept"))
    if accepted and due is not None and due >= received.at:
        clock = Clock.start(job, received.at, due=due, calendar=cal, rule_id="T8")
    else:
        clock = Clock.for_plan(plan(item, received.at, calendar=cal, rulebook=e.rulebook))
    stop = next(
        (
            ev.at
            for ev in events
            if ev.at >= received.at
            and ((ev.kind == "deliver" and ev.payload.get("job") == job) or ev.kind == "submit_for_approval")
        ),
        None,
    )
    end = min(stop, until) if stop is not None else until
    for wait in e.waits:
        if wait.start < received.at or wait.start >= end:
            continue
        clock = clock.pause(wait.start, wait.reason)
        if wait.end is not None and wait.end < end:
            clock = clock.resume(wait.end)
    if stop is not None and stop <= until:
        clock = clock.stop(stop)
    return clock


def _job_rows(e: Engagement, at: datetime) -> list[StatusRow]:
    rows: list[StatusRow] = []
    stage = e.stage.value
    for number, job in e.job_orders.items():
        name = e.rulebook.items[job.item].name if job.item in e.rulebook.items else job.item
        label = f"{name} (revision {job.revision})" if job.revision else name
        received = _latest(e.events, "work_order", number)
        if received is None:
            rows.append(
                StatusRow(
                    e.id,
                    e.client,
                    number,
                    job.item,
                    stage,
                    "the client's written work order (G3)",
                    _client_owner(e),
                    None,
                    None,
                )
            )
            continue
        clock = _job_clock(e, number, job.item, received, at)
        status = clock.status(at)
        if status.stopped and clock.stopped_at is not None:
            if e.stage is Stage.APPROVAL and "creative" not in e.signoffs:
                action, owner = "the client's written sign-off (G3)", _client_owner(e)
            else:
                action, owner = "done", _team_owner(e)
            late = _late_by(e.calendar, status.due, clock.stopped_at)
        elif status.paused:
            action, owner, late = "waiting on the client (on hold)", _client_owner(e), None
        else:
            action, owner = f"deliver the {label}", _team_owner(e)
            late = _late_by(e.calendar, status.due, at)
        rows.append(
            StatusRow(
                e.id,
                e.client,
                number,
                job.item,
                stage,
                action,
                owner,
                status.due,
                late,
                status.stopped,
                status.rule_id,
                e.calendar.is_provisional(status.due.astimezone(e.calendar.tz).date()),
            )
        )
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
            _team_owner(e) if ob.rule_id == "O5" else _client_owner(e),
            ob.deadline,
            late,
            False,
            ob.rule_id,
            ob.provisional,
        )
        for ob in pending(e, at)
        if (late := _late_by(e.calendar, ob.deadline, at)) is not None
    ]


def _status_day(as_of: date) -> date:
    """The Friday strictly before ``as_of``."""
    return as_of - timedelta(days=(as_of.weekday() - 4) % 7 or 7)


def status_report(
    portfolio: Engagement | Iterable[Engagement],
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
) -> StatusReport:
    """The weekly status report for ``as_of``: each open job's status at the end of the Friday before.

    Each engagement is taken as its log stood at the end of that Friday
    (replayed); closed, lost and cancelled engagements are left out. A job's
    due date is its turnaround plan from its latest written work order
    (:func:`adservice.deadlines.plans.plan`), or the due date of an accepted rush,
    moved later by the time the engagement waited on the client
    (:class:`adservice.deadlines.clocks.Clock`); a job stops when delivered or handed to
    the client for sign-off.

    Args:
        portfolio: one engagement or any iterable of them (each id once).
        as_of: the report's day (usually a Monday; the status is as of the Friday before it).
        calendar: the agency's calendar: the status instant and the report's due date (default CN).
        rulebook: the agency's rulebook, for O4 (default :meth:`Rulebook.standard`).

    Returns:
        The report: its status day and instant, its own due date, and the rows.

    Raises:
        InvalidInputError: ``as_of`` not a date, a portfolio that is not engagements, an id twice.
        CalendarRangeError, ProvisionalCalendarError: as the calendars' arithmetic.
        RulebookError: O4's parameters are malformed.
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise InvalidInputError(f"as_of must be a datetime.date such as date(2025, 10, 13) (got {as_of!r}).")
    engagements = as_portfolio(portfolio)
    friday = _status_day(as_of)
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
        rows.append(_engagement_row(snap, at))
    rows.sort(key=lambda r: (r.client, r.engagement_id, r.job is None, r.job or ""))
    return StatusReport(as_of, friday, at, following[0].deadline if following else None, tuple(rows))


def overdue_report(portfolio: Engagement | Iterable[Engagement], as_of: datetime) -> OverdueReport:
    """Everything overdue at ``as_of``: jobs past their (waiting-adjusted) due, open O5/O7 duties.

    Raises:
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidInputError: a portfolio that is not engagements, an id twice.
    """
    now = require_aware(as_of, "as_of")
    rows: list[StatusRow] = []
    for e in as_portfolio(portfolio):
        snap = _snapshot(e, now)
        if snap is None or snap.stage in FINAL_STAGES:
            continue
        rows.extend(r for r in _job_rows(snap, now) if r.overdue)
        rows.extend(_duty_rows(snap, now))
    return OverdueReport(now, _most_late_first(rows))


# -- client tiers (H5) -----------------------------------------------------------------------


@attrs.frozen
class TierCriterion:
    """One evaluation criterion of clients (H5 客户评估), scored 0–100, with its weight in the total."""

    key: str
    name: str
    name_zh: str
    weight: float
    description: str


@attrs.frozen
class ClientTier:
    """A client tier (H5 客户分类): who belongs in it, how the agency treats it, its lowest score."""

    code: str
    name: str
    name_zh: str
    description: str
    treatment: str
    min_score: float


#: The evaluation criteria of H5 (业务重要性、市场影响、付款及时性、客户满意度). The handbook
#: names them without weights; the standard weighs them equally.
TIER_CRITERIA: tuple[TierCriterion, ...] = (
    TierCriterion(
        "business_importance",
        "business importance",
        "业务重要性",
        0.25,
        "how much the client's business matters to the agency's development",
    ),
    TierCriterion(
        "market_influence",
        "market influence",
        "市场影响",
        0.25,
        "the client's standing and influence in its market",
    ),
    TierCriterion(
        "payment_timeliness", "payment timeliness", "付款及时性", 0.25, "whether the client pays on time"
    ),
    TierCriterion("satisfaction", "client satisfaction", "客户满意度", 0.25, "how satisfied the client is"),
)

#: The four tiers of H5, best first. The handbook gives no score bounds; the standard uses 80/60/40.
CLIENT_TIERS: tuple[ClientTier, ...] = (
    ClientTier(
        "A",
        "core client",
        "核心客户",
        "a core client with an important influence on the agency's business development",
        "priority attention (优先关注)",
        80.0,
    ),
    ClientTier(
        "B",
        "growth client",
        "潜力客户",
        "a client with large potential and good development prospects",
        "actively maintain and develop (积极维护和发展)",
        60.0,
    ),
    ClientTier(
        "C",
        "regular client",
        "普通客户",
        "a regular client with some business contribution",
        "keep the relationship stable (保持稳定的客户关系)",
        40.0,
    ),
    ClientTier(
        "D",
        "low-contribution client",
        "低贡献客户",
        "a client with a low business contribution",
        "fine-grained management to raise the client's value (精细管理提高客户价值)",
        0.0,
    ),
)


def _criteria(value: Iterable[TierCriterion]) -> tuple[TierCriterion, ...]:
    out = tuple(value) if isinstance(value, Iterable) else ()
    if not all(isinstance(c, TierCriterion) for c in out):
        raise InvalidInputError(f"criteria must be TierCriterion values (got {value!r}).")
    return out


def _tiers(value: Iterable[ClientTier]) -> tuple[ClientTier, ...]:
    out = tuple(value) if isinstance(value, Iterable) else ()
    if not all(isinstance(t, ClientTier) for t in out):
        raise InvalidInputError(f"tiers must be ClientTier values (got {value!r}).")
    return out


def _check_policy(criteria: Sequence[TierCriterion], tiers: Sequence[ClientTier]) -> None:
    if not criteria or not tiers:
        raise RulebookError("a tier policy needs at least one criterion and one tier.")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise RulebookError(f"tier criteria must have distinct keys (got {keys}).")
    for c in criteria:
        if not isinstance(c.weight, (int, float)) or isinstance(c.weight, bool) or not c.weight >= 0:
            raise RulebookError(f"criterion {c.key!r} needs a weight >= 0 (got {c.weight!r}).")
        if not math.isfinite(c.weight):
            raise RulebookError(f"criterion {c.key!r} needs a finite weight (got {c.weight!r}).")
    if sum(c.weight for c in criteria) <= 0:
        raise RulebookError("tier criteria weights must not all be 0.")
    bounds = [t.min_score for t in tiers]
    for t in tiers:
        if isinstance(t.min_score, bool) or not isinstance(t.min_score, (int, float)):
            raise RulebookError(f"tier {t.code!r} needs a numeric lowest score (got {t.min_score!r}).")
    codes = [t.code for t in tiers]
    if len(set(codes)) != len(codes):
        raise RulebookError(f"tiers must have distinct codes (got {codes}).")
    if any(not 0 <= b <= 100 for b in bounds) or bounds != sorted(bounds, reverse=True) or bounds[-1] != 0:
        msg = (
            f"tier bounds must fall from best to worst within 0–100 and the last must be 0, "
            f"so every score has a tier (got {dict(zip(codes, bounds, strict=True))})."
        )
        raise RulebookError(msg)


@attrs.frozen
class TierPolicy:
    """How clients are tiered: the criteria with their weights, and the tiers with their lowest scores.

    The weighted score is ``sum(weight · score) / sum(weights)``, 0–100; a client
    belongs to the first tier (best first) whose ``min_score`` it reaches.

    Raises:
        RulebookError: duplicate keys or codes, negative weights, bounds not falling to 0.
    """

    criteria: tuple[TierCriterion, ...] = attrs.field(default=TIER_CRITERIA, converter=_criteria)
    tiers: tuple[ClientTier, ...] = attrs.field(default=CLIENT_TIERS, converter=_tiers)

    def __attrs_post_init__(self) -> None:
        _check_policy(self.criteria, self.tiers)

    @classmethod
    def standard(cls) -> TierPolicy:
        """H5's criteria weighed equally, tiers at 80/60/40/0."""
        return cls()

    def with_weights(self, **weights: float) -> TierPolicy:
        """Reweigh some criteria, e.g. ``with_weights(business_importance=0.4)``.

        Raises:
            UnknownItemError: a key that is not a criterion, naming the valid keys.
        """
        known = {c.key for c in self.criteria}
        for key in weights:
            if key not in known:
                raise UnknownItemError(
                    f"unknown tier criterion {key!r}; criteria: {', '.join(sorted(known))}."
                )
        criteria = tuple(attrs.evolve(c, weight=weights.get(c.key, c.weight)) for c in self.criteria)
        return attrs.evolve(self, criteria=criteria)

    def with_bounds(self, **bounds: float) -> TierPolicy:
        """Move some tiers' lowest scores, e.g. ``with_bounds(A=85, B=65)``.

        Raises:
            UnknownItemError: a code that is not a tier, naming the valid codes.
        """
        known = {t.code for t in self.tiers}
        for code in bounds:
            if code not in known:
                raise UnknownItemError(f"unknown tier {code!r}; tiers: {', '.join(sorted(known))}.")
        tiers = tuple(attrs.evolve(t, min_score=bounds.get(t.code, t.min_score)) for t in self.tiers)
        return attrs.evolve(self, tiers=tiers)


@attrs.frozen
class TierAssessment:
    """A client's tier with the score behind it and each criterion's weighted contribution."""

    tier: str
    score: float
    contributions: Mapping[str, float] = attrs.field(hash=False)
    info: ClientTier

    def describe(self) -> str:
        """One line: ``'A (core client) 82.5: priority attention (优先关注)'``."""
        return f"{self.tier} ({self.info.name}) {self.score:.1f}: {self.info.treatment}"


def assign_tier(metrics: Mapping[str, float], *, policy: TierPolicy | None = None) -> TierAssessment:
    """The tier (A/B/C/D) of a client from its scores (0–100) on every criterion of ``policy``.

    Args:
        metrics: ``{criterion key: score 0–100}`` for every criterion, no others.
        policy: criteria, weights and tiers (default :meth:`TierPolicy.standard`).

    Raises:
        InvalidInputError: not a mapping; a score missing, not a number, or outside 0–100.
        UnknownItemError: a key that is not a criterion, naming the valid keys.

    >>> assign_tier({"business_importance": 50, "market_influence": 70,
    ...              "payment_timeliness": 60, "satisfaction": 64}).describe()
    'B (growth client) 61.0: actively maintain and develop (积极维护和发展)'
    """
    chosen = TierPolicy.standard() if policy is None else policy
    if not isinstance(chosen, TierPolicy):
        raise InvalidInputError(f"policy must be a TierPolicy or None (got {policy!r}).")
    if not isinstance(metrics, Mapping):
        raise InvalidInputError(f"metrics must be a mapping of criterion to score (got {metrics!r}).")
    keys = [c.key for c in chosen.criteria]
    for key in metrics:
        if key not in keys:
            raise UnknownItemError(f"unknown tier criterion {key!r}; criteria: {', '.join(keys)}.")
    total = sum(c.weight for c in chosen.criteria)
    contributions: dict[str, float] = {}
    for c in chosen.criteria:
        if c.key not in metrics:
            raise InvalidInputError(
                f"metrics lack a score for {c.key!r} ({c.name_zh}); every criterion: {keys}."
            )
        value = metrics[c.key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise InvalidInputError(f"{c.key} must be a score from 0 to 100 (got {value!r}).")
        contributions[c.key] = c.weight * float(value) / total
    score = round(sum(contributions.values()), 6)
    tier = next(t for t in chosen.tiers if score >= t.min_score)
    return TierAssessment(tier.code, score, contributions, tier)


@attrs.frozen
class TierRow:
    """One client in the tier view."""

    client: str
    tier: str
    score: float
    treatment: str


@attrs.frozen
class TierReport:
    """The client-tier view (H5): each client's tier, best first, and how many clients each tier has."""

    rows: tuple[TierRow, ...]
    counts: Mapping[str, int] = attrs.field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {"rows": [attrs.asdict(r) for r in self.rows], "counts": dict(self.counts)}


def tier_report(
    clients: Mapping[str, Mapping[str, float]], *, policy: TierPolicy | None = None
) -> TierReport:
    """Tier every client: ``{client: {criterion: score}}`` → rows sorted by tier, then score (highest first).

    Raises:
        InvalidInputError, UnknownItemError: as :func:`assign_tier`, for any client.

    >>> view = tier_report({"Huaxia": dict.fromkeys(("business_importance", "market_influence",
    ...                                              "payment_timeliness", "satisfaction"), 90)})
    >>> view.rows[0].tier, dict(view.counts)
    ('A', {'A': 1, 'B': 0, 'C': 0, 'D': 0})
    """
    chosen = TierPolicy.standard() if policy is None else policy
    if not isinstance(clients, Mapping):
        raise InvalidInputError(f"clients must be a mapping of client name to metrics (got {clients!r}).")
    order = {t.code: i for i, t in enumerate(chosen.tiers)} if isinstance(chosen, TierPolicy) else {}
    rows: list[TierRow] = []
    for client, metrics in clients.items():
        if not isinstance(client, str):
            raise InvalidInputError(f"client names must be strings (got {client!r}).")
        result = assign_tier(metrics, policy=chosen)
        rows.append(TierRow(client, result.tier, result.score, result.info.treatment))
    rows.sort(key=lambda r: (order[r.tier], -r.score, r.client))
    counts = {t.code: 0 for t in chosen.tiers}
    for r in rows:
        counts[r.tier] += 1
    return TierReport(tuple(rows), counts)
