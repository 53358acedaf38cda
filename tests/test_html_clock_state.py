"""An engagement's HTML says where each clock stands, in the reader's language (audit).

The clock cell of ``engagement_html`` read "running, breached%" for a job past its due and not
delivered, and "进行中, at risk 50%" in Chinese. The oracle is the clock's own status at the
instant: a running clock past its due is late (by its ``lateness``), one past a risk threshold
is at that risk, and a Chinese page carries no English words for either (nor for how late a
delivered job was: "逾期2.0 days").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adservice.engagement import Engagement
from adservice.present.html import engagement_html
from adservice.testing import strategies as ads

ROW = re.compile(r"<tr>((?:<td[^>]*>[^<]*</td>)+)</tr>")
CELL = re.compile(r"<td[^>]*>([^<]*)</td>")


def clock_cells(page: str, jobs: set[str]) -> dict[str, str]:
    """The status cell (the fourth) of each clock row, by job."""
    out = {}
    for row in ROW.findall(page):
        cells = CELL.findall(row)
        if len(cells) == 7 and cells[0] in jobs:
            out[cells[0]] = cells[3]
    return out


def check(e: Engagement, at: datetime) -> None:
    started = {job: c.status(at) for job, c in e.clocks().items() if c.started_at <= at}
    for locale in ("en", "zh_CN", "zh_TW"):
        cells = clock_cells(engagement_html(e, as_of=at, locale=locale), set(started))
        assert set(cells) == set(started)
        for job, status in started.items():
            cell = cells[job]
            if locale != "en":
                assert not re.search(r"breached|at risk|days| h\b", cell), (locale, cell)
            if status.stopped or status.paused:
                continue
            late = status.risk == "breached"
            assert ("late by" in cell if locale == "en" else "逾期" in cell) == late, (locale, cell)
            if status.risk.startswith("at_risk_"):
                assert f"{status.risk.rsplit('_', 1)[1]}%" in cell, (locale, cell)


def test_a_job_past_its_due_and_not_delivered_reads_late() -> None:
    from tests.lifecycle_walk import C, clock, to_approval

    e = Engagement("E-R", "Huaxia")
    t = clock()
    to_approval(e, t)
    e.request_revision(next(t), C, changes="bigger logo", evidence="RV-1")
    at = e.events[-1].at + timedelta(days=30)
    check(e, at)
    cells = clock_cells(engagement_html(e, as_of=at), {"J1"})
    assert cells["J1"] == "running, late by 16.1 days"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(e=ads.engagements(years=(2025, 2026), max_gap_hours=96), fraction=st.floats(0, 1))
def test_every_clock_cell_agrees_with_the_clock(e: Engagement, fraction: float) -> None:
    if not e.events:
        return
    first, last = e.events[0].at, e.events[-1].at + timedelta(days=20)
    check(e, first + (last - first) * fraction)


def test_a_job_at_risk_says_so_in_chinese() -> None:
    from adservice.demo import demo_engagement

    e = demo_engagement()
    at = datetime(2026, 2, 5, 12, tzinfo=e.calendar.tz)
    assert e.clocks()["BJ-202601-01"].status(at).risk == "at_risk_50"
    check(e, at)
    cells = clock_cells(engagement_html(e, as_of=at, locale="zh_CN"), {"BJ-202601-01"})
    assert cells["BJ-202601-01"] == "进行中，风险 50%"


def test_a_chinese_page_has_no_english_times_or_reasons() -> None:
    from adservice.demo import demo_engagement

    e = demo_engagement()
    for locale in ("zh_CN", "zh_TW"):
        cells = CELL.findall(engagement_html(e, locale=locale))
        english = [c for c in cells if re.search(r"\d h\b|\bwd\b|days|placement|before", c)]
        assert english == [], locale
