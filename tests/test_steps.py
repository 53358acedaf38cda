"""Issue 11 §1-§3: client approval at every production step (G5), revision job orders with deadlines
(L11, L12), job numbers (L13), the intent phase's documents (L7-L10) and the briefing's topics (L14).

Every new rule has a refusal test naming its id, on the live call and on a forged log (``SchemaError``
with the event's index and the rule); the clock and revision invariants are hypothesis properties
with their own oracles (the calendar's working time, the model's own count of revisions).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice import Engagement, GateNotMet, Rulebook, Stage, status_report
from adservice.deadlines import day_zero
from adservice.errors import (
    AdServiceError,
    DuplicateNumberError,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    SchemaError,
    SignOffError,
)
from adservice.kernel._serial import log_digest
from adservice.numbering import JobNumberFormat, revision_number

from .lifecycle_walk import (
    BRIEFING,
    PRINT_STEPS,
    TEAM,
    A,
    C,
    approve_steps,
    clock,
    to_approval,
    to_brief,
)

FMT = JobNumberFormat()
J = "CR-202603-01-Chen"


def creative(
    job: str = "J1", *, book: Rulebook | None = None, fmt: JobNumberFormat | None = None
) -> tuple[Engagement, Iterator[datetime]]:
    """An engagement in creative with one print job under a written work order."""
    t = clock()
    e = to_brief(Engagement("E", "Huaxia", rulebook=book, job_format=fmt), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number=job, item="print_single", description="one ad", creative_brief="CB")
    e.receive_work_order(next(t), C, jobs=[job], evidence="WO-1")
    e.start_creative(next(t), A)
    return e, t


def refused(e: Engagement, call: Callable[[], object], error: type[Exception], *rules: str) -> Exception:
    """``call`` raises ``error`` citing ``rules`` and leaves ``e`` as it was."""
    before = (len(e), e.to_dict())
    with pytest.raises(error) as info:
        call()
    assert (len(e), e.to_dict()) == before, "a refusal changed the engagement"
    for rule in rules:
        assert rule in str(info.value), (rule, str(info.value))
    if isinstance(info.value, GateNotMet) and rules:
        assert [m.rule_id for m in info.value.missing] == list(rules)
    return info.value


def resealed(data: dict[str, Any]) -> dict[str, Any]:
    """A forged file whose count and digest were recomputed (the forger's best effort)."""
    return {**data, "count": len(data["events"]), "digest": log_digest(data["events"])}


def forged(e: Engagement, edit: Callable[[list[dict[str, Any]]], None]) -> SchemaError:
    data = json.loads(json.dumps(e.to_dict()))
    edit(data["events"])
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    return info.value


# -- G5: the client approves each production step in writing -------------------------------------


def test_steps_go_to_the_client_in_order_and_each_approval_is_written() -> None:
    e, t = creative()
    assert [s.step for s in e.production_steps()["J1"]] == [*PRINT_STEPS, "film"]
    refused(e, lambda: e.submit_step(next(t), A, job="J1", step="copy_and_layout"), GateNotMet, "G5")
    refused(e, lambda: e.submit_step(next(t), A, job="J1", step="film"), InvalidChoiceError)
    refused(
        e,
        lambda: e.approve_step(next(t), C, job="J1", step="creative_concept", evidence="AP"),
        InvalidInputError,
    )
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    assert e.waiting_step("J1") == "creative_concept"
    refused(e, lambda: e.submit_step(next(t), A, job="J1", step="creative_concept"), InvalidInputError)
    refused(
        e,
        lambda: e.approve_step(next(t), A, job="J1", step="creative_concept", evidence="AP"),
        SignOffError,
        "G5",
    )
    with pytest.raises(TypeError):  # the written approval's document is required
        e.approve_step(next(t), C, job="J1", step="creative_concept")  # type: ignore[call-arg]
    e.approve_step(next(t), C, job="J1", step="creative_concept", evidence="AP-1")
    (first, *_rest) = e.production_steps()["J1"]
    assert (first.state, first.waiting_on, first.approved_by) == ("approved", None, "AP-1")
    assert e.waiting_step("J1") is None


def test_a_print_job_is_delivered_and_submitted_only_with_every_step_approved() -> None:
    e, t = creative()
    refused(e, lambda: e.deliver(next(t), A, job="J1"), GateNotMet, "G5")
    e.record(next(t), A, "internal_review")
    err = refused(e, lambda: e.submit_for_approval(next(t), A), GateNotMet, "G5")
    assert "J1: creative_concept" in str(err)
    approve_steps(e, t)
    e.deliver(next(t), A, job="J1")
    e.submit_for_approval(next(t), A)
    assert e.stage is Stage.APPROVAL


def test_without_g5_no_step_approvals_are_asked() -> None:
    e, t = creative(book=Rulebook.standard().without("G5"))
    e.deliver(next(t), A, job="J1")
    e.record(next(t), A, "internal_review")
    assert e.submit_for_approval(next(t), A).stage is Stage.APPROVAL


def test_a_single_step_item_has_no_step_approvals() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    e.add_job_order(next(t), A, number="M1", item="media_schedule", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["M1"], evidence="WO")
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB")
    e.agree_strategy(next(t), C, evidence="ST")
    e.start_creative(next(t), A)
    assert e.production_steps() == {}
    refused(e, lambda: e.submit_step(next(t), A, job="M1", step="media_schedule"), InvalidInputError)


def test_the_job_clock_pauses_from_submission_to_approval_only_for_that_job() -> None:
    e, t = creative()
    e.add_job_order(next(t), A, number="J2", item="print_single", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["J2"], evidence="WO-2")
    sent = next(t)
    e.submit_step(sent, A, job="J1", step="creative_concept")
    back = sent + timedelta(days=3)
    e.approve_step(back, C, job="J1", step="creative_concept", evidence="AP")
    later = back + timedelta(days=1)
    j1, j2 = e.clocks()["J1"].status(later), e.clocks()["J2"].status(later)
    assert j1.client_time == e.calendar.working_time_between(sent, back)
    assert j2.client_time == timedelta(0)  # another job's review is not this one's waiting
    assert [w.kind for w in e.waits] == ["step"] and e.waits[0].job == "J1"


def test_the_plan_shows_the_client_review_windows_of_g5() -> None:
    e, _ = creative()
    p = e.plans()["J1"]
    assert [r.after for r in p.reviews] == list(PRINT_STEPS) and {r.days for r in p.reviews} == {1}
    slower = creative(book=Rulebook.standard().with_params("G5", review_days=2))[0].plans()["J1"]
    assert {r.days for r in slower.reviews} == {2} and slower.due_date > p.due_date


def test_the_status_report_says_which_step_waits_on_whom() -> None:
    e, t = creative()
    (row,) = [r for r in status_report([e], date(2026, 3, 9)).rows if r.job == "J1"]
    assert row.next_action == "creative_concept to the client for written approval (G5)"
    assert row.owner.endswith("(AE)") and e.next_step("J1") == "creative_concept"
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    e.approve_step(next(t), C, job="J1", step="creative_concept", evidence="AP")
    e.submit_step(next(t), A, job="J1", step="copy_and_layout")
    (row,) = [r for r in status_report([e], date(2026, 3, 9)).rows if r.job == "J1"]
    assert row.next_action == "the client's written approval of copy_and_layout (G5)"
    assert row.owner == "client: Huaxia" and not row.done


# -- L11/L12: revisions are written requests and revision job orders with deadlines ------------------


def test_a_refused_step_opens_a_revision_job_order_with_the_steps_own_duration() -> None:
    e, t = creative()
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    refused(
        e,
        lambda: e.refuse_step(next(t), C, job="J1", step="creative_concept", changes="x", evidence=" "),
        InvalidInputError,
    )
    asked = next(t)
    e.refuse_step(asked, C, job="J1", step="creative_concept", changes="warmer", evidence="RV-1")
    (step, *_) = e.production_steps()["J1"]
    assert (step.state, step.revisions, step.waiting_on) == ("sent back", 1, "agency")
    order = e.job_orders["J1-R1"]
    assert (order.item, order.revision) == ("print_single", 1)
    c = e.clocks()["J1-R1"]
    day0 = day_zero(asked, calendar=e.calendar)
    assert c.rule_id == "L11" and c.due == e.calendar.close_of_business(e.calendar.add_working_days(day0, 2))
    refused(e, lambda: e.submit_step(next(t), A, job="J1", step="creative_concept"), GateNotMet, "L11")
    (row,) = [r for r in status_report([e], date(2026, 3, 9)).rows if r.job == "J1-R1"]
    assert not row.done and row.next_action == "deliver the print design and film, one piece (revision 1)"
    e.deliver(next(t), A, job="J1-R1", evidence="AD-R1")
    refused(e, lambda: e.deliver(next(t), A, job="J1-R1"), InvalidInputError)
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    assert e.clocks()["J1-R1"].status(next(t)).met


def test_l11_working_days_overrides_the_revision_turnaround() -> None:
    e, t = creative(book=Rulebook.standard().with_params("L11", working_days=5))
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    asked = next(t)
    e.refuse_step(asked, C, job="J1", step="creative_concept", changes="x", evidence="RV")
    day0 = day_zero(asked, calendar=e.calendar)
    assert e.clocks()["J1-R1"].due == e.calendar.close_of_business(e.calendar.add_working_days(day0, 5))


def test_a_revision_request_is_written_names_its_jobs_and_blocks_resubmission() -> None:
    t = clock()
    e = to_approval(Engagement("E", "c"), t)
    refused(e, lambda: e.request_revision(next(t), C, changes="x"), GateNotMet, "L12")
    refused(e, lambda: e.request_revision(next(t), C, changes="x", jobs=[], evidence="RV"), GateNotMet, "L11")
    refused(
        e, lambda: e.request_revision(next(t), C, changes="x", jobs=["J9"], evidence="RV"), AdServiceError
    )
    refused(
        e,
        lambda: e.request_revision(next(t), C, changes="x", jobs=["J1", "J1"], evidence="RV"),
        AdServiceError,
    )
    e.request_revision(next(t), C, changes="bigger logo", jobs=["J1"], evidence="RV-1")
    assert e.stage is Stage.CREATIVE and e.job_orders["J1-R1"].revision == 1
    c = e.clocks()["J1-R1"]
    assert c.working_days == 9  # the job's own duration (print_single)
    e.record(next(t), A, "internal_review")
    refused(e, lambda: e.submit_for_approval(next(t), A), GateNotMet, "L11")
    e.deliver(next(t), A, job="J1-R1")
    assert e.submit_for_approval(next(t), A).stage is Stage.APPROVAL


def test_without_l11_and_l12_a_revision_request_is_as_before() -> None:
    book = Rulebook.standard().without("L11").without("L12")
    t = clock()
    e = to_approval(Engagement("E", "c", rulebook=book), t)
    e.request_revision(next(t), C, changes="x")
    assert "J1-R1" not in e.job_orders and e.stage is Stage.CREATIVE


def test_revision_numbers_go_through_the_numbering_format() -> None:
    e, t = creative(J, fmt=FMT)
    e.submit_step(next(t), A, job=J, step="creative_concept")
    e.refuse_step(next(t), C, job=J, step="creative_concept", changes="x", evidence="RV")
    assert (
        revision_number(J, 1, format=FMT) == "CR-202603-01-Chen-R1" and "CR-202603-01-Chen-R1" in e.job_orders
    )
    e.deliver(next(t), A, job="CR-202603-01-Chen-R1")
    e.submit_step(next(t), A, job=J, step="creative_concept")
    e.refuse_step(next(t), C, job=J, step="creative_concept", changes="y", evidence="RV2")
    assert "CR-202603-01-Chen-R2" in e.job_orders
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e


# -- L13: job orders are real job orders ------------------------------------------------------------


def test_job_numbers_are_malformed_or_duplicate_never_a_silent_revision() -> None:
    e, t = creative(J, fmt=FMT)
    add = e.add_job_order
    refused(
        e,
        lambda: add(next(t), A, number="J-1", item="print_single", description="d", creative_brief="b"),
        MalformedNumberError,
    )
    for number in (J, "CR-202603-01-Wang", "CR-202603-01-Chen-R1"):
        refused(
            e,
            lambda n=number: add(
                next(t), A, number=n, item="print_single", description="d", creative_brief="b"
            ),  # type: ignore[misc]
            DuplicateNumberError,
            "L13",
        )
    add(next(t), A, number="CR-202603-02-Chen", item="print_single", description="d", creative_brief="b")


def test_a_forged_re_added_number_is_refused_on_load_naming_l13() -> None:
    e, t = creative()
    e.add_job_order(next(t), A, number="J2", item="print_single", description="d", creative_brief="b")

    def edit(events: list[dict[str, Any]]) -> None:
        events[-1]["payload"]["number"] = "J1"

    err = forged(e, edit)
    assert err.index == len(e) - 1 and err.rule_id == "L13"


# -- L7-L10, L14: the intent phase's documents, the work briefing and the briefing's topics ----------


@pytest.mark.parametrize("rule_id", ["L7", "L8", "L9"])
def test_the_pitch_needs_the_intent_documents(rule_id: str) -> None:
    docs = {
        "L7": ("question_list", C, "QL"),
        "L8": ("meeting_minutes", A, None),
        "L9": ("internal_briefing", A, None),
    }
    t = clock()
    e = Engagement("E", "c")
    e.receive_invitation(next(t), C, evidence="INV")
    e.assign_team(next(t), A, team=TEAM)
    for rid, (doc, who, proof) in docs.items():
        if rid != rule_id:
            e.record(next(t), who, doc, evidence=proof)
    refused(e, lambda: e.start_pitch(next(t), A), GateNotMet, rule_id)
    relaxed = Engagement.replay(e.events, id="E", client="c", rulebook=Rulebook.standard().without(rule_id))
    assert relaxed.start_pitch(next(t), A).stage is Stage.PITCH


def test_the_work_briefing_sends_its_schedule_to_the_client() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    refused(e, lambda: e.record(next(t), A, "work_briefing"), GateNotMet, "L10")
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.agree_strategy(next(t), C, evidence="ST")
    e.add_job_order(next(t), A, number="J1", item="media_schedule", description="d", creative_brief="b")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    refused(e, lambda: e.start_creative(next(t), A), GateNotMet, "L10")
    e.record(next(t), A, "work_briefing", evidence="SCHED-1")
    assert e.start_creative(next(t), A).stage is Stage.CREATIVE


def test_an_empty_briefing_is_refused_naming_every_missing_topic() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    err = refused(e, lambda: e.receive_briefing(next(t), C, contents={}), GateNotMet, "L14")
    assert "company, product, channels, targets, competitors, goals, budget" in str(err)
    err = refused(
        e, lambda: e.receive_briefing(next(t), C, contents={**BRIEFING, "budget": " "}), GateNotMet, "L14"
    )
    assert str(err).endswith("missing: budget.")
    e.receive_briefing(next(t), C, contents={**BRIEFING, "history": "since 1998"})
    assert e.has("client_briefing")


# -- one validation path: forged logs ---------------------------------------------------------------


def _walked() -> Engagement:
    e, t = creative()
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    e.refuse_step(next(t), C, job="J1", step="creative_concept", changes="x", evidence="RV")
    e.deliver(next(t), A, job="J1-R1")
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    e.approve_step(next(t), C, job="J1", step="creative_concept", evidence="AP")
    return e


def _index(e: Engagement, kind: str, nth: int = 0) -> int:
    return [i for i, ev in enumerate(e.events) if ev.kind == kind][nth]


@pytest.mark.parametrize(
    ("kind", "nth", "edit", "rule_id"),
    [
        ("approve_step", 0, lambda ev: ev.update(evidence=None), "G5"),  # no written approval
        (
            "approve_step",
            0,
            lambda ev: ev.update(actor="agency:Chen"),
            "G5",
        ),  # the agency signs for the client
        ("submit_step", 0, lambda ev: ev["payload"].update(step="copy_and_layout"), "G5"),  # out of order
        ("refuse_step", 0, lambda ev: ev.update(evidence=None), "L12"),  # no written request
        (
            "submit_step",
            1,
            lambda ev: ev.update(kind="approve_step", evidence="AP"),
            "G5",
        ),  # nothing with client
        ("receive_briefing", 0, lambda ev: ev["payload"]["contents"].pop("goals"), "L14"),
    ],
)
def test_forged_logs_are_refused_naming_index_and_rule(kind: str, nth: int, edit: Any, rule_id: str) -> None:
    e = _walked()
    i = _index(e, kind, nth)

    def change(events: list[dict[str, Any]]) -> None:
        edit(events[i])

    err = forged(e, change)
    assert err.index == i and (err.rule_id == rule_id or rule_id in str(err)), (
        err.index,
        err.rule_id,
        str(err),
    )


def test_a_forged_resubmission_before_the_revision_is_delivered_names_l11() -> None:
    e = _walked()
    i = _index(e, "deliver")

    def drop_delivery(events: list[dict[str, Any]]) -> None:
        del events[i]

    err = forged(e, drop_delivery)
    assert err.index == i and err.rule_id == "L11"


def test_live_apply_replay_and_load_agree() -> None:
    e = _walked()
    again = Engagement("E", "Huaxia")
    for ev in e.events:
        again.apply(ev)
    assert again == e == Engagement.replay(e.events, id="E", client="Huaxia")
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    assert e.to_dict()["schema"] == 3


# -- properties -------------------------------------------------------------------------------------

_reviews = st.lists(st.tuples(st.integers(1, 72), st.integers(1, 120)), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews=_reviews)
def test_the_clock_pauses_exactly_for_the_clients_review_time(reviews: list[tuple[int, int]]) -> None:
    """Pause = client time: the clock's client time is the working time of the step reviews
    (submission to approval), counted by the calendar — an oracle independent of the clock."""
    e, t = creative()
    at = next(t)
    expected = timedelta(0)
    for (gap, review), step in zip(reviews, PRINT_STEPS, strict=False):
        sent = at + timedelta(hours=gap)
        back = sent + timedelta(hours=review)
        e.submit_step(sent, A, job="J1", step=step)
        e.approve_step(back, C, job="J1", step=step, evidence=f"AP-{step}")
        expected += e.calendar.working_time_between(sent, back)
        at = back
    status = e.clocks()["J1"].status(at + timedelta(hours=1))
    assert status.client_time == expected
    assert status.agency_time + status.client_time == e.calendar.working_time_between(
        e.work_orders[0].at, at + timedelta(hours=1)
    )


_moves = st.lists(st.sampled_from(["submit", "approve", "refuse", "deliver"]), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=_moves)
def test_revisions_are_delivered_before_a_step_goes_back(moves: list[str]) -> None:
    """The model keeps its own account (step index, open revisions); each move is accepted exactly when
    the model allows it, and a step is never with the client while a revision of the job is open."""
    e, t = creative()
    done, with_client, revisions, open_ = 0, False, 0, []
    for move in moves:
        if done == len(PRINT_STEPS):
            break
        step = PRINT_STEPS[done]
        before = copy.deepcopy(e.to_dict())
        calls: dict[str, tuple[bool, Callable[[], object]]] = {
            "submit": (
                not with_client and not open_,
                partial(e.submit_step, next(t), A, job="J1", step=step),
            ),
            "approve": (with_client, partial(e.approve_step, next(t), C, job="J1", step=step, evidence="AP")),
            "refuse": (
                with_client,
                partial(e.refuse_step, next(t), C, job="J1", step=step, changes="x", evidence="RV"),
            ),
            "deliver": (bool(open_), lambda: e.deliver(next(t), A, job=open_[0] if open_ else "J1-R99")),
        }
        ok, call = calls[move]
        try:
            call()
        except AdServiceError:
            assert not ok, move
            assert e.to_dict() == before
            continue
        assert ok, move
        if move == "submit":
            with_client = True
        elif move == "approve":
            with_client, done = False, done + 1
        elif move == "refuse":
            with_client, revisions = False, revisions + 1
            open_.append(f"J1-R{revisions}")
        else:
            open_.pop(0)
        assert (e.waiting_step("J1") is not None) == with_client
        numbers = [n for n, o in e.job_orders.items() if o.revision]
        assert numbers == [f"J1-R{k}" for k in range(1, revisions + 1)]
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days=st.integers(0, 12), hours=st.integers(1, 200), step=st.sampled_from(PRINT_STEPS))
def test_a_revision_is_due_its_own_turnaround_after_the_request(days: int, hours: int, step: str) -> None:
    """L11: due close of business ``working_days`` (0: the step's own duration, from the rulebook's
    turnaround table) after day 0 of the client's request, whatever the step and the instant."""
    book = Rulebook.standard().with_params("L11", working_days=days)
    e, t = creative(book=book)
    approve = PRINT_STEPS[: PRINT_STEPS.index(step)]
    for earlier in approve:
        e.submit_step(next(t), A, job="J1", step=earlier)
        e.approve_step(next(t), C, job="J1", step=earlier, evidence="AP")
    e.submit_step(next(t), A, job="J1", step=step)
    asked = next(t) + timedelta(hours=hours)
    e.refuse_step(asked, C, job="J1", step=step, changes="x", evidence="RV")
    own = {"creative_concept": 2, "copy_and_layout": 3, "final_art": 2, "colour_proof": 1}[step]  # H1's table
    expected = e.calendar.close_of_business(
        e.calendar.add_working_days(day_zero(asked, calendar=e.calendar), days or own)
    )
    assert e.clocks()["J1-R1"].due == expected


def test_an_engagement_drawn_before_a_revision_opened_leaves_its_clock_out() -> None:
    from adservice.demo import demo_engagement
    from adservice.present.html import engagement_html

    e = demo_engagement()
    opened = next(ev.at for ev in e.events if ev.kind == "refuse_step")
    page = engagement_html(e, as_of=opened - timedelta(hours=1))
    assert "BJ-202601-01-R1" not in page and "BJ-202601-01" in page
    assert "BJ-202601-01-R1" in engagement_html(e, as_of=opened + timedelta(hours=1))


def test_a_revision_number_already_taken_refuses_the_step_back_and_changes_nothing() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    for number in ("J1-R1", "J1"):  # "J1-R1" came first, as an ordinary job
        e.add_job_order(next(t), A, number=number, item="print_single", description="d", creative_brief="b")
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB")
    e.agree_strategy(next(t), C, evidence="ST")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    e.start_creative(next(t), A)
    e.submit_step(next(t), A, job="J1", step="creative_concept")
    call = partial(e.refuse_step, next(t), C, job="J1", step="creative_concept", changes="x", evidence="RV")
    refused(e, call, DuplicateNumberError, "L13")
    assert e.waiting_step("J1") == "creative_concept"


@pytest.mark.parametrize(
    ("document", "rule_id"),
    [
        ("question_list", "L7"),
        ("meeting_minutes", "L8"),
        ("internal_briefing", "L9"),
        ("work_briefing", "L10"),
    ],
)
def test_a_log_forged_without_an_intent_document_is_refused_at_the_move(document: str, rule_id: str) -> None:
    e = _walked()
    i = next(i for i, ev in enumerate(e.events) if ev.kind == "record" and ev.payload["document"] == document)
    move = "start_pitch" if rule_id != "L10" else "start_creative"
    at_move = _index(e, move) - 1  # the move's index once the document is gone

    def drop(events: list[dict[str, Any]]) -> None:
        del events[i]

    err = forged(e, drop)
    assert (err.index, err.rule_id) == (at_move, rule_id)


def test_the_icalendar_export_has_each_revision_job_orders_own_deadline() -> None:
    from adservice.demo import demo_engagement
    from adservice.present.ics import deadlines

    e = demo_engagement()
    found = {d.key: d for d in deadlines(e)}
    for number in ("BJ-202601-01-R1", "BJ-202601-01-R2"):
        d = found[(e.id, number, "revision")]
        assert d.when == e.clocks()[number].due and d.rule_id == "L11" and "Huaxia" in d.summary
