"""The engagement lifecycle (SPEC §6): the names other layers import, gathered in one place.

The engagement lives in :mod:`adservice.engagement.engagement` (the class),
:mod:`~adservice.engagement._actions` (its methods), :mod:`~adservice.engagement._handlers`
(what each event does), :mod:`~adservice.engagement.table` (the declarative table) and
:mod:`~adservice.engagement.values`.
"""

from __future__ import annotations

from adservice.engagement.engagement import SCHEMA_VERSION, V1_KINDS, Engagement, as_portfolio
from adservice.engagement.table import DELIVERABLES, FORWARD, LEAD_ROLES, ROLES
from adservice.engagement.values import JobOrder, Requirement, Wait

__all__ = [
    "DELIVERABLES",
    "FORWARD",
    "LEAD_ROLES",
    "ROLES",
    "SCHEMA_VERSION",
    "V1_KINDS",
    "Engagement",
    "JobOrder",
    "Requirement",
    "Wait",
    "as_portfolio",
]
