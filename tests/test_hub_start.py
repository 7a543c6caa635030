"""hub/start_server.py, the step a hub server runs as its person before it starts: the
workbook copied into the home once, never through a link, and the home made private.

These run without a hub; tests/browser/test_hub_links.py runs the step through a real one.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import stat
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def start():
    spec = importlib.util.spec_from_file_location(
        "hub_start_server", ROOT / "hub" / "start_server.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def home(tmp_path):
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


@pytest.fixture
def elsewhere(tmp_path):
    """Someone else's folder, with a file in it, that a link in the home points to."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret").write_text("not yours\n")
    return folder


def notebooks() -> list[str]:
    return sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))


def test_a_new_home_gets_the_app_and_every_notebook(start, home):
    copied = start.hand_out(ROOT, home)
    assert (home / "app" / "my-back.ipynb").read_bytes() == (
        ROOT / "app/my-back.ipynb"
    ).read_bytes()
    assert sorted(path.name for path in (home / "notebooks").iterdir()) == notebooks()
    assert len(copied) == 1 + len(notebooks())
    assert start.hand_out(ROOT, home) == []  # the next start copies nothing more


def test_a_notebook_the_person_changed_is_kept(start, home):
    start.hand_out(ROOT, home)
    mine = home / "notebooks" / notebooks()[0]
    mine.write_text("my own notes\n")
    (home / "app" / "my-back.ipynb").unlink()  # and one they removed comes back
    assert start.hand_out(ROOT, home) == [home / "app" / "my-back.ipynb"]
    assert mine.read_text() == "my own notes\n"


def test_a_folder_linked_elsewhere_gets_nothing(start, home, elsewhere, capsys):
    (home / "app").symlink_to(elsewhere)
    (home / "notebooks").symlink_to(elsewhere / "missing")  # a link to nothing, too
    assert start.hand_out(ROOT, home) == []
    assert sorted(os.listdir(elsewhere)) == ["secret"]
    said = capsys.readouterr().err
    assert f"{home / 'app'} is not a folder of its own" in said
    assert f"{home / 'notebooks'} is not a folder of its own" in said


def test_a_file_linked_elsewhere_is_neither_followed_nor_replaced(start, home, elsewhere):
    (home / "app").mkdir()
    (home / "app" / "my-back.ipynb").symlink_to(elsewhere / "secret")
    (home / "notebooks").mkdir()
    dangling = home / "notebooks" / notebooks()[0]
    dangling.symlink_to(elsewhere / "made-through-a-link")
    copied = start.hand_out(ROOT, home)
    assert home / "app" / "my-back.ipynb" not in copied and dangling not in copied
    assert (elsewhere / "secret").read_text() == "not yours\n"
    assert not (elsewhere / "made-through-a-link").exists()
    assert (home / "app" / "my-back.ipynb").is_symlink() and dangling.is_symlink()


def test_a_file_it_cannot_read_is_said_and_the_rest_goes_on(start, home, monkeypatch, capsys):
    unreadable = ROOT / "app" / "my-back.ipynb"
    read_bytes = Path.read_bytes

    def refuse(path):
        if path == unreadable:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    copied = start.hand_out(ROOT, home)
    assert "could not copy my-back.ipynb" in capsys.readouterr().err
    assert len(copied) == len(notebooks())
    assert not (home / "app" / "my-back.ipynb").exists()  # no empty file to keep next time
    monkeypatch.undo()
    assert start.hand_out(ROOT, home) == [home / "app" / "my-back.ipynb"]


def test_the_home_is_made_private_and_the_server_takes_over(start, home, monkeypatch):
    home.chmod(0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("UPPERBACK_HUB_WORKBOOK", str(ROOT))
    started = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append((path, argv)))
    start.main(["/bin/server", "--its-option"])
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert started == [("/bin/server", ["/bin/server", "--its-option"])]
    assert (home / "app" / "my-back.ipynb").is_file()


def test_no_server_to_start_is_said(start, capsys):
    assert start.main([]) == 2
    assert "no server to start" in capsys.readouterr().err
