"""The rulebook: every duration, gate and duty of the handbooks as data with its id and source.

The standard rulebook ships; an agency overrides numbers, adds items and
chains, and chooses between conflicting rules without touching code.

    >>> book = Rulebook.standard()
    >>> book.item("print_single").chain
    ('creative_concept', 'copy_and_layout', 'final_art', 'colour_proof', 'film')
    >>> book.rule("G4").source
    ('H4', 'H1')
    >>> ours = book.with_item(Turnaround("outdoor_poster", "outdoor poster", "户外海报", days=(6, 6)))
    >>> ours.item("outdoor_poster").commitment()
    6

Handbooks (``../shared/seeds``): H1 client service handbook (2002, the
standard turnaround table), H2 AE execution handbook, H3 account department
workflow, H4 account service expertise, H5 client issue management.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal

import attrs
import cattrs

from adservice._json import check_json
from adservice.errors import (
    DurationOutOfRangeError,
    InvalidChoiceError,
    InvalidInputError,
    RulebookError,
    SchemaError,
    UnknownItemError,
)

__all__ = [
    "HANDBOOKS",
    "STANDARD_TURNAROUND",
    "Rule",
    "RuleKind",
    "Rulebook",
    "RushPolicy",
    "Turnaround",
    "resolve_rulebook",
]

RuleKind = Literal["turnaround", "rush", "gate", "obligation", "issue"]
_RULE_KINDS = ("turnaround", "rush", "gate", "obligation", "issue")
_UNITS = ("working_days", "months")
SCHEMA_VERSION = 1

#: The five handbooks, by the ids rules cite.
HANDBOOKS: Mapping[str, str] = {
    "H1": "000_9a3c5a85259fa873.txt — client service handbook (2002), standard turnaround table",
    "H2": "001_7a07be0cc0d74e5e.txt — AE execution handbook",
    "H3": "002_bdb49bdac41a5fc9.txt — account department workflow, AE principles, numbering, complaints",
    "H4": "003_694d6e8d9b376aa4.txt — building account service expertise: briefs, media, creative, reports",
    "H5": "004_fd1ac6ab8a4f4284.txt — client issue management, client tiers",
}


def _sources(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    out = tuple(value)
    bad = [s for s in out if s not in HANDBOOKS]
    if bad or not out:
        raise RulebookError(f"a rule's source must name handbooks among {sorted(HANDBOOKS)} (got {out!r}).")
    return out


@attrs.frozen
class Rule:
    """A handbook rule: its id, what it says, where it says it, and its parameters.

    ``params`` holds the numbers an agency may override (hours, weekdays,
    windows), as plain JSON-compatible data; the module that applies the rule
    (lifecycle, obligations) documents the keys it reads.
    """

    id: str
    kind: RuleKind
    title: str
    text: str
    source: tuple[str, ...] = attrs.field(converter=_sources)
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=check_json, hash=False)
    enabled: bool = True


def _days(value: object) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value, value)
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise RulebookError(f"days must be an int or a (low, high) pair of ints (got {value!r}).")
    low, high = value
    if not 0 < low <= high <= 10_000:
        raise RulebookError(f"days must satisfy 0 < low <= high <= 10000 (got {low}–{high}).")
    return low, high


@attrs.frozen
class Turnaround:
    """One item of the turnaround table: how long the agency promises to take.

    Attributes:
        key: the item's key (``"print_single"``).
        name: English name; ``name_zh``: the handbook's term.
        days: ``(low, high)`` in ``unit``; a range lets the agency commit anywhere inside it.
        unit: ``"working_days"`` or ``"months"`` (calendar months, then the next working day).
        chain: keys of the steps the item is made of, run in order (their days add up).
        open_ended: ``days`` is a minimum ("at least two weeks"); any longer commitment is allowed.
        floor: the hard floor in the same unit below which a rush is infeasible
            (default: the rush policy's fraction of ``low``).
        rule_id: the rule the item comes from (``"T4"``); ``source``: its handbooks.
    """

    key: str
    name: str
    name_zh: str = ""
    days: tuple[int, int] = attrs.field(default=(1, 1), converter=_days)
    unit: Literal["working_days", "months"] = "working_days"
    chain: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    open_ended: bool = False
    floor: int | None = None
    rule_id: str = "T*"
    source: tuple[str, ...] = attrs.field(default=("H1",), converter=_sources)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key.isidentifier():
            raise RulebookError(
                f"an item key must be an identifier such as 'outdoor_poster' (got {self.key!r})."
            )
        if self.unit not in _UNITS:
            raise InvalidChoiceError("unit", self.unit, _UNITS)
        if self.floor is not None and not 0 < self.floor <= self.days[0]:
            raise RulebookError(
                f"item {self.key!r}: floor must be between 1 and the low bound "
                f"{self.days[0]} (got {self.floor})."
            )

    def commitment(self, value: int | None = None) -> int:
        """The committed duration: the upper bound by default, or ``value`` if it lies inside the range.

        Raises:
            DurationOutOfRangeError: ``value`` outside ``days`` (above it is fine if open-ended).

        >>> Rulebook.standard().item("integrated_plan").commitment()
        8
        >>> Rulebook.standard().item("integrated_plan").commitment(6)
        6
        """
        low, high = self.days
        if value is None:
            return high
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"a commitment must be an int number of {self.unit} (got {value!r}).")
        if value < low or (value > high and not self.open_ended):
            allowed = f"at least {low}" if self.open_ended else f"{low}–{high}"
            msg = (
                f"{value} {self.unit.replace('_', ' ')} is outside item {self.key!r}'s range ({allowed}, "
                f"rule {self.rule_id}); choose a value inside it or override the item in the rulebook."
            )
            raise DurationOutOfRangeError(msg)
        return value


@attrs.frozen
class RushPolicy:
    """How rush requests (加急) are judged (T8; SPEC §5).

    Attributes:
        habitual_count: this many rush requests from one client ...
        window_days: ... within this many calendar days make the client's rushing "habitual".
        warn_fraction: compressing by more than this fraction of the standard warns.
        floor_fraction: default hard floor as a fraction of an item's low bound (rounded up).
    """

    habitual_count: int = 3
    window_days: int = 90
    warn_fraction: float = 0.25
    floor_fraction: float = 0.5

    def __attrs_post_init__(self) -> None:
        if self.habitual_count < 1 or self.window_days < 1:
            raise RulebookError("a rush policy needs habitual_count >= 1 and window_days >= 1.")
        if not 0 <= self.warn_fraction <= 1 or not 0 < self.floor_fraction <= 1:
            raise RulebookError("a rush policy needs 0 <= warn_fraction <= 1 and 0 < floor_fraction <= 1.")


def _item(key: str, name: str, zh: str, days: int | tuple[int, int], rule: str, **kw: Any) -> Turnaround:
    return Turnaround(key, name, zh, days=days, rule_id=rule, **kw)


#: The standard turnaround table of H1 (and H2 for TV production and major media planning).
STANDARD_TURNAROUND: Mapping[str, Turnaround] = {
    t.key: t
    for t in (
        _item("integrated_plan", "plan and integrated media proposal", "计划及媒体整合方案", (5, 8), "T1"),
        _item("phase_plan", "phase plan", "阶段性计划", 4, "T2"),
        _item("media_schedule", "media schedule plan", "媒体排期计划", 3, "T3"),
        _item(
            "print_single",
            "print design and film, one piece",
            "平面设计与出片制作（单款）",
            9,
            "T4",
            chain=("creative_concept", "copy_and_layout", "final_art", "colour_proof", "film"),
        ),
        _item("creative_concept", "creative concept", "创意概念", 2, "T4"),
        _item("copy_and_layout", "copy and layout draft", "文案+平面设计稿", 3, "T4"),
        _item("final_art", "final art", "完稿", 2, "T4"),
        _item("colour_proof", "colour proof", "分色打样", 1, "T4"),
        _item("film", "film", "软片", 1, "T4"),
        _item("broadcast_creative", "radio and TV commercial creative", "广播及TVC创意", (3, 8), "T5"),
        _item(
            "tvc_production",
            "TV commercial production, script to finished film",
            "电视广告制作（脚本到成片）",
            1,
            "T6",
            unit="months",
            source=("H2",),
        ),
        _item(
            "major_media_plan",
            "major media planning",
            "大型媒体计划",
            10,
            "T7",
            open_ended=True,
            source=("H2",),
        ),
    )
}


def _rule(rid: str, kind: RuleKind, title: str, text: str, source: tuple[str, ...], **params: Any) -> Rule:
    return Rule(rid, kind, title, text, source, params)


_STANDARD_RULES: tuple[Rule, ...] = (
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
        "The pitch starts only on the client's invitation to bid and quote confirmation letter "
        "(邀请竞标及报价确认函), received in the intent phase.",
        ("H1",),
    ),
    _rule(
        "L2",
        "gate",
        "Contract before the brief",
        "Work on the brief starts only after the client signed the contract (签订合同).",
        ("H1",),
    ),
    _rule(
        "L3",
        "gate",
        "The client's marketing briefing",
        "Creative work starts only after the client's marketing briefing: company, product, channels, "
        "targets, competitors, marketing goals and annual budget.",
        ("H4", "H3"),
    ),
    _rule(
        "L4",
        "gate",
        "Internal review before the client",
        "Management reviews the work internally before anything is shown to the client.",
        ("H3", "H1"),
    ),
    _rule(
        "L5",
        "gate",
        "Booked and placed before analysis",
        "Post-analysis starts only after the media were booked and at least one placement round ran.",
        ("H1",),
    ),
    _rule(
        "L6",
        "gate",
        "Analysis before closing",
        "An engagement closes only after the post-campaign analysis and effect evaluation (广告效果评估).",
        ("H1", "H4"),
    ),
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
)

_CHOICES: Mapping[str, tuple[str, ...]] = {
    # Which rule a meeting's written report follows: O2 (24 h) or O3 (48 h); and a phone call's.
    "meeting_report": ("O2", "O3"),
    "call_report": ("O3", "O2"),
    # Whether hour rules count elapsed hours, elapsed hours rolled to a working day, or business hours.
    "report_clock": ("elapsed", "elapsed_rolled", "business"),
}
_DEFAULT_CHOICES: Mapping[str, str] = {"meeting_report": "O2", "call_report": "O3", "report_clock": "elapsed"}


def _keyed_items(value: Mapping[str, Turnaround] | Iterable[Turnaround]) -> dict[str, Turnaround]:
    if isinstance(value, Mapping):
        return dict(value)
    try:
        return {item.key: item for item in value}
    except (TypeError, AttributeError):
        raise InvalidInputError(f"items must be Turnaround values (got {value!r}).") from None


def _keyed_rules(value: Mapping[str, Rule] | Iterable[Rule]) -> dict[str, Rule]:
    if isinstance(value, Mapping):
        return dict(value)
    try:
        return {rule.id: rule for rule in value}
    except (TypeError, AttributeError):
        raise InvalidInputError(f"rules must be Rule values (got {value!r}).") from None


def _with_default_choices(value: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"choices must be a mapping of choice name to rule id (got {value!r}).")
    return {**_DEFAULT_CHOICES, **value}


@attrs.frozen
class Rulebook:
    """Turnaround items, rules (gates, duties, rush) and the agency's choices between conflicting rules.

    Invalid rulebooks are refused on construction: chains naming unknown items
    or looping, a chain whose days disagree with its steps, rules with
    unknown kinds, choices outside their allowed rules.
    """

    items: Mapping[str, Turnaround] = attrs.field(converter=_keyed_items, hash=False)
    rules: Mapping[str, Rule] = attrs.field(converter=_keyed_rules, hash=False)
    rush: RushPolicy = attrs.field(factory=RushPolicy)
    choices: Mapping[str, str] = attrs.field(factory=dict, converter=_with_default_choices, hash=False)

    def __attrs_post_init__(self) -> None:
        for key, item in self.items.items():
            if not isinstance(item, Turnaround) or item.key != key:
                raise RulebookError(f"items[{key!r}] must be a Turnaround with key {key!r} (got {item!r}).")
            self._check_chain(item)
        for rid, rule in self.rules.items():
            if not isinstance(rule, Rule) or rule.id != rid:
                raise RulebookError(f"rules[{rid!r}] must be a Rule with id {rid!r} (got {rule!r}).")
            if rule.kind not in _RULE_KINDS:
                raise InvalidChoiceError(f"rule {rid}'s kind", rule.kind, _RULE_KINDS)
        for name, value in self.choices.items():
            if name not in _CHOICES:
                raise InvalidChoiceError("a rulebook choice", name, sorted(_CHOICES))
            if value not in _CHOICES[name]:
                raise InvalidChoiceError(f"choice {name!r}", value, _CHOICES[name])

    def _check_chain(self, item: Turnaround, seen: tuple[str, ...] = ()) -> int:
        """Validate ``item``'s chain (known steps, no loops, days adding up); return its days."""
        if item.key in seen:
            raise RulebookError(f"chain loops: {' → '.join((*seen, item.key))}.")
        if not item.chain:
            return item.days[1]
        total = 0
        for step in item.chain:
            if step not in self.items:
                raise RulebookError(
                    f"item {item.key!r} chains unknown step {step!r}; known items: {sorted(self.items)}."
                )
            sub = self.items[step]
            if sub.unit != "working_days":
                raise RulebookError(f"chain step {step!r} must be in working days (got {sub.unit}).")
            total += self._check_chain(sub, (*seen, item.key))
        if item.unit != "working_days" or item.days != (total, total):
            msg = (
                f"item {item.key!r} is a chain of {total} working days but declares {item.days}; "
                "make them agree."
            )
            raise RulebookError(msg)
        return total

    # -- lookups -------------------------------------------------------------

    @classmethod
    def standard(cls) -> Rulebook:
        """The handbooks' rulebook: T1–T8, G1–G10, O1–O13, I1–I9 and the standard choices.

        Built once and shared (a rulebook is immutable; changes return new ones).
        """
        return _standard()

    def item(self, key: str) -> Turnaround:
        """The turnaround item ``key``.

        Raises:
            UnknownItemError: naming every valid key.
        """
        try:
            return self.items[key]
        except (KeyError, TypeError):
            msg = f"unknown turnaround item {key!r}; valid keys: {', '.join(sorted(self.items))}."
            raise UnknownItemError(msg) from None

    def rule(self, rule_id: str) -> Rule:
        """The rule ``rule_id`` (e.g. ``"G4"``).

        Raises:
            UnknownItemError: naming every valid id.
        """
        try:
            return self.rules[rule_id]
        except (KeyError, TypeError):
            raise UnknownItemError(
                f"unknown rule id {rule_id!r}; valid ids: {', '.join(self.rules)}."
            ) from None

    def rules_of(self, kind: RuleKind) -> tuple[Rule, ...]:
        """Every rule of one kind, in rulebook order."""
        if kind not in _RULE_KINDS:
            raise InvalidChoiceError("kind", kind, _RULE_KINDS)
        return tuple(r for r in self.rules.values() if r.kind == kind)

    def steps(self, key: str) -> tuple[Turnaround, ...]:
        """The leaf steps of an item, in order (the item itself if it is not a chain)."""
        item = self.item(key)
        if not item.chain:
            return (item,)
        return tuple(leaf for step in item.chain for leaf in self.steps(step))

    def choice(self, name: str) -> str:
        """The agency's choice ``name`` (e.g. ``"meeting_report"`` → ``"O2"``)."""
        if name not in _CHOICES:
            raise InvalidChoiceError("a rulebook choice", name, sorted(_CHOICES))
        return self.choices[name]

    def floor(self, key: str) -> int:
        """The hard floor of an item: below it a rush is infeasible (in the item's unit)."""
        item = self.item(key)
        if item.floor is not None:
            return item.floor
        return max(1, math.ceil(item.days[0] * self.rush.floor_fraction))

    # -- changes (each returns a new rulebook) -------------------------------

    def with_item(self, item: Turnaround) -> Rulebook:
        """Add or replace an item (validated with the rest)."""
        if not isinstance(item, Turnaround):
            raise InvalidInputError(f"with_item needs a Turnaround (got {item!r}).")
        return attrs.evolve(self, items={**self.items, item.key: item})

    def with_days(self, key: str, days: int | tuple[int, int]) -> Rulebook:
        """Override an item's number of days (a chain's total must still agree with its steps)."""
        return self.with_item(attrs.evolve(self.item(key), days=days))

    def with_rule(self, rule: Rule) -> Rulebook:
        """Add or replace a rule."""
        if not isinstance(rule, Rule):
            raise InvalidInputError(f"with_rule needs a Rule (got {rule!r}).")
        return attrs.evolve(self, rules={**self.rules, rule.id: rule})

    def with_params(self, rule_id: str, **params: Any) -> Rulebook:
        """Override some parameters of a rule (e.g. ``with_params("O5", hours=48)``)."""
        rule = self.rule(rule_id)
        return self.with_rule(attrs.evolve(rule, params={**rule.params, **params}))

    def without(self, rule_id: str) -> Rulebook:
        """Disable a rule (it stays listed, with ``enabled=False``)."""
        return self.with_rule(attrs.evolve(self.rule(rule_id), enabled=False))

    def choose(self, **choices: str) -> Rulebook:
        """Choose between conflicting rules, e.g. ``choose(meeting_report="O3")``."""
        return attrs.evolve(self, choices={**self.choices, **choices})

    # -- serialisation -------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, schema-versioned."""
        data: dict[str, Any] = _converter.unstructure(self)
        data["items"] = list(data["items"].values())
        data["rules"] = list(data["rules"].values())
        return {"schema": SCHEMA_VERSION, **data}

    @classmethod
    def from_dict(cls, data: object) -> Rulebook:
        """Load a rulebook strictly.

        Raises:
            SchemaError: unknown schema version, unknown keys, wrong types.
            RulebookError: a well-formed but invalid rulebook.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA_VERSION:
            got = data.get("schema") if isinstance(data, Mapping) else data
            raise SchemaError(f"a rulebook needs schema {SCHEMA_VERSION} (got {got!r}).")
        body = {k: v for k, v in data.items() if k != "schema"}
        try:
            return _converter.structure(body, cls)
        except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as error:
            leaf = _leaf(error)
            if isinstance(leaf, (RulebookError, InvalidChoiceError, DurationOutOfRangeError)):
                raise leaf from None
            raise SchemaError(f"malformed rulebook data: {leaf or type(leaf).__name__}") from None


@lru_cache(maxsize=1)
def _standard() -> Rulebook:
    return Rulebook(STANDARD_TURNAROUND, _STANDARD_RULES)


def resolve_rulebook(value: object) -> Rulebook:
    """``value`` if it is a rulebook, :meth:`Rulebook.standard` if it is ``None``.

    Raises:
        InvalidInputError: anything else.
    """
    if value is None:
        return _standard()
    if not isinstance(value, Rulebook):
        raise InvalidInputError(f"rulebook must be a Rulebook or None (got {value!r}).")
    return value


def _leaf(error: BaseException) -> BaseException:
    """The innermost error cattrs wrapped (the one that says what is wrong)."""
    if isinstance(error, cattrs.BaseValidationError) and error.exceptions:
        return _leaf(error.exceptions[0])
    return error


def _strict_tuple(value: object, _: object) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected a list (got {value!r})")
    return tuple(value)


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_unstructure_hook(tuple, list)


def _strict(kind: type[Any], value: object) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise TypeError(f"expected {kind.__name__} (got {value!r})")
    return value


def _scalar(value: object, kind: type[Any]) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return _strict(kind, value)


def _structure_items(value: object, _: object) -> dict[str, Turnaround]:
    items = (_converter.structure(x, Turnaround) for x in _strict_tuple(value, _))
    return {t.key: t for t in items}


def _structure_rules(value: object, _: object) -> dict[str, Rule]:
    return {r.id: r for r in (_converter.structure(x, Rule) for x in _strict_tuple(value, _))}


def _structure_choices(value: object, _: object) -> dict[str, str]:
    return {_strict(str, k): _strict(str, v) for k, v in _strict(dict, value).items()}


def _structure_params(value: object, _: object) -> Any:
    return check_json(_strict(dict, value))


for _kind in (int, str, bool, float):
    _converter.register_structure_hook(_kind, _scalar)
_HOOKS: dict[object, Any] = {
    tuple[int, int]: lambda v, _: tuple(_strict(int, x) for x in _strict_tuple(v, _)),
    tuple[str, ...]: lambda v, _: tuple(_strict(str, x) for x in _strict_tuple(v, _)),
    Mapping[str, Any]: _structure_params,
    Mapping[str, Turnaround]: _structure_items,
    Mapping[str, Rule]: _structure_rules,
    Mapping[str, str]: _structure_choices,
}
_converter.register_structure_hook_func(lambda t: t in _HOOKS, lambda v, t: _HOOKS[t](v, t))
