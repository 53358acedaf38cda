"""Events: immutable, aware, JSON-only payloads, strict loading, chronology."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice.errors import ChronologyError, InvalidInputError, NaiveDatetimeError, SchemaError
from adservice.kernel import Event, check_chronology, freeze, thaw

AT = datetime(2025, 9, 26, 10, tzinfo=timezone(timedelta(hours=8)))


def test_event_is_an_immutable_value() -> None:
    e = Event(AT, "client:Wang", "work_order", {"job": "A"}, evidence="WO-1")
    with pytest.raises(AttributeError):
        e.kind = "other"  # type: ignore[misc]
    assert e.party == "client"
    assert Event.from_dict(e.to_dict()) == e
    assert not hasattr(e, "__dict__")
    assert e != tuple(e)  # an event equals only events
    assert e.to_dict()["payload"] == {"job": "A"}


def test_refusals() -> None:
    with pytest.raises(NaiveDatetimeError):
        Event(datetime(2025, 9, 26), "client:Wang", "x")
    with pytest.raises(InvalidInputError):
        Event(AT, "client:Wang", "x", {"when": AT})
    with pytest.raises(InvalidInputError):
        Event(AT, "client:Wang", "x", {"n": float("nan")})
    for bad in [
        {"at": "2025-09-26T10:00", "actor": "a", "kind": "k", "payload": {}, "evidence": None},
        {"at": AT.isoformat(), "actor": 1, "kind": "k", "payload": {}, "evidence": None},
        {"at": AT.isoformat(), "actor": "a", "kind": "k", "payload": [], "evidence": None},
        {"at": AT.isoformat(), "actor": "a", "kind": "k", "payload": {}},
        {"at": AT.isoformat(), "actor": "a", "kind": "k", "payload": {}, "evidence": None, "x": 1},
    ]:
        with pytest.raises(SchemaError):
            Event.from_dict(bad)


def test_chronology() -> None:
    first = Event(AT, "agency:Chen", "a")
    check_chronology([first], Event(AT, "agency:Chen", "b"))
    with pytest.raises(ChronologyError, match="before the previous event"):
        check_chronology([first], Event(AT - timedelta(seconds=1), "agency:Chen", "b"))


payloads = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(payload=st.dictionaries(st.text(), payloads, max_size=4), actor=st.text(), kind=st.text())
def test_round_trip(payload: dict[str, object], actor: str, kind: str) -> None:
    e = Event(AT, actor, kind, payload)
    assert Event.from_dict(e.to_dict()) == e


@given(value=payloads)
def test_freeze_thaw_round_trip(value: object) -> None:
    """A frozen value is immutable text or an atom, and thaws to an equal, fresh value."""
    frozen = freeze(value)
    assert thaw(frozen) == value
    assert isinstance(frozen, (str, int, float, bool, type(None)))
    if isinstance(value, (list, dict)):
        assert thaw(frozen) is not thaw(frozen)


@given(a=payloads, b=payloads)
def test_freeze_is_one_to_one(a: object, b: object) -> None:
    """Two values freeze alike only if they are the same JSON (a string never passes for a list)."""
    if freeze(a) == freeze(b) and type(freeze(a)) is type(freeze(b)):
        assert thaw(freeze(a)) == thaw(freeze(b))
    assert freeze("\x00[1]") != freeze([1])


def test_payload_cannot_change_the_event() -> None:
    e = Event(AT, "client:Wang", "work_order", {"jobs": ["J1"], "contents": {"company": "Huaxia"}})
    e.payload["jobs"].append("J2")
    e.payload["contents"]["company"] = "other"
    assert e.payload["jobs"] == ["J1"] and e.payload["contents"] == {"company": "Huaxia"}
    assert e.to_dict()["payload"] == {"jobs": ["J1"], "contents": {"company": "Huaxia"}}


def test_payload_key_order_does_not_matter() -> None:
    a = Event(AT, "client:Wang", "k", {"job": "J1", "round": 2})
    b = Event(AT, "client:Wang", "k", {"round": 2, "job": "J1"})
    assert a == b
    assert not a != b  # noqa: SIM202 - __ne__ is defined apart from __eq__
    assert a != Event(AT, "client:Wang", "k", {"round": 3, "job": "J1"})


def test_event_pickles() -> None:
    e = Event(AT, "client:Wang", "work_order", {"jobs": ["J1"]}, evidence="WO-1")
    assert pickle.loads(pickle.dumps(e)) == e
