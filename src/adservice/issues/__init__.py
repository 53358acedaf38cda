"""Client issues: inquiries, complaints, suggestions (SPEC §8)."""

from __future__ import annotations

from adservice.issues.issue import (
    CATEGORIES,
    CHANNELS,
    ISSUE_STAGES,
    ISSUE_TRIGGERS,
    ClientIssue,
    ComplaintStatistics,
    IssueDeadline,
    IssueStage,
    IssueSummary,
    IssueTrigger,
    complaint_statistics,
    issue_diagram,
)

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "ISSUE_STAGES",
    "ISSUE_TRIGGERS",
    "ClientIssue",
    "ComplaintStatistics",
    "IssueDeadline",
    "IssueStage",
    "IssueSummary",
    "IssueTrigger",
    "complaint_statistics",
    "issue_diagram",
]
