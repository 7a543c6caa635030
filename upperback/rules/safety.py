"""The safety note every page of exercise advice carries, and the warning signs."""

from __future__ import annotations

SAFETY_NOTE = (
    "This workbook teaches exercise; it does not diagnose or treat. Good form matters more "
    "than the number of reps. If you are new to exercise or live with a health condition, "
    "talk to a fitness professional or your doctor before you start. Stop any move that "
    "causes sharp pain or pain that spreads, and see a professional rather than exercise "
    "if any of the warning signs below applies to you."
)

# Signs that thoracic pain may not be mechanical: see a professional before exercising.
RED_FLAGS = (
    "pain at night or at rest that does not ease",
    "weight loss you cannot explain",
    "fever",
    "a history of cancer",
    "a recent fall, blow or accident",
    "long use of steroid medicines",
    "numbness, tingling or weakness in your arms or legs",
    "chest pain or shortness of breath",
    "pain that keeps getting worse",
)
# Of those, the ones that need urgent care today, not a later appointment.
URGENT_FLAGS = ("chest pain or shortness of breath",)
