"""Documents of structured formats (HTML, Word): prose and tables in reading order, with the
tables' spans laid out once, for every such front-end.

A front-end hands a :class:`Builder` each paragraph of prose and each table as its rows, each
a :class:`RawRow` (its cells' texts, where each is in the file, which are header cells, and
their spans), and the builder makes the :class:`~govinfo.formats._document.CellDocument` the
assembler reads.

Tables are laid out the way the HTML table model does: each cell takes the first slot of its
row that no cell of a row above still covers, and covers ``columns`` slots to the right and
``rows`` rows down (a ``rows`` of 0, or one past the table, reaches to the table's last row;
``columns`` is at most :data:`MAX_COLUMNS`; a format with an explicit grid says where a row
starts further right, :attr:`RawRow.layouts`). Each row becomes one paragraph whose cells are
its printed cells in slot order, a cell spanning several slots once (a :class:`SpanCell` that says
how many), and, after the row's first printed cell, a *continued* cell for each slot that a
cell of a row above covers: the assembler decides what a span means for the template. Covered
slots before a row's first printed cell are the label columns beside it (a group label such as
三、本年度办理结果 printed once for many rows): they are not repeated.

A table that would lay out more than :data:`MAX_SLOTS` slots is not a report's table: it is an
error naming the table, so a page of huge spans costs no more than its size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from typing import Final, NamedTuple

from govinfo.errors import ReadError
from govinfo.formats._document import Cell, CellDocument, Paragraph, SpanCell

__all__ = [
    "MAX_COLUMNS",
    "MAX_SLOTS",
    "ONE",
    "SPACES",
    "Builder",
    "Element",
    "Lines",
    "RawRow",
    "collapse",
    "join_lines",
    "span_number",
]

MAX_COLUMNS: Final = 1000
"""The largest column span read (the HTML standard's limit); larger ones are clamped."""
MAX_SLOTS: Final = 100_000
"""The most slots a table may lay out (rows times columns); a report's largest has 280."""

_LEADING_DIGITS: Final = re.compile(r"\s*([0-9]+)")
SPACES: Final = re.compile(r"[ \t\n\r\f\xa0\u3000]+")
"""A run of whitespace (the no-break and the ideographic space too): one space in a cell."""


def span_number(value: str | None, *, zero: bool = False) -> int:
    """A span attribute read leniently, as browsers do: its leading digits after any
    whitespace (``"3px"`` is 3, ``" 22 "`` is 22); missing, empty or not a number is 1, and so
    is 0 unless ``zero`` (a ``rowspan`` of 0 means to the end of the table)."""
    if not value:
        return 1
    found = _LEADING_DIGITS.match(value)
    if found is None:
        return 1
    digits = found.group(1).lstrip("0")
    if not digits:
        return 0 if zero else 1
    return min(int(digits[:7]), 10**7)


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def join_lines(lines: list[str]) -> str:
    """Lines of one cell or paragraph as one text: no space between two Chinese characters,
    one space otherwise."""
    out = ""
    for line in lines:
        if out and not (_cjk(out[-1]) and _cjk(line[0])):
            out += " "
        out += line
    return out


def collapse(text: str) -> str:
    """``text`` with each run of whitespace (the no-break and the ideographic space too) one
    space, stripped."""
    if text.isalnum():  # most cells: a number, a word (no space can be in it)
        return text
    # Stripped first (the same: every character SPACES matches is whitespace to strip()),
    # then only a text with a space left inside needs the substitution, which costs ten times
    # these tests (most cells: a label, or a number beside a no-break space). A text with
    # none of SPACES is printable (the others are not) and has no " ".
    text = text.strip()
    if text.isalnum() or (" " not in text and text.isprintable()):
        return text
    return SPACES.sub(" ", text)


class Lines:
    """Text gathered into lines, as a structured format lays it out: runs of whitespace (the
    no-break and the ideographic space too) are one space, and a line is stripped."""

    __slots__ = ("done", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.done: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def end(self) -> None:
        if self.parts:
            line = collapse("".join(self.parts))
            self.parts = []
            if line:
                self.done.append(line)

    def take(self) -> list[str]:
        self.end()
        done, self.done = self.done, []
        return done


Element = tuple[str, ...]
"""Where a place is in its file, in parts joined only when asked (an XPath for HTML: the
table's path, shared by its cells, the row's and the cell's step)."""

_FIRST: Final = itemgetter(0)
ONE: Final = (1, 1, 0)
"""The layout of a cell that spans nothing and starts where the one before it ends."""


class RawRow(NamedTuple):
    """A table row as the front-end read it: its printed cells, in order, in parallel
    lists (a front-end reads hundreds of cells a page, and a row of plain cells, the common
    kind, is laid out in one step)."""

    texts: list[str]
    elements: list[Element]
    """Where each cell is in the file."""
    headers: list[bool] | None = None
    """Whether each cell is a header cell; None when none is."""
    layouts: list[tuple[int, int, int]] | None = None
    """Each cell's (rows, columns, before): its row span (1 or more, or 0 for "to the end of
    the table"), its column span, and the empty slots of the grid before it that no cell
    prints (Word's ``w:gridBefore``, a PDF cell right of a gap: it starts that many slots on,
    at most :data:`MAX_COLUMNS`). None when every cell's is :data:`ONE`."""


class Builder:
    """Collects a structured document's paragraphs and tables, in reading order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.paragraphs: list[Paragraph] = []
        self.places: list[tuple[int, int, int]] = []
        self.paths: list[Element] = []
        self.tables = 0
        self._prose = 0

    def place(self, table: int, row: int, column: int, element: Element) -> int:
        """A new place: its ``at``; ``element`` its path in the file, in parts."""
        self.places.append((table, row, column))
        self.paths.append(element)
        return len(self.places) - 1

    def prose(self, text: str, element: Element) -> Paragraph | None:
        """A paragraph outside tables (stripped; nothing if empty)."""
        text = text.strip()
        if not text:
            return None
        self._prose += 1
        paragraph = Paragraph(text, self.place(0, self._prose, 1, element))
        self.paragraphs.append(paragraph)
        return paragraph

    def table(self, rows: Sequence[RawRow]) -> None:
        """A table: its rows, in order. Raises :class:`ReadError` for a table of more than
        :data:`MAX_SLOTS` slots."""
        self.tables += 1
        number, count = self.tables, len(rows)
        places, paths = self.places, self.paths
        # Cells of rows above that still cover slots: (first slot, width, last row, cell).
        above: list[tuple[int, int, int, Cell]] = []
        slots = 0
        for r, (texts, elements, headers, layouts) in enumerate(rows):
            if above:
                above = [a for a in above if a[2] >= r]
                above.sort(key=_FIRST)
            base = len(places)
            if len(elements) != len(texts):  # a front-end's mistake: every place has its element
                raise ValueError(f"row {r + 1}: {len(texts)} cells, {len(elements)} elements")
            paths.extend(elements)
            if layouts is None and not above:  # most rows: plain cells side by side
                width = len(texts)
                places.extend([(number, r + 1, c) for c in range(1, width + 1)])
                if headers is None:
                    cells = [Cell(t, base + i, True) for i, t in enumerate(texts)]
                else:
                    cells = [
                        Cell(t, base + i, True, h)
                        for i, (t, h) in enumerate(zip(texts, headers, strict=True))
                    ]
                slots += width
            else:
                cells, width = self._laid(r, count, texts, headers, layouts, above)
                slots += width
            if slots > MAX_SLOTS:
                raise ReadError(
                    f"{self.kind} table {number} spans more than {MAX_SLOTS:,} cells by its "
                    f"row {r + 1}: not a report's table"
                )
            if not cells:
                continue  # a row wholly covered from above: nothing printed in it
            text = " ".join([c.text for c in cells if c.text])
            if text:  # a row of empty cells separates, as a blank line does
                self.paragraphs.append(Paragraph(text, cells[0].at, cells))

    def _laid(
        self,
        r: int,
        count: int,
        texts: list[str],
        headers: list[bool] | None,
        layouts: list[tuple[int, int, int]] | None,
        above: list[tuple[int, int, int, Cell]],
    ) -> tuple[list[Cell], int]:
        """Row ``r`` of a table of ``count`` rows laid out with its spans and the cells above
        that cover slots of it (``above``, sorted by slot, to which its own cells that reach
        further down are added): its cells, and how many slots wide it is."""
        places, number, row = self.places, self.tables, r + 1
        covering = len(above)
        cells: list[Cell] = []
        starts: list[int] = []  # the slot each cell starts at
        column, k = 0, 0
        flags = repeat(False, len(texts)) if headers is None else headers
        shapes = repeat(ONE, len(texts)) if layouts is None else layouts
        for text, (rows_, columns, before), header in zip(texts, shapes, flags, strict=True):
            if before:
                column += min(max(before, 0), MAX_COLUMNS)
            while k < covering and above[k][0] <= column:  # skip slots covered from above
                column = max(column, above[k][0] + above[k][1])
                k += 1
            starts.append(column)
            if rows_ == 1 and columns == 1:
                cells.append(Cell(text, len(places), True, header))
                places.append((number, row, column + 1))
                column += 1
                continue
            width = min(max(columns, 1), MAX_COLUMNS)
            height = rows_ if 0 < rows_ <= count - r else count - r
            cell = SpanCell(text, len(places), columns=width, rows=height, header=header)
            places.append((number, row, column + 1))
            cells.append(cell)
            if height > 1:
                above.append((column, width, r + height - 1, cell))
            column += width
        return _continuing(cells, starts, above, covering, column)

    def document(self) -> CellDocument:
        return CellDocument(self.kind, self.paragraphs, self.places, self.paths)


def _continuing(
    cells: list[Cell],
    starts: list[int],
    above: list[tuple[int, int, int, Cell]],
    covering: int,
    column: int,
) -> tuple[list[Cell], int]:
    """A laid-out row's cells with a continued cell for each of the ``covering`` first
    cells ``above`` that covers a slot right of its first printed cell, in slot order;
    and the row's width in slots (``column``, where its last cell ends, or further)."""
    wide = max(column, max([a[0] + a[1] for a in above])) if above else column
    if covering and cells:
        more = [(a[0], _continued(a[3])) for a in above[:covering] if a[0] > starts[0]]
        if more:  # most rows under a span: it covers the label columns, left of every cell
            laid = [*zip(starts, cells, strict=True), *more]
            laid.sort(key=_FIRST)
            cells = [c for _, c in laid]
    return cells, wide


def _continued(origin: Cell) -> SpanCell:
    """The slot of a later row that ``origin`` covers: its text and place."""
    return SpanCell(
        origin.text,
        origin.at,
        columns=origin.columns,
        rows=origin.rows,
        continued=True,
        header=origin.header,
    )
