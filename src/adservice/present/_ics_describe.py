"""iCalendar event descriptions in the reader's language, rendered from the values themselves.

:mod:`adservice.present._ics_events` writes each event's English description; the functions here
give the same description in ``zh_CN``/``zh_TW`` from the plan step, review window, backward plan
or media step it came from (their :class:`~adservice.calendar.Explanation` through
:func:`~adservice.calendar.localnames.explanation_text`), never by translating the English.
"""

from __future__ import annotations

import re
from datetime import date

from adservice.calendar.localnames import explanation_text
from adservice.deadlines.placement import MediaStep
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan, PlanStep, ReviewWindow
from adservice.i18n import format_day, format_units, gettext
from adservice.present._reasons import clauses_text
from adservice.present._vocab import item_name, word
from adservice.present.plan_text import backward_plan_text

__all__ = [
    "backward_step_description",
    "chain_step_description",
    "fee_list_description",
    "forward_step_description",
    "materials_description",
    "review_description",
    "revision_description",
    "rush_description",
    "work_order_description",
]

#: How the engagement words a revision job order (``Engagement.job_orders``).
_REVISION = re.compile(r"revision (\d+) of (\S+): (.*)", re.DOTALL)


def forward_step_description(p: Plan, step: PlanStep, loc: str) -> str:
    """``media_schedule: day 0 ...; +1 ...`` in ``loc``."""
    why = explanation_text(step.explain(), calendar=step.calendar, locale=loc)
    return f"{item_name(p.item, loc)}{gettext(': ', loc)}{why}"


def review_description(review: ReviewWindow, loc: str) -> str:
    """``client review (2 working days on the CN calendar): ...`` in ``loc``."""
    why = explanation_text(review.explain(), calendar=review.calendar, locale=loc)
    return gettext("client review ({units} on the {region} calendar): {why}", loc).format(
        units=format_units(review.days, "working_days", loc), region=review.calendar.region, why=why
    )


def work_order_description(p: BackwardPlan, loc: str) -> str:
    """The backward plan, as :func:`~adservice.present.plan_text.backward_plan_text` writes it."""
    return backward_plan_text(p, locale=loc)


def backward_step_description(step: PlanStep, loc: str) -> str:
    """``start by ... at the latest; day 0 ...`` in ``loc``."""
    why = explanation_text(step.explain(), calendar=step.calendar, locale=loc)
    return gettext("start by {day} at the latest; {why}", loc).format(
        day=format_day(step.start, loc), why=why
    )


def materials_description(p: PlacementPlan, loc: str) -> str:
    """When every item must be with the media, for the placement."""
    return gettext("every item delivered by {day} for the placement on {placement}", loc).format(
        day=format_day(p.materials_due_date, loc), placement=format_day(p.placement, loc)
    )


def fee_list_description(p: PlacementPlan, fee: MediaStep | None, loc: str) -> str:
    """Why the fee list (O7) is due when it is."""
    if fee is not None:
        return clauses_text(fee.because, loc)
    return gettext("O7: before the placement on {day}", loc).format(day=format_day(p.placement, loc))


def chain_step_description(step: MediaStep, loc: str) -> str:
    """Whose step it is, its latest start, and why its latest date is what it is."""
    head = gettext("{owner}'s step, start by {day} at the latest", loc).format(
        owner=word("party", step.owner, loc), day=format_day(step.start, loc)
    )
    return f"{head}{gettext('; ', loc)}{clauses_text(step.because, loc)}"


def rush_description(day: date, standard: date, rule_id: str, loc: str) -> str:
    """The client's rush request accepted (T8): the rushed day instead of the standard one."""
    return gettext(
        "the client's rush request was accepted: due {day} instead of {standard} ({rule})", loc
    ).format(day=format_day(day, loc), standard=format_day(standard, loc), rule=rule_id)


def revision_description(description: str, working_days: int | None, loc: str) -> str:
    """A revision job order's deadline: its turnaround from the client's written request (L11)."""
    match = _REVISION.fullmatch(description)
    if match and loc != "en":
        description = gettext("revision {n} of {job}: {description}", loc).format(
            n=match[1], job=match[2], description=match[3]
        )
    if working_days is None:
        return description
    return gettext("{description} — due {units} after the client's written request", loc).format(
        description=description, units=format_units(working_days, "working_days", loc)
    )
