"""The parameters each standard rule accepts: declared once, checked whenever a rulebook is built.

Every consumer reads a rule's numbers through :meth:`Rulebook.param
<adservice.rulebook.Rulebook.param>`, which answers from this table, so no
consumer re-validates them. A rule id that is not in :data:`SCHEMAS` (an
agency's own rule) may carry any JSON-compatible parameters; nothing in the
library reads them.

    >>> SCHEMAS["O7"]["days"].allowed
    'an int number of calendar days 0..60'
    >>> check_param("O7", "days", 6)
    6
    >>> check_param("O7", "days", -3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    adservice.errors.RulebookError: rule O7's parameter 'days' must be an int ... 0..60 (got -3); fix it ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from adservice._frozen import FrozenDict
from adservice.errors import InvalidInputError, RulebookError, brief
from adservice.rulebook.rules import Rule

__all__ = ["SCHEMAS", "Param", "check_param", "check_params", "param_value"]

_INVALID = object()  # what a checker returns for a value outside its schema
_WALL = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


@attrs.frozen
class Param:
    """One declared parameter of a rule.

    Attributes:
        default: the value used when the rule does not set it (what the handbooks say).
        allowed: what is allowed, in words (error messages quote it).
        normalise: returns the value as consumers get it (ints, floats, tuples),
            or a private sentinel for a value outside the schema.
    """

    default: object
    allowed: str
    normalise: Callable[[object], object] = attrs.field(repr=False)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int(low: int, high: int, unit: str) -> Param:
    def check(value: object) -> object:
        return value if _is_int(value) and low <= value <= high else _INVALID  # type: ignore[operator]

    return Param(None, f"an int number of {unit} {low}..{high}", check)


def _hours(high: float, *, zero: bool = False) -> Param:
    def check(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _INVALID
        if isinstance(value, int) and not -high <= value <= high:  # too large for a float, or far out
            return _INVALID
        if not math.isfinite(value):
            return _INVALID
        return float(value) if (value >= 0 if zero else value > 0) and value <= high else _INVALID

    low = "0 <= hours" if zero else "0 < hours"
    return Param(None, f"a finite number of hours, {low} <= {high:g}", check)


def _weekday(value: object) -> object:
    return value if _is_int(value) and 0 <= value <= 6 else _INVALID  # type: ignore[operator]


def _wall(value: object) -> object:
    ok = isinstance(value, str) and (value == "close" or _WALL.fullmatch(value) is not None)
    return value if ok else _INVALID


def _slot(value: object) -> object:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return _INVALID
    day, wall = _weekday(value[0]), _wall(value[1])
    return _INVALID if day is _INVALID or wall is _INVALID else (day, wall)


def _months(value: object) -> object:
    if _is_int(value):
        value = (value, value)
    if not isinstance(value, (list, tuple)) or len(value) != 2 or not all(_is_int(v) for v in value):
        return _INVALID
    low, high = value
    return (low, high) if 1 <= low <= high <= 24 else _INVALID


def _names(value: object) -> object:
    if not isinstance(value, (list, tuple)) or not value:
        return _INVALID
    if not all(isinstance(v, str) and v.isidentifier() for v in value) or len(set(value)) != len(value):
        return _INVALID
    return tuple(value)


def _one_of(*values: str) -> Callable[[object], object]:
    return lambda value: value if isinstance(value, str) and value in values else _INVALID


def _p(default: object, allowed: str, check: Callable[[object], object]) -> Param:
    return Param(default, allowed, check)


def _with(param: Param, default: object) -> Param:
    return attrs.evolve(param, default=default)


_WEEKDAY = "a weekday 0 (Mon)..6 (Sun)"
_AT = "'HH:MM' (00:00..23:59) or 'close' (close of business)"
_SLOT = "[weekday 0..6, 'HH:MM' or 'close']"
_MONTHS = "[low, high] months with 1 <= low <= high <= 24 (or one int)"
_NAMES = "a non-empty list of distinct names such as 'art_director'"
_REPORT_HOURS = _hours(10_000)
_CADENCE = "'weekly', 'fortnightly' or 'monthly'"


def _fixed(value: str) -> Param:
    return _p(value, f"{brief(value)}", _one_of(value))


def _item(key: str) -> dict[str, Param]:
    return {"item": _p(key, "a turnaround item key such as 'print_single'", _key)}


def _key(value: object) -> object:
    return value if isinstance(value, str) and value.isidentifier() else _INVALID


_EVERY = {"every_months": _p((3, 6), _MONTHS, _months)}
_MONTHLY = {"monthly": _fixed("last_working_day")}

#: Per standard rule id, its parameters: name → :class:`Param`.
_SCHEMAS: Mapping[str, Mapping[str, Param]] = {
    "T1": _item("integrated_plan"),
    "T2": _item("phase_plan"),
    "T3": _item("media_schedule"),
    "T4": _item("print_single"),
    "T5": _item("broadcast_creative"),
    "T6": _item("tvc_production"),
    "T7": _item("major_media_plan"),
    "T8": {},
    **{f"G{i}": {} for i in (1, 2, 3, 4, 5, 6, 8, 9, 10)},
    "G7": {
        "roles": _p(("ae", "strategist", "copywriter", "art_director"), _NAMES, _names),
        "lead_roles": _p(("project_director", "senior_strategist", "senior_ae"), _NAMES, _names),
    },
    **{f"L{i}": {} for i in range(1, 7)},
    "O1": _EVERY,
    "O2": {"after": _fixed("meeting"), "hours": _with(_REPORT_HOURS, 24.0)},
    "O3": {"after": _fixed("call"), "hours": _with(_REPORT_HOURS, 48.0)},
    "O4": {"weekday": _p(0, _WEEKDAY, _weekday), "at": _p("09:00", _AT, _wall)},
    "O5": {"after": _fixed("placement_round"), "hours": _with(_REPORT_HOURS, 72.0)},
    "O6": _EVERY,
    "O7": {
        "before": _fixed("placement"),
        "days": _with(_int(0, 60, "calendar days"), 6),
        # H1 says "投放前6天", six days: calendar days by default; an agency may count working days.
        "count": _p(
            "calendar_days", "'calendar_days' or 'working_days'", _one_of("calendar_days", "working_days")
        ),
    },
    "O8": _MONTHLY,
    "O9": {"weekday": _p(4, _WEEKDAY, _weekday), "at": _p("close", _AT, _wall)},
    "O10": {
        "notice_working_days": _with(_int(0, 30, "working days"), 1),
        "agenda_hours": _with(_hours(168, zero=True), 2.0),
        "reconfirm_hours": _with(_hours(168, zero=True), 1.0),
    },
    "O11": {
        "tally": _p((4, "09:00"), _SLOT, _slot),
        "report": _p((4, "17:30"), _SLOT, _slot),
        "meeting": _p((0, "09:30"), _SLOT, _slot),
        "meeting_minutes": _with(_int(1, 24 * 60, "minutes"), 40),
    },
    "O12": {
        "after": _fixed("service"),
        "days": _with(_int(0, 60, "days"), 3),
        "prospect_every_days": _with(_int(1, 366, "days"), 7),
    },
    "O13": _MONTHLY,
    "I1": {
        "response_hours": _with(_hours(9_999), 8.0),
        "clock": _p(
            "business",
            "'elapsed', 'elapsed_rolled' or 'business'",
            _one_of("elapsed", "elapsed_rolled", "business"),
        ),
    },
    "I2": {"categories": _p(("inquiry", "complaint", "suggestion", "other"), _NAMES, _names)},
    "I3": {},
    "I4": {"resolve_working_days": _with(_int(0, 366, "working days"), 5)},
    "I5": {"return_visit_working_days": _with(_int(0, 366, "working days"), 3)},
    **{f"I{i}": {} for i in (6, 7, 8, 9)},
    # -- issue 11 §1-§3 (client approval per step, revision job orders, intent documents) --
    "G5": {"review_days": _with(_int(0, 30, "working days"), 1)},
    **{f"L{i}": {} for i in (7, 8, 9, 10, 12, 13)},
    "L11": {
        "working_days": _p(
            0, "an int number of working days 0..366 (0: the step's own duration)", _int(0, 366, "").normalise
        )
    },
    "L14": {
        "topics": _p(
            ("company", "product", "channels", "targets", "competitors", "goals", "budget"), _NAMES, _names
        )
    },
    # -- issue 11 §5-§7 (workflows) --
    "P1": {},
    "P2": {},
    "E1": {
        "items": _p(("tvc_film",), "a list of turnaround item keys, or ['all']", _names),
        "approvers": _p(("department_manager", "account_director", "project_director"), _NAMES, _names),
    },
    "E2": {},
    "M1": {},
    "M2": {},
    "M3": {},
    "O14": {"cadence": _p("weekly", _CADENCE, _one_of("weekly", "fortnightly", "monthly"))},
    "O15": {"cycle_months": _with(_int(1, 60, "months"), 12)},
    "O16": {
        "cadence": _p("monthly", _CADENCE, _one_of("weekly", "fortnightly", "monthly")),
        "at": _p("close", _AT, _wall),
    },
    "O17": {"cycle_months": _with(_int(1, 60, "months"), 6)},
    "I10": {},
    "I11": {},
}
SCHEMAS: Mapping[str, Mapping[str, Param]] = FrozenDict(_SCHEMAS)  # read-only


def _refuse(rule_id: str, key: str, value: object, allowed: str) -> RulebookError:
    msg = (
        f"rule {rule_id}'s parameter {brief(key)} must be {allowed} (got {brief(value)}); "
        f"fix it with Rulebook.with_params({brief(rule_id)}, {key}=...)."
    )
    return RulebookError(msg, rule_id=rule_id, parameter=key, value=value, allowed=allowed)


def _need_rule(rule: object) -> None:
    if not isinstance(rule, Rule):
        raise InvalidInputError(f"rule must be a Rule (got {brief(rule)} of type {type(rule).__name__}).")


def _spec(rule_id: str, key: str) -> Param:
    if not isinstance(rule_id, str):
        msg = f"a rule id is text such as 'O7' (got {brief(rule_id)})."
        raise RulebookError(
            msg,
            rule_id=brief(rule_id),
            parameter=key if isinstance(key, str) else brief(key),
            allowed="a rule id",
        )
    schema = SCHEMAS.get(rule_id, {})
    if not isinstance(key, str) or key not in schema:
        allowed = ", ".join(schema) or "none"
        msg = f"rule {rule_id} has no parameter {brief(key)}; its parameters: {allowed}."
        raise RulebookError(
            msg,
            rule_id=rule_id,
            parameter=key if isinstance(key, str) else brief(key),
            value=None,
            allowed=tuple(schema),
        )
    return schema[key]


def check_param(rule_id: str, key: str, value: object) -> Any:
    """``value`` normalised (ints, floats, tuples) if rule ``rule_id`` allows it as ``key``.

    Raises:
        RulebookError: an undeclared key, or a value outside the schema, naming the rule,
            the parameter, the value and what is allowed (also as attributes).
    """
    spec = _spec(rule_id, key)
    out = spec.normalise(value)
    if out is _INVALID:
        raise _refuse(rule_id, key, value, spec.allowed)
    return out


def check_params(rule: Rule) -> None:
    """Check every parameter of a rule against its id's schema (no-op for an agency's own ids).

    Raises:
        RulebookError: an unknown key or a value outside the schema.
        InvalidInputError: ``rule`` is not a :class:`Rule`.
    """
    _need_rule(rule)
    if rule.id not in SCHEMAS:
        return
    schema = SCHEMAS[rule.id]
    for key, value in rule.params.items():
        if key not in schema:
            allowed = ", ".join(schema) or "none"
            msg = (
                f"rule {rule.id} has no parameter {brief(key)} (got "
                f"{key}={brief(value)}); its parameters: {allowed}."
            )
            raise RulebookError(msg, rule_id=rule.id, parameter=key, value=value, allowed=tuple(schema))
        check_param(rule.id, key, value)


def param_value(rule: Rule, key: str) -> Any:
    """The rule's value of ``key`` as consumers use it, or the declared default.

    Raises:
        RulebookError: ``key`` is not declared for the rule's id.
        InvalidInputError: ``rule`` is not a :class:`Rule`.
    """
    _need_rule(rule)
    spec = _spec(rule.id, key)
    if key in rule.params:
        return check_param(rule.id, key, rule.params[key])
    return spec.default
