"""The kernel's generated step checks (adservice.kernel.compiled) against the ordered rules.

Oracle: the rules written out here from the table's rows (party, evidence, exact keys in the
schema's order, each field's type) -- independent of both the generated code and
``check_payload``; and ``check_payload`` itself must accept what the generated check accepts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.engagement import TABLE
from adservice.errors import AdServiceError, InvalidInputError
from adservice.kernel import Field, check_payload, freeze, thaw
from adservice.kernel.compiled import payload_check, step_check

_ACTIONS = TABLE.actions
_KEYS = sorted({f.name for a in _ACTIONS for f in (a.payload or ())} | {"x", ""})
_VALUES = st.one_of(
    st.sampled_from(
        (
            "",
            " ",
            "\u3000",
            "J1",
            "creative",
            "project_plan",
            "department_manager",
            "2026-05-20",
            "2026-5-20",
            "2026-W01-1",
            "\x00J1",
            freeze(["J1"]),
            freeze([]),
            freeze([" "]),
            freeze({"a": "b"}),
            freeze({"a": 1}),
            freeze(["2026-03-02T09:00:00+08:00"]),
            0,
            1,
            -1,
            True,
            False,
            None,
            1.5,
        )
    ),
    st.text(max_size=4),
    st.integers(-3, 3),
)


def _field_ok(field: Field, value: Any) -> bool:
    """One field's rule, from the Field row's words."""
    kind = field.type
    if kind in ("text", "str", "date"):
        if type(value) is not str or value.startswith("\x00"):
            return False
        if field.choices is not None and value not in field.choices:
            return False
        if kind == "text":
            return value.strip() != ""
        if kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                return False
            return len(value) == 10
        return True
    if kind == "bool":
        return type(value) is bool
    if kind == "int":
        return type(value) is int and (field.minimum is None or value >= field.minimum)
    if type(value) is not str or not value.startswith("\x00"):
        return False
    try:
        data = thaw(value)
    except ValueError:  # a frozen mark before text that is not JSON: no value of any type
        return False
    if kind == "texts":
        return type(data) is list and bool(data) and all(type(x) is str and x.strip() for x in data)
    if kind == "names":
        return type(data) is list and all(type(x) is str and x.strip() for x in data)
    if kind == "instants":
        return type(data) is list and all(type(x) is str for x in data)
    if kind == "mapping":
        return type(data) is dict and all(type(x) is str for x in data.values())
    if kind == "object":
        return type(data) is dict
    raise AssertionError(f"the oracle does not know field type {kind!r}: write its rule here")


def _oracle(action: Any, party: str, flat: tuple[Any, ...], evidence: Any) -> bool:
    if action.party is not None and party != action.party:
        return False
    if evidence is None:
        if action.evidence:
            return False
    elif type(evidence) is not str or not evidence.strip():
        return False
    if action.payload is None:
        return True
    fields = action.payload
    if len(flat) != 2 * len(fields):
        return False
    return all(flat[2 * i] == f.name and _field_ok(f, flat[2 * i + 1]) for i, f in enumerate(fields))


@settings(max_examples=600, deadline=None)
@given(
    index=st.integers(0, len(_ACTIONS) - 1),
    party=st.sampled_from(("client", "agency", "media")),
    evidence=st.sampled_from((None, "DOC", "", " ", 3)),
    pairs=st.lists(st.tuples(st.sampled_from(_KEYS), _VALUES), max_size=4),
    schema_keys=st.booleans(),
)
def test_the_generated_step_check_is_the_row_rule(
    index: int, party: str, evidence: Any, pairs: list[tuple[str, Any]], schema_keys: bool
) -> None:
    action = _ACTIONS[index]
    if schema_keys and action.payload:  # most draws: the schema's own keys, in its order
        pairs = [(f.name, v) for f, (_, v) in zip(action.payload, pairs * 4, strict=False)]
    flat = tuple(x for pair in pairs for x in pair)
    ok = step_check(action.party, action.evidence, action.payload)(party, flat, evidence)
    assert bool(ok) is _oracle(action, party, flat, evidence)
    if ok and action.payload is not None:
        assert check_payload(action, flat) == flat  # the ordered checks accept it unchanged


@pytest.mark.parametrize(
    "action", [a for a in _ACTIONS if a.payload is not None and len(a.payload) > 1], ids=lambda a: a.kind
)
def test_a_payload_check_refuses_keys_out_of_order_to_the_ordered_way(action: Any) -> None:
    """Keys in another order are not proven by the fast test (the ordered way restores the order)."""
    fields = action.payload
    check = payload_check(fields)
    assert check is not None
    sample = {"text": "J1", "str": "", "date": "2026-05-20", "bool": True, "int": 3, "instants": freeze([])}
    flat = tuple(x for f in reversed(fields) for x in (f.name, sample.get(f.type, "J1")))
    assert not check(flat)


def test_wrong_rows_are_refused_with_documented_errors() -> None:
    for bad in (5, (Field("a", "text"), 5), [Field("a", "text")]):
        with pytest.raises(InvalidInputError):
            payload_check(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        step_check(5, False, ())  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        step_check(None, "yes", ())  # type: ignore[arg-type]
    with pytest.raises((RuntimeError, AdServiceError)):
        payload_check((Field("a", "colour"),))
