"""Clocks: start, pause, resume, stop; status at an instant; whose time; recomputing on a new calendar."""

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
from adservice.deadlines import CalendarDiff, Clock, ClockStatus, Pause, clocks_for, plan, recompute
from adservice.errors import (
    AdServiceError,
    ChronologyError,
    DurationOutOfRangeError,
    InvalidInputError,
    NaiveDatetimeError,
)

from . import strategies as s

SH = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)


def at(text: str) -> datetime:
    """An instant in Shanghai from ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


@pytest.fixture
def schedule(cn: WorkCalendar) -> Clock:
    """A media schedule (3 working days) from Mon 09-29 09:00, waiting on the client all of Tue 09-30."""
    clock = Clock.start("media_schedule", at("2025-09-29 09:00"), working_days=3, calendar=cn, rule_id="T3")
    return clock.pause(at("2025-09-30 09:00")).resume(at("2025-10-09 09:00"))


# -- start -------------------------------------------------------------------------


def test_start_in_working_days_follows_day_zero(cn: WorkCalendar) -> None:
    clock = Clock.start("creative_concept", at("2025-09-26 10:00"), working_days=2, calendar=cn)
    assert clock.due == at("2025-09-29 17:00")
    late = Clock.start("creative_concept", at("2025-09-26 17:30"), working_days=2, calendar=cn)
    assert late.due == at("2025-09-30 17:00")  # day 0 is the make-up Sunday 09-28
    holiday = Clock.start("creative_concept", at("2025-10-03 10:00"), working_days=2, calendar=cn)
    assert holiday.due == at("2025-10-11 17:00")  # day 0 Thu 10-09
    cut = Clock.start("x", at("2025-09-26 16:30"), working_days=2, calendar=cn, cutoff=Time(16))
    assert cut.due == at("2025-09-30 17:00")
    month = Clock.start("tvc_production", at("2025-12-31 10:00"), months=1, calendar=cn)
    assert month.due == at("2026-02-02 17:00")


def test_start_with_an_explicit_due(cn: WorkCalendar) -> None:
    meeting = at("2025-09-30 16:00")
    clock = Clock.start(
        "meeting_report", meeting, due=cn.add_elapsed_hours(meeting, 24), calendar=cn, rule_id="O2"
    )
    assert clock.due == at("2025-10-01 16:00") and clock.rule_id == "O2"
    assert clock.working_days is None and not clock.paused and not clock.stopped
    assert clock.last == meeting


def test_start_refusals(cn: WorkCalendar) -> None:
    begin = at("2025-09-26 10:00")
    with pytest.raises(InvalidInputError, match="exactly one of working_days, due or months"):
        Clock.start("x", begin, calendar=cn)
    with pytest.raises(InvalidInputError, match="exactly one"):
        Clock.start("x", begin, working_days=2, due=begin + H, calendar=cn)
    with pytest.raises(DurationOutOfRangeError, match="before it starts"):
        Clock.start("x", begin, due=begin - H, calendar=cn)
    with pytest.raises(DurationOutOfRangeError):
        Clock.start("x", begin, working_days=-1, calendar=cn)
    with pytest.raises(InvalidInputError):
        Clock.start("x", begin, working_days=True, calendar=cn)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        Clock.start("x", datetime(2025, 9, 26, 10), working_days=2, calendar=cn)
    with pytest.raises(NaiveDatetimeError):
        Clock.start("x", begin, due=datetime(2025, 9, 29, 17), calendar=cn)
    with pytest.raises(InvalidInputError, match="calendar"):
        Clock.start("x", begin, working_days=2, calendar="CN")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="key"):
        Clock.start(7, begin, working_days=2, calendar=cn)  # type: ignore[arg-type]


# -- pause, resume, stop -------------------------------------------------------------


def test_every_change_is_a_new_clock(cn: WorkCalendar) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    paused = clock.pause(at("2025-09-29 12:00"), reason="waiting for the brand manager")
    assert clock.pauses == () and not clock.paused
    assert paused.paused and paused.pauses[0].reason == "waiting for the brand manager"
    resumed = paused.resume(at("2025-09-29 15:00"))
    assert paused.paused and not resumed.paused and resumed.pauses[0].end == at("2025-09-29 15:00")
    stopped = resumed.stop(at("2025-09-30 10:00"))
    assert stopped.stopped and not resumed.stopped and stopped.last == at("2025-09-30 10:00")
    assert not hasattr(stopped, "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        stopped.due = at("2025-10-01 17:00")  # type: ignore[misc]


def test_chronology_is_refused(cn: WorkCalendar) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    paused = clock.pause(at("2025-09-29 12:00"))
    with pytest.raises(ChronologyError, match="already paused since"):
        paused.pause(at("2025-09-29 13:00"))
    with pytest.raises(ChronologyError, match="running, not paused"):
        clock.resume(at("2025-09-29 13:00"))
    with pytest.raises(ChronologyError, match="before its last change"):
        paused.resume(at("2025-09-29 11:00"))
    with pytest.raises(ChronologyError, match="before its last change"):
        clock.pause(at("2025-09-29 08:00"))
    stopped = clock.stop(at("2025-09-30 10:00"))
    for action in (stopped.pause, stopped.resume, stopped.stop):
        with pytest.raises(ChronologyError, match="stopped at"):
            action(at("2025-09-30 11:00"))
    with pytest.raises(ChronologyError, match="is earlier"):
        clock.status(at("2025-09-29 08:00"))
    with pytest.raises(NaiveDatetimeError):
        clock.pause(datetime(2025, 9, 29, 12))
    with pytest.raises(InvalidInputError, match="reason"):
        clock.pause(at("2025-09-29 12:00"), reason=None)  # type: ignore[arg-type]


def test_a_clock_built_by_hand_obeys_the_same_rules(cn: WorkCalendar) -> None:
    begin, due = at("2025-09-29 09:00"), at("2025-10-10 17:00")
    ok = Clock(
        "x", begin, due, calendar=cn, pauses=(Pause(at("2025-09-30 09:00"), "wait", at("2025-10-09 09:00")),)
    )
    assert ok.status(at("2025-10-10 10:00")).client_time == 8 * H
    with pytest.raises(ChronologyError, match="in order"):
        Clock(
            "x",
            begin,
            due,
            calendar=cn,
            pauses=(Pause(at("2025-09-28 09:00"), "wait", at("2025-09-30 09:00")),),
        )
    with pytest.raises(ChronologyError, match="only the last pause"):
        Clock(
            "x",
            begin,
            due,
            calendar=cn,
            pauses=(Pause(at("2025-09-30 09:00"), "wait"), Pause(at("2025-10-09 09:00"), "w")),
        )
    with pytest.raises(ChronologyError, match="only the last pause"):
        Clock(
            "x",
            begin,
            due,
            calendar=cn,
            pauses=(Pause(at("2025-09-30 09:00"), "wait"),),
            stopped_at=at("2025-10-09 09:00"),
        )
    with pytest.raises(NaiveDatetimeError):
        Clock("x", datetime(2025, 9, 29, 9), due, calendar=cn)
    with pytest.raises(InvalidInputError):
        Clock("x", begin, due, calendar="CN")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        Clock("x", begin, due, calendar=cn, pauses=("wait",))  # type: ignore[arg-type]


def test_stop_while_paused_ends_the_pause(cn: WorkCalendar) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=3, calendar=cn).pause(
        at("2025-09-29 13:00")
    )
    stopped = clock.stop(at("2025-09-29 15:00"))
    assert stopped.pauses[0].end == at("2025-09-29 15:00") and not stopped.paused
    status = stopped.status(at("2025-10-20 10:00"))
    assert (status.agency_time, status.client_time, status.met) == (4 * H, 2 * H, True)


# -- status ----------------------------------------------------------------------------


def test_waiting_moves_the_deadline_and_is_the_clients(schedule: Clock) -> None:
    status = schedule.status(at("2025-10-10 10:00"))
    assert isinstance(status, ClockStatus)
    assert status.original_due == at("2025-10-10 17:00")
    # Eight working hours of waiting move the deadline to the make-up Saturday 10-11.
    assert status.due == at("2025-10-11 17:00")
    assert status.budget == 32 * H
    assert status.client_time == 8 * H
    assert status.agency_time == 17 * H  # all of 09-29, all of 10-09, one hour of 10-10
    assert status.elapsed == 25 * H
    assert status.remaining == 15 * H
    assert status.used_fraction == pytest.approx(17 / 32)
    assert status.risk == "at_risk_50"
    assert status.latest_safe_start == at("2025-10-09 17:00")
    assert status.threshold_instants == (at("2025-10-09 17:00"), at("2025-10-10 17:00"))
    assert (status.paused, status.stopped, status.breached, status.met) == (False, False, False, None)
    assert status.verdict == "open" and status.lateness == timedelta(0)
    assert status.rule_id == "T3" and status.key == "media_schedule"


def test_status_answers_as_the_clock_stood_then(schedule: Clock) -> None:
    status = schedule.status(at("2025-09-30 12:00"))  # three hours into the wait
    assert status.paused and status.client_time == 3 * H and status.agency_time == 8 * H
    assert status.due == at("2025-10-11 12:00")  # if the client answered now
    assert status.risk == "ok" and status.used_fraction == pytest.approx(0.25)
    before = schedule.status(at("2025-09-29 17:00"))
    assert not before.paused and before.client_time == timedelta(0) and before.due == before.original_due


def test_at_risk_levels_and_custom_thresholds(schedule: Clock) -> None:
    assert schedule.status(at("2025-10-09 16:00")).risk == "ok"  # 15 of 32 hours
    assert schedule.status(at("2025-10-09 17:00")).risk == "at_risk_50"  # exactly 16: the threshold
    assert schedule.status(at("2025-10-10 17:00")).risk == "at_risk_75"
    custom = schedule.status(at("2025-10-10 17:00"), thresholds=(0.9,))
    assert custom.risk == "ok" and custom.thresholds == (0.9,)
    assert schedule.status(at("2025-10-11 14:00"), thresholds=(0.9,)).risk == "at_risk_90"
    none = schedule.status(at("2025-10-10 17:00"), thresholds=())
    assert none.risk == "ok" and none.latest_safe_start is None
    for bad in [(0.75, 0.5), (0,), (1.5,), ("half",), (True,), "0.5", 0.5]:
        with pytest.raises(InvalidInputError, match=r"ascending fractions|sequence"):
            schedule.status(at("2025-10-10 17:00"), thresholds=bad)  # type: ignore[arg-type]


def test_met_breached_and_whose_delay(schedule: Clock) -> None:
    running_late = schedule.status(at("2025-10-11 17:30"))
    assert running_late.breached and running_late.met is None and running_late.risk == "breached"
    assert running_late.verdict == "breached"
    assert running_late.lateness == timedelta(minutes=30)

    on_time = schedule.stop(at("2025-10-11 16:00")).status(at("2025-10-20 09:00"))
    assert on_time.met is True and not on_time.breached and on_time.lateness == timedelta(0)
    assert on_time.stopped and on_time.verdict == "met"
    # A day after the original promise, but the whole day was the client's.
    assert on_time.delay == timedelta(hours=23)
    assert on_time.client_time == 8 * H and on_time.agency_time == 31 * H

    late = schedule.stop(at("2025-10-13 10:00")).status(at("2025-10-13 10:00"))
    assert late.met is False and late.breached and late.verdict == "breached"
    assert late.lateness == at("2025-10-13 10:00") - at("2025-10-11 17:00")
    assert late.delay == at("2025-10-13 10:00") - at("2025-10-10 17:00")
    assert late.agency_time == 33 * H and late.remaining == timedelta(0) and late.used_fraction > 1
    data = json.loads(json.dumps(late.to_dict()))
    assert (
        data["met"] is False
        and data["client_time"] == 8 * 3600
        and data["due"] == "2025-10-11T17:00:00+08:00"
    )


def test_waiting_after_the_deadline_does_not_excuse_it(cn: WorkCalendar) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=1, calendar=cn)  # due 09-30 17:00
    late = clock.pause(at("2025-10-09 09:00")).resume(at("2025-10-10 09:00"))
    status = late.status(at("2025-10-10 10:00"))
    assert status.client_time == 8 * H
    assert status.due == status.original_due == at("2025-09-30 17:00")
    assert status.breached


def test_clocks_for_plans(cn: WorkCalendar) -> None:
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    whole = Clock.for_plan(p)
    assert whole.due == p.deadline and whole.working_days == 9 and whole.rule_id == "T4"
    steps = clocks_for(p)
    assert [c.key for c in steps] == [s.key for s in p.steps]
    assert [c.due for c in steps] == [s.deadline for s in p.steps]
    assert steps[0].started_at == p.received_at and steps[1].started_at == p.steps[0].deadline
    reviewed = plan("print_single", at("2025-09-26 10:00"), calendar=cn, review_days=1)
    assert Clock.for_plan(reviewed).due == p.deadline  # reviews are the client's time, not the agency's
    assert clocks_for(reviewed)[1].started_at == reviewed.reviews[0].deadline
    tvc = Clock.for_plan(plan("tvc_production", at("2025-12-31 10:00"), calendar=cn))
    assert tvc.months == 1 and tvc.due == at("2026-02-02 17:00")
    with pytest.raises(InvalidInputError):
        Clock.for_plan("print_single")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        clocks_for(None)  # type: ignore[arg-type]


# -- recomputing under a changed calendar ----------------------------------------------------


def test_recompute_after_an_agency_closure(cn: WorkCalendar) -> None:
    clock = Clock.start("media_schedule", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    p = plan("print_single", at("2025-09-26 10:00"), calendar=cn)
    retreat = cn.replace(closures={date(2025, 10, 10): "agency retreat"})
    as_of = at("2025-10-10 18:00")
    diff = recompute([clock, p], calendar=retreat, as_of=as_of)
    assert isinstance(diff, CalendarDiff) and diff.as_of == as_of
    first = diff.changes[0]
    assert (first.source, first.key) == (0, "media_schedule")
    assert (first.old_due, first.new_due) == (at("2025-10-10 17:00"), at("2025-10-11 17:00"))
    assert (first.moved_days, first.moved_working_days) == (1, 1)
    assert (first.old_verdict, first.new_verdict) == ("breached", "open") and first.flipped
    keys = [c.key for c in diff.moved]
    assert keys == [
        "media_schedule",
        "print_single/copy_and_layout",
        "print_single/final_art",
        "print_single/colour_proof",
        "print_single/film",
    ]
    assert [c.key for c in diff.flipped] == ["media_schedule", "print_single/copy_and_layout"]
    assert not diff.changes[1].moved and diff.changes[1].describe().endswith("(unchanged)")
    assert "breached → open" in str(diff)
    # Nothing was changed in place; the new values come back.
    assert clock.due == at("2025-10-10 17:00") and clock.calendar == cn and p.calendar == cn
    new_clock, new_plan = diff.recomputed
    assert isinstance(new_clock, Clock) and new_clock.due == at("2025-10-11 17:00")
    assert new_clock.calendar == retreat and new_plan == p.replan(calendar=retreat)
    assert json.loads(json.dumps(diff.to_dict()))["changes"][0]["moved_working_days"] == 1


def test_recompute_after_a_new_official_notice(cn: WorkCalendar) -> None:
    clock = Clock.start("media_schedule", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    stopped = clock.stop(at("2025-10-10 12:00"))
    notice = cn.replace(extra_working_days=[date(2025, 10, 8)])  # a day of the holiday becomes a working day
    diff = recompute(stopped, calendar=notice, as_of=at("2025-10-20 09:00"))
    change = diff.changes[0]
    assert change.new_due == at("2025-10-09 17:00") and change.moved_working_days == -1
    assert (change.old_verdict, change.new_verdict) == ("met", "breached")
    explicit = Clock.start("report", at("2025-09-29 09:00"), due=at("2025-10-09 17:00"), calendar=cn)
    unmoved = recompute([explicit], calendar=notice, as_of=at("2025-10-09 09:00"))
    assert not unmoved.moved  # an explicit deadline stays


def test_recompute_refusals(cn: WorkCalendar) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    with pytest.raises(InvalidInputError):
        recompute([clock, "plan"], calendar=cn, as_of=at("2025-10-01 09:00"))  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        recompute([clock], calendar="CN", as_of=at("2025-10-01 09:00"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        recompute(42, calendar=cn, as_of=at("2025-10-01 09:00"))  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        recompute([clock], calendar=cn, as_of=datetime(2025, 10, 1, 9))
    with pytest.raises(ChronologyError):
        recompute([clock], calendar=cn, as_of=at("2025-09-01 09:00"))


# -- properties ----------------------------------------------------------------------------

gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9))


@st.composite
def clocks(draw: st.DrawFn) -> tuple[Clock, Clock, datetime]:
    """A clock with random pauses (and perhaps a stop), the same clock never paused, and an as_of."""
    cn = WorkCalendar("CN")
    begin = draw(st.datetimes(datetime(2015, 1, 1), datetime(2026, 6, 30), timezones=s.zones))
    plain = Clock.start("job", begin, working_days=draw(st.integers(0, 20)), calendar=cn)
    clock, instant = plain, begin
    for _ in range(draw(st.integers(0, 4))):
        instant += draw(gaps)
        clock = clock.pause(instant)
        instant += draw(gaps)
        if draw(st.booleans()):
            break  # left waiting on the client
        clock = clock.resume(instant)
    if draw(st.booleans()):
        instant += draw(gaps)
        clock, plain = clock.stop(instant), plain.stop(instant)
    return clock, plain, instant + draw(gaps)


@settings(max_examples=200)
@given(case=clocks())
def test_client_and_agency_time_make_the_elapsed_working_time(case: tuple[Clock, Clock, datetime]) -> None:
    clock, _, as_of = case
    status = clock.status(as_of)
    end = clock.stopped_at if clock.stopped_at is not None else as_of
    assert status.agency_time + status.client_time == clock.calendar.working_time_between(
        clock.started_at, end
    )
    assert status.agency_time >= timedelta(0) and status.client_time >= timedelta(0)
    assert status.remaining == max(status.budget - status.agency_time, timedelta(0))
    assert status.due >= status.original_due
    assert status.breached == (end > status.due)


@settings(max_examples=200)
@given(case=clocks())
def test_paused_time_never_counts_against_the_agency(case: tuple[Clock, Clock, datetime]) -> None:
    clock, plain, as_of = case
    waited, never = clock.status(as_of), plain.status(as_of)
    assert waited.agency_time <= never.agency_time
    assert waited.remaining >= never.remaining
    assert waited.used_fraction <= never.used_fraction
    assert waited.due >= never.due
    assert waited.latest_safe_start is not None and never.latest_safe_start is not None
    assert waited.latest_safe_start >= never.latest_safe_start
    if waited.breached:
        assert never.breached
    assert waited.lateness <= never.lateness


@settings(max_examples=200)
@given(
    method=st.sampled_from(["pause", "resume", "stop", "status"]),
    args=st.lists(s.junk, min_size=1, max_size=2),
    thresholds=st.one_of(st.lists(st.floats(-1, 2), max_size=3), s.junk),
)
def test_arbitrary_input_raises_only_documented_errors(
    cn: WorkCalendar, method: str, args: list[object], thresholds: object
) -> None:
    clock = Clock.start("x", at("2025-09-29 09:00"), working_days=3, calendar=cn)
    with contextlib.suppress(AdServiceError):
        if method == "status":
            clock.status(args[0], thresholds=thresholds)  # type: ignore[arg-type]
        else:
            getattr(clock, method)(*args[: 2 if method == "pause" else 1])
    with contextlib.suppress(AdServiceError):
        Clock.start(args[0], args[-1], working_days=args[-1], calendar=cn)  # type: ignore[arg-type]
    with contextlib.suppress(AdServiceError):
        clock.status(at("2025-10-01 09:00"), thresholds=thresholds)  # type: ignore[arg-type]
