"""The values of obligations: :class:`Obligation` (a :class:`~adservice.deadlines.Due` with the
words that date it), :class:`DueWindow` and :class:`ScheduledMeeting`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs

from adservice.deadlines import Due
from adservice.deadlines._common import aware
from adservice.deadlines.duties import when_text
from adservice.errors import (
    InvalidInputError,
    brief,
)
from adservice.portfolio._checks import _about, _check_meeting_start, _optional_id, _travel

__all__ = ["DueWindow", "Obligation", "ScheduledMeeting", "obligation"]

_MAX_HOURS = 24 * 366


def _at_text(at: datetime) -> str:
    return when_text(at)


@attrs.frozen
class DueWindow:
    """A due *window*: the duty may be done at any time from ``earliest`` to ``latest``.

    Periodic duties given as a range ("every 3–6 months") are due in a window,
    not on one guessed day (an :class:`Obligation` keeps it as ``earliest`` and ``due``).

    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> DueWindow(datetime(2026, 6, 1, 9, tzinfo=sh), datetime(2026, 9, 1, 17, tzinfo=sh)).describe()
    'between Mon 2026-06-01 09:00 and Tue 2026-09-01 17:00'
    """

    earliest: datetime = attrs.field(validator=aware)
    latest: datetime = attrs.field(validator=aware)

    def describe(self) -> str:
        """``'between Mon 2026-06-01 09:00 and Tue 2026-09-01 17:00'``."""
        return f"between {_at_text(self.earliest)} and {_at_text(self.latest)}"

    def to_dict(self) -> dict[str, str]:
        """Plain JSON-compatible data."""
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}


def _why(_: object, attribute: object, value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(w, str) for w in value):
        raise InvalidInputError(f"Obligation.why must be a tuple of str (got {brief(value)}).")


@attrs.frozen
class Obligation(Due):
    """One dated duty: a :class:`~adservice.deadlines.Due` (rule, what, due, earliest for a window,
    provisional, because, done at, subject = the engagement's id) with the steps that date it.

    Attributes:
        hour_rule: whether the rule counts hours (O2, O3, O5, O10's agenda and reconfirmation):
            such a duty may fall outside working days; every other one is on a working day.
        why: the steps that date it, in words (``because`` is them joined by ``"; "``).

    >>> from adservice.portfolio.duties import fee_list_obligation
    >>> ob = fee_list_obligation(date(2025, 10, 12))
    >>> ob.rule_id, ob.what, ob.deadline.isoformat(), ob.hour_rule
    ('O7', 'approved media and creative fee list', '2025-09-30T17:00:00+08:00', False)
    """

    hour_rule: bool = attrs.field(default=False, kw_only=True)
    why: tuple[str, ...] = attrs.field(default=(), kw_only=True, validator=_why)

    @property
    def engagement_id(self) -> str | None:
        """The engagement it is owed for (its ``subject``); ``None`` for the agency's own routine."""
        return self.subject or None

    @property
    def deadline(self) -> datetime:
        """The instant by which it must be done (``due``; a window's latest instant)."""
        return self.due

    @property
    def opens(self) -> datetime:
        """The earliest instant it is due (``earliest`` for a window, else ``due``)."""
        return self.earliest if self.earliest is not None else self.due

    @property
    def day(self) -> date:
        """The day of the deadline, in the zone of the calendar that dated it."""
        return self.due.date()

    @property
    def is_window(self) -> bool:
        """Whether it is due in a window rather than at one instant."""
        return self.earliest is not None and self.earliest < self.due

    @property
    def window(self) -> DueWindow | None:
        """The window it is due in, if it is due in one."""
        return DueWindow(self.earliest, self.due) if self.earliest is not None and self.is_window else None

    def explain(self) -> str:
        """Why it is due when it is, in one line.

        >>> from adservice.portfolio.duties import fee_list_obligation
        >>> ob = fee_list_obligation(date(2025, 10, 12))
        >>> print(ob.explain())
        placement Sun 2025-10-12; 6 days before: Mon 2025-10-06 public holiday (Mid-Autumn Festival); \
rolled back to the last working day Tue 2025-09-30, close of business
        """
        line = "; ".join(self.why) if self.why else self.because
        return f"{line} [provisional]" if self.provisional else line

    def describe(self) -> str:
        """One line: rule, what, when (and for which engagement)."""
        window = self.window
        when = window.describe() if window is not None else f"due {_at_text(self.due)}"
        text = f"{self.rule_id} {self.what} {when}"
        if self.subject:
            text += f" [{self.subject}]"
        if self.done_at is not None:
            text += f" (done {_at_text(self.done_at)})"
        return text + (" [provisional]" if self.provisional else "")

    def __str__(self) -> str:
        return self.describe()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (the command line's ``--json``)."""
        window = self.window
        return {
            "rule_id": self.rule_id,
            "what": self.what,
            "engagement_id": self.engagement_id,
            "due": window.to_dict() if window is not None else self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "provisional": self.provisional,
            "hour_rule": self.hour_rule,
            "why": self.explain(),
            "done_at": self.done_at.isoformat() if self.done_at else None,
        }

    @classmethod
    def of(cls, source: Due, *, hour_rule: bool = False) -> Obligation:
        """The obligation for a :class:`~adservice.deadlines.Due` a duty function gave.

        Raises:
            InvalidInputError: ``source`` is not a Due.
        """
        if not isinstance(source, Due):
            raise InvalidInputError(
                f"source must be a Due (got {brief(source)} of type {type(source).__name__})."
            )
        why = tuple(source.because.split("; ")) if source.because else ()
        return cls(
            source.rule_id,
            source.what,
            source.due,
            earliest=source.earliest,
            provisional=source.provisional,
            because=source.because,
            done_at=source.done_at,
            subject=source.subject,
            hour_rule=hour_rule,
            why=why,
        )


def obligation(  # noqa: PLR0917 - the builder every obligation module shares
    rule_id: str,
    what: str,
    when: datetime | DueWindow,
    engagement_id: str | None = None,
    provisional: bool = False,
    hour_rule: bool = False,
    why: tuple[str, ...] = (),
    done_at: datetime | None = None,
) -> Obligation:
    """An :class:`Obligation` due at an instant or in a :class:`DueWindow` (the builder the
    obligation modules share; ``because`` is ``why`` joined by ``"; "``).

    Raises:
        InvalidInputError: ``why`` is not a tuple of text; NaiveDatetimeError: a naive ``when``.
    """
    if not isinstance(why, (tuple, list)) or not all(isinstance(w, str) for w in why):
        raise InvalidInputError(f"why must be a tuple of text lines (got {brief(why)}).")
    latest, earliest = (when.latest, when.earliest) if isinstance(when, DueWindow) else (when, None)
    return Obligation(
        rule_id,
        what,
        latest,
        earliest=earliest,
        provisional=provisional,
        because="; ".join(why),
        done_at=done_at,
        subject=engagement_id or "",
        hour_rule=hour_rule,
        why=tuple(why),
    )


@attrs.frozen
class ScheduledMeeting:
    """A client meeting on the calendar (O10 prepares it: notice, agenda, phone reconfirmation).

    Attributes:
        start: when the meeting starts (aware).
        travel: how long the trip to it takes (hours or a timedelta); 0 for a meeting at the agency.
        engagement_id: the engagement it is for, if any.
        about: what it is about.

    >>> from zoneinfo import ZoneInfo
    >>> m = ScheduledMeeting(datetime(2025, 10, 13, 10, tzinfo=ZoneInfo("Asia/Shanghai")), travel=1.5)
    >>> m.start.isoformat(), m.travel, m.about
    ('2025-10-13T10:00:00+08:00', datetime.timedelta(seconds=5400), 'client meeting')
    """

    start: datetime = attrs.field(validator=_check_meeting_start)
    travel: timedelta = attrs.field(default=timedelta(0), converter=_travel)
    engagement_id: str | None = attrs.field(default=None, converter=_optional_id)
    about: str = attrs.field(default="client meeting", converter=_about)
