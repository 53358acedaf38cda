"""An engagement's recorded duties (O2/O3, O5, O7) as obligations.

The engagement owns its duties (``engagement.duties``); nothing here recomputes a
date. Until the kernel's Due-based duties land, a duty may still be the
lifecycle's ``Duty`` (``because`` is the causing event, no ``done_at``): then the
words and the completion are read as before (the legacy branch, marked below;
delete it once ``engagement.duties`` are :class:`~adservice.deadlines.Due` values).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines import Due
from adservice.engagement.lifecycle import Engagement
from adservice.kernel.events import Event
from adservice.portfolio._shared import _at_text, _day_text, _rule
from adservice.portfolio.obligation import Obligation, obligation

__all__ = ["recorded_duties"]

#: Duties counted in hours may fall outside working days.
_HOUR_RULES = frozenset({"O2", "O3", "O5"})


def recorded_duties(e: Engagement, *, as_of: datetime | None = None) -> list[Obligation]:
    """The engagement's duties (caused by ``as_of`` if given) as obligations; disabled rules left out."""
    duties: tuple[Any, ...] = tuple(e.duties)
    if as_of is not None and not _legacy(duties) and hasattr(e, "as_of"):
        view = e.as_of(as_of)  # the kernel's Engagement.as_of: the duties caused by then
        duties = () if view is None else tuple(view.duties)
    out: list[Obligation] = []
    for duty in duties:
        if _rule(e.rulebook, duty.rule_id) is None:
            continue
        if isinstance(duty, Due):
            owned = duty if duty.subject else attrs.evolve(duty, subject=e.id)
            out.append(Obligation.of(owned, hour_rule=duty.rule_id in _HOUR_RULES))
        elif as_of is None or duty.because.at <= as_of:
            out.append(_legacy_obligation(e, duty))
    return out


def _legacy(duties: tuple[Any, ...]) -> bool:
    return any(isinstance(getattr(d, "because", None), Event) for d in duties)


# -- legacy: the lifecycle's Duty (because: Event, no done_at) -- delete after the kernel merge -----------


def _duty_why(e: Engagement, duty: Any) -> tuple[str, ...]:
    """The words dating a duty the lifecycle recorded (O2, O3, O5, O7)."""
    cal, event, rule = e.calendar, duty.because, e.rulebook.rules.get(duty.rule_id)
    params = rule.params if rule is not None else {}
    local_due = duty.due.astimezone(cal.tz)
    if event.kind == "meeting":
        what = "important call" if event.payload.get("call") else "meeting"
        clock = e.rulebook.choice("report_clock")
        hours = params.get("hours", 24)
        ended = event.at.astimezone(cal.tz)
        how = {
            "business": "business hours (counted only inside business hours of working days)",
            "elapsed": "hours elapsed",
            "elapsed_rolled": "hours elapsed, moved to the same time on the next working day if off",
        }[clock]
        return (f"{what} ended {_at_text(ended)}", f"+{hours} {how}: {_at_text(local_due)}")
    if event.kind == "placement":
        end = date.fromisoformat(str(event.payload["end"]))
        hours = params.get("hours", 72)
        return (
            f"placement round ended {_day_text(end)}, close of business",
            f"+{hours} hours elapsed: {_at_text(local_due)}",
        )
    if event.kind == "book":
        placement = date.fromisoformat(str(event.payload["placement"]))
        return _fee_list_why(cal, placement, int(params.get("days", 6)), local_due.date())
    return (f"{event.kind} at {_at_text(event.at.astimezone(cal.tz))}", f"due {_at_text(local_due)}")


def _fee_list_why(calendar: WorkCalendar, placement: date, days: int, due: date) -> tuple[str, ...]:
    nominal = placement - timedelta(days=days)
    words = [
        f"placement {_day_text(placement)}",
        f"{days} days before: {calendar.day_kind(nominal).describe()}",
    ]
    if due != nominal:
        words.append(f"rolled back to the last working day {_day_text(due)}, close of business")
    else:
        words.append("close of business")
    return tuple(words)


def _done_at(e: Engagement, duty: Any) -> datetime | None:
    """When the log shows the duty done: the execution report of its round (O5), the fee list (O7)."""
    if duty.because.kind == "placement":
        number = next((i + 1 for i, p in enumerate(e.placements) if p is duty.because), None)
        if number is None:
            number = next((i + 1 for i, p in enumerate(e.placements) if p == duty.because), None)
        for event in e.events:
            if event.kind == "execution_report" and event.payload.get("round") == number:
                return event.at
        return None
    if duty.because.kind == "book":
        for event in e.events:
            if event.kind == "fee_list" and event.at >= duty.because.at:
                return event.at
    return None


def _legacy_obligation(e: Engagement, duty: Any) -> Obligation:
    due = duty.due.astimezone(e.calendar.tz)
    return obligation(
        duty.rule_id,
        duty.what,
        due,
        e.id,
        duty.provisional or e.calendar.is_provisional(due.date()),
        duty.rule_id in _HOUR_RULES,
        _duty_why(e, duty),
        _done_at(e, duty),
    )
