"""Every view agrees on what is late (issue 9 §5).

Random engagements (the real ``Engagement`` methods driven by ``adservice.testing``)
at random instants: the engagement's own clocks, the overdue report, the weekly status
report, the obligations, the DataFrames and the iCalendar export must name the same
overdue jobs (clock breached, not delivered) and the same overdue duties (the tracked
O5/O7 duties, not done and past due). Each view is asked about the engagement as it
stood at that instant; everything goes through the public API only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from adservice.engagement import Engagement
from adservice.portfolio import TRACKED_RULES, obligations_due, overdue_report, pending, status_report
from adservice.present.frames import clocks_frame, obligations_frame
from adservice.present.ics import to_ics
from adservice.testing import strategies as ads

# Any stage with short gaps, and late stages with long ones (so fee lists and execution reports
# fall overdue while the engagement waits).
engagements = st.one_of(
    ads.engagements(years=(2025, 2026), max_gap_hours=96),
    ads.engagements(
        years=(2025, 2026), max_gap_hours=240, stages=("media_booking", "post_analysis", "closed", "on_hold")
    ),
)
Duty = tuple[str, datetime]  # (rule, due instant): which duty, in every view's words


def as_it_stood(e: Engagement, at: datetime) -> Engagement | None:
    """The engagement at ``at``: the kernel's ``as_of`` when it has one, else its log replayed."""
    as_of = getattr(e, "as_of", None)
    if callable(as_of):
        view = as_of(at)
        return view if isinstance(view, Engagement) else None
    events = [ev for ev in e.events if ev.at <= at]
    if not events:
        return None
    return Engagement.replay(events, id=e.id, client=e.client, calendar=e.calendar, rulebook=e.rulebook)


def overdue_jobs_by_clocks(e: Engagement, at: datetime) -> set[str]:
    out = set()
    for job, clock in e.clocks().items():
        status = clock.status(at)
        if status.breached and not status.stopped:
            out.add(job)
    return out


def overdue_duties_by_obligations(e: Engagement, at: datetime) -> set[Duty]:
    first = e.events[0].at.astimezone(e.calendar.tz).date() - timedelta(days=30)
    found = obligations_due([e], first, at.astimezone(e.calendar.tz).date() + timedelta(days=1), agency=False)
    return {(o.rule_id, o.due) for o in found if o.rule_id in TRACKED_RULES and o.status(at) == "overdue"}


def done_late_duties(e: Engagement, at: datetime) -> set[Duty]:
    """The tracked duties the log shows done after they were due, by ``at`` (Due.status "late")."""
    return {(d.rule_id, d.due) for d in e.duties if d.rule_id in TRACKED_RULES and d.status(at) == "late"}


def late_duties_by_obligations(e: Engagement, at: datetime) -> set[Duty]:
    first = e.events[0].at.astimezone(e.calendar.tz).date() - timedelta(days=30)
    found = obligations_due([e], first, at.astimezone(e.calendar.tz).date() + timedelta(days=1), agency=False)
    return {(o.rule_id, o.due) for o in found if o.rule_id in TRACKED_RULES and o.status(at) == "late"}


def _rules(event: Any) -> set[str]:
    """The event's categories (the exporter files each event under the rule it comes from)."""
    categories = event.get("CATEGORIES")
    return {str(c) for c in categories.cats} if categories is not None else set()


def instants(e: Engagement, fractions: list[float]) -> list[datetime]:
    if not e.events:
        return []
    first, last = e.events[0].at, e.events[-1].at + timedelta(days=45)
    return [first + (last - first) * f for f in fractions]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=engagements, fractions=st.lists(st.floats(0, 1), min_size=1, max_size=3))
def test_every_view_names_the_same_overdue_jobs_and_duties(e: Engagement, fractions: list[float]) -> None:
    for at in instants(e, fractions):
        view = as_it_stood(e, at)
        if view is None:
            continue
        jobs = overdue_jobs_by_clocks(view, at)
        duties = overdue_duties_by_obligations(view, at)
        # The overdue report (it leaves out closed, lost and cancelled engagements).
        report = overdue_report([e], at)
        done_late = done_late_duties(view, at)
        if view.stage.value not in {"closed", "lost", "cancelled"}:
            assert {r.job for r in report.rows if r.job is not None} == jobs
            assert {(r.rule_id, r.due) for r in report.rows if r.job is None and not r.done} == duties
            # Duties done late (a fee list approved after O7's date) are flagged done in the list.
            assert {(r.rule_id, r.due) for r in report.rows if r.job is None and r.done} == done_late
        else:
            assert report.rows == ()
        # Pending duties (what the log can show done) are the same duties.
        assert {(o.rule_id, o.due) for o in pending(view, at) if o.due < at} == duties
        # The DataFrames.
        if view.clocks():
            clocks = clocks_frame(view, at)
            late = clocks[(clocks["verdict"] == "breached") & ~clocks["stopped"]]
            assert set(late["job"]) == jobs
        else:
            assert jobs == set()
        first = view.events[0].at.astimezone(view.calendar.tz).date() - timedelta(days=30)
        end = at.astimezone(view.calendar.tz).date() + timedelta(days=1)
        df = obligations_frame(list(obligations_due([view], first, end, agency=False)))
        if not df.empty:
            open_ = df["done_at"].isna() | (df["done_at"].apply(lambda d, now=at: pd.notna(d) and d > now))
            tracked = df[df["rule_id"].isin(TRACKED_RULES) & open_ & (df["deadline"] < at)]
            assert set(zip(tracked["rule_id"], tracked["deadline"], strict=True)) == duties
            found = {
                (r, due)
                for r, due, done in zip(df["rule_id"], df["deadline"], df["done_at"], strict=True)
                if r in TRACKED_RULES and pd.notna(done) and due < done <= at
            }
            assert found == done_late
        else:
            assert duties == set() and done_late == set()
        # The obligations say the same with their own verdict.
        assert late_duties_by_obligations(view, at) == done_late
        # The iCalendar export: every overdue duty is an event at its due instant, and every
        # overdue job has an event at or before ``at`` (the export gives the promised date; the
        # clock's due is that date moved later by the client's waiting, so it is never earlier).
        events = Calendar.from_ical(to_ics(view, stamp=at)).walk("VEVENT")
        timed = {(rule, ev.decoded("DTSTART")) for ev in events for rule in _rules(ev)}
        assert {(rule, due) for rule, due in duties} <= timed
        for job in jobs:
            starts = [ev.decoded("DTSTART") for ev in events if job in str(ev["SUMMARY"])]
            assert starts and min(s if isinstance(s, datetime) else at for s in starts) <= at
        # ... and every duty done late says so (its title ends "done late").
        flagged = {
            (rule, ev.decoded("DTSTART"))
            for ev in events
            for rule in _rules(ev)
            if str(ev["SUMMARY"]).endswith("done late") and rule in TRACKED_RULES
        }
        assert done_late <= flagged


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=engagements, week=st.integers(0, 40))
def test_the_weekly_status_report_agrees_with_the_clocks(e: Engagement, week: int) -> None:
    if not e.events:
        assert status_report([e], date(2026, 1, 5)).rows == ()
        return
    first = e.events[0].at.astimezone(e.calendar.tz).date()
    monday = first - timedelta(days=first.weekday()) + timedelta(weeks=week)
    report = status_report([e], monday)
    at = report.status_at
    view = as_it_stood(e, at)
    if view is None or view.stage.value in {"closed", "lost", "cancelled"}:
        assert report.rows == ()
        return
    assert {r.job for r in report.overdue if r.job is not None} == overdue_jobs_by_clocks(view, at)
    assert {r.job for r in report.rows if r.job is not None} == set(view.job_orders)
    flagged = {(r.rule_id, r.due) for r in report.rows if r.job is None and r.done}
    assert flagged == done_late_duties(view, at)


def test_a_job_sent_back_for_revision_without_delivery_is_overdue_in_every_view() -> None:
    # The case two views used to disagree on (issue 9 §1): the engagement's clocks said breached,
    # the overdue report left it out because submitting for approval had stopped its clock.
    from tests.lifecycle_walk import A, C, clock, to_approval

    e = Engagement("E-R", "Huaxia")
    t = clock()
    to_approval(e, t)
    e.request_revision(next(t), C, changes="bigger logo", evidence="RV-1")
    at = e.events[-1].at + timedelta(days=30)
    # The revision job order (L11) has a deadline of its own, and is overdue in every view too.
    assert overdue_jobs_by_clocks(e, at) == {"J1", "J1-R1"}
    assert sorted(r.job for r in overdue_report([e], at).rows if r.job) == ["J1", "J1-R1"]
    assert {r.job for r in status_report([e], date(2026, 4, 13)).overdue} == {"J1", "J1-R1"}
    del A


def _scheduled_meeting(call: bool) -> tuple[Engagement, datetime]:
    """A scheduled meeting (M1) held, its agenda never sent and its report recorded three days later."""
    from tests.lifecycle_walk import START, A, C, clock, to_brief

    t = clock()
    e = to_brief(Engagement("E-M", "Huaxia"), t)
    start = START + timedelta(days=5)
    e.schedule_meeting(
        next(t), A, ref="M-1", what="storyboard review", why="approve it", who="Wang, Li",
        where="client HQ", when=start, how="presentation, then notes",
    )  # fmt: skip
    e.reconfirm_meeting(start - timedelta(minutes=90), A, ref="M-1")
    e.meeting(start + timedelta(hours=1), A, about="storyboard review", call=call, ref="M-1")
    report = "contact_report" if call else "minutes"
    actions = {"new ending": {"owner": "Wu", "due": "2026-03-20"}}
    e.record_minutes(
        start + timedelta(days=3), A, ref="M-1", decisions=["warmer ending"], actions=actions,
        distribution=["Wang"], evidence="MIN-1", report=report,
    )  # fmt: skip
    e.confirm_minutes(start + timedelta(days=3, hours=1), C, ref="M-1", evidence="MIN-1-C")
    return e, start


@given(call=st.booleans(), hours=st.integers(0, 24 * 8))
@settings(max_examples=30, deadline=None)
def test_a_scheduled_meetings_duties_are_late_in_every_view_as_the_log_says(call: bool, hours: int) -> None:
    # Issue 11 §7 made a scheduled meeting's duties recordable (O10: notice, agenda, reconfirmation;
    # O2/O3: the report, via record_minutes). The oracle is each duty's own verdict from the log
    # (Due.status); the overdue list and the weekly status report must name the same duties.
    e, start = _scheduled_meeting(call)
    at = start - timedelta(days=1) + timedelta(hours=hours)
    meeting_duties = [d for d in e.duties if d.rule_id in {"O2", "O3", "O10"}]
    assert {d.rule_id for d in meeting_duties} == {"O10", "O3" if call else "O2"}
    overdue = {(d.rule_id, d.due) for d in meeting_duties if d.status(at) == "overdue"}
    late = {(d.rule_id, d.due) for d in meeting_duties if d.status(at) == "late"}
    rows = [r for r in overdue_report([e], at).rows if r.job is None and r.rule_id in {"O2", "O3", "O10"}]
    assert {(r.rule_id, r.due) for r in rows if not r.done} == overdue
    assert {(r.rule_id, r.due) for r in rows if r.done} == late
    assert {(o.rule_id, o.due) for o in pending(e, at) if o.due < at and o.rule_id != "O7"} == overdue


def test_a_meeting_report_recorded_late_is_flagged_in_the_overdue_list_and_status_report() -> None:
    e, start = _scheduled_meeting(call=False)
    held = start + timedelta(hours=1)
    at = start + timedelta(days=2)  # the report (due 24 h after the meeting, O2) is not written yet
    rows = {(r.rule_id, r.due, r.done) for r in overdue_report([e], at).rows if r.job is None}
    assert ("O2", held + timedelta(hours=24), False) in rows
    # The agenda was never sent (due 2 h before the meeting, O10): overdue from then on.
    assert ("O10", start - timedelta(hours=2), False) in rows
    later = start + timedelta(days=10)
    flagged = {(r.rule_id, r.due, r.done) for r in overdue_report([e], later).rows if r.job is None}
    assert ("O2", held + timedelta(hours=24), True) in flagged
    week = status_report([e], (later + timedelta(days=7 - later.weekday())).date())
    assert ("O2", held + timedelta(hours=24)) in {(r.rule_id, r.due) for r in week.rows if r.done}
