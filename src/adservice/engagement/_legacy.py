"""Logs recorded under earlier schemas, read in today's words (ADR 0006; issue 11).

- Version 1 named events differently (:data:`V1_KINDS`) and logged a rush request's
  assessment (dropped: it is recomputed) without the client's history (empty).
- Versions 1 and 2 predate issue 11's rules (L7-L14): their revision requests name no job
  orders and may carry no document, a revision re-added a job order under its number, the
  intent documents and the briefing's topics were not required. Such a log loads with those
  rules disabled in its rulebook (:func:`legacy_rulebook`), which is saved with it: the log is
  judged by the rules it was recorded under, every other check runs as for a new log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from adservice._frozen import FrozenDict
from adservice.engagement._steps import NEW_RULES
from adservice.rulebook.book import Rulebook

__all__ = ["RENAMED", "V1_KINDS", "legacy_rulebook", "upgrade_event"]

#: Version-1 event kinds and the method names that replaced them.
V1_KINDS: Mapping[str, str] = FrozenDict(
    {
        "invitation": "receive_invitation",
        "document": "record",
        "briefing": "receive_briefing",
        "job_order": "add_job_order",
        "work_order": "receive_work_order",
        "rush_request": "request_rush",
        "rush_decision": "decide_rush",
        "book": "book_media",
        "prepayment": "receive_prepayment",
        "fee_list": "approve_fee_list",
        "placement": "place",
        "execution_report": "report_execution",
    }
)
#: Older schema -> its kind renames (version 2's kinds are today's; its revision requests change).
RENAMED: Mapping[int, Mapping[str, str]] = FrozenDict(
    {1: V1_KINDS, 2: FrozenDict({"request_revision": "request_revision"})}
)
_STANDARD = Rulebook.standard()


def upgrade_event(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """One old event (kinds already renamed) in schema-3 words; anything else is returned as is."""
    kind, payload = item.get("kind"), item.get("payload")
    if not isinstance(payload, Mapping):
        return item
    if kind == "request_rush":
        payload = {k: v for k, v in payload.items() if k != "assessment"}
        return {**item, "payload": {**payload, "history": payload.get("history", [])}}
    if kind == "request_revision" and "jobs" not in payload:
        return {**item, "payload": {**payload, "jobs": []}}
    return item


def legacy_rulebook(book: Rulebook) -> Rulebook:
    """``book`` with issue 11's rules (:data:`~adservice.engagement._steps.NEW_RULES`, and G5, which
    no requirement cited before) disabled, added disabled where ``book`` (an agency's saved rulebook)
    does not have them.

    >>> legacy_rulebook(Rulebook.standard()).rule("L13").enabled
    False
    """
    rules = dict(book.rules)
    for rid in (*NEW_RULES, "G5"):  # G5's step approvals came with them (it was cited by nothing)
        rule = rules.get(rid) or _STANDARD.rules[rid]
        rules[rid] = attrs.evolve(rule, enabled=False)
    return attrs.evolve(book, rules=rules)
