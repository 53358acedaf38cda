"""The kernel every event-sourced object stands on (Engagement now, ClientIssue next).

What a machine provides
    One :class:`MachineTable` built from rows (:mod:`adservice.kernel.table`):

    * :class:`Move` ``(trigger, source, dest, requires, label)`` — a stage change; ``dest=None``
      keeps the stage; ``requires`` are keys of the gate rows;
    * :class:`Action` ``(kind, stages, party, evidence, payload, rule_id, what)`` — one per event
      kind (the kind equals the method name): where a record is allowed (moves take their
      stages from the move rows), who acts (``"client"``/``"agency"``/``None``), whether a
      document id is required, the exact payload keys as :class:`Field` rows
      (``"text"``, ``"str"``, ``"bool"``, ``"int"`` with ``minimum``, ``"date"``, ``"texts"``,
      ``"instants"``, ``"names"``, ``"mapping"``, ``"object"``; ``choices``), and the rule it cites;
    * :class:`Gate` ``(key, rule_id, text, owner, check)`` — a requirement row; ``check`` is a
      document name or a predicate on the object; ``text`` a string or a function of the object.

    Building the table validates it (unreachable stage, exit from a final stage, unknown
    requirement key, duplicate kind or key, a rule id the standard rulebook lacks) and loads
    it into one shared :class:`transitions.Machine` (``table.machine``) from which the move
    lookup is read back. Lookups: ``move(stage, trigger)``, ``dest``, ``allowed(stage)``,
    ``action(kind)``, ``gate(key)``, ``records_in(stage)``, ``citing(rule_id)``, ``mermaid()``.

What an object gets
    Subclass :class:`EventSourced` and set ``TABLE``, ``SCHEMA`` (int), ``NAME`` (for
    messages), ``HANDLERS`` (kind -> ``handler(obj, raw, party)``, which checks what the
    table cannot say and raises before it changes state), ``RENAMED`` (older schema ->
    {old kind: new kind}); implement ``_header()`` / ``_from_header(header)`` (the values a
    new empty object is built from) and ``_header_dict()`` / ``_load_header(data, version)``
    (their JSON form). Keep ``self._log = []`` in ``__init__`` (a flat list, five slots per event:
    :mod:`adservice.kernel._log`; ``_last`` is no longer read;
    setting it is harmless). A subclass may override ``_handler_for(stage, kind)`` to hand
    out handlers compiled per stage. Then every object gets, the same way:

    * ``_append(at, actor, kind, flat_payload, evidence)`` — THE one validation path: aware
      instant in an IANA zone or fixed offset, chronology by instant (fold-safe), a named
      ``party:name`` actor, kind and stage, the party and evidence the table requires, the
      exact payload keys and types; then the handler; then the log. Live methods call it.
      It first tests the whole event against the stage's compiled steps
      (:mod:`adservice.kernel.compiled`) and runs the checks one by one only when that
      cannot prove the event right, to raise the error that names the first fault;
    * ``apply(event)``, ``replay`` (via ``_replay_into(obj, events)``), ``as_of(instant)``,
      ``events``, ``allowed_actions()``;
    * ``to_dict()`` — ``{"schema", <header>, "events", "count", "digest"}`` (digest:
      :func:`log_digest`, sha256 of the log's canonical JSON);
    * ``from_dict(data)`` — checks count and digest, renames old kinds, replays through the
      same path; any fault raises :class:`~adservice.errors.SchemaError` with ``index`` and
      ``rule_id``, and nothing partial is returned.

    Mutation model (ADR 0006): methods append in place and return ``self``; ``replay``,
    ``as_of`` and ``from_dict`` build new objects.

Events (:mod:`adservice.kernel.events`): :class:`Event`, :func:`freeze`/:func:`thaw`,
:func:`instant_text`/:func:`parse_instant_text` (``2025-11-02T01:10:00-05:00[America/New_York]``).
"""

from __future__ import annotations

from adservice.kernel.base import PARTIES, EventSourced, check_payload, log_digest, party_of
from adservice.kernel.events import (
    MAX_DEPTH,
    MAX_TEXT,
    MAX_VALUES,
    Event,
    JSONValue,
    Payload,
    aware_instant,
    check_chronology,
    check_json,
    flatten,
    freeze,
    instant_text,
    parse_instant,
    parse_instant_text,
    thaw,
)
from adservice.kernel.table import Action, Field, Gate, MachineTable, Move

__all__ = [
    "MAX_DEPTH",
    "MAX_TEXT",
    "MAX_VALUES",
    "PARTIES",
    "Action",
    "Event",
    "EventSourced",
    "Field",
    "Gate",
    "JSONValue",
    "MachineTable",
    "Move",
    "Payload",
    "aware_instant",
    "check_chronology",
    "check_json",
    "check_payload",
    "flatten",
    "freeze",
    "instant_text",
    "log_digest",
    "parse_instant",
    "parse_instant_text",
    "party_of",
    "thaw",
]
