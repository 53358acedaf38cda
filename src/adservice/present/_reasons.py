"""Why a duty is due when it is, in the reader's language (``obligations --explain``, iCalendar).

An :class:`~adservice.portfolio.obligation.Obligation` keeps the steps that date it as clauses
(``why``); a plain :class:`~adservice.deadlines.Due` keeps them in ``because``, one clause per
``"; "``. Each clause is one of a few fixed forms (a weekly slot, a roll to the next working day,
a count of working days, a report after a meeting...): it is read back into its parts (days,
times, counts, the kind and name of a day) and written again from the catalogs. English is the
text itself, byte for byte; a clause of a form not known here stays as written.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from adservice.calendar import DayInfo, DayKind
from adservice.calendar.days import Explanation
from adservice.calendar.localnames import day_kind_text, day_name_text, explanation_text
from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines.due import Due
from adservice.errors import AdServiceError
from adservice.i18n import (
    EN_MONTHS,
    N_,
    format_day,
    format_month,
    format_units,
    gettext,
    normalize_locale,
    weekday_names,
)
from adservice.present._vocab import because_words, phrase, word

__all__ = ["clauses_text", "done_words", "due_text", "reason_text"]

_WEEKDAYS = weekday_names("en")
_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = EN_MONTHS
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4}-\d{2}-\d{2})"
_TAIL = (
    r"(?: (working day|weekend)| (public holiday) \((.+)\)| (make-up working day) \((.+)\)"
    r"| \((make-up working day) (for .+)\))?"
)
#: What a review cycle of O1/O6 counts from (:mod:`adservice.portfolio`).
_SINCE = (N_("the contract"), N_("the agreed strategy"), N_("the latest date"))
#: What an agreed routine (O14, O16) counts from (:mod:`adservice.deadlines.cadence`).
_FIRST = (N_("the first meeting"), N_("the first list"))
_CLAUSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^every ({'|'.join(_FULL)}) (\d\d:\d\d|close of business): {_DAY}{_TAIL}$"), "weekly"),
    (re.compile(rf"^status as of {_DAY}$"), "status"),
    (re.compile(rf"^moved to the next working day {_DAY}$"), "moved"),
    (re.compile(rf"^last working day of ({'|'.join(_MONTHS)}) (\d{{4}}): {_DAY}{_TAIL}$"), "month"),
    (re.compile(r"^close of business$"), "cob"),
    (re.compile(rf"^every (\d+) days from first contact {_DAY}: {_DAY}{_TAIL}$"), "contact"),
    (re.compile(rf"^delivered {_DAY} (\d\d:\d\d)$"), "delivered"),
    (re.compile(rf"^(\d+) working days?: day 0 {_DAY}{_TAIL}$"), "count"),
    (re.compile(rf"^([+-]\d+) (Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d\d)-(\d\d){_TAIL}$"), "plus"),
    (re.compile(rf"^placement {_DAY}$"), "placement"),
    (re.compile(rf"^(\d+) days before: {_DAY}{_TAIL}$"), "before"),
    (re.compile(rf"^rolled back to the last working day {_DAY}, close of business$"), "rolled"),
    (re.compile(rf"^(\d+) working days before: {_DAY}$"), "wdbefore"),
    (re.compile(r"^(\d+) working day\(s\) before the (placement|prepayment)$"), "chain"),
    (re.compile(rf"^meeting starts {_DAY} (\d\d:\d\d)$"), "starts"),
    (re.compile(rf"^agenda at least ([0-9.]+) h before: {_DAY} (\d\d:\d\d)$"), "agenda"),
    (re.compile(rf"^departure {_DAY} (\d\d:\d\d) \(([0-9.]+) h travel\)$"), "departure"),
    (re.compile(rf"^([0-9.]+) h before departure: {_DAY} (\d\d:\d\d)$"), "reconfirm"),
    (re.compile(rf"^also the {_DAY} occurrence, moved to the same day$"), "also"),
    (
        re.compile(r"^every (\d+)–(\d+) months, each cycle counted from the latest date of the one before$"),
        "cycles",
    ),
    (
        re.compile(rf"^cycle (\d+) opens (\d+) months after ({'|'.join(_SINCE)}) {_DAY}: {_DAY}{_TAIL}$"),
        "opens",
    ),
    (re.compile(rf"^closes (\d+) months after that date: {_DAY}{_TAIL}$"), "closes"),
    (re.compile(r"^every (\d+) months from the start (\d{4}-\d{2}-\d{2})$"), "months"),
    (
        re.compile(rf"^(weekly|fortnightly|monthly) from ({'|'.join(_FIRST)}) (\d{{4}}-\d{{2}}-\d{{2}})$"),
        "cadence",
    ),
    (re.compile(r"^(\d{4}-\d{2}-\d{2}) is not a working day, moved to (\d{4}-\d{2}-\d{2})$"), "notworking"),
)
#: A count of working days followed by the steps of its explanation (``Explanation.line``), which
#: starts at day 0 or, for a start on a day off, at the day it was rolled from.
_COUNTED = re.compile(rf"^(\d+) working (day\(s\) before|days?): ((?:day 0|from) {_DAY}.*)$")
#: Clauses that are always the same words (a media step's reason).
_FIXED = frozenset(
    {
        N_("before the fee list and the materials (G10)"),
        N_("no booking before it (G4)"),
        N_("not after the materials"),
        N_("handed to the client for G4"),
    }
)


@lru_cache(maxsize=1)
def _cn() -> WorkCalendar:
    return WorkCalendar("CN")


def _day(iso: str, loc: str) -> str:
    return format_day(date.fromisoformat(iso), loc)


def _kind(day: date, parts: tuple[str | None, ...], loc: str) -> str:
    """The kind (and name) of a day the clause gives after it, e.g. `` public holiday (National Day)``."""
    kind = next((p for p in (parts[0], parts[1], parts[3], parts[5]) if p), None)
    if kind is None:
        return ""
    name = parts[2] or parts[4] or parts[6]
    words = day_kind_text(DayKind(kind), loc)
    if name:
        info = DayInfo(day, DayKind(kind), name)
        words += f"（{day_name_text(info, calendar=_cn(), locale=loc)}）"
    return " " + words


def _explanation(day0: date, n: int, before: bool, steps: list[str]) -> Explanation | None:
    """The CN explanation whose :attr:`~Explanation.line` split by ``"; "`` starts ``steps``."""
    cal = _cn()
    for signed in (-n,) if before else (n, -n):
        for roll in ("forward", "backward"):
            try:
                found = cal.explain(day0, signed, "forward" if roll == "forward" else "backward")
            except AdServiceError:  # outside the calendar's years: read clause by clause
                continue
            parts = found.line.split("; ")
            if steps[: len(parts)] == parts:
                return found
    return None


def _counted(clauses: list[str], i: int, loc: str) -> tuple[str, int] | None:
    """``n working day(s) before: day 0 …; -1 …`` (or ``n working days: day 0 …; +1 …``) from
    clause ``i`` on, written again with the explanation's own renderer; the index after it."""
    m = _COUNTED.match(clauses[i])
    if m is None:
        return None
    n, before = int(m.group(1)), m.group(2).endswith("before")
    found = _explanation(date.fromisoformat(m.group(4)), n, before, [m.group(3), *clauses[i + 1 :]])
    if found is None:
        return None
    units = format_units(n, "working_days", loc)
    steps = explanation_text(found, calendar=_cn(), locale=loc)
    if before:
        words = gettext("{units} before: {steps}", loc).format(units=units, steps=steps)
    else:
        words = gettext("{units}: {steps}", loc).format(units=units, steps=steps)
    return words, i + len(found.line.split("; "))


def _clause(text: str, loc: str, anchor: date | None = None) -> str:
    for pattern, form in _CLAUSES:
        m = pattern.match(text)
        if m is None:
            continue
        g = m.groups()
        if form == "weekly":
            time = gettext("close of business", loc) if g[1] == "close of business" else g[1]
            weekday = weekday_names(loc)[_FULL.index(g[0])]
            return gettext("every {weekday} {time}: {day}", loc).format(
                weekday=weekday, time=time, day=_day(g[2], loc) + _kind(date.fromisoformat(g[2]), g[3:], loc)
            )
        if form == "status":
            return gettext("status as of {day}", loc).format(day=_day(g[0], loc))
        if form == "moved":
            return gettext("moved to the next working day {day}", loc).format(day=_day(g[0], loc))
        if form == "month":
            month = format_month(int(g[1]), _MONTHS.index(g[0]) + 1, loc)
            return gettext("last working day of {month}: {day}", loc).format(
                month=month, day=_day(g[2], loc) + _kind(date.fromisoformat(g[2]), g[3:], loc)
            )
        if form == "cob":
            return gettext("close of business", loc)
        if form == "contact":
            return gettext("every {n} days from first contact {start}: {day}", loc).format(
                n=g[0],
                start=_day(g[1], loc),
                day=_day(g[2], loc) + _kind(date.fromisoformat(g[2]), g[3:], loc),
            )
        if form == "delivered":
            return gettext("delivered {when}", loc).format(when=f"{_day(g[0], loc)} {g[1]}")
        if form == "count":
            return gettext("{units}: day 0 {day}", loc).format(
                units=format_units(int(g[0]), "working_days", loc),
                day=_day(g[1], loc) + _kind(date.fromisoformat(g[1]), g[2:], loc),
            )
        if form == "plus":
            weekday = weekday_names(loc)[_WEEKDAYS.index(g[1])]
            day = _near(anchor, int(g[2]), int(g[3]))
            return f"{g[0]} {int(g[2])}月{int(g[3])}日 {weekday}{_kind_short(day, g[4:], loc)}"
        if form == "placement":
            return gettext("placement {day}", loc).format(day=_day(g[0], loc))
        if form == "before":
            return gettext("{n} days before: {day}", loc).format(
                n=g[0], day=_day(g[1], loc) + _kind(date.fromisoformat(g[1]), g[2:], loc)
            )
        if form == "rolled":
            return gettext("rolled back to the last working day {day}, close of business", loc).format(
                day=_day(g[0], loc)
            )
        if form == "wdbefore":
            return gettext("{n} working days before: {day}", loc).format(n=g[0], day=_day(g[1], loc))
        if form == "chain":
            units = format_units(int(g[0]), "working_days", loc)
            if g[1] == "placement":
                return gettext("{units} before the placement", loc).format(units=units)
            return gettext("{units} before the prepayment", loc).format(units=units)
        if form == "starts":
            return gettext("meeting starts {when}", loc).format(when=f"{_day(g[0], loc)} {g[1]}")
        if form == "cycles":
            return gettext(
                "every {low}–{high} months, each cycle counted from the latest date of the one before", loc
            ).format(low=g[0], high=g[1])
        if form == "opens":
            since = f"{gettext(g[2], loc)} {_day(g[3], loc)}"
            opens = _day(g[4], loc) + _kind(date.fromisoformat(g[4]), g[5:], loc)
            return gettext("cycle {n} opens {months} months after {since}: {day}", loc).format(
                n=g[0], months=g[1], since=since, day=opens
            )
        if form == "closes":
            closes = _day(g[1], loc) + _kind(date.fromisoformat(g[1]), g[2:], loc)
            return gettext("closes {months} months after that date: {day}", loc).format(
                months=g[0], day=closes
            )
        if form == "cadence":
            return gettext("{cadence} from {basis} {day}", loc).format(
                cadence=word("cadence", g[0], loc), basis=gettext(g[1], loc), day=_day(g[2], loc)
            )
        if form == "notworking":
            return gettext("{nominal} is not a working day, moved to {day}", loc).format(
                nominal=_day(g[0], loc), day=_day(g[1], loc)
            )
        if form == "months":
            return gettext("every {n} months from the start {day}", loc).format(n=g[0], day=_day(g[1], loc))
        if form == "agenda":
            return gettext("agenda at least {hours} h before: {when}", loc).format(
                hours=g[0], when=f"{_day(g[1], loc)} {g[2]}"
            )
        if form == "departure":
            return gettext("departure {when} ({hours} h travel)", loc).format(
                when=f"{_day(g[0], loc)} {g[1]}", hours=g[2]
            )
        if form == "reconfirm":
            return gettext("{hours} h before departure: {when}", loc).format(
                hours=g[0], when=f"{_day(g[1], loc)} {g[2]}"
            )
        return gettext("also the {day} occurrence, moved to the same day", loc).format(day=_day(g[0], loc))
    if text in _FIXED:
        return gettext(text, loc)
    if text.endswith(", close of business"):  # a cycle's last day, at close of business
        return (
            _clause(text.removesuffix(", close of business"), loc, anchor)
            + gettext("; ", loc)
            + gettext("close of business", loc)
        )
    return because_words(text, loc)


def _near(anchor: date | None, month: int, day: int) -> date | None:
    """The day ``month``-``day`` nearest after the last full date read (a ``+n`` step names no year)."""
    if anchor is None:
        return None
    for year in (anchor.year, anchor.year + 1, anchor.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if abs((found - anchor).days) <= 183:
            return found
    return None


def _kind_short(day: date | None, parts: tuple[str | None, ...], loc: str) -> str:
    """The kind of a ``±n`` step's day and, when its year is known, the holiday's name in ``locale``."""
    kind = next((p for p in (parts[0], parts[1], parts[3], parts[5]) if p), None)
    if kind is None:
        return ""
    name = parts[2] or parts[4] or parts[6]
    words = day_kind_text(DayKind(kind), loc)
    if name and day is not None:
        local = day_name_text(DayInfo(day, DayKind(kind), name), calendar=_cn(), locale=loc)
        return f"（{words}：{local}）" if local else f"（{words}）"
    if name and name.startswith("for "):
        return f"（{words}）"
    return f"（{words}：{name}）" if name else f"（{words}）"


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def clauses_text(text: str, locale: str) -> str:
    """English reason clauses joined by ``"; "`` written again in ``locale`` (English: as given).

    >>> line = clauses_text("meeting starts Mon 2026-01-05 10:00; 1 working day(s) before: "
    ...                     "day 0 Mon 2026-01-05; -1 Sun 01-04 (make-up working day for New Year's Day)",
    ...                     "zh_CN")
    >>> for part in line.split("；"):
    ...     print(part)
    会议于2026年1月5日 周一 10:00开始
    提前1个工作日：第0天 1月5日 周一
    前推第1个工作日 1月4日 周日（调休上班：元旦调休）
    """
    loc = normalize_locale(locale)
    if loc == "en" or not text:
        return text
    clauses = text.split("; ")
    out: list[str] = []
    anchor: date | None = None
    i = 0
    while i < len(clauses):
        counted = _counted(clauses, i, loc)
        if counted is not None:
            out.append(counted[0])
            i = counted[1]
            continue
        clause, mark = clauses[i], ""
        if clause.endswith(" [provisional]"):  # a date in a year not yet announced
            clause, mark = clause.removesuffix(" [provisional]"), gettext(" [provisional]", loc)
        out.append(_clause(clause, loc, anchor) + mark)
        dates = _ISO.findall(clauses[i])
        if dates:
            anchor = date.fromisoformat(dates[-1])
        i += 1
    return gettext("; ", loc).join(out)


def reason_text(d: Due, locale: str) -> str:
    """Why ``d`` is due when it is, in ``locale`` (English: ``explain()`` of an obligation, else
    ``because``); ``""`` when it gives no reason."""
    loc = normalize_locale(locale)
    why = getattr(d, "why", ())
    explain = getattr(d, "explain", None)
    if loc == "en":
        return str(explain()) if callable(explain) else d.because
    line = clauses_text("; ".join(why) if why else d.because, loc)
    if callable(explain) and d.provisional:
        line += gettext(" [provisional]", loc)
    return line


def _at(at: datetime, loc: str) -> str:
    if loc == "en":
        return f"{_WEEKDAYS[at.weekday()]} {at:%Y-%m-%d %H:%M}"
    return f"{format_day(at.date(), loc)} {at:%H:%M}"


def done_words(d: Due, locale: str) -> str:
    """The line an event adds when the log shows the duty done (``""`` if it is not)."""
    loc = normalize_locale(locale)
    if d.done_at is None:
        return ""
    done = d.done_at.astimezone(d.due.tzinfo)
    if d.done_at <= d.due:
        return gettext("\ndone {when}", loc).format(when=_at(done, loc))
    hours = (d.done_at - d.due).total_seconds() / 3600
    if hours < 48:
        amount = gettext("{n:.0f} hours", loc).format(n=hours)
    else:
        amount = gettext("{n:.1f} days", loc).format(n=hours / 24)
    return gettext("\ndone late: {when}, {amount} after it was due", loc).format(
        when=_at(done, loc), amount=amount
    )


def due_text(d: Due, locale: str) -> str:
    """``O7 fee list due Tue 2025-09-30 09:00`` in ``locale`` (for a duty that gives no reason)."""
    loc = normalize_locale(locale)
    if loc == "en":
        return d.describe()
    return gettext("{rule} {what} due {when}", loc).format(
        rule=d.rule_id, what=phrase(d.what, loc), when=_at(d.due, loc)
    )
