"""Settings for the whole test run: unit tests, doctests and notebooks alike."""

import os
import tempfile

os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    """Everything the tests save (notebooks run by nbval too) goes to a throwaway folder."""
    os.environ["UPPERBACK_HOME"] = tempfile.mkdtemp(prefix="upperback-test-home-")


def pytest_collection_modifyitems(config, items):
    """The browser tests, the slowest, run last."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)
