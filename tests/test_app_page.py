"""The client app's page, as `make app` serves it, loads nothing from the internet.

No browser: Voila is started with the Makefile's own command, its page is read over HTTP,
and every address the page would fetch is listed; each must be the server's own, and the
server must answer for it.
"""

import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.offline import network_fetches

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not (BIN / "voila").exists(), reason="needs make and voila"
)


def app_command(port: int, token: str) -> tuple[dict, list[str]]:
    """`make app`'s command, as make would run it, on ``port`` with ``token``."""
    shown = subprocess.run(
        ["make", "-s", "-n", "-o", "install", "app", f"BIN={BIN}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    words = shlex.split(shown.replace("\\\n", " "))
    env = {}
    while "=" in words[0] and not words[0].startswith("-"):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    words = [f"--port={port}" if w.startswith("--port=") else w for w in words]
    return env, [f"--token={token}" if w == "--token" else w for w in words]


class _Local(HTMLParser):
    def __init__(self):
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and tag != "a" and (value or "").startswith("/"):
                self.paths.append(value)


@pytest.fixture
def app_page(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    extra_env, command = app_command(port, token)
    env = {**os.environ, **extra_env, "UPPERBACK_HOME": str(tmp_path / "workbook")}
    if os.geteuid() == 0:
        env.pop("JUPYTER_ALLOW_ROOT", None)
    log = open(tmp_path / "voila.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, page = time.monotonic() + 90, None
        while page is None and time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "voila.log").read_text()
            try:
                with urllib.request.urlopen(f"{base}/?token={token}", timeout=60) as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "Voila did not answer"
        yield base, token, page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_the_app_page_loads_nothing_from_the_internet(app_page):
    base, token, page = app_page
    assert "upperback-app" in page or "voila" in page
    assert network_fetches(page) == []
    parser = _Local()
    parser.feed(page)
    assert any(re.search(r"\.css", path) for path in parser.paths)
    for path in parser.paths:  # what it loads instead, the server has
        joiner = "&" if "?" in path else "?"
        with urllib.request.urlopen(f"{base}{path}{joiner}token={token}", timeout=30) as reply:
            assert reply.status == 200, path
