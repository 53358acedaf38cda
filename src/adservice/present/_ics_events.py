"""The events of the iCalendar export: the :class:`Deadline` value and the deadlines of plans.

:mod:`adservice.present.ics` re-exports :class:`Deadline` and builds calendars from these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial

import attrs

from adservice.calendar.workcalendar import require_aware
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan, PlanStep
from adservice.errors import InvalidInputError, brief
from adservice.i18n import normalize_locale
from adservice.present._ics_describe import (
    backward_step_description,
    chain_step_description,
    fee_list_description,
    forward_step_description,
    materials_description,
    review_description,
    work_order_description,
)

__all__ = ["UID_DOMAIN", "Deadline", "backward_events", "forward_events", "placement_events"]

#: The right-hand side of every ``UID`` (RFC 5545 recommends ``unique@domain``).
UID_DOMAIN = "adservice"


def _key(value: object) -> tuple[str, ...]:
    parts = tuple(value) if isinstance(value, (tuple, list)) else None
    if not parts or not all(isinstance(p, str) and p for p in parts):
        raise InvalidInputError(
            f"a deadline's key must be a non-empty tuple of non-empty strings (got {brief(value)})."
        )
    return parts


def _check_when(
    instance: object, attribute: attrs.Attribute[date | datetime], value: date | datetime
) -> None:
    if isinstance(value, datetime):
        require_aware(value, "a deadline's when")
    elif not isinstance(value, date):
        raise InvalidInputError(
            f"a deadline's when must be a date or an aware datetime (got {brief(value)})."
        )


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(f"a deadline's {attribute.name} must be a string (got {brief(value)}).")


@attrs.frozen
class Deadline:
    """One deadline as a calendar event: what it is, when it falls, the rule it comes from.

    Attributes:
        key: what identifies the deadline, e.g. ``("E-1", "BJ-202601-01", "final_art")``; the
            event's ``UID`` is derived from it, so it must not contain the date.
        summary: the event's title.
        when: a ``date`` (an all-day event) or an aware ``datetime`` (a timed event); ``when`` rather
            than ``due``, because a day is not an instant (issue 9 §8 keeps ``due`` for instants).
        rule_id: the rule the deadline comes from (``"T4"``), if any; it becomes a category.
        description: the event's text (usually the explanation of the date).
        provisional: the date rests on a year not yet officially announced (``STATUS:TENTATIVE``).

    >>> Deadline(("E-1", "kick-off"), "kick-off", date(2025, 10, 9)).all_day
    True
    """

    key: tuple[str, ...] = attrs.field(converter=_key)
    summary: str = attrs.field(validator=_text)
    when: date | datetime = attrs.field(validator=_check_when)
    rule_id: str | None = None
    description: str = attrs.field(default="", validator=_text)
    provisional: bool = False
    #: The description in a locale (``"zh_CN"``, ``"zh_TW"``), rendered from the value it came from;
    #: ``None``: :attr:`description` in every language. English is always :attr:`description`.
    localized: Callable[[str], str] | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def description_text(self, locale: str) -> str:
        """:attr:`description` in ``locale`` (English, or no localized rendering: as written).

        >>> d = Deadline(("E-1", "kick-off"), "kick-off", date(2025, 10, 9), description="x")
        >>> d.description_text("zh_CN")
        'x'
        """
        if self.localized is None or normalize_locale(locale) == "en":
            return self.description
        return self.localized(normalize_locale(locale))

    @property
    def all_day(self) -> bool:
        """Whether the deadline is a whole day rather than an instant."""
        return not isinstance(self.when, datetime)

    def uid(self, domain: str = UID_DOMAIN) -> str:
        """The event's ``UID``: a digest of :attr:`key` at ``domain``; the same key, the same UID.

        >>> a = Deadline(("E-1", "J-1", "film"), "film due", date(2025, 10, 15))
        >>> a.uid() == Deadline(("E-1", "J-1", "film"), "film due", date(2025, 10, 16)).uid()
        True
        """
        digest = hashlib.sha256("\x1f".join(self.key).encode("utf-8")).hexdigest()[:32]
        return f"{digest}@{domain}"


def _label(job: str | None) -> str:
    return f"{job} " if job else ""


def _step_name(step: PlanStep) -> str:
    return step.name or step.key.replace("_", " ")


def _when(step: PlanStep, all_day: bool) -> date | datetime:
    return step.due_date if all_day else step.deadline


def forward_events(p: Plan, scope: tuple[str, ...], job: str | None, all_day: bool) -> Iterator[Deadline]:
    reviews = {r.after: r for r in p.reviews}
    for step in p.steps:
        yield Deadline(
            (*scope, step.key),
            f"{_label(job)}{_step_name(step)} due ({step.rule_id})",
            _when(step, all_day),
            step.rule_id,
            f"{p.item}: {step.explain()}",
            step.provisional,
            localized=partial(forward_step_description, p, step),
        )
        review = reviews.get(step.key)
        if review is not None:
            yield Deadline(
                (*scope, "review", step.key),
                f"{_label(job)}client sign-off of {_step_name(step)} expected (G3)",
                review.due_date if all_day else review.deadline,
                "G3",
                f"client review ({review.days} working days on the {review.calendar.region} calendar): "
                f"{review.explain()}",
                review.provisional,
                localized=partial(review_description, review),
            )


def backward_events(
    p: BackwardPlan, scope: tuple[str, ...], job: str | None, all_day: bool
) -> Iterator[Deadline]:
    yield Deadline(
        (*scope, "work_order"),
        f"{_label(job)}latest written work order for {p.item} ({p.rule_id})",
        p.work_order_by if all_day else p.work_order_deadline,
        p.rule_id,
        p.explain(),
        p.provisional,
        localized=partial(work_order_description, p),
    )
    for step in p.steps:
        yield Deadline(
            (*scope, step.key),
            f"{_label(job)}{_step_name(step)} due at the latest ({step.rule_id})",
            _when(step, all_day),
            step.rule_id,
            f"start by {step.start.isoformat()} at the latest; {step.explain()}",
            step.provisional,
            localized=partial(backward_step_description, step),
        )


def placement_events(p: PlacementPlan, scope: tuple[str, ...], all_day: bool) -> Iterator[Deadline]:
    """The chain's steps in order (an item's own plan where it has one), then the other items."""
    at = (*scope, "placement", p.placement.isoformat())
    plans: dict[str, list[BackwardPlan]] = {}
    for item in p.items:
        plans.setdefault(item.item, []).append(item)
    steps = {s.key: s for s in p.chain}
    fixed: dict[str, Deadline] = {
        "placement": Deadline((*at, "start"), "placement starts", p.placement, None, "", p.provisional),
        "materials": Deadline(
            (*at, "materials"),
            "materials to the media at the latest",
            p.materials_due_date,
            None,
            f"every item delivered by {p.materials_due_date.isoformat()} for the placement on "
            f"{p.placement.isoformat()}",
            p.provisional,
            localized=partial(materials_description, p),
        ),
    }
    if p.fee_list_due_date is not None and p.fee_list_deadline is not None:
        fee = steps.get("fee_list")
        fixed["fee_list"] = Deadline(
            (*at, "fee_list"),
            "approved media and creative fee list due (O7)",
            p.fee_list_due_date if all_day else p.fee_list_deadline,
            "O7",
            fee.because if fee is not None else f"O7: before the placement on {p.placement.isoformat()}",
            p.provisional,
            localized=partial(fee_list_description, p, fee),
        )
    order = [s.key for s in p.chain] or ["placement", "fee_list", "materials"]
    for key in order + [k for k in ("fee_list", "materials", "placement") if k not in order]:
        if key in plans:
            for item in plans.pop(key):
                yield from backward_events(item, (*at, key), None, all_day)
        elif key in fixed:
            yield fixed[key]
        elif key in steps:
            step = steps[key]
            rule = f" ({step.rule_id})" if step.rule_id else ""
            yield Deadline(
                (*at, "chain", key),
                f"{step.what} at the latest{rule}",
                step.due_date if all_day else step.deadline,
                step.rule_id,
                f"{step.owner}'s step, start by {step.start.isoformat()} at the latest; {step.because}",
                step.provisional,
                localized=partial(chain_step_description, step),
            )
    for key, group in plans.items():
        for item in group:
            yield from backward_events(item, (*at, key), None, all_day)
