"""Helpers for the hub's browser tests: the trial hub of `make hub`, logging in, kernels.

The hub needs root (a system user per person), PostgreSQL, configurable-http-proxy and
Chromium. Without them the hub's tests are skipped and say why, unless
UPPERBACK_REQUIRE_HUB=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import pwd
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAIT = 180_000  # ms: a first server start and a notebook run can take a while on 2 cores


def load_trial():
    """hub/trial.py, which is a script beside the hub's configuration, not a package module."""
    spec = importlib.util.spec_from_file_location("upperback_hub_trial", ROOT / "hub" / "trial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def missing_for_a_hub() -> list[str]:
    missing = []
    if os.geteuid() != 0:
        missing.append("root (each person is a system user)")
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing.append("PostgreSQL (Debian package: postgresql)")
    if not shutil.which("configurable-http-proxy"):
        missing.append("configurable-http-proxy (npm install -g configurable-http-proxy)")
    if importlib.util.find_spec("jupyterhub") is None:
        missing.append("JupyterHub (pip install upperback[hub])")
    return missing


def start_trial_hub(**settings):
    missing = missing_for_a_hub()
    if missing:
        reason = "the hub's tests need " + ", ".join(missing)
        if os.environ.get("UPPERBACK_REQUIRE_HUB") == "1":
            pytest.fail(reason + ", and UPPERBACK_REQUIRE_HUB=1 requires them")
        pytest.skip(reason)
    return load_trial().TrialHub(prefix="ubtest", **settings).start()


def log_in(page, hub, name: str, *, screenshot: str | None = None) -> None:
    """Log in through the hub's own login page, as a person would."""
    from tests.browser.servers import shot

    page.goto(f"{hub.url}/hub/login", timeout=WAIT)
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    if screenshot:
        shot(page, screenshot)
    page.click("#login_submit")
    page.wait_for_url(lambda url: "/hub/login" not in url, timeout=WAIT)


def server_url(hub, name: str, path: str) -> str:
    return f"{hub.url}/user/{name}/{path}"


def put_notebook(page, hub, name: str, path: str, code: str) -> int:
    """Save a one-cell notebook in ``name``'s server through its REST API, as their page
    may (with the page's own login cookie and XSRF token); returns the HTTP status."""
    notebook = {
        "type": "notebook",
        "content": {
            "cells": [{"cell_type": "code", "source": code, "metadata": {}, "outputs": [],
                       "execution_count": None}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5,
        },
    }  # fmt: skip
    return page.evaluate(
        """async ([url, body]) => {
            const cookie = document.cookie.split('; ').find(c => c.startsWith('_xsrf='));
            const xsrf = cookie ? decodeURIComponent(cookie.slice(6)) : '';
            const response = await fetch(url, {method: 'PUT', body, credentials: 'same-origin',
                headers: {'Content-Type': 'application/json', 'X-XSRFToken': xsrf}});
            return response.status;
        }""",
        [server_url(hub, name, f"api/contents/{path}"), json.dumps(notebook)],
    )


def kernels_of(names: list[str]) -> int:
    """How many Python kernels run as these people (each server's kernels run as its owner)."""
    uids = {pwd.getpwnam(name).pw_uid for name in names}
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid in uids and b"ipykernel" in (entry / "cmdline").read_bytes():
                count += 1
        except OSError:
            continue
    return count


def wait_for_kernels(names: list[str], at_most: int, timeout: float) -> tuple[int, float]:
    """Wait until no more than ``at_most`` kernels run; returns (how many, seconds waited)."""
    start = time.monotonic()
    while True:
        count = kernels_of(names)
        waited = time.monotonic() - start
        if count <= at_most or waited > timeout:
            return count, waited
        time.sleep(1)


def hub_api(page, hub, method: str, path: str) -> tuple[int, dict | None]:
    """Call the hub's REST API from the person's own logged-in page, as their browser may
    (their login cookie and the hub's XSRF token); returns the status and any JSON body."""
    if page.url != f"{hub.url}/hub/home":  # a page that stays put (not spawn-pending's)
        page.goto(f"{hub.url}/hub/home", timeout=WAIT)
    return tuple(
        page.evaluate(
            """async ([method, url]) => {
                const cookie = document.cookie.split('; ').find(c => c.startsWith('_xsrf='));
                const xsrf = cookie ? decodeURIComponent(cookie.slice(6)) : '';
                const response = await fetch(url, {method, credentials: 'same-origin',
                    headers: {'X-XSRFToken': xsrf}});
                const text = await response.text();
                return [response.status, text ? JSON.parse(text) : null];
            }""",
            [method, f"{hub.url}/hub/api/{path}"],
        )
    )


def restart_server(page, hub, name: str, timeout: float = 180) -> bool:
    """Stop ``name``'s server through the hub and start it again, as the hub's Stop and Start
    buttons do; returns whether it came back ready (False: the hub gave up starting it)."""

    def server() -> dict | None:
        status, user = hub_api(page, hub, "GET", f"users/{name}")
        assert status == 200, (status, user)
        return user["servers"].get("")

    deadline = time.monotonic() + timeout
    hub_api(page, hub, "DELETE", f"users/{name}/server")
    while server() is not None:
        assert time.monotonic() < deadline, f"{name}'s server did not stop"
        time.sleep(0.5)
    status, body = hub_api(page, hub, "POST", f"users/{name}/server")
    assert status in (201, 202), (status, body)
    while time.monotonic() < deadline:
        state = server()
        if state is None:
            return False  # it stopped trying
        if state["ready"]:
            return True
        time.sleep(0.5)
    return False
