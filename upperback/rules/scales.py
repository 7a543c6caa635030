"""The scales a client scores on: pain (NPRS, 0 to 10) and effort (Borg CR10)."""

from __future__ import annotations

PAIN_SCALE = "0 = no pain, 10 = the worst pain imaginable"  # NPRS, whole numbers 0 to 10
PAIN_RANGE = (0, 10)
# Borg CR10 for effort, 0 to 10 in half steps; the anchors in words.
BORG_CR10 = {
    0: "nothing at all",
    0.5: "extremely weak",
    1: "very weak",
    2: "weak",
    3: "moderate",
    4: "somewhat strong",
    5: "strong",
    7: "very strong",
    10: "extremely strong",
}
