"""The client app: everything a client does, as one page with no code on it (served by Voila)."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.html import status_html
from upperback.pages import HistoryPage, ManualLog, TimerAndLog
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.tables import TableError
from upperback.widgets.common import SafetyNote
from upperback.widgets.progress import ClientProgress

__all__ = ["ClientApp"]

# The page's own layout rules, scoped to the app: rows of controls wrap onto the next line
# and every control may shrink to the screen's width, so nothing runs off a phone's screen
# (the set note did); long labels (the warning signs, the tab titles) wrap instead of being
# cut with an ellipsis.
APP_STYLE = """<style>
.upperback-app .widget-hbox { flex-wrap: wrap; }
.upperback-app .upperback-log-set-table { max-width: 100%; overflow-x: auto; }
.upperback-app .widget-tab > .lm-TabBar { height: auto; }
.upperback-app .widget-tab > .lm-TabBar .lm-TabBar-content { flex-wrap: wrap; }
.upperback-app .widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 1 0 auto; }
.upperback-app .widget-inline-hbox, .upperback-app .widget-inline-vbox,
.upperback-app .widget-checkbox, .upperback-app .widget-textarea { max-width: 100%; }
.upperback-app .widget-checkbox { width: auto; height: auto; }
.upperback-app .widget-checkbox .widget-label-basic,
.upperback-app .widget-checkbox .widget-label-basic span {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; }
.upperback-app .widget-text input, .upperback-app .widget-textarea textarea { min-width: 0; }
</style>"""

TABLES_NOT_LOADED = (
    "Your own exercises were not loaded; the shipped ones are used until it is fixed"
)


class ClientApp(w.VBox):
    """Type your name, then: run my routine (and log it), log by hand, my progress, my sessions."""

    def __init__(self, store: Store | None = None, library: Library | None = None):
        self.status = w.HTML()
        self.tables_status = w.HTML()
        try:
            self.library = library or Library.load()
        except TableError as error:  # the client's own table is broken: open with ours, say so
            self.library = Library.load(user=False)
            self.tables_status.value = status_html("error", str(error), title=TABLES_NOT_LOADED)
        try:
            self.store = store or Store()
        except StoreError as error:
            self.store = None
            self.status.value = status_html("error", str(error))
        self.name = w.Text(placeholder="your name", description="My name")
        self.open_button = w.Button(description="Open my workbook", button_style="primary")
        self.tabs = w.Tab()
        for control, name in ((self.name, "name"), (self.open_button, "open"), (self.tabs, "tabs")):
            control.add_class(f"upperback-app-{name}")
        self.open_button.on_click(self._open)
        self.tabs.observe(self._tab_changed, names="selected_index")
        # The note is open until the person opens their workbook, then folds to one line,
        # so the timer's controls fit on a laptop's or a phone's screen.
        self.safety = SafetyNote(
            heading="<h2 style='margin-bottom:0.2em'>My upper back</h2><p>Run your routine "
            "with the timer, log how your back feels, and see your progress.</p>"
        )
        self.name.layout = w.Layout(width="auto", flex="1 1 240px")
        self.name.style.description_width = "auto"
        self.tables_status.add_class("upperback-app-tables-status")
        name_row = w.HBox([self.name, self.open_button], layout=w.Layout(flex_flow="row wrap"))
        super().__init__(
            [self.safety, self.tables_status, name_row, self.status, self.tabs,
             w.HTML(APP_STYLE)]
        )  # fmt: skip
        self.add_class("upperback-app")

    def _open(self, _=None) -> None:
        client = self.name.value.strip()
        if not client:
            self.status.value = status_html("error", "Type your name first.")
            return
        if self.store is None:
            return
        self.safety.seen = True
        self.status.value = f"<p>Welcome, {escape(client)}.</p>"
        self.progress = ClientProgress(self.store, self.library, client)
        self.history = HistoryPage(self.store, self.library, client=client)
        self.tabs.children = (
            TimerAndLog(self.store, self.library, client=client),
            ManualLog(self.store, self.library, client=client),
            self.progress,
            self.history,
        )
        for index, title in enumerate(
            ("Run my routine", "Log by hand", "My progress", "My sessions")
        ):
            self.tabs.set_title(index, title)
        self.tabs.selected_index = 0

    def _tab_changed(self, change) -> None:
        # Progress and history show what was just logged when their tab is opened.
        if change["new"] == 2:
            self.progress.refresh()
        elif change["new"] == 3:
            history = self.history.history
            history.refresh(history.client.value or self.name.value.strip())
