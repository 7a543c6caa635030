"""The coach's attention list, a part of the dashboard: each client who needs the coach now,
with their reasons in words and a button that opens that client.

The list only shows what :func:`upperback.attention.attention_list` worked out; the client
picked here is its ``picked`` trait, for the dashboard to open.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as w
import traitlets

from upperback.html import STATUS_COLOURS

if TYPE_CHECKING:  # the dashboard works the list out; this part only shows it
    from upperback.attention import Attention

__all__ = ["AttentionList"]

HEADING = "Who needs you now"
# On a phone the two columns leave the reasons a word wide: each reason goes under its name.
ONE_COLUMN_NARROW = """<style>
@media (max-width: 600px) {
  .upperback-attention-items { grid-template-columns: 1fr !important; }
  .upperback-attention-reasons { margin-bottom: 0.5em; }
}
</style>"""


def _reasons_html(entry: Attention) -> str:
    """The reasons in words: the most pressing kind (an urgent sign waiting) in the error
    colour, the others in the warning's."""
    said = []
    for reason in entry.reasons:
        colour = STATUS_COLOURS["error" if reason.rank == 0 else "warning"]
        said.append(f'<span style="color:{colour}">{escape(reason.words, quote=False)}</span>')
    return "; ".join(said)


class AttentionList(w.VBox):
    """The clients who need the coach now, most pressing first; a click opens one.

    Each client is a button named for them (a keyboard reaches it with Tab, and Enter or
    Space presses it), with their reasons beside it. Empty, the list says ``empty``
    (:data:`upperback.attention.NOBODY`, from the dashboard).
    """

    picked = traitlets.Unicode(None, allow_none=True, help="the client last picked here")

    def __init__(self, *, empty: str):
        self.empty = empty
        self.heading = w.HTML(f"<h3>{HEADING}</h3>")
        # Two columns: the clients' buttons, and their reasons lined up beside them.
        self.items = w.GridBox(
            layout=w.Layout(grid_template_columns="max-content auto", grid_gap="4px 12px")
        )
        self.items.add_class("upperback-attention-items")
        self.buttons: list[w.Button] = []
        self.reasons: list[w.HTML] = []
        super().__init__([w.HTML(ONE_COLUMN_NARROW), self.heading, self.items])
        self.add_class("upperback-attention")
        self.layout.margin = "0 0 1em 0"  # apart from the client picker below
        self.show([])

    def show(self, entries: Sequence[Attention]) -> None:
        """List ``entries`` (as :func:`upperback.attention.attention_list` gives them)."""
        self.buttons, self.reasons = [], []
        for entry in entries:
            button = w.Button(
                description=entry.client,
                tooltip=f"Open {entry.client}: {entry.words}",
                layout=w.Layout(width="auto"),
            )
            button.add_class("upperback-attention-pick")
            button.on_click(lambda _, client=entry.client: self._pick(client))
            words = w.HTML(_reasons_html(entry), layout=w.Layout(align_self="center"))
            words.add_class("upperback-attention-reasons")
            self.buttons.append(button)
            self.reasons.append(words)
        pairs = [part for pair in zip(self.buttons, self.reasons, strict=True) for part in pair]
        self.items.children = pairs or [w.HTML(f"<p><i>{escape(self.empty)}</i></p>")]

    def _pick(self, client: str) -> None:
        self.picked = None  # a second click on the same client opens them again
        self.picked = client
