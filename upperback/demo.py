"""A deterministic demo clinic of synthetic clients, so every chart shows something at once.

Every client's name starts with "Demo:" and every session says it is synthetic. The same
seed always makes the same data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from upperback.queries import Library
from upperback.routine_files import starter_routine
from upperback.routines import check_routine, routine_to_dict
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, planned_sets
from upperback.store import Store

__all__ = ["DEMO_CLIENTS", "demo_store", "make_demo"]

DEMO_END = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
WEEKS = 16

# name: (routine, sessions a week, pain at start, pain at end, weeks before stopping, extra)
DEMO_CLIENTS = {
    "Demo: Ana (improving)": ("thoracic-five", 3, 6.5, 2.0, WEEKS, ""),
    "Demo: Ben (plateau)": ("thoracic-five", 3, 5.0, 4.5, WEEKS, ""),
    "Demo: Cleo (stopped coming)": ("upper-back-strength", 2, 5.5, 4.0, 6, ""),
    "Demo: Dev (pain warnings)": ("thoracic-five", 3, 4.5, 4.0, WEEKS, "flares"),
    "Demo: Eli (daily, weaker left side)": ("daily-bridge", 7, 5.0, 3.0, WEEKS, "left"),
}


def make_demo(store: Store, library: Library, *, seed: int = 7, end: datetime = DEMO_END) -> int:
    """Write the demo clinic into ``store``; returns the sessions written (0 if already there)."""
    if any(name in store.clients() for name in DEMO_CLIENTS):
        return 0
    rng = random.Random(seed)
    start = (end - timedelta(weeks=WEEKS)).replace(hour=0, minute=0)
    written = 0
    for name, (routine_key, per_week, pain_start, pain_end, weeks, quirk) in DEMO_CLIENTS.items():
        store.record_red_flag_check(name, dict.fromkeys(RED_FLAGS, False))
        routine = starter_routine(routine_key)
        planned = planned_sets(check_routine(routine, library).phases)
        days = sorted(rng.sample(range(7), per_week))
        for week in range(weeks):
            for day in days:
                if rng.random() < 0.12:  # a missed session now and then
                    continue
                when = start + timedelta(weeks=week, days=day, hours=rng.choice([7, 12, 18]))
                progress = week / max(1, WEEKS - 1)
                pain = pain_start + (pain_end - pain_start) * progress + rng.gauss(0, 0.7)
                before = max(0, min(10, round(pain)))
                after = max(0, min(10, before - rng.choice([0, 1, 1, 2])))
                if quirk == "flares" and rng.random() < 0.15:
                    after = min(10, before + rng.choice([2, 3]))
                    before = max(before, rng.choice([5, 7]))
                sets = [_done(logged, rng, quirk) for logged in planned]
                store.save_session(
                    SessionRecord(
                        client=name,
                        routine=routine.name,
                        started_at=when,
                        ended_at=when + timedelta(minutes=rng.randint(10, 25)),
                        pain_before=before,
                        pain_after=after,
                        effort=float(rng.choice([2, 3, 3, 4, 5])),
                        notes="synthetic demo data",
                        sets=tuple(sets),
                        prescription=routine_to_dict(routine),
                    )
                )
                written += 1
    return written


def _done(logged, rng: random.Random, quirk: str):
    """A set as a real person might do it: mostly as planned, sometimes short or skipped."""
    if rng.random() < 0.05:
        return replace(logged, completed=False, reps_done=0 if logged.reps_done is not None else None,
                       hold_done=0.0 if logged.hold_done is not None else None)  # fmt: skip
    weaker = quirk == "left" and logged.side == "left"
    if logged.hold_done is not None:
        held = logged.hold_done * (rng.uniform(0.55, 0.8) if weaker else rng.uniform(0.9, 1.0))
        return replace(logged, hold_done=round(held, 1))
    if logged.reps_done is not None and weaker:
        return replace(logged, reps_done=max(1, logged.reps_done - rng.randint(2, 4)))
    return logged


def demo_store(library: Library | None = None) -> Store:
    """The demo clinic in its own file (``demo.db`` in the workbook folder), made if needed.

    Kept apart from the real log, so demo clients never mix with real ones.
    """
    from upperback.workbook import workbook_folder

    store = Store(f"sqlite:///{workbook_folder() / 'demo.db'}")
    make_demo(store, library or Library.load())
    return store
