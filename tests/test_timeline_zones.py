"""The timeline shows every instant in the engagement's calendar zone (audit).

An engagement is its log of instants: the same instants written in another UTC offset are the same
engagement (``Engagement.__eq__`` compares instants, and ``engagement_html`` shows them in the
calendar's zone). ``engagement_timeline_text`` printed each instant in the offset it was logged
in, so a log saved in UTC read "Mon 01-05 03:00" for a meeting held at 11:00 in Beijing. The
oracle: the same log, its instants rewritten in the calendar's zone, gives the same text.
"""

from __future__ import annotations

from datetime import timezone, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings

from adservice import Event
from adservice.demo import demo_engagement
from adservice.engagement import Engagement
from adservice.present.timeline import engagement_timeline_text
from adservice.testing import strategies as ads

ZONES: tuple[tzinfo, ...] = (timezone.utc, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"))


def relogged(e: Engagement, zone: tzinfo) -> Engagement:
    events = [Event(ev.at.astimezone(zone), ev.actor, ev.kind, ev.payload, ev.evidence) for ev in e.events]
    return Engagement.replay(events, id=e.id, client=e.client, calendar=e.calendar, rulebook=e.rulebook)


def check(e: Engagement) -> None:
    local = relogged(e, e.calendar.tz)
    for zone in ZONES:
        other = relogged(e, zone)
        assert other == local
        for locale in ("en", "zh_CN", "zh_TW"):
            expected = engagement_timeline_text(local, locale=locale)
            assert engagement_timeline_text(other, locale=locale) == expected


def test_the_demo_logged_in_utc_reads_as_in_beijing() -> None:
    e = demo_engagement()
    check(e)
    text = engagement_timeline_text(relogged(e, timezone.utc))
    assert "Mon 01-05 11:00  meeting" in text  # the first visit, 11:00 in Beijing


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=ads.engagements(years=(2025, 2026), max_gap_hours=96))
def test_random_logs_read_the_same_in_any_offset(e: Engagement) -> None:
    if e.events:
        check(e)
