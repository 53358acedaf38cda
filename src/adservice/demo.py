"""A realistic engagement on the CN calendar in 2026, for the command line, docs and notebooks.

Huaxia Real Estate invites the agency to pitch in January 2026; the agency
wins, signs, takes the brief, makes a print ad and a media schedule (the
client rushes the ad, approves each of its production steps in writing and sends
one back), goes through one revision round with a revision job order of its own,
waits while the client is away over Spring Festival, books media, runs two placement rounds and
closes with a post-campaign analysis.

    >>> e = demo_engagement()
    >>> e.stage.value, e.revision_rounds, len(e.placements)
    ('closed', 1, 2)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from adservice._demo_words import DEMO_WORDS
from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.engagement.lifecycle import Engagement
from adservice.errors import InvalidInputError, brief
from adservice.i18n import normalize_locale
from adservice.present.timeline import engagement_timeline_text

__all__ = ["demo_engagement", "demo_portfolio", "demo_report", "demo_timeline_text"]

SH = ZoneInfo("Asia/Shanghai")


def _at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def demo_engagement(*, calendar: WorkCalendar | None = None, locale: str = "en") -> Engagement:
    """The demo engagement, closed on 2026-04-27 (see the module docstring).

    ``locale`` (``en``, ``zh_CN``, ``zh_TW``) is the language of its free text: names, notes,
    briefs. The events, dates and rules are the same in every language.

    >>> demo_engagement(locale="zh_CN").client
    '华夏地产'

    Raises:
        UnknownLocaleError: a locale adservice does not render in.
    """
    w = DEMO_WORDS[normalize_locale(locale)]
    AE, LEAD, MANAGER, CLIENT, TEAM = w["ae"], w["lead"], w["manager"], w["client_actor"], w["team"]  # noqa: N806
    e = Engagement("北京-202601-华夏地产-001", w["client"], calendar=calendar)
    e.meeting(_at(1, 5, 11), AE, about=w["first_visit"])
    e.receive_invitation(_at(1, 7), CLIENT, evidence="INV-2026-001")
    e.record(_at(1, 8), CLIENT, "question_list", evidence="QL-2026-001")
    e.record(_at(1, 8, 15), AE, "meeting_minutes", evidence="MM-2026-001")
    e.record(_at(1, 9), LEAD, "internal_briefing")
    e.assign_team(_at(1, 9, 11), LEAD, team=TEAM)
    e.start_pitch(_at(1, 9, 14), LEAD)
    e.approve_quote(_at(1, 14), MANAGER, quote="QT-2026-003", role="department_manager")
    e.submit_quote(_at(1, 14, 15), AE, quote="QT-2026-003")
    e.meeting(_at(1, 16, 16), LEAD, about=w["pitch_meeting"])
    e.win(_at(1, 20, 9), CLIENT, evidence="LTR-2026-010")
    e.sign_contract(_at(1, 22), CLIENT, evidence="CT-2026-007")
    e.record(_at(1, 23), LEAD, "project_plan", evidence="PP-2026-001")
    e.start_brief(_at(1, 23, 11), LEAD)
    e.receive_briefing(
        _at(1, 26),
        CLIENT,
        contents=dict(w["briefing"]),
    )
    e.record(_at(1, 27), AE, "work_briefing", evidence="WB-2026-001")
    e.agree_strategy(_at(1, 28, 16), CLIENT, evidence="ST-2026-002")
    e.add_job_order(
        _at(1, 29, 9), AE, number="BJ-202601-01", item="print_single",
        description=w["ad"], creative_brief=w["ad_brief"],
    )  # fmt: skip
    e.add_job_order(
        _at(1, 29, 9, 30), AE, number="BJ-202601-02", item="media_schedule",
        description=w["schedule"], creative_brief="CB-2026-004",
    )  # fmt: skip
    e.receive_work_order(
        _at(1, 29, 10), CLIENT, jobs=["BJ-202601-01", "BJ-202601-02"], evidence="WO-2026-011"
    )
    e.start_creative(_at(1, 29, 11), LEAD)
    e.request_rush(_at(1, 30, 10), CLIENT, job="BJ-202601-01", requested_due_date=date(2026, 2, 6))
    e.decide_rush(_at(1, 30, 14), LEAD, job="BJ-202601-01", accept=True, note=w["rush_note"])
    ad = "BJ-202601-01"
    e.submit_step(_at(1, 30, 16), AE, job=ad, step="creative_concept")
    e.approve_step(_at(2, 2, 10), CLIENT, job=ad, step="creative_concept", evidence="AP-2026-001")
    e.submit_step(_at(2, 3, 11), AE, job=ad, step="copy_and_layout")
    e.refuse_step(
        _at(2, 3, 16), CLIENT, job=ad, step="copy_and_layout", changes=w["step_changes"],
        evidence="RV-2026-0",
    )  # fmt: skip
    e.deliver(_at(2, 4, 10), AE, job="BJ-202601-01-R1", evidence="AD-2026-R1")
    e.deliver(_at(2, 4, 11), AE, job="BJ-202601-02", evidence="MS-2026-001")
    e.submit_step(_at(2, 4, 11, 30), AE, job=ad, step="copy_and_layout")
    e.approve_step(_at(2, 4, 15), CLIENT, job=ad, step="copy_and_layout", evidence="AP-2026-002")
    e.submit_step(_at(2, 4, 17), AE, job=ad, step="final_art")
    e.approve_step(_at(2, 5, 9), CLIENT, job=ad, step="final_art", evidence="AP-2026-003")
    e.submit_step(_at(2, 5, 9, 30), AE, job=ad, step="colour_proof")
    e.approve_step(_at(2, 5, 10, 30), CLIENT, job=ad, step="colour_proof", evidence="AP-2026-004")
    e.record(_at(2, 5, 11), LEAD, "internal_review")
    e.deliver(_at(2, 5, 15), AE, job=ad, evidence="AD-2026-001")
    e.submit_for_approval(_at(2, 5, 16), AE)
    e.meeting(_at(2, 9, 15), AE, about=w["comments_call"], call=True)
    e.request_revision(_at(2, 9, 16), CLIENT, changes=w["changes"], jobs=[ad], evidence="RV-2026-1")
    e.deliver(_at(2, 11, 10), AE, job="BJ-202601-01-R2", evidence="AD-2026-R2")
    e.record(_at(2, 11, 11), LEAD, "internal_review")
    e.submit_for_approval(_at(2, 11, 15), AE)
    e.hold(_at(2, 12, 12), CLIENT, reason=w["hold"])
    e.resume(_at(2, 25, 9), CLIENT)
    e.sign_off(_at(2, 26, 10), CLIENT, deliverable="creative", evidence="SO-2026-021")
    e.sign_off(_at(2, 26, 10, 5), CLIENT, deliverable="media_plan", evidence="SO-2026-022")
    e.sign_off(_at(2, 27, 11), CLIENT, deliverable="quote", evidence="SO-2026-023")
    e.start_media_booking(_at(2, 27, 14), LEAD)
    e.confirm_schedule(_at(3, 2), CLIENT, evidence="MC-2026-005")
    e.book_media(_at(3, 3), AE, placement=date(2026, 3, 16), evidence="BK-2026-014")
    e.receive_prepayment(_at(3, 5), CLIENT, evidence="PAY-2026-031")
    e.approve_fee_list(_at(3, 9), CLIENT, evidence="FL-2026-006")
    e.place(_at(3, 23, 9), AE, start=date(2026, 3, 16), end=date(2026, 3, 22))
    e.report_execution(_at(3, 25, 17), AE, round=1)
    e.place(_at(4, 13, 9), AE, start=date(2026, 4, 6), end=date(2026, 4, 12))
    e.start_post_analysis(_at(4, 13, 10), LEAD)
    e.record(_at(4, 14), AE, "monitoring", evidence="MON-2026-002")
    e.report_execution(_at(4, 16, 17), AE, round=2)
    e.record(_at(4, 24), LEAD, "post_campaign_analysis", evidence="PCA-2026-001")
    e.close(_at(4, 27), LEAD)
    return e


def demo_portfolio(*, locale: str = "en") -> list[Engagement]:
    """The demo engagement and a second one still in creative (for obligations and status reports).

    ``locale`` is the language of the free text, as for :func:`demo_engagement`.

    Raises:
        UnknownLocaleError: a locale adservice does not render in.

    >>> [(e.client, e.stage.value) for e in demo_portfolio()]
    [('Huaxia Real Estate', 'closed'), ('Mingzhu Dairy', 'creative')]
    >>> [e.client for e in demo_portfolio(locale="zh_CN")]
    ['华夏地产', '明珠乳业']
    """
    w = DEMO_WORDS[normalize_locale(locale)]
    AE, LEAD, MANAGER, TEAM, SUN = w["ae"], w["lead"], w["manager"], w["team"], w["second_actor"]  # noqa: N806
    second = Engagement("上海-202603-明珠乳业-002", w["second_client"])
    t = _at(3, 2, 9)

    def step() -> datetime:
        nonlocal t
        t += timedelta(hours=3)
        return t

    second.receive_invitation(step(), SUN, evidence="INV-2026-014")
    second.record(step(), SUN, "question_list", evidence="QL-2026-014")
    second.record(step(), AE, "meeting_minutes", evidence="MM-2026-014")
    second.record(step(), LEAD, "internal_briefing")
    second.assign_team(step(), LEAD, team=TEAM)
    second.start_pitch(step(), LEAD)
    second.approve_quote(step(), MANAGER, quote="QT-2026-009", role="department_manager")
    second.submit_quote(step(), AE, quote="QT-2026-009")
    second.win(step(), SUN)
    second.sign_contract(step(), SUN, evidence="CT-2026-012")
    second.record(step(), LEAD, "project_plan")
    second.start_brief(step(), LEAD)
    second.receive_briefing(step(), SUN, contents=dict(w["second_briefing"]))
    second.record(step(), AE, "work_briefing", evidence="WB-2026-014")
    second.agree_strategy(step(), SUN, evidence="ST-2026-009")
    second.add_job_order(
        step(), AE, number="SH-202603-01", item="integrated_plan",
        description=w["second_plan"], creative_brief="CB-2026-015",
    )  # fmt: skip
    second.receive_work_order(step(), SUN, jobs=["SH-202603-01"], evidence="WO-2026-020")
    second.start_creative(step(), LEAD)
    return [demo_engagement(locale=locale), second]


def _events(e: Engagement) -> Iterator[dict[str, Any]]:
    for event in e.events:
        yield {
            "at": event.at.isoformat(),
            "actor": event.actor,
            "kind": event.kind,
            "payload": {k: v for k, v in event.payload.items() if k != "assessment"},
            "evidence": event.evidence,
        }


def _as_of(e: object, as_of: object) -> datetime:
    """``as_of``, or the engagement's last event; refuses what the demo's renderings cannot read."""
    if not isinstance(e, Engagement) or e.last_at is None:
        raise InvalidInputError(
            f"e must be an Engagement with events, such as demo_engagement() (got {brief(e)})."
        )
    return e.last_at if as_of is None else require_aware(as_of, "as_of")


def demo_report(e: Engagement, as_of: datetime | None = None) -> dict[str, Any]:
    """The demo as plain JSON-compatible data: events, plans, clocks, duties, waits, sign-offs.

    Raises:
        InvalidInputError: ``e`` is not an engagement with events, or ``as_of`` is not an aware datetime.
    """
    as_of = _as_of(e, as_of)
    clocks = {job: c.status(as_of).to_dict() for job, c in e.clocks().items()}
    assessed = {e.rushes.index(ev): a for ev, a in e.rush_assessments()}
    return {
        "engagement": e.id,
        "client": e.client,
        "stage": e.stage.value,
        "revision_rounds": e.revision_rounds,
        "events": list(_events(e)),
        "plans": {job: p.to_dict() for job, p in e.plans().items()},
        "clocks": clocks,
        "duties": [
            {"rule": d.rule_id, "what": d.what, "due": d.due.isoformat(), "because": d.because}
            for d in e.duties
        ],
        "waits": [
            {"start": w.start.isoformat(), "end": w.end.isoformat() if w.end else None, "reason": w.reason}
            for w in e.waits
        ],
        "sign_offs": {
            d: {"by": ev.actor, "document": ev.evidence, "at": ev.at.isoformat()}
            for d, ev in e.signoffs.items()
        },
        "steps": {
            job: [{"step": st.step, "state": st.state, "revisions": st.revisions} for st in steps]
            for job, steps in e.production_steps().items()
        },
        "rushes": [
            {"kind": r.kind, **{k: v for k, v in r.payload.items() if k not in {"assessment", "history"}}}
            | ({"outcome": assessed[i].outcome} if i in assessed else {})
            for i, r in enumerate(e.rushes)
        ],
    }


def demo_timeline_text(e: Engagement, as_of: datetime | None = None, *, locale: str = "en") -> str:
    """The demo as a readable timeline: every event, deadline, signature and whose time each delay was.

    In English, Chinese (``locale="zh_CN"``) or traditional Chinese (``"zh_TW"``); see
    ``adservice.present.timeline.engagement_timeline_text``.

    Raises:
        InvalidInputError: ``e`` is not an engagement with events, or ``as_of`` is not an aware datetime.
        UnknownLocaleError: a locale adservice does not render in.
    """
    as_of = _as_of(e, as_of)
    return engagement_timeline_text(e, as_of, locale=locale)
