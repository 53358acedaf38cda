"""adservice: an advertising agency's client service by the book, in real working days.

The public surface of the library; every name is re-exported from the module
that defines it.

    >>> from datetime import date
    >>> import adservice
    >>> adservice.WorkCalendar("CN").add_working_days(date(2025, 9, 29), 3)
    datetime.date(2025, 10, 10)
"""

from importlib.metadata import PackageNotFoundError, version

from adservice import errors
from adservice import present as present  # registers how values show themselves (adservice._display)
from adservice.calendar.notice import Festival, Notice, parse_notice
from adservice.calendar.workcalendar import (
    ROLLS,
    DayInfo,
    DayKind,
    Explanation,
    ExplanationStep,
    WorkCalendar,
)
from adservice.deadlines.clocks import Clock, ClockStatus, clocks_for
from adservice.deadlines.due import Due
from adservice.deadlines.jobclock import job_clock
from adservice.deadlines.plans import (
    BackwardPlan,
    MediaStep,
    PlacementPlan,
    Plan,
    PlanStep,
    ReviewWindow,
    day_zero,
    plan,
    plan_backward,
    plan_from_placement,
)
from adservice.deadlines.recompute import CalendarDiff, DeadlineChange, recompute
from adservice.deadlines.rush import RushAssessment, assess_rush
from adservice.demo import demo_engagement, demo_portfolio
from adservice.engagement.lifecycle import Engagement, JobOrder, Requirement, Wait
from adservice.engagement.table import Stage, lifecycle_mermaid
from adservice.engagement.values import StepStatus
from adservice.engagement.workflow_values import Estimate, MeetingRecord, Production, Routine
from adservice.errors import (
    AdServiceError,
    CalendarRangeError,
    ChronologyError,
    DuplicateNumberError,
    DurationOutOfRangeError,
    GateNotMet,
    InvalidCalendarError,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    NaiveDatetimeError,
    NotAWorkingDayError,
    NoticeError,
    ProvisionalCalendarError,
    RulebookError,
    SchemaError,
    SequenceExhaustedError,
    SignOffError,
    TableError,
    TransitionNotAllowed,
    UnknownItemError,
    UnknownLocaleError,
    UnknownRegionError,
    UnknownRuleError,
)
from adservice.i18n import LOCALES, normalize_locale
from adservice.issues import ClientIssue, ComplaintStatistics, IssueStage, complaint_statistics
from adservice.kernel.events import Event
from adservice.numbering import ClientCode, JobNumber, JobNumberFormat, NumberAllocator, revision_number
from adservice.portfolio.obligations import (
    DueWindow,
    Obligation,
    ScheduledMeeting,
    agency_obligations,
    engagement_obligations,
    fee_list_obligation,
    meeting_preparation,
    obligations_due,
    recurring,
    return_visit,
)
from adservice.portfolio.reports import (
    ClientTier,
    OverdueReport,
    StatusReport,
    StatusRow,
    TierAssessment,
    TierPolicy,
    TierReport,
    assign_tier,
    overdue_report,
    status_report,
    tier_report,
)
from adservice.present.plan_text import backward_plan_text, plan_text
from adservice.rulebook.book import HANDBOOKS, STANDARD_TURNAROUND, Rule, Rulebook, RushPolicy, Turnaround

try:
    __version__ = version("adservice")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "HANDBOOKS",
    "LOCALES",
    "ROLLS",
    "STANDARD_TURNAROUND",
    "AdServiceError",
    "BackwardPlan",
    "CalendarDiff",
    "CalendarRangeError",
    "ChronologyError",
    "ClientCode",
    "ClientIssue",
    "ClientTier",
    "Clock",
    "ClockStatus",
    "ComplaintStatistics",
    "DayInfo",
    "DayKind",
    "DeadlineChange",
    "Due",
    "DueWindow",
    "DuplicateNumberError",
    "DurationOutOfRangeError",
    "Engagement",
    "Estimate",
    "Event",
    "Explanation",
    "ExplanationStep",
    "Festival",
    "GateNotMet",
    "InvalidCalendarError",
    "InvalidChoiceError",
    "InvalidInputError",
    "IssueStage",
    "JobNumber",
    "JobNumberFormat",
    "JobOrder",
    "MalformedNumberError",
    "MediaStep",
    "MeetingRecord",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "Notice",
    "NoticeError",
    "NumberAllocator",
    "Obligation",
    "OverdueReport",
    "PlacementPlan",
    "Plan",
    "PlanStep",
    "Production",
    "ProvisionalCalendarError",
    "Requirement",
    "ReviewWindow",
    "Routine",
    "Rule",
    "Rulebook",
    "RulebookError",
    "RushAssessment",
    "RushPolicy",
    "ScheduledMeeting",
    "SchemaError",
    "SequenceExhaustedError",
    "SignOffError",
    "Stage",
    "StatusReport",
    "StatusRow",
    "StepStatus",
    "TableError",
    "TierAssessment",
    "TierPolicy",
    "TierReport",
    "TransitionNotAllowed",
    "Turnaround",
    "UnknownItemError",
    "UnknownLocaleError",
    "UnknownRegionError",
    "UnknownRuleError",
    "Wait",
    "WorkCalendar",
    "__version__",
    "agency_obligations",
    "assess_rush",
    "assign_tier",
    "backward_plan_text",
    "clocks_for",
    "complaint_statistics",
    "day_zero",
    "demo_engagement",
    "demo_portfolio",
    "engagement_obligations",
    "errors",
    "fee_list_obligation",
    "job_clock",
    "lifecycle_mermaid",
    "meeting_preparation",
    "normalize_locale",
    "obligations_due",
    "overdue_report",
    "parse_notice",
    "plan",
    "plan_backward",
    "plan_from_placement",
    "plan_text",
    "recompute",
    "recurring",
    "return_visit",
    "revision_number",
    "status_report",
    "tier_report",
]
