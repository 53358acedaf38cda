"""Client codes and job numbers (SPEC §9)."""

from __future__ import annotations

from adservice.numbering.numbers import (
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
