"""Calendars around the world (issue 10 §1-§3): office zones, office days, provisional years."""

from __future__ import annotations

import importlib.util
import warnings
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
import tzdata
from holidays import registry

from adservice import WorkCalendar
from adservice.calendar._zones import COUNTRY_ZONES, SUBDIVISION_ZONES, TZDATA_VERSION
from adservice.errors import InvalidCalendarError, InvalidInputError, ProvisionalCalendarError, SchemaError

ROOT = Path(__file__).resolve().parent.parent
ALPHA2 = sorted({entry[1] for entry in registry.COUNTRIES.values()})
UNDECIDED = {"AQ", "BV", "HM", "PS", "UM", "XK"}  # no capital, disputed seat, or not in zone.tab


def d(text: str) -> date:
    return date.fromisoformat(text)


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_zones", ROOT / "tools" / "build_zones.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- §1 zones --------------------------------------------------------------------


def test_zone_table_is_what_the_installed_tzdata_gives() -> None:
    generator = _generator()
    folder = Path(tzdata.__file__).resolve().parent / "zoneinfo"
    countries, subdivisions = generator.build(folder)
    assert countries == COUNTRY_ZONES, f"rerun tools/build_zones.py (shipped from tzdata {TZDATA_VERSION})"
    flat = {(c, s): z for c, subs in subdivisions.items() for s, z in subs.items()}
    assert flat == SUBDIVISION_ZONES
    listed = generator.read_zone_tab(folder)
    for code, zone in COUNTRY_ZONES.items():
        assert zone in listed[code], code
        ZoneInfo(zone)
    for (code, sub), zone in SUBDIVISION_ZONES.items():
        assert zone in listed[code] + listed.get(sub, []), (code, sub)


def test_every_region_runs_in_a_zone_of_its_own_or_asks_for_one() -> None:
    for code in ALPHA2:
        if code in UNDECIDED:
            with pytest.raises(InvalidCalendarError, match="pass tz="):
                WorkCalendar(code, horizon=(2024, 2026))
            assert str(WorkCalendar(code, horizon=(2024, 2026), tz="UTC").tz) == "UTC"
        else:
            cal = WorkCalendar(code, horizon=(2024, 2026))
            assert str(cal.tz) == COUNTRY_ZONES[code] != "UTC", code


@pytest.mark.parametrize(
    ("region", "subdivision", "zone"),
    [
        ("CN", None, "Asia/Shanghai"),
        ("US", None, "America/New_York"),  # the capital's zone
        ("US", "CA", "America/Los_Angeles"),
        ("US", "HI", "Pacific/Honolulu"),
        ("AU", None, "Australia/Sydney"),
        ("AU", "WA", "Australia/Perth"),
        ("CA", None, "America/Toronto"),
        ("CA", "BC", "America/Vancouver"),
        ("BR", "AM", "America/Manaus"),
        ("ES", "CN", "Atlantic/Canary"),
        ("DE", "BY", "Europe/Berlin"),
        ("GB", "SCT", "Europe/London"),  # one zone: every subdivision shares it
    ],
)
def test_subdivisions_get_their_own_zone(region: str, subdivision: str | None, zone: str) -> None:
    assert str(WorkCalendar(region, subdivision=subdivision, horizon=(2024, 2026)).tz) == zone


def test_a_subdivision_spanning_zones_asks_for_one() -> None:
    with pytest.raises(InvalidCalendarError, match=r"AU-NSW Western.*tz="):
        WorkCalendar("AU", subdivision="NSW Western")
    assert str(WorkCalendar("AU", subdivision="NSW Western", tz="Australia/Broken_Hill").tz) == (
        "Australia/Broken_Hill"
    )


def test_alpha3_codes_are_the_alpha2_calendars() -> None:
    for alpha3, alpha2 in [("CHN", "CN"), ("USA", "US"), ("GBR", "GB"), ("HKG", "HK"), ("DEU", "DE")]:
        cal = WorkCalendar(alpha3, horizon=(2020, 2030))
        assert cal == WorkCalendar(alpha2, horizon=(2020, 2030))
        assert cal.region == alpha2 and str(cal.tz) == COUNTRY_ZONES[alpha2]
    assert WorkCalendar("CHN").add_working_days(d("2025-09-26"), 2) == d("2025-09-29")


@pytest.mark.parametrize("region", ["CN", "IN", "US", "HK", "GB", "SG", "TW", "DE", "JP", "CHN", "IND"])
def test_a_default_calendar_warns_nothing(region: str) -> None:
    from adservice.calendar import _index, _regions

    _index.build_index.cache_clear()
    _regions.load_holidays.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        WorkCalendar(region)


def test_india_outside_its_data_years_is_provisional_not_a_warning() -> None:
    india = WorkCalendar("IN")
    assert india.confirmed_through <= 2035  # holidays' Hindu holidays end in 2035
    assert india.is_provisional(d("2036-01-01"))


# -- §2 office days ----------------------------------------------------------------


def test_hong_kong_closes_on_its_general_holidays() -> None:
    hk = WorkCalendar("HK")
    for day in ("2025-04-18", "2025-04-19", "2025-04-21", "2025-12-26"):  # Good Friday .. Easter Monday
        assert not hk.is_working_day(d(day)), day
    assert hk.categories == ("optional", "public")
    assert "general holidays" in repr(hk)
    public_only = WorkCalendar("HK", categories=("public",))
    assert public_only.is_working_day(d("2025-04-21")) and public_only.office_days is None
    assert "office_days" not in repr(public_only)


def test_great_britain_without_a_nation_is_england_and_wales() -> None:
    gb = WorkCalendar("GB")
    assert not gb.is_working_day(d("2025-04-21"))  # Easter Monday
    assert not gb.is_working_day(d("2025-08-25"))  # the August bank holiday
    assert "England and Wales" in repr(gb)
    scotland = WorkCalendar("GB", subdivision="SCT")
    assert scotland.is_working_day(d("2025-04-21")) and not scotland.is_working_day(d("2025-08-04"))
    assert scotland.office_days is None


def test_bavaria_can_close_on_assumption_day() -> None:
    assert WorkCalendar("DE", subdivision="BY").is_working_day(d("2025-08-15"))
    catholic = WorkCalendar("DE", subdivision="BY", categories=("public", "catholic"))
    assert catholic.day_kind(d("2025-08-15")).name == "Assumption Day"
    assert catholic.categories == ("catholic", "public")
    assert catholic == WorkCalendar("DE", subdivision="BY", categories=["catholic", "public"])
    assert catholic != WorkCalendar("DE", subdivision="BY")
    assert WorkCalendar.from_dict(catholic.to_dict()) == catholic
    assert catholic.to_dict()["categories"] == ["catholic", "public"]


def test_unknown_or_malformed_categories_are_refused() -> None:
    with pytest.raises(InvalidCalendarError, match="catholic, public, school"):
        WorkCalendar("DE", categories=("bank",))
    with pytest.raises(InvalidCalendarError):
        WorkCalendar("DE", categories=())
    with pytest.raises(InvalidInputError):
        WorkCalendar("DE", categories=(1,))  # type: ignore[arg-type]
    data = WorkCalendar("CN").to_dict()
    with pytest.raises(SchemaError):
        WorkCalendar.from_dict({**data, "categories": "public"})
    old = {k: v for k, v in data.items() if k != "categories"}  # settings saved before issue 10
    assert WorkCalendar.from_dict(old) == WorkCalendar("CN")


def test_repr_shows_every_setting_that_changes_an_answer() -> None:
    from datetime import time

    cal = WorkCalendar(
        "DE",
        subdivision="BY",
        categories=("public", "catholic"),
        weekend=(4, 5),
        closures=[d("2025-09-29")],
        extra_working_days=[d("2025-10-03")],
        business_hours=(time(8, 30), time(16)),
        tz="Europe/Vienna",
        horizon=(2000, 2050),
        confirmed_through=2040,
        strict=True,
    )
    text = repr(cal)
    for part in (
        "'DE'",
        "subdivision='BY'",
        "tz='Europe/Vienna'",
        "weekend=(4, 5)",
        "business_hours=08:30-16:00",
        "categories=('catholic', 'public')",
        "closures=1 days",
        "extra_working_days=1 days",
        "horizon=(2000, 2050)",
        "confirmed_through=2040",
        "strict=True",
    ):
        assert part in text, part


# -- §3 provisional ------------------------------------------------------------------


def test_strict_calendars_refuse_backward_answers_resting_on_provisional_days() -> None:
    strict = WorkCalendar("CN", strict=True)
    assert strict.confirmed_through == 2026
    with pytest.raises(ProvisionalCalendarError, match="2027-01-02"):
        strict.add_working_days(d("2027-01-02"), 0, "backward")
    with pytest.raises(ProvisionalCalendarError):
        strict.add_working_days(d("2027-01-05"), -5)
    with pytest.raises(ProvisionalCalendarError):
        strict.add_working_days_many([d("2027-01-02")], [0], "backward")
    with pytest.raises(ProvisionalCalendarError):
        strict.previous_working_day(d("2027-01-04"))
    with pytest.raises(ProvisionalCalendarError):
        strict.working_days_in_month(2026, 12)
    with pytest.raises(ProvisionalCalendarError):
        strict.working_days_between(d("2026-12-01"), d("2026-12-28"))
    assert strict.working_days_between(d("2026-12-01"), d("2026-12-24")) == 17
    assert strict.add_working_days(d("2026-12-24"), -3) == d("2026-12-21")
    loose = WorkCalendar("CN")
    assert loose.add_working_days(d("2027-01-02"), 0, "backward") == d("2026-12-31")


def test_the_last_week_of_december_waits_for_the_next_notice() -> None:
    cn = WorkCalendar("CN")
    assert not cn.is_provisional(d("2026-12-24"))
    assert all(cn.is_provisional(date(2026, 12, day)) for day in range(25, 32))
    assert cn.day_kind(d("2026-12-31")).provisional
    # 2019's notice moved 2018's last week: a calendar confirmed through 2018 could not know it
    old = WorkCalendar("CN", confirmed_through=2018, strict=True)
    with pytest.raises(ProvisionalCalendarError, match="last week of 2018"):
        old.is_working_day(d("2018-12-29"))
    # regions without yearly notices keep their whole last year
    assert not WorkCalendar("US", confirmed_through=2026).is_provisional(d("2026-12-31"))


def test_confirmed_years_follow_the_data_source() -> None:
    assert WorkCalendar("TW").confirmed_through == 2026  # DGPA's 2026 calendar is in holidays
    singapore = WorkCalendar("SG")
    estimated = [
        day
        for day, name in holidays.country_holidays("SG", years=range(2000, 2101)).items()
        if "estimated" in name and day.year > 2000
    ]
    assert estimated and singapore.confirmed_through == min(estimated).year - 1
    assert singapore.day_kind(min(estimated)).provisional
    assert not singapore.is_provisional(date(singapore.confirmed_through, 12, 31))


def test_the_command_line_takes_a_zone(capsys: pytest.CaptureFixture[str]) -> None:
    from adservice.cli import main

    received = ["plan", "print_single", "--received", "2025-09-26T10:00+08:00"]
    assert main([*received, "--region", "CHN"]) == 0
    assert "CN (Asia/Shanghai)" in capsys.readouterr().out
    assert main([*received, "--region", "US", "--tz", "America/Chicago"]) == 0
    assert "US (America/Chicago)" in capsys.readouterr().out
    assert main(["check", "2025-10-01", "--region", "AQ"]) == 2
    assert "--tz" in capsys.readouterr().err
