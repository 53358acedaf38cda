"""The handbooks' rules as data with provenance (SPEC §3, §11)."""

from __future__ import annotations

from adservice.rulebook.book import (
    HANDBOOKS,
    STANDARD_TURNAROUND,
    Rule,
    Rulebook,
    RuleKind,
    RushPolicy,
    Turnaround,
    resolve_rulebook,
)

__all__ = [
    "HANDBOOKS",
    "STANDARD_TURNAROUND",
    "Rule",
    "RuleKind",
    "Rulebook",
    "RushPolicy",
    "Turnaround",
    "resolve_rulebook",
]
