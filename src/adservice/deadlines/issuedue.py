"""The deadlines of a client issue: first response (I1), solution (I4), return visit (I5).

One function per rule, each returning a :class:`~adservice.deadlines.due.Due`
or ``None`` when the rulebook lacks or disables the rule. Whether a deadline
applies yet (a return visit once a solution stands) is the issue's business.
"""

from __future__ import annotations

from datetime import datetime

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines._common import local_instant
from adservice.deadlines._params import enabled_rule, hours_param, int_param, text_param
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.due import Due
from adservice.deadlines.duties import when_text
from adservice.deadlines.hours import HOUR_MODES, hours_after
from adservice.errors import InvalidInputError, brief
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["issue_resolution", "issue_response", "issue_return_visit"]


def _extras(subject: object, done_at: object) -> tuple[str, datetime | None]:
    if not isinstance(subject, str):
        raise InvalidInputError(f"subject must be a str, the issue's id (got {brief(subject)}).")
    return subject, None if done_at is None else require_aware(done_at, "done_at")


def issue_response(
    received_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The first response to a client issue received at ``received_at`` (I1).

    Rule I1's ``response_hours`` counted by its ``clock`` parameter (``"business"``,
    ``"elapsed"`` or ``"elapsed_rolled"``, see :func:`hours_after`) from receipt.

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``received_at``, wrong types.
        RulebookError: I1's ``response_hours`` or ``clock`` is malformed.
        CalendarRangeError: outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> issue_response(datetime(2025, 10, 9, 16, tzinfo=ZoneInfo("Asia/Shanghai"))).describe()
    'I1 first response due Fri 2025-10-10 16:00'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    at = local_instant(cal, received_at, "received_at")
    who, done = _extras(subject, done_at)
    rule = enabled_rule(book, "I1")
    if rule is None:
        return None
    hours = hours_param(rule, "response_hours", None)
    mode = text_param(rule, "clock", "business", HOUR_MODES)
    due = hours_after(at, hours, mode=mode, calendar=cal)
    because = f"received {when_text(at)}, +{hours:g} {mode.replace('_', ' ')} hours"
    return Due(
        "I1", "first response", due, provisional=cal.is_provisional(due.date()), because=because,
        done_at=done, subject=who,
    )  # fmt: skip


def _working_days_due(
    rule_id: str,
    what: str,
    key: str,
    start: object,
    where: str,
    *,
    calendar: WorkCalendar | None,
    rulebook: Rulebook | None,
    words: str,
    subject: object,
    done_at: object,
) -> Due | None:
    """``rule_id``'s ``key`` working days after day 0 of ``start``, at close of business (I4, I5)."""
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    at = local_instant(cal, start, where)
    who, done = _extras(subject, done_at)
    rule = enabled_rule(book, rule_id)
    if rule is None:
        return None
    n = int_param(rule, key, None, "working days", high=9999)
    day0 = day_zero(at, calendar=cal)
    explanation = cal.explain(day0, n)
    because = f"{words} {when_text(at)}; day 0 {when_text(day0)}; {n} working days: {explanation.line}"
    due = cal.close_of_business(explanation.result)
    return Due(
        rule_id, what, due, provisional=explanation.provisional, because=because, done_at=done, subject=who
    )


def issue_resolution(
    received_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The solution of a client issue received at ``received_at`` (I4).

    Rule I4's ``resolve_working_days`` after :func:`day_zero` of the receipt, at close of business.

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``received_at``, wrong types.
        RulebookError: I4's ``resolve_working_days`` is not an int 0..9999.
        CalendarRangeError: outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> issue_resolution(datetime(2025, 10, 9, 16, tzinfo=ZoneInfo("Asia/Shanghai"))).due.isoformat()
    '2025-10-15T17:00:00+08:00'
    """
    return _working_days_due(
        "I4",
        "solution",
        "resolve_working_days",
        received_at,
        "received_at",
        calendar=calendar,
        rulebook=rulebook,
        words="received",
        subject=subject,
        done_at=done_at,
    )


def issue_return_visit(
    resolved_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The return visit after a client issue's solution stood at ``resolved_at`` (I5).

    Rule I5's ``return_visit_working_days`` after :func:`day_zero` of the solution, at close of
    business. (The issue lists it only once a solution stands and the issue was founded.)

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``resolved_at``, wrong types.
        RulebookError: I5's ``return_visit_working_days`` is not an int 0..9999.
        CalendarRangeError: outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> issue_return_visit(datetime(2025, 10, 13, 10, tzinfo=ZoneInfo("Asia/Shanghai"))).rule_id
    'I5'
    """
    return _working_days_due(
        "I5",
        "return visit",
        "return_visit_working_days",
        resolved_at,
        "resolved_at",
        calendar=calendar,
        rulebook=rulebook,
        words="solution stood",
        subject=subject,
        done_at=done_at,
    )
