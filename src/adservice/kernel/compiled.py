"""The table's checks compiled once per machine: what the kernel's fast path runs per event.

:meth:`EventSourced._append <adservice.kernel.base.EventSourced._append>` has two ways
through the same rules. The fast way looks up the current stage's :data:`Step` for the
event kind (a missing step: the kind is unknown or not allowed in this stage) and tests
the whole event at once with the predicates compiled here from the table's rows. When
every test passes, the event is the one the ordered checks would accept too; when any
fails, the ordered checks run and raise the error that names the first fault (or accept
what the fast way could not prove, e.g. a payload whose keys come in another order).

So the rules live in one place, the table; this module only turns each row into a closure
so that no event walks the generic :class:`~adservice.kernel.table.Field` rows.

    >>> from adservice.kernel.table import Field
    >>> ok = payload_check((Field("round", "int", minimum=1),))
    >>> ok(("round", 2)), ok(("round", 0)), ok(("round", True)), ok(("lap", 2))
    (True, False, False, False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from adservice.errors import InvalidInputError, brief
from adservice.kernel.events import thaw
from adservice.kernel.table import Field, MachineTable

__all__ = ["Step", "StepsByStage", "field_check", "payload_check"]

_FROZEN = "\x00"
Predicate = Callable[[Any], bool]
#: What the fast path needs of an event kind allowed in a stage:
#: ``(party required or None, evidence required, payload check or None, handler)``.
Step = tuple[str | None, bool, Callable[[tuple[Any, ...]], bool] | None, Callable[[Any, Any, str], None]]


def _text(v: Any) -> bool:
    return v.__class__ is str and v != "" and v[0] != _FROZEN and not v.isspace()


def _str(v: Any) -> bool:
    return v.__class__ is str and (v == "" or v[0] != _FROZEN)


def _date(v: Any) -> bool:
    if v.__class__ is not str or len(v) != 10:
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _bool(v: Any) -> bool:
    return v.__class__ is bool


def _frozen(v: Any) -> bool:
    return v.__class__ is str and v != "" and v[0] == _FROZEN


def _texts(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = thaw(v)
    return data.__class__ is list and bool(data) and all(x.__class__ is str and not _blank(x) for x in data)


def _blank(x: str) -> bool:
    return x == "" or x.isspace()


def _instants(v: Any) -> bool:
    return _frozen(v) and (data := thaw(v)).__class__ is list and all(x.__class__ is str for x in data)


def _names(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = thaw(v)
    return data.__class__ is list and all(x.__class__ is str and not _blank(x) for x in data)


def _mapping(v: Any) -> bool:
    if not _frozen(v):
        return False
    data = thaw(v)
    return data.__class__ is dict and all(x.__class__ is str for x in data.values())


def _object(v: Any) -> bool:
    return _frozen(v) and thaw(v).__class__ is dict


_BY_TYPE: Mapping[str, Predicate] = {
    "text": _text,
    "str": _str,
    "date": _date,
    "bool": _bool,
    "texts": _texts,
    "instants": _instants,
    "names": _names,
    "mapping": _mapping,
    "object": _object,
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
        low = field.minimum
        if low is None:
            return lambda v: v.__class__ is int
        return lambda v: v.__class__ is int and v >= low
    check = _BY_TYPE.get(field.type)
    if check is None:
        raise RuntimeError(f"payload field {brief(field.name)} has unknown type {brief(field.type)}")
    if field.choices is not None and field.type in ("text", "str", "date"):
        base: Predicate = check
        choices = frozenset(field.choices)
        return lambda v: base(v) and v in choices
    return check


def payload_check(fields: tuple[Field, ...] | None) -> Callable[[tuple[Any, ...]], bool] | None:
    """A test of a flat payload ``(key, value, ...)`` with exactly ``fields``' keys, in their order.

    ``None`` for ``fields=None`` (any keys: the handler checks them).

    Raises:
        InvalidInputError: ``fields`` is not ``None`` or a tuple of :class:`~adservice.kernel.table.Field`.
    """
    if fields is None:
        return None
    if not isinstance(fields, tuple) or not all(isinstance(f, Field) for f in fields):
        raise InvalidInputError(
            f"fields must be None or a tuple of Field rows (got {type(fields).__name__})."
        )
    names = tuple(f.name for f in fields)
    checks = tuple(field_check(f) for f in fields)
    if not fields:
        return lambda flat: not flat
    if len(fields) == 1:
        (k0,), (c0,) = names, checks
        return lambda flat: len(flat) == 2 and flat[0] == k0 and c0(flat[1])
    if len(fields) == 2:
        (k0, k1), (c0, c1) = names, checks
        return lambda flat: len(flat) == 4 and flat[0] == k0 and flat[2] == k1 and c0(flat[1]) and c1(flat[3])
    pairs = tuple(zip(range(1, 2 * len(fields), 2), checks, strict=True))

    def check(flat: tuple[Any, ...]) -> bool:
        return flat[::2] == names and all(c(flat[i]) for i, c in pairs)

    return check


class StepsByStage(dict[Any, Mapping[str, Step]]):
    """Stage -> {kind: :data:`Step`} for one class, each stage compiled when first reached.

    ``handler_for(stage, kind)`` gives the handler (``None``: no fast step for that kind).
    """

    def __init__(self, table: Callable[[], MachineTable], handler_for: Callable[[Any, str], Any]) -> None:
        super().__init__()
        self._table = table  # read when a stage is first reached: the class is complete by then
        self._handler_for = handler_for

    def __missing__(self, stage: Any) -> Mapping[str, Step]:
        table = self._table()
        steps: dict[str, Step] = {}
        for action in table.actions:
            allowed = stage in action.stages if action.stages else table.move(stage, action.kind) is not None
            handler = self._handler_for(stage, action.kind) if allowed else None
            if handler is not None:
                steps[action.kind] = (action.party, action.evidence, payload_check(action.payload), handler)
        self[stage] = steps
        return steps
