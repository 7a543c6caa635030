"""The views, one module each. None imports another; pages wire them with traits.

A view shows what the package computed and exposes what it produced as a trait (the
routine opened, the timer run that ended, the session saved), so each can be tested alone
by setting values and clicking.
"""

from __future__ import annotations

from upperback.lazy import lazy_names

# Each view, and the module it lives in. They load on first use, so a page that needs one
# view (the client app) does not load them all (the dashboard's charts, say).
_HOMES = {
    "builder": ["RoutineBuilder"],
    "reminders": ["CalendarReminder"],
    "common": ["figure_chart", "safety_note"],
    "dashboard": ["CoachDashboard"],
    "explorer": ["ExerciseExplorer"],
    "first_visit": ["FirstVisit"],
    "function_scale": ["FunctionScale"],
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
__getattr__, __dir__, __all__ = lazy_names("upperback.widgets", _HOMES, globals())
