"""pandas frames: a row per step, duty or clock, with the library's values in dtypes analysts compute with."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings

from adservice import WorkCalendar
from adservice.deadlines import Clock, Due, plan, plan_backward, plan_from_placement
from adservice.demo import demo_engagement, demo_portfolio
from adservice.engagement import Engagement
from adservice.errors import InvalidInputError, MissingExtraError, NaiveDatetimeError
from adservice.present.frames import (
    CLOCK_COLUMNS,
    OBLIGATION_COLUMNS,
    PLAN_COLUMNS,
    clocks_frame,
    obligations_frame,
    plans_frame,
    report_frame,
)
from adservice.testing import strategies as ads

SH = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2025, 9, 26, 10, tzinfo=SH)


def stamp(day: date) -> pd.Timestamp:
    return pd.Timestamp(day)


# -- plans ----------------------------------------------------------------------------------------


def test_a_plan_is_one_row_per_step_with_the_plans_own_values(cn: WorkCalendar) -> None:
    p = plan("print_single", RECEIVED, calendar=cn)
    df = plans_frame(p)
    assert list(df.columns) == list(PLAN_COLUMNS)
    assert list(df["step"]) == [s.key for s in p.steps]
    assert list(df["due_date"]) == [stamp(s.due_date) for s in p.steps]
    assert list(df["start"]) == [stamp(s.start) for s in p.steps]
    assert list(df["deadline"]) == [s.deadline for s in p.steps]
    assert list(df["days"]) == [s.days for s in p.steps]
    assert set(df["direction"]) == {"forward"} and set(df["kind"]) == {"step"}
    assert df["job"].isna().all()


def test_plan_columns_have_dtypes_that_compute(cn: WorkCalendar) -> None:
    df = plans_frame(plan("print_single", RECEIVED, calendar=cn))
    assert pd.api.types.is_datetime64_dtype(df["due_date"]) and df["due_date"].dt.tz is None
    assert str(df["deadline"].dt.tz) == "Asia/Shanghai"
    assert pd.api.types.is_integer_dtype(df["days"])
    assert pd.api.types.is_bool_dtype(df["provisional"])
    # A question an analyst asks: how many calendar days does each step take?
    assert list((df["due_date"] - df["start"]).dt.days) == [3, 11, 3, 1, 1]


def test_a_mapping_of_jobs_and_an_engagement_give_a_job_column() -> None:
    e = demo_engagement()
    plans = e.plans()
    df = plans_frame(e)
    assert df.equals(plans_frame(plans))
    assert list(dict.fromkeys(df["job"])) == list(plans)
    assert len(df) == sum(len(p.steps) + len(p.reviews) for p in plans.values())  # G5's review windows


def test_reviews_are_rows_between_the_steps(cn: WorkCalendar) -> None:
    p = plan("print_single", RECEIVED, calendar=cn, review_days=1)
    df = plans_frame(p)
    assert list(df["kind"]) == ["step", "review"] * (len(p.steps) - 1) + ["step"]
    reviews = df[df["kind"] == "review"]
    assert list(reviews["deadline"]) == [r.deadline for r in p.reviews]
    assert set(reviews["rule_id"]) == {"G3"}


def test_backward_and_placement_plans(cn: WorkCalendar) -> None:
    back = plan_backward("print_single", date(2025, 10, 15), calendar=cn)
    df = plans_frame(back)
    assert set(df["direction"]) == {"backward"}
    assert df["start"].min() == stamp(back.work_order_by)
    placed = plan_from_placement(date(2025, 10, 13), ["print_single", "media_schedule"], calendar=cn)
    df = plans_frame(placed)
    assert list(dict.fromkeys(df["item"])) == ["print_single", "media_schedule"]
    assert df["due_date"].max() == stamp(placed.materials_due_date)


@settings(max_examples=25, deadline=None)
@given(received=ads.received_instants(years=(2024, 2026)))
def test_every_due_in_the_frame_is_a_working_day(received: datetime) -> None:
    cn = WorkCalendar("CN")
    df = plans_frame(plan("print_single", received, calendar=cn))
    assert all(cn.is_working_day(ts.date()) for ts in df["due_date"])
    assert df["due_date"].is_monotonic_increasing


# -- duties and obligations -------------------------------------------------------------------------


def test_an_engagement_gives_one_row_per_duty() -> None:
    e = demo_engagement()
    df = obligations_frame(e)
    assert list(df.columns) == list(OBLIGATION_COLUMNS)
    assert list(df["rule_id"]) == [d.rule_id for d in e.duties]
    assert list(df["deadline"]) == [d.due for d in e.duties]
    assert list(df["because"]) == [d.because or None for d in e.duties]
    assert (df["earliest"] == df["deadline"]).all()
    assert set(df["engagement_id"]) == {e.id}


def test_a_portfolio_keeps_each_duty_with_its_engagement() -> None:
    portfolio = demo_portfolio()
    df = obligations_frame(portfolio)
    counts = df.groupby("engagement_id").size().to_dict()
    assert counts == {e.id: len(e.duties) for e in portfolio if e.duties}


def test_obligations_keep_their_window_and_whether_they_are_done() -> None:
    # Any Due exports (ObligationLike is gone: one type for what is due under a rule).
    early, late = datetime(2026, 6, 1, 9, tzinfo=SH), datetime(2026, 9, 1, 17, tzinfo=SH)
    rows = [
        Due("O1", "strategy review", late, earliest=early, subject="E-1", because="every 3-6 months"),
        Due("O6", "competitors", late, done_at=early),
    ]
    df = obligations_frame(rows)
    assert list(df["earliest"]) == [early, late]
    assert list(df["deadline"]) == [late, late]
    assert df["engagement_id"].iloc[0] == "E-1" and pd.isna(df["engagement_id"].iloc[1])
    assert df["because"].iloc[0] == "every 3-6 months" and pd.isna(df["because"].iloc[1])
    assert pd.isna(df["done_at"].iloc[0])
    assert df["done_at"].iloc[1] == early
    assert list(df["explanation"]) == [d.describe() for d in rows]


# -- clocks ---------------------------------------------------------------------------------------------


def test_clocks_of_an_engagement_read_as_their_statuses() -> None:
    e = demo_engagement()
    as_of = e.events[-1].at
    df = clocks_frame(e, as_of=as_of)
    assert list(df.columns) == list(CLOCK_COLUMNS)
    clocks = e.clocks()
    assert list(df["job"]) == list(clocks)
    for row, clock in zip(df.itertuples(index=False), clocks.values(), strict=True):
        status = clock.status(as_of)
        assert row.due == status.due
        assert row.agency_time == status.agency_time
        assert row.client_time == status.client_time
        assert row.verdict == status.verdict
    for column in ("budget", "agency_time", "client_time", "remaining", "lateness", "delay"):
        assert pd.api.types.is_timedelta64_dtype(df[column]), column


def test_a_running_clock_leaves_met_unknown(cn: WorkCalendar) -> None:
    start = datetime(2025, 9, 29, 9, tzinfo=SH)
    running = Clock.start("J-1", start, working_days=3, calendar=cn)
    done = Clock.start("J-2", start, working_days=3, calendar=cn).stop(start + timedelta(hours=4))
    df = clocks_frame({"J-1": running, "J-2": done}, as_of=start + timedelta(days=1))
    assert str(df["met"].dtype) == "boolean"
    assert df["met"].isna().tolist() == [True, False]
    assert df["met"].iloc[1]
    assert list(df["verdict"]) == ["open", "met"]


def test_thresholds_reach_the_statuses(cn: WorkCalendar) -> None:
    start = datetime(2025, 9, 29, 9, tzinfo=SH)
    clock = Clock.start("J-1", start, working_days=4, calendar=cn)
    as_of = datetime(2025, 9, 30, 12, tzinfo=SH)  # 11 working hours of the 40 the clock has
    df = clocks_frame([clock], as_of)
    assert 0.25 <= df["used_fraction"].iloc[0] < 0.5
    assert df["risk"].tolist() == ["ok"]
    assert clocks_frame([clock], as_of, thresholds=(0.25,))["risk"].tolist() == ["at_risk_25"]


# -- report rows -----------------------------------------------------------------------------------------


def test_report_rows_from_attrs_values_and_mappings() -> None:
    e = demo_engagement()
    statuses = [c.status(e.events[-1].at) for c in e.clocks().values()]
    df = report_frame(statuses)
    assert list(df.columns) == [f.name for f in attrs.fields(type(statuses[0]))]
    assert list(df["key"]) == [s.key for s in statuses]
    rows = [
        {"job": "J-1", "late_by": timedelta(hours=3)},
        {"job": "J-2", "owner": "Li", "due": date(2026, 3, 2)},
    ]
    df = report_frame(rows)
    assert list(df.columns) == ["job", "late_by", "owner", "due"]
    assert pd.api.types.is_timedelta64_dtype(df["late_by"])
    assert pd.api.types.is_datetime64_dtype(df["due"])
    assert list(report_frame(rows, columns=["owner", "job"]).columns) == ["owner", "job"]


def test_empty_inputs_give_empty_frames_with_the_columns() -> None:
    fresh = Engagement("E-0", "Nobody")
    assert list(plans_frame(fresh).columns) == list(PLAN_COLUMNS) and plans_frame([]).empty
    assert obligations_frame(fresh).empty and list(obligations_frame([]).columns) == list(OBLIGATION_COLUMNS)
    assert clocks_frame(fresh, datetime(2026, 1, 1, tzinfo=SH)).empty
    assert report_frame([]).empty


# -- refusals --------------------------------------------------------------------------------------------


def test_refusals() -> None:
    e = demo_engagement()
    with pytest.raises(InvalidInputError, match="plans_frame"):
        plans_frame("print_single")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="plans_frame"):
        plans_frame([42])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="obligations_frame"):
        obligations_frame([e, 42])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="clocks_frame"):
        clocks_frame([None], datetime(2026, 1, 1, tzinfo=SH))  # type: ignore[list-item]
    with pytest.raises(NaiveDatetimeError):
        clocks_frame(e, datetime(2026, 5, 1))
    with pytest.raises(InvalidInputError, match="report row"):
        report_frame([("J-1", 3)])
    with pytest.raises(InvalidInputError, match="columns"):
        report_frame([{"a": 1}], columns="a")


def test_without_pandas_the_error_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an uninstalled package looks like to import
    with pytest.raises(MissingExtraError, match=r"pip install 'adservice\[pandas\]'"):
        plans_frame(plan("media_schedule", RECEIVED))


def test_obligations_of_the_obligations_module_with_windows_and_done_duties() -> None:
    from adservice.portfolio import engagement_obligations

    e = demo_engagement()
    obligations = engagement_obligations(e, date(2026, 1, 1), date(2027, 1, 1))
    df = obligations_frame(obligations)
    assert list(df["rule_id"]) == [o.rule_id for o in obligations]
    assert list(df["deadline"]) == [o.deadline for o in obligations]
    windows = df[df["earliest"] < df["deadline"]]
    assert list(windows["rule_id"]) == [o.rule_id for o in obligations if o.is_window]
    assert not windows.empty
    done = df[df["done_at"].notna()]
    assert list(done["done_at"]) == [o.done_at for o in obligations if o.done_at is not None]
    assert not done.empty
