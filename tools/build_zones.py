"""Build ``src/adservice/calendar/_zones.py``: region and subdivision → IANA zone, from tzdata.

    python tools/build_zones.py            # rewrite the data module from the installed tzdata
    python tools/build_zones.py --check    # exit 1 if the shipped module differs

Source: the IANA time zone database's country-to-zone tables as shipped by the
``tzdata`` package (``tzdata/zoneinfo/zone.tab``: each ISO 3166 country with
every zone in it; ``iso3166.tab``: the country names). A country with one zone
gets it. A country with several gets the zone of its capital (``CAPITALS``
below, the one human decision per country), and each subdivision that
``holidays`` knows gets the zone of its own seat (``SUBDIVISIONS``). A country
or subdivision neither table decides has no entry: the calendar then refuses
and asks for ``tz=``. Every zone named here must be listed in zone.tab for the
country (or, for a territory, under its own ISO code): :func:`build` checks it.
"""

from __future__ import annotations

# ruff: noqa: SIM905 - the tables read best as space-separated codes
import sys
from pathlib import Path

import tzdata

OUT = Path(__file__).resolve().parent.parent / "src" / "adservice" / "calendar" / "_zones.py"

#: Countries with several zones in zone.tab: the zone of the capital. Missing ones are undecided
#: (AQ Antarctica and UM the US Minor Outlying Islands have no capital; PS: the seat is disputed).
CAPITALS: dict[str, str] = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",  # Canberra
    "BR": "America/Sao_Paulo",  # Brasilia
    "CA": "America/Toronto",  # Ottawa
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",  # Beijing
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",  # Quito
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",  # Palikir
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",  # Astana
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",  # Wellington
    "PF": "Pacific/Tahiti",  # Papeete
    "PG": "Pacific/Port_Moresby",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",  # Washington
    "UZ": "Asia/Tashkent",
}

_ARG = "America/Argentina/"
_CHI, _NY, _DEN, _LA = "America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles"
_KL, _KCH = "Asia/Kuala_Lumpur", "Asia/Kuching"
#: Subdivisions (holidays' codes) of several-zone countries: the zone of the subdivision's seat.
#: Subdivisions of one-zone countries need no entry. Missing ones are undecided
#: (AU "NSW Western": several zones; US "UM": no seat).
SUBDIVISIONS: dict[str, dict[str, str]] = {
    "AR": {
        "A": _ARG + "Salta",
        "B": _ARG + "Buenos_Aires",
        "C": _ARG + "Buenos_Aires",
        "D": _ARG + "San_Luis",
        "E": _ARG + "Cordoba",
        "F": _ARG + "La_Rioja",
        "G": _ARG + "Cordoba",
        "H": _ARG + "Cordoba",
        "J": _ARG + "San_Juan",
        "K": _ARG + "Catamarca",
        "L": _ARG + "Salta",
        "M": _ARG + "Mendoza",
        "N": _ARG + "Cordoba",
        "P": _ARG + "Cordoba",
        "Q": _ARG + "Salta",
        "R": _ARG + "Salta",
        "S": _ARG + "Cordoba",
        "T": _ARG + "Tucuman",
        "U": _ARG + "Catamarca",
        "V": _ARG + "Ushuaia",
        "W": _ARG + "Cordoba",
        "X": _ARG + "Cordoba",
        "Y": _ARG + "Jujuy",
        "Z": _ARG + "Rio_Gallegos",
    },
    "AU": {
        "ACT": "Australia/Sydney",
        "NSW": "Australia/Sydney",
        "NT": "Australia/Darwin",
        "QLD": "Australia/Brisbane",
        "SA": "Australia/Adelaide",
        "TAS": "Australia/Hobart",
        "VIC": "Australia/Melbourne",
        "WA": "Australia/Perth",
    },
    "BR": {
        "AC": "America/Rio_Branco",
        "AL": "America/Maceio",
        "AM": "America/Manaus",
        "AP": "America/Belem",
        "BA": "America/Bahia",
        "CE": "America/Fortaleza",
        "DF": "America/Sao_Paulo",
        "ES": "America/Sao_Paulo",
        "GO": "America/Sao_Paulo",
        "MA": "America/Fortaleza",
        "MG": "America/Sao_Paulo",
        "MS": "America/Campo_Grande",
        "MT": "America/Cuiaba",
        "PA": "America/Belem",
        "PB": "America/Fortaleza",
        "PE": "America/Recife",
        "PI": "America/Fortaleza",
        "PR": "America/Sao_Paulo",
        "RJ": "America/Sao_Paulo",
        "RN": "America/Fortaleza",
        "RO": "America/Porto_Velho",
        "RR": "America/Boa_Vista",
        "RS": "America/Sao_Paulo",
        "SC": "America/Sao_Paulo",
        "SE": "America/Maceio",
        "SP": "America/Sao_Paulo",
        "TO": "America/Araguaina",
        "São Paulo Capital": "America/Sao_Paulo",
    },
    "CA": {
        "AB": "America/Edmonton",
        "BC": "America/Vancouver",
        "MB": "America/Winnipeg",
        "NB": "America/Moncton",
        "NL": "America/St_Johns",
        "NS": "America/Halifax",
        "NT": "America/Edmonton",
        "NU": "America/Iqaluit",
        "ON": "America/Toronto",
        "PE": "America/Halifax",
        "QC": "America/Toronto",
        "SK": "America/Regina",
        "YT": "America/Whitehorse",
    },
    "CL": {
        "AI": "America/Coyhaique",
        "MA": "America/Punta_Arenas",
        **{s: "America/Santiago" for s in "AN AP AR AT BI CO LI LL LR ML NB RM TA VS".split()},
    },
    "DE": {s: "Europe/Berlin" for s in "BB BE BW BY HB HE HH MV NI NW RP SH SL SN ST TH Augsburg".split()},
    "ES": {
        "CN": "Atlantic/Canary",
        "CE": "Africa/Ceuta",
        "ML": "Africa/Ceuta",
        **{s: "Europe/Madrid" for s in "AN AR AS CB CL CM CT EX GA IB MC MD NC PV RI VC Barcelona".split()},
    },
    "FM": {"KSA": "Pacific/Kosrae", "PNI": "Pacific/Pohnpei", "TRK": "Pacific/Chuuk", "YAP": "Pacific/Chuuk"},
    "MY": {
        "12": _KCH,
        "13": _KCH,
        "15": _KCH,
        **{f"{n:02d}": _KL for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 16)},
    },
    "NZ": {
        "CIT": "Pacific/Chatham",
        **{
            s: "Pacific/Auckland"
            for s in [
                *"AUK BOP CAN GIS HKB MBH MWT NSN NTL OTA STL TAS TKI WGN WKO WTC".split(),
                "South Canterbury",
            ]
        },
    },
    "PT": {
        "20": "Atlantic/Azores",
        "30": "Atlantic/Madeira",
        **{f"{n:02d}": "Europe/Lisbon" for n in range(1, 19)},
    },
    "US": {
        "AK": "America/Anchorage",
        "AL": _CHI,
        "AR": _CHI,
        "AS": "Pacific/Pago_Pago",
        "AZ": "America/Phoenix",
        "CA": _LA,
        "CO": _DEN,
        "CT": _NY,
        "DC": _NY,
        "DE": _NY,
        "FL": _NY,
        "GA": _NY,
        "GU": "Pacific/Guam",
        "HI": "Pacific/Honolulu",
        "IA": _CHI,
        "ID": "America/Boise",
        "IL": _CHI,
        "IN": "America/Indiana/Indianapolis",
        "KS": _CHI,
        "KY": _NY,
        "LA": _CHI,
        "MA": _NY,
        "MD": _NY,
        "ME": _NY,
        "MI": "America/Detroit",
        "MN": _CHI,
        "MO": _CHI,
        "MP": "Pacific/Saipan",
        "MS": _CHI,
        "MT": _DEN,
        "NC": _NY,
        "ND": _CHI,
        "NE": _CHI,
        "NH": _NY,
        "NJ": _NY,
        "NM": _DEN,
        "NV": _LA,
        "NY": _NY,
        "OH": _NY,
        "OK": _CHI,
        "OR": _LA,
        "PA": _NY,
        "PR": "America/Puerto_Rico",
        "RI": _NY,
        "SC": _NY,
        "SD": _CHI,
        "TN": _CHI,
        "TX": _CHI,
        "UT": _DEN,
        "VA": _NY,
        "VI": "America/St_Thomas",
        "VT": _NY,
        "WA": _LA,
        "WI": _CHI,
        "WV": _NY,
        "WY": _DEN,
    },
}
#: US territories keep their own ISO code in zone.tab.
_TERRITORY = {"AS": "AS", "GU": "GU", "MP": "MP", "PR": "PR", "VI": "VI"}


def read_zone_tab(folder: Path) -> dict[str, list[str]]:
    """zone.tab as country code → its zones, in the file's order."""
    zones: dict[str, list[str]] = {}
    for line in (folder / "zone.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _coords, zone = line.split("\t")[:3]
            zones.setdefault(code, []).append(zone)
    return zones


def build(folder: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(country → zone, country → subdivision → zone) from the tables in ``folder``; checks every choice."""
    zones = read_zone_tab(folder)
    countries: dict[str, str] = {}
    for code, listed in sorted(zones.items()):
        if len(listed) == 1:
            countries[code] = listed[0]
        elif code in CAPITALS:
            countries[code] = CAPITALS[code]
    for code, zone in CAPITALS.items():
        if zone not in zones.get(code, ()):
            raise SystemExit(f"{code}: capital zone {zone} is not listed for it in zone.tab")
    for code, subs in SUBDIVISIONS.items():
        for sub, zone in subs.items():
            if zone not in zones.get(code, ()) + zones.get(_TERRITORY.get(sub, code), []):
                raise SystemExit(f"{code}-{sub}: zone {zone} is not listed for it in zone.tab")
    return countries, {c: dict(sorted(s.items())) for c, s in sorted(SUBDIVISIONS.items())}


def render(countries: dict[str, str], subdivisions: dict[str, dict[str, str]], version: str) -> str:
    def packed(pairs: list[str]) -> str:
        lines, line = [], ""
        for pair in pairs:
            if len(line) + len(pair) > 90:
                lines.append(line)
                line = ""
            line += pair + " "
        lines.append(line)
        return "\n".join(f'    "{line}"' for line in lines)

    country_pairs = [f"{c}={z}" for c, z in countries.items()]
    sub_pairs = [
        f"{c}-{s.replace(' ', '_')}={z}" for c, subs in subdivisions.items() for s, z in subs.items()
    ]
    return f'''"""Region and subdivision → IANA zone. GENERATED by tools/build_zones.py from tzdata {version}.

Do not edit: rerun the script. Source: the IANA time zone database's ``zone.tab``
(country → zones) as shipped by the ``tzdata`` package. A country with several
zones maps to its capital's zone; subdivisions of such countries map to their
seat's zone (choices listed in
tools/build_zones.py). Entries are ``CODE=Zone`` (subdivision names with spaces
use ``_``).
"""

from __future__ import annotations

__all__ = ["COUNTRY_ZONES", "SUBDIVISION_ZONES", "TZDATA_VERSION"]

TZDATA_VERSION = "{version}"

_COUNTRIES = (
{packed(country_pairs)}
)
_SUBDIVISIONS = (
{packed(sub_pairs)}
)

#: ISO 3166 alpha-2 code → IANA zone.
COUNTRY_ZONES: dict[str, str] = dict(p.split("=", 1) for p in _COUNTRIES.split())
#: ``(country, subdivision)`` → IANA zone, for countries with several zones.
SUBDIVISION_ZONES: dict[tuple[str, str], str] = {{
    (key.split("-", 1)[0], key.split("-", 1)[1].replace("_", " ")): zone
    for key, zone in (p.split("=") for p in _SUBDIVISIONS.split())
}}
'''


def main() -> int:
    folder = Path(tzdata.__file__).resolve().parent / "zoneinfo"
    text = render(*build(folder), tzdata.IANA_VERSION)
    if "--check" in sys.argv:
        same = OUT.read_text(encoding="utf-8") == text
        print(
            "up to date"
            if same
            else f"{OUT} differs from tzdata {tzdata.IANA_VERSION}; rerun without --check"
        )
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} from tzdata {tzdata.IANA_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
