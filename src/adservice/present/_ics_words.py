"""iCalendar event titles in the reader's language (the events themselves are language-neutral)."""

from __future__ import annotations

import re

from adservice.i18n import N_, gettext, normalize_locale
from adservice.present._vocab import phrase
from adservice.rulebook.turnaround import STANDARD_TURNAROUND

__all__ = ["event_summary", "provisional_note"]

_BY_NAME = {t.name: t for t in STANDARD_TURNAROUND.values()}
_JOB = r"(?P<job>\S+-\S+ )?"
_PATTERNS = (
    (
        re.compile(rf"^{_JOB}client sign-off of (?P<name>.+) expected \(G3\)$"),
        "client sign-off of {name} expected",
    ),
    (
        re.compile(rf"^{_JOB}latest written work order for (?P<name>\S+) \((?P<rule>\w+)\)$"),
        "latest written work order for {name}",
    ),
    (re.compile(rf"^{_JOB}(?P<name>.+) due at the latest \((?P<rule>\w+)\)$"), "{name} due at the latest"),
    (re.compile(rf"^{_JOB}(?P<name>.+) due \(rush accepted, T8\)$"), "{name} due (rush accepted)"),
    (
        re.compile(rf"^{_JOB}(?P<name>.+), revision (?P<n>\d+) due \((?P<rule>\w+)\)$"),
        "{name}, revision {n} due",
    ),
    (re.compile(rf"^{_JOB}(?P<name>.+) due \((?P<rule>\w+)\)$"), "{name} due"),
    (re.compile(r"^(?P<job>)(?P<name>.+) at the latest(?: \((?P<rule>\w+)\))?$"), "{name} at the latest"),
)
_DUTY = re.compile(r"^(?P<rule>[A-Z]+\d+) (?P<what>.+)$")
_ROUND = re.compile(r", round (\d+)")


def _name(text: str, loc: str) -> str:
    item = (
        _BY_NAME.get(text) or STANDARD_TURNAROUND.get(text) or STANDARD_TURNAROUND.get(text.replace(" ", "_"))
    )
    return item.name_in(loc) if item is not None else phrase(text, loc)


def _base(title: str, loc: str) -> str:
    found = gettext(title, loc)
    if found != title:
        return found
    for pattern, key in _PATTERNS:
        match = pattern.match(title)
        if match:
            rule = match.groupdict().get("rule") or ("G3" if "sign-off" in key else "")
            rule = rule or ("T8" if "rush" in key else "")
            text = _TEXTS[key](loc).format(name=_name(match["name"], loc), n=match.groupdict().get("n"))
            return (match["job"] or "") + text + (f"（{rule}）" if rule else "")
    match = _DUTY.match(title)
    if match:
        return f"{match['rule']} {phrase(match['what'], loc)}"
    return title


def event_summary(summary: str, locale: str) -> str:
    """An event title written by :func:`adservice.present.ics.deadlines`, in ``locale``.

    English is the title itself; a title of a form not known here is left as written.
    """
    loc = normalize_locale(locale)
    if loc == "en":
        return summary
    title, late = summary, ""
    if title.endswith(" — done late"):
        title, late = title[: -len(" — done late")], " — " + gettext("done late", loc)
    title, sep, whose = title.rpartition(" — ") if " — " in title else (title, "", "")
    if sep:
        whose = _ROUND.sub(lambda m: gettext(", round {n}", loc).format(n=m[1]), whose)
    return _base(title, loc) + (f" — {whose}" if sep else "") + late


_TEXTS = {
    "client sign-off of {name} expected": lambda loc: gettext("client sign-off of {name} expected", loc),
    "latest written work order for {name}": lambda loc: gettext("latest written work order for {name}", loc),
    "{name} due at the latest": lambda loc: gettext("{name} due at the latest", loc),
    "{name} due (rush accepted)": lambda loc: gettext("{name} due (rush accepted)", loc),
    "{name}, revision {n} due": lambda loc: gettext("{name}, revision {n} due", loc),
    "{name} due": lambda loc: gettext("{name} due", loc),
    "{name} at the latest": lambda loc: gettext("{name} at the latest", loc),
}


def provisional_note(locale: str) -> str:
    """The line an event with a provisional date carries."""
    return gettext("\n[provisional: this year's official holidays are not yet announced]", locale)


def _markers() -> tuple[str, ...]:
    """Titles :func:`event_summary` finds whole in the catalogs."""
    return (N_("placement starts"), N_("materials to the media at the latest"), N_("execution report"))
