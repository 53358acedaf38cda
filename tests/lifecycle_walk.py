"""A complete engagement walk shared by the lifecycle tests (kept apart from the assertions)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

from adservice.engagement import Engagement

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 9, tzinfo=TZ)
TEAM = {
    "ae": "Li",
    "strategist": "Zhou",
    "copywriter": "Wu",
    "art_director": "Zheng",
    "project_director": "Chen",
}
A, C, M = "agency:Chen", "client:Wang", "agency:Zhang"
#: The client's marketing briefing on every topic H3 lists (L14).
BRIEFING = {
    "company": "Huaxia",
    "product": "Phase II",
    "channels": "sales office",
    "targets": "young families",
    "competitors": "two projects nearby",
    "goals": "60% pre-sold",
    "budget": "CNY 8 million",
}
#: The production steps of a print piece the client approves one by one (G5).
PRINT_STEPS = ("creative_concept", "copy_and_layout", "final_art", "colour_proof")


def clock(start: datetime = START) -> Iterator[datetime]:
    t = start
    while True:
        t += timedelta(hours=1)
        yield t


def intent_documents(e: Engagement, t: Iterator[datetime]) -> Engagement:
    """The intent phase's documents (L7-L9): question list returned, minutes, internal briefing."""
    e.record(next(t), C, "question_list", evidence="QL-1")
    e.record(next(t), A, "meeting_minutes", evidence="MM-1")
    return e.record(next(t), A, "internal_briefing")


def approve_steps(e: Engagement, t: Iterator[datetime], job: str = "J1") -> Engagement:
    """Every production step of a print job submitted and approved in writing (G5)."""
    for step in PRINT_STEPS:
        e.submit_step(next(t), A, job=job, step=step)
        e.approve_step(next(t), C, job=job, step=step, evidence=f"AP-{step}")
    return e


def to_pitch(e: Engagement, t: Iterator[datetime]) -> Engagement:
    e.receive_invitation(next(t), C, evidence="INV-1")
    intent_documents(e, t)
    e.assign_team(next(t), A, team=TEAM)
    return e.start_pitch(next(t), A)


def to_brief(e: Engagement, t: Iterator[datetime]) -> Engagement:
    to_pitch(e, t)
    e.approve_quote(next(t), M, quote="Q1", role="department_manager")
    e.submit_quote(next(t), A, quote="Q1")
    e.win(next(t), C)
    e.sign_contract(next(t), C, evidence="CT-1")
    e.record(next(t), A, "project_plan")
    return e.start_brief(next(t), A)


def to_approval(e: Engagement, t: Iterator[datetime]) -> Engagement:
    to_brief(e, t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="J1", item="print_single", description="one ad", creative_brief="CB")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO-1")
    e.start_creative(next(t), A)
    approve_steps(e, t)
    e.record(next(t), A, "internal_review")
    return e.submit_for_approval(next(t), A)


def to_booking(e: Engagement, t: Iterator[datetime]) -> Engagement:
    to_approval(e, t)
    for d in ("media_plan", "creative", "quote"):
        e.sign_off(next(t), C, deliverable=d, evidence=f"S-{d}")
    return e.start_media_booking(next(t), A)


def to_closed(e: Engagement, t: Iterator[datetime]) -> Engagement:
    to_booking(e, t)
    e.confirm_schedule(next(t), C, evidence="MS-1")
    e.book_media(next(t), A, placement=date(2026, 5, 20))
    e.receive_prepayment(next(t), C, evidence="PP-1")
    e.approve_fee_list(next(t), C, evidence="FL-1")
    e.place(next(t), A, start=date(2026, 5, 20), end=date(2026, 5, 27))
    e.start_post_analysis(next(t), A)
    e.report_execution(next(t), A, round=1)
    e.record(next(t), A, "post_campaign_analysis")
    return e.close(next(t), A)
