"""What every view shares: a figure as an image, the safety note, CSS class names.

Not a view itself; views import this and nothing else from ``widgets``.
"""

from __future__ import annotations

import io

import ipywidgets as w
from matplotlib.figure import Figure

from upperback.html import safety_note_html

__all__ = ["figure_png", "safety_note", "tag", "tagged"]


def figure_png(figure: Figure) -> bytes:
    """A figure as PNG bytes, for an Image widget (no pyplot state, nothing left open)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def safety_note() -> w.HTML:
    """The safety note and warning signs, as a widget."""
    note = w.HTML(safety_note_html())
    note.add_class("upperback-safety-note")
    return note


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
