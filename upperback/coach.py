"""The coach's page: every client's progress, and next week's plan for the client picked.

The dashboard and the weekly review are views of their own; here they become one page, so
the client a coach is looking at is the client whose suggestions they review.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as w

from upperback.queries import Library
from upperback.store import Store
from upperback.widgets.dashboard import CoachDashboard
from upperback.widgets.suggestions import SuggestionReview

__all__ = ["CoachPage"]

TAB_TITLES = ("Progress", "Plan next week")


class CoachPage(w.Tab):
    """The dashboard, and next week's suggestions for the client picked on it.

    Parameters
    ----------
    store : Store
        The session log (a coach's: every client they coach).
    library : Library, default=None
        The exercise tables; loaded by default.
    routines_folder : path, default=None
        Where the clients' routine files live; the workbook's routines folder by default.
    today : datetime, default=None
        The day the review looks back from (the demo clinic's last day, for the demo).

    Picking a client on either tab picks them on the other. Accepting a change redraws the
    client's charts, where the pain chart marks the new version.
    """

    def __init__(self, store: Store, library: Library | None = None, *,
                 routines_folder: Path | None = None, today: datetime | None = None):  # fmt: skip
        library = library or Library.load()
        self.dashboard = CoachDashboard(
            store, library, routines_folder=routines_folder, today=today
        )
        self.review = SuggestionReview(store, library, routines_folder=routines_folder,
                                       today=today)  # fmt: skip
        super().__init__([self.dashboard, self.review])
        for index, title in enumerate(TAB_TITLES):
            self.set_title(index, title)
        self.add_class("upperback-coach")
        self.dashboard.client.observe(self._follow(self.review), names="value")
        self.review.client.observe(self._follow(self.dashboard), names="value")
        self.review.observe(lambda _: self.dashboard.redraw(), names="version")
        self._follow(self.review)({"new": self.dashboard.client.value})

    @staticmethod
    def _follow(view):
        """A handler that picks the same client on ``view``, when that view lists them."""

        def pick(change) -> None:
            if change["new"] in view.client.options and view.client.value != change["new"]:
                view.client.value = change["new"]

        return pick
