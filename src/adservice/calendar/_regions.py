"""Region codes, their default time zones and the ``holidays`` lookups behind them."""

from __future__ import annotations

import difflib
from datetime import date
from functools import lru_cache

import holidays
from holidays import registry

from adservice.errors import UnknownRegionError

__all__ = ["default_zone", "load_holidays"]

# The zone an agency in the region most likely keeps its office hours in.
# Regions spanning several zones name their most populous one; pass ``tz=``
# to a calendar to choose another.
_ZONES: dict[str, str] = {
    "CN": "Asia/Shanghai",
    "HK": "Asia/Hong_Kong",
    "MO": "Asia/Macau",
    "TW": "Asia/Taipei",
    "SG": "Asia/Singapore",
    "MY": "Asia/Kuala_Lumpur",
    "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul",
    "TH": "Asia/Bangkok",
    "VN": "Asia/Ho_Chi_Minh",
    "PH": "Asia/Manila",
    "ID": "Asia/Jakarta",
    "IN": "Asia/Kolkata",
    "AE": "Asia/Dubai",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "NL": "Europe/Amsterdam",
    "ES": "Europe/Madrid",
    "IT": "Europe/Rome",
    "CH": "Europe/Zurich",
    "RU": "Europe/Moscow",
}


def default_zone(region: str) -> str:
    """The IANA zone a calendar of ``region`` uses when none is given (``UTC`` if unlisted)."""
    return _ZONES.get(region, "UTC")


def _known_codes() -> dict[str, str]:
    """Alpha-2 codes and English class names, each mapped to the alpha-2 code."""
    known: dict[str, str] = {}
    for entry in registry.COUNTRIES.values():
        name, alpha2 = entry[0], entry[1]
        known[alpha2] = alpha2
        known[name.upper()] = alpha2
        for alias in entry[2:]:
            known[alias.upper()] = alpha2
    return known


@lru_cache(maxsize=64)
def load_holidays(
    region: str, subdivision: str | None, first_year: int, last_year: int
) -> holidays.HolidayBase:
    """Public holidays of ``region``/``subdivision`` for the years, names in English.

    Raises:
        UnknownRegionError: the code is not one ``holidays`` knows, naming close matches.
    """
    supported = holidays.list_supported_countries()
    if region not in supported:
        known = _known_codes()
        guesses = difflib.get_close_matches(region.upper(), known, n=5, cutoff=0.5)
        close = sorted({known[g] for g in guesses})
        hint = f"close matches: {', '.join(close)}" if close else "see holidays.list_supported_countries()"
        msg = f"unknown region code {region!r} for a working-day calendar; {hint}."
        raise UnknownRegionError(msg)
    subdivisions = supported[region]
    if subdivision is not None and subdivision not in subdivisions:
        close = difflib.get_close_matches(subdivision.upper(), subdivisions, n=5, cutoff=0.3)
        if close:
            hint = f"close matches: {', '.join(close)}"
        elif subdivisions:
            hint = f"allowed: {', '.join(subdivisions)}"
        else:
            hint = f"{region} has no subdivisions"
        msg = f"unknown subdivision {subdivision!r} of region {region!r}; {hint}."
        raise UnknownRegionError(msg)
    probe = holidays.country_holidays(region, years=[])
    language = "en_US" if "en_US" in getattr(probe, "supported_languages", ()) else None
    return holidays.country_holidays(
        region,
        subdiv=subdivision,
        years=range(first_year, last_year + 1),
        language=language,
    )


def announced_through(calendar: holidays.HolidayBase, default: int) -> int:
    """The last year whose make-up working days come from an official notice.

    Countries with make-up working days (China's 调休) publish them year by
    year; ``holidays`` lists each notice's swaps in ``special_public_holidays``.
    For every other country the rules are fixed and every year is confirmed.
    """
    if not calendar.weekend_workdays:
        return default
    special = getattr(calendar, "special_public_holidays", None) or {}
    years = [y for y in special if isinstance(y, int)]
    return max(years) if years else default


def is_date(value: object) -> bool:
    """A plain date (a ``datetime`` is refused: the time of day would be silently lost)."""
    return isinstance(value, date) and not hasattr(value, "hour")
