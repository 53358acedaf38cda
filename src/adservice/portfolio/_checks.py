"""Argument checks the obligation modules share."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from adservice.calendar.workcalendar import require_aware
from adservice.errors import DurationOutOfRangeError, InvalidInputError, brief

_MAX_HOURS = 24 * 366


def _check_meeting_start(instance: object, attribute: object, value: datetime) -> None:
    require_aware(value, "a meeting's start")


def _travel(value: object) -> timedelta:
    if isinstance(value, timedelta):
        delta = value
    elif (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and math.isfinite(value)
    ):
        if abs(value) > _MAX_HOURS:
            raise DurationOutOfRangeError(f"travel must be at most {_MAX_HOURS} hours (got {brief(value)}).")
        delta = timedelta(hours=value)
    else:
        raise InvalidInputError(f"travel must be hours as an int, float or timedelta (got {brief(value)}).")
    if not timedelta(0) <= delta <= timedelta(hours=_MAX_HOURS):
        raise DurationOutOfRangeError(f"travel must be 0..{_MAX_HOURS} hours (got {brief(value)}).")
    return delta


def _optional_id(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"engagement_id must be a string or None (got {brief(value)}).")
    return value


def _about(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"about must be a string (got {brief(value)}).")
    return value
