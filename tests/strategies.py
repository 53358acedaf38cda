"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

#: Dates well inside the default horizon (1990-2100).
dates = st.dates(min_value=date(1999, 1, 1), max_value=date(2092, 12, 31))
#: Dates around the years with official CN notices, where make-up days are dense.
recent_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
offsets = st.integers(min_value=-2000, max_value=2000)
rolls = st.sampled_from(
    ["forward", "following", "backward", "preceding", "modifiedfollowing", "modifiedpreceding"]
)
zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))])
aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31), timezones=zones
)
#: Anything at all: what a careless caller might pass.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
    st.datetimes(),
    st.timedeltas(),
    st.lists(st.integers(), max_size=3),
)
