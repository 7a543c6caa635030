"""Next week's routine from what the client logged: the rules of :mod:`upperback.rules`
applied to each item of a client's routine, with the reason and the sessions behind it.

Suggestions only propose. Nothing changes a routine until the coach accepts one
(:func:`accept`), which writes a new version of the routine file and keeps the old.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from upperback.ladders import Ladders
from upperback.queries import Library
from upperback.routine_files import load_routine, routine_from_dict
from upperback.routine_history import Version, save_version
from upperback.routines import (
    Dose,
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
)
from upperback.rules.doses import DOSE_LIMITS, DoseFacts, dose_advice
from upperback.rules.pain import RECENT_DAYS
from upperback.rules.progressing import HOLD_DONE_SHARE, Advice, ItemSession, judge
from upperback.rules.steps import (
    HOLD_STEP,
    LEAST_WHEN_EASING,
    MOST_SETS,
    REPS_STEP,
    progress_ceiling,
)
from upperback.sessions import SessionRecord
from upperback.store.schema import StoreError

__all__ = [
    "Advice",
    "Suggestion",
    "accept",
    "latest_routine",
    "refusal",
    "suggest",
    "suggestions_for",
    "suggestions_frame",
    "warning_sign_waiting",
]

NOT_A_CHANGE = (
    "This suggestion is to pause the exercise and see a professional, so there is no change "
    "to accept or edit: the routine stays as it is until a doctor or physiotherapist has "
    "given the all-clear."
)


@dataclass(frozen=True)
class Suggestion:
    """What to do with one item of a client's routine next week, and why.

    ``proposed`` is the item as it would become; it equals the current item when nothing
    changes (keep, or nothing lighter or heavier to offer).
    """

    client: str
    routine: Routine
    index: int
    advice: Advice
    change: str  # what changes, in plain words; empty when nothing does
    reason: str
    sessions: tuple  # the days of the sessions it rests on
    proposed: RoutineItem

    @property
    def item(self) -> RoutineItem:
        return self.routine.items[self.index]

    @property
    def changes(self) -> bool:
        return self.proposed != self.item


def latest_routine(records: Sequence[SessionRecord]) -> Routine | None:
    """The routine the client last did, from its session's snapshot of the prescription."""
    for record in reversed(records):
        if record.prescription:
            return routine_from_dict(record.prescription, source=f"the session of {record.client}")
    return None


def suggest(
    store,
    client: str,
    library: Library,
    *,
    routine: Routine | None = None,
    ladders: Ladders | None = None,
    today: datetime | None = None,
) -> list[Suggestion]:
    """One suggestion per item of the client's routine, from the sessions in ``store``.

    ``routine`` is what the client does now (their routine file); by default the one their
    latest session prescribed.
    """
    records = store.sessions(client)
    routine = routine or latest_routine(records)
    if routine is None:
        return []
    waiting = warning_sign_waiting(store, client)
    return suggestions_for(
        records, routine, library, ladders=ladders, today=today, warning_sign=waiting
    )


def warning_sign_waiting(store, client: str) -> bool:
    """Whether the client's latest warning-signs check has a yes no professional has cleared.

    The one place next week's advice asks the store about warning signs.
    """
    check = store.last_red_flag_check(client)
    return check is not None and check["any_yes"] and check["cleared_at"] is None


def suggestions_for(
    records: Sequence[SessionRecord],
    routine: Routine,
    library: Library,
    *,
    ladders: Ladders | None = None,
    today: datetime | None = None,
    warning_sign: bool = False,
) -> list[Suggestion]:
    """Apply the rules to each item of ``routine`` over the client's ``records`` (any order).

    Only sessions of this routine (by name) in the last two weeks before ``today`` count.
    ``warning_sign`` says a warning sign is waiting for a professional's all-clear (see
    :func:`warning_sign_waiting`): every item is then paused.
    """
    ladders = ladders or Ladders.load(exercises=library.exercises)
    today = today or datetime.now(UTC)
    since = today - timedelta(days=RECENT_DAYS)
    recent = sorted(
        (r for r in records if r.routine == routine.name and since <= r.started_at <= today),
        key=lambda r: r.started_at,
    )
    planned = routine.days_per_week * routine.times_per_day * RECENT_DAYS // 7
    doses = check_routine(routine, library).doses
    client = records[0].client if records else routine.client
    found = []
    for index, dose in enumerate(doses):
        sessions = [_item_session(r, dose) for r in recent if _sets_of(r, dose.exercise)]
        verdict = judge(sessions, planned=planned, done=len(recent), warning_sign=warning_sign)
        proposed, change = _step(verdict.advice, routine, index, dose, library, ladders)
        reason = verdict.reason
        if proposed is None and verdict.advice in (Advice.EASE_OFF, Advice.PROGRESS):
            reason = f"{reason} {_nothing_to_offer(verdict.advice)}"
        item = routine.items[index]
        found.append(
            Suggestion(
                client,
                routine,
                index,
                verdict.advice,
                change,
                reason,
                verdict.days,
                proposed or item,
            )
        )
    return found


def _sets_of(record: SessionRecord, exercise: str):
    return [s for s in record.sets if s.exercise == exercise]


def _item_session(record: SessionRecord, dose: Dose) -> ItemSession:
    def done(s) -> bool:
        reps = s.reps_planned is None or (s.reps_done or 0) >= s.reps_planned
        timed = s.hold_planned and s.hold_done is not None  # not a pause within a rep
        hold = not timed or s.hold_done >= s.hold_planned * HOLD_DONE_SHARE
        return s.completed and reps and hold

    return ItemSession(
        day=record.started_at.date(),
        pain_before=record.pain_before,
        pain_after=record.pain_after,
        effort=record.effort,
        all_sets_done=all(done(s) for s in _sets_of(record, dose.exercise)),
    )


def _nothing_to_offer(advice: Advice) -> str:
    if advice == Advice.PROGRESS:
        return "This item is at the top of what the rules advise: keep it, or choose a new move."
    return (
        "This item is already at its lightest: talk with the client about leaving it out until "
        "the pain settles, and about seeing a professional if it does not."
    )


def _step(advice, routine, index, dose, library, ladders) -> tuple[RoutineItem | None, str]:
    """The one change the advice asks for, as (new item, words); (None, "") when none fits.

    Up: more reps or a longer hold, then the harder variation, then a set. Down: the easier
    variation, then fewer reps or a shorter hold, then a set fewer.
    """
    if advice in (Advice.KEEP, Advice.STOP):
        return None, ""
    up = advice == Advice.PROGRESS
    item = routine.items[index]
    field = "reps" if dose.dosing == "reps" else "hold_seconds"
    value = dose.reps if field == "reps" else dose.hold_seconds
    step = REPS_STEP if field == "reps" else HOLD_STEP
    ceiling = progress_ceiling(library.exercises.at[dose.exercise, "category"], dose.dosing)
    target = min(value + step, ceiling) if up else value - step
    by_dose = None
    if (value < ceiling) if up else (target >= LEAST_WHEN_EASING[field]):
        by_dose = (replace(item, **{field: target}), _words(dose, field, value, target))
    neighbours = ladders.harder(dose.exercise) if up else ladders.easier(dose.exercise)
    by_variation = (
        _variation(item, dose, neighbours[0], library, ladders, up) if neighbours else None
    )
    sets = dose.sets + 1 if up else dose.sets - 1
    by_set = None
    if (sets <= MOST_SETS) if up else (sets >= DOSE_LIMITS["sets"][0]):
        by_set = (replace(item, sets=sets), f"{dose.name}: {dose.sets} → {sets} sets")
    order = (by_dose, by_variation, by_set) if up else (by_variation, by_dose, by_set)
    for proposed, words in filter(None, order):
        if _allowed(routine, index, proposed, library):
            return proposed, words
    return None, ""


def _variation(item, dose, other, library, ladders, up) -> tuple[RoutineItem, str]:
    """The item switched to a neighbour on its ladder, at that exercise's own dose."""
    name = library.exercises.at[other, "name"]
    proposed = RoutineItem(other, rest_after_seconds=item.rest_after_seconds, note=item.note)
    if not up:
        return proposed, f"{dose.name} → {name}, the easier variation"
    how = ladders.change(dose.exercise, other).lower()
    return proposed, f"{dose.name} → {name}, the harder variation ({how})"


def _words(dose: Dose, field: str, old: int, new: int) -> str:
    if field == "reps":
        return f"{dose.name}: {old} → {new} reps"
    return f"{dose.name}: hold {old} s → {new} s"


def _allowed(routine: Routine, index: int, proposed: RoutineItem, library: Library) -> bool:
    """Within the dose limits, fitting the exercise, and with no advice against the dose."""
    items = list(routine.items)
    items[index] = proposed
    try:
        dose = check_routine(replace(routine, items=tuple(items)), library).doses[index]
    except RoutineError:
        return False
    exercise = library.exercises.loc[dose.exercise]
    facts = DoseFacts(dose.name, exercise["category"], dose.dosing, dose.reps, dose.hold_seconds)
    return not dose_advice(facts)


def accept(
    suggestion: Suggestion,
    path: str | os.PathLike,
    library: Library,
    *,
    proposed: RoutineItem | None = None,
    reason: str | None = None,
    when: datetime | None = None,
    store=None,
) -> Version:
    """Write the suggested change (or the coach's edit of it) as a new version at ``path``.

    Refused, with nothing written, when the suggestion is to stop and see a professional
    (see :func:`refusal`), when the routine file has changed since the suggestion was made,
    or when the edited item does not fit the tables. Other items may have changed: each
    accepted suggestion is its own version. An edit carries ``reason``, the coach's own
    words, or none: never the suggestion's reason for a dose it did not propose. With
    ``store`` (the session log), the new version is kept there too, where the client's page
    finds it on a shared hub.
    """
    refused = refusal(suggestion)
    if refused:
        raise RoutineError(refused)
    path = Path(path)
    current = load_routine(path) if path.exists() else suggestion.routine
    index = suggestion.index
    if index >= len(current.items) or current.items[index] != suggestion.item:
        raise RoutineError(
            f"{path.name}: item {index + 1} has changed since this suggestion was made; "
            "nothing was saved. Look at the suggestions again."
        )
    proposed = proposed or suggestion.proposed
    change, why = suggestion.change, suggestion.reason
    if proposed != suggestion.proposed:
        change, why = _edit_words(suggestion, proposed, current, library), (reason or "").strip()
    items = list(current.items)
    items[index] = proposed
    # A copy of a shared routine becomes the client's own, so their page lists it.
    owner = current.client or suggestion.client
    routine = replace(current, items=tuple(items), client=owner)
    version = save_version(
        path,
        routine,
        change=change,
        reason=why,
        sessions=suggestion.sessions,
        made_from=current,
        library=library,
        when=when,
    )
    if store is not None:
        try:
            store.send_routine(routine, version)
        except StoreError as error:
            raise RoutineError(
                f"Saved as version {version.number} of {path.name}, but the session log could "
                f"not keep it, so the client's page does not show it yet. {error}"
            ) from None
    return version


def _edit_words(suggestion: Suggestion, proposed, current: Routine, library: Library) -> str:
    """What the coach's own edit changes, in words; refused when it changes nothing."""
    index = suggestion.index
    if dose_of(proposed, current, index, library) == dose_of(
        suggestion.item, current, index, library
    ):
        raise RoutineError(
            "That is the dose the routine has now, so there is nothing to save: change the "
            "exercise or a number first."
        )
    words = f"{_item_words(suggestion.item, library)} → {_item_words(proposed, library)}"
    return f"{words} (the coach's own change)"


def dose_of(item: RoutineItem, routine: Routine, index: int, library: Library) -> dict:
    """The dose ``item`` sets at ``index`` of ``routine``, with the exercise's defaults filled
    in: exercise, sets, reps and hold seconds (None where the exercise has none)."""
    items = list(routine.items)
    items[index] = item
    dose = check_routine(replace(routine, items=tuple(items)), library).doses[index]
    return {
        "exercise": dose.exercise,
        "sets": dose.sets,
        "reps": dose.reps,
        "hold_seconds": dose.hold_seconds,
    }


def refusal(suggestion: Suggestion) -> str:
    """Why ``suggestion`` can't be accepted or edited as a change, in words; empty when it can."""
    return NOT_A_CHANGE if suggestion.advice == Advice.STOP else ""


def _item_words(item: RoutineItem, library: Library) -> str:
    """An item in words, with the dose it sets: "Plank 3 sets 35 s hold"."""
    name = library.exercises.at[library.exercise_id(item.exercise), "name"]
    shown = {"sets": "{} sets", "reps": "{} reps", "hold_seconds": "{} s hold"}
    parts = [form.format(getattr(item, f)) for f, form in shown.items() if getattr(item, f)]
    return " ".join([name, *parts])


def suggestions_frame(suggestions: Sequence[Suggestion], library: Library):
    """The suggestions as a table to read: client, item, advice, change, reason, sessions."""
    import pandas as pd

    names = library.exercises["name"]
    rows = [
        {
            "client": s.client,
            "item": f"{s.index + 1}. {names[library.exercise_id(s.item.exercise)]}",
            "advice": s.advice.value,
            "change": s.change or "no change",
            "reason": s.reason,
            "sessions": ", ".join(f"{d.day} {d:%b}" for d in s.sessions),
        }
        for s in suggestions
    ]
    columns = ["client", "item", "advice", "change", "reason", "sessions"]
    return pd.DataFrame(rows, columns=columns).astype("string")
