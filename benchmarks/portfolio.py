"""Portfolio reports at scale, beside the naive baseline, in one run.

    PYTHONPATH=src python benchmarks/portfolio.py [--sizes 400 4000] [--repeat 3]

Builds N engagements with the lifecycle (the walk of ``benchmarks/benchwalk.py``: half of
them finished, half stopped part-way, starts spread over four months) and times, per
engagement:

- ``status_report(portfolio, week_of)`` for a week in the middle of the spread (most
  engagements must be judged as they stood that Friday, not as they stand now);
- ``overdue_report(portfolio, as_of)`` at the same instant, and after the last event;
- ``obligations_due(portfolio, start, end)`` for the four weeks from that instant;
- the naive baseline: one ``transitions.Machine`` per engagement walking the same stage
  changes (with the same records as plain dicts).

It prints each cost per engagement, its ratio to the naive machine (issue 9 target: at most
0.5) and the ratio of the per-engagement cost at the largest size to the smallest (target:
flat, about 1). Times are CPU seconds of this process (``time.process_time``), for both sides,
best of ``--repeat`` rounds that time every report and the naive walk once each.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/calendar.py would shadow the standard library's calendar module: this folder goes last
# on the import path, where it still gives the walk both benchmarks share (benchwalk).
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

import argparse
import gc
import math
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from benchwalk import EVENTS, START, NaiveModel, instants, naive_machine, naive_walk, walk

from adservice.engagement import Engagement
from adservice.portfolio import obligations_due, overdue_report, status_report

#: The CPU seconds of this process: wall time on an idle machine, and unaffected by other
#: processes on a shared one (both sides of every ratio are timed with it).
clock = time.process_time


def portfolio(n: int) -> list[Engagement]:
    """N engagements: starts spread over 120 days, a step every 20 hours; every other one stops
    part-way (at a step that depends on its number), the rest are closed."""
    out = []
    for i in range(n):
        base = START + timedelta(hours=(i * 7919) % (120 * 24))
        placement = (base + timedelta(days=40)).date()
        stop = EVENTS if i % 2 == 0 else 3 + (i * 31) % (EVENTS - 3)
        out.append(
            walk(Engagement(f"E{i:05d}", "Huaxia"), instants(base, stop, timedelta(hours=20)), placement)
        )
    return out


def naive(n: int) -> float:
    """One transitions.Machine per engagement walking the full walk's stage changes (and records)."""
    times = instants(START)
    gc.collect()
    t = clock()
    for _ in range(n):
        m = NaiveModel()
        naive_machine(m)
        naive_walk(m, times)
    return clock() - t


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of one call of ``fn``, after a full collection."""
    gc.collect()
    t = clock()
    fn()
    return clock() - t


def measure(n: int, repeat: int) -> dict[str, float]:
    es = portfolio(n)
    middle = START + timedelta(days=75)
    week_of = (middle + timedelta(days=7 - middle.weekday())).date()
    after = max(e.events[-1].at for e in es if e.events) + timedelta(days=1)
    month = (middle.date(), (middle + timedelta(days=28)).date())
    runs: dict[str, Callable[[], float]] = {
        "status_report (mid-spread week)": lambda: timed(lambda: status_report(es, week_of)),
        "overdue_report (mid-spread)": lambda: timed(lambda: overdue_report(es, middle)),
        "overdue_report (after the last event)": lambda: timed(lambda: overdue_report(es, after)),
        "obligations_due (four weeks mid-spread)": lambda: timed(lambda: obligations_due(es, *month)),
        "naive: one Machine per engagement": lambda: naive(n),
    }
    # Best of ``repeat`` rounds, each round timing every report and the naive walk once: both sides
    # of a ratio are measured side by side, so a burst of load on a shared machine does not land on
    # one side's repeats only.
    per = {name: math.inf for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            per[name] = min(per[name], run())
    return {k: v / n for k, v in per.items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = {n: measure(n, args.repeat) for n in args.sizes}
    small, large = min(args.sizes), max(args.sizes)
    print(f"per engagement, microseconds (best of {args.repeat}); ratio = cost / naive machine walk")
    header = "".join(f"{f'N={n}':>12}{'ratio':>8}" for n in args.sizes)
    print(f"{'':40}{header}{f'{large}/{small}':>10}")
    for name in results[small]:
        cells = ""
        for n in args.sizes:
            us = results[n][name] * 1e6
            ratio = results[n][name] / results[n]["naive: one Machine per engagement"]
            cells += f"{us:12.1f}{ratio:8.2f}"
        flat = results[large][name] / results[small][name]
        print(f"{name:40}{cells}{flat:10.2f}")


if __name__ == "__main__":
    main()
