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


@pytest.fixture(scope="session")
def clinic(tmp_path_factory):
    """The demo clinic in a log of its own, made once for the whole run."""
    from upperback import Library, Store
    from upperback.demo import make_demo

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    make_demo(store, Library.load(user=False))
    return store


@pytest.fixture(scope="session")
def library():
    """The shipped tables, without anything from a workbook folder; loaded once."""
    from upperback import Library

    return Library.load(user=False)
