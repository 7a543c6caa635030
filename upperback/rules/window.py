"""The sessions next week's advice looks at for one routine item, and how they are said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from upperback.rules.pain import known
from upperback.rules.scales import BORG_CR10


@dataclass(frozen=True)
class ItemSession:
    """One session as the rules see it for one routine item."""

    day: date
    pain_before: int | None
    pain_after: int | None
    effort: float | None
    all_sets_done: bool  # every set of the item completed as planned


@dataclass(frozen=True)
class Window:
    """What a row of the table may look at: an item's recent sessions (oldest first), the
    client's sessions planned and done in the last two weeks, and whether a warning sign is
    waiting for a professional's all-clear."""

    sessions: tuple[ItemSession, ...]
    planned: int
    done: int
    warning_sign: bool = False

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(s.day for s in self.sessions)


def scores(s: ItemSession) -> list[int]:
    """The pain scores a session has: before, after, either or neither."""
    return [p for p in (s.pain_before, s.pain_after) if known(p)]


def logged_in_full(s: ItemSession) -> bool:
    """Whether a session has its pain before and after and its effort."""
    return known(s.pain_before) and known(s.pain_after) and known(s.effort)


def peaks(window: Window, at_least: int) -> list[tuple[date, str]]:
    """The sessions whose pain reached ``at_least``, with the highest score in words."""
    return [
        (s.day, f"{max(scores(s))} of 10")
        for s in window.sessions
        if scores(s) and max(scores(s)) >= at_least
    ]


def on_days(found: list[tuple[date, str]]) -> str:
    """ "6 of 10 on 12 Nov and 5 of 10 on 14 Nov" """
    return " and ".join(f"{what} on {day_words(day)}" for day, what in found)


def days_of(found: list[tuple[date, str]]) -> tuple[date, ...]:
    return tuple(sorted({day for day, _ in found}))


def days_words(days) -> str:
    """The days once each, in order: "12 Nov and 14 Nov"."""
    return " and ".join(dict.fromkeys(map(day_words, days)))


def day_words(day: date) -> str:
    return f"{day.day} {day:%b}"


def effort_words(effort: float) -> str:
    shown = f"{effort:g}"
    return f"{shown} ({BORG_CR10[effort]})" if effort in BORG_CR10 else shown
