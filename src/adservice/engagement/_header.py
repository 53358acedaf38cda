"""The header an engagement is saved with, read back: its calendar (shared between files) and job format."""

from __future__ import annotations

import marshal
from collections.abc import Mapping

from adservice.calendar.workcalendar import WorkCalendar
from adservice.errors import SchemaError, brief
from adservice.numbering.jobs import JobNumberFormat

__all__ = ["calendar_from", "job_format_from"]

_CALENDARS: dict[bytes, WorkCalendar] = {}


def calendar_from(data: object) -> WorkCalendar:
    """``WorkCalendar.from_dict``, remembered: a portfolio's files share a few calendars (values)."""
    try:
        key = marshal.dumps(data, 2)  # type: ignore[arg-type]  # exact: types count (False is not 0), key order too
    except ValueError:
        return WorkCalendar.from_dict(data)
    hit = _CALENDARS.get(key)
    if hit is None:
        hit = WorkCalendar.from_dict(data)
        if len(_CALENDARS) >= 64:
            _CALENDARS.clear()
        _CALENDARS[key] = hit
    return hit


def job_format_from(data: object) -> JobNumberFormat | None:
    """A saved ``job_format`` (``{"spec", "revision"}``), or ``None`` when none was saved."""
    if data is None:
        return None
    if not isinstance(data, Mapping) or set(data) != {"spec", "revision"}:
        raise SchemaError(
            f"job_format must be an object with keys 'spec' and 'revision' (got {brief(data)})."
        )
    return JobNumberFormat(data["spec"], data["revision"])
