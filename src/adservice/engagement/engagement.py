"""The engagement: stages, sign-off gates and the append-only event log it is the fold of.

    >>> from datetime import datetime, timedelta, timezone
    >>> t = datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=8)))
    >>> e = Engagement("E-1", "Huaxia Real Estate")
    >>> e.start_pitch(t, "agency:Chen")
    Traceback (most recent call last):
    ...
    adservice.errors.GateNotMet: cannot 'start_pitch' from stage 'intent': L1: the client's invitation \
to bid and quote confirmation letter (邀请竞标及报价确认函); G7: a project team with an AE, a strategist, \
a copywriter, an art director and a lead; L7: the question list returned by the client (问题清单); \
L8: the intent phase's meeting minutes (客户会议纪要); L9: the internal briefing (内部通报会).
    >>> e.stage
    <Stage.INTENT: 'intent'>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from adservice._display import show
from adservice._frozen import FrozenDict
from adservice.calendar.workcalendar import WorkCalendar, default_calendar, unambiguous
from adservice.engagement._actions import EngagementActions, text_value
from adservice.engagement._facts import disabled
from adservice.engagement._handlers import MOVES, missing, pget
from adservice.engagement._header import calendar_from, job_format_from
from adservice.engagement._legacy import RENAMED, V1_KINDS, legacy_rulebook, upgrade_event
from adservice.engagement._wf_actions import WorkflowActions
from adservice.engagement._wf_handlers import ENGAGEMENT_HANDLERS as _ALL_HANDLERS  # issue 11 §5-§7
from adservice.engagement.table import DELIVERABLES, DOC_BITS, FORWARD, TABLE, TRIGGERS, Stage
from adservice.engagement.values import JobOrder, Requirement, Wait
from adservice.errors import AdServiceError, InvalidInputError, SchemaError, TransitionNotAllowed, brief
from adservice.kernel._log import events_at
from adservice.kernel.events import Event, thaw
from adservice.numbering.allocator import NumberAllocator
from adservice.numbering.jobs import JobNumberFormat
from adservice.rulebook.book import Rulebook

if TYPE_CHECKING:
    from adservice.deadlines.clocks import Clock
    from adservice.deadlines.due import Due
    from adservice.deadlines.plans import Plan
    from adservice.deadlines.rush import RushAssessment

__all__ = ["SCHEMA_VERSION", "V1_KINDS", "Engagement", "as_portfolio"]

#: The schema :meth:`Engagement.to_dict` writes: 3 (issue 11: revision requests name their job
#: orders; versions 1 and 2 load with :func:`~adservice.engagement._legacy.legacy_rulebook`).
SCHEMA_VERSION = 3
_STANDARD_BOOK = Rulebook.standard()
_EMPTY: Mapping[str, Any] = FrozenDict({})

_TRIGGER_SET = frozenset(TRIGGERS)


class Engagement(WorkflowActions, EngagementActions):
    """One client engagement: its stage, what each stage holds, its log, its duties and clocks.

    Args:
        id: the engagement's id (e.g. the client code); client: the client's name.
        calendar: the agency's working calendar (default CN), keyword-only.
        rulebook: the agency's rulebook (default :meth:`Rulebook.standard`), keyword-only.

    Raises:
        InvalidInputError: an empty id or client, a calendar or rulebook of the wrong type.

    The engagement changes in one way only: methods append an event to its log after every
    check passed, and return it (ADR 0006); its state (``stage``, ``team``...) is read-only.
    :meth:`replay`, :meth:`as_of` and :meth:`from_dict` build new engagements from a log.

    >>> (e := Engagement("E-1", "Huaxia")).client, e.stage.value, e.allowed_triggers()
    ('Huaxia', 'intent', ('start_pitch', 'cancel', 'hold'))
    """

    __slots__ = (
        "_cache",
        "_client",
        "_delivered",
        "_docs",
        "_fee_list_for",
        "_held_from",
        "_id",
        "_job_format",
        "_jobs",
        "_numbers",
        "_placements",
        "_quotes",
        "_reported",
        "_revision_rounds",
        "_revisions",
        "_rushes",
        "_signoffs",
        "_steps",
        "_team",
        "_waits",
        "_wf",
        "_work_orders",
    )

    TABLE = TABLE
    SCHEMA = SCHEMA_VERSION
    NAME = "an engagement"
    HANDLERS = _ALL_HANDLERS
    RENAMED = RENAMED
    SEALED = frozenset({2})

    @classmethod
    def _handler_for(cls, stage: Any, kind: str) -> Any:
        """A trigger's handler compiled for ``stage`` (its gates and effects); a record's handler."""
        return MOVES.get((stage, kind)) if kind in _TRIGGER_SET else _ALL_HANDLERS.get(kind)

    def __init__(
        self,
        id: str,
        client: str,
        *,
        calendar: WorkCalendar | None = None,
        rulebook: Rulebook | None = None,
        job_format: JobNumberFormat | None = None,
    ) -> None:
        if job_format is not None and not isinstance(job_format, JobNumberFormat):
            msg = f"job_format must be a JobNumberFormat or None (got {type(job_format).__name__})."
            raise InvalidInputError(msg)
        if calendar is not None and not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"calendar must be a WorkCalendar or None (got {brief(calendar)}).")
        if rulebook is not None and not isinstance(rulebook, Rulebook):
            raise InvalidInputError(f"rulebook must be a Rulebook or None (got {brief(rulebook)}).")
        self._id = text_value(id, "an engagement's id")
        self._client = text_value(client, "the client's name")
        self._calendar = calendar if calendar is not None else default_calendar()
        self._rulebook = rulebook if rulebook is not None else _STANDARD_BOOK
        #: How job numbers are written (checked on every path); ``None``: any printable text.
        self._job_format = job_format
        self._stage = Stage.INTENT
        self._held_from: Stage | None = None
        self._revision_rounds = 0
        # The log is a list (appending is O(1); ADR 0005 as amended by ADR 0006); the facts are
        # plain tuples of plain values the garbage collector stops tracking after its first pass.
        self._log = []
        self._last = float("-inf")
        self._cache: dict[str, Any] | None = None  # views computed from the log, made when first asked
        self._docs = 0
        self._team: Mapping[str, str] = _EMPTY
        # Facts that are events keep the event's offset in the flat log, not a copy (ADR 0005).
        self._quotes: tuple[int, ...] = ()
        self._jobs = ()
        self._work_orders = ()
        self._signoffs: tuple[int, ...] = ()
        self._fee_list_for: date | None = None
        self._placements: tuple[int, ...] = ()
        self._reported = 0  # bit i set: the execution report of round i + 1 is in
        self._delivered: tuple[int, ...] = ()
        self._waits: tuple[tuple[Any, ...], ...] = ()
        self._rushes = ()
        self._steps: tuple[int, ...] = ()  # submit_step / approve_step / refuse_step events
        self._revisions: tuple[tuple[Any, ...], ...] = ()  # (number, job, opened_at, working_days, count)
        self._numbers = None if job_format is None else NumberAllocator(format=job_format)
        self._wf = None  # issue 11 §5-§7 records (TV, estimates, meetings)

    # -- values ----------------------------------------------------------------

    @property
    def waits(self) -> tuple[Wait, ...]:
        """Every interval the engagement (or one job's production step, kind ``"step"``) waited on
        the client, in the order the waits began."""
        steps = (Wait(a, b, r, "step", job) for a, b, r, job in self._step_waits)
        return tuple(sorted((*(Wait(*w) for w in self._waits), *steps), key=lambda w: unambiguous(w.start)))

    @property
    def work_orders(self) -> tuple[Event, ...]:
        """The client's written work orders (G3), oldest first."""
        return events_at(self._log, self._work_orders)

    @property
    def placements(self) -> tuple[Event, ...]:
        """The placement rounds, oldest first."""
        return events_at(self._log, self._placements)

    @property
    def delivered(self) -> tuple[Event, ...]:
        """The deliveries of job orders' work, oldest first."""
        return events_at(self._log, self._delivered)

    @property
    def rushes(self) -> tuple[Event, ...]:
        """Rush requests and the agency's decisions, oldest first."""
        return events_at(self._log, self._rushes)

    def rush_assessments(self) -> tuple[tuple[Event, RushAssessment], ...]:
        """Each rush request with its T8 assessment, recomputed from the log (never read from a file),
        as it stood when the request was made. Cached per log length.

        Raises:
            CalendarRangeError, ProvisionalCalendarError: the calendar cannot count the days.
        """
        from adservice.engagement.views import rush_assessments_of  # noqa: PLC0415 - only when asked

        result: tuple[tuple[Event, RushAssessment], ...] = self._cached("rushes", rush_assessments_of)
        return result

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Engagement):
            return NotImplemented
        return (
            self.id == other.id
            and self.client == other.client
            and self.job_format == other.job_format
            and self.calendar == other.calendar
            and self.rulebook == other.rulebook
            and len(self._log) == len(other._log)
            and self.events == other.events
            and self.stage is other.stage
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        stage, n = self.stage.value, len(self)
        return f"Engagement({brief(self.id)}, client={brief(self.client)}, stage={stage}, events={n})"

    def _repr_html_(self) -> str:
        return show("html", self)

    # -- questions -------------------------------------------------------------

    def allowed_triggers(self) -> tuple[str, ...]:
        """The triggers the lifecycle table allows in the current stage."""
        return TABLE.allowed(self.stage)

    @property
    def job_orders(self) -> dict[str, JobOrder]:
        """Job number -> its job order, then each revision job order (L11) under its own number."""
        out = {job[0]: JobOrder(*job) for job in self._jobs}
        for number, job, _, _, count in self._revisions:
            base = out[job]
            text = f"revision {count} of {job}: {base.description}"
            out[number] = JobOrder(number, base.item, text, base.creative_brief, count)
        return out

    @property
    def quotes(self) -> dict[str, str]:
        """Quote id -> ``"approved"`` or ``"submitted"`` (G6)."""
        log = self._log
        return {
            pget(log[o + 3], "quote"): "approved" if log[o + 2] == "approve_quote" else "submitted"
            for o in self._quotes
        }

    @property
    def signoffs(self) -> dict[str, Event]:
        """Deliverable -> the client's written sign-off event in force (G3)."""
        return {pget(ev[3], "deliverable"): ev for ev in events_at(self._log, self._signoffs)}

    def has(self, document: str) -> bool:
        """Whether ``document`` (e.g. ``"contract"``, ``"prepayment"``) has been recorded.

        Raises:
            InvalidInputError: ``document`` is not text.
        """
        if not isinstance(document, str):
            raise InvalidInputError(f"a document is named by text, e.g. 'contract' (got {brief(document)}).")
        return bool(self._docs & DOC_BITS.get(document, 0))

    @property
    def documents(self) -> tuple[str, ...]:
        """Every document recorded so far, in lifecycle order."""
        return tuple(d for d, bit in DOC_BITS.items() if self._docs & bit)

    def placement_rounds(self) -> tuple[tuple[date, date], ...]:
        """Each placement round's first and last day."""
        return tuple(
            (date.fromisoformat(pget(p[3], "start")), date.fromisoformat(pget(p[3], "end")))
            for p in events_at(self._log, self._placements)
        )

    def requirements(self, trigger: str | None = None) -> tuple[Requirement, ...]:
        """Every requirement of ``trigger`` (default: the stage's forward move, :data:`FORWARD`), met or not.

        Rules the rulebook disables are left out. An engagement on hold or in a final
        stage has no forward move and no requirements.
        """
        trigger = trigger if trigger is not None else FORWARD.get(self.stage)
        move = TABLE.move(self.stage, trigger) if isinstance(trigger, str) else None
        if move is None:
            return ()
        off = disabled(self.rulebook)
        unmet = {(r, d) for r, d in missing(self, trigger)}  # type: ignore[arg-type]
        out = []
        for key in move.requires:
            gate = TABLE.gate(key)
            if gate.rule_id in off:
                continue
            text = gate.text(self) if callable(gate.text) else gate.text
            out.append(Requirement(gate.rule_id, text, gate.owner, (gate.rule_id, text) not in unmet))
        return tuple(out)

    def missing(self, trigger: str) -> tuple[tuple[str, str], ...]:
        """Every unmet requirement of ``trigger`` from the current stage, as ``(rule_id, description)``.

        Rules the rulebook disables (``Rulebook.without``) are not checked. An empty tuple
        when the trigger is allowed and every requirement is met.

        Raises:
            TransitionNotAllowed: ``trigger`` is not a trigger of the lifecycle (naming them all).
        """
        if trigger not in TABLE.triggers:
            shown = trigger if isinstance(trigger, str) else brief(trigger)
            raise TransitionNotAllowed(self.stage.value, shown, TABLE.triggers)
        return missing(self, trigger)

    def plans(self) -> dict[str, Plan]:
        """The standard turnaround plan of every job order under a written work order, by job number,
        with the client's expected review window after each production step (G5's ``review_days``)."""
        from adservice.deadlines.plans import plan  # noqa: PLC0415 - planning is needed only when asked

        out: dict[str, Plan] = {}
        items = {job[0]: job[1] for job in self._jobs}
        book = self.rulebook
        review = 0 if "G5" in disabled(book) else book.param("G5", "review_days")  # the client's, per step
        for order in events_at(self._log, self._work_orders):
            for job in thaw(pget(order[3], "jobs")):
                days = review if book.item(items[job]).chain else 0
                out[job] = plan(items[job], order[0], calendar=self.calendar, rulebook=book, review_days=days)
        return out

    def _cached(self, name: str, compute: Any) -> Any:
        """``compute(self)``, kept until the log grows (reports over thousands of engagements ask often)."""
        cache = self._cache
        if cache is None:
            cache = self._cache = {}
        hit = cache.get(name)
        if hit is None or hit[0] != len(self._log):
            hit = cache[name] = (len(self._log), compute(self))
        return hit[1]

    def clocks(self) -> dict[str, Clock]:
        """A clock per job order (:func:`~adservice.deadlines.job_clock`): started by the work order,
        paused while the engagement waits on the client (approval rounds, on hold), stopped by
        delivery, due on the accepted rush's day if any. Cached per log length."""
        from adservice.engagement.views import clocks_of  # noqa: PLC0415 - deadlines load when asked

        return dict(self._cached("clocks", clocks_of))

    @property
    def duties(self) -> tuple[Due, ...]:
        """The dated duties the log created, as :class:`~adservice.deadlines.Due` values in the order of
        their causes: O2/O3 per meeting, O7 per booking (done when the fee list is approved), O5 per
        placement round (done when its execution report is in). Cached per log length."""
        from adservice.engagement.views import duties_of  # noqa: PLC0415

        result: tuple[Due, ...] = self._cached("duties", duties_of)
        return result

    def waiting(self) -> tuple[tuple[datetime, datetime | None, str], ...]:
        """Intervals the engagement waited on the client, overlapping waits merged, oldest first."""
        from adservice.engagement.views import waiting_of  # noqa: PLC0415

        return waiting_of(self)

    def accepted_rushes(self) -> dict[str, date]:
        """Job number -> the requested due date of a rush the agency accepted."""
        from adservice.engagement.views import accepted_rushes  # noqa: PLC0415

        return accepted_rushes(self)

    def deliverables_due(self) -> tuple[str, ...]:
        """Deliverables the client must sign before media booking (G3)."""
        return DELIVERABLES

    # -- serialisation -------------------------------------------------------------

    def _header(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client": self.client,
            "calendar": self.calendar,
            "rulebook": self.rulebook,
            "job_format": self.job_format,
        }

    @classmethod
    def _from_header(cls, header: Mapping[str, Any]) -> Engagement:
        return cls(
            header["id"],
            header["client"],
            calendar=header["calendar"],
            rulebook=header["rulebook"],
            job_format=header["job_format"],
        )

    def _header_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "client": self.client,
            "calendar": self.calendar.to_dict(),
            "rulebook": None if self.rulebook == _STANDARD_BOOK else self.rulebook.to_dict(),
        }
        if self.job_format is not None:  # saved only when set, so files without one stay as they were
            out["job_format"] = {"spec": self.job_format.spec, "revision": self.job_format.revision}
        return out

    @classmethod
    def _load_header(cls, data: Mapping[str, Any], version: int) -> Engagement:
        keys = {"schema", "id", "client", "calendar", "rulebook", "events"}
        if version >= 2:
            keys |= {"count", "digest"}
            if "job_format" in data:
                keys.add("job_format")
        if set(data) != keys:
            raise SchemaError(f"an engagement has keys {sorted(data)}; expected exactly {sorted(keys)}.")
        if not isinstance(data["id"], str) or not isinstance(data["client"], str):
            raise SchemaError("an engagement's id and client must be strings.")
        try:
            calendar = calendar_from(data["calendar"])
            rulebook = _STANDARD_BOOK if data["rulebook"] is None else Rulebook.from_dict(data["rulebook"])
            if version < SCHEMA_VERSION:  # recorded before issue 11's rules: judged without them
                rulebook = legacy_rulebook(rulebook)
            return cls(
                data["id"],
                data["client"],
                calendar=calendar,
                rulebook=rulebook,
                job_format=job_format_from(data.get("job_format")),
            )
        except SchemaError:
            raise
        except AdServiceError as error:
            raise SchemaError(f"the engagement's settings are refused: {error}") from None

    @classmethod
    def _upgrade(cls, item: object, renamed: Mapping[str, str]) -> object:
        """An older event in schema-3 words (:func:`~adservice.engagement._legacy.upgrade_event`)."""
        item = super()._upgrade(item, renamed)
        return upgrade_event(item) if isinstance(item, Mapping) else item

    @classmethod
    def from_dict(cls, data: object) -> Engagement:
        """Load and replay strictly (schema 3; 2 and 1 as :mod:`~adservice.engagement._legacy` says);
        any fault refuses all.

        Raises:
            SchemaError: unknown schema, keys or types; a count or digest that does not match;
                an event the lifecycle refuses on replay (``index`` and ``rule_id`` name it).
        """
        result: Engagement = super().from_dict(data)
        return result

    @classmethod
    def replay(
        cls,
        events: Iterable[Event],
        *,
        id: str,
        client: str,
        calendar: WorkCalendar | None = None,
        rulebook: Rulebook | None = None,
        job_format: JobNumberFormat | None = None,
    ) -> Engagement:
        """Fold a log (or a prefix of one) into a new engagement; every event is checked as it happened.

        Raises:
            InvalidInputError: ``events`` is not an iterable of events; and whatever the live
                method would raise for the first refused event.
        """
        engagement = cls(id, client, calendar=calendar, rulebook=rulebook, job_format=job_format)
        result: Engagement = cls._replay_into(engagement, events)
        return result

    def as_of(self, instant: datetime) -> Engagement:
        """The engagement as it stood at ``instant``: the events dated at or before it, replayed."""
        result: Engagement = super().as_of(instant)
        return result


def as_portfolio(portfolio: object) -> tuple[Engagement, ...]:
    """One engagement or an iterable of them, as a tuple; each engagement listed once.

    Raises:
        InvalidInputError: not engagements, or an engagement id twice.
    """
    if isinstance(portfolio, Engagement):
        return (portfolio,)
    if isinstance(portfolio, (str, bytes, Mapping)) or not isinstance(portfolio, Iterable):
        raise InvalidInputError(
            f"portfolio must be an Engagement or an iterable of them (got {brief(portfolio)})."
        )
    out = tuple(portfolio)
    seen: set[str] = set()
    for e in out:
        if not isinstance(e, Engagement):
            raise InvalidInputError(f"a portfolio holds Engagement values (got {brief(e)}).")
        if e.id in seen:
            raise InvalidInputError(
                f"engagement {brief(e.id)} appears twice in the portfolio; list each once."
            )
        seen.add(e.id)
    return out
