"""iCalendar (RFC 5545) export: plans, duties and obligations as events for Outlook or Google Calendar.

Needs the ``[ics]`` extra (``pip install 'adservice[ics]'``, which brings
``icalendar``). Everything here is pure: :func:`to_ics` returns the calendar as
bytes and writes nothing; the ``DTSTAMP`` of every event is the ``stamp`` you
pass in, never the clock.

- A deadline that is an instant (close of business on a step's due date, a
  meeting report 24 h after the meeting) is a timed event in its calendar's
  time zone: ``DTSTART;TZID=Asia/Shanghai:...`` with a ``VTIMEZONE`` for that
  zone, lasting half an hour from the deadline. Instants in a fixed UTC offset
  are written in UTC.
- An engagement's events name it: a job's steps end with the client's name, a
  duty reads ``O5 execution report — Huaxia Real Estate, round 2 (E-1)``, and
  a duty the log shows done after it was due ends ``— done late`` (its
  description says when it was done).
- A deadline that is only a day (a placement date, or any step with
  ``all_day=True``) is an all-day event: ``DTSTART;VALUE=DATE`` and ``DTEND``
  the next day.
- Every event's ``UID`` is derived from what the deadline *is* (engagement id,
  job number or rule, step), never from when it falls, so a re-export after a
  calendar change updates the events a subscriber already has instead of
  duplicating them.

A plan of the media schedule, received Monday before National Day:

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> p = plan("media_schedule", datetime(2025, 9, 29, 9, tzinfo=sh))
    >>> text = to_ics(p, stamp=datetime(2025, 9, 29, 12, tzinfo=sh)).decode()
    >>> [line for line in text.splitlines() if line.startswith(("SUMMARY", "DTSTART;"))]
    ['SUMMARY:media schedule plan due (T3)', 'DTSTART;TZID=Asia/Shanghai:20251010T170000']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from functools import partial
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import attrs

from adservice.calendar.workcalendar import require_aware
from adservice.deadlines.due import Due
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan
from adservice.engagement.lifecycle import Engagement
from adservice.errors import CalendarRangeError, InvalidInputError, brief
from adservice.i18n import normalize_locale
from adservice.present._extras import require
from adservice.present._ics_describe import revision_description, rush_description
from adservice.present._ics_events import (
    UID_DOMAIN,
    Deadline,
    backward_events,
    forward_events,
    placement_events,
)
from adservice.present._ics_text import done_text, due_title, event_zone
from adservice.present._ics_words import event_summary, provisional_note
from adservice.present._reasons import done_words, due_text, reason_text

__all__ = ["UID_DOMAIN", "Deadline", "deadlines", "to_ics"]

_PRODID = "-//adservice//deadlines//EN"
#: How long a timed event lasts: a deadline is an instant, shown as the half hour from it.
_TIMED_LENGTH = timedelta(minutes=30)


#: What :func:`deadlines` and :func:`to_ics` take (or any iterable of these).
Exportable: TypeAlias = "Deadline | Plan | BackwardPlan | PlacementPlan | Due | Engagement"


# -- from library values to deadlines ----------------------------------------------


def _from_due(d: Due, engagement_id: str | None, client: str | None = None) -> Deadline:
    """A :class:`~adservice.deadlines.Due` as an event. Its key is what it is, never when it falls:
    whose, the rule, what, and the cause (the first clause of ``because``, e.g. ``meeting ended
    Mon 2026-01-05 11:00``); a duty due in a recurring window is keyed by its opening instead. Its
    title names the rule, what, the client (or engagement) and whether it was done late."""
    owner = d.subject or engagement_id or "agency"
    opens = d.earliest if d.earliest is not None else d.due
    explain = getattr(d, "explain", None)
    if callable(explain):  # an obligation: recurring duties are told apart by when they open
        key: tuple[str, ...] = (owner, "obligation", d.rule_id, d.what, opens.isoformat())
        description = str(explain())
    else:
        cause = d.because.split("; ")[0] if d.because else d.due.isoformat()
        key, description = (owner, "due", d.rule_id, d.what, cause), d.because or d.describe()
    title = due_title(d, client, engagement_id)

    def localized(loc: str) -> str:
        return (reason_text(d, loc) or due_text(d, loc)) + done_words(d, loc)

    return Deadline(
        key, title, d.due, d.rule_id, description + done_text(d), d.provisional, localized=localized
    )


def _engagement(e: Engagement, all_day: bool, duties: bool) -> Iterator[Deadline]:
    rushed = e.accepted_rushes()
    for job, p in e.plans().items():
        if job in rushed:
            day = rushed[job]
            yield Deadline(
                (e.id, job, "rush"),
                f"{job} {e.rulebook.item(p.item).name} due (rush accepted, T8) — {e.client}",
                day if all_day else e.calendar.close_of_business(day),
                "T8",
                f"the client's rush request was accepted: due {day.isoformat()} instead of "
                f"{p.due_date.isoformat()} ({p.rule_id})",
                e.calendar.is_provisional(day),
                localized=partial(rush_description, day, p.due_date, p.rule_id),
            )
        else:
            for d in forward_events(p, (e.id, job), job, all_day):
                yield attrs.evolve(d, summary=f"{d.summary} — {e.client}")
    yield from _revisions(e, all_day)
    if duties:
        for duty in e.duties:
            yield _from_due(duty, e.id, e.client)


def _revisions(e: Engagement, all_day: bool) -> Iterator[Deadline]:
    """Each revision job order's own deadline (L11: its turnaround from the client's request)."""
    orders, plans = e.job_orders, e.plans()
    for number, clock in e.clocks().items():
        order = orders[number]
        if not order.revision or number in plans:  # a job order, or a revision re-added under its number
            continue
        day = clock.due.astimezone(e.calendar.tz).date()
        yield Deadline(
            (e.id, number, "revision"),
            f"{number} {e.rulebook.item(order.item).name}, revision {order.revision} due ({clock.rule_id}) "
            f"— {e.client}",
            day if all_day else clock.due,
            clock.rule_id,
            f"{order.description} — due {clock.working_days} working days after the client's written request",
            e.calendar.is_provisional(day),
            localized=partial(revision_description, order.description, clock.working_days),
        )


def _collect(  # noqa: PLR0917 - private and recursive; deadlines() names the options
    source: object,
    engagement_id: str | None,
    job: str | None,
    all_day: bool,
    duties: bool,
    out: list[Deadline],
) -> None:
    scope = (engagement_id,) if engagement_id else ()
    if isinstance(source, Deadline):
        out.append(source)
    elif isinstance(source, Plan):
        base = (*scope, job) if job else (*scope, "plan", source.item, source.received_at.isoformat())
        out.extend(forward_events(source, base, job, all_day))
    elif isinstance(source, BackwardPlan):
        base = (*scope, job) if job else (*scope, "backward", source.item, source.deliver_by.isoformat())
        out.extend(backward_events(source, base, job, all_day))
    elif isinstance(source, PlacementPlan):
        out.extend(placement_events(source, scope, all_day))
    elif isinstance(source, Engagement):
        out.extend(_engagement(source, all_day, duties))
    elif isinstance(source, Due):
        out.append(_from_due(source, engagement_id))
    elif isinstance(source, Iterable) and not isinstance(source, (str, bytes)):
        for item in source:
            _collect(item, engagement_id, job, all_day, duties, out)
    else:
        msg = (
            f"cannot export {brief(source)}; pass deadlines, plans, duties, obligations or engagements "
            "(or a list of them)."
        )
        raise InvalidInputError(msg)


def deadlines(
    source: Exportable | Iterable[Exportable],
    *,
    engagement_id: str | None = None,
    job: str | None = None,
    all_day: bool = False,
    duties: bool = True,
) -> tuple[Deadline, ...]:
    """The deadlines of plans, duties, obligations and engagements, ready for :func:`to_ics`.

    An engagement gives the plan of every job order under a written work order
    (a job whose rush was accepted gives one deadline on the rushed day, T8) and
    every duty its lifecycle created (O2/O3 reports, O5, O7). A plan gives one
    deadline per step and per client review; a backward plan the latest work
    order and step dates; a placement plan the placement, the fee list (O7), the
    materials date and its items.

    Args:
        source: one of those values, a :class:`Deadline`, or any iterable of them.
        engagement_id: the engagement a plan or duty belongs to (part of its key and UID).
        job: the job number a plan belongs to (part of its key and UID, and of the title).
        all_day: give plan steps as all-day events on their due date instead of
            timed events at close of business.
        duties: include an engagement's duties. Obligations from ``adservice.portfolio.obligations``
            already hold them (O2/O3/O5/O7); pass ``False`` when you export both.

    Returns:
        The deadlines in the order the source gives them.

    Raises:
        InvalidInputError: something that is none of these.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> found = deadlines(p, engagement_id="E-1", job="J-1", all_day=True)
    >>> [(d.key, d.when.isoformat()) for d in found][:2]
    [(('E-1', 'J-1', 'creative_concept'), '2025-09-29'), (('E-1', 'J-1', 'copy_and_layout'), '2025-10-10')]
    """
    for name, value in (("engagement_id", engagement_id), ("job", job)):
        if value is not None and not isinstance(value, str):
            raise InvalidInputError(f"{name} must be a string or None (got {brief(value)}).")
    out: list[Deadline] = []
    _collect(source, engagement_id, job, bool(all_day), bool(duties), out)
    return tuple(out)


# -- deadlines to iCalendar --------------------------------------------------------------------


def _sort_key(d: Deadline, uid: int) -> tuple[datetime, int]:
    if isinstance(d.when, datetime):
        return d.when.astimezone(timezone.utc), uid
    return datetime(d.when.year, d.when.month, d.when.day, tzinfo=timezone.utc), uid


def to_ics(
    source: Exportable | Iterable[Exportable],
    *,
    stamp: datetime,
    name: str | None = None,
    uid_domain: str = UID_DOMAIN,
    sequence: int = 0,
    locale: str = "en",
) -> bytes:
    """An RFC 5545 calendar (``.ics`` bytes, UTF-8, CRLF lines) with one event per deadline.

    Args:
        source: deadlines, or anything :func:`deadlines` takes (plans, duties, obligations,
            engagements, or an iterable of them).
        stamp: when the export is made (aware): every event's ``DTSTAMP``.
        name: the calendar's display name (``NAME`` and ``X-WR-CALNAME``).
        uid_domain: the right-hand side of every ``UID``.
        sequence: the events' ``SEQUENCE``; raise it on a re-export when the clients you
            send the file to need it to accept changed times.
        locale: the language of the events' titles (``en``, ``zh_CN``, ``zh_TW``); UIDs and
            times do not change with it.

    Returns:
        The calendar as bytes, ready to write to a ``.ics`` file or serve over HTTP.

    Raises:
        MissingExtraError: ``icalendar`` (the ``[ics]`` extra) is not installed or too old.
        NaiveDatetimeError: ``stamp`` has no time zone.
        InvalidInputError: something that cannot be exported; two deadlines with the same key
            (their events would overwrite each other).

    >>> from adservice.deadlines.plans import plan_from_placement
    >>> from zoneinfo import ZoneInfo
    >>> ics = to_ics(plan_from_placement(date(2025, 10, 13), ["media_schedule"]),
    ...              stamp=datetime(2025, 9, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> from icalendar import Calendar   # read it back
    >>> for event in Calendar.from_ical(ics).walk("VEVENT"):
    ...     print(event.decoded("DTSTART").isoformat()[:16], "|", event["SUMMARY"])
    2025-09-25T17:00 | latest written work order for media_schedule (T3)
    2025-09-29T17:00 | media schedule plan due at the latest (T3)
    2025-09-29T17:00 | the client's written confirmation of the media schedule at the latest (G4)
    2025-09-30T17:00 | media booked at the latest
    2025-09-30T17:00 | the client's media prepayment at the latest (G10)
    2025-09-30T17:00 | approved media and creative fee list due (O7)
    2025-10-11 | materials to the media at the latest
    2025-10-13 | placement starts
    """
    loc = normalize_locale(locale)
    try:
        when = require_aware(stamp, "stamp").astimezone(timezone.utc)
    except OverflowError:  # year 1 east of UTC, year 9999 west of it
        msg = f"stamp {stamp.isoformat()} has no UTC instant within datetime's range."
        raise CalendarRangeError(msg) from None
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"name must be a string or None (got {brief(name)}).")
    if not isinstance(uid_domain, str) or not uid_domain or any(c.isspace() for c in uid_domain):
        raise InvalidInputError(
            f"uid_domain must be a non-empty string without spaces (got {brief(uid_domain)})."
        )
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise InvalidInputError(f"sequence must be a non-negative int (got {brief(sequence)}).")
    found = deadlines(source)
    ical = require("icalendar", "ics", needs="icalendar>=6.1", has="Timezone.from_tzinfo")

    seen: dict[str, Deadline] = {}
    for d in found:
        uid = d.uid(uid_domain)
        if uid in seen:
            msg = (
                f"two deadlines share the key {brief(d.key)} "
                f"({brief(seen[uid].summary)} and {brief(d.summary)}); "
                "their events would overwrite each other. Give each plan its engagement_id and job."
            )
            raise InvalidInputError(msg)
        seen[uid] = d

    cal = ical.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)

    years: dict[str, tuple[ZoneInfo, int, int]] = {}
    events: list[Any] = []
    # By instant; deadlines at the same instant keep the order their source gives (a chain's steps).
    order = {uid: n for n, uid in enumerate(seen)}
    for uid, d in sorted(seen.items(), key=lambda pair: _sort_key(pair[1], order[pair[0]])):
        event = ical.Event()
        event.add("uid", uid)
        event.add("dtstamp", when)
        if isinstance(d.when, datetime):
            zone = event_zone(d.when)
            start = d.when.astimezone(zone or timezone.utc)
            if zone is not None:
                _, low, high = years.get(zone.key, (zone, start.year, start.year))
                years[zone.key] = (zone, min(low, start.year), max(high, start.year))
            event.add("dtstart", start)
            event.add("dtend", start + _TIMED_LENGTH)
        else:
            event.add("dtstart", d.when)
            event.add("dtend", d.when + timedelta(days=1))
        event.add("summary", event_summary(d.summary, loc))
        text = d.description_text(loc) + (provisional_note(loc) if d.provisional else "")
        if text:
            event.add("description", text.strip())
        event.add("categories", [c for c in ("adservice", d.rule_id) if c])
        event.add("status", "TENTATIVE" if d.provisional else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("sequence", sequence)
        events.append(event)

    for key in sorted(years):
        zone, low, high = years[key]
        cal.add_component(
            ical.Timezone.from_tzinfo(
                zone, tzid=key, first_date=date(low, 1, 1), last_date=date(high + 1, 1, 1)
            )
        )
    for event in events:
        cal.add_component(event)
    ics: bytes = cal.to_ical()
    return ics
