"""Issue 11 §5–§7 on the engagement: TV production (P1, P2, G9), estimates (E1, E2), meetings as records
(M1–M3, O10) and agreed routines. Every new rule has a refusal test naming its rule id; every record
survives to_dict/from_dict; a forged log is refused naming the event's index and the rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.engagement import TABLE, Engagement, Stage
from adservice.errors import GateNotMet, InvalidInputError, SchemaError, SignOffError, UnknownItemError
from adservice.kernel import log_digest
from adservice.kernel.events import Event
from adservice.rulebook import Rulebook

from .lifecycle_walk import BRIEFING, START, A, C, M, clock, to_booking, to_brief

TV = "TV-1"


def refused(call: Callable[[], Any]) -> list[str]:
    """The rule ids a refused call names (and it must be refused)."""
    with pytest.raises(GateNotMet) as info:
        call()
    return [m.rule_id for m in info.value.missing]


def tv_brief(
    book: Rulebook | None = None, *, t: Iterator[datetime] | None = None
) -> tuple[Engagement, Iterator[datetime]]:
    t = t or clock()
    e = to_brief(Engagement("E", "c", rulebook=book), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number=TV, item="tvc_film", description="30s TV spot", creative_brief="CB")
    return e, t


def estimated(e: Engagement, t: Iterator[datetime], job: str = TV) -> Engagement:
    e.submit_estimate(
        next(t), A, job=job, estimate=f"EST-{job}", amount=800_000, quantities={"shoot_days": 2}
    )
    e.approve_estimate(next(t), M, job=job, role="department_manager")
    return e.sign_estimate(next(t), C, job=job, evidence=f"EST-{job}-S")


def tv_creative(book: Rulebook | None = None) -> tuple[Engagement, Iterator[datetime]]:
    e, t = tv_brief(book)
    estimated(e, t)
    e.receive_work_order(next(t), C, jobs=[TV], evidence="WO-1")
    e.start_creative(next(t), A)
    return e, t


def to_final_ppm(e: Engagement, t: Iterator[datetime]) -> Engagement:
    e.approve_production(next(t), C, job=TV, step="script", evidence="SC-1")
    e.approve_production(next(t), C, job=TV, step="storyboard", evidence="SB-1")
    e.hold_ppm(next(t), A, job=TV, agreed="first PPM: casting shortlist")
    e.change_production(next(t), C, job=TV, aspect="cast", change="the mother younger")
    return e.hold_ppm(next(t), A, job=TV, final=True, agreed="cast, locations, music agreed")


def to_film(e: Engagement, t: Iterator[datetime]) -> Engagement:
    to_final_ppm(e, t)
    e.sign_release(next(t), "client:Star Talent Agency", job=TV, document="model_release", evidence="MR-1")
    e.sign_release(next(t), C, job=TV, document="clearances", evidence="CL-1")
    e.shoot(next(t), A, job=TV)
    e.approve_production(next(t), C, job=TV, step="offline", evidence="OFF-1")
    return e.approve_production(next(t), C, job=TV, step="online", evidence="ON-1")


def roundtrip(e: Engagement) -> Engagement:
    again = Engagement.from_dict(e.to_dict())
    assert again == e
    return again


# -- §5 TV commercials ------------------------------------------------------------------------------


def test_a_tv_commercial_runs_from_script_to_finished_film_with_the_clients_approvals() -> None:
    e, t = tv_creative()
    to_film(e, t)
    prod = e.productions[TV]
    assert prod.approved == ("script", "storyboard", "offline", "online")
    assert prod.finished and prod.frozen and prod.next_step is None
    assert len(prod.ppms) == 2 and prod.final_ppm_at == prod.ppms[-1]
    assert dict(prod.releases) == {"model_release": "MR-1", "clearances": "CL-1"}
    assert prod.changes == (("cast", "the mother younger"),)
    assert roundtrip(e).productions == e.productions


def test_after_the_final_ppm_script_cast_and_shooting_plan_are_refused_citing_g9() -> None:
    e, t = tv_creative()
    to_final_ppm(e, t)
    for aspect in ("script", "cast", "shooting_plan"):
        before = e.to_dict()
        assert refused(lambda a=aspect: e.change_production(next(t), C, job=TV, aspect=a, change="x")) == [
            "G9"
        ]
        assert e.to_dict() == before  # refused: nothing changed
    assert refused(lambda: e.hold_ppm(next(t), A, job=TV, final=True)) == ["G9"]  # no PPM reopens it


def test_the_shoot_needs_the_final_ppm_p2_and_the_releases_g9() -> None:
    e, t = tv_creative()
    e.approve_production(next(t), C, job=TV, step="script", evidence="SC-1")
    e.approve_production(next(t), C, job=TV, step="storyboard", evidence="SB-1")
    assert refused(lambda: e.shoot(next(t), A, job=TV)) == ["P2", "G9", "G9"]
    e.hold_ppm(next(t), A, job=TV, final=True)
    assert refused(lambda: e.shoot(next(t), A, job=TV)) == ["G9", "G9"]
    e.sign_release(next(t), C, job=TV, document="model_release", evidence="MR-1")
    with pytest.raises(GateNotMet, match="clearances"):
        e.shoot(next(t), A, job=TV)
    e.sign_release(next(t), C, job=TV, document="clearances", evidence="CL-1")
    assert e.shoot(next(t), A, job=TV).productions[TV].shot_at is not None


def test_each_production_step_waits_on_the_clients_approval_of_the_one_before_p1() -> None:
    e, t = tv_creative()
    assert refused(lambda: e.approve_production(next(t), C, job=TV, step="storyboard", evidence="SB")) == [
        "P1"
    ]
    assert refused(lambda: e.hold_ppm(next(t), A, job=TV)) == ["P1", "P1"]
    assert refused(lambda: e.approve_production(next(t), C, job=TV, step="offline", evidence="OF")) == ["P1"]
    assert refused(lambda: e.approve_production(next(t), C, job=TV, step="online", evidence="ON")) == ["P1"]
    e.approve_production(next(t), C, job=TV, step="script", evidence="SC-1")
    e.change_production(next(t), C, job=TV, aspect="script", change="new ending")  # before the final PPM
    assert e.productions[TV].approved == ()  # a new script is approved again
    with pytest.raises(SignOffError):
        e.approve_production(next(t), A, job=TV, step="script", evidence="SC-2")  # the agency cannot


def test_tv_records_need_a_tv_job_order_p1() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="J1", item="print_single", description="ad", creative_brief="CB")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO-1")
    e.start_creative(next(t), A)
    assert refused(lambda: e.approve_production(next(t), C, job="J1", step="script", evidence="S")) == ["P1"]
    with pytest.raises(UnknownItemError, match="J1"):
        e.shoot(next(t), A, job="J9")


def test_g9_is_cited_by_table_rows_and_without_g9_removes_exactly_them() -> None:
    assert {g.key for g in TABLE.citing("G9")} == {"not_frozen", "model_release", "clearances"}
    e, t = tv_creative(Rulebook.standard().without("G9"))
    to_final_ppm(e, t)
    e.change_production(next(t), C, job=TV, aspect="shooting_plan", change="rain day")  # G9 off
    e.shoot(next(t), A, job=TV)
    relaxed, t2 = tv_creative(Rulebook.standard().without("P2"))
    relaxed.approve_production(next(t2), C, job=TV, step="script", evidence="S")
    assert refused(lambda: relaxed.shoot(next(t2), A, job=TV)) == ["G9", "G9"]


# -- §6 estimates ------------------------------------------------------------------------------------


def test_the_work_order_waits_on_a_signed_estimate_e1() -> None:
    e, t = tv_brief()
    assert refused(lambda: e.receive_work_order(next(t), C, jobs=[TV], evidence="WO-1")) == ["E1"]
    e.submit_estimate(next(t), A, job=TV, estimate="EST-1", amount=800_000, quantities={"shoot_days": 2})
    assert e.estimate_status(TV) == "submitted"
    assert refused(lambda: e.sign_estimate(next(t), C, job=TV, evidence="S")) == ["E1"]
    assert refused(lambda: e.approve_estimate(next(t), A, job=TV, role="ae")) == ["E1"]
    e.approve_estimate(next(t), M, job=TV, role="department_manager")
    assert e.estimate_status(TV) == "approved"
    assert refused(lambda: e.receive_work_order(next(t), C, jobs=[TV], evidence="WO-1")) == ["E1"]
    with pytest.raises(SignOffError):
        e.sign_estimate(next(t), A, job=TV, evidence="S")  # the agency cannot sign for the client
    e.sign_estimate(next(t), C, job=TV, evidence="EST-1-S")
    assert e.estimate_status(TV) == "signed" and e.estimate_status("J9") == "none"
    e.receive_work_order(next(t), C, jobs=[TV], evidence="WO-1")
    assert TV in e.clocks()
    est = roundtrip(e).estimates[TV]
    assert (est.amount, dict(est.quantities), est.signed) == (800_000, {"shoot_days": 2}, "EST-1-S")


def test_e1s_scope_is_a_parameter_and_all_covers_every_job_order() -> None:
    t = clock()
    book = Rulebook.standard().with_params("E1", items=["all"])
    e = to_brief(Engagement("E", "c", rulebook=book), t)
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB-1")
    e.agree_strategy(next(t), C, evidence="ST-1")
    e.add_job_order(next(t), A, number="J1", item="print_single", description="ad", creative_brief="CB")
    assert refused(lambda: e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO-1")) == ["E1"]
    relaxed, t2 = tv_brief(Rulebook.standard().without("E1"))
    relaxed.receive_work_order(next(t2), C, jobs=[TV], evidence="WO-1")  # E1 off: no estimate needed


def test_new_quantities_after_booking_need_the_clients_written_change_e2() -> None:
    t = clock()
    e = to_booking(Engagement("E", "c"), t)
    e.confirm_schedule(next(t), C, evidence="MS-1")
    e.book_media(next(t), A, placement=date(2026, 5, 20))
    e.submit_estimate(next(t), A, job="J1", estimate="EST-1", amount=100_000, quantities={"insertions": 2})
    new = {"insertions": 3}
    assert refused(
        lambda: e.submit_estimate(next(t), A, job="J1", estimate="EST-2", amount=150_000, quantities=new)
    ) == ["E2"]
    e.submit_estimate(
        next(t), A, job="J1", estimate="EST-2", amount=150_000, quantities=new, evidence="CHG-1"
    )
    est = e.estimates["J1"]
    assert (est.revision, est.change, est.status) == (1, "CHG-1", "submitted")  # approved and signed again
    roundtrip(e)


# -- §7 meetings as records -----------------------------------------------------------------------------


def scheduled(e: Engagement, t: Iterator[datetime], ref: str = "M-1") -> datetime:
    start = START + timedelta(days=5)
    e.schedule_meeting(
        next(t), A, ref=ref, what="storyboard review", why="approve the storyboard", who="Wang, Li, Chen",
        where="client HQ, room 3", when=start, how="30 min presentation, then notes",
    )  # fmt: skip
    return start


def test_a_meeting_carries_its_5w1h_and_its_o10_duties_follow() -> None:
    e, t = tv_brief()
    start = scheduled(e, t)
    e.send_agenda(start - timedelta(hours=3), A, ref="M-1")
    e.reconfirm_meeting(start - timedelta(hours=2), A, ref="M-1")
    e.meeting(start + timedelta(hours=1), A, about="storyboard review", ref="M-1")
    rec = e.meeting_records["M-1"]
    assert rec.w5h1["where"] == "client HQ, room 3" and rec.held_at == start + timedelta(hours=1)
    o10 = [d for d in e.duties if d.rule_id == "O10"]
    assert [d.status(start) for d in o10] == ["met", "met", "met"]
    assert o10[1].due == start - timedelta(hours=2) and o10[2].due == start - timedelta(hours=1)
    assert roundtrip(e).meeting_records == e.meeting_records


def test_a_meeting_notice_without_its_5w1h_is_refused_citing_m1() -> None:
    e, t = tv_brief()
    with pytest.raises(GateNotMet) as info:
        e.schedule_meeting(next(t), A, ref="M-1", what="review", why="", who="", where="HQ",
                           when=START + timedelta(days=2), how=" ")  # fmt: skip
    assert [m.rule_id for m in info.value.missing] == ["M1", "M1", "M1"]
    assert "Who" in str(info.value) and "How To" in str(info.value)


def test_minutes_carry_decisions_actions_with_owner_and_due_date_and_the_distribution_m2_m3() -> None:
    e, t = tv_brief()
    start = scheduled(e, t)
    minutes = {
        "ref": "M-1",
        "decisions": ["storyboard approved with a warmer ending"],
        "distribution": ["Wang (client)", "project team"],
        "evidence": "MIN-1",
    }
    assert refused(lambda: e.record_minutes(next(t), A, actions={}, **minutes)) == ["M2"]  # not held yet
    e.meeting(start + timedelta(hours=1), A, about="storyboard review", ref="M-1")
    bad = {"new ending": {"owner": "Wu"}, "cast list": {"owner": "", "due": "2026-03-12"}}
    with pytest.raises(GateNotMet, match="new ending, cast list") as info:
        e.record_minutes(start + timedelta(hours=2), A, actions=bad, **minutes)
    assert [m.rule_id for m in info.value.missing] == ["M2"]
    assert refused(lambda: e.confirm_minutes(start + timedelta(hours=3), C, ref="M-1", evidence="C")) == [
        "M3"
    ]
    good = {"new ending": {"owner": "Wu (copywriter)", "due": "2026-03-10"}}
    e.record_minutes(start + timedelta(hours=4), A, actions=good, **minutes)
    with pytest.raises(SignOffError):
        e.confirm_minutes(start + timedelta(hours=5), A, ref="M-1", evidence="C")
    e.confirm_minutes(start + timedelta(hours=6), C, ref="M-1", evidence="MIN-1-C")
    rec = roundtrip(e).meeting_records["M-1"]
    assert rec.minutes is not None and rec.minutes[2] == good and rec.confirmed == "MIN-1-C"
    o2 = next(d for d in e.duties if d.rule_id == "O2")
    assert o2.done_at == start + timedelta(hours=4)  # the report is the O2 duty done


def test_older_meeting_events_still_load_and_unknown_refs_are_refused() -> None:
    e, t = tv_brief()
    e.meeting(next(t), A, about="kick-off", call=True)  # the old form: about and call
    data = e.to_dict()
    assert data["events"][-1]["payload"] == {"about": "kick-off", "call": True}
    assert Engagement.from_dict(data) == e
    with pytest.raises(UnknownItemError, match="M-9"):
        e.meeting(next(t), A, about="x", ref="M-9")
    with pytest.raises(InvalidInputError):
        e.meeting(next(t), A, about=" ")


def test_a_meeting_is_the_same_event_whatever_the_order_of_its_keys() -> None:
    # Both shapes are tested by compiled checks in their schema's key order; another order takes
    # check_payload, which restores it: the engagement is the same either way, and a wrong key or
    # type is refused by name on both ways.
    e, t = tv_brief()
    start = START + timedelta(days=5)
    e.schedule_meeting(
        next(t), A, ref="M-1", what="storyboard review", why="approve it", who="Wang, Li",
        where="client HQ", when=start, how="presentation, then notes",
    )  # fmt: skip
    live, applied = Engagement.from_dict(e.to_dict()), Engagement.from_dict(e.to_dict())
    first, held = start - timedelta(hours=2), start + timedelta(hours=1)
    live.meeting(first, A, about="kick-off", call=True)
    live.meeting(held, A, about="storyboard review", call=False, ref="M-1")
    applied.apply(Event(first, A, "meeting", {"call": True, "about": "kick-off"}))
    applied.apply(Event(held, A, "meeting", {"ref": "M-1", "call": False, "about": "storyboard review"}))
    assert applied == live and applied.events == live.events
    assert live.meeting_records["M-1"].held_at == held
    later = held + timedelta(hours=1)
    for payload, fault in (
        ({"about": "x", "call": "no"}, "'call' must be bool"),
        ({"about": "x", "calls": True}, "payload keys"),
        ({"call": True, "about": "x", "ref": 7}, "'ref' must be text"),
    ):
        with pytest.raises(InvalidInputError, match=fault):
            live.apply(Event(later, A, "meeting", payload))
    assert live == applied


def test_an_agreed_routine_is_recorded() -> None:
    e, t = tv_brief()
    first = START + timedelta(days=7)
    e.agree_routine(next(t), C, routine="client_meetings", cadence="fortnightly", first=first)
    r = roundtrip(e).routines["client_meetings"]
    assert (r.rule_id, r.cadence, r.first) == ("O14", "fortnightly", first)


# -- one validation path: forged logs -----------------------------------------------------------------


def forged(e: Engagement, edit: Callable[[list[dict[str, Any]]], None]) -> dict[str, Any]:
    data = e.to_dict()
    edit(data["events"])
    data["count"] = len(data["events"])
    data["digest"] = log_digest(data["events"])
    return data


@pytest.mark.parametrize(
    ("kind", "rule_id"),
    [("sign_release", "G9"), ("sign_estimate", "E1"), ("approve_production", "P1"), ("hold_ppm", "P2")],
)
def test_a_forged_log_is_refused_naming_the_index_and_the_rule(kind: str, rule_id: str) -> None:
    e, t = tv_creative()
    to_film(e, t)
    found = [i for i, ev in enumerate(e.to_dict()["events"]) if ev["kind"] == kind]
    index = found[-1] if kind == "hold_ppm" else found[0]  # the final PPM; the first of the others
    data = forged(e, lambda events: events.pop(index))
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(data)
    assert info.value.rule_id == rule_id
    assert info.value.index is not None and info.value.index >= index


def test_a_forged_change_after_the_final_ppm_is_refused_g9() -> None:
    e, t = tv_creative()
    to_final_ppm(e, t)
    late = {"at": (START + timedelta(days=30)).isoformat(), "actor": C, "kind": "change_production",
            "payload": {"job": TV, "aspect": "cast", "change": "x"}, "evidence": None}  # fmt: skip
    data = forged(e, lambda events: events.append(late))
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(data)
    assert (info.value.index, info.value.rule_id) == (len(e), "G9")


def test_stage_and_party_checks_apply_to_the_new_kinds() -> None:
    e, _ = tv_brief()
    assert e.stage is Stage.BRIEF
    with pytest.raises(Exception, match="hold_ppm"):
        e.hold_ppm(START + timedelta(days=1), A, job=TV)  # production starts in creative


def test_the_status_report_shows_where_each_estimate_stands() -> None:
    from adservice.portfolio import status_report

    e, t = tv_brief()
    e.submit_estimate(next(t), A, job=TV, estimate="EST-1", amount=1, quantities={})
    row = next(r for r in status_report(e, date(2026, 3, 16)).rows if r.job == TV)
    assert (row.estimate, row.next_action) == (
        "submitted",
        "the responsible manager's approval of the estimate (E1)",
    )
    e.approve_estimate(next(t), M, job=TV, role="department_manager")
    row = next(r for r in status_report(e, date(2026, 3, 16)).rows if r.job == TV)
    assert row.estimate == "approved" and row.owner.startswith("client")
    assert row.to_dict()["estimate"] == "approved"


@pytest.mark.parametrize(
    ("without", "expected"),
    [(None, ["P2", "G9", "G9"]), ("G9", ["P2"]), ("P2", ["G9", "G9"])],
)
def test_without_a_rule_removes_exactly_its_rows_from_a_refusal(
    without: str | None, expected: list[str]
) -> None:
    book = Rulebook.standard() if without is None else Rulebook.standard().without(without)
    e, t = tv_creative(book)
    e.approve_production(next(t), C, job=TV, step="script", evidence="S")
    e.approve_production(next(t), C, job=TV, step="storyboard", evidence="SB")
    assert refused(lambda: e.shoot(next(t), A, job=TV)) == expected


@pytest.mark.parametrize("rule_id", ["P1", "M1", "M2", "M3", "E2"])
def test_each_new_gate_rule_is_cited_by_rows_of_the_table(rule_id: str) -> None:
    rows = TABLE.citing(rule_id)
    assert rows and all(g.rule_id == rule_id for g in rows)


# -- a random TV production against an independent model of P1, P2 and G9 --------------------------

OPS = st.lists(
    st.sampled_from(
        [
            ("approve", "script"),
            ("approve", "storyboard"),
            ("approve", "offline"),
            ("approve", "online"),
            ("ppm", False),
            ("ppm", True),
            ("change", "script"),
            ("change", "cast"),
            ("release", "model_release"),
            ("release", "clearances"),
            ("shoot", None),
        ]
    ),
    max_size=25,
)


def predicted(model: dict[str, Any], op: tuple[str, Any]) -> list[str]:
    """The rule ids the handbook's text says refuse ``op``, from the model alone."""
    kind, arg = op
    approved, final = model["approved"], model["final"]
    if kind == "approve":
        before = {"script": True, "storyboard": "script" in approved, "offline": model["shot"],
                  "online": "offline" in approved}[arg]  # fmt: skip
        return [] if before else ["P1"]
    if kind == "ppm":
        return ["P1"] * ("script" not in approved) + ["P1"] * ("storyboard" not in approved) + ["G9"] * final
    if kind == "change":
        return ["G9"] * final
    if kind == "shoot":
        releases = model["releases"]
        return (
            ["P2"] * (not final)
            + ["G9"] * ("model_release" not in releases)
            + ["G9"] * ("clearances" not in releases)
        )
    return []


def apply_model(model: dict[str, Any], op: tuple[str, Any]) -> None:
    kind, arg = op
    if kind == "approve":
        model["approved"].add(arg)
    elif kind == "ppm":
        model["final"] = model["final"] or arg
    elif kind == "change" and arg == "script":
        model["approved"].clear()
    elif kind == "release":
        model["releases"].add(arg)
    elif kind == "shoot":
        model["shot"] = True


@settings(max_examples=60, deadline=None)
@given(ops=OPS)
def test_a_random_production_refuses_exactly_what_the_model_predicts(ops: list[tuple[str, Any]]) -> None:
    e, t = tv_creative()
    model: dict[str, Any] = {"approved": set(), "final": False, "releases": set(), "shot": False}
    calls = {
        "approve": lambda arg: e.approve_production(next(t), C, job=TV, step=arg, evidence="DOC"),
        "ppm": lambda arg: e.hold_ppm(next(t), A, job=TV, final=arg),
        "change": lambda arg: e.change_production(next(t), C, job=TV, aspect=arg, change="x"),
        "release": lambda arg: e.sign_release(next(t), C, job=TV, document=arg, evidence="DOC"),
        "shoot": lambda arg: e.shoot(next(t), A, job=TV),
    }
    for op in ops:
        expected = predicted(model, op)
        before = len(e)
        try:
            calls[op[0]](op[1])
        except GateNotMet as error:
            assert [m.rule_id for m in error.missing] == expected, op
            assert len(e) == before
            continue
        assert expected == [], op
        apply_model(model, op)
    prod = e.productions.get(TV)
    if prod is not None:
        assert set(prod.approved) == model["approved"] and prod.frozen == model["final"]
        assert (prod.shot_at is not None) == model["shot"]
    assert Engagement.from_dict(e.to_dict()) == e == Engagement.replay(e.events, id="E", client="c")


def test_step_approvals_of_the_tvc_chain_count_as_the_clients_approval_p1() -> None:
    # The same approval may come through the production steps of the tvc_film chain (G5).
    e, t = tv_creative()
    for step in ("tvc_script", "tvc_storyboard"):
        e.submit_step(next(t), A, job=TV, step=step)
        e.approve_step(next(t), C, job=TV, step=step, evidence=f"AP-{step}")
    assert e.productions == {} or e.productions[TV].approved == ("script", "storyboard")
    e.hold_ppm(next(t), A, job=TV, final=True)  # P1 met through G5's approvals
    assert e.productions[TV].approved == ("script", "storyboard") and e.productions[TV].frozen
    assert roundtrip(e).productions == e.productions


def test_a_film_finished_through_the_production_record_is_delivered_and_its_clock_met_g5() -> None:
    # The converse of the test above: the approvals recorded on the production (P1), the final PPM
    # and the shoot settle the tvc_film chain's steps (G5), so the finished film can be delivered.
    e, t = tv_creative()
    assert refused(lambda: e.deliver(next(t), A, job=TV, evidence="FILM-1")) == ["G5"]
    to_film(e, t)
    assert e.waiting_step(TV) is None
    e.deliver(next(t), A, job=TV, evidence="FILM-1")
    clock = e.clocks()[TV]
    assert clock.stopped_at is not None and clock.stopped_at <= clock.due
    assert roundtrip(e).clocks() == e.clocks()
