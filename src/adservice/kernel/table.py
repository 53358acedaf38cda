"""One declarative table per event-sourced machine, validated when built and compiled into lookups.

A :class:`MachineTable` holds three kinds of rows:

* :class:`Move` — a stage change: ``trigger`` moves ``source`` to ``dest`` once the
  requirement keys in ``requires`` hold (``dest=None``: the stage stays);
* :class:`Action` — what every event kind carries and who may record it: the stages it
  is allowed in (moves take theirs from the move rows), the party that acts, whether a
  document (``evidence``) is required, and the payload schema (:class:`Field` rows);
* :class:`Gate` — a requirement: its key, the rule whose text it enforces, what it asks,
  whose move it is, and its check.

    >>> t = MachineTable(
    ...     name="door", stages=("shut", "open"), initial="shut", finals=(),
    ...     moves=(Move("open", "shut", "open", ("key",)), Move("shut", "open", "shut")),
    ...     actions=(Action("open"), Action("shut")),
    ...     gates=(Gate("key", "G7", "a key", "agency", "key"),))
    >>> t.dest("shut", "open"), t.allowed("open")
    ('open', ('shut',))

Building a table checks it: every stage reachable, no way out of a final stage,
every requirement key known, every rule id in the standard rulebook, every
kind described once. The table is also loaded into one shared
:class:`transitions.Machine` (ADR 0004) from which the move lookup is read back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
from transitions import Machine

from adservice.errors import InvalidChoiceError, InvalidInputError, TableError, brief

__all__ = ["Action", "Field", "Gate", "MachineTable", "Move"]


@attrs.frozen
class Field:
    """One payload key of an event kind: its type and bounds.

    ``type`` is one of ``"text"`` (a non-empty string), ``"str"`` (any string),
    ``"bool"``, ``"int"``, ``"date"`` (ISO date text), ``"texts"`` (a non-empty list of
    non-empty strings), ``"names"`` (a list of non-empty strings, possibly empty),
    ``"mapping"`` (an object of strings), ``"object"`` (any JSON object).
    """

    name: str
    type: str
    minimum: int | None = None
    choices: tuple[str, ...] | None = None


@attrs.frozen
class Move:
    """A stage change: ``trigger`` moves ``source`` to ``dest`` once ``requires`` hold."""

    trigger: str
    source: str
    dest: str | None
    requires: tuple[str, ...] = ()
    label: str = ""


@attrs.frozen
class Action:
    """What an event kind carries and who may record it.

    Attributes:
        kind: the event kind, equal to the method's name.
        stages: where a record is allowed (a move's stages come from its move rows).
        party: ``"client"``, ``"agency"`` or ``None`` (anyone named).
        evidence: a document id is required.
        payload: the exact payload keys, with their types and bounds (``None``: any keys).
        rule_id: the rule that says who acts (named in refusals).
        what: what the event is, for messages.
    """

    kind: str
    stages: tuple[str, ...] = ()
    party: str | None = None
    evidence: bool = False
    payload: tuple[Field, ...] | None = ()
    rule_id: str = ""
    what: str = ""


@attrs.frozen
class Gate:
    """A requirement row: ``key`` enforces ``rule_id``; ``check`` is a document name or a predicate."""

    key: str
    rule_id: str
    text: str | Callable[[Any], str]
    owner: str
    check: str | Callable[[Any], bool]


def _standard_rule_ids() -> frozenset[str]:
    from adservice.rulebook.book import Rulebook  # noqa: PLC0415 - read once, when a table is built

    return frozenset(Rulebook.standard().rules)


@attrs.frozen
class MachineTable:
    """One machine's table: stages, moves, actions and gates, validated and compiled when built.

    Raises:
        InvalidInputError: a field has the wrong type (``stages`` not a tuple of text, ``moves`` not
            :class:`Move` rows...).
        TableError: the table is broken (a defect in the module that builds it, caught at import);
            also a ``RuntimeError``.
    """

    name: str
    stages: tuple[str, ...]
    initial: str
    finals: tuple[str, ...]
    moves: tuple[Move, ...]
    actions: tuple[Action, ...]
    gates: tuple[Gate, ...]
    machine: Machine = attrs.field(init=False, eq=False, repr=False)
    _next: Mapping[tuple[str, str], Move] = attrs.field(init=False, eq=False, repr=False)
    _allowed: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    by_kind: Mapping[str, Action] = attrs.field(init=False, eq=False, repr=False)
    _gates: Mapping[str, Gate] = attrs.field(init=False, eq=False, repr=False)
    _record_stages: Mapping[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._check_types()
        self._validate()
        plain = str.__str__  # a str-valued enum member as its plain value
        machine = Machine(
            model=None,
            states=[plain(s) for s in self.stages],
            transitions=[
                {"trigger": m.trigger, "source": plain(m.source), "dest": plain(m.dest or m.source)}
                for m in self.moves
            ],
            initial=plain(self.initial),
            auto_transitions=False,
        )
        rows = {(plain(m.source), m.trigger, plain(m.dest or m.source)): m for m in self.moves}
        nxt: dict[tuple[str, str], Move] = {}
        for trigger, event in machine.events.items():
            for source, moves in event.transitions.items():
                move = rows[(source, trigger, str(moves[0].dest))]
                nxt[(move.source, trigger)] = move
        triggers = tuple(dict.fromkeys(m.trigger for m in self.moves))
        set_ = object.__setattr__
        set_(self, "machine", machine)
        set_(self, "_next", nxt)
        set_(self, "_allowed", {s: tuple(t for t in triggers if (s, t) in nxt) for s in self.stages})
        set_(self, "by_kind", {a.kind: a for a in self.actions})
        set_(self, "_gates", {g.key: g for g in self.gates})
        set_(self, "_record_stages", {a.kind: frozenset(a.stages) for a in self.actions})

    def _check_types(self) -> None:
        rows: tuple[tuple[str, object, type], ...] = (
            ("moves", self.moves, Move),
            ("actions", self.actions, Action),
            ("gates", self.gates, Gate),
        )
        texts: tuple[tuple[str, object], ...] = (("stages", self.stages), ("finals", self.finals))
        problem = ""
        if not isinstance(self.name, str) or not isinstance(self.initial, str):
            problem = f"name and initial must be text (got {brief(self.name)}, {brief(self.initial)})"
        for field, value in texts:
            if not isinstance(value, tuple) or not all(isinstance(x, str) for x in value):
                problem = problem or f"{field} must be a tuple of text (got {brief(value)})"
        for label, rows_of, row in rows:
            if not isinstance(rows_of, tuple) or not all(isinstance(x, row) for x in rows_of):
                problem = problem or f"{label} must be a tuple of {row.__name__} rows (got {brief(rows_of)})"
        if problem:
            raise InvalidInputError(f"a MachineTable's {problem}.")

    def _validate(self) -> None:
        problems: list[str] = []
        stages = set(self.stages)
        if self.initial not in stages:
            problems.append(f"initial stage {brief(self.initial)} is not a stage")
        for m in self.moves:
            for stage in (m.source, m.dest or m.source):
                if stage not in stages:
                    problems.append(f"move {brief(m.trigger)} names unknown stage {brief(stage)}")
        reached, frontier = {self.initial}, [self.initial]
        while frontier:
            here = frontier.pop()
            for m in self.moves:
                dest = m.dest or m.source
                if m.source == here and dest not in reached:
                    reached.add(dest)
                    frontier.append(dest)
        if stages - reached:
            problems.append(f"unreachable stages {sorted(stages - reached)}")
        leaving = sorted({m.trigger for m in self.moves if m.source in self.finals})
        if leaving:
            problems.append(f"triggers {leaving} leave a final stage")
        kinds = [a.kind for a in self.actions]
        if len(kinds) != len(set(kinds)):
            problems.append(f"duplicate kinds {sorted({k for k in kinds if kinds.count(k) > 1})}")
        for trigger in {m.trigger for m in self.moves} - set(kinds):
            problems.append(f"trigger {brief(trigger)} has no action row")
        for a in self.actions:
            if set(a.stages) - stages:
                problems.append(
                    f"action {brief(a.kind)} names unknown stages {sorted(set(a.stages) - stages)}"
                )
            if a.party not in (None, "client", "agency"):
                problems.append(f"action {brief(a.kind)} has unknown party {brief(a.party)}")
        keys = [g.key for g in self.gates]
        if len(keys) != len(set(keys)):
            problems.append(f"duplicate requirement keys {sorted({k for k in keys if keys.count(k) > 1})}")
        for m in self.moves:
            for key in set(m.requires) - set(keys):
                problems.append(f"move {brief(m.trigger)} requires unknown key {brief(key)}")
        known = _standard_rule_ids()
        cited = {g.rule_id for g in self.gates} | {a.rule_id for a in self.actions if a.rule_id}
        if cited - known:
            problems.append(f"rule ids {sorted(cited - known)} are not in the standard rulebook")
        for g in self.gates:
            if g.owner not in ("client", "agency"):
                problems.append(f"requirement {brief(g.key)} has unknown owner {brief(g.owner)}")
        if problems:
            raise TableError(f"the {self.name} table is broken: " + "; ".join(problems))

    # -- lookups ---------------------------------------------------------------

    def move(self, stage: str, trigger: str) -> Move | None:
        """The row ``trigger`` fires from ``stage``, or None (also for values that are no stage)."""
        try:
            return self._next.get((stage, trigger))
        except TypeError:  # unhashable: no stage, no trigger
            return None

    def dest(self, stage: str, trigger: str) -> str | None:
        """Where ``trigger`` leads from ``stage`` (None: not allowed)."""
        move = self.move(stage, trigger)
        return None if move is None else (move.dest or move.source)

    def allowed(self, stage: str) -> tuple[str, ...]:
        """The triggers allowed from ``stage``, in table order (none for a value that is no stage)."""
        try:
            return self._allowed.get(stage, ())
        except TypeError:
            return ()

    def action(self, kind: str) -> Action | None:
        """The row describing event kind ``kind``, or None (also for a value that is no kind)."""
        return self.by_kind.get(kind) if isinstance(kind, str) else None

    def gate(self, key: str) -> Gate:
        """The requirement row ``key``.

        Raises:
            InvalidChoiceError: ``key`` names no requirement row (the message lists them).
        """
        gate = self._gates.get(key) if isinstance(key, str) else None
        if gate is None:
            raise InvalidChoiceError("a requirement row", key, self._gates)
        return gate

    def records_in(self, stage: str) -> tuple[str, ...]:
        """The record kinds (not moves) allowed in ``stage``, in table order (none for a non-stage)."""
        if not isinstance(stage, str):
            return ()
        return tuple(a.kind for a in self.actions if stage in self._record_stages[a.kind])

    @property
    def triggers(self) -> tuple[str, ...]:
        """Every trigger, in table order."""
        return tuple(dict.fromkeys(m.trigger for m in self.moves))

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every event kind, in table order."""
        return tuple(a.kind for a in self.actions)

    def citing(self, rule_id: str) -> tuple[Gate, ...]:
        """The requirement rows that cite ``rule_id``."""
        return tuple(g for g in self.gates if g.rule_id == rule_id)

    def mermaid(self, *, skip: frozenset[str] = frozenset(), rules: bool = False) -> list[str]:
        """The table's moves as Mermaid ``stateDiagram-v2`` lines (``skip``: triggers left out).

        Raises:
            InvalidInputError: ``skip`` is not a set of triggers.
        """
        if not isinstance(skip, (set, frozenset, tuple, list)) or not all(isinstance(t, str) for t in skip):
            raise InvalidInputError(f"skip must be a set of triggers (got {brief(skip)}).")
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for m in self.moves:
            if m.trigger in skip:
                continue
            label = m.trigger
            if rules:
                act = self.by_kind.get(m.trigger)
                label = f"{m.trigger} ({act.rule_id})" if act is not None and act.rule_id else label
            lines.append(f"    {m.source} --> {m.dest or m.source}: {label}")
        return lines
