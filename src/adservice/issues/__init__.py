"""Client issues: inquiries, complaints, suggestions (SPEC §8), on the shared event-sourcing kernel.

- :mod:`~adservice.issues.table`: the machine as one declarative table (stages, moves, requirement rows);
- :mod:`~adservice.issues.state`: what the log folds into, and the handler every event passes;
- :mod:`~adservice.issues.issue` (trigger methods in the private ``_triggers``): :class:`ClientIssue`;
- :mod:`~adservice.issues.views` and :mod:`~adservice.issues.statistics`: summaries and statistics.
"""

from __future__ import annotations

from adservice.issues.issue import ClientIssue, before_schema_3
from adservice.issues.statistics import complaint_statistics
from adservice.issues.table import (
    CATEGORIES,
    CHANNELS,
    ISSUE_STAGES,
    ISSUE_TRIGGERS,
    SUPERVISORS,
    IssueStage,
    IssueTrigger,
    issue_mermaid,
)
from adservice.issues.views import ComplaintStatistics, IssueSummary

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "ISSUE_STAGES",
    "ISSUE_TRIGGERS",
    "SUPERVISORS",
    "ClientIssue",
    "ComplaintStatistics",
    "IssueStage",
    "IssueSummary",
    "IssueTrigger",
    "before_schema_3",
    "complaint_statistics",
    "issue_mermaid",
]
