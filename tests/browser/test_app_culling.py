"""`make app` shuts down the kernels of closed pages once idle (Voila's kernel culling).

Voila is started with the culling settings of the Makefile's `app` target, with only the
idle time shortened so the test takes seconds, not minutes.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.browser.servers import ROOT, free_port

IDLE = 8  # s, in place of the Makefile's 600


def make_app_culling() -> list[str]:
    """The culling flags of `make app`, read from the Makefile, with a short idle time."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    flags = re.search(r"^CULL := (.*)$", makefile, re.MULTILINE)[1].split()
    assert "--MappingKernelManager.cull_idle_timeout=600" in flags
    short = {"cull_idle_timeout": IDLE, "cull_interval": 2}
    shortened = []
    for flag in flags:
        name = flag.partition("=")[0]
        setting = name.rsplit(".", 1)[-1]
        shortened.append(f"{name}={short[setting]}" if setting in short else flag)
    return shortened


def kernels_under(pid: int) -> int:
    """Kernel processes started by the process ``pid`` (Voila), read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = (int(fields[1]), (entry / "cmdline").read_bytes())
            except (OSError, IndexError):
                continue
    return sum(
        1 for parent, cmdline in parents.values() if parent == pid and b"ipykernel" in cmdline
    )


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise RuntimeError(f"Voila did not listen on {port} within {timeout} s")


def test_make_app_culls_the_kernels_of_closed_pages(browser, tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "UPPERBACK_HOME": str(tmp_path)}
    env.pop("MPLBACKEND", None)
    command = [str(Path(sys.executable).parent / "voila"), str(ROOT / "app" / "my-back.ipynb"),
               "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}", f"--token={token}",
               *make_app_culling()]  # fmt: skip
    with open(tmp_path / "voila.log", "w") as log:
        voila = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True)  # fmt: skip
    try:
        wait_for_port(port, voila)
        context = browser.new_context()
        loads = 3
        for _ in range(loads):  # three tabs open at once, then the browser goes away
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/?token={token}", timeout=120_000)
            page.wait_for_selector(".upperback-app", timeout=120_000)
        alive = kernels_under(voila.pid)
        context.close()
        start = time.monotonic()
        while kernels_under(voila.pid) and time.monotonic() - start < IDLE * 4 + 20:
            time.sleep(1)
        left, waited = kernels_under(voila.pid), time.monotonic() - start
        print(f"\nmake app: {alive} kernels after {loads} page loads; {left} left {waited:.0f} s "
              f"after the pages closed (culled after {IDLE} s idle)")  # fmt: skip
        assert alive == loads
        assert left == 0
    finally:
        os.killpg(voila.pid, signal.SIGTERM)
        try:
            voila.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(voila.pid, signal.SIGKILL)
