"""HTML for people: an exercise's card, shown in the explorer and, later, in handouts."""

from __future__ import annotations

from html import escape

import pandas as pd

__all__ = ["dose_text", "exercise_card_html", "exercise_overview", "table"]


def dose_text(exercise: pd.Series) -> str:
    """The default dose in words, e.g. "2 sets of 8 reps a side, 3 s hold, 30 s rest".

    Examples
    --------
    >>> import upperback
    >>> dose_text(upperback.load_exercises(user=False).loc["can-openers"])
    '2 sets of 8 reps a side, holding 3 s each, 30 s rest between sets'
    """
    side = " a side" if exercise["laterality"] == "unilateral" else ""
    sets = f"{exercise['sets']} set{'s' if exercise['sets'] != 1 else ''}"
    if exercise["dosing"] == "hold":
        holds = f"{exercise['sets']} hold{'s' if exercise['sets'] != 1 else ''}"
        work = f"{holds} of {exercise['hold_seconds']} s{side}"
    else:
        work = f"{sets} of {exercise['reps']} reps{side}"
        if not pd.isna(exercise["hold_seconds"]):
            work += f", holding {exercise['hold_seconds']} s each"
    return f"{work}, {exercise['rest_seconds']} s rest between sets"


def exercise_card_html(exercise_id: str, exercise: pd.Series, muscles: pd.DataFrame) -> str:
    """A card with what a coach or client needs to do a move well.

    Parameters
    ----------
    exercise_id : str
        The exercise's id (shown small, for coaches who write routines by id).
    exercise : pandas.Series
        Its row of the exercise table.
    muscles : pandas.DataFrame
        From :func:`upperback.muscles_for_exercise`: muscle rows with a ``role`` column.
    """
    cues = "".join(f"<li>{escape(c)}</li>" for c in exercise["cues"])
    cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise["cautions"])
    worked = "; ".join(
        f"<b>{role}</b>: " + ", ".join(escape(n) for n in group["name"])
        for role, group in muscles.groupby("role", observed=True, sort=False)
    )
    equipment = ", ".join(exercise["equipment"]) or "none"
    facts = (
        f"{escape(str(exercise['category']))} · {escape(str(exercise['level']))} · "
        f"{escape(str(exercise['laterality']))} · equipment: {escape(equipment)}"
    )
    return (
        f'<div class="upperback-card">'
        f"<h3 style='margin:0'>{escape(exercise['name'])} "
        f"<small style='color:#666'>({escape(exercise_id)})</small></h3>"
        f"<p style='margin:0.2em 0;color:#444'>{facts}</p>"
        f"<p>{escape(exercise['description'])}</p>"
        f"<p><b>Start:</b> {escape(exercise['position'])}<br>"
        f"<b>Dose:</b> {escape(dose_text(exercise))}</p>"
        f"<p><b>Cues</b></p><ol>{cues}</ol>"
        f"<p><b>Muscles</b> — {worked}</p>"
        + (f"<p><b>Take care</b></p><ul>{cautions}</ul>" if cautions else "")
        + "</div>"
    )


def exercise_overview(exercises: pd.DataFrame) -> pd.DataFrame:
    """One line per exercise for reading: what it is, its level, and its dose in words.

    Examples
    --------
    >>> import upperback
    >>> overview = exercise_overview(upperback.load_exercises(user=False))
    >>> overview.loc["plank", "dose"]
    '3 holds of 30 s, 60 s rest between sets'
    """
    overview = exercises[["name", "category", "area", "level", "laterality"]].copy()
    overview["equipment"] = exercises["equipment"].map(lambda items: ", ".join(items) or "none")
    overview["dose"] = [dose_text(row) for _, row in exercises.iterrows()]
    return overview


def table(frame: pd.DataFrame):
    """A frame styled for reading in a notebook: left-aligned, nothing cut short, no <NA>.

    Lists are joined with "; " so every cue or alias shows in full.
    """
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, tuple)).any():
            shown[column] = shown[column].map(lambda v: "; ".join(v) if isinstance(v, tuple) else v)
    return (
        shown.style.format(na_rep="")
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )
