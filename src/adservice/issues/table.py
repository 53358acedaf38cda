"""The client-issue machine as one declarative table: stage changes, what each event carries, requirements.

Every row names the rule whose text it enforces (I1–I11, H5, H3 and H2). Adding a
requirement is adding a :class:`~adservice.kernel.table.Gate` row and naming its
key in a move's ``requires``; ``Rulebook.without(rule_id)`` removes exactly the
rows that cite it. The table is validated when this module is imported.

    >>> TABLE.dest("feedback", "reopen")
    'investigating'
    >>> [g.rule_id for g in TABLE.gates if g.key in TABLE.move("feedback", "close").requires]
    ['I5', 'I6', 'I7', 'I7', 'I7']
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs

from adservice.kernel.table import Action, Field, Gate, MachineTable, Move

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "ISSUE_STAGES",
    "ISSUE_TRIGGERS",
    "SUPERVISORS",
    "TABLE",
    "IssueContext",
    "IssueStage",
    "IssueTrigger",
    "issue_mermaid",
]

IssueStage: TypeAlias = Literal["received", "triaged", "investigating", "resolved", "feedback", "closed"]
"""The stages of a client issue, in the handbook's order (H5 第五条); ``ClientIssue.stage`` is one.

>>> from typing import get_args
>>> get_args(IssueStage) == ISSUE_STAGES
True
>>> get_args(IssueStage)[:3]
('received', 'triaged', 'investigating')
"""
IssueTrigger: TypeAlias = Literal[
    "respond",
    "triage",
    "investigate",
    "add_evidence",
    "resolve",
    "dismiss",
    "follow_up",
    "reopen",
    "sign_off",
    "close",
    "approve_solution",
    "promise",
]
#: The stages of an issue, in the order of the handbook's flow (H5 第五条).
ISSUE_STAGES: tuple[IssueStage, ...] = (
    "received",
    "triaged",
    "investigating",
    "resolved",
    "feedback",
    "closed",
)
#: The standard categories (H5 第四条): 咨询, 投诉, 建议, 其他. Rule I2's ``categories`` may add more.
CATEGORIES: tuple[str, ...] = ("inquiry", "complaint", "suggestion", "other")
#: Who approves a solution (I10, H3 "主管领导应对投诉处理方案一一过目").
SUPERVISORS: tuple[str, ...] = ("supervisor", "department_head", "customer_service_manager")
#: How an issue may reach the agency (H5 第五条: 电话、邮件、微信等).
CHANNELS: tuple[str, ...] = ("phone", "email", "wechat", "letter", "visit", "other")


@attrs.frozen
class IssueContext:
    """What a requirement row is checked against: the issue's state so far and the event asking.

    Attributes:
        category: the issue's category (``None`` before triage).
        evidence_count: pieces of evidence collected so far.
        accepted: whether the client accepted the standing solution.
        signed: whether the client signed it.
        payload: the event's payload.
        evidence: the event's document id.
        approved_solution: the solution the supervisor approved (I10), while it stands.
        promised: the day the client was told a solution would come by (I11), ISO text.
    """

    category: str | None
    evidence_count: int
    accepted: bool
    signed: bool
    payload: dict[str, Any]
    evidence: str | None
    approved_solution: str | None = None
    promised: str | None = None


def _filled(key: str) -> Any:
    return lambda c: bool(c.payload[key].strip())


def _document(c: IssueContext) -> bool:
    return c.evidence is not None


#: The requirement rows: key, the rule whose text it enforces, what it asks, whose move, the check.
_GATES = (
    Gate("department", "I2", "the responsible department", "agency", _filled("department")),
    Gate("notified", "I2", "who in the responsible department was notified", "agency", _filled("notified")),
    Gate("evidence_id", "I3", "the evidence's document id", "agency", _document),
    Gate(
        "investigated",
        "I3",
        "at least one piece of evidence from the investigation",
        "agency",
        lambda c: c.evidence_count > 0,
    ),
    Gate("solution", "I4", "the solution", "agency", _filled("solution")),
    Gate(
        "notice", "I4", "the notice that told the client the solution (its document id)", "agency", _document
    ),
    Gate(
        "complaint",
        "I8",
        lambda c: f"only a complaint can be found unfounded (this is a {c.category})",
        "agency",
        lambda c: c.category == "complaint",
    ),
    Gate("explanation", "I8", "the explanation given to the client", "agency", _filled("explanation")),
    Gate(
        "accepted_to_sign",
        "I6",
        "the client's acceptance of the solution at a return visit",
        "client",
        lambda c: c.accepted,
    ),
    Gate("signed_document", "I6", "the signed document's id", "client", _document),
    Gate(
        "accepted",
        "I5",
        "the client's acceptance of the solution at a return visit",
        "client",
        lambda c: c.accepted,
    ),
    Gate(
        "signature",
        "I6",
        "the client's signature on the accepted resolution",
        "client",
        lambda c: c.category != "complaint" or c.signed,
    ),
    Gate("root_cause", "I7", "the root cause", "agency", _filled("root_cause")),
    Gate("improvement", "I7", "the improvement", "agency", _filled("improvement")),
    Gate("prevention", "I7", "the prevention", "agency", _filled("prevention")),
    # -- issue 11 §7 (workflows): the supervisor approves the solution, the client is told by when --
    Gate(
        "supervisor",
        "I10",
        f"approval by the supervisor (主管领导; role one of {', '.join(SUPERVISORS)})",
        "agency",
        lambda c: c.payload.get("role") in SUPERVISORS,
    ),
    Gate("proposed", "I10", "the solution the supervisor approves", "agency", _filled("solution")),
    Gate(
        "solution_approved",
        "I10",
        "the supervisor's approval of this solution (approve_solution) before the client is told",
        "agency",
        lambda c: c.approved_solution is not None and c.approved_solution == c.payload.get("solution"),
    ),
    Gate(
        "promise_told",
        "I11",
        "the message that told the client the promised date (its id)",
        "agency",
        _document,
    ),
    Gate(
        "promised",
        "I11",
        "the promised date told to the client (promise) before the solution",
        "agency",
        lambda c: c.promised is not None,
    ),
)

_CLOSING = ("accepted", "signature", "root_cause", "improvement", "prevention")
#: Stage changes (``dest=None``: the stage stays); a trigger may fire from several stages.
_MOVES = (
    Move("receive", "new", "received", label="issue received and recorded"),
    *(Move("respond", s, None, label="first response to the client") for s in ISSUE_STAGES[:3]),
    Move("triage", "received", "triaged", ("department", "notified"), "category set, department notified"),
    Move("investigate", "triaged", "investigating", label="investigation opened"),
    Move("add_evidence", "investigating", None, ("evidence_id",), "evidence collected"),
    Move(
        "resolve",
        "investigating",
        "resolved",
        ("investigated", "solution", "notice", "solution_approved", "promised"),
        "solution told",
    ),
    *(
        Move("dismiss", s, "closed", ("complaint", "explanation"), "unfounded complaint explained")
        for s in ("triaged", "investigating")
    ),
    Move("follow_up", "resolved", "feedback", label="return visit"),
    Move("follow_up", "feedback", None, label="another return visit"),
    Move("reopen", "feedback", "investigating", label="client not satisfied"),
    Move("sign_off", "feedback", None, ("accepted_to_sign", "signed_document"), "client signs"),
    Move("close", "feedback", "closed", _CLOSING, "summary: root cause, improvement, prevention"),
    # -- issue 11 §7 (workflows): I10, I11 --
    Move("approve_solution", "investigating", None, ("supervisor", "proposed"), "supervisor approves"),
    *(
        Move("promise", s, None, ("promise_told",), "promised date told")
        for s in ("received", "triaged", "investigating")
    ),
)


def _str(*names: str) -> tuple[Field, ...]:
    return tuple(Field(name, "str") for name in names)


#: What each event kind carries and who records it (the agency handles the issue, H5 第五条; only the
#: client signs, I6); kinds are the method names.
_ACTIONS = (
    Action(
        "receive",
        party="agency",
        payload=_str("issue_id", "client", "contact", "channel", "description"),  # checked on receipt
        rule_id="I1",
        what="receiving the issue",
    ),
    Action("respond", party="agency", payload=_str("note"), rule_id="I1", what="a response to the client"),
    Action(
        "triage",
        party="agency",
        payload=_str("category", "department", "notified"),
        rule_id="I2",
        what="triage",
    ),
    Action(
        "investigate", party="agency", payload=_str("note"), rule_id="I3", what="opening the investigation"
    ),
    Action("add_evidence", party="agency", payload=_str("note"), rule_id="I3", what="a piece of evidence"),
    Action("resolve", party="agency", payload=_str("solution"), rule_id="I4", what="the solution"),
    Action(
        "dismiss",
        party="agency",
        payload=_str("explanation"),
        rule_id="I8",
        what="dismissing an unfounded complaint",
    ),
    Action(
        "follow_up",
        party="agency",
        payload=(Field("accepted", "bool"), *_str("note")),
        rule_id="I5",
        what="a return visit",
    ),
    Action(
        "reopen", party="agency", payload=_str("reason"), rule_id="I5", what="reopening the investigation"
    ),
    Action("sign_off", party="client", payload=_str("note"), rule_id="I6", what="signing the resolution"),
    Action(
        "close",
        party="agency",
        payload=_str("root_cause", "improvement", "prevention"),
        rule_id="I7",
        what="closing",
    ),
    Action(
        "approve_solution",
        party="agency",
        payload=_str("solution", "role"),
        rule_id="I10",
        what="the supervisor's approval of the solution",
    ),
    Action(
        "promise",
        party="agency",
        payload=(Field("promised", "date"),),
        rule_id="I11",
        what="telling the client by when",
    ),
)

#: The client-issue machine (H5, H3; rules I1–I11), validated at import.
TABLE = MachineTable(
    name="client issue",
    stages=("new", *ISSUE_STAGES),  # "new": an issue object before its receipt is recorded
    initial="new",
    finals=("closed",),
    moves=_MOVES,
    actions=_ACTIONS,
    gates=_GATES,
)
#: Every trigger of the machine, in table order.
ISSUE_TRIGGERS: tuple[IssueTrigger, ...] = TABLE.triggers[1:]  # type: ignore[assignment]


def issue_mermaid() -> str:
    """The issue flow as Mermaid ``stateDiagram-v2`` text, drawn from the machine's table.

    >>> issue_mermaid().splitlines()[2]
    '    received --> received: respond (I1)'
    """
    lines = [
        "stateDiagram-v2",
        "    [*] --> received",
        *TABLE.mermaid(skip=frozenset({"receive"}), rules=True)[2:],
    ]
    lines.extend(f"    {s} --> [*]" for s in TABLE.finals)
    return "\n".join(lines)
