"""Recomputing clocks under another calendar: which deadlines move, which verdicts flip."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.deadlines._common import aware
from adservice.deadlines.clocks import Clock
from adservice.deadlines.clockstatus import Verdict
from adservice.deadlines.forward import Plan
from adservice.errors import InvalidInputError, brief

__all__ = ["CalendarDiff", "DeadlineChange", "recompute"]

# -- recomputing under another calendar -------------------------------------------------


@attrs.frozen
class DeadlineChange:
    """One deadline before and after a calendar change.

    Attributes:
        source: the position of its clock or plan in what was recomputed.
        key: the clock's key, or ``"item/step"`` for a plan's step.
        old_due, new_due: the deadline before and after.
        moved_days: calendar days it moved (later is positive).
        moved_working_days: working days it moved, counted on the old calendar.
        old_verdict, new_verdict: ``"met"``, ``"breached"`` or ``"open"`` at the diff's ``as_of``.

    >>> from datetime import date
    >>> from zoneinfo import ZoneInfo
    >>> from adservice import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=sh))
    >>> retreat = p.calendar.replace(closures={date(2025, 10, 13): "retreat"})
    >>> change = recompute([p], calendar=retreat, as_of=datetime(2025, 10, 14, 18, tzinfo=sh)).moved[0]
    >>> change.key, change.old_due.date(), change.new_due.date(), change.moved_working_days
    ('print_single/final_art', datetime.date(2025, 10, 13), datetime.date(2025, 10, 14), 1)
    """

    source: int
    key: str
    old_due: datetime = attrs.field(validator=aware)
    new_due: datetime = attrs.field(validator=aware)
    moved_days: int
    moved_working_days: int
    old_verdict: Verdict
    new_verdict: Verdict

    @property
    def moved(self) -> bool:
        """Whether the deadline instant changed."""
        return self.old_due != self.new_due

    @property
    def flipped(self) -> bool:
        """Whether the verdict changed (e.g. met → breached)."""
        return self.old_verdict != self.new_verdict

    def describe(self) -> str:
        """One line: what moved, by how much, and which verdict flipped."""
        text = f"{self.key}: {self.old_due:%Y-%m-%d %H:%M} → {self.new_due:%Y-%m-%d %H:%M}"
        if self.moved:
            text += f" ({self.moved_working_days:+d} working days, {self.moved_days:+d} days)"
        else:
            text += " (unchanged)"
        if self.flipped:
            text += f"; {self.old_verdict} → {self.new_verdict}"
        return text


@attrs.frozen
class CalendarDiff:
    """What a calendar change does to deadlines (see :func:`recompute`).

    Attributes:
        as_of: the instant verdicts are judged at.
        changes: every deadline before and after, in input order.
        recomputed: the clocks and plans counted on the new calendar (the inputs are left as they were).

    >>> from datetime import date
    >>> from zoneinfo import ZoneInfo
    >>> from adservice import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=sh))
    >>> retreat = p.calendar.replace(closures={date(2025, 10, 13): "retreat"})
    >>> diff = recompute([p], calendar=retreat, as_of=datetime(2025, 10, 14, 18, tzinfo=sh))
    >>> len(diff.changes), [c.key for c in diff.moved][:2]
    (5, ['print_single/final_art', 'print_single/colour_proof'])
    """

    as_of: datetime = attrs.field(validator=aware)
    changes: tuple[DeadlineChange, ...]
    recomputed: tuple[Clock | Plan, ...]

    @property
    def moved(self) -> tuple[DeadlineChange, ...]:
        """The deadlines that moved."""
        return tuple(c for c in self.changes if c.moved)

    @property
    def flipped(self) -> tuple[DeadlineChange, ...]:
        """The deadlines whose verdict flipped."""
        return tuple(c for c in self.changes if c.flipped)

    def __str__(self) -> str:
        return "\n".join(c.describe() for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {
            "as_of": self.as_of.isoformat(),
            "changes": [
                {
                    "source": c.source,
                    "key": c.key,
                    "old_due": c.old_due.isoformat(),
                    "new_due": c.new_due.isoformat(),
                    "moved_days": c.moved_days,
                    "moved_working_days": c.moved_working_days,
                    "old_verdict": c.old_verdict,
                    "new_verdict": c.new_verdict,
                }
                for c in self.changes
            ],
        }


def _change(
    source: int, key: str, old: tuple[datetime, Verdict], new: tuple[datetime, Verdict], cal: WorkCalendar
) -> DeadlineChange:
    (old_due, old_verdict), (new_due, new_verdict) = old, new
    a, b = old_due.astimezone(cal.tz).date(), new_due.astimezone(cal.tz).date()
    return DeadlineChange(
        source, key, old_due, new_due, (b - a).days, cal.working_days_between(a, b), old_verdict, new_verdict
    )


def recompute(
    items: Iterable[Clock | Plan] | Clock | Plan, *, calendar: WorkCalendar, as_of: datetime
) -> CalendarDiff:
    """Recount clocks and plans on a changed calendar (a new closure, a new official notice) and diff.

    Nothing is modified: the new clocks and plans come back in :attr:`CalendarDiff.recomputed`.

    Args:
        items: clocks and plans (or one of either).
        calendar: the new calendar.
        as_of: the instant verdicts are judged at (a plan's step is breached once its deadline has passed).

    Returns:
        Every deadline before and after, by how much it moved and whether its verdict flipped.

    Raises:
        InvalidInputError: something that is neither a clock nor a plan; ``calendar`` not a calendar.
        NaiveDatetimeError: ``as_of`` has no time zone.
        ChronologyError: ``as_of`` before a clock started.

    >>> from datetime import date
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=sh))
    >>> retreat = p.calendar.replace(closures={date(2025, 10, 13): "agency retreat"})
    >>> diff = recompute([p], calendar=retreat, as_of=datetime(2025, 10, 14, 18, tzinfo=sh))
    >>> print(diff.moved[0].describe())
    print_single/final_art: 2025-10-13 17:00 → 2025-10-14 17:00 (+1 working days, +1 days)
    """
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
    moment = require_aware(as_of, "as_of")
    if isinstance(items, (Clock, Plan)):
        items = [items]
    try:
        inputs = list(items)
    except TypeError:
        raise InvalidInputError(f"items must be clocks and plans (got {brief(items)}).") from None
    changes: list[DeadlineChange] = []
    recomputed: list[Clock | Plan] = []
    for source, item in enumerate(inputs):
        if isinstance(item, Clock):
            fresh = item.with_calendar(calendar=calendar)
            old, new = item.status(moment), fresh.status(moment)
            changes.append(
                _change(source, item.key, (old.due, old.verdict), (new.due, new.verdict), item.calendar)
            )
        elif isinstance(item, Plan):
            fresh_plan = item.replan(calendar=calendar)
            for before, after in zip(item.steps, fresh_plan.steps, strict=True):
                changes.append(
                    _change(
                        source,
                        f"{item.item}/{before.key}",
                        (before.deadline, "breached" if moment > before.deadline else "open"),
                        (after.deadline, "breached" if moment > after.deadline else "open"),
                        item.calendar,
                    )
                )
            fresh = fresh_plan  # type: ignore[assignment]
        else:
            raise InvalidInputError(f"recompute takes clocks and plans (got {brief(item)}).")
        recomputed.append(fresh)
    return CalendarDiff(moment, tuple(changes), tuple(recomputed))
