"""The standard rules of the handbooks with their sources: T1–T8, G1–G10, L1–L14, P1–P2, E1–E2,
M1–M3, O1–O17, I1–I11.

Each rule cites the handbooks (H1–H5, see :data:`~adservice.rulebook.rules.HANDBOOKS`)
where its text is said; ``params`` are the numbers an agency may override, each
declared in :mod:`adservice.rulebook.params`.

    >>> [r.id for r in STANDARD_RULES if r.id.startswith("L")][5:]
    ['L6', 'L7', 'L8', 'L9', 'L10', 'L11', 'L12', 'L13', 'L14']
"""

from __future__ import annotations

from typing import Any

from adservice.rulebook.rules import Rule, RuleKind
from adservice.rulebook.workflow_rules import WORKFLOW_GATES, WORKFLOW_ISSUES, WORKFLOW_OBLIGATIONS

__all__ = ["STANDARD_RULES"]


def _rule(rid: str, kind: RuleKind, title: str, text: str, source: tuple[str, ...], **params: Any) -> Rule:
    return Rule(rid, kind, title, text, source, params)


#: Every rule of the standard rulebook, in rulebook order.
STANDARD_RULES: tuple[Rule, ...] = (
    _rule(
        "T1",
        "turnaround",
        "Integrated plan",
        "Plan and integrated media proposal within 5–8 working days "
        "of the written work order (书面工作布署单).",
        ("H1",),
        item="integrated_plan",
    ),
    _rule(
        "T2",
        "turnaround",
        "Phase plan",
        "Phase plan within 4 working days of the written work order.",
        ("H1",),
        item="phase_plan",
    ),
    _rule(
        "T3",
        "turnaround",
        "Media schedule",
        "Media schedule plan within 3 working days.",
        ("H1",),
        item="media_schedule",
    ),
    _rule(
        "T4",
        "turnaround",
        "Print piece",
        "One print piece, design to film, in 9 working days: creative "
        "concept 2, copy and layout 3, final art 2, colour proof 1, film 1.",
        ("H1",),
        item="print_single",
    ),
    _rule(
        "T5",
        "turnaround",
        "Broadcast creative",
        "Radio and TV commercial creative within 3–8 working days.",
        ("H1",),
        item="broadcast_creative",
    ),
    _rule(
        "T6",
        "turnaround",
        "TV production",
        "A TV commercial from script to finished film takes about one month.",
        ("H2",),
        item="tvc_production",
    ),
    _rule(
        "T7",
        "turnaround",
        "Major media planning",
        "Major media planning needs at least two weeks.",
        ("H2",),
        item="major_media_plan",
    ),
    _rule(
        "T8",
        "rush",
        "Rush requests (加急)",
        "The agency cooperates with the client's rush requests but never "
        "compresses a job below the time needed to do it well, and may decline when the short cycle comes "
        "from the client's habitual poor planning.",
        ("H1", "H3"),
    ),
    _rule("G1", "gate", "Strategy before creative", "No creative work without an agreed strategy.", ("H3",)),
    _rule(
        "G2",
        "gate",
        "Complete job orders",
        "No job order without a complete work description and a clear creative brief.",
        ("H3",),
    ),
    _rule(
        "G3",
        "gate",
        "Written sign-off",
        "Written authorisation, and the client's written sign-off of each "
        "completed item before the next step.",
        ("H1",),
    ),
    _rule(
        "G4",
        "gate",
        "Confirmed media before booking",
        "No media booking before the client's written confirmation of the media schedule.",
        ("H4", "H1"),
    ),
    _rule(
        "G5",
        "gate",
        "Revisions through creative",
        "Client revisions pass through the creative team; the client approves each production step.",
        ("H4",),
    ),
    _rule(
        "G6",
        "gate",
        "Approved quotes",
        "A quote goes to the client only after the department manager approved it.",
        ("H2",),
    ),
    _rule(
        "G7",
        "gate",
        "Project team",
        "A project team (AE, strategist, copywriter, art director, led by a "
        "project director, senior strategist or senior AE) is formed, at the latest right after signing.",
        ("H1", "H2"),
        roles=["ae", "strategist", "copywriter", "art_director"],
        lead_roles=["project_director", "senior_strategist", "senior_ae"],
    ),
    _rule(
        "G8",
        "gate",
        "Execute only confirmed work",
        "Execution only after the client's confirmation; revise until the client fully confirms.",
        ("H3",),
    ),
    _rule(
        "G9",
        "gate",
        "Frozen before the shoot",
        "No changes after the final pre-production meeting; model releases and clearances before a shoot.",
        ("H2",),
    ),
    _rule(
        "G10",
        "gate",
        "Prepayment before materials",
        "The client's media prepayment before materials go to media.",
        ("H1",),
    ),
    _rule(
        "L1",
        "gate",
        "Invitation before the pitch",
        "The pitch starts only on the client's formal invitation to bid and quote confirmation letter "
        "(邀请竞标及报价确认函), sent after the first visit in the intent phase (意向阶段).",
        ("H1",),
    ),
    _rule(
        "L2",
        "gate",
        "Contract before the brief",
        "Work on the brief starts only after the contract is signed (第二阶段: 签订合同, which formally "
        "establishes the cooperation before the daily work procedure of written authorisation).",
        ("H1",),
    ),
    _rule(
        "L3",
        "gate",
        "The client's marketing briefing",
        "Creative work starts only after the client's marketing strategy briefing (客户营销策略说明): "
        "company background, product, channels, targets, competitors, marketing goals and annual "
        "advertising budget.",
        ("H3",),
    ),
    _rule(
        "L4",
        "gate",
        "Internal review before the client",
        "Management reviews the strategy and execution of advertising, creative and media internally "
        "(内部审核, by the 经营主管) before the work is presented to the client.",
        ("H3",),
    ),
    _rule(
        "L5",
        "gate",
        "Booked and placed before analysis",
        "The post-campaign analysis (后期分析) follows the media booked on the client's written "
        "confirmation and the ads running (广告刊播); it starts only after at least one placement round.",
        ("H4",),
    ),
    _rule(
        "L6",
        "gate",
        "Analysis before closing",
        "An engagement closes only after the post-campaign analysis (后期分析) and the advertising effect "
        "evaluation (广告效果评估) the service includes.",
        ("H1", "H4"),
    ),
    # -- issue 11 §1-§3: intent documents, revision job orders, job numbers, briefing topics (L7-L14) --
    _rule(
        "L7",
        "gate",
        "Question list returned",
        "The pitch starts only after the client has returned the question list (问题清单) the agency "
        "sent after the first visit in the intent phase (意向阶段).",
        ("H1",),
    ),
    _rule(
        "L8",
        "gate",
        "Meeting minutes of the intent phase",
        "The pitch starts only after the client meeting minutes (客户会议纪要) of the intent phase are "
        "written and handed to the director's office.",
        ("H1",),
    ),
    _rule(
        "L9",
        "gate",
        "Internal briefing",
        "The pitch starts only after the internal briefing (内部通报会) of the account, strategy and "
        "creative directors has set up the project team and its timetable.",
        ("H1",),
    ),
    _rule(
        "L10",
        "gate",
        "Work briefing and schedule to the client",
        "Creative work starts only after the internal work briefing (内部工作说明会) has decided the "
        "work items and the schedule, and the schedule has been sent to the client (排定工作进度表, "
        "并通告客户).",
        ("H3",),
    ),
    _rule(
        "L11",
        "gate",
        "Revision job orders have deadlines",
        "A client revision opens a revision job order (后续修改工作单): the original job number with its "
        "revision count, its own turnaround (by default the revised step's own duration) and its own "
        "clock; the work goes back to the client for approval only after every revision is delivered.",
        ("H3", "H1"),
        working_days=0,
    ),
    _rule(
        "L12",
        "gate",
        "Written change requests",
        "Important changes - changing media, revising creative, adding or cutting production "
        "(变更媒体, 修改创意, 增减制作) - need the client's written document.",
        ("H1",),
    ),
    _rule(
        "L13",
        "gate",
        "One job, one number",
        "Every new job opens its own job order with a new job number (一件工作开一张工作单), never "
        "repeated; a revision keeps the original number and adds its revision count.",
        ("H3",),
    ),
    _rule(
        "L14",
        "gate",
        "The marketing briefing's topics",
        "The client's marketing strategy briefing (客户营销策略说明) covers every topic the agency needs: "
        "company background (公司背景/理念/经营方针), product (产品历史/目前市场状况, 产品特性), channels "
        "(通路状况), targets (目标对象), competitors (竞争对象), marketing goals (营销目标/营销策略) and "
        "the annual advertising budget (年度广告预算编列).",
        ("H3",),
        topics=["company", "product", "channels", "targets", "competitors", "goals", "budget"],
    ),
    *WORKFLOW_GATES,  # issue 11 §5-§7 (workflows): rulebook/workflow_rules.py
    _rule(
        "O1",
        "obligation",
        "Strategy review",
        "Strategy review and a revised written proposal every 3–6 months.",
        ("H1",),
        every_months=[3, 6],
    ),
    _rule(
        "O2",
        "obligation",
        "Meeting report",
        "A written report of every important meeting (and of any decision, even by phone) within 24 hours.",
        ("H1", "H2"),
        after="meeting",
        hours=24,
    ),
    _rule(
        "O3",
        "obligation",
        "Contact report",
        "A contact report (联络报告) to the client within 48 hours of any meeting or important call.",
        ("H3",),
        after="call",
        hours=48,
    ),
    _rule(
        "O4",
        "obligation",
        "Weekly progress list",
        "Every Monday morning, the weekly status report with each job's status as of the previous Friday.",
        ("H1", "H3"),
        weekday=0,
        at="09:00",
    ),
    _rule(
        "O5",
        "obligation",
        "Execution report",
        "An execution report (effect and next-step advice) 72 hours after each placement round.",
        ("H1",),
        after="placement_round",
        hours=72,
    ),
    _rule(
        "O6",
        "obligation",
        "Competitor analysis",
        "Analysis of the main competitors' advertising strategy every 3–6 months.",
        ("H1",),
        every_months=[3, 6],
    ),
    _rule(
        "O7",
        "obligation",
        "Approved fee list",
        "The approved media and creative fee list 6 days before placement.",
        ("H1",),
        before="placement",
        days=6,
    ),
    _rule(
        "O8",
        "obligation",
        "Monthly market report",
        "A market report on the last working day of each month.",
        ("H3",),
        monthly="last_working_day",
    ),
    _rule(
        "O9",
        "obligation",
        "Press clippings",
        "Weekly press clippings by Friday close of business.",
        ("H3",),
        weekday=4,
        at="close",
    ),
    _rule(
        "O10",
        "obligation",
        "Meeting preparation",
        "Meeting notice (5W1H) the working day before, agenda at "
        "least 1–2 hours before, phone reconfirmation 1 hour before departure.",
        ("H3", "H2"),
        notice_working_days=1,
        agenda_hours=2,
        reconfirm_hours=1,
    ),
    _rule(
        "O11",
        "obligation",
        "Weekly routine",
        "Weekly job tally Friday morning, report to the supervisor "
        "Friday 17:30, weekly meeting Monday 09:30 (40 minutes).",
        ("H3",),
        tally=[4, "09:00"],
        report=[4, "17:30"],
        meeting=[0, "09:30"],
        meeting_minutes=40,
    ),
    _rule(
        "O12",
        "obligation",
        "Return visits",
        "A return visit within 3 days of a service; prospects tracked weekly or every 3 days.",
        ("H3", "H2"),
        after="service",
        days=3,
        prospect_every_days=7,
    ),
    _rule(
        "O13",
        "obligation",
        "Monthly media and budget checks",
        "Competitive media spend analysis, store check and budget reconciliation every month.",
        ("H4",),
        monthly="last_working_day",
    ),
    *WORKFLOW_OBLIGATIONS,  # issue 11 §5-§7 (workflows): rulebook/workflow_rules.py
    _rule(
        "I1",
        "issue",
        "Record and respond",
        "Every client issue (inquiry, complaint, suggestion, other) received by phone, e-mail, WeChat "
        "or letter is recorded and answered at once (第一时间内响应; a complaint is accepted at once, "
        "即时受理). The handbooks give no figure: the standard reads 'at once' as 8 business hours "
        "(one working day); agencies set their own.",
        ("H5", "H3"),
        response_hours=8,
        clock="business",
    ),
    _rule(
        "I2",
        "issue",
        "Triage and notify",
        "Each issue is classed as an inquiry (咨询), complaint (投诉), suggestion (建议) or other (其他), "
        "and the head of the responsible department is notified.",
        ("H5", "H3"),
        categories=["inquiry", "complaint", "suggestion", "other"],
    ),
    _rule(
        "I3",
        "issue",
        "Investigate with evidence",
        "The responsible department investigates the issue and collects evidence before a solution "
        "is decided; a complaint's investigation finds its cause and who caused it.",
        ("H5", "H3"),
    ),
    _rule(
        "I4",
        "issue",
        "Solution and notice",
        "A solution is decided from the investigation and the client is notified of it, quickly "
        "(迅速有结果). The handbooks give no figure: the standard allows 5 working days from receipt.",
        ("H5", "H3"),
        resolve_working_days=5,
    ),
    _rule(
        "I5",
        "issue",
        "Return visit",
        "The result is fed back to the client in a return visit within 3 days of the solution "
        "(处理后有回访; 三天之内回访), making sure the client accepts it.",
        ("H5", "H3"),
        return_visit_working_days=3,
    ),
    _rule(
        "I6",
        "issue",
        "Client signs a complaint's resolution",
        "When the client accepts a complaint's solution, the client signs it (请顾客签字); "
        "an agency member cannot sign for the client.",
        ("H3",),
    ),
    _rule(
        "I7",
        "issue",
        "Closing summary",
        "An issue closes with a summary: its root cause, the improvement and how recurrence is prevented; "
        "complaints are tallied in the complaint classification statistics (顾客投诉分类统计表).",
        ("H5", "H3"),
    ),
    _rule(
        "I8",
        "issue",
        "Unfounded complaints",
        "A complaint found unfounded is answered tactfully with an explanation to the client "
        "(婉转答复, 消除误会) and closed.",
        ("H3",),
    ),
    _rule(
        "I9",
        "issue",
        "Confidentiality",
        "Client issues are handled in confidence; summaries and statistics leave out the client's details.",
        ("H5",),
    ),
    *WORKFLOW_ISSUES,  # issue 11 §5-§7 (workflows): rulebook/workflow_rules.py
)
