"""Every output in English, zh_CN and zh_TW (issue 12): locales, catalogs, formats, renderers, CLI."""

from __future__ import annotations

import importlib.util
import re
import string
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice import Rulebook
from adservice.calendar import WorkCalendar, day_kind_text, day_name_text, describe_day_text
from adservice.calendar.workcalendar import DayKind
from adservice.cli import main
from adservice.deadlines.plans import plan, plan_backward
from adservice.demo import demo_engagement, demo_portfolio, demo_timeline_text
from adservice.errors import AdServiceError, InvalidInputError, UnknownLocaleError
from adservice.i18n import (
    LOCALES,
    format_day,
    format_month,
    format_short_day,
    format_units,
    gettext,
    ngettext,
    normalize_locale,
    pgettext,
    weekday_names,
)
from adservice.i18n._catalogs import CATALOGS
from adservice.portfolio.reports import overdue_report, status_report
from adservice.present.plan_text import backward_plan_text, plan_text
from adservice.present.text import month_text, obligations_text, overdue_report_text, status_report_text
from adservice.rulebook.standard import STANDARD_RULES
from adservice.rulebook.turnaround import STANDARD_TURNAROUND

ROOT = Path(__file__).resolve().parent.parent
SH = ZoneInfo("Asia/Shanghai")


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("build_catalogs", ROOT / "tools" / "build_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_catalogs"] = module
    spec.loader.exec_module(module)
    return module


TOOL: object = _tool()

# Characters only simplified Chinese writes (each has a different traditional form): an
# independent oracle that a zh_TW text was not left in simplified characters.
SIMPLIFIED_ONLY = set(
    "个们这为时会报单划项执广审签确认户务设计创阶段图据书录记联络态动后关进门问题间发现经处"
)
SIMPLIFIED_ONLY -= set("段")  # 段 is the same in both


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


# -- locales ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "locale"),
    [
        ("en", "en"),
        ("en_US.UTF-8", "en"),
        ("C", "en"),
        ("zh_CN", "zh_CN"),
        ("zh-cn", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_Hans", "zh_CN"),
        ("zh_TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_HK.Big5HKSCS", "zh_TW"),
        ("zh-Hant-TW", "zh_TW"),
    ],
)
def test_locales_are_read_leniently(asked: str, locale: str) -> None:
    assert normalize_locale(asked) == locale


@pytest.mark.parametrize("asked", ["fr", "de_DE.UTF-8", "", "zh_XX", "klingon", 5, None])
def test_an_unknown_locale_names_itself_and_the_allowed_ones(asked: object) -> None:
    with pytest.raises(UnknownLocaleError) as caught:
        normalize_locale(asked)
    message = str(caught.value)
    assert repr(asked) in message
    for allowed in ("en", "zh_CN", "zh_TW", "zh_HK"):
        assert allowed in message
    assert caught.value.value == asked and "zh_TW" in caught.value.allowed
    assert isinstance(caught.value, (AdServiceError, ValueError))


@pytest.mark.parametrize("renderer", [month_text])
def test_renderers_refuse_an_unknown_locale(renderer: object) -> None:
    with pytest.raises(UnknownLocaleError):
        month_text(2025, 10, calendar=WorkCalendar("CN"), locale="fr")


# -- catalogs -----------------------------------------------------------------------------


def test_the_generated_catalogs_are_up_to_date() -> None:
    """The .pot, the .po files and src/adservice/i18n/_catalogs.py are what the tool writes now.

    Run ``python tools/build_catalogs.py`` after changing a message or a translation.
    """
    for path, text in TOOL.build().items():  # type: ignore[attr-defined]
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} is stale"


def test_every_message_is_translated_in_every_shipped_locale() -> None:
    template = TOOL.extract()  # type: ignore[attr-defined]
    assert len(template) > 150
    for locale in ("zh_CN", "zh_TW"):
        catalog = TOOL.update(template, locale)  # type: ignore[attr-defined]
        assert TOOL.missing(catalog) == [], f"{locale} lacks translations"  # type: ignore[attr-defined]
        compiled = CATALOGS[locale]
        for message in template:
            if message.id:
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                assert (message.context, msgid) in compiled, (locale, message.context, msgid)


def test_no_catalog_entry_is_unused() -> None:
    """Every entry of a shipped .po file is a message the code marks (extraction finds it)."""
    from babel.messages.pofile import read_po

    used = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in TOOL.extract()  # type: ignore[attr-defined]
        if m.id
    }
    for locale in ("zh_CN", "zh_TW"):
        with TOOL.po_path(locale).open("rb") as file:  # type: ignore[attr-defined]
            shipped = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(file) if m.id}
        assert shipped - used == set(), f"{locale}: entries no code uses"
        assert set(CATALOGS[locale]) <= used


def test_a_missing_or_unused_entry_is_detected() -> None:
    """The checks above can fail: an untranslated message and a stray entry are both caught."""
    template = TOOL.extract()  # type: ignore[attr-defined]
    template.add("a message nobody translated")
    catalog = TOOL.update(template, "zh_CN")  # type: ignore[attr-defined]
    assert TOOL.missing(catalog) == ["a message nobody translated"]  # type: ignore[attr-defined]
    catalog = TOOL.update(TOOL.extract(), "zh_CN")  # type: ignore[attr-defined]
    catalog.add("stray", "流浪")
    assert "stray" in TOOL._po_text(catalog)  # type: ignore[attr-defined]
    fresh = TOOL.update(TOOL.extract(), "zh_CN")  # type: ignore[attr-defined]
    assert "stray" not in TOOL._po_text(fresh)  # type: ignore[attr-defined]


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
def test_translations_keep_their_placeholders(locale: str) -> None:
    for (_context, msgid), text in CATALOGS[locale].items():
        assert _fields(text) == _fields(msgid), (msgid, text)


def test_traditional_chinese_is_written_in_traditional_characters() -> None:
    for (_context, msgid), text in CATALOGS["zh_TW"].items():
        assert not set(text) & SIMPLIFIED_ONLY, (msgid, text)
    for rule in STANDARD_RULES:
        assert not set(rule.title_in("zh_TW") + rule.text_in("zh_TW")) & SIMPLIFIED_ONLY, rule.id


def test_the_core_reads_no_catalog_file() -> None:
    source = (ROOT / "src" / "adservice" / "i18n" / "_catalogs.py").read_text(encoding="utf-8")
    assert "open(" not in source and ".mo" not in source
    assert CATALOGS["zh_CN"][("day kind", "public holiday")] == "法定节假日"


# -- lookups and formats ------------------------------------------------------------------


def test_lookups() -> None:
    assert gettext("nothing overdue") == "nothing overdue"
    assert gettext("nothing overdue", "zh_CN") == "没有逾期事项"
    assert gettext("nothing overdue", "zh_HK") == gettext("nothing overdue", "zh_TW") == "沒有逾期事項"
    assert gettext("not in any catalog", "zh_CN") == "not in any catalog"
    assert pgettext("stage", "intent", "zh_CN") == "意向阶段"
    assert pgettext("day kind", "make-up working day", "zh_CN") == "调休上班"
    assert ngettext("{n} obligation", "{n} obligations", 1) == "{n} obligation"
    assert ngettext("{n} obligation", "{n} obligations", 3) == "{n} obligations"
    with pytest.raises(InvalidInputError):
        gettext(5, "zh_CN")  # type: ignore[arg-type]


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_days_in_every_locale(day: date) -> None:
    weekday = day.weekday()
    assert format_day(day) == f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[weekday]} {day:%Y-%m-%d}"
    cn = format_day(day, "zh_CN")
    assert cn == f"{day.year}年{day.month}月{day.day}日 周{'一二三四五六日'[weekday]}"
    assert format_day(day, "zh_TW") == cn.replace("周", "週")
    assert format_short_day(day, "zh_CN") == cn.split("年", 1)[1]


def test_months_units_weekdays() -> None:
    assert format_month(2025, 10, "zh_TW") == "2025年10月"
    assert format_units(9, "working_days", "zh_CN") == "9个工作日"
    assert format_units(1, "months", "zh_TW") == "1個月"
    assert format_units(2, "working_days") == "2 working days"
    assert weekday_names("zh_CN") == ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


# -- handbook words -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", STANDARD_RULES, ids=lambda r: r.id)
def test_every_standard_rule_has_chinese(rule: object) -> None:
    cn_title, cn_text = rule.title_in("zh_CN"), rule.text_in("zh_CN")  # type: ignore[attr-defined]
    tw_title, tw_text = rule.title_in("zh_TW"), rule.text_in("zh_TW")  # type: ignore[attr-defined]
    for text in (cn_title, cn_text, tw_title, tw_text):
        assert re.search(r"[\u4e00-\u9fff]", text), (rule, text)
    assert rule.title_in("en") == rule.title  # type: ignore[attr-defined]
    assert rule.title_in("zh_HK") == tw_title  # type: ignore[attr-defined]


def test_a_custom_rule_shows_its_english() -> None:
    from adservice.rulebook.rules import Rule

    custom = Rule("X1", "obligation", "Weekly call", "Call the client every week.", ("H3",))
    assert custom.title_in("zh_CN") == "Weekly call"


def test_turnaround_items_use_the_handbook_terms() -> None:
    expected = {
        "integrated_plan": "计划及媒体整合方案",
        "phase_plan": "阶段性计划",
        "media_schedule": "媒体排期计划",
        "creative_concept": "创意概念",
        "copy_and_layout": "文案+平面设计稿",
        "final_art": "完稿",
        "colour_proof": "分色打样",
        "film": "软片",
        "broadcast_creative": "广播及TVC创意",
    }
    for key, term in expected.items():
        assert STANDARD_TURNAROUND[key].name_in("zh_CN") == term
    assert STANDARD_TURNAROUND["colour_proof"].name_in("zh_TW") == "分色打樣"
    assert STANDARD_TURNAROUND["film"].name_in("en") == "film"


def test_day_kinds_and_holiday_names() -> None:
    cal = WorkCalendar("CN")
    assert day_kind_text(DayKind.PUBLIC_HOLIDAY, "zh_CN") == "法定节假日"
    assert day_kind_text(DayKind.WEEKEND, "zh_CN") == "公休日"
    national = cal.day_kind(date(2025, 10, 1))
    assert day_name_text(national, calendar=cal, locale="zh_CN") == "国庆节"
    assert day_name_text(national, calendar=cal, locale="zh_TW") == "國慶節"
    assert day_name_text(national, calendar=cal) == "National Day"
    assert (
        describe_day_text(national, calendar=cal, locale="zh_CN") == "2025年10月1日 周三 法定节假日（国庆节）"
    )
    makeup = cal.day_kind(date(2025, 9, 28))
    assert day_name_text(makeup, calendar=cal, locale="zh_CN") == "国庆节调休"


# -- renderings ---------------------------------------------------------------------------


def test_month_grid_in_chinese() -> None:
    text = month_text(2025, 10, calendar=WorkCalendar("CN"), locale="zh_CN")
    lines = text.splitlines()
    assert lines[0] == "2025年10月 — CN（Asia/Shanghai）"
    assert lines[1] == " 周一 周二 周三 周四 周五 周六 周日"
    assert "H 10月1日 周三 法定节假日：国庆节" in lines
    assert "M 10月11日 周六 调休上班：国庆节调休" in lines
    assert lines[-1] == "本月共18个工作日"
    tw = month_text(2025, 10, calendar=WorkCalendar("CN"), locale="zh_TW")
    assert "國慶節" in tw and "週三" in tw and "本月共18個工作日" in tw


def test_plan_in_chinese() -> None:
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH))
    text = plan_text(p, locale="zh_CN")
    assert text.startswith("平面设计与出片制作（单款）（print_single，T4，9个工作日）")
    for term in ("创意概念", "文案+平面设计稿", "完稿", "分色打样", "软片", "书面工作布署单"):
        assert term in text
    assert "2025年9月29日 周一" in text and "17:00" in text
    assert text.splitlines()[-1] == "交付期限：2025年10月15日 周三 17:00"
    assert "軟片" in plan_text(p, locale="zh_TW")
    back = backward_plan_text(plan_backward("print_single", date(2025, 10, 15)), locale="zh_CN")
    assert "最晚开始" in back and "书面工作布署单须于" in back


def test_english_plan_text_is_the_command_lines() -> None:
    p = plan("media_schedule", datetime(2025, 9, 26, 10, tzinfo=SH))
    assert plan_text(p).splitlines()[0] == "media_schedule (T3, 3 working days) — CN (Asia/Shanghai)"


def test_weekly_status_report_in_the_handbook_form() -> None:
    report = status_report(demo_portfolio(), date(2026, 3, 2))
    text = status_report_text(report, locale="zh_CN")
    assert text.startswith("工作周报表：本周工作执行状况、进度安排及后续动作 — 截至2026年2月27日 周五")
    assert "工作单  " in text and "后续动作" in text and "媒体购买" in text
    assert "客户书面确认媒体排期（G4）" in text
    tw = status_report_text(report, locale="zh_TW")
    assert tw.startswith("工作週報表：本週工作執行狀況、進度安排及後續動作")
    late = overdue_report(demo_portfolio(), datetime(2026, 2, 20, 9, tzinfo=SH))
    assert overdue_report_text(late, locale="zh_CN").startswith("逾期清单 — 截至2026年2月20日 周五 09:00")


def test_obligations_in_chinese() -> None:
    from adservice.portfolio.obligations import recurring

    found = recurring("O8", date(2025, 10, 1), date(2025, 11, 30))
    text = obligations_text(found, locale="zh_CN")
    assert "市场月报" in text and text.splitlines()[-1] == "共2项"


def test_demo_timeline_in_chinese() -> None:
    e = demo_engagement()
    text = demo_timeline_text(e, locale="zh_CN")
    for words in (
        "阶段：结案",
        "工作记录",
        "收到书面工作布署单",
        "客户签字确认",
        "联络报告",
        "第1轮执行报告",
    ):
        assert words in text, words
    assert "收到書面工作布署單" in demo_timeline_text(e, locale="zh_TW")
    assert demo_timeline_text(e).splitlines()[0].endswith("stage closed, 1 revision round(s)")


# -- command line -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--lang", "zh_CN", "plan", "print_single", "--received", "2025-09-26T10:00+08:00"
    )
    assert code == 0 and "分色打样" in out and "交付期限：2025年10月15日 周三 17:00" in out
    code, out, _ = run(capsys, "--lang", "zh_HK", "calendar", "2025-10")
    assert code == 0 and "國慶節" in out
    code, out, _ = run(capsys, "--lang", "zh_TW", "status", "--as-of", "2026-03-02")
    assert code == 0 and out.startswith("工作週報表")
    code, out, _ = run(capsys, "--lang", "zh_CN", "check", "2025-10-01")
    assert code == 0 and out.startswith("2025年10月1日 周三 法定节假日（国庆节）：非工作日。")


def test_cli_unknown_language_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "fr", "calendar", "2025-10")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'fr'" in err and "zh_TW" in err


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LANG", "zh_CN.UTF-8", "2025年10月"),
        ("LANG", "zh_TW.UTF-8", "週一"),
        ("LC_ALL", "zh_HK.UTF-8", "週一"),
        ("LANG", "de_DE.UTF-8", "October 2025"),
        ("LANG", "C.UTF-8", "October 2025"),
    ],
)
def test_cli_language_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    expected: str,
) -> None:
    monkeypatch.setenv(variable, value)
    code, out, _ = run(capsys, "calendar", "2025-10")
    assert code == 0 and expected in out


def test_cli_lang_beats_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    code, out, _ = run(capsys, "--lang", "en", "calendar", "2025-10")
    assert code == 0 and "October 2025" in out


def test_locales_constant() -> None:
    assert LOCALES == ("en", "zh_CN", "zh_TW")
    assert Rulebook.standard().rule("O4").title_in("zh_CN") == "工作周报表"


# -- the other renderings -------------------------------------------------------------------


def test_html_month_and_plan_in_chinese() -> None:
    from adservice.present.html import month_html, plan_html

    cal = WorkCalendar("CN")
    zh = month_html(cal.month(2025, 10), locale="zh_CN")
    assert "2025年10月 — CN（Asia/Shanghai）" in zh and "周一" in zh and "国庆节调休" in zh
    assert month_html(cal.month(2025, 10)) == month_html(cal.month(2025, 10), locale="en")
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH))
    tw = plan_html(p, locale="zh_TW")
    assert "分色打樣" in tw and "交付期限" in tw and tw.count('data-bar="step"') == 9


def test_mermaid_in_chinese() -> None:
    from adservice.engagement.table import lifecycle_mermaid
    from adservice.present.html import plan_mermaid

    lines = lifecycle_mermaid(locale="zh_CN").splitlines()
    assert '    state "意向阶段" as intent' in lines and "    intent --> pitch: 开始提案" in lines
    assert lifecycle_mermaid() == lifecycle_mermaid(locale="en")
    gantt = plan_mermaid(plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH)), locale="zh_CN")
    assert "    分色打样 :s4, 2025-10-14, 2025-10-14" in gantt.splitlines()


def test_icalendar_titles_in_chinese() -> None:
    pytest.importorskip("icalendar")
    from adservice.present.ics import to_ics

    stamp = datetime(2026, 1, 1, tzinfo=SH)
    zh = to_ics(demo_engagement(), stamp=stamp, locale="zh_CN").decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:O3 联络报告 — Huaxia Real Estate" in zh
    assert "SUMMARY:BJ-202601-01 平面设计与出片制作（单款）到期" in zh
    assert "SUMMARY:O5 执行报告 — Huaxia Real Estate，第2轮" in zh
    en = to_ics(demo_engagement(), stamp=stamp).decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:O3 contact report — Huaxia Real Estate" in en
    uids = [line for line in zh.splitlines() if line.startswith("UID")]
    assert uids == [line for line in en.replace("\r\n ", "").splitlines() if line.startswith("UID")]


def test_frame_labels_in_chinese() -> None:
    pytest.importorskip("pandas")
    from adservice.present.frames import PLAN_COLUMNS, plans_frame

    e = demo_engagement()
    assert list(plans_frame(e).columns) == list(PLAN_COLUMNS)
    zh = plans_frame(e, locale="zh_CN")
    assert list(zh.columns)[:3] == ["工作单", "工作项目", "方向"]
    assert zh.shape == plans_frame(e).shape


def test_explanations_in_chinese() -> None:
    from adservice.calendar import explanation_text

    cal = WorkCalendar("CN")
    line = explanation_text(cal.explain(date(2025, 9, 26), 4), calendar=cal, locale="zh_CN")
    assert line.startswith("第0天 9月26日 周五；第1个工作日 9月28日 周日（调休上班")
    assert "跳过国庆节、中秋节 10月1日–10月8日" in line
    assert (
        explanation_text(cal.explain(date(2025, 9, 26), 4), calendar=cal)
        == cal.explain(date(2025, 9, 26), 4).line
    )


def test_forms_in_chinese() -> None:
    from adservice.present.forms import contact_report_text

    text = contact_report_text(demo_engagement(locale="zh_CN"), locale="zh_CN")
    assert text.splitlines()[0] == "联络报告（O3）"
    assert "客户：华夏地产" in text and "送交客户期限：2026年2月11日 周三 15:00" in text
    english = contact_report_text(demo_engagement())
    assert english.splitlines()[0] == "Contact report (O3)"
    with pytest.raises(InvalidInputError):
        contact_report_text(demo_engagement(), meeting_at=datetime(2020, 1, 1, tzinfo=SH))


def test_demo_words_follow_the_locale() -> None:
    en, zh = demo_engagement(), demo_engagement(locale="zh_CN")
    assert [ev.kind for ev in en.events] == [ev.kind for ev in zh.events]
    assert [ev.at for ev in en.events] == [ev.at for ev in zh.events]
    assert zh.client == "华夏地产" and demo_engagement(locale="zh_HK").client == "華夏地產"
    assert en.to_dict() == demo_engagement(locale="en").to_dict()


def test_engagement_html_in_chinese() -> None:
    from adservice.present.html import engagement_html

    zh = engagement_html(demo_engagement(locale="zh_CN"), locale="zh_CN")
    for words in ("阶段", "结案", "时限", "最近事件", "工作事项", "联络报告", "后期分析报告", "我司：陈浩"):
        assert words in zh, words
    assert engagement_html(demo_engagement()) == engagement_html(demo_engagement(), locale="en")


def test_report_html_in_chinese() -> None:
    from adservice.present.report_html import overdue_report_html, status_report_html

    report = status_report(demo_portfolio(locale="zh_CN"), date(2026, 3, 2))
    zh = status_report_html(report, locale="zh_CN")
    assert (
        "工作周报表：本周工作执行状况、进度安排及后续动作" in zh
        and "后续动作" in zh
        and "李娜（客户主任）" in zh
    )
    assert status_report_html(report) == status_report_html(report, locale="en")
    late = overdue_report(demo_portfolio(), datetime(2026, 2, 20, 9, tzinfo=SH))
    assert "逾期清单" in overdue_report_html(late, locale="zh_CN")


def test_english_timeline_keeps_its_columns() -> None:
    lines = demo_timeline_text(demo_engagement()).splitlines()
    assert lines[3].startswith(
        "  Mon 01-05 11:00  meeting                agency:Li Na (AE)  about=first visit"
    )
    assert "  · creative_concept   due Mon 02-02" in "\n".join(lines)


# -- reasons and iCalendar descriptions (rendered from the values, English unchanged) ----------------


def test_explained_obligations_give_their_reasons_in_chinese() -> None:
    from adservice.portfolio.obligations import recurring

    found = recurring("O4", date(2025, 10, 1), date(2025, 10, 10))
    en = obligations_text(found, explain=True)
    assert en.splitlines()[2] == (
        "    every Monday 09:00: Mon 2025-10-06 public holiday (Mid-Autumn Festival); "
        "moved to the next working day Thu 2025-10-09; status as of Fri 2025-10-03"
    )
    assert en.splitlines()[2] == f"    {found[0].explain()}"  # English is explain() itself
    assert obligations_text(found, explain=True, locale="zh_CN").splitlines()[2] == (
        "    每周一 09:00：2025年10月6日 周一 法定节假日（中秋节）；"
        "顺延至下一个工作日2025年10月9日 周四；截至2025年10月3日 周五"
    )
    assert obligations_text(found, explain=True, locale="zh_TW").splitlines()[2] == (
        "    每週一 09:00：2025年10月6日 週一 法定節假日（中秋節）；"
        "順延至下一個工作日2025年10月9日 週四；截至2025年10月3日 週五"
    )


def test_the_command_line_explains_in_chinese_and_english_is_unchanged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["obligations", "--from", "2026-01-01", "--to", "2026-03-31", "--explain"]
    assert main(["--lang", "zh_CN", *args]) == 0
    zh = capsys.readouterr().out
    for words in ("月最后一个工作日：", "当天下班前", "会议于1月5日 周一 11:00结束，计24小时", "第0天"):
        assert words in zh, words
    assert main(args) == 0
    en = capsys.readouterr().out
    assert "last working day of January 2026: Fri 2026-01-30 working day; close of business" in en
    reasons = [line for line in en.splitlines() if line.startswith("    ")]
    assert reasons and not any(re.search(r"[\u4e00-\u9fff]", line) for line in reasons)


def test_a_reason_of_an_unknown_form_stays_as_written() -> None:
    from adservice.deadlines.due import Due
    from adservice.present._reasons import reason_text

    d = Due("X1", "thing", datetime(2025, 10, 9, 17, tzinfo=SH), because="a reason; close of business")
    assert reason_text(d, "en") == "a reason; close of business"
    assert reason_text(d, "zh_CN") == "a reason；当天下班前"
    assert reason_text(d, "zh_TW") == "a reason；當天下班前"


def _descriptions(ics: bytes) -> list[str]:
    from icalendar import Calendar

    return [str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(ics).walk("VEVENT")]


def test_icalendar_descriptions_in_chinese() -> None:
    pytest.importorskip("icalendar")
    from adservice.present.ics import to_ics

    stamp = datetime(2025, 9, 1, tzinfo=SH)
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH))
    en = _descriptions(to_ics(p, stamp=stamp))
    assert en[0] == f"print_single: {p.steps[0].explain()}"  # English: the description as written
    assert _descriptions(to_ics(p, stamp=stamp, locale="en")) == en
    assert _descriptions(to_ics(p, stamp=stamp, locale="zh_CN"))[0] == (
        "平面设计与出片制作（单款）：第0天 9月26日 周五；第1个工作日 9月28日 周日（调休上班：国庆节调休）；"
        "第2个工作日 9月29日 周一"
    )
    tw = _descriptions(to_ics(p, stamp=stamp, locale="zh_TW"))[0]
    assert tw.startswith("平面設計與出片製作（單款）：第0天 9月26日 週五")
    back = _descriptions(
        to_ics(plan_backward("media_schedule", date(2025, 10, 15)), stamp=stamp, locale="zh_CN")
    )
    assert "书面工作布署单须于2025年10月11日 周六 17:00前送达" in back[0]
    assert back[1].startswith("最晚2025年10月11日 周六开始；第0天")


def test_icalendar_descriptions_of_duties_in_chinese() -> None:
    pytest.importorskip("icalendar")
    from adservice.present.ics import to_ics

    stamp = datetime(2026, 1, 1, tzinfo=SH)
    zh = _descriptions(to_ics(demo_engagement(), stamp=stamp, locale="zh_TW"))
    assert "第1輪刊播於3月22日 週日結束，自下班時起計72小時\n2026年3月25日 週三 17:00完成" in zh
    assert any(d.endswith("逾期完成：2026年4月16日 週四 17:00，比到期晚24小時") for d in zh)
    assert any(d.startswith("客戶的加急要求已接受：2026年2月6日 週五到期") for d in zh)
    en = _descriptions(to_ics(demo_engagement(), stamp=stamp))
    assert "placement round 1 ended Sun 2026-03-22, close of business, +72 hours elapsed\n" in "\n".join(en)
    assert any(d.endswith("done late: Thu 2026-04-16 17:00, 24 hours after it was due") for d in en)
    assert len(zh) == len(en)


def test_icalendar_descriptions_of_a_placement_in_chinese() -> None:
    pytest.importorskip("icalendar")
    from adservice.deadlines.plans import plan_from_placement
    from adservice.present.ics import to_ics

    p = plan_from_placement(date(2025, 10, 13), ["media_schedule"])
    zh = _descriptions(to_ics(p, stamp=datetime(2025, 9, 1, tzinfo=SH), locale="zh_CN"))
    joined = "\n".join(zh)
    for words in (
        "客户负责的环节，最晚2025年9月29日 周一开始；客户书面确认之前不得订购媒体（G4）",
        "所有材料须于2025年10月11日 周六前交付媒体，以便2025年10月13日 周一刊播",
        "提前至上一个工作日2025年9月30日 周二，当天下班前",
    ):
        assert words in joined, words
    assert not re.search(r"\b(?:before|after|working|close)\b", joined)


def test_a_deadline_without_a_localized_rendering_keeps_its_description() -> None:
    from adservice.present.ics import Deadline

    d = Deadline(("E-1", "x"), "kick-off", date(2025, 10, 9), description="as written")
    assert d.description_text("zh_CN") == d.description_text("en") == "as written"
    twice = Deadline(
        ("E-1", "x"), "kick-off", date(2025, 10, 9), description="as written", localized=str.upper
    )
    assert (
        twice == d
        and twice.description_text("zh_TW") == "ZH_TW"
        and twice.description_text("en") == "as written"
    )


# -- issue 12, remaining gaps: holiday names in ±n steps, O10's reason, revision job orders, every command --

_MEETING = ZoneInfo("Asia/Shanghai")


def test_o10_reason_names_the_make_up_day_in_the_holidays_package_words() -> None:
    from adservice.deadlines.duties import meeting_prep
    from adservice.present._reasons import reason_text

    notice = meeting_prep(datetime(2026, 1, 5, 10, tzinfo=_MEETING), travel_hours=1.5)[0]
    assert notice.rule_id == "O10"
    en = "meeting starts Mon 2026-01-05 10:00; 1 working day(s) before: day 0 Mon 2026-01-05; "
    assert (
        reason_text(notice, "en")
        == en + "-1 Sun 01-04 (make-up working day for New Year's Day); close of business"
    )
    assert reason_text(notice, "zh_CN") == (
        "会议于2026年1月5日 周一 10:00开始；提前1个工作日：第0天 1月5日 周一；"
        "前推第1个工作日 1月4日 周日（调休上班：元旦调休）；当天下班前"
    )
    assert "（補班日：元旦補班）" in reason_text(notice, "zh_TW")
    # a step whose note has two parts (a make-up day, and the holidays counted back over)
    long = meeting_prep(datetime(2026, 2, 24, 10, tzinfo=_MEETING), travel_hours=1.5)[0]
    zh = reason_text(long, "zh_CN")
    assert "2月14日 周六（调休上班：春节调休；倒推越过农历除夕、春节 2月16日–2月23日）" in zh
    assert "working" not in zh and "Spring" not in zh


@pytest.mark.parametrize(
    ("locale", "name"), [("zh_CN", "（调休上班：春节调休）"), ("zh_TW", "（補班日：春節補班）")]
)
def test_plus_steps_name_the_holiday_in_chinese(locale: str, name: str) -> None:
    from adservice.present._reasons import clauses_text

    make_up = "+3 Sat 02-14 (make-up working day for Chinese New Year (Spring Festival))"
    counted = (
        "delivered Wed 2026-02-11 10:00; 3 working days: day 0 Wed 2026-02-11; +1 Thu 02-12; "
        f"+2 Fri 02-13; {make_up}"
    )
    assert clauses_text(counted, locale).endswith("2月14日 " + weekday_names(locale)[5] + name)
    # read clause by clause (no count before it): the year comes from the last full date
    alone = clauses_text(f"placement Mon 2026-02-16; {make_up}", locale)
    assert alone.endswith(name), alone
    assert clauses_text(counted, "en") == counted


def _ascii_words(text: str) -> list[str]:
    """ASCII words in ``text`` that are not an id, a rule id, an item key, a number or a code."""
    keys = set(Rulebook.standard().items)
    # the region, its zone, the handbooks' abbreviations (5W1H, read from its first letter: O10's notice)
    allowed = {"CN", "Asia/Shanghai", "TVC", "PPM", "W1H"}
    # an item key is a key where it is one: with an underscore, or heading a line of a table
    lines = [line.split(maxsplit=1) for line in text.splitlines()]
    text = "\n".join(" ".join(p[1:] if p and p[0] in keys else p) for p in lines)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_/]*(?:-[A-Za-z0-9_]+)*", text)
    return [
        w
        for w in words
        if not (w in keys and "_" in w)
        and w not in allowed
        and not re.fullmatch(r"[A-Z]{1,3}\d+", w)  # a rule id: T3, G10, O7, L11
        and not re.fullmatch(r"[A-Z]{2,4}(?:-[A-Z]*\d+[A-Z]*)+(?:-R\d+)?", w)  # BJ-202601-01-R1, SO-2026-021
    ]


def _ics_words(text: str) -> str:
    """The titles and descriptions of an iCalendar file, unfolded and unescaped."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    values = [
        line.split(":", 1)[1] for line in unfolded.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION"))
    ]
    return "\n".join(v.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";") for v in values)


_COMMANDS = (
    ["demo"],
    ["status", "--as-of", "2026-03-02"],
    ["obligations", "--from", "2026-02-20", "--to", "2026-03-20", "--explain"],
    ["plan", "print_single", "media_schedule", "--placement", "2025-10-13"],
    ["plan", "print_single", "--deliver-by", "2025-10-20", "--review-days", "1"],
    ["items"],
    ["ics"],
)


def test_the_ascii_word_check_can_fail() -> None:
    assert _ascii_words("BJ-202601-01-R1 T4 print_single CN 9个工作日") == []
    assert _ascii_words("BJ-202601-01 due 2月6日 GMT+08:00") == ["due", "GMT"]
    assert _ascii_words("print design and film") == ["print", "design", "and", "film"]
    assert _ascii_words("film  T4  1  工作日  软片\nprint_single 图 film") == ["film"]
    assert _ascii_words(_ics_words("SUMMARY:X 第1次修\r\n 改 revision\r\nDESCRIPTION:a\\nb")) == [
        "X",
        "revision",
        "a",
        "b",
    ]


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
@pytest.mark.parametrize("args", _COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_speaks_chinese_only(
    args: list[str], locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", locale, *args]) == 0
    out = capsys.readouterr().out
    text = _ics_words(out) if args[0] == "ics" else out
    assert text.strip()
    assert _ascii_words(text) == [], text
    # the same command in English is English: the check sees it
    assert main(args) == 0
    en = capsys.readouterr().out
    assert _ascii_words(_ics_words(en) if args[0] == "ics" else en)


def test_revision_job_orders_in_icalendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh_CN", "ics"]) == 0
    zh = _ics_words(capsys.readouterr().out)
    assert "BJ-202601-01-R1 平面设计与出片制作（单款）第1次修改到期（L11） — 华夏地产" in zh
    assert "BJ-202601-01第1次修改：报纸广告" in zh
    assert main(["ics"]) == 0
    en = _ics_words(capsys.readouterr().out)
    assert "BJ-202601-01-R1 print design and film, one piece, revision 1 due (L11) — Huaxia" in en
    assert "revision 1 of BJ-202601-01: newspaper ad" in en


def test_a_provisional_clause_is_marked_in_chinese() -> None:
    from adservice.present._reasons import clauses_text

    en = "last working day of December 2026: Thu 2026-12-31 working day [provisional]; close of business"
    zh = clauses_text(en, "zh_CN")
    assert zh.startswith("2026年12月最后一个工作日：2026年12月31日 周四 工作日［暂定］"), zh
    assert _ascii_words(zh) == []
    assert clauses_text(en, "en") == en


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
def test_a_scheduled_meetings_duties_speak_chinese(
    locale: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The demo has no scheduled meeting (issue 11 §7), so the commands above never show O10's
    # notice, agenda and reconfirmation: a saved engagement with one (its words in Chinese) does.
    import json
    from datetime import timedelta

    from adservice.engagement import Engagement
    from tests.lifecycle_walk import START, A, clock, to_brief

    t = clock()
    e = to_brief(Engagement("BJ-202603-01", "华夏地产"), t)
    start = START + timedelta(days=5)
    e.schedule_meeting(
        next(t), A, ref="M-1", what="故事板审阅", why="确认故事板", who="王、李",
        where="客户总部", when=start, how="提案后记录意见",
    )  # fmt: skip
    e.reconfirm_meeting(start - timedelta(minutes=90), A, ref="M-1")
    e.meeting(start + timedelta(hours=1), A, about="故事板审阅", ref="M-1")
    saved = tmp_path / "e.json"
    saved.write_text(json.dumps(e.to_dict()), encoding="utf-8")
    for args in (
        ["obligations", "--from", "2026-03-05", "--to", "2026-03-09", "--explain"],
        ["status", "--as-of", "2026-03-16"],
        ["ics", "--stamp", "2026-03-16T09:00+08:00"],
    ):
        assert main(["--lang", locale, *args, "--engagements", str(saved)]) == 0
        out = capsys.readouterr().out
        text = _ics_words(out) if args[0] == "ics" else out
        assert "O10" in text
        assert _ascii_words(text) == [], text


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
def test_the_demo_status_report_speaks_chinese_every_week(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 12's done-means names `status`; the test above reads one Monday (2026-03-02). Every
    # Monday of the demo portfolio's half year shows other rows: a job's next delivery, a step
    # waiting on the client's approval, a duty done late, O12's prospect tracking.
    from datetime import timedelta

    monday = date(2026, 1, 5)
    seen = set()
    while monday < date(2026, 7, 6):
        assert main(["--lang", locale, "status", "--as-of", monday.isoformat()]) == 0
        out = capsys.readouterr().out
        assert _ascii_words(out) == [], (monday, out)
        seen.update(out.splitlines())
        monday += timedelta(days=7)
    assert main(["--lang", locale, "obligations", "--from", "2026-01-05", "--to", "2026-01-31"]) == 0
    out = capsys.readouterr().out
    assert "O12" in out and _ascii_words(out) == [], out
    assert len(seen) > 50  # the weeks differ


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
def test_the_demo_obligations_explained_in_chinese_all_year(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `obligations --explain` over the demo's whole year, not one month: the strategy and competitor
    # reviews' cycles (O1, O6: every 3-6 months), the brand and tier reviews (O15, O17).
    assert (
        main(["--lang", locale, "obligations", "--from", "2026-01-01", "--to", "2027-06-30", "--explain"])
        == 0
    )
    out = capsys.readouterr().out
    for rule_id in ("O1", "O6", "O15", "O17"):
        assert f" {rule_id} " in out, rule_id
    assert _ascii_words(out) == [], out


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW"])
@pytest.mark.parametrize("cadence", ["weekly", "fortnightly", "monthly"])
def test_agreed_routines_speak_chinese(
    locale: str, cadence: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regular client meetings (O14) and payment reconciliation lists (O16) at an agreed cadence
    # (issue 11 §7): their titles and why each falls when it does (a day off moves it on).
    import json
    from datetime import timedelta

    from adservice.engagement import Engagement
    from tests.lifecycle_walk import START, A, clock, to_brief

    t = clock()
    e = to_brief(Engagement("BJ-202603-01", "华夏地产"), t)
    e.agree_routine(next(t), A, routine="client_meetings", cadence=cadence, first=START + timedelta(days=5))
    e.agree_routine(
        next(t), A, routine="payment_reconciliation", cadence=cadence, first=START + timedelta(days=26)
    )
    saved = tmp_path / "e.json"
    saved.write_text(json.dumps(e.to_dict()), encoding="utf-8")
    args = [
        "obligations",
        "--from",
        "2026-03-01",
        "--to",
        "2026-09-30",
        "--explain",
        "--engagements",
        str(saved),
    ]
    assert main(["--lang", locale, *args]) == 0
    out = capsys.readouterr().out
    assert " O14 " in out and " O16 " in out
    assert _ascii_words(out) == [], out
