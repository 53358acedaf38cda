"""Revision job orders' numbers (后续修改工作单, H3): the original job number plus its revision count.

With a :class:`~adservice.numbering.JobNumberFormat` the number is read and written in it (a
revision of a revision is refused); without one (job numbers of any printable text) the
standard revision mark ``-R{rev}`` is appended.

    >>> revision_number("CR-202509-07-Chen", 2, format=STANDARD_FORMAT)
    'CR-202509-07-Chen-R2'
    >>> revision_number("J1", 1)
    'J1-R1'
"""

from __future__ import annotations

from adservice.errors import InvalidInputError, MalformedNumberError, brief
from adservice.numbering._fields import MAX_REVISION
from adservice.numbering.jobs import STANDARD_FORMAT, JobNumber, JobNumberFormat

__all__ = ["revision_number"]


def revision_number(number: str, revision: int, *, format: JobNumberFormat | None = None) -> str:
    """The number of revision job order ``revision`` of job ``number``.

    Args:
        number: the original job order's number (not a revision's).
        revision: the revision count, 1..999.
        format: the agency's job number format, or ``None`` (any printable text).

    Raises:
        InvalidInputError: wrong types, or a revision count outside 1..999.
        MalformedNumberError: ``number`` does not read in ``format``, or is itself a revision.

    >>> revision_number("CR-202509-07-Chen-R1", 2, format=STANDARD_FORMAT)
    Traceback (most recent call last):
    ...
    adservice.errors.MalformedNumberError: malformed number 'CR-202509-07-Chen-R1' at position 17: \
expected the end of the original job number (a revision job order is opened from its original).
      CR-202509-07-Chen-R1
                       ^
    """
    if not isinstance(number, str) or not number:
        raise InvalidInputError(f"number must be a job number as non-empty text (got {brief(number)}).")
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= MAX_REVISION:
        raise InvalidInputError(f"revision must be an int 1..{MAX_REVISION} (got {brief(revision)}).")
    if format is None:
        prefix, _, suffix = STANDARD_FORMAT.revision.partition("{rev}")
        return f"{number}{prefix}{revision}{suffix}"
    if not isinstance(format, JobNumberFormat):
        raise InvalidInputError(f"format must be a JobNumberFormat or None (got {brief(format)}).")
    parsed = format.parse(number)
    if parsed.revision:
        at = len(format.format(parsed.original))
        expected = "the end of the original job number (a revision job order is opened from its original)"
        raise MalformedNumberError(number, at, expected)
    return format.format(
        JobNumber(parsed.dept, parsed.year, parsed.month, parsed.seq, parsed.issuer, revision)
    )
