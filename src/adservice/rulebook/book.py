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
    >>> book.with_params("O7", days=4).param("O7", "days")
    4

Handbooks (``../shared/seeds``): H1 client service handbook (2002, the
standard turnaround table), H2 AE execution handbook, H3 account department
workflow, H4 account service expertise, H5 client issue management.
The rules are in :mod:`adservice.rulebook.standard`, the turnaround table in
:mod:`adservice.rulebook.turnaround`, each rule's parameters in
:mod:`adservice.rulebook.params`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal, overload

import attrs

from adservice._frozen import FrozenDict
from adservice.errors import (
    InvalidChoiceError,
    InvalidInputError,
    RulebookError,
    SchemaError,
    UnknownItemError,
    UnknownRuleError,
    brief,
)
from adservice.rulebook.params import check_params, param_value
from adservice.rulebook.rules import HANDBOOKS, RULE_KINDS, Rule, RuleKind
from adservice.rulebook.serial import SCHEMA_VERSION, structure, unstructure
from adservice.rulebook.standard import STANDARD_RULES
from adservice.rulebook.turnaround import STANDARD_TURNAROUND, RushPolicy, Turnaround

# HANDBOOKS, Rule, RuleKind, RushPolicy, STANDARD_TURNAROUND and Turnaround are re-exported:
# other packages import them from here.
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

_IntKey = Literal[
    "days",
    "weekday",
    "notice_working_days",
    "meeting_minutes",
    "prospect_every_days",
    "resolve_working_days",
    "return_visit_working_days",
]
_HoursKey = Literal["hours", "agenda_hours", "reconfirm_hours", "response_hours"]
_TextKey = Literal["at", "after", "before", "item", "monthly", "clock"]
_NamesKey = Literal["roles", "lead_roles", "categories"]
_SlotKey = Literal["tally", "report", "meeting"]

_CHOICES: Mapping[str, tuple[str, ...]] = {
    # Which rule a meeting's written report follows: O2 (24 h) or O3 (48 h); and a phone call's.
    "meeting_report": ("O2", "O3"),
    "call_report": ("O3", "O2"),
    # Whether hour rules count elapsed hours, elapsed hours rolled to a working day, or business hours.
    "report_clock": ("elapsed", "elapsed_rolled", "business"),
}
_DEFAULT_CHOICES: Mapping[str, str] = {"meeting_report": "O2", "call_report": "O3", "report_clock": "elapsed"}


def _keyed(value: object, kind: type[Any], key: str, what: str) -> dict[Any, Any]:
    """A mapping as given, or values keyed by ``key`` (refusing a key listed twice)."""
    if isinstance(value, Mapping):
        return FrozenDict(value)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"{what}s must be {kind.__name__} values (got {brief(value)}).")
    out: dict[Any, Any] = {}
    for one in value:
        if not isinstance(one, kind):
            raise InvalidInputError(f"{what}s must be {kind.__name__} values (got {brief(one)}).")
        k = getattr(one, key)
        if k in out:
            msg = f"{what} {brief(k)} is listed twice; each {what} appears once in a rulebook."
            raise RulebookError(msg, rule_id=k if kind is Rule else None)
        out[k] = one
    return FrozenDict(out)


def _keyed_items(value: Mapping[str, Turnaround] | Iterable[Turnaround]) -> dict[str, Turnaround]:
    return _keyed(value, Turnaround, "key", "item")


def _keyed_rules(value: Mapping[str, Rule] | Iterable[Rule]) -> dict[str, Rule]:
    return _keyed(value, Rule, "id", "rule id")


def _with_default_choices(value: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"choices must be a mapping of choice name to rule id (got {brief(value)}).")
    return FrozenDict({**_DEFAULT_CHOICES, **value})


def _rush(value: object) -> RushPolicy:
    if not isinstance(value, RushPolicy):
        raise InvalidInputError(f"rush must be a RushPolicy (got {brief(value)}).")
    return value


#: Parameters that name turnaround items of the same rulebook: rule id -> (parameter, a list?).
_ITEM_PARAMS: Mapping[str, tuple[str, bool]] = {
    **{f"T{i}": ("item", False) for i in range(1, 8)},
    "E1": ("items", True),
}


def _check_item_keys(rule: Rule, items: Mapping[str, Turnaround]) -> None:
    """Refuse a parameter naming a turnaround item the rulebook does not have (E1 also takes ['all'])."""
    spec = _ITEM_PARAMS.get(rule.id)
    if spec is None or spec[0] not in rule.params:
        return
    key, many = spec
    value = rule.params[key]  # its type and form passed check_params already
    keys = tuple(sorted(items))
    named = tuple(value) if many else (value,)
    if many and named == ("all",):
        return
    unknown = [k for k in named if k not in items]
    if many and "all" in named:
        unknown = ["all"]
    if not unknown:
        return
    allowed = f"one of this rulebook's turnaround item keys ({', '.join(keys)})"
    if many:
        allowed = f"a list of this rulebook's turnaround item keys ({', '.join(keys)}), or ['all'] alone"
    msg = (
        f"rule {rule.id}'s parameter {brief(key)} names {brief(unknown[0])}, which is not an item of "
        f"this rulebook (got {brief(value)}); it must be {allowed}. Add the item first with "
        "Rulebook.with_item(...)."
    )
    raise RulebookError(
        msg, rule_id=rule.id, parameter=key, value=value, allowed=("all", *keys) if many else keys
    )


@attrs.frozen
class Rulebook:
    """Turnaround items, rules (gates, duties, rush) and the agency's choices between conflicting rules.

    Invalid rulebooks are refused whenever one is built (the constructor,
    :meth:`with_params`, :meth:`with_rule`, :meth:`with_item`, :meth:`with_days`,
    :meth:`choose`, :meth:`from_dict`): chains naming unknown items or looping,
    a chain whose days disagree with its steps, a rule id or item key listed
    twice, rules with unknown kinds, parameters outside their schema
    (:mod:`adservice.rulebook.params`: unknown keys, wrong types, out-of-range
    numbers; T1–T7's ``item`` and E1's ``items`` naming a turnaround item the rulebook does
    not have), choices outside their allowed rules.

    Raises:
        RulebookError: naming the rule, the parameter, the value and what is allowed
            (also as the error's ``rule_id``, ``parameter``, ``value``, ``allowed``).
        InvalidChoiceError: an unknown kind or choice.
        InvalidInputError: items, rules or rush of the wrong type.

    >>> Rulebook.standard().with_params("O7", days=-3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.RulebookError: rule O7's parameter 'days' must be an int ... 0..60 (got -3); fix it ...
    """

    items: Mapping[str, Turnaround] = attrs.field(converter=_keyed_items, hash=False)
    rules: Mapping[str, Rule] = attrs.field(converter=_keyed_rules, hash=False)
    rush: RushPolicy = attrs.field(factory=RushPolicy, converter=_rush)
    choices: Mapping[str, str] = attrs.field(factory=dict, converter=_with_default_choices, hash=False)

    def __attrs_post_init__(self) -> None:
        for key, item in self.items.items():
            if not isinstance(item, Turnaround) or item.key != key:
                raise RulebookError(
                    f"items[{brief(key)}] must be a Turnaround with key {brief(key)} (got {brief(item)})."
                )
            self._check_chain(item)
        for rid, rule in self.rules.items():
            if not isinstance(rule, Rule) or rule.id != rid:
                raise RulebookError(
                    f"rules[{brief(rid)}] must be a Rule with id {brief(rid)} (got {brief(rule)})."
                )
            if rule.kind not in RULE_KINDS:
                raise InvalidChoiceError(f"rule {rid}'s kind", rule.kind, RULE_KINDS)
            if not isinstance(rule.enabled, bool):
                msg = f"rule {rid}'s enabled must be True or False (got {brief(rule.enabled)})."
                raise RulebookError(
                    msg, rule_id=rid, parameter="enabled", value=rule.enabled, allowed="a bool"
                )
            check_params(rule)
            _check_item_keys(rule, self.items)
        for name, value in self.choices.items():
            if name not in _CHOICES:
                raise InvalidChoiceError("a rulebook choice", name, sorted(_CHOICES))
            if value not in _CHOICES[name]:
                raise InvalidChoiceError(f"choice {brief(name)}", value, _CHOICES[name])

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
                    f"item {brief(item.key)} chains unknown step "
                    f"{brief(step)}; known items: {sorted(self.items)}."
                )
            sub = self.items[step]
            if sub.unit != "working_days":
                raise RulebookError(f"chain step {brief(step)} must be in working days (got {sub.unit}).")
            total += self._check_chain(sub, (*seen, item.key))
        if item.unit != "working_days" or item.days != (total, total):
            msg = (
                f"item {brief(item.key)} is a chain of {total} working days but declares {item.days}; "
                "make them agree."
            )
            raise RulebookError(msg)
        return total

    # -- lookups -------------------------------------------------------------

    @classmethod
    def standard(cls) -> Rulebook:
        """The handbooks' rulebook: T1–T8, G1–G10, L1–L14, O1–O17, I1–I11, P1–P2, E1–E2, M1–M3, and
        the standard choices.

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
            msg = f"unknown turnaround item {brief(key)}; valid keys: {', '.join(sorted(self.items))}."
            raise UnknownItemError(msg) from None

    def rule(self, rule_id: str) -> Rule:
        """The rule ``rule_id`` (e.g. ``"G4"``).

        Raises:
            UnknownRuleError: naming every valid id (an ``UnknownItemError`` and a ``RulebookError``).
        """
        try:
            return self.rules[rule_id]
        except (KeyError, TypeError):
            raise UnknownRuleError(
                f"unknown rule id {brief(rule_id)}; valid ids: {', '.join(self.rules)}.",
                rule_id=rule_id if isinstance(rule_id, str) else brief(rule_id),
                allowed=tuple(self.rules),
            ) from None

    @overload
    def param(self, rule_id: str, key: _IntKey) -> int: ...
    @overload
    def param(self, rule_id: str, key: _HoursKey) -> float: ...
    @overload
    def param(self, rule_id: str, key: _TextKey) -> str: ...
    @overload
    def param(self, rule_id: str, key: Literal["every_months"]) -> tuple[int, int]: ...
    @overload
    def param(self, rule_id: str, key: _NamesKey) -> tuple[str, ...]: ...
    @overload
    def param(self, rule_id: str, key: _SlotKey) -> tuple[int, str]: ...
    @overload
    def param(self, rule_id: str, key: str) -> object: ...

    def param(self, rule_id: str, key: str) -> object:
        """Rule ``rule_id``'s parameter ``key``, checked and typed: the one way consumers read a number.

        Hours come as ``float``, days and weekdays as ``int``, ``every_months`` as a
        ``(low, high)`` tuple, role and category lists as tuples, O11's slots as
        ``(weekday, "HH:MM")``; a parameter the rule does not set gives its
        declared default. The value already passed its schema when the rulebook
        was built, so callers need not check it again.

        Raises:
            UnknownRuleError: no rule ``rule_id`` in this rulebook (an ``UnknownItemError``).
            RulebookError: ``key`` is not a parameter of that rule (naming its parameters).

        >>> book = Rulebook.standard()
        >>> book.param("O7", "days"), book.param("O5", "hours"), book.param("O1", "every_months")
        (6, 72.0, (3, 6))
        """
        return param_value(self.rule(rule_id), key)

    def rules_of(self, kind: RuleKind) -> tuple[Rule, ...]:
        """Every rule of one kind, in rulebook order."""
        if not isinstance(kind, str) or kind not in RULE_KINDS:
            raise InvalidChoiceError("kind", kind, RULE_KINDS)
        return tuple(r for r in self.rules.values() if r.kind == kind)

    def steps(self, key: str) -> tuple[Turnaround, ...]:
        """The leaf steps of an item, in order (the item itself if it is not a chain)."""
        item = self.item(key)
        if not item.chain:
            return (item,)
        return tuple(leaf for step in item.chain for leaf in self.steps(step))

    def choice(self, name: str) -> str:
        """The agency's choice ``name`` (e.g. ``"meeting_report"`` → ``"O2"``)."""
        if not isinstance(name, str) or name not in _CHOICES:
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
            raise InvalidInputError(f"with_item needs a Turnaround (got {brief(item)}).")
        return attrs.evolve(self, items={**self.items, item.key: item})

    def with_days(self, key: str, days: int | tuple[int, int]) -> Rulebook:
        """Override an item's number of days (a chain's total must still agree with its steps)."""
        return self.with_item(attrs.evolve(self.item(key), days=days))

    def with_rule(self, rule: Rule) -> Rulebook:
        """Add or replace a rule."""
        if not isinstance(rule, Rule):
            raise InvalidInputError(f"with_rule needs a Rule (got {brief(rule)}).")
        return attrs.evolve(self, rules={**self.rules, rule.id: rule})

    def with_params(self, rule_id: str, **params: Any) -> Rulebook:
        """Override some parameters of a rule (e.g. ``with_params("O5", hours=48)``)."""
        rule = self.rule(rule_id)
        return self.with_rule(attrs.evolve(rule, params={**rule.params, **params}))

    def without(self, rule_id: str) -> Rulebook:
        """Disable one rule: it stays listed with ``enabled=False``, and nothing else changes.

        What the rule enforced stops being enforced, exactly that: the
        lifecycle drops the requirement rows citing ``rule_id`` (and only
        those), and the duty functions return ``None`` for a disabled duty rule.

        Raises:
            UnknownRuleError: ``rule_id`` is not in this rulebook (naming the ids it has; a
                ``RulebookError`` and an ``UnknownItemError``).

        >>> Rulebook.standard().without("L6").rule("L6").enabled
        False
        >>> Rulebook.standard().without("G11")
        Traceback (most recent call last):
        ...
        adservice.errors.UnknownRuleError: cannot disable rule 'G11': no such rule; ids: T1, ..., I11.
        """
        if not isinstance(rule_id, str) or rule_id not in self.rules:
            ids = list(self.rules)
            shown = ", ".join(ids) if len(ids) <= 2 else f"{ids[0]}, ..., {ids[-1]}"
            msg = f"cannot disable rule {brief(rule_id)}: no such rule; ids: {shown}."
            raise UnknownRuleError(
                msg, rule_id=rule_id if isinstance(rule_id, str) else brief(rule_id), allowed=tuple(ids)
            )
        return self.with_rule(attrs.evolve(self.rules[rule_id], enabled=False))

    def choose(self, **choices: str) -> Rulebook:
        """Choose between conflicting rules, e.g. ``choose(meeting_report="O3")``."""
        return attrs.evolve(self, choices={**self.choices, **choices})

    # -- serialisation -------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, schema-versioned."""
        data: dict[str, Any] = unstructure(self)
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
        if (
            not isinstance(data, Mapping)
            or data.get("schema").__class__ is not int
            or data["schema"] != SCHEMA_VERSION
        ):
            got = data.get("schema") if isinstance(data, Mapping) else data
            raise SchemaError(f"a rulebook needs schema {SCHEMA_VERSION} (got {brief(got)}).")
        body = {k: v for k, v in data.items() if k != "schema"}
        return structure(body, cls)


@lru_cache(maxsize=1)
def _standard() -> Rulebook:
    return Rulebook(STANDARD_TURNAROUND, STANDARD_RULES)


def resolve_rulebook(value: object) -> Rulebook:
    """``value`` if it is a rulebook, :meth:`Rulebook.standard` if it is ``None``.

    Raises:
        InvalidInputError: anything else.
    """
    if value is None:
        return _standard()
    if not isinstance(value, Rulebook):
        raise InvalidInputError(f"rulebook must be a Rulebook or None (got {brief(value)}).")
    return value
