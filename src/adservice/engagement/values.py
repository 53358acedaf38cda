"""The values an engagement hands out: job orders, duties, requirements, waits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from adservice.errors import InvalidChoiceError, InvalidInputError, NaiveDatetimeError, brief

__all__ = ["JobOrder", "Requirement", "StepStatus", "Wait"]


@attrs.frozen
class JobOrder:
    """A job order (工作单): one piece of work with its number, item and brief (G2).

    ``revision`` counts revision job orders (后续修改工作单); they keep the original number.

    >>> from adservice.demo import demo_engagement
    >>> job = demo_engagement().job_orders["BJ-202601-01-R1"]
    >>> job.number, job.item, job.revision, job.complete
    ('BJ-202601-01-R1', 'print_single', 1, True)
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
    """One requirement of a stage change: its rule, what it asks, who must act, whether it is met.

    >>> from adservice import Engagement
    >>> first = Engagement("E-1", "Huaxia").requirements()[0]
    >>> first.rule_id, first.owner, first.met
    ('L1', 'client', False)
    """

    rule_id: str
    description: str
    owner: str  # "client" or "agency": whose move it is
    met: bool


def _aware(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: ``value`` is an aware datetime (None allowed for ``end``)."""
    if value is None and attribute.name == "end":
        return
    if not isinstance(value, datetime):
        raise InvalidInputError(f"a wait's {attribute.name} must be an aware datetime (got {brief(value)}).")
    if value.utcoffset() is None:
        raise NaiveDatetimeError(f"a wait's {attribute.name} must be aware (got naive {brief(value)}).")


def _text(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(f"a wait's {attribute.name} must be text (got {brief(value)}).")


def _kind(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in _KINDS:
        raise InvalidChoiceError("a wait's kind", value, _KINDS)


_KINDS = ("sign_off", "hold", "step")


def _job(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"a wait's job must be a job number or None (got {brief(value)}).")


@attrs.frozen
class Wait:
    """An interval the engagement waited on the client (``end`` is None while still waiting).

    >>> from datetime import timezone
    >>> Wait(datetime(2026, 3, 2, 9, tzinfo=timezone.utc), None, "awaiting the sign-off").kind
    'sign_off'

    Raises:
        NaiveDatetimeError: ``start`` or ``end`` is naive.
        InvalidInputError: ``start``/``end`` not datetimes, ``reason`` not text.
        InvalidChoiceError: ``kind`` is not ``"sign_off"``, ``"hold"`` or ``"step"``.
    """

    start: datetime = attrs.field(validator=_aware)
    end: datetime | None = attrs.field(validator=_aware)
    reason: str = attrs.field(validator=_text)
    #: "sign_off": the client reviews the work; "hold": the engagement is on hold; "step": the client
    #: reviews one production step of ``job`` (only that job's clock pauses, G5).
    kind: str = attrs.field(default="sign_off", validator=_kind)
    job: str | None = attrs.field(default=None, validator=_job)


@attrs.frozen
class StepStatus:
    """One production step of a job order (G5) and where it stands.

    Attributes:
        job: the job number; ``step``: the step's key (``"final_art"``); ``days``: its duration.
        state: ``"to do"``, ``"with the client"`` (submitted, awaiting the written approval),
            ``"approved"``, ``"sent back"`` (refused; back to the client once its revision
            job order is delivered), or for the last step ``"delivered"`` (the job's delivery).
        waiting_on: ``"client"`` while the step is with the client, else ``"agency"``
            (``None`` once approved or delivered).
        revisions: how many times the client sent it back.
        approved_by: the approval's document id, once approved.

    >>> from adservice.demo import demo_engagement
    >>> steps = demo_engagement().production_steps()["BJ-202601-01"]
    >>> [(s.step, s.state, s.revisions) for s in steps[:2]]
    [('creative_concept', 'approved', 0), ('copy_and_layout', 'approved', 1)]
    """

    job: str
    step: str
    days: int
    state: str
    waiting_on: str | None
    revisions: int = 0
    approved_by: str | None = None
