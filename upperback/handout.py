"""A routine as a printable handout: one standalone HTML page a client can keep.

The page is a Jinja2 template (``templates/handout.html``) with escaping on, so every
value from a routine or a table is escaped at that one boundary.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from markupsafe import Markup

from upperback.html import safety_note_html
from upperback.queries import Library
from upperback.routines import CheckedRoutine, Routine, check_routine, muscles_covered
from upperback.text import dose_text, frequency_text
from upperback.workbook import write_private

__all__ = ["handout_html", "save_handout"]


@cache
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("upperback", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("handout.html")


def handout_html(routine: Routine | CheckedRoutine, library: Library) -> str:
    """The routine as a complete HTML page: what to do, how, how often, and when to stop."""
    checked = routine if isinstance(routine, CheckedRoutine) else check_routine(routine, library)
    items = []
    for dose in checked.doses:
        exercise = library.exercises.loc[dose.exercise]
        items.append(
            {
                "dose": dose,
                "dose_text": dose_text(dose),
                "position": exercise["position"],
                "cues": exercise["cues"],
                "cautions": exercise["cautions"],
            }
        )
    covered = muscles_covered(checked, library)
    return _template().render(
        routine=checked.routine,
        frequency=frequency_text(checked.routine),
        minutes=round(checked.minutes),
        safety_note=Markup(safety_note_html()),
        items=items,
        main_muscles=", ".join(covered.query("role == 'primary'")["name"]) or "none",
    )


def save_handout(
    routine: Routine | CheckedRoutine, path: str | os.PathLike, library: Library
) -> Path:
    """Write the handout page to ``path``, whole and private, and return it."""
    return write_private(path, handout_html(routine, library))
