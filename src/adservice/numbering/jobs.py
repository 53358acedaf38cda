"""Job numbers (H3 工作号) and the formats they are written in.

A job number is one per new job (一件工作开一张工作单) and never repeated: the
date with a zero-padded month, a 2-digit sequence that restarts every month and
runs separately per department, and the issuer (开单人). A revision job order
(后续修改工作单) keeps the original job number and adds its revision count.

    >>> JobNumber.parse("CR-202509-01-Chen-R1")
    JobNumber(dept='CR', year=2025, month=9, seq=1, issuer='Chen', revision=1)
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from adservice.errors import InvalidInputError, MalformedNumberError, brief
from adservice.numbering._fields import (
    MAX_REVISION,
    MAX_SEQ,
    _check_digit_field,
    _check_int,
    _check_letters,
    _check_str,
    _expect,
    _is_digit,
    _read_digits,
    _shown,
)
from adservice.numbering._grammar import _compile, _compile_revision, _Part

__all__ = ["STANDARD_FORMAT", "JobNumber", "JobNumberFormat"]


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
            msg = f"only a JobNumber can be formatted (got {_shown(number)} of type {type(number).__name__})."
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
        i = _expect(text, i, prefix, f"the end of the job number, or the revision mark {brief(prefix)}")
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
            msg = f"fmt must be a JobNumberFormat (got {_shown(fmt)} of type {type(fmt).__name__})."
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
