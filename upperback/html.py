"""Small pieces of HTML for people, and tables styled for reading. Escaping happens here.

Page-sized documents come from Jinja2 templates (see :mod:`upperback.handout`); what is
here are fragments a view or a notebook shows: the safety note, a status line, an
exercise's card, a cue list.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape

import pandas as pd

from upperback.routines import default_dose
from upperback.rules.safety import RED_FLAGS, SAFETY_NOTE
from upperback.text import dose_text
from upperback.workbook import local_zone

__all__ = [
    "CLINIC_COLUMNS",
    "SUMMARY_ROWS",
    "ReadingTable",
    "cell_text",
    "chart_html",
    "clinic_html",
    "cue_list_html",
    "download_link_html",
    "exercise_card_html",
    "exercise_overview",
    "news_html",
    "safety_note_html",
    "status_html",
    "summary_html",
    "table",
]

STATUS_COLOURS = {"error": "#b91c1c", "ok": "#166534", "warning": "#854d0e"}


def safety_note_html() -> str:
    """The note and the warning signs as an HTML block, for notebooks and handouts.

    Examples
    --------
    >>> "chest pain" in safety_note_html()
    True
    """
    flags = "".join(f"<li>{escape(flag)}</li>" for flag in RED_FLAGS)
    return (
        '<div class="upperback-safety" style="border-left:4px solid #b45309;'
        'padding:0.5em 1em;background:#fff7ed;color:#1f2937">'
        f"<strong>Safety first.</strong> {escape(SAFETY_NOTE)}"
        f"<br><strong>Warning signs:</strong><ul>{flags}</ul></div>"
    )


def chart_html(
    png: bytes, words: str, tables: Mapping[str, pd.DataFrame], *, width: str = "100%"
) -> str:
    """A chart as an image whose alt text is ``words``, with "Show as a table" beneath it.

    ``tables`` are the chart's data by title (see :func:`upperback.chart_text.progress_tables`);
    they fold away in a ``<details>``, which a keyboard opens with Enter or Space. Without
    tables the sentence is all there is to read, and no fold is shown.

    Examples
    --------
    >>> page = chart_html(b"PNG", "Pain fell.", {"Pain": pd.DataFrame({"Date": ["3 Nov"]})})
    >>> 'alt="Pain fell."' in page, "<summary>Show as a table</summary>" in page
    (True, True)
    """
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    image = (
        f'<img class="upperback-chart-image" src="{source}" alt="{escape(words)}" '
        f'style="width:{escape(width)};max-width:100%;height:auto">'
    )
    if not tables:
        return f'<figure class="upperback-chart" style="margin:0">{image}</figure>'
    shown = "".join(
        frame.to_html(index=False, border=0, classes="upperback-chart-data", na_rep="–").replace(
            ">\n  <thead>", f"><caption>{escape(title)}</caption>\n  <thead>", 1
        )
        for title, frame in tables.items()
    )
    return (
        f'<figure class="upperback-chart" style="margin:0">{image}'
        '<details class="upperback-chart-table"><summary>Show as a table</summary>'
        f"{shown}</details></figure>"
    )


def status_html(kind: str, text: str, *, title: str = "") -> str:
    """A message shown inside a view ("error", "ok" or "warning"), never lost in a log.

    Examples
    --------
    >>> status_html("ok", "Saved")
    '<div class="upperback-status-ok" style="color:#166534">Saved</div>'
    """
    if not text:
        return ""
    body = escape(text, quote=False).replace("\n", "<br>")
    heading = f"<b>{escape(title)}:</b><br>" if title else ""
    colour = STATUS_COLOURS[kind]
    return f'<div class="upperback-status-{kind}" style="color:{colour}">{heading}{body}</div>'


def download_link_html(
    content: bytes, name: str, *, mime: str, words: str, css: str = "", style: str = ""
) -> str:
    """A link that hands ``content`` to the browser to save as ``name``, with nothing served.

    The file's bytes travel inside the link (a ``data:`` address), so it works on a Voila
    page and in a standalone HTML page alike.

    Examples
    --------
    >>> download_link_html(b"hi", "a&b.txt", mime="text/plain", words="Save the note")
    '<a download="a&amp;b.txt" href="data:text/plain;base64,aGk=">Save the note</a>'
    """
    encoded = base64.b64encode(content).decode("ascii")
    css = f' class="{escape(css)}"' if css else ""
    css += f' style="{escape(style)}"' if style else ""
    return (
        f'<a{css} download="{escape(name)}" href="data:{escape(mime)};base64,{encoded}">'
        f"{escape(words)}</a>"
    )


def news_html(news: Mapping[str, Sequence[str]]) -> str:
    """What changed in a client's routines this week, and why, as a box for their page.

    ``news`` maps a routine's name to its changes in words (see
    :func:`upperback.routine_history.new_this_week`); nothing is shown when it is empty.

    Examples
    --------
    >>> news_html({})
    ''
    """
    if not news:
        return ""
    parts = "".join(
        f"<p style='margin:0.4em 0 0'><b>{escape(routine)}</b></p><ul style='margin:0.2em 0'>"
        + "".join(f"<li>{escape(change, quote=False)}</li>" for change in changes)
        + "</ul>"
        for routine, changes in news.items()
    )
    return (
        "<div class='upperback-news' style='border-left:4px solid #166534;background:#f0fdf4;"
        "padding:0.4em 0.9em;margin:0.4em 0'><b>New this week</b>: your routine changed. "
        f"The timer runs the new version.{parts}</div>"
    )


def cue_list_html(cues, *, style: str = "") -> str:
    """An exercise's cues as a numbered list, in their order."""
    items = "".join(f"<li>{escape(cue)}</li>" for cue in cues)
    return f"<ol style='{style}'>{items}</ol>" if style else f"<ol>{items}</ol>"


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
    cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise["cautions"])
    worked = "; ".join(
        f"<b>{escape(str(role))}</b>: " + ", ".join(escape(n) for n in group["name"])
        for role, group in muscles.groupby("role", observed=True, sort=False)
    )
    equipment = ", ".join(exercise["equipment"]) or "none"
    facts = " · ".join(
        escape(str(v)) for v in (exercise["category"], exercise["level"], exercise["laterality"])
    )
    return (
        f'<div class="upperback-card">'
        f"<h3 style='margin:0'>{escape(exercise['name'])} "
        f"<small style='color:#666'>({escape(exercise_id)})</small></h3>"
        f"<p style='margin:0.2em 0;color:#444'>{facts} · equipment: {escape(equipment)}</p>"
        f"<p>{escape(exercise['description'])}</p>"
        f"<p><b>Start:</b> {escape(exercise['position'])}<br>"
        f"<b>Dose:</b> {escape(dose_text(default_dose(exercise)))}</p>"
        f"<p><b>Cues</b></p>{cue_list_html(exercise['cues'])}"
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
    overview["dose"] = [dose_text(default_dose(row)) for _, row in exercises.iterrows()]
    return overview


class ReadingTable:
    """A table for reading in a notebook, in a box that scrolls sideways when it is wide.

    The box takes the keyboard's focus (Tab, then the arrow keys scroll it), which
    JupyterLab's own box around a wide output does not (jupyterlab/jupyterlab#8992).
    ``styler`` is the pandas Styler inside.
    """

    def __init__(self, styler, label: str):
        self.styler, self.label = styler, label

    def _repr_html_(self) -> str:
        return (
            f'<div class="upperback-table" role="region" tabindex="0" '
            f'aria-label="{escape(self.label)}" style="overflow-x:auto;max-width:100%">'
            f"{self.styler.to_html()}</div>"
        )


def table(frame: pd.DataFrame, *, label: str = "A table") -> ReadingTable:
    """A frame styled for reading in a notebook: left-aligned, nothing cut short, no <NA>.

    Lists are joined with "; " so every cue or alias shows in full. ``label`` names the
    table for a screen reader.

    Examples
    --------
    >>> page = table(pd.DataFrame({"name": ["Plank"]}), label="Moves")._repr_html_()
    >>> 'aria-label="Moves"' in page and 'tabindex="0"' in page and "Plank" in page
    True
    """
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, tuple)).any():
            shown[column] = shown[column].map(lambda v: "; ".join(v) if isinstance(v, tuple) else v)
    styler = (
        shown.style.format(na_rep="")
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )
    return ReadingTable(styler, label)


CLINIC_COLUMNS = {
    "sessions": "Sessions",
    "adherence": "Adherence, last 4 weeks",
    "current_streak": "Weeks on target",
    "baseline": "Pain at start",
    "now": "Pain now",
    "change": "Change",
    "responder": "Clear improvement",
    "warnings": "Safety warnings",
    "last_session": "Last session",
    "warning_signs": "Warning signs",
}
# One client's summary (a row of analysis.pain_summary), as a coach reads it.
SUMMARY_ROWS = {
    "sessions": "Sessions",
    "scored": "Sessions with a pain score",
    "baseline": "Pain at start (first 2 weeks)",
    "now": "Pain now (last 2 weeks)",
    "change": "Change in points",
    "change_pct": "Change in percent",
    "responder": "Clear improvement",
    "warnings": "Sessions with high or rising pain",
    "first_session": "First session",
    "last_session": "Last session",
}
CELL = "padding:2px 10px;text-align:left;vertical-align:top"


def cell_text(column: str, value) -> str:
    """A summary's value as words: "66%", "16 Nov 2026", "yes", "–" when missing.

    Examples
    --------
    >>> cell_text("change_pct", -0.66), cell_text("responder", True), cell_text("now", None)
    ('-66%', 'yes', '–')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, str):
        return value
    if column in ("adherence", "change_pct"):
        return f"{value:.0%}"
    if column in ("baseline", "now"):
        return f"{value:.1f}"
    if column == "change":
        return f"{value:+.1f}"
    if isinstance(value, bool) or column in ("responder", "flagged"):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp | datetime):
        return f"{pd.Timestamp(value).tz_convert(local_zone()):%d %b %Y}"
    return str(value)


def _shown(row: pd.Series, column: str):
    """A row's value as shown: a clear improvement in the words of its rule, where known
    ("yes", "not yet", "pain was already low")."""
    if column == "responder" and isinstance(row.get("pain_change"), str):
        return row["pain_change"]
    return row[column]


def summary_html(summary: pd.Series) -> str:
    """One client's summary as a two-column table of words, for a coach.

    Examples
    --------
    >>> row = pd.Series({"sessions": 1, "responder": False, "change_pct": -0.5})
    >>> "<td style='padding:2px 10px;text-align:left;vertical-align:top'>-50%</td>" in summary_html(row)
    True
    """
    rows = "".join(
        f"<tr><th style='{CELL}'>{escape(label)}</th>"
        f"<td style='{CELL}'>{escape(cell_text(column, _shown(summary, column)))}</td></tr>"
        for column, label in SUMMARY_ROWS.items()
        if column in summary.index
    )
    return f"<table class='upperback-client-summary'>{rows}</table>"


# The all-clients table on a laptop: names and numbers on one line each, the warning signs
# kept to a short column, the heading in view while the rows scroll beneath it.
CLINIC_STYLE = """<style>
.upperback-clinic-box { max-height: 70vh; overflow: auto; max-width: 100%; }
.upperback-clinic { border-collapse: collapse; font-size: 0.95em; }
.upperback-clinic thead th { position: sticky; top: 0; z-index: 1; background: white;
  box-shadow: inset 0 -1px 0 #9ca3af; font-weight: 600; }
.upperback-clinic td, .upperback-clinic th { padding: 2px 8px; text-align: left;
  vertical-align: top; }
.upperback-clinic td, .upperback-clinic tbody th { white-space: nowrap; font-weight: normal; }
.upperback-clinic td.upperback-clinic-signs { white-space: normal; min-width: 10em;
  max-width: 22em; }
.upperback-clinic tbody tr:nth-child(even) { background: #f9fafb; }
.upperback-clinic-box:focus-visible { outline: 2px solid #1d4e89; }
</style>"""


def clinic_html(table: pd.DataFrame, *, sort_by: str = "warnings", descending: bool = True) -> str:
    """The all-clients table as HTML, sorted, with warnings and clear improvement marked.

    A warning sign waiting for its all-clear (``signs_waiting``) has its cell in red, and a
    client whose waiting sign is urgent (``urgent_waiting``) comes first whatever the order
    chosen. The table scrolls in a box of its own (reachable by keyboard) under a heading
    that stays.
    """
    ordered = table.sort_values(sort_by, ascending=not descending, na_position="last")
    if "urgent_waiting" in ordered.columns:
        ordered = ordered.sort_values("urgent_waiting", ascending=False, kind="stable")
    columns = [column for column in CLINIC_COLUMNS if column in table.columns]
    head = "".join(f"<th scope='col'>{escape(CLINIC_COLUMNS.get(c, c))}</th>"
                   for c in ["Client", *columns])  # fmt: skip
    red = " style='color:#b91c1c;font-weight:bold'"
    rows = []
    for client, row in ordered.iterrows():
        cells = [f"<th scope='row' class='upperback-clinic-name'>{escape(str(client))}</th>"]
        for column in columns:
            marked = (column == "warnings" and row[column]) or (
                column == "warning_signs" and bool(row.get("signs_waiting", False))
            )
            kind = " class='upperback-clinic-signs'" if column == "warning_signs" else ""
            text = escape(cell_text(column, _shown(row, column)))
            cells.append(f"<td{kind}{red if marked else ''}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"{CLINIC_STYLE}<div class='upperback-clinic-box' role='region' tabindex='0' "
        "aria-label='Every client'><table class='upperback-clinic'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
