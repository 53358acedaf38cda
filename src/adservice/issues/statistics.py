"""The complaint classification statistics of a portfolio of issues (顾客投诉分类统计表, H3)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from adservice.calendar.workcalendar import WorkCalendar, require_aware
from adservice.errors import InvalidInputError, brief
from adservice.issues.issue import ClientIssue
from adservice.issues.state import categories
from adservice.issues.views import ComplaintStatistics
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["complaint_statistics"]


def complaint_statistics(
    issues: Iterable[ClientIssue],
    *,
    as_of: datetime,
    calendar: WorkCalendar,
    rulebook: Rulebook | None = None,
) -> ComplaintStatistics:
    """Count a portfolio's issues by category, department, root cause, open/closed and overdue.

    Args:
        issues: the issues (each id at most once).
        as_of: the instant to judge at; issues received later are left out, later events ignored.
        calendar: the calendar the deadlines run on.
        rulebook: the rulebook whose I2 categories are listed even when no issue has them
            (default: the standard one); each issue's deadlines follow its own rulebook.

    Raises:
        InvalidInputError: not issues, or one id twice.
        NaiveDatetimeError: ``as_of`` has no time zone.

    >>> from datetime import timezone
    >>> i = ClientIssue.receive(datetime(2025, 1, 6, 9, tzinfo=timezone.utc), "agency:Li",
    ...                         issue_id="X-1", client="C", description="a question")
    >>> stats = complaint_statistics([i], as_of=datetime(2025, 1, 8, tzinfo=timezone.utc),
    ...                              calendar=WorkCalendar("CN"))
    >>> stats.by_category["untriaged"], stats.overdue, dict(stats.overdue_by_rule)
    (1, 1, {'I1': 1})
    """
    now = require_aware(as_of, "as_of")
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
    book = resolve_rulebook(rulebook)
    if isinstance(issues, (str, bytes, Mapping)) or not isinstance(issues, Iterable):
        raise InvalidInputError(f"issues must be an iterable of ClientIssue (got {brief(issues)}).")
    seen: set[str] = set()
    category: Counter[str] = Counter(dict.fromkeys(categories(book), 0))
    department: Counter[str] = Counter()
    root: Counter[str] = Counter()
    overdue_rules: Counter[str] = Counter()
    late_rules: Counter[str] = Counter()
    total = open_ = unfounded = overdue = 0
    for issue in issues:
        if not isinstance(issue, ClientIssue):
            raise InvalidInputError(f"complaint_statistics counts ClientIssue values (got {brief(issue)}).")
        if issue.issue_id in seen:
            raise InvalidInputError(f"issue {brief(issue.issue_id)} appears twice; count each issue once.")
        seen.add(issue.issue_id)
        view = issue.as_of(now)
        if view is None:
            continue
        total += 1
        open_ += view.is_open
        unfounded += view.unfounded
        category[view.category or "untriaged"] += 1
        if view.department:
            department[view.department] += 1
        if view.unfounded:
            root["unfounded"] += 1
        elif view.root_cause:
            root[view.root_cause] += 1
        verdicts = [(d.rule_id, d.status(now)) for d in view.deadlines(calendar=calendar)]
        late_rules.update(r for r, v in verdicts if v == "late")
        late = [r for r, v in verdicts if v == "overdue"]
        overdue_rules.update(late)
        overdue += bool(late)

    def ordered(counts: Counter[str]) -> dict[str, int]:
        return dict(sorted(counts.items()))

    return ComplaintStatistics(
        as_of=now,
        total=total,
        open=open_,
        closed=total - open_,
        unfounded=unfounded,
        overdue=overdue,
        by_category=ordered(category),
        by_department=ordered(department),
        by_root_cause=ordered(root),
        overdue_by_rule=ordered(overdue_rules),
        late_by_rule=ordered(late_rules),
    )
