"""The one exception hierarchy of adservice.

Every refusal the library makes is an instance of :class:`AdServiceError`.
Each subclass also inherits the standard-library error it really is, so code
that already catches ``ValueError`` or ``TypeError`` keeps working::

    >>> from adservice.errors import AdServiceError, CalendarRangeError
    >>> issubclass(CalendarRangeError, ValueError)
    True
    >>> issubclass(CalendarRangeError, AdServiceError)
    True

Messages name the offending value, the rule that refused it, and what is
allowed instead.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence

__all__ = [
    "AdServiceError",
    "CalendarRangeError",
    "ChronologyError",
    "DuplicateNumberError",
    "DurationOutOfRangeError",
    "GateNotMet",
    "InvalidCalendarError",
    "InvalidChoiceError",
    "InvalidInputError",
    "MalformedNumberError",
    "MissingExtraError",
    "MissingRequirement",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "NoticeError",
    "ProvisionalCalendarError",
    "RulebookError",
    "SchemaError",
    "SequenceExhaustedError",
    "SignOffError",
    "TableError",
    "TransitionNotAllowed",
    "UnknownItemError",
    "UnknownLocaleError",
    "UnknownRegionError",
    "UnknownRuleError",
    "brief",
]


class _Brief(reprlib.Repr):
    """``repr`` bounded in depth and length, so a message can show any value a caller passed."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = 160
        self.maxother = 160
        self.maxlong = 60
        for name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
            setattr(self, name, 8)


_BRIEF = _Brief()


def brief(value: object) -> str:
    """A short ``repr`` of any value for an error message; never raises.

    Deeply nested or huge values are cut (``[[[...]]]``, ``'aaa...aaa'``); a value whose ``repr``
    fails (e.g. an int too large to print, or a broken ``__repr__``) shows as ``<TypeName>``.

    >>> brief("print_single")
    "'print_single'"
    >>> value = [1]
    >>> for _ in range(10_000):
    ...     value = [value]
    >>> brief(value)
    '[[[[...]]]]'
    >>> brief(10**5000)
    '<int>'
    """
    try:
        return _BRIEF.repr(value)
    except Exception:  # RecursionError, ValueError (huge int), a __repr__ that raises...
        return f"<{type(value).__name__}>"


class AdServiceError(Exception):
    """Root of every error raised by adservice."""


class InvalidInputError(AdServiceError, TypeError):
    """An argument has the wrong type (e.g. a string where a date is needed)."""


class NaiveDatetimeError(AdServiceError, TypeError):
    """A datetime without a time zone was given where an aware one is required."""


class InvalidChoiceError(AdServiceError, ValueError):
    """A policy argument is not one of its closed set of allowed strings."""

    def __init__(self, what: str, value: object, allowed: Iterable[str]) -> None:
        self.what = what
        self.value = value
        self.allowed = tuple(allowed)
        msg = f"{what} must be one of {', '.join(map(repr, self.allowed))} (got {brief(value)})."
        super().__init__(msg)


class CalendarRangeError(AdServiceError, ValueError):
    """A date, or the result of an arithmetic step, lies outside the calendar's horizon."""


class ProvisionalCalendarError(AdServiceError, ValueError):
    """A strict calendar was asked about a day past its last confirmed year."""


class NotAWorkingDayError(AdServiceError, ValueError):
    """``roll="raise"`` was given a day that is not a working day."""


class UnknownRegionError(AdServiceError, ValueError):
    """The region or subdivision code is not known to the ``holidays`` package."""


class InvalidCalendarError(AdServiceError, ValueError):
    """The calendar's own settings contradict each other (e.g. closed and open the same day)."""


class NoticeError(AdServiceError, ValueError):
    """An official holiday notice's text cannot be read; the message names the line and what was expected."""


class UnknownItemError(AdServiceError, LookupError):
    """A turnaround item, rule id or other key is not in the rulebook."""


class UnknownLocaleError(AdServiceError, ValueError):
    """A language adservice does not render in (``en``, ``zh_CN``, ``zh_TW``; ``zh_HK`` reads ``zh_TW``).

    ``value`` is what was asked for and ``allowed`` the locales that may be asked for.
    """

    def __init__(self, value: object, allowed: Iterable[str]) -> None:
        self.value = value
        self.allowed = tuple(allowed)
        msg = f"locale {brief(value)} is not one adservice renders in; use one of {', '.join(self.allowed)}."
        super().__init__(msg)


class DurationOutOfRangeError(AdServiceError, ValueError):
    """A chosen duration lies outside the item's allowed range or below its hard floor."""


class RulebookError(AdServiceError, ValueError):
    """A rulebook is invalid: duplicate ids, broken chains, impossible numbers.

    Attributes (``None`` when the refusal is not about one rule's parameter):
        rule_id: the rule (``"O7"``); parameter: its parameter (``"days"``);
        value: the value refused; allowed: what is allowed, in words (``"an int 0..60"``).

    >>> error = RulebookError("...", rule_id="O7", parameter="days", value=-3, allowed="an int 0..60")
    >>> error.rule_id, error.parameter, error.value, error.allowed
    ('O7', 'days', -3, 'an int 0..60')
    """

    def __init__(
        self,
        message: str,
        *,
        rule_id: str | None = None,
        parameter: str | None = None,
        value: object = None,
        allowed: object = None,
    ) -> None:
        super().__init__(message)
        self.rule_id = rule_id
        self.parameter = parameter
        self.value = value
        self.allowed = allowed


class UnknownRuleError(UnknownItemError, RulebookError):
    """A rule id that is not in the rulebook: an unknown key (``UnknownItemError``) and a refused
    rulebook request (``RulebookError``) at once, whichever a caller catches.

    ``rule_id`` is the id asked for, ``allowed`` the ids the rulebook has.

    >>> error = UnknownRuleError("unknown rule id 'G11'", rule_id="G11", allowed=("G1", "G10"))
    >>> isinstance(error, UnknownItemError), isinstance(error, RulebookError), error.rule_id
    (True, True, 'G11')
    """


class TransitionNotAllowed(AdServiceError, ValueError):
    """A trigger is not allowed in the engagement's (or issue's) current stage.

    >>> from datetime import datetime, timezone
    >>> from adservice import Engagement
    >>> at = datetime(2025, 10, 9, 2, tzinfo=timezone.utc)
    >>> try:
    ...     Engagement("E-1", "Huaxia").win(at, "agency:Li")
    ... except TransitionNotAllowed as error:
    ...     print(error.stage, error.trigger, error.allowed)
    intent win ('start_pitch', 'cancel', 'hold')
    """

    def __init__(self, stage: str, trigger: str, allowed: Sequence[str]) -> None:
        self.stage = stage
        self.trigger = trigger
        self.allowed = tuple(allowed)
        listed = ", ".join(self.allowed) or "none (final stage)"
        msg = f"trigger {brief(trigger)} is not allowed in stage {brief(stage)}; allowed triggers: {listed}."
        super().__init__(msg)


class MissingRequirement(tuple[str, str]):
    """One unmet requirement of a gate: ``(rule_id, description)``."""

    __slots__ = ()

    def __new__(cls, rule_id: str, description: str) -> MissingRequirement:
        return super().__new__(cls, (rule_id, description))

    @property
    def rule_id(self) -> str:
        """The id of the rule that demands it (e.g. ``"G4"``)."""
        return self[0]

    @property
    def description(self) -> str:
        """What is missing, in words."""
        return self[1]


class GateNotMet(AdServiceError, ValueError):
    """A transition was refused because its sign-off gate is not met.

    >>> from datetime import datetime, timezone
    >>> from adservice import Engagement
    >>> at = datetime(2025, 10, 9, 2, tzinfo=timezone.utc)
    >>> try:
    ...     Engagement("E-1", "Huaxia").start_pitch(at, "agency:Li")
    ... except GateNotMet as error:
    ...     print(error.stage, error.trigger, error.missing[0].rule_id)
    intent start_pitch L1
    """

    def __init__(self, stage: str, trigger: str, missing: Sequence[tuple[str, str]]) -> None:
        self.stage = stage
        self.trigger = trigger
        self.missing = tuple(MissingRequirement(r, d) for r, d in missing)
        lines = "; ".join(f"{r}: {d}" for r, d in self.missing)
        msg = f"cannot {brief(trigger)} from stage {brief(stage)}: {lines}."
        super().__init__(msg)


class ChronologyError(AdServiceError, ValueError):
    """An event is dated before the event that precedes it in the log."""


class TableError(AdServiceError, RuntimeError):
    """A machine table is broken (unreachable stage, unknown key...): a defect in the module building it."""


class SignOffError(AdServiceError, ValueError):
    """A sign-off was given by the wrong party (e.g. an agency member signing for the client)."""


class SchemaError(AdServiceError, ValueError):
    """Serialised data is malformed, tampered with, truncated or of an unknown schema version.

    ``index`` is the position of the refused event in a log (None: not about one event) and
    ``rule_id`` the rule it breaks (None: a format fault).
    """

    def __init__(self, message: str, *, index: int | None = None, rule_id: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.rule_id = rule_id


class MalformedNumberError(AdServiceError, ValueError):
    """A client code or job number does not match its format; ``position`` points at the fault."""

    def __init__(self, text: str, position: int, expected: str) -> None:
        self.text = text
        self.position = position
        self.expected = expected
        pointer = " " * position + "^"
        msg = (
            f"malformed number {brief(text)} at position {position}: "
            f"expected {expected}.\n  {text}\n  {pointer}"
        )
        super().__init__(msg)


class DuplicateNumberError(AdServiceError, ValueError):
    """A job number or client code would be issued twice."""


class SequenceExhaustedError(DuplicateNumberError):
    """Every number of a sequence is used; the next one would have to wrap onto an issued number."""


class MissingExtraError(AdServiceError, ImportError):
    """A function needs an optional dependency that is not installed (install the named extra)."""
