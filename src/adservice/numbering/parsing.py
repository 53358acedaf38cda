"""Reading numbers from text: the one entry point every layer above uses to check a job number.

The engagement checks every job number it is given, on a live call and when a
saved log is loaded alike, with :func:`parse_job_number`; both accept exactly the
same texts because both run this function.

    >>> parse_job_number("CR-202509-07-Chen-R1").revision
    1
    >>> parse_job_number("CR-202509-7-Chen")
    Traceback (most recent call last):
    ...
    adservice.errors.MalformedNumberError: malformed number 'CR-202509-7-Chen' at position 11: \
expected a digit of the sequence number (2 digits).
      CR-202509-7-Chen
                 ^
"""

from __future__ import annotations

from adservice.errors import InvalidInputError
from adservice.numbering._fields import _shown
from adservice.numbering.codes import ClientCode
from adservice.numbering.jobs import STANDARD_FORMAT, JobNumber, JobNumberFormat

__all__ = ["parse_client_code", "parse_job_number"]


def parse_job_number(text: object, *, format: JobNumberFormat = STANDARD_FORMAT) -> JobNumber:
    """Read a job number written in ``format`` (default :data:`STANDARD_FORMAT`), in one linear pass.

    Args:
        text: e.g. ``"CR-202509-07-Chen"`` or ``"CR-202509-07-Chen-R1"``.
        format: how the number is written (keyword-only; the allocator's ``format``).

    Returns:
        The number's fields as a :class:`JobNumber`.

    Raises:
        InvalidInputError: ``text`` is not a str, or ``format`` is not a :class:`JobNumberFormat`.
        MalformedNumberError: ``text`` is not a job number in ``format``; the error's ``position``
            points at the first character that does not fit and its ``expected`` says what would.

    >>> compact = JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}")
    >>> parse_job_number("MD20250903Wang", format=compact).seq
    3
    >>> parse_job_number(42)
    Traceback (most recent call last):
    ...
    adservice.errors.InvalidInputError: a job number must be a str (got 42 of type int).
    """
    if not isinstance(format, JobNumberFormat):
        msg = f"format must be a JobNumberFormat (got {_shown(format)} of type {type(format).__name__})."
        raise InvalidInputError(msg)
    return format.parse(text)


def parse_client_code(text: object) -> ClientCode:
    """Read a client code ``City-YYYYMM-ClientName-NNN`` (same as :meth:`ClientCode.parse`).

    Args:
        text: e.g. ``"上海-202501-Coca-Cola-012"``.

    Returns:
        The code's fields as a :class:`ClientCode`.

    Raises:
        InvalidInputError: ``text`` is not a str.
        MalformedNumberError: ``text`` is not a client code; ``position`` points at the fault.

    >>> parse_client_code("上海-202501-Coca-Cola-012").seq
    12
    """
    return ClientCode.parse(text)
