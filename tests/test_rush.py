"""Rush requests (T8, SPEC §5): every outcome at its boundary, the rolling window, the recorded value."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adservice import WorkCalendar
from adservice.deadlines import OUTCOMES, RushAssessment, assess_rush
from adservice.errors import (
    AdServiceError,
    DurationOutOfRangeError,
    InvalidInputError,
    NaiveDatetimeError,
    ProvisionalCalendarError,
    SchemaError,
    UnknownItemError,
)
from adservice.rulebook import Rulebook, RushPolicy, Turnaround

from . import strategies as s

SH = ZoneInfo("Asia/Shanghai")
# An 8-working-day item keeps the policy's boundaries on whole days: a 25 % compression is
# 2 days, and the default hard floor is half the low bound, 4 days.
BOOK = Rulebook.standard().with_item(Turnaround("poster", "poster", days=8, rule_id="X1"))
# Received Mon 2025-11-03 10:00, a plain November week: day 0 is 11-03, standard due Thu 11-13.
RECEIVED = datetime(2025, 11, 3, 10, tzinfo=SH)


def d(text: str) -> date:
    return date.fromisoformat(text)


def assess(requested: str, history: list[datetime] | None = None, **kw: object) -> RushAssessment:
    kw.setdefault("rulebook", BOOK)
    return assess_rush("poster", RECEIVED, d(requested), history=history or [], **kw)  # type: ignore[arg-type]


def test_the_standard_is_counted_from_day_zero() -> None:
    a = assess("2025-11-13")
    assert (a.day0, a.standard_due_date, a.standard_days) == (d("2025-11-03"), d("2025-11-13"), 8)
    assert a.floor_days == 4 and a.warn_fraction == 0.25


@pytest.mark.parametrize(
    ("requested", "outcome", "requested_days", "compression"),
    [
        ("2025-11-20", "accept", 13, -5),  # later than standard: not a rush
        ("2025-11-13", "accept", 8, 0),  # the standard itself: not a rush
        ("2025-11-12", "accept", 7, 1),  # 12.5 %
        ("2025-11-11", "accept", 6, 2),  # exactly 25 %: not more than the warn fraction
        ("2025-11-10", "accept_with_warning", 5, 3),  # 37.5 %
        ("2025-11-09", "accept_with_warning", 4, 4),  # a Sunday: the working days up to it are 4
        ("2025-11-07", "accept_with_warning", 4, 4),  # exactly the floor: still feasible
        ("2025-11-06", "infeasible", 3, 5),  # below the floor
        ("2025-11-03", "infeasible", 0, 8),  # day 0 itself
        ("2025-10-31", "infeasible", -1, 9),  # the working day before day 0
        ("2025-11-01", "infeasible", -1, 9),  # a Saturday before day 0 counts as the Friday
    ],
)
def test_outcomes_at_each_boundary(
    requested: str, outcome: str, requested_days: int, compression: int
) -> None:
    a = assess(requested)
    assert (a.outcome, a.requested_days, a.compression) == (outcome, requested_days, compression)
    assert a.rush == (compression > 0)
    assert a.compression_fraction == pytest.approx(compression / 8)
    assert a.reasons[0].startswith("T8: ")


def test_reasons_name_the_rules() -> None:
    not_rush = assess("2025-11-13")
    assert not_rush.reasons == (
        "T8: the requested due 2025-11-13 is not earlier than the standard due 2025-11-13 "
        "(8 working days, rule X1, H1); this is not a rush.",
    )
    fine = assess("2025-11-12")
    assert fine.reasons == (
        "T8: the request compresses poster from the standard 8 working days (due 2025-11-13) "
        "to 7 working days (due 2025-11-12): by 1 working day, 12%.",
        "H1: the agency cooperates with the client's rush request.",
    )
    warned = assess("2025-11-10")
    assert warned.reasons[1].startswith("H1: compressing by 38% is more than 25% of the standard")
    infeasible = assess("2025-11-06")
    assert infeasible.reasons[1].startswith("H3: 3 working days is below the hard floor of 4 for poster")


def test_habitual_rushing_may_be_declined() -> None:
    two_earlier = [RECEIVED - timedelta(days=80), RECEIVED - timedelta(days=10)]
    a = assess("2025-11-12", two_earlier)
    assert (a.outcome, a.rush_count_in_window, a.habitual) == ("may_decline", 3, True)
    assert any(
        r.startswith("H1: 3 rush requests from this client within 90 days (habitual from 3)")
        for r in a.reasons
    )
    one_earlier = assess("2025-11-12", two_earlier[1:])
    assert (one_earlier.outcome, one_earlier.rush_count_in_window, one_earlier.habitual) == (
        "accept",
        2,
        False,
    )
    # Habitual and heavily compressed: may decline, with the warning among the reasons.
    both = assess("2025-11-10", two_earlier)
    assert both.outcome == "may_decline" and any("more than 25%" in r for r in both.reasons)
    # Below the floor stays infeasible whatever the history.
    assert assess("2025-11-06", two_earlier).outcome == "infeasible"
    # Not a rush: accepted; the history is reported but this request is not counted.
    calm = assess("2025-11-13", two_earlier)
    assert (calm.outcome, calm.rush_count_in_window, calm.habitual) == ("accept", 2, False)


def test_the_rolling_window_edges() -> None:
    edge = RECEIVED - timedelta(days=90)
    inside = edge + timedelta(microseconds=1)
    recent = RECEIVED - timedelta(days=1)
    assert assess("2025-11-12", [edge, recent]).rush_count_in_window == 2  # the edge is outside
    assert assess("2025-11-12", [inside, recent]).rush_count_in_window == 3
    later = RECEIVED + timedelta(days=1)  # not history yet at as_of
    assert assess("2025-11-12", [later, recent]).rush_count_in_window == 2
    # as_of moves the window: judged a day later, the later request is history.
    assert assess("2025-11-12", [later, recent], as_of=later).rush_count_in_window == 3
    utc = ZoneInfo("UTC")
    assert assess("2025-11-12", [inside.astimezone(utc), recent.astimezone(utc)]).habitual


def test_policy_and_floor_come_from_the_rulebook() -> None:
    strict_policy = attrs.evolve(BOOK, rush=RushPolicy(habitual_count=2, window_days=30, warn_fraction=0.5))
    a = assess("2025-11-10", [RECEIVED - timedelta(days=20)], rulebook=strict_policy)
    assert (a.outcome, a.window_days, a.habitual_count) == ("may_decline", 30, 2)
    assert assess("2025-11-10", [RECEIVED - timedelta(days=40)], rulebook=strict_policy).outcome == "accept"
    high_floor = BOOK.with_item(Turnaround("poster", "poster", days=8, floor=6, rule_id="X1"))
    assert assess("2025-11-10", rulebook=high_floor).outcome == "infeasible"
    assert assess("2025-11-11", rulebook=high_floor).outcome == "accept"
    print_piece = assess_rush("print_single", datetime(2025, 9, 26, 10, tzinfo=SH), d("2025-10-10"))
    assert (print_piece.floor_days, print_piece.requested_days, print_piece.outcome) == (
        5,
        5,
        "accept_with_warning",
    )


def test_ranges_and_months() -> None:
    ranged = assess_rush("integrated_plan", RECEIVED, d("2025-11-11"), days=6)
    assert (ranged.standard_days, ranged.outcome) == (6, "accept")
    assert assess_rush("integrated_plan", RECEIVED, d("2025-11-11")).compression == 2
    with pytest.raises(DurationOutOfRangeError):
        assess_rush("integrated_plan", RECEIVED, d("2025-11-11"), days=12)
    # Months are counted in working days; the floor of a two-month item is one month.
    two_months = Rulebook.standard().with_days("tvc_production", 2)
    tvc = assess_rush("tvc_production", RECEIVED, d("2025-12-10"), rulebook=two_months)
    cn = WorkCalendar("CN")
    # 11-03 + 2 months is Sat 2026-01-03 (New Year), rolled forward to the make-up Sunday 01-04.
    assert tvc.standard_due_date == d("2026-01-04")
    assert tvc.standard_days == cn.working_days_between(d("2025-11-04"), d("2026-01-05"))
    assert tvc.floor_days == cn.working_days_between(d("2025-11-04"), d("2025-12-04"))
    assert tvc.outcome == "accept_with_warning"
    assert assess_rush("tvc_production", RECEIVED, d("2025-12-20"), rulebook=two_months).outcome == "accept"
    assert (
        assess_rush("tvc_production", RECEIVED, d("2025-12-01"), rulebook=two_months).outcome == "infeasible"
    )


def test_the_assessment_is_a_recordable_value() -> None:
    a = assess("2025-11-10", [RECEIVED - timedelta(days=3)])
    data = json.loads(json.dumps(a.to_dict()))
    assert data["outcome"] == "accept_with_warning" and data["requested_due_date"] == "2025-11-10"
    assert data["reasons"] == list(a.reasons)
    assert RushAssessment.from_dict(data) == a
    assert not hasattr(a, "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.outcome = "accept"  # type: ignore[misc]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda x: x.pop("outcome"),
        lambda x: x.update(extra=1),
        lambda x: x.update(outcome="maybe"),
        lambda x: x.update(received_at="2025-11-03T10:00"),
        lambda x: x.update(requested_due_date="11/10/2025"),
        lambda x: x.update(standard_days="8"),
        lambda x: x.update(habitual="no"),
        lambda x: x.update(reasons="all good"),
        lambda x: x.update(compression_fraction=True),
    ],
)
def test_tampered_assessments_are_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    data = assess("2025-11-10").to_dict()
    tamper(data)
    with pytest.raises(SchemaError):
        RushAssessment.from_dict(data)
    with pytest.raises(SchemaError):
        RushAssessment.from_dict([data])


def test_provisional_and_strict() -> None:
    received = datetime(2026, 12, 14, 10, tzinfo=SH)  # standard due 12-18, before the provisional last week
    assert assess_rush("phase_plan", received, d("2026-12-16")).provisional is False
    assert assess_rush("media_schedule", datetime(2026, 12, 29, 10, tzinfo=SH), d("2026-12-31")).provisional
    strict = WorkCalendar("CN", strict=True)
    with pytest.raises(ProvisionalCalendarError):
        assess_rush("media_schedule", datetime(2026, 12, 29, 10, tzinfo=SH), d("2026-12-31"), calendar=strict)


def test_refusals() -> None:
    with pytest.raises(NaiveDatetimeError):
        assess_rush("poster", datetime(2025, 11, 3, 10), d("2025-11-10"), rulebook=BOOK)
    with pytest.raises(NaiveDatetimeError):
        assess("2025-11-10", [datetime(2025, 10, 3, 10)])
    with pytest.raises(NaiveDatetimeError):
        assess("2025-11-10", as_of=datetime(2025, 11, 3, 10))
    with pytest.raises(UnknownItemError, match="poster"):
        assess_rush("posters", RECEIVED, d("2025-11-10"), rulebook=BOOK)
    with pytest.raises(InvalidInputError, match="requested_due_date"):
        assess_rush("poster", RECEIVED, RECEIVED, rulebook=BOOK)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="history"):
        assess_rush("poster", RECEIVED, d("2025-11-10"), rulebook=BOOK, history=RECEIVED)  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------

requested_dates = st.dates(min_value=date(2025, 10, 20), max_value=date(2025, 12, 10))
histories = st.lists(st.timedeltas(timedelta(0), timedelta(days=200)), max_size=6).map(
    lambda ago: [RECEIVED - x for x in ago]
)


@settings(max_examples=200)
@given(requested=requested_dates, history=histories)
def test_outcome_follows_the_rules(requested: date, history: list[datetime]) -> None:
    a = assess(requested.isoformat(), history)
    in_window = sum(RECEIVED - timedelta(days=90) < h <= RECEIVED for h in history)
    if a.compression <= 0:
        expected = "accept"
    elif a.requested_days < a.floor_days:
        expected = "infeasible"
    elif in_window + 1 >= 3:
        expected = "may_decline"
    elif a.compression / a.standard_days > 0.25:
        expected = "accept_with_warning"
    else:
        expected = "accept"
    assert a.outcome == expected
    assert a.outcome in OUTCOMES


@settings(max_examples=200)
@given(a=requested_dates, b=requested_dates, history=histories)
def test_an_earlier_request_is_never_judged_more_kindly(a: date, b: date, history: list[datetime]) -> None:
    earlier, later = assess(min(a, b).isoformat(), history), assess(max(a, b).isoformat(), history)
    assert OUTCOMES.index(earlier.outcome) >= OUTCOMES.index(later.outcome)
    assert earlier.compression >= later.compression


@settings(max_examples=200)
@given(
    item=st.one_of(st.sampled_from(sorted(BOOK.items)), s.junk),
    received=st.one_of(s.aware_datetimes, s.junk),
    requested=st.one_of(s.dates, s.junk),
    history=st.one_of(st.lists(st.one_of(s.aware_datetimes, s.junk), max_size=3), s.junk),
    as_of=st.one_of(st.none(), s.aware_datetimes, s.junk),
)
def test_arbitrary_input_raises_only_documented_errors(
    item: object, received: object, requested: object, history: object, as_of: object
) -> None:
    with contextlib.suppress(AdServiceError):
        assess_rush(item, received, requested, history=history, as_of=as_of, rulebook=BOOK)  # type: ignore[arg-type]
