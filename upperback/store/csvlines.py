"""A CSV file's lines as the reader takes them: decoded, and kept for the row being read,
so a row the reader gives up on (a cell too long to hold) can be named by its column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

__all__ = ["RowLines", "Unreadable", "long_cell", "text_lines"]


class Unreadable(Exception):
    """A line that cannot be read as text: which (``line``), why and what to do instead."""

    def __init__(self, line: int, text: str, allowed: str):
        self.line, self.text, self.allowed = line, text, allowed


def text_lines(handle: BinaryIO) -> Iterator[str]:
    """The file's lines as text; a byte that is not UTF-8 is named by its line."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield (raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw).decode("utf-8")
        except UnicodeDecodeError as error:
            text = f"byte {error.start + 1} of this line is not UTF-8 text"
            allowed = "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
            raise Unreadable(number, text, allowed) from None


class RowLines:
    """Lines for ``csv.reader``, keeping those of the row it is reading in ``current``."""

    def __init__(self, lines: Iterable[str]):
        self._lines = iter(lines)
        self.current: list[str] = []

    def __iter__(self) -> RowLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.current.append(line)
        return line

    def rows(self, reader) -> Iterator[list[str]]:
        """The reader's rows; after each, ``current`` starts afresh."""
        for row in reader:
            yield row
            self.current = []


def long_cell(text: str, limit: int) -> int | None:
    """The place (from 0) of the first cell of a CSV row longer than ``limit``, if any.

    Examples
    --------
    >>> long_cell('a,"b,,b",' + "x" * 9, 5)
    2
    """
    place, length, quoted = 0, 0, False
    for character in text:
        if character == '"':
            quoted = not quoted  # a doubled quote inside a cell toggles twice
            continue
        if character == "," and not quoted:
            place, length = place + 1, 0
            continue
        length += 1
        if length > limit:
            return place
    return None
