"""The kernel's promises, checked on the engagement: one validation path, lossless logs, rules as rows."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice.calendar import WorkCalendar
from adservice.calendar.workcalendar import exact_instant
from adservice.deadlines import job_clock
from adservice.deadlines.rush import assess_rush
from adservice.demo import demo_engagement
from adservice.engagement import GATES, TABLE, Engagement, Stage
from adservice.engagement.engagement import V1_KINDS
from adservice.engagement.numbers import check_job_number
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    ChronologyError,
    DuplicateNumberError,
    DurationOutOfRangeError,
    GateNotMet,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    SchemaError,
    SignOffError,
    TransitionNotAllowed,
    UnknownItemError,
)
from adservice.issues import ClientIssue
from adservice.kernel import (
    Action,
    Event,
    Gate,
    MachineTable,
    Move,
    instant_text,
    log_digest,
    parse_instant_text,
)
from adservice.numbering import JobNumberFormat
from adservice.portfolio import overdue_report, status_report
from adservice.rulebook import Rulebook

from .lifecycle_walk import BRIEFING, START, TEAM, A, C, clock, to_booking, to_brief, to_closed, to_pitch

NY = ZoneInfo("America/New_York")


def resealed(data: dict[str, Any]) -> dict[str, Any]:
    """What an attacker does after editing the log: recompute the count and the digest."""
    data["count"] = len(data["events"])
    data["digest"] = log_digest(data["events"])
    return data


def demo_data() -> dict[str, Any]:
    return json.loads(json.dumps(demo_engagement().to_dict()))


# -- one validation path ---------------------------------------------------------------

CLIENT_SIGNED = (
    "receive_invitation",
    "sign_contract",
    "sign_off",
    "receive_prepayment",
    "approve_fee_list",
    "agree_strategy",
    "receive_work_order",
    "confirm_schedule",
)


@pytest.mark.parametrize("kind", CLIENT_SIGNED)
def test_removing_the_evidence_of_a_client_signed_event_is_refused_on_load(kind: str) -> None:
    data = demo_data()
    hits = [i for i, ev in enumerate(data["events"]) if ev["kind"] == kind]
    assert hits, kind
    for i in hits:
        forged = copy.deepcopy(data)
        forged["events"][i]["evidence"] = None
        with pytest.raises(SchemaError) as info:
            Engagement.from_dict(resealed(forged))
        assert info.value.index == i and info.value.rule_id == TABLE.action(kind).rule_id  # type: ignore[union-attr]


def test_the_same_checks_run_live_apply_replay_and_load() -> None:
    e = Engagement("E", "c").assign_team(START, A, team=TEAM)
    forged = Event(
        START + timedelta(days=1), "agency:Chen", "receive_invitation", {}, "INV-1"
    )  # not the client
    for attempt in (
        lambda: e.apply(forged),
        lambda: Engagement.replay([*e.events, forged], id="E", client="c"),
    ):
        with pytest.raises(SignOffError):
            attempt()
    data = e.to_dict()
    data["events"].append(forged.to_dict())
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert info.value.index == len(e) and info.value.rule_id == "L1"
    assert len(e) == 1  # nothing partial


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda ev: ev.update(actor="client:"), SignOffError),  # a party with no named signatory
        (lambda ev: ev.update(actor="client: "), SignOffError),
        (lambda ev: ev["payload"].update(extra=1), InvalidInputError),
        (lambda ev: ev["payload"].pop("jobs"), InvalidInputError),
        (lambda ev: ev["payload"].update(jobs='\x00["BJ-202601-01"]'), InvalidInputError),
        (lambda ev: ev["payload"].update(jobs=[]), InvalidInputError),
    ],
)
def test_a_forged_work_order_is_refused_by_every_way_in(edit: Any, error: type[Exception]) -> None:
    data = demo_data()
    i = next(i for i, ev in enumerate(data["events"]) if ev["kind"] == "receive_work_order")
    edit(data["events"][i])
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(copy.deepcopy(data)))
    assert info.value.index == i
    prefix = [Event.from_dict(ev) for ev in data["events"][:i]]
    with pytest.raises(error):
        Engagement.replay([*prefix, Event.from_dict(data["events"][i])], id="E", client="c")


def test_a_job_number_given_as_frozen_text_is_refused() -> None:
    e = to_brief(Engagement("E", "c"), clock())
    with pytest.raises(InvalidInputError, match="must be text"):
        e.apply(
            Event(
                START + timedelta(days=2),
                C,
                "request_rush",
                {"job": '\x00["J1"]', "requested_due": "2026-04-01", "history": []},
            )
        )
    with pytest.raises(InvalidInputError):
        e.add_job_order(
            START + timedelta(days=2),
            A,
            number="\x00[1]",
            item="print_single",
            description="d",
            creative_brief="b",
        )


def test_rush_requests_are_assessed_from_the_log() -> None:
    data = demo_data()
    i = next(i for i, ev in enumerate(data["events"]) if ev["kind"] == "request_rush")
    forged = copy.deepcopy(data)
    forged["events"][i]["payload"]["assessment"] = {"outcome": "accept"}  # a forged assessment
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(forged))
    assert info.value.index == i
    forged = copy.deepcopy(data)
    del forged["events"][i]["payload"]["requested_due"]  # refused on load, not a later KeyError
    with pytest.raises(SchemaError):
        Engagement.from_dict(resealed(forged))


def test_truncated_or_edited_files_are_refused_but_a_prefix_replays_on_purpose() -> None:
    data = demo_data()
    short = copy.deepcopy(data)
    short["events"].pop()
    with pytest.raises(SchemaError, match="truncated"):
        Engagement.from_dict(short)
    edited = copy.deepcopy(data)
    edited["events"][3]["evidence"] = "X-1"
    with pytest.raises(SchemaError, match="digest"):
        Engagement.from_dict(edited)
    e = demo_engagement()
    part = Engagement.replay(e.events[:20], id=e.id, client=e.client)
    assert len(part) == 20 and Engagement.from_dict(part.to_dict()) == part


@pytest.mark.parametrize(
    ("key", "value"), [("schema", 3.0), ("schema", "3"), ("count", 61.0), ("count", "61")]
)
def test_a_schema_or_count_of_another_type_is_refused(key: str, value: object) -> None:
    # The header's numbers are ints, checked by type as strictly as a payload's: 3.0 == 3 in Python,
    # but a file that says 3.0 was not written by to_dict.
    data = demo_data()
    assert data[key] == value or str(data[key]) == value  # the same number, another type
    data[key] = value
    with pytest.raises(SchemaError, match=key if key == "schema" else "events"):
        Engagement.from_dict(data)
    issue = ClientIssue.receive(
        START, A, issue_id="CI-1", client="c", contact="x", channel="phone", description="d"
    )
    saved = issue.to_dict()
    saved[key] = 3.0 if key == "schema" else float(saved["count"])
    with pytest.raises(SchemaError):
        ClientIssue.from_dict(saved)


_SCHEMA2 = Path(__file__).parent / "fixtures" / "logs" / "demo-schema2.json"


def test_version_2_logs_still_load() -> None:
    """A file saved by schema 2 (the demo before issue 11) loads, judged by the rules it was recorded
    under: issue 11's rules are disabled in its rulebook, which is saved with it."""
    data = json.loads(_SCHEMA2.read_text(encoding="utf-8"))
    e = Engagement.from_dict(data)
    assert e.stage.value == "closed" and e.revision_rounds == 1
    assert e.job_orders["BJ-202601-01"].revision == 1  # re-added under its number, as schema 2 did
    assert not e.rulebook.rule("L13").enabled and not e.rulebook.rule("G5").enabled
    assert e.rulebook.rule("G4").enabled
    again = Engagement.from_dict(json.loads(json.dumps(e.to_dict())))
    assert again == e and again.to_dict()["schema"] == 3
    edited = copy.deepcopy(data)
    edited["events"][3]["evidence"] = "X-1"
    with pytest.raises(SchemaError, match="digest"):
        Engagement.from_dict(edited)


def test_version_1_logs_still_load() -> None:
    data = json.loads(_SCHEMA2.read_text(encoding="utf-8"))
    e = Engagement.from_dict(data)
    old = {new: v1 for v1, new in V1_KINDS.items()}
    for ev in data["events"]:
        ev["kind"] = old.get(ev["kind"], ev["kind"])
        if ev["kind"] == "rush_request":
            del ev["payload"]["history"]
            ev["payload"]["assessment"] = {"outcome": "whatever version 1 wrote"}  # recomputed, not trusted
    v1 = {k: v for k, v in data.items() if k not in {"count", "digest"}} | {"schema": 1}
    again = Engagement.from_dict(v1)
    assert again == e and again.rush_assessments()[0][1] == e.rush_assessments()[0][1]


@pytest.mark.parametrize(
    "bad",
    [
        lambda: Engagement("E", "c", calendar=5),  # type: ignore[arg-type]
        lambda: Engagement("E", "c", rulebook="standard"),  # type: ignore[arg-type]
        lambda: Engagement.replay(5, id="E", client="c"),  # type: ignore[arg-type]
        lambda: Engagement.from_dict({1: 2}),
        lambda: Engagement.from_dict([]),
    ],
)
def test_wrong_types_raise_documented_errors(bad: Any) -> None:
    with pytest.raises(AdServiceError):
        bad()


@pytest.mark.parametrize(
    "at",
    [
        datetime.max.replace(tzinfo=timezone.utc),
        datetime.min.replace(tzinfo=timezone.utc),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=8))),
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-8))),
    ],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda e, at: e.meeting(at, A, about="x"),
        lambda e, at: e.receive_invitation(at, C, evidence="I"),
        lambda e, at: e.hold(at, C),
        lambda e, at: e.record(at, [A], "question_list"),  # an unhashable actor
    ],
)
def test_extreme_instants_are_refused_or_round_trip(at: datetime, call: Any) -> None:
    e = Engagement("E", "c")
    try:
        call(e, at)
    except AdServiceError:
        assert len(e) == 0
        return
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    assert e.as_of(at) == e


def test_missing_names_the_triggers_of_a_typo() -> None:
    with pytest.raises(TransitionNotAllowed) as info:
        Engagement("E", "c").missing("winn")
    assert "win" in info.value.allowed and "start_pitch" in info.value.allowed


# -- lossless values ----------------------------------------------------------------------


def test_chronology_and_equality_are_by_instant_in_the_fold() -> None:
    first = datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=NY)  # 06:10 UTC, the second 01:10
    later_wall = datetime(2025, 11, 2, 1, 50, fold=0, tzinfo=NY)  # 05:50 UTC: earlier
    e = Engagement("E", "c")
    e.meeting(first, A, about="x")
    with pytest.raises(ChronologyError):
        e.meeting(later_wall, A, about="y")
    assert Event(first, A, "m") != Event(first.replace(fold=0), A, "m")
    again = Engagement.from_dict(json.loads(json.dumps(e.to_dict())))
    assert again == e and again.events[0].at.fold == 1 and again.events[0].at.tzinfo == NY


@pytest.mark.parametrize("fold", [0, 1])
def test_a_wall_time_in_a_spring_forward_gap_round_trips(fold: int) -> None:
    # 02:30 on 2026-03-08 does not exist in New York; a live call takes it (fold picks the offset,
    # PEP 495), so the saved file must load back to the same instant, zone and fold.
    gap = datetime(2026, 3, 8, 2, 30, fold=fold, tzinfo=NY)
    e = Engagement("E", "c")
    e.meeting(gap, A, about="x")
    e.meeting(gap + timedelta(hours=2), A, about="y")
    again = Engagement.from_dict(json.loads(json.dumps(e.to_dict())))
    back = again.events[0].at
    assert again == e and back.tzinfo == NY and back.fold == fold
    assert back.timestamp() == gap.timestamp() and back.utcoffset() == gap.utcoffset()
    assert parse_instant_text(instant_text(gap)).timestamp() == gap.timestamp()
    with pytest.raises(SchemaError):  # neither of the zone's offsets around the gap
        parse_instant_text("2026-03-08T02:30:00-06:00[America/New_York]")


def test_a_zone_that_is_not_what_its_key_says_is_refused_at_the_call() -> None:
    # A ZoneInfo subclass answering its own offsets would be saved under the key of a zone that has
    # other offsets, and the file would not load: refused where it is given, and nothing changes.
    class Moved(ZoneInfo):
        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=3)

    e = Engagement("E", "c")
    with pytest.raises(InvalidInputError, match="time zone"):
        e.meeting(datetime(2026, 1, 5, 10, tzinfo=Moved("Asia/Shanghai")), A, about="x")
    assert len(e) == 0 and Engagement.from_dict(e.to_dict()) == e


def test_zone_keys_survive_a_round_trip() -> None:
    at = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    text = instant_text(at)
    assert text == "2026-03-02T09:00:00+08:00[Asia/Shanghai]"
    back = parse_instant_text(text)
    assert back == at and back.tzinfo == ZoneInfo("Asia/Shanghai")
    with pytest.raises(SchemaError):
        parse_instant_text("2026-03-02T09:00:00+07:00[Asia/Shanghai]")  # not that zone's offset
    with pytest.raises(SchemaError):
        parse_instant_text("2026-03-02T09:00:00+08:00[Mars/Olympus]")


def test_a_loaded_log_keeps_one_zone_and_one_text_object_per_value() -> None:
    # json.loads makes a new timezone per instant and a new string per actor: the loader keeps one
    # of each (memory per engagement, and comparisons of the same object), values unchanged.
    e = to_closed(Engagement("E-1", "Huaxia"), clock())
    loaded = Engagement.from_dict(json.loads(json.dumps(e.to_dict())))
    assert loaded == e and [ev.at for ev in loaded.events] == [ev.at for ev in e.events]
    assert len({id(ev.at.tzinfo) for ev in loaded.events}) == 1
    assert len({id(ev.actor) for ev in loaded.events if ev.actor == C}) == 1
    assert len({id(ev.kind) for ev in loaded.events if ev.kind == "record"}) == 1
    shanghai = ZoneInfo("Asia/Shanghai")
    zoned = to_pitch(Engagement("E-2", "Huaxia"), clock(START.astimezone(shanghai)))
    back = Engagement.from_dict(json.loads(json.dumps(zoned.to_dict())))
    assert {ev.at.tzinfo for ev in back.events} == {shanghai} and back == zoned


class _NoOffset(timezone.__base__):  # type: ignore[name-defined,misc]
    def utcoffset(self, dt: datetime | None) -> None:
        return None


def test_values_json_cannot_hold_are_refused_at_the_call() -> None:
    e = Engagement("E", "c")
    with pytest.raises(AdServiceError):
        e.meeting(datetime(2026, 3, 2, 9, tzinfo=_NoOffset()), A, about="x")
    with pytest.raises(InvalidInputError):
        e.meeting(START, A, about=float("nan"))  # type: ignore[arg-type]
    deep: Any = "x"
    for _ in range(10_000):
        deep = {"k": deep}
    with pytest.raises(InvalidInputError, match="deeper"):
        Event(START, A, "meeting", {"about": deep})
    with pytest.raises(InvalidInputError, match="deeper"):
        e.receive_invitation(START, C, evidence="I")
        to_brief(Engagement("E", "c"), clock()).receive_briefing(START + timedelta(days=3), C, contents=deep)
    assert len(Engagement("E", "c")) == 0


# -- every requirement cites its own rule ---------------------------------------------------

EXPECTED = {
    "invitation": "L1",
    "team": "G7",
    "quote_approved": "G6",
    "quote_submitted": "G6",
    "contract": "L2",
    "project_plan": "G7",
    "client_briefing": "L3",
    "strategy": "G1",
    "job_orders": "G2",
    "job_orders_complete": "G2",
    "work_order": "G3",
    "internal_review": "L4",
    "all_signed_off": "G8",  # execution (media booking) only after the client fully confirmed
    "schedule_confirmed": "G4",
    "booked": "L5",
    "prepaid": "G10",
    "fee_list": "O7",
    "placed": "L5",
    "execution_reports": "O5",
    "analysis": "L6",
    # issue 11 §1-§3
    "question_list": "L7",
    "meeting_minutes": "L8",
    "internal_briefing": "L9",
    "work_briefing": "L10",
    "steps_approved": "G5",
    "revisions_delivered": "L11",
    # issue 11 §5-§7: the requirement rows of the TV production, estimate and meeting records
    "tvc_job": "P1",
    "script_approved": "P1",
    "storyboard_approved": "P1",
    "offline_approved": "P1",
    "shot": "P1",
    "final_ppm": "P2",
    "not_frozen": "G9",
    "model_release": "G9",
    "clearances": "G9",
    "estimate_submitted": "E1",
    "estimate_approver": "E1",
    "estimate_approved": "E1",
    "estimates_signed": "E1",
    "written_change": "E2",
    **{f"meeting_{w}": "M1" for w in ("what", "why", "who", "where", "when", "how")},
    "meeting_held": "M2",
    "actions_complete": "M2",
    "minutes_recorded": "M3",
}


def test_each_requirement_row_cites_its_rule() -> None:
    assert {g.key: g.rule_id for g in GATES} == EXPECTED
    assert TABLE.action("request_revision").rule_id == "G5"  # type: ignore[union-attr]


@pytest.mark.parametrize("rule_id", sorted(set(EXPECTED.values())))
def test_without_a_rule_removes_exactly_the_rows_that_cite_it(rule_id: str) -> None:
    full = to_closed(Engagement("E", "c"), clock())
    relaxed_book = Rulebook.standard().without(rule_id)
    for k in range(len(full) + 1):
        e = Engagement.replay(full.events[:k], id="E", client="c")
        relaxed = Engagement.replay(full.events[:k], id="E", client="c", rulebook=relaxed_book)
        assert relaxed.requirements() == tuple(r for r in e.requirements() if r.rule_id != rule_id)


def test_without_l6_closes_with_no_analysis_and_without_o5_still_needs_it() -> None:
    def to_analysis(book: Rulebook) -> Engagement:
        t = clock()
        e = to_booking(Engagement("E", "c", rulebook=book), t)
        e.confirm_schedule(next(t), C, evidence="MS")
        e.book_media(next(t), A, placement=date(2026, 5, 20))
        e.receive_prepayment(next(t), C, evidence="PP")
        e.approve_fee_list(next(t), C, evidence="FL")
        e.place(next(t), A, start=date(2026, 5, 20), end=date(2026, 5, 27))
        e.start_post_analysis(next(t), A)
        e.report_execution(next(t), A, round=1)
        return e

    assert (
        to_analysis(Rulebook.standard().without("L6")).close(START + timedelta(days=9), A).stage
        is Stage.CLOSED
    )
    e = to_analysis(Rulebook.standard().without("O5"))
    with pytest.raises(GateNotMet) as info:
        e.close(START + timedelta(days=9), A)
    assert [m.rule_id for m in info.value.missing] == ["L6"]


def test_record_gates_cite_the_same_rules() -> None:
    t = clock()
    e = to_booking(Engagement("E", "c"), t)
    with pytest.raises(GateNotMet) as info:
        e.book_media(next(t), A, placement=date(2026, 5, 20))
    assert [m.rule_id for m in info.value.missing] == ["G4"]
    e.confirm_schedule(next(t), C, evidence="MS")
    with pytest.raises(GateNotMet) as info:
        e.place(next(t), A, start=date(2026, 5, 20), end=date(2026, 5, 27))
    assert [m.rule_id for m in info.value.missing] == ["L5", "G10", "O7"]


def test_a_broken_table_is_refused_when_built() -> None:
    rows: dict[str, Any] = {
        "name": "t",
        "stages": ("a", "b"),
        "initial": "a",
        "finals": ("b",),
        "moves": (Move("go", "a", "b", ("k",)),),
        "actions": (Action("go"),),
        "gates": (Gate("k", "G1", "k", "agency", "k"),),
    }
    MachineTable(**rows)
    for change, words in [
        ({"stages": ("a", "b", "c")}, "unreachable"),
        ({"moves": (Move("go", "a", "b", ("k",)), Move("back", "b", "a"))}, "final"),
        ({"moves": (Move("go", "a", "b", ("nope",)),)}, "unknown key"),
        ({"actions": (Action("go"), Action("go"))}, "duplicate"),
        ({"gates": (Gate("k", "Z9", "k", "agency", "k"),)}, "Z9"),
    ]:
        with pytest.raises(RuntimeError, match=words):
            MachineTable(**(rows | change))


# -- forged logs: any single-field edit is refused or replays to an equal engagement -----------

_DATA = demo_data()
_FIELDS = [
    (i, key) for i, ev in enumerate(_DATA["events"]) for key in ("at", "actor", "kind", "evidence")
] + [(i, ("payload", k)) for i, ev in enumerate(_DATA["events"]) for k in ev["payload"]]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=6),
    st.sampled_from(
        ["client:", "agency:X", "client:Y", "2026-02-30", "\x00[1]", "BJ-202601-01", *TABLE.kinds]
    ),
    st.sampled_from([ev["at"] for ev in _DATA["events"]]),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(_FIELDS), value=_VALUES)
def test_any_single_field_edit_is_refused_or_replays_equal(field: tuple[int, Any], value: Any) -> None:
    data = copy.deepcopy(_DATA)
    i, key = field
    if isinstance(key, tuple):
        data["events"][i]["payload"][key[1]] = value
    else:
        data["events"][i][key] = value
    try:
        e = Engagement.from_dict(resealed(data))
    except SchemaError as error:
        # the edited event, or a later one the edit makes inconsistent (e.g. out of order)
        assert error.index is not None and error.index >= i
        return
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    assert Engagement.replay(e.events, id=e.id, client=e.client) == e


# -- speed: loading is linear -------------------------------------------------------------------


def _load_seconds(n: int) -> float:
    e = to_pitch(Engagement("E", "c"), clock())
    t = START + timedelta(days=2)
    for i in range(n):
        e.record(t + timedelta(minutes=i), A, "meeting_minutes")
    data = e.to_dict()
    best = float("inf")
    for _ in range(3):
        began = time.process_time()  # CPU time: the other processes of a busy machine do not count
        again = Engagement.from_dict(data)
        best = min(best, time.process_time() - began)
    assert len(again) == n + 6
    return best


def test_a_long_log_loads_in_linear_time() -> None:
    """The log is appended to, not copied per event: four times the events, about four times the time."""
    small, big = _load_seconds(5_000), _load_seconds(20_000)
    assert big < 10 * small, (small, big)  # copying the log per event would make it 16 times


# -- duties and clocks through the deadlines API ------------------------------------------------


def _placed(fee_list_at: datetime) -> Engagement:
    t = clock()
    e = to_booking(Engagement("E", "c"), t)
    e.confirm_schedule(next(t), C, evidence="MS")
    e.book_media(next(t), A, placement=date(2026, 5, 20))
    e.receive_prepayment(next(t), C, evidence="PP")
    e.approve_fee_list(fee_list_at, C, evidence="FL")
    e.place(fee_list_at + timedelta(hours=1), A, start=date(2026, 5, 20), end=date(2026, 5, 27))
    return e


def test_duties_are_due_values_done_from_the_log() -> None:
    from adservice.deadlines import Due, execution_report, fee_list

    on_time = _placed(START + timedelta(days=5))
    (o7,) = [d for d in on_time.duties if d.rule_id == "O7"]
    assert isinstance(o7, Due) and o7.subject == "E"
    assert o7.due == fee_list(date(2026, 5, 20), calendar=on_time.calendar).due  # type: ignore[union-attr]
    assert o7.done_at == START + timedelta(days=5) and not o7.is_late(START + timedelta(days=90))
    late = _placed(datetime(2026, 5, 19, 9, tzinfo=START.tzinfo))  # the day before placement
    (o7_late,) = [d for d in late.duties if d.rule_id == "O7"]
    june = datetime(2026, 6, 1, tzinfo=START.tzinfo)
    assert o7_late.is_late(june) and o7_late.status(june) == "late"
    (o5,) = [d for d in late.duties if d.rule_id == "O5"]
    assert o5.done_at is None
    assert o5.due == execution_report(date(2026, 5, 27), 1, calendar=late.calendar).due  # type: ignore[union-attr]
    late.report_execution(datetime(2026, 5, 28, 9, tzinfo=START.tzinfo), A, round=1)
    (o5,) = [d for d in late.duties if d.rule_id == "O5"]
    assert o5.done_at == datetime(2026, 5, 28, 9, tzinfo=START.tzinfo)


def test_clocks_and_duties_are_cached_until_the_log_grows() -> None:
    e = demo_engagement()
    assert e.duties is e.duties
    first = e.clocks()
    assert first == e.clocks()
    n = len(e.duties)
    again = Engagement.replay(e.events[:-1], id=e.id, client=e.client)
    again.apply(e.events[-1])
    assert len(again.duties) == n


# -- job numbers (issue 9 §3) ---------------------------------------------------------------------

FMT = JobNumberFormat()
J1, J2 = "CR-202603-01-Chen", "CR-202603-02-Chen"


def job(e: Engagement, at: datetime, number: str, item: str = "print_single") -> Engagement:
    return e.add_job_order(at, A, number=number, item=item, description="d", creative_brief="b")


def test_a_job_format_checks_every_job_number_at_the_call_and_is_saved() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c", job_format=FMT), t)
    for bad in ("J1", "CR-202613-01-Chen", "CR-202603-1-Chen"):
        with pytest.raises(MalformedNumberError):
            job(e, next(t), bad)
    assert e.job_orders == {} and len(e) == 12
    job(e, next(t), J1)
    data = json.loads(json.dumps(e.to_dict()))
    assert data["job_format"] == {"spec": FMT.spec, "revision": FMT.revision}
    again = Engagement.from_dict(data)
    assert again == e and again.job_format == FMT
    assert again != Engagement.from_dict({k: v for k, v in data.items() if k != "job_format"})
    assert "job_format" not in fresh_data()  # not saved when not set: such files stay as they were
    with pytest.raises(InvalidInputError):
        Engagement("E", "c", job_format="{dept}")  # type: ignore[arg-type]


def fresh_data() -> dict[str, Any]:
    return Engagement("E", "c").to_dict()


def test_a_job_number_the_format_refuses_is_refused_on_load_naming_the_event() -> None:
    t = clock()
    e = job(to_brief(Engagement("E", "c", job_format=FMT), t), next(t), J1)
    data = json.loads(json.dumps(e.to_dict()))
    i = next(i for i, ev in enumerate(data["events"]) if ev["kind"] == "add_job_order")
    data["events"][i]["payload"]["number"] = "CR-202603-1-Chen"
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert info.value.index == i and "position 11" in str(info.value)
    plain = {k: v for k, v in data.items() if k != "job_format"}  # without the format it is just text
    assert Engagement.from_dict(resealed(plain)).job_orders.keys() == {"CR-202603-1-Chen"}
    data["job_format"] = {"spec": "{dept}", "revision": "-R{rev}"}  # a format that cannot be built
    with pytest.raises(SchemaError, match="settings"):
        Engagement.from_dict(data)


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("J\x071", MalformedNumberError),  # a control character
        ("J\u200b1", MalformedNumberError),  # an invisible one
        ("J" * 65, MalformedNumberError),  # longer than any job number
        ("\x00[1]", InvalidInputError),  # frozen-looking text: refused by the payload's type
    ],
)
def test_numbers_no_format_could_mean_are_refused_on_every_path(number: str, error: type) -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    with pytest.raises(error):
        job(e, next(t), number)
    assert e.job_orders == {}
    ok = job(to_brief(Engagement("E", "c"), clock()), START + timedelta(days=2), "J1")
    data = json.loads(json.dumps(ok.to_dict()))
    data["events"][-1]["payload"]["number"] = number
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert info.value.index == len(data["events"]) - 1
    event = Event(START + timedelta(days=2), A, "add_job_order", data["events"][-1]["payload"])
    with pytest.raises(error):
        to_brief(Engagement("E", "c"), clock()).apply(event)
    assert check_job_number("J" * 64, None) is None  # the longest number taken


def test_a_number_is_one_job_never_a_silent_revision() -> None:
    """L13: re-adding a number is refused in every stage; revisions are opened by the client's request."""
    t = clock()
    e = job(to_brief(Engagement("E", "c"), t), next(t), "J1")
    with pytest.raises(DuplicateNumberError, match="L13"):
        job(e, next(t), "J1")
    e.agree_strategy(next(t), C, evidence="ST")
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    e.start_creative(next(t), A)
    for number, item in (("J1", "print_single"), ("J1", "media_schedule"), ("J1-R1", "print_single")):
        with pytest.raises(DuplicateNumberError, match="L13"):
            job(e, next(t), number, item=item)
    assert set(e.job_orders) == {"J1"} and e.job_orders["J1"].revision == 0
    data = json.loads(json.dumps(e.to_dict()))
    forged = {
        "at": data["events"][-1]["at"],
        "actor": A,
        "kind": "add_job_order",
        "evidence": None,
        "payload": {"number": "J1", "item": "print_single", "description": "d", "creative_brief": "b"},
    }
    data["events"].append(forged)
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert info.value.index == len(data["events"]) - 1 and info.value.rule_id == "L13"


def test_without_l13_a_re_added_number_revises_the_job_as_schema_2_did() -> None:
    t = clock()
    e = job(to_brief(Engagement("E", "c", rulebook=Rulebook.standard().without("L13")), t), next(t), "J1")
    with pytest.raises(DuplicateNumberError):
        job(e, next(t), "J1")  # in brief a second job order with the number is a second job
    e.agree_strategy(next(t), C, evidence="ST")
    e.receive_briefing(next(t), C, contents=BRIEFING)
    e.record(next(t), A, "work_briefing", evidence="WB")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    e.start_creative(next(t), A)
    with pytest.raises(DuplicateNumberError, match="print_single"):
        job(e, next(t), "J1", item="media_schedule")
    job(e, next(t), "J1")
    assert e.job_orders["J1"].revision == 1
    assert Engagement.from_dict(e.to_dict()) == e


def test_with_a_format_a_number_never_repeats_another_jobs_key() -> None:
    t = clock()
    e = job(to_brief(Engagement("E", "c", job_format=FMT), t), next(t), J1)
    with pytest.raises(DuplicateNumberError, match="would repeat"):
        job(e, next(t), "CR-202603-01-Wang")  # same department, month and sequence
    job(e, next(t), J2)
    assert set(e.job_orders) == {J1, J2}


def test_a_rush_is_assessed_when_asked_and_an_impossible_one_refused_at_the_call() -> None:
    t = clock()
    e = to_brief(Engagement("E", "c"), t)
    job(e, next(t), "J1")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO")
    with pytest.raises(CalendarRangeError):
        e.request_rush(next(t), C, job="J1", requested_due_date=date(2300, 1, 1))
    with pytest.raises(UnknownItemError):
        e.request_rush(next(t), C, job="J9", requested_due_date=date(2026, 3, 20))
    at = next(t)
    e.request_rush(at, C, job="J1", requested_due_date=date(2026, 3, 5), history=[START - timedelta(days=3)])
    ((event, assessment),) = e.rush_assessments()
    expected = assess_rush(
        "print_single",
        e.work_orders[0].at,
        date(2026, 3, 5),
        history=[START - timedelta(days=3)],
        calendar=e.calendar,
        rulebook=e.rulebook,
        as_of=at,
    )
    assert event.kind == "request_rush" and assessment == expected
    assert Engagement.from_dict(e.to_dict()).rush_assessments() == e.rush_assessments()


# -- the fast path accepts exactly what the ordered checks accept -----------------------------------

_KINDS = tuple(TABLE.kinds)
_PAYLOADS: tuple[dict[str, Any], ...] = (
    {},
    {"document": "project_plan"},
    {"document": "internal_review"},
    {"document": "nonsense"},
    {"quote": "Q1", "role": "department_manager"},
    {"role": "department_manager", "quote": "Q1"},  # another key order
    {"quote": "Q1"},
    {"quote": " "},
    {"changes": "x"},
    {"reason": "away"},
    {"round": 1},
    {"round": True},
    {"deliverable": "creative"},
    {"placement": "2026-05-20"},
    {"placement": "2026-5-20"},
    {"start": "2026-05-20", "end": "2026-05-27"},
    {"about": "call", "call": True},
    {"about": "call", "call": 1},
    {"x": 1},
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.integers(0, 60),
    kind=st.sampled_from(_KINDS),
    actor=st.sampled_from((A, C, "client:", "media:Li", "x", 5)),
    evidence=st.sampled_from((None, "DOC", " ", 3)),
    payload=st.sampled_from(_PAYLOADS),
    shift=st.sampled_from((timedelta(0), timedelta(hours=-1), timedelta(days=400), timedelta(hours=1))),
    zone=st.sampled_from((None, NY, timezone(timedelta(hours=-5)))),
)
def test_the_fast_path_and_the_ordered_checks_agree(  # noqa: PLR0917 - one argument per strategy
    prefix: int, kind: str, actor: Any, evidence: Any, payload: dict[str, Any], shift: timedelta, zone: Any
) -> None:
    """The kernel's fast way (compiled steps) and its ordered checks accept and refuse the same events."""
    events = demo_engagement().events[:prefix]
    last = events[-1].at if events else START
    at = last + shift
    at = at.astimezone(zone) if zone is not None else at
    flat = tuple(x for pair in payload.items() for x in pair)
    outcomes = []
    for way in ("_append", "_append_checked"):
        e = Engagement.replay(events, id="E", client="c")
        try:
            getattr(e, way)(at, actor, kind, flat, evidence)
            outcomes.append(("accepted", json.dumps(e.to_dict(), sort_keys=True), e.stage))
        except AdServiceError as error:
            outcomes.append((type(error).__name__, "", e.stage))
    assert outcomes[0] == outcomes[1]


def test_the_digest_is_of_the_canonical_log_so_reordered_keys_still_load() -> None:
    # Canonical JSON (sorted keys): a tool that rewrites the file with its keys in another order
    # changes nothing the digest covers; the events replay to the same engagement.
    data = demo_data()
    i = next(i for i, ev in enumerate(data["events"]) if len(ev["payload"]) > 1)
    data["events"][i]["payload"] = dict(reversed(data["events"][i]["payload"].items()))
    data["events"][i] = dict(reversed(data["events"][i].items()))
    assert Engagement.from_dict(data) == demo_engagement()
    canonical = json.dumps(data["events"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert data["digest"] == hashlib.sha256(canonical.encode()).hexdigest()


def test_a_kind_without_payload_refuses_payload_keys() -> None:
    e = to_pitch(Engagement("E", "c"), clock())
    with pytest.raises(InvalidInputError, match="payload keys"):
        e.apply(Event(START + timedelta(days=1), C, "win", {"x": 1}))


_HUGE = 10**5000  # more digits than JSON text (CPython's int <-> text limit of 4300) can carry
_LONE = "draft \ud800"  # a lone surrogate: not UTF-8, so not JSON text


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda e, t: e.meeting(t, A, about=_LONE), "'about'"),
        (lambda e, t: e.meeting(t, "agency:Li \udc00", about="x"), "actor"),
        (lambda e, t: e.receive_invitation(t, C, evidence="INV-\ud800"), "evidence"),
        (lambda e, t: e.record(t, A, "question_list", evidence=_LONE), "evidence"),
    ],
    ids=["payload text", "actor", "evidence", "record evidence"],
)
def test_text_json_cannot_carry_is_refused_at_the_call_and_changes_nothing(call: Any, what: str) -> None:
    # Accepted, it could never be saved (to_dict's digest is of UTF-8 JSON text): refused where given.
    e = Engagement("E", "c")
    e.meeting(START, A, about="first visit")
    before = e.to_dict()
    with pytest.raises(InvalidInputError, match=what):
        call(e, START + timedelta(hours=1))
    assert e.to_dict() == before


def test_values_json_cannot_carry_are_refused_on_every_path() -> None:
    e = Engagement("E", "c")
    e.meeting(START, A, about="first visit")
    later = START + timedelta(hours=1)
    for payload in ({"about": _LONE, "call": False}, {"about": "x", "call": False, "n": _HUGE}):
        with pytest.raises(InvalidInputError):  # the event itself cannot be built
            Event(later, A, "meeting", payload)
    data = e.to_dict()
    for key, value in (("about", _LONE), ("call", _HUGE)):
        forged = copy.deepcopy(data)
        forged["events"][0]["payload"][key] = value  # no digest can be written for it either
        with pytest.raises(SchemaError):
            Engagement.from_dict(forged)
    # what JSON can carry stays accepted: non-ASCII text, and ints up to 4300 digits
    e.meeting(later, A, about="上海 — 北京 ✓")
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict(), ensure_ascii=False))) == e


def test_an_int_json_text_cannot_carry_is_refused_in_an_int_field() -> None:
    demo = demo_engagement()
    ordered = next(ev for ev in demo.events if ev.kind == "receive_work_order")
    e = demo.as_of(ordered.at)
    job, later = ordered.payload["jobs"][0], ordered.at + timedelta(minutes=5)
    before = e.to_dict()
    with pytest.raises(InvalidInputError, match=r"'amount'.*4300 digits"):
        e.submit_estimate(later, A, job=job, estimate="EST-1", amount=_HUGE, quantities={})
    assert e.to_dict() == before
    e.submit_estimate(later, A, job=job, estimate="EST-1", amount=2**63, quantities={"pages": 1})
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e


@pytest.mark.parametrize(
    "history",
    [
        "x",
        "2026-01-01T10:00:00",  # no offset
        "0001-01-01T00:00:00+05:00",  # before year 1 in UTC: a live call refuses that datetime
        "2026-01-01T10:00:00+08:00[Mars/Olympus]",
    ],
)
def test_a_rush_history_a_live_call_could_not_log_is_refused_alike_on_every_path(history: str) -> None:
    demo = demo_engagement()
    data = demo.to_dict()
    index = next(i for i, ev in enumerate(data["events"]) if ev["kind"] == "request_rush")
    data["events"][index]["payload"]["history"] = [history]
    data["digest"] = log_digest(data["events"])
    with pytest.raises(SchemaError) as caught:
        Engagement.from_dict(data)
    assert (caught.value.index, caught.value.rule_id) == (index, "T8")
    events = [Event.from_dict(ev) for ev in data["events"]]
    e = Engagement.replay(events[:index], id=demo.id, client=demo.client, calendar=demo.calendar)
    before = e.to_dict()
    with pytest.raises(InvalidInputError, match="'history'"):  # apply and replay: the input error
        e.apply(events[index])
    with pytest.raises(InvalidInputError, match="'history'"):
        Engagement.replay(events, id=demo.id, client=demo.client, calendar=demo.calendar)
    assert e.to_dict() == before


def test_a_rush_history_in_years_1_and_9999_is_refused_by_a_live_call_too() -> None:
    demo = demo_engagement()
    asked = next(ev for ev in demo.events if ev.kind == "request_rush")
    e = demo.as_of(asked.at - timedelta(minutes=1))
    for far in (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), datetime.max.replace(tzinfo=NY)):
        with pytest.raises(InvalidInputError):
            e.request_rush(
                asked.at,
                asked.actor,
                job=asked.payload["job"],
                requested_due_date=date(2026, 2, 6),
                history=[far],
            )
    assert len(e) == len(demo.as_of(asked.at - timedelta(minutes=1)))


@pytest.mark.parametrize("flag", ["no", "False", 0, 1, None, [False]])
def test_a_live_call_takes_a_yes_or_no_as_a_bool_only_as_apply_does(flag: object) -> None:
    # bool("no") is True: a live call that coerced would accept a rush the caller declined. The
    # event apply refuses (a payload value of the wrong type) is refused live too, naming it.
    demo = demo_engagement()
    asked = next(ev for ev in demo.events if ev.kind == "request_rush")
    e = demo.as_of(asked.at)
    before = e.to_dict()
    later = asked.at + timedelta(hours=1)
    job = asked.payload["job"]
    with pytest.raises(InvalidInputError, match="'accept' must be bool"):
        e.decide_rush(later, A, job=job, accept=flag)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'accept' must be bool"):
        e.apply(Event(later, A, "decide_rush", {"job": job, "accept": flag, "note": ""}))
    with pytest.raises(InvalidInputError, match="'call' must be bool"):
        e.meeting(later, A, about="the rush", call=flag)  # type: ignore[arg-type]
    assert e.to_dict() == before and e.accepted_rushes() == {}


@pytest.mark.parametrize(
    ("index", "kind", "payload", "call"),
    [
        (
            5,
            "assign",
            {"role": "janitor", "person": "X"},
            lambda e, t: e.assign(t, A, role="janitor", person="X"),
        ),
        (2, "record", {"document": "bogus"}, lambda e, t: e.record(t, A, "bogus")),
    ],
    ids=["assign role", "record document"],
)
def test_text_outside_a_closed_set_is_the_same_error_live_and_applied(
    index: int, kind: str, payload: dict[str, Any], call: Any
) -> None:
    demo = demo_engagement()
    e = demo.as_of(demo.events[index].at)
    later = demo.events[index].at + timedelta(minutes=1)
    with pytest.raises(InvalidChoiceError) as live:
        call(e, later)
    with pytest.raises(InvalidChoiceError) as applied:
        e.apply(Event(later, A, kind, payload))
    assert live.value.value == applied.value.value and set(live.value.allowed) >= set(applied.value.allowed)
    assert len(e) == len(demo.as_of(demo.events[index].at))


@pytest.mark.parametrize(("id_", "client"), [("E-\ud800", "c"), ("E-1", "Huaxia \udfff")])
def test_an_engagement_named_with_text_json_cannot_carry_is_refused_at_construction(
    id_: str, client: str
) -> None:
    # The id and client are saved in the file's header: printed or written as UTF-8 JSON, a lone
    # surrogate cannot be encoded, so it is refused where it is given.
    with pytest.raises(InvalidInputError, match="surrogate"):
        Engagement(id_, client)


def test_a_pandas_timestamp_is_logged_as_the_datetime_it_is_or_refused_if_finer() -> None:
    import pandas as pd  # the DataFrame extra; a Timestamp is a datetime subclass

    sh = ZoneInfo("Asia/Shanghai")
    e = Engagement("E", "c")
    e.meeting(pd.Timestamp("2026-01-05 10:00:00.5", tz=sh), A, about="x")
    at = e.events[0].at
    assert type(at) is datetime and at == datetime(2026, 1, 5, 10, 0, 0, 500000, tzinfo=sh)
    assert Engagement.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    # nanoseconds would be saved as text that loads back as another instant: refused, nothing changes
    before = e.to_dict()
    with pytest.raises(InvalidInputError, match="microsecond"):
        e.meeting(pd.Timestamp("2026-01-05 11:00:00.000000001", tz=sh), A, about="y")
    with pytest.raises(InvalidInputError, match="microsecond"):
        e.apply(
            Event(
                pd.Timestamp("2026-01-05 11:00:00.000000001", tz=sh),
                A,
                "meeting",
                {"about": "y", "call": False},
            )
        )
    assert e.to_dict() == before


def test_an_infeasible_rush_cannot_be_accepted_by_any_way_in() -> None:
    """H3 / T8: a job is never compressed below its hard floor. Accepting a rush T8 finds infeasible
    is refused live, by apply and on load (citing T8); declining it is what the agency may do."""
    demo = demo_engagement()
    asked = next(ev for ev in demo.events if ev.kind == "request_rush")
    job = asked.payload["job"]
    order = next(ev for ev in demo.work_orders if job in ev.payload["jobs"])
    too_soon = order.at.date()  # due the day the work order arrives
    item = demo.job_orders[job].item
    oracle = assess_rush(item, order.at, too_soon, calendar=demo.calendar, as_of=asked.at)
    assert oracle.outcome == "infeasible"  # T8's own verdict, computed apart from the engagement

    e = demo.as_of(asked.at - timedelta(minutes=1))
    e.request_rush(asked.at, asked.actor, job=job, requested_due_date=too_soon)
    assert e.rush_assessments()[-1][1].outcome == "infeasible"
    before = e.to_dict()
    later = asked.at + timedelta(hours=1)
    with pytest.raises(DurationOutOfRangeError, match="T8"):
        e.decide_rush(later, A, job=job, accept=True)
    with pytest.raises(DurationOutOfRangeError, match="T8"):
        e.apply(Event(later, A, "decide_rush", {"job": job, "accept": True, "note": ""}))
    assert e.to_dict() == before and e.accepted_rushes() == {}
    e.decide_rush(later, A, job=job, accept=False)  # declining is allowed
    assert e.accepted_rushes() == {}

    data = demo_data()  # the demo's accepted rush, edited to the infeasible day and resealed
    i = next(i for i, ev in enumerate(data["events"]) if ev["kind"] == "request_rush")
    data["events"][i]["payload"]["requested_due"] = too_soon.isoformat()
    decided = next(k for k, ev in enumerate(data["events"]) if ev["kind"] == "decide_rush")
    assert data["events"][decided]["payload"]["accept"] is True
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert (info.value.index, info.value.rule_id) == (decided, "T8")


_STATE = (
    "stage", "calendar", "rulebook", "id", "client", "job_format", "held_from", "revision_rounds",
    "team", "fee_list_for", "reported",
)  # fmt: skip


@pytest.mark.parametrize("name", _STATE)
def test_an_engagements_state_is_read_only_the_log_is_the_only_way_to_change_it(name: str) -> None:
    # Assigned, the stage (or the team, the rulebook...) would disagree with the log that to_dict
    # saves: a reload would give another engagement. Only an accepted event changes them.
    e = demo_engagement()
    before = (e.to_dict(), getattr(e, name))
    with pytest.raises(AttributeError, match=name):
        setattr(e, name, getattr(e, name))
    assert (e.to_dict(), getattr(e, name)) == before
    assert Engagement.from_dict(e.to_dict()) == e


def test_the_team_is_a_read_only_mapping_and_a_client_issues_state_is_read_only() -> None:
    e = demo_engagement()
    team = dict(e.team)
    with pytest.raises(TypeError):
        e.team["ae"] = "Someone else"  # type: ignore[index]
    assert e.team == team and Engagement.from_dict(e.to_dict()).team == team
    issue = ClientIssue.receive(
        START, A, issue_id="CI-1", client="c", contact="x", channel="phone", description="d"
    )
    for name in ("stage", "rulebook", "calendar"):
        with pytest.raises(AttributeError, match=name):
            setattr(issue, name, None)
    assert issue.stage == "received" and ClientIssue.from_dict(issue.to_dict()) == issue


def test_an_event_equals_itself_written_in_any_offset_even_in_a_repeated_hour() -> None:
    # == on datetimes calls a wall time of a DST fall-back hour unequal to the same instant in another
    # zone (PEP 495), and equal to the other instant of that wall time in its own zone: an event is
    # compared by instant (oracle: the UTC wall clock).
    ny = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 10, tzinfo=ny)  # 05:10 UTC
    second = first.replace(fold=1)  # 06:10 UTC
    utc = timezone.utc

    def ev(at: datetime) -> Event:
        return Event(at, A, "meeting", {"about": "call", "call": True})

    assert ev(first) == ev(first.astimezone(utc)) == ev(first.astimezone(timezone(timedelta(hours=8))))
    assert ev(second) == ev(second.astimezone(utc)) and ev(second.astimezone(utc)) == ev(second)
    assert ev(first) != ev(second) and ev(first.astimezone(utc)) != ev(second)
    e = Engagement("E", "c", calendar=WorkCalendar("US", tz=ny))
    e.meeting(first, A, about="call", call=True).meeting(second, A, about="call", call=True)
    moved = [Event(x.at.astimezone(utc), x.actor, x.kind, x.payload, x.evidence) for x in e.events]
    assert Engagement.replay(moved, id="E", client="c", calendar=e.calendar) == e


def test_what_the_library_shares_is_read_only_and_still_copies() -> None:
    # The standard rulebook is one object every engagement shares, and a rulebook is checked when it
    # is built: changed in place, it would bypass its parameter schemas and change every engagement.
    from adservice.engagement.table import DOC_BITS, FORWARD
    from adservice.rulebook import HANDBOOKS, STANDARD_TURNAROUND
    from adservice.rulebook.params import SCHEMAS

    book = Rulebook.standard()
    changes: list[Any] = [
        lambda: book.rules.__setitem__("G1", book.rule("G2")),
        lambda: book.rules.pop("G1"),
        lambda: book.rule("O7").params.__setitem__("days", -3),
        lambda: book.rule("O7").params.update(days=-3),
        book.items.clear,
        lambda: book.choices.__setitem__("report_clock", "business"),
        lambda: STANDARD_TURNAROUND.__delitem__("print_single"),
        lambda: SCHEMAS.__setitem__("O7", {}),
        lambda: HANDBOOKS.__setitem__("H9", "x"),
        lambda: DOC_BITS.__setitem__("contract", 0),
        lambda: FORWARD.__setitem__(Stage.PITCH, "lose"),
    ]
    for change in changes:
        with pytest.raises(TypeError, match="read-only"):
            change()
    calendar = Engagement("E", "c").calendar  # the default calendar: one object, shared
    with pytest.raises(TypeError, match="read-only"):
        WorkCalendar("CN", closures={date(2026, 1, 2): "stocktake"}).closures[date(2026, 1, 5)] = "x"
    for name, value in (("tz", timezone.utc), ("weekend", (6,)), ("horizon", (1990, 2200))):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(calendar, name, value)
        with pytest.raises(AttributeError, match="immutable"):
            delattr(calendar, name)
    assert calendar == WorkCalendar("CN")
    assert calendar.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)  # after National Day
    assert (
        book == Rulebook.standard()
        and book.param("O7", "days") == 6
        and "print_single" in STANDARD_TURNAROUND
    )
    for e in (Engagement("E", "c"), demo_engagement()):  # a fresh one shares the empty team
        for again in (copy.deepcopy(e), pickle.loads(pickle.dumps(e))):
            assert again == e and dict(again.team) == dict(e.team) and again.rulebook == e.rulebook


def test_a_hold_across_a_dst_fall_back_pauses_the_clock_for_its_real_length() -> None:
    # Held at 01:50 EDT and resumed at 01:05 EST, 15 minutes later: within one zone < compares wall
    # clocks, so the wait "ended before it started" and clocks() and the reports raised.
    ny = ZoneInfo("America/New_York")
    t = clock(datetime(2026, 10, 26, 9, tzinfo=ny))
    e = to_brief(Engagement("E", "c", calendar=WorkCalendar("US", tz=ny)), t)
    e.receive_briefing(next(t), C, contents=BRIEFING).record(next(t), A, "work_briefing", evidence="WB")
    e.agree_strategy(next(t), C, evidence="ST")
    e.add_job_order(next(t), A, number="J1", item="print_single", description="one ad", creative_brief="CB")
    e.receive_work_order(next(t), C, jobs=["J1"], evidence="WO").start_creative(next(t), A)
    held, back = datetime(2026, 11, 1, 1, 50, tzinfo=ny), datetime(2026, 11, 1, 1, 5, fold=1, tzinfo=ny)
    e.hold(held, A).resume(back, A)
    assert [(w.start, w.end) for w in e.waits] == [(held, back)]
    (pause,) = e.clocks()["J1"].pauses
    assert exact_instant(pause.end) - exact_instant(pause.start) == timedelta(minutes=15)  # oracle: UTC
    later = datetime(2026, 11, 2, 9, tzinfo=ny)
    public = job_clock(
        "J1", item="print_single", received_at=e.work_orders[0].at, calendar=e.calendar,
        waits=[(held, back, "on hold")],
    )  # fmt: skip
    assert e.clocks()["J1"].status(later).due == public.status(later).due
    assert [r.job for r in overdue_report([e], later).rows] == []
    assert [r.job for r in status_report([e], date(2026, 11, 2)).rows if r.job] == ["J1"]
