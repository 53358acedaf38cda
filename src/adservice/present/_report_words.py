"""Words the report renderings share: the status table's headings, owners with their role, the
complaint statistics' sections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adservice.i18n import gettext
from adservice.present._vocab import word

__all__ = ["complaint_sections", "owner_words", "status_heads"]

#: The complaint statistics' sections: (title, the counts' attribute), in the order shown.
_SECTIONS = (
    ("by category", "by_category"),
    ("by department", "by_department"),
    ("by root cause", "by_root_cause"),
    ("overdue by rule", "overdue_by_rule"),
    ("late by rule", "late_by_rule"),
)


def complaint_sections(stats: Any) -> tuple[tuple[str, Mapping[str, int]], ...]:
    """Each section of ``stats`` (a ``ComplaintStatistics``) as ``(title, counts)``."""
    return tuple((title, getattr(stats, name)) for title, name in _SECTIONS)


_ROLE_LABELS = {"AE": "ae", "senior AE": "senior_ae", "project director": "project_director"}


def owner_words(owner: str, loc: str) -> str:
    """``"client: Name"`` with the party in ``loc``; ``"Li (AE)"`` with the role in ``loc``."""
    if loc == "en":
        return owner
    if owner == "AE (not yet assigned)":
        return gettext("AE (not yet assigned)", loc)
    person, paren, label = owner.rpartition(" (")
    if paren and label[:-1] in _ROLE_LABELS:
        return f"{person}（{word('role', _ROLE_LABELS[label[:-1]], loc)}）"
    party, sep, name = owner.partition(": ")
    if sep and party in ("client", "agency"):
        return f"{word('party', party, loc)}{gettext(': ', loc)}{name}"
    return owner


def status_heads(loc: str, *, rule: bool = True) -> tuple[str, ...]:
    """The status report table's headings, with the rule column (HTML) or without it (plain text)."""
    return (
        gettext("job", loc),
        gettext("client", loc),
        gettext("stage", loc),
        gettext("next action", loc),
        gettext("owner", loc),
        gettext("due", loc),
        *((gettext("rule", loc),) if rule else ()),
        gettext("late by", loc),
    )
