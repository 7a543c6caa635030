"""Choose a routine: a starter or a saved one. Sets ``checked`` when a routine opens."""

from __future__ import annotations

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.queries import Library
from upperback.routine_files import RoutineChoice, routine_choices
from upperback.routine_history import latest_sent
from upperback.routines import CheckedRoutine, RoutineError, check_routine
from upperback.store.schema import StoreError
from upperback.widgets.common import tag

__all__ = ["RoutinePicker"]


class RoutinePicker(w.VBox):
    """A list of routines and an Open button; a file that cannot be read says why here.

    Parameters
    ----------
    library : Library
        The exercise tables a routine is checked against.
    action, icon : str
        The Open button's words and icon.
    client : str, default=None
        A client's picker lists the starters and the routines assigned to them only; the
        coach's (no client) lists every routine.
    store : Store or ClientStore, default=None
        With ``client``: the session log, whose latest version of each of the client's
        routines is listed first (on a shared hub, how a coach's routine reaches them).

    Examples
    --------
    >>> picker = RoutinePicker(Library.load(user=False), action="Open")
    >>> picker.choice.label = "starter: Daily bridge"
    >>> picker.open_button.click()
    >>> picker.checked.routine.name
    'Daily bridge'
    """

    checked = traitlets.Instance(CheckedRoutine, allow_none=True, help="the routine opened")

    def __init__(
        self,
        library: Library,
        *,
        action: str = "Open",
        icon: str = "folder-open",
        client: str | None = None,
        store=None,
    ):
        self.library, self.client, self.store = library, client, store
        self.choice = w.Dropdown(description="Routine")
        self.open_button = w.Button(description=action, icon=icon, button_style="primary")
        self.status = w.HTML()
        tag(self, "picker", "choice", "open_button", "status")
        self.open_button.on_click(self._open)
        super().__init__([w.HBox([self.choice, self.open_button]), self.status])
        self.add_class("upperback-picker")
        self.refresh()

    def refresh(self) -> None:
        """List the routines again (a routine saved elsewhere shows up)."""
        chosen = self.choice.value
        from_log = []
        if self.store is not None and self.client:
            try:
                from_log = latest_sent(self.store.sent_routines(self.client))
            except (StoreError, RoutineError) as error:  # the files and starters still list
                self.status.value = status_html("error", str(error))
        choices = routine_choices(client=self.client, from_log=from_log)
        self.choice.options = [(choice.label, choice) for choice in choices]
        values = [value for _, value in self.choice.options]
        if chosen in values:
            self.choice.value = chosen
        elif self.client and values and values[0].starter is None:
            self.choice.value = values[0]  # the routine made for this client, ready to run

    def _open(self, _=None) -> None:
        choice: RoutineChoice | None = self.choice.value
        if choice is None:
            self.status.value = status_html("error", "Choose a routine first.")
            return
        if choice.problem:
            self.status.value = status_html("error", choice.problem)
            return
        try:
            checked = check_routine(choice.open(self.library), self.library)
        except RoutineError as error:
            self.status.value = status_html("error", str(error))
            return
        self.status.value = ""
        self.checked = checked
