"""A person's first visit on a computer: their name, asked once and kept in the profile.

On a shared hub the hub says who the person is, and this view is never shown.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.identity import Identity, ProfileError, save_profile

__all__ = ["FirstVisit"]


class FirstVisit(w.VBox):
    """ "What is your name?", once: the answer is kept, and ``identity`` is set.

    Examples
    --------
    >>> visit = FirstVisit()
    >>> visit.open_button.click()
    >>> "Type your name first" in visit.status.value
    True
    """

    identity = traitlets.Instance(Identity, allow_none=True, help="who was told, once saved")

    def __init__(self):
        self.name = w.Text(placeholder="your name", description="My name",
                           layout=w.Layout(width="auto", flex="1 1 240px"))  # fmt: skip
        self.name.style.description_width = "auto"
        self.open_button = w.Button(description="Open my workbook", button_style="primary")
        self.status = w.HTML()
        self.open_button.on_click(self._save)
        super().__init__(
            [w.HTML("<b>What is your name?</b> You are asked once, on this computer."),
             w.HBox([self.name, self.open_button], layout=w.Layout(flex_flow="row wrap")),
             self.status]
        )  # fmt: skip
        self.add_class("upperback-first-visit")

    def _save(self, _=None) -> None:
        try:
            self.identity = save_profile(self.name.value)
        except (ProfileError, OSError) as error:
            self.status.value = status_html("error", str(error))
            return
        self.status.value = ""
        self.layout.display = "none"  # never shown again once the name is known
