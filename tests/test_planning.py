"""Planning: SPEC §4's print chain, day 0 and the cut-off, reviews, backward plans, placements, refusals."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime, timedelta
from datetime import time as Time
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import WorkCalendar
from adservice.deadlines import (
    CHAIN,
    BackwardPlan,
    Plan,
    PlanStep,
    day_zero,
    plan,
    plan_backward,
    plan_from_placement,
)
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
from adservice.rulebook import Rulebook, Turnaround

from . import strategies as s

SH = ZoneInfo("Asia/Shanghai")
BOOK = Rulebook.standard()
WORKING_DAY_ITEMS = sorted(k for k, t in BOOK.items.items() if t.unit == "working_days")


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str) -> datetime:
    """An instant in Shanghai from ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


# -- SPEC §4 -------------------------------------------------------------------


def test_spec_print_chain(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    assert p.day0 == d("2025-09-26")
    assert [(s.key, s.start, s.due_date) for s in p.steps] == [
        ("creative_concept", d("2025-09-26"), d("2025-09-29")),
        ("copy_and_layout", d("2025-09-29"), d("2025-10-10")),
        ("final_art", d("2025-10-10"), d("2025-10-13")),
        ("colour_proof", d("2025-10-13"), d("2025-10-14")),
        ("film", d("2025-10-14"), d("2025-10-15")),
    ]
    assert [s.days for s in p.steps] == [2, 3, 2, 1, 1]
    assert all(s.rule_id == "T4" and not s.provisional for s in p.steps)
    assert p.due_date == d("2025-10-15") and p.deadline == at("2025-10-15 17:00")
    assert p.steps[0].deadline == at("2025-09-29 17:00")
    assert p.deadline.utcoffset() == timedelta(hours=8)
    assert (p.item, p.days, p.unit, p.rule_id, p.provisional) == (
        "print_single",
        9,
        "working_days",
        "T4",
        False,
    )


def test_step_explanations_reuse_the_calendar(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    assert str(p.steps[0].explain()) == (
        "day 0 Fri 2025-09-26; +1 Sun 09-28 (make-up working day for National Day); +2 Mon 09-29"
    )
    assert p.steps[1].explain() == cn.explain(d("2025-09-29"), 3)
    text = p.explain()
    assert text.splitlines()[0] == "print_single (T4, 9 working days)"
    assert "received Fri 2025-09-26 10:00 +08:00, before the 17:00 cut-off: day 0 Fri 2025-09-26" in text
    assert text.splitlines()[-1] == "due Wed 2025-10-15 17:00 +08:00"
    assert len(text.splitlines()) == 2 + 5 + 1


@pytest.mark.parametrize(
    ("received", "day0", "why"),
    [
        ("2025-09-26 16:59", "2025-09-26", "before the 17:00 cut-off"),
        ("2025-09-26 17:00", "2025-09-28", "at or after the 17:00 cut-off"),  # Sun 09-28 is a make-up day
        ("2025-09-26 18:30", "2025-09-28", "at or after the 17:00 cut-off"),
        ("2025-09-26 07:00", "2025-09-26", "before the 17:00 cut-off"),  # before opening still counts
        ("2025-09-27 10:00", "2025-09-28", "on a non-working day (Sat 2025-09-27 weekend)"),
        (
            "2025-10-01 10:00",
            "2025-10-09",
            "on a non-working day (Wed 2025-10-01 public holiday (National Day))",
        ),
        ("2025-09-30 17:30", "2025-10-09", "at or after the 17:00 cut-off"),
        ("2025-09-28 10:00", "2025-09-28", "before the 17:00 cut-off"),
    ],
)
def test_day_zero_and_cut_off(cn: WorkCalendar, received: str, day0: str, why: str) -> None:
    p = plan("media_schedule", at(received), calendar=cn)
    assert p.day0 == d(day0) == p.steps[0].start
    assert day_zero(at(received), calendar=cn) == d(day0)
    assert why in p.day0_reason
    assert p.due_date == cn.add_working_days(d(day0), 3)


def test_late_receipt_moves_the_whole_chain_one_working_day(cn: WorkCalendar) -> None:
    early = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    late = plan("print_single", at("2025-09-26 17:30"), calendar=cn)
    for a, b in zip(early.steps, late.steps, strict=True):
        assert b.due_date == cn.add_working_days(a.due_date, 1)


def test_receipt_is_read_in_the_calendars_zone(cn: WorkCalendar) -> None:
    utc = datetime(2025, 9, 26, 2, tzinfo=ZoneInfo("UTC"))  # 10:00 in Shanghai
    assert plan("print_single", utc, calendar=cn).due_date == d("2025-10-15")
    new_york = datetime(2025, 9, 26, 5, 30, tzinfo=ZoneInfo("America/New_York"))  # 17:30 in Shanghai
    assert plan("print_single", new_york, calendar=cn).day0 == d("2025-09-28")
    assert plan("print_single", new_york, calendar=cn).received_at is new_york


def test_custom_cut_off(cn: WorkCalendar) -> None:
    assert plan("phase_plan", at("2025-09-26 16:30"), calendar=cn, cutoff=Time(16)).day0 == d("2025-09-28")
    assert day_zero(at("2025-09-26 17:30"), calendar=cn, cutoff=Time(18)) == d("2025-09-26")
    with pytest.raises(InvalidInputError, match="cutoff"):
        plan("phase_plan", at("2025-09-26 16:30"), calendar=cn, cutoff="16:00")  # type: ignore[arg-type]


# -- commitments and units ---------------------------------------------------------


def test_commitment_inside_the_range(cn: WorkCalendar) -> None:
    received = at("2025-09-26 18:00")  # day 0 Sun 09-28
    assert plan("integrated_plan", received, calendar=cn).due_date == d("2025-10-15")  # 8, the upper bound
    assert plan("integrated_plan", received, calendar=cn, days=5).due_date == d("2025-10-11")
    assert plan("major_media_plan", received, calendar=cn, days=15).days == 15
    with pytest.raises(DurationOutOfRangeError, match=r"5–8, rule T1"):
        plan("integrated_plan", received, calendar=cn, days=9)
    with pytest.raises(DurationOutOfRangeError, match="at least 10"):
        plan("major_media_plan", received, calendar=cn, days=9)
    with pytest.raises(DurationOutOfRangeError):
        plan("print_single", received, calendar=cn, days=8)
    with pytest.raises(CalendarRangeError):
        plan("major_media_plan", received, calendar=cn, days=10**6)


def test_tvc_production_is_a_calendar_month_rolled_forward(cn: WorkCalendar) -> None:
    p = plan("tvc_production", at("2025-12-31 10:00"), calendar=cn)
    # 12-31 + 1 month = Sat 2026-01-31 (the month end clamps), rolled forward to Mon 02-02.
    assert (p.unit, p.days, p.rule_id) == ("months", 1, "T6")
    assert p.due_date == d("2026-02-02")
    assert str(p.steps[0].explain()) == (
        "day 0 Wed 2025-12-31; +1 month Sat 2026-01-31; roll Mon 02-02 (next working day)"
    )
    assert plan("tvc_production", at("2025-09-10 10:00"), calendar=cn).due_date == d("2025-10-10")
    assert plan("tvc_production", at("2025-09-10 10:00"), calendar=cn, days=1).due_date == d("2025-10-10")
    with pytest.raises(CalendarRangeError):
        plan(
            "tvc_production",
            at("2025-09-10 10:00"),
            calendar=cn,
            rulebook=BOOK.with_days("tvc_production", 9999),
        )


def test_agency_items_and_chains_from_the_rulebook(cn: WorkCalendar) -> None:
    book = BOOK.with_item(Turnaround("banner", "banner", days=2, rule_id="X1")).with_item(
        Turnaround(
            "banner_set", "banner set", days=7, chain=("banner", "copy_and_layout", "banner"), rule_id="X2"
        )
    )
    p = plan("banner_set", at("2025-09-26 10:00"), calendar=cn, rulebook=book)
    assert [s.key for s in p.steps] == ["banner", "copy_and_layout", "banner"]
    assert [s.rule_id for s in p.steps] == ["X1", "T4", "X1"]
    assert p.rule_id == "X2" and p.due_date == cn.add_working_days(d("2025-09-26"), 7)


# -- client review windows -----------------------------------------------------------


def test_review_windows_on_the_agency_calendar(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days=2)
    assert [r.after for r in p.reviews] == [
        "creative_concept",
        "copy_and_layout",
        "final_art",
        "colour_proof",
    ]
    first = p.reviews[0]
    assert (first.start, first.due_date, first.days) == (d("2025-09-29"), d("2025-10-09"), 2)
    assert first.deadline == at("2025-10-09 17:00")
    assert p.steps[1].start == d("2025-10-09")
    # Four reviews of 2 working days each: the chain ends 8 working days later.
    assert p.due_date == cn.add_working_days(d("2025-10-15"), 8)
    assert "client review of creative_concept (2 working days): day 0 Mon 2025-09-29" in p.explain()


def test_review_windows_per_step_and_zero(cn: WorkCalendar) -> None:
    p = plan(
        "print_single", at("2025-09-26 10:00"), calendar=cn, review_days={"final_art": 3, "colour_proof": 0}
    )
    p2 = plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days={"final_art": 3})
    assert p == p2
    assert [r.after for r in p.reviews] == ["final_art"]
    assert p.step("colour_proof").start == d("2025-10-16")
    assert plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days=0).reviews == ()
    assert plan("media_schedule", at("2025-09-26 10:00"), calendar=cn, review_days=5).reviews == ()


def test_review_windows_on_the_clients_calendar(cn: WorkCalendar) -> None:
    us = WorkCalendar("US")
    p = plan(
        "print_single",
        at("2025-09-26 10:00"),
        calendar=cn,
        client_calendar=us,
        review_days={"creative_concept": 1},
    )
    review = p.reviews[0]
    # Handed over Mon 09-29 17:00 Shanghai = 05:00 in New York; signed Tue 09-30 17:00 New York,
    # which is Wed 10-01 05:00 in Shanghai: National Day, so the next step starts Thu 10-09.
    assert (review.start, review.due_date) == (d("2025-09-29"), d("2025-09-30"))
    assert review.deadline == datetime(2025, 9, 30, 17, tzinfo=ZoneInfo("America/New_York"))
    assert review.calendar == us
    assert p.step("copy_and_layout").start == d("2025-10-09")
    assert "on the US calendar" in p.explain()


def test_review_days_refused(cn: WorkCalendar) -> None:
    received = at("2025-09-26 10:00")
    with pytest.raises(UnknownItemError, match="creative_concept, copy_and_layout"):
        plan("print_single", received, calendar=cn, review_days={"film": 1})
    with pytest.raises(UnknownItemError, match="single step"):
        plan("media_schedule", received, calendar=cn, review_days={"media_schedule": 1})
    with pytest.raises(DurationOutOfRangeError, match="-1"):
        plan("print_single", received, calendar=cn, review_days=-1)
    with pytest.raises(InvalidInputError):
        plan("print_single", received, calendar=cn, review_days=True)
    with pytest.raises(InvalidInputError):
        plan("print_single", received, calendar=cn, review_days={"final_art": 1.5})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="client_calendar"):
        plan("print_single", received, calendar=cn, client_calendar="US")  # type: ignore[arg-type]


# -- provisional and strict ------------------------------------------------------------


def test_2027_dates_are_provisional(cn: WorkCalendar) -> None:
    # The last week of December of the last confirmed year is provisional too (from 12-25).
    p = plan("print_single", at("2026-12-17 10:00"), calendar=cn)
    assert p.provisional
    assert [s.provisional for s in p.steps] == [False, False, True, True, True]
    assert p.explain().endswith("[provisional]")
    assert plan("phase_plan", at("2027-03-01 10:00"), calendar=cn).provisional
    assert not plan("phase_plan", at("2026-12-01 10:00"), calendar=cn).provisional
    assert plan_backward("phase_plan", d("2027-01-08"), calendar=cn).provisional


def test_strict_calendar_refuses_provisional_dates() -> None:
    strict = WorkCalendar("CN", strict=True)
    assert plan("phase_plan", at("2026-12-01 10:00"), calendar=strict).due_date == d("2026-12-07")
    with pytest.raises(ProvisionalCalendarError, match="2026"):
        plan("print_single", at("2026-12-24 10:00"), calendar=strict)
    with pytest.raises(ProvisionalCalendarError):
        plan("phase_plan", at("2027-03-01 10:00"), calendar=strict)
    with pytest.raises(ProvisionalCalendarError):
        plan_backward("phase_plan", d("2027-01-08"), calendar=strict)
    confirmed = WorkCalendar("CN", strict=True, confirmed_through=2027)
    assert not plan("phase_plan", at("2027-03-01 10:00"), calendar=confirmed).provisional


# -- refusals ------------------------------------------------------------------------


def test_refusals(cn: WorkCalendar) -> None:
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        plan("print_single", datetime(2025, 9, 26, 10), calendar=cn)
    with pytest.raises(InvalidInputError):
        plan("print_single", d("2025-09-26"), calendar=cn)  # type: ignore[arg-type]
    with pytest.raises(UnknownItemError, match="valid keys: broadcast_creative, colour_proof"):
        plan("print", at("2025-09-26 10:00"), calendar=cn)
    with pytest.raises(InvalidInputError, match="calendar"):
        plan("print_single", at("2025-09-26 10:00"), calendar="CN")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="rulebook"):
        plan("print_single", at("2025-09-26 10:00"), rulebook={})  # type: ignore[arg-type]
    with pytest.raises(CalendarRangeError, match="horizon"):
        plan("print_single", at("2100-12-28 10:00"), calendar=cn)
    with pytest.raises(InvalidInputError, match="deliver_by"):
        plan_backward("print_single", at("2025-10-15 10:00"), calendar=cn)  # type: ignore[arg-type]
    with pytest.raises(UnknownItemError):
        plan_backward("print", d("2025-10-15"), calendar=cn)
    with pytest.raises(CalendarRangeError):
        plan_backward("print_single", d("1990-01-05"), calendar=cn)


def test_plan_is_a_value(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    assert p == plan("print_single", at("2025-09-26 10:00"), calendar=WorkCalendar("CN"))
    assert hash(p) == hash(plan("print_single", at("2025-09-26 10:00"), calendar=cn))
    assert not hasattr(p, "__dict__") and not hasattr(p.steps[0], "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.due_date = d("2025-10-16")  # type: ignore[misc]
    data = json.loads(json.dumps(p.to_dict()))
    assert data["steps"][0] == {
        "key": "creative_concept",
        "name": "creative concept",
        "start": "2025-09-26",
        "due_date": "2025-09-29",
        "deadline": "2025-09-29T17:00:00+08:00",
        "days": 2,
        "unit": "working_days",
        "rule_id": "T4",
        "provisional": False,
    }
    assert data["due_date"] == "2025-10-15" and data["region"] == "CN"
    assert p.step("film").due_date == d("2025-10-15")
    with pytest.raises(UnknownItemError, match="creative_concept, copy_and_layout"):
        p.step("concept")


def test_replan_on_a_changed_calendar_leaves_the_plan_as_it_was(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days={"final_art": 1})
    closed = cn.replace(closures={d("2025-10-10"): "agency retreat"})
    q = p.replan(calendar=closed)
    assert p.due_date == d("2025-10-16") and q.due_date == d("2025-10-17")
    assert q.step("copy_and_layout").due_date == d("2025-10-11")
    assert q.calendar == closed and p.calendar == cn
    assert [r.after for r in q.reviews] == ["final_art"]
    assert p.replan(calendar=cn) == p


# -- backward --------------------------------------------------------------------------


def test_spec_backward_inverse_of_the_print_chain(cn: WorkCalendar) -> None:
    b = plan_backward("print_single", d("2025-10-15"), calendar=cn)
    assert isinstance(b, BackwardPlan)
    assert b.work_order_by == d("2025-09-26")
    assert b.work_order_deadline == at("2025-09-26 17:00")
    forward = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    assert [(s.key, s.start, s.due_date) for s in b.steps] == [
        (s.key, s.start, s.due_date) for s in forward.steps
    ]
    assert "written work order by Fri 2025-09-26 17:00 +08:00" in b.explain()
    assert json.loads(json.dumps(b.to_dict()))["work_order_by"] == "2025-09-26"


def test_backward_from_a_day_off_rolls_back(cn: WorkCalendar) -> None:
    b = plan_backward("media_schedule", d("2025-10-05"), calendar=cn)  # National Day holiday
    assert b.due_date == d("2025-09-30")
    assert b.work_order_by == cn.add_working_days(d("2025-09-30"), -3) == d("2025-09-26")
    b = plan_backward("tvc_production", d("2026-01-31"), calendar=cn)
    assert (b.due_date, b.work_order_by) == (d("2026-01-30"), d("2025-12-30"))
    assert plan("tvc_production", b.work_order_deadline - timedelta(minutes=1), calendar=cn).due_date <= d(
        "2026-01-31"
    )
    assert plan("tvc_production", b.work_order_deadline, calendar=cn).due_date > d("2026-01-31")
    # Month ends clamp: 01-29, 01-30 and 01-31 plus a month are all 02-28 (a make-up Saturday in 2026).
    b = plan_backward("tvc_production", d("2026-02-28"), calendar=cn)
    assert b.work_order_by == d("2026-01-30")
    assert plan("tvc_production", at("2026-01-30 10:00"), calendar=cn).due_date == d("2026-02-28")


@settings(max_examples=150)
@given(received=s.aware_datetimes, item=st.sampled_from(WORKING_DAY_ITEMS))
def test_backward_is_the_inverse_of_forward(cn: WorkCalendar, received: datetime, item: str) -> None:
    forward = plan(item, received, calendar=cn)
    back = plan_backward(item, forward.due_date, calendar=cn)
    assert back.work_order_by == forward.day0
    assert back.due_date == forward.due_date
    assert [(s.start, s.due_date) for s in back.steps] == [(s.start, s.due_date) for s in forward.steps]


@settings(max_examples=150)
@given(deliver_by=s.dates, item=st.sampled_from(sorted(BOOK.items)))
def test_backward_gives_the_latest_work_order(cn: WorkCalendar, deliver_by: date, item: str) -> None:
    back = plan_backward(item, deliver_by, calendar=cn)
    just_in_time = plan(item, back.work_order_deadline - timedelta(microseconds=1), calendar=cn)
    assert just_in_time.day0 == back.work_order_by
    assert just_in_time.due_date <= deliver_by
    if back.unit == "working_days":
        assert just_in_time.due_date == back.due_date
    # Received at the cut-off, day 0 is the next working day and the delivery is late.
    assert plan(item, back.work_order_deadline, calendar=cn).due_date > deliver_by


@given(a=s.aware_datetimes, b=s.aware_datetimes, item=st.sampled_from(sorted(BOOK.items)))
def test_plans_are_monotonic_in_the_received_instant(
    cn: WorkCalendar, a: datetime, b: datetime, item: str
) -> None:
    early, late = plan(item, min(a, b), calendar=cn), plan(item, max(a, b), calendar=cn)
    assert early.day0 <= late.day0
    for x, y in zip(early.steps, late.steps, strict=True):
        assert x.start <= y.start and x.due_date <= y.due_date and x.deadline <= y.deadline


@given(received=s.aware_datetimes, item=st.sampled_from(WORKING_DAY_ITEMS))
def test_steps_chain_and_add_up(cn: WorkCalendar, received: datetime, item: str) -> None:
    p = plan(item, received, calendar=cn)
    assert cn.is_working_day(p.day0)
    assert p.steps[0].start == p.day0 and p.steps[-1].due_date == p.due_date
    for prev, nxt in zip(p.steps, p.steps[1:], strict=False):
        assert nxt.start == prev.due_date
    assert cn.working_days_between(p.day0, p.due_date) == p.days
    assert all(isinstance(x, PlanStep) and x.deadline == cn.close_of_business(x.due_date) for x in p.steps)


# -- placement -------------------------------------------------------------------------


def test_plan_from_placement(cn: WorkCalendar) -> None:
    p = plan_from_placement(d("2025-10-13"), ["print_single", "media_schedule"], calendar=cn)
    # O7: 6 days before Mon 10-13 is Tue 10-07 (National Day), rolled back to Tue 09-30.
    assert p.fee_list_due_date == d("2025-09-30")
    assert p.fee_list_deadline == at("2025-09-30 17:00")
    # Materials one working day before the placement: Sat 10-11 is a make-up working day.
    assert p.materials_due_date == d("2025-10-11")
    assert [b.item for b in p.items] == ["print_single", "media_schedule"]
    assert p.items[0].work_order_by == d("2025-09-23")
    # The media schedule is planned to its place in the chain, not to the materials day (issue 11
    # §4: it used to be due 10-11 while the fee list that prices it was due 09-30).
    assert p.items[1].due_date == p.step("media_schedule").due_date == d("2025-09-29")
    assert p.items[1].work_order_by == d("2025-09-25")
    assert p.work_order_by == d("2025-09-23")
    assert not p.provisional
    assert json.loads(json.dumps(p.to_dict()))["fee_list_due_date"] == "2025-09-30"


def test_placement_reads_o7_from_the_rulebook(cn: WorkCalendar) -> None:
    three = BOOK.with_params("O7", days=3)
    assert plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, rulebook=three).fee_list_due_date == d(
        "2025-10-10"
    )
    off = plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, rulebook=BOOK.without("O7"))
    assert off.fee_list_due_date is None and off.fee_list_deadline is None
    with pytest.raises(RulebookError, match="O7"):
        plan_from_placement(
            d("2025-10-13"), ["film"], calendar=cn, rulebook=BOOK.with_params("O7", days="six")
        )


def test_placement_options_and_refusals(cn: WorkCalendar) -> None:
    same_day = plan_from_placement(d("2025-10-04"), ["film"], calendar=cn, materials_lead=0)
    assert same_day.materials_due_date == d("2025-09-30")
    two = plan_from_placement(d("2025-10-13"), ["integrated_plan"], calendar=cn, days={"integrated_plan": 5})
    assert two.items[0].days == 5 and two.items[0].work_order_by == cn.add_working_days(d("2025-10-11"), -5)
    with pytest.raises(UnknownItemError, match="film"):
        plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, days={"print_single": 9})
    with pytest.raises(InvalidInputError):
        plan_from_placement(d("2025-10-13"), [], calendar=cn)
    with pytest.raises(InvalidInputError):
        plan_from_placement(d("2025-10-13"), "film", calendar=cn)
    with pytest.raises(DurationOutOfRangeError):
        plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, materials_lead=-1)
    with pytest.raises(UnknownItemError):
        plan_from_placement(d("2025-10-13"), ["poster"], calendar=cn)


# -- arbitrary input ---------------------------------------------------------------------


@settings(max_examples=300)
@given(
    item=st.one_of(st.sampled_from(sorted(BOOK.items)), s.junk),
    received=st.one_of(s.aware_datetimes, s.junk),
    days=st.one_of(st.none(), st.integers(-5, 50), s.junk),
    review=st.one_of(st.integers(-2, 5), st.dictionaries(st.text(max_size=5), st.integers(-2, 5)), s.junk),
    cutoff=st.one_of(st.none(), st.times(), s.junk),
)
def test_plan_raises_only_documented_errors(  # noqa: PLR0917 - one argument per strategy
    cn: WorkCalendar, item: object, received: object, days: object, review: object, cutoff: object
) -> None:
    with contextlib.suppress(AdServiceError):
        plan(item, received, calendar=cn, days=days, review_days=review, cutoff=cutoff)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(
    item=st.one_of(st.sampled_from(sorted(BOOK.items)), s.junk),
    when=st.one_of(s.dates, s.junk),
    days=st.one_of(st.none(), st.integers(-5, 50), s.junk),
    lead=st.one_of(st.integers(-3, 30), s.junk),
    review=st.one_of(st.integers(-2, 5), st.dictionaries(st.text(max_size=5), st.integers(-2, 5)), s.junk),
)
def test_backward_raises_only_documented_errors(  # noqa: PLR0917 - one argument per strategy
    cn: WorkCalendar, item: object, when: object, days: object, lead: object, review: object
) -> None:
    with contextlib.suppress(AdServiceError):
        plan_backward(item, when, calendar=cn, days=days, review_days=review)  # type: ignore[arg-type]
    with contextlib.suppress(AdServiceError):
        plan_from_placement(
            when,  # type: ignore[arg-type]
            [item],  # type: ignore[list-item]
            calendar=cn,
            materials_lead=lead,  # type: ignore[arg-type]
            review_days=review,  # type: ignore[arg-type]
            booking_days=lead,  # type: ignore[arg-type]
        )


def test_plan_type_is_exported_with_its_fields() -> None:
    names = {f.name for f in attrs.fields(Plan)}
    assert {"item", "received_at", "day0", "steps", "due_date", "deadline", "provisional"} <= names
    step_names = {f.name for f in attrs.fields(PlanStep)}
    assert {"key", "start", "due_date", "deadline", "days", "rule_id", "provisional"} <= step_names


def test_every_plan_value_names_its_day_due_date_and_its_instant_deadline(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days=1)
    for value in (p, *p.steps, *p.reviews):
        assert isinstance(value.due_date, date) and not isinstance(value.due_date, datetime)
        assert not hasattr(value, "due")  # issue 9 §8: a day is due_date, the instant is deadline
        assert value.deadline == cn.close_of_business(value.due_date)


# -- the media chain backward from the placement (issue 11 §4) ---------------------------


def chain_of(p: object) -> list[tuple[str, str | None, str, date, date]]:
    return [(s.key, s.rule_id, s.owner, s.start, s.due_date) for s in p.chain]  # type: ignore[attr-defined]


def test_media_chain_over_national_day_with_a_day_of_client_review(cn: WorkCalendar) -> None:
    # 2025: National Day and Mid-Autumn 10-01..10-08; Sun 09-28 and Sat 10-11 are make-up working days.
    p = plan_from_placement(d("2025-10-13"), ["print_single", "media_schedule"], calendar=cn, review_days=1)
    assert chain_of(p) == [
        ("media_schedule", "T3", "agency", d("2025-09-22"), d("2025-09-25")),
        ("confirmation", "G4", "client", d("2025-09-25"), d("2025-09-26")),
        ("booking", None, "agency", d("2025-09-26"), d("2025-09-28")),  # Sun 09-28 is a working day
        ("prepayment", "G10", "client", d("2025-09-28"), d("2025-09-29")),
        ("fee_list", "O7", "client", d("2025-09-29"), d("2025-09-30")),
        ("materials", None, "agency", d("2025-09-30"), d("2025-10-11")),  # Sat 10-11, make-up day
        ("placement", None, "media", d("2025-10-13"), d("2025-10-13")),
    ]
    assert p.step("fee_list").due_date == p.fee_list_due_date
    assert p.step("fee_list").deadline == at("2025-09-30 17:00")
    assert p.step("booking").days == 1 and p.step("materials").days == 3
    schedule = p.items[1]
    assert (schedule.item, schedule.work_order_by, schedule.due_date) == (
        "media_schedule",
        d("2025-09-22"),
        d("2025-09-25"),
    )
    # The print chain has a day of client review between each of its steps too.
    assert [(r.after, r.due_date) for r in p.items[0].reviews] == [
        ("creative_concept", d("2025-09-22")),
        ("copy_and_layout", d("2025-09-26")),
        ("final_art", d("2025-09-30")),
        ("colour_proof", d("2025-10-10")),
    ]
    assert p.work_order_by == p.items[0].work_order_by == d("2025-09-17")
    assert "fee_list (O7), client: start by Mon 2025-09-29, due Tue 2025-09-30" in p.explain()
    data = json.loads(json.dumps(p.to_dict()))
    assert data["chain"][0]["key"] == "media_schedule" and data["review_days"] == 1


def test_media_chain_after_national_day(cn: WorkCalendar) -> None:
    p = plan_from_placement(d("2025-10-20"), ["film"], calendar=cn, review_days=2)
    assert chain_of(p)[:5] == [
        ("media_schedule", "T3", "agency", d("2025-09-24"), d("2025-09-28")),
        ("confirmation", "G4", "client", d("2025-09-28"), d("2025-09-30")),
        ("booking", None, "agency", d("2025-09-30"), d("2025-10-09")),  # over the eight-day holiday
        ("prepayment", "G10", "client", d("2025-10-09"), d("2025-10-11")),
        ("fee_list", "O7", "client", d("2025-10-11"), d("2025-10-14")),  # 6 days before Mon 10-20
    ]
    assert p.materials_due_date == d("2025-10-17")


def test_the_chain_follows_the_rulebook(cn: WorkCalendar) -> None:
    keys = [s.key for s in plan_from_placement(d("2025-10-13"), ["film"], calendar=cn).chain]
    assert keys == [k for k, *_ in CHAIN]
    for rule, gone in (("G4", "confirmation"), ("G10", "prepayment"), ("O7", "fee_list")):
        p = plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, rulebook=BOOK.without(rule))
        assert gone not in [s.key for s in p.chain]
    tight = plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, materials_lead=10)
    # Ten working days before the placement is before O7's day: the fee list moves earlier with it.
    assert tight.step("fee_list").due_date == tight.materials_due_date == d("2025-09-23")
    assert tight.fee_list_due_date == d("2025-09-30")  # O7's own date is unchanged
    with pytest.raises(UnknownItemError, match="booking"):
        tight.step("press_release")
    with pytest.raises(DurationOutOfRangeError, match="review_days"):
        plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, review_days=-1)
    with pytest.raises(InvalidInputError, match="booking_days"):
        plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, booking_days="1")  # type: ignore[arg-type]


@settings(max_examples=120, deadline=None)
@given(
    placement=st.dates(min_value=date(2020, 3, 1), max_value=date(2026, 12, 31)),
    items=st.lists(st.sampled_from(WORKING_DAY_ITEMS), min_size=1, max_size=3, unique=True),
    review=st.integers(0, 4),
    booking=st.integers(0, 3),
    lead=st.integers(0, 8),
)
def test_every_step_s_latest_date_is_on_or_before_the_next_step_s(  # noqa: PLR0917
    cn: WorkCalendar, placement: date, items: list[str], review: int, booking: int, lead: int
) -> None:
    p = plan_from_placement(
        placement, items, calendar=cn, review_days=review, booking_days=booking, materials_lead=lead
    )
    for earlier, later in zip(p.chain, p.chain[1:], strict=False):
        assert earlier.start <= earlier.due_date <= later.start <= later.due_date
    for step in p.chain[:-1]:
        assert cn.is_working_day(step.due_date) and cn.is_working_day(step.start)
        assert step.days == (
            cn.working_days_between(step.start, step.due_date) if step.start < step.due_date else 0
        )
    assert p.chain[-1].due_date == placement
    assert p.step("fee_list").due_date <= p.fee_list_due_date <= placement  # type: ignore[operator]
    for b in p.items:
        limit = p.step("media_schedule").due_date if b.item == "media_schedule" else p.materials_due_date
        assert b.due_date == limit
    assert p.work_order_by == min([b.work_order_by for b in p.items] + [p.chain[0].start])
    # The client steps take exactly review_days, the booking booking_days (all on working days).
    for step in p.chain:
        if step.owner == "client":
            assert step.days == review
        elif step.key == "booking":
            assert step.days == booking
    # Forward again: each item ordered on its latest day is delivered in time for the placement,
    # and the chain walked forward step by step (each from the previous one's due day) reaches it.
    for b in p.items:
        received = datetime.combine(b.work_order_by, Time(9), tzinfo=SH)
        fwd = plan(b.item, received, calendar=cn, review_days=review if b.item != "media_schedule" else 0)
        assert fwd.due_date == b.due_date <= p.materials_due_date <= placement
    day = p.chain[0].start
    for step in p.chain[:-1]:
        assert step.start == day  # no gap: each step starts the day the one before is due
        day = cn.add_working_days(day, step.days)
        assert day == step.due_date
    assert day <= placement


@settings(max_examples=150, deadline=None)
@given(
    item=st.sampled_from(sorted(BOOK.items)),
    deliver_by=st.dates(min_value=date(2020, 6, 1), max_value=date(2026, 12, 31)),
    review=st.one_of(st.integers(0, 4), st.just({"creative_concept": 2, "final_art": 1})),
)
def test_plan_backward_then_forward_reaches_the_delivery_day(
    cn: WorkCalendar, item: str, deliver_by: date, review: int | dict[str, int]
) -> None:
    if isinstance(review, dict) and item != "print_single":
        review = 1
    back = plan_backward(item, deliver_by, calendar=cn, review_days=review)
    received = datetime.combine(back.work_order_by, Time(9), tzinfo=SH)
    fwd = plan(item, received, calendar=cn, review_days=review)
    assert fwd.due_date <= back.due_date <= deliver_by
    if BOOK.item(item).unit == "months":
        return  # months are not a bijection (01-29..01-31 + 1 month all give 02-28): only "in time"
    assert fwd.due_date == back.due_date
    assert [(s.start, s.due_date) for s in fwd.steps] == [(s.start, s.due_date) for s in back.steps]
    assert [(r.start, r.due_date) for r in fwd.reviews] == [(r.start, r.due_date) for r in back.reviews]
    # One working day later is too late.
    later = datetime.combine(cn.add_working_days(back.work_order_by, 1), Time(9), tzinfo=SH)
    assert plan(item, later, calendar=cn, review_days=review).due_date > back.due_date


@settings(max_examples=60, deadline=None)
@given(
    deliver_by=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 11, 30)), review=st.integers(1, 4)
)
def test_backward_reviews_on_the_client_s_calendar_invert_the_forward_plan(
    cn: WorkCalendar, deliver_by: date, review: int
) -> None:
    us = WorkCalendar("US", tz="America/New_York")
    back = plan_backward("print_single", deliver_by, calendar=cn, client_calendar=us, review_days=review)
    received = datetime.combine(back.work_order_by, Time(9), tzinfo=SH)
    fwd = plan("print_single", received, calendar=cn, client_calendar=us, review_days=review)
    # Two calendars do not map working days one to one, so the latest work order may finish early
    # (a client holiday swallows the difference); a day later always finishes late.
    assert fwd.due_date <= back.due_date
    later = datetime.combine(cn.add_working_days(back.work_order_by, 1), Time(9), tzinfo=SH)
    assert (
        plan("print_single", later, calendar=cn, client_calendar=us, review_days=review).due_date
        > back.due_date
    )


def test_plan_backward_with_reviews_worked_example(cn: WorkCalendar) -> None:
    b = plan_backward("print_single", d("2025-10-15"), calendar=cn, review_days=1)
    assert b.work_order_by == d("2025-09-22")
    assert [(r.after, r.start, r.due_date) for r in b.reviews][-2:] == [
        ("final_art", d("2025-10-10"), d("2025-10-11")),  # Sat 10-11: make-up working day
        ("colour_proof", d("2025-10-13"), d("2025-10-14")),
    ]
    assert "client review of final_art (1 working day)" in b.explain()
    assert json.loads(json.dumps(b.to_dict()))["reviews"][0]["after"] == "creative_concept"
    with pytest.raises(UnknownItemError, match="film"):
        plan_backward("print_single", d("2025-10-15"), calendar=cn, review_days={"film": 1})
    with pytest.raises(DurationOutOfRangeError):
        plan_backward("print_single", d("2025-10-15"), calendar=cn, review_days=-1)


def test_o7_counts_calendar_days_by_default_and_working_days_if_the_agency_says_so(cn: WorkCalendar) -> None:
    # H1: "投放前6天" — six days before the placement. Counted as calendar days (SPEC), 6 days before
    # Mon 10-13 is Tue 10-07, a holiday, rolled back to Tue 09-30.
    assert plan_from_placement(d("2025-10-13"), ["film"], calendar=cn).fee_list_due_date == d("2025-09-30")
    # As working days: 10-11 (Sat, make-up), 10-10, 10-09, 09-30, 09-29, 09-28 (Sun, make-up).
    working = BOOK.with_params("O7", count="working_days")
    p = plan_from_placement(d("2025-10-13"), ["film"], calendar=cn, rulebook=working)
    assert p.fee_list_due_date == p.step("fee_list").due_date == d("2025-09-28")
    assert "6 working days before: Sun 2025-09-28" in p.step("fee_list").because
    # A Sunday placement counts from the Sunday: 10-17, 10-16, 10-15, 10-14, 10-13, then Sat 10-11.
    sunday = plan_from_placement(d("2025-10-19"), ["film"], calendar=cn, rulebook=working)
    assert sunday.fee_list_due_date == d("2025-10-11")
    with pytest.raises(RulebookError, match=r"O7.*count"):
        BOOK.with_params("O7", count="weeks")
