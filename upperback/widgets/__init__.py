"""The views, one module each. None imports another; pages wire them with traits.

A view shows what the package computed and exposes what it produced as a trait (the
routine opened, the timer run that ended, the session saved), so each can be tested alone
by setting values and clicking.
"""

from upperback.widgets.builder import RoutineBuilder
from upperback.widgets.common import safety_note
from upperback.widgets.dashboard import CoachDashboard
from upperback.widgets.explorer import ExerciseExplorer
from upperback.widgets.history import SessionHistory
from upperback.widgets.musclemap import MuscleMapExplorer
from upperback.widgets.picker import RoutinePicker
from upperback.widgets.progress import ClientProgress
from upperback.widgets.quiz import Quiz
from upperback.widgets.red_flags import RedFlagCheck
from upperback.widgets.session_form import SessionForm
from upperback.widgets.suggestions import SuggestionReview
from upperback.widgets.timer import GuidedTimer

__all__ = [
    "ClientProgress",
    "CoachDashboard",
    "ExerciseExplorer",
    "GuidedTimer",
    "MuscleMapExplorer",
    "Quiz",
    "RedFlagCheck",
    "RoutineBuilder",
    "RoutinePicker",
    "SessionForm",
    "SessionHistory",
    "SuggestionReview",
    "safety_note",
]
