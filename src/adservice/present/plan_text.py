"""Turnaround plans as plain text, in English or Chinese (the command line's ``plan``).

Rendering is pure: every function returns a string and prints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from adservice.calendar.localnames import describe_day_text, explanation_text
from adservice.deadlines.plans import BackwardPlan, Plan, PlanStep
from adservice.i18n import format_day, format_time, format_units, gettext, normalize_locale, pgettext
from adservice.present._extras import need
from adservice.present._tables import table as _table
from adservice.present._vocab import item_name

__all__ = ["backward_plan_text", "day0_text", "plan_explanation_text", "plan_text"]


def _clock(at: datetime, loc: str) -> str:
    return format_time(at, loc, offset=loc == "en")


def _when(day: date, at: datetime, loc: str) -> str:
    return f"{format_day(day, loc)} {_clock(at, loc)}"


def _title(p: Plan | BackwardPlan, loc: str) -> str:
    cal = p.calendar
    units = format_units(p.days, "working_days" if p.unit == "working_days" else "months", loc)
    if loc == "en":
        return f"{p.item} ({p.rule_id}, {units}) — {cal.region} ({cal.tz})"
    return gettext("{name} ({item}, {rule}, {units}) — {region} ({zone})", loc).format(
        name=item_name(p.item, loc), item=p.item, rule=p.rule_id, units=units, region=cal.region, zone=cal.tz
    )


def _steps(steps: Sequence[PlanStep], starts: str, dues: str, loc: str) -> list[str]:
    if loc == "en":
        width = max(len("step"), *(len(s.key) for s in steps))
        rows = [f"{'step':<{width}}  rule  days  {starts:<14}  {dues:<14}  deadline"]
        for s in steps:
            days = str(s.days) + ("m" if s.unit == "months" else "")
            mark = "  *" if s.provisional else ""
            rows.append(
                f"{s.key:<{width}}  {s.rule_id:<4}  {days:>4}  {format_day(s.start):<14}  "
                f"{format_day(s.due_date):<14}  {_clock(s.deadline, loc)}{mark}"
            )
        return rows
    head = (
        gettext("step", loc),
        gettext("rule", loc),
        gettext("days", loc),
        starts,
        dues,
        gettext("deadline", loc),
    )
    return _table(
        head,
        (
            (
                item_name(s.key, loc),
                s.rule_id,
                format_units(s.days, "working_days" if s.unit == "working_days" else "months", loc),
                format_day(s.start, loc),
                format_day(s.due_date, loc),
                _clock(s.deadline, loc) + (" *" if s.provisional else ""),
            )
            for s in steps
        ),
    )


def _provisional(p: Plan | BackwardPlan, loc: str) -> str:
    cal = p.calendar
    if loc == "en":
        return (
            f"* provisional: {cal.region} days after {cal.confirmed_through} are not yet officially announced"
        )
    return gettext("* provisional: {region} days after {year} are not yet officially announced", loc).format(
        region=cal.region, year=cal.confirmed_through
    )


def day0_text(plan: Plan, *, locale: str = "en") -> str:
    """Why day 0 is what it is, in ``locale`` (English: :attr:`Plan.day0_reason`).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("film", datetime(2025, 9, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> print(day0_text(p, locale="zh_CN").split("：")[-1])
    第0天为下一个工作日，2025年9月28日 周日

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.plans.Plan`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(plan, Plan, "plan")
    p = plan
    if loc == "en":
        return p.day0_reason
    cal = p.calendar
    local = p.received_at.astimezone(cal.tz)
    received = f"{format_day(local.date(), loc)} {_clock(local, loc)}"
    cutoff = format_time(p.cutoff, loc)
    day0 = format_day(p.day0, loc)
    if p.day0 == local.date():
        text = gettext("received {received}, before the {cutoff} cut-off: day 0 {day}", loc)
        return text.format(received=received, cutoff=cutoff, day=day0)
    info = cal.day_kind(local.date())
    if not info.is_working:
        text = gettext(
            "received {received}, on a non-working day ({what}): day 0 is the next working day, {day}", loc
        )
        what = describe_day_text(info, calendar=cal, locale=loc)
        return text.format(received=received, what=what, day=day0)
    text = gettext(
        "received {received}, at or after the {cutoff} cut-off: day 0 is the next working day, {day}", loc
    )
    return text.format(received=received, cutoff=cutoff, day=day0)


def plan_text(plan: Plan, *, locale: str = "en") -> str:
    """A forward plan as a table: title, why day 0, one row per step, client reviews, the due date.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("media_schedule", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> print(plan_text(p, locale="zh_CN").splitlines()[-1])
    交付期限：2025年9月30日 周二 17:00
    >>> print(plan_text(p).splitlines()[-1])
    due Tue 2025-09-30 17:00 +08:00

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.plans.Plan`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(plan, Plan, "plan")
    start, due = ("start", "due") if loc == "en" else (gettext("start", loc), gettext("due", loc))
    lines = [_title(plan, loc), day0_text(plan, locale=loc), "", *_steps(plan.steps, start, due, loc)]
    for r in plan.reviews:
        units = format_units(r.days, "working_days", loc)
        if loc == "en":
            lines.append(
                f"client review of {r.after}: {units}, sign-off by {_when(r.due_date, r.deadline, loc)}"
            )
        else:
            text = gettext("client review of {step}: {units}, sign-off by {when}", loc)
            lines.append(
                text.format(
                    step=item_name(r.after, loc), units=units, when=_when(r.due_date, r.deadline, loc)
                )
            )
    when = _when(plan.due_date, plan.deadline, loc)
    lines.append(pgettext("plan", "due {when}", loc).format(when=when))
    if plan.provisional:
        lines.append(_provisional(plan, loc))
    return "\n".join(lines)


def backward_plan_text(plan: BackwardPlan, *, locale: str = "en") -> str:
    """A backward plan as a table: when the written work order must arrive, then each step's latest dates.

    >>> from datetime import date
    >>> from adservice.deadlines.plans import plan_backward
    >>> back = plan_backward("media_schedule", date(2025, 10, 15))
    >>> print(backward_plan_text(back, locale="zh_TW").splitlines()[1])
    2025年10月15日 週三交付：書面工作布署單須於2025年10月11日 週六 17:00前送達

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.plans.BackwardPlan`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(plan, BackwardPlan, "plan")
    if loc == "en":
        order = (
            f"delivered by {format_day(plan.deliver_by)}: the written work order must arrive by "
            f"{format_day(plan.work_order_by)}, before {_clock(plan.work_order_deadline, loc)}"
        )
        starts, dues = "latest start", "latest due"
    else:
        text = gettext(
            "delivered by {deliver}: the written work order must arrive by {day}, before {time}", loc
        )
        order = text.format(
            deliver=format_day(plan.deliver_by, loc),
            day=format_day(plan.work_order_by, loc),
            time=_clock(plan.work_order_deadline, loc),
        )
        starts, dues = gettext("latest start", loc), gettext("latest due", loc)
    lines = [_title(plan, loc), order, "", *_steps(plan.steps, starts, dues, loc)]
    for r in plan.reviews:
        units = format_units(r.days, "working_days", loc)
        text = gettext("client review of {step}: {units}, handed over by {start}, sign-off by {when}", loc)
        step = r.after if loc == "en" else item_name(r.after, loc)
        when = _when(r.due_date, r.deadline, loc)
        lines.append(text.format(step=step, units=units, start=format_day(r.start, loc), when=when))
    if plan.provisional:
        lines.append(_provisional(plan, loc))
    return "\n".join(lines)


def plan_explanation_text(plan: Plan, *, locale: str = "en") -> str:
    """:meth:`Plan.explain` in ``locale``: day 0, each step's working days one by one, the due date.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("media_schedule", datetime(2025, 9, 29, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> print(plan_explanation_text(p, locale="zh_CN").splitlines()[2].split("；")[2])
    第2个工作日 10月9日 周四（跳过国庆节、中秋节 10月1日–10月8日）

    Raises:
        InvalidInputError: not a :class:`~adservice.deadlines.plans.Plan`;
            UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(plan, Plan, "plan")
    if loc == "en":
        return plan.explain()
    colon = gettext(": ", loc)
    lines = [_title(plan, loc), day0_text(plan, locale=loc)]
    reviews = {r.after: r for r in plan.reviews}
    for step in plan.steps:
        why = explanation_text(step.explain(), calendar=step.calendar, locale=loc)
        lines.append(f"{item_name(step.key, loc)}{colon}{why}")
        review = reviews.get(step.key)
        if review is not None:
            units = format_units(review.days, "working_days", loc)
            text = gettext("client review of {step}: {units}, sign-off by {when}", loc)
            when = explanation_text(review.explain(), calendar=review.calendar, locale=loc)
            lines.append(text.format(step=item_name(step.key, loc), units=units, when=when))
    lines.append(pgettext("plan", "due {when}", loc).format(when=_when(plan.due_date, plan.deadline, loc)))
    if plan.provisional:
        lines.append(_provisional(plan, loc))
    return "\n".join(lines)
