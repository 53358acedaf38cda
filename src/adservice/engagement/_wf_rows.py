"""The engagement table's rows for issue 11 §5–§7: TV production, estimates, meeting records, routines.

:func:`workflow_rows` gives the :class:`~adservice.kernel.table.Action` rows (what each event carries,
who records it, whether a document proves it) and the :class:`~adservice.kernel.table.Gate` rows
(each requirement with the rule whose text it enforces) that :mod:`adservice.engagement.table`
adds to the one engagement table. These gates guard records, not stage changes: their handlers
(:mod:`adservice.engagement._wf_handlers`) check them with a :class:`Ctx` (the engagement and the
event's payload), and a rule the rulebook disables removes exactly its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from adservice.kernel.table import Action, Gate
from adservice.kernel.table import Field as F  # noqa: N817 - the schema rows read as a table

__all__ = [
    "ASPECTS",
    "CADENCES",
    "MEETING_FIELDS",
    "RELEASES",
    "REPORTS",
    "ROUTINES",
    "TVC_ITEMS",
    "TVC_STEPS",
    "Ctx",
    "workflow_rows",
]

#: The production steps the client approves in writing, in order (P1, H2).
TVC_STEPS = ("script", "storyboard", "offline", "online")
#: What the final pre-production meeting freezes (G9, H2 "在最后一次PPM上通过的内容在拍摄过程中不能更改").
ASPECTS = ("script", "cast", "shooting_plan")
#: The documents signed before a shoot (G9, H2 "模特租借表格", "合法的版权和审批合格证明").
RELEASES = ("model_release", "clearances")
#: The turnaround items that are TV commercial production (T6).
TVC_ITEMS = ("tvc_production", "tvc_film")
#: The 5W1H of a meeting notice (M1, H3 "5W1H原则"), in the payload's order.
MEETING_FIELDS = ("what", "why", "who", "where", "when", "how")
#: Written meeting records (M2): the meeting report (O2) and the contact report (O3).
REPORTS = ("minutes", "contact_report")
#: Routines agreed with the client and their rules: regular meetings (O14), payment reconciliation (O16).
ROUTINES = {"client_meetings": "O14", "payment_reconciliation": "O16"}
#: The cadences a routine may be agreed at (H3 "每周一次, 隔周或每月一次").
CADENCES = ("weekly", "fortnightly", "monthly")

_W5H1 = {
    "what": "what the meeting is about (What 会议主题)",
    "why": "what must be confirmed (What 需要确认的事项)",
    "who": "who attends (Who 参加会议的人员)",
    "where": "where (Where 会议地点)",
    "when": "when it starts (When 会议时间)",
    "how": "how it runs (How To 会议流程)",
}


@attrs.frozen
class Ctx:
    """What a record's requirement row is checked against: the engagement and the event's payload."""

    e: Any
    p: dict[str, Any]


def _filled(key: str) -> Callable[[Ctx], bool]:
    return lambda c: isinstance(c.p.get(key), str) and bool(c.p[key].strip())


def _tvc(c: Ctx) -> Any:
    return c.p.get("prod")  # the handler's lookup: the job's production, new for a TV job order


def _approved(step: str) -> Callable[[Ctx], bool]:
    return lambda c: (t := _tvc(c)) is not None and step in t.approved


def _frozen_text(c: Ctx) -> str:
    t = _tvc(c)
    when = "" if t is None or t.final_ppm_at is None else f" on {t.final_ppm_at:%Y-%m-%d}"
    return f"no change to the script, cast or shooting plan after the final pre-production meeting{when}"


def _released(doc: str) -> Callable[[Ctx], bool]:
    return lambda c: (t := _tvc(c)) is not None and doc in t.releases


def _estimate(c: Ctx) -> Any:
    return c.p.get("est")


def _unsigned_estimates(c: Ctx) -> list[str]:
    return [
        j for j in c.p.get("scope", ()) if (est := c.e._wf_get("estimates").get(j)) is None or not est.signed
    ]


def _estimates_text(c: Ctx) -> str:
    jobs = ", ".join(_unsigned_estimates(c))
    return (
        f"a cost estimate approved by the responsible manager and signed by the client for job orders {jobs}"
    )


def _actions_text(c: Ctx) -> str:
    bad = c.p.get("bad_actions", ())
    return f"an owner and a due date (YYYY-MM-DD) for each action: {', '.join(bad)}"


def workflow_rows(stage: Any) -> tuple[tuple[Action, ...], tuple[Gate, ...]]:
    """The §5–§7 rows, given the table's ``Stage`` enum (the rows name its members).

    >>> import enum
    >>> S = enum.Enum("S", {n.upper(): n for n in ("brief", "creative", "approval", "media_booking",
    ...     "post_analysis", "contract", "intent", "pitch")}, type=str)
    >>> actions, gates = workflow_rows(S)
    >>> sorted({g.rule_id for g in gates})
    ['E1', 'E2', 'G9', 'M1', 'M2', 'M3', 'P1', 'P2']

    Raises:
        AttributeError: ``stage`` lacks a stage the rows name (a defect caught at import).
    """
    s = stage
    prod = (s.CREATIVE, s.APPROVAL, s.MEDIA_BOOKING)
    money = (s.BRIEF, s.CREATIVE, s.APPROVAL, s.MEDIA_BOOKING)
    live = (s.INTENT, s.PITCH, s.CONTRACT, s.BRIEF, s.CREATIVE, s.APPROVAL, s.MEDIA_BOOKING, s.POST_ANALYSIS)
    job = F("job", "text")
    actions = (
        # §5 TV commercials (P1, P2, G9)
        Action("hold_ppm", prod, None, False, (job, F("final", "bool"), F("agreed", "str")), "P2", "a PPM"),
        Action(
            "change_production",
            prod,
            None,
            False,
            (job, F("aspect", "text", choices=ASPECTS), F("change", "text")),
            "G9",
            "a change to the script, cast or shooting plan",
        ),
        Action(
            "sign_release",
            prod,
            None,
            True,
            (job, F("document", "text", choices=RELEASES)),
            "G9",
            "a model release or clearance",
        ),
        Action("shoot", prod, "agency", False, (job,), "P2", "the shoot"),
        Action(
            "approve_production",
            prod,
            "client",
            True,
            (job, F("step", "text", choices=TVC_STEPS)),
            "P1",
            "the client's approval of a production step",
        ),
        # §6 estimates (E1, E2)
        Action(
            "submit_estimate",
            money,
            "agency",
            False,
            (job, F("estimate", "text"), F("amount", "int", minimum=0), F("quantities", "object")),
            "E1",
            "a cost estimate",
        ),
        Action(
            "approve_estimate",
            money,
            "agency",
            False,
            (job, F("role", "text")),
            "E1",
            "approving an estimate",
        ),
        Action("sign_estimate", money, "client", True, (job,), "E1", "the client's signature on an estimate"),
        # §7 meetings (M1-M3, O10) and routines (O14, O16)
        Action(
            "schedule_meeting",
            live,
            "agency",
            False,
            (F("ref", "text"), *(F(k, "str") for k in MEETING_FIELDS)),
            "M1",
            "a meeting notice",
        ),
        Action("send_agenda", live, "agency", False, (F("ref", "text"),), "O10", "the meeting agenda"),
        Action("reconfirm_meeting", live, "agency", False, (F("ref", "text"),), "O10", "the reconfirmation"),
        Action(
            "record_minutes",
            live,
            "agency",
            True,
            (
                F("ref", "text"),
                F("report", "text", choices=REPORTS),
                F("decisions", "texts"),
                F("actions", "object"),
                F("distribution", "texts"),
            ),
            "M2",
            "the meeting report",
        ),
        Action("confirm_minutes", live, "client", True, (F("ref", "text"),), "M3", "confirming the minutes"),
        Action(
            "agree_routine",
            live,
            None,
            False,
            (
                F("routine", "text", choices=tuple(ROUTINES)),
                F("cadence", "text", choices=CADENCES),
                F("first", "text"),
            ),
            "O14",
            "agreeing a routine with the client",
        ),
    )
    tvc_job = Gate(
        "tvc_job",
        "P1",
        "a TV production job order (item tvc_production or tvc_film)",
        "agency",
        lambda c: _tvc(c) is not None,
    )
    gates = (
        tvc_job,
        *(
            Gate(
                f"{step}_approved",
                "P1",
                f"the client's written approval of the {step}",
                "client",
                _approved(step),
            )
            for step in ("script", "storyboard", "offline")
        ),
        Gate(
            "shot",
            "P1",
            "the shoot, before the offline edit goes to the client",
            "agency",
            lambda c: (t := _tvc(c)) is not None and t.shot_at is not None,
        ),
        Gate(
            "final_ppm",
            "P2",
            "the final pre-production meeting (PPM), discussed through",
            "agency",
            lambda c: (t := _tvc(c)) is not None and t.final_ppm_at is not None,
        ),
        Gate(
            "not_frozen",
            "G9",
            _frozen_text,
            "agency",
            lambda c: (t := _tvc(c)) is None or t.final_ppm_at is None,
        ),
        Gate(
            "model_release",
            "G9",
            "the signed model release (模特租借表格)",
            "client",
            _released("model_release"),
        ),
        Gate(
            "clearances",
            "G9",
            "the legal clearances and approvals (合法的版权和审批合格证明)",
            "client",
            _released("clearances"),
        ),
        Gate(
            "estimate_submitted",
            "E1",
            "a cost estimate for the job order",
            "agency",
            lambda c: _estimate(c) is not None,
        ),
        Gate(
            "estimate_approver",
            "E1",
            "approval by the responsible manager (负责人员签字通过)",
            "agency",
            lambda c: bool(c.p.get("approver_ok")),
        ),
        Gate(
            "estimate_approved",
            "E1",
            "the estimate approved by the responsible manager before the client signs it",
            "agency",
            lambda c: (est := _estimate(c)) is not None and est.approved_by is not None,
        ),
        Gate("estimates_signed", "E1", _estimates_text, "client", lambda c: not _unsigned_estimates(c)),
        Gate(
            "written_change",
            "E2",
            "the client's written change (a document id) for new quantities after media are booked",
            "client",
            lambda c: c.p.get("written") is not None,
        ),
        *(Gate(f"meeting_{k}", "M1", text, "agency", _filled(k)) for k, text in _W5H1.items()),
        Gate(
            "meeting_held",
            "M2",
            "the meeting held (recorded with its ref) before its report",
            "agency",
            lambda c: (
                (m := c.e._wf_get("meetings").get(c.p.get("ref"))) is not None and m.held_at is not None
            ),
        ),
        Gate("actions_complete", "M2", _actions_text, "agency", lambda c: not c.p.get("bad_actions")),
        Gate(
            "minutes_recorded",
            "M3",
            "the meeting report, before the client confirms it",
            "agency",
            lambda c: (
                (m := c.e._wf_get("meetings").get(c.p.get("ref"))) is not None and m.minutes is not None
            ),
        ),
    )
    return actions, gates
