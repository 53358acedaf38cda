"""Rulebook: the standard table of SPEC §3 and §11, overrides, validation, strict round trip."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adservice.errors import (
    AdServiceError,
    DurationOutOfRangeError,
    InvalidChoiceError,
    RulebookError,
    SchemaError,
    UnknownItemError,
)
from adservice.rulebook import HANDBOOKS, STANDARD_TURNAROUND, Rule, Rulebook, Turnaround

BOOK = Rulebook.standard()


def test_standard_turnaround_table() -> None:
    expected = {
        "integrated_plan": (5, 8),
        "phase_plan": (4, 4),
        "media_schedule": (3, 3),
        "print_single": (9, 9),
        "creative_concept": (2, 2),
        "copy_and_layout": (3, 3),
        "final_art": (2, 2),
        "colour_proof": (1, 1),
        "film": (1, 1),
        "broadcast_creative": (3, 8),
        "tvc_production": (1, 1),
        "tvc_film": (20, 20),
        "tvc_script": (3, 3),
        "tvc_storyboard": (3, 3),
        "tvc_pre_production": (5, 5),
        "tvc_shoot": (2, 2),
        "tvc_offline": (4, 4),
        "tvc_online": (3, 3),
        "major_media_plan": (10, 10),
    }
    assert {k: v.days for k, v in STANDARD_TURNAROUND.items()} == expected
    assert STANDARD_TURNAROUND["tvc_production"].unit == "months"
    assert STANDARD_TURNAROUND["major_media_plan"].open_ended
    assert [s.key for s in BOOK.steps("print_single")] == [
        "creative_concept",
        "copy_and_layout",
        "final_art",
        "colour_proof",
        "film",
    ]


def test_every_rule_id_with_a_source() -> None:
    ids = [
        *(f"T{i}" for i in range(1, 9)),
        *(f"G{i}" for i in range(1, 11)),
        *(f"L{i}" for i in range(1, 15)),
        *("P1", "P2", "E1", "E2", "M1", "M2", "M3"),  # issue 11 §5-§7
        *(f"O{i}" for i in range(1, 18)),
        *(f"I{i}" for i in range(1, 12)),
    ]
    assert list(BOOK.rules) == ids
    for rule in BOOK.rules.values():
        assert rule.source and set(rule.source) <= set(HANDBOOKS)
        assert rule.text and rule.title
    assert BOOK.rule("G4").source == ("H4", "H1")
    assert BOOK.rule("O5").params["hours"] == 72
    assert {r.id for r in BOOK.rules_of("gate")} == {f"G{i}" for i in range(1, 11)} | {
        f"L{i}" for i in range(1, 15)
    } | {"P1", "P2", "E1", "E2", "M1", "M2", "M3"}


def test_commitment_ranges() -> None:
    plan = BOOK.item("integrated_plan")
    assert plan.commitment() == 8 and plan.commitment(5) == 5
    with pytest.raises(DurationOutOfRangeError, match="5–8"):
        plan.commitment(9)
    with pytest.raises(DurationOutOfRangeError, match="at least 10"):
        BOOK.item("major_media_plan").commitment(9)
    assert BOOK.item("major_media_plan").commitment(15) == 15
    assert BOOK.floor("print_single") == 5 and BOOK.floor("integrated_plan") == 3


def test_overrides_and_choices() -> None:
    ours = BOOK.with_days("integrated_plan", (6, 10)).choose(meeting_report="O3").with_params("O5", hours=48)
    assert ours.item("integrated_plan").commitment() == 10
    assert ours.choice("meeting_report") == "O3" and BOOK.choice("meeting_report") == "O2"
    assert ours.rule("O5").params["hours"] == 48 and BOOK.rule("O5").params["hours"] == 72
    assert not BOOK.without("G9").rule("G9").enabled
    poster = Turnaround("outdoor_poster", "outdoor poster", "户外海报", days=6, rule_id="X1")
    assert BOOK.with_item(poster).item("outdoor_poster").commitment() == 6


def test_invalid_rulebooks_refused() -> None:
    with pytest.raises(RulebookError, match="chain of 9 working days"):
        BOOK.with_days("print_single", 10)
    with pytest.raises(RulebookError, match="unknown step"):
        BOOK.with_item(Turnaround("set", "banner set", days=3, chain=("banner", "banner")))
    loop = BOOK.with_item(Turnaround("a", "a", days=1))
    with pytest.raises(RulebookError, match="loops"):
        loop.with_item(Turnaround("a", "a", days=1, chain=("a",)))
    with pytest.raises(InvalidChoiceError, match="'O2', 'O3'"):
        BOOK.choose(meeting_report="O9")
    with pytest.raises(InvalidChoiceError):
        BOOK.choose(coffee="strong")
    with pytest.raises(RulebookError):
        Turnaround("x", "x", days=(5, 3))
    with pytest.raises(RulebookError, match="handbooks"):
        Rule("X1", "gate", "x", "x", ("H9",))
    with pytest.raises(UnknownItemError, match="print_single"):
        BOOK.item("print")
    with pytest.raises(UnknownItemError, match="G10"):
        BOOK.rule("G11")


def test_round_trip_is_plain_json() -> None:
    data = json.loads(json.dumps(BOOK.to_dict()))
    assert Rulebook.from_dict(data) == BOOK
    custom = BOOK.choose(meeting_report="O3").with_days("broadcast_creative", (4, 6))
    assert Rulebook.from_dict(json.loads(json.dumps(custom.to_dict()))) == custom


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(schema=2),
        lambda d: d.update(surprise=True),
        lambda d: d["items"][0].update(days=["5", 8]),
        lambda d: d["items"][0].update(colour="red"),
        lambda d: d["rules"][0].update(kind="wish"),
        lambda d: d["rules"][0].update(source="H1"),
        lambda d: d.update(items={"a": 1}),
        lambda d: d["items"].pop(4),
    ],
)
def test_tampered_data_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(BOOK.to_dict()))
    tamper(data)
    with pytest.raises((SchemaError, RulebookError)):
        Rulebook.from_dict(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@given(json_values)
def test_arbitrary_data_only_documented_errors(data: object) -> None:
    with contextlib.suppress(AdServiceError):
        Rulebook.from_dict(data)
