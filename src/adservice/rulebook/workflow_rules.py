"""The rules issue 11 §5–§7 adds to the standard rulebook, with their sources (spliced into
:data:`~adservice.rulebook.standard.STANDARD_RULES` at the end of their groups).

- gates: P1–P2 (TV production), E1–E2 (estimates), M1–M3 (meetings as records);
- obligations: O14 (regular client meetings), O15 (annual brand review), O16 (payment
  reconciliation list), O17 (client tier review);
- client issues: I10 (the supervisor approves the solution), I11 (the promised date).

    >>> [r.id for r in WORKFLOW_ISSUES]
    ['I10', 'I11']
"""

from __future__ import annotations

from typing import Any

from adservice.rulebook.rules import Rule, RuleKind

__all__ = ["WORKFLOW_GATES", "WORKFLOW_ISSUES", "WORKFLOW_OBLIGATIONS"]


def _rule(rid: str, kind: RuleKind, title: str, text: str, source: tuple[str, ...], **params: Any) -> Rule:
    return Rule(rid, kind, title, text, source, params)


#: TV production, estimates and meeting records (gates).
WORKFLOW_GATES: tuple[Rule, ...] = (
    _rule(
        "P1",
        "gate",
        "Client approval of each TV production step",
        "A TV commercial runs from script to finished film with the client's written approval of the "
        "script, the storyboard, the offline edit and the online edit, each before the next step "
        "(电视广告片的制作从脚本到完成; 创意制作每一环节的客户认可).",
        ("H2", "H4"),
    ),
    _rule(
        "P2",
        "gate",
        "Pre-production meeting before the shoot",
        "The pre-production meeting (PPM, 制作前的会议) is discussed through until everyone agrees; "
        "the shoot starts only after the final PPM.",
        ("H2",),
    ),
    _rule(
        "E1",
        "gate",
        "Estimate before work",
        "A cost estimate (费用评估, 成本预测) per job order, approved by the responsible manager "
        "(负责人员签字通过) and signed by the client (客户签字通过), before the written work order "
        "starts the job's clock.",
        ("H2", "H4"),
        items=["tvc_film"],
        approvers=["department_manager", "account_director", "project_director"],
    ),
    _rule(
        "E2",
        "gate",
        "Written changes after booking",
        "Once media are booked, a change to an estimate's quantities needs the client's written "
        "change (变更媒体、修改创意、增减制作, 客户亦提供书面文件).",
        ("H1",),
    ),
    _rule(
        "M1",
        "gate",
        "Meeting notice with 5W1H",
        "A client meeting is announced in writing and by phone with its 5W1H: who attends, where, when, "
        "what it is about, what must be confirmed, and how it runs (会议通知, 5W1H原则).",
        ("H3",),
    ),
    _rule(
        "M2",
        "gate",
        "Minutes carry decisions and actions",
        "A meeting report or contact report records the decisions, each action with its owner and "
        "deadline, and who it is sent to (已通过/采取的行动/期限/责任人; 送交客户相关人员并分发予服务小组).",
        ("H2", "H3"),
    ),
    _rule(
        "M3",
        "gate",
        "The client confirms the minutes",
        "The minutes are confirmed with the client (做好会议记录, 并向客户进行确认; "
        "签字确认同路准备的会议记录).",
        ("H3", "H1"),
    ),
)

#: Regular meetings, brand review, payment reconciliation, client tiers (obligations).
WORKFLOW_OBLIGATIONS: tuple[Rule, ...] = (
    _rule(
        "O14",
        "obligation",
        "Regular client meetings",
        "A working meeting with the client at the agreed fixed time: weekly, fortnightly or monthly "
        "(定期会议: 每周一次, 隔周或每月一次).",
        ("H3",),
        cadence="weekly",
    ),
    _rule(
        "O15",
        "obligation",
        "Annual brand review",
        "The annual brand review (年度品牌回顾), submitted on time to the supervisor and the client.",
        ("H3",),
        cycle_months=12,
    ),
    _rule(
        "O16",
        "obligation",
        "Payment reconciliation list",
        "A payment reconciliation list (付款对账清单) checking payments received and spent, regularly; "
        "the standard reads 'regularly' as the agreed cadence, monthly by default.",
        ("H1",),
        cadence="monthly",
        at="close",
    ),
    _rule(
        "O17",
        "obligation",
        "Client tier review",
        "Clients are reviewed and classed A/B/C/D regularly (定期进行客户评估). The handbook gives no "
        "figure: the standard reviews every 6 months from the contract.",
        ("H5",),
        cycle_months=6,
    ),
)

#: The supervisor's approval and the promised date (client issues).
WORKFLOW_ISSUES: tuple[Rule, ...] = (
    _rule(
        "I10",
        "issue",
        "Supervisor approves the solution",
        "The supervisor reviews the proposed solutions one by one, picks the best and approves it "
        "before the client is told (主管领导应对投诉处理方案一一过目, 选择最佳解决方案, 并及时作出批示).",
        ("H3",),
    ),
    _rule(
        "I11",
        "issue",
        "Promised date told to the client",
        "The client is asked for time to investigate and told by when a solution will come "
        "(请顾客给予一定时间展开调查); the solution is due by that promised date.",
        ("H3", "H2"),
    ),
)
