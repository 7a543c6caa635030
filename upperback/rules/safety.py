"""The safety note every page of exercise advice carries, and the warning signs."""

from __future__ import annotations

from datetime import timedelta

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

# The warning signs are asked again after this long: a back that was fine in spring may not
# be in summer. Twelve weeks is about the length of one exercise programme.
RED_FLAG_RECHECK_WEEKS = 12
RECHECK_AFTER = timedelta(weeks=RED_FLAG_RECHECK_WEEKS)

SEE_A_PROFESSIONAL = (
    "Please see a doctor or physiotherapist before you start these exercises. What you "
    "ticked can have causes that exercise will not help, and a professional should check "
    "them first."
)
SEEK_URGENT_CARE = (
    "Chest pain or shortness of breath needs urgent medical care today, not a later "
    "appointment: if it is happening now, call the emergency services."
)
