"""A client's links never hand them anything: starting their server takes nothing outside
their home.

Before each server starts, the hub used to copy the workbook into the person's home as root,
following links: a client who linked `~/app` to another home, or a notebook to the hub's
cookie secret, was handed it by the next start. Here a client of the trial hub plants such
links at every path the start-up writes, restarts their own server through the hub, and
nothing outside their home changes owner or mode.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
from pathlib import Path

import pytest

from tests.browser.hub import WAIT, log_in, restart_server, server_url, start_trial_hub

APP = "voila/render/app/my-back.ipynb"
TEMPLATE = Path(".local/share/jupyter/voila/templates/upperback-app")


@pytest.fixture(scope="module")
def hub():
    trial = start_trial_hub()
    yield trial
    trial.stop()


@pytest.fixture(scope="module")
def system_file(tmp_path_factory):
    """A file only root may read, as /etc/shadow is, made for the test."""
    path = tmp_path_factory.mktemp("system") / "shadow"
    path.write_text("root:*:20000:0:99999:7:::\n")
    path.chmod(0o640)
    return path


def home_of(name: str) -> Path:
    return Path(pwd.getpwnam(name).pw_dir)


def owners_and_modes(*roots: Path) -> dict[str, tuple[int, int, int]]:
    """Each path under ``roots`` (links not followed) with its owner, group and mode."""
    seen = {}
    for root in roots:
        paths = [root]
        if stat.S_ISDIR(root.lstat().st_mode):
            for folder, folders, files in os.walk(root):
                paths += [Path(folder, entry) for entry in folders + files]
        for path in paths:
            info = path.lstat()
            seen[str(path)] = (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode))
    return seen


def changed(before: dict, after: dict, uid: int) -> list[str]:
    """Paths whose owner or mode changed, and new paths the client owns (the hub's own files
    come and go while it runs: its database's journal, say)."""
    return sorted(
        [path for path in before.keys() & after.keys() if before[path] != after[path]]
        + [path for path in after.keys() - before.keys() if after[path][0] == uid]
    )


def remove(path: Path, *, keep_folder: bool = False) -> None:
    """Remove ``path`` from a home, never through a link: a link itself is what goes."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir() and not keep_folder:
        shutil.rmtree(path)


def plant(home: Path, links: dict[str, Path], owner: pwd.struct_passwd) -> None:
    """Put links at these paths of ``home``, replacing what is there, as the client can."""
    for relative, target in links.items():
        link = home / relative
        for folder in reversed([*link.relative_to(home).parents][:-1]):
            remove(home / folder, keep_folder=True)  # a link left by a round before
            (home / folder).mkdir(exist_ok=True)
            os.lchown(home / folder, owner.pw_uid, owner.pw_gid)
        remove(link)
        link.symlink_to(target)
        os.lchown(link, owner.pw_uid, owner.pw_gid)


def test_a_clients_links_take_nothing_outside_their_home(hub, browser, system_file):
    alice, bob = hub.clients
    account, home = pwd.getpwnam(alice), home_of(alice)
    state, credentials = hub.folder / "state", hub.folder / "credentials"
    elsewhere = [
        home_of(bob),
        home_of(hub.coach),
        credentials,
        state,
        system_file,
        hub.folder / "workbook",
    ]
    page = browser.new_context().new_page()
    log_in(page, hub, alice)  # the first start hands the workbook out
    page.wait_for_url(f"**/user/{alice}/**", timeout=WAIT)
    notebooks = sorted(path.name for path in (home / "notebooks").glob("*.ipynb"))
    assert (home / "app" / "my-back.ipynb").is_file() and len(notebooks) >= 6, notebooks
    others = [
        home_of(bob),
        home_of(hub.coach),
        credentials / f"{bob}.url",
        state / "cookie_secret",
        state / "jupyterhub.sqlite",
        system_file,
        credentials,
    ]
    rounds = [
        # Whole folders linked away: to another person's home, the credentials, the hub's state.
        {"app": home_of(bob), "notebooks": credentials, ".local/share/jupyter/voila": state},
        # Every file the start-up writes, and the template folder the hub used to fill.
        {
            "app/my-back.ipynb": system_file,
            TEMPLATE / "conf.json": state / "cookie_secret",
            TEMPLATE / "index.html.j2": state / "jupyterhub.sqlite",
            **{f"notebooks/{name}": others[i % len(others)] for i, name in enumerate(notebooks)},
        },
        # A template folder that is itself a link, to the coach's home.
        {"app": credentials / f"{bob}.url", TEMPLATE: home_of(hub.coach)},
    ]
    for links in rounds:
        plant(home, links, account)
        before = owners_and_modes(*elsewhere)
        assert restart_server(page, hub, alice), f"the server did not start with {links}"
        assert changed(before, owners_and_modes(*elsewhere), account.pw_uid) == [], links
        assert stat.S_IMODE(home.lstat().st_mode) == 0o700
        assert all((home / path).is_symlink() for path in links)  # left as the client made them
    log = (state / "hub.log").read_text()
    assert f"{home}/app is not a folder of its own" in log
    # Links gone, the next start hands out the workbook again, and the app opens on the
    # shared template's page, which links to no CDN.
    for path in ("app", "notebooks", ".local/share/jupyter/voila"):
        remove(home / path)
    assert restart_server(page, hub, alice)
    assert sorted(path.name for path in (home / "notebooks").glob("*.ipynb")) == notebooks
    assert (home / "app" / "my-back.ipynb").lstat().st_uid == account.pw_uid
    page.goto(server_url(hub, alice, APP), timeout=WAIT)
    page.wait_for_selector(".upperback-app-welcome", timeout=WAIT)
    assert "cdn.jsdelivr.net" not in page.content()
    page.context.close()


def test_homes_are_private_before_any_server_starts(hub):
    """Bob and the coach never started a server here: their homes are private already."""
    for name in (hub.clients[1], hub.coach):
        info = home_of(name).lstat()
        assert stat.S_IMODE(info.st_mode) == 0o700, name
        assert info.st_uid == pwd.getpwnam(name).pw_uid
