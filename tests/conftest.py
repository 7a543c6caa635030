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


@pytest.fixture(scope="session")
def postgres():
    from tests.postgres import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Each store test runs against SQLite and against a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'log.db'}"
    return request.getfixturevalue("postgres").new_database()
