"""The handbooks' forms, ready to send: the contact report (联络报告), the client issue summary
(客户问题处理总结) and the complaint classification statistics (顾客投诉分类统计表).

In English, simplified or traditional Chinese (``locale=``); rendering is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from adservice.engagement.lifecycle import Engagement
from adservice.errors import InvalidInputError, brief
from adservice.i18n import NP_, format_day, gettext, normalize_locale, pgettext
from adservice.issues.views import ComplaintStatistics, IssueSummary
from adservice.present._extras import need
from adservice.present._vocab import word

__all__ = ["complaint_statistics_form_text", "contact_report_text", "issue_summary_text"]

#: The words of a client issue's values (H5): stages, categories, channels.
ISSUE_WORDS: tuple[str, ...] = (
    NP_("issue stage", "received"),
    NP_("issue stage", "triaged"),
    NP_("issue stage", "investigating"),
    NP_("issue stage", "resolved"),
    NP_("issue stage", "feedback"),
    NP_("issue stage", "closed"),
    NP_("issue category", "inquiry"),
    NP_("issue category", "complaint"),
    NP_("issue category", "suggestion"),
    NP_("issue category", "other"),
    NP_("channel", "phone"),
    NP_("channel", "email"),
    NP_("channel", "wechat"),
    NP_("channel", "letter"),
    NP_("channel", "visit"),
    NP_("channel", "other"),
)


def _when(at: datetime | None, loc: str) -> str:
    if at is None:
        return "—"
    if loc == "en":
        return f"{at:%a %Y-%m-%d %H:%M}"
    return f"{format_day(at.date(), loc)} {at:%H:%M}"


def _field(label: str, value: str, loc: str) -> str:
    return f"{label}{gettext(': ', loc)}{value}"


def contact_report_text(
    engagement: Engagement, *, meeting_at: datetime | None = None, locale: str = "en"
) -> str:
    """The contact report (联络报告, O3) — or meeting report (O2) — of a meeting or call, as a form.

    Args:
        engagement: the engagement whose log holds the meeting (``Engagement.meeting``).
        meeting_at: when the meeting ended (default: the last meeting of the log).
        locale: ``en``, ``zh_CN`` or ``zh_TW``.

    >>> from adservice.demo import demo_engagement
    >>> print(contact_report_text(demo_engagement(), locale="zh_CN"))
    联络报告（O3）
    客户：Huaxia Real Estate
    项目：北京-202601-华夏地产-001
    时间：2026年2月9日 周一 15:00
    形式：电话
    参加人员：我司：Li Na (AE)
    议题：client's comments on the ad
    送交客户期限：2026年2月11日 周三 15:00

    Raises:
        InvalidInputError: not an engagement, or no meeting at ``meeting_at``;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(engagement, Engagement, "engagement")
    meetings = [ev for ev in engagement.events if ev.kind == "meeting"]
    chosen = [ev for ev in meetings if meeting_at is None or ev.at == meeting_at]
    if not chosen:
        raise InvalidInputError(
            f"engagement {engagement.id} has no meeting ending at {brief(meeting_at)}; "
            f"its meetings end at {', '.join(ev.at.isoformat() for ev in meetings) or 'none'}."
        )
    event = chosen[-1]
    duties = [d for d in engagement.duties if d.rule_id in ("O2", "O3")]
    duty = duties[meetings.index(event)] if len(duties) == len(meetings) else None
    call = bool(event.payload.get("call"))
    title = gettext("Contact report", loc) if call or duty is None or duty.rule_id == "O3" else None
    if title is None:
        title = gettext("Meeting report", loc)
    rule = duty.rule_id if duty is not None else ("O3" if call else "O2")
    party, _, name = event.actor.partition(":")
    who = (
        f"{word('party', party, loc)}{gettext(': ', loc)}{name}"
        if party in ("client", "agency")
        else event.actor
    )
    lines = [
        f"{title} ({rule})" if loc == "en" else f"{title}（{rule}）",
        _field(gettext("Client", loc), engagement.client, loc),
        _field(gettext("Engagement", loc), engagement.id, loc),
        _field(gettext("When", loc), _when(event.at, loc), loc),
        _field(gettext("Form", loc), gettext("phone call", loc) if call else gettext("meeting", loc), loc),
        _field(gettext("Attended", loc), who, loc),
        _field(gettext("Subject", loc), str(event.payload.get("about", "")), loc),
    ]
    for key, value in event.payload.items():
        if key not in ("about", "call"):
            lines.append(_field(pgettext("field", key, loc), str(value), loc))
    if duty is not None:
        lines.append(_field(gettext("To the client by", loc), _when(duty.due, loc), loc))
    return "\n".join(lines)


def _counts(counts: Mapping[str, int], context: str, loc: str) -> str:
    sep = ", " if loc == "en" else "，"
    return sep.join(f"{pgettext(context, k, loc)} {v}" for k, v in counts.items())


def issue_summary_text(summary: IssueSummary, *, locale: str = "en") -> str:
    """A client issue's confidential summary (I7, I9) as the closing form, without the client's details.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.issues import ClientIssue
    >>> at = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> issue = ClientIssue.receive(
    ...     at, "agency:Li", issue_id="CI-1", client="Huaxia", description="late proof"
    ... )
    >>> print(issue_summary_text(issue.summary(), locale="zh_TW").splitlines()[0])
    客戶問題處理總結 CI-1（保密，I9）

    Raises:
        InvalidInputError: not an :class:`~adservice.issues.IssueSummary`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(summary, IssueSummary, "summary")
    s = summary
    head = gettext("Client issue summary {id} (confidential, I9)", loc).format(id=s.issue_id)
    lines = [
        head,
        _field(gettext("Stage", loc), pgettext("issue stage", s.stage, loc), loc),
        _field(
            gettext("Category", loc), pgettext("issue category", s.category, loc) if s.category else "—", loc
        ),
        _field(gettext("Responsible department", loc), s.department or "—", loc),
        _field(gettext("Channel", loc), pgettext("channel", s.channel, loc), loc),
        _field(gettext("Received", loc), _when(s.received_at, loc), loc),
        _field(gettext("Responded", loc), _when(s.responded_at, loc), loc),
        _field(gettext("Resolved", loc), _when(s.resolved_at, loc), loc),
        _field(gettext("Closed", loc), _when(s.closed_at, loc), loc),
        _field(gettext("Evidence collected", loc), str(s.evidence_count), loc),
    ]
    if s.unfounded:
        lines.append(gettext("Unfounded: answered tactfully and closed (I8)", loc))
    if s.reopened:
        lines.append(_field(gettext("Reopened", loc), str(s.reopened), loc))
    for label, value in (
        (gettext("Root cause", loc), s.root_cause),
        (gettext("Improvement", loc), s.improvement),
        (gettext("Preventing recurrence", loc), s.prevention),
    ):
        lines.append(_field(label, value or "—", loc))
    return "\n".join(lines)


def complaint_statistics_form_text(stats: ComplaintStatistics, *, locale: str = "en") -> str:
    """The complaint classification statistics (顾客投诉分类统计表, I7) as a form.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.calendar import WorkCalendar
    >>> from adservice.issues import complaint_statistics
    >>> at = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> stats = complaint_statistics([], as_of=at, calendar=WorkCalendar("CN"))
    >>> print(complaint_statistics_form_text(stats, locale="zh_CN"))
    顾客投诉分类统计表 — 截至2026年3月2日 周一 09:00
    共0项：处理中0，已结案0，不成立0，逾期0
    按类别：投诉 0，咨询 0，其他 0，建议 0

    Raises:
        InvalidInputError: not a :class:`~adservice.issues.ComplaintStatistics`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(stats, ComplaintStatistics, "stats")
    lines = [
        gettext("Complaint classification statistics — as of {when}", loc).format(
            when=_when(stats.as_of, loc)
        ),
        gettext(
            "{total} in all: {open} open, {closed} closed, {unfounded} unfounded, {overdue} overdue", loc
        ).format(
            total=stats.total,
            open=stats.open,
            closed=stats.closed,
            unfounded=stats.unfounded,
            overdue=stats.overdue,
        ),
    ]
    sep = ", " if loc == "en" else "，"
    for label, counts, context in (
        (gettext("by category", loc), stats.by_category, "issue category"),
        (gettext("by department", loc), stats.by_department, ""),
        (gettext("by root cause", loc), stats.by_root_cause, ""),
        (gettext("overdue by rule", loc), stats.overdue_by_rule, ""),
        (gettext("late by rule", loc), stats.late_by_rule, ""),
    ):
        if counts:
            text = (
                _counts(counts, context, loc) if context else sep.join(f"{k} {v}" for k, v in counts.items())
            )
            lines.append(_field(label, text, loc))
    return "\n".join(lines)
