"""Real-browser tests: Playwright drives the system Chromium against servers started here.

Without Chromium (Debian package `chromium`) these tests are skipped and say so; with
UPPERBACK_REQUIRE_BROWSER=1 (as in CI) a missing browser is a failure instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.servers import APP, ROOT, Server, shot

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Playwright's sync API runs an event loop of its own: stop it when the module ends,
    so the asyncio tests of the timer can run their own loops."""
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    if getattr(request.node, "failed_call", False):
        shot(page, f"failed-{request.node.name}")  # what the page showed when it failed
    context.close()


@pytest.fixture(scope="session")
def browser_home(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-home")


def _serving(kind: str, target: str, home):
    server = Server(kind, target, home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_notebooks(browser_home):
    yield from _serving("voila", "notebooks", browser_home)


@pytest.fixture(scope="session")
def voila_empty_log(tmp_path_factory):
    """Notebooks served for a coach with nothing logged yet (the demo clinic opens)."""
    yield from _serving("voila", "notebooks", tmp_path_factory.mktemp("empty-home"))


@pytest.fixture
def voila_app(tmp_path):
    """The client app for a client new to this computer: a workbook folder of its own."""
    yield from _serving("voila", APP, tmp_path)


@pytest.fixture(scope="session")
def lab(browser_home, tmp_path_factory):
    """JupyterLab on a copy of the notebooks (with RISE's style sheets beside them).

    Running a notebook, JupyterLab's autosave, and RISE's save before it shows the slides
    all write outputs into the file served: into the copy, never into the repository.
    """
    copy = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    yield from _serving("lab", str(copy), browser_home)
