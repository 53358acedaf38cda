"""The engagement walk and the naive baseline that benchmarks/lifecycle.py and portfolio.py share.

``walk`` drives one engagement from first visit to close (47 events, 10 stage changes):
invitation, intent documents, team, pitch, approved quote, contract, brief, work briefing,
strategy, job order, work order, four step approvals, internal review, one revision round
with its revision job order delivered, three written sign-offs, media confirmation,
booking, prepayment, fee list, two placement rounds, execution reports, post-campaign
analysis, close. ``naive_walk`` fires the same stage changes on one ``transitions.Machine``
per engagement, with the records between them as plain dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from transitions import Machine

from adservice.engagement import Engagement

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 9, tzinfo=TZ)
#: The first placement day of the walk, unless told otherwise.
PLACEMENT = date(2026, 5, 20)
TEAM = {
    "ae": "Li",
    "strategist": "Zhou",
    "copywriter": "Wu",
    "art_director": "Zheng",
    "project_director": "Chen",
}
A, C, M = "agency:Chen", "client:Wang", "agency:Zhang"
BRIEFING = {
    "company": "Huaxia",
    "product": "Phase II",
    "channels": "sales office",
    "targets": "young families",
    "competitors": "two projects nearby",
    "goals": "60% pre-sold",
    "budget": "CNY 8 million",
}
STEPS = ("creative_concept", "copy_and_layout", "final_art", "colour_proof")


def instants(base: datetime, n: int = 64, every: timedelta = timedelta(hours=1)) -> list[datetime]:
    """``n`` instants ``every`` apart from ``base``: the times of one walk."""
    return [base + every * k for k in range(n)]


def walk(e: Engagement, times: Iterable[datetime], placement: date = PLACEMENT) -> Engagement:
    """One engagement from first visit to close, an event at each instant of ``times``.

    Fewer instants than events stop the walk part-way: the event that finds no instant is not
    made (its ``next(t)`` raises ``StopIteration`` before the call), and ``e`` is returned as it is.
    """
    t = iter(times)
    try:
        e.receive_invitation(next(t), C, evidence="INV")
        e.record(next(t), C, "question_list", evidence="QL")
        e.record(next(t), A, "meeting_minutes")
        e.record(next(t), A, "internal_briefing")
        e.assign_team(next(t), A, team=TEAM)
        e.start_pitch(next(t), A)
        e.approve_quote(next(t), M, quote="Q1", role="department_manager")
        e.submit_quote(next(t), A, quote="Q1")
        e.win(next(t), C)
        e.sign_contract(next(t), C, evidence="CT")
        e.record(next(t), A, "project_plan")
        e.start_brief(next(t), A)
        e.receive_briefing(next(t), C, contents=BRIEFING)
        e.record(next(t), A, "work_briefing", evidence="WB")
        e.agree_strategy(next(t), C, evidence="ST")
        e.add_job_order(
            next(t), A, number="J1", item="print_single", description="one ad", creative_brief="CB"
        )
        e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
        e.start_creative(next(t), A)
        for step in STEPS:
            e.submit_step(next(t), A, job="J1", step=step)
            e.approve_step(next(t), C, job="J1", step=step, evidence="AP")
        e.record(next(t), A, "internal_review")
        e.submit_for_approval(next(t), A)
        e.request_revision(next(t), C, changes="bigger logo", evidence="RV")
        e.deliver(next(t), A, job="J1-R1")
        e.record(next(t), A, "internal_review")
        e.submit_for_approval(next(t), A)
        for d in ("media_plan", "creative", "quote"):
            e.sign_off(next(t), C, deliverable=d, evidence="S")
        e.start_media_booking(next(t), A)
        e.confirm_schedule(next(t), C, evidence="MS")
        e.book_media(next(t), A, placement=placement)
        e.receive_prepayment(next(t), C, evidence="PP")
        e.approve_fee_list(next(t), C, evidence="FL")
        e.place(next(t), A, start=placement, end=placement + timedelta(days=7))
        e.place(next(t), A, start=placement + timedelta(days=14), end=placement + timedelta(days=21))
        e.start_post_analysis(next(t), A)
        e.report_execution(next(t), A, round=1)
        e.report_execution(next(t), A, round=2)
        e.record(next(t), A, "post_campaign_analysis")
        e.close(next(t), A)
    except StopIteration:  # fewer instants: stopped part-way
        pass
    return e


#: Events in the full walk.
EVENTS = 47

# -- the naive baseline -------------------------------------------------------------

STATES = [
    "intent",
    "pitch",
    "contract",
    "brief",
    "creative",
    "approval",
    "media_booking",
    "post_analysis",
    "closed",
]
TABLE = [
    {"trigger": t, "source": s, "dest": d}
    for t, s, d in zip(
        [
            "start_pitch",
            "win",
            "start_brief",
            "start_creative",
            "submit",
            "start_media",
            "start_post",
            "close",
        ],
        STATES[:-1],
        STATES[1:],
        strict=True,
    )
] + [{"trigger": "revise", "source": "approval", "dest": "creative"}]
#: The walk's stage changes, in order.
PATH = [
    "start_pitch",
    "win",
    "start_brief",
    "start_creative",
    "submit",
    "revise",
    "submit",
    "start_media",
    "start_post",
    "close",
]


class NaiveModel:
    def __init__(self) -> None:
        self.log: list[dict[str, object]] = []


def naive_machine(model: object | None) -> Machine:
    """A ``transitions.Machine`` of the walk's stages (``model=None``: for ``add_model``)."""
    return Machine(model=model, states=STATES, transitions=TABLE, initial="intent", auto_transitions=False)


def naive_walk(model: NaiveModel, times: list[datetime]) -> None:
    """The walk's stage changes on ``model``, with three records before each as plain dicts."""
    for i, trigger in enumerate(PATH):
        for k in range(3):
            model.log.append({"at": times[i * 3 + k], "kind": "record", "actor": C})
        getattr(model, trigger)()
