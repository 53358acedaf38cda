"""An engagement's story as plain text: events, plans, duties, sign-offs, clocks and waits.

English reads as it always did (``adservice demo``); Chinese uses the handbooks' words for
stages, events, documents and reports. Rendering is pure: it returns a string.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import attrs

from adservice.calendar.workcalendar import require_aware
from adservice.engagement.lifecycle import Engagement
from adservice.errors import InvalidInputError, brief
from adservice.i18n import format_short_day, format_units, gettext, normalize_locale, pgettext
from adservice.present._tables import width
from adservice.present._vocab import actor_words as _actor
from adservice.present._vocab import item_name, phrase, word
from adservice.present._vocab import value_words as _value

__all__ = ["engagement_timeline_text"]

_VERDICTS = {
    "met": lambda loc: gettext("met", loc),
    "late": lambda loc: gettext("late", loc),
    "running": lambda loc: gettext("running", loc),
}
_SKIP = frozenset({"assessment", "contents", "team", "history"})


def _pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def _working(delta: timedelta, loc: str, day: float = 8.0) -> str:
    """Working time: hours below one working day, else working days of ``day`` hours."""
    hours = delta.total_seconds() / 3600
    if hours < day:
        return gettext("{n:.1f} working h", loc).format(n=hours)
    return gettext("{n:.1f} working days", loc).format(n=hours / day)


def _elapsed(delta: timedelta, loc: str) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 48:
        return gettext("{n:.0f} h", loc).format(n=hours)
    return gettext("{n:.1f} days", loc).format(n=hours / 24)


def _day(at: date, loc: str) -> str:
    return format_short_day(at, loc)


def _stamp(at: datetime, loc: str) -> str:
    return f"{at:%a %m-%d %H:%M}" if loc == "en" else f"{format_short_day(at, loc)} {at:%H:%M}"


def _key(key: str, loc: str) -> str:
    if loc == "en":
        return key
    role = word("role", key, loc)
    return role if role != key else word("field", key, loc)


def _payload(payload: Mapping[str, Any], loc: str) -> str:
    sep = ", " if loc == "en" else "，"
    return sep.join(f"{_key(k, loc)}={_value(k, v, loc)}" for k, v in payload.items() if k not in _SKIP)


def _rush_line(a: Any, loc: str) -> str:
    if loc == "en":
        return f"  {'':16}  ↳ rush assessment: {a.outcome} — {'; '.join(a.reasons)}"
    text = gettext(
        "rush assessment: {outcome} — standard {standard} (due {due}), requested {requested} "
        "(due {requested_due}): compressed by {n}, {percent}%",
        loc,
    )
    return f"  {'':16}  ↳ " + text.format(
        outcome=word("rush outcome", a.outcome, loc),
        standard=format_units(a.standard_days, "working_days", loc),
        due=_day(a.standard_due_date, loc),
        requested=format_units(a.requested_days, "working_days", loc),
        requested_due=_day(a.requested_due_date, loc),
        n=format_units(a.compression, "working_days", loc),
        percent=round(100 * a.compression_fraction),
    )


def _events(e: Engagement, loc: str) -> list[str]:
    lines = []
    tz = e.calendar.tz
    assessed = {(ev.at, ev.payload["job"]): a for ev, a in e.rush_assessments()}
    for event in e.events:
        extra = _payload(event.payload, loc)
        proof = f" [{event.evidence}]" if event.evidence else ""
        kind = event.kind if loc == "en" else word("event", event.kind, loc)
        lines.append(
            f"  {_pad(_stamp(event.at.astimezone(tz), loc), 15 if loc == 'en' else 19)}  {_pad(kind, 22)} "
            f"{_actor(event.actor, loc)}{proof}" + (f"  {extra}" if extra else "")
        )
        if event.kind == "request_rush":
            lines.append(_rush_line(assessed[(event.at, event.payload["job"])], loc))
    return lines


def _plans(e: Engagement, loc: str) -> list[str]:
    lines = []
    for job, p in e.plans().items():
        text = gettext("{job} {item}: day 0 {day0}, due {due} ({units})", loc)
        lines.append(
            "  "
            + text.format(
                job=job,
                item=p.item if loc == "en" else item_name(p.item, loc),
                day0=_day(p.day0, loc),
                due=_day(p.due_date, loc),
                units=f"{p.days} working days" if loc == "en" else format_units(p.days, "working_days", loc),
            )
        )
        reviews = {r.after: r for r in p.reviews}  # the client's review of each step (G5)
        for s in p.steps if len(p.steps) > 1 else ():
            name = s.key if loc == "en" else item_name(s.key, loc)
            review = reviews.get(s.key)
            seen = ""
            if review is not None:
                seen = gettext("; client's approval expected {day}", loc).format(
                    day=_day(review.due_date, loc)
                )
            due = gettext("due {day}", loc).format(day=_day(s.due_date, loc))
            lines.append(f"    · {_pad(name, 18)} {due}{seen}")
    for job, rushed in e.accepted_rushes().items():
        lines.append(
            "  " + gettext("{job}: rush accepted, due {day}", loc).format(job=job, day=_day(rushed, loc))
        )
    return lines


_STEP_STATES = {
    "to do": lambda loc: pgettext("step state", "to do", loc),
    "with the client": lambda loc: pgettext("step state", "with the client", loc),
    "approved": lambda loc: pgettext("step state", "approved", loc),
    "sent back": lambda loc: pgettext("step state", "sent back", loc),
    "delivered": lambda loc: pgettext("step state", "delivered", loc),
}


def _steps(e: Engagement, loc: str) -> list[str]:
    """Each job's production steps: their state, the client's approval, how often sent back (G5)."""
    lines = []
    for job, steps in e.production_steps().items():
        for step in steps:
            sent = gettext(", sent back {n}x", loc).format(n=step.revisions) if step.revisions else ""
            proof = f" [{step.approved_by}]" if step.approved_by else ""
            name = step.step if loc == "en" else item_name(step.step, loc)
            state = _STEP_STATES[step.state](loc) if step.state in _STEP_STATES else step.state
            lines.append(f"  {job} {_pad(name, 18)} {state}{proof}{sent}")
    return lines


def _duty(d: Any, loc: str, tz: tzinfo) -> str:
    d = attrs.evolve(d, due=d.due.astimezone(tz))  # shown in the calendar's zone, as every instant here
    if loc == "en":
        return str(d.describe())
    when = f"{format_short_day(d.due.date(), loc)} {d.due:%H:%M}"
    text = gettext("{rule} {what} due {when}", loc).format(
        rule=d.rule_id, what=phrase(d.what, loc), when=when
    )
    if d.subject:
        colon = gettext(": ", loc)
        text = f"{d.subject}{colon}{text}"
    if d.done_at is not None:
        done = d.done_at.astimezone(d.due.tzinfo)
        text += gettext(", done {when}", loc).format(
            when=f"{format_short_day(done.date(), loc)} {done:%H:%M}"
        )
        if d.done_at > d.due:
            text += gettext(" (late)", loc)
    if d.provisional:
        text += gettext(" (provisional)", loc)
    return text


def _clocks(e: Engagement, as_of: datetime, loc: str) -> list[str]:
    lines = []
    tz = e.calendar.tz
    for job, clock in e.clocks().items():
        if clock.started_at > as_of:  # a job ordered later (a revision job order): no clock yet
            continue
        st = clock.status(as_of)
        st = attrs.evolve(st, due=st.due.astimezone(tz), original_due=st.original_due.astimezone(tz))
        verdict = "met" if st.met else "late" if st.met is False else "running"
        if loc == "en":
            lines.append(
                f"  {job}: due {st.due:%a %m-%d %H:%M} (promised {st.original_due:%m-%d}); {verdict}; "
                f"agency {_working(st.agency_time, loc)}, client {_working(st.client_time, loc)}; "
                f"late by {_elapsed(st.lateness, loc)} (the agency's)"
            )
            continue
        text = gettext(
            "{job}: due {due} (promised {promised}); {verdict}; agency {agency}, client {client}; "
            "late by {late} (the agency's)",
            loc,
        )
        lines.append(
            "  "
            + text.format(
                job=job,
                due=_stamp(st.due, loc),
                promised=_day(st.original_due, loc),
                verdict=_VERDICTS[verdict](loc),
                agency=_working(st.agency_time, loc),
                client=_working(st.client_time, loc),
                late=_elapsed(st.lateness, loc),
            )
        )
    return lines


def engagement_timeline_text(e: Engagement, as_of: datetime | None = None, *, locale: str = "en") -> str:
    """An engagement as a readable timeline: every event, deadline, signature and whose time each delay was.

    >>> from adservice.demo import demo_engagement
    >>> print(engagement_timeline_text(demo_engagement(), locale="zh_CN").splitlines()[0])
    北京-202601-华夏地产-001 — Huaxia Real Estate — 阶段：结案，修改1轮

    ``as_of`` (default: the last event's instant) is when the clocks are read; a job ordered later
    has no clock yet and is left out of them.

    Raises:
        InvalidInputError: ``e`` is not an engagement with events, or ``as_of`` is not an aware datetime.
        UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    if not isinstance(e, Engagement) or e.last_at is None:
        raise InvalidInputError(
            f"e must be an Engagement with events, such as demo_engagement() (got {brief(e)})."
        )
    as_of = e.last_at if as_of is None else require_aware(as_of, "as_of")
    head = gettext("{id} — {client} — stage {stage}, {n} revision round(s)", loc).format(
        id=e.id, client=e.client, stage=word("stage", e.stage.value, loc), n=e.revision_rounds
    )
    lines = [head, "", gettext("Timeline", loc), *_events(e, loc)]
    lines += ["", gettext("Deadlines (turnaround plans from the written work order)", loc), *_plans(e, loc)]
    lines += ["", gettext("Production steps the client approves in writing (G5)", loc), *_steps(e, loc)]
    lines += ["", gettext("Duties created by the lifecycle", loc)]
    lines.extend(f"  {_duty(d, loc, e.calendar.tz)}" for d in e.duties)
    lines += ["", gettext("Written sign-offs", loc)]
    tz = e.calendar.tz
    for d, ev in e.signoffs.items():
        at = ev.at.astimezone(tz)
        text = gettext("{what} by {actor} on {day} [{evidence}]", loc)
        what = _pad(d if loc == "en" else word("deliverable", d, loc), 11)
        day = f"{at:%m-%d}" if loc == "en" else _day(at.date(), loc)
        lines.append(
            "  " + text.format(what=what, actor=_actor(ev.actor, loc), day=day, evidence=ev.evidence)
        )
    lines += ["", gettext("Clocks: whose time was it", loc), *_clocks(e, as_of, loc)]
    lines += ["", gettext("Waiting on the client (the client's time, not the agency's)", loc)]
    for began, end, reason in e.waiting():
        start, stop = began.astimezone(tz), (end or as_of).astimezone(tz)
        spent = e.calendar.working_time_between(start, stop)
        span = f"{start:%m-%d %H:%M} → {stop:%m-%d %H:%M}"
        if loc != "en":
            span = f"{_stamp(start, loc)} → {_stamp(stop, loc)}"
        why = reason if loc == "en" else "；".join(phrase(part, loc) for part in reason.split("; "))
        lines.append(f"  {span}  {_working(spent, loc):>18}  {why}")
    return "\n".join(lines)
