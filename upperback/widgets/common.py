"""What every view shares: a figure as an image, the safety note, CSS class names.

Not a view itself; views import this and nothing else from ``widgets``.
"""

from __future__ import annotations

import io
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as w
import traitlets

from upperback.html import chart_html, safety_note_html
from upperback.palette import (
    BUTTON_INK,
    SUCCESS_BUTTON,
    SUCCESS_BUTTON_HOVER,
    TAB_BACKGROUND,
    TAB_INK,
)
from upperback.rules.safety import SAFETY_NOTE

if TYPE_CHECKING:  # drawing views load matplotlib themselves; the others never need it
    from matplotlib.figure import Figure

__all__ = [
    "CONTROL_STYLE",
    "Chart",
    "SafetyNote",
    "figure_chart",
    "figure_png",
    "safety_note",
    "tag",
    "tagged",
]

# Contrast (WCAG AA) for the controls of the workbook's own views, wherever they show: in the
# app, a notebook or the slides. Only controls inside an element of ours (an ``upperback-``
# class) are touched, never other widgets on the page. The safety note, which opens every
# page, carries it.
_OURS = '[class*="upperback-"]'
CONTROL_STYLE = f"""<style>
{_OURS} .jupyter-button.mod-success, .jupyter-button.mod-success{_OURS} {{
  color: {BUTTON_INK}; background-color: {SUCCESS_BUTTON}; }}
{_OURS} .jupyter-button.mod-success:hover:enabled,
.jupyter-button.mod-success{_OURS}:hover:enabled,
{_OURS} .jupyter-button.mod-success:active, .jupyter-button.mod-success{_OURS}:active {{
  background-color: {SUCCESS_BUTTON_HOVER}; }}
{_OURS} .widget-tab > .lm-TabBar .lm-TabBar-tab:not(.lm-mod-current),
{_OURS} .widget-tab > .lm-TabBar .lm-TabBar-tab:not(.lm-mod-current) .lm-TabBar-tabLabel {{
  color: {TAB_INK}; background: {TAB_BACKGROUND}; }}
{_OURS} .jupyter-widget-Collapse-header, {_OURS} .jupyter-widget-Collapse-header span {{
  color: {TAB_INK}; }}
</style>"""


def figure_png(figure: Figure) -> bytes:
    """A figure as PNG bytes, for an Image widget (no pyplot state, nothing left open)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


class Chart(w.HTML):
    """A chart as an image with its sentence as alt text, and its data under "Show as a table".

    Set ``png`` (the image), ``words`` (what it shows, in a sentence) and ``tables`` (its
    data by title); the HTML follows. The sentence is what a screen reader reads.

    Examples
    --------
    >>> chart = Chart()
    >>> chart.words = "No sessions logged yet."
    >>> chart.png = b"PNG"
    >>> 'alt="No sessions logged yet."' in chart.value
    True
    """

    png = traitlets.Bytes(b"", help="the chart as a PNG image")
    words = traitlets.Unicode("", help="what the chart shows, in a sentence: its alt text")
    tables = traitlets.Dict(help="the chart's data as DataFrames, by title")

    def __init__(self, *, width: str = "100%", **kwargs):
        self._width, self._quiet = width, False
        super().__init__(**kwargs)
        self._render()

    @traitlets.observe("png", "words", "tables")
    def _render(self, change=None) -> None:
        if self._quiet:
            return
        shown = self.png and chart_html(self.png, self.words, self.tables, width=self._width)
        self.value = shown or ""

    def show(self, png: bytes, words: str, tables: dict | None = None) -> None:
        """Show a new chart, its sentence and its tables at once (one redraw, not three)."""
        self._quiet = True
        try:
            self.png, self.words, self.tables = png, words, tables or {}
        finally:
            self._quiet = False
        self._render()


# Keyboard focus, seen on every control of the page (WCAG 2.4.7). ipywidgets' own style
# sheet takes the outline off its text boxes and drop-downs (`outline: none !important`)
# and marks their focus by a faint change of border colour only; this ring is drawn on
# whatever has the keyboard's focus: a box, a button, a tab, a fold's summary.
FOCUS_STYLE = """<style>
.jupyter-widgets :is(input, select, textarea):is(:focus, :focus-within),
.jupyter-widgets :is(button, summary, a[href], [tabindex]):focus-visible,
.lm-TabBar-tab:focus-visible {
  outline: 2px solid #1d4e89 !important; outline-offset: 1px; }
</style>"""


def figure_chart(figure: Figure, words: str, tables: dict | None = None) -> Chart:
    """A figure a notebook drew, shown as a :class:`Chart`: the image with its sentence.

    JupyterLab shows a figure on its own as an image with no text alternative; this shows
    it with ``words`` as the alt text (and ``tables`` under "Show as a table"), and closes
    the figure so pyplot does not show it a second time without them.
    """
    import matplotlib.pyplot as plt

    view = Chart()
    view.show(figure_png(figure), words, tables)
    plt.close(figure)
    return view


class SafetyNote(w.HTML):
    """The safety note and warning signs, open until read once, then folded to one line.

    Every page shows it first, so it also carries the page's keyboard focus ring
    (``FOCUS_STYLE``).

    The note's first sentence stays in view as the fold's summary; clicking it opens the
    whole note again. A page sets ``seen`` once the person has moved on (opened their
    workbook, started the timer), so the controls they came for fit on the screen.

    Examples
    --------
    >>> note = SafetyNote()
    >>> "<details open" in note.value
    True
    >>> note.seen = True
    >>> "<details open" in note.value, "does not diagnose or treat" in note.value
    (False, True)
    """

    seen = traitlets.Bool(False, help="True once the person has read the note in this page")

    def __init__(self, *, heading: str = "", **kwargs):
        self._heading = heading  # HTML shown above the note, such as a page's title
        super().__init__(**kwargs)
        self.add_class("upperback-safety-note")
        self._render()

    @traitlets.observe("seen")
    def _render(self, change=None) -> None:
        first_sentence = SAFETY_NOTE.split(". ")[0] + "."
        opened = "" if self.seen else " open"
        self.value = (
            FOCUS_STYLE
            + CONTROL_STYLE
            + self._heading
            + (
                f'<details{opened} class="upperback-safety-fold">'
                '<summary style="cursor:pointer;color:#92400e"><strong>Safety first.</strong> '
                f"{escape(first_sentence)} <i>(the warning signs)</i></summary>"
                f"{safety_note_html()}</details>"
            )
        )


def safety_note() -> SafetyNote:
    """The safety note and warning signs, as a widget that folds away once read."""
    return SafetyNote()


def tag(view: w.Widget, prefix: str, *names: str) -> None:
    """Give each named control of ``view`` a CSS class, so a browser test can find it.

    ``tag(builder, "builder", "save_button")`` marks ``builder.save_button`` with
    ``upperback-builder-save-button``.
    """
    for name in names:
        getattr(view, name).add_class(f"upperback-{prefix}-{name.replace('_', '-')}")


def tagged(prefix: str, widget: w.Widget, name: str) -> w.Widget:
    """``widget`` with the CSS class ``upperback-<prefix>-<name>``, for building in place."""
    widget.add_class(f"upperback-{prefix}-{name.replace('_', '-')}")
    return widget
