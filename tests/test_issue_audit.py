"""Audit of the issues package (hostile use): each test names the defect it pins down.

Oracles are independent of the code under test: calendar arithmetic on ``date``, the
handbook's words, and what a live call did before (a refused call changes nothing).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice import Engagement, WorkCalendar
from adservice.demo import demo_engagement
from adservice.errors import (
    AdServiceError,
    ChronologyError,
    InvalidInputError,
    RulebookError,
    SchemaError,
    SignOffError,
)
from adservice.issues import ClientIssue
from adservice.issues.table import TABLE
from adservice.kernel import MAX_TEXT, Event, log_digest
from adservice.rulebook import Rulebook, Turnaround

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 9, 30, 16, tzinfo=SH)
AE = "agency:Li"


def received() -> ClientIssue:
    return ClientIssue.receive(T0, AE, issue_id="CI-1", client="C", description="wrong price")


def resealed(data: dict[str, object]) -> dict[str, object]:
    events = data["events"]
    assert isinstance(events, list)
    return {**data, "count": len(events), "digest": log_digest(events)}


# -- 1. a promised date before the promise (I11) ---------------------------------------------


@given(st.integers(min_value=1, max_value=3000))
def test_a_promised_date_before_the_day_of_the_promise_is_refused_on_every_path_i11(days: int) -> None:
    promised = T0.date() - timedelta(days=days)  # the oracle: strictly before the promise's own day
    issue = received()
    before = issue.to_dict()
    with pytest.raises(ChronologyError) as info:
        issue.promise(T0, AE, promised_date=promised, evidence="MAIL-1")
    text = str(info.value)
    assert promised.isoformat() in text and "I11" in text and T0.date().isoformat() in text
    assert issue.to_dict() == before  # a refused call changes nothing
    event = Event(T0, AE, "promise", {"promised": promised.isoformat()}, "MAIL-1")
    with pytest.raises(ChronologyError):
        received().apply(event)
    with pytest.raises(ChronologyError):
        ClientIssue.replay([*received().events, event])
    good = received().promise(T0, AE, promised_date=T0.date(), evidence="MAIL-1").to_dict()
    good["events"][1]["payload"]["promised"] = promised.isoformat()  # type: ignore[index]
    with pytest.raises(SchemaError) as loaded:
        ClientIssue.from_dict(resealed(good))
    assert loaded.value.index == 1 and loaded.value.rule_id == "I11"


def test_a_promise_for_the_same_day_or_later_stands_in_the_promises_own_zone() -> None:
    issue = received().promise(T0, AE, promised_date=T0.date(), evidence="MAIL-1")
    assert issue.promised_date == date(2025, 9, 30)
    # 23:30 in New York on 29 September is already 30 September in Shanghai: the promise's own
    # wall-clock day is the one the client was told on.
    ny = datetime(2025, 9, 29, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    issue = ClientIssue.receive(ny - timedelta(hours=1), AE, issue_id="CI-2", client="C", description="d")
    issue.promise(ny, AE, promised_date=date(2025, 9, 29), evidence="M")
    assert issue.promised_date == date(2025, 9, 29)
    late = ClientIssue.receive(ny - timedelta(hours=1), AE, issue_id="CI-3", client="C", description="d")
    with pytest.raises(AdServiceError):
        late.promise(ny, AE, promised_date=date(2025, 9, 28), evidence="M")
    assert late.promised_date is None and len(late) == 1
    assert json.dumps(issue.to_dict())


# -- 2. rule parameters naming turnaround items the rulebook does not have -----------------


_ITEM_RULES = [(f"T{i}", "item") for i in range(1, 8)]


@pytest.mark.parametrize(("rule_id", "key"), _ITEM_RULES)
def test_an_unknown_item_key_is_refused_wherever_a_rulebook_is_built(rule_id: str, key: str) -> None:
    book = Rulebook.standard()
    known = set(book.items)  # the oracle: the keys the rulebook lists
    with pytest.raises(RulebookError) as info:
        book.with_params(rule_id, **{key: "flyer_a5"})
    error = info.value
    assert (error.rule_id, error.parameter, error.value) == (rule_id, key, "flyer_a5")
    assert set(error.allowed) == known  # type: ignore[arg-type]
    assert all(word in str(error) for word in (rule_id, key, "'flyer_a5'", "print_single"))
    data = json.loads(json.dumps(book.to_dict()))
    next(r for r in data["rules"] if r["id"] == rule_id)["params"][key] = "flyer_a5"
    with pytest.raises(RulebookError, match="flyer_a5"):
        Rulebook.from_dict(data)
    bad = attrs.evolve(book.rule(rule_id), params={key: "flyer_a5"})
    with pytest.raises(RulebookError, match="flyer_a5"):
        Rulebook(book.items, [bad if r.id == rule_id else r for r in book.rules.values()])
    # an item the agency adds first may then be named
    flyer = Turnaround("flyer_a5", "A5 flyer", "A5传单", days=(3, 3))
    assert book.with_item(flyer).with_params(rule_id, **{key: "flyer_a5"}).param(rule_id, key) == "flyer_a5"


def test_e1_items_must_be_known_item_keys_or_all_alone() -> None:
    book = Rulebook.standard()
    assert book.with_params("E1", items=["all"]).param("E1", "items") == ("all",)
    assert book.with_params("E1", items=["print_single", "film"]).param("E1", "items") == (
        "print_single",
        "film",
    )
    for items, bad in ((["tvc_film", "flyer_a5"], "flyer_a5"), (["all", "film"], "all")):
        with pytest.raises(RulebookError) as info:
            book.with_params("E1", items=items)
        assert (info.value.rule_id, info.value.parameter) == ("E1", "items")
        assert repr(bad) in str(info.value) and "print_single" in str(info.value)
        data = json.loads(json.dumps(book.to_dict()))
        next(r for r in data["rules"] if r["id"] == "E1")["params"]["items"] = items
        with pytest.raises(RulebookError, match="E1"):
            Rulebook.from_dict(data)


# -- 4. as_of before the first event: an issue did not exist yet ----------------------------


@given(st.integers(min_value=1, max_value=10**9))
def test_as_of_before_receipt_is_none_for_an_issue_and_an_empty_engagement_for_an_engagement(
    seconds: int,
) -> None:
    before = T0 - timedelta(seconds=seconds)  # the oracle: strictly before the first event
    issue = received().respond(T0 + timedelta(hours=1), AE)
    assert issue.as_of(before) is None
    assert issue.overdue(before, calendar=WorkCalendar("CN")) == ()
    view = issue.as_of(T0)
    assert view is not None and len(view) == 1 and view.issue_id == "CI-1" and len(issue) == 2
    engagement = demo_engagement()
    first = engagement.first_at
    assert first is not None
    empty = engagement.as_of(first - timedelta(seconds=seconds))
    assert isinstance(empty, Engagement) and len(empty) == 0 and empty.id == engagement.id


# -- 3. payload size: text length is bounded on every path (issue 9 §7) ----------------------


LIMIT = 64 * 1024  # the oracle: the documented bound, 64 KiB of characters per text value


def test_the_text_bound_is_the_documented_one() -> None:
    assert MAX_TEXT == LIMIT


def _refused_everywhere(make: object, what: str) -> None:
    """``make(issue)`` refused live; its event refused by apply, replay and from_dict; nothing changes."""
    issue = received()
    before = issue.to_dict()
    with pytest.raises(AdServiceError) as info:
        make(issue)  # type: ignore[operator]
    assert str(LIMIT) in str(info.value) or "MAX_TEXT" in str(info.value), str(info.value)[:300]
    assert len(str(info.value)) < 2_000  # the message names the value briefly, not 50 MB of it
    assert issue.to_dict() == before, what


@pytest.mark.parametrize("size", [LIMIT + 1, 50 * 1024 * 1024])
def test_a_text_longer_than_the_bound_is_refused_live(size: int) -> None:
    long = "x" * size
    _refused_everywhere(lambda i: i.respond(T0, AE, note=long), "note")
    _refused_everywhere(lambda i: i.respond(T0, AE, evidence=long), "evidence")
    _refused_everywhere(lambda i: i.respond(T0, "agency:" + long), "actor")
    with pytest.raises(AdServiceError):
        ClientIssue.receive(T0, AE, issue_id="CI-1", client="C", description=long)
    with pytest.raises(AdServiceError):
        Event(T0, AE, "respond", {"note": ["a", long]})  # nested text
    with pytest.raises(AdServiceError):
        Event(T0, AE, "respond", {"note": {"k": "y" * (LIMIT // 2), "l": "z" * (LIMIT // 2)}})


def test_a_text_at_the_bound_is_accepted_and_round_trips() -> None:
    note = "备" * LIMIT  # characters, not bytes: 64 Ki Chinese characters are accepted
    issue = received().respond(T0, AE, note=note, evidence="E" * LIMIT)
    loaded = ClientIssue.from_dict(json.loads(json.dumps(issue.to_dict())))
    assert loaded == issue and loaded.events[-1].payload["note"] == note


def forged(*raw: object) -> Event:
    """An event built around the constructor's checks (as a hostile caller could): the kernel refuses it."""
    at, actor, kind, payload, evidence = raw
    flat = tuple(x for pair in payload.items() for x in pair)  # type: ignore[attr-defined]
    return tuple.__new__(Event, (at, actor, kind, flat, evidence))


@pytest.mark.parametrize("where", ["note", "evidence", "actor", "description"])
def test_a_text_longer_than_the_bound_is_refused_by_apply_replay_and_from_dict(where: str) -> None:
    long = "x" * (LIMIT + 1)
    issue = received()
    first = issue.events[0]
    if where == "description":
        payload = {**dict(first.payload), "description": long}
        with pytest.raises(AdServiceError):
            Event(T0, AE, "receive", payload)
        event = forged(T0, AE, "receive", payload, None)
        log = [event]
        base = ClientIssue.receive(T0, AE, issue_id="CI-1", client="C", description="d").to_dict()
        base["events"][0]["payload"]["description"] = long  # type: ignore[index]
    else:
        kw = {"note": long} if where == "note" else {"note": ""}
        actor = "agency:" + long if where == "actor" else AE
        event = forged(T0, actor, "respond", kw, long if where == "evidence" else None)
        log = [first, event]
        with pytest.raises(AdServiceError):
            received().apply(event)
        base = received().respond(T0, AE).to_dict()
        saved = base["events"][1]  # type: ignore[index]
        if where == "note":
            saved["payload"]["note"] = long
        elif where == "actor":
            saved["actor"] = "agency:" + long
        else:
            saved["evidence"] = long
    with pytest.raises(AdServiceError):
        ClientIssue.replay(log)
    with pytest.raises(SchemaError) as info:
        ClientIssue.from_dict(resealed(base))
    assert info.value.index == (0 if where == "description" else 1)
    assert str(LIMIT) in str(info.value)


def test_a_nested_value_longer_than_the_bound_is_refused_on_load() -> None:
    # An engagement event with a nested payload value (a list of texts), saved and then inflated.
    engagement = demo_engagement()
    data = json.loads(json.dumps(engagement.to_dict()))
    index, saved = next(
        (n, e)
        for n, e in enumerate(data["events"])
        if any(isinstance(v, list) for v in e["payload"].values())
    )
    key = next(k for k, v in saved["payload"].items() if isinstance(v, list))
    saved["payload"][key] = [*saved["payload"][key], "x" * LIMIT]
    with pytest.raises(SchemaError) as info:
        Engagement.from_dict(resealed(data))
    assert info.value.index == index and str(LIMIT) in str(info.value)


# -- probe: who may record an issue's steps (H5: the agency handles; only the client signs) ---


def _steps(actor: str) -> list[tuple[str, object]]:
    """Each trigger but ``sign_off``, tried by ``actor`` in a stage where it is allowed."""
    at = T0 + timedelta(hours=1)
    return [
        ("receive", lambda: ClientIssue.receive(T0, actor, issue_id="X", client="C", description="d")),
        ("respond", lambda: received().respond(at, actor)),
        ("promise", lambda: received().promise(at, actor, promised_date=date(2025, 10, 9), evidence="M")),
        (
            "triage",
            lambda: received().triage(at, actor, category="complaint", department="d", notified="n"),
        ),
    ]


@pytest.mark.parametrize("actor", ["client:Wang", "media:Zhou (CCTV)"])
def test_only_the_agency_records_an_issues_steps_and_only_the_client_signs(actor: str) -> None:
    for kind, call in _steps(actor):
        with pytest.raises(SignOffError) as info:
            call()  # type: ignore[operator]
        assert repr(actor) in str(info.value) and "agency" in str(info.value), kind
    # every trigger but sign_off is the agency's, read from the table (the oracle: H5 第五条)
    parties = {a.kind: a.party for a in TABLE.actions}
    assert parties == {k: "client" if k == "sign_off" else "agency" for k in TABLE.kinds}
    # and a saved log whose respond was recorded by the client is refused on load
    data = received().respond(T0, AE).to_dict()
    data["events"][1]["actor"] = actor  # type: ignore[index]
    with pytest.raises(SchemaError) as loaded:
        ClientIssue.from_dict(resealed(data))
    assert loaded.value.index == 1 and loaded.value.rule_id == "I1"


# -- probe: as_of at an instant outside years 1..9999 in UTC says so, as as_of --------------


@pytest.mark.parametrize(
    "instant",
    [
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12))),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
    ],
)
def test_as_of_outside_the_utc_range_names_as_of_not_an_event(instant: datetime) -> None:
    issue = received()
    for call in (
        lambda: issue.as_of(instant),
        lambda: issue.overdue(instant, calendar=WorkCalendar("CN")),
        lambda: demo_engagement().as_of(instant),
    ):
        with pytest.raises(InvalidInputError) as info:
            call()
        text = str(info.value)
        assert text.startswith("as_of ") and "event" not in text and "1..9999" in text, text
    assert len(issue) == 1
