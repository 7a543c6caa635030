"""How accurate is the timer? Every phase boundary against plan, on the real clock, and
every change of the number a client sees.

A routine of well over 100 short phases runs twice in the same process: once on
upperback's engine (deadline-based, driven by the same asyncio loop the notebook timer
uses) and once on a naive countdown that sleeps one tick and subtracts it, as many
interval timers do. Then the guided timer's view runs a short routine in real seconds, and
each change of its displayed countdown ("0:03" to "0:02") is timed against the moment the
engine's deadline says it is due: what the kernel reckons the face shows (the browser
draws it from its own clock; bench_timer_display.py times that in Chromium). Prints one
JSON line per measurement; runs in under 20 s.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import time
from dataclasses import replace

from upperback import Library
from upperback.routines import Routine, RoutineItem, check_routine
from upperback.schedule import phases_for
from upperback.timer import TimerEngine, run_timer

SCALE = 0.01  # each second of the routine lasts 10 ms here, so each run takes about 2 s
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


async def display_changes(library: Library) -> list[float]:
    """Seconds late each change of the view's countdown text came, against its due moment.

    The text shows the whole seconds left, rounded up, so "0:02" is due when the time left
    reaches 2 s: the phase's deadline less 2.
    """
    from upperback.widgets import GuidedTimer

    routine = Routine("Display", items=(RoutineItem("plank", sets=1, hold_seconds=3),))
    checked = check_routine(routine, library)
    timer = GuidedTimer(checked, library)
    late: list[float] = []
    shown = {"text": None}

    def changed(_change) -> None:
        now, engine = time.monotonic(), timer.engine
        match = re.fullmatch(r"(\d+):(\d\d)", timer.display.countdown)
        deadline = engine.deadline()
        if match is None or deadline is None or engine.state != "running":
            return
        seconds = int(match[1]) * 60 + int(match[2])
        if match[0] != shown["text"]:
            late.append(now - (deadline - seconds))
        shown["text"] = match[0]

    timer.display.observe(changed, names="countdown")
    timer.start_button.click()
    await timer.task
    return late


def main() -> None:
    library = Library.load(user=False)
    phases = short_routine(library)
    print(json.dumps(summary("upperback engine", asyncio.run(engine_boundaries(phases)))))
    print(json.dumps(summary("naive tick countdown", asyncio.run(naive_boundaries(phases)))))
    late = [x * 1000 for x in asyncio.run(display_changes(library))]
    print(json.dumps({
        "benchmark": "the timer's displayed countdown against its due moment",
        "timer": "upperback view (kernel side)",
        "changes": len(late),
        "median_ms": round(statistics.median(late), 2),
        "max_ms": round(max(late), 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
