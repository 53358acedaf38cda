"""A calendar's settings as plain JSON-compatible data, and strict loading of them.

The index is never saved: loading rebuilds it (and the build is cached). The
loader takes the calendar class as ``build``, so this module does not import it.

    >>> from datetime import date, time
    >>> data = settings_to_dict({"region": "CN", "subdivision": None, "categories": ("public",),
    ...     "weekend": (5, 6), "closures": {},
    ...     "extra_working_days": (date(2025, 10, 11),), "business_hours": (time(9), time(17)),
    ...     "tz": "Asia/Shanghai", "horizon": (1990, 2100), "confirmed_through": 2026, "strict": False})
    >>> data["extra_working_days"], data["business_hours"]
    (['2025-10-11'], ['09:00:00', '17:00:00'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from datetime import time as Time
from typing import Any, TypeVar

from adservice.calendar.notice import Notice
from adservice.errors import AdServiceError, InvalidCalendarError, SchemaError, UnknownRegionError

__all__ = ["KEYS", "OPTIONAL_KEYS", "load_settings", "settings_to_dict"]

_T = TypeVar("_T")

#: Keys data written before a setting existed may lack (loaded with the setting's default).
OPTIONAL_KEYS = frozenset({"categories", "notices"})
#: The keys of a calendar's saved settings, exactly.
KEYS = OPTIONAL_KEYS | frozenset(
    {
        "region",
        "subdivision",
        "weekend",
        "closures",
        "extra_working_days",
        "business_hours",
        "tz",
        "horizon",
        "confirmed_through",
        "strict",
        "notices",
    }
)


def settings_to_dict(settings: Mapping[str, Any]) -> dict[str, object]:
    """The constructor settings of a calendar as plain JSON-compatible data."""
    opening, closing = settings["business_hours"]
    return {
        "region": settings["region"],
        "subdivision": settings["subdivision"],
        "categories": list(settings["categories"]),
        "weekend": list(settings["weekend"]),
        "closures": {d.isoformat(): r for d, r in settings["closures"].items()},
        "extra_working_days": [d.isoformat() for d in settings["extra_working_days"]],
        "business_hours": [opening.isoformat(), closing.isoformat()],
        "tz": str(settings["tz"]),
        "horizon": list(settings["horizon"]),
        "confirmed_through": settings["confirmed_through"],
        "strict": settings["strict"],
        "notices": [n.to_dict() for n in settings.get("notices", ())],
    }


def load_settings(data: object, build: Callable[..., _T]) -> _T:
    """``build(region, **settings)`` from data written by :func:`settings_to_dict`, strictly.

    Raises:
        SchemaError: unknown or missing keys, wrong types, malformed dates or times.
        UnknownRegionError, InvalidCalendarError: well-formed settings the calendar refuses.
    """
    if not isinstance(data, Mapping) or not KEYS - OPTIONAL_KEYS <= set(data) <= KEYS:
        got = sorted(map(str, data)) if isinstance(data, Mapping) else type(data).__name__
        raise SchemaError(
            f"calendar settings must have the keys {sorted(KEYS)} ({', '.join(sorted(OPTIONAL_KEYS))} "
            f"may be missing) (got {got})."
        )
    try:
        if not isinstance(data["closures"], Mapping) or not isinstance(data["strict"], bool):
            raise TypeError("closures must be an object and strict a boolean")
        categories = data.get("categories")
        if categories is not None and not isinstance(categories, list):
            raise TypeError("categories must be a list")
        for key in ("weekend", "extra_working_days", "business_hours", "horizon"):
            if not isinstance(data[key], list):
                raise TypeError(f"{key} must be a list")
        notices = data.get("notices", [])  # settings saved before notices existed had none
        if not isinstance(notices, list):
            raise TypeError("notices must be a list")
        if not all(isinstance(r, str) for r in data["closures"].values()):
            raise TypeError("a closure's reason must be text")
        opening, closing = (Time.fromisoformat(t) for t in data["business_hours"])
        return build(
            data["region"],
            subdivision=data["subdivision"],
            categories=categories,
            weekend=data["weekend"],
            closures={date.fromisoformat(d): r for d, r in data["closures"].items()},
            extra_working_days=[date.fromisoformat(d) for d in data["extra_working_days"]],
            business_hours=(opening, closing),
            tz=data["tz"],
            horizon=tuple(data["horizon"]),
            confirmed_through=data["confirmed_through"],
            strict=data["strict"],
            notices=[Notice.from_dict(n) for n in notices],
        )
    except (InvalidCalendarError, UnknownRegionError):
        raise
    except (AdServiceError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise SchemaError(f"malformed calendar settings: {error}") from None
