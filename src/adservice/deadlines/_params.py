"""Reading a rule's parameters: every duty function refuses a bad value it reads (issue 9 §6).

The rulebook checks its parameters when it is built; these readers check them
again where they are used, so a hand-made rule can never schedule a fee list
after its placement or raise a bare ``ValueError``.
"""

from __future__ import annotations

import math
from typing import Any

from adservice.errors import RulebookError, brief
from adservice.rulebook.book import Rule, Rulebook

__all__ = ["MAX_DAYS", "MAX_HOURS", "enabled_rule", "hours_param", "int_param", "text_param"]

MAX_DAYS = 10_000
MAX_HOURS = 24 * 366


def enabled_rule(book: Rulebook, rule_id: str) -> Rule | None:
    """The rule if the rulebook has it and it is enabled, else ``None``."""
    rule = book.rules.get(rule_id)
    return rule if rule is not None and rule.enabled else None


def _refuse(rule: Rule, key: str, allowed: str, value: object) -> RulebookError:
    msg = (
        f"rule {rule.id}'s parameter {brief(key)} must be {allowed} (got {brief(value)}); "
        f"fix it with Rulebook.with_params({brief(rule.id)}, {key}=...)."
    )
    return RulebookError(msg)


def int_param(rule: Rule, key: str, default: int | None, unit: str, high: int = MAX_DAYS) -> int:
    """An int parameter ``0..high`` (``default`` if absent; ``None``: required).

    Raises:
        RulebookError: naming the rule, the parameter and what is allowed.
    """
    value: Any = rule.params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise _refuse(rule, key, f"an int 0..{high} of {unit}", value)
    return value


def hours_param(rule: Rule, key: str, default: float | None) -> float:
    """A number of hours ``0..MAX_HOURS`` (``default`` if absent; ``None``: required).

    Raises:
        RulebookError: naming the rule, the parameter and what is allowed.
    """
    value: Any = rule.params.get(key, default)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or not 0 <= value <= MAX_HOURS:
        raise _refuse(rule, key, f"a number of hours 0..{MAX_HOURS}", value)
    return float(value)


def text_param(rule: Rule, key: str, default: str, allowed: tuple[str, ...]) -> str:
    """A parameter that is one of ``allowed``.

    Raises:
        RulebookError: naming the rule, the parameter and the allowed values.
    """
    value: Any = rule.params.get(key, default)
    if value not in allowed:
        raise _refuse(rule, key, f"one of {list(allowed)}", value)
    return str(value)
