"""Every clinical rule in one place: thresholds, dose limits, red flags and the safety text.

Each number names its source where it has one, and every other module asks here rather
than writing a number again. The rules are kept in sections, one module each, with this
one face: ``from upperback.rules import HIGH_PAIN``. Pure Python, the standard library
only, so anything may depend on them.

- :mod:`~upperback.rules.scales`: the pain and effort scales
- :mod:`~upperback.rules.pain`: warnings, and what counts as real change
- :mod:`~upperback.rules.doses`: dose limits and the references' advice
- :mod:`~upperback.rules.limits`: what a logged session may hold
- :mod:`~upperback.rules.safety`: the safety note and the warning signs
- :mod:`~upperback.rules.progressing`: progressing and easing off, from the log
- :mod:`~upperback.rules.steps`: the size of one step up or down, and its limits
"""

from upperback.rules.doses import (
    CORE_HOLD_ADVISED,
    COUNTDOWN_FROM,
    DEFAULT_REST_AFTER,
    DOSE_LIMITS,
    GET_READY_SECONDS,
    SECONDS_PER_REP,
    STRENGTH_CATEGORIES,
    STRENGTH_DAYS_ADVISED,
    STRENGTH_REPS_ADVISED,
    STRENGTH_SETS_ADVISED,
    STRENGTH_TIMES_PER_DAY_ADVISED,
    STRETCH_HOLD_ADVISED,
    SWITCH_SIDES_SECONDS,
    DoseFacts,
    dose_advice,
    frequency_advice,
)
from upperback.rules.limits import (
    CLOCK_SKEW,
    EARLIEST_SESSION,
    EFFORT_RANGE,
    HOLD_LIMITS,
    PRESCRIPTION_MAX_CHARS,
    PRESCRIPTION_MAX_DEPTH,
    TEXT_LIMITS,
    WHOLE_LIMITS,
)
from upperback.rules.pain import (
    BASELINE_DAYS,
    HIGH_PAIN,
    IMPORTANT_FRACTION,
    IMPORTANT_POINTS,
    PAIN_RISE,
    RECENT_DAYS,
    ROLLING_SESSIONS,
    TREND_DAYS,
    WARNING_LABEL,
    important_drop,
    important_drop_target,
    pain_warning,
    pain_warnings,
    trend_wait,
)
from upperback.rules.progressing import (
    DECISION_TABLE,
    EFFORT_WORKING,
    HOLD_DONE_SHARE,
    PAIN_ACCEPTABLE,
    PAIN_CARRY_OVER,
    PAIN_CREEP,
    PAIN_STOP,
    PROGRESS_AFTER,
    RECENT_SESSIONS,
    STEADY_SHARE,
    Advice,
    ItemSession,
    Row,
    Verdict,
    deciding_row,
    judge,
)
from upperback.rules.safety import (
    RED_FLAGS,
    SAFETY_NOTE,
    URGENT_FLAGS,
)
from upperback.rules.scales import (
    BORG_CR10,
    PAIN_RANGE,
    PAIN_SCALE,
)
from upperback.rules.steps import (
    HOLD_STEP,
    LEAST_WHEN_EASING,
    MOST_CORE_HOLD,
    MOST_REPS_OTHER,
    MOST_SETS,
    REPS_STEP,
    progress_ceiling,
)

__all__ = [
    "BASELINE_DAYS",
    "BORG_CR10",
    "CLOCK_SKEW",
    "CORE_HOLD_ADVISED",
    "COUNTDOWN_FROM",
    "DECISION_TABLE",
    "DEFAULT_REST_AFTER",
    "DOSE_LIMITS",
    "EARLIEST_SESSION",
    "EFFORT_RANGE",
    "EFFORT_WORKING",
    "GET_READY_SECONDS",
    "HIGH_PAIN",
    "HOLD_DONE_SHARE",
    "HOLD_LIMITS",
    "HOLD_STEP",
    "IMPORTANT_FRACTION",
    "IMPORTANT_POINTS",
    "LEAST_WHEN_EASING",
    "MOST_CORE_HOLD",
    "MOST_REPS_OTHER",
    "MOST_SETS",
    "PAIN_ACCEPTABLE",
    "PAIN_CARRY_OVER",
    "PAIN_CREEP",
    "PAIN_RANGE",
    "PAIN_RISE",
    "PAIN_SCALE",
    "PAIN_STOP",
    "PRESCRIPTION_MAX_CHARS",
    "PRESCRIPTION_MAX_DEPTH",
    "PROGRESS_AFTER",
    "RECENT_DAYS",
    "RECENT_SESSIONS",
    "RED_FLAGS",
    "REPS_STEP",
    "ROLLING_SESSIONS",
    "SAFETY_NOTE",
    "SECONDS_PER_REP",
    "STEADY_SHARE",
    "STRENGTH_CATEGORIES",
    "STRENGTH_DAYS_ADVISED",
    "STRENGTH_REPS_ADVISED",
    "STRENGTH_SETS_ADVISED",
    "STRENGTH_TIMES_PER_DAY_ADVISED",
    "STRETCH_HOLD_ADVISED",
    "SWITCH_SIDES_SECONDS",
    "TEXT_LIMITS",
    "TREND_DAYS",
    "URGENT_FLAGS",
    "WARNING_LABEL",
    "WHOLE_LIMITS",
    "Advice",
    "DoseFacts",
    "ItemSession",
    "Row",
    "Verdict",
    "deciding_row",
    "dose_advice",
    "frequency_advice",
    "important_drop",
    "important_drop_target",
    "judge",
    "pain_warning",
    "pain_warnings",
    "progress_ceiling",
    "trend_wait",
]
