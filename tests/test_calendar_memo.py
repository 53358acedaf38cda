"""Answers remembered per calendar (issue 9 item 9) never answer for another calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines import brand_review, return_visit
from adservice.deadlines._memo import calendar_memo, calendar_table
from adservice.portfolio import recurring

SH = ZoneInfo("Asia/Shanghai")


def test_each_calendar_keeps_its_own_table() -> None:
    a, b = WorkCalendar("CN"), WorkCalendar("CN")
    assert calendar_memo(a, ("k",), lambda: 1) == 1
    assert calendar_memo(b, ("k",), lambda: 2) == 2  # an equal calendar is still another table
    assert calendar_memo(a, ("k",), lambda: 3) == 1
    assert calendar_table(a) is not calendar_table(b)


def test_a_closure_moves_the_weekly_report_after_the_plain_calendar_was_asked() -> None:
    plain = WorkCalendar("CN")
    closed = WorkCalendar("CN", closures={date(2025, 10, 13): "agency retreat"})
    window = (date(2025, 10, 13), date(2025, 10, 18))
    first = [o.day for o in recurring("O4", *window, calendar=plain)]
    moved = [o.day for o in recurring("O4", *window, calendar=closed)]
    again = [o.day for o in recurring("O4", *window, calendar=plain)]
    assert first == again == [date(2025, 10, 13)]
    assert moved == [date(2025, 10, 14)]


def test_return_visit_and_cadence_rows_follow_their_own_calendar() -> None:
    plain = WorkCalendar("CN")
    closed = WorkCalendar("CN", closures={date(2025, 10, 15): "agency retreat"})
    delivered = datetime(2025, 10, 13, 10, tzinfo=SH)  # Monday: day 0, due 3 working days later
    visits = [return_visit(delivered, calendar=cal) for cal in (plain, closed, plain)]
    assert [v.due.date() if v else None for v in visits] == [
        date(2025, 10, 16),
        date(2025, 10, 17),
        date(2025, 10, 16),
    ]
    signed = datetime(2024, 10, 15, 10, tzinfo=SH)
    october = (date(2025, 10, 1), date(2025, 11, 1))
    reviews = [brand_review(signed, *october, calendar=c) for c in (plain, closed)]
    assert [r[0].due.date() for r in reviews] == [date(2025, 10, 15), date(2025, 10, 16)]
    assert "moved to 2025-10-16" in reviews[1][0].because and "moved" not in reviews[0][0].because
