"""Every public function and method, given wrong types or extreme values, raises a documented error.

Issue 9 §8: given wrong types or extreme instants (year 1, 9999, ``datetime.min/max``,
``hours=10**400``, NaN), a public callable raises an ``AdServiceError`` subclass and changes nothing —
never a bare ``AttributeError``, ``OverflowError``, ``RecursionError``, ``KeyError`` or plain
``TypeError``. The callables come from tests/public_surface.py (every public ``__all__``); each is
called with otherwise plausible arguments and ONE argument replaced by a bad value. The receiver of a
method is compared before and after a refused call.
"""

from __future__ import annotations

import copy
import functools
import inspect
import math
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adservice
from adservice.errors import AdServiceError
from tests import public_surface as surface

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 3, 9, 10, 0, tzinfo=SH)
DAY = date(2026, 3, 9)
CALL_SECONDS = 2.0  # a call that takes longer (twice: the first may import an extra) hangs on a huge number


def _nested(depth: int) -> Any:
    value: Any = {"k": "v"}
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


# Bad values, each with a label (the values themselves may not survive repr(): 10,000 levels).
FIXED_BAD: list[tuple[str, Any]] = [
    ("None", None),
    ("5", 5),
    ("'x'", "x"),
    ("''", ""),
    ("True", True),
    ("-1", -1),
    ("NaN", math.nan),
    ("inf", math.inf),
    ("10**400", 10**400),
    ("-(10**400)", -(10**400)),
    ("[]", []),
    ("[[1]] (unhashable)", [[1]]),
    ("{'a': [1]} (unhashable)", {"a": [1]}),
    ("{1: 2} (non-string keys)", {1: 2}),
    ("object()", object()),
    ("nested 10,000 deep", _nested(10_000)),
    ("date.min", date.min),
    ("date.max", date.max),
    ("date(1, 1, 1)", date(1, 1, 1)),
    ("date(9999, 12, 31)", date(9999, 12, 31)),
    ("datetime.min (naive)", datetime.min),
    ("datetime.max (naive)", datetime.max),
    ("datetime.min UTC", datetime.min.replace(tzinfo=timezone.utc)),
    ("datetime.max UTC", datetime.max.replace(tzinfo=timezone.utc)),
    ("datetime(1, 1, 1, tz=Shanghai)", datetime(1, 1, 1, tzinfo=SH)),
    ("datetime(9999, 12, 31, 23, 59, tz=Shanghai)", datetime(9999, 12, 31, 23, 59, tzinfo=SH)),
    ("naive 2026-03-09 10:00", AT.replace(tzinfo=None)),
    ("timedelta.max", timedelta.max),
    ("time(10)", time(10)),
]
NAIVE = AT.replace(tzinfo=None)


# ---------------------------------------------------------------------------------------------------
# Plausible arguments and receivers, built from the demo and a few constructors.


def _pool() -> dict[str, Callable[[], Any]]:
    """Factories of fresh sample objects, by what they are."""
    from adservice import (
        ClientIssue,
        NumberAllocator,
        Rulebook,
        WorkCalendar,
        demo_engagement,
        demo_portfolio,
        plan,
        plan_backward,
        plan_from_placement,
    )

    def issue() -> Any:
        i = ClientIssue.receive(
            AT,
            "agency:Li (AE)",
            issue_id="CI-2026-001",
            client="Example Foods",
            contact="Ms Wang",
            channel="phone",
            description="The poster shows last year's price.",
        )
        return i.triage(
            AT + timedelta(minutes=30),
            "agency:Li (AE)",
            category="complaint",
            department="creative",
            notified="Zhao (creative director)",
        )

    def allocator() -> Any:
        ledger = NumberAllocator()
        _, ledger = ledger.issue("CR", DAY, "Chen")
        return ledger

    return {
        "calendar": lambda: WorkCalendar("CN"),
        "rulebook": Rulebook.standard,
        "engagement": demo_engagement,
        "portfolio": demo_portfolio,
        "issue": issue,
        "allocator": allocator,
        "plan": lambda: plan("print_single", AT, calendar=WorkCalendar("CN")),
        "backward": lambda: plan_backward("print_single", date(2026, 3, 20), calendar=WorkCalendar("CN")),
        "placement": lambda: plan_from_placement(
            date(2026, 4, 20), ["print_single"], calendar=WorkCalendar("CN")
        ),
    }


POOL = _pool()
_SAMPLES: dict[str, Any] = {}


def sample(key: str) -> Any:
    """A shared sample object (do not mutate; use POOL[key]() for a fresh one), None if it cannot be built.

    A rewrite may change how a sample is built; the classes it served then count as untested, which
    test_the_surface_is_exercised reports, instead of failing the collection of every test here.
    """
    if key not in _SAMPLES:
        try:
            _SAMPLES[key] = POOL[key]()
        except Exception:  # see the docstring
            _SAMPLES[key] = None
    return _SAMPLES[key]


@functools.cache
def _instance_list() -> tuple[Any, ...]:
    return tuple(_instances())


def _instances() -> Iterator[Any]:
    """Every object the samples hold one level down, to find an instance of any public class."""
    for key in POOL:
        obj = sample(key)
        yield obj
        if isinstance(obj, list):
            yield from obj
        for attr in dir(obj):
            if attr.startswith("_"):
                continue
            try:
                value = getattr(obj, attr)
            except Exception:  # a property that refuses is not a sample
                continue
            if callable(value):
                continue
            yield value
            if isinstance(value, (list, tuple)):
                yield from value[:3]
    for key in POOL:
        # What the samples' query methods return (clocks, duties, summaries...), on a copy so a
        # zero-argument method that changes its object cannot change the shared sample.
        obj = copy.deepcopy(sample(key))
        for attr in dir(obj):
            method = getattr(obj, attr, None) if not attr.startswith("_") else None
            if not inspect.ismethod(method):
                continue
            try:
                required = [
                    p
                    for p in inspect.signature(method).parameters.values()
                    if p.default is inspect.Parameter.empty
                    and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
                ]
                if required:
                    continue
                found = method()
            except Exception:  # a refusing query is not a sample
                continue
            yield found
            if isinstance(found, dict):
                found = list(found.values())
            if isinstance(found, (list, tuple)):
                yield from found[:3]
    for maker in (
        lambda: adservice.clocks_for(sample("plan")),
        lambda: sample("calendar").month(2026, 3),
        lambda: adservice.recompute(sample("plan"), sample("calendar"), AT),
        lambda: adservice.status_report(sample("portfolio"), DAY),
        lambda: adservice.status_report(sample("portfolio"), AT),
        lambda: adservice.overdue_report(sample("portfolio"), AT),
        lambda: adservice.obligations_due(sample("portfolio"), DAY, DAY + timedelta(days=30)),
        lambda: adservice.tier_report({"Example Foods": {"revenue": 1.0}}),
        lambda: adservice.complaint_statistics([sample("issue")], as_of=AT, calendar=sample("calendar")),
        lambda: adservice.assess_rush("print_single", AT, date(2026, 3, 12), calendar=sample("calendar")),
    ):
        try:
            found = maker()
        except Exception:  # a signature changed by a rewrite; others remain
            continue
        yield found
        if isinstance(found, dict):
            found = list(found.values())
        if isinstance(found, (list, tuple)):
            yield from found[:3]


def receiver_factory(cls: type) -> Callable[[], Any] | None:
    """A way to get a fresh instance of ``cls``, or None when the samples hold none."""
    for key in POOL:
        if sample(key) is not None and type(sample(key)) is cls:
            return POOL[key]
    for obj in _instance_list():
        if type(obj) is cls:
            return lambda obj=obj: copy.deepcopy(obj)
    try:
        cls()  # a class with every field defaulted (policies)
    except Exception:  # it needs arguments: no receiver
        return None
    return cls


_BY_NAME: dict[str, Callable[[], Any]] = {
    "calendar": lambda: sample("calendar"),
    "rulebook": lambda: sample("rulebook"),
    "engagement": POOL["engagement"],
    "portfolio": POOL["portfolio"],
    "engagements": POOL["portfolio"],
    "issues": lambda: [POOL["issue"]()],
    "issue": POOL["issue"],
    "item": lambda: "print_single",
    "items": lambda: ["print_single"],
    "region": lambda: "CN",
    "actor": lambda: "agency:Li (AE)",
    "by": lambda: "agency:Li (AE)",
    "year": lambda: 2026,
    "month": lambda: 3,
    "days": lambda: 1,
    "n": lambda: 1,
    "hours": lambda: 1,
    "week_of": lambda: DAY,
}


def plausible(name: str, annotation: Any) -> Any:
    """An argument that would plausibly be accepted, from the parameter's name or annotation."""
    if name in _BY_NAME:
        return _BY_NAME[name]()
    kinds = surface.leaves(annotation)
    for kind, value in (
        (datetime, AT),
        (date, DAY),
        (bool, False),
        (int, 1),
        (float, 1.0),
        (str, "x"),
    ):
        if kind in kinds or kind.__name__ in kinds:
            return value
    for obj in _instance_list():
        if any(_is_a(obj, k) for k in kinds):
            return obj
    return None


def _is_a(obj: Any, kind: Any) -> bool:
    if isinstance(kind, str):  # an annotation that names a TYPE_CHECKING import
        return type(obj).__name__ == kind.rsplit(".", 1)[-1]
    try:
        return isinstance(kind, type) and kind is not Any and isinstance(obj, kind)
    except TypeError:  # a typing special form
        return False


# ---------------------------------------------------------------------------------------------------
# Calling and judging.


class _Hang(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise _Hang

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _snapshot(obj: Any) -> Any:
    if obj is None:
        return None
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        try:
            return ("to_dict", to_dict())
        except Exception as error:  # an unsavable receiver is compared by its repr
            return ("unsavable", type(error).__name__, repr(obj))
    try:
        return ("copy", copy.deepcopy(obj))
    except Exception:  # e.g. a calendar holding a lock: compare repr
        return ("repr", repr(obj))


class Case:
    """One public callable with plausible arguments; ``call`` replaces one of them."""

    def __init__(self, member: surface.Member) -> None:
        self.member = member
        sig = surface.signature(member)
        self.params = [
            p
            for p in (sig.parameters.values() if sig else ())
            if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]
        hints = surface.hints(member.obj)
        self.hints = {p.name: hints.get(p.name, p.annotation) for p in self.params}
        self.make_receiver = (
            receiver_factory(member.owner) if member.kind == "method" and member.owner else None
        )
        self._receiver: Any = None  # reused while calls are refused without changing it

    @property
    def testable(self) -> bool:
        return self.member.kind != "method" or self.make_receiver is not None

    def arguments(self) -> dict[str, Any]:
        # Optional parameters keep their defaults; required ones get a plausible value.
        return {
            p.name: plausible(p.name, self.hints[p.name])
            for p in self.params
            if p.default is inspect.Parameter.empty
        }

    def call(self, name: str | None, value: Any) -> tuple[str, str]:
        """Call with ``name`` replaced by ``value``: ("ok"|"documented"|problem, detail)."""
        if self._receiver is None and self.make_receiver is not None:
            self._receiver = self.make_receiver()
        receiver, self._receiver = self._receiver, None
        kwargs = self.arguments()
        if name is not None:
            kwargs[name] = value
        positional = [
            kwargs.pop(p.name)
            for p in self.params
            if p.kind is inspect.Parameter.POSITIONAL_ONLY and p.name in kwargs
        ]
        target = getattr(receiver, self.member.obj.__name__) if receiver is not None else self.member.obj
        before = _snapshot(receiver)
        limit = sys.getrecursionlimit()
        try:
            try:
                with _time_limit(CALL_SECONDS):
                    target(*positional, **kwargs)
            except _Hang:
                # Once more: the first call may have been importing an optional extra (pandas).
                with _time_limit(CALL_SECONDS):
                    target(*positional, **kwargs)
        except _Hang:
            return "hangs", f"no answer within {CALL_SECONDS}s"
        except AdServiceError as error:
            if receiver is not None and _snapshot(receiver) != before:
                return "changed", f"receiver changed although it raised {type(error).__name__}"
            self._receiver = receiver
            return "documented", type(error).__name__
        except BaseException as error:  # any other error is what this test finds
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            kit = self.member.obj.__module__.startswith("adservice.testing")
            if isinstance(error, AssertionError) and kit:
                # The testing kit's assert_* helpers fail a test with AssertionError: that is their
                # documented refusal (pytest reports it), not a leak.
                return "documented", "AssertionError"
            first = (str(error).splitlines() or [""])[0][:160]
            return "leaks", f"{type(error).__name__}: {first}"
        finally:
            sys.setrecursionlimit(limit)
        return "ok", ""


MEMBERS = surface.members()
CASES = [Case(m) for m in MEMBERS]
TESTABLE = [c for c in CASES if c.testable]


def test_the_surface_is_exercised() -> None:
    # Guards against a test that silently checks nothing: most methods find a receiver.
    assert len(TESTABLE) > 100
    untestable = [c.member.name for c in CASES if not c.testable]
    assert len(untestable) < len(CASES) / 4, untestable


def _sweep(case: Case) -> list[str]:
    problems: list[str] = []
    baseline, because = case.call(None, None)
    if baseline in {"leaks", "changed", "hangs"}:
        # Plausible arguments (the defaults, a demo engagement...) already fail; that is reported
        # once, and the same failure is not repeated for every replaced argument.
        problems.append(f"{case.member.name}(plausible arguments) -> {because}")
    for p in case.params:
        for label, bad in FIXED_BAD:
            outcome, detail = case.call(p.name, bad)
            if outcome in {"leaks", "changed", "hangs"} and detail != because:
                problems.append(f"{case.member.name}({p.name}={label}) -> {detail}")
        # An instant must be aware (issue 9 §8): where the plausible call is accepted, the same call
        # with a naive datetime must be refused.
        if baseline == "ok" and surface.is_datetime(case.hints[p.name]):
            outcome, detail = case.call(p.name, NAIVE)
            if outcome == "ok":
                problems.append(f"{case.member.name}({p.name}=naive datetime) -> accepted")
    return problems


@pytest.mark.parametrize("case", TESTABLE, ids=[c.member.name for c in TESTABLE])
def test_extreme_and_wrong_inputs_raise_documented_errors(case: Case) -> None:
    problems = _sweep(case)
    assert not problems, "\n".join(problems)


# Random values beyond the fixed list: any instant in any zone (or none), any number, any JSON-ish
# structure. Hypothesis picks the parameter too.
ZONES = st.sampled_from([None, timezone.utc, SH, ZoneInfo("America/New_York"), timezone(timedelta(hours=14))])
RANDOM_VALUES = st.one_of(
    st.datetimes(timezones=ZONES),
    st.dates(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.booleans(),
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=10,
    ),
)
WITH_PARAMS = [c for c in TESTABLE if c.params]


@pytest.mark.parametrize("case", WITH_PARAMS, ids=[c.member.name for c in WITH_PARAMS])
@settings(deadline=None, max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_inputs_raise_documented_errors(case: Case, data: st.DataObject) -> None:
    param = data.draw(st.sampled_from(case.params), label="parameter")
    value = data.draw(RANDOM_VALUES, label="value")
    outcome, detail = case.call(param.name, value)
    assert outcome in {"ok", "documented"}, f"{case.member.name}({param.name}={value!r}) -> {detail}"
