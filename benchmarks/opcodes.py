"""Deterministic cost: the Python opcodes one engagement's walk, replay and load execute.

    PYTHONPATH=src python benchmarks/opcodes.py [--top 12]

Timings on a shared machine vary by a third between runs; the number of bytecode
instructions the interpreter executes does not (up to memo and hash-order effects of a few
per cent). This script counts them with ``sys.settrace`` (``f_trace_opcodes``) for:

- the live walk of ``benchwalk.walk`` (47 events, every check on);
- replaying its log (``Engagement.replay``);
- loading its saved JSON (``json.loads`` runs in C and is not counted; ``from_dict`` is);
- the kernel's own floor: replaying 47 meetings, whose handler records nothing.

and prints the total, the count per event, and the functions that execute the most. Use it to
compare two versions of the code (A/B) where a timing could not tell them apart. Opcodes are
not time: a call into C (a dict lookup, ``json``, ``hashlib``) counts as one.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

import argparse
import json
from collections import Counter
from collections.abc import Callable
from types import FrameType
from typing import Any

from benchwalk import START, A, instants, walk

from adservice.engagement import Engagement

TIMES = instants(START)


def count(run: Callable[[], object]) -> tuple[int, int, Counter[str]]:
    """``(opcodes, Python calls, opcodes per function)`` executed by ``run()``."""
    per: Counter[str] = Counter()
    calls = [0]

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        code = frame.f_code
        if event == "call":
            calls[0] += 1
        elif event == "opcode":
            per[f"{Path(code.co_filename).name}:{code.co_name}"] += 1
        return trace

    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(None)
    return sum(per.values()), calls[0], per


def meetings(n: int) -> Engagement:
    """An engagement of ``n`` meetings: the kernel's path with a handler that records nothing."""
    e = Engagement("M", "Huaxia")
    for at in instants(START, n):
        e.meeting(at, A, about="weekly call", call=True)
    return e


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="functions listed per case")
    top = parser.parse_args().top
    done = walk(Engagement("E", "Huaxia"), TIMES)
    log, text = done.events, json.dumps(done.to_dict())
    quiet = meetings(len(log))
    cases: dict[str, Callable[[], object]] = {
        "live walk": lambda: walk(Engagement("E", "Huaxia"), TIMES),
        "replay": lambda: Engagement.replay(log, id="E", client="Huaxia"),
        "load (from_dict)": lambda: Engagement.from_dict(json.loads(text)),
        "kernel floor (replay of meetings)": lambda: Engagement.replay(quiet.events, id="M", client="Huaxia"),
    }
    for run in cases.values():  # warm: calendars built, compiled checks and memos made
        run()
    for name, run in cases.items():
        ops, calls, per = count(run)
        print(f"{name}: {ops:,} opcodes, {calls:,} Python calls, {ops / len(log):.0f} opcodes per event")
        for where, n in per.most_common(top):
            print(f"  {n:7,}  {where}")
        print()


if __name__ == "__main__":
    main()
