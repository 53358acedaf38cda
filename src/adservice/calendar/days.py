"""A calendar's answers as values: the kind of a day, and why a computed date is what it is.

>>> from datetime import date
>>> DayInfo(date(2025, 10, 1), DayKind.PUBLIC_HOLIDAY, "National Day").describe()
'Wed 2025-10-01 public holiday (National Day)'
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

import attrs

from adservice.calendar._index import WORKING_KINDS, DayKind

__all__ = ["ROLLS", "WEEKDAY_NAMES", "DayInfo", "DayKind", "Explanation", "ExplanationStep", "Roll"]

Roll: TypeAlias = Literal[
    "raise", "forward", "following", "backward", "preceding", "modifiedfollowing", "modifiedpreceding"
]
#: The roll policies of :func:`numpy.busday_offset`, in numpy's spelling.
ROLLS: tuple[str, ...] = (
    "raise",
    "forward",
    "following",
    "backward",
    "preceding",
    "modifiedfollowing",
    "modifiedpreceding",
)
#: Short weekday names, Monday first.
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@attrs.frozen
class DayInfo:
    """One day of a calendar: its kind, the holiday's name, whether it is provisional, what decided it.

    ``source`` names the official notice that decided the day (its document number, else
    its title) when one was applied to the calendar; ``None`` when the data source did.

    >>> from adservice import WorkCalendar
    >>> info = WorkCalendar("CN").day_kind(date(2025, 9, 28))
    >>> info.kind.value, info.name, info.provisional, info.is_working
    ('make-up working day', 'for National Day', False, True)
    """

    day: date
    kind: DayKind
    name: str | None = None
    provisional: bool = False
    source: str | None = None

    @property
    def is_working(self) -> bool:
        """Whether work is done (and turnaround counted) on this day."""
        return self.kind in WORKING_KINDS

    def describe(self) -> str:
        """One line: ``'Sun 2025-09-28 make-up working day (for National Day)'``."""
        text = f"{WEEKDAY_NAMES[self.day.weekday()]} {self.day.isoformat()} {self.kind.value}"
        if self.name:
            text += f" ({self.name})"
        if self.provisional:
            text += " [provisional]"
        return text


@attrs.frozen
class ExplanationStep:
    """One step of an explanation: ``label`` is ``"day 0"``, ``"+1"``, ``"-3"`` or ``"roll"``.

    >>> from adservice import WorkCalendar
    >>> step = WorkCalendar("CN").explain(date(2025, 9, 30), 2).steps[1]
    >>> step.label, step.day, step.kind.value, step.note
    ('+1', datetime.date(2025, 10, 9), 'working day', 'after National Day, Mid-Autumn Festival 10-01–10-08')
    """

    label: str
    day: date
    kind: DayKind
    note: str | None = None


@attrs.frozen
class Explanation:
    """Why a computed date is what it is, as data (:attr:`steps`) and as one line (``str``).

    >>> from adservice import WorkCalendar
    >>> why = WorkCalendar("CN").explain(date(2025, 9, 30), 2)
    >>> why.start, why.n, why.result, len(why.steps)
    (datetime.date(2025, 9, 30), 2, datetime.date(2025, 10, 10), 3)
    """

    start: date
    n: int
    roll: str
    result: date
    provisional: bool
    steps: tuple[ExplanationStep, ...]

    @property
    def line(self) -> str:
        """The steps as one readable line."""
        parts: list[str] = []
        year = None
        for step in self.steps:
            stamp = step.day.isoformat() if step.day.year != year else step.day.strftime("%m-%d")
            year = step.day.year
            text = f"{step.label} {WEEKDAY_NAMES[step.day.weekday()]} {stamp}"
            if step.note:
                text += f" ({step.note})"
            parts.append(text)
        line = "; ".join(parts)
        return line + " [provisional]" if self.provisional else line

    def __str__(self) -> str:
        return self.line
