"""Obligations (SPEC §7, O1–O13): dates around National Day 2025 and Spring Festival 2026, refusals."""

from __future__ import annotations

import itertools
import json
import pickle
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import WorkCalendar
from adservice.demo import demo_engagement
from adservice.engagement import Engagement
from adservice.engagement.views import milestones_of
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    DurationOutOfRangeError,
    InvalidInputError,
    NaiveDatetimeError,
    ProvisionalCalendarError,
    RulebookError,
    UnknownItemError,
)
from adservice.portfolio import (
    RECURRING_RULES,
    DueWindow,
    Obligation,
    ScheduledMeeting,
    agency_obligations,
    engagement_obligations,
    fee_list_obligation,
    meeting_preparation,
    obligations_due,
    pending,
    recurring,
    return_visit,
)
from adservice.rulebook import Rulebook

from . import strategies as s
from .lifecycle_walk import BRIEFING, TZ, A, C, clock, to_booking, to_brief, to_closed, to_pitch

SH = TZ  # +08:00, the same offset as Asia/Shanghai


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def dues(obs: tuple[Obligation, ...]) -> list[str]:
    return [o.deadline.strftime("%Y-%m-%d %H:%M") for o in obs]


def signed_engagement(start: datetime, eid: str = "E-1") -> Engagement:
    """An engagement whose contract is signed a few hours after ``start`` and left in brief."""
    e = Engagement(eid, "Huaxia Real Estate")
    return to_brief(e, clock(start))


# -- recurring duties around National Day 2025 -----------------------------------------


def test_weekly_report_on_a_monday_holiday_moves_to_the_next_working_day(cn: WorkCalendar) -> None:
    obs = recurring("O4", d("2025-09-29"), d("2025-10-14"), calendar=cn)
    assert dues(obs) == ["2025-09-29 09:00", "2025-10-09 09:00", "2025-10-13 09:00"]
    moved = obs[1]
    assert moved.rule_id == "O4" and moved.what == "weekly status report" and moved.engagement_id is None
    assert "Mon 2025-10-06 public holiday" in moved.explain()
    assert "moved to the next working day Thu 2025-10-09" in moved.explain()
    assert "status as of Fri 2025-10-03" in moved.explain()


def test_friday_duties_on_national_day_move_to_thursday_after_it(cn: WorkCalendar) -> None:
    assert dues(recurring("O9", d("2025-10-01"), d("2025-10-11"), calendar=cn)) == [
        "2025-10-09 17:00",
        "2025-10-10 17:00",
    ]
    routine = agency_obligations(d("2025-10-01"), d("2025-10-10"), calendar=cn)
    assert [(o.what, o.deadline.strftime("%m-%d %H:%M")) for o in routine] == [
        ("weekly job tally", "10-09 09:00"),
        ("weekly meeting (40 min)", "10-09 09:30"),
        ("weekly report to the supervisor", "10-09 17:30"),
    ]


def test_monthly_market_report_is_the_last_working_day(cn: WorkCalendar) -> None:
    obs = recurring("O8", d("2025-09-01"), d("2025-11-01"), calendar=cn)
    assert dues(obs) == ["2025-09-30 17:00", "2025-10-31 17:00"]
    o13 = recurring("O13", d("2025-09-01"), d("2025-10-01"), calendar=cn)
    assert {o.what for o in o13} == {
        "competitive media spend analysis",
        "store check and market visit report",
        "budget reconciliation",
    }
    assert {o.day for o in o13} == {d("2025-09-30")}


def test_fee_list_six_days_before_placement_rolls_back_over_national_day(cn: WorkCalendar) -> None:
    ob = fee_list_obligation(d("2025-10-12"), calendar=cn)
    assert ob.deadline == at("2025-09-30T17:00")
    assert ob.rule_id == "O7" and not ob.hour_rule
    assert "Mon 2025-10-06 public holiday" in ob.explain()
    assert "rolled back to the last working day Tue 2025-09-30" in ob.explain()


def test_the_lifecycle_fee_list_duty_is_reused_not_duplicated(cn: WorkCalendar) -> None:
    e = Engagement("E-1", "Huaxia Real Estate")
    t = clock(at("2025-09-15T08:00"))
    to_booking(e, t)
    e.confirm_schedule(next(t), C, evidence="MS-1")
    e.book_media(next(t), A, placement=d("2025-10-12"))
    fee = [o for o in engagement_obligations(e, d("2025-09-01"), d("2025-11-01")) if o.rule_id == "O7"]
    assert len(fee) == 1 and fee[0].deadline == fee_list_obligation(d("2025-10-12")).deadline
    assert fee[0].done_at is None and fee[0].engagement_id == "E-1"
    assert pending(e, at("2025-10-01T09:00")) == (fee[0],)
    e.approve_fee_list(at("2025-09-29T10:00"), C, evidence="FL-1")
    assert pending(e, at("2025-10-01T09:00")) == ()
    assert pending(e, at("2025-09-29T09:00")) == (fee[0],)  # approved later than that


@pytest.mark.parametrize(
    ("choices", "rule_id", "what", "due"),
    [
        ({}, "O2", "meeting report", "2025-10-01T16:00"),
        ({"report_clock": "elapsed_rolled"}, "O2", "meeting report", "2025-10-09T16:00"),
        ({"report_clock": "business"}, "O2", "meeting report", "2025-10-11T16:00"),
        ({"meeting_report": "O3"}, "O3", "contact report", "2025-10-02T16:00"),
    ],
)
def test_meeting_report_follows_the_rulebook_choice(
    choices: dict[str, str], rule_id: str, what: str, due: str
) -> None:
    book = Rulebook.standard().choose(**choices)
    e = Engagement("E-1", "Huaxia", rulebook=book)
    e.meeting(at("2025-09-30T16:00"), A, about="launch review")
    (ob,) = [o for o in engagement_obligations(e, d("2025-09-01"), d("2025-11-01")) if o.rule_id != "O12"]
    assert (ob.rule_id, ob.what, ob.deadline, ob.hour_rule) == (rule_id, what, at(due), True)
    assert ob.explain().startswith("meeting ended Tue 2025-09-30 16:00")
    assert ob.deadline == e.duties[0].due  # the lifecycle's own duty, not a second computation


def test_disabled_meeting_report_rule_gives_no_duty() -> None:
    e = Engagement("E-1", "Huaxia", rulebook=Rulebook.standard().without("O2"))
    e.meeting(at("2025-09-30T16:00"), A, about="launch review")
    obs = engagement_obligations(e, d("2025-09-01"), d("2025-11-01"))
    assert {o.rule_id for o in obs} == {"O12"}  # only prospect tracking from the first contact


def test_meeting_preparation_notice_agenda_reconfirmation(cn: WorkCalendar) -> None:
    notice, reconfirm, agenda = meeting_preparation(at("2025-10-09T10:00"), 1.5, calendar=cn, about="review")
    assert notice.deadline == at("2025-09-30T17:00") and not notice.hour_rule  # the working day before
    assert reconfirm.deadline == at("2025-10-09T07:30") and reconfirm.hour_rule  # 1 h before departure
    assert agenda.deadline == at("2025-10-09T08:00") and agenda.hour_rule  # at least 2 h before
    assert "before National Day" in notice.explain()
    # A Monday meeting after National Day: the Saturday before is a make-up working day.
    monday = meeting_preparation(at("2025-10-13T10:00"), timedelta(0), calendar=cn)
    assert monday[0].deadline == at("2025-10-11T17:00")
    custom = Rulebook.standard().with_params("O10", agenda_hours=1, reconfirm_hours=0.5)
    times = {
        o.what.split(":")[0]: o.deadline for o in meeting_preparation(at("2025-10-13T10:00"), rulebook=custom)
    }
    assert times["meeting agenda to the client"] == at("2025-10-13T09:00")
    assert times["phone reconfirmation before departure"] == at("2025-10-13T09:30")


def test_return_visit_within_three_working_days(cn: WorkCalendar) -> None:
    assert return_visit(at("2025-09-26T10:00"), calendar=cn).deadline == at("2025-09-30T17:00")
    late = return_visit(at("2025-09-30T18:00"), calendar=cn)  # after close of business
    assert late.deadline == at("2025-10-13T17:00")  # day 0 Thu 10-09; 10-10, Sat 10-11, Mon 10-13
    assert "after close of business" in late.explain()


def test_delivery_in_the_log_creates_a_return_visit() -> None:
    e = Engagement("E-1", "Huaxia")
    t = clock(at("2025-09-22T08:00"))
    to_brief(e, t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="J1", item="media_schedule", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO-1")
    e.start_creative(next(t), A)
    e.deliver(at("2025-09-26T10:00"), A, job="J1")
    visits = [o for o in engagement_obligations(e, d("2025-09-29"), d("2025-10-01")) if o.rule_id == "O12"]
    assert [(o.what, o.deadline) for o in visits] == [
        ("return visit after delivering J1", at("2025-09-30T17:00"))
    ]


# -- Spring Festival 2026 ------------------------------------------------------------------


def test_market_report_for_february_2026_is_a_make_up_saturday(cn: WorkCalendar) -> None:
    (ob,) = recurring("O8", d("2026-02-01"), d("2026-03-01"), calendar=cn)
    assert ob.deadline == at("2026-02-28T17:00")
    assert "make-up working day" in ob.explain()


def test_two_weekly_reports_rolled_onto_one_day_are_one_duty(cn: WorkCalendar) -> None:
    obs = recurring("O4", d("2026-02-09"), d("2026-03-03"), calendar=cn)
    assert dues(obs) == ["2026-02-09 09:00", "2026-02-24 09:00", "2026-03-02 09:00"]
    merged = obs[1].explain()
    assert "status as of Fri 2026-02-20" in merged and "also the Mon 2026-02-16 occurrence" in merged


def test_fee_list_before_spring_festival_rolls_back_to_a_make_up_saturday(cn: WorkCalendar) -> None:
    assert fee_list_obligation(d("2026-02-24"), calendar=cn).deadline == at("2026-02-14T17:00")


def test_periodic_duties_are_windows_not_guesses(cn: WorkCalendar) -> None:
    e = signed_engagement(at("2025-11-20T08:00"))
    windows = [o for o in engagement_obligations(e, d("2026-01-01"), d("2026-12-01")) if o.rule_id == "O6"]
    assert [(o.earliest, o.deadline) for o in windows] == [
        (at("2026-02-24T09:00"), at("2026-05-20T17:00")),  # opens Fri 02-20, a Spring Festival day off
        (at("2026-08-20T09:00"), at("2026-11-20T17:00")),
    ]
    assert all(isinstance(o.window, DueWindow) and o.is_window for o in windows)
    assert "every 3–6 months" in windows[0].explain()
    # Without an agreed strategy, strategy reviews (O1) count from the contract too.
    assert [
        o.earliest.date()
        for o in engagement_obligations(e, d("2026-01-01"), d("2026-04-01"))
        if o.rule_id == "O1"
    ] == [d("2026-02-24")]


def test_periodic_range_is_rulebook_data(cn: WorkCalendar) -> None:
    book = Rulebook.standard().with_params("O6", every_months=[1, 2])
    obs = recurring("O6", d("2026-01-01"), d("2026-03-01"), rulebook=book, since=at("2025-12-01T10:00"))
    assert [(o.earliest.date(), o.day) for o in obs] == [(d("2026-01-04"), d("2026-02-02"))]


def test_provisional_after_the_last_announced_year(cn: WorkCalendar) -> None:
    obs = recurring("O4", d("2026-12-21"), d("2027-01-12"), calendar=cn)
    # Mondays 12-21, 12-28, 01-04, 01-11: the last week of 2026 is provisional (the 2027 notice may move it).
    assert [o.provisional for o in obs] == [False, True, True, True]
    assert obs[-1].explain().endswith("[provisional]")
    strict = cn.replace(strict=True)
    with pytest.raises(ProvisionalCalendarError):
        recurring("O4", d("2026-12-21"), d("2027-01-12"), calendar=strict)


# -- engagements and portfolios ----------------------------------------------------------


def test_client_duties_run_while_the_client_is_served() -> None:
    e = signed_engagement(at("2025-09-22T08:00"))
    rules = {o.rule_id for o in engagement_obligations(e, d("2025-09-22"), d("2025-11-01"))}
    assert rules == {"O4", "O8", "O9", "O13"}  # O1/O6 windows open three months on
    prospect = Engagement("E-2", "Jinan Dairy")
    to_pitch(prospect, clock(at("2025-09-25T08:00")))
    tracking = engagement_obligations(prospect, d("2025-09-25"), d("2025-10-20"))
    assert [(o.rule_id, o.day) for o in tracking] == [
        ("O12", d("2025-10-09")),  # Thu 10-02 (holiday) and Thu 10-09: one duty
        ("O12", d("2025-10-16")),
    ]
    assert "also the Thu 2025-10-02 occurrence" in tracking[0].explain()


def test_a_closed_engagement_owes_nothing_more() -> None:
    e = Engagement("E-1", "Huaxia")
    to_closed(e, clock(at("2026-03-02T08:00")))
    assert engagement_obligations(e, d("2026-03-09"), d("2026-05-01")) == ()


def test_milestones_are_read_from_the_log_and_follow_it_as_it_grows() -> None:
    assert milestones_of(Engagement("E-1", "Huaxia")) == (None, None, None, None, None, ())
    e = demo_engagement()  # signed, strategy agreed, four deliveries, closed
    events = e.events

    def first(*kinds: str) -> datetime | None:  # the oracle: the log itself, read as events
        return next((ev.at for ev in events if ev.kind in kinds), None)

    marks = milestones_of(e)
    assert marks.first_at == events[0].at
    assert marks.signed_at == first("sign_contract") is not None
    assert marks.strategy_at == first("agree_strategy") is not None
    assert marks.ended_at == first("close", "cancel", "lose") == events[-1].at
    assert marks.contract_or_end_at == first("sign_contract", "close", "cancel", "lose")
    assert marks.deliveries == tuple((ev.at, ev.payload["job"]) for ev in events if ev.kind == "deliver")
    assert len(marks.deliveries) == 4
    assert milestones_of(e.as_of(marks.signed_at)).ended_at is None  # a prefix of the log: not ended yet
    with pytest.raises(InvalidInputError):
        milestones_of("E-1")


def test_portfolio_lists_each_engagement_once_and_agency_duties_once() -> None:
    a = signed_engagement(at("2025-09-22T08:00"), "E-A")
    b = signed_engagement(at("2025-09-22T08:00"), "E-B")
    obs = obligations_due([a, b], d("2025-10-13"), d("2025-10-14"))
    assert [(o.rule_id, o.engagement_id, o.what) for o in obs] == [
        ("O4", "E-A", "weekly status report"),
        ("O4", "E-B", "weekly status report"),
        ("O11", None, "weekly meeting (40 min)"),
    ]
    assert obligations_due([a, b], d("2025-10-13"), d("2025-10-14"), agency=False) == obs[:2]
    assert obligations_due(a, d("2025-10-13"), d("2025-10-14"), agency=False) == obs[:1]


def test_scheduled_meetings_of_the_portfolio() -> None:
    a = signed_engagement(at("2025-09-22T08:00"), "E-A")
    meeting = ScheduledMeeting(at("2025-10-14T10:00"), 1, "E-A", "media review")
    obs = obligations_due([a], d("2025-10-13"), d("2025-10-15"), meetings=[meeting], agency=False)
    assert [o.what for o in obs if o.rule_id == "O10"] == [
        "meeting notice (5W1H): media review",
        "meeting agenda to the client: media review",  # 08:00, tied with the reconfirmation
        "phone reconfirmation before departure: media review",
    ]


def test_execution_report_done_from_the_log() -> None:
    e = Engagement("E-1", "Huaxia")
    to_closed(e, clock(at("2026-03-02T08:00")))
    (o5,) = [o for o in engagement_obligations(e, d("2026-05-01"), d("2026-06-30")) if o.rule_id == "O5"]
    assert o5.deadline == at("2026-05-30T17:00") and o5.hour_rule  # 72 h after close of business 05-27
    assert o5.done_at is not None and pending(e, at("2026-06-01T09:00")) == ()


def test_rule_parameters_are_data() -> None:
    book = Rulebook.standard().with_params("O4", weekday=1, at="10:30")
    assert dues(recurring("O4", d("2025-09-29"), d("2025-10-04"), rulebook=book)) == ["2025-09-30 10:30"]
    assert recurring("O4", d("2025-09-29"), d("2025-10-04"), rulebook=Rulebook.standard().without("O4")) == ()
    book = Rulebook.standard().with_params("O7", days=3)
    assert fee_list_obligation(d("2025-10-13"), rulebook=book).day == d("2025-10-10")


@pytest.mark.parametrize(
    ("rule_id", "params"),
    [
        ("O4", {"weekday": 7}),
        ("O4", {"at": "9am"}),
        ("O9", {"at": "25:00"}),
        ("O11", {"tally": [4]}),
        ("O6", {"every_months": [6, 3]}),
    ],
)
def test_malformed_parameters_are_refused(rule_id: str, params: dict[str, object]) -> None:
    # A rule's parameters are checked against its schema when the rulebook is built, before any
    # obligation reads them.
    with pytest.raises(RulebookError, match=f"rule {rule_id}'s"):
        Rulebook.standard().with_params(rule_id, **params)


# -- refusals ----------------------------------------------------------------------------


def test_refusals_name_what_is_wrong(cn: WorkCalendar) -> None:
    with pytest.raises(DurationOutOfRangeError, match="ends before it starts"):
        recurring("O4", d("2025-10-10"), d("2025-10-01"))
    with pytest.raises(CalendarRangeError, match="horizon"):
        recurring("O4", d("2025-10-01"), d("2200-01-01"))
    with pytest.raises(UnknownItemError, match="recurring rules: O1, O4"):
        recurring("O2", d("2025-10-01"), d("2025-10-10"))
    with pytest.raises(InvalidInputError, match=r"datetime\.date"):
        recurring("O4", datetime(2025, 10, 1, tzinfo=SH), d("2025-10-10"))  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        meeting_preparation(datetime(2025, 10, 9, 10))
    with pytest.raises(DurationOutOfRangeError, match="travel"):
        meeting_preparation(at("2025-10-09T10:00"), -1)
    e = Engagement("E-1", "Huaxia")
    with pytest.raises(InvalidInputError, match="twice"):
        obligations_due([e, e], d("2025-10-01"), d("2025-10-10"))
    with pytest.raises(InvalidInputError, match="Engagement"):
        obligations_due(["E-1"], d("2025-10-01"), d("2025-10-10"))  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="ScheduledMeeting"):
        obligations_due([], d("2025-10-01"), d("2025-10-10"), meetings=[[at("2025-10-09T10:00")]])  # type: ignore[list-item]
    assert obligations_due([], d("2025-10-01"), d("2025-10-01")) == ()  # an empty window


def test_obligation_is_a_plain_value() -> None:
    ob = fee_list_obligation(d("2025-10-12"))
    window = recurring("O6", d("2026-01-01"), d("2026-06-01"), since=at("2025-11-20T10:00"))[0]
    for value in (ob, window, window.window, ScheduledMeeting(at("2025-10-09T10:00"))):
        assert not hasattr(value, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.engagement_id = "X"  # type: ignore[union-attr]
        assert pickle.loads(pickle.dumps(value)) == value
    data = json.loads(json.dumps(window.to_dict()))
    assert data["due"]["earliest"].startswith("2026-02-24") and data["deadline"].startswith("2026-05-20")
    assert json.loads(json.dumps(ob.to_dict()))["why"] == ob.explain()


# -- properties ------------------------------------------------------------------------------

windows = st.tuples(s.recent_dates, st.integers(0, 70)).map(lambda p: (p[0], p[0] + timedelta(days=p[1])))


def _on_working_days(cal: WorkCalendar, obs: tuple[Obligation, ...]) -> None:
    for o in obs:
        if o.hour_rule:
            continue
        assert cal.is_working_day(o.deadline.astimezone(cal.tz).date()), o.describe()
        assert cal.is_working_day(o.opens.astimezone(cal.tz).date()), o.describe()


@settings(max_examples=60, deadline=None)
@given(rule_id=st.sampled_from(RECURRING_RULES), window=windows, since=s.recent_dates)
def test_recurring_duties_fall_on_working_days_sorted_inside_the_window(
    cn: WorkCalendar, rule_id: str, window: tuple[date, date], since: date
) -> None:
    start, end = window
    obs = recurring(rule_id, start, end, calendar=cn, since=datetime.combine(since, datetime.min.time(), SH))
    _on_working_days(cn, obs)
    assert list(obs) == sorted(obs, key=lambda o: (o.deadline, o.opens))
    for o in obs:
        if o.is_window:
            assert o.opens.date() < end and o.day >= start
        else:
            assert start <= o.day < end


@settings(max_examples=60, deadline=None)
@given(
    placement=s.recent_dates, delivered=s.aware_datetimes, meeting=s.aware_datetimes, travel=st.floats(0, 30)
)
def test_event_duties_fall_on_working_days_unless_counted_in_hours(
    cn: WorkCalendar, placement: date, delivered: datetime, meeting: datetime, travel: float
) -> None:
    obs = (
        fee_list_obligation(placement, calendar=cn),
        return_visit(delivered, calendar=cn),
        *meeting_preparation(meeting, travel, calendar=cn),
    )
    _on_working_days(cn, obs)
    assert fee_list_obligation(placement, calendar=cn).day <= placement - timedelta(days=6)
    assert return_visit(delivered, calendar=cn).deadline > delivered
    assert all(o.deadline < meeting for o in obs[2:])


@settings(max_examples=25, deadline=None)
@given(
    starts=st.lists(st.datetimes(datetime(2025, 1, 1), datetime(2026, 10, 1)), min_size=1, max_size=3),
    window=windows,
    meetings=st.lists(st.datetimes(datetime(2025, 1, 1), datetime(2026, 12, 1)), max_size=2),
)
def test_portfolio_results_sorted_and_inside_the_window(
    cn: WorkCalendar, starts: list[datetime], window: tuple[date, date], meetings: list[datetime]
) -> None:
    portfolio = []
    for i, start in enumerate(starts):
        e = Engagement(f"E-{i}", f"Client {i}")
        if i % 2:
            to_closed(e, clock(start.replace(tzinfo=SH)))
        else:
            to_brief(e, clock(start.replace(tzinfo=SH)))
            e.meeting(e.events[-1].at, A, about="follow-up")
        portfolio.append(e)
    scheduled = [ScheduledMeeting(m.replace(tzinfo=SH), 1, "E-0") for m in meetings]
    start, end = window
    obs = obligations_due(portfolio, start, end, calendar=cn, meetings=scheduled)
    assert all(a.deadline <= b.deadline for a, b in itertools.pairwise(obs))
    _on_working_days(cn, obs)
    for o in obs:
        assert o.opens.date() < end and o.day >= start
        if not o.is_window:
            assert start <= o.day < end
    assert len(set(obs)) == len(obs)


@settings(max_examples=200, deadline=None)
@given(
    fn=st.sampled_from(
        [
            recurring,
            agency_obligations,
            obligations_due,
            engagement_obligations,
            fee_list_obligation,
            meeting_preparation,
            return_visit,
            pending,
            ScheduledMeeting,
        ]
    ),
    args=st.lists(st.one_of(s.junk, st.sampled_from(RECURRING_RULES), s.recent_dates), max_size=3),
    extreme=st.datetimes(timezones=st.just(timezone.utc)),
)
def test_arbitrary_inputs_raise_only_documented_errors(
    fn: object, args: list[object], extreme: datetime
) -> None:
    for call_args in (args, [extreme, *args[1:]], [*args[:1], extreme]):
        try:
            fn(*call_args)  # type: ignore[operator]
        except AdServiceError:
            pass
        except TypeError as error:
            # Wrong arity is Python's own complaint about the call, not the library's.
            assert "positional argument" in str(error)


def test_an_engagement_at_the_end_of_time_owes_nothing_in_an_earlier_window() -> None:
    """O12's weekly tracking counts from the first contact: one dated 9999-12-30 has no day in
    2026, and its series must not run past the last date there is (it raised OverflowError)."""
    from datetime import timezone

    e = Engagement("E-9999", "c")
    e.receive_invitation(
        datetime(9999, 12, 30, 9, tzinfo=timezone(timedelta(hours=8))), "client:W", evidence="I"
    )
    assert obligations_due([e], date(2026, 12, 1), date(2026, 12, 31), agency=False) == ()
    assert obligations_due([e], date(2026, 12, 1), date(2026, 12, 31)) == obligations_due(
        [], date(2026, 12, 1), date(2026, 12, 31)
    )
