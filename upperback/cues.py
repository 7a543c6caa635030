"""Which cues belong to which move: the quiz asks a cue only when its move is the one answer.

A cue fits another move when that move has the same or a like cue, or has what the cue
speaks of (another side, a hold, a next rep); a move's variations (the ladders' steps, or a
name holding another's) share its cues, so they are never offered against it.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from upperback.ladders import load_ladders

__all__ = ["cannot_own", "cue_is_askable", "variations"]

_ladders = cache(lambda: load_ladders(user=False))

_STOP = {
    *("a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it"),
    *("its", "of", "on", "or", "so", "that", "the", "then", "this", "to", "up", "you", "your"),
}
# Ideas a cue can share with a move without sharing its words, and how the table shows that a
# move has them anyway (a one-sided move has another side, a counted move goes again).
CUE_IDEAS = {
    "sides": (
        r"\b(other|both|each|change|switch|swap)( the)? sides?\b|\bswitch\b|\bswap\b",
        lambda move: move["laterality"] != "bilateral",
    ),
    "again": (r"\bagain\b|\brepeat\b|\bnext rep\b", lambda move: move["dosing"] == "reps"),
    "hold": (r"\bhold\b|\bpause\b", lambda move: pd.notna(move["hold_seconds"])),
    "breath": (r"\bbreath", lambda move: True),
}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]


def _same_word(a: str, b: str) -> bool:
    """The same word, or one a form of the other (push / pushing, opener / openers)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _names_its_move(cue: str, move: pd.Series) -> bool:
    """True when the cue gives its move away by a word of the move's name or aliases."""
    name_words = {w for n in (move["name"], *move["aliases"]) for w in _words(n)}
    return any(_same_word(w, n) for w in _words(cue) for n in name_words)


def _alike(cue: str, other: str) -> bool:
    """Two cues sharing half their words or more say the same thing."""
    a, b = set(_words(cue)), set(_words(other))
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _fits(cue: str, move: pd.Series) -> bool:
    """Could this cue be defended as one of ``move``'s cues?"""
    if any(cue.casefold() == c.casefold() or _alike(cue, c) for c in move["cues"]):
        return True
    for pattern, has_it in CUE_IDEAS.values():
        if re.search(pattern, cue, re.I) and (
            has_it(move) or any(re.search(pattern, c, re.I) for c in move["cues"])
        ):
            return True
    return False


def cue_is_askable(cue: str, move: str, moves: pd.DataFrame) -> bool:
    """A cue may be asked when it does not name its move and three other moves cannot own it.

    Examples
    --------
    >>> from upperback.queries import Library
    >>> moves = Library.load(user=False).exercises.query("category == 'mobility'")
    >>> cue_is_askable("Put one hand behind your head", "can-openers", moves)
    True
    >>> cue_is_askable("Work the other side as well so both sides stay even", "can-openers",
    ...                moves)
    False
    """
    if _names_its_move(cue, moves.loc[move]):
        return False
    return len(cannot_own(cue, move, moves)) >= 3


def cannot_own(cue: str, move: str, moves: pd.DataFrame) -> list[str]:
    """The moves, other than ``move`` and its variations, that the cue cannot be from."""
    kin = variations(move, moves)
    return [m for m in moves.index if m != move and m not in kin and not _fits(cue, moves.loc[m])]


def variations(move: str, exercises: pd.DataFrame) -> set[str]:
    """The moves that are easier or harder versions of ``move``: they share its cues.

    A step of the ladders links two variations, and so does a name that holds another's
    ("Rhomboid push-up from the knees" and "Rhomboid push-up"), for a coach's own moves.

    Examples
    --------
    >>> from upperback.queries import Library
    >>> exercises = Library.load(user=False).exercises
    >>> sorted(variations("rhomboid-push-up", exercises))
    ['knee-rhomboid-push-up']
    """
    steps = _ladders().index
    linked = {e for pair in steps if move in pair for e in pair}
    name = exercises.at[move, "name"].casefold()
    for other, other_name in exercises["name"].items():
        if name in other_name.casefold() or other_name.casefold() in name:
            linked.add(other)
    return (linked & set(exercises.index)) - {move}
