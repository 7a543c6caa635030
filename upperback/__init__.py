"""upperback: the tables and logic behind the upper-back workbook.

Everything a user or a test needs is importable from here (``upperback.Store``,
``upperback.GuidedTimer``...). Names load on first use (PEP 562), so ``import upperback``
stays quick: matplotlib, ipywidgets and SQLAlchemy arrive only with what needs them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from upperback.lazy import lazy_names

try:  # the one version number is pyproject.toml's
    __version__ = version("upperback")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "unknown"

# Each public name, and the module it lives in.
_HOMES = {
    "tables": ["TableError", "load_benefits", "load_exercise_muscles", "load_exercises",
               "load_muscles"],
    "names": ["UnknownName"],
    "queries": ["Library", "exercises_for_muscle", "filter_exercises", "muscle_matrix",
                "muscles_for_exercise"],
    "rules": ["RED_FLAGS", "SAFETY_NOTE"],
    "workbook": ["describe_workbook_folder", "workbook_folder"],
    "routines": ["CheckedRoutine", "Routine", "RoutineError", "RoutineItem", "check_routine",
                 "muscles_covered"],
    "routine_files": ["load_routine", "routine_choices", "save_routine", "starter_routine",
                      "starter_routines"],
    "timer": ["TimerEngine"],
    "runs": ["EventKind", "TimerRun", "TimerState"],
    "sessions": ["SessionError", "SessionRecord", "SetLog", "session_from_plan",
                 "session_from_run"],
    "store": ["Store", "StoreError"],
    "progress": ["Progress", "load_progress", "progress"],
    "plots": ["progress_figure"],
    "handout": ["handout_html", "save_handout"],
    "reminders": ["CalendarError", "routine_calendar"],
    "report": ["ReportError", "write_report"],
    "widgets": ["ClientProgress", "CoachDashboard", "ExerciseExplorer", "GuidedTimer",
                "MuscleMapExplorer", "Quiz", "RedFlagCheck", "RoutineBuilder", "RoutinePicker",
                "SessionForm", "SessionHistory", "SuggestionReview", "FirstVisit", "safety_note",
                "CalendarReminder"],
    "suggestions": ["Suggestion", "suggest"],
    "routine_history": ["changes_since", "new_this_week", "save_version", "versions_frame"],
    "pages": ["HistoryPage", "ManualLog", "SessionLog", "TimerAndLog", "TimerPage"],
    "app": ["ClientApp"],
    "coach": ["CoachPage"],
}  # fmt: skip
__getattr__, __dir__, __all__ = lazy_names("upperback", _HOMES, globals())
