"""A clinic-sized log: one million set rows, 500 clients over two years.

Each measurement runs in a fresh process (so its peak memory is its own) and is done twice
on the same data: by upperback (the SQLite log, queried per client) and by pandas reading
the same CSV export. Prints one JSON line per measurement.

    python bench/bench_clinic.py            # everything (a few minutes)
    python bench/bench_clinic.py --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

CLIENTS = 500
SETS_PER_SESSION = 10
WEEKS = 104
TARGETS = {"client_dashboard_ms": 150, "clinic_adherence_s": 2.0, "peak_mb": 1024}
EXERCISES = [  # (exercise, side, reps, hold)
    ("can-openers", "left", 8, 3.0),
    ("can-openers", "right", 8, 3.0),
    ("plank", None, None, 30.0),
    ("seated-row", None, 12, None),
    ("side-plank", "left", None, 20.0),
    ("side-plank", "right", None, 20.0),
    ("rhomboid-push-up", None, 10, None),
    ("cobra", None, None, 20.0),
    ("superman", None, 10, 2.0),
    ("bridge-and-reach-over", None, 10, None),
]


def write_clinic_csv(path: Path, rows: int, seed: int = 3) -> int:
    """A deterministic clinic in upperback's CSV export format; returns the sessions."""
    from upperback.store import CSV_COLUMNS

    rng = random.Random(seed)
    sessions_total = rows // SETS_PER_SESSION
    per_client = sessions_total // CLIENTS
    start = datetime(2024, 11, 1, tzinfo=UTC)
    prescription = json.dumps({"name": "Thoracic five", "times_per_day": 1, "days_per_week": 2})
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for client in range(CLIENTS):
            name = f"client-{client:04d}"
            pain = rng.uniform(3, 8)
            for n in range(per_client):
                when = start + timedelta(minutes=rng.randrange(0, WEEKS * 7 * 24 * 60))
                when = when.replace(second=0, microsecond=0)
                pain = min(10, max(0, pain + rng.gauss(-0.02, 0.5)))
                before = round(pain)
                head = [f"{client:04d}-{n:06d}", name, "Thoracic five", when.isoformat(),
                        (when + timedelta(minutes=15)).isoformat(), before,
                        max(0, before - rng.choice([0, 1, 2])), 3.0, "", prescription]  # fmt: skip
                for number, (exercise, side, reps, hold) in enumerate(EXERCISES, start=1):
                    done = rng.random() > 0.05
                    writer.writerow(
                        [*head, exercise, number, side or "", reps or "",
                         (reps if done else 0) if reps else "", hold or "",
                         (hold if done else 0.0) if hold and not reps else "",
                         "true" if done else "false", ""]
                    )  # fmt: skip
    return per_client * CLIENTS


# -- the measured steps, each run in its own process ----------------------------------------


def _pandas_frames(csv_path: Path):
    """The sessions and sets frames, as Store.sessions_frame and sets_frame give them."""
    import pandas as pd

    rows = pd.read_csv(csv_path, dtype={"side": "string", "note": "string"})
    rows["started_at"] = pd.to_datetime(rows["started_at"], utc=True, format="ISO8601")
    sessions = rows.drop_duplicates("session")[
        ["session", "client", "routine", "started_at", "pain_before", "pain_after", "effort",
         "prescription"]
    ].copy()  # fmt: skip
    parsed = {text: json.loads(text) for text in sessions["prescription"].unique()}
    frequency = sessions.pop("prescription").map(parsed)
    sessions["times_per_day"] = frequency.map(lambda f: f["times_per_day"]).astype("Int64")
    sessions["days_per_week"] = frequency.map(lambda f: f["days_per_week"]).astype("Int64")
    for name in ("pain_before", "pain_after"):
        sessions[name] = sessions[name].astype("Int64")
    sets = rows[["session", "client", "started_at", "exercise", "set_number", "side",
                 "reps_planned", "reps_done", "hold_planned", "hold_done", "completed"]].copy()  # fmt: skip
    for name in ("reps_planned", "reps_done"):
        sets[name] = sets[name].astype("Int64")
    for name in ("hold_planned", "hold_done"):
        sets[name] = sets[name].astype("Float64")
    return sessions.sort_values("started_at"), sets


def _dashboard(sessions, sets, library) -> None:
    """What the coach dashboard computes for one client."""
    from upperback.analysis import (
        left_right,
        muscle_work,
        pain_summary,
        pain_trend,
        plain_summary,
        streaks,
        weekly_adherence,
    )

    trend = pain_trend(sessions)
    summary = pain_summary(sessions, trend=trend)
    weekly = weekly_adherence(sessions)
    streaks(weekly)
    muscle_work(sets, library.links, library.muscles)
    left_right(sets)
    plain_summary(sessions, summary=summary, weekly=weekly)


def step(name: str, system: str, csv_path: Path, db_path: Path) -> dict:
    from upperback import Library
    from upperback.analysis import weekly_adherence
    from upperback.store import Store

    library = Library.load(user=False)
    url = f"sqlite:///{db_path}"
    result: dict = {}
    if name == "import":
        start = time.perf_counter()
        if system == "upperback":
            result["sessions"] = Store(url).import_csv(csv_path)
        else:
            result["sessions"] = len(_pandas_frames(csv_path)[0])
        result["seconds"] = time.perf_counter() - start
    elif name == "client_dashboard":
        clients = [f"client-{n:04d}" for n in random.Random(1).sample(range(1, CLIENTS), 20)]
        timings = []
        if system == "upperback":
            store = Store(url)
            # The first draw in a fresh process pays for pandas' lazy set-up; time it apart.
            start = time.perf_counter()
            _dashboard(
                store.sessions_frame("client-0000"), store.sets_frame("client-0000"), library
            )
            result["first_ms"] = (time.perf_counter() - start) * 1000
            for client in clients:
                start = time.perf_counter()
                _dashboard(store.sessions_frame(client), store.sets_frame(client), library)
                timings.append(time.perf_counter() - start)
        else:
            start = time.perf_counter()
            sessions, sets = _pandas_frames(csv_path)
            result["read_seconds"] = time.perf_counter() - start
            for client in clients:
                start = time.perf_counter()
                _dashboard(
                    sessions[sessions["client"] == client], sets[sets["client"] == client], library
                )
                timings.append(time.perf_counter() - start)
        result["median_ms"] = statistics.median(timings) * 1000
        result["max_ms"] = max(timings) * 1000
    elif name == "clinic_adherence":
        start = time.perf_counter()
        sessions = (
            Store(url).sessions_frame() if system == "upperback" else _pandas_frames(csv_path)[0]
        )
        weekly = weekly_adherence(sessions)
        result["seconds"] = time.perf_counter() - start
        result["client_weeks"] = len(weekly)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_step(name: str, system: str, csv_path: Path, db_path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--step", name, "--system", system, "--csv", str(csv_path),
         "--db", str(db_path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--step")
    parser.add_argument("--system")
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--db", type=Path)
    arguments = parser.parse_args()
    if arguments.step:
        print(json.dumps(step(arguments.step, arguments.system, arguments.csv, arguments.db)))
        return

    folder = Path(tempfile.mkdtemp(prefix="upperback-bench-"))
    csv_path, db_path = folder / "clinic.csv", folder / "clinic.db"
    sessions = write_clinic_csv(csv_path, arguments.rows)
    size = {"rows": sessions * SETS_PER_SESSION, "sessions": sessions, "clients": CLIENTS}
    for name in ("import", "client_dashboard", "clinic_adherence"):
        ours, theirs = (
            run_step(name, "upperback", csv_path, db_path),
            run_step(name, "pandas", csv_path, db_path),
        )
        line = {"benchmark": f"clinic: {name.replace('_', ' ')}", **size}
        if name == "client_dashboard":
            line |= {
                "upperback_median_ms": round(ours["median_ms"], 1),
                "upperback_max_ms": round(ours["max_ms"], 1),
                "upperback_first_call_ms": round(ours["first_ms"], 1),
                "pandas_read_csv_s": round(theirs["read_seconds"], 2),
                "pandas_median_ms_after_read": round(theirs["median_ms"], 1),
                "target_ms": TARGETS["client_dashboard_ms"],
                "meets_target": ours["max_ms"] < TARGETS["client_dashboard_ms"],
            }
        else:
            line |= {
                "upperback_s": round(ours["seconds"], 2),
                "pandas_s": round(theirs["seconds"], 2),
            }
            if name == "clinic_adherence":
                line |= {"target_s": TARGETS["clinic_adherence_s"],
                         "meets_target": ours["seconds"] < TARGETS["clinic_adherence_s"]}  # fmt: skip
        line |= {
            "upperback_peak_mb": round(ours["peak_mb"]),
            "pandas_peak_mb": round(theirs["peak_mb"]),
            "peak_target_mb": TARGETS["peak_mb"],
            "peak_meets_target": ours["peak_mb"] < TARGETS["peak_mb"],
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
