"""The public surface of adservice, found by introspection (used by the convention and input tests).

The surface is ``adservice.__all__`` plus the ``__all__`` of every public (non-underscore) module
below it: a name a user can import without touching a ``_private`` module is public, so the
conventions hold for it. Nothing here is hard-coded per function: a rewrite that adds, renames or
moves a function is picked up by the next run.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
from typing import Any

import attrs

import adservice

# Modules that are public but are not a library API: the command line is a program, and running
# ``adservice.__main__`` executes it.
NOT_API = {"adservice.cli", "adservice.__main__"}


def public_modules() -> list[ModuleType]:
    """``adservice`` and every module below it with no ``_private`` part in its dotted name."""
    found = [adservice]
    for info in pkgutil.walk_packages(adservice.__path__, "adservice."):
        if info.name in NOT_API or any(part.startswith("_") for part in info.name.split(".")):
            continue
        found.append(importlib.import_module(info.name))
    return found


@dataclass(frozen=True)
class Member:
    """One public callable: where a user finds it and the object itself."""

    name: str  # e.g. "adservice.calendar.WorkCalendar.add_working_days"
    obj: Callable[..., Any]
    owner: type | None  # the class, for methods and constructors
    kind: str  # "function", "constructor", "method", "classmethod", "staticmethod"

    @property
    def package(self) -> str:
        """The layer package it belongs to (``calendar``, ``rulebook``...), from where it is defined."""
        module = (self.owner or self.obj).__module__
        parts = module.split(".")
        return parts[1] if len(parts) > 1 else "adservice"


def exported() -> dict[int, tuple[str, Any]]:
    """Every object named in a public ``__all__``, once, under its shortest public name."""
    seen: dict[int, tuple[str, Any]] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            if not hasattr(module, name):
                continue  # test_all_matches_reality reports it
            obj = getattr(module, name)
            if isinstance(obj, ModuleType):
                continue
            full = f"{module.__name__}.{name}"
            if id(obj) not in seen or len(full) < len(seen[id(obj)][0]):
                seen[id(obj)] = (full, obj)
    return seen


def aliases(obj: Any) -> list[str]:
    """Every public name under which ``obj`` is exported."""
    return sorted(
        f"{module.__name__}.{name}"
        for module in public_modules()
        for name in getattr(module, "__all__", ())
        if getattr(module, name, None) is obj
    )


def _is_ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module == "adservice" or module.startswith("adservice.")


def public_classes() -> list[tuple[str, type]]:
    """Classes defined in adservice and named in a public ``__all__`` (enums and errors included)."""
    return sorted((name, obj) for name, obj in exported().values() if inspect.isclass(obj) and _is_ours(obj))


def _own_and_inherited(cls: type) -> list[tuple[str, Any]]:
    """``vars(cls)`` plus what it inherits from adservice's own (non-Protocol) base classes, nearest
    first: a method a mixin defines is called on the class users hold (``WorkCalendar.add_working_days``)."""
    seen: dict[str, Any] = {}
    for klass in cls.__mro__:
        if klass is not cls and (not _is_ours(klass) or getattr(klass, "_is_protocol", False)):
            continue
        for attr, raw in vars(klass).items():
            seen.setdefault(attr, raw)
    return list(seen.items())


def members() -> list[Member]:
    """Every public function, constructor, method, classmethod and staticmethod, sorted by name."""
    out: list[Member] = []
    for name, obj in exported().values():
        if inspect.isfunction(obj) and _is_ours(obj):
            out.append(Member(name, obj, None, "function"))
        elif inspect.isclass(obj) and _is_ours(obj):
            if issubclass(obj, BaseException):
                continue  # errors are raised by the library, not called by users
            protocol = getattr(obj, "_is_protocol", False)  # a typing.Protocol cannot be instantiated
            if ("__init__" in vars(obj) or attrs.has(obj)) and not protocol:
                out.append(Member(f"{name}.__init__", obj, obj, "constructor"))
            for attr, raw in _own_and_inherited(obj):
                if attr.startswith("_"):
                    continue
                if isinstance(raw, classmethod):
                    out.append(Member(f"{name}.{attr}", getattr(obj, attr), obj, "classmethod"))
                elif isinstance(raw, staticmethod):
                    out.append(Member(f"{name}.{attr}", getattr(obj, attr), obj, "staticmethod"))
                elif inspect.isfunction(raw):
                    out.append(Member(f"{name}.{attr}", raw, obj, "method"))
    return sorted(out, key=lambda m: m.name)


def properties() -> list[tuple[str, type, str, Any]]:
    """``(public name, class, attribute, property)`` for every public property."""
    return sorted(
        (f"{name}.{attr}", cls, attr, raw)
        for name, cls in public_classes()
        for attr, raw in vars(cls).items()
        if not attr.startswith("_") and isinstance(raw, property)
    )


def signature(member: Member) -> inspect.Signature | None:
    """The signature a caller sees (``self``/``cls`` dropped), or None when Python cannot tell."""
    try:
        sig = inspect.signature(member.obj)
    except (TypeError, ValueError):
        return None
    params = list(sig.parameters.values())
    if member.kind == "method" and params:
        params = params[1:]
    return sig.replace(parameters=params)


# ---------------------------------------------------------------------------------------------------
# Annotations. The package uses ``from __future__ import annotations`` and TYPE_CHECKING imports, so
# typing.get_type_hints can fail; the text of the annotation is then read instead.


def _namespace(obj: Any) -> dict[str, Any]:
    module = sys.modules.get(getattr(obj, "__module__", "") or "")
    ns: dict[str, Any] = dict(vars(typing))
    ns.update({"datetime": datetime, "date": date})
    if module is not None:
        ns.update(vars(module))
    return ns


def _resolve(annotation: Any, ns: dict[str, Any]) -> Any:
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, ns)  # annotation text from our own package
    except Exception:  # an unresolvable TYPE_CHECKING name: judge the text instead
        return annotation


def hints(member_obj: Any) -> dict[str, Any]:
    """Parameter name -> annotation (resolved when possible, else its text); ``return`` included."""
    target = member_obj.__init__ if inspect.isclass(member_obj) else member_obj
    try:
        return typing.get_type_hints(target)
    except Exception:  # fall back to one annotation at a time
        raw = getattr(target, "__annotations__", {}) or {}
        ns = _namespace(target)
        return {k: _resolve(v, ns) for k, v in raw.items()}


def attribute_hints(cls: type) -> dict[str, Any]:
    """Public attribute name -> annotation for attrs fields, class annotations and properties."""
    out: dict[str, Any] = {}
    ns = _namespace(cls)
    for klass in reversed(cls.__mro__):
        if not _is_ours(klass):
            continue
        for k, v in (vars(klass).get("__annotations__") or {}).items():
            if not k.startswith("_"):
                out[k] = _resolve(v, ns)
    for attr, raw in vars(cls).items():
        if not attr.startswith("_") and isinstance(raw, property) and raw.fget is not None:
            ret = hints(raw.fget).get("return", inspect.Signature.empty)
            if ret is not inspect.Signature.empty:
                out[attr] = ret
    return out


def leaves(annotation: Any) -> set[Any]:
    """The alternatives of a union (``X | None`` -> {X, NoneType}); strings split on ``|``."""
    if isinstance(annotation, str):
        return {part.strip() for part in annotation.split("|")}
    origin = typing.get_origin(annotation)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        return {leaf for arg in typing.get_args(annotation) for leaf in leaves(arg)}
    return {annotation}


def is_datetime(annotation: Any) -> bool:
    """True when every non-None alternative is ``datetime`` (so ``datetime | None`` counts)."""
    kinds = leaves(annotation) - {type(None), "None"}
    return bool(kinds) and all(k is datetime or k == "datetime" for k in kinds)


def mentions_plain_date(annotation: Any) -> bool:
    """True when an alternative is ``date`` itself (a day, not an instant)."""
    return any(k is date or k == "date" for k in leaves(annotation))


def returns_str(member_obj: Any) -> bool:
    """True when the callable is annotated to return ``str``."""
    ret = hints(member_obj).get("return")
    return ret is str or ret == "str"


def all_is_sorted(names: list[str]) -> bool:
    """Sorted the way ``ruff`` (RUF022) sorts ``__all__``: CONSTANTS, then Classes, then the rest."""

    def key(name: str) -> tuple[int, list[Any]]:
        bare = name.lstrip("_")
        if bare.isupper() or (bare.upper() == bare and bare.replace("_", "").isalnum()):
            group = 0
        elif bare[:1].isupper():
            group = 1
        else:
            group = 2
        natural = [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]
        return group, natural

    return names == sorted(names, key=key)


def iter_modules_with_all() -> Iterator[ModuleType]:
    """Public modules that declare ``__all__``."""
    return (m for m in public_modules() if hasattr(m, "__all__"))
