"""Engagement lifecycle: the table, every gate's refusal, errors, the log, replay and a stateful model."""

from __future__ import annotations

import copy
import gc
import json
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, ClassVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from adservice.engagement import (
    FINAL_STAGES,
    MACHINE,
    NEXT,
    TRANSITIONS,
    Engagement,
    Stage,
    allowed_triggers,
    lifecycle_mermaid,
)
from adservice.errors import (
    AdServiceError,
    ChronologyError,
    GateNotMet,
    InvalidChoiceError,
    NaiveDatetimeError,
    SchemaError,
    SignOffError,
    TransitionNotAllowed,
)
from adservice.kernel import Event
from adservice.rulebook import Rulebook

from .lifecycle_walk import (
    BRIEFING,
    START,
    TEAM,
    A,
    C,
    clock,
    to_approval,
    to_booking,
    to_brief,
    to_closed,
    to_pitch,
)


def fresh() -> Engagement:
    return Engagement("E-1", "Huaxia Real Estate")


def snapshot(e: Engagement) -> str:
    return json.dumps(e.to_dict(), sort_keys=True) + e.stage.value


# -- the table -------------------------------------------------------------------


def test_table_is_the_machine() -> None:
    for t in TRANSITIONS:
        moves = MACHINE.events[t.trigger].transitions[t.source.value]
        assert t.dest.value in [m.dest for m in moves]
        if t.trigger != "resume":  # resume returns where hold came from; the machine lists one row
            assert t in NEXT[(t.source, t.trigger)]
    for stage in FINAL_STAGES:
        assert allowed_triggers(stage) == ()
    assert "request_revision" in allowed_triggers(Stage.APPROVAL)


def test_mermaid_is_drawn_from_the_table() -> None:
    text = lifecycle_mermaid()
    assert text.startswith("stateDiagram-v2\n    [*] --> intent")
    assert "approval --> creative: request_revision" in text
    assert "closed --> [*]" in text
    full = lifecycle_mermaid(holds=True)
    assert "creative --> on_hold: hold" in full and "on_hold --> creative: resume" in full


# -- the whole walk --------------------------------------------------------------


def test_whole_lifecycle() -> None:
    e = to_closed(fresh(), clock())
    assert e.stage is Stage.CLOSED
    assert e.allowed_triggers() == ()
    assert e.revision_rounds == 0
    o7, o5 = e.duties
    assert (o7.rule_id, o7.due.isoformat()) == ("O7", "2026-05-14T17:00:00+08:00")  # 6 days before 05-20
    assert (o5.rule_id, o5.due.isoformat()) == ("O5", "2026-05-30T17:00:00+08:00")  # 72 h after round 1
    assert e.signoffs["creative"].actor == C and e.signoffs["creative"].evidence == "S-creative"
    assert e.has("contract") and "prepayment" in e.documents


def test_fee_list_rolls_back_to_a_working_day() -> None:
    t = clock()
    e = to_booking(fresh(), t)
    e.confirm_schedule(next(t), C, evidence="MS")
    e.book_media(next(t), A, placement=date(2026, 10, 12))  # 6 days before: Tue 10-06, National Day
    assert e.duties[-1].due.date() == date(2026, 9, 30)


def test_revision_loop_counts_rounds_and_opens_revision_job_orders() -> None:
    t = clock()
    e = to_approval(fresh(), t)
    e.sign_off(next(t), C, deliverable="creative", evidence="S1")
    refused(e, lambda: e.request_revision(next(t), C, changes="bigger logo"), GateNotMet, "L12")
    e.request_revision(next(t), C, changes="bigger logo", evidence="RV-1")
    assert e.stage is Stage.CREATIVE and e.revision_rounds == 1
    assert "creative" not in e.signoffs  # the revised work needs a new sign-off
    assert e.job_orders["J1-R1"].revision == 1 and e.job_orders["J1"].revision == 0
    e.record(next(t), A, "internal_review")
    refused(e, lambda: e.submit_for_approval(next(t), A), GateNotMet, "L11")
    e.deliver(next(t), A, job="J1-R1")
    e.submit_for_approval(next(t), A)
    e.request_revision(next(t), C, changes="warmer colours", jobs=["J1"], evidence="RV-2")
    assert e.revision_rounds == 2 and "J1-R2" in e.job_orders
    assert [w.reason for w in e.waits if w.kind == "sign_off"] == ["waiting on client sign-off"] * 2
    assert all(w.end is not None for w in e.waits)


def test_hold_returns_to_the_stage_it_left() -> None:
    t = clock()
    e = to_brief(fresh(), t)
    e.hold(next(t), C, reason="client on Spring Festival leave")
    assert e.stage is Stage.ON_HOLD and e.held_from is Stage.BRIEF
    with pytest.raises(TransitionNotAllowed):
        e.agree_strategy(next(t), C, evidence="ST")
    e.resume(next(t), C)
    assert e.stage is Stage.BRIEF and e.waits[-1].end is not None
    e.cancel(next(t), C, reason="budget cut")
    assert e.stage is Stage.CANCELLED


def test_lose() -> None:
    e = to_pitch(fresh(), clock())
    e.lose(START + timedelta(days=3), A)
    assert e.stage is Stage.LOST and e.allowed_triggers() == ()


# -- every gate refuses, and refusing changes nothing --------------------------------


def refused(e: Engagement, call, error: type[AdServiceError], *rules: str) -> AdServiceError:  # type: ignore[no-untyped-def]
    before = snapshot(e)
    with pytest.raises(error) as info:
        call()
    assert snapshot(e) == before
    if isinstance(info.value, GateNotMet):
        assert [m.rule_id for m in info.value.missing] == list(rules)
    return info.value


def test_gate_to_pitch() -> None:
    e, t = fresh(), clock()
    refused(e, lambda: e.start_pitch(next(t), A), GateNotMet, "L1", "G7", "L7", "L8", "L9")
    e.receive_invitation(next(t), C, evidence="INV")
    e.record(next(t), C, "question_list", evidence="QL")
    e.record(next(t), A, "meeting_minutes")
    e.record(next(t), A, "internal_briefing")
    e.assign_team(next(t), A, team={k: v for k, v in TEAM.items() if k != "project_director"})
    err = refused(e, lambda: e.start_pitch(next(t), A), GateNotMet, "G7")
    assert "a lead" in str(err)


def test_gate_quote_g6() -> None:
    e, t = to_pitch(fresh(), clock()), clock(START + timedelta(days=1))
    refused(e, lambda: e.win(next(t), C), GateNotMet, "G6", "G6")
    refused(e, lambda: e.submit_quote(next(t), A, quote="Q1"), GateNotMet, "G6")
    refused(e, lambda: e.approve_quote(next(t), A, quote="Q1", role="ae"), SignOffError)
    e.approve_quote(next(t), A, quote="Q1", role="department_manager")
    refused(e, lambda: e.win(next(t), C), GateNotMet, "G6")


def test_gate_brief() -> None:
    t = clock()
    e = to_pitch(fresh(), t)
    e.approve_quote(next(t), A, quote="Q", role="department_manager")
    e.submit_quote(next(t), A, quote="Q")
    e.win(next(t), C)
    refused(e, lambda: e.start_brief(next(t), A), GateNotMet, "L2", "G7")
    refused(e, lambda: e.sign_contract(next(t), A, evidence="CT"), SignOffError)


def test_gate_creative_g1_g2_g3() -> None:
    t = clock()
    e = to_brief(fresh(), t)
    refused(e, lambda: e.start_creative(next(t), A), GateNotMet, "L3", "G1", "G2", "G3", "L10")
    refused(
        e,
        lambda: e.add_job_order(
            next(t), A, number="J1", item="print_single", description=" ", creative_brief="x"
        ),
        GateNotMet,
        "G2",
    )
    refused(
        e,
        lambda: e.add_job_order(next(t), A, number="J1", item="poster", description="x", creative_brief="x"),
        AdServiceError,
    )
    refused(e, lambda: e.receive_work_order(next(t), C, jobs=["J9"], evidence="WO"), AdServiceError)


def test_gate_media_booking_g8_and_sign_off_party() -> None:
    t = clock()
    e = to_approval(fresh(), t)
    err = refused(e, lambda: e.start_media_booking(next(t), A), GateNotMet, "G8")
    assert "media_plan, creative, quote" in str(err)
    refused(e, lambda: e.sign_off(next(t), A, deliverable="creative", evidence="S"), SignOffError)
    refused(e, lambda: e.sign_off(next(t), C, deliverable="logo", evidence="S"), InvalidChoiceError)
    refused(e, lambda: e.request_revision(next(t), A, changes="x"), SignOffError)


def test_gates_in_media_booking_g4_g10_o7() -> None:
    t = clock()
    e = to_booking(fresh(), t)
    refused(e, lambda: e.book_media(next(t), A, placement=date(2026, 5, 20)), GateNotMet, "G4")
    refused(e, lambda: e.start_post_analysis(next(t), A), GateNotMet, "G4", "L5", "G10", "O7", "L5")
    e.confirm_schedule(next(t), C, evidence="MS")
    e.book_media(next(t), A, placement=date(2026, 5, 20))
    refused(
        e,
        lambda: e.place(next(t), A, start=date(2026, 5, 20), end=date(2026, 5, 27)),
        GateNotMet,
        "G10",
        "O7",
    )


def test_gate_close_o5() -> None:
    t = clock()
    e = to_booking(fresh(), t)
    e.confirm_schedule(next(t), C, evidence="MS")
    e.book_media(next(t), A, placement=date(2026, 5, 20))
    e.receive_prepayment(next(t), C, evidence="PP")
    e.approve_fee_list(next(t), C, evidence="FL")
    e.place(next(t), A, start=date(2026, 5, 20), end=date(2026, 5, 27))
    e.place(next(t), A, start=date(2026, 6, 3), end=date(2026, 6, 10))
    e.start_post_analysis(next(t), A)
    e.report_execution(next(t), A, round=2)
    err = refused(e, lambda: e.close(next(t), A), GateNotMet, "O5", "L6")
    assert "placement rounds 1" in str(err)


def test_disabled_gate_is_not_checked() -> None:
    book = Rulebook.standard()
    for rid in ("L1", "L7", "L8", "L9"):
        book = book.without(rid)
    e = Engagement("E", "c", rulebook=book)
    t = clock()
    e.assign_team(next(t), A, team=TEAM)
    e.start_pitch(next(t), A)
    assert e.stage is Stage.PITCH


def test_other_refusals() -> None:
    e, t = fresh(), clock()
    err = refused(e, lambda: e.win(next(t), C), TransitionNotAllowed)
    assert isinstance(err, TransitionNotAllowed) and err.stage == "intent" and "start_pitch" in err.allowed
    e.receive_invitation(START + timedelta(days=1), C, evidence="INV")
    refused(e, lambda: e.record(START, A, "question_list"), ChronologyError)
    refused(e, lambda: e.record(datetime(2026, 3, 5, 9), A, "question_list"), NaiveDatetimeError)
    refused(e, lambda: e.record(START + timedelta(days=2), "Chen", "question_list"), AdServiceError)
    refused(e, lambda: e.record(START + timedelta(days=2), A, "diary"), InvalidChoiceError)
    refused(e, lambda: e.sign_contract(START + timedelta(days=2), C, evidence="CT"), TransitionNotAllowed)


# -- serialisation and replay -----------------------------------------------------------


def test_round_trip_and_replay() -> None:
    e = to_closed(fresh(), clock())
    data = json.loads(json.dumps(e.to_dict()))
    again = Engagement.from_dict(data)
    assert again == e and again.duties == e.duties and again.stage is Stage.CLOSED
    assert Engagement.replay(e.events, id=e.id, client=e.client) == e
    custom = Engagement("E-2", "c", rulebook=Rulebook.standard().choose(meeting_report="O3"))
    custom.meeting(START, A, about="kick-off")
    assert Engagement.from_dict(json.loads(json.dumps(custom.to_dict()))).duties[0].rule_id == "O3"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(schema=99),
        lambda d: d.update(extra=1),
        lambda d: d.pop("events"),
        lambda d: d.update(events="[]"),
        lambda d: d["events"][0].update(at="2026-03-02T10:00"),
        lambda d: d["events"][0].update(surprise=True),
        lambda d: d["events"][3].update(kind="close"),
        lambda d: d["events"].reverse(),
        lambda d: d["events"].pop(1),
        lambda d: d["events"][6].update(actor="agency:Chen"),  # the contract "signed" by the agency
        lambda d: d["calendar"].update(region="XX"),
        lambda d: d.update(id=5),
    ],
)
def test_tampered_data_is_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(to_closed(fresh(), clock()).to_dict()))
    tamper(data)
    with pytest.raises(SchemaError):
        Engagement.from_dict(data)


# -- stateful model ----------------------------------------------------------------------

JOBS = st.sampled_from(["J1", "J2"])


_ACTIVE = ("intent", "pitch", "contract", "brief", "creative", "approval", "media_booking", "post_analysis")
#: The model's own lifecycle (SPEC §6), written here and not read from the code under test:
#: trigger -> (from stage, to stage, what the model must hold for the move).
_MOVES: dict[str, tuple[str, str, Callable[[Any], bool]]] = {
    "start_pitch": (
        "intent",
        "pitch",
        lambda m: {"invitation", "team", "question_list", "meeting_minutes", "internal_briefing"} <= m.docs,
    ),
    "win": ("pitch", "contract", lambda m: {"quote_approved", "quote_submitted"} <= m.docs),
    "lose": ("pitch", "lost", lambda m: True),
    "start_brief": ("contract", "brief", lambda m: {"contract", "team", "project_plan"} <= m.docs),
    "start_creative": (
        "brief",
        "creative",
        lambda m: (
            {"client_briefing", "strategy", "work_order", "work_briefing"} <= m.docs
            and bool(m.jobs)
            and all(m.jobs.values())
        ),
    ),
    "submit_for_approval": (
        "creative",
        "approval",
        lambda m: (
            "internal_review" in m.docs
            and all(m.approved.get(j, 0) == len(_STEPS) for j in m.ordered)  # G5
            and not m.open_revisions  # L11
        ),
    ),
    "request_revision": ("approval", "creative", lambda m: True),
    "start_media_booking": (
        "approval",
        "media_booking",
        lambda m: {"media_plan", "creative", "quote"} <= m.signed,
    ),
    "start_post_analysis": (
        "media_booking",
        "post_analysis",
        lambda m: {"schedule", "booked", "prepaid", "fee_list"} <= m.docs and m.rounds > 0,
    ),
    "close": (
        "post_analysis",
        "closed",
        lambda m: m.reported == set(range(1, m.rounds + 1)) and "analysis" in m.docs,
    ),
}
_MB, _PA = "media_booking", "post_analysis"
#: The steps of a print job the client approves one by one (G5), the model's own list.
_STEPS = ("creative_concept", "copy_and_layout", "final_art", "colour_proof")
#: The model's own records: kind -> (stages, who must act, what must already hold, the document it adds).
_RECORDS: dict[str, tuple[tuple[str, ...], str | None, frozenset[str], str | None]] = {
    "receive_invitation": (("intent",), "client", frozenset(), "invitation"),
    "question_list": (("intent",), None, frozenset(), "question_list"),
    "meeting_minutes": (("intent", "pitch"), None, frozenset(), "meeting_minutes"),
    "internal_briefing": (("intent",), None, frozenset(), "internal_briefing"),
    "work_briefing": (("brief",), None, frozenset(), "work_briefing"),
    "assign_team": (_ACTIVE, "agency", frozenset(), "team"),
    "approve_quote": (("pitch", "approval"), "agency", frozenset(), "quote_approved"),
    "submit_quote": (("pitch", "approval"), "agency", frozenset({"quote_approved"}), "quote_submitted"),
    "sign_contract": (("contract",), "client", frozenset(), "contract"),
    "project_plan": (("contract",), None, frozenset(), "project_plan"),
    "receive_briefing": (("brief",), None, frozenset(), "client_briefing"),
    "agree_strategy": (("brief",), "client", frozenset(), "strategy"),
    "internal_review": (("creative",), "agency", frozenset(), "internal_review"),
    "confirm_schedule": ((_MB,), "client", frozenset(), "schedule"),
    "book_media": ((_MB,), "agency", frozenset({"schedule"}), "booked"),
    "receive_prepayment": ((_MB,), "client", frozenset(), "prepaid"),
    "approve_fee_list": ((_MB,), "client", frozenset(), "fee_list"),
    "place": ((_MB,), "agency", frozenset({"booked", "prepaid", "fee_list"}), None),
    "report_execution": ((_MB, _PA), "agency", frozenset(), None),
    "post_campaign_analysis": ((_PA,), None, frozenset(), "analysis"),
}


class LifecycleModel(RuleBasedStateMachine):
    """Random calls, valid or not, checked against the model's OWN account of the engagement.

    The model keeps which documents exist, its own stage, job orders, sign-offs, placement
    rounds and reports, and derives from its own tables (``_MOVES``, ``_RECORDS``) whether each
    call must be accepted or refused; the code under test is never asked. After every step the
    engagement must be in the model's stage, and round-trip (JSON, replay, as_of) to an equal one.
    """

    reached: ClassVar[set[str]] = set()

    def __init__(self) -> None:
        super().__init__()
        self.e = fresh()
        self.t = clock()
        self.stage = "intent"
        self.held_from = "intent"
        self.docs: set[str] = set()
        self.jobs: dict[str, bool] = {}
        self.signed: set[str] = set()
        self.rounds = 0
        self.reported: set[int] = set()
        self.ordered: set[str] = set()  # jobs under a written work order
        self.approved: dict[str, int] = {}  # job -> how many of its steps the client approved (G5)
        self.open_revisions: set[str] = set()  # revision job orders not delivered (L11)
        self.revised: dict[str, int] = {}

    def attempt(
        self, expected: bool, call: Callable[[], object], effect: Callable[[], None], what: str
    ) -> None:
        before = snapshot(self.e)
        try:
            call()
        except AdServiceError as refusal:
            assert not expected, f"{what} was refused though the model allows it: {refusal}"
            assert snapshot(self.e) == before, "a refusal changed the engagement"
            return
        assert expected, (
            f"{what} was accepted though the model refuses it (stage {self.stage}, docs {self.docs})"
        )
        effect()
        assert self.e.stage.value == self.stage, (
            f"{what}: engagement in {self.e.stage}, model in {self.stage}"
        )
        LifecycleModel.reached.add(self.stage)

    def move(self, trigger: str, actor: str) -> None:
        if trigger == "hold":
            ok, dest = self.stage in _ACTIVE, "on_hold"
        elif trigger == "resume":
            ok, dest = self.stage == "on_hold", self.held_from
        elif trigger == "cancel":
            ok, dest = self.stage in (*_ACTIVE, "on_hold"), "cancelled"
        else:
            source, dest, holds = _MOVES[trigger]
            ok = self.stage == source and holds(self)
            if trigger == "request_revision":
                ok = ok and actor.startswith("client:")

        def effect() -> None:
            if trigger == "hold":
                self.held_from = self.stage
            if trigger == "request_revision":
                self.signed.discard("creative")
                self.docs.discard("internal_review")
                for job in sorted(self.ordered):  # a revision job order per ordered job (L11)
                    self.revised[job] = self.revised.get(job, 0) + 1
                    self.open_revisions.add(f"{job}-R{self.revised[job]}")
            self.stage = dest

        kwargs: dict[str, Any] = {}
        if trigger in ("request_revision",):
            kwargs["changes"] = "x"
            kwargs["evidence"] = "RV"
        if trigger == "cancel":
            kwargs["reason"] = "budget"
        self.attempt(ok, lambda: getattr(self.e, trigger)(next(self.t), actor, **kwargs), effect, trigger)

    def record(self, kind: str, actor: str) -> None:
        stages, party, needs, adds = _RECORDS[kind]
        ok = self.stage in stages and (party is None or actor.startswith(f"{party}:")) and needs <= self.docs
        if kind == "report_execution":
            ok = ok and self.rounds >= 1
        e, t = self.e, self.t
        calls: dict[str, Callable[[], object]] = {
            "receive_invitation": lambda: e.receive_invitation(next(t), actor, evidence="INV"),
            "assign_team": lambda: e.assign_team(next(t), actor, team=TEAM),
            "approve_quote": lambda: e.approve_quote(next(t), actor, quote="Q", role="department_manager"),
            "submit_quote": lambda: e.submit_quote(next(t), actor, quote="Q"),
            "sign_contract": lambda: e.sign_contract(next(t), actor, evidence="CT"),
            "project_plan": lambda: e.record(next(t), actor, "project_plan"),
            "question_list": lambda: e.record(next(t), actor, "question_list", evidence="QL"),
            "meeting_minutes": lambda: e.record(next(t), actor, "meeting_minutes"),
            "internal_briefing": lambda: e.record(next(t), actor, "internal_briefing"),
            "work_briefing": lambda: e.record(next(t), actor, "work_briefing", evidence="WB"),
            "receive_briefing": lambda: e.receive_briefing(next(t), actor, contents=BRIEFING),
            "agree_strategy": lambda: e.agree_strategy(next(t), actor, evidence="ST"),
            "internal_review": lambda: e.record(next(t), actor, "internal_review"),
            "confirm_schedule": lambda: e.confirm_schedule(next(t), actor, evidence="MS"),
            "book_media": lambda: e.book_media(next(t), actor, placement=date(2026, 6, 1)),
            "receive_prepayment": lambda: e.receive_prepayment(next(t), actor, evidence="PP"),
            "approve_fee_list": lambda: e.approve_fee_list(next(t), actor, evidence="FL"),
            "place": lambda: e.place(next(t), actor, start=date(2026, 6, 1), end=date(2026, 6, 7)),
            "report_execution": lambda: e.report_execution(next(t), actor, round=1),
            "post_campaign_analysis": lambda: e.record(next(t), actor, "post_campaign_analysis"),
        }

        def effect() -> None:
            if adds:
                self.docs.add(adds)
            if kind == "place":
                self.rounds += 1
            if kind == "report_execution":
                self.reported.add(1)

        self.attempt(ok, calls[kind], effect, kind)

    @rule(
        trigger=st.sampled_from([*_MOVES, "hold", "resume", "cancel"]),
        actor=st.sampled_from([A, C]),
    )
    def trigger(self, trigger: str, actor: str) -> None:
        self.move(trigger, actor)

    @rule(kind=st.sampled_from(sorted(_RECORDS)), wrong_party=st.booleans())
    def one_record(self, kind: str, wrong_party: bool) -> None:
        party = _RECORDS[kind][1]
        right = C if party == "client" else A
        self.record(kind, (A if right == C else C) if wrong_party else right)

    @rule(
        actor=st.sampled_from([A, C]),
        branch=st.integers(0, 2),
        chance=st.integers(0, 2),
        which=st.integers(0, 15),
    )
    def diligent(self, actor: str, branch: int, chance: int, which: int) -> None:
        """Everything the current stage asks for (but ``skip``), by the right parties, then a move on.

        The move is the forward one, except that a pitch is lost one time in three: the side
        exits must stay likely, or a run of unlucky examples never reaches them. Skipping one
        record of the stage now and then (one time in three) tries its gate with exactly one thing
        missing, which the model must then see refused.
        """
        here = [kind for kind, row in _RECORDS.items() if self.stage in row[0]]
        skip = {here[which % len(here)]} if chance == 0 and here else set()
        for kind, (stages, party, _, _) in _RECORDS.items():
            if self.stage in stages and kind not in skip:
                self.record(kind, C if party == "client" else A)
        self.job_order("J1", complete=True, wrong_party=False)
        self.deliver_revisions()
        for job in sorted(self.ordered):
            self.steps(job, upto=len(_STEPS))
        self.sign_off(wrong_party=False)
        if self.stage == "pitch" and branch == 0:
            self.move("lose", C)
        else:
            sideways = ("request_revision", "lose")
            forward = next(
                (t for t, (src, _, _) in _MOVES.items() if src == self.stage and t not in sideways), None
            )
            if forward:
                self.move(forward, actor)

    @rule(job=JOBS, complete=st.booleans(), wrong_party=st.booleans())
    def job_order(self, job: str, complete: bool, wrong_party: bool) -> None:
        agency, client = (C, A) if wrong_party else (A, C)
        ok = self.stage in ("brief", "creative", "approval") and not wrong_party and complete
        ok = ok and job not in self.jobs  # never a silent revision (L13)

        def opened() -> None:
            self.jobs[job] = complete

        self.attempt(
            ok,
            lambda: self.e.add_job_order(
                next(self.t), agency, number=job, item="print_single", description="d" if complete else "",
                creative_brief="b",
            ),
            opened,
            "add_job_order",
        )  # fmt: skip
        ok = self.stage in ("brief", "creative") and not wrong_party and job in self.jobs
        self.attempt(
            ok,
            lambda: self.e.receive_work_order(next(self.t), client, jobs=[job], evidence="WO"),
            lambda: (self.docs.add("work_order"), self.ordered.add(job)),
            "receive_work_order",
        )

    @rule(job=JOBS, upto=st.integers(0, len(_STEPS)))
    def steps(self, job: str, upto: int) -> None:
        """Submit and approve the job's next steps, in order, up to ``upto`` approved (G5)."""
        while self.approved.get(job, 0) < upto:
            done = self.approved.get(job, 0)
            step = _STEPS[done]
            ok = self.stage == "creative" and job in self.ordered
            ok = ok and not any(r.startswith(f"{job}-R") for r in self.open_revisions)
            self.attempt(
                ok, partial(self.e.submit_step, next(self.t), A, job=job, step=step), lambda: None, "step"
            )
            if not ok:
                return
            self.attempt(
                True,
                partial(self.e.approve_step, next(self.t), C, job=job, step=step, evidence="AP"),
                partial(self.approved.__setitem__, job, done + 1),
                "approve_step",
            )

    @rule(job=JOBS)
    def send_back(self, job: str) -> None:
        """Submit the job's next step and have the client send it back in writing (L12): a revision
        job order opens (L11), and the step cannot go back before it is delivered."""
        done = self.approved.get(job, 0)
        if done >= len(_STEPS):
            return
        step = _STEPS[done]
        ok = self.stage == "creative" and job in self.ordered
        ok = ok and not any(r.startswith(f"{job}-R") for r in self.open_revisions)
        self.attempt(
            ok, partial(self.e.submit_step, next(self.t), A, job=job, step=step), lambda: None, "step"
        )
        if not ok:
            return

        def opened() -> None:
            self.revised[job] = self.revised.get(job, 0) + 1
            self.open_revisions.add(f"{job}-R{self.revised[job]}")

        refuse = partial(self.e.refuse_step, next(self.t), C, job=job, step=step, changes="x", evidence="RV")
        self.attempt(True, refuse, opened, "refuse_step")

    @rule()
    def deliver_revisions(self) -> None:
        """Deliver every open revision job order (L11)."""
        for number in sorted(self.open_revisions):
            ok = self.stage in ("creative", "approval")
            self.attempt(
                ok,
                partial(self.e.deliver, next(self.t), A, job=number),
                partial(self.open_revisions.discard, number),
                "deliver",
            )

    @rule(wrong_party=st.booleans())
    def sign_off(self, wrong_party: bool) -> None:
        actor = A if wrong_party else C
        for deliverable in ("media_plan", "creative", "quote"):
            self.attempt(
                self.stage == "approval" and not wrong_party,
                partial(self.e.sign_off, next(self.t), actor, deliverable=deliverable, evidence="S"),
                partial(self.signed.add, deliverable),
                "sign_off",
            )

    @precondition(lambda self: len(self.e.events) > 0)
    @rule()
    def out_of_order(self) -> None:
        self.attempt(
            False, lambda: self.e.meeting(START - timedelta(days=1), A, about="x"), lambda: None, "late"
        )

    @invariant()
    def round_trip_is_equal(self) -> None:
        data = json.loads(json.dumps(self.e.to_dict()))
        assert Engagement.from_dict(data) == self.e
        assert Engagement.replay(self.e.events, id=self.e.id, client=self.e.client) == self.e
        if self.e.events:
            assert self.e.as_of(self.e.events[-1].at) == self.e
        assert copy.copy(self.e.stage) is self.e.stage


LifecycleModel.TestCase.settings = settings(max_examples=80, stateful_step_count=50, deadline=None)
TestLifecycle = LifecycleModel.TestCase


def test_random_runs_reach_every_stage() -> None:
    """The stateful model is only as good as the stages it reaches.

    Derandomized, so that the answer is the model's and not the seed's: ``TestLifecycle`` above
    explores with fresh random seeds, this run checks that the rules can get everywhere.
    """

    class Fixed(TestLifecycle):  # type: ignore[valid-type,misc]
        settings = settings(TestLifecycle.settings, max_examples=200, derandomize=True, database=None)

    LifecycleModel.reached = set()
    Fixed("runTest").runTest()
    missing = {s.value for s in Stage} - LifecycleModel.reached
    assert not missing, f"random runs never reached {sorted(missing)}"


# -- clocks, rushes and the demo ------------------------------------------------------


def test_demo_engagement_accounts_for_whose_time() -> None:
    from adservice.demo import demo_engagement, demo_report, demo_timeline_text

    e = demo_engagement()
    assert e.stage is Stage.CLOSED and e.revision_rounds == 1 and len(e.placements) == 2
    assert e.accepted_rushes() == {"BJ-202601-01": date(2026, 2, 6)}
    ((rush, assessment),) = e.rush_assessments()
    assert rush.kind == "request_rush" and assessment.outcome == "accept_with_warning"
    clocks = e.clocks()
    ad = clocks["BJ-202601-01"].status(e.events[-1].at)
    schedule = clocks["BJ-202601-02"].status(e.events[-1].at)
    assert ad.met is True and ad.original_due.date() == date(2026, 2, 6)
    assert ad.due.date() == date(2026, 2, 10)  # the client's step reviews (G5) moved it later
    assert ad.client_time > timedelta(hours=8)
    assert schedule.met is False and schedule.lateness == timedelta(hours=18)
    waits = e.waiting()
    assert len(waits) == 2 and "Spring Festival" in waits[1][2]  # the hold nests inside the sign-off wait
    assert all(end is not None for _, end, _ in waits)
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    text = demo_timeline_text(e)
    assert "rush assessment: accept_with_warning" in text and "late by 18 h (the agency's)" in text
    report = json.loads(json.dumps(demo_report(e)))
    assert report["sign_offs"]["creative"]["document"] == "SO-2026-021"


def test_waiting_pauses_the_clock() -> None:
    t = clock()
    e = to_brief(fresh(), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.agree_strategy(next(t), C, evidence="ST")
    e.add_job_order(next(t), A, number="J1", item="media_schedule", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    e.hold(START + timedelta(days=1), C)
    e.resume(START + timedelta(days=8), C)
    status = e.clocks()["J1"].status(START + timedelta(days=9))
    assert status.client_time > timedelta(0)
    assert status.due > status.original_due


def test_docs_diagram_is_the_table() -> None:
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "howto" / "lifecycle.md").read_text(encoding="utf-8")
    block = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.strip() == lifecycle_mermaid().strip()


def test_requirements_name_owner_and_state() -> None:
    t = clock()
    e = to_brief(fresh(), t)
    reqs = e.requirements()
    assert [(r.rule_id, r.owner, r.met) for r in reqs][:2] == [
        ("L3", "client", False),
        ("G1", "client", False),
    ]
    e.receive_briefing(next(t), C, contents=BRIEFING)
    assert e.requirements()[0].met
    assert e.requirements("lose") == ()
    relaxed = Engagement("E", "c", rulebook=Rulebook.standard().without("O2"))
    relaxed.meeting(START, A, about="kick-off")
    assert relaxed.duties == ()  # a disabled rule creates no duty


def test_round_trip_keeps_every_calendar_setting() -> None:
    from datetime import time

    from adservice import WorkCalendar

    cal = WorkCalendar(
        "CN",
        horizon=(2020, 2030),
        weekend=(6,),
        business_hours=(time(9, 30), time(18)),
        closures={date(2026, 3, 6): "retreat"},
        confirmed_through=2026,
        strict=True,
    )
    e = Engagement("E", "c", calendar=cal)
    to_pitch(e, clock())
    again = Engagement.from_dict(json.loads(json.dumps(e.to_dict())))
    assert again == e and again.calendar == cal and again.calendar.horizon == (2020, 2030)


def test_a_finished_engagement_leaves_the_collector_nothing_but_itself() -> None:
    """SPEC §12: every fact is a plain tuple the garbage collector stops tracking, so the cost of
    its full collections does not grow with a population's logs. The log itself is one list
    (appending must not copy it, ADR 0006): the only per-engagement object left tracked."""
    e = to_closed(fresh(), clock())
    for _ in range(5):  # a pass may untrack a tuple only after its contents: one nesting level a pass
        gc.collect()
    shared = {id(e.calendar), id(e.rulebook), id(e.stage), id(type(e))}
    shared.add(id(e._log))
    assert all(not gc.is_tracked(raw) for raw in e._log)
    tracked = [r for r in gc.get_referents(e) if gc.is_tracked(r) and id(r) not in shared]
    assert tracked == [], f"per-engagement objects the collector still tracks: {tracked!r:.300}"


def test_the_log_is_flat_and_every_fact_names_its_own_event() -> None:
    """ADR 0005 (0.3.2): the log keeps no object per event, and a fact keeps its event's offset:
    each view built from the facts equals the events of its kind read from the log itself."""
    from adservice.demo import demo_engagement

    e = demo_engagement()
    events = e.events
    assert len(e._log) == 5 * len(e) == 5 * len(events)
    assert not any(x.__class__ is tuple and x and isinstance(x[0], datetime) for x in e._log)

    def of(*kinds: str) -> tuple[Event, ...]:
        return tuple(ev for ev in events if ev.kind in kinds)

    signed: dict[str, Event] = {}
    for ev in of("sign_off", "request_revision"):
        if ev.kind == "request_revision":
            signed.pop("creative", None)  # the client asked for changes: the creative sign-off lapses
        else:
            signed[ev.payload["deliverable"]] = ev
    assert e.work_orders == of("receive_work_order") and e.work_orders
    assert e.placements == of("place") and e.placements
    assert e.delivered == of("deliver") and e.delivered
    assert e.rushes == of("request_rush", "decide_rush") and e.rushes
    assert e.signoffs == signed and signed
    quotes = {ev.payload["quote"]: ev.kind for ev in of("approve_quote", "submit_quote")}
    assert e.quotes == {q: "approved" if k == "approve_quote" else "submitted" for q, k in quotes.items()}
    for cut in (len(events) // 3, len(events) // 2, len(events) - 5):
        part = e.as_of(events[cut].at)
        assert part.events == events[: len(part)]
        assert part.delivered == tuple(ev for ev in part.events if ev.kind == "deliver")
        assert part.rushes == tuple(ev for ev in part.events if ev.kind in ("request_rush", "decide_rush"))


def test_a_finished_engagement_takes_at_most_8_kb_with_its_log() -> None:
    """SPEC §12: at most 8 KB per finished engagement including its log (bytes allocated, counted
    by tracemalloc: a measure of memory, not of time). The flat log (ADR 0005) keeps no object
    per event; the instants are the caller's datetimes, which the log keeps alive."""
    to_closed(fresh(), clock())  # calendars and rulebook facts are built once, before counting
    n = 300
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        done = [to_closed(Engagement(f"E{i}", "c"), clock(START + timedelta(minutes=i))) for i in range(n)]
        gc.collect()
        per = (tracemalloc.get_traced_memory()[0] - before) / n
    finally:
        tracemalloc.stop()
    assert all(e.stage is Stage.CLOSED for e in done)
    assert per <= 8 * 1024, f"{per:.0f} bytes per finished engagement"
