"""Holiday names and day kinds in the reader's language.

Holiday names come from the ``holidays`` package's own translations (its
``language=`` parameter: ``zh_CN``, ``zh_TW``), matched to the English names the
calendar keeps by date; day kinds and the make-up day's "for ..." come from the
message catalogs (:mod:`adservice.i18n`).

>>> from datetime import date
>>> from adservice.calendar.workcalendar import WorkCalendar
>>> cal = WorkCalendar("CN")
>>> day_name_text(cal.day_kind(date(2025, 10, 1)), calendar=cal, locale="zh_CN")
'国庆节'
>>> day_name_text(cal.day_kind(date(2025, 10, 11)), calendar=cal, locale="zh_TW")
'國慶節補班'
>>> day_kind_text(DayKind.MAKEUP_WORKING_DAY, "zh_CN")
'调休上班'
"""

from __future__ import annotations

import warnings
from datetime import date
from functools import lru_cache

import holidays

from adservice.calendar._index import DayKind
from adservice.calendar.days import DayInfo, Explanation
from adservice.calendar.explain import days_off_between
from adservice.calendar.workcalendar import WorkCalendar
from adservice.errors import InvalidInputError, brief
from adservice.i18n import NP_, format_day, format_short_day, gettext, normalize_locale, pgettext

__all__ = ["check_text", "day_kind_text", "day_name_text", "describe_day_text", "explanation_text"]

#: The catalog words of each kind of day (context "day kind"); English is the kind's own value.
_KINDS: dict[DayKind, str] = {
    DayKind.WORKING: NP_("day kind", "working day"),
    DayKind.WEEKEND: NP_("day kind", "weekend"),
    DayKind.PUBLIC_HOLIDAY: NP_("day kind", "public holiday"),
    DayKind.MAKEUP_WORKING_DAY: NP_("day kind", "make-up working day"),
    DayKind.CLOSURE: NP_("day kind", "agency closure"),
    DayKind.EXTRA_WORKING_DAY: NP_("day kind", "extra working day"),
}


def day_kind_text(kind: DayKind, locale: str = "en") -> str:
    """A kind of day in ``locale``: ``public holiday``, ``法定节假日``, ``法定節假日`` ...

    Raises:
        InvalidInputError: not a :class:`DayKind`; UnknownLocaleError: an unknown locale.
    """
    if not isinstance(kind, DayKind):
        raise InvalidInputError(f"kind must be a DayKind (got {brief(kind)}).")
    return pgettext("day kind", _KINDS[kind], locale)


#: Languages written the same way: a reader of one takes the other's names when a region has only it.
_SAME_SCRIPT = {"zh_TW": ("zh_HK",), "zh_HK": ("zh_TW",)}


@lru_cache(maxsize=256)
def _names(region: str, subdivision: str | None, year: int, language: str) -> dict[str, str]:
    """English name -> name in ``language`` of ``region``'s holidays in ``year`` ({} if not translated)."""
    try:
        probe = holidays.country_holidays(region, years=[])
    except (NotImplementedError, ValueError, KeyError):  # not a region holidays knows
        return {}
    supported = getattr(probe, "supported_languages", ())
    if language not in supported:  # the same script under another region's code (zh_TW <-> zh_HK)
        language = next((alt for alt in _SAME_SCRIPT.get(language, ()) if alt in supported), "")
        if not language:
            return {}
    english = "en_US" if "en_US" in supported else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            en = holidays.country_holidays(region, subdiv=subdivision, years=year, language=english)
            local = holidays.country_holidays(region, subdiv=subdivision, years=year, language=language)
        except (NotImplementedError, ValueError, KeyError):  # a subdivision or year it cannot name
            return {}
    return {en[day]: local[day] for day in en if day in local}


def _holiday(name: str, calendar: object, year: int, loc: str) -> str | None:
    region = str(getattr(calendar, "region", ""))
    subdivision = getattr(calendar, "subdivision", None)
    subdivision = subdivision if isinstance(subdivision, str) else None
    for y in (year, year - 1, year + 1):
        found = _names(region, subdivision, y, loc).get(name)
        if found is not None:
            return found
    parts = [p.strip() for p in name.split(";")]
    if len(parts) > 1:
        translated = [_holiday(p, calendar, year, loc) for p in parts]
        if all(translated):
            return "；".join(t for t in translated if t)
    return None


def day_name_text(info: DayInfo, *, calendar: object, locale: str = "en") -> str | None:
    """The name of a day (its holiday, or why it is a make-up working day) in ``locale``.

    English is :attr:`DayInfo.name` itself. A name ``holidays`` does not translate, an agency
    closure's reason and a notice's own words stay as they are.

    Raises:
        InvalidInputError: not a :class:`DayInfo` or calendar; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if not isinstance(info, DayInfo):
        raise InvalidInputError(f"info must be a DayInfo (got {brief(info)}).")
    region = getattr(calendar, "region", None)
    if not isinstance(region, str):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
    if loc == "en" or not info.name:
        return info.name
    base, _, cited = info.name.partition(", per ")
    year = info.day.year
    text = _holiday(base, calendar, year, loc)
    if text is None and base.startswith("for "):
        festival = _holiday(base[4:], calendar, year, loc) or base[4:]
        text = gettext("{festival} make-up working day", loc).format(festival=festival)
    elif text is None and base == "swapped with a day off":
        text = gettext("swapped with a day off", loc)
    if text is None:
        text = base
    return text + (gettext(", per {source}", loc).format(source=cited) if cited else "")


def describe_day_text(info: DayInfo, *, calendar: object, locale: str = "en") -> str:
    """:meth:`DayInfo.describe` in ``locale``: ``2025年10月1日 周三 法定节假日（国庆节）``.

    Raises:
        InvalidInputError: not a :class:`DayInfo` or calendar; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if loc == "en":
        if not isinstance(info, DayInfo):
            raise InvalidInputError(f"info must be a DayInfo (got {brief(info)}).")
        return info.describe()
    name = day_name_text(info, calendar=calendar, locale=loc)
    text = f"{format_day(info.day, loc)} {day_kind_text(info.kind, loc)}"
    if name:
        text += f"（{name}）"
    if info.provisional:
        text += gettext(" [provisional]", loc)
    return text


def _span(days: list[date]) -> str:
    first, last = days[0], days[-1]
    text = f"{first.month}月{first.day}日"
    return text + (f"–{last.month}月{last.day}日" if last != first else "")


def _skipped(calendar: WorkCalendar, a: date, b: date, loc: str) -> str | None:
    off = days_off_between(a, b, calendar=calendar)
    if not off:
        return None
    names = list(
        dict.fromkeys(
            n for n in (day_name_text(i, calendar=calendar, locale=loc) for i in off if i.name) if n
        )
    )
    label = "、".join(names) or gettext("days off", loc)
    text = gettext("after {names} {span}", loc) if b > a else gettext("before {names} {span}", loc)
    return text.format(names=label, span=_span([i.day for i in off]))


def explanation_text(explanation: Explanation, *, calendar: WorkCalendar, locale: str = "en") -> str:
    """Why a computed date is what it is, one line in ``locale`` (English: :attr:`Explanation.line`).

    >>> from datetime import date
    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> cal = WorkCalendar("CN")
    >>> print(explanation_text(cal.explain(date(2025, 9, 26), 2), calendar=cal, locale="zh_CN"))
    第0天 9月26日 周五；第1个工作日 9月28日 周日（调休上班：国庆节调休）；第2个工作日 9月29日 周一

    Raises:
        InvalidInputError: not an :class:`Explanation` or calendar; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if not isinstance(explanation, Explanation):
        raise InvalidInputError(f"explanation must be an Explanation (got {brief(explanation)}).")
    if not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(f"calendar must be a WorkCalendar (got {brief(calendar)}).")
    if loc == "en":
        return explanation.line
    parts: list[str] = []
    previous: date | None = None
    for step in explanation.steps:
        info = calendar.day_kind(step.day)
        if step.label == "from":
            label = gettext("received on", loc)
        elif step.label == "day 0":
            label = gettext("day 0", loc)
        elif step.label == "roll":
            label = gettext("moved to", loc)
        elif step.label.startswith("-") and step.label[1:].isdigit():
            label = gettext("working day {n} back", loc).format(n=step.label[1:])
        elif step.label.lstrip("+-").isdigit():
            label = gettext("working day {n}", loc).format(n=step.label.lstrip("+"))
        else:
            label = step.label
        notes: list[str] = []
        if info.kind is not DayKind.WORKING:
            name = day_name_text(info, calendar=calendar, locale=loc)
            notes.append(day_kind_text(info.kind, loc) + (f"：{name}" if name else ""))
        if previous is not None and step.label not in ("from", "day 0"):
            skipped = _skipped(calendar, previous, step.day, loc)
            if skipped:
                notes.append(skipped)
        text = f"{label} {format_short_day(step.day, loc)}"
        if notes:
            text += "（" + "；".join(notes) + "）"
        parts.append(text)
        if step.label != "from":
            previous = step.day
    line = "；".join(parts)
    return line + gettext(" [provisional]", loc) if explanation.provisional else line


def check_text(
    info: DayInfo, previous: date, following: date, *, calendar: WorkCalendar, locale: str = "en"
) -> str:
    """What a day is, and the working days either side (the command line's ``check``).

    >>> from adservice.calendar.workcalendar import WorkCalendar
    >>> cal = WorkCalendar("CN")
    >>> d = date(2025, 10, 1)
    >>> print(check_text(cal.day_kind(d), cal.previous_working_day(d), cal.next_working_day(d),
    ...                  calendar=cal, locale="zh_CN"))
    2025年10月1日 周三 法定节假日（国庆节）：非工作日。
    上一个工作日2025年9月30日 周二；下一个工作日2025年10月9日 周四

    Raises:
        InvalidInputError: not a :class:`DayInfo`, dates or a calendar; UnknownLocaleError: an unknown locale.
    """
    loc = normalize_locale(locale)
    if not all(isinstance(d, date) for d in (previous, following)):
        raise InvalidInputError(f"previous and following must be dates (got {brief((previous, following))}).")
    verdict = (
        gettext("a working day", loc)
        if getattr(info, "is_working", False)
        else gettext("not a working day", loc)
    )
    text = gettext("{day}: {verdict}.\nprevious working day {previous}; next working day {next}", loc)
    return text.format(
        day=describe_day_text(info, calendar=calendar, locale=loc),
        verdict=verdict,
        previous=format_day(previous, loc),
        next=format_day(following, loc),
    )
