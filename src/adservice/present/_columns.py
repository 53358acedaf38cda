"""DataFrame column labels in the reader's language (the values in the cells do not change)."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from adservice.i18n import NP_, normalize_locale, pgettext

__all__ = ["COLUMN_WORDS", "column_labels"]

#: The column names that are words, marked for the catalogs (context "column").
COLUMN_WORDS: tuple[str, ...] = (
    NP_("column", "job"),
    NP_("column", "item"),
    NP_("column", "direction"),
    NP_("column", "kind"),
    NP_("column", "step"),
    NP_("column", "name"),
    NP_("column", "rule_id"),
    NP_("column", "days"),
    NP_("column", "unit"),
    NP_("column", "start"),
    NP_("column", "due_date"),
    NP_("column", "deadline"),
    NP_("column", "provisional"),
    NP_("column", "engagement_id"),
    NP_("column", "what"),
    NP_("column", "earliest"),
    NP_("column", "because"),
    NP_("column", "done_at"),
    NP_("column", "explanation"),
    NP_("column", "key"),
    NP_("column", "as_of"),
    NP_("column", "started_at"),
    NP_("column", "due"),
    NP_("column", "original_due"),
    NP_("column", "budget"),
    NP_("column", "agency_time"),
    NP_("column", "client_time"),
    NP_("column", "remaining"),
    NP_("column", "used_fraction"),
    NP_("column", "risk"),
    NP_("column", "verdict"),
    NP_("column", "paused"),
    NP_("column", "stopped"),
    NP_("column", "met"),
    NP_("column", "lateness"),
    NP_("column", "delay"),
    NP_("column", "latest_safe_start"),
    NP_("column", "client"),
    NP_("column", "stage"),
    NP_("column", "next_action"),
    NP_("column", "owner"),
    NP_("column", "late_by"),
    NP_("column", "overdue"),
)


_F = TypeVar("_F")


def column_labels(frame: _F, locale: str) -> _F:
    """``frame`` with its column labels in ``locale`` (English: unchanged, the same object)."""
    loc = normalize_locale(locale)
    if loc == "en":
        return frame
    table: Any = frame
    labels = {c: pgettext("column", c, loc) for c in table.columns if isinstance(c, str)}
    return cast(_F, table.rename(columns=labels))
