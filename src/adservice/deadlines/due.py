"""``Due``: the one value type for something due under a rule (issue 9 §5).

A duty of an engagement (O2, O3, O5, O7, O12), a deadline of a client issue
(I1, I4, I5) and an entry of an iCalendar export or a DataFrame are all a
:class:`Due`: which rule, what, when, why, and when it was done.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

import attrs

from adservice.calendar.workcalendar import exact_instant, require_aware, unambiguous
from adservice.errors import InvalidInputError, brief

__all__ = ["Due", "DueStatus"]

DueStatus = Literal["open", "overdue", "met", "late"]
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(f"Due.{attribute.name} must be a str (got {brief(value)}).")


def _aware(_: object, attribute: attrs.Attribute[datetime], value: object) -> None:
    require_aware(value, f"Due.{attribute.name}")


def _maybe_aware(_: object, attribute: attrs.Attribute[datetime | None], value: object) -> None:
    if value is not None:
        require_aware(value, f"Due.{attribute.name}")


def _flag(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidInputError(f"Due.{attribute.name} must be True or False (got {brief(value)}).")


def _instant(at: datetime | None) -> timedelta | None:
    """The instant ``at`` names, exactly (:func:`~adservice.calendar.workcalendar.exact_instant`)."""
    return None if at is None else exact_instant(at)


def _when(at: datetime) -> str:
    """``Tue 2025-09-30 17:00`` in the instant's own zone."""
    return f"{_WEEKDAY[at.weekday()]} {at:%Y-%m-%d %H:%M}"


@attrs.frozen
class Due:
    """Something due under a rule: a duty, a client issue's deadline, a fee list.

    Attributes:
        rule_id: the rule it comes from (``"O7"``, ``"I1"``...).
        what: what is due, in words (``"approved media and creative fee list"``).
        due: the instant it falls due (aware).
        earliest: the earliest instant it may be done, for a window (e.g. a report due in a slot).
        provisional: whether the date rests on a calendar year not yet officially announced.
        because: one line saying why it is due then.
        done_at: when the log shows it done, or ``None``.
        subject: whose it is: an engagement's or an issue's id (``""`` if nobody's in particular).

    Raises:
        InvalidInputError: a field of the wrong type.
        NaiveDatetimeError: ``due``, ``earliest`` or ``done_at`` without a time zone.

    >>> from datetime import timezone
    >>> d = Due("O7", "fee list", datetime(2025, 9, 30, 9, tzinfo=timezone.utc), subject="E-1")
    >>> utc = timezone.utc
    >>> d.status(datetime(2025, 9, 30, 10, tzinfo=utc)), d.is_late(datetime(2025, 9, 29, tzinfo=utc))
    ('overdue', False)
    >>> d.describe()
    'E-1: O7 fee list due Tue 2025-09-30 09:00'
    """

    rule_id: str = attrs.field(validator=_text)
    what: str = attrs.field(validator=_text)
    due: datetime = attrs.field(validator=_aware, eq=_instant)
    earliest: datetime | None = attrs.field(default=None, validator=_maybe_aware, eq=_instant, kw_only=True)
    provisional: bool = attrs.field(default=False, validator=_flag, kw_only=True)
    because: str = attrs.field(default="", validator=_text, kw_only=True)
    done_at: datetime | None = attrs.field(default=None, validator=_maybe_aware, eq=_instant, kw_only=True)
    subject: str = attrs.field(default="", validator=_text, kw_only=True)

    def status(self, as_of: datetime) -> DueStatus:
        """Its verdict at ``as_of``: ``"open"``, ``"overdue"`` (not done and past due), ``"met"``
        or ``"late"`` (done after it was due). Something done after ``as_of`` counts as not done yet.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone (or is not a datetime).
        """
        # Instants, fold-safe: the second pass through a repeated hour at its fixed offset (unambiguous).
        now, due = unambiguous(require_aware(as_of, "as_of")), unambiguous(self.due)
        done = None if self.done_at is None else unambiguous(self.done_at)
        if done is None or done > now:
            return "overdue" if now > due else "open"
        return "late" if done > due else "met"

    def is_late(self, as_of: datetime) -> bool:
        """Done late, or not done and past due, as of ``as_of`` (status ``"late"`` or ``"overdue"``).

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
        """
        return self.status(as_of) in {"overdue", "late"}

    def lateness(self, as_of: datetime) -> timedelta:
        """Elapsed time past due at ``as_of`` (or at completion if done by then); zero if on time.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
        """
        now = exact_instant(as_of)  # elapsed: instants subtract as instants, also across a DST change
        done = None if self.done_at is None else exact_instant(self.done_at)
        end = done if done is not None and done <= now else now
        return max(end - exact_instant(self.due), timedelta(0))

    def describe(self) -> str:
        """One line: whose, which rule, what, when (in the due instant's own zone), done when (and
        ``(late)`` if after it was due)."""
        words = f"{self.rule_id} {self.what} due {_when(self.due)}"
        if self.subject:
            words = f"{self.subject}: {words}"
        if self.done_at is not None:
            words += f", done {_when(self.done_at.astimezone(self.due.tzinfo))}"
            if unambiguous(self.done_at) > unambiguous(self.due):
                words += " (late)"
        if self.provisional:
            words += " (provisional)"
        return words

    def __str__(self) -> str:
        return self.describe()
