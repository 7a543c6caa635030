"""Notebooks are committed clean and carry the safety note; nbval runs them (see pyproject)."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    """Outputs can hold a client's data; they never go into git."""
    cells = json.loads(path.read_text())["cells"]
    dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: strip outputs (make format) from cells {dirty}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_named_in_reading_order(path):
    assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_carries_the_safety_note(path):
    sources = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]
    assert any("safety_note()" in s for s in sources), path.name
