"""The complaint the readers of :mod:`govinfo.zh` raise inside, before it is located.

A located error counts lines from the start of its text and renders a caret excerpt: right
for the one error a public function lets out, but quadratic when a scanner such as
:func:`govinfo.zh.dates.find_dates` tries thousands of candidates and discards the failures.
So the machinery raises a :class:`Fault`, a message and a position with nothing computed, and
each public function turns the one that reaches it into its own located error.
"""

from __future__ import annotations

from typing import TypeVar

from govinfo.errors import LocatedError

__all__ = ["Fault"]

_Located = TypeVar("_Located", bound=LocatedError)


class Fault(Exception):
    """Not a date, number, marker or amount at ``position`` (an index into the text read)."""

    def __init__(self, message: str, position: int, length: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.length = length

    def locate(self, kind: type[_Located], source: str) -> _Located:
        """The located error of ``kind`` for this fault in ``source``, the text that was read."""
        return kind(self.message, source, self.position, self.length)
