"""Every export reads an engagement the same whatever offset its instants were logged in (audit).

The same instants written in another UTC offset are the same engagement (``Engagement.__eq__``
compares instants). The exports show instants in the engagement's calendar zone (SPEC; the frames'
docs: "instants are time-zone-aware datetime64 in the calendar's zone"), so the oracle is the same
log with its instants rewritten in the calendar's zone: the iCalendar bytes, the HTML, the
obligations' text and the DataFrames (values and dtypes) must not change. ``obligations_text``
printed "done" in the logged offset (a fee list approved at 10:00 in Beijing read "done 02:00"),
and the frames' ``done_at`` and ``started_at`` columns were in UTC beside a Shanghai ``deadline``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice import Event
from adservice.demo import demo_engagement
from adservice.engagement import Engagement
from adservice.portfolio import engagement_obligations
from adservice.present.frames import clocks_frame, obligations_frame, plans_frame
from adservice.present.html import engagement_html
from adservice.present.ics import to_ics
from adservice.present.text import obligations_text
from adservice.testing import strategies as ads

ZONES: tuple[tzinfo, ...] = (timezone.utc, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"))
LOCALES = ("en", "zh_CN", "zh_TW")


def relogged(e: Engagement, zone: tzinfo) -> Engagement:
    events = [Event(ev.at.astimezone(zone), ev.actor, ev.kind, ev.payload, ev.evidence) for ev in e.events]
    return Engagement.replay(events, id=e.id, client=e.client, calendar=e.calendar, rulebook=e.rulebook)


def same_frame(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert dict(a.dtypes.astype(str)) == dict(b.dtypes.astype(str))
    assert a.equals(b)


def exports(e: Engagement, at: datetime) -> dict[str, object]:
    first = e.events[0].at.astimezone(e.calendar.tz).date()
    owed = list(engagement_obligations(e, first, first + timedelta(days=120)))
    out: dict[str, object] = {}
    for locale in LOCALES:
        out[f"ics {locale}"] = to_ics(e, stamp=at, locale=locale)
        out[f"html {locale}"] = engagement_html(e, as_of=at, locale=locale)
        out[f"obligations {locale}"] = obligations_text(owed, locale=locale)
    return out


def check(e: Engagement, at: datetime) -> None:
    local = relogged(e, e.calendar.tz)
    expected = exports(local, at)
    started = {job: c for job, c in local.clocks().items() if c.started_at <= at}
    for zone in ZONES:
        other = relogged(e, zone)
        assert other == local
        assert exports(other, at) == expected
        same_frame(plans_frame(other), plans_frame(local))
        same_frame(obligations_frame(other), obligations_frame(local))
        clocks = {job: c for job, c in other.clocks().items() if job in started}
        same_frame(clocks_frame(clocks, at), clocks_frame(started, at))


def test_the_demo_logged_in_other_offsets_exports_the_same() -> None:
    e = demo_engagement()
    check(e, datetime(2026, 4, 27, 18, tzinfo=e.calendar.tz))
    owed = engagement_obligations(relogged(e, timezone.utc), date(2026, 3, 1), date(2026, 3, 31))
    # The fee list was approved at 10:00 in Beijing on 9 March (02:00 UTC).
    assert "(done Mon 2026-03-09 10:00)" in obligations_text(list(owed))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=ads.engagements(years=(2025, 2026), max_gap_hours=96), fraction=st.floats(0, 1))
def test_random_logs_export_the_same_in_any_offset(e: Engagement, fraction: float) -> None:
    if not e.events:
        return
    first, last = e.events[0].at, e.events[-1].at + timedelta(days=20)
    check(e, first + (last - first) * fraction)
