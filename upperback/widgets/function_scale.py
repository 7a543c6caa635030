"""The Patient-Specific Functional Scale as a small form: the client names 3 to 5
activities their back makes hard, once, and rates each from 0 to 10 every week or two.

The activities named last time are filled in; the client only rates them again (they may
change a name, add or drop one). What the form keeps is its ``saved`` trait.
"""

from __future__ import annotations

from functools import partial

import ipywidgets as w
import traitlets

from upperback.function_checks import (
    FunctionCheck,
    FunctionCheckError,
    function_check,
    function_due,
)
from upperback.html import status_html
from upperback.rules.function import ACTIVITIES, FUNCTION_RANGE
from upperback.store import Store, StoreError
from upperback.widgets.common import tagged

__all__ = ["FunctionScale"]

_tag = partial(tagged, "function")  # every control is "upperback-function-<name>"
LOW, HIGH = FUNCTION_RANGE
ANCHORS = {LOW: "can't do it", HIGH: "as well as before"}
CHOICES = [("Rate it", None)] + [
    (f"{n}: {ANCHORS[n]}" if n in ANCHORS else str(n), n) for n in range(LOW, HIGH + 1)
]
FIRST_TIME = (
    "<p><b>What does your back make hard?</b> Name {fewest} to {most} activities, in your "
    "own words (such as <i>Reaching a high shelf</i>), and rate how well you can do each "
    "today: 0 if you can't do it at all, 10 if you can do it as well as before your back "
    "hurt.</p>"
)
AGAIN = (
    "<p><b>How are your activities going?</b> Rate each again for today: 0 if you can't do "
    "it at all, 10 if as well as before your back hurt. Change a name only if the activity "
    "itself has changed.</p>"
)


class FunctionScale(w.VBox):
    """Name activities once, rate them each time, and keep the ratings in the log.

    Parameters
    ----------
    store : Store or ClientStore
        Where the ratings are kept and the last ones read.
    client : str
        Whose ratings they are.
    interval_weeks : int, default=None
        How often the coach asks (1 or 2 weeks); every two weeks without one.

    ``saved`` is the check the form last kept; ``due`` says whether it is time to ask.
    """

    saved = traitlets.Instance(FunctionCheck, allow_none=True, help="the ratings last kept")

    def __init__(self, store: Store, client: str, *, interval_weeks: int | None = None):
        self.store, self.client, self.interval_weeks = store, client, interval_weeks
        self.status = _tag(w.HTML(), "status")
        self.previous: FunctionCheck | None = None
        try:
            checks = store.function_scores(client)
            self.previous = checks[-1] if checks else None
        except StoreError as error:
            self.status.value = status_html("error", str(error))
        names = list(self.previous.activities) if self.previous else []
        names += [""] * (ACTIVITIES[1] - len(names))
        self.names = [self._name_box(n, name) for n, name in enumerate(names, start=1)]
        self.ratings = [
            _tag(
                w.Dropdown(
                    options=CHOICES,
                    value=None,
                    description=f"Rating {n}",
                    style={"description_width": "auto"},
                ),
                "rating",
            )
            for n in range(1, len(names) + 1)
        ]
        self.save = _tag(
            w.Button(
                description="Keep my ratings", button_style="primary", layout=w.Layout(width="auto")
            ),
            "save",
        )
        self.save.on_click(self._save)
        intro = (
            AGAIN if self.previous else FIRST_TIME.format(fewest=ACTIVITIES[0], most=ACTIVITIES[1])
        )
        rows = [
            w.HBox([name, rating]) for name, rating in zip(self.names, self.ratings, strict=True)
        ]
        super().__init__([w.HTML(intro), *rows, self.save, self.status])
        self.add_class("upperback-function-scale")

    @staticmethod
    def _name_box(number: int, name: str) -> w.Text:
        box = w.Text(
            value=name,
            description=f"Activity {number}",
            placeholder="in your own words",
            style={"description_width": "auto"},
            layout=w.Layout(width="24em"),
        )
        box.continuous_update = False
        return _tag(box, "activity")

    @property
    def due(self) -> bool:
        """Whether it is time to rate the activities (never rated, or the interval passed)."""
        last = self.previous.checked_at if self.previous else None
        return function_due(last, self.interval_weeks)

    def pairs(self) -> list[tuple[str, int | None]]:
        """(activity, rating) of each row the client filled in, in their order."""
        return [
            (name.value, rating.value)
            for name, rating in zip(self.names, self.ratings, strict=True)
            if name.value.strip() or rating.value is not None
        ]

    def _save(self, _=None) -> None:
        try:
            check = function_check(self.client, self.pairs())
            self.store.record_function_scores(check)
        except FunctionCheckError as error:
            problems = "\n".join(error.problems)
            self.status.value = status_html("error", problems, title="Not kept yet")
            return
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.status.value = status_html(
            "ok", f"Thank you. Your activities average {check.score:.1f} out of 10 today."
        )
        self.save.disabled = True
        self.previous = check
        self.saved = check
