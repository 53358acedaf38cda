"""The media chain from a placement and the turnaround items as plain text (``plan --placement``,
``items``).

    >>> from datetime import date
    >>> from adservice.deadlines.plans import plan_from_placement
    >>> print(placement_plan_text(plan_from_placement(date(2025, 10, 13), ["film"])))
    ... # doctest: +ELLIPSIS
    placement Mon 2025-10-13 — CN (Asia/Shanghai), client review 0 working days
    <BLANKLINE>
    step            rule  whose   latest start    latest due      deadline
    media_schedule  T3    agency  Thu 2025-09-25  Mon 2025-09-29  17:00 +08:00
    confirmation    G4    client  Mon 2025-09-29  Mon 2025-09-29  17:00 +08:00
    ...
    >>> print(placement_plan_text(plan_from_placement(date(2025, 10, 13), ["film"]), locale="zh_CN"))
    ... # doctest: +ELLIPSIS
    刊播日 2025年10月13日 周一 — CN（Asia/Shanghai），客户审阅0个工作日
    <BLANKLINE>
    环节                规则  负责方  最迟开始             最迟完成             截止时间
    媒体排期计划        T3    我司    2025年9月25日 周四   2025年9月29日 周一   17:00 +08:00
    ...
"""

from __future__ import annotations

from datetime import date, datetime

from adservice.deadlines._common import units_text
from adservice.deadlines.plans import PlacementPlan
from adservice.i18n import N_, NP_, format_day, format_units, gettext, normalize_locale, pgettext
from adservice.present._extras import need
from adservice.present._tables import table
from adservice.present._vocab import item_name
from adservice.rulebook.book import Rulebook, resolve_rulebook

__all__ = ["items_text", "placement_plan_text"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: The media chain's steps (context "media step"); a turnaround item's step shows the item's name.
_STEPS = (
    NP_("media step", "confirmation"),
    NP_("media step", "booking"),
    NP_("media step", "prepayment"),
    NP_("media step", "fee_list"),
    NP_("media step", "materials"),
    NP_("media step", "placement"),
)
#: Whose step it is (context "whose").
_WHOSE = (NP_("whose", "agency"), NP_("whose", "client"), NP_("whose", "media"))
_PROVISIONAL = N_("* provisional: {region} days after {year} are not yet officially announced")
#: The columns of ``items`` (context "items column").
_ITEM_HEADS = (
    NP_("items column", "item"),
    NP_("items column", "rule"),
    NP_("items column", "days"),
    NP_("items column", "unit"),
    NP_("items column", "name"),
    NP_("items column", "steps"),
)
#: A turnaround item's unit (context "unit").
_UNITS = {"working_days": NP_("unit", "working days"), "months": NP_("unit", "months")}


def _day(d: date, loc: str = "en") -> str:
    if loc != "en":
        return format_day(d, loc)
    return f"{_WEEKDAY[d.weekday()]} {d.isoformat()}"


def _clock(at: datetime) -> str:
    offset = at.strftime("%z")
    return f"{at:%H:%M} {offset[:3]}:{offset[3:]}"


def _step(key: str, loc: str) -> str:
    if loc == "en":
        return key
    if key in _STEPS:
        return pgettext("media step", key, loc)
    return item_name(key, loc)


def placement_plan_text(plan: PlacementPlan, *, locale: str = "en") -> str:
    """The media chain backward from a placement, then each item's latest work order.

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.PlacementPlan`;
        UnknownLocaleError: an unknown locale.
    """
    need(plan, PlacementPlan, "plan")
    loc = normalize_locale(locale)
    cal = plan.items[0].calendar if plan.items else None
    if loc == "en":
        where = f" — {cal.region} ({cal.tz})" if cal is not None else ""
        first = (
            f"placement {_day(plan.placement)}{where}, client review "
            f"{units_text(plan.review_days, 'working_days')}"
        )
    else:
        where = f" — {cal.region}（{cal.tz}）" if cal is not None else ""
        first = gettext("placement {day}{where}, client review {units}", loc).format(
            day=_day(plan.placement, loc),
            where=where,
            units=format_units(plan.review_days, "working_days", loc),
        )
    lines = [first, ""]
    heads = (
        pgettext("placement column", "step", loc),
        pgettext("placement column", "rule", loc),
        pgettext("placement column", "whose", loc),
        pgettext("placement column", "latest start", loc),
        pgettext("placement column", "latest due", loc),
        pgettext("placement column", "deadline", loc),
    )
    rows = []
    for s in plan.chain:
        deadline = "—" if s.key == "placement" else _clock(s.deadline)
        rows.append(
            (
                _step(s.key, loc),
                s.rule_id or "",
                s.owner if loc == "en" else pgettext("whose", s.owner, loc),
                _day(s.start, loc),
                _day(s.due_date, loc),
                deadline + (" *" if s.provisional else ""),
            )
        )
    lines += table(heads, rows)
    if plan.items:
        lines.append("")
        items = [(p.item, p.rule_id, _day(p.work_order_by, loc), _day(p.due_date, loc)) for p in plan.items]
        item_heads = (
            pgettext("placement column", "item", loc),
            pgettext("placement column", "rule", loc),
            pgettext("placement column", "work order by", loc),
            pgettext("placement column", "delivered by", loc),
        )
        lines += table(item_heads, items)
    lines.append("")
    lines.append(gettext("earliest written work order: {day}", loc).format(day=_day(plan.work_order_by, loc)))
    if plan.provisional and cal is not None:
        announced = gettext(_PROVISIONAL, loc)
        lines.append(announced.format(region=cal.region, year=cal.confirmed_through))
    return "\n".join(lines)


def items_text(*, rulebook: Rulebook | None = None, locale: str = "en") -> str:
    """The rulebook's turnaround items: key, rule, range and unit, name, and the steps of a chain.

    Raises:
        InvalidInputError: ``rulebook`` is not a :class:`~adservice.rulebook.Rulebook`;
        UnknownLocaleError: an unknown locale.

    >>> for line in items_text().splitlines()[:2]:
    ...     print(line)
    item                rule  days  unit          name                                               steps
    broadcast_creative  T5    3-8   working days  radio and TV commercial creative
    >>> print(items_text(locale="zh_TW").splitlines()[5])
    film                T4    1     工作日  軟片
    """
    book = resolve_rulebook(rulebook)
    loc = normalize_locale(locale)
    heads = tuple(pgettext("items column", h, loc) for h in _ITEM_HEADS)
    rows = []
    for key in sorted(book.items):
        t = book.items[key]
        low, high = t.days
        days = str(low) if low == high else f"{low}-{high}"
        if loc == "en":
            unit, name, steps = t.unit.replace("_", " "), t.name, " → ".join(t.chain)
        else:
            unit = pgettext("unit", _UNITS[t.unit], loc)
            name = t.name_in(loc)
            steps = " → ".join(book.items[k].name_in(loc) if k in book.items else k for k in t.chain)
        rows.append((key, t.rule_id, days, unit, name, steps))
    return "\n".join(table(heads, rows))
