"""An engagement's recorded duties (O2/O3, O5, O7, O10) as obligations.

The engagement owns its duties (``engagement.duties``, :class:`~adservice.deadlines.Due`
values with their completion); nothing here recomputes a date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import attrs

from adservice.deadlines import Due, meeting_report
from adservice.engagement.lifecycle import Engagement
from adservice.portfolio._shared import TRACKED_RULES, _rule
from adservice.portfolio.obligation import Obligation

__all__ = ["recorded_duties", "tracked_by"]

#: Duties counted in hours may fall outside working days.
_HOUR_RULES = frozenset({"O2", "O3", "O5"})


def recorded_duties(
    e: Engagement, *, as_of: datetime | None = None, window: tuple[date, date] | None = None
) -> list[Obligation]:
    """The engagement's duties (caused by ``as_of`` if given) as obligations; disabled rules left out.

    With ``window`` only those ``_inside`` keeps are built (an instant's day inside it, or a window
    overlapping it): the same test, made on the duty before it becomes an obligation."""
    duties: tuple[Due, ...] = tuple(e.duties)
    last = e.last_at
    if as_of is not None and last is not None and last.timestamp() > as_of.timestamp():
        view = e.as_of(as_of)  # the duties caused by then
        duties = tuple(view.duties)
    out: list[Obligation] = []
    for duty in duties:
        if _rule(e.rulebook, duty.rule_id) is None:
            continue
        if window is not None:
            opens = duty.earliest if duty.earliest is not None else duty.due
            if not (opens.date() < window[1] and window[0] <= duty.due.date()):
                continue
        owned = duty if duty.subject else attrs.evolve(duty, subject=e.id)
        out.append(Obligation.of(owned, hour_rule=duty.rule_id in _HOUR_RULES))
    return out


def tracked_by(e: Engagement) -> Callable[[Due], bool]:
    """Which of ``e``'s duties its log can show done: the execution reports and the fee list
    (:data:`TRACKED_RULES`), and a scheduled meeting's duties (issue 11 §7): its O10 notice, agenda
    and reconfirmation, and its report (O2/O3, written with ``record_minutes``). The report of a
    meeting never scheduled has no record to show it done, so it is not tracked."""
    records = e.meeting_records
    if not records:
        return lambda duty: duty.rule_id in TRACKED_RULES
    reports = set()
    for rec in records.values():
        if rec.held_at is not None:
            report = meeting_report(rec.held_at, call=rec.call, calendar=e.calendar, rulebook=e.rulebook)
            if report is not None:
                reports.add((report.rule_id, report.due))

    def tracked(duty: Due) -> bool:
        return (
            duty.rule_id in TRACKED_RULES
            or duty.rule_id == "O10"
            or (duty.rule_id in {"O2", "O3"} and (duty.rule_id, duty.due) in reports)
        )

    return tracked
