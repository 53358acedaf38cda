"""Production steps, revision job orders and the intent-phase checks (issue 11 §1-§3).

The handlers here run after the kernel checked the instant, actor, stage, party, evidence
and payload types (as for every handler, see :mod:`adservice.engagement._handlers`); each
raises before it changes anything.

- **Client approval at every production step** (G5, H4 "创意制作每一环节的客户认可"): a job
  whose item is a chain (``print_single``: creative concept → copy and layout → final art →
  colour proof → film) hands each step but the last to the client (``submit_step``); the
  client approves it in writing (``approve_step``, with its document) before the next one is
  submitted. From submission to the answer the job's clock is paused (the client's time).
- **Revisions have deadlines** (L11, L12): the client refuses a step (``refuse_step``) or asks
  for revisions in the approval stage (``request_revision``) in writing; each revised job gets a
  revision job order numbered by :func:`~adservice.numbering.revision_number`, with its own
  turnaround (L11's ``working_days``, default the revised step's own duration) and its own clock.
  Nothing goes back to the client until its revisions are delivered.
- **Job numbers** (L13): a job number is never added twice; with a job number format every
  number goes through a :class:`~adservice.numbering.NumberAllocator`.
- **The marketing briefing's topics** (L14).
"""

from __future__ import annotations

from typing import Any

from adservice.engagement._facts import chain_and_keys, disabled, order_jobs, ordered_jobs, param_of
from adservice.errors import DuplicateNumberError, GateNotMet, InvalidChoiceError, InvalidInputError, brief
from adservice.kernel.events import thaw
from adservice.kernel.table import Action
from adservice.kernel.table import Field as F  # noqa: N817 - the schema rows read as a table
from adservice.numbering.allocator import NumberAllocator
from adservice.numbering.revisions import revision_number

__all__ = [
    "NEW_RULES",
    "STEP_ACTIONS",
    "TV_APPROVALS",
    "approve_step",
    "chain_of",
    "check_briefing",
    "check_job_reuse",
    "deliver_check",
    "open_revisions",
    "prepare_revisions",
    "refuse_step",
    "resubmission_unmet",
    "revision_for",
    "revision_jobs",
    "step_state",
    "step_waits",
    "steps_approved",
    "submit_step",
    "unapproved_steps_text",
    "undelivered_revisions",
    "undelivered_text",
    "written_request",
]

_Raw = tuple[Any, ...]
_CREATIVE = ("creative",)
#: The event kinds of production steps (rows of :data:`adservice.engagement.table.ACTIONS`).
STEP_ACTIONS: tuple[Action, ...] = (
    Action("submit_step", _CREATIVE, "agency", False, (F("job", "text"), F("step", "text")), "G5", "a step"),
    Action(
        "approve_step",
        _CREATIVE,
        "client",
        True,
        (F("job", "text"), F("step", "text")),
        "G5",
        "a production step's approval",
    ),
    Action(
        "refuse_step",
        _CREATIVE,
        "client",
        True,
        (F("job", "text"), F("step", "text"), F("changes", "text")),
        "L12",
        "a production step's revision request",
    ),
)
#: The rules issue 11 §1-§3 added: a log recorded before them (schema 1 or 2) loads without them.
NEW_RULES = ("L7", "L8", "L9", "L10", "L11", "L12", "L13", "L14")


def _off(e: Any) -> frozenset[str]:
    return disabled(e._rulebook)


def _chain(book: Any, item: str) -> tuple[tuple[str, int], ...]:
    """An item's steps with their committed durations, cached per rulebook object (rulebooks are values)."""
    return chain_and_keys(book, item)[1]


def chain_of(e: Any, job: str) -> tuple[tuple[str, int], ...]:
    """The production steps of ``job``'s item with their durations (empty for a single-step item)."""
    for j in e._jobs:
        if j[0] == job:
            return _chain(e._rulebook, j[1])
    return _chain(e._rulebook, e._job(job).item)  # raises, naming the job orders there are


def step_state(e: Any, job: str) -> tuple[frozenset[str], str | None, dict[str, int]]:
    """``(approved steps, the step with the client or None, refusals per step)`` of ``job``."""
    refused: dict[str, int] = {}
    approved, waiting = _progress(e, job, refused)
    return frozenset(approved), waiting, refused


def _progress(e: Any, job: str, refused: dict[str, int] | None = None) -> tuple[list[str], str | None]:
    """``(approved steps, the step with the client or None)`` of ``job`` from its step events (and
    its TV production record); counts each step's refusals into ``refused`` when given."""
    approved: list[str] = []
    waiting: str | None = None
    log = e._log
    for o in e._steps:
        flat = log[o + 3]
        if flat[1] != job:
            continue
        kind = log[o + 2]
        if kind == "submit_step":
            waiting = flat[3]
            continue
        if kind == "approve_step":
            approved.append(flat[3])
        elif refused is not None:
            refused[flat[3]] = refused.get(flat[3], 0) + 1
        waiting = None
    if e._wf is not None:
        approved.extend(_done_in_production(e, job))
    return approved, waiting


def _waiting(e: Any, job: str) -> str | None:
    """The step of ``job`` with the client, if any: its last step event, when that is a submission
    (what :func:`_progress` says, read from the end: an answer needs no more)."""
    log = e._log
    for o in reversed(e._steps):
        flat = log[o + 3]
        if flat[1] == job:
            return flat[3] if log[o + 2] == "submit_step" else None
    return None


#: The ``tvc_film`` chain steps a TV production record settles (P1, G9): the client's approvals of
#: script, storyboard, offline and online (``approve_production``), the final PPM and the shoot.
TV_APPROVALS = {"script": "tvc_script", "storyboard": "tvc_storyboard", "offline": "tvc_offline"}


def _done_in_production(e: Any, job: str) -> tuple[str, ...]:
    """The chain steps of ``job`` its TV production record settles: one approval, whichever way it came."""
    wf = e._wf
    prod = None if wf is None else wf.get("tvc", {}).get(job)
    if prod is None:
        return ()
    done = [TV_APPROVALS[a] for a in prod.approved if a in TV_APPROVALS]
    if prod.final_ppm_at is not None:
        done.append("tvc_pre_production")
    if prod.shot_at is not None:
        done.append("tvc_shoot")
    return tuple(done)


def undelivered_revisions(e: Any, job: str | None = None) -> tuple[str, ...]:
    """Numbers of revision job orders (of ``job``, or of every job) not delivered yet."""
    if not e._revisions:
        return ()
    log = e._log
    done = {log[o + 3][1] for o in e._delivered}
    return tuple(r[0] for r in e._revisions if r[0] not in done and (job is None or r[1] == job))


def undelivered_text(e: Any) -> str:
    """The requirement text of the ``revisions_delivered`` row (L11)."""
    open_ = undelivered_revisions(e)
    shown = f": {', '.join(open_)}" if open_ else ""
    return f"every revision job order delivered before the work goes back to the client{shown}"


def _unapproved(e: Any, first: bool = False) -> list[str]:
    """``job: step`` for each step (but the last) of a job under a work order not approved yet
    (``first``: only the first found, for the gate)."""
    out: list[str] = []
    log = e._log
    ordered = {j for o in e._work_orders for j in ordered_jobs(log[o + 3][1])}
    for job in e._jobs:
        if job[0] in ordered:
            keys = chain_and_keys(e._rulebook, job[1])[2]
            if keys:
                approved = _progress(e, job[0])[0]
                for key in keys:
                    if key not in approved:
                        out.append(f"{job[0]}: {key}")
                        if first:
                            return out
    return out


def steps_approved(e: Any) -> bool:
    """Whether the client approved every production step (but the last) of every ordered job (G5)."""
    return not _unapproved(e, first=True)


def unapproved_steps_text(e: Any) -> str:
    """The requirement text of the ``steps_approved`` row (G5)."""
    missing = _unapproved(e)
    shown = f": {', '.join(missing)}" if missing else ""
    return f"the client's written approval of each production step before the next one starts{shown}"


def _ordered(e: Any, job: str, trigger: str) -> None:
    """Refuse work on ``job`` before the client's written work order of it (G3, unless disabled)."""
    e._work_order_for(job, trigger)


def _step(e: Any, job: str, step: str, trigger: str) -> tuple[str, ...]:
    """The keys of the job's steps the client approves, after checking ``step`` is one of them."""
    for j in e._jobs:
        if j[0] == job:
            item = j[1]
            break
    else:
        item = e._job(job).item  # an unknown job is refused there, naming the job orders
    _, chain, keys = chain_and_keys(e._rulebook, item)
    if step not in keys:
        if not chain:
            msg = f"job order {brief(job)} is a single step: deliver it (no step approvals, G5)."
            raise InvalidInputError(msg)
        raise InvalidChoiceError(f"a step of job order {job} the client approves", step, keys)
    _ordered(e, job, trigger)
    return keys


def resubmission_unmet(e: Any, job: str) -> list[tuple[str, str]]:
    """L11's requirement before ``job``'s work goes back to the client, if a revision of it is
    undelivered (empty: met, or L11 disabled)."""
    if not e._revisions or "L11" in _off(e):
        return []
    open_ = undelivered_revisions(e, job)
    if not open_:
        return []
    return [("L11", f"revision job order {', '.join(open_)} delivered before {job} goes back to the client")]


def submit_step(e: Any, ev: _Raw, party: str) -> None:
    """The agency hands a production step to the client: the job's clock pauses (G5)."""
    _, job, _, step = ev[3]
    keys = _step(e, job, step, "submit_step")
    waiting = _waiting(e, job)
    if waiting is not None:
        raise InvalidInputError(
            f"step {brief(waiting)} of job order {brief(job)} is already with the client."
        )
    approved = _progress(e, job)[0]
    if step in approved:
        raise InvalidInputError(f"the client already approved step {brief(step)} of job order {brief(job)}.")
    unmet = []
    if "G5" not in _off(e):
        for key in keys:
            if key == step:
                break
            if key not in approved:
                unmet.append(("G5", f"the client's written approval of {key} before {step} starts ({job})"))
                break
    if e._revisions:
        unmet += resubmission_unmet(e, job)
    if unmet:  # every requirement missing, each citing its rule
        raise GateNotMet(str(e._stage), "submit_step", unmet)
    e._steps = (*e._steps, len(e._log))


def step_waits(e: Any) -> tuple[tuple[Any, ...], ...]:
    """``(start, end or None, reason, job)`` per step handed to the client, derived from the step
    events (kept nowhere else: a finished engagement stores only its log's facts)."""
    out: list[list[Any]] = []
    log = e._log
    for o in e._steps:
        at, kind, flat = log[o], log[o + 2], log[o + 3]
        job = flat[1]
        if kind == "submit_step":
            out.append([at, None, f"client review of {flat[3]}", job])
            continue
        for wait in reversed(out):  # the job's open wait ends with the client's answer
            if wait[1] is None and wait[3] == job:
                wait[1] = at
                break
    return tuple(map(tuple, out))


def _answer(e: Any, ev: _Raw, trigger: str) -> str:
    job: str = ev[3][1]
    step: str = ev[3][3]
    _step(e, job, step, trigger)
    waiting = _waiting(e, job)
    if waiting != step:
        now = f"step {waiting} is" if waiting else "no step is"
        msg = (
            f"step {brief(step)} of job order {brief(job)} is not with the client ({now}); submit_step first."
        )
        raise InvalidInputError(msg)
    return job


def approve_step(e: Any, ev: _Raw, party: str) -> None:
    """The client approves a step in writing (G5): the job's clock resumes."""
    _answer(e, ev, "approve_step")
    e._steps = (*e._steps, len(e._log))


def revision_for(e: Any, job: str, days: int) -> tuple[Any, ...]:
    """The next revision job order of ``job``: ``(number, job, working_days, count)``, numbered
    through :mod:`adservice.numbering`; ``days`` is the revised step's own duration. Changes nothing."""
    count = 1
    for r in e._revisions:
        if r[1] == job:
            count += 1
    number = revision_number(job, count, format=e._job_format)
    override = param_of(e._rulebook, "L11", "working_days") if "L11" in e._rulebook.rules else 0
    return (number, job, override or days, count)


def prepare_revisions(e: Any, at: Any, wanted: list[tuple[str, int]]) -> tuple[tuple[Any, ...], Any]:
    """The revision job orders ``(number, job, opened_at, working_days, count)`` for each ``(job, the
    revised step's duration)`` (L11), and the allocator with their numbers; changes nothing, raises
    before anything changes (a number already taken: L13)."""
    if "L11" in _off(e):
        return (), e._numbers
    rows = []
    numbers = e._numbers
    taken = {j[0] for j in e._jobs}
    for job, days in wanted:
        number, original, turnaround, count = revision_for(e, job, days)
        if number in taken:
            error = DuplicateNumberError(
                f"revision job order {brief(number)} would repeat a job order's number (L13)."
            )
            error.rule_id = "L13"  # type: ignore[attr-defined]
            raise error
        rows.append((number, original, at, turnaround, count))
        if numbers is not None:
            numbers = numbers.record(number)
    return tuple(rows), numbers


def open_revisions(e: Any, at: Any, wanted: list[tuple[str, int]]) -> None:
    """Open a revision job order for each ``(job, the revised step's duration)`` (L11), all or none."""
    rows, numbers = prepare_revisions(e, at, wanted)
    e._numbers = numbers
    e._revisions = (*e._revisions, *rows)


def refuse_step(e: Any, ev: _Raw, party: str) -> None:
    """The client sends a step back in writing: a revision job order opens with its deadline (L11)."""
    job = _answer(e, ev, "refuse_step")
    step = ev[3][3]
    rows, numbers = prepare_revisions(e, ev[0], [(job, dict(chain_of(e, job))[step])])  # may refuse
    e._steps = (*e._steps, len(e._log))
    e._numbers = numbers
    e._revisions = (*e._revisions, *rows)


def written_request(e: Any, ev: _Raw, trigger: str) -> None:
    """Refuse a change the client did not ask for in writing (L12: a document id as evidence)."""
    if ev[4] is None and "L12" not in _off(e):
        what = "the client's written request for the changes (变更媒体, 修改创意, 增减制作): pass evidence"
        raise GateNotMet(str(e._stage), trigger, [("L12", what)])


def revision_jobs(e: Any, ev: _Raw) -> list[tuple[str, int]]:
    """The jobs ``request_revision`` names, checked, with their items' durations (L11)."""
    jobs = order_jobs(ev[3][3])
    if "L11" in _off(e):
        return []
    if not jobs:
        msg = "a revision request names the job orders to revise (L11); jobs=[...] is empty."
        raise GateNotMet(str(e._stage), "request_revision", [("L11", msg)])
    if len(set(jobs)) != len(jobs):
        raise InvalidInputError(f"a revision request names each job order once (got {brief(list(jobs))}).")
    out = []
    items = {j[0]: j[1] for j in e._jobs}
    for job in jobs:
        item = items[job] if job in items else e._job(job).item  # an unknown job is refused, naming them
        _ordered(e, job, "request_revision")
        out.append((job, e._rulebook.item(item).commitment()))
    return out


def deliver_check(e: Any, ev: _Raw) -> None:
    """A job or revision job order may be delivered: known, ordered, its steps approved (G5)."""
    job = ev[3][1]
    for r in e._revisions:
        if r[0] == job:
            if any(e._log[o + 3][1] == job for o in e._delivered):
                raise InvalidInputError(f"revision job order {brief(job)} is already delivered.")
            return
    e._work_order_for(job, "deliver")  # an unknown job is refused there, naming the job orders
    if "G5" in _off(e):
        return
    approved = _progress(e, job)[0]
    missing = [k for k in chain_and_keys(e._rulebook, e._job(job).item)[2] if k not in approved]
    if missing:
        what = f"the client's written approval of {', '.join(missing)} before {job} is delivered"
        raise GateNotMet(str(e._stage), "deliver", [("G5", what)])


def check_briefing(e: Any, contents: object) -> None:
    """Refuse a marketing briefing that leaves out a topic of H3's (L14), naming the missing ones."""
    if "L14" in _off(e) or "L14" not in e._rulebook.rules:
        return
    data = thaw(contents)
    topics = param_of(e._rulebook, "L14", "topics")
    for topic in topics:
        value = data.get(topic)
        if value.__class__ is not str or not value or value.isspace():
            break
    else:
        return
    missing = [t for t in topics if not isinstance(data.get(t), str) or not data[t].strip()]
    if missing:
        what = f"the client's marketing briefing on every topic; missing: {', '.join(missing)}"
        raise GateNotMet(str(e._stage), "receive_briefing", [("L14", what)])


#: The standard revision mark (``"-R"``) between a job number and its revision count.
_REVISION_MARK = revision_number("x", 1).removeprefix("x").removesuffix("1")


def check_job_reuse(e: Any, number: str, parsed: Any) -> NumberAllocator | None:
    """Refuse a job number already used (L13): never a silent revision. Returns the allocator with the
    number recorded (with a format), to be kept once the job order is accepted."""
    if "L13" in _off(e):
        return e._numbers  # type: ignore[no-any-return]
    taken = [j[0] for j in e._jobs] + [r[0] for r in e._revisions]
    if number in taken:
        error = DuplicateNumberError(
            f"job number {brief(number)} is already used (L13); a new job takes a new number, and a "
            "revision job order is opened by request_revision or refuse_step."
        )
        error.rule_id = "L13"  # type: ignore[attr-defined]
        raise error
    mark = _REVISION_MARK
    looks_revised = mark in number and any(
        number.startswith(j + mark) and number[len(j) + len(mark) :].isdigit() for j in taken
    )
    if looks_revised or (parsed is not None and parsed.revision):
        error = DuplicateNumberError(
            f"job number {brief(number)} is a revision job order's (L13); revisions are opened by "
            "request_revision or refuse_step, not added."
        )
        error.rule_id = "L13"  # type: ignore[attr-defined]
        raise error
    if parsed is None or e._numbers is None:
        return e._numbers  # type: ignore[no-any-return]
    try:
        return e._numbers.record(parsed)  # type: ignore[no-any-return]
    except DuplicateNumberError as error:  # the allocator's words, with the rule they enforce
        cited = DuplicateNumberError(f"{str(error).rstrip('.')} (L13: a job number is never repeated).")
        cited.rule_id = "L13"  # type: ignore[attr-defined]
        raise cited from None
