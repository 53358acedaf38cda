"""Portfolio reports at scale, beside the naive baseline, in one run.

    PYTHONPATH=src python benchmarks/portfolio.py [--sizes 400 4000] [--repeat 3]

Builds N engagements with the lifecycle (the walk of ``benchmarks/lifecycle.py``: half of
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

# benchmarks/calendar.py would shadow the standard library's calendar module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import gc
import math
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone

from transitions import Machine

from adservice.engagement import Engagement
from adservice.portfolio import obligations_due, overdue_report, status_report

#: The CPU seconds of this process: wall time on an idle machine, and unaffected by other
#: processes on a shared one (both sides of every ratio are timed with it).
clock = time.process_time

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 9, tzinfo=TZ)
TEAM = {
    "ae": "Li",
    "strategist": "Zhou",
    "copywriter": "Wu",
    "art_director": "Zheng",
    "project_director": "Chen",
}
A, C, M = "agency:Chen", "client:Wang", "agency:Zhang"
BRIEFING = {
    "company": "Huaxia",
    "product": "Phase II",
    "channels": "sales office",
    "targets": "young families",
    "competitors": "two projects nearby",
    "goals": "60% pre-sold",
    "budget": "CNY 8 million",
}
#: Stage changes of the full walk, for the naive machine.
STATES = [
    "intent",
    "pitch",
    "contract",
    "brief",
    "creative",
    "approval",
    "media_booking",
    "post_analysis",
    "closed",
]
PATH = [
    "start_pitch", "win", "start_brief", "start_creative", "submit",
    "revise", "submit", "start_media", "start_post", "close",
]  # fmt: skip
TABLE = [
    {"trigger": t, "source": s, "dest": d}
    for t, s, d in zip(
        [
            "start_pitch",
            "win",
            "start_brief",
            "start_creative",
            "submit",
            "start_media",
            "start_post",
            "close",
        ],
        STATES[:-1],
        STATES[1:],
        strict=True,
    )
] + [{"trigger": "revise", "source": "approval", "dest": "creative"}]


def steps(placement: date) -> list[Callable[[Engagement, datetime], object]]:
    """The walk of benchmarks/lifecycle.py as steps (47 events, 10 stage changes)."""
    end1, start2 = placement + timedelta(days=7), placement + timedelta(days=14)
    return [
        lambda e, t: e.receive_invitation(t, C, evidence="INV"),
        lambda e, t: e.record(t, C, "question_list", evidence="QL"),
        lambda e, t: e.record(t, A, "meeting_minutes"),
        lambda e, t: e.record(t, A, "internal_briefing"),
        lambda e, t: e.assign_team(t, A, team=TEAM),
        lambda e, t: e.start_pitch(t, A),
        lambda e, t: e.approve_quote(t, M, quote="Q1", role="department_manager"),
        lambda e, t: e.submit_quote(t, A, quote="Q1"),
        lambda e, t: e.win(t, C),
        lambda e, t: e.sign_contract(t, C, evidence="CT"),
        lambda e, t: e.record(t, A, "project_plan"),
        lambda e, t: e.start_brief(t, A),
        lambda e, t: e.receive_briefing(t, C, contents=BRIEFING),
        lambda e, t: e.record(t, A, "work_briefing", evidence="WB"),
        lambda e, t: e.agree_strategy(t, C, evidence="ST"),
        lambda e, t: e.add_job_order(
            t, A, number="J1", item="print_single", description="one ad", creative_brief="CB"
        ),
        lambda e, t: e.receive_work_order(t, C, jobs=["J1"], evidence="WO"),
        lambda e, t: e.start_creative(t, A),
        *(
            call
            for step in ("creative_concept", "copy_and_layout", "final_art", "colour_proof")
            for call in (
                lambda e, t, step=step: e.submit_step(t, A, job="J1", step=step),
                lambda e, t, step=step: e.approve_step(t, C, job="J1", step=step, evidence="AP"),
            )
        ),
        lambda e, t: e.record(t, A, "internal_review"),
        lambda e, t: e.submit_for_approval(t, A),
        lambda e, t: e.request_revision(t, C, changes="bigger logo", evidence="RV"),
        lambda e, t: e.deliver(t, A, job="J1-R1"),
        lambda e, t: e.record(t, A, "internal_review"),
        lambda e, t: e.submit_for_approval(t, A),
        *(
            lambda e, t, d=d: e.sign_off(t, C, deliverable=d, evidence="S")
            for d in ("media_plan", "creative", "quote")
        ),
        lambda e, t: e.start_media_booking(t, A),
        lambda e, t: e.confirm_schedule(t, C, evidence="MS"),
        lambda e, t: e.book_media(t, A, placement=placement),
        lambda e, t: e.receive_prepayment(t, C, evidence="PP"),
        lambda e, t: e.approve_fee_list(t, C, evidence="FL"),
        lambda e, t: e.place(t, A, start=placement, end=end1),
        lambda e, t: e.place(t, A, start=start2, end=start2 + timedelta(days=7)),
        lambda e, t: e.start_post_analysis(t, A),
        lambda e, t: e.report_execution(t, A, round=1),
        lambda e, t: e.report_execution(t, A, round=2),
        lambda e, t: e.record(t, A, "post_campaign_analysis"),
        lambda e, t: e.close(t, A),
    ]


def portfolio(n: int) -> list[Engagement]:
    """N engagements: starts spread over 120 days, a step every 20 hours; every other one stops
    part-way (at a step that depends on its number), the rest are closed."""
    out = []
    for i in range(n):
        base = START + timedelta(hours=(i * 7919) % (120 * 24))
        placement = (base + timedelta(days=40)).date()
        walk = steps(placement)
        stop = len(walk) if i % 2 == 0 else 3 + (i * 31) % (len(walk) - 3)
        e = Engagement(f"E{i:05d}", "Huaxia")
        for k, step in enumerate(walk[:stop]):
            step(e, base + timedelta(hours=20 * k))
        out.append(e)
    return out


class NaiveModel:
    def __init__(self) -> None:
        self.log: list[dict[str, object]] = []


def naive(n: int) -> float:
    """One transitions.Machine per engagement walking the full walk's stage changes (and records)."""
    times = [START + timedelta(hours=h) for h in range(64)]
    gc.collect()
    t = clock()
    for _ in range(n):
        m = NaiveModel()
        Machine(model=m, states=STATES, transitions=TABLE, initial="intent", auto_transitions=False)
        for i, trigger in enumerate(PATH):
            for k in range(3):
                m.log.append({"at": times[i * 3 + k], "kind": "record", "actor": C})
            getattr(m, trigger)()
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
