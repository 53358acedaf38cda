"""The words of the values renderers show, marked for the catalogs (stages, events, documents...).

Values stay language-neutral (``"media_booking"``, ``"sign_off"``); a renderer shows them in
the reader's language with :func:`word`. English shows the value itself, so English output is
what it always was. The Chinese comes from the handbooks (see ``locales/*/LC_MESSAGES``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from adservice.i18n import N_, NP_, format_day, format_short_day, gettext, normalize_locale, pgettext
from adservice.rulebook.turnaround import STANDARD_TURNAROUND

__all__ = ["CONTEXTS", "actor_words", "because_words", "item_name", "phrase", "value_words", "word"]

#: Each context's words, as the values spell them.
CONTEXTS: dict[str, tuple[str, ...]] = {
    "stage": (
        NP_("stage", "intent"),
        NP_("stage", "pitch"),
        NP_("stage", "contract"),
        NP_("stage", "brief"),
        NP_("stage", "creative"),
        NP_("stage", "approval"),
        NP_("stage", "media_booking"),
        NP_("stage", "post_analysis"),
        NP_("stage", "closed"),
        NP_("stage", "lost"),
        NP_("stage", "cancelled"),
        NP_("stage", "on_hold"),
    ),
    "event": (
        NP_("event", "start_pitch"),
        NP_("event", "win"),
        NP_("event", "lose"),
        NP_("event", "start_brief"),
        NP_("event", "start_creative"),
        NP_("event", "submit_for_approval"),
        NP_("event", "request_revision"),
        NP_("event", "start_media_booking"),
        NP_("event", "start_post_analysis"),
        NP_("event", "close"),
        NP_("event", "cancel"),
        NP_("event", "hold"),
        NP_("event", "resume"),
        NP_("event", "receive_invitation"),
        NP_("event", "record"),
        NP_("event", "assign"),
        NP_("event", "assign_team"),
        NP_("event", "approve_quote"),
        NP_("event", "submit_quote"),
        NP_("event", "sign_contract"),
        NP_("event", "receive_briefing"),
        NP_("event", "agree_strategy"),
        NP_("event", "add_job_order"),
        NP_("event", "receive_work_order"),
        NP_("event", "sign_off"),
        NP_("event", "request_rush"),
        NP_("event", "decide_rush"),
        NP_("event", "deliver"),
        NP_("event", "meeting"),
        NP_("event", "confirm_schedule"),
        NP_("event", "book_media"),
        NP_("event", "receive_prepayment"),
        NP_("event", "approve_fee_list"),
        NP_("event", "place"),
        NP_("event", "report_execution"),
        NP_("event", "submit_step"),
        NP_("event", "approve_step"),
        NP_("event", "refuse_step"),
        NP_("event", "agree_routine"),
        NP_("event", "approve_estimate"),
        NP_("event", "approve_production"),
        NP_("event", "change_production"),
        NP_("event", "confirm_minutes"),
        NP_("event", "hold_ppm"),
        NP_("event", "reconfirm_meeting"),
        NP_("event", "record_minutes"),
        NP_("event", "schedule_meeting"),
        NP_("event", "send_agenda"),
        NP_("event", "shoot"),
        NP_("event", "sign_estimate"),
        NP_("event", "sign_release"),
        NP_("event", "submit_estimate"),
    ),
    "document": (
        NP_("document", "invitation"),
        NP_("document", "question_list"),
        NP_("document", "meeting_minutes"),
        NP_("document", "internal_briefing"),
        NP_("document", "contract"),
        NP_("document", "project_plan"),
        NP_("document", "client_briefing"),
        NP_("document", "work_briefing"),
        NP_("document", "strategy"),
        NP_("document", "work_order"),
        NP_("document", "internal_review"),
        NP_("document", "schedule_confirmation"),
        NP_("document", "booking"),
        NP_("document", "prepayment"),
        NP_("document", "fee_list"),
        NP_("document", "monitoring"),
        NP_("document", "post_campaign_analysis"),
    ),
    "deliverable": (
        NP_("deliverable", "media_plan"),
        NP_("deliverable", "creative"),
        NP_("deliverable", "quote"),
    ),
    "role": (
        NP_("role", "ae"),
        NP_("role", "strategist"),
        NP_("role", "copywriter"),
        NP_("role", "art_director"),
        NP_("role", "project_director"),
        NP_("role", "senior_strategist"),
        NP_("role", "senior_ae"),
        NP_("role", "department_manager"),
    ),
    "field": (
        NP_("field", "about"),
        NP_("field", "accept"),
        NP_("field", "call"),
        NP_("field", "changes"),
        NP_("field", "creative_brief"),
        NP_("field", "deliverable"),
        NP_("field", "description"),
        NP_("field", "document"),
        NP_("field", "end"),
        NP_("field", "item"),
        NP_("field", "job"),
        NP_("field", "jobs"),
        NP_("field", "note"),
        NP_("field", "number"),
        NP_("field", "placement"),
        NP_("field", "quote"),
        NP_("field", "reason"),
        NP_("field", "requested_due"),
        NP_("field", "role"),
        NP_("field", "round"),
        NP_("field", "start"),
        NP_("field", "person"),
        NP_("field", "step"),
        NP_("field", "actions"),
        NP_("field", "agreed"),
        NP_("field", "amount"),
        NP_("field", "aspect"),
        NP_("field", "cadence"),
        NP_("field", "change"),
        NP_("field", "decisions"),
        NP_("field", "distribution"),
        NP_("field", "estimate"),
        NP_("field", "final"),
        NP_("field", "first"),
        NP_("field", "how"),
        NP_("field", "quantities"),
        NP_("field", "ref"),
        NP_("field", "report"),
        NP_("field", "routine"),
        NP_("field", "what"),
        NP_("field", "when"),
        NP_("field", "where"),
        NP_("field", "who"),
        NP_("field", "why"),
    ),
    "rush outcome": (
        NP_("rush outcome", "accept"),
        NP_("rush outcome", "accept_with_warning"),
        NP_("rush outcome", "may_decline"),
        NP_("rush outcome", "infeasible"),
    ),
    "treatment": (
        NP_("treatment", "priority attention (优先关注)"),
        NP_("treatment", "actively maintain and develop (积极维护和发展)"),
        NP_("treatment", "keep the relationship stable (保持稳定的客户关系)"),
        NP_("treatment", "fine-grained management to raise the client's value (精细管理提高客户价值)"),
    ),
    "party": (
        NP_("party", "client"),
        NP_("party", "agency"),
    ),
    "cadence": (
        NP_("cadence", "weekly"),
        NP_("cadence", "fortnightly"),
        NP_("cadence", "monthly"),
    ),
}


def word(context: str, value: str, locale: str) -> str:
    """``value`` (a stage, an event kind, a document...) in ``locale``; English is ``value`` itself."""
    return pgettext(context, value, locale)


_RULE = re.compile(r"^(?P<text>.*) \((?P<rule>[A-Z]+[0-9]+)\)$")
_LIST = re.compile(r"^(?P<head>.*?)(?P<sep>: | for job orders | for placement rounds )(?P<tail>[^:]*)$")


def phrase(text: str, locale: str) -> str:
    """A phrase a lower layer wrote in English (a requirement, a duty, a next action) in ``locale``.

    Whole phrases come from the catalogs; ``"... (G4)"`` keeps its rule id; ``"...; next duty:
    ..."`` is translated part by part; a list after a colon keeps its items (job numbers,
    deliverables). A phrase the catalogs lack is shown as written.
    """
    loc = normalize_locale(locale)
    if loc == "en":
        return text
    found = gettext(text, loc)
    if found != text:
        return found
    if "; next duty: " in text:
        first, _, duty = text.partition("; next duty: ")
        return gettext("{action}; next duty: {duty}", loc).format(
            action=phrase(first, loc), duty=phrase(duty, loc)
        )
    match = _RULE.match(text)
    if match:
        return f"{phrase(match['text'], loc)}（{match['rule']}）"
    job_words = _job_phrase(text, loc)
    if job_words is not None:
        return job_words
    for pattern, key in (
        (r"^ready to (.+)$", "ready to {what}"),
        (r"^resume from hold \((.+)\)$", "resume from hold ({reason})"),
        (r"^weekly meeting \((\d+) min\)$", "weekly meeting ({minutes} min)"),
        (r"^execution report of round (\d+)$", "execution report of round {n}"),
        (r"^return visit after delivering (.+)$", "return visit after delivering {job}"),
        (r"^meeting notice \(5W1H\): (.+)$", "meeting notice (5W1H): {about}"),
        (r"^meeting agenda to the client: (.+)$", "meeting agenda to the client: {about}"),
        (r"^phone reconfirmation before departure: (.+)$", "phone reconfirmation before departure: {about}"),
    ):
        m = re.match(pattern, text)
        if m:
            value = m[1]
            if key == "ready to {what}":
                return gettext(key, loc).format(what=word("event", value.replace(" ", "_"), loc))
            name = key[key.index("{") + 1 : key.index("}")]
            return gettext(key, loc).format(**{name: value})
    head, sep, tail = text.partition(": ")
    key = head + ":"
    if sep and gettext(key, loc) != key:
        items = [word("deliverable", x.strip(), loc) for x in tail.split(", ")]
        return gettext(key, loc) + "、".join(items)
    match = _LIST.match(text)
    if match:
        head = gettext(match["head"] + match["sep"].rstrip(), loc)
        if head != match["head"] + match["sep"].rstrip():
            items = [word("deliverable", x.strip(), loc) for x in match["tail"].split(",")]
            return head + "、".join(items)
    return text


_ITEM_BY_NAME = {item.name: key for key, item in STANDARD_TURNAROUND.items()}
_DONE_LATE = re.compile(
    r"^(?P<what>.+) done late "
    r"\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<day>\d{4}-\d\d-\d\d) (?P<time>\d\d:\d\d)\)$"
)
_STEP = re.compile(
    r"^(?:the client's written approval of (?P<approval>\w+)"
    r"|(?P<submit>\w+) to the client for written approval)$"
)
_ROUTINE = re.compile(
    r"^(?:regular client (?P<what>meeting)|payment reconciliation list) "
    r"\((?P<cadence>weekly|fortnightly|monthly)\)$"
)
_DELIVER = re.compile(r"^deliver the (?P<name>.+?)(?: \(revision (?P<n>\d+)\))?$")


def _job_phrase(text: str, loc: str) -> str | None:
    """A job's next action or a duty done late (the status report's words), or ``None``.

    A standard item or step is named in ``loc``; an agency's own item keeps the name it was given.
    """
    m = _ROUTINE.match(text)
    if m:
        key = (
            "regular client meeting ({cadence})"
            if m["what"] == "meeting"
            else "payment reconciliation list ({cadence})"
        )
        return gettext(key, loc).format(cadence=word("cadence", m["cadence"], loc))
    m = _DONE_LATE.match(text)
    if m:
        when = f"{format_day(date.fromisoformat(m['day']), loc)} {m['time']}"
        return gettext("{what} done late ({when})", loc).format(what=phrase(m["what"], loc), when=when)
    m = _DELIVER.match(text)
    if m and m["name"] in _ITEM_BY_NAME:
        item = item_name(_ITEM_BY_NAME[m["name"]], loc)
        if m["n"] is None:
            return gettext("deliver the {item}", loc).format(item=item)
        return gettext("deliver the {item} (revision {n})", loc).format(item=item, n=m["n"])
    m = _STEP.match(text)
    if m:
        step = m["approval"] or m["submit"]
        if step in STANDARD_TURNAROUND:
            key = (
                "the client's written approval of {step}"
                if m["approval"]
                else "{step} to the client for written approval"
            )
            return gettext(key, loc).format(step=item_name(step, loc))
    return None


def _markers() -> tuple[str, ...]:
    """Phrases only :func:`phrase` composes (the rest are marked where they are written)."""
    return (
        N_("{action}; next duty: {duty}"),
        N_("ready to {what}"),
        N_("resume from hold ({reason})"),
        N_("execution report of round {n}"),
        N_("weekly meeting ({minutes} min)"),
        N_("return visit after delivering {job}"),
        N_("meeting notice (5W1H): {about}"),
        N_("the client's written approval of {step}"),
        N_("regular client meeting ({cadence})"),
        N_("payment reconciliation list ({cadence})"),
        N_("{step} to the client for written approval"),
        N_("meeting agenda to the client: {about}"),
        N_("phone reconfirmation before departure: {about}"),
        N_("the client's written sign-off of:"),
        N_("the client's written approval of each production step before the next one starts"),
        N_("the client's written approval of each production step before the next one starts:"),
        N_("every revision job order delivered before the work goes back to the client"),
        N_("every revision job order delivered before the work goes back to the client:"),
        N_("a complete work description and a clear creative brief for job orders"),
        N_("an execution report for placement rounds"),
        N_("done"),
        N_("waiting on the client (on hold)"),
        N_("the client's written sign-off"),
        N_("waiting on the client"),
    )


def item_name(key: str, locale: str) -> str:
    """A turnaround item's name in ``locale`` (English: its key, as the tables always showed it)."""
    loc = normalize_locale(locale)
    item = STANDARD_TURNAROUND.get(key)
    if loc == "en" or item is None:
        return key
    return item.name_in(loc)


def actor_words(actor: str, loc: str) -> str:
    """``"client:Name"`` with the party in ``loc``."""
    party, sep, name = actor.partition(":")
    if loc == "en" or not sep or party not in ("client", "agency"):
        return actor
    colon = gettext(": ", loc)
    return f"{word('party', party, loc)}{colon}{name}"


def value_words(key: str, value: Any, loc: str) -> str:
    """A payload value in ``loc``: documents, deliverables, roles, items and chain steps, days, yes/no."""
    if loc == "en":
        return str(value)
    if isinstance(value, bool):
        return gettext("yes", loc) if value else gettext("no", loc)
    if isinstance(value, (list, tuple)):
        return "、".join(value_words(key, v, loc) for v in value)
    if isinstance(value, str) and key in ("document", "deliverable", "role"):
        return word(key, value, loc)
    if isinstance(value, str) and key in ("item", "step"):
        return item_name(value, loc)
    if isinstance(value, date) or (isinstance(value, str) and len(value) == 10 and value[4:5] == "-"):
        try:
            return format_short_day(value if isinstance(value, date) else date.fromisoformat(value), loc)
        except ValueError:
            return str(value)
    return str(value)


_DAY = r"\w{3} (\d{4}-\d{2}-\d{2})"
_BECAUSE = (
    (
        re.compile(rf"^(meeting|important call) ended {_DAY} (\d\d:\d\d), \+(\d+) hours elapsed(.*)$"),
        "meeting",
    ),
    (re.compile(rf"^(meeting|important call) ended {_DAY} (\d\d:\d\d), \+(\d+) business hours$"), "business"),
    (re.compile(rf"^placement round (\d+) ended {_DAY}, close of business, \+(\d+) hours elapsed$"), "round"),
)


def because_words(text: str, locale: str) -> str:
    """Why a duty is due when it is (``Due.because``) in ``locale``; other forms stay as written."""
    loc = normalize_locale(locale)
    if loc == "en":
        return text
    for pattern, kind in _BECAUSE:
        m = pattern.match(text)
        if m is None:
            continue
        if kind == "round":
            day = format_short_day(date.fromisoformat(m[2]), loc)
            return gettext("placement round {n} ended {day}, close of business, +{hours} hours", loc).format(
                n=m[1], day=day, hours=m[3]
            )
        what = gettext("meeting", loc) if m[1] == "meeting" else gettext("important call", loc)
        when = f"{format_short_day(date.fromisoformat(m[2]), loc)} {m[3]}"
        if kind == "business":
            text = gettext("{what} ended {when}, +{hours} business hours", loc)
        elif m[5]:
            text = gettext("{what} ended {when}, +{hours} hours, moved to the next working day if off", loc)
        else:
            text = gettext("{what} ended {when}, +{hours} hours", loc)
        return text.format(what=what, when=when, hours=m[4])
    return text
