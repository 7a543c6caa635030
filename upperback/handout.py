"""A routine as a printable handout: one standalone HTML page a client can keep."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from upperback.queries import Library
from upperback.routines import Dose, Routine, muscles_covered
from upperback.safety import safety_note_html
from upperback.schedule import build_schedule, planned_seconds

__all__ = ["frequency_text", "handout_html", "save_handout"]

STYLE = """
body { font-family: system-ui, sans-serif; color: #111; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; }
h1 { margin-bottom: 0.1em; } .meta { color: #444; margin-top: 0; }
.exercise { border-top: 1px solid #999; padding: 0.6em 0; break-inside: avoid; }
.exercise h2 { font-size: 1.15em; margin: 0.2em 0; }
.dose { font-weight: bold; } .note { font-style: italic; }
.upperback-safety { break-inside: avoid; }
@media print { body { margin: 0; } a { color: inherit; } }
"""


def frequency_text(routine: Routine) -> str:
    """How often, in words.

    Examples
    --------
    >>> frequency_text(Routine("x", times_per_day=2, days_per_week=7))
    'twice a day, every day'
    """
    times = {1: "once", 2: "twice"}.get(routine.times_per_day, f"{routine.times_per_day} times")
    days = "every day" if routine.days_per_week == 7 else f"{routine.days_per_week} days a week"
    return f"{times} a day, {days}"


def _dose_line(dose: Dose) -> str:
    side = " on each side" if dose.sides != "both" else ""
    if dose.dosing == "hold":
        work = f"{dose.sets} × hold {dose.hold_seconds} s{side}"
    else:
        work = f"{dose.sets} × {dose.reps} reps{side}"
        if dose.hold_seconds:
            work += f", holding {dose.hold_seconds} s each"
    if dose.sides not in ("both", "left then right"):
        work += f" ({dose.sides})"
    if dose.sets > 1 and dose.rest_seconds:
        work += f"; rest {dose.rest_seconds} s between sets"
    return work


def handout_html(routine: Routine, library: Library) -> str:
    """The routine as a complete HTML page: what to do, how, how often, and when to stop."""
    doses = routine.doses(library)
    minutes = round(planned_seconds(build_schedule(routine, library)) / 60)
    blocks = []
    for number, dose in enumerate(doses, start=1):
        exercise = library.exercises.loc[dose.exercise]
        cues = "".join(f"<li>{escape(c)}</li>" for c in exercise["cues"])
        cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise["cautions"])
        note = f'<p class="note">{escape(dose.note)}</p>' if dose.note else ""
        blocks.append(
            f'<section class="exercise"><h2>{number}. {escape(dose.name)}</h2>'
            f'<p class="dose">{escape(_dose_line(dose))}</p>{note}'
            f"<p><b>Start:</b> {escape(exercise['position'])}</p>"
            f"<ol>{cues}</ol>"
            + (f"<p><b>Take care:</b></p><ul>{cautions}</ul>" if cautions else "")
            + "</section>"
        )
    covered = muscles_covered(routine, library)
    main = ", ".join(covered.query("role == 'primary'")["name"]) or "none"
    meta = [f"<b>How often:</b> {escape(frequency_text(routine))}", f"<b>About:</b> {minutes} min"]
    if routine.client:
        meta.insert(0, f"<b>For:</b> {escape(routine.client)}")
    goal = f"<p><b>Goal:</b> {escape(routine.goal)}</p>" if routine.goal else ""
    notes = f"<p>{escape(routine.notes)}</p>" if routine.notes else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(routine.name)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{escape(routine.name)}</h1>"
        f'<p class="meta">{" · ".join(meta)}</p>{goal}{notes}'
        f"{safety_note_html()}"
        + "".join(blocks)
        + f"<p><b>Main muscles worked:</b> {escape(main)}</p>"
        "<footer><small>Made with the upperback workbook.</small></footer>"
        "</body></html>\n"
    )


def save_handout(routine: Routine, path: str | os.PathLike, library: Library) -> Path:
    """Write the handout page to ``path`` and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(handout_html(routine, library), encoding="utf-8")
    return path
