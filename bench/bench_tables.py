"""How light is `import upperback`, and how long do the tables take to load and validate?

Prints one JSON line per measurement. Import times are measured in fresh processes, so each
run pays the full cost of loading modules, as a user opening a notebook does.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

RUNS = 21
IMPORT_TARGET = 1.3  # `import upperback` at most this many times `import pandas`


def _run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def import_seconds(*modules: str) -> dict[str, float]:
    """Median wall time of a fresh interpreter importing each module, less an empty start.

    The runs take turns (empty, then each module) so that a busy moment on the machine
    weighs on every module alike instead of skewing the ratio.
    """
    samples: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(RUNS):
        baseline = _run("pass")
        for module in modules:
            samples[module].append(_run(f"import {module}") - baseline)
    return {m: statistics.median(s) for m, s in samples.items()}


def load_seconds() -> tuple[float, int]:
    import upperback

    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        library = upperback.Library.load(user=False)
        benefits = upperback.load_benefits()
        samples.append(time.perf_counter() - start)
    rows = len(library.exercises) + len(library.muscles) + len(library.links) + len(benefits)
    return statistics.median(samples), rows


def main() -> None:
    times = import_seconds("pandas", "upperback")
    pandas_s, upperback_s = times["pandas"], times["upperback"]
    ratio = upperback_s / pandas_s
    print(
        json.dumps(
            {
                "benchmark": "import upperback vs import pandas",
                "pandas_ms": round(pandas_s * 1000, 1),
                "upperback_ms": round(upperback_s * 1000, 1),
                "ratio": round(ratio, 3),
                "target_ratio": IMPORT_TARGET,
                "meets_target": ratio < IMPORT_TARGET,
                "runs": RUNS,
            }
        )
    )
    seconds, rows = load_seconds()
    print(
        json.dumps(
            {
                "benchmark": "load and validate all tables",
                "median_ms": round(seconds * 1000, 2),
                "rows": rows,
                "runs": RUNS,
            }
        )
    )


if __name__ == "__main__":
    main()
