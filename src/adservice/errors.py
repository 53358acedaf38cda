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
    """Root of every error raised by adservice.

    >>> from adservice import WorkCalendar
    >>> try:
    ...     WorkCalendar("XX")
    ... except AdServiceError as error:  # every refusal of the library
    ...     print(type(error).__name__, isinstance(error, ValueError))
    UnknownRegionError True
    """


class InvalidInputError(AdServiceError, TypeError):
    """An argument has the wrong type (e.g. a string where a date is needed).

    >>> from adservice import plan
    >>> plan("print_single", "2025-09-26")
    Traceback (most recent call last):
    ...
    adservice.errors.InvalidInputError: received_at must be an aware datetime.datetime (got '2025-09-26').
    """


class NaiveDatetimeError(AdServiceError, TypeError):
    """A datetime without a time zone was given where an aware one is required.

    >>> from datetime import datetime
    >>> from adservice import plan
    >>> plan("print_single", datetime(2025, 9, 26, 10))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.NaiveDatetimeError: received_at 2025-09-26T10:00:00 has no time zone; pass an aware ...
    """


class InvalidChoiceError(AdServiceError, ValueError):
    """A policy argument is not one of its closed set of allowed strings.

    >>> from datetime import date
    >>> from adservice import WorkCalendar
    >>> try:
    ...     WorkCalendar("CN").add_working_days(date(2025, 10, 1), 1, roll="sideways")
    ... except InvalidChoiceError as error:
    ...     print(error.what, error.value, error.allowed[:3])
    roll sideways ('raise', 'forward', 'following')
    """

    def __init__(self, what: str, value: object, allowed: Iterable[str]) -> None:
        self.what = what
        self.value = value
        self.allowed = tuple(allowed)
        msg = f"{what} must be one of {', '.join(map(repr, self.allowed))} (got {brief(value)})."
        super().__init__(msg)


class CalendarRangeError(AdServiceError, ValueError):
    """A date, or the result of an arithmetic step, lies outside the calendar's horizon.

    >>> from datetime import date
    >>> from adservice import WorkCalendar
    >>> WorkCalendar("CN").add_working_days(date(9999, 12, 30), 5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.CalendarRangeError: 9999-12-30 is outside the calendar's horizon 1990-01-01...
    """


class ProvisionalCalendarError(AdServiceError, ValueError):
    """A strict calendar was asked about a day past its last confirmed year.

    >>> from datetime import date
    >>> from adservice import WorkCalendar
    >>> WorkCalendar("CN", strict=True).is_working_day(date(2035, 1, 2))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.ProvisionalCalendarError: 2035-01-02 depends on CN days after ... is strict; ...
    """


class NotAWorkingDayError(AdServiceError, ValueError):
    """``roll="raise"`` was given a day that is not a working day.

    >>> from datetime import date
    >>> from adservice import WorkCalendar
    >>> WorkCalendar("CN").add_working_days(date(2025, 10, 1), 1, roll="raise")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.NotAWorkingDayError: Wed 2025-10-01 public holiday (National Day) is not a working ...
    """


class UnknownRegionError(AdServiceError, ValueError):
    """The region or subdivision code is not known to the ``holidays`` package.

    >>> from adservice import WorkCalendar
    >>> WorkCalendar("XX")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.UnknownRegionError: unknown region code 'XX' for a working-day calendar; ...
    """


class InvalidCalendarError(AdServiceError, ValueError):
    """The calendar's own settings contradict each other (e.g. closed and open the same day).

    >>> from datetime import date
    >>> from adservice import WorkCalendar
    >>> day = date(2025, 10, 9)
    >>> WorkCalendar("CN", closures={day: "retreat"}, extra_working_days={day: "open"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.InvalidCalendarError: 2025-10-09 cannot be both an agency closure and an extra ...
    """


class NoticeError(AdServiceError, ValueError):
    """An official holiday notice's text cannot be read; the message names the line and what was expected.

    >>> from adservice import parse_notice
    >>> parse_notice("hello")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.NoticeError: line 1: expected the title 《国务院办公厅关于YYYY年部分节假日安排的通知》...
    """


class UnknownItemError(AdServiceError, LookupError):
    """A turnaround item, rule id or other key is not in the rulebook.

    >>> from adservice import Rulebook
    >>> Rulebook.standard().item("poster")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.UnknownItemError: unknown turnaround item 'poster'; valid keys: broadcast_creative, ...
    """


class UnknownLocaleError(AdServiceError, ValueError):
    """A language adservice does not render in (``en``, ``zh_CN``, ``zh_TW``; ``zh_HK`` reads ``zh_TW``).

    ``value`` is what was asked for and ``allowed`` the locales that may be asked for.

    >>> from adservice import normalize_locale
    >>> try:
    ...     normalize_locale("fr")
    ... except UnknownLocaleError as error:
    ...     print(error.value, error.allowed)
    fr ('en', 'zh_CN', 'zh_TW', 'zh_HK')
    """

    def __init__(self, value: object, allowed: Iterable[str]) -> None:
        self.value = value
        self.allowed = tuple(allowed)
        msg = f"locale {brief(value)} is not one adservice renders in; use one of {', '.join(self.allowed)}."
        super().__init__(msg)


class DurationOutOfRangeError(AdServiceError, ValueError):
    """A chosen duration lies outside the item's allowed range or below its hard floor.

    >>> from datetime import datetime, timezone
    >>> from adservice import plan
    >>> plan("print_single", datetime(2025, 9, 26, 2, tzinfo=timezone.utc), days=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.DurationOutOfRangeError: 2 working days is outside item 'print_single''s range (9–9, ...
    """


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
    """An event is dated before the event that precedes it in the log.

    >>> from datetime import datetime, timezone
    >>> from adservice import Engagement
    >>> day1, day2 = datetime(2025, 9, 25, tzinfo=timezone.utc), datetime(2025, 9, 26, tzinfo=timezone.utc)
    >>> e = Engagement("E-1", "Huaxia").meeting(day2, "agency:Li", about="kick-off")
    >>> e.meeting(day1, "agency:Li", about="an earlier call")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.ChronologyError: event 'meeting' at 2025-09-25T00:00:00+00:00 is dated before ...
    """


class TableError(AdServiceError, RuntimeError):
    """A machine table is broken (unreachable stage, unknown key...): a defect in the module building it.

    >>> issubclass(TableError, RuntimeError)  # a defect in the code, not a refused input
    True
    """


class SignOffError(AdServiceError, ValueError):
    """A sign-off was given by the wrong party (e.g. an agency member signing for the client).

    >>> from datetime import datetime, timezone
    >>> from adservice import Engagement
    >>> Engagement("E-1", "Huaxia").meeting(datetime(2025, 9, 26, tzinfo=timezone.utc), "agency:", about="a")
    Traceback (most recent call last):
    ...
    adservice.errors.SignOffError: actor 'agency:' names no person; a party acts through a named signatory.
    """


class SchemaError(AdServiceError, ValueError):
    """Serialised data is malformed, tampered with, truncated or of an unknown schema version.

    ``index`` is the position of the refused event in a log (None: not about one event) and
    ``rule_id`` the rule it breaks (None: a format fault).

    >>> from adservice import Engagement
    >>> from adservice.demo import demo_engagement
    >>> data = demo_engagement().to_dict()
    >>> try:
    ...     Engagement.from_dict({**data, "events": data["events"][:-1]})  # truncated
    ... except SchemaError as error:
    ...     print(error.index, error.rule_id, str(error).endswith("truncated or edited."))
    None None True
    """

    def __init__(self, message: str, *, index: int | None = None, rule_id: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.rule_id = rule_id


class MalformedNumberError(AdServiceError, ValueError):
    """A client code or job number does not match its format; ``position`` points at the fault.

    >>> from adservice import revision_number
    >>> from adservice.numbering import STANDARD_FORMAT
    >>> try:
    ...     revision_number("CR-202509-07-Chen-R1", 2, format=STANDARD_FORMAT)
    ... except MalformedNumberError as error:
    ...     print(error.text, error.position)
    CR-202509-07-Chen-R1 17
    """

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
    """A job number or client code would be issued twice.

    >>> from adservice.numbering import NumberAllocator
    >>> NumberAllocator().record("CR-202509-07-Chen").record("CR-202509-07-Chen")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.DuplicateNumberError: job number CR-202509-07-Chen would repeat CR-202509-07-Chen: ...
    """


class SequenceExhaustedError(DuplicateNumberError):
    """Every number of a sequence is used; the next one would have to wrap onto an issued number.

    >>> from datetime import date
    >>> from adservice.numbering import NumberAllocator
    >>> full = NumberAllocator().record("CR-202509-99-Chen")  # sequence 99 of 99 is taken
    >>> full.issue("CR", date(2025, 9, 26), "Chen")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.SequenceExhaustedError: department 'CR' has used all 99 job numbers of 2025-09; ...
    """


class MissingExtraError(AdServiceError, ImportError):
    """A function needs an optional dependency that is not installed (install the named extra)."""
