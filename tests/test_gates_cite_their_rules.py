"""Refusals in the engagement layer cite their own rules and name every missing requirement
(issue 9 §2/§4, found by an audit): an unknown job is named as such, a disabled rule is not cited,
a step submission lists every requirement it misses, an unknown schema reads as a sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from adservice import Engagement, GateNotMet, Rulebook, demo_engagement
from adservice.errors import UnknownItemError

from .lifecycle_walk import BRIEFING, A, C, clock, to_brief


def test_delivering_an_unknown_job_order_names_the_job_orders_as_submit_step_does() -> None:
    # Observed: GateNotMet "cannot 'request_rush' ...: G3: job order 'NOPE' has no written work
    # order" — the wrong trigger, and a gate for a job that does not exist.
    d = demo_engagement()
    e = Engagement.replay(d.events[:27], id=d.id, client=d.client, calendar=d.calendar)
    at = d.events[26].at + timedelta(minutes=1)
    for call in (
        lambda: e.deliver(at, "agency:Li Na (AE)", job="NOPE", evidence="X"),
        lambda: e.submit_step(at, "agency:Li Na (AE)", job="NOPE", step="final_art"),
    ):
        with pytest.raises(UnknownItemError, match="BJ-202601-01"):
            call()
    assert (
        e.to_dict()
        == Engagement.replay(d.events[:27], id=d.id, client=d.client, calendar=d.calendar).to_dict()
    )


def test_without_g3_no_refusal_cites_g3() -> None:
    # Rulebook.without(id) removes exactly the checks citing it (issue 9 §4): with G3 off the
    # brief -> creative move no longer needs the written work order, but deliver still refused
    # "job order 'J1' has no written work order yet (G3)".
    t = clock()
    e = to_brief(Engagement("E", "c", rulebook=Rulebook.standard().without("G3")), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="J1", item="media_schedule", description="d", creative_brief="CB")
    e.start_creative(next(t), A)
    e.deliver(next(t), A, job="J1", evidence="D1")  # no work order, and G3 is off: nothing refuses
    assert [ev.payload["job"] for ev in e.delivered] == ["J1"]
    before = e.to_dict()
    with pytest.raises(GateNotMet) as refusal:  # T8 counts a rush from the work order: none to count from
        e.request_rush(next(t), C, job="J1", requested_due_date=date(2026, 6, 1))
    assert [m.rule_id for m in refusal.value.missing] == ["T8"] and e.to_dict() == before
    standard = to_brief(Engagement("E", "c"), clock())
    with pytest.raises(GateNotMet) as refusal:  # with G3 on, the work order is still required
        standard.receive_briefing(next(t), C, contents=BRIEFING)
        standard.record(next(t), A, "work_briefing", evidence="WB-1")
        standard.agree_strategy(next(t), C, evidence="ST-1")
        standard.add_job_order(
            next(t), A, number="J1", item="media_schedule", description="d", creative_brief="CB"
        )
        standard.start_creative(next(t), A)
    assert [m.rule_id for m in refusal.value.missing] == ["G3"]


def test_a_refused_step_submission_lists_every_missing_requirement() -> None:
    # The demo after the client refused copy_and_layout (its revision J-R1 not yet delivered):
    # submitting final_art misses the approval of copy_and_layout (G5) AND the delivered
    # revision (L11). Observed: only G5 is listed; with G5 disabled the L11 refusal appears.
    d = demo_engagement()
    e = Engagement.replay(d.events[:27], id=d.id, client=d.client, calendar=d.calendar)
    with pytest.raises(GateNotMet) as info:
        e.apply(d.events[31])  # submit_step final_art
    assert sorted({m.rule_id for m in info.value.missing}) == ["G5", "L11"]


def test_an_unknown_schema_is_named_in_a_sentence() -> None:
    # Observed: "unknown an engagement schema 99; this version reads [1, 2, 3]." (and "unknown a
    # client issue schema 99"): the object's NAME, article included, follows "unknown".
    from adservice.errors import SchemaError

    data = demo_engagement().to_dict()
    data["schema"] = 99
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(data)
    assert "99" in str(info.value) and "unknown an " not in str(info.value)
