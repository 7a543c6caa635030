"""Notebooks are committed clean and carry the safety note; nbval runs them (see pyproject)."""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
APP_PAGES = sorted((ROOT / "app").glob("*.ipynb"))


def committed_text(path: Path) -> str:
    """The notebook as git holds it (staged), which is what a commit publishes.

    Running a notebook fills the working copy with outputs; the nbstripout filter that
    `make install` sets up strips them on the way into git. Outside a git checkout the
    file itself is checked.
    """
    relative = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(
        ["git", "show", f":{relative}"], cwd=ROOT, capture_output=True, text=True
    )
    return shown.stdout if shown.returncode == 0 else path.read_text()


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS + APP_PAGES, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    """Outputs can hold a client's data; they never go into git."""
    cells = json.loads(committed_text(path))["cells"]
    dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: strip outputs (make format) from cells {dirty}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_named_in_reading_order(path):
    assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_carries_the_safety_note(path):
    sources = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]
    assert any("safety_note()" in s for s in sources), path.name


def test_the_lesson_is_ready_as_slides():
    """RISE shows the lesson as slides as it is: every cell says how it appears."""
    lesson = ROOT / "notebooks" / "07-lesson-why-the-upper-back-hurts.ipynb"
    cells = json.loads(lesson.read_text())["cells"]
    kinds = [cell["metadata"].get("slideshow", {}).get("slide_type") for cell in cells]
    assert kinds[0] == "slide" and None not in kinds
    assert kinds.count("slide") >= 6
    assert all(k in {"slide", "subslide", "fragment", "-", "skip", "notes"} for k in kinds)


def test_the_slides_extension_is_installed():
    from importlib.metadata import version

    assert version("jupyterlab-rise")


LESSON = ROOT / "notebooks" / "07-lesson-why-the-upper-back-hurts.ipynb"


def test_the_slides_hide_the_code_a_class_need_not_read():
    """Every code cell of the lesson shows its result in class, not its code."""
    cells = json.loads(LESSON.read_text())["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, cell["source"]
        assert "hide-input" in cell["metadata"].get("tags", [])  # for nbconvert, Jupyter Book


def test_the_slides_need_nothing_from_the_internet():
    """RISE's "simple" theme fetches fonts from Google; a classroom may be offline."""
    rise = json.loads(LESSON.read_text())["metadata"]["rise"]
    assert rise["theme"] in {"white", "black", "beige", "night", "serif"}  # local fonts only
    # RISE asks for both style sheets beside the notebook; a missing one is a console error.
    for sheet in ("rise.css", LESSON.with_suffix(".css").name):
        assert (LESSON.parent / sheet).is_file(), sheet


def test_the_widget_manager_loads_in_the_slides():
    """jupyterlab-rise draws slides on JupyterLab 4.3 without @jupyterlab/console; from
    jupyterlab_widgets 3.0.11 the widget manager needs it, and widgets show as text."""
    from importlib.metadata import version

    major, minor, patch = (int(part) for part in version("jupyterlab_widgets").split(".")[:3])
    assert (major, minor, patch) <= (3, 0, 10), "pin jupyterlab_widgets==3.0.10 (extra 'lab')"
