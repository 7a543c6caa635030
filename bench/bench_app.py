"""How quickly does the client's page appear? The app against a one-cell Voila page.

Both pages are served by the same Voila server on 127.0.0.1 and opened in the system's
Chromium (Playwright), in turns, several times each: the time from asking for the page to
the first widget a person can see. The client is known from the workbook's profile, so the
app opens straight to the client's tabs, as it does for a returning client. Prints one
JSON line; the target is the app within 1.5 times the one-cell page.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.servers import Server  # noqa: E402

LOADS = 5
TARGET = 1.5
ONE_CELL = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "probe", "metadata": {},
               "outputs": [], "source": "import ipywidgets\n\nprobe = ipywidgets.HTML('Hello')\n"
               "probe.add_class('upperback-probe')\nprobe"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}  # fmt: skip


def page_seconds(browser, server: Server, notebook: str, ready: str) -> float:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(server.url(f"voila/render/{notebook}"), timeout=120_000)
    page.wait_for_selector(ready, state="visible", timeout=120_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder, home = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    try:
        shutil.copy(ROOT / "app" / "my-back.ipynb", folder / "my-back.ipynb")
        (folder / "one-cell.ipynb").write_text(json.dumps(ONE_CELL))
        os.environ["UPPERBACK_HOME"] = str(home)
        from upperback.identity import save_profile

        save_profile("Bench client")
        server = Server("voila", str(folder), home)
        times: dict[str, list[float]] = {"app": [], "one cell": []}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page_seconds(browser, server, "one-cell.ipynb", ".upperback-probe")  # warm up
                for _ in range(LOADS):
                    times["app"].append(
                        page_seconds(browser, server, "my-back.ipynb", ".upperback-app-tabs")
                    )
                    times["one cell"].append(
                        page_seconds(browser, server, "one-cell.ipynb", ".upperback-probe")
                    )
                browser.close()
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    app, one = statistics.median(times["app"]), statistics.median(times["one cell"])
    print(json.dumps({
        "benchmark": "the client app's first page against a one-cell Voila page",
        "loads": LOADS,
        "app_s": {"median": round(app, 2), "min": round(min(times["app"]), 2),
                  "max": round(max(times["app"]), 2)},
        "one_cell_s": {"median": round(one, 2), "min": round(min(times["one cell"]), 2),
                       "max": round(max(times["one cell"]), 2)},
        "ratio_of_medians": round(app / one, 2),
        "target_ratio": TARGET,
        "load_average_1min": round(os.getloadavg()[0], 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
