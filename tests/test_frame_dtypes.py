"""A frame's column dtypes are its schema: the same whatever the rows hold (audit).

The oracle is the documented schema (``adservice.present.frames`` and docs/howto/exports.md): days
are ``datetime64`` at midnight, instants time-zone-aware ``datetime64``, working time ``timedelta64``,
yes/no/unknown pandas' nullable ``boolean``. A column's dtype must not depend on whether the rows
happen to hold a value in it (no duty done yet, every clock still running, no rows at all).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice.engagement import Engagement
from adservice.portfolio import engagement_obligations
from adservice.present.frames import clocks_frame, obligations_frame, plans_frame
from adservice.testing import strategies as ads

DAY, INSTANT, DURATION, NULLABLE_BOOL, BOOL = "day", "instant", "duration", "nullable bool", "bool"

SCHEMA: dict[str, dict[str, str]] = {
    "plans": {"start": DAY, "due_date": DAY, "deadline": INSTANT, "provisional": BOOL},
    "obligations": {"earliest": INSTANT, "deadline": INSTANT, "done_at": INSTANT, "provisional": BOOL},
    "clocks": {
        **dict.fromkeys(("as_of", "started_at", "due", "original_due", "latest_safe_start"), INSTANT),
        **dict.fromkeys(("budget", "agency_time", "client_time", "remaining", "lateness", "delay"), DURATION),
        "met": NULLABLE_BOOL,
        "paused": BOOL,
        "stopped": BOOL,
    },
}

CHECKS: dict[str, Callable[[pd.Series], bool]] = {
    DAY: lambda s: pd.api.types.is_datetime64_dtype(s) and getattr(s.dtype, "tz", None) is None,
    INSTANT: lambda s: isinstance(s.dtype, pd.DatetimeTZDtype),
    DURATION: pd.api.types.is_timedelta64_dtype,
    NULLABLE_BOOL: lambda s: str(s.dtype) == "boolean",
    BOOL: pd.api.types.is_bool_dtype,
}


def wrong_columns(df: pd.DataFrame, schema: dict[str, str]) -> dict[str, str]:
    return {c: str(df[c].dtype) for c, kind in schema.items() if not CHECKS[kind](df[c])}


def frames(e: Engagement, at: datetime) -> dict[str, pd.DataFrame]:
    clocks = {job: c for job, c in e.clocks().items() if c.started_at <= at}
    return {"plans": plans_frame(e), "obligations": obligations_frame(e), "clocks": clocks_frame(clocks, at)}


def test_empty_frames_have_the_documented_dtypes() -> None:
    fresh = Engagement("E-0", "Nobody")
    at = datetime(2026, 1, 1, tzinfo=fresh.calendar.tz)
    for name, df in frames(fresh, at).items():
        assert df.empty
        assert wrong_columns(df, SCHEMA[name]) == {}, name


def test_no_duty_done_and_every_clock_running_keep_the_dtypes() -> None:
    from tests.lifecycle_walk import START, clock, to_brief

    e = to_brief(Engagement("E-1", "Huaxia"), clock())
    owed = engagement_obligations(e, START.date(), START.date() + timedelta(days=60))
    assert owed and all(o.done_at is None for o in owed)  # weekly reports nobody marked done
    assert wrong_columns(obligations_frame(owed), SCHEMA["obligations"]) == {}
    running = {job: c for job, c in e.clocks().items()}
    df = clocks_frame(running, e.events[-1].at + timedelta(hours=1))
    assert df["met"].isna().all() and wrong_columns(df, SCHEMA["clocks"]) == {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=ads.engagements(years=(2025, 2026), max_gap_hours=96), fraction=st.floats(0, 1))
def test_random_engagements_give_the_documented_dtypes(e: Engagement, fraction: float) -> None:
    if not e.events:
        return
    first, last = e.events[0].at, e.events[-1].at + timedelta(days=20)
    at = first + (last - first) * fraction
    for name, df in frames(e, at).items():
        assert wrong_columns(df, SCHEMA[name]) == {}, name
