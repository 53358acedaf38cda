"""Client codes and job numbers (H3): format, parse, and a pure allocator that never repeats itself.

The account department's handbook (H3, 客户代码 and 工作号编号方式) fixes two numbers:

- a **client code** ``City-YYYYMM-ClientName-NNN``: the city, the month of first
  contact (zero-padded), the client's name and the client's 3-digit number
  within that year (年度编号);
- a **job number**, one per new job (一件工作开一张工作单) and never repeated:
  the date with a zero-padded month, a 2-digit sequence that restarts every
  month and runs separately per department, and the issuer (开单人). A revision
  job order (后续修改工作单) keeps the original job number and adds its revision
  count.

Numbers are values (:class:`ClientCode`, :class:`JobNumber`); the text form of a
job number is set by a :class:`JobNumberFormat`; :class:`NumberAllocator` is the
ledger of what has been issued: state in, ``(number, new state)`` out.

    >>> from datetime import date
    >>> ledger = NumberAllocator()
    >>> job, ledger = ledger.issue("CR", date(2025, 9, 26), "Chen")
    >>> str(job)
    'CR-202509-01-Chen'
    >>> revision, ledger = ledger.revise(job)
    >>> str(revision)
    'CR-202509-01-Chen-R1'
    >>> JobNumber.parse("CR-202509-01-Chen-R1") == revision
    True

Parsing is one left-to-right pass over the text (no regular expressions), so
its cost is linear in the length of any input, however hostile.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs

from adservice.errors import (
    DuplicateNumberError,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    SchemaError,
    SequenceExhaustedError,
    UnknownItemError,
)

__all__ = [
    "MAX_CLIENT_SEQ",
    "MAX_REVISION",
    "MAX_SEQ",
    "STANDARD_FORMAT",
    "ClientCode",
    "JobNumber",
    "JobNumberFormat",
    "NumberAllocator",
]

#: The largest job sequence in a month and department (two digits, H3).
MAX_SEQ: Final = 99
#: The largest client number in a year (three digits, H3).
MAX_CLIENT_SEQ: Final = 999
#: The largest revision count of one job number.
MAX_REVISION: Final = 999
_SCHEMA_VERSION: Final = 1


# -- field checks, shared by the constructors and the parsers -----------------------------------


def _is_digit(char: str) -> bool:
    # str.isdigit() also accepts '²' and '٣'; numbers are written in ASCII digits only.
    return "0" <= char <= "9"


def _check_int(value: object, what: str, low: int, high: int, width: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what} must be an int (got {value!r} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    if not low <= value <= high:
        raise MalformedNumberError(str(value), 0, f"{what} from {low:0{width}d} to {high:0{width}d}")
    return value


def _check_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        msg = f"{what} must be a str (got {value!r} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


def _check_letters(value: object, what: str) -> str:
    """Department codes and issuers are letters only (any script), so a parser knows where they end."""
    text = _check_str(value, what)
    if not text:
        raise MalformedNumberError(text, 0, f"{what} (one or more letters)")
    for k, char in enumerate(text):
        if not char.isalpha():
            raise MalformedNumberError(text, k, f"a letter in {what}")
    return text


def _check_label(value: object, what: str, *, text: str | None = None, offset: int = 0, dash: bool) -> str:
    """Cities and client names: printable, no space at either end; a city also has no ``-``.

    ``text`` and ``offset`` place an error inside the whole code being parsed.
    """
    label = _check_str(value, what)
    where = label if text is None else text
    if not label:
        raise MalformedNumberError(where, offset, what)
    for k, char in enumerate(label):
        if not char.isprintable() or (char == "-" and not dash):
            allowed = "a printable character" if dash else "a printable character other than '-'"
            raise MalformedNumberError(where, offset + k, f"{allowed} in {what}")
    if label[0] == " ":
        raise MalformedNumberError(where, offset, f"{what} without a leading space")
    if label[-1] == " ":
        raise MalformedNumberError(where, offset + len(label) - 1, f"{what} without a trailing space")
    return label


def _read_digits(text: str, start: int, width: int, what: str) -> int:
    for k in range(start, start + width):
        if k >= len(text) or not _is_digit(text[k]):
            raise MalformedNumberError(text, k, f"a digit of {what}")
    return int(text[start : start + width])


def _expect(text: str, start: int, literal: str, what: str) -> int:
    """Match ``literal`` at ``start``; return the position after it."""
    for k, char in enumerate(literal):
        if start + k >= len(text) or text[start + k] != char:
            raise MalformedNumberError(text, start + k, what)
    return start + len(literal)


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        # The month of an instant depends on the zone; the caller knows the office's, we do not.
        msg = f"{what} must be the office's local date, not a datetime (got {value!r}); pass its .date()."
        raise InvalidInputError(msg)
    if not isinstance(value, date):
        msg = f"{what} must be a datetime.date (got {value!r} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


# -- client codes ---------------------------------------------------------------------------------


@attrs.frozen
class ClientCode:
    """A client's code, ``City-YYYYMM-ClientName-NNN`` (H3 客户代码).

    Attributes:
        city: the city of the agency office, e.g. ``"北京"`` or ``"BJ"`` (no ``-``).
        year: year of first contact.
        month: month of first contact, written zero-padded.
        name: the client's name, in any script; may contain ``-``.
        seq: the client's number among the clients first contacted that year, 1-999.

    Raises:
        InvalidInputError: a field of the wrong type.
        MalformedNumberError: a field that cannot be written into a code.

    >>> code = ClientCode("北京", 2025, 3, "宝洁", 7)
    >>> str(code)
    '北京-202503-宝洁-007'
    >>> ClientCode.parse("北京-202503-宝洁-007") == code
    True
    """

    city: str
    year: int
    month: int
    name: str
    seq: int

    def __attrs_post_init__(self) -> None:
        _check_label(self.city, "the city", dash=False)
        _check_int(self.year, "the year", 1, 9999, 4)
        _check_int(self.month, "the month", 1, 12, 2)
        _check_label(self.name, "the client name", dash=True)
        _check_int(self.seq, "the yearly client number", 1, MAX_CLIENT_SEQ, 3)

    def __str__(self) -> str:
        return f"{self.city}-{self.year:04d}{self.month:02d}-{self.name}-{self.seq:03d}"

    @property
    def key(self) -> tuple[int, int]:
        """What makes a code unique: ``(year, seq)``."""
        return (self.year, self.seq)

    @classmethod
    def parse(cls, text: object) -> ClientCode:
        """Read a client code. The city ends at the first ``-``; the number is the last three digits.

        Args:
            text: e.g. ``"上海-202501-Coca-Cola-012"``.

        Returns:
            The code's fields as a :class:`ClientCode`.

        Raises:
            InvalidInputError: ``text`` is not a str.
            MalformedNumberError: ``text`` is not a client code; ``position`` points at the fault.

        >>> ClientCode.parse("上海-202501-Coca-Cola-012").name
        'Coca-Cola'
        >>> ClientCode.parse("上海-20251-Coca-Cola-012")
        Traceback (most recent call last):
        ...
        adservice.errors.MalformedNumberError: malformed number '上海-20251-Coca-Cola-012' at position 8: \
expected a digit of the month of first contact (YYYYMM).
          上海-20251-Coca-Cola-012
                  ^
        """
        text = _check_str(text, "a client code")
        dash = text.find("-")
        if dash == -1:
            raise MalformedNumberError(text, len(text), "'-' after the city")
        city = _check_label(text[:dash], "the city", text=text, offset=0, dash=False)
        year = _read_digits(text, dash + 1, 4, "the year of first contact (YYYYMM)")
        month = _read_digits(text, dash + 5, 2, "the month of first contact (YYYYMM)")
        if year == 0:
            raise MalformedNumberError(text, dash + 1, "a year from 0001 to 9999")
        if not 1 <= month <= 12:
            raise MalformedNumberError(text, dash + 5, "a month from 01 to 12")
        start = _expect(text, dash + 7, "-", "'-' after the month of first contact")
        last = text.rfind("-", start)
        if last == -1:
            raise MalformedNumberError(text, len(text), "'-' and the 3-digit yearly client number")
        name = _check_label(text[start:last], "the client name", text=text, offset=start, dash=True)
        seq = _read_digits(text, last + 1, 3, "the 3-digit yearly client number")
        if seq == 0:
            raise MalformedNumberError(text, last + 1, "a yearly client number from 001 to 999")
        if last + 4 != len(text):
            raise MalformedNumberError(text, last + 4, "the end of the client code")
        return cls(city, year, month, name, seq)


# -- job number formats ---------------------------------------------------------------------------

#: Field name -> (digits, or 0 for letters; what it is, for messages).
_FIELDS: Final[Mapping[str, tuple[int, str]]] = {
    "dept": (0, "the department code"),
    "yyyy": (4, "the year"),
    "mm": (2, "the month"),
    "seq:02": (2, "the sequence number"),
    "issuer": (0, "the issuer"),
}


@attrs.frozen
class _Part:
    """One piece of a compiled format: a literal (``field`` is ``None``) or a field."""

    field: str | None
    text: str  # the literal, or the field's description
    width: int  # digits of a digit field; 0 for letters and literals
    start: int  # offset in the spec, for error messages


@attrs.frozen
class JobNumberFormat:
    """How a job number is written: ``{dept}``, ``{yyyy}``, ``{mm}``, ``{seq:02}``, ``{issuer}`` and literals.

    Every field appears exactly once; anything else in the spec is literal
    text. A revision is written by appending ``revision`` with ``{rev}``
    replaced by the revision count (no leading zeros).

    So that parsing is a single pass, the department code and the issuer are
    letters only, and each must be followed by a digit field, the end, or a
    literal that does not start with a letter; two of them cannot touch. The
    revision mark must start with a character that is neither letter nor digit.

    Attributes:
        spec: the pattern; default ``"{dept}-{yyyy}{mm}-{seq:02}-{issuer}"``.
        revision: the revision mark; default ``"-R{rev}"``.

    Raises:
        InvalidInputError: ``spec`` or ``revision`` is not a str.
        InvalidChoiceError: an unknown field name, listing the allowed ones.
        MalformedNumberError: the spec itself is malformed (a field missing or
            repeated, an ambiguous neighbour, a stray brace); ``position``
            points into the spec.

    >>> compact = JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}")
    >>> compact.format(JobNumber("媒介", 2025, 9, 3, "王"))
    '媒介20250903王'
    >>> compact.parse("MD20250903Wang-R2")
    JobNumber(dept='MD', year=2025, month=9, seq=3, issuer='Wang', revision=2)
    """

    spec: str = "{dept}-{yyyy}{mm}-{seq:02}-{issuer}"
    revision: str = "-R{rev}"
    _parts: tuple[_Part, ...] = attrs.field(init=False, repr=False, eq=False)
    _rev_affixes: tuple[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # attrs' documented way to set derived fields of a frozen class.
        object.__setattr__(self, "_parts", _compile(_check_str(self.spec, "a job number format")))
        object.__setattr__(
            self, "_rev_affixes", _compile_revision(_check_str(self.revision, "a revision mark"))
        )

    def format(self, number: JobNumber) -> str:
        """Write ``number`` in this format.

        Raises:
            InvalidInputError: ``number`` is not a :class:`JobNumber`.

        >>> STANDARD_FORMAT.format(JobNumber("CR", 2025, 9, 7, "Chen", revision=2))
        'CR-202509-07-Chen-R2'
        """
        if not isinstance(number, JobNumber):
            msg = f"only a JobNumber can be formatted (got {number!r} of type {type(number).__name__})."
            raise InvalidInputError(msg)
        values = {
            "dept": number.dept,
            "yyyy": f"{number.year:04d}",
            "mm": f"{number.month:02d}",
            "seq:02": f"{number.seq:02d}",
            "issuer": number.issuer,
        }
        text = "".join(part.text if part.field is None else values[part.field] for part in self._parts)
        if number.revision:
            prefix, suffix = self._rev_affixes
            text += f"{prefix}{number.revision}{suffix}"
        return text

    def parse(self, text: object) -> JobNumber:
        """Read a job number written in this format, in one pass.

        Args:
            text: e.g. ``"CR-202509-07-Chen"`` or ``"CR-202509-07-Chen-R1"``.

        Returns:
            The number's fields as a :class:`JobNumber`.

        Raises:
            InvalidInputError: ``text`` is not a str.
            MalformedNumberError: ``text`` does not match; ``position`` points at the fault.

        >>> STANDARD_FORMAT.parse("CR-202513-07-Chen")
        Traceback (most recent call last):
        ...
        adservice.errors.MalformedNumberError: malformed number 'CR-202513-07-Chen' at position 7: \
expected a month from 01 to 12.
          CR-202513-07-Chen
                 ^
        """
        text = _check_str(text, "a job number")
        values: dict[str, Any] = {}
        i = 0
        for part in self._parts:
            if part.field is None:
                i = _expect(text, i, part.text, repr(part.text))
            elif part.width:
                values[part.field] = _read_digits(text, i, part.width, f"{part.text} ({part.width} digits)")
                _check_digit_field(text, i, part.field, values[part.field])
                i += part.width
            else:
                end = i
                while end < len(text) and text[end].isalpha():
                    end += 1
                if end == i:
                    raise MalformedNumberError(text, i, f"{part.text} (letters)")
                values[part.field] = text[i:end]
                i = end
        revision = 0 if i == len(text) else self._parse_revision(text, i)
        return JobNumber(
            values["dept"], values["yyyy"], values["mm"], values["seq:02"], values["issuer"], revision
        )

    def _parse_revision(self, text: str, i: int) -> int:
        prefix, suffix = self._rev_affixes
        i = _expect(text, i, prefix, f"the end of the job number, or the revision mark {prefix!r}")
        start = i
        while i < len(text) and _is_digit(text[i]) and i - start < 3:
            i += 1
        if i == start:
            raise MalformedNumberError(text, i, "a digit of the revision count")
        if text[start] == "0":
            raise MalformedNumberError(text, start, "a revision count from 1 (no leading zero)")
        if i < len(text) and _is_digit(text[i]):
            raise MalformedNumberError(text, i, f"the end of the revision count (at most {MAX_REVISION})")
        revision = int(text[start:i])
        i = _expect(text, i, suffix, repr(suffix))
        if i != len(text):
            raise MalformedNumberError(text, i, "the end of the job number")
        return revision


def _check_digit_field(text: str, at: int, field: str, value: int) -> None:
    if field == "mm" and not 1 <= value <= 12:
        raise MalformedNumberError(text, at, "a month from 01 to 12")
    if field == "seq:02" and value == 0:
        raise MalformedNumberError(text, at, f"a sequence number from 01 to {MAX_SEQ}")
    if field == "yyyy" and value == 0:
        raise MalformedNumberError(text, at, "a year from 0001 to 9999")


def _compile(spec: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    i = 0
    while i < len(spec):
        if spec[i] == "{":
            close = spec.find("}", i)
            if close == -1:
                raise MalformedNumberError(spec, len(spec), "'}' closing the field")
            name = spec[i + 1 : close]
            if name not in _FIELDS:
                allowed = [f"{{{f}}}" for f in _FIELDS]
                raise InvalidChoiceError("a job number format field", f"{{{name}}}", allowed)
            if any(p.field == name for p in parts):
                raise MalformedNumberError(spec, i, f"each field once ({{{name}}} is repeated)")
            width, what = _FIELDS[name]
            parts.append(_Part(name, what, width, i))
            i = close + 1
        elif spec[i] == "}":
            raise MalformedNumberError(spec, i, "'}' only to close a field")
        else:
            end = i
            while end < len(spec) and spec[end] not in "{}":
                end += 1
            parts.append(_Part(None, spec[i:end], 0, i))
            i = end
    missing = [f"{{{f}}}" for f in _FIELDS if not any(p.field == f for p in parts)]
    if missing:
        raise MalformedNumberError(
            spec, len(spec), f"the field(s) {', '.join(missing)} (a job number has all five)"
        )
    for part, after in itertools.pairwise(parts):
        letters = part.field is not None and not part.width
        if letters and after.field is not None and not after.width:
            raise MalformedNumberError(
                spec, after.start, f"a digit field or separator between {part.text} and {after.text}"
            )
        if letters and after.field is None and after.text[0].isalpha():
            raise MalformedNumberError(
                spec, after.start, f"a separator that does not start with a letter after {part.text}"
            )
    return tuple(parts)


def _compile_revision(mark: str) -> tuple[str, str]:
    at = mark.find("{rev}")
    if at == -1:
        raise MalformedNumberError(mark, len(mark), "the field {rev} in the revision mark")
    prefix, suffix = mark[:at], mark[at + len("{rev}") :]
    for k, char in enumerate(mark):
        if char in "{}" and not at <= k < at + len("{rev}"):
            raise MalformedNumberError(mark, k, "no other field or brace in the revision mark")
    if not prefix or prefix[0].isalpha() or _is_digit(prefix[0]):
        raise MalformedNumberError(
            mark, 0, "a revision mark starting with a character that is not a letter or digit"
        )
    if suffix and _is_digit(suffix[0]):
        raise MalformedNumberError(mark, at + len("{rev}"), "a non-digit after {rev}")
    return prefix, suffix


#: The handbook's job number: ``CR-202509-07-Chen``, revisions ``CR-202509-07-Chen-R1``.
STANDARD_FORMAT: Final = JobNumberFormat()


# -- job numbers ----------------------------------------------------------------------------------


@attrs.frozen
class JobNumber:
    """A job order's number (H3 工作号); ``str()`` writes it in :data:`STANDARD_FORMAT`.

    Attributes:
        dept: the department whose sequence it uses, letters only (``"CR"``, ``"媒介"``).
        year: the year it was opened.
        month: the month it was opened, written zero-padded.
        seq: its place in the department's sequence of that month, 1-99.
        issuer: who opened it (开单人), letters only.
        revision: 0 for the job order itself; 1, 2, ... for its revision job orders.

    Raises:
        InvalidInputError: a field of the wrong type.
        MalformedNumberError: a field that cannot be written into a job number.

    >>> job = JobNumber("CR", 2025, 9, 7, "Chen")
    >>> str(job), job.key
    ('CR-202509-07-Chen', ('CR', 2025, 9, 7))
    >>> JobNumber.parse("CR-202509-07-Chen-R3").original == job
    True
    """

    dept: str
    year: int
    month: int
    seq: int
    issuer: str
    revision: int = 0

    def __attrs_post_init__(self) -> None:
        _check_letters(self.dept, "the department code")
        _check_int(self.year, "the year", 1, 9999, 4)
        _check_int(self.month, "the month", 1, 12, 2)
        _check_int(self.seq, "the sequence number", 1, MAX_SEQ, 2)
        _check_letters(self.issuer, "the issuer")
        _check_int(self.revision, "the revision count", 0, MAX_REVISION, 1)

    def __str__(self) -> str:
        return STANDARD_FORMAT.format(self)

    @classmethod
    def parse(cls, text: object, fmt: JobNumberFormat | None = None) -> JobNumber:
        """Read a job number written in ``fmt`` (default :data:`STANDARD_FORMAT`).

        Raises:
            InvalidInputError: ``text`` is not a str, or ``fmt`` not a format.
            MalformedNumberError: ``text`` does not match; ``position`` points at the fault.

        >>> JobNumber.parse("CR-202509-07-Chen").seq
        7
        """
        if fmt is None:
            fmt = STANDARD_FORMAT
        if not isinstance(fmt, JobNumberFormat):
            msg = f"fmt must be a JobNumberFormat (got {fmt!r} of type {type(fmt).__name__})."
            raise InvalidInputError(msg)
        return fmt.parse(text)

    @property
    def key(self) -> tuple[str, int, int, int]:
        """What makes a job unique: ``(dept, year, month, seq)``; issuer and revision are not part of it."""
        return (self.dept, self.year, self.month, self.seq)

    @property
    def original(self) -> JobNumber:
        """The job order this number revises (itself when ``revision`` is 0)."""
        return attrs.evolve(self, revision=0) if self.revision else self

    @property
    def is_revision(self) -> bool:
        """Whether this is a revision job order (后续修改工作单)."""
        return self.revision > 0


# -- the allocator --------------------------------------------------------------------------------


class _Ledger:
    """Lookup tables over an allocator's ledgers; built by replay, copied (never shared) to change."""

    __slots__ = ("client_keys", "client_last", "client_names", "last_seq", "originals", "revisions")

    def __init__(self) -> None:
        self.last_seq: dict[tuple[str, int, int], int] = {}
        self.originals: dict[tuple[str, int, int, int], JobNumber] = {}
        self.revisions: dict[tuple[str, int, int, int], int] = {}
        self.client_last: dict[int, int] = {}
        self.client_keys: dict[tuple[int, int], ClientCode] = {}
        self.client_names: dict[str, ClientCode] = {}

    def copy(self) -> _Ledger:
        new = _Ledger()
        for name in self.__slots__:
            setattr(new, name, dict(getattr(self, name)))
        return new

    def original_of(self, number: JobNumber, fmt: JobNumberFormat) -> JobNumber:
        base = self.originals.get(number.key)
        if base is None or base.issuer != number.issuer:
            held = f" ({fmt.format(base)} holds that sequence)" if base is not None else ""
            msg = (
                f"{fmt.format(number.original)} was never issued{held}; "
                "issue or record the original job number before its revisions."
            )
            raise UnknownItemError(msg)
        return base

    def add_job(self, number: JobNumber, fmt: JobNumberFormat) -> None:
        key = number.key
        if not number.revision:
            if key in self.originals:
                msg = (
                    f"job number {fmt.format(number)} would repeat {fmt.format(self.originals[key])}: "
                    f"sequence {number.seq:02d} of {number.dept} in "
                    f"{number.year:04d}-{number.month:02d} is taken."
                )
                raise DuplicateNumberError(msg)
            self.originals[key] = number
            slot = key[:3]
            self.last_seq[slot] = max(self.last_seq.get(slot, 0), number.seq)
            return
        base = self.original_of(number, fmt)
        done = self.revisions.get(key, 0)
        if number.revision <= done:
            msg = (
                f"revision {number.revision} of {fmt.format(base)} is already issued "
                f"(latest is {done}); the next is {done + 1}."
            )
            raise DuplicateNumberError(msg)
        self.revisions[key] = number.revision

    def add_client(self, code: ClientCode) -> None:
        taken = self.client_keys.get(code.key)
        if taken is not None:
            msg = (
                f"client code {code} would repeat {taken}: number {code.seq:03d} of {code.year:04d} is taken."
            )
            raise DuplicateNumberError(msg)
        named = self.client_names.get(code.name)
        if named is not None:
            msg = (
                f"client {code.name!r} already has the code {named}; "
                "a client keeps the code of its first contact."
            )
            raise DuplicateNumberError(msg)
        self.client_keys[code.key] = code
        self.client_names[code.name] = code
        self.client_last[code.year] = max(self.client_last.get(code.year, 0), code.seq)


def _job_tuple(value: Iterable[JobNumber]) -> tuple[JobNumber, ...]:
    out: list[JobNumber] = []
    for item in _items(value, "jobs"):
        if not isinstance(item, JobNumber):
            msg = f"jobs must hold JobNumber values (got {item!r} of type {type(item).__name__})."
            raise InvalidInputError(msg)
        out.append(item)
    return tuple(out)


def _client_tuple(value: Iterable[ClientCode]) -> tuple[ClientCode, ...]:
    out: list[ClientCode] = []
    for item in _items(value, "clients"):
        if not isinstance(item, ClientCode):
            msg = f"clients must hold ClientCode values (got {item!r} of type {type(item).__name__})."
            raise InvalidInputError(msg)
        out.append(item)
    return tuple(out)


def _items(value: object, what: str) -> Iterable[object]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"{what} must be a sequence of numbers (got {value!r} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


@attrs.frozen
class NumberAllocator:
    """The ledger of issued job numbers and client codes; every step returns a new allocator.

    Sequences continue from the highest number issued, never from a gap, and
    never wrap: when a month's 99 numbers of a department are used,
    :meth:`issue` raises :class:`SequenceExhaustedError`. Explicitly recorded
    numbers (:meth:`record`) are checked the same way, so no number is ever
    issued twice. Building an allocator replays its ledgers and refuses any that
    hold a duplicate.

    Attributes:
        format: how job numbers are written (in messages and in :meth:`to_dict`).
        jobs: every job number issued, in order, revisions included.
        clients: every client code issued, in order.

    Raises:
        InvalidInputError: a ledger entry of the wrong type.
        DuplicateNumberError: a ledger holds a number twice.
        UnknownItemError: a ledger holds a revision before (or without) its original.

    >>> from datetime import date
    >>> ledger = NumberAllocator()
    >>> a, ledger = ledger.issue("CR", date(2025, 9, 1), "Chen")
    >>> b, ledger = ledger.issue("MD", date(2025, 9, 2), "Wang")  # its own sequence
    >>> c, ledger = ledger.issue("CR", date(2025, 10, 8), "Li")   # a new month restarts
    >>> [str(n) for n in ledger.jobs]
    ['CR-202509-01-Chen', 'MD-202509-01-Wang', 'CR-202510-01-Li']
    >>> NumberAllocator.from_dict(ledger.to_dict()) == ledger
    True
    """

    format: JobNumberFormat = attrs.field(default=STANDARD_FORMAT)
    jobs: tuple[JobNumber, ...] = attrs.field(default=(), converter=_job_tuple)
    clients: tuple[ClientCode, ...] = attrs.field(default=(), converter=_client_tuple)
    _ledger: _Ledger = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.format, JobNumberFormat):
            kind = type(self.format).__name__
            msg = f"format must be a JobNumberFormat (got {self.format!r} of type {kind})."
            raise InvalidInputError(msg)
        ledger = _Ledger()
        for number in self.jobs:
            ledger.add_job(number, self.format)
        for code in self.clients:
            ledger.add_client(code)
        object.__setattr__(self, "_ledger", ledger)

    def _extended(
        self, ledger: _Ledger, job: JobNumber | None = None, client: ClientCode | None = None
    ) -> NumberAllocator:
        # One step adds one entry to tables already checked; replaying the whole ledger again
        # (what __init__ does) would make n allocations cost O(n^2) in Python.
        new: NumberAllocator = object.__new__(NumberAllocator)
        object.__setattr__(new, "format", self.format)
        object.__setattr__(new, "jobs", self.jobs if job is None else (*self.jobs, job))
        object.__setattr__(new, "clients", self.clients if client is None else (*self.clients, client))
        object.__setattr__(new, "_ledger", ledger)
        return new

    def _job(self, number: object) -> JobNumber:
        if isinstance(number, JobNumber):
            return number
        if isinstance(number, str):
            return self.format.parse(number)
        msg = (
            f"a job number must be a JobNumber or its text (got {number!r} of type {type(number).__name__})."
        )
        raise InvalidInputError(msg)

    def issue(self, dept: str, on: date, issuer: str) -> tuple[JobNumber, NumberAllocator]:
        """Open a new job: the department's next number in the month of ``on``.

        Args:
            dept: the department code, letters only.
            on: the office's local date the job is opened (a ``date``, not a ``datetime``:
                the month of an instant depends on the zone); only year and month are written.
            issuer: who opens it, letters only.

        Returns:
            The new number and the allocator that has issued it.

        Raises:
            InvalidInputError: an argument of the wrong type.
            MalformedNumberError: ``dept`` or ``issuer`` is not letters.
            SequenceExhaustedError: the department has used 99 numbers that month.

        >>> from datetime import date
        >>> first, ledger = NumberAllocator().issue("CR", date(2025, 9, 26), "Chen")
        >>> second, ledger = ledger.issue("CR", date(2025, 9, 29), "Li")
        >>> str(second)
        'CR-202509-02-Li'
        """
        _check_letters(dept, "the department code")
        _check_letters(issuer, "the issuer")
        day = _as_date(on, "on")
        seq = self._ledger.last_seq.get((dept, day.year, day.month), 0) + 1
        if seq > MAX_SEQ:
            msg = (
                f"department {dept!r} has used all {MAX_SEQ} job numbers of {day.year:04d}-{day.month:02d}; "
                "numbers never wrap. Open the job under another department code or in the next month."
            )
            raise SequenceExhaustedError(msg)
        number = JobNumber(dept, day.year, day.month, seq, issuer)
        ledger = self._ledger.copy()
        ledger.add_job(number, self.format)
        return number, self._extended(ledger, job=number)

    def revise(self, number: JobNumber | str) -> tuple[JobNumber, NumberAllocator]:
        """Open a revision job order (后续修改工作单): the original number with the next revision count.

        Args:
            number: the original job number, or any of its revisions.

        Returns:
            The revision's number and the allocator that has issued it.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            UnknownItemError: the original was never issued by this allocator.
            SequenceExhaustedError: the original already has 999 revisions.

        >>> from datetime import date
        >>> job, ledger = NumberAllocator().issue("CR", date(2025, 9, 26), "Chen")
        >>> first, ledger = ledger.revise(job)
        >>> second, ledger = ledger.revise("CR-202509-01-Chen-R1")
        >>> str(second), ledger.revision_count(job)
        ('CR-202509-01-Chen-R2', 2)
        """
        base = self._ledger.original_of(self._job(number), self.format)
        revision = self._ledger.revisions.get(base.key, 0) + 1
        if revision > MAX_REVISION:
            msg = f"{self.format.format(base)} already has {MAX_REVISION} revisions; open a new job instead."
            raise SequenceExhaustedError(msg)
        new = attrs.evolve(base, revision=revision)
        ledger = self._ledger.copy()
        ledger.add_job(new, self.format)
        return new, self._extended(ledger, job=new)

    def record(self, number: JobNumber | str) -> NumberAllocator:
        """Issue this exact number (one given on paper or by another tool), refusing any repeat.

        Later :meth:`issue` calls continue after the highest sequence recorded.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            DuplicateNumberError: the sequence (or that revision) is already issued.
            UnknownItemError: a revision whose original was never issued.

        >>> ledger = NumberAllocator().record("CR-202509-41-Chen")
        >>> ledger.record("CR-202509-41-Li")
        Traceback (most recent call last):
        ...
        adservice.errors.DuplicateNumberError: job number CR-202509-41-Li would repeat CR-202509-41-Chen: \
sequence 41 of CR in 2025-09 is taken.
        """
        job = self._job(number)
        ledger = self._ledger.copy()
        ledger.add_job(job, self.format)
        return self._extended(ledger, job=job)

    def register_client(self, city: str, name: str, on: date) -> tuple[ClientCode, NumberAllocator]:
        """Give a new client its code: the next number of the year of ``on``.

        Args:
            city: the office's city (no ``-``).
            name: the client's name; a client has one code, from its first contact.
            on: the office's local date of first contact (a ``date``, not a ``datetime``).

        Returns:
            The new code and the allocator that has issued it.

        Raises:
            InvalidInputError: an argument of the wrong type.
            MalformedNumberError: ``city`` or ``name`` cannot be written into a code.
            DuplicateNumberError: the client already has a code.
            SequenceExhaustedError: 999 clients already have codes that year.

        >>> from datetime import date
        >>> code, ledger = NumberAllocator().register_client("北京", "宝洁", date(2025, 3, 14))
        >>> str(code)
        '北京-202503-宝洁-001'
        """
        _check_label(city, "the city", dash=False)
        _check_label(name, "the client name", dash=True)
        day = _as_date(on, "on")
        if name in self._ledger.client_names:
            msg = f"client {name!r} already has the code {self._ledger.client_names[name]}."
            raise DuplicateNumberError(msg)
        seq = self._ledger.client_last.get(day.year, 0) + 1
        if seq > MAX_CLIENT_SEQ:
            msg = f"all {MAX_CLIENT_SEQ} client numbers of {day.year:04d} are used; numbers never wrap."
            raise SequenceExhaustedError(msg)
        code = ClientCode(city, day.year, day.month, name, seq)
        ledger = self._ledger.copy()
        ledger.add_client(code)
        return code, self._extended(ledger, client=code)

    def record_client(self, code: ClientCode | str) -> NumberAllocator:
        """Issue this exact client code (e.g. from the client information sheet), refusing any repeat.

        Raises:
            InvalidInputError: ``code`` is neither a ClientCode nor a str.
            MalformedNumberError: ``code`` is text that is not a client code.
            DuplicateNumberError: the number of that year is taken, or the client already has a code.

        >>> NumberAllocator().record_client("上海-202501-Coca-Cola-012").client_code("Coca-Cola").seq
        12
        """
        if isinstance(code, str):
            code = ClientCode.parse(code)
        if not isinstance(code, ClientCode):
            kind = type(code).__name__
            msg = f"a client code must be a ClientCode or its text (got {code!r} of type {kind})."
            raise InvalidInputError(msg)
        ledger = self._ledger.copy()
        ledger.add_client(code)
        return self._extended(ledger, client=code)

    def revision_count(self, number: JobNumber | str) -> int:
        """How many revision job orders ``number``'s original has (0 if none).

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            UnknownItemError: the original was never issued by this allocator.
        """
        base = self._ledger.original_of(self._job(number), self.format)
        return self._ledger.revisions.get(base.key, 0)

    def is_issued(self, number: JobNumber | str) -> bool:
        """Whether exactly this number (issuer and revision included) has been issued.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
        """
        job = self._job(number)
        base = self._ledger.originals.get(job.key)
        if base is None or base.issuer != job.issuer:
            return False
        return job.revision <= self._ledger.revisions.get(job.key, 0)

    def client_code(self, name: str) -> ClientCode | None:
        """The code of the client called ``name``, or ``None`` if it has none yet."""
        return self._ledger.client_names.get(name) if isinstance(name, str) else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, with a SHA-256 digest that :meth:`from_dict` checks.

        >>> NumberAllocator().to_dict()["format"]
        {'spec': '{dept}-{yyyy}{mm}-{seq:02}-{issuer}', 'revision': '-R{rev}'}
        """
        jobs = [self.format.format(n) for n in self.jobs]
        clients = [str(c) for c in self.clients]
        return {
            "version": _SCHEMA_VERSION,
            "format": {"spec": self.format.spec, "revision": self.format.revision},
            "jobs": jobs,
            "clients": clients,
            "digest": _digest(_SCHEMA_VERSION, self.format.spec, self.format.revision, jobs, clients),
        }

    @classmethod
    def from_dict(cls, data: object) -> NumberAllocator:
        """Load an allocator strictly: exactly the keys of :meth:`to_dict`, right types, matching digest.

        The digest catches an edited or truncated state: a ledger with its last
        entries cut off would otherwise issue those numbers a second time.

        Raises:
            SchemaError: unknown or missing keys, wrong types, an unknown
                version, a digest mismatch, a malformed or repeated number.
        """
        body = _object(data, "an allocator state", {"version", "format", "jobs", "clients", "digest"})
        version = body["version"]
        if type(version) is not int or version != _SCHEMA_VERSION:
            msg = (
                f"unknown allocator state version {version!r}; this library reads version {_SCHEMA_VERSION}."
            )
            raise SchemaError(msg)
        fmt = _object(body["format"], "an allocator state's format", {"spec", "revision"})
        spec, mark = _string(fmt["spec"], "format.spec"), _string(fmt["revision"], "format.revision")
        jobs = _strings(body["jobs"], "jobs")
        clients = _strings(body["clients"], "clients")
        digest = _string(body["digest"], "digest")
        if digest != _digest(_SCHEMA_VERSION, spec, mark, jobs, clients):
            msg = "the allocator state does not match its digest: it was edited or truncated."
            raise SchemaError(msg)
        try:
            style = JobNumberFormat(spec, mark)
            numbers = [style.parse(text) for text in jobs]
            codes = [ClientCode.parse(text) for text in clients]
            return cls(style, numbers, codes)
        except (MalformedNumberError, InvalidChoiceError, DuplicateNumberError, UnknownItemError) as error:
            msg = f"the allocator state is invalid: {error}"
            raise SchemaError(msg) from error


def _digest(version: int, spec: str, revision: str, jobs: list[str], clients: list[str]) -> str:
    # ASCII-escaped JSON, so a lone surrogate in tampered text cannot break the encoding.
    canonical = json.dumps([version, spec, revision, jobs, clients], separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _object(data: object, what: str, keys: set[str]) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise SchemaError(f"{what} must be an object (got {data!r}).")
    if set(data) != keys:
        extra = sorted(repr(k) for k in set(data) - keys)
        missing = sorted(keys - set(data))
        msg = (
            f"{what} has unknown keys [{', '.join(extra)}] / missing keys {missing}; expected {sorted(keys)}."
        )
        raise SchemaError(msg)
    return data


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{what} must be a string (got {value!r}).")
    return value


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list):
        raise SchemaError(f"{what} must be a list of strings (got {value!r}).")
    return [_string(item, f"{what}[{k}]") for k, item in enumerate(value)]
