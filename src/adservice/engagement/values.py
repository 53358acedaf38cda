"""The values an engagement hands out: job orders, duties, requirements, waits."""

from __future__ import annotations

from datetime import datetime

import attrs

__all__ = ["JobOrder", "Requirement", "Wait"]


@attrs.frozen
class JobOrder:
    """A job order (工作单): one piece of work with its number, item and brief (G2).

    ``revision`` counts revision job orders (后续修改工作单); they keep the original number.
    """

    number: str
    item: str
    description: str
    creative_brief: str
    revision: int = 0

    @property
    def complete(self) -> bool:
        """A complete work description and a clear creative brief (G2)."""
        return bool(self.description.strip()) and bool(self.creative_brief.strip())


@attrs.frozen
class Requirement:
    """One requirement of a stage change: its rule, what it asks, who must act, whether it is met."""

    rule_id: str
    description: str
    owner: str  # "client" or "agency": whose move it is
    met: bool


@attrs.frozen
class Wait:
    """An interval the engagement waited on the client (``end`` is None while still waiting)."""

    start: datetime
    end: datetime | None
    reason: str
    kind: str = "sign_off"  # "sign_off": the client reviews the work; "hold": the engagement is on hold
