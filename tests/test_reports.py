"""Reports (SPEC §10): the weekly status report, the overdue list, client tiers (H5), renderings."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.engagement import Engagement
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    InvalidInputError,
    NaiveDatetimeError,
    RulebookError,
    UnknownItemError,
)
from adservice.portfolio import (
    CLIENT_TIERS,
    TIER_CRITERIA,
    StatusReport,
    TierPolicy,
    assign_tier,
    overdue_report,
    status_report,
    tier_report,
)
from adservice.present.text import overdue_report_text, status_report_text, tier_report_text
from adservice.rulebook import Rulebook

from . import strategies as s
from .lifecycle_walk import BRIEFING, TZ, A, C, clock, to_booking, to_brief, to_closed, to_pitch

KEYS = tuple(c.key for c in TIER_CRITERIA)


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def creative(eid: str = "E-A", client: str = "Huaxia Real Estate") -> tuple[Engagement, Iterator[datetime]]:
    """Two job orders whose written work order arrives Mon 2025-09-22 23:00 (day 0 Tue 09-23)."""
    e = Engagement(eid, client)
    t = clock(at("2025-09-22T08:00"))
    to_brief(e, t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="BJ-01", item="media_schedule", description="d", creative_brief="b")
    e.add_job_order(next(t), A, number="BJ-02", item="print_single", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["BJ-01", "BJ-02"], evidence="WO-1")
    e.start_creative(next(t), A)
    return e, t


def row(report: StatusReport, job: str | None, eid: str = "E-A") -> object:
    (found,) = [r for r in report.rows if r.job == job and r.engagement_id == eid]
    return found


# -- the weekly status report ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "friday", "due"),
    [
        ("2025-10-13", "2025-10-10", "2025-10-13T09:00"),  # a Monday: the Friday before
        ("2025-10-10", "2025-10-03", "2025-10-09T09:00"),  # a Friday: the one before; Mon 10-06 is off
        ("2025-10-06", "2025-10-03", "2025-10-09T09:00"),  # the holiday Monday itself
        ("2026-02-23", "2026-02-20", "2026-02-24T09:00"),  # Spring Festival: due the first day back
    ],
)
def test_status_as_of_the_previous_friday_due_monday(as_of: str, friday: str, due: str) -> None:
    report = status_report([], d(as_of))
    assert report.status_day == d(friday)
    assert report.status_at == at(f"{d(friday) + timedelta(days=1)}T00:00")
    assert report.due == at(due)
    assert report.rows == ()


def test_rows_give_job_client_stage_next_action_owner_due_and_lateness() -> None:
    e, _ = creative()
    report = status_report([e], d("2025-10-13"))
    first, second, own = report.rows
    assert (first.job, first.client, first.stage, first.owner) == (
        "BJ-01",
        "Huaxia Real Estate",
        "creative",
        "Li (AE)",
    )
    assert first.next_action == "deliver the media schedule plan"
    # Media schedule, 3 working days from day 0 Tue 09-23: due Fri 09-26; by Fri 10-10 that is
    # Sun 09-28 (make-up), 09-29, 09-30, 10-09, 10-10 late.
    assert (first.due, first.late_by, first.rule_id, first.overdue) == (at("2025-09-26T17:00"), 5, "T3", True)
    # Print piece, 9 working days: due Sat 10-11, a make-up working day; not yet late.
    assert (second.job, second.due, second.late_by, second.rule_id) == (
        "BJ-02",
        at("2025-10-11T17:00"),
        None,
        "T4",
    )
    assert own.job is None and own.next_action.startswith("the internal review by management")
    assert report.overdue == (first,)


def test_status_is_taken_at_the_end_of_friday() -> None:
    e, _ = creative()
    e.deliver(at("2025-09-29T11:00"), A, job="BJ-01")  # Monday, after the status Friday
    before = row(status_report([e], d("2025-09-29")), "BJ-01")
    assert not before.done and before.late_by == 0  # due Fri 09-26 17:00, missed by the end of that day
    after = row(status_report([e], d("2025-10-06")), "BJ-01")
    assert after.done and after.next_action == "done" and after.late_by == 2  # Sun 09-28, Mon 09-29
    assert not after.overdue


def test_waiting_on_the_client_moves_the_due_date() -> None:
    e, t = creative()
    e.hold(at("2025-09-24T09:00"), C, reason="client on leave")
    e.resume(at("2025-09-26T09:00"), C)  # two working days on hold
    job = row(status_report([e], d("2025-10-13")), "BJ-01")
    assert job.due == at(
        "2025-09-29T17:00"
    )  # Fri 09-26 plus two working days: Sun 09-28 (make-up), Mon 09-29
    held = Engagement("E-H", "Held")
    t = clock(at("2025-09-22T08:00"))
    to_brief(held, t)
    held.hold(next(t), C, reason="budget freeze")
    own = row(status_report([held], d("2025-10-13")), None, "E-H")
    assert own.stage == "on_hold" and own.next_action == "resume from hold (budget freeze)"
    assert own.owner == "client: Held"


def test_accepted_rush_sets_the_due_date() -> None:
    e, _ = creative()
    e.request_rush(at("2025-09-23T10:00"), C, job="BJ-02", requested_due_date=d("2025-09-30"))
    unanswered = row(status_report([e], d("2025-10-13")), "BJ-02")
    assert unanswered.due == at("2025-10-11T17:00")  # not accepted yet: the standard plan
    e.decide_rush(at("2025-09-23T11:00"), A, job="BJ-02", accept=True)
    rushed = row(status_report([e], d("2025-10-13")), "BJ-02")
    assert (rushed.due, rushed.rule_id, rushed.late_by) == (at("2025-09-30T17:00"), "T8", 2)


def test_job_without_work_order_waits_on_the_client() -> None:
    e = Engagement("E-A", "Huaxia Real Estate")
    t = clock(at("2025-09-22T08:00"))
    to_brief(e, t)
    e.add_job_order(next(t), A, number="BJ-01", item="phase_plan", description="d", creative_brief="b")
    job = row(status_report([e], d("2025-09-29")), "BJ-01")
    assert (
        job.next_action == "the client's written work order (G3)"
        and job.owner == "client: Huaxia Real Estate"
    )
    assert job.due is None and job.late_by is None


def test_engagement_rows_name_the_first_unmet_gate_and_its_owner() -> None:
    pitch = Engagement("E-P", "Jinan Dairy")
    to_pitch(pitch, clock(at("2025-09-22T08:00")))
    booking = Engagement("E-M", "Qilu Bank")
    to_booking(booking, clock(at("2025-09-22T08:00")))
    report = status_report([pitch, booking], d("2025-09-29"))
    assert row(report, None, "E-P").next_action == "a quote approved by the department manager (G6)"
    media = row(report, None, "E-M")
    assert media.next_action == "the client's written confirmation of the media schedule (G4)"
    assert media.owner == "client: Qilu Bank"
    relaxed = Engagement("E-R", "Qilu Bank", rulebook=Rulebook.standard().without("G4"))
    to_booking(relaxed, clock(at("2025-09-22T08:00")))
    assert "(G4)" not in row(status_report([relaxed], d("2025-09-29")), None, "E-R").next_action


def test_closed_engagements_and_future_engagements_are_left_out() -> None:
    done = Engagement("E-C", "Closed Co")
    to_closed(done, clock(at("2025-09-15T08:00")))
    future = Engagement("E-F", "Future Co")
    to_pitch(future, clock(at("2025-10-20T08:00")))
    assert status_report([done, future], d("2025-10-13")).rows == ()
    # The same closed engagement is in an earlier report, as it stood then.
    assert {r.stage for r in status_report([done], d("2025-09-15")).rows} == set()  # Fri 09-12: no log yet
    snap = row(status_report([future], d("2025-10-27")), None, "E-F")
    assert snap.stage == "pitch"


def test_rows_sorted_by_client_then_engagement_then_job() -> None:
    b, _ = creative("E-B", "Beta")
    a, _ = creative("E-A", "Alpha")
    report = status_report([b, a], d("2025-10-13"))
    assert [(r.client, r.job) for r in report.rows] == [
        ("Alpha", "BJ-01"),
        ("Alpha", "BJ-02"),
        ("Alpha", None),
        ("Beta", "BJ-01"),
        ("Beta", "BJ-02"),
        ("Beta", None),
    ]


# -- the overdue list ----------------------------------------------------------------------


def test_overdue_list_is_most_late_first_with_tracked_duties() -> None:
    e, _ = creative()
    m = Engagement("E-M", "Qilu Bank")
    t = clock(at("2025-09-15T08:00"))
    to_booking(m, t)
    m.confirm_schedule(next(t), C, evidence="MS-1")
    m.book_media(next(t), A, placement=d("2025-10-12"))  # fee list due Tue 09-30
    report = overdue_report([e, m], at("2025-10-20T12:00"))
    # E-M's job J1 was signed off but never delivered: only delivery stops a job's clock
    # (adservice.deadlines.job_clock), so it is overdue here as it is in m.clocks().
    assert m.clocks()["J1"].status(at("2025-10-20T12:00")).breached
    assert [(r.engagement_id, r.job, r.rule_id, r.late_by) for r in report.rows] == [
        ("E-A", "BJ-01", "T3", 12),
        ("E-M", "J1", "T4", 10),  # its steps' reviews (G5) were the client's time
        ("E-M", None, "O7", 9),
        ("E-A", "BJ-02", "T4", 6),
    ]
    assert report.rows[2].next_action == "approved media and creative fee list"
    m.approve_fee_list(at("2025-10-21T09:00"), C, evidence="FL-1")

    def duties(as_of: datetime) -> list[tuple[str | None, bool]]:
        return [(r.rule_id, r.done) for r in overdue_report([m], as_of).rows if r.job is None]

    assert duties(at("2025-10-22T09:00")) == [("O7", True)]  # approved, but late: flagged done
    assert duties(at("2025-10-20T12:00")) == [("O7", False)]  # as it stood then: still open


def test_overdue_needs_an_aware_instant() -> None:
    with pytest.raises(NaiveDatetimeError):
        overdue_report([], datetime(2025, 10, 20, 12))


def test_reports_are_plain_values() -> None:
    e, _ = creative()
    report = status_report([e], d("2025-10-13"))
    overdue = overdue_report([e], at("2025-10-20T12:00"))
    for value in (report, overdue, report.rows[0], assign_tier(dict.fromkeys(KEYS, 50)), tier_report({})):
        assert not hasattr(value, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.rows = ()  # type: ignore[misc, union-attr]
    assert pickle.loads(pickle.dumps(report)) == report
    data = json.loads(json.dumps(report.to_dict()))
    assert data["status_day"] == "2025-10-10" and data["rows"][0]["job"] == "BJ-01"
    assert json.loads(json.dumps(overdue.to_dict()))["rows"][0]["late_by"] == 12


def test_refusals() -> None:
    e, _ = creative()
    with pytest.raises(InvalidInputError, match="twice"):
        status_report([e, e], d("2025-10-13"))
    with pytest.raises(InvalidInputError, match="date"):
        status_report([e], at("2025-10-13T09:00"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="Engagement"):
        status_report("E-A", d("2025-10-13"))  # type: ignore[arg-type]


# -- client tiers (H5) -----------------------------------------------------------------------


def test_tiers_and_criteria_are_data_from_h5() -> None:
    assert [t.code for t in CLIENT_TIERS] == ["A", "B", "C", "D"]
    assert [c.name_zh for c in TIER_CRITERIA] == ["业务重要性", "市场影响", "付款及时性", "客户满意度"]
    assert CLIENT_TIERS[0].treatment.endswith("(优先关注)")


@pytest.mark.parametrize(
    ("score", "tier"),
    [(100, "A"), (80, "A"), (79.99, "B"), (60, "B"), (59, "C"), (40, "C"), (39.5, "D"), (0, "D")],
)
def test_tier_bounds(score: float, tier: str) -> None:
    assert assign_tier(dict.fromkeys(KEYS, score)).tier == tier


def test_weights_decide_the_tier() -> None:
    metrics = {
        "business_importance": 100,
        "market_influence": 90,
        "payment_timeliness": 40,
        "satisfaction": 70,
    }
    assert assign_tier(metrics).tier == "B"  # 75
    heavy = TierPolicy.standard().with_weights(business_importance=0.7, payment_timeliness=0.05)
    result = assign_tier(metrics, policy=heavy)
    assert result.tier == "A" and result.contributions["business_importance"] == pytest.approx(56)
    assert assign_tier(metrics, policy=TierPolicy.standard().with_bounds(B=76)).tier == "C"


def test_tier_report_sorted_best_first_with_counts() -> None:
    view = tier_report(
        {
            "Low": dict.fromkeys(KEYS, 10),
            "Core": dict.fromkeys(KEYS, 95),
            "Core 2": dict.fromkeys(KEYS, 85),
            "Mid": dict.fromkeys(KEYS, 65),
        }
    )
    assert [(r.client, r.tier) for r in view.rows] == [
        ("Core", "A"),
        ("Core 2", "A"),
        ("Mid", "B"),
        ("Low", "D"),
    ]
    assert dict(view.counts) == {"A": 2, "B": 1, "C": 0, "D": 1}


def test_tier_refusals() -> None:
    with pytest.raises(InvalidInputError, match="lack a score for 'satisfaction'"):
        assign_tier(dict.fromkeys(KEYS[:3], 50))
    with pytest.raises(UnknownItemError, match="criteria: business_importance"):
        assign_tier({**dict.fromkeys(KEYS, 50), "loyalty": 50})
    with pytest.raises(InvalidInputError, match="0 to 100"):
        assign_tier({**dict.fromkeys(KEYS, 50), "satisfaction": 101})
    with pytest.raises(RulebookError, match="weight"):
        TierPolicy.standard().with_weights(satisfaction=-1)
    with pytest.raises(RulebookError, match="last must be 0"):
        TierPolicy.standard().with_bounds(D=10)
    with pytest.raises(RulebookError, match="fall from best to worst"):
        TierPolicy.standard().with_bounds(B=90)
    with pytest.raises(UnknownItemError, match="tiers: A, B, C, D"):
        TierPolicy.standard().with_bounds(E=10)


scores = st.floats(0, 100, allow_nan=False)


@given(metrics=st.fixed_dictionaries(dict.fromkeys(KEYS, scores)), key=st.sampled_from(KEYS), more=scores)
def test_raising_a_score_never_lowers_the_tier(metrics: dict[str, float], key: str, more: float) -> None:
    order = "ABCD"
    before = assign_tier(metrics)
    after = assign_tier({**metrics, key: max(metrics[key], more)})
    assert order.index(after.tier) <= order.index(before.tier)
    assert 0 <= before.score <= 100


@settings(max_examples=200)
@given(
    fn=st.sampled_from([assign_tier, tier_report, status_report, overdue_report]),
    args=st.lists(st.one_of(s.junk, st.dictionaries(st.sampled_from(KEYS), s.junk)), max_size=3),
)
def test_arbitrary_inputs_raise_only_documented_errors(fn: object, args: list[object]) -> None:
    try:
        fn(*args)  # type: ignore[operator]
    except AdServiceError:
        pass
    except TypeError as error:
        # Wrong arity is Python's own complaint about the call, not the library's.
        assert "positional argument" in str(error)


# -- renderings ------------------------------------------------------------------------------


def test_renderings_are_text_built_from_the_values() -> None:
    e, _ = creative()
    text = status_report_text(status_report([e], d("2025-10-13")))
    lines = text.splitlines()
    assert lines[0] == "Weekly status report — status as of Fri 2025-10-10, due Mon 2025-10-13 09:00"
    assert lines[1].split() == ["job", "client", "stage", "next", "action", "owner", "due", "late", "by"]
    assert "BJ-01" in lines[2] and "5 wd" in lines[2]
    assert "Overdue (1):" in lines and lines[-1].endswith("late by 5 working days")
    overdue = overdue_report_text(overdue_report([e], at("2025-10-20T12:00")))
    assert overdue.splitlines()[0] == "Overdue as of Mon 2025-10-20 12:00" and "12 wd" in overdue
    assert tier_report_text(tier_report({})) == "no clients"


def test_tables_align_chinese_names_by_display_width() -> None:
    view = tier_report_text(
        tier_report({"华夏地产": dict.fromkeys(KEYS, 90), "Jinan Dairy": dict.fromkeys(KEYS, 50)})
    )
    header, first, second = view.splitlines()[:3]
    # 华夏地产 is four characters but eight columns wide, like "Jinan Dairy" plus padding.
    assert first.index("A") + 4 == second.index("C") == header.index("tier")


@pytest.mark.parametrize("week_of", [date.min, date.max, date(1, 1, 8), date(9999, 12, 27)])
def test_a_week_outside_the_calendar_is_refused_with_a_documented_error(week_of: date) -> None:
    with pytest.raises(CalendarRangeError):
        status_report([], week_of)


def test_overdue_at_extreme_instants_answers_or_refuses_with_documented_errors() -> None:
    e, _ = creative()
    assert overdue_report([e], datetime.min.replace(tzinfo=timezone.utc)).rows == ()
    with pytest.raises(CalendarRangeError, match="horizon"):
        overdue_report([e], datetime.max.replace(tzinfo=timezone.utc))


# -- a fee list approved later than O7 allows (issue 11 §4) ------------------------------

SH8 = timezone(timedelta(hours=8))


def booked_for_national_day() -> tuple[Engagement, Iterator[datetime]]:
    """Booked in September 2025 for a placement on Mon 10-13: O7 is due Tue 09-30 17:00 (6 days
    before is Tue 10-07, a National Day holiday, rolled back to the last working day)."""
    e = Engagement("E-FL", "Huaxia Real Estate")
    t = clock(datetime(2025, 9, 15, 8, tzinfo=SH8))
    to_booking(e, t)
    e.confirm_schedule(next(t), C, evidence="MS-1")
    e.book_media(next(t), A, placement=d("2025-10-13"))
    e.receive_prepayment(next(t), C, evidence="PP-1")
    return e, t


def test_a_fee_list_approved_late_is_flagged_in_the_log_view_the_status_report_and_the_overdue_list() -> None:
    from adservice.present.html import engagement_html

    e, _ = booked_for_national_day()
    e.approve_fee_list(datetime(2025, 10, 9, 10, tzinfo=SH8), C, evidence="FL-1")  # after the holiday
    (fee,) = [x for x in e.duties if x.rule_id == "O7"]
    assert fee.due == datetime(2025, 9, 30, 17, tzinfo=SH8)
    after = datetime(2025, 10, 10, 9, tzinfo=SH8)
    assert fee.status(after) == "late"
    # The overdue list: flagged done, late by one working day (10-01..10-08 are holidays).
    rows = [r for r in overdue_report([e], after).rows if r.rule_id == "O7"]
    assert len(rows) == 1 and rows[0].done and not rows[0].overdue
    assert rows[0].late_by == 1 and rows[0].due == fee.due
    assert rows[0].next_action.startswith("approved media and creative fee list done late (Thu 2025-10-09")
    assert rows[0].owner == "client: Huaxia Real Estate"
    # The weekly status report of Mon 10-13 (status as of Fri 10-10).
    report = status_report([e], d("2025-10-13"))
    late = [r for r in report.rows if r.rule_id == "O7" and r.done]
    assert [(r.late_by, r.due) for r in late] == [(1, fee.due)]
    assert late[0] not in report.overdue
    assert "1 wd (done)" in status_report_text(report)
    # The engagement's own views: its HTML and each duty's line in the demo's timeline.
    page = engagement_html(e, as_of=after)
    assert "late: done Thu 2025-10-09 10:00" in page
    assert fee.describe().endswith("done Thu 2025-10-09 10:00 (late)")
    # Before the approval the duty is open, then overdue: not a "done" row.
    before = overdue_report([e], datetime(2025, 10, 8, 9, tzinfo=SH8)).rows
    assert [(r.rule_id, r.done) for r in before if r.job is None] == [("O7", False)]


def test_a_fee_list_approved_in_time_is_not_flagged() -> None:
    from adservice.present.html import engagement_html

    e, _ = booked_for_national_day()
    e.approve_fee_list(datetime(2025, 9, 30, 16, tzinfo=SH8), C, evidence="FL-1")
    after = datetime(2025, 10, 10, 9, tzinfo=SH8)
    assert [r for r in overdue_report([e], after).rows if r.job is None] == []
    assert not [r for r in status_report([e], d("2025-10-13")).rows if r.rule_id == "O7"]
    assert ">met<" in engagement_html(e, as_of=after)
