"""How close to each second does the timer's face change, in a real browser?

Voila serves a notebook with the guided timer and, beside it, a kernel-drawn copy of its
countdown (an HTML widget the kernel rewrites at each of its ticks, as the timer's view did
before its face moved into the browser). Playwright drives the system Chromium: it presses
Start, and a MutationObserver notes the wall-clock moment each face shows a new number (or a
new phase). The kernel notes every phase's deadline on its monotonic clock and the offset to
the wall clock, so each change is timed against the moment the engine's deadline says it is
due. Both faces are timed in the same run, over a routine of 100+ short phases; the kernel's
messages are counted as it sends them (every comm message, by widget).

Prints one JSON line per face and one for the messages. Takes about 2.5 minutes
(``--quick``: about 70 s); skipped, saying so, without Chromium. ``--busy`` blocks the
kernel for 3 s mid-run, as a long cell would, to show what each face does then.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser tests' server helper, run from a checkout

from tests.browser.servers import Server  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WAIT = 180_000
TARGET_MEDIAN_MS, TARGET_WORST_MS = 50, 150
# Held moves, both sides at once (each may come twice); 121 phases, 149 s.
MOVES = ["plank", "knee-plank", "downward-dog", "cobra", "plank", "downward-dog"]

KERNEL = """
import json, time
import ipywidgets as w
from upperback import Library
from upperback.routines import Routine, RoutineItem
from upperback.widgets import GuidedTimer

MOVES = {moves!r}  # 10 sets each (the most a routine allows), holds of 2 s then 1 s
routine = Routine("Bench", items=tuple(
    RoutineItem(move, sets=10, hold_seconds=2 if n < 2 else 1, rest_seconds=1,
                rest_after_seconds=1)
    for n, move in enumerate(MOVES)
))
timer = GuidedTimer(routine, Library.load(user=False))
kernel_face = w.HTML()
kernel_face.add_class("bench-kernel-face")
results = w.HTML()
results.add_class("bench-results")
sent = {{}}  # comm id -> messages sent while the run counts
kernel_comm = type(timer.display.comm)  # the kernel's own comm class sends every message
publish = kernel_comm.publish_msg

def counting(self, msg_type, *args, **kwargs):
    if timer.engine.state == "running":
        sent[self.comm_id] = sent.get(self.comm_id, 0) + 1
    return publish(self, msg_type, *args, **kwargs)

kernel_comm.publish_msg = counting
drawn = timer.render

def draw_in_kernel():  # the view's old way: the kernel writes the text at each tick
    drawn()
    engine = timer.engine
    kernel_face.value = (f'<span data-index="{{engine.index}}" data-state="{{engine.state}}">'
                         f'{{timer.display.countdown}}</span>')

timer.render = draw_in_kernel
offset = time.time() - time.monotonic()

def finished(change):
    engine = timer.engine
    deadlines = [engine.start_time + r.actual_start + r.phase.seconds
                 for r in engine.records if r.phase.timed]
    indexes = [r.index for r in engine.records if r.phase.timed]
    seconds = [r.phase.seconds for r in engine.records if r.phase.timed]
    results.value = json.dumps({{
        "offset_ms": offset * 1000, "deadlines": deadlines, "indexes": indexes,
        "seconds": seconds, "phases": len(engine.phases),
        "display_messages": sent.get(timer.display.comm.comm_id, 0),
        "kernel_face_messages": sent.get(kernel_face.comm.comm_id, 0),
        "all_messages": sum(sent.values()),
    }})

timer.observe(finished, names="run")
busy = w.Button(description="Keep the kernel busy")
busy.add_class("bench-busy")
busy.on_click(lambda _: time.sleep(3))  # as a long cell would
w.VBox([timer, kernel_face, results, busy])
"""

WATCH = """() => {
  window.changes = {browser: [], kernel: []};
  const watch = (selector, name, read) => {
    const node = document.querySelector(selector);
    let last = null;
    new MutationObserver(() => {
      const key = read(node);
      if (key !== null && key !== last) {
        window.changes[name].push([key, performance.timeOrigin + performance.now()]);
        last = key;
      }
    }).observe(node, {subtree: true, childList: true, characterData: true, attributes: true});
  };
  watch('.upperback-timer-face', 'browser', (face) => face.dataset.state === 'running'
        ? `${face.dataset.index}:${face.textContent.trim()}` : null);
  watch('.bench-kernel-face', 'kernel', (box) => {
    const span = box.querySelector('span');
    return span && span.dataset.state === 'running'
        ? `${span.dataset.index}:${span.textContent.trim()}` : null;
  });
}"""


def due_moments(run: dict) -> dict[str, float]:
    """Wall-clock ms each number of each timed phase is due: its deadline less the number."""
    due = {}
    for index, deadline, seconds in zip(run["indexes"], run["deadlines"], run["seconds"],
                                        strict=True):  # fmt: skip
        for number in range(1, int(seconds) + 1):
            key = f"{index}:0:{number:02d}"
            due[key] = (deadline - number) * 1000 + run["offset_ms"]
    return due


def lateness(changes: list, due: dict[str, float]) -> tuple[list[float], int]:
    """How late each due number was shown, and how many were never shown.

    A number skipped (the face jumped past it) counts as late until the face first showed
    anything due at or after it: that is how long the face was wrong.
    """
    shown = sorted((due[key], at) for key, at in changes if key in due)
    late = []
    for moment in sorted(due.values()):
        caught_up = [at for when, at in shown if when >= moment]
        if caught_up:
            late.append(min(caught_up) - moment)
    return late, len(due) - len(shown)


def summary(face: str, late: list[float], missed: int, phases: int) -> dict:
    half = len(late) // 2
    median, worst = statistics.median(late), max(late, key=abs)
    return {
        "benchmark": "the timer's face against the engine's deadlines, in Chromium",
        "face": face,
        "phases": phases,
        "numbers_due": len(late),
        "numbers_never_shown": missed,
        "median_ms": round(median, 1),
        "worst_ms": round(worst, 1),
        "first_half_worst_ms": round(max(late[:half], key=abs), 1),
        "second_half_worst_ms": round(max(late[half:], key=abs), 1),
        "target": f"median {TARGET_MEDIAN_MS} ms, worst {TARGET_WORST_MS} ms",
        "meets_target": abs(median) <= TARGET_MEDIAN_MS and abs(worst) <= TARGET_WORST_MS,
    }


def measure(moves: list[str], busy: bool) -> tuple[dict, dict]:
    """Run the routine once in Chromium; the changes each face showed and the kernel's log."""
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-timer-display-"))
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": KERNEL.format(moves=moves)}  # fmt: skip
    notebook = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5,
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}  # fmt: skip
    (folder / "bench.ipynb").write_text(json.dumps(notebook))
    server = Server("voila", str(folder / "bench.ipynb"), folder)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(server.url(""), timeout=WAIT)
            page.wait_for_selector(".upperback-timer-face", timeout=WAIT)
            page.evaluate(WATCH)
            page.locator(".upperback-timer-start-button").click()
            if busy:
                time.sleep(20)  # into the run, past the get-ready phase
                page.locator(".bench-busy").click()
            page.wait_for_function(
                "document.querySelector('.bench-results').innerText.length > 0", timeout=30 * WAIT
            )
            run = json.loads(page.locator(".bench-results").inner_text())
            changes = page.evaluate("window.changes")
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return changes, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a routine of about 40 phases")
    parser.add_argument("--busy", action="store_true", help="block the kernel 3 s mid-run")
    options = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(json.dumps({"benchmark": "timer face in Chromium", "skipped": "no Chromium"}))
        return
    load_before = os.getloadavg()
    moves = MOVES[:2] if options.quick else MOVES
    changes, run = measure(moves, busy=options.busy)
    load_after = os.getloadavg()
    due = due_moments(run)
    for face in ("browser", "kernel"):
        row = summary(f"{face}-drawn", *lateness(changes[face], due), run["phases"])
        row["kernel_busy_3s"] = options.busy
        print(json.dumps(row))
    timer_messages = run["all_messages"] - run["kernel_face_messages"]
    print(json.dumps({
        "benchmark": "messages the kernel sent while the timer counted",
        "phases": run["phases"],
        "timer_messages_per_phase": round(timer_messages / run["phases"], 3),
        "of_which_anchors": run["display_messages"],
        "kernel_drawn_face_messages_per_phase": round(run["kernel_face_messages"] / run["phases"], 3),
        "load_average_1min": [round(load_before[0], 2), round(load_after[0], 2)],
        "cores": os.cpu_count(),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
