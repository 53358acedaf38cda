"""One convention per thing (issue 9 §8), checked over the signatures of the whole public surface.

Everything is found by introspection (tests/public_surface.py): every function, constructor, method
and property named in a public ``__all__``. The few exceptions are listed below, each with the reason
the issue gives for it; nothing else is exempt.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

import adservice
from tests import public_surface as surface

MEMBERS = surface.members()
IDS = [m.name for m in MEMBERS]

# Parameters that hold a calendar or a rulebook: keyword-only everywhere (issue 9 §8).
POLICY_PARAMS = {"calendar", "rulebook"}

# Names that mean "the instant something is due": an aware datetime everywhere (issue 9 §8).
DEADLINE_NAME = re.compile(r"^(due|deadline)$|_(due|deadline)$|^deadline_")

# Renderers: the three suffixes the issue names; a function that renders is found by its vocabulary.
RENDERER_NAME = re.compile(r"^[a-z0-9_]+_(text|html|mermaid)$")
RENDER_WORDS = re.compile(r"render|html|mermaid|diagram|grid|markdown|timeline|table")

# Exceptions the issue itself makes, each with its reason.
ALLOWED: dict[str, str] = {
    # A weekly report takes the week it reports on, not an instant (issue 9 §8: "a weekly report
    # takes `week_of: date` instead").
    "week_of": "a weekly report is about a week: week_of is a date",
}
# str-returning public callables that are not renderers: serialisations and one-line explanations.
NOT_RENDERERS = {
    "to_ics": "an iCalendar serialisation (a file format, like to_dict/to_json), not a view",
    "to_json": "a serialisation, not a view",
    "describe": "Due.describe() and friends: the one-line 'why' the deadlines API specifies",
    "explain": "a one-line reason, like describe()",
    "uid": "an iCalendar UID",
    "__str__": "str() of a value",
}


def _params(member: surface.Member) -> list[inspect.Parameter]:
    sig = surface.signature(member)
    assert sig is not None, f"{member.name}: no inspectable signature"
    return list(sig.parameters.values())


@pytest.mark.parametrize("member", MEMBERS, ids=IDS)
def test_as_of_is_a_datetime(member: surface.Member) -> None:
    hints = surface.hints(member.obj)
    for p in _params(member):
        if p.name == "as_of":
            assert p.name in hints, f"{member.name}: as_of has no annotation"
            assert surface.is_datetime(hints[p.name]), (
                f"{member.name}(as_of: {hints[p.name]}): as_of must be an (aware) datetime"
            )


@pytest.mark.parametrize("member", MEMBERS, ids=IDS)
def test_calendar_and_rulebook_are_keyword_only(member: surface.Member) -> None:
    for p in _params(member):
        if p.name in POLICY_PARAMS:
            assert p.kind is inspect.Parameter.KEYWORD_ONLY, (
                f"{member.name}: parameter {p.name!r} is {p.kind.description}; "
                f"calendar= and rulebook= are keyword-only everywhere"
            )


def _deadline_problems(where: str, annotations: dict[str, Any]) -> list[str]:
    problems = []
    for name, ann in annotations.items():
        if name in ALLOWED or name == "return":
            continue
        if DEADLINE_NAME.search(name) and not surface.is_datetime(ann):
            if surface.mentions_plain_date(ann):
                problems.append(
                    f"{where}.{name}: {ann} — a day named {name!r}: make it an aware datetime, "
                    f"or name the day due_date (*_due_date)"
                )
            else:
                problems.append(f"{where}.{name}: {ann} — a deadline named {name!r} must be a datetime")
        elif (
            surface.mentions_plain_date(ann)
            and re.search(r"due|deadline", name)
            and not name.endswith("due_date")
        ):
            problems.append(f"{where}.{name}: {ann} — a day that is due is named due_date (or *_due_date)")
    return problems


@pytest.mark.parametrize("member", MEMBERS, ids=IDS)
def test_deadline_parameters_are_datetimes(member: surface.Member) -> None:
    hints = surface.hints(member.obj)
    names = {p.name for p in _params(member)}
    problems = _deadline_problems(member.name, {k: v for k, v in hints.items() if k in names})
    assert not problems, "\n".join(problems)


CLASSES = surface.public_classes()


@pytest.mark.parametrize("cls", [c for _, c in CLASSES], ids=[n for n, _ in CLASSES])
def test_deadline_attributes_are_datetimes(cls: type) -> None:
    problems = _deadline_problems(cls.__qualname__, surface.attribute_hints(cls))
    assert not problems, "\n".join(problems)


def _looks_like_renderer(name: str, member: surface.Member) -> bool:
    if name in NOT_RENDERERS or not surface.returns_str(member.obj):
        return False
    in_present = (member.owner or member.obj).__module__.startswith("adservice.present")
    return in_present or bool(RENDER_WORDS.search(name))


@pytest.mark.parametrize("member", MEMBERS, ids=IDS)
def test_renderers_are_named_one_way(member: surface.Member) -> None:
    if member.kind == "constructor":
        return
    # Every public name of it counts (a function re-exported under a second name is two names).
    names = surface.aliases(member.obj) if member.owner is None else [member.name]
    for full in names:
        short = full.rsplit(".", 1)[-1]
        if _looks_like_renderer(short, member):
            assert RENDERER_NAME.fullmatch(short), (
                f"{full} renders a str: name it <thing>_text, <thing>_html or <thing>_mermaid"
            )


def test_renderer_detection_finds_the_known_renderers() -> None:
    # Guards the test above against finding nothing (e.g. if return annotations stop resolving).
    found = {m.name.rsplit(".", 1)[-1] for m in MEMBERS if _looks_like_renderer(m.name.rsplit(".", 1)[-1], m)}
    assert len(found) >= 5, found
    assert any(name.endswith("_html") for name in found), found


@pytest.mark.parametrize("member", MEMBERS, ids=IDS)
def test_every_public_callable_has_a_docstring(member: surface.Member) -> None:
    if member.kind == "constructor":
        # attrs writes __init__; the class docstring documents its fields.
        assert inspect.getdoc(member.owner), member.name
    else:
        assert (member.obj.__doc__ or "").strip(), f"{member.name} has no docstring"


@pytest.mark.parametrize("name", [n for n, _, _, _ in surface.properties()])
def test_every_public_property_has_a_docstring(name: str) -> None:
    prop = next(p for n, _, _, p in surface.properties() if n == name)
    assert (prop.__doc__ or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("module", surface.public_modules(), ids=lambda m: m.__name__)
def test_every_public_module_has_a_docstring_and_an_all(module: Any) -> None:
    assert (module.__doc__ or "").strip(), f"{module.__name__} has no docstring"
    assert hasattr(module, "__all__"), f"{module.__name__} has no __all__"


@pytest.mark.parametrize("module", list(surface.iter_modules_with_all()), ids=lambda m: m.__name__)
def test_all_is_sorted_unique_and_real(module: Any) -> None:
    names = list(module.__all__)
    assert len(names) == len(set(names)), f"{module.__name__}.__all__ has duplicates"
    assert surface.all_is_sorted(names), f"{module.__name__}.__all__ is not sorted (ruff RUF022 order)"
    missing = [n for n in names if not hasattr(module, n)]
    assert not missing, f"{module.__name__}.__all__ names what it does not have: {missing}"
    # Everything public that the module defines itself is exported.
    defined_here = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and (inspect.isclass(v) or inspect.isfunction(v))
        and getattr(v, "__module__", None) == module.__name__
        # pytest finds a plugin's hooks by their pytest_ names; they are not library API.
        and not n.startswith("pytest_")
    }
    assert defined_here <= set(names), (
        f"{module.__name__} defines public names missing from __all__: {sorted(defined_here - set(names))}"
    )


def test_top_level_all_holds_nothing_private_and_loses_nothing() -> None:
    names = set(adservice.__all__)
    assert not {n for n in names if n.startswith("_") and n != "__version__"}
    public = {n for n in vars(adservice) if not n.startswith("_") and n != "annotations"}
    modules = {n for n in public if inspect.ismodule(getattr(adservice, n))}
    assert public - modules <= names | {"PackageNotFoundError", "version"}


def test_the_surface_is_found() -> None:
    # Guards every parametrised test above against silently testing nothing.
    kinds = {m.kind for m in MEMBERS}
    assert {"function", "constructor", "method", "classmethod"} <= kinds
    assert len(MEMBERS) > 100
    names = {m.name for m in MEMBERS}
    assert "adservice.WorkCalendar.add_working_days" in names


def _event_sourced_samples() -> list[Any]:
    from tests.test_public_inputs import POOL  # the same samples the input test uses

    return [POOL["engagement"](), POOL["issue"]()]


@pytest.mark.parametrize("obj", _event_sourced_samples(), ids=lambda o: type(o).__name__)
def test_event_kinds_are_the_method_names(obj: Any) -> None:
    # Issue 9 §8: the log says what was called — each event's kind is the method that records it.
    kinds = {event.kind for event in obj.events}
    assert kinds, "the sample has no events"
    not_methods = sorted(k for k in kinds if not callable(getattr(obj, k, None)))
    assert not not_methods, f"{type(obj).__name__} event kinds that are no method: {not_methods}"


def test_missing_with_an_unknown_trigger_lists_the_triggers() -> None:
    # Issue 9 §8: missing("winn") raises TransitionNotAllowed listing the triggers (not an empty answer).
    from adservice.errors import TransitionNotAllowed

    obj = _event_sourced_samples()[0]  # the engagement
    with pytest.raises(TransitionNotAllowed) as caught:
        obj.missing("winn")
    assert caught.value.trigger == "winn"
    assert caught.value.allowed, "the error lists the triggers"
    assert all(callable(getattr(obj, t, None)) for t in caught.value.allowed), caught.value.allowed
