"""Rush requests (加急, T8): accept, accept with a warning, may decline, or infeasible — with reasons.

A requested due date earlier than the standard commitment is a rush. The
agency cooperates with rush requests (H1) but never compresses a job below
the time needed to do it well (H3: the hard floor), and may decline when the
short cycle comes from the client's habitual poor planning (H1: too many rush
requests within a rolling window). The numbers are the rulebook's
:class:`~adservice.rulebook.RushPolicy`.

    >>> from datetime import date, datetime
    >>> from zoneinfo import ZoneInfo
    >>> received = datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> a = assess_rush("print_single", received, date(2025, 10, 13))
    >>> a.outcome, a.standard_days, a.requested_days, a.compression
    ('accept', 9, 7, 2)
    >>> assess_rush("print_single", received, date(2025, 10, 9)).outcome  # 4 working days; the floor is 5
    'infeasible'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

import attrs

from adservice._json import parse_instant
from adservice.calendar.workcalendar import WorkCalendar, require_aware, resolve_calendar
from adservice.deadlines._common import a_date, aware
from adservice.deadlines._common import add_months as _add_months
from adservice.deadlines._common import as_date as _as_date
from adservice.deadlines._common import units_text as _units
from adservice.deadlines.forward import plan
from adservice.errors import CalendarRangeError, InvalidInputError, SchemaError, brief
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["OUTCOMES", "Outcome", "RushAssessment", "assess_rush"]

Outcome = Literal["accept", "accept_with_warning", "may_decline", "infeasible"]
#: Every outcome of an assessment, from the friendliest to the firmest.
OUTCOMES: tuple[str, ...] = ("accept", "accept_with_warning", "may_decline", "infeasible")


@attrs.frozen
class RushAssessment:
    """The agency's assessment of a rush request (T8), as a value the lifecycle records.

    Working days are counted after day 0 up to and including the due day, so
    ``standard_days`` is the item's commitment.

    Attributes:
        item: the turnaround item's key.
        received_at: when the written work order arrived.
        requested_due_date: the day the client asks for.
        as_of: when the request was assessed (the end of the rolling window).
        outcome: one of :data:`OUTCOMES`.
        reasons: why, each naming its rule (T8) and handbook (H1, H3).
        day0: the work order's day 0.
        standard_due_date: the standard due date.
        standard_days: working days from day 0 to the standard due.
        requested_days: working days from day 0 to the requested due (negative if before day 0).
        compression: ``standard_days - requested_days``; zero or less is not a rush.
        compression_fraction: ``compression / standard_days``.
        floor_days: the hard floor in working days; fewer is infeasible.
        rush: whether the request is earlier than standard at all.
        habitual: whether the client's rush requests in the window reach ``habitual_count``.
        rush_count_in_window: the client's rush requests within the window, this one included.
        window_days, habitual_count, warn_fraction: the rush policy applied.
        provisional: whether a date rests on a year not yet officially announced.

    >>> from zoneinfo import ZoneInfo
    >>> received = datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> a = assess_rush("print_single", received, date(2025, 10, 13))
    >>> a.outcome, a.standard_due_date, a.compression, a.rush
    ('accept', datetime.date(2025, 10, 15), 2, True)
    """

    item: str
    received_at: datetime = attrs.field(validator=aware)
    requested_due_date: date = attrs.field(validator=a_date)
    as_of: datetime = attrs.field(validator=aware)
    outcome: Outcome
    reasons: tuple[str, ...]
    day0: date = attrs.field(validator=a_date)
    standard_due_date: date = attrs.field(validator=a_date)
    standard_days: int
    requested_days: int
    compression: int
    compression_fraction: float
    floor_days: int
    rush: bool
    habitual: bool
    rush_count_in_window: int
    window_days: int
    habitual_count: int
    warn_fraction: float
    provisional: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (dates and instants as ISO 8601 text).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> a = assess_rush("media_schedule", datetime(2025, 9, 29, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
        ...                 date(2025, 9, 30))
        >>> RushAssessment.from_dict(a.to_dict()) == a
        True
        """
        return {
            "item": self.item,
            "received_at": self.received_at.isoformat(),
            "requested_due_date": self.requested_due_date.isoformat(),
            "as_of": self.as_of.isoformat(),
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "day0": self.day0.isoformat(),
            "standard_due_date": self.standard_due_date.isoformat(),
            "standard_days": self.standard_days,
            "requested_days": self.requested_days,
            "compression": self.compression,
            "compression_fraction": self.compression_fraction,
            "floor_days": self.floor_days,
            "rush": self.rush,
            "habitual": self.habitual,
            "rush_count_in_window": self.rush_count_in_window,
            "window_days": self.window_days,
            "habitual_count": self.habitual_count,
            "warn_fraction": self.warn_fraction,
            "provisional": self.provisional,
        }

    @classmethod
    def from_dict(cls, data: object) -> RushAssessment:
        """Load an assessment strictly: exactly the keys of :meth:`to_dict`, each of its type.

        Raises:
            SchemaError: missing or unknown keys, wrong types, an unknown outcome.
        """
        fields = {f.name: f for f in attrs.fields(cls)}
        if not isinstance(data, Mapping) or set(data) != set(fields):
            got = sorted(data) if isinstance(data, Mapping) else type(data).__name__
            raise SchemaError(f"a rush assessment needs exactly the keys {sorted(fields)} (got {got}).")
        values: dict[str, Any] = {}
        for name, value in data.items():
            values[name] = _load(name, value)
        if values["outcome"] not in OUTCOMES:
            raise SchemaError(
                f"a rush assessment's outcome must be one of {OUTCOMES} (got {brief(values['outcome'])})."
            )
        return cls(**values)


_INSTANTS = {"received_at", "as_of"}
_DATES = {"requested_due_date", "day0", "standard_due_date"}
_INTS = {"standard_days", "requested_days", "compression", "floor_days", "rush_count_in_window"}
_INTS |= {"window_days", "habitual_count"}
_BOOLS = {"rush", "habitual", "provisional"}
_FLOATS = {"compression_fraction", "warn_fraction"}


def _load(name: str, value: object) -> Any:
    if name in _INSTANTS:
        return parse_instant(value, name)
    if name in _DATES:
        if not isinstance(value, str):
            raise SchemaError(f"{name} must be an ISO date string (got {brief(value)}).")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise SchemaError(f"{name} {brief(value)} is not an ISO date.") from None
    if name in _INTS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(f"{name} must be an int (got {brief(value)}).")
        return value
    if name in _BOOLS:
        if not isinstance(value, bool):
            raise SchemaError(f"{name} must be a bool (got {brief(value)}).")
        return value
    if name in _FLOATS:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SchemaError(f"{name} must be a number (got {brief(value)}).")
        return float(value)
    if name == "reasons":
        if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
            raise SchemaError(f"reasons must be a list of strings (got {brief(value)}).")
        return tuple(value)
    if not isinstance(value, str):
        raise SchemaError(f"{name} must be a string (got {brief(value)}).")
    return value


def _after(cal: WorkCalendar, day0: date, day: date) -> int:
    """Working days in ``(day0, day]``; before ``day0``, minus those in ``(day, day0]``."""
    if day < day0:
        return cal.working_days_between(day0, day)
    try:
        a, b = day0 + timedelta(days=1), day + timedelta(days=1)
    except OverflowError:
        first, last = cal.horizon
        raise CalendarRangeError(
            f"{day} is outside the calendar's horizon {first}-01-01..{last}-12-31."
        ) from None
    return cal.working_days_between(a, b)


def _history(history: object, as_of: datetime, window_days: int) -> int:
    """The client's earlier rush requests within ``(as_of - window, as_of]``."""
    if isinstance(history, (str, bytes)) or not isinstance(history, Iterable):
        raise InvalidInputError(f"history must be a sequence of aware datetimes (got {brief(history)}).")
    try:
        start = as_of - timedelta(days=window_days)
    except OverflowError:  # as_of within the window of datetime.min: the window starts at the beginning
        start = datetime.min.replace(tzinfo=timezone.utc)
    count = 0
    for at in history:
        instant = require_aware(at, "a history entry")
        if start < instant <= as_of:
            count += 1
    return count


def assess_rush(
    item: str,
    received_at: datetime,
    requested_due_date: date,
    *,
    history: Iterable[datetime] = (),
    calendar: WorkCalendar | None = None,
    rulebook: Rulebook | None = None,
    as_of: datetime | None = None,
    days: int | None = None,
) -> RushAssessment:
    """Assess a request to deliver ``item`` by ``requested_due_date`` (T8; SPEC §5).

    Outcomes, firmest first: ``"infeasible"`` when the requested working days
    fall below the item's hard floor (H3, :meth:`Rulebook.floor`);
    ``"may_decline"`` when the client's rush requests within the policy's
    window, this one included, reach its habitual count (H1);
    ``"accept_with_warning"`` when the compression exceeds the policy's warn
    fraction of the standard; else ``"accept"``. A requested due on or after the
    standard due is not a rush and is accepted.

    Args:
        item: a turnaround key of the rulebook.
        received_at: when the written work order arrived (aware); day 0 follows from it.
        requested_due_date: the day the client asks for.
        history: when the client made its earlier rush requests (aware); those after ``as_of``
            are not history yet and are left out.
        calendar: the agency's calendar (default CN).
        rulebook: durations, floors and the rush policy (default :meth:`Rulebook.standard`).
        as_of: when the request is assessed: the end of the rolling window (default ``received_at``).
        days: the standard commitment inside the item's range (default: its upper bound).

    Returns:
        The assessment, with its reasons and the compression in working days.

    Raises:
        NaiveDatetimeError: ``received_at``, ``as_of`` or a history entry has no time zone.
        UnknownItemError: ``item`` is not known, listing the valid keys.
        DurationOutOfRangeError: ``days`` outside the item's range.
        CalendarRangeError, ProvisionalCalendarError: as the calendar's arithmetic.
        InvalidInputError: arguments of the wrong type.

    >>> from datetime import timezone, timedelta
    >>> received = datetime(2025, 9, 26, 10, tzinfo=timezone(timedelta(hours=8)))
    >>> rush = assess_rush("print_single", received, date(2025, 10, 10))
    >>> rush.outcome, rush.standard_days, rush.requested_days, rush.compression
    ('accept_with_warning', 9, 5, 4)
    >>> assess_rush("print_single", received, date(2025, 9, 30)).outcome  # below the hard floor (H3)
    'infeasible'
    """
    cal = resolve_calendar(calendar)
    book = resolve_rulebook(rulebook)
    wanted = _as_date(requested_due_date, "requested_due_date")
    standard = plan(item, received_at, calendar=cal, rulebook=book, days=days)
    when = require_aware(as_of if as_of is not None else received_at, "as_of")
    policy = book.rush
    day0 = standard.day0
    standard_days = _after(cal, day0, standard.due_date)
    requested_days = _after(cal, day0, wanted)
    compression = standard_days - requested_days
    fraction = compression / standard_days if standard_days else 0.0
    floor = book.floor(standard.item)
    floor_days = (
        floor if standard.unit == "working_days" else _after(cal, day0, _add_months(cal, day0, floor))
    )
    rush = compression > 0
    count = _history(history, when, policy.window_days) + (1 if rush else 0)
    habitual = count >= policy.habitual_count
    name = standard.item
    wd = "working_days"
    reasons: list[str] = []
    if not rush:
        reasons.append(
            f"T8: the requested due {wanted} is not earlier than the standard due {standard.due_date} "
            f"({standard_days} working days, rule {standard.rule_id}, H1); this is not a rush."
        )
        outcome: Outcome = "accept"
    else:
        reasons.append(
            f"T8: the request compresses {name} from the standard {_units(standard_days, wd)} "
            f"(due {standard.due_date}) to {_units(requested_days, wd)} (due {wanted}): "
            f"by {_units(compression, wd)}, {fraction:.0%}."
        )
        outcome = "accept"
        if requested_days < floor_days:
            reasons.append(
                f"H3: {_units(requested_days, wd)} is below the hard floor of {floor_days} for {name}; "
                "the agency never compresses a job below the time needed to do it well."
            )
            outcome = "infeasible"
        if habitual:
            reasons.append(
                f"H1: {count} rush requests from this client within {policy.window_days} days "
                f"(habitual from {policy.habitual_count}); the agency may decline a short cycle that "
                "comes from habitual poor planning."
            )
            outcome = "infeasible" if outcome == "infeasible" else "may_decline"
        if fraction > policy.warn_fraction:
            reasons.append(
                f"H1: compressing by {fraction:.0%} is more than {policy.warn_fraction:.0%} of the "
                "standard; accept only with a warning about quality and cost."
            )
            if outcome == "accept":
                outcome = "accept_with_warning"
        if outcome == "accept":
            reasons.append("H1: the agency cooperates with the client's rush request.")
    return RushAssessment(
        item=standard.item,
        received_at=standard.received_at,
        requested_due_date=wanted,
        as_of=when,
        outcome=outcome,
        reasons=tuple(reasons),
        day0=day0,
        standard_due_date=standard.due_date,
        standard_days=standard_days,
        requested_days=requested_days,
        compression=compression,
        compression_fraction=fraction,
        floor_days=floor_days,
        rush=rush,
        habitual=habitual,
        rush_count_in_window=count,
        window_days=policy.window_days,
        habitual_count=policy.habitual_count,
        warn_fraction=policy.warn_fraction,
        provisional=standard.provisional or cal.is_provisional(wanted),
    )
