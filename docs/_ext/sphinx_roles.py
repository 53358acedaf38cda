"""Griffe extension: render the Sphinx roles in adservice's docstrings as Markdown.

The docstrings say :class:`~adservice.errors.ProvisionalCalendarError` and
:meth:`add_working_days`, which read well in source and in ``help()``;
mkdocstrings would print the role verbatim. This turns each role into a
cross-reference when its target is a documented object of the package (the
way Sphinx resolves it: as written, then relative to the enclosing class and
module), and into plain code otherwise (``numpy.busday_offset``).

Loaded from ``mkdocs.yml``; it changes only the text mkdocstrings renders.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?P<role>[a-z]+):`(?P<tilde>~?)(?P<target>[\w.]+)(?P<parens>\(\))?`")
_CALLABLE_ROLES = frozenset({"func", "meth"})


def _lookup(scope: griffe.Object | griffe.Alias, dotted: str) -> griffe.Object | griffe.Alias | None:
    try:
        found: griffe.Object | griffe.Alias = scope[dotted]
    except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    return found


def _linkable(found: griffe.Object | griffe.Alias) -> str | None:
    """The canonical path of ``found`` if the API reference renders it (public), else None."""
    try:
        path = found.canonical_path
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    if any(part.startswith("_") for part in path.split(".")):
        return None
    return path


def _resolve(obj: griffe.Object, package: griffe.Module, target: str) -> str | None:
    head, _, rest = target.partition(".")
    if head == package.name:
        found = _lookup(package, rest) if rest else package
        return _linkable(found) if found is not None else None
    scope: griffe.Object | None = obj
    while scope is not None:
        if scope.is_class or scope.is_module:
            found = _lookup(scope, target)
            if found is not None:
                return _linkable(found)
        scope = scope.parent
    return None


def _rewrite(obj: griffe.Object, package: griffe.Module, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        shown = target.rsplit(".", 1)[-1] if match["tilde"] else target
        if match["role"] in _CALLABLE_ROLES or match["parens"]:
            shown += "()"
        path = _resolve(obj, package, target)
        return f"[`{shown}`][{path}]" if path else f"`{shown}`"

    return _ROLE.sub(replace, text)


def _walk(obj: griffe.Object, package: griffe.Module) -> None:
    if obj.docstring is not None:
        obj.docstring.value = _rewrite(obj, package, obj.docstring.value)
    for member in obj.members.values():
        if not member.is_alias:
            _walk(member, package)  # type: ignore[arg-type]


class SphinxRoles(griffe.Extension):
    """Rewrite ``:role:`target``` in every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _walk(pkg, pkg)
