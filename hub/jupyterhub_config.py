"""JupyterHub for a clinic or a class: each person logs in and gets a server of their own.

Run as root (`jupyterhub -f hub/jupyterhub_config.py`), or through `make hub` for a trial.

- Login: the hub's own login page checks the person's system password (PAM). Each person
  is a system user, so their server runs as that user: their files, their kernels and
  their database password are out of every other person's reach.
- Their server: JupyterLab and the client app (Voila as a server extension), listening on
  127.0.0.1 only, behind the hub's proxy, which also listens on 127.0.0.1 only.
- Their data: the hub hands each server the database URL kept for that person by
  `upperback clinic add-client` / `add-coach` ($UPPERBACK_CLINIC_CREDENTIALS, a folder
  only root can read). Row-level security in PostgreSQL does the rest.
- Their files: root only reads that URL. Everything else a server needs in the person's
  home (a private home, the app and the notebooks) is put there by hub/start_server.py,
  which runs as the person before it becomes their server; the app's page template is
  served from the shared workbook folder. So a link a person plants in their home can
  never make root hand them someone else's file.
- Their name: one person, one name. Logins must be the clinic's names (lower-case letters,
  digits, '-' and '_'; upperback.store.access.check_name), which the log matches by key.
- Idle kernels are shut down by each server; idle servers by the jupyterhub-idle-culler
  service.

Settings come from the environment, so the same file serves a trial and a real clinic:

UPPERBACK_CLINIC_CREDENTIALS  the folder of `<login>.url` files (required)
UPPERBACK_HUB_STATE           where the hub keeps its own database and cookie secret
UPPERBACK_HUB_PORT            the port people open (default 8000)
UPPERBACK_HUB_KERNEL_IDLE     seconds before an idle kernel is shut down (default 1200)
UPPERBACK_HUB_SERVER_IDLE     seconds before an idle server is stopped (default 3600)
UPPERBACK_HUB_WORKBOOK        the folder holding app/, notebooks/ and hub/start_server.py,
                              which every user must be able to read (default: this checkout)
UPPERBACK_HUB_PEOPLE_BIN      the bin folder of the Python environment the people's servers
                              run from, which every user must be able to read (default:
                              the hub's own)
"""

# ruff: noqa: F821 - `c` is the configuration object JupyterHub hands to this file
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The clinic's own rule for names. `make hub` runs the hub from the environment upperback is
# installed in; a hub started from another finds the package in this checkout.
try:
    from upperback.store.access import NAME_PATTERN, check_name
except ImportError:
    sys.path.append(str(ROOT))
    from upperback.store.access import NAME_PATTERN, check_name
BIN = Path(sys.executable).parent
CREDENTIALS = Path(os.environ["UPPERBACK_CLINIC_CREDENTIALS"])
STATE = Path(os.environ.get("UPPERBACK_HUB_STATE", Path.cwd()))
KERNEL_IDLE = int(os.environ.get("UPPERBACK_HUB_KERNEL_IDLE", "1200"))
SERVER_IDLE = int(os.environ.get("UPPERBACK_HUB_SERVER_IDLE", "3600"))
WORKBOOK = Path(os.environ.get("UPPERBACK_HUB_WORKBOOK", ROOT))

START = WORKBOOK / "hub" / "start_server.py"  # runs as each person: they must be able to read it
if not START.is_file() or not all(
    path.stat().st_mode & (stat.S_IXOTH if path.is_dir() else stat.S_IROTH)
    for path in [START, *START.parents]
):
    raise RuntimeError(
        f"Every person's server starts with {START}, which not every user may read: keep the "
        "workbook where all may read it and name it in UPPERBACK_HUB_WORKBOOK."
    )

# -- listening: 127.0.0.1 only; put a TLS proxy in front to serve the world ------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("UPPERBACK_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("UPPERBACK_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{c.JupyterHub.port + 1}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")

# -- who may log in: the clinic's people, by their system password -----------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no login session (utmp, systemd) for a web login
c.Authenticator.allowed_users = {path.stem for path in CREDENTIALS.glob("*.url")}
c.Authenticator.admin_users = set()  # nobody may open another person's server

# -- each person's server, run as their own system user ----------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.ip = "127.0.0.1"
PEOPLE_BIN = Path(os.environ.get("UPPERBACK_HUB_PEOPLE_BIN", BIN))
# The start-up step runs as the person, makes their home private and copies the workbook into
# it, then becomes jupyterhub-singleuser: root never writes in anyone's home.
c.Spawner.cmd = [
    str(PEOPLE_BIN / "python"),
    str(START),
    str(PEOPLE_BIN / "jupyterhub-singleuser"),
]
# The hub's own pages, its orange darkened to meet WCAG AA contrast (hub/templates/).
c.JupyterHub.template_paths = [str(Path(__file__).resolve().parent / "templates")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/voila/render/app/my-back.ipynb"
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {
    "PATH": f"{PEOPLE_BIN}:/usr/local/bin:/usr/bin:/bin",
    "UPPERBACK_HUB_WORKBOOK": str(WORKBOOK),
    # The app's page template is served from the shared workbook, not copied into homes.
    "JUPYTER_PATH": str(WORKBOOK / "app" / "share" / "jupyter"),
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = [
    # Kernels left by closed pages are shut down once idle; open pages keep theirs.
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
    f"--MappingKernelManager.cull_interval={max(1, min(60, KERNEL_IDLE // 4))}",
    "--MappingKernelManager.cull_connected=False",
    "--ServerApp.ip=127.0.0.1",
    # The app's page without Voila's links to a CDN (its bundle has the icons already).
    "--VoilaConfiguration.template=upperback-app",
]


def hand_database_url(spawner) -> None:
    """Give the person's server their database URL: all root does before a server starts.

    It reads one file of root's own folder and touches nothing in the person's home: what
    their server needs there, hub/start_server.py puts there running as them.
    """
    name = check_name(spawner.user.name)  # the clinic's rule for a person's name
    try:
        fd = os.open(CREDENTIALS / f"{name}.url", os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        raise RuntimeError(
            f"{name} has no database role: run `upperback clinic add-client` (or add-coach)."
        ) from None
    with os.fdopen(fd) as credentials:
        spawner.environment["UPPERBACK_DATABASE_URL"] = credentials.read().strip()


c.Spawner.pre_spawn_hook = hand_database_url
# Login names are the clinic's names (upperback.store.access.check_name): lower-case letters,
# digits, '-' and '_', each its own matching key, so a person is one name everywhere.
c.Authenticator.username_pattern = rf"(?:{NAME_PATTERN.pattern})\Z"  # the hub only re.match()es

# -- idle servers are stopped by the idle culler, a hub service with only the rights it needs --
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={SERVER_IDLE}",
                    f"--cull-every={max(30, SERVER_IDLE // 10)}"],
    }
]  # fmt: skip
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every person's server too
