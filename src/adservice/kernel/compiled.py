"""The table's checks compiled once per machine: what the kernel's fast path runs per event.

:meth:`EventSourced._append <adservice.kernel.base.EventSourced._append>` has two ways
through the same rules. The fast way looks up the current stage's :data:`Step` for the
event kind (a missing step: the kind is unknown or not allowed in this stage) and tests
the whole event at once with ONE function generated here from the table's rows (the
party, the evidence and every payload field as one boolean expression: no call per
field). When it passes, the event is the one the ordered checks would accept too; when
it fails, the ordered checks run and raise the error that names the first fault (or
accept what the fast way could not prove, e.g. a payload whose keys come in another order).

So the rules live in one place, the table; this module only turns each row into code so
that no event walks the generic :class:`~adservice.kernel.table.Field` rows.

    >>> from adservice.kernel.table import Field
    >>> ok = payload_check((Field("round", "int", minimum=1),))
    >>> ok(("round", 2)), ok(("round", 0)), ok(("round", True)), ok(("lap", 2))
    (True, False, False, False)
    >>> step = step_check("client", True, (Field("deliverable", "text", choices=("quote",)),))
    >>> step("client", ("deliverable", "quote"), "S-1"), step("agency", ("deliverable", "quote"), "S-1")
    (True, False)
    >>> step("client", ("deliverable", "quote"), None), step("client", ("deliverable", "memo"), "S-1")
    (False, False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from adservice._json import MAX_JSON_INT, exact_text
from adservice.errors import InvalidInputError, brief
from adservice.kernel._checks import _instant_ok
from adservice.kernel.events import MAX_TEXT, thaw
from adservice.kernel.table import Field, MachineTable

__all__ = ["Step", "StepsByStage", "field_check", "payload_check", "step_check"]

_FROZEN = "\x00"
Predicate = Callable[[Any], bool]
#: ``ok(party, flat_payload, evidence) -> bool``: the party, the evidence and the payload, at once.
StepCheck = Callable[[str, tuple[Any, ...], Any], bool]
#: What the fast path needs of an event kind allowed in a stage: ``(its check, its handler)``.
Step = tuple[StepCheck, Callable[[Any, Any, str], None]]


def _text(v: Any) -> bool:
    return (
        v.__class__ is str
        and len(v) <= MAX_TEXT
        and v != ""
        and v[0] != _FROZEN
        and not v.isspace()
        and exact_text(v)
    )


def _str(v: Any) -> bool:
    return v.__class__ is str and len(v) <= MAX_TEXT and (v == "" or v[0] != _FROZEN) and exact_text(v)


#: ISO dates already read (a bounded memo: a log names the same days again and again).
_DATES: dict[str, bool] = {}


def _date(v: Any) -> bool:
    if v.__class__ is not str or len(v) != 10:
        return False
    if v in _DATES:
        return True
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    if len(_DATES) >= 4096:
        _DATES.clear()
    _DATES[v] = True
    return True


def _bool(v: Any) -> bool:
    return v.__class__ is bool


def _frozen(v: Any) -> bool:
    return v.__class__ is str and len(v) <= MAX_TEXT and v != "" and v[0] == _FROZEN and exact_text(v)


def _thawed(v: Any) -> Any:
    """The value a frozen text stands for, or None when it is not one (the ordered way says why)."""
    try:
        return thaw(v)
    except ValueError:
        return None


def _texts(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = _thawed(v)
    return data.__class__ is list and bool(data) and all(x.__class__ is str and not _blank(x) for x in data)


def _blank(x: str) -> bool:
    return x == "" or x.isspace()


def _instants(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = _thawed(v)
    return data.__class__ is list and all(x.__class__ is str and _instant_ok(x) for x in data)


def _names(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = _thawed(v)
    return data.__class__ is list and all(x.__class__ is str and not _blank(x) for x in data)


def _mapping(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = _thawed(v)
    return data.__class__ is dict and all(x.__class__ is str for x in data.values())


def _object(v: Any) -> bool:
    return _frozen(v) and _thawed(v).__class__ is dict


def _remembered(check: Predicate) -> Predicate:
    """``check`` of a frozen text, remembered (a bounded memo): texts are immutable, and a log
    names the same job lists and teams again and again; only a passing text is remembered."""
    passed: dict[str, bool] = {}

    def remembered(v: Any) -> bool:
        if v.__class__ is not str:
            return False
        if v in passed:
            return True
        if not check(v):
            return False
        if len(passed) >= 1024:
            passed.clear()
        passed[v] = True
        return True

    remembered.__doc__ = check.__doc__
    return remembered


_BY_TYPE: Mapping[str, Predicate] = {
    "text": _text,
    "str": _str,
    "date": _date,
    "bool": _bool,
    "texts": _remembered(_texts),
    "instants": _remembered(_instants),
    "names": _remembered(_names),
    "mapping": _remembered(_mapping),
    "object": _remembered(_object),
}


def field_check(field: Field) -> Predicate:
    """One payload value's test, as strict as :func:`~adservice.kernel.base.check_payload`'s.

    Raises:
        InvalidInputError: ``field`` is not a :class:`~adservice.kernel.table.Field`.
        RuntimeError: a field type the kernel does not know (a defect in the table).
    """
    if not isinstance(field, Field):
        raise InvalidInputError(f"field must be a Field (got {type(field).__name__}).")
    if field.type == "int":
        low = -MAX_JSON_INT if field.minimum is None else field.minimum
        return lambda v: v.__class__ is int and low <= v <= MAX_JSON_INT
    check = _BY_TYPE.get(field.type)
    if check is None:
        raise RuntimeError(f"payload field {brief(field.name)} has unknown type {brief(field.type)}")
    if field.choices is not None and field.type in ("text", "str", "date"):
        base: Predicate = check
        choices = frozenset(field.choices)
        return lambda v: base(v) and v in choices
    return check


def _field_expr(field: Field, v: str, names: dict[str, Any], i: int) -> str:
    """``field``'s test of the value expression ``v`` as Python source (names it needs go in ``names``)."""
    kind = field.type
    if field.choices is not None and kind in ("text", "str", "date"):
        base = _BY_TYPE[kind]
        names[f"C{i}"] = frozenset(field.choices)
        if all(base(c) for c in field.choices):  # every choice passes the type: membership says it all
            return f"({v}.__class__ is str and {v} in C{i})"
        names[f"B{i}"] = base
        return f"(B{i}({v}) and {v} in C{i})"
    if kind == "int":  # bounded: JSON text carries at most MAX_JSON_INT
        names[f"M{i}"] = -MAX_JSON_INT if field.minimum is None else field.minimum
        return f"({v}.__class__ is int and M{i} <= {v} <= MAXINT)"
    if kind == "bool":
        return f"({v}.__class__ is bool)"
    # Text JSON can carry: ASCII (one flag test), or UTF-8 without a lone surrogate (exact_text).
    if kind == "text":
        return (
            f"({v}.__class__ is str and len({v}) <= MAXTEXT and {v} != '' and {v}[0] != NUL"
            f" and not {v}.isspace() and ({v}.isascii() or UTF8({v})))"
        )
    if kind == "str":
        return (
            f"({v}.__class__ is str and len({v}) <= MAXTEXT and ({v} == '' or {v}[0] != NUL)"
            f" and ({v}.isascii() or UTF8({v})))"
        )
    check = _BY_TYPE.get(kind)
    if check is None:
        raise RuntimeError(f"payload field {brief(field.name)} has unknown type {brief(kind)}")
    names[f"F{i}"] = check
    return f"F{i}({v})"


def _payload_expr(fields: tuple[Field, ...], names: dict[str, Any]) -> str:
    if not fields:
        return "not flat"
    parts = [f"len(flat) == {2 * len(fields)}"]
    for i, f in enumerate(fields):
        names[f"K{i}"] = f.name
        parts.append(f"flat[{2 * i}] == K{i}")
    for i, f in enumerate(fields):
        parts.append(_field_expr(f, f"v{i}", names, i).replace(f"v{i}", f"(v{i} := flat[{2 * i + 1}])", 1))
    return " and ".join(parts)


def _compile(name: str, args: str, expr: str, names: dict[str, Any]) -> Any:
    names["NUL"] = _FROZEN
    names["UTF8"] = exact_text
    names["MAXINT"] = MAX_JSON_INT
    names["MAXTEXT"] = MAX_TEXT
    source = f"def {name}({args}):\n    return {expr}\n"
    exec(compile(source, f"<adservice.kernel.compiled {name}>", "exec"), names)  # from our own rows
    return names[name]


def _check_fields(fields: object) -> None:
    if fields is None:
        return
    if not isinstance(fields, tuple) or not all(isinstance(f, Field) for f in fields):
        raise InvalidInputError(
            f"fields must be None or a tuple of Field rows (got {type(fields).__name__})."
        )


def payload_check(fields: tuple[Field, ...] | None) -> Callable[[tuple[Any, ...]], bool] | None:
    """A test of a flat payload ``(key, value, ...)`` with exactly ``fields``' keys, in their order.

    ``None`` for ``fields=None`` (any keys: the handler checks them).

    Raises:
        InvalidInputError: ``fields`` is not ``None`` or a tuple of :class:`~adservice.kernel.table.Field`.
    """
    _check_fields(fields)
    if fields is None:
        return None
    names: dict[str, Any] = {}
    expr = _payload_expr(fields, names)
    check: Callable[[tuple[Any, ...]], bool] = _compile("payload_ok", "flat", expr, names)
    return check


def step_check(party: str | None, evidence: bool, fields: tuple[Field, ...] | None) -> StepCheck:
    """One function testing an event's party, evidence and payload the way the table's row says.

    ``party``: the party that must act (``None``: anyone named); ``evidence``: a document id is
    required (an id given where none is required must still be non-blank text); ``fields``: the
    payload schema (``None``: any keys, the handler checks them).

    Raises:
        InvalidInputError: ``party`` is not text or ``None``, ``evidence`` not a bool, or ``fields``
            not ``None`` or a tuple of :class:`~adservice.kernel.table.Field`.
    """
    if (party is not None and not isinstance(party, str)) or not isinstance(evidence, bool):
        raise InvalidInputError(f"step_check needs a party (text or None) and a bool (got {brief(party)}).")
    _check_fields(fields)
    names: dict[str, Any] = {"PARTY": party}
    doc = (
        "(evidence.__class__ is str and len(evidence) <= MAXTEXT and evidence != ''"
        " and not evidence.isspace() and (evidence.isascii() or UTF8(evidence)))"
    )
    parts = [] if party is None else ["party == PARTY"]
    parts.append(doc if evidence else f"(evidence is None or {doc})")
    if fields is not None:
        parts.append(_payload_expr(fields, names))
    return _compile("step_ok", "party, flat, evidence", " and ".join(parts), names)  # type: ignore[no-any-return]


class StepsByStage(dict[Any, Mapping[str, Step]]):
    """Stage -> {kind: :data:`Step`} for one class, each stage compiled when first reached.

    ``handler_for(stage, kind)`` gives the handler (``None``: no fast step for that kind).
    """

    def __init__(self, table: Callable[[], MachineTable], handler_for: Callable[[Any, str], Any]) -> None:
        super().__init__()
        self._table = table  # read when a stage is first reached: the class is complete by then
        self._handler_for = handler_for
        self._checks: dict[Any, StepCheck] = {}

    def __missing__(self, stage: Any) -> Mapping[str, Step]:
        table = self._table()
        steps: dict[str, Step] = {}
        for action in table.actions:
            allowed = stage in action.stages if action.stages else table.move(stage, action.kind) is not None
            handler = self._handler_for(stage, action.kind) if allowed else None
            if handler is not None:
                check = self._checks.get(action.kind)
                if check is None:
                    check = step_check(action.party, action.evidence, action.payload)
                    self._checks[action.kind] = check
                steps[action.kind] = (check, handler)
        self[stage] = steps
        return steps
