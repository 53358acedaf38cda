"""Rich HTML for notebooks: well-formed, escaped, marking the right days; Mermaid gantt text."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import WorkCalendar, demo_engagement, plan
from adservice.errors import CalendarRangeError, ProvisionalCalendarError
from adservice.present.html import (
    MonthView,
    calendar_html,
    engagement_html,
    month_html,
    plan_html,
    plan_mermaid,
)

SH = ZoneInfo("Asia/Shanghai")
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


class _Tree(HTMLParser):
    """Checks that every element closes in order and collects the day cells and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.cells: dict[str, dict[str, str | None]] = {}
        self.bars: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "td" and "data-kind" in found:
            self.cells[str(found["data-date"])] = found
        if tag == "td" and "data-bar" in found:
            self.bars.append((str(found["data-bar"]), str(found["data-date"])))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Tree:
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    assert not tree.stack, f"unclosed: {tree.stack}"
    assert "script" not in tree.tags and "link" not in tree.tags and "style" not in tree.tags
    return tree


def test_october_2025_cn_marks_holidays_and_makeup_days(cn: WorkCalendar) -> None:
    view = cn.month(2025, 10)
    assert isinstance(view, MonthView)
    tree = parse(view._repr_html_())
    assert len(tree.cells) == 31
    holiday = tree.cells["2025-10-01"]
    assert holiday["data-kind"] == "public_holiday"
    assert "National Day" in str(holiday["title"])
    assert tree.cells["2025-10-11"]["data-kind"] == "makeup_working_day"
    assert tree.cells["2025-10-12"]["data-kind"] == "weekend"
    assert tree.cells["2025-10-09"]["data-kind"] == "working"
    text = " ".join(tree.text)
    assert "10-01 public holiday: National Day" in text
    assert "10-11 make-up working day: for National Day" in text
    assert "18 working days" in text
    # the legend names every kind of day
    for kind in ("weekend", "public holiday", "make-up working day", "agency closure"):
        assert kind in text


def test_month_view_is_a_value(cn: WorkCalendar) -> None:
    view = cn.month(2025, 9)
    assert view == cn.month(2025, 9)
    assert repr(view) == "MonthView(year=2025, month=9)"
    assert [d.day for d in view.notes] == [date(2025, 9, 28)]
    assert len(view.working_days) == len(cn.working_days_in_month(2025, 9))
    first = view.weeks[0][0]
    assert first is not None and first.day == date(2025, 9, 1)  # a Monday
    assert view.weeks[-1][1:] == (view.days[-1], None, None, None, None, None)
    assert all(len(week) == 7 for week in view.weeks)
    assert str(view).startswith("September 2025 — CN")


def test_closure_names_are_escaped() -> None:
    cal = WorkCalendar("CN", closures={date(2025, 10, 20): "<b>retreat</b>"})
    for markup in (cal.month(2025, 10)._repr_html_(), cal._repr_html_()):
        assert "&lt;b&gt;retreat&lt;/b&gt;" in markup
        parse(markup)
        assert "<b>retreat" not in markup
    cell = parse(cal.month(2025, 10)._repr_html_()).cells["2025-10-20"]
    assert cell["data-kind"] == "closure"
    assert cell["title"] == "Mon 2025-10-20 agency closure (<b>retreat</b>)"  # unescaped by the parser


def test_provisional_month_is_marked_and_strict_month_refused() -> None:
    cal = WorkCalendar("CN", confirmed_through=2025)
    assert "provisional" in month_html(cal.month(2026, 1))
    with pytest.raises(ProvisionalCalendarError):
        WorkCalendar("CN", confirmed_through=2025, strict=True).month(2026, 1)
    with pytest.raises(CalendarRangeError):
        cal.month(2101, 1)
    with pytest.raises(CalendarRangeError):
        cal.month(2025, 13)


def test_calendar_summary(cn: WorkCalendar) -> None:
    tree = parse(cn._repr_html_())
    text = " ".join(tree.text)
    for expected in ("CN", "Asia/Shanghai", "1990–2100", str(cn.confirmed_through), "09:00–17:00"):
        assert expected in text
    assert calendar_html(calendar=cn) == cn._repr_html_()


def test_plan_gantt_table() -> None:
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH))
    markup = p._repr_html_()
    assert markup == plan_html(p)
    tree = parse(markup)
    bars = [d for kind, d in tree.bars if kind == "step"]
    # one bar cell per working day counted, never on a holiday or weekend
    assert len(bars) == 9
    assert "2025-09-28" in bars  # the make-up Sunday counts
    assert not {"2025-09-27", "2025-10-01", "2025-10-08"} & set(bars)
    assert bars[-1] == "2025-10-15"
    text = " ".join(tree.text)
    for key in ("creative_concept", "copy_and_layout", "final_art", "colour_proof", "film"):
        assert key in text


def test_plan_gantt_with_client_reviews_and_long_plans() -> None:
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH), review_days=1)
    tree = parse(p._repr_html_())
    assert sum(kind == "review" for kind, _ in tree.bars) == 4
    long = plan("major_media_plan", datetime(2025, 9, 26, 10, tzinfo=SH), days=200)
    long_tree = parse(long._repr_html_())
    assert not long_tree.bars
    assert any("timeline omitted" in chunk for chunk in long_tree.text)


def test_plan_mermaid_gantt() -> None:
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH))
    text = p.plan_mermaid()
    assert text == plan_mermaid(p)
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "gantt"
    assert "dateFormat YYYY-MM-DD" in lines
    assert "inclusiveEndDates" in lines
    excludes = next(line for line in lines if line.startswith("excludes "))
    excluded = set(excludes.removeprefix("excludes ").split(", "))
    assert {"2025-09-27", "2025-10-01", "2025-10-08", "2025-10-12"} <= excluded
    assert "2025-09-28" not in excluded and "2025-10-11" not in excluded  # make-up working days
    assert "weekends" not in excludes
    tasks = [line for line in lines if ":s" in line]
    assert tasks == [
        "creative_concept :s1, 2025-09-28, 2025-09-29",
        "copy_and_layout :s2, 2025-09-30, 2025-10-10",
        "final_art :s3, 2025-10-11, 2025-10-13",
        "colour_proof :s4, 2025-10-14, 2025-10-14",
        "film :s5, 2025-10-15, 2025-10-15",
    ]
    assert "received, day 0 :milestone, day0, 2025-09-26, 0d" in lines


def test_engagement_html() -> None:
    e = demo_engagement()
    markup = e._repr_html_()
    assert markup == engagement_html(e)
    tree = parse(markup)
    text = " ".join(tree.text)
    assert "closed" in text and "Huaxia Real Estate" in text
    assert "BJ-202601-01" in text and "BJ-202601-02" in text  # clocks
    assert "late by 18 h" in text  # the media schedule, as in the lifecycle how-to
    assert "Recent events (8 of" in text
    assert "execution report" in text  # a duty
    fresh = parse(engagement_html(demo_engagement(), recent=0))
    assert "Recent events (0 of" in " ".join(fresh.text)


def test_engagement_without_events_and_escaping() -> None:
    from adservice import Engagement

    e = Engagement("<E-1>", "A & B <Ltd>")
    tree = parse(e._repr_html_())
    assert "A & B <Ltd>" in " ".join(tree.text)  # shown as text, not markup
    assert "<Ltd>" not in e._repr_html_()


@settings(max_examples=30, deadline=None)
@given(
    year=st.integers(min_value=1995, max_value=2030),
    month=st.integers(min_value=1, max_value=12),
    name=st.text(max_size=20),
)
def test_any_month_with_any_closure_name_is_well_formed(year: int, month: int, name: str) -> None:
    cal = WorkCalendar("CN", closures={date(year, month, 1): name})
    tree = parse(cal.month(year, month)._repr_html_())
    assert tree.cells[date(year, month, 1).isoformat()]["data-kind"] == "closure"


# -- reports and placement plans show themselves as tables (issue 11 §8) -----------------------


def _cells(markup: str) -> list[str]:
    return [t.strip() for t in parse(markup).text if t.strip()]


def test_status_and_overdue_reports_are_html_tables() -> None:
    from adservice.demo import demo_portfolio
    from adservice.portfolio import overdue_report, status_report
    from adservice.present.report_html import overdue_report_html, status_report_html

    portfolio = demo_portfolio()
    report = status_report(portfolio, date(2026, 3, 16))
    markup = report._repr_html_()
    assert markup == status_report_html(report)
    text = _cells(markup)
    assert "Weekly status report" in text and "next action" in text
    assert "Mingzhu Dairy" in text  # the second engagement, still in creative
    assert {r.job for r in report.rows if r.job} <= set(text)
    overdue = overdue_report(portfolio, datetime(2026, 3, 20, 12, tzinfo=SH))
    page = overdue._repr_html_()
    assert page == overdue_report_html(overdue)
    parse(page)
    assert ("nothing overdue" in page) == (not overdue.rows)
    assert page.count("<tr>") == len(overdue.rows) + (1 if overdue.rows else 0)


def test_a_duty_done_late_is_marked_in_the_overdue_table() -> None:
    from adservice.demo import demo_engagement
    from adservice.portfolio import overdue_report

    e = demo_engagement()
    # Round 2's execution report (O5) was due Wed 04-15 17:00 and sent Thu 04-16 17:00.
    view = e.as_of(datetime(2026, 4, 17, 9, tzinfo=SH))
    report = overdue_report([view], datetime(2026, 4, 17, 9, tzinfo=SH))
    late = [r for r in report.rows if r.rule_id == "O5"]
    assert late and all(r.done for r in late)
    markup = report._repr_html_()
    assert 'data-late="done"' in markup and "(done late)" in markup


def test_tier_reports_and_complaint_statistics_are_html_tables() -> None:
    from datetime import timezone

    from adservice.issues import ClientIssue, complaint_statistics
    from adservice.portfolio import tier_report

    keys = ("business_importance", "market_influence", "payment_timeliness", "satisfaction")
    tiers = tier_report({"Huaxia <Real> Estate": dict.fromkeys(keys, 90), "Mingzhu": dict.fromkeys(keys, 40)})
    text = _cells(tiers._repr_html_())
    assert "Huaxia <Real> Estate" in text and "A" in text and "Mingzhu" in text
    assert "<Real>" not in tiers._repr_html_()  # escaped
    i = ClientIssue.receive(
        datetime(2025, 1, 6, 9, tzinfo=timezone.utc), "agency:Li", issue_id="X-1", client="C", description="q"
    )
    stats = complaint_statistics(
        [i], as_of=datetime(2025, 1, 8, tzinfo=timezone.utc), calendar=WorkCalendar("CN")
    )
    text = _cells(stats._repr_html_())
    assert "Client issues" in text and "overdue by rule" in text and "I1" in text


def test_a_placement_plan_is_an_html_table_of_its_chain(cn: WorkCalendar) -> None:
    from adservice.deadlines import plan_from_placement

    p = plan_from_placement(
        date(2025, 10, 13), ["print_single", "media_schedule"], calendar=cn, review_days=1
    )
    text = _cells(p._repr_html_())
    assert [s.key for s in p.chain] == [t for t in text if t in {s.key for s in p.chain}][: len(p.chain)]
    assert "Sun 2025-09-28" in text  # the booking's latest day: a make-up working day
    assert "work order by" in text and "Wed 2025-09-17" in text


def test_the_report_renderers_refuse_other_values() -> None:
    from adservice.errors import InvalidInputError
    from adservice.present import report_html

    for render in (
        report_html.status_report_html,
        report_html.overdue_report_html,
        report_html.tier_report_html,
        report_html.complaint_statistics_html,
        report_html.placement_plan_html,
    ):
        with pytest.raises(InvalidInputError):
            render("a report")  # type: ignore[arg-type]
