"""Presentation: plain text, HTML and Mermaid (and, with extras, iCalendar and DataFrames).

Importing this package registers how each value shows itself (``_repr_html_``,
``Plan.plan_mermaid()``, ``str(MonthView)``) with :mod:`adservice._display`, so the
values' own layers never import this one.
"""

from __future__ import annotations

from adservice import _display
from adservice.calendar.workcalendar import MonthView, WorkCalendar
from adservice.deadlines.plans import PlacementPlan, Plan
from adservice.engagement.lifecycle import Engagement
from adservice.issues.views import ComplaintStatistics
from adservice.portfolio.reports import OverdueReport, StatusReport
from adservice.portfolio.tiers import TierReport
from adservice.present.html import calendar_html, engagement_html, month_html, plan_html, plan_mermaid
from adservice.present.report_html import (
    complaint_statistics_html,
    overdue_report_html,
    placement_plan_html,
    status_report_html,
    tier_report_html,
)
from adservice.present.text import month_text

__all__: list[str] = []

_display.register("html", WorkCalendar, lambda cal: calendar_html(calendar=cal))
_display.register("html", MonthView, month_html)
_display.register("text", MonthView, lambda view: month_text(view.year, view.month, calendar=view.calendar))
_display.register("html", Plan, plan_html)
_display.register("mermaid", Plan, plan_mermaid)
_display.register("html", Engagement, engagement_html)
_display.register("html", PlacementPlan, placement_plan_html)
_display.register("html", StatusReport, status_report_html)
_display.register("html", OverdueReport, overdue_report_html)
_display.register("html", TierReport, tier_report_html)
_display.register("html", ComplaintStatistics, complaint_statistics_html)
