"""The testing kit: the pytest plugin's fixtures and messages, the assertions, and the strategies."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from adservice import DayKind, WorkCalendar
from adservice.deadlines import day_zero, plan
from adservice.engagement import Engagement, Stage
from adservice.errors import InvalidChoiceError, InvalidInputError
from adservice.kernel import Event
from adservice.rulebook import Rulebook, Turnaround
from adservice.testing import (
    CONFIRMED_THROUGH,
    assert_deadline,
    assert_not_working_day,
    assert_working_day,
    assert_working_days_after,
    plugin,
)
from adservice.testing import strategies as ads

pytest_plugins = ["pytester"]

SH = ZoneInfo("Asia/Shanghai")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "howto" / "testing.md"
#: A calendar with a short horizon: quick to build, and the strategies draw inside it.
SMALL = WorkCalendar("CN", horizon=(2023, 2028), confirmed_through=2026)
STANDARD = Rulebook.standard()


# -- the plugin, seen from a user's test suite --------------------------------------------------------


def test_installing_adservice_registers_the_plugin(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig()
    assert config.pluginmanager.get_plugin("adservice") is plugin


def test_the_fixtures_give_the_pinned_cn_calendar_and_the_standard_rulebook(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        from adservice import WorkCalendar
        from adservice.rulebook import Rulebook

        def test_fixtures(adservice_calendar, adservice_rulebook):
            assert adservice_calendar == WorkCalendar("CN", confirmed_through=2026)
            assert adservice_rulebook == Rulebook.standard()
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"adservice: CN calendar confirmed through {CONFIRMED_THROUGH}"])


def test_the_pinned_year_and_region_come_from_the_ini_file(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nadservice_region = CN\nadservice_confirmed_through = 2024\n")
    pytester.makepyfile(
        """
        from datetime import date

        def test_pinned(adservice_calendar):
            assert adservice_calendar.confirmed_through == 2024
            assert adservice_calendar.is_provisional(date(2025, 10, 1))
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_a_bad_ini_value_is_a_usage_error_that_says_what_to_write(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nadservice_confirmed_through = next year\n")
    pytester.makepyfile("def test_it(adservice_calendar):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*adservice_confirmed_through must be a year such as 2026*"])


def test_the_plugin_can_be_left_out(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_it(adservice_calendar):\n    pass\n")
    result = pytester.runpytest("-p", "no:adservice")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'adservice_calendar' not found*"])


def test_a_failing_assertion_reads_as_the_calendars_explanation(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from datetime import date, datetime
        from adservice.testing import assert_working_days_after

        def test_media_schedule(adservice_calendar):
            received = datetime(2025, 9, 29, 10, tzinfo=adservice_calendar.tz)
            assert_working_days_after(date(2025, 10, 9), received, 3, calendar=adservice_calendar)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*assert_working_days_after(date(2025, 10, 9), received, 3, calendar=adservice_calendar)",
            "E * AssertionError: Thu 2025-10-09 is not 3 working days after the work order received "
            "Mon 2025-09-29 10:00 +08:00",
            "E *expected Fri 2025-10-10: day 0 Mon 2025-09-29; +1 Tue 09-30; "
            "+2 Thu 10-09 (after National Day, Mid-Autumn Festival 10-01*10-08); +3 Fri 10-10",
            "E *got      Thu 2025-10-09, which is 2 working days after day 0: day 0 Mon 2025-09-29; *",
        ]
    )
    # The helper hides its own frame: the traceback ends at the user's line.
    assert "adservice/testing/plugin.py" not in result.stdout.str()


def _docs_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r'```python title="tests/test_outdoor_posters.py"\n(.*?)```', text, re.S)
    assert match, "docs/howto/testing.md lost its example test module"
    return match[1]


def test_the_docs_example_module_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_outdoor_posters=_docs_example())
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=5)


def test_the_docs_example_module_catches_a_broken_rule(pytester: pytest.Pytester) -> None:
    broken = _docs_example().replace("days=6", "days=5")
    pytester.makepyfile(test_outdoor_posters=broken)
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "national_day")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*outdoor_poster is due Fri 2025-10-10, expected Sat 2025-10-11*"])


# -- the assertions -------------------------------------------------------------------------------------


def _book(days: int) -> Rulebook:
    return STANDARD.with_item(Turnaround("own_item", "our own item", days=days))


@settings(max_examples=60, deadline=None)
@given(
    received=ads.received_instants(calendar=SMALL, years=(2024, 2026)),
    n=st.integers(min_value=1, max_value=40),
)
def test_a_plan_of_n_working_days_passes_for_n_and_fails_for_n_plus_minus_one(
    received: datetime, n: int
) -> None:
    p = plan("own_item", received, calendar=SMALL, rulebook=_book(n))
    assert_working_days_after(p, received, n, calendar=SMALL)
    assert_working_days_after(p.deadline, received, n, calendar=SMALL)
    assert_working_days_after(p.due_date, received, n, calendar=SMALL)
    for wrong in (n - 1, n + 1):
        with pytest.raises(AssertionError, match=rf"is not {wrong} working day"):
            assert_working_days_after(p, received, wrong, calendar=SMALL)


@settings(max_examples=40, deadline=None)
@given(day=ads.working_days(calendar=SMALL, years=(2024, 2026)), n=st.integers(min_value=-20, max_value=20))
def test_a_received_day_counts_as_before_the_cut_off(day: date, n: int) -> None:
    target = SMALL.add_working_days(day, n)
    assert_working_days_after(target, day, n, calendar=SMALL)
    received = datetime.combine(day, time(9), tzinfo=SH)
    assert day_zero(received, calendar=SMALL) == day
    assert_working_days_after(SMALL.close_of_business(target), received, n, calendar=SMALL)


def test_a_deadline_instant_must_be_close_of_business(cn: WorkCalendar) -> None:
    received = datetime(2025, 9, 29, 10, tzinfo=SH)
    right = datetime(2025, 10, 10, 17, tzinfo=SH)
    assert_working_days_after(right, received, 3, calendar=cn)
    assert_working_days_after(right.astimezone(ZoneInfo("Europe/Berlin")), received, 3, calendar=cn)
    with pytest.raises(
        AssertionError, match=r"the right day, but a deadline falls at close of business \(17:00\)"
    ):
        assert_working_days_after(right + timedelta(hours=1), received, 3, calendar=cn)


def test_a_deadline_on_a_day_off_says_what_the_day_is(cn: WorkCalendar) -> None:
    received = datetime(2025, 9, 29, 10, tzinfo=SH)
    with pytest.raises(
        AssertionError, match=r"which is a public holiday \(National Day\), not a working day"
    ):
        assert_working_days_after(date(2025, 10, 1), received, 3, calendar=cn)


def test_assert_deadline_compares_days_or_instants(cn: WorkCalendar) -> None:
    p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=SH), calendar=cn)
    assert_deadline(p, p.due_date)
    assert_deadline(p, p.deadline)
    assert_deadline(p, p.due_date.isoformat())
    assert_deadline(p, p.deadline.isoformat())
    for step in p.steps:
        assert_deadline(step, step.due_date)
        assert_deadline(step, step.deadline.astimezone(ZoneInfo("UTC")))
    with pytest.raises(AssertionError) as caught:
        assert_deadline(p, p.due_date - timedelta(days=1))
    assert p.explain().splitlines()[-1] in str(caught.value)
    with pytest.raises(AssertionError) as caught:
        assert_deadline(p.step("final_art"), p.step("final_art").deadline + timedelta(minutes=1))
    assert str(p.step("final_art").explain()) in str(caught.value)


def test_assert_deadline_refuses_what_it_cannot_read(cn: WorkCalendar) -> None:
    p = plan("media_schedule", datetime(2025, 9, 29, 10, tzinfo=SH), calendar=cn)
    with pytest.raises(InvalidInputError, match="Plan or a PlanStep"):
        assert_deadline("media_schedule", "2025-10-10")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="ISO date"):
        assert_deadline(p, "10/10/2025")
    with pytest.raises(InvalidInputError):
        assert_deadline(p, 20251010)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        assert_working_days_after("2025-10-10", p.received_at, 3, calendar=cn)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        assert_working_days_after(p, p.received_at, 3.0, calendar=cn)  # type: ignore[arg-type]


def test_day_assertions_name_the_kind_of_day() -> None:
    retreat = SMALL.replace(closures={date(2025, 9, 29): "agency retreat"})
    assert_working_day(date(2025, 9, 28), calendar=retreat)  # make-up Sunday
    assert_not_working_day(date(2025, 9, 29), calendar=retreat)
    with pytest.raises(AssertionError, match=r"agency closure \(agency retreat\) is not a working day"):
        assert_working_day(date(2025, 9, 29), calendar=retreat)
    with pytest.raises(AssertionError, match="make-up working day"):
        assert_not_working_day(date(2025, 9, 28), calendar=retreat)


# -- the strategies -------------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    day=ads.dates(calendar=SMALL, years=(2024, 2025)),
    working=ads.working_days(calendar=SMALL),
    at=ads.received_instants(calendar=SMALL, years=(2025, 2025)),
)
def test_days_and_instants_stay_where_they_are_asked(day: date, working: date, at: datetime) -> None:
    assert date(2024, 1, 1) <= day <= date(2025, 12, 31)
    assert SMALL.is_working_day(working)
    assert at.tzinfo is SMALL.tz and at.year == 2025


@settings(max_examples=30, deadline=None)
@given(cal=ads.calendars(years=(2025, 2026), confirmed_through=2026))
def test_calendars_have_their_closures_and_extra_working_days(cal: WorkCalendar) -> None:
    assert not set(cal.closures) & set(cal.extra_working_days)
    for day in cal.closures:
        assert cal.day_kind(day).kind is DayKind.CLOSURE
    for day in cal.extra_working_days:
        assert cal.is_working_day(day)
    assert cal.horizon[0] <= 2025 and cal.horizon[1] >= 2026 and cal.confirmed_through == 2026


def test_calendars_do_draw_closures_and_extra_working_days() -> None:
    found = find(ads.calendars(), lambda c: len(c.closures) >= 2 and c.extra_working_days)
    assert found.closures and found.extra_working_days


@settings(max_examples=40, deadline=None)
@given(
    item=ads.turnarounds("outdoor_poster", days=st.integers(4, 8), ranges=True),
    book=ads.rulebooks(items=[ads.turnarounds("digital_banner_set")], overrides=5),
)
def test_items_and_rulebooks_are_valid_and_carry_the_agencys_items(item: Turnaround, book: Rulebook) -> None:
    assert item.key == "outdoor_poster" and 4 <= item.days[0] <= item.days[1]
    assert "digital_banner_set" in book.items
    for key, value in book.items.items():
        if value.chain:
            assert value.days[1] == sum(book.item(step).days[1] for step in value.chain), key
    assert Rulebook.from_dict(book.to_dict()) == book


def test_rulebooks_do_override_chain_steps_and_retotal_the_chain() -> None:
    book = find(ads.rulebooks(overrides=1), lambda b: b.item("final_art") != STANDARD.item("final_art"))
    chain, step = STANDARD.item("print_single"), STANDARD.item("final_art")
    expected = chain.days[1] - step.days[1] + book.item("final_art").days[1]
    assert book.item("print_single").days == (expected, expected)
    assert find(ads.rulebooks(overrides=0), lambda b: True) == STANDARD


@settings(max_examples=60, deadline=None)
@given(data=st.data(), stage=st.sampled_from(list(Stage)))
def test_engagements_end_in_the_stage_asked_for_and_replay(data: st.DataObject, stage: Stage) -> None:
    e = data.draw(ads.engagements(calendar=SMALL, stages=[stage], years=(2024, 2026)))
    assert e.stage is stage
    again = Engagement.replay(e.events, id=e.id, client=e.client, calendar=e.calendar, rulebook=e.rulebook)
    assert again == e
    e.clocks()  # every clock of the log can be computed


@settings(max_examples=15, deadline=None)
@given(ads.engagements(years=(2024, 2026)))
def test_engagements_on_the_default_calendar_survive_serialisation(e: Engagement) -> None:
    assert Engagement.from_dict(e.to_dict()) == e


@settings(max_examples=30, deadline=None)
@given(ads.engagements(calendar=SMALL, stages=["closed"], years=(2024, 2026)))
def test_a_closed_engagement_went_the_whole_way(e: Engagement) -> None:
    kinds = {event.kind for event in e.events}
    assert {"receive_work_order", "sign_off", "book_media", "place", "report_execution", "close"} <= kinds
    assert {d.rule_id for d in e.duties} >= {"O5", "O7"}


@settings(max_examples=30, deadline=None)
@given(ads.event_sequences(calendar=SMALL, rulebook=_book(6), years=(2024, 2026)))
def test_event_sequences_are_in_time_order_and_replay(events: tuple[Event, ...]) -> None:
    instants = [e.at for e in events]
    assert instants == sorted(instants)
    replayed = Engagement.replay(events, id="E-1", client="Client", calendar=SMALL, rulebook=_book(6))
    assert replayed.events == events


def test_strategies_refuse_bad_arguments() -> None:
    with pytest.raises(InvalidInputError, match="horizon"):
        ads.dates(calendar=SMALL, years=(2020, 2024))
    with pytest.raises(InvalidChoiceError, match="stage"):
        ads.engagements(stages=["shooting"])
    with pytest.raises(InvalidInputError):
        ads.rulebooks(base="standard")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        ads.rulebooks(items=["outdoor_poster"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        ads.calendars(years=(2026, 2024))
    with pytest.raises(InvalidInputError):
        ads.engagements(max_gap_hours=0)
