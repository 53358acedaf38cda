"""The timeline read at an earlier instant (audit): a job order opened later has no clock yet.

``engagement_timeline_text(e, as_of)`` raised ChronologyError when ``as_of`` fell before a job
order's clock started (a revision job order, or any job ordered later), though it documents only
InvalidInputError. Like ``engagement_html``, it lists the clocks that had started by ``as_of``.
The oracle is the engagement's own clocks and their statuses.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice.engagement import Engagement
from adservice.present.timeline import engagement_timeline_text
from adservice.testing import strategies as ads


def clock_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Clocks: whose time was it"))
    out = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        out.append(line)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    e=ads.engagements(
        years=(2025, 2026), max_gap_hours=96, stages=("media_booking", "post_analysis", "closed")
    ),
    fraction=st.floats(0, 1),
)
def test_the_clocks_section_lists_the_clocks_started_by_as_of(e: Engagement, fraction: float) -> None:
    if not e.events:
        return
    first, last = e.events[0].at, e.events[-1].at + timedelta(days=10)
    at = first + (last - first) * fraction
    started = {job: c for job, c in e.clocks().items() if c.started_at <= at}
    for locale in ("en", "zh_CN", "zh_TW"):
        text = engagement_timeline_text(e, at, locale=locale)
        if locale == "en":
            lines = clock_lines(text)
            assert [line.split(":")[0].strip() for line in lines] == list(started)
            for line, clock in zip(lines, started.values(), strict=True):
                assert f"due {clock.status(at).due.strftime('%a %m-%d %H:%M')}" in line
