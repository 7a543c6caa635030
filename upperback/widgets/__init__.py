"""The views, one module each. None imports another; pages wire them with traits.

A view shows what the package computed and exposes what it produced as a trait (the
routine opened, the timer run that ended, the session saved), so each can be tested alone
by setting values and clicking.
"""

from __future__ import annotations

import importlib

# Each view, and the module it lives in. They load on first use, so a page that needs one
# view (the client app) does not load them all (the dashboard's charts, say).
_HOMES = {
    "builder": ["RoutineBuilder"],
    "common": ["safety_note"],
    "dashboard": ["CoachDashboard"],
    "explorer": ["ExerciseExplorer"],
    "history": ["SessionHistory"],
    "musclemap": ["MuscleMapExplorer"],
    "picker": ["RoutinePicker"],
    "progress": ["ClientProgress"],
    "quiz": ["Quiz"],
    "red_flags": ["RedFlagCheck"],
    "session_form": ["SessionForm"],
    "suggestions": ["SuggestionReview"],
    "timer": ["GuidedTimer"],
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'upperback.widgets' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"upperback.widgets.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
