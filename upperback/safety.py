"""The safety note every page of exercise advice carries, and the red flags behind it."""

from __future__ import annotations

__all__ = ["RED_FLAGS", "SAFETY_NOTE", "safety_note_html"]

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


def safety_note_html() -> str:
    """The note and the warning signs as an HTML block, for notebooks and handouts.

    Examples
    --------
    >>> "chest pain" in safety_note_html()
    True
    """
    flags = "".join(f"<li>{flag}</li>" for flag in RED_FLAGS)
    return (
        '<div class="upperback-safety" style="border-left:4px solid #b45309;'
        'padding:0.5em 1em;background:#fff7ed;color:#1f2937">'
        f"<strong>Safety first.</strong> {SAFETY_NOTE}"
        f"<br><strong>Warning signs:</strong><ul>{flags}</ul></div>"
    )
