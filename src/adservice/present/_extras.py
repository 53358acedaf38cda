"""Optional extras (``[ics]``, ``[pandas]``): import them on first use, or say how to install them.

The core never imports an optional dependency at module import time, so
``import adservice`` stays small and works without them; the first function
that needs one imports it through :func:`require`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from adservice.errors import InvalidInputError, MissingExtraError, brief

__all__ = ["need", "require"]


def require(module: str, extra: str, *, needs: str | None = None, has: str | None = None) -> ModuleType:
    """Import ``module`` for the extra ``extra``, or raise :class:`MissingExtraError` saying how to get it.

    Args:
        module: the module to import (``"pandas"``).
        extra: the extra of adservice that installs it (``"pandas"``).
        needs: the requirement to name in the message (default: ``module``).
        has: a (dotted) attribute the module must have; without it the installed version is too old.

    Returns:
        The imported module.

    Raises:
        MissingExtraError: the module is not installed, or too old.

    >>> require("json", "none").__name__
    'json'
    >>> require("no_such_module_anywhere", "ics")
    Traceback (most recent call last):
    ...
    adservice.errors.MissingExtraError: this needs no_such_module_anywhere, which is not installed; \
install the extra with: pip install 'adservice[ics]'
    """
    requirement = needs or module
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        msg = (
            f"this needs {requirement}, which is not installed; "
            f"install the extra with: pip install 'adservice[{extra}]'"
        )
        raise MissingExtraError(msg, name=module) from None
    if has is not None and not _has(loaded, has):
        version = getattr(loaded, "__version__", "an unknown version")
        msg = (
            f"this needs {requirement}, but {module} {version} is installed; "
            f"upgrade with: pip install --upgrade 'adservice[{extra}]'"
        )
        raise MissingExtraError(msg, name=module)
    return loaded


def _has(module: ModuleType, dotted: str) -> bool:
    value: object = module
    for part in dotted.split("."):
        if not hasattr(value, part):
            return False
        value = getattr(value, part)
    return True


def need(value: object, kind: type | tuple[type, ...], what: str) -> None:
    """Refuse a renderer's argument of the wrong type with :class:`InvalidInputError` naming it.

    Renderers read attributes of what they are given; a wrong object would otherwise surface as a
    bare ``AttributeError`` from deep inside the rendering.
    """
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise InvalidInputError(
            f"{what} must be a {names} (got {brief(value)} of type {type(value).__name__})."
        )
