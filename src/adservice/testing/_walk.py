"""Private: the walk behind :func:`adservice.testing.strategies.engagements`: one engagement driven through
its lifecycle by the real ``Engagement`` methods, every choice and gap in time drawn by Hypothesis.

Needs ``hypothesis``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from hypothesis import strategies as st

from adservice.calendar.workcalendar import WorkCalendar
from adservice.engagement.lifecycle import DELIVERABLES, Engagement
from adservice.engagement.table import ACTIVE_STAGES, Stage
from adservice.rulebook.book import Rulebook

__all__ = ["AE", "CLIENT", "CLIENTS", "LEAD", "MANAGER", "TEAM", "Step", "Walk", "walked_engagements"]

CLIENTS = ("Huaxia Real Estate", "Mingzhu Dairy", "Jinling Motors", "Xinghai Telecom")
AE = "agency:Li Na (AE)"
LEAD = "agency:Chen Hao (project director)"
MANAGER = "agency:Zhang Min (department manager)"
CLIENT = "client:Wang Lei (marketing director)"
TEAM = {
    "ae": "Li Na",
    "strategist": "Zhou Qi",
    "copywriter": "Wu Fang",
    "art_director": "Zheng Yu",
    "project_director": "Chen Hao",
}

# -- engagements ------------------------------------------------------------------------------

Step = tuple[Callable[[], object], bool]  # (do it, does it change the stage)


class Walk:
    """Drives one engagement through the lifecycle, drawing every choice and every gap in time."""

    def __init__(self, draw: st.DrawFn, engagement: Engagement, at: datetime, max_gap_hours: int) -> None:
        self.draw = draw
        self.e = engagement
        self.at = at
        self.gap = st.integers(min_value=1, max_value=max_gap_hours * 60)
        self.jobs: list[str] = []
        self.delivered: set[str] = set()

    def tick(self) -> datetime:
        """Move the walk's clock on by a drawn number of minutes and return the new instant."""
        self.at += timedelta(minutes=self.draw(self.gap, label="minutes later"))
        return self.at

    def maybe(self, what: str) -> bool:
        """Draw whether to do ``what`` (the label Hypothesis shows when it shrinks)."""
        return self.draw(st.booleans(), label=what)

    # -- one list of actions per stage; the last one moves on -------------------------------

    def actions(self, stage: Stage) -> list[Step]:
        """The drawn actions of ``stage``, in order; the last one moves the engagement on."""
        e, tick = self.e, self.tick
        out: list[Step] = []
        if self.maybe("hold"):
            out.append((lambda: e.hold(tick(), CLIENT, reason="client's team away"), True))
            out.append((lambda: e.resume(tick(), CLIENT), True))
        if self.maybe("meeting"):
            call = self.maybe("by phone")
            out.append((lambda: e.meeting(tick(), AE, about="progress", call=call), False))
        builder = getattr(self, f"_{stage.value}")
        out.extend(builder())
        return out

    def _intent(self) -> list[Step]:
        e, tick = self.e, self.tick
        out: list[Step] = [
            (lambda: e.receive_invitation(tick(), CLIENT, evidence="INV-1"), False),
            (lambda: e.record(tick(), CLIENT, "question_list", evidence="QL-1"), False),  # L7
            (lambda: e.record(tick(), AE, "meeting_minutes", evidence="MM-1"), False),  # L8
            (lambda: e.record(tick(), LEAD, "internal_briefing"), False),  # L9
        ]
        out.append((lambda: e.assign_team(tick(), LEAD, team=TEAM), False))
        out.append((lambda: e.start_pitch(tick(), LEAD), True))
        return out

    def _pitch(self) -> list[Step]:
        e, tick = self.e, self.tick
        return [
            (lambda: e.approve_quote(tick(), MANAGER, quote="QT-1", role="department_manager"), False),
            (lambda: e.submit_quote(tick(), AE, quote="QT-1"), False),
            (lambda: e.win(tick(), CLIENT, evidence="LTR-1"), True),
        ]

    def _contract(self) -> list[Step]:
        e, tick = self.e, self.tick
        return [
            (lambda: e.sign_contract(tick(), CLIENT, evidence="CT-1"), False),
            (lambda: e.record(tick(), LEAD, "project_plan", evidence="PP-1"), False),
            (lambda: e.start_brief(tick(), LEAD), True),
        ]

    def _brief(self) -> list[Step]:
        e, tick = self.e, self.tick
        keys = sorted(e.rulebook.items)
        count = self.draw(st.integers(min_value=1, max_value=3), label="job orders")
        chosen = [self.draw(st.sampled_from(keys), label="item") for _ in range(count)]
        jobs = [f"J-{i + 1:02d}" for i in range(count)]
        self.jobs = jobs
        out: list[Step] = [
            (lambda: e.receive_briefing(tick(), CLIENT, contents=self._briefing()), False),  # L14
            (lambda: e.record(tick(), AE, "work_briefing", evidence="WB-1"), False),  # L10
            (lambda: e.agree_strategy(tick(), CLIENT, evidence="ST-1"), False),
        ]
        for number, item in zip(jobs, chosen, strict=True):
            out.append((self._job_order(number, item), False))
            if self._needs_estimate(item):  # issue 11 §6: E1 before the work order
                out.append((partial(self._estimate, number), False))
        out.append((lambda: e.receive_work_order(tick(), CLIENT, jobs=jobs, evidence="WO-1"), False))
        out.append((lambda: e.start_creative(tick(), LEAD), True))
        return out

    def _briefing(self) -> dict[str, str]:
        """The client's marketing briefing on every topic the rulebook's L14 names."""
        book = self.e.rulebook
        topics = book.param("L14", "topics") if "L14" in book.rules else ("company",)
        return {topic: f"{self.e.client}: {topic}" for topic in topics}

    def _steps(self, job: str) -> None:
        """The client approves each production step of ``job`` in writing (G5), sending one back now
        and then (L11: its revision job order is delivered before the step goes back)."""
        e = self.e
        for step in e.production_steps().get(job, ())[:-1]:
            e.submit_step(self.tick(), AE, job=job, step=step.step)
            if self.maybe(f"send {step.step} back"):
                e.refuse_step(
                    self.tick(),
                    CLIENT,
                    job=job,
                    step=step.step,
                    changes="the client's notes",
                    evidence="RV-S",
                )
                self._deliver_revisions()
                e.submit_step(self.tick(), AE, job=job, step=step.step)
            e.approve_step(self.tick(), CLIENT, job=job, step=step.step, evidence=f"AP-{step.step}")

    def _deliver_revisions(self) -> None:
        """Deliver every revision job order not delivered yet (L11)."""
        for number, order in self.e.job_orders.items():
            if order.revision and number not in {d.payload["job"] for d in self.e.delivered}:
                self.e.deliver(self.tick(), AE, job=number, evidence=f"DL-{number}")

    def _needs_estimate(self, item: str) -> bool:
        rule = self.e.rulebook.rules.get("E1")
        if rule is None or not rule.enabled:
            return False
        items = self.e.rulebook.param("E1", "items")
        return "all" in items or item in items

    def _estimate(self, job: str) -> None:
        e, role = self.e, self.e.rulebook.param("E1", "approvers")[0]
        e.submit_estimate(
            self.tick(), AE, job=job, estimate=f"EST-{job}", amount=1000, quantities={"pieces": 1}
        )
        e.approve_estimate(self.tick(), LEAD, job=job, role=role)
        e.sign_estimate(self.tick(), CLIENT, job=job, evidence=f"EST-{job}-S")

    def _job_order(self, number: str, item: str) -> Callable[[], object]:
        return lambda: self.e.add_job_order(
            self.tick(), AE, number=number, item=item, description="the work", creative_brief="CB-1"
        )

    def _rush(self, job: str) -> None:
        e = self.e
        p = e.plans()[job]
        span = max(e.calendar.working_days_between(p.day0, p.due_date), 1)
        k = self.draw(st.integers(min_value=1, max_value=span), label="rushed working days")
        e.request_rush(
            self.tick(), CLIENT, job=job, requested_due_date=e.calendar.add_working_days(p.day0, k)
        )
        wanted = self.maybe("accept the rush")
        feasible = e.rush_assessments()[-1][1].outcome != "infeasible"  # T8: never below the hard floor
        e.decide_rush(self.tick(), LEAD, job=job, accept=wanted and feasible)

    def _deliver(self, job: str) -> None:
        if job not in self.delivered:
            self.delivered.add(job)
            self.e.deliver(self.tick(), AE, job=job, evidence=f"DL-{job}")

    def _creative(self) -> list[Step]:
        e, tick = self.e, self.tick
        out: list[Step] = []
        for job in self.jobs:
            out.append((partial(self._steps, job), False))
            if self.maybe(f"rush {job}"):
                out.append((partial(self._rush, job), False))
            if self.maybe(f"deliver {job} in creative"):
                out.append((partial(self._deliver, job), False))
        out.append((lambda: e.record(tick(), LEAD, "internal_review"), False))
        out.append((lambda: e.submit_for_approval(tick(), AE), True))
        return out

    def _approval(self) -> list[Step]:
        e, tick = self.e, self.tick
        out: list[Step] = []
        for round_ in range(self.draw(st.integers(min_value=0, max_value=2), label="revision rounds")):
            out.append((partial(self._request_revision, round_ + 1), True))
            out.append((self._deliver_revisions, False))
            out.append((lambda: e.record(tick(), LEAD, "internal_review"), False))
            out.append((lambda: e.submit_for_approval(tick(), AE), True))
        for deliverable in DELIVERABLES:
            out.append((partial(self._sign_off, deliverable), False))
        for job in self.jobs:
            out.append((partial(self._deliver, job), False))
        out.append((lambda: e.start_media_booking(tick(), LEAD), True))
        return out

    def _request_revision(self, round_: int) -> None:
        self.e.request_revision(
            self.tick(), CLIENT, changes=f"round {round_} of the client's changes", evidence=f"RV-{round_}"
        )

    def _sign_off(self, deliverable: str) -> None:
        self.e.sign_off(self.tick(), CLIENT, deliverable=deliverable, evidence=f"SO-{deliverable}")

    def _report(self, round_: int) -> None:
        self.e.report_execution(self.tick(), AE, round=round_)

    def _media_booking(self) -> list[Step]:
        e, tick = self.e, self.tick
        lead = self.draw(st.integers(min_value=7, max_value=30), label="days to placement")
        rounds = self.draw(st.integers(min_value=1, max_value=2), label="placement rounds")
        state: dict[str, date] = {}

        def book() -> None:
            at = tick()
            state["next"] = at.astimezone(e.calendar.tz).date() + timedelta(days=lead)
            e.book_media(at, AE, placement=state["next"], evidence="BK-1")

        def place() -> None:
            start = state["next"]
            end = start + timedelta(
                days=self.draw(st.integers(min_value=0, max_value=13), label="round length")
            )
            self.at = max(self.at, e.calendar.close_of_business(end))
            e.place(tick(), AE, start=start, end=end)
            state["next"] = end + timedelta(days=self.draw(st.integers(1, 14), label="days between rounds"))

        out: list[Step] = [
            (lambda: e.confirm_schedule(tick(), CLIENT, evidence="MC-1"), False),
            (book, False),
            (lambda: e.receive_prepayment(tick(), CLIENT, evidence="PAY-1"), False),
            (lambda: e.approve_fee_list(tick(), CLIENT, evidence="FL-1"), False),
        ]
        out.extend((place, False) for _ in range(rounds))
        out.append((lambda: e.start_post_analysis(tick(), LEAD), True))
        return out

    def _post_analysis(self) -> list[Step]:
        e, tick = self.e, self.tick
        out: list[Step] = []
        if self.maybe("monitoring"):
            out.append((lambda: e.record(tick(), AE, "monitoring"), False))
        out.extend((partial(self._report, n), False) for n in range(1, len(e.placements) + 1))
        out.append((lambda: e.record(tick(), LEAD, "post_campaign_analysis", evidence="PCA-1"), False))
        out.append((lambda: e.close(tick(), LEAD), True))
        return out

    # -- walking ------------------------------------------------------------------------------

    def advance(self) -> None:
        """Run every action of the current stage, ending with the one that moves it on."""
        for action, _ in self.actions(self.e.stage):
            action()

    def linger(self) -> None:
        """Run a random prefix of the current stage's actions that leaves the stage where it is."""
        if self.e.stage in {Stage.CLOSED, Stage.LOST, Stage.CANCELLED, Stage.ON_HOLD}:
            return
        steady = []
        for action, moves in self.actions(self.e.stage):
            if moves:
                break
            steady.append(action)
        for action in steady[: self.draw(st.integers(min_value=0, max_value=len(steady)), label="records")]:
            action()

    def reach(self, stage: Stage) -> None:
        """Advance stage by stage until the engagement is in ``stage``."""
        order: list[Stage] = [*ACTIVE_STAGES, Stage.CLOSED]
        while order.index(self.e.stage) < order.index(stage):
            self.advance()


@st.composite
def walked_engagements(
    draw: st.DrawFn,
    *,
    calendar: WorkCalendar,
    rulebook: Rulebook | None,
    stages: tuple[Stage, ...],
    start: st.SearchStrategy[datetime],
    max_gap_hours: int,
) -> Engagement:
    """One engagement walked to a drawn stage of ``stages`` (behind ``strategies.engagements``)."""
    target = draw(st.sampled_from(stages), label="stage")
    number = draw(st.integers(min_value=1, max_value=999), label="engagement number")
    client = draw(st.sampled_from(CLIENTS), label="client")
    e = Engagement(f"E-{number:03d}", client, calendar=calendar, rulebook=rulebook)
    walk = Walk(draw, e, draw(start, label="start"), max_gap_hours)
    if target is Stage.LOST:
        walk.reach(Stage.PITCH)
        walk.linger()
        e.lose(walk.tick(), CLIENT)
    elif target in (Stage.CANCELLED, Stage.ON_HOLD):
        walk.reach(draw(st.sampled_from(ACTIVE_STAGES), label="from stage"))
        walk.linger()
        if target is Stage.ON_HOLD or walk.maybe("hold before cancelling"):
            e.hold(walk.tick(), CLIENT, reason="client's budget frozen")
        if target is Stage.CANCELLED:
            e.cancel(walk.tick(), CLIENT, reason="the client withdrew")
    else:
        walk.reach(target)
        walk.linger()
    return e
