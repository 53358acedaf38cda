"""An engagement's recorded duties (O2/O3, O5, O7) as obligations.

The engagement owns its duties (``engagement.duties``, :class:`~adservice.deadlines.Due`
values with their completion); nothing here recomputes a date.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from adservice.deadlines import Due
from adservice.engagement.lifecycle import Engagement
from adservice.portfolio._shared import _rule
from adservice.portfolio.obligation import Obligation

__all__ = ["recorded_duties"]

#: Duties counted in hours may fall outside working days.
_HOUR_RULES = frozenset({"O2", "O3", "O5"})


def recorded_duties(
    e: Engagement, *, as_of: datetime | None = None, window: tuple[date, date] | None = None
) -> list[Obligation]:
    """The engagement's duties (caused by ``as_of`` if given) as obligations; disabled rules left out.

    With ``window`` only those ``_inside`` keeps are built (an instant's day inside it, or a window
    overlapping it): the same test, made on the duty before it becomes an obligation."""
    duties: tuple[Due, ...] = tuple(e.duties)
    last = e.last_at
    if as_of is not None and last is not None and last.timestamp() > as_of.timestamp():
        view = e.as_of(as_of)  # the duties caused by then
        duties = tuple(view.duties)
    out: list[Obligation] = []
    for duty in duties:
        if _rule(e.rulebook, duty.rule_id) is None:
            continue
        if window is not None:
            opens = duty.earliest if duty.earliest is not None else duty.due
            if not (opens.date() < window[1] and window[0] <= duty.due.date()):
                continue
        owned = duty if duty.subject else attrs.evolve(duty, subject=e.id)
        out.append(Obligation.of(owned, hour_rule=duty.rule_id in _HOUR_RULES))
    return out
