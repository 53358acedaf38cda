"""Handlers of issue 11 §5–§7's event kinds: the requirement rows first, then the state change.

Each handler gets what every engagement handler gets (the engagement, the logged tuple ``(at,
actor, kind, flat_payload, evidence)``, the actor's party) after the kernel checked the instant,
actor, stage, party, evidence and payload types. It checks the rows of
:mod:`adservice.engagement._wf_rows` that the rulebook keeps enabled (:func:`require`), raising
``GateNotMet`` naming each unmet row's rule, and only then changes the engagement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs

from adservice._frozen import FrozenDict
from adservice.engagement._facts import book_memo, disabled, order_jobs
from adservice.engagement._handlers import HANDLERS as BASE_HANDLERS
from adservice.engagement._steps import TV_APPROVALS, step_state
from adservice.engagement._wf_rows import ROUTINES, TVC_ITEMS, Ctx
from adservice.engagement.table import DOC_BITS, TABLE
from adservice.engagement.workflow_values import Estimate, MeetingRecord, Production, Routine
from adservice.errors import GateNotMet, InvalidInputError, UnknownItemError, brief
from adservice.kernel.base import check_payload
from adservice.kernel.compiled import payload_check
from adservice.kernel.events import parse_instant_text, thaw
from adservice.kernel.table import Action, Field

__all__ = ["CHAIN_STEPS", "ENGAGEMENT_HANDLERS", "WORKFLOW_HANDLERS", "require", "with_step_approvals"]

_Raw = tuple[Any, ...]
_STEP_NEEDS = {
    "script": ("tvc_job",),
    "storyboard": ("tvc_job", "script_approved"),
    "offline": ("tvc_job", "shot"),
    "online": ("tvc_job", "offline_approved"),
}


def require(e: Any, kind: str, keys: tuple[str, ...], p: dict[str, Any]) -> None:
    """Check the requirement rows ``keys`` for an event of ``kind`` with payload context ``p``.

    Rows citing a rule the engagement's rulebook disables are skipped.

    Raises:
        GateNotMet: naming every unmet row's rule and what it asks.
    """
    off = disabled(e._rulebook)
    ctx = Ctx(e, p)
    unmet = []
    for key in keys:
        gate = TABLE.gate(key)
        if gate.rule_id in off:
            continue
        check: Callable[[Ctx], bool] = gate.check  # type: ignore[assignment]
        if not check(ctx):
            unmet.append((gate.rule_id, gate.text(ctx) if callable(gate.text) else gate.text))
    if unmet:
        raise GateNotMet(e._stage.value, kind, unmet)


def _p(ev: _Raw) -> dict[str, Any]:
    flat = ev[3]
    return dict(zip(flat[::2], flat[1::2], strict=True))


def _name(actor: str) -> str:
    return actor.partition(":")[2].strip()


def _rule_param(e: Any, rule_id: str, key: str, default: Any) -> Any:
    rule = e._rulebook.rules.get(rule_id)
    return default if rule is None else e._rulebook.param(rule_id, key)


# -- §5 TV commercials -------------------------------------------------------------------------


#: A ``tvc_film`` chain step approved through the production-step approvals (G5, ``approve_step``)
#: counts as the client's approval of the same TV step (P1): one approval, whichever way it came
#: (the converse is :func:`adservice.engagement._steps.step_state`).
CHAIN_STEPS = {step: approval for approval, step in TV_APPROVALS.items()}


def with_step_approvals(e: Any, prod: Production) -> Production:
    """``prod`` with the TV steps the client approved as production steps of its chain (G5)."""
    approved, _, _ = step_state(e, prod.job)
    extra = tuple(CHAIN_STEPS[s] for s in sorted(approved) if s in CHAIN_STEPS)
    missing = tuple(s for s in extra if s not in prod.approved)
    return attrs.evolve(prod, approved=(*prod.approved, *missing)) if missing else prod


def _production(e: Any, p: dict[str, Any]) -> dict[str, Any]:
    """``p`` with the job's production record (a new one for a TV job order not yet started)."""
    job = e._job(p["job"])  # raises UnknownItemError naming the job orders there are
    prod = e._wf_get("tvc").get(job.number)
    if prod is None and job.item in TVC_ITEMS:
        prod = Production(job.number)
    return {**p, "prod": None if prod is None else with_step_approvals(e, prod)}


def _put_production(e: Any, prod: Production) -> None:
    e._wf_put("tvc", prod.job, prod)


def _hold_ppm(e: Any, ev: _Raw, party: str) -> None:
    p = _production(e, _p(ev))
    require(e, "hold_ppm", ("tvc_job", "script_approved", "storyboard_approved", "not_frozen"), p)
    prod: Production = p["prod"]
    final = ev[0] if p["final"] else None
    _put_production(e, attrs.evolve(prod, ppms=(*prod.ppms, ev[0]), final_ppm_at=final))


def _change_production(e: Any, ev: _Raw, party: str) -> None:
    p = _production(e, _p(ev))
    require(e, "change_production", ("tvc_job", "not_frozen"), p)
    prod: Production = p["prod"]
    approved = () if p["aspect"] == "script" else prod.approved  # a new script is approved again
    changes = (*prod.changes, (p["aspect"], p["change"]))
    _put_production(e, attrs.evolve(prod, approved=approved, changes=changes))


def _sign_release(e: Any, ev: _Raw, party: str) -> None:
    p = _production(e, _p(ev))
    require(e, "sign_release", ("tvc_job",), p)
    prod: Production = p["prod"]
    _put_production(e, attrs.evolve(prod, releases={**prod.releases, p["document"]: ev[4]}))


def _shoot(e: Any, ev: _Raw, party: str) -> None:
    p = _production(e, _p(ev))
    require(e, "shoot", ("tvc_job", "final_ppm", "model_release", "clearances"), p)
    prod: Production = p["prod"]
    if prod is not None and prod.shot_at is None:
        _put_production(e, attrs.evolve(prod, shot_at=ev[0]))


def _approve_production(e: Any, ev: _Raw, party: str) -> None:
    p = _production(e, _p(ev))
    step = p["step"]
    require(e, "approve_production", _STEP_NEEDS[step], p)
    prod: Production = p["prod"]
    if prod is not None and step not in prod.approved:
        _put_production(e, attrs.evolve(prod, approved=(*prod.approved, step)))


# -- §6 estimates --------------------------------------------------------------------------------


def _e1_scope(book: Any) -> frozenset[str]:
    return frozenset(book.param("E1", "items") if "E1" in book.rules else ())


def _in_scope(e: Any, item: str) -> bool:
    """Whether E1 asks an estimate of a job order of ``item`` (E1's ``items``, read once per rulebook)."""
    scope = book_memo(_e1_scope, e._rulebook)
    return "all" in scope or item in scope


def _submit_estimate(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    job = e._job(p["job"])
    quantities = thaw(p["quantities"])
    old: Estimate | None = e._wf_get("estimates").get(job.number)
    booked = bool(e._docs & DOC_BITS["booking"])
    if old is not None and booked and dict(old.quantities) != quantities:
        require(e, "submit_estimate", ("written_change",), {**p, "written": ev[4]})
    revision = 0 if old is None else old.revision + 1
    change = ev[4] if old is not None and booked else None
    est = Estimate(job.number, p["estimate"], p["amount"], quantities, revision=revision, change=change)
    e._wf_put("estimates", job.number, est)


def _approve_estimate(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    e._job(p["job"])
    est: Estimate | None = e._wf_get("estimates").get(p["job"])
    approvers = _rule_param(e, "E1", "approvers", ())
    ctx = {**p, "est": est, "approver_ok": p["role"] in approvers}
    require(e, "approve_estimate", ("estimate_submitted", "estimate_approver"), ctx)
    if est is not None:
        e._wf_put("estimates", est.job, attrs.evolve(est, approved_by=f"{_name(ev[1])} ({p['role']})"))


def _sign_estimate(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    e._job(p["job"])
    est: Estimate | None = e._wf_get("estimates").get(p["job"])
    require(e, "sign_estimate", ("estimate_submitted", "estimate_approved"), {**p, "est": est})
    if est is not None:
        e._wf_put("estimates", est.job, attrs.evolve(est, signed=ev[4]))


_BASE_WORK_ORDER = BASE_HANDLERS["receive_work_order"]


def _receive_work_order(e: Any, ev: _Raw, party: str) -> None:
    """E1 before the base handler: each job order in the estimate rule's scope has a signed estimate."""
    items = {j[0]: j[1] for j in e._jobs}
    scope = [j for j in order_jobs(ev[3][1]) if j in items and _in_scope(e, items[j])]
    if scope:
        require(e, "receive_work_order", ("estimates_signed",), {"scope": scope})
    _BASE_WORK_ORDER(e, ev, party)


# -- §7 meetings and routines ---------------------------------------------------------------------

_LEGACY = Action("meeting", payload=(Field("about", "text"), Field("call", "bool")))
_WITH_REF = Action("meeting", payload=(Field("about", "text"), Field("call", "bool"), Field("ref", "text")))
#: The two shapes tested at once (compiled from the same rows); anything else takes check_payload,
#: which names the fault or puts keys given in another order back in the schema's.
_LEGACY_OK = payload_check(_LEGACY.payload)
_WITH_REF_OK = payload_check(_WITH_REF.payload)


def _record(e: Any, ref: str) -> MeetingRecord:
    rec: MeetingRecord | None = e._wf_get("meetings").get(ref)
    if rec is None:
        known = ", ".join(e._wf_get("meetings")) or "none yet"
        raise UnknownItemError(
            f"no meeting {brief(ref)} was scheduled (schedule_meeting); meetings: {known}."
        )
    return rec


def _schedule_meeting(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    keys = tuple(f"meeting_{k}" for k in ("what", "why", "who", "where", "when", "how"))
    require(e, "schedule_meeting", keys, p)
    if p["ref"] in e._wf_get("meetings"):
        raise InvalidInputError(
            f"meeting {brief(p['ref'])} is already scheduled; a new meeting takes a new ref."
        )
    if p["when"].strip():
        parse_instant_text(p["when"], "a meeting's 'when'")
    w5h1 = {k: v for k, v in p.items() if k != "ref"}
    e._wf_put("meetings", p["ref"], MeetingRecord(p["ref"], w5h1, noticed_at=ev[0]))


def _send_agenda(e: Any, ev: _Raw, party: str) -> None:
    rec = _record(e, ev[3][1])
    if rec.agenda_at is None:
        e._wf_put("meetings", rec.ref, attrs.evolve(rec, agenda_at=ev[0]))


def _reconfirm_meeting(e: Any, ev: _Raw, party: str) -> None:
    rec = _record(e, ev[3][1])
    if rec.reconfirmed_at is None:
        e._wf_put("meetings", rec.ref, attrs.evolve(rec, reconfirmed_at=ev[0]))


def _meeting(e: Any, ev: _Raw, party: str) -> None:
    """A meeting (or call) held; with ``ref`` it is the scheduled meeting of that notice (its 5W1H)."""
    flat = ev[3]
    if not isinstance(flat, tuple):  # pragma: no cover - the kernel hands a flat tuple
        raise InvalidInputError(f"a meeting's payload must be flat pairs (got {brief(flat)}).")
    if len(flat) <= 4:
        if not _LEGACY_OK(flat):  # type: ignore[misc]  # compiled from a payload: never None
            check_payload(_LEGACY, flat)
        return
    ordered = flat if _WITH_REF_OK(flat) else check_payload(_WITH_REF, flat)  # type: ignore[misc]
    p = dict(zip(ordered[::2], ordered[1::2], strict=True))
    rec = _record(e, p["ref"])
    if rec.held_at is not None:
        raise InvalidInputError(f"meeting {brief(rec.ref)} is already recorded as held.")
    e._wf_put("meetings", rec.ref, attrs.evolve(rec, held_at=ev[0], call=p["call"]))


def _bad_actions(actions: object) -> list[str]:
    if not isinstance(actions, Mapping):
        return ["(actions must map each action to its owner and due date)"]
    bad = []
    for what, spec in actions.items():
        owner = spec.get("owner") if isinstance(spec, Mapping) else None
        due = spec.get("due") if isinstance(spec, Mapping) else None
        ok = isinstance(owner, str) and owner.strip() and isinstance(due, str) and len(due) == 10
        try:
            ok = bool(ok) and isinstance(date.fromisoformat(due), date)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            ok = False
        if not ok or not str(what).strip():
            bad.append(str(what))
    return bad


def _record_minutes(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    rec = _record(e, p["ref"])
    actions = thaw(p["actions"])
    require(
        e, "record_minutes", ("meeting_held", "actions_complete"), {**p, "bad_actions": _bad_actions(actions)}
    )
    minutes = (p["report"], tuple(thaw(p["decisions"])), actions, tuple(thaw(p["distribution"])), ev[4])
    e._wf_put("meetings", rec.ref, attrs.evolve(rec, minutes=minutes, minutes_at=ev[0]))


def _confirm_minutes(e: Any, ev: _Raw, party: str) -> None:
    rec = _record(e, ev[3][1])
    require(e, "confirm_minutes", ("minutes_recorded",), {"ref": rec.ref})
    e._wf_put("meetings", rec.ref, attrs.evolve(rec, confirmed=ev[4], confirmed_at=ev[0]))


def _agree_routine(e: Any, ev: _Raw, party: str) -> None:
    p = _p(ev)
    first = parse_instant_text(p["first"], "a routine's 'first'")
    routine = Routine(p["routine"], ROUTINES[p["routine"]], p["cadence"], first, ev[0])
    e._wf_put("routines", p["routine"], routine)


#: Event kind -> handler, for the §5–§7 kinds (and the two kinds they extend: the work order, meetings).
WORKFLOW_HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = {
    "hold_ppm": _hold_ppm,
    "change_production": _change_production,
    "sign_release": _sign_release,
    "shoot": _shoot,
    "approve_production": _approve_production,
    "submit_estimate": _submit_estimate,
    "approve_estimate": _approve_estimate,
    "sign_estimate": _sign_estimate,
    "receive_work_order": _receive_work_order,
    "schedule_meeting": _schedule_meeting,
    "send_agenda": _send_agenda,
    "reconfirm_meeting": _reconfirm_meeting,
    "meeting": _meeting,
    "record_minutes": _record_minutes,
    "confirm_minutes": _confirm_minutes,
    "agree_routine": _agree_routine,
}
#: Every engagement event kind -> its handler: the base table's, with the kinds above added or extended.
_ENGAGEMENT_HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = {**BASE_HANDLERS, **WORKFLOW_HANDLERS}
ENGAGEMENT_HANDLERS: Mapping[str, Callable[[Any, _Raw, str], None]] = FrozenDict(
    _ENGAGEMENT_HANDLERS
)  # read-only
