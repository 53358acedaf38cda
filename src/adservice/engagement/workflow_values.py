"""What an engagement's TV productions, estimates, meetings and routines fold into (issue 11 §5–§7).

Plain frozen values, rebuilt from the log on every replay; an engagement hands them out through
:attr:`~adservice.engagement.Engagement.productions`, ``estimates``, ``meeting_records`` and
``routines``.

    >>> p = Production("TV-1")
    >>> p.frozen, p.next_step
    (False, 'script')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from adservice.deadlines._common import aware, maybe_aware
from adservice.errors import InvalidInputError, brief

__all__ = ["Estimate", "MeetingRecord", "Production", "Routine"]

_STEPS = ("script", "storyboard", "offline", "online")


def _instants(instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidInputError(f"{attribute.name} must be a tuple of aware datetimes (got {brief(value)}).")
    for item in value:
        aware(instance, attribute, item)


@attrs.frozen
class Production:
    """A TV commercial's production under one job order (P1, P2, G9).

    Attributes:
        job: the job number.
        approved: the production steps the client approved in writing (script, storyboard,
            offline, online), in the order given.
        ppms: instants of the pre-production meetings held.
        final_ppm_at: when the final PPM froze script, cast and shooting plan (``None``: not yet).
        releases: the signed documents (model release, clearances) with their ids.
        shot_at: when the shoot was recorded.
        changes: ``(aspect, change)`` of the changes made before the final PPM.

    >>> film = Production("BJ-202601-03", approved=("script",))
    >>> film.job, film.frozen, film.next_step, film.finished
    ('BJ-202601-03', False, 'storyboard', False)
    """

    job: str
    approved: tuple[str, ...] = ()
    ppms: tuple[datetime, ...] = attrs.field(default=(), validator=_instants)
    final_ppm_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    releases: Mapping[str, str] = attrs.field(factory=dict)
    shot_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    changes: tuple[tuple[str, str], ...] = ()

    @property
    def frozen(self) -> bool:
        """Whether the final PPM has frozen the script, cast and shooting plan (G9)."""
        return self.final_ppm_at is not None

    @property
    def next_step(self) -> str | None:
        """The next step the client approves (``None``: the finished film is approved)."""
        return next((s for s in _STEPS if s not in self.approved), None)

    @property
    def finished(self) -> bool:
        """The online edit, the finished film, is approved by the client."""
        return "online" in self.approved


@attrs.frozen
class Estimate:
    """A job order's cost estimate (E1): its id, amount, quantities, approval and the client's signature.

    ``revision`` counts the estimates replaced by a new one (each needs approval and signature
    again; after booking a new one needs the client's written change, E2).

    >>> est = Estimate("BJ-202601-01", "EST-2026-007", 86000, {"pages": 1}, approved_by="Wang (finance)")
    >>> est.job, est.amount, est.status
    ('BJ-202601-01', 86000, 'approved')
    """

    job: str
    estimate: str
    amount: int
    quantities: Mapping[str, Any]
    approved_by: str | None = None
    signed: str | None = None
    revision: int = 0
    change: str | None = None

    @property
    def status(self) -> str:
        """``"submitted"``, ``"approved"`` (by the responsible manager) or ``"signed"`` (by the client)."""
        if self.signed is not None:
            return "signed"
        return "approved" if self.approved_by is not None else "submitted"


@attrs.frozen
class MeetingRecord:
    """A client meeting as a record: its 5W1H notice, preparation, the meeting, its report and confirmation.

    Attributes:
        ref: the meeting's reference.
        w5h1: what, why, who, where, when (ISO instant text) and how, as noticed (M1).
        noticed_at: when the notice went out; ``agenda_at``, ``reconfirmed_at``: the O10 steps.
        held_at: when the meeting was recorded as held (it ended).
        call: an important call rather than a meeting (O3's contact report instead of O2's).
        minutes: ``(report kind, decisions, actions {what: {owner, due}}, distribution, document id)``.
        minutes_at: when the report went out; ``confirmed``: the client's confirmation's document id.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice import Engagement
    >>> at, when = (datetime(2026, 3, d, 10, tzinfo=ZoneInfo("Asia/Shanghai")) for d in (2, 5))
    >>> e = Engagement("E-1", "Huaxia").schedule_meeting(at, "agency:Li", ref="MT-1", what="creative review",
    ...     why="approve the concept", who="Ms Wang", where="client office", when=when, how="in person")
    >>> record = e.meeting_records["MT-1"]
    >>> record.ref, record.w5h1["what"], record.noticed_at.isoformat(), record.held_at
    ('MT-1', 'creative review', '2026-03-02T10:00:00+08:00', None)
    """

    ref: str
    w5h1: Mapping[str, str] = attrs.field(factory=dict)
    noticed_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    agenda_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    reconfirmed_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    held_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    call: bool = False
    minutes: tuple[Any, ...] | None = None
    minutes_at: datetime | None = attrs.field(default=None, validator=maybe_aware)
    confirmed: str | None = None
    confirmed_at: datetime | None = attrs.field(default=None, validator=maybe_aware)


@attrs.frozen
class Routine:
    """A routine agreed with the client: which (rule O14 or O16), how often, and its first occurrence.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice import Engagement
    >>> at, first = (datetime(2026, 3, d, 10, tzinfo=ZoneInfo("Asia/Shanghai")) for d in (2, 9))
    >>> e = Engagement("E-1", "Huaxia").agree_routine(
    ...     at, "agency:Li", routine="client_meetings", cadence="weekly", first=first)
    >>> e.routines["client_meetings"].rule_id, e.routines["client_meetings"].first.isoformat()
    ('O14', '2026-03-09T10:00:00+08:00')
    """

    routine: str
    rule_id: str
    cadence: str
    first: datetime = attrs.field(validator=aware)
    agreed_at: datetime = attrs.field(validator=aware)
