"""Every file that holds a person's data is theirs alone: files 0600, folders 0700.

A fresh workbook folder is filled the way a person fills it (the app's first run and a
session logged, a routine saved, a handout, an export and a report), then every file and
folder in it is listed with its mode.
"""

import stat

import pytest

from upperback import Library
from upperback.app import ClientApp
from upperback.handout import save_handout
from upperback.report import write_report
from upperback.routine_files import routine_path, save_routine, starter_routine
from upperback.routines import Routine
from upperback.workbook import workbook_folder


@pytest.fixture
def fresh_workbook(tmp_path, monkeypatch):
    """A workbook folder that does not exist yet, two levels below anything that does."""
    home = tmp_path / "home" / "me" / "upperback"
    monkeypatch.setenv("UPPERBACK_HOME", str(home))
    return home


def modes(folder):
    """Every file and folder under ``folder`` (itself included), with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in sorted(folder.rglob("*")):
        found[path.relative_to(folder).as_posix()] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def fill_as_a_person_would(library):
    app = ClientApp(library=library)  # the workbook's own log, made on first use
    app.name.value = "Sam"
    app.open_button.click()  # keeps the name in the profile
    gate = app.tabs.children[0].page.gate
    gate.check.submit.click()
    manual = app.tabs.children[1]
    manual.picker.choice.label = "starter: Daily bridge"
    manual.picker.open_button.click()
    manual.session_log.form.pain_before.value = 4
    manual.session_log.form.save_button.click()
    routine = Routine(**{**starter_routine("daily-bridge").__dict__, "client": "Sam"})
    save_routine(routine, routine_path(routine), library)
    save_handout(routine, workbook_folder() / "handouts" / "daily-bridge.html", library)
    app.client_store.export_csv(workbook_folder() / "exports" / "sessions-sam.csv")
    write_report("Sam")
    return app


def test_every_file_a_person_makes_is_theirs_alone(fresh_workbook):
    library = Library.load(user=False)
    app = fill_as_a_person_would(library)
    app.store.close()
    found = modes(fresh_workbook)
    kinds = {name.split("/")[0] for name in found}
    assert {"profile.json", "sessions.db", "routines", "handouts", "exports", "reports"} <= kinds
    folders = {name for name in found if (fresh_workbook / name).is_dir()}
    assert {name: found[name] for name in folders} == dict.fromkeys(folders, "0o700")
    files = set(found) - folders
    assert {name: found[name] for name in files} == dict.fromkeys(files, "0o600")
