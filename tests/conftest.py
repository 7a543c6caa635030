import pytest


@pytest.fixture(autouse=True)
def workbook_home(tmp_path, monkeypatch):
    """Every test gets an empty workbook folder of its own, never the user's real one."""
    home = tmp_path / "workbook"
    home.mkdir()
    monkeypatch.setenv("UPPERBACK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
