"""What a reading returns: the report, the diagnostics, the sources, and how the input was read."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.formats._assemble import Places
from govinfo.formats._decode import Kind
from govinfo.model import Report, unread_cells
from govinfo.sources import Source

__all__ = ["InputInfo", "ReadResult"]


@frozen(kw_only=True)
class InputInfo:
    """How an input was read: its ``kind``, the ``encoding`` its bytes were decoded with (None
    for a ``str`` and a binary format) and ``reason``, why that one (for a binary format, how
    it was read when not directly: a .doc converted by LibreOffice)."""

    kind: Kind
    encoding: str | None = None
    reason: str = ""
    guessed: bool = False
    """Whether the encoding was only guessed (the reading then has a warning saying so)."""
    name: str | None = None
    """The path the input was read from, if it was a path."""


@frozen(kw_only=True)
class ReadResult:
    """A reading: the report, every diagnostic (errors first stand for unread cells), and, off
    the record of equality, how the input was read and where each value was read.

    Two readings are equal when they found the same report and said the same things.
    """

    report: Report
    diagnostics: tuple[Diagnostic, ...] = ()
    input: InputInfo | None = field(default=None, eq=False)
    places: Places | None = field(default=None, eq=False, repr=False)

    @property
    def sources(self) -> Mapping[str, Source]:
        """Where each value was read, by JSON path: every cell (``$.requests.granted.total``),
        every paragraph (``$.preamble[0]``, ``$.overview.parts[1][0]``) and the metadata
        (``$.title``, ``$.agency``, ``$.year``, ``$.publication_date``). Worked out on each
        access: keep the mapping if you need it often."""
        return {} if self.places is None else self.places.sources(self.report)

    @property
    def unread(self) -> tuple[str, ...]:
        """The paths of the cells that could not be read."""
        return unread_cells(self.report)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error: what could not be read."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether everything was read: no error and no unread cell."""
        return not self.errors and not self.unread
