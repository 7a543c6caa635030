"""How big one step of next week's change is, and how far the steps may go."""

from __future__ import annotations

from upperback.rules.doses import STRENGTH_REPS_ADVISED, STRETCH_HOLD_ADVISED

REPS_STEP = 2  # coaching practice: "a few more reps", one change at a time
HOLD_STEP = 5  # seconds
MOST_SETS = 4  # ACSM: 2-4 repetitions of a stretch; coaching practice for the rest
MOST_REPS_OTHER = 15  # coaching practice: past this, a harder variation or a set, not more reps
MOST_CORE_HOLD = 60  # coaching practice: past a minute, a harder variation does more
LEAST_WHEN_EASING = {"reps": 4, "hold_seconds": 10}  # below these, a set fewer instead


def progress_ceiling(category: str, dosing: str) -> int:
    """The most reps, or hold seconds, a step up may reach for this kind of exercise.

    Examples
    --------
    >>> progress_ceiling("strength", "reps"), progress_ceiling("core", "hold")
    (12, 60)
    """
    if dosing == "hold":
        return MOST_CORE_HOLD if category == "core" else STRETCH_HOLD_ADVISED[1]
    return STRENGTH_REPS_ADVISED[1] if category == "strength" else MOST_REPS_OTHER
