"""A clinic-sized log: one million set rows, 500 clients over two years.

Each measurement runs in a fresh process (so its peak memory is its own) and is done by
upperback and by a peer doing the same work: for the import, pandas and sqlite3 reading the
file, making the same checks vectorised and bulk-inserting the same rows in the same schema;
for the summaries, pandas reading the same CSV export. Prints one JSON line per measurement.

    python bench/bench_clinic.py            # everything, 1M rows (long: each figure 3 runs)
    python bench/bench_clinic.py --rows 100000   # or UPPERBACK_BENCH_ROWS=100000

Every figure is the median of at least three runs, with min and max; memory in MiB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
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
TARGETS = {"client_dashboard_ms": 150, "clinic_adherence_s": 2.0}
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


# -- the peer of the import: the same work with pandas and sqlite3 --------------------------


def _cells(frame, column: str, kind: str | None = None) -> list:
    """A column's values for sqlite3: numbers of ``kind``, None for an empty cell."""
    import pandas as pd

    cells = frame[column]
    values = cells if kind is None else pd.to_numeric(cells.replace("", None)).astype(kind)
    return values.astype(object).where(cells != "", None).tolist()


def _pandas_import(csv_path: Path, db_path: Path) -> int:
    """Read, check and write the file as upperback's import does, with vectorised pandas checks
    and bulk sqlite3 inserts into the same schema: the floor an import can hope to reach."""
    import sqlite3

    import numpy as np
    import pandas as pd

    from upperback import rules
    from upperback.store import CSV_COLUMNS, Store

    Store(f"sqlite:///{db_path}").close()  # the same tables
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    latest = pd.Timestamp.now(tz="UTC") + rules.CLOCK_SKEW
    texts = {"session": "uid", "client": "client", "routine": "routine", "exercise": "exercise",
             "session_notes": "notes", "note": "note"}  # fmt: skip
    client_ids: dict[str, int] = {}
    id_of: dict[str, int] = {}
    counts: dict[str, int] = {}
    reader = pd.read_csv(csv_path, dtype=str, keep_default_na=False, chunksize=100_000)
    for chunk in reader:
        if list(chunk.columns) != CSV_COLUMNS:
            raise ValueError("header")
        bad = np.zeros(len(chunk), dtype=bool)
        for column, field in texts.items():
            cells = chunk[column]
            bad |= (cells.str.len() > rules.TEXT_LIMITS[field]) | cells.str.contains(
                "\0", regex=False
            )
            guarded = cells.str.startswith("'") & cells.str[1:].str.startswith(
                ("=", "+", "-", "@", "\t", "\r", "'")
            )
            chunk[column] = cells.mask(guarded, cells.str[1:])
        for column, (low, high) in [*rules.WHOLE_LIMITS.items(), ("hold_planned", rules.HOLD_LIMITS),
                                    ("hold_done", rules.HOLD_LIMITS), ("effort", rules.EFFORT_RANGE)]:  # fmt: skip
            values = pd.to_numeric(chunk[column].replace("", None), errors="coerce")
            bad |= (values.isna() & (chunk[column] != "")) | (values < low) | (values > high)
            if column in rules.WHOLE_LIMITS:
                bad |= (values % 1 != 0) & values.notna()
        bad |= ~chunk["side"].isin(["", "left", "right"]) | ~chunk["completed"].isin(
            ["true", "false"]
        )
        for column in ("started_at", "ended_at"):
            times = pd.to_datetime(chunk[column].replace("", None), utc=True, format="ISO8601")
            bad |= ((times < rules.EARLIEST_SESSION) | (times > latest)).to_numpy()
            chunk[column] = times.dt.strftime("%Y-%m-%d %H:%M:%S.%f").where(times.notna(), None)
        snapshots = {t: json.loads(t) for t in chunk["prescription"].unique() if t}
        if not all(isinstance(v, dict) for v in snapshots.values()) or bad.any():
            raise ValueError("a bad row")
        heads = chunk.drop_duplicates(["session", *CSV_COLUMNS[1:10]])
        if heads["session"].duplicated().any():
            raise ValueError("rows of a session disagree")
        heads = heads[~heads["session"].isin(id_of.keys())]
        for name in set(heads["client"].str.strip()) - client_ids.keys():
            client_ids[name] = conn.execute(
                "INSERT INTO clients (name, created_at) VALUES (?, datetime('now'))", (name,)
            ).lastrowid
        start = (conn.execute("SELECT max(id) FROM sessions").fetchone()[0] or 0) + 1
        ids = range(start, start + len(heads))
        id_of |= dict(zip(heads["session"], ids, strict=True))
        texts_of = {t: json.dumps(v) for t, v in snapshots.items()}
        conn.executemany(
            "INSERT INTO sessions (id, uid, client_id, routine, prescription, started_at, ended_at,"
            " pain_before, pain_after, effort, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            zip(ids, heads["session"], heads["client"].str.strip().map(client_ids),
                heads["routine"], heads["prescription"].map(texts_of).astype(object)
                .where(heads["prescription"] != "", None), heads["started_at"],
                heads["ended_at"], _cells(heads, "pain_before", "Int64"),
                _cells(heads, "pain_after", "Int64"), _cells(heads, "effort", "Float64"),
                heads["session_notes"], strict=True),
        )  # fmt: skip
        sets = chunk[chunk["exercise"] != ""]
        within = sets.groupby("session", sort=False).cumcount()
        positions = sets["session"].map(counts).fillna(0).astype(int) + within
        for uid, n in sets["session"].value_counts().items():
            counts[uid] = counts.get(uid, 0) + int(n)
        conn.executemany(
            "INSERT INTO set_logs (session_id, position, exercise, set_number, side, reps_planned,"
            " reps_done, hold_planned, hold_done, completed, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            zip(sets["session"].map(id_of), positions.tolist(), sets["exercise"],
                _cells(sets, "set_number", "Int64"), _cells(sets, "side"),
                _cells(sets, "reps_planned", "Int64"), _cells(sets, "reps_done", "Int64"),
                _cells(sets, "hold_planned", "Float64"), _cells(sets, "hold_done", "Float64"),
                (sets["completed"] == "true").astype(int).tolist(), sets["note"], strict=True),
        )  # fmt: skip
    conn.execute("COMMIT")
    return len(id_of)


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
            result["sessions"] = _pandas_import(csv_path, db_path)
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
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return result


def run_step(name: str, system: str, csv_path: Path, db_path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--step", name, "--system", system, "--csv", str(csv_path),
         "--db", str(db_path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def _spread(values: list[float], digits: int = 2) -> dict:
    """Median, min and max of the runs."""
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "runs": len(values)}  # fmt: skip


def _fresh_import(system: str, csv_path: Path, db_path: Path) -> dict:
    for stale in db_path.parent.glob(db_path.name + "*"):  # the database and its WAL files
        stale.unlink()
    return run_step("import", system, csv_path, db_path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("UPPERBACK_BENCH_ROWS", 1_000_000))
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--step")
    parser.add_argument("--system")
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--db", type=Path)
    arguments = parser.parse_args()
    if arguments.step:
        print(json.dumps(step(arguments.step, arguments.system, arguments.csv, arguments.db)))
        return

    folder = Path(tempfile.mkdtemp(prefix="upperback-bench-"))
    try:
        _measure(folder, arguments.rows, max(3, arguments.repeat))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _measure(folder: Path, rows: int, repeat: int) -> None:
    csv_path, db_path, peer_db = folder / "clinic.csv", folder / "clinic.db", folder / "peer.db"
    sessions = write_clinic_csv(csv_path, rows)
    size = {"rows": sessions * SETS_PER_SESSION, "sessions": sessions, "clients": CLIENTS,
            "csv_mib": round(csv_path.stat().st_size / 2**20, 1), "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 1)}  # fmt: skip
    # Alternate the two so a busy machine slows both alike; upperback's last run is kept.
    peer, ours = [], []
    for _ in range(repeat):
        peer.append(_fresh_import("pandas", csv_path, peer_db))
        ours.append(_fresh_import("upperback", csv_path, db_path))
    assert {r["sessions"] for r in ours + peer} == {sessions}
    line = {"benchmark": "clinic: import the CSV (read, check every row, write)", **size,
            "upperback_s": _spread([r["seconds"] for r in ours]),
            "pandas_sqlite_floor_s": _spread([r["seconds"] for r in peer]),
            "ratio_of_medians": round(statistics.median(r["seconds"] for r in ours)
                                      / statistics.median(r["seconds"] for r in peer), 2),
            "target_ratio": 1.5,
            "upperback_peak_mib": _spread([r["peak_mib"] for r in ours], 0),
            "pandas_peak_mib": _spread([r["peak_mib"] for r in peer], 0),
            "peak_target_mib": 300}  # fmt: skip
    print(json.dumps(line), flush=True)
    for name in ("client_dashboard", "clinic_adherence"):
        runs = {system: [run_step(name, system, csv_path, db_path) for _ in range(repeat)]
                for system in ("upperback", "pandas")}  # fmt: skip
        line = {"benchmark": f"clinic: {name.replace('_', ' ')}", **size}
        if name == "client_dashboard":
            line |= {
                "upperback_median_ms": _spread([r["median_ms"] for r in runs["upperback"]], 1),
                "upperback_max_ms": _spread([r["max_ms"] for r in runs["upperback"]], 1),
                "pandas_read_csv_s": _spread([r["read_seconds"] for r in runs["pandas"]]),
                "pandas_median_ms_after_read": _spread([r["median_ms"] for r in runs["pandas"]], 1),
                "target_ms": TARGETS["client_dashboard_ms"],
            }
        else:
            line |= {"upperback_s": _spread([r["seconds"] for r in runs["upperback"]]),
                     "pandas_s": _spread([r["seconds"] for r in runs["pandas"]]),
                     "target_s": TARGETS["clinic_adherence_s"]}  # fmt: skip
        line |= {"upperback_peak_mib": _spread([r["peak_mib"] for r in runs["upperback"]], 0),
                 "pandas_peak_mib": _spread([r["peak_mib"] for r in runs["pandas"]], 0)}  # fmt: skip
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
