"""One function per duty rule of an engagement: O2/O3, O5, O7, O12 (issue 9 §5).

Each returns a :class:`~adservice.deadlines.due.Due`, or ``None`` when the
rulebook lacks or disables the rule. These are the only places the duties'
dates are computed; the engagement, the planner and the obligations call them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines._common import as_date, local_instant
from adservice.deadlines._memo import calendar_memo
from adservice.deadlines._params import enabled_rule, hours_param, int_param, text_param
from adservice.deadlines.dayzero import day_zero
from adservice.deadlines.due import Due
from adservice.deadlines.hours import hours_after
from adservice.errors import CalendarRangeError, DurationOutOfRangeError, InvalidInputError, brief
from adservice.i18n import N_
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = [
    "execution_report",
    "fee_list",
    "issue_promise",
    "meeting_prep",
    "meeting_report",
    "return_visit",
    "when_text",
]

_MAX_TRAVEL_HOURS = 24 * 366
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MODE_WORDS = {
    "elapsed": "hours elapsed",
    "elapsed_rolled": "hours elapsed, moved to the next working day if off",
    "business": "business hours",
}


def when_text(at: datetime | date) -> str:
    """``Fri 2025-09-26 10:00`` (or ``Fri 2025-09-26`` for a day).

    Raises:
        InvalidInputError: ``at`` is neither a datetime nor a date.
    """
    if not isinstance(at, date):
        raise InvalidInputError(f"at must be a datetime or a date (got {brief(at)}).")
    if isinstance(at, datetime):
        return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M}"
    return f"{_WEEKDAY[at.weekday()]} {at.isoformat()}"


def _subject(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"subject must be a str, an engagement's or issue's id (got {brief(value)}).")
    return value


def _done(value: object) -> datetime | None:
    return None if value is None else require_aware(value, "done_at")


def meeting_report(
    at: datetime,
    *,
    call: bool = False,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The written report of a client meeting (or an important call) that ended at ``at`` (O2 or O3).

    Which rule applies is the rulebook's choice (``meeting_report``, ``call_report``); its
    ``hours`` are counted by the choice ``report_clock`` (see :func:`hours_after`).

    Args:
        at: when the meeting (or call) ended (aware).
        call: an important phone call rather than a meeting.
        calendar: the agency's calendar (default CN); rulebook: the rules (default standard).
        subject: whose duty (the engagement's id); done_at: when the report went out, if known.

    Returns:
        The report's Due, or ``None`` if the chosen rule is disabled.

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``at``, wrong types.
        RulebookError: the rule's ``hours`` is not a number of hours.
        CalendarRangeError: the result lies outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> meeting_report(datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))).describe()
    'O2 meeting report due Sat 2025-09-27 10:00'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    ended = local_instant(cal, at, "at")
    if not isinstance(call, bool):
        raise InvalidInputError(f"call must be True or False (got {brief(call)}).")
    rule = enabled_rule(book, book.choice("call_report" if call else "meeting_report"))
    if rule is None:
        return None
    hours = hours_param(rule, "hours", 24)
    mode = book.choice("report_clock")
    due = hours_after(ended, hours, mode=mode, calendar=cal)
    what = N_("contact report") if rule.id == "O3" else N_("meeting report")
    kind = "important call" if call else "meeting"
    because = f"{kind} ended {when_text(ended)}, +{hours:g} {_MODE_WORDS[mode]}"
    return Due(
        rule.id,
        what,
        due,
        provisional=cal.is_provisional(due.date()),
        because=because,
        done_at=_done(done_at),
        subject=_subject(subject),
    )


def execution_report(
    end: date,
    round: int,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The execution report of placement round ``round`` that ended on ``end`` (O5).

    Due O5's ``hours`` (72) elapsed hours after close of business on the last day of the round.

    Raises:
        InvalidInputError: ``end`` not a date, ``round`` not an int >= 1.
        RulebookError: O5's ``hours`` is not a number of hours.
        CalendarRangeError: outside the calendar's horizon.

    >>> execution_report(date(2025, 10, 13), 1).describe()
    'O5 execution report of round 1 due Thu 2025-10-16 17:00'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    last = as_date(end, "end")
    if isinstance(round, bool) or not isinstance(round, int) or round < 1:
        raise InvalidInputError(f"round must be an int from 1 (got {brief(round)}).")
    rule = enabled_rule(book, "O5")
    if rule is None:
        return None
    hours = hours_param(rule, "hours", 72)
    due = hours_after(cal.close_of_business(last), hours, mode="elapsed", calendar=cal)
    return Due(
        "O5",
        f"execution report of round {round}",
        due,
        provisional=cal.is_provisional(last, due.date()),
        because=(
            f"placement round {round} ended {when_text(last)}, close of business, +{hours:g} hours elapsed"
        ),
        done_at=_done(done_at),
        subject=_subject(subject),
    )


def fee_list(
    placement: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """The approved media and creative fee list before a placement (O7) — the only place O7's
    date is computed.

    Due O7's ``days`` (6) calendar days before the placement's first day, rolled back to a
    working day, at close of business; never after the placement. With O7's ``count`` set to
    ``"working_days"``, ``days`` working days before the placement instead.

    Raises:
        InvalidInputError: ``placement`` not a date.
        RulebookError: O7's ``days`` is not an int 0..10000 (``days="six"``, ``days=-3``), or its
            ``count`` is neither ``"calendar_days"`` nor ``"working_days"``.
        CalendarRangeError: the day lies outside the calendar's horizon.

    >>> fee_list(date(2025, 10, 12)).due.isoformat()
    '2025-09-30T17:00:00+08:00'
    >>> for words in fee_list(date(2025, 10, 12)).because.split("; "):
    ...     print(words)
    placement Sun 2025-10-12
    6 days before: Mon 2025-10-06 public holiday (Mid-Autumn Festival)
    rolled back to the last working day Tue 2025-09-30, close of business
    >>> from adservice.rulebook.book import Rulebook
    >>> working = Rulebook.standard().with_params("O7", count="working_days")
    >>> fee_list(date(2025, 10, 13), rulebook=working).because
    'placement Mon 2025-10-13; 6 working days before: Sun 2025-09-28; close of business'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    on = as_date(placement, "placement")
    rule = enabled_rule(book, "O7")
    if rule is None:
        return None
    days = int_param(rule, "days", 6, "days")
    if text_param(rule, "count", "calendar_days", ("calendar_days", "working_days")) == "working_days":
        nominal = due_day = cal.add_working_days(on, -days, roll="forward")
        words = [f"placement {when_text(on)}", f"{days} working days before: {when_text(due_day)}"]
    else:
        try:
            nominal = on - timedelta(days=days)
        except OverflowError:
            raise CalendarRangeError(f"{days} days before {on} is before year 1 (rule O7).") from None
        due_day = cal.add_working_days(nominal, 0, roll="backward")
        words = [f"placement {when_text(on)}", f"{days} days before: {cal.day_kind(nominal).describe()}"]
    if due_day != nominal:
        words.append(f"rolled back to the last working day {when_text(due_day)}, close of business")
    else:
        words.append("close of business")
    return Due(
        "O7",
        N_("approved media and creative fee list"),
        cal.close_of_business(due_day),
        provisional=cal.is_provisional(due_day, on),
        because="; ".join(words),
        done_at=_done(done_at),
        subject=_subject(subject),
    )


def return_visit(
    at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
    what: str = N_("return visit after the service"),
) -> Due | None:
    """The return visit after a service delivered at ``at`` (O12).

    Due O12's ``days`` (3) working days after :func:`day_zero` of the delivery, at close of business.

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``at``, wrong types.
        RulebookError: O12's ``days`` is not an int 0..10000.
        CalendarRangeError: outside the calendar's horizon.

    >>> from zoneinfo import ZoneInfo
    >>> return_visit(datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))).describe()
    'O12 return visit after the service due Tue 2025-09-30 17:00'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    delivered = local_instant(cal, at, "at")
    if not isinstance(what, str) or not what.strip():
        raise InvalidInputError(f"what must be a non-empty str (got {brief(what)}).")
    rule = enabled_rule(book, "O12")
    if rule is None:
        return None
    n = int_param(rule, "days", 3, "working days")
    day0 = day_zero(delivered, calendar=cal)
    # Deliveries counted from the same day share the count's words and deadline (per calendar).
    line, due, provisional = calendar_memo(cal, ("O12 count", day0, n), partial(_count, cal, day0, n))
    words = [f"delivered {when_text(delivered)}"]
    if day0 != delivered.date():
        late = calendar_memo(cal, ("O12 late", delivered.date()), partial(_late_words, cal, delivered.date()))
        words.append(f"{late}, so the count starts on the next working day {when_text(day0)}")
    words += [f"{n} working days: {line}", "close of business"]
    return Due(
        "O12",
        what,
        due,
        provisional=provisional,
        because="; ".join(words),
        done_at=_done(done_at),
        subject=_subject(subject),
    )


def _late_words(cal: WorkCalendar, day: date) -> str:
    """Why a delivery on ``day`` counts from the next working day (after hours, or a day off)."""
    kind = cal.day_kind(day)
    return "after close of business" if kind.is_working else kind.describe()


def _count(cal: WorkCalendar, day0: date, n: int) -> tuple[str, datetime, bool]:
    explanation = cal.explain(day0, n)
    return explanation.line, cal.close_of_business(explanation.result), explanation.provisional


def meeting_prep(
    start: datetime,
    *,
    travel_hours: float = 0,
    about: str = "client meeting",
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    noticed_at: datetime | None = None,
    agenda_at: datetime | None = None,
    reconfirmed_at: datetime | None = None,
) -> tuple[Due, ...]:
    """O10: what a meeting starting at ``start`` demands beforehand, as three Due values.

    The notice with its 5W1H at close of business ``notice_working_days`` (1) working day(s)
    before the meeting's day; the agenda ``agenda_hours`` (2) hours before the start; the phone
    reconfirmation ``reconfirm_hours`` (1) hour before departure (the start less ``travel_hours``).
    ``noticed_at``, ``agenda_at`` and ``reconfirmed_at`` are when the log shows each done.

    Returns:
        The notice, the agenda and the reconfirmation (empty if the rulebook disables O10).

    Raises:
        NaiveDatetimeError, InvalidInputError: a naive ``start``, wrong types.
        DurationOutOfRangeError: ``travel_hours`` outside 0..8784.
        RulebookError: O10's parameters malformed; CalendarRangeError: outside the horizon.

    >>> from zoneinfo import ZoneInfo
    >>> monday = datetime(2025, 10, 13, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [d.describe() for d in meeting_prep(monday, travel_hours=1.5)]  # doctest: +NORMALIZE_WHITESPACE
    ['O10 meeting notice (5W1H): client meeting due Sat 2025-10-11 17:00',
     'O10 meeting agenda to the client: client meeting due Mon 2025-10-13 08:00',
     'O10 phone reconfirmation before departure: client meeting due Mon 2025-10-13 07:30']
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    local = local_instant(cal, start, "start")
    if isinstance(travel_hours, bool) or not isinstance(travel_hours, (int, float)):
        raise InvalidInputError(f"travel_hours must be a number of hours (got {brief(travel_hours)}).")
    if not 0 <= travel_hours <= _MAX_TRAVEL_HOURS:  # NaN fails too
        msg = f"travel_hours must be 0..{_MAX_TRAVEL_HOURS} hours (got {brief(travel_hours)})."
        raise DurationOutOfRangeError(msg)
    if not isinstance(about, str) or not about.strip():
        raise InvalidInputError(f"about must be a non-empty str (got {brief(about)}).")
    rule = enabled_rule(book, "O10")
    if rule is None:
        return ()
    n = int_param(rule, "notice_working_days", 1, "working days", 366)
    agenda = hours_param(rule, "agenda_hours", 2)
    reconfirm = hours_param(rule, "reconfirm_hours", 1)
    explanation = cal.explain(local.date(), -n, roll="forward")
    who = _subject(subject)
    starts = f"meeting starts {when_text(local)}"
    agenda_due = local - timedelta(hours=agenda)
    departure = local - timedelta(hours=travel_hours)
    reconfirm_due = departure - timedelta(hours=reconfirm)
    provisional = cal.is_provisional(local.date())
    return (
        Due(
            "O10",
            f"meeting notice (5W1H): {about}",
            cal.close_of_business(explanation.result),
            provisional=cal.is_provisional(explanation.result, local.date()),
            because=f"{starts}; {n} working day(s) before: {explanation.line}; close of business",
            done_at=_done(noticed_at),
            subject=who,
        ),
        Due(
            "O10",
            f"meeting agenda to the client: {about}",
            agenda_due,
            provisional=provisional,
            because=f"{starts}; agenda at least {agenda:g} h before: {when_text(agenda_due)}",
            done_at=_done(agenda_at),
            subject=who,
        ),
        Due(
            "O10",
            f"phone reconfirmation before departure: {about}",
            reconfirm_due,
            provisional=provisional,
            because=(
                f"{starts}; departure {when_text(departure)} ({travel_hours:g} h travel); "
                f"{reconfirm:g} h before departure: {when_text(reconfirm_due)}"
            ),
            done_at=_done(reconfirmed_at),
            subject=who,
        ),
    )


def issue_promise(
    promised_date: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    subject: str = "",
    done_at: datetime | None = None,
) -> Due | None:
    """I11: the solution promised to the client by ``promised_date``, due at its close of business.

    Returns:
        The Due, or ``None`` when the rulebook lacks or disables I11.

    Raises:
        InvalidInputError: ``promised_date`` is not a date; CalendarRangeError: outside the horizon.

    >>> issue_promise(date(2025, 10, 10), subject="CI-1").describe()
    'CI-1: I11 the solution promised to the client due Fri 2025-10-10 17:00'
    """
    cal, book = resolve_calendar(calendar), resolve_rulebook(rulebook)
    day = as_date(promised_date, "promised_date")
    if enabled_rule(book, "I11") is None:
        return None
    return Due(
        "I11",
        "the solution promised to the client",
        cal.close_of_business(day),
        provisional=cal.is_provisional(day),
        because=f"the client was told a solution by {when_text(day)}; close of business",
        done_at=_done(done_at),
        subject=_subject(subject),
    )
