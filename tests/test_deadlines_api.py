"""The deadlines API (issue 9 §5): one Due, one day 0, one hours switch, one function per duty rule,
one job clock. Each is checked against the rules' text and against every place that used to compute it."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice import ClientIssue, Rulebook, WorkCalendar, demo_engagement
from adservice.deadlines import (
    HOUR_MODES,
    Due,
    day_zero,
    execution_report,
    fee_list,
    hours_after,
    issue_resolution,
    issue_response,
    issue_return_visit,
    job_clock,
    meeting_report,
    merge_waits,
    plan_from_placement,
    return_visit,
)
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    ChronologyError,
    DurationOutOfRangeError,
    InvalidChoiceError,
    InvalidInputError,
    NaiveDatetimeError,
    RulebookError,
)

SH = ZoneInfo("Asia/Shanghai")
UTC = timezone.utc
CN = WorkCalendar("CN")
BOOK = Rulebook.standard()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


# -- Due -----------------------------------------------------------------------


def test_due_status_covers_the_four_verdicts() -> None:
    due = at("2025-09-30 17:00")
    open_ = Due("O7", "fee list", due)
    assert open_.status(at("2025-09-30 16:59")) == "open" and not open_.is_late(at("2025-09-30 17:00"))
    assert open_.status(at("2025-09-30 17:01")) == "overdue" and open_.is_late(at("2025-09-30 17:01"))
    met = attrs.evolve(open_, done_at=at("2025-09-30 12:00"))
    assert met.status(at("2025-10-09 10:00")) == "met" and not met.is_late(at("2025-10-09 10:00"))
    late = attrs.evolve(open_, done_at=at("2025-10-09 10:00"))
    assert late.status(at("2025-10-10 10:00")) == "late" and late.is_late(at("2025-10-10 10:00"))
    # Done after as_of counts as not done yet at as_of.
    assert late.status(at("2025-10-08 10:00")) == "overdue"
    assert late.lateness(at("2025-10-10 10:00")) == at("2025-10-09 10:00") - due
    assert met.lateness(at("2025-10-10 10:00")) == timedelta(0)


def test_due_describes_itself_in_one_line() -> None:
    d = Due("O12", "return visit", at("2025-09-30 17:00"), subject="E-1", provisional=True)
    assert d.describe() == "E-1: O12 return visit due Tue 2025-09-30 17:00 (provisional)"
    done = attrs.evolve(d, done_at=datetime(2025, 9, 30, 1, tzinfo=UTC), provisional=False)
    assert str(done) == "E-1: O12 return visit due Tue 2025-09-30 17:00, done Tue 2025-09-30 09:00"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"due": datetime(2025, 9, 30)}, NaiveDatetimeError),
        ({"due": date(2025, 9, 30)}, InvalidInputError),
        ({"rule_id": 7}, InvalidInputError),
        ({"done_at": "yesterday"}, InvalidInputError),
        ({"earliest": datetime(2025, 9, 30)}, NaiveDatetimeError),
        ({"provisional": "yes"}, InvalidInputError),
        ({"subject": None}, InvalidInputError),
    ],
)
def test_due_refuses_wrong_types(kwargs: dict[str, object], error: type[AdServiceError]) -> None:
    fields: dict[str, object] = {"rule_id": "O7", "what": "fee list", "due": at("2025-09-30 17:00")}
    with pytest.raises(error):
        Due(**{**fields, **kwargs})  # type: ignore[arg-type]


def test_due_status_refuses_a_naive_instant() -> None:
    with pytest.raises(NaiveDatetimeError):
        Due("O7", "fee list", at("2025-09-30 17:00")).status(datetime(2025, 9, 30))


# -- hours_after -----------------------------------------------------------------


def test_hours_after_is_the_switch_between_the_three_counts() -> None:
    friday = at("2025-09-26 18:00")  # Sat 27 is off; Sun 28 is a make-up working day
    assert hours_after(friday, 24, mode="elapsed", calendar=CN) == at("2025-09-27 18:00")
    assert hours_after(friday, 24, mode="elapsed_rolled", calendar=CN) == at("2025-09-28 18:00")
    assert hours_after(friday, 24, mode="business", calendar=CN) == CN.add_business_hours(friday, 24)
    assert hours_after(friday, timedelta(hours=2), mode="elapsed", calendar=CN) == at("2025-09-26 20:00")


@pytest.mark.parametrize(
    ("hours", "error"),
    [
        (10**400, DurationOutOfRangeError),
        (math.nan, DurationOutOfRangeError),
        (math.inf, DurationOutOfRangeError),
        (-1, DurationOutOfRangeError),
        (True, InvalidInputError),
        ("24", InvalidInputError),
    ],
)
def test_hours_after_refuses_impossible_hours(hours: object, error: type[AdServiceError]) -> None:
    with pytest.raises(error):
        hours_after(at("2025-09-26 10:00"), hours, mode="elapsed", calendar=CN)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", HOUR_MODES)
@pytest.mark.parametrize("start", [datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC)])
def test_hours_after_at_extreme_instants_raises_a_calendar_range_error(mode: str, start: datetime) -> None:
    with pytest.raises(CalendarRangeError):
        hours_after(start, 24, mode=mode, calendar=CN)


def test_hours_after_refuses_an_unknown_mode_and_a_naive_start() -> None:
    with pytest.raises(InvalidChoiceError, match="rolled"):
        hours_after(at("2025-09-26 10:00"), 1, mode="wall", calendar=CN)
    with pytest.raises(NaiveDatetimeError):
        hours_after(datetime(2025, 9, 26), 1, mode="elapsed", calendar=CN)


# -- day zero --------------------------------------------------------------------


def test_day_zero_takes_the_calendar_by_keyword_only() -> None:
    assert day_zero(at("2025-09-30 16:59"), calendar=CN) == date(2025, 9, 30)
    assert day_zero(at("2025-09-30 17:00"), calendar=CN) == date(2025, 10, 9)
    with pytest.raises(TypeError):
        day_zero(at("2025-09-30 16:59"), CN)  # type: ignore[misc]
    with pytest.raises(CalendarRangeError):
        day_zero(datetime.max.replace(tzinfo=UTC), calendar=CN)


# -- duty rules --------------------------------------------------------------------


def test_every_duty_the_demo_engagement_recorded_is_the_duty_function_s_answer() -> None:
    # Duties are Due values now (their ``because`` is one line of text): the expected duties are
    # derived from the log itself, one duty function per cause, and must be exactly the recorded ones.
    e = demo_engagement()
    expected: list[Due | None] = []
    rounds = 0
    for ev in e.events:
        if ev.kind == "meeting":
            expected.append(
                meeting_report(
                    ev.at, call=bool(ev.payload.get("call")), calendar=e.calendar, rulebook=e.rulebook
                )
            )
        elif ev.kind == "book_media":
            placement = date.fromisoformat(ev.payload["placement"])
            expected.append(fee_list(placement, calendar=e.calendar, rulebook=e.rulebook))
        elif ev.kind == "place":
            rounds += 1
            end = date.fromisoformat(ev.payload["end"])
            expected.append(execution_report(end, rounds, calendar=e.calendar, rulebook=e.rulebook))
    assert all(d is not None for d in expected)
    want = sorted((d.rule_id, d.due) for d in expected if d is not None)
    assert want == sorted((d.rule_id, d.due) for d in e.duties)
    assert len(want) == 6  # the demo's three meetings, one booking and two placement rounds


def test_meeting_report_follows_the_rulebook_s_choices() -> None:
    ended = at("2025-09-26 18:00")
    assert meeting_report(ended).rule_id == "O2"  # type: ignore[union-attr]
    call = meeting_report(ended, call=True)
    assert call is not None and (call.rule_id, call.what) == ("O3", "contact report")
    rolled = meeting_report(ended, rulebook=BOOK.choose(report_clock="elapsed_rolled"))
    assert rolled is not None and rolled.due == hours_after(ended, 24, mode="elapsed_rolled", calendar=CN)
    assert meeting_report(ended, rulebook=BOOK.without("O2")) is None
    with pytest.raises(RulebookError, match=r"O2.*'hours'"):
        meeting_report(ended, rulebook=BOOK.with_params("O2", hours="soon"))
    with pytest.raises(InvalidInputError):
        meeting_report(ended, call="yes")  # type: ignore[arg-type]


def test_execution_report_is_72_hours_after_close_of_business_on_the_last_day() -> None:
    report = execution_report(date(2025, 10, 13), 2, subject="E-1")
    assert report is not None
    assert report.due == at("2025-10-16 17:00") and report.subject == "E-1" and "round 2" in report.what
    assert execution_report(date(2025, 10, 13), 1, rulebook=BOOK.without("O5")) is None
    with pytest.raises(InvalidInputError, match="round"):
        execution_report(date(2025, 10, 13), 0)


@pytest.mark.parametrize("days", ["six", -3, 6.0, None, 10**9])
def test_fee_list_refuses_a_bad_days_parameter_naming_the_rule(days: object) -> None:
    with pytest.raises(RulebookError, match=r"O7.*days"):
        fee_list(date(2025, 10, 13), rulebook=BOOK.with_params("O7", days=days))
    with pytest.raises(RulebookError, match=r"O7.*days"):
        plan_from_placement(date(2025, 10, 13), ["print_single"], rulebook=BOOK.with_params("O7", days=days))


@given(
    placement=st.dates(min_value=date(1990, 3, 1), max_value=date(2100, 12, 31)),
    days=st.integers(min_value=0, max_value=40),
)
def test_fee_list_is_never_after_the_placement_and_is_the_planner_s_date(placement: date, days: int) -> None:
    book = BOOK.with_params("O7", days=days)
    due = fee_list(placement, rulebook=book)
    assert due is not None
    day = due.due.astimezone(CN.tz).date()
    assert day <= placement - timedelta(days=days)
    assert CN.is_working_day(day) and due.due == CN.close_of_business(day)
    assert (
        plan_from_placement(placement, ["print_single"], rulebook=book, materials_lead=0).fee_list_due_date
        == day
    )


def test_fee_list_is_none_when_o7_is_disabled() -> None:
    assert fee_list(date(2025, 10, 13), rulebook=BOOK.without("O7")) is None


def test_return_visit_counts_working_days_from_day_zero_of_the_delivery() -> None:
    assert return_visit(at("2025-09-26 10:00")).due == at("2025-09-30 17:00")  # type: ignore[union-attr]
    # Delivered after close of business on the eve of National Day: day 0 is 10-09.
    late = return_visit(at("2025-09-30 17:30"), subject="E-2")
    assert late is not None and late.due == CN.close_of_business(CN.add_working_days(date(2025, 10, 9), 3))
    assert return_visit(at("2025-09-26 10:00"), rulebook=BOOK.without("O12")) is None


# -- client issues -------------------------------------------------------------------


@pytest.mark.parametrize(
    "received",
    [at("2025-09-30 16:00"), at("2025-09-30 17:30"), at("2025-10-03 10:00"), at("2025-10-09 09:00")],
)
def test_issue_deadlines_are_the_issue_s_own(received: datetime) -> None:
    issue = ClientIssue.receive(received, "agency:Li", issue_id="X", client="C", description="d")
    theirs = {d.rule_id: d.due for d in issue.deadlines(calendar=CN)}
    response, solution = issue_response(received, calendar=CN), issue_resolution(received, calendar=CN)
    assert response is not None and solution is not None
    assert theirs == {"I1": response.due, "I4": solution.due}
    visit = issue_return_visit(received, calendar=CN)
    assert visit is not None and visit.due == CN.close_of_business(CN.add_working_days(day_zero(received), 3))


def test_issue_deadlines_refuse_bad_parameters_and_vanish_when_disabled() -> None:
    t = at("2025-10-09 09:00")
    with pytest.raises(RulebookError, match=r"I1.*response_hours"):
        issue_response(t, rulebook=BOOK.with_params("I1", response_hours="soon"))
    with pytest.raises(RulebookError, match=r"I1.*clock"):
        issue_response(t, rulebook=BOOK.with_params("I1", clock="wall"))
    with pytest.raises(RulebookError, match=r"I4.*resolve_working_days"):
        issue_resolution(t, rulebook=BOOK.with_params("I4", resolve_working_days=-1))
    assert issue_response(t, rulebook=BOOK.without("I1")) is None
    assert issue_return_visit(t, rulebook=BOOK.without("I5")) is None


# -- the job clock ---------------------------------------------------------------------


def _opened(e: Any, original: str, count: int) -> Any:
    """The event that opened revision ``count`` of ``original`` (a step sent back, or a revision request)."""
    events = [
        ev
        for ev in e.events
        if (ev.kind == "refuse_step" and ev.payload["job"] == original)
        or (ev.kind == "request_revision" and original in ev.payload["jobs"])
    ]
    return events[count - 1]


def test_the_demo_engagement_s_clocks_are_job_clocks() -> None:
    e = demo_engagement()
    rushes = e.accepted_rushes()
    book = e.rulebook
    for job, clock in e.clocks().items():
        delivered = next((d.at for d in e.delivered if d.payload["job"] == job), None)
        order = e.job_orders[job]
        if order.revision:  # a revision job order (L11): its own turnaround from the client's request
            original = job.rsplit("-R", 1)[0]
            opened = _opened(e, original, order.revision)
            step = opened.payload.get("step")
            days = book.item(step).days[1] if step else book.item(order.item).days[1]
            mine = job_clock(
                job, item=order.item, received_at=opened.at, calendar=e.calendar, rulebook=book,
                waits=e.waiting(), delivered_at=delivered, working_days=days, rule_id="L11",
            )  # fmt: skip
        else:
            placed = next(o for o in reversed(e.work_orders) if job in o.payload["jobs"])
            own = [
                (w.start, w.end, f"{w.reason} ({job})") for w in e.waits if w.kind == "step" and w.job == job
            ]
            mine = job_clock(
                job, item=order.item, received_at=placed.at, calendar=e.calendar, rulebook=book,
                waits=[*e.waiting(), *own], delivered_at=delivered, rush_due_date=rushes.get(job),
            )  # fmt: skip
        assert mine == clock


def test_a_job_submitted_without_delivery_and_sent_back_keeps_running_and_breaches() -> None:
    ordered = at("2025-09-26 10:00")
    submitted, sent_back = at("2025-10-10 10:00"), at("2025-10-13 10:00")
    clock = job_clock(
        "J-1", item="print_single", received_at=ordered, waits=[(submitted, sent_back, "approval")]
    )
    status = clock.status(at("2025-10-24 10:00"))
    assert not status.stopped and status.breached
    assert status.due > clock.due  # the approval round was the client's time


def test_a_rush_binds_only_the_order_it_was_accepted_for() -> None:
    ordered = at("2025-09-26 10:00")
    rushed = job_clock("J-1", item="print_single", received_at=ordered, rush_due_date=date(2025, 9, 30))
    assert (rushed.due, rushed.rule_id) == (at("2025-09-30 17:00"), "T8")
    later = job_clock(
        "J-1", item="print_single", received_at=at("2025-10-09 10:00"), rush_due_date=date(2025, 9, 30)
    )
    assert later.rule_id != "T8" and later.due > at("2025-10-09 10:00")


def test_job_clock_refuses_a_delivery_before_the_order_and_bad_waits() -> None:
    ordered = at("2025-09-26 10:00")
    with pytest.raises(ChronologyError):
        job_clock("J-1", item="print_single", received_at=ordered, delivered_at=at("2025-09-25 10:00"))
    with pytest.raises(InvalidInputError):
        job_clock("J-1", item="print_single", received_at=ordered, waits=5)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        merge_waits([(at("2025-09-27 10:00"), at("2025-09-26 10:00"), "x")])
    with pytest.raises(InvalidInputError):
        job_clock("", item="print_single", received_at=ordered)


def test_merge_waits_joins_overlapping_intervals() -> None:
    a, b, c, d = (at(f"2025-09-2{n} 10:00") for n in (2, 3, 4, 5))
    assert merge_waits([(c, d, "hold"), (a, c, "approval"), (b, None, "x")]) == (
        (a, None, "approval; x; hold"),
    )


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), allow_imaginary=False),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), allow_imaginary=False),
    st.sampled_from([ZoneInfo("America/New_York"), ZoneInfo("Europe/London"), timezone.utc]),
)
def test_two_dues_are_equal_exactly_when_their_instants_are(a: datetime, b: datetime, zone: Any) -> None:
    """Lossless values (issue 9 §7): equality by instant, fold included — the two 01:10 of New York's
    fall-back night are an hour apart, and datetime's == (same zone) would call them equal."""
    for wall_x, wall_y in ((a, b), (a, a.replace(fold=1 - a.fold))):
        x, y = wall_x.replace(tzinfo=zone), wall_y.replace(tzinfo=zone)
        same = x.astimezone(timezone.utc) == y.astimezone(timezone.utc)  # the oracle: both in UTC
        first, second = Due("O7", "fee list", x, done_at=x), Due("O7", "fee list", y, done_at=y)
        assert (first == second) is same
        assert not same or hash(first) == hash(second)
    fold = datetime(2026, 11, 1, 1, 10, tzinfo=ZoneInfo("America/New_York"))
    assert Due("O7", "fee list", fold) != Due("O7", "fee list", fold.replace(fold=1))


def test_a_due_is_judged_by_instants_in_a_dst_hour_and_its_lateness_is_elapsed_time() -> None:
    # Within one zone < compares wall clocks: done at 01:10 EST, 40 minutes after a due at 01:30 EDT,
    # read as "met"; and lateness across the spring-forward change counted 48 hours for 47.
    ny = ZoneInfo("America/New_York")
    due = Due("O2", "the meeting report", datetime(2026, 11, 1, 1, 30, tzinfo=ny))
    done = attrs.evolve(due, done_at=datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=ny))
    later = datetime(2026, 11, 2, 9, tzinfo=ny)
    assert (done.status(later), done.lateness(later), done.describe().endswith("(late)")) == (
        "late", timedelta(minutes=40), True,
    )  # fmt: skip
    assert due.status(datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=ny)) == "overdue"
    spring = Due("O2", "the meeting report", datetime(2026, 3, 7, 9, tzinfo=ny))
    assert spring.lateness(datetime(2026, 3, 9, 9, tzinfo=ny)) == timedelta(hours=47)  # oracle: UTC
