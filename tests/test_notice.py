"""China's official holiday notices: parsed as published, compared with holidays' data, applied."""

from __future__ import annotations

import contextlib
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import DayKind, Festival, Notice, NoticeError, WorkCalendar, parse_notice
from adservice.calendar.notice import FESTIVALS
from adservice.errors import AdServiceError, InvalidCalendarError, InvalidInputError, SchemaError

NOTICES = Path(__file__).parent / "fixtures" / "notices"
YEARS = tuple(range(2008, 2027))
#: Years whose found text carries no document number (the calendar then cites the title).
NUMBERLESS = frozenset({2008})


def fixture(name: str) -> Notice:
    return parse_notice((NOTICES / f"{name}.txt").read_text(encoding="utf-8"))


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=k) for k in range((end - start).days + 1)]


# Days where holidays' data is not the yearly notice alone, each for a reason found in another notice.
# Any other difference fails the comparison: holidays' data is not papered over.
OTHER_NOTICES = {
    # The State Council's separate notice on the 70th anniversary of the victory in the War of
    # Resistance (…胜利70周年纪念日调休放假的通知, 2015): Sep 3-4 off, Sun Sep 6 worked.
    2015: {date(2015, 9, 3): False, date(2015, 9, 4): False, date(2015, 9, 6): True},
    # 国办发明电〔2019〕3号, the Labour Day amendment (a fixture: applied in test_amendment_after_its_notice).
    2019: {date(2019, 4, 28): True, date(2019, 5, 2): False, date(2019, 5, 3): False, date(2019, 5, 5): True},
    # 国办发明电〔2020〕1号 extended the Spring Festival to Feb 2 (COVID-19); its form (延长…) is not parsed.
    2020: {date(2020, 1, 31): False, date(2020, 2, 1): False},
}


def notice_working(notice: Notice, d: date) -> bool:
    off = {x for f in notice.festivals for x in f.days_off}
    work = {x for f in notice.festivals for x in f.working_days}
    return d not in off and (d.weekday() < 5 or d in work)


@pytest.mark.parametrize("year", YEARS)
def test_each_notice_matches_holidays_day_by_day(year: int) -> None:
    notice = fixture(str(year))
    assert notice.year == year and not notice.amendment
    if year in NUMBERLESS:
        assert notice.number is None and notice.source == f"《{notice.title}》"
    else:
        assert notice.number is not None and notice.number.startswith("国办发明电〔")
    data = holidays.country_holidays("CN", years=range(year - 1, year + 1))
    found = {}
    for d in days(notice.first_day, notice.last_day):
        from_holidays = d not in data and (d.weekday() < 5 or d in data.weekend_workdays)
        if notice_working(notice, d) != from_holidays:
            found[d] = from_holidays
    assert found == OTHER_NOTICES.get(year, {})


@pytest.mark.parametrize("year", YEARS)
def test_a_notice_applied_to_the_calendar_changes_only_other_notices_days(year: int) -> None:
    notice = fixture(str(year))
    plain, noticed = WorkCalendar("CN"), WorkCalendar("CN", notices=[notice])
    changed = {
        d: plain.is_working_day(d)
        for d in days(date(year - 1, 12, 1), date(year, 12, 31))
        if plain.is_working_day(d) != noticed.is_working_day(d)
    }
    assert changed == OTHER_NOTICES.get(year, {})
    first_off = notice.festivals[0].days_off[0]
    assert noticed.day_kind(first_off).source == (notice.number or f"《{notice.title}》")
    assert plain.day_kind(first_off).source is None


def test_the_2019_notice_reads_cross_year_dates_and_weekends() -> None:
    notice = fixture("2019")
    assert notice.title == "国务院办公厅关于2019年部分节假日安排的通知"
    assert (notice.number, notice.issued) == ("国办发明电〔2018〕15号", date(2018, 12, 4))
    new_year = notice.festival("元旦")
    assert new_year.days_off == (date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1))
    assert new_year.working_days == (date(2018, 12, 29),)
    assert notice.festival("清明节").days_off == (date(2019, 4, 5), date(2019, 4, 6), date(2019, 4, 7))
    assert notice.festival("劳动节").days_off == (date(2019, 5, 1),)


def test_old_style_notices_read_the_day_worked_not_the_explanation() -> None:
    # 2009 explains each swap ("1月4日(星期日)公休日调至1月2日(星期五)") before saying who works.
    notice = fixture("2009")
    assert notice.issued is None  # the found text carries no signature date
    assert notice.festival("元旦").working_days == (date(2009, 1, 4),)
    national = notice.festival("国庆节")
    assert national.name == "国庆节、中秋节"
    assert national.english == "National Day and Mid-Autumn Festival"
    assert national.days_off == tuple(days(date(2009, 10, 1), date(2009, 10, 8)))
    assert national.working_days == (date(2009, 9, 27), date(2009, 10, 10))


def test_2025_reads_zhou_weekdays_and_no_swap() -> None:
    notice = fixture("2025")
    assert notice.festival("元旦") == Festival("元旦", (date(2025, 1, 1),))
    spring = notice.festival("春节")
    assert spring.days_off == tuple(days(date(2025, 1, 28), date(2025, 2, 4)))
    assert spring.working_days == (date(2025, 1, 26), date(2025, 2, 8))


def test_the_2024_eve_is_encouraged_not_given() -> None:
    # "鼓励…安排职工在除夕(2月9日)休息" is advice to employers, not a day off.
    assert date(2024, 2, 9) not in fixture("2024").festival("春节").days_off


def test_amendment_after_its_notice() -> None:
    notice, amendment = fixture("2019"), fixture("2019-labour-day-amendment")
    assert amendment.amendment and amendment.number == "国办发明电〔2019〕3号"
    assert amendment.festivals == (
        Festival(
            "劳动节", tuple(days(date(2019, 5, 1), date(2019, 5, 4))), (date(2019, 4, 28), date(2019, 5, 5))
        ),
    )
    cal = WorkCalendar("CN", notices=[notice, amendment])
    plain = WorkCalendar("CN")  # holidays carries the amendment already
    assert [
        d
        for d in days(date(2018, 12, 1), date(2019, 12, 31))
        if cal.is_working_day(d) != plain.is_working_day(d)
    ] == []
    info = cal.day_kind(date(2019, 5, 3))
    assert (info.kind, info.source) == (DayKind.PUBLIC_HOLIDAY, "国办发明电〔2019〕3号")
    assert (
        cal.day_kind(date(2019, 10, 4)).source == "国办发明电〔2018〕15号"
    )  # other festivals keep the notice
    # In the other order the yearly notice wins: notices apply in order.
    reverse = WorkCalendar("CN", notices=[amendment, notice])
    assert reverse.is_working_day(date(2019, 5, 2)) and not reverse.is_working_day(date(2019, 4, 28))


SYNTHETIC_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦:2027年1月1日(周五)至3日(周日)放假,共3天。
二、春节:2月5日(周五)至12日(周五)放假调休,共8天。2月14日(周日)上班。
国务院办公厅
2026年11月20日
"""  # a made-up notice (the 2027 one is not published): only for the calendar's behaviour


def test_a_new_notice_confirms_its_year_and_is_cited() -> None:
    notice = parse_notice(SYNTHETIC_2027)
    plain = WorkCalendar("CN", strict=True)
    cal = WorkCalendar("CN", notices=[notice], strict=True)
    assert (plain.confirmed_through, cal.confirmed_through) == (2026, 2027)
    assert not cal.is_provisional(date(2027, 2, 14))
    info = cal.day_kind(date(2027, 2, 14))
    assert (info.kind, info.source) == (DayKind.MAKEUP_WORKING_DAY, "国办发明电〔2026〕99号")
    assert (
        info.describe() == "Sun 2027-02-14 make-up working day (for Chinese New Year (Spring Festival), per "
        "国办发明电〔2026〕99号)"
    )
    assert cal.add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 14)
    assert "国办发明电〔2026〕99号" in str(cal.explain(date(2027, 2, 4), 1))
    assert "notices=[国办发明电〔2026〕99号]" in repr(cal)


def test_notices_survive_to_dict_and_take_part_in_equality() -> None:
    cal = WorkCalendar("CN", notices=[fixture("2019"), fixture("2019-labour-day-amendment")])
    data = json.loads(json.dumps(cal.to_dict(), ensure_ascii=False))
    back = WorkCalendar.from_dict(data)
    assert back == cal and hash(back) == hash(cal) and back.notices == cal.notices
    assert back != WorkCalendar("CN") and back != WorkCalendar("CN", notices=[fixture("2019")])
    old = {k: v for k, v in WorkCalendar("CN").to_dict().items() if k != "notices"}
    assert WorkCalendar.from_dict(old) == WorkCalendar("CN")  # saved before notices existed
    data["notices"][0]["festivals"][0]["days_off"] = ["2019-02-30"]
    with pytest.raises(SchemaError, match="2019-02-30"):
        WorkCalendar.from_dict(data)
    assert cal.replace(notices=()) == WorkCalendar("CN")


def test_notices_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="Notice"):
        WorkCalendar("CN", notices=[SYNTHETIC_2027])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        WorkCalendar("CN", notices=parse_notice(SYNTHETIC_2027))  # type: ignore[arg-type]
    with pytest.raises(InvalidCalendarError, match="'US'"):
        WorkCalendar("US", notices=[parse_notice(SYNTHETIC_2027)])
    with pytest.raises(NoticeError):
        Notice.from_dict({"year": 2027})
    bad = parse_notice(SYNTHETIC_2027).to_dict()
    bad["festivals"][0]["name"] = "胜利日"
    with pytest.raises(NoticeError, match="胜利日"):
        Notice.from_dict(bad)


GOOD = "国务院办公厅关于2019年部分节假日安排的通知\n国办发明电〔2018〕15号\n"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("", 1, "title"),
        ("各省、自治区、直辖市人民政府:\n一、元旦:1月1日放假。", 1, "title"),
        (GOOD + "一、元旦:2018年12月30日至2019年1月1日放假调休,共4天。", 3, "共4天"),
        (GOOD + "二、春节:2月4日至10日放假调休,共7天。2月2日(星期日)上班。", 3, "weekday"),
        (GOOD + "二、春节:2月30日放假。", 3, "real date"),
        (GOOD + "六、胜利日:9月3日放假。", 3, "festival name"),
        (GOOD + "四、劳动节:5月1日上班。", 3, "放假"),
        (GOOD + "四、劳动节:5月1日至3日放假。4月30日(星期二)上班。", 3, "weekday"),
        (GOOD + "四、劳动节:5月1日放假,与周末连休。", 3, "not next to a weekend"),
        (GOOD + "四、劳动节:5月1日放假,5月2日放假。", 3, "second"),
        (GOOD + "四、劳动节:5月1日放假或5月2日放假。", 3, "second"),
        (GOOD + "四、劳动节:5月1日至7月1日放假。", 3, "at most 16 days"),
        (GOOD + "四、劳动节:大约5月1日放假。", 3, "joined by 至"),
        (GOOD + "各省:\n节假日期间,要妥善安排。", 1, "numbered arrangements"),
        ("国务院办公厅关于调整2019年假期安排的通知\n一、5月1日至4日放假。", 1, "festival an amendment"),
        ("国务院办公厅关于2019年部分节假日安排的通知\n一、5月1日至4日放假。", 2, "festival name before"),
        (GOOD + "四、劳动节:5月1日放假。\n国务院办公厅\n2018年13月4日", 5, "signature date"),
        (GOOD + "四、劳动节:5月1日放假。\n五、五一:5月4日放假。", 4, "already arranged on line 3"),
        (GOOD + "四、劳动节:5月1日放假。\n五、端午节:5月1日放假。", 4, "already arranged"),
        (GOOD + "四、劳动节:2050年5月1日放假。", 3, "within a year of 2019"),
    ],
)
def test_garbled_texts_are_refused_naming_the_line(text: str, line: int, expected: str) -> None:
    with pytest.raises(NoticeError, match=f"line {line}:.*{expected}"):
        parse_notice(text)


def test_not_text_is_refused() -> None:
    with pytest.raises(NoticeError):
        parse_notice(b"notice")  # type: ignore[arg-type]
    assert issubclass(NoticeError, AdServiceError) and issubclass(NoticeError, ValueError)


# -- generated notices ----------------------------------------------------------------------

_TRADITIONAL = str.maketrans(
    "节国务办厅关于调劳动庆连周发电号补农历为", "節國務辦廳關於調勞動慶連週發電號補農曆為"
)
_WIDE = str.maketrans(":,()", "：，（）")
_SLOTS = {"元旦": 1, "春节": 2, "清明节": 4, "劳动节": 5, "端午节": 6, "中秋节": 9, "国庆节": 10}
_DAY_NAMES = "一二三四五六日"


@st.composite
def arrangements(draw: st.DrawFn) -> Notice:
    """A notice: festivals in their own months, a range of days off each, weekend days worked near it."""
    year = draw(st.integers(2001, 2098))
    chosen = draw(st.lists(st.sampled_from(list(_SLOTS)), min_size=1, max_size=7, unique=True))
    festivals = []
    for name in sorted(chosen, key=_SLOTS.__getitem__):
        month = _SLOTS[name]
        if name == "元旦" and draw(st.booleans()):
            start = date(year - 1, 12, draw(st.integers(24, 31)))  # a cross-year New Year
        else:
            start = date(year, month, draw(st.integers(1, 14)))
        off = tuple(days(start, start + timedelta(days=draw(st.integers(0, 8)))))
        near = [d for d in days(off[0] - timedelta(days=8), off[-1] + timedelta(days=8)) if d.weekday() >= 5]
        taken = {d for f in festivals for d in f.working_days}
        free = [d for d in near if d not in off and d not in taken]
        work = draw(st.lists(st.sampled_from(free), max_size=3, unique=True)) if free else []
        festivals.append(Festival(name, off, tuple(sorted(work))))
    number = draw(st.none() | st.integers(1, 60).map(lambda k: f"国办发明电〔{year - 1}〕{k}号"))
    issued = draw(st.none() | st.dates(date(year - 1, 10, 1), date(year - 1, 12, 20)))
    return Notice(year, f"国务院办公厅关于{year}年部分节假日安排的通知", tuple(festivals), number, issued)


def _date(d: date, year: int, previous: date | None, full: bool, weekday: str | None) -> str:
    if full or (d.year != year and (previous is None or previous.year != d.year)):
        text = f"{d.year}年{d.month}月{d.day}日"
    elif previous is not None and previous.month == d.month and previous.year == d.year:
        text = f"{d.day}日"
    else:
        text = f"{d.month}月{d.day}日"
    return text + (f"({weekday}{_DAY_NAMES[d.weekday()]})" if weekday else "")


def render(notice: Notice, data: st.DataObject) -> str:
    """The notice as the State Council would publish it, in a drawn style."""
    weekday = data.draw(st.sampled_from(["星期", "周"]))
    annotate = data.draw(st.booleans())
    dash = data.draw(st.sampled_from(["至", "—", "-"]))
    lines = [notice.title]
    if notice.number:
        lines.append(notice.number)
    lines += ["各省、自治区、直辖市人民政府,国务院各部委、各直属机构:", "经国务院批准,现将安排通知如下。"]
    for k, f in enumerate(notice.festivals):
        off = f.days_off
        full = off[0].year != off[-1].year
        first = _date(off[0], notice.year, None, full, weekday if annotate else None)
        fri_sun = len(off) == 3 and off[0].weekday() == 4
        if fri_sun and data.draw(st.booleans()):
            body = f"{first}放假,与周末连休。"
        elif len(off) == 1:
            body = f"{first}放假" + data.draw(st.sampled_from(["。", ",共1天。", "1天。"]))
        else:
            last = _date(off[-1], notice.year, off[0], full, weekday if annotate else None)
            body = f"{first}{dash}{last}放假调休,共{len(off)}天。"
        if f.working_days:
            worked = []
            previous = None
            for d in f.working_days:
                worked.append(_date(d, notice.year, previous, full and d.year != notice.year, weekday))
                previous = d
            body += "、".join(worked) + "上班。"
        lines.append(f"{'一二三四五六七'[k]}、{f.name}:{body}")
    lines += ["节假日期间,各地区、各部门要妥善安排好值班和安全、保卫等工作。", "国务院办公厅"]
    if notice.issued:
        lines.append(f"{notice.issued.year}年{notice.issued.month}月{notice.issued.day}日")
    text = "\n".join(lines)
    if data.draw(st.booleans()):
        text = text.translate(_TRADITIONAL)
    if data.draw(st.booleans()):
        text = text.translate(_WIDE)
    return text


@settings(max_examples=300, deadline=None)
@given(arrangements(), st.data())
def test_parse_returns_exactly_the_generated_arrangement(notice: Notice, data: st.DataObject) -> None:
    assert parse_notice(render(notice, data)) == notice


@settings(max_examples=100, deadline=None)
@given(arrangements(), st.data())
def test_a_generated_notice_decides_its_days_on_the_calendar(notice: Notice, data: st.DataObject) -> None:
    cal = WorkCalendar("CN", notices=[parse_notice(render(notice, data))])
    assert cal.confirmed_through >= notice.year
    for f in notice.festivals:
        for d in f.days_off:
            info = cal.day_kind(d)
            assert info.kind is DayKind.PUBLIC_HOLIDAY and info.source == notice.source
            assert info.name is not None and info.name.startswith(f.english)
        for d in f.working_days:
            assert cal.day_kind(d).kind is DayKind.MAKEUP_WORKING_DAY and cal.is_working_day(d)


def test_every_festival_has_the_data_sources_english_name() -> None:
    names = set(holidays.country_holidays("CN", years=2025, language="en_US").values())
    assert {english for english in FESTIVALS.values()} <= names


# -- the command line: --notice FILE on calendar, check and plan -----------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from adservice.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_applies_notice_files_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = tmp_path / "2027.txt"
    new.write_text(SYNTHETIC_2027, encoding="utf-8")
    code, out, _ = _cli(capsys, "check", "2027-02-14", "--notice", str(new), "--json")
    data = json.loads(out)
    assert code == 0 and data["working"] is True and data["provisional"] is False
    assert data["source"] == "国办发明电〔2026〕99号"
    code, out, _ = _cli(capsys, "check", "2027-02-14", "--json")
    assert json.loads(out)["working"] is False and json.loads(out)["source"] is None
    code, out, _ = _cli(capsys, "calendar", "2027-02", "--notice", str(new), "--json")
    feb14 = next(d for d in json.loads(out)["days"] if d["date"] == "2027-02-14")
    assert (
        code == 0 and feb14["kind"] == "make-up working day" and feb14["source"] == "国办发明电〔2026〕99号"
    )
    amendment = str(NOTICES / "2019-labour-day-amendment.txt")
    yearly = str(NOTICES / "2019.txt")
    code, out, _ = _cli(capsys, "check", "2019-05-02", "--notice", yearly, "--notice", amendment)
    assert code == 0 and "not a working day" in out and "国办发明电〔2019〕3号" in out
    code, out, _ = _cli(capsys, "check", "2019-05-02", "--notice", amendment, "--notice", yearly)
    assert code == 0 and ": a working day" in out


def test_cli_plan_follows_the_notice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = tmp_path / "2027.txt"
    new.write_text(SYNTHETIC_2027, encoding="utf-8")
    argv = ("plan", "print_single", "--received", "2027-02-03T10:00+08:00", "--json")
    _, plain, _ = _cli(capsys, *argv)
    code, noticed, _ = _cli(capsys, *argv, "--notice", str(new))
    assert code == 0 and json.loads(plain) != json.loads(noticed)
    assert "2027-02-14" in noticed  # the make-up Sunday counts as a working day


def test_cli_refuses_bad_notice_files_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    garbled = tmp_path / "garbled.txt"
    garbled.write_text(GOOD + "二、春节:2月30日放假。\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    for path, said in ((garbled, "line 3"), (binary, "UTF-8"), (tmp_path / "missing.txt", "cannot read")):
        code, out, err = _cli(capsys, "check", "2019-05-02", "--notice", str(path))
        assert code == 2 and out == "" and said in err and err.count("\n") == 1
    code, _, err = _cli(
        capsys, "check", "2019-05-02", "--region", "US", "--notice", str(NOTICES / "2019.txt")
    )
    assert code == 2 and "'US'" in err


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([*(str(y) for y in YEARS), "2019-labour-day-amendment"]), st.data())
def test_damaged_official_texts_parse_or_are_refused_as_notice_errors(name: str, data: st.DataObject) -> None:
    text = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 6))
        noise = data.draw(st.text(alphabet="0123456789年月日至、,。:()周星期上班放假一二节\n", max_size=4))
        text = text[:at] + noise + text[at + cut :]
    try:
        notice = parse_notice(text)
    except NoticeError as error:
        assert "line " in str(error)
    else:
        assert notice.festivals and all(f.days_off for f in notice.festivals)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.integers(1, 9999))
def test_any_text_parses_or_is_refused_as_a_notice_error(noise: str, year: int) -> None:
    for text in (noise, f"国务院办公厅关于{year}年部分节假日安排的通知\n{noise}"):
        with contextlib.suppress(NoticeError):  # anything else escaping fails the test
            parse_notice(text)


def test_a_weekend_inside_a_notice_range_is_named_a_holiday_where_holidays_leaves_it_a_weekend() -> None:
    # The 2025 notice's eight days "国庆节、中秋节" include Sat 10-04 and Sun 10-05; holidays lists
    # neither. Working status agrees; the day's kind and name differ, and the notice is cited.
    plain, noticed = WorkCalendar("CN"), WorkCalendar("CN", notices=[fixture("2025")])
    saturday = date(2025, 10, 4)
    assert plain.day_kind(saturday).kind is DayKind.WEEKEND
    info = noticed.day_kind(saturday)
    assert info.kind is DayKind.PUBLIC_HOLIDAY and not info.is_working
    assert info.name == "National Day and Mid-Autumn Festival, per 国办发明电〔2024〕12号"


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: Festival("胜利日", (date(2015, 9, 3),)), NoticeError),
        (lambda: Festival("元旦", ()), NoticeError),
        (lambda: Festival("元旦", (date(2027, 1, 2), date(2027, 1, 1))), NoticeError),
        (lambda: Festival("元旦", (date(2027, 1, 1),), (date(2027, 1, 4),)), NoticeError),  # a Monday
        (lambda: Festival("元旦", [date(2027, 1, 1)]), InvalidInputError),
        (lambda: Festival(1, (date(2027, 1, 1),)), InvalidInputError),
        (lambda: Notice(2027, "t", ()), NoticeError),
        (lambda: Notice(True, "t", (Festival("元旦", (date(2027, 1, 1),)),)), InvalidInputError),
        (lambda: Notice(10**400, "t", (Festival("元旦", (date(2027, 1, 1),)),)), InvalidInputError),
        (lambda: Notice(2027, "t", [Festival("元旦", (date(2027, 1, 1),))]), InvalidInputError),
        (
            lambda: Notice(2027, "t", (Festival("元旦", (date(2027, 1, 1),)),), issued="2026-11-20"),
            InvalidInputError,
        ),
        (lambda: Notice(2030, "t", (Festival("元旦", (date(2027, 1, 1),)),)), NoticeError),
        (
            lambda: Notice(
                2027, "t", (Festival("元旦", (date(2027, 1, 1),)), Festival("元旦", (date(2027, 1, 2),)))
            ),
            NoticeError,
        ),
    ],
)
def test_a_notice_built_by_hand_is_checked_too(build: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        build()
