"""The client app: everything a client does, as one page with no code on it (served by Voila).

Who the client is comes from :mod:`upperback.identity`: on a shared hub, the person the hub
logged in; on a laptop, the name given the first time the app opened. Nobody types a name
to open someone else's workbook.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.html import news_html, status_html
from upperback.identity import Identity, ProfileError, current_identity
from upperback.pages import HistoryPage, ManualLog, TimerAndLog
from upperback.queries import Library
from upperback.routine_history import new_this_week
from upperback.routines import RoutineError
from upperback.store import Store, StoreError
from upperback.store.scoped import ClientStore
from upperback.tables import TableError
from upperback.widgets.common import SafetyNote
from upperback.widgets.first_visit import FirstVisit
from upperback.widgets.function_scale import FunctionScale
from upperback.widgets.progress import ClientProgress
from upperback.widgets.suggestions import SuggestionReview

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

APP_HEADING = (
    "<h2 style='margin-bottom:0.2em'>My upper back</h2><p>Run your routine with the timer, "
    "log how your back feels, and see your progress.</p>"
)

TABLES_NOT_LOADED = (
    "Your own exercises were not loaded; the shipped ones are used until it is fixed"
)

FUNCTION_DUE = (
    "<p class='upperback-app-function-due'><b>Time to rate your activities:</b> the form "
    "heads your progress tab.</p>"
)
TAB_TITLES = ("Run my routine", "Log by hand", "My progress", "My sessions")
PLAN_TITLE = "Next week"  # a tab for clients who plan their own routine (no coach)
PLAN_NOTE = (
    "<p>What your log says about next week, exercise by exercise. Nothing changes until you "
    "click <b>Accept</b>. <b>If a coach plans your routine, leave this to them</b>: they see "
    "the same suggestions.</p>"
)


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
        self.status = w.HTML()
        self.news = w.HTML()
        self.tables_status = w.HTML()
        self.identity: Identity | None = None
        self.client_store: ClientStore | None = None
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
        self.first_run = FirstVisit()
        self.name, self.open_button = self.first_run.name, self.first_run.open_button
        self.tabs = w.Tab()
        for control, name in ((self.name, "name"), (self.open_button, "open"), (self.tabs, "tabs"),
                              (self.first_run, "first-run"), (self.news, "news")):  # fmt: skip
            control.add_class(f"upperback-app-{name}")
        self.first_run.observe(lambda change: self._open(change["new"]), names="identity")
        self.tabs.observe(self._tab_changed, names="selected_index")
        # The note is open until the person opens their workbook, then folds to one line,
        # so the timer's controls fit on a laptop's or a phone's screen. On a first visit
        # the name comes first, the note right under it: on a phone the name box is on the
        # first screen, and nothing can be started before the note has been passed.
        self.safety = SafetyNote()
        self.tables_status.add_class("upperback-app-tables-status")
        # Under the tabs, a line when the activities are due (above, it would push the timer).
        self.function_area = w.VBox(_dom_classes=("upperback-app-function",))
        self.function_scale: FunctionScale | None = None
        super().__init__(
            [
                w.HTML(APP_HEADING),
                self.tables_status,
                self.first_run,
                self.safety,
                self.status,
                self.news,
                self.tabs,
                self.function_area,
                w.HTML(APP_STYLE),
            ]
        )
        self.add_class("upperback-app")
        try:
            known = identity or current_identity()
        except ProfileError as error:
            self.status.value = status_html("error", str(error))
            return
        if known is not None:
            self._open(known)

    def _open(self, identity: Identity) -> None:
        self.first_run.layout.display = "none"  # never shown again once the name is known
        self.identity = identity
        self.name.value = identity.name
        if self.store is None:
            return
        self.safety.seen = True
        client = identity.name
        self.status.value = f"<p class='upperback-app-welcome'>Welcome, {escape(client)}.</p>"
        # Every tab gets the client's own handle, never the whole log.
        self.client_store = self.store.for_client(client)
        mine = self.client_store
        self.progress = ClientProgress(mine, self.library, client, draw=False)  # drawn when shown
        self.function_form = w.VBox()  # the activities to rate, above progress, when due
        self.history = HistoryPage(mine, self.library, client=client)
        self.history.history.client.disabled = True  # one's own sessions only
        self.timer_and_log = TimerAndLog(mine, self.library, client=client)
        progress = w.VBox([self.function_form, self.progress])
        pages = [self.timer_and_log, ManualLog(mine, self.library, client=client), progress]
        pages.append(self.history)
        titles = list(TAB_TITLES)
        self.plan: SuggestionReview | None = None  # made when its tab is first opened
        self.plan_area = w.VBox()
        if not identity.from_hub:  # on a shared hub, clients have a coach who plans
            pages.append(self.plan_area)
            titles.append(PLAN_TITLE)
        self.tabs.children = pages
        for index, title in enumerate(titles):
            self.tabs.set_title(index, title)
        self.tabs.selected_index = 0
        self._show_news()
        self._ask_function()

    def _ask_function(self) -> None:
        """When the activities are due (at the start, then every two weeks), a line under
        the tabs says so and the form heads the progress tab; once kept, the line goes, the
        form's thank-you stays and progress shows the ratings."""
        scale = FunctionScale(self.client_store, self.identity.name)
        if not scale.due:
            self.function_scale, self.function_area.children = None, ()
            return
        self.function_scale = scale
        scale.observe(self._function_kept, names="saved")
        self.function_area.children = (w.HTML(FUNCTION_DUE),)
        self.function_form.children = (scale,)

    def _function_kept(self, _=None) -> None:
        self.function_area.children = ()
        self.progress.refresh(draw=self.tabs.selected_index == 2)

    def _show_news(self) -> None:
        """What changed in the client's routines this week, above the tabs."""
        try:
            sent = self.client_store.sent_routines()
            self.news.value = news_html(new_this_week(self.identity.name, sent=sent))
        except (OSError, StoreError, RoutineError) as error:  # say so, keep the page
            self.news.value = status_html("warning", f"Your routines could not be read: {error}")

    def _routine_changed(self, _=None) -> None:
        self._show_news()
        self.timer_and_log.page.picker.refresh()

    def _tab_changed(self, change) -> None:
        # Progress and history show what was just logged when their tab is opened.
        if change["new"] == 2:
            self.progress.refresh()
        elif change["new"] == 3 and self.identity is not None:
            self.history.history.refresh(self.identity.name)
        elif change["new"] == 4 and self.client_store is not None:
            self._show_plan()

    def _show_plan(self) -> None:
        """Next week's suggestions, worked out when the tab opens (the log may have grown)."""
        if self.plan is not None:
            self.plan.refresh()
            return
        self.plan = SuggestionReview(self.client_store, self.library)
        self.plan.client.layout.display = "none"  # it is theirs alone
        self.plan.observe(self._routine_changed, names="version")
        self.plan_area.children = (w.HTML(PLAN_NOTE), self.plan)
