"""Real-browser tests: Playwright drives the system Chromium against servers started here.

Without Chromium (Debian package `chromium`) these tests are skipped and say so; with
UPPERBACK_REQUIRE_BROWSER=1 (as in CI) a missing browser is a failure instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from servers import ROOT, Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = "Chromium is not installed (Debian package: chromium)"
        if os.environ.get("UPPERBACK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + ", and UPPERBACK_REQUIRE_BROWSER=1 requires the browser tests")
        pytest.skip(reason + ": browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--autoplay-policy=no-user-gesture-required"],
        )  # fmt: skip
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


@pytest.fixture(scope="session")
def browser_home(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-home")


@pytest.fixture(scope="session")
def voila_notebooks(browser_home):
    server = Server("voila", "notebooks", browser_home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_app(browser_home):
    server = Server("voila", "app/my-back.ipynb", browser_home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab(browser_home):
    server = Server("lab", "notebooks", browser_home)
    yield server
    server.stop()


def shot(page, name: str) -> Path:
    """Save what the page shows now, for people to look at (tests/screenshots/)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
