"""The public surface: __all__ matches reality, every public name is documented, errors are one tree."""

from __future__ import annotations

import inspect

import adservice
from adservice import errors


def test_all_matches_reality() -> None:
    assert sorted(adservice.__all__) == sorted(set(adservice.__all__))
    for name in adservice.__all__:
        assert hasattr(adservice, name), name
    public = {n for n in vars(adservice) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if inspect.ismodule(getattr(adservice, n))}
    assert public - modules <= set(adservice.__all__) | {"PackageNotFoundError", "version"}


def test_every_public_name_has_a_docstring() -> None:
    for name in adservice.__all__:
        obj = getattr(adservice, name)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            assert inspect.getdoc(obj), name
            for attr, member in vars(obj).items() if inspect.isclass(obj) else ():
                if not attr.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                    assert inspect.getdoc(member), f"{name}.{attr}"


def test_errors_are_one_tree_and_real_stdlib_errors() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if name == "MissingRequirement":
            continue
        if name == "brief":  # the one helper: a bounded repr for messages, not an error class
            assert callable(cls) and not inspect.isclass(cls)
            continue
        assert issubclass(cls, errors.AdServiceError), name
        assert inspect.getdoc(cls), name
        if cls is not errors.AdServiceError:
            stdlib = [
                b
                for b in cls.__mro__
                if b.__module__ == "builtins" and b not in (object, Exception, BaseException)
            ]
            assert stdlib, f"{name} should also be a ValueError/TypeError/LookupError"


def test_version_is_read_from_metadata() -> None:
    assert adservice.__version__ and adservice.__version__ != "0.0.0"
