"""Planning, clocks and rush: per-call cost, measured in one run.

    python benchmarks/planning.py

Prints the median time per call of the planner (forward, backward, with
review windows), of a clock's status with pauses, of a rush assessment and of
recomputing a portfolio of plans on a changed calendar. Costs should not grow
with the length of a turnaround (every step is O(1) calendar arithmetic), so
the table also plans a 10-day and a 2000-day item side by side.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/calendar.py would shadow the standard library's calendar module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import random
import statistics
import timeit
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from adservice.calendar import WorkCalendar
from adservice.deadlines import Clock, assess_rush, plan, plan_backward, recompute
from adservice.rulebook import Rulebook

SH = ZoneInfo("Asia/Shanghai")


def per_call(fn, args_list, repeat=5):  # type: ignore[no-untyped-def]
    """Median seconds per call of ``fn(*args)`` over ``args_list``."""
    runs = []
    for _ in range(repeat):
        t = timeit.default_timer()
        for args in args_list:
            fn(*args)
        runs.append((timeit.default_timer() - t) / len(args_list))
    return statistics.median(runs)


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:9.1f} µs"


def main() -> None:
    rng = random.Random(20251001)
    cn = WorkCalendar("CN")
    book = Rulebook.standard()
    base = datetime(2018, 1, 1, 9, tzinfo=SH)
    received = [base + timedelta(minutes=rng.randrange(0, 60 * 24 * 3000)) for _ in range(1000)]
    deliver = [date(2018, 3, 1) + timedelta(days=rng.randrange(0, 3000)) for _ in range(1000)]
    long_book = book.with_days("major_media_plan", 2000)

    rows = [
        (
            "plan print_single (5-step chain)",
            lambda r: plan("print_single", r, calendar=cn, rulebook=book),
            received,
        ),
        (
            "plan media_schedule (one step)",
            lambda r: plan("media_schedule", r, calendar=cn, rulebook=book),
            received,
        ),
        (
            "plan major_media_plan, 10 days",
            lambda r: plan("major_media_plan", r, calendar=cn, rulebook=book),
            received,
        ),
        (
            "plan major_media_plan, 2000 days",
            lambda r: plan("major_media_plan", r, calendar=cn, rulebook=long_book),
            received,
        ),
        (
            "plan print_single, reviews of 2 days",
            lambda r: plan("print_single", r, calendar=cn, rulebook=book, review_days=2),
            received,
        ),
        (
            "plan tvc_production (months)",
            lambda r: plan("tvc_production", r, calendar=cn, rulebook=book),
            received,
        ),
        (
            "plan_backward print_single",
            lambda d: plan_backward("print_single", d, calendar=cn, rulebook=book),
            deliver,
        ),
    ]
    print(f"{'call':<40}{'per call':>13}")
    for name, fn, inputs in rows:
        print(f"{name:<40}{fmt(per_call(fn, [(x,) for x in inputs])):>13}")

    clocks = []
    for r in received:
        c = Clock.start("job", r, working_days=9, calendar=cn)
        t = r
        for _ in range(3):
            t += timedelta(hours=rng.randrange(1, 40))
            c = c.pause(t)
            t += timedelta(hours=rng.randrange(1, 40))
            c = c.resume(t)
        clocks.append((c, t + timedelta(days=3)))
    print(f"{'Clock.status, three pauses':<40}{fmt(per_call(lambda c, a: c.status(a), clocks)):>13}")

    rushes = [(r, (r + timedelta(days=rng.randrange(3, 20))).date()) for r in received]
    history = [base + timedelta(days=k) for k in range(0, 3000, 20)]
    print(
        f"{'assess_rush print_single, 150 history':<40}"
        f"{fmt(per_call(lambda r, d: assess_rush('print_single', r, d, history=history, calendar=cn, rulebook=book), rushes)):>13}"
    )

    portfolio = [plan("print_single", r, calendar=cn, rulebook=book) for r in received[:200]]
    closed = cn.replace(closures={date(2020, 6, 1) + timedelta(days=k): "closure" for k in range(0, 900, 30)})
    t = timeit.default_timer()
    diff = recompute(portfolio, calendar=closed, as_of=base + timedelta(days=1500))
    spent = timeit.default_timer() - t
    print(
        f"recompute 200 print plans on a new calendar: {spent * 1e3:.1f} ms "
        f"({len(diff.moved)} of {len(diff.changes)} deadlines moved, {len(diff.flipped)} verdicts flipped)"
    )


if __name__ == "__main__":
    main()
