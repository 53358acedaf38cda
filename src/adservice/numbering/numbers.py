"""Former home of the numbering values, kept so ``adservice.numbering.numbers`` imports keep working.

Import from :mod:`adservice.numbering` instead.
"""

from __future__ import annotations

from adservice.numbering import (
    MAX_CLIENT_SEQ,
    MAX_REVISION,
    MAX_SEQ,
    STANDARD_FORMAT,
    ClientCode,
    JobNumber,
    JobNumberFormat,
    NumberAllocator,
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
