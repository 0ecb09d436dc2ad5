"""The errors govinfo raises for bad input.

Every public function raises only :class:`GovInfoError` subclasses for input it cannot accept,
whatever the input's type. Each error locates the problem: text errors carry a 1-based line and
column and show the line with a caret under the bad span; JSON errors name every bad place as a
path such as ``$.requests.new_received.natural_person``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from unicodedata import east_asian_width

if TYPE_CHECKING:
    from govinfo.sources import Source, TextSource

__all__ = [
    "EXCERPT_WIDTH",
    "CheckError",
    "GovInfoError",
    "InvalidAmount",
    "InvalidDate",
    "InvalidEnumerator",
    "InvalidNumeral",
    "JSONError",
    "LocatedError",
    "ModelError",
    "ReadError",
    "SeveralReports",
    "TextRenderError",
    "TextSyntaxError",
    "UndecodableInput",
    "UnknownKey",
    "UnsupportedInput",
    "caret_excerpt",
    "short_repr",
]


class GovInfoError(ValueError):
    """The root of every error govinfo raises for input it cannot accept."""


class ModelError(GovInfoError):
    """A report value was built from parts that do not fit the template (wrong type, shape)."""


class UnknownKey(GovInfoError, KeyError):
    """A row, column, block or section key that the template does not declare."""

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0]) if self.args else ""


class JSONError(GovInfoError):
    """JSON that is not a govinfo report; ``problems``: one ``(path, message)`` per bad place."""

    def __init__(self, problems: tuple[tuple[str, str], ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{path}: {message}" for path, message in problems))

    def __reduce__(self) -> tuple[Any, ...]:  # pickle calls the constructor with its arguments
        return type(self), (self.problems,), self.__dict__


def short_repr(value: object) -> str:
    """``repr(value)`` cut to 80 characters, for the source line of a wrong-type error.

    Never raises: ``repr`` of an int with more than 4300 digits does, for instance.
    """
    try:
        shown = repr(value)
    except Exception:
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= 80 else shown[:77] + "..."


EXCERPT_WIDTH = 80
"""The most characters of a line that an excerpt shows; a longer line is cut around the span."""


def caret_excerpt(source: str, position: int, length: int = 1) -> str:
    """The line of ``source`` holding ``position``, and a caret line under the span.

    Full-width characters take two columns in a terminal, so the caret line pads them with
    two spaces to stay under the right character.

    >>> print(caret_excerpt("一百零", 2))
    一百零
        ^^

    A line longer than :data:`EXCERPT_WIDTH` characters shows only that many around the
    span, with … where it is cut (a whole report on one line, extracted from a PDF):

    >>> print(caret_excerpt("1" * 100 + "x" + "2" * 100, 100))
    …111111111111111111111111111111111111111x2222222222222222222222222222222222222222…
                                            ^
    """
    # The line's ends are looked for only a window's width away, so an excerpt of a huge line
    # costs no more than a short one; an end not found so near is a cut.
    window = EXCERPT_WIDTH + max(length, 1)
    back = source.rfind("\n", max(0, position - window), position)
    start = back + 1 if back != -1 else max(0, position - window)
    whole_start = back != -1 or start == 0
    ahead = source.find("\n", position, position + window)
    end = ahead if ahead != -1 else min(len(source), position + window)
    whole_end = ahead != -1 or end == len(source)
    left = "" if whole_start else "…"
    right = "" if whole_end else "…"
    if end - start > EXCERPT_WIDTH:
        # Keep the window's start at or before the span, and as much of the span as fits.
        shown = min(max(length, 1), EXCERPT_WIDTH // 2)
        cut = max(start, min(position - (EXCERPT_WIDTH - shown) // 2, end - EXCERPT_WIDTH))
        if cut > start:
            start, left = cut, "…"
        if end - start > EXCERPT_WIDTH:
            end, right = start + EXCERPT_WIDTH, "…"
    line = source[start:end]
    column = position - start
    pad = "".join(_cell_width(ch) * " " for ch in left + line[:column])
    span = line[column : column + max(length, 1)] or " "
    return f"{left}{line}{right}\n{pad}{'^' * sum(_cell_width(ch) for ch in span)}"


def _cell_width(ch: str) -> int:
    return 2 if east_asian_width(ch) in "WF" else 1


class LocatedError(GovInfoError):
    """An error at a place in a string: 1-based ``line`` and ``column``, with a caret excerpt."""

    def __init__(
        self,
        message: str,
        source: str,
        position: int,
        length: int = 1,
        *,
        at: tuple[int, int] | None = None,
    ) -> None:
        """``at``: the line and column of ``position`` when the caller knows them already (a
        reader that reports many places counts lines once, not once per error)."""
        self.reason = message
        self.source = source
        self.position = position
        self.length = length
        if at is None:
            self.line = source.count("\n", 0, position) + 1
            self.column = position - (source.rfind("\n", 0, position) + 1) + 1
        else:
            self.line, self.column = at
        super().__init__(
            f"{message} (line {self.line}, column {self.column})\n"
            f"{caret_excerpt(source, position, length)}"
        )

    def __reduce__(self) -> tuple[Any, ...]:  # pickle calls the constructor with its arguments
        return type(self), (self.reason, self.source, self.position, self.length), self.__dict__

    @property
    def span(self) -> TextSource:
        """The place as a source: offset, length, line and column, and the text there."""
        from govinfo.sources import TextSource

        text = self.source[self.position : self.position + self.length]
        return TextSource(
            offset=self.position, length=len(text), line=self.line, column=self.column, text=text
        )

    @property
    def excerpt(self) -> str:
        """The line with a caret under the span."""
        return str(self).split("\n", 1)[1]


class ReadError(GovInfoError):
    """Input that cannot be read as a report, at a place of any kind: ``reason`` and ``source``
    (None for the input as a whole). Rendered ``reason (where)``, like every located error."""

    def __init__(self, reason: str, source: Source | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{reason} ({source})" if source is not None else reason)

    def __reduce__(self) -> tuple[Any, ...]:  # pickle calls the constructor with its arguments
        return type(self), (self.reason, self.source), self.__dict__


class TextSyntaxError(LocatedError):
    """Report text that cannot be read as the template: names the line, column and span."""


class SeveralReports(ReadError):
    """An input that holds more than one report; ``starts``: where each begins. Read them
    with :func:`govinfo.read_all`."""

    def __init__(self, starts: tuple[Source, ...]) -> None:
        self.starts = starts
        where = "; ".join(str(s) for s in starts)
        super().__init__(
            f"expected one report, found {len(starts)}, beginning at: {where}; "
            "read them with govinfo.read_all"
        )

    def __reduce__(self) -> tuple[Any, ...]:  # pickle calls the constructor with its arguments
        return type(self), (self.starts,), self.__dict__


class UnsupportedInput(ReadError):
    """An input of a kind govinfo recognises but cannot read (yet, or without an extra)."""


class TextRenderError(GovInfoError):
    """A report that the canonical text form cannot carry so that it reads back the same."""


class InvalidNumeral(LocatedError):
    """A string that is not a well-formed number (Chinese or Arabic)."""


class InvalidDate(LocatedError):
    """A string that is not a well-formed or possible date."""


class InvalidEnumerator(LocatedError):
    """A string that is not a section or item marker such as （一） or 第二十条第（五）项."""


class InvalidAmount(LocatedError):
    """A string that is not an amount of money such as 299.8145万元."""


class CheckError(GovInfoError):
    """Reports that cannot be checked or combined together (not a report, different template
    versions or years)."""


class UndecodableInput(GovInfoError):
    """A file whose bytes are not report text in UTF-8 or GBK (binary data, another encoding).

    ``name`` is the file as the user gave it; ``reason`` says what was found and where.
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:  # pickle calls the constructor with its arguments
        return type(self), (self.name, self.reason), self.__dict__
