"""The engagement lifecycle as one declarative table, validated when built (SPEC §6).

Three kinds of rows (see :mod:`adservice.kernel.table`): the stage changes (:data:`TRANSITIONS`), what every
event kind carries and who records it (:data:`ACTIONS`), and the requirements with the rule each one enforces
(:data:`GATES`). :data:`TABLE` builds them into one :class:`~adservice.kernel.table.MachineTable`, loaded into
the one shared :class:`transitions.Machine` (:data:`MACHINE`, ADR 0004). Adding a requirement is adding a row
to :data:`GATES` and its key to a move.

    >>> [g.rule_id for g in TABLE.citing("L6")]
    ['L6']
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from adservice._frozen import FrozenDict
from adservice.engagement import _steps as steps
from adservice.engagement._mermaid_i18n import localize_state_diagram
from adservice.engagement._wf_rows import workflow_rows
from adservice.i18n import N_, normalize_locale
from adservice.kernel.table import Action, Gate, MachineTable, Move
from adservice.kernel.table import Field as F  # noqa: N817 - the schema rows read as a table

__all__ = [
    "ACTIONS",
    "ACTIVE_STAGES",
    "DELIVERABLES",
    "DOC_BITS",
    "FINAL_STAGES",
    "FORWARD",
    "GATES",
    "LEAD_ROLES",
    "MACHINE",
    "NEXT",
    "PLAIN_DOCUMENTS",
    "ROLES",
    "TABLE",
    "TRANSITIONS",
    "TRIGGERS",
    "Stage",
    "TransitionSpec",
    "allowed_triggers",
    "lifecycle_mermaid",
]


class Stage(str, enum.Enum):
    """The stages of an engagement (SPEC §6); ``Engagement.stage`` is one of them.

    >>> Stage("pitch"), Stage.PITCH.value, Stage.PITCH == "pitch"
    (<Stage.PITCH: 'pitch'>, 'pitch', True)"""

    INTENT = "intent"
    PITCH = "pitch"
    CONTRACT = "contract"
    BRIEF = "brief"
    CREATIVE = "creative"
    APPROVAL = "approval"
    MEDIA_BOOKING = "media_booking"
    POST_ANALYSIS = "post_analysis"
    CLOSED = "closed"
    LOST = "lost"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"

    def __str__(self) -> str:
        return self.value


#: Stages with no way out.
FINAL_STAGES = frozenset({Stage.CLOSED, Stage.LOST, Stage.CANCELLED})
#: Stages an engagement can be put on hold from (and resume to), or cancelled from.
ACTIVE_STAGES = tuple(s for s in Stage if s not in FINAL_STAGES and s is not Stage.ON_HOLD)
#: Project-team roles (G7); one lead role is required besides the four members.
ROLES = ("ae", "strategist", "copywriter", "art_director")
LEAD_ROLES = ("project_director", "senior_strategist", "senior_ae")
#: Deliverables the client signs in writing before media booking (G3).
DELIVERABLES = ("media_plan", "creative", "quote")

#: A stage change row (the kernel's :class:`~adservice.kernel.table.Move`).
TransitionSpec = Move
_S = Stage
#: The lifecycle: every legal move, with the requirements (keys of :data:`GATES`) it checks.
TRANSITIONS: tuple[Move, ...] = (
    Move(
        "start_pitch",
        _S.INTENT,
        _S.PITCH,
        ("invitation", "team", "question_list", "meeting_minutes", "internal_briefing"),
        "invitation to bid + team",
    ),
    Move("win", _S.PITCH, _S.CONTRACT, ("quote_approved", "quote_submitted"), "pitch won"),
    Move("lose", _S.PITCH, _S.LOST, (), "pitch lost"),
    Move("start_brief", _S.CONTRACT, _S.BRIEF, ("contract", "team", "project_plan"), "contract signed"),
    Move(
        "start_creative",
        _S.BRIEF,
        _S.CREATIVE,
        ("client_briefing", "strategy", "job_orders", "job_orders_complete", "work_order", "work_briefing"),
        "strategy agreed, work order",
    ),
    Move(
        "submit_for_approval",
        _S.CREATIVE,
        _S.APPROVAL,
        ("internal_review", "steps_approved", "revisions_delivered"),
        "internal review passed",
    ),
    Move("request_revision", _S.APPROVAL, _S.CREATIVE, (), "client revisions (G5)"),
    Move(
        "start_media_booking", _S.APPROVAL, _S.MEDIA_BOOKING, ("all_signed_off",), "every deliverable signed"
    ),
    Move(
        "start_post_analysis",
        _S.MEDIA_BOOKING,
        _S.POST_ANALYSIS,
        ("schedule_confirmed", "booked", "prepaid", "fee_list", "placed"),
        "placed",
    ),
    Move("close", _S.POST_ANALYSIS, _S.CLOSED, ("execution_reports", "analysis"), "analysed"),
    *(Move("cancel", s, _S.CANCELLED, (), "cancelled") for s in (*ACTIVE_STAGES, _S.ON_HOLD)),
    *(Move("hold", s, _S.ON_HOLD, (), "client away") for s in ACTIVE_STAGES),
    *(Move("resume", _S.ON_HOLD, s, (), "back") for s in ACTIVE_STAGES),
)

#: Plain stage documents :meth:`Engagement.record` takes, and the stages each may be recorded in.
_PLAIN_DOCUMENTS: Mapping[str, tuple[Stage, ...]] = {
    "question_list": (Stage.INTENT,),
    "meeting_minutes": (Stage.INTENT, Stage.PITCH),
    "internal_briefing": (Stage.INTENT,),
    "project_plan": (Stage.CONTRACT,),
    "work_briefing": (Stage.BRIEF,),
    "internal_review": (Stage.CREATIVE,),
    "monitoring": (Stage.POST_ANALYSIS,),
    "post_campaign_analysis": (Stage.POST_ANALYSIS,),
}
PLAIN_DOCUMENTS: Mapping[str, tuple[Stage, ...]] = FrozenDict(_PLAIN_DOCUMENTS)  # read-only
#: Document name -> its bit in an engagement's document mask, in lifecycle order.
_DOCUMENTS_IN_ORDER = (
    "invitation", "question_list", "meeting_minutes", "internal_briefing", "contract", "project_plan",
    "client_briefing", "work_briefing", "strategy", "work_order", "internal_review",
    "schedule_confirmation", "booking", "prepayment", "fee_list", "monitoring", "post_campaign_analysis",
)  # fmt: skip
DOC_BITS: Mapping[str, int] = FrozenDict({name: 1 << i for i, name in enumerate(_DOCUMENTS_IN_ORDER)})

_ACT = ACTIVE_STAGES
_B, _C, _A, _M, _P = Stage.BRIEF, Stage.CREATIVE, Stage.APPROVAL, Stage.MEDIA_BOOKING, Stage.POST_ANALYSIS
_TEXT = F
_NONE: tuple[F, ...] = ()
#: Every event kind (equal to the method's name): stages, who acts, evidence, payload schema.
ACTIONS: tuple[Action, ...] = (
    *(
        Action(t, payload=_NONE)
        for t in (
            "start_pitch",
            "win",
            "lose",
            "start_brief",
            "start_creative",
            "submit_for_approval",
            "start_media_booking",
            "start_post_analysis",
            "close",
            "resume",
        )
    ),
    Action(
        "request_revision",
        (),
        "client",
        False,
        (F("changes", "text"), F("jobs", "names")),
        "G5",
        "a revision request",
    ),
    Action("cancel", payload=(F("reason", "text"),)),
    Action("hold", payload=(F("reason", "text"),)),
    Action("receive_invitation", (Stage.INTENT,), "client", True, _NONE, "L1", "the invitation to bid"),
    Action(
        "record",
        tuple(dict.fromkeys(s for stages in PLAIN_DOCUMENTS.values() for s in stages)),
        payload=(F("document", "text", choices=tuple(PLAIN_DOCUMENTS)),),
    ),
    Action(
        "assign",
        _ACT,
        "agency",
        False,
        (F("role", "text", choices=(*ROLES, *LEAD_ROLES)), F("person", "text")),
        "G7",
        "forming the project team",
    ),
    Action("assign_team", _ACT, "agency", False, None, "G7", "forming the project team"),
    Action(
        "approve_quote",
        (Stage.PITCH, _A),
        "agency",
        False,
        (F("quote", "text"), F("role", "str")),
        "G6",
        "approving a quote",
    ),
    Action(
        "submit_quote", (Stage.PITCH, _A), "agency", False, (F("quote", "text"),), "G6", "submitting a quote"
    ),
    Action("sign_contract", (Stage.CONTRACT,), "client", True, _NONE, "L2", "the contract"),
    Action(
        "receive_briefing", (_B,), None, False, (F("contents", "mapping"),), "L3", "the marketing briefing"
    ),
    Action("agree_strategy", (_B,), "client", True, _NONE, "G1", "the strategy"),
    Action(
        "add_job_order",
        (_B, _C, _A),
        "agency",
        False,
        (F("number", "text"), F("item", "text"), F("description", "str"), F("creative_brief", "str")),
        "G2",
        "opening a job order",
    ),
    Action(
        "receive_work_order", (_B, _C), "client", True, (F("jobs", "texts"),), "G3", "the written work order"
    ),
    Action(
        "sign_off",
        (_A,),
        "client",
        True,
        (F("deliverable", "text", choices=DELIVERABLES),),
        "G3",
        "a deliverable's sign-off",
    ),
    Action(
        "request_rush",
        (_B, _C, _A),
        "client",
        False,
        (F("job", "text"), F("requested_due", "date"), F("history", "instants")),
        "T8",
        "a rush request",
    ),
    Action(
        "decide_rush",
        (_B, _C, _A, _M),
        "agency",
        False,
        (F("job", "text"), F("accept", "bool"), F("note", "str")),
        "T8",
        "deciding on a rush request",
    ),
    Action("deliver", (_C, _A), "agency", False, (F("job", "text"),), "", "delivering work"),
    # Issue 11 §7 (workflows): a meeting may name its scheduled notice (``ref``); the handler takes
    # the old payload (about, call) and the new one (about, call, ref), so older logs still load.
    Action("meeting", _ACT, None, False, None),
    Action("confirm_schedule", (_M,), "client", True, _NONE, "G4", "the media schedule's confirmation"),
    Action("book_media", (_M,), "agency", False, (F("placement", "date"),), "L5", "booking media"),
    Action("receive_prepayment", (_M,), "client", True, _NONE, "G10", "the media prepayment"),
    Action("approve_fee_list", (_M,), "client", True, _NONE, "O7", "the fee list's approval"),
    Action(
        "place", (_M,), "agency", False, (F("start", "date"), F("end", "date")), "L5", "a placement round"
    ),
    *steps.STEP_ACTIONS,  # issue 11 §1: the client approves each production step in writing (G5)
    Action(
        "report_execution",
        (_M, _P),
        "agency",
        False,
        (F("round", "int", minimum=1),),
        "O5",
        "the execution report",
    ),
)

# -- issue 11 §5-§7 (workflows): TV production, estimates, meeting records, routines ----------------
# Rows built in adservice.engagement._wf_rows (record kinds and the requirement rows their handlers
# check, each citing its own rule: P1, P2, G9, E1, E2, M1-M3, O10, O14); kept in one block to merge.
_WF_ACTIONS, _WF_GATES = workflow_rows(Stage)
ACTIONS = (*ACTIONS, *_WF_ACTIONS)
# -- end of the workflows block -------------------------------------------------------------------

_ROLE_SET, _LEAD_SET = frozenset(ROLES), frozenset(LEAD_ROLES)


def _has_team(e: Any) -> bool:
    team = e._team.keys()
    return team >= _ROLE_SET and not team.isdisjoint(_LEAD_SET)


def _signed_all(e: Any) -> bool:
    signed = {e._log[o + 3][1] for o in e._signoffs}
    return signed.issuperset(e.deliverables_due())


def _unsigned(e: Any) -> str:
    signed = {e._log[o + 3][1] for o in e._signoffs}
    missing = [d for d in e.deliverables_due() if d not in signed]
    return f"the client's written sign-off of: {', '.join(missing)}"


def _incomplete(job: tuple[Any, ...]) -> bool:
    return not (job[2].strip() and job[3].strip())


def _incomplete_jobs(e: Any) -> str:
    bad = [j[0] for j in e._jobs if _incomplete(j)]
    return f"a complete work description and a clear creative brief for job orders {', '.join(bad)}"


def _reports_missing(e: Any) -> str:
    missing = [str(i) for i in range(1, len(e._placements) + 1) if not e.reported & 1 << (i - 1)]
    return f"an execution report for placement rounds {', '.join(missing)}"


_TEAM = N_("a project team with an AE, a strategist, a copywriter, an art director and a lead")
#: The requirements: key, the rule whose text it enforces, what it asks, whose move, its check
#: (a recorded document's name, or a predicate on the engagement).
GATES: tuple[Gate, ...] = (
    Gate(
        "invitation",
        "L1",
        N_("the client's invitation to bid and quote confirmation letter (邀请竞标及报价确认函)"),
        "client",
        "invitation",
    ),
    Gate("team", "G7", _TEAM, "agency", _has_team),
    Gate(
        "quote_approved",
        "G6",
        N_("a quote approved by the department manager"),
        "agency",
        lambda e: bool(e._quotes),
    ),
    Gate(
        "quote_submitted",
        "G6",
        N_("the approved quote submitted to the client"),
        "agency",
        lambda e: any(e._log[o + 2] == "submit_quote" for o in e._quotes),
    ),
    Gate("contract", "L2", N_("the signed contract"), "client", "contract"),
    Gate("project_plan", "G7", N_("the project plan set up right after signing"), "agency", "project_plan"),
    Gate("client_briefing", "L3", N_("the client's marketing briefing"), "client", "client_briefing"),
    Gate("strategy", "G1", N_("a strategy agreed with the client"), "client", "strategy"),
    Gate("job_orders", "G2", N_("at least one job order"), "agency", lambda e: bool(e._jobs)),
    Gate(
        "job_orders_complete",
        "G2",
        _incomplete_jobs,
        "agency",
        lambda e: not any(_incomplete(j) for j in e._jobs),
    ),
    Gate("work_order", "G3", N_("the client's written work order (书面工作布署单)"), "client", "work_order"),
    # -- issue 11 §1-§3: the intent phase's documents (H1), the work briefing (H3), step approvals
    #    (G5) and revision job orders (L11) --
    Gate(
        "question_list",
        "L7",
        N_("the question list returned by the client (问题清单)"),
        "client",
        "question_list",
    ),
    Gate(
        "meeting_minutes",
        "L8",
        N_("the intent phase's meeting minutes (客户会议纪要)"),
        "agency",
        "meeting_minutes",
    ),
    Gate("internal_briefing", "L9", N_("the internal briefing (内部通报会)"), "agency", "internal_briefing"),
    Gate(
        "work_briefing",
        "L10",
        N_("the internal work briefing, its schedule sent to the client (内部工作说明会, 工作进度表)"),
        "agency",
        "work_briefing",
    ),
    Gate("steps_approved", "G5", steps.unapproved_steps_text, "client", steps.steps_approved),
    Gate(
        "revisions_delivered",
        "L11",
        steps.undelivered_text,
        "agency",
        lambda e: not steps.undelivered_revisions(e),
    ),
    Gate(
        "internal_review",
        "L4",
        N_("the internal review by management before the work is shown to the client"),
        "agency",
        "internal_review",
    ),
    Gate("all_signed_off", "G8", _unsigned, "client", _signed_all),
    Gate(
        "schedule_confirmed",
        "G4",
        N_("the client's written confirmation of the media schedule"),
        "client",
        "schedule_confirmation",
    ),
    Gate("booked", "L5", N_("media booked"), "agency", "booking"),
    Gate("prepaid", "G10", N_("the client's media prepayment"), "client", "prepayment"),
    Gate("fee_list", "O7", N_("the approved media and creative fee list"), "client", "fee_list"),
    Gate("placed", "L5", N_("at least one placement round"), "agency", lambda e: bool(e._placements)),
    Gate(
        "execution_reports",
        "O5",
        _reports_missing,
        "agency",
        lambda e: e.reported == (1 << len(e._placements)) - 1,
    ),
    Gate(
        "analysis",
        "L6",
        N_("the post-campaign analysis and effect evaluation"),
        "agency",
        "post_campaign_analysis",
    ),
)

GATES = (*GATES, *_WF_GATES)  # issue 11 §5-§7 (workflows): the requirement rows of its records

#: The engagement machine: the rows above, validated and compiled.
TABLE = MachineTable(
    name="engagement",
    stages=tuple(Stage),
    initial=Stage.INTENT,
    finals=tuple(FINAL_STAGES),
    moves=TRANSITIONS,
    actions=ACTIONS,
    gates=GATES,
)
if {m.dest for m in TRANSITIONS if m.trigger == "resume"} != set(ACTIVE_STAGES):  # pragma: no cover
    raise RuntimeError("every active stage must be resumable from on_hold")

#: The one shared machine built from the table (validation and drawing; never per engagement).
MACHINE = TABLE.machine
#: Every trigger name, in table order.
TRIGGERS: tuple[str, ...] = TABLE.triggers
#: ``(stage, trigger) -> (row,)``: the move each trigger fires from each stage.
_NEXT: Mapping[tuple[Stage, str], tuple[Move, ...]] = {
    (s, t): (m,) for s in Stage for t in TRIGGERS if (m := TABLE.move(s, t)) is not None
}
NEXT: Mapping[tuple[Stage, str], tuple[Move, ...]] = FrozenDict(_NEXT)  # read-only
#: The trigger that moves each open stage forward.
_FORWARD: Mapping[Stage, str] = {
    Stage.INTENT: "start_pitch",
    Stage.PITCH: "win",
    Stage.CONTRACT: "start_brief",
    Stage.BRIEF: "start_creative",
    Stage.CREATIVE: "submit_for_approval",
    Stage.APPROVAL: "start_media_booking",
    Stage.MEDIA_BOOKING: "start_post_analysis",
    Stage.POST_ANALYSIS: "close",
}
FORWARD: Mapping[Stage, str] = FrozenDict(_FORWARD)  # read-only


def allowed_triggers(stage: Stage) -> tuple[str, ...]:
    """The triggers the table allows from ``stage``, in table order."""
    return TABLE.allowed(stage)


def lifecycle_mermaid(*, holds: bool = False, locale: str = "en") -> str:
    """The lifecycle as Mermaid ``stateDiagram-v2`` text (a pure function of the table).

    Args:
        holds: also draw the hold/resume/cancel edges of every stage (busy; off by default,
            which draws them once as notes).
        locale: the labels' language (``en``, ``zh_CN``, ``zh_TW``); state ids stay the stage values.

    >>> print(lifecycle_mermaid().splitlines()[0])
    stateDiagram-v2
    """
    loc = normalize_locale(locale)
    skip = frozenset() if holds else frozenset({"hold", "resume", "cancel"})
    lines = [line.replace("Stage.", "") for line in TABLE.mermaid(skip=skip)]
    if not holds:
        lines.append(f"    {Stage.ON_HOLD.value} --> {Stage.CANCELLED.value}: cancel")
        lines.append(
            f"    note right of {Stage.ON_HOLD.value}: hold from any active stage, resume returns to it"
        )
    for stage in sorted(FINAL_STAGES, key=list(Stage).index):
        lines.append(f"    {stage.value} --> [*]")
    return "\n".join(lines if loc == "en" else localize_state_diagram(lines, loc))
