"""iCalendar export: every deadline read back as an event, all-day vs timed, time zones, stable UIDs."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from adservice import WorkCalendar
from adservice.deadlines import Due, plan, plan_backward, plan_from_placement
from adservice.demo import demo_engagement, demo_portfolio
from adservice.engagement import Engagement
from adservice.errors import InvalidInputError, MissingExtraError, NaiveDatetimeError
from adservice.present.ics import Deadline, deadlines, to_ics
from adservice.rulebook import Rulebook
from adservice.testing import strategies as ads

SH = ZoneInfo("Asia/Shanghai")
STAMP = datetime(2025, 9, 26, 12, tzinfo=SH)
RECEIVED = datetime(2025, 9, 26, 10, tzinfo=SH)


def events(ics: bytes) -> list[Calendar]:
    """The VEVENTs of an exported calendar, parsed back with icalendar."""
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def timezones(ics: bytes) -> list[str]:
    return [str(tz["TZID"]) for tz in Calendar.from_ical(ics).walk("VTIMEZONE")]


def by_uid(ics: bytes) -> dict[str, Calendar]:
    return {str(e["UID"]): e for e in events(ics)}


# -- what comes back --------------------------------------------------------------------------------


def test_a_plan_reads_back_as_one_timed_event_per_step_at_close_of_business(cn: WorkCalendar) -> None:
    p = plan("print_single", RECEIVED, calendar=cn)
    ics = to_ics(p, stamp=STAMP)
    found = events(ics)
    assert [e.decoded("DTSTART") for e in found] == [s.deadline for s in p.steps]
    # SPEC §4: the print chain from Fri 2025-09-26 10:00.
    assert [e.decoded("DTSTART").date().isoformat() for e in found] == [
        "2025-09-29",
        "2025-10-10",
        "2025-10-13",
        "2025-10-14",
        "2025-10-15",
    ]
    for event, step in zip(found, p.steps, strict=True):
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        # A deadline is an instant; its event lasts half an hour from it.
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)
        assert step.rule_id in [str(c) for c in event["CATEGORIES"].cats]
        assert str(step.explain()) in str(event["DESCRIPTION"])
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["TRANSP"]) == "TRANSPARENT"
    assert timezones(ics) == ["Asia/Shanghai"]


def test_the_vtimezone_carries_the_zone_so_clients_need_no_database_of_their_own() -> None:
    berlin = WorkCalendar("DE", tz="Europe/Berlin")
    received = datetime(2025, 3, 24, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    p = plan("integrated_plan", received, calendar=berlin)  # 8 working days: across the switch to summer time
    ics = to_ics(p, stamp=STAMP)
    (zone,) = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    (event,) = events(ics)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == p.deadline
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)


def test_all_day_deadlines_are_dates_ending_the_next_day(cn: WorkCalendar) -> None:
    p = plan("print_single", RECEIVED, calendar=cn)
    ics = to_ics(deadlines(p, all_day=True), stamp=STAMP)
    found = events(ics)
    assert [e.decoded("DTSTART") for e in found] == [s.due_date for s in p.steps]
    for event in found:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date
        assert end - start == timedelta(days=1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
    assert b"VALUE=DATE:20251015" in ics
    assert timezones(ics) == []  # nothing timed, no zone to describe


def test_a_placement_plan_mixes_all_day_and_timed_events(cn: WorkCalendar) -> None:
    placement = plan_from_placement(date(2025, 10, 13), ["media_schedule"], calendar=cn)
    found = {str(e["SUMMARY"]): e for e in events(to_ics(placement, stamp=STAMP))}
    assert found["placement starts"].decoded("DTSTART") == date(2025, 10, 13)
    assert found["materials to the media at the latest"].decoded("DTSTART") == placement.materials_due_date
    fee_list = found["approved media and creative fee list due (O7)"]
    assert fee_list.decoded("DTSTART") == placement.fee_list_deadline
    work_order = found["latest written work order for media_schedule (T3)"]
    assert work_order.decoded("DTSTART") == placement.items[0].work_order_deadline


def test_an_instant_in_a_fixed_offset_is_written_in_utc_without_a_vtimezone() -> None:
    fixed = WorkCalendar("CN", tz=timezone(timedelta(hours=8)))
    p = plan("media_schedule", datetime(2025, 9, 29, 9, tzinfo=timezone(timedelta(hours=8))), calendar=fixed)
    ics = to_ics(p, stamp=STAMP)
    (event,) = events(ics)
    assert event.decoded("DTSTART") == p.deadline
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert "TZID" not in event["DTSTART"].params
    assert timezones(ics) == []


def test_dtstamp_is_the_stamp_passed_in_in_utc_and_the_calendar_is_well_formed(cn: WorkCalendar) -> None:
    ics = to_ics(plan("media_schedule", RECEIVED, calendar=cn), stamp=STAMP, name="Huaxia deadlines")
    cal = Calendar.from_ical(ics)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "Huaxia deadlines"
    (event,) = events(ics)
    assert event.decoded("DTSTAMP") == STAMP
    assert event["DTSTAMP"].to_ical().endswith(b"Z")
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")


def test_provisional_deadlines_are_tentative() -> None:
    cal = WorkCalendar("CN", confirmed_through=2025)
    p = plan("media_schedule", datetime(2026, 3, 2, 9, tzinfo=SH), calendar=cal)
    assert p.provisional
    (event,) = events(to_ics(p, stamp=STAMP))
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "provisional" in str(event["DESCRIPTION"])


def test_an_engagement_exports_its_job_plans_rushes_and_duties() -> None:
    e = demo_engagement()
    found = by_uid(to_ics(e, stamp=STAMP))
    assert len(found) == len(deadlines(e))
    starts = sorted((e_.decoded("DTSTART") for e_ in found.values()), key=lambda d: d.isoformat())
    duty_dues = [d.due for d in e.duties]
    assert set(duty_dues) <= set(starts)
    rushed = e.accepted_rushes()
    for job, day in rushed.items():
        rush = next(ev for ev in found.values() if str(ev["SUMMARY"]).startswith(job))
        assert rush.decoded("DTSTART") == e.calendar.close_of_business(day)
        assert "T8" in [str(c) for c in rush["CATEGORIES"].cats]
    for job, p in e.plans().items():
        if job not in rushed:
            assert {s.deadline for s in p.steps} <= set(starts)


# -- stable UIDs ------------------------------------------------------------------------------------


def test_uids_are_stable_across_exports_so_a_re_export_updates_instead_of_duplicating() -> None:
    before = demo_engagement()
    # The agency closes for a retreat on the day the media schedule was due: deadlines move.
    retreat = before.calendar.replace(closures={date(2026, 2, 3): "agency retreat"})
    after = Engagement.replay(before.events, id=before.id, client=before.client, calendar=retreat)
    first = by_uid(to_ics(before, stamp=STAMP))
    second = by_uid(to_ics(after, stamp=STAMP + timedelta(days=30)))
    assert first.keys() == second.keys()
    moved = [uid for uid in first if first[uid].decoded("DTSTART") != second[uid].decoded("DTSTART")]
    assert moved  # the retreat moved something, and it kept its UID
    assert all(second[uid].decoded("DTSTAMP") == STAMP + timedelta(days=30) for uid in second)


def test_the_same_input_gives_the_same_bytes() -> None:
    assert to_ics(demo_portfolio(), stamp=STAMP) == to_ics(demo_portfolio(), stamp=STAMP)


def test_uids_differ_between_engagements_jobs_and_steps() -> None:
    portfolio = demo_portfolio()
    found = deadlines(portfolio)
    uids = [d.uid() for d in found]
    assert len(set(uids)) == len(uids) == len(deadlines(portfolio[0])) + len(deadlines(portfolio[1]))
    assert all(uid.endswith("@adservice") for uid in uids)
    assert {d.uid("agency.example") for d in found} == {
        u.replace("@adservice", "@agency.example") for u in uids
    }


def test_the_same_plan_under_two_jobs_gets_two_sets_of_uids(cn: WorkCalendar) -> None:
    p = plan("media_schedule", RECEIVED, calendar=cn)
    one = deadlines(p, engagement_id="E-1", job="J-01")
    two = deadlines(p, engagement_id="E-1", job="J-02")
    assert {d.uid() for d in one}.isdisjoint(d.uid() for d in two)
    assert to_ics([*one, *two], stamp=STAMP).count(b"BEGIN:VEVENT") == 2


def test_two_deadlines_with_one_key_are_refused(cn: WorkCalendar) -> None:
    p = plan("media_schedule", RECEIVED, calendar=cn)
    with pytest.raises(InvalidInputError, match="share the key"):
        to_ics([p, p], stamp=STAMP)


def test_the_uid_ignores_the_date_and_depends_on_the_key() -> None:
    a = Deadline(("E-1", "J-1", "film"), "film due", date(2025, 10, 15))
    assert a.uid() == attrs.evolve(a, when=datetime(2025, 10, 16, 17, tzinfo=SH), summary="moved").uid()
    assert a.uid() != attrs.evolve(a, key=("E-1", "J-2", "film")).uid()
    # Parts are joined with a separator no key part contains: ("a", "b c") is not ("a b", "c").
    assert (
        Deadline(("a", "b c"), "x", date(2025, 1, 2)).uid()
        != Deadline(("a b", "c"), "x", date(2025, 1, 2)).uid()
    )


# -- other sources ----------------------------------------------------------------------------------


def test_due_values_export_as_timed_events_keyed_by_their_cause() -> None:
    due = datetime(2025, 10, 13, 9, tzinfo=SH)
    report = Due("O4", "weekly status report", due, because="every Monday 09:00")
    (event,) = events(to_ics([report], stamp=STAMP))
    assert event.decoded("DTSTART") == due
    assert str(event["SUMMARY"]) == "O4 weekly status report"
    assert str(event["DESCRIPTION"]) == "every Monday 09:00"
    # The UID is what it is, not when it falls: a moved date keeps it, another cause does not.
    moved = attrs.evolve(report, due=due + timedelta(days=1))
    other = attrs.evolve(report, because="every Tuesday 09:00")
    assert deadlines(moved)[0].uid() == deadlines(report)[0].uid() != deadlines(other)[0].uid()


def test_a_backward_plan_exports_the_latest_work_order_and_steps(cn: WorkCalendar) -> None:
    back = plan_backward("print_single", date(2025, 10, 15), calendar=cn)
    found = events(to_ics(deadlines(back, engagement_id="E-1", job="J-1"), stamp=STAMP))
    assert len(found) == 1 + len(back.steps)
    assert min(e.decoded("DTSTART") for e in found) == back.work_order_deadline


def test_reviews_are_exported_as_expected_sign_offs(cn: WorkCalendar) -> None:
    p = plan("print_single", RECEIVED, calendar=cn, review_days=2)
    found = [e for e in events(to_ics(p, stamp=STAMP)) if "sign-off" in str(e["SUMMARY"])]
    assert [e.decoded("DTSTART") for e in found] == [r.deadline for r in p.reviews]


@settings(max_examples=40, deadline=None)
@given(
    received=ads.received_instants(years=(2024, 2026)),
    item=st.sampled_from(sorted(Rulebook.standard().items)),
    all_day=st.booleans(),
)
def test_every_deadline_reads_back_as_its_own_event(received: datetime, item: str, all_day: bool) -> None:
    p = plan(item, received)
    found = deadlines(p, all_day=all_day)
    back = by_uid(to_ics(found, stamp=STAMP))
    assert len(back) == len(found)
    for d in found:
        event = back[d.uid()]
        assert event.decoded("DTSTART") == d.when
        assert str(event["SUMMARY"]) == d.summary


# -- refusals ---------------------------------------------------------------------------------------


def test_refusals(cn: WorkCalendar) -> None:
    p = plan("media_schedule", RECEIVED, calendar=cn)
    with pytest.raises(NaiveDatetimeError):
        to_ics(p, stamp=datetime(2025, 9, 26, 12))
    with pytest.raises(InvalidInputError, match="cannot export"):
        to_ics([p, "a plan"], stamp=STAMP)
    with pytest.raises(InvalidInputError, match="cannot export"):
        deadlines(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="sequence"):
        to_ics(p, stamp=STAMP, sequence=-1)
    with pytest.raises(InvalidInputError, match="uid_domain"):
        to_ics(p, stamp=STAMP, uid_domain="two words")
    with pytest.raises(InvalidInputError, match="key"):
        Deadline((), "nothing", date(2025, 1, 1))
    with pytest.raises(NaiveDatetimeError):
        Deadline(("a",), "naive", datetime(2025, 1, 1, 9))


def test_without_icalendar_the_error_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, cn: WorkCalendar
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # what an uninstalled package looks like to import
    with pytest.raises(MissingExtraError, match=r"pip install 'adservice\[ics\]'") as caught:
        to_ics(plan("media_schedule", RECEIVED, calendar=cn), stamp=STAMP)
    assert isinstance(caught.value, ImportError)
    assert deadlines(plan("media_schedule", RECEIVED, calendar=cn))  # deadlines need no extra


def test_obligations_export_and_combine_with_plans_without_duplicating_duties() -> None:
    from adservice.portfolio import engagement_obligations

    e = demo_engagement()
    obligations = engagement_obligations(e, date(2026, 1, 1), date(2026, 5, 1))
    plans_only = deadlines(e, duties=False)
    assert len(plans_only) == len(deadlines(e)) - len(e.duties)
    found = by_uid(to_ics([*plans_only, *obligations], stamp=STAMP))
    assert len(found) == len(plans_only) + len(obligations)
    # Each lifecycle duty appears once: as the obligation that reuses it.
    summaries = [(str(ev["SUMMARY"]), ev.decoded("DTSTART")) for ev in found.values()]
    for duty in e.duties:
        assert sum(1 for summary, at in summaries if at == duty.due and summary.startswith(duty.rule_id)) == 1
    for ob in obligations:
        assert not ob.provisional
        event = found[deadlines(ob)[0].uid()]
        assert event.decoded("DTSTART") == ob.deadline
        assert str(event.get("DESCRIPTION", "")).startswith(ob.explain())


# -- a portfolio export tells engagements apart (issue 11 §8) ---------------------------------------


def test_duty_events_name_the_engagement_and_the_client_and_say_when_done_late() -> None:
    e = demo_engagement()
    found = {str(ev["SUMMARY"]): ev for ev in events(to_ics(e, stamp=STAMP))}
    late = f"O5 execution report — Huaxia Real Estate, round 2 ({e.id}) — done late"
    on_time = f"O5 execution report — Huaxia Real Estate, round 1 ({e.id})"
    assert late in found and on_time in found
    assert "done late: Thu 2026-04-16 17:00, 24 hours after it was due" in str(found[late]["DESCRIPTION"])
    assert "done Wed 2026-03-25 17:00" in str(found[on_time]["DESCRIPTION"])
    assert f"O7 approved media and creative fee list — Huaxia Real Estate ({e.id})" in found
    # Job steps end with the client's name.
    assert any(s.startswith("BJ-") and s.endswith("— Huaxia Real Estate") for s in found)


def test_a_portfolio_export_tells_two_clients_apart() -> None:
    portfolio = demo_portfolio()
    summaries = [str(ev["SUMMARY"]) for ev in events(to_ics(portfolio, stamp=STAMP))]
    assert any("Huaxia Real Estate" in s for s in summaries)
    assert any("Mingzhu Dairy" in s for s in summaries)
    assert all(("Huaxia Real Estate" in s) != ("Mingzhu Dairy" in s) for s in summaries)


def test_a_due_without_an_engagement_is_titled_by_its_subject_or_alone() -> None:
    due = datetime(2025, 10, 16, 17, tzinfo=SH)
    bare = Due("O5", "execution report of round 1", due)
    owned = attrs.evolve(bare, subject="E-9", done_at=due - timedelta(hours=1))
    assert deadlines(bare)[0].summary == "O5 execution report, round 1"
    assert deadlines(owned)[0].summary == "O5 execution report — E-9, round 1"
    late = attrs.evolve(owned, done_at=due + timedelta(days=3))
    assert deadlines(late)[0].summary.endswith("— done late")
    assert "3.0 days after it was due" in deadlines(late)[0].description
    # The UID is what the duty is: being done (late) does not change it.
    assert deadlines(bare)[0].uid() != deadlines(owned)[0].uid() == deadlines(late)[0].uid()


def test_timed_events_last_half_an_hour_from_the_deadline(cn: WorkCalendar) -> None:
    for event in events(to_ics(demo_engagement(), stamp=STAMP)):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime):
            assert end - start == timedelta(minutes=30)
        else:
            assert end - start == timedelta(days=1)


def test_a_placement_plan_exports_the_media_chain_in_order(cn: WorkCalendar) -> None:
    p = plan_from_placement(date(2025, 10, 13), ["print_single"], calendar=cn, review_days=1)
    found = {str(ev["SUMMARY"]): ev.decoded("DTSTART") for ev in events(to_ics(p, stamp=STAMP))}
    assert found["the client's written confirmation of the media schedule at the latest (G4)"] == (
        p.step("confirmation").deadline
    )
    assert found["the client's media prepayment at the latest (G10)"] == p.step("prepayment").deadline
    assert found["media booked at the latest"] == datetime(2025, 9, 28, 17, tzinfo=SH)  # a Sunday, worked
    assert found["media schedule plan to the client at the latest (T3)"] == p.step("media_schedule").deadline


def test_an_item_twice_in_a_placement_plan_is_refused_not_dropped(cn: WorkCalendar) -> None:
    p = plan_from_placement(date(2025, 10, 13), ["film", "film"], calendar=cn)
    assert len([d for d in deadlines(p) if d.key[-1] == "work_order"]) == 2
    with pytest.raises(InvalidInputError, match="share the key"):
        to_ics(p, stamp=STAMP)
