"""A routine as a printable handout: one standalone HTML page a client can keep.

The page is a Jinja2 template (``templates/handout.html``) with escaping on, so every
value from a routine or a table is escaped at that one boundary.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from markupsafe import Markup

from upperback.html import download_link_html, safety_note_html
from upperback.queries import Library
from upperback.reminders import (
    calendar_file_name,
    reminder_text,
    routine_calendar,
    suggested_days,
)
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


def handout_html(
    routine: Routine | CheckedRoutine, library: Library, *, reminder: Mapping | None = None
) -> str:
    """The routine as a complete HTML page: what to do, how, how often, and when to stop.

    ``reminder`` holds the choices of :func:`upperback.reminders.routine_calendar` (``at``
    and ``zone``, and ``days``, ``version``, ``alarm_minutes`` if not the defaults): the
    page then says when the reminder comes and carries its calendar file as a link.
    """
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
        reminder=None if reminder is None else _reminder(checked, reminder),
    )


def _reminder(checked: CheckedRoutine, options: Mapping) -> dict:
    """When the reminder comes, in words, and the link that adds it to a calendar."""
    days = options.get("days") or suggested_days(checked.routine.days_per_week)
    ics = routine_calendar(checked, **options)
    name = calendar_file_name(checked)
    alarm = options.get("alarm_minutes", 10)
    return {
        "when": reminder_text(days, options["at"], options["zone"], alarm),
        "link": Markup(
            download_link_html(ics, name, mime="text/calendar", words=f"Download {name}")
        ),
    }


def save_handout(
    routine: Routine | CheckedRoutine,
    path: str | os.PathLike,
    library: Library,
    *,
    reminder: Mapping | None = None,
) -> Path:
    """Write the handout page to ``path``, whole and private, and return it.

    With ``reminder`` (see :func:`handout_html`), its calendar file is written beside the
    page too, under the same name ending in ``.ics``, to send on its own.
    """
    path = Path(path)
    page = handout_html(routine, library, reminder=reminder)
    if reminder is not None:
        checked = (
            routine if isinstance(routine, CheckedRoutine) else check_routine(routine, library)
        )
        write_private(path.with_suffix(".ics"), routine_calendar(checked, **reminder))
    return write_private(path, page)
