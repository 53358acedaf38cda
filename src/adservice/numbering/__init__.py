"""Client codes and job numbers (SPEC §9, H3): values, formats, parsing and a pure allocator.

The package imports only :mod:`adservice.errors`, so the layers above it (the
engagement first) check job numbers with :func:`parse_job_number`.

- :mod:`~adservice.numbering.codes`: :class:`ClientCode`;
- :mod:`~adservice.numbering.jobs`: :class:`JobNumber`, :class:`JobNumberFormat`, :data:`STANDARD_FORMAT`;
- :mod:`~adservice.numbering.parsing`: :func:`parse_job_number`, :func:`parse_client_code`;
- :mod:`~adservice.numbering.allocator`: :class:`NumberAllocator`;
- :mod:`~adservice.numbering.revisions`: :func:`revision_number` (revision job orders).

    >>> from datetime import date
    >>> job, ledger = NumberAllocator().issue("CR", date(2025, 9, 26), "Chen")
    >>> parse_job_number(str(job)) == job
    True
"""

from __future__ import annotations

from adservice.numbering._fields import MAX_CLIENT_SEQ, MAX_REVISION, MAX_SEQ
from adservice.numbering.allocator import NumberAllocator
from adservice.numbering.codes import ClientCode
from adservice.numbering.jobs import STANDARD_FORMAT, JobNumber, JobNumberFormat
from adservice.numbering.parsing import parse_client_code, parse_job_number
from adservice.numbering.revisions import revision_number

__all__ = [
    "MAX_CLIENT_SEQ",
    "MAX_REVISION",
    "MAX_SEQ",
    "STANDARD_FORMAT",
    "ClientCode",
    "JobNumber",
    "JobNumberFormat",
    "NumberAllocator",
    "parse_client_code",
    "parse_job_number",
    "revision_number",
]
