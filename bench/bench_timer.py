"""How accurate is the timer? Every phase boundary against plan, on the real clock.

A routine of well over 100 short phases runs twice in the same process: once on
upperback's engine (deadline-based, driven by the same asyncio loop the notebook timer
uses) and once on a naive countdown that sleeps one tick and subtracts it, as many
interval timers do. Prints one JSON line per timer.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from dataclasses import replace

from upperback import Library
from upperback.routines import Routine, RoutineItem, check_routine
from upperback.schedule import phases_for
from upperback.timer import TimerEngine, run_timer

SCALE = 0.3  # each second of the routine lasts 0.3 s here, so the run takes about a minute
TICK = 0.1  # the naive countdown's tick, and the engine's screen refresh
TARGET_MAX_MS = 30


def short_routine(library: Library):
    """A sided, timed routine of 1-second holds and rests, shrunk by SCALE."""
    items = [
        RoutineItem("side-plank", sets=10, hold_seconds=1, rest_seconds=1, rest_after_seconds=1),
        RoutineItem("eleven-fifteen-stretch", sets=10, hold_seconds=1, rest_seconds=1),
        RoutineItem("plank", sets=10, hold_seconds=2, rest_seconds=1),
        RoutineItem("downward-dog", sets=10, hold_seconds=1, rest_seconds=1),
    ]
    checked = check_routine(Routine("Benchmark", items=tuple(items)), library)
    phases = phases_for(checked.doses, get_ready_seconds=1, switch_seconds=1)
    return [replace(p, seconds=p.seconds * SCALE, estimate=p.estimate * SCALE) for p in phases]


async def engine_boundaries(phases) -> list[float]:
    """Seconds late each boundary was noticed (and shown), against the plan."""
    engine = TimerEngine(phases)
    noticed = []
    engine.subscribe(lambda e: noticed.append(e.at) if e.kind == "phase-end" else None)
    await run_timer(engine, refresh=TICK)
    planned = [engine.start_time + engine.planned_starts[i] for i in range(1, len(phases))]
    return [at - plan for at, plan in zip(noticed, planned, strict=True)]


async def naive_boundaries(phases) -> list[float]:
    """The same routine on a countdown that sleeps one tick and decrements."""
    start = time.monotonic()
    planned, late = 0.0, []
    for phase in phases[:-1]:
        remaining = phase.seconds
        while remaining > 1e-9:
            step = min(TICK, remaining)
            await asyncio.sleep(step)
            remaining -= step
        planned += phase.seconds
        late.append(time.monotonic() - (start + planned))
    return late


def summary(name: str, late: list[float]) -> dict:
    ms = [x * 1000 for x in late]
    half = len(ms) // 2
    return {
        "benchmark": "timer phase boundaries against plan",
        "timer": name,
        "phases": len(ms) + 1,
        "median_ms": round(statistics.median(ms), 2),
        "max_ms": round(max(ms), 2),
        "end_ms": round(ms[-1], 2),
        "first_half_max_ms": round(max(ms[:half]), 2),
        "second_half_max_ms": round(max(ms[half:]), 2),
        "target_max_ms": TARGET_MAX_MS,
        "meets_target": max(abs(x) for x in ms) < TARGET_MAX_MS,
    }


def main() -> None:
    phases = short_routine(Library.load(user=False))
    print(json.dumps(summary("upperback engine", asyncio.run(engine_boundaries(phases)))))
    print(json.dumps(summary("naive tick countdown", asyncio.run(naive_boundaries(phases)))))


if __name__ == "__main__":
    main()
