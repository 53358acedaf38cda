"""Obligations: the recurring and event-driven duties of the handbooks (SPEC §7, O1–O13), dated.

Every duty comes from a rule of the rulebook (its numbers are the rule's
``params``) and is dated on a working calendar. Recurring duties are generated
with :mod:`dateutil.rrule`; one that falls on a non-working day moves to the
next working day. Event-driven duties come from an engagement's log (the
lifecycle already records meeting reports, execution reports and fee lists as
:class:`~adservice.engagement.lifecycle.Duty` values; they are reused, not recomputed).

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

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as Time
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.engagement.lifecycle import Duty, Engagement, as_portfolio
from adservice.errors import (
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    RulebookError,
    UnknownItemError,
)
from adservice.kernel.events import Event
from adservice.rulebook.book import Rule, Rulebook, resolve_rulebook

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

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAME = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_HOURS = 24 * 366
_MAX_DAYS = 10_000
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
#: Recurring rules: generated from the calendar alone (engagement-bound ones only while the client is served).
RECURRING_RULES: tuple[str, ...] = ("O1", "O4", "O6", "O8", "O9", "O11", "O13")
#: Event-driven duties whose completion the engagement's log records (execution reports, the fee list).
TRACKED_RULES: tuple[str, ...] = ("O5", "O7")
#: Recurring duties the agency owes itself, once for the whole portfolio (engagement id ``None``).
_AGENCY_RULES = ("O11",)
#: Recurring duties owed to each client while it is served (contract signed, not closed).
_CLIENT_RULES = ("O1", "O4", "O6", "O8", "O9", "O13")
_ENDS = ("close", "cancel", "lose")


# -- values --------------------------------------------------------------------


@attrs.frozen
class DueWindow:
    """A due *window*: the duty may be done at any time from ``earliest`` to ``latest``.

    Periodic duties given as a range ("every 3–6 months") are due in a window,
    not on one guessed day.
    """

    earliest: datetime
    latest: datetime

    def describe(self) -> str:
        """``'between Mon 2026-06-01 09:00 and Tue 2026-09-01 17:00'``."""
        return f"between {_at_text(self.earliest)} and {_at_text(self.latest)}"

    def to_dict(self) -> dict[str, str]:
        """Plain JSON-compatible data."""
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}


@attrs.frozen
class Obligation:
    """One dated duty: which rule demands it, what it is, when it is due, for which engagement.

    Attributes:
        rule_id: the rule (``"O4"``).
        what: the duty in words (``"weekly status report"``).
        due: the aware instant it is due, or a :class:`DueWindow` for periodic ranges.
        engagement_id: the engagement it is owed for; ``None`` for the agency's own routine.
        provisional: whether its date rests on a calendar year not yet officially announced.
        hour_rule: whether the rule counts hours (O2, O3, O5, O10's agenda and reconfirmation):
            such a duty may fall outside working days; every other one is on a working day.
        why: the steps that date it, in words (see :meth:`explain`).
        done_at: when the log shows it done, if the log records it (O5 execution reports, O7 fee lists).
    """

    rule_id: str
    what: str
    due: datetime | DueWindow
    engagement_id: str | None = None
    provisional: bool = False
    hour_rule: bool = False
    why: tuple[str, ...] = ()
    done_at: datetime | None = None

    @property
    def deadline(self) -> datetime:
        """The instant by which it must be done (a window's latest instant)."""
        return self.due.latest if isinstance(self.due, DueWindow) else self.due

    @property
    def earliest(self) -> datetime:
        """The earliest instant it is due (equal to :attr:`deadline` unless due in a window)."""
        return self.due.earliest if isinstance(self.due, DueWindow) else self.due

    @property
    def day(self) -> date:
        """The day of the deadline, in the zone of the calendar that dated it."""
        return self.deadline.date()

    @property
    def is_window(self) -> bool:
        """Whether it is due in a window rather than at one instant."""
        return isinstance(self.due, DueWindow)

    def explain(self) -> str:
        """Why it is due when it is, in one line.

        >>> ob = fee_list_obligation(date(2025, 10, 12))
        >>> print(ob.explain())
        placement Sun 2025-10-12; 6 days before: Mon 2025-10-06 public holiday (Mid-Autumn Festival); \
rolled back to the last working day Tue 2025-09-30, close of business
        """
        line = "; ".join(self.why)
        return f"{line} [provisional]" if self.provisional else line

    def describe(self) -> str:
        """One line: rule, what, when (and for which engagement)."""
        when = self.due.describe() if isinstance(self.due, DueWindow) else f"due {_at_text(self.due)}"
        text = f"{self.rule_id} {self.what} {when}"
        if self.engagement_id is not None:
            text += f" [{self.engagement_id}]"
        if self.done_at is not None:
            text += f" (done {_at_text(self.done_at)})"
        return text + (" [provisional]" if self.provisional else "")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (the command line's ``--json``)."""
        return {
            "rule_id": self.rule_id,
            "what": self.what,
            "engagement_id": self.engagement_id,
            "due": self.due.to_dict() if isinstance(self.due, DueWindow) else self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "provisional": self.provisional,
            "hour_rule": self.hour_rule,
            "why": self.explain(),
            "done_at": self.done_at.isoformat() if self.done_at else None,
        }


def _check_meeting_start(instance: object, attribute: object, value: datetime) -> None:
    require_aware(value, "a meeting's start")


def _travel(value: object) -> timedelta:
    if isinstance(value, timedelta):
        delta = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        if abs(value) > _MAX_HOURS:
            raise DurationOutOfRangeError(f"travel must be at most {_MAX_HOURS} hours (got {value!r}).")
        delta = timedelta(hours=value)
    else:
        raise InvalidInputError(f"travel must be hours as an int, float or timedelta (got {value!r}).")
    if not timedelta(0) <= delta <= timedelta(hours=_MAX_HOURS):
        raise DurationOutOfRangeError(f"travel must be 0..{_MAX_HOURS} hours (got {value!r}).")
    return delta


def _optional_id(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"engagement_id must be a string or None (got {value!r}).")
    return value


def _about(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"about must be a string (got {value!r}).")
    return value


@attrs.frozen
class ScheduledMeeting:
    """A client meeting on the calendar (O10 prepares it: notice, agenda, phone reconfirmation).

    Attributes:
        start: when the meeting starts (aware).
        travel: how long the trip to it takes (hours or a timedelta); 0 for a meeting at the agency.
        engagement_id: the engagement it is for, if any.
        about: what it is about.
    """

    start: datetime = attrs.field(validator=_check_meeting_start)
    travel: timedelta = attrs.field(default=timedelta(0), converter=_travel)
    engagement_id: str | None = attrs.field(default=None, converter=_optional_id)
    about: str = attrs.field(default="client meeting", converter=_about)


# -- small helpers ---------------------------------------------------------------


def _day_text(day: date) -> str:
    return f"{_WEEKDAY[day.weekday()]} {day.isoformat()}"


def _at_text(at: datetime) -> str:
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M}"


def _rule_key(rule_id: str) -> tuple[str, int, str]:
    """Sort ``O2`` before ``O10``."""
    match = re.fullmatch(r"([A-Za-z]*)(\d+)(.*)", rule_id)
    if match is None:
        return (rule_id, 0, "")
    return (match[1], int(match[2]), match[3])


def _sort_key(ob: Obligation) -> tuple[Any, ...]:
    return (ob.deadline, ob.earliest, _rule_key(ob.rule_id), ob.engagement_id or "", ob.what)


def _as_date(value: object, what: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInputError(f"{what} must be a datetime.date such as date(2025, 10, 1) (got {value!r}).")
    return value


def _window(calendar: WorkCalendar, start: object, end: object) -> tuple[date, date]:
    """Check ``[start, end)``; both ends must lie inside the calendar's horizon (refused at once)."""
    first, stop = _as_date(start, "start"), _as_date(end, "end")
    if stop < first:
        msg = f"the window [{first}, {stop}) ends before it starts; pass start <= end."
        raise DurationOutOfRangeError(msg)
    calendar.day_kind(first)
    if stop > first:
        calendar.day_kind(stop - timedelta(days=1))
    return first, stop


def _rule(book: Rulebook, rule_id: str) -> Rule | None:
    """The rule if the rulebook has it enabled, else ``None``."""
    rule = book.rules.get(rule_id)
    return rule if rule is not None and rule.enabled else None


def _fix(rule: Rule, key: str) -> str:
    return f"fix it with Rulebook.with_params({rule.id!r}, {key}=...)"


def _int_param(rule: Rule, key: str, default: int, low: int = 0, high: int = _MAX_DAYS) -> int:
    value = rule.params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        msg = f"rule {rule.id}'s {key!r} must be an int {low}..{high} (got {value!r}); {_fix(rule, key)}."
        raise RulebookError(msg)
    return value


def _hours_param(rule: Rule, key: str, default: float) -> float:
    value = rule.params.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 <= value <= _MAX_HOURS
    ):
        msg = f"rule {rule.id}'s {key!r} must be 0..{_MAX_HOURS} hours (got {value!r}); {_fix(rule, key)}."
        raise RulebookError(msg)
    return float(value)


def _wall_param(rule: Rule, value: object, key: str) -> Time | None:
    """``"HH:MM"`` as a wall time, ``"close"`` as ``None`` (close of business)."""
    if value == "close":
        return None
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        msg = f"rule {rule.id}'s {key!r} must be 'HH:MM' or 'close' (got {value!r}); {_fix(rule, key)}."
        raise RulebookError(msg)
    return Time(int(match[1]), int(match[2]))


def _weekday_param(rule: Rule, value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        msg = (
            f"rule {rule.id}'s {key!r} must be a weekday 0 (Mon)..6 (Sun) (got {value!r}); {_fix(rule, key)}."
        )
        raise RulebookError(msg)
    return value


def _slot_param(rule: Rule, key: str) -> tuple[int, Time | None]:
    """A ``[weekday, "HH:MM"]`` parameter (O11's tally, report and meeting)."""
    value = rule.params.get(key)
    if not isinstance(value, list) or len(value) != 2:
        msg = f"rule {rule.id}'s {key!r} must be [weekday, 'HH:MM'] (got {value!r}); {_fix(rule, key)}."
        raise RulebookError(msg)
    return _weekday_param(rule, value[0], key), _wall_param(rule, value[1], key)


def _months_param(rule: Rule) -> tuple[int, int]:
    value = rule.params.get("every_months", [3, 6])
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 1 <= value[0] <= value[1] <= 120
    ):
        key = "every_months"
        msg = (
            f"rule {rule.id}'s {key!r} must be [low, high] months, 1 <= low <= high <= 120 (got {value!r}); "
        )
        raise RulebookError(msg + f"{_fix(rule, key)}.")
    return value[0], value[1]


def _at(calendar: WorkCalendar, day: date, wall: Time | None) -> datetime:
    if wall is None:
        return calendar.close_of_business(day)
    return datetime.combine(day, wall, tzinfo=calendar.tz)


def _wall_text(wall: Time | None) -> str:
    return "close of business" if wall is None else f"{wall:%H:%M}"


def _first_nominal(calendar: WorkCalendar, start: date) -> date:
    """The earliest nominal day that can roll forward into ``[start, ...)``: the day after the last
    working day before ``start``."""
    try:
        return calendar.previous_working_day(start) + timedelta(days=1)
    except CalendarRangeError:
        return start


def _rolled(calendar: WorkCalendar, nominal: date) -> tuple[date, list[str]]:
    """``nominal`` moved to the next working day if it is not one, with the words saying so."""
    if calendar.is_working_day(nominal):
        return nominal, [_day_text(nominal)]
    due = calendar.next_working_day(nominal)
    return due, [calendar.day_kind(nominal).describe(), f"moved to the next working day {_day_text(due)}"]


def _local(calendar: WorkCalendar, at: object, what: str) -> datetime:
    """``at`` (aware) in the calendar's zone, refused at once if its day is outside the horizon."""
    aware = require_aware(at, what)
    try:
        local = aware.astimezone(calendar.tz)
    except (OverflowError, ValueError):
        first, last = calendar.horizon
        msg = f"{what} {aware.isoformat()} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        raise CalendarRangeError(msg) from None
    calendar.day_kind(local.date())
    return local


def _naive(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


_Alive = Callable[[datetime], bool]


def _always(_: datetime) -> bool:
    return True


def _series(
    calendar: WorkCalendar,
    moments: Iterable[datetime],
    window: tuple[date, date],
    wall: Time | None,
    alive: _Alive,
) -> dict[datetime, list[date]]:
    """Nominal days moved to working days, grouped by the instant they fall due inside ``window``.

    Occurrences rolled onto one day (a long holiday) become one duty: the
    caller words it after the last of them, the most recent one.
    """
    start, end = window
    found: dict[datetime, list[date]] = {}
    for moment in moments:
        nominal = moment.date()
        due_day = nominal if calendar.is_working_day(nominal) else calendar.next_working_day(nominal)
        if start <= due_day < end and alive(_at(calendar, nominal, wall)):
            found.setdefault(_at(calendar, due_day, wall), []).append(nominal)
    return found


def _also(nominals: Sequence[date]) -> list[str]:
    return [f"also the {_day_text(n)} occurrence, moved to the same day" for n in nominals[:-1]]


# -- recurring duties --------------------------------------------------------------


def _weekly(  # noqa: PLR0917 - a private builder shared by every weekly rule
    calendar: WorkCalendar,
    rule: Rule,
    weekday: int,
    wall: Time | None,
    what: str,
    window: tuple[date, date],
    engagement_id: str | None,
    alive: _Alive,
) -> list[Obligation]:
    start, end = window
    first, last = _first_nominal(calendar, start), end - timedelta(days=1)
    if last < first:
        return []
    moments = rrule(WEEKLY, byweekday=weekday, dtstart=_naive(first), until=_naive(last))
    found = _series(calendar, moments, window, wall, alive)
    out: list[Obligation] = []
    for instant, nominals in found.items():
        # Two occurrences rolled onto one day (a long holiday) are one duty: the later one, which
        # reports the more recent status.
        nominal = nominals[-1]
        _, words = _rolled(calendar, nominal)
        why = [f"every {_WEEKDAY_NAME[weekday]} {_wall_text(wall)}: {'; '.join(words)}"]
        if rule.id == "O4":
            friday = nominal - timedelta(days=(nominal.weekday() - 4) % 7 or 7)
            why.append(f"status as of {_day_text(friday)}")
        why.extend(_also(nominals))
        provisional = calendar.is_provisional(nominals[0], instant.date())
        out.append(Obligation(rule.id, what, instant, engagement_id, provisional, False, tuple(why)))
    return out


def _monthly(  # noqa: PLR0917 - a private builder shared by O8 and O13
    calendar: WorkCalendar,
    rule: Rule,
    whats: Sequence[str],
    window: tuple[date, date],
    engagement_id: str | None,
    alive: _Alive,
) -> list[Obligation]:
    """Duties on the last working day of each month (O8, O13), at close of business."""
    start, end = window
    if end <= start:
        return []
    out: list[Obligation] = []
    months = rrule(
        MONTHLY, dtstart=datetime(start.year, start.month, 1), until=_naive(end - timedelta(days=1))
    )
    for moment in months:
        days = calendar.working_days_in_month(moment.year, moment.month)
        if not days or not start <= days[-1] < end:
            continue
        last = days[-1]
        instant = calendar.close_of_business(last)
        if not alive(instant):
            continue
        why = (
            f"last working day of {moment:%B %Y}: {calendar.day_kind(last).describe()}",
            "close of business",
        )
        for what in whats:
            out.append(
                Obligation(rule.id, what, instant, engagement_id, calendar.is_provisional(last), False, why)
            )
    return out


def _periodic(  # noqa: PLR0917 - a private builder shared by O1 and O6
    calendar: WorkCalendar,
    rule: Rule,
    what: str,
    window: tuple[date, date],
    engagement_id: str | None,
    anchor: tuple[datetime, str],
    alive: _Alive,
) -> list[Obligation]:
    """Duties every ``low``–``high`` months (O1, O6): a window per cycle.

    Each cycle is counted from the latest date of the one before (the cadence
    the rule still allows if every review is done at the last moment), so the
    windows never overlap: cycle ``k`` runs from ``anchor + (k-1)·high + low``
    to ``anchor + k·high`` months, each end moved to a working day. Month
    arithmetic clamps to month ends (``relativedelta``: Aug 31 + 3 months is
    Nov 30) where an RFC 5545 ``rrule`` would skip the months without a 31st.
    """
    start, end = window
    low, high = _months_param(rule)
    since, label = anchor
    base = _local(calendar, since, "since").date()
    lag = (start.year - base.year) * 12 + start.month - base.month
    cycle = max(1, lag // high)
    out: list[Obligation] = []
    while True:
        try:
            previous = base + relativedelta(months=(cycle - 1) * high)
            first_nominal = previous + relativedelta(months=low)
            last_nominal = base + relativedelta(months=cycle * high)
        except (ValueError, OverflowError):
            break
        first_day, first_words = _rolled(calendar, first_nominal)
        if first_day >= end:
            break
        last_day, last_words = _rolled(calendar, last_nominal)
        cycle += 1
        if last_day < start:
            continue
        opening = datetime.combine(first_day, calendar.business_hours[0], tzinfo=calendar.tz)
        if not alive(opening):
            break
        since_text = f"{label} {_day_text(base)}" if cycle == 2 else f"the latest date {_day_text(previous)}"
        why = (
            f"every {low}–{high} months, each cycle counted from the latest date of the one before",
            f"cycle {cycle - 1} opens {low} months after {since_text}: {'; '.join(first_words)}",
            f"closes {high} months after that date: {'; '.join(last_words)}, close of business",
        )
        due = DueWindow(opening, calendar.close_of_business(last_day))
        provisional = calendar.is_provisional(first_nominal, last_day)
        out.append(Obligation(rule.id, what, due, engagement_id, provisional, False, why))
    return out


_O13_WHATS = (
    "competitive media spend analysis",
    "store check and market visit report",
    "budget reconciliation",
)


def _recurring(  # noqa: PLR0917 - private: one entry point for agency and client duties
    book: Rulebook,
    rule_id: str,
    calendar: WorkCalendar,
    window: tuple[date, date],
    engagement_id: str | None,
    alive: _Alive,
    anchors: Mapping[str, tuple[datetime, str]],
) -> list[Obligation]:
    rule = _rule(book, rule_id)
    if rule is None:
        return []
    if rule_id == "O4":
        weekday = _weekday_param(rule, rule.params.get("weekday", 0), "weekday")
        wall = _wall_param(rule, rule.params.get("at", "09:00"), "at")
        return _weekly(calendar, rule, weekday, wall, "weekly status report", window, engagement_id, alive)
    if rule_id == "O9":
        weekday = _weekday_param(rule, rule.params.get("weekday", 4), "weekday")
        wall = _wall_param(rule, rule.params.get("at", "close"), "at")
        return _weekly(calendar, rule, weekday, wall, "weekly press clippings", window, engagement_id, alive)
    if rule_id == "O11":
        minutes = _int_param(rule, "meeting_minutes", 40, 1, 24 * 60)
        out: list[Obligation] = []
        for key, what in (
            ("tally", "weekly job tally"),
            ("report", "weekly report to the supervisor"),
            ("meeting", f"weekly meeting ({minutes} min)"),
        ):
            weekday, wall = _slot_param(rule, key)
            out.extend(_weekly(calendar, rule, weekday, wall, what, window, engagement_id, alive))
        return out
    if rule_id == "O8":
        return _monthly(calendar, rule, ("monthly market report",), window, engagement_id, alive)
    if rule_id == "O13":
        return _monthly(calendar, rule, _O13_WHATS, window, engagement_id, alive)
    if rule_id in ("O1", "O6"):
        anchor = anchors.get(rule_id)
        if anchor is None:
            return []
        what = (
            "strategy review and revised written proposal"
            if rule_id == "O1"
            else "competitor advertising strategy analysis"
        )
        return _periodic(calendar, rule, what, window, engagement_id, anchor, alive)
    raise UnknownItemError(
        f"rule {rule_id!r} is not recurring; recurring rules: {', '.join(RECURRING_RULES)}."
    )


def recurring(
    rule_id: str,
    start: date,
    end: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    since: datetime | None = None,
) -> tuple[Obligation, ...]:
    """Every occurrence of one recurring rule due in ``[start, end)``, sorted.

    Args:
        rule_id: one of :data:`RECURRING_RULES` (O1, O4, O6, O8, O9, O11, O13).
        start: first day of the window.
        end: the day after the window.
        calendar: the calendar that dates the duties (default CN).
        rulebook: where the rule's numbers come from (default :meth:`Rulebook.standard`).
        engagement_id: the engagement the duties are owed for (``None``: the agency's own).
        since: for O1 and O6 (every 3–6 months), the instant the cycles count from; without it
            they have no date and none is listed.

    Returns:
        The duties, sorted by deadline; a disabled rule gives none.

    Raises:
        UnknownItemError: ``rule_id`` is not a recurring rule.
        RulebookError: the rule's parameters are malformed.
        DurationOutOfRangeError: ``end`` before ``start``.
        CalendarRangeError: the window leaves the calendar's horizon.
        ProvisionalCalendarError: a strict calendar and a day past its confirmed years.
        InvalidInputError, NaiveDatetimeError: arguments of the wrong type.

    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> [o.day for o in recurring("O8", date(2026, 1, 15), date(2026, 3, 15))]
    [datetime.date(2026, 1, 30), datetime.date(2026, 2, 28)]
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    if not isinstance(rule_id, str) or rule_id not in RECURRING_RULES:
        raise UnknownItemError(
            f"rule {rule_id!r} is not recurring; recurring rules: {', '.join(RECURRING_RULES)}."
        )
    window = _window(cal, start, end)
    eid = _optional_id(engagement_id)
    anchors: dict[str, tuple[datetime, str]] = {}
    if since is not None:
        anchors = dict.fromkeys(("O1", "O6"), (require_aware(since, "since"), "the start"))
    found = _recurring(book, rule_id, cal, window, eid, _always, anchors)
    return tuple(sorted(_inside(found, window), key=_sort_key))


def agency_obligations(
    start: date, end: date, *, calendar: WorkCalendar | None = None, rulebook: Rulebook | None = None
) -> tuple[Obligation, ...]:
    """The agency's own weekly routine (O11: job tally, report to the supervisor, weekly meeting).

    Args:
        start: first day of the window; ``end``: the day after it.
        calendar: the agency's calendar (default CN).
        rulebook: where O11's slots come from (default :meth:`Rulebook.standard`).

    Returns:
        The duties due in ``[start, end)``, sorted, with engagement id ``None``.

    Raises:
        DurationOutOfRangeError, CalendarRangeError, RulebookError: as :func:`recurring`.

    >>> [o.describe() for o in agency_obligations(date(2025, 9, 29), date(2025, 10, 4))]
    ['O11 weekly meeting (40 min) due Mon 2025-09-29 09:30']
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    window = _window(cal, start, end)
    found: list[Obligation] = []
    for rule_id in _AGENCY_RULES:
        found.extend(_recurring(book, rule_id, cal, window, None, _always, {}))
    return tuple(sorted(_inside(found, window), key=_sort_key))


# -- event-driven duties --------------------------------------------------------------


def _duty_why(e: Engagement, duty: Duty) -> tuple[str, ...]:
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


def _done_at(e: Engagement, duty: Duty) -> datetime | None:
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


def _duty_obligation(e: Engagement, duty: Duty) -> Obligation | None:
    rule = _rule(e.rulebook, duty.rule_id)
    if rule is None:
        return None
    due = duty.due.astimezone(e.calendar.tz)
    return Obligation(
        duty.rule_id,
        duty.what,
        due,
        e.id,
        duty.provisional or e.calendar.is_provisional(due.date()),
        "hours" in rule.params,
        _duty_why(e, duty),
        _done_at(e, duty),
    )


def _duty_obligations(e: Engagement) -> list[Obligation]:
    return [ob for ob in (_duty_obligation(e, d) for d in e.duties) if ob is not None]


def _day_zero(calendar: WorkCalendar, at: datetime) -> tuple[date, str]:
    """The day a working-day count starts from: the day itself if a working day before close of
    business, else the next working day (SPEC §4)."""
    local = _local(calendar, at, "delivered_at")
    day = local.date()
    if not calendar.is_working_day(day):
        why = f"{calendar.day_kind(day).describe()}, so the count starts on the next working day; "
    elif local >= calendar.close_of_business(day):
        why = "after close of business, so the count starts on the next working day; "
    else:
        return day, ""
    return calendar.next_working_day(day), why


def return_visit(
    delivered_at: datetime,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    what: str = "return visit after the service",
) -> Obligation:
    """O12: the return visit within ``days`` (3) working days of a service delivered at ``delivered_at``.

    The count starts on the delivery day if it is a working day and the
    delivery came before close of business, else on the next working day; the
    visit is due at close of business.

    Raises:
        NaiveDatetimeError: ``delivered_at`` has no time zone.
        UnknownItemError: the rulebook has no enabled O12.
        RulebookError: O12's ``days`` is malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> visit = return_visit(datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> visit.describe()
    'O12 return visit after the service due Tue 2025-09-30 17:00'
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    at = require_aware(delivered_at, "delivered_at")
    rule = _rule(book, "O12")
    if rule is None:
        raise UnknownItemError("the rulebook has no enabled rule O12 (return visits); enable it or add it.")
    n = _int_param(rule, "days", 3)
    day0, note = _day_zero(cal, at)
    explanation = cal.explain(day0, n)
    due = cal.close_of_business(explanation.result)
    why = (
        f"delivered {_at_text(_local(cal, at, 'delivered_at'))}",
        f"{note}{n} working days: {explanation.line}",
        "close of business",
    )
    return Obligation(
        "O12", _about(what), due, _optional_id(engagement_id), explanation.provisional, False, why
    )


def fee_list_obligation(
    placement: date,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
) -> Obligation:
    """O7: the approved media and creative fee list ``days`` (6) calendar days before a placement.

    A day that is not a working day rolls back to the working day before it;
    the list is due at close of business.

    Raises:
        UnknownItemError: the rulebook has no enabled O7.
        RulebookError: O7's ``days`` is malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> fee_list_obligation(date(2025, 10, 12)).deadline.isoformat()
    '2025-09-30T17:00:00+08:00'
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    on = _as_date(placement, "placement")
    rule = _rule(book, "O7")
    if rule is None:
        raise UnknownItemError("the rulebook has no enabled rule O7 (fee lists); enable it or add it.")
    days = _int_param(rule, "days", 6)
    try:
        nominal = on - timedelta(days=days)
    except OverflowError:
        raise CalendarRangeError(f"{days} days before {on} is before year 1.") from None
    due_day = cal.add_working_days(nominal, 0, roll="backward")
    why = _fee_list_why(cal, on, days, due_day)
    provisional = cal.is_provisional(due_day, on)
    what = "approved media and creative fee list"
    return Obligation(
        "O7", what, cal.close_of_business(due_day), _optional_id(engagement_id), provisional, False, why
    )


def meeting_preparation(
    start: datetime,
    travel: float | timedelta = 0,
    *,
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    engagement_id: str | None = None,
    about: str = "client meeting",
) -> tuple[Obligation, ...]:
    """O10: what a scheduled meeting demands beforehand — notice, agenda, phone reconfirmation.

    - the meeting notice (5W1H: who, where, when, what, what to confirm, how) at close
      of business ``notice_working_days`` (1) working day(s) before the meeting's day;
    - the agenda to the client ``agenda_hours`` (2) hours before the start (the
      handbook says at least 1–2 hours; the standard takes the earlier end);
    - the phone reconfirmation ``reconfirm_hours`` (1) hour before departure
      (the start less ``travel``).

    Args:
        start: when the meeting starts (aware).
        travel: how long the trip takes, in hours or as a timedelta (0 for a meeting at the agency).
        calendar: the calendar that dates the notice (default CN).
        rulebook: where O10's numbers come from (default :meth:`Rulebook.standard`).
        engagement_id: the engagement it is for, if any.
        about: what the meeting is about (it names the duties).

    Returns:
        The three duties, in order of their deadlines (empty if the rulebook disables O10).

    Raises:
        NaiveDatetimeError: ``start`` has no time zone.
        DurationOutOfRangeError: negative or absurd ``travel``.
        RulebookError: O10's parameters are malformed.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.

    >>> from zoneinfo import ZoneInfo
    >>> monday = datetime(2025, 10, 13, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> for ob in meeting_preparation(monday, travel=1.5):
    ...     print(ob.describe())
    O10 meeting notice (5W1H): client meeting due Sat 2025-10-11 17:00
    O10 phone reconfirmation before departure: client meeting due Mon 2025-10-13 07:30
    O10 meeting agenda to the client: client meeting due Mon 2025-10-13 08:00
    """
    meeting = ScheduledMeeting(start, travel, engagement_id, about)
    return tuple(
        sorted(_prepare(meeting, resolve_calendar(calendar), resolve_rulebook(rulebook)), key=_sort_key)
    )


def _prepare(meeting: ScheduledMeeting, cal: WorkCalendar, book: Rulebook) -> list[Obligation]:
    rule = _rule(book, "O10")
    if rule is None:
        return []
    n = _int_param(rule, "notice_working_days", 1, 0, 366)
    agenda = _hours_param(rule, "agenda_hours", 2)
    reconfirm = _hours_param(rule, "reconfirm_hours", 1)
    local = _local(cal, meeting.start, "the meeting's start")
    eid, about = meeting.engagement_id, meeting.about
    explanation = cal.explain(local.date(), -n, roll="forward")
    notice_day = explanation.result
    notice = Obligation(
        "O10",
        f"meeting notice (5W1H): {about}",
        cal.close_of_business(notice_day),
        eid,
        cal.is_provisional(notice_day, local.date()),
        False,
        (
            f"meeting starts {_at_text(local)}",
            f"{n} working day(s) before: {explanation.line}",
            "close of business",
        ),
    )
    agenda_at = local - timedelta(hours=agenda)
    departure = local - meeting.travel
    reconfirm_at = departure - timedelta(hours=reconfirm)
    provisional = cal.is_provisional(local.date())
    return [
        notice,
        Obligation(
            "O10",
            f"meeting agenda to the client: {about}",
            agenda_at,
            eid,
            provisional,
            True,
            (
                f"meeting starts {_at_text(local)}",
                f"agenda at least {agenda:g} h before: {_at_text(agenda_at)}",
            ),
        ),
        Obligation(
            "O10",
            f"phone reconfirmation before departure: {about}",
            reconfirm_at,
            eid,
            provisional,
            True,
            (
                f"meeting starts {_at_text(local)}",
                f"departure {_at_text(departure)} ({meeting.travel.total_seconds() / 3600:g} h travel)",
                f"{reconfirm:g} h before departure: {_at_text(reconfirm_at)}",
            ),
        ),
    ]


# -- one engagement, a portfolio ------------------------------------------------------------


def _first(e: Engagement, kinds: Iterable[str]) -> Event | None:
    wanted = set(kinds)
    return next((ev for ev in e.events if ev.kind in wanted), None)


def _between(first: datetime, limit: datetime | None) -> _Alive:
    return lambda at: first <= at and (limit is None or at < limit)


def _prospect_tracking(e: Engagement, window: tuple[date, date]) -> list[Obligation]:
    """O12's prospect tracking: every ``prospect_every_days`` (7) days from first contact to the contract."""
    rule = _rule(e.rulebook, "O12")
    events = e.events
    if rule is None or not events or window[1] <= window[0]:
        return []
    every = _int_param(rule, "prospect_every_days", 7, 1, 366)
    cal, (start, end) = e.calendar, window
    first = events[0].at
    stop = _first(e, ("sign_contract", *_ENDS))
    day0 = first.astimezone(cal.tz).date()
    dates = rrule(DAILY, interval=every, dtstart=_naive(day0))
    moments = dates.between(
        _naive(max(day0 + timedelta(days=1), _first_nominal(cal, start))), _naive(end), inc=True
    )
    alive = _between(first, stop.at if stop is not None else None)
    out: list[Obligation] = []
    for instant, nominals in _series(cal, moments, window, None, alive).items():
        _, words = _rolled(cal, nominals[-1])
        why = (
            f"every {every} days from first contact {_day_text(day0)}: {'; '.join(words)}",
            "close of business",
            *_also(nominals),
        )
        provisional = cal.is_provisional(nominals[0], instant.date())
        out.append(Obligation("O12", "prospect tracking", instant, e.id, provisional, False, why))
    return out


def _return_visits(e: Engagement) -> list[Obligation]:
    if _rule(e.rulebook, "O12") is None:
        return []
    return [
        return_visit(
            ev.at,
            calendar=e.calendar,
            rulebook=e.rulebook,
            engagement_id=e.id,
            what=f"return visit after delivering {ev.payload.get('job')}",
        )
        for ev in e.events
        if ev.kind == "deliver"
    ]


def _engagement(e: Engagement, window: tuple[date, date]) -> list[Obligation]:
    cal, book = e.calendar, e.rulebook
    found = _duty_obligations(e) + _return_visits(e) + _prospect_tracking(e, window)
    signed = _first(e, ("sign_contract",))
    if signed is not None:
        ended = _first(e, _ENDS)
        alive = _between(signed.at, ended.at if ended is not None else None)
        strategy = _first(e, ("agree_strategy",))
        anchors = {
            "O1": (strategy.at, "the agreed strategy") if strategy else (signed.at, "the contract"),
            "O6": (signed.at, "the contract"),
        }
        for rule_id in _CLIENT_RULES:
            found.extend(_recurring(book, rule_id, cal, window, e.id, alive, anchors))
    return found


def _inside(found: Iterable[Obligation], window: tuple[date, date]) -> list[Obligation]:
    """Duties due inside ``[start, end)``: an instant's day inside it, or a window overlapping it."""
    start, end = window
    return [o for o in found if o.earliest.date() < end and start <= o.day]


def engagement_obligations(engagement: Engagement, start: date, end: date) -> tuple[Obligation, ...]:
    """Every duty one engagement owes in ``[start, end)``, on its own calendar and rulebook.

    Recurring client duties (O1, O4, O6, O8, O9, O13) run from the signed
    contract until the engagement closes, is cancelled or lost; prospect
    tracking (O12) runs from first contact to the contract; event-driven
    duties come from the log: meeting and contact reports (O2/O3), execution
    reports (O5), the fee list (O7) and return visits after each delivery (O12).

    Raises:
        InvalidInputError: ``engagement`` is not an :class:`~adservice.engagement.lifecycle.Engagement`.
        DurationOutOfRangeError, CalendarRangeError, RulebookError: as :func:`obligations_due`.
    """
    if not isinstance(engagement, Engagement):
        raise InvalidInputError(f"engagement must be an Engagement (got {engagement!r}).")
    window = _window(engagement.calendar, start, end)
    return tuple(sorted(_inside(_engagement(engagement, window), window), key=_sort_key))


def pending(engagement: Engagement, as_of: datetime) -> tuple[Obligation, ...]:
    """Duties the log can show done (:data:`TRACKED_RULES`: O5, O7) that were still open at ``as_of``.

    Only duties whose cause happened by ``as_of`` count, and one done after
    ``as_of`` counts as open then. Meeting reports, return visits and the
    recurring duties leave no trace in the log, so they are never listed here.

    Raises:
        InvalidInputError: ``engagement`` is not an Engagement.
        NaiveDatetimeError: ``as_of`` has no time zone.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.engagement.lifecycle import Engagement
    >>> pending(Engagement("E-1", "Huaxia"), datetime(2025, 10, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    ()
    """
    if not isinstance(engagement, Engagement):
        raise InvalidInputError(f"engagement must be an Engagement (got {engagement!r}).")
    now = require_aware(as_of, "as_of")
    out: list[Obligation] = []
    for duty in engagement.duties:
        if duty.rule_id not in TRACKED_RULES or duty.because.at > now:
            continue
        ob = _duty_obligation(engagement, duty)
        if ob is not None and (ob.done_at is None or ob.done_at > now):
            out.append(ob if ob.done_at is None else attrs.evolve(ob, done_at=None))
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
        raise InvalidInputError(f"meetings must be an iterable of ScheduledMeeting (got {meetings!r}).")
    if not isinstance(agency, bool):
        raise InvalidInputError(f"agency must be True or False (got {agency!r}).")
    found: list[Obligation] = []
    by_id = {e.id: e for e in engagements}
    for e in engagements:
        found.extend(_engagement(e, _window(e.calendar, start, end)))
    scheduled = tuple(meetings)
    for meeting in scheduled:
        if not isinstance(meeting, ScheduledMeeting):
            raise InvalidInputError(f"meetings holds ScheduledMeeting values (got {meeting!r}).")
    for meeting in dict.fromkeys(scheduled):  # a meeting listed twice is prepared once
        owner = by_id.get(meeting.engagement_id or "")
        found.extend(
            _prepare(meeting, owner.calendar, owner.rulebook) if owner else _prepare(meeting, cal, book)
        )
    if agency:
        for rule_id in _AGENCY_RULES:
            found.extend(_recurring(book, rule_id, cal, window, None, _always, {}))
    return tuple(sorted(_inside(found, window), key=_sort_key))
