"""Names a package offers but loads only on first use (PEP 562), so importing it stays quick."""

from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = ["lazy_names"]


def lazy_names(package: str, homes: dict[str, list[str]], namespace: dict):
    """``__getattr__``, ``__dir__`` and ``__all__`` for a package whose names live in modules.

    ``homes`` maps each module (relative to ``package``) to the names it offers; a name is
    imported the first time it is asked for, then kept in ``namespace`` like any other.
    """
    home_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str):
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # found once, then an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *home_of])

    getter: Callable = __getattr__
    return getter, __dir__, sorted(home_of)
