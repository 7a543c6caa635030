"""Find a row by what a person calls it, and suggest the closest names when nothing fits."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

__all__ = ["UnknownName", "did_you_mean", "name_problem", "resolve"]


class UnknownName(LookupError):
    """A name that matches no exercise or muscle; the message suggests the closest ones."""


def did_you_mean(word: str, choices: Iterable[str], *, n: int = 3) -> str:
    """Return "; did you mean 'a' or 'b'?" for the closest choices, or "" when none is close.

    Examples
    --------
    >>> did_you_mean("can-opener", ["can-openers", "wall-splat"])
    "; did you mean 'can-openers'?"
    """
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=n, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{folded[c]}'" for c in close) + "?"


def name_problem(typed: str, known: Iterable[str], *, kind: str = "client") -> str:
    """Why ``typed`` matches none of ``known``, with the closest names when some are close.

    :func:`upperback.person_names.match_name` finds the name when one fits.

    Examples
    --------
    >>> name_problem("Sm", ["Ana", "Sam"])
    "No client is called 'Sm'; did you mean 'Sam'?"
    >>> name_problem("Zed", [])
    "No client is called 'Zed'; none is in the log yet."
    """
    known = list(known)
    hint = did_you_mean(typed.strip(), known) if known else "; none is in the log yet."
    if not hint:
        shown = ", ".join(known[:5]) + (" …" if len(known) > 5 else "")
        hint = f"; the {kind}s are {shown}."
    return f"No {kind} is called '{typed.strip()}'{hint}"


def resolve(name: str, table: pd.DataFrame, *, kind: str) -> str:
    """Return the id of the row whose id, name or alias is ``name`` (any letter case).

    Parameters
    ----------
    name : str
        An id (``"can-openers"``), a name (``"Can openers"``) or an alias.
    table : pandas.DataFrame
        Indexed by id, with a ``name`` column and optionally ``aliases``.
    kind : str
        What a row is ("exercise", "muscle"), for the error message.

    Raises
    ------
    UnknownName
        When nothing matches, naming the closest ids and names.
    """
    wanted = name.strip().casefold()
    for row_id, row_name in table["name"].items():
        if wanted in (row_id.casefold(), row_name.casefold()):
            return row_id
    if "aliases" in table:
        for row_id, aliases in table["aliases"].items():
            if any(wanted == alias.casefold() for alias in aliases):
                return row_id
    # Every way of naming a row points back to its id; suggest each close row once.
    owner = {row_id: row_id for row_id in table.index}
    owner.update({row_name: row_id for row_id, row_name in table["name"].items()})
    if "aliases" in table:
        owner.update({a: row_id for row_id, aliases in table["aliases"].items() for a in aliases})
    folded = {spelling.casefold(): row_id for spelling, row_id in owner.items()}
    close = difflib.get_close_matches(wanted, list(folded), n=6, cutoff=0.6)
    stem = wanted.rstrip("s")  # "rows" finds every kind of row
    if len(stem) >= 3:
        close += [spelling for spelling in folded if stem in spelling]
    rows = list(dict.fromkeys(folded[c] for c in close))[:4]
    hint = " or ".join(f"'{table.at[r, 'name']}' ({r})" for r in rows)
    suggestion = f"; did you mean {hint}?" if hint else ""
    raise UnknownName(f"'{name}' is not {_article(kind)} {kind}{suggestion}")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
