"""The routine builder: pick exercises with filters, set doses, reorder, save, export.

It holds a Routine and redraws from its check; every rule and number comes from the
package. Errors are shown inside the view, and the last good routine is kept.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import ipywidgets as w

from upperback.handout import save_handout
from upperback.html import status_html
from upperback.names import UnknownName
from upperback.queries import Library, equipment_choices, filter_exercises
from upperback.routine_files import routine_choices, routine_path, save_routine
from upperback.routine_history import next_sent
from upperback.routines import (
    SIDES,
    CheckedRoutine,
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
    muscles_covered,
)
from upperback.store.schema import StoreError
from upperback.tables import LEVELS
from upperback.text import dose_text, frequency_text, plural
from upperback.widgets.common import tag

__all__ = ["RoutineBuilder"]

ANY = "any"
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "rest_seconds", "rest_after_seconds")
ROUTINE_FIELDS = ("name", "client", "goal", "times_per_day", "days_per_week")

# The routine's items as radio buttons whose labels wrap, each item whole (a Select's
# options keep their spaces unbreakable and cut a long item with "…"). Tab reaches each
# and Space chooses it (ipywidgets names no group, so the arrow keys stay put).
BUILDER_LIST_STYLE = """<style>
.upperback-builder-items .widget-radio-box { min-width: 0; }
.upperback-builder-items .widget-radio-box label { height: auto; line-height: 1.35;
  white-space: normal; overflow-wrap: break-word; padding: 3px 0; border-bottom: 1px solid #e5e7eb; }
</style>"""


class RoutineBuilder(w.VBox):
    """Build a routine: pick exercises with filters, set doses, reorder, save, export.

    Examples
    --------
    >>> builder = RoutineBuilder(Library.load(user=False))
    >>> builder.pick.value = "can-openers"
    >>> builder.add_button.click()
    >>> builder.routine.items[0].exercise
    'can-openers'
    """

    def __init__(self, library: Library | None = None, routine: Routine | None = None, *,
                 store=None):  # fmt: skip
        self.library = library or Library.load()
        self.store = store  # where a routine saved for a client is sent, for their page
        self.routine = routine or Routine("My routine")
        self._quiet = False  # set while the view itself writes into the controls
        self._make_picker()
        self._make_editor()
        tag(self, "builder", "muscle", "category", "equipment", "level", "pick", "add_button",
            *ROUTINE_FIELDS, "items", "up_button", "down_button", "remove_button", *DOSE_FIELDS,
            "sides", "note", "save_button", "handout_button", "load_choice", "load_button",
            "summary", "status")  # fmt: skip
        for control in (self.muscle, self.category, self.equipment, self.level):
            control.observe(self._refilter, names="value")
        self.add_button.on_click(self._add)
        self.up_button.on_click(lambda _: self._move(-1))
        self.down_button.on_click(lambda _: self._move(+1))
        self.remove_button.on_click(self._remove)
        self.items.observe(self._show_item, names="value")
        for field in (*DOSE_FIELDS, "sides", "note"):
            getattr(self, field).observe(self._edit_item, names="value")
        for field in ROUTINE_FIELDS:
            getattr(self, field).observe(self._edit_routine, names="value")
        self.save_button.on_click(self._save)
        self.handout_button.on_click(self._export)
        self.load_button.on_click(self._open)

        picker = _column(
            [self.muscle, self.category, self.equipment, self.level, self.pick, self.add_button]
        )
        order = _row([self.up_button, self.down_button, self.remove_button])
        about = [getattr(self, field) for field in ROUTINE_FIELDS]
        routine_column = _column([*about, self.items, order])
        dose_fields = [getattr(self, f) for f in DOSE_FIELDS]
        dose = _column([*dose_fields, self.sides, self.note])
        # As many columns as fit, each at least 300px wide: three on a desktop, one on a phone.
        columns = w.GridBox(
            [picker, routine_column, dose],
            layout=w.Layout(
                grid_template_columns="repeat(auto-fit, minmax(300px, 1fr))", grid_gap="8px 16px"
            ),
        )
        files = _row([self.save_button, self.handout_button, self.load_choice, self.load_button])
        super().__init__([self.status, columns, files, self.summary, w.HTML(BUILDER_LIST_STYLE)])
        self.add_class("upperback-builder")
        self._refilter()
        self._refresh_files()
        self._render()

    def _make_picker(self) -> None:
        """The controls that pick exercises from the library."""
        exercises = self.library.exercises
        muscles = self.library.muscles.sort_values(["region", "name"])["name"]
        self.muscle = w.Dropdown(
            options=[("any muscle", ANY), *[(n, i) for i, n in muscles.items()]],
            description="Muscle",
        )
        self.category = w.Dropdown(
            options=[ANY, *exercises["category"].cat.categories], description="Category"
        )
        self.equipment = w.Dropdown(
            options=[ANY, *equipment_choices(self.library)], description="Equipment"
        )
        self.level = w.Dropdown(options=[ANY, *LEVELS], description="Level up to")
        self.pick = w.Select(rows=8, description="Library")
        self.add_button = w.Button(
            description="Add to routine", icon="plus", button_style="primary"
        )

    def _make_editor(self) -> None:
        """The controls of the routine, of the chosen item's dose, and of its files."""
        self.name = w.Text(description="Name")
        self.client = w.Text(description="For")
        self.goal = w.Text(description="Goal")
        self.times_per_day = w.BoundedIntText(min=1, max=6, description="Times a day")
        self.days_per_week = w.BoundedIntText(min=1, max=7, description="Days a week")
        self.items = w.RadioButtons(description="Routine")
        self.up_button = w.Button(description="Up", icon="arrow-up")
        self.down_button = w.Button(description="Down", icon="arrow-down")
        self.remove_button = w.Button(description="Remove", icon="trash")
        self.sets = w.IntText(description="Sets")
        self.reps = w.IntText(description="Reps")
        self.hold_seconds = w.IntText(description="Hold (s)")
        self.rest_seconds = w.IntText(description="Rest (s)")
        self.rest_after_seconds = w.IntText(description="Rest after (s)")
        self.sides = w.Dropdown(options=SIDES, description="Sides")
        self.note = w.Text(description="Note")
        self.save_button = w.Button(description="Save", icon="save")
        self.handout_button = w.Button(description="Export handout", icon="print")
        self.load_choice = w.Dropdown(description="Open")
        self.load_button = w.Button(description="Open", icon="folder-open")
        self.summary = w.HTML()
        self.status = w.HTML()

    # -- picking -------------------------------------------------------------------------

    def _refilter(self, change=None) -> None:
        choose = {
            c: (None if c.value == ANY else c.value)
            for c in (self.muscle, self.category, self.equipment, self.level)
        }
        found = filter_exercises(
            self.library,
            muscle=choose[self.muscle],
            category=choose[self.category],
            equipment=choose[self.equipment],
            max_level=choose[self.level],
        )
        self.pick.options = [(name, ex_id) for ex_id, name in found["name"].items()]

    def _add(self, _=None) -> None:
        if self.pick.value is None:
            self.status.value = status_html("error", "Choose an exercise in the library first.")
            return
        self._change(self.routine.add(RoutineItem(self.pick.value)))
        self.items.value = len(self.routine.items) - 1

    # -- editing -------------------------------------------------------------------------

    def _change(self, routine: Routine) -> bool:
        """Take the edited routine if it is valid; otherwise keep the last good one."""
        try:
            check_routine(routine, self.library)
        except (RoutineError, UnknownName) as error:
            self.status.value = status_html("error", str(error))
            self._render(keep_status=True)
            return False
        self.routine = routine
        self._render()
        return True

    def _move(self, offset: int) -> None:
        index = self.items.value
        if index is not None and self._change(self.routine.move(index, offset)):
            self.items.value = max(0, min(len(self.routine.items) - 1, index + offset))

    def _remove(self, _=None) -> None:
        index = self.items.value
        if index is not None:
            self._change(self.routine.remove(index))

    def _edit_item(self, change) -> None:
        index = self.items.value
        if self._quiet or index is None:
            return
        dose = self.routine.doses(self.library)[index]
        changes = {}
        for field in DOSE_FIELDS:
            value = getattr(self, field).value
            # Keep the exercise's default unless the coach set another value.
            changes[field] = (
                None
                if value == getattr(dose, field)
                and getattr(self.routine.items[index], field) is None
                else value
            )
        if dose.dosing == "hold":
            changes["reps"] = None
        changes["sides"] = None if self.sides.value == dose.sides else self.sides.value
        changes["note"] = self.note.value
        self._change(self.routine.update(index, **changes))

    def _edit_routine(self, change) -> None:
        if self._quiet:
            return
        self._change(
            Routine(
                name=self.name.value,
                items=self.routine.items,
                goal=self.goal.value,
                client=self.client.value,
                times_per_day=self.times_per_day.value,
                days_per_week=self.days_per_week.value,
                notes=self.routine.notes,
            )
        )

    def _show_item(self, change=None) -> None:
        index = self.items.value
        self._quiet = True
        try:
            if index is None or index >= len(self.routine.items):
                for field in (*DOSE_FIELDS, "sides", "note"):
                    getattr(self, field).disabled = True
                return
            dose = self.routine.doses(self.library)[index]
            for field in DOSE_FIELDS:
                control = getattr(self, field)
                value = getattr(dose, field)
                control.value = 0 if value is None else value
                control.disabled = False
            self.reps.disabled = dose.dosing == "hold"  # a timed hold has no reps
            unilateral = self.library.exercises.loc[dose.exercise, "laterality"] == "unilateral"
            self.sides.options = SIDES[1:] if unilateral else SIDES[:1]
            self.sides.value = dose.sides
            self.sides.disabled = not unilateral
            self.note.value = dose.note
            self.note.disabled = False
        finally:
            self._quiet = False

    # -- showing -------------------------------------------------------------------------

    def _render(self, keep_status: bool = False) -> None:
        routine = self.routine
        self._quiet = True
        try:
            self.name.value = routine.name
            self.client.value = routine.client
            self.goal.value = routine.goal
            self.times_per_day.value = routine.times_per_day
            self.days_per_week.value = routine.days_per_week
            checked = check_routine(routine, self.library)
            doses, warnings = checked.doses, checked.warnings
            chosen = self.items.value
            self.items.options = [
                (f"{n}. {d.name} ({dose_text(d, short=True)})", n - 1)
                for n, d in enumerate(doses, start=1)
            ]
            if chosen is not None and chosen < len(doses):
                self.items.value = chosen
        finally:
            self._quiet = False
        self._show_item()
        self.summary.value = self._summary_html(checked)
        if not keep_status:
            text = "\n".join(f"Note: {warning}" for warning in warnings)
            self.status.value = status_html("warning", text) if text else ""

    def _summary_html(self, checked: CheckedRoutine) -> str:
        doses = checked.doses
        if not doses:
            return "<p><i>Add exercises from the library to build the routine.</i></p>"
        minutes = checked.minutes
        covered = muscles_covered(checked, self.library)
        by_role = {
            role: ", ".join(group["name"])
            for role, group in covered.groupby("role", observed=True, sort=False)
        }
        roles = "".join(f"<li><b>{r}</b>: {escape(m)}</li>" for r, m in by_role.items())
        return (
            f"<p><b>About {minutes:.0f} minutes</b> ({plural(len(doses), 'exercise')}), "
            f"{escape(frequency_text(self.routine))}.</p><p>Muscles covered:</p><ul>{roles}</ul>"
        )

    # -- files ---------------------------------------------------------------------------

    def default_path(self) -> Path:
        return routine_path(self.routine)

    def _refresh_files(self) -> None:
        self.load_choice.options = [(choice.label, choice) for choice in routine_choices()]

    def _save(self, _=None) -> None:
        try:
            path = save_routine(self.routine, self.default_path(), self.library)
        except (RoutineError, OSError) as error:
            self.status.value = status_html("error", f"Not saved: {error}")
            return
        self._refresh_files()
        self.status.value = status_html("ok", f"Saved to {path}") + self._send_to_log()

    def _send_to_log(self) -> str:
        """Send a routine saved for a client to the session log, where their page finds it
        (on a shared hub, the client's own server); a few words on what happened."""
        client = self.routine.client.strip()
        if self.store is None or not client:
            return ""
        try:
            version = next_sent(self.store.sent_routines(client), self.routine)
            if version is not None:
                self.store.send_routine(self.routine, version)
        except StoreError as error:
            return status_html("error", f"Not sent to {client}'s page: {error}")
        return status_html("ok", f"{client}'s page has it.")

    def _export(self, _=None) -> None:
        path = self.default_path().with_suffix(".html")
        try:
            save_handout(self.routine, path, self.library)
        except (RoutineError, OSError) as error:
            self.status.value = status_html("error", f"No handout written: {error}")
            return
        self.status.value = status_html("ok", f"Handout written to {path}") + handout_link_html(
            path
        )

    def _open(self, _=None) -> None:
        choice = self.load_choice.value
        if choice is None:
            return
        try:
            routine = choice.open(self.library)
        except RoutineError as error:
            self.status.value = status_html("error", str(error))
            return
        self.routine = routine
        self.items.value = None
        self._render()
        self.status.value = status_html("ok", f"Opened {routine.name}")


def _column(children) -> w.VBox:
    """A column of controls that fill its width, their labels in a column of their own."""
    for child in children:
        child.layout.width = "auto"  # the column stretches it, margins and all
        if hasattr(child, "style") and hasattr(child.style, "description_width"):
            child.style.description_width = "110px"
    return w.VBox(children, layout=w.Layout(align_items="stretch", min_width="0"))


def _row(children) -> w.HBox:
    """Buttons side by side that wrap onto the next line when the page is narrow."""
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


def handout_link_html(path: Path) -> str:
    """A link that hands the saved handout to the browser, to open and print.

    The handout lives in the workbook folder, outside the folder JupyterLab serves, so a
    link to the file itself would not open; the link carries the file's own bytes instead,
    and the browser saves them under the handout's name.

    Examples
    --------
    >>> import tempfile
    >>> handout = Path(tempfile.mkdtemp()) / "sam.html"
    >>> _ = handout.write_text("<h1>Sam</h1>")
    >>> handout_link_html(handout)
    '<a class="upperback-builder-handout-link" download="sam.html" \
href="data:text/html;charset=utf-8;base64,PGgxPlNhbTwvaDE+">Download sam.html to open and print</a>'
    """
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    name = escape(path.name)
    return (
        f'<a class="upperback-builder-handout-link" download="{name}" '
        f'href="data:text/html;charset=utf-8;base64,{encoded}">Download {name} to open and print</a>'
    )
