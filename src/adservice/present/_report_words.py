"""Words the report renderings share: the status table's headings, owners with their role."""

from __future__ import annotations

from adservice.i18n import gettext
from adservice.present._vocab import word

__all__ = ["owner_words", "status_heads"]

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
