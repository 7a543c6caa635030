"""The client app: everything a client does, as one page with no code on it (served by Voila).

Who the client is comes from :mod:`upperback.identity`: on a shared hub, the person the hub
logged in; on a laptop, the name given the first time the app opened. Nobody types a name
to open someone else's workbook.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.html import safety_note_html, status_html
from upperback.identity import Identity, ProfileError, current_identity, save_profile
from upperback.pages import HistoryPage, ManualLog, TimerAndLog
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.widgets.progress import ClientProgress

__all__ = ["ClientApp"]

TAB_TITLES = ("Run my routine", "Log by hand", "My progress", "My sessions")


class ClientApp(w.VBox):
    """The client's own page: run my routine (and log it), log by hand, progress, sessions.

    Parameters
    ----------
    store : Store, default=None
        The session log; by default the workbook's own (or ``$UPPERBACK_DATABASE_URL``).
    library : Library, default=None
        The exercise tables; by default loaded with the workbook folder's own.
    identity : Identity, default=None
        Who the client is; by default :func:`upperback.identity.current_identity`. When
        nobody is known yet, the app asks "What is your name?" once and keeps the answer.
    """

    def __init__(
        self,
        store: Store | None = None,
        library: Library | None = None,
        *,
        identity: Identity | None = None,
    ):
        self.library = library or Library.load()
        self.status = w.HTML()
        self.identity: Identity | None = None
        try:
            self.store = store or Store()
        except StoreError as error:
            self.store = None
            self.status.value = status_html("error", str(error))
        self.name = w.Text(placeholder="your name", description="My name")
        self.open_button = w.Button(description="Open my workbook", button_style="primary")
        self.tabs = w.Tab()
        self.first_run = w.VBox(
            [w.HTML("<b>What is your name?</b> You are asked once, on this computer."),
             w.HBox([self.name, self.open_button])]
        )  # fmt: skip
        for control, name in ((self.name, "name"), (self.open_button, "open"), (self.tabs, "tabs"),
                              (self.first_run, "first-run")):  # fmt: skip
            control.add_class(f"upperback-app-{name}")
        self.open_button.on_click(self._first_open)
        self.tabs.observe(self._tab_changed, names="selected_index")
        intro = w.HTML(
            "<h2 style='margin-bottom:0.2em'>My upper back</h2>"
            "<p>Run your routine with the timer, log how your back feels, and see your progress.</p>"
            + safety_note_html()
        )
        super().__init__([intro, self.first_run, self.status, self.tabs])
        self.add_class("upperback-app")
        try:
            known = identity or current_identity()
        except ProfileError as error:
            self.status.value = status_html("error", str(error))
            return
        if known is not None:
            self._open(known)

    def _first_open(self, _=None) -> None:
        try:
            identity = save_profile(self.name.value)
        except (ProfileError, OSError) as error:
            self.status.value = status_html("error", str(error))
            return
        self._open(identity)

    def _open(self, identity: Identity) -> None:
        self.first_run.layout.display = "none"  # never shown again once the name is known
        self.identity = identity
        self.name.value = identity.name
        if self.store is None:
            return
        client = identity.name
        self.status.value = f"<p class='upperback-app-welcome'>Welcome, {escape(client)}.</p>"
        self.progress = ClientProgress(self.store, self.library, client)
        self.history = HistoryPage(self.store, self.library, client=client)
        self.history.history.client.disabled = True  # one's own sessions only
        self.tabs.children = (
            TimerAndLog(self.store, self.library, client=client),
            ManualLog(self.store, self.library, client=client),
            self.progress,
            self.history,
        )
        for index, title in enumerate(TAB_TITLES):
            self.tabs.set_title(index, title)
        self.tabs.selected_index = 0

    def _tab_changed(self, change) -> None:
        # Progress and history show what was just logged when their tab is opened.
        if change["new"] == 2:
            self.progress.refresh()
        elif change["new"] == 3 and self.identity is not None:
            self.history.history.refresh(self.identity.name)
