"""The job numbers an engagement takes: printable, short, and in the agency's format when it has one.

Every job number enters an engagement through :meth:`~adservice.engagement.Engagement.add_job_order`
(the other events name a job order that must exist), so this one check covers the live call,
:meth:`~adservice.engagement.Engagement.apply`, ``replay`` and ``from_dict`` alike.

    >>> from adservice.numbering import JobNumberFormat
    >>> check_job_number("CR-202509-07-Chen", JobNumberFormat()).seq
    7
    >>> check_job_number("J1", None) is None
    True
    >>> check_job_number("J\\x071", None)
    Traceback (most recent call last):
    ...
    adservice.errors.MalformedNumberError: malformed number 'J\\\\x071' at position 1: expected a \
printable character (no control or invisible characters).
      J\\x071
       ^
"""

from __future__ import annotations

from adservice.errors import InvalidInputError, MalformedNumberError
from adservice.numbering.jobs import JobNumber, JobNumberFormat
from adservice.numbering.parsing import parse_job_number

__all__ = ["MAX_JOB_NUMBER", "check_job_number"]

#: The longest job number an engagement takes (the handbook's are about 20 characters).
MAX_JOB_NUMBER = 64


def check_job_number(number: str, job_format: JobNumberFormat | None) -> JobNumber | None:
    """Refuse a job number no format could mean; with ``job_format``, read it in that format.

    Args:
        number: the job order's number (the payload check has made it non-empty text).
        job_format: the engagement's format, or ``None`` (any printable text).

    Returns:
        The parsed number with a format, else ``None``.

    Raises:
        InvalidInputError: ``number`` is not a str, ``job_format`` not a format or ``None``.
        MalformedNumberError: a control or invisible character (frozen-looking text starts with
            one), more than :data:`MAX_JOB_NUMBER` characters, or text ``job_format`` does not
            read; ``position`` points at the fault.
    """
    if not isinstance(number, str):
        raise InvalidInputError(f"a job number must be a str (got {type(number).__name__}).")
    if job_format is not None and not isinstance(job_format, JobNumberFormat):
        raise InvalidInputError(
            f"job_format must be a JobNumberFormat or None (got {type(job_format).__name__})."
        )
    if len(number) > MAX_JOB_NUMBER:
        expected = f"the end of the job number (at most {MAX_JOB_NUMBER} characters)"
        raise MalformedNumberError(number[:MAX_JOB_NUMBER] + "…", MAX_JOB_NUMBER, expected)
    if not number.isprintable():
        at = next(i for i, c in enumerate(number) if not c.isprintable())
        shown = number.encode("unicode_escape").decode("ascii")
        where = len(number[:at].encode("unicode_escape").decode("ascii"))
        raise MalformedNumberError(shown, where, "a printable character (no control or invisible characters)")
    if job_format is None:
        return None
    return parse_job_number(number, format=job_format)
