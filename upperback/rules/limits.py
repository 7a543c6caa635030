"""What the session log holds: the sizes and ranges of every field a session has."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from upperback.rules.scales import PAIN_RANGE

# The longest text each field may hold, in characters: the column sizes of the log's tables
# (store/schema.py), so SQLite and PostgreSQL refuse the same values, before writing.
TEXT_LIMITS = {
    "client": 200,
    "routine": 200,
    "uid": 32,
    "exercise": 100,
    "side": 5,
    "notes": 5000,
    "note": 1000,
}
# A client's matching key (their name, case folded): folding may make a letter three.
CLIENT_KEY_LENGTH = 3 * TEXT_LIMITS["client"]
# Whole numbers a logged session may hold, lowest and highest.
WHOLE_LIMITS = {
    "pain_before": PAIN_RANGE,
    "pain_after": PAIN_RANGE,
    "set_number": (1, 50),
    "reps_planned": (0, 500),
    "reps_done": (0, 500),
}
# The most sets one session may hold: a long routine logs a few dozen.
SETS_PER_SESSION = 500
# Longest texts of the log's other rows (kept routine versions, warning-signs answers).
LOG_TEXT_LIMITS = {"answers": 2000, "change": 5000, "reason": 5000, "sessions": 20_000}
HOLD_LIMITS = (0, 3600)  # seconds a logged hold may last
EFFORT_RANGE = (0, 10)  # Borg CR10, in half steps
EARLIEST_SESSION = datetime(1900, 1, 1, tzinfo=UTC)  # older dates are typing mistakes
CLOCK_SKEW = timedelta(minutes=10)  # a session may start this far "in the future"
# A routine snapshot is a small JSON object: bounded, so no file can exhaust the reader.
PRESCRIPTION_MAX_DEPTH = 10
PRESCRIPTION_MAX_CHARS = 50_000
