"""The engagement lifecycle as one declarative table, validated at import.

The table is loaded into one shared :class:`transitions.Machine` (no model is
ever registered with it); the engagement reads its next stage from a lookup
compiled from that machine, so firing a trigger costs a dict lookup rather
than a machine dispatch, and no state grows with the number of engagements.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs
from transitions import Machine

__all__ = [
    "FINAL_STAGES",
    "MACHINE",
    "NEXT",
    "TRANSITIONS",
    "TRIGGERS",
    "Stage",
    "TransitionSpec",
    "allowed_triggers",
    "mermaid",
]


class Stage(str, enum.Enum):
    """The stages of an engagement (SPEC §6)."""

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


@attrs.frozen
class TransitionSpec:
    """One row of the lifecycle table: ``trigger`` moves ``source`` to ``dest`` once ``requires`` hold."""

    trigger: str
    source: Stage
    dest: Stage
    requires: tuple[str, ...] = ()
    label: str = ""


_S = Stage
#: The lifecycle: every legal move, with the requirements (keys of the gate table) it checks.
TRANSITIONS: tuple[TransitionSpec, ...] = (
    TransitionSpec("start_pitch", _S.INTENT, _S.PITCH, ("invitation", "team"), "invitation to bid + team"),
    TransitionSpec("win", _S.PITCH, _S.CONTRACT, ("quote_approved", "quote_submitted"), "pitch won"),
    TransitionSpec("lose", _S.PITCH, _S.LOST, (), "pitch lost"),
    TransitionSpec(
        "start_brief", _S.CONTRACT, _S.BRIEF, ("contract", "team", "project_plan"), "contract signed"
    ),
    TransitionSpec(
        "start_creative",
        _S.BRIEF,
        _S.CREATIVE,
        ("client_briefing", "strategy", "job_orders", "job_orders_complete", "work_order"),
        "strategy agreed, work order",
    ),
    TransitionSpec(
        "submit_for_approval", _S.CREATIVE, _S.APPROVAL, ("internal_review",), "internal review passed"
    ),
    TransitionSpec("request_revision", _S.APPROVAL, _S.CREATIVE, (), "client revisions (G5)"),
    TransitionSpec(
        "start_media_booking", _S.APPROVAL, _S.MEDIA_BOOKING, ("all_signed_off",), "every deliverable signed"
    ),
    TransitionSpec(
        "start_post_analysis",
        _S.MEDIA_BOOKING,
        _S.POST_ANALYSIS,
        ("schedule_confirmed", "booked", "prepaid", "fee_list", "placed"),
        "placed",
    ),
    TransitionSpec("close", _S.POST_ANALYSIS, _S.CLOSED, ("execution_reports", "analysis"), "analysed"),
    *(TransitionSpec("cancel", s, _S.CANCELLED, (), "cancelled") for s in (*ACTIVE_STAGES, _S.ON_HOLD)),
    *(TransitionSpec("hold", s, _S.ON_HOLD, (), "client away") for s in ACTIVE_STAGES),
    *(TransitionSpec("resume", _S.ON_HOLD, s, (), "back") for s in ACTIVE_STAGES),
)

#: Every trigger name, in table order.
TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(t.trigger for t in TRANSITIONS))

#: The one shared machine built from the table (used for validation and drawing; never per engagement).
MACHINE = Machine(
    model=None,
    states=[s.value for s in Stage],
    transitions=[{"trigger": t.trigger, "source": t.source.value, "dest": t.dest.value} for t in TRANSITIONS],
    initial=Stage.INTENT.value,
    auto_transitions=False,
)


def _compile(machine: Machine) -> Mapping[tuple[Stage, str], tuple[TransitionSpec, ...]]:
    """``(stage, trigger) -> candidate rows``, read back from the machine so the two never disagree."""
    rows = {(t.source, t.trigger, t.dest): t for t in TRANSITIONS}
    table: dict[tuple[Stage, str], tuple[TransitionSpec, ...]] = {}
    for trigger, event in machine.events.items():
        for source, moves in event.transitions.items():
            table[(Stage(source), trigger)] = tuple(
                rows[(Stage(source), trigger, Stage(m.dest))] for m in moves
            )
    return table


NEXT = _compile(MACHINE)
_ALLOWED: Mapping[Stage, tuple[str, ...]] = {
    stage: tuple(t for t in TRIGGERS if (stage, t) in NEXT) for stage in Stage
}


def allowed_triggers(stage: Stage) -> tuple[str, ...]:
    """The triggers the table allows from ``stage``, in table order."""
    return _ALLOWED[stage]


def _validate() -> None:
    """No unreachable stage, no exit from a final stage, every resume returns where hold came from."""
    reachable = {Stage.INTENT}
    frontier = [Stage.INTENT]
    while frontier:
        stage = frontier.pop()
        for t in TRANSITIONS:
            if t.source is stage and t.dest not in reachable:
                reachable.add(t.dest)
                frontier.append(t.dest)
    missing = set(Stage) - reachable
    if missing:
        raise RuntimeError(f"lifecycle table leaves stages unreachable: {sorted(missing)}")
    exits = [t for t in TRANSITIONS if t.source in FINAL_STAGES]
    if exits:
        raise RuntimeError(f"lifecycle table has exits from final stages: {exits}")
    if {t.dest for t in TRANSITIONS if t.trigger == "resume"} != set(ACTIVE_STAGES):
        raise RuntimeError("every active stage must be resumable from on_hold")


_validate()


def mermaid(*, holds: bool = False) -> str:
    """The lifecycle as Mermaid ``stateDiagram-v2`` text (a pure function of the table).

    Args:
        holds: also draw the hold/resume/cancel edges of every stage (busy; off by default,
            which draws them once as notes).

    >>> print(mermaid().splitlines()[0])
    stateDiagram-v2
    """
    lines = ["stateDiagram-v2", f"    [*] --> {Stage.INTENT.value}"]
    for t in TRANSITIONS:
        if t.trigger in {"hold", "resume", "cancel"} and not holds:
            continue
        lines.append(f"    {t.source.value} --> {t.dest.value}: {t.trigger}")
    if not holds:
        lines.append(f"    {Stage.ON_HOLD.value} --> {Stage.CANCELLED.value}: cancel")
        lines.append(
            f"    note right of {Stage.ON_HOLD.value}: hold from any active stage, resume returns to it"
        )
    for stage in sorted(FINAL_STAGES, key=list(Stage).index):
        lines.append(f"    {stage.value} --> [*]")
    return "\n".join(lines)
