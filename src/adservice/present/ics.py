"""iCalendar (RFC 5545) export: plans, duties and obligations as events for Outlook or Google Calendar.

Needs the ``[ics]`` extra (``pip install 'adservice[ics]'``, which brings
``icalendar``). Everything here is pure: :func:`to_ics` returns the calendar as
bytes and writes nothing; the ``DTSTAMP`` of every event is the ``stamp`` you
pass in, never the clock.

- A deadline that is an instant (close of business on a step's due date, a
  meeting report 24 h after the meeting) is a timed event in its calendar's
  time zone: ``DTSTART;TZID=Asia/Shanghai:...`` with a ``VTIMEZONE`` for that
  zone. Instants in a fixed UTC offset are written in UTC.
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

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import attrs

from adservice.calendar.workcalendar import require_aware
from adservice.deadlines.due import Due
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan, PlanStep
from adservice.engagement.lifecycle import Engagement
from adservice.errors import CalendarRangeError, InvalidInputError, brief
from adservice.i18n import normalize_locale
from adservice.present._extras import require
from adservice.present._ics_words import event_summary, provisional_note

__all__ = ["UID_DOMAIN", "Deadline", "deadlines", "to_ics"]

#: The right-hand side of every ``UID`` (RFC 5545 recommends ``unique@domain``).
UID_DOMAIN = "adservice"
_PRODID = "-//adservice//deadlines//EN"
_UTC_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"})


def _key(value: object) -> tuple[str, ...]:
    parts = tuple(value) if isinstance(value, (tuple, list)) else None
    if not parts or not all(isinstance(p, str) and p for p in parts):
        raise InvalidInputError(
            f"a deadline's key must be a non-empty tuple of non-empty strings (got {brief(value)})."
        )
    return parts


def _check_when(
    instance: object, attribute: attrs.Attribute[date | datetime], value: date | datetime
) -> None:
    if isinstance(value, datetime):
        require_aware(value, "a deadline's when")
    elif not isinstance(value, date):
        raise InvalidInputError(
            f"a deadline's when must be a date or an aware datetime (got {brief(value)})."
        )


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(f"a deadline's {attribute.name} must be a string (got {brief(value)}).")


@attrs.frozen
class Deadline:
    """One deadline as a calendar event: what it is, when it falls, the rule it comes from.

    Attributes:
        key: what identifies the deadline, e.g. ``("E-1", "BJ-202601-01", "final_art")``; the
            event's ``UID`` is derived from it, so it must not contain the date.
        summary: the event's title.
        when: a ``date`` (an all-day event) or an aware ``datetime`` (a timed event); ``when`` rather
            than ``due``, because a day is not an instant (issue 9 §8 keeps ``due`` for instants).
        rule_id: the rule the deadline comes from (``"T4"``), if any; it becomes a category.
        description: the event's text (usually the explanation of the date).
        provisional: the date rests on a year not yet officially announced (``STATUS:TENTATIVE``).

    >>> Deadline(("E-1", "kick-off"), "kick-off", date(2025, 10, 9)).all_day
    True
    """

    key: tuple[str, ...] = attrs.field(converter=_key)
    summary: str = attrs.field(validator=_text)
    when: date | datetime = attrs.field(validator=_check_when)
    rule_id: str | None = None
    description: str = attrs.field(default="", validator=_text)
    provisional: bool = False

    @property
    def all_day(self) -> bool:
        """Whether the deadline is a whole day rather than an instant."""
        return not isinstance(self.when, datetime)

    def uid(self, domain: str = UID_DOMAIN) -> str:
        """The event's ``UID``: a digest of :attr:`key` at ``domain``; the same key, the same UID.

        >>> a = Deadline(("E-1", "J-1", "film"), "film due", date(2025, 10, 15))
        >>> a.uid() == Deadline(("E-1", "J-1", "film"), "film due", date(2025, 10, 16)).uid()
        True
        """
        digest = hashlib.sha256("\x1f".join(self.key).encode("utf-8")).hexdigest()[:32]
        return f"{digest}@{domain}"


#: What :func:`deadlines` and :func:`to_ics` take (or any iterable of these).
Exportable: TypeAlias = "Deadline | Plan | BackwardPlan | PlacementPlan | Due | Engagement"


# -- from library values to deadlines ----------------------------------------------


def _label(job: str | None) -> str:
    return f"{job} " if job else ""


def _step_name(step: PlanStep) -> str:
    return step.name or step.key.replace("_", " ")


def _when(step: PlanStep, all_day: bool) -> date | datetime:
    return step.due_date if all_day else step.deadline


def _forward(p: Plan, scope: tuple[str, ...], job: str | None, all_day: bool) -> Iterator[Deadline]:
    reviews = {r.after: r for r in p.reviews}
    for step in p.steps:
        yield Deadline(
            (*scope, step.key),
            f"{_label(job)}{_step_name(step)} due ({step.rule_id})",
            _when(step, all_day),
            step.rule_id,
            f"{p.item}: {step.explain()}",
            step.provisional,
        )
        review = reviews.get(step.key)
        if review is not None:
            yield Deadline(
                (*scope, "review", step.key),
                f"{_label(job)}client sign-off of {_step_name(step)} expected (G3)",
                review.due_date if all_day else review.deadline,
                "G3",
                f"client review ({review.days} working days on the {review.calendar.region} calendar): "
                f"{review.explain()}",
                review.provisional,
            )


def _backward(p: BackwardPlan, scope: tuple[str, ...], job: str | None, all_day: bool) -> Iterator[Deadline]:
    yield Deadline(
        (*scope, "work_order"),
        f"{_label(job)}latest written work order for {p.item} ({p.rule_id})",
        p.work_order_by if all_day else p.work_order_deadline,
        p.rule_id,
        p.explain(),
        p.provisional,
    )
    for step in p.steps:
        yield Deadline(
            (*scope, step.key),
            f"{_label(job)}{_step_name(step)} due at the latest ({step.rule_id})",
            _when(step, all_day),
            step.rule_id,
            f"start by {step.start.isoformat()} at the latest; {step.explain()}",
            step.provisional,
        )


def _placement(p: PlacementPlan, scope: tuple[str, ...], all_day: bool) -> Iterator[Deadline]:
    at = (*scope, "placement", p.placement.isoformat())
    yield Deadline((*at, "start"), "placement starts", p.placement, None, "", p.provisional)
    if p.fee_list_due_date is not None and p.fee_list_deadline is not None:
        yield Deadline(
            (*at, "fee_list"),
            "approved media and creative fee list due (O7)",
            p.fee_list_due_date if all_day else p.fee_list_deadline,
            "O7",
            f"6 days before the placement on {p.placement.isoformat()}, rolled back to a working day",
            p.provisional,
        )
    yield Deadline(
        (*at, "materials"),
        "materials to the media at the latest",
        p.materials_due_date,
        None,
        f"every item delivered by {p.materials_due_date.isoformat()} for the placement on "
        f"{p.placement.isoformat()}",
        p.provisional,
    )
    for item in p.items:
        yield from _backward(item, (*at, item.item), None, all_day)


def _from_due(d: Due, engagement_id: str | None) -> Deadline:
    """A :class:`~adservice.deadlines.Due` as an event. Its key is what it is, never when it falls:
    whose, the rule, what, and the cause (the first clause of ``because``, e.g. ``meeting ended
    Mon 2026-01-05 11:00``); a duty due in a recurring window is keyed by its opening instead."""
    owner = d.subject or engagement_id or "agency"
    opens = d.earliest if d.earliest is not None else d.due
    explain = getattr(d, "explain", None)
    if callable(explain):  # an obligation: recurring duties are told apart by when they open
        key: tuple[str, ...] = (owner, "obligation", d.rule_id, d.what, opens.isoformat())
        description = str(explain())
    else:
        cause = d.because.split("; ")[0] if d.because else d.due.isoformat()
        key, description = (owner, "due", d.rule_id, d.what, cause), d.because or d.describe()
    return Deadline(key, f"{d.what} due ({d.rule_id})", d.due, d.rule_id, description, d.provisional)


def _engagement(e: Engagement, all_day: bool, duties: bool) -> Iterator[Deadline]:
    rushed = e.accepted_rushes()
    for job, p in e.plans().items():
        if job in rushed:
            day = rushed[job]
            yield Deadline(
                (e.id, job, "rush"),
                f"{job} {e.rulebook.item(p.item).name} due (rush accepted, T8)",
                day if all_day else e.calendar.close_of_business(day),
                "T8",
                f"the client's rush request was accepted: due {day.isoformat()} instead of "
                f"{p.due_date.isoformat()} ({p.rule_id})",
                e.calendar.is_provisional(day),
            )
        else:
            yield from _forward(p, (e.id, job), job, all_day)
    if duties:
        for duty in e.duties:
            yield _from_due(duty, e.id)


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
        out.extend(_forward(source, base, job, all_day))
    elif isinstance(source, BackwardPlan):
        base = (*scope, job) if job else (*scope, "backward", source.item, source.deliver_by.isoformat())
        out.extend(_backward(source, base, job, all_day))
    elif isinstance(source, PlacementPlan):
        out.extend(_placement(source, scope, all_day))
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


def _zone(at: datetime) -> ZoneInfo | None:
    """The IANA zone to write ``at`` in, or ``None`` to write it in UTC."""
    tz = at.tzinfo
    if isinstance(tz, ZoneInfo) and tz.key not in _UTC_KEYS:
        return tz
    return None


def _sort_key(d: Deadline, uid: str) -> tuple[datetime, str]:
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
    >>> for event in Calendar.from_ical(ics).walk("VEVENT")[-2:]:
    ...     print(event["SUMMARY"], "|", event.decoded("DTSTART").isoformat())
    media schedule plan due at the latest (T3) | 2025-10-11T17:00:00+08:00
    placement starts | 2025-10-13
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
    for uid, d in sorted(seen.items(), key=lambda pair: _sort_key(pair[1], pair[0])):
        event = ical.Event()
        event.add("uid", uid)
        event.add("dtstamp", when)
        if isinstance(d.when, datetime):
            zone = _zone(d.when)
            start = d.when.astimezone(zone or timezone.utc)
            if zone is not None:
                _, low, high = years.get(zone.key, (zone, start.year, start.year))
                years[zone.key] = (zone, min(low, start.year), max(high, start.year))
            event.add("dtstart", start)
            event.add("dtend", start)
        else:
            event.add("dtstart", d.when)
            event.add("dtend", d.when + timedelta(days=1))
        event.add("summary", event_summary(d.summary, loc))
        text = d.description + (provisional_note(loc) if d.provisional else "")
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
