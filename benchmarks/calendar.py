"""Working-day arithmetic: adservice beside holidays and numpy, measured in one run.

    python benchmarks/calendar.py

Prints median per-call times, ratios against the peers of SPEC §12, the
1,000,000-pair batch, and the cost of ``import adservice`` and of building a
CN calendar for 1990-2100. Answers are checked equal before anything is timed.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named after what it measures, which shadows the standard library's
# ``calendar`` when run as a script; take its folder off the import path first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import random
import statistics
import subprocess
import timeit
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np

from adservice import WorkCalendar
from adservice.calendar import _index as _calendar_index
from adservice.calendar import _regions


def per_call(fn, args_list, repeat=7):  # type: ignore[no-untyped-def]
    """Median seconds per call of ``fn(*args)`` over ``args_list``."""
    runs = []
    for _ in range(repeat):
        t = timeit.default_timer()
        for args in args_list:
            fn(*args)
        runs.append((timeit.default_timer() - t) / len(args_list))
    return statistics.median(runs)


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:9.3f} µs" if seconds < 1e-3 else f"{seconds * 1e3:9.1f} ms"


def main() -> None:
    rng = random.Random(20251001)
    t = timeit.default_timer()
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import adservice"],
        capture_output=True,
        text=True,
        check=True,
    )
    total_us = int(out.stderr.strip().splitlines()[-1].split("|")[1])
    print(f"import adservice (fresh interpreter, -X importtime): {total_us / 1000:.1f} ms")
    _calendar_index.build_index.cache_clear()
    _regions.load_holidays.cache_clear()
    t = timeit.default_timer()
    cn = WorkCalendar("CN")
    print(f"build WorkCalendar('CN') for 1990-2100 (cold):        {fmt(timeit.default_timer() - t)}")
    t = timeit.default_timer()
    WorkCalendar("CN")
    print(f"build WorkCalendar('CN') again (index cached):         {fmt(timeit.default_timer() - t)}")
    print()

    peer = holidays.country_holidays("CN", years=range(2015, 2031))
    base = date(2018, 1, 1)
    starts = [base + timedelta(rng.randrange(0, 3500)) for _ in range(2000)]
    working_starts = [d for d in starts if cn.is_working_day(d)][:1000]

    print(f"{'CN add_working_days':<34}{'adservice':>13}{'holidays':>13}{'ratio':>9}")
    for n in (5, 60):
        cases = [(d, n) for d in working_starts]
        assert all(cn.add_working_days(d, n) == peer.get_nth_working_day(d, n) for d, n in cases[:200])
        ours = per_call(cn.add_working_days, cases)
        theirs = per_call(peer.get_nth_working_day, cases[:200], repeat=3)
        print(f"{'n=' + str(n):<34}{fmt(ours):>13}{fmt(theirs):>13}{theirs / ours:8.0f}x")
    print()
    for n in (0, 1, 500, 2000, -2000):
        cases = [(d, n) for d in starts]
        print(
            f"{'CN n=' + str(n) + ' (any start, roll forward)':<34}{fmt(per_call(cn.add_working_days, cases)):>13}"
        )
    print()

    us = WorkCalendar("US")
    off = sorted(holidays.country_holidays("US", years=range(1990, 2101)))
    npcal = np.busdaycalendar(weekmask="1111100", holidays=off)
    print(f"{'US add_working_days vs numpy':<34}{'adservice':>13}{'numpy':>13}{'ratio':>9}")
    for n in (5, 60, 2000):
        cases = [(d, n) for d in starts]
        np_cases = [(np.datetime64(d), n) for d, n in cases]
        expected = [
            np.busday_offset(d, k, roll="forward", busdaycal=npcal).astype(object) for d, k in np_cases
        ]
        assert [us.add_working_days(d, k) for d, k in cases] == expected

        def scalar(d: np.datetime64, k: int) -> object:
            return np.busday_offset(d, k, roll="forward", busdaycal=npcal)

        ours = per_call(us.add_working_days, cases)
        theirs = per_call(scalar, np_cases)
        print(f"{'n=' + str(n) + ' (scalar call)':<34}{fmt(ours):>13}{fmt(theirs):>13}{theirs / ours:8.1f}x")
    print()

    size = 1_000_000
    days = [base + timedelta(rng.randrange(0, 3500)) for _ in range(size)]
    ns = [rng.randrange(-2000, 2001) for _ in range(size)]
    runs = []
    for _ in range(3):
        t = timeit.default_timer()
        cn.add_working_days_many(days, ns)
        runs.append(timeit.default_timer() - t)
    list_batch = min(runs)
    np_days = np.array(days, dtype="datetime64[D]")
    np_ns = np.array(ns)
    t = timeit.default_timer()
    np.busday_offset(np_days, np_ns, roll="forward", busdaycal=npcal)
    np_batch = timeit.default_timer() - t
    runs = []
    for _ in range(3):
        t = timeit.default_timer()
        got = cn.add_working_days_many(np_days, np_ns)
        runs.append(timeit.default_timer() - t)
    assert got[:1000].astype(object).tolist() == cn.add_working_days_many(days[:1000], ns[:1000])
    print(f"batch of {size:,} (date, n) pairs, CN:  {list_batch:.3f} s  (target <= 1 s)")
    print(f"numpy vectorised busday_offset, US, same pairs: {np_batch:.3f} s (for scale)")
    print(f"same batch as numpy arrays in and out, CN:      {min(runs):.3f} s")
    print()

    shanghai, new_york = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
    instants = [
        datetime(2025, 1, 1, tzinfo=shanghai) + timedelta(hours=rng.randrange(0, 24 * 700))
        for _ in range(500)
    ]
    hours = [(at, rng.randrange(0, 200)) for at in instants]
    print(f"{'hours':<34}{'adservice':>13}")
    print(f"{'CN add_business_hours':<34}{fmt(per_call(cn.add_business_hours, hours)):>13}")
    spans = [(a, a + timedelta(days=rng.randrange(0, 60))) for a in instants]
    print(f"{'CN working_time_between':<34}{fmt(per_call(cn.working_time_between, spans)):>13}")
    us_hours = [(at.astimezone(new_york), h) for at, h in hours]
    print(f"{'US (DST zone) add_business_hours':<34}{fmt(per_call(us.add_business_hours, us_hours)):>13}")


if __name__ == "__main__":
    main()
