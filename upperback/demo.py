"""A deterministic demo clinic of synthetic clients, so every chart shows something at once.

Every client's name starts with "Demo:" and every session says it is synthetic. The same
seed and the same last day always make the same data; the clinic ends on the day it is
written, so its last weeks are always the two weeks next week's suggestions look back on.
Besides the five clients whose progress the charts show, four clients' last weeks each call
for one kind of suggestion for next week's routine (progress, ease off, keep while working
hard, keep after missed sessions), one's pain reached 8 (stop and see a professional), and
one ticked chest pain on the warning signs and waits for a professional's all-clear.
Three of the progress clients rated activities of their own every two weeks: Ana's improve
for real, Ben's hardly move, and Dev's get worse.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from upperback.function_checks import function_check
from upperback.queries import Library
from upperback.routine_files import starter_routine
from upperback.routines import Routine, RoutineItem, check_routine, routine_to_dict
from upperback.rules.safety import RED_FLAGS, URGENT_FLAGS
from upperback.sessions import SessionRecord, now_utc, planned_sets
from upperback.store import Store

__all__ = [
    "DEMO_ACTIVITIES",
    "DEMO_CLIENTS",
    "LOOP_CLIENTS",
    "demo_end",
    "demo_routines_folder",
    "demo_store",
    "make_demo",
]

WEEKS = 16
LOOP_WEEKS = 6  # the coach's-loop clients' weeks of sessions

# name: (routine, sessions a week, pain at start, pain at end, weeks before stopping, extra)
PROGRESS_CLIENTS = {
    "Demo: Ana (improving)": ("thoracic-five", 3, 6.5, 2.0, WEEKS, ""),
    "Demo: Ben (plateau)": ("thoracic-five", 3, 5.0, 4.5, WEEKS, ""),
    "Demo: Cleo (stopped coming)": ("upper-back-strength", 2, 5.5, 4.0, 6, ""),
    "Demo: Dev (pain warnings)": ("thoracic-five", 3, 4.5, 4.0, WEEKS, "flares"),
    "Demo: Eli (daily, weaker left side)": ("daily-bridge", 7, 5.0, 3.0, WEEKS, "left"),
}

# name: each activity in the client's words, rated at the first check and at the last.
DEMO_ACTIVITIES = {
    "Demo: Ana (improving)": (
        ("Reaching a high shelf", 3, 8),
        ("Carrying the shopping home", 4, 7),
        ("Sleeping on my side", 2, 6),
        ("Turning to reverse the car", 5, 8),
    ),
    "Demo: Ben (plateau)": (
        ("Sitting at my desk for an hour", 4, 5),
        ("Lifting my toddler", 3, 4),
        ("Swimming front crawl", 2, 2),
    ),
    "Demo: Dev (pain warnings)": (
        ("Gardening", 6, 3),
        ("Hanging out the washing", 6, 4),
        ("Driving for an hour", 5, 3),
    ),
}
FUNCTION_EVERY = timedelta(weeks=2)


def make_demo(store: Store, library: Library, *, seed: int = 7, end: datetime | None = None) -> int:
    """Write the demo clinic into ``store``; returns the sessions written (0 if already there).

    The clinic's last session ends at ``end``, by default now: it ends on the day it is
    written. A clinic written before some of its clients existed gets just those added,
    ending where it ends.
    """
    end = end or demo_end(store) or now_utc()
    known = set(store.clients())
    written = 0
    if not any(name in known for name in PROGRESS_CLIENTS):
        written += _write_progress_clients(store, library, seed=seed, end=end)
    for name, client in LOOP_CLIENTS.items():
        if name not in known:
            written += _write_loop_client(store, library, name, client, seed=seed, end=end)
    _write_function_checks(store, seed=seed, end=end)
    return written


def _write_function_checks(store: Store, *, seed: int, end: datetime) -> None:
    """Every two weeks of the sixteen, each activity's rating moving from its first to its
    last, a point astray now and then; for a client who has none yet."""
    rng = random.Random(f"{seed}-function")
    start = (end - timedelta(weeks=WEEKS)).replace(hour=0, minute=0) + timedelta(hours=8)
    checks = WEEKS // 2
    for name, activities in DEMO_ACTIVITIES.items():
        if store.function_scores(name):
            continue
        for number in range(checks):
            share = number / (checks - 1)
            ratings = {
                activity: max(0, min(10, round(first + (last - first) * share + wobble)))
                for activity, first, last in activities
                for wobble in [rng.choice([0, 0, 0, -1, 1]) if 0 < number < checks - 1 else 0]
            }
            when = start + number * FUNCTION_EVERY
            store.record_function_scores(function_check(name, ratings, when=when))


def _write_progress_clients(store: Store, library: Library, *, seed: int, end: datetime) -> int:
    """Sixteen weeks of the five clients whose progress the charts show."""
    rng = random.Random(seed)
    start = (end - timedelta(weeks=WEEKS)).replace(hour=0, minute=0)
    written = 0
    for name, spec in PROGRESS_CLIENTS.items():
        routine_key, per_week, pain_start, pain_end, weeks, quirk = spec
        store.record_red_flag_check(name, dict.fromkeys(RED_FLAGS, False))
        routine = starter_routine(routine_key)
        planned = planned_sets(check_routine(routine, library).phases)
        days = sorted(rng.sample(range(7), per_week))
        for week in range(weeks):
            for day in days:
                if rng.random() < 0.12:  # a missed session now and then
                    continue
                when = start + timedelta(weeks=week, days=day, hours=rng.choice([7, 12, 18]))
                if when + timedelta(minutes=25) > end:  # the clinic ends now, not later
                    continue
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


@dataclass(frozen=True)
class LoopClient:
    """A client whose last weeks call for one kind of suggestion."""

    routine: Routine
    pain: tuple[int, int]  # at the start of the weeks, at the end
    efforts: tuple[float, ...]  # drawn from, CR10
    flares: int = 0  # the last sessions in which pain rose by 3 during the session
    last_fortnight: int | None = None  # sessions in the last two weeks; None: all three a week
    last_pain: int | None = None  # the last session's pain after it, when it stands out
    ticked: tuple[str, ...] = ()  # warning signs answered yes, and not cleared


def _routine(name: str, client: str, *items: RoutineItem) -> Routine:
    return Routine(name, items=items, client=client, days_per_week=3,
                   goal="Demo routine for the coach's weekly review")  # fmt: skip


LOOP_CLIENTS = {
    "Demo: Fay (ready for more)": LoopClient(
        _routine("Rows and planks", "Demo: Fay (ready for more)", RoutineItem("seated-row"),
                 RoutineItem("knee-plank"), RoutineItem("chin-up", reps=8)),
        pain=(4, 2), efforts=(2.0, 2.5, 3.0)),
    "Demo: Gus (flare-up)": LoopClient(
        _routine("Pull and hold", "Demo: Gus (flare-up)", RoutineItem("pull-up"),
                 RoutineItem("plank"), RoutineItem("superman")),
        pain=(3, 3), efforts=(4.0, 5.0), flares=2),
    "Demo: Hana (working hard)": LoopClient(
        _routine("Rows and side planks", "Demo: Hana (working hard)",
                 RoutineItem("single-arm-row"), RoutineItem("side-plank")),
        pain=(4, 3), efforts=(4.0, 5.0, 6.0)),
    "Demo: Ivo (missed sessions)": LoopClient(
        _routine("Core basics", "Demo: Ivo (missed sessions)", RoutineItem("knee-plank"),
                 RoutineItem("bent-knee-side-plank"), RoutineItem("cat-cow")),
        pain=(4, 3), efforts=(2.0, 3.0), last_fortnight=1),
    "Demo: Jo (pain of 8)": LoopClient(
        _routine("Rows and bridges", "Demo: Jo (pain of 8)", RoutineItem("seated-row"),
                 RoutineItem("bridge-and-reach-over")),
        pain=(3, 3), efforts=(2.0, 3.0), last_pain=8),
    "Demo: Kit (waiting for clearance)": LoopClient(
        _routine("Planks and rows", "Demo: Kit (waiting for clearance)",
                 RoutineItem("knee-plank"), RoutineItem("seated-row")),
        pain=(4, 2), efforts=(2.0, 3.0), ticked=URGENT_FLAGS),
}  # fmt: skip
DEMO_CLIENTS = {**PROGRESS_CLIENTS, **LOOP_CLIENTS}


def _write_loop_client(store, library, name, client: LoopClient, *, seed, end) -> int:
    """Six weeks of sessions every other day, three a week, every set done as planned; the
    last one ends at ``end``."""
    rng = random.Random(f"{seed}-{name}")
    answers = {flag: flag in client.ticked for flag in RED_FLAGS}
    store.record_red_flag_check(name, answers)
    planned = tuple(planned_sets(check_routine(client.routine, library).phases))
    start = end - timedelta(weeks=LOOP_WEEKS - 1, days=4)
    days = [start + timedelta(weeks=w, days=day) for w in range(LOOP_WEEKS) for day in (0, 2, 4)]
    if client.last_fortnight is not None:
        fortnight = end - timedelta(days=14)
        days = [d for d in days if d < fortnight] + [d for d in days if d >= fortnight][-1:]
    first, last = client.pain
    for number, when in enumerate(days):
        before = round(first + (last - first) * number / max(1, len(days) - 1))
        after = max(0, before - rng.choice([0, 1, 1]))
        if number >= len(days) - client.flares:
            after = before + 3
        if client.last_pain is not None and number == len(days) - 1:
            after = client.last_pain
        record = SessionRecord(
            client=name,
            routine=client.routine.name,
            started_at=when - timedelta(minutes=20),
            ended_at=when,
            pain_before=before,
            pain_after=after,
            effort=rng.choice(client.efforts),
            notes="synthetic demo data",
            sets=planned,
            prescription=routine_to_dict(client.routine),
        )
        store.save_session(record)
    return len(days)


def demo_end(store: Store) -> datetime | None:
    """When the demo clinic in ``store`` ends (its last session's end), to look back from;
    None when the store holds no demo clinic."""
    for group in (LOOP_CLIENTS, PROGRESS_CLIENTS):
        last = [s.ended_at or s.started_at for name in group for s in store.sessions(name)]
        if last:
            return max(last)
    return None


def demo_routines_folder() -> Path:
    """Where the demo clients' routine files are kept: apart from the real routines."""
    from upperback.workbook import workbook_folder

    return workbook_folder() / "demo-routines"


def demo_store(library: Library | None = None) -> Store:
    """The demo clinic in its own file (``demo.db`` in the workbook folder), made if needed.

    Kept apart from the real log, so demo clients never mix with real ones.
    """
    from upperback.workbook import workbook_folder

    store = Store(f"sqlite:///{workbook_folder() / 'demo.db'}")
    make_demo(store, library or Library.load())
    return store
