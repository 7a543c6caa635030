"""One person, one name: the form a person's name is shown in, and the key it is matched by.

Every door a name comes in by (the profile, the session log, routine files, the command
line, the hub) goes through :func:`person_name`, so "Sam", " sam " and "SAM" are one
person, and so are the two ways Unicode can spell "Zoë". A name that could show one thing
and be another is refused: line breaks and other control characters, marks that turn the
writing direction around, characters that take no space, and the byte-order mark.

Files named after a person use :func:`file_stem`, which differs for any two people.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from upperback.rules.limits import TEXT_LIMITS

__all__ = [
    "LONGEST_NAME",
    "PersonName",
    "PersonNameError",
    "file_stem",
    "match_name",
    "matching_key",
    "name_problem",
    "person_name",
]

LONGEST_NAME = TEXT_LIMITS["client"]
HASH_LENGTH = 8  # hex digits of the key's SHA-256 in a file name
# What people would call the invisible characters a name may not hold.
REFUSED = {
    "\n": "a line break",
    "\r": "a line break",
    "\v": "a line break",
    "\f": "a line break",
    "\x85": "a line break",
    "\u2028": "a line break",
    "\u2029": "a line break (a paragraph separator)",
    "\t": "a tab",
    "\u200b": "an invisible space (the zero-width space)",
    "\u200c": "an invisible joiner (the zero-width non-joiner)",
    "\u200d": "an invisible joiner (the zero-width joiner)",
    "\u2060": "an invisible joiner (the word joiner)",
    "\ufeff": "an invisible mark (the byte-order mark)",
    "\u200e": "a hidden writing-direction mark",
    "\u200f": "a hidden writing-direction mark",
    "\u061c": "a hidden writing-direction mark",
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e", "a hidden writing-direction change"),
    **dict.fromkeys("\u2066\u2067\u2068\u2069", "a hidden writing-direction change"),
}


class PersonNameError(ValueError):
    """A name that cannot be a person's; the message says why, as a person would."""


@dataclass(frozen=True)
class PersonName:
    """A person's name as shown, and the key that finds them.

    Attributes
    ----------
    shown : str
        Trimmed, inner spaces one each, in Unicode's composed form (NFC).
    key : str
        ``shown`` with letter case folded away: two names are one person when their keys
        are equal.
    """

    shown: str
    key: str


def person_name(typed: object) -> PersonName:
    """The name a person typed, ready to keep and to match; or why it cannot be one.

    Parameters
    ----------
    typed : str
        The name as it came in.

    Raises
    ------
    PersonNameError
        For an empty name, one longer than :data:`LONGEST_NAME` characters, or one holding
        a line break, a tab or another control character, a hidden writing-direction
        mark, an invisible space or joiner, or a byte-order mark.

    Examples
    --------
    >>> person_name("  Zoe   MARTIN ")
    PersonName(shown='Zoe MARTIN', key='zoe martin')
    >>> person_name("Sam\\nRobin")
    Traceback (most recent call last):
    ...
    upperback.person_names.PersonNameError: A name can't contain a line break: 'Sam Robin'.
    """
    if not isinstance(typed, str) or not typed.strip():
        raise PersonNameError("Type a name first: a name of at least one letter.")
    for character in typed:
        what = _refused(character)
        if what:
            shown = "".join(" " if _refused(c) else c for c in typed).strip()
            raise PersonNameError(f"A name can't contain {what}: '{' '.join(shown.split())}'.")
    shown = _shown(typed)
    if len(shown) > LONGEST_NAME:
        raise PersonNameError(
            f"A name can have up to {LONGEST_NAME} characters; this one has {len(shown)}. "
            "Try a shorter one."
        )
    return PersonName(shown, _key(shown))


def name_problem(typed: object) -> str | None:
    """Why ``typed`` cannot be a person's name, in words without a capital; None when it can.

    Examples
    --------
    >>> name_problem("Sam"), name_problem("Sam\u202e")
    (None, "a name can't contain a hidden writing-direction change: 'Sam'")
    """
    try:
        person_name(typed)
    except PersonNameError as error:
        text = str(error).removesuffix(".")
        return text[:1].lower() + text[1:]
    return None


def matching_key(text: str) -> str:
    """The key a stored or typed name is looked up by; never refuses.

    Equal to ``person_name(text).key`` for every name :func:`person_name` accepts. A
    name kept before names were checked is matched as though its invisible characters
    were not there and its line breaks were spaces, so it meets its clean spelling.

    Examples
    --------
    >>> matching_key("Kim\\u200b") == matching_key(" KIM ")
    True
    """
    cleaned = "".join(_loosely(c) for c in text)
    return _key(_shown(cleaned))


def match_name(typed: str, known: Iterable[str]) -> str | None:
    """The known name a person meant: the one with the same key (letter case, spaces and
    Unicode's two spellings aside).

    Returns None when no known name is the same; :func:`upperback.names.name_problem` then
    says what to type instead. Nothing is guessed: "Sm" is not taken for "Sam".

    Examples
    --------
    >>> match_name("  sam ", ["Ana", "Sam"]), match_name("Sm", ["Ana", "Sam"])
    ('Sam', None)
    """
    wanted = matching_key(typed)
    return next((name for name in known if matching_key(name) == wanted), None)


def file_stem(name: str) -> str:
    """A file-name part for a person: readable ASCII, then a short hash of their key.

    Two spellings of one person give one stem; two people never share one (the hash
    differs even when the readable part is the same, as for "O'Neil" and "o neil", or is
    empty, as for names in a script without Latin letters).

    Examples
    --------
    >>> file_stem("Mary Jo O'Neil") == file_stem("  mary jo o'neil")
    True
    >>> file_stem("Mary Jo O'Neil").startswith("mary-jo-o-neil-")
    True
    >>> file_stem("Zoë")[:4], file_stem("日本")[:7]
    ('zoe-', 'client-')
    """
    key = matching_key(name)
    ascii_only = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_only).split())[:40]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return f"{slug.strip('-') or 'client'}-{digest}"


def _refused(character: str) -> str:
    """What people would call ``character`` when a name may not hold it, else ""."""
    if character in REFUSED:
        return REFUSED[character]
    category = unicodedata.category(character)
    if category == "Cc":
        return "a control character"
    if category == "Cf":
        return "an invisible formatting character"
    if category == "Cs":
        return "a broken character (half of a pair)"
    return ""


def _loosely(character: str) -> str:
    """How a stored name's character is matched: spaces for breaks, nothing for the unseen."""
    what = _refused(character)
    if not what:
        return character
    return " " if "line break" in what or "tab" in what or "control" in what else ""


def _shown(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _key(shown: str) -> str:
    # Folding case can undo the composed form ("ǰ"), so compose again.
    return unicodedata.normalize("NFC", shown.casefold())
