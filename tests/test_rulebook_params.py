"""Rule parameters have schemas (issue 9 §6): checked when a rulebook is built, read through one accessor."""

from __future__ import annotations

import contextlib
import json
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice.errors import AdServiceError, RulebookError, SchemaError, UnknownItemError
from adservice.rulebook import Rule, Rulebook, RushPolicy
from adservice.rulebook.params import SCHEMAS

BOOK = Rulebook.standard()
_WALL = re.compile(r"([01]\d|2[0-3]):([0-5]\d)|close")


def _inside(rule_id: str, key: str, value: object) -> bool:
    """An independent statement of each schema (what the issue asks for), to test the table against."""

    def is_int(v: object) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def hours(v: object, high: float, zero: bool = False) -> bool:
        ok = not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v)
        return ok and (v >= 0 if zero else v > 0) and v <= high  # type: ignore[operator]

    def wall(v: object) -> bool:
        return isinstance(v, str) and _WALL.fullmatch(v) is not None

    def names(v: object) -> bool:
        return (
            isinstance(v, (list, tuple))
            and bool(v)
            and all(isinstance(x, str) and x.isidentifier() for x in v)
            and len(set(v)) == len(v)
        )

    def int_in(v: object, low: int, high: int) -> bool:
        return is_int(v) and low <= v <= high  # type: ignore[operator]

    if key == "hours":
        return hours(value, 10_000)
    if key == "days":
        return int_in(value, 0, 60)
    if key == "weekday":
        return int_in(value, 0, 6)
    if key == "at":
        return wall(value)
    if key == "every_months":
        pair = [value, value] if is_int(value) else value
        return (
            isinstance(pair, (list, tuple))
            and len(pair) == 2
            and all(is_int(v) for v in pair)
            and 1 <= pair[0] <= pair[1] <= 24
        )
    if key in ("tally", "report", "meeting"):
        return (
            isinstance(value, (list, tuple)) and len(value) == 2 and int_in(value[0], 0, 6) and wall(value[1])
        )
    if key == "items":  # E1: items the rulebook lists, or ['all'] alone
        return names(value) and (list(value) == ["all"] or all(v in BOOK.items for v in value))  # type: ignore[union-attr]
    if key in ("roles", "lead_roles", "categories", "topics", "approvers"):
        return names(value)
    if key == "cadence":
        return value in ("weekly", "fortnightly", "monthly")
    if key in ("agenda_hours", "reconfirm_hours"):
        return hours(value, 168, zero=True)
    if key == "response_hours":
        return hours(value, 9_999)
    bounds = {
        "notice_working_days": (0, 30),
        "meeting_minutes": (1, 1440),
        "prospect_every_days": (1, 366),
        "resolve_working_days": (0, 366),
        "return_visit_working_days": (0, 366),
        "review_days": (0, 30),  # G5: the client's review of each production step
        "working_days": (0, 366),  # L11: a revision job order's turnaround (0: the step's own)
        "cycle_months": (1, 60),
    }
    if key in bounds:
        return int_in(value, *bounds[key])
    fixed = {
        "after": BOOK.rule(rule_id).params.get("after"),
        "before": "placement",
        "monthly": "last_working_day",
    }
    if key in fixed:
        return value == fixed[key] and isinstance(value, str)
    if key == "clock":
        return value in ("elapsed", "elapsed_rolled", "business")
    if key == "count":  # O7: how the fee list's days are counted
        return value in ("calendar_days", "working_days")
    if key == "item":  # T1-T7: an item the rulebook lists
        return isinstance(value, str) and value in BOOK.items
    raise AssertionError(f"no statement for {rule_id}.{key}")


_DECLARED = [(rid, key) for rid, schema in SCHEMAS.items() for key in schema]

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-100, 20_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["09:00", "24:00", "close", "9am", "meeting", "call", "placement", "placement_round"]),
    st.sampled_from(["service", "last_working_day", "business", "lunar", "ae", "art_director", ""]),
    st.lists(st.integers(-2, 30), max_size=3),
    st.lists(st.sampled_from(["ae", "ae", "x y", "lead", "copywriter"]), max_size=4),
    st.sampled_from(["print_single", "film", "tvc_film", "flyer_a5"]),
    st.lists(st.sampled_from(["all", "print_single", "film", "flyer_a5"]), max_size=3),
    st.tuples(st.integers(-1, 8), st.sampled_from(["09:30", "close", "25:00", 9])),
    st.text(max_size=6),
)


def test_every_standard_rule_has_a_schema_and_passes_it() -> None:
    assert set(SCHEMAS) == set(BOOK.rules)
    for rule in BOOK.rules.values():
        assert set(rule.params) <= set(SCHEMAS[rule.id]), rule.id
        for key, value in rule.params.items():
            assert _inside(rule.id, key, value), (rule.id, key, value)


def test_every_consumed_key_and_default() -> None:
    assert BOOK.param("O7", "days") == 6 and BOOK.param("O12", "days") == 3
    assert BOOK.param("O2", "hours") == 24.0 and isinstance(BOOK.param("O2", "hours"), float)
    assert BOOK.param("O5", "hours") == 72.0 and BOOK.param("O3", "hours") == 48.0
    assert (BOOK.param("O4", "weekday"), BOOK.param("O4", "at")) == (0, "09:00")
    assert (BOOK.param("O9", "weekday"), BOOK.param("O9", "at")) == (4, "close")
    assert BOOK.param("O1", "every_months") == (3, 6) == BOOK.param("O6", "every_months")
    assert BOOK.param("O11", "tally") == (4, "09:00") and BOOK.param("O11", "meeting_minutes") == 40
    assert BOOK.param("O10", "agenda_hours") == 2.0 and BOOK.param("O10", "notice_working_days") == 1
    assert BOOK.param("O12", "prospect_every_days") == 7
    assert BOOK.param("G7", "roles") == ("ae", "strategist", "copywriter", "art_director")
    assert BOOK.param("I1", "response_hours") == 8.0 and BOOK.param("I1", "clock") == "business"
    assert (
        BOOK.param("I4", "resolve_working_days") == 5 and BOOK.param("I5", "return_visit_working_days") == 3
    )
    assert BOOK.param("I2", "categories") == ("inquiry", "complaint", "suggestion", "other")
    # a parameter the rule leaves out reads as its declared default
    bare = BOOK.with_rule(attrs.evolve(BOOK.rule("O7"), params={}))
    assert bare.param("O7", "days") == 6


def test_accessor_refusals_name_what_exists() -> None:
    with pytest.raises(UnknownItemError, match="G10"):
        BOOK.param("G11", "days")
    with pytest.raises(RulebookError, match="before, days"):
        BOOK.param("O7", ["days"])  # type: ignore[call-overload]
    with pytest.raises(RulebookError, match="before, days") as caught:
        BOOK.param("O7", "hours")
    assert (caught.value.rule_id, caught.value.parameter) == ("O7", "hours")


@pytest.mark.parametrize(
    ("rule_id", "key", "value", "allowed"),
    [
        ("O7", "days", "six", "0..60"),
        ("O7", "days", -3, "0..60"),
        ("O7", "days", True, "0..60"),
        ("O5", "hours", float("nan"), "finite"),
        ("O5", "hours", float("inf"), "finite"),
        ("O2", "hours", 0, "0 < hours"),
        ("O3", "hours", 10_001, "10000"),
        ("O4", "weekday", 7, "weekday"),
        ("O4", "at", "9am", "HH:MM"),
        ("O1", "every_months", [6, 3], "low <= high"),
        ("O6", "every_months", [0, 3], "1 <= low"),
        ("O6", "every_months", [3, 25], "24"),
        ("G7", "roles", ["ae", "ae"], "distinct"),
        ("G7", "lead_roles", [], "non-empty"),
        ("I1", "clock", "lunar", "'elapsed'"),
        ("I4", "resolve_working_days", 2.5, "int"),
        ("O11", "tally", [4], "weekday"),
    ],
)
def test_out_of_schema_values_are_refused_at_build_naming_everything(
    rule_id: str, key: str, value: object, allowed: str
) -> None:
    with pytest.raises(RulebookError, match=re.escape(allowed)) as caught:
        BOOK.with_params(rule_id, **{key: value})
    error = caught.value
    assert (error.rule_id, error.parameter) == (rule_id, key)
    assert repr(error.value) == repr(value) and allowed in str(error.allowed)
    assert f"rule {rule_id}" in str(error) and repr(value) in str(error)


def test_unknown_keys_and_duplicates_are_refused_wherever_a_rulebook_is_built() -> None:
    with pytest.raises(RulebookError, match=r"no parameter 'dayz'.*before, days") as caught:
        BOOK.with_params("O7", dayz=6)
    assert (caught.value.rule_id, caught.value.parameter, caught.value.value) == ("O7", "dayz", 6)
    with pytest.raises(RulebookError, match="G1 has no parameter 'hours'"):
        BOOK.with_params("G1", hours=3)
    bad = attrs.evolve(BOOK.rule("O7"), params={"days": -1})
    with pytest.raises(RulebookError, match="O7"):
        Rulebook(BOOK.items, [*[*BOOK.rules.values()][:-1], bad])
    with pytest.raises(RulebookError, match="O7"):
        BOOK.with_rule(bad)
    with pytest.raises(RulebookError, match="'G4' is listed twice"):
        Rulebook(BOOK.items, [*BOOK.rules.values(), BOOK.rule("G4")])
    with pytest.raises(RulebookError, match="'film' is listed twice"):
        Rulebook([*BOOK.items.values(), BOOK.item("film")], BOOK.rules)
    data = json.loads(json.dumps(BOOK.to_dict()))
    data["rules"].append(data["rules"][3])
    with pytest.raises(RulebookError, match="listed twice"):
        Rulebook.from_dict(data)
    data = json.loads(json.dumps(BOOK.to_dict()))
    next(r for r in data["rules"] if r["id"] == "O7")["params"]["days"] = -3
    with pytest.raises(RulebookError, match="O7's parameter 'days'"):
        Rulebook.from_dict(data)
    # the refusals change nothing: the standard book is as it was
    assert BOOK.param("O7", "days") == 6 and Rulebook.standard() == BOOK


def test_an_agencys_own_rule_carries_any_json_params() -> None:
    ours = BOOK.with_rule(
        Rule("X1", "obligation", "Weekly call", "Call weekly.", ("H3",), {"weekday": "Tue"})
    )
    assert ours.rule("X1").params == {"weekday": "Tue"}
    with pytest.raises(RulebookError, match="no parameter"):
        ours.param("X1", "weekday")


def test_without_refuses_an_unknown_id_and_disables_exactly_one_rule() -> None:
    with pytest.raises(RulebookError, match=r"'G11'.*T1, \.\.\., I11") as caught:
        BOOK.without("G11")
    assert caught.value.rule_id == "G11" and "L6" in caught.value.allowed  # type: ignore[operator]
    off = BOOK.without("L3")
    assert [r.id for r in off.rules.values() if not r.enabled] == ["L3"]
    assert list(off.rules) == list(BOOK.rules)


@settings(max_examples=300)
@given(st.sampled_from(_DECLARED), values)
def test_a_rulebook_builds_exactly_when_every_value_is_inside_its_schema(
    declared: tuple[str, str], value: Any
) -> None:
    rule_id, key = declared
    inside = _inside(rule_id, key, value)
    try:
        book = BOOK.with_params(rule_id, **{key: value})
    except RulebookError as error:
        assert not inside, (rule_id, key, value, error)
        assert (error.rule_id, error.parameter) == (rule_id, key)
        return
    assert inside, (rule_id, key, value)
    got = book.param(rule_id, key)
    assert _inside(rule_id, key, got)
    # the accessor's value is typed: ints stay ints, hours are floats, lists become tuples
    default = SCHEMAS[rule_id][key].default
    assert type(got) is type(default) or (isinstance(default, tuple) and isinstance(got, tuple))
    # and it survives a JSON round trip unchanged
    again = Rulebook.from_dict(json.loads(json.dumps(book.to_dict())))
    assert again.param(rule_id, key) == got


@given(st.lists(st.tuples(st.sampled_from(_DECLARED), values), max_size=6))
def test_any_rulebook_that_builds_answers_every_accessor_inside_its_schema(
    changes: list[tuple[tuple[str, str], Any]],
) -> None:
    book = BOOK
    for (rule_id, key), value in changes:
        try:
            book = book.with_params(rule_id, **{key: value})
        except RulebookError as error:
            assert (error.rule_id, error.parameter) == (rule_id, key)
    for rule_id, key in _DECLARED:
        assert _inside(rule_id, key, book.param(rule_id, key)), (rule_id, key)


junk = st.sampled_from([None, 5, True, -3, 10**400, float("nan"), "", "G4", "O7", [], {}, ("a",), object()])
BOOK_CALLS = {
    "item": st.tuples(junk),
    "rule": st.tuples(junk),
    "param": st.tuples(junk | st.sampled_from(["O7", "G7"]), junk | st.sampled_from(["days", "roles"])),
    "rules_of": st.tuples(junk),
    "steps": st.tuples(junk),
    "choice": st.tuples(junk),
    "floor": st.tuples(junk),
    "with_item": st.tuples(junk),
    "with_days": st.tuples(junk | st.just("film"), junk),
    "with_rule": st.tuples(junk),
    "without": st.tuples(junk),
    "from_dict": st.tuples(junk | st.dictionaries(st.text(max_size=3), junk, max_size=3)),
}


@settings(max_examples=300)
@given(call=st.sampled_from(sorted(BOOK_CALLS)), data=st.data())
def test_rulebook_methods_raise_only_documented_errors_and_change_nothing(
    call: str, data: st.DataObject
) -> None:
    args = data.draw(BOOK_CALLS[call])
    before = BOOK.to_dict()
    with contextlib.suppress(AdServiceError):
        getattr(BOOK, call)(*args)
    assert BOOK.to_dict() == before


def test_params_nested_too_deep_are_refused() -> None:
    deep: list[object] = []
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(RulebookError, match="X1"):
        Rule("X1", "gate", "x", "x", ("H1",), {"deep": deep})
    data = json.loads(json.dumps(BOOK.to_dict()))
    data["rules"][0]["params"] = {"deep": deep}
    with pytest.raises((RulebookError, SchemaError)):
        Rulebook.from_dict(data)


@pytest.mark.parametrize(
    ("rule_id", "key"),
    [("O2", "hours"), ("O5", "hours"), ("I1", "response_hours"), ("O10", "agenda_hours")],
)
@pytest.mark.parametrize("value", [10**400, -(10**400), 2**1024], ids=["10**400", "-10**400", "2**1024"])
def test_hours_too_large_for_a_float_are_refused_naming_the_rule(rule_id: str, key: str, value: int) -> None:
    # An int that no float can hold is outside every hours schema: a RulebookError, not an OverflowError.
    with pytest.raises(RulebookError) as caught:
        BOOK.with_params(rule_id, **{key: value})
    assert (caught.value.rule_id, caught.value.parameter) == (rule_id, key)
    assert "hours" in str(caught.value.allowed)
    data = json.loads(json.dumps(BOOK.to_dict()))
    next(r for r in data["rules"] if r["id"] == rule_id)["params"][key] = value
    with pytest.raises(RulebookError, match=f"rule {rule_id}'s parameter '{key}'"):
        Rulebook.from_dict(data)


@pytest.mark.parametrize(
    ("rule_id", "key", "value"),
    [
        ("O7", "days", math.nan),
        ("O2", "hours", math.inf),
        ("O7", "days", {"a": math.nan}),
        ("X1", "p", [math.nan]),  # an agency's own rule: any JSON, but JSON
    ],
    ids=["O7 nan", "O2 inf", "O7 nested nan", "X1 own rule"],
)
def test_a_value_json_cannot_carry_is_refused_by_from_dict_naming_the_rule(
    rule_id: str, key: str, value: object
) -> None:
    # json.loads reads NaN and Infinity: a file may carry them. from_dict refuses them as the
    # constructor and with_params do, naming the rule and the parameter.
    data = json.loads(json.dumps(BOOK.to_dict()))
    if rule_id == "X1":
        data["rules"].append(
            {
                "id": "X1",
                "kind": "gate",
                "title": "t",
                "text": "t",
                "source": ["H1"],
                "params": {},
                "enabled": True,
            }
        )
    next(r for r in data["rules"] if r["id"] == rule_id)["params"][key] = value
    with pytest.raises(RulebookError, match=f"rule {rule_id}'s parameter '{key}'") as caught:
        Rulebook.from_dict(data)
    assert (caught.value.rule_id, caught.value.parameter) == (rule_id, key)


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("window_days", -5, ">= 1"),
        ("habitual_count", 0, ">= 1"),
        ("habitual_count", 2.0, "an int"),
        ("warn_fraction", math.nan, "0 <= warn_fraction <= 1"),
        ("floor_fraction", 0, "0 < floor_fraction <= 1"),
        ("floor_fraction", "half", "a number"),
    ],
)
def test_a_rush_policy_outside_its_schema_is_refused_naming_t8_the_number_and_the_value(
    name: str, value: object, allowed: str
) -> None:
    data = json.loads(json.dumps(BOOK.to_dict()))
    data["rush"][name] = value
    builds = [lambda: RushPolicy(**{name: value})]
    if type(value) is type(getattr(BOOK.rush, name)) or (
        isinstance(value, float) and name.endswith("fraction")
    ):
        builds.append(lambda: Rulebook.from_dict(data))  # of the right JSON type: the range is T8's
    for build in builds:
        with pytest.raises(RulebookError, match=re.escape(allowed)) as caught:
            build()
        error = caught.value
        assert (error.rule_id, error.parameter) == ("T8", name) and repr(value) in str(error)


@pytest.mark.parametrize("schema", [1.0, True, "1"])
def test_a_rulebook_schema_of_another_type_is_refused(schema: object) -> None:
    data = json.loads(json.dumps(BOOK.to_dict()))
    data["schema"] = schema
    with pytest.raises(SchemaError, match="schema 1"):
        Rulebook.from_dict(data)


@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.rule("G11"),
        lambda b: b.param("G11", "days"),
        lambda b: b.with_params("G11", days=3),
        lambda b: b.without("G11"),
        lambda b: b.with_params(["O7"], days=3),
    ],
    ids=["rule", "param", "with_params", "without", "unhashable id"],
)
def test_an_unknown_rule_id_is_one_error_wherever_it_is_asked_for(call: Any) -> None:
    # One convention: every accessor refuses an id the rulebook lacks with the same error, which is
    # both an unknown key (UnknownItemError) and a refused rulebook request (RulebookError).
    with pytest.raises(UnknownItemError) as caught:
        call(BOOK)
    error = caught.value
    assert isinstance(error, RulebookError) and isinstance(error, AdServiceError)
    assert error.rule_id in ("G11", "['O7']") and "G11" not in error.allowed and "G10" in error.allowed
    assert Rulebook.standard() == BOOK
