"""Where a value was read: one union of location kinds, each with a one-line canonical string.

A reading (:func:`govinfo.read`) maps every cell path, paragraph and metadata field of the
report to a :data:`Source`: the place in the input and the raw text read there. Sources are
kept beside the report, never inside it: a report is a value, and a changed copy must not carry
the places of numbers it no longer holds.

>>> source = TextSource(offset=40, length=3, line=5, column=1, text="446")
>>> str(source)
'line 5, column 1'
>>> str(CellSource(kind="html", table=2, row=4, column=3, text="0"))
'html table 2, row 4, cell 3'
>>> str(PageBoxSource(page=3, box=(72.0, 100.5, 96.0, 112.0), text="12"))
'page 3, box (72, 100.5, 96, 112)'

Every location kind renders the same way in messages: ``reason (where)``.
"""

from __future__ import annotations

from typing import TypeAlias

from attrs import frozen

__all__ = ["CellSource", "PageBoxSource", "Source", "TextSource"]


@frozen(kw_only=True)
class TextSource:
    """A span of a text: 0-based ``offset`` and ``length`` in the uniform text (line ends made
    LF, byte-order mark dropped), and the 1-based ``line`` and ``column`` an editor shows."""

    offset: int
    length: int
    line: int
    column: int
    text: str
    """The raw text read there, as printed."""

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}"


@frozen(kw_only=True)
class CellSource:
    """A cell of a table in a structured document (an HTML ``<td>``, a Word ``w:tc``): 1-based
    table, row and column (the slot in the expanded grid), and the raw text read there. A
    paragraph outside tables is table 0, its number the row (``html paragraph 12``)."""

    kind: str
    """The format: ``html``, ``docx`` …"""
    table: int
    row: int
    column: int
    text: str
    element: str = ""
    """Where the cell is in the file's own terms, when the format has them: for HTML an
    XPath of the element (``/html/body/div[1]/table[2]/tbody[1]/tr[5]/td[3]``)."""

    def __str__(self) -> str:
        if self.table == 0:  # a paragraph outside tables: its number is ``row``
            return f"{self.kind} paragraph {self.row}"
        return f"{self.kind} table {self.table}, row {self.row}, cell {self.column}"


@frozen(kw_only=True)
class PageBoxSource:
    """A box on a page of a PDF: 1-based ``page`` and ``box`` = (x0, top, x1, bottom) in points."""

    page: int
    box: tuple[float, float, float, float]
    text: str

    def __str__(self) -> str:
        shown = ", ".join(f"{v:g}" for v in self.box)
        return f"page {self.page}, box ({shown})"


Source: TypeAlias = TextSource | CellSource | PageBoxSource
"""Any location kind."""
