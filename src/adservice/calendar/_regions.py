"""Region codes, their offices' time zones and days off, and the ``holidays`` lookups behind them.

Three-letter codes are the same calendars as their two-letter codes, and
every region runs in its office's zone (from the table tools/build_zones.py
builds out of tzdata):

    >>> canonical_region("CHN"), default_zone("CN", None), default_zone("US", "CA")
    ('CN', 'Asia/Shanghai', 'America/Los_Angeles')
"""

from __future__ import annotations

import difflib
import re
import warnings
from datetime import date
from functools import lru_cache

import attrs
import holidays
from holidays import registry

from adservice.calendar._zones import COUNTRY_ZONES, SUBDIVISION_ZONES
from adservice.errors import InvalidCalendarError, UnknownRegionError, brief

__all__ = [
    "OFFICE_DEFAULTS",
    "Source",
    "canonical_region",
    "default_zone",
    "is_date",
    "load_holidays",
    "office_default",
]


@attrs.frozen
class OfficeDefault:
    """How an office in a region closes where that differs from ``holidays``' default."""

    subdivision: str | None  # the subdivision whose days off apply when none is given
    categories: tuple[str, ...] | None  # the categories of holiday offices close on
    note: str  # one line, shown in the calendar's repr and the docs


#: Regions whose offices close on other days than ``holidays``' default for the region.
OFFICE_DEFAULTS: dict[str, OfficeDefault] = {
    # Hong Kong's general holidays (banks, offices and schools close) include Good Friday, the day
    # after it, Easter Monday and the first weekday after Christmas; holidays files them as "optional".
    "HK": OfficeDefault(None, ("optional", "public"), "general holidays (banks and offices close)"),
    # Without a nation, holidays gives only the UK-wide days (no Easter Monday, no August bank holiday).
    "GB": OfficeDefault("ENG", None, "England and Wales bank holidays; pass subdivision='SCT' or 'NIR'"),
}

#: Regions whose data source carries official years beyond its make-up-day lists: holidays 0.109
#: cites Taiwan's DGPA work calendar for 1998-2026 (2026 has no make-up working day to count).
_OFFICIAL_THROUGH: dict[str, int] = {"TW": 2026}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Alpha-2 and alpha-3 codes and English class names, each mapped to the alpha-2 code."""
    known: dict[str, str] = {}
    for entry in registry.COUNTRIES.values():
        name, alpha2 = entry[0], entry[1]
        known[name.upper()] = alpha2
        for alias in entry[2:]:
            if alias.isupper() and len(alias) == 3:
                known[alias] = alpha2
        known[alpha2] = alpha2
    return known


def canonical_region(region: str) -> str:
    """The two-letter code of ``region`` (``"CHN"`` → ``"CN"``); unknown codes come back unchanged."""
    if len(region) == 3 and region.isupper():
        return _codes().get(region, region)
    return region


def office_default(region: str) -> OfficeDefault | None:
    """What offices in ``region`` close on where it differs from ``holidays``' default, if it does."""
    return OFFICE_DEFAULTS.get(region)


def default_zone(region: str, subdivision: str | None) -> str:
    """The IANA zone an office in ``region``/``subdivision`` keeps its hours in.

    A subdivision in its own zone gets it; a country with several zones and no
    subdivision gets its capital's zone.

    Raises:
        InvalidCalendarError: the table decides no zone (e.g. Antarctica); it asks for ``tz=``.
    """
    zone = SUBDIVISION_ZONES.get((region, subdivision)) if subdivision else None
    if zone is None and (subdivision is None or not any(c == region for c, _ in SUBDIVISION_ZONES)):
        zone = COUNTRY_ZONES.get(region)
    if zone is None:
        where = f"{region}-{subdivision}" if subdivision else region
        msg = (
            f"no time zone is known for {where}: it spans several zones or none; "
            "pass tz= (on the command line --tz) with an IANA zone name, e.g. tz='Asia/Shanghai'."
        )
        raise InvalidCalendarError(msg)
    return zone


def _unknown_region(region: str) -> UnknownRegionError:
    known = _codes()
    guesses = difflib.get_close_matches(region.upper(), known, n=5, cutoff=0.5)
    close = sorted({known[g] for g in guesses})
    hint = f"close matches: {', '.join(close)}" if close else "see holidays.list_supported_countries()"
    return UnknownRegionError(f"unknown region code {brief(region)} for a working-day calendar; {hint}.")


def check_region(region: str, subdivision: str | None, categories: tuple[str, ...]) -> None:
    """Refuse codes and categories ``holidays`` does not know.

    Raises:
        UnknownRegionError: unknown region or subdivision, naming close matches.
        InvalidCalendarError: a category the region does not have, naming those it has.
    """
    supported = holidays.list_supported_countries()
    if region not in supported:
        raise _unknown_region(region)
    subdivisions = supported[region]
    if subdivision is not None and subdivision not in subdivisions:
        close = difflib.get_close_matches(subdivision.upper(), subdivisions, n=5, cutoff=0.3)
        if close:
            hint = f"close matches: {', '.join(close)}"
        elif subdivisions:
            hint = f"allowed: {', '.join(subdivisions)}"
        else:
            hint = f"{region} has no subdivisions"
        raise UnknownRegionError(
            f"unknown subdivision {brief(subdivision)} of region {brief(region)}; {hint}."
        )
    allowed = _categories(region)
    wrong = [c for c in categories if c not in allowed]
    if wrong or not categories:
        msg = (
            f"categories {brief(categories)} are not all holiday categories of {region}; "
            f"choose one or more of {', '.join(allowed)}."
        )
        raise InvalidCalendarError(msg)


@lru_cache(maxsize=512)
def _categories(region: str) -> tuple[str, ...]:
    probe = holidays.country_holidays(region, years=[])
    return tuple(sorted(getattr(probe, "supported_categories", ("public",))))


@lru_cache(maxsize=512)
def default_categories(region: str) -> tuple[str, ...]:
    """The categories a calendar of ``region`` closes on by default."""
    office = OFFICE_DEFAULTS.get(region)
    if office is not None and office.categories is not None:
        return office.categories
    probe = holidays.country_holidays(region, years=[])
    return (str(getattr(probe, "default_category", "public")),)


@attrs.frozen
class Source:
    """The days off of a region from ``holidays``, and how far its data is official."""

    days_off: dict[date, str]
    makeup_days: frozenset[date]
    confirmed_through: int
    notice_based: bool  # make-up working days are announced year by year (CN, TW, ...)


@lru_cache(maxsize=64)
def load_holidays(
    region: str, subdivision: str | None, categories: tuple[str, ...], first_year: int, last_year: int
) -> Source:
    """Days off of ``region``/``subdivision`` for the years, names in English, without a warning.

    ``holidays`` warns about years its data does not cover (India's Hindu
    holidays outside 2001-2035); the warning is caught here and the years it
    names become provisional instead.
    """
    probe = holidays.country_holidays(region, years=[])
    language = "en_US" if "en_US" in getattr(probe, "supported_languages", ()) else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        public = holidays.country_holidays(
            region,
            subdiv=subdivision,
            years=range(first_year, last_year + 1),
            language=language,
            categories=categories,
        )
    confirmed = _confirmed_through(region, public, last_year)
    for warning in caught:
        span = re.search(r"from (\d{4}) to (\d{4})", str(warning.message))
        if span:
            confirmed = min(confirmed, int(span[2]))
    return Source(
        dict(public.items()),
        frozenset(public.weekend_workdays),
        confirmed,
        bool(public.weekend_workdays),
    )


def _confirmed_through(region: str, public: holidays.HolidayBase, default: int) -> int:
    """The last year the data source states officially.

    Countries with make-up working days (China's 调休) publish them year by
    year; ``holidays`` lists each notice's swaps in ``special_public_holidays``.
    Holidays it labels "(estimated)" (Singapore's lunar and Islamic ones) are
    not official either: the years from the first estimated one on are provisional.
    """
    confirmed = default
    if public.weekend_workdays:
        special = getattr(public, "special_public_holidays", None) or {}
        years = [y for y in special if isinstance(y, int)]
        confirmed = max([*years, _OFFICIAL_THROUGH.get(region, 0)]) if years else default
    estimated = {day.year for day, name in public.items() if "estimated" in name}
    year = default
    while year in estimated:
        year -= 1
    return min(confirmed, year)


def is_date(value: object) -> bool:
    """A plain date (a ``datetime`` is refused: the time of day would be silently lost)."""
    return isinstance(value, date) and not hasattr(value, "hour")
