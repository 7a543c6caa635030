"""A trial hub on 127.0.0.1: a coach and two clients, a private PostgreSQL log, until Ctrl-C.

`make hub` runs this as root. It starts a throwaway PostgreSQL server that asks for
passwords (or uses the empty database named by $UPPERBACK_HUB_DATABASE, as its admin),
sets the clinic up with `upperback clinic`, makes a system user for each person (marked as
the trial's own, with a private home), puts a copy of the workbook where every person may read
it, starts JupyterHub with hub/jupyterhub_config.py and prints how to log in. On Ctrl-C (or
SIGTERM, or a closed terminal), even when started in the background, it stops the hub and
removes the trial's users and their homes, the database and its own files.
The browser tests (tests/browser/hub.py) start the same trial.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MARK = "upperback trial hub"  # the comment on the trial's system users: only those are removed
PEOPLE_ENV = Path(os.environ.get("UPPERBACK_HUB_PEOPLE_ENV", "/opt/upperback-hub/people"))
HANDED_OUT = ("app", "notebooks", "hub/start_server.py")  # what the people's servers read


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*command: str, input: str | None = None, user: str | None = None, timeout: int = 120):
    if user:
        command = ("runuser", "-u", user, "--", *command)
    done = subprocess.run(command, input=input, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command[:3])}… failed: {done.stderr.strip()}")


class Postgres:
    """A PostgreSQL server in a temporary folder that asks every role for its password."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL is not installed (Debian package: postgresql).")
        self.bin, self.folder = Path(found[-1]).parent, folder
        self.port, self.password = free_port(), secrets.token_hex(16)
        folder.mkdir(mode=0o700)
        shutil.chown(folder, "postgres", "postgres")
        secret = folder / "superuser-password"
        secret.write_text(self.password + "\n")
        shutil.chown(secret, "postgres", "postgres")
        run(str(self.bin / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--no-sync",
            "--auth=scram-sha-256", f"--pwfile={secret}", user="postgres")  # fmt: skip
        secret.unlink()
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {folder} -c fsync=off"
        run(str(self.bin / "pg_ctl"), "-D", str(folder / "data"), "-o", options, "-w",
            "-l", str(folder / "log"), "start", user="postgres")  # fmt: skip
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             password=self.password, dbname="postgres", autocommit=True) as conn:  # fmt: skip
            conn.execute("CREATE DATABASE clinic")
        self.admin_url = (
            f"postgresql+psycopg://postgres:{self.password}@127.0.0.1:{self.port}/clinic"
        )

    def stop(self) -> None:
        run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop",
            user="postgres")  # fmt: skip


def reachable(path: Path) -> bool:
    """Whether every user may reach ``path``: each folder on the way open to others."""
    return all(
        not folder.is_dir() or folder.stat().st_mode & stat.S_IXOTH
        for folder in [path, *path.parents]
    )


def shared_workbook(folder: Path) -> Path:
    """A copy of what the people's servers read (the app, the notebooks, the start-up step),
    owned by root and readable by everyone, in ``folder``; returns ``folder``."""
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in HANDED_OUT:
        source, target = ROOT / part, folder / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=skip)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def private_home(name: str) -> None:
    """Make a trial user's home 0700 (nobody else may read it), never through a link."""
    fd = os.open(pwd.getpwnam(name).pw_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


def _source_digest() -> str:
    """A digest of what the people's environment copies: the package, its data, pyproject."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    for path in sorted([*(ROOT / "upperback").rglob("*"), *(ROOT / "data").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()


def people_environment() -> Path:
    """The bin folder of a Python environment every person's server may run from.

    Each server runs as its person, so its Python must not live in a folder closed to
    them (a Python under /root, say). Then an environment is made once in PEOPLE_ENV from
    the system's Python, with a copy of the workbook installed from this checkout, and
    reused while the package and its pyproject.toml stay the same.
    """
    here = Path(sys.executable).resolve()
    if reachable(here) and reachable(Path(sys.base_prefix)) and reachable(ROOT / "upperback"):
        return BIN
    # A copy of the workbook, not a link to this checkout: the checkout may sit in a folder
    # closed to other users (a fresh clone in a private temporary folder, say).
    wanted = f"{_source_digest()}\n"
    stamp = PEOPLE_ENV / ".upperback-stamp"
    if stamp.is_file() and stamp.read_text() == wanted:
        return PEOPLE_ENV / "bin"
    system_python = Path("/usr/bin/python3")
    if not system_python.exists():
        raise RuntimeError(
            "The people's servers need a Python every user may run: /usr/bin/python3."
        )
    print(f"Making the people's Python environment in {PEOPLE_ENV} (once; a few minutes)…")
    if not (PEOPLE_ENV / "bin" / "pip").exists():
        run(str(system_python), "-m", "venv", str(PEOPLE_ENV))
    pip = str(PEOPLE_ENV / "bin" / "pip")
    run(pip, "install", "--quiet", f"{ROOT}[app,postgres,hub]", timeout=1200)
    run(pip, "install", "--quiet", "--no-deps", "--force-reinstall", str(ROOT), timeout=600)
    stamp.write_text(wanted)
    return PEOPLE_ENV / "bin"


class TrialHub:
    """A hub with one coach and two clients, each a system user with a random password.

    Parameters
    ----------
    prefix : str, default="ubtrial"
        Starts every login name (``<prefix>-carol``), so no real account is ever touched.
    kernel_idle, server_idle : int
        Seconds before an idle kernel, or an idle server, is stopped.
    """

    def __init__(self, *, prefix: str = "ubtrial", kernel_idle: int = 1200,
                 server_idle: int = 3600):  # fmt: skip
        if os.geteuid() != 0:
            raise RuntimeError(
                "The trial hub needs root: each person gets a system user of their own, so "
                "that their server runs as them and nobody else can read their data."
            )
        self.people_bin = people_environment()
        self.coach = f"{prefix}-carol"
        self.clients = [f"{prefix}-alice", f"{prefix}-bob"]
        self.passwords: dict[str, str] = {}
        self.folder = Path(tempfile.mkdtemp(prefix="upperback-hub-"))
        self.folder.chmod(0o711)  # the people's servers pass through to nothing in here
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.postgres: Postgres | None = None
        self.process: subprocess.Popen | None = None
        self.idle = (kernel_idle, server_idle)

    def start(self) -> TrialHub:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        from upperback.store.access import add_person, init_clinic, write_credentials

        admin = os.environ.get("UPPERBACK_HUB_DATABASE")
        if not admin:
            self.postgres = Postgres(self.folder / "postgres")
            admin = self.postgres.admin_url
        self.admin_url = admin  # the clinic's admin: tests seed the log through it
        init_clinic(admin)
        credentials = self.folder / "credentials"
        write_credentials(credentials, add_person(admin, self.coach, kind="coach"))
        for client in self.clients:
            write_credentials(
                credentials, add_person(admin, client, kind="client", coach=self.coach)
            )
        for name in (self.coach, *self.clients):
            self.passwords[name] = self._system_user(name)
        state = self.folder / "state"
        state.mkdir(mode=0o700)
        env = {**os.environ, "UPPERBACK_CLINIC_CREDENTIALS": str(credentials),
               "UPPERBACK_HUB_STATE": str(state), "UPPERBACK_HUB_PORT": str(self.port),
               "UPPERBACK_HUB_API_PORT": str(free_port()),
               "UPPERBACK_HUB_KERNEL_IDLE": str(self.idle[0]),
               "UPPERBACK_HUB_SERVER_IDLE": str(self.idle[1]),
               "UPPERBACK_HUB_PEOPLE_BIN": str(self.people_bin),
               "UPPERBACK_HUB_WORKBOOK": str(shared_workbook(self.folder / "workbook")),
               "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"}  # fmt: skip
        env.pop("MPLBACKEND", None)  # people's pages show what a notebook shows
        self.log = state / "hub.log"
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "jupyterhub"), "-f", str(ROOT / "hub" / "jupyterhub_config.py")],
                cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self._wait()

    def _system_user(self, name: str) -> str:
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            # The home is made private as it is made, not later (HOME_MODE of login.defs).
            private = ("--create-home", "--key", "HOME_MODE=0700")
            run("useradd", *private, "--comment", MARK, "--shell", "/usr/sbin/nologin", name)
        else:
            if account.pw_gecos != MARK:
                raise RuntimeError(f"A system user {name} exists and is not the trial's: stopped.")
        private_home(name)  # a home left by an earlier trial, too
        password = secrets.token_urlsafe(12)
        run("chpasswd", input=f"{name}:{password}\n")
        return password

    def _wait(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The hub stopped: see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"The hub did not answer within {timeout} s: see {self.log}")

    def how_to_log_in(self) -> str:
        lines = [f"The trial hub is at {self.url}/hub/login (this computer only).", ""]
        lines += [f"  {'coach' if n == self.coach else 'client'}  {n:20} password {p}"
                  for n, p in self.passwords.items()]  # fmt: skip
        lines += ["", f"The coach's dashboard: {self.url}/user/{self.coach}/voila/render/"
                  "notebooks/06-coach-dashboard.ipynb", "Ctrl-C stops the hub and removes the "
                  "trial's users and data."]  # fmt: skip
        return "\n".join(lines)

    def stop(self) -> None:
        """Stop the hub and every server, then remove the users, the database and files."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the hub stops the servers and proxy
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Each step is tried whatever the one before did, so one that fails (a home that
        # changed hands, say) leaves no database or other person behind; then it is told.
        failed = []
        for name in self.passwords:
            try:
                self._end_processes_of(name)
                run("userdel", "--remove", name)
            except (RuntimeError, KeyError, OSError, subprocess.SubprocessError) as error:
                failed.append(str(error))
        if self.postgres is not None:
            try:
                self.postgres.stop()
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                failed.append(str(error))
        shutil.rmtree(self.folder, ignore_errors=True)
        if failed:
            raise RuntimeError(
                "The trial hub stopped, but not all was removed: " + "; ".join(failed)
            )

    @staticmethod
    def _end_processes_of(name: str) -> None:
        """Any process still running as a trial user (a server the hub lost), by its id."""
        uid = pwd.getpwnam(name).pw_uid
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        os.kill(int(entry.name), signal.SIGKILL)
                except (FileNotFoundError, ProcessLookupError):
                    pass


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def interrupted(signum: int, frame) -> None:
    """Stop the trial on Ctrl-C, SIGTERM or a closed terminal: raise KeyboardInterrupt, so
    the hub is stopped and its users and files removed, and ignore any signal after it, so a
    second Ctrl-C cannot cut that clean-up short (whether the hub was up or still starting)."""
    ignore_stop_signals()
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="ubtrial", help="how the trial's login names start")
    arguments = parser.parse_args(argv)
    # A job started with & by a shell that is not interactive begins with SIGINT ignored, and
    # Python then leaves it ignored: Ctrl-C (kill -INT) must stop the trial however it began.
    for signum in STOP_SIGNALS:
        signal.signal(signum, interrupted)
    try:
        hub = TrialHub(prefix=arguments.prefix).start()
    except KeyboardInterrupt:
        print("make hub: stopped before the hub was up; what it had made is removed.")
        return 0
    except RuntimeError as error:
        print(f"make hub: {error}", file=sys.stderr)
        return 1
    try:
        print(hub.how_to_log_in(), flush=True)
        while True:
            signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        ignore_stop_signals()  # already so after a signal; after an error, too
        print("Stopping the trial hub…", flush=True)
        removed = _stop(hub)
    return 0 if removed else 1


def _stop(hub: TrialHub) -> bool:
    try:
        hub.stop()
    except RuntimeError as error:
        print(f"make hub: {error}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
