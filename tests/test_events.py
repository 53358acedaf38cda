"""Events: immutable, aware, JSON-only payloads, strict loading, chronology."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice.errors import ChronologyError, InvalidInputError, NaiveDatetimeError, SchemaError
from adservice.events import Event, check_chronology

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
