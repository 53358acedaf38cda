"""How values show themselves, without a lower layer importing the presentation layer.

A value's ``_repr_html_`` (and ``Plan.plan_mermaid()``, ``str(MonthView)``) calls
:func:`show`; :mod:`adservice.present` registers the renderer for each value
type when it is imported, which ``import adservice`` always does. The
registry is filled once at import and only read afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adservice.errors import InvalidInputError, brief

__all__ = ["register", "show"]

_RENDERERS: dict[tuple[str, type], Callable[[Any], str]] = {}


def register(form: str, cls: type, renderer: Callable[[Any], str]) -> None:
    """Use ``renderer`` to show values of ``cls`` (and its subclasses) as ``form`` (``"html"``, ...)."""
    _RENDERERS[(form, cls)] = renderer


def show(form: str, value: object) -> str:
    """``value`` rendered as ``form`` by the renderer registered for its type.

    Raises:
        InvalidInputError: no renderer of that form is registered for the value's type.
    """
    for cls in type(value).__mro__:
        renderer = _RENDERERS.get((form, cls))
        if renderer is not None:
            return renderer(value)
    forms = sorted({f for f, c in _RENDERERS if isinstance(value, c)})
    msg = (
        f"no {brief(form)} renderer for {type(value).__name__}; "
        f"registered forms: {', '.join(forms) or 'none'}."
    )
    raise InvalidInputError(msg)
