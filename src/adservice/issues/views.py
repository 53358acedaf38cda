"""The values an issue shows itself as: its confidential summary and the complaint statistics."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from adservice._display import show
from adservice.deadlines._common import aware, maybe_aware

__all__ = ["ComplaintStatistics", "IssueSummary"]


@attrs.frozen
class IssueSummary:
    """The confidential view of an issue (I9): what happened and why, without the client's details.

    Leaves out the client, the contact, the description, the notes, the
    solution text and every actor's name; keeps the category, department,
    dates and the closing summary (root cause, improvement, prevention).
    """

    issue_id: str
    stage: str
    category: str | None
    department: str | None
    channel: str
    received_at: datetime = attrs.field(validator=aware)
    responded_at: datetime | None = attrs.field(validator=maybe_aware)
    resolved_at: datetime | None = attrs.field(validator=maybe_aware)
    closed_at: datetime | None = attrs.field(validator=maybe_aware)
    unfounded: bool
    reopened: int
    evidence_count: int
    root_cause: str | None
    improvement: str | None
    prevention: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (instants as ISO 8601 text)."""
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in attrs.asdict(self).items()}


@attrs.frozen
class ComplaintStatistics:
    """The complaint classification statistics (顾客投诉分类统计表, H3) as of an instant.

    Counts every issue received by ``as_of``, as it stood then. Client details
    never appear (I9). Untriaged issues count under the category ``"untriaged"``;
    unfounded complaints under the root cause ``"unfounded"``.

    Attributes:
        as_of: the instant the statistics describe.
        total, open, closed, unfounded: issue counts.
        overdue: open issues with at least one deadline past due and not met.
        by_category, by_department, by_root_cause: counts (keys sorted).
        overdue_by_rule: overdue deadlines per rule id (I1, I4, I5).
        late_by_rule: deadlines met, but after they fell due, per rule id.

    >>> from datetime import timezone
    >>> from adservice import WorkCalendar, complaint_statistics
    >>> at = datetime(2025, 1, 8, tzinfo=timezone.utc)
    >>> stats = complaint_statistics([], as_of=at, calendar=WorkCalendar("CN"))
    >>> stats.total, stats.open, stats.overdue, stats.by_category["complaint"]
    (0, 0, 0, 0)
    """

    as_of: datetime = attrs.field(validator=aware)
    total: int
    open: int
    closed: int
    unfounded: int
    overdue: int
    by_category: Mapping[str, int] = attrs.field(hash=False)
    by_department: Mapping[str, int] = attrs.field(hash=False)
    by_root_cause: Mapping[str, int] = attrs.field(hash=False)
    overdue_by_rule: Mapping[str, int] = attrs.field(hash=False)
    late_by_rule: Mapping[str, int] = attrs.field(hash=False)

    def _repr_html_(self) -> str:
        return show("html", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        data = {k: dict(v) if isinstance(v, Mapping) else v for k, v in attrs.asdict(self).items()}
        data["as_of"] = self.as_of.isoformat()
        return data
