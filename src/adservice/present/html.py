"""Rich HTML for notebooks: a calendar, a month grid, a plan as a Gantt table, an engagement.

Every function here is pure: it returns a string, escapes every piece of text
with :func:`html.escape`, and styles with a few inline ``style`` attributes —
no stylesheet, no script, no web font — so the output looks the same in
Jupyter, VS Code, an exported notebook and this documentation. The library's
values draw themselves through these functions (``_repr_html_``):
:class:`~adservice.calendar.WorkCalendar`, the :class:`MonthView` of
:meth:`WorkCalendar.month <adservice.calendar.WorkCalendar.month>`,
:class:`~adservice.deadlines.plans.Plan` and :class:`~adservice.engagement.lifecycle.Engagement`.

    >>> from datetime import date
    >>> from adservice.calendar.workcalendar import MonthView, WorkCalendar
    >>> october = WorkCalendar("CN").month(2025, 10)
    >>> october.notes[0].describe()
    'Wed 2025-10-01 public holiday (National Day)'
    >>> 'data-date="2025-10-11" data-kind="makeup_working_day"' in october._repr_html_()
    True
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from adservice.calendar.localnames import describe_day_text
from adservice.calendar.workcalendar import DayKind, MonthView, WorkCalendar, require_aware
from adservice.errors import CalendarRangeError
from adservice.i18n import (
    format_month,
    format_short_day,
    format_units,
    gettext,
    normalize_locale,
    pgettext,
    weekday_names,
)
from adservice.present._extras import need
from adservice.present._html import (
    _BOX,
    _MAX_TIMELINE_DAYS,
    _MUTED,
    _REVIEW_BAR,
    _STEP_BAR,
    _TABLE,
    _TD,
    _TH,
    _WEEKDAY,
    KIND_COLOURS,
    _day_style,
    _e,
    _instant,
    _kind_token,
    _legend,
    _swatch,
    _table,
    _working,
)
from adservice.present._html_words import (
    clock_state,
    day_note,
    duty_state,
    engagement_words,
    event_details,
    heads_text,
    month_words,
    weekday_letter,
)
from adservice.present._reasons import reason_text
from adservice.present._vocab import actor_words, item_name, phrase, word
from adservice.present.plan_text import day0_text
from adservice.present.text import MONTH_MARKS

if TYPE_CHECKING:
    from adservice.deadlines.plans import Plan
    from adservice.engagement.lifecycle import Engagement

__all__ = [
    "KIND_COLOURS",
    "calendar_html",
    "engagement_html",
    "month_html",
    "plan_html",
    "plan_mermaid",
]


def calendar_html(*, calendar: WorkCalendar) -> str:
    """A calendar's settings at a glance: region, zone, horizon, confirmed years, weekend, hours, closures.

    >>> from adservice.calendar.workcalendar import MonthView, WorkCalendar
    >>> "confirmed through" in calendar_html(calendar=WorkCalendar("CN"))
    True

    Raises:
        InvalidInputError: ``calendar`` is not a WorkCalendar.
    """
    need(calendar, WorkCalendar, "calendar")
    first, last = calendar.horizon
    opening, closing = calendar.business_hours
    region = calendar.region + (f"-{calendar.subdivision}" if calendar.subdivision else "")
    rows = [
        ("region", region),
        ("time zone", str(calendar.tz)),
        ("horizon", f"{first}–{last}"),
        ("confirmed through", f"{calendar.confirmed_through} (later days are provisional)"),
        ("weekend", ", ".join(_WEEKDAY[d] for d in calendar.weekend) or "none"),
        ("business hours", f"{opening:%H:%M}–{closing:%H:%M}"),
    ]
    if calendar.closures:
        shown = [f"{d.isoformat()} {reason}" for d, reason in list(calendar.closures.items())[:5]]
        more = len(calendar.closures) - len(shown)
        rows.append(("agency closures", "; ".join(shown) + (f"; and {more} more" if more > 0 else "")))
    if calendar.extra_working_days:
        rows.append(("extra working days", ", ".join(d.isoformat() for d in calendar.extra_working_days)))
    if calendar.strict:
        rows.append(("strict", "refuses provisional days"))
    body = "".join(
        f'<tr><th style="{_TH};border:none">{_e(k)}</th><td style="{_TD};border:none">{_e(v)}</td></tr>'
        for k, v in rows
    )
    return (
        f'<div class="adservice adservice-calendar" style="{_BOX}">'
        f'<div style="font-weight:600">WorkCalendar {_e(region)}</div>'
        f'<table style="{_TABLE}"><tbody>{body}</tbody></table>'
        f'<div style="{_MUTED};font-size:12px">calendar.month(year, month) draws a month</div></div>'
    )


def month_html(view: MonthView, *, locale: str = "en") -> str:
    """A month as an HTML grid (Monday first) with a legend of its holidays and make-up days.

    Each day's cell carries ``data-date`` and ``data-kind`` (``public_holiday``,
    ``makeup_working_day``, ...) and a tooltip with the day's description.

    Raises:
        InvalidInputError: ``view`` is not a MonthView (``WorkCalendar.month(year, month)``).
        UnknownLocaleError: a locale adservice does not render in.
    """
    loc = normalize_locale(locale)
    need(view, MonthView, "view")
    cal = view.calendar
    head = "".join(f'<th style="{_TH};text-align:center">{d}</th>' for d in weekday_names(loc))
    rows = []
    for week in view.weeks:
        cells = []
        for info in week:
            if info is None:
                cells.append('<td style="padding:2px"></td>')
                continue
            mark = "" if info.kind is DayKind.WEEKEND else MONTH_MARKS[info.kind].strip()
            cells.append(
                f'<td data-date="{info.day.isoformat()}" data-kind="{_kind_token(info.kind)}" '
                f'title="{_e(describe_day_text(info, calendar=cal, locale=loc))}" '
                f'style="{_day_style(info.kind, info.provisional)};width:3.2em;height:2.4em;'
                f'text-align:right;vertical-align:top;padding:2px 4px">'
                f"<b>{info.day.day}</b>"
                + (f'<div style="font-size:10px;text-align:left">{_e(mark)}</div>' if mark else "")
                + "</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption, footer = month_words(view, loc)
    notes = "".join(
        f'<li style="list-style:none;margin:1px 0">{_swatch(i.kind)}{_e(day_note(i, cal, loc))}</li>'
        for i in view.notes
    )
    return (
        f'<div class="adservice adservice-month" style="{_BOX}">'
        f'<table class="adservice-month-grid" style="{_TABLE}">'
        f'<caption style="font-weight:600;text-align:left;padding-bottom:4px">{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + (f'<ul style="padding:0;margin:4px 0">{notes}</ul>' if notes else "")
        + _legend(KIND_COLOURS, loc)
        + f'<div style="{_MUTED};font-size:12px">{_e(footer)}</div></div>'
    )


# -- plans --------------------------------------------------------------------------------


def _counted(calendar: WorkCalendar, start: date, due: date) -> tuple[date, date]:
    """The first and last day a step occupies: the working day after its day 0, through its due date."""
    first = calendar.next_working_day(start) if start < due else due
    return min(first, due), due


def _plan_rows(plan: Plan, loc: str = "en") -> list[tuple[str, str, WorkCalendar, date, date, str]]:
    """``(label, detail, calendar, day 0, due, kind)`` per step and client review, in order."""
    reviews = {r.after: r for r in plan.reviews}
    rows = []
    for step in plan.steps:
        unit = "wd" if step.unit == "working_days" else "mo"
        units = f"{step.days} {unit}"
        if loc != "en":
            units = format_units(step.days, "working_days" if step.unit == "working_days" else "months", loc)
        rows.append(
            (
                item_name(step.key, loc),
                f"{step.rule_id}, {units}",
                step.calendar,
                step.start,
                step.due_date,
                "step",
            )
        )
        review = reviews.get(step.key)
        if review is not None:
            label = gettext("client review of {step}", loc).format(step=item_name(step.key, loc))
            detail = gettext("{n} wd on the {region} calendar", loc).format(
                n=review.days, region=review.calendar.region
            )
            rows.append((label, detail, review.calendar, review.start, review.due_date, "review"))
    return rows


def plan_html(plan: Plan, *, locale: str = "en") -> str:
    """A plan as a Gantt-like table: each step's day 0 and due date, and a bar over its working days.

    Columns are calendar days from the receipt to the last due date; weekends,
    holidays and closures are shaded (and marked), so a bar visibly skips the
    days that do not count. Client review windows follow their step in amber.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> plan_html(p).count('data-bar="step"')   # 9 working days, one cell each
    9
    """
    from adservice.deadlines.forward import Plan as _Plan  # noqa: PLC0415 - a lower layer

    loc = normalize_locale(locale)
    need(plan, _Plan, "plan")
    cal = plan.calendar
    rows = _plan_rows(plan, loc)
    received = plan.received_at.astimezone(cal.tz).date()
    lo = min(received, plan.day0)
    hi = max(row[4] for row in rows)
    span = (hi - lo).days + 1
    days = [lo + timedelta(days=i) for i in range(span)] if span <= _MAX_TIMELINE_DAYS else []
    infos = [cal.day_kind(d) for d in days]

    head = [
        f'<th style="{_TH}">{h}</th>'
        for h in (gettext("step", loc), gettext("day 0", loc), gettext("due", loc))
    ]
    month_row = [f'<th colspan="3" style="{_TH};border:none"></th>']
    for info in infos:
        label = ""
        if info.day.day == 1 or info.day == lo:
            label = f"{info.day:%b}" if loc == "en" else format_month(info.day.year, info.day.month, loc)[5:]
        month_row.append(f'<th style="padding:0;font-size:10px;{_MUTED};text-align:left">{label}</th>')
        head.append(
            f'<th title="{_e(describe_day_text(info, calendar=cal, locale=loc))}" '
            f'style="{_day_style(info.kind, info.provisional)};'
            f'padding:1px 2px;font-size:10px;font-weight:normal;text-align:center;min-width:1.4em">'
            f"{info.day.day}<br>{_e(MONTH_MARKS[info.kind].strip() or weekday_letter(info.day, loc))}</th>"
        )
    body = []
    for label, detail, calendar, start, due, kind in rows:
        first, last = _counted(calendar, start, due)
        nowrap = f"{_TD};white-space:nowrap"
        weight = 600 if kind == "step" else 400
        cells = [
            f'<td title="{_e(detail)}" style="{nowrap};font-weight:{weight}">{_e(label)}</td>',
            f'<td style="{nowrap}">{_e(format_short_day(start, loc))}</td>',
            f'<td style="{nowrap}">{_e(format_short_day(due, loc))}</td>',
        ]
        for info in infos:
            day = info.day
            own = calendar.day_kind(day) if calendar is not cal else info
            if first <= day <= last and own.is_working:
                colour = _STEP_BAR if kind == "step" else _REVIEW_BAR
                tip = f"{label}: {describe_day_text(own, calendar=calendar, locale=loc)}"
                tip += gettext(" — due", loc) if day == due else ""
                cells.append(
                    f'<td data-bar="{kind}" data-date="{day.isoformat()}" title="{_e(tip)}" '
                    f'style="background:{colour};border:1px solid #ffffff;padding:0"></td>'
                )
            else:
                background = KIND_COLOURS[info.kind][0]
                marker = "▸" if day == start and kind == "step" else ""
                cells.append(
                    f'<td style="background:{background};border:1px solid #ffffff;padding:0;'
                    f'font-size:10px;text-align:center;color:#374151">{marker}</td>'
                )
        body.append("<tr>" + "".join(cells) + "</tr>")

    provisional = gettext(" [provisional]", loc) if plan.provisional else ""
    unit = "working days" if plan.unit == "working_days" else "months"
    title = f"{plan.item} — {plan.rule_id}, {plan.days} {unit} — {cal.region}"
    if loc != "en":
        units = format_units(plan.days, "working_days" if plan.unit == "working_days" else "months", loc)
        title = f"{item_name(plan.item, loc)} — {plan.rule_id}，{units} — {cal.region}"
    note = (
        gettext("timeline omitted: {span} calendar days is more than {limit}", loc).format(
            span=span, limit=_MAX_TIMELINE_DAYS
        )
        if not days
        else gettext("bars: the working days each step counts; ▸ day 0; shaded: days that do not count", loc)
    )
    due_word = pgettext("plan", "due", loc)
    return (
        f'<div class="adservice adservice-plan" style="{_BOX}">'
        f'<div style="font-weight:600">{_e(title)}</div>'
        f'<div style="{_MUTED};font-size:12px">{_e(day0_text(plan, locale=loc))}</div>'
        f'<table class="adservice-gantt" style="{_TABLE}"><thead>'
        + (f"<tr>{''.join(month_row)}</tr>" if days else "")
        + f"<tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<div>{_e(due_word)} <b>{_e(_instant(plan.deadline, loc))}</b>{_e(provisional)}</div>"
        f'<div style="{_MUTED};font-size:12px">{_e(note)}</div>'
        + (_legend((k for k in KIND_COLOURS if k is not DayKind.WORKING), loc) if days else "")
        + "</div>"
    )


def plan_mermaid(plan: Plan, *, locale: str = "en") -> str:
    """A plan as Mermaid ``gantt`` text: one task per step (and client review), from its dates.

    Each task runs from the first working day it counts to its due date
    (``inclusiveEndDates``), so the bars are the plan's real dates rather than
    Mermaid's own day counting; the non-working days in between are listed
    under ``excludes`` and shaded. (Mermaid's ``excludes weekends`` would also
    shade make-up working days.)

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("media_schedule", datetime(2025, 9, 29, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> print(plan_mermaid(p))
    gantt
        title media_schedule - T3, 3 working days, CN calendar
        dateFormat YYYY-MM-DD
        axisFormat %m-%d
        tickInterval 1day
        todayMarker off
        inclusiveEndDates
        excludes 2025-10-01, 2025-10-02, 2025-10-03, 2025-10-04, 2025-10-05, 2025-10-06, 2025-10-07, 2025-10-08
        section work order
        received, day 0 :milestone, day0, 2025-09-29, 0d
        section T3 media_schedule
        media_schedule :s1, 2025-09-30, 2025-10-10
    """  # noqa: E501 - the doctest shows the whole excludes line
    from adservice.deadlines.forward import Plan as _Plan  # noqa: PLC0415 - a lower layer

    loc = normalize_locale(locale)
    need(plan, _Plan, "plan")
    cal = plan.calendar
    rows = _plan_rows(plan, loc)
    lo = plan.day0
    hi = max(row[4] for row in rows)
    off = [
        lo + timedelta(days=i)
        for i in range((hi - lo).days + 1)
        if not cal.is_working_day(lo + timedelta(days=i))
    ]
    unit = "working days" if plan.unit == "working_days" else "months"
    title = f"{plan.item} - {plan.rule_id}, {plan.days} {unit}, {cal.region} calendar"
    if loc != "en":
        units = format_units(plan.days, "working_days" if plan.unit == "working_days" else "months", loc)
        title = gettext("{item} - {rule}, {units}, {region} calendar", loc).format(
            item=item_name(plan.item, loc), rule=plan.rule_id, units=units, region=cal.region
        )
    lines = [
        "gantt",
        f"    title {title}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m-%d",
        f"    tickInterval {'1day' if (hi - lo).days <= 31 else '1week'}",
        "    todayMarker off",
        "    inclusiveEndDates",
    ]
    if off:
        lines.append("    excludes " + ", ".join(d.isoformat() for d in off))
    lines += [
        "    section " + gettext("work order", loc),
        "    " + gettext("received, day 0", loc) + f" :milestone, day0, {plan.day0.isoformat()}, 0d",
        f"    section {plan.rule_id} {plan.item if loc == 'en' else item_name(plan.item, loc)}",
    ]
    steps = reviews = 0
    for label, _detail, calendar, start, due, kind in rows:
        first, last = _counted(calendar, start, due)
        if kind == "step":
            steps += 1
            task = f"{label} :s{steps}, "
        else:
            reviews += 1
            task = f"{label} :active, r{reviews}, "
        lines.append(f"    {task}{first.isoformat()}, {last.isoformat()}")
    return "\n".join(lines)


# -- engagements --------------------------------------------------------------------------


def engagement_html(
    engagement: Engagement, *, as_of: datetime | None = None, recent: int = 8, locale: str = "en"
) -> str:
    """An engagement at a glance: its stage, its clocks' status, its latest events and its duties.

    Args:
        engagement: the engagement.
        as_of: the instant the clocks are read at (default: the last event's; nothing reads the clock).
        recent: how many of the latest events to list.
        locale: ``en``, ``zh_CN`` or ``zh_TW``.

    >>> from adservice.demo import demo_engagement
    >>> page = engagement_html(demo_engagement())
    >>> "closed" in page and "BJ-202601-01" in page
    True
    """
    from adservice.engagement.engagement import Engagement as _Engagement  # noqa: PLC0415 - a lower layer

    loc = normalize_locale(locale)
    need(engagement, _Engagement, "engagement")
    need(recent, int, "recent")
    if as_of is not None:
        require_aware(as_of, "as_of")
        if as_of.year in (1, 9999):  # astimezone() at the edges of datetime overflows
            msg = f"as_of {as_of.isoformat()} is too close to the limits of datetime to show."
            raise CalendarRangeError(msg)
    e = engagement
    tz = e.calendar.tz
    events = e.events
    when = as_of if as_of is not None else (events[-1].at if events else None)
    stage, summary = engagement_words(e, when, loc)
    stage_word, clocks_word, duties_word = (
        gettext("stage", loc),
        gettext("Clocks", loc),
        gettext("Duties", loc),
    )
    parts = [
        f'<div class="adservice adservice-engagement" style="{_BOX}">',
        f'<div style="font-weight:600">{_e(e.id)} — {_e(e.client)}</div>',
        f'<div>{_e(stage_word)} <span data-stage="{_e(e.stage.value)}" '
        f'style="background:#e0e7ff;color:#3730a3;padding:1px 6px;border-radius:3px;font-weight:600">'
        f"{_e(stage)}</span> "
        f'<span style="{_MUTED}">{_e(summary)}</span></div>',
    ]
    hours = e.calendar.business_hours
    per_day = (datetime.combine(date.min, hours[1]) - datetime.combine(date.min, hours[0])).seconds / 3600
    clocks = e.clocks() if when is not None else {}
    if clocks and when is not None:
        rows: list[tuple[str, ...]] = []
        for job, clock in clocks.items():
            if clock.started_at > when:  # opened later (a revision job order): not yet at that instant
                continue
            st = clock.status(when)
            rows.append(
                (
                    job,
                    clock.rule_id or "",
                    _instant(st.due.astimezone(tz), loc),
                    clock_state(st, loc),
                    _working(st.agency_time, per_day, loc),
                    _working(st.client_time, per_day, loc),
                    _working(st.remaining, per_day, loc) if not st.stopped else "—",
                )
            )
        heads = heads_text(("job", "rule", "due", "status", "agency time", "client time", "remaining"), loc)
        parts += [
            f'<div style="font-weight:600;margin-top:6px">{clocks_word}</div>',
            _table(heads, rows),
        ]
    if events:
        shown = events[-recent:] if recent > 0 else ()
        rows = [
            (
                _instant(ev.at.astimezone(tz), loc),
                word("event", ev.kind, loc) if loc != "en" else ev.kind,
                actor_words(ev.actor, loc),
                event_details(ev.payload, loc) + (f" [{ev.evidence}]" if ev.evidence else ""),
            )
            for ev in reversed(shown)
        ]
        title = gettext("Recent events ({n} of {total}, newest first)", loc).format(
            n=len(shown), total=len(events)
        )
        parts += [
            f'<div style="font-weight:600;margin-top:6px">{_e(title)}</div>',
            _table(heads_text(("at", "event", "actor", "details"), loc), rows),
        ]
    if e.duties:
        rows = [
            (
                d.rule_id,
                phrase(d.what, loc),
                _instant(d.due.astimezone(tz), loc)
                + (gettext(" [provisional]", loc) if d.provisional else ""),
                duty_state(d, when, tz, loc),
                reason_text(d, loc),  # the fee list's 'placement ...; 6 days before' too
            )
            for d in e.duties
        ]
        parts += [
            f'<div style="font-weight:600;margin-top:6px">{duties_word}</div>',
            _table(heads_text(("rule", "duty", "due", "status", "because of"), loc), rows),
        ]
    parts.append("</div>")
    return "".join(parts)
